//! What the attendance (출결) and internal evaluation (내부평가) ledgers mean: which entries
//! stand, the hours they add up to (per target and per calendar day), the results that count,
//! whether an entry fits the learner (its day, the hours a day may hold), and whether a
//! learner's ledger may still take entries.
//!
//! A ledger is append-only: a correction is a new entry that names the entry it supersedes
//! (`corrects`), and nothing is overwritten. A host keeps the entries in its own records and
//! hands the core their facts ([`Attendance`], [`Evaluation`]); sums are exact.
//!
//! # Example
//! ```
//! use cqnet_core::ledger::{effective_attendance, Attendance, AttendanceTarget};
//! use cqnet_core::{Hours, UnitCode};
//! let unit = AttendanceTarget::Unit(UnitCode::example());
//! let entries = [
//!     Attendance { position: 1, target: unit.clone(), hours: Hours::whole(8)?, corrects: None },
//!     // Position 2 corrects position 1: 6 hours instead of 8.
//!     Attendance { position: 2, target: unit.clone(), hours: Hours::whole(6)?, corrects: Some(1) },
//!     Attendance { position: 3, target: unit.clone(), hours: Hours::whole(4)?, corrects: None },
//! ];
//! assert_eq!(effective_attendance(&entries)[&unit], 10.into());
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use crate::rules::Rules;
use crate::{Hours, Quantity, Reason, ReasonCode, Score, Subject, Track, UnitCode};

/// What attended hours count towards.
///
/// # Example
/// ```
/// use cqnet_core::ledger::AttendanceTarget;
/// use cqnet_core::UnitCode;
/// assert_ne!(AttendanceTarget::Unit(UnitCode::example()), AttendanceTarget::Ojt);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "target", content = "unit")]
pub enum AttendanceTarget {
    /// A competency unit (능력단위) of a 과정평가형 course.
    Unit(UnitCode),
    /// On-the-job training (OJT, 현장훈련) of a learning worker.
    Ojt,
    /// Off-the-job training (Off-JT, 현장외훈련) of a learning worker.
    OffJt,
}

/// The result of one internal evaluation (내부평가).
///
/// # Example
/// ```
/// use cqnet_core::ledger::EvaluationResult;
/// use cqnet_core::Score;
/// let r = EvaluationResult::Round { round: 1, score: Some(Score::new(70.into())?) };
/// assert_ne!(r, EvaluationResult::Passed(true));
/// assert_eq!(r.round(), 1);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationResult {
    /// A scored round of a 과정평가형 unit (`None`: absent from the round).
    Round {
        /// The round, from 1.
        round: u8,
        /// The score, or `None` when not taken.
        score: Option<Score>,
    },
    /// A unit passed or failed (일학습병행).
    Passed(bool),
}

impl EvaluationResult {
    /// The round the result stands for: its round for a scored round, 0 for pass or fail
    /// (일학습병행 evaluates a unit once, and a later entry replaces it).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::EvaluationResult;
    /// assert_eq!(EvaluationResult::Passed(false).round(), 0);
    /// assert_eq!(EvaluationResult::Round { round: 2, score: None }.round(), 2);
    /// ```
    pub fn round(&self) -> u8 {
        match self {
            EvaluationResult::Round { round, .. } => *round,
            EvaluationResult::Passed(_) => 0,
        }
    }
}

/// One attendance entry as the core reads it: its position in the learner's ledger, what it
/// counts towards, the hours, and the entry it corrects, if any.
///
/// # Example
/// ```
/// use cqnet_core::ledger::{Attendance, AttendanceTarget};
/// use cqnet_core::Hours;
/// let a = Attendance { position: 1, target: AttendanceTarget::Ojt, hours: Hours::whole(8)?, corrects: None };
/// assert_eq!(a.hours, Hours::whole(8)?);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// Its position in the learner's ledger.
    pub position: u64,
    /// What the hours count towards.
    pub target: AttendanceTarget,
    /// Hours attended (or, for a correction, the corrected hours).
    pub hours: Hours,
    /// The position of the entry this one supersedes.
    pub corrects: Option<u64>,
}

