//! Checks and helpers every adapter shares, so that they answer alike.

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

pub(crate) fn not_found(what: &'static str, key: impl ToString) -> StoreError {
    StoreError::NotFound {
        what,
        key: key.to_string(),
    }
}
