//! Reading populations from CSV files.
