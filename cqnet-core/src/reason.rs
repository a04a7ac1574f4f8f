//! Reasons: why a decision came out as it did, each with its legal basis, in Korean and English.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How sure the project is of a rule value or a citation.
///
/// # Example
/// ```
/// use cqnet_core::Provenance;
/// let p: Provenance = serde_json::from_str("\"assumption\"").unwrap();
/// assert_eq!(p, Provenance::Assumption);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Stated in a primary source: a statute, decree, ministerial rule or official API spec.
    Confirmed,
    /// Stated in secondary material (official-looking pages, institutions, news); likely right.
    Secondary,
    /// Not found in any source: a reasonable default the host should check and may overlay.
    Assumption,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Provenance::Confirmed => "confirmed",
            Provenance::Secondary => "secondary",
            Provenance::Assumption => "assumption",
        })
    }
}

/// The legal basis of a rule: a citation (statute and article, or the source that states it)
/// and how sure that citation is.
///
/// Only cqnet-core builds one, from the rule pack: every legal basis a decision cites is a
/// dated, referenced pack entry (a host cites its own by overlaying the pack).
///
/// # Example
/// ```
/// use cqnet_core::{rules::RulePack, Provenance};
/// let basis = RulePack::embedded().newest().work_study.attendance_min_percent.basis;
/// assert!(basis.citation().contains("제15조"));
/// assert_eq!(basis.provenance(), Provenance::Confirmed);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LegalBasis {
    citation: String,
    provenance: Provenance,
}

impl LegalBasis {
    /// A citation with its provenance (inside cqnet-core only: decisions cite pack entries).
    pub(crate) fn new(citation: impl Into<String>, provenance: Provenance) -> Self {
        LegalBasis {
            citation: citation.into(),
            provenance,
        }
    }

    /// The citation text.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::rules::RulePack;
    /// let basis = RulePack::embedded().newest().bases.results_final.basis;
    /// assert!(basis.citation().contains("결과 확정"));
    /// ```
    pub fn citation(&self) -> &str {
        &self.citation
    }

    /// How sure the citation is.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{rules::RulePack, Provenance};
    /// let basis = RulePack::embedded().newest().bases.export_in_force_only.basis;
    /// assert_eq!(basis.provenance(), Provenance::Assumption);
    /// ```
    pub fn provenance(&self) -> Provenance {
        self.provenance
    }
}

macro_rules! reason_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $ko:literal, $en:literal; )*) => {
        /// The stable code of a reason (`attendance_below_minimum`): what hosts match on.
        ///
        /// Codes never change meaning; new ones may be added.
        ///
        /// # Example
        /// ```
        /// use cqnet_core::ReasonCode;
        /// assert_eq!(ReasonCode::VenueFull.as_str(), "venue_full");
        /// assert_eq!("venue_full".parse::<ReasonCode>(), Ok(ReasonCode::VenueFull));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum ReasonCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ReasonCode {
            /// Every reason code, in declaration order.
            pub const ALL: &'static [ReasonCode] = &[ $( ReasonCode::$variant, )* ];

            /// The stable snake_case code.
            ///
            /// # Example
            /// ```
            /// # use cqnet_core::ReasonCode;
            /// assert_eq!(ReasonCode::AttendanceBelowMinimum.as_str(), "attendance_below_minimum");
            /// ```
            pub fn as_str(self) -> &'static str {
                match self { $( ReasonCode::$variant => $code, )* }
            }

            /// A short title in Korean.
            ///
            /// # Example
            /// ```
            /// # use cqnet_core::ReasonCode;
            /// assert_eq!(ReasonCode::VenueFull.title_ko(), "시험장 정원 마감");
            /// ```
            pub fn title_ko(self) -> &'static str {
                match self { $( ReasonCode::$variant => $ko, )* }
            }

            /// A short title in English.
            ///
            /// # Example
            /// ```
            /// # use cqnet_core::ReasonCode;
            /// assert_eq!(ReasonCode::VenueFull.title_en(), "venue full");
            /// ```
            pub fn title_en(self) -> &'static str {
                match self { $( ReasonCode::$variant => $en, )* }
            }
        }

        impl std::str::FromStr for ReasonCode {
            type Err = crate::InputError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $code => Ok(ReasonCode::$variant), )*
                    _ => Err(crate::InputError::Unknown {
                        what: "reason code",
                        value: crate::InputError::quoted(s),
                        expected: concat!($( $code, " " ),*),
                    }),
                }
            }
        }
    };
}

