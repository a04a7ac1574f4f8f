//! The course designation routes (과정 지정, the institutions' side): the agency's yearly call
//! (모집공고), an institution's application (지정신청), the screenings (서류심사, 현장심사), the
//! committee's deliberation (심의), the designation, the operation checks (운영 확인), hearings
//! (청문), measures (시정명령, 지정취소), the agency's quarterly oversight of every designated
//! course and the retention call, each body or query read into the domain's checked values
//! with a pointer on the field refused.

use std::collections::BTreeSet;

use axum::Json;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cqnet_core::access::PartyId;
use cqnet_core::course_designation::{Teacher, TeacherKind};
use cqnet_core::operation_check::QuarterlyChecks;
use cqnet_core::sanction::{Ground, Measure};
use cqnet_core::screening::Criterion;
use cqnet_core::standard::{CoursePlan, CoursePlanSpec};
use cqnet_core::window::TimeWindow;
use cqnet_core::{InputError, QualificationCode, Score};
use cqnet_store::designation::{
    CallId, CallQualification, CheckMethod, CourseApplication, CourseApplicationId,
    CourseMeasureOrder, Deliberation, DesignationCall, DesignationRecord, Finding,
    MissingChecksQuery, OperationCheck,
};
use cqnet_store::search::{Cursor, SearchError};
use cqnet_store::training::{CourseId, InstitutionId, ServiceError, StandardVersion};
use cqnet_store::work_study::Hearing;
use cqnet_store::{Actor, Clock, IdempotencyKey, Versioned};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use validator::Validate;

use crate::openapi::{designation as shapes, schemas};
use crate::query::{Params, invalid};
use crate::{Problem, Shared, created, paging, to_json};

/// The most characters of a finding's note, as [`Finding::new`] counts them.
const FINDING_NOTE: u64 = Finding::MAX_NOTE_CHARS as u64;

/// The most bytes of a teacher's identifier, as [`PartyId::new`] allows.
const PARTY_ID: u64 = PartyId::MAX_LEN as u64;

/// `POST /v1/designation/calls`: a yearly call (모집공고).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct CallBody {
    /// The call's identifier, chosen by the caller.
    #[schema(value_type = uuid::Uuid)]
    id: CallId,
    /// The year it designates courses for.
    #[validate(range(min = 2000, max = 2100))]
    #[schema(minimum = 2000, maximum = 2100)]
    year: i32,
    /// When applications are received; it closes before the announcement day begins (in
    /// Korean time).
    #[schema(value_type = schemas::TimeWindow)]
    window: TimeWindow,
    /// The day the designations are announced (지정 공고), in the call's year.
    announced_on: NaiveDate,
    /// The qualifications it covers, each once, with each screening stage's criterion.
    #[validate(length(min = 1, max = crate::MAX_LIST_ITEMS))]
    #[schema(min_items = 1, max_items = 10_000)]
    qualifications: Vec<CallQualificationBody>,
}

/// A qualification a call covers and the pass criterion of each screening stage.
#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct CallQualificationBody {
    /// The qualification (종목).
    #[schema(value_type = schemas::QualificationCode)]
    qualification: QualificationCode,
    /// The document screening's (서류심사) criterion.
    #[schema(value_type = shapes::Criterion)]
    document: Criterion,
    /// The on-site screening's (현장심사) criterion.
    #[schema(value_type = shapes::Criterion)]
    on_site: Criterion,
}

impl CallBody {
    fn into_domain(self) -> Result<DesignationCall, Problem> {
        let qualifications = self
            .qualifications
            .into_iter()
            .map(|q| CallQualification {
                qualification: q.qualification,
                document: q.document,
                on_site: q.on_site,
            })
            .collect();
        DesignationCall::new(
            self.id,
            self.year,
            self.window,
            self.announced_on,
            qualifications,
        )
        .map_err(|e| {
            let pointer = match e {
                // An announcement in another year, or before the window has closed.
                InputError::Inconsistent(_) => "/announced_on",
                _ => "/qualifications",
            };
            Problem::invalid_field(pointer, &e)
        })
    }
}

