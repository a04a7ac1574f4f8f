//! The work-study routes (일학습병행): learning companies (학습기업) from their application
//! through the on-site review to the designation, their company field teachers (기업현장교사)
//! with their training, and the learning-work contracts (학습근로계약) with their ledger of OJT
//! and Off-JT days, the extensions owed and their termination. Each command takes an actor and an
//! `Idempotency-Key`; every read takes an actor the core's access rules let see the record.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use cqnet_core::access::PartyId;
use cqnet_store::Clock;
use cqnet_store::training::InstitutionId;
use cqnet_store::work_study::ContractId;
use serde_json::Value;

use crate::actor::Caller;
use crate::body::Checked;
use crate::created;
use crate::idempotency::Keyed;
use crate::openapi::responses::{
    CommandProblems, Forbidden, NotFound, ServerProblems, Unauthorized,
};
use crate::openapi::work_study_schemas as schemas;
use crate::routes::{Ctx, Store, path_id};
use crate::work_study::{self, service};
use crate::{Problem, Shared};

/// The routes of learning companies, field teachers and contracts, merged into
/// [`Api::router`](crate::Api::router).
pub(crate) fn routes<S: Store + 'static, C: Clock + Clone + 'static>() -> Router<Arc<Shared<S, C>>>
{
    Router::new()
        .route(
            "/v1/learning-companies",
            post(apply_for_designation::<S, C>),
        )
        .route("/v1/learning-companies/{id}", get(company::<S, C>))
        .route(
            "/v1/learning-companies/{id}/site-review",
            post(record_site_review::<S, C>),
        )
        .route(
            "/v1/learning-companies/{id}/designation",
            post(designate::<S, C>),
        )
        .route("/v1/field-teachers", post(register_field_teacher::<S, C>))
        .route("/v1/field-teachers/{id}", get(field_teacher::<S, C>))
        .route(
            "/v1/field-teachers/{id}/training",
            post(record_teacher_training::<S, C>),
        )
        .route("/v1/learning-contracts", post(conclude_contract::<S, C>))
        .route("/v1/learning-contracts/{id}", get(contract::<S, C>))
        .route(
            "/v1/learning-contracts/{id}/training-days",
            post(record_training_day::<S, C>),
        )
        .route(
            "/v1/learning-contracts/{id}/extension",
            post(extend_contract::<S, C>),
        )
        .route(
            "/v1/learning-contracts/{id}/termination",
            post(terminate_contract::<S, C>),
        )
}

/// Files a company's application for designation as a learning company (학습기업 지정 신청):
/// its staff for their own company, or the agency.
#[utoipa::path(
    post,
    path = "/v1/learning-companies",
    tag = "work-study",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer")),
    request_body(
        content = work_study::CompanyApplicationBody,
        content_type = "application/json",
        example = json!({
            "company": "00000000-0000-0000-0000-0000000000c8",
            "facts": {
                "wage_arrears_listed": false, "accident_disclosed_on": null,
                "training_restricted": false, "employment_insured": true,
                "regular_employees": 50, "min_regular_employees": 20,
                "credit_rating_meets_notice": true, "field_teachers": 2, "hr_staff": 1,
                "staffing_plan": true, "programme_approved": true
            }
        })
    ),
    responses(
        (status = 201, description = "The company as applied, and its version", body = schemas::VersionedLearningCompany),
        CommandProblems,
    )
)]
pub(crate) async fn apply_for_designation<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    keyed: Keyed,
    Checked(body): Checked<work_study::CompanyApplicationBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let application = body.into_domain();
    let filed = service(&shared)
        .apply_for_designation(&actor, keyed.key(), &application)
        .await?;
    created(&filed)
}

/// Records the on-site review (현장실사) of an applicant: the agency only.
#[utoipa::path(
    post,
    path = "/v1/learning-companies/{id}/site-review",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The company"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = work_study::SiteReviewBody,
        content_type = "application/json",
        example = json!({"reviewed_on": "2026-03-03", "facilities_confirmed": true})
    ),
    responses(
        (status = 201, description = "The company with its review, and its version", body = schemas::VersionedLearningCompany),
        CommandProblems,
    )
)]
pub(crate) async fn record_site_review<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<work_study::SiteReviewBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let company: InstitutionId = path_id(&id)?;
    let reviewed = service(&shared)
        .record_site_review(&actor, keyed.key(), company, &body.into_domain())
        .await?;
    created(&reviewed)
}

