//! The parameters of a rule pack, as they appear in TOML and as resolved for a date.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    PackId, PackWarning, Param, ParamListing, Rule, RuleChange, RuleDate, RulePackError,
    ValueInForce,
};
use crate::certificate::{FormSet, LicenceRules};
use crate::field_teacher::FieldTeacherRequirements;
use crate::learning_company::{ManagementCriteria, StaffingRequirements};
use crate::learning_time::{ExcusedAbsences, HolidayRule, NightHolidayOjt, NightHours};
use crate::sanction::SanctionRule;
use crate::screening::RankTies;
use crate::statistics::ScoreBandBounds;
use crate::termination::JustCauses;
use crate::{Hours, Percent, QualificationCode, Score, Won};

/// How the unit scores of a 과정평가형 trainee are combined into the internal score.
///
/// The sources do not say which one HRD Korea uses (see `docs/rules.md`): the default pack
/// marks `mean` as an assumption.
///
/// # Example
/// ```
/// use cqnet_core::rules::InternalAggregation;
/// let a: InternalAggregation = serde_json::from_str("\"hours_weighted\"").unwrap();
/// assert_eq!(a, InternalAggregation::HoursWeighted);
/// assert_eq!(a.to_string(), "hours_weighted");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum InternalAggregation {
    /// The plain mean of the unit scores.
    #[default]
    Mean,
    /// The mean of the unit scores weighted by each unit's scheduled hours.
    HoursWeighted,
}

impl fmt::Display for InternalAggregation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InternalAggregation::Mean => "mean",
            InternalAggregation::HoursWeighted => "hours_weighted",
        })
    }
}

/// Over which hours the 과정평가형 attendance minimum is measured.
///
/// 국가기술자격법 시행령 제14조의3 requires 75% of the hours of every unit course (매 단위과정별,
/// `unit_course`); CQ-Net's FAQ and institutions' pages say every competency unit (능력단위별,
/// `competency_unit`), which is stricter when a unit course holds several competency units. The
/// default pack keeps `competency_unit`, the practice, as secondary.
///
/// # Example
/// ```
/// use cqnet_core::rules::{AttendanceScope, RulePack};
/// let s: AttendanceScope = serde_json::from_str("\"unit_course\"").unwrap();
/// assert_eq!(s, AttendanceScope::UnitCourse);
/// assert_eq!(s.to_string(), "unit_course");
/// let newest = RulePack::embedded().newest();
/// assert_eq!(newest.course_based.attendance_scope.value, AttendanceScope::CompetencyUnit);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceScope {
    /// The minimum holds in every competency unit (능력단위), as CQ-Net states it.
    #[default]
    CompetencyUnit,
    /// The minimum holds in every unit course (단위과정) over the sums of its units' hours, as
    /// the Decree states it.
    UnitCourse,
}

impl fmt::Display for AttendanceScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AttendanceScope::CompetencyUnit => "competency_unit",
            AttendanceScope::UnitCourse => "unit_course",
        })
    }
}

/// Why a candidate cancelled an application (응시 취소 사유).
///
/// # Example
/// ```
/// use cqnet_core::rules::CancelReason;
/// let r: CancelReason = serde_json::from_str("\"hospitalized\"").unwrap();
/// assert_eq!(r, CancelReason::Hospitalized);
/// assert_eq!(CancelReason::default(), CancelReason::Personal);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CancelReason {
    /// The candidate's own choice (본인 사정).
    #[default]
    Personal,
    /// The agency's fault kept the candidate from sitting (공단 귀책).
    AgencyFault,
    /// Hospitalised over the evaluation day (입원).
    Hospitalized,
    /// Treatment or isolation for a legally notifiable infectious disease (감염병).
    InfectiousDisease,
    /// Death of the candidate or a listed family member shortly before (사망).
    Bereavement,
    /// A disaster or national crisis (재난).
    Disaster,
}

impl fmt::Display for CancelReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CancelReason::Personal => "personal",
            CancelReason::AgencyFault => "agency_fault",
            CancelReason::Hospitalized => "hospitalized",
            CancelReason::InfectiousDisease => "infectious_disease",
            CancelReason::Bereavement => "bereavement",
            CancelReason::Disaster => "disaster",
        })
    }
}

