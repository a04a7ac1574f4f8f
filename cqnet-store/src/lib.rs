//! cqnet-store
