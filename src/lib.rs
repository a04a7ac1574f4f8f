//! cqnet