/// How much of an evaluation fee is refunded on cancellation, for one track.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let schedule = RulePack::embedded().newest().refund.work_study.value;
/// assert_eq!(schedule.within_window_percent.to_string(), "100");
/// assert_eq!(schedule.after_window_percent.to_string(), "50");
/// assert_eq!(schedule.after_window_until_days_before, 5);
/// assert!(schedule.excused_reasons.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundSchedule {
    /// Refunded when cancelled before the application window ends.
    pub within_window_percent: Percent,
    /// Refunded when cancelled after the window, up to a number of days before the evaluation.
    pub after_window_percent: Percent,
    /// The last Korean calendar day for `after_window_percent`, counted back from the
    /// evaluation day (5: evaluation on the 20th, cancel by the 15th).
    pub after_window_until_days_before: u32,
    /// Refunded when the agency's fault kept the candidate from sitting.
    pub agency_fault_percent: Percent,
    /// Cancellation reasons refunded as `excused_percent` whenever they occur.
    pub excused_reasons: Vec<CancelReason>,
    /// Refunded for an excused reason.
    pub excused_percent: Percent,
}

impl fmt::Display for RefundSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}% before the window ends; {}% until {} days before the evaluation; {}% on the agency's fault",
            self.within_window_percent,
            self.after_window_percent,
            self.after_window_until_days_before,
            self.agency_fault_percent
        )?;
        if !self.excused_reasons.is_empty() {
            let reasons: Vec<String> = self.excused_reasons.iter().map(|r| r.to_string()).collect();
            write!(f, "; {}% for {}", self.excused_percent, reasons.join(", "))?;
        }
        Ok(())
    }
}

/// A limit that may be absent: `"unlimited"` or a whole number in a pack.
///
/// # Example
/// ```
/// use cqnet_core::rules::Limit;
/// let l: Limit = serde_json::from_str("\"unlimited\"").unwrap();
/// assert_eq!(l, Limit::Unlimited);
/// assert!(Limit::AtMost(2).allows(2) && !Limit::AtMost(2).allows(3));
/// assert!(Limit::Unlimited.allows(u64::MAX));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// No limit.
    Unlimited,
    /// At most this many.
    AtMost(u32),
}

impl Limit {
    /// Whether `n` is within the limit.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::rules::Limit;
    /// assert!(Limit::AtMost(1).allows(1) && !Limit::AtMost(1).allows(2));
    /// ```
    pub fn allows(self, n: u64) -> bool {
        match self {
            Limit::Unlimited => true,
            Limit::AtMost(max) => n <= u64::from(max),
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Unlimited => f.write_str("unlimited"),
            Limit::AtMost(n) => write!(f, "{n}"),
        }
    }
}

impl Serialize for Limit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Limit::Unlimited => s.serialize_str("unlimited"),
            Limit::AtMost(n) => s.serialize_u32(*n),
        }
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Number(u32),
            Text(String),
        }
        match Wire::deserialize(d)? {
            Wire::Number(n) => Ok(Limit::AtMost(n)),
            Wire::Text(t) if t == "unlimited" => Ok(Limit::Unlimited),
            Wire::Text(t) => Err(serde::de::Error::custom(format!(
                "a limit is \"unlimited\" or a whole number, not {t:?}"
            ))),
        }
    }
}

/// How often and for how long a candidate who did not pass may sit the external evaluation
/// again (재응시).
///
/// The window counts from the announcement date (합격자 공고일) of the first external evaluation
/// sat after completing the course, and includes the day `window_months` calendar months later
/// (국가기술자격법 시행령 제20조의2제4항: 2 years, no limit on attempts; 일학습병행: 1 year, from a
/// training centre's case book).
///
/// # Example
/// ```
/// use cqnet_core::rules::{Limit, RulePack};
/// let newest = RulePack::embedded().newest();
/// let course_based = newest.course_based.retake_limit.value;
/// assert_eq!(course_based.max_attempts, Limit::Unlimited);
/// assert_eq!(course_based.window_months, Limit::AtMost(24));
/// assert_eq!(newest.work_study.retake_limit.value.window_months, Limit::AtMost(12));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetakeLimit {
    /// Attempts in all, the first included.
    pub max_attempts: Limit,
    /// Calendar months from the announcement of the first sitting after completion; the day
    /// that many months later is the last day of the window.
    pub window_months: Limit,
}

