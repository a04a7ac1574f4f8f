//! The one error type of every store operation.

use std::sync::Arc;

use cqnet_core::Reason;
use thiserror::Error;

use crate::Version;

/// Reasons as a person reads them: each code with its message in English and Korean.
fn describe_reasons(reasons: &[Reason]) -> String {
    let lines: Vec<String> = reasons
        .iter()
        .map(|r| format!("{} ({} / {})", r.code, r.message.en, r.message.ko))
        .collect();
    lines.join("; ")
}

/// Why a store operation failed. No backend type (rusqlite, postgres, …) ever appears here:
/// adapters turn their faults into [`StoreError::Unavailable`] or [`StoreError::Corrupt`].
///
/// A business "no" (a trainee who did not attend enough) is never a `StoreError`: the store
/// decides no rules.
///
/// # Example
/// ```
/// use cqnet_store::StoreError;
/// let err = StoreError::NotFound { what: "course", key: "c-1".into() };
/// assert_eq!(err.to_string(), "course \"c-1\" not found");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// No record with this key.
    #[error("{what} {key:?} not found")]
    NotFound {
        /// The aggregate (`course`, `enrollment`, …).
        what: &'static str,
        /// The key looked up.
        key: String,
    },
    /// A record with this key exists already (and differs from the one given).
    #[error("{what} {key:?} already exists")]
    AlreadyExists {
        /// The aggregate.
        what: &'static str,
        /// The key.
        key: String,
    },
    /// An update named a version that is no longer the current one (optimistic concurrency).
    #[error("{what} {key:?} is at version {actual}, not {expected}")]
    VersionConflict {
        /// The aggregate.
        what: &'static str,
        /// The key.
        key: String,
        /// The version the caller read.
        expected: Version,
        /// The version stored now.
        actual: Version,
    },
    /// An idempotency key was used before for a different command or payload.
    #[error("idempotency key {key:?} was used before for a different command")]
    IdempotencyConflict {
        /// The key.
        key: String,
    },
    /// Every seat (정원) of the course is taken.
    #[error("course {course:?} is full: all {capacity} seats are taken")]
    CourseFull {
        /// The course.
        course: String,
        /// Its capacity.
        capacity: u32,
    },
    /// Every seat (정원) of the exam venue (시험장) is taken.
    #[error("venue {venue:?} is full: all {capacity} seats are taken")]
    VenueFull {
        /// The venue.
        venue: String,
        /// Its capacity.
        capacity: u32,
    },
    /// The attendance would put a learner's effective hours towards a target above the hours
    /// scheduled for it (the batch is checked against the ledger inside the transaction that
    /// appends it, so two batches racing for the same hours cannot both pass).
    #[error(
        "enrollment {enrollment} would have {attended} hours of {target} but {scheduled} are scheduled"
    )]
    AboveSchedule {
        /// The enrollment.
        enrollment: String,
        /// The target (a competency unit, OJT or Off-JT), as text.
        target: String,
        /// The effective hours the batch would leave.
        attended: rust_decimal::Decimal,
        /// The scheduled hours.
        scheduled: rust_decimal::Decimal,
    },
    /// The attendance would put a learner's standing hours on a calendar day above the most
    /// hours a learner of their track may have recorded on one day (the rule pack's
    /// `course_based.daily_max_hours` or `work_study.daily_max_hours`, in force on that day).
    /// Like [`StoreError::AboveSchedule`] it is checked inside the transaction that appends, so
    /// two batches racing for the same day cannot both pass. `reasons` are the core's
    /// (`daily_hours_exceeded`, one per day the batch raises above the limit, with the hours,
    /// the limit and its legal basis).
    #[error("enrollment {enrollment} would have more hours on a day than may be recorded: {}", describe_reasons(.reasons))]
    AboveDailyLimit {
        /// The enrollment.
        enrollment: String,
        /// Every day above the limit, as a reason of [`cqnet_core::ledger::check_daily_hours`].
        reasons: Vec<Reason>,
    },
    /// The command is inconsistent with what is stored (a correction of an entry of another
    /// enrollment, …): `kind` says which inconsistency, the same on every back end.
    #[error("{detail}")]
    Conflict {
        /// Which inconsistency.
        kind: ConflictKind,
        /// What it is about, for a person to read.
        detail: String,
    },
    /// Stored data failed validation when read back.
    #[error("stored {what} is corrupt: {detail}")]
    Corrupt {
        /// What was read.
        what: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// The backend failed (I/O, lock, connection): `kind` says how. Retrying with the same
    /// idempotency key is safe.
    #[error("store unavailable: {detail}")]
    Unavailable {
        /// How the back end failed.
        kind: UnavailableKind,
        /// What failed, for a person to read (the driver's own words are the `source`).
        detail: String,
        /// The driver's or the pool's error, when there is one: the error's
        /// [`source`](std::error::Error::source), so that a report prints the chain and a
        /// host can read the driver's code (see [`BackendError`]).
        #[source]
        source: Option<BackendError>,
    },
}

