//! The storage traits of the course designation cycle, blocking and async.

use std::future::Future;

use cqnet_core::{QualificationCode, Score};

use super::records::*;
use crate::Inline;
use crate::StoreResult;
use crate::training::CourseId;
use crate::work_study::Hearing;
use crate::{CommandMeta, IdempotencyKey, Versioned};

/// The calls (모집공고) and course applications (지정신청) with their whole history, blocking.
/// `&self` methods, usable as `dyn`.
///
/// Every command is one transaction with its audit line and its idempotency key, written once
/// in [`commands`](super::commands): a retry with the same key and command returns the first
/// answer, with another command or payload
/// [`StoreError::IdempotencyConflict`](crate::StoreError::IdempotencyConflict). A command that
/// fails leaves nothing behind.
///
/// # Example
/// ```
/// use cqnet_store::designation::{CallId, CourseDesignationStore};
/// use cqnet_core::QualificationCode;
/// fn count(store: &dyn CourseDesignationStore, call: CallId, q: &QualificationCode) -> cqnet_store::StoreResult<usize> {
///     Ok(store.course_applications_of(call, q)?.len())
/// }
/// ```
pub trait CourseDesignationStore: crate::Store {
    /// Opens a yearly call (모집공고).
    ///
    /// # Errors
    /// As [`commands::open_call`](super::commands::open_call).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn open_call(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: &DesignationCall,
    ) -> StoreResult<Versioned<DesignationCall>>;

    /// Files an institution's application (지정신청).
    ///
    /// # Errors
    /// As [`commands::apply_for_course`](super::commands::apply_for_course).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn apply_for_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CourseApplication,
    ) -> StoreResult<Versioned<DesignationRecord>>;

    /// Decides the document screening (서류심사) of one call and qualification.
    ///
    /// # Errors
    /// As [`commands::screen_documents`](super::commands::screen_documents).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn screen_documents(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>>;

    /// Decides the on-site screening (현장심사) of one call and qualification.
    ///
    /// # Errors
    /// As [`commands::screen_on_site`](super::commands::screen_on_site).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn screen_on_site(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>>;

    /// Records the committee's deliberation (정책심의회 심의).
    ///
    /// # Errors
    /// As [`commands::deliberate`](super::commands::deliberate).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn deliberate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        deliberation: &Deliberation,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>>;

    /// Designates one approved course run (과정 지정).
    ///
    /// # Errors
    /// As [`commands::designate_course`](super::commands::designate_course).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn designate_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        course: CourseId,
    ) -> StoreResult<Versioned<DesignationRecord>>;

    /// Records an operation check (운영 확인) of a designated course.
    ///
    /// # Errors
    /// As [`commands::record_operation_check`](super::commands::record_operation_check).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn record_operation_check(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        check: &OperationCheck,
    ) -> StoreResult<Versioned<DesignationRecord>>;

    /// Records a hearing (청문) of a designated course.
    ///
    /// # Errors
    /// As [`commands::record_course_hearing`](super::commands::record_course_hearing).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn record_course_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        hearing: &Hearing,
    ) -> StoreResult<Versioned<DesignationRecord>>;

    /// Takes a measure the core allows against a designated course.
    ///
    /// # Errors
    /// As [`commands::take_course_measure`](super::commands::take_course_measure).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn take_course_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        order: &CourseMeasureOrder,
    ) -> StoreResult<Versioned<DesignationRecord>>;

    /// Removes the applications whose retention period is over, and only those.
    ///
    /// # Errors
    /// As [`commands::apply_retention`](super::commands::apply_retention).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn apply_retention(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
    ) -> StoreResult<RetentionReport>;

    /// A call.
    ///
    /// # Errors
    /// `NotFound` for a call never opened.
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn designation_call(&self, id: CallId) -> StoreResult<Versioned<DesignationCall>>;

    /// Every call, by id.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn designation_calls(&self) -> StoreResult<Vec<Versioned<DesignationCall>>>;

    /// An application with its whole history.
    ///
    /// # Errors
    /// `NotFound` for an application never filed (or removed after its retention period).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn course_application(
        &self,
        id: CourseApplicationId,
    ) -> StoreResult<Versioned<DesignationRecord>>;

    /// The applications of one call and qualification, by id.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// fn uses(store: &dyn cqnet_store::designation::CourseDesignationStore) -> bool {
    ///     store.designation_calls().is_ok()
    /// }
    /// ```
    fn course_applications_of(
        &self,
        call: CallId,
        qualification: &QualificationCode,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>>;

    /// The applications whose course run is designated and not cancelled (status
    /// `designated`), by id: of every call and qualification, or only of `call`, only of
    /// `qualification`, or of both. The agency's quarterly oversight reads them
    /// ([`DesignationService::missing_operation_checks`](super::DesignationService::missing_operation_checks)).
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)), or
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) for a row that does not read back.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::designation::{CallId, CourseDesignationStore};
    /// fn running(store: &dyn CourseDesignationStore, call: CallId) -> cqnet_store::StoreResult<usize> {
    ///     Ok(store.designated_course_applications(Some(call), None)?.len())
    /// }
    /// ```
    fn designated_course_applications(
        &self,
        call: Option<CallId>,
        qualification: Option<&QualificationCode>,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>>;
}