/// One evaluation entry as the core reads it: its position, the unit, the result, and the
/// entry it corrects, if any.
///
/// # Example
/// ```
/// use cqnet_core::ledger::{Evaluation, EvaluationResult};
/// use cqnet_core::UnitCode;
/// let e = Evaluation { position: 1, unit: UnitCode::example(), result: EvaluationResult::Passed(true), corrects: None };
/// assert_eq!(e.result.round(), 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Its position in the learner's ledger.
    pub position: u64,
    /// The competency unit (능력단위).
    pub unit: UnitCode,
    /// The result.
    pub result: EvaluationResult,
    /// The position of the entry this one supersedes.
    pub corrects: Option<u64>,
}

/// A ledger entry: its position and the position it corrects. Both kinds of entry are one.
///
/// # Example
/// ```
/// use cqnet_core::ledger::{Attendance, AttendanceTarget, Entry};
/// use cqnet_core::Hours;
/// let a = Attendance { position: 2, target: AttendanceTarget::Ojt, hours: Hours::ZERO, corrects: Some(1) };
/// assert_eq!((a.position(), a.corrects()), (2, Some(1)));
/// ```
pub trait Entry {
    /// Its position in the learner's ledger.
    fn position(&self) -> u64;
    /// The position of the entry it supersedes.
    fn corrects(&self) -> Option<u64>;
}

impl Entry for Attendance {
    fn position(&self) -> u64 {
        self.position
    }
    fn corrects(&self) -> Option<u64> {
        self.corrects
    }
}

impl Entry for Evaluation {
    fn position(&self) -> u64 {
        self.position
    }
    fn corrects(&self) -> Option<u64> {
        self.corrects
    }
}

fn standing<E: Entry>(entries: &[E]) -> impl Iterator<Item = &E> {
    let superseded: BTreeSet<u64> = entries.iter().filter_map(Entry::corrects).collect();
    entries
        .iter()
        .filter(move |e| !superseded.contains(&e.position()))
}

/// The effective hours per target: every entry counts except those a later correction
/// supersedes (a correction counts its own hours instead). Sums are exact.
///
/// # Example
/// See the [module documentation](self).
pub fn effective_attendance(entries: &[Attendance]) -> BTreeMap<AttendanceTarget, Decimal> {
    let mut totals = BTreeMap::new();
    for e in standing(entries) {
        *totals.entry(e.target.clone()).or_insert(Decimal::ZERO) += e.hours.value();
    }
    totals
}

/// The standing evaluation results: per unit and round (round 0 for pass or fail), the
/// latest entry that no correction supersedes.
///
/// # Example
/// ```
/// use cqnet_core::ledger::{latest_evaluations, Evaluation, EvaluationResult};
/// use cqnet_core::UnitCode;
/// let unit = UnitCode::example();
/// let entry = |position, passed, corrects| Evaluation {
///     position, unit: unit.clone(), result: EvaluationResult::Passed(passed), corrects,
/// };
/// let standing = latest_evaluations(&[entry(1, false, None), entry(2, true, Some(1))]);
/// assert_eq!(standing[&(unit.clone(), 0)], EvaluationResult::Passed(true));
/// ```
pub fn latest_evaluations(entries: &[Evaluation]) -> BTreeMap<(UnitCode, u8), EvaluationResult> {
    let mut latest = BTreeMap::new();
    for e in standing(entries) {
        latest.insert((e.unit.clone(), e.result.round()), e.result);
    }
    latest
}

/// The corrections that name no entry of the ledger, as (correcting position, named
/// position).
///
/// # Example
/// ```
/// use cqnet_core::ledger::{dangling_corrections, Attendance, AttendanceTarget};
/// use cqnet_core::Hours;
/// let a = |position, corrects| Attendance { position, target: AttendanceTarget::Ojt, hours: Hours::ZERO, corrects };
/// assert_eq!(dangling_corrections(&[a(1, None), a(2, Some(1)), a(3, Some(9))]), vec![(3, 9)]);
/// ```
pub fn dangling_corrections<E: Entry>(entries: &[E]) -> Vec<(u64, u64)> {
    let positions: BTreeSet<u64> = entries.iter().map(Entry::position).collect();
    entries
        .iter()
        .filter_map(|e| e.corrects().map(|c| (e.position(), c)))
        .filter(|(_, c)| !positions.contains(c))
        .collect()
}

/// Where a learner's effective hours do not fit the schedule.
///
/// # Example
/// See [`schedule_problems`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum ScheduleProblem {
    /// Hours towards a target the learner has no schedule for (a unit the course does not
    /// run, OJT of a trainee, a unit of a learning worker).
    NotScheduled {
        /// The target.
        target: AttendanceTarget,
    },
    /// Effective hours above the scheduled hours.
    AboveScheduled {
        /// The target.
        target: AttendanceTarget,
        /// Effective attended hours.
        attended: Decimal,
        /// Scheduled hours.
        scheduled: Hours,
    },
}

