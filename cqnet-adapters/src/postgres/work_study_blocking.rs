//! [`WorkStudyStore`](cqnet_store::work_study::WorkStudyStore) on the blocking PostgreSQL store.

use cqnet_core::access::PartyId;
use cqnet_store::training::InstitutionId;
use cqnet_store::work_study::{
    CompanyApplication, ContractChange, ContractId, FieldTeacher, Hearing, Learner,
    LearningCompany, LearningContract, MeasureOrder, NewContract, NewFieldTeacher, NewProgramme,
    Programme, ProgrammeId, SiteReview, TeacherTraining, commands,
};
use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};

use super::super::exec::finish;
use super::super::transaction::PgTransaction;
use super::super::work_study as ws;
use super::PgStore;

impl cqnet_store::work_study::WorkStudyStore for PgStore {
    fn apply_for_designation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CompanyApplication,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.write(|s| {
            finish(commands::apply_for_designation(
                &mut PgTransaction::new(s),
                meta,
                key,
                application,
            ))
        })
    }

    fn record_site_review(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        review: &SiteReview,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.write(|s| {
            finish(commands::record_site_review(
                &mut PgTransaction::new(s),
                meta,
                key,
                company,
                review,
            ))
        })
    }

    fn designate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.write(|s| {
            finish(commands::designate(
                &mut PgTransaction::new(s),
                meta,
                key,
                company,
            ))
        })
    }

    fn record_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        hearing: &Hearing,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.write(|s| {
            finish(commands::record_hearing(
                &mut PgTransaction::new(s),
                meta,
                key,
                company,
                hearing,
            ))
        })
    }

    fn take_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        order: &MeasureOrder,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.write(|s| {
            finish(commands::take_measure(
                &mut PgTransaction::new(s),
                meta,
                key,
                company,
                order,
            ))
        })
    }

    fn register_field_teacher(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &NewFieldTeacher,
    ) -> StoreResult<Versioned<FieldTeacher>> {
        self.write(|s| {
            finish(commands::register_field_teacher(
                &mut PgTransaction::new(s),
                meta,
                key,
                teacher,
            ))
        })
    }

    fn record_teacher_training(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &PartyId,
        company: InstitutionId,
        training: &TeacherTraining,
    ) -> StoreResult<Versioned<FieldTeacher>> {
        self.write(|s| {
            finish(commands::record_teacher_training(
                &mut PgTransaction::new(s),
                meta,
                key,
                teacher,
                company,
                training,
            ))
        })
    }

    fn learning_company(&self, company: InstitutionId) -> StoreResult<Versioned<LearningCompany>> {
        self.read(|s| finish(ws::learning_company(s, company)))
    }

    fn learning_companies(&self) -> StoreResult<Vec<Versioned<LearningCompany>>> {
        self.read(|s| finish(ws::learning_companies(s)))
    }

    fn field_teacher(&self, teacher: &PartyId) -> StoreResult<Versioned<FieldTeacher>> {
        self.read(|s| finish(ws::field_teacher(s, teacher)))
    }

    fn field_teachers(&self, company: InstitutionId) -> StoreResult<Vec<Versioned<FieldTeacher>>> {
        self.read(|s| finish(ws::field_teachers(s, company)))
    }

    fn conclude_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: &NewContract,
    ) -> StoreResult<Versioned<LearningContract>> {
        self.write(|s| {
            finish(commands::conclude_contract(
                &mut PgTransaction::new(s),
                meta,
                key,
                contract,
            ))
        })
    }

    fn change_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: ContractId,
        change: &ContractChange,
    ) -> StoreResult<Versioned<LearningContract>> {
        self.write(|s| {
            finish(commands::change_contract(
                &mut PgTransaction::new(s),
                meta,
                key,
                contract,
                change,
            ))
        })
    }

    fn learner(&self, learner: &PartyId) -> StoreResult<Versioned<Learner>> {
        self.read(|s| finish(ws::learner(s, learner)))
    }

    fn learning_contract(&self, contract: ContractId) -> StoreResult<Versioned<LearningContract>> {
        self.read(|s| finish(ws::learning_contract(s, contract)))
    }

    fn learning_contracts(
        &self,
        company: InstitutionId,
    ) -> StoreResult<Vec<Versioned<LearningContract>>> {
        self.read(|s| finish(ws::learning_contracts(s, company)))
    }

    fn approve_programme(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        programme: &NewProgramme,
    ) -> StoreResult<Versioned<Programme>> {
        self.write(|s| {
            finish(commands::approve_programme(
                &mut PgTransaction::new(s),
                meta,
                key,
                programme,
            ))
        })
    }

    fn programme(&self, programme: ProgrammeId) -> StoreResult<Versioned<Programme>> {
        self.read(|s| finish(ws::programme(s, programme)))
    }

    fn programmes(&self, company: InstitutionId) -> StoreResult<Vec<Versioned<Programme>>> {
        self.read(|s| finish(ws::programmes(s, company)))
    }
}
