//! One request of a test: a method, a path, an optional bearer token, `Idempotency-Key` and
//! JSON body; its answer checked against the OpenAPI document (and, for an error, its content
//! type a problem document's).

use reqwest::{Client, Method, StatusCode};
use serde_json::Value;

/// Sends the request to the server at `base` and gives the status and the JSON body.
pub async fn send(
    base: &str,
    method: Method,
    path: &str,
    token: Option<&str>,
    key: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let mut request = Client::new().request(method.clone(), format!("{base}{path}"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = response.json().await.unwrap();
    if !status.is_success() {
        assert_eq!(content_type, "application/problem+json", "{body}");
    }
    super::documented::check_answer(method.as_str(), path, status.as_u16(), &content_type, &body);
    (status, body)
}
