//! The wire shapes of the domain's values, for the document only: the values themselves live in
//! cqnet-core and cqnet-store, which know nothing of OpenAPI, and are read and written by their
//! own serde forms. Each type here mirrors one of those forms; the tests check the document
//! against what the router really answers.

// These types describe the wire and are never built.
#![allow(dead_code)]

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use utoipa::openapi::schema::{
    KnownFormat, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat, Type,
};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};
use uuid::Uuid;

/// A string of a given shape, with an example.
fn text(description: &str, pattern: &str, example: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .pattern(Some(pattern))
        .examples([example])
        .into()
}

/// A schema type of the document written by hand: its name, and its schema.
macro_rules! by_hand {
    ($(#[$doc:meta])* $name:ident => $schema:expr) => {
        $(#[$doc])*
        pub(crate) struct $name;

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                $schema
            }
        }

        impl ToSchema for $name {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }
        }
    };
}

by_hand! {
    /// An exact decimal (hours, scores): a string or a whole number, never a float.
    Decimal => OneOfBuilder::new()
        .description(Some(
            "An exact decimal: a string (\"87.5\") or a whole number (8), never a float such as 87.5",
        ))
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^[0-9]+(\.[0-9]+)?$")),
        )
        .item(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0)))
        .examples([serde_json::json!("87.5"), serde_json::json!(8)])
        .into()
}

by_hand! {
    /// A competency unit's code (능력단위 코드).
    UnitCode => text(
        "A competency unit's code (능력단위 코드): 1 to 40 ASCII letters, digits or punctuation, without blanks",
        r"^[!-~]{1,40}$",
        "1501020207_14v2",
    )
}

by_hand! {
    /// A qualification's code (종목 코드).
    QualificationCode => text(
        "A qualification's code (종목 코드): 4 digits or upper-case letters",
        "^[0-9A-Z]{4}$",
        "2290",
    )
}

by_hand! {
    /// A round of external evaluation (외부평가 회차).
    RoundId => text(
        "A round (회차): year, system code and round from 01, joined by -",
        "^[0-9]{4}-(C1|C2|W1|W2|W3)-(0[1-9]|[1-9][0-9])$",
        "2026-C1-01",
    )
}

by_hand! {
    /// A venue's code (시험장 코드).
    VenueCode => text(
        "A venue's code (시험장 코드): 1 to 32 ASCII letters, digits, - or _",
        "^[A-Za-z0-9_-]{1,32}$",
        "seoul-01",
    )
}

by_hand! {
    /// An exam number (수험번호).
    ExamNumber => text(
        "An exam number (수험번호): YY, the system code, the 2-digit round and a 6-digit sequence",
        "^[0-9]{2}(C1|C2|W1|W2|W3)[0-9]{8}$",
        "26C101000001",
    )
}

by_hand! {
    /// A qualification number (자격번호).
    QualificationNumber => text(
        "A qualification number (자격번호): YY, a 9-digit serial and an upper-case check letter",
        "^[0-9]{11}[A-Z]$",
        "26000000123J",
    )
}

by_hand! {
    /// A certificate's management number (관리번호).
    ManagementNumber => text(
        "A management number (관리번호): the issue minute in KST, the office and a sequence from 000001",
        "^[0-9]{12}-[0-9]{2}-[0-9]{6}$",
        "202605011000-01-000001",
    )
}

by_hand! {
    /// A notebook's inner-page number (내지번호).
    InnerPageNumber => text(
        "An inner-page number (내지번호): 1 to 20 upper-case letters, digits or -",
        "^[A-Z0-9-]{1,20}$",
        "A1234567",
    )
}

by_hand! {
    /// A version of a record, from 1: named by a command that changes what that version holds.
    Version => ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(1))
        .description(Some("A record's version, from 1"))
        .examples([1])
        .into()
}

by_hand! {
    /// How many results a page of a list holds.
    PageSize => ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
        .minimum(Some(1))
        .maximum(Some(cqnet_store::search::MAX_PAGE_SIZE))
        .default(Some(serde_json::json!(cqnet_store::search::PageSize::default().get())))
        .description(Some(format!(
            "How many results a page holds: 1 to {max}, {default} when absent; 0 or more than {max} is 422 invalid-parameter",
            max = cqnet_store::search::MAX_PAGE_SIZE,
            default = cqnet_store::search::PageSize::default().get(),
        )))
        .examples([20])
        .into()
}

by_hand! {
    /// A ledger entry's position, from 1.
    Seq => ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(1))
        .description(Some("A ledger entry's position, from 1"))
        .examples([1])
        .into()
}

