//! The training service's routes: enrollment (입과), attendance (출결), internal evaluations
//! (내부평가) and the completion decision (이수).

use axum::Json;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cqnet_core::ledger::{AttendanceTarget, EvaluationResult};
use cqnet_core::{Hours, UnitCode};
use cqnet_store::training::{
    Completion, CourseId, Enrollment, EnrollmentId, LearnerKind, NewAttendance, NewEvaluation,
    Person,
};
use cqnet_store::{Actor, AsyncStore, Clock, IdempotencyKey, Seq};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{Problem, Shared, to_json};

/// `POST /v1/enrollments`: a learner enrolled in a course.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EnrollBody {
    id: EnrollmentId,
    course: CourseId,
    person: PersonBody,
    kind: LearnerKind,
    enrolled_on: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonBody {
    name: String,
    birth_date: NaiveDate,
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
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttendanceBody {
    facts: Vec<AttendanceFact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttendanceFact {
    target: AttendanceTarget,
    day: NaiveDate,
    hours: Hours,
    #[serde(default)]
    corrects: Option<Seq>,
}

/// `POST /v1/enrollments/{id}/evaluations`: internal evaluation entries of one enrollment.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EvaluationsBody {
    facts: Vec<EvaluationFact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluationFact {
    unit: UnitCode,
    result: EvaluationResult,
    #[serde(default)]
    corrects: Option<Seq>,
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
        Json(json!({ "entries": to_json(&entries)? })),
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
        Json(json!({ "entries": to_json(&entries)? })),
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
    Ok(Json(json!({
        "track": track,
        "completed": completion.completed(),
        "eligible_for_external": completion.eligible_for_external(),
        "decision": decision,
    })))
}
