//! The router's limits beyond the body size: how long a request may take, how many requests run
//! at once, and how often one client may ask the public 진위확인 (authenticity check), so that
//! qualification numbers cannot be tried in bulk.

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::Problem;

/// How many requests the router answers at once by default: 256.
///
/// # Example
/// ```
/// assert_eq!(cqnet_http::DEFAULT_CONCURRENCY_LIMIT.get(), 256);
/// ```
pub const DEFAULT_CONCURRENCY_LIMIT: NonZeroUsize = match NonZeroUsize::new(256) {
    Some(n) => n,
    None => unreachable!(),
};

/// The default rate of 진위확인 per client: a burst of 20, then one more every 3 seconds (20 a
/// minute).
///
/// # Example
/// ```
/// use std::time::Duration;
/// let rate = cqnet_http::DEFAULT_VERIFICATION_RATE;
/// assert_eq!((rate.burst(), rate.refill_every()), (20, Duration::from_secs(3)));
/// ```
pub const DEFAULT_VERIFICATION_RATE: RateLimit = RateLimit {
    burst: 20,
    refill_every: Duration::from_secs(3),
};

/// How many client addresses a rate limit keeps track of at most. Beyond it, addresses whose
/// bucket is full again are forgotten; when none is, a new address is refused as if its own
/// bucket were empty, so that a flood of addresses cannot grow the table without end.
///
/// # Example
/// ```
/// assert_eq!(cqnet_http::MAX_TRACKED_CLIENTS, 100_000);
/// ```
pub const MAX_TRACKED_CLIENTS: usize = 100_000;

/// The longest refill a rate limit takes: a day.
const LONGEST_REFILL: Duration = Duration::from_secs(24 * 60 * 60);

/// A token bucket: `burst` requests at once, and one more each time `refill_every` passes.
///
/// # Example
/// ```
/// use std::time::Duration;
/// use cqnet_http::RateLimit;
///
/// let limit = RateLimit::new(5, Duration::from_secs(12))?; // 5 at once, then 5 a minute
/// assert_eq!((limit.burst(), limit.refill_every()), (5, Duration::from_secs(12)));
/// assert!(RateLimit::new(0, Duration::from_secs(1)).is_err());
/// # Ok::<(), cqnet_http::InvalidLimit>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    burst: u32,
    refill_every: Duration,
}

impl RateLimit {
    /// A bucket of `burst` tokens, one of them given back every `refill_every`.
    ///
    /// # Errors
    /// [`InvalidLimit`] for a burst of 0 (nothing would ever be answered), a refill of no time
    /// (nothing would ever be limited) or of more than a day.
    ///
    /// # Example
    /// ```
    /// use std::time::Duration;
    /// let limit = cqnet_http::RateLimit::new(3, Duration::from_millis(500))?;
    /// assert_eq!(limit.burst(), 3);
    /// assert!(cqnet_http::RateLimit::new(3, Duration::ZERO).is_err());
    /// # Ok::<(), cqnet_http::InvalidLimit>(())
    /// ```
    pub fn new(burst: u32, refill_every: Duration) -> Result<Self, InvalidLimit> {
        if burst == 0 {
            return Err(InvalidLimit("a rate limit's burst must be at least 1"));
        }
        if refill_every.is_zero() {
            return Err(InvalidLimit("a rate limit's refill must take some time"));
        }
        if refill_every > LONGEST_REFILL {
            return Err(InvalidLimit(
                "a rate limit's refill must take a day at most",
            ));
        }
        Ok(RateLimit {
            burst,
            refill_every,
        })
    }

    /// How many requests one client may send at once.
    ///
    /// # Example
    /// ```
    /// assert_eq!(cqnet_http::DEFAULT_VERIFICATION_RATE.burst(), 20);
    /// ```
    pub fn burst(&self) -> u32 {
        self.burst
    }