/// `POST /v1/designation/applications`: an application for the designation of one course run
/// (지정신청, 시행규칙 별지 제1호의2서식).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct CourseApplicationBody {
    /// The application's identifier, chosen by the caller.
    #[schema(value_type = uuid::Uuid)]
    id: CourseApplicationId,
    /// The call it answers.
    #[schema(value_type = uuid::Uuid)]
    call: CallId,
    /// The institution that would run the course.
    #[schema(value_type = uuid::Uuid)]
    institution: InstitutionId,
    /// The qualification (종목), one the call covers.
    #[schema(value_type = schemas::QualificationCode)]
    qualification: QualificationCode,
    /// The version of the curriculum standard (편성기준) the plan follows.
    #[schema(value_type = schemas::StandardVersion)]
    standard_version: StandardVersion,
    /// The plan (교육훈련과정 편성): seats, units with their hours, facilities, equipment.
    #[schema(value_type = shapes::CoursePlan)]
    plan: CoursePlanSpec,
    /// The teachers (교수진), each of the kinds of 시행령 제12조의3제1항 they are.
    #[validate(length(max = crate::MAX_LIST_ITEMS), nested)]
    #[schema(max_items = 10_000)]
    teachers: Vec<TeacherBody>,
    /// The rounds of internal evaluation (내부평가) of each unit.
    #[validate(range(min = 1, max = 20))]
    #[schema(minimum = 1, maximum = 20)]
    evaluation_rounds: u8,
    /// The first day of training.
    training_start: NaiveDate,
    /// The last day of training, not before the first.
    training_end: NaiveDate,
}

/// A teacher of an application: the host's identifier of the person (never a resident
/// registration number) and the kinds they are.
#[derive(Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct TeacherBody {
    /// 1 to 64 ASCII letters, digits or `-_.:`.
    #[validate(length(min = 1, max = PARTY_ID))]
    #[schema(min_length = 1, max_length = 64)]
    person: String,
    /// The kinds (교원, 산학겸임교사, 직업능력개발훈련교사 …); a teacher of no kind is refused by
    /// the core (`teacher_not_eligible`).
    #[validate(length(max = 7))]
    #[schema(max_items = 7, value_type = Vec<shapes::TeacherKind>)]
    kinds: Vec<TeacherKind>,
}

impl CourseApplicationBody {
    fn into_domain(self) -> Result<CourseApplication, Problem> {
        let plan = CoursePlan::new(self.plan).map_err(|e| Problem::invalid_field("/plan", &e))?;
        let teachers = self
            .teachers
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let person = PartyId::new(&t.person)
                    .map_err(|e| Problem::invalid_field(&format!("/teachers/{i}/person"), &e))?;
                Ok(Teacher {
                    person,
                    kinds: t.kinds.into_iter().collect(),
                })
            })
            .collect::<Result<Vec<_>, Problem>>()?;
        CourseApplication {
            id: self.id,
            call: self.call,
            institution: self.institution,
            qualification: self.qualification,
            standard_version: self.standard_version,
            plan,
            teachers,
            evaluation_rounds: self.evaluation_rounds,
            training_start: self.training_start,
            training_end: self.training_end,
        }
        .checked()
        .map_err(|e| {
            let pointer = match e {
                InputError::Inconsistent(_) => "/training_end",
                InputError::Duplicate { .. } => "/teachers",
                _ => "/plan/units",
            };
            Problem::invalid_field(pointer, &e)
        })
    }
}

/// `POST …/document-screening` and `POST …/on-site-screening`: one score for each application
/// of the stage, every one of them.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScreeningBody {
    /// The scores, one per application of the stage.
    #[validate(length(min = 1, max = crate::MAX_LIST_ITEMS))]
    #[schema(min_items = 1, max_items = 10_000)]
    scores: Vec<ScoreBody>,
}

