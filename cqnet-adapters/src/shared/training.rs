//! Checks and helpers every adapter shares, so that they answer alike.

use cqnet_store::{StoreError, StoreResult};

/// An SQL count as the core's enrollment count (a negative count is a corrupt row).
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
pub(crate) fn enrolled(count: i64) -> StoreResult<u64> {
    u64::try_from(count).map_err(|e| StoreError::Corrupt {
        what: "enrollment count",
        detail: e.to_string(),
    })
}

pub(crate) fn not_found(what: &'static str, key: impl ToString) -> StoreError {
    StoreError::NotFound {
        what,
        key: key.to_string(),
    }
}