/// Who a learner is: a trainee (훈련생) of a 과정평가형 course, or a learning worker (학습근로자)
/// of 일학습병행 with the scheduled hours of their contract.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub(crate) enum LearnerKind {
    /// A trainee (훈련생).
    Trainee,
    /// A learning worker (학습근로자), employed by `company`.
    LearningWorker {
        /// The employing company (학습기업).
        company: Uuid,
        /// Scheduled on-the-job hours (OJT, 현장훈련).
        ojt_scheduled: Decimal,
        /// Scheduled off-the-job hours (Off-JT, 현장외훈련).
        off_jt_scheduled: Decimal,
    },
}

/// What attended hours count towards: a competency unit (능력단위), on-the-job training (OJT,
/// 현장훈련) or off-the-job training (Off-JT, 현장외훈련).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case", tag = "target", content = "unit")]
pub(crate) enum AttendanceTarget {
    /// A competency unit of a 과정평가형 course.
    Unit(UnitCode),
    /// On-the-job training of a learning worker.
    Ojt,
    /// Off-the-job training of a learning worker.
    OffJt,
}

/// The result of one internal evaluation (내부평가): a scored round of a 과정평가형 unit, or a
/// unit passed or failed (일학습병행).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum EvaluationResult {
    /// A scored round; `score` null when the learner was absent.
    Round {
        /// The round, from 1.
        #[schema(minimum = 1)]
        round: u8,
        /// The score, 0 to 100, or null when not taken.
        score: Option<Decimal>,
    },
    /// Passed or failed.
    Passed(bool),
}

/// The evaluation system of a round (시행 구분).
#[derive(ToSchema)]
pub(crate) enum SystemCode {
    /// 과정평가형, a regular round.
    C1,
    /// 과정평가형, an ad hoc round (수시).
    C2,
    /// 일학습병행, the first kind.
    W1,
    /// 일학습병행, the second kind.
    W2,
    /// 일학습병행, the third kind.
    W3,
}

/// A window of time between two instants with their offset.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimeWindow {
    /// When it opens.
    start: DateTime<FixedOffset>,
    /// When it closes, after it opens.
    end: DateTime<FixedOffset>,
}

/// The evaluation plan (시행계획) of one round.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExamPlan {
    /// The year of the plan (2015 to 2100).
    year: i32,
    /// The round within the year and system (회차), from 1.
    #[schema(minimum = 1)]
    round: u16,
    /// The system code.
    system: SystemCode,
    /// The qualifications (종목) the round covers: at least one, each once.
    qualifications: Vec<QualificationCode>,
    /// The application window (원서접수 기간), closing before the first evaluation day.
    application_window: TimeWindow,
    /// The first evaluation day (1차, written).
    first_day: NaiveDate,
    /// The second evaluation day (2차, practical), if separate.
    second_day: Option<NaiveDate>,
    /// When results are announced (합격자발표).
    announcement: DateTime<FixedOffset>,
    /// When the plan was published, before the window opens.
    published_on: NaiveDate,
}

/// The pass or fail of one unit in a 일학습병행 external evaluation.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitResult {
    /// The unit, where the evaluation names one.
    code: Option<UnitCode>,
    /// Whether it was passed.
    passed: bool,
}

/// The marks of an external evaluation (외부평가): written (1차) and practical (2차) scores for
/// 과정평가형, pass or fail per unit for 일학습병행.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Marks {
    /// 과정평가형.
    CourseBased {
        /// 1차 (written), 0 to 100.
        written: Decimal,
        /// 2차 (practical), 0 to 100.
        practical: Decimal,
    },
    /// 일학습병행: at least one unit.
    WorkStudy {
        /// The units.
        units: Vec<UnitResult>,
    },
}

/// The form of a certificate: 수첩형 (notebook), 카드형 (card), 상장형 (certificate sheet),
/// 모바일형 (mobile). The Korean names are read too.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CertificateForm {
    /// 수첩형, with an inner-page number (내지번호).
    Notebook,
    /// 카드형.
    Card,
    /// 상장형, with a management number (관리번호).
    Certificate,
    /// 모바일형.
    Mobile,
}

/// What identifies the document in a 진위확인 besides its number and issue date.
#[derive(ToSchema)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub(crate) enum DocumentRef {
    /// The management number (관리번호) of a 상장형, card or mobile certificate.
    ManagementNumber(ManagementNumber),
    /// The inner-page number (내지번호) of a notebook.
    InnerPage(InnerPageNumber),
    /// Nothing more: only notebooks issued before inner-page numbers were recorded.
    None,
}

