//! How to reach the database: the URL, TLS, the schema, the pool.

use std::fmt;
use std::net::IpAddr;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use cqnet_core::InputError;
use cqnet_store::StoreError;
use tokio_postgres::config::Host;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::conninfo::split_tls_params;
use super::tls::{self, PgSslMode, Roots};

/// Where and how a PostgreSQL store connects: the server's URL, how the link is secured (TLS),
/// the schema the store works in, the size of its connection pool and how long to wait for a
/// connection.
///
/// TLS follows libpq's `sslmode` (see [`PgSslMode`]), read from the URL or set with
/// [`PgOptions::with_ssl_mode`]. When nothing says otherwise, a server that is not on this
/// machine is reached with `verify-full` (encrypted, the certificate chained to a trusted root
/// and issued for the host name), one on loopback (`127.0.0.0/8`, `::1`, `localhost`, a Unix
/// socket) with `prefer`. Roots are the operating system's unless a CA is given: the URL's
/// `sslrootcert` (a PEM file; `system` names the operating system's roots, as libpq),
/// [`PgOptions::with_root_certificates_file`] or [`PgOptions::with_root_certificates_pem`]. As
/// libpq, `require` and `prefer` check the chain (not the name) only when a CA is given.
/// A failed handshake is [`StoreError::Unavailable`](cqnet_store::StoreError::Unavailable)
/// naming TLS, at once rather than after the connect timeout.
///
/// The schema is created if missing and set as the `search_path` of every pooled connection
/// (a startup option, so it holds for connections the pool opens later too), so that several
/// stores — a test each, or a tenant each — can share one database without seeing each other.
///
/// # Errors
/// The constructor and each `with_` method refuse bad input with an [`InputError`].
///
/// # Example
/// ```
/// use cqnet_adapters::postgres::PgOptions;
/// let options = PgOptions::new("postgresql://cqnet@127.0.0.1:5432/cqnet")?
///     .with_schema("cohort_2026")?
///     .with_pool_size(4)?;
/// assert_eq!(options.schema(), "cohort_2026");
/// assert!(PgOptions::new("not a url").is_err());
/// assert!(options.clone().with_schema("Robert'); DROP TABLE").is_err());
///
/// use cqnet_adapters::postgres::PgSslMode;
/// assert_eq!(options.ssl_mode(), PgSslMode::Prefer); // loopback
/// let remote = PgOptions::new("postgresql://cqnet@db.example.org/cqnet")?;
/// assert_eq!(remote.ssl_mode(), PgSslMode::VerifyFull);
/// assert!(PgOptions::new("postgresql://cqnet@db.example.org/cqnet?sslmode=sometimes").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Clone)]
pub struct PgOptions {
    config: tokio_postgres::Config,
    ssl_mode: PgSslMode,
    roots: Roots,
    schema: String,
    pool_size: u32,
    connect_timeout: Duration,
    apply_path: ApplyPath,
}

/// How a PostgreSQL store runs an exam application (`ExamStore::apply`).
///
/// # Example
/// ```
/// use cqnet_adapters::postgres::{ApplyPath, PgOptions};
/// let o = PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?;
/// assert_eq!(o.apply_path(), ApplyPath::OneStatement);
/// assert_eq!(o.with_apply_path(ApplyPath::Command).apply_path(), ApplyPath::Command);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApplyPath {
    /// The measured fast path: the whole application in one statement (`cqnet_apply`, a
    /// function the migrations install), one round trip (see `docs/performance.md`).
    #[default]
    OneStatement,
    /// The command every back end runs (`cqnet_store::exam::commands::apply`), one statement
    /// per step: the same answers, more round trips. The conformance suite runs both.
    Command,
}

impl fmt::Debug for PgOptions {
    /// Never prints the password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgOptions")
            .field("user", &self.config.get_user())
            .field("dbname", &self.config.get_dbname())
            .field("ssl_mode", &self.ssl_mode)
            .field("root_certificates_given", &self.has_root_certificates())
            .field("schema", &self.schema)
            .field("pool_size", &self.pool_size)
            .field("connect_timeout", &self.connect_timeout)
            .field("apply_path", &self.apply_path)
            .finish_non_exhaustive()
    }
}

