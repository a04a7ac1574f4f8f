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
use std::cell::RefCell;
#[cfg(feature = "postgres")]
use std::sync::atomic::{AtomicU32, Ordering};
#[cfg(feature = "postgres")]
use std::time::{SystemTime, UNIX_EPOCH};

#[cfg(feature = "postgres")]
use cqnet_adapters::postgres::{AsyncPgStore, PgOptions, PgStore};

#[cfg(feature = "postgres")]
const URL_VAR: &str = "CQNET_PG_TEST_TLS_URL";

#[cfg(feature = "postgres")]
fn test_url() -> String {
    std::env::var(URL_VAR).unwrap_or_else(|_| {
        panic!(
            "{URL_VAR} is not set: the PostgreSQL TLS tests need a server with TLS. Run them with \
             `bash .ci/with-postgres cargo test -p cqnet-adapters --all-features -- --include-ignored` \
             (a throwaway cluster with its own CA), or set \
             {URL_VAR}=postgresql://user@host:port/database?sslmode=verify-full&sslrootcert=CA.pem"
        )
    })
}

/// Drops a test's schema when the test's thread ends (a fresh thread does the work: thread-local
/// destructors and async runtimes are no place for the blocking client).
#[cfg(feature = "postgres")]
struct DropSchema {
    url: String,
    schema: String,
}

#[cfg(feature = "postgres")]
impl Drop for DropSchema {
    fn drop(&mut self) {
        // The driver alone cannot read `verify-full`: the schema is dropped over a plain
        // connection to the same server, without the URL's TLS settings.
        let url = self.url.split('?').next().unwrap_or_default().to_owned();
        let schema = self.schema.clone();
        let dropped = std::thread::spawn(move || -> Result<(), postgres::Error> {
            let mut client = postgres::Client::connect(&url, postgres::NoTls)?;
            client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))
        })
        .join();
        if let Ok(Err(e)) = dropped {
            eprintln!("could not drop test schema {}: {e}", self.schema);
        }
    }
}

#[cfg(feature = "postgres")]
thread_local! {
    static SCHEMAS: RefCell<Vec<DropSchema>> = const { RefCell::new(Vec::new()) };
}

/// Options for a schema of its own, unique to this process and call.
#[cfg(feature = "postgres")]
fn fresh_options() -> PgOptions {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let url = test_url();
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let schema = format!(
        "cqnet_tls_{}_{secs}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    SCHEMAS.with(|s| {
        s.borrow_mut().push(DropSchema {
            url: url.clone(),
            schema: schema.clone(),
        })
    });
    PgOptions::new(&url)
        .and_then(|o| o.with_schema(&schema))
        .unwrap_or_else(|e| panic!("{URL_VAR} must be a PostgreSQL URL: {e}"))
}

#[cfg(feature = "postgres")]
fn fresh() -> PgStore {
    PgStore::connect(&fresh_options()).unwrap_or_else(|e| panic!("connect to PostgreSQL: {e}"))
}

#[cfg(feature = "postgres")]
fn fresh_async() -> AsyncPgStore {
    AsyncPgStore::new(&fresh_options()).unwrap_or_else(|e| panic!("set up the pool: {e}"))
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
