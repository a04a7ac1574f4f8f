//! Evaluation fee refunds on cancellation (응시수수료 환불).
//!
//! 과정평가형 follows the national technical qualification rule (국가기술자격법 시행규칙
//! 제36조제5항): everything back before the application window ends, or when the agency's
//! fault or an excused reason (hospitalisation, notifiable infectious disease, bereavement,
//! disaster) kept the candidate away; half back until 5 days before the evaluation; nothing
//! after. 일학습병행 (시행규칙 제13조제3항) has the same schedule without the excused reasons.
//!
//! # Example
//! ```
//! use cqnet_core::refund::{decide, RefundRequest};
//! use cqnet_core::rules::{CancelReason, RulePack};
//! use cqnet_core::{window::TimeWindow, Track, Won};
//! let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
//! let request = RefundRequest {
//!     track: Track::WorkStudy,
//!     fee: Won::new(15_960),
//!     window: TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?,
//!     exam_date: "2026-03-20".parse().unwrap(),
//!     cancelled_at: t("2026-03-15T23:59:59+09:00"),
//!     reason: CancelReason::Personal,
//! };
//! let refund = decide(&request, &RulePack::embedded().newest())?;
//! assert_eq!(refund.percent.to_string(), "50");
//! assert_eq!(refund.refund, Won::new(7_980));
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::rules::{CancelReason, Rules};
use crate::window::{TimeWindow, korean_date};
use crate::{InputError, LegalBasis, Percent, RulesUsed, Track, Won};

/// A cancellation (접수취소) to price: the track, the fee paid (응시수수료), the application
/// window, the evaluation day, when the candidate cancelled and why.
///
/// # Example
/// ```
/// use cqnet_core::refund::{decide, RefundRequest, RefundStage};
/// use cqnet_core::rules::{CancelReason, RulePack};
/// use cqnet_core::{window::TimeWindow, Track, Won};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let request = RefundRequest {
///     track: Track::CourseBased,
///     fee: Won::new(20_000),
///     window: TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?,
///     exam_date: "2026-03-20".parse().unwrap(),
///     cancelled_at: t("2026-03-04T12:00:00+09:00"), // inside the window
///     reason: CancelReason::Personal,
/// };
/// let refund = decide(&request, &RulePack::embedded().newest())?;
/// assert_eq!(refund.stage, RefundStage::WithinWindow);
/// assert_eq!(refund.refund, Won::new(20_000));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// The track of the evaluation.
    pub track: Track,
    /// The fee paid; more than zero.
    pub fee: Won,
    /// The application window.
    pub window: TimeWindow,
    /// The (first) evaluation day, a Korean calendar date.
    pub exam_date: NaiveDate,
    /// When the candidate cancelled.
    pub cancelled_at: chrono::DateTime<chrono::FixedOffset>,
    /// Why.
    #[serde(default)]
    pub reason: CancelReason,
}

/// Which rule of the schedule applied.
///
/// # Example
/// ```
/// use cqnet_core::refund::RefundStage;
/// assert_eq!(serde_json::to_string(&RefundStage::WithinWindow).unwrap(), "\"within_window\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundStage {
    /// The agency's fault.
    AgencyFault,
    /// An excused reason of the track.
    Excused,
    /// Before the application window ended.
    WithinWindow,
    /// After the window, up to the last day of partial refunds.
    AfterWindow,
    /// Too late for any refund.
    TooLate,
}

/// The refund due (환불액): the share, the amount cut to whole won, which rule applied and the
/// last day of partial refunds.
///
/// # Example
/// ```
/// use cqnet_core::refund::{decide, RefundRequest, RefundStage};
/// use cqnet_core::rules::{CancelReason, RulePack};
/// use cqnet_core::{window::TimeWindow, Track, Won};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let request = RefundRequest {
///     track: Track::WorkStudy,
///     fee: Won::new(15_960),
///     window: TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?,
///     exam_date: "2026-03-20".parse().unwrap(),
///     cancelled_at: t("2026-03-19T09:00:00+09:00"), // the day before the evaluation
///     reason: CancelReason::Personal,
/// };
/// let refund = decide(&request, &RulePack::embedded().newest())?;
/// assert_eq!(refund.stage, RefundStage::TooLate);
/// assert_eq!(refund.refund, Won::ZERO);
/// assert!(refund.last_partial_refund_day < request.exam_date);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RefundDecision {
    /// The share refunded.
    pub percent: Percent,
    /// The amount: fee × percent / 100, cut to whole won.
    pub refund: Won,
    /// Which rule applied.
    pub stage: RefundStage,
    /// The last Korean calendar day of partial refunds.
    pub last_partial_refund_day: NaiveDate,
    /// The legal basis of the schedule.
    pub basis: LegalBasis,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Prices a cancellation under the track's refund schedule (환불 기준).
///
/// # Errors
/// [`InputError::NotPositive`] when the fee is zero.
///
/// # Example
/// ```
/// use cqnet_core::refund::{decide, RefundRequest, RefundStage};
/// use cqnet_core::rules::{CancelReason, RulePack};
/// use cqnet_core::{window::TimeWindow, Track, Won};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let mut request = RefundRequest {
///     track: Track::CourseBased,
///     fee: Won::new(20_001),
///     window: TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?,
///     exam_date: "2026-03-20".parse().unwrap(),
///     cancelled_at: t("2026-03-10T12:00:00+09:00"), // after the window
///     reason: CancelReason::Personal,
/// };
/// let rules = RulePack::embedded().newest();
/// let half = decide(&request, &rules)?;
/// assert_eq!(half.stage, RefundStage::AfterWindow);
/// assert_eq!(half.refund, Won::new(10_000)); // cut to whole won
/// request.fee = Won::ZERO;
/// assert!(decide(&request, &rules).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(request: &RefundRequest, rules: &Rules) -> Result<RefundDecision, InputError> {
    if request.fee == Won::ZERO {
        return Err(InputError::NotPositive { what: "fee" });
    }
    let rule = match request.track {
        Track::CourseBased => &rules.refund.course_based,
        Track::WorkStudy => &rules.refund.work_study,
    };
    let schedule = &rule.value;
    let last_partial_refund_day = request
        .exam_date
        .checked_sub_days(Days::new(u64::from(
            schedule.after_window_until_days_before,
        )))
        .unwrap_or(NaiveDate::MIN);
    let (stage, percent) = if request.reason == CancelReason::AgencyFault {
        (RefundStage::AgencyFault, schedule.agency_fault_percent)
    } else if schedule.excused_reasons.contains(&request.reason) {
        (RefundStage::Excused, schedule.excused_percent)
    } else if request.cancelled_at < request.window.end() {
        (RefundStage::WithinWindow, schedule.within_window_percent)
    } else if korean_date(request.cancelled_at) <= last_partial_refund_day {
        (RefundStage::AfterWindow, schedule.after_window_percent)
    } else {
        (RefundStage::TooLate, Percent::ZERO)
    };
    Ok(RefundDecision {
        percent,
        refund: request.fee.percent_cut(percent),
        stage,
        last_partial_refund_day,
        basis: rule.basis.clone(),
        rules: RulesUsed::from(rules),
    })
}
