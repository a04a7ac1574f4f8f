//! The storage traits of the training records, blocking, and their `Async` twins.
//!
//! Every command is one atomic operation of the store: it validates references, applies the
//! change and appends its line to the audit log, all or nothing. Commands a client may retry
//! (`enroll`, `append_attendance`, `append_evaluations`) take an [`IdempotencyKey`]; updates
//! take the [`Version`] the caller read.

use crate::{AsyncAuditLog, AuditLog, StoreResult};

#[cfg(doc)]
use crate::StoreError;

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
    /// ```
    /// use cqnet_store::{CatalogStore, CommandMeta, StoreResult, Version};
    /// use cqnet_store::training::Qualification;
    /// fn create_qualification(store: &dyn CatalogStore, meta: &CommandMeta, q: &Qualification) -> StoreResult<Version> {
    ///     store.create_qualification(meta, q)
    /// }
    /// ```
    fn create_qualification(&self, meta: &CommandMeta, q: &Qualification) -> StoreResult<Version>;
    /// Replaces a qualification read at version `expected`.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::VersionConflict`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CatalogStore, CommandMeta, StoreResult, Version};
    /// use cqnet_store::training::Qualification;
    /// fn update_qualification(store: &dyn CatalogStore, meta: &CommandMeta, q: &Qualification, expected: Version) -> StoreResult<Version> {
    ///     store.update_qualification(meta, q, expected)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_store::{CatalogStore, StoreResult, Versioned};
    /// use cqnet_store::training::Qualification;
    /// fn qualification(store: &dyn CatalogStore, code: &QualificationCode) -> StoreResult<Versioned<Qualification>> {
    ///     store.qualification(code)
    /// }
    /// ```
    fn qualification(&self, code: &QualificationCode) -> StoreResult<Versioned<Qualification>>;
    /// Every qualification, by code.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CatalogStore, StoreResult, Versioned};
    /// use cqnet_store::training::Qualification;
    /// fn qualifications(store: &dyn CatalogStore) -> StoreResult<Vec<Versioned<Qualification>>> {
    ///     store.qualifications()
    /// }
    /// ```
    fn qualifications(&self) -> StoreResult<Vec<Versioned<Qualification>>>;
    /// Stores a curriculum standard under a version. Standards are immutable: storing the same
    /// standard again succeeds (a retry), storing a different one fails.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown qualification; [`StoreError::AlreadyExists`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_core::standard::CurriculumStandard;
    /// use cqnet_store::{CatalogStore, CommandMeta, StoreResult};
    /// use cqnet_store::training::StandardVersion;
    /// fn put_standard(store: &dyn CatalogStore, meta: &CommandMeta, code: &QualificationCode, version: &StandardVersion, standard: &CurriculumStandard) -> StoreResult<()> {
    ///     store.put_standard(meta, code, version, standard)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_core::standard::CurriculumStandard;
    /// use cqnet_store::{CatalogStore, StoreResult};
    /// use cqnet_store::training::StandardVersion;
    /// fn standard(store: &dyn CatalogStore, code: &QualificationCode, version: &StandardVersion) -> StoreResult<CurriculumStandard> {
    ///     store.standard(code, version)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_store::{CatalogStore, StoreResult};
    /// use cqnet_store::training::StandardVersion;
    /// fn standard_versions(store: &dyn CatalogStore, code: &QualificationCode) -> StoreResult<Vec<StandardVersion>> {
    ///     store.standard_versions(code)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{CommandMeta, DesignationStore, StoreResult, Version};
    /// use cqnet_store::training::Institution;
    /// fn create_institution(store: &dyn DesignationStore, meta: &CommandMeta, i: &Institution) -> StoreResult<Version> {
    ///     store.create_institution(meta, i)
    /// }
    /// ```
    fn create_institution(&self, meta: &CommandMeta, i: &Institution) -> StoreResult<Version>;
    /// An institution.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{DesignationStore, StoreResult, Versioned};
    /// use cqnet_store::training::{Institution, InstitutionId};
    /// fn institution(store: &dyn DesignationStore, id: InstitutionId) -> StoreResult<Versioned<Institution>> {
    ///     store.institution(id)
    /// }
    /// ```
    fn institution(&self, id: InstitutionId) -> StoreResult<Versioned<Institution>>;
    /// Adds a course; its institution, qualification and standard version must exist.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`], [`StoreError::NotFound`] for a missing reference.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, DesignationStore, StoreResult, Version};
    /// use cqnet_store::training::Course;
    /// fn create_course(store: &dyn DesignationStore, meta: &CommandMeta, c: &Course) -> StoreResult<Version> {
    ///     store.create_course(meta, c)
    /// }
    /// ```
    fn create_course(&self, meta: &CommandMeta, c: &Course) -> StoreResult<Version>;
    /// Replaces a course read at version `expected` (designation, dates, capacity, …). The
    /// capacity may not drop below the enrollments taken.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::VersionConflict`], [`StoreError::Conflict`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, DesignationStore, StoreResult, Version};
    /// use cqnet_store::training::Course;
    /// fn update_course(store: &dyn DesignationStore, meta: &CommandMeta, c: &Course, expected: Version) -> StoreResult<Version> {
    ///     store.update_course(meta, c, expected)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{DesignationStore, StoreResult, Versioned};
    /// use cqnet_store::training::{Course, CourseId};
    /// fn course(store: &dyn DesignationStore, id: CourseId) -> StoreResult<Versioned<Course>> {
    ///     store.course(id)
    /// }
    /// ```
    fn course(&self, id: CourseId) -> StoreResult<Versioned<Course>>;
    /// The courses of an institution, or every course with `None`, by id.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{DesignationStore, StoreResult, Versioned};
    /// use cqnet_store::training::{Course, InstitutionId};
    /// fn courses(store: &dyn DesignationStore, institution: Option<InstitutionId>) -> StoreResult<Vec<Versioned<Course>>> {
    ///     store.courses(institution)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{CommandMeta, EnrollmentStore, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::Enrollment;
    /// fn enroll(store: &dyn EnrollmentStore, meta: &CommandMeta, key: &IdempotencyKey, e: &Enrollment) -> StoreResult<Versioned<Enrollment>> {
    ///     store.enroll(meta, key, e)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{CommandMeta, EnrollmentStore, StoreResult, Version};
    /// use cqnet_store::training::Enrollment;
    /// fn update_enrollment(store: &dyn EnrollmentStore, meta: &CommandMeta, e: &Enrollment, expected: Version) -> StoreResult<Version> {
    ///     store.update_enrollment(meta, e, expected)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{EnrollmentStore, StoreResult, Versioned};
    /// use cqnet_store::training::{Enrollment, EnrollmentId};
    /// fn enrollment(store: &dyn EnrollmentStore, id: EnrollmentId) -> StoreResult<Versioned<Enrollment>> {
    ///     store.enrollment(id)
    /// }
    /// ```
    fn enrollment(&self, id: EnrollmentId) -> StoreResult<Versioned<Enrollment>>;
    /// The enrollments of a course, by id.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{EnrollmentStore, StoreResult, Versioned};
    /// use cqnet_store::training::{CourseId, Enrollment};
    /// fn enrollments(store: &dyn EnrollmentStore, course: CourseId) -> StoreResult<Vec<Versioned<Enrollment>>> {
    ///     store.enrollments(course)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, LedgerStore, StoreResult};
    /// use cqnet_store::training::{AttendanceEntry, NewAttendance};
    /// fn append_attendance(store: &dyn LedgerStore, meta: &CommandMeta, key: &IdempotencyKey, facts: &[NewAttendance]) -> StoreResult<Vec<AttendanceEntry>> {
    ///     store.append_attendance(meta, key, facts)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, LedgerStore, StoreResult};
    /// use cqnet_store::training::{EvaluationEntry, NewEvaluation};
    /// fn append_evaluations(store: &dyn LedgerStore, meta: &CommandMeta, key: &IdempotencyKey, facts: &[NewEvaluation]) -> StoreResult<Vec<EvaluationEntry>> {
    ///     store.append_evaluations(meta, key, facts)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{LedgerStore, StoreResult};
    /// use cqnet_store::training::{AttendanceEntry, EnrollmentId};
    /// fn attendance(store: &dyn LedgerStore, enrollment: EnrollmentId) -> StoreResult<Vec<AttendanceEntry>> {
    ///     store.attendance(enrollment)
    /// }
    /// ```
    fn attendance(&self, enrollment: EnrollmentId) -> StoreResult<Vec<AttendanceEntry>>;
    /// An enrollment's evaluation entries, in ledger order.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{LedgerStore, StoreResult};
    /// use cqnet_store::training::{EnrollmentId, EvaluationEntry};
    /// fn evaluations(store: &dyn LedgerStore, enrollment: EnrollmentId) -> StoreResult<Vec<EvaluationEntry>> {
    ///     store.evaluations(enrollment)
    /// }
    /// ```
    fn evaluations(&self, enrollment: EnrollmentId) -> StoreResult<Vec<EvaluationEntry>>;
    /// Every enrollment that has at least one ledger entry (for integrity checks).
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{LedgerStore, StoreResult};
    /// use cqnet_store::training::EnrollmentId;
    /// fn ledger_enrollments(store: &dyn LedgerStore) -> StoreResult<Vec<EnrollmentId>> {
    ///     store.ledger_enrollments()
    /// }
    /// ```
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
/// Each method fails as its blocking twin does, with a [`StoreError`](crate::StoreError); its `# Errors` says when.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncCatalogStore, training::Qualification};
/// async fn demo<S: AsyncCatalogStore>(s: &S) -> Result<Vec<cqnet_store::Versioned<Qualification>>, cqnet_store::StoreError> {
///     s.qualifications().await
/// }
/// ```
pub trait AsyncCatalogStore: Send + Sync {
    /// Adds a qualification.
    ///
    /// The async twin of [`CatalogStore::create_qualification`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`] when the code is taken.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncCatalogStore, CommandMeta, StoreResult, Version};
    /// use cqnet_store::training::Qualification;
    /// async fn create_qualification<S: AsyncCatalogStore>(store: &S, meta: &CommandMeta, q: &Qualification) -> StoreResult<Version> {
    ///     store.create_qualification(meta, q).await
    /// }
    /// ```
    fn create_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// Replaces a qualification read at version `expected`.
    ///
    /// The async twin of [`CatalogStore::update_qualification`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::VersionConflict`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncCatalogStore, CommandMeta, StoreResult, Version};
    /// use cqnet_store::training::Qualification;
    /// async fn update_qualification<S: AsyncCatalogStore>(store: &S, meta: &CommandMeta, q: &Qualification, expected: Version) -> StoreResult<Version> {
    ///     store.update_qualification(meta, q, expected).await
    /// }
    /// ```
    fn update_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
        expected: Version,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// A qualification.
    ///
    /// The async twin of [`CatalogStore::qualification`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_store::{AsyncCatalogStore, StoreResult, Versioned};
    /// use cqnet_store::training::Qualification;
    /// async fn qualification<S: AsyncCatalogStore>(store: &S, code: &QualificationCode) -> StoreResult<Versioned<Qualification>> {
    ///     store.qualification(code).await
    /// }
    /// ```
    fn qualification(
        &self,
        code: &QualificationCode,
    ) -> impl Future<Output = StoreResult<Versioned<Qualification>>> + Send;
    /// Every qualification, by code.
    ///
    /// The async twin of [`CatalogStore::qualifications`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncCatalogStore, StoreResult, Versioned};
    /// use cqnet_store::training::Qualification;
    /// async fn qualifications<S: AsyncCatalogStore>(store: &S) -> StoreResult<Vec<Versioned<Qualification>>> {
    ///     store.qualifications().await
    /// }
    /// ```
    fn qualifications(
        &self,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Qualification>>>> + Send;
    /// Stores a curriculum standard under a version. Standards are immutable: storing the same
    /// standard again succeeds (a retry), storing a different one fails.
    ///
    /// The async twin of [`CatalogStore::put_standard`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown qualification; [`StoreError::AlreadyExists`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_core::standard::CurriculumStandard;
    /// use cqnet_store::{AsyncCatalogStore, CommandMeta, StoreResult};
    /// use cqnet_store::training::StandardVersion;
    /// async fn put_standard<S: AsyncCatalogStore>(store: &S, meta: &CommandMeta, code: &QualificationCode, version: &StandardVersion, standard: &CurriculumStandard) -> StoreResult<()> {
    ///     store.put_standard(meta, code, version, standard).await
    /// }
    /// ```
    fn put_standard(
        &self,
        meta: &CommandMeta,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// A curriculum standard.
    ///
    /// The async twin of [`CatalogStore::standard`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_core::standard::CurriculumStandard;
    /// use cqnet_store::{AsyncCatalogStore, StoreResult};
    /// use cqnet_store::training::StandardVersion;
    /// async fn standard<S: AsyncCatalogStore>(store: &S, code: &QualificationCode, version: &StandardVersion) -> StoreResult<CurriculumStandard> {
    ///     store.standard(code, version).await
    /// }
    /// ```
    fn standard(
        &self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> impl Future<Output = StoreResult<CurriculumStandard>> + Send;
    /// The versions of a qualification's standards, in order.
    ///
    /// The async twin of [`CatalogStore::standard_versions`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_store::{AsyncCatalogStore, StoreResult};
    /// use cqnet_store::training::StandardVersion;
    /// async fn standard_versions<S: AsyncCatalogStore>(store: &S, code: &QualificationCode) -> StoreResult<Vec<StandardVersion>> {
    ///     store.standard_versions(code).await
    /// }
    /// ```
    fn standard_versions(
        &self,
        code: &QualificationCode,
    ) -> impl Future<Output = StoreResult<Vec<StandardVersion>>> + Send;
}

/// Async twin of [`DesignationStore`].
///
/// # Errors
/// Each method fails as its blocking twin does, with a [`StoreError`](crate::StoreError); its `# Errors` says when.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncDesignationStore, training::CourseId};
/// async fn demo<S: AsyncDesignationStore>(s: &S) -> bool {
///     s.course(CourseId::from_u128(1)).await.is_ok()
/// }
/// ```
pub trait AsyncDesignationStore: Send + Sync {
    /// Adds an institution.
    ///
    /// The async twin of [`DesignationStore::create_institution`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncDesignationStore, CommandMeta, StoreResult, Version};
    /// use cqnet_store::training::Institution;
    /// async fn create_institution<S: AsyncDesignationStore>(store: &S, meta: &CommandMeta, i: &Institution) -> StoreResult<Version> {
    ///     store.create_institution(meta, i).await
    /// }
    /// ```
    fn create_institution(
        &self,
        meta: &CommandMeta,
        i: &Institution,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// An institution.
    ///
    /// The async twin of [`DesignationStore::institution`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncDesignationStore, StoreResult, Versioned};
    /// use cqnet_store::training::{Institution, InstitutionId};
    /// async fn institution<S: AsyncDesignationStore>(store: &S, id: InstitutionId) -> StoreResult<Versioned<Institution>> {
    ///     store.institution(id).await
    /// }
    /// ```
    fn institution(
        &self,
        id: InstitutionId,
    ) -> impl Future<Output = StoreResult<Versioned<Institution>>> + Send;
    /// Adds a course; its institution, qualification and standard version must exist.
    ///
    /// The async twin of [`DesignationStore::create_course`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`], [`StoreError::NotFound`] for a missing reference.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncDesignationStore, CommandMeta, StoreResult, Version};
    /// use cqnet_store::training::Course;
    /// async fn create_course<S: AsyncDesignationStore>(store: &S, meta: &CommandMeta, c: &Course) -> StoreResult<Version> {
    ///     store.create_course(meta, c).await
    /// }
    /// ```
    fn create_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// Replaces a course read at version `expected` (designation, dates, capacity, …). The
    /// capacity may not drop below the enrollments taken.
    ///
    /// The async twin of [`DesignationStore::update_course`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::VersionConflict`], [`StoreError::Conflict`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncDesignationStore, CommandMeta, StoreResult, Version};
    /// use cqnet_store::training::Course;
    /// async fn update_course<S: AsyncDesignationStore>(store: &S, meta: &CommandMeta, c: &Course, expected: Version) -> StoreResult<Version> {
    ///     store.update_course(meta, c, expected).await
    /// }
    /// ```
    fn update_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
        expected: Version,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// A course.
    ///
    /// The async twin of [`DesignationStore::course`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncDesignationStore, StoreResult, Versioned};
    /// use cqnet_store::training::{Course, CourseId};
    /// async fn course<S: AsyncDesignationStore>(store: &S, id: CourseId) -> StoreResult<Versioned<Course>> {
    ///     store.course(id).await
    /// }
    /// ```
    fn course(&self, id: CourseId) -> impl Future<Output = StoreResult<Versioned<Course>>> + Send;
    /// The courses of an institution, or every course with `None`, by id.
    ///
    /// The async twin of [`DesignationStore::courses`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncDesignationStore, StoreResult, Versioned};
    /// use cqnet_store::training::{Course, InstitutionId};
    /// async fn courses<S: AsyncDesignationStore>(store: &S, institution: Option<InstitutionId>) -> StoreResult<Vec<Versioned<Course>>> {
    ///     store.courses(institution).await
    /// }
    /// ```
    fn courses(
        &self,
        institution: Option<InstitutionId>,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Course>>>> + Send;
}

/// Async twin of [`EnrollmentStore`].
///
/// # Errors
/// Each method fails as its blocking twin does, with a [`StoreError`](crate::StoreError); its `# Errors` says when.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncEnrollmentStore, training::CourseId};
/// async fn demo<S: AsyncEnrollmentStore>(s: &S) -> usize {
///     s.enrollments(CourseId::from_u128(1)).await.map(|v| v.len()).unwrap_or(0)
/// }
/// ```
pub trait AsyncEnrollmentStore: Send + Sync {
    /// Takes a seat in the course: atomically refused when every seat is taken.
    ///
    /// The async twin of [`EnrollmentStore::enroll`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown course (or company), [`StoreError::CourseFull`],
    /// [`StoreError::AlreadyExists`] for a taken id, [`StoreError::IdempotencyConflict`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncEnrollmentStore, CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::Enrollment;
    /// async fn enroll<S: AsyncEnrollmentStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, e: &Enrollment) -> StoreResult<Versioned<Enrollment>> {
    ///     store.enroll(meta, key, e).await
    /// }
    /// ```
    fn enroll(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        e: &Enrollment,
    ) -> impl Future<Output = StoreResult<Versioned<Enrollment>>> + Send;
    /// Replaces an enrollment read at version `expected` (its status or contact); the course
    /// cannot change.
    ///
    /// The async twin of [`EnrollmentStore::update_enrollment`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::VersionConflict`], [`StoreError::Conflict`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncEnrollmentStore, CommandMeta, StoreResult, Version};
    /// use cqnet_store::training::Enrollment;
    /// async fn update_enrollment<S: AsyncEnrollmentStore>(store: &S, meta: &CommandMeta, e: &Enrollment, expected: Version) -> StoreResult<Version> {
    ///     store.update_enrollment(meta, e, expected).await
    /// }
    /// ```
    fn update_enrollment(
        &self,
        meta: &CommandMeta,
        e: &Enrollment,
        expected: Version,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// An enrollment.
    ///
    /// The async twin of [`EnrollmentStore::enrollment`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncEnrollmentStore, StoreResult, Versioned};
    /// use cqnet_store::training::{Enrollment, EnrollmentId};
    /// async fn enrollment<S: AsyncEnrollmentStore>(store: &S, id: EnrollmentId) -> StoreResult<Versioned<Enrollment>> {
    ///     store.enrollment(id).await
    /// }
    /// ```
    fn enrollment(
        &self,
        id: EnrollmentId,
    ) -> impl Future<Output = StoreResult<Versioned<Enrollment>>> + Send;
    /// The enrollments of a course, by id.
    ///
    /// The async twin of [`EnrollmentStore::enrollments`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncEnrollmentStore, StoreResult, Versioned};
    /// use cqnet_store::training::{CourseId, Enrollment};
    /// async fn enrollments<S: AsyncEnrollmentStore>(store: &S, course: CourseId) -> StoreResult<Vec<Versioned<Enrollment>>> {
    ///     store.enrollments(course).await
    /// }
    /// ```
    fn enrollments(
        &self,
        course: CourseId,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Enrollment>>>> + Send;
}

/// Async twin of [`LedgerStore`].
///
/// # Errors
/// Each method fails as its blocking twin does, with a [`StoreError`](crate::StoreError); its `# Errors` says when.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncLedgerStore, training::EnrollmentId};
/// async fn demo<S: AsyncLedgerStore>(s: &S) -> usize {
///     s.attendance(EnrollmentId::from_u128(1)).await.map(|v| v.len()).unwrap_or(0)
/// }
/// ```
pub trait AsyncLedgerStore: Send + Sync {
    /// Appends attendance facts in one transaction, in order.
    ///
    /// The async twin of [`LedgerStore::append_attendance`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown enrollment or corrected entry;
    /// [`StoreError::Conflict`] for a correction of another enrollment's entry or an empty
    /// batch; [`StoreError::IdempotencyConflict`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncLedgerStore, CommandMeta, IdempotencyKey, StoreResult};
    /// use cqnet_store::training::{AttendanceEntry, NewAttendance};
    /// async fn append_attendance<S: AsyncLedgerStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, facts: &[NewAttendance]) -> StoreResult<Vec<AttendanceEntry>> {
    ///     store.append_attendance(meta, key, facts).await
    /// }
    /// ```
    fn append_attendance(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewAttendance],
    ) -> impl Future<Output = StoreResult<Vec<AttendanceEntry>>> + Send;
    /// Appends evaluation facts in one transaction, in order.
    ///
    /// The async twin of [`LedgerStore::append_evaluations`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// As [`LedgerStore::append_attendance`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncLedgerStore, CommandMeta, IdempotencyKey, StoreResult};
    /// use cqnet_store::training::{EvaluationEntry, NewEvaluation};
    /// async fn append_evaluations<S: AsyncLedgerStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, facts: &[NewEvaluation]) -> StoreResult<Vec<EvaluationEntry>> {
    ///     store.append_evaluations(meta, key, facts).await
    /// }
    /// ```
    fn append_evaluations(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> impl Future<Output = StoreResult<Vec<EvaluationEntry>>> + Send;
    /// An enrollment's attendance entries, in ledger order.
    ///
    /// The async twin of [`LedgerStore::attendance`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only (an unknown enrollment has no entries).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncLedgerStore, StoreResult};
    /// use cqnet_store::training::{AttendanceEntry, EnrollmentId};
    /// async fn attendance<S: AsyncLedgerStore>(store: &S, enrollment: EnrollmentId) -> StoreResult<Vec<AttendanceEntry>> {
    ///     store.attendance(enrollment).await
    /// }
    /// ```
    fn attendance(
        &self,
        enrollment: EnrollmentId,
    ) -> impl Future<Output = StoreResult<Vec<AttendanceEntry>>> + Send;
    /// An enrollment's evaluation entries, in ledger order.
    ///
    /// The async twin of [`LedgerStore::evaluations`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncLedgerStore, StoreResult};
    /// use cqnet_store::training::{EnrollmentId, EvaluationEntry};
    /// async fn evaluations<S: AsyncLedgerStore>(store: &S, enrollment: EnrollmentId) -> StoreResult<Vec<EvaluationEntry>> {
    ///     store.evaluations(enrollment).await
    /// }
    /// ```
    fn evaluations(
        &self,
        enrollment: EnrollmentId,
    ) -> impl Future<Output = StoreResult<Vec<EvaluationEntry>>> + Send;
    /// Every enrollment that has at least one ledger entry (for integrity checks).
    ///
    /// The async twin of [`LedgerStore::ledger_enrollments`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncLedgerStore, StoreResult};
    /// use cqnet_store::training::EnrollmentId;
    /// async fn ledger_enrollments<S: AsyncLedgerStore>(store: &S) -> StoreResult<Vec<EnrollmentId>> {
    ///     store.ledger_enrollments().await
    /// }
    /// ```
    fn ledger_enrollments(&self) -> impl Future<Output = StoreResult<Vec<EnrollmentId>>> + Send;
    /// Whether a command was already committed under `key` (by any retryable command:
    /// `enroll`, `append_attendance`, `append_evaluations`). A service asks before its own
    /// checks: a retry of a command that succeeded goes straight to the store, which answers it
    /// with the stored result (or [`StoreError::IdempotencyConflict`] for another payload)
    /// whatever the ledger holds now. A failed command records nothing, so its key stays free.
    ///
    /// The async twin of [`LedgerStore::command_recorded`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncLedgerStore, IdempotencyKey, StoreResult};
    /// async fn command_recorded<S: AsyncLedgerStore>(store: &S, key: &IdempotencyKey) -> StoreResult<bool> {
    ///     store.command_recorded(key).await
    /// }
    /// ```
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
