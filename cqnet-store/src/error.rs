//! The one error type of every store operation.

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
    /// enrollment, …).
    #[error("{0}")]
    Conflict(String),
    /// Stored data failed validation when read back.
    #[error("stored {what} is corrupt: {detail}")]
    Corrupt {
        /// What was read.
        what: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// The backend failed (I/O, lock, connection). Retrying with the same idempotency key is
    /// safe.
    #[error("store unavailable: {0}")]
    Unavailable(String),
}

impl StoreError {
    /// Whether the same command, sent again with the same idempotency key, may succeed: the
    /// back end failed (`Unavailable`), and the command was rolled back, so a retry applies it
    /// at most once. Every other error answers the same to the same command (a
    /// `VersionConflict` needs the record read again and the command decided again, which is a
    /// new command, not a retry).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreError;
    /// assert!(StoreError::Unavailable("pool timeout".into()).is_retryable());
    /// assert!(!StoreError::NotFound { what: "course", key: "c-1".into() }.is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

/// The result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;
