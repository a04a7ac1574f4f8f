//! Certificates (자격증): issuing (발급), reissue (재발급), revocation (자격 취소), authenticity
//! checks (진위확인), confirmation documents (자격취득사실 확인서) and licence information
//! (면허발급대상).
//!
//! Everything here is pure. The store allocates numbers, keeps every issue of a qualification
//! number (an append-only history: a reissue records which document it supersedes, a
//! revocation records when, why and who) and hands that history to these functions together
//! with `now`.
//!
//! - [`decide_issue`] decides whether a certificate may be issued for a pass: only a finalised
//!   pass, only in a form the track offers on the issue date. Issuing once is the store's
//!   concern; [`IssueKey`] is the deterministic key it stores the issue under.
//! - [`decide_reissue`] and [`Certificate::reissue`] make a new issue that supersedes the old.
//! - [`decide_revocation`] cancels a qualification (fraud, lending) after a hearing; it verifies
//!   as revoked from that instant.
//! - [`verify`] and [`verify_confirmation`] answer an authenticity check with the fewest fields:
//!   valid, superseded, revoked, or no match, and the same no-match answer whatever was wrong. A
//!   confirmation document is checked by its number and its check code ([`ConfirmationCode`],
//!   an HMAC under the host's [`ConfirmationSecret`]), so its numbers cannot be walked.
//! - [`CertificateView`] shows a certificate with the licence it leads to, if any.
//!
//! # Example
//! ```
//! use cqnet_core::certificate::*;
//! use cqnet_core::rules::RulePack;
//! let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
//! let rules = RulePack::embedded().rules_at("2026-05-01".parse().unwrap())?;
//! let request = IssueRequest::example();
//! let decision = decide_issue(&request, &rules)?;
//! assert!(decision.issuable);
//!
//! let issued_at = t("2026-05-01T10:30:00+09:00");
//! let certificate = Certificate::issue(&request, &decision, Allocation {
//!     number: QualificationNumber::compose("2026-04-10".parse().unwrap(), 123)?,
//!     management_number: ManagementNumber::compose(issued_at, 1, 42)?,
//!     inner_page_number: None,
//!     issued_at,
//! })?;
//! let record = QualificationRecord::new(certificate.number().clone(), request.pass.track, vec![certificate.clone()], None)?;
//!
//! let query = VerificationQuery {
//!     number: certificate.number().clone(),
//!     issue_date: "2026-05-01".parse().unwrap(),
//!     document: DocumentRef::ManagementNumber(certificate.management_number().clone()),
//! };
//! let answer = verify(&query, Some(&record), t("2026-06-01T00:00:00+09:00"), &rules);
//! assert_eq!(answer.status, VerificationStatus::Valid);
//! assert_eq!(answer.disclosure.unwrap().holder_name.as_str(), "김민준");
//!
//! let wrong_day = VerificationQuery { issue_date: "2026-05-02".parse().unwrap(), ..query };
//! assert_eq!(verify(&wrong_day, Some(&record), t("2026-06-01T00:00:00+09:00"), &rules), VerificationAnswer::no_match());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod confirmation;
mod constant_time;

use constant_time::{same_bytes, same_day};
mod ids;
mod rules;
mod standing;

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Timelike};
use serde::{Deserialize, Serialize};

pub use confirmation::{
    ConfirmationCode, ConfirmationDocument, ConfirmationQuery, ConfirmationSecret,
    confirmation_verifiable_until, mask_name, verify_confirmation,
};
pub use ids::{ConfirmationNumber, InnerPageNumber, ManagementNumber, QualificationNumber};
pub use rules::{CertificateForm, FormSet, LicenceRule, LicenceRules, NamePattern};
pub use standing::{
    MAX_REVOCATION_NOTE_CHARS, ResultFacts, check_confirmation, check_export,
    check_revocation_note, pass_status,
};

use crate::access::{Action, Actor, PartyId, Target, authorize};
use crate::rules::Rules;
use crate::window::{check_instant, korean_date, kst, writable};
use crate::{
    Grade, Hours, InputError, LegalBasis, Message, QualificationCode, Quantity, Reason, ReasonCode,
    RulesUsed, Track, UnitCode, WorkStudyQualificationName,
};

/// A name as printed on a certificate (a holder, qualification, institution or competency
/// unit): 1 to 100 characters, no blanks at either end, and nothing that could make two names
/// look alike: no control, bidirectional (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
/// U+061C) or zero-width (U+200B–U+200D, U+2060, U+FEFF) character.
///
/// # Errors
/// [`InputError::HiddenCharacter`] for such a character; [`InputError::Malformed`] for
/// anything else.
///
/// # Example
/// ```
/// use cqnet_core::certificate::PrintedName;
/// use cqnet_core::InputError;
/// assert_eq!(PrintedName::new("김민준")?.as_str(), "김민준");
/// assert!(PrintedName::new(" 김민준").is_err());
/// let hidden = PrintedName::new("김민\u{200B}준").unwrap_err();
/// assert!(matches!(hidden, InputError::HiddenCharacter { what: "printed name", position: 3, .. }));
/// assert!(PrintedName::new("").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PrintedName(String);

impl PrintedName {
    /// Checks a name as it will be printed (성명, 자격명, 기관명 or 능력단위명).
    ///
    /// # Errors
    /// [`InputError::HiddenCharacter`] for a name holding a control, bidirectional or
    /// zero-width character; [`InputError::Malformed`] for an empty name, one over 100
    /// characters or one with blanks at either end.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::PrintedName;
    /// assert_eq!(PrintedName::new("정보처리산업기사")?.as_str(), "정보처리산업기사");
    /// assert!(PrintedName::new("김민준 ").is_err());
    /// assert!(PrintedName::new(&"가".repeat(101)).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        crate::text::check_visible("printed name", text)?;
        let ok = !text.is_empty() && text.chars().count() <= 100 && text.trim() == text;
        if !ok {
            return Err(InputError::Malformed {
                what: "printed name",
                value: InputError::quoted(text),
                expected: "1 to 100 characters, no blanks at either end",
            });
        }
        Ok(PrintedName(text.to_owned()))
    }

    /// A valid name for documentation and tests: `김민준`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::PrintedName;
    /// assert_eq!(PrintedName::example().as_str(), "김민준");
    /// ```
    pub fn example() -> Self {
        PrintedName("김민준".to_owned())
    }
}
ids::id_newtype!(PrintedName);

/// A training period (훈련기간), first and last day inclusive.
///
/// # Errors
/// [`InputError::Inconsistent`] when the last day is before the first.
///
/// # Example
/// ```
/// use cqnet_core::certificate::TrainingPeriod;
/// let p = TrainingPeriod::new("2025-09-01".parse().unwrap(), "2026-02-27".parse().unwrap())?;
/// assert_eq!(p.to_string(), "2025-09-01 ~ 2026-02-27");
/// assert!(TrainingPeriod::new(p.last(), p.first().pred_opt().unwrap()).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodWire", into = "PeriodWire")]
pub struct TrainingPeriod {
    first: NaiveDate,
    last: NaiveDate,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodWire {
    first: NaiveDate,
    last: NaiveDate,
}

impl TryFrom<PeriodWire> for TrainingPeriod {
    type Error = InputError;
    fn try_from(w: PeriodWire) -> Result<Self, Self::Error> {
        TrainingPeriod::new(w.first, w.last)
    }
}

impl From<TrainingPeriod> for PeriodWire {
    fn from(p: TrainingPeriod) -> Self {
        PeriodWire {
            first: p.first,
            last: p.last,
        }
    }
}

impl TrainingPeriod {
    /// A period from `first` to `last`, both included; a one-day period has `first == last`.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when `last` is before `first`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::TrainingPeriod;
    /// let day = "2026-03-02".parse().unwrap();
    /// assert_eq!(TrainingPeriod::new(day, day)?.to_string(), "2026-03-02 ~ 2026-03-02");
    /// assert!(TrainingPeriod::new(day, "2026-03-01".parse().unwrap()).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(first: NaiveDate, last: NaiveDate) -> Result<Self, InputError> {
        if last < first {
            return Err(InputError::Inconsistent(format!(
                "a training period ends ({last}) before it starts ({first})"
            )));
        }
        Ok(TrainingPeriod { first, last })
    }

    /// The first day of training (훈련 시작일).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::TrainingPeriod;
    /// let p = TrainingPeriod::new("2025-09-01".parse().unwrap(), "2026-02-27".parse().unwrap())?;
    /// assert_eq!(p.first().to_string(), "2025-09-01");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn first(&self) -> NaiveDate {
        self.first
    }

    /// The last day of training (훈련 종료일), included in the period.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::TrainingPeriod;
    /// let p = TrainingPeriod::new("2025-09-01".parse().unwrap(), "2026-02-27".parse().unwrap())?;
    /// assert_eq!(p.last().to_string(), "2026-02-27");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn last(&self) -> NaiveDate {
        self.last
    }
}

