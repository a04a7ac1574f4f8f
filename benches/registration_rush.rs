//! The registration rush on PostgreSQL: candidates racing for venue seats through
//! `ExamService::apply` (every rule checked: access, eligibility from the stored training
//! records, window, duplicates, retakes; the idempotency key and the audit line written),
//! side by side with the same rush written by hand in raw SQL — one transaction per
//! application: the conditional seat update, the round's counter row, the application row.
//!
//! Each sample runs one whole rush of `CANDIDATES` candidates over `VENUES` venues of `SEATS`
//! seats with `CLIENTS` concurrent clients, in a fresh schema prepared before the timing
//! starts. The service runs as an async host runs it: the async `ExamService` on an
//! `AsyncPgStore` opened with the default pool of `PgOptions::DEFAULT_POOL_SIZE` connections,
//! the clients being tasks of a multi-thread tokio runtime; the raw rush runs twice:
//! with one connection per client (`raw_sql`, the baseline of the target) and with the clients
//! sharing as many connections as the service's pool (`raw_sql_pooled`). At the end the bench
//! prints the rates (submissions per second) and the service's share of each raw rate. Under
//! `cargo bench -- --test` each side runs one small rush.
//!
//! Runs only when `CQNET_PG_URL` names a server (`.ci/with-postgres` sets it) and the
//! `postgres` feature is on. Figures are in `docs/performance.md`.

#[cfg(feature = "postgres")]
mod pg {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    use std::sync::Arc;

    use cqnet::adapters::postgres::{AsyncPgStore, PgOptions, PgSslMode, PgStore};
    use cqnet::core::Won;
    use cqnet::store::FixedClock;
    use cqnet::store::exam::{
        Application, ApplicationId, ApplicationStatus, ExamRound, PaymentState, Venue, VenueCode,
    };
    use cqnet::store::exam::{ApplicationRequest, ExamService};
    use cqnet::store::testing::exam::{DURING_WINDOW, candidate, plan};
    use cqnet::store::testing::tokio;
    use cqnet::store::testing::{instant, key, rush};
    use cqnet::store::training::EnrollmentId;
    use criterion::{Criterion, SamplingMode};

    pub const CLIENTS: usize = 64;
    const VENUES: usize = 10;
    const SEATS: u32 = 100;

    struct Fresh {
        url: String,
        schema: String,
        options: PgOptions,
        ids: Vec<EnrollmentId>,
        round: ExamRound,
    }

    impl Drop for Fresh {
        fn drop(&mut self) {
            if let Ok(mut c) = postgres::Client::connect(&self.url, postgres::NoTls) {
                let _ = c.batch_execute(&format!(
                    "DROP SCHEMA IF EXISTS \"{}\" CASCADE",
                    self.schema
                ));
            }
        }
    }

