//! # cqnet-http
//!
//! The HTTP face of cqnet: an axum router over the rules and over the async services of a
//! [`Cqnet`] on any store, for the systems that reach the library only over HTTP.
//!
//! - **Stateless** (public): `GET /v1/rule-packs`, `GET
//!   /v1/rule-packs/{id}/parameters/{*path}?date=YYYY-MM-DD` (the dated value in force with its
//!   legal reference and provenance), and `POST /v1/evaluate/{kind}?as_of=YYYY-MM-DD` for every
//!   case kind (the body is a case's `input`, the answer every field of its `expect`, with the
//!   reasons in full; `explain=true` adds the decision's trace).
//! - **Bulk** (public): `POST /v1/evaluate/batch` decides many candidates in one request (NDJSON
//!   of case inputs, or CSV of the population schema of cqnet-analytics) and streams one NDJSON
//!   line per candidate back, each the single route's answer or the problem of that line; `POST
//!   /v1/what-if` runs a what-if over a population as a job (`202` with its `Location`), read
//!   at `GET /v1/what-if/{job_id}`.
//! - **Set-up** (the agency): qualifications (종목), curriculum standards (편성기준),
//!   institutions and designated courses (과정 지정).
//! - **The training service** (an actor required): enrollment (입과), attendance (출결),
//!   internal evaluations (내부평가), the completion decision (이수).
//! - **Work-study** (일학습병행, an actor required): learning companies (학습기업) from their
//!   application through the on-site review to their designation, their field teachers
//!   (기업현장교사) with their training, and learning-work contracts (학습근로계약) with their
//!   OJT and Off-JT days, the extensions owed and their termination.
//! - **Exams and certificates**: rounds (외부평가 회차), applications (원서접수), payments,
//!   cancellations and their refunds (접수 취소, 환불), results and their finalising (결과 확정),
//!   a result and a candidate's attempts (응시 이력) as the caller may see them,
//!   the pass list (합격자 명단) in pages, issuing (자격증 발급), reissue (재발급), revocation
//!   (자격 취소), confirmation documents (자격확인서) and the public 진위확인 (authenticity
//!   check) of certificates and confirmation documents.
//! - **Search** (public): qualifications (종목정보), institutions (교육·훈련기관 찾기) and
//!   designated courses (맞춤형 과정검색) through the store's search, every filter a query
//!   parameter, pages by an opaque cursor.
//! - **Course designation** (과정 지정): the agency's yearly call (모집공고, public once
//!   opened), an institution's application (지정신청), the screenings (서류심사, 현장심사), the
//!   committee's deliberation, the designation, operation checks (운영 확인), hearings (청문),
//!   measures (시정명령, 지정취소) and the retention call, every rule decided by the core.
//! - **Statistics** (the agency): the funnel 학습근로자 → 외부평가 대상 → 접수 → 응시 → 합격 →
//!   자격취득 grouped by any of year, grade, qualification, institution type, gender and job
//!   field, and a round's score distribution, each counted by the store.
//! - **Errors** are problem documents (`application/problem+json`, RFC 9457, [`Problem`]): a
//!   business "no" is a `200` decision with reasons, a refusal by the access rules `403` with
//!   its reasons, a bad field `422` with its JSON pointer, a retryable store fault `503`.
//! - **The OpenAPI 3.1 document** of every route ([`openapi`]) is served at `GET
//!   /openapi.json`; a copy is kept as `cqnet-http/openapi.json`, and a test fails when the two
//!   differ (`CQNET_UPDATE_OPENAPI=1 cargo test -p cqnet-http --test over_http openapi` rewrites it).
//! - **Limits**: the body size ([`Api::body_limit`]), the time of a request
//!   ([`Api::timeout`]), how many requests run at once ([`Api::concurrency_limit`], `503
//!   overloaded` beyond) and how often one client address may ask the 진위확인
//!   ([`Api::verification_rate`], `429 rate-limited` with `Retry-After` beyond). Each request
//!   runs in a `tracing` span (`request`, with its method, path and status).
//!
//! Who is calling is the host's to say, through an [`ActorSource`]; the core's access rules
//! decide what that actor may do. `docs/http.md` lists every route and error. Serve the router
//! with the peer's address (`into_make_service_with_connect_info::<SocketAddr>()`) so that the
//! rate limit tells clients apart; without it every client shares one bucket.
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
//! // axum::serve(listener, api.router().into_make_service_with_connect_info::<std::net::SocketAddr>()).await
//! # Ok(())
//! # }
//! ```