impl fmt::Display for TrainingPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ~ {}", self.first, self.last)
    }
}

/// A competency unit (능력단위) as printed on a certificate: its code and name.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{CompetencyUnit, PrintedName};
/// use cqnet_core::UnitCode;
/// let unit = CompetencyUnit { code: UnitCode::example(), name: PrintedName::new("요구사항 확인")? };
/// assert_eq!(unit.code.ncs().unwrap().classification(), "15010202");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetencyUnit {
    /// The NCS competency unit code, or a local code.
    pub code: UnitCode,
    /// The unit's name.
    pub name: PrintedName,
}

fn check_units(units: &[CompetencyUnit], required: bool) -> Result<(), InputError> {
    if required && units.is_empty() {
        return Err(InputError::Empty {
            what: "competency units of a certificate",
        });
    }
    let mut seen = BTreeSet::new();
    if let Some(dup) = units.iter().find(|u| !seen.insert(&u.code)) {
        return Err(InputError::Duplicate {
            what: "competency unit",
            key: dup.code.to_string(),
        });
    }
    Ok(())
}

/// What a 과정평가형 certificate records beyond the pass: the qualification, the training
/// institution (교육·훈련기관), the training period, the completed hours and the NCS competency
/// units.
///
/// # Errors
/// [`InputError::Empty`] without units; [`InputError::Duplicate`] for a unit twice;
/// [`InputError::NotPositive`] for zero completed hours.
///
/// # Example
/// ```
/// use cqnet_core::certificate::CourseContent;
/// let content = CourseContent::example();
/// assert_eq!(content.qualification_name().as_str(), "정보처리산업기사");
/// assert_eq!(content.units().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CourseContentSpec", into = "CourseContentSpec")]
pub struct CourseContent {
    spec: CourseContentSpec,
}

/// The parts of a [`CourseContent`], before validation.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{CourseContent, CourseContentSpec};
/// let spec: CourseContentSpec = CourseContent::example().into();
/// assert_eq!(CourseContent::new(spec)?, CourseContent::example());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseContentSpec {
    /// The qualification's name (`정보처리산업기사`).
    pub qualification_name: PrintedName,
    /// The grade (등급), when the qualification has one.
    #[serde(default)]
    pub grade: Option<Grade>,
    /// The training institution.
    pub institution: PrintedName,
    /// The training period.
    pub training_period: TrainingPeriod,
    /// The hours completed (이수시간).
    pub completed_hours: Hours,
    /// The competency units taught and evaluated.
    pub units: Vec<CompetencyUnit>,
}

impl TryFrom<CourseContentSpec> for CourseContent {
    type Error = InputError;
    fn try_from(spec: CourseContentSpec) -> Result<Self, Self::Error> {
        CourseContent::new(spec)
    }
}

impl From<CourseContent> for CourseContentSpec {
    fn from(c: CourseContent) -> Self {
        c.spec
    }
}

impl CourseContent {
    /// Validates course-based content.
    ///
    /// # Errors
    /// [`InputError::Empty`] without units; [`InputError::Duplicate`] for a unit twice;
    /// [`InputError::NotPositive`] for zero completed hours.
    ///
    /// # Example
    /// See [`CourseContentSpec`].
    pub fn new(spec: CourseContentSpec) -> Result<Self, InputError> {
        check_units(&spec.units, true)?;
        if spec.completed_hours.is_zero() {
            return Err(InputError::NotPositive {
                what: "completed hours",
            });
        }
        Ok(CourseContent { spec })
    }

    /// The qualification's name as printed (자격종목명, `정보처리산업기사`).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::CourseContent;
    /// assert_eq!(CourseContent::example().qualification_name().as_str(), "정보처리산업기사");
    /// ```
    pub fn qualification_name(&self) -> &PrintedName {
        &self.spec.qualification_name
    }

    /// The grade, if any.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{certificate::CourseContent, Grade};
    /// assert_eq!(CourseContent::example().grade(), Some(Grade::IndustrialEngineer));
    /// ```
    pub fn grade(&self) -> Option<Grade> {
        self.spec.grade
    }

    /// The training institution.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::CourseContent;
    /// assert!(CourseContent::example().institution().as_str().contains("직업전문학교"));
    /// ```
    pub fn institution(&self) -> &PrintedName {
        &self.spec.institution
    }

    /// The training period.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::CourseContent;
    /// assert_eq!(CourseContent::example().training_period().first().to_string(), "2025-09-01");
    /// ```
    pub fn training_period(&self) -> TrainingPeriod {
        self.spec.training_period
    }

    /// The hours completed.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::CourseContent;
    /// assert_eq!(CourseContent::example().completed_hours().to_string(), "600");
    /// ```
    pub fn completed_hours(&self) -> Hours {
        self.spec.completed_hours
    }

    /// The NCS competency units (능력단위) taught and evaluated, in the order printed; never empty.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::CourseContent;
    /// let content = CourseContent::example();
    /// assert_eq!(content.units().len(), 2);
    /// assert!(content.units().iter().all(|u| u.code.ncs().is_some()));
    /// ```
    pub fn units(&self) -> &[CompetencyUnit] {
        &self.spec.units
    }

    /// Valid content for documentation and tests: 정보처리산업기사 at a training school, 600 hours,
    /// two units.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{CourseContent, CourseContentSpec};
    /// let content = CourseContent::example();
    /// assert_eq!(content.completed_hours(), cqnet_core::Hours::whole(600)?);
    /// // the example passes the same checks as any other content
    /// assert_eq!(CourseContent::new(CourseContentSpec::from(content.clone()))?, content);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn example() -> Self {
        #[allow(clippy::expect_used)] // constant, valid example data
        let name = |s: &str| PrintedName::new(s).expect("valid example name");
        #[allow(clippy::expect_used)]
        let code = |s: &str| UnitCode::new(s).expect("valid example code");
        #[allow(clippy::expect_used)]
        let period = TrainingPeriod::new(
            NaiveDate::from_ymd_opt(2025, 9, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2026, 2, 27).unwrap_or_default(),
        )
        .expect("valid example period");
        CourseContent {
            spec: CourseContentSpec {
                qualification_name: name("정보처리산업기사"),
                grade: Some(Grade::IndustrialEngineer),
                institution: name("한빛직업전문학교"),
                training_period: period,
                completed_hours: Hours::whole(600).unwrap_or_default(),
                units: vec![
                    CompetencyUnit {
                        code: code("2001020201_16v4"),
                        name: name("요구사항 확인"),
                    },
                    CompetencyUnit {
                        code: code("2001020205_16v4"),
                        name: name("화면 구현"),
                    },
                ],
            },
        }
    }
}

/// What a 일학습병행 certificate records beyond the pass: its `{직종}_L{n}` qualification and,
/// optionally, the competency units evaluated.
///
/// # Errors
/// [`InputError::Duplicate`] for a unit listed twice.
///
/// # Example
/// ```
/// use cqnet_core::certificate::WorkStudyContent;
/// use cqnet_core::WorkStudyQualificationName;
/// let content = WorkStudyContent::new(WorkStudyQualificationName::example(), vec![])?;
/// assert_eq!(content.qualification().level().get(), 3);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WorkStudyWire", into = "WorkStudyWire")]
pub struct WorkStudyContent {
    qualification: WorkStudyQualificationName,
    units: Vec<CompetencyUnit>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkStudyWire {
    qualification: WorkStudyQualificationName,
    #[serde(default)]
    units: Vec<CompetencyUnit>,
}

impl TryFrom<WorkStudyWire> for WorkStudyContent {
    type Error = InputError;
    fn try_from(w: WorkStudyWire) -> Result<Self, Self::Error> {
        WorkStudyContent::new(w.qualification, w.units)
    }
}

impl From<WorkStudyContent> for WorkStudyWire {
    fn from(c: WorkStudyContent) -> Self {
        WorkStudyWire {
            qualification: c.qualification,
            units: c.units,
        }
    }
}

impl WorkStudyContent {
    /// Validates work-study content: the qualification (`CNC밀링가공_L3`) and, if listed, its
    /// competency units (능력단위); unlike course-based content the list may be empty.
    ///
    /// # Errors
    /// [`InputError::Duplicate`] for a unit listed twice.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{CompetencyUnit, PrintedName, WorkStudyContent};
    /// use cqnet_core::{UnitCode, WorkStudyQualificationName};
    /// let unit = CompetencyUnit { code: UnitCode::example(), name: PrintedName::new("요구사항 확인")? };
    /// let content = WorkStudyContent::new(WorkStudyQualificationName::example(), vec![unit.clone()])?;
    /// assert_eq!(content.units(), &[unit.clone()]);
    /// assert!(WorkStudyContent::new(WorkStudyQualificationName::example(), vec![unit.clone(), unit]).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        qualification: WorkStudyQualificationName,
        units: Vec<CompetencyUnit>,
    ) -> Result<Self, InputError> {
        check_units(&units, false)?;
        Ok(WorkStudyContent {
            qualification,
            units,
        })
    }

