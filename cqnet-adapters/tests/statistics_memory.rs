//! The statistics conformance suite on the memory store.

mod blocking {
    cqnet_store::statistics_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
}

mod nonblocking {
    cqnet_store::async_statistics_conformance_tests!(
        || cqnet_adapters::memory::MemoryStore::new().into_async()
    );
}

/// Every blocking case on the async form too, through a blocking view of it.
mod nonblocking_every_case {
    cqnet_store::statistics_conformance_tests!(|| cqnet_store::testing::BlockOn::new(|| {
        cqnet_adapters::memory::MemoryStore::new().into_async()
    }));
}
