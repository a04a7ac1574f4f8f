//! Checks and helpers every adapter shares, so that they answer alike.

use std::collections::{BTreeSet, HashMap, HashSet};

use cqnet_store::Seq;
use cqnet_store::training::EnrollmentId;
use cqnet_store::{StoreError, StoreResult};

/// Refuses a new capacity below the enrollments a course has (the core's
/// [`cqnet_core::capacity::capacity_holds`]).
pub(crate) fn check_capacity(
    course: impl std::fmt::Display,
    capacity: u32,
    enrolled: u64,
) -> StoreResult<()> {
    if cqnet_core::capacity::capacity_holds(capacity, enrolled) {
        return Ok(());
    }
    Err(StoreError::Conflict(format!(
        "course {course} has {enrolled} enrollments; its capacity cannot drop to {capacity}"
    )))
}

/// Refuses an enrollment in a full course (the core's [`cqnet_core::capacity::seat_left`]).
pub(crate) fn check_seat(
    course: impl std::fmt::Display,
    capacity: u32,
    enrolled: u64,
) -> StoreResult<()> {
    if cqnet_core::capacity::seat_left(capacity, enrolled) {
        return Ok(());
    }
    Err(StoreError::CourseFull {
        course: course.to_string(),
        capacity,
    })
}

/// An SQL count as the core's enrollment count (a negative count is a corrupt row).
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
pub(crate) fn enrolled(count: i64) -> StoreResult<u64> {
    u64::try_from(count).map_err(|e| StoreError::Corrupt {
        what: "enrollment count",
        detail: e.to_string(),
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
pub(crate) fn check_batch(
    facts: &[(EnrollmentId, Option<Seq>)],
    first: u64,
    mut enrollment_known: impl FnMut(EnrollmentId) -> StoreResult<bool>,
    mut committed_owner: impl FnMut(Seq) -> StoreResult<Option<EnrollmentId>>,
    mut committed_corrector: impl FnMut(Seq) -> StoreResult<Option<Seq>>,
) -> StoreResult<()> {
    let mut corrected_in_batch: HashMap<Seq, Seq> = HashMap::new();
    // A batch names few enrollments many times: each is looked up once.
    let mut known: HashSet<EnrollmentId> = HashSet::new();
    for (i, &(enrollment, corrects)) in facts.iter().enumerate() {
        if !known.contains(&enrollment) {
            if !enrollment_known(enrollment)? {
                return Err(not_found("enrollment", enrollment));
            }
            known.insert(enrollment);
        }
        if let Some(target) = corrects {
            let committed = target.get() < first;
            let owner = match target.get().checked_sub(first) {
                // Only an entry earlier in this batch can be corrected within it.
                Some(j) if (j as usize) < i => Some(facts[j as usize].0),
                Some(_) => None,
                None => committed_owner(target)?,
            };
            match owner {
                None => return Err(not_found("ledger entry", target)),
                Some(o) if o != enrollment => {
                    return Err(StoreError::Conflict(format!(
                        "entry {target} belongs to another enrollment"
                    )));
                }
                Some(_) => {}
            }
            let earlier = match corrected_in_batch.get(&target) {
                Some(&by) => Some(by),
                None if committed => committed_corrector(target)?,
                None => None,
            };
            if let Some(by) = earlier {
                return Err(StoreError::Conflict(format!(
                    "entry {target} was already corrected by {by}; correct {by} instead"
                )));
            }
            corrected_in_batch.insert(target, Seq::new(first + i as u64));
        }
    }
    Ok(())
}

pub(crate) fn not_found(what: &'static str, key: impl ToString) -> StoreError {
    StoreError::NotFound {
        what,
        key: key.to_string(),
    }
}

/// The audit subject of a ledger batch.
pub(crate) fn batch_subject(ids: impl Iterator<Item = EnrollmentId>, entries: usize) -> String {
    let who: BTreeSet<EnrollmentId> = ids.collect();
    let shown: Vec<String> = who.iter().take(5).map(ToString::to_string).collect();
    let more = if who.len() > 5 { ", …" } else { "" };
    format!("{entries} entries of enrollment {}{more}", shown.join(", "))
}

pub(crate) fn empty_batch(what: &str) -> StoreError {
    StoreError::Conflict(format!("an empty batch of {what}"))
}