impl PgOptions {
    /// The schema used when none is named.
    ///
    /// # Example
    /// ```
    /// assert_eq!(cqnet_adapters::postgres::PgOptions::DEFAULT_SCHEMA, "cqnet");
    /// ```
    pub const DEFAULT_SCHEMA: &'static str = "cqnet";
    /// The pool size used when none is given.
    ///
    /// # Example
    /// ```
    /// assert_eq!(cqnet_adapters::postgres::PgOptions::DEFAULT_POOL_SIZE, 8);
    /// ```
    pub const DEFAULT_POOL_SIZE: u32 = 8;
    /// The largest pool a store opens.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// let o = PgOptions::new("postgresql://a@127.0.0.1/b")?;
    /// assert!(o.with_pool_size(PgOptions::MAX_POOL_SIZE + 1).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub const MAX_POOL_SIZE: u32 = 256;
    /// How long to wait for a connection when nothing else is said.
    ///
    /// # Example
    /// ```
    /// use std::time::Duration;
    /// assert_eq!(cqnet_adapters::postgres::PgOptions::DEFAULT_CONNECT_TIMEOUT, Duration::from_secs(10));
    /// ```
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

    /// Options for a server, from a URL (`postgresql://user:password@host:port/database`) or a
    /// `key=value` connection string, as libpq reads them, with `sslmode` (`disable`,
    /// `prefer`, `require`, `verify-ca`, `verify-full`) and `sslrootcert` (a PEM file of CA
    /// certificates, read now, or `system`). Without `sslmode`, the mode is `verify-full` unless
    /// every host is loopback (then `prefer`), or `verify-full` whenever `sslrootcert=system`.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for text that is not a connection string (the text is not
    /// repeated in the error, since it may hold a password), for an unknown `sslmode` (`allow`
    /// included: it would send plain text to a server that offers TLS), and for an
    /// `sslrootcert` file that cannot be read or holds no PEM; [`InputError::Empty`] for a
    /// PEM file without a certificate; [`InputError::Inconsistent`] for `sslrootcert=system`
    /// with a mode weaker than `verify-full` (as libpq).
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::{PgOptions, PgSslMode};
    /// assert!(PgOptions::new("host=127.0.0.1 user=cqnet dbname=cqnet").is_ok());
    /// assert!(PgOptions::new("postgresql://cqnet@127.0.0.1:notaport/x").is_err());
    /// let o = PgOptions::new("host=db.example.org user=cqnet sslmode=verify-ca")?;
    /// assert_eq!(o.ssl_mode(), PgSslMode::VerifyCa);
    /// assert!(!o.has_root_certificates());
    /// assert!(PgOptions::new("postgresql://u@db.example.org/x?sslrootcert=/no/such/ca.pem").is_err());
    /// assert!(PgOptions::new("postgresql://u@db.example.org/x?sslrootcert=system&sslmode=require").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(url: &str) -> Result<Self, InputError> {
        let malformed = || InputError::Malformed {
            what: "PostgreSQL connection URL",
            value: "(withheld: it may hold a password)".into(),
            expected: "a URL such as postgresql://user@127.0.0.1:5432/database, or a key=value connection string",
        };
        if url.trim().is_empty() {
            return Err(malformed());
        }
        let tls = split_tls_params(url.trim()).ok_or_else(malformed)?;
        let config = tokio_postgres::Config::from_str(&tls.rest).map_err(|_| malformed())?;
        if config.get_hosts().is_empty() {
            return Err(malformed());
        }
        let mode = tls
            .sslmode
            .as_deref()
            .map(PgSslMode::from_str)
            .transpose()?;
        let system_named = tls.sslrootcert.as_deref() == Some("system");
        let roots = match tls.sslrootcert.as_deref() {
            None | Some("system") => Roots::System,
            Some(path) => read_root_file(Path::new(path))?,
        };
        let ssl_mode = match mode {
            Some(mode) if system_named && mode != PgSslMode::VerifyFull => {
                return Err(InputError::Inconsistent(format!(
                    "sslrootcert=system needs sslmode=verify-full, not {mode}"
                )));
            }
            Some(mode) => mode,
            None if system_named || !all_loopback(&config) => PgSslMode::VerifyFull,
            None => PgSslMode::Prefer,
        };
        Ok(PgOptions {
            config,
            ssl_mode,
            roots,
            schema: Self::DEFAULT_SCHEMA.to_owned(),
            pool_size: Self::DEFAULT_POOL_SIZE,
            apply_path: ApplyPath::default(),
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
        })
    }

    /// The same options with another TLS mode (see [`PgSslMode`]).
    ///
    /// # Errors
    /// None today: the `Result` keeps the `with_` methods alike.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::{PgOptions, PgSslMode};
    /// let o = PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?.with_ssl_mode(PgSslMode::Require)?;
    /// assert_eq!(o.ssl_mode(), PgSslMode::Require);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_ssl_mode(mut self, mode: PgSslMode) -> Result<Self, InputError> {
        self.ssl_mode = mode;
        Ok(self)
    }

    /// The same options trusting only the CA certificates of a PEM text (instead of the
    /// operating system's roots).
    ///
    /// # Errors
    /// [`InputError::Malformed`] for text that is not PEM, [`InputError::Empty`] for PEM
    /// without a certificate.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// let o = PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?;
    /// assert!(o.clone().with_root_certificates_pem(b"no certificate here").is_err());
    /// assert!(!o.has_root_certificates());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_root_certificates_pem(mut self, pem: &[u8]) -> Result<Self, InputError> {
        self.roots = Roots::Given(Arc::from(tls::parse_pem_certificates(pem)?));
        Ok(self)
    }

    /// The same options trusting only the CA certificates of a PEM file, read now.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for a file that cannot be read or is not PEM,
    /// [`InputError::Empty`] for one without a certificate.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// let o = PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?;
    /// assert!(o.with_root_certificates_file("/no/such/ca.pem").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_root_certificates_file(
        mut self,
        path: impl AsRef<Path>,
    ) -> Result<Self, InputError> {
        self.roots = read_root_file(path.as_ref())?;
        Ok(self)
    }

    /// The TLS mode connections use.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::{PgOptions, PgSslMode};
    /// assert_eq!(PgOptions::new("host=/run/postgresql")?.ssl_mode(), PgSslMode::Prefer);
    /// assert_eq!(PgOptions::new("host=10.0.0.5")?.ssl_mode(), PgSslMode::VerifyFull);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn ssl_mode(&self) -> PgSslMode {
        self.ssl_mode
    }

    /// Whether CA certificates were given (else the operating system's roots are trusted).
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// assert!(!PgOptions::new("host=127.0.0.1")?.has_root_certificates());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn has_root_certificates(&self) -> bool {
        matches!(self.roots, Roots::Given(_))
    }

    /// The TLS connector of every pooled connection.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] naming TLS when the trusted roots cannot be had.
    pub(crate) fn tls_connector(&self) -> Result<MakeRustlsConnect, StoreError> {
        tls::connector(self.ssl_mode, &self.roots)
    }

    /// The same options with another schema: 1 to 63 characters of lowercase ASCII letters,
    /// digits and `_`, starting with a letter or `_`, and none of PostgreSQL's own schemas
    /// (`pg_…`, `information_schema`), where the store's tables must never go.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for any other name.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// let o = PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?;
    /// assert!(o.clone().with_schema("test_17").is_ok());
    /// assert!(o.clone().with_schema("Test").is_err());
    /// assert!(o.clone().with_schema("pg_catalog").is_err());
    /// assert!(o.clone().with_schema("information_schema").is_err());
    /// assert!(o.with_schema("").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_schema(mut self, name: &str) -> Result<Self, InputError> {
        let b = name.as_bytes();
        let ok = (1..=63).contains(&b.len())
            && (b[0].is_ascii_lowercase() || b[0] == b'_')
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
            && !name.starts_with("pg_")
            && name != "information_schema";
        if !ok {
            return Err(InputError::Malformed {
                what: "PostgreSQL schema name",
                value: name.chars().take(64).collect(),
                expected: "1 to 63 lowercase ASCII letters, digits and _, starting with a letter or _, not PostgreSQL's own (pg_…, information_schema)",
            });
        }
        self.schema = name.to_owned();
        Ok(self)
    }

    /// The same options with the exam application run by `path`.
    ///
    /// # Example
    /// See [`ApplyPath`].
    pub fn with_apply_path(mut self, path: ApplyPath) -> Self {
        self.apply_path = path;
        self
    }

    /// How the store runs an exam application.
    ///
    /// # Example
    /// See [`ApplyPath`].
    pub fn apply_path(&self) -> ApplyPath {
        self.apply_path
    }

    /// The same options with a pool of at most `size` connections (1 to
    /// [`PgOptions::MAX_POOL_SIZE`]).
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] outside that range.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// let o = PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?;
    /// assert_eq!(o.clone().with_pool_size(2)?.pool_size(), 2);
    /// assert!(o.with_pool_size(0).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_pool_size(mut self, size: u32) -> Result<Self, InputError> {
        if !(1..=Self::MAX_POOL_SIZE).contains(&size) {
            return Err(InputError::OutOfRange {
                what: "connection pool size",
                min: "1".into(),
                max: Self::MAX_POOL_SIZE.to_string(),
                value: size.to_string(),
            });
        }
        self.pool_size = size;
        Ok(self)
    }

    /// The same options with another limit on waiting for a connection (opening one, or
    /// getting one from a busy pool): from 1 ms to 10 minutes.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] outside that range.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// use std::time::Duration;
    /// let o = PgOptions::new("postgresql://cqnet@127.0.0.1/cqnet")?;
    /// assert!(o.clone().with_connect_timeout(Duration::from_secs(3)).is_ok());
    /// assert!(o.with_connect_timeout(Duration::ZERO).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Result<Self, InputError> {
        if !(Duration::from_millis(1)..=Duration::from_secs(600)).contains(&timeout) {
            return Err(InputError::OutOfRange {
                what: "connect timeout",
                min: "1 ms".into(),
                max: "600 s".into(),
                value: format!("{} ms", timeout.as_millis()),
            });
        }
        self.connect_timeout = timeout;
        Ok(self)
    }

    /// The schema the store works in.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// assert_eq!(PgOptions::new("postgresql://a@127.0.0.1/b")?.schema(), PgOptions::DEFAULT_SCHEMA);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// The most connections the store's pool opens.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// assert_eq!(PgOptions::new("postgresql://a@127.0.0.1/b")?.pool_size(), PgOptions::DEFAULT_POOL_SIZE);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn pool_size(&self) -> u32 {
        self.pool_size
    }

    /// How long to wait for a connection.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// let o = PgOptions::new("postgresql://a@127.0.0.1/b")?;
    /// assert_eq!(o.connect_timeout(), PgOptions::DEFAULT_CONNECT_TIMEOUT);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The driver's configuration of every pooled connection: generic plans for prepared
    /// statements, the URL's settings, the schema as `search_path`, the connect timeout, and
    /// `cqnet` as application name unless the URL names one.
    pub(crate) fn driver_config(&self) -> tokio_postgres::Config {
        let mut config = self.config.clone();
        // Every statement of the adapter looks rows up by key, so one generic plan per
        // prepared statement serves all parameters; without this setting each connection
        // plans its statements afresh for their first five runs. The URL's options come after
        // and may set it back.
        let generic = "-c plan_cache_mode=force_generic_plan";
        let search_path = format!("-c search_path={}", self.schema);
        let options = match config.get_options() {
            Some(given) if !given.trim().is_empty() => {
                format!("{generic} {given} {search_path}")
            }
            _ => format!("{generic} {search_path}"),
        };
        config.options(options);
        config.ssl_mode(self.ssl_mode.driver_mode());
        config.connect_timeout(self.connect_timeout);
        if config.get_application_name().is_none() {
            config.application_name("cqnet");
        }
        config
    }
}