/// The error of a back end's driver (`rusqlite::Error`, `tokio_postgres::Error`, …), kept
/// behind a [`StoreError::Unavailable`] as its source, so that no driver type appears in
/// `StoreError` itself and none of the driver's detail is lost.
///
/// It displays as the driver's error and has the driver's error's source. Two
/// `BackendError`s always compare equal: a `StoreError` compares by its kind and detail, not
/// by the driver's error behind it.
///
/// # Example
/// ```
/// use std::error::Error as _;
/// use cqnet_store::{StoreError, UnavailableKind};
/// let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
/// let e = StoreError::unavailable(UnavailableKind::Connection, "the database is not reachable")
///     .with_source(io);
/// let driver = e.source().expect("the driver's error is kept");
/// assert_eq!(driver.to_string(), "connection refused");
/// let io = e.backend_error().and_then(|d| d.downcast_ref::<std::io::Error>());
/// assert_eq!(io.map(|io| io.kind()), Some(std::io::ErrorKind::ConnectionRefused));
/// ```
#[derive(Clone)]
pub struct BackendError(Arc<dyn std::error::Error + Send + Sync + 'static>);

impl BackendError {
    /// Keeps a driver's error.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::BackendError;
    /// let e = BackendError::new(std::io::Error::other("disk full"));
    /// assert_eq!(e.to_string(), "disk full");
    /// ```
    pub fn new(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        BackendError(Arc::new(error))
    }

    /// The driver's error itself, to downcast to the driver's type.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::BackendError;
    /// let e = BackendError::new(std::io::Error::other("disk full"));
    /// assert!(e.get().downcast_ref::<std::io::Error>().is_some());
    /// ```
    pub fn get(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.0
    }
}

impl std::fmt::Debug for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&*self.0, f)
    }
}

