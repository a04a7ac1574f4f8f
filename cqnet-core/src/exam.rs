//! External evaluation rounds (외부평가): the yearly plans (시행계획) with their system codes,
//! exam numbers (수험번호), retakes (재응시, counted from the first sitting's announcement) and the
//! announcement of results (합격자발표).
//!
//! # Example
//! ```
//! use cqnet_core::exam::{check_plan_publication, ExamPlan, ExamPlanSpec, SystemCode};
//! use cqnet_core::{rules::RulePack, window::TimeWindow, QualificationCode, ReasonCode};
//! let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
//! let plan = ExamPlan::new(ExamPlanSpec {
//!     year: 2027,
//!     round: 1,
//!     system: SystemCode::W1,
//!     qualifications: vec![QualificationCode::new("2N0C")?],
//!     application_window: TimeWindow::new(t("2027-03-02T09:00:00+09:00"), t("2027-03-06T18:00:00+09:00"))?,
//!     first_day: "2027-03-20".parse().unwrap(),
//!     second_day: Some("2027-03-21".parse().unwrap()),
//!     announcement: t("2027-04-09T09:00:00+09:00"),
//!     published_on: "2027-01-04".parse().unwrap(),
//! })?;
//! let check = check_plan_publication(&plan, &RulePack::embedded().newest());
//! assert!(!check.accepted); // a regular 일학습병행 plan is due by 31 December of the year before
//! assert_eq!(check.reasons[0].code, ReasonCode::PlanPublishedLate);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Days, FixedOffset, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::rules::{Limit, RetakeLimit, Rule, Rules};
use crate::window::{TimeWindow, check_instant, korean_date};
use crate::{InputError, QualificationCode, Quantity, Reason, ReasonCode, RulesUsed, Track};

/// The system code of an evaluation plan (시행체계 코드, `implsysCd`).
///
/// # Example
/// ```
/// use cqnet_core::exam::SystemCode;
/// use cqnet_core::Track;
/// let code: SystemCode = "W3".parse()?;
/// assert_eq!(code.track(), Track::WorkStudy);
/// assert_eq!(code.korean_name(), "일학습병행 도제");
/// assert!(SystemCode::C2.is_ad_hoc());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SystemCode {
    /// 과정평가형 정기 (regular).
    C1,
    /// 과정평가형 수시 (ad hoc).
    C2,
    /// 일학습병행 정기 (regular).
    W1,
    /// 일학습병행 수시 (ad hoc).
    W2,
    /// 일학습병행 도제 (apprenticeship schools).
    W3,
}

impl SystemCode {
    /// The track the plan belongs to: `C…` codes are 과정평가형, `W…` codes 일학습병행.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::SystemCode;
    /// use cqnet_core::Track;
    /// assert_eq!(SystemCode::C2.track(), Track::CourseBased);
    /// assert_eq!(SystemCode::W1.track(), Track::WorkStudy);
    /// ```
    pub fn track(self) -> Track {
        match self {
            SystemCode::C1 | SystemCode::C2 => Track::CourseBased,
            SystemCode::W1 | SystemCode::W2 | SystemCode::W3 => Track::WorkStudy,
        }
    }

    /// Whether the plan is ad hoc (수시) rather than part of the yearly schedule (정기).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::SystemCode;
    /// assert!(SystemCode::W2.is_ad_hoc());
    /// assert!(!SystemCode::C1.is_ad_hoc());
    /// assert!(!SystemCode::W3.is_ad_hoc()); // 도제 rounds are scheduled
    /// ```
    pub fn is_ad_hoc(self) -> bool {
        matches!(self, SystemCode::C2 | SystemCode::W2)
    }

    /// The Korean name of the system (`과정평가형 정기`, `일학습병행 수시`, …).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::SystemCode;
    /// assert_eq!(SystemCode::C1.korean_name(), "과정평가형 정기");
    /// assert_eq!(SystemCode::W2.korean_name(), "일학습병행 수시");
    /// ```
    pub fn korean_name(self) -> &'static str {
        match self {
            SystemCode::C1 => "과정평가형 정기",
            SystemCode::C2 => "과정평가형 수시",
            SystemCode::W1 => "일학습병행 정기",
            SystemCode::W2 => "일학습병행 수시",
            SystemCode::W3 => "일학습병행 도제",
        }
    }
}

