//! The exam routes: publishing a round (외부평가 회차), applying (원서접수), entering and
//! finalising a result, a result and a candidate's attempts as the actor may see them, and the
//! public pass list (합격자 명단) after the announcement.

use axum::Json;
use axum::http::StatusCode;
use cqnet_core::exam::{ExamNumber, ExamPlan, ExamPlanSpec};
use cqnet_core::rules::CancelReason;
use cqnet_store::certificate::AsyncCertificateStore;
use cqnet_store::exam::{
    ApplicationId, ApplicationRequest, ApplicationStatus, AsyncExamStore, Attempt, ExamResult,
    ExamRound, MAX_VENUE_CAPACITY, Marks, RoundId, Venue, VenueCode,
};
use cqnet_store::training::EnrollmentId;
use cqnet_store::{Actor, AsyncStore, Clock, IdempotencyKey, Version};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::body::chars;
use serde_json::Value;
use utoipa::ToSchema;

use crate::openapi::schemas;
use crate::query::Params;
use crate::{Problem, Shared, paging, to_json};

/// `POST /v1/rounds`: a round's plan (시행계획) and its venues (시험장).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoundBody {
    /// The plan.
    #[schema(value_type = schemas::ExamPlan)]
    plan: ExamPlanSpec,
    /// The venues, at least one.
    #[validate(length(min = 1, max = crate::MAX_LIST_ITEMS), nested)]
    #[schema(min_items = 1, max_items = 10_000)]
    venues: Vec<VenueBody>,
    /// A round outside the yearly plan (수시).
    #[serde(default)]
    ad_hoc: bool,
}

/// A venue (시험장) and its seats.
#[derive(Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct VenueBody {
    /// The venue's code.
    #[schema(value_type = schemas::VenueCode)]
    code: VenueCode,
    /// The venue's name, not empty.
    #[validate(length(min = 1, max = chars::VENUE_NAME))]
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    /// How many candidates it seats, at least 1.
    #[validate(range(min = 1, max = MAX_VENUE_CAPACITY))]
    #[schema(minimum = 1, maximum = 100_000)]
    capacity: u32,
}

impl RoundBody {
    fn into_domain(self) -> Result<ExamRound, Problem> {
        let plan = ExamPlan::new(self.plan).map_err(|e| Problem::invalid_field("/plan", &e))?;
        let venues = self
            .venues
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                Venue::new(v.code, &v.name, v.capacity)
                    .map_err(|e| Problem::invalid_field(&format!("/venues/{i}"), &e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        ExamRound::new(plan, venues, self.ad_hoc).map_err(|e| Problem::invalid_field("/venues", &e))
    }
}

/// `POST /v1/applications`: an application (원서) of a candidate for a round, at a venue.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ApplyBody {
    /// The application's identifier, chosen by the caller.
    #[schema(value_type = uuid::Uuid)]
    id: ApplicationId,
    /// The round.
    #[schema(value_type = schemas::RoundId)]
    round: RoundId,
    /// The candidate's enrollment.
    #[schema(value_type = uuid::Uuid)]
    candidate: EnrollmentId,
    /// The venue.
    #[schema(value_type = schemas::VenueCode)]
    venue: VenueCode,
}

/// `POST /v1/applications/{id}/result`: the marks of an application, by an evaluator.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResultBody {
    /// The marks.
    #[schema(value_type = schemas::Marks)]
    marks: Marks,
    /// The version of the result being corrected; absent for the first entry.
    #[serde(default)]
    #[schema(value_type = Option<schemas::Version>)]
    expected_version: Option<Version>,
}

/// `POST /v1/applications/{id}/result/finalise`: the result made final (결과 확정).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct FinaliseBody {
    /// The version of the result being made final.
    #[schema(value_type = schemas::Version)]
    expected_version: Version,
}

/// `POST /v1/applications/{id}/payment`: the fee recorded as paid (응시수수료 납부).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct PaymentBody {
    /// The version of the application being marked paid.
    #[schema(value_type = schemas::Version)]
    expected_version: Version,
}

/// `POST /v1/applications/{id}/cancellation`: an application cancelled (접수 취소), its fee
/// refunded as the core's refund decision says.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct CancellationBody {
    /// Why.
    #[schema(value_type = schemas::CancelReason)]
    reason: CancelReason,
}

