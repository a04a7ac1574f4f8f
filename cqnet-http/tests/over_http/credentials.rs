//! The export of a certificate as a signed credential over real HTTP (feature `credentials`),
//! on the memory and SQLite stores: the holder's credential verifies offline with the issuer's
//! key; another learner is refused; a document superseded by a reissue is not exported.

#![cfg(feature = "credentials")]
use crate::support;

use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_core::credential::{Issuer, SigningKey, Verdict, verify_credential};
use cqnet_http::{Api, BearerTokens};
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::exams::{application, applied, completed, passed, post, published};

async fn get(base: &str, path: &str, token: &str) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = response.json().await.unwrap();
    support::documented::check_answer("GET", path, status.as_u16(), &content_type, &body);
    (status, body)
}

async fn exported<S>(store: S)
where
    S: crate::support::RoutedStore + 'static,
{
    let (cqnet, plain) = support::api_on(store).await;
    completed(&plain, &[3]).await;
    let round = published(&plain).await;
    applied(cqnet.clock(), &plain, &round, 3).await;
    passed(cqnet.clock(), &plain, 3).await;
    cqnet
        .clock()
        .set("2026-10-05T10:00:00+09:00".parse().unwrap());
    let issue = format!("/v1/applications/{}/certificate", application(3));
    let (status, certificate) = post(
        &plain,
        &issue,
        "t-agency",
        Some("issue-3"),
        &json!({"form": "certificate"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{certificate}");
    let management = certificate["management_number"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/v1/certificates/{management}/credential");

    // The router of the fixture was given no signer: the export is not offered.
    let (status, body) = get(&plain, &path, "t-learner-3").await;
    assert_eq!(status, StatusCode::NOT_IMPLEMENTED, "{body}");

    // A second router over the same services, with the host's issuer and key.
    let key = SigningKey::from_bytes(&[7; 32]);
    let tokens = BearerTokens::default()
        .with("t-agency", support::agency())
        .with("t-learner-3", support::learner_of(3))
        .with("t-learner-5", support::learner_of(5));
    let router = Api::new(cqnet.clone(), tokens)
        .credentials(Issuer::example(&key.verifying_key()), key.clone())
        .router();
    let base = support::serve(router).await;
    let (status, credential) = get(&base, &path, "t-learner-3").await;
    assert_eq!(status, StatusCode::OK, "{credential}");
    assert_eq!(
        verify_credential(&credential.to_string(), &key.verifying_key()),
        Verdict::Valid,
        "{credential}"
    );
    let other = SigningKey::from_bytes(&[8; 32]);
    assert_eq!(
        verify_credential(&credential.to_string(), &other.verifying_key()),
        Verdict::BadSignature,
        "another key did not sign it"
    );
    let (status, body) = get(&base, &path, "t-learner-5").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

    // Superseded by a reissue a week later: the old document is not exported, the new one is.
    cqnet
        .clock()
        .set("2026-10-12T10:00:00+09:00".parse().unwrap());
    let (status, second) = post(
        &base,
        &format!("/v1/certificates/{management}/reissue"),
        "t-agency",
        Some("r-1"),
        &json!({"reason": "damaged", "form": "card"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    let (status, body) = get(&base, &path, "t-learner-3").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let codes: Vec<&str> = body["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"certificate_superseded"), "{body}");
    let new = second["management_number"].as_str().unwrap();
    let (status, _) = get(
        &base,
        &format!("/v1/certificates/{new}/credential"),
        "t-learner-3",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exported_on_memory() {
    exported(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exported_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    exported(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}
