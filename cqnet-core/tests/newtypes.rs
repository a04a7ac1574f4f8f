//! Every domain newtype survives a serde_json round trip, and deserialising refuses exactly
//! what its constructor (or `FromStr`) refuses. Decimal newtypes refuse JSON floats.

#![allow(clippy::unwrap_used)]

use std::fmt::Debug;
use std::str::FromStr;

use cqnet_core::{
    Area, Grade, Hours, InputError, NcsLevel, NcsUnitCode, Percent, QualificationCode, Score,
    Track, UnitCode, Won, WorkStudyQualificationName,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

// ------------------------------------------------------------------------------------------
// Decimal newtypes: Score, Hours, Percent, Area

/// Decimals in and out of every range: small, around the limits, negative, and with many
/// decimal places.
fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (-20_000i64..=20_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)),
        (-1_000i64..=1_000).prop_map(|n| Decimal::from(100) + Decimal::new(n, 3)),
        (-1_000i64..=1_000).prop_map(|n| Decimal::from(100_000) + Decimal::new(n, 2)),
        (-1_000i64..=1_000).prop_map(|n| Decimal::from(1_000_000) + Decimal::new(n, 2)),
        (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
}

/// Checks one decimal against one decimal newtype, every way it can arrive.
fn check_decimal<T>(
    d: Decimal,
    new: fn(Decimal) -> Result<T, InputError>,
) -> Result<(), TestCaseError>
where
    T: DeserializeOwned
        + Serialize
        + PartialEq
        + Debug
        + FromStr<Err = InputError>
        + Into<Decimal>
        + Copy,
{
    let constructed = new(d);
    let text = d.to_string();
    // As a JSON string.
    let from_string = serde_json::from_value::<T>(Value::String(text.clone()));
    prop_assert_eq!(from_string.is_ok(), constructed.is_ok(), "{:?}", text);
    // Through FromStr.
    let parsed = text.parse::<T>();
    prop_assert_eq!(parsed.is_ok(), constructed.is_ok(), "{:?}", text);
    // As a JSON whole number, where it is one.
    if d.fract().is_zero()
        && let Ok(whole) = i64::try_from(d)
    {
        let from_number = serde_json::from_value::<T>(json!(whole));
        prop_assert_eq!(from_number.is_ok(), constructed.is_ok(), "{}", whole);
    }
    // As a JSON float: always refused, however valid the value.
    if !d.fract().is_zero() {
        let float: f64 = text.parse().unwrap();
        prop_assert!(
            serde_json::from_value::<T>(json!(float)).is_err(),
            "float {} accepted",
            float
        );
    }
    if let Ok(value) = constructed {
        prop_assert_eq!(from_string.unwrap(), value);
        prop_assert_eq!(parsed.unwrap(), value);
        // Round trip: serialised as an exact string, read back equal.
        let json = serde_json::to_value(value).unwrap();
        prop_assert!(json.is_string(), "{} is not a string", json);
        let back: T = serde_json::from_value(json.clone()).unwrap();
        prop_assert_eq!(back, value);
        prop_assert_eq!(Into::<Decimal>::into(back), d);
        // The text form reads back equal too.
        let shown = json.as_str().unwrap().to_owned();
        prop_assert_eq!(shown.parse::<T>().unwrap(), value);
    }
    Ok(())
}

/// Checks one string against one decimal newtype: JSON string iff FromStr.
fn check_decimal_text<T>(s: &str) -> Result<(), TestCaseError>
where
    T: DeserializeOwned + PartialEq + Debug + FromStr<Err = InputError>,
{
    let via_json = serde_json::from_value::<T>(Value::String(s.to_owned()));
    let via_str = s.parse::<T>();
    prop_assert_eq!(via_json.is_ok(), via_str.is_ok(), "{:?}", s);
    if let (Ok(a), Ok(b)) = (via_json, via_str) {
        prop_assert_eq!(a, b);
    }
    Ok(())
}

