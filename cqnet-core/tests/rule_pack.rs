//! The rule pack: the embedded values, what loading refuses, dated values, overlays, and the
//! date recorded in decisions.
//!
//! Packs under test are built from `EMBEDDED_PACK_TOML` by editing its parsed TOML table, so
//! that these tests stay valid when parameters are added to the embedded pack.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use cqnet_core::course_based::{self, TraineeRecord, UnitRecord};
use cqnet_core::extension::{self, ExtensionRequest};
use cqnet_core::refund::{self, RefundRequest};
use cqnet_core::rules::{
    CancelReason, EMBEDDED_PACK_TOML, InternalAggregation, RuleDate, RulePack, RulePackError, Rules,
};
use cqnet_core::window::TimeWindow;
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, UnitResult};
use cqnet_core::{ExamStandard, Hours, Percent, Provenance, RulesUsed, Score, Track, Won};
use toml::{Table, Value};

// ------------------------------------------------------------------------------------------
// Helpers

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn pct(n: u32) -> Percent {
    Percent::new(n.into()).unwrap()
}

fn embedded_table() -> Table {
    toml::from_str(EMBEDDED_PACK_TOML).unwrap()
}

fn table<'a>(t: &'a mut Table, path: &[&str]) -> &'a mut Table {
    let mut current = t;
    for key in path {
        current = current
            .get_mut(*key)
            .and_then(Value::as_table_mut)
            .unwrap_or_else(|| panic!("the pack has no table {key} on {path:?}"));
    }
    current
}

fn values<'a>(t: &'a mut Table, section: &str, param: &str) -> &'a mut Vec<Value> {
    table(t, &[section, param])
        .get_mut("values")
        .and_then(Value::as_array_mut)
        .unwrap_or_else(|| panic!("{section}.{param} has no values"))
}

fn value_at<'a>(t: &'a mut Table, section: &str, param: &str, i: usize) -> &'a mut Table {
    values(t, section, param)[i]
        .as_table_mut()
        .unwrap_or_else(|| panic!("{section}.{param}.values[{i}] is not a table"))
}

fn dated(since: &str, value: Value) -> Value {
    let mut v = Table::new();
    v.insert("since".into(), Value::String(since.into()));
    v.insert("value".into(), value);
    v.insert("reference".into(), Value::String("test reference".into()));
    v.insert("provenance".into(), Value::String("assumption".into()));
    v.insert("last_checked".into(), Value::String("2026-12-01".into()));
    Value::Table(v)
}

fn load(t: &Table) -> Result<RulePack, RulePackError> {
    RulePack::from_toml(&toml::to_string(t).unwrap())
}

/// Loads the embedded pack after `edit`, expecting a refusal.
fn refused(edit: impl FnOnce(&mut Table)) -> RulePackError {
    let mut t = embedded_table();
    edit(&mut t);
    match load(&t) {
        Ok(_) => panic!("the edited pack was accepted"),
        Err(e) => e,
    }
}

fn is_syntax(e: &RulePackError) -> bool {
    matches!(e, RulePackError::Syntax(_))
}

/// A syntax error whose message names `what` (the key or value at fault).
fn is_syntax_about(e: &RulePackError, what: &str) -> bool {
    matches!(e, RulePackError::Syntax(message) if message.contains(what))
}

fn is_dates(e: &RulePackError, param: &str) -> bool {
    matches!(e, RulePackError::Dates { param: p, .. } if p == param)
}

/// A pack with course_based.pass_average 80 until 2027-01-01 and 75 from then on.
fn pack_with_pass_mark_change() -> RulePack {
    let mut t = embedded_table();
    values(&mut t, "course_based", "pass_average").push(dated("2027-01-01", Value::Integer(75)));
    load(&t).unwrap()
}

const PASS_75_OVERLAY: &str = r#"
[overlay]
name = "pass-75"

[course_based.pass_average]
description = "what if the pass mark were 75"
[[course_based.pass_average.values]]
since = "2015-01-01"
value = 75
reference = "host overlay"
provenance = "assumption"
last_checked = "2026-12-01"
"#;

// ------------------------------------------------------------------------------------------
// The embedded pack