    /// The work-study qualification (일학습병행자격), named by NCS classification and level
    /// (`CNC밀링가공_L3`).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::WorkStudyContent;
    /// use cqnet_core::WorkStudyQualificationName;
    /// let content = WorkStudyContent::new(WorkStudyQualificationName::example(), vec![])?;
    /// assert_eq!(content.qualification(), &WorkStudyQualificationName::example());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn qualification(&self) -> &WorkStudyQualificationName {
        &self.qualification
    }

    /// The competency units, if listed.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{certificate::WorkStudyContent, WorkStudyQualificationName};
    /// assert!(WorkStudyContent::new(WorkStudyQualificationName::example(), vec![])?.units().is_empty());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn units(&self) -> &[CompetencyUnit] {
        &self.units
    }
}

/// What a certificate records beyond the pass, by track.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{CertificateContent, CourseContent};
/// use cqnet_core::Track;
/// let content = CertificateContent::CourseBased(CourseContent::example());
/// assert_eq!(content.track(), Track::CourseBased);
/// assert_eq!(content.qualification_name(), "정보처리산업기사");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "track", rename_all = "snake_case")]
pub enum CertificateContent {
    /// 과정평가형.
    CourseBased(CourseContent),
    /// 일학습병행.
    WorkStudy(WorkStudyContent),
}

impl CertificateContent {
    /// The track the content belongs to: 과정평가형 for course content, 일학습병행 for work-study
    /// content.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{CertificateContent, WorkStudyContent};
    /// use cqnet_core::{Track, WorkStudyQualificationName};
    /// let content = CertificateContent::WorkStudy(WorkStudyContent::new(WorkStudyQualificationName::example(), vec![])?);
    /// assert_eq!(content.track(), Track::WorkStudy);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn track(&self) -> Track {
        match self {
            CertificateContent::CourseBased(_) => Track::CourseBased,
            CertificateContent::WorkStudy(_) => Track::WorkStudy,
        }
    }

    /// The qualification's name as printed (자격종목명), whichever the track.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{CertificateContent, WorkStudyContent};
    /// use cqnet_core::WorkStudyQualificationName;
    /// let name = WorkStudyQualificationName::example();
    /// let content = CertificateContent::WorkStudy(WorkStudyContent::new(name.clone(), vec![])?);
    /// assert_eq!(content.qualification_name(), name.as_str());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn qualification_name(&self) -> &str {
        match self {
            CertificateContent::CourseBased(c) => c.qualification_name().as_str(),
            CertificateContent::WorkStudy(w) => w.qualification().as_str(),
        }
    }

    /// The competency units.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::{CertificateContent, CourseContent};
    /// assert_eq!(CertificateContent::CourseBased(CourseContent::example()).units().len(), 2);
    /// ```
    pub fn units(&self) -> &[CompetencyUnit] {
        match self {
            CertificateContent::CourseBased(c) => c.units(),
            CertificateContent::WorkStudy(w) => w.units(),
        }
    }
}

/// Where a candidate's result stands.
///
/// # Example
/// ```
/// use cqnet_core::certificate::PassStatus;
/// let s: PassStatus = serde_json::from_str(r#"{"status":"passed","pass_date":"2026-04-10"}"#).unwrap();
/// assert_eq!(s.pass_date(), Some("2026-04-10".parse().unwrap()));
/// assert_eq!(PassStatus::NotFinalised.pass_date(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PassStatus {
    /// The round's results are not finalised (결과 미확정).
    NotFinalised,
    /// Finalised, not passed (불합격).
    Failed,
    /// Finalised and passed (최종합격), effective on `pass_date`.
    Passed {
        /// The pass date printed on the certificate (합격연월일).
        pass_date: NaiveDate,
    },
}

impl PassStatus {
    /// The pass date (합격연월일) when finalised and passed; `None` when failed or not finalised.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::PassStatus;
    /// let day = "2026-04-10".parse().unwrap();
    /// assert_eq!(PassStatus::Passed { pass_date: day }.pass_date(), Some(day));
    /// assert_eq!(PassStatus::Failed.pass_date(), None);
    /// ```
    pub fn pass_date(self) -> Option<NaiveDate> {
        match self {
            PassStatus::Passed { pass_date } => Some(pass_date),
            _ => None,
        }
    }
}

/// A candidate's result in one qualification, as the store finds it.
///
/// # Example
/// See [`IssueRequest::example`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassRecord {
    /// The track.
    pub track: Track,
    /// The qualification's code (`jmCd`).
    pub qualification: QualificationCode,
    /// The candidate, as the host identifies them.
    pub candidate: PartyId,
    /// The holder's name as it will be printed.
    pub holder: PrintedName,
    /// The holder's birth date (printed on the certificate).
    pub birth_date: NaiveDate,
    /// Where the result stands.
    pub status: PassStatus,
}

/// The deterministic key under which the store keeps an issue, so that issuing twice for the
/// same pass (or reissuing the same document twice) returns the first result.
///
/// First issues are keyed by the pass (`issue:{track}:{code}:{pass date}:{candidate}`),
/// reissues by the document they supersede (`reissue:{management number}`): a document is
/// superseded at most once.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{IssueKey, IssueRequest, ManagementNumber};
/// let key = IssueKey::for_pass(&IssueRequest::example().pass).unwrap();
/// assert_eq!(key.as_str(), "issue:course_based:2290:2026-04-10:person-1");
/// assert_eq!(IssueKey::for_reissue(&ManagementNumber::example()).as_str(), "reissue:202605011030-01-000042");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IssueKey(String);

impl IssueKey {
    /// The key of the first issue (최초 발급) for a pass; `None` when the record is not a pass.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{IssueKey, IssueRequest, PassStatus};
    /// let mut pass = IssueRequest::example().pass;
    /// assert!(IssueKey::for_pass(&pass).unwrap().as_str().starts_with("issue:course_based:2290:"));
    /// pass.status = PassStatus::NotFinalised;
    /// assert_eq!(IssueKey::for_pass(&pass), None);
    /// ```
    pub fn for_pass(pass: &PassRecord) -> Option<IssueKey> {
        let pass_date = pass.status.pass_date()?;
        Some(IssueKey(format!(
            "issue:{}:{}:{pass_date}:{}",
            pass.track, pass.qualification, pass.candidate
        )))
    }

    /// The key of the reissue (재발급) that supersedes `previous`: one per superseded document.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{IssueKey, ManagementNumber};
    /// let previous = ManagementNumber::example();
    /// let key = IssueKey::for_reissue(&previous);
    /// assert_eq!(key.as_str(), format!("reissue:{previous}"));
    /// assert_eq!(key, IssueKey::for_reissue(&previous));
    /// ```
    pub fn for_reissue(previous: &ManagementNumber) -> IssueKey {
        IssueKey(format!("reissue:{previous}"))
    }

    /// The key's text, as the store keeps it.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{IssueKey, ManagementNumber};
    /// let key = IssueKey::for_reissue(&ManagementNumber::example());
    /// assert_eq!(key.as_str(), key.to_string());
    /// assert!(key.as_str().starts_with("reissue:"));
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IssueKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn issue_basis(track: Track, rules: &Rules) -> LegalBasis {
    match track {
        Track::CourseBased => rules.bases.course_based_issue.basis.clone(),
        Track::WorkStudy => rules.bases.work_study_issue.basis.clone(),
    }
}

fn revocation_basis(track: Track, rules: &Rules) -> LegalBasis {
    match track {
        Track::CourseBased => rules.bases.course_based_revocation.basis.clone(),
        Track::WorkStudy => rules.bases.work_study_revocation.basis.clone(),
    }
}

fn forms_for(track: Track, rules: &Rules) -> &crate::rules::Rule<FormSet> {
    match track {
        Track::CourseBased => &rules.certificates.course_based_forms,
        Track::WorkStudy => &rules.certificates.work_study_forms,
    }
}

/// A request to issue a certificate (자격증 발급 신청) for a pass.
///
/// # Example
/// See [`decide_issue`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueRequest {
    /// The result the certificate is for.
    pub pass: PassRecord,
    /// The form asked for.
    pub form: CertificateForm,
    /// What the certificate records beyond the pass.
    pub content: CertificateContent,
    /// The Korean calendar day of issue.
    pub issue_date: NaiveDate,
}

