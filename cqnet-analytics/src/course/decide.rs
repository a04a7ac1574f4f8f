//! One pass over a [`CoursePopulation`]: every candidate decided with integer arithmetic only,
//! exactly as `cqnet_core::course_based::decide` decides one record.

use std::collections::BTreeMap;

use cqnet_core::ReasonCode;
use cqnet_core::course_based::CourseBasedDecision;
use cqnet_core::rules::{AttendanceScope, InternalAggregation};

use super::plain;
use super::population::NO_SCORE;
use crate::scale::{PERCENT, SCALE};
use crate::{CompiledCourseRules, CoursePopulation, ExactScore, ReasonSet};

/// Completion (이수), eligibility for the external evaluation (외부평가 응시자격) and pass
/// (합격) of one candidate, in one byte.
///
/// # Example
/// ```
/// use cqnet_analytics::CourseOutcome;
/// let pending = CourseOutcome::new(true, None);
/// assert!(pending.completed() && pending.eligible_for_external());
/// assert_eq!(pending.passed(), None);
/// assert_eq!(CourseOutcome::new(false, Some(false)).passed(), Some(false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CourseOutcome(u8);

const COMPLETED: u8 = 1;
const DECIDED: u8 = 2;
const PASSED: u8 = 4;

impl CourseOutcome {
    /// The outcome of a candidate who `completed` the course, with `passed` as the core's
    /// decision gives it (`None` until the external evaluation is taken).
    ///
    /// # Example
    /// See [`CourseOutcome`].
    pub fn new(completed: bool, passed: Option<bool>) -> Self {
        let mut bits = if completed { COMPLETED } else { 0 };
        if let Some(passed) = passed {
            bits |= DECIDED | if passed { PASSED } else { 0 };
        }
        CourseOutcome(bits)
    }

    /// 이수: every unit met attendance and the internal evaluation.
    ///
    /// # Example
    /// See [`CourseOutcome`].
    pub fn completed(self) -> bool {
        self.0 & COMPLETED != 0
    }

    /// 외부평가 응시자격: only those who completed may sit the external evaluation.
    ///
    /// # Example
    /// See [`CourseOutcome`].
    pub fn eligible_for_external(self) -> bool {
        self.completed()
    }

    /// 합격: `Some(false)` when not completed, `None` (pending) until the external evaluation
    /// is taken.
    ///
    /// # Example
    /// See [`CourseOutcome`].
    pub fn passed(self) -> Option<bool> {
        (self.0 & DECIDED != 0).then_some(self.0 & PASSED != 0)
    }
}

/// The scores of one candidate, exact: `None` where the core's decision has none yet.
///
/// # Example
/// ```
/// use cqnet_analytics::{decide_course, CompiledCourseRules, CoursePopulation, ExactScore};
/// use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
/// use cqnet_core::{rules::RulePack, Hours, Score};
///
/// let unit = |s: u32| UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![Some(Score::whole(s)?)]);
/// let record = TraineeRecord::new(vec![unit(80)?, unit(80)?, unit(81)?])?
///     .with_external(ExternalScores::new(Score::whole(80)?, Score::whole(80)?));
/// let population = CoursePopulation::from_records(&[record])?;
/// let decisions = decide_course(&population, &CompiledCourseRules::compile(&RulePack::embedded().newest())?);
/// let scores = decisions.scores(0).unwrap();
/// assert_eq!(scores.internal, ExactScore::new(241, 3));
/// assert_eq!(scores.external, ExactScore::new(80, 1));
/// assert_eq!(scores.final_score, ExactScore::new(481, 6));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CourseScores {
    /// 내부평가 점수: when every unit has all its rounds.
    pub internal: Option<ExactScore>,
    /// 외부평가 점수: written and practical weighted, once taken.
    pub external: Option<ExactScore>,
    /// 최종점수: internal and external weighted, when both are known.
    pub final_score: Option<ExactScore>,
}