/// Who acted: a login and a role.
#[derive(ToSchema)]
pub(crate) struct Actor {
    /// The login.
    login: String,
    /// The role.
    role: Role,
}

/// A role: `agency`, `evaluator`, `institution_staff` of an institution, `learner` of an
/// enrollment, …
#[derive(ToSchema)]
pub(crate) struct Role {
    /// The role's name.
    role: String,
    /// The institution or enrollment the role is of, for the roles that have one.
    of: Option<Uuid>,
}

/// A person as enrolled.
#[derive(ToSchema)]
pub(crate) struct Person {
    /// The name.
    name: String,
    /// The date of birth.
    birth_date: NaiveDate,
    /// How to reach them.
    contact: String,
}

/// Whether an enrollment is running.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum EnrollmentStatus {
    /// Training (훈련 중).
    Active,
    /// Withdrawn (중도탈락).
    Withdrawn,
}

/// One person in one course.
#[derive(ToSchema)]
pub(crate) struct Enrollment {
    id: Uuid,
    course: Uuid,
    person: Person,
    kind: LearnerKind,
    enrolled_on: NaiveDate,
    status: EnrollmentStatus,
}

/// An enrollment with its version.
#[derive(ToSchema)]
pub(crate) struct VersionedEnrollment {
    /// The enrollment.
    value: Enrollment,
    /// Its version.
    version: Version,
}

/// An attendance fact (출결) of one enrollment.
#[derive(ToSchema)]
pub(crate) struct AttendanceRecord {
    enrollment: Uuid,
    target: AttendanceTarget,
    day: NaiveDate,
    hours: Decimal,
    corrects: Option<Seq>,
}

/// A committed attendance entry: the fact, its position, and who recorded it when.
#[derive(ToSchema)]
pub(crate) struct AttendanceEntry {
    seq: Seq,
    fact: AttendanceRecord,
    recorded_by: Actor,
    recorded_at: DateTime<Utc>,
}

/// An internal evaluation fact (내부평가) of one enrollment.
#[derive(ToSchema)]
pub(crate) struct EvaluationRecord {
    enrollment: Uuid,
    unit: UnitCode,
    result: EvaluationResult,
    corrects: Option<Seq>,
}

/// A committed evaluation entry.
#[derive(ToSchema)]
pub(crate) struct EvaluationEntry {
    seq: Seq,
    fact: EvaluationRecord,
    recorded_by: Actor,
    recorded_at: DateTime<Utc>,
}

// The wire shape of the core's `LegalBasis` (only cqnet-core builds one), named as it in the
// document.
/// The legal basis of a check: the citation and how sure it is.
#[derive(ToSchema)]
#[schema(as = LegalBasis)]
pub(crate) struct LegalBasisShape {
    /// The citation (법령, 조항).
    citation: String,
    /// `confirmed`, `secondary` or `assumption`.
    provenance: Provenance,
}

/// How sure a rule's value or basis is.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Provenance {
    /// Read in the legislation itself.
    Confirmed,
    /// Read in a secondary source.
    Secondary,
    /// Assumed, to be confirmed.
    Assumption,
}

/// A text in Korean and English.
#[derive(ToSchema)]
pub(crate) struct Message {
    /// Korean.
    ko: String,
    /// English.
    en: String,
}

/// A measured or required quantity of a reason: its kind (`percent`, `score`, `hours`,
/// `count`, `fraction`, …) and its value.
#[derive(ToSchema)]
pub(crate) struct Quantity {
    /// The kind of quantity.
    kind: String,
    /// The value: a decimal string, a count, or an object for a fraction.
    value: serde_json::Value,
}

// The wire shape of the core's `Reason` (only cqnet-core builds one), named as it in the
// document.
/// One check of a decision, passed or failed: the rule's code (the reason it gives when it
/// fails), what it is about, what was measured and required, and the legal basis.
#[derive(ToSchema)]
#[schema(as = Check)]
pub(crate) struct CheckShape {
    /// The stable code of the reason the check gives when it fails (`attendance_below_minimum`,
    /// …).
    code: String,
    /// What the check is about (a unit, a round, …), where it is about one thing.
    subject: Option<serde_json::Value>,
    /// What was measured.
    measured: Option<Quantity>,
    /// What was required.
    required: Option<Quantity>,
    /// The legal basis.
    legal_basis: LegalBasisShape,
}

