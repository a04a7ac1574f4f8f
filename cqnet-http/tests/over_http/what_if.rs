//! `POST /v1/what-if` and `GET /v1/what-if/{job_id}` over real HTTP: a job's life from `202`
//! to its result, which is what cqnet-analytics' what-if finds on the same data, an unknown
//! job, and the limit of jobs held.

use crate::support;

use std::num::NonZeroUsize;
use std::time::{Duration, Instant};

use cqnet_adapters::memory::MemoryStore;
use cqnet_analytics::CompiledCourseRules;
use cqnet_analytics::csv::{TextEncoding, read_course_population};
use cqnet_analytics::what_if::{CourseOverlay, OutcomeClass, parse_scenario, what_if_course};
use cqnet_core::rules::RulePack;
use cqnet_http::{Api, BearerTokens};
use cqnet_store::Cqnet;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::documented::check_answer;
use support::population::{HEADER, records, rows};

async fn server(jobs: usize, retention: Duration) -> String {
    let api = Api::new(
        Cqnet::builder(MemoryStore::new().into_async()).build(),
        BearerTokens::default(),
    )
    .what_if_jobs(NonZeroUsize::new(jobs).unwrap(), retention);
    support::serve(api.router()).await
}

/// Starts a what-if; the status, the `Location` header and the answer.
async fn start(base: &str, body: &Value) -> (StatusCode, Option<String>, Value) {
    let response = Client::new()
        .post(format!("{base}/v1/what-if"))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    let media = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let answer: Value = response.json().await.unwrap();
    check_answer("POST", "/v1/what-if", status.as_u16(), &media, &answer);
    (status, location, answer)
}

async fn get(base: &str, path: &str) -> (StatusCode, Value) {
    let response = reqwest::get(format!("{base}{path}")).await.unwrap();
    let status = response.status();
    let media = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let answer: Value = response.json().await.unwrap();
    check_answer("GET", path, status.as_u16(), &media, &answer);
    (status, answer)
}

