//! Async twins for any blocking store: [`Inline`] (runs on the calling task) and the
//! [`forward_async_store!`](crate::forward_async_store) macro adapters use for their own
//! wrappers (such as a `spawn_blocking` one).

use crate::StoreResult;

/// Generates the five `Async*` trait impls for a wrapper type `$wrapper<S>` over any
/// [`Store`](crate::Store), given that the wrapper has a method
/// `fn run<T, F>(&self, f: F) -> impl Future<Output = StoreResult<T>> + Send`
/// where `F: FnOnce(&S) -> StoreResult<T> + Send + 'static` (see [`Inline::run`]).
/// Arguments are cloned into the closure, so the blocking call may run on another thread.
///
/// # Example
/// ```
/// use cqnet_store::{StoreResult, Store};
/// /// A wrapper that would, say, count calls.
/// pub struct Counted<S>(S);
/// impl<S: Sync> Counted<S> {
///     fn run<'a, T: Send + 'a, F: FnOnce(&S) -> StoreResult<T> + Send + 'a>(
///         &'a self, f: F,
///     ) -> impl std::future::Future<Output = StoreResult<T>> + Send + 'a {
///         async move { f(&self.0) }
///     }
/// }
/// cqnet_store::forward_async_store!(Counted);
/// fn is_async<S: Store + 'static>(s: S) -> impl cqnet_store::AsyncStore { Counted(s) }
/// ```
#[macro_export]
macro_rules! forward_async_store {
    ($wrapper:ident) => {
        const _: () = {
            use ::cqnet_core::QualificationCode;
            use ::cqnet_core::standard::CurriculumStandard;
            use ::std::future::Future;
            use $crate::training::*;
            use $crate::{
                AuditEntry, AuditNote, CommandMeta, IdempotencyKey, Seq, Version, Versioned,
            };
            use $crate::{
                AuditLog, CatalogStore, DesignationStore, EnrollmentStore, LedgerStore, StoreResult,
            };

            impl<S: $crate::Store + 'static> $crate::AsyncCatalogStore for $wrapper<S> {
                fn create_qualification(
                    &self,
                    meta: &CommandMeta,
                    q: &Qualification,
                ) -> impl Future<Output = StoreResult<Version>> + Send {
                    let (meta, q) = (meta.clone(), q.clone());
                    self.run(move |s| CatalogStore::create_qualification(s, &meta, &q))
                }
                fn update_qualification(
                    &self,
                    meta: &CommandMeta,
                    q: &Qualification,
                    expected: Version,
                ) -> impl Future<Output = StoreResult<Version>> + Send {
                    let (meta, q) = (meta.clone(), q.clone());
                    self.run(move |s| CatalogStore::update_qualification(s, &meta, &q, expected))
                }
                fn qualification(
                    &self,
                    code: &QualificationCode,
                ) -> impl Future<Output = StoreResult<Versioned<Qualification>>> + Send {
                    let code = code.clone();
                    self.run(move |s| CatalogStore::qualification(s, &code))
                }
                fn qualifications(
                    &self,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<Qualification>>>> + Send
                {
                    self.run(move |s| CatalogStore::qualifications(s))
                }
                fn put_standard(
                    &self,
                    meta: &CommandMeta,
                    code: &QualificationCode,
                    version: &StandardVersion,
                    standard: &CurriculumStandard,
                ) -> impl Future<Output = StoreResult<()>> + Send {
                    let (meta, code, version, standard) = (
                        meta.clone(),
                        code.clone(),
                        version.clone(),
                        standard.clone(),
                    );
                    self.run(move |s| {
                        CatalogStore::put_standard(s, &meta, &code, &version, &standard)
                    })
                }
                fn standard(
                    &self,
                    code: &QualificationCode,
                    version: &StandardVersion,
                ) -> impl Future<Output = StoreResult<CurriculumStandard>> + Send {
                    let (code, version) = (code.clone(), version.clone());
                    self.run(move |s| CatalogStore::standard(s, &code, &version))
                }
                fn standard_versions(
                    &self,
                    code: &QualificationCode,
                ) -> impl Future<Output = StoreResult<Vec<StandardVersion>>> + Send {
                    let code = code.clone();
                    self.run(move |s| CatalogStore::standard_versions(s, &code))
                }
            }

            impl<S: $crate::Store + 'static> $crate::AsyncDesignationStore for $wrapper<S> {
                fn create_institution(
                    &self,
                    meta: &CommandMeta,
                    i: &Institution,
                ) -> impl Future<Output = StoreResult<Version>> + Send {
                    let (meta, i) = (meta.clone(), i.clone());
                    self.run(move |s| DesignationStore::create_institution(s, &meta, &i))
                }
                fn institution(
                    &self,
                    id: InstitutionId,
                ) -> impl Future<Output = StoreResult<Versioned<Institution>>> + Send {
                    self.run(move |s| DesignationStore::institution(s, id))
                }
                fn create_course(
                    &self,
                    meta: &CommandMeta,
                    c: &Course,
                ) -> impl Future<Output = StoreResult<Version>> + Send {
                    let (meta, c) = (meta.clone(), c.clone());
                    self.run(move |s| DesignationStore::create_course(s, &meta, &c))
                }
                fn update_course(
                    &self,
                    meta: &CommandMeta,
                    c: &Course,
                    expected: Version,
                ) -> impl Future<Output = StoreResult<Version>> + Send {
                    let (meta, c) = (meta.clone(), c.clone());
                    self.run(move |s| DesignationStore::update_course(s, &meta, &c, expected))
                }
                fn course(
                    &self,
                    id: CourseId,
                ) -> impl Future<Output = StoreResult<Versioned<Course>>> + Send {
                    self.run(move |s| DesignationStore::course(s, id))
                }
                fn courses(
                    &self,
                    institution: Option<InstitutionId>,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<Course>>>> + Send {
                    self.run(move |s| DesignationStore::courses(s, institution))
                }
            }

            impl<S: $crate::Store + 'static> $crate::AsyncEnrollmentStore for $wrapper<S> {
                fn enroll(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    e: &Enrollment,
                ) -> impl Future<Output = StoreResult<Versioned<Enrollment>>> + Send {
                    let (meta, key, e) = (meta.clone(), key.clone(), e.clone());
                    self.run(move |s| EnrollmentStore::enroll(s, &meta, &key, &e))
                }
                fn update_enrollment(
                    &self,
                    meta: &CommandMeta,
                    e: &Enrollment,
                    expected: Version,
                ) -> impl Future<Output = StoreResult<Version>> + Send {
                    let (meta, e) = (meta.clone(), e.clone());
                    self.run(move |s| EnrollmentStore::update_enrollment(s, &meta, &e, expected))
                }
                fn enrollment(
                    &self,
                    id: EnrollmentId,
                ) -> impl Future<Output = StoreResult<Versioned<Enrollment>>> + Send {
                    self.run(move |s| EnrollmentStore::enrollment(s, id))
                }
                fn enrollments(
                    &self,
                    course: CourseId,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<Enrollment>>>> + Send {
                    self.run(move |s| EnrollmentStore::enrollments(s, course))
                }
            }

            impl<S: $crate::Store + 'static> $crate::AsyncLedgerStore for $wrapper<S> {
                fn append_attendance(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    facts: &[NewAttendance],
                ) -> impl Future<Output = StoreResult<Vec<AttendanceEntry>>> + Send {
                    let (meta, key, facts) = (meta.clone(), key.clone(), facts.to_vec());
                    self.run(move |s| LedgerStore::append_attendance(s, &meta, &key, &facts))
                }
                fn append_evaluations(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    facts: &[NewEvaluation],
                ) -> impl Future<Output = StoreResult<Vec<EvaluationEntry>>> + Send {
                    let (meta, key, facts) = (meta.clone(), key.clone(), facts.to_vec());
                    self.run(move |s| LedgerStore::append_evaluations(s, &meta, &key, &facts))
                }
                fn attendance(
                    &self,
                    enrollment: EnrollmentId,
                ) -> impl Future<Output = StoreResult<Vec<AttendanceEntry>>> + Send {
                    self.run(move |s| LedgerStore::attendance(s, enrollment))
                }
                fn evaluations(
                    &self,
                    enrollment: EnrollmentId,
                ) -> impl Future<Output = StoreResult<Vec<EvaluationEntry>>> + Send {
                    self.run(move |s| LedgerStore::evaluations(s, enrollment))
                }
                fn ledger_enrollments(
                    &self,
                ) -> impl Future<Output = StoreResult<Vec<EnrollmentId>>> + Send {
                    self.run(move |s| LedgerStore::ledger_enrollments(s))
                }
                fn command_recorded(
                    &self,
                    key: &IdempotencyKey,
                ) -> impl Future<Output = StoreResult<bool>> + Send {
                    let key = key.clone();
                    self.run(move |s| LedgerStore::command_recorded(s, &key))
                }
            }

            impl<S: $crate::Store + 'static> $crate::AsyncAuditLog for $wrapper<S> {
                fn append_note(
                    &self,
                    note: &AuditNote,
                ) -> impl Future<Output = StoreResult<AuditEntry>> + Send {
                    let note = note.clone();
                    self.run(move |s| AuditLog::append_note(s, &note))
                }
                fn audit_entries(
                    &self,
                    after: Option<Seq>,
                    limit: usize,
                ) -> impl Future<Output = StoreResult<Vec<AuditEntry>>> + Send {
                    self.run(move |s| AuditLog::audit_entries(s, after, limit))
                }
            }
        };
    };
}

