//! The published statistics of a population file: the columns `year`, `grade`,
//! `institution_type`, `gender`, `field`, `applied` and `acquired` read per candidate, and
//! the funnel of `records_of` equal to the funnel of the records written by hand from the same
//! facts, each stage taken from the core's own decision of the candidate's record.

use cqnet_analytics::csv::{
    Column, PopulationFile, RowError, StatisticsFacts, TextEncoding, read_course_population,
};
use cqnet_analytics::statistics::{FileRecords, records_of};
use cqnet_analytics::{CompiledCourseRules, decide_course};
use cqnet_core::course_based::{self, ExternalScores, TraineeRecord, UnitRecord};
use cqnet_core::rules::RulePack;
use cqnet_core::statistics::{Dimension, Gender, GroupBy, Stage, StatRecord, UNKNOWN, funnel};
use cqnet_core::{ExamStandard, Hours, InputError, Score};

/// The year a candidate counts in when the file gives none.
const DEFAULT_YEAR: u16 = 2024;

/// One candidate as a test writes it: two units, the external scores if taken, and what the
/// file says of them for the statistics (`None`: the field left empty).
struct Person {
    id: &'static str,
    /// Attended hours of each of the two 40-hour units.
    attended: [u32; 2],
    /// Each unit's one round.
    rounds: [u32; 2],
    external: Option<(u32, u32)>,
    qualification: Option<&'static str>,
    year: Option<u16>,
    grade: Option<&'static str>,
    institution_type: Option<&'static str>,
    gender: Option<Gender>,
    field: Option<&'static str>,
    applied: Option<bool>,
    acquired: Option<bool>,
}

const BASE: Person = Person {
    id: "",
    attended: [40, 40],
    rounds: [85, 90],
    external: None,
    qualification: Some("전기기사"),
    year: Some(2025),
    grade: Some("기사"),
    institution_type: Some("직업훈련기관"),
    gender: Some(Gender::F),
    field: Some("전기·전자"),
    applied: None,
    acquired: None,
};

/// People at every stage, in two years, two grades, two qualifications, two institution
/// types, every gender and two job fields, some of each left unknown.
fn people() -> Vec<Person> {
    vec![
        Person {
            id: "p-01",
            external: Some((80, 90)),
            applied: Some(true),
            acquired: Some(true),
            ..BASE
        },
        Person {
            id: "p-02",
            external: Some((85, 95)),
            gender: Some(Gender::M),
            applied: Some(true),
            acquired: Some(false),
            ..BASE
        },
        Person {
            id: "p-03",
            external: Some((30, 40)),
            applied: Some(true),
            ..BASE
        },
        Person {
            id: "p-04",
            applied: Some(true),
            gender: Some(Gender::M),
            ..BASE
        },
        Person {
            id: "p-05",
            gender: None,
            applied: Some(false),
            ..BASE
        },
        Person {
            id: "p-06",
            attended: [10, 40],
            gender: Some(Gender::Unknown),
            ..BASE
        },
        Person {
            id: "p-07",
            external: Some((90, 90)),
            qualification: Some("컴퓨터응용가공산업기사"),
            year: Some(2026),
            grade: Some("산업기사"),
            institution_type: Some("특성화고"),
            field: Some("기계"),
            applied: Some(true),
            acquired: Some(true),
            ..BASE
        },
        Person {
            id: "p-08",
            external: Some((70, 60)),
            qualification: Some("컴퓨터응용가공산업기사"),
            year: Some(2026),
            grade: Some("산업기사"),
            institution_type: Some("특성화고"),
            gender: Some(Gender::M),
            field: Some("기계"),
            ..BASE
        },
        Person {
            id: "p-09",
            rounds: [30, 90],
            qualification: Some("컴퓨터응용가공산업기사"),
            year: Some(2026),
            grade: None,
            institution_type: None,
            field: None,
            ..BASE
        },
        Person {
            id: "p-10",
            qualification: None,
            year: None,
            grade: None,
            institution_type: None,
            gender: None,
            field: None,
            ..BASE
        },
    ]
}

const HEADER: &str = "candidate,scheduled_hours,attended_hours,rounds,written,practical,\
                      qualification,year,grade,institution_type,gender,field,applied,acquired";

fn text<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

/// The file of `people`: each person's first unit on a row with every fact, the second on a
/// row leaving them empty (a fact need be given on one row only).
fn file_of(people: &[Person]) -> String {
    let mut file = format!("{HEADER}\n");
    for p in people {
        let (written, practical) = match p.external {
            Some((w, pr)) => (w.to_string(), pr.to_string()),
            None => (String::new(), String::new()),
        };
        file.push_str(&format!(
            "{},40,{},{},{written},{practical},{},{},{},{},{},{},{},{}\n",
            p.id,
            p.attended[0],
            p.rounds[0],
            text(p.qualification),
            text(p.year),
            text(p.grade),
            text(p.institution_type),
            text(p.gender),
            text(p.field),
            text(p.applied),
            text(p.acquired),
        ));
        file.push_str(&format!(
            "{},40,{},{},,,,,,,,,,\n",
            p.id, p.attended[1], p.rounds[1]
        ));
    }
    file
}

