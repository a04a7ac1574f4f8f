//! The decisions of every trainee (훈련생) of a course at once: completion (이수), eligibility
//! for the external evaluation (외부평가) and, for those with a finalised result, the pass
//! (합격), each the core's decision of the record the store keeps, with the marks of the
//! trainee's latest finalised result (`ExamService::course_records`). The course's institution
//! and the agency read them; a course's trainees are bounded by its capacity, so the answer is
//! one document.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use cqnet_core::course_based;
use cqnet_store::Clock;
use cqnet_store::training::{CourseId, EnrollmentId, EnrollmentStatus};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::actor::Caller;
use crate::openapi::responses::{Forbidden, NotFound, ServerProblems, Unauthorized};
use crate::openapi::schemas;
use crate::routes::{Ctx, Store, path_id};
use crate::{Problem, Shared, to_json};

/// The route, merged into [`Api::router`](crate::Api::router).
pub(crate) fn routes<S: Store + 'static, C: Clock + Clone + 'static>() -> Router<Arc<Shared<S, C>>>
{
    Router::new().route("/v1/courses/{id}/decisions", get(course_decisions::<S, C>))
}

/// The decisions of every trainee of a course.
///
/// Each trainee's record as the store keeps it (the units' attended hours, the latest score
/// of each internal round) with the marks of their latest finalised result, decided by the
/// core on the rules and the external standard the course is decided on today. `200`
/// whatever is decided; a record that no longer reads is listed in `unread` with why.
#[utoipa::path(
    get,
    path = "/v1/courses/{id}/decisions",
    tag = "training",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The course")),
    responses(
        (status = 200, description = "Each trainee's decision", body = CourseDecisions),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        ServerProblems,
    )
)]
pub(crate) async fn course_decisions<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    let course: CourseId = path_id(&id)?;
    let read = shared.cqnet.exams().course_records(&actor, course).await?;
    let mut trainees = Vec::with_capacity(read.trainees.len());
    for (enrollment, status, record) in &read.trainees {
        let decision = course_based::decide(record, &read.exam, &read.rules);
        trainees.push(TraineeDecision {
            enrollment: *enrollment,
            status: *status,
            completed: decision.completed,
            eligible_for_external: decision.eligible_for_external,
            passed: decision.passed,
            decision: to_json(&decision)?,
        });
    }
    let unread = read
        .unread
        .iter()
        .map(|(enrollment, why)| Unread {
            enrollment: *enrollment,
            detail: why.to_string(),
        })
        .collect();
    Ok(Json(to_json(&CourseDecisions {
        course,
        trainees,
        unread,
    })?))
}

/// The answer of `GET /v1/courses/{id}/decisions`.
#[derive(Serialize, ToSchema)]
pub(crate) struct CourseDecisions {
    /// The course.
    #[schema(value_type = uuid::Uuid)]
    course: CourseId,
    /// Each trainee whose record reads, in the order of the course's enrollments.
    trainees: Vec<TraineeDecision>,
    /// The trainees whose record does not read into the core's form (a ledger that no longer
    /// fits a course changed since), each with why.
    unread: Vec<Unread>,
}

/// One trainee's decision.
#[derive(Serialize, ToSchema)]
pub(crate) struct TraineeDecision {
    /// The enrollment.
    #[schema(value_type = uuid::Uuid)]
    enrollment: EnrollmentId,
    /// Whether it is running (a withdrawn trainee's record is kept, and decided).
    #[schema(value_type = schemas::EnrollmentStatus)]
    status: EnrollmentStatus,
    /// Whether the trainee completed the course (이수).
    completed: bool,
    /// Whether the trainee may sit the external evaluation (외부평가).
    eligible_for_external: bool,
    /// The pass (합격): `false` for a trainee who did not complete; for a completer, decided
    /// once they have a finalised result, absent until then.
    #[serde(skip_serializing_if = "Option::is_none")]
    passed: Option<bool>,
    /// The core's decision: every check, and each failing one as a reason.
    #[schema(value_type = schemas::Decision)]
    decision: Value,
}

/// A trainee whose record does not read.
#[derive(Serialize, ToSchema)]
pub(crate) struct Unread {
    /// The enrollment.
    #[schema(value_type = uuid::Uuid)]
    enrollment: EnrollmentId,
    /// Why, in English.
    detail: String,
}
