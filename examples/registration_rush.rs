//! The registration rush (원서접수 첫 1시간): N candidates race for the seats of M venues
//! through `ExamService::apply`, with C concurrent clients, on any adapter. A client drops the
//! answer of a share of its submissions (an injected timeout) and submits again with the same
//! idempotency key. Afterwards the store is read back: `overbooked` (seats booked beyond a
//! venue's capacity, or booked counts that disagree with the active applications), `lost`
//! (acknowledged applications missing from the store) and `duplicates` (a candidate holding
//! two applications, or an exam number given twice) must all be 0.
//!
//! ```text
//! cargo run --release --example registration_rush -- --adapter memory --candidates 2000
//! bash .ci/with-postgres cargo run --release --features postgres --example registration_rush -- --adapter postgres
//! ```
//!
//! The last line printed is JSON: `accepted`, `refused_full`, `refused_other`, `errors`,
//! `retries`, `overbooked`, `lost`, `duplicates`, `throughput_per_s`, `p50_ms`, `p99_ms`, and
//! the run's parameters. PostgreSQL is reached at `CQNET_PG_URL`, in a schema of its own that
//! is dropped at the end.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::{Parser, ValueEnum};
use cqnet::core::ReasonCode;
use cqnet::store::IdempotencyKey;
use cqnet::store::blocking::ExamService;
use cqnet::store::exam::ApplicationRequest;
use cqnet::store::exam::{ApplicationId, ExamRound, ExamStore, Venue, VenueCode};
use cqnet::store::testing::exam::{DURING_WINDOW, candidate, plan};
use cqnet::store::testing::{instant, rush};
use cqnet::store::training::ServiceError;
use cqnet::store::{FixedClock, Store};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Adapter {
    Memory,
    Sqlite,
    Postgres,
}

/// The registration rush: candidates racing for venue seats through the service.
#[derive(Debug, Parser)]
struct Args {
    /// The store.
    #[arg(long, value_enum, default_value = "memory")]
    adapter: Adapter,
    /// Candidates (all eligible).
    #[arg(long, default_value_t = 20_000)]
    candidates: usize,
    /// Venues of the round.
    #[arg(long, default_value_t = 50)]
    venues: usize,
    /// Seats per venue.
    #[arg(long, default_value_t = 100)]
    seats: u32,
    /// Concurrent clients.
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// PostgreSQL connections shared by the clients (the store's pool).
    #[arg(long, default_value_t = 8)]
    pool: u32,
    /// Per mille of submissions whose answer the client drops and submits again.
    #[arg(long, default_value_t = 50)]
    drop_per_mille: u64,
}

fn main() {
    let args = Args::parse();
    if args.candidates == 0
        || args.venues == 0
        || args.venues > 1000
        || args.seats == 0
        || args.clients == 0
        || !(1..=256).contains(&args.pool)
        || args.candidates > 900_000
    {
        eprintln!(
            "registration_rush: candidates 1..=900000, venues 1..=1000, pool 1..=256, seats and clients at least 1"
        );
        std::process::exit(2);
    }
    let code = match args.adapter {
        Adapter::Memory => run(&args, cqnet::adapters::memory::MemoryStore::new()),
        Adapter::Sqlite => {
            let dir = tempfile::tempdir().expect("a temporary directory");
            let store = cqnet::adapters::sqlite::SqliteStore::open(dir.path().join("rush.sqlite"))
                .expect("open SQLite");
            run(&args, store)
        }
        Adapter::Postgres => postgres(&args),
    };
    std::process::exit(code);
}

#[cfg(feature = "postgres")]
fn postgres(args: &Args) -> i32 {
    use cqnet::adapters::postgres::{PgOptions, PgStore};
    let Ok(url) = std::env::var("CQNET_PG_URL") else {
        eprintln!("registration_rush: set CQNET_PG_URL (or run under .ci/with-postgres)");
        return 2;
    };
    let schema = format!("cqnet_rush_{}", std::process::id());
    let options = PgOptions::new(&url)
        .and_then(|o| o.with_schema(&schema))
        .and_then(|o| o.with_pool_size(args.pool))
        .expect("CQNET_PG_URL must be a PostgreSQL URL");
    let store = PgStore::connect(&options).expect("connect to PostgreSQL");
    let code = run(args, store);
    if let Ok(mut client) = postgres::Client::connect(&url, postgres::NoTls) {
        let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
    }
    code
}

#[cfg(not(feature = "postgres"))]
fn postgres(_: &Args) -> i32 {
    eprintln!("registration_rush: build with --features postgres for --adapter postgres");
    2
}

#[derive(Default)]
struct Tally {
    accepted: Vec<ApplicationId>,
    refused_full: u64,
    refused_other: BTreeMap<String, u64>,
    errors: BTreeMap<String, u64>,
    retries: u64,
    latencies_us: Vec<u64>,
}