reason_codes! {
    /// 출석률 미달: attendance below the minimum (per unit for 과정평가형; OJT + Off-JT for 일학습병행).
    AttendanceBelowMinimum = "attendance_below_minimum", "출석률 미달", "attendance below minimum";
    // -- 단위과정 (unit course) attendance, 국가기술자격법 시행령 제14조의3
    /// 단위과정 출석률 미달: a unit course's attended hours, summed over its competency units,
    /// below the minimum (when the pack measures attendance per unit course).
    UnitCourseAttendanceBelowMinimum = "unit_course_attendance_below_minimum", "단위과정 출석률 미달", "unit course attendance below minimum";
    // -- end of the unit course block
    // -- 합격자 공고 기한, 국가기술자격법 시행령 제23조
    /// 합격자 공고 기한 경과: a 과정평가형 plan announces its passers later than the Decree allows.
    AnnouncementTooLate = "announcement_too_late", "합격자 공고 기한 경과", "passers announced too late";
    // -- end of the announcement block
    /// 내부평가 미응시: a competency unit whose internal evaluation was not (fully) taken.
    InternalEvaluationMissing = "internal_evaluation_missing", "내부평가 미응시", "internal evaluation missing";
    /// 내부평가 회차별 40점 미만: an internal evaluation round below the floor.
    InternalRoundBelowFloor = "internal_round_below_floor", "내부평가 회차 점수 기준 미달", "internal evaluation round below floor";
    /// 합격기준 미달: the weighted final score is below the pass average.
    FinalScoreBelowPassMark = "final_score_below_pass_mark", "합격기준 점수 미달", "final score below pass mark";
    /// 내부평가 능력단위 합격비율 미달 (일학습병행).
    InternalUnitPassRatioBelowMinimum = "internal_unit_pass_ratio_below_minimum", "내부평가 능력단위 합격비율 미달", "internal unit pass ratio below minimum";
    /// 외부평가 능력단위 합격비율 미달 (일학습병행).
    ExternalUnitPassRatioBelowMinimum = "external_unit_pass_ratio_below_minimum", "외부평가 능력단위 합격비율 미달", "external unit pass ratio below minimum";
    /// 원서접수 기간 외: the application was made outside the window.
    OutsideApplicationWindow = "outside_application_window", "원서접수 기간이 아님", "outside the application window";
    /// 응시자격 없음: the candidate is not eligible for the external evaluation.
    NotEligible = "not_eligible", "외부평가 응시자격 없음", "not eligible for the external evaluation";
    /// 지정(승인)되지 않은 과정: the course is not designated (work-study: programme not approved).
    CourseNotDesignated = "course_not_designated", "지정되지 않은 과정", "course not designated";
    /// 이미 합격: the candidate already passed (this qualification, or the external evaluation).
    AlreadyPassed = "already_passed", "이미 합격함", "already passed";
    /// 중복 접수: the candidate already has an application in this round.
    DuplicateApplication = "duplicate_application", "같은 회차 중복 접수", "duplicate application in this round";
    /// 시험장 정원 마감: no seat is left at the venue.
    VenueFull = "venue_full", "시험장 정원 마감", "venue full";
    /// 필수능력단위 누락: a mandatory unit of the standard is missing from the plan.
    MandatoryUnitMissing = "mandatory_unit_missing", "필수능력단위 누락", "mandatory unit missing";
    /// 편성기준에 없는 능력단위: a planned unit that the standard does not list.
    UnknownUnit = "unknown_unit", "편성기준에 없는 능력단위", "unit not in the standard";
    /// 능력단위 최소훈련시간 미달.
    UnitHoursBelowMinimum = "unit_hours_below_minimum", "능력단위 최소훈련시간 미달", "unit hours below minimum";
    /// 선택능력단위 기준시간 미달.
    ElectiveHoursBelowStandard = "elective_hours_below_standard", "선택능력단위 기준시간 미달", "elective hours below standard";
    /// 교육훈련 총 기준시간 미달.
    TotalHoursBelowStandard = "total_hours_below_standard", "총 교육훈련시간 미달", "total hours below standard";
    /// 시설기준 미충족: a facility of the standard is missing from the plan.
    FacilityMissing = "facility_missing", "시설 누락", "facility missing";
    /// 시설 면적 부족.
    FacilityAreaInsufficient = "facility_area_insufficient", "시설 면적 부족", "facility area insufficient";
    /// 장비기준 미충족: an item of equipment is missing or too few.
    EquipmentInsufficient = "equipment_insufficient", "장비 수량 부족", "equipment insufficient";
    /// 학습근로자의 요청 없음: the learner did not ask for the extension.
    NotRequestedByLearner = "not_requested_by_learner", "학습근로자의 연장 요청 없음", "not requested by the learner";
    /// 연장 횟수 초과 (2회).
    ExtensionCountExceeded = "extension_count_exceeded", "연장 횟수 초과", "extension count exceeded";
    /// 연장 기간 합계 초과 (1년).
    ExtensionTotalExceeded = "extension_total_exceeded", "연장 기간 합계 초과", "extension total exceeded";
    /// 학습근로계약 기간 초과 (2년).
    ContractTooLong = "contract_too_long", "학습근로계약 기간 초과", "learning contract too long";
    /// 시행계획 공고 기한 경과: a regular 일학습병행 plan published after 31 December of the year before.
    PlanPublishedLate = "plan_published_late", "시행계획 공고 기한 경과", "evaluation plan published late";
    /// 재응시 횟수 초과.
    RetakeLimitReached = "retake_limit_reached", "재응시 횟수 초과", "retake limit reached";
    /// 재응시 기간 경과.
    RetakeWindowClosed = "retake_window_closed", "재응시 가능 기간 경과", "retake window closed";
    /// 권한 없음: this actor may not take this action.
    NotPermitted = "not_permitted", "권한 없음", "not permitted";
    /// 본인 또는 소속 기관의 기록이 아님.
    NotOwnRecord = "not_own_record", "본인(소속 기관) 기록이 아님", "not the actor's own record";
    /// 합격자 발표 전.
    ResultsNotAnnounced = "results_not_announced", "합격자 발표 전", "results not announced yet";
    /// 자격 종목이 시행계획에 없음.
    QualificationNotInPlan = "qualification_not_in_plan", "시행계획에 없는 종목", "qualification not in the evaluation plan";
    /// 훈련 중이 아닌 등록: the enrollment is withdrawn (중도탈락), so its ledgers take no entry.
    EnrollmentNotActive = "enrollment_not_active", "훈련 중이 아닌 등록 (중도탈락)", "enrollment not active (withdrawn)";
    /// 1일 훈련시간 상한 초과: a learner's standing hours on one calendar day above the most
    /// the rule pack lets be recorded on a day.
    DailyHoursExceeded = "daily_hours_exceeded", "1일 훈련시간 상한 초과", "more hours on one day than may be recorded";
    /// 결과가 확정되어 변경 불가.
    ResultsFinalised = "results_finalised", "결과 확정 후 변경 불가", "results already finalised";
    /// 합격 미확정: the result is not finalised yet, or the pass takes effect after the issue date.
    PassNotFinalised = "pass_not_finalised", "합격 미확정", "pass not finalised";
    /// 불합격: the candidate did not pass, so no certificate (자격증) is issued.
    NotPassed = "not_passed", "합격하지 않음", "not passed";
    /// 발급할 수 없는 자격증 형태: the track's rules do not offer this form on the issue date.
    FormNotAvailable = "form_not_available", "발급할 수 없는 자격증 형태", "certificate form not available";
    /// 재발급으로 효력을 잃은 자격증: the certificate was superseded by a reissue (재발급).
    CertificateSuperseded = "certificate_superseded", "재발급으로 효력을 잃은 자격증", "certificate superseded by a reissue";
    /// 취소된 자격: the qualification was cancelled (자격 취소).
    QualificationRevoked = "qualification_revoked", "취소된 자격", "qualification revoked";
    /// 청문 미실시: a qualification is cancelled only after a hearing (청문).
    HearingNotHeld = "hearing_not_held", "청문 미실시", "no hearing held before the cancellation";
    /// 변경된 기재사항 없음: a reissue for changed details names no change.
    DetailsUnchanged = "details_unchanged", "변경된 기재사항 없음", "no detail changed";
    // -- 이수 전망, 지정 심사, 행정처분, 일학습병행 학습기업·기업현장교사·계약 해지
    /// 남은 시간으로 출석률 기준 도달 불가: a competency unit cannot reach the attendance minimum in the hours left.
    AttendanceUnreachable = "attendance_unreachable", "남은 훈련시간으로 출석률 기준 도달 불가", "attendance minimum unreachable in the hours left";
    /// 외부평가 만점으로도 합격기준 도달 불가: even a perfect external score cannot reach the pass mark.
    PassUnreachable = "pass_unreachable", "외부평가 만점으로도 합격기준 도달 불가", "pass mark unreachable whatever the external score";
    /// 서류심사 불합격: the application failed document screening (서류심사).
    DocumentScreeningFailed = "document_screening_failed", "서류심사 불합격", "document screening failed";
    /// 현장심사 불합격: the application failed on-site screening (현장심사).
    OnSiteScreeningFailed = "on_site_screening_failed", "현장심사 불합격", "on-site screening failed";
    /// 현장심사 결과 없음: a document-stage passer has no on-site screening score.
    OnSiteScreeningMissing = "on_site_screening_missing", "현장심사 결과 없음", "on-site screening missing";
    /// 지정취소 의무: the ground requires cancellation, and another measure was proposed.
    CancellationMandatory = "cancellation_mandatory", "지정을 취소하여야 하는 사유", "cancellation is mandatory";
    /// 정지 처분 불가: the law provides no suspension for this subject.
    SuspensionNotAvailable = "suspension_not_available", "정지 처분 규정 없음", "no suspension is provided";
    /// 정지 기간 초과: the proposed suspension is longer than the law allows.
    SuspensionTooLong = "suspension_too_long", "정지 기간 상한 초과", "suspension too long";
    /// 청문 필요: a cancellation needs a hearing (청문) first.
    HearingRequired = "hearing_required", "청문을 거치지 않은 처분", "a hearing is required first";
    /// 교수진 없음: a course application names no teacher (교수, 국가기술자격법 시행령 제12조의3제1항).
    NoTeacher = "no_teacher", "교수진 없음", "no teacher named";
    /// 교수 요건 미해당: a teacher of none of the seven kinds of 시행령 제12조의3제1항.
    TeacherNotEligible = "teacher_not_eligible", "지정기준의 교수 요건에 해당하지 않는 교수", "teacher of no eligible kind";
    /// 모집공고의 신청기간 외: a course application filed outside the call's window (모집공고).
    OutsideDesignationWindow = "outside_designation_window", "지정신청 기간이 아님", "outside the call's application window";
    /// 모집공고 대상 종목 아님: the call does not cover the qualification applied for.
    QualificationNotInCall = "qualification_not_in_call", "모집공고 대상 종목이 아님", "qualification not covered by the call";
    /// 지정취소된 과정: the course's designation is cancelled, so it takes no new trainee.
    CourseDesignationCancelled = "course_designation_cancelled", "지정취소된 과정 (신규 훈련생 등록 불가)", "course designation cancelled: no new enrollment";
    /// 지정취소된 과정의 훈련생: the trainee's records are kept and flagged.
    TraineeOfCancelledCourse = "trainee_of_cancelled_course", "지정취소된 과정의 훈련생 (기록 보존)", "trainee of a cancelled course: records kept";
    /// 분기 운영 확인 미실시: a quarter of a designated course's run ended without the checks of
    /// 시행령 제14조의4.
    OperationCheckMissing = "operation_check_missing", "분기 운영 확인 미실시", "a quarter of the course's run ended without its operation check";
    /// 보존기간 미경과: a record younger than the retention period is kept.
    RetentionPeriodRunning = "retention_period_running", "보존기간 미경과", "retention period still running";
    /// 기업현장교사 요건 미충족: none of the routes to 기업현장교사 holds.
    FieldTeacherRequirementsNotMet = "field_teacher_requirements_not_met", "기업현장교사 요건 미충족", "company field teacher requirements not met";
    /// 임금체불 명단 공개 사업주.
    WageArrearsEmployer = "wage_arrears_employer", "임금체불 명단 공개 사업주", "employer on the published wage-arrears list";
    /// 산업재해 발생 사업장 공표 후 1년 미경과.
    IndustrialAccidentDisclosed = "industrial_accident_disclosed", "산업재해 발생 사업장 공표 후 기간 미경과", "industrial-accident disclosure within the look-back period";
    /// 직업능력개발훈련 인정 제한 중.
    TrainingApprovalRestricted = "training_approval_restricted", "훈련과정 인정 제한 중", "under a training-approval restriction";
    /// 고용보험 미가입.
    NotEmploymentInsured = "not_employment_insured", "고용보험 미가입", "not insured under employment insurance";
    /// 상시 근로자 수 미달 (고용노동부 고시 기준).
    TooFewRegularEmployees = "too_few_regular_employees", "상시 근로자 수 미달", "too few regular employees";
    /// 신용평가등급 미달 (고용노동부 고시 기준).
    CreditRatingBelowNotice = "credit_rating_below_notice", "신용평가등급 기준 미달", "credit rating below the notice's level";
    /// 기업현장교사 없음.
    NoFieldTeacher = "no_field_teacher", "기업현장교사 부족", "too few company field teachers";
    /// 담당 인력 없음 (인사·행정).
    NoHrStaff = "no_hr_staff", "담당 인력 부족", "too few HR or administrative staff";
    /// 현장실사 미통과: facilities and equipment not confirmed on site.
    SiteReviewNotPassed = "site_review_not_passed", "현장실사 미통과", "site review not passed";
    /// 정당한 사유 없는 해지: the ground is not a just cause for terminating a learning contract.
    NoJustCause = "no_just_cause", "정당한 해지 사유 아님", "no just cause";
    /// 서면 통지 미흡: the termination was not notified in writing with its reason and date.
    NoticeNotInWriting = "notice_not_in_writing", "해지 사유와 시기를 적은 서면 통지 없음", "no written notice with reason and date";
    // -- 일학습병행 학습근로계약·학습근로시간
    /// 서면 학습근로계약 아님: the learning-work contract is not in writing.
    ContractNotInWriting = "contract_not_in_writing", "서면으로 체결하지 않은 학습근로계약", "learning-work contract not in writing";
    /// 학습근로계약서 미교부: the contract's content was not given to the learner.
    ContractNotGiven = "contract_not_given", "학습근로계약서를 학습근로자에게 교부하지 않음", "contract content not given to the learner";
    /// 학습근로자 동의 없는 계약기간 변경.
    TermChangeWithoutConsent = "term_change_without_consent", "학습근로자 동의 없는 계약기간 단축·연장", "term changed without the learner's consent";
    /// 승인 없는 계약기간 변경.
    TermChangeNotApproved = "term_change_not_approved", "승인 없는 계약기간 단축·연장", "term changed without the agency's approval";
    /// 1일 도제식 현장 교육훈련(OJT) 시간 상한 초과.
    OjtDailyHoursExceeded = "ojt_daily_hours_exceeded", "1일 현장 교육훈련(OJT) 시간 상한 초과", "more OJT hours on one day than allowed";
    /// 야간·휴일 현장 교육훈련에 서면 합의 없음.
    NightHolidayOjtWithoutAgreement = "night_holiday_ojt_without_agreement", "야간·휴일 현장 교육훈련(OJT)에 서면 합의 없음", "night or holiday OJT without a written agreement";
    /// 18세 미만·임신 중인 학습근로자의 야간·휴일 현장 교육훈련에 고용노동부장관의 인가 없음.
    NightHolidayOjtWithoutAuthorisation = "night_holiday_ojt_without_authorisation", "18세 미만·임신 중인 학습근로자의 야간·휴일 현장 교육훈련(OJT)에 고용노동부장관 인가 없음", "night or holiday OJT of a learner under 18 or pregnant without the ministry's authorisation";
    /// 출석 인정 사유·기간 아님: the absence is not excused, or falls outside its days.
    AbsenceNotExcused = "absence_not_excused", "출석 인정 사유 또는 기간 아님", "absence not excused on that day";
    // -- 일학습병행과정 (programme approval)
    /// 능력단위의 현장 교육훈련(OJT) 시간이 교육훈련기준에 미달.
    UnitOjtHoursBelowStandard = "unit_ojt_hours_below_standard", "능력단위의 현장 교육훈련(OJT) 시간이 교육훈련기준 미달", "a unit's OJT hours below the training standard";
    /// 능력단위의 사업장 외 교육훈련(Off-JT) 시간이 교육훈련기준에 미달.
    UnitOffJtHoursBelowStandard = "unit_off_jt_hours_below_standard", "능력단위의 사업장 외 교육훈련(Off-JT) 시간이 교육훈련기준 미달", "a unit's Off-JT hours below the training standard";
    /// 내부평가의 방법·절차·시기를 정하지 않은 일학습병행과정.
    InternalEvaluationPlanMissing = "internal_evaluation_plan_missing", "내부평가의 방법·절차·시기를 정하지 않음", "the internal evaluation's method, procedure or timing not set";
    /// 일학습병행과정의 훈련기간이 최단기간 미달.
    ProgrammeTooShort = "programme_too_short", "일학습병행과정 훈련기간이 최단기간 미달", "programme shorter than the shortest length";
    /// 일학습병행과정의 훈련기간이 최장기간 초과.
    ProgrammeTooLong = "programme_too_long", "일학습병행과정 훈련기간이 최장기간 초과", "programme longer than the longest length";
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A measured or required value in a reason, typed so that hosts can render it their way.
///
/// # Example
/// ```
/// use cqnet_core::Quantity;
/// assert_eq!(Quantity::Percent(75.into()).to_string(), "75%");
/// assert_eq!(Quantity::Hours("29.5".parse().unwrap()).to_string(), "29.5h");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Quantity {
    /// A percentage.
    Percent(Decimal),
    /// A score on the 100-point scale.
    Score(Decimal),
    /// Training hours.
    Hours(Decimal),
    /// A count (units, extensions, seats).
    Count(u64),
    /// `passed` of `total`.
    Fraction {
        /// The part.
        part: u64,
        /// The whole.
        whole: u64,
    },
    /// Calendar months.
    Months(u32),
    /// An area in square metres.
    Area(Decimal),
    /// A calendar date.
    Date(NaiveDate),
    /// An instant (shown in Korean time, UTC+9).
    Instant(DateTime<FixedOffset>),
    /// A yes/no fact.
    Flag(bool),
}