/// Every target whose effective hours do not fit the learner's schedule; `scheduled` gives a
/// target's scheduled hours, or `None` when the learner has no schedule for it.
///
/// # Example
/// ```
/// use cqnet_core::ledger::{schedule_problems, Attendance, AttendanceTarget, ScheduleProblem};
/// use cqnet_core::Hours;
/// let entries = [
///     Attendance { position: 1, target: AttendanceTarget::Ojt, hours: Hours::whole(41)?, corrects: None },
///     Attendance { position: 2, target: AttendanceTarget::OffJt, hours: Hours::whole(1)?, corrects: None },
/// ];
/// let ojt_only = |t: &AttendanceTarget| (*t == AttendanceTarget::Ojt).then(|| Hours::whole(40).unwrap());
/// let problems = schedule_problems(&entries, ojt_only);
/// // In the order of the targets: units, OJT, Off-JT.
/// assert!(matches!(&problems[0], ScheduleProblem::AboveScheduled { target: AttendanceTarget::Ojt, .. }));
/// assert!(matches!(&problems[1], ScheduleProblem::NotScheduled { target: AttendanceTarget::OffJt }));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn schedule_problems(
    entries: &[Attendance],
    scheduled: impl Fn(&AttendanceTarget) -> Option<Hours>,
) -> Vec<ScheduleProblem> {
    effective_attendance(entries)
        .into_iter()
        .filter_map(|(target, attended)| fits(&target, attended, &scheduled))
        .collect()
}

/// The standing hours of one target (or, in [`DailyHours`], of one day): their sum and how
/// many standing entries make it.
///
/// # Example
/// See [`StandingHours`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetStanding {
    /// The sum of the standing entries' hours.
    pub hours: Decimal,
    /// How many standing entries count towards the target.
    pub entries: u64,
}

/// Why an entry cannot be folded into [`StandingHours`].
///
/// # Example
/// See [`StandingHours::apply`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[non_exhaustive]
pub enum StandingError {
    /// The superseded entry is not standing in these hours (its target has no standing entry
    /// left, or fewer hours than it holds): the hours were not kept with the ledger.
    #[error("the superseded entry is not standing in the kept hours")]
    NotStanding,
    /// The sum of hours does not fit a decimal, or the count of entries a `u64`.
    #[error("the sum of standing hours or their count of entries overflows")]
    Overflow,
}

/// The effective hours per target of one learner's ledger, kept up to date one entry at a
/// time, so that a store can check a new batch against the schedule without reading the whole
/// ledger. Folding every entry of a ledger, each with the entry it supersedes, gives the same
/// totals as [`effective_attendance`] (a property test holds them equal).
///
/// # Example
/// ```
/// use cqnet_core::ledger::{effective_attendance, Attendance, AttendanceTarget, StandingHours};
/// use cqnet_core::Hours;
/// let a = |position, hours, corrects| Attendance {
///     position, target: AttendanceTarget::Ojt, hours: Hours::whole(hours).unwrap(), corrects,
/// };
/// let ledger = [a(1, 8, None), a(2, 6, Some(1))];
/// let mut kept = StandingHours::default();
/// kept.apply(&ledger[0], None)?;
/// kept.apply(&ledger[1], Some(&ledger[0]))?; // 6 hours instead of 8
/// assert_eq!(kept.totals(), effective_attendance(&ledger));
/// assert_eq!(kept, StandingHours::of(&ledger));
/// # Ok::<(), cqnet_core::ledger::StandingError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<(AttendanceTarget, TargetStanding)>")]
#[serde(into = "Vec<(AttendanceTarget, TargetStanding)>")]
pub struct StandingHours {
    targets: BTreeMap<AttendanceTarget, TargetStanding>,
}

impl From<Vec<(AttendanceTarget, TargetStanding)>> for StandingHours {
    fn from(pairs: Vec<(AttendanceTarget, TargetStanding)>) -> Self {
        StandingHours {
            targets: pairs.into_iter().collect(),
        }
    }
}

impl From<StandingHours> for Vec<(AttendanceTarget, TargetStanding)> {
    fn from(kept: StandingHours) -> Self {
        kept.targets.into_iter().collect()
    }
}