fn run<S: Store + ExamStore + 'static>(args: &Args, store: S) -> i32 {
    let venues: Vec<Venue> = (0..args.venues)
        .map(|v| {
            Venue::new(
                VenueCode::new(&format!("v{v:03}")).expect("a venue code"),
                &format!("시험장 {v}"),
                args.seats,
            )
            .expect("a venue")
        })
        .collect();
    let round = ExamRound::new(plan(), venues, false).expect("a round");
    let round_id = round.id();
    let setup = Instant::now();
    let ids = rush::prepare(&store, args.candidates, &round);
    eprintln!(
        "registration_rush: {} candidates prepared in {:.1} s",
        ids.len(),
        setup.elapsed().as_secs_f64()
    );
    let service = ExamService::new(store, FixedClock::new(instant(DURING_WINDOW)));
    let next = AtomicUsize::new(0);
    let tally = Mutex::new(Tally::default());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..args.clients {
            scope.spawn(|| {
                let mut mine = Tally::default();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= ids.len() {
                        break;
                    }
                    let venue = (rush::mix(i as u64) % args.venues as u64) as usize;
                    let request = ApplicationRequest {
                        id: ApplicationId::from_u128(i as u128 + 1),
                        round: round_id.clone(),
                        candidate: ids[i],
                        venue: VenueCode::new(&format!("v{venue:03}")).expect("a venue code"),
                    };
                    let actor = candidate(ids[i]);
                    let k = IdempotencyKey::new(&format!("rush-{i}")).expect("a key");
                    let t = Instant::now();
                    let mut answer = service.apply(&actor, &k, &request);
                    if rush::mix(i as u64 ^ 0xD1CE) % 1000 < args.drop_per_mille {
                        // The answer is lost on the way: the client submits again.
                        mine.retries += 1;
                        answer = service.apply(&actor, &k, &request);
                    }
                    mine.latencies_us
                        .push(u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX));
                    match answer {
                        Ok(a) => mine.accepted.push(a.value.id),
                        Err(ServiceError::Refused { reasons })
                            if reasons.iter().all(|r| r.code == ReasonCode::VenueFull) =>
                        {
                            mine.refused_full += 1
                        }
                        Err(ServiceError::Refused { reasons }) => {
                            let codes: Vec<&str> =
                                reasons.iter().map(|r| r.code.as_str()).collect();
                            *mine.refused_other.entry(codes.join("+")).or_default() += 1;
                        }
                        Err(e) => *mine.errors.entry(e.to_string()).or_default() += 1,
                    }
                }
                let mut all = tally.lock().expect("tally");
                all.accepted.extend(mine.accepted);
                all.refused_full += mine.refused_full;
                all.retries += mine.retries;
                all.latencies_us.extend(mine.latencies_us);
                for (k, v) in mine.refused_other {
                    *all.refused_other.entry(k).or_default() += v;
                }
                for (k, v) in mine.errors {
                    *all.errors.entry(k).or_default() += v;
                }
            });
        }
    });
    let elapsed = started.elapsed();
    let mut t = tally.into_inner().expect("tally");
    let check = rush::check(service.store(), &round_id, &t.accepted);
    t.latencies_us.sort_unstable();
    let pct = |p: usize| -> f64 {
        if t.latencies_us.is_empty() {
            return 0.0;
        }
        let i = (t.latencies_us.len() * p / 100).min(t.latencies_us.len() - 1);
        t.latencies_us[i] as f64 / 1000.0
    };
    let adapter = format!("{:?}", args.adapter).to_lowercase();
    let throughput = ids.len() as f64 / elapsed.as_secs_f64();
    let json = serde_json::json!({
        "adapter": adapter,
        "candidates": args.candidates,
        "venues": args.venues,
        "seats": args.seats,
        "clients": args.clients,
        "pool": args.pool,
        "accepted": t.accepted.len(),
        "refused_full": t.refused_full,
        "refused_other": t.refused_other,
        "errors": t.errors,
        "retries": t.retries,
        "overbooked": check.overbooked,
        "lost": check.lost,
        "duplicates": check.duplicates,
        "booked": check.booked,
        "capacity": check.capacity,
        "elapsed_s": (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
        "throughput_per_s": throughput.round(),
        "p50_ms": (pct(50) * 1000.0).round() / 1000.0,
        "p99_ms": (pct(99) * 1000.0).round() / 1000.0,
    });
    println!("{json}");
    let ok = check.overbooked == 0
        && check.lost == 0
        && check.duplicates == 0
        && t.errors.is_empty()
        && t.refused_other.is_empty();
    if ok { 0 } else { 1 }
}
