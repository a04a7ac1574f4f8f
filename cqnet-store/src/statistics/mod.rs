//! The published statistics (통계) computed from the store: the external-evaluation funnel
//! (학습근로자 → 외부평가 대상 → 접수 → 응시 → 합격 → 자격취득) of the course-based track
//! (과정평가형) grouped by any combination of year, grade, qualification, institution type
//! and gender, and the score distribution of one exam round, as
//! [`cqnet_core::statistics`] counts them from records.
//!
//! [`StatisticsStore`] (and [`AsyncStatisticsStore`]) is the read-only trait every back end
//! answers: the SQL back ends in one aggregate statement a table, grouped in the database,
//! the memory store by reading its records. Every back end reports the same facts of each
//! trainee ([`TraineeFacts`]) and leaves the stage a record reached to
//! [`StageFacts::stage`](cqnet_core::statistics::StageFacts::stage) and its year to
//! [`cohort_year`](cqnet_core::statistics::cohort_year), so no back end decides a stage rule
//! of its own; the rows and the exact pass rate are built by
//! [`funnel_of_tallies`](cqnet_core::statistics::funnel_of_tallies).
//!
//! [`StatisticsService`] (reached as [`Cqnet::statistics`](crate::Cqnet::statistics)) answers
//! the same tables to an actor the core's access rule lets count them, the agency.
//!
//! # Example
//! ```
//! use cqnet_core::statistics::{Dimension, GroupBy};
//! use cqnet_store::statistics::{FunnelQuery, StatisticsStore};
//! fn by_year(store: &dyn StatisticsStore) -> Result<usize, Box<dyn std::error::Error>> {
//!     let query = FunnelQuery::new(GroupBy::new(vec![Dimension::Year])?).with_years(2024, 2026)?;
//!     Ok(store.funnel(&query)?.len())
//! }
//! ```

mod facts;
mod query;
mod service;
mod store;

pub use facts::{TraineeFacts, funnel_of_facts, gender_key, grade_key, institution_type_key};
pub use query::{FunnelQuery, ScorePart};
pub use service::StatisticsService;
pub use store::{AsyncStatisticsStore, StatisticsStore};
