//! The external evaluation application (외부평가 원서접수): the checks a candidate's
//! application must pass.
//!
//! # Example
//! ```
//! use cqnet_core::application::{decide, ApplicationFacts, CandidateFacts, VenueLoad};
//! use cqnet_core::{rules::RulePack, window::TimeWindow, ReasonCode, Track};
//! let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
//! let facts = ApplicationFacts {
//!     track: Track::CourseBased,
//!     now: t("2026-03-03T10:15:00+09:00"),
//!     window: TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?,
//!     candidate: CandidateFacts { eligible: true, course_designated: true, already_passed: false, pending_application: false },
//!     venue: Some(VenueLoad::new(20, 20)?),
//! };
//! let decision = decide(&facts, &RulePack::embedded().newest());
//! assert!(!decision.accepted);
//! assert_eq!(decision.reasons[0].code, ReasonCode::VenueFull);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::rules::Rules;
use crate::window::TimeWindow;
use crate::{InputError, LegalBasis, Quantity, Reason, ReasonCode, Track};

/// What is known of the candidate (수험자) when they apply: eligibility (응시자격), designation of
/// their course, an earlier pass and an application already pending in the round.
///
/// # Example
/// ```
/// use cqnet_core::application::{decide, ApplicationFacts, CandidateFacts};
/// use cqnet_core::{window::TimeWindow, ReasonCode, Track};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let candidate = CandidateFacts { eligible: true, course_designated: true, already_passed: true, pending_application: false };
/// let facts = ApplicationFacts {
///     track: Track::CourseBased,
///     now: t("2026-03-03T10:00:00+09:00"),
///     window: TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?,
///     candidate,
///     venue: None,
/// };
/// assert_eq!(decide(&facts, &cqnet_core::rules::RulePack::embedded().newest()).reasons[0].code, ReasonCode::AlreadyPassed);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateFacts {
    /// The core found them eligible (completion for 과정평가형; internal pass and attendance for
    /// 일학습병행).
    pub eligible: bool,
    /// Their course is designated (일학습병행: their programme is approved).
    pub course_designated: bool,
    /// They already hold a pass in this qualification.
    pub already_passed: bool,
    /// They already have an application in this round.
    pub pending_application: bool,
}

/// Seats of a venue (시험장): capacity and seats already booked.
///
/// # Errors
/// [`InputError::Inconsistent`] when more seats are booked than exist.
///
/// # Example
/// ```
/// use cqnet_core::application::VenueLoad;
/// assert!(VenueLoad::new(20, 21).is_err());
/// assert!(VenueLoad::new(20, 20)?.is_full());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "VenueWire")]
pub struct VenueLoad {
    capacity: u32,
    booked: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VenueWire {
    capacity: u32,
    booked: u32,
}

impl TryFrom<VenueWire> for VenueLoad {
    type Error = InputError;
    fn try_from(w: VenueWire) -> Result<Self, Self::Error> {
        VenueLoad::new(w.capacity, w.booked)
    }
}

impl VenueLoad {
    /// Checked seat counts of a venue (시험장): `booked` of `capacity` seats taken.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when more seats are booked than exist.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::application::VenueLoad;
    /// let venue = VenueLoad::new(30, 12)?;
    /// assert_eq!((venue.capacity(), venue.booked()), (30, 12));
    /// assert!(VenueLoad::new(30, 31).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(capacity: u32, booked: u32) -> Result<Self, InputError> {
        if booked > capacity {
            return Err(InputError::Inconsistent(format!(
                "{booked} seats booked at a venue of {capacity}"
            )));
        }
        Ok(VenueLoad { capacity, booked })
    }

    /// Whether no seat is left (선착순 마감).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::application::VenueLoad;
    /// assert!(!VenueLoad::new(30, 29)?.is_full());
    /// assert!(VenueLoad::new(30, 30)?.is_full());
    /// assert!(VenueLoad::new(0, 0)?.is_full());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn is_full(&self) -> bool {
        self.booked >= self.capacity
    }

    /// The venue's capacity.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::application::VenueLoad;
    /// assert_eq!(VenueLoad::new(20, 3)?.capacity(), 20);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Seats already booked.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::application::VenueLoad;
    /// assert_eq!(VenueLoad::new(20, 3)?.booked(), 3);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn booked(&self) -> u32 {
        self.booked
    }
}

/// Everything an application decision (원서접수) looks at: the track, the instant, the
/// application window, the candidate and the chosen venue.
///
/// # Example
/// ```
/// use cqnet_core::application::{decide, ApplicationFacts, CandidateFacts, VenueLoad};
/// use cqnet_core::{window::TimeWindow, Track};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let facts = ApplicationFacts {
///     track: Track::WorkStudy,
///     now: t("2026-03-03T10:00:00+09:00"),
///     window: TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?,
///     candidate: CandidateFacts { eligible: true, course_designated: true, already_passed: false, pending_application: false },
///     venue: Some(VenueLoad::new(20, 5)?),
/// };
/// assert!(decide(&facts, &cqnet_core::rules::RulePack::embedded().newest()).accepted);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationFacts {
    /// The track of the evaluation.
    pub track: Track,
    /// When the candidate applies.
    pub now: DateTime<FixedOffset>,
    /// The application window (원서접수 기간).
    pub window: TimeWindow,
    /// The candidate.
    pub candidate: CandidateFacts,
    /// The chosen venue, if seats are allocated per venue.
    #[serde(default)]
    pub venue: Option<VenueLoad>,
}

