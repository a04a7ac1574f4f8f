//! Time comes from the host: services take a [`Clock`].

use chrono::{DateTime, Utc};

/// A source of the current instant.
///
/// # Example
/// ```
/// use cqnet_store::{Clock, FixedClock};
/// let clock = FixedClock::new("2026-03-02T09:00:00Z".parse().unwrap());
/// assert_eq!(clock.now().to_rfc3339(), "2026-03-02T09:00:00+00:00");
/// ```
pub trait Clock: Send + Sync {
    /// The current instant.
    ///
    /// # Example
    /// See the trait.
    fn now(&self) -> DateTime<Utc>;
}

/// The operating system's clock.
///
/// # Example
/// ```
/// use cqnet_store::{Clock, SystemClock};
/// assert!(SystemClock.now().timestamp() > 1_700_000_000);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::<Utc>::from(std::time::SystemTime::now())
    }
}

/// A clock that always answers the same instant: for tests and replays.
///
/// # Example
/// See [`Clock`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(DateTime<Utc>);

impl FixedClock {
    /// A clock stopped at `at`.
    ///
    /// # Example
    /// See [`Clock`].
    pub fn new(at: DateTime<Utc>) -> Self {
        FixedClock(at)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}
