//! What each `sslmode` does against a server with TLS on: a certificate for another name is
//! refused under `verify-full` (at once, naming TLS) and accepted under `verify-ca`; `require`
//! without a CA and `prefer` do encrypt; `disable` does not.
//!
//! The server is the one of `CQNET_PG_TEST_TLS_URL`, its CA `CQNET_PG_TEST_CA`, both set by
//! `.ci/with-postgres`. Without them the tests are listed as ignored; forced, they panic saying
//! so. Whether a store's connections are encrypted is read from `pg_stat_ssl` over a separate
//! connection, by the application name the store's URL gives.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use cqnet_adapters::postgres::{AsyncPgStore, PgOptions, PgSslMode, PgStore};
use cqnet_store::StoreError;

const IGNORE: &str = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL and CQNET_PG_TEST_CA (see .ci/with-postgres)";

/// The server of the TLS URL: user, port, database, CA file.
struct Server {
    user: String,
    port: u16,
    dbname: String,
    ca: String,
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!(
            "{name} is not set ({IGNORE}): run `bash .ci/with-postgres cargo test -p cqnet-adapters --all-features -- --include-ignored`"
        )
    })
}

fn server() -> Server {
    let url = var("CQNET_PG_TEST_TLS_URL");
    let ca = var("CQNET_PG_TEST_CA");
    // postgresql://USER@HOST:PORT/DB?...
    let rest = url
        .strip_prefix("postgresql://")
        .unwrap_or_else(|| panic!("CQNET_PG_TEST_TLS_URL must start with postgresql://"));
    let rest = rest.split('?').next().unwrap_or_default();
    let (user, rest) = rest
        .split_once('@')
        .unwrap_or_else(|| panic!("no user in the URL"));
    let (host_port, dbname) = rest
        .split_once('/')
        .unwrap_or_else(|| panic!("no database"));
    let port = host_port
        .rsplit_once(':')
        .and_then(|(_, p)| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in the URL"));
    Server {
        user: user.to_owned(),
        port,
        dbname: dbname.to_owned(),
        ca,
    }
}

/// A name unique to this process and call, used as application name and schema.
fn unique(tag: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "cqnet_tls_{tag}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

impl Server {
    /// A key=value connection string to this server at `host`, with `extra` settings.
    fn conninfo(&self, host: &str, extra: &str) -> String {
        format!(
            "host={host} port={} user={} dbname={} {extra}",
            self.port, self.user, self.dbname
        )
    }

    fn options(&self, conninfo: &str, tag: &str) -> (PgOptions, String) {
        let name = unique(tag);
        let options = PgOptions::new(&format!("{conninfo} application_name={name}"))
            .and_then(|o| o.with_schema(&name))
            .and_then(|o| o.with_connect_timeout(Duration::from_secs(30)))
            .unwrap_or_else(|e| panic!("options: {e}"));
        (options, name)
    }

    /// `ssl` of every connection open under `application_name`, read over a plain connection.
    fn ssl_of(&self, application_name: &str) -> Vec<bool> {
        let plain = self.conninfo("127.0.0.1", "sslmode=disable");
        let name = application_name.to_owned();
        std::thread::spawn(move || {
            let mut client = postgres::Client::connect(&plain, postgres::NoTls)
                .unwrap_or_else(|e| panic!("plain connection: {e}"));
            let rows = client
                .query(
                    "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) \
                     WHERE a.application_name = $1",
                    &[&name],
                )
                .unwrap_or_else(|e| panic!("pg_stat_ssl: {e}"));
            client
                .batch_execute(&format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE"))
                .unwrap_or_else(|e| panic!("drop schema: {e}"));
            rows.iter().map(|r| r.get::<_, bool>(0)).collect()
        })
        .join()
        .unwrap_or_else(|_| panic!("the checking thread panicked"))
    }

    /// Connects a blocking store and tells whether its connections are encrypted (every one
    /// of them must agree).
    fn blocking_store_encrypts(&self, conninfo: &str, tag: &str) -> bool {
        let (options, name) = self.options(conninfo, tag);
        let store = PgStore::connect(&options).unwrap_or_else(|e| panic!("connect: {e}"));
        let ssl = self.ssl_of(&name);
        drop(store);
        assert!(!ssl.is_empty(), "the store keeps a connection open");
        assert!(ssl.iter().all(|s| *s == ssl[0]), "mixed: {ssl:?}");
        ssl[0]
    }

    /// As [`Server::blocking_store_encrypts`], for the async store.
    fn async_store_encrypts(&self, conninfo: &str, tag: &str) -> bool {
        let (options, name) = self.options(conninfo, tag);
        let runtime = runtime();
        let store = runtime
            .block_on(AsyncPgStore::connect(&options))
            .unwrap_or_else(|e| panic!("connect: {e}"));
        let ssl = self.ssl_of(&name);
        drop(store);
        assert!(!ssl.is_empty(), "the store keeps a connection open");
        assert!(ssl.iter().all(|s| *s == ssl[0]), "mixed: {ssl:?}");
        ssl[0]
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"))
}

/// A refusal of TLS: unavailable, naming TLS, well before the 30 s connect timeout.
fn assert_tls_refusal(outcome: Result<(), StoreError>, started: Instant) {
    match outcome {
        Err(
            e @ StoreError::Unavailable {
                kind: cqnet_store::UnavailableKind::Tls,
                ..
            },
        ) => {
            assert!(e.to_string().contains("TLS"), "names TLS: {e}");
            assert!(
                std::error::Error::source(&e).is_some(),
                "keeps the driver's error: {e:?}"
            );
        }
        other => panic!("expected a TLS refusal, got {other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "refused at once, not after the timeout: {:?}",
        started.elapsed()
    );
}

/// The certificate names `localhost` and `127.0.0.1`; this name, pointed at the same address,
/// is on neither.
const WRONG_NAME: &str = "wrong-name.cqnet.invalid";

fn wrong_name_conninfo(s: &Server, mode: &str) -> String {
    format!(
        "{} hostaddr=127.0.0.1 sslmode={mode} sslrootcert='{}'",
        s.conninfo(WRONG_NAME, ""),
        s.ca
    )
}

#[test]
#[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL and CQNET_PG_TEST_CA (see .ci/with-postgres)"]
fn verify_full_refuses_a_certificate_for_another_name_on_both_stores() {
    let s = server();
    let conninfo = wrong_name_conninfo(&s, "verify-full");
    let (options, _) = s.options(&conninfo, "wrong_name");
    assert_eq!(options.ssl_mode(), PgSslMode::VerifyFull);
    let started = Instant::now();
    assert_tls_refusal(PgStore::connect(&options).map(drop), started);
    let started = Instant::now();
    let outcome = runtime()
        .block_on(AsyncPgStore::connect(&options))
        .map(drop);
    assert_tls_refusal(outcome, started);
}

#[test]
#[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL and CQNET_PG_TEST_CA (see .ci/with-postgres)"]
fn verify_full_refuses_a_server_whose_ca_is_not_trusted() {
    let s = server();
    // The operating system's roots do not hold the throwaway CA.
    let (options, _) = s.options(&s.conninfo("localhost", "sslmode=verify-full"), "untrusted");
    assert!(!options.has_root_certificates());
    let started = Instant::now();
    assert_tls_refusal(PgStore::connect(&options).map(drop), started);
}

#[test]
#[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL and CQNET_PG_TEST_CA (see .ci/with-postgres)"]
fn verify_ca_checks_the_chain_and_not_the_name() {
    let s = server();
    assert!(s.blocking_store_encrypts(&wrong_name_conninfo(&s, "verify-ca"), "verify_ca"));
    assert!(s.async_store_encrypts(&wrong_name_conninfo(&s, "verify-ca"), "verify_ca_async"));
}

#[test]
#[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL and CQNET_PG_TEST_CA (see .ci/with-postgres)"]
fn verify_full_with_the_ca_encrypts() {
    let s = server();
    let conninfo = format!(
        "{} sslmode=verify-full sslrootcert='{}'",
        s.conninfo("localhost", ""),
        s.ca
    );
    assert!(s.blocking_store_encrypts(&conninfo, "full"));
    assert!(s.async_store_encrypts(&conninfo, "full_async"));
}

#[test]
#[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL and CQNET_PG_TEST_CA (see .ci/with-postgres)"]
fn require_without_a_ca_encrypts() {
    let s = server();
    // A name the certificate does not carry: `require` checks neither chain nor name.
    let conninfo = format!(
        "{} hostaddr=127.0.0.1 sslmode=require",
        s.conninfo(WRONG_NAME, "")
    );
    let (options, _) = s.options(&conninfo, "probe");
    assert_eq!(options.ssl_mode(), PgSslMode::Require);
    assert!(!options.has_root_certificates());
    assert!(s.blocking_store_encrypts(&conninfo, "require"));
    assert!(s.async_store_encrypts(&conninfo, "require_async"));
}

#[test]
#[ignore = "needs PostgreSQL with TLS: set CQNET_PG_TEST_TLS_URL and CQNET_PG_TEST_CA (see .ci/with-postgres)"]
fn prefer_uses_the_tls_the_server_offers_and_disable_does_not() {
    let s = server();
    let loopback = s.conninfo("127.0.0.1", "");
    let (options, _) = s.options(&loopback, "default");
    assert_eq!(options.ssl_mode(), PgSslMode::Prefer, "loopback default");
    assert!(s.blocking_store_encrypts(&loopback, "prefer"));
    assert!(s.async_store_encrypts(&loopback, "prefer_async"));
    let plain = s.conninfo("127.0.0.1", "sslmode=disable");
    assert!(!s.blocking_store_encrypts(&plain, "disable"));
    assert!(!s.async_store_encrypts(&plain, "disable_async"));
}