    /// How long it takes for one more request to be allowed.
    ///
    /// # Example
    /// ```
    /// use std::time::Duration;
    /// assert_eq!(cqnet_http::DEFAULT_VERIFICATION_RATE.refill_every(), Duration::from_secs(3));
    /// ```
    pub fn refill_every(&self) -> Duration {
        self.refill_every
    }
}

/// A limit that cannot work: a burst of 0, a refill of no time.
///
/// # Example
/// ```
/// let refused = cqnet_http::RateLimit::new(0, std::time::Duration::from_secs(1)).unwrap_err();
/// assert!(refused.to_string().contains("burst"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidLimit(&'static str);

impl fmt::Display for InvalidLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for InvalidLimit {}

/// Who a client is to a rate limit: its IPv4 address, or the /64 network of its IPv6 address
/// (a host picks any address of its /64 at will). Ports do not count: a new connection has a
/// new one. Without the peer's address (a router served without `ConnectInfo`) every client is
/// the same one, which limits more, never less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Client {
    Address(IpAddr),
    Unknown,
}

impl Client {
    fn of(request: &Request) -> Client {
        match request.extensions().get::<ConnectInfo<SocketAddr>>() {
            Some(ConnectInfo(peer)) => Client::Address(network(peer.ip())),
            None => Client::Unknown,
        }
    }
}

fn network(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        },
    }
}

/// The buckets of every client, kept as the instant each one's bucket is full again (the
/// generic cell rate algorithm: one instant per client, no timer).
pub(crate) struct Buckets {
    limit: RateLimit,
    state: Mutex<Table>,
}

struct Table {
    full_at: HashMap<Client, Instant>,
    next_sweep: Instant,
}

impl Buckets {
    pub(crate) fn new(limit: RateLimit) -> Self {
        Buckets {
            limit,
            state: Mutex::new(Table {
                full_at: HashMap::new(),
                next_sweep: Instant::now(),
            }),
        }
    }

    /// Takes a token of `client` at `now`, or says how long until one is back.
    fn take(&self, client: Client, now: Instant) -> Result<(), Duration> {
        let refill = self.limit.refill_every;
        // The bucket holds `burst` tokens: it may run `burst - 1` refills ahead of now.
        let ahead = refill.saturating_mul(self.limit.burst - 1);
        // A poisoned lock still holds instants that make sense: nothing is left half-written.
        let mut table = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if !table.full_at.contains_key(&client) && table.full_at.len() >= MAX_TRACKED_CLIENTS {
            // Sweeping is linear: at most once per refill, so that a flood of addresses
            // cannot make every request pay for it.
            if now >= table.next_sweep {
                table.full_at.retain(|_, full| *full > now);
                table.next_sweep = now.checked_add(refill).unwrap_or(now);
            }
            if table.full_at.len() >= MAX_TRACKED_CLIENTS {
                return Err(refill);
            }
        }
        let full = table
            .full_at
            .get(&client)
            .copied()
            .filter(|full| *full > now)
            .unwrap_or(now);
        match (now.checked_add(ahead), full.checked_add(refill)) {
            (Some(limit), _) if full > limit => Err(full.duration_since(limit)),
            (_, Some(next)) => {
                table.full_at.insert(client, next);
                Ok(())
            }
            // An instant the clock cannot hold: as far ahead as a bucket can run.
            (_, None) => Err(refill),
        }
    }
}

/// Answers a request whose client has no token left with `429 rate-limited` and its
/// `Retry-After`, before its body is read.
pub(crate) async fn rate_limited(buckets: Arc<Buckets>, request: Request, next: Next) -> Response {
    match buckets.take(Client::of(&request), Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(wait) => Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            format!(
                "too many requests from this address: at most {} at once, then one every {} ms",
                buckets.limit.burst,
                buckets.limit.refill_every.as_millis()
            ),
        )
        .with_retry_after(wait)
        .into_response(),
    }
}

