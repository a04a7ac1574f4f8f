//! The wire shapes of the course designation cycle's values (과정 지정), for the document only,
//! as `schemas.rs` holds those of the other services: each mirrors the serde form of a value of
//! `cqnet_core` or `cqnet_store::designation`; the tests check the document against what the
//! routes really answer.

// These types describe the wire and are never built.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use utoipa::ToSchema;
use uuid::Uuid;

use super::schemas::{
    Actor, Decimal, QualificationCode, ReasonShape, StandardVersion, TimeWindow, UnitCode, Version,
};

/// A screening stage's pass criterion: a score at least `min` (이상), or a rank of at most
/// `max_rank` among the stage's applicants (ties share a rank).
#[derive(ToSchema)]
#[serde(tag = "criterion", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Criterion {
    /// Passes with a score at least `min`.
    Score {
        /// The lowest passing score, 0 to 100.
        min: Decimal,
    },
    /// Passes with a rank of at most `max_rank`.
    Rank {
        /// The lowest passing rank, at least 1.
        max_rank: u32,
    },
}

/// A qualification a call covers, with each screening stage's criterion.
#[derive(ToSchema)]
pub(crate) struct CallQualification {
    qualification: QualificationCode,
    document: Criterion,
    on_site: Criterion,
}

/// A yearly call (모집공고) as opened.
#[derive(ToSchema)]
pub(crate) struct DesignationCall {
    id: Uuid,
    year: i32,
    window: TimeWindow,
    announced_on: NaiveDate,
    qualifications: Vec<CallQualification>,
}

/// A call with its version.
#[derive(ToSchema)]
pub(crate) struct VersionedDesignationCall {
    /// The call.
    value: DesignationCall,
    /// Its version.
    version: Version,
}

/// A unit of a course plan with its hours.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlannedUnit {
    /// The competency unit (능력단위), one of the standard's.
    code: UnitCode,
    /// Its hours, more than 0.
    hours: Decimal,
}

/// A facility of a course plan (시설).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlannedFacility {
    /// The facility's name, as in the standard.
    name: String,
    /// Its area in square metres.
    area: Decimal,
}

/// Equipment of a course plan (장비).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlannedEquipment {
    /// The item, as in the standard.
    name: String,
    /// How many.
    quantity: u64,
}

/// A course plan (교육훈련과정 편성), checked against its curriculum standard by the core.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CoursePlan {
    /// The seats (정원), at least 1.
    #[schema(minimum = 1)]
    capacity: u32,
    /// 직업기초능력: the foundational hours (default 0).
    foundational_hours: Option<Decimal>,
    /// The units, at least one.
    units: Vec<PlannedUnit>,
    /// The facilities.
    facilities: Option<Vec<PlannedFacility>>,
    /// The equipment.
    equipment: Option<Vec<PlannedEquipment>>,
}

/// A kind of teacher of 시행령 제12조의3제1항.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TeacherKind {
    /// 교원 (a school teacher).
    SchoolTeacher,
    /// 산학겸임교사 (an industry adjunct teacher).
    IndustryAdjunctTeacher,
    /// 대학 교원 (a university teacher).
    UniversityTeacher,
    /// 직업능력개발훈련교사 (a vocational training teacher).
    VocationalTrainingTeacher,
    /// 평생직업교육학원 강사 (a lecturer of a lifelong vocational education academy).
    AcademyLecturer,
    /// 평생교육사 (a lifelong educator).
    LifelongEducator,
    /// 전문성을 인정하는 사람 (a person the minister recognises as an expert).
    RecognisedExpert,
}

/// A teacher of an application.
#[derive(ToSchema)]
pub(crate) struct Teacher {
    person: String,
    kinds: Vec<TeacherKind>,
}

/// An application (지정신청) as filed.
#[derive(ToSchema)]
pub(crate) struct CourseApplication {
    id: Uuid,
    call: Uuid,
    institution: Uuid,
    qualification: QualificationCode,
    standard_version: StandardVersion,
    plan: CoursePlan,
    teachers: Vec<Teacher>,
    evaluation_rounds: u8,
    training_start: NaiveDate,
    training_end: NaiveDate,
}

/// How an operation check was made.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CheckMethod {
    /// Through the computer system (전산).
    System,
    /// On documents (서면).
    Documents,
    /// On site (현장).
    OnSite,
}

/// A ground of a measure (법 제24조의5).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Ground {
    /// Designated by fraud (거짓이나 부정한 방법으로 지정).
    FraudulentDesignation,
    /// The designation criteria no longer met (지정기준 미충족).
    CriteriaNotMet,
    /// Run otherwise than designated (지정 내용과 다르게 운영).
    RunDifferently,
    /// Completion given by fraud (거짓 이수 처리).
    FraudulentCompletion,
    /// Wage arrears or an industrial accident (learning companies).
    WageArrearsOrAccident,
}

