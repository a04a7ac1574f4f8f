//! Learning companies and their field teachers on PostgreSQL: the work-study operations of the
//! unit of work, on which both stores run the commands of `cqnet_store::work_study::commands`
//! inside the `READ COMMITTED` transaction the store opened, each operation one round trip;
//! and the reads, written once against [`Exec`].
//!
//! A command on a company locks its row first (`FOR NO KEY UPDATE`, which leaves the foreign
//! keys of its teachers free), and only then reads the idempotency key and the teacher it
//! registers, so that commands on one company, its teachers' registrations included, run one
//! after the other and a concurrent retry finds the first one's commit. A first application
//! has no row to lock: two racers both insert, the second fails on the company's key, is
//! rolled back and tried again by the store, and the fresh attempt answers as a replay or
//! `AlreadyExists`.

use cqnet_core::access::PartyId;
use cqnet_store::training::InstitutionId;
use cqnet_store::unit_of_work::{Lock, WorkStudyTransaction};
use cqnet_store::work_study::{
    ContractId, FieldTeacher, Learner, LearningCompany, LearningContract, Programme, ProgrammeId,
};
use cqnet_store::{Version, Versioned};

use super::commands::{get_versioned, versioned};
use super::exec::{Exec, PgError};
use super::transaction::PgTransaction;
use crate::shared::training::not_found;
use crate::shared::work_study::stmt;
use crate::sql;

type R<T> = Result<T, PgError>;

impl<E: Exec> WorkStudyTransaction for PgTransaction<'_, E> {
    async fn learning_company(
        &mut self,
        company: InstitutionId,
        lock: Lock,
    ) -> R<Option<Versioned<LearningCompany>>> {
        let sql = match lock {
            Lock::None => stmt::COMPANY_GET,
            Lock::ForUpdate => stmt::COMPANY_LOCK,
        };
        get_versioned(self.exec(), sql, "learning company", &company.to_string()).await
    }

    async fn insert_learning_company(&mut self, company: &LearningCompany) -> R<()> {
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(company)?);
        self.exec()
            .execute(
                stmt::COMPANY_INSERT,
                &[
                    &company.company.to_string(),
                    &company.status.code(),
                    &version,
                    &body,
                ],
            )
            .await?;
        Ok(())
    }

    async fn replace_learning_company(
        &mut self,
        company: &LearningCompany,
        version: Version,
    ) -> R<()> {
        let (version, body) = (sql::version_column(version)?, sql::to_body(company)?);
        self.exec()
            .execute(
                stmt::COMPANY_UPDATE,
                &[
                    &company.status.code(),
                    &version,
                    &body,
                    &company.company.to_string(),
                ],
            )
            .await?;
        Ok(())
    }

    async fn field_teacher(
        &mut self,
        teacher: &PartyId,
        lock: Lock,
    ) -> R<Option<Versioned<FieldTeacher>>> {
        let sql = match lock {
            Lock::None => stmt::TEACHER_GET,
            Lock::ForUpdate => stmt::TEACHER_LOCK,
        };
        get_versioned(self.exec(), sql, "field teacher", teacher.as_str()).await
    }

    async fn insert_field_teacher(&mut self, teacher: &FieldTeacher) -> R<()> {
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(teacher)?);
        self.exec()
            .execute(
                stmt::TEACHER_INSERT,
                &[
                    &teacher.teacher.as_str(),
                    &teacher.company.to_string(),
                    &version,
                    &body,
                ],
            )
            .await?;
        Ok(())
    }

    async fn replace_field_teacher(&mut self, teacher: &FieldTeacher, version: Version) -> R<()> {
        let (version, body) = (sql::version_column(version)?, sql::to_body(teacher)?);
        self.exec()
            .execute(
                stmt::TEACHER_UPDATE,
                &[
                    &teacher.company.to_string(),
                    &version,
                    &body,
                    &teacher.teacher.as_str(),
                ],
            )
            .await?;
        Ok(())
    }

    async fn learner(&mut self, learner: &PartyId, lock: Lock) -> R<Option<Versioned<Learner>>> {
        let sql = match lock {
            Lock::None => stmt::LEARNER_GET,
            Lock::ForUpdate => stmt::LEARNER_LOCK,
        };
        get_versioned(self.exec(), sql, "learner", learner.as_str()).await
    }

    async fn insert_learner(&mut self, learner: &Learner) -> R<()> {
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(learner)?);
        self.exec()
            .execute(
                stmt::LEARNER_INSERT,
                &[&learner.learner.as_str(), &version, &body],
            )
            .await?;
        Ok(())
    }

    async fn replace_learner(&mut self, learner: &Learner, version: Version) -> R<()> {
        let (version, body) = (sql::version_column(version)?, sql::to_body(learner)?);
        self.exec()
            .execute(
                stmt::LEARNER_UPDATE,
                &[&version, &body, &learner.learner.as_str()],
            )
            .await?;
        Ok(())
    }

    async fn learning_contract(
        &mut self,
        contract: ContractId,
        lock: Lock,
    ) -> R<Option<Versioned<LearningContract>>> {
        let sql = match lock {
            Lock::None => stmt::CONTRACT_GET,
            Lock::ForUpdate => stmt::CONTRACT_LOCK,
        };
        get_versioned(self.exec(), sql, "learning contract", &contract.to_string()).await
    }

    async fn insert_learning_contract(&mut self, contract: &LearningContract) -> R<()> {
        let (version, body) = (
            sql::version_column(Version::FIRST)?,
            sql::to_body(contract)?,
        );
        self.exec()
            .execute(
                stmt::CONTRACT_INSERT,
                &[
                    &contract.contract.to_string(),
                    &contract.learner.as_str(),
                    &contract.company.to_string(),
                    &contract.status.code(),
                    &version,
                    &body,
                ],
            )
            .await?;
        Ok(())
    }

    async fn replace_learning_contract(
        &mut self,
        contract: &LearningContract,
        version: Version,
    ) -> R<()> {
        let (version, body) = (sql::version_column(version)?, sql::to_body(contract)?);
        self.exec()
            .execute(
                stmt::CONTRACT_UPDATE,
                &[
                    &contract.company.to_string(),
                    &contract.status.code(),
                    &version,
                    &body,
                    &contract.contract.to_string(),
                ],
            )
            .await?;
        Ok(())
    }

    async fn learning_contracts_of(
        &mut self,
        company: InstitutionId,
        lock: Lock,
    ) -> R<Vec<Versioned<LearningContract>>> {
        let sql = match lock {
            Lock::None => stmt::CONTRACTS_OF,
            Lock::ForUpdate => stmt::CONTRACTS_OF_LOCK,
        };
        let rows = self.exec().query(sql, &[&company.to_string()]).await?;
        rows.iter()
            .map(|r| versioned(r, "learning contract"))
            .collect()
    }

    async fn programme(
        &mut self,
        programme: ProgrammeId,
        lock: Lock,
    ) -> R<Option<Versioned<Programme>>> {
        let sql = match lock {
            Lock::None => stmt::PROGRAMME_GET,
            Lock::ForUpdate => stmt::PROGRAMME_LOCK,
        };
        get_versioned(self.exec(), sql, "programme", &programme.to_string()).await
    }

    async fn insert_programme(&mut self, programme: &Programme) -> R<()> {
        let (version, body) = (
            sql::version_column(Version::FIRST)?,
            sql::to_body(programme)?,
        );
        self.exec()
            .execute(
                stmt::PROGRAMME_INSERT,
                &[
                    &programme.programme.to_string(),
                    &programme.company.to_string(),
                    &version,
                    &body,
                ],
            )
            .await?;
        Ok(())
    }
}