/// Answers a request that takes longer than `timeout` with a `408` problem document (what was
/// under way is dropped; a command already handed to the store still completes or not as one).
pub(crate) async fn within(timeout: Duration, request: Request, next: Next) -> Response {
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "timed-out",
            format!("the request took longer than {} ms", timeout.as_millis()),
        )
        .into_response(),
    }
}

/// Answers a request beyond the concurrency limit at once with `503 overloaded` and a
/// `Retry-After` of a second, rather than queueing it: a queue would hold memory for requests
/// that are likely to time out anyway.
pub(crate) async fn within_concurrency(
    permits: Arc<Semaphore>,
    request: Request,
    next: Next,
) -> Response {
    match permits.try_acquire_owned() {
        Ok(_permit) => next.run(request).await,
        Err(_) => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "the server is answering as many requests as it takes at once: retry shortly",
        )
        .with_retry_after(Duration::from_secs(1))
        .into_response(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn address(text: &str) -> Client {
        Client::Address(network(text.parse().unwrap()))
    }

    #[test]
    fn a_burst_is_answered_then_one_more_per_refill() {
        let limit = RateLimit::new(3, Duration::from_secs(10)).expect("a valid limit");
        let buckets = Buckets::new(limit);
        let start = Instant::now();
        let client = address("192.0.2.7");
        for n in 0..3 {
            assert_eq!(
                buckets.take(client, start),
                Ok(()),
                "request {n} of the burst"
            );
        }
        let wait = buckets.take(client, start).expect_err("the burst is spent");
        assert_eq!(wait, Duration::from_secs(10));
        let later = start + Duration::from_secs(4);
        assert_eq!(buckets.take(client, later), Err(Duration::from_secs(6)));
        let refilled = start + Duration::from_secs(10);
        assert_eq!(buckets.take(client, refilled), Ok(()));
        assert!(
            buckets.take(client, refilled).is_err(),
            "one token came back, not two"
        );
        assert_eq!(
            buckets.take(address("192.0.2.8"), start),
            Ok(()),
            "another address has its own bucket"
        );
    }

    #[test]
    fn a_full_table_forgets_the_refilled_and_refuses_a_new_address_until_then() {
        let refill = Duration::from_secs(5);
        let buckets = Buckets::new(RateLimit::new(2, refill).unwrap());
        let start = Instant::now();
        let client = |n: u32| Client::Address(IpAddr::V4(n.into()));
        let tracked = u32::try_from(MAX_TRACKED_CLIENTS).unwrap();
        for n in 0..tracked {
            assert_eq!(buckets.take(client(n), start), Ok(()));
        }
        assert_eq!(
            buckets.take(client(tracked), start),
            Err(refill),
            "no bucket is full again: a new address waits"
        );
        assert_eq!(
            buckets.take(client(0), start),
            Ok(()),
            "a tracked address still has its own bucket"
        );
        assert_eq!(
            buckets.take(client(tracked), start + refill),
            Ok(()),
            "once buckets are full again they are forgotten"
        );
    }

    #[test]
    fn an_ipv6_client_is_its_network_and_a_mapped_ipv4_its_address() {
        assert_eq!(address("2001:db8:1:2::1"), address("2001:db8:1:2:ffff::9"));
        assert_ne!(address("2001:db8:1:2::1"), address("2001:db8:1:3::1"));
        assert_eq!(address("::ffff:192.0.2.7"), address("192.0.2.7"));
    }

    #[test]
    fn a_limit_that_cannot_work_is_refused() {
        assert!(RateLimit::new(0, Duration::from_secs(1)).is_err());
        assert!(RateLimit::new(1, Duration::ZERO).is_err());
        assert!(RateLimit::new(1, Duration::from_secs(24 * 60 * 60 + 1)).is_err());
        assert!(RateLimit::new(1, Duration::from_nanos(1)).is_ok());
        assert!(RateLimit::new(u32::MAX, LONGEST_REFILL).is_ok());
    }
}