impl std::error::Error for BackendError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl PartialEq for BackendError {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for BackendError {}

/// Which inconsistency a [`StoreError::Conflict`] is: a host acts on the kind, a person reads
/// the detail. The same failure is the same kind on every back end.
///
/// # Example
/// ```
/// use cqnet_store::{ConflictKind, StoreError};
/// let e = StoreError::conflict(ConflictKind::EmptyBatch, "an empty batch of attendance");
/// assert_eq!(e.conflict_kind(), Some(ConflictKind::EmptyBatch));
/// assert_eq!(ConflictKind::EmptyBatch.code(), "empty_batch");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConflictKind {
    /// A batch with nothing in it.
    EmptyBatch,
    /// A correction names an entry of another enrollment.
    CorrectsAnotherEnrollment,
    /// A correction names an entry that was corrected already (correct the newest instead).
    AlreadyCorrected,
    /// Attendance towards a target the learner has no scheduled hours for.
    NotScheduled,
    /// Attendance that does not fit the learner's schedule for another reason.
    ScheduleMismatch,
    /// No rules of the pack are in force on a day the command needs them for.
    NoRulesInForce,
    /// A course holds a unit its curriculum standard (편성기준) does not list.
    UnitOutsideStandard,
    /// A course's capacity (정원) below the enrollments it holds.
    CapacityBelowEnrollments,
    /// An enrollment moved to another course.
    CourseChanged,
    /// The application is cancelled (접수취소).
    ApplicationCancelled,
    /// The application is cancelled or its fee paid already.
    CancelledOrPaid,
    /// The application has a result, so it can no longer be cancelled.
    HasResult,
    /// A result that does not match its application (round, candidate, exam number).
    ResultMismatch,
    /// The result is finalised (결과 확정) and cannot change.
    ResultFinalised,
    /// A counter has no number left in its layout (수험번호, 자격번호, 관리번호, 확인서 번호).
    NumbersExhausted,
    /// A certificate asked for a record that is not a pass.
    NotAPass,
    /// The core refused to build the certificate from the command and the numbers allocated.
    CertificateRefused,
    /// A check or append-only rule of the database schema refused the change.
    Constraint,
    /// A learning company (학습기업) asked for an institution that is not a company.
    NotACompany,
    /// A company's designation asked for before its on-site review (현장실사) was recorded.
    SiteReviewMissing,
    /// A review or designation of a company designated already (or whose designation was
    /// cancelled).
    AlreadyDesignated,
    /// A measure, hearing or field teacher for a company whose designation is not in force
    /// (never designated, cancelled, or suspended on the day).
    NotDesignated,
    /// The core's sanction decision does not allow the measure as ordered (no hearing before a
    /// cancellation, a suspension above the pack's longest, a mandatory cancellation).
    MeasureRefused,
    /// A company field teacher (기업현장교사) whom no route of the core's decision qualifies.
    TeacherNotQualified,
    /// A company field teacher named for another company than the one they belong to.
    TeacherOfAnotherCompany,
    /// A date before an earlier step of the record, or after the command's day (a review
    /// before the application, a hearing before the designation, a training in the future).
    DateOutOfOrder,
    /// A course designation asked for an institution that is a company, not a training institution.
    NotATrainingInstitution,
    /// A course application outside its call (모집공고): filed outside the window, for a qualification the call does not cover, or screened while the window is open.
    OutsideCall,
    /// A course plan that does not meet its curriculum standard (편성기준), by the core's check.
    PlanBelowStandard,
    /// A course application without a teacher, or with one of no kind the Decree lists (시행령 제12조의3제1항).
    TeacherNotEligible,
    /// A screening stage asked again of applications it decided already.
    AlreadyScreened,
    /// A step asked before the screening stage it follows (on-site before documents, a deliberation before both).
    NotScreened,
    /// A screening's scores that do not name every application of the stage exactly once.
    ScoresMismatch,
    /// A deliberation naming an application the screening did not select, or with none selected.
    NotSelected,
    /// A designation of an application the committee did not approve (or has not deliberated).
    NotApproved,
    /// An enrollment in a course whose designation is cancelled (지정취소), by the core's decision.
    CourseCancelled,
    /// A learning worker (학습근로자) already under a learning-work contract (학습근로계약)
    /// over the new one's term, with this company or another.
    LearnerUnderContract,
    /// A learning-work contract, or a change of its term, that the core's
    /// `learning_contract` decision does not allow (not in writing, not given to the learner,
    /// too long, without consent or approval); the reason codes are in the detail.
    ContractRefused,
    /// An extension after a failed external evaluation that the core's `extension` decision
    /// does not owe (a third one, more than the total months, not asked for, already passed).
    ExtensionRefused,
    /// A termination that the core's `termination` decision does not allow (no just cause, no
    /// written notice with its reason and date).
    TerminationRefused,
    /// A change of a contract that no longer binds (passed, terminated, run out) on the day.
    ContractEnded,
    /// A day of OJT or Off-JT that the core's `learning_time` decision does not allow (hours
    /// above a day's limit, night or holiday OJT without the agreement or the authorisation,
    /// an absence not excused).
    TrainingDayRefused,
    /// A conversion recorded where no duty to convert is open (no pass, or closed already).
    ConversionNotOpen,
    /// A transfer of a contract whose company's designation is in force: nothing is to be
    /// carried on elsewhere.
    NotCarriedOn,
    /// A work-study programme (일학습병행과정) that the core's `programme` decision does not
    /// approve against its training standard (교육훈련기준); the reason codes are in the detail.
    ProgrammeRefused,
    /// A learner's record against a programme of another company than the one their contract
    /// binds now.
    LearnerOfAnotherCompany,
    /// An internal evaluation (내부평가) of a unit the programme does not have.
    UnitNotInProgramme,
    /// An internal evaluation of another programme than the one the contract's earlier
    /// evaluations belong to.
    ProgrammeMismatch,
    /// A completion certificate (이수증명서) that the core's decision does not issue (internal
    /// evaluation not passed, attendance short), or one asked without an internal evaluation.
    CompletionRefused,
    /// An external evaluation (외부평가) recorded for a learner without the completion
    /// certificate (이수증명서) that makes them eligible (응시자격), or sat before its day.
    NotEligibleForExternal,
    /// An external evaluation that cannot be recorded as given: not of a work-study round,
    /// without a unit, announced before it was sat, not on the round's days or of a round
    /// that does not cover the programme's qualification, or outside the retake window
    /// (재응시 기간) by the core's decision (the reason codes in the detail).
    ExternalResultRefused,
    /// A partial completion certificate (시행규칙 제8조) asked for a contract that was not
    /// terminated: only a learner who left early gets one.
    NotLeftEarly,
    /// A work-study programme naming a qualification of the catalog that is not of the
    /// work-study track or not named `{직종}_L{n}`.
    NotAWorkStudyQualification,
    /// A certificate (자격증) asked of a learner's pass when what it prints is not on record:
    /// the contract has no internal evaluation of a programme, the programme names no
    /// qualification, or the contract does not write the learner's name.
    CertificateFactsMissing,
}

