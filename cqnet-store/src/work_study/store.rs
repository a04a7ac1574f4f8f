//! The storage traits of learning companies and their field teachers, blocking and async.

use std::future::Future;

use cqnet_core::access::PartyId;

use super::ContractChange;
use super::learners::*;
use super::programmes::*;
use super::records::*;
use crate::Inline;
use crate::StoreResult;
use crate::training::InstitutionId;
use crate::{CommandMeta, IdempotencyKey, Versioned};

/// The learning companies (학습기업) and company field teachers (기업현장교사), blocking.
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
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::work_study::WorkStudyStore;
/// fn teachers(store: &dyn WorkStudyStore, company: InstitutionId) -> cqnet_store::StoreResult<usize> {
///     Ok(store.field_teachers(company)?.len())
/// }
/// ```
pub trait WorkStudyStore: crate::Store {
    /// Files a company's application for designation.
    ///
    /// # Errors
    /// As [`commands::apply_for_designation`](super::commands::apply_for_designation).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::work_study::{CompanyApplication, LearningCompany, WorkStudyStore};
    /// fn apply(store: &dyn WorkStudyStore, meta: &CommandMeta, key: &IdempotencyKey, a: &CompanyApplication) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.apply_for_designation(meta, key, a)
    /// }
    /// ```
    fn apply_for_designation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CompanyApplication,
    ) -> StoreResult<Versioned<LearningCompany>>;

    /// Records the on-site review (현장실사) of an applicant.
    ///
    /// # Errors
    /// As [`commands::record_site_review`](super::commands::record_site_review).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{LearningCompany, SiteReview, WorkStudyStore};
    /// fn review(store: &dyn WorkStudyStore, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId, r: &SiteReview) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.record_site_review(meta, key, id, r)
    /// }
    /// ```
    fn record_site_review(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        review: &SiteReview,
    ) -> StoreResult<Versioned<LearningCompany>>;

    /// Decides an applicant's designation with the core and records the decision.
    ///
    /// # Errors
    /// As [`commands::designate`](super::commands::designate).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{LearningCompany, WorkStudyStore};
    /// fn designate(store: &dyn WorkStudyStore, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.designate(meta, key, id)
    /// }
    /// ```
    fn designate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
    ) -> StoreResult<Versioned<LearningCompany>>;

    /// Records a hearing (청문) of a designated company.
    ///
    /// # Errors
    /// As [`commands::record_hearing`](super::commands::record_hearing).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{Hearing, LearningCompany, WorkStudyStore};
    /// fn hear(store: &dyn WorkStudyStore, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId, h: &Hearing) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.record_hearing(meta, key, id, h)
    /// }
    /// ```
    fn record_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        hearing: &Hearing,
    ) -> StoreResult<Versioned<LearningCompany>>;

    /// Takes a measure the core allows against a designated company.
    ///
    /// # Errors
    /// As [`commands::take_measure`](super::commands::take_measure).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{LearningCompany, MeasureOrder, WorkStudyStore};
    /// fn measure(store: &dyn WorkStudyStore, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId, o: &MeasureOrder) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.take_measure(meta, key, id, o)
    /// }
    /// ```
    fn take_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        order: &MeasureOrder,
    ) -> StoreResult<Versioned<LearningCompany>>;

    /// Registers a company field teacher the core qualifies.
    ///
    /// # Errors
    /// As [`commands::register_field_teacher`](super::commands::register_field_teacher).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::work_study::{FieldTeacher, NewFieldTeacher, WorkStudyStore};
    /// fn register(store: &dyn WorkStudyStore, meta: &CommandMeta, key: &IdempotencyKey, t: &NewFieldTeacher) -> StoreResult<Versioned<FieldTeacher>> {
    ///     store.register_field_teacher(meta, key, t)
    /// }
    /// ```
    fn register_field_teacher(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &NewFieldTeacher,
    ) -> StoreResult<Versioned<FieldTeacher>>;

    /// Records a company field teacher's mandatory training.
    ///
    /// # Errors
    /// As [`commands::record_teacher_training`](super::commands::record_teacher_training).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{FieldTeacher, TeacherTraining, WorkStudyStore};
    /// fn trained(store: &dyn WorkStudyStore, meta: &CommandMeta, key: &IdempotencyKey, who: &PartyId, company: InstitutionId, t: &TeacherTraining) -> StoreResult<Versioned<FieldTeacher>> {
    ///     store.record_teacher_training(meta, key, who, company, t)
    /// }
    /// ```
    fn record_teacher_training(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &PartyId,
        company: InstitutionId,
        training: &TeacherTraining,
    ) -> StoreResult<Versioned<FieldTeacher>>;

    /// A learning company with its whole history.
    ///
    /// # Errors
    /// `NotFound` for a company that never applied.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{LearningCompany, WorkStudyStore};
    /// fn company(store: &dyn WorkStudyStore, id: InstitutionId) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.learning_company(id)
    /// }
    /// ```
    fn learning_company(&self, company: InstitutionId) -> StoreResult<Versioned<LearningCompany>>;

    /// Every learning company, by institution id.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::work_study::{LearningCompany, WorkStudyStore};
    /// fn companies(store: &dyn WorkStudyStore) -> StoreResult<Vec<Versioned<LearningCompany>>> {
    ///     store.learning_companies()
    /// }
    /// ```
    fn learning_companies(&self) -> StoreResult<Vec<Versioned<LearningCompany>>>;

    /// A company field teacher.
    ///
    /// # Errors
    /// `NotFound` for a teacher never registered.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::work_study::{FieldTeacher, WorkStudyStore};
    /// fn teacher(store: &dyn WorkStudyStore, id: &PartyId) -> StoreResult<Versioned<FieldTeacher>> {
    ///     store.field_teacher(id)
    /// }
    /// ```
    fn field_teacher(&self, teacher: &PartyId) -> StoreResult<Versioned<FieldTeacher>>;

    /// The field teachers of a company, by identifier.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// See [`WorkStudyStore`].
    fn field_teachers(&self, company: InstitutionId) -> StoreResult<Vec<Versioned<FieldTeacher>>>;

    /// Concludes a learning-work contract (학습근로계약) with a designated company.
    ///
    /// # Errors
    /// As [`commands::conclude_contract`](super::commands::conclude_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::work_study::{LearningContract, NewContract, WorkStudyStore};
    /// fn conclude(store: &dyn WorkStudyStore, meta: &CommandMeta, key: &IdempotencyKey, c: &NewContract) -> StoreResult<Versioned<LearningContract>> {
    ///     store.conclude_contract(meta, key, c)
    /// }
    /// ```
    fn conclude_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: &NewContract,
    ) -> StoreResult<Versioned<LearningContract>>;

    /// Changes a learning-work contract: its term, an owed extension, a termination, the pass
    /// and the conversion, a transfer, a permission or a day of its ledger.
    ///
    /// # Errors
    /// As [`commands::change_contract`](super::commands::change_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::work_study::{ContractChange, ContractId, LearningContract, WorkStudyStore};
    /// fn change(store: &dyn WorkStudyStore, meta: &CommandMeta, key: &IdempotencyKey, id: ContractId, c: &ContractChange) -> StoreResult<Versioned<LearningContract>> {
    ///     store.change_contract(meta, key, id, c)
    /// }
    /// ```
    fn change_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: ContractId,
        change: &ContractChange,
    ) -> StoreResult<Versioned<LearningContract>>;

    /// A learning worker and the contracts they held.
    ///
    /// # Errors
    /// `NotFound` for a learner never under contract.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::work_study::{Learner, WorkStudyStore};
    /// fn learner(store: &dyn WorkStudyStore, id: &PartyId) -> StoreResult<Versioned<Learner>> {
    ///     store.learner(id)
    /// }
    /// ```
    fn learner(&self, learner: &PartyId) -> StoreResult<Versioned<Learner>>;

    /// A learning-work contract with its whole history.
    ///
    /// # Errors
    /// `NotFound` for a contract never concluded.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::work_study::{ContractId, LearningContract, WorkStudyStore};
    /// fn contract(store: &dyn WorkStudyStore, id: ContractId) -> StoreResult<Versioned<LearningContract>> {
    ///     store.learning_contract(id)
    /// }
    /// ```
    fn learning_contract(&self, contract: ContractId) -> StoreResult<Versioned<LearningContract>>;

    /// The learning-work contracts a company holds now, by identifier (those with an open
    /// conversion are [`LearningContract::conversion_open`]).
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::WorkStudyStore;
    /// fn conversions_owed(store: &dyn WorkStudyStore, company: InstitutionId) -> StoreResult<usize> {
    ///     Ok(store.learning_contracts(company)?.iter().filter(|c| c.value.conversion_open()).count())
    /// }
    /// ```
    fn learning_contracts(
        &self,
        company: InstitutionId,
    ) -> StoreResult<Vec<Versioned<LearningContract>>>;

    /// Approves a work-study programme (일학습병행과정) of a designated company against its
    /// occupation's training standard (교육훈련기준).
    ///
    /// # Errors
    /// As [`commands::approve_programme`](super::commands::approve_programme).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::work_study::{NewProgramme, Programme, WorkStudyStore};
    /// fn approve(store: &dyn WorkStudyStore, meta: &CommandMeta, key: &IdempotencyKey, p: &NewProgramme) -> StoreResult<Versioned<Programme>> {
    ///     store.approve_programme(meta, key, p)
    /// }
    /// ```
    fn approve_programme(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        programme: &NewProgramme,
    ) -> StoreResult<Versioned<Programme>>;

    /// An approved programme.
    ///
    /// # Errors
    /// `NotFound` for a programme never approved.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::work_study::{Programme, ProgrammeId, WorkStudyStore};
    /// fn programme(store: &dyn WorkStudyStore, id: ProgrammeId) -> StoreResult<Versioned<Programme>> {
    ///     store.programme(id)
    /// }
    /// ```
    fn programme(&self, programme: ProgrammeId) -> StoreResult<Versioned<Programme>>;

    /// The approved programmes of a company, by identifier.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::WorkStudyStore;
    /// fn approved(store: &dyn WorkStudyStore, company: InstitutionId) -> StoreResult<usize> {
    ///     Ok(store.programmes(company)?.len())
    /// }
    /// ```
    fn programmes(&self, company: InstitutionId) -> StoreResult<Vec<Versioned<Programme>>>;
}

