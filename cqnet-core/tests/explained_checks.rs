//! The checks of an explanation are the decision's own: over random records (and both
//! attendance scopes of 과정평가형), the failed checks of `course_based::checks` and
//! `work_study::checks` are exactly the reasons of their `decide` (code, subject, measured and
//! required values, legal basis) in the same order, and a record every check of which passes
//! is one the decision gives no reason.

#![allow(clippy::unwrap_used)]

use cqnet_core::course_based::{checks, decide};
use cqnet_core::rules::{AttendanceScope, RulePack};
use cqnet_core::strategies::trainee_record;
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, UnitResult};
use cqnet_core::{ExamStandard, Hours, ReasonCode};
use proptest::prelude::*;

proptest! {
    #[test]
    fn the_failed_checks_are_the_reasons(
        record in trainee_record(&RulePack::embedded().newest(), 1..=12),
        per_unit_course in any::<bool>(),
    ) {
        let mut rules = RulePack::embedded().newest();
        if per_unit_course {
            rules.course_based.attendance_scope.value = AttendanceScope::UnitCourse;
        }
        let standard = ExamStandard::from_rules(&rules);
        let decision = decide(&record, &standard, &rules);
        let all = checks(&record, &standard, &rules);
        let failed: Vec<_> = all.iter().filter(|c| !c.passed).collect();
        prop_assert_eq!(failed.len(), decision.reasons.len());
        for (check, reason) in failed.iter().zip(&decision.reasons) {
            prop_assert_eq!(check.code, reason.code);
            prop_assert_eq!(&check.subject, &reason.subject);
            prop_assert_eq!(&check.measured, &reason.measured);
            prop_assert_eq!(&check.required, &reason.required);
            prop_assert_eq!(&check.legal_basis, &reason.legal_basis);
        }
        // Every unit's attendance (or unit course's) and rounds are checked, passed or not.
        let attendance = all
            .iter()
            .filter(|c| matches!(c.code, ReasonCode::AttendanceBelowMinimum | ReasonCode::UnitCourseAttendanceBelowMinimum))
            .count();
        prop_assert!(attendance >= 1);
        let rounds = all.iter().filter(|c| c.code == ReasonCode::InternalEvaluationMissing).count();
        prop_assert_eq!(rounds, record.units().len());
        // The pass mark is checked exactly when a completer's final score is known.
        let pass_mark = all.iter().filter(|c| c.code == ReasonCode::FinalScoreBelowPassMark).count();
        prop_assert_eq!(pass_mark, usize::from(decision.completed && decision.final_score.is_some()));
    }
}

/// A learner's record (일학습병행): OJT and Off-JT hours, the internal units and, sometimes,
/// the external units, each passed or not.
fn learner_record() -> impl Strategy<Value = LearnerRecord> {
    let hours = (1u32..=2_000).prop_flat_map(|scheduled| (Just(scheduled), 0..=scheduled));
    (
        hours.clone(),
        proptest::option::of(hours),
        proptest::collection::vec(any::<bool>(), 1..=12),
        proptest::option::of(proptest::collection::vec(any::<bool>(), 1..=12)),
    )
        .prop_map(|(ojt, off_jt, internal, external)| {
            let training = |(scheduled, attended): (u32, u32)| {
                TrainingHours::new(
                    Hours::whole(scheduled).unwrap(),
                    Hours::whole(attended).unwrap(),
                )
                .unwrap()
            };
            let units = |passed: Vec<bool>| {
                passed
                    .into_iter()
                    .map(|p| UnitResult::new(None, p))
                    .collect()
            };
            let record = LearnerRecord::new(
                training(ojt),
                off_jt.map_or(TrainingHours::NONE, training),
                units(internal),
            )
            .unwrap();
            match external {
                Some(external) => record.with_external(units(external)).unwrap(),
                None => record,
            }
        })
}

proptest! {
    #[test]
    fn the_failed_checks_of_a_learner_are_the_reasons(record in learner_record()) {
        let rules = RulePack::embedded().newest();
        let decision = work_study::decide(&record, &rules);
        let all = work_study::checks(&record, &rules);
        let failed: Vec<_> = all.iter().filter(|c| !c.passed).collect();
        prop_assert_eq!(failed.len(), decision.reasons.len());
        for (check, reason) in failed.iter().zip(&decision.reasons) {
            prop_assert_eq!(check.code, reason.code);
            prop_assert_eq!(&check.measured, &reason.measured);
            prop_assert_eq!(&check.required, &reason.required);
            prop_assert_eq!(&check.legal_basis, &reason.legal_basis);
        }
        // Attendance and the internal units are always checked; the external units exactly
        // when they are given and the learner is eligible.
        let count = |code| all.iter().filter(|c| c.code == code).count();
        prop_assert_eq!(count(ReasonCode::AttendanceBelowMinimum), 1);
        prop_assert_eq!(count(ReasonCode::InternalUnitPassRatioBelowMinimum), 1);
        prop_assert_eq!(
            count(ReasonCode::ExternalUnitPassRatioBelowMinimum),
            usize::from(record.external_units().is_some() && decision.eligible_for_external)
        );
    }
}