impl Quantity {
    /// An instant at an offset RFC 3339 writes without moving it (see
    /// [`check_instant`](crate::window::check_instant)), so that a decision reads back as itself.
    fn writable(self) -> Quantity {
        match self {
            Quantity::Instant(at) => Quantity::Instant(crate::window::writable(at)),
            other => other,
        }
    }

    /// The value as written in Korean messages (`6개월`, `72.5%`).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::Quantity;
    /// assert_eq!(Quantity::Months(6).text_ko(), "6개월");
    /// assert_eq!(Quantity::Hours(30.into()).text_ko(), "30시간");
    /// ```
    pub fn text_ko(&self) -> String {
        match self {
            Quantity::Hours(h) => format!("{}시간", h.normalize()),
            Quantity::Months(m) => format!("{m}개월"),
            Quantity::Count(n) => format!("{n}"),
            Quantity::Flag(true) => "예".to_owned(),
            Quantity::Flag(false) => "아니오".to_owned(),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Percent(p) => write!(f, "{}%", p.round_dp(2).normalize()),
            Quantity::Score(s) => write!(f, "{}", s.round_dp(2).normalize()),
            Quantity::Hours(h) => write!(f, "{}h", h.normalize()),
            Quantity::Count(n) => write!(f, "{n}"),
            Quantity::Fraction { part, whole } => write!(f, "{part}/{whole}"),
            Quantity::Months(m) => write!(f, "{m} months"),
            Quantity::Area(a) => write!(f, "{}㎡", a.normalize()),
            Quantity::Date(d) => write!(f, "{d}"),
            // In Korean time, whatever offset the instant came with, so that one message never
            // mixes +00:00 and +09:00.
            Quantity::Instant(t) => match t.naive_utc().checked_add_offset(crate::window::kst()) {
                Some(local) => write!(f, "{}+09:00", local.format("%Y-%m-%dT%H:%M:%S%.f")),
                None => write!(f, "{}", t.to_rfc3339()),
            },
            Quantity::Flag(b) => write!(f, "{b}"),
        }
    }
}

