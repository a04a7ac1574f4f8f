//! SQLite's unit of work: the operations of `cqnet_store::unit_of_work` on one connection
//! inside a `BEGIN IMMEDIATE` transaction (one writer at a time, across processes too), and
//! the mapping of the two ledgers to their tables.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use cqnet_core::QualificationCode;
use cqnet_core::standard::CurriculumStandard;
use cqnet_store::idempotency::{Fingerprint, LedgerReceipt};
use cqnet_store::training::{
    AttendanceEntry, Course, CourseId, Enrollment, EnrollmentId, EvaluationEntry, Institution,
    InstitutionId, Qualification, StandardVersion,
};
use cqnet_store::unit_of_work::{
    KeptHours, LedgerFact, LedgerRecord, LedgerTransaction, Lock, RecordedCommand,
    TrainingTransaction, Transaction,
};
use cqnet_store::{CommandMeta, IdempotencyKey, Seq, StoreError, StoreResult, Version, Versioned};
use rusqlite::{Connection, OptionalExtension, params};

use super::errors::fault;
use super::{audit, count, exec, get_versioned};
use crate::shared::training::enrolled;
use crate::sql::{self, stmt};

/// The statements of one ledger table.
pub(super) struct Ledger {
    pub(super) next: &'static str,
    pub(super) at: &'static str,
    pub(super) corrected_by: &'static str,
    pub(super) range: &'static str,
    pub(super) insert: &'static str,
    pub(super) of: &'static str,
    pub(super) what: &'static str,
}

pub(super) const ATTENDANCE: Ledger = Ledger {
    next: stmt::ATTENDANCE_NEXT,
    at: stmt::ATTENDANCE_AT,
    corrected_by: stmt::ATTENDANCE_CORRECTED_BY,
    range: stmt::ATTENDANCE_RANGE,
    insert: stmt::ATTENDANCE_INSERT,
    of: stmt::ATTENDANCE_OF,
    what: "attendance",
};

pub(super) const EVALUATIONS: Ledger = Ledger {
    next: stmt::EVALUATION_NEXT,
    at: stmt::EVALUATION_AT,
    corrected_by: stmt::EVALUATION_CORRECTED_BY,
    range: stmt::EVALUATION_RANGE,
    insert: stmt::EVALUATION_INSERT,
    of: stmt::EVALUATION_OF,
    what: "evaluations",
};

/// The table of each kind of ledger entry.
pub(super) trait SqliteLedger: LedgerRecord {
    const TABLE: &'static Ledger;
}

impl SqliteLedger for AttendanceEntry {
    const TABLE: &'static Ledger = &ATTENDANCE;
}

impl SqliteLedger for EvaluationEntry {
    const TABLE: &'static Ledger = &EVALUATIONS;
}

/// The entries a ledger statement selects (`seq, body, recorded_by, recorded_at`), in order.
pub(super) fn read_entries<E: SqliteLedger>(
    c: &Connection,
    sql_text: &str,
    params: impl rusqlite::Params,
) -> StoreResult<Vec<E>> {
    let mut s = c.prepare_cached(sql_text).map_err(fault)?;
    let rows = s
        .query_map(params, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .map_err(fault)?;
    rows.map(|row| {
        let (seq, body, by, at) = row.map_err(fault)?;
        Ok(E::assemble(
            sql::seq(seq)?,
            sql::from_body(E::TABLE.what, &body)?,
            sql::actor(&by)?,
            sql::instant(&at)?,
        ))
    })
    .collect()
}

/// A command's view of the store: the connection, inside the command's transaction.
pub(crate) struct SqliteTransaction<'c> {
    conn: &'c Connection,
}

impl<'c> SqliteTransaction<'c> {
    pub(super) fn new(conn: &'c Connection) -> Self {
        SqliteTransaction { conn }
    }

    /// The connection, inside the command's transaction.
    pub(super) fn conn(&self) -> &'c Connection {
        self.conn
    }
}

impl Transaction for SqliteTransaction<'_> {
    type Error = StoreError;

    async fn recorded(&mut self, key: &IdempotencyKey) -> StoreResult<Option<RecordedCommand>> {
        self.conn
            .prepare_cached(stmt::KEY_GET)
            .and_then(|mut s| {
                s.query_row(params![key.as_str()], |r| {
                    Ok(RecordedCommand {
                        fingerprint: r.get(0)?,
                        answer: r.get(1)?,
                    })
                })
                .optional()
            })
            .map_err(fault)
    }

    async fn record(
        &mut self,
        key: &IdempotencyKey,
        fingerprint: &Fingerprint,
        answer: String,
    ) -> StoreResult<()> {
        exec(
            self.conn,
            stmt::KEY_INSERT,
            params![key.as_str(), fingerprint.as_str(), answer],
        )
        .map(drop)
    }

    async fn audit(&mut self, meta: &CommandMeta, command: &str, subject: &str) -> StoreResult<()> {
        audit(self.conn, meta, command, subject).map(drop)
    }
}