impl ConflictKind {
    /// The kind's stable code, in snake case (as the HTTP face names it).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::ConflictKind;
    /// assert_eq!(ConflictKind::ResultFinalised.code(), "result_finalised");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ConflictKind::EmptyBatch => "empty_batch",
            ConflictKind::CorrectsAnotherEnrollment => "corrects_another_enrollment",
            ConflictKind::AlreadyCorrected => "already_corrected",
            ConflictKind::NotScheduled => "not_scheduled",
            ConflictKind::ScheduleMismatch => "schedule_mismatch",
            ConflictKind::NoRulesInForce => "no_rules_in_force",
            ConflictKind::UnitOutsideStandard => "unit_outside_standard",
            ConflictKind::CapacityBelowEnrollments => "capacity_below_enrollments",
            ConflictKind::CourseChanged => "course_changed",
            ConflictKind::ApplicationCancelled => "application_cancelled",
            ConflictKind::CancelledOrPaid => "cancelled_or_paid",
            ConflictKind::HasResult => "has_result",
            ConflictKind::ResultMismatch => "result_mismatch",
            ConflictKind::ResultFinalised => "result_finalised",
            ConflictKind::NumbersExhausted => "numbers_exhausted",
            ConflictKind::NotAPass => "not_a_pass",
            ConflictKind::CertificateRefused => "certificate_refused",
            ConflictKind::Constraint => "constraint",
            ConflictKind::NotACompany => "not_a_company",
            ConflictKind::SiteReviewMissing => "site_review_missing",
            ConflictKind::AlreadyDesignated => "already_designated",
            ConflictKind::NotDesignated => "not_designated",
            ConflictKind::MeasureRefused => "measure_refused",
            ConflictKind::TeacherNotQualified => "teacher_not_qualified",
            ConflictKind::TeacherOfAnotherCompany => "teacher_of_another_company",
            ConflictKind::DateOutOfOrder => "date_out_of_order",
            ConflictKind::NotATrainingInstitution => "not_a_training_institution",
            ConflictKind::OutsideCall => "outside_call",
            ConflictKind::PlanBelowStandard => "plan_below_standard",
            ConflictKind::TeacherNotEligible => "teacher_not_eligible",
            ConflictKind::AlreadyScreened => "already_screened",
            ConflictKind::NotScreened => "not_screened",
            ConflictKind::ScoresMismatch => "scores_mismatch",
            ConflictKind::NotSelected => "not_selected",
            ConflictKind::NotApproved => "not_approved",
            ConflictKind::CourseCancelled => "course_cancelled",
            ConflictKind::LearnerUnderContract => "learner_under_contract",
            ConflictKind::ContractRefused => "contract_refused",
            ConflictKind::ExtensionRefused => "extension_refused",
            ConflictKind::TerminationRefused => "termination_refused",
            ConflictKind::ContractEnded => "contract_ended",
            ConflictKind::TrainingDayRefused => "training_day_refused",
            ConflictKind::ConversionNotOpen => "conversion_not_open",
            ConflictKind::NotCarriedOn => "not_carried_on",
            ConflictKind::ProgrammeRefused => "programme_refused",
            ConflictKind::LearnerOfAnotherCompany => "learner_of_another_company",
            ConflictKind::UnitNotInProgramme => "unit_not_in_programme",
            ConflictKind::ProgrammeMismatch => "programme_mismatch",
            ConflictKind::CompletionRefused => "completion_refused",
            ConflictKind::NotEligibleForExternal => "not_eligible_for_external",
            ConflictKind::ExternalResultRefused => "external_result_refused",
            ConflictKind::NotLeftEarly => "not_left_early",
            ConflictKind::NotAWorkStudyQualification => "not_a_work_study_qualification",
            ConflictKind::CertificateFactsMissing => "certificate_facts_missing",
        }
    }
}

