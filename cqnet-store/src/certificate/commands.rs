//! The certificate commands, written once over the [unit of work](crate::unit_of_work): the
//! first issue (발급) of a pass, the reissue (재발급) of a document, the cancellation (자격
//! 취소) of a qualification and the confirmation document (자격취득사실 확인서). Every back end
//! runs them inside one of its transactions, so the numbers they take, the documents they
//! store, their audit line and their idempotency key commit together or not at all.
//!
//! What every command checks, once for all back ends:
//!
//! - a retry under a recorded key answers what the first call answered, and the same key for
//!   another payload is [`StoreError::IdempotencyConflict`];
//! - one certificate per pass and one reissue per document: a document stored under the issue
//!   key already is the answer, and nothing is allocated;
//! - a notebook's inner-page number (내지번호) is used once;
//! - numbers come from counters advanced in the command's transaction, so a refused command
//!   takes no number;
//! - a qualification is cancelled once.
//!
//! The store decides no rule: the core built the decisions the commands carry, and builds the
//! documents from them ([`Certificate::issue`], [`Certificate::reissue`]).
//!
//! # Example
//! ```
//! use cqnet_core::certificate::Certificate;
//! use cqnet_store::certificate::{commands, NewCertificate};
//! use cqnet_store::unit_of_work::{complete_now, CertificateTransaction};
//! use cqnet_store::{CommandMeta, IdempotencyKey, StoreError};
//! fn run<T: CertificateTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, new: &NewCertificate) -> Result<Certificate, StoreError> {
//!     complete_now(commands::issue(tx, meta, key, new))?
//! }
//! ```

use chrono::{DateTime, FixedOffset, NaiveDate};
use cqnet_core::certificate::{
    Allocation, Certificate, ConfirmationDocument, ConfirmationNumber, InnerPageNumber,
    ManagementNumber, QualificationNumber, QualificationRecord,
};
use serde::Serialize;

use super::records::{NewCertificate, NewConfirmation, NewReissue, NewRevocation};
use crate::ConflictKind;
use crate::idempotency::{Fingerprint, encode_result, fingerprint, replay};
use crate::training::commands::not_found;
use crate::unit_of_work::{CertificateCounter, CertificateTransaction, Lock};
use crate::{CommandMeta, IdempotencyKey, StoreError, StoreResult};

/// Issues the certificate of a pass, idempotent by key: the command of
/// [`CertificateStore::issue`](crate::certificate::CertificateStore::issue). The
/// qualification number's serial (per pass year) and the management number's sequence (per
/// Korean issue day and office) are taken from their counters; a pass issued already answers
/// its certificate and takes no number.
///
/// # Errors
/// [`StoreError::AlreadyExists`] for an inner-page number used already;
/// [`StoreError::Conflict`] when a year's serials or a day's management numbers run out or the
/// core refuses to build the certificate; [`StoreError::IdempotencyConflict`]; the back end's
/// failures.
///
/// # Example
/// See [the module](self).
pub async fn issue<T: CertificateTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    new: &NewCertificate,
) -> Result<Certificate, T::Error> {
    const COMMAND: &str = "issue_certificate";
    let print = fingerprint(COMMAND, &meta.actor, &new.retry_payload())?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let issue_key = new.issue_key();
    if let Some(existing) = tx.certificate_for(issue_key).await? {
        let subject = format!("{} (issued before)", subject(&existing));
        return answer(tx, meta, COMMAND, &subject, key, &print, existing).await;
    }
    check_page(tx, new.inner_page_number()).await?;
    let day = pass_date(new)?;
    let serial = tx.next_number(&CertificateCounter::serial(day)).await?;
    let management = CertificateCounter::management(new.issued_at(), new.office());
    let sequence = tx.next_number(&management).await?;
    let certificate = build_issue(
        new,
        qualification_number(day, serial)?,
        management_number(new.issued_at(), new.office(), sequence)?,
    )?;
    tx.insert_record(&certificate, issue_key).await?;
    let subject = subject(&certificate);
    answer(tx, meta, COMMAND, &subject, key, &print, certificate).await
}