impl StandingHours {
    /// The standing hours of a whole ledger.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::{Attendance, AttendanceTarget, StandingHours};
    /// use cqnet_core::Hours;
    /// let a = |position, hours, corrects| Attendance {
    ///     position, target: AttendanceTarget::OffJt, hours: Hours::whole(hours).unwrap(), corrects,
    /// };
    /// // Entry 2 supersedes entry 1: one standing entry of 5 hours.
    /// let kept = StandingHours::of(&[a(1, 8, None), a(2, 5, Some(1))]);
    /// let off_jt = kept.target(&AttendanceTarget::OffJt).unwrap();
    /// assert_eq!((off_jt.hours, off_jt.entries), (5.into(), 1));
    /// ```
    pub fn of(entries: &[Attendance]) -> Self {
        let mut targets: BTreeMap<AttendanceTarget, TargetStanding> = BTreeMap::new();
        for e in standing(entries) {
            let t = targets.entry(e.target.clone()).or_default();
            t.hours += e.hours.value();
            t.entries += 1;
        }
        StandingHours { targets }
    }

    /// Folds in a new entry: its hours count towards its target, and the entry it supersedes
    /// (`superseded`, the entry its `corrects` names) stops counting.
    ///
    /// # Errors
    /// [`StandingError::NotStanding`] when `superseded` has no standing hours here to give up;
    /// [`StandingError::Overflow`] when the hours leave the decimal range or the count of
    /// entries the `u64` range (kept hours read back from a store may hold any count). On error
    /// nothing changes.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::{Attendance, AttendanceTarget, StandingError, StandingHours};
    /// use cqnet_core::Hours;
    /// let first = Attendance { position: 1, target: AttendanceTarget::Ojt, hours: Hours::whole(8).unwrap(), corrects: None };
    /// let fix = Attendance { position: 2, corrects: Some(1), ..first.clone() };
    /// // The superseded entry was never folded in: the kept hours do not describe the ledger.
    /// assert_eq!(StandingHours::default().apply(&fix, Some(&first)), Err(StandingError::NotStanding));
    /// ```
    pub fn apply(
        &mut self,
        entry: &Attendance,
        superseded: Option<&Attendance>,
    ) -> Result<(), StandingError> {
        fold(
            &mut self.targets,
            (&entry.target, entry.hours),
            superseded.map(|old| (&old.target, old.hours)),
        )
    }

    /// The effective hours per target, as [`effective_attendance`] gives them.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::{Attendance, AttendanceTarget, StandingHours};
    /// use cqnet_core::Hours;
    /// let ojt = Attendance { position: 1, target: AttendanceTarget::Ojt, hours: Hours::whole(6).unwrap(), corrects: None };
    /// assert_eq!(StandingHours::of(&[ojt]).totals()[&AttendanceTarget::Ojt], 6.into());
    /// ```
    pub fn totals(&self) -> BTreeMap<AttendanceTarget, Decimal> {
        self.targets
            .iter()
            .map(|(target, t)| (target.clone(), t.hours))
            .collect()
    }

    /// The standing hours of one target (none when no standing entry counts towards it).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::{AttendanceTarget, StandingHours};
    /// assert_eq!(StandingHours::default().target(&AttendanceTarget::Ojt), None);
    /// ```
    pub fn target(&self, target: &AttendanceTarget) -> Option<TargetStanding> {
        self.targets.get(target).copied()
    }

    /// Where the standing hours of `targets` do not fit the schedule, as
    /// [`schedule_problems`] decides it for a whole ledger, for those targets only.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::{Attendance, AttendanceTarget, ScheduleProblem, StandingHours};
    /// use cqnet_core::Hours;
    /// let kept = StandingHours::of(&[Attendance {
    ///     position: 1, target: AttendanceTarget::Ojt, hours: Hours::whole(41).unwrap(), corrects: None,
    /// }]);
    /// let forty = |_: &AttendanceTarget| Some(Hours::whole(40).unwrap());
    /// let problems = kept.problems([&AttendanceTarget::Ojt], forty);
    /// assert!(matches!(problems[0], ScheduleProblem::AboveScheduled { .. }));
    /// ```
    pub fn problems<'t>(
        &self,
        targets: impl IntoIterator<Item = &'t AttendanceTarget>,
        scheduled: impl Fn(&AttendanceTarget) -> Option<Hours>,
    ) -> Vec<ScheduleProblem> {
        let wanted: BTreeSet<&AttendanceTarget> = targets.into_iter().collect();
        let mut problems = Vec::new();
        for target in wanted {
            let Some(kept) = self.targets.get(target) else {
                continue;
            };
            if let Some(problem) = fits(target, kept.hours, &scheduled) {
                problems.push(problem);
            }
        }
        problems
    }
}

