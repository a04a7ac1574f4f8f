//! What a candidate's records say about a new application (원서접수) to a round: whether the
//! round's plan (시행계획) covers their qualification and track, and what their earlier
//! applications (응시 이력) mean: one still pending, a finalised pass, earlier attempts for the
//! retake limits (재응시).
//!
//! # Example
//! ```
//! use cqnet_core::candidacy::{EarlierApplication, classify_attempts};
//! use cqnet_core::exam::ExamPlan;
//! let plan = ExamPlan::example();
//! let qualification = plan.spec().qualifications[0].clone();
//! let earlier = EarlierApplication {
//!     plan: &plan,
//!     qualification: &qualification,
//!     active: true,
//!     finalised: true,
//!     passed: false,
//! };
//! // The same round again: a pending application, not an earlier attempt.
//! let history = classify_attempts(&plan, &qualification, &[earlier]);
//! assert!(history.pending_application);
//! assert_eq!(history.earlier_attempts, 0);
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::exam::ExamPlan;
use crate::rules::Rules;
use crate::window::korean_date;
use crate::{QualificationCode, Reason, ReasonCode, Track};

/// One earlier application (응시 이력) of the candidate, with its round's plan and its result.
///
/// # Example
/// ```
/// use cqnet_core::candidacy::{EarlierApplication, classify_attempts};
/// use cqnet_core::exam::ExamPlan;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let first_round = ExamPlan::example(); // 2026 C1 round 1, announced 2026-04-10
/// let mut spec = first_round.spec().clone();
/// spec.round = 2;
/// spec.application_window = cqnet_core::window::TimeWindow::new(t("2026-06-01T09:00:00+09:00"), t("2026-06-05T18:00:00+09:00"))?;
/// spec.first_day = "2026-06-20".parse().unwrap();
/// spec.second_day = None;
/// spec.announcement = t("2026-07-10T09:00:00+09:00");
/// spec.published_on = "2026-05-01".parse().unwrap();
/// let second_round = ExamPlan::new(spec)?;
/// let qualification = first_round.spec().qualifications[0].clone();
/// let passed = EarlierApplication { plan: &first_round, qualification: &qualification, active: true, finalised: true, passed: true };
/// let history = classify_attempts(&second_round, &qualification, &[passed]);
/// assert!(history.already_passed);
/// assert!(!history.pending_application);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EarlierApplication<'a> {
    /// The plan of the round applied to.
    pub plan: &'a ExamPlan,
    /// The qualification applied for.
    pub qualification: &'a QualificationCode,
    /// Whether the application stands (not cancelled, 접수취소).
    pub active: bool,
    /// Whether its result is finalised (결과 확정).
    pub finalised: bool,
    /// Whether its result is a pass.
    pub passed: bool,
}

/// What the candidate's earlier applications mean for a new one: an application still pending
/// (중복 접수), a pass already held (이미 합격), and the earlier attempts the retake limits
/// (재응시 제한) count.
///
/// # Example
/// ```
/// use cqnet_core::candidacy::{EarlierApplication, classify_attempts};
/// use cqnet_core::exam::ExamPlan;
/// let plan = ExamPlan::example();
/// let qualification = plan.spec().qualifications[0].clone();
/// let cancelled = EarlierApplication { plan: &plan, qualification: &qualification, active: false, finalised: false, passed: false };
/// // a cancelled application (접수취소) counts for nothing
/// let history = classify_attempts(&plan, &qualification, &[cancelled]);
/// assert!(!history.pending_application && !history.already_passed);
/// assert_eq!(history.earlier_attempts, 0);
/// assert_eq!(history.first_sitting_announced, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AttemptHistory {
    /// An application in the same round, or one for the same qualification whose result is
    /// not finalised yet (중복 접수).
    pub pending_application: bool,
    /// A finalised pass of the same qualification (이미 합격).
    pub already_passed: bool,
    /// Earlier rounds of the same track sat before this round's first day, counted once per
    /// evaluation day.
    pub earlier_attempts: u32,
    /// The announcement day (합격자 공고일, Korean calendar) of the first of those earlier
    /// rounds: the retake window counts from it (국가기술자격법 시행령 제20조의2제4항).
    pub first_sitting_announced: Option<NaiveDate>,
}

