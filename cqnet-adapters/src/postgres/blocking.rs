//! The blocking PostgreSQL store: the `postgres` client, pooled with r2d2.

use std::sync::Arc;

use cqnet_core::QualificationCode;
use cqnet_core::standard::CurriculumStandard;
use cqnet_store::training::{
    AttendanceEntry, Course, CourseId, Enrollment, EnrollmentId, EvaluationEntry, Institution,
    InstitutionId, NewAttendance, NewEvaluation, Qualification, StandardVersion,
};
use cqnet_store::{AuditEntry, AuditNote, CommandMeta, IdempotencyKey, Seq, Version, Versioned};
use cqnet_store::{
    AuditLog, CatalogStore, DesignationStore, EnrollmentStore, LedgerStore, StoreError, StoreResult,
};
use postgres::{Client, IsolationLevel, Transaction};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::commands::{self as cmd, ATTENDANCE, EVALUATIONS};
use super::exec::{Next, PgError, StatementCache, SyncSession, backoff, finish, settle};
use super::tls::is_tls_failure;
use super::transaction::PgTransaction;
use super::{ApplyPath, PgOptions};
use cqnet_store::UnavailableKind;
use cqnet_store::training::commands;

/// One pooled connection and its prepared statements.
pub(crate) struct PgConnection {
    client: Client,
    cache: StatementCache,
}

/// Opens connections for r2d2 with the store's configuration (schema as `search_path`) and
/// its TLS connector.
struct Manager {
    config: postgres::Config,
    tls: MakeRustlsConnect,
}

impl std::fmt::Debug for Manager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Manager").finish_non_exhaustive()
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = PgConnection;
    type Error = postgres::Error;

    fn connect(&self) -> Result<PgConnection, postgres::Error> {
        Ok(PgConnection {
            client: self.config.connect(self.tls.clone())?,
            cache: StatementCache::new(),
        })
    }

    fn is_valid(&self, conn: &mut PgConnection) -> Result<(), postgres::Error> {
        conn.client.simple_query("").map(drop)
    }

    fn has_broken(&self, conn: &mut PgConnection) -> bool {
        conn.client.is_closed()
    }
}

