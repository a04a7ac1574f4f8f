//! The attendance (출결) and internal evaluation (내부평가) ledgers: corrections are new
//! entries, never edits.

use super::ids::*;
use crate::{Actor, Seq};
use chrono::{DateTime, NaiveDate, Utc};
use cqnet_core::{Hours, Score, UnitCode};
use serde::{Deserialize, Serialize};
/// What attended hours count towards.
///
/// # Example
/// ```
/// use cqnet_store::training::AttendanceTarget;
/// use cqnet_core::UnitCode;
/// assert_ne!(AttendanceTarget::Unit(UnitCode::example()), AttendanceTarget::Ojt);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "target", content = "unit")]
pub enum AttendanceTarget {
    /// A competency unit of a 과정평가형 course.
    Unit(UnitCode),
    /// On-the-job training (OJT, 현장훈련) of a learning worker.
    Ojt,
    /// Off-the-job training (Off-JT, 현장외훈련) of a learning worker.
    OffJt,
}

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

/// The result of one internal evaluation (내부평가).
///
/// # Example
/// ```
/// use cqnet_store::training::EvaluationResult;
/// use cqnet_core::Score;
/// let r = EvaluationResult::Round { round: 1, score: Some(Score::new(70.into())?) };
/// assert_ne!(r, EvaluationResult::Passed(true));
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
