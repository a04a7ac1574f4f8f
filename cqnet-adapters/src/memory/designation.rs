//! The in-memory [`CourseDesignationStore`]: calls and course applications in the same state
//! and behind the same mutex as the training records, so that a command, the course it makes
//! and its audit line are one step.

use std::collections::BTreeMap;

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

use super::transaction::first;
use super::{MemoryStore, MemoryTransaction};
use crate::shared::training::not_found;

#[derive(Default)]
pub(super) struct DesignationState {
    calls: BTreeMap<CallId, Versioned<DesignationCall>>,
    applications: BTreeMap<CourseApplicationId, Versioned<DesignationRecord>>,
}

/// The designation writes of a command, applied together when it succeeds; an application
/// staged as `None` is removed.
#[derive(Default)]
pub(super) struct DesignationStaged {
    calls: BTreeMap<CallId, Versioned<DesignationCall>>,
    applications: BTreeMap<CourseApplicationId, Option<Versioned<DesignationRecord>>>,
}

impl DesignationStaged {
    /// Applies the writes; nothing here can fail.
    pub(super) fn apply(self, state: &mut DesignationState) {
        state.calls.extend(self.calls);
        for (id, record) in self.applications {
            match record {
                Some(record) => {
                    state.applications.insert(id, record);
                }
                None => {
                    state.applications.remove(&id);
                }
            }
        }
    }
}

impl MemoryTransaction<'_> {
    /// Every application as this command sees it: the state's, shadowed by its own writes.
    fn applications_seen(&self) -> Vec<Versioned<DesignationRecord>> {
        let (staged, state) = (&self.staged().designation, &self.state().designation);
        let mut seen: BTreeMap<CourseApplicationId, Versioned<DesignationRecord>> =
            state.applications.clone();
        for (id, record) in &staged.applications {
            match record {
                Some(record) => {
                    seen.insert(*id, record.clone());
                }
                None => {
                    seen.remove(id);
                }
            }
        }
        seen.into_values().collect()
    }
}

impl DesignationTransaction for MemoryTransaction<'_> {
    async fn call(&mut self, id: CallId) -> StoreResult<Option<Versioned<DesignationCall>>> {
        let (staged, state) = (&self.staged().designation, &self.state().designation);
        Ok(staged
            .calls
            .get(&id)
            .or_else(|| state.calls.get(&id))
            .cloned())
    }

    async fn insert_call(&mut self, call: &DesignationCall) -> StoreResult<()> {
        self.staged_mut()
            .designation
            .calls
            .insert(call.id(), first(call));
        Ok(())
    }

    async fn course_application(
        &mut self,
        id: CourseApplicationId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<DesignationRecord>>> {
        let (staged, state) = (&self.staged().designation, &self.state().designation);
        Ok(match staged.applications.get(&id) {
            Some(record) => record.clone(),
            None => state.applications.get(&id).cloned(),
        })
    }

    async fn course_applications_of(
        &mut self,
        call: CallId,
        qualification: &QualificationCode,
        _lock: Lock,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        Ok(self
            .applications_seen()
            .into_iter()
            .filter(|r| {
                r.value.application.call == call
                    && &r.value.application.qualification == qualification
            })
            .collect())
    }

    async fn all_course_applications(
        &mut self,
        _lock: Lock,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        Ok(self.applications_seen())
    }

    async fn insert_course_application(&mut self, record: &DesignationRecord) -> StoreResult<()> {
        self.staged_mut()
            .designation
            .applications
            .insert(record.application.id, Some(first(record)));
        Ok(())
    }

    async fn replace_course_application(
        &mut self,
        record: &DesignationRecord,
        version: Version,
    ) -> StoreResult<()> {
        let value = record.clone();
        self.staged_mut()
            .designation
            .applications
            .insert(record.application.id, Some(Versioned { value, version }));
        Ok(())
    }

    async fn remove_course_application(&mut self, id: CourseApplicationId) -> StoreResult<()> {
        self.staged_mut().designation.applications.insert(id, None);
        Ok(())
    }
}

impl CourseDesignationStore for MemoryStore {
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
        self.lock()?
            .designation
            .calls
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found("designation call", id))
    }

    fn designation_calls(&self) -> StoreResult<Vec<Versioned<DesignationCall>>> {
        Ok(self.lock()?.designation.calls.values().cloned().collect())
    }

    fn course_application(
        &self,
        id: CourseApplicationId,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.lock()?
            .designation
            .applications
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found("course application", id))
    }

    fn course_applications_of(
        &self,
        call: CallId,
        qualification: &QualificationCode,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        Ok(self
            .lock()?
            .designation
            .applications
            .values()
            .filter(|r| {
                r.value.application.call == call
                    && &r.value.application.qualification == qualification
            })
            .cloned()
            .collect())
    }

    fn designated_course_applications(
        &self,
        call: Option<CallId>,
        qualification: Option<&QualificationCode>,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        Ok(self
            .lock()?
            .designation
            .applications
            .values()
            .filter(|r| {
                let a = &r.value.application;
                r.value.status.code() == ApplicationStatus::Designated.code()
                    && call.is_none_or(|c| a.call == c)
                    && qualification.is_none_or(|q| &a.qualification == q)
            })
            .cloned()
            .collect())
    }
}