/// Every candidate of a population decided: per candidate the outcome, the failing checks
/// as a [`ReasonSet`], and the scores. Row `i` is candidate `i` of the population.
///
/// # Example
/// See [`decide_course`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CourseDecisions {
    outcomes: Vec<CourseOutcome>,
    reasons: Vec<ReasonSet>,
    /// Per candidate: the internal score as a fraction of 64-bit terms (a zero denominator
    /// for none), which holds every candidate's but those in `wide`.
    internal: Vec<Fraction64>,
    /// Per candidate: the external score in units of 10⁻¹⁰ (always whole), or [`NO_EXTERNAL`].
    external: Vec<u64>,
    /// The scores of the few candidates whose fractions need more than 64 bits.
    wide: BTreeMap<usize, CourseScores>,
    /// The weights of the final score (percent × 10⁴), to compute it on request.
    weights: (u64, u64),
}

/// A fraction of 64-bit terms; a zero denominator stands for no score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Fraction64 {
    pub(super) numerator: u64,
    pub(super) denominator: u64,
}

/// The external score's column entry for none yet.
pub(super) const NO_EXTERNAL: u64 = u64::MAX;

/// The external score's denominator: scores and weights are × 10⁴, and a weight is a percent.
pub(super) const EXTERNAL_DENOMINATOR: u128 = (SCALE * SCALE * PERCENT) as u128;

impl CourseDecisions {
    /// How many candidates were decided.
    ///
    /// # Example
    /// See [`decide_course`].
    pub fn len(&self) -> usize {
        self.outcomes.len()
    }

    /// Whether the population was empty.
    ///
    /// # Example
    /// See [`decide_course`].
    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
    }

    /// Candidate `index`'s outcome.
    ///
    /// # Example
    /// See [`decide_course`].
    pub fn outcome(&self, index: usize) -> Option<CourseOutcome> {
        self.outcomes.get(index).copied()
    }

    /// Candidate `index`'s failing checks.
    ///
    /// # Example
    /// See [`decide_course`].
    pub fn reasons(&self, index: usize) -> Option<ReasonSet> {
        self.reasons.get(index).copied()
    }

    /// Candidate `index`'s scores.
    ///
    /// # Example
    /// See [`CourseScores`].
    pub fn scores(&self, index: usize) -> Option<CourseScores> {
        if let Some(wide) = self.wide.get(&index) {
            return Some(*wide);
        }
        let internal = self.internal.get(index)?;
        let internal = (internal.denominator != 0).then_some((
            u128::from(internal.numerator),
            u128::from(internal.denominator),
        ));
        let external = match *self.external.get(index)? {
            NO_EXTERNAL => None,
            numerator => Some((u128::from(numerator), EXTERNAL_DENOMINATOR)),
        };
        let final_score = internal
            .zip(external)
            .and_then(|(i, e)| final_fraction(i, e, self.weights));
        let exact = |f: Option<(u128, u128)>| f.and_then(|(n, d)| ExactScore::new(n, d));
        Some(CourseScores {
            internal: exact(internal),
            external: exact(external),
            final_score: exact(final_score),
        })
    }

    /// Every outcome, in the population's order.
    ///
    /// # Example
    /// See [`decide_course`].
    pub fn outcomes(&self) -> &[CourseOutcome] {
        &self.outcomes
    }

    /// Every candidate's failing checks, in the population's order.
    ///
    /// # Example
    /// See [`decide_course`].
    pub fn reason_sets(&self) -> &[ReasonSet] {
        &self.reasons
    }

    /// The bytes the result columns hold.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::{decide_course, synthetic, CompiledCourseRules};
    /// use cqnet_core::rules::RulePack;
    /// let rules = CompiledCourseRules::compile(&RulePack::embedded().newest())?;
    /// let decisions = decide_course(&synthetic::openfisca_distribution(100, 12, 1), &rules);
    /// // An outcome byte, two bytes of reasons, and the internal and external scores.
    /// assert_eq!(decisions.column_bytes(), 100 * (1 + 2 + 16 + 8));
    /// # Ok::<(), cqnet_analytics::CompileError>(())
    /// ```
    pub fn column_bytes(&self) -> usize {
        self.outcomes.len() * size_of::<CourseOutcome>()
            + self.reasons.len() * size_of::<ReasonSet>()
            + self.internal.len() * size_of::<Fraction64>()
            + self.external.len() * size_of::<u64>()
            + self.wide.len() * (size_of::<usize>() + size_of::<CourseScores>())
    }
}

