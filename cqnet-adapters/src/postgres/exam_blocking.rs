//! [`ExamStore`](cqnet_store::exam::ExamStore) on the blocking PostgreSQL store.

use crate::postgres::ApplyPath;
use crate::postgres::transaction::PgTransaction;
use cqnet_store::StoreResult;
use cqnet_store::exam::commands;
use cqnet_store::exam::{
    Application, ApplicationId, Cancellation, ExamResult, ExamRound, NewApplication, RoundId,
    VenueSeats,
};
use cqnet_store::idempotency::fingerprint;
use cqnet_store::training::EnrollmentId;
use cqnet_store::{CommandMeta, IdempotencyKey, Version, Versioned};

use super::super::exam;
use super::super::exec::finish;
use super::PgStore;

impl cqnet_store::exam::ExamStore for PgStore {
    fn create_round(&self, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version> {
        self.write(|s| {
            finish(commands::create_round(
                &mut PgTransaction::new(s),
                meta,
                round,
            ))
        })
    }

    fn round(&self, id: &RoundId) -> StoreResult<Versioned<ExamRound>> {
        self.read(|s| finish(exam::round(s, id)))
    }

    fn rounds(&self) -> StoreResult<Vec<Versioned<ExamRound>>> {
        self.read(|s| finish(exam::rounds(s)))
    }

    fn venue_seats(&self, round: &RoundId) -> StoreResult<Vec<VenueSeats>> {
        self.read(|s| finish(exam::venue_seats(s, round)))
    }

    fn apply(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewApplication,
    ) -> StoreResult<Versioned<Application>> {
        if self.apply_path == ApplyPath::Command {
            return self
                .write(|s| finish(commands::apply(&mut PgTransaction::new(s), meta, key, new)));
        }
        let print = fingerprint("apply", &meta.actor, &new.idempotency_payload())?;
        self.single_statement(|s| finish(exam::apply(s, meta, key, &print, new)))
    }

    fn cancel(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        cancellation: &Cancellation,
    ) -> StoreResult<Versioned<Application>> {
        self.write(|s| {
            finish(commands::cancel(
                &mut PgTransaction::new(s),
                meta,
                key,
                cancellation,
            ))
        })
    }

    fn record_payment(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        expected: Version,
    ) -> StoreResult<Version> {
        self.write(|s| {
            finish(commands::record_payment(
                &mut PgTransaction::new(s),
                meta,
                application,
                expected,
            ))
        })
    }

    fn application(&self, id: ApplicationId) -> StoreResult<Versioned<Application>> {
        self.read(|s| finish(exam::application(s, id)))
    }

    fn applications(&self, round: &RoundId) -> StoreResult<Vec<Versioned<Application>>> {
        self.read(|s| finish(exam::applications(s, round)))
    }

    fn applications_of(&self, candidate: EnrollmentId) -> StoreResult<Vec<Versioned<Application>>> {
        self.read(|s| finish(exam::applications_of(s, candidate)))
    }

    fn put_result(
        &self,
        meta: &CommandMeta,
        result: &ExamResult,
        expected: Option<Version>,
    ) -> StoreResult<Version> {
        self.write(|s| {
            finish(commands::put_result(
                &mut PgTransaction::new(s),
                meta,
                result,
                expected,
            ))
        })
    }

    fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> StoreResult<Version> {
        self.write(|s| {
            finish(commands::finalise_result(
                &mut PgTransaction::new(s),
                meta,
                application,
                passed,
                expected,
            ))
        })
    }

    fn result(&self, application: ApplicationId) -> StoreResult<Option<Versioned<ExamResult>>> {
        self.read(|s| finish(exam::result(s, application)))
    }

    fn results(&self, round: &RoundId) -> StoreResult<Vec<Versioned<ExamResult>>> {
        self.read(|s| finish(exam::results(s, round)))
    }
}