/// How the back end failed in a [`StoreError::Unavailable`]. Every kind is retryable with the
/// same idempotency key (nothing was committed); the kind says whether waiting helps.
///
/// # Example
/// ```
/// use cqnet_store::{StoreError, UnavailableKind};
/// let e = StoreError::unavailable(UnavailableKind::Contention, "database is locked");
/// assert!(e.is_retryable());
/// assert_eq!(UnavailableKind::Contention.code(), "contention");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnavailableKind {
    /// Another writer held the data past the wait, or the command lost a race each time it
    /// was tried: retry later.
    Contention,
    /// No connection to the database (refused, lost, or none free in the pool in time).
    Connection,
    /// The TLS set-up or handshake failed (a configuration to fix, not a wait).
    Tls,
    /// A lock of the store was poisoned by a panic in another thread.
    Poisoned,
    /// The task running the operation failed, or a blocking operation did not complete.
    Interrupted,
    /// Any other fault of the back end or its driver.
    Backend,
}

impl UnavailableKind {
    /// The kind's stable code, in snake case.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::UnavailableKind;
    /// assert_eq!(UnavailableKind::Connection.code(), "connection");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            UnavailableKind::Contention => "contention",
            UnavailableKind::Connection => "connection",
            UnavailableKind::Tls => "tls",
            UnavailableKind::Poisoned => "poisoned",
            UnavailableKind::Interrupted => "interrupted",
            UnavailableKind::Backend => "backend",
        }
    }
}

