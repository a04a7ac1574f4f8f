//! What-if reforms over a whole population (제도 변경 모의): the rules in force and any number
//! of overlays decided in one pass over the candidates.
//!
//! An overlay is the core's [`Scenario`](cqnet_core::what_if::Scenario) (the rule values it
//! replaces) turned into a rule-pack overlay and compiled, so it is validated as any pack is
//! (weights that no longer add up to 100 are refused) and its rules are named by their pack id, overlays included. Each
//! candidate is decided under the baseline once and under every overlay; per overlay the
//! result keeps the counts, the transition matrix (baseline outcome × overlay outcome), each
//! candidate's outcome class (for transitions per qualification or any other grouping the host
//! labels the candidates with), and the candidates whose outcome changed with the reason codes
//! that changed. Candidate by candidate it is [`decide_course`](crate::decide_course) under
//! each rule set, so it equals the core's own what-if decision (`cqnet_core::what_if`).
//!
//! The work-study track (일학습병행) has the same pass: [`what_if_work_study`] decides a
//! [`WorkStudyPopulation`](crate::WorkStudyPopulation) under overlays of the three percentages
//! its decision reads ([`WorkStudyScenario`]: attendance, the share of internal units passed,
//! the share of external units passed), each applied to the pack and validated as any overlay
//! is (a minimum of 0 is refused). The core's [`Scenario`](cqnet_core::what_if::Scenario)
//! names course-based values only. Candidate by candidate it is
//! [`decide_work_study`](crate::decide_work_study) under each rule set, so it equals
//! `cqnet_core::work_study::decide`. Both tracks give a [`WhatIf`], over the track's outcome.
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

use cqnet_core::rules::PackId;

use crate::{CourseOutcome, ReasonSet, WorkStudyOutcome};

mod course;
mod text;
mod work_study;