mod actor;
mod batch;
mod body;
mod certificate;
mod contract;
mod contract_routes;
mod course_decision_routes;
mod designation;
mod designation_routes;
mod evaluate;
mod exam;
mod idempotency;
mod jobs;
mod learning_company;
mod learning_company_routes;
mod limits;
mod openapi;
mod paging;
mod problem;
mod programme;
mod programme_routes;
mod query;
mod routes;
mod rules;
mod search;
mod setup;
mod statistics;
mod streamed;
mod trace;
mod training;
mod what_if;
mod work_study;
mod work_study_list_routes;
mod work_study_routes;

use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::routing::{get, post, put};
use cqnet_store::certificate::AsyncCertificateStore;
use cqnet_store::designation::AsyncCourseDesignationStore;
use cqnet_store::exam::AsyncExamStore;
use cqnet_store::search::AsyncCourseSearch;
use cqnet_store::statistics::AsyncStatisticsStore;
use cqnet_store::work_study::AsyncWorkStudyStore;
use cqnet_store::{Actor, AsyncStore, Clock, Cqnet};
use serde_json::Value;

pub use actor::{ActorSource, BearerTokens};
pub use body::MAX_LIST_ITEMS;
pub use limits::{
    DEFAULT_CONCURRENCY_LIMIT, DEFAULT_VERIFICATION_RATE, InvalidLimit, MAX_TRACKED_CLIENTS,
    RateLimit,
};
pub use openapi::openapi;
pub use problem::{PROBLEM_TYPES, Problem};

use actor::HasActors;
use routes::*;

/// The largest request body taken by default: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1 << 20;
/// How long a request may take by default before it is answered `408`: 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest body of the bulk routes (`POST /v1/evaluate/batch`, `POST /v1/what-if`) by
/// default: 64 MiB, about 130,000 candidates of 12 competency units as CSV.
pub const DEFAULT_BATCH_BODY_LIMIT: usize = 64 << 20;
/// How many what-if jobs the router holds at once by default, running and finished together:
/// 16.
///
/// # Example
/// ```
/// assert_eq!(cqnet_http::DEFAULT_WHAT_IF_JOBS.get(), 16);
/// ```
pub const DEFAULT_WHAT_IF_JOBS: NonZeroUsize = match NonZeroUsize::new(16) {
    Some(n) => n,
    None => unreachable!(),
};
/// How long a finished what-if job is kept by default: 10 minutes.
pub const DEFAULT_WHAT_IF_RETENTION: Duration = Duration::from_secs(10 * 60);

/// The front door of the HTTP face: a [`Cqnet`], who is calling, and the limits; [`Api::router`]
/// gives the axum router.
///
/// # Example
/// ```
/// use std::num::NonZeroUsize;
/// use std::time::Duration;
/// use cqnet_http::{Api, BearerTokens, RateLimit};
/// use cqnet_store::Cqnet;
/// use cqnet_adapters::memory::MemoryStore;
///
/// let store = MemoryStore::new().into_async();
/// let router: axum::Router = Api::new(Cqnet::builder(store).build(), BearerTokens::default())
///     .body_limit(64 * 1024)
///     .timeout(Duration::from_secs(5))
///     .concurrency_limit(NonZeroUsize::new(64).expect("not zero"))
///     .verification_rate(Some(RateLimit::new(5, Duration::from_secs(12))?))
///     .router();
/// # let _ = router;
/// # Ok::<(), cqnet_http::InvalidLimit>(())
/// ```
pub struct Api<S, C> {
    shared: Shared<S, C>,
    body_limit: usize,
    batch_body_limit: usize,
    timeout: Duration,
    concurrency_limit: NonZeroUsize,
    verification_rate: Option<RateLimit>,
}

/// What every handler reads: the services' front door and the host's actor source.
pub(crate) struct Shared<S, C> {
    pub(crate) cqnet: Arc<Cqnet<S, C>>,
    actors: Box<dyn ActorSource>,
    running: Arc<idempotency::RunningKeys>,
    /// The what-if jobs, with their limits.
    pub(crate) what_if: Arc<jobs::Jobs<what_if::WhatIfResult>>,
    /// Who signs exported credentials, and with which key; none until the host gives them.
    #[cfg(feature = "credentials")]
    pub(crate) signer: Option<certificate::Signer>,
}

