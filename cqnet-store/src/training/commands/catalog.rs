//! The catalog commands: qualifications (종목) and their curriculum standards (편성기준).

use cqnet_core::QualificationCode;
use cqnet_core::standard::CurriculumStandard;

use super::{check_version, not_found};
use crate::training::{Qualification, StandardVersion};
use crate::unit_of_work::{Lock, TrainingTransaction};
use crate::{CommandMeta, StoreError, Version};

/// Registers a qualification: the command of
/// [`CatalogStore::create_qualification`](crate::CatalogStore::create_qualification).
///
/// # Errors
/// [`StoreError::AlreadyExists`] for a code taken; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::{commands, Qualification};
/// use cqnet_store::unit_of_work::{complete_now, TrainingTransaction};
/// use cqnet_store::{CommandMeta, StoreError, Version};
/// fn run<T: TrainingTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, q: &Qualification) -> Result<Version, StoreError> {
///     complete_now(commands::create_qualification(tx, meta, q))?
/// }
/// ```
pub async fn create_qualification<T: TrainingTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    q: &Qualification,
) -> Result<Version, T::Error> {
    let code = q.code();
    if tx.qualification(code, Lock::None).await?.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "qualification",
            key: code.to_string(),
        }
        .into());
    }
    tx.insert_qualification(q).await?;
    tx.audit(
        meta,
        "create_qualification",
        &format!("qualification {code}"),
    )
    .await?;
    Ok(Version::FIRST)
}

/// Replaces a qualification at the version the caller read: the command of
/// [`CatalogStore::update_qualification`](crate::CatalogStore::update_qualification).
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::VersionConflict`] when `expected` is not the
/// current version; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::{commands, Qualification};
/// use cqnet_store::unit_of_work::{complete_now, TrainingTransaction};
/// use cqnet_store::{CommandMeta, StoreError, Version};
/// fn run<T: TrainingTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, q: &Qualification) -> Result<Version, StoreError> {
///     complete_now(commands::update_qualification(tx, meta, q, Version::FIRST))?
/// }
/// ```
pub async fn update_qualification<T: TrainingTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    q: &Qualification,
    expected: Version,
) -> Result<Version, T::Error> {
    let code = q.code();
    let current = tx
        .qualification(code, Lock::ForUpdate)
        .await?
        .ok_or_else(|| not_found("qualification", code))?;
    check_version("qualification", code, expected, current.version)?;
    let next = current.version.next();
    tx.replace_qualification(q, next).await?;
    tx.audit(
        meta,
        "update_qualification",
        &format!("qualification {code}"),
    )
    .await?;
    Ok(next)
}

/// Publishes a curriculum standard of a qualification at a version: the command of
/// [`CatalogStore::put_standard`](crate::CatalogStore::put_standard). A standard is never
/// changed once published: the same standard again is accepted and changes nothing.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown qualification; [`StoreError::AlreadyExists`] for
/// another standard at the version; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_core::{standard::CurriculumStandard, QualificationCode};
/// use cqnet_store::training::{commands, StandardVersion};
/// use cqnet_store::unit_of_work::{complete_now, TrainingTransaction};
/// use cqnet_store::{CommandMeta, StoreError};
/// fn run<T: TrainingTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, code: &QualificationCode, v: &StandardVersion, s: &CurriculumStandard) -> Result<(), StoreError> {
///     complete_now(commands::put_standard(tx, meta, code, v, s))?
/// }
/// ```
pub async fn put_standard<T: TrainingTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    code: &QualificationCode,
    version: &StandardVersion,
    standard: &CurriculumStandard,
) -> Result<(), T::Error> {
    if tx.qualification(code, Lock::None).await?.is_none() {
        return Err(not_found("qualification", code).into());
    }
    if let Some(existing) = tx.standard(code, version).await? {
        return if &existing == standard {
            Ok(())
        } else {
            Err(StoreError::AlreadyExists {
                what: "curriculum standard",
                key: format!("{code}@{version}"),
            }
            .into())
        };
    }
    tx.insert_standard(code, version, standard).await?;
    tx.audit(meta, "put_standard", &format!("standard {code}@{version}"))
        .await?;
    Ok(())
}
