//! The async PostgreSQL store: `tokio-postgres`, pooled with deadpool. Nothing here blocks:
//! every round trip is awaited on the caller's tokio runtime.

use std::sync::Arc;

use cqnet_core::QualificationCode;
use cqnet_core::standard::CurriculumStandard;
use cqnet_store::training::{
    AttendanceEntry, Course, CourseId, Enrollment, EnrollmentId, EvaluationEntry, Institution,
    InstitutionId, NewAttendance, NewEvaluation, Qualification, StandardVersion,
};
use cqnet_store::{
    AsyncAuditLog, AsyncCatalogStore, AsyncDesignationStore, AsyncEnrollmentStore,
    AsyncLedgerStore, StoreError, StoreResult,
};
use cqnet_store::{AuditEntry, AuditNote, CommandMeta, IdempotencyKey, Seq, Version, Versioned};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio::sync::OnceCell;
use tokio_postgres::IsolationLevel;

use super::commands::{self as cmd, ATTENDANCE, EVALUATIONS};
use super::exec::{AsyncSession, Next, PgError, backoff, settle};
use super::transaction::PgTransaction;
use super::{ApplyPath, PgOptions};
use cqnet_store::UnavailableKind;
use cqnet_store::training::commands;

/// Runs `$body` (an expression awaiting a command on the session `$s`) in one transaction,
/// committed only when it succeeds, and again in a fresh one when it loses a race.
macro_rules! write_tx {
    ($store:ident, |$s:ident| $body:expr) => {{
        $store.ready().await?;
        let mut attempt = 1;
        loop {
            let outcome: Result<_, PgError> = async {
                let mut client = $store.client().await?;
                let tx = client
                    .build_transaction()
                    .isolation_level(IsolationLevel::ReadCommitted)
                    .start()
                    .await?;
                let value = {
                    let mut $s = AsyncSession { client: &tx };
                    $body.await?
                }; // dropping `tx` on error rolls back
                tx.commit().await?;
                Ok(value)
            }
            .await;
            match settle(outcome, attempt) {
                Next::Done(result) => break result,
                Next::Retry => {
                    tokio::time::sleep(backoff(attempt)).await;
                    attempt += 1;
                }
            }
        }
    }};
}

/// Runs `$body`, a single statement that is its own transaction (no `BEGIN`/`COMMIT` round
/// trips), and again when it loses a race.
macro_rules! single_statement {
    ($store:ident, |$s:ident| $body:expr) => {{
        $store.ready().await?;
        let mut attempt = 1;
        loop {
            let outcome: Result<_, PgError> = async {
                let client = $store.client().await?;
                let mut $s = AsyncSession { client: &client };
                $body.await
            }
            .await;
            match settle(outcome, attempt) {
                Next::Done(result) => break result,
                Next::Retry => {
                    tokio::time::sleep(backoff(attempt)).await;
                    attempt += 1;
                }
            }
        }
    }};
}

/// Runs `$body` on a pooled connection outside a transaction.
macro_rules! read {
    ($store:ident, |$s:ident| $body:expr) => {{
        $store.ready().await?;
        let outcome: Result<_, PgError> = async {
            let client = $store.client().await?;
            let mut $s = AsyncSession { client: &client };
            $body.await
        }
        .await;
        outcome.map_err(PgError::into_store)
    }};
}

/// An async store in one schema of a PostgreSQL database, on `tokio-postgres` with a
/// deadpool pool of connections; every call is awaited on the caller's tokio runtime and never
/// blocks it. Cloning is cheap and shares the pool.
///
/// [`AsyncPgStore::new`] opens nothing; the first operation (or [`AsyncPgStore::migrate`])
/// creates the schema if missing and applies the migrations, once. [`AsyncPgStore::connect`]
/// does both at once. Transactions, retries, locks and idempotency are those of
/// [`PgStore`](super::PgStore): both run the same commands.
///
/// Needs a tokio runtime with I/O and time enabled.
///
/// # Example
/// ```no_run
/// use cqnet_adapters::postgres::{AsyncPgStore, PgOptions};
/// use cqnet_store::AsyncCatalogStore;
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let options = PgOptions::new("postgresql://cqnet@127.0.0.1:5432/cqnet")?.with_schema("cohort_2026")?;
/// let store = AsyncPgStore::connect(&options).await?;
/// println!("{} qualifications", store.qualifications().await?.len());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AsyncPgStore {
    pool: Pool,
    schema: Arc<str>,
    migrated: Arc<OnceCell<i64>>,
    apply_path: ApplyPath,
}

