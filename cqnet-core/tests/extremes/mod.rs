//! Extreme values for the tests that drive the public API at its limits: decimals at
//! rust_decimal's limits and at every scale up to 28 places, instants across chrono's whole
//! range at every offset (with leap seconds and leap days), calendar dates at chrono's limits
//! and leap days, the bounded values at their limits, and a check that turns a panic into a
//! failure naming what was being tried.

// Each test file takes the values its decisions read, not all of them.
#![allow(dead_code)]

use std::panic::{AssertUnwindSafe, catch_unwind};

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveDateTime};
use cqnet_core::rules::{RulePack, Rules};
use cqnet_core::{Area, Hours, Percent, Score, Years};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Runs `f`, turning a panic into a test failure that names what was being tried.
pub fn no_panic<T>(what: &str, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => value,
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            panic!("{what} panicked: {message}");
        }
    }
}

/// An RFC 3339 instant.
pub fn instant(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("an RFC 3339 instant")
}

/// A calendar date.
pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a calendar date")
}

/// The last instant chrono can hold, at UTC.
pub fn latest_instant() -> DateTime<FixedOffset> {
    NaiveDateTime::MAX.and_utc().fixed_offset()
}

/// The first instant chrono can hold, at UTC.
pub fn earliest_instant() -> DateTime<FixedOffset> {
    NaiveDateTime::MIN.and_utc().fixed_offset()
}

/// Decimals at rust_decimal's limits and at every scale up to 28 places.
pub fn extreme_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        Just(Decimal::new(1, 28)),
        Just(Decimal::new(-1, 28)),
        (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, negative, scale)| Decimal::from_parts(
                lo, mid, hi, negative, scale
            )),
    ]
}

/// UTC times across chrono's whole range: its limits, a leap day, any second, and leap seconds
/// (chrono allows one at the end of any minute).
fn extreme_utc() -> impl Strategy<Value = NaiveDateTime> {
    prop_oneof![
        Just(NaiveDateTime::MIN),
        Just(NaiveDateTime::MAX),
        Just(date(2024, 2, 29).and_hms_opt(23, 59, 59).expect("a time")),
        (NaiveDateTime::MIN.and_utc().timestamp()..=NaiveDateTime::MAX.and_utc().timestamp())
            .prop_map(|s| DateTime::from_timestamp(s, 0)
                .expect("inside chrono's range")
                .naive_utc()),
        (0i64..=100_000, 0u32..1_000_000_000).prop_map(|(minute, nano)| {
            DateTime::from_timestamp(1_483_228_740 + minute * 60 + 59, 1_000_000_000 + nano)
                .expect("a leap second")
                .naive_utc()
        }),
        // Around the supported years' ends in Korea (1900-01-01 and 9999-12-31, UTC+9).
        (-200_000i64..=200_000).prop_map(|s| {
            DateTime::from_timestamp(-2_208_988_800 - 9 * 3600 + s, 0)
                .expect("in range")
                .naive_utc()
        }),
        (-200_000i64..=200_000).prop_map(|s| {
            DateTime::from_timestamp(253_402_300_800 - 9 * 3600 + s, 0)
                .expect("in range")
                .naive_utc()
        }),
    ]
}

/// Every offset a `FixedOffset` accepts: up to a second short of a day either way.
fn any_offset() -> impl Strategy<Value = FixedOffset> {
    prop_oneof![
        Just(FixedOffset::east_opt(9 * 3600).expect("UTC+9")),
        Just(FixedOffset::east_opt(86_399).expect("the largest offset")),
        Just(FixedOffset::west_opt(86_399).expect("the smallest offset")),
        (-86_399i32..=86_399).prop_map(|s| FixedOffset::east_opt(s).expect("an offset")),
    ]
}

/// Instants across chrono's whole range at every offset whose local time chrono can hold.
pub fn extreme_instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (extreme_utc(), any_offset()).prop_filter_map(
        "the local time fits in chrono",
        |(utc, offset)| {
            utc.checked_add_offset(offset)?;
            Some(utc.and_utc().with_timezone(&offset))
        },
    )
}

/// Instants across chrono's whole range at every offset, including those whose local time at
/// their offset lies past chrono's range (its last instant an hour east).
pub fn any_instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (extreme_utc(), any_offset()).prop_map(|(utc, offset)| utc.and_utc().with_timezone(&offset))
}

/// Instants inside the supported years (1900-01-01 to 9999-12-31 in Korea) at every offset:
/// their first and last, any second between, and instants around 2026.
pub fn supported_instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    let first = -2_208_988_800 - 9 * 3600;
    let last = 253_402_300_800 - 9 * 3600 - 1;
    let utc = prop_oneof![
        Just(first),
        Just(last),
        first..=last,
        1_700_000_000i64..=1_900_000_000,
    ];
    (utc, 0u32..1_000_000_000, any_offset()).prop_map(|(s, nano, offset)| {
        DateTime::from_timestamp(s, nano)
            .expect("inside chrono's range")
            .with_timezone(&offset)
    })
}

