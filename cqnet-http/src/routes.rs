//! The routes' glue: each handler reads its path, query, headers and body, asks the module of
//! its route, and carries the OpenAPI description of its operation.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cqnet_store::exam::{ApplicationId, RoundId};
use cqnet_store::training::EnrollmentId;
use cqnet_store::work_study::ContractId;
use cqnet_store::{Actor, Clock};
use serde_json::Value;

use crate::actor::{Caller, MaybeCaller};
use crate::body::{Checked, Wire};
use crate::idempotency::Keyed;
use crate::jobs::Status;
use crate::openapi::responses::{
    BadRequest, CommandProblems, Conflict, Forbidden, NotFound, NotImplemented, PayloadTooLarge,
    ServerProblems, TooManyRequests, Unauthorized, UnprocessableEntity, UnsupportedMediaType,
};
use crate::openapi::schemas;
use crate::query::Params;
use crate::{
    Problem, Shared, batch, body, certificate, exam, rules, search, setup, statistics, training,
    what_if,
};

pub(crate) type Ctx<S, C> = State<Arc<Shared<S, C>>>;

/// Every store the router runs on.
pub(crate) use crate::ServedStore as Store;

/// A path segment that names nothing: `404 not-found`, as for an id never used.
pub(crate) fn no_such_record(error: cqnet_core::InputError) -> Problem {
    Problem::new(StatusCode::NOT_FOUND, "not-found", error.to_string())
}

/// An identifier of the path: one that cannot be is a record that is not there.
pub(crate) fn path_id<T: std::str::FromStr<Err = cqnet_core::InputError>>(
    text: &str,
) -> Result<T, Problem> {
    text.parse().map_err(no_such_record)
}

fn application_id(text: &str) -> Result<ApplicationId, Problem> {
    path_id(text)
}

/// Who reads a public route without naming themselves: the access rules see the public.
fn anonymous() -> Actor {
    // `Role::System` is the public to the access rules; a fixed login keeps the audit readable.
    Actor::new("anonymous", cqnet_store::Role::System).unwrap_or_else(|_| unreachable!())
}

pub(crate) async fn not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "no-such-route",
        "no route answers this path",
    )
}

fn round_id(text: &str) -> Result<RoundId, Problem> {
    path_id(text)
}

fn enrollment_id(text: &str) -> Result<EnrollmentId, Problem> {
    path_id(text)
}

/// The rule packs this server decides under.
///
/// The one pack it was built with: its id, version, overlays, the day it was last reviewed, the
/// latest day on which a value starts or ends, and how many parameters it has.
#[utoipa::path(
    get,
    path = "/v1/rule-packs",
    tag = "rules",
    responses(
        (status = 200, description = "The packs", body = Vec<rules::PackSummary>),
        ServerProblems,
    )
)]
pub(crate) async fn rule_packs<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
) -> impl axum::response::IntoResponse {
    rules::list(shared.cqnet.rules())
}

