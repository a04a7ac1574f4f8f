//! The handlers of the course designation routes (과정 지정): each reads its path, actor, key
//! and body, asks [`designation`](crate::designation), and carries the OpenAPI description of
//! its operation.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use cqnet_core::QualificationCode;
use cqnet_store::Clock;
use cqnet_store::designation::CallId;
use serde_json::Value;

use crate::actor::Caller;
use crate::body::Checked;
use crate::designation::{self, Stage};
use crate::idempotency::Keyed;
use crate::openapi::designation as shapes;
use crate::openapi::responses::{
    BadRequest, CommandProblems, NotFound, ServerProblems, UnprocessableEntity,
};
use crate::openapi::schemas;
use crate::query::Params;
use crate::routes::{Ctx, Store, no_such_record, path_id};
use crate::{Problem, Shared};

/// The designation routes, merged into [`Api::router`](crate::Api::router).
pub(crate) fn routes<S: Store + 'static, C: Clock + Clone + 'static>() -> Router<Arc<Shared<S, C>>>
{
    Router::new()
        .route("/v1/designation/calls", post(open_call::<S, C>))
        .route("/v1/designation/calls/{id}", get(call::<S, C>))
        .route(
            "/v1/designation/calls/{id}/qualifications/{code}/document-screening",
            post(screen_documents::<S, C>),
        )
        .route(
            "/v1/designation/calls/{id}/qualifications/{code}/on-site-screening",
            post(screen_on_site::<S, C>),
        )
        .route(
            "/v1/designation/calls/{id}/qualifications/{code}/deliberation",
            post(deliberate::<S, C>),
        )
        .route("/v1/designation/applications", post(apply::<S, C>))
        .route(
            "/v1/designation/applications/{id}",
            get(application::<S, C>),
        )
        .route(
            "/v1/designation/applications/{id}/quarterly-checks",
            get(quarterly_checks::<S, C>),
        )
        .route(
            "/v1/designation/missing-operation-checks",
            get(missing_operation_checks::<S, C>),
        )
        .route(
            "/v1/designation/applications/{id}/designation",
            post(designate::<S, C>),
        )
        .route(
            "/v1/designation/applications/{id}/operation-checks",
            post(record_operation_check::<S, C>),
        )
        .route(
            "/v1/designation/applications/{id}/hearings",
            post(record_hearing::<S, C>),
        )
        .route(
            "/v1/designation/applications/{id}/measures",
            post(take_measure::<S, C>),
        )
        .route("/v1/designation/retention", post(apply_retention::<S, C>))
}

fn call_and_qualification(
    (call, qualification): (String, String),
) -> Result<(CallId, QualificationCode), Problem> {
    Ok((
        path_id(&call)?,
        QualificationCode::new(&qualification).map_err(no_such_record)?,
    ))
}

/// Opens a yearly call for course applications (모집공고): the agency only.
///
/// A window that ends after the announcement day has begun (in Korean time) or an announcement
/// in another year is `422 invalid-field` at `/announced_on`; a qualification named twice at
/// `/qualifications`.
#[utoipa::path(
    post,
    path = "/v1/designation/calls",
    tag = "designation",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer")),
    request_body(
        content = designation::CallBody,
        content_type = "application/json",
        example = json!({
            "id": "00000000-0000-0000-0000-000000000004",
            "year": 2026,
            "window": {"start": "2026-03-02T09:00:00+09:00", "end": "2026-03-20T18:00:00+09:00"},
            "announced_on": "2026-04-15",
            "qualifications": [{
                "qualification": "2290",
                "document": {"criterion": "score", "min": "60"},
                "on_site": {"criterion": "rank", "max_rank": 2}
            }]
        })
    ),
    responses(
        (status = 201, description = "The call and its version", body = shapes::VersionedDesignationCall),
        CommandProblems,
    )
)]
pub(crate) async fn open_call<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    keyed: Keyed,
    Checked(body): Checked<designation::CallBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    designation::open_call(&shared, &actor, keyed.key(), body).await
}

