//! # cqnet-store
//!
//! The storage boundary of cqnet: one trait per aggregate (blocking, with an `Async` twin), the
//! one [`StoreError`], the services that drive the pure rules of `cqnet-core` over a store, an
//! [`training::integrity`] check, and (feature `testing`) the conformance suite every adapter runs.
//!
//! | trait | aggregate |
//! |---|---|
//! | [`CatalogStore`] | qualifications (종목) and curriculum standards (편성기준) by version |
//! | [`DesignationStore`] | institutions, companies and courses (과정) with designation (지정) |
//! | [`EnrollmentStore`] | trainees (훈련생) and learning workers (학습근로자) |
//! | [`LedgerStore`] | attendance (출결) and internal evaluation (내부평가) ledgers |
//! | [`AuditLog`] | the append-only log of every command |
//! | [`exam::ExamStore`] | external evaluation rounds (외부평가): plans, venues, applications, results |
//! | [`certificate::CertificateStore`] | certificates (자격증): issues, reissues, cancellations, confirmation documents |
//! | [`search::CourseSearch`] | the public search of qualifications, institutions and courses (read-only) |
//! | [`statistics::StatisticsStore`] | the published statistics: the external-evaluation funnel and a round's score distribution (read-only) |
//! | [`work_study::WorkStudyStore`] | learning companies (학습기업): applications, reviews, designations, measures; their field teachers (기업현장교사) |
//!
//! The store never decides a rule and never reads a clock: `now` comes from a [`Clock`], ids
//! from the host. See `docs/adr/0001-blocking-and-async-store-traits.md` for why the traits
//! come in blocking and async twins.
//!
//! # Features
//!
//! | feature | default | what |
//! |---|---|---|
//! | `credentials` | yes | `CertificateService::export_credential` (signed credentials; turns on `cqnet-core/credentials`) |
//! | `testing` | no | the conformance suite (`testing` module; turns on `credentials` and needs `tokio`) |
//!
//! The services are async ([`Cqnet`] hands them out; their futures are `Send`, for an async
//! host over the `Async*` store traits); [`blocking`] holds the same services for a blocking
//! host over the blocking traits, driven to completion without a runtime.
//!
//! # Example
//! ```
//! use cqnet_store::{AsyncStore, FixedClock, Store, training::TrainingService};
//! fn service<S: AsyncStore>(store: S) -> TrainingService<S, FixedClock> {
//!     TrainingService::new(store, FixedClock::new("2026-03-02T09:00:00Z".parse().unwrap()))
//! }
//! fn blocking_service<S: Store + 'static>(store: S) -> cqnet_store::blocking::TrainingService<S, FixedClock> {
//!     cqnet_store::blocking::TrainingService::new(store, FixedClock::new("2026-03-02T09:00:00Z".parse().unwrap()))
//! }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

mod audit;
mod authorization;
pub mod blocking;
pub mod certificate;
mod clock;
mod command;
pub mod designation;
mod error;
pub mod exam;
mod forward;
mod front_door;
pub mod idempotency;
pub mod search;
pub mod statistics;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
pub mod training;
pub mod unit_of_work;
pub mod work_study;

pub use audit::{AsyncAuditLog, AuditEntry, AuditLog, AuditNote, append_note};
pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
pub use command::{Actor, CommandMeta, IdempotencyKey, Role, Seq, Version, Versioned};
pub use error::{BackendError, ConflictKind, StoreError, StoreResult, UnavailableKind};
pub use forward::Inline;
pub use front_door::{Asynchronous, Blocking, Cqnet, CqnetBuilder};
pub use training::{
    AsyncCatalogStore, AsyncDesignationStore, AsyncEnrollmentStore, AsyncLedgerStore, AsyncStore,
    CatalogStore, DesignationStore, EnrollmentStore, LedgerStore, Store,
};