/// Polls the job at `location` until it is no longer running.
async fn finished(base: &str, location: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (status, answer) = get(base, location).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        if answer["status"] != "running" {
            return answer;
        }
        assert!(
            Instant::now() < deadline,
            "the job still runs after a minute"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// 400 generated candidates of two qualifications, and one bad row.
fn population() -> String {
    let mut csv = format!("{HEADER}\n");
    for (i, record) in records(400, 12, 3).iter().enumerate() {
        let qualification = if i % 3 == 0 {
            "제과기능사"
        } else {
            "2290"
        };
        csv.push_str(&rows(&format!("c-{i}"), qualification, record));
    }
    csv.push_str("c-bad,40,41,85,80,80,2290\n");
    csv
}

fn counts(c: &cqnet_analytics::what_if::OutcomeCounts) -> Value {
    json!({"candidates": c.candidates, "completed": c.completed, "eligible": c.eligible, "passed": c.passed})
}

#[tokio::test]
async fn a_job_answers_202_then_the_result_the_analytics_find_on_the_same_data() {
    let base = server(4, Duration::from_secs(600)).await;
    let csv = population();
    let overlays = ["pass_average=70", "attendance_minimum=90, round_floor=50"];
    let body = json!({"population": csv, "overlays": overlays, "as_of": "2026-06-01"});
    let (status, location, answer) = start(&base, &body).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{answer}");
    let location = location.expect("a Location header");
    assert_eq!(
        location,
        format!("/v1/what-if/{}", answer["id"].as_str().unwrap())
    );
    assert_eq!(answer["status"], "running");
    let done = finished(&base, &location).await;
    assert_eq!(done["status"], "done", "{done}");
    let result = &done["result"];

    // The same what-if, run directly.
    let file = read_course_population(csv.as_bytes(), TextEncoding::Utf8).unwrap();
    let pack = RulePack::embedded();
    let rules = pack.rules_at("2026-06-01".parse().unwrap()).unwrap();
    let baseline = CompiledCourseRules::compile(&rules).unwrap();
    let compiled: Vec<CourseOverlay> = overlays
        .iter()
        .map(|text| {
            CourseOverlay::from_scenario(pack, rules.basis, &parse_scenario(text).unwrap(), text)
                .unwrap()
        })
        .collect();
    let direct = what_if_course(&file.population, &baseline, &compiled);

    assert_eq!(result["candidates"], 400);
    assert_eq!(result["left_out"][0]["candidate"], "c-bad");
    assert_eq!(result["left_out"][0]["line"], 2 + 400 * 12);
    assert_eq!(result["baseline"]["counts"], counts(&direct.baseline));
    assert_eq!(result["baseline"]["pack"], direct.baseline_pack.to_string());
    let mut changed = 0;
    for (index, expected) in direct.overlays.iter().enumerate() {
        let overlay = &result["overlays"][index];
        assert_eq!(overlay["name"], overlays[index]);
        assert_eq!(overlay["pack"], expected.pack.to_string());
        assert_eq!(overlay["counts"], counts(&expected.counts));
        for from in OutcomeClass::ALL {
            for to in OutcomeClass::ALL {
                assert_eq!(
                    overlay["transitions"][from.code()][to.code()],
                    expected.transitions.count(from, to),
                    "overlay {index}: {} -> {}",
                    from.code(),
                    to.code()
                );
            }
        }
        let ids: Vec<String> = expected
            .changes
            .iter()
            .map(|c| file.candidate_ids[c.candidate].clone())
            .collect();
        let answered: Vec<&str> = overlay["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["candidate"].as_str().unwrap())
            .collect();
        assert_eq!(answered, ids, "overlay {index}");
        for (change, answered) in expected
            .changes
            .iter()
            .zip(overlay["changes"].as_array().unwrap())
        {
            let codes: Vec<&str> = change.removed.codes().map(|c| c.as_str()).collect();
            assert_eq!(answered["failing_no_more"], json!(codes));
            assert_eq!(answered["from"], OutcomeClass::of(change.baseline).code());
        }
        changed += ids.len();
        let groups = direct
            .transitions_by(index, &file.qualifications)
            .unwrap()
            .unwrap();
        let by_qualification = overlay["by_qualification"].as_array().unwrap();
        assert_eq!(by_qualification.len(), groups.len());
        for (group, (qualification, transitions)) in by_qualification.iter().zip(&groups) {
            assert_eq!(group["qualification"], json!(qualification));
            assert_eq!(
                group["transitions"]["failed"]["passed"],
                transitions.count(OutcomeClass::Failed, OutcomeClass::Passed)
            );
        }
    }
    assert!(changed > 0, "the overlays change someone's outcome");
}

#[tokio::test]
async fn an_unknown_job_is_a_404_and_a_bad_overlay_a_422_before_any_job() {
    let base = server(4, Duration::from_secs(600)).await;
    for path in [
        format!("/v1/what-if/{}", uuid::Uuid::from_u128(42)),
        "/v1/what-if/not-a-job".to_owned(),
    ] {
        let (status, problem) = get(&base, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
        assert!(problem["type"].as_str().unwrap().ends_with("#unknown-job"));
    }
    let csv = population();
    let bad = [
        (json!(["pass_mark=75"]), "/overlays/0", "invalid-field"),
        (
            json!(["pass_average=75", "internal_weight=90"]),
            "/overlays/1",
            "overlay-refused",
        ),
        (json!([]), "/overlays", "invalid-field"),
    ];
    for (overlays, pointer, kind) in bad {
        let (status, _, problem) =
            start(&base, &json!({"population": csv, "overlays": overlays})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["pointer"], pointer, "{problem}");
        assert!(
            problem["type"]
                .as_str()
                .unwrap()
                .ends_with(&format!("#{kind}")),
            "{problem}"
        );
    }
    // A population that cannot be read fails its job, with the problem.
    let (status, location, _) = start(
        &base,
        &json!({"population": "candidate,hours\nc-1,40\n", "overlays": ["pass_average=75"]}),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let failed = finished(&base, &location.unwrap()).await;
    assert_eq!(failed["status"], "failed", "{failed}");
    assert!(
        failed["problem"]["type"]
            .as_str()
            .unwrap()
            .ends_with("#malformed-csv")
    );
}

#[tokio::test]
async fn jobs_beyond_the_limit_wait_until_a_finished_one_is_forgotten() {
    let retention = Duration::from_millis(600);
    let base = server(1, retention).await;
    let body = json!({"population": population(), "overlays": ["pass_average=75"]});
    let (status, location, _) = start(&base, &body).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let location = location.unwrap();
    let done = finished(&base, &location).await;
    assert_eq!(done["status"], "done");
    // The finished job still holds the only place.
    let response = Client::new()
        .post(format!("{base}/v1/what-if"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait >= 1);
    let problem: Value = response.json().await.unwrap();
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("#what-if-jobs-full"),
        "{problem}"
    );
    check_answer(
        "POST",
        "/v1/what-if",
        503,
        "application/problem+json",
        &problem,
    );
    tokio::time::sleep(retention).await;
    let (status, _) = get(&base, &location).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a finished job is forgotten after its time"
    );
    let (status, _, answer) = start(&base, &body).await;
    assert_eq!(
        status,
        StatusCode::ACCEPTED,
        "its place is free again: {answer}"
    );
}