/// The answer of `POST /v1/applications/{id}/payment`.
#[derive(Serialize, ToSchema)]
pub(crate) struct PaymentRecorded {
    /// The application.
    #[schema(value_type = uuid::Uuid)]
    application: ApplicationId,
    /// Its version.
    #[schema(value_type = schemas::Version)]
    version: Version,
}

/// The answer of `POST /v1/rounds`.
#[derive(Serialize, ToSchema)]
pub(crate) struct RoundPublished {
    /// The round's identifier.
    #[schema(value_type = schemas::RoundId)]
    round: RoundId,
    /// Its version.
    #[schema(value_type = schemas::Version)]
    version: Version,
}

/// The answer of `POST /v1/applications/{id}/result`.
#[derive(Serialize, ToSchema)]
pub(crate) struct ResultEntered {
    /// The application.
    #[schema(value_type = uuid::Uuid)]
    application: ApplicationId,
    /// The result's version.
    #[schema(value_type = schemas::Version)]
    version: Version,
}

/// The answer of `POST /v1/applications/{id}/result/finalise`.
#[derive(Serialize, ToSchema)]
pub(crate) struct ResultFinalised {
    /// The application.
    #[schema(value_type = uuid::Uuid)]
    application: ApplicationId,
    /// The final result's version.
    #[schema(value_type = schemas::Version)]
    version: Version,
    /// Whether the candidate passed (합격).
    passed: bool,
}

/// The answer of `GET /v1/rounds/{id}/pass-list`.
#[derive(Serialize, ToSchema)]
pub(crate) struct PassList {
    /// The round.
    #[schema(value_type = schemas::RoundId)]
    round: RoundId,
    /// The passers' exam numbers (수험번호) on this page, in order.
    #[schema(value_type = Vec<schemas::ExamNumber>)]
    passers: Vec<ExamNumber>,
    /// The last exam number of this page, to send as `after` for the next page; `null` on the
    /// last page.
    #[schema(value_type = Option<schemas::ExamNumber>)]
    next: Option<ExamNumber>,
}

/// The answer of `GET /v1/applications/{id}/result`.
#[derive(Serialize, ToSchema)]
pub(crate) struct ResultView {
    /// The application.
    #[schema(value_type = uuid::Uuid)]
    application: ApplicationId,
    /// The result as the caller may see it now; `null` while there is none to show (not
    /// entered yet, or, for a candidate, not final yet).
    result: Option<ShownResult>,
}

/// A result of an external evaluation (외부평가 결과).
#[derive(Serialize, ToSchema)]
pub(crate) struct ShownResult {
    /// The round.
    #[schema(value_type = schemas::RoundId)]
    round: RoundId,
    /// The exam number (수험번호).
    #[schema(value_type = schemas::ExamNumber)]
    number: ExamNumber,
    /// The marks.
    #[schema(value_type = schemas::Marks)]
    marks: Marks,
    /// Whether the candidate passed (합격); `null` until the result is finalised.
    passed: Option<bool>,
    /// Whether the result is final (결과 확정): it changes no more.
    finalised: bool,
}

impl From<ExamResult> for ShownResult {
    fn from(result: ExamResult) -> Self {
        ShownResult {
            round: result.round,
            number: result.number,
            marks: result.marks,
            passed: result.passed,
            finalised: result.finalised,
        }
    }
}

/// The answer of `GET /v1/enrollments/{id}/attempts`.
#[derive(Serialize, ToSchema)]
pub(crate) struct Attempts {
    /// The candidate's enrollment.
    #[schema(value_type = uuid::Uuid)]
    candidate: EnrollmentId,
    /// Every application of the candidate (응시 이력), cancelled ones too.
    attempts: Vec<AttemptView>,
}

/// One application of a candidate.
#[derive(Serialize, ToSchema)]
pub(crate) struct AttemptView {
    /// The round.
    #[schema(value_type = schemas::RoundId)]
    round: RoundId,
    /// The application.
    #[schema(value_type = uuid::Uuid)]
    application: ApplicationId,
    /// The exam number (수험번호).
    #[schema(value_type = schemas::ExamNumber)]
    number: ExamNumber,
    /// Active or cancelled (접수 취소), with the refund.
    #[schema(value_type = schemas::ApplicationStatus)]
    status: ApplicationStatus,
    /// Whether it passed, shown only where the caller may see the result now; `null`
    /// otherwise.
    passed: Option<bool>,
}