/// Reissues a document, idempotent by key: the command of
/// [`CertificateStore::reissue`](crate::certificate::CertificateStore::reissue). The new
/// document keeps the qualification number, takes the next management number of its day and
/// office, and supersedes the previous one; a document superseded already answers the reissue
/// that supersedes it (a [`NewReissue::retry`] too) and takes no number.
///
/// Reissues of one qualification queue on it ([`Lock::ForUpdate`]): a concurrent retry has
/// committed by the time the command looks at its key.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown previous document; [`StoreError::AlreadyExists`]
/// for an inner-page number used already; [`StoreError::Conflict`] when the day's management
/// numbers run out or the core refuses to build the reissue;
/// [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_core::certificate::Certificate;
/// use cqnet_store::certificate::{commands, NewReissue};
/// use cqnet_store::unit_of_work::{complete_now, CertificateTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError};
/// fn run<T: CertificateTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, new: &NewReissue) -> Result<Certificate, StoreError> {
///     complete_now(commands::reissue(tx, meta, key, new))?
/// }
/// ```
pub async fn reissue<T: CertificateTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    new: &NewReissue,
) -> Result<Certificate, T::Error> {
    const COMMAND: &str = "reissue_certificate";
    let print = fingerprint(COMMAND, &meta.actor, &new.retry_payload())?;
    let previous_number = &new.request().previous;
    let previous = tx.certificate(previous_number, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let previous = previous.ok_or_else(|| not_found("certificate", previous_number))?;
    let issue_key = new.issue_key();
    if let Some(existing) = tx.certificate_for(issue_key).await? {
        let subject = format!("{} (reissued before)", subject(&existing));
        return answer(tx, meta, COMMAND, &subject, key, &print, existing).await;
    }
    check_page(tx, new.inner_page_number()).await?;
    let management = CertificateCounter::management(new.issued_at(), new.office());
    let sequence = tx.next_number(&management).await?;
    let certificate = build_reissue(
        &previous,
        new,
        management_number(new.issued_at(), new.office(), sequence)?,
    )?;
    tx.insert_document(&certificate, issue_key).await?;
    let subject = format!("{} supersedes {previous_number}", subject(&certificate));
    answer(tx, meta, COMMAND, &subject, key, &print, certificate).await
}

/// Records the cancellation of a qualification, idempotent by key, and answers the record
/// with it: the command of
/// [`CertificateStore::revoke`](crate::certificate::CertificateStore::revoke). Every document
/// stays in the history.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown qualification; [`StoreError::AlreadyExists`] when it
/// is cancelled already; [`StoreError::Corrupt`] for a cancellation the stored record cannot
/// take; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_core::certificate::QualificationRecord;
/// use cqnet_store::certificate::{commands, NewRevocation};
/// use cqnet_store::unit_of_work::{complete_now, CertificateTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError};
/// fn run<T: CertificateTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, new: &NewRevocation) -> Result<QualificationRecord, StoreError> {
///     complete_now(commands::revoke(tx, meta, key, new))?
/// }
/// ```
pub async fn revoke<T: CertificateTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    new: &NewRevocation,
) -> Result<QualificationRecord, T::Error> {
    const COMMAND: &str = "revoke_qualification";
    let print = fingerprint(COMMAND, &meta.actor, &new.retry_payload())?;
    let number = &new.number;
    let current = tx.qualification_record(number, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let current = current.ok_or_else(|| not_found("qualification", number))?;
    if current.revocation().is_some() {
        return Err(StoreError::AlreadyExists {
            what: "revocation",
            key: number.to_string(),
        }
        .into());
    }
    let r = &new.revocation;
    tx.insert_revocation(number, r).await?;
    // Read back after the write: what others committed while the command waited for the lock
    // is in it, and the core checks the record with its cancellation.
    let kept = tx
        .qualification_record(number, Lock::None)
        .await?
        .ok_or_else(|| not_found("qualification", number))?;
    let subject = format!(
        "qualification {number} revoked from {} ({:?})",
        r.at, r.reason
    );
    answer(tx, meta, COMMAND, &subject, key, &print, kept).await
}

/// Issues a confirmation document of a stored qualification, idempotent by key: the command
/// of [`CertificateStore::issue_confirmation`](crate::certificate::CertificateStore::issue_confirmation).
/// Its number `HRD-YYYYMMDDhhmmss-NNNNN` takes the next sequence of its Korean day.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown qualification; [`StoreError::Conflict`] when the
/// day's numbers run out; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_core::certificate::ConfirmationDocument;
/// use cqnet_store::certificate::{commands, NewConfirmation};
/// use cqnet_store::unit_of_work::{complete_now, CertificateTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError};
/// fn run<T: CertificateTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, new: &NewConfirmation) -> Result<ConfirmationDocument, StoreError> {
///     complete_now(commands::issue_confirmation(tx, meta, key, new))?
/// }
/// ```
pub async fn issue_confirmation<T: CertificateTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    new: &NewConfirmation,
) -> Result<ConfirmationDocument, T::Error> {
    const COMMAND: &str = "issue_confirmation";
    let print = fingerprint(COMMAND, &meta.actor, &new.retry_payload())?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let qualification = &new.qualification_number;
    if tx
        .qualification_record(qualification, Lock::None)
        .await?
        .is_none()
    {
        return Err(not_found("qualification", qualification).into());
    }
    let sequence = tx
        .next_number(&CertificateCounter::confirmation(new.issued_at))
        .await?;
    let document = confirmation_document(new, confirmation_number(new.issued_at, sequence)?);
    tx.insert_confirmation(&document).await?;
    let subject = format!("confirmation {} of {qualification}", document.number);
    answer(tx, meta, COMMAND, &subject, key, &print, document).await
}

