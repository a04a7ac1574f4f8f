//! The designation commands: institutions and their courses (과정).

use super::{check_version, not_found};
use crate::ConflictKind;
use crate::training::{Course, Institution};
use crate::unit_of_work::{Lock, TrainingTransaction};
use crate::{CommandMeta, StoreError, Version};

/// Registers an institution: the command of
/// [`DesignationStore::create_institution`](crate::DesignationStore::create_institution).
///
/// # Errors
/// [`StoreError::AlreadyExists`] for an id taken; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::{commands, Institution};
/// use cqnet_store::unit_of_work::{complete_now, TrainingTransaction};
/// use cqnet_store::{CommandMeta, StoreError, Version};
/// fn run<T: TrainingTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, i: &Institution) -> Result<Version, StoreError> {
///     complete_now(commands::create_institution(tx, meta, i))?
/// }
/// ```
pub async fn create_institution<T: TrainingTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    i: &Institution,
) -> Result<Version, T::Error> {
    let id = i.id();
    if tx.institution(id).await?.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "institution",
            key: id.to_string(),
        }
        .into());
    }
    tx.insert_institution(i).await?;
    tx.audit(meta, "create_institution", &format!("institution {id}"))
        .await?;
    Ok(Version::FIRST)
}

/// Refuses a course whose institution or curriculum standard is not stored, or that runs a
/// competency unit (능력단위) its standard does not list (the core's `units_not_listed`).
async fn references_exist<T: TrainingTransaction>(tx: &mut T, c: &Course) -> Result<(), T::Error> {
    let spec = c.spec();
    if tx.institution(spec.institution).await?.is_none() {
        return Err(not_found("institution", spec.institution).into());
    }
    let key = format!("{}@{}", spec.qualification, spec.standard_version);
    let Some(standard) = tx
        .standard(&spec.qualification, &spec.standard_version)
        .await?
    else {
        return Err(not_found("curriculum standard", key).into());
    };
    let outside = standard.units_not_listed(spec.units.iter().map(|u| u.code()));
    if !outside.is_empty() {
        let codes: Vec<String> = outside.iter().map(ToString::to_string).collect();
        return Err(StoreError::conflict(
            ConflictKind::UnitOutsideStandard,
            format!(
                "the curriculum standard {key} does not list the unit(s) {}",
                codes.join(", ")
            ),
        )
        .into());
    }
    Ok(())
}

/// Designates a course: the command of
/// [`DesignationStore::create_course`](crate::DesignationStore::create_course).
///
/// # Errors
/// [`StoreError::AlreadyExists`] for an id taken; [`StoreError::NotFound`] for an unknown
/// institution or curriculum standard; [`StoreError::Conflict`] for a unit the standard does
/// not list; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::{commands, Course};
/// use cqnet_store::unit_of_work::{complete_now, TrainingTransaction};
/// use cqnet_store::{CommandMeta, StoreError, Version};
/// fn run<T: TrainingTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, c: &Course) -> Result<Version, StoreError> {
///     complete_now(commands::create_course(tx, meta, c))?
/// }
/// ```
pub async fn create_course<T: TrainingTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    c: &Course,
) -> Result<Version, T::Error> {
    let id = c.id();
    if tx.course(id, Lock::None).await?.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "course",
            key: id.to_string(),
        }
        .into());
    }
    references_exist(tx, c).await?;
    tx.insert_course(c).await?;
    tx.audit(meta, "create_course", &format!("course {id}"))
        .await?;
    Ok(Version::FIRST)
}

/// Replaces a course at the version the caller read: the command of
/// [`DesignationStore::update_course`](crate::DesignationStore::update_course). The course is
/// read for update, so enrollments wait for it and its capacity never drops below the seats
/// taken (the core's `capacity_holds`).
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::VersionConflict`]; [`StoreError::Conflict`] for a
/// capacity below the enrollments or a unit the standard does not list; the back end's
/// failures.
///
/// # Example
/// ```
/// use cqnet_store::training::{commands, Course};
/// use cqnet_store::unit_of_work::{complete_now, TrainingTransaction};
/// use cqnet_store::{CommandMeta, StoreError, Version};
/// fn run<T: TrainingTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, c: &Course) -> Result<Version, StoreError> {
///     complete_now(commands::update_course(tx, meta, c, Version::FIRST))?
/// }
/// ```
pub async fn update_course<T: TrainingTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    c: &Course,
    expected: Version,
) -> Result<Version, T::Error> {
    let id = c.id();
    let current = tx
        .course(id, Lock::ForUpdate)
        .await?
        .ok_or_else(|| not_found("course", id))?;
    check_version("course", id, expected, current.version)?;
    references_exist(tx, c).await?;
    let taken = tx.enrolled_in(id).await?;
    let capacity = c.spec().capacity;
    if !cqnet_core::capacity::capacity_holds(capacity, taken) {
        return Err(StoreError::conflict(
            ConflictKind::CapacityBelowEnrollments,
            format!("course {id} has {taken} enrollments; its capacity cannot drop to {capacity}"),
        )
        .into());
    }
    let next = current.version.next();
    tx.replace_course(c, next).await?;
    tx.audit(meta, "update_course", &format!("course {id}"))
        .await?;
    Ok(next)
}