/// An application's score at one screening stage.
#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ScoreBody {
    /// The application.
    #[schema(value_type = uuid::Uuid)]
    application: CourseApplicationId,
    /// Its score, 0 to 100.
    #[schema(value_type = schemas::Decimal)]
    score: Score,
}

impl ScreeningBody {
    fn into_domain(self) -> Result<Vec<(CourseApplicationId, Score)>, Problem> {
        let mut seen = BTreeSet::new();
        self.scores
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                if !seen.insert(s.application) {
                    return Err(Problem::invalid_field(
                        &format!("/scores/{i}/application"),
                        &InputError::Duplicate {
                            what: "score of an application",
                            key: s.application.to_string(),
                        },
                    ));
                }
                Ok((s.application, s.score))
            })
            .collect()
    }
}

/// `POST …/deliberation`: the committee's deliberation (정책심의회 심의) on a stage's
/// selected applications.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeliberationBody {
    /// The day it was held.
    held_on: NaiveDate,
    /// The selected applications it did not approve; every other one is approved.
    #[serde(default)]
    #[validate(length(max = crate::MAX_LIST_ITEMS))]
    #[schema(max_items = 10_000, value_type = Vec<uuid::Uuid>)]
    not_approved: Vec<CourseApplicationId>,
}

impl DeliberationBody {
    fn into_domain(self) -> Result<Deliberation, Problem> {
        let mut not_approved = BTreeSet::new();
        for (i, id) in self.not_approved.into_iter().enumerate() {
            if !not_approved.insert(id) {
                return Err(Problem::invalid_field(
                    &format!("/not_approved/{i}"),
                    &InputError::Duplicate {
                        what: "application not approved",
                        key: id.to_string(),
                    },
                ));
            }
        }
        Ok(Deliberation {
            held_on: self.held_on,
            not_approved,
        })
    }
}

/// `POST /v1/designation/applications/{id}/designation`: the course an approved application
/// becomes.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct DesignateBody {
    /// The course's identifier, chosen by the caller; the course is stored with the
    /// application's plan.
    #[schema(value_type = uuid::Uuid)]
    course: CourseId,
}

/// `POST /v1/designation/applications/{id}/operation-checks`: an operation check (운영 확인,
/// at least once a quarter, 시행령 제14조의4).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct OperationCheckBody {
    /// The day of the check.
    checked_on: NaiveDate,
    /// How it was made.
    #[schema(value_type = shapes::CheckMethod)]
    method: CheckMethod,
    /// What was found; none for a check that found nothing.
    #[serde(default)]
    #[validate(length(max = 1_000), nested)]
    #[schema(max_items = 1_000)]
    findings: Vec<FindingBody>,
}

/// A finding of an operation check.
#[derive(Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct FindingBody {
    /// What was found, 1 to 1,000 visible characters.
    #[validate(length(min = 1, max = FINDING_NOTE))]
    #[schema(min_length = 1, max_length = 1_000)]
    note: String,
    /// The ground of a measure it points to, if any.
    #[serde(default)]
    #[schema(value_type = Option<shapes::Ground>)]
    ground: Option<Ground>,
}

impl OperationCheckBody {
    fn into_domain(self) -> Result<OperationCheck, Problem> {
        let findings = self
            .findings
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                Finding::new(&f.note, f.ground)
                    .map_err(|e| Problem::invalid_field(&format!("/findings/{i}/note"), &e))
            })
            .collect::<Result<Vec<_>, Problem>>()?;
        Ok(OperationCheck {
            checked_on: self.checked_on,
            method: self.method,
            findings,
        })
    }
}

/// `POST /v1/designation/applications/{id}/hearings`: a hearing (청문) held before a
/// cancellation.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct HearingBody {
    /// The day it was held.
    held_on: NaiveDate,
}