/// The value of one parameter in force on a day.
///
/// With its legal reference and provenance (`confirmed`, `secondary`, `assumption`); `404
/// rules-not-in-force` when it has no value on that day.
#[utoipa::path(
    get,
    path = "/v1/rule-packs/{id}/parameters/{path}",
    tag = "rules",
    params(
        ("id" = String, Path, description = "The pack's name, or its full id", example = "cqnet-default"),
        ("path" = String, Path, description = "The parameter, with `/` or `.` between its parts", example = "course_based.pass_average"),
        ("date" = Option<chrono::NaiveDate>, Query, description = "The day (default: the newest rules' date)"),
    ),
    responses(
        (status = 200, description = "The value in force", body = rules::ParameterValue),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn parameter<S: Store, C: Clock + Clone>(
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

/// A case kind's input decided under the rules in force on a day.
///
/// Stateless: the body is a case's `input` (see `case-format.md` and `docs/case-kinds.md`); the
/// answer holds every field the kind's `expect` may name, decimals as strings, and the reasons
/// in full. A business "no" is a `200` with its reasons. With `explain=true` the answer also
/// holds `trace`: the rules that decided (pack, date, why that date) and each check the core
/// reports, with the pack's values behind it.
#[utoipa::path(
    post,
    path = "/v1/evaluate/{kind}",
    tag = "rules",
    params(
        ("kind" = String, Path, description = "The case kind", example = "course_based"),
        ("as_of" = Option<chrono::NaiveDate>, Query, description = "The day whose rules decide (default: the newest)"),
        ("explain" = Option<bool>, Query, description = "`true` adds `trace`: the rules that decided and each check the core reports, with the values of the pack behind it"),
    ),
    request_body(
        content = schemas::EvaluateInput,
        content_type = "application/json",
        example = json!({"units": [{"hours": 40, "attended": 29, "scores": [85]}]})
    ),
    responses(
        (status = 200, description = "The decision, with its reasons", body = schemas::EvaluateAnswer),
        (status = 404, response = NotFound),
        (status = 400, response = BadRequest),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn evaluate<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Path(kind): Path<String>,
    params: Params,
    Wire(input): Wire<Value>,
) -> Result<axum::Json<Value>, Problem> {
    crate::evaluate::evaluate(shared.cqnet.rules(), &kind, &params, &input)
}

/// Many candidates decided in one request, answered as NDJSON streamed as they are decided.
///
/// Stateless. The body is NDJSON (`application/x-ndjson`: one case `input` of `kind` a line,
/// read as `POST /v1/evaluate/{kind}` reads its body) or CSV (`text/csv`: the course-based
/// population schema of `docs/analytics.md`, one row per competency unit, UTF-8 with or without
/// a byte-order mark, or `charset=cp949`). The answer has one line per candidate, in the body's
/// order: `line` (the line of the body, a CSV candidate's first row), `candidate` (CSV), then
/// `decision` (what the single route answers for that candidate) or `problem` (the problem
/// document of that line alone, with `column` for a CSV row) while the other lines are still
/// decided. An empty body is an empty answer.
#[utoipa::path(
    post,
    path = "/v1/evaluate/batch",
    tag = "rules",
    params(
        ("as_of" = Option<chrono::NaiveDate>, Query, description = "The day whose rules decide (default: the newest)"),
        ("kind" = Option<String>, Query, description = "The case kind of every NDJSON line (default: `course_based`); a CSV body holds `course_based` candidates only", example = "course_based"),
    ),
    request_body(
        description = "NDJSON, one case input a line; or CSV of the course-based population schema",
        content(
            (String = "application/x-ndjson", example = json!("{\"units\": [{\"hours\": 40, \"attended\": 36, \"scores\": [85]}], \"external\": {\"written\": 80, \"practical\": 90}}\n{\"units\": [{\"hours\": 40, \"attended\": 29, \"scores\": [85]}]}\n")),
            (String = "text/csv", example = json!("candidate,scheduled_hours,attended_hours,rounds,written,practical\nc-001,40,36,85,80,90\nc-002,40,29,85,,\n")),
        )
    ),
    responses(
        (status = 200, description = "One line per candidate (each line one JSON object of this schema), streamed", content_type = "application/x-ndjson", body = schemas::BatchLine),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn evaluate_batch<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    params: Params,
    request: Request,
) -> Result<Response, Problem> {
    let plan = batch::plan(shared.cqnet.rules(), &params, &request)?;
    let body = body::read(request, &()).await?;
    batch::answer(plan, body).await
}

/// Starts a what-if (제도 변경 모의) as a job: a population decided under the rules in force
/// and under each overlay.
///
/// Public. The body names the population as CSV text (the course-based schema of
/// `docs/analytics.md`) and the overlays (`pass_average=75`: the rule values each replaces).
/// The overlays are checked at once (`422`); the population is read by the job. `202` with
/// `Location: /v1/what-if/{job_id}`, where the job's status and result are read.
#[utoipa::path(
    post,
    path = "/v1/what-if",
    tag = "rules",
    request_body(
        content = what_if::WhatIfBody,
        content_type = "application/json",
        example = json!({
            "population": "candidate,scheduled_hours,attended_hours,rounds,written,practical,qualification\nc-001,40,40,78,78,78,2290\nc-002,40,36,90,85,88,2290\n",
            "overlays": ["pass_average=75", "attendance_minimum=90"],
            "as_of": "2026-06-01"
        })
    ),
    responses(
        (status = 202, description = "The job, running", body = what_if::JobAnswer,
            headers(("Location" = String, description = "Where the job is read: /v1/what-if/{job_id}"))),
        (status = 400, response = BadRequest),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn start_what_if<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Wire(body): Wire<what_if::WhatIfBody>,
) -> Result<Response, Problem> {
    let prepared = what_if::prepare(shared.cqnet.rules(), body)?;
    let id = shared.what_if.start(Instant::now())?;
    shared.what_if.run(id, move || what_if::run(prepared));
    let answer = what_if::JobAnswer::of(id, &Status::Running);
    Ok((
        StatusCode::ACCEPTED,
        [(header::LOCATION, format!("/v1/what-if/{id}"))],
        axum::Json(answer),
    )
        .into_response())
}

/// A what-if job: `running`, or its result once done, or its problem once failed.
///
/// Public. A finished job is kept for a while (`Api::what_if_retention`, 10 minutes by
/// default) and then forgotten: `404 unknown-job`, as for an id never given.
#[utoipa::path(
    get,
    path = "/v1/what-if/{job_id}",
    tag = "rules",
    params(("job_id" = uuid::Uuid, Path, description = "The job, as `Location` named it")),
    responses(
        (status = 200, description = "Where the job stands", body = what_if::JobAnswer),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn what_if_job<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let unknown = || {
        Problem::new(
            StatusCode::NOT_FOUND,
            "unknown-job",
            format!("no what-if job {id} is held: never started, or forgotten since it finished"),
        )
    };
    let id: uuid::Uuid = id.parse().map_err(|_| unknown())?;
    let status = shared
        .what_if
        .status(id, Instant::now())
        .ok_or_else(unknown)?;
    Ok(axum::Json(what_if::JobAnswer::of(id, &status)).into_response())
}

/// Enrolls a learner in a course (입과).
#[utoipa::path(
    post,
    path = "/v1/enrollments",
    tag = "training",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer")),
    request_body(
        content = training::EnrollBody,
        content_type = "application/json",
        example = json!({
            "id": "00000000-0000-0000-0000-000000000003",
            "course": "00000000-0000-0000-0000-000000000002",
            "person": {"name": "홍길동", "birth_date": "2003-05-17", "contact": "010-0000-0000"},
            "kind": {"kind": "trainee"},
            "enrolled_on": "2026-03-02"
        })
    ),
    responses(
        (status = 201, description = "The enrollment and its version", body = schemas::VersionedEnrollment),
        CommandProblems,
    )
)]
pub(crate) async fn enroll<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    keyed: Keyed,
    Checked(body): Checked<training::EnrollBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    training::enroll(&shared, &actor, keyed.key(), body).await
}

