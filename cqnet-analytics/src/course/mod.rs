//! 과정평가형 국가기술자격 (course-based national technical qualification) in bulk: the
//! columnar population, the compiled rules and the one-pass decision.

mod decide;
mod plain;
mod population;
mod rules;

#[cfg(feature = "rayon")]
pub use decide::decide_course_parallel;
pub(crate) use decide::decide_one_outcome;
pub use decide::{CourseDecisions, CourseOutcome, CourseScores, decide_course, decide_course_into};
pub use population::{CoursePopulation, CoursePopulationBuilder};
pub use rules::CompiledCourseRules;