/// `POST /v1/designation/applications/{id}/measures`: a measure (시정명령, 지정취소) on its
/// grounds, decided by the core's `sanction` decision.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct MeasureBody {
    /// The grounds, at least one.
    #[validate(length(min = 1, max = 5))]
    #[schema(min_items = 1, max_items = 5, value_type = Vec<shapes::Ground>)]
    grounds: Vec<Ground>,
    /// The measure.
    #[schema(value_type = shapes::Measure)]
    measure: Measure,
}

/// The answer of the screening and deliberation routes: the applications of the call and
/// qualification as they now stand.
#[derive(Serialize, ToSchema)]
pub(crate) struct Records {
    #[schema(value_type = Vec<shapes::VersionedDesignationRecord>)]
    records: Vec<Versioned<DesignationRecord>>,
}

/// The answer of `POST /v1/designation/retention`: the applications removed (older than their
/// retention period) and those kept, with the day each may go.
#[derive(Serialize, ToSchema)]
pub(crate) struct Retention {
    /// The applications removed.
    #[schema(value_type = Vec<uuid::Uuid>)]
    removed: Vec<CourseApplicationId>,
    /// The applications kept, each with the first day it may be removed.
    kept: Vec<Kept>,
}

/// An application kept by the retention call.
#[derive(Serialize, ToSchema)]
pub(crate) struct Kept {
    /// The application.
    #[schema(value_type = uuid::Uuid)]
    application: CourseApplicationId,
    /// The first day it may be removed.
    removable_on: NaiveDate,
}

pub(crate) async fn open_call<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    body: CallBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let call = body.into_domain()?;
    let opened = shared
        .cqnet
        .designation()
        .open_call(actor, key, &call)
        .await?;
    created(&opened)
}

pub(crate) async fn call<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    id: CallId,
) -> Result<Json<Value>, Problem> {
    let call = shared.cqnet.designation().call(id).await?;
    Ok(Json(to_json(&call)?))
}

pub(crate) async fn apply<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    body: CourseApplicationBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let application = body.into_domain()?;
    let filed = shared
        .cqnet
        .designation()
        .apply(actor, key, &application)
        .await?;
    created(&filed)
}

pub(crate) async fn application<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    id: CourseApplicationId,
) -> Result<Json<Value>, Problem> {
    let record = shared.cqnet.designation().application(actor, id).await?;
    Ok(Json(to_json(&record)?))
}

/// The answer of `GET /v1/designation/applications/{id}/quarterly-checks`.
#[derive(Serialize, ToSchema)]
pub(crate) struct QuarterlyChecksAnswer {
    /// The application.
    #[schema(value_type = uuid::Uuid)]
    application: CourseApplicationId,
    /// The core's decision on today's Korean date; `null` for an application never designated.
    #[schema(value_type = Option<shapes::QuarterlyChecks>)]
    decision: Option<QuarterlyChecks>,
}

pub(crate) async fn quarterly_checks<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    application: CourseApplicationId,
) -> Result<Json<Value>, Problem> {
    let decision = shared
        .cqnet
        .designation()
        .quarterly_checks(actor, application)
        .await?;
    Ok(Json(to_json(&QuarterlyChecksAnswer {
        application,
        decision,
    })?))
}

