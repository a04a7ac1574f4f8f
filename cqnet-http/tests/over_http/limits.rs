//! The router's limits over real HTTP: the 진위확인 rate per client address (`429` with
//! `Retry-After` after the burst, answered again after the refill, another address unaffected)
//! and the concurrency limit of the whole router (`503 overloaded` while it is taken).

use crate::support;

use std::num::NonZeroUsize;
use std::time::Duration;

use cqnet_adapters::memory::MemoryStore;
use cqnet_http::{Api, BearerTokens, RateLimit};
use cqnet_store::{Clock, Cqnet};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn api() -> Api<impl crate::support::RoutedStore + 'static, impl Clock + Clone + 'static> {
    Api::new(
        Cqnet::builder(MemoryStore::new().into_async()).build(),
        BearerTokens::default(),
    )
}

/// A 진위확인 of a number never issued: `200 no_match` when answered.
fn query() -> Value {
    json!({
        "number": "26000000123J",
        "issue_date": "2026-05-01",
        "document": {"kind": "management_number", "value": "202605011000-01-000001"}
    })
}

/// A client whose requests come from `address` (any of 127.0.0.0/8 is this machine).
fn client_from(address: [u8; 4]) -> Client {
    Client::builder()
        .local_address(std::net::IpAddr::from(address))
        .build()
        .unwrap()
}

async fn verify(client: &Client, base: &str) -> reqwest::Response {
    client
        .post(format!("{base}/v1/certificates/verify"))
        .json(&query())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn verification_is_limited_per_client_address_and_answers_again_after_the_refill() {
    // A refill slow enough that the burst is spent before a token comes back, even on a busy
    // machine.
    let rate = RateLimit::new(2, Duration::from_secs(2)).unwrap();
    let base = support::serve(api().verification_rate(Some(rate)).router()).await;
    let one = client_from([127, 0, 0, 1]);
    for n in 0..2 {
        let response = verify(&one, &base).await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "request {n} of the burst"
        );
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["status"], "no_match");
    }
    let refused = verify(&one, &base).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        refused.headers()["content-type"],
        "application/problem+json"
    );
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=2).contains(&wait),
        "a token comes back within the refill: {wait}"
    );
    let problem: Value = refused.json().await.unwrap();
    support::documented::check_answer(
        "POST",
        "/v1/certificates/verify",
        429,
        "application/problem+json",
        &problem,
    );
    assert!(
        problem["type"].as_str().unwrap().ends_with("#rate-limited"),
        "{problem}"
    );

    // Another address has its own bucket; the other routes are not limited.
    let other = client_from([127, 0, 0, 2]);
    assert_eq!(verify(&other, &base).await.status(), StatusCode::OK);
    let packs = one
        .get(format!("{base}/v1/rule-packs"))
        .send()
        .await
        .unwrap();
    assert_eq!(packs.status(), StatusCode::OK);

    tokio::time::sleep(Duration::from_secs(wait)).await;
    assert_eq!(
        verify(&one, &base).await.status(),
        StatusCode::OK,
        "the refill gave a token back"
    );
}

#[tokio::test]
async fn without_a_rate_the_verification_is_not_limited() {
    let base = support::serve(api().verification_rate(None).router()).await;
    let client = Client::new();
    let burst = cqnet_http::DEFAULT_VERIFICATION_RATE.burst() + 5;
    for n in 0..burst {
        assert_eq!(
            verify(&client, &base).await.status(),
            StatusCode::OK,
            "request {n}"
        );
    }
}

#[tokio::test]
async fn the_default_rate_limits_a_client_after_its_burst() {
    let base = support::serve(api().router()).await;
    let client = Client::new();
    let burst = cqnet_http::DEFAULT_VERIFICATION_RATE.burst();
    for n in 0..burst {
        assert_eq!(
            verify(&client, &base).await.status(),
            StatusCode::OK,
            "request {n}"
        );
    }
    assert_eq!(
        verify(&client, &base).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// A request to `evaluate` whose body is sent only in part: it holds its permit until the rest
/// comes.
async fn held_request(address: &str, body: &[u8]) -> tokio::net::TcpStream {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /v1/evaluate/course_based HTTP/1.1\r\nhost: {address}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..10]).await.unwrap();
    stream
}

async fn answer_of(stream: &mut tokio::net::TcpStream) -> String {
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn a_request_beyond_the_concurrency_limit_is_answered_overloaded() {
    let router = api()
        .concurrency_limit(NonZeroUsize::new(1).unwrap())
        .router();
    let base = support::serve(router).await;
    let address = base.trim_start_matches("http://").to_owned();
    let body = br#"{"units": [{"hours": 40, "attended": 40, "scores": [85]}]}"#;

    // Two requests, each waiting for the rest of its body: whichever the router takes first
    // holds the one permit, and the other is answered at once.
    let mut first = held_request(&address, body).await;
    let mut second = held_request(&address, body).await;
    let (refused, mut holder) = tokio::select! {
        answer = answer_of(&mut first) => (answer, second),
        answer = answer_of(&mut second) => (answer, first),
    };
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
    assert!(
        refused.to_ascii_lowercase().contains("retry-after: 1"),
        "{refused}"
    );
    assert!(refused.contains("#overloaded"), "{refused}");

    // The rest of the body: the holder is answered, and the permit is free again.
    holder.write_all(&body[10..]).await.unwrap();
    let answered = answer_of(&mut holder).await;
    assert!(answered.starts_with("HTTP/1.1 200"), "{answered}");
    let response = Client::new()
        .get(format!("{base}/v1/rule-packs"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// The 진위확인 of a confirmation document shares the certificates' rate: tries at one count
/// against the other, so that two routes do not double what a client may try.
#[tokio::test]
async fn both_authenticity_checks_share_one_rate() {
    let rate = RateLimit::new(2, Duration::from_secs(60)).unwrap();
    let secret: Vec<u8> = (1..=32).collect();
    let cqnet = Cqnet::builder(MemoryStore::new().into_async())
        .confirmation_secret(cqnet_core::certificate::ConfirmationSecret::new(&secret).unwrap())
        .build();
    let api = Api::new(cqnet, BearerTokens::default()).verification_rate(Some(rate));
    let base = support::serve(api.router()).await;
    let client = client_from([127, 0, 0, 4]);
    let confirm = |client: &Client| {
        client
            .post(format!("{base}/v1/confirmations/verify"))
            .json(&json!({"number": "HRD-20260601093000-00007", "code": "7K2M-9QXA-4RTV-0HJP"}))
            .send()
    };
    assert_eq!(verify(&client, &base).await.status(), StatusCode::OK);
    let answered = confirm(&client).await.unwrap();
    assert_eq!(answered.status(), StatusCode::OK);
    let answer: Value = answered.json().await.unwrap();
    assert_eq!(answer["status"], "no_match", "{answer}");
    for refused in [
        confirm(&client).await.unwrap(),
        verify(&client, &base).await,
    ] {
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(refused.headers().contains_key("retry-after"));
    }
}

/// Without the host's key of the check codes, the confirmation documents' 진위확인 is not
/// offered: `501`, not the client's fault.
#[tokio::test]
async fn without_a_key_confirmations_are_not_offered() {
    let base = support::serve(api().verification_rate(None).router()).await;
    let response = Client::new()
        .post(format!("{base}/v1/confirmations/verify"))
        .json(&json!({"number": "HRD-20260601093000-00007", "code": "7K2M-9QXA-4RTV-0HJP"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_IMPLEMENTED);
    let problem: Value = response.json().await.unwrap();
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("#confirmations-not-offered"),
        "{problem}"
    );
}
