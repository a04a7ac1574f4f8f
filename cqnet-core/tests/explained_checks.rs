//! The checks of an explanation are the decision's own: over random records and both
//! attendance scopes, the failed checks of `course_based::checks` are exactly the reasons of
//! `course_based::decide` (code, subject, measured and required values, legal basis) in the
//! same order, and a record every check of which passes is one the decision gives no reason.

#![allow(clippy::unwrap_used)]

use cqnet_core::course_based::{checks, decide};
use cqnet_core::rules::{AttendanceScope, RulePack};
use cqnet_core::strategies::trainee_record;
use cqnet_core::{ExamStandard, ReasonCode};
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