fn hours(n: u32) -> Hours {
    Hours::whole(n).expect("hours")
}

fn score(n: u32) -> Score {
    Score::whole(n).expect("a score")
}

/// The person's record, written by hand.
fn record_of(p: &Person) -> TraineeRecord {
    let units = (0..2)
        .map(|i| {
            UnitRecord::new(
                None,
                hours(40),
                hours(p.attended[i]),
                vec![Some(score(p.rounds[i]))],
            )
            .expect("a unit")
        })
        .collect();
    let record = TraineeRecord::new(units).expect("units");
    match p.external {
        Some((w, pr)) => record.with_external(ExternalScores::new(score(w), score(pr))),
        None => record,
    }
}

/// The person's furthest stage, written by hand from the core's own decision of their record
/// and the facts of the file.
fn stage_of(p: &Person) -> Stage {
    let rules = RulePack::embedded().newest();
    let core = course_based::decide(&record_of(p), &ExamStandard::from_rules(&rules), &rules);
    let passed = core.passed == Some(true);
    if passed && p.acquired == Some(true) {
        Stage::Acquired
    } else if passed {
        Stage::Passed
    } else if p.external.is_some() {
        Stage::Sat
    } else if p.applied == Some(true) {
        Stage::Applied
    } else if core.completed {
        Stage::Target
    } else {
        Stage::Learner
    }
}

/// The person's funnel record, written by hand.
fn stat_record_of(p: &Person) -> StatRecord {
    let record = StatRecord::new(
        p.year.unwrap_or(DEFAULT_YEAR),
        p.grade.unwrap_or(UNKNOWN),
        p.qualification.unwrap_or(UNKNOWN),
        p.institution_type.unwrap_or(UNKNOWN),
        p.gender.unwrap_or(Gender::Unknown),
        stage_of(p),
    )
    .expect("a record");
    match p.field {
        Some(field) => record.with_job_field(field).expect("a job field"),
        None => record,
    }
}

fn read(file: &str) -> PopulationFile {
    read_course_population(file.as_bytes(), TextEncoding::Utf8).expect("a header")
}

fn counted(file: &PopulationFile) -> FileRecords {
    let rules = CompiledCourseRules::compile(&RulePack::embedded().newest()).expect("compiles");
    let decisions = decide_course(&file.population, &rules);
    records_of(file, &decisions, DEFAULT_YEAR).expect("the file's own decisions")
}

fn groupings() -> Vec<GroupBy> {
    use Dimension::*;
    let mut groupings: Vec<Vec<Dimension>> = [
        Year,
        Grade,
        Qualification,
        InstitutionType,
        Gender,
        JobField,
    ]
    .into_iter()
    .map(|d| vec![d])
    .collect();
    groupings.extend([
        vec![Year, Gender],
        vec![Grade, InstitutionType],
        vec![Qualification, JobField],
        vec![JobField, Year],
    ]);
    groupings
        .into_iter()
        .map(|g| GroupBy::new(g).expect("a grouping"))
        .collect()
}

#[test]
fn the_funnel_of_a_file_is_the_funnel_of_its_records_written_by_hand() {
    let people = people();
    let file = read(&file_of(&people));
    assert!(file.issues.is_empty(), "{:?}", file.issues);
    let counted = counted(&file);
    assert!(counted.issues.is_empty() && counted.excluded.is_empty());
    assert_eq!(counted.candidates, (0..people.len()).collect::<Vec<_>>());
    let expected: Vec<StatRecord> = people.iter().map(stat_record_of).collect();
    assert_eq!(counted.records, expected);
    // Every stage is reached by someone, so each column of the funnel is tested.
    let stages: std::collections::BTreeSet<Stage> = people.iter().map(stage_of).collect();
    assert_eq!(stages.len(), 6, "{stages:?}");
    for group_by in groupings() {
        let rows = funnel(&counted.records, &group_by);
        assert!(rows.len() > 1, "{group_by:?} has more than one value");
        assert_eq!(rows, funnel(&expected, &group_by), "{group_by:?}");
    }
}

#[test]
fn the_facts_are_read_once_per_candidate_in_the_populations_order() {
    let people = people();
    let file = read(&file_of(&people));
    let expected: Vec<StatisticsFacts> = people
        .iter()
        .map(|p| StatisticsFacts {
            year: p.year,
            grade: p.grade.map(String::from),
            institution_type: p.institution_type.map(String::from),
            gender: p.gender,
            job_field: p.field.map(String::from),
            applied: p.applied,
            acquired: p.acquired,
        })
        .collect();
    assert_eq!(file.statistics, expected);
}

