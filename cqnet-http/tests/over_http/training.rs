//! The training routes over real HTTP, on the memory and SQLite stores: a trainee enrolled,
//! attending and evaluated, then decided; and every kind of bad input answered with its
//! problem document, with nothing stored.

use crate::support;

use crate::pg_schema;

use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;

use crate::support::RoutedStore as Stores;
use cqnet_store::training::EnrollmentId;
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

const TRAINEE: &str = "00000000-0000-0000-0000-000000000003";

fn enrollment_body() -> Value {
    json!({
        "id": TRAINEE,
        "course": "00000000-0000-0000-0000-000000000002",
        "person": {"name": "홍길동", "birth_date": "2003-05-17", "contact": "010-0000-0000"},
        "kind": {"kind": "trainee"},
        "enrolled_on": "2026-03-02"
    })
}

/// Attendance of `hours` towards the unit: whole hours above a working day are spread over
/// days of at most 8 hours back from 2026-03-06 (a day holds at most the pack's daily limit);
/// any other value (a float, a fraction, a number over the schedule) is sent as one fact.
fn attendance(hours: Value) -> Value {
    let fact = |day: &str, hours: Value| json!({"target": {"target": "unit", "unit": support::UNIT}, "day": day, "hours": hours});
    let whole = hours.as_str().and_then(|h| h.parse::<u32>().ok());
    let facts: Vec<Value> = match whole {
        Some(total) if total > 8 && total <= 40 => [
            "2026-03-06",
            "2026-03-05",
            "2026-03-04",
            "2026-03-03",
            "2026-03-02",
        ]
        .iter()
        .zip((0..total).step_by(8))
        .map(|(day, done)| fact(day, json!((total - done).min(8).to_string())))
        .collect(),
        _ => vec![fact("2026-03-06", hours)],
    };
    json!({ "facts": facts })
}

async fn post(
    client: &Client,
    url: String,
    token: Option<&str>,
    key: &str,
    body: &Value,
) -> Response {
    let mut request = client.post(url).header("idempotency-key", key).json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// The status, and the problem document of an error (its content type checked).
async fn problem(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/problem+json", "status {status}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status.as_u16());
    assert!(body["type"].as_str().unwrap().contains("#"), "{body}");
    (status, body)
}