/// Folds one standing entry into per-key tallies (a target's, or a day's): `added` counts
/// under its key, and `released`, the superseded entry, stops counting under its own. Checks
/// everything before it changes anything, so that on error the tallies are as they were; a
/// tally left with no entry goes.
fn fold<K: Ord + Clone>(
    tallies: &mut BTreeMap<K, TargetStanding>,
    added: (&K, Hours),
    released: Option<(&K, Hours)>,
) -> Result<(), StandingError> {
    // The released key's tally once the superseded entry leaves it (`None`: no entry left).
    let after_release = match released {
        None => None,
        Some((key, hours)) => {
            let t = tallies
                .get(key)
                .filter(|t| t.entries > 0 && t.hours >= hours.value())
                .ok_or(StandingError::NotStanding)?;
            let left = TargetStanding {
                hours: t.hours - hours.value(),
                entries: t.entries - 1,
            };
            Some((key, (left.entries > 0).then_some(left)))
        }
    };
    let (key, hours) = added;
    let base = match after_release {
        Some((released_key, left)) if released_key == key => left.unwrap_or_default(),
        _ => tallies.get(key).copied().unwrap_or_default(),
    };
    let sum = base
        .hours
        .checked_add(hours.value())
        .ok_or(StandingError::Overflow)?;
    let entries = base.entries.checked_add(1).ok_or(StandingError::Overflow)?;
    if let Some((released_key, left)) = after_release {
        match left {
            Some(left) => {
                tallies.insert(released_key.clone(), left);
            }
            None => {
                tallies.remove(released_key);
            }
        }
    }
    tallies.insert(
        key.clone(),
        TargetStanding {
            hours: sum,
            entries,
        },
    );
    Ok(())
}

/// Whether `attended` hours towards `target` fit the schedule.
fn fits(
    target: &AttendanceTarget,
    attended: Decimal,
    scheduled: &impl Fn(&AttendanceTarget) -> Option<Hours>,
) -> Option<ScheduleProblem> {
    match scheduled(target) {
        None => Some(ScheduleProblem::NotScheduled {
            target: target.clone(),
        }),
        Some(s) if attended > s.value() => Some(ScheduleProblem::AboveScheduled {
            target: target.clone(),
            attended,
            scheduled: s,
        }),
        Some(_) => None,
    }
}

/// Why an attendance fact's day cannot be a training day of the learner.
///
/// # Example
/// See [`check_attendance_day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DayProblem {
    /// The day lies before the course starts.
    BeforeCourse,
    /// The day lies after the course ends.
    AfterCourse,
    /// The day has not come yet (after today's date in Korea).
    AfterToday,
}

/// Whether attendance on `day` can be real: a day of the course (from `start` to `end`), and
/// not after `today`.
///
/// # Errors
/// The first problem found, in the order of [`DayProblem`].
///
/// # Example
/// ```
/// use cqnet_core::ledger::{check_attendance_day, DayProblem};
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let (start, end, today) = (d("2026-03-02"), d("2026-08-31"), d("2026-05-01"));
/// assert_eq!(check_attendance_day(d("2026-04-01"), start, end, today), Ok(()));
/// assert_eq!(check_attendance_day(d("2026-03-01"), start, end, today), Err(DayProblem::BeforeCourse));
/// assert_eq!(check_attendance_day(d("2026-09-01"), start, end, d("2026-12-01")), Err(DayProblem::AfterCourse));
/// assert_eq!(check_attendance_day(d("2026-05-02"), start, end, today), Err(DayProblem::AfterToday));
/// ```
pub fn check_attendance_day(
    day: chrono::NaiveDate,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<(), DayProblem> {
    if day < start {
        Err(DayProblem::BeforeCourse)
    } else if day > end {
        Err(DayProblem::AfterCourse)
    } else if day > today {
        Err(DayProblem::AfterToday)
    } else {
        Ok(())
    }
}

/// One attendance entry as the daily check reads it: its position in the learner's ledger,
/// its training day, the hours, and the entry it corrects, if any. A correction's day is its
/// own: it may move the hours of the entry it supersedes to another day.
///
/// # Example
/// ```
/// use cqnet_core::ledger::DayAttendance;
/// use cqnet_core::Hours;
/// let a = DayAttendance { position: 1, day: "2026-03-03".parse().unwrap(), hours: Hours::whole(8)?, corrects: None };
/// assert_eq!(a.day.to_string(), "2026-03-03");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayAttendance {
    /// Its position in the learner's ledger.
    pub position: u64,
    /// The training day.
    pub day: NaiveDate,
    /// Hours attended that day (or, for a correction, the corrected hours).
    pub hours: Hours,
    /// The position of the entry this one supersedes.
    pub corrects: Option<u64>,
}