impl IssueRequest {
    /// A valid request for documentation and tests: 김민준's 과정평가형 정보처리산업기사 (`2290`),
    /// passed on 2026-04-10, a 상장형 certificate issued on 2026-05-01.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::{CertificateForm, IssueRequest};
    /// assert_eq!(IssueRequest::example().form, CertificateForm::Certificate);
    /// ```
    pub fn example() -> Self {
        #[allow(clippy::expect_used)] // constant, valid example data
        IssueRequest {
            pass: PassRecord {
                track: Track::CourseBased,
                qualification: QualificationCode::new("2290").expect("valid code"),
                candidate: PartyId::new("person-1").expect("valid id"),
                holder: PrintedName::example(),
                birth_date: NaiveDate::from_ymd_opt(2001, 3, 15).unwrap_or_default(),
                status: PassStatus::Passed {
                    pass_date: NaiveDate::from_ymd_opt(2026, 4, 10).unwrap_or_default(),
                },
            },
            form: CertificateForm::Certificate,
            content: CertificateContent::CourseBased(CourseContent::example()),
            issue_date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default(),
        }
    }
}

/// Whether a certificate may be issued, and if not, why.
///
/// # Example
/// See [`decide_issue`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IssueDecision {
    /// No check failed.
    pub issuable: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The key the store keeps the issue under (present when issuable).
    pub issue_key: Option<IssueKey>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Decides whether a certificate may be issued (자격증 발급): the pass must be finalised
/// (`pass_not_finalised`, also when the issue date is before the pass date), the candidate must
/// have passed (`not_passed`), and the form must be one the track offers on the issue date
/// (`form_not_available`; rule-pack values `certificates.course_based_forms` and
/// `certificates.work_study_forms`). `rules` are the values in force on the issue date.
///
/// # Errors
/// [`InputError::Inconsistent`] when the content is of the other track, or the birth date is
/// not before the pass date.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{decide_issue, CertificateForm, IssueRequest, PassStatus};
/// use cqnet_core::{rules::RulePack, ReasonCode};
/// let rules = RulePack::embedded().rules_at("2026-05-01".parse().unwrap())?;
/// let mut request = IssueRequest::example();
/// assert!(decide_issue(&request, &rules)?.issuable);
///
/// request.pass.status = PassStatus::NotFinalised;
/// let d = decide_issue(&request, &rules)?;
/// assert_eq!(d.reasons[0].code, ReasonCode::PassNotFinalised);
/// assert_eq!(d.issue_key, None);
///
/// // Mobile certificates exist only from 2025-09-01.
/// let mut early = IssueRequest::example();
/// early.form = CertificateForm::Mobile;
/// let old_rules = RulePack::embedded().rules_at("2025-08-31".parse().unwrap())?;
/// assert_eq!(decide_issue(&early, &old_rules)?.reasons[0].code, ReasonCode::FormNotAvailable);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide_issue(request: &IssueRequest, rules: &Rules) -> Result<IssueDecision, InputError> {
    let pass = &request.pass;
    if request.content.track() != pass.track {
        return Err(InputError::Inconsistent(format!(
            "a {} pass cannot be issued a certificate with {} content",
            pass.track,
            request.content.track()
        )));
    }
    if let Some(pass_date) = pass.status.pass_date()
        && pass.birth_date >= pass_date
    {
        return Err(InputError::Inconsistent(format!(
            "the birth date {} is not before the pass date {pass_date}",
            pass.birth_date
        )));
    }
    let basis = issue_basis(pass.track, rules);
    let mut reasons = Vec::new();
    match pass.status {
        PassStatus::NotFinalised => {
            reasons.push(Reason::new(ReasonCode::PassNotFinalised, basis.clone()));
        }
        PassStatus::Failed => reasons.push(Reason::new(ReasonCode::NotPassed, basis.clone())),
        PassStatus::Passed { pass_date } if request.issue_date < pass_date => reasons.push(
            Reason::new(ReasonCode::PassNotFinalised, basis.clone())
                .measured(Quantity::Date(request.issue_date))
                .required(Quantity::Date(pass_date)),
        ),
        PassStatus::Passed { .. } => {}
    }
    let forms = forms_for(pass.track, rules);
    if !forms.value.allows(request.form) {
        reasons.push(Reason::new(
            ReasonCode::FormNotAvailable,
            forms.basis.clone(),
        ));
    }
    let issuable = reasons.is_empty();
    Ok(IssueDecision {
        issuable,
        reasons,
        issue_key: if issuable {
            IssueKey::for_pass(pass)
        } else {
            None
        },
        rules: RulesUsed::from(rules),
    })
}

/// What the store allocates for a new issue: the qualification number (자격번호), the
/// management number (관리번호), the inner-page number for a notebook, and the issue instant.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{Allocation, ManagementNumber, QualificationNumber};
/// let issued_at = chrono::DateTime::parse_from_rfc3339("2026-05-01T10:30:00+09:00").unwrap();
/// let allocation = Allocation {
///     number: QualificationNumber::compose("2026-04-10".parse().unwrap(), 123)?,
///     management_number: ManagementNumber::compose(issued_at, 1, 42)?,
///     inner_page_number: None,
///     issued_at,
/// };
/// assert_eq!(allocation.number.as_str(), "26000000123J");
/// assert_eq!(allocation.management_number.as_str(), "202605011030-01-000042");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// The qualification number (kept by reissues).
    pub number: QualificationNumber,
    /// The management number of this document.
    pub management_number: ManagementNumber,
    /// The inner-page number, for a notebook.
    #[serde(default)]
    pub inner_page_number: Option<InnerPageNumber>,
    /// The issue instant.
    pub issued_at: DateTime<FixedOffset>,
}

/// Why a certificate is reissued (재발급 사유).
///
/// # Example
/// ```
/// use cqnet_core::certificate::ReissueReason;
/// let r: ReissueReason = serde_json::from_str("\"details_changed\"").unwrap();
/// assert_eq!(r.korean_name(), "기재사항 변경");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReissueReason {
    /// 분실: lost.
    Lost,
    /// 훼손: damaged or unusable.
    Damaged,
    /// 기재사항 변경: a printed detail (the holder's name) changed.
    DetailsChanged,
}

impl ReissueReason {
    /// The reason's Korean name as printed on the reissue (분실, 훼손, 기재사항 변경).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ReissueReason;
    /// assert_eq!(ReissueReason::Lost.korean_name(), "분실");
    /// assert_eq!(ReissueReason::Damaged.korean_name(), "훼손");
    /// ```
    pub fn korean_name(self) -> &'static str {
        match self {
            ReissueReason::Lost => "분실",
            ReissueReason::Damaged => "훼손",
            ReissueReason::DetailsChanged => "기재사항 변경",
        }
    }
}

/// The parts of an issued certificate, before validation: what the store keeps per issue.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{Certificate, CertificateSpec};
/// let spec: CertificateSpec = Certificate::example().into();
/// assert_eq!(Certificate::new(spec)?, Certificate::example());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateSpec {
    /// The qualification number.
    pub number: QualificationNumber,
    /// This document's management number.
    pub management_number: ManagementNumber,
    /// The inner-page number, for a notebook.
    #[serde(default)]
    pub inner_page_number: Option<InnerPageNumber>,
    /// The form.
    pub form: CertificateForm,
    /// The track.
    pub track: Track,
    /// The qualification's code.
    pub qualification: QualificationCode,
    /// The candidate.
    pub candidate: PartyId,
    /// The holder's name as printed on this document.
    pub holder: PrintedName,
    /// The holder's birth date.
    pub birth_date: NaiveDate,
    /// The pass date.
    pub pass_date: NaiveDate,
    /// The issue instant.
    pub issued_at: DateTime<FixedOffset>,
    /// What the certificate records beyond the pass.
    pub content: CertificateContent,
    /// The document this one supersedes, for a reissue.
    #[serde(default)]
    pub supersedes: Option<ManagementNumber>,
    /// Why it was reissued, for a reissue.
    #[serde(default)]
    pub reissue_reason: Option<ReissueReason>,
}

/// One issued certificate document (발급된 자격증), validated.
///
/// # Errors
/// [`Certificate::new`] refuses: content of the other track; a qualification number whose year
/// is not the pass year; a management number whose minute is not the issue minute (KST); an
/// inner-page number on anything but a notebook; an issue before the pass date; a pass date not
/// after the birth date; a supersedes without a reissue reason or the reverse; an issue instant
/// outside [`SUPPORTED_YEARS`](crate::window::SUPPORTED_YEARS).
///
/// # Example
/// ```
/// use cqnet_core::certificate::{Certificate, CertificateSpec};
/// let c = Certificate::example();
/// assert_eq!(c.number().as_str(), "26000000123J");
/// assert_eq!(c.issue_date().to_string(), "2026-05-01");
/// let mut spec: CertificateSpec = c.into();
/// spec.pass_date = "2025-04-10".parse().unwrap(); // the number says 2026
/// assert!(Certificate::new(spec).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CertificateSpec", into = "CertificateSpec")]
pub struct Certificate {
    spec: CertificateSpec,
}