impl SqliteTransaction<'_> {
    /// Inserts or updates a record row with the given statement and parameters.
    fn write(&self, statement: &str, params: impl rusqlite::Params) -> StoreResult<()> {
        exec(self.conn, statement, params).map(drop)
    }
}

impl TrainingTransaction for SqliteTransaction<'_> {
    async fn qualification(
        &mut self,
        code: &QualificationCode,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<Qualification>>> {
        get_versioned(
            self.conn,
            stmt::QUALIFICATION_GET,
            "qualification",
            code.as_str(),
        )
    }

    async fn insert_qualification(&mut self, q: &Qualification) -> StoreResult<()> {
        let version = sql::version_column(Version::FIRST)?;
        self.write(
            stmt::QUALIFICATION_INSERT,
            params![q.code().as_str(), version, sql::to_body(q)?],
        )
    }

    async fn replace_qualification(
        &mut self,
        q: &Qualification,
        version: Version,
    ) -> StoreResult<()> {
        let version = sql::version_column(version)?;
        self.write(
            stmt::QUALIFICATION_UPDATE,
            params![version, sql::to_body(q)?, q.code().as_str()],
        )
    }

    async fn standard(
        &mut self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> StoreResult<Option<CurriculumStandard>> {
        let body: Option<String> = self
            .conn
            .prepare_cached(stmt::STANDARD_GET)
            .and_then(|mut s| {
                s.query_row(params![code.as_str(), version.as_str()], |r| r.get(0))
                    .optional()
            })
            .map_err(fault)?;
        body.map(|b| sql::from_body("curriculum standard", &b))
            .transpose()
    }

    async fn insert_standard(
        &mut self,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> StoreResult<()> {
        self.write(
            stmt::STANDARD_INSERT,
            params![code.as_str(), version.as_str(), sql::to_body(standard)?],
        )
    }

    async fn institution(
        &mut self,
        id: InstitutionId,
    ) -> StoreResult<Option<Versioned<Institution>>> {
        get_versioned(
            self.conn,
            stmt::INSTITUTION_GET,
            "institution",
            &id.to_string(),
        )
    }

    async fn insert_institution(&mut self, i: &Institution) -> StoreResult<()> {
        let version = sql::version_column(Version::FIRST)?;
        self.write(
            stmt::INSTITUTION_INSERT,
            params![i.id().to_string(), version, sql::to_body(i)?],
        )
    }

    async fn course(
        &mut self,
        id: CourseId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<Course>>> {
        get_versioned(self.conn, stmt::COURSE_GET, "course", &id.to_string())
    }

    async fn insert_course(&mut self, c: &Course) -> StoreResult<()> {
        let spec = c.spec();
        self.write(
            stmt::COURSE_INSERT,
            params![
                c.id().to_string(),
                spec.institution.to_string(),
                spec.qualification.as_str(),
                spec.standard_version.as_str(),
                spec.capacity,
                sql::version_column(Version::FIRST)?,
                sql::to_body(c)?
            ],
        )
    }

    async fn replace_course(&mut self, c: &Course, version: Version) -> StoreResult<()> {
        let spec = c.spec();
        self.write(
            stmt::COURSE_UPDATE,
            params![
                spec.institution.to_string(),
                spec.qualification.as_str(),
                spec.standard_version.as_str(),
                spec.capacity,
                sql::version_column(version)?,
                sql::to_body(c)?,
                c.id().to_string()
            ],
        )
    }

    async fn enrollment(
        &mut self,
        id: EnrollmentId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<Enrollment>>> {
        get_versioned(
            self.conn,
            stmt::ENROLLMENT_GET,
            "enrollment",
            &id.to_string(),
        )
    }

    async fn insert_enrollment(&mut self, e: &Enrollment) -> StoreResult<()> {
        self.write(
            stmt::ENROLLMENT_INSERT,
            params![
                e.id().to_string(),
                e.course().to_string(),
                sql::version_column(Version::FIRST)?,
                sql::to_body(e)?
            ],
        )
    }

    async fn replace_enrollment(&mut self, e: &Enrollment, version: Version) -> StoreResult<()> {
        self.write(
            stmt::ENROLLMENT_UPDATE,
            params![
                sql::version_column(version)?,
                sql::to_body(e)?,
                e.id().to_string()
            ],
        )
    }

    async fn enrolled_in(&mut self, course: CourseId) -> StoreResult<u64> {
        enrolled(count(
            self.conn,
            stmt::ENROLLMENT_COUNT,
            params![course.to_string()],
        )?)
    }

    async fn enrollments(
        &mut self,
        ids: &[EnrollmentId],
    ) -> StoreResult<Vec<Versioned<Enrollment>>> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let key = id.to_string();
            if let Some(e) = get_versioned(self.conn, stmt::ENROLLMENT_GET, "enrollment", &key)? {
                found.push(e);
            }
        }
        Ok(found)
    }

    async fn courses(&mut self, ids: &[CourseId]) -> StoreResult<Vec<Versioned<Course>>> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let key = id.to_string();
            if let Some(c) = get_versioned(self.conn, stmt::COURSE_GET, "course", &key)? {
                found.push(c);
            }
        }
        Ok(found)
    }

    async fn standing_hours(
        &mut self,
        ids: &[EnrollmentId],
        days: &[(EnrollmentId, NaiveDate)],
    ) -> StoreResult<KeptHours> {
        let mut kept = KeptHours::default();
        let mut s = self
            .conn
            .prepare_cached(stmt::STANDING_GET)
            .map_err(fault)?;
        for id in ids {
            let body: Option<String> = s
                .query_row(params![id.to_string()], |r| r.get(0))
                .optional()
                .map_err(fault)?;
            if let Some(body) = body {
                kept.targets
                    .push((*id, sql::from_body("standing hours", &body)?));
            }
        }
        // A month's row holds all its days: each asked month is read once.
        let months: BTreeSet<(EnrollmentId, String)> = days
            .iter()
            .map(|(id, day)| (*id, sql::month_column(*day)))
            .collect();
        let mut s = self.conn.prepare_cached(stmt::DAYS_GET).map_err(fault)?;
        for (id, month) in months {
            let body: Option<String> = s
                .query_row(params![id.to_string(), month], |r| r.get(0))
                .optional()
                .map_err(fault)?;
            if let Some(body) = body {
                for (day, tally) in sql::days_of_row(&body)? {
                    kept.days.push((id, day, tally));
                }
            }
        }
        Ok(kept)
    }

    async fn keep_standing_hours(&mut self, kept: &KeptHours) -> StoreResult<()> {
        for (id, hours) in &kept.targets {
            exec(
                self.conn,
                stmt::STANDING_PUT,
                params![id.to_string(), sql::to_body(hours)?],
            )?;
        }
        for (id, month, body) in sql::month_rows(&kept.days)? {
            exec(
                self.conn,
                stmt::DAYS_PUT,
                params![id.to_string(), month, body],
            )?;
        }
        Ok(())
    }
}

