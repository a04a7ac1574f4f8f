//! The blocking [`DesignationService`]: the async [`crate::designation::DesignationService`] over
//! the store's [`Inline`] view, each method driven to its answer.

use cqnet_core::rules::RulePack;
use cqnet_core::{QualificationCode, Score};

use super::wait;
use crate::designation::{
    self, CallId, CourseApplication, CourseApplicationId, CourseDesignationStore,
    CourseMeasureOrder, CourseMissingChecks, Deliberation, DesignationCall, DesignationRecord,
    MissingChecksQuery, OperationCheck, RetentionReport,
};
use crate::search::Page;
use crate::training::{CourseId, ServiceError};
use crate::work_study::Hearing;
use crate::{Actor, Clock, IdempotencyKey, Inline, Store, Versioned};

/// Opens calls, takes applications, screens, records the committee's deliberation, designates
/// course runs, records operation checks and hearings, takes measures and applies the
/// retention call, over any blocking store, returning when done.
///
/// # Example
/// ```
/// use cqnet_store::blocking::DesignationService;
/// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
/// fn service<S: Store + CourseDesignationStore + 'static>(store: S) -> DesignationService<S, FixedClock> {
///     DesignationService::new(store, FixedClock::new("2026-01-12T01:00:00Z".parse().unwrap()))
/// }
/// ```
#[derive(Debug)]
pub struct DesignationService<S, C> {
    inner: designation::DesignationService<Inline<S>, C>,
}

