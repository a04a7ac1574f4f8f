//! The integrity check: walks a store through its traits and reports every broken invariant
//! as a typed list. It reads only; it repairs nothing.

use std::collections::{BTreeMap, BTreeSet};

use cqnet_core::ledger::{self, DailyHours, DayAttendance, EvaluationMisfit, ScheduleProblem};
use cqnet_core::rules::RulePack;
use cqnet_core::{Hours, Reason, UnitCode};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::Seq;
use crate::training::service::track_of;
use crate::training::{AttendanceEntry, AttendanceTarget, CourseId, EnrollmentId, LearnerKind};
use crate::training::{attendance_facts, evaluation_facts};
use crate::{Store, StoreError, StoreResult};

/// One broken invariant.
///
/// # Example
/// ```
/// use cqnet_store::training::integrity::Violation;
/// use cqnet_store::training::EnrollmentId;
/// let v = Violation::UnknownEnrollment { enrollment: EnrollmentId::from_u128(1), entries: 2 };
/// assert!(matches!(v, Violation::UnknownEnrollment { entries: 2, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "violation")]
#[non_exhaustive]
pub enum Violation {
    /// Ledger entries of an enrollment the store does not know.
    UnknownEnrollment {
        /// The enrollment named by the entries.
        enrollment: EnrollmentId,
        /// How many entries.
        entries: usize,
    },
    /// A course whose curriculum standard version is missing.
    MissingStandard {
        /// The course.
        course: CourseId,
    },
    /// A course runs a unit its curriculum standard does not list.
    CourseUnitNotInStandard {
        /// The course.
        course: CourseId,
        /// The unit.
        unit: UnitCode,
    },
    /// More enrollments than seats.
    Overbooked {
        /// The course.
        course: CourseId,
        /// Enrollments.
        enrolled: usize,
        /// Seats.
        capacity: u32,
    },
    /// An enrollment in a course the store does not know.
    UnknownCourse {
        /// The enrollment.
        enrollment: EnrollmentId,
        /// The course it names.
        course: CourseId,
    },
    /// An attendance entry for a unit the course does not run, or of the wrong kind (OJT of a
    /// trainee, a unit of a learning worker).
    AttendanceTargetMismatch {
        /// The enrollment.
        enrollment: EnrollmentId,
        /// The entry.
        seq: Seq,
        /// Its target.
        target: AttendanceTarget,
    },
    /// Effective attended hours above the scheduled hours.
    HoursAboveScheduled {
        /// The enrollment.
        enrollment: EnrollmentId,
        /// The unit, OJT or Off-JT.
        target: AttendanceTarget,
        /// Effective attended hours.
        attended: Decimal,
        /// Scheduled hours.
        scheduled: Hours,
    },
    /// An evaluation for a unit not in the course's curriculum standard (or not run by the
    /// course), a round beyond the unit's rounds, or a result of the wrong kind.
    EvaluationMismatch {
        /// The enrollment.
        enrollment: EnrollmentId,
        /// The entry.
        seq: Seq,
        /// The unit.
        unit: UnitCode,
        /// What is wrong.
        problem: &'static str,
    },
    /// A learner's standing hours on a calendar day above the most the rule pack lets be
    /// recorded on one day for their track (written before the limit was checked, or under a
    /// pack with a longer day): the core's `daily_hours_exceeded` reason says the day, the
    /// hours and the limit.
    DayAboveLimit {
        /// The enrollment.
        enrollment: EnrollmentId,
        /// The core's reason.
        reason: Reason,
    },
    /// No rules of the pack are in force on a day the learner has hours on, so the day's
    /// limit cannot be checked.
    DayWithoutRules {
        /// The enrollment.
        enrollment: EnrollmentId,
        /// The day.
        day: chrono::NaiveDate,
    },
    /// A correction names an entry that does not exist or belongs to another enrollment.
    DanglingCorrection {
        /// The enrollment.
        enrollment: EnrollmentId,
        /// The correcting entry.
        seq: Seq,
        /// The entry it names.
        corrects: Seq,
    },
}

/// Walks the whole store and returns every broken invariant (empty when all is well), the
/// daily limits read from the embedded rule pack ([`check_under`] takes another).
///
/// # Errors
/// Store faults only; broken data is reported, not returned as an error, unless a record
/// cannot be read back at all ([`StoreError::Corrupt`]).
///
/// # Example
/// ```
/// use cqnet_store::{training::integrity, Store};
/// fn healthy<S: Store>(store: &S) -> Result<bool, cqnet_store::StoreError> {
///     Ok(integrity::check(store)?.is_empty())
/// }
/// ```
pub fn check<S: Store + ?Sized>(store: &S) -> StoreResult<Vec<Violation>> {
    check_under(store, RulePack::embedded())
}

