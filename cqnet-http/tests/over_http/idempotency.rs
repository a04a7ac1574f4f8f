//! The `Idempotency-Key` of the command routes over real HTTP: every command refuses a request
//! without a key or with one that is not a key, with the same problem documents; a request
//! under a key whose first request is still running is `409`, and once that one is answered the
//! same request replays it, on the memory, SQLite and PostgreSQL stores.

use crate::support;

use crate::pg_schema;

use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_store::certificate::CertificateStore;
use cqnet_store::exam::ExamStore;
use cqnet_store::search::CourseSearch;
use cqnet_store::{AsyncEnrollmentStore, AsyncLedgerStore, Store};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// Every command route that takes a key, with a body of its shape.
fn commands() -> Vec<(&'static str, Value)> {
    let enrollment = "00000000-0000-0000-0000-000000000003";
    let application = "00000000-0000-0000-0000-000000000004";
    vec![
        (
            "/v1/enrollments",
            json!({
                "id": enrollment, "course": "00000000-0000-0000-0000-000000000002",
                "person": {"name": "홍길동", "birth_date": "2003-05-17", "contact": "010-0000-0000"},
                "kind": {"kind": "trainee"}, "enrolled_on": "2026-03-02"
            }),
        ),
        (
            "/v1/enrollments/00000000-0000-0000-0000-000000000003/attendance",
            json!({"facts": []}),
        ),
        (
            "/v1/enrollments/00000000-0000-0000-0000-000000000003/evaluations",
            json!({"facts": []}),
        ),
        (
            "/v1/applications",
            json!({"id": application, "round": "2026-C1-01", "candidate": enrollment, "venue": "seoul-01"}),
        ),
        (
            "/v1/applications/00000000-0000-0000-0000-000000000004/certificate",
            json!({"form": "certificate", "inner_page_number": null}),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_without_a_key_or_with_a_bad_one_is_a_bad_request() {
    let (cqnet, base) = support::api_on(MemoryStore::new().into_async()).await;
    let client = Client::new();
    let too_long = "k".repeat(129);
    for (path, body) in commands() {
        let cases: [(Option<&[u8]>, &str); 4] = [
            (None, "idempotency-key-missing"),
            (Some(too_long.as_bytes()), "idempotency-key-invalid"),
            (Some("키".as_bytes()), "idempotency-key-invalid"),
            (Some(b"\"\""), "idempotency-key-invalid"),
        ];
        for (key, kind) in cases {
            let mut request = client
                .post(format!("{base}{path}"))
                .bearer_auth("t-agency")
                .json(&body);
            if let Some(key) = key {
                request = request.header(
                    "idempotency-key",
                    reqwest::header::HeaderValue::from_bytes(key).unwrap(),
                );
            }
            let response = request.send().await.unwrap();
            let status = response.status();
            let content_type = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_owned();
            let answer: Value = response.json().await.unwrap();
            support::documented::check_answer(
                "POST",
                path,
                status.as_u16(),
                &content_type,
                &answer,
            );
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {answer}");
            assert_eq!(content_type, "application/problem+json");
            assert_eq!(
                answer["type"].as_str(),
                Some(format!("{}#{kind}", cqnet_http::PROBLEM_TYPES).as_str()),
                "{path}: {answer}"
            );
        }
    }
    let enrolled = cqnet
        .store()
        .enrollment("00000000-0000-0000-0000-000000000003".parse().unwrap())
        .await;
    assert!(enrolled.is_err(), "no command ran without its key");
}

const TRAINEE: &str = "00000000-0000-0000-0000-000000000003";

/// The status, content type and body of an answer, checked against the OpenAPI document.
async fn answered(path: &str, response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = response.json().await.unwrap();
    support::documented::check_answer("POST", path, status.as_u16(), &content_type, &body);
    (status, body)
}

/// A request held in the store while a second one comes under its key: the second is `409`
/// and stores nothing; the first then completes, and the same request replays its answer.
async fn a_key_in_flight<S>(store: S)
where
    S: Store
        + ExamStore
        + CertificateStore
        + CourseSearch
        + cqnet_store::designation::CourseDesignationStore
        + cqnet_store::work_study::WorkStudyStore
        + cqnet_store::statistics::StatisticsStore
        + 'static,
{
    let (gated, gate) = support::gated::Gated::new(store);
    let (cqnet, base) = support::api_on(gated).await;
    let client = Client::new();
    let (enroll_path, enrollment) = commands().remove(0);
    let (status, _) = answered(
        enroll_path,
        client
            .post(format!("{base}{enroll_path}"))
            .bearer_auth("t-staff")
            .header("idempotency-key", "e-1")
            .json(&enrollment)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    let path = format!("/v1/enrollments/{TRAINEE}/attendance");
    let facts = json!({"facts": [{"target": {"target": "unit", "unit": support::UNIT}, "day": "2026-03-06", "hours": "8"}]});
    let send = |key: &'static str, token: &'static str| {
        client
            .post(format!("{base}{path}"))
            .bearer_auth(token)
            .header("idempotency-key", key)
            .json(&facts)
            .send()
    };
    gate.hold_next();
    let first = tokio::spawn(send("a-1", "t-staff"));
    gate.reached().await;

    let (status, body) = answered(&path, send("a-1", "t-staff").await.unwrap()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(
        body["type"].as_str(),
        Some(format!("{}#idempotency-key-in-flight", cqnet_http::PROBLEM_TYPES).as_str()),
        "{body}"
    );
    // The same key of another actor is another key: not held back by this one, it reaches the
    // service and is refused there (another institution's staff may not record this learner's
    // attendance).
    let (status, body) = answered(&path, send("a-1", "t-stranger").await.unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "another actor's key: {body}");

    gate.release();
    let (status, first) = answered(&path, first.await.unwrap().unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, replay) = answered(&path, send("a-1", "t-staff").await.unwrap()).await;
    assert_eq!(
        (status, &replay),
        (StatusCode::CREATED, &first),
        "once answered, the same request replays the first answer"
    );
    let trainee = TRAINEE.parse().unwrap();
    let stored = cqnet.store().attendance(trainee).await.unwrap();
    assert_eq!(
        stored.len(),
        facts["facts"].as_array().unwrap().len(),
        "the fact was stored once: {stored:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_in_flight_on_memory() {
    a_key_in_flight(MemoryStore::new()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_in_flight_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    a_key_in_flight(SqliteStore::open(folder.path().join("cqnet.sqlite")).unwrap()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn a_key_in_flight_on_postgres() {
    // The blocking client runs its own runtime: it is opened off this one.
    let store =
        tokio::task::spawn_blocking(|| pg_schema::PLAIN.with_prefix("cqnet_http_key").store())
            .await
            .unwrap();
    a_key_in_flight(store).await;
}
