//! The unit of work: the few operations a store command is made of, inside one transaction
//! of a back end (ADR 0002).
//!
//! A command is written once, in this crate, as an `async fn` over a transaction: it reads
//! what it needs, asks `cqnet-core`, writes, writes its audit line and records its idempotency
//! key (see [`training::commands`](crate::training::commands),
//! [`exam::commands`](crate::exam::commands),
//! [`certificate::commands`](crate::certificate::commands),
//! [`work_study::commands`](crate::work_study::commands) and
//! [`designation::commands`](crate::designation::commands)). A back end implements only the
//! transaction (these traits) and the mapping of records to its tables, and runs a command
//! inside one of its own transactions, so the checks and the writes commit together:
//!
//! - the memory store stages every write and applies them only when the command has succeeded
//!   (a failed command leaves no trace by construction);
//! - SQLite runs the command inside `BEGIN IMMEDIATE` (one writer at a time, across
//!   processes too);
//! - PostgreSQL runs it inside a `READ COMMITTED` transaction that locks the ledger it appends
//!   to, and runs it again when it loses a race.
//!
//! The operations return futures: PostgreSQL's are real, the memory store's and SQLite's are
//! ready at once, and a blocking back end drives them with [`complete_now`].
//!
//! Invariants:
//! - A command never writes outside its transaction, and a back end never commits a
//!   transaction whose command failed.
//! - Attendance is never appended without its learner's [`StandingHours`] and the tallies of
//!   the days it touches ([`KeptHours`]) being updated in the same transaction (the one command
//!   that appends does both), so the kept hours always equal the ledger's effective hours, per
//!   target and per day.
//!
//! # Example
//! ```
//! use cqnet_store::unit_of_work::complete_now;
//! assert_eq!(complete_now(async { 7 })?, 7);
//! # Ok::<(), cqnet_store::StoreError>(())
//! ```

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use cqnet_core::certificate::{
    Certificate, ConfirmationDocument, InnerPageNumber, IssueKey, ManagementNumber,
    QualificationNumber, QualificationRecord, Revocation,
};
use cqnet_core::ledger::{StandingHours, TargetStanding};
use cqnet_core::window::korean_date;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::exam::{Application, ApplicationId, ExamResult, ExamRound, RoundId, VenueCode};
use crate::idempotency::{Fingerprint, LedgerEntry, LedgerReceipt};
use cqnet_core::QualificationCode;
use cqnet_core::standard::CurriculumStandard;

use crate::UnavailableKind;
use crate::designation::{CallId, CourseApplicationId, DesignationCall, DesignationRecord};
use crate::training::{
    AttendanceEntry, Course, CourseId, Enrollment, EnrollmentId, EvaluationEntry, Institution,
    InstitutionId, NewAttendance, NewEvaluation, Qualification, StandardVersion,
};
use crate::work_study::{
    ContractId, FieldTeacher, Learner, LearningCompany, LearningContract, Programme, ProgrammeId,
};
use crate::{AuditNote, CommandMeta, IdempotencyKey, Seq, StoreError, Version, Versioned};
use cqnet_core::access::PartyId;

/// What a back end kept under an idempotency key: the command's fingerprint and its answer.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::RecordedCommand;
/// let kept = RecordedCommand { fingerprint: "ab".repeat(32), answer: "{}".into() };
/// assert_eq!(kept.fingerprint.len(), 64);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedCommand {
    /// The fingerprint stored with the key ([`Fingerprint::as_str`]).
    pub fingerprint: String,
    /// The answer kept (JSON, or a [`LedgerReceipt`] for a ledger append).
    pub answer: String,
}

/// The operations every command shares: its idempotency record and its audit line.
///
/// # Example
/// A back end's transaction implements it; see [`complete_now`] for running a command over a
/// back end whose operations never wait, and the memory store's implementation
/// (`cqnet_adapters::memory`) for a whole one.
/// ```
/// use cqnet_store::unit_of_work::Transaction;
/// fn takes_a_transaction<T: Transaction>(_: &mut T) {}
/// ```
pub trait Transaction {
    /// The back end's error: a [`StoreError`], or a failure the back end settles itself (a
    /// lost race it runs again).
    type Error: From<StoreError>;

    /// What was kept under `key`, if a command committed under it.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::IdempotencyKey;
    /// use cqnet_store::unit_of_work::RecordedCommand;
    /// use cqnet_store::unit_of_work::Transaction;
    /// async fn recorded_in<T: Transaction>(tx: &mut T, key: &IdempotencyKey) -> Result<Option<RecordedCommand>, T::Error> {
    ///     tx.recorded(key).await
    /// }
    /// ```
    fn recorded(
        &mut self,
        key: &IdempotencyKey,
    ) -> impl Future<Output = Result<Option<RecordedCommand>, Self::Error>>;

    /// Keeps the command's fingerprint and answer under `key`.
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for a key taken meanwhile).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::IdempotencyKey;
    /// use cqnet_store::idempotency::Fingerprint;
    /// use cqnet_store::unit_of_work::Transaction;
    /// async fn record_in<T: Transaction>(tx: &mut T, key: &IdempotencyKey, fingerprint: &Fingerprint, answer: String) -> Result<(), T::Error> {
    ///     tx.record(key, fingerprint, answer).await
    /// }
    /// ```
    fn record(
        &mut self,
        key: &IdempotencyKey,
        fingerprint: &Fingerprint,
        answer: String,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Writes the command's audit line (outcome `ok`).
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::CommandMeta;
    /// use cqnet_store::unit_of_work::Transaction;
    /// async fn audit_in<T: Transaction>(tx: &mut T, meta: &CommandMeta, command: &str, subject: &str) -> Result<(), T::Error> {
    ///     tx.audit(meta, command, subject).await
    /// }
    /// ```
    fn audit(
        &mut self,
        meta: &CommandMeta,
        command: &str,
        subject: &str,
    ) -> impl Future<Output = Result<(), Self::Error>>;
}

/// The audit log's own command: a note with any outcome (a refusal, a login), not only the
/// `ok` line every command writes with [`Transaction::audit`].
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::AuditTransaction;
/// fn takes_an_audit_transaction<T: AuditTransaction>(_: &mut T) {}
/// ```
pub trait AuditTransaction: Transaction {
    /// Appends the note as a line of the audit log and answers its position.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AuditNote, Seq};
    /// use cqnet_store::unit_of_work::AuditTransaction;
    /// async fn note_in<T: AuditTransaction>(tx: &mut T, note: &AuditNote) -> Result<Seq, T::Error> {
    ///     tx.note(note).await
    /// }
    /// ```
    fn note(&mut self, note: &AuditNote) -> impl Future<Output = Result<Seq, Self::Error>>;
}

/// How a command reads a record it may go on to change.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::Lock;
/// assert_ne!(Lock::None, Lock::ForUpdate);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    /// A plain read.
    None,
    /// The command changes the record (or what depends on it, such as a course's seats): a
    /// back end with row locks holds it until the transaction ends, so that commands on the
    /// same record run one after the other. Back ends that take one writer at a time (the
    /// memory store, SQLite) read it as a plain read.
    ForUpdate,
}

