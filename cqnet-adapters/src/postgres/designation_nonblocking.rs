//! [`AsyncCourseDesignationStore`](cqnet_store::designation::AsyncCourseDesignationStore) on
//! the async PostgreSQL store: every round trip awaited.

use cqnet_core::{QualificationCode, Score};
use cqnet_store::designation::{
    CallId, CourseApplication, CourseApplicationId, CourseMeasureOrder, Deliberation,
    DesignationCall, DesignationRecord, OperationCheck, RetentionReport, commands,
};
use cqnet_store::training::CourseId;
use cqnet_store::work_study::Hearing;
use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
use tokio_postgres::IsolationLevel;

use super::super::designation as ds;
use super::super::exec::{AsyncSession, Next, PgError, backoff, settle};
use super::super::transaction::PgTransaction;
use super::AsyncPgStore;

impl cqnet_store::designation::AsyncCourseDesignationStore for AsyncPgStore {
    async fn open_call(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: &DesignationCall,
    ) -> StoreResult<Versioned<DesignationCall>> {
        write_tx!(self, |s| commands::open_call(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            call
        ))
    }

    async fn apply_for_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CourseApplication,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        write_tx!(self, |s| commands::apply_for_course(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            application
        ))
    }

    async fn screen_documents(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        write_tx!(self, |s| commands::screen_documents(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            call,
            qualification,
            scores
        ))
    }

    async fn screen_on_site(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        write_tx!(self, |s| commands::screen_on_site(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            call,
            qualification,
            scores
        ))
    }

    async fn deliberate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        deliberation: &Deliberation,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        write_tx!(self, |s| commands::deliberate(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            call,
            qualification,
            deliberation
        ))
    }

    async fn designate_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        course: CourseId,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        write_tx!(self, |s| commands::designate_course(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            application,
            course
        ))
    }

    async fn record_operation_check(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        check: &OperationCheck,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        write_tx!(self, |s| commands::record_operation_check(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            application,
            check
        ))
    }

    async fn record_course_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        hearing: &Hearing,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        write_tx!(self, |s| commands::record_course_hearing(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            application,
            hearing
        ))
    }

    async fn take_course_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        order: &CourseMeasureOrder,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        write_tx!(self, |s| commands::take_course_measure(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            application,
            order
        ))
    }

    async fn apply_retention(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
    ) -> StoreResult<RetentionReport> {
        write_tx!(self, |s| commands::apply_retention(
            &mut PgTransaction::new(&mut s),
            meta,
            key
        ))
    }

    async fn designation_call(&self, id: CallId) -> StoreResult<Versioned<DesignationCall>> {
        read!(self, |s| ds::call(&mut s, id))
    }

    async fn designation_calls(&self) -> StoreResult<Vec<Versioned<DesignationCall>>> {
        read!(self, |s| ds::calls(&mut s))
    }

    async fn course_application(
        &self,
        id: CourseApplicationId,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        read!(self, |s| ds::application(&mut s, id))
    }

    async fn course_applications_of(
        &self,
        call: CallId,
        qualification: &QualificationCode,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        read!(self, |s| ds::applications_of(&mut s, call, qualification))
    }

    async fn designated_course_applications(
        &self,
        call: Option<CallId>,
        qualification: Option<&QualificationCode>,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        read!(self, |s| ds::designated_applications(
            &mut s,
            call,
            qualification
        ))
    }
}
