//! How to reach the database: the URL, the schema, the pool.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use cqnet_core::InputError;

/// Where and how a PostgreSQL store connects: the server's URL, the schema the store works in,
/// the size of its connection pool and how long to wait for a connection.
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
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Clone)]
pub struct PgOptions {
    config: tokio_postgres::Config,
    schema: String,
    pool_size: u32,
    connect_timeout: Duration,
}

impl fmt::Debug for PgOptions {
    /// Never prints the password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgOptions")
            .field("user", &self.config.get_user())
            .field("dbname", &self.config.get_dbname())
            .field("schema", &self.schema)
            .field("pool_size", &self.pool_size)
            .field("connect_timeout", &self.connect_timeout)
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
    /// `key=value` connection string, as libpq reads them. TLS is not supported: connect over
    /// a trusted network or a local socket.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for text that is not a connection string (the text is not
    /// repeated in the error, since it may hold a password).
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgOptions;
    /// assert!(PgOptions::new("host=127.0.0.1 user=cqnet dbname=cqnet").is_ok());
    /// assert!(PgOptions::new("postgresql://cqnet@127.0.0.1:notaport/x").is_err());
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
        let config = tokio_postgres::Config::from_str(url).map_err(|_| malformed())?;
        if config.get_hosts().is_empty() {
            return Err(malformed());
        }
        Ok(PgOptions {
            config,
            schema: Self::DEFAULT_SCHEMA.to_owned(),
            pool_size: Self::DEFAULT_POOL_SIZE,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
        })
    }

    /// The same options with another schema: 1 to 63 characters of lowercase ASCII letters,
    /// digits and `_`, starting with a letter or `_`, not starting with `pg_` (reserved by
    /// PostgreSQL).
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
    /// assert!(o.with_schema("").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_schema(mut self, name: &str) -> Result<Self, InputError> {
        let b = name.as_bytes();
        let ok = (1..=63).contains(&b.len())
            && (b[0].is_ascii_lowercase() || b[0] == b'_')
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
            && !name.starts_with("pg_");
        if !ok {
            return Err(InputError::Malformed {
                what: "PostgreSQL schema name",
                value: name.chars().take(64).collect(),
                expected: "1 to 63 lowercase ASCII letters, digits and _, starting with a letter or _, not with pg_",
            });
        }
        self.schema = name.to_owned();
        Ok(self)
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
        config.connect_timeout(self.connect_timeout);
        if config.get_application_name().is_none() {
            config.application_name("cqnet");
        }
        config
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
            &"a".repeat(64),
        ] {
            assert!(o.clone().with_schema(bad).is_err(), "{bad:?}");
        }
        for good in ["a", "_x", "cqnet_t_1", &"a".repeat(63)] {
            assert!(o.clone().with_schema(good).is_ok(), "{good:?}");
        }
    }
}
