//! The course designation conformance suite on both PostgreSQL stores, each case in a fresh
//! schema of the database named by `CQNET_PG_TEST_URL` (dropped when the case ends).
//!
//! Without a server the cases are listed as ignored; `.ci/with-postgres` starts a throwaway
//! cluster, sets the variable and runs them with `--include-ignored`. Forced without the
//! variable, each case panics saying so.

mod pg_schema;

fn fresh() -> cqnet_adapters::postgres::PgStore {
    pg_schema::PLAIN.with_prefix("cqnet_d").store()
}

fn fresh_async() -> cqnet_adapters::postgres::AsyncPgStore {
    pg_schema::PLAIN.with_prefix("cqnet_d").async_store()
}

mod blocking {
    use super::fresh;
    cqnet_store::designation_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh
    );
}

mod nonblocking {
    use super::fresh_async;
    cqnet_store::async_designation_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh_async
    );
}

/// Every blocking case on the async store too, through a blocking view of it.
mod nonblocking_every_case {
    use super::fresh_async;
    cqnet_store::designation_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        || cqnet_store::testing::BlockOn::new(fresh_async)
    );
}