#[test]
fn the_embedded_pack_holds_the_documented_values() {
    let rules = RulePack::embedded().rules_at(date("2026-06-30")).unwrap();
    let cb = &rules.course_based;
    assert_eq!(cb.attendance_min_percent.value, pct(75));
    assert_eq!(
        cb.internal_round_floor.value,
        Score::new(40.into()).unwrap()
    );
    assert_eq!(cb.internal_weight.value, pct(50));
    assert_eq!(cb.external_weight.value, pct(50));
    assert_eq!(cb.pass_average.value, Score::new(80.into()).unwrap());
    assert_eq!(cb.written_weight.value, pct(40));
    assert_eq!(cb.practical_weight.value, pct(60));
    assert_eq!(cb.internal_aggregation.value, InternalAggregation::Mean);
    let ws = &rules.work_study;
    assert_eq!(ws.attendance_min_percent.value, pct(80));
    assert_eq!(ws.internal_unit_pass_percent.value, pct(70));
    assert_eq!(ws.external_unit_pass_percent.value, pct(70));
    assert_eq!(ws.contract_max_months.value, 24);
    assert_eq!(ws.extension_max_count.value, 2);
    assert_eq!(ws.extension_max_total_months.value, 12);

    let cb_refund = &rules.refund.course_based.value;
    assert_eq!(cb_refund.within_window_percent, pct(100));
    assert_eq!(cb_refund.after_window_percent, pct(50));
    assert_eq!(cb_refund.after_window_until_days_before, 5);
    assert_eq!(cb_refund.agency_fault_percent, pct(100));
    assert_eq!(cb_refund.excused_percent, pct(100));
    assert_eq!(
        cb_refund.excused_reasons,
        vec![
            CancelReason::Hospitalized,
            CancelReason::InfectiousDisease,
            CancelReason::Bereavement,
            CancelReason::Disaster
        ]
    );
    let ws_refund = &rules.refund.work_study.value;
    assert_eq!(ws_refund.within_window_percent, pct(100));
    assert_eq!(ws_refund.after_window_percent, pct(50));
    assert_eq!(ws_refund.after_window_until_days_before, 5);
    assert_eq!(ws_refund.agency_fault_percent, pct(100));
    assert!(ws_refund.excused_reasons.is_empty());

    // The confirmed values cite the law.
    assert!(
        ws.attendance_min_percent
            .basis
            .citation()
            .contains("제15조제3항")
    );
    assert!(
        rules
            .refund
            .course_based
            .basis
            .citation()
            .contains("제36조")
    );
    assert_eq!(
        rules.refund.course_based.basis.provenance(),
        Provenance::Confirmed
    );
    assert_eq!(rules.pack.name, "cqnet-default");
    assert!(rules.pack.overlays.is_empty());
}

#[test]
fn every_value_of_the_embedded_pack_has_a_reference() {
    let params = RulePack::embedded().parameters();
    for path in [
        "course_based.attendance_min_percent",
        "course_based.internal_round_floor",
        "course_based.internal_weight",
        "course_based.external_weight",
        "course_based.pass_average",
        "course_based.written_weight",
        "course_based.practical_weight",
        "course_based.internal_aggregation",
        "work_study.attendance_min_percent",
        "work_study.internal_unit_pass_percent",
        "work_study.external_unit_pass_percent",
        "work_study.contract_max_months",
        "work_study.extension_max_count",
        "work_study.extension_max_total_months",
        "refund.course_based",
        "refund.work_study",
    ] {
        assert!(params.iter().any(|p| p.path == path), "{path} is listed");
    }
    for param in &params {
        assert!(!param.description.trim().is_empty(), "{}", param.path);
        assert!(!param.rows.is_empty(), "{}", param.path);
        for row in &param.rows {
            assert!(
                !row.reference.trim().is_empty(),
                "{} {}",
                param.path,
                row.since
            );
        }
        // Oldest first, each starting after the one before.
        assert!(param.rows.windows(2).all(|w| w[0].since < w[1].since));
    }
}

#[test]
fn the_embedded_pack_text_loads_and_equals_the_embedded_pack() {
    let pack = RulePack::from_toml(EMBEDDED_PACK_TOML).unwrap();
    assert_eq!(&pack, RulePack::embedded());
    // The helper used below does not change the pack by writing it out again.
    let rewritten = load(&embedded_table()).unwrap();
    assert_eq!(rewritten.id(), RulePack::embedded().id());
    assert_eq!(rewritten.newest(), RulePack::embedded().newest());
    assert_eq!(rewritten.parameters(), RulePack::embedded().parameters());
}

#[test]
fn the_embedded_pack_changes_on_the_day_the_work_study_act_took_effect() {
    let pack = RulePack::embedded();
    let before = pack.rules_at(date("2020-08-27")).unwrap();
    let on = pack.rules_at(date("2020-08-28")).unwrap();
    let after = pack.rules_at(date("2020-08-29")).unwrap();
    let rule = |r: &Rules| r.work_study.attendance_min_percent.clone();
    assert_eq!(rule(&before).since, date("2015-01-01"));
    assert_eq!(rule(&before).basis.provenance(), Provenance::Assumption);
    assert_eq!(rule(&on).since, date("2020-08-28"));
    assert_eq!(rule(&on).basis.provenance(), Provenance::Confirmed);
    assert_eq!(rule(&after).since, date("2020-08-28"));
    assert_eq!(rule(&before).value, rule(&on).value);
}

