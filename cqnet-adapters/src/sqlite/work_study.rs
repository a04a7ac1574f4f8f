//! The SQLite [`WorkStudyStore`]: one `IMMEDIATE` transaction per command, which SQLite runs one
//! at a time; the keys, checks and triggers of `0008_work_study.sql`,
//! `0010_work_study_learners.sql` and `0012_work_study_programmes.sql` stand behind the commands
//! (one row per company, teacher, contract and programme, none ever deleted, a teacher never
//! moved, a programme never changed).

use cqnet_core::access::PartyId;
use cqnet_store::training::InstitutionId;
use cqnet_store::unit_of_work::{Lock, WorkStudyTransaction};
use cqnet_store::work_study::{
    CompanyApplication, ContractChange, ContractId, FieldTeacher, Hearing, Learner,
    LearningCompany, LearningContract, MeasureOrder, NewContract, NewFieldTeacher, NewProgramme,
    Programme, ProgrammeId, SiteReview, TeacherTraining, WorkStudyStore, commands,
};
use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Version, Versioned};
use rusqlite::params;

use super::transaction::SqliteTransaction;
use super::{SqliteStore, exec, get_versioned, list_versioned};
use crate::SpawnBlocking;
use crate::shared::training::not_found;
use crate::shared::work_study::stmt;
use crate::sql;

cqnet_store::forward_async_work_study_store!(SpawnBlocking);

impl WorkStudyTransaction for SqliteTransaction<'_> {
    async fn learning_company(
        &mut self,
        company: InstitutionId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<LearningCompany>>> {
        get_versioned(
            self.conn(),
            stmt::COMPANY_GET,
            "learning company",
            &company.to_string(),
        )
    }

    async fn insert_learning_company(&mut self, company: &LearningCompany) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::COMPANY_INSERT,
            params![
                company.company.to_string(),
                company.status.code(),
                sql::version_column(Version::FIRST)?,
                sql::to_body(company)?
            ],
        )
        .map(drop)
    }

    async fn replace_learning_company(
        &mut self,
        company: &LearningCompany,
        version: Version,
    ) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::COMPANY_UPDATE,
            params![
                company.status.code(),
                sql::version_column(version)?,
                sql::to_body(company)?,
                company.company.to_string()
            ],
        )
        .map(drop)
    }

    async fn field_teacher(
        &mut self,
        teacher: &PartyId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<FieldTeacher>>> {
        get_versioned(
            self.conn(),
            stmt::TEACHER_GET,
            "field teacher",
            teacher.as_str(),
        )
    }

    async fn insert_field_teacher(&mut self, teacher: &FieldTeacher) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::TEACHER_INSERT,
            params![
                teacher.teacher.as_str(),
                teacher.company.to_string(),
                sql::version_column(Version::FIRST)?,
                sql::to_body(teacher)?
            ],
        )
        .map(drop)
    }

    async fn replace_field_teacher(
        &mut self,
        teacher: &FieldTeacher,
        version: Version,
    ) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::TEACHER_UPDATE,
            params![
                teacher.company.to_string(),
                sql::version_column(version)?,
                sql::to_body(teacher)?,
                teacher.teacher.as_str()
            ],
        )
        .map(drop)
    }

    async fn learner(
        &mut self,
        learner: &PartyId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<Learner>>> {
        get_versioned(self.conn(), stmt::LEARNER_GET, "learner", learner.as_str())
    }

    async fn insert_learner(&mut self, learner: &Learner) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::LEARNER_INSERT,
            params![
                learner.learner.as_str(),
                sql::version_column(Version::FIRST)?,
                sql::to_body(learner)?
            ],
        )
        .map(drop)
    }

    async fn replace_learner(&mut self, learner: &Learner, version: Version) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::LEARNER_UPDATE,
            params![
                sql::version_column(version)?,
                sql::to_body(learner)?,
                learner.learner.as_str()
            ],
        )
        .map(drop)
    }

    async fn learning_contract(
        &mut self,
        contract: ContractId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<LearningContract>>> {
        get_versioned(
            self.conn(),
            stmt::CONTRACT_GET,
            "learning contract",
            &contract.to_string(),
        )
    }

    async fn insert_learning_contract(&mut self, contract: &LearningContract) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::CONTRACT_INSERT,
            params![
                contract.contract.to_string(),
                contract.learner.as_str(),
                contract.company.to_string(),
                contract.status.code(),
                sql::version_column(Version::FIRST)?,
                sql::to_body(contract)?
            ],
        )
        .map(drop)
    }

    async fn replace_learning_contract(
        &mut self,
        contract: &LearningContract,
        version: Version,
    ) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::CONTRACT_UPDATE,
            params![
                contract.company.to_string(),
                contract.status.code(),
                sql::version_column(version)?,
                sql::to_body(contract)?,
                contract.contract.to_string()
            ],
        )
        .map(drop)
    }

    async fn learning_contracts_of(
        &mut self,
        company: InstitutionId,
        _lock: Lock,
    ) -> StoreResult<Vec<Versioned<LearningContract>>> {
        list_versioned(
            self.conn(),
            stmt::CONTRACTS_OF,
            "learning contract",
            params![company.to_string()],
        )
    }

    async fn programme(
        &mut self,
        programme: ProgrammeId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<Programme>>> {
        get_versioned(
            self.conn(),
            stmt::PROGRAMME_GET,
            "programme",
            &programme.to_string(),
        )
    }

    async fn insert_programme(&mut self, programme: &Programme) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::PROGRAMME_INSERT,
            params![
                programme.programme.to_string(),
                programme.company.to_string(),
                sql::version_column(Version::FIRST)?,
                sql::to_body(programme)?
            ],
        )
        .map(drop)
    }
}

