//! A course's trainees with their external marks (외부평가 점수): the records
//! [`TrainingService::course_records`](crate::training::TrainingService::course_records) reads,
//! each with the marks of the trainee's latest finalised result, so that a bulk decision
//! decides the pass (합격) as finalisation did.

use std::collections::HashMap;

use cqnet_core::course_based::ExternalScores;

use crate::exam::{AsyncExamStore, ExamService, Marks, RoundId};
use crate::training::{CourseId, CourseRecords, EnrollmentId, ServiceError};
use crate::{Actor, AsyncStore, Clock};

impl<S: AsyncStore + AsyncExamStore, C: Clock + Clone> ExamService<S, C> {
    /// [`TrainingService::course_records`](crate::training::TrainingService::course_records)
    /// with each trainee's external marks: those of their latest finalised result (확정),
    /// the latest by the round's first exam day, so a retake's marks replace the earlier
    /// round's. A trainee without a finalised result has no marks (the decision then leaves
    /// the pass pending); marks entered but not finalised are not read, as the published
    /// statistics do not count them. The same readers as the records'.
    ///
    /// # Errors
    /// As [`TrainingService::course_records`](crate::training::TrainingService::course_records);
    /// [`ServiceError::Store`] when a round or result cannot be read.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::{AsyncExamStore, ExamService};
    /// use cqnet_store::training::{CourseId, ServiceError};
    /// use cqnet_store::{Actor, AsyncStore, Clock, Role};
    /// async fn with_marks<S: AsyncStore + AsyncExamStore, C: Clock + Clone>(s: &ExamService<S, C>, course: CourseId) -> Result<usize, ServiceError> {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
    ///     let read = s.course_records(&agency, course).await?;
    ///     Ok(read.trainees.iter().filter(|(_, _, record)| record.external().is_some()).count())
    /// }
    /// ```
    pub async fn course_records(
        &self,
        actor: &Actor,
        course: CourseId,
    ) -> Result<CourseRecords, ServiceError> {
        let mut records = self.training.course_records(actor, course).await?;
        let store = self.training.store();
        let mut first_days = HashMap::new();
        for (id, _, record) in &mut records.trainees {
            if let Some(scores) = latest_finalised(store, *id, &mut first_days).await? {
                *record = record.clone().with_external(scores);
            }
        }
        Ok(records)
    }
}

/// The marks of the candidate's latest finalised course-based result, if any; `first_days`
/// keeps the rounds' first exam days read so far.
async fn latest_finalised<S: AsyncExamStore>(
    store: &S,
    candidate: EnrollmentId,
    first_days: &mut HashMap<RoundId, chrono::NaiveDate>,
) -> Result<Option<ExternalScores>, ServiceError> {
    let mut latest = None;
    for application in store.applications_of(candidate).await? {
        let Some(result) = store.result(application.value.id).await? else {
            continue;
        };
        let result = result.value;
        let Marks::CourseBased { written, practical } = result.marks else {
            continue;
        };
        if !result.finalised {
            continue;
        }
        let day = match first_days.get(&result.round) {
            Some(day) => *day,
            None => {
                let day = store
                    .round(&result.round)
                    .await?
                    .value
                    .plan()
                    .spec()
                    .first_day;
                first_days.insert(result.round.clone(), day);
                day
            }
        };
        if latest.as_ref().is_none_or(|(seen, _)| day > *seen) {
            latest = Some((day, ExternalScores::new(written, practical)));
        }
    }
    Ok(latest.map(|(_, scores)| scores))
}