/// What a reason is about, when it concerns one part of the input.
///
/// # Example
/// ```
/// use cqnet_core::Subject;
/// let s = Subject::Unit { index: 0, code: Some("1501020207_14v2".into()) };
/// assert_eq!(s.to_string(), "unit #1 (1501020207_14v2)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Subject {
    /// A competency unit (능력단위), by its position in the input (from 0) and its code.
    Unit {
        /// Position in the input, from 0.
        index: usize,
        /// The unit code, when given.
        code: Option<String>,
    },
    /// A facility (시설), by name.
    Facility {
        /// The facility name.
        name: String,
    },
    /// An item of equipment (장비), by name.
    Equipment {
        /// The item name.
        name: String,
    },
    /// A unit course (단위과정): its label, if named, and the positions of its competency units
    /// in the input (from 0).
    UnitCourse {
        /// The unit course's label; `None` for a unit without one, a unit course of its own.
        label: Option<String>,
        /// Positions of its units in the input, from 0.
        units: Vec<usize>,
    },
    /// A training day (훈련일) of a learner's attendance.
    Day {
        /// The calendar day.
        day: NaiveDate,
    },
    /// A teacher (교수) of a course application, by position from 0 and the host's identifier.
    Teacher {
        /// Position in the application's list of teachers, from 0.
        index: usize,
        /// The host's identifier of the person.
        person: String,
    },
    /// A calendar quarter (분기) of a designated course's run.
    Quarter {
        /// The year.
        year: i32,
        /// The quarter, 1 to 4.
        quarter: u32,
    },
}

