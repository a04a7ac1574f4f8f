//! The blocking [`WorkStudyService`]: the async [`crate::work_study::WorkStudyService`] over the
//! store's [`Inline`] view, each method driven to its answer.

use cqnet_core::access::PartyId;
use cqnet_core::rules::RulePack;

use super::wait;
use crate::training::{InstitutionId, ServiceError};
use crate::work_study::PartialCertificateRequest;
use crate::work_study::{
    self, CompanyApplication, ContractFilter, ContractId, ContractPage, ContractTermination,
    Conversion, ExtensionClaim, ExternalResultEntry, FieldTeacher, FieldTeacherPage, Hearing,
    InternalEvaluationEntry, LearningCompany, LearningContract, ListPage, MeasureOrder,
    NewContract, NewFieldTeacher, NewProgramme, OjtPermission, PassRecord, Programme, ProgrammeId,
    ProgrammePage, SiteReview, TeacherTraining, TermChangeRequest, TrainingDayEntry,
    WorkStudyStore,
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

    /// Concludes a learning-work contract (학습근로계약) with a designated company.
    ///
    /// Blocks on [`WorkStudyService::conclude_contract`](crate::work_study::WorkStudyService::conclude_contract), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::conclude_contract`](crate::work_study::WorkStudyService::conclude_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{NewContract, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, c: &NewContract) {
    ///     s.conclude_contract(staff, &IdempotencyKey::new("conclude_contract-1").unwrap(), c).expect("done");
    /// }
    /// ```
    pub fn conclude_contract(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: &NewContract,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(self.inner.conclude_contract(actor, key, contract))
    }

    /// Shortens or extends a contract's term with the learner's consent and the agency's approval.
    ///
    /// Blocks on [`WorkStudyService::change_contract_term`](crate::work_study::WorkStudyService::change_contract_term), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::change_contract_term`](crate::work_study::WorkStudyService::change_contract_term).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, TermChangeRequest, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, id: ContractId, r: &TermChangeRequest) {
    ///     s.change_contract_term(staff, &IdempotencyKey::new("change_contract_term-1").unwrap(), id, r).expect("done");
    /// }
    /// ```
    pub fn change_contract_term(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        request: &TermChangeRequest,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(
            self.inner
                .change_contract_term(actor, key, contract, request),
        )
    }

    /// Grants the extension owed after a failed external evaluation.
    ///
    /// Blocks on [`WorkStudyService::extend_contract`](crate::work_study::WorkStudyService::extend_contract), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::extend_contract`](crate::work_study::WorkStudyService::extend_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, ExtensionClaim, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, id: ContractId, c: &ExtensionClaim) {
    ///     s.extend_contract(staff, &IdempotencyKey::new("extend_contract-1").unwrap(), id, c).expect("done");
    /// }
    /// ```
    pub fn extend_contract(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        claim: &ExtensionClaim,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(self.inner.extend_contract(actor, key, contract, claim))
    }

    /// Terminates a contract for a just cause notified in writing.
    ///
    /// Blocks on [`WorkStudyService::terminate_contract`](crate::work_study::WorkStudyService::terminate_contract), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::terminate_contract`](crate::work_study::WorkStudyService::terminate_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, ContractTermination, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, id: ContractId, t: &ContractTermination) {
    ///     s.terminate_contract(staff, &IdempotencyKey::new("terminate_contract-1").unwrap(), id, t).expect("done");
    /// }
    /// ```
    pub fn terminate_contract(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        termination: &ContractTermination,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(
            self.inner
                .terminate_contract(actor, key, contract, termination),
        )
    }

    /// Records the learner's pass, which ends the contract and opens the conversion owed.
    ///
    /// Blocks on [`WorkStudyService::record_pass`](crate::work_study::WorkStudyService::record_pass), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::record_pass`](crate::work_study::WorkStudyService::record_pass).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, PassRecord, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, id: ContractId, p: &PassRecord) {
    ///     s.record_pass(staff, &IdempotencyKey::new("record_pass-1").unwrap(), id, p).expect("done");
    /// }
    /// ```
    pub fn record_pass(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        pass: &PassRecord,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(self.inner.record_pass(actor, key, contract, pass))
    }

    /// Records the external evaluation a learner sat; the core decides the pass by units.
    ///
    /// Blocks on [`WorkStudyService::record_external_result`](crate::work_study::WorkStudyService::record_external_result), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::record_external_result`](crate::work_study::WorkStudyService::record_external_result).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, ExternalResultEntry, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, agency: &Actor, id: ContractId, e: &ExternalResultEntry) {
    ///     s.record_external_result(agency, &IdempotencyKey::new("external-1").unwrap(), id, e).expect("done");
    /// }
    /// ```
    pub fn record_external_result(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        entry: &ExternalResultEntry,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(
            self.inner
                .record_external_result(actor, key, contract, entry),
        )
    }

    /// Issues the partial completion certificate a learner who left early asked for.
    ///
    /// Blocks on [`WorkStudyService::issue_partial_certificate`](crate::work_study::WorkStudyService::issue_partial_certificate), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::issue_partial_certificate`](crate::work_study::WorkStudyService::issue_partial_certificate).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, PartialCertificateRequest, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, id: ContractId, r: &PartialCertificateRequest) {
    ///     s.issue_partial_certificate(staff, &IdempotencyKey::new("partial-1").unwrap(), id, r).expect("done");
    /// }
    /// ```
    pub fn issue_partial_certificate(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        request: &PartialCertificateRequest,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(
            self.inner
                .issue_partial_certificate(actor, key, contract, request),
        )
    }

    /// Records the conversion of a learner who passed into an open-ended employee.
    ///
    /// Blocks on [`WorkStudyService::close_conversion`](crate::work_study::WorkStudyService::close_conversion), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::close_conversion`](crate::work_study::WorkStudyService::close_conversion).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, Conversion, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, id: ContractId, c: &Conversion) {
    ///     s.close_conversion(staff, &IdempotencyKey::new("close_conversion-1").unwrap(), id, c).expect("done");
    /// }
    /// ```
    pub fn close_conversion(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        conversion: &Conversion,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(
            self.inner
                .close_conversion(actor, key, contract, conversion),
        )
    }

    /// Carries a learner's programme on at another designated company.
    ///
    /// Blocks on [`WorkStudyService::transfer_contract`](crate::work_study::WorkStudyService::transfer_contract), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::transfer_contract`](crate::work_study::WorkStudyService::transfer_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{ContractId, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, id: ContractId, to: InstitutionId) {
    ///     s.transfer_contract(staff, &IdempotencyKey::new("transfer_contract-1").unwrap(), id, to).expect("done");
    /// }
    /// ```
    pub fn transfer_contract(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        to: InstitutionId,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(self.inner.transfer_contract(actor, key, contract, to))
    }

    /// Records a permission for night and holiday OJT.
    ///
    /// Blocks on [`WorkStudyService::record_ojt_permission`](crate::work_study::WorkStudyService::record_ojt_permission), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::record_ojt_permission`](crate::work_study::WorkStudyService::record_ojt_permission).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, OjtPermission, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, id: ContractId, p: &OjtPermission) {
    ///     s.record_ojt_permission(staff, &IdempotencyKey::new("record_ojt_permission-1").unwrap(), id, p).expect("done");
    /// }
    /// ```
    pub fn record_ojt_permission(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        permission: &OjtPermission,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(
            self.inner
                .record_ojt_permission(actor, key, contract, permission),
        )
    }

    /// Records one day of OJT or Off-JT in the contract's ledger.
    ///
    /// Blocks on [`WorkStudyService::record_training_day`](crate::work_study::WorkStudyService::record_training_day), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::record_training_day`](crate::work_study::WorkStudyService::record_training_day).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, TrainingDayEntry, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, id: ContractId, e: &TrainingDayEntry) {
    ///     s.record_training_day(staff, &IdempotencyKey::new("record_training_day-1").unwrap(), id, e).expect("done");
    /// }
    /// ```
    pub fn record_training_day(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        entry: &TrainingDayEntry,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(self.inner.record_training_day(actor, key, contract, entry))
    }

    /// Approves a work-study programme (일학습병행과정).
    ///
    /// Blocks on [`WorkStudyService::approve_programme`](crate::work_study::WorkStudyService::approve_programme), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::approve_programme`](crate::work_study::WorkStudyService::approve_programme).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{NewProgramme, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, agency: &Actor, p: &NewProgramme) {
    ///     s.approve_programme(agency, &IdempotencyKey::new("approve_programme-1").unwrap(), p).expect("done");
    /// }
    /// ```
    pub fn approve_programme(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        programme: &NewProgramme,
    ) -> Result<Versioned<Programme>, ServiceError> {
        wait(self.inner.approve_programme(actor, key, programme))
    }

    /// Records an internal evaluation (내부평가) of a unit of the company's programme.
    ///
    /// Blocks on [`WorkStudyService::record_internal_evaluation`](crate::work_study::WorkStudyService::record_internal_evaluation), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::record_internal_evaluation`](crate::work_study::WorkStudyService::record_internal_evaluation).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, InternalEvaluationEntry, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, staff: &Actor, id: ContractId, e: &InternalEvaluationEntry) {
    ///     s.record_internal_evaluation(staff, &IdempotencyKey::new("record_internal_evaluation-1").unwrap(), id, e).expect("done");
    /// }
    /// ```
    pub fn record_internal_evaluation(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        entry: &InternalEvaluationEntry,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(
            self.inner
                .record_internal_evaluation(actor, key, contract, entry),
        )
    }

    /// Issues the completion certificate (이수증명서) of a learner's programme.
    ///
    /// Blocks on [`WorkStudyService::issue_completion_certificate`](crate::work_study::WorkStudyService::issue_completion_certificate), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::issue_completion_certificate`](crate::work_study::WorkStudyService::issue_completion_certificate).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, IdempotencyKey, Store};
    /// fn run<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, employer: &Actor, id: ContractId) {
    ///     s.issue_completion_certificate(employer, &IdempotencyKey::new("issue_completion_certificate-1").unwrap(), id).expect("done");
    /// }
    /// ```
    pub fn issue_completion_certificate(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(
            self.inner
                .issue_completion_certificate(actor, key, contract),
        )
    }

    /// A learning company (학습기업), for its staff and the agency.
    ///
    /// Blocks on [`WorkStudyService::company`](crate::work_study::WorkStudyService::company), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::company`](crate::work_study::WorkStudyService::company).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::WorkStudyStore;
    /// use cqnet_store::{Actor, FixedClock, Store};
    /// fn read<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, who: &Actor, id: InstitutionId) {
    ///     s.company(who, id).expect("read");
    /// }
    /// ```
    pub fn company(
        &self,
        actor: &Actor,
        company: InstitutionId,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        wait(self.inner.company(actor, company))
    }

    /// A company field teacher (기업현장교사), for their company's staff and the agency.
    ///
    /// Blocks on [`WorkStudyService::field_teacher`](crate::work_study::WorkStudyService::field_teacher), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::field_teacher`](crate::work_study::WorkStudyService::field_teacher).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::WorkStudyStore;
    /// use cqnet_store::{Actor, FixedClock, Store};
    /// fn read<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, who: &Actor, id: &PartyId) {
    ///     s.field_teacher(who, id).expect("read");
    /// }
    /// ```
    pub fn field_teacher(
        &self,
        actor: &Actor,
        teacher: &PartyId,
    ) -> Result<Versioned<FieldTeacher>, ServiceError> {
        wait(self.inner.field_teacher(actor, teacher))
    }

    /// A learning-work contract (학습근로계약), for its company's staff, its learner and the
    /// agency.
    ///
    /// Blocks on [`WorkStudyService::contract`](crate::work_study::WorkStudyService::contract), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::contract`](crate::work_study::WorkStudyService::contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ContractId, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, Store};
    /// fn read<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, who: &Actor, id: ContractId) {
    ///     s.contract(who, id).expect("read");
    /// }
    /// ```
    pub fn contract(
        &self,
        actor: &Actor,
        contract: ContractId,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        wait(self.inner.contract(actor, contract))
    }

    /// An approved work-study programme (일학습병행과정), for its company's staff and the
    /// agency.
    ///
    /// Blocks on [`WorkStudyService::programme`](crate::work_study::WorkStudyService::programme), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::programme`](crate::work_study::WorkStudyService::programme).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::work_study::{ProgrammeId, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, Store};
    /// fn read<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, who: &Actor, id: ProgrammeId) {
    ///     s.programme(who, id).expect("read");
    /// }
    /// ```
    pub fn programme(
        &self,
        actor: &Actor,
        programme: ProgrammeId,
    ) -> Result<Versioned<Programme>, ServiceError> {
        wait(self.inner.programme(actor, programme))
    }

    /// One page of the learning-work contracts (학습근로계약) a company holds now, for its staff
    /// and the agency.
    ///
    /// Blocks on [`WorkStudyService::learning_contracts_of`](crate::work_study::WorkStudyService::learning_contracts_of), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::learning_contracts_of`](crate::work_study::WorkStudyService::learning_contracts_of).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{ContractFilter, ListPage, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, Store};
    /// fn every<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, who: &Actor, id: InstitutionId) -> usize {
    ///     let (mut page, mut count) = (ListPage::new(100).expect("a size"), 0);
    ///     loop {
    ///         let read = s.learning_contracts_of(who, id, &ContractFilter::default(), &page).expect("read");
    ///         count += read.items.len();
    ///         match read.next {
    ///             Some(next) => page = page.after(&next),
    ///             None => return count,
    ///         }
    ///     }
    /// }
    /// ```
    pub fn learning_contracts_of(
        &self,
        actor: &Actor,
        company: InstitutionId,
        filter: &ContractFilter,
        page: &ListPage<ContractId>,
    ) -> Result<ContractPage, ServiceError> {
        wait(
            self.inner
                .learning_contracts_of(actor, company, filter, page),
        )
    }

    /// One page of a company's approved work-study programmes (일학습병행과정), for its staff and
    /// the agency.
    ///
    /// Blocks on [`WorkStudyService::programmes_of`](crate::work_study::WorkStudyService::programmes_of), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::programmes_of`](crate::work_study::WorkStudyService::programmes_of).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{ListPage, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, Store};
    /// fn first<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, who: &Actor, id: InstitutionId) {
    ///     s.programmes_of(who, id, &ListPage::default()).expect("read");
    /// }
    /// ```
    pub fn programmes_of(
        &self,
        actor: &Actor,
        company: InstitutionId,
        page: &ListPage<ProgrammeId>,
    ) -> Result<ProgrammePage, ServiceError> {
        wait(self.inner.programmes_of(actor, company, page))
    }

    /// One page of a company's field teachers (기업현장교사), for its staff and the agency.
    ///
    /// Blocks on [`WorkStudyService::field_teachers_of`](crate::work_study::WorkStudyService::field_teachers_of), which holds the details.
    ///
    /// # Errors
    /// As [`WorkStudyService::field_teachers_of`](crate::work_study::WorkStudyService::field_teachers_of).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::WorkStudyService;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{ListPage, WorkStudyStore};
    /// use cqnet_store::{Actor, FixedClock, Store};
    /// fn first<S: Store + WorkStudyStore + 'static>(s: &WorkStudyService<S, FixedClock>, who: &Actor, id: InstitutionId) {
    ///     s.field_teachers_of(who, id, &ListPage::default()).expect("read");
    /// }
    /// ```
    pub fn field_teachers_of(
        &self,
        actor: &Actor,
        company: InstitutionId,
        page: &ListPage<PartyId>,
    ) -> Result<FieldTeacherPage, ServiceError> {
        wait(self.inner.field_teachers_of(actor, company, page))
    }
}
