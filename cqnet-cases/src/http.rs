//! The runner over HTTP: each case posted to a cqnet server's `POST /v1/evaluate/{kind}`.

use std::time::Duration;

use chrono::NaiveDate;
use serde_json::Value;

use crate::{EvaluateError, Evaluator};

/// A cqnet HTTP server as an [`Evaluator`]: a case's `input` is the body of `POST
/// {base}/v1/evaluate/{kind}?as_of=DATE`, a `200` its answer, and a problem document
/// (`application/problem+json`) is read back into the [`EvaluateError`] its `type` names.
///
/// # Example
/// ```no_run
/// let server = cqnet_cases::HttpEvaluator::new("http://127.0.0.1:8080")?;
/// let report = cqnet_cases::run_paths_with(&["cases"], &server);
/// println!("{} passed, {} failed", report.passed, report.failed);
/// # Ok::<(), cqnet_cases::EvaluateError>(())
/// ```
#[derive(Debug, Clone)]
pub struct HttpEvaluator {
    base: String,
    client: reqwest::blocking::Client,
}

impl HttpEvaluator {
    /// An evaluator posting to the server at `base` (`http://127.0.0.1:8080`), with a
    /// 30-second timeout per case.
    ///
    /// # Errors
    /// [`EvaluateError::Unanswered`] when `base` is not an `http://` address or the client
    /// cannot be built.
    ///
    /// # Example
    /// ```
    /// assert!(cqnet_cases::HttpEvaluator::new("ftp://example").is_err());
    /// assert!(cqnet_cases::HttpEvaluator::new("http://127.0.0.1:8080/").is_ok());
    /// ```
    pub fn new(base: &str) -> Result<Self, EvaluateError> {
        if !base.starts_with("http://") {
            return Err(EvaluateError::Unanswered(format!(
                "{base:?} is not an http:// address"
            )));
        }
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| EvaluateError::Unanswered(e.to_string()))?;
        Ok(HttpEvaluator {
            base: base.trim_end_matches('/').to_owned(),
            client,
        })
    }
}

impl Evaluator for HttpEvaluator {
    fn evaluate(
        &self,
        kind: &str,
        as_of: Option<NaiveDate>,
        input: &Value,
    ) -> Result<Value, EvaluateError> {
        let mut request = self
            .client
            .post(format!("{}/v1/evaluate/{kind}", self.base))
            .json(input);
        if let Some(date) = as_of {
            request = request.query(&[("as_of", date.to_string())]);
        }
        let unanswered = |e: reqwest::Error| EvaluateError::Unanswered(e.to_string());
        let response = request.send().map_err(unanswered)?;
        let status = response.status();
        let body: Value = response.json().map_err(unanswered)?;
        if status.is_success() {
            return Ok(body);
        }
        // A problem document's type ends in the slug of the error (`…#invalid-input`).
        let slug = body["type"]
            .as_str()
            .and_then(|t| t.rsplit(['#', '/']).next())
            .unwrap_or("");
        let detail = body["detail"].as_str().unwrap_or_default().to_owned();
        let pointer = body["pointer"].as_str().map(str::to_owned);
        match EvaluateError::from_slug(slug, detail, pointer) {
            EvaluateError::Unanswered(_) => {
                Err(EvaluateError::Unanswered(format!("{status}: {body}")))
            }
            known => Err(known),
        }
    }
}
