//! The routes of a learning-work contract's (학습근로계약) changes beyond its ledger: a change of
//! term (기간 단축·연장), the learner's pass (합격) and the conversion it leaves owed (무기계약
//! 전환), a transfer to carry the programme on (과정 계속 이수), a permission for night and
//! holiday OJT (서면 합의, 인가), an internal evaluation (내부평가) of a unit of the company's
//! approved programme, the completion certificate (이수증명서) and the external evaluations
//! (외부평가) the learner sat, and the partial completion certificate of a learner who left
//! early. Each is authorised for the
//! company the contract binds now, and refused with the core's reasons where the core decides.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use cqnet_store::Clock;
use cqnet_store::work_study::ContractId;
use serde_json::Value;

use crate::actor::Caller;
use crate::body::Checked;
use crate::contract::{
    ContractEvaluationBody, ConversionBody, ExternalResultBody, OjtPermissionBody,
    PartialCertificateBody, PassBody, TermChangeBody, TransferBody,
};
use crate::idempotency::Keyed;
use crate::openapi::responses::CommandProblems;
use crate::openapi::work_study_schemas as schemas;
use crate::routes::{Ctx, Store, path_id};
use crate::work_study::service;
use crate::{Problem, Shared, created};

/// The routes of a contract's changes, merged into [`Api::router`](crate::Api::router).
pub(crate) fn routes<S: Store + 'static, C: Clock + Clone + 'static>() -> Router<Arc<Shared<S, C>>>
{
    Router::new()
        .route(
            "/v1/learning-contracts/{id}/term-change",
            post(change_term::<S, C>),
        )
        .route(
            "/v1/learning-contracts/{id}/pass",
            post(record_pass::<S, C>),
        )
        .route(
            "/v1/learning-contracts/{id}/conversion",
            post(close_conversion::<S, C>),
        )
        .route(
            "/v1/learning-contracts/{id}/transfer",
            post(transfer::<S, C>),
        )
        .route(
            "/v1/learning-contracts/{id}/ojt-permissions",
            post(record_ojt_permission::<S, C>),
        )
        .route(
            "/v1/learning-contracts/{id}/internal-evaluations",
            post(record_internal_evaluation::<S, C>),
        )
        .route(
            "/v1/learning-contracts/{id}/completion-certificate",
            post(issue_completion_certificate::<S, C>),
        )
        .route(
            "/v1/learning-contracts/{id}/external-results",
            post(record_external_result::<S, C>),
        )
        .route(
            "/v1/learning-contracts/{id}/partial-certificate",
            post(issue_partial_certificate::<S, C>),
        )
}