impl fmt::Display for RetakeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "attempts: {}; within months of the first sitting's announcement: {}",
            self.max_attempts, self.window_months
        )
    }
}

/// A day of the year (`12-31`), for deadlines that fall on the same day every year.
///
/// # Example
/// ```
/// use cqnet_core::rules::MonthDay;
/// let d: MonthDay = serde_json::from_str("\"12-31\"").unwrap();
/// assert_eq!(d.in_year(2025).unwrap().to_string(), "2025-12-31");
/// assert!(serde_json::from_str::<MonthDay>("\"02-30\"").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MonthDay {
    month: u32,
    day: u32,
}

impl MonthDay {
    /// The day in `year` (February 29 falls back to the 28th in a common year); `None` only for a
    /// year chrono cannot represent.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::MonthDay;
    /// let leap: MonthDay = serde_json::from_str("\"02-29\"").unwrap();
    /// assert_eq!(leap.in_year(2028).unwrap().to_string(), "2028-02-29");
    /// assert_eq!(leap.in_year(2027).unwrap().to_string(), "2027-02-28");
    /// ```
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day.saturating_sub(1)))
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let parsed = text
            .split_once('-')
            .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
            // 2024 is a leap year, so every real month-day exists in it.
            .filter(|(m, d)| NaiveDate::from_ymd_opt(2024, *m, *d).is_some());
        match parsed {
            Some((month, day)) => Ok(MonthDay { month, day }),
            None => Err(serde::de::Error::custom(format!(
                "a day of the year is MM-DD, such as 12-31, not {text:?}"
            ))),
        }
    }
}

/// Evaluation fees (응시수수료) of one track: a default and the amounts per qualification.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::{QualificationCode, Won};
/// let fees = RulePack::embedded().newest().fees.work_study.value;
/// assert_eq!(fees.for_qualification(&QualificationCode::new("2N0C")?), Won::new(15_960));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeTable {
    /// The fee of a qualification not listed.
    pub default: Won,
    /// Fees per qualification code.
    #[serde(default)]
    pub by_qualification: BTreeMap<QualificationCode, Won>,
}

impl FeeTable {
    /// The fee (응시수수료) of a qualification: its own amount if listed, else the default.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::FeeTable;
    /// use cqnet_core::{QualificationCode, Won};
    /// let listed = QualificationCode::new("2290")?;
    /// let fees = FeeTable {
    ///     default: Won::new(20_000),
    ///     by_qualification: [(listed.clone(), Won::new(25_100))].into_iter().collect(),
    /// };
    /// assert_eq!(fees.for_qualification(&listed), Won::new(25_100));
    /// assert_eq!(fees.for_qualification(&QualificationCode::new("1320")?), Won::new(20_000));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn for_qualification(&self, qualification: &QualificationCode) -> Won {
        self.by_qualification
            .get(qualification)
            .copied()
            .unwrap_or(self.default)
    }
}

