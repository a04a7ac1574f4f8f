//! Reading populations from CSV: encodings, bad rows, long fields, hidden characters, empty
//! files. Each good candidate must decide as the core decides the record written by hand.

use cqnet_analytics::csv::{
    Column, CsvError, Encoding, MAX_FIELD_BYTES, RowError, TextEncoding, read_course_population,
};
use cqnet_analytics::{CompiledCourseRules, decide_course};
use cqnet_core::course_based::{self, ExternalScores, TraineeRecord, UnitCourseLabel, UnitRecord};
use cqnet_core::rules::RulePack;
use cqnet_core::{ExamStandard, Hours, InputError, Score};

const HEADER: &str =
    "candidate,unit_code,unit_course,scheduled_hours,attended_hours,rounds,written,practical";

fn score(text: &str) -> Score {
    text.parse().expect("a score")
}

fn hours(text: &str) -> Hours {
    text.parse().expect("hours")
}

/// 홍길동's record as the rows below give it, built by hand.
fn hong() -> TraineeRecord {
    let units = vec![
        UnitRecord::new(
            None,
            hours("40"),
            hours("36"),
            vec![Some(score("85")), Some(score("90.5"))],
        )
        .expect("a unit")
        .in_unit_course(UnitCourseLabel::new("도면 해독").expect("a label")),
        UnitRecord::new(
            None,
            hours("30"),
            hours("22.5"),
            vec![Some(score("88")), None],
        )
        .expect("a unit"),
    ];
    TraineeRecord::new(units)
        .expect("units")
        .with_external(ExternalScores::new(score("80"), score("90")))
}

fn hong_rows() -> String {
    format!("{HEADER}\n홍길동,,도면 해독,40,36,85;90.5,80,90\n홍길동,,,30,22.5,88;-,,\n")
}

fn assert_decides_as_the_core(
    read: &cqnet_analytics::csv::PopulationFile,
    index: usize,
    record: &TraineeRecord,
) {
    let rules = RulePack::embedded().newest();
    let compiled = CompiledCourseRules::compile(&rules).expect("the pack compiles");
    let decisions = decide_course(&read.population, &compiled);
    let core = course_based::decide(record, &ExamStandard::from_rules(&rules), &rules);
    assert_eq!(&read.population.record(index).expect("a candidate"), record);
    let outcome = decisions.outcome(index).expect("a candidate");
    assert_eq!(
        (outcome.completed(), outcome.passed()),
        (core.completed, core.passed)
    );
    let codes: Vec<_> = decisions
        .reasons(index)
        .expect("a candidate")
        .codes()
        .collect();
    let mut expected: Vec<_> = core.reasons.iter().map(|r| r.code).collect();
    expected.dedup();
    assert_eq!(codes, expected);
}

#[test]
fn cp949_is_detected_and_read_as_the_same_population_as_utf8() {
    let text = hong_rows();
    let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "CP949 Hangul is not UTF-8"
    );
    let detected = read_course_population(&bytes, TextEncoding::Detect).expect("a readable file");
    assert_eq!(detected.encoding, Encoding::Cp949);
    assert_eq!(detected.candidate_ids, ["홍길동"]);
    assert!(detected.issues.is_empty(), "{:?}", detected.issues);
    assert_decides_as_the_core(&detected, 0, &hong());
    let named = read_course_population(&bytes, TextEncoding::Cp949).expect("a readable file");
    assert_eq!(named, detected);
    let utf8 =
        read_course_population(text.as_bytes(), TextEncoding::Detect).expect("a readable file");
    assert_eq!(utf8.encoding, Encoding::Utf8);
    assert_eq!(utf8.population, detected.population);
    // Read as UTF-8 when told so, CP949 bytes are refused at the line of the first Hangul.
    assert!(matches!(
        read_course_population(&bytes, TextEncoding::Utf8),
        Err(CsvError::Undecodable {
            encoding: "UTF-8",
            line: 2
        })
    ));
}

