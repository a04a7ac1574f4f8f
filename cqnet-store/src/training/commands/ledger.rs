//! The ledger commands: appending attendance (출결) and internal evaluation (내부평가) batches.
//!
//! Appending a batch: a retry under a known key is answered from what was kept; otherwise
//! every enrollment must exist, every correction must name a standing entry of the same
//! enrollment (committed or earlier in the batch), and, for attendance, no learner's
//! effective hours towards a target may rise above the hours scheduled for it, nor their
//! hours on a calendar day above the rule pack's daily limit (the checks read the learner's
//! standing hours, per target and per day, inside the transaction, so two racing batches
//! cannot both pass; see `attendance_hours`). Then the entries go in with the updated
//! standing hours, the audit line and the key's receipt.
//!

use std::collections::{BTreeSet, HashMap, HashSet};

use cqnet_core::Hours;
use cqnet_core::ledger::AttendanceTarget;

use super::{attendance_hours, not_found};
use crate::ConflictKind;
use crate::idempotency::{Fingerprint, LedgerAnswer, LedgerReceipt, rebuild, replay_ledger};
use crate::training::{
    AttendanceEntry, Course, CourseId, Enrollment, EnrollmentId, EvaluationEntry, LearnerKind,
    NewAttendance, NewEvaluation,
};
use crate::unit_of_work::{LedgerFact, LedgerRecord, LedgerTransaction, TrainingTransaction};
use crate::{CommandMeta, IdempotencyKey, Seq, StoreError, StoreResult, idempotency};

/// Appends attendance (출결) facts as one batch: the command every back end's
/// [`LedgerStore::append_attendance`](crate::LedgerStore::append_attendance) runs.
///
/// The rule pack of `meta` ([`CommandMeta::rules`]: the service's own, else the embedded one)
/// gives the most hours a learner may have recorded on one calendar day, in force on that day
/// (`course_based.daily_max_hours`, `work_study.daily_max_hours`).
///
/// # Errors
/// [`StoreError::Conflict`] for an empty batch, a correction of another enrollment's entry or
/// of an entry corrected already, a target the learner has no schedule for, or a day on which
/// the pack has no rules in force; [`StoreError::NotFound`] for an unknown enrollment or
/// corrected entry; [`StoreError::AboveSchedule`] when a learner's effective hours would
/// exceed the scheduled hours; [`StoreError::AboveDailyLimit`] when the batch would raise a
/// learner's hours on a day above the daily limit (checked after the schedule);
/// [`StoreError::IdempotencyConflict`] for a key used with another payload; the back end's
/// failures.
///
/// # Example
/// The memory store runs it (`cqnet_adapters::memory::MemoryStore`); a blocking back end
/// whose operations never wait drives it with [`complete_now`](crate::unit_of_work::complete_now):
/// ```
/// use cqnet_store::training::commands::append_attendance;
/// use cqnet_store::unit_of_work::{LedgerTransaction, TrainingTransaction};
/// use cqnet_store::training::{AttendanceEntry, NewAttendance};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError};
/// fn run<T>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, facts: &[NewAttendance])
///     -> Result<Vec<AttendanceEntry>, StoreError>
/// where T: TrainingTransaction<Error = StoreError> + LedgerTransaction<AttendanceEntry> {
///     cqnet_store::unit_of_work::complete_now(append_attendance(tx, meta, key, facts))?
/// }
/// ```
pub async fn append_attendance<T>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    facts: &[NewAttendance],
) -> Result<Vec<AttendanceEntry>, T::Error>
where
    T: TrainingTransaction + LedgerTransaction<AttendanceEntry>,
{
    let print = fingerprint::<AttendanceEntry>(meta, facts)?;
    if let Some(replayed) = replay::<T, AttendanceEntry>(tx, key, &print).await? {
        return Ok(replayed);
    }
    let batch = checked_batch::<T, AttendanceEntry>(tx, facts).await?;
    let courses = courses_of(tx, &batch).await?;
    let entries = entries_of_batch(meta, batch.first, facts);
    let hours = attendance_hours::hours_after(tx, &batch, &entries).await?;
    hours.fit_schedule(&batch, &courses)?;
    hours.fit_days(&batch, meta.rules())?;
    tx.insert(meta, &entries).await?;
    tx.keep_standing_hours(&hours.kept()).await?;
    finish(tx, meta, key, &print, entries).await
}

