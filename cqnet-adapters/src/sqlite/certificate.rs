//! The SQLite [`CertificateStore`]: the commands (`cqnet_store::certificate::commands`) run in
//! one `IMMEDIATE` transaction each, which SQLite runs one at a time, so a number is taken by an
//! upsert of its counter row (`… ON CONFLICT (scope) DO UPDATE SET last = last + 1 RETURNING
//! last`) that cannot race; the unique indexes and append-only triggers of
//! `0004_certificates.sql` stand behind it.

use cqnet_core::Track;
use cqnet_core::access::PartyId;
use cqnet_core::certificate::{
    ConfirmationDocument, ConfirmationNumber, InnerPageNumber, IssueKey, ManagementNumber,
    QualificationNumber, QualificationRecord, Revocation,
};
use cqnet_store::certificate::{
    Certificate, CertificateStore, NewCertificate, NewConfirmation, NewReissue, NewRevocation,
    commands,
};
use cqnet_store::unit_of_work::{CertificateCounter, CertificateTransaction, Lock};
use cqnet_store::{CommandMeta, IdempotencyKey};
use cqnet_store::{StoreError, StoreResult};
use rusqlite::{Connection, OptionalExtension, params};
use serde::de::DeserializeOwned;

use super::transaction::SqliteTransaction;
use super::{SqliteStore, count, exec, fault};
use crate::SpawnBlocking;
use crate::shared::certificate::{decoy, record_of, stmt};
use crate::shared::training::not_found;
use crate::sql;

cqnet_store::forward_async_certificate_store!(SpawnBlocking);

fn one<T: DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    what: &'static str,
    key: &str,
) -> StoreResult<Option<T>> {
    raw(conn, sql, key)?
        .map(|b| sql::from_body(what, &b))
        .transpose()
}

/// The first column of every row, as stored.
fn raw_rows(conn: &Connection, sql: &str, key: &str) -> StoreResult<Vec<String>> {
    let mut statement = conn.prepare_cached(sql).map_err(fault)?;
    let rows = statement
        .query_map(params![key], |r| r.get::<_, String>(0))
        .map_err(fault)?;
    rows.map(|row| row.map_err(fault)).collect()
}

/// The first column of the first row, as stored.
fn raw(conn: &Connection, sql: &str, key: &str) -> StoreResult<Option<String>> {
    conn.prepare_cached(sql)
        .and_then(|mut s| s.query_row(params![key], |r| r.get(0)).optional())
        .map_err(fault)
}

/// The first stored qualification: what a record read of an unknown number reads instead.
const FIRST_RECORD: &str = "SELECT number, track FROM certificate_records ORDER BY rowid LIMIT 1";

/// The statements of a record read, each run once whether or not the number is stored. An
/// unknown number is read as the first stored qualification — the same statements, rows of
/// the same shape, parsed and checked, then thrown away — so that an authenticity check of a
/// number never issued takes as long as one of a number issued.
const RECORD_READ: [&str; 4] = [
    stmt::RECORD_GET,
    FIRST_RECORD,
    stmt::DOC_OF,
    stmt::REVOCATION_GET,
];

fn record_in(
    conn: &Connection,
    number: &QualificationNumber,
) -> StoreResult<Option<QualificationRecord>> {
    let [record_get, first_record, doc_of, revocation_get] = RECORD_READ;
    let track = raw(conn, record_get, number.as_str())?;
    let first: Option<(String, String)> = conn
        .prepare_cached(first_record)
        .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .map_err(fault)?;
    let (read, read_track) = match (&track, &first) {
        (Some(track), _) => (number.as_str(), Some(track)),
        (None, Some((first, track))) => (first.as_str(), Some(track)),
        (None, None) => (number.as_str(), None),
    };
    let bodies = raw_rows(conn, doc_of, read)?;
    let revocation = raw(conn, revocation_get, read)?;
    let Some(read_track) = read_track else {
        // Nothing is stored: the work of parsing a record still (see `decoy`).
        decoy::parse_record();
        return Ok(None);
    };
    let record = assemble(read, read_track, &bodies, revocation);
    if track.is_none() {
        let _ = std::hint::black_box(record);
        return Ok(None);
    }
    record.map(Some)
}