#[test]
fn a_byte_order_mark_is_dropped_before_the_header() {
    let text = hong_rows();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    for encoding in [TextEncoding::Detect, TextEncoding::Utf8] {
        let read = read_course_population(&bytes, encoding).expect("a readable file");
        assert_eq!(read.candidate_ids, ["홍길동"], "{encoding:?}");
        assert_decides_as_the_core(&read, 0, &hong());
    }
    assert!(matches!(
        read_course_population(&bytes, TextEncoding::Cp949),
        Err(CsvError::Undecodable {
            encoding: "CP949",
            ..
        })
    ));
}

#[test]
fn bad_rows_are_reported_by_line_and_field_and_the_rest_is_decided() {
    let rows = [
        "홍길동,,도면 해독,40,36,85;90.5,80,90", // 2
        "kim,,,40,36,101,,",                     // 3: score above 100
        "홍길동,,,30,22.5,88;-,,",               // 4
        "lee,,,40,41,85,,",                      // 5: attended above scheduled
        "park,,,40,36,85,80",                    // 6: a field short
        "choi,,,40,36,85,80,",                   // 7: written without practical
        "jung,,,40,36,85,80,90",                 // 8
        "jung,,,40,36,85,81,90",                 // 9: other external scores
        "kang,,,40,36,85;;90,,",                 // 10: an empty round
        "yoon,,,40,36.00001,85,,",               // 11: five decimal places
        ",,,40,36,85,,",                         // 12: no candidate
        "lim,,,40,36,85,,",                      // 13
    ];
    let file = format!("{HEADER}\n{}\n", rows.join("\n"));
    let read =
        read_course_population(file.as_bytes(), TextEncoding::Detect).expect("a readable file");
    let reported: Vec<_> = read
        .issues
        .iter()
        .map(|i| (i.line, i.column, i.candidate.as_deref()))
        .collect();
    assert_eq!(
        reported,
        [
            (3, Some(Column::Rounds), Some("kim")),
            (5, Some(Column::AttendedHours), Some("lee")),
            (6, None, None),
            (7, Some(Column::Practical), Some("choi")),
            (9, Some(Column::Written), Some("jung")),
            (10, Some(Column::Rounds), Some("kang")),
            (11, Some(Column::AttendedHours), Some("yoon")),
            (12, Some(Column::Candidate), None),
        ]
    );
    assert!(matches!(
        read.issues[1].error,
        RowError::Value(InputError::Inconsistent(_))
    ));
    assert!(matches!(
        read.issues[2].error,
        RowError::FieldCount {
            expected: 8,
            found: 7
        }
    ));
    assert!(matches!(read.issues[3].error, RowError::HalfExternal));
    assert!(matches!(read.issues[4].error, RowError::ExternalDiffers));
    assert!(matches!(
        read.issues[6].error,
        RowError::Value(InputError::TooPrecise { .. })
    ));
    assert_eq!(
        read.excluded,
        ["kim", "lee", "choi", "jung", "kang", "yoon"]
    );
    assert_eq!(read.candidate_ids, ["홍길동", "lim"]);
    assert_decides_as_the_core(&read, 0, &hong());
    let lim = TraineeRecord::new(vec![
        UnitRecord::new(None, hours("40"), hours("36"), vec![Some(score("85"))]).expect("a unit"),
    ])
    .expect("units");
    assert_decides_as_the_core(&read, 1, &lim);
}

#[test]
fn a_field_of_100_kb_is_a_bad_row_and_the_next_row_is_read() {
    let long = "8".repeat(100 * 1024);
    let file = format!("{HEADER}\nc-1,,,40,36,{long},,\nc-2,,,40,36,85,,\n{long},,,40,36,85,,\n");
    let read =
        read_course_population(file.as_bytes(), TextEncoding::Detect).expect("a readable file");
    assert_eq!(read.issues.len(), 2);
    assert_eq!(
        (read.issues[0].line, read.issues[0].column),
        (2, Some(Column::Rounds))
    );
    assert!(matches!(
        read.issues[0].error,
        RowError::FieldTooLong { bytes, max: MAX_FIELD_BYTES } if bytes == long.len()
    ));
    assert_eq!(
        (read.issues[1].line, read.issues[1].column),
        (4, Some(Column::Candidate))
    );
    assert_eq!(read.candidate_ids, ["c-2"]);
}