/// Appends internal evaluation (내부평가) results as one batch: the command every back end's
/// [`LedgerStore::append_evaluations`](crate::LedgerStore::append_evaluations) runs.
///
/// # Errors
/// [`StoreError::Conflict`] for an empty batch, a correction of another enrollment's entry or
/// of an entry corrected already; [`StoreError::NotFound`] for an unknown enrollment or
/// corrected entry; [`StoreError::IdempotencyConflict`] for a key used with another payload;
/// the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::commands::append_evaluations;
/// use cqnet_store::unit_of_work::{LedgerTransaction, TrainingTransaction};
/// use cqnet_store::training::{EvaluationEntry, NewEvaluation};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError};
/// fn run<T>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, facts: &[NewEvaluation])
///     -> Result<Vec<EvaluationEntry>, StoreError>
/// where T: TrainingTransaction<Error = StoreError> + LedgerTransaction<EvaluationEntry> {
///     cqnet_store::unit_of_work::complete_now(append_evaluations(tx, meta, key, facts))?
/// }
/// ```
pub async fn append_evaluations<T>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    facts: &[NewEvaluation],
) -> Result<Vec<EvaluationEntry>, T::Error>
where
    T: TrainingTransaction + LedgerTransaction<EvaluationEntry>,
{
    let print = fingerprint::<EvaluationEntry>(meta, facts)?;
    if let Some(replayed) = replay::<T, EvaluationEntry>(tx, key, &print).await? {
        return Ok(replayed);
    }
    let batch = checked_batch::<T, EvaluationEntry>(tx, facts).await?;
    let entries = entries_of_batch(meta, batch.first, facts);
    tx.insert(meta, &entries).await?;
    finish(tx, meta, key, &print, entries).await
}

/// The fingerprint of an append (refusing an empty batch first).
fn fingerprint<E: LedgerRecord>(meta: &CommandMeta, facts: &[E::Fact]) -> StoreResult<Fingerprint> {
    if facts.is_empty() {
        return Err(empty_batch(E::LEDGER));
    }
    idempotency::fingerprint(&format!("append_{}", E::LEDGER), &meta.actor, facts)
}

/// The answer of a retry under a known key: the entries of the first batch, read back from the
/// receipt kept; `None` for a key not used yet.
async fn replay<T, E>(
    tx: &mut T,
    key: &IdempotencyKey,
    print: &Fingerprint,
) -> Result<Option<Vec<E>>, T::Error>
where
    T: LedgerTransaction<E>,
    E: LedgerRecord,
{
    let Some(kept) = tx.recorded(key).await? else {
        return Ok(None);
    };
    match replay_ledger(key, &kept.fingerprint, &kept.answer, print)? {
        LedgerAnswer::Entries(entries) => Ok(Some(entries)),
        LedgerAnswer::Receipt(receipt) => {
            let entries = tx.receipt_entries(&receipt).await?;
            Ok(Some(rebuild(receipt, entries)?))
        }
    }
}

/// A batch whose references hold: its first position, its enrollments, and the committed
/// entries its corrections supersede.
pub(super) struct CheckedBatch<'f, E: LedgerRecord> {
    /// The position of the batch's first entry.
    pub(super) first: Seq,
    /// The batch's facts, in order.
    pub(super) facts: &'f [E::Fact],
    /// The enrollments of the batch.
    pub(super) enrollments: HashMap<EnrollmentId, Enrollment>,
    /// The committed entries the batch's corrections supersede, by position.
    pub(super) superseded: HashMap<Seq, E>,
}

