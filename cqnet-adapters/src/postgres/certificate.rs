//! The certificates on PostgreSQL (자격증 발급·재발급·취소·확인서): the certificate operations
//! of the unit of work, on which both stores run the commands of
//! `cqnet_store::certificate::commands` inside the `READ COMMITTED` transaction the store
//! opened, each operation one round trip; and the reads, written once against [`Exec`].
//!
//! A number is taken by the upsert of its counter row (`INSERT … ON CONFLICT (scope) DO
//! UPDATE SET last = last + 1 RETURNING last`), which keeps the row locked until commit: the
//! issuers of one pass year (or one day and office, or one day of confirmations) queue on it
//! and each sees its predecessors' numbers, so numbers are unique and contiguous, and a
//! rolled-back command gives its number back. Locks are taken in one order — the
//! qualification's record row, the serial counter, the management counter, the audit log —
//! so that commands cannot deadlock.
//!
//! A read with [`Lock::ForUpdate`] locks the qualification's record row (`FOR NO KEY UPDATE`,
//! which leaves the foreign keys of other writers free): reissues and cancellations take it
//! first and only then read the idempotency key and the document already stored under the
//! issue key, in later statements, so a concurrent retry finds the first one's commit. The
//! locking read itself sees the record as its statement began: a cancellation committed while
//! it waited is not in it, so a second cancellation fails on the qualification's one
//! cancellation (a unique key), is rolled back and tried again, and the fresh attempt answers
//! `AlreadyExists`; the record a cancellation answers is read again after its write. A first
//! issue has no row to lock yet: two racers for one pass both allocate, the second fails on the
//! unique issue key (or idempotency key), is rolled back (its numbers with it) and tried again
//! by the store, and the fresh attempt returns the certificate first issued.

use cqnet_core::Track;
use cqnet_core::access::PartyId;
use cqnet_core::certificate::{
    ConfirmationDocument, ConfirmationNumber, InnerPageNumber, IssueKey, ManagementNumber,
    QualificationNumber, QualificationRecord, Revocation,
};
use cqnet_store::StoreError;
use cqnet_store::certificate::Certificate;
use cqnet_store::unit_of_work::{CertificateCounter, CertificateTransaction, Lock};
use serde::de::DeserializeOwned;
use tokio_postgres::Row;

use super::commands::{col, count};
use super::exec::{Exec, Param, PgError};
use super::transaction::PgTransaction;
use crate::shared::certificate::{decoy, record_of, stmt};
use crate::shared::training::not_found;
use crate::sql;
use cqnet_store::UnavailableKind;

type R<T> = Result<T, PgError>;

/// A whole qualification record in one statement (one snapshot): its number, its track, every
/// document in issue order, the cancellation; the records chosen by `$filter`. The instants
/// are compared as instants.
macro_rules! whole_records {
    ($filter:literal) => {
        concat!(
            "SELECT r.number, r.track, \
             ARRAY(SELECT d.body FROM certificate_documents d WHERE d.number = r.number \
                   ORDER BY d.issued_at::timestamptz, d.management_number), \
             (SELECT v.body FROM certificate_revocations v WHERE v.number = r.number) \
             FROM certificate_records r ",
            $filter
        )
    };
}

/// The record of `$1` for an authenticity check (`stmt::RECORD_GET`, `stmt::DOC_OF` and
/// `stmt::REVOCATION_GET` in one round trip).
///
/// It always returns one row when anything is stored: the record of `$1`, or else the first
/// stored record, which [`record`] parses, checks and throws away, so that a read of an
/// unknown number costs what a read of a known one does (the same probes, a row of the same
/// shape) and an authenticity check does not tell by its time that a number exists.
pub(crate) const RECORD_WHOLE: &str = whole_records!(
    "WHERE r.number = COALESCE(\
     (SELECT k.number FROM certificate_records k WHERE k.number = $1), \
     (SELECT f.number FROM certificate_records f ORDER BY f.number LIMIT 1))"
);

