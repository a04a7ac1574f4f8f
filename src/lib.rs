//! # cqnet
//!
//! The rules of Korea's two NCS-based qualification tracks that HRD Korea (한국산업인력공단)
//! runs on CQ-Net, as a library: **과정평가형 국가기술자격** (course-based national technical
//! qualification) and **일학습병행자격** (work-study dual-system qualification).
//!
//! This facade re-exports the workspace's crates:
//!
//! - [`core`] (`cqnet-core`): the pure rules — validated types, dated rule packs, decisions
//!   with reasons in Korean and English. No I/O, no clock, no randomness.
//! - [`store`] (`cqnet-store`): storage traits, services and the conformance suite.
//! - [`adapters`] (`cqnet-adapters`): memory (feature `memory`, default), SQLite (`sqlite`),
//!   PostgreSQL (`postgres`) and HTTP (`http`).
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

pub mod prelude;

pub use cqnet_adapters as adapters;
pub use cqnet_core as core;
pub use cqnet_store as store;
pub use cqnet_store::Cqnet;

/// The date and time types of every signature (`chrono`), so a host need not depend on it
/// to call the library.
pub use chrono;
/// The exact decimal type of every score, hour count and amount (`rust_decimal`).
pub use rust_decimal;

/// The README's examples, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
