//! The certificates conformance suite on both PostgreSQL stores, each case in a fresh schema of
//! the database named by `CQNET_PG_TEST_URL` (dropped when the case ends).
//!
//! Without a server the cases are listed as ignored; `.ci/with-postgres` starts a throwaway
//! cluster, sets the variable and runs them with `--include-ignored`. Forced without the
//! variable, each case panics saying so.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use cqnet_adapters::postgres::{AsyncPgStore, PgOptions, PgStore};

const URL_VAR: &str = "CQNET_PG_TEST_URL";

fn test_url() -> String {
    std::env::var(URL_VAR).unwrap_or_else(|_| {
        panic!(
            "{URL_VAR} is not set: the PostgreSQL tests need a server. Run them with \
             `bash .ci/with-postgres cargo test -p cqnet-adapters --all-features -- --include-ignored` \
             (a throwaway cluster), or set {URL_VAR}=postgresql://user@host:port/database"
        )
    })
}

/// Drops a test's schema when the test's thread ends (a fresh thread does the work: thread-local
/// destructors and async runtimes are no place for the blocking client).
struct DropSchema {
    url: String,
    schema: String,
}

impl Drop for DropSchema {
    fn drop(&mut self) {
        let (url, schema) = (self.url.clone(), self.schema.clone());
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

thread_local! {
    static SCHEMAS: RefCell<Vec<DropSchema>> = const { RefCell::new(Vec::new()) };
}

/// Options for a schema of its own, unique to this process and call.
fn fresh_options() -> PgOptions {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let url = test_url();
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let schema = format!(
        "cqnet_c_{}_{secs}_{}",
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

fn fresh() -> PgStore {
    PgStore::connect(&fresh_options()).unwrap_or_else(|e| panic!("connect to PostgreSQL: {e}"))
}

fn fresh_async() -> AsyncPgStore {
    AsyncPgStore::new(&fresh_options()).unwrap_or_else(|e| panic!("set up the pool: {e}"))
}

mod blocking {
    use super::fresh;
    cqnet_store::certificate_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh
    );
}

mod nonblocking {
    use super::fresh_async;
    cqnet_store::async_certificate_conformance_tests!(
        #[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
        fresh_async
    );
}
