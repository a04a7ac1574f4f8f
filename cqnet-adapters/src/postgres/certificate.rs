//! The certificate commands (자격증 발급·재발급·취소·확인서), written once against [`Exec`] and
//! run by both PostgreSQL stores, each inside the `READ COMMITTED` transaction its caller
//! opened, with the statements of [`crate::shared::certificate::stmt`] that SQLite runs too.
//!
//! A number is allocated by the upsert of its counter row (`INSERT … ON CONFLICT (scope) DO
//! UPDATE SET last = last + 1 RETURNING last`), which keeps the row locked until commit: the
//! issuers of one pass year (or one day and office, or one day of confirmations) queue on it
//! and each sees its predecessors' numbers, so numbers are unique and contiguous, and a
//! rolled-back command gives its number back. Locks are taken in one order — the
//! qualification's record row, the serial counter, the management counter, the audit log —
//! so that commands cannot deadlock.
//!
//! Reissues and cancellations lock the qualification's record row first and only then read
//! the idempotency key and the document already stored under the issue key, so a concurrent
//! retry finds the first one's commit. A first issue has no row to lock yet: two racers for
//! one pass both allocate, the second fails on the unique issue key (or idempotency key), is
//! rolled back (its numbers with it) and tried again by the store, and the fresh attempt
//! returns the certificate first issued.

use cqnet_core::Track;
use cqnet_core::access::PartyId;
use cqnet_core::certificate::{
    ConfirmationDocument, ConfirmationNumber, InnerPageNumber, IssueKey, ManagementNumber,
    QualificationNumber, QualificationRecord, Revocation,
};
use cqnet_store::StoreError;
use cqnet_store::certificate::{
    Certificate, NewCertificate, NewConfirmation, NewReissue, NewRevocation,
};
use cqnet_store::idempotency::Fingerprint;
use cqnet_store::{CommandMeta, IdempotencyKey};
use serde::de::DeserializeOwned;
use tokio_postgres::Row;

use super::commands::{audit, col, count, remember, replayed};
use super::exec::{Exec, PgError};
use crate::shared::certificate::{
    build_issue, build_reissue, confirmation_document, confirmation_number, confirmation_scope,
    decoy, management_number, management_scope, pass_date, qualification_number, record_of,
    serial_scope, stmt, subject,
};
use crate::shared::training::not_found;
use crate::sql;

type R<T> = Result<T, PgError>;

/// A whole qualification record in one statement (one snapshot): its track, every document in
/// issue order, the cancellation. `stmt::RECORD_GET`, `stmt::DOC_OF` and
/// `stmt::REVOCATION_GET` in one round trip; the instants are compared as instants.
///
/// It always returns one row when anything is stored: the record of `$1`, or else the first
/// stored record, which [`record`] parses, checks and throws away, so that a read of an
/// unknown number costs what a read of a known one does (the same probes, a row of the same
/// shape) and an authenticity check does not tell by its time that a number exists.
pub(crate) const RECORD_WHOLE: &str = "SELECT r.number, r.track, \
     ARRAY(SELECT d.body FROM certificate_documents d WHERE d.number = r.number \
           ORDER BY d.issued_at::timestamptz, d.management_number), \
     (SELECT v.body FROM certificate_revocations v WHERE v.number = r.number) \
     FROM certificate_records r WHERE r.number = COALESCE(\
     (SELECT k.number FROM certificate_records k WHERE k.number = $1), \
     (SELECT f.number FROM certificate_records f ORDER BY f.number LIMIT 1))";

/// A confirmation document by its number, or else the first stored one (which
/// [`confirmation`] parses and throws away), as [`RECORD_WHOLE`] reads records.
const CONFIRMATION_OR_FIRST: &str = "SELECT c.number, c.body FROM confirmation_documents c \
     WHERE c.number = COALESCE(\
     (SELECT k.number FROM confirmation_documents k WHERE k.number = $1), \
     (SELECT f.number FROM confirmation_documents f ORDER BY f.number LIMIT 1))";