impl Entry for DayAttendance {
    fn position(&self) -> u64 {
        self.position
    }
    fn corrects(&self) -> Option<u64> {
        self.corrects
    }
}

/// The effective hours per calendar day of one learner's ledger, whatever they count towards:
/// every entry counts on its day except those a later correction supersedes (a correction
/// counts its own hours on its own day instead). Sums are exact.
///
/// # Example
/// ```
/// use cqnet_core::ledger::{effective_daily_hours, DayAttendance};
/// use cqnet_core::Hours;
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let a = |position, day, hours, corrects| DayAttendance {
///     position, day: d(day), hours: Hours::whole(hours).unwrap(), corrects,
/// };
/// // Entry 3 moves entry 1's hours from the 3rd to the 4th, and makes them 6.
/// let ledger = [a(1, "2026-03-03", 8, None), a(2, "2026-03-04", 4, None), a(3, "2026-03-04", 6, Some(1))];
/// let days = effective_daily_hours(&ledger);
/// assert_eq!(days.get(&d("2026-03-03")), None);
/// assert_eq!(days[&d("2026-03-04")], 10.into());
/// ```
pub fn effective_daily_hours(entries: &[DayAttendance]) -> BTreeMap<NaiveDate, Decimal> {
    let mut totals = BTreeMap::new();
    for e in standing(entries) {
        *totals.entry(e.day).or_insert(Decimal::ZERO) += e.hours.value();
    }
    totals
}

/// The standing hours of one learner per calendar day (the sum and how many standing entries
/// make it), kept up to date one entry at a time like [`StandingHours`], so that a store can
/// check a new batch against the daily limit ([`check_daily_hours`]) reading only the days the
/// batch touches. Folding every entry of a ledger, each with the entry it supersedes, gives
/// [`effective_daily_hours`] (a property test holds them equal).
///
/// A store may hold only some days of a learner (those a batch touches, read from its kept
/// tallies): folding in an entry needs the day of the entry it supersedes.
///
/// # Example
/// ```
/// use cqnet_core::ledger::{effective_daily_hours, DailyHours, DayAttendance};
/// use cqnet_core::Hours;
/// let day = "2026-03-03".parse().unwrap();
/// let a = |position, hours, corrects| DayAttendance {
///     position, day, hours: Hours::whole(hours).unwrap(), corrects,
/// };
/// let ledger = [a(1, 8, None), a(2, 6, Some(1)), a(3, 2, None)];
/// let mut kept = DailyHours::default();
/// kept.apply(&ledger[0], None)?;
/// kept.apply(&ledger[1], Some(&ledger[0]))?; // 6 hours instead of 8
/// kept.apply(&ledger[2], None)?;
/// assert_eq!(kept.totals(), effective_daily_hours(&ledger));
/// assert_eq!(kept, DailyHours::of(&ledger));
/// assert_eq!(kept.day(day).map(|t| (t.hours, t.entries)), Some((8.into(), 2)));
/// # Ok::<(), cqnet_core::ledger::StandingError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DailyHours {
    days: BTreeMap<NaiveDate, TargetStanding>,
}

impl FromIterator<(NaiveDate, TargetStanding)> for DailyHours {
    /// The tallies of some days as a store kept them; a day with no standing entry is left
    /// out, as folding leaves it out.
    fn from_iter<I: IntoIterator<Item = (NaiveDate, TargetStanding)>>(days: I) -> Self {
        DailyHours {
            days: days.into_iter().filter(|(_, t)| t.entries > 0).collect(),
        }
    }
}

