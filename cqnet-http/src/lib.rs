//! # cqnet-http
//!
//! The HTTP face of cqnet: an axum router over the rules and over the async services of a
//! [`Cqnet`] on any store, for the systems that reach the library only over HTTP.
//!
//! - **Stateless** (public): `GET /v1/rule-packs`, `GET
//!   /v1/rule-packs/{id}/parameters/{*path}?date=YYYY-MM-DD` (the dated value in force with its
//!   legal reference and provenance), and `POST /v1/evaluate/{kind}?as_of=YYYY-MM-DD` for every
//!   case kind (the body is a case's `input`, the answer every field of its `expect`, with the
//!   reasons in full).
//! - **The training service** (an actor required): enrollment (입과), attendance (출결),
//!   internal evaluations (내부평가), the completion decision (이수).
//! - **Errors** are problem documents (`application/problem+json`, RFC 9457, [`Problem`]): a
//!   business "no" is a `200` decision with reasons, a refusal by the access rules `403` with
//!   its reasons, a bad field `422` with its JSON pointer, a retryable store fault `503`.
//!
//! Who is calling is the host's to say, through an [`ActorSource`]; the core's access rules
//! decide what that actor may do. `docs/http.md` lists every route and error.
//!
//! # Example
//! ```
//! use cqnet_adapters::memory::MemoryStore;
//! use cqnet_http::{Api, BearerTokens};
//! use cqnet_store::Cqnet;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let api = Api::new(Cqnet::builder(MemoryStore::new().into_async()).build(), BearerTokens::default());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! println!("serving on http://{}", listener.local_addr()?);
//! # drop(listener);
//! # let _ = api.router();
//! // axum::serve(listener, api.router()).await
//! # Ok(())
//! # }
//! ```

mod actor;
mod body;
mod certificate;
mod evaluate;
mod exam;
mod problem;
mod rules;
mod training;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use cqnet_store::certificate::AsyncCertificateStore;
use cqnet_store::exam::{ApplicationId, AsyncExamStore, RoundId};
use cqnet_store::training::EnrollmentId;
use cqnet_store::{Actor, AsyncStore, Clock, Cqnet, IdempotencyKey};
use serde_json::Value;

pub use actor::{ActorSource, BearerTokens};
pub use problem::{PROBLEM_TYPES, Problem};

use actor::{Caller, HasActors, MaybeCaller};
use body::Wire;

/// The largest request body taken by default: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1 << 20;
/// How long a request may take by default before it is answered `408`: 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The front door of the HTTP face: a [`Cqnet`], who is calling, and the limits; [`Api::router`]
/// gives the axum router.
///
/// # Example
/// ```
/// use cqnet_http::{Api, BearerTokens};
/// use cqnet_store::Cqnet;
/// use cqnet_adapters::memory::MemoryStore;
///
/// let store = MemoryStore::new().into_async();
/// let router: axum::Router = Api::new(Cqnet::builder(store).build(), BearerTokens::default())
///     .body_limit(64 * 1024)
///     .timeout(std::time::Duration::from_secs(5))
///     .router();
/// # let _ = router;
/// ```
pub struct Api<S, C> {
    shared: Shared<S, C>,
    body_limit: usize,
    timeout: Duration,
}

/// What every handler reads: the services' front door and the host's actor source.
pub(crate) struct Shared<S, C> {
    pub(crate) cqnet: Arc<Cqnet<S, C>>,
    actors: Box<dyn ActorSource>,
}

impl<S, C> HasActors for Arc<Shared<S, C>> {
    fn actor_of(&self, parts: &Parts) -> Option<Actor> {
        self.actors.actor(parts)
    }
}