/// One failing check of a decision: a stable code, what it is about, what was measured and
/// required, the legal basis, and a message in Korean and English.
#[derive(ToSchema)]
#[schema(as = Reason)]
pub(crate) struct ReasonShape {
    /// The stable code (`attendance_below_minimum`, …).
    code: String,
    /// What the check is about (a unit, a round, …), where it is about one thing.
    subject: Option<serde_json::Value>,
    /// What was measured.
    measured: Option<Quantity>,
    /// What was required.
    required: Option<Quantity>,
    /// The legal basis.
    legal_basis: LegalBasisShape,
    /// The message.
    message: Message,
}

/// An application (원서) as stored, with its exam number (수험번호) and fee.
#[derive(ToSchema)]
pub(crate) struct Application {
    id: Uuid,
    round: RoundId,
    candidate: Uuid,
    qualification: QualificationCode,
    venue: VenueCode,
    /// The fee in won.
    fee: serde_json::Value,
    number: ExamNumber,
    /// `active`, or `cancelled` with when, why and the refund (환불).
    status: ApplicationStatus,
    /// The fee's state: `unpaid`, `paid`, or `refunded` with the amount.
    payment: PaymentState,
    applied_at: DateTime<Utc>,
}

/// Whether an application stands.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ApplicationStatus {
    /// It stands.
    Active,
    /// Cancelled (접수 취소).
    Cancelled {
        /// When.
        at: DateTime<Utc>,
        /// Why.
        reason: CancelReason,
        /// The fee refunded, in won, as the core's refund decision gives it.
        #[schema(minimum = 0)]
        refund: u64,
    },
}

/// The state of an application's fee (응시수수료).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PaymentState {
    /// Not paid.
    Unpaid,
    /// Paid.
    Paid,
    /// Refunded after a cancellation.
    Refunded {
        /// The amount, in won.
        #[schema(minimum = 0)]
        amount: u64,
    },
}

/// Why an application is cancelled: the candidate's own reason, the agency's fault, or one of
/// the grounds of a full refund (hospital stay, infectious disease, bereavement, disaster).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CancelReason {
    /// The candidate's own reason.
    Personal,
    /// The agency's fault.
    AgencyFault,
    /// A stay in hospital.
    Hospitalized,
    /// An infectious disease.
    InfectiousDisease,
    /// A bereavement.
    Bereavement,
    /// A disaster.
    Disaster,
}

/// An application with its version.
#[derive(ToSchema)]
pub(crate) struct VersionedApplication {
    /// The application.
    value: Application,
    /// Its version.
    version: Version,
}

/// An issued certificate (자격증): its numbers, form, holder, qualification and dates.
#[derive(ToSchema)]
pub(crate) struct Certificate {
    /// The qualification number (자격번호).
    number: QualificationNumber,
    /// The management number (관리번호).
    management_number: ManagementNumber,
    /// The inner-page number (내지번호) of a notebook.
    inner_page_number: Option<InnerPageNumber>,
    /// The form.
    form: CertificateForm,
    /// `course_based` (과정평가형) or `work_study` (일학습병행).
    track: TrackName,
    /// The qualification (종목).
    qualification: QualificationCode,
    /// The holder as a party of the records.
    candidate: serde_json::Value,
    /// The holder's name as printed.
    holder: String,
    /// The holder's date of birth.
    birth_date: NaiveDate,
    /// The pass date.
    pass_date: NaiveDate,
    /// When it was issued.
    issued_at: DateTime<FixedOffset>,
    /// What the document states: the track's results.
    content: serde_json::Value,
    /// The management number of the document this one replaces, for a reissue.
    supersedes: Option<ManagementNumber>,
    /// Why it was reissued, for a reissue.
    reissue_reason: Option<serde_json::Value>,
}

/// The outcome of a 진위확인.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum VerificationStatus {
    /// Genuine and in force.
    Valid,
    /// Genuine, but a reissue replaced it.
    Superseded,
    /// The qualification was cancelled.
    Revoked,
    /// Nothing matches: said the same way whatever was wrong.
    NoMatch,
}

/// What a 진위확인 discloses about a matched document: nothing beyond these.
#[derive(ToSchema)]
pub(crate) struct Disclosure {
    /// The holder's name (masked for a confirmation document).
    holder_name: String,
    /// The qualification's name.
    qualification_name: String,
    /// The pass date.
    pass_date: NaiveDate,
    /// The document's issue date.
    issue_date: NaiveDate,
}