impl fmt::Display for SystemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl FromStr for SystemCode {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "C1" => SystemCode::C1,
            "C2" => SystemCode::C2,
            "W1" => SystemCode::W1,
            "W2" => SystemCode::W2,
            "W3" => SystemCode::W3,
            _ => {
                return Err(InputError::Unknown {
                    what: "system code",
                    value: InputError::quoted(s),
                    expected: "C1, C2, W1, W2, W3",
                });
            }
        })
    }
}

/// The parts of an evaluation plan (시행계획) of one round, before validation.
///
/// # Example
/// ```
/// use cqnet_core::exam::{ExamPlan, ExamPlanSpec};
/// let mut spec: ExamPlanSpec = ExamPlan::example().spec().clone();
/// spec.round = 2;
/// assert_eq!(ExamPlan::new(spec)?.id(), "2026-C1-02");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamPlanSpec {
    /// The year of the plan.
    pub year: i32,
    /// The round within the year and system (회차), from 1.
    pub round: u16,
    /// The system code.
    pub system: SystemCode,
    /// The qualifications (종목) the round covers.
    pub qualifications: Vec<QualificationCode>,
    /// The application window (원서접수 기간).
    pub application_window: TimeWindow,
    /// The first evaluation day (1차, written).
    pub first_day: NaiveDate,
    /// The second evaluation day (2차, practical), if separate.
    #[serde(default)]
    pub second_day: Option<NaiveDate>,
    /// When results are announced (합격자발표).
    pub announcement: DateTime<FixedOffset>,
    /// When the plan was published.
    pub published_on: NaiveDate,
}

/// A validated evaluation plan (시행계획) of one round.
///
/// # Errors
/// [`ExamPlan::new`] refuses: a year outside 2015–2100 or round 0; no qualification, or one
/// twice; a qualification code of the wrong track is not detectable and is not checked; an
/// application window that does not end before the first evaluation day (KST); a second day
/// before the first; an announcement before the last evaluation day, or outside
/// [`SUPPORTED_YEARS`](crate::window::SUPPORTED_YEARS); a plan published after its window opened.
///
/// # Example
/// ```
/// use cqnet_core::exam::ExamPlan;
/// let plan = ExamPlan::example();
/// assert_eq!(plan.id(), "2026-C1-01");
/// assert_eq!(plan.spec().second_day, Some("2026-03-21".parse().unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ExamPlanSpec", into = "ExamPlanSpec")]
pub struct ExamPlan {
    spec: ExamPlanSpec,
}

impl TryFrom<ExamPlanSpec> for ExamPlan {
    type Error = InputError;
    fn try_from(spec: ExamPlanSpec) -> Result<Self, Self::Error> {
        ExamPlan::new(spec)
    }
}

impl From<ExamPlan> for ExamPlanSpec {
    fn from(plan: ExamPlan) -> Self {
        plan.spec
    }
}

impl ExamPlan {
    /// Validates a plan.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for a year outside 2015–2100 or a round outside 1–99;
    /// [`InputError::Empty`] without qualifications; [`InputError::Duplicate`] for a
    /// qualification twice; [`InputError::Inconsistent`] when the dates are out of order (the
    /// window must close before the first day, the second day follow the first, the announcement
    /// follow the last day, and the plan be published before its window opens).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::ExamPlan;
    /// let mut spec = ExamPlan::example().spec().clone();
    /// assert!(ExamPlan::new(spec.clone()).is_ok());
    /// spec.second_day = Some("2026-03-19".parse().unwrap()); // before the first day
    /// assert!(ExamPlan::new(spec).is_err());
    /// ```
    pub fn new(mut spec: ExamPlanSpec) -> Result<Self, InputError> {
        spec.announcement = check_instant("announcement", spec.announcement)?;
        if !(2015..=2100).contains(&spec.year) {
            return Err(InputError::out_of_range("plan year", 2015, 2100, spec.year));
        }
        if spec.round == 0 || spec.round > 99 {
            return Err(InputError::out_of_range("round", 1, 99, spec.round));
        }
        if spec.qualifications.is_empty() {
            return Err(InputError::Empty {
                what: "qualifications of a plan",
            });
        }
        let mut seen = BTreeSet::new();
        if let Some(dup) = spec.qualifications.iter().find(|q| !seen.insert(*q)) {
            return Err(InputError::Duplicate {
                what: "qualification",
                key: dup.to_string(),
            });
        }
        if korean_date(spec.application_window.end()) >= spec.first_day {
            return Err(InputError::Inconsistent(format!(
                "the application window must close before the first evaluation day {}",
                spec.first_day
            )));
        }
        let last_day = spec.second_day.unwrap_or(spec.first_day);
        if last_day < spec.first_day {
            return Err(InputError::Inconsistent(format!(
                "the second evaluation day {last_day} is before the first {}",
                spec.first_day
            )));
        }
        if korean_date(spec.announcement) < last_day {
            return Err(InputError::Inconsistent(format!(
                "results are announced on {} before the last evaluation day {last_day}",
                korean_date(spec.announcement)
            )));
        }
        if spec.published_on > korean_date(spec.application_window.start()) {
            return Err(InputError::Inconsistent(format!(
                "the plan is published on {} after its application window opens",
                spec.published_on
            )));
        }
        Ok(ExamPlan { spec })
    }