/// The async twin of a blocking store whose operations never wait long (the memory store):
/// each call runs on the polling task.
///
/// Do not wrap a store that does I/O in `Inline`; it would block the executor. Wrap it in a
/// `spawn_blocking` wrapper instead (the SQLite adapter ships one).
///
/// # Example
/// ```
/// use cqnet_store::{AsyncStore, Inline, Store};
/// fn async_twin<S: Store + 'static>(store: S) -> impl AsyncStore {
///     Inline::new(store)
/// }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Inline<S>(S);

impl<S> Inline<S> {
    /// Wraps a store.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, Inline, Store};
    /// fn as_async<S: Store + 'static>(store: S) -> impl AsyncStore { Inline::new(store) }
    /// ```
    pub fn new(store: S) -> Self {
        Inline(store)
    }

    /// The blocking store inside.
    ///
    /// # Example
    /// ```
    /// let inline = cqnet_store::Inline::new(5_u8);
    /// assert_eq!(*inline.inner(), 5);
    /// ```
    pub fn inner(&self) -> &S {
        &self.0
    }

    /// Runs a blocking call when the returned future is polled.
    ///
    /// # Errors
    /// Whatever the call returns.
    ///
    /// # Example
    /// ```
    /// # let inline = cqnet_store::Inline::new(5_u8);
    /// let fut = inline.run(|n| Ok(*n + 1));
    /// # let _ = fut;
    /// ```
    pub async fn run<T, F>(&self, f: F) -> StoreResult<T>
    where
        S: Sync,
        F: FnOnce(&S) -> StoreResult<T> + Send,
        T: Send,
    {
        f(&self.0)
    }
}

crate::forward_async_store!(Inline);
