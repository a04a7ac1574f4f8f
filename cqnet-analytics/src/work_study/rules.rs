//! The 일학습병행 rule values compiled once, for a date, into exact integer thresholds.

use cqnet_core::rules::{RuleDate, RulePack, Rules};
use cqnet_core::work_study::{self, WorkStudyDecision};

use crate::scale;
use crate::{CompileError, ExplainError, WorkStudyPopulation};

/// The work-study rules of one date as integers (percent × 10⁴), with the [`Rules`] they
/// came from for the full decision of any learner ([`CompiledWorkStudyRules::explain`]).
///
/// # Example
/// ```
/// use cqnet_analytics::CompiledWorkStudyRules;
/// use cqnet_core::rules::{RuleDate, RulePack};
/// let rules = CompiledWorkStudyRules::from_pack(RulePack::embedded(), RuleDate::EvaluatedOn("2026-06-01".parse()?))?;
/// assert_eq!(rules.rules().work_study.attendance_min_percent.value.to_string(), "80");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct CompiledWorkStudyRules {
    pub(crate) rules: Rules,
    /// Attendance over OJT and Off-JT together (출석률).
    pub(crate) attendance_min: u64,
    /// Share of internal units passed (내부평가 능력단위 합격비율).
    pub(crate) internal_unit_pass: u64,
    /// Share of external units passed (외부평가 능력단위 합격비율).
    pub(crate) external_unit_pass: u64,
}

impl CompiledWorkStudyRules {
    /// `rules` compiled.
    ///
    /// # Errors
    /// [`CompileError::TooPrecise`] or [`CompileError::OutOfRange`] for a value without an
    /// exact integer form.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::CompiledWorkStudyRules;
    /// use cqnet_core::rules::RulePack;
    /// assert!(CompiledWorkStudyRules::compile(&RulePack::embedded().newest()).is_ok());
    /// ```
    pub fn compile(rules: &Rules) -> Result<Self, CompileError> {
        let ws = &rules.work_study;
        Ok(CompiledWorkStudyRules {
            attendance_min: scale::rule_value(
                "work_study.attendance_min_percent",
                ws.attendance_min_percent.value.value(),
            )?,
            internal_unit_pass: scale::rule_value(
                "work_study.internal_unit_pass_percent",
                ws.internal_unit_pass_percent.value.value(),
            )?,
            external_unit_pass: scale::rule_value(
                "work_study.external_unit_pass_percent",
                ws.external_unit_pass_percent.value.value(),
            )?,
            rules: rules.clone(),
        })
    }

    /// The rules in force on the date `basis` names in `pack`, compiled.
    ///
    /// # Errors
    /// [`CompileError::Pack`] when the pack has no values for that date; as
    /// [`CompiledWorkStudyRules::compile`] otherwise.
    ///
    /// # Example
    /// See [`CompiledWorkStudyRules`].
    pub fn from_pack(pack: &RulePack, basis: RuleDate) -> Result<Self, CompileError> {
        Self::compile(&pack.rules_for(basis)?)
    }

    /// The rules the thresholds came from.
    ///
    /// # Example
    /// See [`CompiledWorkStudyRules`].
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The core's own full decision on learner `index`, from the record the columns hold.
    ///
    /// # Errors
    /// [`ExplainError::NoSuchCandidate`] for an index past the last learner.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::{CompiledWorkStudyRules, WorkStudyPopulation};
    /// use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
    /// use cqnet_core::{rules::RulePack, Hours, ReasonCode};
    /// let record = LearnerRecord::new(
    ///     TrainingHours::new(Hours::whole(100)?, Hours::whole(79)?)?,
    ///     TrainingHours::NONE,
    ///     vec![UnitResult::new(None, true)],
    /// )?;
    /// let population = WorkStudyPopulation::from_records(&[record])?;
    /// let rules = CompiledWorkStudyRules::compile(&RulePack::embedded().newest())?;
    /// let full = rules.explain(&population, 0)?;
    /// assert_eq!(full.reasons[0].code, ReasonCode::AttendanceBelowMinimum);
    /// assert!(rules.explain(&population, 1).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(
        &self,
        population: &WorkStudyPopulation,
        index: usize,
    ) -> Result<WorkStudyDecision, ExplainError> {
        if index >= population.learners() {
            return Err(ExplainError::NoSuchCandidate {
                index,
                candidates: population.learners(),
            });
        }
        let record = population
            .record(index)
            .map_err(|source| ExplainError::Record { index, source })?;
        Ok(work_study::decide(&record, &self.rules))
    }
}