/// Reads what the batch refers to and checks it (see [`check_references`]).
async fn checked_batch<'f, T, E>(
    tx: &mut T,
    facts: &'f [E::Fact],
) -> Result<CheckedBatch<'f, E>, T::Error>
where
    T: TrainingTransaction + LedgerTransaction<E>,
    E: LedgerRecord,
{
    let first = tx.next_seq().await?;
    let ids: Vec<EnrollmentId> = facts
        .iter()
        .map(LedgerFact::enrollment)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let enrollments: HashMap<EnrollmentId, Enrollment> = tx
        .enrollments(&ids)
        .await?
        .into_iter()
        .map(|v| (v.value.id(), v.value))
        .collect();
    let targets: Vec<Seq> = facts
        .iter()
        .filter_map(LedgerFact::corrects)
        .filter(|s| *s < first)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let (superseded, correctors) = if targets.is_empty() {
        (HashMap::new(), HashMap::new())
    } else {
        let entries: HashMap<Seq, E> = tx
            .entries_at(&targets)
            .await?
            .into_iter()
            .map(|e| (e.seq(), e))
            .collect();
        let by: HashMap<Seq, Seq> = tx.correctors(&targets).await?.into_iter().collect();
        (entries, by)
    };
    let refs: Vec<(EnrollmentId, Option<Seq>)> = facts
        .iter()
        .map(|f| (f.enrollment(), f.corrects()))
        .collect();
    check_references(
        &refs,
        first.get(),
        |id| enrollments.contains_key(&id),
        |seq| superseded.get(&seq).map(|e| e.fact().enrollment()),
        |seq| correctors.get(&seq).copied(),
    )?;
    Ok(CheckedBatch {
        first,
        facts,
        enrollments,
        superseded,
    })
}

/// Checks a ledger batch whose entries will take positions `first..`: every enrollment is
/// known, and every correction names an entry committed earlier or earlier in the batch, of
/// the same enrollment, that no correction (committed or earlier in the batch) supersedes yet.
/// The ledger stays a set of chains (each entry corrected at most once), so only the last link
/// of a chain counts in `cqnet_core::ledger::effective_attendance`.
///
/// `committed_owner(seq)` names the enrollment of a committed entry; `committed_corrector(seq)`
/// the committed entry that corrects it, if any.
fn check_references(
    facts: &[(EnrollmentId, Option<Seq>)],
    first: u64,
    enrollment_known: impl Fn(EnrollmentId) -> bool,
    committed_owner: impl Fn(Seq) -> Option<EnrollmentId>,
    committed_corrector: impl Fn(Seq) -> Option<Seq>,
) -> StoreResult<()> {
    let mut corrected_in_batch: HashMap<Seq, Seq> = HashMap::new();
    let mut known: HashSet<EnrollmentId> = HashSet::new();
    for (i, &(enrollment, corrects)) in facts.iter().enumerate() {
        if !known.contains(&enrollment) {
            if !enrollment_known(enrollment) {
                return Err(not_found("enrollment", enrollment));
            }
            known.insert(enrollment);
        }
        let Some(target) = corrects else { continue };
        let committed = target.get() < first;
        let owner = match target.get().checked_sub(first) {
            // Only an entry earlier in this batch can be corrected within it.
            Some(j) if (j as usize) < i => Some(facts[j as usize].0),
            Some(_) => None,
            None => committed_owner(target),
        };
        match owner {
            None => return Err(not_found("ledger entry", target)),
            Some(o) if o != enrollment => {
                return Err(StoreError::conflict(
                    ConflictKind::CorrectsAnotherEnrollment,
                    format!("entry {target} belongs to another enrollment"),
                ));
            }
            Some(_) => {}
        }
        let earlier = match corrected_in_batch.get(&target) {
            Some(&by) => Some(by),
            None if committed => committed_corrector(target),
            None => None,
        };
        if let Some(by) = earlier {
            return Err(StoreError::conflict(
                ConflictKind::AlreadyCorrected,
                format!("entry {target} was already corrected by {by}; correct {by} instead"),
            ));
        }
        corrected_in_batch.insert(target, Seq::new(first + i as u64));
    }
    Ok(())
}

/// The batch's entries, at positions `first..`.
fn entries_of_batch<E: LedgerRecord>(meta: &CommandMeta, first: Seq, facts: &[E::Fact]) -> Vec<E> {
    facts
        .iter()
        .enumerate()
        .map(|(i, f)| {
            E::assemble(
                Seq::new(first.get() + i as u64),
                f.clone(),
                meta.actor.clone(),
                meta.at,
            )
        })
        .collect()
}