/// Unit positions from 1, joined by commas (`1, 2`).
fn positions(units: &[usize], prefix: &str) -> String {
    let shown: Vec<String> = units.iter().map(|i| format!("{prefix}{}", i + 1)).collect();
    shown.join(", ")
}

impl Subject {
    /// How the subject is named in Korean messages (`능력단위 1 (1501020207_14v2)`).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::Subject;
    /// let s = Subject::Facility { name: "강의실".into() };
    /// assert_eq!(s.label_ko(), "시설 강의실");
    /// let course = Subject::UnitCourse { label: Some("A".into()), units: vec![0, 1] };
    /// assert_eq!(course.label_ko(), "단위과정 A (능력단위 1, 2)");
    /// assert_eq!(course.to_string(), "unit course A (unit #1, unit #2)");
    /// let day = Subject::Day { day: "2026-03-03".parse().unwrap() };
    /// assert_eq!(day.label_ko(), "훈련일 2026-03-03");
    /// assert_eq!(day.to_string(), "training day 2026-03-03");
    /// let quarter = Subject::Quarter { year: 2026, quarter: 3 };
    /// assert_eq!(quarter.label_ko(), "2026년 3분기");
    /// assert_eq!(quarter.to_string(), "2026 Q3");
    /// ```
    pub fn label_ko(&self) -> String {
        match self {
            Subject::Unit {
                index,
                code: Some(code),
            } => format!("능력단위 {} ({code})", index + 1),
            Subject::Unit { index, code: None } => format!("능력단위 {}", index + 1),
            Subject::Facility { name } => format!("시설 {name}"),
            Subject::Equipment { name } => format!("장비 {name}"),
            Subject::UnitCourse { label, units } => format!(
                "단위과정{} (능력단위 {})",
                label
                    .as_deref()
                    .map(|l| format!(" {l}"))
                    .unwrap_or_default(),
                positions(units, "")
            ),
            Subject::Day { day } => format!("훈련일 {day}"),
            Subject::Teacher { index, person } => format!("교수 {} ({person})", index + 1),
            Subject::Quarter { year, quarter } => format!("{year}년 {quarter}분기"),
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Unit {
                index,
                code: Some(code),
            } => write!(f, "unit #{} ({code})", index + 1),
            Subject::Unit { index, code: None } => write!(f, "unit #{}", index + 1),
            Subject::Facility { name } => write!(f, "facility {name}"),
            Subject::Equipment { name } => write!(f, "equipment {name}"),
            Subject::UnitCourse { label, units } => write!(
                f,
                "unit course{} ({})",
                label
                    .as_deref()
                    .map(|l| format!(" {l}"))
                    .unwrap_or_default(),
                positions(units, "unit #")
            ),
            Subject::Day { day } => write!(f, "training day {day}"),
            Subject::Teacher { index, person } => write!(f, "teacher #{} ({person})", index + 1),
            Subject::Quarter { year, quarter } => write!(f, "{year} Q{quarter}"),
        }
    }
}

