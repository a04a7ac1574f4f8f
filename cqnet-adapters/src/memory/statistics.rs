//! The in-memory [`StatisticsStore`]: every trainee read with their applications, results
//! and certificates under the store's mutex, and counted by the core's rules. It is the
//! reference the SQL back ends answer alike.

use std::collections::{HashMap, HashSet};

use cqnet_core::Track;
use cqnet_core::statistics::{
    FunnelRow, ScoreBandBounds, ScoreDistribution, StageFacts, UNKNOWN, cohort_year,
    score_distribution_in,
};
use cqnet_store::StoreResult;
use cqnet_store::exam::{Marks, RoundId};
use cqnet_store::statistics::{
    FunnelQuery, ScorePart, StatisticsStore, TraineeFacts, funnel_of_facts,
};
use cqnet_store::training::{EnrollmentId, LearnerKind, QualificationLevel};

use super::MemoryStore;

impl StatisticsStore for MemoryStore {
    fn funnel(&self, query: &FunnelQuery) -> StoreResult<Vec<FunnelRow>> {
        let state = self.lock()?;
        let mut stages: HashMap<EnrollmentId, StageFacts> = HashMap::new();
        for (application, result) in state.exam.applications_with_results() {
            let facts = stages.entry(application.candidate).or_default();
            facts.target = true;
            facts.applied |= application.status.is_active();
            facts.sat |= result.is_some();
            facts.passed |= result.is_some_and(|r| r.finalised && r.passed == Some(true));
        }
        let certified: HashSet<&str> = state
            .certificates
            .candidates_of(Track::CourseBased)
            .map(|c| c.as_str())
            .collect();
        let mut trainees = Vec::new();
        for enrollment in state.enrollments.values().map(|v| &v.value) {
            if enrollment.kind() != LearnerKind::Trainee {
                continue;
            }
            // A stored enrollment always has its course, and a course its institution and
            // qualification (the commands check each).
            let Some(course) = state.courses.get(&enrollment.course()) else {
                continue;
            };
            let spec = course.value.spec();
            let qualification = state.qualifications.get(&spec.qualification);
            let grade = qualification.and_then(|q| match q.value.level() {
                QualificationLevel::Grade(grade) => Some(grade),
                QualificationLevel::Ncs(_) => None,
            });
            let job_field = qualification.map(|q| q.value.field().to_owned());
            let institution_type = state
                .institutions
                .get(&spec.institution)
                .and_then(|i| i.value.institution_type());
            let mut facts = stages.get(&enrollment.id()).copied().unwrap_or_default();
            facts.acquired = certified.contains(enrollment.id().to_string().as_str());
            trainees.push(TraineeFacts {
                year: cohort_year(enrollment.enrolled_on()),
                grade,
                qualification: spec.qualification.clone(),
                institution_type,
                gender: enrollment.person().gender(),
                job_field: job_field.unwrap_or_else(|| UNKNOWN.to_owned()),
                stages: facts,
            });
        }
        Ok(funnel_of_facts(trainees, query))
    }

    fn score_distribution(
        &self,
        round: &RoundId,
        part: ScorePart,
        bounds: &ScoreBandBounds,
    ) -> StoreResult<ScoreDistribution> {
        let state = self.lock()?;
        let scores: Vec<_> = state
            .exam
            .results_of(round)
            .filter(|r| r.finalised)
            .filter_map(|r| match (&r.marks, part) {
                (Marks::CourseBased { written, .. }, ScorePart::Written) => Some(*written),
                (Marks::CourseBased { practical, .. }, ScorePart::Practical) => Some(*practical),
                (Marks::WorkStudy { .. }, _) => None,
            })
            .collect();
        Ok(score_distribution_in(&scores, bounds))
    }
}
