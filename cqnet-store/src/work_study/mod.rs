//! 일학습병행 from the company's side: learning companies (학습기업) from their application
//! (지정 신청) through the on-site review (현장실사) and the designation the core decides
//! (지정), hearings (청문) and measures (시정명령, 지정취소, 지정의 효력 정지), their company
//! field teachers (기업현장교사) with their mandatory training, and their learning workers
//! (학습근로자) under learning-work contracts (학습근로계약, [`LearningContract`]) with the ledger
//! of their OJT and Off-JT days, the company's work-study programmes (일학습병행과정,
//! [`Programme`]) approved against their training standard (교육훈련기준), the internal
//! evaluations (내부평가) of a programme's units and the completion certificate (이수증명서) on
//! a learner's contract; the storage traits
//! [`WorkStudyStore`] (blocking) and [`AsyncWorkStudyStore`] (its async twin) and the
//! [`WorkStudyService`].
//!
//! A company is one versioned record with its whole history ([`LearningCompany`]); a field
//! teacher is a record of their own, belonging to one company ([`FieldTeacher`]); a learner
//! ([`Learner`]) lists their contracts, and a contract is one versioned record with its whole
//! history and its ledger, bound to one company at a time. The commands
//! are written once, in [`commands`], over the unit of work's
//! [`WorkStudyTransaction`](crate::unit_of_work::WorkStudyTransaction); each back end runs them
//! in one of its transactions, with the audit line and the idempotency key. The store decides
//! no rule of its own: the designation, the measures, the teachers, the contracts and their
//! days, the programmes and the completion certificate are the core's decisions
//! (`learning_company`, `sanction`, `field_teacher`, `learning_contract`, `extension`,
//! `termination`, `learning_time`, `programme`, `work_study`), asked inside the command with
//! the rules of the command's pack.
//!
//! A company's contracts, programmes and field teachers are read a page at a time, in the order
//! of their identifiers ([`ListPage`], [`ListCursor`], [`RecordPage`]), by the company's staff
//! and the agency ([`WorkStudyService::learning_contracts_of`] and its siblings).
//!
//! # Example
//! ```
//! use cqnet_store::training::InstitutionId;
//! use cqnet_store::work_study::{CompanyApplication, CompanyFacts, CompanyStatus, LearningCompany};
//! let application = CompanyApplication { company: InstitutionId::from_u128(200), facts: CompanyFacts::example() };
//! let applied = LearningCompany::applied(&application, "2026-03-02".parse().unwrap());
//! assert_eq!(applied.status, CompanyStatus::Applied);
//! assert!(applied.latest_review().is_none());
//! ```

pub mod commands;
mod external;
mod learners;
mod lists;
mod partial;
mod programmes;
mod records;
mod service;
mod store;

pub use commands::ContractChange;
pub use external::*;
pub use learners::*;
pub use lists::*;
pub use partial::*;
pub use programmes::*;
pub use records::*;
pub use service::*;
pub use store::*;
