//! [`AsyncWorkStudyStore`](cqnet_store::work_study::AsyncWorkStudyStore) on the async
//! PostgreSQL store: every round trip awaited.

use cqnet_core::access::PartyId;
use cqnet_store::training::InstitutionId;
use cqnet_store::work_study::{
    CompanyApplication, ContractChange, ContractId, FieldTeacher, Hearing, Learner,
    LearningCompany, LearningContract, MeasureOrder, NewContract, NewFieldTeacher, NewProgramme,
    Programme, ProgrammeId, SiteReview, TeacherTraining, commands,
};
use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
use tokio_postgres::IsolationLevel;

use super::super::exec::{AsyncSession, Next, PgError, backoff, settle};
use super::super::transaction::PgTransaction;
use super::super::work_study as ws;
use super::AsyncPgStore;

impl cqnet_store::work_study::AsyncWorkStudyStore for AsyncPgStore {
    async fn apply_for_designation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CompanyApplication,
    ) -> StoreResult<Versioned<LearningCompany>> {
        write_tx!(self, |s| commands::apply_for_designation(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            application
        ))
    }

    async fn record_site_review(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        review: &SiteReview,
    ) -> StoreResult<Versioned<LearningCompany>> {
        write_tx!(self, |s| commands::record_site_review(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            company,
            review
        ))
    }

    async fn designate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
    ) -> StoreResult<Versioned<LearningCompany>> {
        write_tx!(self, |s| commands::designate(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            company
        ))
    }

    async fn record_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        hearing: &Hearing,
    ) -> StoreResult<Versioned<LearningCompany>> {
        write_tx!(self, |s| commands::record_hearing(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            company,
            hearing
        ))
    }

    async fn take_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        order: &MeasureOrder,
    ) -> StoreResult<Versioned<LearningCompany>> {
        write_tx!(self, |s| commands::take_measure(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            company,
            order
        ))
    }

    async fn register_field_teacher(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &NewFieldTeacher,
    ) -> StoreResult<Versioned<FieldTeacher>> {
        write_tx!(self, |s| commands::register_field_teacher(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            teacher
        ))
    }

    async fn record_teacher_training(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &PartyId,
        company: InstitutionId,
        training: &TeacherTraining,
    ) -> StoreResult<Versioned<FieldTeacher>> {
        write_tx!(self, |s| commands::record_teacher_training(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            teacher,
            company,
            training
        ))
    }

    async fn learning_company(
        &self,
        company: InstitutionId,
    ) -> StoreResult<Versioned<LearningCompany>> {
        read!(self, |s| ws::learning_company(&mut s, company))
    }

    async fn learning_companies(&self) -> StoreResult<Vec<Versioned<LearningCompany>>> {
        read!(self, |s| ws::learning_companies(&mut s))
    }

    async fn field_teacher(&self, teacher: &PartyId) -> StoreResult<Versioned<FieldTeacher>> {
        read!(self, |s| ws::field_teacher(&mut s, teacher))
    }

    async fn field_teachers(
        &self,
        company: InstitutionId,
    ) -> StoreResult<Vec<Versioned<FieldTeacher>>> {
        read!(self, |s| ws::field_teachers(&mut s, company))
    }

    async fn conclude_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: &NewContract,
    ) -> StoreResult<Versioned<LearningContract>> {
        write_tx!(self, |s| commands::conclude_contract(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            contract
        ))
    }

    async fn change_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: ContractId,
        change: &ContractChange,
    ) -> StoreResult<Versioned<LearningContract>> {
        write_tx!(self, |s| commands::change_contract(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            contract,
            change
        ))
    }

    async fn learner(&self, learner: &PartyId) -> StoreResult<Versioned<Learner>> {
        read!(self, |s| ws::learner(&mut s, learner))
    }

    async fn learning_contract(
        &self,
        contract: ContractId,
    ) -> StoreResult<Versioned<LearningContract>> {
        read!(self, |s| ws::learning_contract(&mut s, contract))
    }

    async fn learning_contracts(
        &self,
        company: InstitutionId,
    ) -> StoreResult<Vec<Versioned<LearningContract>>> {
        read!(self, |s| ws::learning_contracts(&mut s, company))
    }

    async fn approve_programme(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        programme: &NewProgramme,
    ) -> StoreResult<Versioned<Programme>> {
        write_tx!(self, |s| commands::approve_programme(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            programme
        ))
    }

    async fn programme(&self, programme: ProgrammeId) -> StoreResult<Versioned<Programme>> {
        read!(self, |s| ws::programme(&mut s, programme))
    }

    async fn programmes(&self, company: InstitutionId) -> StoreResult<Vec<Versioned<Programme>>> {
        read!(self, |s| ws::programmes(&mut s, company))
    }
}