/// [`RECORD_WHOLE`] for every record of a candidate, by qualification number.
pub(crate) const RECORDS_OF_WHOLE: &str = "SELECT r.number, r.track, \
     ARRAY(SELECT d.body FROM certificate_documents d WHERE d.number = r.number \
           ORDER BY d.issued_at::timestamptz, d.management_number), \
     (SELECT v.body FROM certificate_revocations v WHERE v.number = r.number) \
     FROM certificate_records r WHERE r.candidate = $1 ORDER BY r.number";

/// Whether a qualification number is known (as the SQLite adapter asks it).
const RECORD_COUNT: &str = "SELECT COUNT(*) FROM certificate_records WHERE number = $1";
/// Whether a qualification is cancelled already.
const REVOCATION_COUNT: &str = "SELECT COUNT(*) FROM certificate_revocations WHERE number = $1";

fn store(e: StoreError) -> PgError {
    PgError::Store(e)
}

/// The body of the first row, read as `T`.
async fn one<E: Exec, T: DeserializeOwned>(
    e: &mut E,
    sql: &'static str,
    what: &'static str,
    key: &str,
) -> R<Option<T>> {
    let rows = e.query(sql, &[&key]).await?;
    match rows.first() {
        None => Ok(None),
        Some(r) => Ok(Some(sql::from_body(what, col(r, 0)?)?)),
    }
}

/// The next value of a counter; its row stays locked until the transaction ends.
async fn next<E: Exec>(e: &mut E, scope: &str) -> R<i64> {
    let rows = e.query(stmt::COUNTER_NEXT, &[&scope]).await?;
    match rows.first() {
        Some(r) => col(r, 0),
        None => Err(store(StoreError::Unavailable(
            "postgres: the counter upsert returned no value".into(),
        ))),
    }
}

/// A record from a row of [`RECORD_WHOLE`] or [`RECORDS_OF_WHOLE`], checked by the core.
fn record_row(row: &Row) -> R<QualificationRecord> {
    let number = QualificationNumber::new(col(row, 0)?).map_err(|e| {
        store(StoreError::Corrupt {
            what: "qualification number",
            detail: e.to_string(),
        })
    })?;
    let track: Track = sql::from_body("qualification record", col(row, 1)?)?;
    let issues = col::<Vec<&str>>(row, 2)?
        .into_iter()
        .map(|body| sql::from_body("certificate", body))
        .collect::<Result<Vec<Certificate>, _>>()?;
    let revocation: Option<Revocation> = col::<Option<&str>>(row, 3)?
        .map(|body| sql::from_body("revocation", body))
        .transpose()?;
    Ok(record_of(number, track, issues, revocation)?)
}

/// `AlreadyExists` when a notebook's inner-page number is taken.
async fn check_page<E: Exec>(e: &mut E, page: Option<&InnerPageNumber>) -> R<()> {
    if let Some(page) = page
        && count(e, stmt::DOC_PAGE_USED, page.as_str()).await? > 0
    {
        return Err(store(StoreError::AlreadyExists {
            what: "inner-page number",
            key: page.to_string(),
        }));
    }
    Ok(())
}

async fn insert_document<E: Exec>(e: &mut E, c: &Certificate, key: &IssueKey) -> R<()> {
    let s = c.spec();
    let page = s.inner_page_number.as_ref().map(|p| p.as_str().to_owned());
    let supersedes = s.supersedes.as_ref().map(|m| m.as_str().to_owned());
    let at = sql::instant_column(s.issued_at.to_utc());
    let body = sql::to_body(c)?;
    e.execute(
        stmt::DOC_INSERT,
        &[
            &c.management_number().as_str(),
            &c.number().as_str(),
            &key.as_str(),
            &page,
            &supersedes,
            &at,
            &body,
        ],
    )
    .await?;
    Ok(())
}