impl DailyHours {
    /// The standing hours per day of a whole ledger.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::{DailyHours, DayAttendance};
    /// use cqnet_core::Hours;
    /// let day = "2026-03-03".parse().unwrap();
    /// let a = |position, hours| DayAttendance { position, day, hours: Hours::whole(hours).unwrap(), corrects: None };
    /// let kept = DailyHours::of(&[a(1, 4), a(2, 3)]);
    /// assert_eq!(kept.day(day).unwrap().hours, 7.into());
    /// ```
    pub fn of(entries: &[DayAttendance]) -> Self {
        let mut days: BTreeMap<NaiveDate, TargetStanding> = BTreeMap::new();
        for e in standing(entries) {
            let t = days.entry(e.day).or_default();
            t.hours += e.hours.value();
            t.entries += 1;
        }
        DailyHours { days }
    }

    /// Folds in a new entry: its hours count on its day, and the entry it supersedes
    /// (`superseded`, the entry its `corrects` names) stops counting on its own day.
    ///
    /// # Errors
    /// [`StandingError::NotStanding`] when `superseded` has no standing hours here to give up
    /// (its day was not read, or holds fewer hours); [`StandingError::Overflow`] when a sum
    /// leaves the decimal range. On error nothing changes.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::{DailyHours, DayAttendance, StandingError};
    /// use cqnet_core::Hours;
    /// let first = DayAttendance { position: 1, day: "2026-03-03".parse().unwrap(), hours: Hours::whole(8).unwrap(), corrects: None };
    /// let fix = DayAttendance { position: 2, corrects: Some(1), ..first.clone() };
    /// // The superseded entry's day was never kept: these tallies do not describe the ledger.
    /// assert_eq!(DailyHours::default().apply(&fix, Some(&first)), Err(StandingError::NotStanding));
    /// ```
    pub fn apply(
        &mut self,
        entry: &DayAttendance,
        superseded: Option<&DayAttendance>,
    ) -> Result<(), StandingError> {
        fold(
            &mut self.days,
            (&entry.day, entry.hours),
            superseded.map(|old| (&old.day, old.hours)),
        )
    }

    /// The standing hours on one day (none when no standing entry falls on it, or the day was
    /// not read).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::DailyHours;
    /// assert_eq!(DailyHours::default().day("2026-03-03".parse().unwrap()), None);
    /// ```
    pub fn day(&self, day: NaiveDate) -> Option<TargetStanding> {
        self.days.get(&day).copied()
    }

    /// Every day held, in order, with its tally.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::{DailyHours, DayAttendance};
    /// use cqnet_core::Hours;
    /// let a = |position, day: &str| DayAttendance {
    ///     position, day: day.parse().unwrap(), hours: Hours::whole(1).unwrap(), corrects: None,
    /// };
    /// let kept = DailyHours::of(&[a(1, "2026-03-04"), a(2, "2026-03-03")]);
    /// let days: Vec<String> = kept.days().map(|(d, _)| d.to_string()).collect();
    /// assert_eq!(days, ["2026-03-03", "2026-03-04"]);
    /// ```
    pub fn days(&self) -> impl Iterator<Item = (NaiveDate, TargetStanding)> + '_ {
        self.days.iter().map(|(d, t)| (*d, *t))
    }

    /// The standing hours per day, as [`effective_daily_hours`] gives them.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ledger::{DailyHours, DayAttendance};
    /// use cqnet_core::Hours;
    /// let day = "2026-03-03".parse().unwrap();
    /// let kept = DailyHours::of(&[DayAttendance { position: 1, day, hours: Hours::whole(5).unwrap(), corrects: None }]);
    /// assert_eq!(kept.totals()[&day], 5.into());
    /// ```
    pub fn totals(&self) -> BTreeMap<NaiveDate, Decimal> {
        self.days.iter().map(|(d, t)| (*d, t.hours)).collect()
    }
}

