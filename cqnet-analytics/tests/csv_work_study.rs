//! The work-study CSV schema reads what the core's records hold, in UTF-8 and CP949, and
//! reports each bad row by line and field while the other learners are read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use cqnet_analytics::csv::{RowError, TextEncoding, WorkStudyColumn, read_work_study_population};
use cqnet_analytics::{CompiledWorkStudyRules, WorkStudyPopulation, decide_work_study};
use cqnet_core::rules::RulePack;
use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
use cqnet_core::{InputError, UnitCode};

const HEADER: &str = "learner,qualification,ojt_scheduled_hours,ojt_attended_hours,off_jt_scheduled_hours,off_jt_attended_hours,internal_units,external_units";

fn hours(scheduled: &str, attended: &str) -> TrainingHours {
    TrainingHours::new(scheduled.parse().unwrap(), attended.parse().unwrap()).unwrap()
}

fn units(results: &str) -> Vec<UnitResult> {
    results
        .chars()
        .map(|c| UnitResult::new(None, c == 'P'))
        .collect()
}

#[test]
fn the_rows_read_are_the_records_they_describe_and_decide_alike() {
    let code: UnitCode = "0201010101_14v2".parse().unwrap();
    let file = format!(
        "{HEADER}\n\
         w-1,기계가공_L3,600,560,200,180.5,0201010101_14v2=P;P;F,P;P;P\n\
         w-2,,300,200,,,P;P,\n\
         w-3,전기_L2,0,0,120,120,F,\n"
    );
    let read = read_work_study_population(file.as_bytes(), TextEncoding::Detect).unwrap();
    assert!(read.issues.is_empty(), "{:?}", read.issues);
    assert_eq!(read.learner_ids, ["w-1", "w-2", "w-3"]);
    assert_eq!(
        read.qualifications,
        [
            Some("기계가공_L3".to_owned()),
            None,
            Some("전기_L2".to_owned())
        ]
    );
    let mut first_units = vec![UnitResult::new(Some(code), true)];
    first_units.extend(units("PF"));
    let expected = [
        LearnerRecord::new(hours("600", "560"), hours("200", "180.5"), first_units)
            .unwrap()
            .with_external(units("PPP"))
            .unwrap(),
        LearnerRecord::new(hours("300", "200"), TrainingHours::NONE, units("PP")).unwrap(),
        LearnerRecord::new(TrainingHours::NONE, hours("120", "120"), units("F")).unwrap(),
    ];
    for (index, record) in expected.iter().enumerate() {
        assert_eq!(
            &read.population.record(index).unwrap(),
            record,
            "learner {index}"
        );
    }
    let rules = CompiledWorkStudyRules::compile(&RulePack::embedded().newest()).unwrap();
    assert_eq!(
        decide_work_study(&read.population, &rules),
        decide_work_study(
            &WorkStudyPopulation::from_records(&expected).unwrap(),
            &rules
        )
    );
}

#[test]
fn a_cp949_file_reads_as_its_utf8_twin() {
    let text = format!("{HEADER}\nw-1,기계가공_L3,600,560,,,P;P,\n");
    let (cp949, _, unmappable) = encoding_rs::EUC_KR.encode(&text);
    assert!(!unmappable);
    let from_cp949 = read_work_study_population(&cp949, TextEncoding::Detect).unwrap();
    let from_utf8 = read_work_study_population(text.as_bytes(), TextEncoding::Detect).unwrap();
    assert_eq!(from_cp949.population, from_utf8.population);
    assert_eq!(from_cp949.qualifications, from_utf8.qualifications);
    assert_ne!(from_cp949.encoding, from_utf8.encoding);
}

#[test]
fn bad_rows_are_reported_by_line_and_field_and_the_rest_is_read() {
    let file = format!(
        "{HEADER}\n\
         w-1,,600,560,,,P;X,\n\
         w-2,,600,601,,,P,\n\
         w-3,,600,560,,,P,\n\
         w-4,,600,560,,,P,\n\
         w-3,,600,500,,,P,\n\
         w-5,제과\u{200b}_L2,600,560,,,P,\n\
         w-6,,600,560,,,,\n\
         w-7,,,,,,P,\n\
         w-8,,600\n"
    );
    let read = read_work_study_population(file.as_bytes(), TextEncoding::Utf8).unwrap();
    assert_eq!(
        read.learner_ids,
        ["w-4"],
        "only the good row that is not repeated"
    );
    let found: Vec<(u64, Option<WorkStudyColumn>)> =
        read.issues.iter().map(|i| (i.line, i.column)).collect();
    use WorkStudyColumn as C;
    assert_eq!(
        found,
        [
            (2, Some(C::InternalUnits)),
            (3, Some(C::OjtAttendedHours)),
            (6, Some(C::Learner)),
            (7, Some(C::Qualification)),
            (8, Some(C::InternalUnits)),
            (9, Some(C::InternalUnits)),
            (10, None),
        ]
    );
    assert!(matches!(read.issues[2].error, RowError::RepeatedLearner));
    assert!(matches!(
        read.issues[3].error,
        RowError::Value(InputError::HiddenCharacter { .. })
    ));
    assert!(matches!(
        read.issues[4].error,
        RowError::Value(InputError::Empty { .. })
    ));
    assert!(matches!(
        read.issues[5].error,
        RowError::Value(InputError::NotPositive { .. })
    ));
    assert!(matches!(read.issues[6].error, RowError::FieldCount { .. }));
    // Both rows of w-3 are left out: the file does not say which is right.
    for id in ["w-1", "w-2", "w-3", "w-5", "w-6", "w-7"] {
        assert!(read.excluded.iter().any(|e| e == id), "{id} left out");
    }
    assert_eq!(read.population.learners(), 1);
}

#[test]
fn a_hours_value_of_more_than_four_places_is_a_bad_row_not_rounded() {
    let file = format!("{HEADER}\nw-1,,600.00001,560,,,P,\n");
    let read = read_work_study_population(file.as_bytes(), TextEncoding::Utf8).unwrap();
    assert_eq!(
        read.issues[0].column,
        Some(WorkStudyColumn::OjtScheduledHours)
    );
    assert!(read.learner_ids.is_empty());
}
