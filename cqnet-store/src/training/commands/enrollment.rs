//! The enrollment commands: a seat taken atomically, and an enrollment's changes.

use super::{check_version, not_found};
use crate::ConflictKind;
use crate::idempotency::{encode_result, fingerprint, replay};
use crate::training::{Course, DesignationStatus, Enrollment, LearnerKind};
use crate::unit_of_work::{Lock, TrainingTransaction};
use crate::{CommandMeta, IdempotencyKey, StoreError, Version, Versioned};
use cqnet_core::course_designation::enrollment_refusals;
use cqnet_core::window::korean_date;

/// Enrolls a learner, idempotent by key: the command of
/// [`EnrollmentStore::enroll`](crate::EnrollmentStore::enroll). The course is read for update
/// first, so enrollments of one course (and changes of its capacity) run one after the other
/// and the seats taken are exact when compared with the capacity (the core's `seat_left`);
/// the key is read only then, so a concurrent retry has committed by the time it is looked up.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown course or company; [`StoreError::AlreadyExists`]
/// for an id taken; [`StoreError::Conflict`] of kind `CourseCancelled` for a course whose
/// designation is cancelled (the core's `course_designation::enrollment_refusals`), or
/// `NoRulesInForce`; [`StoreError::CourseFull`]; [`StoreError::IdempotencyConflict`] for a key
/// used with another payload; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::{commands, Enrollment};
/// use cqnet_store::unit_of_work::{complete_now, TrainingTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: TrainingTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, e: &Enrollment) -> Result<Versioned<Enrollment>, StoreError> {
///     complete_now(commands::enroll(tx, meta, key, e))?
/// }
/// ```
pub async fn enroll<T: TrainingTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    e: &Enrollment,
) -> Result<Versioned<Enrollment>, T::Error> {
    let print = fingerprint("enroll", &meta.actor, e)?;
    let course = tx.course(e.course(), Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let id = e.id();
    if tx.enrollment(id, Lock::None).await?.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "enrollment",
            key: id.to_string(),
        }
        .into());
    }
    let course = course.ok_or_else(|| not_found("course", e.course()))?;
    refuse_cancelled_course(meta, &course.value)?;
    if let LearnerKind::LearningWorker { company, .. } = e.kind()
        && tx.institution(company).await?.is_none()
    {
        return Err(not_found("institution", company).into());
    }
    let capacity = course.value.spec().capacity;
    let taken = tx.enrolled_in(e.course()).await?;
    if !cqnet_core::capacity::seat_left(capacity, taken) {
        return Err(StoreError::CourseFull {
            course: e.course().to_string(),
            capacity,
        }
        .into());
    }
    tx.insert_enrollment(e).await?;
    tx.audit(meta, "enroll", &format!("enrollment {id}"))
        .await?;
    let value = Versioned {
        value: e.clone(),
        version: Version::FIRST,
    };
    tx.record(key, &print, encode_result(&value)?).await?;
    Ok(value)
}

/// Refuses an enrollment in a course whose designation is revoked (지정취소) by the day of the
/// command, as the core decides what a cancellation does.
fn refuse_cancelled_course(meta: &CommandMeta, course: &Course) -> Result<(), StoreError> {
    let designation = course.spec().designation;
    if designation.status() != DesignationStatus::Revoked {
        return Ok(());
    }
    let day = korean_date(meta.at.fixed_offset());
    let rules = meta.rules().rules_at(day).map_err(|e| {
        StoreError::conflict(
            ConflictKind::NoRulesInForce,
            format!("no rules are in force on {day}: {e}"),
        )
    })?;
    let reasons = enrollment_refusals(Some(designation.valid_from()), day, &rules);
    if reasons.is_empty() {
        return Ok(());
    }
    let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
    Err(StoreError::conflict(
        ConflictKind::CourseCancelled,
        format!(
            "course {} takes no enrollment on {day}: {}",
            course.id(),
            codes.join(", ")
        ),
    ))
}

/// Replaces an enrollment at the version the caller read (a withdrawal, a changed contract):
/// the command of [`EnrollmentStore::update_enrollment`](crate::EnrollmentStore::update_enrollment).
/// An enrollment never moves to another course.
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::VersionConflict`]; [`StoreError::Conflict`] for a
/// move to another course; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::{commands, Enrollment};
/// use cqnet_store::unit_of_work::{complete_now, TrainingTransaction};
/// use cqnet_store::{CommandMeta, StoreError, Version};
/// fn run<T: TrainingTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, e: &Enrollment) -> Result<Version, StoreError> {
///     complete_now(commands::update_enrollment(tx, meta, e, Version::FIRST))?
/// }
/// ```
pub async fn update_enrollment<T: TrainingTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    e: &Enrollment,
    expected: Version,
) -> Result<Version, T::Error> {
    let id = e.id();
    let current = tx
        .enrollment(id, Lock::ForUpdate)
        .await?
        .ok_or_else(|| not_found("enrollment", id))?;
    check_version("enrollment", id, expected, current.version)?;
    if current.value.course() != e.course() {
        return Err(StoreError::conflict(
            ConflictKind::CourseChanged,
            format!("enrollment {id} cannot move to another course"),
        )
        .into());
    }
    let next = current.version.next();
    tx.replace_enrollment(e, next).await?;
    tx.audit(meta, "update_enrollment", &format!("enrollment {id}"))
        .await?;
    Ok(next)
}
