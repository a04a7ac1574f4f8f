//! What-if reforms over a whole population (제도 변경 모의): the rules in force and any number
//! of overlays decided in one pass over the candidates.
//!
//! An overlay is the core's [`Scenario`] (the rule values it replaces) turned into a rule-pack
//! overlay and compiled, so it is validated as any pack is (weights that no longer add up to
//! 100 are refused) and its rules are named by their pack id, overlays included. Each
//! candidate is decided under the baseline once and under every overlay; per overlay the
//! result keeps the counts, the transition matrix (baseline outcome × overlay outcome), each
//! candidate's outcome class (for transitions per qualification or any other grouping the host
//! labels the candidates with), and the candidates whose outcome changed with the reason codes
//! that changed. Candidate by candidate it is [`decide_course`](crate::decide_course) under
//! each rule set, so it equals the core's own what-if decision (`cqnet_core::what_if`).
//!
//! # Example
//! ```
//! use cqnet_analytics::what_if::{what_if_course, CourseOverlay, OutcomeClass};
//! use cqnet_analytics::{CompiledCourseRules, CoursePopulation};
//! use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::what_if::Scenario;
//! use cqnet_core::{Hours, Score};
//!
//! let unit = |score: u32| UnitRecord::new(None, Hours::whole(40)?, Hours::whole(40)?, vec![Some(Score::whole(score)?)]);
//! let external = ExternalScores::new(Score::whole(78)?, Score::whole(78)?);
//! let records = [
//!     TraineeRecord::new(vec![unit(78)?])?.with_external(external),
//!     TraineeRecord::new(vec![unit(95)?])?.with_external(external),
//! ];
//! let population = CoursePopulation::from_records(&records)?;
//! let pack = RulePack::embedded();
//! let basis = pack.newest().basis;
//! let baseline = CompiledCourseRules::from_pack(pack, basis)?;
//! let lower = Scenario { pass_average: Some(Score::whole(75)?), ..Scenario::default() };
//! let overlay = CourseOverlay::from_scenario(pack, basis, &lower, "pass-75")?;
//!
//! let result = what_if_course(&population, &baseline, &[overlay]);
//! assert_eq!((result.baseline.passed, result.overlays[0].counts.passed), (1, 2));
//! assert_eq!(result.overlays[0].transitions.count(OutcomeClass::Failed, OutcomeClass::Passed), 1);
//! assert_eq!(result.overlays[0].changes[0].candidate, 0);
//! assert_eq!(result.overlays[0].pack.overlays, ["pass-75"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use cqnet_core::rules::{PackId, RuleDate, RulePack};
use cqnet_core::what_if::Scenario;
use cqnet_core::{Percent, Score};

use crate::course::decide_one_outcome;
use crate::{CompileError, CompiledCourseRules, CourseOutcome, CoursePopulation, ReasonSet};

/// Where a candidate stands, for counting and for transitions: four classes, each candidate in
/// exactly one.
///
/// # Example
/// ```
/// use cqnet_analytics::CourseOutcome;
/// use cqnet_analytics::what_if::OutcomeClass;
/// assert_eq!(OutcomeClass::of(CourseOutcome::new(true, None)), OutcomeClass::Pending);
/// assert_eq!(OutcomeClass::of(CourseOutcome::new(false, Some(false))), OutcomeClass::NotCompleted);
/// assert_eq!(OutcomeClass::Passed.code(), "passed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutcomeClass {
    /// Did not complete the course (미이수), so not eligible for the external evaluation.
    NotCompleted,
    /// Completed and eligible, the external evaluation not taken yet.
    Pending,
    /// Passed (합격).
    Passed,
    /// Completed, took the external evaluation, and failed (불합격).
    Failed,
}

impl OutcomeClass {
    /// Every class, in the order of the transition matrix's rows and columns.
    pub const ALL: [OutcomeClass; 4] = [
        OutcomeClass::NotCompleted,
        OutcomeClass::Pending,
        OutcomeClass::Passed,
        OutcomeClass::Failed,
    ];