impl fmt::Display for FeeTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "default {}", self.default)?;
        for (code, fee) in &self.by_qualification {
            write!(f, "; {code}: {fee}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackMeta {
    pub(crate) name: String,
    pub(crate) version: String,
    /// The day the pack was last reviewed as a whole.
    pub(crate) date: NaiveDate,
    pub(crate) description: String,
}

macro_rules! section {
    (
        $(#[$rules_doc:meta])*
        $file_ty:ident => $rules_ty:ident, $section:literal {
            $( $(#[$doc:meta])* $field:ident : $t:ty, )*
        }
    ) => {
        #[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $file_ty {
            $( pub(super) $field: Param<$t>, )*
        }

        $(#[$rules_doc])*
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[non_exhaustive]
        pub struct $rules_ty {
            $( $(#[$doc])* pub $field: Rule<$t>, )*
        }

        impl $file_ty {
            fn check_dates(&self) -> Result<(), RulePackError> {
                $( self.$field.check_dates(concat!($section, ".", stringify!($field)))?; )*
                Ok(())
            }

            fn count_values(&self) -> usize {
                0 $( + self.$field.len() )*
            }

            fn resolve(&self, date: NaiveDate) -> Result<$rules_ty, RulePackError> {
                Ok($rules_ty {
                    $( $field: self.$field.at(concat!($section, ".", stringify!($field)), date)?, )*
                })
            }

            fn resolve_newest(&self) -> $rules_ty {
                $rules_ty { $( $field: self.$field.newest_rule(), )* }
            }

            fn change_dates(&self, out: &mut BTreeSet<NaiveDate>) {
                $( out.extend(self.$field.change_dates()); )*
            }

            fn changes(&self, from: NaiveDate, to: NaiveDate, out: &mut Vec<RuleChange>) {
                $( out.extend(self.$field.change(concat!($section, ".", stringify!($field)), from, to)); )*
            }

            fn values_in_force(&self, date: NaiveDate, out: &mut Vec<ValueInForce>) {
                $( out.extend(self.$field.value_in_force(concat!($section, ".", stringify!($field)), date)); )*
            }

            fn overdue(&self, cutoff: NaiveDate, pack_date: NaiveDate, out: &mut Vec<PackWarning>) {
                $( self.$field.overdue(concat!($section, ".", stringify!($field)), cutoff, pack_date, out); )*
            }

            fn listings(&self, out: &mut Vec<ParamListing>) {
                $(
                    out.push(ParamListing {
                        path: concat!($section, ".", stringify!($field)),
                        description: self.$field.description.clone(),
                        rows: self.$field.rows(),
                    });
                )*
            }
        }
    };
}

section! {
    /// 과정평가형 국가기술자격 rules in force on a date.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let cb = RulePack::embedded().newest().course_based;
    /// assert_eq!(cb.internal_weight.value.to_string(), "50");
    /// assert_eq!(cb.written_weight.value.to_string(), "40");
    /// ```
    CourseBasedFile => CourseBasedRules, "course_based" {
        /// Minimum attendance (출석률), inclusive, measured over `attendance_scope`.
        attendance_min_percent: Percent,
        /// Whether the minimum holds per competency unit (능력단위) or per unit course (단위과정).
        attendance_scope: AttendanceScope,
        /// A round of internal evaluation below this score makes a non-completer (회차별 40점 미만).
        internal_round_floor: Score,
        /// Weight of the internal score in the final score (내부평가 반영비율).
        internal_weight: Percent,
        /// Weight of the external score in the final score (외부평가 반영비율).
        external_weight: Percent,
        /// The final score needed to pass, inclusive (합격기준 평균 80점 이상).
        pass_average: Score,
        /// Weight of the written part (1차 지필) in the external score.
        written_weight: Percent,
        /// Weight of the practical part (2차 실무) in the external score.
        practical_weight: Percent,
        /// How unit scores combine into the internal score.
        internal_aggregation: InternalAggregation,
        /// Retakes of the external evaluation (재응시).
        retake_limit: RetakeLimit,
        /// Passers are announced within this many days after the external evaluation (시행령 제23조).
        announcement_within_days: u32,
        /// The most training hours recorded for one trainee on one calendar day (1일 훈련시간
        /// 상한), inclusive: at most the 24 hours of the day.
        daily_max_hours: Hours,
    }
}

section! {
    /// 일학습병행자격 rules in force on a date.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let ws = RulePack::embedded().newest().work_study;
    /// assert_eq!(ws.attendance_min_percent.value.to_string(), "80");
    /// assert_eq!(ws.extension_max_count.value, 2);
    /// ```
    WorkStudyFile => WorkStudyRules, "work_study" {
        /// Minimum attendance over OJT and Off-JT hours together (현장훈련 + 현장외훈련).
        attendance_min_percent: Percent,
        /// Share of internal units that must pass for the internal evaluation to pass.
        internal_unit_pass_percent: Percent,
        /// Share of external units that must pass for the external evaluation to pass.
        external_unit_pass_percent: Percent,
        /// Longest learning contract (학습근로계약) for courses that lead to no degree, in months.
        contract_max_months: u32,
        /// Extensions the employer must grant after a failed external evaluation.
        extension_max_count: u32,
        /// Longest total of those extensions, in months.
        extension_max_total_months: u32,
        /// A regular plan of the year must be published by this day of the year before.
        plan_deadline: MonthDay,
        /// Retakes of the external evaluation (재응시).
        retake_limit: RetakeLimit,
        /// The most OJT and Off-JT hours together recorded for one learning worker on one
        /// calendar day (1일 훈련시간 상한), inclusive: at most the 24 hours of the day.
        daily_max_hours: Hours,
        /// The most OJT hours (도제식 현장 교육훈련) recorded for one learning worker on one
        /// day, inclusive.
        ojt_daily_max_hours: Hours,
        /// Off-JT a school runs in its own curriculum is left out of the learning-work hours
        /// (시행령 제13조제1항).
        school_off_jt_excluded: bool,
        /// The night (야간) of 법 제27조제2항.
        night_hours: NightHours,
        /// The holidays (휴일) of 법 제27조제2항.
        holidays: HolidayRule,
        /// What OJT at night or on a holiday needs (법 제27조제2항, 시행령 제13조제2항).
        night_holiday_ojt: NightHolidayOjt,
        /// The absences that count as attended (출석 인정), with their days.
        excused_absences: ExcusedAbsences,
        /// The shortest programme (일학습병행과정 훈련기간), in months, inclusive.
        programme_min_months: u32,
        /// The longest programme, in months, inclusive.
        programme_max_months: u32,
        /// A programme fixes its internal evaluation's method, procedure and timing (시행령
        /// 제14조제1항).
        internal_evaluation_plan_required: bool,
        /// The score at which a unit's internal evaluation passes, inclusive (능력단위 합격 점수).
        internal_unit_pass_score: Score,
    }
}

section! {
    /// Evaluation fee refund rules (응시수수료 환불) in force on a date.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::{CancelReason, RulePack};
    /// let refund = RulePack::embedded().newest().refund;
    /// assert!(refund.course_based.value.excused_reasons.contains(&CancelReason::Hospitalized));
    /// ```
    RefundFile => RefundRules, "refund" {
        /// 과정평가형 (national technical qualification rule).
        course_based: RefundSchedule,
        /// 일학습병행 external evaluation.
        work_study: RefundSchedule,
    }
}

section! {
    /// Evaluation fees (응시수수료) in force on a date.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let fees = RulePack::embedded().newest().fees;
    /// assert!(fees.course_based.value.default.amount() > 0);
    /// ```
    FeesFile => FeeRules, "fees" {
        /// 과정평가형 external evaluation fees.
        course_based: FeeTable,
        /// 일학습병행 external evaluation fees.
        work_study: FeeTable,
    }
}

section! {
    /// Certificate rules (자격증) in force on a date: forms per track, the authenticity-check
    /// periods, and the licences qualifications lead to.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::CertificateForm;
    /// use cqnet_core::rules::RulePack;
    /// let certs = RulePack::embedded().newest().certificates;
    /// assert!(certs.course_based_forms.value.allows(CertificateForm::Mobile));
    /// assert!(!certs.work_study_forms.value.allows(CertificateForm::Card));
    /// assert_eq!(certs.confirmation_verifiable_days.value, 90);
    /// ```
    CertificatesFile => CertificateRules, "certificates" {
        /// Forms of a 과정평가형 (national technical qualification) certificate.
        course_based_forms: FormSet,
        /// Forms of a 일학습병행 certificate.
        work_study_forms: FormSet,
        /// Notebooks issued from this day on are checked with their inner-page number (내지번호).
        inner_page_number_since: NaiveDate,
        /// Days, after the day of issue, during which a confirmation document can be verified.
        confirmation_verifiable_days: u32,
        /// Licences (면허) that qualifications lead to, by qualification name.
        licences: LicenceRules,
    }
}

// ---------------------------------------------------------------- designation, sanctions, work-study companies and contracts

section! {
    /// Course designation screening (과정 지정 심사) rules in force on a date.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::screening::RankTies;
    /// assert_eq!(RulePack::embedded().newest().designation.rank_ties.value, RankTies::Shared);
    /// ```
    DesignationFile => DesignationRules, "designation" {
        /// How equal screening scores rank (동점자 순위).
        rank_ties: RankTies,
        /// Years a designated course's records are kept at least (기록 보존기간).
        record_retention_years: u32,
        /// Operation checks (운영 확인) of a designated course at least in each calendar quarter.
        operation_checks_per_quarter: u32,
    }
}

section! {
    /// Administrative measures (행정처분) against designated courses and learning companies.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let sanction = RulePack::embedded().newest().sanction;
    /// assert_eq!(sanction.course.value.max_suspension_months, None);
    /// assert_eq!(sanction.learning_company.value.max_suspension_months, Some(24));
    /// ```
    SanctionFile => SanctionRules, "sanction" {
        /// Against a designated course (국가기술자격법 제24조의5).
        course: SanctionRule,
        /// Against a learning company (일학습병행법 제14조제1항).
        learning_company: SanctionRule,
    }
}

section! {
    /// Learning-company (학습기업) requirements in force on a date.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let lc = RulePack::embedded().newest().learning_company;
    /// assert_eq!(lc.accident_lookback_years.value, 1);
    /// assert!(lc.site_review_required.value);
    /// ```
    LearningCompanyFile => LearningCompanyRules, "learning_company" {
        /// The management criteria that apply (시행령 제8조제1항).
        management_criteria: ManagementCriteria,
        /// Years after an industrial-accident disclosure during which a company is refused.
        accident_lookback_years: u32,
        /// Staff needed, and whether a staffing plan stands in for them (시행령 제8조제2항).
        staffing: StaffingRequirements,
        /// Facilities and equipment must be confirmed on site (시행령 제7조제2항).
        site_review_required: bool,
        /// Years each route to 기업현장교사 needs (시행령 제9조제1항).
        field_teacher: FieldTeacherRequirements,
    }
}

section! {
    /// Learning-contract (학습근로계약) termination rules in force on a date.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// assert!(RulePack::embedded().newest().learning_contract.written_notice_required.value);
    /// ```
    LearningContractFile => LearningContractRules, "learning_contract" {
        /// The just causes for terminating (정당한 사유, 시행령 제11조).
        just_causes: JustCauses,
        /// Termination is notified in writing with its reason and date (법 제23조).
        written_notice_required: bool,
        /// The contract is in writing and its content given to the learner (법 제21조제3항).
        written_contract_required: bool,
        /// A change of term needs the learner's consent and the agency's approval (법 제21조제4항).
        term_change_approval_required: bool,
        /// A learner who passed is converted to an open-ended employee (법 제24조).
        conversion_after_pass: bool,
    }
}

section! {
    /// How the published statistics (통계) are drawn up.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let bounds = RulePack::embedded().newest().statistics.score_band_bounds.value;
    /// assert_eq!(bounds.to_string(), "40, 50, 60, 70, 80");
    /// ```
    StatisticsFile => StatisticsRules, "statistics" {
        /// The lower bounds of a round's score bands after the first (점수 분포): a score below
        /// the first bound is in the first band, one at or above the last in the last.
        score_band_bounds: ScoreBandBounds,
    }
}

section! {
    /// The legal bases of checks that carry no value of their own (a qualification in the
    /// round's plan, a finalised result, an export of a document in force): each value states
    /// the rule in words, and a decision cites its reference and provenance.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let bases = RulePack::embedded().newest().bases;
    /// assert!(bases.qualification_in_plan.basis.citation().contains("시행계획"));
    /// ```
    BasesFile => BasisRules, "bases" {
        /// Only a qualification and track that the round's plan lists may be applied for.
        qualification_in_plan: String,
        /// A finalised result (결과 확정) does not change.
        results_final: String,
        /// Only a certificate in force is exported as a credential.
        export_in_force_only: String,
        /// Only an active enrollment takes attendance (출결) and evaluation (내부평가) entries.
        enrollment_active: String,
        /// Only inside the round's application window and within a venue's seats, once per round.
        application_plan: String,
        /// Only a completer of a designated course sits the 과정평가형 external evaluation.
        course_based_eligibility: String,
        /// Only a trainee of a designated course applies.
        course_designation: String,
        /// Only a learning worker of a recognised 일학습병행과정 applies.
        work_study_recognition: String,
        /// A qualification's own exam standard (시험기준) sets its weights and pass mark.
        qualification_exam_standard: String,
        /// A course plan meets its curriculum standard (편성기준) for designation.
        curriculum_standard: String,
        /// A work-study programme is built on its occupation's training standard (교육훈련기준).
        training_standard: String,
        /// A course's teachers are each of a kind the Decree lists (교수 요건).
        course_teachers: String,
        /// A course application is filed inside its call's window, for a qualification it covers.
        designation_call: String,
        /// A cancelled course takes no new trainee; its trainees' records are kept.
        cancelled_course: String,
        /// Completion needs an internal evaluation taken in every competency unit.
        internal_evaluation_taken: String,
        /// A 과정평가형 certificate is issued to a passer and reissued on request.
        course_based_issue: String,
        /// A 일학습병행 certificate is issued to a passer and reissued on request.
        work_study_issue: String,
        /// A 과정평가형 qualification is cancelled on fraud or lending, after a hearing.
        course_based_revocation: String,
        /// A 일학습병행 qualification is cancelled on a ground of the Act, after a hearing.
        work_study_revocation: String,
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackFile {
    pub(crate) pack: PackMeta,
    pub(super) course_based: CourseBasedFile,
    pub(super) work_study: WorkStudyFile,
    pub(super) refund: RefundFile,
    pub(super) fees: FeesFile,
    pub(super) certificates: CertificatesFile,
    pub(super) designation: DesignationFile,
    pub(super) sanction: SanctionFile,
    pub(super) learning_company: LearningCompanyFile,
    pub(super) learning_contract: LearningContractFile,
    pub(super) statistics: StatisticsFile,
    pub(super) bases: BasesFile,
}

impl PackFile {
    pub(super) fn count_values(&self) -> usize {
        self.course_based.count_values()
            + self.work_study.count_values()
            + self.refund.count_values()
            + self.fees.count_values()
            + self.certificates.count_values()
            + self.designation.count_values()
            + self.sanction.count_values()
            + self.learning_company.count_values()
            + self.learning_contract.count_values()
            + self.statistics.count_values()
            + self.bases.count_values()
    }

    pub(super) fn check_dates(&self) -> Result<(), RulePackError> {
        self.course_based.check_dates()?;
        self.work_study.check_dates()?;
        self.refund.check_dates()?;
        self.fees.check_dates()?;
        self.certificates.check_dates()?;
        self.designation.check_dates()?;
        self.sanction.check_dates()?;
        self.learning_company.check_dates()?;
        self.learning_contract.check_dates()?;
        self.statistics.check_dates()?;
        self.bases.check_dates()
    }

    pub(super) fn resolve(&self, pack: PackId, basis: RuleDate) -> Result<Rules, RulePackError> {
        let date = basis.date();
        Ok(Rules {
            pack,
            date,
            basis,
            course_based: self.course_based.resolve(date)?,
            work_study: self.work_study.resolve(date)?,
            refund: self.refund.resolve(date)?,
            fees: self.fees.resolve(date)?,
            certificates: self.certificates.resolve(date)?,
            designation: self.designation.resolve(date)?,
            sanction: self.sanction.resolve(date)?,
            learning_company: self.learning_company.resolve(date)?,
            learning_contract: self.learning_contract.resolve(date)?,
            statistics: self.statistics.resolve(date)?,
            bases: self.bases.resolve(date)?,
        })
    }

    pub(super) fn resolve_newest(&self, pack: PackId, date: NaiveDate) -> Rules {
        Rules {
            pack,
            date,
            basis: RuleDate::EvaluatedOn(date),
            course_based: self.course_based.resolve_newest(),
            work_study: self.work_study.resolve_newest(),
            refund: self.refund.resolve_newest(),
            fees: self.fees.resolve_newest(),
            certificates: self.certificates.resolve_newest(),
            designation: self.designation.resolve_newest(),
            sanction: self.sanction.resolve_newest(),
            learning_company: self.learning_company.resolve_newest(),
            learning_contract: self.learning_contract.resolve_newest(),
            statistics: self.statistics.resolve_newest(),
            bases: self.bases.resolve_newest(),
        }
    }

    pub(super) fn change_dates(&self) -> BTreeSet<NaiveDate> {
        let mut out = BTreeSet::new();
        self.course_based.change_dates(&mut out);
        self.work_study.change_dates(&mut out);
        self.refund.change_dates(&mut out);
        self.fees.change_dates(&mut out);
        self.certificates.change_dates(&mut out);
        self.designation.change_dates(&mut out);
        self.sanction.change_dates(&mut out);
        self.learning_company.change_dates(&mut out);
        self.learning_contract.change_dates(&mut out);
        self.statistics.change_dates(&mut out);
        self.bases.change_dates(&mut out);
        out
    }

    pub(super) fn changes(&self, from: NaiveDate, to: NaiveDate) -> Vec<RuleChange> {
        let mut out = Vec::new();
        self.course_based.changes(from, to, &mut out);
        self.work_study.changes(from, to, &mut out);
        self.refund.changes(from, to, &mut out);
        self.fees.changes(from, to, &mut out);
        self.certificates.changes(from, to, &mut out);
        self.designation.changes(from, to, &mut out);
        self.sanction.changes(from, to, &mut out);
        self.learning_company.changes(from, to, &mut out);
        self.learning_contract.changes(from, to, &mut out);
        self.statistics.changes(from, to, &mut out);
        self.bases.changes(from, to, &mut out);
        out
    }

    pub(super) fn values_in_force(&self, date: NaiveDate) -> Vec<ValueInForce> {
        let mut out = Vec::new();
        self.course_based.values_in_force(date, &mut out);
        self.work_study.values_in_force(date, &mut out);
        self.refund.values_in_force(date, &mut out);
        self.fees.values_in_force(date, &mut out);
        self.certificates.values_in_force(date, &mut out);
        self.designation.values_in_force(date, &mut out);
        self.sanction.values_in_force(date, &mut out);
        self.learning_company.values_in_force(date, &mut out);
        self.learning_contract.values_in_force(date, &mut out);
        self.statistics.values_in_force(date, &mut out);
        self.bases.values_in_force(date, &mut out);
        out
    }

    pub(super) fn overdue(&self, cutoff: NaiveDate, pack_date: NaiveDate) -> Vec<PackWarning> {
        let mut out = Vec::new();
        self.course_based.overdue(cutoff, pack_date, &mut out);
        self.work_study.overdue(cutoff, pack_date, &mut out);
        self.refund.overdue(cutoff, pack_date, &mut out);
        self.fees.overdue(cutoff, pack_date, &mut out);
        self.certificates.overdue(cutoff, pack_date, &mut out);
        self.designation.overdue(cutoff, pack_date, &mut out);
        self.sanction.overdue(cutoff, pack_date, &mut out);
        self.learning_company.overdue(cutoff, pack_date, &mut out);
        self.learning_contract.overdue(cutoff, pack_date, &mut out);
        self.statistics.overdue(cutoff, pack_date, &mut out);
        self.bases.overdue(cutoff, pack_date, &mut out);
        out
    }

    pub(super) fn listings(&self) -> Vec<ParamListing> {
        let mut out = Vec::new();
        self.course_based.listings(&mut out);
        self.work_study.listings(&mut out);
        self.refund.listings(&mut out);
        self.fees.listings(&mut out);
        self.certificates.listings(&mut out);
        self.designation.listings(&mut out);
        self.sanction.listings(&mut out);
        self.learning_company.listings(&mut out);
        self.learning_contract.listings(&mut out);
        self.statistics.listings(&mut out);
        self.bases.listings(&mut out);
        out
    }
}

/// Every rule value in force on one date, resolved from a pack. Decisions take a `&Rules` and
/// record [`Rules::pack`] and [`Rules::basis`], so each decision says which rules made it.
///
/// # Example
/// ```
/// use cqnet_core::rules::{RuleDate, RulePack};
/// let day = "2026-03-02".parse().unwrap();
/// let rules = RulePack::embedded().rules_for(RuleDate::CohortStartedOn(day))?;
/// assert_eq!(rules.basis, RuleDate::CohortStartedOn(day));
/// assert_eq!(rules.pack.name, "cqnet-default");
/// # Ok::<(), cqnet_core::rules::RulePackError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Rules {
    /// The pack the values come from.
    pub pack: PackId,
    /// The date whose values these are.
    pub date: NaiveDate,
    /// Why that date: the evaluation date or the cohort's start.
    pub basis: RuleDate,
    /// 과정평가형 rules.
    pub course_based: CourseBasedRules,
    /// 일학습병행 rules.
    pub work_study: WorkStudyRules,
    /// Fee refund rules.
    pub refund: RefundRules,
    /// Evaluation fees.
    pub fees: FeeRules,
    /// Certificates: forms, authenticity checks, licences.
    pub certificates: CertificateRules,
    /// Course designation screening.
    pub designation: DesignationRules,
    /// Measures against designated courses and learning companies.
    pub sanction: SanctionRules,
    /// Learning-company requirements and company field teachers.
    pub learning_company: LearningCompanyRules,
    /// Learning-contract termination.
    pub learning_contract: LearningContractRules,
    /// How the published statistics are drawn up.
    pub statistics: StatisticsRules,
    /// The legal bases of checks that carry no value.
    pub bases: BasisRules,
}
