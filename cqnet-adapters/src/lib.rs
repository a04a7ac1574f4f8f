//! # cqnet-adapters
//!
//! Storage adapters of cqnet, each behind a feature: [`memory`] (default) and `sqlite`
//! (rusqlite with a bundled SQLite, module `sqlite`). `postgres` and `http` are reserved
//! features, empty for now; a PostgreSQL adapter re-uses the traits, the `sql` module's table
//! names, statements and row mapping, and the conformance suite. Every adapter runs the
//! conformance suite of `cqnet_store::testing`.
//!
//! # Example
//! ```
//! # #[cfg(feature = "memory")] {
//! use cqnet_adapters::memory::MemoryStore;
//! use cqnet_store::AuditLog;
//! let store = MemoryStore::new();
//! assert!(store.audit_entries(None, 10)?.is_empty());
//! # }
//! # Ok::<(), cqnet_store::StoreError>(())
//! ```

#[cfg(feature = "sqlite")]
mod blocking;
#[cfg(any(feature = "memory", feature = "sqlite"))]
mod common;
#[cfg(feature = "memory")]
pub mod memory;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub mod sql;
#[cfg(feature = "sqlite")]
pub mod sqlite;

#[cfg(feature = "sqlite")]
pub use blocking::SpawnBlocking;