impl std::fmt::Debug for AsyncPgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AsyncPgStore")
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

impl AsyncPgStore {
    /// A store that connects when first used. Opens no connection (so it can be made where
    /// no `.await` is possible); the first operation migrates the schema.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] if the pool cannot be set up or the trusted roots of TLS
    /// cannot be had.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::{AsyncPgStore, PgOptions};
    /// let store = AsyncPgStore::new(&PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?)?;
    /// assert_eq!(store.schema(), "cqnet");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(options: &PgOptions) -> StoreResult<Self> {
        let manager = Manager::from_config(
            options.driver_config(),
            options.tls_connector()?,
            ManagerConfig {
                // A closed connection is dropped; a live one keeps its prepared statements.
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(options.pool_size() as usize)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(options.connect_timeout()))
            .create_timeout(Some(options.connect_timeout()))
            .build()
            .map_err(|e| {
                StoreError::unavailable(
                    UnavailableKind::Connection,
                    "postgres: the pool could not start",
                )
                .with_source(e)
            })?;
        Ok(AsyncPgStore {
            pool,
            schema: Arc::from(options.schema()),
            migrated: Arc::new(OnceCell::new()),
            apply_path: options.apply_path(),
        })
    }

    /// Connects, creates the schema if missing and applies the migrations not yet recorded.
    ///
    /// # Errors
    /// As [`PgStore::connect`](super::PgStore::connect).
    ///
    /// # Example
    /// ```no_run
    /// use cqnet_adapters::postgres::{AsyncPgStore, PgOptions};
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let options = PgOptions::new("postgresql://cqnet@127.0.0.1:5432/cqnet")?;
    /// let store = AsyncPgStore::connect(&options).await?;
    /// assert!(store.schema_version().await? > 0);
    /// # Ok(()) }
    /// ```
    pub async fn connect(options: &PgOptions) -> StoreResult<Self> {
        let store = Self::new(options)?;
        store.migrate().await?;
        Ok(store)
    }

    /// Creates the schema if missing and applies the migrations not yet recorded, once per
    /// store (later calls answer at once). Returns the newest migration applied.
    ///
    /// # Errors
    /// As [`PgStore::connect`](super::PgStore::connect); a failed attempt is tried again by
    /// the next call.
    ///
    /// # Example
    /// ```no_run
    /// # use cqnet_adapters::postgres::{AsyncPgStore, PgOptions};
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = AsyncPgStore::new(&PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?)?;
    /// assert_eq!(store.migrate().await?, 1);
    /// # Ok(()) }
    /// ```
    pub async fn migrate(&self) -> StoreResult<i64> {
        let version = self
            .migrated
            .get_or_try_init(|| async {
                let store = self;
                let schema = Arc::clone(&self.schema);
                let done: StoreResult<i64> = async {
                    let mut attempt = 1;
                    loop {
                        let outcome: Result<i64, PgError> = async {
                            let mut client = store.client().await?;
                            let tx = client.transaction().await?;
                            let v =
                                cmd::migrate(&mut AsyncSession { client: &tx }, &schema).await?;
                            tx.commit().await?;
                            Ok(v)
                        }
                        .await;
                        match settle(outcome, attempt) {
                            Next::Done(result) => break result,
                            Next::Retry => {
                                tokio::time::sleep(backoff(attempt)).await;
                                attempt += 1;
                            }
                        }
                    }
                }
                .await;
                done
            })
            .await?;
        Ok(*version)
    }

    /// The schema this store works in.
    ///
    /// # Example
    /// See [`AsyncPgStore::new`].
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
    /// # use cqnet_adapters::postgres::{AsyncPgStore, PgOptions};
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = AsyncPgStore::connect(&PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?).await?;
    /// assert_eq!(store.schema_version().await?, 2);
    /// # Ok(()) }
    /// ```
    pub async fn schema_version(&self) -> StoreResult<i64> {
        read!(self, |s| cmd::schema_version(&mut s))
    }

