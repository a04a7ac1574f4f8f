//! Certificates (자격증): the storage of issued documents — first issues (발급) and reissues
//! (재발급) of a qualification number, its cancellation (자격 취소) and confirmation documents
//! (자격취득사실 확인서) — and the traits [`CertificateStore`] (blocking) and
//! [`AsyncCertificateStore`] (its async twin).
//!
//! What must be atomic is one store operation:
//!
//! - [`CertificateStore::issue`] allocates the qualification number's serial (per pass year) and
//!   the management number's sequence (per issue day and office), builds the certificate with
//!   [`Certificate::issue`] and stores it under its [`IssueKey`](cqnet_core::certificate::IssueKey), in one transaction. A second
//!   issue for the same pass, under any idempotency key, returns the certificate first issued.
//! - [`CertificateStore::reissue`] allocates a new management number and stores the document
//!   built by [`Certificate::reissue`]; a document is superseded at most once, and reissuing the
//!   same document twice returns the first reissue.
//! - [`CertificateStore::revoke`] appends the cancellation (who, why, when); the history keeps
//!   every document and the cancellation.
//! - [`CertificateStore::issue_confirmation`] allocates the confirmation document's sequence
//!   (per Korean day) and stores the document.
//!
//! Every command writes its audit line and its idempotency key in the same transaction. The
//! commands are written once, in [`commands`], over the unit of work's
//! [`CertificateTransaction`](crate::unit_of_work::CertificateTransaction); each back end runs
//! them in one of its transactions. The store decides no rule: the [`CertificateService`]
//! asks the core (`decide_issue`, `decide_reissue`, `decide_revocation`, `verify`) and the store
//! keeps what was decided and hands the history back as a [`QualificationRecord`](cqnet_core::certificate::QualificationRecord).
//!
//! # Example
//! ```
//! use cqnet_core::certificate::{IssueRequest, decide_issue};
//! use cqnet_core::rules::RulePack;
//! use cqnet_store::certificate::NewCertificate;
//! let rules = RulePack::embedded().rules_at("2026-05-01".parse().unwrap())?;
//! let request = IssueRequest::example();
//! let decision = decide_issue(&request, &rules)?;
//! let new = NewCertificate::new(request, decision, 1, "2026-05-01T10:30:00+09:00".parse().unwrap(), None)?;
//! assert_eq!(new.issue_key().as_str(), "issue:course_based:2290:2026-04-10:person-1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod authenticity;
pub mod commands;
mod records;
mod service;
mod store;

pub use records::*;
pub use service::*;
pub use store::*;
