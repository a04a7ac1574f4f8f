//! The in-memory [`WorkStudyStore`]: learning companies and their field teachers in the same
//! state and behind the same mutex as the training records, so that a command and its audit
//! line are one step.

use std::collections::BTreeMap;

use cqnet_core::access::PartyId;
use cqnet_store::training::InstitutionId;
use cqnet_store::unit_of_work::{Lock, WorkStudyTransaction};
use cqnet_store::work_study::{
    CompanyApplication, ContractChange, ContractId, FieldTeacher, Hearing, Learner,
    LearningCompany, LearningContract, MeasureOrder, NewContract, NewFieldTeacher, NewProgramme,
    Programme, ProgrammeId, SiteReview, TeacherTraining, WorkStudyStore, commands,
};
use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Version, Versioned};

use super::transaction::{first, staged_or};
use super::{MemoryStore, MemoryTransaction};
use crate::shared::training::not_found;

#[derive(Default)]
pub(super) struct WorkStudyState {
    companies: BTreeMap<InstitutionId, Versioned<LearningCompany>>,
    teachers: BTreeMap<PartyId, Versioned<FieldTeacher>>,
    learners: BTreeMap<PartyId, Versioned<Learner>>,
    contracts: BTreeMap<ContractId, Versioned<LearningContract>>,
    programmes: BTreeMap<ProgrammeId, Versioned<Programme>>,
}

/// The work-study writes of a command, applied together when it succeeds.
#[derive(Default)]
pub(super) struct WorkStudyStaged {
    companies: BTreeMap<InstitutionId, Versioned<LearningCompany>>,
    teachers: BTreeMap<PartyId, Versioned<FieldTeacher>>,
    learners: BTreeMap<PartyId, Versioned<Learner>>,
    contracts: BTreeMap<ContractId, Versioned<LearningContract>>,
    programmes: BTreeMap<ProgrammeId, Versioned<Programme>>,
}

impl WorkStudyStaged {
    /// Applies the writes; nothing here can fail.
    pub(super) fn apply(self, state: &mut WorkStudyState) {
        state.companies.extend(self.companies);
        state.teachers.extend(self.teachers);
        state.learners.extend(self.learners);
        state.contracts.extend(self.contracts);
        state.programmes.extend(self.programmes);
    }
}

