//! The exam commands, written once over the [unit of work](crate::unit_of_work): rounds, the
//! application that takes a seat and an exam number, its cancellation and payment, and the
//! result from entry to finalisation (결과 확정). Every back end runs them inside one of its
//! transactions (PostgreSQL keeps a measured one-statement form of `apply` beside it).
//!
//! # Example
//! ```
//! use cqnet_store::exam::commands::finalised;
//! use cqnet_store::exam::ApplicationId;
//! assert!(finalised(ApplicationId::from_u128(1)).to_string().contains("결과 확정"));
//! ```

use cqnet_core::application::StateRefusal;
use cqnet_core::exam::ExamNumber;

use crate::ConflictKind;
use crate::exam::{
    Application, ApplicationId, ApplicationStatus, Cancellation, ExamResult, ExamRound,
    NewApplication, PaymentState,
};
use crate::idempotency::{encode_result, fingerprint, replay};
use crate::training::commands::{check_version, not_found};
use crate::unit_of_work::{ExamTransaction, Lock, Seat};
use crate::{CommandMeta, IdempotencyKey, StoreError, StoreResult, Version, Versioned};

/// Opens an exam round (시행 회차) with its venues: the command of
/// [`ExamStore::create_round`](crate::exam::ExamStore::create_round).
///
/// # Errors
/// [`StoreError::AlreadyExists`] for a round id taken; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::exam::{commands, ExamRound};
/// use cqnet_store::unit_of_work::{complete_now, ExamTransaction};
/// use cqnet_store::{CommandMeta, StoreError, Version};
/// fn run<T: ExamTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, r: &ExamRound) -> Result<Version, StoreError> {
///     complete_now(commands::create_round(tx, meta, r))?
/// }
/// ```
pub async fn create_round<T: ExamTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    round: &ExamRound,
) -> Result<Version, T::Error> {
    let id = round.id();
    if tx.round(&id).await?.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "round",
            key: id.to_string(),
        }
        .into());
    }
    tx.insert_round(round).await?;
    tx.audit(meta, "create_round", &format!("round {id}"))
        .await?;
    Ok(Version::FIRST)
}

/// Applies for an exam round, idempotent by key: the command of
/// [`ExamStore::apply`](crate::exam::ExamStore::apply). One active application per candidate
/// and round; a seat at the venue taken atomically; the next exam number (수험번호) of the
/// round, composed by the core.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown enrollment, round or venue;
/// [`StoreError::AlreadyExists`] for an id taken or an active application of the candidate in
/// the round; [`StoreError::VenueFull`]; [`StoreError::Conflict`] when the round has no exam
/// number left; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::exam::{commands, Application, NewApplication};
/// use cqnet_store::unit_of_work::{complete_now, ExamTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: ExamTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, new: &NewApplication) -> Result<Versioned<Application>, StoreError> {
///     complete_now(commands::apply(tx, meta, key, new))?
/// }
/// ```
pub async fn apply<T: ExamTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    new: &NewApplication,
) -> Result<Versioned<Application>, T::Error> {
    let print = fingerprint("apply", &meta.actor, &new.idempotency_payload())?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    if tx.enrollment(new.candidate, Lock::None).await?.is_none() {
        return Err(not_found("enrollment", new.candidate).into());
    }
    let round = tx
        .round(&new.round)
        .await?
        .ok_or_else(|| not_found("round", &new.round))?;
    let taken = if tx.application(new.id, Lock::None).await?.is_some() {
        Some(new.id.to_string())
    } else if tx.has_active_application(&new.round, new.candidate).await? {
        Some(format!("{} in round {}", new.candidate, new.round))
    } else {
        None
    };
    if let Some(taken) = taken {
        // A retry racing its own first attempt may find the application committed after it
        // looked at the key: it looks again, and answers as a retry if the key is there now.
        if let Some(kept) = tx.recorded(key).await? {
            return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
        }
        return Err(StoreError::AlreadyExists {
            what: "application",
            key: taken,
        }
        .into());
    }
    match tx.take_seat(&new.round, &new.venue).await? {
        Seat::Taken => {}
        Seat::Full { capacity } => {
            return Err(StoreError::VenueFull {
                venue: new.venue.to_string(),
                capacity,
            }
            .into());
        }
        Seat::NoSuchVenue => {
            return Err(not_found("venue", format!("{}/{}", new.round, new.venue)).into());
        }
    }
    let sequence = tx.next_sequence(&new.round).await?;
    let number = number_of(&round.value, sequence)?;
    let application = Application {
        id: new.id,
        round: new.round.clone(),
        candidate: new.candidate,
        qualification: new.qualification.clone(),
        venue: new.venue.clone(),
        fee: new.fee,
        number,
        status: ApplicationStatus::Active,
        payment: PaymentState::Unpaid,
        applied_at: meta.at,
    };
    tx.insert_application(&application).await?;
    let subject = format!(
        "application {} ({}) of {} at {}",
        new.id, application.number, new.candidate, new.venue
    );
    tx.audit(meta, "apply", &subject).await?;
    let value = Versioned {
        value: application,
        version: Version::FIRST,
    };
    tx.record(key, &print, encode_result(&value)?).await?;
    Ok(value)
}