/// A message in Korean and in English.
///
/// # Example
/// ```
/// use cqnet_core::Message;
/// let m = Message { ko: "출석률 미달".into(), en: "attendance below minimum".into() };
/// assert!(m.ko.contains("출석"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Korean.
    pub ko: String,
    /// English.
    pub en: String,
}

/// One check a decision made, passed or failed: the rule's code (the reason it gives when it
/// fails), what it concerns, the value found and the value required, and its legal basis. A
/// decision's reasons are its failed checks; [`course_based::checks`](crate::course_based::checks)
/// lists the passed ones beside them, for an explanation.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{checks, TraineeRecord, UnitRecord};
/// use cqnet_core::{rules::RulePack, ExamStandard, Hours, ReasonCode, Score};
/// let rules = RulePack::embedded().newest();
/// let unit = UnitRecord::new(None, Hours::whole(40)?, Hours::whole(36)?, vec![Some(Score::whole(85)?)])?;
/// let all = checks(&TraineeRecord::new(vec![unit])?, &ExamStandard::from_rules(&rules), &rules);
/// assert!(all.iter().all(|c| c.passed));
/// assert_eq!(all[0].code, ReasonCode::AttendanceBelowMinimum);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Check {
    /// Whether the check passed.
    pub passed: bool,
    /// The rule checked, named by the reason it gives when it fails.
    pub code: ReasonCode,
    /// What part of the input it concerns, if one part.
    pub subject: Option<Subject>,
    /// The value found.
    pub measured: Option<Quantity>,
    /// The value the rule requires.
    pub required: Option<Quantity>,
    /// The legal basis of the rule.
    pub legal_basis: LegalBasis,
}