    /// The plan's parts.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::exam::ExamPlan;
    /// let plan = ExamPlan::example();
    /// assert_eq!(plan.spec().round, 1);
    /// ```
    pub fn spec(&self) -> &ExamPlanSpec {
        &self.spec
    }

    /// The plan's identifier: year, system code and round (`2026-C1-01`).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::exam::ExamPlan;
    /// assert_eq!(ExamPlan::example().id(), "2026-C1-01");
    /// ```
    pub fn id(&self) -> String {
        format!(
            "{}-{}-{:02}",
            self.spec.year, self.spec.system, self.spec.round
        )
    }

    /// The track of the plan.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{exam::ExamPlan, Track};
    /// assert_eq!(ExamPlan::example().track(), Track::CourseBased);
    /// ```
    pub fn track(&self) -> Track {
        self.spec.system.track()
    }

    /// Whether the round covers `qualification`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{exam::ExamPlan, QualificationCode};
    /// assert!(ExamPlan::example().covers(&QualificationCode::new("1320")?));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn covers(&self, qualification: &QualificationCode) -> bool {
        self.spec.qualifications.contains(qualification)
    }

    /// Whether results may be shown to candidates at `now`: from the announcement instant on.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::exam::ExamPlan;
    /// let plan = ExamPlan::example();
    /// let at = plan.spec().announcement;
    /// assert!(plan.results_announced(at));
    /// assert!(!plan.results_announced(at - chrono::Duration::seconds(1)));
    /// ```
    pub fn results_announced(&self, now: DateTime<FixedOffset>) -> bool {
        now >= self.spec.announcement
    }

    /// A valid plan for documentation and tests: 2026 C1 round 1 for `1320`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::exam::ExamPlan;
    /// assert_eq!(ExamPlan::example().spec().year, 2026);
    /// ```
    pub fn example() -> Self {
        #[allow(clippy::expect_used)] // constant, valid example data
        let t = |s: &str| DateTime::parse_from_rfc3339(s).expect("valid instant");
        #[allow(clippy::expect_used)]
        let d = |s: &str| s.parse().expect("valid date");
        #[allow(clippy::expect_used)]
        ExamPlan::new(ExamPlanSpec {
            year: 2026,
            round: 1,
            system: SystemCode::C1,
            qualifications: vec![QualificationCode::example_course_based()],
            application_window: TimeWindow::new(
                t("2026-03-02T09:00:00+09:00"),
                t("2026-03-06T18:00:00+09:00"),
            )
            .expect("valid window"),
            first_day: d("2026-03-20"),
            second_day: Some(d("2026-03-21")),
            announcement: t("2026-04-10T09:00:00+09:00"),
            published_on: d("2025-12-15"),
        })
        .expect("the example plan is valid")
    }
}

/// Whether a plan keeps its deadlines (시행계획 공고 기한, 합격자 발표 기한), with every failing
/// check as a reason.
///
/// # Example
/// ```
/// use cqnet_core::exam::{check_plan_publication, ExamPlan};
/// use cqnet_core::rules::RulePack;
/// let check = check_plan_publication(&ExamPlan::example(), &RulePack::embedded().newest());
/// assert!(check.accepted);
/// assert!(check.reasons.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanCheck {
    /// No check failed.
    pub accepted: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Checks that a plan keeps its deadlines: a regular 일학습병행 plan (W1, W3) is published by the
