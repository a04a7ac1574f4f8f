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
    /// ```
    /// use cqnet_store::{CommandMeta, StoreResult, Version};
    /// use cqnet_store::exam::{ExamRound, ExamStore};
    /// fn create_round(store: &dyn ExamStore, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version> {
    ///     store.create_round(meta, round)
    /// }
    /// ```
    fn create_round(&self, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version>;

    /// A round.
    ///
    /// # Errors
    /// `NotFound`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{ExamRound, ExamStore, RoundId};
    /// fn round(store: &dyn ExamStore, id: &RoundId) -> StoreResult<Versioned<ExamRound>> {
    ///     store.round(id)
    /// }
    /// ```
    fn round(&self, id: &RoundId) -> StoreResult<Versioned<ExamRound>>;

    /// Every round, by id.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{ExamRound, ExamStore};
    /// fn rounds(store: &dyn ExamStore) -> StoreResult<Vec<Versioned<ExamRound>>> {
    ///     store.rounds()
    /// }
    /// ```
    fn rounds(&self) -> StoreResult<Vec<Versioned<ExamRound>>>;

    /// The seats of every venue of a round, in the round's order.
    ///
    /// # Errors
    /// `NotFound` for an unknown round.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::exam::{ExamStore, RoundId, VenueSeats};
    /// fn venue_seats(store: &dyn ExamStore, round: &RoundId) -> StoreResult<Vec<VenueSeats>> {
    ///     store.venue_seats(round)
    /// }
    /// ```
    fn venue_seats(&self, round: &RoundId) -> StoreResult<Vec<VenueSeats>>;

    /// Takes a seat at the venue, allocates the round's next exam number and stores the
    /// application, atomically. Exam numbers count up from 1 per round and are never reused.
    ///
    /// # Errors
    /// `NotFound` for an unknown round, venue or enrollment; `VenueFull` when no seat is left;
    /// `AlreadyExists` for a known application id or an active application of the same
    /// candidate in the round; `IdempotencyConflict`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::exam::{Application, ExamStore, NewApplication};
    /// fn apply(store: &dyn ExamStore, meta: &CommandMeta, key: &IdempotencyKey, new: &NewApplication) -> StoreResult<Versioned<Application>> {
    ///     store.apply(meta, key, new)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::exam::{Application, Cancellation, ExamStore};
    /// fn cancel(store: &dyn ExamStore, meta: &CommandMeta, key: &IdempotencyKey, cancellation: &Cancellation) -> StoreResult<Versioned<Application>> {
    ///     store.cancel(meta, key, cancellation)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{CommandMeta, StoreResult, Version};
    /// use cqnet_store::exam::{ApplicationId, ExamStore};
    /// fn record_payment(store: &dyn ExamStore, meta: &CommandMeta, application: ApplicationId, expected: Version) -> StoreResult<Version> {
    ///     store.record_payment(meta, application, expected)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{Application, ApplicationId, ExamStore};
    /// fn application(store: &dyn ExamStore, id: ApplicationId) -> StoreResult<Versioned<Application>> {
    ///     store.application(id)
    /// }
    /// ```
    fn application(&self, id: ApplicationId) -> StoreResult<Versioned<Application>>;

    /// The applications of a round, by exam number.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{Application, ExamStore, RoundId};
    /// fn applications(store: &dyn ExamStore, round: &RoundId) -> StoreResult<Vec<Versioned<Application>>> {
    ///     store.applications(round)
    /// }
    /// ```
    fn applications(&self, round: &RoundId) -> StoreResult<Vec<Versioned<Application>>>;

    /// The applications of a candidate, in every round (their attempts), by round id.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{Application, ExamStore};
    /// use cqnet_store::training::EnrollmentId;
    /// fn applications_of(store: &dyn ExamStore, candidate: EnrollmentId) -> StoreResult<Vec<Versioned<Application>>> {
    ///     store.applications_of(candidate)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{CommandMeta, StoreResult, Version};
    /// use cqnet_store::exam::{ExamResult, ExamStore};
    /// fn put_result(store: &dyn ExamStore, meta: &CommandMeta, result: &ExamResult, expected: Option<Version>) -> StoreResult<Version> {
    ///     store.put_result(meta, result, expected)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{CommandMeta, StoreResult, Version};
    /// use cqnet_store::exam::{ApplicationId, ExamStore};
    /// fn finalise_result(store: &dyn ExamStore, meta: &CommandMeta, application: ApplicationId, passed: bool, expected: Version) -> StoreResult<Version> {
    ///     store.finalise_result(meta, application, passed, expected)
    /// }
    /// ```
    fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> StoreResult<Version>;

    /// The result of an application, if entered.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{ApplicationId, ExamResult, ExamStore};
    /// fn result(store: &dyn ExamStore, application: ApplicationId) -> StoreResult<Option<Versioned<ExamResult>>> {
    ///     store.result(application)
    /// }
    /// ```
    fn result(&self, application: ApplicationId) -> StoreResult<Option<Versioned<ExamResult>>>;

    /// The results of a round, by exam number.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{ExamResult, ExamStore, RoundId};
    /// fn results(store: &dyn ExamStore, round: &RoundId) -> StoreResult<Vec<Versioned<ExamResult>>> {
    ///     store.results(round)
    /// }
    /// ```
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
    /// Stores a round with its venues (all seats free).
    ///
    /// The async twin of [`ExamStore::create_round`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `AlreadyExists` for a known round id.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, StoreResult, Version};
    /// use cqnet_store::exam::{AsyncExamStore, ExamRound};
    /// async fn create_round<S: AsyncExamStore>(store: &S, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version> {
    ///     store.create_round(meta, round).await
    /// }
    /// ```
    fn create_round(
        &self,
        meta: &CommandMeta,
        round: &ExamRound,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// A round.
    ///
    /// The async twin of [`ExamStore::round`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{AsyncExamStore, ExamRound, RoundId};
    /// async fn round<S: AsyncExamStore>(store: &S, id: &RoundId) -> StoreResult<Versioned<ExamRound>> {
    ///     store.round(id).await
    /// }
    /// ```
    fn round(&self, id: &RoundId)
    -> impl Future<Output = StoreResult<Versioned<ExamRound>>> + Send;
    /// Every round, by id.
    ///
    /// The async twin of [`ExamStore::rounds`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{AsyncExamStore, ExamRound};
    /// async fn rounds<S: AsyncExamStore>(store: &S) -> StoreResult<Vec<Versioned<ExamRound>>> {
    ///     store.rounds().await
    /// }
    /// ```
    fn rounds(&self) -> impl Future<Output = StoreResult<Vec<Versioned<ExamRound>>>> + Send;
    /// The seats of every venue of a round, in the round's order.
    ///
    /// The async twin of [`ExamStore::venue_seats`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound` for an unknown round.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::exam::{AsyncExamStore, RoundId, VenueSeats};
    /// async fn venue_seats<S: AsyncExamStore>(store: &S, round: &RoundId) -> StoreResult<Vec<VenueSeats>> {
    ///     store.venue_seats(round).await
    /// }
    /// ```
    fn venue_seats(
        &self,
        round: &RoundId,
    ) -> impl Future<Output = StoreResult<Vec<VenueSeats>>> + Send;

    /// Everything an application is decided on (see [`ApplicationContext`]): the round, the
    /// candidate's training record, every earlier application with its round and result, the
    /// venue's seats and whether `key` is already recorded. The default reads it piece by
    /// piece (about a dozen reads); a store that can read it in one statement overrides it
    /// (the async PostgreSQL store: one round trip).
    ///
    /// # Errors
    /// `NotFound` for an unknown round or enrollment; backend faults.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::{AsyncExamStore, RoundId, VenueCode};
    /// use cqnet_store::training::EnrollmentId;
    /// use cqnet_store::{AsyncStore, IdempotencyKey, StoreResult};
    /// async fn earlier<S: AsyncStore + AsyncExamStore>(store: &S, round: &RoundId, who: EnrollmentId, venue: &VenueCode) -> StoreResult<usize> {
    ///     let key = IdempotencyKey::new("apply-1").map_err(|e| cqnet_store::StoreError::unavailable(cqnet_store::UnavailableKind::Backend, e.to_string()))?;
    ///     Ok(store.application_context(round, who, venue, &key).await?.history.len())
    /// }
    /// ```
    fn application_context(
        &self,
        round: &RoundId,
        candidate: EnrollmentId,
        venue: &VenueCode,
        key: &IdempotencyKey,
    ) -> impl Future<Output = StoreResult<ApplicationContext>> + Send
    where
        Self: crate::AsyncStore + Sized,
    {
        async move {
            let this = self.round(round).await?.value;
            let record = crate::training::TrainingRecord::read(self, candidate).await?;
            let mut history = Vec::new();
            for past in self.applications_of(candidate).await? {
                history.push(PastApplication {
                    result: self.result(past.value.id).await?.map(|r| r.value),
                    round: self.round(&past.value.round).await?.value,
                    application: past.value,
                });
            }
            let venue = self
                .venue_seats(round)
                .await?
                .into_iter()
                .find(|s| s.venue == *venue);
            Ok(ApplicationContext {
                round: this,
                record,
                history,
                venue,
                key_recorded: self.command_recorded(key).await?,
            })
        }
    }

    /// Takes a seat at the venue, allocates the round's next exam number and stores the
    /// application, atomically. Exam numbers count up from 1 per round and are never reused.
    ///
    /// The async twin of [`ExamStore::apply`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound` for an unknown round, venue or enrollment; `VenueFull` when no seat is left;
    /// `AlreadyExists` for a known application id or an active application of the same
    /// candidate in the round; `IdempotencyConflict`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::exam::{Application, AsyncExamStore, NewApplication};
    /// async fn apply<S: AsyncExamStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, new: &NewApplication) -> StoreResult<Versioned<Application>> {
    ///     store.apply(meta, key, new).await
    /// }
    /// ```
    fn apply(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewApplication,
    ) -> impl Future<Output = StoreResult<Versioned<Application>>> + Send;
    /// Cancels an active application and returns its seat, recording the refund, atomically.
    ///
    /// The async twin of [`ExamStore::cancel`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound`; `Conflict` for an application already cancelled or with a result;
    /// `IdempotencyConflict`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult, Versioned};
    /// use cqnet_store::exam::{Application, AsyncExamStore, Cancellation};
    /// async fn cancel<S: AsyncExamStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, cancellation: &Cancellation) -> StoreResult<Versioned<Application>> {
    ///     store.cancel(meta, key, cancellation).await
    /// }
    /// ```
    fn cancel(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        cancellation: &Cancellation,
    ) -> impl Future<Output = StoreResult<Versioned<Application>>> + Send;
    /// Records that the fee of an active application was paid.
    ///
    /// The async twin of [`ExamStore::record_payment`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound`; `VersionConflict`; `Conflict` for a cancelled or paid application.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, StoreResult, Version};
    /// use cqnet_store::exam::{ApplicationId, AsyncExamStore};
    /// async fn record_payment<S: AsyncExamStore>(store: &S, meta: &CommandMeta, application: ApplicationId, expected: Version) -> StoreResult<Version> {
    ///     store.record_payment(meta, application, expected).await
    /// }
    /// ```
    fn record_payment(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        expected: Version,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// An application.
    ///
    /// The async twin of [`ExamStore::application`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{Application, ApplicationId, AsyncExamStore};
    /// async fn application<S: AsyncExamStore>(store: &S, id: ApplicationId) -> StoreResult<Versioned<Application>> {
    ///     store.application(id).await
    /// }
    /// ```
    fn application(
        &self,
        id: ApplicationId,
    ) -> impl Future<Output = StoreResult<Versioned<Application>>> + Send;
    /// The applications of a round, by exam number.
    ///
    /// The async twin of [`ExamStore::applications`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{Application, AsyncExamStore, RoundId};
    /// async fn applications<S: AsyncExamStore>(store: &S, round: &RoundId) -> StoreResult<Vec<Versioned<Application>>> {
    ///     store.applications(round).await
    /// }
    /// ```
    fn applications(
        &self,
        round: &RoundId,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Application>>>> + Send;
    /// The applications of a candidate, in every round (their attempts), by round id.
    ///
    /// The async twin of [`ExamStore::applications_of`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{Application, AsyncExamStore};
    /// use cqnet_store::training::EnrollmentId;
    /// async fn applications_of<S: AsyncExamStore>(store: &S, candidate: EnrollmentId) -> StoreResult<Vec<Versioned<Application>>> {
    ///     store.applications_of(candidate).await
    /// }
    /// ```
    fn applications_of(
        &self,
        candidate: EnrollmentId,
    ) -> impl Future<Output = StoreResult<Vec<Versioned<Application>>>> + Send;
    /// Enters or replaces the marks of an active application: `expected` is `None` for the
    /// first entry and the version read for a replacement.
    ///
    /// The async twin of [`ExamStore::put_result`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound` for an unknown application; `Conflict` for a cancelled application, for
    /// marks that do not match the application (round, candidate, number), or for a finalised
    /// result; `AlreadyExists` when `expected` is `None` but a result exists;
    /// `VersionConflict`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, StoreResult, Version};
    /// use cqnet_store::exam::{AsyncExamStore, ExamResult};
    /// async fn put_result<S: AsyncExamStore>(store: &S, meta: &CommandMeta, result: &ExamResult, expected: Option<Version>) -> StoreResult<Version> {
    ///     store.put_result(meta, result, expected).await
    /// }
    /// ```
    fn put_result(
        &self,
        meta: &CommandMeta,
        result: &ExamResult,
        expected: Option<Version>,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// Freezes a result with the pass decision.
    ///
    /// The async twin of [`ExamStore::finalise_result`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound`; `Conflict` for a result already finalised; `VersionConflict`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, StoreResult, Version};
    /// use cqnet_store::exam::{ApplicationId, AsyncExamStore};
    /// async fn finalise_result<S: AsyncExamStore>(store: &S, meta: &CommandMeta, application: ApplicationId, passed: bool, expected: Version) -> StoreResult<Version> {
    ///     store.finalise_result(meta, application, passed, expected).await
    /// }
    /// ```
    fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> impl Future<Output = StoreResult<Version>> + Send;
    /// The result of an application, if entered.
    ///
    /// The async twin of [`ExamStore::result`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{ApplicationId, AsyncExamStore, ExamResult};
    /// async fn result<S: AsyncExamStore>(store: &S, application: ApplicationId) -> StoreResult<Option<Versioned<ExamResult>>> {
    ///     store.result(application).await
    /// }
    /// ```
    fn result(
        &self,
        application: ApplicationId,
    ) -> impl Future<Output = StoreResult<Option<Versioned<ExamResult>>>> + Send;
    /// The results of a round, by exam number.
    ///
    /// The async twin of [`ExamStore::results`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{StoreResult, Versioned};
    /// use cqnet_store::exam::{AsyncExamStore, ExamResult, RoundId};
    /// async fn results<S: AsyncExamStore>(store: &S, round: &RoundId) -> StoreResult<Vec<Versioned<ExamResult>>> {
    ///     store.results(round).await
    /// }
    /// ```
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