    /// The class of a bulk decision's outcome.
    ///
    /// # Example
    /// See [`OutcomeClass`].
    pub fn of(outcome: CourseOutcome) -> Self {
        match (outcome.completed(), outcome.passed()) {
            (false, _) => OutcomeClass::NotCompleted,
            (true, None) => OutcomeClass::Pending,
            (true, Some(true)) => OutcomeClass::Passed,
            (true, Some(false)) => OutcomeClass::Failed,
        }
    }

    /// The class's stable code, in snake case.
    ///
    /// # Example
    /// See [`OutcomeClass`].
    pub fn code(self) -> &'static str {
        match self {
            OutcomeClass::NotCompleted => "not_completed",
            OutcomeClass::Pending => "pending",
            OutcomeClass::Passed => "passed",
            OutcomeClass::Failed => "failed",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

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

/// The transition matrix of one overlay: how many candidates went from each baseline class
/// (rows) to each overlay class (columns).
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::{OutcomeClass, Transitions};
/// let mut t = Transitions::default();
/// t.add(OutcomeClass::Failed, OutcomeClass::Passed);
/// t.add(OutcomeClass::Passed, OutcomeClass::Passed);
/// assert_eq!(t.count(OutcomeClass::Failed, OutcomeClass::Passed), 1);
/// assert_eq!((t.total(), t.changed()), (2, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Transitions([[u64; 4]; 4]);

impl Transitions {
    /// Counts one candidate going from `baseline` to `overlay`.
    ///
    /// # Example
    /// See [`Transitions`].
    pub fn add(&mut self, baseline: OutcomeClass, overlay: OutcomeClass) {
        self.0[baseline.index()][overlay.index()] += 1;
    }

    /// How many went from `baseline` to `overlay`.
    ///
    /// # Example
    /// See [`Transitions`].
    pub fn count(&self, baseline: OutcomeClass, overlay: OutcomeClass) -> u64 {
        self.0[baseline.index()][overlay.index()]
    }

    /// Every candidate counted.
    ///
    /// # Example
    /// See [`Transitions`].
    pub fn total(&self) -> u64 {
        self.0.iter().flatten().sum()
    }

    /// Those whose class is not the same under the overlay.
    ///
    /// # Example
    /// See [`Transitions`].
    pub fn changed(&self) -> u64 {
        let same: u64 = OutcomeClass::ALL.iter().map(|&c| self.count(c, c)).sum();
        self.total() - same
    }
}

impl fmt::Display for Transitions {
    /// The matrix as a table: a row per baseline class, a column per overlay class.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:>16}", "baseline \\ new")?;
        for to in OutcomeClass::ALL {
            write!(f, " {:>14}", to.code())?;
        }
        for from in OutcomeClass::ALL {
            write!(f, "\n{:>16}", from.code())?;
            for to in OutcomeClass::ALL {
                write!(f, " {:>14}", self.count(from, to))?;
            }
        }
        Ok(())
    }
}

/// Rules to decide the population under besides the baseline, with the name the results
/// carry.
///
/// # Example
/// See [the module](self).
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
    /// See [the module](self).
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

/// A candidate whose outcome is not the same under an overlay.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The candidate's index in the population.
    pub candidate: usize,
    /// The outcome under the baseline.
    pub baseline: CourseOutcome,
    /// The outcome under the overlay.
    pub overlay: CourseOutcome,
    /// The failing checks the overlay adds.
    pub added: ReasonSet,
    /// The failing checks the overlay takes away.
    pub removed: ReasonSet,
}

/// The result of one overlay.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayResult {
    /// The overlay's name.
    pub name: String,
    /// The pack the overlay's rules come from, with its overlays.
    pub pack: PackId,
    /// The counts under the overlay.
    pub counts: OutcomeCounts,
    /// Baseline class × overlay class, over the whole population.
    pub transitions: Transitions,
    /// The candidates whose outcome changed, in population order.
    pub changes: Vec<Change>,
    /// Each candidate's class under the overlay.
    classes: Vec<OutcomeClass>,
}

