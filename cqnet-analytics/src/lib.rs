//! # cqnet-analytics
//!
//! Bulk decisions over a whole population of candidates: the rules of 과정평가형
//! 국가기술자격 (course-based national technical qualification) and 일학습병행자격
//! (work-study dual-system qualification) applied to every candidate in one pass, for the
//! agency, ministries and researchers who ask questions of a population.
//!
//! - A columnar population (struct of arrays): one column per fact, the competency units
//!   (능력단위) of a candidate as a range of the unit columns, every value an exact integer.
//!   Built from the core's records, from a CSV file ([`csv`]), from an Arrow IPC file or
//!   stream (`arrow`, feature `arrow`), or made up ([`synthetic`]).
//! - The rule pack compiled once, for a date, into exact integer thresholds; a value that
//!   has no exact integer form is refused ([`CompileError`]), never rounded.
//! - One pass deciding every candidate: the outcome, the scores as exact fractions and the
//!   failing checks as a [`ReasonSet`]. Row by row it equals the core's decision, reason codes
//!   included; the full reasons of any candidate come from the core's own decision
//!   ([`CompiledCourseRules::explain`]). With the `rayon` feature, on every core.
//!
//! # Example
//! ```
//! use cqnet_analytics::{decide_course, CompiledCourseRules, CoursePopulation};
//! use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
//! use cqnet_core::rules::{RuleDate, RulePack};
//! use cqnet_core::{Hours, ReasonCode, Score};
//!
//! let rules = CompiledCourseRules::from_pack(RulePack::embedded(), RuleDate::EvaluatedOn("2026-06-01".parse()?))?;
//! let unit = |attended: u32, score: u32| UnitRecord::new(None, Hours::whole(40)?, Hours::whole(attended)?, vec![Some(Score::whole(score)?)]);
//! let external = ExternalScores::new(Score::whole(70)?, Score::whole(80)?);
//! let records = vec![
//!     TraineeRecord::new(vec![unit(36, 85)?, unit(40, 90)?])?.with_external(external),
//!     TraineeRecord::new(vec![unit(20, 85)?, unit(40, 90)?])?,
//! ];
//! let population = CoursePopulation::from_records(&records)?;
//! let decisions = decide_course(&population, &rules);
//! assert_eq!(decisions.outcome(0).unwrap().passed(), Some(true));
//! assert!(decisions.reasons(1).unwrap().contains(ReasonCode::AttendanceBelowMinimum));
//! for reason in rules.explain(&population, 1)?.reasons {
//!     println!("{} / {}", reason.message.ko, reason.message.en);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "arrow")]
#[cfg_attr(docsrs, doc(cfg(feature = "arrow")))]
pub mod arrow;
mod course;
pub mod csv;
mod dictionary;
mod error;
mod exact_score;
pub mod laws;
mod reason_set;
mod scale;
pub mod statistics;
pub mod synthetic;
pub mod what_if;
mod work_study;

#[cfg(feature = "rayon")]
pub use course::decide_course_parallel;
pub use course::{
    CompiledCourseRules, CourseDecisions, CourseOutcome, CoursePopulation, CoursePopulationBuilder,
    CourseScores, decide_course, decide_course_into,
};
pub use error::{CompileError, ExplainError, PopulationError};
pub use exact_score::ExactScore;
pub use reason_set::{NotDecidedInBulk, ReasonSet};
#[cfg(feature = "rayon")]
pub use work_study::decide_work_study_parallel;
pub use work_study::{
    CompiledWorkStudyRules, WorkStudyDecisions, WorkStudyOutcome, WorkStudyPopulation,
    decide_work_study,
};

/// `docs/analytics.md`, run as a doc test.
#[doc = include_str!("../../docs/analytics.md")]
#[cfg(doctest)]
pub struct AnalyticsDoctests;
