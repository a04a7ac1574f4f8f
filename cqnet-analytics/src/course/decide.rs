//! One pass over a [`CoursePopulation`]: every candidate decided with integer arithmetic only,
//! exactly as `cqnet_core::course_based::decide` decides one record.

use cqnet_core::ReasonCode;
use cqnet_core::course_based::CourseBasedDecision;
use cqnet_core::rules::{AttendanceScope, InternalAggregation};

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
    scores: Vec<CourseScores>,
}

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
        self.scores.get(index).copied()
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
    /// assert_eq!(decisions.column_bytes(), 100 * (1 + 2 + 3 * 32));
    /// # Ok::<(), cqnet_analytics::CompileError>(())
    /// ```
    pub fn column_bytes(&self) -> usize {
        self.outcomes.len() * size_of::<CourseOutcome>()
            + self.reasons.len() * size_of::<ReasonSet>()
            + self.scores.len() * size_of::<CourseScores>()
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
pub fn decide_course(population: &CoursePopulation, rules: &CompiledCourseRules) -> CourseDecisions {
    let n = population.candidates();
    let mut decisions = CourseDecisions {
        outcomes: Vec::with_capacity(n),
        reasons: Vec::with_capacity(n),
        scores: Vec::with_capacity(n),
    };
    for candidate in 0..n {
        let (outcome, reasons, scores) = decide_one(population, rules, candidate);
        decisions.outcomes.push(outcome);
        decisions.reasons.push(reasons);
        decisions.scores.push(scores);
    }
    decisions
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
        scores: vec![CourseScores::default(); n],
    };
    decisions
        .outcomes
        .par_chunks_mut(CHUNK)
        .zip(decisions.reasons.par_chunks_mut(CHUNK))
        .zip(decisions.scores.par_chunks_mut(CHUNK))
        .enumerate()
        .for_each(|(chunk, ((outcomes, reasons), scores))| {
            let first = chunk * CHUNK;
            let rows = outcomes.iter_mut().zip(reasons).zip(scores);
            for (offset, ((outcome, reason), score)) in rows.enumerate() {
                (*outcome, *reason, *score) = decide_one(population, rules, first + offset);
            }
        });
    decisions
}