/// pack's deadline in the year before (31 December; 시행령 제15조제1항; ad hoc plans (W2) and
/// 과정평가형 plans have no such deadline), and a 과정평가형 plan (C1, C2) announces its passers
/// within the pack's days after its last evaluation day (60; 국가기술자격법 시행령 제23조).
///
/// # Example
/// ```
/// use cqnet_core::exam::{check_plan_publication, ExamPlan, ExamPlanSpec};
/// use cqnet_core::{rules::RulePack, ReasonCode};
/// let rules = RulePack::embedded().newest();
/// let mut spec = ExamPlan::example().spec().clone(); // last evaluation day 2026-03-21
/// // 60 days after 21 March is 20 May.
/// spec.announcement = chrono::DateTime::parse_from_rfc3339("2026-05-20T09:00:00+09:00").unwrap();
/// assert!(check_plan_publication(&ExamPlan::new(spec.clone())?, &rules).accepted);
/// spec.announcement = chrono::DateTime::parse_from_rfc3339("2026-05-21T09:00:00+09:00").unwrap();
/// let late = check_plan_publication(&ExamPlan::new(spec)?, &rules);
/// assert_eq!(late.reasons[0].code, ReasonCode::AnnouncementTooLate);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn check_plan_publication(plan: &ExamPlan, rules: &Rules) -> PlanCheck {
    let mut reasons = Vec::new();
    let spec = &plan.spec;
    if spec.system.track() == Track::CourseBased {
        let within = &rules.course_based.announcement_within_days;
        let last_day = spec.second_day.unwrap_or(spec.first_day);
        let due = last_day
            .checked_add_days(Days::new(u64::from(within.value)))
            .unwrap_or(NaiveDate::MAX);
        let announced = korean_date(spec.announcement);
        if announced > due {
            reasons.push(
                Reason::new(ReasonCode::AnnouncementTooLate, within.basis.clone())
                    .measured(Quantity::Date(announced))
                    .required(Quantity::Date(due)),
            );
        }
    }
    if spec.system.track() == Track::WorkStudy && !spec.system.is_ad_hoc() {
        let deadline = &rules.work_study.plan_deadline;
        if let Some(due) = deadline.value.in_year(spec.year - 1)
            && spec.published_on > due
        {
            reasons.push(
                Reason::new(ReasonCode::PlanPublishedLate, deadline.basis.clone())
                    .measured(Quantity::Date(spec.published_on))
                    .required(Quantity::Date(due)),
            );
        }
    }
    PlanCheck {
        accepted: reasons.is_empty(),
        reasons,
        rules: RulesUsed::from(rules),
    }
}

/// An exam number (수험번호): the plan's year (2 digits), system code, round (2 digits) and a
/// sequence of 6 digits, such as `26C101000123`. The form is the library's own: CQ-Net's form
/// is not published. Numbers are unique per round when the store allocates the sequence.
///
/// # Errors
/// [`InputError::Malformed`] for any other form.
///
/// # Example
/// ```
/// use cqnet_core::exam::{ExamNumber, ExamPlan};
/// let n = ExamNumber::compose(&ExamPlan::example(), 123)?;
/// assert_eq!(n.as_str(), "26C101000123");
/// assert_eq!(n.sequence(), 123);
/// assert_eq!("26C101000123".parse::<ExamNumber>()?, n);
/// assert!("26X101000123".parse::<ExamNumber>().is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExamNumber(String);