impl From<Attempt> for AttemptView {
    fn from(attempt: Attempt) -> Self {
        AttemptView {
            round: attempt.round,
            application: attempt.application,
            number: attempt.number,
            status: attempt.status,
            passed: attempt.passed,
        }
    }
}

pub(crate) async fn publish_round<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    body: RoundBody,
) -> Result<(StatusCode, Json<Value>), Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let round = body.into_domain()?;
    let version = shared.cqnet.exams().publish_round(actor, &round).await?;
    Ok((
        StatusCode::CREATED,
        Json(to_json(&RoundPublished {
            round: round.id(),
            version,
        })?),
    ))
}

pub(crate) async fn apply<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    body: ApplyBody,
) -> Result<(StatusCode, Json<Value>), Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let request = ApplicationRequest {
        id: body.id,
        round: body.round,
        candidate: body.candidate,
        venue: body.venue,
    };
    let application = shared.cqnet.exams().apply(actor, key, &request).await?;
    Ok((StatusCode::CREATED, Json(to_json(&application)?)))
}

pub(crate) async fn record_payment<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    application: ApplicationId,
    body: PaymentBody,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let version = shared
        .cqnet
        .exams()
        .record_payment(actor, application, body.expected_version)
        .await?;
    Ok(Json(to_json(&PaymentRecorded {
        application,
        version,
    })?))
}

/// The cancellation, with the refund the core decides for a paid fee: `200` with the
/// application as cancelled.
pub(crate) async fn cancel<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    application: ApplicationId,
    body: CancellationBody,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let cancelled = shared
        .cqnet
        .exams()
        .cancel(actor, key, application, body.reason)
        .await?;
    Ok(Json(to_json(&cancelled)?))
}

pub(crate) async fn enter_result<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    application: ApplicationId,
    body: ResultBody,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let version = shared
        .cqnet
        .exams()
        .enter_result(actor, application, &body.marks, body.expected_version)
        .await?;
    Ok(Json(to_json(&ResultEntered {
        application,
        version,
    })?))
}

pub(crate) async fn finalise_result<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    application: ApplicationId,
    body: FinaliseBody,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let (version, passed) = shared
        .cqnet
        .exams()
        .finalise_result(actor, application, body.expected_version)
        .await?;
    Ok(Json(to_json(&ResultFinalised {
        application,
        version,
        passed,
    })?))
}

/// One result as `actor` may see it now: the candidate their own once final and announced,
/// the agency and evaluators any (the access rules say so).
pub(crate) async fn view_result<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    application: ApplicationId,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let result = shared.cqnet.exams().view_result(actor, application).await?;
    Ok(Json(to_json(&ResultView {
        application,
        result: result.map(ShownResult::from),
    })?))
}

/// A candidate's attempts, for the candidate, their institution or company, and the agency;
/// each pass shown only where the actor may see that result now.
pub(crate) async fn attempts<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    candidate: EnrollmentId,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let attempts = shared.cqnet.exams().attempts(actor, candidate).await?;
    Ok(Json(to_json(&Attempts {
        candidate,
        attempts: attempts.into_iter().map(AttemptView::from).collect(),
    })?))
}

/// One page of the exam numbers of a round's passers, in order, after `after`: public once
/// the announcement is past (the access rules say so; before it only the agency and evaluators
/// see it).
pub(crate) async fn pass_list<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    round: RoundId,
    params: &Params,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    params.only(&["page_size", "after"])?;
    let size = paging::page_size(params)?.get() as usize;
    let after: Option<ExamNumber> = params.parsed("after")?;
    let passers = shared.cqnet.exams().pass_list(actor, &round).await?;
    // The service answers the numbers in order; a page is those after `after`.
    let mut page: Vec<ExamNumber> = passers
        .into_iter()
        .filter(|number| after.as_ref().is_none_or(|after| number > after))
        .take(size + 1)
        .collect();
    let next = if page.len() > size {
        page.truncate(size);
        page.last().cloned()
    } else {
        None
    };
    Ok(Json(to_json(&PassList {
        round,
        passers: page,
        next,
    })?))
}