#[test]
fn a_file_without_the_columns_reads_as_before_and_counts_under_unknown() {
    let people = people();
    let old_header =
        "candidate,scheduled_hours,attended_hours,rounds,written,practical,qualification";
    let without: String = std::iter::once(old_header.to_owned())
        .chain(file_of(&people).lines().skip(1).map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            fields[..7].join(",")
        }))
        .map(|line| line + "\n")
        .collect();
    let old = read(&without);
    let new = read(&file_of(&people));
    assert!(old.issues.is_empty(), "{:?}", old.issues);
    assert_eq!(
        (
            &old.population,
            &old.candidate_ids,
            &old.first_lines,
            &old.qualifications,
            &old.excluded,
            old.encoding
        ),
        (
            &new.population,
            &new.candidate_ids,
            &new.first_lines,
            &new.qualifications,
            &new.excluded,
            new.encoding
        )
    );
    assert!(
        old.statistics
            .iter()
            .all(|f| *f == StatisticsFacts::default())
    );
    assert_eq!(old.statistics.len(), people.len());
    let unknown: Vec<Person> = people
        .into_iter()
        .map(|p| Person {
            year: None,
            grade: None,
            institution_type: None,
            gender: None,
            field: None,
            applied: None,
            acquired: None,
            ..p
        })
        .collect();
    let expected: Vec<StatRecord> = unknown.iter().map(stat_record_of).collect();
    assert_eq!(counted(&old).records, expected);
}

#[test]
fn bad_values_are_bad_rows_with_their_line_and_field_and_the_others_are_decided() {
    let people = people();
    let good = file_of(&people[..2]);
    // Lines: 1 header, 2-5 the good people, then one bad candidate per row pair.
    let bad = "b-year,40,40,85,,,,20x6,,,,,,\n\
               b-year,40,40,85,,,,,,,,,,\n\
               b-gender,40,40,85,,,,,,,?,,,\n\
               b-acquired,40,40,85,,,,,,,,,,maybe\n\
               b-two-years,40,40,85,,,,2025,,,,,,\n\
               b-two-years,40,40,85,,,,2026,,,,,,\n\
               b-short-year,40,40,85,,,,202,,,,,,\n\
               b-applied,40,40,85,,,,,,,,,yes,\n\
               b-no-pass,40,40,85,30,30,,,,,,,true,true\n";
    let file = read(&format!("{good}{bad}"));
    let issues: Vec<(u64, Option<Column>, Option<&str>, &RowError)> = file
        .issues
        .iter()
        .map(|i| (i.line, i.column, i.candidate.as_deref(), &i.error))
        .collect();
    assert_eq!(issues.len(), 6, "{issues:?}");
    assert!(matches!(
        issues[0],
        (
            6,
            Some(Column::Year),
            Some("b-year"),
            RowError::Value(InputError::Malformed {
                what: "statistics year",
                ..
            })
        )
    ));
    assert!(matches!(
        issues[1],
        (
            8,
            Some(Column::Gender),
            Some("b-gender"),
            RowError::Value(InputError::Unknown { what: "gender", .. })
        )
    ));
    assert!(matches!(
        issues[2],
        (
            9,
            Some(Column::Acquired),
            Some("b-acquired"),
            RowError::Value(InputError::Unknown {
                what: "acquired",
                ..
            })
        )
    ));
    assert!(matches!(
        issues[3],
        (
            11,
            Some(Column::Year),
            Some("b-two-years"),
            RowError::CandidateValueDiffers
        )
    ));
    assert!(matches!(
        issues[4],
        (
            12,
            Some(Column::Year),
            Some("b-short-year"),
            RowError::Value(InputError::Malformed { .. })
        )
    ));
    assert!(matches!(
        issues[5],
        (
            13,
            Some(Column::Applied),
            Some("b-applied"),
            RowError::Value(InputError::Unknown {
                what: "applied",
                ..
            })
        )
    ));
    assert_eq!(
        file.excluded,
        [
            "b-year",
            "b-gender",
            "b-acquired",
            "b-two-years",
            "b-short-year",
            "b-applied"
        ]
    );
    assert_eq!(file.candidate_ids, ["p-01", "p-02", "b-no-pass"]);
    // A certificate of one the decision does not pass is a bad row at their first line.
    let counted = counted(&file);
    assert_eq!(counted.excluded, ["b-no-pass"]);
    assert_eq!(counted.issues.len(), 1);
    let issue = &counted.issues[0];
    assert_eq!(
        (issue.line, issue.column, issue.candidate.as_deref()),
        (14, Some(Column::Acquired), Some("b-no-pass"))
    );
    assert_eq!(issue.error, RowError::AcquiredWithoutPass);
    assert_eq!(counted.candidates, [0, 1]);
    let expected: Vec<StatRecord> = people[..2].iter().map(stat_record_of).collect();
    assert_eq!(counted.records, expected);
}

#[test]
fn decisions_of_another_population_are_refused() {
    let file = read(&file_of(&people()));
    let other = read(&file_of(&people()[..3]));
    let rules = CompiledCourseRules::compile(&RulePack::embedded().newest()).expect("compiles");
    let decisions = decide_course(&other.population, &rules);
    assert!(matches!(
        records_of(&file, &decisions, DEFAULT_YEAR),
        Err(cqnet_analytics::statistics::RecordsError::OtherPopulation {
            candidates: 10,
            what: "the decisions",
            found: 3
        })
    ));
}