/// The answer to a 진위확인.
#[derive(ToSchema)]
#[schema(examples(json!({
    "status": "no_match",
    "disclosure": null,
    "message": {
        "ko": "입력한 정보와 일치하고 진위확인 기간 안에 있는 문서가 없습니다",
        "en": "no document within its verification period matches the details given"
    }
})))]
pub(crate) struct VerificationAnswer {
    status: VerificationStatus,
    disclosure: Option<Disclosure>,
    message: Message,
}

by_hand! {
    /// A case kind's input: the `input` of a case file of that kind.
    EvaluateInput => ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "A case's input: the fields of its kind (see case-format.md and docs/case-kinds.md); decimals as strings or whole numbers",
        ))
        .into()
}

by_hand! {
    /// A case kind's answer: every field its `expect` may name, with the reasons in full.
    EvaluateAnswer => ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "Every field the kind's expect may name (decimals as strings), and `reasons`: each failing check with its code, subject, measured and required quantities, legal basis and message in Korean and English; with explain=true, `trace`",
        ))
        .property("trace", Ref::from_schema_name("Trace"))
        .into()
}

/// One line of a batch's answer: the candidate's line in the body, and its decision or the
/// problem of that line.
#[derive(ToSchema)]
#[schema(examples(
    json!({"line": 2, "candidate": "c-001", "decision": {"completed": true, "eligible_for_external": true, "internal_score": "85", "external_score": "86", "final_score": "85.5", "passed": true, "reasons": []}}),
    json!({"line": 3, "candidate": "c-002", "column": "attended_hours", "problem": {"type": "https://github.com/cqnet/cqnet/blob/main/docs/http.md#invalid-row", "status": 422, "title": "Unprocessable Entity", "detail": "hours \"forty\" is malformed: a plain decimal number such as 87.5"}})
))]
pub(crate) struct BatchLine {
    /// The line of the body, from 1: the NDJSON line, or the first row of a CSV candidate
    /// (the header is line 1).
    #[schema(minimum = 1)]
    line: u64,
    /// The candidate's id, where the body names one (CSV).
    #[schema(nullable = false)]
    candidate: Option<String>,
    /// What `POST /v1/evaluate/{kind}` answers for the candidate.
    #[schema(nullable = false)]
    decision: Option<EvaluateAnswer>,
    /// The CSV column to blame, where one is.
    #[schema(nullable = false)]
    column: Option<CsvColumn>,
    /// The problem of this line alone: what the single route would answer for it
    /// (`malformed-json`, `malformed-input`, `invalid-input`), or `invalid-row` for a CSV row.
    #[schema(nullable = false, value_type = Option<crate::problem::ProblemJson<'static>>)]
    problem: Option<()>,
}

/// A column of the course-based population schema (cqnet-analytics, `docs/analytics.md`).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CsvColumn {
    /// The candidate's id.
    Candidate,
    /// The unit's NCS code (능력단위 코드).
    UnitCode,
    /// The unit course (단위과정).
    UnitCourse,
    /// Scheduled hours (편성 시간).
    ScheduledHours,
    /// Attended hours (출석 시간).
    AttendedHours,
    /// The internal evaluation rounds' scores.
    Rounds,
    /// The written part (1차) of the external evaluation.
    Written,
    /// The practical part (2차).
    Practical,
    /// The qualification (종목).
    Qualification,
}

/// Where a candidate stands in a what-if.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum OutcomeClassName {
    /// Did not complete (미이수).
    NotCompleted,
    /// Completed, the external evaluation not taken yet.
    Pending,
    /// Passed (합격).
    Passed,
    /// Took the external evaluation and failed (불합격).
    Failed,
}

/// Where a job stands.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum JobStatusName {
    /// Still running.
    Running,
    /// Finished, with its result.
    Done,
    /// Finished without a result, with its problem.
    Failed,
}

/// Why a decision used the values of its date: the day of the evaluation, or the day the
/// cohort started (경과조치, a transitional provision).
#[derive(ToSchema)]
#[schema(as = RuleDate)]
pub(crate) struct RuleDateShape {
    /// `evaluated_on` or `cohort_started_on`.
    basis: RuleDateBasis,
    /// The day.
    date: NaiveDate,
}

/// What picked a decision's date.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RuleDateBasis {
    /// The day of the evaluation or decision.
    EvaluatedOn,
    /// The day the cohort's course started.
    CohortStartedOn,
}

/// The outcome of a check in a trace: `passed`, or `failed`, a reason the core reported.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CheckOutcome {
    /// The check passed.
    Passed,
    /// The check failed: the core reported it as a reason.
    Failed,
}