fn decimal_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?[0-9]{0,7}(\\.[0-9]{0,30})?",
        "[-0-9.eE+ _,]{0,12}",
        any::<String>(),
        prop::sample::select(vec![
            "87.5",
            "87.50",
            "0",
            "-0",
            "100",
            "100.0",
            "100.01",
            "-0.01",
            "1e2",
            "1E2",
            ".5",
            "5.",
            "-",
            "",
            " 87.5",
            "87.5 ",
            "+87.5",
            "８７",
            "0x10",
            "1_000",
            "100000",
            "100000.00",
            "100000.01",
            "1000000",
            "1000000.1",
            "NaN",
            "Infinity",
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #[test]
    fn decimal_newtypes_deserialise_exactly_what_they_construct(d in decimal()) {
        check_decimal::<Score>(d, Score::new)?;
        check_decimal::<Hours>(d, Hours::new)?;
        check_decimal::<Percent>(d, Percent::new)?;
        check_decimal::<Area>(d, Area::new)?;
    }

    #[test]
    fn decimal_newtypes_read_text_as_from_str_does(s in decimal_text()) {
        check_decimal_text::<Score>(&s)?;
        check_decimal_text::<Hours>(&s)?;
        check_decimal_text::<Percent>(&s)?;
        check_decimal_text::<Area>(&s)?;
    }
}

#[test]
fn decimal_ranges_are_as_documented() {
    let ok = |s: &str| -> [bool; 4] {
        [
            s.parse::<Score>().is_ok(),
            s.parse::<Hours>().is_ok(),
            s.parse::<Percent>().is_ok(),
            s.parse::<Area>().is_ok(),
        ]
    };
    assert_eq!(ok("0"), [true; 4]);
    assert_eq!(ok("100"), [true; 4]);
    assert_eq!(ok("-0.0001"), [false; 4]);
    assert_eq!(ok("100.0001"), [false, true, false, true]);
    assert_eq!(ok("100000"), [false, true, false, true]);
    assert_eq!(ok("100000.01"), [false, false, false, true]);
    assert_eq!(ok("1000000"), [false, false, false, true]);
    assert_eq!(ok("1000000.01"), [false; 4]);
}

#[test]
fn a_json_float_is_refused_and_the_same_decimal_as_a_string_is_read_exactly() {
    assert!(serde_json::from_value::<Score>(json!(87.5)).is_err());
    assert!(serde_json::from_str::<Score>("87.5").is_err());
    assert!(serde_json::from_str::<Score>("87.0").is_err());
    assert_eq!(
        serde_json::from_value::<Score>(json!("87.5"))
            .unwrap()
            .value(),
        Decimal::new(875, 1)
    );
    assert_eq!(
        serde_json::from_value::<Score>(json!(87)).unwrap().value(),
        Decimal::from(87)
    );
    assert!(serde_json::from_value::<Hours>(json!(29.5)).is_err());
    assert!(serde_json::from_value::<Hours>(json!("29.5")).is_ok());
    assert!(serde_json::from_value::<Percent>(json!(75.0)).is_err());
    assert!(serde_json::from_value::<Percent>(json!("75")).is_ok());
    assert!(serde_json::from_value::<Area>(json!(1.5)).is_err());
    assert!(serde_json::from_value::<Area>(json!("1.5")).is_ok());
    // 0.1 + 0.2 is not 0.3 in binary floating point; it is as a decimal string.
    let sum = Score::from_str("0.1").unwrap().value() + Score::from_str("0.2").unwrap().value();
    assert_eq!(sum, Decimal::new(3, 1));
    // Serialised as strings, never as JSON numbers.
    assert_eq!(
        serde_json::to_string(&Score::from_str("87.50").unwrap()).unwrap(),
        "\"87.5\""
    );
    // Wrong JSON types are refused.
    for wrong in [
        json!(null),
        json!(true),
        json!([]),
        json!({}),
        json!(["87"]),
    ] {
        assert!(
            serde_json::from_value::<Score>(wrong.clone()).is_err(),
            "{wrong}"
        );
    }
}

// ------------------------------------------------------------------------------------------
// Won

proptest! {
    #[test]
    fn won_round_trips_and_refuses_what_is_not_whole_won(n in any::<u64>(), i in any::<i64>(), f in any::<f64>()) {
        let won = Won::new(n);
        let json = serde_json::to_value(won).unwrap();
        prop_assert_eq!(json.clone(), json!(n));
        prop_assert_eq!(serde_json::from_value::<Won>(json).unwrap(), won);
        // Whole won: every non-negative integer is a constructible amount, a negative is not.
        prop_assert_eq!(serde_json::from_value::<Won>(json!(i)).is_ok(), i >= 0);
        if f.is_finite() && f.fract() != 0.0 {
            prop_assert!(serde_json::from_value::<Won>(json!(f)).is_err());
        }
    }
}

// ------------------------------------------------------------------------------------------
// String newtypes: NcsUnitCode, UnitCode, QualificationCode, WorkStudyQualificationName

fn check_text<T>(s: &str) -> Result<Option<T>, TestCaseError>
where
    T: DeserializeOwned
        + Serialize
        + PartialEq
        + Debug
        + FromStr<Err = InputError>
        + std::fmt::Display
        + Clone,
{
    let via_json = serde_json::from_value::<T>(Value::String(s.to_owned()));
    let via_str = s.parse::<T>();
    prop_assert_eq!(via_json.is_ok(), via_str.is_ok(), "{:?}", s);
    match (via_json, via_str) {
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(a.to_string(), s);
            let json = serde_json::to_value(&a).unwrap();
            prop_assert_eq!(json.clone(), Value::String(s.to_owned()));
            prop_assert_eq!(serde_json::from_value::<T>(json).unwrap(), a.clone());
            Ok(Some(a))
        }
        (Err(json_err), Err(str_err)) => {
            // The JSON error carries the constructor's message.
            prop_assert!(
                json_err.to_string().contains(&str_err.to_string()),
                "{} vs {}",
                json_err,
                str_err
            );
            Ok(None)
        }
        _ => unreachable!("checked above"),
    }
}