/// Every record of a candidate, by qualification number.
pub(crate) const RECORDS_OF_WHOLE: &str =
    whole_records!("WHERE r.candidate = $1 ORDER BY r.number");

/// The record of `$1` inside a command, as it is.
const RECORD_OF: &str = whole_records!("WHERE r.number = $1");

/// [`RECORD_OF`], locking the record row until the transaction ends.
const RECORD_OF_LOCK: &str = whole_records!("WHERE r.number = $1 FOR NO KEY UPDATE OF r");

/// `stmt::DOC_GET`, locking the row of the document's qualification until the transaction
/// ends.
const DOC_LOCK: &str = "SELECT d.body FROM certificate_documents d \
     JOIN certificate_records r ON r.number = d.number \
     WHERE d.management_number = $1 FOR NO KEY UPDATE OF r";

/// A first issue in one round trip: the qualification's record (`stmt::RECORD_INSERT`) and
/// its first document (`stmt::DOC_INSERT`), whose reference to the record is checked at the
/// end of the statement. It takes the document's parameters of `stmt::DOC_INSERT`, then the
/// record's track and candidate.
const RECORD_INSERT_WITH_DOCUMENT: &str = "WITH record AS (\
     INSERT INTO certificate_records (number, track, candidate, issue_key) \
     VALUES ($2, $8, $9, $3)) \
     INSERT INTO certificate_documents (management_number, number, issue_key, \
     inner_page_number, supersedes, issued_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// A confirmation document by its number, or else the first stored one (which
/// [`confirmation`] parses and throws away), as [`RECORD_WHOLE`] reads records.
const CONFIRMATION_OR_FIRST: &str = "SELECT c.number, c.body FROM confirmation_documents c \
     WHERE c.number = COALESCE(\
     (SELECT k.number FROM confirmation_documents k WHERE k.number = $1), \
     (SELECT f.number FROM confirmation_documents f ORDER BY f.number LIMIT 1))";

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

/// A record from a row of `whole_records!`, checked by the core.
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

/// The columns of a document as `stmt::DOC_INSERT` takes them (`$1` to `$7`).
struct DocumentColumns {
    management_number: String,
    number: String,
    key: String,
    page: Option<String>,
    supersedes: Option<String>,
    at: String,
    body: String,
}

impl DocumentColumns {
    fn of(c: &Certificate, key: &IssueKey) -> R<Self> {
        let s = c.spec();
        Ok(DocumentColumns {
            management_number: c.management_number().as_str().to_owned(),
            number: c.number().as_str().to_owned(),
            key: key.as_str().to_owned(),
            page: s.inner_page_number.as_ref().map(|p| p.as_str().to_owned()),
            supersedes: s.supersedes.as_ref().map(|m| m.as_str().to_owned()),
            at: sql::instant_column(s.issued_at.to_utc()),
            body: sql::to_body(c)?,
        })
    }

    fn params(&self) -> [Param<'_>; 7] {
        [
            &self.management_number,
            &self.number,
            &self.key,
            &self.page,
            &self.supersedes,
            &self.at,
            &self.body,
        ]
    }
}

