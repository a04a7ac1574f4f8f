//! What every adapter shares, so that each back end answers the same command alike: batch
//! checks and error shapes of the training ledgers, of the exam rounds and of the certificates.

pub(crate) mod certificate;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) mod constraint;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) mod designation;
pub(crate) mod exam;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) mod search;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) mod statistics;
pub(crate) mod training;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) mod work_study;
