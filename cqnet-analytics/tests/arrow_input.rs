//! Reading populations from Arrow IPC files and streams: the same population and decisions
//! as from the CSV file of the same rows, bad rows reported with their row and column while
//! the rest is decided, and bytes that are no population refused with a typed error.

use std::sync::Arc;

use arrow_array::builder::{Decimal128Builder, ListBuilder};
use arrow_array::{
    ArrayRef, Decimal128Array, Float64Array, Int32Array, LargeStringArray, RecordBatch,
    StringArray, UInt16Array,
};
use arrow_ipc::writer::{FileWriter, StreamWriter};
use cqnet_analytics::arrow::{
    IpcError, read_course_population_arrow, read_work_study_population_arrow,
};
use cqnet_analytics::csv::{
    Column, PopulationFile, RowError, TextEncoding, WorkStudyColumn, read_course_population,
    read_work_study_population,
};
use cqnet_analytics::{
    CompiledCourseRules, CompiledWorkStudyRules, CoursePopulation, decide_course,
    decide_work_study, synthetic,
};
use cqnet_core::course_based::TraineeRecord;
use cqnet_core::rules::RulePack;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// One unit's row: candidate, scheduled, attended, rounds, written, practical.
struct UnitRow {
    candidate: String,
    scheduled: Decimal,
    attended: Decimal,
    rounds: Vec<Option<Decimal>>,
    external: Option<(Decimal, Decimal)>,
}

/// The rows of every candidate of `population`, named `c-{index}`, the external scores on
/// each row.
fn unit_rows(population: &CoursePopulation) -> Vec<UnitRow> {
    let mut rows = Vec::new();
    for index in 0..population.candidates() {
        let record: TraineeRecord = population.record(index).expect("a candidate");
        let external = record
            .external()
            .map(|e| (e.written.value(), e.practical.value()));
        for unit in record.units() {
            rows.push(UnitRow {
                candidate: format!("c-{index}"),
                scheduled: unit.scheduled().value(),
                attended: unit.attended().value(),
                rounds: unit.rounds().iter().map(|r| r.map(|s| s.value())).collect(),
                external,
            });
        }
    }
    rows
}

fn text(value: Decimal) -> String {
    value.normalize().to_string()
}

fn csv_of(rows: &[UnitRow]) -> String {
    let mut csv =
        String::from("candidate,scheduled_hours,attended_hours,rounds,written,practical\n");
    for row in rows {
        let rounds: Vec<String> = row
            .rounds
            .iter()
            .map(|r| r.map_or_else(|| "-".to_owned(), text))
            .collect();
        let (written, practical) = row
            .external
            .map_or((String::new(), String::new()), |(w, p)| (text(w), text(p)));
        csv.push_str(&format!(
            "{},{},{},{},{written},{practical}\n",
            row.candidate,
            text(row.scheduled),
            text(row.attended),
            rounds.join(";"),
        ));
    }
    csv
}

/// A Decimal128 of scale 4 (the population's exact form).
fn mantissa(value: Decimal) -> i128 {
    let mut value = value;
    value.rescale(4);
    value.mantissa()
}

fn decimals(values: impl Iterator<Item = Option<Decimal>>) -> ArrayRef {
    let array: Decimal128Array = values.map(|v| v.map(mantissa)).collect();
    Arc::new(
        array
            .with_precision_and_scale(18, 4)
            .expect("a decimal type"),
    )
}

