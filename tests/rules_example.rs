//! Runs `examples/rules.rs`: its commands on the embedded pack and on an overlay, and checks
//! what they print against values read off the pack file by hand.
#![allow(clippy::unwrap_used)]

#[path = "../examples/rules.rs"]
#[allow(dead_code)]
mod example;

use clap::Parser;

fn run(args: &[&str]) -> (usize, String) {
    let cli = example::Cli::try_parse_from(std::iter::once("rules").chain(args.iter().copied()))
        .expect("valid arguments");
    let mut out = String::new();
    let listed = example::run(&cli, &mut out).expect("the command runs");
    (listed, out)
}

#[test]
fn diff_lists_the_changes_between_2024_and_mid_2026_with_both_values() {
    let (listed, out) = run(&["diff", "2024-01-01", "2026-06-01"]);
    // refund.course_based (2024-10-30, now confirmed), certificates.course_based_forms
    // (2025-09-01, mobile added) and work_study.excused_absences (2025-10-22, the ministry's
    // notice) are the only values that start in that period.
    assert_eq!(listed, 3);
    assert!(out.contains("3 values differ between 2024-01-01 and 2026-06-01"));
    assert!(out.contains("work_study.excused_absences (basis only)"));
    assert!(out.contains("refund.course_based (basis only)"));
    assert!(out.contains("certificates.course_based_forms (value)"));
    assert!(
        out.contains("mobile (모바일형) (since 2025-09-01; confirmed; last checked 2026-12-01)")
    );
    assert!(out.contains("(since 2015-01-01; assumption;"));
}

#[test]
fn show_prints_every_value_in_force_with_its_reference_and_review_date() {
    let (listed, out) = run(&["show", "2026-06-01"]);
    assert_eq!(
        listed,
        cqnet::core::rules::RulePack::embedded().parameters().len()
    );
    let retake = out
        .lines()
        .find(|l| l.starts_with("course_based.retake_limit: "))
        .unwrap();
    assert!(retake.contains(": 24 (since 2017-12-19; confirmed; last checked 2026-12-01)"));
    assert!(retake.contains("제20조의2제4항"));
    let (before, _) = run(&["show", "2014-12-31"]);
    assert_eq!(before, 0);
}

#[test]
fn check_is_quiet_on_the_embedded_pack_and_warns_on_unequal_weights() {
    let (listed, out) = run(&["check"]);
    assert_eq!(listed, 0);
    assert!(out.contains("0 warnings"));
    let dir = tempfile::tempdir().unwrap();
    let overlay = dir.path().join("weights.toml");
    let param = |name: &str, value: u32| {
        format!(
            "[course_based.{name}]\ndescription = \"what if\"\n[[course_based.{name}.values]]\nsince = \"2015-01-01\"\nvalue = {value}\nreference = \"host overlay\"\nprovenance = \"assumption\"\nlast_checked = \"2026-12-01\"\n"
        )
    };
    std::fs::write(
        &overlay,
        format!(
            "[overlay]\nname = \"internal-70\"\n{}{}",
            param("internal_weight", 70),
            param("external_weight", 30)
        ),
    )
    .unwrap();
    let (listed, out) = run(&["--overlay", overlay.to_str().unwrap(), "check"]);
    assert_eq!(listed, 1);
    assert!(out.contains("+internal-70"), "{out}");
    assert!(out.contains("internal 70 : external 30"), "{out}");
}

#[test]
fn a_missing_or_refused_overlay_is_an_error() {
    let cli = example::Cli::try_parse_from(["rules", "--overlay", "/nonexistent/x.toml", "check"])
        .unwrap();
    assert!(example::run(&cli, &mut String::new()).is_err());
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[overlay]\nname = \"x\"\n[course_based.no_such]\n").unwrap();
    let cli = example::Cli::try_parse_from(["rules", "--overlay", bad.to_str().unwrap(), "check"])
        .unwrap();
    assert!(example::run(&cli, &mut String::new()).is_err());
}
