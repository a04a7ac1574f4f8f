//! Fresh schemas for the PostgreSQL test files: every case works in a schema of its own,
//! unique to the process and the call, dropped when the case's thread ends, so the cases can
//! run in parallel against one database without seeing each other.

// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use cqnet_adapters::postgres::{AsyncPgStore, PgOptions, PgStore};

/// The database a test file works in: the variable naming it, how to get one, and the prefix
/// of the schemas its cases make.
pub struct TestDatabase {
    url_var: &'static str,
    hint: &'static str,
    prefix: &'static str,
}

/// The throwaway cluster of `.ci/with-postgres`, in plain text or TLS on loopback.
pub const PLAIN: TestDatabase = TestDatabase {
    url_var: "CQNET_PG_TEST_URL",
    hint: "the PostgreSQL tests need a server. Run them with \
           `bash .ci/with-postgres cargo test -p cqnet-adapters --all-features -- --include-ignored` \
           (a throwaway cluster), or set CQNET_PG_TEST_URL=postgresql://user@host:port/database",
    prefix: "cqnet_t",
};

/// The same cluster over `verify-full` against its throwaway CA.
pub const TLS: TestDatabase = TestDatabase {
    url_var: "CQNET_PG_TEST_TLS_URL",
    hint: "the PostgreSQL TLS tests need a server with TLS. Run them with \
           `bash .ci/with-postgres cargo test -p cqnet-adapters --all-features -- --include-ignored` \
           (a throwaway cluster with its own CA), or set \
           CQNET_PG_TEST_TLS_URL=postgresql://user@host:port/database?sslmode=verify-full&sslrootcert=CA.pem",
    prefix: "cqnet_tls",
};

impl TestDatabase {
    /// The same database with schemas named after `prefix` (one prefix per test file keeps a
    /// leftover schema traceable to its file).
    pub const fn with_prefix(self, prefix: &'static str) -> TestDatabase {
        TestDatabase { prefix, ..self }
    }

    fn url(&self) -> String {
        std::env::var(self.url_var)
            .unwrap_or_else(|_| panic!("{} is not set: {}", self.url_var, self.hint))
    }

    /// Options for a schema of its own, dropped when the calling thread ends.
    pub fn options(&self) -> PgOptions {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let url = self.url();
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let schema = format!(
            "{}_{}_{secs}_{}",
            self.prefix,
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
            .unwrap_or_else(|e| panic!("{} must be a PostgreSQL URL: {e}", self.url_var))
    }

    /// A blocking store in a fresh schema.
    pub fn store(&self) -> PgStore {
        PgStore::connect(&self.options()).unwrap_or_else(|e| panic!("connect to PostgreSQL: {e}"))
    }

    /// An async store in a fresh schema.
    pub fn async_store(&self) -> AsyncPgStore {
        AsyncPgStore::new(&self.options()).unwrap_or_else(|e| panic!("set up the pool: {e}"))
    }
}

/// Drops a test's schema when the test's thread ends (a fresh thread does the work:
/// thread-local destructors and async runtimes are no place for the blocking client).
struct DropSchema {
    url: String,
    schema: String,
}

impl Drop for DropSchema {
    fn drop(&mut self) {
        // The driver alone cannot read the URL's TLS settings (`sslmode=verify-full`): the
        // schema is dropped over a plain connection to the same server, without them.
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

thread_local! {
    static SCHEMAS: RefCell<Vec<DropSchema>> = const { RefCell::new(Vec::new()) };
}