/// A record from its stored parts, checked by the core.
fn assemble(
    number: &str,
    track: &str,
    bodies: &[String],
    revocation: Option<String>,
) -> StoreResult<QualificationRecord> {
    let number = QualificationNumber::new(number).map_err(|e| StoreError::Corrupt {
        what: "qualification number",
        detail: e.to_string(),
    })?;
    let track: Track = sql::from_body("qualification record", track)?;
    let issues = bodies
        .iter()
        .map(|b| sql::from_body("certificate", b))
        .collect::<StoreResult<Vec<Certificate>>>()?;
    let revocation: Option<Revocation> = revocation
        .map(|b| sql::from_body("revocation", &b))
        .transpose()?;
    record_of(number, track, issues, revocation)
}

/// Whether a confirmation document is stored under a number.
const CONFIRMATION_KNOWN: &str = "SELECT number FROM confirmation_documents WHERE number = $1";
/// The first stored confirmation document: what a read of an unknown number reads instead.
const FIRST_CONFIRMATION: &str = "SELECT number FROM confirmation_documents ORDER BY rowid LIMIT 1";

/// The statements of a confirmation read, each run once whether or not the number is stored,
/// as [`RECORD_READ`]: an unknown number reads the body of the first stored document.
const CONFIRMATION_READ: [&str; 3] = [
    CONFIRMATION_KNOWN,
    FIRST_CONFIRMATION,
    stmt::CONFIRMATION_GET,
];

fn confirmation_in(
    conn: &Connection,
    number: &ConfirmationNumber,
) -> StoreResult<Option<ConfirmationDocument>> {
    let [known, first, get] = CONFIRMATION_READ;
    let found = raw(conn, known, number.as_str())?;
    let first: Option<String> = conn
        .prepare_cached(first)
        .and_then(|mut s| s.query_row([], |r| r.get(0)).optional())
        .map_err(fault)?;
    let read = found
        .as_deref()
        .or(first.as_deref())
        .unwrap_or(number.as_str());
    let body = raw(conn, get, read)?;
    let document = body
        .map(|b| sql::from_body::<ConfirmationDocument>("confirmation document", &b))
        .transpose();
    if found.is_none() {
        match document {
            Ok(Some(_)) => drop(std::hint::black_box(document)),
            // Nothing is stored: the work of parsing a document still (see `decoy`).
            _ => decoy::parse_confirmation(),
        }
        return Ok(None);
    }
    document
}

/// A stored record as it is, read inside a command's transaction.
fn stored_record(
    conn: &Connection,
    number: &QualificationNumber,
) -> StoreResult<Option<QualificationRecord>> {
    let Some(track) = raw(conn, stmt::RECORD_GET, number.as_str())? else {
        return Ok(None);
    };
    let bodies = raw_rows(conn, stmt::DOC_OF, number.as_str())?;
    let revocation = raw(conn, stmt::REVOCATION_GET, number.as_str())?;
    assemble(number.as_str(), &track, &bodies, revocation).map(Some)
}

