//! Whether a designated course was checked as often as the Decree asks (운영 확인, 국가기술자격법
//! 시행령 제14조의4: the minister checks each designated course's operation at least once a
//! quarter, 매 분기 1회 이상): every calendar quarter (분기) of the course's run that has ended
//! and holds fewer checks than the pack's `designation.operation_checks_per_quarter` is a
//! reason `operation_check_missing`, naming its quarter.
//!
//! A quarter still running is not yet missed: it is listed as due, and becomes missing only
//! once it ends without its checks. A course runs from the later of its designation and its
//! training start to the earlier of its training end and its cancellation; a quarter counts
//! when any day of it falls inside the run.
//!
//! # Example
//! ```
//! use cqnet_core::operation_check::{quarterly_checks, Quarter, Run};
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::ReasonCode;
//!
//! let day = |s: &str| s.parse().unwrap();
//! let rules = RulePack::embedded().newest();
//! let run = Run::new(day("2026-04-16"), day("2026-12-18"))?;
//! // Checked in May and October: the third quarter was missed; the fourth is still running.
//! let decision = quarterly_checks(run, &[day("2026-05-20"), day("2026-10-05")], day("2026-11-02"), &rules);
//! assert_eq!(decision.missing, [Quarter::new(2026, 3)?]);
//! assert_eq!(decision.running, Some(Quarter::new(2026, 4)?));
//! assert_eq!(decision.reasons[0].code, ReasonCode::OperationCheckMissing);
//! assert!(!decision.kept);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::rules::Rules;
use crate::{InputError, Quantity, Reason, ReasonCode, RulesUsed, Subject};

/// A calendar quarter (분기): its year and its number, 1 to 4.
///
/// # Errors
/// [`Quarter::new`] refuses a number outside 1 to 4.
///
/// # Example
/// ```
/// use cqnet_core::operation_check::Quarter;
/// let q = Quarter::of("2026-08-31".parse().unwrap());
/// assert_eq!((q.year(), q.number()), (2026, 3));
/// assert_eq!(q.to_string(), "2026 Q3");
/// assert_eq!(q.first_day(), "2026-07-01".parse().unwrap());
/// assert_eq!(q.last_day(), "2026-09-30".parse().unwrap());
/// assert!(Quarter::new(2026, 5).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    year: i32,
    number: u32,
}

impl Quarter {
    /// The quarter `number` (1 to 4) of `year`.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for a number outside 1 to 4.
    ///
    /// # Example
    /// See [`Quarter`].
    pub fn new(year: i32, number: u32) -> Result<Self, InputError> {
        if !(1..=4).contains(&number) {
            return Err(InputError::OutOfRange {
                what: "quarter",
                min: "1".into(),
                max: "4".into(),
                value: number.to_string(),
            });
        }
        Ok(Quarter { year, number })
    }

    /// The quarter a day falls in.
    ///
    /// # Example
    /// See [`Quarter`].
    pub fn of(day: NaiveDate) -> Self {
        Quarter {
            year: day.year(),
            number: day.month0() / 3 + 1,
        }
    }

    /// Its year.
    ///
    /// # Example
    /// See [`Quarter`].
    pub fn year(self) -> i32 {
        self.year
    }

    /// Its number, 1 to 4.
    ///
    /// # Example
    /// See [`Quarter`].
    pub fn number(self) -> u32 {
        self.number
    }

