//! The blocking form of the services: the same services, driven to completion on the calling
//! thread, for a host without an async runtime (a batch job, a desktop tool, a blocking web
//! framework).
//!
//! There is one implementation of every service and command: the async one
//! ([`crate::training::TrainingService`], [`crate::exam::ExamService`],
//! [`crate::certificate::CertificateService`], [`crate::work_study::WorkStudyService`]). A blocking service wraps it over
//! [`Inline`], the async view of a blocking [`Store`](crate::Store) whose operations are done
//! when they return, so every future it awaits is ready at once and the shell drives it to
//! completion in one poll ([`complete_now`]): no runtime, no
//! thread. An async host uses [`crate::Cqnet`] instead.
//!
//! # Example
//! ```
//! use cqnet_store::blocking::Cqnet;
//! use cqnet_store::{FixedClock, Store};
//! fn host<S: Store + 'static>(store: S) -> Cqnet<S, FixedClock> {
//!     Cqnet::builder(store)
//!         .clock(FixedClock::new("2026-09-01T09:00:00Z".parse().unwrap()))
//!         .build()
//! }
//! ```

mod certificate;
mod designation;
mod exam;
mod front_door;
mod training;
mod work_study;

pub use certificate::CertificateService;
pub use designation::DesignationService;
pub use exam::ExamService;
pub use front_door::Cqnet;
pub use training::TrainingService;
pub use work_study::WorkStudyService;

use std::future::Future;

#[cfg(doc)]
use crate::Inline;
use crate::training::ServiceError;
use crate::unit_of_work::complete_now;

/// Drives a service's future over an [`Inline`] store to its answer. Every operation of such a
/// store is done when it returns, so the future completes in its first poll; one that did not
/// would answer `Unavailable`, never block.
fn wait<T>(future: impl Future<Output = Result<T, ServiceError>>) -> Result<T, ServiceError> {
    complete_now(future)?
}