/// The rows as record batches of at most `batch_rows` rows: hours and scores as Decimal128,
/// rounds as a list of them.
fn batches_of(rows: &[UnitRow], batch_rows: usize) -> Vec<RecordBatch> {
    rows.chunks(batch_rows)
        .map(|chunk| {
            let mut rounds = ListBuilder::new(
                Decimal128Builder::new()
                    .with_precision_and_scale(18, 4)
                    .expect("a decimal type"),
            );
            for row in chunk {
                for round in &row.rounds {
                    rounds.values().append_option(round.map(mantissa));
                }
                rounds.append(true);
            }
            let candidates: StringArray =
                chunk.iter().map(|r| Some(r.candidate.as_str())).collect();
            RecordBatch::try_from_iter([
                ("candidate", Arc::new(candidates) as ArrayRef),
                (
                    "scheduled_hours",
                    decimals(chunk.iter().map(|r| Some(r.scheduled))),
                ),
                (
                    "attended_hours",
                    decimals(chunk.iter().map(|r| Some(r.attended))),
                ),
                ("rounds", Arc::new(rounds.finish()) as ArrayRef),
                (
                    "written",
                    decimals(chunk.iter().map(|r| r.external.map(|e| e.0))),
                ),
                (
                    "practical",
                    decimals(chunk.iter().map(|r| r.external.map(|e| e.1))),
                ),
            ])
            .expect("a batch")
        })
        .collect()
}

fn ipc_file(batches: &[RecordBatch]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut writer = FileWriter::try_new(&mut bytes, &batches[0].schema()).expect("a writer");
    for batch in batches {
        writer.write(batch).expect("a batch written");
    }
    writer.finish().expect("the file finished");
    drop(writer);
    bytes
}

fn ipc_stream(batches: &[RecordBatch]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut writer = StreamWriter::try_new(&mut bytes, &batches[0].schema()).expect("a writer");
    for batch in batches {
        writer.write(batch).expect("a batch written");
    }
    writer.finish().expect("the stream finished");
    drop(writer);
    bytes
}