/// [`check`] with the daily limits of `pack` (the pack the host's services decide with).
///
/// # Errors
/// As [`check`].
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_store::{training::integrity, Store};
/// fn healthy<S: Store>(store: &S, pack: &RulePack) -> Result<bool, cqnet_store::StoreError> {
///     Ok(integrity::check_under(store, pack)?.is_empty())
/// }
/// ```
pub fn check_under<S: Store + ?Sized>(store: &S, pack: &RulePack) -> StoreResult<Vec<Violation>> {
    let mut found = Vec::new();
    let mut known: BTreeSet<EnrollmentId> = BTreeSet::new();
    for course in store.courses(None)? {
        let course = course.value;
        let spec = course.spec();
        let standard = match store.standard(&spec.qualification, &spec.standard_version) {
            Ok(s) => Some(s),
            Err(StoreError::NotFound { .. }) => {
                found.push(Violation::MissingStandard {
                    course: course.id(),
                });
                None
            }
            Err(other) => return Err(other),
        };
        if let Some(standard) = &standard {
            for unit in &spec.units {
                if standard.unit(unit.code()).is_none() {
                    found.push(Violation::CourseUnitNotInStandard {
                        course: course.id(),
                        unit: unit.code().clone(),
                    });
                }
            }
        }
        let enrollments = store.enrollments(course.id())?;
        if enrollments.len() > spec.capacity as usize {
            found.push(Violation::Overbooked {
                course: course.id(),
                enrolled: enrollments.len(),
                capacity: spec.capacity,
            });
        }
        for e in enrollments {
            let e = e.value;
            known.insert(e.id());
            let id = e.id();
            let entries = store.attendance(id)?;
            let attendance = attendance_facts(&entries);
            for (seq, corrects) in ledger::dangling_corrections(&attendance) {
                found.push(Violation::DanglingCorrection {
                    enrollment: id,
                    seq: Seq::new(seq),
                    corrects: Seq::new(corrects),
                });
            }
            let mut first_seq: BTreeMap<AttendanceTarget, Seq> = BTreeMap::new();
            for a in &attendance {
                first_seq
                    .entry(a.target.clone())
                    .or_insert(Seq::new(a.position));
            }
            let scheduled = |target: &AttendanceTarget| match (&e.kind(), target) {
                (LearnerKind::Trainee, AttendanceTarget::Unit(code)) => {
                    course.unit(code).map(|u| u.scheduled())
                }
                (LearnerKind::LearningWorker { ojt_scheduled, .. }, AttendanceTarget::Ojt) => {
                    Some(*ojt_scheduled)
                }
                (
                    LearnerKind::LearningWorker {
                        off_jt_scheduled, ..
                    },
                    AttendanceTarget::OffJt,
                ) => Some(*off_jt_scheduled),
                _ => None,
            };
            for problem in ledger::schedule_problems(&attendance, scheduled) {
                match problem {
                    ScheduleProblem::NotScheduled { target } => {
                        found.push(Violation::AttendanceTargetMismatch {
                            enrollment: id,
                            seq: first_seq.get(&target).copied().unwrap_or(Seq::new(0)),
                            target,
                        })
                    }
                    ScheduleProblem::AboveScheduled {
                        target,
                        attended,
                        scheduled,
                    } => found.push(Violation::HoursAboveScheduled {
                        enrollment: id,
                        target,
                        attended,
                        scheduled,
                    }),
                    _ => {}
                }
            }
            found.extend(days_above_limit(&entries, &e, pack));
            let evaluations = evaluation_facts(&store.evaluations(id)?);
            let dangling: BTreeMap<u64, u64> = ledger::dangling_corrections(&evaluations)
                .into_iter()
                .collect();
            for v in &evaluations {
                if let Some(&corrects) = dangling.get(&v.position) {
                    found.push(Violation::DanglingCorrection {
                        enrollment: id,
                        seq: Seq::new(v.position),
                        corrects: Seq::new(corrects),
                    });
                }
                let mismatch = |problem| Violation::EvaluationMismatch {
                    enrollment: id,
                    seq: Seq::new(v.position),
                    unit: v.unit.clone(),
                    problem,
                };
                if standard.as_ref().is_some_and(|s| s.unit(&v.unit).is_none()) {
                    found.push(mismatch("unit not in the course's curriculum standard"));
                    continue;
                }
                let Some(unit) = course.unit(&v.unit) else {
                    found.push(mismatch("unit not run by the course"));
                    continue;
                };
                match ledger::evaluation_fit(track_of(&e), unit.rounds(), v.result) {
                    Ok(()) => {}
                    Err(EvaluationMisfit::RoundOutOfRange) => {
                        found.push(mismatch("round beyond the unit's rounds"))
                    }
                    Err(_) => found.push(mismatch("result of the wrong kind for the learner")),
                }
            }
        }
    }
    for id in store.ledger_enrollments()? {
        if known.contains(&id) {
            continue;
        }
        match store.enrollment(id) {
            Ok(e) => found.push(Violation::UnknownCourse {
                enrollment: id,
                course: e.value.course(),
            }),
            Err(StoreError::NotFound { .. }) => {
                let entries = store.attendance(id)?.len() + store.evaluations(id)?.len();
                found.push(Violation::UnknownEnrollment {
                    enrollment: id,
                    entries,
                });
            }
            Err(other) => return Err(other),
        }
    }
    Ok(found)
}

/// The days of one learner's ledger above the daily limit of their track, each day checked
/// under the rules in force on it.
fn days_above_limit(
    ledger: &[AttendanceEntry],
    enrollment: &crate::training::Enrollment,
    pack: &RulePack,
) -> Vec<Violation> {
    let days: Vec<DayAttendance> = ledger.iter().map(AttendanceEntry::core_daily).collect();
    let kept = DailyHours::of(&days);
    let id = enrollment.id();
    kept.totals()
        .into_keys()
        .flat_map(|day| match pack.rules_at(day) {
            Ok(rules) => ledger::check_daily_hours(&kept, day, track_of(enrollment), &rules)
                .into_iter()
                .map(|reason| Violation::DayAboveLimit {
                    enrollment: id,
                    reason,
                })
                .collect(),
            Err(_) => vec![Violation::DayWithoutRules {
                enrollment: id,
                day,
            }],
        })
        .collect()
}
