//! The pack's review dates, the pack check's warnings and the legislation view (diff, values in
//! force). Expected values are read off `default.toml` by hand, not computed by the code.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use cqnet_core::Provenance;
use cqnet_core::rules::{EMBEDDED_PACK_TOML, PackWarning, RulePack, RulePackError};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn paths(changes: &[cqnet_core::rules::RuleChange]) -> Vec<&'static str> {
    changes.iter().map(|c| c.path).collect()
}

/// An overlay replacing `course_based.pass_average` with one value of the given provenance and
/// review date.
fn pass_mark_overlay(provenance: &str, last_checked: &str) -> String {
    format!(
        r#"
[overlay]
name = "review"
[course_based.pass_average]
description = "pass mark"
[[course_based.pass_average.values]]
since = "2015-01-01"
value = 80
reference = "국가기술자격법 시행령 제20조의2제3항"
provenance = "{provenance}"
last_checked = "{last_checked}"
"#
    )
}

// ------------------------------------------------------------------ review dates

#[test]
fn the_embedded_pack_is_dated_and_every_value_has_a_review_date() {
    let pack = RulePack::embedded();
    assert_eq!(pack.date(), date("2026-12-01"));
    let rows: Vec<_> = pack.parameters().into_iter().flat_map(|p| p.rows).collect();
    assert_eq!(
        rows.len(),
        EMBEDDED_PACK_TOML.matches("\nlast_checked = ").count()
    );
    assert!(rows.iter().all(|r| r.last_checked <= pack.date()));
}

#[test]
fn a_value_without_a_review_date_is_refused() {
    let without = EMBEDDED_PACK_TOML.replacen("last_checked = \"2026-12-01\"\n", "", 1);
    assert_ne!(without, EMBEDDED_PACK_TOML);
    match RulePack::from_toml(&without).unwrap_err() {
        RulePackError::Syntax(message) => assert!(message.contains("last_checked"), "{message}"),
        other => panic!("{other:?}"),
    }
    let not_a_date = EMBEDDED_PACK_TOML.replacen(
        "last_checked = \"2026-12-01\"",
        "last_checked = \"yesterday\"",
        1,
    );
    assert!(matches!(
        RulePack::from_toml(&not_a_date),
        Err(RulePackError::Syntax(_))
    ));
    let no_pack_date = EMBEDDED_PACK_TOML.replacen("date = \"2026-12-01\"\n", "", 1);
    assert!(matches!(
        RulePack::from_toml(&no_pack_date),
        Err(RulePackError::Syntax(_))
    ));
}

#[test]
fn the_reference_table_shows_the_review_date() {
    let table = RulePack::embedded().reference_table();
    assert!(table.starts_with(
        "| parameter | meaning | since | until | value | reference | provenance | last checked |"
    ));
    let retake_2017 = table
        .lines()
        .find(|l| l.starts_with("| course_based.retake_limit |") && l.contains("| 2017-12-19 |"))
        .unwrap();
    assert!(
        retake_2017.ends_with("| confirmed | 2026-12-01 |"),
        "{retake_2017}"
    );
}

// ------------------------------------------------------------------ warnings

#[test]
fn a_confirmed_value_checked_more_than_a_year_before_the_pack_date_is_flagged() {
    let pack = RulePack::embedded();
    // The pack is dated 2026-12-01: 2025-12-01 is exactly a year before, still fresh.
    let fresh = pack
        .with_overlay(&pass_mark_overlay("confirmed", "2025-12-01"))
        .unwrap();
    assert!(fresh.warnings().is_empty(), "{:?}", fresh.warnings());
    let stale = pack
        .with_overlay(&pass_mark_overlay("confirmed", "2025-11-30"))
        .unwrap();
    assert_eq!(
        stale.warnings(),
        vec![PackWarning::ReviewOverdue {
            param: "course_based.pass_average",
            since: date("2015-01-01"),
            last_checked: date("2025-11-30"),
            pack_date: date("2026-12-01"),
        }]
    );
    assert!(stale.warnings()[0].to_string().contains("2025-11-30"));
    // Only confirmed values are flagged: an old assumption claims nothing to re-check.
    for provenance in ["secondary", "assumption"] {
        let old = pack
            .with_overlay(&pass_mark_overlay(provenance, "2019-01-01"))
            .unwrap();
        assert!(old.warnings().is_empty(), "{provenance}");
    }
}