/// Records attendance (출결) of one enrollment.
///
/// Never above the hours scheduled for a target, nor above the hours a learner may have
/// recorded on one day (`422 above-schedule`, `422 above-daily-limit` with its reasons).
#[utoipa::path(
    post,
    path = "/v1/enrollments/{id}/attendance",
    tag = "training",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The enrollment"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = training::AttendanceBody,
        content_type = "application/json",
        example = json!({"facts": [{"target": {"target": "unit", "unit": "1501020207_14v2"}, "day": "2026-03-06", "hours": "8", "corrects": null}]})
    ),
    responses(
        (status = 201, description = "The entries recorded", body = training::AttendanceEntries),
        CommandProblems,
    )
)]
pub(crate) async fn record_attendance<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<training::AttendanceBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    training::record_attendance(&shared, &actor, keyed.key(), enrollment_id(&id)?, body).await
}

/// Records internal evaluations (내부평가) of one enrollment.
#[utoipa::path(
    post,
    path = "/v1/enrollments/{id}/evaluations",
    tag = "training",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The enrollment"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = training::EvaluationsBody,
        content_type = "application/json",
        example = json!({"facts": [{"unit": "1501020207_14v2", "result": {"round": {"round": 1, "score": "85"}}}]})
    ),
    responses(
        (status = 201, description = "The entries recorded", body = training::EvaluationEntries),
        CommandProblems,
    )
)]
pub(crate) async fn record_evaluations<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<training::EvaluationsBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    training::record_evaluations(&shared, &actor, keyed.key(), enrollment_id(&id)?, body).await
}

/// The completion decision (이수) of one enrollment.
///
/// `200` whatever it decides: a learner who did not complete is a decision with reasons.
#[utoipa::path(
    get,
    path = "/v1/enrollments/{id}/completion",
    tag = "training",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The enrollment")),
    responses(
        (status = 200, description = "The decision, with its reasons", body = training::CompletionAnswer),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn decide<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, Problem> {
    training::decide(&shared, &actor, enrollment_id(&id)?).await
}

/// Registers a qualification of the catalog (종목), by the agency.
#[utoipa::path(
    post,
    path = "/v1/qualifications",
    tag = "set-up",
    security(("bearer" = [])),
    request_body(
        content = setup::QualificationBody,
        content_type = "application/json",
        example = json!({
            "code": "2290", "name": "컴퓨터응용가공산업기사",
            "level": {"grade": "industrial_engineer"}, "track": "course_based",
            "field": "기계", "ncs_class": "15010202"
        })
    ),
    responses(
        (status = 201, description = "The qualification's code and version", body = setup::Registered),
        CommandProblems,
    )
)]
pub(crate) async fn register_qualification<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Checked(body): Checked<setup::QualificationBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    setup::register_qualification(&shared, &actor, body).await
}

/// Publishes a version of a qualification's curriculum standard (편성기준), by the agency.
#[utoipa::path(
    post,
    path = "/v1/qualifications/{code}/standards",
    tag = "set-up",
    security(("bearer" = [])),
    params(("code" = schemas::QualificationCode, Path, description = "The qualification (종목)")),
    request_body(
        content = setup::StandardBody,
        content_type = "application/json",
        example = json!({
            "version": "v2.0",
            "standard": {
                "total_hours": "40",
                "units": [{"code": "1501020207_14v2", "kind": "mandatory", "min_hours": "40"}]
            }
        })
    ),
    responses(
        (status = 201, description = "The qualification and the version published", body = setup::StandardPublished),
        CommandProblems,
    )
)]
pub(crate) async fn publish_standard<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    Checked(body): Checked<setup::StandardBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    let code = code.parse().map_err(|e: cqnet_core::InputError| {
        Problem::new(StatusCode::NOT_FOUND, "not-found", e.to_string())
    })?;
    setup::publish_standard(&shared, &actor, code, body).await
}

/// Registers an institution (교육·훈련기관) or a company, by the agency.
#[utoipa::path(
    post,
    path = "/v1/institutions",
    tag = "set-up",
    security(("bearer" = [])),
    request_body(
        content = setup::InstitutionBody,
        content_type = "application/json",
        example = json!({
            "id": "00000000-0000-0000-0000-000000000001", "name": "한국기술교육원",
            "kind": "training_institution", "institution_type": "job_training_institution",
            "region": {"sido": "11", "sigungu": "11680"}
        })
    ),
    responses(
        (status = 201, description = "The institution's id and version", body = setup::Registered),
        CommandProblems,
    )
)]
pub(crate) async fn register_institution<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Checked(body): Checked<setup::InstitutionBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    setup::register_institution(&shared, &actor, body).await
}

