//! # cqnet
//!
//! The rules of Korea's two NCS-based qualification tracks that HRD Korea (한국산업인력공단)
//! runs on CQ-Net, as a library: **과정평가형 국가기술자격** (course-based national technical
//! qualification) and **일학습병행자격** (work-study dual-system qualification).
//!
//! This facade re-exports the workspace's crates, each documented here in full:
//!
//! - [`core`] (`cqnet-core`): the pure rules — validated types, dated rule packs, decisions
//!   with reasons in Korean and English. No I/O, no clock, no randomness.
//! - `store` (`cqnet-store`, feature `store`): storage traits and services.
//! - `adapters` (`cqnet-adapters`): the memory (feature `memory`), SQLite (`sqlite`) and
//!   PostgreSQL (`postgres`) stores.
//! - `http` (`cqnet-http`, feature `http`): the HTTP face, an axum router over the rules and
//!   the services on any store.
//! - `analytics` (`cqnet-analytics`, feature `analytics`): bulk decisions over a columnar
//!   population, read from records or a CSV file, with the rule pack compiled to exact integer
//!   thresholds.
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `store` | yes (through `memory` and `sqlite`) | `store`: the storage traits and services, no back end |
//! | `memory` | yes | `store`, and `adapters::memory`: the in-memory store |
//! | `sqlite` | yes | `store`, and `adapters::sqlite`: the SQLite store (bundled SQLite) |
//! | `postgres` | no | `store`, and `adapters::postgres`: the PostgreSQL stores, blocking and async |
//! | `credentials` | yes | `core::credential` (signed credentials), and the certificate service's export |
//! | `http` | no | `store`, and `http`: the axum router (rule packs, `evaluate`, the services' routes, problem documents) |
//! | `analytics` | no | `analytics`: bulk decisions over a columnar population (records or CSV, UTF-8 or CP949) |
//! | `charts` | no | `analytics`, and its statistics as SVG charts (`analytics::statistics::funnel_svg`, `pass_rate_svg`, `distribution_svg`; plotters, SVG only) |
//! | `arrow` | no | `analytics`, and populations from Arrow IPC files and streams (`analytics::arrow`; arrow-rs's array, schema and IPC crates only) |
//!
//! With `default-features = false` only [`core`] is built: the decisions and their rule pack,
//! with no store, no database driver and no signing crates.
//!
//! # Example
//! ```
//! use cqnet::core::course_based::{decide, ExternalScores, TraineeRecord, UnitRecord};
//! use cqnet::core::{rules::RulePack, ExamStandard, Hours, Score};
//!
//! let rules = RulePack::embedded().newest();
//! let score = |n: u32| Score::new(n.into());
//! let units = vec![
//!     UnitRecord::new(None, Hours::whole(40)?, Hours::whole(36)?, vec![Some(score(80)?), Some(score(90)?)])?,
//!     UnitRecord::new(None, Hours::whole(30)?, Hours::whole(30)?, vec![Some(score(85)?)])?,
//! ];
//! let record = TraineeRecord::new(units)?.with_external(ExternalScores::new(score(80)?, score(90)?));
//! let decision = decide(&record, &ExamStandard::from_rules(&rules), &rules);
//! assert_eq!(decision.passed, Some(true));
//! for reason in &decision.reasons {
//!     println!("{} / {}", reason.message.ko, reason.message.en);
//! }
//! # Ok::<(), cqnet::core::InputError>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

// Inlined so that the facade's documentation holds every crate's items: a plain re-export of
// a crate links to that crate's own pages, which `cargo doc --no-deps` at the root never builds.
#[cfg(any(feature = "memory", feature = "sqlite", feature = "postgres"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "memory", feature = "sqlite", feature = "postgres")))
)]
#[doc(inline)]
pub use cqnet_adapters as adapters;
#[cfg(feature = "analytics")]
#[cfg_attr(docsrs, doc(cfg(feature = "analytics")))]
#[doc(inline)]
pub use cqnet_analytics as analytics;
#[doc(inline)]
pub use cqnet_core as core;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
#[doc(inline)]
pub use cqnet_http as http;
#[cfg(feature = "store")]
#[cfg_attr(docsrs, doc(cfg(feature = "store")))]
#[doc(inline)]
pub use cqnet_store as store;
#[cfg(feature = "store")]
#[cfg_attr(docsrs, doc(cfg(feature = "store")))]
pub use cqnet_store::Cqnet;

#[cfg(feature = "store")]
#[cfg_attr(docsrs, doc(cfg(feature = "store")))]
pub mod prelude;

/// The date and time types of every signature (`chrono`), so a host need not depend on it
/// to call the library.
pub use chrono;
/// The exact decimal type of every score, hour count and amount (`rust_decimal`).
pub use rust_decimal;

/// The README's examples, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(all(doctest, feature = "sqlite"))]
pub struct ReadmeDoctests;

/// `docs/guide.md`, the journey from catalog to certificate, run as a doc test.
#[doc = include_str!("../docs/guide.md")]
#[cfg(all(doctest, feature = "memory", feature = "credentials"))]
pub struct GuideDoctests;
