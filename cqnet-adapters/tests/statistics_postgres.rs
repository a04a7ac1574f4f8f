//! The statistics conformance suite on both PostgreSQL stores, each case in a fresh schema of the
//! database named by `CQNET_PG_TEST_URL`.
//!
//! Without a server the cases are listed as ignored; `.ci/with-postgres` starts a throwaway
//! cluster, sets the variable and runs them with `--include-ignored`.

#[cfg(not(feature = "postgres"))]
#[test]
#[ignore = "needs the postgres feature and PostgreSQL: see .ci/with-postgres"]
fn postgres_statistics_needs_the_postgres_feature() {
    panic!(
        "built without the postgres feature: run `bash .ci/with-postgres cargo test -p cqnet-adapters --all-features --test statistics_postgres -- --include-ignored`"
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
    cqnet_store::statistics_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh
    );
}

#[cfg(feature = "postgres")]
mod nonblocking {
    use super::fresh_async;
    cqnet_store::async_statistics_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh_async
    );
}

/// Every blocking case on the async store too, through a blocking view of it.
#[cfg(feature = "postgres")]
mod nonblocking_every_case {
    use super::fresh_async;
    cqnet_store::statistics_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        || cqnet_store::testing::BlockOn::new(fresh_async)
    );
}
