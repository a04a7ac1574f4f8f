//! # cqnet-adapters
//!
//! Storage adapters of cqnet, each behind a feature: `memory` (default), `sqlite`
//! (rusqlite with a bundled SQLite) and `postgres` (a blocking store on the `postgres` client
//! and an async one on `tokio-postgres`); the SQL adapters share the `sql` module's table
//! names, statements and row mapping. Every adapter runs the conformance suite of
//! `cqnet_store::testing`.
//!
//! # Features
//!
//! | feature | default | module | what it builds |
//! |---|---|---|---|
//! | `memory` | yes | `memory` | `MemoryStore`, no further dependencies |
//! | `sqlite` | no | `sqlite`, `sql` | `SqliteStore` and `SpawnBlocking` (rusqlite with a bundled SQLite, tokio) |
//! | `postgres` | no | `postgres`, `sql` | `PgStore` and `AsyncPgStore` (postgres, tokio-postgres, r2d2, deadpool-postgres, tokio) |
//!
//! Without any feature the crate is empty.
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

#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "memory")]
#[cfg_attr(docsrs, doc(cfg(feature = "memory")))]
pub mod memory;
#[cfg(feature = "postgres")]
#[cfg_attr(docsrs, doc(cfg(feature = "postgres")))]
pub mod postgres;
#[cfg(any(feature = "memory", feature = "sqlite", feature = "postgres"))]
mod shared;
#[cfg(feature = "sqlite")]
mod spawn_blocking;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "sqlite", feature = "postgres"))))]
pub mod sql;
#[cfg(feature = "sqlite")]
#[cfg_attr(docsrs, doc(cfg(feature = "sqlite")))]
pub mod sqlite;

#[cfg(feature = "sqlite")]
#[cfg_attr(docsrs, doc(cfg(feature = "sqlite")))]
pub use spawn_blocking::SpawnBlocking;