/// Decides every candidate of `population` under `rules`, on the calling thread.
///
/// Row by row the result equals `cqnet_core::course_based::decide` on the candidate's
/// record: the same completion, eligibility and pass, the same reason codes, and the scores
/// exactly (the core's decimals round at their 28th digit; these do not round at all).
///
/// # Example
/// ```
/// use cqnet_analytics::{decide_course, CompiledCourseRules, CoursePopulation};
/// use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
/// use cqnet_core::{rules::RulePack, Hours, ReasonCode, Score};
///
/// let s = |n: u32| Score::whole(n);
/// let unit = |attended: u32, score: u32| UnitRecord::new(None, Hours::whole(40)?, Hours::whole(attended)?, vec![Some(s(score)?)]);
/// let records = [
///     TraineeRecord::new(vec![unit(40, 90)?, unit(30, 85)?])?.with_external(ExternalScores::new(s(80)?, s(90)?)),
///     TraineeRecord::new(vec![unit(29, 90)?, unit(40, 39)?])?,
///     TraineeRecord::new(vec![unit(40, 90)?])?,
/// ];
/// let population = CoursePopulation::from_records(&records)?;
/// let decisions = decide_course(&population, &CompiledCourseRules::compile(&RulePack::embedded().newest())?);
/// assert_eq!(decisions.len(), 3);
/// assert_eq!(decisions.outcome(0).unwrap().passed(), Some(true));
/// let failing = decisions.reasons(1).unwrap();
/// assert!(failing.contains(ReasonCode::AttendanceBelowMinimum) && failing.contains(ReasonCode::InternalRoundBelowFloor));
/// assert_eq!(decisions.outcome(2).unwrap().passed(), None);
/// assert_eq!(decisions.outcomes().iter().filter(|o| o.completed()).count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide_course(
    population: &CoursePopulation,
    rules: &CompiledCourseRules,
) -> CourseDecisions {
    let mut decisions = CourseDecisions::default();
    decide_course_into(population, rules, &mut decisions);
    decisions
}

/// Decides every candidate of `population` under `rules` into `decisions`, replacing what
/// it held and reusing its columns' memory: a host that decides populations over and over
/// (overlays, a batch service) allocates and faults in the result columns once.
///
/// The result is the one [`decide_course`] gives.
///
/// # Example
/// ```
/// use cqnet_analytics::{decide_course, decide_course_into, synthetic, CompiledCourseRules, CourseDecisions};
/// use cqnet_core::rules::RulePack;
/// let rules = CompiledCourseRules::compile(&RulePack::embedded().newest())?;
/// let mut decisions = CourseDecisions::default();
/// for seed in 1..=3 {
///     let population = synthetic::openfisca_distribution(1_000, 12, seed);
///     decide_course_into(&population, &rules, &mut decisions);
///     assert_eq!(decisions, decide_course(&population, &rules));
/// }
/// # Ok::<(), cqnet_analytics::CompileError>(())
/// ```
pub fn decide_course_into(
    population: &CoursePopulation,
    rules: &CompiledCourseRules,
    decisions: &mut CourseDecisions,
) {
    let n = population.candidates();
    decisions.outcomes.clear();
    decisions.reasons.clear();
    decisions.internal.clear();
    decisions.external.clear();
    decisions.wide.clear();
    decisions.outcomes.reserve(n);
    decisions.reasons.reserve(n);
    decisions.internal.reserve(n);
    decisions.external.reserve(n);
    decisions.weights = (rules.internal_weight, rules.external_weight);
    let plain = plain::applies(population, rules);
    for candidate in 0..n {
        let row = decide_one(population, rules, plain, candidate);
        decisions.outcomes.push(row.outcome);
        decisions.reasons.push(row.reasons);
        decisions.internal.push(row.internal);
        decisions.external.push(row.external);
        if let Some(scores) = row.wide {
            decisions.wide.insert(candidate, *scores);
        }
    }
}

