//! The storage traits of the training records, blocking, and their `Async` twins.
//!
//! Every command is one atomic operation of the store: it validates references, applies the
//! change and appends its line to the audit log, all or nothing. Commands a client may retry
//! (`enroll`, `append_attendance`, `append_evaluations`) take an [`IdempotencyKey`]; updates
//! take the [`Version`] the caller read.

use crate::{AsyncAuditLog, AuditLog, StoreResult};

use std::future::Future;

use cqnet_core::QualificationCode;
use cqnet_core::standard::CurriculumStandard;

use crate::training::{
    AttendanceEntry, Course, CourseId, Enrollment, EnrollmentId, EvaluationEntry, Institution,
    InstitutionId, NewAttendance, NewEvaluation, Qualification, StandardVersion,
};
use crate::{CommandMeta, IdempotencyKey, Version, Versioned};

/// The qualification catalog (종목) and its curriculum standards (편성기준) by version.
///
/// # Errors
/// [`StoreError::AlreadyExists`] on creating a code twice or storing a different standard
/// under an existing version; [`StoreError::NotFound`]; [`StoreError::VersionConflict`].
///
/// # Example
/// ```
/// use cqnet_store::{CatalogStore, CommandMeta, IdempotencyKey, Version, training::*};
/// # fn demo(store: &dyn CatalogStore, meta: &CommandMeta, q: &Qualification) -> Result<(), cqnet_store::StoreError> {
/// let v = store.create_qualification(meta, q)?;
/// assert_eq!(store.qualification(q.code())?.version, v);
/// # Ok(()) }
/// ```
pub trait CatalogStore: Send + Sync {
    /// Adds a qualification.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`] when the code is taken.
    ///
    /// # Example
    /// See the trait.
    fn create_qualification(&self, meta: &CommandMeta, q: &Qualification) -> StoreResult<Version>;
    /// Replaces a qualification read at version `expected`.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::VersionConflict`].
    ///
    /// # Example
    /// See the trait.
    fn update_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
        expected: Version,
    ) -> StoreResult<Version>;
    /// A qualification.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// See the trait.
    fn qualification(&self, code: &QualificationCode) -> StoreResult<Versioned<Qualification>>;
    /// Every qualification, by code.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// See the trait.
    fn qualifications(&self) -> StoreResult<Vec<Versioned<Qualification>>>;
    /// Stores a curriculum standard under a version. Standards are immutable: storing the same
    /// standard again succeeds (a retry), storing a different one fails.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown qualification; [`StoreError::AlreadyExists`].
    ///
    /// # Example
    /// See the trait.
    fn put_standard(
        &self,
        meta: &CommandMeta,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> StoreResult<()>;
    /// A curriculum standard.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// See the trait.
    fn standard(
        &self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> StoreResult<CurriculumStandard>;
    /// The versions of a qualification's standards, in order.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// See the trait.
    fn standard_versions(&self, code: &QualificationCode) -> StoreResult<Vec<StandardVersion>>;
}

/// Institutions, companies and their courses with designation (과정 지정).
///
/// # Errors
/// As on each method.
///
/// # Example
/// ```
/// use cqnet_store::{DesignationStore, CommandMeta, IdempotencyKey, Version, training::*};
/// # fn demo(store: &dyn DesignationStore, meta: &CommandMeta, course: Course) -> Result<(), cqnet_store::StoreError> {
/// let v = store.create_course(meta, &course)?;
/// let suspended = course.spec().designation; // change and write back at version v
/// store.update_course(meta, &course.clone().with_designation(suspended), v)?;
/// # Ok(()) }
/// ```
pub trait DesignationStore: Send + Sync {
    /// Adds an institution.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`].
    ///
    /// # Example
    /// See the trait.
    fn create_institution(&self, meta: &CommandMeta, i: &Institution) -> StoreResult<Version>;
    /// An institution.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// See the trait.
    fn institution(&self, id: InstitutionId) -> StoreResult<Versioned<Institution>>;
    /// Adds a course; its institution, qualification and standard version must exist.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`], [`StoreError::NotFound`] for a missing reference.
    ///
    /// # Example
    /// See the trait.
    fn create_course(&self, meta: &CommandMeta, c: &Course) -> StoreResult<Version>;
    /// Replaces a course read at version `expected` (designation, dates, capacity, …). The
    /// capacity may not drop below the enrollments taken.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::VersionConflict`], [`StoreError::Conflict`].
    ///
    /// # Example
    /// See the trait.
    fn update_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
        expected: Version,
    ) -> StoreResult<Version>;
    /// A course.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// See the trait.
    fn course(&self, id: CourseId) -> StoreResult<Versioned<Course>>;
    /// The courses of an institution, or every course with `None`, by id.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// See the trait.
    fn courses(&self, institution: Option<InstitutionId>) -> StoreResult<Vec<Versioned<Course>>>;
}