/// The labels given for grouping do not match the population.
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::LabelsMismatch;
/// let e = LabelsMismatch { labels: 2, candidates: 3 };
/// assert_eq!(e.to_string(), "2 labels for 3 candidates: give one label a candidate");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{labels} labels for {candidates} candidates: give one label a candidate")]
pub struct LabelsMismatch {
    /// How many labels were given.
    pub labels: usize,
    /// How many candidates were decided.
    pub candidates: usize,
}

/// The baseline and every overlay, decided in one pass.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    /// The pack the baseline's rules come from.
    pub baseline_pack: PackId,
    /// The counts under the baseline.
    pub baseline: OutcomeCounts,
    /// One result per overlay, in the order given.
    pub overlays: Vec<OverlayResult>,
    /// Each candidate's class under the baseline.
    baseline_classes: Vec<OutcomeClass>,
}

impl WhatIf {
    /// The transition matrix of overlay number `overlay` per group, each candidate in the
    /// group its label names (a qualification's code, an institution type, a year, …);
    /// `None` for an overlay that does not exist.
    ///
    /// # Errors
    /// [`LabelsMismatch`] unless there is one label a candidate.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::what_if::{what_if_course, CourseOverlay, OutcomeClass};
    /// use cqnet_analytics::{synthetic, CompiledCourseRules};
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::what_if::Scenario;
    /// use cqnet_core::Score;
    ///
    /// let population = synthetic::openfisca_distribution(1_000, 12, 7);
    /// let pack = RulePack::embedded();
    /// let basis = pack.newest().basis;
    /// let baseline = CompiledCourseRules::from_pack(pack, basis)?;
    /// let stricter = Scenario { pass_average: Some(Score::whole(85)?), ..Scenario::default() };
    /// let result = what_if_course(&population, &baseline, &[CourseOverlay::from_scenario(pack, basis, &stricter, "pass-85")?]);
    /// let labels: Vec<&str> = (0..1_000).map(|i| if i % 2 == 0 { "전기기능사" } else { "제과기능사" }).collect();
    /// let by_qualification = result.transitions_by(0, &labels)?.expect("one overlay");
    /// let total: u64 = by_qualification.values().map(|t| t.total()).sum();
    /// assert_eq!(total, 1_000);
    /// assert!(result.transitions_by(1, &labels)?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn transitions_by<L: Ord + Clone>(
        &self,
        overlay: usize,
        labels: &[L],
    ) -> Result<Option<BTreeMap<L, Transitions>>, LabelsMismatch> {
        if labels.len() != self.baseline_classes.len() {
            return Err(LabelsMismatch {
                labels: labels.len(),
                candidates: self.baseline_classes.len(),
            });
        }
        let Some(result) = self.overlays.get(overlay) else {
            return Ok(None);
        };
        let mut groups: BTreeMap<L, Transitions> = BTreeMap::new();
        let rows = labels
            .iter()
            .zip(&self.baseline_classes)
            .zip(&result.classes);
        for ((label, &from), &to) in rows {
            groups.entry(label.clone()).or_default().add(from, to);
        }
        Ok(Some(groups))
    }
}

