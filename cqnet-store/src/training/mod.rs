//! Training records (훈련 기록): the qualification catalog (종목) and curriculum standards
//! (편성기준), institutions and their designated courses (지정 과정), enrollments of trainees
//! (훈련생) and learning workers (학습근로자), and the attendance (출결) and internal evaluation
//! (내부평가) ledgers; the storage traits that keep them and [`TrainingService`], which checks
//! who may act, asks `cqnet-core` and writes.
//!
//! # Example
//! ```
//! use cqnet_store::training::{CourseId, EnrollmentId};
//! assert_ne!(CourseId::from_u128(1).uuid(), EnrollmentId::from_u128(2).uuid());
//! ```

mod catalog;
mod cohort;
pub mod commands;
mod course;
mod enrollment;
pub(crate) mod ids;
pub mod integrity;
mod ledger;
mod service;
mod setup;
mod store;

pub use catalog::*;
pub use cohort::CourseRecords;
pub use course::*;
pub use enrollment::*;
pub use ids::*;
pub use ledger::*;
pub use service::*;
pub use store::*;
