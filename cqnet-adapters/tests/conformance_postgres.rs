//! The conformance suite on both PostgreSQL stores, each case in a fresh schema of the
//! database named by `CQNET_PG_TEST_URL`.
//!
//! Without a server the cases are listed as ignored; `.ci/with-postgres` starts a throwaway
//! cluster, sets the variable and runs them with `--include-ignored`. Forced without the
//! variable, each case panics saying so.
//!
//! Built without the `postgres` feature, the file holds one ignored test that says how to run
//! the suite.

/// Stands in for the suite when the adapter is not built, so that `cargo test` lists it.
#[cfg(not(feature = "postgres"))]
#[test]
#[ignore = "needs the postgres feature and PostgreSQL: see .ci/with-postgres"]
fn postgres_conformance_needs_the_postgres_feature() {
    panic!(
        "built without the postgres feature: run `bash .ci/with-postgres cargo test -p cqnet-adapters --all-features -- --include-ignored`"
    );
}

#[cfg(feature = "postgres")]
mod pg_schema;

#[cfg(feature = "postgres")]
fn fresh() -> cqnet_adapters::postgres::PgStore {
    pg_schema::PLAIN.store()
}

#[cfg(feature = "postgres")]
fn fresh_async() -> cqnet_adapters::postgres::AsyncPgStore {
    pg_schema::PLAIN.async_store()
}

#[cfg(feature = "postgres")]
mod blocking {
    use super::fresh;
    cqnet_store::conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh
    );
}

#[cfg(feature = "postgres")]
mod nonblocking {
    use super::fresh_async;
    cqnet_store::async_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh_async
    );
}

#[cfg(feature = "postgres")]
mod exam_blocking {
    use super::fresh;
    cqnet_store::exam_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh
    );
}

#[cfg(feature = "postgres")]
mod exam_nonblocking {
    use super::fresh_async;
    cqnet_store::async_exam_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh_async
    );
}

/// A blocking store that runs `apply` through the command every back end runs, not the
/// one-statement fast path: the exam suite runs on both.
#[cfg(feature = "postgres")]
fn fresh_command_apply() -> cqnet_adapters::postgres::PgStore {
    let options = pg_schema::PLAIN
        .options()
        .with_apply_path(cqnet_adapters::postgres::ApplyPath::Command);
    cqnet_adapters::postgres::PgStore::connect(&options)
        .unwrap_or_else(|e| panic!("connect to PostgreSQL: {e}"))
}

/// The async twin of [`fresh_command_apply`].
#[cfg(feature = "postgres")]
fn fresh_async_command_apply() -> cqnet_adapters::postgres::AsyncPgStore {
    let options = pg_schema::PLAIN
        .options()
        .with_apply_path(cqnet_adapters::postgres::ApplyPath::Command);
    cqnet_adapters::postgres::AsyncPgStore::new(&options)
        .unwrap_or_else(|e| panic!("set up the pool: {e}"))
}

#[cfg(feature = "postgres")]
mod exam_blocking_command_apply {
    use super::fresh_command_apply;
    cqnet_store::exam_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh_command_apply
    );
}

#[cfg(feature = "postgres")]
mod exam_nonblocking_command_apply {
    use super::fresh_async_command_apply;
    cqnet_store::async_exam_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh_async_command_apply
    );
}

/// Every blocking case on the async store too, through a blocking view of it.
#[cfg(feature = "postgres")]
mod nonblocking_every_case {
    use super::fresh_async;
    cqnet_store::conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        || cqnet_store::testing::BlockOn::new(fresh_async)
    );
}

/// Every blocking exam case on the async store too, through a blocking view of it.
#[cfg(feature = "postgres")]
mod exam_nonblocking_every_case {
    use super::fresh_async;
    cqnet_store::exam_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        || cqnet_store::testing::BlockOn::new(fresh_async)
    );
}
