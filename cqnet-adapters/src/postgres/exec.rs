//! What both PostgreSQL stores share below the commands: one way to run a statement on a
//! connection or transaction ([`Exec`]), the adapter's internal error, and the rule of which
//! failures are retried and how the others become a [`StoreError`].

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use cqnet_store::StoreError;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Row, Statement};

use crate::shared::constraint::record_of_table;
use cqnet_store::{ConflictKind, UnavailableKind};

/// How often a command is tried when PostgreSQL rolls it back for a race it can lose
/// (serialization failure, deadlock, a unique key taken by a concurrent command): the first
/// attempt and up to four retries, each in a fresh transaction.
pub(crate) const MAX_ATTEMPTS: u32 = 5;

/// One statement parameter.
pub(crate) type Param<'a> = &'a (dyn ToSql + Sync);

/// Why a step failed inside the adapter, before it becomes a [`StoreError`].
#[derive(Debug)]
pub(crate) enum PgError {
    /// A decision of the command (not found, version conflict, …), final.
    Store(StoreError),
    /// The driver or the server failed; [`settle`] decides between retry and error.
    Db(tokio_postgres::Error),
}

/// The store's error when the pool has no connection to give (its own error kept as the
/// source).
pub(crate) fn no_connection(e: impl std::error::Error + Send + Sync + 'static) -> PgError {
    PgError::Store(
        StoreError::unavailable(
            UnavailableKind::Connection,
            "postgres: no connection from the pool",
        )
        .with_source(e),
    )
}

impl From<StoreError> for PgError {
    fn from(e: StoreError) -> Self {
        PgError::Store(e)
    }
}

impl From<tokio_postgres::Error> for PgError {
    fn from(e: tokio_postgres::Error) -> Self {
        PgError::Db(e)
    }
}

impl PgError {
    /// The store's error for this failure, without retrying.
    pub(crate) fn into_store(self) -> StoreError {
        match self {
            PgError::Store(e) => e,
            PgError::Db(e) => map_db_error(e),
        }
    }

    fn retryable(&self) -> bool {
        let PgError::Db(e) = self else { return false };
        matches!(
            e.code(),
            Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE
                || *c == SqlState::T_R_DEADLOCK_DETECTED
                || *c == SqlState::UNIQUE_VIOLATION
        )
    }
}

/// What to do after one attempt of a command.
pub(crate) enum Next<T> {
    /// The command's answer.
    Done(Result<T, StoreError>),
    /// Roll back and try again in a fresh transaction.
    Retry,
}

/// Settles attempt number `attempt` (from 1). Serialization failures, deadlocks and unique
/// violations are races with a concurrent command: the transaction was rolled back, so the
/// command is tried again, and the fresh attempt sees the winner's commit and answers as if it
/// had come second (`AlreadyExists`, a replayed idempotency key, …). Everything else, and a
/// race still lost after [`MAX_ATTEMPTS`], is mapped by [`map_db_error`].
pub(crate) fn settle<T>(outcome: Result<T, PgError>, attempt: u32) -> Next<T> {
    match outcome {
        Ok(v) => Next::Done(Ok(v)),
        Err(e) if e.retryable() && attempt < MAX_ATTEMPTS => Next::Retry,
        Err(e) => Next::Done(Err(e.into_store())),
    }
}

/// The pause before retry number `attempt`: 1, 2, 4, 8 ms, so that racers spread out.
pub(crate) fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(1 << attempt.min(6).saturating_sub(1))
}

/// The store's error for a driver error. Unique violations become
/// [`StoreError::AlreadyExists`], foreign-key violations [`StoreError::NotFound`], check and
/// append-only violations [`StoreError::Conflict`]; serialization failures, deadlocks and
/// every connection fault [`StoreError::Unavailable`] (the transaction was rolled back, so a
/// retry with the same idempotency key is safe).
pub(crate) fn map_db_error(e: tokio_postgres::Error) -> StoreError {
    let Some(db) = e.as_db_error() else {
        let (kind, detail) = if super::tls::is_tls_failure(&e) {
            (UnavailableKind::Tls, "postgres: the TLS handshake failed")
        } else {
            (
                UnavailableKind::Connection,
                "postgres: the connection failed",
            )
        };
        return StoreError::unavailable(kind, detail).with_source(e);
    };
    let detail = || {
        db.detail()
            .or(db.constraint())
            .unwrap_or(db.message())
            .to_owned()
    };
    let code = db.code();
    let unavailable = if *code == SqlState::UNIQUE_VIOLATION {
        return StoreError::AlreadyExists {
            what: record_of_table(db.table()),
            key: detail(),
        };
    } else if *code == SqlState::FOREIGN_KEY_VIOLATION {
        return StoreError::NotFound {
            what: "referenced record",
            key: detail(),
        };
    } else if *code == SqlState::CHECK_VIOLATION || *code == SqlState::RESTRICT_VIOLATION {
        return StoreError::conflict(
            ConflictKind::Constraint,
            format!("postgres refused the change: {}", db.message()),
        );
    } else if *code == SqlState::T_R_SERIALIZATION_FAILURE
        || *code == SqlState::T_R_DEADLOCK_DETECTED
    {
        StoreError::unavailable(
            UnavailableKind::Contention,
            format!(
                "postgres: the command lost a race {MAX_ATTEMPTS} times and was rolled back each time; retrying is safe"
            ),
        )
    } else {
        StoreError::unavailable(
            UnavailableKind::Backend,
            format!("postgres failed the statement (SQLSTATE {})", code.code()),
        )
    };
    // The driver's error, with the server's severity and message, is the source.
    unavailable.with_source(e)
}