impl CertificateTransaction for SqliteTransaction<'_> {
    async fn next_number(&mut self, counter: &CertificateCounter) -> StoreResult<u64> {
        let last: i64 = self
            .conn()
            .prepare_cached(stmt::COUNTER_NEXT)
            .and_then(|mut s| s.query_row(params![counter.scope()], |r| r.get(0)))
            .map_err(fault)?;
        u64::try_from(last).map_err(|e| StoreError::Corrupt {
            what: "certificate counter",
            detail: e.to_string(),
        })
    }

    async fn qualification_record(
        &mut self,
        number: &QualificationNumber,
        _lock: Lock,
    ) -> StoreResult<Option<QualificationRecord>> {
        stored_record(self.conn(), number)
    }

    async fn certificate(
        &mut self,
        management_number: &ManagementNumber,
        _lock: Lock,
    ) -> StoreResult<Option<Certificate>> {
        let m = management_number.as_str();
        one(self.conn(), stmt::DOC_GET, "certificate", m)
    }

    async fn certificate_for(&mut self, key: &IssueKey) -> StoreResult<Option<Certificate>> {
        one(self.conn(), stmt::DOC_BY_KEY, "certificate", key.as_str())
    }

    async fn inner_page_used(&mut self, page: &InnerPageNumber) -> StoreResult<bool> {
        Ok(count(self.conn(), stmt::DOC_PAGE_USED, params![page.as_str()])? > 0)
    }

    async fn insert_record(&mut self, c: &Certificate, key: &IssueKey) -> StoreResult<()> {
        let s = c.spec();
        exec(
            self.conn(),
            stmt::RECORD_INSERT,
            params![
                c.number().as_str(),
                sql::to_body(&s.track)?,
                s.candidate.as_str(),
                key.as_str()
            ],
        )?;
        self.insert_document(c, key).await
    }

    async fn insert_document(&mut self, c: &Certificate, key: &IssueKey) -> StoreResult<()> {
        let s = c.spec();
        exec(
            self.conn(),
            stmt::DOC_INSERT,
            params![
                c.management_number().as_str(),
                c.number().as_str(),
                key.as_str(),
                s.inner_page_number.as_ref().map(|p| p.as_str().to_owned()),
                s.supersedes.as_ref().map(|m| m.as_str().to_owned()),
                sql::instant_column(s.issued_at.to_utc()),
                sql::to_body(c)?
            ],
        )
        .map(drop)
    }

    async fn insert_revocation(
        &mut self,
        number: &QualificationNumber,
        r: &Revocation,
    ) -> StoreResult<()> {
        let at = sql::instant_column(r.at.to_utc());
        let params = params![number.as_str(), at, sql::to_body(r)?];
        exec(self.conn(), stmt::REVOCATION_INSERT, params).map(drop)
    }

    async fn insert_confirmation(&mut self, d: &ConfirmationDocument) -> StoreResult<()> {
        let params = params![
            d.number.as_str(),
            d.qualification_number.as_str(),
            sql::to_body(d)?
        ];
        exec(self.conn(), stmt::CONFIRMATION_INSERT, params).map(drop)
    }
}