impl ExamNumber {
    /// The exam number (수험번호) of the `sequence`-th application of a round (1 to 999,999).
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for a sequence of 0 or above 999,999.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::{ExamNumber, ExamPlan};
    /// let plan = ExamPlan::example();
    /// assert_eq!(ExamNumber::compose(&plan, 1)?.as_str(), "26C101000001");
    /// assert!(ExamNumber::compose(&plan, 1_000_000).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn compose(plan: &ExamPlan, sequence: u32) -> Result<Self, InputError> {
        ExamNumberPrefix::of(plan).number(sequence)
    }

    /// Parses and checks an exam number (수험번호): 2-digit year, system code, 2-digit round and
    /// 6-digit sequence.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for any other form.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::ExamNumber;
    /// assert_eq!(ExamNumber::new("27W203000015")?.sequence(), 15);
    /// assert!(ExamNumber::new("27W20300001").is_err()); // 11 characters
    /// assert!(ExamNumber::new("27C900000015").is_err()); // no such system code
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let ok = text.len() == 12
            && text.is_ascii()
            && text[..2].bytes().all(|b| b.is_ascii_digit())
            && text[2..4].parse::<SystemCode>().is_ok()
            && text[4..].bytes().all(|b| b.is_ascii_digit())
            && &text[6..] != "000000"
            && &text[4..6] != "00";
        if !ok {
            return Err(InputError::Malformed {
                what: "exam number",
                value: InputError::quoted(text),
                expected: "YY + system code + 2-digit round + 6-digit sequence, such as 26C101000123",
            });
        }
        Ok(ExamNumber(text.to_owned()))
    }

    /// The sequence within the round: the last six digits.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::ExamNumber;
    /// assert_eq!(ExamNumber::new("26C101004711")?.sequence(), 4711);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn sequence(&self) -> u32 {
        self.0[6..].parse().unwrap_or(0)
    }

    /// The text of the number, as printed on the admission ticket (수험표).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::{ExamNumber, ExamPlan};
    /// let n = ExamNumber::compose(&ExamPlan::example(), 42)?;
    /// assert_eq!(n.as_str(), "26C101000042");
    /// assert_eq!(n.as_str(), n.to_string());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The part every exam number of a round shares: the plan's year (2 digits), system code and
/// round (2 digits), such as `26C101`. A store that allocates the sequence inside its own
/// transaction (or inside the database) takes the prefix from here and appends the sequence on
/// [`ExamNumberPrefix::SEQUENCE_DIGITS`] digits, so that the layout lives in one place.
///
/// # Example
/// ```
/// use cqnet_core::exam::{ExamNumber, ExamNumberPrefix, ExamPlan};
/// let plan = ExamPlan::example();
/// let prefix = ExamNumberPrefix::of(&plan);
/// assert_eq!(prefix.as_str(), "26C101");
/// assert_eq!(ExamNumberPrefix::of_plan_id(&plan.id())?, prefix);
/// assert_eq!(prefix.number(123)?, ExamNumber::compose(&plan, 123)?);
/// assert!(prefix.number(0).is_err());
/// assert!(ExamNumberPrefix::of_plan_id("2026-X1-01").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExamNumberPrefix(String);

impl ExamNumberPrefix {
    /// The digits of the sequence after the prefix.
    pub const SEQUENCE_DIGITS: usize = 6;

    /// The highest sequence of a round.
    pub const MAX_SEQUENCE: u32 = 999_999;

    /// The prefix of a plan's exam numbers: year (2 digits), system code and round (2 digits).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::{ExamNumberPrefix, ExamPlan};
    /// let mut spec = ExamPlan::example().spec().clone();
    /// spec.round = 12;
    /// assert_eq!(ExamNumberPrefix::of(&ExamPlan::new(spec)?).as_str(), "26C112");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn of(plan: &ExamPlan) -> Self {
        let s = &plan.spec;
        ExamNumberPrefix(format!("{:02}{}{:02}", s.year % 100, s.system, s.round))
    }

    /// The prefix of the exam numbers of the plan whose identifier ([`ExamPlan::id`]) is `id`,
    /// such as `2026-C1-01`.
    ///
    /// # Errors
    /// [`InputError::Malformed`] when `id` is not a plan identifier (year, system code and
    /// round 01 to 99, joined by `-`).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::ExamNumberPrefix;
    /// assert_eq!(ExamNumberPrefix::of_plan_id("2027-W3-05")?.as_str(), "27W305");
    /// assert!(ExamNumberPrefix::of_plan_id("2027-W3-00").is_err());
    /// assert!(ExamNumberPrefix::of_plan_id("27-W3-05").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn of_plan_id(id: &str) -> Result<Self, InputError> {
        let malformed = || InputError::Malformed {
            what: "round identifier",
            value: id.chars().take(32).collect(),
            expected: "year-system-round, such as 2026-C1-01",
        };
        let mut parts = id.split('-');
        let (Some(year), Some(system), Some(round), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed());
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(round, 2) || round == "00" {
            return Err(malformed());
        }
        let system: SystemCode = system.parse().map_err(|_| malformed())?;
        Ok(ExamNumberPrefix(format!("{}{system}{round}", &year[2..])))
    }

    /// The text of the prefix (`26C101`).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::ExamNumberPrefix;
    /// let prefix = ExamNumberPrefix::of_plan_id("2026-C2-03")?;
    /// assert_eq!(prefix.as_str(), "26C203");
    /// assert_eq!(prefix.as_str().len(), 6);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number of the `sequence`-th application of the round (1 to
    /// [`ExamNumberPrefix::MAX_SEQUENCE`]), the sequence written on
    /// [`ExamNumberPrefix::SEQUENCE_DIGITS`] digits.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for a sequence of 0 or above the highest.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::ExamNumberPrefix;
    /// let prefix = ExamNumberPrefix::of_plan_id("2026-C1-01")?;
    /// assert_eq!(prefix.number(ExamNumberPrefix::MAX_SEQUENCE)?.as_str(), "26C101999999");
    /// assert!(prefix.number(ExamNumberPrefix::MAX_SEQUENCE + 1).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn number(&self, sequence: u32) -> Result<ExamNumber, InputError> {
        if !(1..=Self::MAX_SEQUENCE).contains(&sequence) {
            return Err(InputError::out_of_range(
                "exam number sequence",
                1,
                Self::MAX_SEQUENCE,
                sequence,
            ));
        }
        let width = Self::SEQUENCE_DIGITS;
        Ok(ExamNumber(format!("{}{sequence:0width$}", self.0)))
    }
}