/// Whether an application is accepted (접수), with every failing check: a decision never stops
/// at the first.
///
/// # Example
/// ```
/// use cqnet_core::application::{decide, ApplicationFacts, CandidateFacts};
/// use cqnet_core::{window::TimeWindow, ReasonCode, Track};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let facts = ApplicationFacts {
///     track: Track::CourseBased,
///     now: t("2026-03-07T10:00:00+09:00"), // after the window
///     window: TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?,
///     candidate: CandidateFacts { eligible: false, course_designated: true, already_passed: false, pending_application: false },
///     venue: None,
/// };
/// let decision = decide(&facts, &cqnet_core::rules::RulePack::embedded().newest());
/// assert!(!decision.accepted);
/// let codes: Vec<_> = decision.reasons.iter().map(|r| r.code).collect();
/// assert_eq!(codes, [ReasonCode::OutsideApplicationWindow, ReasonCode::NotEligible]);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplicationDecision {
    /// Accepted when no check failed.
    pub accepted: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
}

fn eligibility_basis(track: Track, rules: &Rules) -> LegalBasis {
    match track {
        Track::CourseBased => rules.bases.course_based_eligibility.basis.clone(),
        // Eligibility is the attendance minimum of 시행령 제15조제3항: that value's basis.
        Track::WorkStudy => rules.work_study.attendance_min_percent.basis.clone(),
    }
}

fn designation_basis(track: Track, rules: &Rules) -> LegalBasis {
    match track {
        Track::CourseBased => rules.bases.course_designation.basis.clone(),
        Track::WorkStudy => rules.bases.work_study_recognition.basis.clone(),
    }
}

/// Decides an application (원서접수) under `rules`, which cite the legal bases: inside the window, eligible, designated course, no pass
/// yet in the qualification, no other application in the round, and a seat left.
///
/// # Example
/// ```
/// use cqnet_core::application::{decide, ApplicationFacts, CandidateFacts, VenueLoad};
/// use cqnet_core::{window::TimeWindow, ReasonCode, Track};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let mut facts = ApplicationFacts {
///     track: Track::CourseBased,
///     now: t("2026-03-03T10:00:00+09:00"),
///     window: TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?,
///     candidate: CandidateFacts { eligible: true, course_designated: true, already_passed: false, pending_application: false },
///     venue: Some(VenueLoad::new(20, 19)?),
/// };
/// let rules = cqnet_core::rules::RulePack::embedded().newest();
/// assert!(decide(&facts, &rules).accepted);
/// facts.candidate.pending_application = true;
/// assert_eq!(decide(&facts, &rules).reasons[0].code, ReasonCode::DuplicateApplication);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(facts: &ApplicationFacts, rules: &Rules) -> ApplicationDecision {
    let application_basis = || rules.bases.application_plan.basis.clone();
    let mut reasons = Vec::new();
    if !facts.window.contains(facts.now) {
        reasons.push(
            Reason::new(ReasonCode::OutsideApplicationWindow, application_basis())
                .measured(Quantity::Instant(facts.now)),
        );
    }
    let c = &facts.candidate;
    if !c.eligible {
        reasons.push(Reason::new(
            ReasonCode::NotEligible,
            eligibility_basis(facts.track, rules),
        ));
    }
    if !c.course_designated {
        reasons.push(Reason::new(
            ReasonCode::CourseNotDesignated,
            designation_basis(facts.track, rules),
        ));
    }
    if c.already_passed {
        reasons.push(Reason::new(ReasonCode::AlreadyPassed, application_basis()));
    }
    if c.pending_application {
        reasons.push(Reason::new(
            ReasonCode::DuplicateApplication,
            application_basis(),
        ));
    }
    if let Some(venue) = facts.venue.filter(VenueLoad::is_full) {
        reasons.push(
            Reason::new(ReasonCode::VenueFull, application_basis())
                .measured(Quantity::Count(u64::from(venue.booked)))
                .required(Quantity::Count(u64::from(venue.capacity))),
        );
    }
    ApplicationDecision {
        accepted: reasons.is_empty(),
        reasons,
    }
}

/// Why an application cannot take a change of its state.
///
/// # Example
/// ```
/// use cqnet_core::application::{StateRefusal, check_cancellation, check_payment};
/// assert_eq!(check_payment(true, true), None);
/// assert_eq!(check_payment(false, true), Some(StateRefusal::Cancelled));
/// assert_eq!(check_payment(true, false), Some(StateRefusal::PaidAlready));
/// assert_eq!(check_cancellation(true, false), None);
/// assert_eq!(check_cancellation(false, false), Some(StateRefusal::Cancelled));
/// assert_eq!(check_cancellation(true, true), Some(StateRefusal::HasResult));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StateRefusal {
    /// The application is cancelled (접수취소).
    Cancelled,
    /// The fee is paid (or refunded) already.
    PaidAlready,
    /// The application has a result (결과), so it is no longer cancelled.
    HasResult,
}

/// Whether the payment of an application's fee may be recorded (결제 확인): only for an
/// application that stands and whose fee is unpaid. Stores call it inside the transaction
/// that records the payment.
///
/// # Example
/// See [`StateRefusal`].
pub fn check_payment(application_active: bool, fee_unpaid: bool) -> Option<StateRefusal> {
    if !application_active {
        Some(StateRefusal::Cancelled)
    } else if !fee_unpaid {
        Some(StateRefusal::PaidAlready)
    } else {
        None
    }
}

/// Whether an application may be cancelled (접수취소): only one that stands and has no result
/// yet. Stores call it inside the transaction that cancels.
///
/// # Example
/// See [`StateRefusal`].
pub fn check_cancellation(application_active: bool, has_result: bool) -> Option<StateRefusal> {
    if !application_active {
        Some(StateRefusal::Cancelled)
    } else if has_result {
        Some(StateRefusal::HasResult)
    } else {
        None
    }
}