/// Designates a course (과정 지정), by the agency: its units, hours and seats checked by the
/// core against the qualification's curriculum standard.
#[utoipa::path(
    post,
    path = "/v1/courses",
    tag = "set-up",
    security(("bearer" = [])),
    request_body(
        content = setup::CourseBody,
        content_type = "application/json",
        example = json!({
            "id": "00000000-0000-0000-0000-000000000002",
            "institution": "00000000-0000-0000-0000-000000000001",
            "qualification": "2290", "standard_version": "v2.0", "track": "course_based",
            "start": "2026-03-02", "end": "2026-07-31", "capacity": 20,
            "units": [{"code": "1501020207_14v2", "scheduled": "40", "rounds": 1}],
            "designation": {"status": "designated", "valid_from": "2026-01-01", "valid_until": "2027-12-31"}
        })
    ),
    responses(
        (status = 201, description = "The course's id and version", body = setup::Registered),
        CommandProblems,
    )
)]
pub(crate) async fn designate_course<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Checked(body): Checked<setup::CourseBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    setup::designate_course(&shared, &actor, body).await
}

/// Replaces a course at the version read (its dates, seats, units, designation).
#[utoipa::path(
    put,
    path = "/v1/courses/{id}",
    tag = "set-up",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The course")),
    request_body(
        content = setup::CourseUpdateBody,
        content_type = "application/json",
        example = json!({
            "expected_version": 1,
            "course": {
                "id": "00000000-0000-0000-0000-000000000002",
                "institution": "00000000-0000-0000-0000-000000000001",
                "qualification": "2290", "standard_version": "v2.0", "track": "course_based",
                "start": "2026-03-02", "end": "2026-07-31", "capacity": 25,
                "units": [{"code": "1501020207_14v2", "scheduled": "40", "rounds": 1}],
                "designation": {"status": "designated", "valid_from": "2026-01-01", "valid_until": "2027-12-31"}
            }
        })
    ),
    responses(
        (status = 200, description = "The course's id and new version", body = setup::Registered),
        CommandProblems,
    )
)]
pub(crate) async fn update_course<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    Checked(body): Checked<setup::CourseUpdateBody>,
) -> Result<axum::Json<Value>, Problem> {
    setup::update_course(&shared, &actor, path_id(&id)?, body).await
}

/// Publishes a round of external evaluation (외부평가 회차): its plan (시행계획) and venues (시험장).
#[utoipa::path(
    post,
    path = "/v1/rounds",
    tag = "exams",
    security(("bearer" = [])),
    request_body(
        content = exam::RoundBody,
        content_type = "application/json",
        example = json!({
            "plan": {
                "year": 2026, "round": 1, "system": "C1", "qualifications": ["2290"],
                "application_window": {"start": "2026-08-01T09:00:00+09:00", "end": "2026-08-10T18:00:00+09:00"},
                "first_day": "2026-09-05", "second_day": "2026-09-06",
                "announcement": "2026-10-02T09:00:00+09:00", "published_on": "2026-06-01"
            },
            "venues": [{"code": "seoul-01", "name": "서울 시험장", "capacity": 100}],
            "ad_hoc": false
        })
    ),
    responses(
        (status = 201, description = "The round and its version", body = exam::RoundPublished),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 409, response = Conflict),
        (status = 400, response = BadRequest),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn publish_round<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Checked(body): Checked<exam::RoundBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    exam::publish_round(&shared, &actor, body).await
}

/// Applies for a round (원서접수): the application gets its exam number (수험번호) and fee.
#[utoipa::path(
    post,
    path = "/v1/applications",
    tag = "exams",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer")),
    request_body(
        content = exam::ApplyBody,
        content_type = "application/json",
        example = json!({
            "id": "00000000-0000-0000-0000-000000000004",
            "round": "2026-C1-01",
            "candidate": "00000000-0000-0000-0000-000000000003",
            "venue": "seoul-01"
        })
    ),
    responses(
        (status = 201, description = "The application and its version", body = schemas::VersionedApplication),
        CommandProblems,
    )
)]
pub(crate) async fn apply<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    keyed: Keyed,
    Checked(body): Checked<exam::ApplyBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    exam::apply(&shared, &actor, keyed.key(), body).await
}

/// Records an application's fee as paid (응시수수료 납부), by the agency.
#[utoipa::path(
    post,
    path = "/v1/applications/{id}/payment",
    tag = "exams",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    request_body(
        content = exam::PaymentBody,
        content_type = "application/json",
        example = json!({"expected_version": 1})
    ),
    responses(
        (status = 200, description = "The application's new version", body = exam::PaymentRecorded),
        CommandProblems,
    )
)]
pub(crate) async fn record_payment<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    Checked(body): Checked<exam::PaymentBody>,
) -> Result<axum::Json<Value>, Problem> {
    exam::record_payment(&shared, &actor, application_id(&id)?, body).await
}