/// Shortens or extends a contract's term (법 제21조제4항): the staff of the company it binds, or
/// the agency.
///
/// A change the core does not allow is `403 refused` with its reasons, audited, nothing
/// stored: without the learner's consent `term_change_without_consent`, without the agency's
/// approval `term_change_not_approved`, past the longest term `contract_too_long`.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/term-change",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = TermChangeBody,
        content_type = "application/json",
        example = json!({"new_end": "2028-03-06", "learner_consented": true, "approved_on": "2026-03-06"})
    ),
    responses(
        (status = 201, description = "The contract with its new end, and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn change_term<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<TermChangeBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let changed = service(&shared)
        .change_contract_term(&actor, keyed.key(), id, &body.into_domain())
        .await?;
    created(&changed)
}

/// Records that the learner passed the external evaluation (합격): the agency only. The
/// contract ends on the pass (법 제22조제2항) and the company owes the conversion (법 제24조)
/// until it records it.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/pass",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = PassBody,
        content_type = "application/json",
        example = json!({"passed_on": "2026-03-06"})
    ),
    responses(
        (status = 201, description = "The contract (`status` `passed`) with the conversion owed, and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn record_pass<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<PassBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let passed = service(&shared)
        .record_pass(&actor, keyed.key(), id, &body.into_domain())
        .await?;
    created(&passed)
}

/// Records the conversion of a learner who passed into an open-ended employee (무기계약 전환,
/// 법 제24조), closing the duty: the staff of the company the contract binds, or the agency.
/// Without a pass it is `409 conflict` with the code `conversion_not_open`.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/conversion",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = ConversionBody,
        content_type = "application/json",
        example = json!({"converted_on": "2026-03-07"})
    ),
    responses(
        (status = 201, description = "The contract with the conversion closed, and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn close_conversion<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<ConversionBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let closed = service(&shared)
        .close_conversion(&actor, keyed.key(), id, &body.into_domain())
        .await?;
    created(&closed)
}

/// Carries the learner's programme on at another designated company (과정 계속 이수, 법
/// 제14조제2항) once the contract's company's designation is cancelled or suspended: the agency
/// only. The whole record moves; nothing is dropped. While the designation is in force it is
/// `409 conflict` with the code `not_carried_on`; a destination not designated `not_designated`.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/transfer",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = TransferBody,
        content_type = "application/json",
        example = json!({"to": "00000000-0000-0000-0000-0000000000c9"})
    ),
    responses(
        (status = 201, description = "The contract bound to the new company, and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn transfer<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<TransferBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let moved = service(&shared)
        .transfer_contract(&actor, keyed.key(), id, body.into_domain())
        .await?;
    created(&moved)
}

/// Records a permission for night and holiday OJT (법 제27조제2항): the learner's written
/// agreement (서면 합의) by the staff of the company the contract binds or the agency; the
/// ministry's authorisation (인가) by the agency only.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/ojt-permissions",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = OjtPermissionBody,
        content_type = "application/json",
        example = json!({"kind": "written_agreement", "granted_on": "2026-03-06"})
    ),
    responses(
        (status = 201, description = "The contract with the permission, and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn record_ojt_permission<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<OjtPermissionBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let permitted = service(&shared)
        .record_ojt_permission(&actor, keyed.key(), id, &body.into_domain())
        .await?;
    created(&permitted)
}

/// Records an internal evaluation (내부평가) of a unit of the company's approved programme: the
/// staff of the company the contract binds, or the agency. Whether the unit passed is the
/// core's. A programme of another company is `409 conflict` with the code
/// `learner_of_another_company`, a unit not in it `unit_not_in_programme`; a score out of 0 to
/// 100 is `422 invalid-field` at `/score`.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/internal-evaluations",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = ContractEvaluationBody,
        content_type = "application/json",
        example = json!({"programme": "00000000-0000-0000-0000-0000000000a1", "unit": "1501020101_20v3", "score": "85", "evaluated_on": "2026-03-06"})
    ),
    responses(
        (status = 201, description = "The contract with the evaluation and whether it passed, and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn record_internal_evaluation<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<ContractEvaluationBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let evaluated = service(&shared)
        .record_internal_evaluation(&actor, keyed.key(), id, &body.into_domain())
        .await?;
    created(&evaluated)
}

/// Issues the completion certificate (이수증명서) of the programme the learner's internal
/// evaluations belong to: the employer issues it (시행규칙 제8조), so the staff of the company
/// the contract binds, or the agency.
///
/// The core decides it on the programme, the evaluations and the contract's ledger up to
/// today: short of its pass it is `403 refused` with its reasons
/// (`internal_unit_pass_ratio_below_minimum`, `attendance_below_minimum`), audited, nothing
/// stored. Without an internal evaluation it is `409 conflict` with the code
/// `completion_refused`; once issued, `409 already-exists`.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/completion-certificate",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key replays the first answer"),
    ),
    responses(
        (status = 201, description = "The contract with its certificate (`completion`), and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn issue_completion_certificate<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let issued = service(&shared)
        .issue_completion_certificate(&actor, keyed.key(), id)
        .await?;
    created(&issued)
}

/// Records an external evaluation (외부평가) the learner sat, with the pass or fail of each unit:
/// the agency only. The core decides the pass on the record the completion certificate
/// (이수증명서) was issued on; a pass ends the contract on its announcement and opens the
/// conversion (법 제22조제2항, 제24조), a fail is kept, and an owed extension rests on it.
///
/// Without the certificate it is `409 conflict` with the code `not_eligible_for_external`; a
/// retake outside the retake window (재응시 기간) is `403 refused` with `retake_window_closed`;
/// a round of the course-based track is `422` at `/round`, an announcement before the sitting
/// at `/announced_on`.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/external-results",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = ExternalResultBody,
        content_type = "application/json",
        example = json!({
            "round": "2027-W1-01", "sat_on": "2027-05-15", "announced_on": "2027-06-11",
            "units": [{"code": null, "passed": true}, {"code": null, "passed": false}]
        })
    ),
    responses(
        (status = 201, description = "The contract with the evaluation and the core's pass on it, and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn record_external_result<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<ExternalResultBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let entry = body.into_domain()?;
    let recorded = service(&shared)
        .record_external_result(&actor, keyed.key(), id, &entry)
        .await?;
    created(&recorded)
}

/// Issues the partial completion certificate (시행규칙 제8조, 별지 제3호서식) a learner who left
/// early asked for: the staff of the company the contract binds, or the agency. It holds the
/// training done until the termination, as the termination's statement keeps it, and the units
/// whose latest internal evaluation passed; issued once.
///
/// For a contract not terminated it is `409 conflict` with the code `not_left_early`; a
/// request dated after today `409` with `date_out_of_order`; once issued `409`
/// `already-exists`.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/partial-certificate",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = PartialCertificateBody,
        content_type = "application/json",
        example = json!({"requested_on": "2026-09-03"})
    ),
    responses(
        (status = 201, description = "The contract with its partial certificate (`partial_certificate`), and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn issue_partial_certificate<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<PartialCertificateBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let issued = service(&shared)
        .issue_partial_certificate(&actor, keyed.key(), id, &body.into_domain())
        .await?;
    created(&issued)
}