/// Whether a learner's standing hours on `day` fit the most hours a learner of `track` may
/// have recorded on one calendar day: the pack's `course_based.daily_max_hours` for a trainee
/// of 과정평가형, `work_study.daily_max_hours` for a learning worker of 일학습병행 (OJT and Off-JT
/// together), both inclusive and at most the 24 hours of the day. `rules` are those in force
/// on `day`; a day not in `kept` has no hours. No reason when they fit; otherwise
/// `daily_hours_exceeded` on the day (`Subject::Day`), measuring the standing hours against the
/// limit and citing the pack value.
///
/// # Example
/// ```
/// use cqnet_core::ledger::{check_daily_hours, DailyHours, DayAttendance};
/// use cqnet_core::{rules::RulePack, Hours, ReasonCode, Track};
/// let day = "2026-03-03".parse().unwrap();
/// let rules = RulePack::embedded().rules_at(day)?;
/// let limit = rules.work_study.daily_max_hours.value;
/// let a = |position, hours: Hours| DayAttendance { position, day, hours, corrects: None };
/// let full = DailyHours::of(&[a(1, limit)]);
/// assert!(check_daily_hours(&full, day, Track::WorkStudy, &rules).is_empty());
/// let over = DailyHours::of(&[a(1, limit), a(2, Hours::new("0.5".parse().unwrap())?)]);
/// let refused = check_daily_hours(&over, day, Track::WorkStudy, &rules);
/// assert_eq!(refused[0].code, ReasonCode::DailyHoursExceeded);
/// assert_eq!(refused[0].legal_basis, rules.work_study.daily_max_hours.basis);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_daily_hours(
    kept: &DailyHours,
    day: NaiveDate,
    track: Track,
    rules: &Rules,
) -> Vec<Reason> {
    let limit = match track {
        Track::CourseBased => &rules.course_based.daily_max_hours,
        Track::WorkStudy => &rules.work_study.daily_max_hours,
    };
    let standing = kept.day(day).unwrap_or_default().hours;
    if standing <= limit.value.value() {
        return Vec::new();
    }
    vec![
        Reason::new(ReasonCode::DailyHoursExceeded, limit.basis.clone())
            .subject(Subject::Day { day })
            .measured(Quantity::Hours(standing))
            .required(Quantity::Hours(limit.value.value())),
    ]
}

/// Why an evaluation result does not fit the unit and the learner.
///
/// # Example
/// See [`evaluation_fit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EvaluationMisfit {
    /// A round outside 1 to the unit's rounds.
    RoundOutOfRange,
    /// A pass or fail of a trainee, or a scored round of a learning worker: a trainee's unit
    /// takes scored rounds, a learning worker's unit pass or fail.
    WrongKind,
}

/// Whether `result` fits a unit of `rounds` rounds for a learner of `track`.
///
/// # Errors
/// The misfit, when it does not.
///
/// # Example
/// ```
/// use cqnet_core::ledger::{evaluation_fit, EvaluationMisfit, EvaluationResult};
/// use cqnet_core::Track;
/// let round = |round| EvaluationResult::Round { round, score: None };
/// assert_eq!(evaluation_fit(Track::CourseBased, 2, round(2)), Ok(()));
/// assert_eq!(evaluation_fit(Track::CourseBased, 2, round(3)), Err(EvaluationMisfit::RoundOutOfRange));
/// assert_eq!(evaluation_fit(Track::WorkStudy, 1, round(1)), Err(EvaluationMisfit::WrongKind));
/// assert_eq!(evaluation_fit(Track::WorkStudy, 1, EvaluationResult::Passed(true)), Ok(()));
/// ```
pub fn evaluation_fit(
    track: Track,
    rounds: u8,
    result: EvaluationResult,
) -> Result<(), EvaluationMisfit> {
    match (track, result) {
        (Track::CourseBased, EvaluationResult::Round { round, .. }) => {
            if round == 0 || round > rounds {
                Err(EvaluationMisfit::RoundOutOfRange)
            } else {
                Ok(())
            }
        }
        (Track::WorkStudy, EvaluationResult::Passed(_)) => Ok(()),
        _ => Err(EvaluationMisfit::WrongKind),
    }
}

/// Whether a learner's ledger may take new entries: only while the enrollment is active. A
/// withdrawn learner (중도탈락, or a terminated learning contract) has no attendance or
/// evaluation to record, and the failing check is `enrollment_not_active`, citing the pack's
/// `bases.enrollment_active`.
///
/// # Example
/// ```
/// use cqnet_core::ledger::check_enrollment_active;
/// use cqnet_core::{rules::RulePack, ReasonCode};
/// let rules = RulePack::embedded().newest();
/// assert!(check_enrollment_active(true, &rules).is_empty());
/// let refused = check_enrollment_active(false, &rules);
/// assert_eq!(refused[0].code, ReasonCode::EnrollmentNotActive);
/// assert_eq!(refused[0].legal_basis, rules.bases.enrollment_active.basis);
/// ```
pub fn check_enrollment_active(active: bool, rules: &Rules) -> Vec<Reason> {
    if active {
        return Vec::new();
    }
    vec![Reason::new(
        ReasonCode::EnrollmentNotActive,
        rules.bases.enrollment_active.basis.clone(),
    )]
}