fn read_root_file(path: &Path) -> Result<Roots, InputError> {
    let pem = std::fs::read(path).map_err(|e| InputError::Malformed {
        what: "root certificate file (sslrootcert)",
        value: format!("{}: {e}", path.display()),
        expected: "a readable PEM file of CA certificates",
    })?;
    Ok(Roots::Given(Arc::from(tls::parse_pem_certificates(&pem)?)))
}

/// Whether every server the configuration names is on this machine: what reaches it never
/// crosses a network, so `prefer` suffices by default.
fn all_loopback(config: &tokio_postgres::Config) -> bool {
    let hosts = config.get_hosts();
    let addrs = config.get_hostaddrs();
    (0..hosts.len().max(addrs.len())).all(|i| match addrs.get(i) {
        Some(addr) => addr.is_loopback(),
        None => hosts.get(i).is_some_and(is_loopback_host),
    })
}

fn is_loopback_host(host: &Host) -> bool {
    match host {
        Host::Tcp(name) => {
            let name = name.trim_start_matches('[').trim_end_matches(']');
            name.eq_ignore_ascii_case("localhost")
                || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        // A Unix socket path (the variant exists only on Unix).
        #[allow(unreachable_patterns)]
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_becomes_the_search_path_of_every_connection() {
        let o = PgOptions::new("postgresql://u@127.0.0.1/db?options=-c%20statement_timeout%3D5s")
            .and_then(|o| o.with_schema("s1"));
        let Ok(o) = o else {
            panic!("valid options: {o:?}")
        };
        let c = o.driver_config();
        assert_eq!(
            c.get_options(),
            Some("-c plan_cache_mode=force_generic_plan -c statement_timeout=5s -c search_path=s1")
        );
        assert_eq!(c.get_application_name(), Some("cqnet"));
    }

    #[test]
    fn debug_never_shows_the_password() {
        let o = PgOptions::new("postgresql://u:sekret@127.0.0.1/db");
        let Ok(o) = o else { panic!("valid options") };
        assert!(!format!("{o:?}").contains("sekret"));
        let bad = PgOptions::new("postgresql://u:sekret@127.0.0.1:x/db");
        assert!(matches!(&bad, Err(e) if !e.to_string().contains("sekret")));
    }

    #[test]
    fn schema_names_are_plain_identifiers() {
        let Ok(o) = PgOptions::new("host=127.0.0.1") else {
            panic!("valid options")
        };
        for bad in [
            "1abc",
            "a-b",
            "a b",
            "\"x\"",
            "ä",
            "pg_temp",
            "pg_catalog",
            "information_schema",
            &"a".repeat(64),
        ] {
            assert!(o.clone().with_schema(bad).is_err(), "{bad:?}");
        }
        for good in ["a", "_x", "cqnet_t_1", &"a".repeat(63)] {
            assert!(o.clone().with_schema(good).is_ok(), "{good:?}");
        }
    }

    fn mode_of(url: &str) -> PgSslMode {
        match PgOptions::new(url) {
            Ok(o) => o.ssl_mode(),
            Err(e) => panic!("{url:?}: {e}"),
        }
    }

    #[test]
    fn loopback_defaults_to_prefer_and_anything_else_to_verify_full() {
        for url in [
            "postgresql://u@127.0.0.1/db",
            "postgresql://u@127.8.9.10:5433/db",
            "postgresql://u@[::1]/db",
            "postgresql://u@localhost/db",
            "postgresql://u@LOCALHOST/db",
            "host=/run/postgresql user=u",
            "postgresql://u@%2Frun%2Fpostgresql/db",
            "host=db.example.org hostaddr=127.0.0.1",
            "host=localhost,127.0.0.1",
        ] {
            assert_eq!(mode_of(url), PgSslMode::Prefer, "{url}");
        }
        for url in [
            "postgresql://u@db.example.org/db",
            "postgresql://u@10.0.0.1/db",
            "postgresql://u@[2001:db8::1]/db",
            "postgresql://u@128.0.0.1/db",
            "postgresql://u@localhost.example.org/db",
            "host=localhost,db.example.org",
            "host=localhost hostaddr=192.0.2.7",
        ] {
            assert_eq!(mode_of(url), PgSslMode::VerifyFull, "{url}");
        }
    }

    #[test]
    fn the_url_sslmode_is_honoured_and_reaches_the_driver() {
        use tokio_postgres::config::SslMode;
        for mode in PgSslMode::ALL {
            let url = format!("postgresql://u@db.example.org/db?sslmode={mode}");
            assert_eq!(mode_of(&url), mode);
            let kv = format!("host=127.0.0.1 sslmode={mode}");
            assert_eq!(mode_of(&kv), mode);
        }
        let Ok(o) = PgOptions::new("postgresql://u@db.example.org/db?sslmode=verify-ca") else {
            panic!("valid options")
        };
        assert_eq!(o.driver_config().get_ssl_mode(), SslMode::Require);
        let Ok(o) = PgOptions::new("postgresql://u@127.0.0.1/db") else {
            panic!("valid options")
        };
        assert_eq!(o.driver_config().get_ssl_mode(), SslMode::Prefer);
    }

    #[test]
    fn unknown_sslmodes_and_bad_root_files_are_typed_errors() {
        for bad in ["allow", "verify_full", "", "Require"] {
            let url = format!("postgresql://u@127.0.0.1/db?sslmode={bad}");
            assert!(
                matches!(
                    PgOptions::new(&url),
                    Err(InputError::Malformed {
                        what: "PostgreSQL sslmode",
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary directory")
        };
        let empty = dir.path().join("empty.pem");
        assert!(std::fs::write(&empty, b"").is_ok());
        let url = format!("host=127.0.0.1 sslrootcert='{}'", empty.display());
        assert!(matches!(
            PgOptions::new(&url),
            Err(InputError::Empty { .. })
        ));
        let missing = format!(
            "host=127.0.0.1 sslrootcert={}",
            dir.path().join("none.pem").display()
        );
        assert!(matches!(
            PgOptions::new(&missing),
            Err(InputError::Malformed { .. })
        ));
        assert!(matches!(
            PgOptions::new("host=db.example.org sslrootcert=system sslmode=verify-ca"),
            Err(InputError::Inconsistent(_))
        ));
        assert_eq!(
            mode_of("host=127.0.0.1 sslrootcert=system"),
            PgSslMode::VerifyFull
        );
    }
}