/// Decides an applicant's designation (학습기업 지정) today: the agency only.
///
/// The core's decision is recorded with its reasons: the company is designated when it meets
/// every requirement, refused (지정 거부) otherwise; both are `201`. No on-site review recorded
/// is `409 conflict` with the code `site_review_missing`.
#[utoipa::path(
    post,
    path = "/v1/learning-companies/{id}/designation",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The company"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key replays the first answer"),
    ),
    responses(
        (status = 201, description = "The company with the decision, and its version", body = schemas::VersionedLearningCompany),
        CommandProblems,
    )
)]
pub(crate) async fn designate<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let company: InstitutionId = path_id(&id)?;
    let decided = service(&shared)
        .designate(&actor, keyed.key(), company)
        .await?;
    created(&decided)
}

/// A learning company (학습기업) with its whole history: its staff and the agency.
#[utoipa::path(
    get,
    path = "/v1/learning-companies/{id}",
    tag = "work-study",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The company")),
    responses(
        (status = 200, description = "The company and its version", body = schemas::VersionedLearningCompany),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn company<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    let read = service(&shared).company(&actor, path_id(&id)?).await?;
    Ok(Json(crate::to_json(&read)?))
}

/// Registers a company field teacher (기업현장교사) for a designated company: its staff or the
/// agency, and only a teacher the core qualifies (`403 refused` with
/// `field_teacher_requirements_not_met` otherwise).
#[utoipa::path(
    post,
    path = "/v1/field-teachers",
    tag = "work-study",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer")),
    request_body(
        content = work_study::FieldTeacherBody,
        content_type = "application/json",
        example = json!({
            "teacher": "teacher-1",
            "company": "00000000-0000-0000-0000-0000000000c8",
            "candidate": {
                "related_degree": false, "training_years": "0", "research_years": "0",
                "vocational_training_teacher": false, "work_study_qualification": false,
                "national_qualification": false, "practical_years": "5"
            }
        })
    ),
    responses(
        (status = 201, description = "The teacher and their version", body = schemas::VersionedFieldTeacher),
        CommandProblems,
    )
)]
pub(crate) async fn register_field_teacher<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    keyed: Keyed,
    Checked(body): Checked<work_study::FieldTeacherBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let teacher = body.into_domain()?;
    let registered = service(&shared)
        .register_field_teacher(&actor, keyed.key(), &teacher)
        .await?;
    created(&registered)
}

/// Records a field teacher's mandatory training: their company's staff or the agency.
#[utoipa::path(
    post,
    path = "/v1/field-teachers/{id}/training",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The teacher"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = work_study::TeacherTrainingBody,
        content_type = "application/json",
        example = json!({"company": "00000000-0000-0000-0000-0000000000c8", "completed_on": "2026-03-10", "hours": "18"})
    ),
    responses(
        (status = 201, description = "The teacher with their training, and their version", body = schemas::VersionedFieldTeacher),
        CommandProblems,
    )
)]
pub(crate) async fn record_teacher_training<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<work_study::TeacherTrainingBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let teacher = path_id::<PartyId>(&id)?;
    let (company, training) = body.into_domain();
    let trained = service(&shared)
        .record_teacher_training(&actor, keyed.key(), &teacher, company, &training)
        .await?;
    created(&trained)
}

/// A company field teacher (기업현장교사): their company's staff and the agency.
#[utoipa::path(
    get,
    path = "/v1/field-teachers/{id}",
    tag = "work-study",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The teacher")),
    responses(
        (status = 200, description = "The teacher and their version", body = schemas::VersionedFieldTeacher),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn field_teacher<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    let read = service(&shared)
        .field_teacher(&actor, &path_id::<PartyId>(&id)?)
        .await?;
    Ok(Json(crate::to_json(&read)?))
}

