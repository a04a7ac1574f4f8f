//! One pass over a [`WorkStudyPopulation`], exactly as `cqnet_core::work_study::decide`
//! decides one learner.

use cqnet_core::ReasonCode;

use crate::scale::{PERCENT, SCALE};
use crate::{CompiledWorkStudyRules, ReasonSet, WorkStudyPopulation};

/// The internal evaluation (내부평가), the completion certificate (이수증명서, which opens the
/// external evaluation) and the pass (합격) of one learner, in one byte.
///
/// # Example
/// ```
/// use cqnet_analytics::WorkStudyOutcome;
/// let outcome = WorkStudyOutcome::new(true, true, None);
/// assert!(outcome.internal_passed() && outcome.completion_certificate() && outcome.eligible_for_external());
/// assert_eq!(outcome.passed(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct WorkStudyOutcome(u8);

const INTERNAL_PASSED: u8 = 1;
const CERTIFICATE: u8 = 2;
const DECIDED: u8 = 4;
const PASSED: u8 = 8;

impl WorkStudyOutcome {
    /// The outcome as the core's decision gives it.
    ///
    /// # Example
    /// See [`WorkStudyOutcome`].
    pub fn new(internal_passed: bool, completion_certificate: bool, passed: Option<bool>) -> Self {
        let mut bits = 0;
        if internal_passed {
            bits |= INTERNAL_PASSED;
        }
        if completion_certificate {
            bits |= CERTIFICATE;
        }
        if let Some(passed) = passed {
            bits |= DECIDED | if passed { PASSED } else { 0 };
        }
        WorkStudyOutcome(bits)
    }

    /// 내부평가 합격: enough internal units passed.
    ///
    /// # Example
    /// See [`WorkStudyOutcome`].
    pub fn internal_passed(self) -> bool {
        self.0 & INTERNAL_PASSED != 0
    }

    /// 이수증명서: the internal evaluation passed and attendance met.
    ///
    /// # Example
    /// See [`WorkStudyOutcome`].
    pub fn completion_certificate(self) -> bool {
        self.0 & CERTIFICATE != 0
    }

    /// 외부평가 응시자격: the completion certificate opens the external evaluation.
    ///
    /// # Example
    /// See [`WorkStudyOutcome`].
    pub fn eligible_for_external(self) -> bool {
        self.completion_certificate()
    }

    /// 합격: `Some(false)` when not eligible, `None` until the external evaluation is taken.
    ///
    /// # Example
    /// See [`WorkStudyOutcome`].
    pub fn passed(self) -> Option<bool> {
        (self.0 & DECIDED != 0).then_some(self.0 & PASSED != 0)
    }
}

/// Every learner of a population decided: the outcome and the failing checks.
///
/// # Example
/// See [`decide_work_study`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkStudyDecisions {
    outcomes: Vec<WorkStudyOutcome>,
    reasons: Vec<ReasonSet>,
}

impl WorkStudyDecisions {
    /// How many learners were decided.
    ///
    /// # Example
    /// See [`decide_work_study`].
    pub fn len(&self) -> usize {
        self.outcomes.len()
    }

    /// Whether the population was empty.
    ///
    /// # Example
    /// See [`decide_work_study`].
    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
    }

    /// Learner `index`'s outcome.
    ///
    /// # Example
    /// See [`decide_work_study`].
    pub fn outcome(&self, index: usize) -> Option<WorkStudyOutcome> {
        self.outcomes.get(index).copied()
    }

    /// Learner `index`'s failing checks.
    ///
    /// # Example
    /// See [`decide_work_study`].
    pub fn reasons(&self, index: usize) -> Option<ReasonSet> {
        self.reasons.get(index).copied()
    }

    /// Every outcome, in the population's order.
    ///
    /// # Example
    /// See [`decide_work_study`].
    pub fn outcomes(&self) -> &[WorkStudyOutcome] {
        &self.outcomes
    }
}

