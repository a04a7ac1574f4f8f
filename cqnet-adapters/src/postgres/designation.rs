//! The course designation cycle on PostgreSQL: the designation operations of the unit of
//! work, on which both stores run the commands of `cqnet_store::designation::commands` inside
//! the `READ COMMITTED` transaction the store opened, each operation one round trip; and the
//! reads, written once against [`Exec`].
//!
//! A command on an application locks its row first (`FOR UPDATE`), a screening or a
//! deliberation every row of its call and qualification, and the retention command every row;
//! only then is the idempotency key read, so that commands on one application run one after
//! the other and a concurrent retry finds the first one's commit. A first application has no
//! row to lock: two racers both insert, the second fails on the key, is rolled back and tried
//! again by the store, and the fresh attempt answers as a replay or `AlreadyExists`.

use cqnet_core::QualificationCode;
use cqnet_store::designation::{
    ApplicationStatus, CallId, CourseApplicationId, DesignationCall, DesignationRecord,
};
use cqnet_store::unit_of_work::{DesignationTransaction, Lock};
use cqnet_store::{Version, Versioned};

use super::commands::{get_versioned, versioned};
use super::exec::{Exec, Param, PgError};
use super::transaction::PgTransaction;
use crate::shared::designation::{stmt, with_status};
use crate::shared::training::not_found;
use crate::sql;

type R<T> = Result<T, PgError>;

impl<E: Exec> DesignationTransaction for PgTransaction<'_, E> {
    async fn call(&mut self, id: CallId) -> R<Option<Versioned<DesignationCall>>> {
        get_versioned(
            self.exec(),
            stmt::CALL_GET,
            "designation call",
            &id.to_string(),
        )
        .await
    }

    async fn insert_call(&mut self, call: &DesignationCall) -> R<()> {
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(call)?);
        self.exec()
            .execute(
                stmt::CALL_INSERT,
                &[&call.id().to_string(), &version, &body],
            )
            .await?;
        Ok(())
    }

    async fn course_application(
        &mut self,
        id: CourseApplicationId,
        lock: Lock,
    ) -> R<Option<Versioned<DesignationRecord>>> {
        let sql = match lock {
            Lock::None => stmt::APPLICATION_GET,
            Lock::ForUpdate => stmt::APPLICATION_LOCK,
        };
        get_versioned(self.exec(), sql, "course application", &id.to_string()).await
    }

    async fn course_applications_of(
        &mut self,
        call: CallId,
        qualification: &QualificationCode,
        lock: Lock,
    ) -> R<Vec<Versioned<DesignationRecord>>> {
        let sql = match lock {
            Lock::None => stmt::APPLICATIONS_OF,
            Lock::ForUpdate => stmt::APPLICATIONS_OF_LOCK,
        };
        let rows = self
            .exec()
            .query(sql, &[&call.to_string(), &qualification.as_str()])
            .await?;
        rows.iter()
            .map(|r| versioned(r, "course application"))
            .collect()
    }

    async fn all_course_applications(
        &mut self,
        lock: Lock,
    ) -> R<Vec<Versioned<DesignationRecord>>> {
        let sql = match lock {
            Lock::None => stmt::APPLICATIONS_ALL,
            Lock::ForUpdate => stmt::APPLICATIONS_ALL_LOCK,
        };
        let rows = self.exec().query(sql, &[]).await?;
        rows.iter()
            .map(|r| versioned(r, "course application"))
            .collect()
    }

    async fn insert_course_application(&mut self, record: &DesignationRecord) -> R<()> {
        let a = &record.application;
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(record)?);
        self.exec()
            .execute(
                stmt::APPLICATION_INSERT,
                &[
                    &a.id.to_string(),
                    &a.call.to_string(),
                    &a.qualification.as_str(),
                    &a.institution.to_string(),
                    &record.status.code(),
                    &version,
                    &body,
                ],
            )
            .await?;
        Ok(())
    }

    async fn replace_course_application(
        &mut self,
        record: &DesignationRecord,
        version: Version,
    ) -> R<()> {
        let (version, body) = (sql::version_column(version)?, sql::to_body(record)?);
        self.exec()
            .execute(
                stmt::APPLICATION_UPDATE,
                &[
                    &record.status.code(),
                    &version,
                    &body,
                    &record.application.id.to_string(),
                ],
            )
            .await?;
        Ok(())
    }

    async fn remove_course_application(&mut self, id: CourseApplicationId) -> R<()> {
        self.exec()
            .execute(stmt::APPLICATION_DELETE, &[&id.to_string()])
            .await?;
        Ok(())
    }
}

pub(crate) async fn call<E: Exec>(e: &mut E, id: CallId) -> R<Versioned<DesignationCall>> {
    get_versioned(e, stmt::CALL_GET, "designation call", &id.to_string())
        .await?
        .ok_or_else(|| PgError::Store(not_found("designation call", id)))
}

pub(crate) async fn calls<E: Exec>(e: &mut E) -> R<Vec<Versioned<DesignationCall>>> {
    let rows = e.query(stmt::CALL_ALL, &[]).await?;
    rows.iter()
        .map(|r| versioned(r, "designation call"))
        .collect()
}

pub(crate) async fn application<E: Exec>(
    e: &mut E,
    id: CourseApplicationId,
) -> R<Versioned<DesignationRecord>> {
    get_versioned(
        e,
        stmt::APPLICATION_GET,
        "course application",
        &id.to_string(),
    )
    .await?
    .ok_or_else(|| PgError::Store(not_found("course application", id)))
}

pub(crate) async fn applications_of<E: Exec>(
    e: &mut E,
    call: CallId,
    qualification: &QualificationCode,
) -> R<Vec<Versioned<DesignationRecord>>> {
    let rows = e
        .query(
            stmt::APPLICATIONS_OF,
            &[&call.to_string(), &qualification.as_str()],
        )
        .await?;
    rows.iter()
        .map(|r| versioned(r, "course application"))
        .collect()
}

/// The applications whose course run is designated and not cancelled, by id, of the filters
/// given.
pub(crate) async fn designated_applications<E: Exec>(
    e: &mut E,
    call: Option<CallId>,
    qualification: Option<&QualificationCode>,
) -> R<Vec<Versioned<DesignationRecord>>> {
    let (statement, filters) = with_status(call, qualification);
    let status = ApplicationStatus::Designated.code();
    let mut params: Vec<Param<'_>> = vec![&status];
    params.extend(filters.iter().map(|f| f as Param<'_>));
    let rows = e.query(statement, &params).await?;
    rows.iter()
        .map(|r| versioned(r, "course application"))
        .collect()
}
