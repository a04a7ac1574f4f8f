//! The course-based track (과정평가형): overlays of the core's [`Scenario`], the counts and the
//! one pass.

use cqnet_core::rules::{RuleDate, RulePack};
use cqnet_core::what_if::Scenario;

use super::text::{ScenarioTextError, parse_pairs, replace, short};
use super::{BulkOutcome, OutcomeClass, WhatIf, one_pass, sealed};
use crate::course::decide_one_outcome;
use crate::{CompileError, CompiledCourseRules, CourseOutcome, CoursePopulation};

/// How many candidates completed the course (이수), may sit the external evaluation
/// (외부평가 응시자격) and passed (합격), of how many.
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::OutcomeCounts;
/// use cqnet_analytics::CourseOutcome;
/// let mut counts = OutcomeCounts::default();
/// counts.add(CourseOutcome::new(true, Some(true)));
/// counts.add(CourseOutcome::new(false, Some(false)));
/// assert_eq!((counts.candidates, counts.completed, counts.eligible, counts.passed), (2, 1, 1, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutcomeCounts {
    /// Every candidate decided.
    pub candidates: u64,
    /// Those who completed the course.
    pub completed: u64,
    /// Those eligible for the external evaluation.
    pub eligible: u64,
    /// Those who passed.
    pub passed: u64,
}

impl OutcomeCounts {
    /// Counts one more candidate.
    ///
    /// # Example
    /// See [`OutcomeCounts`].
    pub fn add(&mut self, outcome: CourseOutcome) {
        self.candidates += 1;
        self.completed += u64::from(outcome.completed());
        self.eligible += u64::from(outcome.eligible_for_external());
        self.passed += u64::from(outcome.passed() == Some(true));
    }
}

impl sealed::Sealed for CourseOutcome {}

impl BulkOutcome for CourseOutcome {
    type Counts = OutcomeCounts;

    fn class(self) -> OutcomeClass {
        OutcomeClass::of(self)
    }

    fn count(self, counts: &mut OutcomeCounts) {
        counts.add(self);
    }
}

/// Rules to decide the population under besides the baseline, with the name the results
/// carry.
///
/// # Example
/// See [the module](super).
#[derive(Debug, Clone)]
pub struct CourseOverlay {
    name: String,
    rules: CompiledCourseRules,
}

impl CourseOverlay {
    /// Compiled rules under a name.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::what_if::CourseOverlay;
    /// use cqnet_analytics::CompiledCourseRules;
    /// use cqnet_core::rules::RulePack;
    /// let overlay = CourseOverlay::new("as-in-force", CompiledCourseRules::compile(&RulePack::embedded().newest())?);
    /// assert_eq!(overlay.name(), "as-in-force");
    /// # Ok::<(), cqnet_analytics::CompileError>(())
    /// ```
    pub fn new(name: impl Into<String>, rules: CompiledCourseRules) -> Self {
        CourseOverlay {
            name: name.into(),
            rules,
        }
    }

    /// The rules `pack` has in force for `basis` with the values `scenario` replaces, as an
    /// overlay named `name`.
    ///
    /// # Errors
    /// [`CompileError::Pack`] when the overlay is refused (weights that do not add up to 100,
    /// a name an overlay of the pack has already, …) or the pack has no values for `basis`;
    /// as [`CompiledCourseRules::compile`] otherwise.
    ///
    /// # Example
    /// See [the module](super).
    pub fn from_scenario(
        pack: &RulePack,
        basis: RuleDate,
        scenario: &Scenario,
        name: &str,
    ) -> Result<Self, CompileError> {
        let overlaid = scenario.apply(pack, name)?;
        Ok(CourseOverlay::new(
            name,
            CompiledCourseRules::from_pack(&overlaid, basis)?,
        ))
    }

    /// The overlay's name.
    ///
    /// # Example
    /// See [`CourseOverlay::new`].
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The compiled rules.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::what_if::CourseOverlay;
    /// use cqnet_analytics::CompiledCourseRules;
    /// use cqnet_core::rules::RulePack;
    /// let overlay = CourseOverlay::new("same", CompiledCourseRules::compile(&RulePack::embedded().newest())?);
    /// assert_eq!(overlay.rules().rules().pack.name, "cqnet-default");
    /// # Ok::<(), cqnet_analytics::CompileError>(())
    /// ```
    pub fn rules(&self) -> &CompiledCourseRules {
        &self.rules
    }
}

/// Decides every candidate of `population` under `baseline` and under each of `overlays`, in
/// one pass over the candidates, on the calling thread.
///
/// # Example
/// See [the module](super).
pub fn what_if_course(
    population: &CoursePopulation,
    baseline: &CompiledCourseRules,
    overlays: &[CourseOverlay],
) -> WhatIf {
    let named: Vec<_> = overlays
        .iter()
        .map(|o| (o.name.as_str(), &o.rules.rules().pack, &o.rules))
        .collect();
    one_pass(
        population.candidates(),
        (&baseline.rules().pack, baseline),
        &named,
        |rules, candidate| decide_one_outcome(population, rules, candidate),
    )
}

/// The core's [`Scenario`] from `name=value` pairs separated by commas, as a command line or a
/// query string gives them: `pass_average`, `round_floor` (scores) and `internal_weight`,
/// `external_weight`, `written_weight`, `practical_weight`, `attendance_minimum` (percents),
/// each value a decimal written exactly.
///
/// # Errors
/// [`ScenarioTextError`] for a part that is not `name=value`, an unknown name, a value out of
/// range or not exact, a name given twice, or nothing at all.
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::parse_scenario;
/// use cqnet_core::{Percent, Score};
/// let scenario = parse_scenario("pass_average=75, attendance_minimum=80")?;
/// assert_eq!(scenario.pass_average, Some(Score::whole(75)?));
/// assert_eq!(scenario.attendance_minimum, Some(Percent::new(80.into())?));
/// assert!(parse_scenario("pass_average=101").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_scenario(text: &str) -> Result<Scenario, ScenarioTextError> {
    parse_pairs(text, |scenario: &mut Scenario, name, value| {
        Ok(match name {
            "pass_average" => replace(&mut scenario.pass_average, value.score()?),
            "round_floor" => replace(&mut scenario.round_floor, value.score()?),
            "internal_weight" => replace(&mut scenario.internal_weight, value.percent()?),
            "external_weight" => replace(&mut scenario.external_weight, value.percent()?),
            "written_weight" => replace(&mut scenario.written_weight, value.percent()?),
            "practical_weight" => replace(&mut scenario.practical_weight, value.percent()?),
            "attendance_minimum" => replace(&mut scenario.attendance_minimum, value.percent()?),
            other => return Err(ScenarioTextError::UnknownParameter(short(other))),
        })
    })
}