#[test]
fn the_embedded_pack_is_not_in_force_before_its_first_date() {
    let pack = RulePack::embedded();
    assert!(pack.rules_at(date("2015-01-01")).is_ok());
    let err = pack.rules_at(date("2014-12-31")).unwrap_err();
    match err {
        RulePackError::NotInForce { param, date: d } => {
            assert_eq!(d, date("2014-12-31"));
            assert!(param.contains('.'), "{param}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        pack.rules_for(RuleDate::CohortStartedOn(date("2014-03-02"))),
        Err(RulePackError::NotInForce { .. })
    ));
}

// ------------------------------------------------------------------------------------------
// What loading refuses

#[test]
fn an_unknown_key_is_refused_at_every_level() {
    // At the top of the pack.
    let e = refused(|t| {
        t.insert("bogus".into(), Value::Table(Table::new()));
    });
    assert!(is_syntax_about(&e, "`bogus`"), "{e:?}");
    // In [pack].
    let e = refused(|t| {
        table(t, &["pack"]).insert("author".into(), Value::String("x".into()));
    });
    assert!(is_syntax_about(&e, "`author`"), "{e:?}");
    // A parameter the section does not have.
    let e = refused(|t| {
        let copy = table(t, &["course_based", "pass_average"]).clone();
        table(t, &["course_based"]).insert("pass_averag".into(), Value::Table(copy));
    });
    assert!(is_syntax_about(&e, "`pass_averag`"), "{e:?}");
    // In a parameter.
    let e = refused(|t| {
        table(t, &["course_based", "pass_average"]).insert("unit".into(), Value::from("points"));
    });
    assert!(is_syntax_about(&e, "`unit`"), "{e:?}");
    // In a dated value.
    let e = refused(|t| {
        value_at(t, "course_based", "pass_average", 0).insert("source".into(), Value::from("x"));
    });
    assert!(is_syntax_about(&e, "`source`"), "{e:?}");
    // In a refund schedule.
    let e = refused(|t| {
        value_at(t, "refund", "course_based", 0)
            .get_mut("value")
            .and_then(Value::as_table_mut)
            .unwrap()
            .insert("late_fee_percent".into(), Value::Integer(10));
    });
    assert!(is_syntax_about(&e, "`late_fee_percent`"), "{e:?}");
}

#[test]
fn a_typo_in_the_text_is_refused() {
    let typo = EMBEDDED_PACK_TOML.replacen(
        "[course_based.pass_average]",
        "[course_based.pass_averag]",
        1,
    );
    assert_ne!(typo, EMBEDDED_PACK_TOML);
    assert!(is_syntax(&RulePack::from_toml(&typo).unwrap_err()));
    assert!(is_syntax(
        &RulePack::from_toml("not toml at all [").unwrap_err()
    ));
    assert!(is_syntax(&RulePack::from_toml("").unwrap_err()));
}

#[test]
fn a_missing_key_is_refused() {
    let e = refused(|t| {
        value_at(t, "course_based", "pass_average", 0).remove("reference");
    });
    assert!(is_syntax_about(&e, "missing field `reference`"), "{e:?}");
    let e = refused(|t| {
        value_at(t, "course_based", "pass_average", 0).remove("since");
    });
    assert!(is_syntax_about(&e, "missing field `since`"), "{e:?}");
    let e = refused(|t| {
        table(t, &["course_based", "pass_average"]).remove("description");
    });
    assert!(is_syntax_about(&e, "missing field `description`"), "{e:?}");
    let e = refused(|t| {
        table(t, &["course_based"]).remove("internal_round_floor");
    });
    assert!(
        is_syntax_about(&e, "missing field `internal_round_floor`"),
        "{e:?}"
    );
    let e = refused(|t| {
        table(t, &["pack"]).remove("version");
    });
    assert!(is_syntax_about(&e, "missing field `version`"), "{e:?}");
    let e = refused(|t| {
        t.remove("refund");
    });
    assert!(is_syntax_about(&e, "missing field `refund`"), "{e:?}");
    let e = refused(|t| {
        value_at(t, "refund", "work_study", 0)
            .get_mut("value")
            .and_then(Value::as_table_mut)
            .unwrap()
            .remove("excused_percent");
    });
    assert!(
        is_syntax_about(&e, "missing field `excused_percent`"),
        "{e:?}"
    );
}

#[test]
fn a_float_value_is_refused() {
    let text = EMBEDDED_PACK_TOML.replacen("value = 75\n", "value = 75.0\n", 1);
    assert_ne!(
        text, EMBEDDED_PACK_TOML,
        "the attendance value is written as `value = 75`"
    );
    assert!(is_syntax(&RulePack::from_toml(&text).unwrap_err()));
    let e = refused(|t| {
        value_at(t, "course_based", "pass_average", 0).insert("value".into(), Value::Float(80.0));
    });
    assert!(is_syntax(&e), "{e:?}");
    let e = refused(|t| {
        value_at(t, "work_study", "contract_max_months", 0)
            .insert("value".into(), Value::Float(24.0));
    });
    assert!(is_syntax(&e), "{e:?}");
    // The same value as an exact string is fine.
    let mut t = embedded_table();
    value_at(&mut t, "course_based", "pass_average", 0).insert("value".into(), Value::from("80.0"));
    assert_eq!(
        load(&t).unwrap().newest().course_based.pass_average.value,
        Score::new(80.into()).unwrap()
    );
}

#[test]
fn a_value_out_of_range_is_refused() {
    let e = refused(|t| {
        value_at(t, "course_based", "attendance_min_percent", 0)
            .insert("value".into(), Value::Integer(101));
    });
    assert!(is_syntax_about(&e, "101"), "{e:?}");
    let e = refused(|t| {
        value_at(t, "course_based", "pass_average", 0)
            .insert("value".into(), Value::from("100.01"));
    });
    assert!(is_syntax_about(&e, "100.01"), "{e:?}");
    let e = refused(|t| {
        value_at(t, "work_study", "extension_max_count", 0)
            .insert("value".into(), Value::Integer(-1));
    });
    assert!(is_syntax_about(&e, "-1"), "{e:?}");
    let e = refused(|t| {
        value_at(t, "course_based", "internal_aggregation", 0)
            .insert("value".into(), Value::from("median"));
    });
    assert!(is_syntax_about(&e, "median"), "{e:?}");
    let e = refused(|t| {
        value_at(t, "course_based", "pass_average", 0)
            .insert("provenance".into(), Value::from("rumour"));
    });
    assert!(is_syntax_about(&e, "rumour"), "{e:?}");
    let e = refused(|t| {
        value_at(t, "course_based", "pass_average", 0)
            .insert("since".into(), Value::from("2015-02-30"));
    });
    assert!(is_syntax_about(&e, "range"), "{e:?}");
}

#[test]
fn dates_out_of_order_are_refused() {
    let e = refused(|t| {
        values(t, "work_study", "attendance_min_percent").reverse();
    });
    assert!(is_dates(&e, "work_study.attendance_min_percent"), "{e:?}");
    // The same date twice.
    let e = refused(|t| {
        values(t, "course_based", "pass_average").push(dated("2015-01-01", Value::Integer(80)));
    });
    assert!(is_dates(&e, "course_based.pass_average"), "{e:?}");
}

#[test]
fn a_gap_between_values_is_refused() {
    let e = refused(|t| {
        value_at(t, "work_study", "attendance_min_percent", 0)
            .insert("until".into(), Value::from("2020-08-01"));
    });
    assert!(is_dates(&e, "work_study.attendance_min_percent"), "{e:?}");
    assert!(e.to_string().contains("gap"), "{e}");
}

#[test]
fn an_overlap_between_values_is_refused() {
    let e = refused(|t| {
        value_at(t, "work_study", "attendance_min_percent", 0)
            .insert("until".into(), Value::from("2020-09-30"));
    });
    assert!(is_dates(&e, "work_study.attendance_min_percent"), "{e:?}");
    assert!(e.to_string().contains("overlap"), "{e}");
}

#[test]
fn an_until_that_meets_the_next_value_is_accepted() {
    let mut t = embedded_table();
    value_at(&mut t, "work_study", "attendance_min_percent", 0)
        .insert("until".into(), Value::from("2020-08-28"));
    let pack = load(&t).unwrap();
    let rule = pack
        .rules_at(date("2020-08-27"))
        .unwrap()
        .work_study
        .attendance_min_percent;
    assert_eq!(rule.since, date("2015-01-01"));
}

#[test]
fn a_newest_value_with_an_end_is_refused() {
    let e = refused(|t| {
        value_at(t, "course_based", "pass_average", 0)
            .insert("until".into(), Value::from("2030-01-01"));
    });
    assert!(is_dates(&e, "course_based.pass_average"), "{e:?}");
    // An until on or before its own since.
    let e = refused(|t| {
        value_at(t, "work_study", "attendance_min_percent", 0)
            .insert("until".into(), Value::from("2015-01-01"));
    });
    assert!(is_dates(&e, "work_study.attendance_min_percent"), "{e:?}");
}

#[test]
fn an_empty_values_list_or_reference_is_refused() {
    let e = refused(|t| {
        values(t, "course_based", "written_weight").clear();
    });
    assert!(is_dates(&e, "course_based.written_weight"), "{e:?}");
    let e = refused(|t| {
        value_at(t, "course_based", "written_weight", 0)
            .insert("reference".into(), Value::from("  "));
    });
    assert!(is_dates(&e, "course_based.written_weight"), "{e:?}");
}

#[test]
fn weights_not_summing_to_100_on_some_date_are_refused() {
    let e = refused(|t| {
        values(t, "course_based", "internal_weight").push(dated("2025-01-01", Value::Integer(60)));
    });
    match &e {
        RulePackError::Inconsistent { date: d, problem } => {
            assert_eq!(*d, date("2025-01-01"));
            assert!(problem.contains("internal_weight"), "{problem}");
        }
        other => panic!("{other:?}"),
    }
    let e = refused(|t| {
        values(t, "course_based", "practical_weight").push(dated("2026-03-01", Value::Integer(50)));
    });
    assert!(
        matches!(&e, RulePackError::Inconsistent { date: d, .. } if *d == date("2026-03-01")),
        "{e:?}"
    );
    // Both weights changed together: accepted, and each date gets its own pair.
    let mut t = embedded_table();
    values(&mut t, "course_based", "internal_weight").push(dated("2025-01-01", Value::Integer(60)));
    values(&mut t, "course_based", "external_weight").push(dated("2025-01-01", Value::Integer(40)));
    let pack = load(&t).unwrap();
    let old = pack.rules_at(date("2024-12-31")).unwrap().course_based;
    let new = pack.rules_at(date("2025-01-01")).unwrap().course_based;
    assert_eq!(
        (old.internal_weight.value, old.external_weight.value),
        (pct(50), pct(50))
    );
    assert_eq!(
        (new.internal_weight.value, new.external_weight.value),
        (pct(60), pct(40))
    );
}

#[test]
fn a_pass_average_of_zero_is_refused() {
    let e = refused(|t| {
        value_at(t, "course_based", "pass_average", 0).insert("value".into(), Value::Integer(0));
    });
    assert!(matches!(e, RulePackError::Inconsistent { .. }), "{e:?}");
}

#[test]
fn a_zero_threshold_is_refused() {
    for param in [
        "attendance_min_percent",
        "internal_unit_pass_percent",
        "external_unit_pass_percent",
    ] {
        let e = refused(|t| {
            value_at(t, "work_study", param, 1).insert("value".into(), Value::Integer(0));
        });
        assert!(
            matches!(&e, RulePackError::Inconsistent { date: d, .. } if *d == date("2020-08-28")),
            "{param}: {e:?}"
        );
    }
}

#[test]
fn a_daily_limit_of_zero_or_beyond_the_day_is_refused() {
    for section in ["course_based", "work_study"] {
        let last = values(&mut embedded_table(), section, "daily_max_hours").len() - 1;
        let since = value_at(&mut embedded_table(), section, "daily_max_hours", last)
            .get("since")
            .and_then(Value::as_str)
            .map(date)
            .unwrap();
        for hours in [Value::Integer(0), Value::Integer(25), Value::from("24.5")] {
            let e = refused(|t| {
                value_at(t, section, "daily_max_hours", last).insert("value".into(), hours.clone());
            });
            assert!(
                matches!(&e, RulePackError::Inconsistent { date: d, .. } if *d == since),
                "{section} {hours}: {e:?}"
            );
        }
        // The whole day is the most a limit may be.
        let mut t = embedded_table();
        value_at(&mut t, section, "daily_max_hours", last)
            .insert("value".into(), Value::Integer(24));
        let day = load(&t).unwrap().rules_at(since).unwrap();
        let limit = match section {
            "course_based" => day.course_based.daily_max_hours.value,
            _ => day.work_study.daily_max_hours.value,
        };
        assert_eq!(limit, Hours::whole(24).unwrap());
    }
}

#[test]
fn a_refund_schedule_paying_more_after_the_window_is_refused() {
    let e = refused(|t| {
        let last = values(t, "refund", "course_based").len() - 1;
        let schedule = value_at(t, "refund", "course_based", last)
            .get_mut("value")
            .and_then(Value::as_table_mut)
            .unwrap();
        schedule.insert("within_window_percent".into(), Value::Integer(50));
        schedule.insert("after_window_percent".into(), Value::Integer(100));
    });
    assert!(matches!(e, RulePackError::Inconsistent { .. }), "{e:?}");
}

#[test]
fn excused_reasons_listing_personal_or_agency_fault_are_refused() {
    for listed in ["personal", "agency_fault"] {
        let e = refused(|t| {
            value_at(t, "refund", "work_study", 0)
                .get_mut("value")
                .and_then(Value::as_table_mut)
                .unwrap()
                .insert(
                    "excused_reasons".into(),
                    Value::Array(vec![Value::from(listed)]),
                );
        });
        assert!(
            matches!(e, RulePackError::Inconsistent { .. }),
            "{listed}: {e:?}"
        );
    }
    let e = refused(|t| {
        value_at(t, "refund", "work_study", 0)
            .get_mut("value")
            .and_then(Value::as_table_mut)
            .unwrap()
            .insert(
                "excused_reasons".into(),
                Value::Array(vec![Value::from("hangover")]),
            );
    });
    assert!(is_syntax(&e), "{e:?}");
}

#[test]
fn errors_read_as_lowercase_sentences() {
    let errors = [
        refused(|t| {
            t.insert("bogus".into(), Value::Table(Table::new()));
        }),
        refused(|t| values(t, "course_based", "written_weight").clear()),
        refused(|t| {
            values(t, "course_based", "internal_weight")
                .push(dated("2025-01-01", Value::Integer(60)));
        }),
        RulePack::embedded()
            .rules_at(date("2000-01-01"))
            .unwrap_err(),
    ];
    for e in errors {
        let text = e.to_string();
        assert!(text.starts_with(|c: char| c.is_lowercase()), "{text}");
        assert!(!text.ends_with('.'), "{text}");
    }
}

// ------------------------------------------------------------------------------------------
// Dated values

#[test]
fn rules_at_picks_the_value_in_force_around_a_change() {
    let pack = pack_with_pass_mark_change();
    let at = |d: &str| pack.rules_at(date(d)).unwrap().course_based.pass_average;
    let before = at("2026-12-31");
    assert_eq!(before.value, Score::new(80.into()).unwrap());
    assert_eq!(before.since, date("2015-01-01"));
    let on = at("2027-01-01");
    assert_eq!(on.value, Score::new(75.into()).unwrap());
    assert_eq!(on.since, date("2027-01-01"));
    assert_eq!(on.basis.citation(), "test reference");
    let after = at("2027-01-02");
    assert_eq!(after.value, Score::new(75.into()).unwrap());
    // The newest values are those from the latest change on.
    assert_eq!(pack.latest_change(), date("2027-01-01"));
    assert_eq!(
        pack.newest().course_based.pass_average.value,
        Score::new(75.into()).unwrap()
    );
    assert_eq!(pack.newest().date, date("2027-01-01"));
    // The other parameters are untouched.
    assert_eq!(
        pack.rules_at(date("2027-01-01"))
            .unwrap()
            .course_based
            .attendance_min_percent,
        RulePack::embedded()
            .rules_at(date("2027-01-01"))
            .unwrap()
            .course_based
            .attendance_min_percent
    );
}

#[test]
fn a_cohort_keeps_the_rules_it_started_under() {
    let pack = pack_with_pass_mark_change();
    let started = date("2026-09-01");
    let cohort = pack.rules_for(RuleDate::CohortStartedOn(started)).unwrap();
    let evaluated = pack.rules_at(date("2027-03-02")).unwrap();
    assert_eq!(
        cohort.course_based.pass_average.value,
        Score::new(80.into()).unwrap()
    );
    assert_eq!(
        evaluated.course_based.pass_average.value,
        Score::new(75.into()).unwrap()
    );
    assert_eq!(cohort.date, started);
    assert_eq!(cohort.basis, RuleDate::CohortStartedOn(started));

    // A final score of 77.5 passes under the new mark and fails under the cohort's.
    let unit = UnitRecord::new(
        None,
        Hours::whole(40).unwrap(),
        Hours::whole(40).unwrap(),
        vec![Some(Score::new(75.into()).unwrap())],
    )
    .unwrap();
    let record =
        TraineeRecord::new(vec![unit])
            .unwrap()
            .with_external(course_based::ExternalScores::new(
                Score::new(80.into()).unwrap(),
                Score::new(80.into()).unwrap(),
            ));
    let decide =
        |rules: &Rules| course_based::decide(&record, &ExamStandard::from_rules(rules), rules);
    let under_cohort = decide(&cohort);
    let under_new = decide(&evaluated);
    assert_eq!(under_cohort.final_score, Some("77.5".parse().unwrap()));
    assert_eq!(under_cohort.passed, Some(false));
    assert_eq!(under_new.passed, Some(true));
    assert_eq!(under_cohort.rules.basis, RuleDate::CohortStartedOn(started));
    assert_eq!(
        under_new.rules.basis,
        RuleDate::EvaluatedOn(date("2027-03-02"))
    );
}

#[test]
fn a_parameter_not_yet_in_force_is_named() {
    let mut t = embedded_table();
    value_at(&mut t, "course_based", "pass_average", 0)
        .insert("since".into(), Value::from("2016-01-01"));
    let pack = load(&t).unwrap();
    match pack.rules_at(date("2015-06-01")).unwrap_err() {
        RulePackError::NotInForce { param, date: d } => {
            assert_eq!(param, "course_based.pass_average");
            assert_eq!(d, date("2015-06-01"));
        }
        other => panic!("{other:?}"),
    }
    assert!(pack.rules_at(date("2016-01-01")).is_ok());
}

// ------------------------------------------------------------------------------------------
// Overlays

#[test]
fn an_overlay_replaces_a_parameter_and_is_recorded() {
    let base = RulePack::embedded();
    let what_if = base.with_overlay(PASS_75_OVERLAY).unwrap();
    assert_eq!(
        what_if.newest().course_based.pass_average.value,
        Score::new(75.into()).unwrap()
    );
    assert_eq!(what_if.id().overlays, vec!["pass-75".to_owned()]);
    assert_eq!(what_if.id().name, base.id().name);
    assert_eq!(what_if.id().to_string(), format!("{}+pass-75", base.id()));
    // The base pack is untouched, and so are the other parameters.
    assert_eq!(
        base.newest().course_based.pass_average.value,
        Score::new(80.into()).unwrap()
    );
    assert_eq!(
        what_if.newest().course_based.attendance_min_percent,
        base.newest().course_based.attendance_min_percent
    );
    // Decisions name the overlay.
    let rules = what_if.rules_at(date("2026-06-30")).unwrap();
    let unit = UnitRecord::new(
        None,
        Hours::whole(10).unwrap(),
        Hours::whole(10).unwrap(),
        vec![],
    )
    .unwrap();
    let d = course_based::decide(
        &TraineeRecord::new(vec![unit]).unwrap(),
        &ExamStandard::from_rules(&rules),
        &rules,
    );
    assert_eq!(d.rules.pack.overlays, vec!["pass-75".to_owned()]);
    // Overlays stack, in order.
    let second = r#"
[overlay]
name = "attendance-80"
[course_based.attendance_min_percent]
description = "what if attendance needed 80%"
[[course_based.attendance_min_percent.values]]
since = "2015-01-01"
value = 80
reference = "host overlay"
provenance = "assumption"
last_checked = "2026-12-01"
"#;
    let both = what_if.with_overlay(second).unwrap();
    assert_eq!(
        both.id().overlays,
        vec!["pass-75".to_owned(), "attendance-80".to_owned()]
    );
    assert_eq!(
        both.newest().course_based.attendance_min_percent.value,
        pct(80)
    );
    assert_eq!(
        both.newest().course_based.pass_average.value,
        Score::new(75.into()).unwrap()
    );
}

#[test]
fn an_overlay_of_an_unknown_parameter_or_section_is_refused() {
    let unknown_param = PASS_75_OVERLAY.replace("pass_average", "pass_mark");
    assert!(is_syntax(
        &RulePack::embedded()
            .with_overlay(&unknown_param)
            .unwrap_err()
    ));
    let unknown_section = PASS_75_OVERLAY.replace("course_based.", "course_base.");
    assert!(is_syntax(
        &RulePack::embedded()
            .with_overlay(&unknown_section)
            .unwrap_err()
    ));
    let not_a_table = "[overlay]\nname = \"x\"\ncourse_based = 5\n";
    assert!(is_syntax(
        &RulePack::embedded().with_overlay(not_a_table).unwrap_err()
    ));
    let no_header = PASS_75_OVERLAY.replace("[overlay]\nname = \"pass-75\"\n", "");
    assert_ne!(no_header, PASS_75_OVERLAY);
    assert!(is_syntax(
        &RulePack::embedded().with_overlay(&no_header).unwrap_err()
    ));
    let empty_name = PASS_75_OVERLAY.replace("\"pass-75\"", "\"  \"");
    assert!(is_syntax(
        &RulePack::embedded().with_overlay(&empty_name).unwrap_err()
    ));
    let extra_header_key =
        PASS_75_OVERLAY.replace("name = \"pass-75\"", "name = \"pass-75\"\nby = \"me\"");
    assert!(is_syntax(
        &RulePack::embedded()
            .with_overlay(&extra_header_key)
            .unwrap_err()
    ));
    // A parameter given in part (no description) is refused, not merged.
    let partial = PASS_75_OVERLAY.replace("description = \"what if the pass mark were 75\"\n", "");
    assert!(is_syntax(
        &RulePack::embedded().with_overlay(&partial).unwrap_err()
    ));
}

#[test]
fn an_overlay_that_breaks_the_pack_is_refused() {
    let weights = r#"
[overlay]
name = "internal-60"
[course_based.internal_weight]
description = "what if the internal score weighed 60"
[[course_based.internal_weight.values]]
since = "2015-01-01"
value = 60
reference = "host overlay"
provenance = "assumption"
last_checked = "2026-12-01"
"#;
    assert!(matches!(
        RulePack::embedded().with_overlay(weights).unwrap_err(),
        RulePackError::Inconsistent { .. }
    ));
    let both = format!(
        "{weights}\n{}",
        r#"
[course_based.external_weight]
description = "and the external 40"
[[course_based.external_weight.values]]
since = "2015-01-01"
value = 40
reference = "host overlay"
provenance = "assumption"
last_checked = "2026-12-01"
"#
    );
    let pack = RulePack::embedded().with_overlay(&both).unwrap();
    assert_eq!(pack.newest().course_based.internal_weight.value, pct(60));
    let gap = PASS_75_OVERLAY.replace(
        "since = \"2015-01-01\"",
        "since = \"2015-01-01\"\nuntil = \"2020-01-01\"",
    );
    assert!(matches!(
        RulePack::embedded().with_overlay(&gap).unwrap_err(),
        RulePackError::Dates { .. }
    ));
}

/// An overlay replaces parameters; it must not rewrite the identity of the pack it overlays,
/// or a decision could claim to come from another pack.
#[test]
fn an_overlay_cannot_rename_the_pack() {
    let forged = "[overlay]\nname = \"x\"\n[pack]\nname = \"official\"\n";
    let result = RulePack::embedded().with_overlay(forged);
    assert!(
        result.is_err(),
        "renamed to {:?}",
        result.map(|p| p.id().clone())
    );
}

// ------------------------------------------------------------------------------------------
// The date basis is recorded in decisions

#[test]
fn decisions_record_the_cohort_start_date() {
    let started = date("2025-03-04");
    let basis = RuleDate::CohortStartedOn(started);
    let rules = RulePack::embedded().rules_for(basis).unwrap();
    let expected = RulesUsed {
        pack: RulePack::embedded().id().clone(),
        basis,
    };

    let unit = UnitRecord::new(
        None,
        Hours::whole(10).unwrap(),
        Hours::whole(10).unwrap(),
        vec![],
    )
    .unwrap();
    let cb = course_based::decide(
        &TraineeRecord::new(vec![unit]).unwrap(),
        &ExamStandard::from_rules(&rules),
        &rules,
    );
    assert_eq!(cb.rules, expected);

    let learner = LearnerRecord::new(
        TrainingHours::new(Hours::whole(10).unwrap(), Hours::whole(10).unwrap()).unwrap(),
        TrainingHours::NONE,
        vec![UnitResult::new(None, true)],
    )
    .unwrap();
    assert_eq!(work_study::decide(&learner, &rules).rules, expected);

    let request = ExtensionRequest::new(date("2026-08-31"), vec![], 6, false, true).unwrap();
    assert_eq!(extension::decide(&request, &rules).rules, expected);

    let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    let refund_request = RefundRequest {
        track: Track::CourseBased,
        fee: Won::new(20_000),
        window: TimeWindow::new(
            t("2025-03-02T09:00:00+09:00"),
            t("2025-03-06T18:00:00+09:00"),
        )
        .unwrap(),
        exam_date: date("2025-03-20"),
        cancelled_at: t("2025-03-03T10:00:00+09:00"),
        reason: CancelReason::Personal,
    };
    assert_eq!(
        refund::decide(&refund_request, &rules).unwrap().rules,
        expected
    );

    // And the JSON of a decision says which basis it was.
    let json = serde_json::to_value(&cb.rules).unwrap();
    assert_eq!(json["basis"]["basis"], "cohort_started_on");
    assert_eq!(json["basis"]["date"], "2025-03-04");
}

// ------------------------------------------------------------------------------------------
// Size and validation work

/// `values` dated values of `course_based.pass_average`, one a day from 2015-01-01, all 80.
fn many_pass_marks(t: &mut Table, count: usize) {
    let first = date("2015-01-01");
    let list = values(t, "course_based", "pass_average");
    list.clear();
    for day in 0..count {
        let since = first + chrono::Days::new(day as u64);
        list.push(dated(&since.to_string(), Value::Integer(80)));
    }
}

#[test]
fn a_pack_over_the_value_limit_is_refused_as_too_large() {
    use cqnet_core::rules::MAX_PACK_VALUES;
    let embedded: usize = RulePack::embedded()
        .parameters()
        .iter()
        .map(|p| p.rows.len())
        .sum();
    let others = embedded
        - RulePack::embedded()
            .parameters()
            .iter()
            .find(|p| p.path == "course_based.pass_average")
            .unwrap()
            .rows
            .len();
    // Exactly at the limit: accepted, every value in force on its day.
    let mut t = embedded_table();
    many_pass_marks(&mut t, MAX_PACK_VALUES - others);
    let pack = load(&t).unwrap();
    let last = date("2015-01-01") + chrono::Days::new((MAX_PACK_VALUES - others - 1) as u64);
    assert_eq!(
        pack.rules_at(last).unwrap().course_based.pass_average.since,
        last
    );
    // One more: refused before any check runs, with the count.
    let e = refused(|t| many_pass_marks(t, MAX_PACK_VALUES - others + 1));
    assert_eq!(
        e,
        RulePackError::TooLarge {
            what: "dated values",
            limit: MAX_PACK_VALUES,
            actual: MAX_PACK_VALUES + 1,
        }
    );
    // Through an overlay too: the merged pack is counted.
    let mut overlay = Table::new();
    let mut header = Table::new();
    header.insert("name".into(), Value::String("many".into()));
    overlay.insert("overlay".into(), Value::Table(header));
    let mut t = embedded_table();
    many_pass_marks(&mut t, MAX_PACK_VALUES - others + 1);
    let mut section = Table::new();
    section.insert(
        "pass_average".into(),
        table(&mut t, &["course_based", "pass_average"])
            .clone()
            .into(),
    );
    overlay.insert("course_based".into(), Value::Table(section));
    let e = RulePack::embedded()
        .with_overlay(&toml::to_string(&overlay).unwrap())
        .unwrap_err();
    assert!(
        matches!(
            e,
            RulePackError::TooLarge {
                what: "dated values",
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn a_text_over_the_byte_limit_is_refused_before_it_is_read() {
    use cqnet_core::rules::MAX_PACK_BYTES;
    // Valid TOML (a long comment), so only the size can refuse it.
    let padded = format!("{EMBEDDED_PACK_TOML}\n#{}", "x".repeat(MAX_PACK_BYTES));
    assert!(matches!(
        RulePack::from_toml(&padded),
        Err(RulePackError::TooLarge { what: "bytes of TOML", limit, actual })
            if limit == MAX_PACK_BYTES && actual == padded.len()
    ));
    let overlay = format!("[overlay]\nname = \"x\"\n#{}", "x".repeat(MAX_PACK_BYTES));
    assert!(matches!(
        RulePack::embedded().with_overlay(&overlay),
        Err(RulePackError::TooLarge {
            what: "bytes of TOML",
            ..
        })
    ));
    // At the limit the text is read (and here refused for what it says, not its size).
    let at_limit = format!(
        "{EMBEDDED_PACK_TOML}\n#{}",
        "x".repeat(MAX_PACK_BYTES - EMBEDDED_PACK_TOML.len() - 2)
    );
    assert_eq!(at_limit.len(), MAX_PACK_BYTES);
    assert_eq!(
        &RulePack::from_toml(&at_limit).unwrap(),
        RulePack::embedded()
    );
}

/// Every value is checked on its own, even on dates on which other parameters are not in
/// force yet (resolving the whole pack on each date skipped those dates).
#[test]
fn a_value_that_cannot_hold_is_refused_even_before_other_parameters_start() {
    let e = refused(|t| {
        let list = values(t, "course_based", "pass_average");
        list.insert(0, dated("2010-01-01", Value::Integer(0)));
    });
    match e {
        RulePackError::Inconsistent { date: d, problem } => {
            assert_eq!(d, date("2010-01-01"));
            assert!(problem.contains("course_based.pass_average"), "{problem}");
        }
        other => panic!("{other:?}"),
    }
    let e = refused(|t| {
        let list = values(t, "fees", "work_study");
        let mut free = list[0].clone();
        let value = free.get_mut("value").and_then(Value::as_table_mut).unwrap();
        value.insert("default".into(), Value::Integer(0));
        free.as_table_mut()
            .unwrap()
            .insert("since".into(), Value::String("2012-03-01".into()));
        list.insert(0, free);
    });
    assert!(
        matches!(&e, RulePackError::Inconsistent { date: d, .. } if *d == date("2012-03-01")),
        "{e:?}"
    );
}

/// A pack of thousands of values loads with the same values in force as a pack of a few: the
/// values a day apart are each found on their day.
#[test]
fn thousands_of_dated_values_resolve_to_the_value_of_their_day() {
    let mut t = embedded_table();
    many_pass_marks(&mut t, 4_000);
    // Every 97th day gets a mark of its own, so a wrong lookup shows.
    let list = values(&mut t, "course_based", "pass_average");
    for (i, v) in list
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| i.is_multiple_of(97))
    {
        v.as_table_mut()
            .unwrap()
            .insert("value".into(), Value::Integer(70 + (i % 10) as i64));
    }
    let pack = load(&t).unwrap();
    for day in [0u64, 96, 97, 98, 1_000, 2_037, 3_999, 5_000] {
        let on = date("2015-01-01") + chrono::Days::new(day);
        let index = day.min(3_999) as usize;
        let expected = if index.is_multiple_of(97) {
            70 + (index % 10) as u32
        } else {
            80
        };
        let mark = pack.rules_at(on).unwrap().course_based.pass_average;
        assert_eq!(
            mark.value,
            Score::new(expected.into()).unwrap(),
            "day {day}"
        );
        assert_eq!(
            mark.since,
            date("2015-01-01") + chrono::Days::new(index as u64),
            "day {day}"
        );
    }
}