impl CertificateStore for SqliteStore {
    fn issue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewCertificate,
    ) -> StoreResult<Certificate> {
        self.transact(async |tx| commands::issue(tx, meta, key, new).await)
    }

    fn reissue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewReissue,
    ) -> StoreResult<Certificate> {
        self.transact(async |tx| commands::reissue(tx, meta, key, new).await)
    }

    fn revoke(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewRevocation,
    ) -> StoreResult<QualificationRecord> {
        self.transact(async |tx| commands::revoke(tx, meta, key, new).await)
    }

    fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewConfirmation,
    ) -> StoreResult<ConfirmationDocument> {
        self.transact(async |tx| commands::issue_confirmation(tx, meta, key, new).await)
    }

    fn record(&self, number: &QualificationNumber) -> StoreResult<Option<QualificationRecord>> {
        self.read(|c| record_in(c, number))
    }

    fn certificate(&self, management_number: &ManagementNumber) -> StoreResult<Certificate> {
        self.read(|c| {
            one(c, stmt::DOC_GET, "certificate", management_number.as_str())?
                .ok_or_else(|| not_found("certificate", management_number))
        })
    }

    fn certificate_for(&self, key: &IssueKey) -> StoreResult<Option<Certificate>> {
        self.read(|c| one(c, stmt::DOC_BY_KEY, "certificate", key.as_str()))
    }

    fn records_of(&self, candidate: &PartyId) -> StoreResult<Vec<QualificationRecord>> {
        self.read(|c| {
            let mut statement = c.prepare_cached(stmt::RECORDS_OF).map_err(fault)?;
            let numbers = statement
                .query_map(params![candidate.as_str()], |r| r.get::<_, String>(0))
                .map_err(fault)?
                .map(|row| {
                    QualificationNumber::new(&row.map_err(fault)?).map_err(|e| {
                        StoreError::Corrupt {
                            what: "qualification number",
                            detail: e.to_string(),
                        }
                    })
                })
                .collect::<StoreResult<Vec<_>>>()?;
            let mut out = Vec::with_capacity(numbers.len());
            for n in &numbers {
                out.extend(record_in(c, n)?);
            }
            Ok(out)
        })
    }

    fn confirmation(
        &self,
        number: &ConfirmationNumber,
    ) -> StoreResult<Option<ConfirmationDocument>> {
        self.read(|c| confirmation_in(c, number))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use cqnet_core::certificate::CertificateForm;
    use cqnet_store::testing::certificate::{ISSUED_AT, agency, new_certificate};
    use rusqlite::StatementStatus;

    /// How many times each statement has run.
    fn runs(conn: &Connection, statements: &[&str]) -> Vec<i32> {
        statements
            .iter()
            .map(|sql| {
                conn.prepare_cached(sql)
                    .unwrap()
                    .get_status(StatementStatus::Run)
            })
            .collect()
    }

    #[test]
    fn reads_run_the_same_statements_for_a_number_never_issued() {
        let store = SqliteStore::open_in_memory().unwrap();
        let meta = CommandMeta::new(agency(), ISSUED_AT.parse().unwrap());
        let new = new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None);
        let c = store
            .issue(&meta, &IdempotencyKey::new("i").unwrap(), &new)
            .unwrap();
        let unknown = QualificationNumber::compose(c.spec().pass_date, 999).unwrap();
        let delta = |a: &[i32], b: &[i32]| a.iter().zip(b).map(|(x, y)| y - x).collect::<Vec<_>>();
        let doc = store
            .issue_confirmation(
                &meta,
                &IdempotencyKey::new("cf").unwrap(),
                &cqnet_store::certificate::NewConfirmation {
                    qualification_number: c.number().clone(),
                    holder: c.spec().holder.clone(),
                    qualification_name: cqnet_core::certificate::PrintedName::new(
                        c.spec().content.qualification_name(),
                    )
                    .unwrap(),
                    pass_date: c.spec().pass_date,
                    issued_at: "2026-06-01T09:30:00+09:00".parse().unwrap(),
                },
            )
            .unwrap();
        let unknown_doc = ConfirmationNumber::compose(doc.number.issued_at(), 2).unwrap();
        store
            .read(|conn| {
                let before = runs(conn, &RECORD_READ);
                assert!(record_in(conn, c.number())?.is_some());
                let known = runs(conn, &RECORD_READ);
                assert!(record_in(conn, &unknown)?.is_none());
                let never_issued = runs(conn, &RECORD_READ);
                assert_eq!(delta(&before, &known), vec![1; 4]);
                assert_eq!(delta(&known, &never_issued), vec![1; 4]);

                let before = runs(conn, &CONFIRMATION_READ);
                assert_eq!(confirmation_in(conn, &doc.number)?, Some(doc.clone()));
                let known = runs(conn, &CONFIRMATION_READ);
                assert_eq!(confirmation_in(conn, &unknown_doc)?, None);
                let never_issued = runs(conn, &CONFIRMATION_READ);
                assert_eq!(delta(&before, &known), vec![1; 3]);
                assert_eq!(delta(&known, &never_issued), vec![1; 3]);
                Ok(())
            })
            .unwrap();
    }
}
