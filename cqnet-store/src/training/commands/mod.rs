//! The training commands, written once over the [unit of work](crate::unit_of_work): every back
//! end runs these inside one of its transactions, so their checks and their writes commit
//! together, and every back end answers alike. A back end's store method is one line that
//! opens its transaction and runs the command.
//!
//! - [`catalog`]: qualifications (종목) and curriculum standards (편성기준);
//! - [`designation`]: institutions and courses (과정);
//! - [`enrollment`]: enrollments, seats taken atomically;
//! - [`ledger`]: attendance (출결) and internal evaluation (내부평가) batches.
//!
//! # Example
//! ```
//! use cqnet_store::training::commands::describe;
//! use cqnet_store::training::AttendanceTarget;
//! assert_eq!(describe(&AttendanceTarget::OffJt), "Off-JT (현장외훈련)");
//! ```

mod attendance_hours;
pub mod catalog;
pub mod designation;
pub mod enrollment;
pub mod ledger;

pub use catalog::{create_qualification, put_standard, update_qualification};
pub use designation::{create_course, create_institution, update_course};
pub use enrollment::{enroll, update_enrollment};
pub use ledger::{append_attendance, append_evaluations, batch_subject, describe, schedule_of};

use crate::{StoreError, StoreResult, Version};

pub(crate) fn not_found(what: &'static str, key: impl ToString) -> StoreError {
    StoreError::NotFound {
        what,
        key: key.to_string(),
    }
}

/// Refuses an update that names a version other than the current one.
pub(crate) fn check_version(
    what: &'static str,
    key: impl ToString,
    expected: Version,
    actual: Version,
) -> StoreResult<()> {
    if expected == actual {
        return Ok(());
    }
    Err(StoreError::VersionConflict {
        what,
        key: key.to_string(),
        expected,
        actual,
    })
}