pub(crate) async fn issue<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    print: &Fingerprint,
    new: &NewCertificate,
) -> R<Certificate> {
    if let Some(answer) = replayed(e, key, print).await? {
        return Ok(answer);
    }
    let issue_key = new.issue_key();
    let existing: Option<Certificate> =
        one(e, stmt::DOC_BY_KEY, "certificate", issue_key.as_str()).await?;
    if let Some(existing) = existing {
        let subject = format!("{} (issued before)", subject(&existing));
        audit(e, meta, "issue_certificate", &subject, "ok").await?;
        remember(e, key, print, &existing).await?;
        return Ok(existing);
    }
    check_page(e, new.inner_page_number()).await?;
    let day = pass_date(new)?;
    let serial = next(e, &serial_scope(day)).await?;
    let sequence = next(e, &management_scope(new.issued_at(), new.office())).await?;
    let certificate = build_issue(
        new,
        qualification_number(day, serial)?,
        management_number(new.issued_at(), new.office(), sequence)?,
    )?;
    let s = certificate.spec();
    let track = sql::to_body(&s.track)?;
    e.execute(
        stmt::RECORD_INSERT,
        &[
            &certificate.number().as_str(),
            &track,
            &s.candidate.as_str(),
            &issue_key.as_str(),
        ],
    )
    .await?;
    insert_document(e, &certificate, issue_key).await?;
    audit(e, meta, "issue_certificate", &subject(&certificate), "ok").await?;
    remember(e, key, print, &certificate).await?;
    Ok(certificate)
}

pub(crate) async fn reissue<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    print: &Fingerprint,
    new: &NewReissue,
) -> R<Certificate> {
    let previous_number = &new.request().previous;
    let previous: Option<Certificate> =
        one(e, stmt::DOC_GET, "certificate", previous_number.as_str()).await?;
    // Reissues of one qualification queue on its record row; a concurrent retry has committed
    // by the time the lock is ours.
    if let Some(p) = &previous {
        e.query(stmt::RECORD_LOCK, &[&p.number().as_str()]).await?;
    }
    if let Some(answer) = replayed(e, key, print).await? {
        return Ok(answer);
    }
    let previous = previous.ok_or_else(|| store(not_found("certificate", previous_number)))?;
    let issue_key = new.issue_key();
    let existing: Option<Certificate> =
        one(e, stmt::DOC_BY_KEY, "certificate", issue_key.as_str()).await?;
    if let Some(existing) = existing {
        let subject = format!("{} (reissued before)", subject(&existing));
        audit(e, meta, "reissue_certificate", &subject, "ok").await?;
        remember(e, key, print, &existing).await?;
        return Ok(existing);
    }
    check_page(e, new.inner_page_number()).await?;
    let sequence = next(e, &management_scope(new.issued_at(), new.office())).await?;
    let certificate = build_reissue(
        &previous,
        new,
        management_number(new.issued_at(), new.office(), sequence)?,
    )?;
    insert_document(e, &certificate, issue_key).await?;
    let subject = format!("{} supersedes {previous_number}", subject(&certificate));
    audit(e, meta, "reissue_certificate", &subject, "ok").await?;
    remember(e, key, print, &certificate).await?;
    Ok(certificate)
}

pub(crate) async fn revoke<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    print: &Fingerprint,
    new: &NewRevocation,
) -> R<QualificationRecord> {
    let number = new.number.as_str();
    let locked = e.query(stmt::RECORD_LOCK, &[&number]).await?;
    if let Some(answer) = replayed(e, key, print).await? {
        return Ok(answer);
    }
    if locked.is_empty() {
        return Err(store(not_found("qualification", number)));
    }
    if count(e, REVOCATION_COUNT, number).await? > 0 {
        return Err(store(StoreError::AlreadyExists {
            what: "revocation",
            key: number.to_owned(),
        }));
    }
    let r = &new.revocation;
    let (at, body) = (sql::instant_column(r.at.to_utc()), sql::to_body(r)?);
    e.execute(stmt::REVOCATION_INSERT, &[&number, &at, &body])
        .await?;
    let subject = format!(
        "qualification {number} revoked from {} ({:?})",
        r.at, r.reason
    );
    audit(e, meta, "revoke_qualification", &subject, "ok").await?;
    let kept = record(e, &new.number)
        .await?
        .ok_or_else(|| store(not_found("qualification", number)))?;
    remember(e, key, print, &kept).await?;
    Ok(kept)
}