/// Runs statements on a connection or inside a transaction, with prepared statements cached
/// per connection. The commands are written once against this trait: the async store awaits
/// them on `tokio-postgres`; the blocking store's implementation does its work on the
/// `postgres` client before returning an already-completed future, which [`finish`] takes.
pub(crate) trait Exec: Send {
    /// The rows of a statement.
    fn query<'a>(
        &'a mut self,
        sql: &'static str,
        params: &'a [Param<'a>],
    ) -> impl Future<Output = Result<Vec<Row>, PgError>> + Send + 'a;

    /// The number of rows a statement changed.
    fn execute<'a>(
        &'a mut self,
        sql: &'static str,
        params: &'a [Param<'a>],
    ) -> impl Future<Output = Result<u64, PgError>> + Send + 'a;

    /// Runs statements without parameters through the simple protocol (migrations).
    fn batch<'a>(
        &'a mut self,
        sql: &'a str,
    ) -> impl Future<Output = Result<(), PgError>> + Send + 'a;
}

/// The value of a future that completes without waiting (the blocking store's commands, whose
/// every [`Exec`] call has already done its I/O), by `cqnet_store`'s `complete_now`: a pending
/// future (a bug of this module) is an error, never a hang.
pub(crate) fn finish<T>(future: impl Future<Output = Result<T, PgError>>) -> Result<T, PgError> {
    cqnet_store::unit_of_work::complete_now(future).unwrap_or_else(|e| Err(PgError::Store(e)))
}

/// Prepared statements of one blocking connection, by text.
pub(crate) type StatementCache = HashMap<&'static str, Statement>;

/// A blocking client or transaction of the `postgres` crate with its connection's cache.
pub(crate) struct SyncSession<'c, C> {
    pub(crate) client: &'c mut C,
    pub(crate) cache: &'c mut StatementCache,
}

impl<C: postgres::GenericClient> SyncSession<'_, C> {
    fn statement(&mut self, sql: &'static str) -> Result<Statement, PgError> {
        if let Some(s) = self.cache.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.cache.insert(sql, s.clone());
        Ok(s)
    }

    fn query_now(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Vec<Row>, PgError> {
        let s = self.statement(sql)?;
        Ok(self.client.query(&s, params)?)
    }

    fn execute_now(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<u64, PgError> {
        let s = self.statement(sql)?;
        Ok(self.client.execute(&s, params)?)
    }
}

impl<C: postgres::GenericClient + Send> Exec for SyncSession<'_, C> {
    fn query<'a>(
        &'a mut self,
        sql: &'static str,
        params: &'a [Param<'a>],
    ) -> impl Future<Output = Result<Vec<Row>, PgError>> + Send + 'a {
        std::future::ready(self.query_now(sql, params))
    }

    fn execute<'a>(
        &'a mut self,
        sql: &'static str,
        params: &'a [Param<'a>],
    ) -> impl Future<Output = Result<u64, PgError>> + Send + 'a {
        std::future::ready(self.execute_now(sql, params))
    }

    fn batch<'a>(
        &'a mut self,
        sql: &'a str,
    ) -> impl Future<Output = Result<(), PgError>> + Send + 'a {
        std::future::ready(self.client.batch_execute(sql).map_err(PgError::from))
    }
}

/// A pooled `tokio-postgres` client or transaction; deadpool keeps each connection's
/// prepared statements.
pub(crate) struct AsyncSession<'c, C> {
    pub(crate) client: &'c C,
}

impl<C: deadpool_postgres::GenericClient> Exec for AsyncSession<'_, C> {
    async fn query<'a>(
        &'a mut self,
        sql: &'static str,
        params: &'a [Param<'a>],
    ) -> Result<Vec<Row>, PgError> {
        let s = self.client.prepare_cached(sql).await?;
        Ok(self.client.query(&s, params).await?)
    }

    async fn execute<'a>(
        &'a mut self,
        sql: &'static str,
        params: &'a [Param<'a>],
    ) -> Result<u64, PgError> {
        let s = self.client.prepare_cached(sql).await?;
        Ok(self.client.execute(&s, params).await?)
    }

    async fn batch<'a>(&'a mut self, sql: &'a str) -> Result<(), PgError> {
        Ok(self.client.batch_execute(sql).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stays_small() {
        assert_eq!(backoff(1), Duration::from_millis(1));
        assert_eq!(backoff(2), Duration::from_millis(2));
        assert_eq!(backoff(4), Duration::from_millis(8));
        assert!(backoff(u32::MAX) <= Duration::from_millis(32));
    }

    #[test]
    fn store_decisions_are_final() {
        let e = PgError::Store(StoreError::conflict(ConflictKind::HasResult, "no"));
        assert!(matches!(
            settle::<()>(Err(e), 1),
            Next::Done(Err(StoreError::Conflict {
                kind: ConflictKind::HasResult,
                ..
            }))
        ));
        let pool = no_connection(std::io::Error::other("timed out"));
        let Next::Done(Err(e)) = settle::<()>(Err(pool), 1) else {
            panic!("a pool without connections is final");
        };
        assert_eq!(e.unavailable_kind(), Some(UnavailableKind::Connection));
        assert_eq!(
            std::error::Error::source(&e).map(ToString::to_string),
            Some("timed out".to_string())
        );
    }

    #[test]
    fn a_future_that_waits_is_an_error_not_a_hang() {
        let pending = std::future::pending::<Result<(), PgError>>();
        assert!(matches!(
            finish(pending),
            Err(PgError::Store(StoreError::Unavailable {
                kind: UnavailableKind::Interrupted,
                ..
            }))
        ));
        assert_eq!(finish(async { Ok::<_, PgError>(3) }).ok(), Some(3));
    }
}