/// Calendar dates: chrono's first and last, the supported years' ends, leap days (2000's, a
/// century's, and the last of year 9999's century), any day chrono holds, and days around 2026.
pub fn extreme_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::MIN.num_days_from_ce();
    let last = NaiveDate::MAX.num_days_from_ce();
    prop_oneof![
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        prop::sample::select(vec![
            date(1900, 1, 1),
            date(9999, 12, 31),
            date(1904, 2, 29),
            date(2000, 2, 29),
            date(2024, 2, 29),
            date(2100, 2, 28),
            date(9996, 2, 29),
        ]),
        (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range")),
        (0u64..=8_000).prop_map(|n| date(2015, 1, 1)
            .checked_add_days(Days::new(n))
            .expect("in range")),
    ]
}

/// Hours at their limits (0, 0.0001, 99,999.9999, 100,000) and any between, to 4 places.
pub fn extreme_hours() -> impl Strategy<Value = Hours> {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(Decimal::new(1, 4)),
        Just(Decimal::new(999_999_999, 4)),
        Just(Decimal::from(100_000)),
        (0u32..=100_000, 0u32..=4).prop_map(|(n, s)| Decimal::new(i64::from(n), s)),
        (0i64..=1_000_000_000).prop_map(|n| Decimal::new(n, 4)),
    ]
    .prop_map(|d| Hours::new(d).expect("hours in range"))
}

/// Areas at their limits (0, 0.0001, 1,000,000 ㎡) and any between, to 4 places.
pub fn extreme_area() -> impl Strategy<Value = Area> {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(Decimal::new(1, 4)),
        Just(Decimal::from(1_000_000)),
        (0u32..=1_000_000).prop_map(Decimal::from),
        (0i64..=10_000_000_000).prop_map(|n| Decimal::new(n, 4)),
    ]
    .prop_map(|d| Area::new(d).expect("an area"))
}

/// A decimal from 0 to 100 with up to 4 places: 0, 0.0001, 99.9999, 100 and any between.
fn hundred_scale() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(Decimal::new(1, 4)),
        Just(Decimal::new(999_999, 4)),
        Just(Decimal::ONE_HUNDRED),
        (0u32..=100).prop_map(Decimal::from),
        (0i64..=1_000_000).prop_map(|n| Decimal::new(n, 4)),
    ]
}

/// Scores at their limits and any between, to 4 places.
pub fn extreme_score() -> impl Strategy<Value = Score> {
    hundred_scale().prop_map(|d| Score::new(d).expect("a score"))
}

/// An internal evaluation round: taken with a score at the limits, or missed.
pub fn extreme_round() -> impl Strategy<Value = Option<Score>> {
    prop_oneof![Just(None), extreme_score().prop_map(Some)]
}

/// Percentages at their limits and any between, to 4 places.
pub fn extreme_percent() -> impl Strategy<Value = Percent> {
    hundred_scale().prop_map(|d| Percent::new(d).expect("a percent"))
}

/// Years of experience at their limits (0, 0.0001, 100) and any between, to 4 places.
pub fn extreme_years() -> impl Strategy<Value = Years> {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(Decimal::new(1, 4)),
        Just(Decimal::from(100)),
        (0u32..=100).prop_map(Decimal::from),
        (0i64..=1_000_000).prop_map(|n| Decimal::new(n, 4)),
    ]
    .prop_map(|d| Years::new(d).expect("years in range"))
}

/// Whole numbers at the limits of a `u32` and around the small counts the rules name.
pub fn extreme_u32() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0),
        Just(1),
        Just(u32::MAX - 1),
        Just(u32::MAX),
        0u32..=200,
        any::<u32>(),
    ]
}

/// Whole numbers at the limits of a `u64` and around the small counts the rules name.
pub fn extreme_u64() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0),
        Just(1),
        Just(u64::MAX - 1),
        Just(u64::MAX),
        0u64..=200,
        any::<u64>(),
    ]
}

/// The embedded pack's rules in force on each day one of its values changes (from the first
/// day every value is in force).
pub fn embedded_rules() -> impl Strategy<Value = Rules> {
    let pack = RulePack::embedded();
    let mut days: Vec<NaiveDate> = pack
        .parameters()
        .iter()
        .flat_map(|p| p.rows.iter().map(|row| row.since))
        .collect();
    days.sort_unstable();
    days.dedup();
    let rules: Vec<Rules> = days
        .into_iter()
        .filter_map(|day| pack.rules_at(day).ok())
        .collect();
    assert!(!rules.is_empty(), "the pack has rules on some day");
    prop::sample::select(rules)
}