/// Decides every candidate of `population` under `rules` on rayon's thread pool, in chunks
/// of candidates; the result is the one [`decide_course`] gives.
///
/// # Example
/// ```
/// use cqnet_analytics::{decide_course, decide_course_parallel, synthetic, CompiledCourseRules};
/// use cqnet_core::rules::RulePack;
/// let rules = CompiledCourseRules::compile(&RulePack::embedded().newest())?;
/// let population = synthetic::openfisca_distribution(10_000, 12, 3);
/// assert_eq!(decide_course_parallel(&population, &rules), decide_course(&population, &rules));
/// # Ok::<(), cqnet_analytics::CompileError>(())
/// ```
#[cfg(feature = "rayon")]
#[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
pub fn decide_course_parallel(
    population: &CoursePopulation,
    rules: &CompiledCourseRules,
) -> CourseDecisions {
    use rayon::prelude::*;
    const CHUNK: usize = 16 * 1024;
    let n = population.candidates();
    let mut decisions = CourseDecisions {
        outcomes: vec![CourseOutcome::default(); n],
        reasons: vec![ReasonSet::EMPTY; n],
        internal: vec![Fraction64::default(); n],
        external: vec![NO_EXTERNAL; n],
        wide: BTreeMap::new(),
        weights: (rules.internal_weight, rules.external_weight),
    };
    let wide: Vec<Vec<(usize, CourseScores)>> = decisions
        .outcomes
        .par_chunks_mut(CHUNK)
        .zip(decisions.reasons.par_chunks_mut(CHUNK))
        .zip(decisions.internal.par_chunks_mut(CHUNK))
        .zip(decisions.external.par_chunks_mut(CHUNK))
        .enumerate()
        .map(|(chunk, (((outcomes, reasons), internal), external))| {
            let first = chunk * CHUNK;
            let plain = plain::applies(population, rules);
            let mut wide = Vec::new();
            let rows = outcomes.iter_mut().zip(reasons).zip(internal).zip(external);
            for (offset, (((outcome, reason), internal), external)) in rows.enumerate() {
                let row = decide_one(population, rules, plain, first + offset);
                (*outcome, *reason, *internal, *external) =
                    (row.outcome, row.reasons, row.internal, row.external);
                if let Some(scores) = row.wide {
                    wide.push((first + offset, *scores));
                }
            }
            wide
        })
        .collect();
    decisions.wide = wide.into_iter().flatten().collect();
    decisions
}

/// One candidate's row of the result columns.
pub(super) struct Row {
    pub(super) outcome: CourseOutcome,
    pub(super) reasons: ReasonSet,
    pub(super) internal: Fraction64,
    pub(super) external: u64,
    /// The scores, when a fraction needs more than 64 bits (rare, so boxed: the row of
    /// every other candidate stays a few words).
    pub(super) wide: Option<Box<CourseScores>>,
}

impl Row {
    /// A row whose scores are kept whole, outside the 64-bit columns.
    fn wide(outcome: CourseOutcome, reasons: ReasonSet, scores: CourseScores) -> Row {
        Row {
            outcome,
            reasons,
            internal: Fraction64::default(),
            external: NO_EXTERNAL,
            wide: Some(Box::new(scores)),
        }
    }
}