impl<E: SqliteLedger> LedgerTransaction<E> for SqliteTransaction<'_> {
    async fn next_seq(&mut self) -> StoreResult<Seq> {
        sql::seq(count(self.conn, E::TABLE.next, [])?)
    }

    async fn entries_at(&mut self, seqs: &[Seq]) -> StoreResult<Vec<E>> {
        let mut found = Vec::with_capacity(seqs.len());
        for seq in seqs {
            found.extend(read_entries::<E>(
                self.conn,
                E::TABLE.at,
                params![sql::seq_column(*seq)?],
            )?);
        }
        Ok(found)
    }

    async fn correctors(&mut self, seqs: &[Seq]) -> StoreResult<Vec<(Seq, Seq)>> {
        let mut s = self
            .conn
            .prepare_cached(E::TABLE.corrected_by)
            .map_err(fault)?;
        let mut found = Vec::new();
        for seq in seqs {
            let by: Option<i64> = s
                .query_row(params![sql::seq_column(*seq)?], |r| r.get(0))
                .optional()
                .map_err(fault)?;
            if let Some(by) = by {
                found.push((*seq, sql::seq(by)?));
            }
        }
        Ok(found)
    }

    async fn entries_of(&mut self, enrollment: EnrollmentId) -> StoreResult<Vec<E>> {
        read_entries(self.conn, E::TABLE.of, params![enrollment.to_string()])
    }

    async fn receipt_entries(&mut self, receipt: &LedgerReceipt) -> StoreResult<Vec<E>> {
        let end = i64::try_from(receipt.end()).unwrap_or(i64::MAX);
        read_entries(
            self.conn,
            E::TABLE.range,
            params![sql::seq_column(receipt.first)?, end],
        )
    }

    async fn insert(&mut self, meta: &CommandMeta, entries: &[E]) -> StoreResult<()> {
        let actor = sql::to_body(&meta.actor)?;
        let at = sql::instant_column(meta.at);
        let mut s = self.conn.prepare_cached(E::TABLE.insert).map_err(fault)?;
        for e in entries {
            s.execute(params![
                sql::seq_column(e.seq())?,
                e.fact().enrollment().to_string(),
                sql::to_body(e.fact())?,
                actor,
                at
            ])
            .map_err(fault)?;
        }
        Ok(())
    }
}
