//! The pass for the plain shape, which the pack's values and most populations have: every
//! competency unit (능력단위) has one internal evaluation round, attendance is judged per
//! unit, and the internal score is the plain mean of the units.
//!
//! It decides what `decide::decide_exactly` decides for such a candidate, in a straight
//! line that keeps a candidate in registers; any other shape, and any number this path does
//! not hold in 64 bits, is left to the general path (`None`). The property tests of the
//! crate compare both with the core's decision.

use cqnet_core::ReasonCode;
use cqnet_core::rules::{AttendanceScope, InternalAggregation};

use super::decide::{EXTERNAL_DENOMINATOR, Fraction64, NO_EXTERNAL, Row, final_fraction};
use super::population::NO_SCORE;
use crate::scale::{PERCENT, SCALE};
use crate::{CompiledCourseRules, CourseOutcome, CoursePopulation, ReasonSet};

/// Bit 31, which no rate, minimum, floor or taken score has and a round not taken has.
const SIGN_BIT: u32 = 1 << 31;

/// The most units whose round scores (each at most 100 × 10⁴) a 32-bit sum holds.
const MAX_UNITS_SUMMED_IN_32_BITS: usize = (u32::MAX / 1_000_000) as usize;

/// Whether the plain path may decide under `rules` over `population`.
pub(super) fn applies(population: &CoursePopulation, rules: &CompiledCourseRules) -> bool {
    population.one_round_each
        && rules.attendance_scope == AttendanceScope::CompetencyUnit
        && rules.aggregation == InternalAggregation::Mean
        // Below 2³¹, as unit_flags needs; the compiled minimum is at most 10⁶.
        && rules.attendance_min < u64::from(SIGN_BIT)
}

/// Candidate `candidate` on the plain path, where [`applies`] holds; `None` where
/// [`unit_flags`] gives none, or a product outgrows its bits.
#[inline(always)]
pub(super) fn decide(
    p: &CoursePopulation,
    rules: &CompiledCourseRules,
    candidate: usize,
) -> Option<Row> {
    let units = p.unit_range(candidate)?;
    // Unit u's only round is round u: the rates and the scores are all a candidate needs.
    let rates = p.attendance_rate.get(units.clone())?;
    let scores = p.round_score.get(units.clone())?;
    let flags = unit_flags(
        rates,
        scores,
        rules.attendance_min as u32,
        rules.round_floor,
    )?;
    let mut reasons = ReasonSet::EMPTY;
    if flags.short {
        reasons = reasons.with(ReasonCode::AttendanceBelowMinimum);
    }
    let every_round_taken = !flags.missing;
    if !every_round_taken {
        reasons = reasons.with(ReasonCode::InternalEvaluationMissing);
    }
    if flags.below_floor {
        reasons = reasons.with(ReasonCode::InternalRoundBelowFloor);
    }
    let completed = reasons.is_empty();

    // The mean of units: Σ scores / (units × 10⁴); none until every round is taken.
    let internal = if every_round_taken {
        Fraction64 {
            numerator: u64::from(flags.round_sum),
            denominator: (units.len() as u64).checked_mul(SCALE)?,
        }
    } else {
        Fraction64::default()
    };
    let (written, practical) = (*p.written.get(candidate)?, *p.practical.get(candidate)?);
    let external = if written != NO_SCORE && practical != NO_SCORE {
        // (written × w + practical × p) / 100, each score and weight × 10⁴: at most
        // 2 × 10¹², well within 64 bits, and never NO_EXTERNAL.
        u64::from(written)
            .checked_mul(rules.written_weight)?
            .checked_add(u64::from(practical).checked_mul(rules.practical_weight)?)?
    } else {
        NO_EXTERNAL
    };
    let passed = if !completed {
        Some(false)
    } else if external == NO_EXTERNAL {
        None
    } else {
        // final = n / (Id × Ed × 10⁴ × 100) ≥ pass mark / 10⁴, as n ≥ pass × Id × Ed × 100.
        let internal = (
            u128::from(internal.numerator),
            u128::from(internal.denominator),
        );
        let (numerator, _) = final_fraction(
            internal,
            (u128::from(external), EXTERNAL_DENOMINATOR),
            (rules.internal_weight, rules.external_weight),
        )?;
        let required = u128::from(rules.pass_average)
            .checked_mul(internal.1)?
            .checked_mul(EXTERNAL_DENOMINATOR)?
            .checked_mul(u128::from(PERCENT))?;
        let passes = numerator >= required;
        if !passes {
            reasons = reasons.with(ReasonCode::FinalScoreBelowPassMark);
        }
        Some(passes)
    };
    Some(Row {
        outcome: CourseOutcome::new(completed, passed),
        reasons,
        internal,
        external,
        wide: None,
    })
}

/// What the checks of a candidate's one-round units find.
pub(super) struct UnitFlags {
    /// A unit's attendance rate is below the minimum.
    pub(super) short: bool,
    /// A unit's round was not taken.
    pub(super) missing: bool,
    /// A taken round scored below the floor.
    pub(super) below_floor: bool,
    /// Σ of the scores (× 10⁴), exact when no round is missing.
    pub(super) round_sum: u32,
}

/// The checks of units of one round each, unit `u` with attendance rate `rates[u]` and
/// score `scores[u]`, against a `minimum` and a `floor` below 2³¹; `None` for columns of
/// unlike lengths or more units than a 32-bit sum of scores holds.
#[inline(always)]
pub(super) fn unit_flags(
    rates: &[u32],
    scores: &[u32],
    minimum: u32,
    floor: u32,
) -> Option<UnitFlags> {
    if rates.len() != scores.len()
        || rates.len() > MAX_UNITS_SUMMED_IN_32_BITS
        || minimum >= SIGN_BIT
        || floor >= SIGN_BIT
    {
        return None;
    }
    // Every rate, minimum, floor and taken score is below 2³¹ (at most 10⁶), and a round not
    // taken is u32::MAX, the only value with bit 31 set. So, in bit 31 alone:
    // - `rate − minimum` wraps, setting it, exactly when the rate is below the minimum;
    // - a score has it exactly when the round was not taken;
    // - `(score − floor) & !score` has it exactly when a taken round is below the floor.
    // ORs, subtractions and sums only, which the compiler runs four units to an
    // instruction. The sum is exact whenever every round was taken (each at most 10⁶, at
    // most MAX_UNITS_SUMMED_IN_32_BITS of them); it wraps otherwise, and is then unused.
    let (mut short, mut missing, mut below, mut round_sum) = (0u32, 0u32, 0u32, 0u32);
    for (&rate, &score) in rates.iter().zip(scores) {
        short |= rate.wrapping_sub(minimum);
        missing |= score;
        below |= score.wrapping_sub(floor) & !score;
        round_sum = round_sum.wrapping_add(score);
    }
    Some(UnitFlags {
        short: short & SIGN_BIT != 0,
        missing: missing & SIGN_BIT != 0,
        below_floor: below & SIGN_BIT != 0,
        round_sum,
    })
}