/// One candidate's outcome and failing checks (what a what-if run compares).
pub(crate) fn decide_one_outcome(
    population: &CoursePopulation,
    rules: &CompiledCourseRules,
    candidate: usize,
) -> (CourseOutcome, ReasonSet) {
    let plain = plain::applies(population, rules);
    let row = decide_one(population, rules, plain, candidate);
    (row.outcome, row.reasons)
}

/// One candidate: the plain path where `plain` says it applies ([`plain::applies`]), the
/// general integer path, or the core's own decision where a number outgrows both.
#[inline(always)]
fn decide_one(
    population: &CoursePopulation,
    rules: &CompiledCourseRules,
    plain: bool,
    candidate: usize,
) -> Row {
    let exact = match plain {
        true => plain::decide(population, rules, candidate),
        false => None,
    };
    match exact.or_else(|| decide_exactly(population, rules, candidate)) {
        Some(row) => row,
        None => {
            let (outcome, reasons, scores) = match rules.explain(population, candidate) {
                Ok(decision) => from_core(&decision),
                // Cannot happen: the columns always give back a record. A missing fact never
                // allows, so it would read as not completed.
                Err(_) => (
                    CourseOutcome::new(false, Some(false)),
                    ReasonSet::EMPTY,
                    CourseScores::default(),
                ),
            };
            Row::wide(outcome, reasons, scores)
        }
    }
}

/// The outcome of the core's decision, for the candidates whose numbers outgrow 128 bits.
fn from_core(decision: &CourseBasedDecision) -> (CourseOutcome, ReasonSet, CourseScores) {
    let reasons = decision
        .reasons
        .iter()
        .fold(ReasonSet::EMPTY, |set, reason| set.with(reason.code));
    let exact = |d: Option<rust_decimal::Decimal>| d.and_then(ExactScore::from_decimal);
    (
        CourseOutcome::new(decision.completed, decision.passed),
        reasons,
        CourseScores {
            internal: exact(decision.internal_score),
            external: exact(decision.external_score),
            final_score: exact(decision.final_score),
        },
    )
}

/// The final score `(I × wi + E × we) / 100` of I = In / Id and E = En / Ed, the weights
/// percent × 10⁴; `None` past 128 bits.
pub(super) fn final_fraction(
    internal: (u128, u128),
    external: (u128, u128),
    weights: (u64, u64),
) -> Option<(u128, u128)> {
    let ((internal_n, internal_d), (external_n, external_d)) = (internal, external);
    let numerator = internal_n
        .checked_mul(u128::from(weights.0))?
        .checked_mul(external_d)?
        .checked_add(
            external_n
                .checked_mul(u128::from(weights.1))?
                .checked_mul(internal_d)?,
        )?;
    let denominator = internal_d
        .checked_mul(external_d)?
        .checked_mul(u128::from(SCALE * PERCENT))?;
    Some((numerator, denominator))
}