/// The exam number of the `sequence`-th application of a round, composed by the core.
fn number_of(round: &ExamRound, sequence: u64) -> StoreResult<ExamNumber> {
    let exhausted = || {
        StoreError::conflict(
            ConflictKind::NumbersExhausted,
            format!(
                "round {} has no exam number left (sequence {sequence})",
                round.id()
            ),
        )
    };
    let sequence = u32::try_from(sequence).map_err(|_| exhausted())?;
    ExamNumber::compose(round.plan(), sequence).map_err(|_| exhausted())
}

/// Cancels an application, idempotent by key: the command of
/// [`ExamStore::cancel`](crate::exam::ExamStore::cancel). Its seat is freed; a paid fee is
/// marked refunded with the amount the caller decided; an application with a result cannot
/// be cancelled (the core's `check_cancellation`).
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Conflict`] for a cancelled application or one
/// with a result; [`StoreError::Corrupt`] when no seat was booked to free;
/// [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::exam::{commands, Application, Cancellation};
/// use cqnet_store::unit_of_work::{complete_now, ExamTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: ExamTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, c: &Cancellation) -> Result<Versioned<Application>, StoreError> {
///     complete_now(commands::cancel(tx, meta, key, c))?
/// }
/// ```
pub async fn cancel<T: ExamTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    c: &Cancellation,
) -> Result<Versioned<Application>, T::Error> {
    let print = fingerprint("cancel", &meta.actor, c)?;
    let current = tx.application(c.application, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let mut current = current.ok_or_else(|| not_found("application", c.application))?;
    let has_result = tx.result(c.application, Lock::None).await?.is_some();
    check_cancellation(&current.value, has_result)?;
    current.value.status = ApplicationStatus::Cancelled {
        at: meta.at,
        reason: c.reason,
        refund: c.refund,
    };
    if current.value.payment == PaymentState::Paid {
        current.value.payment = PaymentState::Refunded { amount: c.refund };
    }
    current.version = current.version.next();
    let a = &current.value;
    tx.replace_application(a, current.version).await?;
    if !tx.free_seat(&a.round, &a.venue).await? {
        return Err(StoreError::Corrupt {
            what: "venue seats",
            detail: format!("venue {}/{} had no seat booked to free", a.round, a.venue),
        }
        .into());
    }
    let subject = format!("application {} refund {}", a.id, c.refund);
    tx.audit(meta, "cancel", &subject).await?;
    tx.record(key, &print, encode_result(&current)?).await?;
    Ok(current)
}

/// Records the payment of an application's fee at the version the caller read: the command of
/// [`ExamStore::record_payment`](crate::exam::ExamStore::record_payment) (the core's
/// `check_payment`: an active, unpaid application).
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::VersionConflict`]; [`StoreError::Conflict`] for a
/// cancelled or paid application; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::exam::{commands, ApplicationId};
/// use cqnet_store::unit_of_work::{complete_now, ExamTransaction};
/// use cqnet_store::{CommandMeta, StoreError, Version};
/// fn run<T: ExamTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, id: ApplicationId) -> Result<Version, StoreError> {
///     complete_now(commands::record_payment(tx, meta, id, Version::FIRST))?
/// }
/// ```
pub async fn record_payment<T: ExamTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    application: ApplicationId,
    expected: Version,
) -> Result<Version, T::Error> {
    let mut current = tx
        .application(application, Lock::ForUpdate)
        .await?
        .ok_or_else(|| not_found("application", application))?;
    check_version("application", application, expected, current.version)?;
    check_payment(&current.value)?;
    current.value.payment = PaymentState::Paid;
    current.version = current.version.next();
    tx.replace_application(&current.value, current.version)
        .await?;
    tx.audit(
        meta,
        "record_payment",
        &format!("application {application}"),
    )
    .await?;
    Ok(current.version)
}

