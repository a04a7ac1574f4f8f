//! The statistics routes' refusals over real HTTP: who may count, and the query parameters
//! that do not read or do not fit, each a problem at its parameter, none reaching the store's
//! tables. The numbers themselves are checked by the exam journey (`exam.rs`).

use cqnet_adapters::memory::MemoryStore;
use cqnet_core::statistics::{Dimension, GroupBy};
use cqnet_store::AsyncAuditLog;
use cqnet_store::statistics::{AsyncStatisticsStore, FunnelQuery};
use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::support;

async fn get(base: &str, path: &str, token: Option<&str>) -> (StatusCode, Value) {
    let mut request = Client::new().get(format!("{base}{path}"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = response.json().await.unwrap();
    let route = path.split('?').next().unwrap();
    support::documented::check_answer("GET", route, status.as_u16(), &content_type, &body);
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_agency_counts_and_each_refusal_is_audited() {
    let (cqnet, base) = support::api_on(MemoryStore::new().into_async()).await;
    let before = cqnet
        .store()
        .audit_entries(None, 10_000)
        .await
        .unwrap()
        .len();
    let (status, body) = get(&base, "/v1/statistics/funnel", Some("t-staff")).await;
    assert_eq!(
        (status, body["reasons"][0]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("not_permitted")),
        "{body}"
    );
    let (status, body) = get(&base, "/v1/statistics/funnel", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let entries = cqnet.store().audit_entries(None, 10_000).await.unwrap();
    assert_eq!(
        entries.len(),
        before + 1,
        "the refusal is written to the audit log"
    );
    assert!(
        entries[before].outcome.contains("not_permitted"),
        "{:?}",
        entries[before]
    );

    // Two trainees enrolled; the agency's answer is the store's own count, grouped as asked.
    for (n, birth) in [(31_u128, "2003-05-17"), (32, "1999-11-02")] {
        let enrollment = serde_json::json!({
            "id": uuid::Uuid::from_u128(n), "course": "00000000-0000-0000-0000-000000000002",
            "person": {"name": "홍길동", "birth_date": birth, "contact": "010-0000-0000"},
            "kind": {"kind": "trainee"}, "enrolled_on": "2026-03-02"
        });
        let response = Client::new()
            .post(format!("{base}/v1/enrollments"))
            .bearer_auth("t-staff")
            .header("idempotency-key", format!("enroll-{n}"))
            .json(&enrollment)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let (status, body) = get(
        &base,
        "/v1/statistics/funnel?by=year,gender",
        Some("t-agency"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let query = FunnelQuery::new(GroupBy::new(vec![Dimension::Year, Dimension::Gender]).unwrap());
    let rows = cqnet.store().funnel(&query).await.unwrap();
    assert_eq!(body["by"], serde_json::json!(["year", "gender"]));
    assert!(!rows.is_empty());
    assert_eq!(rows.iter().map(|r| r.learners).sum::<u64>(), 2);
    assert_eq!(body["rows"].as_array().unwrap().len(), rows.len());
    for (line, row) in body["rows"].as_array().unwrap().iter().zip(&rows) {
        assert_eq!(line["learners"].as_u64(), Some(row.learners));
        assert_eq!(line["examinees"].as_u64(), Some(row.examinees));
        let keys: std::collections::BTreeSet<&str> = line["key"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["gender", "year"].into(), "{line}");
        assert_eq!(line["key"]["year"], serde_json::json!(2026), "{line}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parameter_that_does_not_read_or_fit_is_named_by_its_pointer() {
    let (_, base) = support::api_on(MemoryStore::new().into_async()).await;
    for (path, status, pointer) in [
        (
            "/v1/statistics/funnel?by=year,colour",
            StatusCode::BAD_REQUEST,
            "/by",
        ),
        (
            "/v1/statistics/funnel?by=year,year",
            StatusCode::UNPROCESSABLE_ENTITY,
            "/by",
        ),
        (
            "/v1/statistics/funnel?from=2026&to=2024",
            StatusCode::UNPROCESSABLE_ENTITY,
            "/from",
        ),
        (
            "/v1/statistics/funnel?from=twenty",
            StatusCode::BAD_REQUEST,
            "/from",
        ),
        (
            "/v1/statistics/funnel?qualification=",
            StatusCode::BAD_REQUEST,
            "/qualification",
        ),
        (
            "/v1/statistics/funnel?page_size=5",
            StatusCode::BAD_REQUEST,
            "/page_size",
        ),
        (
            "/v1/statistics/rounds/2026-C1-01/score-distribution?part=oral",
            StatusCode::BAD_REQUEST,
            "/part",
        ),
    ] {
        let (given, body) = get(&base, path, Some("t-agency")).await;
        assert_eq!(
            (given, body["pointer"].as_str()),
            (status, Some(pointer)),
            "{path}: {body}"
        );
    }
}