    async fn ready(&self) -> StoreResult<()> {
        self.migrate().await.map(drop)
    }

    async fn client(&self) -> Result<deadpool_postgres::Client, PgError> {
        self.pool.get().await.map_err(|e| match &e {
            // A refused handshake is final: the store's error at once, not a retry.
            deadpool_postgres::PoolError::Backend(db) if super::tls::is_tls_failure(db) => {
                PgError::Store(
                    StoreError::unavailable(
                        UnavailableKind::Tls,
                        "postgres: the TLS handshake failed",
                    )
                    .with_source(e),
                )
            }
            _ => super::exec::no_connection(e),
        })
    }
}

impl AsyncCatalogStore for AsyncPgStore {
    async fn create_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
    ) -> StoreResult<Version> {
        write_tx!(self, |s| commands::create_qualification(
            &mut PgTransaction::new(&mut s),
            meta,
            q
        ))
    }

    async fn update_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
        expected: Version,
    ) -> StoreResult<Version> {
        write_tx!(self, |s| commands::update_qualification(
            &mut PgTransaction::new(&mut s),
            meta,
            q,
            expected
        ))
    }

    async fn qualification(
        &self,
        code: &QualificationCode,
    ) -> StoreResult<Versioned<Qualification>> {
        read!(self, |s| cmd::qualification(&mut s, code))
    }

    async fn qualifications(&self) -> StoreResult<Vec<Versioned<Qualification>>> {
        read!(self, |s| cmd::qualifications(&mut s))
    }

    async fn put_standard(
        &self,
        meta: &CommandMeta,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> StoreResult<()> {
        write_tx!(self, |s| commands::put_standard(
            &mut PgTransaction::new(&mut s),
            meta,
            code,
            version,
            standard
        ))
    }

    async fn standard(
        &self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> StoreResult<CurriculumStandard> {
        read!(self, |s| cmd::standard(&mut s, code, version))
    }

    async fn standard_versions(
        &self,
        code: &QualificationCode,
    ) -> StoreResult<Vec<StandardVersion>> {
        read!(self, |s| cmd::standard_versions(&mut s, code))
    }
}

impl AsyncDesignationStore for AsyncPgStore {
    async fn create_institution(
        &self,
        meta: &CommandMeta,
        i: &Institution,
    ) -> StoreResult<Version> {
        write_tx!(self, |s| commands::create_institution(
            &mut PgTransaction::new(&mut s),
            meta,
            i
        ))
    }

    async fn institution(&self, id: InstitutionId) -> StoreResult<Versioned<Institution>> {
        read!(self, |s| cmd::institution(&mut s, id))
    }

    async fn create_course(&self, meta: &CommandMeta, c: &Course) -> StoreResult<Version> {
        write_tx!(self, |s| commands::create_course(
            &mut PgTransaction::new(&mut s),
            meta,
            c
        ))
    }

    async fn update_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
        expected: Version,
    ) -> StoreResult<Version> {
        write_tx!(self, |s| commands::update_course(
            &mut PgTransaction::new(&mut s),
            meta,
            c,
            expected
        ))
    }

    async fn course(&self, id: CourseId) -> StoreResult<Versioned<Course>> {
        read!(self, |s| cmd::course(&mut s, id))
    }

    async fn courses(
        &self,
        institution: Option<InstitutionId>,
    ) -> StoreResult<Vec<Versioned<Course>>> {
        read!(self, |s| cmd::courses(&mut s, institution))
    }
}

impl AsyncEnrollmentStore for AsyncPgStore {
    async fn enroll(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        e: &Enrollment,
    ) -> StoreResult<Versioned<Enrollment>> {
        write_tx!(self, |s| commands::enroll(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            e
        ))
    }

    async fn update_enrollment(
        &self,
        meta: &CommandMeta,
        e: &Enrollment,
        expected: Version,
    ) -> StoreResult<Version> {
        write_tx!(self, |s| commands::update_enrollment(
            &mut PgTransaction::new(&mut s),
            meta,
            e,
            expected
        ))
    }

    async fn enrollment(&self, id: EnrollmentId) -> StoreResult<Versioned<Enrollment>> {
        read!(self, |s| cmd::enrollment(&mut s, id))
    }