/// Enrollments of trainees and learning workers.
///
/// # Errors
/// As on each method.
///
/// # Example
/// ```
/// use cqnet_store::{EnrollmentStore, CommandMeta, IdempotencyKey, Version, training::*};
/// # fn demo(store: &dyn EnrollmentStore, meta: &CommandMeta, e: &Enrollment) -> Result<(), cqnet_store::StoreError> {
/// let key = IdempotencyKey::new("enroll-1").unwrap();
/// let first = store.enroll(meta, &key, e)?;
/// assert_eq!(store.enroll(meta, &key, e)?, first); // a retry changes nothing
/// # Ok(()) }
/// ```
pub trait EnrollmentStore: Send + Sync {
    /// Takes a seat in the course: atomically refused when every seat is taken.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown course (or company), [`StoreError::CourseFull`],
    /// [`StoreError::AlreadyExists`] for a taken id, [`StoreError::IdempotencyConflict`].
    ///
    /// # Example
    /// See the trait.
    fn enroll(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        e: &Enrollment,
    ) -> StoreResult<Versioned<Enrollment>>;
    /// Replaces an enrollment read at version `expected` (its status or contact); the course
    /// cannot change.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::VersionConflict`], [`StoreError::Conflict`].
    ///
    /// # Example
    /// See the trait.
    fn update_enrollment(
        &self,
        meta: &CommandMeta,
        e: &Enrollment,
        expected: Version,
    ) -> StoreResult<Version>;
    /// An enrollment.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// See the trait.
    fn enrollment(&self, id: EnrollmentId) -> StoreResult<Versioned<Enrollment>>;
    /// The enrollments of a course, by id.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// See the trait.
    fn enrollments(&self, course: CourseId) -> StoreResult<Vec<Versioned<Enrollment>>>;
}

