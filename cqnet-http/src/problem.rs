//! Errors as problem documents (`application/problem+json`, RFC 9457): a stable `type` per
//! kind of error, the status, a title, the detail, the JSON pointer of the offending field
//! where one is known, and the reasons of a refusal by the access rules.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cqnet_cases::EvaluateError;
use cqnet_core::Reason;
use cqnet_store::StoreError;
use cqnet_store::training::ServiceError;
use serde::Serialize;
use std::num::NonZeroU32;
use std::time::Duration;
use utoipa::ToSchema;

/// Where the problem types are described: each `type` is this address and `#` the kind's
/// name (`…/docs/http.md#invalid-field`).
pub const PROBLEM_TYPES: &str = "https://github.com/cqnet/cqnet/blob/main/docs/http.md";

/// A problem document: what every error of the HTTP face answers.
///
/// # Example
/// ```
/// use axum::http::StatusCode;
/// use cqnet_http::Problem;
///
/// let problem = Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-field", "hours: not a decimal")
///     .at("/facts/0/hours");
/// assert_eq!(problem.status(), StatusCode::UNPROCESSABLE_ENTITY);
/// assert!(problem.type_uri().ends_with("#invalid-field"));
/// assert_eq!(problem.pointer(), Some("/facts/0/hours"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    status: StatusCode,
    kind: &'static str,
    detail: String,
    pointer: Option<String>,
    code: Option<&'static str>,
    reasons: Vec<Reason>,
    // Seconds; 32 bits are 136 years and keep the problem small.
    retry_after: Option<NonZeroU32>,
}

/// A problem document (RFC 9457), as sent with `Content-Type: application/problem+json`.
#[derive(Serialize, ToSchema)]
#[schema(
    as = Problem,
    examples(json!({
        "type": "https://github.com/cqnet/cqnet/blob/main/docs/http.md#invalid-field",
        "status": 422,
        "title": "Unprocessable Entity",
        "detail": "decimals must be written as strings (\"87.5\") or whole numbers to stay exact at line 1 column 41",
        "pointer": "/facts/0/hours"
    }))
)]
pub(crate) struct ProblemJson<'a> {
    /// The kind of problem: `https://github.com/cqnet/cqnet/blob/main/docs/http.md#` and the
    /// kind's name (`invalid-field`, `refused`, `rate-limited`, …), each described there.
    #[serde(rename = "type")]
    #[schema(format = "uri")]
    type_uri: String,
    /// The HTTP status.
    #[schema(minimum = 400, maximum = 599)]
    status: u16,
    /// The status's reason phrase.
    title: &'static str,
    /// What went wrong, for a person.
    detail: &'a str,
    /// The JSON pointer (RFC 6901) of the offending field or query parameter, where one is
    /// known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pointer: Option<&'a str>,
    /// The store's kind of a `conflict` (`has_result`, `numbers_exhausted`, …) or a
    /// `store-unavailable` (`contention`, `connection`, …), so that a client acts on it
    /// without reading the detail.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, examples("has_result", "contention"))]
    code: Option<&'static str>,
    /// The reasons of a refusal (`refused`, `above-daily-limit`): each with its stable code,
    /// legal basis and message in Korean and English.
    #[serde(skip_serializing_if = "<[Reason]>::is_empty")]
    #[schema(value_type = Vec<crate::openapi::schemas::ReasonShape>)]
    reasons: &'a [Reason],
}

impl Problem {
    /// A problem of the given status and kind (the tail of its `type`), with its detail.
    ///
    /// # Example
    /// ```
    /// use axum::http::StatusCode;
    /// let p = cqnet_http::Problem::new(StatusCode::NOT_FOUND, "not-found", "enrollment 3 not found");
    /// assert_eq!(p.detail(), "enrollment 3 not found");
    /// ```
    pub fn new(status: StatusCode, kind: &'static str, detail: impl Into<String>) -> Self {
        Problem {
            status,
            kind,
            detail: detail.into(),
            pointer: None,
            code: None,
            reasons: Vec::new(),
            retry_after: None,
        }
    }