/// A yearly call (모집공고) as opened: public, as the call is published.
#[utoipa::path(
    get,
    path = "/v1/designation/calls/{id}",
    tag = "designation",
    params(("id" = uuid::Uuid, Path, description = "The call")),
    responses(
        (status = 200, description = "The call and its version", body = shapes::VersionedDesignationCall),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn call<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, Problem> {
    designation::call(&shared, path_id(&id)?).await
}

/// Files an application for the designation of one course run (지정신청).
///
/// The staff of the institution (or the agency). The core checks it against its call (inside
/// the window, a qualification the call covers), its plan against the curriculum standard
/// (편성기준) and its teachers against 시행령 제12조의3제1항: a refusal is `403` with the core's
/// reasons (`outside_designation_window`, `qualification_not_in_call`,
/// `mandatory_unit_missing`, `teacher_not_eligible`, …), audited, and nothing is stored.
#[utoipa::path(
    post,
    path = "/v1/designation/applications",
    tag = "designation",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer")),
    request_body(
        content = designation::CourseApplicationBody,
        content_type = "application/json",
        example = json!({
            "id": "00000000-0000-0000-0000-000000000005",
            "call": "00000000-0000-0000-0000-000000000004",
            "institution": "00000000-0000-0000-0000-000000000001",
            "qualification": "2290",
            "standard_version": "v2.0",
            "plan": {"capacity": 20, "units": [{"code": "1501020207_14v2", "hours": "40"}]},
            "teachers": [{"person": "kim.trainer", "kinds": ["vocational_training_teacher"]}],
            "evaluation_rounds": 1,
            "training_start": "2026-09-01",
            "training_end": "2026-12-18"
        })
    ),
    responses(
        (status = 201, description = "The application's record and its version", body = shapes::VersionedDesignationRecord),
        CommandProblems,
    )
)]
pub(crate) async fn apply<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    keyed: Keyed,
    Checked(body): Checked<designation::CourseApplicationBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    designation::apply(&shared, &actor, keyed.key(), body).await
}

