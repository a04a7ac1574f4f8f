//! The laws every 과정평가형 (course-based) rule pack must keep, as functions a host runs
//! against its own pack or overlay: an institution's stricter attendance, a ministry's draft.
//!
//! Each law takes the rules and an input, decides with [`course_based::decide`], and answers
//! `Ok(())` or the [`LawBroken`] it found, with what broke it. Run them over many inputs with
//! the `proptest` feature's strategies ([`crate::strategies`]), or over a host's own records.
//!
//! - [`more_attendance_keeps_completion`]: more attended hours in a unit never turn a
//!   completion (이수) into a non-completion.
//! - [`higher_scores_keep_a_pass`]: higher internal or external scores never turn a pass
//!   (합격) into a fail.
//! - [`final_score_between_its_parts`]: the final score (최종점수) lies between the internal
//!   and the external score.
//! - [`thresholds_are_exact`]: the attendance minimum and the pass mark are met exactly at
//!   their value and missed one ten-thousandth below it.
//! - [`Law::BulkAgreesWithSingle`]: a population decided in bulk equals each record decided
//!   alone (`cqnet_analytics::laws::bulk_agrees_with_single`).
//!
//! # Example
//! ```
//! use cqnet_core::laws;
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::what_if::Scenario;
//! use cqnet_core::{ExamStandard, Percent};
//!
//! // A draft that raises the attendance minimum to 80 %: do the laws still hold?
//! let draft = Scenario { attendance_minimum: Some(Percent::new(80.into())?), ..Scenario::default() };
//! let pack = draft.apply(RulePack::embedded(), "attendance-80")?;
//! let rules = pack.newest();
//! laws::thresholds_are_exact(&ExamStandard::from_rules(&rules), &rules)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;

use crate::course_based::{self, CourseBasedDecision, ExternalScores, TraineeRecord, UnitRecord};
use crate::rules::Rules;
use crate::{ExamStandard, Hours, InputError, Score};

/// Which law was broken.
///
/// # Example
/// ```
/// use cqnet_core::laws::Law;
/// assert_eq!(Law::FinalScoreBetweenParts.code(), "final_score_between_parts");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Law {
    /// More attendance never turns a completion into a non-completion.
    MoreAttendanceKeepsCompletion,
    /// Higher scores never turn a pass into a fail.
    HigherScoresKeepAPass,
    /// The final score lies between the internal and the external score.
    FinalScoreBetweenParts,
    /// The attendance minimum is met at its value and missed below it.
    AttendanceMinimumExact,
    /// The pass mark is met at its value and missed below it.
    PassMarkExact,
    /// A bulk decision of a population equals the one-at-a-time decision of each record
    /// (checked by `cqnet-analytics`).
    BulkAgreesWithSingle,
}

impl Law {
    /// The law's stable code, in snake case.
    ///
    /// # Example
    /// See [`Law`].
    pub fn code(self) -> &'static str {
        match self {
            Law::MoreAttendanceKeepsCompletion => "more_attendance_keeps_completion",
            Law::HigherScoresKeepAPass => "higher_scores_keep_a_pass",
            Law::FinalScoreBetweenParts => "final_score_between_parts",
            Law::AttendanceMinimumExact => "attendance_minimum_exact",
            Law::PassMarkExact => "pass_mark_exact",
            Law::BulkAgreesWithSingle => "bulk_agrees_with_single",
        }
    }
}

/// A law the rules broke, and on what.
///
/// # Example
/// ```
/// use cqnet_core::laws::{Law, LawBroken};
/// let broken = LawBroken { law: Law::PassMarkExact, detail: "a final score of 60 fails".into() };
/// assert_eq!(broken.to_string(), "pass_mark_exact broken: a final score of 60 fails");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} broken: {detail}", law.code())]
pub struct LawBroken {
    /// The law.
    pub law: Law,
    /// The input and the decisions that broke it.
    pub detail: String,
}