/// Decides every learner of `population` under `rules`, on the calling thread. Row by row
/// the result equals `cqnet_core::work_study::decide` on the learner's record.
///
/// # Example
/// ```
/// use cqnet_analytics::{decide_work_study, CompiledWorkStudyRules, WorkStudyPopulation};
/// use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
/// use cqnet_core::{rules::RulePack, Hours, ReasonCode};
///
/// let units = |passed: usize, total: usize| (0..total).map(|i| UnitResult::new(None, i < passed)).collect::<Vec<_>>();
/// let hours = |attended: u32| TrainingHours::new(Hours::whole(100)?, Hours::whole(attended)?);
/// let records = [
///     LearnerRecord::new(hours(90)?, TrainingHours::NONE, units(7, 10))?.with_external(units(7, 10))?,
///     LearnerRecord::new(hours(90)?, TrainingHours::NONE, units(6, 10))?,
/// ];
/// let population = WorkStudyPopulation::from_records(&records)?;
/// let decisions = decide_work_study(&population, &CompiledWorkStudyRules::compile(&RulePack::embedded().newest())?);
/// assert_eq!(decisions.outcome(0).unwrap().passed(), Some(true));
/// assert!(decisions.reasons(1).unwrap().contains(ReasonCode::InternalUnitPassRatioBelowMinimum));
/// assert_eq!(decisions.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide_work_study(
    population: &WorkStudyPopulation,
    rules: &CompiledWorkStudyRules,
) -> WorkStudyDecisions {
    let (outcomes, reasons) = (0..population.learners())
        .map(|learner| decide_one(population, rules, learner))
        .unzip();
    WorkStudyDecisions { outcomes, reasons }
}

/// Decides every learner on rayon's thread pool; the result is the one [`decide_work_study`]
/// gives.
///
/// # Example
/// ```
/// use cqnet_analytics::{decide_work_study, decide_work_study_parallel, CompiledWorkStudyRules, WorkStudyPopulation};
/// use cqnet_core::rules::RulePack;
/// let rules = CompiledWorkStudyRules::compile(&RulePack::embedded().newest())?;
/// let population = WorkStudyPopulation::from_records(&[])?;
/// assert_eq!(decide_work_study_parallel(&population, &rules), decide_work_study(&population, &rules));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "rayon")]
#[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
pub fn decide_work_study_parallel(
    population: &WorkStudyPopulation,
    rules: &CompiledWorkStudyRules,
) -> WorkStudyDecisions {
    use rayon::prelude::*;
    let (outcomes, reasons) = (0..population.learners())
        .into_par_iter()
        .map(|learner| decide_one(population, rules, learner))
        .unzip();
    WorkStudyDecisions { outcomes, reasons }
}

pub(crate) fn decide_one(
    p: &WorkStudyPopulation,
    rules: &CompiledWorkStudyRules,
    learner: usize,
) -> (WorkStudyOutcome, ReasonSet) {
    let hours = |column: &[u32]| u64::from(column.get(learner).copied().unwrap_or(0));
    let scheduled = hours(&p.ojt_scheduled) + hours(&p.off_jt_scheduled);
    let attended = hours(&p.ojt_attended) + hours(&p.off_jt_attended);
    let mut reasons = ReasonSet::EMPTY;
    if !meets(attended, scheduled, rules.attendance_min) {
        reasons = reasons.with(ReasonCode::AttendanceBelowMinimum);
    }
    let (internal_passed, internal_units) =
        passed_of(&p.internal_start, &p.internal_passed, learner);
    let internal_ok = meets(internal_passed, internal_units, rules.internal_unit_pass);
    if !internal_ok {
        reasons = reasons.with(ReasonCode::InternalUnitPassRatioBelowMinimum);
    }
    let eligible = reasons.is_empty();
    let (external_passed, external_units) =
        passed_of(&p.external_start, &p.external_passed, learner);
    let passed = match (external_units, eligible) {
        (_, false) => Some(false),
        (0, true) => None,
        (_, true) => {
            let passes = meets(external_passed, external_units, rules.external_unit_pass);
            if !passes {
                reasons = reasons.with(ReasonCode::ExternalUnitPassRatioBelowMinimum);
            }
            Some(passes)
        }
    };
    (
        WorkStudyOutcome::new(internal_ok, eligible, passed),
        reasons,
    )
}

/// Whether `part / whole ≥ minimum%` (minimum × 10⁴), as `part × 100 × 10⁴ ≥ whole × minimum`;
/// a zero whole meets only a zero minimum, as in the core: a missing fact never allows.
fn meets(part: u64, whole: u64, minimum: u64) -> bool {
    if whole == 0 {
        return minimum == 0;
    }
    u128::from(part) * u128::from(PERCENT * SCALE) >= u128::from(whole) * u128::from(minimum)
}

/// (units passed, units) of learner `learner` in one evaluation's columns.
fn passed_of(start: &[u32], passed: &[bool], learner: usize) -> (u64, u64) {
    let range = start
        .get(learner)
        .zip(start.get(learner + 1))
        .map(|(&from, &to)| from as usize..to as usize)
        .and_then(|r| passed.get(r))
        .unwrap_or_default();
    (
        range.iter().filter(|p| **p).count() as u64,
        range.len() as u64,
    )
}