/// An application with everything recorded about it: its plan check, screenings,
/// deliberation, designation, operation checks, hearings and measures.
///
/// The staff of the institution that filed it, and the agency; anyone else is `403`, audited.
#[utoipa::path(
    get,
    path = "/v1/designation/applications/{id}",
    tag = "designation",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    responses(
        (status = 200, description = "The record and its version", body = shapes::VersionedDesignationRecord),
        (status = 401, response = crate::openapi::responses::Unauthorized),
        (status = 403, response = crate::openapi::responses::Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn application<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, Problem> {
    designation::application(&shared, &actor, path_id(&id)?).await
}

/// The quarters of a designated course's run that ended without their operation checks
/// (운영 확인, 매 분기 1회 이상, 시행령 제14조의4), decided by the core today: the agency only.
///
/// `decision` is `null` for an application never designated.
#[utoipa::path(
    get,
    path = "/v1/designation/applications/{id}/quarterly-checks",
    tag = "designation",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The application")),
    responses(
        (status = 200, description = "The core's decision", body = designation::QuarterlyChecksAnswer),
        (status = 401, response = crate::openapi::responses::Unauthorized),
        (status = 403, response = crate::openapi::responses::Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn quarterly_checks<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Value>, Problem> {
    designation::quarterly_checks(&shared, &actor, path_id(&id)?).await
}

/// The agency's quarterly oversight of every designated course at once (분기 운영 확인 점검,
/// 시행령 제14조의4: 매 분기 1회 이상): the agency only.
///
/// One page of the course runs designated and not cancelled, of `call` and `qualification`
/// when given, each with the core's decision on `on`: the quarters of its run that ended before
/// `on` without their check (`operation_check_missing` each; on a quarter's last day it is
/// still running). A course with no quarter missing is not listed. Sorted by the oldest missed
/// quarter, then by application; a page ends with the cursor of the next one. A day after
/// today in Korea is `422` at `/on`; a `page_size` outside 1 to 200 at `/page_size`; a cursor of
/// another query or changed by hand at `/cursor`.
#[utoipa::path(
    get,
    path = "/v1/designation/missing-operation-checks",
    tag = "designation",
    security(("bearer" = [])),
    params(
        ("on" = chrono::NaiveDate, Query, description = "The day the quarters are decided on, not after today in Korea"),
        ("call" = Option<uuid::Uuid>, Query, description = "Only the courses of this call"),
        ("qualification" = Option<schemas::QualificationCode>, Query, description = "Only the courses of this qualification (종목)"),
        ("page_size" = Option<u32>, Query, description = "How many rows a page holds: 1 to 200, 20 when absent", minimum = 1, maximum = 200),
        ("cursor" = Option<String>, Query, description = "The `next` of the previous page, as it came"),
    ),
    responses(
        (status = 200, description = "A page of the courses with a quarter missing", body = shapes::MissingOperationChecksPage),
        (status = 400, response = BadRequest),
        (status = 401, response = crate::openapi::responses::Unauthorized),
        (status = 403, response = crate::openapi::responses::Forbidden),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn missing_operation_checks<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    params: Params,
) -> Result<axum::Json<Value>, Problem> {
    designation::missing_operation_checks(&shared, &actor, &params).await
}

/// Decides the document screening (서류심사) of a call's qualification: the agency only, with
/// one score for each application filed for it, every one of them (`409 scores_mismatch`
/// otherwise).
#[utoipa::path(
    post,
    path = "/v1/designation/calls/{id}/qualifications/{code}/document-screening",
    tag = "designation",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The call"),
        ("code" = schemas::QualificationCode, Path, description = "The qualification"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = designation::ScreeningBody,
        content_type = "application/json",
        example = json!({"scores": [{"application": "00000000-0000-0000-0000-000000000005", "score": "82"}]})
    ),
    responses(
        (status = 200, description = "The applications as they now stand", body = designation::Records),
        CommandProblems,
    )
)]
pub(crate) async fn screen_documents<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(path): Path<(String, String)>,
    keyed: Keyed,
    Checked(body): Checked<designation::ScreeningBody>,
) -> Result<axum::Json<Value>, Problem> {
    let path = call_and_qualification(path)?;
    designation::screen(&shared, &actor, keyed.key(), path, Stage::Documents, body).await
}

/// Decides the on-site screening (현장심사) of a call's qualification: the agency only, with
/// one score for each application that passed the document screening; a rank criterion ranks
/// them, ties sharing a rank.
#[utoipa::path(
    post,
    path = "/v1/designation/calls/{id}/qualifications/{code}/on-site-screening",
    tag = "designation",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The call"),
        ("code" = schemas::QualificationCode, Path, description = "The qualification"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = designation::ScreeningBody,
        content_type = "application/json",
        example = json!({"scores": [{"application": "00000000-0000-0000-0000-000000000005", "score": "90"}]})
    ),
    responses(
        (status = 200, description = "The applications as they now stand", body = designation::Records),
        CommandProblems,
    )
)]
pub(crate) async fn screen_on_site<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(path): Path<(String, String)>,
    keyed: Keyed,
    Checked(body): Checked<designation::ScreeningBody>,
) -> Result<axum::Json<Value>, Problem> {
    let path = call_and_qualification(path)?;
    designation::screen(&shared, &actor, keyed.key(), path, Stage::OnSite, body).await
}

/// Records the committee's deliberation (정책심의회 심의) on a call's qualification: the agency
/// only; the selected applications it does not name are approved.
#[utoipa::path(
    post,
    path = "/v1/designation/calls/{id}/qualifications/{code}/deliberation",
    tag = "designation",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The call"),
        ("code" = schemas::QualificationCode, Path, description = "The qualification"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = designation::DeliberationBody,
        content_type = "application/json",
        example = json!({"held_on": "2026-04-08", "not_approved": []})
    ),
    responses(
        (status = 200, description = "The applications as they now stand", body = designation::Records),
        CommandProblems,
    )
)]
pub(crate) async fn deliberate<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(path): Path<(String, String)>,
    keyed: Keyed,
    Checked(body): Checked<designation::DeliberationBody>,
) -> Result<axum::Json<Value>, Problem> {
    let path = call_and_qualification(path)?;
    designation::deliberate(&shared, &actor, keyed.key(), path, body).await
}

