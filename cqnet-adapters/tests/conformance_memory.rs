//! The conformance suite on the memory adapter.

use cqnet_adapters::memory::MemoryStore;

mod blocking {
    use super::MemoryStore;
    cqnet_store::conformance_tests!(MemoryStore::new);
}

mod nonblocking {
    use super::MemoryStore;
    cqnet_store::async_conformance_tests!(|| MemoryStore::new().into_async());
}

/// Every blocking case on the async form too, through a blocking view of it.
mod nonblocking_every_case {
    use super::MemoryStore;
    cqnet_store::conformance_tests!(|| cqnet_store::testing::BlockOn::new(
        || MemoryStore::new().into_async()
    ));
}
