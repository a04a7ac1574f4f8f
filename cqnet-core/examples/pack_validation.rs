//! How long loading and validating a rule pack takes as its dated values grow: the embedded
//! pack with one parameter (`course_based.pass_average`) given 1,000, 2,000, 4,000 and 8,000
//! dated values, one a day, through an overlay. Figures are in `docs/performance.md`.
//!
//! ```text
//! cargo run --release -p cqnet-core --example pack_validation
//! ```

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use cqnet_core::rules::RulePack;

/// An overlay giving `course_based.pass_average` `values` dated values, one a day from
/// 2015-01-01, all 80.
fn overlay(values: u64) -> String {
    let mut text = String::from(
        "[overlay]\nname = \"many-values\"\n[course_based.pass_average]\ndescription = \"pass mark, one value a day\"\n",
    );
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    for day in 0..values {
        let since = start.checked_add_days(Days::new(day)).unwrap_or(start);
        let _ = write!(
            text,
            "[[course_based.pass_average.values]]\nsince = \"{since}\"\nvalue = 80\nreference = \"국가기술자격법 시행령 제20조의2제3항\"\nprovenance = \"confirmed\"\nlast_checked = \"2026-12-01\"\n"
        );
    }
    text
}

/// The fastest of `runs` loads of the overlay: the time with the least interference.
fn fastest(text: &str, runs: u32) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            let pack = RulePack::embedded().with_overlay(text);
            let took = started.elapsed();
            assert!(pack.is_ok(), "the overlay is valid: {pack:?}");
            took
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    println!("| dated values | load and validate (fastest of 5) | per value |");
    println!("|---|---|---|");
    for values in [1_000u64, 2_000, 4_000, 8_000] {
        let text = overlay(values);
        let took = fastest(&text, 5);
        let per_value = took / u32::try_from(values).unwrap_or(u32::MAX);
        println!("| {values} | {took:.1?} | {per_value:.1?} |");
    }
}
