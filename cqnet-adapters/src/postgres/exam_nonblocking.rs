//! [`AsyncExamStore`](cqnet_store::exam::AsyncExamStore) on the async PostgreSQL store: every
//! round trip awaited.

use crate::postgres::ApplyPath;
use crate::postgres::transaction::PgTransaction;
use cqnet_store::StoreResult;
use cqnet_store::exam::commands;
use cqnet_store::exam::{
    Application, ApplicationContext, ApplicationId, Cancellation, ExamResult, ExamRound,
    NewApplication, RoundId, VenueCode, VenueSeats,
};
use cqnet_store::idempotency::fingerprint;
use cqnet_store::training::EnrollmentId;
use cqnet_store::{CommandMeta, IdempotencyKey, Version, Versioned};

use super::super::exam;
use super::super::exec::{AsyncSession, Next, PgError, backoff, settle};
use super::AsyncPgStore;
use tokio_postgres::IsolationLevel;

impl cqnet_store::exam::AsyncExamStore for AsyncPgStore {
    async fn create_round(&self, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version> {
        write_tx!(self, |s| commands::create_round(
            &mut PgTransaction::new(&mut s),
            meta,
            round
        ))
    }

    async fn round(&self, id: &RoundId) -> StoreResult<Versioned<ExamRound>> {
        read!(self, |s| exam::round(&mut s, id))
    }

    async fn rounds(&self) -> StoreResult<Vec<Versioned<ExamRound>>> {
        read!(self, |s| exam::rounds(&mut s))
    }

    async fn venue_seats(&self, round: &RoundId) -> StoreResult<Vec<VenueSeats>> {
        read!(self, |s| exam::venue_seats(&mut s, round))
    }

    async fn application_context(
        &self,
        round: &RoundId,
        candidate: EnrollmentId,
        venue: &VenueCode,
        key: &IdempotencyKey,
    ) -> StoreResult<ApplicationContext> {
        read!(self, |s| exam::application_context(
            &mut s, round, candidate, venue, key
        ))
    }

    async fn apply(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewApplication,
    ) -> StoreResult<Versioned<Application>> {
        if self.apply_path == ApplyPath::Command {
            return write_tx!(self, |s| commands::apply(
                &mut PgTransaction::new(&mut s),
                meta,
                key,
                new
            ));
        }
        let print = fingerprint("apply", &meta.actor, &new.idempotency_payload())?;
        single_statement!(self, |s| exam::apply(&mut s, meta, key, &print, new))
    }

    async fn cancel(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        cancellation: &Cancellation,
    ) -> StoreResult<Versioned<Application>> {
        write_tx!(self, |s| commands::cancel(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            cancellation
        ))
    }

    async fn record_payment(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        expected: Version,
    ) -> StoreResult<Version> {
        write_tx!(self, |s| commands::record_payment(
            &mut PgTransaction::new(&mut s),
            meta,
            application,
            expected
        ))
    }

    async fn application(&self, id: ApplicationId) -> StoreResult<Versioned<Application>> {
        read!(self, |s| exam::application(&mut s, id))
    }

    async fn applications(&self, round: &RoundId) -> StoreResult<Vec<Versioned<Application>>> {
        read!(self, |s| exam::applications(&mut s, round))
    }

    async fn applications_of(
        &self,
        candidate: EnrollmentId,
    ) -> StoreResult<Vec<Versioned<Application>>> {
        read!(self, |s| exam::applications_of(&mut s, candidate))
    }

    async fn put_result(
        &self,
        meta: &CommandMeta,
        result: &ExamResult,
        expected: Option<Version>,
    ) -> StoreResult<Version> {
        write_tx!(self, |s| commands::put_result(
            &mut PgTransaction::new(&mut s),
            meta,
            result,
            expected
        ))
    }

    async fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> StoreResult<Version> {
        write_tx!(self, |s| commands::finalise_result(
            &mut PgTransaction::new(&mut s),
            meta,
            application,
            passed,
            expected
        ))
    }

    async fn result(
        &self,
        application: ApplicationId,
    ) -> StoreResult<Option<Versioned<ExamResult>>> {
        read!(self, |s| exam::result(&mut s, application))
    }

    async fn results(&self, round: &RoundId) -> StoreResult<Vec<Versioned<ExamResult>>> {
        read!(self, |s| exam::results(&mut s, round))
    }
}
