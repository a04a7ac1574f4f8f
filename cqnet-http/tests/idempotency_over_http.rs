//! The `Idempotency-Key` of the command routes over real HTTP: every command refuses a request
//! without a key or with one that is not a key, with the same problem documents.

#![allow(clippy::unwrap_used)]

mod support;

use cqnet_adapters::memory::MemoryStore;
use cqnet_store::AsyncEnrollmentStore;
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
