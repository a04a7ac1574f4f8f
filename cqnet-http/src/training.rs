//! The training service's routes: enrollment (입과), attendance (출결), internal evaluations
//! (내부평가) and the completion decision (이수).

use axum::Json;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cqnet_core::ledger::{AttendanceTarget, EvaluationResult};
use cqnet_core::{Hours, UnitCode};
use cqnet_store::training::{
    AttendanceEntry, Completion, CourseId, Enrollment, EnrollmentId, EvaluationEntry, LearnerKind,
    NewAttendance, NewEvaluation, Person,
};
use cqnet_store::{Actor, AsyncStore, Clock, IdempotencyKey, Seq};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::body::chars;
use serde_json::Value;
use utoipa::ToSchema;

use crate::openapi::schemas;
use crate::{Problem, Shared, to_json};

/// `POST /v1/enrollments`: a learner enrolled in a course.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct EnrollBody {
    /// The enrollment's identifier, chosen by the caller.
    #[schema(value_type = uuid::Uuid)]
    id: EnrollmentId,
    /// The course (훈련과정).
    #[schema(value_type = uuid::Uuid)]
    course: CourseId,
    /// Who enrolls.
    #[schema(inline)]
    #[validate(nested)]
    person: PersonBody,
    /// A trainee (훈련생) or a learning worker (학습근로자).
    #[schema(value_type = schemas::LearnerKind)]
    kind: LearnerKind,
    /// The day of enrollment (입과일).
    enrolled_on: NaiveDate,
}

/// A person: the name, the date of birth and how to reach them (never a resident
/// registration number).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct PersonBody {
    /// The name, not empty.
    #[validate(length(min = 1, max = chars::PERSON_NAME))]
    #[schema(min_length = 1, max_length = 100)]
    name: String,
    /// The date of birth.
    birth_date: NaiveDate,
    /// A telephone number or an e-mail address.
    #[validate(length(min = 1, max = chars::PERSON_CONTACT))]
    #[schema(min_length = 1, max_length = 200)]
    contact: String,
}

impl EnrollBody {
    fn into_domain(self) -> Result<Enrollment, Problem> {
        let invalid = |pointer: &str, e: cqnet_core::InputError| {
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-field",
                e.to_string(),
            )
            .at(pointer)
        };
        let person = Person::new(
            &self.person.name,
            self.person.birth_date,
            &self.person.contact,
        )
        .map_err(|e| invalid("/person", e))?;
        Enrollment::new(self.id, self.course, person, self.kind, self.enrolled_on)
            .map_err(|e| invalid("", e))
    }
}

/// `POST /v1/enrollments/{id}/attendance`: attendance entries of one enrollment.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttendanceBody {
    /// The facts, recorded together or not at all.
    #[validate(length(min = 1, max = crate::MAX_LIST_ITEMS))]
    #[schema(min_items = 1, max_items = 10_000)]
    facts: Vec<AttendanceFact>,
}

/// One day's attended hours towards one target.
#[derive(Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct AttendanceFact {
    /// What the hours count towards.
    #[schema(value_type = schemas::AttendanceTarget)]
    target: AttendanceTarget,
    /// The training day.
    day: NaiveDate,
    /// The hours attended that day.
    #[schema(value_type = schemas::Decimal)]
    hours: Hours,
    /// The entry this one corrects, if any.
    #[serde(default)]
    #[schema(value_type = Option<schemas::Seq>)]
    corrects: Option<Seq>,
}

/// `POST /v1/enrollments/{id}/evaluations`: internal evaluation entries of one enrollment.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct EvaluationsBody {
    /// The facts, recorded together or not at all.
    #[validate(length(min = 1, max = crate::MAX_LIST_ITEMS))]
    #[schema(min_items = 1, max_items = 10_000)]
    facts: Vec<EvaluationFact>,
}

/// One internal evaluation (내부평가) of one competency unit (능력단위).
#[derive(Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct EvaluationFact {
    /// The competency unit.
    #[schema(value_type = schemas::UnitCode)]
    unit: UnitCode,
    /// The result.
    #[schema(value_type = schemas::EvaluationResult)]
    result: EvaluationResult,
    /// The entry this one corrects, if any.
    #[serde(default)]
    #[schema(value_type = Option<schemas::Seq>)]
    corrects: Option<Seq>,
}

/// The answer of `POST /v1/enrollments/{id}/attendance`: the entries as recorded.
#[derive(Serialize, ToSchema)]
pub(crate) struct AttendanceEntries {
    #[schema(value_type = Vec<schemas::AttendanceEntry>)]
    entries: Vec<AttendanceEntry>,
}

/// The answer of `POST /v1/enrollments/{id}/evaluations`: the entries as recorded.
#[derive(Serialize, ToSchema)]
pub(crate) struct EvaluationEntries {
    #[schema(value_type = Vec<schemas::EvaluationEntry>)]
    entries: Vec<EvaluationEntry>,
}

/// The answer of `GET /v1/enrollments/{id}/completion`: the decision of the learner's track.
#[derive(Serialize, ToSchema)]
pub(crate) struct CompletionAnswer {
    /// `course_based` (과정평가형) or `work_study` (일학습병행).
    #[schema(value_type = schemas::TrackName)]
    track: &'static str,
    /// Whether the learner completed the course (이수).
    completed: bool,
    /// Whether the learner may sit the external evaluation (외부평가).
    eligible_for_external: bool,
    /// The core's decision: every check, and each failing one as a reason.
    #[schema(value_type = schemas::Decision)]
    decision: Value,
}

pub(crate) async fn enroll<S: AsyncStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    body: EnrollBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let enrollment = body.into_domain()?;
    let enrolled = shared
        .cqnet
        .training()
        .enroll(actor, key, &enrollment)
        .await?;
    Ok((StatusCode::CREATED, Json(to_json(&enrolled)?)))
}

pub(crate) async fn record_attendance<S: AsyncStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    enrollment: EnrollmentId,
    body: AttendanceBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let facts: Vec<NewAttendance> = body
        .facts
        .into_iter()
        .map(|f| NewAttendance {
            enrollment,
            target: f.target,
            day: f.day,
            hours: f.hours,
            corrects: f.corrects,
        })
        .collect();
    let entries = shared
        .cqnet
        .training()
        .record_attendance(actor, key, &facts)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(to_json(&AttendanceEntries { entries })?),
    ))
}

pub(crate) async fn record_evaluations<S: AsyncStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    enrollment: EnrollmentId,
    body: EvaluationsBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let facts: Vec<NewEvaluation> = body
        .facts
        .into_iter()
        .map(|f| NewEvaluation {
            enrollment,
            unit: f.unit,
            result: f.result,
            corrects: f.corrects,
        })
        .collect();
    let entries = shared
        .cqnet
        .training()
        .record_evaluations(actor, key, &facts)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(to_json(&EvaluationEntries { entries })?),
    ))
}

/// The completion decision: `200` whatever it decides (a learner who did not complete is a
/// decision with reasons, not an error).
pub(crate) async fn decide<S: AsyncStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    enrollment: EnrollmentId,
) -> Result<Json<Value>, Problem> {
    let completion = shared.cqnet.training().decide(actor, enrollment).await?;
    let (track, decision) = match &completion {
        Completion::CourseBased(d) => ("course_based", to_json(d)?),
        Completion::WorkStudy(d) => ("work_study", to_json(d)?),
        _ => ("other", Value::Null),
    };
    Ok(Json(to_json(&CompletionAnswer {
        track,
        completed: completion.completed(),
        eligible_for_external: completion.eligible_for_external(),
        decision,
    })?))
}