pub(crate) async fn learning_company<E: Exec>(
    e: &mut E,
    company: InstitutionId,
) -> R<Versioned<LearningCompany>> {
    get_versioned(
        e,
        stmt::COMPANY_GET,
        "learning company",
        &company.to_string(),
    )
    .await?
    .ok_or_else(|| PgError::Store(not_found("learning company", company)))
}

pub(crate) async fn learning_companies<E: Exec>(e: &mut E) -> R<Vec<Versioned<LearningCompany>>> {
    let rows = e.query(stmt::COMPANY_ALL, &[]).await?;
    rows.iter()
        .map(|r| versioned(r, "learning company"))
        .collect()
}

pub(crate) async fn field_teacher<E: Exec>(
    e: &mut E,
    teacher: &PartyId,
) -> R<Versioned<FieldTeacher>> {
    get_versioned(e, stmt::TEACHER_GET, "field teacher", teacher.as_str())
        .await?
        .ok_or_else(|| PgError::Store(not_found("field teacher", teacher)))
}

pub(crate) async fn field_teachers<E: Exec>(
    e: &mut E,
    company: InstitutionId,
) -> R<Vec<Versioned<FieldTeacher>>> {
    let rows = e.query(stmt::TEACHER_OF, &[&company.to_string()]).await?;
    rows.iter().map(|r| versioned(r, "field teacher")).collect()
}

pub(crate) async fn learner<E: Exec>(e: &mut E, learner: &PartyId) -> R<Versioned<Learner>> {
    get_versioned(e, stmt::LEARNER_GET, "learner", learner.as_str())
        .await?
        .ok_or_else(|| PgError::Store(not_found("learner", learner)))
}

pub(crate) async fn learning_contract<E: Exec>(
    e: &mut E,
    contract: ContractId,
) -> R<Versioned<LearningContract>> {
    get_versioned(
        e,
        stmt::CONTRACT_GET,
        "learning contract",
        &contract.to_string(),
    )
    .await?
    .ok_or_else(|| PgError::Store(not_found("learning contract", contract)))
}

pub(crate) async fn learning_contracts<E: Exec>(
    e: &mut E,
    company: InstitutionId,
) -> R<Vec<Versioned<LearningContract>>> {
    let rows = e.query(stmt::CONTRACTS_OF, &[&company.to_string()]).await?;
    rows.iter()
        .map(|r| versioned(r, "learning contract"))
        .collect()
}

pub(crate) async fn programme<E: Exec>(
    e: &mut E,
    programme: ProgrammeId,
) -> R<Versioned<Programme>> {
    get_versioned(e, stmt::PROGRAMME_GET, "programme", &programme.to_string())
        .await?
        .ok_or_else(|| PgError::Store(not_found("programme", programme)))
}

pub(crate) async fn programmes<E: Exec>(
    e: &mut E,
    company: InstitutionId,
) -> R<Vec<Versioned<Programme>>> {
    let rows = e
        .query(stmt::PROGRAMMES_OF, &[&company.to_string()])
        .await?;
    rows.iter().map(|r| versioned(r, "programme")).collect()
}