/// A blocking store in one schema of a PostgreSQL database, on the `postgres` client with an
/// r2d2 pool of connections. Cloning is cheap and shares the pool.
///
/// Every command is one `READ COMMITTED` transaction holding its audit line and, for
/// retryable commands, its idempotency key; a command that loses a race (serialization
/// failure, deadlock, unique key taken concurrently) is rolled back and tried again, up to 5
/// times. See [the module](super) for how seats and ledger positions are kept right.
///
/// Use it from threads, not from inside an async runtime (the `postgres` client runs its own
/// small runtime per connection); async hosts use [`AsyncPgStore`](super::AsyncPgStore).
///
/// # Example
/// ```no_run
/// use cqnet_adapters::postgres::{PgOptions, PgStore};
/// use cqnet_store::CatalogStore;
/// let options = PgOptions::new("postgresql://cqnet@127.0.0.1:5432/cqnet")?.with_schema("cohort_2026")?;
/// let store = PgStore::connect(&options)?;
/// assert_eq!(store.schema_version()?, 1);
/// println!("{} qualifications", store.qualifications()?.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct PgStore {
    pool: r2d2::Pool<Manager>,
    schema: Arc<str>,
    apply_path: ApplyPath,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects, creates the schema if missing and applies the migrations not yet recorded
    /// there.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] when the server cannot be reached or the schema cannot be
    /// created or migrated, and at once (not after the connect timeout) when TLS cannot be
    /// negotiated as [`PgOptions::ssl_mode`] demands; [`StoreError::Corrupt`] when the schema
    /// records a migration this version does not know.
    ///
    /// # Example
    /// ```no_run
    /// use cqnet_adapters::postgres::{PgOptions, PgStore};
    /// use cqnet_store::StoreError;
    /// let options = PgOptions::new("postgresql://cqnet@db.example.org/cqnet?sslmode=verify-full")?;
    /// match PgStore::connect(&options) {
    ///     Ok(store) => println!("connected, schema {}", store.schema()),
    ///     Err(e @ StoreError::Unavailable { .. }) => {
    ///         // The detail says what failed; the driver's own error is the source.
    ///         let driver = std::error::Error::source(&e).map(ToString::to_string);
    ///         eprintln!("not reachable: {e} ({})", driver.unwrap_or_default());
    ///     }
    ///     Err(e) => return Err(e.into()),
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn connect(options: &PgOptions) -> StoreResult<Self> {
        let manager = Manager {
            config: options.driver_config().into(),
            tls: options.tls_connector()?,
        };
        // One connection first: a refused handshake is final, so it is reported now rather
        // than after the pool has retried for the whole connect timeout.
        if let Err(e) = r2d2::ManageConnection::connect(&manager)
            && is_tls_failure(&e)
        {
            return Err(StoreError::unavailable(
                UnavailableKind::Tls,
                "postgres: the TLS handshake failed",
            )
            .with_source(e));
        }
        let pool = r2d2::Pool::builder()
            .max_size(options.pool_size())
            .min_idle(Some(0))
            .connection_timeout(options.connect_timeout())
            // A broken connection is noticed (`has_broken`) when it is handed back; testing
            // each one on checkout would cost a round trip per command.
            .test_on_check_out(false)
            .build(manager)
            .map_err(|e| {
                StoreError::unavailable(
                    UnavailableKind::Connection,
                    "postgres: the pool could not start",
                )
                .with_source(e)
            })?;
        let store = PgStore {
            pool,
            schema: Arc::from(options.schema()),
            apply_path: options.apply_path(),
        };
        let schema = Arc::clone(&store.schema);
        store.write(|s| finish(cmd::migrate(s, &schema)))?;
        Ok(store)
    }

    /// The schema this store works in.
    ///
    /// # Example
    /// ```no_run
    /// # use cqnet_adapters::postgres::{PgOptions, PgStore};
    /// let store = PgStore::connect(&PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?)?;
    /// assert_eq!(store.schema(), "cqnet");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// The newest migration applied to the schema.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`].
    ///
    /// # Example
    /// ```no_run
    /// use cqnet_adapters::postgres::{PgOptions, PgStore};
    /// let store = PgStore::connect(&PgOptions::new("postgresql://cqnet@127.0.0.1:5432/cqnet")?)?;
    /// println!("schema at migration {}", store.schema_version()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn schema_version(&self) -> StoreResult<i64> {
        self.read(|s| finish(cmd::schema_version(s)))
    }

    fn connection(&self) -> Result<r2d2::PooledConnection<Manager>, PgError> {
        self.pool.get().map_err(super::exec::no_connection)
    }

    /// Runs `f` on a pooled connection outside a transaction (one statement reads are atomic).
    fn read<T>(
        &self,
        f: impl FnOnce(&mut SyncSession<'_, Client>) -> Result<T, PgError>,
    ) -> StoreResult<T> {
        let outcome = (|| {
            let mut conn = self.connection()?;
            let PgConnection { client, cache } = &mut *conn;
            f(&mut SyncSession { client, cache })
        })();
        outcome.map_err(PgError::into_store)
    }

    /// Runs `f`, a single statement that is its own transaction (no `BEGIN`/`COMMIT` round
    /// trips), and again when it loses a race (see [`settle`]).
    pub(crate) fn single_statement<T>(
        &self,
        mut f: impl FnMut(&mut SyncSession<'_, Client>) -> Result<T, PgError>,
    ) -> StoreResult<T> {
        retrying(|| {
            let mut conn = self.connection()?;
            let PgConnection { client, cache } = &mut *conn;
            f(&mut SyncSession { client, cache })
        })
    }

    /// Runs `f` in one transaction, committed only when `f` succeeds, and again in a fresh one
    /// when it loses a race (see [`settle`]).
    fn write<T>(
        &self,
        mut f: impl FnMut(&mut SyncSession<'_, Transaction<'_>>) -> Result<T, PgError>,
    ) -> StoreResult<T> {
        retrying(|| {
            let mut conn = self.connection()?;
            let PgConnection { client, cache } = &mut *conn;
            let mut tx = client
                .build_transaction()
                .isolation_level(IsolationLevel::ReadCommitted)
                .start()?;
            let value = f(&mut SyncSession {
                client: &mut tx,
                cache,
            })?; // dropping `tx` on error rolls back
            tx.commit()?;
            Ok(value)
        })
    }
}

/// Runs `attempt` until [`settle`] is done with it, pausing between attempts.
fn retrying<T>(mut attempt: impl FnMut() -> Result<T, PgError>) -> StoreResult<T> {
    let mut n = 1;
    loop {
        match settle(attempt(), n) {
            Next::Done(result) => return result,
            Next::Retry => {
                std::thread::sleep(backoff(n));
                n += 1;
            }
        }
    }
}

impl CatalogStore for PgStore {
    fn create_qualification(&self, meta: &CommandMeta, q: &Qualification) -> StoreResult<Version> {
        self.write(|s| {
            finish(commands::create_qualification(
                &mut PgTransaction::new(s),
                meta,
                q,
            ))
        })
    }

    fn update_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
        expected: Version,
    ) -> StoreResult<Version> {
        self.write(|s| {
            finish(commands::update_qualification(
                &mut PgTransaction::new(s),
                meta,
                q,
                expected,
            ))
        })
    }

    fn qualification(&self, code: &QualificationCode) -> StoreResult<Versioned<Qualification>> {
        self.read(|s| finish(cmd::qualification(s, code)))
    }

    fn qualifications(&self) -> StoreResult<Vec<Versioned<Qualification>>> {
        self.read(|s| finish(cmd::qualifications(s)))
    }

    fn put_standard(
        &self,
        meta: &CommandMeta,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> StoreResult<()> {
        self.write(|s| {
            finish(commands::put_standard(
                &mut PgTransaction::new(s),
                meta,
                code,
                version,
                standard,
            ))
        })
    }

    fn standard(
        &self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> StoreResult<CurriculumStandard> {
        self.read(|s| finish(cmd::standard(s, code, version)))
    }

    fn standard_versions(&self, code: &QualificationCode) -> StoreResult<Vec<StandardVersion>> {
        self.read(|s| finish(cmd::standard_versions(s, code)))
    }
}

impl DesignationStore for PgStore {
    fn create_institution(&self, meta: &CommandMeta, i: &Institution) -> StoreResult<Version> {
        self.write(|s| {
            finish(commands::create_institution(
                &mut PgTransaction::new(s),
                meta,
                i,
            ))
        })
    }

    fn institution(&self, id: InstitutionId) -> StoreResult<Versioned<Institution>> {
        self.read(|s| finish(cmd::institution(s, id)))
    }

    fn create_course(&self, meta: &CommandMeta, c: &Course) -> StoreResult<Version> {
        self.write(|s| finish(commands::create_course(&mut PgTransaction::new(s), meta, c)))
    }

    fn update_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
        expected: Version,
    ) -> StoreResult<Version> {
        self.write(|s| {
            finish(commands::update_course(
                &mut PgTransaction::new(s),
                meta,
                c,
                expected,
            ))
        })
    }

    fn course(&self, id: CourseId) -> StoreResult<Versioned<Course>> {
        self.read(|s| finish(cmd::course(s, id)))
    }

    fn courses(&self, institution: Option<InstitutionId>) -> StoreResult<Vec<Versioned<Course>>> {
        self.read(|s| finish(cmd::courses(s, institution)))
    }
}

impl EnrollmentStore for PgStore {
    fn enroll(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        e: &Enrollment,
    ) -> StoreResult<Versioned<Enrollment>> {
        self.write(|s| finish(commands::enroll(&mut PgTransaction::new(s), meta, key, e)))
    }

    fn update_enrollment(
        &self,
        meta: &CommandMeta,
        e: &Enrollment,
        expected: Version,
    ) -> StoreResult<Version> {
        self.write(|s| {
            finish(commands::update_enrollment(
                &mut PgTransaction::new(s),
                meta,
                e,
                expected,
            ))
        })
    }

    fn enrollment(&self, id: EnrollmentId) -> StoreResult<Versioned<Enrollment>> {
        self.read(|s| finish(cmd::enrollment(s, id)))
    }

    fn enrollments(&self, course: CourseId) -> StoreResult<Vec<Versioned<Enrollment>>> {
        self.read(|s| finish(cmd::enrollments(s, course)))
    }
}

impl LedgerStore for PgStore {
    fn append_attendance(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewAttendance],
    ) -> StoreResult<Vec<AttendanceEntry>> {
        self.write(|s| finish(cmd::append_attendance(s, meta, key, facts)))
    }

    fn append_evaluations(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> StoreResult<Vec<EvaluationEntry>> {
        self.write(|s| finish(cmd::append_evaluations(s, meta, key, facts)))
    }

    fn attendance(&self, enrollment: EnrollmentId) -> StoreResult<Vec<AttendanceEntry>> {
        self.read(|s| {
            finish(cmd::entries_of(
                s,
                &ATTENDANCE,
                enrollment,
                |seq, fact, recorded_by, recorded_at| AttendanceEntry {
                    seq,
                    fact,
                    recorded_by,
                    recorded_at,
                },
            ))
        })
    }

    fn evaluations(&self, enrollment: EnrollmentId) -> StoreResult<Vec<EvaluationEntry>> {
        self.read(|s| {
            finish(cmd::entries_of(
                s,
                &EVALUATIONS,
                enrollment,
                |seq, fact, recorded_by, recorded_at| EvaluationEntry {
                    seq,
                    fact,
                    recorded_by,
                    recorded_at,
                },
            ))
        })
    }

    fn ledger_enrollments(&self) -> StoreResult<Vec<EnrollmentId>> {
        self.read(|s| finish(cmd::ledger_enrollments(s)))
    }

    fn command_recorded(&self, key: &IdempotencyKey) -> StoreResult<bool> {
        self.read(|s| finish(cmd::command_recorded(s, key)))
    }
}

impl AuditLog for PgStore {
    fn append_note(&self, note: &AuditNote) -> StoreResult<AuditEntry> {
        self.write(|s| finish(cqnet_store::append_note(&mut PgTransaction::new(s), note)))
    }

    fn audit_entries(&self, after: Option<Seq>, limit: usize) -> StoreResult<Vec<AuditEntry>> {
        self.read(|s| finish(cmd::audit_entries(s, after, limit)))
    }
}

#[path = "exam_blocking.rs"]
mod exam_store;

#[path = "certificate_blocking.rs"]
mod certificate_store;

#[path = "work_study_blocking.rs"]
mod work_study_store;

#[path = "designation_blocking.rs"]
mod designation_store;

impl cqnet_store::search::CourseSearch for PgStore {
    fn search_qualifications(
        &self,
        query: &cqnet_store::search::QualificationQuery,
    ) -> StoreResult<cqnet_store::search::Page<cqnet_store::training::Qualification>> {
        self.read(|s| super::exec::finish(super::search::qualifications(s, query)))
    }

    fn search_institutions(
        &self,
        query: &cqnet_store::search::InstitutionQuery,
    ) -> StoreResult<cqnet_store::search::Page<cqnet_store::training::Institution>> {
        self.read(|s| super::exec::finish(super::search::institutions(s, query)))
    }

    fn search_courses(
        &self,
        query: &cqnet_store::search::CourseQuery,
    ) -> StoreResult<cqnet_store::search::Page<cqnet_store::search::CourseHit>> {
        self.read(|s| super::exec::finish(super::search::courses(s, query)))
    }
}

impl cqnet_store::statistics::StatisticsStore for PgStore {
    fn funnel(
        &self,
        query: &cqnet_store::statistics::FunnelQuery,
    ) -> StoreResult<Vec<cqnet_core::statistics::FunnelRow>> {
        self.read(|s| super::exec::finish(super::statistics::funnel(s, query)))
    }

    fn score_distribution(
        &self,
        round: &cqnet_store::exam::RoundId,
        part: cqnet_store::statistics::ScorePart,
        bounds: &cqnet_core::statistics::ScoreBandBounds,
    ) -> StoreResult<cqnet_core::statistics::ScoreDistribution> {
        self.read(|s| super::exec::finish(super::statistics::distribution(s, round, part, bounds)))
    }
}