#[test]
fn a_later_pack_date_flags_every_confirmed_value_and_only_those() {
    let later = EMBEDDED_PACK_TOML.replacen("date = \"2026-12-01\"", "date = \"2028-01-01\"", 1);
    let pack = RulePack::from_toml(&later).unwrap();
    let warnings = pack.warnings();
    // Every confirmed value of the pack was checked in 2026, more than a year before 2028.
    let confirmed = EMBEDDED_PACK_TOML
        .lines()
        .filter(|l| *l == "provenance = \"confirmed\"")
        .count();
    // The licence rules carry their own provenance lines inside one dated value.
    let licence_lines = 2;
    assert_eq!(warnings.len(), confirmed - licence_lines);
    assert!(warnings.iter().any(|w| matches!(
        w,
        PackWarning::ReviewOverdue { param: "work_study.plan_deadline", since, .. }
            if *since == date("2020-08-28")
    )));
}

#[test]
fn unequal_final_weights_are_a_warning_not_an_error() {
    let overlay = r#"
[overlay]
name = "internal-60"
[course_based.internal_weight]
description = "what if"
[[course_based.internal_weight.values]]
since = "2015-01-01"
value = 50
reference = "국가기술자격법 시행령 제20조의2제3항"
provenance = "confirmed"
last_checked = "2026-12-01"
[[course_based.internal_weight.values]]
since = "2026-03-01"
value = 60
reference = "host overlay"
provenance = "assumption"
last_checked = "2026-12-01"
[course_based.external_weight]
description = "what if"
[[course_based.external_weight.values]]
since = "2015-01-01"
value = 50
reference = "국가기술자격법 시행령 제20조의2제3항"
provenance = "confirmed"
last_checked = "2026-12-01"
[[course_based.external_weight.values]]
since = "2026-03-01"
value = 40
reference = "host overlay"
provenance = "assumption"
last_checked = "2026-12-01"
"#;
    let pack = RulePack::embedded().with_overlay(overlay).unwrap();
    let warnings = pack.warnings();
    // One warning from the first day the weights differ, not one per later change date.
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    match &warnings[0] {
        PackWarning::FinalWeightsDepartFromDecree {
            since,
            internal_weight,
            external_weight,
        } => {
            assert_eq!(*since, date("2026-03-01"));
            assert_eq!(internal_weight.to_string(), "60");
            assert_eq!(external_weight.to_string(), "40");
        }
        other => panic!("{other:?}"),
    }
    assert!(warnings[0].to_string().contains("제20조의2제3항"));
    assert_eq!(pack.id().overlays, vec!["internal-60".to_owned()]);
}

// ------------------------------------------------------------------ legislation view

#[test]
fn the_diff_between_2024_and_mid_2026_lists_the_two_changes_of_that_period() {
    // Between those days only refund.course_based (2024-10-30: the same schedule, now
    // confirmed), work_study.excused_absences (2025-10-22: the same list, now the notice's as
    // a case book reproduces it) and certificates.course_based_forms (2025-09-01: mobile
    // added) change.
    let changes = RulePack::embedded().diff(date("2024-01-01"), date("2026-06-01"));
    assert_eq!(
        paths(&changes),
        vec![
            "work_study.excused_absences",
            "refund.course_based",
            "certificates.course_based_forms"
        ]
    );
    let excused = &changes[0];
    assert!(!excused.value_changed);
    assert_eq!(
        excused.to.as_ref().unwrap().provenance,
        Provenance::Secondary
    );
    let changes = &changes[1..];
    let refund = &changes[0];
    assert!(!refund.value_changed);
    assert_eq!(
        refund.from.as_ref().unwrap().provenance,
        Provenance::Assumption
    );
    assert_eq!(
        refund.to.as_ref().unwrap().provenance,
        Provenance::Confirmed
    );
    assert_eq!(refund.to.as_ref().unwrap().since, date("2024-10-30"));
    let forms = &changes[1];
    assert!(forms.value_changed);
    assert!(!forms.from.as_ref().unwrap().value.contains("mobile"));
    assert!(forms.to.as_ref().unwrap().value.contains("mobile"));
    assert!(forms.to.as_ref().unwrap().reference.contains("제28조"));
}