    fn fresh(url: &str, n: usize, tag: &str) -> Fresh {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let schema = format!(
            "cqnet_bench_rush_{}_{tag}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        // Plain text, as the raw driver's baselines connect (`NoTls`): like with like.
        let options = PgOptions::new(url)
            .and_then(|o| o.with_ssl_mode(PgSslMode::Disable))
            .and_then(|o| o.with_schema(&schema))
            .expect("a PostgreSQL URL");
        let store = PgStore::connect(&options).expect("connect");
        let venues = (0..VENUES)
            .map(|v| {
                Venue::new(
                    VenueCode::new(&format!("v{v:03}")).expect("code"),
                    "시험장",
                    SEATS,
                )
                .expect("venue")
            })
            .collect();
        let round = ExamRound::new(plan(), venues, false).expect("round");
        let ids = rush::prepare(&store, n, &round);
        Fresh {
            url: url.to_owned(),
            schema,
            options,
            ids,
            round,
        }
    }

    fn venue_of(i: usize) -> usize {
        (i.wrapping_mul(2_654_435_761)) % VENUES
    }

    /// The rush through the async service, `CLIENTS` tasks on a multi-thread runtime over
    /// the store's pool; returns the time and the seats taken.
    fn service_rush(f: &Fresh) -> (Duration, usize) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let store = AsyncPgStore::connect(&f.options).await.expect("connect");
            let clock = FixedClock::new(instant(DURING_WINDOW));
            let service = Arc::new(ExamService::new(store, clock));
            let (ids, round) = (Arc::new(f.ids.clone()), f.round.id());
            let next = Arc::new(AtomicUsize::new(0));
            let accepted = Arc::new(AtomicUsize::new(0));
            let t = Instant::now();
            let clients: Vec<_> = (0..CLIENTS)
                .map(|_| {
                    let (service, ids, round) = (service.clone(), ids.clone(), round.clone());
                    let (next, accepted) = (next.clone(), accepted.clone());
                    tokio::spawn(async move {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            if i >= ids.len() {
                                break;
                            }
                            let request = ApplicationRequest {
                                id: ApplicationId::from_u128(i as u128 + 1),
                                round: round.clone(),
                                candidate: ids[i],
                                venue: VenueCode::new(&format!("v{:03}", venue_of(i)))
                                    .expect("code"),
                            };
                            let who = candidate(ids[i]);
                            let key = key(&format!("r{i}"));
                            if service.apply(&who, &key, &request).await.is_ok() {
                                accepted.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                    })
                })
                .collect();
            for client in clients {
                client.await.expect("a client");
            }
            (t.elapsed(), accepted.load(Ordering::Relaxed))
        })
    }

    /// One connection of the raw rush with its prepared statements.
    struct RawConnection {
        client: postgres::Client,
        take: postgres::Statement,
        number: postgres::Statement,
        insert: postgres::Statement,
    }

    fn raw_connection(f: &Fresh) -> RawConnection {
        let mut client = postgres::Client::connect(&f.url, postgres::NoTls).expect("connect");
        client
            .batch_execute(&format!("SET search_path TO \"{}\"", f.schema))
            .expect("path");
        let take = client.prepare("UPDATE exam_venues SET booked = booked + 1 WHERE round = $1 AND code = $2 AND booked < capacity RETURNING capacity").expect("prepare");
        let number = client
            .prepare("UPDATE exam_counters SET last = last + 1 WHERE round = $1 RETURNING last")
            .expect("prepare");
        let insert = client.prepare("INSERT INTO exam_applications (id, round, venue, candidate, number, active, version, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)").expect("prepare");
        RawConnection {
            client,
            take,
            number,
            insert,
        }
    }

    /// One application by hand, one transaction: the conditional seat update, the counter
    /// row, the application row. Whether a seat was taken.
    fn raw_apply(c: &mut RawConnection, f: &Fresh, i: usize) -> bool {
        let round = f.round.id();
        let venue = VenueCode::new(&format!("v{:03}", venue_of(i))).expect("code");
        let mut tx = c.client.transaction().expect("begin");
        if tx
            .query(&c.take, &[&round.as_str(), &venue.as_str()])
            .expect("take")
            .is_empty()
        {
            tx.rollback().expect("rollback");
            return false;
        }
        let seq: i64 = tx
            .query_one(&c.number, &[&round.as_str()])
            .expect("number")
            .get(0);
        let n = cqnet::core::exam::ExamNumber::compose(&plan(), seq as u32).expect("number");
        let a = Application {
            id: ApplicationId::from_u128(i as u128 + 1),
            round: round.clone(),
            candidate: f.ids[i],
            qualification: cqnet::core::QualificationCode::new("6921").expect("code"),
            venue: venue.clone(),
            fee: Won::new(19_400),
            number: n.clone(),
            status: ApplicationStatus::Active,
            payment: PaymentState::Unpaid,
            applied_at: instant(DURING_WINDOW),
        };
        let body = serde_json::to_string(&a).expect("json");
        tx.execute(
            &c.insert,
            &[
                &a.id.to_string(),
                &round.as_str(),
                &venue.as_str(),
                &a.candidate.to_string(),
                &n.as_str(),
                &true,
                &1i64,
                &body,
            ],
        )
        .expect("insert");
        tx.commit().expect("commit");
        true
    }

    /// The same rush by hand, `CLIENTS` clients over `connections` connections (client `t`
    /// uses connection `t % connections`, one application at a time).
    fn raw_rush_over(f: &Fresh, connections: usize) -> (Duration, usize) {
        let next = AtomicUsize::new(0);
        let accepted = AtomicUsize::new(0);
        let pool: Vec<Mutex<RawConnection>> = (0..connections)
            .map(|_| Mutex::new(raw_connection(f)))
            .collect();
        let t = Instant::now();
        std::thread::scope(|s| {
            for client in 0..CLIENTS {
                let (next, accepted, pool) = (&next, &accepted, &pool);
                s.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= f.ids.len() {
                            break;
                        }
                        let mut c = pool[client % pool.len()].lock().expect("connection");
                        if raw_apply(&mut c, f, i) {
                            accepted.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        (t.elapsed(), accepted.into_inner())
    }

    /// By hand with one connection per client.
    fn raw_rush(f: &Fresh) -> (Duration, usize) {
        raw_rush_over(f, CLIENTS)
    }

    /// By hand with as many connections as the service's pool.
    fn raw_rush_pooled(f: &Fresh) -> (Duration, usize) {
        raw_rush_over(f, PgOptions::DEFAULT_POOL_SIZE as usize)
    }

    pub fn bench(c: &mut Criterion, url: &str, candidates: usize) {
        let rates: Mutex<Vec<(&str, f64)>> = Mutex::new(Vec::new());
        let mut group = c.benchmark_group("registration_rush_postgres");
        group.sampling_mode(SamplingMode::Flat).sample_size(10);
        group.warm_up_time(Duration::from_millis(1));
        group.measurement_time(Duration::from_secs(1));
        for (name, rush) in [
            ("service", service_rush as fn(&Fresh) -> (Duration, usize)),
            ("raw_sql", raw_rush),
            ("raw_sql_pooled", raw_rush_pooled),
        ] {
            group.bench_function(name, |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let f = fresh(url, candidates, name);
                        let (took, accepted) = rush(&f);
                        assert_eq!(
                            accepted,
                            (VENUES as u32 * SEATS).min(candidates as u32) as usize
                        );
                        rates
                            .lock()
                            .expect("rates")
                            .push((name, candidates as f64 / took.as_secs_f64()));
                        total += took;
                    }
                    total
                })
            });
        }
        group.finish();
        let rates = rates.into_inner().expect("rates");
        let mean = |n: &str| {
            let r: Vec<f64> = rates.iter().filter(|x| x.0 == n).map(|x| x.1).collect();
            r.iter().sum::<f64>() / r.len().max(1) as f64
        };
        let (s, r, p) = (mean("service"), mean("raw_sql"), mean("raw_sql_pooled"));
        println!(
            "registration_rush postgres: {candidates} candidates, {CLIENTS} clients: service {s:.0}/s (pool of {}), raw SQL {r:.0}/s ({CLIENTS} connections, ratio {:.2}), raw SQL {p:.0}/s ({} connections, ratio {:.2})",
            PgOptions::DEFAULT_POOL_SIZE,
            s / r,
            PgOptions::DEFAULT_POOL_SIZE,
            s / p
        );
    }
}

fn main() {
    let test_mode = std::env::args().any(|a| a == "--test");
    #[cfg(feature = "postgres")]
    {
        match std::env::var("CQNET_PG_URL") {
            Ok(url) => {
                let mut c = criterion::Criterion::default().configure_from_args();
                pg::bench(&mut c, &url, if test_mode { 1_200 } else { 4_000 });
                c.final_summary();
            }
            Err(_) => eprintln!("registration_rush: CQNET_PG_URL is not set; nothing to run"),
        }
    }
    #[cfg(not(feature = "postgres"))]
    {
        let _ = test_mode;
        eprintln!("registration_rush: build with --features postgres and set CQNET_PG_URL");
    }
}
