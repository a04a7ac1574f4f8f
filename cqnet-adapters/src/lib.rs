//! # cqnet-adapters
//!
//! Storage adapters of cqnet, each behind a feature: [`memory`] (default), `sqlite`
//! (rusqlite with a bundled SQLite, module `sqlite`) and `postgres` (a blocking store on the
//! `postgres` client and an async one on `tokio-postgres`, module `postgres`); the SQL
//! adapters share the `sql` module's table names, statements and row mapping. `http` is a
//! reserved feature, empty for now. Every adapter runs the conformance suite of
//! `cqnet_store::testing`.
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

#[cfg(feature = "memory")]
pub mod memory;
#[cfg(feature = "postgres")]
pub mod postgres;
#[cfg(any(feature = "memory", feature = "sqlite", feature = "postgres"))]
mod shared;
#[cfg(feature = "sqlite")]
mod spawn_blocking;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub mod sql;
#[cfg(feature = "sqlite")]
pub mod sqlite;

#[cfg(feature = "sqlite")]
pub use spawn_blocking::SpawnBlocking;
