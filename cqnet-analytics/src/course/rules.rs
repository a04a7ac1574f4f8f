//! The 과정평가형 rule values compiled once, for a date, into exact integer thresholds.

use cqnet_core::ExamStandard;
use cqnet_core::course_based::{self, CourseBasedDecision};
use cqnet_core::rules::{AttendanceScope, InternalAggregation, RuleDate, RulePack, Rules};

use crate::scale;
use crate::{CompileError, CoursePopulation, ExplainError};

/// The course-based rules of one date as integers, each ten thousand times its value (the
/// pack's percentages and scores hold at most four decimal places, so nothing is rounded),
/// with the [`Rules`] and [`ExamStandard`] they came from for the full decision of any
/// candidate ([`CompiledCourseRules::explain`]).
///
/// # Example
/// ```
/// use cqnet_analytics::{decide_course, CompiledCourseRules, CoursePopulation};
/// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
/// use cqnet_core::rules::{RuleDate, RulePack};
/// use cqnet_core::{Hours, Score};
///
/// let rules = CompiledCourseRules::from_pack(RulePack::embedded(), RuleDate::EvaluatedOn("2026-06-01".parse()?))?;
/// let unit = UnitRecord::new(None, Hours::whole(40)?, Hours::whole(29)?, vec![Some(Score::whole(90)?)])?;
/// let population = CoursePopulation::from_records(&[TraineeRecord::new(vec![unit])?])?;
/// let decisions = decide_course(&population, &rules);
/// assert!(!decisions.outcome(0).unwrap().completed());
/// // The full reasons, in Korean and English, from the core's own decision.
/// let full = rules.explain(&population, 0)?;
/// assert_eq!(full.reasons[0].message.ko.contains("출석"), true);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct CompiledCourseRules {
    pub(crate) rules: Rules,
    pub(crate) standard: ExamStandard,
    /// 출석률 minimum, percent × 10⁴.
    pub(crate) attendance_min: u64,
    pub(crate) attendance_scope: AttendanceScope,
    /// A round below this fails (회차별 최저점), score × 10⁴.
    pub(crate) round_floor: u32,
    /// Weights in percent × 10⁴: internal and external in the final score, written and
    /// practical in the external score.
    pub(crate) internal_weight: u64,
    pub(crate) external_weight: u64,
    pub(crate) written_weight: u64,
    pub(crate) practical_weight: u64,
    /// 합격기준, score × 10⁴.
    pub(crate) pass_average: u64,
    pub(crate) aggregation: InternalAggregation,
}

impl CompiledCourseRules {
    /// `rules` compiled, with the exam standard of the pack ([`ExamStandard::from_rules`]).
    ///
    /// # Errors
    /// [`CompileError::TooPrecise`] or [`CompileError::OutOfRange`] for a value without an
    /// exact integer form.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::CompiledCourseRules;
    /// use cqnet_core::rules::RulePack;
    /// assert!(CompiledCourseRules::compile(&RulePack::embedded().newest()).is_ok());
    /// ```
    pub fn compile(rules: &Rules) -> Result<Self, CompileError> {
        Self::with_standard(rules, &ExamStandard::from_rules(rules))
    }

    /// The rules in force on the date `basis` names in `pack`, compiled.
    ///
    /// # Errors
    /// [`CompileError::Pack`] when the pack has no values for that date; as
    /// [`CompiledCourseRules::compile`] otherwise.
    ///
    /// # Example
    /// See [`CompiledCourseRules`].
    pub fn from_pack(pack: &RulePack, basis: RuleDate) -> Result<Self, CompileError> {
        Self::compile(&pack.rules_for(basis)?)
    }

    /// `rules` compiled with the weights and pass mark of a qualification's own `standard`
    /// (종목별 출제기준).
    ///
    /// # Errors
    /// As [`CompiledCourseRules::compile`].
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::CompiledCourseRules;
    /// use cqnet_core::rules::{InternalAggregation, RulePack};
    /// use cqnet_core::{ExamStandard, Percent, Score};
    /// let rules = RulePack::embedded().newest();
    /// let half = Percent::new(50.into())?;
    /// let standard = ExamStandard::new(half, half, Score::whole(75)?, half, half, InternalAggregation::Mean)?;
    /// assert!(CompiledCourseRules::with_standard(&rules, &standard).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_standard(rules: &Rules, standard: &ExamStandard) -> Result<Self, CompileError> {
        let cb = &rules.course_based;
        let [internal, external, written, practical] = standard.weights();
        Ok(CompiledCourseRules {
            attendance_min: scale::percent_value(
                "course_based.attendance_min_percent",
                cb.attendance_min_percent.value.value(),
            )?,
            attendance_scope: cb.attendance_scope.value,
            round_floor: u32::try_from(scale::rule_value(
                "course_based.internal_round_floor",
                cb.internal_round_floor.value.value(),
            )?)
            .map_err(|_| CompileError::OutOfRange {
                parameter: "course_based.internal_round_floor",
                value: cb.internal_round_floor.value.to_string(),
            })?,
            internal_weight: scale::rule_value("course_based.internal_weight", internal.value())?,
            external_weight: scale::rule_value("course_based.external_weight", external.value())?,
            written_weight: scale::rule_value("course_based.written_weight", written.value())?,
            practical_weight: scale::rule_value(
                "course_based.practical_weight",
                practical.value(),
            )?,
            pass_average: scale::rule_value(
                "course_based.pass_average",
                standard.pass_average().value(),
            )?,
            aggregation: standard.aggregation(),
            rules: rules.clone(),
            standard: standard.clone(),
        })
    }

    /// The rules the thresholds came from.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::CompiledCourseRules;
    /// use cqnet_core::rules::RulePack;
    /// let rules = RulePack::embedded().newest();
    /// assert_eq!(CompiledCourseRules::compile(&rules)?.rules().date, rules.date);
    /// # Ok::<(), cqnet_analytics::CompileError>(())
    /// ```
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The exam standard the weights and pass mark came from.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::CompiledCourseRules;
    /// use cqnet_core::rules::RulePack;
    /// let rules = CompiledCourseRules::compile(&RulePack::embedded().newest())?;
    /// assert_eq!(rules.standard().pass_average().to_string(), "80");
    /// # Ok::<(), cqnet_analytics::CompileError>(())
    /// ```
    pub fn standard(&self) -> &ExamStandard {
        &self.standard
    }

    /// The core's own full decision on candidate `index` (every reason, unit by unit, with
    /// its legal basis and messages in Korean and English), from the record the columns hold.
    ///
    /// # Errors
    /// [`ExplainError::NoSuchCandidate`] for an index past the last candidate.
    ///
    /// # Example
    /// See [`CompiledCourseRules`].
    pub fn explain(
        &self,
        population: &CoursePopulation,
        index: usize,
    ) -> Result<CourseBasedDecision, ExplainError> {
        if index >= population.candidates() {
            return Err(ExplainError::NoSuchCandidate {
                index,
                candidates: population.candidates(),
            });
        }
        let record = population
            .record(index)
            .map_err(|source| ExplainError::Record { index, source })?;
        Ok(course_based::decide(&record, &self.standard, &self.rules))
    }
}