async fn journey<S: Stores + 'static>(store: S) {
    let (cqnet, base) = support::api_on(store).await;
    let client = Client::new();
    let enrollments = format!("{base}/v1/enrollments");
    let attendance_url = format!("{base}/v1/enrollments/{TRAINEE}/attendance");
    let trainee: EnrollmentId = TRAINEE.parse().unwrap();

    // No actor, then a foreign one: refused before anything is stored.
    let (status, body) = problem(
        post(
            &client,
            enrollments.clone(),
            None,
            "e-1",
            &enrollment_body(),
        )
        .await,
    )
    .await;
    assert_eq!(
        (
            status,
            body["type"].as_str().unwrap().ends_with("#no-actor")
        ),
        (StatusCode::UNAUTHORIZED, true)
    );
    let (status, body) = problem(
        post(
            &client,
            enrollments.clone(),
            Some("t-stranger"),
            "e-1",
            &enrollment_body(),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        !body["reasons"].as_array().unwrap().is_empty(),
        "a refusal carries the access rules' reasons: {body}"
    );
    assert!(body["reasons"][0]["legal_basis"].is_object(), "{body}");
    assert!(
        cqnet.store().enrollment(trainee).await.is_err(),
        "nothing enrolled"
    );

    let enrolled = post(
        &client,
        enrollments.clone(),
        Some("t-staff"),
        "e-1",
        &enrollment_body(),
    )
    .await;
    assert_eq!(enrolled.status(), StatusCode::CREATED);
    let enrolled: Value = enrolled.json().await.unwrap();
    // The same key and body replay the first answer; another body is refused.
    let replay: Value = post(
        &client,
        enrollments.clone(),
        Some("t-staff"),
        "e-1",
        &enrollment_body(),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(replay, enrolled);
    let mut other = enrollment_body();
    other["person"]["name"] = json!("김철수");
    let (status, body) =
        problem(post(&client, enrollments.clone(), Some("t-staff"), "e-1", &other).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["type"]
            .as_str()
            .unwrap()
            .ends_with("#idempotency-key-reused"),
        "{body}"
    );

    // Bad input, each a problem document, none stored.
    let raw = |body: &'static str, content_type: &'static str| {
        client
            .post(attendance_url.clone())
            .bearer_auth("t-staff")
            .header("idempotency-key", "bad")
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let (status, _) = problem(raw("{\"facts\": [", "application/json").await.unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "malformed JSON");
    let (status, _) = problem(raw("{\"facts\": []}", "text/plain").await.unwrap()).await;
    assert_eq!(
        status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "wrong content type"
    );
    let (status, body) = problem(
        post(
            &client,
            attendance_url.clone(),
            Some("t-staff"),
            "bad",
            &attendance(json!(8.5)),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["pointer"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("/facts/0/hours")),
        "a float for hours: {body}"
    );
    let mut unknown = attendance(json!("8"));
    unknown["facts"][0]["minutes"] = json!(30);
    let (status, body) = problem(
        post(
            &client,
            attendance_url.clone(),
            Some("t-staff"),
            "bad",
            &unknown,
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["pointer"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("/facts/0/minutes")),
        "an unknown field: {body}"
    );
    let huge = json!({"facts": [], "padding": "x".repeat(20 * 1024)});
    let (status, _) = problem(
        post(
            &client,
            attendance_url.clone(),
            Some("t-staff"),
            "bad",
            &huge,
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "over the body limit");
    let (status, _) = problem(
        post(
            &client,
            attendance_url.clone(),
            Some("t-staff"),
            "bad",
            &attendance(json!("41")),
        )
        .await,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "more hours than scheduled"
    );
    assert!(
        cqnet.store().attendance(trainee).await.unwrap().is_empty(),
        "no bad entry was stored"
    );

    // 30 of 40 hours (75%) and a score of 85: completed.
    let attended = post(
        &client,
        attendance_url.clone(),
        Some("t-staff"),
        "a-1",
        &attendance(json!("30")),
    )
    .await;
    assert_eq!(attended.status(), StatusCode::CREATED);
    let evaluations = json!({"facts": [{"unit": support::UNIT, "result": {"round": {"round": 1, "score": "85"}}}]});
    let evaluated = post(
        &client,
        format!("{base}/v1/enrollments/{TRAINEE}/evaluations"),
        Some("t-staff"),
        "v-1",
        &evaluations,
    )
    .await;
    assert_eq!(evaluated.status(), StatusCode::CREATED);
    let sent = attendance(json!("30"))["facts"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(cqnet.store().attendance(trainee).await.unwrap().len(), sent);
    let completion = |token: &'static str| {
        client
            .get(format!("{base}/v1/enrollments/{TRAINEE}/completion"))
            .bearer_auth(token)
            .send()
    };
    let decided = completion("t-staff").await.unwrap();
    assert_eq!(decided.status(), StatusCode::OK);
    let decided: Value = decided.json().await.unwrap();
    support::documented::check_answer(
        "GET",
        &format!("/v1/enrollments/{TRAINEE}/completion"),
        200,
        "application/json",
        &decided,
    );
    assert_eq!(
        (decided["track"].as_str(), decided["completed"].as_bool()),
        (Some("course_based"), Some(true)),
        "{decided}"
    );
    let (status, _) = problem(completion("t-stranger").await.unwrap()).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "another institution's staff may not read the record"
    );
}

/// A trainee short of hours is a `200` decision with its reasons, not an error.
async fn business_no<S: Stores + 'static>(store: S) {
    let (_, base) = support::api_on(store).await;
    let client = Client::new();
    assert_eq!(
        post(
            &client,
            format!("{base}/v1/enrollments"),
            Some("t-staff"),
            "e",
            &enrollment_body()
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let url = format!("{base}/v1/enrollments/{TRAINEE}/attendance");
    assert_eq!(
        post(&client, url, Some("t-staff"), "a", &attendance(json!("29")))
            .await
            .status(),
        StatusCode::CREATED
    );
    let decided = client
        .get(format!("{base}/v1/enrollments/{TRAINEE}/completion"))
        .bearer_auth("t-staff")
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status(), StatusCode::OK);
    let decided: Value = decided.json().await.unwrap();
    support::documented::check_answer(
        "GET",
        &format!("/v1/enrollments/{TRAINEE}/completion"),
        200,
        "application/json",
        &decided,
    );
    assert_eq!(decided["completed"], false);
    let codes: Vec<&str> = decided["decision"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"attendance_below_minimum")
            && codes.contains(&"internal_evaluation_missing"),
        "{codes:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journey_on_memory() {
    journey(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journey_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    journey(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_business_no_is_a_decision_on_memory() {
    business_no(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_business_no_is_a_decision_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    business_no(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn journey_on_postgres() {
    journey(pg_schema::PLAIN.with_prefix("cqnet_http").async_store()).await;
}

/// A request slower than the timeout is a `408` problem document: here a client that sends
/// its headers and only part of the body it announced.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_request_times_out() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let cqnet = cqnet_store::Cqnet::builder(MemoryStore::new().into_async()).build();
    let router = cqnet_http::Api::new(cqnet, cqnet_http::BearerTokens::default())
        .timeout(std::time::Duration::from_millis(200))
        .router();
    let base = support::serve(router).await;
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /v1/evaluate/refund HTTP/1.1\r\nhost: {address}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"fee\""
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        let mut buffer = [0u8; 4096];
        // Read until the server's answer is whole (it closes or the problem's JSON ends).
        loop {
            let n = stream.read(&mut buffer).await.unwrap();
            answer.extend_from_slice(&buffer[..n]);
            if n == 0 || answer.ends_with(b"}") {
                break;
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "the server answered within the test's own limit"
    );
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(
        text.contains("application/problem+json") && text.contains("#timed-out"),
        "{text}"
    );
}