/// Cancels an application (접수 취소), by its candidate; a paid fee is refunded (환불) as the
/// core's refund decision says on the day of the cancellation.
#[utoipa::path(
    post,
    path = "/v1/applications/{id}/cancellation",
    tag = "exams",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The application"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = exam::CancellationBody,
        content_type = "application/json",
        example = json!({"reason": "personal"})
    ),
    responses(
        (status = 200, description = "The application as cancelled, with its refund", body = schemas::VersionedApplication),
        CommandProblems,
    )
)]
pub(crate) async fn cancel<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<exam::CancellationBody>,
) -> Result<axum::Json<Value>, Problem> {
    exam::cancel(&shared, &actor, keyed.key(), application_id(&id)?, body).await
}

/// Enters (or corrects) the marks of an application, by an evaluator.
#[utoipa::path(
    post,
    path = "/v1/applications/{id}/result",
    tag = "exams",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    request_body(
        content = exam::ResultBody,
        content_type = "application/json",
        example = json!({"marks": {"course_based": {"written": "76", "practical": "84"}}, "expected_version": null})
    ),
    responses(
        (status = 200, description = "The result's version", body = exam::ResultEntered),
        CommandProblems,
    )
)]
pub(crate) async fn enter_result<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    Checked(body): Checked<exam::ResultBody>,
) -> Result<axum::Json<Value>, Problem> {
    exam::enter_result(&shared, &actor, application_id(&id)?, body).await
}

/// Makes a result final (결과 확정): the core's pass decision, frozen.
#[utoipa::path(
    post,
    path = "/v1/applications/{id}/result/finalise",
    tag = "exams",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    request_body(
        content = exam::FinaliseBody,
        content_type = "application/json",
        example = json!({"expected_version": 1})
    ),
    responses(
        (status = 200, description = "The final result's version, and whether it passed", body = exam::ResultFinalised),
        CommandProblems,
    )
)]
pub(crate) async fn finalise_result<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    Checked(body): Checked<exam::FinaliseBody>,
) -> Result<axum::Json<Value>, Problem> {
    exam::finalise_result(&shared, &actor, application_id(&id)?, body).await
}

/// One result of an external evaluation (외부평가 결과) as the caller may see it now.
///
/// The candidate sees their own once it is final and the announcement (합격자발표) is past
/// (`403` `results_not_announced` before); the agency and its evaluators see any at any time;
/// anyone else is `403`. `result` is `null` while there is nothing to show yet.
#[utoipa::path(
    get,
    path = "/v1/applications/{id}/result",
    tag = "exams",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    responses(
        (status = 200, description = "The result, or `null` while there is none to show", body = exam::ResultView),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn view_result<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, Problem> {
    exam::view_result(&shared, &actor, application_id(&id)?).await
}

/// A candidate's attempts (응시 이력): every application, cancelled ones too.
///
/// For the candidate, their institution or company, and the agency; each attempt's pass shows
/// only where the caller may see that result now (`null` otherwise).
#[utoipa::path(
    get,
    path = "/v1/enrollments/{id}/attempts",
    tag = "exams",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The candidate's enrollment")),
    responses(
        (status = 200, description = "The attempts", body = exam::Attempts),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn attempts<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, Problem> {
    exam::attempts(&shared, &actor, enrollment_id(&id)?).await
}

/// The exam numbers of a round's passers (합격자 명단).
///
/// Public once the announcement is past; before it only the agency and evaluators see it.
#[utoipa::path(
    get,
    path = "/v1/rounds/{id}/pass-list",
    tag = "exams",
    security((), ("bearer" = [])),
    params(
        ("id" = schemas::RoundId, Path, description = "The round"),
        ("page_size" = Option<schemas::PageSize>, Query, description = "How many results a page holds"),
        ("after" = Option<schemas::ExamNumber>, Query, description = "The `next` of the previous page: the page starts after this exam number"),
    ),
    responses(
        (status = 200, description = "A page of the passers' exam numbers", body = exam::PassList),
        (status = 400, response = BadRequest),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn pass_list<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    MaybeCaller(actor): MaybeCaller,
    Path(id): Path<String>,
    params: Params,
) -> Result<axum::Json<Value>, Problem> {
    exam::pass_list(
        &shared,
        &actor.unwrap_or_else(anonymous),
        round_id(&id)?,
        &params,
    )
    .await
}

/// Issues the certificate (자격증) of a final pass.
#[utoipa::path(
    post,
    path = "/v1/applications/{id}/certificate",
    tag = "certificates",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The application"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = certificate::IssueBody,
        content_type = "application/json",
        example = json!({"form": "certificate", "inner_page_number": null})
    ),
    responses(
        (status = 201, description = "The certificate", body = schemas::Certificate),
        CommandProblems,
    )
)]
pub(crate) async fn issue<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<certificate::IssueBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    certificate::issue(&shared, &actor, keyed.key(), application_id(&id)?, body).await
}