/// Concludes a learning-work contract (학습근로계약) with a designated company: its staff or the
/// agency, and only terms the core finds valid (`403 refused` with its reasons otherwise).
#[utoipa::path(
    post,
    path = "/v1/learning-contracts",
    tag = "work-study",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer")),
    request_body(
        content = work_study::ContractBody,
        content_type = "application/json",
        example = json!({
            "id": "00000000-0000-0000-0000-000000000001",
            "learner": "learner-1",
            "born_on": "2004-05-06",
            "company": "00000000-0000-0000-0000-0000000000c8",
            "terms": {
                "starts_on": "2026-03-02", "ends_on": "2030-03-02", "degree_course": false,
                "daily_hours": "8", "in_writing": true, "given_to_learner_on": "2026-03-02"
            }
        })
    ),
    responses(
        (status = 201, description = "The contract and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn conclude_contract<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    keyed: Keyed,
    Checked(body): Checked<work_study::ContractBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let contract = body.into_domain()?;
    let concluded = service(&shared)
        .conclude_contract(&actor, keyed.key(), &contract)
        .await?;
    created(&concluded)
}

/// A learning-work contract (학습근로계약) with its history and its ledger: the staff of the
/// company it binds, its learner and the agency.
#[utoipa::path(
    get,
    path = "/v1/learning-contracts/{id}",
    tag = "work-study",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The contract")),
    responses(
        (status = 200, description = "The contract and its version", body = schemas::VersionedLearningContract),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn contract<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    let id: ContractId = path_id(&id)?;
    let read = service(&shared).contract(&actor, id).await?;
    Ok(Json(crate::to_json(&read)?))
}

/// Records a day of OJT or Off-JT in a contract's ledger: the staff of the company it binds,
/// or the agency.
///
/// A day the core does not allow is `403 refused` with its reasons: a night or holiday OJT
/// day without the learner's written agreement (`night_holiday_ojt_without_agreement`), or
/// without the ministry's authorisation for a minor (`night_holiday_ojt_without_authorisation`).
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/training-days",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = work_study::TrainingDayBody,
        content_type = "application/json",
        example = json!({"kind": "ojt", "day": "2026-03-03", "from": "09:00:00", "until": "16:00:00", "hours": "6"})
    ),
    responses(
        (status = 201, description = "The contract with the day, and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn record_training_day<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<work_study::TrainingDayBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let entry = body.into_domain()?;
    let recorded = service(&shared)
        .record_training_day(&actor, keyed.key(), id, &entry)
        .await?;
    created(&recorded)
}

/// Records the extension an employer owes after a failed external evaluation (연장): the staff
/// of the company the contract binds, or the agency, as far as the core allows (`403 refused`
/// with its reasons otherwise).
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/extension",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = work_study::ExtensionBody,
        content_type = "application/json",
        example = json!({"failed_on": "2027-03-02", "months": 6, "learner_requested": true})
    ),
    responses(
        (status = 201, description = "The contract with its new end, and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn extend_contract<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<work_study::ExtensionBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let extended = service(&shared)
        .extend_contract(&actor, keyed.key(), id, &body.into_domain())
        .await?;
    created(&extended)
}

/// Terminates a contract (법 제23조): the staff of the company it binds, or the agency, only as
/// the core allows (a just cause, notified in writing with its reason and day; `403 refused`
/// with `no_just_cause` or `notice_not_in_writing` otherwise). The statement of the training
/// done is kept with it.
#[utoipa::path(
    post,
    path = "/v1/learning-contracts/{id}/termination",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The contract"),
        ("Idempotency-Key" = String, Header, description = "The command's key: 1 to 128 visible ASCII characters (an RFC 8941 string may be quoted); the same key and body replay the first answer"),
    ),
    request_body(
        content = work_study::TerminationBody,
        content_type = "application/json",
        example = json!({"ground": "learner_gave_up", "written_notice": true, "states_reason_and_date": true, "effective_on": "2026-09-01"})
    ),
    responses(
        (status = 201, description = "The contract as terminated, and its version", body = schemas::VersionedLearningContract),
        CommandProblems,
    )
)]
pub(crate) async fn terminate_contract<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    keyed: Keyed,
    Checked(body): Checked<work_study::TerminationBody>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let id: ContractId = path_id(&id)?;
    let terminated = service(&shared)
        .terminate_contract(&actor, keyed.key(), id, &body.into_domain())
        .await?;
    created(&terminated)
}
