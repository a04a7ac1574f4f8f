//! The attendance (출결) and internal evaluation (내부평가) ledgers: corrections are new
//! entries, never edits.

//!
//! What the entries mean (which stand, the hours they add up to, the results that count) is
//! decided by [`cqnet_core::ledger`]: an entry hands the core its facts with
//! [`AttendanceEntry::core`] and [`EvaluationEntry::core`].

use super::ids::*;
use crate::{Actor, Seq};
use chrono::{DateTime, NaiveDate, Utc};
use cqnet_core::ledger::{Attendance, DayAttendance, Evaluation};
use cqnet_core::{Hours, UnitCode};
use serde::{Deserialize, Serialize};

pub use cqnet_core::ledger::{AttendanceTarget, EvaluationResult};

/// An attendance fact to append: `hours` attended on `day`, or, with `corrects`, the corrected
/// hours of an earlier entry (which the correction supersedes; nothing is overwritten).
///
/// # Example
/// ```
/// use cqnet_store::training::{AttendanceTarget, EnrollmentId, NewAttendance};
/// use cqnet_core::Hours;
/// let a = NewAttendance {
///     enrollment: EnrollmentId::from_u128(1),
///     target: AttendanceTarget::Ojt,
///     day: "2026-03-02".parse().unwrap(),
///     hours: Hours::whole(8)?,
///     corrects: None,
/// };
/// assert_eq!(a.hours, Hours::whole(8)?);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAttendance {
    /// Whose attendance.
    pub enrollment: EnrollmentId,
    /// What it counts towards.
    pub target: AttendanceTarget,
    /// The training day.
    pub day: NaiveDate,
    /// Hours attended that day.
    pub hours: Hours,
    /// The entry this one corrects, if any.
    pub corrects: Option<Seq>,
}

/// A committed attendance entry: the fact, its position, and who recorded it when.
///
/// # Example
/// See [`crate::LedgerStore`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceEntry {
    /// Its position in the ledger.
    pub seq: Seq,
    /// The fact.
    pub fact: NewAttendance,
    /// Who recorded it.
    pub recorded_by: Actor,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// An evaluation fact to append (or, with `corrects`, the correction of an earlier entry).
///
/// # Example
/// ```
/// use cqnet_store::training::{EnrollmentId, EvaluationResult, NewEvaluation};
/// use cqnet_core::UnitCode;
/// let e = NewEvaluation {
///     enrollment: EnrollmentId::from_u128(1),
///     unit: UnitCode::example(),
///     result: EvaluationResult::Passed(true),
///     corrects: None,
/// };
/// assert!(e.corrects.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEvaluation {
    /// Whose evaluation.
    pub enrollment: EnrollmentId,
    /// The competency unit.
    pub unit: UnitCode,
    /// The result.
    pub result: EvaluationResult,
    /// The entry this one corrects, if any.
    pub corrects: Option<Seq>,
}

/// A committed evaluation entry.
///
/// # Example
/// See [`crate::LedgerStore`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationEntry {
    /// Its position in the ledger.
    pub seq: Seq,
    /// The fact.
    pub fact: NewEvaluation,
    /// Who recorded it.
    pub recorded_by: Actor,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

impl AttendanceEntry {
    /// The entry as the core reads it: position, target, hours and the entry it corrects.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{AttendanceEntry, AttendanceTarget, EnrollmentId, NewAttendance};
    /// use cqnet_store::{Actor, Role, Seq};
    /// use cqnet_core::{ledger::effective_attendance, Hours};
    /// let entry = AttendanceEntry {
    ///     seq: Seq::new(1),
    ///     fact: NewAttendance {
    ///         enrollment: EnrollmentId::from_u128(1),
    ///         target: AttendanceTarget::Ojt,
    ///         day: "2026-03-02".parse()?,
    ///         hours: Hours::whole(8)?,
    ///         corrects: None,
    ///     },
    ///     recorded_by: Actor::new("kim", Role::Agency)?,
    ///     recorded_at: "2026-03-02T09:00:00Z".parse()?,
    /// };
    /// let totals = effective_attendance(&[entry.core()]);
    /// assert_eq!(totals[&AttendanceTarget::Ojt], 8.into());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn core(&self) -> Attendance {
        Attendance {
            position: self.seq.get(),
            target: self.fact.target.clone(),
            hours: self.fact.hours,
            corrects: self.fact.corrects.map(Seq::get),
        }
    }
}

impl AttendanceEntry {
    /// The entry as the daily check reads it: position, training day, hours and the entry it
    /// corrects (see [`cqnet_core::ledger::DailyHours`]).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{AttendanceEntry, AttendanceTarget, EnrollmentId, NewAttendance};
    /// use cqnet_store::{Actor, Role, Seq};
    /// use cqnet_core::{ledger::effective_daily_hours, Hours};
    /// let day = "2026-03-02".parse()?;
    /// let entry = AttendanceEntry {
    ///     seq: Seq::new(1),
    ///     fact: NewAttendance {
    ///         enrollment: EnrollmentId::from_u128(1),
    ///         target: AttendanceTarget::Ojt,
    ///         day,
    ///         hours: Hours::whole(6)?,
    ///         corrects: None,
    ///     },
    ///     recorded_by: Actor::new("kim", Role::Agency)?,
    ///     recorded_at: "2026-03-02T09:00:00Z".parse()?,
    /// };
    /// assert_eq!(effective_daily_hours(&[entry.core_daily()])[&day], 6.into());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn core_daily(&self) -> DayAttendance {
        DayAttendance {
            position: self.seq.get(),
            day: self.fact.day,
            hours: self.fact.hours,
            corrects: self.fact.corrects.map(Seq::get),
        }
    }
}

impl EvaluationEntry {
    /// The entry as the core reads it: position, unit, result and the entry it corrects.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{EnrollmentId, EvaluationEntry, EvaluationResult, NewEvaluation};
    /// use cqnet_store::{Actor, Role, Seq};
    /// use cqnet_core::{ledger::latest_evaluations, UnitCode};
    /// let entry = EvaluationEntry {
    ///     seq: Seq::new(3),
    ///     fact: NewEvaluation {
    ///         enrollment: EnrollmentId::from_u128(1),
    ///         unit: UnitCode::example(),
    ///         result: EvaluationResult::Passed(true),
    ///         corrects: None,
    ///     },
    ///     recorded_by: Actor::new("kim", Role::Agency)?,
    ///     recorded_at: "2026-03-02T09:00:00Z".parse()?,
    /// };
    /// assert_eq!(entry.core().position, 3);
    /// assert_eq!(latest_evaluations(&[entry.core()])[&(UnitCode::example(), 0)], EvaluationResult::Passed(true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn core(&self) -> Evaluation {
        Evaluation {
            position: self.seq.get(),
            unit: self.fact.unit.clone(),
            result: self.fact.result,
            corrects: self.fact.corrects.map(Seq::get),
        }
    }
}

/// Every attendance entry as the core reads it.
///
/// # Example
/// ```
/// use cqnet_store::training::attendance_facts;
/// assert!(attendance_facts(&[]).is_empty());
/// ```
pub fn attendance_facts(entries: &[AttendanceEntry]) -> Vec<Attendance> {
    entries.iter().map(AttendanceEntry::core).collect()
}

/// Every evaluation entry as the core reads it.
///
/// # Example
/// ```
/// use cqnet_store::training::evaluation_facts;
/// assert!(evaluation_facts(&[]).is_empty());
/// ```
pub fn evaluation_facts(entries: &[EvaluationEntry]) -> Vec<Evaluation> {
    entries.iter().map(EvaluationEntry::core).collect()
}