/// Ends a command that succeeded: its audit line (`command`, `subject`), then its answer kept
/// under its idempotency key (`key`, `print`).
async fn answer<T: CertificateTransaction, V: Serialize>(
    tx: &mut T,
    meta: &CommandMeta,
    command: &str,
    subject: &str,
    key: &IdempotencyKey,
    print: &Fingerprint,
    value: V,
) -> Result<V, T::Error> {
    tx.audit(meta, command, subject).await?;
    tx.record(key, print, encode_result(&value)?).await?;
    Ok(value)
}

/// Refuses a notebook's inner-page number that a stored notebook carries.
async fn check_page<T: CertificateTransaction>(
    tx: &mut T,
    page: Option<&InnerPageNumber>,
) -> Result<(), T::Error> {
    if let Some(page) = page
        && tx.inner_page_used(page).await?
    {
        return Err(StoreError::AlreadyExists {
            what: "inner-page number",
            key: page.to_string(),
        }
        .into());
    }
    Ok(())
}

/// The audit subject of a document.
fn subject(c: &Certificate) -> String {
    format!(
        "certificate {} of {} ({})",
        c.management_number(),
        c.number(),
        c.spec().candidate
    )
}

/// The pass date of a first issue (its key exists only for a pass).
fn pass_date(new: &NewCertificate) -> StoreResult<NaiveDate> {
    new.request().pass.status.pass_date().ok_or_else(|| {
        StoreError::conflict(
            ConflictKind::NotAPass,
            "a certificate is issued only for a pass",
        )
    })
}

/// The refusal of a counter that has no number left.
fn exhausted(what: &str, counter: &CertificateCounter, value: u64) -> StoreError {
    StoreError::conflict(
        ConflictKind::NumbersExhausted,
        format!(
            "no {what} is left in {} (counter at {value}); 발급 번호 소진",
            counter.scope()
        ),
    )
}

/// A counter's value as a sequence of a number's layout (1 to `max`).
fn sequence(value: u64, max: u32, what: &str, counter: &CertificateCounter) -> StoreResult<u32> {
    u32::try_from(value)
        .ok()
        .filter(|v| (1..=max).contains(v))
        .ok_or_else(|| exhausted(what, counter, value))
}

/// The qualification number of the `serial`-th pass of the year of `pass_date`.
fn qualification_number(pass_date: NaiveDate, serial: u64) -> StoreResult<QualificationNumber> {
    let counter = CertificateCounter::serial(pass_date);
    let serial = sequence(serial, 999_999_999, "qualification number serial", &counter)?;
    QualificationNumber::compose(pass_date, serial).map_err(|e| {
        StoreError::conflict(
            ConflictKind::NumbersExhausted,
            format!("qualification number: {e}"),
        )
    })
}

/// The management number of the `n`-th document of the day and office.
fn management_number(
    issued_at: DateTime<FixedOffset>,
    office: u8,
    n: u64,
) -> StoreResult<ManagementNumber> {
    let counter = CertificateCounter::management(issued_at, office);
    let n = sequence(n, 999_999, "management number", &counter)?;
    ManagementNumber::compose(issued_at, office, n).map_err(|e| {
        StoreError::conflict(
            ConflictKind::NumbersExhausted,
            format!("management number: {e}"),
        )
    })
}