/// An NCS unit code by its definition: ten digits, `_`, two digits, `v`, a version.
fn is_ncs_unit_code(s: &str) -> bool {
    let b = s.as_bytes();
    (15..=17).contains(&b.len())
        && b[..10].iter().all(u8::is_ascii_digit)
        && b[10] == b'_'
        && b[11..13].iter().all(u8::is_ascii_digit)
        && b[13] == b'v'
        && b[14..].iter().all(u8::is_ascii_digit)
}

fn is_qualification_code(s: &str) -> bool {
    s.len() == 4
        && s.bytes()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

fn code_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{10}_[0-9]{2}v[0-9]{1,3}",
        "[0-9]{8,11}[_v]?[0-9]{1,3}[v_]?[0-9]{0,4}",
        "[0-9A-Za-z]{3,5}",
        "[0-9A-Z가]{4}",
        "[A-Za-z0-9가-힣 _\\-\t]{0,42}",
        any::<String>(),
        prop::sample::select(vec![
            "1501020207_14v2",
            "1501020207_14v",
            "1501020207_14v12",
            "1501020207_14v123",
            "1501020207_14v1234",
            "1501020207-14v2",
            "150102020_14v2",
            "1501020207_14V2",
            "1320",
            "2N0C",
            "2n0c",
            "13200",
            "",
            " ",
            "A",
            "LOCAL-01",
            "two words",
            "a\u{0}",
            "ａ",
            "LOCAL\u{200B}-01",
            "LOCAL\u{202E}10-",
            "가나다",
            "0123456789012345678901234567890123456789",
            "01234567890123456789012345678901234567890",
        ])
        .prop_map(str::to_owned),
    ]
}

