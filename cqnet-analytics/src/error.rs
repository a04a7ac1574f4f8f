//! The typed errors of compiling a rule pack, building a population and explaining a decision.

use cqnet_core::InputError;
use cqnet_core::rules::RulePackError;

/// A rule value that cannot be compiled into an exact integer threshold. Nothing is ever
/// rounded: a pack that cannot be compiled exactly is refused.
///
/// # Example
/// ```
/// use cqnet_analytics::{CompileError, CompiledCourseRules};
/// use cqnet_core::rules::{RuleDate, RulePack};
/// let too_early = RuleDate::EvaluatedOn("1990-01-01".parse().unwrap());
/// let refused = CompiledCourseRules::from_pack(RulePack::embedded(), too_early);
/// assert!(matches!(refused, Err(CompileError::Pack(_))));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CompileError {
    /// The pack has no values for the date asked.
    #[error(transparent)]
    Pack(#[from] RulePackError),
    /// A value with more decimal places than the integer form keeps.
    #[error(
        "rule value {parameter} = {value} has more than {max_places} decimal places: it cannot be compiled exactly"
    )]
    TooPrecise {
        /// The parameter's path, e.g. `course_based.pass_average`.
        parameter: &'static str,
        /// The value, as written.
        value: String,
        /// The most decimal places kept.
        max_places: u32,
    },
    /// A value below zero or too large for its integer form.
    #[error("rule value {parameter} = {value} is out of the range its integer form holds")]
    OutOfRange {
        /// The parameter's path.
        parameter: &'static str,
        /// The value, as written.
        value: String,
    },
}

/// A record that cannot be added to a columnar population.
///
/// # Example
/// ```
/// use cqnet_analytics::PopulationError;
/// let error = PopulationError::TooLarge { what: "units" };
/// assert_eq!(error.to_string(), "the population holds too many units for its columns (at most 4294967295)");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PopulationError {
    /// The offsets of a column would pass `u32::MAX`.
    #[error("the population holds too many {what} for its columns (at most 4294967295)")]
    TooLarge {
        /// What overflowed: candidates, units, rounds or labels.
        what: &'static str,
    },
    /// A value of the record has no exact integer form (more than four decimal places, or
    /// out of its column's range).
    #[error("{what} {value} has no exact integer form of four decimal places")]
    NotExact {
        /// What the value is.
        what: &'static str,
        /// The value, as written.
        value: String,
    },
}

/// Why a candidate's full decision could not be made.
///
/// # Example
/// ```
/// use cqnet_analytics::{CompiledCourseRules, CoursePopulation, ExplainError};
/// use cqnet_core::rules::RulePack;
/// let rules = CompiledCourseRules::compile(&RulePack::embedded().newest())?;
/// let empty = CoursePopulation::from_records(&[])?;
/// assert!(matches!(rules.explain(&empty, 0), Err(ExplainError::NoSuchCandidate { index: 0, candidates: 0 })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ExplainError {
    /// The index names no candidate of the population.
    #[error("candidate {index} does not exist: the population has {candidates}")]
    NoSuchCandidate {
        /// The index asked for.
        index: usize,
        /// How many candidates the population has.
        candidates: usize,
    },
    /// The columns do not give back a record the core accepts.
    #[error("candidate {index}'s record cannot be rebuilt: {source}")]
    Record {
        /// The candidate's index.
        index: usize,
        /// What the core refused.
        source: InputError,
    },
}