/// Issues the certificate (자격증 발급) of a learning worker's pass (일학습병행자격) from their
/// learning-work contract: the agency only, once the external evaluation the core passed is
/// announced. It prints the learner's name and birth date as the contract writes them, the
/// `{직종}_L{n}` qualification the contract's programme leads to, and the programme's units;
/// one pass has one certificate, so issuing it again answers the first.
///
/// Before a pass it is `403 refused` with the core's `pass_not_finalised` or `not_passed`; a
/// contract without a programme, a programme naming no qualification or a contract without
/// the learner's name is `409 conflict` with `certificate_facts_missing`.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/certificate",
    tag = "certificates",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The learning-work contract (학습근로계약)"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = certificate::IssueBody,
        content_type = "application/json",
        example = json!({"form": "certificate", "inner_page_number": null})
    ),
    responses(
        (status = 201, description = "The certificate", body = schemas::Certificate),
        CommandProblems,
    )
)]
pub(crate) async fn issue_for_contract<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<certificate::IssueBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    let contract: ContractId = path_id(&id)?;
    certificate::issue_for_contract(&shared, &actor, keyed.key(), contract, body).await
}

/// A certificate (자격증), for its holder or the agency: the document, the qualification's
/// name, the issue date and the licence it leads to.
#[utoipa::path(
    get,
    path = "/v1/certificates/{management_number}",
    tag = "certificates",
    security(("bearer" = [])),
    params(("management_number" = schemas::ManagementNumber, Path, description = "The document's management number (관리번호)")),
    responses(
        (status = 200, description = "The certificate", body = schemas::CertificateView),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn view_certificate<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(number): Path<String>,
) -> Result<axum::Json<Value>, Problem> {
    certificate::view(&shared, &actor, certificate::management_number(&number)?).await
}

/// Exports a certificate as a signed credential (Open Badges 3.0 in a W3C Verifiable
/// Credential 2.0, `eddsa-jcs-2022`), for its holder or the agency.
///
/// Only a document in force is exported (`403` with the core's reasons for one superseded or
/// revoked). A server whose host gave it no issuer and key (`Api::credentials`, feature
/// `credentials`) answers `501 credentials-not-offered`.
#[utoipa::path(
    get,
    path = "/v1/certificates/{management_number}/credential",
    tag = "certificates",
    security(("bearer" = [])),
    params(("management_number" = schemas::ManagementNumber, Path, description = "The document's management number (관리번호)")),
    responses(
        (status = 200, description = "The signed credential", body = schemas::Credential),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 501, response = NotImplemented),
        ServerProblems,
    )
)]
pub(crate) async fn export_credential<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(number): Path<String>,
) -> Result<axum::Json<Value>, Problem> {
    certificate::export_credential(&shared, &actor, certificate::management_number(&number)?).await
}

/// Reissues a certificate (재발급): a new document replaces the one in force.
#[utoipa::path(
    post,
    path = "/v1/certificates/{management_number}/reissue",
    tag = "certificates",
    security(("bearer" = [])),
    params(
        ("management_number" = schemas::ManagementNumber, Path, description = "The management number of the document it replaces"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = certificate::ReissueBody,
        content_type = "application/json",
        example = json!({"reason": "lost", "form": "card", "new_holder_name": null, "inner_page_number": null})
    ),
    responses(
        (status = 201, description = "The new document", body = schemas::Certificate),
        CommandProblems,
    )
)]
pub(crate) async fn reissue<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(number): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<certificate::ReissueBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    let previous = certificate::management_number(&number)?;
    certificate::reissue(&shared, &actor, keyed.key(), previous, body).await
}

/// Cancels a qualification (자격 취소), by the agency, after its hearing (청문): every document
/// of it answers `revoked` to a 진위확인 from then on.
#[utoipa::path(
    post,
    path = "/v1/qualification-records/{number}/revocation",
    tag = "certificates",
    security(("bearer" = [])),
    params(
        ("number" = schemas::QualificationNumber, Path, description = "The qualification number (자격번호)"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = certificate::RevocationBody,
        content_type = "application/json",
        example = json!({"reason": "fraud", "hearing_held_on": "2026-10-20", "note": "부정 취득 확인"})
    ),
    responses(
        (status = 200, description = "The qualification's record, with its cancellation", body = schemas::QualificationRecord),
        CommandProblems,
    )
)]
pub(crate) async fn revoke<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(number): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<certificate::RevocationBody>,
) -> Result<axum::Json<Value>, Problem> {
    let number = certificate::qualification_number(&number)?;
    certificate::revoke(&shared, &actor, keyed.key(), number, body).await
}

/// Issues a confirmation document (자격취득사실 확인서) of a qualification held, for its holder
/// or the agency: the document and the check code printed on it.
///
/// The server must be given the host's key of the check codes (`Cqnet`'s
/// `confirmation_secret`); without one this is `501 confirmations-not-offered`.
#[utoipa::path(
    post,
    path = "/v1/qualification-records/{number}/confirmations",
    tag = "certificates",
    security(("bearer" = [])),
    params(
        ("number" = schemas::QualificationNumber, Path, description = "The qualification number (자격번호)"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = certificate::ConfirmationBody,
        content_type = "application/json",
        example = json!({})
    ),
    responses(
        (status = 201, description = "The confirmation document and its check code", body = schemas::IssuedConfirmation),
        (status = 501, response = NotImplemented),
        CommandProblems,
    )
)]
pub(crate) async fn issue_confirmation<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(number): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<certificate::ConfirmationBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    let number = certificate::qualification_number(&number)?;
    certificate::issue_confirmation(&shared, &actor, keyed.key(), number, body).await
}

