//! The course designation cycle of 과정평가형 (교육·훈련과정 지정, 국가기술자격법 제10조,
//! 시행령 제14조의2): a yearly call (모집공고) with the screening criteria of each qualification,
//! an institution's application (지정신청), the document and on-site screenings (서류심사,
//! 현장심사), the committee's deliberation (정책심의회 심의), the designation of one course run
//! (지정), the operation checks (운영 확인, 시행령 제14조의4) and the agency's quarterly
//! oversight of every designated course ([`MissingChecksQuery`]), hearings and measures (시정명령,
//! 지정취소, 법 제24조의5), and the retention of the records (법 제25조의4); the storage traits
//! [`CourseDesignationStore`] (blocking) and [`AsyncCourseDesignationStore`] and the
//! [`DesignationService`].
//!
//! An application is one versioned record with its whole history ([`DesignationRecord`]). A
//! designation makes the course run a designated course of the training records, which the
//! search finds; a cancellation revokes it, so that it takes no new enrollment, while its
//! trainees keep their records. The commands are written once, in [`commands`], over the unit
//! of work's [`DesignationTransaction`](crate::unit_of_work::DesignationTransaction); every
//! rule is the core's.
//!
//! # Example
//! ```
//! use cqnet_store::designation::{ApplicationStatus, CourseApplication};
//! let a = CourseApplication::example();
//! assert_eq!(a.plan.spec().capacity, 20);
//! assert_eq!(ApplicationStatus::Designated.code(), "designated");
//! ```

pub mod commands;
mod oversight;
mod records;
mod service;
mod store;

pub use oversight::*;
pub use records::*;
pub use service::*;
pub use store::*;