by_hand! {
    /// An OpenAPI 3.1 document.
    OpenApiDocument => ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some("An OpenAPI 3.1 document"))
        .property("openapi", ObjectBuilder::new().schema_type(Type::String).pattern(Some(r"^3\.1\.[0-9]+$")))
        .required("openapi")
        .into()
}

/// The track a completion decision is of.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TrackName {
    /// 과정평가형.
    CourseBased,
    /// 일학습병행.
    WorkStudy,
}

/// The core's completion decision: the rules used, every measured figure, and each failing
/// check as a reason.
#[derive(ToSchema)]
pub(crate) struct Decision {
    /// Each failing check, with its legal basis.
    reasons: Vec<ReasonShape>,
}

by_hand! {
    /// Search text (검색어).
    SearchText => ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(format!(
            "1 to {} visible characters, trimmed; a control, bidirectional or zero-width character is 422 invalid-parameter",
            cqnet_store::search::SEARCH_TEXT_MAX_CHARS
        )))
        .min_length(Some(1))
        .examples(["용접"])
        .into()
}

by_hand! {
    /// An NCS classification (NCS 분류).
    NcsClassification => text(
        "An NCS classification: 2, 4, 6 or 8 digits (대분류, 중분류, 소분류, 세분류)",
        "^([0-9]{2}){1,4}$",
        "15010202",
    )
}

by_hand! {
    /// A 시도 code.
    SidoCode => text(
        "A 시도 by its two-digit administrative code (11 서울 … 52 전북특별자치도; the former 42 and 45 read as 51 and 52)",
        "^[0-9]{2}$",
        "11",
    )
}

by_hand! {
    /// A 시군구 code.
    SigunguCode => text(
        "A 시군구 by its five-digit administrative code, starting with its 시도's",
        "^[0-9]{5}$",
        "11680",
    )
}

by_hand! {
    /// A curriculum standard's version (편성기준 버전).
    StandardVersion => ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some("A curriculum standard's version (편성기준 버전)"))
        .examples(["v2.0"])
        .into()
}

/// The grade (등급) of a national technical qualification. The Korean names are read too.
// The names are the wire's (`single_grade`).
#[allow(clippy::enum_variant_names)]
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Grade {
    /// 기술사.
    ProfessionalEngineer,
    /// 기능장.
    MasterCraftsman,
    /// 기사.
    Engineer,
    /// 산업기사.
    IndustrialEngineer,
    /// 기능사.
    Craftsman,
    /// 1급.
    FirstClass,
    /// 2급.
    SecondClass,
    /// 3급.
    ThirdClass,
    /// 단일등급.
    SingleGrade,
}

/// The level of a qualification: its grade (등급), or the NCS level (수준, 1 to 8) of a
/// work-study qualification.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum QualificationLevel {
    /// A grade.
    Grade(Grade),
    /// An NCS level, 1 to 8.
    Ncs(u8),
}

/// A qualification of the catalog (종목).
#[derive(ToSchema)]
pub(crate) struct Qualification {
    /// Its code.
    code: QualificationCode,
    /// Its name.
    name: String,
    /// Its grade or NCS level.
    level: QualificationLevel,
    /// Its track.
    track: TrackName,
    /// Its job field (직무분야).
    field: String,
    /// Its NCS classification, where recorded.
    #[schema(nullable = false)]
    ncs_class: Option<NcsClassification>,
}

/// An institution's type (기관 유형): one of CQ-Net's operating kinds, or one of the six legal
/// types of 국가기술자격법 제10조제1항.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum InstitutionType {
    /// 4년제 대학.
    University,
    /// 전문대학.
    JuniorCollege,
    /// 폴리텍.
    Polytechnic,
    /// 특성화고·마이스터고.
    VocationalHighSchool,
    /// 군.
    Military,
    /// 직업훈련기관.
    JobTrainingInstitution,
    /// 공공기관.
    PublicInstitution,
    /// 초·중등교육법의 학교.
    SecondarySchool,
    /// 고등교육법의 학교.
    HigherEducation,
    /// 직업능력개발훈련시설.
    VocationalTrainingFacility,
    /// 인정 훈련기관.
    ApprovedTrainingBody,
    /// 평생직업교육학원.
    LifelongVocationalAcademy,
    /// 평생교육시설.
    LifelongEducationInstitution,
}

/// Whether an institution trains (교육·훈련기관) or employs (기업).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum InstitutionKind {
    /// A training institution.
    TrainingInstitution,
    /// A company.
    Company,
}

/// A region: a 시도 and, optionally, a 시군구 inside it.
#[derive(ToSchema)]
pub(crate) struct Region {
    /// The 시도.
    sido: SidoCode,
    /// The 시군구.
    sigungu: Option<SigunguCode>,
}