impl<E: Exec> CertificateTransaction for PgTransaction<'_, E> {
    async fn next_number(&mut self, counter: &CertificateCounter) -> R<u64> {
        let scope = counter.scope();
        let rows = self.exec().query(stmt::COUNTER_NEXT, &[&scope]).await?;
        let Some(r) = rows.first() else {
            return Err(store(StoreError::unavailable(
                UnavailableKind::Backend,
                "postgres: the counter upsert returned no value",
            )));
        };
        u64::try_from(col::<i64>(r, 0)?).map_err(|e| {
            store(StoreError::Corrupt {
                what: "certificate counter",
                detail: e.to_string(),
            })
        })
    }

    async fn qualification_record(
        &mut self,
        number: &QualificationNumber,
        lock: Lock,
    ) -> R<Option<QualificationRecord>> {
        let sql = match lock {
            Lock::None => RECORD_OF,
            Lock::ForUpdate => RECORD_OF_LOCK,
        };
        let rows = self.exec().query(sql, &[&number.as_str()]).await?;
        rows.first().map(record_row).transpose()
    }

    async fn certificate(
        &mut self,
        management_number: &ManagementNumber,
        lock: Lock,
    ) -> R<Option<Certificate>> {
        let sql = match lock {
            Lock::None => stmt::DOC_GET,
            Lock::ForUpdate => DOC_LOCK,
        };
        one(self.exec(), sql, "certificate", management_number.as_str()).await
    }

    async fn certificate_for(&mut self, key: &IssueKey) -> R<Option<Certificate>> {
        one(self.exec(), stmt::DOC_BY_KEY, "certificate", key.as_str()).await
    }

    async fn inner_page_used(&mut self, page: &InnerPageNumber) -> R<bool> {
        Ok(count(self.exec(), stmt::DOC_PAGE_USED, page.as_str()).await? > 0)
    }

    async fn insert_record(&mut self, c: &Certificate, key: &IssueKey) -> R<()> {
        let document = DocumentColumns::of(c, key)?;
        let track = sql::to_body(&c.spec().track)?;
        let candidate = c.spec().candidate.as_str();
        let mut params = document.params().to_vec();
        params.extend([&track as Param<'_>, &candidate]);
        self.exec()
            .execute(RECORD_INSERT_WITH_DOCUMENT, &params)
            .await?;
        Ok(())
    }

    async fn insert_document(&mut self, c: &Certificate, key: &IssueKey) -> R<()> {
        let document = DocumentColumns::of(c, key)?;
        self.exec()
            .execute(stmt::DOC_INSERT, &document.params())
            .await?;
        Ok(())
    }

    async fn insert_revocation(&mut self, number: &QualificationNumber, r: &Revocation) -> R<()> {
        let (at, body) = (sql::instant_column(r.at.to_utc()), sql::to_body(r)?);
        self.exec()
            .execute(stmt::REVOCATION_INSERT, &[&number.as_str(), &at, &body])
            .await?;
        Ok(())
    }

    async fn insert_confirmation(&mut self, d: &ConfirmationDocument) -> R<()> {
        let body = sql::to_body(d)?;
        let (number, qualification) = (d.number.as_str(), d.qualification_number.as_str());
        self.exec()
            .execute(stmt::CONFIRMATION_INSERT, &[&number, &qualification, &body])
            .await?;
        Ok(())
    }
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

    /// Every whole-record read selects the same columns and differs only in which records.
    #[test]
    fn whole_record_reads_differ_only_in_their_filter() {
        let select = |q: &'static str| q.split_once(" WHERE r.").map(|p| p.0);
        let reads = [RECORD_WHOLE, RECORDS_OF_WHOLE, RECORD_OF, RECORD_OF_LOCK];
        assert!(reads.iter().all(|q| select(q) == select(RECORD_OF)));
        assert!(select(RECORD_OF).is_some_and(|s| s.ends_with("FROM certificate_records r")));
        assert!(RECORD_WHOLE.contains("WHERE k.number = $1"));
        assert!(RECORD_OF_LOCK.ends_with("FOR NO KEY UPDATE OF r"));
    }

    /// The one-round-trip first issue fills the columns of the shared inserts.
    #[test]
    fn a_first_issue_fills_the_shared_columns() {
        let columns = |s: &str| s.split_once(" VALUES").map(|p| p.0.to_owned());
        let (record, document) = RECORD_INSERT_WITH_DOCUMENT
            .split_once(")) ")
            .expect("a record, then its document");
        assert_eq!(
            columns(record).map(|c| c.replace("WITH record AS (", "")),
            columns(stmt::RECORD_INSERT)
        );
        assert_eq!(columns(document), columns(stmt::DOC_INSERT));
    }
}