impl Check {
    /// The check of `reason`'s rule, with its outcome (the message, which states a failure, is
    /// left out).
    pub(crate) fn of(passed: bool, reason: Reason) -> Self {
        Check {
            passed,
            code: reason.code,
            subject: reason.subject,
            measured: reason.measured,
            required: reason.required,
            legal_basis: reason.legal_basis,
        }
    }
}

/// One failing check of a decision: its stable code, what it concerns, the measured and
/// required values, the legal basis, and a message in Korean and English.
///
/// Only cqnet-core's decisions make reasons (`#[non_exhaustive]`, with a crate-private
/// constructor): a host reads them.
///
/// # Example
/// ```
/// use cqnet_core::{exam::check_result_open, rules::RulePack, Quantity, ReasonCode};
/// let rules = RulePack::embedded().newest();
/// let r = check_result_open(true, &rules).remove(0).measured(Quantity::Flag(true));
/// assert_eq!(r.code, ReasonCode::ResultsFinalised);
/// assert_eq!(r.legal_basis, rules.bases.results_final.basis);
/// assert!(r.message.ko.contains("실제 예"));
/// assert!(r.message.en.contains("measured true"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reason {
    /// The stable code.
    pub code: ReasonCode,
    /// What part of the input it concerns, if one part.
    pub subject: Option<Subject>,
    /// The value found.
    pub measured: Option<Quantity>,
    /// The value the rule requires.
    pub required: Option<Quantity>,
    /// The legal basis of the rule.
    pub legal_basis: LegalBasis,
    /// The reason in Korean and English.
    pub message: Message,
}