impl WorkStudyStore for SqliteStore {
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
        self.read(|c| {
            get_versioned(
                c,
                stmt::COMPANY_GET,
                "learning company",
                &company.to_string(),
            )?
            .ok_or_else(|| not_found("learning company", company))
        })
    }

    fn learning_companies(&self) -> StoreResult<Vec<Versioned<LearningCompany>>> {
        self.read(|c| list_versioned(c, stmt::COMPANY_ALL, "learning company", []))
    }

    fn field_teacher(&self, teacher: &PartyId) -> StoreResult<Versioned<FieldTeacher>> {
        self.read(|c| {
            get_versioned(c, stmt::TEACHER_GET, "field teacher", teacher.as_str())?
                .ok_or_else(|| not_found("field teacher", teacher))
        })
    }

    fn field_teachers(&self, company: InstitutionId) -> StoreResult<Vec<Versioned<FieldTeacher>>> {
        self.read(|c| {
            list_versioned(
                c,
                stmt::TEACHER_OF,
                "field teacher",
                params![company.to_string()],
            )
        })
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
        self.read(|c| {
            get_versioned(c, stmt::LEARNER_GET, "learner", learner.as_str())?
                .ok_or_else(|| not_found("learner", learner))
        })
    }

    fn learning_contract(&self, contract: ContractId) -> StoreResult<Versioned<LearningContract>> {
        self.read(|c| {
            get_versioned(
                c,
                stmt::CONTRACT_GET,
                "learning contract",
                &contract.to_string(),
            )?
            .ok_or_else(|| not_found("learning contract", contract))
        })
    }

    fn learning_contracts(
        &self,
        company: InstitutionId,
    ) -> StoreResult<Vec<Versioned<LearningContract>>> {
        self.read(|c| {
            list_versioned(
                c,
                stmt::CONTRACTS_OF,
                "learning contract",
                params![company.to_string()],
            )
        })
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
        self.read(|c| {
            get_versioned(c, stmt::PROGRAMME_GET, "programme", &programme.to_string())?
                .ok_or_else(|| not_found("programme", programme))
        })
    }

    fn programmes(&self, company: InstitutionId) -> StoreResult<Vec<Versioned<Programme>>> {
        self.read(|c| {
            list_versioned(
                c,
                stmt::PROGRAMMES_OF,
                "programme",
                params![company.to_string()],
            )
        })
    }
}
