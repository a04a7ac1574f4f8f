//! [`CourseDesignationStore`](cqnet_store::designation::CourseDesignationStore) on the blocking
//! PostgreSQL store.

use cqnet_core::{QualificationCode, Score};
use cqnet_store::designation::{
    CallId, CourseApplication, CourseApplicationId, CourseMeasureOrder, Deliberation,
    DesignationCall, DesignationRecord, OperationCheck, RetentionReport, commands,
};
use cqnet_store::training::CourseId;
use cqnet_store::work_study::Hearing;
use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};

use super::super::designation as ds;
use super::super::exec::finish;
use super::super::transaction::PgTransaction;
use super::PgStore;

impl cqnet_store::designation::CourseDesignationStore for PgStore {
    fn open_call(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: &DesignationCall,
    ) -> StoreResult<Versioned<DesignationCall>> {
        self.write(|s| {
            finish(commands::open_call(
                &mut PgTransaction::new(s),
                meta,
                key,
                call,
            ))
        })
    }

    fn apply_for_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CourseApplication,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.write(|s| {
            finish(commands::apply_for_course(
                &mut PgTransaction::new(s),
                meta,
                key,
                application,
            ))
        })
    }

    fn screen_documents(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.write(|s| {
            finish(commands::screen_documents(
                &mut PgTransaction::new(s),
                meta,
                key,
                call,
                qualification,
                scores,
            ))
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
        self.write(|s| {
            finish(commands::screen_on_site(
                &mut PgTransaction::new(s),
                meta,
                key,
                call,
                qualification,
                scores,
            ))
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
        self.write(|s| {
            finish(commands::deliberate(
                &mut PgTransaction::new(s),
                meta,
                key,
                call,
                qualification,
                deliberation,
            ))
        })
    }

    fn designate_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        course: CourseId,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.write(|s| {
            finish(commands::designate_course(
                &mut PgTransaction::new(s),
                meta,
                key,
                application,
                course,
            ))
        })
    }

    fn record_operation_check(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        check: &OperationCheck,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.write(|s| {
            finish(commands::record_operation_check(
                &mut PgTransaction::new(s),
                meta,
                key,
                application,
                check,
            ))
        })
    }

    fn record_course_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        hearing: &Hearing,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.write(|s| {
            finish(commands::record_course_hearing(
                &mut PgTransaction::new(s),
                meta,
                key,
                application,
                hearing,
            ))
        })
    }

    fn take_course_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        order: &CourseMeasureOrder,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.write(|s| {
            finish(commands::take_course_measure(
                &mut PgTransaction::new(s),
                meta,
                key,
                application,
                order,
            ))
        })
    }

    fn apply_retention(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
    ) -> StoreResult<RetentionReport> {
        self.write(|s| {
            finish(commands::apply_retention(
                &mut PgTransaction::new(s),
                meta,
                key,
            ))
        })
    }

    fn designation_call(&self, id: CallId) -> StoreResult<Versioned<DesignationCall>> {
        self.read(|s| finish(ds::call(s, id)))
    }

    fn designation_calls(&self) -> StoreResult<Vec<Versioned<DesignationCall>>> {
        self.read(|s| finish(ds::calls(s)))
    }

    fn course_application(
        &self,
        id: CourseApplicationId,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.read(|s| finish(ds::application(s, id)))
    }

    fn course_applications_of(
        &self,
        call: CallId,
        qualification: &QualificationCode,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.read(|s| finish(ds::applications_of(s, call, qualification)))
    }

    fn designated_course_applications(
        &self,
        call: Option<CallId>,
        qualification: Option<&QualificationCode>,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.read(|s| finish(ds::designated_applications(s, call, qualification)))
    }
}
