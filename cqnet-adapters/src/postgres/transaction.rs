//! PostgreSQL's unit of work: the operations of `cqnet_store::unit_of_work` on one
//! transaction of either store (through [`Exec`]), each a single round trip whatever the size
//! of the batch (arrays in, rows out), and the mapping of the two ledgers to their tables.

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
use cqnet_store::{CommandMeta, IdempotencyKey, Seq, Version, Versioned};
use tokio_postgres::Row;

use super::commands::{
    ATTENDANCE, COURSE_LOCK, COURSES_AMONG, ENROLLMENT_LOCK, ENROLLMENTS_AMONG, EVALUATIONS,
    Ledger, QUALIFICATION_LOCK, STANDING_AMONG, STANDING_PUT_MANY, audit, col, count,
    enrollment_id, get_versioned, versioned,
};
use super::exec::{Exec, PgError};
use crate::shared::training::enrolled;
use crate::sql::{self, stmt};

type R<T> = Result<T, PgError>;

/// The table of each kind of ledger entry.
pub(crate) trait PgLedger: LedgerRecord + Send + Sync {
    const TABLE: &'static Ledger;
}

impl PgLedger for AttendanceEntry {
    const TABLE: &'static Ledger = &ATTENDANCE;
}

impl PgLedger for EvaluationEntry {
    const TABLE: &'static Ledger = &EVALUATIONS;
}

/// An entry from a row of `seq, body, recorded_by, recorded_at`.
fn entry<E: PgLedger>(r: &Row) -> R<E> {
    Ok(E::assemble(
        sql::seq(col(r, 0)?)?,
        sql::from_body(E::TABLE.what, col(r, 1)?)?,
        sql::actor(col(r, 2)?)?,
        sql::instant(col(r, 3)?)?,
    ))
}

fn seq_columns(seqs: &[Seq]) -> R<Vec<i64>> {
    Ok(seqs
        .iter()
        .map(|s| sql::seq_column(*s))
        .collect::<Result<_, _>>()?)
}

/// A command's view of the store: one open transaction.
pub(crate) struct PgTransaction<'e, E> {
    e: &'e mut E,
}

impl<'e, E: Exec> PgTransaction<'e, E> {
    pub(crate) fn new(e: &'e mut E) -> Self {
        PgTransaction { e }
    }

    /// The open transaction, to run statements on.
    pub(crate) fn exec(&mut self) -> &mut E {
        self.e
    }
}

impl<E: Exec> Transaction for PgTransaction<'_, E> {
    type Error = PgError;

    async fn recorded(&mut self, key: &IdempotencyKey) -> R<Option<RecordedCommand>> {
        let rows = self.e.query(stmt::KEY_GET, &[&key.as_str()]).await?;
        match rows.first() {
            None => Ok(None),
            Some(r) => Ok(Some(RecordedCommand {
                fingerprint: col(r, 0)?,
                answer: col(r, 1)?,
            })),
        }
    }

    async fn record(
        &mut self,
        key: &IdempotencyKey,
        fingerprint: &Fingerprint,
        answer: String,
    ) -> R<()> {
        self.e
            .execute(
                stmt::KEY_INSERT,
                &[&key.as_str(), &fingerprint.as_str(), &answer],
            )
            .await?;
        Ok(())
    }

    async fn audit(&mut self, meta: &CommandMeta, command: &str, subject: &str) -> R<()> {
        audit(self.e, meta, command, subject, "ok").await.map(drop)
    }
}

impl<E: Exec> PgTransaction<'_, E> {
    /// One versioned record by key, locked until commit when the command asks for it.
    async fn get<T: serde::de::DeserializeOwned>(
        &mut self,
        plain: &'static str,
        locking: &'static str,
        lock: Lock,
        what: &'static str,
        key: &str,
    ) -> R<Option<Versioned<T>>> {
        let sql = match lock {
            Lock::None => plain,
            Lock::ForUpdate => locking,
        };
        get_versioned(self.e, sql, what, key).await
    }
}

