//! The storage traits of exams, blocking and async.

use super::records::*;
use crate::Inline;
use crate::StoreResult;
use crate::training::EnrollmentId;
use crate::{CommandMeta, IdempotencyKey, Version, Versioned};
use std::future::Future;

/// The external evaluation rounds (외부평가 회차), blocking. `&self` methods, usable as `dyn`.
///
/// Every command is one transaction with its audit line. `apply` and `cancel` take an
/// idempotency key: a retry with the same key and command returns the first answer, with
/// another command [`StoreError::IdempotencyConflict`](crate::StoreError::IdempotencyConflict).
///
/// # Example
/// ```
/// use cqnet_store::exam::{ExamStore, RoundId};
/// fn seats_left(store: &dyn ExamStore, round: &RoundId) -> cqnet_store::StoreResult<u64> {
///     Ok(store.venue_seats(round)?.iter().map(|s| u64::from(s.capacity - s.booked)).sum())
/// }
/// ```
pub trait ExamStore: crate::Store {
    /// Stores a round with its venues (all seats free).
    ///
    /// # Errors
    /// `AlreadyExists` for a known round id.
    ///
    /// # Example
    /// See the trait.
    fn create_round(&self, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version>;

    /// A round.
    ///
    /// # Errors
    /// `NotFound`.
    ///
    /// # Example
    /// See the trait.
    fn round(&self, id: &RoundId) -> StoreResult<Versioned<ExamRound>>;

    /// Every round, by id.
    ///
    /// # Example
    /// See the trait.
    fn rounds(&self) -> StoreResult<Vec<Versioned<ExamRound>>>;

    /// The seats of every venue of a round, in the round's order.
    ///
    /// # Errors
    /// `NotFound` for an unknown round.
    ///
    /// # Example
    /// See the trait.
    fn venue_seats(&self, round: &RoundId) -> StoreResult<Vec<VenueSeats>>;

    /// Everything an application is decided on (see [`ApplicationContext`]). The default
    /// reads it piece by piece; a store that can read it in one statement does so (PostgreSQL:
    /// one round trip instead of about a dozen).
    ///
    /// # Errors
    /// `NotFound` for an unknown round or enrollment; backend faults.
    ///
    /// # Example
    /// See [`ApplicationContext`].
    fn application_context(
        &self,
        round: &RoundId,
        candidate: EnrollmentId,
        venue: &VenueCode,
        key: &IdempotencyKey,
    ) -> StoreResult<ApplicationContext> {
        let this = self.round(round)?.value;
        let record = crate::training::TrainingRecord::read(self, candidate)?;
        let mut history = Vec::new();
        for past in self.applications_of(candidate)? {
            history.push(PastApplication {
                result: self.result(past.value.id)?.map(|r| r.value),
                round: self.round(&past.value.round)?.value,
                application: past.value,
            });
        }
        let venue = self
            .venue_seats(round)?
            .into_iter()
            .find(|s| s.venue == *venue);
        Ok(ApplicationContext {
            round: this,
            record,
            history,
            venue,
            key_recorded: self.command_recorded(key)?,
        })
    }

    /// Takes a seat at the venue, allocates the round's next exam number and stores the
    /// application, atomically. Exam numbers count up from 1 per round and are never reused.
    ///
    /// # Errors
    /// `NotFound` for an unknown round, venue or enrollment; `VenueFull` when no seat is left;
    /// `AlreadyExists` for a known application id or an active application of the same
    /// candidate in the round; `IdempotencyConflict`.
    ///
    /// # Example
    /// See the trait.
    fn apply(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewApplication,
    ) -> StoreResult<Versioned<Application>>;

    /// Cancels an active application and returns its seat, recording the refund, atomically.
    ///
    /// # Errors
    /// `NotFound`; `Conflict` for an application already cancelled or with a result;
    /// `IdempotencyConflict`.
    ///
    /// # Example
    /// See the trait.
    fn cancel(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        cancellation: &Cancellation,
    ) -> StoreResult<Versioned<Application>>;

    /// Records that the fee of an active application was paid.
    ///
    /// # Errors
    /// `NotFound`; `VersionConflict`; `Conflict` for a cancelled or paid application.
    ///
    /// # Example
    /// See the trait.
    fn record_payment(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        expected: Version,
    ) -> StoreResult<Version>;

    /// An application.
    ///
    /// # Errors
    /// `NotFound`.
    ///
    /// # Example
    /// See the trait.
    fn application(&self, id: ApplicationId) -> StoreResult<Versioned<Application>>;

    /// The applications of a round, by exam number.
    ///
    /// # Example
    /// See the trait.
    fn applications(&self, round: &RoundId) -> StoreResult<Vec<Versioned<Application>>>;

    /// The applications of a candidate, in every round (their attempts), by round id.
    ///
    /// # Example
    /// See the trait.
    fn applications_of(&self, candidate: EnrollmentId) -> StoreResult<Vec<Versioned<Application>>>;

    /// Enters or replaces the marks of an active application: `expected` is `None` for the
    /// first entry and the version read for a replacement.
    ///
    /// # Errors
    /// `NotFound` for an unknown application; `Conflict` for a cancelled application, for
    /// marks that do not match the application (round, candidate, number), or for a finalised
    /// result; `AlreadyExists` when `expected` is `None` but a result exists;
    /// `VersionConflict`.
    ///
    /// # Example
    /// See the trait.
    fn put_result(
        &self,
        meta: &CommandMeta,
        result: &ExamResult,
        expected: Option<Version>,
    ) -> StoreResult<Version>;

    /// Freezes a result with the pass decision.
    ///
    /// # Errors
    /// `NotFound`; `Conflict` for a result already finalised; `VersionConflict`.
    ///
    /// # Example
    /// See the trait.
    fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> StoreResult<Version>;

    /// The result of an application, if entered.
    ///
    /// # Example
    /// See the trait.
    fn result(&self, application: ApplicationId) -> StoreResult<Option<Versioned<ExamResult>>>;

    /// The results of a round, by exam number.
    ///
    /// # Example
    /// See the trait.
    fn results(&self, round: &RoundId) -> StoreResult<Vec<Versioned<ExamResult>>>;
}

/// The async twin of [`ExamStore`]: the same methods, returning futures that are `Send`.
///
/// # Example
/// ```
/// use cqnet_store::exam::{AsyncExamStore, RoundId};
/// async fn booked<S: AsyncExamStore>(store: &S, round: &RoundId) -> cqnet_store::StoreResult<u32> {
///     Ok(store.venue_seats(round).await?.iter().map(|s| s.booked).sum())
/// }
/// ```
pub trait AsyncExamStore: Send + Sync {
    /// See [`ExamStore::create_round`].
    fn create_round(
        &self,
        meta: &CommandMeta,
        round: &ExamRound,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// See [`ExamStore::round`].
    fn round(&self, id: &RoundId)
    -> impl Future<Output = StoreResult<Versioned<ExamRound>>> + Send;
    /// See [`ExamStore::rounds`].
    fn rounds(&self) -> impl Future<Output = StoreResult<Vec<Versioned<ExamRound>>>> + Send;
    /// See [`ExamStore::venue_seats`].
    fn venue_seats(
        &self,
        round: &RoundId,
    ) -> impl Future<Output = StoreResult<Vec<VenueSeats>>> + Send;
    /// See [`ExamStore::apply`].
    fn apply(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewApplication,
    ) -> impl Future<Output = StoreResult<Versioned<Application>>> + Send;
    /// See [`ExamStore::cancel`].
    fn cancel(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        cancellation: &Cancellation,
    ) -> impl Future<Output = StoreResult<Versioned<Application>>> + Send;
    /// See [`ExamStore::record_payment`].
    fn record_payment(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        expected: Version,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// See [`ExamStore::application`].
    fn application(
        &self,
        id: ApplicationId,
    ) -> impl Future<Output = StoreResult<Versioned<Application>>> + Send;
    /// See [`ExamStore::applications`].
    fn applications(
        &self,
        round: &RoundId,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Application>>>> + Send;
    /// See [`ExamStore::applications_of`].
    fn applications_of(
        &self,
        candidate: EnrollmentId,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Application>>>> + Send;
    /// See [`ExamStore::put_result`].
    fn put_result(
        &self,
        meta: &CommandMeta,
        result: &ExamResult,
        expected: Option<Version>,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// See [`ExamStore::finalise_result`].
    fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// See [`ExamStore::result`].
    fn result(
        &self,
        application: ApplicationId,
    ) -> impl Future<Output = StoreResult<Option<Versioned<ExamResult>>>> + Send;
    /// See [`ExamStore::results`].
    fn results(
        &self,
        round: &RoundId,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<ExamResult>>>> + Send;
}

/// Implements [`AsyncExamStore`] for a wrapper with a `run` method, as
/// [`forward_async_store!`](crate::forward_async_store) does for the training aggregates.
///
/// # Example
/// ```text
/// cqnet_store::forward_async_exam_store!(SpawnBlocking);
/// ```
#[macro_export]
macro_rules! forward_async_exam_store {
    ($wrapper:ident) => {
        const _: () = {
            use ::std::future::Future;
            use $crate::StoreResult;
            use $crate::exam::*;
            use $crate::training::{EnrollmentId};
use $crate::{CommandMeta, IdempotencyKey, Version, Versioned};

            impl<S: $crate::exam::ExamStore + 'static> $crate::exam::AsyncExamStore for $wrapper<S> {
                fn create_round(
                    &self,
                    meta: &CommandMeta,
                    round: &ExamRound,
                ) -> impl Future<Output = StoreResult<Version>> + Send {
                    let (meta, round) = (meta.clone(), round.clone());
                    self.run(move |s| ExamStore::create_round(s, &meta, &round))
                }
                fn round(
                    &self,
                    id: &RoundId,
                ) -> impl Future<Output = StoreResult<Versioned<ExamRound>>> + Send {
                    let id = id.clone();
                    self.run(move |s| ExamStore::round(s, &id))
                }
                fn rounds(
                    &self,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<ExamRound>>>> + Send {
                    self.run(move |s| ExamStore::rounds(s))
                }
                fn venue_seats(
                    &self,
                    round: &RoundId,
                ) -> impl Future<Output = StoreResult<Vec<VenueSeats>>> + Send {
                    let round = round.clone();
                    self.run(move |s| ExamStore::venue_seats(s, &round))
                }
                fn apply(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    new: &NewApplication,
                ) -> impl Future<Output = StoreResult<Versioned<Application>>> + Send {
                    let (meta, key, new) = (meta.clone(), key.clone(), new.clone());
                    self.run(move |s| ExamStore::apply(s, &meta, &key, &new))
                }
                fn cancel(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    cancellation: &Cancellation,
                ) -> impl Future<Output = StoreResult<Versioned<Application>>> + Send {
                    let (meta, key, c) = (meta.clone(), key.clone(), cancellation.clone());
                    self.run(move |s| ExamStore::cancel(s, &meta, &key, &c))
                }
                fn record_payment(
                    &self,
                    meta: &CommandMeta,
                    application: ApplicationId,
                    expected: Version,
                ) -> impl Future<Output = StoreResult<Version>> + Send {
                    let meta = meta.clone();
                    self.run(move |s| ExamStore::record_payment(s, &meta, application, expected))
                }
                fn application(
                    &self,
                    id: ApplicationId,
                ) -> impl Future<Output = StoreResult<Versioned<Application>>> + Send {
                    self.run(move |s| ExamStore::application(s, id))
                }
                fn applications(
                    &self,
                    round: &RoundId,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<Application>>>> + Send {
                    let round = round.clone();
                    self.run(move |s| ExamStore::applications(s, &round))
                }
                fn applications_of(
                    &self,
                    candidate: EnrollmentId,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<Application>>>> + Send {
                    self.run(move |s| ExamStore::applications_of(s, candidate))
                }
                fn put_result(
                    &self,
                    meta: &CommandMeta,
                    result: &ExamResult,
                    expected: Option<Version>,
                ) -> impl Future<Output = StoreResult<Version>> + Send {
                    let (meta, result) = (meta.clone(), result.clone());
                    self.run(move |s| ExamStore::put_result(s, &meta, &result, expected))
                }
                fn finalise_result(
                    &self,
                    meta: &CommandMeta,
                    application: ApplicationId,
                    passed: bool,
                    expected: Version,
                ) -> impl Future<Output = StoreResult<Version>> + Send {
                    let meta = meta.clone();
                    self.run(move |s| {
                        ExamStore::finalise_result(s, &meta, application, passed, expected)
                    })
                }
                fn result(
                    &self,
                    application: ApplicationId,
                ) -> impl Future<Output = StoreResult<Option<Versioned<ExamResult>>>> + Send {
                    self.run(move |s| ExamStore::result(s, application))
                }
                fn results(
                    &self,
                    round: &RoundId,
                ) -> impl Future<Output = StoreResult<Vec<Versioned<ExamResult>>>> + Send {
                    let round = round.clone();
                    self.run(move |s| ExamStore::results(s, &round))
                }
            }
        };
    };
}

crate::forward_async_exam_store!(Inline);