/// The training records the training commands read and write (catalog, designations,
/// enrollments), and the standing hours a ledger command keeps.
///
/// Inserts and replacements write the record's body with the version given; a back end need
/// not check keys or versions itself (the command has), but a key taken by a concurrent
/// command must fail the transaction (a unique constraint) rather than overwrite.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::TrainingTransaction;
/// fn takes_a_training_transaction<T: TrainingTransaction>(_: &mut T) {}
/// ```
pub trait TrainingTransaction: Transaction {
    /// The qualification (종목) with this code.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_store::Versioned;
    /// use cqnet_store::training::Qualification;
    /// use cqnet_store::unit_of_work::Lock;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn qualification_in<T: TrainingTransaction>(tx: &mut T, code: &QualificationCode, lock: Lock) -> Result<Option<Versioned<Qualification>>, T::Error> {
    ///     tx.qualification(code, lock).await
    /// }
    /// ```
    fn qualification(
        &mut self,
        code: &QualificationCode,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<Qualification>>, Self::Error>>;

    /// Writes a new qualification at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Qualification;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn insert_qualification_in<T: TrainingTransaction>(tx: &mut T, q: &Qualification) -> Result<(), T::Error> {
    ///     tx.insert_qualification(q).await
    /// }
    /// ```
    fn insert_qualification(
        &mut self,
        q: &Qualification,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Replaces a qualification, now at `version`.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Version;
    /// use cqnet_store::training::Qualification;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn replace_qualification_in<T: TrainingTransaction>(tx: &mut T, q: &Qualification, version: Version) -> Result<(), T::Error> {
    ///     tx.replace_qualification(q, version).await
    /// }
    /// ```
    fn replace_qualification(
        &mut self,
        q: &Qualification,
        version: Version,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// The curriculum standard (편성기준) of a qualification at a version.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_core::standard::CurriculumStandard;
    /// use cqnet_store::training::StandardVersion;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn standard_in<T: TrainingTransaction>(tx: &mut T, code: &QualificationCode, version: &StandardVersion) -> Result<Option<CurriculumStandard>, T::Error> {
    ///     tx.standard(code, version).await
    /// }
    /// ```
    fn standard(
        &mut self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> impl Future<Output = Result<Option<CurriculumStandard>, Self::Error>>;

    /// Writes a new curriculum standard.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_core::standard::CurriculumStandard;
    /// use cqnet_store::training::StandardVersion;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn insert_standard_in<T: TrainingTransaction>(tx: &mut T, code: &QualificationCode, version: &StandardVersion, standard: &CurriculumStandard) -> Result<(), T::Error> {
    ///     tx.insert_standard(code, version, standard).await
    /// }
    /// ```
    fn insert_standard(
        &mut self,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// The institution with this id.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::training::Institution;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn institution_in<T: TrainingTransaction>(tx: &mut T, id: InstitutionId) -> Result<Option<Versioned<Institution>>, T::Error> {
    ///     tx.institution(id).await
    /// }
    /// ```
    fn institution(
        &mut self,
        id: InstitutionId,
    ) -> impl Future<Output = Result<Option<Versioned<Institution>>, Self::Error>>;

    /// Writes a new institution at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Institution;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn insert_institution_in<T: TrainingTransaction>(tx: &mut T, i: &Institution) -> Result<(), T::Error> {
    ///     tx.insert_institution(i).await
    /// }
    /// ```
    fn insert_institution(
        &mut self,
        i: &Institution,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// The course with this id.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::training::Course;
    /// use cqnet_store::training::CourseId;
    /// use cqnet_store::unit_of_work::Lock;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn course_in<T: TrainingTransaction>(tx: &mut T, id: CourseId, lock: Lock) -> Result<Option<Versioned<Course>>, T::Error> {
    ///     tx.course(id, lock).await
    /// }
    /// ```
    fn course(
        &mut self,
        id: CourseId,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<Course>>, Self::Error>>;

    /// Writes a new course at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Course;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn insert_course_in<T: TrainingTransaction>(tx: &mut T, c: &Course) -> Result<(), T::Error> {
    ///     tx.insert_course(c).await
    /// }
    /// ```
    fn insert_course(&mut self, c: &Course) -> impl Future<Output = Result<(), Self::Error>>;

    /// Replaces a course, now at `version`.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Version;
    /// use cqnet_store::training::Course;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn replace_course_in<T: TrainingTransaction>(tx: &mut T, c: &Course, version: Version) -> Result<(), T::Error> {
    ///     tx.replace_course(c, version).await
    /// }
    /// ```
    fn replace_course(
        &mut self,
        c: &Course,
        version: Version,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// The enrollment with this id.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::training::Enrollment;
    /// use cqnet_store::training::EnrollmentId;
    /// use cqnet_store::unit_of_work::Lock;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn enrollment_in<T: TrainingTransaction>(tx: &mut T, id: EnrollmentId, lock: Lock) -> Result<Option<Versioned<Enrollment>>, T::Error> {
    ///     tx.enrollment(id, lock).await
    /// }
    /// ```
    fn enrollment(
        &mut self,
        id: EnrollmentId,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<Enrollment>>, Self::Error>>;

    /// Writes a new enrollment at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Enrollment;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn insert_enrollment_in<T: TrainingTransaction>(tx: &mut T, e: &Enrollment) -> Result<(), T::Error> {
    ///     tx.insert_enrollment(e).await
    /// }
    /// ```
    fn insert_enrollment(
        &mut self,
        e: &Enrollment,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Replaces an enrollment, now at `version`.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Version;
    /// use cqnet_store::training::Enrollment;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn replace_enrollment_in<T: TrainingTransaction>(tx: &mut T, e: &Enrollment, version: Version) -> Result<(), T::Error> {
    ///     tx.replace_enrollment(e, version).await
    /// }
    /// ```
    fn replace_enrollment(
        &mut self,
        e: &Enrollment,
        version: Version,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// How many enrollments a course has (seats taken).
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::CourseId;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn enrolled_in_in<T: TrainingTransaction>(tx: &mut T, course: CourseId) -> Result<u64, T::Error> {
    ///     tx.enrolled_in(course).await
    /// }
    /// ```
    fn enrolled_in(&mut self, course: CourseId) -> impl Future<Output = Result<u64, Self::Error>>;

    /// The enrollments among `ids` that exist, in any order.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::training::Enrollment;
    /// use cqnet_store::training::EnrollmentId;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn enrollments_in<T: TrainingTransaction>(tx: &mut T, ids: &[EnrollmentId]) -> Result<Vec<Versioned<Enrollment>>, T::Error> {
    ///     tx.enrollments(ids).await
    /// }
    /// ```
    fn enrollments(
        &mut self,
        ids: &[EnrollmentId],
    ) -> impl Future<Output = Result<Vec<Versioned<Enrollment>>, Self::Error>>;

    /// The courses among `ids` that exist, in any order.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::training::Course;
    /// use cqnet_store::training::CourseId;
    /// use cqnet_store::unit_of_work::TrainingTransaction;
    /// async fn courses_in<T: TrainingTransaction>(tx: &mut T, ids: &[CourseId]) -> Result<Vec<Versioned<Course>>, T::Error> {
    ///     tx.courses(ids).await
    /// }
    /// ```
    fn courses(
        &mut self,
        ids: &[CourseId],
    ) -> impl Future<Output = Result<Vec<Versioned<Course>>, Self::Error>>;

    /// The standing hours kept for the enrollments among `ids` that have them (none before
    /// the enrollment's first attendance under this version of the store), and the kept
    /// tallies of the calendar days among `days` that have one (a back end that keeps days
    /// together, a month to a row, may answer the other days kept with them): one read, so
    /// that a back end with round trips answers both at once.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for kept hours that do not read back.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use cqnet_store::training::EnrollmentId;
    /// use cqnet_store::unit_of_work::{KeptHours, TrainingTransaction};
    /// async fn standing_hours_in<T: TrainingTransaction>(tx: &mut T, ids: &[EnrollmentId], days: &[(EnrollmentId, NaiveDate)]) -> Result<KeptHours, T::Error> {
    ///     tx.standing_hours(ids, days).await
    /// }
    /// ```
    fn standing_hours(
        &mut self,
        ids: &[EnrollmentId],
        days: &[(EnrollmentId, NaiveDate)],
    ) -> impl Future<Output = Result<KeptHours, Self::Error>>;

    /// Keeps the standing hours of each enrollment given and the tally of each day given
    /// (replacing what was kept for them, and leaving the other days as they were; a day of no
    /// standing entry is kept as an empty tally), in one write.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::{KeptHours, TrainingTransaction};
    /// async fn keep_standing_hours_in<T: TrainingTransaction>(tx: &mut T, kept: &KeptHours) -> Result<(), T::Error> {
    ///     tx.keep_standing_hours(kept).await
    /// }
    /// ```
    fn keep_standing_hours(
        &mut self,
        kept: &KeptHours,
    ) -> impl Future<Output = Result<(), Self::Error>>;
}

/// The standing hours a ledger command reads and keeps for its learners: per target
/// ([`StandingHours`]), and per calendar day for the days a batch touches (the tallies of
/// [`DailyHours`](cqnet_core::ledger::DailyHours), kept apart from the hours per target so
/// that a batch reads and writes only its own days, whatever the length of the ledger; the SQL
/// back ends keep a learner's days a month to a row).
///
/// A learner with standing hours per target kept has every day of their ledger kept too: both
/// are worked out from the ledger together, the first time, and written together after.
///
/// # Example
/// ```
/// use cqnet_core::ledger::{StandingHours, TargetStanding};
/// use cqnet_store::training::EnrollmentId;
/// use cqnet_store::unit_of_work::KeptHours;
/// let id = EnrollmentId::from_u128(1);
/// let day = "2026-03-03".parse().unwrap();
/// let kept = KeptHours {
///     targets: vec![(id, StandingHours::default())],
///     days: vec![(id, day, TargetStanding { hours: 8.into(), entries: 1 })],
/// };
/// assert_eq!(kept.days[0].2.hours, 8.into());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeptHours {
    /// Each learner's standing hours per target.
    pub targets: Vec<(EnrollmentId, StandingHours)>,
    /// A learner's standing hours on one calendar day.
    pub days: Vec<(EnrollmentId, NaiveDate, TargetStanding)>,
}

/// What taking a seat at a venue of a round answered.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::Seat;
/// assert_ne!(Seat::Taken, Seat::Full { capacity: 30 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    /// One seat more is booked.
    Taken,
    /// Every seat is booked; nothing changed.
    Full {
        /// The venue's capacity.
        capacity: u32,
    },
    /// The round has no such venue.
    NoSuchVenue,
}

/// The exam records the exam commands read and write: rounds with their venues' seats and
/// exam-number counters, applications and results.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::ExamTransaction;
/// fn takes_an_exam_transaction<T: ExamTransaction>(_: &mut T) {}
/// ```
pub trait ExamTransaction: TrainingTransaction {
    /// The round with this id.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::exam::ExamRound;
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// async fn round_in<T: ExamTransaction>(tx: &mut T, id: &RoundId) -> Result<Option<Versioned<ExamRound>>, T::Error> {
    ///     tx.round(id).await
    /// }
    /// ```
    fn round(
        &mut self,
        id: &RoundId,
    ) -> impl Future<Output = Result<Option<Versioned<ExamRound>>, Self::Error>>;

    /// Writes a new round at [`Version::FIRST`], with no seat booked at any of its venues and
    /// its exam-number counter at 0.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::ExamRound;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// async fn insert_round_in<T: ExamTransaction>(tx: &mut T, round: &ExamRound) -> Result<(), T::Error> {
    ///     tx.insert_round(round).await
    /// }
    /// ```
    fn insert_round(&mut self, round: &ExamRound) -> impl Future<Output = Result<(), Self::Error>>;

    /// Books one seat at a venue if one is left (atomically: a back end with concurrent
    /// writers takes it with one conditional update).
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::exam::VenueCode;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// use cqnet_store::unit_of_work::Seat;
    /// async fn take_seat_in<T: ExamTransaction>(tx: &mut T, round: &RoundId, venue: &VenueCode) -> Result<Seat, T::Error> {
    ///     tx.take_seat(round, venue).await
    /// }
    /// ```
    fn take_seat(
        &mut self,
        round: &RoundId,
        venue: &VenueCode,
    ) -> impl Future<Output = Result<Seat, Self::Error>>;

    /// Frees one booked seat; `false` when none was booked (the seats do not describe the
    /// applications).
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::exam::VenueCode;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// async fn free_seat_in<T: ExamTransaction>(tx: &mut T, round: &RoundId, venue: &VenueCode) -> Result<bool, T::Error> {
    ///     tx.free_seat(round, venue).await
    /// }
    /// ```
    fn free_seat(
        &mut self,
        round: &RoundId,
        venue: &VenueCode,
    ) -> impl Future<Output = Result<bool, Self::Error>>;

    /// Advances the round's exam-number counter and answers the new value (1 for the first
    /// application).
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// async fn next_sequence_in<T: ExamTransaction>(tx: &mut T, round: &RoundId) -> Result<u64, T::Error> {
    ///     tx.next_sequence(round).await
    /// }
    /// ```
    fn next_sequence(&mut self, round: &RoundId) -> impl Future<Output = Result<u64, Self::Error>>;

    /// The application with this id.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::exam::Application;
    /// use cqnet_store::exam::ApplicationId;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// use cqnet_store::unit_of_work::Lock;
    /// async fn application_in<T: ExamTransaction>(tx: &mut T, id: ApplicationId, lock: Lock) -> Result<Option<Versioned<Application>>, T::Error> {
    ///     tx.application(id, lock).await
    /// }
    /// ```
    fn application(
        &mut self,
        id: ApplicationId,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<Application>>, Self::Error>>;

    /// Whether the candidate has an active (not cancelled) application in the round.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::training::EnrollmentId;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// async fn has_active_application_in<T: ExamTransaction>(tx: &mut T, round: &RoundId, candidate: EnrollmentId) -> Result<bool, T::Error> {
    ///     tx.has_active_application(round, candidate).await
    /// }
    /// ```
    fn has_active_application(
        &mut self,
        round: &RoundId,
        candidate: EnrollmentId,
    ) -> impl Future<Output = Result<bool, Self::Error>>;

    /// Writes a new application at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::Application;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// async fn insert_application_in<T: ExamTransaction>(tx: &mut T, a: &Application) -> Result<(), T::Error> {
    ///     tx.insert_application(a).await
    /// }
    /// ```
    fn insert_application(
        &mut self,
        a: &Application,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Replaces an application, now at `version`.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Version;
    /// use cqnet_store::exam::Application;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// async fn replace_application_in<T: ExamTransaction>(tx: &mut T, a: &Application, version: Version) -> Result<(), T::Error> {
    ///     tx.replace_application(a, version).await
    /// }
    /// ```
    fn replace_application(
        &mut self,
        a: &Application,
        version: Version,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// The result of an application, if entered.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::exam::ApplicationId;
    /// use cqnet_store::exam::ExamResult;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// use cqnet_store::unit_of_work::Lock;
    /// async fn result_in<T: ExamTransaction>(tx: &mut T, application: ApplicationId, lock: Lock) -> Result<Option<Versioned<ExamResult>>, T::Error> {
    ///     tx.result(application, lock).await
    /// }
    /// ```
    fn result(
        &mut self,
        application: ApplicationId,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<ExamResult>>, Self::Error>>;

    /// Writes a new result at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::ExamResult;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// async fn insert_result_in<T: ExamTransaction>(tx: &mut T, r: &ExamResult) -> Result<(), T::Error> {
    ///     tx.insert_result(r).await
    /// }
    /// ```
    fn insert_result(&mut self, r: &ExamResult) -> impl Future<Output = Result<(), Self::Error>>;

    /// Replaces a result, now at `version`.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Version;
    /// use cqnet_store::exam::ExamResult;
    /// use cqnet_store::unit_of_work::ExamTransaction;
    /// async fn replace_result_in<T: ExamTransaction>(tx: &mut T, r: &ExamResult, version: Version) -> Result<(), T::Error> {
    ///     tx.replace_result(r, version).await
    /// }
    /// ```
    fn replace_result(
        &mut self,
        r: &ExamResult,
        version: Version,
    ) -> impl Future<Output = Result<(), Self::Error>>;
}

/// A counter that numbers the certificates' documents, advanced inside the command that takes
/// a number, so that numbers are unique, gap-free and never taken by a command that failed.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::CertificateCounter;
/// let at = "2026-05-01T10:30:00+09:00".parse().unwrap();
/// let serial = CertificateCounter::serial("2026-04-10".parse().unwrap());
/// assert_eq!(serial, CertificateCounter::Serial { year: 2026 });
/// assert_ne!(CertificateCounter::management(at, 1), CertificateCounter::management(at, 2));
/// assert_ne!(CertificateCounter::confirmation(at).scope(), serial.scope());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificateCounter {
    /// The serials of the qualification numbers (자격번호) of a pass year.
    Serial {
        /// The pass year.
        year: i32,
    },
    /// The sequences of the management numbers (관리번호) of a Korean issue day and office.
    Management {
        /// The Korean issue day.
        day: NaiveDate,
        /// The issuing office.
        office: u8,
    },
    /// The sequences of the confirmation documents' numbers (확인서 문서번호) of a Korean issue
    /// day.
    Confirmation {
        /// The Korean issue day.
        day: NaiveDate,
    },
}

impl CertificateCounter {
    /// The counter of the qualification numbers of the year of `pass_date`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::CertificateCounter;
    /// let end_of_year = CertificateCounter::serial("2026-12-31".parse().unwrap());
    /// assert_eq!(end_of_year, CertificateCounter::serial("2026-01-01".parse().unwrap()));
    /// ```
    pub fn serial(pass_date: NaiveDate) -> Self {
        CertificateCounter::Serial {
            year: pass_date.year(),
        }
    }

    /// The counter of the management numbers of the Korean day of `issued_at` and `office`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::CertificateCounter;
    /// // 23:30 UTC on 30 April is 08:30 on 1 May in Korea.
    /// let utc = "2026-04-30T23:30:00Z".parse().unwrap();
    /// let kst = "2026-05-01T10:00:00+09:00".parse().unwrap();
    /// assert_eq!(CertificateCounter::management(utc, 3), CertificateCounter::management(kst, 3));
    /// ```
    pub fn management(issued_at: DateTime<FixedOffset>, office: u8) -> Self {
        CertificateCounter::Management {
            day: korean_date(issued_at),
            office,
        }
    }

    /// The counter of the confirmation documents of the Korean day of `issued_at`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::CertificateCounter;
    /// let day = "2026-06-01".parse().unwrap();
    /// let at = "2026-06-01T09:30:00+09:00".parse().unwrap();
    /// assert_eq!(CertificateCounter::confirmation(at), CertificateCounter::Confirmation { day });
    /// ```
    pub fn confirmation(issued_at: DateTime<FixedOffset>) -> Self {
        CertificateCounter::Confirmation {
            day: korean_date(issued_at),
        }
    }

    /// The name a back end keeps the counter under (`serial:2026`,
    /// `management:20260501:01`, `confirmation:20260601`): one name per counter, the same on
    /// every back end.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::CertificateCounter;
    /// let at = "2026-05-01T10:30:00+09:00".parse().unwrap();
    /// let day = CertificateCounter::confirmation(at).scope();
    /// assert!(day.ends_with(":20260501"));
    /// assert!(CertificateCounter::management(at, 7).scope().starts_with("management:"));
    /// ```
    pub fn scope(&self) -> String {
        match self {
            CertificateCounter::Serial { year } => format!("serial:{year:04}"),
            CertificateCounter::Management { day, office } => {
                format!("management:{}:{office:02}", day.format("%Y%m%d"))
            }
            CertificateCounter::Confirmation { day } => {
                format!("confirmation:{}", day.format("%Y%m%d"))
            }
        }
    }
}

/// The certificate records the certificate commands read and write: the number counters, each
/// qualification's record (자격번호) with its documents and its cancellation, the documents by
/// management number (관리번호) and by issue key, the notebooks' inner-page numbers (내지번호)
/// and the confirmation documents (자격취득사실 확인서).
///
/// The history is append-only: a document, a cancellation or a confirmation document is
/// written once and never changed, so there are inserts and no replacements. A back end need
/// not check what the command has checked (the issue key, the inner page, the cancellation),
/// but a key taken by a concurrent command must fail the transaction (a unique constraint)
/// rather than overwrite. Reads see the command's own writes.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::CertificateTransaction;
/// fn takes_a_certificate_transaction<T: CertificateTransaction>(_: &mut T) {}
/// ```
pub trait CertificateTransaction: Transaction {
    /// Advances a counter and answers its new value (1 for the first number it gives).
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a stored value that is no count.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::{CertificateCounter, CertificateTransaction};
    /// async fn next_number_in<T: CertificateTransaction>(tx: &mut T, counter: &CertificateCounter) -> Result<u64, T::Error> {
    ///     tx.next_number(counter).await
    /// }
    /// ```
    fn next_number(
        &mut self,
        counter: &CertificateCounter,
    ) -> impl Future<Output = Result<u64, Self::Error>>;

    /// The record of a qualification: its documents in issue order and its cancellation.
    /// [`Lock::ForUpdate`] holds the qualification until the transaction ends (a back end with
    /// row locks); a command reads what it must see fresh after the lock in further
    /// operations.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{QualificationNumber, QualificationRecord};
    /// use cqnet_store::unit_of_work::{CertificateTransaction, Lock};
    /// async fn record_in<T: CertificateTransaction>(tx: &mut T, number: &QualificationNumber) -> Result<Option<QualificationRecord>, T::Error> {
    ///     tx.qualification_record(number, Lock::None).await
    /// }
    /// ```
    fn qualification_record(
        &mut self,
        number: &QualificationNumber,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<QualificationRecord>, Self::Error>>;

    /// The document with this management number. [`Lock::ForUpdate`] holds its qualification
    /// as [`CertificateTransaction::qualification_record`] does.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a document that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{Certificate, ManagementNumber};
    /// use cqnet_store::unit_of_work::{CertificateTransaction, Lock};
    /// async fn document_in<T: CertificateTransaction>(tx: &mut T, m: &ManagementNumber) -> Result<Option<Certificate>, T::Error> {
    ///     tx.certificate(m, Lock::ForUpdate).await
    /// }
    /// ```
    fn certificate(
        &mut self,
        management_number: &ManagementNumber,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Certificate>, Self::Error>>;

    /// The document stored under an issue key (a pass's first issue, a document's reissue).
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a document that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{Certificate, IssueKey};
    /// use cqnet_store::unit_of_work::CertificateTransaction;
    /// async fn issued_under<T: CertificateTransaction>(tx: &mut T, key: &IssueKey) -> Result<Option<Certificate>, T::Error> {
    ///     tx.certificate_for(key).await
    /// }
    /// ```
    fn certificate_for(
        &mut self,
        key: &IssueKey,
    ) -> impl Future<Output = Result<Option<Certificate>, Self::Error>>;

    /// Whether a stored notebook carries this inner-page number.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::InnerPageNumber;
    /// use cqnet_store::unit_of_work::CertificateTransaction;
    /// async fn page_used_in<T: CertificateTransaction>(tx: &mut T, page: &InnerPageNumber) -> Result<bool, T::Error> {
    ///     tx.inner_page_used(page).await
    /// }
    /// ```
    fn inner_page_used(
        &mut self,
        page: &InnerPageNumber,
    ) -> impl Future<Output = Result<bool, Self::Error>>;

    /// Writes a new qualification's record (its number, track and candidate) with its first
    /// document, stored under `key`.
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for a number or key taken).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{Certificate, IssueKey};
    /// use cqnet_store::unit_of_work::CertificateTransaction;
    /// async fn first_issue_in<T: CertificateTransaction>(tx: &mut T, c: &Certificate, key: &IssueKey) -> Result<(), T::Error> {
    ///     tx.insert_record(c, key).await
    /// }
    /// ```
    fn insert_record(
        &mut self,
        certificate: &Certificate,
        key: &IssueKey,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Adds a document (a reissue) to its qualification's stored record, under `key`.
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for a key taken or a document
    /// superseded twice).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{Certificate, IssueKey};
    /// use cqnet_store::unit_of_work::CertificateTransaction;
    /// async fn reissue_in<T: CertificateTransaction>(tx: &mut T, c: &Certificate, key: &IssueKey) -> Result<(), T::Error> {
    ///     tx.insert_document(c, key).await
    /// }
    /// ```
    fn insert_document(
        &mut self,
        certificate: &Certificate,
        key: &IssueKey,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Writes the cancellation of a stored qualification.
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for a qualification cancelled
    /// meanwhile).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{QualificationNumber, Revocation};
    /// use cqnet_store::unit_of_work::CertificateTransaction;
    /// async fn revoke_in<T: CertificateTransaction>(tx: &mut T, n: &QualificationNumber, r: &Revocation) -> Result<(), T::Error> {
    ///     tx.insert_revocation(n, r).await
    /// }
    /// ```
    fn insert_revocation(
        &mut self,
        number: &QualificationNumber,
        revocation: &Revocation,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Writes a confirmation document of a stored qualification.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationDocument;
    /// use cqnet_store::unit_of_work::CertificateTransaction;
    /// async fn confirm_in<T: CertificateTransaction>(tx: &mut T, d: &ConfirmationDocument) -> Result<(), T::Error> {
    ///     tx.insert_confirmation(d).await
    /// }
    /// ```
    fn insert_confirmation(
        &mut self,
        document: &ConfirmationDocument,
    ) -> impl Future<Output = Result<(), Self::Error>>;
}

/// A fact a ledger takes: whose it is and the entry it corrects.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::LedgerFact;
/// use cqnet_store::training::NewAttendance;
/// fn owner<F: LedgerFact>(fact: &F) -> String { fact.enrollment().to_string() }
/// let _ = owner::<NewAttendance>;
/// ```
pub trait LedgerFact: Serialize + DeserializeOwned + Clone {
    /// The enrollment the fact belongs to.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, UnitCode};
    /// use cqnet_store::training::{AttendanceTarget, EnrollmentId, NewAttendance};
    /// use cqnet_store::unit_of_work::LedgerFact;
    /// let fact = NewAttendance {
    ///     enrollment: EnrollmentId::from_u128(7),
    ///     target: AttendanceTarget::Unit(UnitCode::example()),
    ///     day: "2026-03-03".parse().unwrap(),
    ///     hours: Hours::whole(4).unwrap(),
    ///     corrects: None,
    /// };
    /// assert_eq!(LedgerFact::enrollment(&fact), EnrollmentId::from_u128(7));
    /// assert_eq!(LedgerFact::corrects(&fact), None);
    /// ```
    fn enrollment(&self) -> EnrollmentId;
    /// The position of the entry it supersedes.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::NewEvaluation;
    /// use cqnet_store::unit_of_work::LedgerFact;
    /// fn is_a_correction(fact: &NewEvaluation) -> bool { LedgerFact::corrects(fact).is_some() }
    /// let _ = is_a_correction;
    /// ```
    fn corrects(&self) -> Option<Seq>;
}

impl LedgerFact for NewAttendance {
    fn enrollment(&self) -> EnrollmentId {
        self.enrollment
    }
    fn corrects(&self) -> Option<Seq> {
        self.corrects
    }
}

impl LedgerFact for NewEvaluation {
    fn enrollment(&self) -> EnrollmentId {
        self.enrollment
    }
    fn corrects(&self) -> Option<Seq> {
        self.corrects
    }
}

/// A committed ledger entry of one of the two ledgers.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::LedgerRecord;
/// use cqnet_store::training::{AttendanceEntry, EvaluationEntry};
/// assert_eq!(AttendanceEntry::LEDGER, "attendance");
/// assert_eq!(EvaluationEntry::LEDGER, "evaluations");
/// ```
pub trait LedgerRecord:
    LedgerEntry<Fact: LedgerFact> + Serialize + DeserializeOwned + Clone
{
    /// The ledger's name, in errors and in the command's name (`append_{LEDGER}`).
    const LEDGER: &'static str;

    /// The fact the entry records.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::LedgerRecord;
    /// use cqnet_store::training::AttendanceEntry;
    /// fn hours(e: &AttendanceEntry) -> String { e.fact().hours.to_string() }
    /// let _ = hours;
    /// ```
    fn fact(&self) -> &Self::Fact;
}

impl LedgerRecord for AttendanceEntry {
    const LEDGER: &'static str = "attendance";
    fn fact(&self) -> &NewAttendance {
        &self.fact
    }
}

impl LedgerRecord for EvaluationEntry {
    const LEDGER: &'static str = "evaluations";
    fn fact(&self) -> &NewEvaluation {
        &self.fact
    }
}

/// The operations on one append-only ledger (attendance or evaluations).
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::LedgerTransaction;
/// use cqnet_store::training::AttendanceEntry;
/// fn appends_attendance<T: LedgerTransaction<AttendanceEntry>>(_: &mut T) {}
/// ```
pub trait LedgerTransaction<E: LedgerRecord>: Transaction {
    /// The position the next entry takes (one past the last, from 1).
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Seq;
    /// use cqnet_store::unit_of_work::LedgerRecord;
    /// use cqnet_store::unit_of_work::LedgerTransaction;
    /// async fn next_seq_in<E: LedgerRecord, T: LedgerTransaction<E>>(tx: &mut T) -> Result<Seq, T::Error> {
    ///     tx.next_seq().await
    /// }
    /// ```
    fn next_seq(&mut self) -> impl Future<Output = Result<Seq, Self::Error>>;

    /// The committed entries at `seqs` (those that exist, in any order).
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for an entry that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Seq;
    /// use cqnet_store::unit_of_work::LedgerRecord;
    /// use cqnet_store::unit_of_work::LedgerTransaction;
    /// async fn entries_at_in<E: LedgerRecord, T: LedgerTransaction<E>>(tx: &mut T, seqs: &[Seq]) -> Result<Vec<E>, T::Error> {
    ///     tx.entries_at(seqs).await
    /// }
    /// ```
    fn entries_at(&mut self, seqs: &[Seq]) -> impl Future<Output = Result<Vec<E>, Self::Error>>;

    /// For each of `seqs` a committed correction names, `(seq, the correction's seq)`.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Seq;
    /// use cqnet_store::unit_of_work::LedgerRecord;
    /// use cqnet_store::unit_of_work::LedgerTransaction;
    /// async fn correctors_in<E: LedgerRecord, T: LedgerTransaction<E>>(tx: &mut T, seqs: &[Seq]) -> Result<Vec<(Seq, Seq)>, T::Error> {
    ///     tx.correctors(seqs).await
    /// }
    /// ```
    fn correctors(
        &mut self,
        seqs: &[Seq],
    ) -> impl Future<Output = Result<Vec<(Seq, Seq)>, Self::Error>>;

    /// Every committed entry of `enrollment`, in order.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for an entry that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::EnrollmentId;
    /// use cqnet_store::unit_of_work::LedgerRecord;
    /// use cqnet_store::unit_of_work::LedgerTransaction;
    /// async fn entries_of_in<E: LedgerRecord, T: LedgerTransaction<E>>(tx: &mut T, enrollment: EnrollmentId) -> Result<Vec<E>, T::Error> {
    ///     tx.entries_of(enrollment).await
    /// }
    /// ```
    fn entries_of(
        &mut self,
        enrollment: EnrollmentId,
    ) -> impl Future<Output = Result<Vec<E>, Self::Error>>;

    /// The committed entries a receipt names, in order.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for an entry that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::idempotency::LedgerReceipt;
    /// use cqnet_store::unit_of_work::LedgerRecord;
    /// use cqnet_store::unit_of_work::LedgerTransaction;
    /// async fn receipt_entries_in<E: LedgerRecord, T: LedgerTransaction<E>>(tx: &mut T, receipt: &LedgerReceipt) -> Result<Vec<E>, T::Error> {
    ///     tx.receipt_entries(receipt).await
    /// }
    /// ```
    fn receipt_entries(
        &mut self,
        receipt: &LedgerReceipt,
    ) -> impl Future<Output = Result<Vec<E>, Self::Error>>;

    /// Appends `entries` (contiguous positions from [`LedgerTransaction::next_seq`]).
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::CommandMeta;
    /// use cqnet_store::unit_of_work::LedgerRecord;
    /// use cqnet_store::unit_of_work::LedgerTransaction;
    /// async fn insert_in<E: LedgerRecord, T: LedgerTransaction<E>>(tx: &mut T, meta: &CommandMeta, entries: &[E]) -> Result<(), T::Error> {
    ///     tx.insert(meta, entries).await
    /// }
    /// ```
    fn insert(
        &mut self,
        meta: &CommandMeta,
        entries: &[E],
    ) -> impl Future<Output = Result<(), Self::Error>>;
}

/// The learning companies (학습기업) and company field teachers (기업현장교사) the work-study
/// commands read and write: one versioned record per company, holding its whole history, and
/// one per field teacher.
///
/// Inserts and replacements write the record's body with the version given; a back end need
/// not check keys or versions itself (the command has), but a key taken by a concurrent
/// command must fail the transaction (a unique constraint) rather than overwrite. A record is
/// never deleted.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::WorkStudyTransaction;
/// fn takes_a_work_study_transaction<T: WorkStudyTransaction>(_: &mut T) {}
/// ```
pub trait WorkStudyTransaction: Transaction {
    /// The learning company of this institution. [`Lock::ForUpdate`] holds its row until the
    /// transaction ends (a back end with row locks), so that commands on one company, its
    /// field teachers included, run one after the other.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::unit_of_work::{Lock, WorkStudyTransaction};
    /// use cqnet_store::work_study::LearningCompany;
    /// async fn company_in<T: WorkStudyTransaction>(tx: &mut T, id: InstitutionId) -> Result<Option<Versioned<LearningCompany>>, T::Error> {
    ///     tx.learning_company(id, Lock::ForUpdate).await
    /// }
    /// ```
    fn learning_company(
        &mut self,
        company: InstitutionId,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<LearningCompany>>, Self::Error>>;

    /// Writes a new learning company at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for a company taken meanwhile).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::WorkStudyTransaction;
    /// use cqnet_store::work_study::LearningCompany;
    /// async fn insert_in<T: WorkStudyTransaction>(tx: &mut T, c: &LearningCompany) -> Result<(), T::Error> {
    ///     tx.insert_learning_company(c).await
    /// }
    /// ```
    fn insert_learning_company(
        &mut self,
        company: &LearningCompany,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Replaces a learning company, now at `version`.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Version;
    /// use cqnet_store::unit_of_work::WorkStudyTransaction;
    /// use cqnet_store::work_study::LearningCompany;
    /// async fn replace_in<T: WorkStudyTransaction>(tx: &mut T, c: &LearningCompany, v: Version) -> Result<(), T::Error> {
    ///     tx.replace_learning_company(c, v).await
    /// }
    /// ```
    fn replace_learning_company(
        &mut self,
        company: &LearningCompany,
        version: Version,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// The company field teacher with this identifier. [`Lock::ForUpdate`] holds their row.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::Versioned;
    /// use cqnet_store::unit_of_work::{Lock, WorkStudyTransaction};
    /// use cqnet_store::work_study::FieldTeacher;
    /// async fn teacher_in<T: WorkStudyTransaction>(tx: &mut T, id: &PartyId) -> Result<Option<Versioned<FieldTeacher>>, T::Error> {
    ///     tx.field_teacher(id, Lock::None).await
    /// }
    /// ```
    fn field_teacher(
        &mut self,
        teacher: &PartyId,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<FieldTeacher>>, Self::Error>>;

    /// Writes a new company field teacher at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for a teacher taken meanwhile).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::WorkStudyTransaction;
    /// use cqnet_store::work_study::FieldTeacher;
    /// async fn insert_in<T: WorkStudyTransaction>(tx: &mut T, t: &FieldTeacher) -> Result<(), T::Error> {
    ///     tx.insert_field_teacher(t).await
    /// }
    /// ```
    fn insert_field_teacher(
        &mut self,
        teacher: &FieldTeacher,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Replaces a company field teacher, now at `version`.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Version;
    /// use cqnet_store::unit_of_work::WorkStudyTransaction;
    /// use cqnet_store::work_study::FieldTeacher;
    /// async fn replace_in<T: WorkStudyTransaction>(tx: &mut T, t: &FieldTeacher, v: Version) -> Result<(), T::Error> {
    ///     tx.replace_field_teacher(t, v).await
    /// }
    /// ```
    fn replace_field_teacher(
        &mut self,
        teacher: &FieldTeacher,
        version: Version,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// The learning worker (학습근로자) with this identifier and the contracts they held.
    /// [`Lock::ForUpdate`] holds their row, so that two contracts for one learner are
    /// concluded one after the other.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::Versioned;
    /// use cqnet_store::unit_of_work::{Lock, WorkStudyTransaction};
    /// use cqnet_store::work_study::Learner;
    /// async fn learner_in<T: WorkStudyTransaction>(tx: &mut T, id: &PartyId) -> Result<Option<Versioned<Learner>>, T::Error> {
    ///     tx.learner(id, Lock::ForUpdate).await
    /// }
    /// ```
    fn learner(
        &mut self,
        learner: &PartyId,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<Learner>>, Self::Error>>;

    /// Writes a new learner at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for a learner taken meanwhile).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::WorkStudyTransaction;
    /// use cqnet_store::work_study::Learner;
    /// async fn insert_in<T: WorkStudyTransaction>(tx: &mut T, l: &Learner) -> Result<(), T::Error> {
    ///     tx.insert_learner(l).await
    /// }
    /// ```
    fn insert_learner(
        &mut self,
        learner: &Learner,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Replaces a learner, now at `version`.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Version;
    /// use cqnet_store::unit_of_work::WorkStudyTransaction;
    /// use cqnet_store::work_study::Learner;
    /// async fn replace_in<T: WorkStudyTransaction>(tx: &mut T, l: &Learner, v: Version) -> Result<(), T::Error> {
    ///     tx.replace_learner(l, v).await
    /// }
    /// ```
    fn replace_learner(
        &mut self,
        learner: &Learner,
        version: Version,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// The learning-work contract with this identifier. [`Lock::ForUpdate`] holds its row.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::unit_of_work::{Lock, WorkStudyTransaction};
    /// use cqnet_store::work_study::{ContractId, LearningContract};
    /// async fn contract_in<T: WorkStudyTransaction>(tx: &mut T, id: ContractId) -> Result<Option<Versioned<LearningContract>>, T::Error> {
    ///     tx.learning_contract(id, Lock::None).await
    /// }
    /// ```
    fn learning_contract(
        &mut self,
        contract: ContractId,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<LearningContract>>, Self::Error>>;

    /// Writes a new learning-work contract at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for a contract taken meanwhile).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::WorkStudyTransaction;
    /// use cqnet_store::work_study::LearningContract;
    /// async fn insert_in<T: WorkStudyTransaction>(tx: &mut T, c: &LearningContract) -> Result<(), T::Error> {
    ///     tx.insert_learning_contract(c).await
    /// }
    /// ```
    fn insert_learning_contract(
        &mut self,
        contract: &LearningContract,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Replaces a learning-work contract, now at `version` (its company too, after a
    /// transfer).
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Version;
    /// use cqnet_store::unit_of_work::WorkStudyTransaction;
    /// use cqnet_store::work_study::LearningContract;
    /// async fn replace_in<T: WorkStudyTransaction>(tx: &mut T, c: &LearningContract, v: Version) -> Result<(), T::Error> {
    ///     tx.replace_learning_contract(c, v).await
    /// }
    /// ```
    fn replace_learning_contract(
        &mut self,
        contract: &LearningContract,
        version: Version,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// The learning-work contracts a company holds now, by identifier. [`Lock::ForUpdate`]
    /// holds their rows.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::unit_of_work::{Lock, WorkStudyTransaction};
    /// use cqnet_store::work_study::LearningContract;
    /// async fn of<T: WorkStudyTransaction>(tx: &mut T, id: InstitutionId) -> Result<Vec<Versioned<LearningContract>>, T::Error> {
    ///     tx.learning_contracts_of(id, Lock::ForUpdate).await
    /// }
    /// ```
    fn learning_contracts_of(
        &mut self,
        company: InstitutionId,
        lock: Lock,
    ) -> impl Future<Output = Result<Vec<Versioned<LearningContract>>, Self::Error>>;

    /// The approved work-study programme (일학습병행과정) with this identifier.
    /// [`Lock::ForUpdate`] holds its row.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::unit_of_work::{Lock, WorkStudyTransaction};
    /// use cqnet_store::work_study::{Programme, ProgrammeId};
    /// async fn programme_in<T: WorkStudyTransaction>(tx: &mut T, id: ProgrammeId) -> Result<Option<Versioned<Programme>>, T::Error> {
    ///     tx.programme(id, Lock::None).await
    /// }
    /// ```
    fn programme(
        &mut self,
        programme: ProgrammeId,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<Programme>>, Self::Error>>;

    /// Writes a newly approved programme at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for a programme taken meanwhile).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::unit_of_work::WorkStudyTransaction;
    /// use cqnet_store::work_study::Programme;
    /// async fn insert_in<T: WorkStudyTransaction>(tx: &mut T, p: &Programme) -> Result<(), T::Error> {
    ///     tx.insert_programme(p).await
    /// }
    /// ```
    fn insert_programme(
        &mut self,
        programme: &Programme,
    ) -> impl Future<Output = Result<(), Self::Error>>;
}

/// The value of a future whose every step is ready at once (the memory store's and SQLite's
/// operations, the blocking PostgreSQL client's), without a runtime.
///
/// # Errors
/// [`StoreError::Unavailable`] if the future waits (a back end whose operations wait must be
/// run on an executor instead).
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::complete_now;
/// assert_eq!(complete_now(async { 1 + 1 })?, 2);
/// assert!(complete_now(std::future::pending::<()>()).is_err());
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
pub fn complete_now<F: Future>(future: F) -> Result<F::Output, StoreError> {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut context) {
        Poll::Ready(value) => Ok(value),
        Poll::Pending => Err(StoreError::unavailable(
            UnavailableKind::Interrupted,
            "a store operation waited where none may",
        )),
    }
}

/// The records the course designation commands read and write: the calls (모집공고) and the
/// applications with their whole history (지정신청 to 지정취소).
///
/// Inserts and replacements write the record's body with the version given; a key taken by a
/// concurrent command must fail the transaction (a unique constraint) rather than overwrite.
/// Removing is only the retention command's, after the core allowed it.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::DesignationTransaction;
/// fn takes_a_designation_transaction<T: DesignationTransaction>(_: &mut T) {}
/// ```
pub trait DesignationTransaction: Transaction {
    /// The call with this id.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::designation::{CallId, DesignationCall};
    /// use cqnet_store::unit_of_work::DesignationTransaction;
    /// async fn call_in<T: DesignationTransaction>(tx: &mut T, id: CallId) -> Result<Option<Versioned<DesignationCall>>, T::Error> {
    ///     tx.call(id).await
    /// }
    /// ```
    fn call(
        &mut self,
        id: CallId,
    ) -> impl Future<Output = Result<Option<Versioned<DesignationCall>>, Self::Error>>;

    /// Writes a new call at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for an id taken meanwhile).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::designation::DesignationCall;
    /// use cqnet_store::unit_of_work::DesignationTransaction;
    /// async fn insert_in<T: DesignationTransaction>(tx: &mut T, c: &DesignationCall) -> Result<(), T::Error> {
    ///     tx.insert_call(c).await
    /// }
    /// ```
    fn insert_call(
        &mut self,
        call: &DesignationCall,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// The application with this id. [`Lock::ForUpdate`] holds its row until the transaction
    /// ends (a back end with row locks), so that commands on one application run one after the
    /// other.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::designation::{CourseApplicationId, DesignationRecord};
    /// use cqnet_store::unit_of_work::{DesignationTransaction, Lock};
    /// async fn application_in<T: DesignationTransaction>(tx: &mut T, id: CourseApplicationId) -> Result<Option<Versioned<DesignationRecord>>, T::Error> {
    ///     tx.course_application(id, Lock::ForUpdate).await
    /// }
    /// ```
    fn course_application(
        &mut self,
        id: CourseApplicationId,
        lock: Lock,
    ) -> impl Future<Output = Result<Option<Versioned<DesignationRecord>>, Self::Error>>;

    /// The applications of one call and qualification, by id. [`Lock::ForUpdate`] holds their
    /// rows: a screening reads and writes them all together.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_store::Versioned;
    /// use cqnet_store::designation::{CallId, DesignationRecord};
    /// use cqnet_store::unit_of_work::{DesignationTransaction, Lock};
    /// async fn group_in<T: DesignationTransaction>(tx: &mut T, call: CallId, q: &QualificationCode) -> Result<Vec<Versioned<DesignationRecord>>, T::Error> {
    ///     tx.course_applications_of(call, q, Lock::ForUpdate).await
    /// }
    /// ```
    fn course_applications_of(
        &mut self,
        call: CallId,
        qualification: &QualificationCode,
        lock: Lock,
    ) -> impl Future<Output = Result<Vec<Versioned<DesignationRecord>>, Self::Error>>;

    /// Every application, by id, their rows held ([`Lock::ForUpdate`]) for the retention
    /// command.
    ///
    /// # Errors
    /// The back end's failure; [`StoreError::Corrupt`] for a record that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Versioned;
    /// use cqnet_store::designation::DesignationRecord;
    /// use cqnet_store::unit_of_work::{DesignationTransaction, Lock};
    /// async fn all_in<T: DesignationTransaction>(tx: &mut T) -> Result<Vec<Versioned<DesignationRecord>>, T::Error> {
    ///     tx.all_course_applications(Lock::ForUpdate).await
    /// }
    /// ```
    fn all_course_applications(
        &mut self,
        lock: Lock,
    ) -> impl Future<Output = Result<Vec<Versioned<DesignationRecord>>, Self::Error>>;

    /// Writes a new application at [`Version::FIRST`].
    ///
    /// # Errors
    /// The back end's failure ([`StoreError::AlreadyExists`] for an id taken meanwhile).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::designation::DesignationRecord;
    /// use cqnet_store::unit_of_work::DesignationTransaction;
    /// async fn insert_in<T: DesignationTransaction>(tx: &mut T, r: &DesignationRecord) -> Result<(), T::Error> {
    ///     tx.insert_course_application(r).await
    /// }
    /// ```
    fn insert_course_application(
        &mut self,
        record: &DesignationRecord,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Replaces an application, now at `version`.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::Version;
    /// use cqnet_store::designation::DesignationRecord;
    /// use cqnet_store::unit_of_work::DesignationTransaction;
    /// async fn replace_in<T: DesignationTransaction>(tx: &mut T, r: &DesignationRecord, v: Version) -> Result<(), T::Error> {
    ///     tx.replace_course_application(r, v).await
    /// }
    /// ```
    fn replace_course_application(
        &mut self,
        record: &DesignationRecord,
        version: Version,
    ) -> impl Future<Output = Result<(), Self::Error>>;

    /// Removes an application whose retention period the core found over.
    ///
    /// # Errors
    /// The back end's failure.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::designation::CourseApplicationId;
    /// use cqnet_store::unit_of_work::DesignationTransaction;
    /// async fn remove_in<T: DesignationTransaction>(tx: &mut T, id: CourseApplicationId) -> Result<(), T::Error> {
    ///     tx.remove_course_application(id).await
    /// }
    /// ```
    fn remove_course_application(
        &mut self,
        id: CourseApplicationId,
    ) -> impl Future<Output = Result<(), Self::Error>>;
}