impl TryFrom<CertificateSpec> for Certificate {
    type Error = InputError;
    fn try_from(spec: CertificateSpec) -> Result<Self, Self::Error> {
        Certificate::new(spec)
    }
}

impl From<Certificate> for CertificateSpec {
    fn from(c: Certificate) -> Self {
        c.spec
    }
}

impl Certificate {
    /// Validates an issued certificate.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when the parts do not fit together (content of another
    /// track, an issue before the pass date, a reissue without its reason), with what is wrong.
    ///
    /// # Example
    /// See [`CertificateSpec`].
    pub fn new(mut spec: CertificateSpec) -> Result<Self, InputError> {
        spec.issued_at = check_instant("issue instant", spec.issued_at)?;
        let bad = |m: String| Err(InputError::Inconsistent(m));
        if spec.content.track() != spec.track {
            return bad(format!(
                "a {} certificate holds {} content",
                spec.track,
                spec.content.track()
            ));
        }
        if i32::from(spec.number.pass_year_yy()) != spec.pass_date.year() % 100 {
            return bad(format!(
                "qualification number {} does not start with the pass year of {}",
                spec.number, spec.pass_date
            ));
        }
        let local = spec.issued_at.with_timezone(&kst()).naive_local();
        let minute = local
            .with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(local);
        if spec.management_number.issued_minute() != minute {
            return bad(format!(
                "management number {} does not carry the issue minute {minute} (KST)",
                spec.management_number
            ));
        }
        if spec.inner_page_number.is_some() && spec.form != CertificateForm::Notebook {
            return bad(format!(
                "only a notebook has an inner-page number, not a {} certificate",
                spec.form
            ));
        }
        if korean_date(spec.issued_at) < spec.pass_date {
            return bad(format!(
                "issued on {} before the pass date {}",
                korean_date(spec.issued_at),
                spec.pass_date
            ));
        }
        if spec.birth_date >= spec.pass_date {
            return bad(format!(
                "the birth date {} is not before the pass date {}",
                spec.birth_date, spec.pass_date
            ));
        }
        if spec.supersedes.is_some() != spec.reissue_reason.is_some() {
            return bad("a reissue records both the document it supersedes and why".into());
        }
        if spec.supersedes.as_ref() == Some(&spec.management_number) {
            return bad("a document cannot supersede itself".into());
        }
        Ok(Certificate { spec })
    }

    /// Builds the first certificate of a pass from an issuable decision and the store's
    /// allocation.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when the decision does not allow issuing or was made for
    /// another request, or as [`Certificate::new`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::*;
    /// use cqnet_core::rules::RulePack;
    /// let rules = RulePack::embedded().rules_at("2026-05-01".parse().unwrap())?;
    /// let request = IssueRequest::example();
    /// let decision = decide_issue(&request, &rules)?;
    /// let issued_at = chrono::DateTime::parse_from_rfc3339("2026-05-01T10:30:00+09:00")?;
    /// let allocation = Allocation {
    ///     number: QualificationNumber::compose("2026-04-10".parse()?, 123)?,
    ///     management_number: ManagementNumber::compose(issued_at, 1, 42)?,
    ///     inner_page_number: None,
    ///     issued_at,
    /// };
    /// let certificate = Certificate::issue(&request, &decision, allocation.clone())?;
    /// assert_eq!(certificate.issue_date(), request.issue_date);
    ///
    /// // a decision made for another request does not issue this one
    /// let mut other = request.clone();
    /// other.pass.candidate = cqnet_core::access::PartyId::new("person-2")?;
    /// assert!(Certificate::issue(&other, &decision, allocation).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issue(
        request: &IssueRequest,
        decision: &IssueDecision,
        allocation: Allocation,
    ) -> Result<Certificate, InputError> {
        if !decision.issuable || decision.issue_key != IssueKey::for_pass(&request.pass) {
            return Err(InputError::Inconsistent(
                "a certificate is issued only on an issuable decision for the same pass".into(),
            ));
        }
        if korean_date(allocation.issued_at) != request.issue_date {
            return Err(InputError::Inconsistent(format!(
                "issued at {} but the request is for {}",
                allocation.issued_at, request.issue_date
            )));
        }
        let pass = &request.pass;
        Certificate::new(CertificateSpec {
            number: allocation.number,
            management_number: allocation.management_number,
            inner_page_number: allocation.inner_page_number,
            form: request.form,
            track: pass.track,
            qualification: pass.qualification.clone(),
            candidate: pass.candidate.clone(),
            holder: pass.holder.clone(),
            birth_date: pass.birth_date,
            pass_date: pass.status.pass_date().unwrap_or(request.issue_date),
            issued_at: allocation.issued_at,
            content: request.content.clone(),
            supersedes: None,
            reissue_reason: None,
        })
    }

    /// Builds the reissue (재발급) of `previous` from an issuable decision: the same
    /// qualification number and content, a new management number, the form asked for, the new
    /// name for changed details, and a link to the document it supersedes.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when the decision does not allow the reissue or concerns
    /// another document, or as [`Certificate::new`].
    ///
    /// # Example
    /// See [`decide_reissue`].
    pub fn reissue(
        previous: &Certificate,
        request: &ReissueRequest,
        decision: &ReissueDecision,
        allocation: Allocation,
    ) -> Result<Certificate, InputError> {
        if !decision.issuable
            || request.previous != previous.spec.management_number
            || decision.issue_key != IssueKey::for_reissue(&request.previous)
        {
            return Err(InputError::Inconsistent(
                "a reissue is built only on an issuable decision for the same document".into(),
            ));
        }
        if allocation.number != previous.spec.number {
            return Err(InputError::Inconsistent(
                "a reissue keeps the qualification number".into(),
            ));
        }
        if allocation.issued_at <= previous.spec.issued_at {
            return Err(InputError::Inconsistent(
                "a reissue is issued after the document it supersedes".into(),
            ));
        }
        let mut spec = previous.spec.clone();
        spec.management_number = allocation.management_number;
        spec.inner_page_number = allocation.inner_page_number;
        spec.issued_at = allocation.issued_at;
        spec.form = request.form;
        if let Some(name) = &request.new_holder_name {
            spec.holder = name.clone();
        }
        spec.supersedes = Some(request.previous.clone());
        spec.reissue_reason = Some(request.reason);
        Certificate::new(spec)
    }

    /// The parts.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::Certificate;
    /// assert_eq!(Certificate::example().spec().holder.as_str(), "김민준");
    /// ```
    pub fn spec(&self) -> &CertificateSpec {
        &self.spec
    }

    /// The qualification number (자격번호), kept by every reissue of the qualification.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::Certificate;
    /// let certificate = Certificate::example();
    /// assert_eq!(certificate.number().as_str(), "26000000123J");
    /// assert_eq!(certificate.number().check_letter(), 'J');
    /// ```
    pub fn number(&self) -> &QualificationNumber {
        &self.spec.number
    }

    /// The management number.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::Certificate;
    /// assert_eq!(Certificate::example().management_number().as_str(), "202605011030-01-000042");
    /// ```
    pub fn management_number(&self) -> &ManagementNumber {
        &self.spec.management_number
    }

    /// The Korean calendar day of issue (발급연월일).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::Certificate;
    /// assert_eq!(Certificate::example().issue_date().to_string(), "2026-05-01");
    /// ```
    pub fn issue_date(&self) -> NaiveDate {
        korean_date(self.spec.issued_at)
    }

    /// A valid certificate for documentation and tests: [`IssueRequest::example`] issued at
    /// 2026-05-01 10:30 KST as `26000000123J`, management number `202605011030-01-000042`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{Certificate, IssueRequest};
    /// let certificate = Certificate::example();
    /// assert_eq!(certificate.spec().holder, IssueRequest::example().pass.holder);
    /// assert!(certificate.spec().supersedes.is_none());
    /// ```
    pub fn example() -> Self {
        let request = IssueRequest::example();
        let issued_at = kst()
            .with_ymd_and_hms(2026, 5, 1, 10, 30, 0)
            .single()
            .unwrap_or_default();
        #[allow(clippy::expect_used)] // constant, valid example data
        Certificate::new(CertificateSpec {
            number: QualificationNumber::example(),
            management_number: ManagementNumber::example(),
            inner_page_number: None,
            form: request.form,
            track: request.pass.track,
            qualification: request.pass.qualification,
            candidate: request.pass.candidate,
            holder: request.pass.holder,
            birth_date: request.pass.birth_date,
            pass_date: request.pass.status.pass_date().unwrap_or_default(),
            issued_at,
            content: request.content,
            supersedes: None,
            reissue_reason: None,
        })
        .expect("the example certificate is valid")
    }
}

