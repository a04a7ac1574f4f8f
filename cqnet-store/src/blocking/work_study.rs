//! The blocking [`WorkStudyService`]: the async [`crate::work_study::WorkStudyService`] over the
//! store's [`Inline`] view, each method driven to its answer.

use cqnet_core::access::PartyId;
use cqnet_core::rules::RulePack;

use super::wait;
use crate::training::{InstitutionId, ServiceError};
use crate::work_study::{
    self, CompanyApplication, FieldTeacher, Hearing, LearningCompany, MeasureOrder,
    NewFieldTeacher, SiteReview, TeacherTraining, WorkStudyStore,
};
use crate::{Actor, Clock, IdempotencyKey, Inline, Store, Versioned};

/// Takes a company's application, records the on-site review, decides the designation, records
/// hearings and takes measures, and registers field teachers with their training, over any
/// blocking store, returning when done.
///
/// # Example
/// ```
/// use cqnet_store::blocking::WorkStudyService;
/// use cqnet_store::{FixedClock, Store, work_study::WorkStudyStore};
/// fn service<S: Store + WorkStudyStore + 'static>(store: S) -> WorkStudyService<S, FixedClock> {
///     WorkStudyService::new(store, FixedClock::new("2026-03-02T09:00:00Z".parse().unwrap()))
/// }
/// ```
#[derive(Debug)]
pub struct WorkStudyService<S, C> {
    inner: work_study::WorkStudyService<Inline<S>, C>,
}

impl<S: Store + WorkStudyStore + 'static, C: Clock> WorkStudyService<S, C> {
    pub(super) fn wrap(inner: work_study::WorkStudyService<Inline<S>, C>) -> Self {
        WorkStudyService { inner }
    }

    /// A service over `store`, with the embedded rule pack.
    ///
    /// # Example
    /// See [`WorkStudyService`].
    pub fn new(store: S, clock: C) -> Self {
        Self::wrap(work_study::WorkStudyService::new(Inline::new(store), clock))
    }

    /// The same service with another rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::{FixedClock, Store, work_study::WorkStudyStore};
    /// fn with_pack<S: Store + WorkStudyStore + 'static>(s: WorkStudyService<S, FixedClock>) -> WorkStudyService<S, FixedClock> {
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
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::{FixedClock, Store, work_study::WorkStudyStore};
    /// fn companies<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>) -> usize {
    ///     s.store().learning_companies().map(|c| c.len()).unwrap_or(0)
    /// }
    /// ```
    pub fn store(&self) -> &S {
        self.inner.store().inner()
    }

    /// Files a company's application for designation.
    ///
    /// Blocks on [`WorkStudyService::apply_for_designation`](crate::work_study::WorkStudyService::apply_for_designation), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::apply_for_designation`](crate::work_study::WorkStudyService::apply_for_designation).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{CompanyApplication, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn apply<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, a: &CompanyApplication) {
    ///     s.apply_for_designation(staff, &IdempotencyKey::new("apply-1").unwrap(), a).expect("filed");
    /// }
    /// ```
    pub fn apply_for_designation(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: &CompanyApplication,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        wait(self.inner.apply_for_designation(actor, key, application))
    }

    /// Records the on-site review (현장실사) of an applicant.
    ///
    /// Blocks on [`WorkStudyService::record_site_review`](crate::work_study::WorkStudyService::record_site_review), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::record_site_review`](crate::work_study::WorkStudyService::record_site_review).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{SiteReview, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn review<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, agency: &Actor, id: InstitutionId, r: &SiteReview) {
    ///     s.record_site_review(agency, &IdempotencyKey::new("review-1").unwrap(), id, r).expect("recorded");
    /// }
    /// ```
    pub fn record_site_review(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        company: InstitutionId,
        review: &SiteReview,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        wait(self.inner.record_site_review(actor, key, company, review))
    }

    /// Decides an applicant's designation today.
    ///
    /// Blocks on [`WorkStudyService::designate`](crate::work_study::WorkStudyService::designate), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::designate`](crate::work_study::WorkStudyService::designate).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::WorkStudyStore;
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn designate<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, agency: &Actor, id: InstitutionId) -> bool {
    ///     let company = s.designate(agency, &IdempotencyKey::new("designate-1").unwrap(), id).expect("decided");
    ///     company.value.latest_decision().is_some_and(|d| d.meets_requirements)
    /// }
    /// ```
    pub fn designate(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        company: InstitutionId,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        wait(self.inner.designate(actor, key, company))
    }

    /// Records a hearing (청문) of a designated company.
    ///
    /// Blocks on [`WorkStudyService::record_hearing`](crate::work_study::WorkStudyService::record_hearing), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::record_hearing`](crate::work_study::WorkStudyService::record_hearing).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{Hearing, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn hear<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, agency: &Actor, id: InstitutionId, h: &Hearing) {
    ///     s.record_hearing(agency, &IdempotencyKey::new("hearing-1").unwrap(), id, h).expect("recorded");
    /// }
    /// ```
    pub fn record_hearing(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        company: InstitutionId,
        hearing: &Hearing,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        wait(self.inner.record_hearing(actor, key, company, hearing))
    }

    /// Takes a measure the core allows against a designated company today.
    ///
    /// Blocks on [`WorkStudyService::take_measure`](crate::work_study::WorkStudyService::take_measure), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::take_measure`](crate::work_study::WorkStudyService::take_measure).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{MeasureOrder, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn measure<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, agency: &Actor, id: InstitutionId, o: &MeasureOrder) {
    ///     s.take_measure(agency, &IdempotencyKey::new("measure-1").unwrap(), id, o).expect("taken");
    /// }
    /// ```
    pub fn take_measure(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        company: InstitutionId,
        order: &MeasureOrder,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        wait(self.inner.take_measure(actor, key, company, order))
    }

    /// Registers a company field teacher the core qualifies.
    ///
    /// Blocks on [`WorkStudyService::register_field_teacher`](crate::work_study::WorkStudyService::register_field_teacher), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::register_field_teacher`](crate::work_study::WorkStudyService::register_field_teacher).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{NewFieldTeacher, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn register<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, t: &NewFieldTeacher) {
    ///     s.register_field_teacher(staff, &IdempotencyKey::new("teacher-1").unwrap(), t).expect("registered");
    /// }
    /// ```
    pub fn register_field_teacher(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        teacher: &NewFieldTeacher,
    ) -> Result<Versioned<FieldTeacher>, ServiceError> {
        wait(self.inner.register_field_teacher(actor, key, teacher))
    }

    /// Records a company field teacher's mandatory training.
    ///
    /// Blocks on [`WorkStudyService::record_teacher_training`](crate::work_study::WorkStudyService::record_teacher_training), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::record_teacher_training`](crate::work_study::WorkStudyService::record_teacher_training).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{TeacherTraining, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn trained<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, who: &PartyId, id: InstitutionId, t: &TeacherTraining) {
    ///     s.record_teacher_training(staff, &IdempotencyKey::new("training-1").unwrap(), who, id, t).expect("recorded");
    /// }
    /// ```
    pub fn record_teacher_training(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        teacher: &PartyId,
        company: InstitutionId,
        training: &TeacherTraining,
    ) -> Result<Versioned<FieldTeacher>, ServiceError> {
        wait(
            self.inner
                .record_teacher_training(actor, key, teacher, company, training),
        )
    }
}