/// `GET /v1/designation/missing-operation-checks`: one page of the designated course runs with
/// the quarters the core finds missing on `on`, of one call and one qualification when given.
pub(crate) async fn missing_operation_checks<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    params: &Params,
) -> Result<Json<Value>, Problem> {
    params.only(&["on", "call", "qualification", "cursor", "page_size"])?;
    let on: NaiveDate = params.parsed("on")?.ok_or_else(|| {
        invalid(
            "on",
            "on is required: the day the quarters are decided on, YYYY-MM-DD",
        )
    })?;
    let call: Option<CallId> = params.parsed("call")?;
    let qualification: Option<QualificationCode> = params.parsed("qualification")?;
    let given = params
        .parsed::<u64>("page_size")?
        .unwrap_or(u64::from(MissingChecksQuery::DEFAULT_LIMIT));
    // A size beyond 32 bits is above the maximum too: the query's check says so.
    let limit = u32::try_from(given).unwrap_or(u32::MAX);
    let query = MissingChecksQuery::new(on, call, qualification, limit).map_err(|e| match e {
        SearchError::PageSize { max, .. } => {
            paging::refused("page_size", &SearchError::PageSize { given, max })
        }
        other => paging::refused("page_size", &other),
    })?;
    let query = match params.text("cursor")? {
        None => query,
        Some(text) => {
            let cursor = Cursor::parse(text).map_err(|e| paging::refused("cursor", &e))?;
            query
                .after(&cursor)
                .map_err(|e| paging::refused("cursor", &e))?
        }
    };
    let page = shared
        .cqnet
        .designation()
        .missing_operation_checks(actor, &query)
        .await
        .map_err(|e| match e {
            // The one input the service checks is the day: not after today in Korea.
            ServiceError::Input(why) => Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-parameter",
                why.to_string(),
            )
            .at("/on"),
            other => other.into(),
        })?;
    Ok(Json(to_json(&page)?))
}

/// Which screening stage a route decides.
#[derive(Clone, Copy)]
pub(crate) enum Stage {
    /// 서류심사.
    Documents,
    /// 현장심사.
    OnSite,
}

pub(crate) async fn screen<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    (call, qualification): (CallId, QualificationCode),
    stage: Stage,
    body: ScreeningBody,
) -> Result<Json<Value>, Problem> {
    let scores = body.into_domain()?;
    let service = shared.cqnet.designation();
    let records = match stage {
        Stage::Documents => {
            service
                .screen_documents(actor, key, call, &qualification, &scores)
                .await?
        }
        Stage::OnSite => {
            service
                .screen_on_site(actor, key, call, &qualification, &scores)
                .await?
        }
    };
    Ok(Json(to_json(&Records { records })?))
}

pub(crate) async fn deliberate<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    (call, qualification): (CallId, QualificationCode),
    body: DeliberationBody,
) -> Result<Json<Value>, Problem> {
    let deliberation = body.into_domain()?;
    let records = shared
        .cqnet
        .designation()
        .deliberate(actor, key, call, &qualification, &deliberation)
        .await?;
    Ok(Json(to_json(&Records { records })?))
}

pub(crate) async fn designate<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    application: CourseApplicationId,
    body: DesignateBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let record = shared
        .cqnet
        .designation()
        .designate(actor, key, application, body.course)
        .await?;
    created(&record)
}

pub(crate) async fn record_operation_check<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    application: CourseApplicationId,
    body: OperationCheckBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let check = body.into_domain()?;
    let record = shared
        .cqnet
        .designation()
        .record_operation_check(actor, key, application, &check)
        .await?;
    created(&record)
}

pub(crate) async fn record_hearing<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    application: CourseApplicationId,
    body: HearingBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let hearing = Hearing {
        held_on: body.held_on,
    };
    let record = shared
        .cqnet
        .designation()
        .record_hearing(actor, key, application, &hearing)
        .await?;
    created(&record)
}

pub(crate) async fn take_measure<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    application: CourseApplicationId,
    body: MeasureBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let order = CourseMeasureOrder::new(body.grounds, body.measure)
        .map_err(|e| Problem::invalid_field("/grounds", &e))?;
    let record = shared
        .cqnet
        .designation()
        .take_measure(actor, key, application, &order)
        .await?;
    created(&record)
}

pub(crate) async fn apply_retention<S: crate::ServedStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
) -> Result<Json<Value>, Problem> {
    let report = shared
        .cqnet
        .designation()
        .apply_retention(actor, key)
        .await?;
    Ok(Json(to_json(&Retention {
        removed: report.removed,
        kept: report
            .kept
            .into_iter()
            .map(|(application, removable_on)| Kept {
                application,
                removable_on,
            })
            .collect(),
    })?))
}