impl<S, C> idempotency::HasRunningKeys for Arc<Shared<S, C>> {
    fn running_keys(&self) -> &Arc<idempotency::RunningKeys> {
        &self.running
    }
}

impl<S, C> HasActors for Arc<Shared<S, C>> {
    fn actor_of(&self, parts: &Parts) -> Option<Actor> {
        self.actors.actor(parts)
    }
}

/// Every store the router serves: the async traits of every aggregate, the search and the
/// statistics, as the memory, SQLite and PostgreSQL stores of cqnet-adapters give them. A
/// host's own store is one when it implements them all.
///
/// # Example
/// ```
/// fn served<S: cqnet_http::ServedStore>(_: &S) {}
/// served(&cqnet_adapters::memory::MemoryStore::new().into_async());
/// ```
pub trait ServedStore:
    AsyncStore
    + AsyncExamStore
    + AsyncCertificateStore
    + AsyncCourseSearch
    + AsyncCourseDesignationStore
    + AsyncWorkStudyStore
    + AsyncStatisticsStore
{
}

impl<S> ServedStore for S where
    S: AsyncStore
        + AsyncExamStore
        + AsyncCertificateStore
        + AsyncCourseSearch
        + AsyncCourseDesignationStore
        + AsyncWorkStudyStore
        + AsyncStatisticsStore
{
}

