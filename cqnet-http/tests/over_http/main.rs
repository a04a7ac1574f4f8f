//! The router over real HTTP: a server on 127.0.0.1:0 per test and a `reqwest` client, on the
//! memory, SQLite and PostgreSQL stores. One test binary for all of them, so that the HTTP stack
//! is linked once.

#![allow(clippy::unwrap_used)]

mod support;

// The fresh PostgreSQL schemas of the adapters' tests, one per case.
#[path = "../../../cqnet-adapters/tests/pg_schema/mod.rs"]
mod pg_schema;

mod batch;
mod cancellation;
mod cases;
mod certificates;
mod credentials;
mod designation;
mod exam;
mod idempotency;
mod limits;
mod lists;
mod openapi;
mod problem_types_documented;
mod rush;
mod search;
mod setup;
mod shape;
mod stateless;
mod statistics;
mod training;
mod what_if;
mod work_study;
mod work_study_contract_changes;
mod work_study_lists;
mod work_study_measures;
mod work_study_programmes;