/// The append-only ledgers of attendance (출결) and internal evaluation (내부평가).
///
/// # Errors
/// As on each method.
///
/// # Example
/// ```
/// use cqnet_store::{LedgerStore, CommandMeta, IdempotencyKey, Version, training::*};
/// # fn demo(store: &dyn LedgerStore, meta: &CommandMeta, facts: &[NewAttendance]) -> Result<(), cqnet_store::StoreError> {
/// let key = IdempotencyKey::new("import-17").unwrap();
/// let entries = store.append_attendance(meta, &key, facts)?; // all or nothing
/// assert_eq!(entries.len(), facts.len());
/// # Ok(()) }
/// ```
pub trait LedgerStore: Send + Sync {
    /// Appends attendance facts in one transaction, in order.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown enrollment or corrected entry;
    /// [`StoreError::Conflict`] for a correction of another enrollment's entry or an empty
    /// batch; [`StoreError::IdempotencyConflict`].
    ///
    /// # Example
    /// See the trait.
    fn append_attendance(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewAttendance],
    ) -> StoreResult<Vec<AttendanceEntry>>;
    /// Appends evaluation facts in one transaction, in order.
    ///
    /// # Errors
    /// As [`LedgerStore::append_attendance`].
    ///
    /// # Example
    /// See the trait.
    fn append_evaluations(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> StoreResult<Vec<EvaluationEntry>>;
    /// An enrollment's attendance entries, in ledger order.
    ///
    /// # Errors
    /// Backend faults only (an unknown enrollment has no entries).
    ///
    /// # Example
    /// See the trait.
    fn attendance(&self, enrollment: EnrollmentId) -> StoreResult<Vec<AttendanceEntry>>;
    /// An enrollment's evaluation entries, in ledger order.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// See the trait.
    fn evaluations(&self, enrollment: EnrollmentId) -> StoreResult<Vec<EvaluationEntry>>;
    /// Every enrollment that has at least one ledger entry (for integrity checks).
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// See the trait.
    fn ledger_enrollments(&self) -> StoreResult<Vec<EnrollmentId>>;
    /// Whether a command was already committed under `key` (by any retryable command:
    /// `enroll`, `append_attendance`, `append_evaluations`). A service asks before its own
    /// checks: a retry of a command that succeeded goes straight to the store, which answers it
    /// with the stored result (or [`StoreError::IdempotencyConflict`] for another payload)
    /// whatever the ledger holds now. A failed command records nothing, so its key stays free.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{LedgerStore, CommandMeta, IdempotencyKey, Version, training::*};
    /// # fn demo(store: &dyn LedgerStore, meta: &CommandMeta, facts: &[NewAttendance]) -> Result<(), cqnet_store::StoreError> {
    /// let key = IdempotencyKey::new("import-18").unwrap();
    /// assert!(!store.command_recorded(&key)?);
    /// store.append_attendance(meta, &key, facts)?;
    /// assert!(store.command_recorded(&key)?);
    /// # Ok(()) }
    /// ```
    fn command_recorded(&self, key: &IdempotencyKey) -> StoreResult<bool>;
}

/// Every blocking trait at once: what services take.
///
/// # Example
/// ```
/// fn needs_a_store<S: cqnet_store::Store>(_store: &S) {}
/// ```
pub trait Store:
    CatalogStore + DesignationStore + EnrollmentStore + LedgerStore + AuditLog
{
}
impl<T: CatalogStore + DesignationStore + EnrollmentStore + LedgerStore + AuditLog> Store for T {}

/// Async twin of [`CatalogStore`].
///
/// # Errors
/// As the blocking twin.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncCatalogStore, training::Qualification};
/// async fn demo<S: AsyncCatalogStore>(s: &S) -> Result<Vec<cqnet_store::Versioned<Qualification>>, cqnet_store::StoreError> {
///     s.qualifications().await
/// }
/// ```
pub trait AsyncCatalogStore: Send + Sync {
    /// Async twin of [`CatalogStore::create_qualification`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn create_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// Async twin of [`CatalogStore::update_qualification`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn update_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
        expected: Version,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// Async twin of [`CatalogStore::qualification`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn qualification(
        &self,
        code: &QualificationCode,
    ) -> impl Future<Output = StoreResult<Versioned<Qualification>>> + Send;
    /// Async twin of [`CatalogStore::qualifications`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn qualifications(
        &self,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Qualification>>>> + Send;
    /// Async twin of [`CatalogStore::put_standard`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn put_standard(
        &self,
        meta: &CommandMeta,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Async twin of [`CatalogStore::standard`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn standard(
        &self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> impl Future<Output = StoreResult<CurriculumStandard>> + Send;
    /// Async twin of [`CatalogStore::standard_versions`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn standard_versions(
        &self,
        code: &QualificationCode,
    ) -> impl Future<Output = StoreResult<Vec<StandardVersion>>> + Send;
}

