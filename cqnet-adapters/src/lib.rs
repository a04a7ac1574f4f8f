//! cqnet-adapters