/// Classifies the candidate's earlier applications for an application to `plan` for
/// `qualification`. Cancelled applications (접수취소) count for nothing.
///
/// # Example
/// ```
/// use cqnet_core::candidacy::{EarlierApplication, classify_attempts};
/// use cqnet_core::exam::{ExamPlan, ExamPlanSpec};
/// let earlier_plan = ExamPlan::example();
/// let mut spec = earlier_plan.spec().clone();
/// spec.year = 2027;
/// let shift = |d: chrono::NaiveDate| d.checked_add_months(chrono::Months::new(12)).unwrap();
/// spec.first_day = shift(spec.first_day);
/// spec.second_day = spec.second_day.map(shift);
/// spec.published_on = shift(spec.published_on);
/// spec.application_window = cqnet_core::window::TimeWindow::new(
///     spec.application_window.start() + chrono::Duration::days(365),
///     spec.application_window.end() + chrono::Duration::days(365),
/// )?;
/// spec.announcement = spec.announcement + chrono::Duration::days(365);
/// let plan = ExamPlan::new(spec)?;
/// let q = plan.spec().qualifications[0].clone();
/// let failed = EarlierApplication { plan: &earlier_plan, qualification: &q, active: true, finalised: true, passed: false };
/// let history = classify_attempts(&plan, &q, &[failed]);
/// assert!(!history.already_passed && !history.pending_application);
/// assert_eq!(history.earlier_attempts, 1);
/// let announced = cqnet_core::window::korean_date(earlier_plan.spec().announcement);
/// assert_eq!(history.first_sitting_announced, Some(announced));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn classify_attempts(
    plan: &ExamPlan,
    qualification: &QualificationCode,
    past: &[EarlierApplication<'_>],
) -> AttemptHistory {
    let mut pending = false;
    let mut already_passed = false;
    // Earlier sittings by first day, with their announcement days.
    let mut earlier_days = BTreeMap::new();
    let this_round = plan.id();
    for p in past.iter().filter(|p| p.active) {
        if p.plan.id() == this_round {
            pending = true;
            continue;
        }
        if p.qualification == qualification {
            if p.finalised && p.passed {
                already_passed = true;
            } else if !p.finalised {
                pending = true;
            }
        }
        if p.plan.track() == plan.track() && p.plan.spec().first_day < plan.spec().first_day {
            earlier_days.insert(
                p.plan.spec().first_day,
                korean_date(p.plan.spec().announcement),
            );
        }
    }
    AttemptHistory {
        pending_application: pending,
        already_passed,
        earlier_attempts: u32::try_from(earlier_days.len()).unwrap_or(u32::MAX),
        first_sitting_announced: earlier_days
            .first_key_value()
            .map(|(_, announced)| *announced),
    }
}

/// Checks that the round's plan covers the candidate's qualification on the candidate's track
/// (시행계획의 대상 종목): a failing check is `qualification_not_in_plan`.
///
/// # Example
/// ```
/// use cqnet_core::candidacy::check_plan_coverage;
/// use cqnet_core::exam::ExamPlan;
/// use cqnet_core::{QualificationCode, ReasonCode, Track, rules::RulePack};
/// let plan = ExamPlan::example();
/// let rules = RulePack::embedded().newest();
/// let listed = plan.spec().qualifications[0].clone();
/// assert!(check_plan_coverage(&plan, &listed, Track::CourseBased, &rules).is_empty());
/// let other = QualificationCode::new("2N0C")?;
/// let reasons = check_plan_coverage(&plan, &other, Track::CourseBased, &rules);
/// assert_eq!(reasons[0].code, ReasonCode::QualificationNotInPlan);
/// assert_eq!(check_plan_coverage(&plan, &listed, Track::WorkStudy, &rules).len(), 1);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn check_plan_coverage(
    plan: &ExamPlan,
    qualification: &QualificationCode,
    track: Track,
    rules: &Rules,
) -> Vec<Reason> {
    if plan.covers(qualification) && plan.track() == track {
        return Vec::new();
    }
    vec![Reason::new(
        ReasonCode::QualificationNotInPlan,
        rules.bases.qualification_in_plan.basis.clone(),
    )]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::exam::ExamPlanSpec;
    use crate::window::TimeWindow;
    use chrono::{Duration, Months};

    fn a_year_later(plan: &ExamPlan, years: u32) -> ExamPlan {
        let s = plan.spec();
        let days = Duration::days(365 * i64::from(years));
        let shift = |d: NaiveDate| d.checked_add_months(Months::new(12 * years)).unwrap();
        ExamPlan::new(ExamPlanSpec {
            year: s.year + i32::try_from(years).unwrap(),
            application_window: TimeWindow::new(
                s.application_window.start() + days,
                s.application_window.end() + days,
            )
            .unwrap(),
            first_day: shift(s.first_day),
            second_day: s.second_day.map(shift),
            announcement: s.announcement + days,
            published_on: shift(s.published_on),
            ..s.clone()
        })
        .unwrap()
    }

    #[test]
    fn each_kind_of_earlier_application_counts_as_the_rule_says() {
        let first = ExamPlan::example();
        let second = a_year_later(&first, 1);
        let now = a_year_later(&first, 2);
        let q = first.spec().qualifications[0].clone();
        let other = QualificationCode::new("2N0C").unwrap();
        let past = |plan, qualification, active, finalised, passed| EarlierApplication {
            plan,
            qualification,
            active,
            finalised,
            passed,
        };
        // Cancelled: nothing.
        let h = classify_attempts(&now, &q, &[past(&first, &q, false, true, true)]);
        assert!(!h.already_passed && !h.pending_application && h.earlier_attempts == 0);
        // A finalised pass of the same qualification.
        let h = classify_attempts(&now, &q, &[past(&first, &q, true, true, true)]);
        assert!(h.already_passed && !h.pending_application);
        // A pass of another qualification is an attempt, not a pass.
        let h = classify_attempts(&now, &q, &[past(&first, &other, true, true, true)]);
        assert!(!h.already_passed && h.earlier_attempts == 1);
        // An open result of the same qualification is pending.
        let h = classify_attempts(&now, &q, &[past(&second, &q, true, false, false)]);
        assert!(h.pending_application);
        // Two earlier rounds: two attempts, the first day the older one's.
        let h = classify_attempts(
            &now,
            &q,
            &[
                past(&second, &q, true, true, false),
                past(&first, &q, true, true, false),
            ],
        );
        assert_eq!(h.earlier_attempts, 2);
        assert_eq!(
            h.first_sitting_announced,
            Some(crate::window::korean_date(first.spec().announcement))
        );
        // A later round is no earlier attempt.
        let h = classify_attempts(&first, &q, &[past(&now, &q, true, true, false)]);
        assert_eq!(h.earlier_attempts, 0);
    }
}
