//! The problem responses of the document, one per status: each a problem document
//! (`application/problem+json`, RFC 9457) with the kinds its `type` may name and an example.

use std::collections::BTreeMap;

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Ref, Type};
use utoipa::openapi::{ContentBuilder, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, ToResponse};

use crate::PROBLEM_TYPES;

/// The content type of every error.
pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

/// A problem response: its description, the kind and detail of its example, and whether it
/// carries `Retry-After`.
fn problem(
    description: &str,
    status: u16,
    kind: &str,
    detail: &str,
    retry_after: bool,
) -> RefOr<Response> {
    let title = axum::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    let example = serde_json::json!({
        "type": format!("{PROBLEM_TYPES}#{kind}"),
        "status": status,
        "title": title,
        "detail": detail,
    });
    let content = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("Problem")))
        .example(Some(example))
        .build();
    let mut response = ResponseBuilder::new()
        .description(description)
        .content(PROBLEM_JSON, content);
    if retry_after {
        response = response.header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(
                    ObjectBuilder::new()
                        .schema_type(Type::Integer)
                        .minimum(Some(1)),
                )
                .description(Some("The seconds to wait before asking again"))
                .build(),
        );
    }
    response.into()
}

/// One problem response per status: its type, its component name, and how it is built.
macro_rules! problem_responses {
    ($($name:ident => $status:literal, $kind:literal, $detail:literal, $retry:literal, $description:literal;)*) => {
        $(
            #[doc = $description]
            pub(crate) struct $name;

            impl<'r> ToResponse<'r> for $name {
                fn response() -> (&'r str, RefOr<Response>) {
                    (
                        stringify!($name),
                        problem($description, $status, $kind, $detail, $retry),
                    )
                }
            }
        )*
    };
}

problem_responses! {
    BadRequest => 400, "malformed-json", "EOF while parsing an object at line 1 column 12", false,
        "`malformed-json` (the body is not JSON), `invalid-query` (a query parameter; `pointer` names it), `idempotency-key-missing`, `idempotency-key-invalid`, `body-unreadable`";
    Unauthorized => 401, "no-actor", "this route acts for someone: the request names no actor the host knows", false,
        "`no-actor`: the route acts for someone, and the request names no actor the host knows";
    Forbidden => 403, "refused", "refused by the access rules", false,
        "`refused`: the access rules refuse the actor; `reasons` says why, each with its legal basis";
    NotFound => 404, "not-found", "enrollment 00000000-0000-0000-0000-000000000009 not found", false,
        "`not-found` (no such record, or an id that is not one), `no-such-route`, `unknown-kind`, `unknown-rule-pack`, `unknown-parameter`, `rules-not-in-force` (a parameter with no value on the date)";
    RequestTimeout => 408, "timed-out", "the request took longer than 30000 ms", false,
        "`timed-out`: the request took longer than the timeout; a command handed to the store completes or not as a whole (retry it with the same `Idempotency-Key`)";
    Conflict => 409, "conflict", "the application has a result", false,
        "`already-exists`, `version-conflict`, `no-seat-left`, `conflict` (its `code` names the store's kind: `has_result`, `numbers_exhausted`, …), `idempotency-key-in-flight` (a request of the same actor under the same `Idempotency-Key` is still running: send it again once that one is answered)";
    PayloadTooLarge => 413, "body-too-large", "length limit exceeded", false,
        "`body-too-large`: the body is over the limit";
    UnsupportedMediaType => 415, "not-json", "the body must be sent as Content-Type: application/json", false,
        "`not-json`: a body sent as anything but `application/json`";
    UnprocessableEntity => 422, "invalid-field", "unknown field `colour`", false,
        "`invalid-field` (`pointer` names it), `invalid-input`, `malformed-input`, `invalid-command`, `above-schedule`, `above-daily-limit` (with `reasons`), `idempotency-key-reused`, `rules-not-in-force`, `invalid-parameter` (a query parameter's value refused: a page size of 0 or above the maximum, a search text, a cursor; `pointer` names it, `code` the check)";
    TooManyRequests => 429, "rate-limited", "too many requests from this address: at most 20 at once, then one every 3000 ms", true,
        "`rate-limited`: this client address asked more often than the rate allows; `Retry-After` says when a request is allowed again";
    InternalServerError => 500, "store-fault", "a stored record is corrupt", false,
        "`store-fault`, `service-error`, `unserialisable`, `unanswered`: a corrupt record, or a fault of the server itself";
    NotImplemented => 501, "confirmations-not-offered", "this server issues and checks no confirmation document: the host gave it no key of check codes", false,
        "`confirmations-not-offered` (the host gave the server no key of the confirmation documents' check codes, so it issues and checks none), `credentials-not-offered` (no issuer and key to sign exported credentials)";
    ServiceUnavailable => 503, "store-unavailable", "the store is busy", true,
        "`store-unavailable` (retry with the same `Idempotency-Key`; `code` says how it failed: `contention`, `connection`, …) or `overloaded` (the server answers as many requests as it takes at once; `Retry-After` says when to ask again)";
}

/// The problem responses named by status, each a reference to its component.
fn referenced(problems: &[(&str, &str)]) -> BTreeMap<String, RefOr<Response>> {
    problems
        .iter()
        .map(|(status, name)| {
            (
                status.to_string(),
                RefOr::Ref(Ref::from_response_name(*name)),
            )
        })
        .collect()
}

/// What every route may answer whatever it does: a timeout, a fault of the server, an
/// unavailable store or an overloaded server.
pub(crate) struct ServerProblems;

/// The statuses of [`ServerProblems`].
const SERVER: [(&str, &str); 3] = [
    ("408", "RequestTimeout"),
    ("500", "InternalServerError"),
    ("503", "ServiceUnavailable"),
];

impl IntoResponses for ServerProblems {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        referenced(&SERVER)
    }
}

/// What a command with an actor and a JSON body may answer besides its success: every client
/// error a command meets, and [`ServerProblems`].
pub(crate) struct CommandProblems;

impl IntoResponses for CommandProblems {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let mut all = referenced(&[
            ("400", "BadRequest"),
            ("401", "Unauthorized"),
            ("403", "Forbidden"),
            ("404", "NotFound"),
            ("409", "Conflict"),
            ("413", "PayloadTooLarge"),
            ("415", "UnsupportedMediaType"),
            ("422", "UnprocessableEntity"),
        ]);
        all.extend(referenced(&SERVER));
        all
    }
}