impl<S: Store + CourseDesignationStore + 'static, C: Clock> DesignationService<S, C> {
    pub(super) fn wrap(inner: designation::DesignationService<Inline<S>, C>) -> Self {
        DesignationService { inner }
    }

    /// A service over `store`, with the embedded rule pack.
    ///
    /// # Example
    /// See [`DesignationService`].
    pub fn new(store: S, clock: C) -> Self {
        Self::wrap(designation::DesignationService::new(
            Inline::new(store),
            clock,
        ))
    }

    /// The same service with another rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn with_pack<S: Store + CourseDesignationStore + 'static>(s: DesignationService<S, FixedClock>) -> DesignationService<S, FixedClock> {
    ///     s.with_rules(cqnet_core::rules::RulePack::embedded().clone())
    /// }
    /// ```
    pub fn with_rules(self, rules: RulePack) -> Self {
        Self::wrap(self.inner.with_rules(rules))
    }

    /// The store.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn calls<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> usize {
    ///     s.store().designation_calls().map(|c| c.len()).unwrap_or(0)
    /// }
    /// ```
    pub fn store(&self) -> &S {
        self.inner.store().inner()
    }

    /// Opens a yearly call (모집공고).
    ///
    /// Blocks on [`DesignationService::open_call`](crate::designation::DesignationService::open_call), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::open_call`](crate::designation::DesignationService::open_call).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn has<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> bool {
    ///     s.store().designation_calls().is_ok()
    /// }
    /// ```
    pub fn open_call(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        call: &DesignationCall,
    ) -> Result<Versioned<DesignationCall>, ServiceError> {
        wait(self.inner.open_call(actor, key, call))
    }

    /// Files an institution's application (지정신청).
    ///
    /// Blocks on [`DesignationService::apply`](crate::designation::DesignationService::apply), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::apply`](crate::designation::DesignationService::apply).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn has<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> bool {
    ///     s.store().designation_calls().is_ok()
    /// }
    /// ```
    pub fn apply(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: &CourseApplication,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        wait(self.inner.apply(actor, key, application))
    }

    /// Decides the document screening (서류심사) of one call and qualification.
    ///
    /// Blocks on [`DesignationService::screen_documents`](crate::designation::DesignationService::screen_documents), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::screen_documents`](crate::designation::DesignationService::screen_documents).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn has<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> bool {
    ///     s.store().designation_calls().is_ok()
    /// }
    /// ```
    pub fn screen_documents(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> Result<Vec<Versioned<DesignationRecord>>, ServiceError> {
        wait(
            self.inner
                .screen_documents(actor, key, call, qualification, scores),
        )
    }

    /// Decides the on-site screening (현장심사) of one call and qualification.
    ///
    /// Blocks on [`DesignationService::screen_on_site`](crate::designation::DesignationService::screen_on_site), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::screen_on_site`](crate::designation::DesignationService::screen_on_site).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn has<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> bool {
    ///     s.store().designation_calls().is_ok()
    /// }
    /// ```
    pub fn screen_on_site(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> Result<Vec<Versioned<DesignationRecord>>, ServiceError> {
        wait(
            self.inner
                .screen_on_site(actor, key, call, qualification, scores),
        )
    }

    /// Records the committee's deliberation (정책심의회 심의).
    ///
    /// Blocks on [`DesignationService::deliberate`](crate::designation::DesignationService::deliberate), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::deliberate`](crate::designation::DesignationService::deliberate).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn has<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> bool {
    ///     s.store().designation_calls().is_ok()
    /// }
    /// ```
    pub fn deliberate(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        deliberation: &Deliberation,
    ) -> Result<Vec<Versioned<DesignationRecord>>, ServiceError> {
        wait(
            self.inner
                .deliberate(actor, key, call, qualification, deliberation),
        )
    }

    /// Designates one approved course run (과정 지정).
    ///
    /// Blocks on [`DesignationService::designate`](crate::designation::DesignationService::designate), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::designate`](crate::designation::DesignationService::designate).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn has<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> bool {
    ///     s.store().designation_calls().is_ok()
    /// }
    /// ```
    pub fn designate(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        course: CourseId,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        wait(self.inner.designate(actor, key, application, course))
    }

    /// Records an operation check (운영 확인).
    ///
    /// Blocks on [`DesignationService::record_operation_check`](crate::designation::DesignationService::record_operation_check), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::record_operation_check`](crate::designation::DesignationService::record_operation_check).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn has<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> bool {
    ///     s.store().designation_calls().is_ok()
    /// }
    /// ```
    pub fn record_operation_check(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        check: &OperationCheck,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        wait(
            self.inner
                .record_operation_check(actor, key, application, check),
        )
    }

    /// Records a hearing (청문) of a designated course.
    ///
    /// Blocks on [`DesignationService::record_hearing`](crate::designation::DesignationService::record_hearing), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::record_hearing`](crate::designation::DesignationService::record_hearing).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn has<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> bool {
    ///     s.store().designation_calls().is_ok()
    /// }
    /// ```
    pub fn record_hearing(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        hearing: &Hearing,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        wait(self.inner.record_hearing(actor, key, application, hearing))
    }

    /// Takes a measure the core allows against a designated course.
    ///
    /// Blocks on [`DesignationService::take_measure`](crate::designation::DesignationService::take_measure), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::take_measure`](crate::designation::DesignationService::take_measure).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn has<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> bool {
    ///     s.store().designation_calls().is_ok()
    /// }
    /// ```
    pub fn take_measure(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        order: &CourseMeasureOrder,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        wait(self.inner.take_measure(actor, key, application, order))
    }

    /// The retention call (보존기간 경과 기록 정리).
    ///
    /// Blocks on [`DesignationService::apply_retention`](crate::designation::DesignationService::apply_retention), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::apply_retention`](crate::designation::DesignationService::apply_retention).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::{FixedClock, Store, designation::CourseDesignationStore};
    /// fn has<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> bool {
    ///     s.store().designation_calls().is_ok()
    /// }
    /// ```
    pub fn apply_retention(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
    ) -> Result<RetentionReport, ServiceError> {
        wait(self.inner.apply_retention(actor, key))
    }

    /// The agency's quarterly oversight of every designated course (분기 운영 확인 점검): one
    /// page of the designated course runs with the quarters the core finds missing on the
    /// query's day.
    ///
    /// Blocks on [`DesignationService::missing_operation_checks`](crate::designation::DesignationService::missing_operation_checks), which holds the details.
    ///
    /// # Errors
    /// As [`DesignationService::missing_operation_checks`](crate::designation::DesignationService::missing_operation_checks).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::DesignationService;
    /// use cqnet_store::designation::{CourseDesignationStore, MissingChecksQuery};
    /// use cqnet_store::{Actor, FixedClock, Role, Store};
    /// fn missed<S: Store + CourseDesignationStore + 'static>(s: &DesignationService<S, FixedClock>) -> Result<usize, Box<dyn std::error::Error>> {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
    ///     let query = MissingChecksQuery::new("2027-01-05".parse()?, None, None, 200)?;
    ///     Ok(s.missing_operation_checks(&agency, &query)?.items.len())
    /// }
    /// ```
    pub fn missing_operation_checks(
        &self,
        actor: &Actor,
        query: &MissingChecksQuery,
    ) -> Result<Page<CourseMissingChecks>, ServiceError> {
        wait(self.inner.missing_operation_checks(actor, query))
    }
}