/// Why a qualification is cancelled (자격 취소 사유).
///
/// # Example
/// ```
/// use cqnet_core::certificate::RevocationReason;
/// assert_eq!(serde_json::to_string(&RevocationReason::Lending).unwrap(), "\"lending\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevocationReason {
    /// 거짓이나 부정한 방법으로 취득: obtained by fraud.
    Fraud,
    /// 자격증 대여: the certificate was lent (or borrowed).
    Lending,
}

/// A cancellation of a qualification (자격 취소) as recorded: when, why, by whom, after which
/// hearing, on what legal basis.
///
/// # Example
/// See [`decide_revocation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    /// The instant from which the qualification verifies as revoked.
    pub at: DateTime<FixedOffset>,
    /// Why.
    pub reason: RevocationReason,
    /// Who decided.
    pub by: Actor,
    /// The day of the hearing (청문).
    pub hearing_held_on: NaiveDate,
    /// A free note for the record (case number, decision reference).
    #[serde(default)]
    pub note: Option<String>,
    /// The legal basis.
    pub basis: LegalBasis,
}

/// A request to cancel a qualification.
///
/// # Example
/// See [`decide_revocation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevocationRequest {
    /// The instant the cancellation takes effect.
    pub at: DateTime<FixedOffset>,
    /// Why.
    pub reason: RevocationReason,
    /// The day of the hearing, if one was held.
    #[serde(default)]
    pub hearing_held_on: Option<NaiveDate>,
    /// A free note for the record.
    #[serde(default)]
    pub note: Option<String>,
}

/// Whether a qualification may be cancelled, and the record to append when it may.
///
/// # Example
/// See [`decide_revocation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RevocationDecision {
    /// No check failed.
    pub allowed: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The record to keep, when allowed.
    pub revocation: Option<Revocation>,
}

/// Decides a cancellation of a qualification (자격 취소) for fraud or lending: only the agency
/// may cancel (`not_permitted`), only after a hearing held on or before the day it takes effect
/// (`hearing_not_held`), and only once (`qualification_revoked`).
///
/// # Example
/// ```
/// use cqnet_core::access::{Actor, PartyId};
/// use cqnet_core::certificate::*;
/// use cqnet_core::{rules::RulePack, ReasonCode};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let rules = RulePack::embedded().newest();
/// let cert = Certificate::example();
/// let record = QualificationRecord::new(cert.number().clone(), cert.spec().track, vec![cert], None)?;
/// let request = RevocationRequest {
///     at: t("2026-09-01T09:00:00+09:00"),
///     reason: RevocationReason::Lending,
///     hearing_held_on: Some("2026-08-20".parse().unwrap()),
///     note: Some("2026-취소-0012".into()),
/// };
/// let agency = Actor::Agency(PartyId::new("hrdk-staff-7")?);
/// let d = decide_revocation(&record, &agency, &request, &rules);
/// assert!(d.allowed);
/// assert_eq!(d.revocation.unwrap().by, agency);
///
/// let d = decide_revocation(&record, &Actor::Public, &RevocationRequest { hearing_held_on: None, ..request }, &rules);
/// let codes: Vec<_> = d.reasons.iter().map(|r| r.code).collect();
/// assert_eq!(codes, [ReasonCode::NotPermitted, ReasonCode::HearingNotHeld]);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide_revocation(
    record: &QualificationRecord,
    actor: &Actor,
    request: &RevocationRequest,
    rules: &Rules,
) -> RevocationDecision {
    let basis = revocation_basis(record.track, rules);
    let target = Target {
        track: Some(record.track),
        ..Target::default()
    };
    let access = authorize(actor, Action::ManageCertificates, &target, request.at);
    let mut reasons = access.reasons;
    match request.hearing_held_on {
        Some(day) if day <= korean_date(request.at) => {}
        other => {
            let mut r = Reason::new(ReasonCode::HearingNotHeld, basis.clone())
                .required(Quantity::Date(korean_date(request.at)));
            if let Some(day) = other {
                r = r.measured(Quantity::Date(day));
            }
            reasons.push(r);
        }
    }
    if let Some(existing) = &record.revocation {
        reasons.push(
            Reason::new(ReasonCode::QualificationRevoked, existing.basis.clone())
                .measured(Quantity::Instant(existing.at)),
        );
    }
    let allowed = reasons.is_empty();
    RevocationDecision {
        allowed,
        revocation: allowed.then(|| Revocation {
            // Kept at an offset its record's JSON can write.
            at: writable(request.at),
            reason: request.reason,
            by: actor.clone(),
            hearing_held_on: request.hearing_held_on.unwrap_or_default(),
            note: request.note.clone(),
            basis,
        }),
        reasons,
    }
}

/// Everything the store holds for one qualification number: its track, every issued document
/// (first issue and reissues, in any order) and the cancellation (자격 취소), if any.
///
/// # Errors
/// [`QualificationRecord::new`] refuses: a document of another number or track; a management
/// number twice; a reissue that supersedes a document not in the record, or one issued after
/// it; a document superseded twice; documents that disagree on the qualification, candidate,
/// pass date or content.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{Certificate, QualificationRecord};
/// use cqnet_core::Track;
/// let c = Certificate::example();
/// let record = QualificationRecord::new(c.number().clone(), Track::CourseBased, vec![c.clone()], None)?;
/// assert_eq!(record.issues(), &[c.clone()]);
/// // the same document twice is refused
/// assert!(QualificationRecord::new(c.number().clone(), Track::CourseBased, vec![c.clone(), c], None).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RecordWire", into = "RecordWire")]
pub struct QualificationRecord {
    number: QualificationNumber,
    track: Track,
    issues: Vec<Certificate>,
    revocation: Option<Revocation>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordWire {
    number: QualificationNumber,
    track: Track,
    issues: Vec<Certificate>,
    #[serde(default)]
    revocation: Option<Revocation>,
}

impl TryFrom<RecordWire> for QualificationRecord {
    type Error = InputError;
    fn try_from(w: RecordWire) -> Result<Self, Self::Error> {
        QualificationRecord::new(w.number, w.track, w.issues, w.revocation)
    }
}

impl From<QualificationRecord> for RecordWire {
    fn from(r: QualificationRecord) -> Self {
        RecordWire {
            number: r.number,
            track: r.track,
            issues: r.issues,
            revocation: r.revocation,
        }
    }
}

impl QualificationRecord {
    /// Validates a record: every document belongs to `number` and `track`, each management
    /// number appears once, each reissue supersedes an earlier document of the record, no document
    /// is superseded twice, and all documents agree on the pass.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] for any of the above, with what disagrees.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{Certificate, QualificationRecord};
    /// use cqnet_core::Track;
    /// let c = Certificate::example();
    /// let record = QualificationRecord::new(c.number().clone(), Track::CourseBased, vec![c.clone()], None)?;
    /// assert_eq!(record.number(), c.number());
    /// assert!(QualificationRecord::new(c.number().clone(), Track::WorkStudy, vec![c], None).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        number: QualificationNumber,
        track: Track,
        issues: Vec<Certificate>,
        revocation: Option<Revocation>,
    ) -> Result<Self, InputError> {
        let bad = |m: String| Err(InputError::Inconsistent(m));
        let mut seen = BTreeSet::new();
        let mut superseded = BTreeSet::new();
        for issue in &issues {
            let s = &issue.spec;
            if s.number != number || s.track != track {
                return bad(format!(
                    "document {} belongs to {} ({}), not {number} ({track})",
                    s.management_number, s.number, s.track
                ));
            }
            if !seen.insert(&s.management_number) {
                return Err(InputError::Duplicate {
                    what: "management number",
                    key: s.management_number.to_string(),
                });
            }
            if let Some(first) = issues.first().map(|f| &f.spec)
                && (first.qualification != s.qualification
                    || first.candidate != s.candidate
                    || first.pass_date != s.pass_date
                    || first.content != s.content)
            {
                return bad(format!(
                    "documents {} and {} of {number} disagree on the pass they certify",
                    first.management_number, s.management_number
                ));
            }
            if let Some(previous) = &s.supersedes {
                let Some(old) = issues
                    .iter()
                    .find(|i| &i.spec.management_number == previous)
                else {
                    return bad(format!(
                        "document {} supersedes {previous}, which is not in the record",
                        s.management_number
                    ));
                };
                if old.spec.issued_at >= s.issued_at {
                    return bad(format!(
                        "document {} supersedes the later document {previous}",
                        s.management_number
                    ));
                }
                if !superseded.insert(previous) {
                    return bad(format!("document {previous} is superseded twice"));
                }
            }
        }
        Ok(QualificationRecord {
            number,
            track,
            issues,
            revocation,
        })
    }