/// The async twin of [`CourseDesignationStore`]: the same methods, returning futures that are `Send`.
///
/// # Example
/// ```
/// use cqnet_store::designation::{AsyncCourseDesignationStore, CallId};
/// use cqnet_core::QualificationCode;
/// async fn count<S: AsyncCourseDesignationStore>(store: &S, call: CallId, q: &QualificationCode) -> cqnet_store::StoreResult<usize> {
///     Ok(store.course_applications_of(call, q).await?.len())
/// }
/// ```
pub trait AsyncCourseDesignationStore: Send + Sync {
    /// Opens a yearly call (모집공고).
    ///
    /// The async twin of [`CourseDesignationStore::open_call`].
    ///
    /// # Errors
    /// As [`commands::open_call`](super::commands::open_call).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn open_call(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: &DesignationCall,
    ) -> impl Future<Output = StoreResult<Versioned<DesignationCall>>> + Send;

    /// Files an institution's application (지정신청).
    ///
    /// The async twin of [`CourseDesignationStore::apply_for_course`].
    ///
    /// # Errors
    /// As [`commands::apply_for_course`](super::commands::apply_for_course).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn apply_for_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CourseApplication,
    ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send;

    /// Decides the document screening (서류심사) of one call and qualification.
    ///
    /// The async twin of [`CourseDesignationStore::screen_documents`].
    ///
    /// # Errors
    /// As [`commands::screen_documents`](super::commands::screen_documents).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn screen_documents(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationRecord>>>> + Send;

    /// Decides the on-site screening (현장심사) of one call and qualification.
    ///
    /// The async twin of [`CourseDesignationStore::screen_on_site`].
    ///
    /// # Errors
    /// As [`commands::screen_on_site`](super::commands::screen_on_site).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn screen_on_site(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationRecord>>>> + Send;

    /// Records the committee's deliberation (정책심의회 심의).
    ///
    /// The async twin of [`CourseDesignationStore::deliberate`].
    ///
    /// # Errors
    /// As [`commands::deliberate`](super::commands::deliberate).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn deliberate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        deliberation: &Deliberation,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationRecord>>>> + Send;

    /// Designates one approved course run (과정 지정).
    ///
    /// The async twin of [`CourseDesignationStore::designate_course`].
    ///
    /// # Errors
    /// As [`commands::designate_course`](super::commands::designate_course).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn designate_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        course: CourseId,
    ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send;

    /// Records an operation check (운영 확인) of a designated course.
    ///
    /// The async twin of [`CourseDesignationStore::record_operation_check`].
    ///
    /// # Errors
    /// As [`commands::record_operation_check`](super::commands::record_operation_check).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn record_operation_check(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        check: &OperationCheck,
    ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send;

    /// Records a hearing (청문) of a designated course.
    ///
    /// The async twin of [`CourseDesignationStore::record_course_hearing`].
    ///
    /// # Errors
    /// As [`commands::record_course_hearing`](super::commands::record_course_hearing).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn record_course_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        hearing: &Hearing,
    ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send;

    /// Takes a measure the core allows against a designated course.
    ///
    /// The async twin of [`CourseDesignationStore::take_course_measure`].
    ///
    /// # Errors
    /// As [`commands::take_course_measure`](super::commands::take_course_measure).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn take_course_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        order: &CourseMeasureOrder,
    ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send;

    /// Removes the applications whose retention period is over, and only those.
    ///
    /// The async twin of [`CourseDesignationStore::apply_retention`].
    ///
    /// # Errors
    /// As [`commands::apply_retention`](super::commands::apply_retention).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn apply_retention(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
    ) -> impl Future<Output = StoreResult<RetentionReport>> + Send;

    /// A call.
    ///
    /// The async twin of [`CourseDesignationStore::designation_call`].
    ///
    /// # Errors
    /// `NotFound` for a call never opened.
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn designation_call(
        &self,
        id: CallId,
    ) -> impl Future<Output = StoreResult<Versioned<DesignationCall>>> + Send;

    /// Every call, by id.
    ///
    /// The async twin of [`CourseDesignationStore::designation_calls`].
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn designation_calls(
        &self,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationCall>>>> + Send;

    /// An application with its whole history.
    ///
    /// The async twin of [`CourseDesignationStore::course_application`].
    ///
    /// # Errors
    /// `NotFound` for an application never filed (or removed after its retention period).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn course_application(
        &self,
        id: CourseApplicationId,
    ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send;

    /// The applications of one call and qualification, by id.
    ///
    /// The async twin of [`CourseDesignationStore::course_applications_of`].
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// async fn uses<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> bool {
    ///     store.designation_calls().await.is_ok()
    /// }
    /// ```
    fn course_applications_of(
        &self,
        call: CallId,
        qualification: &QualificationCode,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationRecord>>>> + Send;

    /// The applications whose course run is designated and not cancelled, by id, optionally
    /// of one call and of one qualification.
    ///
    /// The async twin of [`CourseDesignationStore::designated_course_applications`].
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)), or
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) for a row that does not read back.
    ///
    /// # Example
    /// ```
    /// async fn running<S: cqnet_store::designation::AsyncCourseDesignationStore>(store: &S) -> usize {
    ///     store.designated_course_applications(None, None).await.map(|r| r.len()).unwrap_or(0)
    /// }
    /// ```
    fn designated_course_applications(
        &self,
        call: Option<CallId>,
        qualification: Option<&QualificationCode>,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationRecord>>>> + Send;
}