/// The courses of the batch's learners.
async fn courses_of<T: TrainingTransaction>(
    tx: &mut T,
    batch: &CheckedBatch<'_, AttendanceEntry>,
) -> Result<HashMap<CourseId, Course>, T::Error> {
    let ids: Vec<CourseId> = batch
        .enrollments
        .values()
        .map(Enrollment::course)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Ok(tx
        .courses(&ids)
        .await?
        .into_iter()
        .map(|v| (v.value.id(), v.value))
        .collect())
}

/// The hours scheduled for a target of a learner: a unit of the course for a trainee, OJT or
/// Off-JT for a learning worker; `None` when the learner has no schedule for the target.
///
/// # Example
/// ```
/// use cqnet_store::training::commands::schedule_of;
/// use cqnet_store::training::{AttendanceTarget, Course, Enrollment};
/// fn ojt_of_a_trainee_is_never_scheduled(e: &Enrollment, c: &Course) -> bool {
///     schedule_of(e, c, &AttendanceTarget::Ojt).is_none()
/// }
/// ```
pub fn schedule_of(
    enrollment: &Enrollment,
    course: &Course,
    target: &AttendanceTarget,
) -> Option<Hours> {
    match (enrollment.kind(), target) {
        (LearnerKind::Trainee, AttendanceTarget::Unit(code)) => {
            course.unit(code).map(|u| u.scheduled())
        }
        (LearnerKind::LearningWorker { ojt_scheduled, .. }, AttendanceTarget::Ojt) => {
            Some(ojt_scheduled)
        }
        (
            LearnerKind::LearningWorker {
                off_jt_scheduled, ..
            },
            AttendanceTarget::OffJt,
        ) => Some(off_jt_scheduled),
        _ => None,
    }
}

/// A target as a sentence names it.
///
/// # Example
/// ```
/// use cqnet_store::training::commands::describe;
/// use cqnet_store::training::AttendanceTarget;
/// assert_eq!(describe(&AttendanceTarget::Ojt), "OJT (현장훈련)");
/// ```
pub fn describe(target: &AttendanceTarget) -> String {
    match target {
        AttendanceTarget::Unit(u) => format!("unit {u}"),
        AttendanceTarget::Ojt => "OJT (현장훈련)".into(),
        AttendanceTarget::OffJt => "Off-JT (현장외훈련)".into(),
    }
}

/// Writes the audit line and the key's receipt, and answers the entries.
async fn finish<T, E>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    print: &Fingerprint,
    entries: Vec<E>,
) -> Result<Vec<E>, T::Error>
where
    T: LedgerTransaction<E>,
    E: LedgerRecord,
{
    let subject = batch_subject(entries.iter().map(|e| e.fact().enrollment()), entries.len());
    tx.audit(meta, &format!("append_{}", E::LEDGER), &subject)
        .await?;
    let receipt = LedgerReceipt::of(&entries)?.encode()?;
    tx.record(key, print, receipt).await?;
    Ok(entries)
}

fn empty_batch(what: &str) -> StoreError {
    StoreError::conflict(
        ConflictKind::EmptyBatch,
        format!("an empty batch of {what}"),
    )
}

/// The audit subject of a ledger batch: its size and up to five of its enrollments.
///
/// # Example
/// ```
/// use cqnet_store::training::commands::batch_subject;
/// use cqnet_store::training::EnrollmentId;
/// let one = EnrollmentId::from_u128(1);
/// assert!(batch_subject([one, one].into_iter(), 2).starts_with("2 entries of enrollment"));
/// ```
pub fn batch_subject(ids: impl Iterator<Item = EnrollmentId>, entries: usize) -> String {
    let who: BTreeSet<EnrollmentId> = ids.collect();
    let shown: Vec<String> = who.iter().take(5).map(ToString::to_string).collect();
    let more = if who.len() > 5 { ", …" } else { "" };
    format!("{entries} entries of enrollment {}{more}", shown.join(", "))
}
