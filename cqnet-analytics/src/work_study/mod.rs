//! 일학습병행자격 (work-study dual-system qualification) in bulk: the columnar population,
//! the compiled rules and the one-pass decision.

mod decide;
mod population;
mod rules;

pub(crate) use decide::decide_one;
#[cfg(feature = "rayon")]
pub use decide::decide_work_study_parallel;
pub use decide::{WorkStudyDecisions, WorkStudyOutcome, decide_work_study};
pub use population::WorkStudyPopulation;
pub use rules::CompiledWorkStudyRules;