/// Decides every candidate of `population` under `baseline` and under each of `overlays`, in
/// one pass over the candidates, on the calling thread.
///
/// # Example
/// See [the module](self).
pub fn what_if_course(
    population: &CoursePopulation,
    baseline: &CompiledCourseRules,
    overlays: &[CourseOverlay],
) -> WhatIf {
    let n = population.candidates();
    let mut result = WhatIf {
        baseline_pack: baseline.rules().pack.clone(),
        baseline: OutcomeCounts::default(),
        overlays: overlays
            .iter()
            .map(|o| OverlayResult {
                name: o.name.clone(),
                pack: o.rules.rules().pack.clone(),
                counts: OutcomeCounts::default(),
                transitions: Transitions::default(),
                changes: Vec::new(),
                classes: Vec::with_capacity(n),
            })
            .collect(),
        baseline_classes: Vec::with_capacity(n),
    };
    for candidate in 0..n {
        let (before, before_reasons) = decide_one_outcome(population, baseline, candidate);
        let from = OutcomeClass::of(before);
        result.baseline.add(before);
        result.baseline_classes.push(from);
        for (overlay, out) in overlays.iter().zip(&mut result.overlays) {
            let (after, after_reasons) = decide_one_outcome(population, &overlay.rules, candidate);
            let to = OutcomeClass::of(after);
            out.counts.add(after);
            out.transitions.add(from, to);
            out.classes.push(to);
            if after != before {
                out.changes.push(Change {
                    candidate,
                    baseline: before,
                    overlay: after,
                    added: after_reasons.without(before_reasons),
                    removed: before_reasons.without(after_reasons),
                });
            }
        }
    }
    result
}

/// Why an overlay's text (`pass_average=75,attendance_minimum=80`) was not read.
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::{parse_scenario, ScenarioTextError};
/// assert!(matches!(parse_scenario("pass_mark=75"), Err(ScenarioTextError::UnknownParameter(_))));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioTextError {
    /// A part that is not `name=value`.
    #[error("{0:?} is not name=value")]
    NotAnAssignment(String),
    /// A name that is no scenario parameter.
    #[error(
        "{0:?} is not a scenario parameter (pass_average, internal_weight, external_weight, written_weight, practical_weight, attendance_minimum, round_floor)"
    )]
    UnknownParameter(String),
    /// A value its parameter does not take (a score from 0 to 100, a percent from 0 to 100,
    /// written exactly).
    #[error("{parameter} = {value:?}: {why}")]
    BadValue {
        /// The parameter.
        parameter: String,
        /// The value given.
        value: String,
        /// What is wrong with it.
        why: String,
    },
    /// A parameter named twice.
    #[error("{0} is named twice")]
    Repeated(String),
    /// No parameter at all.
    #[error("the overlay names no parameter")]
    Empty,
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
    let mut scenario = Scenario::default();
    let mut named = 0;
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, value)) = part.split_once('=') else {
            return Err(ScenarioTextError::NotAnAssignment(short(part)));
        };
        let (name, value) = (name.trim(), value.trim());
        let bad = |why: String| ScenarioTextError::BadValue {
            parameter: name.to_string(),
            value: short(value),
            why,
        };
        let score = || value.parse::<Score>().map_err(|e| bad(e.to_string()));
        let percent = || {
            let decimal = value
                .parse::<rust_decimal::Decimal>()
                .map_err(|e| bad(e.to_string()))?;
            Percent::new(decimal).map_err(|e| bad(e.to_string()))
        };
        let slot_was_empty = match name {
            "pass_average" => replace(&mut scenario.pass_average, score()?),
            "round_floor" => replace(&mut scenario.round_floor, score()?),
            "internal_weight" => replace(&mut scenario.internal_weight, percent()?),
            "external_weight" => replace(&mut scenario.external_weight, percent()?),
            "written_weight" => replace(&mut scenario.written_weight, percent()?),
            "practical_weight" => replace(&mut scenario.practical_weight, percent()?),
            "attendance_minimum" => replace(&mut scenario.attendance_minimum, percent()?),
            other => return Err(ScenarioTextError::UnknownParameter(short(other))),
        };
        if !slot_was_empty {
            return Err(ScenarioTextError::Repeated(name.to_string()));
        }
        named += 1;
    }
    if named == 0 {
        return Err(ScenarioTextError::Empty);
    }
    Ok(scenario)
}

/// Puts `value` in `slot`; whether the slot was empty.
fn replace<T>(slot: &mut Option<T>, value: T) -> bool {
    slot.replace(value).is_none()
}

/// At most 40 characters of a user's text, for an error message.
fn short(text: &str) -> String {
    let mut cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}
