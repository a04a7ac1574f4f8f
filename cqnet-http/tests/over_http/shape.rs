//! Request bodies checked for shape and size at the edge (`validator`), before any service
//! sees them: a text empty or longer than the domain keeps, a list empty, a number out of its
//! range, each `422 invalid-field` with the pointer of the one field, and nothing stored.

use crate::support;

use cqnet_adapters::memory::MemoryStore;
use cqnet_store::training::EnrollmentId;
use cqnet_store::{AsyncEnrollmentStore, AsyncLedgerStore};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Posts `body` to `path` as `token` under `key`; gives the status and the answer.
async fn post(base: &str, path: &str, token: &str, key: &str, body: &Value) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .post(format!("{base}{path}"))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

/// The problem's `type` tail and pointer.
fn problem(answer: &Value) -> (&str, Option<&str>) {
    let kind = answer["type"].as_str().unwrap_or_default();
    (
        kind.rsplit('#').next().unwrap_or_default(),
        answer["pointer"].as_str(),
    )
}

fn enrollment(name: &str) -> Value {
    json!({
        "id": EnrollmentId::from_u128(3), "course": uuid::Uuid::from_u128(support::COURSE),
        "person": {"name": name, "birth_date": "2003-05-17", "contact": "010-0000-0000"},
        "kind": {"kind": "trainee"}, "enrolled_on": "2026-03-02"
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_out_of_shape_names_its_field_and_stores_nothing() {
    let (cqnet, base) = support::api_on(MemoryStore::new().into_async()).await;
    let id = EnrollmentId::from_u128(3);

    // One character over the domain's longest name, in Hangul (characters, not bytes).
    let long = "가".repeat(cqnet_store::training::Person::MAX_NAME_CHARS + 1);
    for (name, why) in [(long.as_str(), "too long"), ("", "empty")] {
        let (status, answer) = post(
            &base,
            "/v1/enrollments",
            "t-staff",
            "e-1",
            &enrollment(name),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{why}: {answer}");
        assert_eq!(
            problem(&answer),
            ("invalid-field", Some("/person/name")),
            "{why}: {answer}"
        );
    }
    assert!(
        cqnet.store().enrollment(id).await.is_err(),
        "nothing enrolled by a refused body"
    );
    let longest = "가".repeat(cqnet_store::training::Person::MAX_NAME_CHARS);
    let (status, answer) = post(
        &base,
        "/v1/enrollments",
        "t-staff",
        "e-2",
        &enrollment(&longest),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "the longest name fits: {answer}"
    );

    // An empty list of facts records nothing and says so.
    let (status, answer) = post(
        &base,
        &format!("/v1/enrollments/{id}/attendance"),
        "t-staff",
        "a-1",
        &json!({"facts": []}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(
        problem(&answer),
        ("invalid-field", Some("/facts")),
        "{answer}"
    );
    assert!(cqnet.store().attendance(id).await.unwrap().is_empty());

    // A venue of no seats, inside a round's list: the pointer goes down to it.
    let mut round = support::exams::round_body();
    round["venues"] = json!([
        {"code": "seoul-01", "name": "서울 시험장", "capacity": 100},
        {"code": "busan-01", "name": "부산 시험장", "capacity": 0}
    ]);
    let (status, answer) = post(&base, "/v1/rounds", "t-agency", "r-1", &round).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(
        problem(&answer),
        ("invalid-field", Some("/venues/1/capacity")),
        "{answer}"
    );
    assert!(
        answer["detail"].as_str().unwrap().contains("from 1"),
        "{answer}"
    );
}
