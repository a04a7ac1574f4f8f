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