impl<S, C> Api<S, C>
where
    S: ServedStore + 'static,
    C: Clock + Clone + 'static,
{
    /// The HTTP face of `cqnet` (owned, or shared with the host through an `Arc`), asking
    /// `actors` who is calling, with the default limits
    /// ([`DEFAULT_BODY_LIMIT`], [`DEFAULT_BATCH_BODY_LIMIT`], [`DEFAULT_TIMEOUT`],
    /// [`DEFAULT_CONCURRENCY_LIMIT`], [`DEFAULT_VERIFICATION_RATE`], [`DEFAULT_WHAT_IF_JOBS`],
    /// [`DEFAULT_WHAT_IF_RETENTION`]).
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
                running: Arc::default(),
                what_if: Arc::new(jobs::Jobs::new(
                    DEFAULT_WHAT_IF_JOBS,
                    DEFAULT_WHAT_IF_RETENTION,
                )),
                #[cfg(feature = "credentials")]
                signer: None,
            },
            body_limit: DEFAULT_BODY_LIMIT,
            batch_body_limit: DEFAULT_BATCH_BODY_LIMIT,
            timeout: DEFAULT_TIMEOUT,
            concurrency_limit: DEFAULT_CONCURRENCY_LIMIT,
            verification_rate: Some(DEFAULT_VERIFICATION_RATE),
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

    /// The largest body of the bulk routes, `POST /v1/evaluate/batch` and `POST /v1/what-if`,
    /// in bytes (every other route keeps [`Api::body_limit`]); a larger one is answered `413`.
    /// The body is held in memory while it is decided; the batch's answer is streamed.
    ///
    /// # Example
    /// ```
    /// # let store = cqnet_adapters::memory::MemoryStore::new().into_async();
    /// let api = cqnet_http::Api::new(cqnet_store::Cqnet::builder(store).build(), cqnet_http::BearerTokens::default())
    ///     .batch_body_limit(256 << 20);
    /// # let _ = api;
    /// ```
    pub fn batch_body_limit(mut self, bytes: usize) -> Self {
        self.batch_body_limit = bytes;
        self
    }

    /// How many what-if jobs the router holds at once, running and finished together, and how
    /// long a finished one is kept (then `GET /v1/what-if/{job_id}` answers `404
    /// unknown-job`). A job beyond is answered `503 what-if-jobs-full` with `Retry-After`,
    /// until the first finished job is forgotten.
    ///
    /// # Example
    /// ```
    /// use std::num::NonZeroUsize;
    /// use std::time::Duration;
    /// # let store = cqnet_adapters::memory::MemoryStore::new().into_async();
    /// let api = cqnet_http::Api::new(cqnet_store::Cqnet::builder(store).build(), cqnet_http::BearerTokens::default())
    ///     .what_if_jobs(NonZeroUsize::new(4).expect("not zero"), Duration::from_secs(60));
    /// # let _ = api;
    /// ```
    pub fn what_if_jobs(mut self, jobs: NonZeroUsize, retention: Duration) -> Self {
        self.shared.what_if = Arc::new(jobs::Jobs::new(jobs, retention));
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

    /// How many requests the router answers at once, every route together; one more is
    /// answered at once `503 overloaded` with `Retry-After`, not queued.
    ///
    /// # Example
    /// ```
    /// # let store = cqnet_adapters::memory::MemoryStore::new().into_async();
    /// let api = cqnet_http::Api::new(cqnet_store::Cqnet::builder(store).build(), cqnet_http::BearerTokens::default())
    ///     .concurrency_limit(std::num::NonZeroUsize::new(32).expect("not zero"));
    /// # let _ = api;
    /// ```
    pub fn concurrency_limit(mut self, requests: NonZeroUsize) -> Self {
        self.concurrency_limit = requests;
        self
    }

    /// How often one client address may ask the public 진위확인 (`POST
    /// /v1/certificates/verify`), so that qualification numbers cannot be tried in bulk; a
    /// request beyond the rate is answered `429 rate-limited` with `Retry-After`, before its
    /// body is read. `None` lifts the limit, for a host that limits in front of the router.
    ///
    /// # Example
    /// ```
    /// use std::time::Duration;
    /// # let store = cqnet_adapters::memory::MemoryStore::new().into_async();
    /// let api = cqnet_http::Api::new(cqnet_store::Cqnet::builder(store).build(), cqnet_http::BearerTokens::default())
    ///     .verification_rate(Some(cqnet_http::RateLimit::new(3, Duration::from_secs(20))?));
    /// # let _ = api;
    /// # Ok::<(), cqnet_http::InvalidLimit>(())
    /// ```
    pub fn verification_rate(mut self, limit: Option<RateLimit>) -> Self {
        self.verification_rate = limit;
        self
    }

    /// Who signs the credentials `GET /v1/certificates/{management_number}/credential` exports
    /// (Open Badges 3.0 in a W3C Verifiable Credential, `eddsa-jcs-2022`): the issuer, and its
    /// Ed25519 key from the host's key store. Without it that route answers `501
    /// credentials-not-offered`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::credential::{Issuer, SigningKey};
    /// # let store = cqnet_adapters::memory::MemoryStore::new().into_async();
    /// let key = SigningKey::from_bytes(&[7; 32]); // from the host's key store
    /// let api = cqnet_http::Api::new(cqnet_store::Cqnet::builder(store).build(), cqnet_http::BearerTokens::default())
    ///     .credentials(Issuer::example(&key.verifying_key()), key);
    /// # let _ = api;
    /// ```
    #[cfg(feature = "credentials")]
    #[cfg_attr(docsrs, doc(cfg(feature = "credentials")))]
    pub fn credentials(
        mut self,
        issuer: cqnet_core::credential::Issuer,
        key: cqnet_core::credential::SigningKey,
    ) -> Self {
        self.shared.signer = Some(certificate::Signer::new(issuer, key));
        self
    }

    /// The axum router of every route, with the limits, and a `tracing` span per request.
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
        let bulk = DefaultBodyLimit::max(self.batch_body_limit);
        let timeout = self.timeout;
        // One bucket per client address for both authenticity checks: asking the one does
        // not lend more tries at the other.
        let buckets = self
            .verification_rate
            .map(|limit| Arc::new(limits::Buckets::new(limit)));
        let limited = |route: axum::routing::MethodRouter<Arc<Shared<S, C>>>| match &buckets {
            Some(buckets) => {
                let buckets = buckets.clone();
                route.layer(axum::middleware::from_fn(
                    move |request: Request, next: Next| {
                        limits::rate_limited(buckets.clone(), request, next)
                    },
                ))
            }
            None => route,
        };
        let document = openapi_text();
        let permits = Arc::new(tokio::sync::Semaphore::new(self.concurrency_limit.get()));
        Router::new()
            .route("/openapi.json", get(move || served(document.clone())))
            .route("/v1/rule-packs", get(rule_packs::<S, C>))
            .route(
                "/v1/rule-packs/{id}/parameters/{*path}",
                get(parameter::<S, C>),
            )
            .route(
                "/v1/evaluate/batch",
                post(evaluate_batch::<S, C>).layer(bulk),
            )
            .route("/v1/evaluate/{kind}", post(evaluate::<S, C>))
            .route("/v1/what-if", post(start_what_if::<S, C>).layer(bulk))
            .route("/v1/what-if/{job_id}", get(what_if_job::<S, C>))
            .route("/v1/qualifications", post(register_qualification::<S, C>))
            .route(
                "/v1/qualifications/{code}/standards",
                post(publish_standard::<S, C>),
            )
            .route("/v1/institutions", post(register_institution::<S, C>))
            .route("/v1/courses", post(designate_course::<S, C>))
            .route("/v1/courses/{id}", put(update_course::<S, C>))
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
            .route("/v1/enrollments/{id}/attempts", get(attempts::<S, C>))
            .route("/v1/rounds", post(publish_round::<S, C>))
            .route("/v1/rounds/{id}/pass-list", get(pass_list::<S, C>))
            .route("/v1/applications", post(apply::<S, C>))
            .route(
                "/v1/applications/{id}/payment",
                post(record_payment::<S, C>),
            )
            .route("/v1/applications/{id}/cancellation", post(cancel::<S, C>))
            .route(
                "/v1/applications/{id}/result",
                get(view_result::<S, C>).post(enter_result::<S, C>),
            )
            .route(
                "/v1/applications/{id}/result/finalise",
                post(finalise_result::<S, C>),
            )
            .route("/v1/applications/{id}/certificate", post(issue::<S, C>))
            .route(
                "/v1/learning-contracts/{id}/certificate",
                post(issue_for_contract::<S, C>),
            )
            .route("/v1/certificates/verify", limited(post(verify::<S, C>)))
            .route(
                "/v1/certificates/{management_number}",
                get(view_certificate::<S, C>),
            )
            .route(
                "/v1/certificates/{management_number}/credential",
                get(export_credential::<S, C>),
            )
            .route(
                "/v1/certificates/{management_number}/reissue",
                post(reissue::<S, C>),
            )
            .route(
                "/v1/qualification-records/{number}/revocation",
                post(revoke::<S, C>),
            )
            .route(
                "/v1/qualification-records/{number}/confirmations",
                post(issue_confirmation::<S, C>),
            )
            .route(
                "/v1/confirmations/verify",
                limited(post(verify_confirmation::<S, C>)),
            )
            .route(
                "/v1/search/qualifications",
                get(search_qualifications::<S, C>),
            )
            .route("/v1/search/institutions", get(search_institutions::<S, C>))
            .route("/v1/search/courses", get(search_courses::<S, C>))
            .route("/v1/statistics/funnel", get(statistics_funnel::<S, C>))
            .route(
                "/v1/statistics/rounds/{id}/score-distribution",
                get(score_distribution::<S, C>),
            )
            .merge(designation_routes::routes::<S, C>())
            .merge(work_study_routes::routes::<S, C>())
            .merge(learning_company_routes::routes::<S, C>())
            .merge(contract_routes::routes::<S, C>())
            .merge(programme_routes::routes::<S, C>())
            .merge(work_study_list_routes::routes::<S, C>())
            .merge(course_decision_routes::routes::<S, C>())
            .fallback(not_found)
            .with_state(shared)
            .layer(DefaultBodyLimit::max(self.body_limit))
            // Outermost last: a request is traced, then takes a permit, then its time runs.
            .layer(axum::middleware::from_fn(
                move |request: Request, next: Next| limits::within(timeout, request, next),
            ))
            .layer(axum::middleware::from_fn(
                move |request: Request, next: Next| {
                    limits::within_concurrency(permits.clone(), request, next)
                },
            ))
            .layer(axum::middleware::from_fn(trace::traced))
    }
}

/// The document as served, made once per router.
fn openapi_text() -> Result<Bytes, Problem> {
    openapi().to_pretty_json().map(Bytes::from).map_err(|e| {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "unserialisable",
            e.to_string(),
        )
    })
}

async fn served(document: Result<Bytes, Problem>) -> axum::response::Response {
    match document {
        Ok(text) => openapi_json(text).await,
        Err(problem) => problem.into_response(),
    }
}

/// A stored record with its version as the answer's JSON: `201` for a command.
pub(crate) fn created(
    value: &impl serde::Serialize,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    Ok((StatusCode::CREATED, axum::Json(to_json(value)?)))
}

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