/// Implements [`AsyncCourseDesignationStore`] for a wrapper with a `run` method, as
/// [`forward_async_work_study_store!`](crate::forward_async_work_study_store) does for the
/// learning companies.
///
/// # Example
/// ```text
/// cqnet_store::forward_async_course_designation_store!(SpawnBlocking);
/// ```
#[macro_export]
macro_rules! forward_async_course_designation_store {
    ($wrapper:ident) => {
        const _: () = {
            use ::cqnet_core::{QualificationCode, Score};
            use ::std::future::Future;
            use $crate::designation::*;
            use $crate::training::CourseId;
            use $crate::work_study::Hearing;
            use $crate::{CommandMeta, IdempotencyKey, StoreResult, Versioned};

            impl<S: $crate::designation::CourseDesignationStore + 'static>
                $crate::designation::AsyncCourseDesignationStore for $wrapper<S>
            {
                fn open_call(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    call: &DesignationCall,
                ) -> impl Future<Output = StoreResult<Versioned<DesignationCall>>> + Send {
                    let (meta, key) = (meta.clone(), key.clone());
                    let call = call.clone();
                    self.run(move |s| CourseDesignationStore::open_call(s, &meta, &key, &call))
                }
                fn apply_for_course(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    application: &CourseApplication,
                ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send
                {
                    let (meta, key) = (meta.clone(), key.clone());
                    let application = application.clone();
                    self.run(move |s| {
                        CourseDesignationStore::apply_for_course(s, &meta, &key, &application)
                    })
                }
                fn screen_documents(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    call: CallId,
                    qualification: &QualificationCode,
                    scores: &[(CourseApplicationId, Score)],
                ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationRecord>>>> + Send
                {
                    let (meta, key) = (meta.clone(), key.clone());
                    let qualification = qualification.clone();
                    let scores = scores.to_vec();
                    self.run(move |s| {
                        CourseDesignationStore::screen_documents(
                            s,
                            &meta,
                            &key,
                            call,
                            &qualification,
                            &scores,
                        )
                    })
                }
                fn screen_on_site(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    call: CallId,
                    qualification: &QualificationCode,
                    scores: &[(CourseApplicationId, Score)],
                ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationRecord>>>> + Send
                {
                    let (meta, key) = (meta.clone(), key.clone());
                    let qualification = qualification.clone();
                    let scores = scores.to_vec();
                    self.run(move |s| {
                        CourseDesignationStore::screen_on_site(
                            s,
                            &meta,
                            &key,
                            call,
                            &qualification,
                            &scores,
                        )
                    })
                }
                fn deliberate(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    call: CallId,
                    qualification: &QualificationCode,
                    deliberation: &Deliberation,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationRecord>>>> + Send
                {
                    let (meta, key) = (meta.clone(), key.clone());
                    let qualification = qualification.clone();
                    let deliberation = deliberation.clone();
                    self.run(move |s| {
                        CourseDesignationStore::deliberate(
                            s,
                            &meta,
                            &key,
                            call,
                            &qualification,
                            &deliberation,
                        )
                    })
                }
                fn designate_course(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    application: CourseApplicationId,
                    course: CourseId,
                ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send
                {
                    let (meta, key) = (meta.clone(), key.clone());
                    self.run(move |s| {
                        CourseDesignationStore::designate_course(
                            s,
                            &meta,
                            &key,
                            application,
                            course,
                        )
                    })
                }
                fn record_operation_check(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    application: CourseApplicationId,
                    check: &OperationCheck,
                ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send
                {
                    let (meta, key) = (meta.clone(), key.clone());
                    let check = check.clone();
                    self.run(move |s| {
                        CourseDesignationStore::record_operation_check(
                            s,
                            &meta,
                            &key,
                            application,
                            &check,
                        )
                    })
                }
                fn record_course_hearing(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    application: CourseApplicationId,
                    hearing: &Hearing,
                ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send
                {
                    let (meta, key) = (meta.clone(), key.clone());
                    let hearing = hearing.clone();
                    self.run(move |s| {
                        CourseDesignationStore::record_course_hearing(
                            s,
                            &meta,
                            &key,
                            application,
                            &hearing,
                        )
                    })
                }
                fn take_course_measure(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    application: CourseApplicationId,
                    order: &CourseMeasureOrder,
                ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send
                {
                    let (meta, key) = (meta.clone(), key.clone());
                    let order = order.clone();
                    self.run(move |s| {
                        CourseDesignationStore::take_course_measure(
                            s,
                            &meta,
                            &key,
                            application,
                            &order,
                        )
                    })
                }
                fn apply_retention(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                ) -> impl Future<Output = StoreResult<RetentionReport>> + Send {
                    let (meta, key) = (meta.clone(), key.clone());
                    self.run(move |s| CourseDesignationStore::apply_retention(s, &meta, &key))
                }
                fn designation_call(
                    &self,
                    id: CallId,
                ) -> impl Future<Output = StoreResult<Versioned<DesignationCall>>> + Send {
                    self.run(move |s| CourseDesignationStore::designation_call(s, id))
                }
                fn designation_calls(
                    &self,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationCall>>>> + Send
                {
                    self.run(move |s| CourseDesignationStore::designation_calls(s))
                }
                fn course_application(
                    &self,
                    id: CourseApplicationId,
                ) -> impl Future<Output = StoreResult<Versioned<DesignationRecord>>> + Send
                {
                    self.run(move |s| CourseDesignationStore::course_application(s, id))
                }
                fn course_applications_of(
                    &self,
                    call: CallId,
                    qualification: &QualificationCode,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationRecord>>>> + Send
                {
                    let qualification = qualification.clone();
                    self.run(move |s| {
                        CourseDesignationStore::course_applications_of(s, call, &qualification)
                    })
                }
                fn designated_course_applications(
                    &self,
                    call: Option<CallId>,
                    qualification: Option<&QualificationCode>,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<DesignationRecord>>>> + Send
                {
                    let qualification = qualification.cloned();
                    self.run(move |s| {
                        CourseDesignationStore::designated_course_applications(
                            s,
                            call,
                            qualification.as_ref(),
                        )
                    })
                }
            }
        };
    };
}

crate::forward_async_course_designation_store!(Inline);
