//! The PostgreSQL adapter (feature `postgres`): a blocking store on the `postgres` client
//! ([`PgStore`], pooled with r2d2) and an async store on `tokio-postgres` ([`AsyncPgStore`],
//! pooled with deadpool) that awaits every round trip and never blocks its executor.
//!
//! Both run the same commands, written once against a small internal trait and using the
//! statements and row mapping of [`crate::sql`] that the SQLite adapter uses too; the schema is
//! kept as SQL files under `migrations/postgres/`, applied in order and recorded in
//! `schema_migrations`. Each store works in its own PostgreSQL schema ([`PgOptions`]), created
//! if missing and set as `search_path` on every pooled connection.
//!
//! # One transaction per command, and why it never overbooks
//!
//! Every command is one `READ COMMITTED` transaction that also writes its audit line and, for
//! retryable commands, its idempotency key and answer (`cqnet_store::idempotency`), so a
//! command is applied whole or not at all. What must not race is serialized by a lock held
//! to commit, taken in the same order by every command (row or ledger first, the audit log
//! last), so that they cannot deadlock:
//!
//! - **Seats.** `enroll` locks the course row (`SELECT … FOR NO KEY UPDATE`), then counts the
//!   enrollments and inserts. The racers for one course queue on that row and each sees the
//!   seats its predecessors took, so the count compared with the capacity is exact; other
//!   courses are not held up, no retry is needed, and capacity updates take the same lock.
//!   A conditional `UPDATE courses SET booked = booked + 1 WHERE booked < capacity` would need
//!   a counter column kept in step with the enrollments, and `SERIALIZABLE` would make 15 of 16
//!   racers for the last seat fail and retry; the row lock is both simpler and exact.
//! - **Updates** lock the row they replace and compare the version read
//!   ([`StoreError::VersionConflict`](cqnet_store::StoreError::VersionConflict) otherwise).
//! - **Ledger and audit positions** are `MAX + 1` taken under a table lock in `EXCLUSIVE`
//!   mode (readers go on), so a batch's positions are contiguous and positions follow commit
//!   order: a reader paging the audit log with `after` never misses a line committed later
//!   under a smaller number, which a sequence could not promise.
//! - **Applications** (원서접수) run as one statement, `SELECT … FROM cqnet_apply(…)`
//!   (migration 0005), outside an explicit transaction: one round trip and one transaction
//!   that takes the venue's seat by a conditional update (`booked < capacity`), the round's
//!   next exam number from its counter row, and writes the application, the key and the audit
//!   line (under the same table lock, taken last), so the locks are held only while the server
//!   runs it. What the service decides on is read before in one statement too
//!   ([`AsyncExamStore::application_context`](cqnet_store::exam::AsyncExamStore::application_context), on the async store).
//! - **Certificate numbers** (qualification serials, management and confirmation sequences)
//!   come from counter rows advanced by `INSERT … ON CONFLICT (scope) DO UPDATE SET last =
//!   last + 1 RETURNING last`, which holds the row until commit: issuers queue on it, numbers
//!   are unique and contiguous, and a rolled-back issue gives its number back. Reissues and
//!   cancellations lock the qualification's record row first.
//! - **Idempotency keys** are read after the command's lock is taken, so a concurrent retry
//!   finds the first one's answer. A race lost anyway (two first attempts with the same key
//!   on different locks, two creations of the same id) ends in a unique violation: the
//!   transaction is rolled back and the command tried again (up to 5 times), and the fresh
//!   attempt answers as if it had come second (a replay, `AlreadyExists`). Serialization
//!   failures and deadlocks are retried the same way.
//!
//! Driver errors become [`StoreError`](cqnet_store::StoreError)s: unique violations
//! `AlreadyExists`, foreign-key violations `NotFound`, check and append-only violations
//! `Conflict`, serialization failures and deadlocks still lost after the retries and every
//! connection fault `Unavailable` (nothing was committed; retrying with the same idempotency
//! key is safe). The ledgers and the audit log are append-only in the database too: a trigger
//! refuses `UPDATE`, `DELETE` and `TRUNCATE` on them.
//!
//! # Bulk ledger batches
//!
//! A ledger batch costs the same few round trips whatever its size: one statement checks
//! every enrollment named (`= ANY($1)`), one finds the owners of the corrected entries, and
//! the rows go in as one `INSERT … SELECT FROM UNNEST` of arrays. Prepared statements are
//! cached per connection. See `docs/performance.md` for figures.
//!
//! # Example
//! ```no_run
//! use cqnet_adapters::postgres::{PgOptions, PgStore};
//! use cqnet_store::AuditLog;
//! let store = PgStore::connect(&PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?)?;
//! for line in store.audit_entries(None, 20)? {
//!     println!("{} {} {}", line.seq, line.command, line.outcome);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod blocking;
mod certificate;
mod commands;
mod conninfo;
mod designation;
mod exam;
mod exec;
mod nonblocking;
mod options;
mod search;
mod statistics;
mod tls;
mod transaction;
mod work_study;

pub use blocking::PgStore;
pub use nonblocking::AsyncPgStore;
pub use options::{ApplyPath, PgOptions};
pub use tls::PgSslMode;

/// The migrations this version applies, as `(number, name)`, in order.
///
/// # Example
/// ```
/// let (number, name) = cqnet_adapters::postgres::migrations().next().unwrap();
/// assert_eq!((number, name), (1, "0001_training_records"));
/// ```
pub fn migrations() -> impl Iterator<Item = (i64, &'static str)> {
    commands::MIGRATIONS.iter().map(|m| (m.0, m.1))
}