pub(crate) async fn issue_confirmation<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    print: &Fingerprint,
    new: &NewConfirmation,
) -> R<ConfirmationDocument> {
    if let Some(answer) = replayed(e, key, print).await? {
        return Ok(answer);
    }
    let qualification = new.qualification_number.as_str();
    if count(e, RECORD_COUNT, qualification).await? == 0 {
        return Err(store(not_found("qualification", qualification)));
    }
    let sequence = next(e, &confirmation_scope(new.issued_at)).await?;
    let document = confirmation_document(new, confirmation_number(new.issued_at, sequence)?);
    let body = sql::to_body(&document)?;
    e.execute(
        stmt::CONFIRMATION_INSERT,
        &[&document.number.as_str(), &qualification, &body],
    )
    .await?;
    let subject = format!("confirmation {} of {qualification}", document.number);
    audit(e, meta, "issue_confirmation", &subject, "ok").await?;
    remember(e, key, print, &document).await?;
    Ok(document)
}

pub(crate) async fn record<E: Exec>(
    e: &mut E,
    number: &QualificationNumber,
) -> R<Option<QualificationRecord>> {
    let rows = e.query(RECORD_WHOLE, &[&number.as_str()]).await?;
    let Some(row) = rows.first() else {
        // Nothing is stored: the work of parsing a record still (see `decoy`).
        decoy::parse_record();
        return Ok(None);
    };
    let record = record_row(row);
    if col::<&str>(row, 0)? != number.as_str() {
        // The first stored record, read in place of an unknown number.
        let _ = std::hint::black_box(record);
        return Ok(None);
    }
    record.map(Some)
}

pub(crate) async fn certificate<E: Exec>(
    e: &mut E,
    management_number: &ManagementNumber,
) -> R<Certificate> {
    one(e, stmt::DOC_GET, "certificate", management_number.as_str())
        .await?
        .ok_or_else(|| store(not_found("certificate", management_number)))
}

pub(crate) async fn certificate_for<E: Exec>(e: &mut E, key: &IssueKey) -> R<Option<Certificate>> {
    one(e, stmt::DOC_BY_KEY, "certificate", key.as_str()).await
}

pub(crate) async fn records_of<E: Exec>(
    e: &mut E,
    candidate: &PartyId,
) -> R<Vec<QualificationRecord>> {
    let rows = e.query(RECORDS_OF_WHOLE, &[&candidate.as_str()]).await?;
    rows.iter().map(record_row).collect()
}

pub(crate) async fn confirmation<E: Exec>(
    e: &mut E,
    number: &ConfirmationNumber,
) -> R<Option<ConfirmationDocument>> {
    let rows = e.query(CONFIRMATION_OR_FIRST, &[&number.as_str()]).await?;
    let Some(row) = rows.first() else {
        // Nothing is stored: the work of parsing a document still (see `decoy`).
        decoy::parse_confirmation();
        return Ok(None);
    };
    let document: Result<ConfirmationDocument, _> =
        sql::from_body("confirmation document", col(row, 1)?);
    if col::<&str>(row, 0)? != number.as_str() {
        // The first stored document, read in place of an unknown number.
        let _ = std::hint::black_box(document);
        return Ok(None);
    }
    Ok(Some(document?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both one-snapshot reads select the same columns and differ only in which records.
    #[test]
    fn whole_record_reads_differ_only_in_their_filter() {
        let select = |q: &'static str| q.rsplit_once(" WHERE r.").map(|p| p.0);
        assert!(select(RECORD_WHOLE).is_some());
        assert_eq!(select(RECORD_WHOLE), select(RECORDS_OF_WHOLE));
        assert!(RECORD_WHOLE.contains("WHERE k.number = $1"));
        assert!(RECORDS_OF_WHOLE.ends_with("WHERE r.candidate = $1 ORDER BY r.number"));
    }
}
