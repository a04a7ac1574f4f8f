//! The routes of a designated learning company's hearings (청문) and the measures taken against
//! it (시정명령, 지정취소, 지정의 효력 정지): the agency only, and a measure only as the core's
//! `sanction` decision allows with the hearings recorded by today.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use cqnet_store::Clock;
use cqnet_store::training::InstitutionId;
use serde_json::Value;

use crate::actor::Caller;
use crate::body::Checked;
use crate::idempotency::Keyed;
use crate::learning_company::{CompanyHearingBody, CompanyMeasureBody};
use crate::openapi::responses::CommandProblems;
use crate::openapi::work_study_schemas as schemas;
use crate::routes::{Ctx, Store, path_id};
use crate::work_study::service;
use crate::{Problem, Shared, created};

/// The routes of a learning company's hearings and measures, merged into
/// [`Api::router`](crate::Api::router).
pub(crate) fn routes<S: Store + 'static, C: Clock + Clone + 'static>() -> Router<Arc<Shared<S, C>>>
{
    Router::new()
        .route(
            "/v1/learning-companies/{id}/hearings",
            post(record_hearing::<S, C>),
        )
        .route(
            "/v1/learning-companies/{id}/measures",
            post(take_measure::<S, C>),
        )
}

/// Records a hearing (청문) of a designated learning company: the agency only. A cancellation
/// (지정취소) needs one held by its day.
#[utoipa::path(
    post,
    path = "/v1/learning-companies/{id}/hearings",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The company"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = CompanyHearingBody,
        content_type = "application/json",
        example = json!({"held_on": "2026-03-06"})
    ),
    responses(
        (status = 201, description = "The company with the hearing, and its version", body = schemas::VersionedLearningCompany),
        CommandProblems,
    )
)]
pub(crate) async fn record_hearing<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<CompanyHearingBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let company: InstitutionId = path_id(&id)?;
    let heard = service(&shared)
        .record_hearing(&actor, keyed.key(), company, &body.into_domain())
        .await?;
    created(&heard)
}

/// Takes a measure against a designated learning company today (시정명령, 지정취소, 지정의 효력
/// 정지): the agency only.
///
/// A measure the core's `sanction` decision does not allow is `403 refused` with its reasons,
/// audited, nothing stored: a cancellation without a hearing `hearing_required`, a suspension
/// past the pack's longest `suspension_too_long`, a lesser measure on a ground that mandates
/// cancellation `cancellation_mandatory`. A company never designated is `409 conflict` with the
/// code `not_designated`. A suspension without months, or months for another measure, is `422
/// invalid-field` at `/months`; no ground, or one twice, at `/grounds`.
#[utoipa::path(
    post,
    path = "/v1/learning-companies/{id}/measures",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The company"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = CompanyMeasureBody,
        content_type = "application/json",
        example = json!({"grounds": ["criteria_not_met"], "measure": "suspension", "months": 6})
    ),
    responses(
        (status = 201, description = "The company with the measure, and its version", body = schemas::VersionedLearningCompany),
        CommandProblems,
    )
)]
pub(crate) async fn take_measure<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<CompanyMeasureBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let company: InstitutionId = path_id(&id)?;
    let order = body.into_domain()?;
    let taken = service(&shared)
        .take_measure(&actor, keyed.key(), company, &order)
        .await?;
    created(&taken)
}