/// Async twin of [`DesignationStore`].
///
/// # Errors
/// As the blocking twin.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncDesignationStore, training::CourseId};
/// async fn demo<S: AsyncDesignationStore>(s: &S) -> bool {
///     s.course(CourseId::from_u128(1)).await.is_ok()
/// }
/// ```
pub trait AsyncDesignationStore: Send + Sync {
    /// Async twin of [`DesignationStore::create_institution`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn create_institution(
        &self,
        meta: &CommandMeta,
        i: &Institution,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// Async twin of [`DesignationStore::institution`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn institution(
        &self,
        id: InstitutionId,
    ) -> impl Future<Output = StoreResult<Versioned<Institution>>> + Send;
    /// Async twin of [`DesignationStore::create_course`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn create_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// Async twin of [`DesignationStore::update_course`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn update_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
        expected: Version,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// Async twin of [`DesignationStore::course`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn course(&self, id: CourseId) -> impl Future<Output = StoreResult<Versioned<Course>>> + Send;
    /// Async twin of [`DesignationStore::courses`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn courses(
        &self,
        institution: Option<InstitutionId>,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Course>>>> + Send;
}

/// Async twin of [`EnrollmentStore`].
///
/// # Errors
/// As the blocking twin.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncEnrollmentStore, training::CourseId};
/// async fn demo<S: AsyncEnrollmentStore>(s: &S) -> usize {
///     s.enrollments(CourseId::from_u128(1)).await.map(|v| v.len()).unwrap_or(0)
/// }
/// ```
pub trait AsyncEnrollmentStore: Send + Sync {
    /// Async twin of [`EnrollmentStore::enroll`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn enroll(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        e: &Enrollment,
    ) -> impl Future<Output = StoreResult<Versioned<Enrollment>>> + Send;
    /// Async twin of [`EnrollmentStore::update_enrollment`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn update_enrollment(
        &self,
        meta: &CommandMeta,
        e: &Enrollment,
        expected: Version,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// Async twin of [`EnrollmentStore::enrollment`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn enrollment(
        &self,
        id: EnrollmentId,
    ) -> impl Future<Output = StoreResult<Versioned<Enrollment>>> + Send;
    /// Async twin of [`EnrollmentStore::enrollments`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn enrollments(
        &self,
        course: CourseId,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Enrollment>>>> + Send;
}

/// Async twin of [`LedgerStore`].
///
/// # Errors
/// As the blocking twin.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncLedgerStore, training::EnrollmentId};
/// async fn demo<S: AsyncLedgerStore>(s: &S) -> usize {
///     s.attendance(EnrollmentId::from_u128(1)).await.map(|v| v.len()).unwrap_or(0)
/// }
/// ```
pub trait AsyncLedgerStore: Send + Sync {
    /// Async twin of [`LedgerStore::append_attendance`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn append_attendance(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewAttendance],
    ) -> impl Future<Output = StoreResult<Vec<AttendanceEntry>>> + Send;
    /// Async twin of [`LedgerStore::append_evaluations`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn append_evaluations(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> impl Future<Output = StoreResult<Vec<EvaluationEntry>>> + Send;
    /// Async twin of [`LedgerStore::attendance`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn attendance(
        &self,
        enrollment: EnrollmentId,
    ) -> impl Future<Output = StoreResult<Vec<AttendanceEntry>>> + Send;
    /// Async twin of [`LedgerStore::evaluations`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn evaluations(
        &self,
        enrollment: EnrollmentId,
    ) -> impl Future<Output = StoreResult<Vec<EvaluationEntry>>> + Send;
    /// Async twin of [`LedgerStore::ledger_enrollments`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn ledger_enrollments(&self) -> impl Future<Output = StoreResult<Vec<EnrollmentId>>> + Send;
    /// Async twin of [`LedgerStore::command_recorded`].
    ///
    /// # Errors
    /// As the blocking twin.
    fn command_recorded(
        &self,
        key: &IdempotencyKey,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
}

/// Every async trait at once.
///
/// # Example
/// ```
/// fn needs_an_async_store<S: cqnet_store::AsyncStore>(_store: &S) {}
/// ```
pub trait AsyncStore:
    AsyncCatalogStore + AsyncDesignationStore + AsyncEnrollmentStore + AsyncLedgerStore + AsyncAuditLog
{
}
impl<
    T: AsyncCatalogStore
        + AsyncDesignationStore
        + AsyncEnrollmentStore
        + AsyncLedgerStore
        + AsyncAuditLog,
> AsyncStore for T
{
}