/// More attended hours in unit `unit` of `record` (the attended hours raised by `more`, at
/// most to the unit's scheduled hours) never turn a completed record into one not completed.
///
/// # Errors
/// [`LawBroken`] with [`Law::MoreAttendanceKeepsCompletion`] when they do; a `unit` the record
/// does not have, or hours that cannot be added, check nothing and answer `Ok(())`.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
/// use cqnet_core::{laws, rules::RulePack, ExamStandard, Hours, Score};
/// let rules = RulePack::embedded().newest();
/// let unit = UnitRecord::new(None, Hours::whole(40)?, Hours::whole(30)?, vec![Some(Score::whole(80)?)])?;
/// let record = TraineeRecord::new(vec![unit])?;
/// laws::more_attendance_keeps_completion(&record, 0, Hours::whole(5)?, &ExamStandard::from_rules(&rules), &rules)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn more_attendance_keeps_completion(
    record: &TraineeRecord,
    unit: usize,
    more: Hours,
    standard: &ExamStandard,
    rules: &Rules,
) -> Result<(), LawBroken> {
    let Some(raised) = with_unit(record, unit, |u| {
        let attended = (u.attended().value() + more.value()).min(u.scheduled().value());
        UnitRecord::new(
            u.code().cloned(),
            u.scheduled(),
            Hours::new(attended)?,
            u.rounds().to_vec(),
        )
        .map(|r| match u.unit_course() {
            Some(label) => r.in_unit_course(label.clone()),
            None => r,
        })
    }) else {
        return Ok(());
    };
    let before = course_based::decide(record, standard, rules);
    let after = course_based::decide(&raised, standard, rules);
    if before.completed && !after.completed {
        return Err(LawBroken {
            law: Law::MoreAttendanceKeepsCompletion,
            detail: format!(
                "unit {unit} with {more} more hours is no longer completed: {}",
                codes(&after)
            ),
        });
    }
    Ok(())
}

/// Every score of `record` raised by `more` points (internal rounds and both external parts,
/// at most to 100) never turns a pass into a fail.
///
/// # Errors
/// [`LawBroken`] with [`Law::HigherScoresKeepAPass`] when it does.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
/// use cqnet_core::{laws, rules::RulePack, ExamStandard, Hours, Score};
/// let rules = RulePack::embedded().newest();
/// let unit = UnitRecord::new(None, Hours::whole(40)?, Hours::whole(40)?, vec![Some(Score::whole(80)?)])?;
/// let record = TraineeRecord::new(vec![unit])?.with_external(ExternalScores::new(Score::whole(80)?, Score::whole(80)?));
/// laws::higher_scores_keep_a_pass(&record, Score::whole(10)?, &ExamStandard::from_rules(&rules), &rules)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn higher_scores_keep_a_pass(
    record: &TraineeRecord,
    more: Score,
    standard: &ExamStandard,
    rules: &Rules,
) -> Result<(), LawBroken> {
    let raise = |s: Score| Score::new((s.value() + more.value()).min(Decimal::ONE_HUNDRED));
    let units: Result<Vec<UnitRecord>, InputError> = record
        .units()
        .iter()
        .map(|u| {
            let rounds = u
                .rounds()
                .iter()
                .map(|r| r.map(raise).transpose())
                .collect::<Result<Vec<_>, _>>()?;
            let raised = UnitRecord::new(u.code().cloned(), u.scheduled(), u.attended(), rounds)?;
            Ok(match u.unit_course() {
                Some(label) => raised.in_unit_course(label.clone()),
                None => raised,
            })
        })
        .collect();
    let Ok(raised) = units.and_then(TraineeRecord::new) else {
        return Ok(());
    };
    let raised = match record.external() {
        Some(e) => match (raise(e.written), raise(e.practical)) {
            (Ok(w), Ok(p)) => raised.with_external(ExternalScores::new(w, p)),
            _ => return Ok(()),
        },
        None => raised,
    };
    let before = course_based::decide(record, standard, rules);
    let after = course_based::decide(&raised, standard, rules);
    if before.passed == Some(true) && after.passed != Some(true) {
        return Err(LawBroken {
            law: Law::HigherScoresKeepAPass,
            detail: format!(
                "every score {more} points higher is no longer a pass: {}",
                codes(&after)
            ),
        });
    }
    Ok(())
}

/// When `record` has a final score, it lies between its internal and its external score.
///
/// # Errors
/// [`LawBroken`] with [`Law::FinalScoreBetweenParts`] when it does not.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
/// use cqnet_core::{laws, rules::RulePack, ExamStandard, Hours, Score};
/// let rules = RulePack::embedded().newest();
/// let unit = UnitRecord::new(None, Hours::whole(40)?, Hours::whole(40)?, vec![Some(Score::whole(95)?)])?;
/// let record = TraineeRecord::new(vec![unit])?.with_external(ExternalScores::new(Score::whole(60)?, Score::whole(70)?));
/// laws::final_score_between_its_parts(&record, &ExamStandard::from_rules(&rules), &rules)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn final_score_between_its_parts(
    record: &TraineeRecord,
    standard: &ExamStandard,
    rules: &Rules,
) -> Result<(), LawBroken> {
    let d = course_based::decide(record, standard, rules);
    if let (Some(final_score), Some(internal), Some(external)) =
        (d.final_score, d.internal_score, d.external_score)
        && !(internal.min(external) <= final_score && final_score <= internal.max(external))
    {
        return Err(LawBroken {
            law: Law::FinalScoreBetweenParts,
            detail: format!(
                "final score {final_score} is outside internal {internal} and external {external}"
            ),
        });
    }
    Ok(())
}

