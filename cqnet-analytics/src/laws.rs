//! The law a host checks of the bulk decision with its own records and pack: decided in bulk,
//! a population gives each record the decision the core gives it alone
//! ([`cqnet_core::laws::Law::BulkAgreesWithSingle`]). The other laws are the core's
//! ([`cqnet_core::laws`]).
//!
//! # Example
//! ```
//! use cqnet_analytics::laws::bulk_agrees_with_single;
//! use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::{Hours, Score};
//!
//! let unit = |attended: u32| UnitRecord::new(None, Hours::whole(40)?, Hours::whole(attended)?, vec![Some(Score::whole(80)?)]);
//! let records = [
//!     TraineeRecord::new(vec![unit(40)?])?.with_external(ExternalScores::new(Score::whole(80)?, Score::whole(80)?)),
//!     TraineeRecord::new(vec![unit(20)?])?,
//! ];
//! bulk_agrees_with_single(&records, &RulePack::embedded().newest())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use cqnet_core::ExamStandard;
use cqnet_core::course_based::{self, TraineeRecord};
use cqnet_core::laws::{Law, LawBroken};
use cqnet_core::rules::Rules;

use crate::{CompiledCourseRules, CoursePopulation, ReasonSet, decide_course};

/// `records` decided in bulk under `rules` give each record the core's own decision: the same
/// completion and pass, the same failing checks.
///
/// # Errors
/// [`LawBroken`] with [`Law::BulkAgreesWithSingle`] naming the first record that differs, or
/// why the records or the rules could not be decided in bulk at all (a value with no exact
/// integer form, a pack that does not compile).
///
/// # Example
/// See [the module](self).
pub fn bulk_agrees_with_single(records: &[TraineeRecord], rules: &Rules) -> Result<(), LawBroken> {
    let broken = |detail: String| LawBroken {
        law: Law::BulkAgreesWithSingle,
        detail,
    };
    let compiled = CompiledCourseRules::compile(rules).map_err(|e| broken(e.to_string()))?;
    let population = CoursePopulation::from_records(records).map_err(|e| broken(e.to_string()))?;
    let bulk = decide_course(&population, &compiled);
    let standard = ExamStandard::from_rules(rules);
    for (i, record) in records.iter().enumerate() {
        let single = course_based::decide(record, &standard, rules);
        let (Some(outcome), Some(reasons)) = (bulk.outcome(i), bulk.reasons(i)) else {
            return Err(broken(format!("record {i} has no bulk decision")));
        };
        let codes = ReasonSet::from_codes(single.reasons.iter().map(|r| r.code))
            .map_err(|e| broken(format!("record {i}: {e}")))?;
        if outcome.completed() != single.completed
            || outcome.passed() != single.passed
            || reasons != codes
        {
            return Err(broken(format!(
                "record {i}: bulk completed {} passed {:?} failing {reasons:?}, alone completed {} passed {:?} failing {codes:?}",
                outcome.completed(),
                outcome.passed(),
                single.completed,
                single.passed
            )));
        }
    }
    Ok(())
}