    /// The qualification number.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::{Certificate, QualificationRecord};
    /// let c = Certificate::example();
    /// let r = QualificationRecord::new(c.number().clone(), c.spec().track, vec![c], None)?;
    /// assert_eq!(r.number().as_str(), "26000000123J");
    /// assert_eq!(r.issues().len(), 1);
    /// assert!(r.revocation().is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn number(&self) -> &QualificationNumber {
        &self.number
    }

    /// Every issued document.
    ///
    /// # Example
    /// See [`QualificationRecord::number`].
    pub fn issues(&self) -> &[Certificate] {
        &self.issues
    }

    /// The cancellation, if any.
    ///
    /// # Example
    /// See [`QualificationRecord::number`].
    pub fn revocation(&self) -> Option<&Revocation> {
        self.revocation.as_ref()
    }

    /// The document that supersedes `document` as of `now`, if any.
    ///
    /// # Example
    /// See [`decide_reissue`].
    pub fn superseded_by(
        &self,
        document: &ManagementNumber,
        now: DateTime<FixedOffset>,
    ) -> Option<&Certificate> {
        self.issues
            .iter()
            .find(|i| i.spec.supersedes.as_ref() == Some(document) && i.spec.issued_at <= now)
    }

    /// Whether the qualification is cancelled as of `now`.
    ///
    /// # Example
    /// See [`verify`].
    pub fn revoked_at(&self, now: DateTime<FixedOffset>) -> Option<&Revocation> {
        self.revocation.as_ref().filter(|r| r.at <= now)
    }

    fn find(&self, document: &ManagementNumber) -> Option<&Certificate> {
        self.issues
            .iter()
            .find(|i| &i.spec.management_number == document)
    }
}

/// A request to reissue a certificate (재발급 신청).
///
/// # Example
/// See [`decide_reissue`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReissueRequest {
    /// The document to replace.
    pub previous: ManagementNumber,
    /// Why.
    pub reason: ReissueReason,
    /// The form asked for.
    pub form: CertificateForm,
    /// The new name, for changed details.
    #[serde(default)]
    pub new_holder_name: Option<PrintedName>,
    /// The Korean calendar day of issue.
    pub issue_date: NaiveDate,
}

/// Whether a certificate may be reissued, and if not, why.
///
/// # Example
/// See [`decide_reissue`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReissueDecision {
    /// No check failed.
    pub issuable: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The key the store keeps the reissue under.
    pub issue_key: IssueKey,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Decides a reissue (재발급) for loss, damage or changed details: not of a cancelled
/// qualification (`qualification_revoked`), not of a document already superseded
/// (`certificate_superseded`), only in a form the track offers on the issue date
/// (`form_not_available`), and for changed details only with a new name
/// (`details_unchanged`).
///
/// # Errors
/// [`InputError::Inconsistent`] when the record holds no such document, or a new name is given
/// for a reason other than changed details.
///
/// # Example
/// ```
/// use cqnet_core::certificate::*;
/// use cqnet_core::{rules::RulePack, ReasonCode};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let rules = RulePack::embedded().rules_at("2026-07-01".parse().unwrap())?;
/// let first = Certificate::example();
/// let mut record = QualificationRecord::new(first.number().clone(), first.spec().track, vec![first.clone()], None)?;
/// let request = ReissueRequest {
///     previous: first.management_number().clone(),
///     reason: ReissueReason::Lost,
///     form: CertificateForm::Mobile,
///     new_holder_name: None,
///     issue_date: "2026-07-01".parse().unwrap(),
/// };
/// let now = t("2026-07-01T14:00:00+09:00");
/// let decision = decide_reissue(&record, &request, now, &rules)?;
/// assert!(decision.issuable);
/// let second = Certificate::reissue(&first, &request, &decision, Allocation {
///     number: first.number().clone(),
///     management_number: ManagementNumber::compose(now, 1, 77)?,
///     inner_page_number: None,
///     issued_at: now,
/// })?;
/// record = QualificationRecord::new(first.number().clone(), first.spec().track, vec![first.clone(), second.clone()], None)?;
/// assert_eq!(record.superseded_by(first.management_number(), now), Some(&second));
/// let again = decide_reissue(&record, &request, now, &rules)?;
/// assert_eq!(again.reasons[0].code, ReasonCode::CertificateSuperseded);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide_reissue(
    record: &QualificationRecord,
    request: &ReissueRequest,
    now: DateTime<FixedOffset>,
    rules: &Rules,
) -> Result<ReissueDecision, InputError> {
    let Some(previous) = record.find(&request.previous) else {
        return Err(InputError::Inconsistent(format!(
            "qualification {} has no document {}",
            record.number, request.previous
        )));
    };
    if request.new_holder_name.is_some() && request.reason != ReissueReason::DetailsChanged {
        return Err(InputError::Inconsistent(
            "a new name is given only with the reason details_changed".into(),
        ));
    }
    let basis = issue_basis(record.track, rules);
    let mut reasons = Vec::new();
    if let Some(revocation) = record.revoked_at(now) {
        reasons.push(
            Reason::new(ReasonCode::QualificationRevoked, revocation.basis.clone())
                .measured(Quantity::Instant(revocation.at)),
        );
    }
    if record.superseded_by(&request.previous, now).is_some() {
        reasons.push(Reason::new(
            ReasonCode::CertificateSuperseded,
            basis.clone(),
        ));
    }
    let forms = forms_for(record.track, rules);
    if !forms.value.allows(request.form) {
        reasons.push(Reason::new(
            ReasonCode::FormNotAvailable,
            forms.basis.clone(),
        ));
    }
    if request.reason == ReissueReason::DetailsChanged
        && request
            .new_holder_name
            .as_ref()
            .is_none_or(|n| n == &previous.spec.holder)
    {
        reasons.push(Reason::new(ReasonCode::DetailsUnchanged, basis));
    }
    Ok(ReissueDecision {
        issuable: reasons.is_empty(),
        reasons,
        issue_key: IssueKey::for_reissue(&request.previous),
        rules: RulesUsed::from(rules),
    })
}

/// What identifies the document in an authenticity check, besides the qualification number
/// and the issue date.
///
/// # Example
/// See [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum DocumentRef {
    /// The management number (관리번호) of a 상장형, card or mobile certificate.
    ManagementNumber(ManagementNumber),
    /// The inner-page number (내지번호) of a notebook.
    InnerPage(InnerPageNumber),
    /// Nothing more: only for notebooks issued before `certificates.inner_page_number_since`,
    /// which have no inner-page number on record.
    None,
}

/// An authenticity check (진위확인) of a certificate.
///
/// # Example
/// See [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationQuery {
    /// The qualification number.
    pub number: QualificationNumber,
    /// The issue date printed on the document (발급연월일).
    pub issue_date: NaiveDate,
    /// The document's management or inner-page number.
    pub document: DocumentRef,
}

/// The outcome of an authenticity check.
///
/// # Example
/// ```
/// use cqnet_core::certificate::VerificationStatus;
/// assert_eq!(serde_json::to_string(&VerificationStatus::NoMatch).unwrap(), "\"no_match\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VerificationStatus {
    /// The document is genuine and in force.
    Valid,
    /// The document was genuine but a reissue replaced it.
    Superseded,
    /// The qualification was cancelled.
    Revoked,
    /// Nothing matches. Said the same way whatever was wrong, and for a confirmation document
    /// past its verification period too, so that the answer never tells that a number exists.
    NoMatch,
}

impl VerificationStatus {
    fn message(self) -> Message {
        let (ko, en) = match self {
            VerificationStatus::Valid => ("유효한 문서입니다", "the document is valid"),
            VerificationStatus::Superseded => (
                "재발급되어 효력이 없는 자격증입니다",
                "the certificate was superseded by a reissue",
            ),
            VerificationStatus::Revoked => ("취소된 자격입니다", "the qualification was revoked"),
            VerificationStatus::NoMatch => (
                "입력한 정보와 일치하고 진위확인 기간 안에 있는 문서가 없습니다",
                "no document within its verification period matches the details given",
            ),
        };
        Message {
            ko: ko.into(),
            en: en.into(),
        }
    }
}

/// What an authenticity check discloses about a matched document: nothing beyond these, and
/// for a confirmation document only when it is valid.
///
/// # Example
/// See [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Disclosure {
    /// The holder's name as the check shows it: in full for a certificate (the name on the
    /// document), masked for a confirmation document (김*준, [`mask_name`]).
    pub holder_name: String,
    /// The qualification's name.
    pub qualification_name: String,
    /// The pass date.
    pub pass_date: NaiveDate,
    /// The document's issue date.
    pub issue_date: NaiveDate,
}