impl<E: Exec> TrainingTransaction for PgTransaction<'_, E> {
    async fn qualification(
        &mut self,
        code: &QualificationCode,
        lock: Lock,
    ) -> R<Option<Versioned<Qualification>>> {
        let (plain, locking) = (stmt::QUALIFICATION_GET, QUALIFICATION_LOCK);
        self.get(plain, locking, lock, "qualification", code.as_str())
            .await
    }

    async fn insert_qualification(&mut self, q: &Qualification) -> R<()> {
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(q)?);
        self.e
            .execute(
                stmt::QUALIFICATION_INSERT,
                &[&q.code().as_str(), &version, &body],
            )
            .await?;
        Ok(())
    }

    async fn replace_qualification(&mut self, q: &Qualification, version: Version) -> R<()> {
        let (version, body) = (sql::version_column(version)?, sql::to_body(q)?);
        self.e
            .execute(
                stmt::QUALIFICATION_UPDATE,
                &[&version, &body, &q.code().as_str()],
            )
            .await?;
        Ok(())
    }

    async fn standard(
        &mut self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> R<Option<CurriculumStandard>> {
        let rows = self
            .e
            .query(stmt::STANDARD_GET, &[&code.as_str(), &version.as_str()])
            .await?;
        match rows.first() {
            None => Ok(None),
            Some(r) => Ok(Some(sql::from_body("curriculum standard", col(r, 0)?)?)),
        }
    }

    async fn insert_standard(
        &mut self,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> R<()> {
        let body = sql::to_body(standard)?;
        self.e
            .execute(
                stmt::STANDARD_INSERT,
                &[&code.as_str(), &version.as_str(), &body],
            )
            .await?;
        Ok(())
    }

    async fn institution(&mut self, id: InstitutionId) -> R<Option<Versioned<Institution>>> {
        get_versioned(
            self.e,
            stmt::INSTITUTION_GET,
            "institution",
            &id.to_string(),
        )
        .await
    }

    async fn insert_institution(&mut self, i: &Institution) -> R<()> {
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(i)?);
        self.e
            .execute(
                stmt::INSTITUTION_INSERT,
                &[&i.id().to_string(), &version, &body],
            )
            .await?;
        Ok(())
    }

    async fn course(&mut self, id: CourseId, lock: Lock) -> R<Option<Versioned<Course>>> {
        self.get(
            stmt::COURSE_GET,
            COURSE_LOCK,
            lock,
            "course",
            &id.to_string(),
        )
        .await
    }

    async fn insert_course(&mut self, c: &Course) -> R<()> {
        let spec = c.spec();
        let (institution, capacity) = (spec.institution.to_string(), i64::from(spec.capacity));
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(c)?);
        self.e
            .execute(
                stmt::COURSE_INSERT,
                &[
                    &c.id().to_string(),
                    &institution,
                    &spec.qualification.as_str(),
                    &spec.standard_version.as_str(),
                    &capacity,
                    &version,
                    &body,
                ],
            )
            .await?;
        Ok(())
    }

    async fn replace_course(&mut self, c: &Course, version: Version) -> R<()> {
        let spec = c.spec();
        let (institution, capacity) = (spec.institution.to_string(), i64::from(spec.capacity));
        let (version, body) = (sql::version_column(version)?, sql::to_body(c)?);
        self.e
            .execute(
                stmt::COURSE_UPDATE,
                &[
                    &institution,
                    &spec.qualification.as_str(),
                    &spec.standard_version.as_str(),
                    &capacity,
                    &version,
                    &body,
                    &c.id().to_string(),
                ],
            )
            .await?;
        Ok(())
    }

    async fn enrollment(
        &mut self,
        id: EnrollmentId,
        lock: Lock,
    ) -> R<Option<Versioned<Enrollment>>> {
        let (plain, locking) = (stmt::ENROLLMENT_GET, ENROLLMENT_LOCK);
        self.get(plain, locking, lock, "enrollment", &id.to_string())
            .await
    }

    async fn insert_enrollment(&mut self, en: &Enrollment) -> R<()> {
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(en)?);
        let (id, course) = (en.id().to_string(), en.course().to_string());
        self.e
            .execute(stmt::ENROLLMENT_INSERT, &[&id, &course, &version, &body])
            .await?;
        Ok(())
    }

    async fn replace_enrollment(&mut self, en: &Enrollment, version: Version) -> R<()> {
        let (version, body) = (sql::version_column(version)?, sql::to_body(en)?);
        self.e
            .execute(
                stmt::ENROLLMENT_UPDATE,
                &[&version, &body, &en.id().to_string()],
            )
            .await?;
        Ok(())
    }

    async fn enrolled_in(&mut self, course: CourseId) -> R<u64> {
        let n = count(self.e, stmt::ENROLLMENT_COUNT, &course.to_string()).await?;
        Ok(enrolled(n)?)
    }

    async fn enrollments(&mut self, ids: &[EnrollmentId]) -> R<Vec<Versioned<Enrollment>>> {
        let keys: Vec<String> = ids.iter().map(ToString::to_string).collect();
        let rows = self.e.query(ENROLLMENTS_AMONG, &[&keys]).await?;
        rows.iter().map(|r| versioned(r, "enrollment")).collect()
    }

    async fn courses(&mut self, ids: &[CourseId]) -> R<Vec<Versioned<Course>>> {
        let keys: Vec<String> = ids.iter().map(ToString::to_string).collect();
        let rows = self.e.query(COURSES_AMONG, &[&keys]).await?;
        rows.iter().map(|r| versioned(r, "course")).collect()
    }

    async fn standing_hours(
        &mut self,
        ids: &[EnrollmentId],
        days: &[(EnrollmentId, NaiveDate)],
    ) -> R<KeptHours> {
        let keys: Vec<String> = ids.iter().map(ToString::to_string).collect();
        // A month's row holds all its days: each asked month is read once.
        let months: BTreeSet<(EnrollmentId, String)> = days
            .iter()
            .map(|(id, day)| (*id, sql::month_column(*day)))
            .collect();
        let (asked_ids, asked_months): (Vec<String>, Vec<String>) = months
            .into_iter()
            .map(|(id, month)| (id.to_string(), month))
            .unzip();
        let rows = self
            .e
            .query(STANDING_AMONG, &[&keys, &asked_ids, &asked_months])
            .await?;
        let mut kept = KeptHours::default();
        for r in &rows {
            let id = enrollment_id(col(r, 0)?)?;
            let body: &str = col(r, 1)?;
            match col::<Option<&str>>(r, 2)? {
                None => kept
                    .targets
                    .push((id, sql::from_body("standing hours", body)?)),
                Some(_month) => {
                    for (day, tally) in sql::days_of_row(body)? {
                        kept.days.push((id, day, tally));
                    }
                }
            }
        }
        Ok(kept)
    }

    async fn keep_standing_hours(&mut self, kept: &KeptHours) -> R<()> {
        let mut ids = Vec::with_capacity(kept.targets.len());
        let mut bodies = Vec::with_capacity(kept.targets.len());
        for (id, hours) in &kept.targets {
            ids.push(id.to_string());
            bodies.push(sql::to_body(hours)?);
        }
        let rows = sql::month_rows(&kept.days)?;
        let mut month_ids = Vec::with_capacity(rows.len());
        let mut months = Vec::with_capacity(rows.len());
        let mut days = Vec::with_capacity(rows.len());
        for (id, month, body) in rows {
            month_ids.push(id.to_string());
            months.push(month);
            days.push(body);
        }
        self.e
            .execute(
                STANDING_PUT_MANY,
                &[&ids, &bodies, &month_ids, &months, &days],
            )
            .await?;
        Ok(())
    }
}

