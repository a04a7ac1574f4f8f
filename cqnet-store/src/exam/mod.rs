//! External evaluation rounds (외부평가 회차): the records of a round — its plan (시행계획) and
//! venues (시험장) —, applications (원서접수) with their exam numbers (수험번호), payment and
//! cancellation (접수취소·환불), results (결과) and their finalisation (확정), and the storage
//! traits [`ExamStore`] (blocking) and [`AsyncExamStore`] (its async twin).
//!
//! What must be atomic is one store operation: [`ExamStore::apply`] takes a seat at the venue
//! (never beyond its capacity), allocates the round's next exam number and stores the
//! application in one transaction, idempotent by key; [`ExamStore::cancel`] frees the seat and
//! records the refund in one transaction. Results are versioned and frozen once finalised.
//! Every command writes its audit line in the same transaction. The store decides no rule: the
//! [`ExamService`] asks the core and then writes.
//!
//! # Example
//! ```
//! use cqnet_core::exam::ExamPlan;
//! use cqnet_store::exam::{ExamRound, Venue, VenueCode};
//! let venue = Venue::new(VenueCode::new("seoul-01")?, "서울 강남 시험장", 100)?;
//! let round = ExamRound::new(ExamPlan::example(), vec![venue], false)?;
//! assert_eq!(round.id().as_str(), "2026-C1-01");
//! assert_eq!(round.capacity(), 100);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

pub mod commands;
mod course_records;
mod records;
mod service;
mod store;

pub use records::*;
pub use service::*;
pub use store::*;