    /// A `422 invalid-field` problem: the value at `pointer` was refused by the domain's check.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::Score;
    /// let refused = Score::whole(101).unwrap_err();
    /// let p = cqnet_http::Problem::invalid_field("/facts/0/result/round/score", &refused);
    /// assert_eq!((p.status().as_u16(), p.pointer()), (422, Some("/facts/0/result/round/score")));
    /// ```
    pub fn invalid_field(pointer: &str, error: &impl std::fmt::Display) -> Self {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-field",
            error.to_string(),
        )
        .at(pointer)
    }

    /// Names the offending field by its JSON pointer (`/facts/0/hours`).
    ///
    /// # Example
    /// ```
    /// use axum::http::StatusCode;
    /// let p = cqnet_http::Problem::new(StatusCode::BAD_REQUEST, "malformed-json", "x").at("/name");
    /// assert_eq!(p.pointer(), Some("/name"));
    /// ```
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Names the store's kind of the failure (`ConflictKind::code`, `UnavailableKind::code`),
    /// given as the problem's `code` member so that a client acts on it without reading the
    /// detail.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{ConflictKind, StoreError};
    /// let p = cqnet_http::Problem::from(StoreError::conflict(ConflictKind::HasResult, "a-1 has a result"));
    /// assert_eq!(p.code(), Some("has_result"));
    /// ```
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    /// Tells the client when to ask again: the `Retry-After` header, in whole seconds rounded
    /// up (at least 1).
    ///
    /// # Example
    /// ```
    /// use std::time::Duration;
    /// use axum::http::StatusCode;
    /// let p = cqnet_http::Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", "slow down")
    ///     .with_retry_after(Duration::from_millis(2_100));
    /// assert_eq!(p.retry_after(), Some(3));
    /// ```
    pub fn with_retry_after(mut self, wait: Duration) -> Self {
        let seconds = wait
            .as_secs()
            .saturating_add(u64::from(wait.subsec_nanos() > 0));
        let seconds = u32::try_from(seconds).unwrap_or(u32::MAX);
        self.retry_after = Some(NonZeroU32::new(seconds).unwrap_or(NonZeroU32::MIN));
        self
    }

    /// The seconds of the `Retry-After` header, where the problem has one (see
    /// [`Problem::with_retry_after`]).
    ///
    /// # Example
    /// ```
    /// use axum::http::StatusCode;
    /// assert_eq!(cqnet_http::Problem::new(StatusCode::NOT_FOUND, "not-found", "").retry_after(), None);
    /// ```
    pub fn retry_after(&self) -> Option<u64> {
        self.retry_after.map(|seconds| u64::from(seconds.get()))
    }

    /// The store's kind of the failure, where one is known (see [`Problem::with_code`]).
    ///
    /// # Example
    /// ```
    /// use axum::http::StatusCode;
    /// assert_eq!(cqnet_http::Problem::new(StatusCode::NOT_FOUND, "not-found", "").code(), None);
    /// ```
    pub fn code(&self) -> Option<&str> {
        self.code
    }

    /// The HTTP status.
    ///
    /// # Example
    /// ```
    /// use axum::http::StatusCode;
    /// assert_eq!(cqnet_http::Problem::new(StatusCode::FORBIDDEN, "refused", "").status(), StatusCode::FORBIDDEN);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The problem's `type`: [`PROBLEM_TYPES`], `#`, and the kind.
    ///
    /// # Example
    /// ```
    /// use axum::http::StatusCode;
    /// let p = cqnet_http::Problem::new(StatusCode::NOT_FOUND, "not-found", "");
    /// assert_eq!(p.type_uri(), format!("{}#not-found", cqnet_http::PROBLEM_TYPES));
    /// ```
    pub fn type_uri(&self) -> String {
        format!("{PROBLEM_TYPES}#{}", self.kind)
    }

    /// What went wrong, for a person.
    ///
    /// # Example
    /// ```
    /// use axum::http::StatusCode;
    /// assert_eq!(cqnet_http::Problem::new(StatusCode::NOT_FOUND, "not-found", "gone").detail(), "gone");
    /// ```
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The JSON pointer of the offending field, where one is known.
    ///
    /// # Example
    /// ```
    /// use axum::http::StatusCode;
    /// assert_eq!(cqnet_http::Problem::new(StatusCode::NOT_FOUND, "not-found", "").pointer(), None);
    /// ```
    pub fn pointer(&self) -> Option<&str> {
        self.pointer.as_deref()
    }

    /// The problem document (RFC 9457) as it is sent.
    pub(crate) fn json(&self) -> ProblemJson<'_> {
        ProblemJson {
            type_uri: self.type_uri(),
            status: self.status.as_u16(),
            title: self.title(),
            detail: &self.detail,
            pointer: self.pointer.as_deref(),
            code: self.code,
            reasons: &self.reasons,
        }
    }

    fn title(&self) -> &'static str {
        self.status.canonical_reason().unwrap_or("Error")
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = self.json();
        let text = serde_json::to_vec(&body).unwrap_or_else(|_| b"{}".to_vec());
        let mut response = (self.status, text).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.get()));
        }
        response
    }
}

impl From<ServiceError> for Problem {
    fn from(error: ServiceError) -> Self {
        let detail = error.to_string();
        match error {
            ServiceError::Refused { reasons } => Problem {
                reasons,
                ..Problem::new(StatusCode::FORBIDDEN, "refused", detail)
            },
            ServiceError::Invalid { kind, .. } => {
                Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-command", detail)
                    .with_code(kind.code())
            }
            ServiceError::Input(_) => {
                Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-input", detail)
            }
            ServiceError::Rules(_) => Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "rules-not-in-force",
                detail,
            ),
            ServiceError::Store(store) => store.into(),
            _ => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "service-error", detail),
        }
    }
}

