//! The wire shapes of the work-study records for the document only: a learning company
//! (학습기업), a company field teacher (기업현장교사), a learning-work contract (학습근로계약) and a
//! work-study programme (일학습병행과정), each with its version. Each names the members a client reads first; the record carries its
//! whole history beside them (reviews, decisions, hearings, measures; the changes and the
//! ledger of a contract), in the store's own serde form.

// These types describe the wire and are never built.
#![allow(dead_code)]

use chrono::NaiveDate;
use utoipa::ToSchema;
use uuid::Uuid;

use super::schemas::Version;

/// Where a record stands, as `{"status": "..."}` with the days of a suspension or an end.
#[derive(ToSchema)]
pub(crate) struct StatusTag {
    /// `applied`, `refused`, `designated`, `suspended`, `cancelled` for a company; `active`,
    /// `passed`, `terminated` for a contract.
    status: String,
}

/// A learning company (학습기업).
#[derive(ToSchema)]
pub(crate) struct LearningCompanyRecord {
    /// The company.
    company: Uuid,
    /// The day the application was filed.
    filed_on: NaiveDate,
    /// Where it stands.
    status: StatusTag,
    /// The day of the designation, once designated.
    designated_on: Option<NaiveDate>,
    /// Every decision on the designation, with the core's reasons, in order.
    decisions: Vec<serde_json::Value>,
}

/// A learning company with its version.
#[derive(ToSchema)]
pub(crate) struct VersionedLearningCompany {
    /// The company.
    value: LearningCompanyRecord,
    /// Its version.
    version: Version,
}

/// A company field teacher (기업현장교사).
#[derive(ToSchema)]
pub(crate) struct FieldTeacherRecord {
    /// The person.
    teacher: String,
    /// The learning company they belong to.
    company: Uuid,
    /// The day they were registered.
    registered_on: NaiveDate,
    /// The routes of 시행령 제9조제1항 that qualify them.
    routes: Vec<String>,
}

/// A field teacher with their version.
#[derive(ToSchema)]
pub(crate) struct VersionedFieldTeacher {
    /// The teacher.
    value: FieldTeacherRecord,
    /// Their version.
    version: Version,
}

/// A learning-work contract (학습근로계약).
#[derive(ToSchema)]
pub(crate) struct LearningContractRecord {
    /// The contract.
    contract: Uuid,
    /// The learner.
    learner: String,
    /// The learner's name (성명) as the contract writes it, if it was given: what a
    /// certificate of their pass prints.
    learner_name: Option<String>,
    /// The company it binds now.
    company: Uuid,
    /// The day it was recorded.
    concluded_on: NaiveDate,
    /// The day after its last day now.
    ends_on: NaiveDate,
    /// Where it stands.
    status: StatusTag,
    /// The ledger of OJT and Off-JT days, in the order recorded.
    days: Vec<serde_json::Value>,
    /// The programme its internal evaluations belong to, from the first one.
    programme: Option<Uuid>,
    /// The internal evaluations (내부평가), each with whether the core passed it.
    evaluations: Vec<serde_json::Value>,
    /// The completion certificate (이수증명서), once issued.
    completion: Option<serde_json::Value>,
    /// The external evaluations (외부평가) sat, each with the core's pass on it.
    external_results: Vec<serde_json::Value>,
    /// The partial completion certificate (시행규칙 제8조) of a learner who left early, once
    /// issued.
    partial_certificate: Option<serde_json::Value>,
}

/// A contract with its version.
#[derive(ToSchema)]
pub(crate) struct VersionedLearningContract {
    /// The contract.
    value: LearningContractRecord,
    /// Its version.
    version: Version,
}

/// An approved work-study programme (일학습병행과정).
#[derive(ToSchema)]
pub(crate) struct ProgrammeRecord {
    /// The programme.
    programme: Uuid,
    /// The learning company that runs it.
    company: Uuid,
    /// The work-study qualification (`{직종}_L{n}`) it leads to, a code of the catalog, if the
    /// application named one.
    qualification: Option<String>,
    /// The occupation's training standard (교육훈련기준) it was approved against.
    standard: serde_json::Value,
    /// The programme: its months, units and internal evaluation.
    plan: serde_json::Value,
    /// The day it was approved.
    approved_on: NaiveDate,
}

/// A programme with its version.
#[derive(ToSchema)]
pub(crate) struct VersionedProgramme {
    /// The programme.
    value: ProgrammeRecord,
    /// Its version.
    version: Version,
}