fn qualification_name_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z가-힣]{1,10}_L[0-9](_ver[0-9]\\.[0-9])?",
        "[A-Za-z가-힣 _]{0,10}_L[0-9]{0,2}(_ver[0-9.]{0,4})?",
        any::<String>(),
        prop::sample::select(vec![
            "CNC밀링가공_L3",
            "SW개발_L5",
            "품질경영_L2_ver1.0",
            "SW개발",
            "_L3",
            " _L3",
            "a_L0",
            "a_L9",
            "a_L10",
            "a_L3_ver",
            "a_L3_ver1.0",
            "a_L3_verx",
            "a_L3_L4",
            "a_Lx",
            "a\u{7}_L3",
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #[test]
    fn string_newtypes_deserialise_exactly_what_they_construct(s in code_text()) {
        let ncs = check_text::<NcsUnitCode>(&s)?;
        prop_assert_eq!(ncs.is_some(), is_ncs_unit_code(&s), "{:?}", s);
        let unit = check_text::<UnitCode>(&s)?;
        // A unit code is printable ASCII by its format.
        let unit_ok = (1..=40).contains(&s.len()) && s.bytes().all(|b| (b'!'..=b'~').contains(&b));
        prop_assert_eq!(unit.is_some(), unit_ok, "{:?}", s);
        // An NCS code is a unit code, and the unit code recognises it.
        if let Some(ncs) = ncs {
            prop_assert_eq!(unit.unwrap().ncs(), Some(ncs));
        }
        let qualification = check_text::<QualificationCode>(&s)?;
        prop_assert_eq!(qualification.is_some(), is_qualification_code(&s), "{:?}", s);
    }

    #[test]
    fn work_study_names_deserialise_exactly_what_they_construct(s in qualification_name_text()) {
        if let Some(name) = check_text::<WorkStudyQualificationName>(&s)? {
            let level = name.level().get();
            prop_assert!((1..=8).contains(&level));
            let stem = format!("{}_L{}", name.occupation(), level);
            prop_assert!(s.starts_with(&stem), "{:?} vs {:?}", s, stem);
            match name.catalog_version() {
                Some(v) => prop_assert_eq!(s.clone(), format!("{stem}_ver{v}")),
                None => prop_assert_eq!(s.clone(), stem),
            }
        }
    }
}

#[test]
fn work_study_names_as_documented() {
    let name: WorkStudyQualificationName =
        serde_json::from_value(json!("품질경영_L2_ver1.0")).unwrap();
    assert_eq!(name.occupation(), "품질경영");
    assert_eq!(name.level().get(), 2);
    assert_eq!(name.catalog_version(), Some("1.0"));
    for bad in ["SW개발", "_L3", "a_L0", "a_L9", "a_L10", "   _L3"] {
        assert!(
            serde_json::from_value::<WorkStudyQualificationName>(json!(bad)).is_err(),
            "{bad}"
        );
        assert!(WorkStudyQualificationName::new(bad).is_err(), "{bad}");
    }
    assert!(matches!(
        WorkStudyQualificationName::new("a_L9"),
        Err(InputError::OutOfRange { .. })
    ));
}

// ------------------------------------------------------------------------------------------
// NcsLevel

proptest! {
    #[test]
    fn ncs_levels_deserialise_exactly_what_they_construct(n in prop_oneof![-3i64..=300, any::<i64>()]) {
        let constructed = u8::try_from(n).ok().map(NcsLevel::new);
        let read = serde_json::from_value::<NcsLevel>(json!(n));
        prop_assert_eq!(read.is_ok(), matches!(constructed, Some(Ok(_))), "{}", n);
        if let Ok(level) = read {
            prop_assert_eq!(i64::from(level.get()), n);
            let json = serde_json::to_value(level).unwrap();
            prop_assert_eq!(json.clone(), json!(n));
            prop_assert_eq!(serde_json::from_value::<NcsLevel>(json).unwrap(), level);
            prop_assert_eq!(level.to_string(), format!("L{n}"));
        }
    }
}

#[test]
fn ncs_level_refuses_text_and_floats() {
    assert!(serde_json::from_value::<NcsLevel>(json!("3")).is_err());
    assert!(serde_json::from_value::<NcsLevel>(json!(3.0)).is_err());
    assert!(serde_json::from_value::<NcsLevel>(json!(0)).is_err());
    assert!(serde_json::from_value::<NcsLevel>(json!(9)).is_err());
    assert_eq!(
        serde_json::from_value::<NcsLevel>(json!(8)).unwrap(),
        NcsLevel::new(8).unwrap()
    );
}

// ------------------------------------------------------------------------------------------
// Grade and Track

const GRADES: [Grade; 9] = [
    Grade::ProfessionalEngineer,
    Grade::MasterCraftsman,
    Grade::Engineer,
    Grade::IndustrialEngineer,
    Grade::Craftsman,
    Grade::FirstClass,
    Grade::SecondClass,
    Grade::ThirdClass,
    Grade::SingleGrade,
];
const TRACKS: [Track; 2] = [Track::CourseBased, Track::WorkStudy];

const GRADE_NAMES_KO: [&str; 9] = [
    "기술사",
    "기능장",
    "기사",
    "산업기사",
    "기능사",
    "1급",
    "2급",
    "3급",
    "단일등급",
];
const TRACK_NAMES_KO: [&str; 2] = ["과정평가형", "일학습병행"];

#[test]
fn every_grade_and_track_round_trips() {
    for grade in GRADES {
        let json = serde_json::to_value(grade).unwrap();
        assert_eq!(
            json,
            json!(grade.to_string()),
            "serialised as its identifier"
        );
        assert_eq!(serde_json::from_value::<Grade>(json).unwrap(), grade);
        assert_eq!(grade.to_string().parse::<Grade>().unwrap(), grade);
        assert_eq!(grade.korean_name().parse::<Grade>().unwrap(), grade);
        assert_eq!(Grade::from_code(grade.code()), Some(grade));
    }
    for track in TRACKS {
        let json = serde_json::to_value(track).unwrap();
        assert_eq!(json, json!(track.as_str()));
        assert_eq!(serde_json::from_value::<Track>(json).unwrap(), track);
        assert_eq!(track.to_string().parse::<Track>().unwrap(), track);
    }
    // Distinct codes and names.
    let codes: std::collections::BTreeSet<u8> = GRADES.iter().map(|g| g.code()).collect();
    assert_eq!(codes.len(), GRADES.len());
}

fn enum_text() -> impl Strategy<Value = String> {
    let known: Vec<String> = GRADES
        .iter()
        .map(|g| g.to_string())
        .chain(TRACKS.iter().map(|t| t.to_string()))
        .chain(
            GRADE_NAMES_KO
                .iter()
                .chain(TRACK_NAMES_KO.iter())
                .map(|s| (*s).to_owned()),
        )
        .collect();
    prop_oneof![
        prop::sample::select(known.clone()),
        prop::sample::select(known).prop_map(|s| s.to_uppercase()),
        "[a-z_]{0,22}",
        any::<String>(),
    ]
}

proptest! {
    /// What deserialising accepts, `FromStr` accepts as the same value; the stable identifiers
    /// are accepted both ways.
    #[test]
    fn grades_and_tracks_deserialise_only_what_they_parse(s in enum_text()) {
        let grade_json = serde_json::from_value::<Grade>(json!(s));
        let grade_str = s.parse::<Grade>();
        if let Ok(g) = &grade_json {
            prop_assert_eq!(grade_str.as_ref().ok(), Some(g));
        }
        if let Ok(g) = &grade_str
            && s == g.to_string()
        {
            prop_assert!(grade_json.is_ok());
        }
        let track_json = serde_json::from_value::<Track>(json!(s));
        let track_str = s.parse::<Track>();
        if let Ok(t) = &track_json {
            prop_assert_eq!(track_str.as_ref().ok(), Some(t));
        }
        if let Ok(t) = &track_str
            && s == t.as_str()
        {
            prop_assert!(track_json.is_ok());
        }
    }
}

/// `FromStr` accepts the Korean names (산업기사, 과정평가형) but deserialising does not, so a
/// value a host parses from a form cannot be read back from its own JSON input.
#[test]
fn grades_and_tracks_deserialise_exactly_what_they_parse() {
    for name in GRADE_NAMES_KO {
        assert_eq!(
            serde_json::from_value::<Grade>(json!(name)).ok(),
            name.parse::<Grade>().ok(),
            "{name}"
        );
    }
    for name in TRACK_NAMES_KO {
        assert_eq!(
            serde_json::from_value::<Track>(json!(name)).ok(),
            name.parse::<Track>().ok(),
            "{name}"
        );
    }
}

#[test]
fn an_instant_in_a_message_reads_in_korean_time_whatever_its_offset() {
    use cqnet_core::Quantity;
    let utc = chrono::DateTime::parse_from_rfc3339("2026-10-05T01:00:00Z").unwrap();
    let kst = chrono::DateTime::parse_from_rfc3339("2026-10-05T10:00:00+09:00").unwrap();
    assert_eq!(
        Quantity::Instant(utc).to_string(),
        Quantity::Instant(kst).to_string()
    );
    assert_eq!(
        Quantity::Instant(utc).to_string(),
        "2026-10-05T10:00:00+09:00"
    );
}