/// The integer decision of one candidate; `None` when a product outgrows 128 bits (only for
/// records of thousands of rounds with unlike counts) or the columns are out of step.
#[inline]
fn decide_exactly(
    p: &CoursePopulation,
    rules: &CompiledCourseRules,
    candidate: usize,
) -> Option<Row> {
    let units = p.unit_range(candidate)?;
    let scheduled = p.scheduled.get(units.clone())?;
    let rates = p.attendance_rate.get(units.clone())?;
    // Unit u's only round is round u when the population says so: neither the round offsets
    // nor the attended hours need be read, which halves the bytes a candidate streams.
    let one_round = if p.one_round_each {
        units_of_one_round(rules, scheduled, rates, p.round_score.get(units.clone())?)
    } else {
        None
    };
    // The round offsets and scores are kept for the internal score of unlike round counts.
    let (totals, first_count, rounds) = match one_round {
        Some(totals) => (totals, 1, None),
        None => {
            let attended = p.attended.get(units.clone())?;
            let round_start = p.round_start.get(units.start..=units.end)?;
            let first_round = *round_start.first()? as usize;
            let last_round = *round_start.last()? as usize;
            let scores = p.round_score.get(first_round..last_round)?;
            let first_count = round_start.get(1)?.checked_sub(*round_start.first()?)?;
            // The offsets may still say one round a unit for this candidate.
            let one_round_by_offsets = scores.len() == scheduled.len()
                && round_start.windows(2).all(|w| w[1].wrapping_sub(w[0]) == 1);
            let totals = match one_round_by_offsets
                .then(|| units_of_one_round(rules, scheduled, rates, scores))
                .flatten()
            {
                Some(totals) => totals,
                None => unit_totals(rules, scheduled, attended, round_start, scores, first_count)?,
            };
            (totals, first_count, Some((round_start, scores)))
        }
    };
    let UnitTotals {
        attendance_short,
        every_round_taken,
        below_floor,
        same_round_count,
        round_sum,
        weighted_sum,
        hours_total,
    } = totals;
    let mut reasons = ReasonSet::EMPTY;
    if attendance_short {
        reasons = reasons.with(ReasonCode::AttendanceBelowMinimum);
    }
    if !every_round_taken {
        reasons = reasons.with(ReasonCode::InternalEvaluationMissing);
    }
    if below_floor {
        reasons = reasons.with(ReasonCode::InternalRoundBelowFloor);
    }
    if rules.attendance_scope == AttendanceScope::UnitCourse
        && !unit_courses_attend(p, rules, units.clone())?
    {
        reasons = reasons.with(ReasonCode::UnitCourseAttendanceBelowMinimum);
    }
    let completed = reasons.is_empty();

    let internal = if !every_round_taken {
        None
    } else if same_round_count {
        // Every unit's score is its round sum over the same count m: the mean of units is
        // Σ sums / (units × m), the hours-weighted mean Σ sum × hours / (m × Σ hours).
        let m = u128::from(first_count);
        let unit_count = units.len() as u128;
        Some(match rules.aggregation {
            InternalAggregation::Mean => {
                (u128::from(round_sum), unit_count * m * u128::from(SCALE))
            }
            InternalAggregation::HoursWeighted => (
                weighted_sum,
                m * u128::from(hours_total) * u128::from(SCALE),
            ),
        })
    } else {
        // Only the general path gives unlike counts, and it keeps the rounds.
        let (round_start, scores) = rounds?;
        Some(internal_over_unlike_round_counts(
            rules.aggregation,
            scheduled,
            round_start,
            scores,
        )?)
    };
    let external = match (p.written.get(candidate)?, p.practical.get(candidate)?) {
        (&written, &practical) if written != NO_SCORE && practical != NO_SCORE => {
            // (written × w + practical × p) / 100, each score and weight × 10⁴.
            let numerator = u128::from(written) * u128::from(rules.written_weight)
                + u128::from(practical) * u128::from(rules.practical_weight);
            Some((numerator, EXTERNAL_DENOMINATOR))
        }
        _ => None,
    };
    let weights = (rules.internal_weight, rules.external_weight);
    // The final score decides only a candidate who completed: the others have failed.
    let passed = match (completed, internal, external) {
        (false, _, _) => Some(false),
        (true, Some(internal), Some(external)) => {
            // final = n / (Id × Ed × 10⁴ × 100) ≥ pass mark / 10⁴, as n ≥ pass × Id × Ed × 100.
            let (numerator, _) = final_fraction(internal, external, weights)?;
            let required = u128::from(rules.pass_average)
                .checked_mul(internal.1)?
                .checked_mul(external.1)?
                .checked_mul(u128::from(PERCENT))?;
            let passes = numerator >= required;
            if !passes {
                reasons = reasons.with(ReasonCode::FinalScoreBelowPassMark);
            }
            Some(passes)
        }
        (true, _, _) => None,
    };
    let outcome = CourseOutcome::new(completed, passed);
    let compact_internal = match internal {
        None => Some(Fraction64::default()),
        Some((n, d)) => {
            u64::try_from(n)
                .ok()
                .zip(u64::try_from(d).ok())
                .map(|(numerator, denominator)| Fraction64 {
                    numerator,
                    denominator,
                })
        }
    };
    let compact_external = match external {
        None => Some(NO_EXTERNAL),
        Some((n, _)) => u64::try_from(n).ok().filter(|n| *n != NO_EXTERNAL),
    };
    Some(match compact_internal.zip(compact_external) {
        Some((internal, external)) => Row {
            outcome,
            reasons,
            internal,
            external,
            wide: None,
        },
        None => {
            let final_score = match (internal, external) {
                (Some(internal), Some(external)) => {
                    Some(final_fraction(internal, external, weights)?)
                }
                _ => None,
            };
            let exact = |f: Option<(u128, u128)>| f.and_then(|(n, d)| ExactScore::new(n, d));
            let scores = CourseScores {
                internal: exact(internal),
                external: exact(external),
                final_score: exact(final_score),
            };
            Row::wide(outcome, reasons, scores)
        }
    })
}