/// The number of the `n`-th confirmation document of the day.
fn confirmation_number(
    issued_at: DateTime<FixedOffset>,
    n: u64,
) -> StoreResult<ConfirmationNumber> {
    let counter = CertificateCounter::confirmation(issued_at);
    let n = sequence(n, 99_999, "confirmation document number", &counter)?;
    ConfirmationNumber::compose(issued_at, n).map_err(|e| {
        StoreError::conflict(
            ConflictKind::NumbersExhausted,
            format!("confirmation number: {e}"),
        )
    })
}

fn refused(e: cqnet_core::InputError) -> StoreError {
    StoreError::conflict(
        ConflictKind::CertificateRefused,
        format!("the certificate cannot be built: {e}"),
    )
}

/// The first issue the core builds from the command and the numbers allocated.
fn build_issue(
    new: &NewCertificate,
    number: QualificationNumber,
    management_number: ManagementNumber,
) -> StoreResult<Certificate> {
    Certificate::issue(
        new.request(),
        new.decision(),
        Allocation {
            number,
            management_number,
            inner_page_number: new.inner_page_number().cloned(),
            issued_at: new.issued_at(),
        },
    )
    .map_err(refused)
}

/// The reissue the core builds from the previous document, the command and the number
/// allocated.
fn build_reissue(
    previous: &Certificate,
    new: &NewReissue,
    management_number: ManagementNumber,
) -> StoreResult<Certificate> {
    Certificate::reissue(
        previous,
        new.request(),
        new.decision(),
        Allocation {
            number: previous.number().clone(),
            management_number,
            inner_page_number: new.inner_page_number().cloned(),
            issued_at: new.issued_at(),
        },
    )
    .map_err(refused)
}

/// The confirmation document of a command and its number.
fn confirmation_document(
    new: &NewConfirmation,
    number: ConfirmationNumber,
) -> ConfirmationDocument {
    ConfirmationDocument {
        number,
        qualification_number: new.qualification_number.clone(),
        holder: new.holder.clone(),
        qualification_name: new.qualification_name.clone(),
        pass_date: new.pass_date,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn numbers_refuse_exhausted_counters() {
        let day: NaiveDate = "2026-04-10".parse().unwrap();
        let serial = qualification_number(day, 123).unwrap();
        assert_eq!(serial, QualificationNumber::compose(day, 123).unwrap());
        assert!(matches!(
            qualification_number(day, 0),
            Err(StoreError::Conflict {
                kind: ConflictKind::NumbersExhausted,
                ..
            })
        ));
        assert!(qualification_number(day, 1_000_000_000).is_err());
        let at: DateTime<FixedOffset> = "2026-05-01T10:30:59+09:00".parse().unwrap();
        assert_eq!(
            management_number(at, 1, 42).unwrap(),
            ManagementNumber::compose(at, 1, 42).unwrap()
        );
        assert!(management_number(at, 1, 1_000_000).is_err());
        assert!(management_number(at, 1, u64::MAX).is_err());
        assert_eq!(
            confirmation_number(at, 7).unwrap(),
            ConfirmationNumber::compose(at, 7).unwrap()
        );
        assert!(confirmation_number(at, 100_000).is_err());
        assert!(matches!(
            confirmation_number(at, 0),
            Err(StoreError::Conflict { kind: ConflictKind::NumbersExhausted, detail })
                if detail.contains("confirmation:20260501")
        ));
    }

    #[test]
    fn counter_scopes_follow_the_korean_day() {
        // 23:30 UTC on 30 April is 08:30 on 1 May in Korea.
        let at: DateTime<FixedOffset> = "2026-04-30T23:30:00Z".parse().unwrap();
        assert_eq!(
            CertificateCounter::management(at, 3).scope(),
            "management:20260501:03"
        );
        assert_eq!(
            CertificateCounter::confirmation(at).scope(),
            "confirmation:20260501"
        );
        let last_day = "2026-12-31".parse().unwrap();
        assert_eq!(CertificateCounter::serial(last_day).scope(), "serial:2026");
    }
}
