//! The SQLite [`CourseDesignationStore`]: one `IMMEDIATE` transaction per command, which SQLite
//! runs one at a time; the keys, checks and triggers of `0009_designation.sql` stand behind the
//! commands (one row per call and per application, a call never deleted, an application never
//! moved to another call, qualification or institution).

use cqnet_core::{QualificationCode, Score};
use cqnet_store::designation::{
    ApplicationStatus, CallId, CourseApplication, CourseApplicationId, CourseDesignationStore,
    CourseMeasureOrder, Deliberation, DesignationCall, DesignationRecord, OperationCheck,
    RetentionReport, commands,
};
use cqnet_store::training::CourseId;
use cqnet_store::unit_of_work::{DesignationTransaction, Lock};
use cqnet_store::work_study::Hearing;
use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Version, Versioned};
use rusqlite::params;

use super::transaction::SqliteTransaction;
use super::{SqliteStore, exec, get_versioned, list_versioned};
use crate::SpawnBlocking;
use crate::shared::designation::{stmt, with_status};
use crate::shared::training::not_found;
use crate::sql;

cqnet_store::forward_async_course_designation_store!(SpawnBlocking);

impl DesignationTransaction for SqliteTransaction<'_> {
    async fn call(&mut self, id: CallId) -> StoreResult<Option<Versioned<DesignationCall>>> {
        get_versioned(
            self.conn(),
            stmt::CALL_GET,
            "designation call",
            &id.to_string(),
        )
    }

    async fn insert_call(&mut self, call: &DesignationCall) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::CALL_INSERT,
            params![
                call.id().to_string(),
                sql::version_column(Version::FIRST)?,
                sql::to_body(call)?
            ],
        )
        .map(drop)
    }

    async fn course_application(
        &mut self,
        id: CourseApplicationId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<DesignationRecord>>> {
        get_versioned(
            self.conn(),
            stmt::APPLICATION_GET,
            "course application",
            &id.to_string(),
        )
    }

    async fn course_applications_of(
        &mut self,
        call: CallId,
        qualification: &QualificationCode,
        _lock: Lock,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        list_versioned(
            self.conn(),
            stmt::APPLICATIONS_OF,
            "course application",
            params![call.to_string(), qualification.as_str()],
        )
    }

    async fn all_course_applications(
        &mut self,
        _lock: Lock,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        list_versioned(
            self.conn(),
            stmt::APPLICATIONS_ALL,
            "course application",
            [],
        )
    }

    async fn insert_course_application(&mut self, record: &DesignationRecord) -> StoreResult<()> {
        let a = &record.application;
        exec(
            self.conn(),
            stmt::APPLICATION_INSERT,
            params![
                a.id.to_string(),
                a.call.to_string(),
                a.qualification.as_str(),
                a.institution.to_string(),
                record.status.code(),
                sql::version_column(Version::FIRST)?,
                sql::to_body(record)?
            ],
        )
        .map(drop)
    }

    async fn replace_course_application(
        &mut self,
        record: &DesignationRecord,
        version: Version,
    ) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::APPLICATION_UPDATE,
            params![
                record.status.code(),
                sql::version_column(version)?,
                sql::to_body(record)?,
                record.application.id.to_string()
            ],
        )
        .map(drop)
    }

    async fn remove_course_application(&mut self, id: CourseApplicationId) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::APPLICATION_DELETE,
            params![id.to_string()],
        )
        .map(drop)
    }
}

impl CourseDesignationStore for SqliteStore {
    fn open_call(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: &DesignationCall,
    ) -> StoreResult<Versioned<DesignationCall>> {
        self.transact(async |tx| commands::open_call(tx, meta, key, call).await)
    }

    fn apply_for_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CourseApplication,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.transact(async |tx| commands::apply_for_course(tx, meta, key, application).await)
    }

    fn screen_documents(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.transact(async |tx| {
            commands::screen_documents(tx, meta, key, call, qualification, scores).await
        })
    }

    fn screen_on_site(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.transact(async |tx| {
            commands::screen_on_site(tx, meta, key, call, qualification, scores).await
        })
    }

    fn deliberate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        deliberation: &Deliberation,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.transact(async |tx| {
            commands::deliberate(tx, meta, key, call, qualification, deliberation).await
        })
    }

    fn designate_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        course: CourseId,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.transact(async |tx| {
            commands::designate_course(tx, meta, key, application, course).await
        })
    }

    fn record_operation_check(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        check: &OperationCheck,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.transact(async |tx| {
            commands::record_operation_check(tx, meta, key, application, check).await
        })
    }

    fn record_course_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        hearing: &Hearing,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.transact(async |tx| {
            commands::record_course_hearing(tx, meta, key, application, hearing).await
        })
    }

    fn take_course_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        order: &CourseMeasureOrder,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.transact(async |tx| {
            commands::take_course_measure(tx, meta, key, application, order).await
        })
    }

    fn apply_retention(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
    ) -> StoreResult<RetentionReport> {
        self.transact(async |tx| commands::apply_retention(tx, meta, key).await)
    }

    fn designation_call(&self, id: CallId) -> StoreResult<Versioned<DesignationCall>> {
        self.read(|c| {
            get_versioned(c, stmt::CALL_GET, "designation call", &id.to_string())?
                .ok_or_else(|| not_found("designation call", id))
        })
    }

    fn designation_calls(&self) -> StoreResult<Vec<Versioned<DesignationCall>>> {
        self.read(|c| list_versioned(c, stmt::CALL_ALL, "designation call", []))
    }

    fn course_application(
        &self,
        id: CourseApplicationId,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.read(|c| {
            get_versioned(
                c,
                stmt::APPLICATION_GET,
                "course application",
                &id.to_string(),
            )?
            .ok_or_else(|| not_found("course application", id))
        })
    }

    fn course_applications_of(
        &self,
        call: CallId,
        qualification: &QualificationCode,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.read(|c| {
            list_versioned(
                c,
                stmt::APPLICATIONS_OF,
                "course application",
                params![call.to_string(), qualification.as_str()],
            )
        })
    }

    fn designated_course_applications(
        &self,
        call: Option<CallId>,
        qualification: Option<&QualificationCode>,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        let (statement, filters) = with_status(call, qualification);
        let values =
            std::iter::once(ApplicationStatus::Designated.code().to_owned()).chain(filters);
        self.read(|c| {
            list_versioned(
                c,
                statement,
                "course application",
                rusqlite::params_from_iter(values),
            )
        })
    }
}
