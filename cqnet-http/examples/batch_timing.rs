//! How many candidates a minute `POST /v1/evaluate/batch` decides over HTTP, against the target
//! of 1,000,000 a minute.
//!
//! `cargo run --release -p cqnet-http --example batch_timing [CANDIDATES]` serves the router on
//! 127.0.0.1:0, makes up `CANDIDATES` 과정평가형 candidates (200,000 by default) of 12
//! competency units (능력단위) each, drawn as the OpenFisca comparison model draws them, and
//! posts them once as NDJSON (one case input a line) and once as CSV (the population schema of
//! cqnet-analytics, one row a unit). For each it reads the streamed answer to its end, checks
//! that it has one line per candidate, and prints the time from the request to the answer's
//! last byte, the sizes of the body and the answer, and the candidates decided a minute.

use std::time::{Duration, Instant};

use cqnet_adapters::memory::MemoryStore;
use cqnet_analytics::synthetic;
use cqnet_core::course_based::TraineeRecord;
use cqnet_http::{Api, BearerTokens};
use cqnet_store::Cqnet;

/// The target: candidates decided a minute.
const TARGET_PER_MINUTE: f64 = 1_000_000.0;
const UNITS: usize = 12;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let candidates: usize = match std::env::args().nth(1) {
        Some(arg) => arg.replace(['_', ','], "").parse()?,
        None => 200_000,
    };
    let api = Api::new(
        Cqnet::builder(MemoryStore::new().into_async()).build(),
        BearerTokens::default(),
    )
    .batch_body_limit(2 << 30)
    .timeout(Duration::from_secs(600));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, api.router()).await });

    let population = synthetic::openfisca_distribution(candidates, UNITS, 7);
    let records = (0..candidates)
        .map(|i| population.record(i))
        .collect::<Result<Vec<_>, _>>()?;
    let ndjson: String = records.iter().map(|r| input_line(r) + "\n").collect();
    let mut csv =
        String::from("candidate,scheduled_hours,attended_hours,rounds,written,practical\n");
    for (i, record) in records.iter().enumerate() {
        csv.push_str(&rows(&format!("c-{i:07}"), record));
    }
    println!("{candidates} candidates of {UNITS} units, target {TARGET_PER_MINUTE:.0} a minute");
    println!("format   body_mib  answer_mib  seconds  candidates_per_minute  of_target");
    let client = reqwest::Client::new();
    for (format, content_type, body) in [
        ("ndjson", "application/x-ndjson", ndjson),
        ("csv", "text/csv", csv),
    ] {
        let body_bytes = body.len();
        let started = Instant::now();
        let mut response = client
            .post(format!("{base}/v1/evaluate/batch"))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await?;
        if !response.status().is_success() {
            return Err(
                format!("{format}: {} {}", response.status(), response.text().await?).into(),
            );
        }
        let (mut lines, mut answer_bytes) = (0usize, 0usize);
        while let Some(chunk) = response.chunk().await? {
            answer_bytes += chunk.len();
            lines += chunk.iter().filter(|b| **b == b'\n').count();
        }
        let seconds = started.elapsed().as_secs_f64();
        if lines != candidates {
            return Err(format!("{format}: {lines} lines for {candidates} candidates").into());
        }
        let per_minute = candidates as f64 / seconds * 60.0;
        println!(
            "{format:<8} {:>8.1}  {:>10.1}  {seconds:>7.2}  {per_minute:>21.0}  {:>8.2}×",
            body_bytes as f64 / f64::from(1 << 20),
            answer_bytes as f64 / f64::from(1 << 20),
            per_minute / TARGET_PER_MINUTE,
        );
    }
    Ok(())
}

/// A record as a `course_based` case input, on one line.
fn input_line(record: &TraineeRecord) -> String {
    let units: Vec<String> = record
        .units()
        .iter()
        .map(|unit| {
            let scores: Vec<String> = unit
                .rounds()
                .iter()
                .map(|round| round.map_or("null".to_owned(), |s| format!("\"{}\"", s.value())))
                .collect();
            format!(
                "{{\"hours\":\"{}\",\"attended\":\"{}\",\"scores\":[{}]}}",
                unit.scheduled().value(),
                unit.attended().value(),
                scores.join(",")
            )
        })
        .collect();
    let external = record.external().map_or(String::new(), |e| {
        format!(
            ",\"external\":{{\"written\":\"{}\",\"practical\":\"{}\"}}",
            e.written.value(),
            e.practical.value()
        )
    });
    format!("{{\"units\":[{}]{external}}}", units.join(","))
}

/// A record's rows in the CSV schema, one per unit.
fn rows(id: &str, record: &TraineeRecord) -> String {
    let (written, practical) = record
        .external()
        .map_or((String::new(), String::new()), |e| {
            (
                e.written.value().to_string(),
                e.practical.value().to_string(),
            )
        });
    record
        .units()
        .iter()
        .map(|unit| {
            let rounds: Vec<String> = unit
                .rounds()
                .iter()
                .map(|round| round.map_or("-".to_owned(), |s| s.value().to_string()))
                .collect();
            format!(
                "{id},{},{},{},{written},{practical}\n",
                unit.scheduled().value(),
                unit.attended().value(),
                rounds.join(";")
            )
        })
        .collect()
}