/// Checks a confirmation document's authenticity (진위확인).
///
/// Public, and limited per client address with the certificates' 진위확인 (one rate for
/// both). `200` whatever it finds: without its check code, or past its period, a document
/// answers `no_match` as a number never issued.
#[utoipa::path(
    post,
    path = "/v1/confirmations/verify",
    tag = "certificates",
    request_body(
        content = certificate::ConfirmationVerifyBody,
        content_type = "application/json",
        example = json!({"number": "HRD-20260601093000-00007", "code": "7K2M-9QXA-4RTV-0HJP"})
    ),
    responses(
        (status = 200, description = "What the check found", body = schemas::VerificationAnswer),
        (status = 429, response = TooManyRequests),
        (status = 400, response = BadRequest),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = UnprocessableEntity),
        (status = 501, response = NotImplemented),
        ServerProblems,
    )
)]
pub(crate) async fn verify_confirmation<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Checked(body): Checked<certificate::ConfirmationVerifyBody>,
) -> Result<axum::Json<Value>, Problem> {
    certificate::verify_confirmation(&shared, body).await
}

/// Checks a certificate's authenticity (진위확인).
///
/// Public, and limited per client address (`429 rate-limited` with `Retry-After` beyond the
/// rate). `200` whatever it finds: a wrong number and a wrong date both answer `no_match` and
/// nothing else.
#[utoipa::path(
    post,
    path = "/v1/certificates/verify",
    tag = "certificates",
    request_body(
        content = certificate::VerifyBody,
        content_type = "application/json",
        example = json!({
            "number": "26000000123J",
            "issue_date": "2026-05-01",
            "document": {"kind": "management_number", "value": "202605011000-01-000001"}
        })
    ),
    responses(
        (status = 200, description = "What the check found", body = schemas::VerificationAnswer),
        (status = 429, response = TooManyRequests),
        (status = 400, response = BadRequest),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn verify<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Checked(body): Checked<certificate::VerifyBody>,
) -> Result<axum::Json<Value>, Problem> {
    certificate::verify(&shared, body).await
}

/// Searches the qualifications (종목정보).
///
/// Public. Every filter given holds of every result; sorted by name. `name` is found inside
/// the names (ASCII letters without case). A page ends with the cursor of the next one.
#[utoipa::path(
    get,
    path = "/v1/search/qualifications",
    tag = "search",
    params(
        ("name" = Option<schemas::SearchText>, Query, description = "Text found in the name (검색어)"),
        ("grade" = Option<schemas::Grade>, Query, description = "The grade (등급) of a national technical qualification"),
        ("ncs_level" = Option<u8>, Query, description = "The NCS level (수준, 1 to 8) of a work-study qualification; not with grade", minimum = 1, maximum = 8),
        ("field" = Option<String>, Query, description = "The job field (직무분야)", example = "기계"),
        ("ncs_class" = Option<schemas::NcsClassification>, Query, description = "An NCS classification at any level (대·중·소·세분류)"),
        ("track" = Option<schemas::TrackName>, Query, description = "The track"),
        ("page_size" = Option<schemas::PageSize>, Query, description = "How many results a page holds"),
        ("cursor" = Option<String>, Query, description = "The `next` of the previous page, as it came"),
    ),
    responses(
        (status = 200, description = "A page of qualifications", body = schemas::QualificationPage),
        (status = 400, response = BadRequest),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn search_qualifications<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    params: Params,
) -> Result<axum::Json<Value>, Problem> {
    search::qualifications(&shared.cqnet, &params).await
}

/// Searches the institutions (교육·훈련기관 찾기).
///
/// Public. Sorted by name; `type` may be repeated (any of them), `sigungu` needs its `sido`.
#[utoipa::path(
    get,
    path = "/v1/search/institutions",
    tag = "search",
    params(
        ("name" = Option<schemas::SearchText>, Query, description = "Text found in the name (검색어)"),
        ("type" = Option<Vec<schemas::InstitutionType>>, Query, description = "Institution types (기관 유형), any of them; repeat the parameter", explode = true),
        ("sido" = Option<schemas::SidoCode>, Query, description = "The 시도, by its two-digit code"),
        ("sigungu" = Option<schemas::SigunguCode>, Query, description = "A 시군구 of the 시도, by its five-digit code"),
        ("page_size" = Option<schemas::PageSize>, Query, description = "How many results a page holds"),
        ("cursor" = Option<String>, Query, description = "The `next` of the previous page, as it came"),
    ),
    responses(
        (status = 200, description = "A page of institutions", body = schemas::InstitutionPage),
        (status = 400, response = BadRequest),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn search_institutions<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    params: Params,
) -> Result<axum::Json<Value>, Problem> {
    search::institutions(&shared.cqnet, &params).await
}

