//! Attendance per unit course (단위과정, 국가기술자격법 시행령 제14조의3) and the retake window
//! counted from the first sitting's announcement (시행령 제20조의2제4항). Expected values are
//! worked out by hand from the articles.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use cqnet_core::course_based::{self, TraineeRecord, UnitCourseLabel, UnitRecord};
use cqnet_core::exam::{check_retake, decide_retake_window};
use cqnet_core::rules::{AttendanceScope, RulePack, Rules};
use cqnet_core::{ExamStandard, Hours, Provenance, Quantity, ReasonCode, Score, Subject, Track};
use proptest::prelude::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rules_with(scope: AttendanceScope) -> Rules {
    let mut rules = RulePack::embedded().newest();
    rules.course_based.attendance_scope.value = scope;
    rules
}

fn unit(label: Option<&str>, hours: &str, attended: &str) -> UnitRecord {
    let u = UnitRecord::new(
        None,
        hours.parse::<Hours>().unwrap(),
        attended.parse::<Hours>().unwrap(),
        vec![Some(Score::new(80.into()).unwrap())],
    )
    .unwrap();
    match label {
        Some(l) => u.in_unit_course(UnitCourseLabel::new(l).unwrap()),
        None => u,
    }
}

fn decide(units: Vec<UnitRecord>, scope: AttendanceScope) -> course_based::CourseBasedDecision {
    let rules = rules_with(scope);
    let record = TraineeRecord::new(units).unwrap();
    course_based::decide(&record, &ExamStandard::from_rules(&rules), &rules)
}

fn codes(d: &course_based::CourseBasedDecision) -> Vec<ReasonCode> {
    d.reasons.iter().map(|r| r.code).collect()
}

#[test]
fn a_unit_course_passes_on_its_sums_where_a_unit_alone_fails() {
    // 25 of 40 (62.5%) and 38 of 40: together 63 of 80 = 78.75% >= 75%.
    let units = || vec![unit(Some("A"), "40", "25"), unit(Some("A"), "40", "38")];
    let per_course = decide(units(), AttendanceScope::UnitCourse);
    assert!(per_course.completed, "{:?}", per_course.reasons);
    let per_unit = decide(units(), AttendanceScope::CompetencyUnit);
    assert_eq!(codes(&per_unit), vec![ReasonCode::AttendanceBelowMinimum]);
}

#[test]
fn the_unit_course_minimum_is_exact_at_75_percent_of_the_sums() {
    // 30 + 30 of 40 + 40 is 75% exactly; 29.99 + 30 is not.
    let exact = decide(
        vec![unit(Some("A"), "40", "30"), unit(Some("A"), "40", "30")],
        AttendanceScope::UnitCourse,
    );
    assert!(exact.completed);
    let short = decide(
        vec![unit(Some("A"), "40", "29.99"), unit(Some("A"), "40", "30")],
        AttendanceScope::UnitCourse,
    );
    assert_eq!(
        codes(&short),
        vec![ReasonCode::UnitCourseAttendanceBelowMinimum]
    );
    let reason = &short.reasons[0];
    assert_eq!(
        reason.subject,
        Some(Subject::UnitCourse {
            label: Some("A".into()),
            units: vec![0, 1]
        })
    );
    // 59.99 / 80 = 74.98750%.
    assert_eq!(
        reason.measured,
        Some(Quantity::Percent("74.9875".parse().unwrap()))
    );
    assert_eq!(reason.required, Some(Quantity::Percent(75.into())));
    assert!(
        reason
            .message
            .ko
            .starts_with("단위과정 A (능력단위 1, 2): 단위과정 출석률 미달")
    );
    // The Decree states the per-unit-course minimum: its basis is confirmed.
    assert_eq!(reason.legal_basis.provenance(), Provenance::Confirmed);
    assert!(reason.legal_basis.citation().contains("제14조의3"));
}

#[test]
fn units_group_by_label_wherever_they_stand_and_unlabelled_units_stand_alone() {
    // A = units 0 and 2: 20 + 10 of 20 + 20 = 75% (passes). B = unit 1: 10 of 20 (fails).
    // Unit 3 has no label: 7 of 10 = 70%, a unit course of its own (fails).
    let d = decide(
        vec![
            unit(Some("A"), "20", "20"),
            unit(Some("B"), "20", "10"),
            unit(Some("A"), "20", "10"),
            unit(None, "10", "7"),
        ],
        AttendanceScope::UnitCourse,
    );
    let subjects: Vec<_> = d.reasons.iter().map(|r| r.subject.clone()).collect();
    assert_eq!(
        subjects,
        vec![
            Some(Subject::UnitCourse {
                label: Some("B".into()),
                units: vec![1]
            }),
            Some(Subject::UnitCourse {
                label: None,
                units: vec![3]
            }),
        ]
    );
    assert!(
        d.reasons
            .iter()
            .all(|r| r.code == ReasonCode::UnitCourseAttendanceBelowMinimum)
    );
    assert_eq!(d.passed, Some(false));
}

#[test]
fn other_completion_checks_are_unchanged_by_the_scope() {
    let mut low = unit(Some("A"), "40", "40");
    low = UnitRecord::new(
        None,
        low.scheduled(),
        low.attended(),
        vec![Some(Score::new(39.into()).unwrap())],
    )
    .unwrap()
    .in_unit_course(UnitCourseLabel::new("A").unwrap());
    let d = decide(vec![low], AttendanceScope::UnitCourse);
    assert_eq!(codes(&d), vec![ReasonCode::InternalRoundBelowFloor]);
}

