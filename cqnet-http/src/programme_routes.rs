//! The routes of work-study programmes (일학습병행과정): the agency approves a designated
//! company's programme (인정) as the core's `programme` decision finds it at its occupation's
//! training standard (교육훈련기준), and the company's staff and the agency read it.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use cqnet_store::Clock;
use cqnet_store::work_study::ProgrammeId;
use serde_json::Value;

use crate::actor::Caller;
use crate::body::Checked;
use crate::idempotency::Keyed;
use crate::openapi::responses::{
    CommandProblems, Forbidden, NotFound, ServerProblems, Unauthorized,
};
use crate::openapi::work_study_schemas as schemas;
use crate::programme::ProgrammeBody;
use crate::routes::{Ctx, Store, path_id};
use crate::work_study::service;
use crate::{Problem, Shared, created};

/// The programme routes, merged into [`Api::router`](crate::Api::router).
pub(crate) fn routes<S: Store + 'static, C: Clock + Clone + 'static>() -> Router<Arc<Shared<S, C>>>
{
    Router::new()
        .route("/v1/work-study-programmes", post(approve_programme::<S, C>))
        .route("/v1/work-study-programmes/{id}", get(programme::<S, C>))
}

/// Approves a designated company's work-study programme (일학습병행과정 인정): the agency only.
///
/// A programme the core's `programme` decision does not find at its standard is `403
/// refused` with its reasons, audited, nothing stored (`mandatory_unit_missing`,
/// `unknown_unit`, `unit_ojt_hours_below_standard`, `unit_off_jt_hours_below_standard`,
/// `internal_evaluation_plan_missing`, `programme_too_short`, `programme_too_long`). A company
/// not designated, or suspended or cancelled, today is `409 conflict` with its code. A unit
/// twice is `422 invalid-field` at `/standard` or `/plan`.
#[utoipa::path(
    post,
    path = "/v1/work-study-programmes",
    tag = "work-study",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer")),
    request_body(
        content = ProgrammeBody,
        content_type = "application/json",
        example = json!({
            "id": "00000000-0000-0000-0000-0000000000a1",
            "company": "00000000-0000-0000-0000-0000000000c8",
            "standard": {
                "occupation": "CNC밀링가공", "version": "L3",
                "units": [
                    {"code": "1501020101_20v3", "kind": "mandatory", "ojt_hours": "12", "off_jt_hours": "4"},
                    {"code": "1501020102_20v3", "kind": "elective", "ojt_hours": "6", "off_jt_hours": "2"}
                ]
            },
            "plan": {
                "months": 12,
                "units": [
                    {"code": "1501020101_20v3", "ojt_hours": "12", "off_jt_hours": "4"},
                    {"code": "1501020102_20v3", "ojt_hours": "6", "off_jt_hours": "2"}
                ],
                "evaluation": {"method": "필기·실기", "procedure": "기업현장교사가 평가하고 결과를 기록", "timing": "능력단위 훈련 종료 후"}
            }
        })
    ),
    responses(
        (status = 201, description = "The programme as approved, and its version", body = schemas::VersionedProgramme),
        CommandProblems,
    )
)]
pub(crate) async fn approve_programme<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    keyed: Keyed,
    Checked(body): Checked<ProgrammeBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let programme = body.into_domain()?;
    let approved = service(&shared)
        .approve_programme(&actor, keyed.key(), &programme)
        .await?;
    created(&approved)
}

/// An approved work-study programme (일학습병행과정): the staff of the company that runs it, and
/// the agency.
#[utoipa::path(
    get,
    path = "/v1/work-study-programmes/{id}",
    tag = "work-study",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The programme")),
    responses(
        (status = 200, description = "The programme and its version", body = schemas::VersionedProgramme),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn programme<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    let id: ProgrammeId = path_id(&id)?;
    let read = service(&shared).programme(&actor, id).await?;
    Ok(Json(crate::to_json(&read)?))
}