/// Searches the designated courses (맞춤형 과정검색).
///
/// Public. Only designated courses (지정) are found. Sorted by start date (default) or by
/// qualification name; the status (모집중, 훈련중, 종료) is decided on the server's day in Korea.
#[utoipa::path(
    get,
    path = "/v1/search/courses",
    tag = "search",
    params(
        ("qualification" = Option<schemas::QualificationCode>, Query, description = "The qualification (종목)"),
        ("grade" = Option<schemas::Grade>, Query, description = "The grade (등급) of its qualification"),
        ("ncs_level" = Option<u8>, Query, description = "The NCS level (수준) of its qualification; not with grade", minimum = 1, maximum = 8),
        ("sido" = Option<schemas::SidoCode>, Query, description = "The 시도 of its institution"),
        ("sigungu" = Option<schemas::SigunguCode>, Query, description = "The 시군구 of its institution, inside the 시도"),
        ("institution_type" = Option<Vec<schemas::InstitutionType>>, Query, description = "Its institution's types, any of them; repeat the parameter", explode = true),
        ("track" = Option<schemas::TrackName>, Query, description = "The track"),
        ("year" = Option<i32>, Query, description = "The training year: courses starting in it; not with starts_from or starts_until", example = 2026),
        ("starts_from" = Option<chrono::NaiveDate>, Query, description = "Courses starting on or after this day"),
        ("starts_until" = Option<chrono::NaiveDate>, Query, description = "Courses starting on or before this day"),
        ("status" = Option<schemas::CourseStatus>, Query, description = "The status on the server's day"),
        ("min_seats_left" = Option<u32>, Query, description = "At least this many seats left"),
        ("text" = Option<schemas::SearchText>, Query, description = "Text found in the qualification's or the institution's name"),
        ("sort" = Option<schemas::CourseSort>, Query, description = "`start_date` (default) or `name` (the qualification's)"),
        ("page_size" = Option<schemas::PageSize>, Query, description = "How many results a page holds"),
        ("cursor" = Option<String>, Query, description = "The `next` of the previous page, as it came"),
    ),
    responses(
        (status = 200, description = "A page of courses", body = schemas::CoursePage),
        (status = 400, response = BadRequest),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn search_courses<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    params: Params,
) -> Result<axum::Json<Value>, Problem> {
    search::courses(&shared.cqnet, &params).await
}

/// The OpenAPI 3.1 description of every route (this document).
///
/// Public; generated from the wire types of the routes. A copy is kept in the source tree as
/// `cqnet-http/openapi.json`.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    responses(
        (status = 200, description = "The document", body = schemas::OpenApiDocument),
        ServerProblems,
    )
)]
pub(crate) async fn openapi_json(document: axum::body::Bytes) -> axum::response::Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        document,
    )
        .into_response()
}

/// The external-evaluation funnel (학습근로자 → 외부평가 대상 → 접수 → 응시 → 합격 →
/// 자격취득) of the course-based track, counted by the store.
///
/// For the agency (`403` for anyone else: the tables are the agency's until it publishes
/// them). `by` names the grouping, dimensions between commas in order (none: one row, the
/// total); `from` and `to` limit the statistics years (both included), `qualification` the
/// qualification (종목). Each row has the stage counts and the exact pass rate (합격률, passers
/// ÷ examinees × 100).
#[utoipa::path(
    get,
    path = "/v1/statistics/funnel",
    tag = "statistics",
    security(("bearer" = [])),
    params(
        ("by" = Option<String>, Query, description = "The grouping: `year`, `grade`, `qualification`, `institution_type`, `gender`, `job_field`, between commas, each at most once", example = "year,gender"),
        ("from" = Option<u16>, Query, description = "The first statistics year counted", example = 2024),
        ("to" = Option<u16>, Query, description = "The last statistics year counted", example = 2026),
        ("qualification" = Option<String>, Query, description = "Only this qualification (종목 code)", example = "2290"),
    ),
    responses(
        (status = 200, description = "The funnel, one row per group", body = statistics::Funnel),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn statistics_funnel<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    params: Params,
) -> Result<axum::Json<Value>, Problem> {
    statistics::funnel(&shared, &actor, &params).await
}

/// The score distribution (성적 분포) of one round's finalised marks.
///
/// For the agency. The bands are those of the rule pack's `statistics.score_band_bounds` in
/// force today (below 40, 50, 60, 70, 80, and 80 or more by default, an assumption of the
/// pack), with the exact average; `part` is `written` (1차, the default) or `practical` (2차).
#[utoipa::path(
    get,
    path = "/v1/statistics/rounds/{id}/score-distribution",
    tag = "statistics",
    security(("bearer" = [])),
    params(
        ("id" = schemas::RoundId, Path, description = "The round"),
        ("part" = Option<schemas::ScorePartName>, Query, description = "The part of the marks (default: `written`)"),
    ),
    responses(
        (status = 200, description = "The distribution", body = statistics::Distribution),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn score_distribution<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    params: Params,
) -> Result<axum::Json<Value>, Problem> {
    statistics::score_distribution(&shared, &actor, round_id(&id)?, &params).await
}
