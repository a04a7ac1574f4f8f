//! The conformance suite on both PostgreSQL stores over TLS (`verify-full` against a CA), each
//! case in a fresh schema of the database named by `CQNET_PG_TEST_TLS_URL`.
//!
//! Without a server the cases are listed as ignored; `.ci/with-postgres` starts a throwaway
//! cluster with TLS on, sets the variable and runs them with `--include-ignored`. Forced
//! without the variable, each case panics saying so.
//!
//! Built without the `postgres` feature, the file holds one ignored test that says how to run
//! the suite.

/// Stands in for the suite when the adapter is not built, so that `cargo test` lists it.
#[cfg(not(feature = "postgres"))]
#[test]
#[ignore = "needs the postgres feature and PostgreSQL: see .ci/with-postgres"]
fn postgres_tls_conformance_needs_the_postgres_feature() {
    panic!(
        "built without the postgres feature: run `bash .ci/with-postgres cargo test -p cqnet-adapters --all-features -- --include-ignored`"
    );
}

#[cfg(feature = "postgres")]
mod pg_schema;

#[cfg(feature = "postgres")]
fn fresh() -> cqnet_adapters::postgres::PgStore {
    pg_schema::TLS.store()
}

#[cfg(feature = "postgres")]
fn fresh_async() -> cqnet_adapters::postgres::AsyncPgStore {
    pg_schema::TLS.async_store()
}

#[cfg(feature = "postgres")]
mod blocking {
    use super::fresh;
    cqnet_store::conformance_tests!(
        #[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL (see .ci/with-postgres)"]
        fresh
    );
}

#[cfg(feature = "postgres")]
mod nonblocking {
    use super::fresh_async;
    cqnet_store::async_conformance_tests!(
        #[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL (see .ci/with-postgres)"]
        fresh_async
    );
}

#[cfg(feature = "postgres")]
mod exam_blocking {
    use super::fresh;
    cqnet_store::exam_conformance_tests!(
        #[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL (see .ci/with-postgres)"]
        fresh
    );
}

#[cfg(feature = "postgres")]
mod exam_nonblocking {
    use super::fresh_async;
    cqnet_store::async_exam_conformance_tests!(
        #[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL (see .ci/with-postgres)"]
        fresh_async
    );
}

#[cfg(feature = "postgres")]
mod certificate_blocking {
    use super::fresh;
    cqnet_store::certificate_conformance_tests!(
        #[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL (see .ci/with-postgres)"]
        fresh
    );
}

#[cfg(feature = "postgres")]
mod certificate_nonblocking {
    use super::fresh_async;
    cqnet_store::async_certificate_conformance_tests!(
        #[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL (see .ci/with-postgres)"]
        fresh_async
    );
}