#[test]
fn the_diff_across_the_retake_amendment_and_the_work_study_act() {
    let changes = RulePack::embedded().diff(date("2016-01-01"), date("2021-01-01"));
    assert_eq!(
        paths(&changes),
        vec![
            "course_based.retake_limit",
            "work_study.attendance_min_percent",
            "work_study.internal_unit_pass_percent",
            "work_study.external_unit_pass_percent",
            "work_study.contract_max_months",
            "work_study.extension_max_count",
            "work_study.extension_max_total_months",
            "work_study.plan_deadline",
            "work_study.retake_limit",
            "work_study.daily_max_hours",
            "work_study.school_off_jt_excluded",
            "work_study.night_holiday_ojt",
            "work_study.internal_evaluation_plan_required",
            "refund.work_study",
            "certificates.work_study_forms",
            // The work-study sections of designation and sanctions: the Act's text from
            // 2020-08-28, the same values assumed before it.
            "sanction.learning_company",
            "learning_company.management_criteria",
            "learning_company.accident_lookback_years",
            "learning_company.staffing",
            "learning_company.site_review_required",
            "learning_company.field_teacher",
            "learning_contract.just_causes",
            "learning_contract.written_notice_required",
            "learning_contract.written_contract_required",
            "learning_contract.term_change_approval_required",
            "learning_contract.conversion_after_pass",
        ]
    );
    let value_changes: Vec<_> = changes
        .iter()
        .filter(|c| c.value_changed)
        .map(|c| c.path)
        .collect();
    assert_eq!(
        value_changes,
        vec!["course_based.retake_limit", "work_study.retake_limit"]
    );
    let retake = &changes[0];
    assert_eq!(retake.to.as_ref().unwrap().since, date("2017-12-19"));
    assert!(
        retake
            .to
            .as_ref()
            .unwrap()
            .reference
            .contains("제20조의2제4항")
    );
}

#[test]
fn the_diff_is_empty_on_one_day_and_symmetric_in_its_dates() {
    let pack = RulePack::embedded();
    assert!(pack.diff(date("2026-06-01"), date("2026-06-01")).is_empty());
    // Within a period without change dates.
    assert!(pack.diff(date("2018-01-01"), date("2020-08-27")).is_empty());
    let forward = pack.diff(date("2016-01-01"), date("2026-06-01"));
    let backward = pack.diff(date("2026-06-01"), date("2016-01-01"));
    assert_eq!(paths(&forward), paths(&backward));
    for (f, b) in forward.iter().zip(&backward) {
        assert_eq!(f.from, b.to);
        assert_eq!(f.to, b.from);
    }
}

#[test]
fn before_the_first_values_the_diff_lists_every_parameter_as_new() {
    let pack = RulePack::embedded();
    let changes = pack.diff(date("2014-12-31"), date("2015-01-01"));
    assert_eq!(changes.len(), pack.parameters().len());
    assert!(
        changes
            .iter()
            .all(|c| c.from.is_none() && c.to.is_some() && c.value_changed)
    );
}

#[test]
fn values_at_gives_one_value_per_parameter_in_force_on_the_day() {
    let pack = RulePack::embedded();
    let before = pack.values_at(date("2017-12-18"));
    let after = pack.values_at(date("2017-12-19"));
    let retake = |values: &[cqnet_core::rules::ValueInForce]| {
        values
            .iter()
            .find(|v| v.path == "course_based.retake_limit")
            .unwrap()
            .row
            .clone()
    };
    assert_eq!(retake(&before).since, date("2015-01-01"));
    assert_eq!(retake(&after).since, date("2017-12-19"));
    assert!(retake(&after).value.ends_with(": 24"));
    assert_eq!(after.len(), pack.parameters().len());
    assert!(pack.values_at(date("2014-12-31")).is_empty());
}