/// Designates an approved application as a course (과정 지정): the agency only. The course is
/// stored with the application's plan, open for enrollment.
#[utoipa::path(
    post,
    path = "/v1/designation/applications/{id}/designation",
    tag = "designation",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The application"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = designation::DesignateBody,
        content_type = "application/json",
        example = json!({"course": "00000000-0000-0000-0000-000000000901"})
    ),
    responses(
        (status = 201, description = "The record and its version", body = shapes::VersionedDesignationRecord),
        CommandProblems,
    )
)]
pub(crate) async fn designate<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<designation::DesignateBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    designation::designate(&shared, &actor, keyed.key(), path_id(&id)?, body).await
}

/// Records an operation check (운영 확인, at least once a quarter, 시행령 제14조의4) of a
/// designated course, with its findings: the agency only.
#[utoipa::path(
    post,
    path = "/v1/designation/applications/{id}/operation-checks",
    tag = "designation",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The application"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = designation::OperationCheckBody,
        content_type = "application/json",
        example = json!({"checked_on": "2026-10-05", "method": "on_site", "findings": [{"note": "실습 장비 2대 부족", "ground": "criteria_not_met"}]})
    ),
    responses(
        (status = 201, description = "The record and its version", body = shapes::VersionedDesignationRecord),
        CommandProblems,
    )
)]
pub(crate) async fn record_operation_check<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<designation::OperationCheckBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    designation::record_operation_check(&shared, &actor, keyed.key(), path_id(&id)?, body).await
}

/// Records a hearing (청문) on a designated course: the agency only. A cancellation needs one
/// held before it.
#[utoipa::path(
    post,
    path = "/v1/designation/applications/{id}/hearings",
    tag = "designation",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The application"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = designation::HearingBody,
        content_type = "application/json",
        example = json!({"held_on": "2026-10-20"})
    ),
    responses(
        (status = 201, description = "The record and its version", body = shapes::VersionedDesignationRecord),
        CommandProblems,
    )
)]
pub(crate) async fn record_hearing<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<designation::HearingBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    designation::record_hearing(&shared, &actor, keyed.key(), path_id(&id)?, body).await
}

/// Takes a measure on a designated course (시정명령, 지정취소): the agency only, and only as the
/// core's `sanction` decision allows (a cancellation without a hearing is `403
/// hearing_required`, audited). A cancellation closes the course to new enrollment and keeps
/// its trainees' records, flagged.
#[utoipa::path(
    post,
    path = "/v1/designation/applications/{id}/measures",
    tag = "designation",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The application"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = designation::MeasureBody,
        content_type = "application/json",
        example = json!({"grounds": ["criteria_not_met"], "measure": "corrective_order"})
    ),
    responses(
        (status = 201, description = "The record and its version", body = shapes::VersionedDesignationRecord),
        CommandProblems,
    )
)]
pub(crate) async fn take_measure<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<designation::MeasureBody>,
) -> Result<(StatusCode, axum::Json<Value>), Problem> {
    designation::take_measure(&shared, &actor, keyed.key(), path_id(&id)?, body).await
}

/// Removes the applications older than their retention period (3 years, 법 제25조의4,
/// 시행규칙 제46조) and says, for each one kept, when it may go: the agency only. It never
/// removes a younger record.
#[utoipa::path(
    post,
    path = "/v1/designation/retention",
    tag = "designation",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer")),
    responses(
        (status = 200, description = "What was removed and what was kept", body = designation::Retention),
        CommandProblems,
    )
)]
pub(crate) async fn apply_retention<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    keyed: Keyed,
) -> Result<axum::Json<Value>, Problem> {
    designation::apply_retention(&shared, &actor, keyed.key()).await
}
