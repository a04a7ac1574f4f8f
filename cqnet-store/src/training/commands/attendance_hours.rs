//! What an attendance batch does to its learners' standing hours: reading them (worked out
//! from the learner's whole ledger the first time), folding the batch in, checking the result
//! against the schedule and against the daily limit, and what to keep.
//!
//! The hours are kept per target ([`StandingHours`]) and per calendar day ([`DailyHours`]); a
//! batch reads and writes only the days its entries and the entries they supersede fall on,
//! so its work grows with the batch, not with the ledger.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use cqnet_core::Reason;
use cqnet_core::ledger::{self, AttendanceTarget, DailyHours, ScheduleProblem, StandingHours};
use cqnet_core::rules::{RulePack, Rules};
use rust_decimal::Decimal;

use super::ledger::{CheckedBatch, describe, schedule_of};
use super::not_found;
use crate::ConflictKind;
use crate::training::service::track_of;
use crate::training::{AttendanceEntry, Course, CourseId, EnrollmentId};
use crate::unit_of_work::{KeptHours, LedgerTransaction, TrainingTransaction};
use crate::{StoreError, StoreResult};

/// The batch's learners' standing hours once the batch is in, and what it changed.
pub(super) struct HoursAfter {
    /// Per learner, the hours per target.
    targets: BTreeMap<EnrollmentId, StandingHours>,
    /// Per learner, the tallies of the days read (every day, for a learner worked out from
    /// the ledger).
    days: BTreeMap<EnrollmentId, DailyHours>,
    /// The standing hours, before the batch, of each learner's day the batch touches.
    before: BTreeMap<(EnrollmentId, NaiveDate), Decimal>,
    /// The days to write back: those the batch touches, and every day of a learner worked out
    /// from the ledger.
    write: BTreeSet<(EnrollmentId, NaiveDate)>,
}

/// The entry an entry of the batch supersedes: committed, or earlier in the batch.
fn superseded<'e>(
    batch: &'e CheckedBatch<'_, AttendanceEntry>,
    entries: &'e [AttendanceEntry],
    entry: &AttendanceEntry,
) -> Option<&'e AttendanceEntry> {
    let s = entry.fact.corrects?;
    batch.superseded.get(&s).or_else(|| {
        s.get()
            .checked_sub(batch.first.get())
            .and_then(|i| entries.get(i as usize))
    })
}

/// Reads the standing hours of every learner of the batch and of every day it touches (the
/// days of its entries and of the entries they supersede), works out from the ledger those of
/// a learner who has none kept yet (attendance recorded before the store kept them), and
/// folds each new entry in, taking out the entry it supersedes.
pub(super) async fn hours_after<T>(
    tx: &mut T,
    batch: &CheckedBatch<'_, AttendanceEntry>,
    entries: &[AttendanceEntry],
) -> Result<HoursAfter, T::Error>
where
    T: TrainingTransaction + LedgerTransaction<AttendanceEntry>,
{
    let ids: Vec<EnrollmentId> = batch.enrollments.keys().copied().collect();
    let touched: BTreeSet<(EnrollmentId, NaiveDate)> = entries
        .iter()
        .flat_map(|e| {
            let old = superseded(batch, entries, e).map(|s| (s.fact.enrollment, s.fact.day));
            std::iter::once((e.fact.enrollment, e.fact.day)).chain(old)
        })
        .collect();
    let asked: Vec<(EnrollmentId, NaiveDate)> = touched.iter().copied().collect();
    let kept = tx.standing_hours(&ids, &asked).await?;
    let mut targets: BTreeMap<EnrollmentId, StandingHours> = kept.targets.into_iter().collect();
    let mut read: BTreeMap<EnrollmentId, Vec<_>> = BTreeMap::new();
    for (id, day, tally) in kept.days {
        read.entry(id).or_default().push((day, tally));
    }
    let mut days: BTreeMap<EnrollmentId, DailyHours> = read
        .into_iter()
        .map(|(id, tallies)| (id, tallies.into_iter().collect()))
        .collect();
    let mut write = touched.clone();
    let missing: Vec<EnrollmentId> = ids
        .into_iter()
        .filter(|id| !targets.contains_key(id))
        .collect();
    for id in missing {
        let ledger = tx.entries_of(id).await?;
        let facts: Vec<_> = ledger.iter().map(AttendanceEntry::core).collect();
        targets.insert(id, StandingHours::of(&facts));
        let on_days: Vec<_> = ledger.iter().map(AttendanceEntry::core_daily).collect();
        let daily = DailyHours::of(&on_days);
        write.extend(daily.days().map(|(day, _)| (id, day)));
        days.insert(id, daily);
    }
    let before = touched
        .iter()
        .map(|&(id, day)| {
            let hours = days.get(&id).and_then(|d| d.day(day)).map(|t| t.hours);
            ((id, day), hours.unwrap_or_default())
        })
        .collect();
    for entry in entries {
        let id = entry.fact.enrollment;
        let old = superseded(batch, entries, entry);
        let corrupt = |e: ledger::StandingError| StoreError::Corrupt {
            what: "standing hours",
            detail: format!("enrollment {id}: {e}"),
        };
        targets
            .get_mut(&id)
            .ok_or_else(|| not_found("enrollment", id))?
            .apply(&entry.core(), old.map(AttendanceEntry::core).as_ref())
            .map_err(corrupt)?;
        days.entry(id)
            .or_default()
            .apply(
                &entry.core_daily(),
                old.map(AttendanceEntry::core_daily).as_ref(),
            )
            .map_err(corrupt)?;
    }
    Ok(HoursAfter {
        targets,
        days,
        before,
        write,
    })
}