#[test]
fn hidden_and_control_characters_are_refused_where_they_stand() {
    let file = format!(
        "{HEADER}\nbell\u{7},,,40,36,85,,\nc-1,,도면\t해독,40,36,85,,\nc-2,,,40,36,8\u{200B}5,,\nc-3,,,40\u{0},36,85,,\nc-4,,,40,36,85,,\n"
    );
    let read =
        read_course_population(file.as_bytes(), TextEncoding::Detect).expect("a readable file");
    let reported: Vec<_> = read.issues.iter().map(|i| (i.line, i.column)).collect();
    assert_eq!(
        reported,
        [
            (2, Some(Column::Candidate)),
            (3, Some(Column::UnitCourse)),
            (4, Some(Column::Rounds)),
            (5, Some(Column::ScheduledHours)),
        ]
    );
    assert!(matches!(
        read.issues[0].error,
        RowError::Value(InputError::HiddenCharacter {
            character: '\u{7}',
            ..
        })
    ));
    assert!(matches!(
        read.issues[1].error,
        RowError::Value(InputError::HiddenCharacter {
            character: '\t',
            ..
        })
    ));
    assert_eq!(read.candidate_ids, ["c-4"]);
}

#[test]
fn an_empty_file_has_no_header_and_a_header_alone_no_candidate() {
    for empty in [&b""[..], b"\xEF\xBB\xBF"] {
        assert!(matches!(
            read_course_population(empty, TextEncoding::Detect),
            Err(CsvError::NoHeader)
        ));
    }
    let read = read_course_population(format!("{HEADER}\n").as_bytes(), TextEncoding::Detect)
        .expect("a header");
    assert_eq!(read.population.candidates(), 0);
    assert!(read.issues.is_empty() && read.excluded.is_empty());
    // Only the required columns, in another order.
    let short = read_course_population(
        b"rounds,attended_hours,scheduled_hours,candidate\n85,30,40,c-1\n",
        TextEncoding::Utf8,
    )
    .expect("required columns");
    assert_eq!(
        short.population.record(0).expect("a candidate").units()[0].attended(),
        hours("30")
    );
}

#[test]
fn a_header_with_an_unknown_repeated_or_missing_column_is_refused() {
    let unknown = read_course_population(
        b"candidate,scheduled_hours,attended_hours,rounds,grades\n",
        TextEncoding::Utf8,
    );
    assert!(matches!(unknown, Err(CsvError::UnknownColumn { name }) if name == "grades"));
    let twice = read_course_population(
        b"candidate,rounds,scheduled_hours,attended_hours,rounds\n",
        TextEncoding::Utf8,
    );
    assert!(matches!(
        twice,
        Err(CsvError::DuplicateColumn { column: "rounds" })
    ));
    let missing = read_course_population(b"candidate,scheduled_hours,rounds\n", TextEncoding::Utf8);
    assert!(matches!(
        missing,
        Err(CsvError::MissingColumn {
            column: "attended_hours"
        })
    ));
}

#[test]
fn the_qualification_column_is_read_per_candidate_and_a_second_name_is_a_bad_row() {
    let file = "candidate,qualification,scheduled_hours,attended_hours,rounds\n\
                c-1,전기기사,40,40,85\n\
                c-1,전기기사,30,30,90\n\
                c-2,,40,40,85\n\
                c-3,용접기능사,40,40,85\n\
                c-3,전기기사,40,40,85\n\
                c-4,제과기능사\u{202e},40,40,85\n";
    let read = read_course_population(file.as_bytes(), TextEncoding::Utf8).expect("a header");
    assert_eq!(read.candidate_ids, ["c-1", "c-2"]);
    assert_eq!(
        read.qualifications,
        [Some("전기기사".to_owned()), None],
        "one per candidate read, in the population's order"
    );
    assert_eq!(read.excluded, ["c-3", "c-4"]);
    let by_line: Vec<(u64, Option<&str>, &RowError)> = read
        .issues
        .iter()
        .map(|i| (i.line, i.column.map(|c| c.name()), &i.error))
        .collect();
    assert!(matches!(
        by_line[0],
        (6, Some("qualification"), RowError::QualificationDiffers)
    ));
    assert!(matches!(
        by_line[1],
        (
            7,
            Some("qualification"),
            RowError::Value(InputError::HiddenCharacter { .. })
        )
    ));
}
