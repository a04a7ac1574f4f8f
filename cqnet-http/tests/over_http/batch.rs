//! `POST /v1/evaluate/batch` over real HTTP: NDJSON and CSV batches answered line by line as
//! the single route answers each candidate, bad lines reported in place while the others are
//! decided, the content type and the batch's own body limit.

use crate::support;

use cqnet_adapters::memory::MemoryStore;
use cqnet_http::{Api, BearerTokens};
use cqnet_store::Cqnet;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::documented::{check_answer, document, schema_errors};
use support::population::{HEADER, input, ndjson, records, rows};

const BATCH: &str = "/v1/evaluate/batch";

/// A server whose other routes take 1 KiB bodies and whose batch takes `batch_limit` bytes.
async fn server(batch_limit: usize) -> String {
    let api = Api::new(
        Cqnet::builder(MemoryStore::new().into_async()).build(),
        BearerTokens::default(),
    )
    .body_limit(1024)
    .batch_body_limit(batch_limit);
    support::serve(api.router()).await
}

/// Posts `body` as `content_type` to the batch; the status, the content type and the text.
async fn post(
    base: &str,
    query: &str,
    content_type: &str,
    body: String,
) -> (StatusCode, String, String) {
    let response = Client::new()
        .post(format!("{base}{BATCH}{query}"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let media = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (status, media, response.text().await.unwrap())
}

/// The schema of one line of the answer, from the document.
fn line_schema() -> &'static Value {
    &document()["paths"][BATCH]["post"]["responses"]["200"]["content"]["application/x-ndjson"]["schema"]
}

/// Each line, checked against the document's schema of a line.
fn checked_lines(text: &str) -> Vec<Value> {
    let lines = ndjson(text);
    for line in &lines {
        let errors = schema_errors(line_schema(), line);
        assert!(errors.is_empty(), "{errors:#?}\n{line}");
    }
    lines
}

#[tokio::test]
async fn every_line_is_what_the_single_route_answers_for_its_candidate() {
    let base = server(8 << 20).await;
    let client = Client::new();
    let candidates = records(300, 12, 11);
    let inputs: Vec<Value> = candidates.iter().map(input).collect();
    let body: String = inputs.iter().map(|i| format!("{i}\n")).collect();
    let (status, media, text) =
        post(&base, "?as_of=2026-06-01", "application/x-ndjson", body).await;
    assert_eq!(
        (status, media.as_str()),
        (StatusCode::OK, "application/x-ndjson"),
        "{text}"
    );
    let from_ndjson = checked_lines(&text);
    let csv: String = std::iter::once(format!("{HEADER}\n"))
        .chain(
            candidates
                .iter()
                .enumerate()
                .map(|(i, r)| rows(&format!("c-{i}"), "2290", r)),
        )
        .collect();
    let (status, _, text) = post(&base, "?as_of=2026-06-01", "text/csv", csv).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let from_csv = checked_lines(&text);
    assert_eq!((from_ndjson.len(), from_csv.len()), (300, 300));
    let mut outcomes = std::collections::BTreeSet::new();
    for (i, input) in inputs.iter().enumerate() {
        let single: Value = client
            .post(format!("{base}/v1/evaluate/course_based?as_of=2026-06-01"))
            .json(input)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(from_ndjson[i]["line"], i + 1);
        assert_eq!(from_ndjson[i]["decision"], single, "NDJSON line {}", i + 1);
        assert!(from_ndjson[i].get("candidate").is_none());
        // Candidate i's twelve rows start at line 2 + 12 i.
        assert_eq!(from_csv[i]["line"], 2 + 12 * i);
        assert_eq!(from_csv[i]["candidate"], format!("c-{i}"));
        assert_eq!(from_csv[i]["decision"], single, "CSV candidate c-{i}");
        outcomes.insert(single["passed"].to_string());
    }
    assert!(
        outcomes.len() >= 2,
        "the candidates are not all decided alike: {outcomes:?}"
    );
}

#[tokio::test]
async fn a_bad_line_is_reported_in_place_and_the_others_are_decided() {
    let base = server(1 << 20).await;
    let good = json!({"units": [{"hours": 40, "attended": 36, "scores": [85]}], "external": {"written": 80, "practical": 90}});
    let short = json!({"units": [{"hours": 40, "attended": 29, "scores": [85]}]});
    let body = format!(
        "{good}\n{{\"units\": [\n{}\n\n{}\r\n{short}\n",
        json!({"units": [{"hours": 40, "attended": 36, "scores": [101]}]}),
        json!({"units": [], "grade": "A"}),
    );
    let (status, _, text) = post(&base, "", "application/x-ndjson", body).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let lines = checked_lines(&text);
    let numbers: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(
        numbers,
        [1, 2, 3, 5, 6],
        "the blank line 4 is skipped: {text}"
    );
    let kind = |line: &Value| {
        line["problem"]["type"]
            .as_str()
            .map(|t| t.rsplit('#').next().unwrap().to_owned())
    };
    assert_eq!(lines[0]["decision"]["passed"], true);
    assert_eq!(kind(&lines[1]).as_deref(), Some("malformed-json"));
    assert_eq!(lines[1]["problem"]["status"], 400);
    assert_eq!(kind(&lines[2]).as_deref(), Some("invalid-input"));
    assert_eq!(kind(&lines[3]).as_deref(), Some("malformed-input"));
    // Each problem points at the value of its own line that was refused.
    assert_eq!(lines[2]["problem"]["pointer"], "/units/0/scores/0");
    assert_eq!(lines[3]["problem"]["pointer"], "/grade");
    assert_eq!(lines[4]["decision"]["completed"], false);
    assert_eq!(
        lines[4]["decision"]["reasons"][0]["code"],
        "attendance_below_minimum"
    );

    let csv = format!(
        "{HEADER}\nc-1,40,36,85,80,90,\nc-2,40,forty,85,,,\nc-3,40,29,85,,,\nc-2,40,40,90,,,\n"
    );
    let (status, _, text) = post(&base, "", "text/csv; charset=utf-8", csv.clone()).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let lines = checked_lines(&text);
    let summary: Vec<(u64, &str, bool)> = lines
        .iter()
        .map(|l| {
            (
                l["line"].as_u64().unwrap(),
                l["candidate"].as_str().unwrap_or(""),
                l.get("problem").is_some(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [(2, "c-1", false), (3, "c-2", true), (4, "c-3", false)],
        "c-2 is left out for its bad row, the others decided: {text}"
    );
    assert_eq!(lines[1]["column"], "attended_hours");
    let detail = lines[1]["problem"]["detail"].as_str().unwrap();
    assert!(
        detail.contains("\"forty\""),
        "the detail quotes the value: {detail}"
    );
    assert_eq!(kind(&lines[1]).as_deref(), Some("invalid-row"));
    assert_eq!(lines[0]["decision"]["passed"], true);
    assert_eq!(lines[2]["decision"]["completed"], false);
    // With a byte-order mark, the same answer.
    let (_, _, with_bom) = post(&base, "", "text/csv", format!("\u{feff}{csv}")).await;
    assert_eq!(with_bom, text);
}

#[tokio::test]
async fn a_body_of_another_type_or_over_the_batch_limit_is_a_problem_and_an_empty_one_an_empty_answer()
 {
    let base = server(64 * 1024).await;
    let one = format!(
        "{}\n",
        json!({"units": [{"hours": 40, "attended": 36, "scores": [85]}]})
    );
    for content_type in ["application/json", "text/plain", "text/csv; charset=latin1"] {
        let (status, media, text) = post(&base, "", content_type, one.clone()).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}");
        let problem: Value = serde_json::from_str(&text).unwrap();
        assert!(
            problem["type"]
                .as_str()
                .unwrap()
                .ends_with("#not-ndjson-or-csv"),
            "{problem}"
        );
        check_answer("POST", BATCH, 415, &media, &problem);
    }
    // Ten times the other routes' limit is within the batch's.
    let within = one.repeat(10 * 1024 / one.len() + 1);
    assert!(within.len() > 10 * 1024);
    let (status, _, text) = post(&base, "", "application/x-ndjson", within.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ndjson(&text).len(), within.lines().count());
    let over = one.repeat(70 * 1024 / one.len());
    let (status, media, text) = post(&base, "", "application/x-ndjson", over).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{text}");
    let problem: Value = serde_json::from_str(&text).unwrap();
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("#body-too-large")
    );
    check_answer("POST", BATCH, 413, &media, &problem);
    for content_type in ["application/x-ndjson", "text/csv"] {
        let (status, media, text) = post(&base, "", content_type, String::new()).await;
        assert_eq!(
            (status, media.as_str(), text.as_str()),
            (StatusCode::OK, "application/x-ndjson", ""),
            "{content_type}"
        );
    }
}

#[tokio::test]
async fn the_query_and_the_csv_header_are_checked_before_any_line() {
    let base = server(1 << 20).await;
    let one = format!("{}\n", json!({"fee": 20000, "paid_on": "2026-03-02"}));
    let cases = [
        ("?as_of=June", "application/x-ndjson", 400, "invalid-query"),
        (
            "?explain=true",
            "application/x-ndjson",
            400,
            "invalid-query",
        ),
        (
            "?kind=no_such_kind",
            "application/x-ndjson",
            404,
            "unknown-kind",
        ),
        ("?kind=refund", "text/csv", 400, "invalid-query"),
        (
            "?as_of=1990-01-01",
            "application/x-ndjson",
            422,
            "rules-not-in-force",
        ),
    ];
    for (query, content_type, expected, kind) in cases {
        let (status, media, text) = post(&base, query, content_type, one.clone()).await;
        assert_eq!(status.as_u16(), expected, "{query}: {text}");
        let problem: Value = serde_json::from_str(&text).unwrap();
        assert!(
            problem["type"]
                .as_str()
                .unwrap()
                .ends_with(&format!("#{kind}")),
            "{query}: {problem}"
        );
        check_answer("POST", BATCH, expected, &media, &problem);
    }
    let (status, media, text) =
        post(&base, "", "text/csv", "candidate,hours\nc-1,40\n".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
    let problem: Value = serde_json::from_str(&text).unwrap();
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("#malformed-csv"),
        "{problem}"
    );
    check_answer("POST", BATCH, 400, &media, &problem);
    // Another kind, line by line, as its own single route decides it.
    let (status, _, text) = post(&base, "?kind=refund", "application/x-ndjson", one).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let line = &ndjson(&text)[0];
    assert!(
        line.get("decision").is_some() || line.get("problem").is_some(),
        "{line}"
    );
}

#[tokio::test]
async fn a_large_answer_is_streamed_without_a_length() {
    let base = server(8 << 20).await;
    let body: String = records(2_000, 12, 5)
        .iter()
        .map(|r| format!("{}\n", input(r)))
        .collect();
    let response = Client::new()
        .post(format!("{base}{BATCH}"))
        .header("content-type", "application/x-ndjson")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers().get("content-length").is_none(),
        "a streamed answer has no length: {:?}",
        response.headers()
    );
    let mut response = response;
    let mut lines = 0;
    while let Some(chunk) = response.chunk().await.unwrap() {
        lines += chunk.iter().filter(|b| **b == b'\n').count();
    }
    assert_eq!(lines, 2_000);
}