/// Enters or changes the marks of an application's result (`expected`: `None` for the first
/// entry, the version read for a change): the command of
/// [`ExamStore::put_result`](crate::exam::ExamStore::put_result). A finalised result never
/// changes; the pass decision is left for finalisation.
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::AlreadyExists`] for a first entry of a result
/// entered already; [`StoreError::VersionConflict`]; [`StoreError::Conflict`] for a result
/// that does not match its application, a cancelled application, or a finalised result; the
/// back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::exam::{commands, ExamResult};
/// use cqnet_store::unit_of_work::{complete_now, ExamTransaction};
/// use cqnet_store::{CommandMeta, StoreError, Version};
/// fn run<T: ExamTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, r: &ExamResult) -> Result<Version, StoreError> {
///     complete_now(commands::put_result(tx, meta, r, None))?
/// }
/// ```
pub async fn put_result<T: ExamTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    result: &ExamResult,
    expected: Option<Version>,
) -> Result<Version, T::Error> {
    let id = result.application;
    let app = tx
        .application(id, Lock::ForUpdate)
        .await?
        .ok_or_else(|| not_found("application", id))?;
    check_result_matches(&app.value, result)?;
    let mut stored = result.clone();
    stored.passed = None;
    stored.finalised = false;
    let version = match (tx.result(id, Lock::ForUpdate).await?, expected) {
        (None, None) => {
            tx.insert_result(&stored).await?;
            Version::FIRST
        }
        (None, Some(_)) => return Err(not_found("result", id).into()),
        (Some(_), None) => {
            return Err(StoreError::AlreadyExists {
                what: "result",
                key: id.to_string(),
            }
            .into());
        }
        (Some(current), Some(expected)) => {
            check_version("result", id, expected, current.version)?;
            if current.value.finalised {
                return Err(finalised(id).into());
            }
            let next = current.version.next();
            tx.replace_result(&stored, next).await?;
            next
        }
    };
    tx.audit(meta, "put_result", &format!("result of application {id}"))
        .await?;
    Ok(version)
}

/// Finalises a result with the pass decision (결과 확정) at the version the caller read: the
/// command of [`ExamStore::finalise_result`](crate::exam::ExamStore::finalise_result).
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::VersionConflict`]; [`StoreError::Conflict`] for a
/// result finalised already; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::exam::{commands, ApplicationId};
/// use cqnet_store::unit_of_work::{complete_now, ExamTransaction};
/// use cqnet_store::{CommandMeta, StoreError, Version};
/// fn run<T: ExamTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, id: ApplicationId) -> Result<Version, StoreError> {
///     complete_now(commands::finalise_result(tx, meta, id, true, Version::FIRST))?
/// }
/// ```
pub async fn finalise_result<T: ExamTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    application: ApplicationId,
    passed: bool,
    expected: Version,
) -> Result<Version, T::Error> {
    let mut current = tx
        .result(application, Lock::ForUpdate)
        .await?
        .ok_or_else(|| not_found("result", application))?;
    check_version("result", application, expected, current.version)?;
    if current.value.finalised {
        return Err(finalised(application).into());
    }
    current.value.passed = Some(passed);
    current.value.finalised = true;
    current.version = current.version.next();
    tx.replace_result(&current.value, current.version).await?;
    let subject = format!("result of application {application}: passed {passed}");
    tx.audit(meta, "finalise_result", &subject).await?;
    Ok(current.version)
}

/// Refuses a result that does not belong to its application, or for a cancelled one.
fn check_result_matches(app: &Application, result: &ExamResult) -> StoreResult<()> {
    if !app.status.is_active() {
        return Err(StoreError::conflict(
            ConflictKind::ApplicationCancelled,
            format!("application {} is cancelled", app.id),
        ));
    }
    if app.round != result.round || app.candidate != result.candidate || app.number != result.number
    {
        return Err(StoreError::conflict(
            ConflictKind::ResultMismatch,
            format!(
                "the result does not match application {} (round, candidate, exam number)",
                app.id
            ),
        ));
    }
    Ok(())
}

/// The refusal of a change to a finalised result.
///
/// # Example
/// See [the module](self).
pub fn finalised(id: ApplicationId) -> StoreError {
    StoreError::conflict(
        ConflictKind::ResultFinalised,
        format!("the result of application {id} is finalised (결과 확정) and cannot change"),
    )
}

/// Refuses a payment the core does not allow ([`cqnet_core::application::check_payment`]).
fn check_payment(app: &Application) -> StoreResult<()> {
    match cqnet_core::application::check_payment(
        app.status.is_active(),
        app.payment == PaymentState::Unpaid,
    ) {
        None => Ok(()),
        Some(_) => Err(StoreError::conflict(
            ConflictKind::CancelledOrPaid,
            format!("application {} is cancelled or paid already", app.id),
        )),
    }
}

/// Refuses a cancellation the core does not allow
/// ([`cqnet_core::application::check_cancellation`]).
fn check_cancellation(app: &Application, has_result: bool) -> StoreResult<()> {
    match cqnet_core::application::check_cancellation(app.status.is_active(), has_result) {
        None => Ok(()),
        Some(StateRefusal::HasResult) => Err(StoreError::conflict(
            ConflictKind::HasResult,
            format!(
                "application {} has a result and cannot be cancelled",
                app.id
            ),
        )),
        Some(_) => Err(StoreError::conflict(
            ConflictKind::ApplicationCancelled,
            format!("application {} is already cancelled", app.id),
        )),
    }
}
