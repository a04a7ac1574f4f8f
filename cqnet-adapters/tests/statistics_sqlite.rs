//! The statistics conformance suite on SQLite (a fresh in-memory database per case).

fn fresh() -> cqnet_adapters::sqlite::SqliteStore {
    cqnet_adapters::sqlite::SqliteStore::open_in_memory().expect("open SQLite")
}

mod blocking {
    use super::fresh;
    cqnet_store::statistics_conformance_tests!(fresh);
}

mod nonblocking {
    use super::fresh;
    cqnet_store::async_statistics_conformance_tests!(|| fresh().into_async());
}

/// Every blocking case on the async form too (SQLite on tokio's blocking pool), through a
/// blocking view of it.
mod nonblocking_every_case {
    use super::fresh;
    cqnet_store::statistics_conformance_tests!(|| cqnet_store::testing::BlockOn::new(
        || fresh().into_async()
    ));
}
