//! The shared rule of idempotent retries, so that every adapter answers a retry the same way.
//!
//! An adapter keeps, per [`IdempotencyKey`], the command's [`fingerprint`] and its result as
//! JSON, in the same transaction as the command. A later command with the same key is a retry
//! when its fingerprint is equal (the stored result is returned, nothing is applied again) and
//! a [`StoreError::IdempotencyConflict`] otherwise.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{Actor, IdempotencyKey};
use crate::{StoreError, StoreResult};

/// The fingerprint of a command: its name, its actor and its payload (not its time, which a
/// retry changes).
///
/// # Errors
/// [`StoreError::Corrupt`] if the payload cannot be serialized (never for the crate's types).
///
/// # Example
/// ```
/// use cqnet_store::{idempotency::fingerprint, model::{Actor, Role}};
/// let a = Actor::new("a", Role::System)?;
/// assert_eq!(fingerprint("enroll", &a, &1)?, fingerprint("enroll", &a, &1)?);
/// assert_ne!(fingerprint("enroll", &a, &1)?, fingerprint("enroll", &a, &2)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn fingerprint<P: Serialize + ?Sized>(
    command: &str,
    actor: &Actor,
    payload: &P,
) -> StoreResult<String> {
    serde_json::to_string(&(command, actor, payload)).map_err(|e| StoreError::Corrupt {
        what: "command payload",
        detail: e.to_string(),
    })
}

/// Serializes a result to keep with its key.
///
/// # Errors
/// [`StoreError::Corrupt`] if the value cannot be serialized.
///
/// # Example
/// ```
/// assert_eq!(cqnet_store::idempotency::encode_result(&vec![1, 2])?, "[1,2]");
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
pub fn encode_result<T: Serialize + ?Sized>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt {
        what: "command result",
        detail: e.to_string(),
    })
}

/// Answers a command whose key was seen before: the stored result when the fingerprints are
/// equal, a conflict otherwise.
///
/// # Errors
/// [`StoreError::IdempotencyConflict`] for another command under the same key;
/// [`StoreError::Corrupt`] if the stored result does not read back.
///
/// # Example
/// ```
/// use cqnet_store::{idempotency::replay, model::IdempotencyKey, StoreError};
/// let key = IdempotencyKey::new("k")?;
/// let again: Vec<u8> = replay(&key, "f1", "[1]", "f1")?;
/// assert_eq!(again, vec![1]);
/// assert!(matches!(replay::<Vec<u8>>(&key, "f1", "[1]", "f2"), Err(StoreError::IdempotencyConflict { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn replay<T: DeserializeOwned>(
    key: &IdempotencyKey,
    stored_fingerprint: &str,
    stored_result: &str,
    fingerprint: &str,
) -> StoreResult<T> {
    if stored_fingerprint != fingerprint {
        return Err(StoreError::IdempotencyConflict {
            key: key.as_str().to_owned(),
        });
    }
    serde_json::from_str(stored_result).map_err(|e| StoreError::Corrupt {
        what: "stored command result",
        detail: e.to_string(),
    })
}