    async fn enrollments(&self, course: CourseId) -> StoreResult<Vec<Versioned<Enrollment>>> {
        read!(self, |s| cmd::enrollments(&mut s, course))
    }
}

impl AsyncLedgerStore for AsyncPgStore {
    async fn append_attendance(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewAttendance],
    ) -> StoreResult<Vec<AttendanceEntry>> {
        write_tx!(self, |s| cmd::append_attendance(&mut s, meta, key, facts))
    }

    async fn append_evaluations(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> StoreResult<Vec<EvaluationEntry>> {
        write_tx!(self, |s| cmd::append_evaluations(&mut s, meta, key, facts))
    }

    async fn attendance(&self, enrollment: EnrollmentId) -> StoreResult<Vec<AttendanceEntry>> {
        read!(self, |s| cmd::entries_of(
            &mut s,
            &ATTENDANCE,
            enrollment,
            |seq, fact, recorded_by, recorded_at| AttendanceEntry {
                seq,
                fact,
                recorded_by,
                recorded_at,
            }
        ))
    }

    async fn evaluations(&self, enrollment: EnrollmentId) -> StoreResult<Vec<EvaluationEntry>> {
        read!(self, |s| cmd::entries_of(
            &mut s,
            &EVALUATIONS,
            enrollment,
            |seq, fact, recorded_by, recorded_at| EvaluationEntry {
                seq,
                fact,
                recorded_by,
                recorded_at,
            }
        ))
    }

    async fn ledger_enrollments(&self) -> StoreResult<Vec<EnrollmentId>> {
        read!(self, |s| cmd::ledger_enrollments(&mut s))
    }

    async fn command_recorded(&self, key: &IdempotencyKey) -> StoreResult<bool> {
        read!(self, |s| cmd::command_recorded(&mut s, key))
    }
}

impl AsyncAuditLog for AsyncPgStore {
    async fn append_note(&self, note: &AuditNote) -> StoreResult<AuditEntry> {
        write_tx!(self, |s| cqnet_store::append_note(
            &mut PgTransaction::new(&mut s),
            note
        ))
    }

    async fn audit_entries(
        &self,
        after: Option<Seq>,
        limit: usize,
    ) -> StoreResult<Vec<AuditEntry>> {
        read!(self, |s| cmd::audit_entries(&mut s, after, limit))
    }
}

#[path = "exam_nonblocking.rs"]
mod exam_store;

#[path = "certificate_nonblocking.rs"]
mod certificate_store;

#[path = "work_study_nonblocking.rs"]
mod work_study_store;

#[path = "designation_nonblocking.rs"]
mod designation_store;

impl cqnet_store::search::AsyncCourseSearch for AsyncPgStore {
    async fn search_qualifications(
        &self,
        query: &cqnet_store::search::QualificationQuery,
    ) -> StoreResult<cqnet_store::search::Page<Qualification>> {
        read!(self, |s| super::search::qualifications(&mut s, query))
    }

    async fn search_institutions(
        &self,
        query: &cqnet_store::search::InstitutionQuery,
    ) -> StoreResult<cqnet_store::search::Page<Institution>> {
        read!(self, |s| super::search::institutions(&mut s, query))
    }

    async fn search_courses(
        &self,
        query: &cqnet_store::search::CourseQuery,
    ) -> StoreResult<cqnet_store::search::Page<cqnet_store::search::CourseHit>> {
        read!(self, |s| super::search::courses(&mut s, query))
    }
}

impl cqnet_store::statistics::AsyncStatisticsStore for AsyncPgStore {
    async fn funnel(
        &self,
        query: &cqnet_store::statistics::FunnelQuery,
    ) -> StoreResult<Vec<cqnet_core::statistics::FunnelRow>> {
        read!(self, |s| super::statistics::funnel(&mut s, query))
    }

    async fn score_distribution(
        &self,
        round: &cqnet_store::exam::RoundId,
        part: cqnet_store::statistics::ScorePart,
        bounds: &cqnet_core::statistics::ScoreBandBounds,
    ) -> StoreResult<cqnet_core::statistics::ScoreDistribution> {
        read!(self, |s| super::statistics::distribution(
            &mut s, round, part, bounds
        ))
    }
}