impl<E: Exec, X: PgLedger> LedgerTransaction<X> for PgTransaction<'_, E> {
    async fn next_seq(&mut self) -> R<Seq> {
        let rows = self.e.query(X::TABLE.next, &[]).await?;
        match rows.first() {
            Some(r) => Ok(sql::seq(col(r, 0)?)?),
            None => Ok(Seq::new(1)),
        }
    }

    async fn entries_at(&mut self, seqs: &[Seq]) -> R<Vec<X>> {
        let seqs = seq_columns(seqs)?;
        let rows = self.e.query(X::TABLE.at, &[&seqs]).await?;
        rows.iter().map(entry).collect()
    }

    async fn correctors(&mut self, seqs: &[Seq]) -> R<Vec<(Seq, Seq)>> {
        let seqs = seq_columns(seqs)?;
        let rows = self.e.query(X::TABLE.corrected_by, &[&seqs]).await?;
        rows.iter()
            .map(|r| Ok((sql::seq(col(r, 0)?)?, sql::seq(col(r, 1)?)?)))
            .collect()
    }

    async fn entries_of(&mut self, enrollment: EnrollmentId) -> R<Vec<X>> {
        let rows = self
            .e
            .query(X::TABLE.of, &[&enrollment.to_string()])
            .await?;
        rows.iter().map(entry).collect()
    }

    async fn receipt_entries(&mut self, receipt: &LedgerReceipt) -> R<Vec<X>> {
        let from = sql::seq_column(receipt.first)?;
        let to = i64::try_from(receipt.end()).unwrap_or(i64::MAX);
        let rows = self.e.query(X::TABLE.range, &[&from, &to]).await?;
        rows.iter().map(entry).collect()
    }

    async fn insert(&mut self, meta: &CommandMeta, entries: &[X]) -> R<()> {
        let mut seqs = Vec::with_capacity(entries.len());
        let mut owners = Vec::with_capacity(entries.len());
        let mut bodies = Vec::with_capacity(entries.len());
        for e in entries {
            seqs.push(sql::seq_column(e.seq())?);
            owners.push(e.fact().enrollment().to_string());
            bodies.push(sql::to_body(e.fact())?);
        }
        let actor = sql::to_body(&meta.actor)?;
        let at = sql::instant_column(meta.at);
        self.e
            .execute(X::TABLE.insert, &[&seqs, &owners, &bodies, &actor, &at])
            .await?;
        Ok(())
    }
}