#[test]
fn a_unit_record_keeps_its_unit_course_through_serde_and_refuses_a_blank_one() {
    let u = unit(Some("도면 해독"), "40", "30");
    let json = serde_json::to_string(&u).unwrap();
    assert!(json.contains("\"unit_course\":\"도면 해독\""), "{json}");
    assert_eq!(serde_json::from_str::<UnitRecord>(&json).unwrap(), u);
    let without = serde_json::to_string(&unit(None, "40", "30")).unwrap();
    assert!(!without.contains("unit_course"), "{without}");
    let blank = json.replace("도면 해독", " ");
    assert!(serde_json::from_str::<UnitRecord>(&blank).is_err());
}

proptest! {
    /// Meeting 75% in every competency unit meets it in every unit course (a sum of parts that
    /// each reach 75% reaches 75%): the Decree's scope is never the stricter one.
    #[test]
    fn the_unit_course_scope_is_never_stricter(
        units in prop::collection::vec((0u8..3, 1u32..60, 0u32..=100), 1..8)
    ) {
        let build = || units.iter().map(|(label, hours, share)| {
            let attended = hours * share / 100;
            let label = ["A", "B", ""][usize::from(*label)];
            unit(
                (!label.is_empty()).then_some(label),
                &hours.to_string(),
                &attended.to_string(),
            )
        }).collect::<Vec<_>>();
        let per_unit = decide(build(), AttendanceScope::CompetencyUnit);
        let per_course = decide(build(), AttendanceScope::UnitCourse);
        if per_unit.completed {
            prop_assert!(per_course.completed, "{:?}", per_course.reasons);
        }
    }
}

// ------------------------------------------------------------------ retake window

#[test]
fn the_course_based_window_is_two_years_from_the_first_announcement_inclusive() {
    let rules = RulePack::embedded().newest();
    let announced = date("2026-04-10");
    let last =
        decide_retake_window(Track::CourseBased, announced, date("2028-04-10"), &rules).unwrap();
    assert!(last.allowed);
    assert_eq!(last.last_day, Some(date("2028-04-10")));
    let after =
        decide_retake_window(Track::CourseBased, announced, date("2028-04-11"), &rules).unwrap();
    assert!(!after.allowed);
    assert_eq!(after.reasons[0].code, ReasonCode::RetakeWindowClosed);
    assert_eq!(
        after.reasons[0].measured,
        Some(Quantity::Date(date("2028-04-11")))
    );
    assert_eq!(
        after.reasons[0].required,
        Some(Quantity::Date(date("2028-04-10")))
    );
    assert_eq!(
        after.reasons[0].legal_basis.provenance(),
        Provenance::Confirmed
    );
    assert!(
        after.reasons[0]
            .legal_basis
            .citation()
            .contains("제20조의2제4항")
    );
}

#[test]
fn a_window_opened_on_29_february_ends_on_28_february() {
    let rules = RulePack::embedded().newest();
    let leap = date("2024-02-29");
    let cb = decide_retake_window(Track::CourseBased, leap, date("2026-03-01"), &rules).unwrap();
    assert_eq!(cb.last_day, Some(date("2026-02-28")));
    assert!(!cb.allowed);
    let ws = decide_retake_window(Track::WorkStudy, leap, date("2025-02-28"), &rules).unwrap();
    assert_eq!(ws.last_day, Some(date("2025-02-28")));
    assert!(ws.allowed);
    assert_eq!(ws.reasons, vec![]);
}

#[test]
fn the_work_study_window_is_one_year_and_secondary() {
    let rules = RulePack::embedded().newest();
    let d = decide_retake_window(
        Track::WorkStudy,
        date("2025-09-05"),
        date("2026-09-06"),
        &rules,
    )
    .unwrap();
    assert_eq!(d.last_day, Some(date("2026-09-05")));
    assert_eq!(d.reasons[0].legal_basis.provenance(), Provenance::Secondary);
}

#[test]
fn before_the_2017_amendment_the_pack_assumes_no_window() {
    let rules = RulePack::embedded().rules_at(date("2017-06-01")).unwrap();
    let d = decide_retake_window(
        Track::CourseBased,
        date("2015-06-01"),
        date("2017-06-01"),
        &rules,
    )
    .unwrap();
    assert!(d.allowed);
    assert_eq!(d.last_day, None);
}

#[test]
fn an_evaluation_not_after_the_announcement_is_invalid_input() {
    let rules = RulePack::embedded().newest();
    for day in ["2026-05-15", "2026-05-14"] {
        assert!(
            decide_retake_window(Track::CourseBased, date("2026-05-15"), date(day), &rules)
                .is_err()
        );
    }
}

#[test]
fn no_limit_on_attempts_within_the_window() {
    let rules = RulePack::embedded().newest();
    let announced = Some(date("2026-04-10"));
    assert!(
        check_retake(
            Track::CourseBased,
            40,
            announced,
            date("2027-01-01"),
            &rules
        )
        .is_empty()
    );
    assert!(check_retake(Track::WorkStudy, 40, announced, date("2027-04-10"), &rules).is_empty());
    let late = check_retake(Track::WorkStudy, 1, announced, date("2027-04-11"), &rules);
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].code, ReasonCode::RetakeWindowClosed);
    // A first attempt has no announcement to count from.
    assert!(check_retake(Track::CourseBased, 0, None, date("2040-01-01"), &rules).is_empty());
}