fn one_batch(columns: Vec<(&'static str, ArrayRef)>) -> Vec<u8> {
    let batch = RecordBatch::try_from_iter(columns).expect("a batch");
    ipc_stream(&[batch])
}

fn course_rules() -> CompiledCourseRules {
    CompiledCourseRules::compile(&RulePack::embedded().newest()).expect("the pack compiles")
}

fn assert_same_decisions(a: &PopulationFile, b: &PopulationFile) {
    let rules = course_rules();
    let (da, db) = (
        decide_course(&a.population, &rules),
        decide_course(&b.population, &rules),
    );
    assert_eq!(da.outcomes(), db.outcomes());
    for index in 0..a.population.candidates() {
        assert_eq!(da.reasons(index), db.reasons(index), "candidate {index}");
        assert_eq!(da.scores(index), db.scores(index), "candidate {index}");
    }
}

#[test]
fn a_synthetic_population_reads_from_csv_and_ipc_as_the_same_population_and_decisions() {
    let population = synthetic::openfisca_distribution(500, 12, 11);
    let rows = unit_rows(&population);
    let csv = read_course_population(csv_of(&rows).as_bytes(), TextEncoding::Utf8)
        .expect("the CSV reads");
    // Batches of 1,000 rows split candidates across batches: a candidate's rows join up.
    let batches = batches_of(&rows, 1_000);
    assert!(batches.len() > 1);
    for (format, bytes) in [
        ("file", ipc_file(&batches)),
        ("stream", ipc_stream(&batches)),
    ] {
        let arrow = read_course_population_arrow(&bytes).expect("the IPC reads");
        assert!(arrow.issues.is_empty(), "{format}: {:?}", arrow.issues);
        assert_eq!(arrow.population, population, "{format}");
        assert_eq!(arrow.population, csv.population, "{format}");
        assert_eq!(arrow.candidate_ids, csv.candidate_ids, "{format}");
        // Rows count from 1 with no header line: the CSV's line less one.
        let csv_rows: Vec<u64> = csv.first_lines.iter().map(|l| l - 1).collect();
        assert_eq!(arrow.first_lines, csv_rows, "{format}");
        assert_same_decisions(&arrow, &csv);
    }
}

#[test]
fn bad_rows_are_reported_with_their_row_and_column_and_the_rest_is_decided() {
    // Two batches: rows are counted on across them.
    let first = RecordBatch::try_from_iter_with_nullable([
        (
            "candidate",
            Arc::new(StringArray::from(vec!["ok-1", "neg", "over"])) as ArrayRef,
            true,
        ),
        (
            "scheduled_hours",
            Arc::new(StringArray::from(vec!["40", "40", "40"])) as ArrayRef,
            true,
        ),
        (
            "attended_hours",
            Arc::new(StringArray::from(vec!["36", "-4", "40"])) as ArrayRef,
            true,
        ),
        (
            "rounds",
            Arc::new(StringArray::from(vec!["85", "85", "101"])) as ArrayRef,
            true,
        ),
    ])
    .expect("a batch");
    let second = RecordBatch::try_from_iter_with_nullable([
        (
            "candidate",
            Arc::new(StringArray::from(vec!["word", "null", "ok-2"])) as ArrayRef,
            true,
        ),
        (
            "scheduled_hours",
            Arc::new(StringArray::from(vec![Some("forty"), None, Some("30")])) as ArrayRef,
            true,
        ),
        (
            "attended_hours",
            Arc::new(StringArray::from(vec!["36", "36", "30"])) as ArrayRef,
            true,
        ),
        (
            "rounds",
            Arc::new(StringArray::from(vec!["85", "85", "90;-"])) as ArrayRef,
            true,
        ),
    ])
    .expect("a batch");
    let read = read_course_population_arrow(&ipc_file(&[first, second])).expect("the file reads");
    let found: Vec<_> = read
        .issues
        .iter()
        .map(|i| (i.line, i.column, i.candidate.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (2, Some(Column::AttendedHours), Some("neg")),
            (3, Some(Column::Rounds), Some("over")),
            (4, Some(Column::ScheduledHours), Some("word")),
            (5, Some(Column::ScheduledHours), Some("null")),
        ]
    );
    assert!(
        read.issues
            .iter()
            .all(|i| matches!(i.error, RowError::Value(_)))
    );
    assert_eq!(read.candidate_ids, ["ok-1", "ok-2"]);
    assert_eq!(read.first_lines, [1, 6]);
    assert_eq!(read.excluded, ["neg", "over", "word", "null"]);
    let decisions = decide_course(&read.population, &course_rules());
    assert_eq!(decisions.len(), 2);
}

#[test]
fn typed_columns_refuse_what_the_core_refuses() {
    let mut rounds = ListBuilder::new(Int32Array::builder(4));
    rounds.values().append_value(85);
    rounds.values().append_null();
    rounds.append(true);
    rounds.values().append_value(101);
    rounds.append(true);
    rounds.append(false);
    let bytes = one_batch(vec![
        (
            "candidate",
            Arc::new(LargeStringArray::from(vec![Some("a"), Some("b"), None])),
        ),
        (
            "scheduled_hours",
            Arc::new(Int32Array::from(vec![40, 40, 40])),
        ),
        (
            "attended_hours",
            Arc::new(Int32Array::from(vec![Some(36), Some(36), Some(36)])),
        ),
        ("rounds", Arc::new(rounds.finish())),
    ]);
    let read = read_course_population_arrow(&bytes).expect("the stream reads");
    let found: Vec<_> = read
        .issues
        .iter()
        .map(|i| (i.line, i.column, i.candidate.as_deref()))
        .collect();
    // A null id is an empty one; a null list is no round, a null item a round not taken.
    assert_eq!(
        found,
        [
            (2, Some(Column::Rounds), Some("b")),
            (3, Some(Column::Candidate), None)
        ]
    );
    let record = read.population.record(0).expect("candidate a");
    assert_eq!(record.units()[0].rounds().len(), 2);
    assert_eq!(record.units()[0].rounds()[1], None);
}

#[test]
fn a_negative_integer_hour_is_a_bad_row() {
    let bytes = one_batch(vec![
        ("candidate", Arc::new(StringArray::from(vec!["a", "b"]))),
        ("scheduled_hours", Arc::new(Int32Array::from(vec![40, 40]))),
        ("attended_hours", Arc::new(Int32Array::from(vec![-1, 40]))),
        ("rounds", Arc::new(StringArray::from(vec!["85", "85"]))),
    ]);
    let read = read_course_population_arrow(&bytes).expect("the stream reads");
    assert_eq!(read.issues.len(), 1);
    assert_eq!(
        (read.issues[0].line, read.issues[0].column),
        (1, Some(Column::AttendedHours))
    );
    assert_eq!(read.candidate_ids, ["b"]);
}

#[test]
fn bytes_that_are_no_population_are_typed_errors() {
    let csv = b"candidate,scheduled_hours,attended_hours,rounds\nc-1,40,36,85\n";
    assert!(matches!(
        read_course_population_arrow(csv),
        Err(IpcError::NotArrow { .. })
    ));
    assert!(matches!(
        read_course_population_arrow(b""),
        Err(IpcError::NotArrow { .. })
    ));
    assert!(matches!(
        read_course_population_arrow(b"ARROW1\0\0garbage"),
        Err(IpcError::NotArrow { .. })
    ));

    let hours = |name: &'static str| (name, Arc::new(Int32Array::from(vec![40])) as ArrayRef);
    let id = (
        "candidate",
        Arc::new(StringArray::from(vec!["a"])) as ArrayRef,
    );
    let rounds = (
        "rounds",
        Arc::new(StringArray::from(vec!["85"])) as ArrayRef,
    );

    let missing = one_batch(vec![
        id.clone(),
        hours("scheduled_hours"),
        hours("attended_hours"),
    ]);
    assert_eq!(
        read_course_population_arrow(&missing),
        Err(IpcError::MissingColumn { column: "rounds" })
    );
    let unknown = one_batch(vec![
        id.clone(),
        hours("scheduled_hours"),
        hours("attended_hours"),
        rounds.clone(),
        hours("bonus"),
    ]);
    assert_eq!(
        read_course_population_arrow(&unknown),
        Err(IpcError::UnknownColumn {
            name: "bonus".to_owned()
        })
    );
    let float = one_batch(vec![
        id.clone(),
        hours("scheduled_hours"),
        ("attended_hours", Arc::new(Float64Array::from(vec![36.0]))),
        rounds.clone(),
    ]);
    assert!(matches!(
        read_course_population_arrow(&float),
        Err(IpcError::ColumnType {
            column: "attended_hours",
            ..
        })
    ));
    let numeric_id = one_batch(vec![
        ("candidate", Arc::new(UInt16Array::from(vec![1]))),
        hours("scheduled_hours"),
        hours("attended_hours"),
        rounds.clone(),
    ]);
    assert!(matches!(
        read_course_population_arrow(&numeric_id),
        Err(IpcError::ColumnType {
            column: "candidate",
            ..
        })
    ));
    // A course-based file is no work-study file.
    let course = one_batch(vec![
        id,
        hours("scheduled_hours"),
        hours("attended_hours"),
        rounds,
    ]);
    assert!(matches!(
        read_work_study_population_arrow(&course),
        Err(IpcError::UnknownColumn { .. })
    ));
}

#[test]
fn a_work_study_population_reads_from_csv_and_ipc_alike() {
    let csv = "learner,qualification,ojt_scheduled_hours,ojt_attended_hours,off_jt_scheduled_hours,off_jt_attended_hours,internal_units,external_units\n\
               w-1,기계가공_L3,600,560,200,180.5,P;P;P;P;P;P;P;F;P;P,P;P;P;P;P;P;P;F;P;P\n\
               w-2,,600,100,,,P;P,\n\
               w-3,기계가공_L3,600,560,,,P;X,\n\
               w-1,기계가공_L3,600,560,,,P,\n";
    let from_csv = read_work_study_population(csv.as_bytes(), TextEncoding::Utf8).expect("reads");
    let text = |values: Vec<Option<&str>>| Arc::new(StringArray::from(values)) as ArrayRef;
    let bytes = one_batch(vec![
        (
            "learner",
            text(vec![Some("w-1"), Some("w-2"), Some("w-3"), Some("w-1")]),
        ),
        (
            "qualification",
            text(vec![
                Some("기계가공_L3"),
                None,
                Some("기계가공_L3"),
                Some("기계가공_L3"),
            ]),
        ),
        (
            "ojt_scheduled_hours",
            Arc::new(UInt16Array::from(vec![600, 600, 600, 600])),
        ),
        (
            "ojt_attended_hours",
            Arc::new(UInt16Array::from(vec![560, 100, 560, 560])),
        ),
        (
            "off_jt_scheduled_hours",
            decimals([Some(Decimal::from(200)), None, None, None].into_iter()),
        ),
        (
            "off_jt_attended_hours",
            decimals([Some(Decimal::new(1805, 1)), None, None, None].into_iter()),
        ),
        (
            "internal_units",
            text(vec![
                Some("P;P;P;P;P;P;P;F;P;P"),
                Some("P;P"),
                Some("P;X"),
                Some("P"),
            ]),
        ),
        (
            "external_units",
            text(vec![Some("P;P;P;P;P;P;P;F;P;P"), None, None, None]),
        ),
    ]);
    let from_arrow = read_work_study_population_arrow(&bytes).expect("reads");
    assert_eq!(from_arrow.population, from_csv.population);
    assert_eq!(from_arrow.learner_ids, ["w-2"]);
    assert_eq!(from_arrow.learner_ids, from_csv.learner_ids);
    assert_eq!(from_arrow.excluded, from_csv.excluded);
    let columns = |file: &cqnet_analytics::csv::WorkStudyPopulationFile| -> Vec<_> {
        file.issues
            .iter()
            .map(|i| (i.column, i.error.clone()))
            .collect()
    };
    assert_eq!(columns(&from_arrow), columns(&from_csv));
    assert_eq!(
        from_arrow.issues.iter().map(|i| i.line).collect::<Vec<_>>(),
        [3, 4]
    );
    assert_eq!(
        from_arrow
            .issues
            .iter()
            .map(|i| i.column)
            .collect::<Vec<_>>(),
        [
            Some(WorkStudyColumn::InternalUnits),
            Some(WorkStudyColumn::Learner)
        ]
    );
    let rules = CompiledWorkStudyRules::compile(&RulePack::embedded().newest()).expect("compiles");
    assert_eq!(
        decide_work_study(&from_arrow.population, &rules).outcomes(),
        decide_work_study(&from_csv.population, &rules).outcomes()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any bytes, and any cut or change of a valid file or stream, read to a population or a
    /// typed error: never a panic.
    #[test]
    fn damaged_bytes_never_panic(
        noise in proptest::collection::vec(any::<u8>(), 0..512),
        cut in 0usize..4_000,
        flip in 0usize..4_000,
        byte in any::<u8>(),
        file in any::<bool>(),
    ) {
        let _ = read_course_population_arrow(&noise);
        let rows = unit_rows(&synthetic::openfisca_distribution(8, 3, 5));
        let batches = batches_of(&rows, 10);
        let mut bytes = if file { ipc_file(&batches) } else { ipc_stream(&batches) };
        let _ = read_course_population_arrow(&bytes[..cut.min(bytes.len())]);
        let at = flip % bytes.len();
        bytes[at] ^= byte;
        if let Ok(read) = read_course_population_arrow(&bytes) {
            // A changed id can make a new candidate, never more than one a row.
            prop_assert!(read.population.candidates() + read.excluded.len() <= rows.len());
        }
    }
}