/// The async twin of [`WorkStudyStore`]: the same methods, returning futures that are `Send`.
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::work_study::AsyncWorkStudyStore;
/// async fn teachers<S: AsyncWorkStudyStore>(store: &S, company: InstitutionId) -> cqnet_store::StoreResult<usize> {
///     Ok(store.field_teachers(company).await?.len())
/// }
/// ```
pub trait AsyncWorkStudyStore: Send + Sync {
    /// Files a company's application for designation.
    ///
    /// The async twin of [`WorkStudyStore::apply_for_designation`]: the same command, without
    /// blocking the caller.
    ///
    /// # Errors
    /// As [`commands::apply_for_designation`](super::commands::apply_for_designation).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, CompanyApplication, LearningCompany};
    /// async fn apply<S: AsyncWorkStudyStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, a: &CompanyApplication) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.apply_for_designation(meta, key, a).await
    /// }
    /// ```
    fn apply_for_designation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CompanyApplication,
    ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send;

    /// Records the on-site review (현장실사) of an applicant.
    ///
    /// The async twin of [`WorkStudyStore::record_site_review`].
    ///
    /// # Errors
    /// As [`commands::record_site_review`](super::commands::record_site_review).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, LearningCompany, SiteReview};
    /// async fn review<S: AsyncWorkStudyStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId, r: &SiteReview) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.record_site_review(meta, key, id, r).await
    /// }
    /// ```
    fn record_site_review(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        review: &SiteReview,
    ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send;

    /// Decides an applicant's designation with the core and records the decision.
    ///
    /// The async twin of [`WorkStudyStore::designate`].
    ///
    /// # Errors
    /// As [`commands::designate`](super::commands::designate).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, LearningCompany};
    /// async fn designate<S: AsyncWorkStudyStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.designate(meta, key, id).await
    /// }
    /// ```
    fn designate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
    ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send;

    /// Records a hearing (청문) of a designated company.
    ///
    /// The async twin of [`WorkStudyStore::record_hearing`].
    ///
    /// # Errors
    /// As [`commands::record_hearing`](super::commands::record_hearing).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, Hearing, LearningCompany};
    /// async fn hear<S: AsyncWorkStudyStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId, h: &Hearing) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.record_hearing(meta, key, id, h).await
    /// }
    /// ```
    fn record_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        hearing: &Hearing,
    ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send;

    /// Takes a measure the core allows against a designated company.
    ///
    /// The async twin of [`WorkStudyStore::take_measure`].
    ///
    /// # Errors
    /// As [`commands::take_measure`](super::commands::take_measure).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, LearningCompany, MeasureOrder};
    /// async fn measure<S: AsyncWorkStudyStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId, o: &MeasureOrder) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.take_measure(meta, key, id, o).await
    /// }
    /// ```
    fn take_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        order: &MeasureOrder,
    ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send;

    /// Registers a company field teacher the core qualifies.
    ///
    /// The async twin of [`WorkStudyStore::register_field_teacher`].
    ///
    /// # Errors
    /// As [`commands::register_field_teacher`](super::commands::register_field_teacher).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, FieldTeacher, NewFieldTeacher};
    /// async fn register<S: AsyncWorkStudyStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, t: &NewFieldTeacher) -> StoreResult<Versioned<FieldTeacher>> {
    ///     store.register_field_teacher(meta, key, t).await
    /// }
    /// ```
    fn register_field_teacher(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &NewFieldTeacher,
    ) -> impl Future<Output = StoreResult<Versioned<FieldTeacher>>> + Send;

    /// Records a company field teacher's mandatory training.
    ///
    /// The async twin of [`WorkStudyStore::record_teacher_training`].
    ///
    /// # Errors
    /// As [`commands::record_teacher_training`](super::commands::record_teacher_training).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, FieldTeacher, TeacherTraining};
    /// async fn trained<S: AsyncWorkStudyStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, who: &PartyId, company: InstitutionId, t: &TeacherTraining) -> StoreResult<Versioned<FieldTeacher>> {
    ///     store.record_teacher_training(meta, key, who, company, t).await
    /// }
    /// ```
    fn record_teacher_training(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &PartyId,
        company: InstitutionId,
        training: &TeacherTraining,
    ) -> impl Future<Output = StoreResult<Versioned<FieldTeacher>>> + Send;

    /// A learning company with its whole history.
    ///
    /// The async twin of [`WorkStudyStore::learning_company`].
    ///
    /// # Errors
    /// `NotFound` for a company that never applied.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, LearningCompany};
    /// async fn company<S: AsyncWorkStudyStore>(store: &S, id: InstitutionId) -> StoreResult<Versioned<LearningCompany>> {
    ///     store.learning_company(id).await
    /// }
    /// ```
    fn learning_company(
        &self,
        company: InstitutionId,
    ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send;

    /// Every learning company, by institution id.
    ///
    /// The async twin of [`WorkStudyStore::learning_companies`].
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, LearningCompany};
    /// async fn companies<S: AsyncWorkStudyStore>(store: &S) -> StoreResult<Vec<Versioned<LearningCompany>>> {
    ///     store.learning_companies().await
    /// }
    /// ```
    fn learning_companies(
        &self,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<LearningCompany>>>> + Send;

    /// A company field teacher.
    ///
    /// The async twin of [`WorkStudyStore::field_teacher`].
    ///
    /// # Errors
    /// `NotFound` for a teacher never registered.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, FieldTeacher};
    /// async fn teacher<S: AsyncWorkStudyStore>(store: &S, id: &PartyId) -> StoreResult<Versioned<FieldTeacher>> {
    ///     store.field_teacher(id).await
    /// }
    /// ```
    fn field_teacher(
        &self,
        teacher: &PartyId,
    ) -> impl Future<Output = StoreResult<Versioned<FieldTeacher>>> + Send;

    /// The field teachers of a company, by identifier.
    ///
    /// The async twin of [`WorkStudyStore::field_teachers`].
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// See [`AsyncWorkStudyStore`].
    fn field_teachers(
        &self,
        company: InstitutionId,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<FieldTeacher>>>> + Send;

    /// Concludes a learning-work contract (학습근로계약) with a designated company.
    ///
    /// The async twin of [`WorkStudyStore::conclude_contract`].
    ///
    /// # Errors
    /// As [`commands::conclude_contract`](super::commands::conclude_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, LearningContract, NewContract};
    /// async fn conclude<S: AsyncWorkStudyStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, c: &NewContract) -> StoreResult<Versioned<LearningContract>> {
    ///     store.conclude_contract(meta, key, c).await
    /// }
    /// ```
    fn conclude_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: &NewContract,
    ) -> impl Future<Output = StoreResult<Versioned<LearningContract>>> + Send;

    /// Changes a learning-work contract.
    ///
    /// The async twin of [`WorkStudyStore::change_contract`].
    ///
    /// # Errors
    /// As [`commands::change_contract`](super::commands::change_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractChange, ContractId, LearningContract};
    /// async fn change<S: AsyncWorkStudyStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, id: ContractId, c: &ContractChange) -> StoreResult<Versioned<LearningContract>> {
    ///     store.change_contract(meta, key, id, c).await
    /// }
    /// ```
    fn change_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: ContractId,
        change: &ContractChange,
    ) -> impl Future<Output = StoreResult<Versioned<LearningContract>>> + Send;

    /// A learning worker and the contracts they held.
    ///
    /// The async twin of [`WorkStudyStore::learner`].
    ///
    /// # Errors
    /// `NotFound` for a learner never under contract.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, Learner};
    /// async fn learner<S: AsyncWorkStudyStore>(store: &S, id: &PartyId) -> StoreResult<Versioned<Learner>> {
    ///     store.learner(id).await
    /// }
    /// ```
    fn learner(
        &self,
        learner: &PartyId,
    ) -> impl Future<Output = StoreResult<Versioned<Learner>>> + Send;

    /// A learning-work contract with its whole history.
    ///
    /// The async twin of [`WorkStudyStore::learning_contract`].
    ///
    /// # Errors
    /// `NotFound` for a contract never concluded.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, LearningContract};
    /// async fn contract<S: AsyncWorkStudyStore>(store: &S, id: ContractId) -> StoreResult<Versioned<LearningContract>> {
    ///     store.learning_contract(id).await
    /// }
    /// ```
    fn learning_contract(
        &self,
        contract: ContractId,
    ) -> impl Future<Output = StoreResult<Versioned<LearningContract>>> + Send;

    /// The learning-work contracts a company holds now, by identifier.
    ///
    /// The async twin of [`WorkStudyStore::learning_contracts`].
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::AsyncWorkStudyStore;
    /// async fn held<S: AsyncWorkStudyStore>(store: &S, company: InstitutionId) -> StoreResult<usize> {
    ///     Ok(store.learning_contracts(company).await?.len())
    /// }
    /// ```
    fn learning_contracts(
        &self,
        company: InstitutionId,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<LearningContract>>>> + Send;

    /// Approves a work-study programme (일학습병행과정).
    ///
    /// The async twin of [`WorkStudyStore::approve_programme`].
    ///
    /// # Errors
    /// As [`commands::approve_programme`](super::commands::approve_programme).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, NewProgramme, Programme};
    /// async fn approve<S: AsyncWorkStudyStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, p: &NewProgramme) -> StoreResult<Versioned<Programme>> {
    ///     store.approve_programme(meta, key, p).await
    /// }
    /// ```
    fn approve_programme(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        programme: &NewProgramme,
    ) -> impl Future<Output = StoreResult<Versioned<Programme>>> + Send;

    /// An approved programme.
    ///
    /// The async twin of [`WorkStudyStore::programme`].
    ///
    /// # Errors
    /// `NotFound` for a programme never approved.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, Programme, ProgrammeId};
    /// async fn programme<S: AsyncWorkStudyStore>(store: &S, id: ProgrammeId) -> StoreResult<Versioned<Programme>> {
    ///     store.programme(id).await
    /// }
    /// ```
    fn programme(
        &self,
        programme: ProgrammeId,
    ) -> impl Future<Output = StoreResult<Versioned<Programme>>> + Send;

    /// The approved programmes of a company, by identifier.
    ///
    /// The async twin of [`WorkStudyStore::programmes`].
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::AsyncWorkStudyStore;
    /// async fn approved<S: AsyncWorkStudyStore>(store: &S, company: InstitutionId) -> StoreResult<usize> {
    ///     Ok(store.programmes(company).await?.len())
    /// }
    /// ```
    fn programmes(
        &self,
        company: InstitutionId,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Programme>>>> + Send;
}

/// Implements [`AsyncWorkStudyStore`] for a wrapper with a `run` method, as
/// [`forward_async_exam_store!`](crate::forward_async_exam_store) does for the exam rounds.
///
/// # Example
/// ```text
/// cqnet_store::forward_async_work_study_store!(SpawnBlocking);
/// ```
#[macro_export]
macro_rules! forward_async_work_study_store {
    ($wrapper:ident) => {
        const _: () = {
            use ::cqnet_core::access::PartyId;
            use ::std::future::Future;
            use $crate::training::InstitutionId;
            use $crate::work_study::*;
            use $crate::{CommandMeta, IdempotencyKey, StoreResult, Versioned};

            impl<S: $crate::work_study::WorkStudyStore + 'static>
                $crate::work_study::AsyncWorkStudyStore for $wrapper<S>
            {
                fn apply_for_designation(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    application: &CompanyApplication,
                ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send {
                    let (meta, key, a) = (meta.clone(), key.clone(), *application);
                    self.run(move |s| WorkStudyStore::apply_for_designation(s, &meta, &key, &a))
                }
                fn record_site_review(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    company: InstitutionId,
                    review: &SiteReview,
                ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send {
                    let (meta, key, r) = (meta.clone(), key.clone(), *review);
                    self.run(move |s| {
                        WorkStudyStore::record_site_review(s, &meta, &key, company, &r)
                    })
                }
                fn designate(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    company: InstitutionId,
                ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send {
                    let (meta, key) = (meta.clone(), key.clone());
                    self.run(move |s| WorkStudyStore::designate(s, &meta, &key, company))
                }
                fn record_hearing(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    company: InstitutionId,
                    hearing: &Hearing,
                ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send {
                    let (meta, key, h) = (meta.clone(), key.clone(), *hearing);
                    self.run(move |s| WorkStudyStore::record_hearing(s, &meta, &key, company, &h))
                }
                fn take_measure(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    company: InstitutionId,
                    order: &MeasureOrder,
                ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send {
                    let (meta, key, o) = (meta.clone(), key.clone(), order.clone());
                    self.run(move |s| WorkStudyStore::take_measure(s, &meta, &key, company, &o))
                }
                fn register_field_teacher(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    teacher: &NewFieldTeacher,
                ) -> impl Future<Output = StoreResult<Versioned<FieldTeacher>>> + Send {
                    let (meta, key, t) = (meta.clone(), key.clone(), teacher.clone());
                    self.run(move |s| WorkStudyStore::register_field_teacher(s, &meta, &key, &t))
                }
                fn record_teacher_training(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    teacher: &PartyId,
                    company: InstitutionId,
                    training: &TeacherTraining,
                ) -> impl Future<Output = StoreResult<Versioned<FieldTeacher>>> + Send {
                    let (meta, key, who, t) =
                        (meta.clone(), key.clone(), teacher.clone(), *training);
                    self.run(move |s| {
                        WorkStudyStore::record_teacher_training(s, &meta, &key, &who, company, &t)
                    })
                }
                fn learning_company(
                    &self,
                    company: InstitutionId,
                ) -> impl Future<Output = StoreResult<Versioned<LearningCompany>>> + Send {
                    self.run(move |s| WorkStudyStore::learning_company(s, company))
                }
                fn learning_companies(
                    &self,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<LearningCompany>>>> + Send
                {
                    self.run(move |s| WorkStudyStore::learning_companies(s))
                }
                fn field_teacher(
                    &self,
                    teacher: &PartyId,
                ) -> impl Future<Output = StoreResult<Versioned<FieldTeacher>>> + Send {
                    let who = teacher.clone();
                    self.run(move |s| WorkStudyStore::field_teacher(s, &who))
                }
                fn field_teachers(
                    &self,
                    company: InstitutionId,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<FieldTeacher>>>> + Send
                {
                    self.run(move |s| WorkStudyStore::field_teachers(s, company))
                }
                fn conclude_contract(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    contract: &NewContract,
                ) -> impl Future<Output = StoreResult<Versioned<LearningContract>>> + Send {
                    let (meta, key, c) = (meta.clone(), key.clone(), contract.clone());
                    self.run(move |s| WorkStudyStore::conclude_contract(s, &meta, &key, &c))
                }
                fn change_contract(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    contract: ContractId,
                    change: &ContractChange,
                ) -> impl Future<Output = StoreResult<Versioned<LearningContract>>> + Send {
                    let (meta, key, c) = (meta.clone(), key.clone(), change.clone());
                    self.run(move |s| WorkStudyStore::change_contract(s, &meta, &key, contract, &c))
                }
                fn learner(
                    &self,
                    learner: &PartyId,
                ) -> impl Future<Output = StoreResult<Versioned<Learner>>> + Send {
                    let who = learner.clone();
                    self.run(move |s| WorkStudyStore::learner(s, &who))
                }
                fn learning_contract(
                    &self,
                    contract: ContractId,
                ) -> impl Future<Output = StoreResult<Versioned<LearningContract>>> + Send {
                    self.run(move |s| WorkStudyStore::learning_contract(s, contract))
                }
                fn learning_contracts(
                    &self,
                    company: InstitutionId,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<LearningContract>>>> + Send
                {
                    self.run(move |s| WorkStudyStore::learning_contracts(s, company))
                }
                fn approve_programme(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    programme: &NewProgramme,
                ) -> impl Future<Output = StoreResult<Versioned<Programme>>> + Send {
                    let (meta, key, p) = (meta.clone(), key.clone(), programme.clone());
                    self.run(move |s| WorkStudyStore::approve_programme(s, &meta, &key, &p))
                }
                fn programme(
                    &self,
                    programme: ProgrammeId,
                ) -> impl Future<Output = StoreResult<Versioned<Programme>>> + Send {
                    self.run(move |s| WorkStudyStore::programme(s, programme))
                }
                fn programmes(
                    &self,
                    company: InstitutionId,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<Programme>>>> + Send {
                    self.run(move |s| WorkStudyStore::programmes(s, company))
                }
            }
        };
    };
}

crate::forward_async_work_study_store!(Inline);