impl Reason {
    /// A reason with only its code and legal basis; add details with the builder methods.
    /// Inside cqnet-core only: every reason is a decision's.
    pub(crate) fn new(code: ReasonCode, legal_basis: LegalBasis) -> Self {
        let mut reason = Reason {
            code,
            subject: None,
            measured: None,
            required: None,
            legal_basis,
            message: Message {
                ko: String::new(),
                en: String::new(),
            },
        };
        reason.render();
        reason
    }

    /// Names the part of the input the reason concerns.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{exam::check_result_open, rules::RulePack, Subject};
    /// let r = check_result_open(true, &RulePack::embedded().newest()).remove(0)
    ///     .subject(Subject::Facility { name: "강의실".into() });
    /// assert!(r.message.ko.starts_with("시설 강의실"));
    /// ```
    pub fn subject(mut self, subject: Subject) -> Self {
        self.subject = Some(subject);
        self.render();
        self
    }

    /// Records the value found.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{exam::check_result_open, rules::RulePack, Quantity};
    /// let r = check_result_open(true, &RulePack::embedded().newest()).remove(0)
    ///     .measured(Quantity::Count(20));
    /// assert!(r.message.en.contains("measured 20"));
    /// ```
    pub fn measured(mut self, value: Quantity) -> Self {
        self.measured = Some(value.writable());
        self.render();
        self
    }

    /// Records the value the rule requires.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{exam::check_result_open, rules::RulePack, Quantity};
    /// let r = check_result_open(true, &RulePack::embedded().newest()).remove(0)
    ///     .required(Quantity::Score(80.into()));
    /// assert!(r.message.ko.contains("기준 80"));
    /// ```
    pub fn required(mut self, value: Quantity) -> Self {
        self.required = Some(value.writable());
        self.render();
        self
    }

    fn render(&mut self) {
        let mut ko = String::new();
        let mut en = String::new();
        if let Some(subject) = &self.subject {
            ko.push_str(&format!("{}: ", subject.label_ko()));
            en.push_str(&format!("{subject}: "));
        }
        ko.push_str(self.code.title_ko());
        en.push_str(self.code.title_en());
        let mut details_ko = Vec::new();
        let mut details_en = Vec::new();
        if let Some(m) = &self.measured {
            details_ko.push(format!("실제 {}", m.text_ko()));
            details_en.push(format!("measured {m}"));
        }
        if let Some(r) = &self.required {
            details_ko.push(format!("기준 {}", r.text_ko()));
            details_en.push(format!("required {r}"));
        }
        if !details_ko.is_empty() {
            ko.push_str(&format!(" ({})", details_ko.join(", ")));
            en.push_str(&format!(" ({})", details_en.join(", ")));
        }
        self.message = Message { ko, en };
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} [{}]",
            self.code,
            self.message.en,
            self.legal_basis.citation()
        )
    }
}