/// What the unit checks and the internal score need of a candidate's units.
struct UnitTotals {
    attendance_short: bool,
    every_round_taken: bool,
    below_floor: bool,
    /// Whether every unit has as many rounds as the first.
    same_round_count: bool,
    /// Σ of the rounds' scores (× 10⁴), and Σ of each unit's sum × its hours.
    round_sum: u64,
    weighted_sum: u128,
    hours_total: u64,
}

/// The totals when every unit has exactly one round (the common case), unit `u`'s round
/// being `scores[u]`: no loop over rounds. `None` for more units than a 32-bit sum holds,
/// which [`unit_totals`] then counts.
///
/// The checks read two columns, the attendance rate and the score ([`plain::unit_flags`]).
fn units_of_one_round(
    rules: &CompiledCourseRules,
    scheduled: &[u32],
    rates: &[u32],
    scores: &[u32],
) -> Option<UnitTotals> {
    // The compiled minimum is at most 100% (10⁶), the rate's own bound.
    let attendance_min = u32::try_from(rules.attendance_min).ok()?;
    let flags = plain::unit_flags(rates, scores, attendance_min, rules.round_floor)?;
    // Hours matter to the hours-weighted mean only: apart, so the loop above stays narrow.
    let (weighted_sum, hours_total) = match rules.aggregation {
        InternalAggregation::Mean => (0, 0),
        InternalAggregation::HoursWeighted => scheduled.iter().zip(scores).fold(
            (0u128, 0u64),
            |(weighted, hours), (&scheduled, &score)| {
                (
                    weighted + u128::from(u64::from(score) * u64::from(scheduled)),
                    hours + u64::from(scheduled),
                )
            },
        ),
    };
    Some(UnitTotals {
        attendance_short: flags.short && rules.attendance_scope == AttendanceScope::CompetencyUnit,
        every_round_taken: !flags.missing,
        below_floor: flags.below_floor,
        same_round_count: true,
        round_sum: u64::from(flags.round_sum),
        weighted_sum,
        hours_total,
    })
}

/// The totals for any numbers of rounds.
fn unit_totals(
    rules: &CompiledCourseRules,
    scheduled: &[u32],
    attended: &[u32],
    round_start: &[u32],
    scores: &[u32],
    first_count: u32,
) -> Option<UnitTotals> {
    let per_unit_attendance = rules.attendance_scope == AttendanceScope::CompetencyUnit;
    let first_round = *round_start.first()? as usize;
    let mut totals = UnitTotals {
        attendance_short: false,
        every_round_taken: true,
        below_floor: false,
        same_round_count: true,
        round_sum: 0,
        weighted_sum: 0,
        hours_total: 0,
    };
    let units_with_rounds = scheduled.iter().zip(attended).zip(round_start.windows(2));
    for ((&scheduled, &attended), bounds) in units_with_rounds {
        totals.attendance_short |= per_unit_attendance
            && u64::from(attended) * (PERCENT * SCALE)
                < u64::from(scheduled) * rules.attendance_min;
        // Offsets only grow, so neither wraps; if one did, `get` would refuse it.
        let (from, to) = (
            (bounds[0] as usize).wrapping_sub(first_round),
            (bounds[1] as usize).wrapping_sub(first_round),
        );
        let rounds = scores.get(from..to)?;
        totals.same_round_count &= rounds.len() == first_count as usize;
        totals.every_round_taken &= !rounds.is_empty();
        let mut unit_sum: u64 = 0;
        for &score in rounds {
            totals.every_round_taken &= score != NO_SCORE;
            if score != NO_SCORE {
                totals.below_floor |= score < rules.round_floor;
                unit_sum += u64::from(score);
            }
        }
        totals.round_sum += unit_sum;
        totals.weighted_sum += u128::from(unit_sum) * u128::from(scheduled);
        totals.hours_total += u64::from(scheduled);
    }
    Some(totals)
}

