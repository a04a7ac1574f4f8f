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
    /// ```
    /// use cqnet_store::{Clock, SystemClock};
    /// assert!(SystemClock.now().timestamp() > 1_700_000_000);
    /// ```
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

/// A clock the host sets and moves forward by hand: for a simulation, a replay, or a test that
/// walks a course from enrollment to certificate. Clones share one instant, so a service built
/// with a clone sees every [`set`](ManualClock::set) and [`advance`](ManualClock::advance).
///
/// # Example
/// ```
/// use cqnet_store::{Clock, ManualClock};
/// let clock = ManualClock::new("2026-03-02T09:00:00Z".parse().unwrap());
/// let seen_by_a_service = clock.clone();
/// clock.advance(chrono::Duration::days(30));
/// assert_eq!(seen_by_a_service.now().to_rfc3339(), "2026-04-01T09:00:00+00:00");
/// clock.set("2027-01-01T00:00:00Z".parse().unwrap());
/// assert_eq!(seen_by_a_service.now().to_rfc3339(), "2027-01-01T00:00:00+00:00");
/// ```
#[derive(Debug, Clone)]
pub struct ManualClock(std::sync::Arc<std::sync::Mutex<DateTime<Utc>>>);

impl ManualClock {
    /// A clock showing `at` until it is set or advanced.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Clock, ManualClock};
    /// let at = "2026-03-02T09:00:00Z".parse().unwrap();
    /// assert_eq!(ManualClock::new(at).now(), at);
    /// ```
    pub fn new(at: DateTime<Utc>) -> Self {
        ManualClock(std::sync::Arc::new(std::sync::Mutex::new(at)))
    }

    /// Shows `at` from now on (it may go backwards: a replay may need to).
    ///
    /// # Example
    /// See [`ManualClock`].
    pub fn set(&self, at: DateTime<Utc>) {
        *self.instant() = at;
    }

    /// Moves the clock by `by` (negative moves it back); an instant beyond chrono's range
    /// leaves the clock where it was.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Clock, ManualClock};
    /// let clock = ManualClock::new("2026-03-02T09:00:00Z".parse().unwrap());
    /// clock.advance(chrono::Duration::hours(-9));
    /// assert_eq!(clock.now().to_rfc3339(), "2026-03-02T00:00:00+00:00");
    /// ```
    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.instant();
        if let Some(later) = now.checked_add_signed(by) {
            *now = later;
        }
    }

    fn instant(&self) -> std::sync::MutexGuard<'_, DateTime<Utc>> {
        // The guarded value is a plain instant: a panic elsewhere cannot leave it half-written.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.instant()
    }
}

/// A shared clock is a clock: services built by one [`Cqnet`](crate::Cqnet) share it.
impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
}