/// One candidate: the integer path, or the core's own decision where a number outgrows it.
fn decide_one(
    population: &CoursePopulation,
    rules: &CompiledCourseRules,
    candidate: usize,
) -> (CourseOutcome, ReasonSet, CourseScores) {
    match decide_exactly(population, rules, candidate) {
        Some(decided) => decided,
        None => match rules.explain(population, candidate) {
            Ok(decision) => from_core(&decision),
            // Cannot happen: the columns always give back a record. A missing fact never
            // allows, so it would read as not completed.
            Err(_) => (CourseOutcome::new(false, Some(false)), ReasonSet::EMPTY, CourseScores::default()),
        },
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

/// The integer decision of one candidate; `None` when a product outgrows 128 bits (only for
/// records of thousands of rounds with unlike counts) or the columns are out of step.
fn decide_exactly(
    p: &CoursePopulation,
    rules: &CompiledCourseRules,
    candidate: usize,
) -> Option<(CourseOutcome, ReasonSet, CourseScores)> {
    let units = p.unit_range(candidate)?;
    let scheduled = p.scheduled.get(units.clone())?;
    let attended = p.attended.get(units.clone())?;
    let round_start = p.round_start.get(units.start..=units.end)?;
    let first_round = *round_start.first()? as usize;
    let last_round = *round_start.last()? as usize;
    let scores = p.round_score.get(first_round..last_round)?;

    let mut reasons = ReasonSet::EMPTY;
    let per_unit_attendance = rules.attendance_scope == AttendanceScope::CompetencyUnit;
    let mut every_round_taken = true;
    let mut below_floor = false;
    let mut same_round_count = true;
    let first_count = round_start.get(1)?.checked_sub(*round_start.first()?)?;
    // Sums for the internal score when every unit has the same number of rounds.
    let mut round_sum: u64 = 0;
    let mut weighted_sum: u128 = 0;
    let mut hours_total: u64 = 0;
    for (unit, (&scheduled, &attended)) in scheduled.iter().zip(attended).enumerate() {
        // attended / scheduled ≥ minimum%, as attended × 100 × 10⁴ ≥ scheduled × (minimum × 10⁴).
        if per_unit_attendance
            && u128::from(attended) * u128::from(PERCENT * SCALE)
                < u128::from(scheduled) * u128::from(rules.attendance_min)
        {
            reasons = reasons.with(ReasonCode::AttendanceBelowMinimum);
        }
        let from = round_start.get(unit)?.checked_sub(first_round as u32)? as usize;
        let to = round_start.get(unit + 1)?.checked_sub(first_round as u32)? as usize;
        let rounds = scores.get(from..to)?;
        same_round_count &= rounds.len() as u32 == first_count;
        every_round_taken &= !rounds.is_empty();
        let mut unit_sum: u64 = 0;
        for &score in rounds {
            if score == NO_SCORE {
                every_round_taken = false;
            } else {
                below_floor |= score < rules.round_floor;
                unit_sum += u64::from(score);
            }
        }
        round_sum += unit_sum;
        weighted_sum += u128::from(unit_sum) * u128::from(scheduled);
        hours_total += u64::from(scheduled);
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
            InternalAggregation::Mean => (u128::from(round_sum), unit_count * m * u128::from(SCALE)),
            InternalAggregation::HoursWeighted => {
                (weighted_sum, m * u128::from(hours_total) * u128::from(SCALE))
            }
        })
    } else {
        Some(internal_over_unlike_round_counts(rules.aggregation, scheduled, round_start, scores)?)
    };
    let external = match (p.written.get(candidate)?, p.practical.get(candidate)?) {
        (&written, &practical) if written != NO_SCORE && practical != NO_SCORE => {
            // (written × w + practical × p) / 100, each score and weight × 10⁴.
            let numerator = u128::from(written) * u128::from(rules.written_weight)
                + u128::from(practical) * u128::from(rules.practical_weight);
            Some((numerator, u128::from(SCALE * SCALE * PERCENT)))
        }
        _ => None,
    };
    let final_score = match (internal, external) {
        (Some((internal_n, internal_d)), Some((external_n, external_d))) => {
            // (I × wi + E × we) / 100 with I = In / Id, E = En / Ed and the weights × 10⁴.
            let numerator = internal_n
                .checked_mul(u128::from(rules.internal_weight))?
                .checked_mul(external_d)?
                .checked_add(
                    external_n
                        .checked_mul(u128::from(rules.external_weight))?
                        .checked_mul(internal_d)?,
                )?;
            let denominator = internal_d
                .checked_mul(external_d)?
                .checked_mul(u128::from(SCALE * PERCENT))?;
            Some((numerator, denominator))
        }
        _ => None,
    };
    let passed = match (completed, final_score) {
        (false, _) => Some(false),
        (true, None) => None,
        (true, Some((numerator, denominator))) => {
            // final ≥ pass mark, as numerator × 10⁴ ≥ (pass mark × 10⁴) × denominator.
            let passes = numerator.checked_mul(u128::from(SCALE))?
                >= denominator.checked_mul(u128::from(rules.pass_average))?;
            if !passes {
                reasons = reasons.with(ReasonCode::FinalScoreBelowPassMark);
            }
            Some(passes)
        }
    };
    let fraction = |f: Option<(u128, u128)>| f.and_then(|(n, d)| ExactScore::new(n, d));
    Some((
        CourseOutcome::new(completed, passed),
        reasons,
        CourseScores {
            internal: fraction(internal),
            external: fraction(external),
            final_score: fraction(final_score),
        },
    ))
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
        numerator = numerator.checked_add(sum.checked_mul(lcm.checked_div(m)?)?.checked_mul(weight)?)?;
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
    Some(courses.iter().all(|&(_, attended, scheduled)| meets(attended, scheduled)))
}