/// The smallest step of an hour or a score (four places).
fn step() -> Decimal {
    Decimal::new(1, crate::types::MAX_DECIMAL_PLACES)
}

/// The attendance minimum is met by a unit attended exactly at it and missed one
/// ten-thousandth of an hour below it (a unit of 100 scheduled hours, every other check met);
/// the pass mark is met by a record whose scores all equal it and missed one ten-thousandth of
/// a point below it (when the pass mark is at least the round floor: below the floor no
/// completer can have a final score that low, so only the attendance boundary is checked).
///
/// # Errors
/// [`LawBroken`] with [`Law::AttendanceMinimumExact`] or [`Law::PassMarkExact`] for a boundary
/// that is not exact.
///
/// # Example
/// See [the module](self).
pub fn thresholds_are_exact(standard: &ExamStandard, rules: &Rules) -> Result<(), LawBroken> {
    let cb = &rules.course_based;
    let broken = |law, detail: String| LawBroken { law, detail };
    let floor = cb.internal_round_floor.value.value();
    let pass = standard.pass_average().value();
    // Attendance: 100 scheduled hours, so the minimum percent is the hours at the boundary.
    let minimum = cb.attendance_min_percent.value.value();
    let score = Score::new(floor.max(pass))
        .map_err(|e| broken(Law::AttendanceMinimumExact, e.to_string()))?;
    let one_unit = |attended: Decimal| -> Result<TraineeRecord, InputError> {
        let unit = UnitRecord::new(
            None,
            Hours::whole(100)?,
            Hours::new(attended)?,
            vec![Some(score)],
        )?;
        TraineeRecord::new(vec![unit])
    };
    let at = one_unit(minimum).map_err(|e| broken(Law::AttendanceMinimumExact, e.to_string()))?;
    if !course_based::decide(&at, standard, rules).completed {
        return Err(broken(
            Law::AttendanceMinimumExact,
            format!("{minimum} of 100 hours at a minimum of {minimum} % does not complete"),
        ));
    }
    if minimum > Decimal::ZERO {
        let below = one_unit(minimum - step())
            .map_err(|e| broken(Law::AttendanceMinimumExact, e.to_string()))?;
        let d = course_based::decide(&below, standard, rules);
        if d.completed {
            return Err(broken(
                Law::AttendanceMinimumExact,
                format!(
                    "{} of 100 hours completes below a minimum of {minimum} %",
                    minimum - step()
                ),
            ));
        }
    }
    if pass < floor {
        return Ok(());
    }
    let all_at = |s: Decimal| -> Result<CourseBasedDecision, InputError> {
        let s = Score::new(s)?;
        let unit = UnitRecord::new(None, Hours::whole(100)?, Hours::whole(100)?, vec![Some(s)])?;
        let record = TraineeRecord::new(vec![unit])?.with_external(ExternalScores::new(s, s));
        Ok(course_based::decide(&record, standard, rules))
    };
    let at = all_at(pass).map_err(|e| broken(Law::PassMarkExact, e.to_string()))?;
    if at.passed != Some(true) {
        return Err(broken(
            Law::PassMarkExact,
            format!(
                "every score at the pass mark {pass} is not a pass: {}",
                codes(&at)
            ),
        ));
    }
    if pass > floor {
        let below = all_at(pass - step()).map_err(|e| broken(Law::PassMarkExact, e.to_string()))?;
        if below.passed == Some(true) {
            return Err(broken(
                Law::PassMarkExact,
                format!(
                    "every score at {} passes below the pass mark {pass}",
                    pass - step()
                ),
            ));
        }
    }
    Ok(())
}

/// `record` with unit `index` replaced by what `change` makes of it; `None` for a unit the
/// record does not have or a change the record refuses.
fn with_unit(
    record: &TraineeRecord,
    index: usize,
    change: impl FnOnce(&UnitRecord) -> Result<UnitRecord, InputError>,
) -> Option<TraineeRecord> {
    let mut units = record.units().to_vec();
    let slot = units.get_mut(index)?;
    *slot = change(slot).ok()?;
    let rebuilt = TraineeRecord::new(units).ok()?;
    Some(match record.external() {
        Some(e) => rebuilt.with_external(*e),
        None => rebuilt,
    })
}

/// The reason codes of a decision, for a message.
fn codes(d: &CourseBasedDecision) -> String {
    let codes: Vec<&str> = d.reasons.iter().map(|r| r.code.as_str()).collect();
    if codes.is_empty() {
        "no failing check".into()
    } else {
        codes.join(", ")
    }
}