impl<S, C> Api<S, C>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore + 'static,
    C: Clock + Clone + 'static,
{
    /// The HTTP face of `cqnet` (owned, or shared with the host through an `Arc`), asking
    /// `actors` who is calling, with the default limits
    /// ([`DEFAULT_BODY_LIMIT`], [`DEFAULT_TIMEOUT`]).
    ///
    /// # Example
    /// ```
    /// # let store = cqnet_adapters::memory::MemoryStore::new().into_async();
    /// let api = cqnet_http::Api::new(cqnet_store::Cqnet::builder(store).build(), cqnet_http::BearerTokens::default());
    /// # let _ = api;
    /// ```
    pub fn new(cqnet: impl Into<Arc<Cqnet<S, C>>>, actors: impl ActorSource) -> Self {
        Api {
            shared: Shared {
                cqnet: cqnet.into(),
                actors: Box::new(actors),
            },
            body_limit: DEFAULT_BODY_LIMIT,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The largest request body, in bytes; a larger one is answered `413`.
    ///
    /// # Example
    /// ```
    /// # let store = cqnet_adapters::memory::MemoryStore::new().into_async();
    /// let api = cqnet_http::Api::new(cqnet_store::Cqnet::builder(store).build(), cqnet_http::BearerTokens::default())
    ///     .body_limit(16 * 1024);
    /// # let _ = api;
    /// ```
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// How long a request may take; a slower one is answered `408`.
    ///
    /// # Example
    /// ```
    /// # let store = cqnet_adapters::memory::MemoryStore::new().into_async();
    /// let api = cqnet_http::Api::new(cqnet_store::Cqnet::builder(store).build(), cqnet_http::BearerTokens::default())
    ///     .timeout(std::time::Duration::from_secs(10));
    /// # let _ = api;
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The axum router of every route, with the body limit and the timeout.
    ///
    /// # Example
    /// ```
    /// # let store = cqnet_adapters::memory::MemoryStore::new().into_async();
    /// let router = cqnet_http::Api::new(cqnet_store::Cqnet::builder(store).build(), cqnet_http::BearerTokens::default())
    ///     .router();
    /// # let _: axum::Router = router;
    /// ```
    pub fn router(self) -> Router {
        let shared = Arc::new(self.shared);
        let timeout = self.timeout;
        Router::new()
            .route("/v1/rule-packs", get(rule_packs::<S, C>))
            .route(
                "/v1/rule-packs/{id}/parameters/{*path}",
                get(parameter::<S, C>),
            )
            .route("/v1/evaluate/{kind}", post(evaluate::<S, C>))
            .route("/v1/enrollments", post(enroll::<S, C>))
            .route(
                "/v1/enrollments/{id}/attendance",
                post(record_attendance::<S, C>),
            )
            .route(
                "/v1/enrollments/{id}/evaluations",
                post(record_evaluations::<S, C>),
            )
            .route("/v1/enrollments/{id}/completion", get(decide::<S, C>))
            .route("/v1/rounds", post(publish_round::<S, C>))
            .route("/v1/rounds/{id}/pass-list", get(pass_list::<S, C>))
            .route("/v1/applications", post(apply::<S, C>))
            .route("/v1/applications/{id}/result", post(enter_result::<S, C>))
            .route(
                "/v1/applications/{id}/result/finalise",
                post(finalise_result::<S, C>),
            )
            .route("/v1/applications/{id}/certificate", post(issue::<S, C>))
            .route("/v1/certificates/verify", post(verify::<S, C>))
            .fallback(not_found)
            .with_state(shared)
            .layer(DefaultBodyLimit::max(self.body_limit))
            .layer(axum::middleware::from_fn(
                move |request: axum::extract::Request, next: axum::middleware::Next| {
                    within(timeout, request, next)
                },
            ))
    }
}

type Ctx<S, C> = State<Arc<Shared<S, C>>>;

/// Answers a request that takes longer than `timeout` with a `408` problem document (what was
/// under way is dropped; a command already handed to the store still completes or not as one).
async fn within(
    timeout: Duration,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "timed-out",
            format!("the request took longer than {} ms", timeout.as_millis()),
        )
        .into_response(),
    }
}

/// Every store the router runs on: the three aggregates' async traits.
trait Store: AsyncStore + AsyncExamStore + AsyncCertificateStore {}
impl<S: AsyncStore + AsyncExamStore + AsyncCertificateStore> Store for S {}

/// A value as JSON for an answer.
pub(crate) fn to_json(value: &impl serde::Serialize) -> Result<Value, Problem> {
    serde_json::to_value(value).map_err(|e| {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "unserialisable",
            e.to_string(),
        )
    })
}

fn application_id(text: &str) -> Result<ApplicationId, Problem> {
    text.parse().map_err(|e: cqnet_core::InputError| {
        Problem::new(StatusCode::NOT_FOUND, "not-found", e.to_string())
    })
}

/// Who reads a public route without naming themselves: the access rules see the public.
fn anonymous() -> Actor {
    // `Role::System` is the public to the access rules; a fixed login keeps the audit readable.
    Actor::new("anonymous", cqnet_store::Role::System).unwrap_or_else(|_| unreachable!())
}