/// A measure (행정처분).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Measure {
    /// 시정명령.
    CorrectiveOrder,
    /// 지정취소, after a hearing (청문).
    Cancellation,
    /// 지정의 효력 정지 (learning companies).
    Suspension,
}

/// The core's check of a plan against its standard (편성기준 적합).
#[derive(ToSchema)]
pub(crate) struct DesignationCheck {
    meets_standard: bool,
    reasons: Vec<ReasonShape>,
}

/// A screening stage's outcome for one application, as the core decided it.
#[derive(ToSchema)]
pub(crate) struct StageResult {
    score: Decimal,
    decided_on: NaiveDate,
    passed: bool,
    reasons: Vec<ReasonShape>,
    /// The rule pack and date used.
    rules: serde_json::Value,
}

/// A fact as recorded: by whom and when.
#[derive(ToSchema)]
pub(crate) struct RecordedFact {
    /// The fact.
    fact: serde_json::Value,
    by: Actor,
    at: DateTime<Utc>,
}

/// The course an application became.
#[derive(ToSchema)]
pub(crate) struct CourseDesignation {
    course: Uuid,
    designated_on: NaiveDate,
}

/// A measure as taken.
#[derive(ToSchema)]
pub(crate) struct TakenCourseMeasure {
    /// The grounds and the measure.
    order: serde_json::Value,
    effective_on: NaiveDate,
    hearing_held_on: Option<NaiveDate>,
    mandatory_cancellation: bool,
    rules: serde_json::Value,
    by: Actor,
    at: DateTime<Utc>,
}

/// What a cancellation did to the course: the core's decision and the trainees it concerns.
#[derive(ToSchema)]
pub(crate) struct CancellationRecord {
    /// The core's decision: no new enrollment, the trainees' records kept and flagged.
    decision: serde_json::Value,
    trainees: u64,
}

/// Where an application stands: `filed`, `document_passed`, `document_failed`, `selected`,
/// `not_selected`, `approved`, `not_approved`, `designated`, or `cancelled` with `on`.
#[derive(ToSchema)]
pub(crate) struct CourseApplicationStatus {
    status: String,
    /// The day of the cancellation.
    on: Option<NaiveDate>,
}

/// An application with everything recorded about it.
#[derive(ToSchema)]
pub(crate) struct DesignationRecord {
    application: CourseApplication,
    filed_on: NaiveDate,
    filed_by: Actor,
    plan_check: DesignationCheck,
    document: Option<StageResult>,
    on_site: Option<StageResult>,
    deliberation: Option<RecordedFact>,
    designation: Option<CourseDesignation>,
    checks: Vec<RecordedFact>,
    hearings: Vec<RecordedFact>,
    measures: Vec<TakenCourseMeasure>,
    cancellation: Option<CancellationRecord>,
    status: CourseApplicationStatus,
}

/// An application's record with its version.
#[derive(ToSchema)]
pub(crate) struct VersionedDesignationRecord {
    /// The record.
    value: DesignationRecord,
    /// Its version.
    version: Version,
}

/// A calendar quarter (분기).
#[derive(ToSchema)]
pub(crate) struct Quarter {
    year: i32,
    /// 1 to 4.
    number: u32,
}

/// The core's decision on a course's operation checks (운영 확인, 시행령 제14조의4).
#[derive(ToSchema)]
pub(crate) struct QuarterlyChecks {
    /// No quarter of the run ended without its checks.
    kept: bool,
    /// The quarters that ended without their checks, in order.
    missing: Vec<Quarter>,
    /// The quarter still running, if the day is inside the run.
    running: Option<Quarter>,
    /// One `operation_check_missing` for each missing quarter.
    reasons: Vec<ReasonShape>,
    /// The rule pack and date used.
    rules: serde_json::Value,
}

/// A designated course run with the quarters of its run the core found missing on the list's
/// day (분기 운영 확인 점검, 시행령 제14조의4).
#[derive(ToSchema)]
pub(crate) struct CourseMissingChecks {
    /// The application whose course run was designated.
    application: Uuid,
    /// The call it answered.
    call: Uuid,
    /// The institution running the course.
    institution: Uuid,
    /// The qualification (종목) the course leads to.
    qualification: QualificationCode,
    /// The designated course of the training records.
    course: Uuid,
    /// The core's decision on the list's day: at least one quarter missing.
    decision: QuarterlyChecks,
}

/// A page of the oversight list, oldest missed quarter first, then by application.
#[derive(ToSchema)]
pub(crate) struct MissingOperationChecksPage {
    items: Vec<CourseMissingChecks>,
    /// The cursor of the next page, `null` on the last.
    next: Option<String>,
}