impl fmt::Display for ExamNumberPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks that a result may still change: a finalised result (결과 확정) does not, and the
/// failing check is `results_finalised`.
///
/// # Example
/// ```
/// use cqnet_core::exam::check_result_open;
/// use cqnet_core::{ReasonCode, rules::RulePack};
/// let rules = RulePack::embedded().newest();
/// assert!(check_result_open(false, &rules).is_empty());
/// assert_eq!(check_result_open(true, &rules)[0].code, ReasonCode::ResultsFinalised);
/// ```
pub fn check_result_open(finalised: bool, rules: &Rules) -> Vec<Reason> {
    if !finalised {
        return Vec::new();
    }
    vec![Reason::new(
        ReasonCode::ResultsFinalised,
        rules.bases.results_final.basis.clone(),
    )]
}

impl fmt::Display for ExamNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for ExamNumber {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ExamNumber::new(s)
    }
}

impl Serialize for ExamNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ExamNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ExamNumber::new(&text).map_err(serde::de::Error::custom)
    }
}

/// Whether a candidate who did not pass may take one more attempt at the external evaluation
/// of a track, under the pack's retake limits (재응시, 국가기술자격법 시행령 제20조의2제4항).
///
/// `previous_attempts` counts the rounds already sat; `first_sitting_announced` is the
/// announcement date (합격자 공고일) of the first external evaluation sat after completing the
/// course, if any. The window includes its last day, `window_months` calendar months after
/// that announcement.
///
/// # Example
/// ```
/// use cqnet_core::exam::check_retake;
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::{ReasonCode, Track};
/// let rules = RulePack::embedded().newest();
/// let announced = Some("2025-04-10".parse().unwrap());
/// // No limit on attempts; two years from the first announcement.
/// assert!(check_retake(Track::CourseBased, 5, announced, "2027-04-10".parse().unwrap(), &rules).is_empty());
/// let late = check_retake(Track::CourseBased, 5, announced, "2027-04-11".parse().unwrap(), &rules);
/// assert_eq!(late[0].code, ReasonCode::RetakeWindowClosed);
/// ```
pub fn check_retake(
    track: Track,
    previous_attempts: u32,
    first_sitting_announced: Option<NaiveDate>,
    evaluation_day: NaiveDate,
    rules: &Rules,
) -> Vec<Reason> {
    let rule = retake_rule(track, rules);
    let mut reasons = Vec::new();
    let attempts = u64::from(previous_attempts) + 1;
    if !rule.value.max_attempts.allows(attempts) {
        reasons.push(
            Reason::new(ReasonCode::RetakeLimitReached, rule.basis.clone())
                .measured(Quantity::Count(attempts))
                .required(Quantity::Count(match rule.value.max_attempts {
                    Limit::AtMost(n) => u64::from(n),
                    Limit::Unlimited => u64::MAX,
                })),
        );
    }
    if let Some(announced) = first_sitting_announced {
        reasons.extend(window_closed(rule, announced, evaluation_day));
    }
    reasons
}