/// An institution (교육·훈련기관).
#[derive(ToSchema)]
pub(crate) struct Institution {
    /// Its identifier.
    id: Uuid,
    /// Its name.
    name: String,
    /// Whether it trains or employs.
    kind: InstitutionKind,
    /// Its type, where recorded.
    #[schema(nullable = false)]
    institution_type: Option<InstitutionType>,
    /// Its region, where recorded.
    #[schema(nullable = false)]
    region: Option<Region>,
}

/// A course's designation status.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DesignationStatus {
    /// Applied for (신청).
    Applied,
    /// Designated (지정).
    Designated,
    /// Suspended (정지).
    Suspended,
    /// Revoked (취소).
    Revoked,
}

/// A course's designation (지정) and its period.
#[derive(ToSchema)]
pub(crate) struct Designation {
    status: DesignationStatus,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
}

/// A competency unit (능력단위) of a course: its scheduled hours and internal evaluation rounds.
#[derive(ToSchema)]
pub(crate) struct CourseUnit {
    code: UnitCode,
    scheduled: Decimal,
    #[schema(minimum = 1)]
    rounds: u8,
}

/// A course (훈련과정).
#[derive(ToSchema)]
pub(crate) struct Course {
    id: Uuid,
    institution: Uuid,
    qualification: QualificationCode,
    standard_version: StandardVersion,
    track: TrackName,
    start: NaiveDate,
    end: NaiveDate,
    capacity: u32,
    units: Vec<CourseUnit>,
    designation: Designation,
}

/// A course's status on a day: 모집중, 훈련중, 종료.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CourseStatus {
    /// 모집중: its first day is ahead.
    OpenForEnrollment,
    /// 훈련중: running.
    Running,
    /// 종료: its last day is past.
    Finished,
}

/// How courses are sorted.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CourseSort {
    /// By start date.
    StartDate,
    /// By the qualification's name.
    Name,
}

/// A course found, with its qualification's and institution's names, its seats left and its
/// status.
#[derive(ToSchema)]
pub(crate) struct CourseHit {
    course: Course,
    qualification_name: String,
    institution_name: String,
    seats_left: u32,
    status: CourseStatus,
}

/// A page of qualifications.
#[derive(ToSchema)]
pub(crate) struct QualificationPage {
    items: Vec<Qualification>,
    /// The cursor of the next page, `null` on the last.
    next: Option<String>,
}

/// A page of institutions.
#[derive(ToSchema)]
pub(crate) struct InstitutionPage {
    items: Vec<Institution>,
    /// The cursor of the next page, `null` on the last.
    next: Option<String>,
}

/// A page of courses.
#[derive(ToSchema)]
pub(crate) struct CoursePage {
    items: Vec<CourseHit>,
    /// The cursor of the next page, `null` on the last.
    next: Option<String>,
}

by_hand! {
    /// A confirmation document's number (확인번호).
    ConfirmationNumber => text(
        "A confirmation document's number: HRD-, its issue instant to the second in KST, - and a 5-digit sequence",
        "^HRD-[0-9]{14}-[0-9]{5}$",
        "HRD-20260601093000-00007",
    )
}

by_hand! {
    /// A confirmation document's check code (확인코드).
    ConfirmationCode => text(
        "A check code: four groups of four digits and upper-case letters but I, L, O and U",
        "^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$",
        "7K2M-9QXA-4RTV-0HJP",
    )
}

/// Why a certificate is reissued (재발급 사유).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ReissueReason {
    /// 분실.
    Lost,
    /// 훼손.
    Damaged,
    /// 기재사항 변경.
    DetailsChanged,
}

/// Why a qualification is cancelled (자격 취소 사유).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RevocationReason {
    /// 거짓이나 부정한 방법으로 취득.
    Fraud,
    /// 자격증 대여.
    Lending,
}

/// A licence a qualification leads to, and who grants it.
#[derive(ToSchema)]
pub(crate) struct LicenceInfo {
    licence: Message,
    authority: Message,
    basis: LegalBasisShape,
}

/// A certificate as its holder or the agency reads it: the document, the qualification's name,
/// its issue date, and the licence it leads to.
#[derive(ToSchema)]
pub(crate) struct CertificateView {
    certificate: Certificate,
    qualification_name: String,
    issue_date: NaiveDate,
    licence: Option<LicenceInfo>,
}

