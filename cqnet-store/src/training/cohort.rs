//! The records of a course's trainees (훈련생) as the core reads them, for deciding the whole
//! course at once: in bulk (`cqnet_analytics::CoursePopulation::from_records`), for a what-if
//! of the course, or for the published statistics of a host's own.

use cqnet_core::ExamStandard;
use cqnet_core::course_based::TraineeRecord;
use cqnet_core::rules::Rules;

use super::service::{exam_standard_of, trainee_record_of};
use crate::training::{
    AttendanceEntry, CourseId, EnrollmentId, EnrollmentStatus, EvaluationEntry, LearnerKind,
    ServiceError, TrainingService,
};
use crate::{Actor, AsyncStore, Clock};

/// The trainees of one course with their records, as [`TrainingService::course_records`]
/// reads them.
///
/// # Example
/// See [`TrainingService::course_records`].
#[derive(Debug)]
#[non_exhaustive]
pub struct CourseRecords {
    /// The course.
    pub course: CourseId,
    /// The rules the service decides the course's trainees on today (its rule date).
    pub rules: Rules,
    /// The external evaluation's standard the trainees are decided on: the course's
    /// curriculum standard's (편성기준), or the rules'.
    pub exam: ExamStandard,
    /// Each trainee whose record reads, in the order of the course's enrollments: the
    /// enrollment, its status (a withdrawn trainee's record is kept, and listed) and the
    /// record, without external marks.
    pub trainees: Vec<(EnrollmentId, EnrollmentStatus, TraineeRecord)>,
    /// The trainees whose record does not read into the core's form (a ledger that no longer
    /// fits a course changed since), each with why: one bad record never hides the others.
    pub unread: Vec<(EnrollmentId, ServiceError)>,
}

impl<S: AsyncStore, C: Clock> TrainingService<S, C> {
    /// The records of every trainee (훈련생) of a course, read from the ledgers as
    /// [`TrainingRecord::trainee_record`](crate::training::TrainingRecord::trainee_record) reads one, with the rules and the external
    /// standard the service decides them on: what a bulk decision of the whole course needs
    /// (`cqnet_analytics::CoursePopulation::from_records` and
    /// `CompiledCourseRules::with_standard`), so that it decides each as
    /// [`TrainingService::decide`] does. For the course's institution and the agency
    /// (`Action::ViewTraining` on the course: the records are personal); a refusal is
    /// audited. Learning workers of a course are not trainees and are not listed.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else; [`ServiceError::Store`] (`NotFound`) for an
    /// unknown course or a missing curriculum standard, and when the store fails;
    /// [`ServiceError::Rules`] when no rules cover the date.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{CourseId, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, AsyncStore, Clock, Role};
    /// async fn attended<S: AsyncStore, C: Clock>(s: &TrainingService<S, C>, course: CourseId) -> Result<usize, ServiceError> {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
    ///     let read = s.course_records(&agency, course).await?;
    ///     for (id, why) in &read.unread {
    ///         eprintln!("enrollment {id}: {why}");
    ///     }
    ///     Ok(read.trainees.len())
    /// }
    /// ```
    pub async fn course_records(
        &self,
        actor: &Actor,
        course: CourseId,
    ) -> Result<CourseRecords, ServiceError> {
        let read = self
            .course_viewed_by(actor, course, "course_records")
            .await?;
        let rules = self.rules_for_on(&read, None)?;
        let standard = self
            .store
            .standard(&read.spec().qualification, &read.spec().standard_version)
            .await?;
        let exam = exam_standard_of(Some(&standard), &rules);
        let mut records = CourseRecords {
            course,
            rules,
            exam,
            trainees: Vec::new(),
            unread: Vec::new(),
        };
        for enrollment in self.store.enrollments(course).await? {
            let enrollment = enrollment.value;
            if !matches!(enrollment.kind(), LearnerKind::Trainee) {
                continue;
            }
            let id = enrollment.id();
            // The course and its standard are read once above; a trainee adds their ledgers.
            let record = match self.ledgers_of(id).await {
                Ok((attendance, evaluations)) => {
                    trainee_record_of(&read, &attendance, &evaluations)
                }
                Err(why) => Err(why),
            };
            match record {
                Ok(record) => records.trainees.push((id, enrollment.status(), record)),
                Err(why) if why.is_about_the_record() => records.unread.push((id, why)),
                Err(other) => return Err(other),
            }
        }
        Ok(records)
    }

    /// Both ledgers of an enrollment, as stored.
    async fn ledgers_of(
        &self,
        id: EnrollmentId,
    ) -> Result<(Vec<AttendanceEntry>, Vec<EvaluationEntry>), ServiceError> {
        Ok((
            self.store.attendance(id).await?,
            self.store.evaluations(id).await?,
        ))
    }
}