    /// Its first day.
    ///
    /// # Example
    /// See [`Quarter`].
    pub fn first_day(self) -> NaiveDate {
        // Month 1, 4, 7 or 10 of a year chrono holds: every quarter of a day's year does.
        NaiveDate::from_ymd_opt(self.year, (self.number - 1) * 3 + 1, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Its last day.
    ///
    /// # Example
    /// See [`Quarter`].
    pub fn last_day(self) -> NaiveDate {
        self.next()
            .and_then(|next| next.first_day().pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// The quarter after it, if the calendar holds one.
    fn next(self) -> Option<Quarter> {
        let (year, number) = if self.number == 4 {
            (self.year.checked_add(1)?, 1)
        } else {
            (self.year, self.number + 1)
        };
        NaiveDate::from_ymd_opt(year, (number - 1) * 3 + 1, 1)?;
        Some(Quarter { year, number })
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} Q{}", self.year, self.number)
    }
}

/// The days a designated course runs under its designation: from the later of its designation
/// and its training start to the earlier of its training end and its cancellation.
///
/// # Errors
/// [`Run::new`] refuses a run that ends before it starts.
///
/// # Example
/// ```
/// use cqnet_core::operation_check::Run;
/// let day = |s: &str| s.parse().unwrap();
/// let run = Run::new(day("2026-09-01"), day("2026-12-18"))?;
/// assert_eq!(run.first_day(), day("2026-09-01"));
/// assert!(Run::new(day("2026-12-18"), day("2026-09-01")).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    first_day: NaiveDate,
    last_day: NaiveDate,
}

impl Run {
    /// A run from `first_day` to `last_day`, both included.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when it ends before it starts.
    ///
    /// # Example
    /// See [`Run`].
    pub fn new(first_day: NaiveDate, last_day: NaiveDate) -> Result<Self, InputError> {
        if last_day < first_day {
            return Err(InputError::Inconsistent(format!(
                "a course run starting on {first_day} cannot end on {last_day}"
            )));
        }
        Ok(Run {
            first_day,
            last_day,
        })
    }

    /// Its first day.
    ///
    /// # Example
    /// See [`Run`].
    pub fn first_day(self) -> NaiveDate {
        self.first_day
    }

    /// Its last day.
    ///
    /// # Example
    /// See [`Run`].
    pub fn last_day(self) -> NaiveDate {
        self.last_day
    }
}

/// The core's decision on a course's operation checks on a day (see the [module](self)).
///
/// # Example
/// See the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuarterlyChecks {
    /// Every quarter of the run has had its checks so far: no quarter is missing.
    pub kept: bool,
    /// The quarters of the run that ended with fewer checks than required, in order.
    pub missing: Vec<Quarter>,
    /// The quarter of the run the day falls in, still running, if any.
    pub running: Option<Quarter>,
    /// One `operation_check_missing` for each missing quarter, with the checks counted and
    /// required.
    pub reasons: Vec<Reason>,
    /// The rules that decided.
    pub rules: RulesUsed,
}

/// Decides which quarters of `run` ended on or before `day` without the checks the pack
/// requires (`designation.operation_checks_per_quarter`, 시행령 제14조의4), counting the
/// checks made on `checked_on` (in any order; a check outside the run counts for its quarter
/// if that quarter is one of the run's).
///
/// # Example
/// See the [module documentation](self).
pub fn quarterly_checks(
    run: Run,
    checked_on: &[NaiveDate],
    day: NaiveDate,
    rules: &Rules,
) -> QuarterlyChecks {
    let required = &rules.designation.operation_checks_per_quarter;
    let mut missing = Vec::new();
    let mut reasons = Vec::new();
    let mut running = None;
    let last = Quarter::of(run.last_day);
    let mut quarter = Some(Quarter::of(run.first_day));
    while let Some(q) = quarter.filter(|q| *q <= last && q.first_day() <= day) {
        if q.last_day() >= day {
            // The day is inside this quarter: its checks may still come.
            running = Some(q);
            break;
        }
        let made = checked_on.iter().filter(|d| Quarter::of(**d) == q).count() as u64;
        if made < u64::from(required.value) {
            missing.push(q);
            reasons.push(
                Reason::new(ReasonCode::OperationCheckMissing, required.basis.clone())
                    .subject(Subject::Quarter {
                        year: q.year(),
                        quarter: q.number(),
                    })
                    .measured(Quantity::Count(made))
                    .required(Quantity::Count(u64::from(required.value))),
            );
        }
        quarter = q.next();
    }
    QuarterlyChecks {
        kept: missing.is_empty(),
        missing,
        running,
        reasons,
        rules: RulesUsed::from(rules),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::RulePack;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_quarter_is_missed_only_once_it_has_ended() {
        let rules = RulePack::embedded().newest();
        let run = Run::new(day("2026-09-01"), day("2026-12-18")).unwrap();
        // On the last day of the third quarter it is still running.
        let on_the_last_day = quarterly_checks(run, &[], day("2026-09-30"), &rules);
        assert!(on_the_last_day.kept, "{on_the_last_day:?}");
        assert_eq!(
            on_the_last_day.running,
            Some(Quarter::new(2026, 3).unwrap())
        );
        // The day after, it is missed.
        let after = quarterly_checks(run, &[], day("2026-10-01"), &rules);
        assert_eq!(after.missing, [Quarter::new(2026, 3).unwrap()]);
        assert_eq!(after.reasons[0].measured, Some(Quantity::Count(0)));
        // A check on its first day keeps it.
        let kept = quarterly_checks(run, &[day("2026-07-01")], day("2026-10-01"), &rules);
        assert!(kept.kept, "{kept:?}");
    }

    #[test]
    fn after_the_run_every_quarter_of_it_is_decided() {
        let rules = RulePack::embedded().newest();
        let run = Run::new(day("2026-02-10"), day("2026-12-18")).unwrap();
        let checks = [day("2026-12-01"), day("2026-05-02")];
        let decision = quarterly_checks(run, &checks, day("2027-06-01"), &rules);
        let missing: Vec<String> = decision.missing.iter().map(|q| q.to_string()).collect();
        assert_eq!(missing, ["2026 Q1", "2026 Q3"]);
        assert_eq!(decision.running, None);
        assert_eq!(decision.reasons.len(), 2);
    }

    #[test]
    fn before_the_run_nothing_is_due() {
        let rules = RulePack::embedded().newest();
        let run = Run::new(day("2026-09-01"), day("2026-12-18")).unwrap();
        let decision = quarterly_checks(run, &[], day("2026-04-16"), &rules);
        assert!(decision.kept && decision.running.is_none(), "{decision:?}");
    }

    #[test]
    fn the_calendar_s_edges_are_no_panic() {
        let rules = RulePack::embedded().newest();
        let run = Run::new(NaiveDate::MIN, NaiveDate::MAX).unwrap();
        let decision = quarterly_checks(run, &[], NaiveDate::MIN, &rules);
        assert!(decision.kept);
        let end = Quarter::of(NaiveDate::MAX);
        assert_eq!(end.last_day(), NaiveDate::MAX);
    }
}
