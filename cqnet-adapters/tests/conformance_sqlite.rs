//! The conformance suite on the SQLite adapter, each case on a fresh database file.

use cqnet_adapters::sqlite::SqliteStore;

/// A fresh store in its own folder under cargo's per-target scratch folder (which
/// `cargo clean` removes), kept for inspection after a failure.
fn fresh() -> SqliteStore {
    let dir = tempfile::Builder::new()
        .prefix("conformance-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a temporary folder");
    let store = SqliteStore::open(dir.path().join("store.sqlite")).expect("open");
    let _kept = dir.keep();
    store
}

mod blocking {
    use super::fresh;
    cqnet_store::conformance_tests!(fresh);
}

mod nonblocking {
    use super::fresh;
    cqnet_store::async_conformance_tests!(|| fresh().into_async());
}

/// Every blocking case on the async form too (SQLite on tokio's blocking pool), through a
/// blocking view of it.
mod nonblocking_every_case {
    use super::fresh;
    cqnet_store::conformance_tests!(|| cqnet_store::testing::BlockOn::new(|| fresh().into_async()));
}