/// The answer to an authenticity check.
///
/// # Example
/// See [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationAnswer {
    /// The outcome.
    pub status: VerificationStatus,
    /// What is disclosed: for a valid, superseded or revoked certificate, and for a valid
    /// confirmation document.
    pub disclosure: Option<Disclosure>,
    /// The outcome in Korean and English (it names no input).
    pub message: Message,
}

impl VerificationAnswer {
    /// The one answer for every failed match: a wrong number, date, management number or
    /// inner-page number all give exactly this.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{VerificationAnswer, VerificationStatus};
    /// let a = VerificationAnswer::no_match();
    /// assert_eq!(a.status, VerificationStatus::NoMatch);
    /// assert!(a.disclosure.is_none());
    /// ```
    pub fn no_match() -> Self {
        VerificationAnswer {
            status: VerificationStatus::NoMatch,
            disclosure: None,
            message: VerificationStatus::NoMatch.message(),
        }
    }

    fn matched(status: VerificationStatus, disclosure: Option<Disclosure>) -> Self {
        VerificationAnswer {
            status,
            disclosure,
            message: status.message(),
        }
    }
}

/// Answers an authenticity check (진위확인) of a certificate, given what the store found for the
/// queried qualification number (`None` when it found nothing) and `now`.
///
/// A document matches when its number, its Korean issue date and its management number (or
/// inner-page number) all match and it was issued by `now`; a notebook issued before
/// `certificates.inner_page_number_since` with no inner-page number on record matches on the
/// number and date alone ([`DocumentRef::None`]). A match is `revoked` from the cancellation
/// instant, `superseded` from the reissue's instant, and `valid` otherwise, and discloses only
/// the holder's name, the qualification and the dates. Anything else is
/// [`VerificationAnswer::no_match`], identical for every kind of mismatch.
///
/// Every path does the same work, so the time of an answer does not tell a wrong date from a
/// number never issued: with no record (`None`) the check compares against a decoy of one
/// document, every document is compared field by field in constant time, and nothing returns
/// early.
///
/// # Example
/// ```
/// use cqnet_core::certificate::*;
/// use cqnet_core::rules::RulePack;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let rules = RulePack::embedded().rules_at("2026-06-01".parse().unwrap())?;
/// let c = Certificate::example();
/// let record = QualificationRecord::new(c.number().clone(), c.spec().track, vec![c.clone()], None)?;
/// let query = VerificationQuery {
///     number: c.number().clone(),
///     issue_date: c.issue_date(),
///     document: DocumentRef::ManagementNumber(c.management_number().clone()),
/// };
/// let now = t("2026-06-01T12:00:00+09:00");
/// let answer = verify(&query, Some(&record), now, &rules);
/// assert_eq!(answer.status, VerificationStatus::Valid);
/// assert_eq!(answer.disclosure.unwrap().pass_date.to_string(), "2026-04-10");
/// // An unknown number: the store found nothing.
/// assert_eq!(verify(&query, None, now, &rules), VerificationAnswer::no_match());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify(
    query: &VerificationQuery,
    found: Option<&QualificationRecord>,
    now: DateTime<FixedOffset>,
    rules: &Rules,
) -> VerificationAnswer {
    // The same work whatever the answer: a decoy when the store found nothing, every document
    // compared in constant time, every part of a match computed before any is looked at (`&`
    // does not stop at the first false), the status and the disclosure made either way.
    let (record, known) = match found {
        Some(record) => (record, true),
        None => (decoy_record(), false),
    };
    let number_matches = same_bytes(
        record.number.as_str().as_bytes(),
        query.number.as_str().as_bytes(),
    );
    let legacy_until = rules.certificates.inner_page_number_since.value;
    let mut matched = None;
    for issue in &record.issues {
        let s = &issue.spec;
        let date_matches = same_day(issue.issue_date(), query.issue_date);
        let document_matches = match &query.document {
            DocumentRef::ManagementNumber(m) => same_bytes(
                s.management_number.as_str().as_bytes(),
                m.as_str().as_bytes(),
            ),
            DocumentRef::InnerPage(p) => same_bytes(
                s.inner_page_number
                    .as_ref()
                    .map_or(&b""[..], |own| own.as_str().as_bytes()),
                p.as_str().as_bytes(),
            ),
            DocumentRef::None => {
                (s.form == CertificateForm::Notebook)
                    & s.inner_page_number.is_none()
                    & (issue.issue_date() < legacy_until)
            }
        };
        let hit = known & number_matches & (s.issued_at <= now) & date_matches & document_matches;
        if hit && matched.is_none() {
            matched = Some(issue);
        }
    }
    let Some(shown) = matched.or(record.issues.first()) else {
        return VerificationAnswer::no_match();
    };
    let status = if record.revoked_at(now).is_some() {
        VerificationStatus::Revoked
    } else if record
        .superseded_by(&shown.spec.management_number, now)
        .is_some()
    {
        VerificationStatus::Superseded
    } else {
        VerificationStatus::Valid
    };
    let disclosure = Disclosure {
        holder_name: shown.spec.holder.as_str().to_owned(),
        qualification_name: shown.spec.content.qualification_name().to_owned(),
        pass_date: shown.spec.pass_date,
        issue_date: shown.issue_date(),
    };
    if matched.is_some() {
        VerificationAnswer::matched(status, Some(disclosure))
    } else {
        VerificationAnswer::no_match()
    }
}

/// The record a check compares against when the store found none: one document, as most
/// qualifications have, so that an unknown number costs the comparisons of a known one.
fn decoy_record() -> &'static QualificationRecord {
    static DECOY: std::sync::OnceLock<QualificationRecord> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let c = Certificate::example();
        QualificationRecord {
            number: c.spec.number.clone(),
            track: c.spec.track,
            issues: vec![c],
            revocation: None,
        }
    })
}

/// The licence a qualification leads to (면허발급대상), issued by another authority on
/// application.
///
/// # Example
/// See [`CertificateView`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LicenceInfo {
    /// The licence in Korean and English.
    pub licence: Message,
    /// The issuing authority in Korean and English.
    pub authority: Message,
    /// The article of law behind the licence, with its provenance.
    pub basis: LegalBasis,
}

/// The licence that a qualification of `track` named `name` leads to, per
/// `certificates.licences`.
///
/// # Example
/// ```
/// use cqnet_core::certificate::licence_for;
/// use cqnet_core::{rules::RulePack, Track};
/// let rules = RulePack::embedded().newest();
/// let cook = licence_for(Track::CourseBased, "한식조리기능사", &rules).unwrap();
/// assert_eq!(cook.licence.ko, "조리사 면허");
/// assert!(cook.basis.citation().contains("식품위생법 제53조"));
/// ```
pub fn licence_for(track: Track, name: &str, rules: &Rules) -> Option<LicenceInfo> {
    rules
        .certificates
        .licences
        .value
        .find(track, name)
        .map(|rule| LicenceInfo {
            licence: Message {
                ko: rule.licence.clone(),
                en: rule.licence_en.clone(),
            },
            authority: Message {
                ko: rule.authority.clone(),
                en: rule.authority_en.clone(),
            },
            basis: rule.basis(),
        })
}

/// A certificate as shown to its holder or a relying party: the printed fields and the licence
/// it leads to, if any.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{Certificate, CertificateView};
/// use cqnet_core::rules::RulePack;
/// let rules = RulePack::embedded().newest();
/// let view = CertificateView::new(&Certificate::example(), &rules);
/// assert_eq!(view.qualification_name, "정보처리산업기사");
/// assert!(view.licence.is_none()); // 정보처리산업기사 leads to no licence
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CertificateView {
    /// The certificate.
    pub certificate: Certificate,
    /// The qualification's name.
    pub qualification_name: String,
    /// The Korean issue date.
    pub issue_date: NaiveDate,
    /// The licence the qualification leads to, if any.
    pub licence: Option<LicenceInfo>,
}

impl CertificateView {
    /// The view of `certificate` under `rules`: its printed name and issue date, and the licence
    /// (면허) the qualification leads to under the pack's licence rules, if any.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{Certificate, CertificateView};
    /// use cqnet_core::rules::RulePack;
    /// let certificate = Certificate::example();
    /// let view = CertificateView::new(&certificate, &RulePack::embedded().newest());
    /// assert_eq!(view.issue_date, certificate.issue_date());
    /// assert_eq!(view.certificate, certificate);
    /// ```
    pub fn new(certificate: &Certificate, rules: &Rules) -> Self {
        let name = certificate.spec.content.qualification_name();
        CertificateView {
            certificate: certificate.clone(),
            qualification_name: name.to_owned(),
            issue_date: certificate.issue_date(),
            licence: licence_for(certificate.spec.track, name, rules),
        }
    }
}

#[cfg(test)]
mod tests;
