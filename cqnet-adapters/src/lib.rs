//! # cqnet-adapters
//!
//! Storage adapters of cqnet, each behind a feature: [`memory`] (default) and `sqlite`
//! (rusqlite, bundled SQLite). `postgres` and `http` are reserved features, empty for now.
//! Every adapter runs the conformance suite of `cqnet_store::testing`.
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