impl From<StoreError> for Problem {
    fn from(error: StoreError) -> Self {
        let detail = error.to_string();
        let (status, kind) = match &error {
            StoreError::NotFound { .. } => (StatusCode::NOT_FOUND, "not-found"),
            StoreError::AlreadyExists { .. } => (StatusCode::CONFLICT, "already-exists"),
            StoreError::VersionConflict { .. } => (StatusCode::CONFLICT, "version-conflict"),
            StoreError::IdempotencyConflict { .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, "idempotency-key-reused")
            }
            StoreError::CourseFull { .. } | StoreError::VenueFull { .. } => {
                (StatusCode::CONFLICT, "no-seat-left")
            }
            StoreError::AboveSchedule { .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, "above-schedule")
            }
            StoreError::AboveDailyLimit { .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, "above-daily-limit")
            }
            StoreError::Conflict { .. } => (StatusCode::CONFLICT, "conflict"),
            e if e.is_retryable() => (StatusCode::SERVICE_UNAVAILABLE, "store-unavailable"),
            _ => (StatusCode::INTERNAL_SERVER_ERROR, "store-fault"),
        };
        let problem = Problem::new(status, kind, detail);
        match error {
            StoreError::Conflict { kind, .. } => problem.with_code(kind.code()),
            StoreError::Unavailable { kind, .. } => problem.with_code(kind.code()),
            StoreError::AboveDailyLimit { reasons, .. } => Problem { reasons, ..problem },
            _ => problem,
        }
    }
}

impl From<EvaluateError> for Problem {
    fn from(error: EvaluateError) -> Self {
        let status = match error {
            EvaluateError::UnknownKind(_) => StatusCode::NOT_FOUND,
            EvaluateError::Unanswered(_) => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        let problem = Problem::new(status, error.slug(), error.detail());
        match error.pointer() {
            Some(pointer) => problem.at(pointer),
            None => problem,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use cqnet_store::{ConflictKind, UnavailableKind};

    /// The JSON body a problem answers with.
    fn body(problem: Problem) -> serde_json::Value {
        serde_json::to_value(problem.json()).unwrap()
    }

    #[test]
    fn a_wait_is_sent_as_retry_after_in_whole_seconds_rounded_up() {
        let response = Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", "wait")
            .with_retry_after(Duration::from_millis(1_500))
            .into_response();
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
        let short = Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", "wait")
            .with_retry_after(Duration::from_millis(1));
        assert_eq!(short.retry_after(), Some(1), "never 0: that would say now");
        let none = Problem::new(StatusCode::NOT_FOUND, "not-found", "").into_response();
        assert!(!none.headers().contains_key(header::RETRY_AFTER));
    }

    #[test]
    fn a_store_error_names_its_kind_in_the_code_member() {
        for kind in [ConflictKind::HasResult, ConflictKind::NumbersExhausted] {
            let b = body(StoreError::conflict(kind, "x").into());
            assert_eq!(
                (b["status"].as_u64(), b["code"].as_str()),
                (Some(409), Some(kind.code()))
            );
        }
        let b = body(StoreError::unavailable(UnavailableKind::Contention, "busy").into());
        assert_eq!(b["status"].as_u64(), Some(503));
        assert_eq!(b["code"].as_str(), Some("contention"));
        let b = body(
            StoreError::NotFound {
                what: "course",
                key: "c".into(),
            }
            .into(),
        );
        assert!(b.get("code").is_none(), "{b}");
    }

    #[test]
    fn an_invalid_command_names_its_kind_in_the_code_member() {
        use cqnet_store::training::{InvalidKind, ServiceError};
        for kind in [InvalidKind::DayOutsideCourse, InvalidKind::NoMarks] {
            let b = body(ServiceError::invalid(kind, "x").into());
            assert_eq!(
                (b["status"].as_u64(), b["code"].as_str()),
                (Some(422), Some(kind.code()))
            );
        }
    }

    #[test]
    fn a_day_above_the_limit_is_unprocessable_with_its_reasons() {
        let day = "2026-03-03".parse().unwrap();
        let rules = cqnet_core::rules::RulePack::embedded()
            .rules_at(day)
            .unwrap();
        let limit = rules.course_based.daily_max_hours.value;
        let a = |position, hours| cqnet_core::ledger::DayAttendance {
            position,
            day,
            hours,
            corrects: None,
        };
        let kept = cqnet_core::ledger::DailyHours::of(&[
            a(1, limit),
            a(2, cqnet_core::Hours::whole(1).unwrap()),
        ]);
        let reasons = cqnet_core::ledger::check_daily_hours(
            &kept,
            day,
            cqnet_core::Track::CourseBased,
            &rules,
        );
        assert_eq!(reasons.len(), 1);
        let b = body(
            StoreError::AboveDailyLimit {
                enrollment: "e-1".into(),
                reasons,
            }
            .into(),
        );
        assert_eq!(b["status"].as_u64(), Some(422));
        assert_eq!(
            b["reasons"][0]["code"].as_str(),
            Some("daily_hours_exceeded")
        );
    }
}