/// The internal score when units have different numbers of rounds: each unit's sum over
/// the least common multiple `L` of the counts, `sum × (L / m)`, so that one denominator holds.
fn internal_over_unlike_round_counts(
    aggregation: InternalAggregation,
    scheduled: &[u32],
    round_start: &[u32],
    scores: &[u32],
) -> Option<(u128, u128)> {
    let counts = round_start
        .windows(2)
        .map(|w| u128::from(w[1].saturating_sub(w[0])));
    let lcm = counts
        .clone()
        .try_fold(1u128, |l, m| l.checked_mul(m.checked_div(gcd(l, m))?))?;
    let base = *round_start.first()?;
    let mut numerator: u128 = 0;
    let mut hours_total: u128 = 0;
    for (unit, m) in counts.enumerate() {
        let from = round_start.get(unit)?.checked_sub(base)? as usize;
        let to = round_start.get(unit + 1)?.checked_sub(base)? as usize;
        let sum: u128 = scores.get(from..to)?.iter().map(|s| u128::from(*s)).sum();
        let hours = u128::from(*scheduled.get(unit)?);
        let weight = match aggregation {
            InternalAggregation::Mean => 1,
            InternalAggregation::HoursWeighted => hours,
        };
        numerator =
            numerator.checked_add(sum.checked_mul(lcm.checked_div(m)?)?.checked_mul(weight)?)?;
        hours_total += hours;
    }
    let weights = match aggregation {
        InternalAggregation::Mean => scheduled.len() as u128,
        InternalAggregation::HoursWeighted => hours_total,
    };
    let denominator = weights.checked_mul(lcm)?.checked_mul(u128::from(SCALE))?;
    Some((numerator, denominator))
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// Whether every unit course (단위과정) of the candidate meets the attendance minimum: units
/// that share a label summed, a unit without one a course of its own.
fn unit_courses_attend(
    p: &CoursePopulation,
    rules: &CompiledCourseRules,
    units: std::ops::Range<usize>,
) -> Option<bool> {
    let meets = |attended: u64, scheduled: u64| {
        u128::from(attended) * u128::from(PERCENT * SCALE)
            >= u128::from(scheduled) * u128::from(rules.attendance_min)
    };
    // (label code, attended, scheduled); a handful of courses a candidate, so a list.
    let mut courses: Vec<(Option<u32>, u64, u64)> = Vec::new();
    for unit in units {
        let attended = u64::from(*p.attended.get(unit)?);
        let scheduled = u64::from(*p.scheduled.get(unit)?);
        match p.unit_course.code(unit) {
            Some(code) => match courses.iter_mut().find(|c| c.0 == Some(code)) {
                Some(course) => {
                    course.1 += attended;
                    course.2 += scheduled;
                }
                None => courses.push((Some(code), attended, scheduled)),
            },
            None => {
                if !meets(attended, scheduled) {
                    return Some(false);
                }
            }
        }
    }
    Some(
        courses
            .iter()
            .all(|&(_, attended, scheduled)| meets(attended, scheduled)),
    )
}