impl StoreError {
    /// A [`StoreError::Conflict`] of `kind`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{ConflictKind, StoreError};
    /// let e = StoreError::conflict(ConflictKind::HasResult, "application a-1 has a result");
    /// assert_eq!(e.to_string(), "application a-1 has a result");
    /// ```
    pub fn conflict(kind: ConflictKind, detail: impl Into<String>) -> Self {
        StoreError::Conflict {
            kind,
            detail: detail.into(),
        }
    }

    /// A [`StoreError::Unavailable`] of `kind`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreError, UnavailableKind};
    /// let e = StoreError::unavailable(UnavailableKind::Connection, "connection refused");
    /// assert_eq!(e.to_string(), "store unavailable: connection refused");
    /// ```
    pub fn unavailable(kind: UnavailableKind, detail: impl Into<String>) -> Self {
        StoreError::Unavailable {
            kind,
            detail: detail.into(),
            source: None,
        }
    }

    /// This error with the driver's error behind it, as its
    /// [`source`](std::error::Error::source); an error other than
    /// [`StoreError::Unavailable`] is answered unchanged (its fields say all there is).
    ///
    /// # Example
    /// ```
    /// use std::error::Error as _;
    /// use cqnet_store::{StoreError, UnavailableKind};
    /// let e = StoreError::unavailable(UnavailableKind::Backend, "the driver failed")
    ///     .with_source(std::io::Error::other("disk full"));
    /// assert_eq!(e.to_string(), "store unavailable: the driver failed");
    /// assert_eq!(e.source().map(|s| s.to_string()), Some("disk full".to_string()));
    /// ```
    pub fn with_source(self, error: impl std::error::Error + Send + Sync + 'static) -> Self {
        match self {
            StoreError::Unavailable { kind, detail, .. } => StoreError::Unavailable {
                kind,
                detail,
                source: Some(BackendError::new(error)),
            },
            other => other,
        }
    }

    /// The driver's error behind a [`StoreError::Unavailable`], when one was kept.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreError, UnavailableKind};
    /// let e = StoreError::unavailable(UnavailableKind::Backend, "the driver failed");
    /// assert!(e.backend_error().is_none());
    /// let e = e.with_source(std::io::Error::other("disk full"));
    /// assert!(e.backend_error().is_some_and(|d| d.is::<std::io::Error>()));
    /// ```
    pub fn backend_error(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        match self {
            StoreError::Unavailable {
                source: Some(source),
                ..
            } => Some(source.get()),
            _ => None,
        }
    }

    /// The kind of a [`StoreError::Conflict`]; `None` for every other error.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{ConflictKind, StoreError};
    /// assert_eq!(StoreError::conflict(ConflictKind::Constraint, "CHECK").conflict_kind(), Some(ConflictKind::Constraint));
    /// assert_eq!(StoreError::NotFound { what: "course", key: "c".into() }.conflict_kind(), None);
    /// ```
    pub fn conflict_kind(&self) -> Option<ConflictKind> {
        match self {
            StoreError::Conflict { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// The kind of a [`StoreError::Unavailable`]; `None` for every other error.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreError, UnavailableKind};
    /// let e = StoreError::unavailable(UnavailableKind::Poisoned, "lock poisoned");
    /// assert_eq!(e.unavailable_kind(), Some(UnavailableKind::Poisoned));
    /// ```
    pub fn unavailable_kind(&self) -> Option<UnavailableKind> {
        match self {
            StoreError::Unavailable { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// Whether the same command, sent again with the same idempotency key, may succeed: the
    /// back end failed (`Unavailable`), and the command was rolled back, so a retry applies it
    /// at most once. Every other error answers the same to the same command (a
    /// `VersionConflict` needs the record read again and the command decided again, which is a
    /// new command, not a retry).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreError;
    /// use cqnet_store::UnavailableKind;
    /// assert!(StoreError::unavailable(UnavailableKind::Connection, "pool timeout").is_retryable());
    /// assert!(!StoreError::NotFound { what: "course", key: "c-1".into() }.is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Unavailable { .. })
    }
}

/// The result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;
