//! What a 과정평가형 trainee part-way through a course still needs (이수 전망): the hours each
//! competency unit (능력단위) needs to reach the attendance minimum, whether completion is still
//! reachable, and, once every internal evaluation round is held, the lowest external score
//! (외부평가 점수) that still passes.
//!
//! It uses the same rule values as [`course_based::decide`]
//! (attendance minimum, round floor, weights and pass mark) and computes the internal score
//! with that decision itself, so the two never disagree.
//!
//! # Example
//! ```
//! use cqnet_core::course_outlook::{decide, OutlookRecord, UnitProgress};
//! use cqnet_core::{rules::RulePack, ExamStandard, Hours, Score};
//!
//! let rules = RulePack::embedded().newest();
//! let h = |n: u32| Hours::whole(n).unwrap();
//! let s = |n: u32| Score::new(n.into()).unwrap();
//! let record = OutlookRecord::new(vec![
//!     UnitProgress::new(h(40), h(36), h(0), vec![s(80), s(70)], 0)?,
//!     UnitProgress::new(h(20), h(18), h(2), vec![s(90)], 0)?,
//! ])?;
//! let outlook = decide(&record, &ExamStandard::from_rules(&rules), &rules);
//! assert!(outlook.can_still_complete);
//! // Internal 82.5; (80 × 100 − 82.5 × 50) / 50 = 77.5.
//! assert_eq!(outlook.min_external.unwrap().to_string(), "77.5");
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::course_based::{self, TraineeRecord, UnitRecord};
use crate::rules::Rules;
use crate::{
    ExamStandard, Hours, InputError, Quantity, Reason, ReasonCode, RulesUsed, Score, Subject,
};

/// One competency unit part-way through: scheduled, attended and remaining hours, the internal
/// rounds taken so far and the rounds still to be held.
///
/// # Errors
/// [`InputError::OutOfRange`] for zero scheduled hours; [`InputError::Inconsistent`] when
/// attended and remaining hours together exceed the scheduled hours.
///
/// # Example
/// ```
/// use cqnet_core::course_outlook::UnitProgress;
/// use cqnet_core::Hours;
/// let h = |n: u32| Hours::whole(n).unwrap();
/// assert!(UnitProgress::new(h(40), h(30), h(11), vec![], 1).is_err());
/// assert!(UnitProgress::new(h(40), h(30), h(10), vec![], 1).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitProgress {
    hours: Hours,
    attended: Hours,
    remaining: Hours,
    scores: Vec<Score>,
    rounds_left: u32,
}

impl UnitProgress {
    /// A checked unit.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for zero scheduled hours; [`InputError::Inconsistent`] when
    /// attended and remaining hours together exceed the scheduled hours.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::course_outlook::UnitProgress;
    /// use cqnet_core::{Hours, Score};
    /// let unit = UnitProgress::new(Hours::whole(40)?, Hours::whole(20)?, Hours::whole(20)?, vec![Score::new(80.into())?], 1)?;
    /// assert!(UnitProgress::new(Hours::ZERO, Hours::ZERO, Hours::ZERO, vec![], 1).is_err());
    /// # let _ = unit;
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        hours: Hours,
        attended: Hours,
        remaining: Hours,
        scores: Vec<Score>,
        rounds_left: u32,
    ) -> Result<Self, InputError> {
        if hours.is_zero() {
            return Err(InputError::out_of_range(
                "scheduled hours of a unit",
                "more than 0",
                100_000,
                0,
            ));
        }
        if attended.value() + remaining.value() > hours.value() {
            return Err(InputError::Inconsistent(format!(
                "attended {attended} and remaining {remaining} hours exceed the unit's {hours}"
            )));
        }
        Ok(UnitProgress {
            hours,
            attended,
            remaining,
            scores,
            rounds_left,
        })
    }
}

/// A trainee's units part-way through a course: at least one.
///
/// # Errors
/// [`InputError::Empty`] without units.
///
/// # Example
/// ```
/// use cqnet_core::course_outlook::OutlookRecord;
/// assert!(OutlookRecord::new(vec![]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutlookRecord {
    units: Vec<UnitProgress>,
}

impl OutlookRecord {
    /// A checked record.
    ///
    /// # Errors
    /// [`InputError::Empty`] without units.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::course_outlook::{OutlookRecord, UnitProgress};
    /// use cqnet_core::Hours;
    /// let unit = UnitProgress::new(Hours::whole(40)?, Hours::whole(20)?, Hours::whole(20)?, vec![], 1)?;
    /// assert!(OutlookRecord::new(vec![unit]).is_ok());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(units: Vec<UnitProgress>) -> Result<Self, InputError> {
        if units.is_empty() {
            return Err(InputError::Empty {
                what: "competency units",
            });
        }
        Ok(OutlookRecord { units })
    }
}

/// What the trainee still needs.
///
/// # Example
/// ```
/// use cqnet_core::course_outlook::{decide, OutlookRecord, UnitProgress};
/// use cqnet_core::{rules::RulePack, ExamStandard, Hours};
/// let rules = RulePack::embedded().newest();
/// let unit = UnitProgress::new(Hours::whole(40)?, Hours::whole(20)?, Hours::whole(20)?, vec![], 1)?;
/// let d = decide(&OutlookRecord::new(vec![unit])?, &ExamStandard::from_rules(&rules), &rules);
/// assert_eq!(d.needed_hours, vec![10.into()]);
/// assert!(d.can_still_complete && d.min_external.is_none());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OutlookDecision {
    /// Completion (이수) can still be reached with the hours and rounds left.
    pub can_still_complete: bool,
    /// Per unit, in order: hours still to attend to reach the minimum (0 when reached).
    pub needed_hours: Vec<Decimal>,
    /// The lowest external score that still passes, once every round is held and completion
    /// is reachable; `None` otherwise, or when no external score can pass. Where the boundary
    /// does not end within 20 decimal places it is rounded up there: the score given passes.
    pub min_external: Option<Decimal>,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Decides what a trainee still needs.