pub use course::{CourseOverlay, OutcomeCounts, parse_scenario, what_if_course};
pub use text::ScenarioTextError;
pub use work_study::{
    WorkStudyCounts, WorkStudyOverlay, WorkStudyScenario, parse_work_study_scenario,
    what_if_work_study,
};

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
    /// Did not complete the course (미이수), so not eligible for the external evaluation; on
    /// the work-study track, no completion certificate (이수증명서).
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

    /// The class of a work-study outcome: without the completion certificate (이수증명서),
    /// not completed; with it, pending until the external evaluation is taken, then passed or
    /// failed.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::WorkStudyOutcome;
    /// use cqnet_analytics::what_if::OutcomeClass;
    /// assert_eq!(OutcomeClass::of_work_study(WorkStudyOutcome::new(true, false, Some(false))), OutcomeClass::NotCompleted);
    /// assert_eq!(OutcomeClass::of_work_study(WorkStudyOutcome::new(true, true, None)), OutcomeClass::Pending);
    /// assert_eq!(OutcomeClass::of_work_study(WorkStudyOutcome::new(true, true, Some(true))), OutcomeClass::Passed);
    /// ```
    pub fn of_work_study(outcome: WorkStudyOutcome) -> Self {
        match (outcome.completion_certificate(), outcome.passed()) {
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

/// A candidate whose outcome is not the same under an overlay.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change<O = CourseOutcome> {
    /// The candidate's index in the population.
    pub candidate: usize,
    /// The outcome under the baseline.
    pub baseline: O,
    /// The outcome under the overlay.
    pub overlay: O,
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
pub struct OverlayResult<O: BulkOutcome = CourseOutcome> {
    /// The overlay's name.
    pub name: String,
    /// The pack the overlay's rules come from, with its overlays.
    pub pack: PackId,
    /// The counts under the overlay.
    pub counts: O::Counts,
    /// Baseline class × overlay class, over the whole population.
    pub transitions: Transitions,
    /// The candidates whose outcome changed, in population order.
    pub changes: Vec<Change<O>>,
    /// Each candidate's class under the overlay.
    classes: Vec<OutcomeClass>,
}

impl<O: BulkOutcome> OverlayResult<O> {
    /// Candidate `candidate`'s class under the overlay; `None` past the last candidate.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::what_if::{what_if_course, CourseOverlay, OutcomeClass};
    /// use cqnet_analytics::{synthetic, CompiledCourseRules};
    /// use cqnet_core::rules::RulePack;
    /// let population = synthetic::openfisca_distribution(10, 12, 7);
    /// let rules = CompiledCourseRules::compile(&RulePack::embedded().newest())?;
    /// let result = what_if_course(&population, &rules, &[CourseOverlay::new("same", rules.clone())]);
    /// assert_eq!(result.overlays[0].class(3), result.baseline_class(3));
    /// assert!(result.overlays[0].class(10).is_none());
    /// # Ok::<(), cqnet_analytics::CompileError>(())
    /// ```
    pub fn class(&self, candidate: usize) -> Option<OutcomeClass> {
        self.classes.get(candidate).copied()
    }
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
pub struct WhatIf<O: BulkOutcome = CourseOutcome> {
    /// The pack the baseline's rules come from.
    pub baseline_pack: PackId,
    /// The counts under the baseline.
    pub baseline: O::Counts,
    /// One result per overlay, in the order given.
    pub overlays: Vec<OverlayResult<O>>,
    /// Each candidate's class under the baseline.
    baseline_classes: Vec<OutcomeClass>,
}

impl<O: BulkOutcome> WhatIf<O> {
    /// Candidate `candidate`'s class under the baseline; `None` past the last candidate.
    ///
    /// # Example
    /// See [`OverlayResult::class`].
    pub fn baseline_class(&self, candidate: usize) -> Option<OutcomeClass> {
        self.baseline_classes.get(candidate).copied()
    }

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

/// The outcome of a track's bulk decision, as a what-if run compares it: the course-based
/// [`CourseOutcome`] or the work-study [`WorkStudyOutcome`]. Sealed: the tracks of this crate
/// only.
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::{BulkOutcome, OutcomeClass, WorkStudyCounts};
/// use cqnet_analytics::WorkStudyOutcome;
/// let outcome = WorkStudyOutcome::new(true, true, Some(true));
/// assert_eq!(outcome.class(), OutcomeClass::Passed);
/// let mut counts = WorkStudyCounts::default();
/// outcome.count(&mut counts);
/// assert_eq!((counts.candidates, counts.passed), (1, 1));
/// ```
pub trait BulkOutcome: Copy + Eq + fmt::Debug + sealed::Sealed {
    /// The counts of a population's outcomes under one rule set.
    type Counts: Copy + Eq + fmt::Debug + Default;

    /// The outcome's class.
    ///
    /// # Example
    /// See [`BulkOutcome`].
    fn class(self) -> OutcomeClass;

    /// Counts the outcome once more in `counts`.
    ///
    /// # Example
    /// See [`BulkOutcome`].
    fn count(self, counts: &mut Self::Counts);
}

mod sealed {
    pub trait Sealed {}
}

/// The one pass both tracks share: each of `candidates` decided under the baseline once and
/// under every overlay (`(name, pack, rules)`), by `decide`.
fn one_pass<R, O: BulkOutcome>(
    candidates: usize,
    baseline: (&PackId, &R),
    overlays: &[(&str, &PackId, &R)],
    decide: impl Fn(&R, usize) -> (O, ReasonSet),
) -> WhatIf<O> {
    let (baseline_pack, baseline) = baseline;
    let mut result = WhatIf {
        baseline_pack: baseline_pack.clone(),
        baseline: O::Counts::default(),
        overlays: overlays
            .iter()
            .map(|(name, pack, _)| OverlayResult {
                name: (*name).to_owned(),
                pack: (*pack).clone(),
                counts: O::Counts::default(),
                transitions: Transitions::default(),
                changes: Vec::new(),
                classes: Vec::with_capacity(candidates),
            })
            .collect(),
        baseline_classes: Vec::with_capacity(candidates),
    };
    for candidate in 0..candidates {
        let (before, before_reasons) = decide(baseline, candidate);
        let from = before.class();
        before.count(&mut result.baseline);
        result.baseline_classes.push(from);
        for ((_, _, rules), out) in overlays.iter().zip(&mut result.overlays) {
            let (after, after_reasons) = decide(rules, candidate);
            let to = after.class();
            after.count(&mut out.counts);
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