async fn not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "no-such-route",
        "no route answers this path",
    )
}

/// The `Idempotency-Key` of a command: required, one to 128 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<IdempotencyKey, Problem> {
    let text = headers
        .get("idempotency-key")
        .ok_or_else(|| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "idempotency-key-missing",
                "a command needs an Idempotency-Key header",
            )
        })?
        .to_str()
        .map_err(|e| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "idempotency-key-invalid",
                e.to_string(),
            )
        })?;
    // An RFC 8941 string may come quoted; the key is what is inside.
    let text = text.trim().trim_matches('"');
    IdempotencyKey::new(text).map_err(|e| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "idempotency-key-invalid",
            e.to_string(),
        )
    })
}

fn enrollment_id(text: &str) -> Result<EnrollmentId, Problem> {
    text.parse().map_err(|e: cqnet_core::InputError| {
        Problem::new(StatusCode::NOT_FOUND, "not-found", e.to_string())
    })
}

async fn rule_packs<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
) -> impl axum::response::IntoResponse {
    rules::list(shared.cqnet.rules())
}

async fn parameter<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    path: Result<Path<(String, String)>, axum::extract::rejection::PathRejection>,
    query: Result<Query<rules::OnDate>, axum::extract::rejection::QueryRejection>,
) -> Result<axum::Json<impl serde::Serialize>, Problem> {
    let path =
        path.map_err(|e| Problem::new(StatusCode::NOT_FOUND, "no-such-route", e.body_text()))?;
    let query = query.map_err(|e| query_problem(&e.body_text(), "/date"))?;
    rules::parameter(shared.cqnet.rules(), path, query)
}

fn query_problem(detail: &str, pointer: &str) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, "invalid-query", detail).at(pointer)
}

async fn evaluate<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Path(kind): Path<String>,
    query: Result<Query<evaluate::AsOf>, axum::extract::rejection::QueryRejection>,
    Wire(input): Wire<Value>,
) -> Result<axum::Json<Value>, Problem> {
    let query = query.map_err(|e| query_problem(&e.body_text(), "/as_of"))?;
    evaluate::evaluate(shared.cqnet.rules(), Path(kind), query, &input)
}

async fn enroll<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    headers: HeaderMap,
    Wire(body): Wire<training::EnrollBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    let key = idempotency_key(&headers)?;
    training::enroll(&shared, &actor, &key, body).await
}

async fn record_attendance<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    Wire(body): Wire<training::AttendanceBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    let key = idempotency_key(&headers)?;
    training::record_attendance(&shared, &actor, &key, enrollment_id(&id)?, body).await
}

async fn record_evaluations<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    Wire(body): Wire<training::EvaluationsBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    let key = idempotency_key(&headers)?;
    training::record_evaluations(&shared, &actor, &key, enrollment_id(&id)?, body).await
}

async fn decide<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, Problem> {
    training::decide(&shared, &actor, enrollment_id(&id)?).await
}

async fn publish_round<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Wire(body): Wire<exam::RoundBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    exam::publish_round(&shared, &actor, body).await
}

async fn apply<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    headers: HeaderMap,
    Wire(body): Wire<exam::ApplyBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    let key = idempotency_key(&headers)?;
    exam::apply(&shared, &actor, &key, body).await
}

async fn enter_result<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    Wire(body): Wire<exam::ResultBody>,
) -> Result<axum::Json<Value>, Problem> {
    exam::enter_result(&shared, &actor, application_id(&id)?, body).await
}

async fn finalise_result<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    Wire(body): Wire<exam::FinaliseBody>,
) -> Result<axum::Json<Value>, Problem> {
    exam::finalise_result(&shared, &actor, application_id(&id)?, body).await
}

async fn pass_list<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    MaybeCaller(actor): MaybeCaller,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, Problem> {
    let round: RoundId = id.parse().map_err(|e: cqnet_core::InputError| {
        Problem::new(StatusCode::NOT_FOUND, "not-found", e.to_string())
    })?;
    exam::pass_list(&shared, &actor.unwrap_or_else(anonymous), round).await
}

async fn issue<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    Wire(body): Wire<certificate::IssueBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    let key = idempotency_key(&headers)?;
    certificate::issue(&shared, &actor, &key, application_id(&id)?, body).await
}

async fn verify<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Wire(body): Wire<certificate::VerifyBody>,
) -> Result<axum::Json<Value>, Problem> {
    certificate::verify(&shared, body).await
}