/// A qualification's cancellation (자격 취소): when, why, by whom, after which hearing, on what
/// legal basis.
#[derive(ToSchema)]
pub(crate) struct Revocation {
    at: DateTime<FixedOffset>,
    reason: RevocationReason,
    /// Who decided, as a party of the records (`{"agency": "hrdk-admin"}`).
    by: serde_json::Value,
    hearing_held_on: NaiveDate,
    note: Option<String>,
    basis: LegalBasisShape,
}

/// A qualification held: its number, every document issued for it, and its cancellation.
#[derive(ToSchema)]
pub(crate) struct QualificationRecord {
    number: QualificationNumber,
    track: TrackName,
    issues: Vec<Certificate>,
    revocation: Option<Revocation>,
}

/// A confirmation document (자격취득사실 확인서): its number, the holder and the qualification.
#[derive(ToSchema)]
pub(crate) struct ConfirmationDocument {
    number: ConfirmationNumber,
    qualification_number: QualificationNumber,
    holder: String,
    qualification_name: String,
    pass_date: NaiveDate,
}

/// A confirmation document issued, with the check code printed on it.
#[derive(ToSchema)]
pub(crate) struct IssuedConfirmation {
    document: ConfirmationDocument,
    check_code: ConfirmationCode,
}

/// Whether a competency unit of a standard is mandatory (필수) or elective (선택).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum UnitKind {
    /// 필수능력단위.
    Mandatory,
    /// 선택능력단위.
    Elective,
}

/// A competency unit (능력단위) of a curriculum standard, with its minimum hours.
#[derive(ToSchema)]
pub(crate) struct StandardUnit {
    code: UnitCode,
    name: Option<String>,
    kind: UnitKind,
    min_hours: Decimal,
    evaluation_method: Option<String>,
}

/// A curriculum standard (편성기준): its hours, which must add up, its units, facilities and
/// equipment, and its own exam standard where it has one.
#[derive(ToSchema)]
pub(crate) struct CurriculumStandard {
    /// The qualification's code, if stated (it must be the path's).
    qualification: Option<QualificationCode>,
    /// The version, if stated.
    version: Option<String>,
    /// 교육훈련기준시간 합계: the total hours.
    total_hours: Decimal,
    /// 직업기초능력: the foundational hours, if stated.
    foundational_hours: Option<Decimal>,
    /// 필수능력단위: the mandatory units' hours, if stated.
    mandatory_hours: Option<Decimal>,
    /// 선택능력단위: the elective units' hours.
    elective_hours: Option<Decimal>,
    /// The units, at least one.
    units: Vec<StandardUnit>,
    /// The facilities (시설), each `{"name", "area", …}` as `docs/case-kinds.md` writes them.
    facilities: Option<Vec<serde_json::Value>>,
    /// The equipment (장비).
    equipment: Option<Vec<serde_json::Value>>,
    /// The qualification's own exam standard (weights, pass marks), where it has one.
    exam: Option<serde_json::Value>,
}

by_hand! {
    /// A signed credential: Open Badges 3.0 in a W3C Verifiable Credential 2.0.
    Credential => ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "An Open Badges 3.0 credential in a W3C Verifiable Credential 2.0, signed with eddsa-jcs-2022 (its `proof`); checked offline with the issuer's public key",
        ))
        .property("@context", ObjectBuilder::new().schema_type(Type::Array))
        .property("type", ObjectBuilder::new().schema_type(Type::Array))
        .property("issuer", ObjectBuilder::new().schema_type(Type::Object))
        .property("credentialSubject", ObjectBuilder::new().schema_type(Type::Object))
        .property("proof", ObjectBuilder::new().schema_type(Type::Object))
        .required("@context")
        .required("proof")
        .into()
}

/// A dimension of the statistics funnel.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DimensionName {
    /// 통계연도.
    Year,
    /// 등급.
    Grade,
    /// 종목.
    Qualification,
    /// 교육훈련기관 유형.
    InstitutionType,
    /// 성별.
    Gender,
    /// 직무분야.
    JobField,
}

/// The part of a round's marks a distribution counts.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ScorePartName {
    /// 1차 (written).
    Written,
    /// 2차 (practical).
    Practical,
}

/// One band of a score distribution: the scores from `from` (inclusive; `null` from zero) up
/// to `below` (exclusive; `null` up to and with 100).
#[derive(ToSchema)]
pub(crate) struct ScoreBand {
    /// The band's lowest score, inclusive; `null` for the first band.
    from: Option<Decimal>,
    /// The next band's lowest score; `null` for the last band.
    below: Option<Decimal>,
    /// The examinees whose score is in the band.
    count: u64,
}