impl WorkStudyTransaction for MemoryTransaction<'_> {
    async fn learning_company(
        &mut self,
        company: InstitutionId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<LearningCompany>>> {
        let (staged, state) = (&self.staged().work_study, &self.state().work_study);
        Ok(staged_or(
            staged.companies.get(&company),
            state.companies.get(&company),
        ))
    }

    async fn insert_learning_company(&mut self, company: &LearningCompany) -> StoreResult<()> {
        self.staged_mut()
            .work_study
            .companies
            .insert(company.company, first(company));
        Ok(())
    }

    async fn replace_learning_company(
        &mut self,
        company: &LearningCompany,
        version: Version,
    ) -> StoreResult<()> {
        let value = company.clone();
        self.staged_mut()
            .work_study
            .companies
            .insert(company.company, Versioned { value, version });
        Ok(())
    }

    async fn field_teacher(
        &mut self,
        teacher: &PartyId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<FieldTeacher>>> {
        let (staged, state) = (&self.staged().work_study, &self.state().work_study);
        Ok(staged_or(
            staged.teachers.get(teacher),
            state.teachers.get(teacher),
        ))
    }

    async fn insert_field_teacher(&mut self, teacher: &FieldTeacher) -> StoreResult<()> {
        self.staged_mut()
            .work_study
            .teachers
            .insert(teacher.teacher.clone(), first(teacher));
        Ok(())
    }

    async fn replace_field_teacher(
        &mut self,
        teacher: &FieldTeacher,
        version: Version,
    ) -> StoreResult<()> {
        let value = teacher.clone();
        self.staged_mut()
            .work_study
            .teachers
            .insert(teacher.teacher.clone(), Versioned { value, version });
        Ok(())
    }

    async fn learner(
        &mut self,
        learner: &PartyId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<Learner>>> {
        let (staged, state) = (&self.staged().work_study, &self.state().work_study);
        Ok(staged_or(
            staged.learners.get(learner),
            state.learners.get(learner),
        ))
    }

    async fn insert_learner(&mut self, learner: &Learner) -> StoreResult<()> {
        self.staged_mut()
            .work_study
            .learners
            .insert(learner.learner.clone(), first(learner));
        Ok(())
    }

    async fn replace_learner(&mut self, learner: &Learner, version: Version) -> StoreResult<()> {
        let value = learner.clone();
        self.staged_mut()
            .work_study
            .learners
            .insert(learner.learner.clone(), Versioned { value, version });
        Ok(())
    }

    async fn learning_contract(
        &mut self,
        contract: ContractId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<LearningContract>>> {
        let (staged, state) = (&self.staged().work_study, &self.state().work_study);
        Ok(staged_or(
            staged.contracts.get(&contract),
            state.contracts.get(&contract),
        ))
    }

    async fn insert_learning_contract(&mut self, contract: &LearningContract) -> StoreResult<()> {
        self.staged_mut()
            .work_study
            .contracts
            .insert(contract.contract, first(contract));
        Ok(())
    }

    async fn replace_learning_contract(
        &mut self,
        contract: &LearningContract,
        version: Version,
    ) -> StoreResult<()> {
        let value = contract.clone();
        self.staged_mut()
            .work_study
            .contracts
            .insert(contract.contract, Versioned { value, version });
        Ok(())
    }

    async fn learning_contracts_of(
        &mut self,
        company: InstitutionId,
        _lock: Lock,
    ) -> StoreResult<Vec<Versioned<LearningContract>>> {
        let (staged, state) = (&self.staged().work_study, &self.state().work_study);
        let mut ids: Vec<ContractId> = state.contracts.keys().copied().collect();
        ids.extend(staged.contracts.keys().copied());
        ids.sort_unstable();
        ids.dedup();
        Ok(ids
            .into_iter()
            .filter_map(|id| staged_or(staged.contracts.get(&id), state.contracts.get(&id)))
            .filter(|c| c.value.company == company)
            .collect())
    }

    async fn programme(
        &mut self,
        programme: ProgrammeId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<Programme>>> {
        let (staged, state) = (&self.staged().work_study, &self.state().work_study);
        Ok(staged_or(
            staged.programmes.get(&programme),
            state.programmes.get(&programme),
        ))
    }

    async fn insert_programme(&mut self, programme: &Programme) -> StoreResult<()> {
        self.staged_mut()
            .work_study
            .programmes
            .insert(programme.programme, first(programme));
        Ok(())
    }
}

impl WorkStudyStore for MemoryStore {
    fn apply_for_designation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CompanyApplication,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.transact(async |tx| commands::apply_for_designation(tx, meta, key, application).await)
    }

    fn record_site_review(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        review: &SiteReview,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.transact(async |tx| commands::record_site_review(tx, meta, key, company, review).await)
    }

    fn designate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.transact(async |tx| commands::designate(tx, meta, key, company).await)
    }

    fn record_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        hearing: &Hearing,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.transact(async |tx| commands::record_hearing(tx, meta, key, company, hearing).await)
    }

    fn take_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        order: &MeasureOrder,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.transact(async |tx| commands::take_measure(tx, meta, key, company, order).await)
    }

    fn register_field_teacher(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &NewFieldTeacher,
    ) -> StoreResult<Versioned<FieldTeacher>> {
        self.transact(async |tx| commands::register_field_teacher(tx, meta, key, teacher).await)
    }

    fn record_teacher_training(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &PartyId,
        company: InstitutionId,
        training: &TeacherTraining,
    ) -> StoreResult<Versioned<FieldTeacher>> {
        self.transact(async |tx| {
            commands::record_teacher_training(tx, meta, key, teacher, company, training).await
        })
    }

    fn learning_company(&self, company: InstitutionId) -> StoreResult<Versioned<LearningCompany>> {
        self.lock()?
            .work_study
            .companies
            .get(&company)
            .cloned()
            .ok_or_else(|| not_found("learning company", company))
    }

    fn learning_companies(&self) -> StoreResult<Vec<Versioned<LearningCompany>>> {
        Ok(self
            .lock()?
            .work_study
            .companies
            .values()
            .cloned()
            .collect())
    }

    fn field_teacher(&self, teacher: &PartyId) -> StoreResult<Versioned<FieldTeacher>> {
        self.lock()?
            .work_study
            .teachers
            .get(teacher)
            .cloned()
            .ok_or_else(|| not_found("field teacher", teacher))
    }

    fn field_teachers(&self, company: InstitutionId) -> StoreResult<Vec<Versioned<FieldTeacher>>> {
        Ok(self
            .lock()?
            .work_study
            .teachers
            .values()
            .filter(|t| t.value.company == company)
            .cloned()
            .collect())
    }

    fn conclude_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: &NewContract,
    ) -> StoreResult<Versioned<LearningContract>> {
        self.transact(async |tx| commands::conclude_contract(tx, meta, key, contract).await)
    }

    fn change_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: ContractId,
        change: &ContractChange,
    ) -> StoreResult<Versioned<LearningContract>> {
        self.transact(async |tx| commands::change_contract(tx, meta, key, contract, change).await)
    }

    fn learner(&self, learner: &PartyId) -> StoreResult<Versioned<Learner>> {
        self.lock()?
            .work_study
            .learners
            .get(learner)
            .cloned()
            .ok_or_else(|| not_found("learner", learner))
    }

    fn learning_contract(&self, contract: ContractId) -> StoreResult<Versioned<LearningContract>> {
        self.lock()?
            .work_study
            .contracts
            .get(&contract)
            .cloned()
            .ok_or_else(|| not_found("learning contract", contract))
    }

    fn learning_contracts(
        &self,
        company: InstitutionId,
    ) -> StoreResult<Vec<Versioned<LearningContract>>> {
        Ok(self
            .lock()?
            .work_study
            .contracts
            .values()
            .filter(|c| c.value.company == company)
            .cloned()
            .collect())
    }

    fn approve_programme(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        programme: &NewProgramme,
    ) -> StoreResult<Versioned<Programme>> {
        self.transact(async |tx| commands::approve_programme(tx, meta, key, programme).await)
    }

    fn programme(&self, programme: ProgrammeId) -> StoreResult<Versioned<Programme>> {
        self.lock()?
            .work_study
            .programmes
            .get(&programme)
            .cloned()
            .ok_or_else(|| not_found("programme", programme))
    }

    fn programmes(&self, company: InstitutionId) -> StoreResult<Vec<Versioned<Programme>>> {
        Ok(self
            .lock()?
            .work_study
            .programmes
            .values()
            .filter(|p| p.value.company == company)
            .cloned()
            .collect())
    }
}
