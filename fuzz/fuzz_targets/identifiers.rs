//! Any text through every identifier and value parser: refused or parsed, never a panic, and a
//! parsed value prints back to text that parses to the same value.
#![no_main]

use std::fmt::Display;
use std::str::FromStr;

use cqnet_core::exam::ExamNumber;
use cqnet_core::{
    Area, Grade, Hours, NcsUnitCode, Percent, QualificationCode, Score, Track, UnitCode,
    WorkStudyQualificationName,
};
use libfuzzer_sys::fuzz_target;

fn round_trip<T: FromStr + Display + PartialEq + std::fmt::Debug>(text: &str) {
    if let Ok(value) = text.parse::<T>() {
        let again: T = value
            .to_string()
            .parse()
            .unwrap_or_else(|_| panic!("{value:?} does not parse back from its own text"));
        assert_eq!(again, value);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    round_trip::<NcsUnitCode>(text);
    round_trip::<UnitCode>(text);
    round_trip::<QualificationCode>(text);
    round_trip::<WorkStudyQualificationName>(text);
    round_trip::<ExamNumber>(text);
    round_trip::<Grade>(text);
    round_trip::<Track>(text);
    round_trip::<Score>(text);
    round_trip::<Hours>(text);
    round_trip::<Percent>(text);
    round_trip::<Area>(text);
});