fn retake_rule(track: Track, rules: &Rules) -> &Rule<RetakeLimit> {
    match track {
        Track::CourseBased => &rules.course_based.retake_limit,
        Track::WorkStudy => &rules.work_study.retake_limit,
    }
}

/// The last day of the window: the announcement plus `window_months` calendar months (a day
/// past the month's end falls back to its last day, so 29 February to 28 February).
fn last_day(limit: RetakeLimit, announced: NaiveDate) -> Option<NaiveDate> {
    match limit.window_months {
        Limit::Unlimited => None,
        Limit::AtMost(months) => Some(
            announced
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX),
        ),
    }
}

fn window_closed(
    rule: &Rule<RetakeLimit>,
    announced: NaiveDate,
    evaluation_day: NaiveDate,
) -> Option<Reason> {
    let last = last_day(rule.value, announced)?;
    (evaluation_day > last).then(|| {
        Reason::new(ReasonCode::RetakeWindowClosed, rule.basis.clone())
            .measured(Quantity::Date(evaluation_day))
            .required(Quantity::Date(last))
    })
}

/// The decision on sitting an external evaluation again within the retake window.
///
/// # Example
/// ```
/// use cqnet_core::exam::decide_retake_window;
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::Track;
/// let rules = RulePack::embedded().newest();
/// let d = |s: &str| s.parse().unwrap();
/// let decision = decide_retake_window(Track::WorkStudy, d("2026-01-09"), d("2026-07-01"), &rules)?;
/// assert!(decision.allowed && decision.reasons.is_empty());
/// assert_eq!(decision.last_day, Some(d("2027-01-09")));
/// assert_eq!(decision.rules.pack.name, "cqnet-default");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RetakeWindowDecision {
    /// The evaluation day lies within the window.
    pub allowed: bool,
    /// The window's last day, included; `None` when the pack sets no window.
    pub last_day: Option<NaiveDate>,
    /// Every failing check (`retake_window_closed`).
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Whether an external evaluation held on `evaluation_day` lies within the retake window
/// (재응시 기간) that opened with the announcement (합격자 공고일) of the first external evaluation
/// sat after completion: 2 years for 과정평가형 (국가기술자격법 시행령 제20조의2제4항), 1 year for
/// 일학습병행 (secondary), with no limit on attempts in either.
///
/// # Errors
/// [`InputError::Inconsistent`] when `evaluation_day` is on or before `first_sitting_announced`:
/// a retake follows the announcement of the sitting it retakes.
///
/// # Example
/// ```
/// use cqnet_core::exam::decide_retake_window;
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::{ReasonCode, Track};
/// let rules = RulePack::embedded().newest();
/// let d = |s: &str| s.parse().unwrap();
/// let open = decide_retake_window(Track::CourseBased, d("2026-05-15"), d("2028-05-15"), &rules)?;
/// assert!(open.allowed);
/// assert_eq!(open.last_day, Some(d("2028-05-15")));
/// let closed = decide_retake_window(Track::WorkStudy, d("2025-09-05"), d("2026-09-06"), &rules)?;
/// assert_eq!(closed.reasons[0].code, ReasonCode::RetakeWindowClosed);
/// assert!(decide_retake_window(Track::CourseBased, d("2026-05-15"), d("2026-05-15"), &rules).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide_retake_window(
    track: Track,
    first_sitting_announced: NaiveDate,
    evaluation_day: NaiveDate,
    rules: &Rules,
) -> Result<RetakeWindowDecision, InputError> {
    if evaluation_day <= first_sitting_announced {
        return Err(InputError::Inconsistent(format!(
            "the evaluation day {evaluation_day} is not after the first sitting's announcement {first_sitting_announced}"
        )));
    }
    let rule = retake_rule(track, rules);
    let reasons: Vec<Reason> = window_closed(rule, first_sitting_announced, evaluation_day)
        .into_iter()
        .collect();
    Ok(RetakeWindowDecision {
        allowed: reasons.is_empty(),
        last_day: last_day(rule.value, first_sitting_announced),
        reasons,
        rules: RulesUsed::from(rules),
    })
}