///
/// # Example
/// ```
/// use cqnet_core::course_outlook::{decide, OutlookRecord, UnitProgress};
/// use cqnet_core::{rules::RulePack, ExamStandard, Hours, ReasonCode, Score};
/// let rules = RulePack::embedded().newest();
/// let h = |n: u32| Hours::whole(n).unwrap();
/// // 30 of 40 hours are needed; 20 attended and only 9 left.
/// let unit = UnitProgress::new(h(40), h(20), h(9), vec![Score::new(85.into())?], 0)?;
/// let outlook = decide(&OutlookRecord::new(vec![unit])?, &ExamStandard::from_rules(&rules), &rules);
/// assert_eq!(outlook.needed_hours, vec![10.into()]);
/// assert_eq!(outlook.reasons[0].code, ReasonCode::AttendanceUnreachable);
/// assert_eq!(outlook.min_external, None);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(record: &OutlookRecord, standard: &ExamStandard, rules: &Rules) -> OutlookDecision {
    let cb = &rules.course_based;
    let minimum = cb.attendance_min_percent.value.value();
    let floor = cb.internal_round_floor.value;
    let mut reasons = Vec::new();
    let mut needed_hours = Vec::new();
    for (index, unit) in record.units.iter().enumerate() {
        let subject = || Subject::Unit { index, code: None };
        let needed = (unit.hours.value() * minimum / Decimal::ONE_HUNDRED - unit.attended.value())
            .max(Decimal::ZERO)
            .normalize();
        if needed > unit.remaining.value() {
            reasons.push(
                Reason::new(
                    ReasonCode::AttendanceUnreachable,
                    cb.attendance_min_percent.basis.clone(),
                )
                .subject(subject())
                .measured(Quantity::Hours(unit.remaining.value()))
                .required(Quantity::Hours(needed)),
            );
        }
        needed_hours.push(needed);
        if let Some(lowest) = unit.scores.iter().min()
            && *lowest < floor
        {
            reasons.push(
                Reason::new(
                    ReasonCode::InternalRoundBelowFloor,
                    cb.internal_round_floor.basis.clone(),
                )
                .subject(subject())
                .measured(Quantity::Score(lowest.value()))
                .required(Quantity::Score(floor.value())),
            );
        }
        if unit.scores.is_empty() && unit.rounds_left == 0 {
            reasons.push(
                Reason::new(
                    ReasonCode::InternalEvaluationMissing,
                    rules.bases.internal_evaluation_taken.basis.clone(),
                )
                .subject(subject()),
            );
        }
    }
    let can_still_complete = reasons.is_empty();
    let all_rounds_held = record.units.iter().all(|u| u.rounds_left == 0);
    let min_external = if can_still_complete && all_rounds_held {
        lowest_passing_external(record, standard, rules, &mut reasons)
    } else {
        None
    };
    OutlookDecision {
        can_still_complete,
        needed_hours,
        min_external,
        reasons,
        rules: RulesUsed::from(rules),
    }
}

/// The decimal places of the lowest passing external score: every external score a
/// candidate can get (written and practical scores and their weights, to 4 places each) has
/// fewer, so rounding up here passes no score that falls short.
const LOWEST_SCORE_PLACES: u32 = 20;

/// The lowest external score that passes, with `pass_unreachable` when none does.
fn lowest_passing_external(
    record: &OutlookRecord,
    standard: &ExamStandard,
    rules: &Rules,
    reasons: &mut Vec<Reason>,
) -> Option<Decimal> {
    // The internal score as the completion decision computes it: every round held and taken.
    let units = record
        .units
        .iter()
        .map(|u| {
            UnitRecord::new(
                None,
                u.hours,
                u.attended,
                u.scores.iter().copied().map(Some).collect(),
            )
        })
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    let trainee = TraineeRecord::new(units).ok()?;
    let internal = course_based::decide(&trainee, standard, rules).internal_score?;
    let [internal_weight, external_weight, ..] = standard.weights();
    let hundred = Decimal::ONE_HUNDRED;
    let pass = standard.pass_average().value();
    // (pass × 100 − internal × internal weight): what the external part must bring, × 100.
    let shortfall = pass * hundred - internal * internal_weight.value();
    let reachable = shortfall <= hundred * external_weight.value();
    if !reachable {
        let best = standard.final_score(internal, hundred);
        reasons.push(
            Reason::new(ReasonCode::PassUnreachable, standard.pass_basis(rules))
                .measured(Quantity::Score(best))
                .required(Quantity::Score(pass)),
        );
        return None;
    }
    if external_weight.value().is_zero() {
        // The internal score decides alone, and `reachable` says it reaches the pass mark.
        return Some(Decimal::ZERO);
    }
    // The quotient rounds at 28 significant digits, and so do the products of the final score:
    // rounded up at 20 places and checked with the final score the completion decision
    // computes, the lowest score passes. Each step up is far larger than either rounding.
    let mut lowest = (shortfall / external_weight.value())
        .max(Decimal::ZERO)
        .round_dp_with_strategy(LOWEST_SCORE_PLACES, RoundingStrategy::ToPositiveInfinity);
    let step = Decimal::new(1, LOWEST_SCORE_PLACES);
    for _ in 0..2 {
        if standard.final_score(internal, lowest) >= pass {
            break;
        }
        lowest += step;
    }
    Some(lowest.min(hundred).normalize())
}