impl HoursAfter {
    /// Refuses a batch that leaves a learner above the schedule of a target it touches, or
    /// that counts hours towards a target the learner has no schedule for.
    pub(super) fn fit_schedule(
        &self,
        batch: &CheckedBatch<'_, AttendanceEntry>,
        courses: &HashMap<CourseId, Course>,
    ) -> StoreResult<()> {
        let mut touched: BTreeMap<EnrollmentId, BTreeSet<&AttendanceTarget>> = BTreeMap::new();
        for fact in batch.facts {
            touched
                .entry(fact.enrollment)
                .or_default()
                .insert(&fact.target);
        }
        for (id, targets) in touched {
            let (Some(enrollment), Some(hours)) =
                (batch.enrollments.get(&id), self.targets.get(&id))
            else {
                return Err(not_found("enrollment", id));
            };
            let course = courses
                .get(&enrollment.course())
                .ok_or_else(|| not_found("course", enrollment.course()))?;
            let schedule = |t: &AttendanceTarget| schedule_of(enrollment, course, t);
            if let Some(problem) = hours.problems(targets, schedule).into_iter().next() {
                return Err(match problem {
                    ScheduleProblem::AboveScheduled {
                        target,
                        attended,
                        scheduled,
                    } => StoreError::AboveSchedule {
                        enrollment: id.to_string(),
                        target: describe(&target),
                        attended,
                        scheduled: scheduled.value(),
                    },
                    ScheduleProblem::NotScheduled { target } => StoreError::conflict(
                        ConflictKind::NotScheduled,
                        format!("{} is not scheduled for enrollment {id}", describe(&target)),
                    ),
                    _ => StoreError::conflict(
                        ConflictKind::ScheduleMismatch,
                        format!("the attendance of enrollment {id} does not fit its schedule"),
                    ),
                });
            }
        }
        Ok(())
    }

    /// Refuses a batch that raises a learner's standing hours on a day above the most the
    /// pack lets a learner of their track have recorded on one day
    /// ([`cqnet_core::ledger::check_daily_hours`], under the rules in force on that day). A
    /// day the batch does not raise is not refused, so that a correction can lower a day
    /// recorded above the limit before the limit was checked.
    pub(super) fn fit_days(
        &self,
        batch: &CheckedBatch<'_, AttendanceEntry>,
        pack: &RulePack,
    ) -> StoreResult<()> {
        let mut rules: BTreeMap<NaiveDate, Rules> = BTreeMap::new();
        let mut refused: BTreeMap<EnrollmentId, Vec<Reason>> = BTreeMap::new();
        for (&(id, day), &before) in &self.before {
            let (Some(enrollment), Some(kept)) = (batch.enrollments.get(&id), self.days.get(&id))
            else {
                return Err(not_found("enrollment", id));
            };
            let after = kept.day(day).map(|t| t.hours).unwrap_or_default();
            if after <= before {
                continue;
            }
            let in_force = match rules.entry(day) {
                Entry::Occupied(found) => found.into_mut(),
                Entry::Vacant(slot) => slot.insert(pack.rules_at(day).map_err(|e| {
                    StoreError::conflict(ConflictKind::NoRulesInForce, format!(
                        "no rules are in force on {day} to check the hours of enrollment {id}: {e}"
                    ))
                })?),
            };
            let found = ledger::check_daily_hours(kept, day, track_of(enrollment), in_force);
            if !found.is_empty() {
                refused.entry(id).or_default().extend(found);
            }
        }
        match refused.into_iter().next() {
            Some((id, reasons)) => Err(StoreError::AboveDailyLimit {
                enrollment: id.to_string(),
                reasons,
            }),
            None => Ok(()),
        }
    }

    /// What to keep: every learner's hours per target, and the tallies of the days to write.
    pub(super) fn kept(self) -> KeptHours {
        let days = self
            .write
            .iter()
            .map(|&(id, day)| {
                let tally = self.days.get(&id).and_then(|d| d.day(day));
                (id, day, tally.unwrap_or_default())
            })
            .collect();
        KeptHours {
            targets: self.targets.into_iter().collect(),
            days,
        }
    }
}
