//! The records of the course designation cycle: the yearly call (모집공고), an institution's
//! application (지정신청, 시행규칙 별지 제1호의2서식) and what the agency records about it, from
//! the screening to the designation, the operation checks and the measures.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use cqnet_core::course_designation::{Cancellation, Teacher};
use cqnet_core::operation_check::{QuarterlyChecks, Run, quarterly_checks};
use cqnet_core::rules::Rules;
use cqnet_core::sanction::{self, Ground, Measure, Proposal, SanctionCase, SanctionDecision};
use cqnet_core::screening::Criterion;
use cqnet_core::standard::{CoursePlan, DesignationCheck};
use cqnet_core::window::{TimeWindow, kst};
use cqnet_core::{InputError, QualificationCode, Reason, RulesUsed, Score};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Actor;
use crate::training::ids::uuid_id;
use crate::training::{CourseId, CourseUnit, InstitutionId, StandardVersion};
use crate::work_study::{Hearing, Recorded};

uuid_id!(
    /// A yearly call for course applications (모집공고).
    CallId,
    "00000000-0000-0000-0000-000000000004",
    "designation"
);
uuid_id!(
    /// An institution's application for the designation of one course run (지정신청).
    CourseApplicationId,
    "00000000-0000-0000-0000-000000000005",
    "designation"
);

/// A qualification a call covers, with the pass criterion of each screening stage (서류심사,
/// 현장심사: a score or a rank, with its threshold).
///
/// # Example
/// ```
/// use cqnet_core::screening::Criterion;
/// use cqnet_core::{QualificationCode, Score};
/// use cqnet_store::designation::CallQualification;
/// let q = CallQualification {
///     qualification: QualificationCode::example(),
///     document: Criterion::Score { min: Score::new(60.into())? },
///     on_site: Criterion::rank(5)?,
/// };
/// assert_eq!(q.on_site, Criterion::Rank { max_rank: 5 });
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallQualification {
    /// The qualification (종목).
    pub qualification: QualificationCode,
    /// The document screening's criterion.
    pub document: Criterion,
    /// The on-site screening's criterion.
    pub on_site: Criterion,
}

/// A yearly call for course applications (모집공고): its year, the qualifications it covers
/// with their screening criteria, its application window and the day the designations are
/// announced (지정 공고).
///
/// # Errors
/// [`DesignationCall::new`] refuses no qualification or one named twice, an announcement in
/// another year than the call's, and a window that ends after the announcement day has begun
/// (in Korean time): applications close before the designations are announced.
///
/// # Example
/// ```
/// use cqnet_core::screening::Criterion;
/// use cqnet_core::window::TimeWindow;
/// use cqnet_core::{QualificationCode, Score};
/// use cqnet_store::designation::{CallId, CallQualification, DesignationCall};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let window = TimeWindow::new(t("2026-01-05T09:00:00+09:00"), t("2026-01-30T18:00:00+09:00"))?;
/// let q = CallQualification {
///     qualification: QualificationCode::example(),
///     document: Criterion::Score { min: Score::new(60.into())? },
///     on_site: Criterion::rank(3)?,
/// };
/// let call = DesignationCall::new(CallId::from_u128(1), 2026, window, "2026-03-16".parse().unwrap(), vec![q.clone()])?;
/// assert!(call.covers(&QualificationCode::example()).is_some());
/// let early = DesignationCall::new(CallId::from_u128(1), 2026, window, "2026-01-30".parse().unwrap(), vec![q]);
/// assert!(early.is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CallWire")]
pub struct DesignationCall {
    id: CallId,
    year: i32,
    window: TimeWindow,
    announced_on: NaiveDate,
    qualifications: Vec<CallQualification>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallWire {
    id: CallId,
    year: i32,
    window: TimeWindow,
    announced_on: NaiveDate,
    qualifications: Vec<CallQualification>,
}

impl TryFrom<CallWire> for DesignationCall {
    type Error = InputError;
    fn try_from(w: CallWire) -> Result<Self, Self::Error> {
        DesignationCall::new(w.id, w.year, w.window, w.announced_on, w.qualifications)
    }
}

impl DesignationCall {
    /// A checked call.
    ///
    /// # Errors
    /// [`InputError::Empty`] without a qualification; [`InputError::Duplicate`] for one named
    /// twice; [`InputError::Inconsistent`] for an announcement in another year or a window that
    /// ends after the announcement day has begun.
    ///
    /// # Example
    /// See [`DesignationCall`].
    pub fn new(
        id: CallId,
        year: i32,
        window: TimeWindow,
        announced_on: NaiveDate,
        qualifications: Vec<CallQualification>,
    ) -> Result<Self, InputError> {
        if qualifications.is_empty() {
            return Err(InputError::Empty {
                what: "qualifications of a call",
            });
        }
        let mut seen = BTreeSet::new();
        if let Some(twice) = qualifications
            .iter()
            .find(|q| !seen.insert(q.qualification.as_str()))
        {
            return Err(InputError::Duplicate {
                what: "qualification of a call",
                key: twice.qualification.to_string(),
            });
        }
        if announced_on.year() != year {
            return Err(InputError::Inconsistent(format!(
                "a call of {year} announces its designations on {announced_on}"
            )));
        }
        let announcement_begins = announced_on
            .and_hms_opt(0, 0, 0)
            .and_then(|midnight| midnight.and_local_timezone(kst()).single())
            .ok_or_else(|| {
                InputError::Inconsistent(format!("no Korean midnight on {announced_on}"))
            })?;
        if window.end() > announcement_begins {
            return Err(InputError::Inconsistent(format!(
                "the application window ends at {} after the announcement on {announced_on}",
                window.end()
            )));
        }
        Ok(DesignationCall {
            id,
            year,
            window,
            announced_on,
            qualifications,
        })
    }

    /// The call's identifier.
    ///
    /// # Example
    /// See [`DesignationCall`].
    pub fn id(&self) -> CallId {
        self.id
    }

    /// The call's year.
    ///
    /// # Example
    /// See [`DesignationCall`].
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The application window (신청기간).
    ///
    /// # Example
    /// See [`DesignationCall`].
    pub fn window(&self) -> &TimeWindow {
        &self.window
    }

    /// The day the designations are announced (지정 공고일).
    ///
    /// # Example
    /// See [`DesignationCall`].
    pub fn announced_on(&self) -> NaiveDate {
        self.announced_on
    }

    /// The qualifications covered, with their criteria.
    ///
    /// # Example
    /// See [`DesignationCall`].
    pub fn qualifications(&self) -> &[CallQualification] {
        &self.qualifications
    }

    /// The criteria of `qualification`, when the call covers it.
    ///
    /// # Example
    /// See [`DesignationCall`].
    pub fn covers(&self, qualification: &QualificationCode) -> Option<&CallQualification> {
        self.qualifications
            .iter()
            .find(|q| &q.qualification == qualification)
    }
}

/// An institution's application for the designation of one course run (교육·훈련과정
/// 지정신청서, 시행규칙 별지 제1호의2서식): the call, the institution, the qualification and the
/// version of its curriculum standard (편성기준), the course plan (units and hours, facilities,
/// equipment, capacity), the teachers (교수진), the internal evaluation rounds per unit
/// (내부평가 회차) and the training's first and last day.
///
/// # Errors
/// [`CourseApplication::checked`] (and reading one) refuses a training that ends before it starts, a teacher named
/// twice, and evaluation rounds or unit hours a course cannot run ([`CourseUnit::new`]).
///
/// # Example
/// ```
/// use cqnet_store::designation::CourseApplication;
/// let a = CourseApplication::example();
/// assert_eq!(a.units()?.len(), a.plan.spec().units.len());
/// let mut json = serde_json::to_value(&a).unwrap();
/// json["training_end"] = "2020-01-01".into();
/// assert!(serde_json::from_value::<CourseApplication>(json).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ApplicationWire")]
pub struct CourseApplication {
    /// The application.
    pub id: CourseApplicationId,
    /// The call it answers.
    pub call: CallId,
    /// The institution applying.
    pub institution: InstitutionId,
    /// The qualification the course leads to.
    pub qualification: QualificationCode,
    /// The curriculum standard's version the plan follows.
    pub standard_version: StandardVersion,
    /// The course plan.
    pub plan: CoursePlan,
    /// The teachers.
    pub teachers: Vec<Teacher>,
    /// Internal evaluation rounds (내부평가 회차) of every unit.
    pub evaluation_rounds: u8,
    /// First day of training (훈련 시작일).
    pub training_start: NaiveDate,
    /// Last day of training (훈련 종료일).
    pub training_end: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplicationWire {
    id: CourseApplicationId,
    call: CallId,
    institution: InstitutionId,
    qualification: QualificationCode,
    standard_version: StandardVersion,
    plan: CoursePlan,
    teachers: Vec<Teacher>,
    evaluation_rounds: u8,
    training_start: NaiveDate,
    training_end: NaiveDate,
}

impl TryFrom<ApplicationWire> for CourseApplication {
    type Error = InputError;
    fn try_from(w: ApplicationWire) -> Result<Self, Self::Error> {
        CourseApplication {
            id: w.id,
            call: w.call,
            institution: w.institution,
            qualification: w.qualification,
            standard_version: w.standard_version,
            plan: w.plan,
            teachers: w.teachers,
            evaluation_rounds: w.evaluation_rounds,
            training_start: w.training_start,
            training_end: w.training_end,
        }
        .checked()
    }
}

impl CourseApplication {
    /// Checks an application's parts.
    ///
    /// # Errors
    /// As [`CourseApplication`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::designation::CourseApplication;
    /// let mut a = CourseApplication::example();
    /// a.evaluation_rounds = 21;
    /// assert!(a.checked().is_err());
    /// ```
    pub fn checked(self) -> Result<Self, InputError> {
        if self.training_end < self.training_start {
            return Err(InputError::Inconsistent(format!(
                "a training starting on {} cannot end on {}",
                self.training_start, self.training_end
            )));
        }
        let mut seen = BTreeSet::new();
        if let Some(twice) = self.teachers.iter().find(|t| !seen.insert(&t.person)) {
            return Err(InputError::Duplicate {
                what: "teacher",
                key: twice.person.to_string(),
            });
        }
        self.units()?;
        Ok(self)
    }

    /// The competency units the course runs, as the plan has them (its hours and the rounds).
    ///
    /// # Errors
    /// As [`CourseUnit::new`]: zero hours, or more than 20 rounds.
    ///
    /// # Example
    /// See [`CourseApplication`].
    pub fn units(&self) -> Result<Vec<CourseUnit>, InputError> {
        self.plan
            .spec()
            .units
            .iter()
            .map(|u| CourseUnit::new(u.code.clone(), u.hours, self.evaluation_rounds))
            .collect()
    }

    /// The curriculum standard [`CourseApplication::example`] meets: qualification 6921, two
    /// mandatory units of 40 hours, 80 hours in all.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::standard::check_plan;
    /// use cqnet_store::designation::CourseApplication;
    /// let rules = RulePack::embedded().newest();
    /// let check = check_plan(&CourseApplication::example_standard(), &CourseApplication::example().plan, &rules);
    /// assert!(check.meets_standard);
    /// ```
    pub fn example_standard() -> cqnet_core::standard::CurriculumStandard {
        use cqnet_core::standard::{
            CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind,
        };
        use cqnet_core::{Hours, UnitCode};
        let unit = |code: &str| {
            StandardUnit::new(
                UnitCode::new(code).expect("a unit code"),
                UnitKind::Mandatory,
                Hours::whole(40).expect("hours"),
            )
        };
        CurriculumStandard::new(CurriculumStandardSpec {
            total_hours: Hours::whole(80).expect("hours"),
            units: vec![unit("1501020207_14v2"), unit("1501020208_14v2")],
            ..CurriculumStandardSpec::default()
        })
        .expect("a standard")
    }

    /// An application that meets [`CourseApplication::example_standard`] (version `2024-1` of
    /// qualification 6921), with one vocational training teacher, for a course of 20 from
    /// September to December 2026 under call 1 of institution 100.
    ///
    /// # Example
    /// See [`CourseApplication`].
    pub fn example() -> Self {
        use cqnet_core::course_designation::TeacherKind;
        use cqnet_core::standard::{CoursePlanSpec, PlannedUnit};
        use cqnet_core::{Hours, UnitCode};
        let unit = |code: &str| PlannedUnit {
            code: UnitCode::new(code).expect("a unit code"),
            hours: Hours::whole(40).expect("hours"),
        };
        let day = |s: &str| s.parse::<NaiveDate>().expect("a day");
        CourseApplication {
            id: CourseApplicationId::from_u128(1),
            call: CallId::from_u128(1),
            institution: InstitutionId::from_u128(100),
            qualification: QualificationCode::new("6921").expect("a code"),
            standard_version: StandardVersion::new("2024-1").expect("a version"),
            plan: CoursePlan::new(CoursePlanSpec {
                capacity: 20,
                units: vec![unit("1501020207_14v2"), unit("1501020208_14v2")],
                ..CoursePlanSpec::default()
            })
            .expect("a plan"),
            teachers: vec![Teacher {
                person: cqnet_core::access::PartyId::new("kim.trainer").expect("an id"),
                kinds: BTreeSet::from([TeacherKind::VocationalTrainingTeacher]),
            }],
            evaluation_rounds: 1,
            training_start: day("2026-09-01"),
            training_end: day("2026-12-18"),
        }
    }
}

/// A screening stage's outcome for one application, as the core's decision gave it: the
/// score, the day, whether it passed, and every failing check with the rules used.
///
/// # Example
/// ```
/// use cqnet_store::designation::StageResult;
/// fn passed(r: &StageResult) -> bool { r.passed && r.reasons.is_empty() }
/// let _ = passed;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageResult {
    /// The score given.
    pub score: Score,
    /// The day of the decision.
    pub decided_on: NaiveDate,
    /// The application passed the stage.
    pub passed: bool,
    /// The stage's failing checks, as the core gave them.
    pub reasons: Vec<Reason>,
    /// The rules that decided.
    pub rules: RulesUsed,
}

/// The Policy Deliberation Committee's deliberation (정책심의회 심의) on a qualification's
/// selected applications: the day and the ones it did not approve (every other selected one
/// is approved).
///
/// # Example
/// ```
/// use std::collections::BTreeSet;
/// use cqnet_store::designation::Deliberation;
/// let d = Deliberation { held_on: "2026-03-10".parse().unwrap(), not_approved: BTreeSet::new() };
/// assert!(d.not_approved.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deliberation {
    /// The day it was held.
    pub held_on: NaiveDate,
    /// The selected applications it did not approve.
    pub not_approved: BTreeSet<CourseApplicationId>,
}

/// How an operation check was made (운영 확인, 시행령 제14조의4): through the computer system,
/// on documents, or on site.
///
/// # Example
/// ```
/// use cqnet_store::designation::CheckMethod;
/// assert_eq!(serde_json::to_string(&CheckMethod::OnSite).unwrap(), "\"on_site\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckMethod {
    /// Through the computer system (전산).
    System,
    /// On documents (서면).
    Documents,
    /// On site (현장).
    OnSite,
}

/// A finding of an operation check: what was found and, where it points to one, the ground of
/// a measure it may lead to.
///
/// # Errors
/// [`Finding::new`] refuses an empty note, one over 1,000 characters, and one holding a
/// control, bidirectional or zero-width character.
///
/// # Example
/// ```
/// use cqnet_core::sanction::Ground;
/// use cqnet_store::designation::Finding;
/// let f = Finding::new("출결 기록 누락 2건", Some(Ground::RunDifferently))?;
/// assert_eq!(f.note(), "출결 기록 누락 2건");
/// assert!(Finding::new(" ", None).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FindingWire")]
pub struct Finding {
    note: String,
    ground: Option<Ground>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingWire {
    note: String,
    ground: Option<Ground>,
}

impl TryFrom<FindingWire> for Finding {
    type Error = InputError;
    fn try_from(w: FindingWire) -> Result<Self, Self::Error> {
        Finding::new(&w.note, w.ground)
    }
}

impl Finding {
    /// The most characters of a finding's note, once trimmed.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::designation::Finding;
    /// assert!(Finding::new(&"가".repeat(Finding::MAX_NOTE_CHARS), None).is_ok());
    /// assert!(Finding::new(&"가".repeat(Finding::MAX_NOTE_CHARS + 1), None).is_err());
    /// ```
    pub const MAX_NOTE_CHARS: usize = 1000;

    /// A checked finding.
    ///
    /// # Errors
    /// As [`Finding`].
    ///
    /// # Example
    /// See [`Finding`].
    pub fn new(note: &str, ground: Option<Ground>) -> Result<Self, InputError> {
        let trimmed = note.trim();
        if trimmed.is_empty() {
            return Err(InputError::Empty {
                what: "note of a finding",
            });
        }
        let length = trimmed.chars().count();
        if length > Self::MAX_NOTE_CHARS {
            return Err(InputError::OutOfRange {
                what: "characters of a finding",
                min: "1".into(),
                max: Self::MAX_NOTE_CHARS.to_string(),
                value: length.to_string(),
            });
        }
        cqnet_core::text::check_visible("note of a finding", trimmed)?;
        Ok(Finding {
            note: trimmed.to_owned(),
            ground,
        })
    }

    /// What was found.
    ///
    /// # Example
    /// See [`Finding`].
    pub fn note(&self) -> &str {
        &self.note
    }

    /// The ground it points to, if any.
    ///
    /// # Example
    /// See [`Finding`].
    pub fn ground(&self) -> Option<Ground> {
        self.ground
    }
}

/// An operation check of a designated course (운영 확인, at least once a quarter, 시행령
/// 제14조의4): its day, how it was made and its findings (none when all was in order).
///
/// # Example
/// ```
/// use cqnet_store::designation::{CheckMethod, OperationCheck};
/// let c = OperationCheck { checked_on: "2026-11-04".parse().unwrap(), method: CheckMethod::Documents, findings: vec![] };
/// assert_eq!(c.quarter(), (2026, 4));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationCheck {
    /// The day of the check.
    pub checked_on: NaiveDate,
    /// How it was made.
    pub method: CheckMethod,
    /// What it found.
    pub findings: Vec<Finding>,
}

impl OperationCheck {
    /// The calendar quarter (분기) of the check: its year and 1 to 4.
    ///
    /// # Example
    /// See [`OperationCheck`].
    pub fn quarter(&self) -> (i32, u32) {
        (self.checked_on.year(), self.checked_on.month0() / 3 + 1)
    }
}

/// A measure ordered against a designated course (국가기술자격법 제24조의5): its grounds and
/// the measure (a corrective order, 시정명령, or a cancellation, 지정취소; the Act provides no
/// suspension, which the core's decision refuses). Whether it is lawful is the core's decision
/// when it is taken.
///
/// # Errors
/// [`CourseMeasureOrder::new`] refuses no ground or a ground named twice.
///
/// # Example
/// ```
/// use cqnet_core::sanction::{Ground, Measure};
/// use cqnet_store::designation::CourseMeasureOrder;
/// let order = CourseMeasureOrder::new(vec![Ground::RunDifferently], Measure::CorrectiveOrder)?;
/// assert_eq!(order.measure(), Measure::CorrectiveOrder);
/// assert!(CourseMeasureOrder::new(vec![], Measure::Cancellation).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OrderWire")]
pub struct CourseMeasureOrder {
    grounds: Vec<Ground>,
    measure: Measure,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrderWire {
    grounds: Vec<Ground>,
    measure: Measure,
}

impl TryFrom<OrderWire> for CourseMeasureOrder {
    type Error = InputError;
    fn try_from(w: OrderWire) -> Result<Self, Self::Error> {
        CourseMeasureOrder::new(w.grounds, w.measure)
    }
}

impl CourseMeasureOrder {
    /// A checked order.
    ///
    /// # Errors
    /// As the core's [`SanctionCase::new`]: no ground, or a ground named twice.
    ///
    /// # Example
    /// See [`CourseMeasureOrder`].
    pub fn new(grounds: Vec<Ground>, measure: Measure) -> Result<Self, InputError> {
        let order = CourseMeasureOrder { grounds, measure };
        // The core's checks of the grounds (a proposal of a suspension without months is
        // refused by the core's decision instead, as a measure the Act does not provide).
        SanctionCase::new(
            sanction::Target::Course,
            order.grounds.clone(),
            Proposal::new(Measure::CorrectiveOrder, None)?,
            false,
        )?;
        Ok(order)
    }

    /// The grounds.
    ///
    /// # Example
    /// See [`CourseMeasureOrder`].
    pub fn grounds(&self) -> &[Ground] {
        &self.grounds
    }

    /// The measure.
    ///
    /// # Example
    /// See [`CourseMeasureOrder`].
    pub fn measure(&self) -> Measure {
        self.measure
    }

    /// The core's case of this order, with whether a hearing was held. A suspension is
    /// proposed for one month, so that the core answers it with its own reason
    /// (`suspension_not_available` for a course).
    fn case(&self, hearing_held: bool) -> Result<SanctionCase, InputError> {
        let proposal = match self.measure {
            Measure::Suspension => Proposal::new(Measure::Suspension, Some(1))?,
            other => Proposal::new(other, None)?,
        };
        SanctionCase::new(
            sanction::Target::Course,
            self.grounds.clone(),
            proposal,
            hearing_held,
        )
    }
}

/// A measure taken against a designated course, as it was recorded: the order, its day, the
/// hearing it relied on, the core's finding on mandatory cancellation, the rules, who and when.
///
/// # Example
/// ```
/// use cqnet_store::designation::TakenCourseMeasure;
/// fn heard(m: &TakenCourseMeasure) -> bool { m.hearing_held_on.is_some() }
/// let _ = heard;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakenCourseMeasure {
    /// What was ordered.
    pub order: CourseMeasureOrder,
    /// The day it takes effect.
    pub effective_on: NaiveDate,
    /// The hearing it relied on, if any.
    pub hearing_held_on: Option<NaiveDate>,
    /// A ground made cancellation mandatory (the core's finding).
    pub mandatory_cancellation: bool,
    /// The rules that allowed it.
    pub rules: RulesUsed,
    /// Who took it.
    pub by: Actor,
    /// When, by the host's clock.
    pub at: DateTime<Utc>,
}

/// The designation of one course run (과정 지정): the course it made in the training records
/// and the day.
///
/// # Example
/// ```
/// use cqnet_store::designation::CourseDesignation;
/// use cqnet_store::training::CourseId;
/// let d = CourseDesignation { course: CourseId::from_u128(9), designated_on: "2026-03-16".parse().unwrap() };
/// assert_eq!(d.course, CourseId::from_u128(9));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseDesignation {
    /// The course run, in the training records.
    pub course: CourseId,
    /// The day of the designation.
    pub designated_on: NaiveDate,
}

/// A cancellation as it was applied: the core's decision of what it does, and how many
/// trainees the course held then (each of them flagged by it, their records kept).
///
/// # Example
/// ```
/// use cqnet_store::designation::CancellationRecord;
/// fn closed(c: &CancellationRecord) -> chrono::NaiveDate { c.decision.enrollment_closed_from }
/// let _ = closed;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancellationRecord {
    /// What the cancellation does (the core's decision).
    pub decision: Cancellation,
    /// The trainees enrolled on the day, whose records are kept and flagged.
    pub trainees: u64,
}

/// Where an application stands.
///
/// # Example
/// ```
/// use cqnet_store::designation::ApplicationStatus;
/// assert_eq!(ApplicationStatus::Filed.code(), "filed");
/// let s = ApplicationStatus::Cancelled { on: "2026-11-20".parse().unwrap() };
/// assert_eq!(serde_json::to_value(&s).unwrap()["status"], "cancelled");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Filed, not yet screened.
    Filed,
    /// Passed document screening (서류심사 합격), awaiting the on-site stage.
    DocumentPassed,
    /// Failed document screening.
    DocumentFailed,
    /// Passed both stages (선정), awaiting the committee.
    Selected,
    /// Failed the on-site stage.
    NotSelected,
    /// Approved by the committee (심의 통과), awaiting the designation.
    Approved,
    /// Not approved by the committee.
    NotApproved,
    /// Designated (지정): its course runs.
    Designated,
    /// The designation is cancelled (지정취소), from `on`.
    Cancelled {
        /// The day of the cancellation.
        on: NaiveDate,
    },
}

impl ApplicationStatus {
    /// The status's stable code, as the SQL back ends keep it beside the record.
    ///
    /// # Example
    /// See [`ApplicationStatus`].
    pub fn code(&self) -> &'static str {
        match self {
            ApplicationStatus::Filed => "filed",
            ApplicationStatus::DocumentPassed => "document_passed",
            ApplicationStatus::DocumentFailed => "document_failed",
            ApplicationStatus::Selected => "selected",
            ApplicationStatus::NotSelected => "not_selected",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::NotApproved => "not_approved",
            ApplicationStatus::Designated => "designated",
            ApplicationStatus::Cancelled { .. } => "cancelled",
        }
    }
}

/// An application and its whole history: what was filed and the core's check of the plan
/// against its standard (kept as decided), both screening stages, the committee's
/// deliberation, the designation, every operation check, hearing and measure, and the
/// cancellation.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_store::designation::{ApplicationStatus, CourseApplication, DesignationRecord};
/// let rules = RulePack::embedded().newest();
/// let standard = CourseApplication::example_standard();
/// let check = cqnet_core::standard::check_plan(&standard, &CourseApplication::example().plan, &rules);
/// let by = cqnet_store::Actor::new("kim.staff", cqnet_store::Role::Agency)?;
/// let record = DesignationRecord::filed(CourseApplication::example(), "2026-01-12".parse()?, check, by);
/// assert_eq!(record.status, ApplicationStatus::Filed);
/// assert_eq!(record.last_recorded_on(), "2026-01-12".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesignationRecord {
    /// What was filed.
    pub application: CourseApplication,
    /// The day it was filed.
    pub filed_on: NaiveDate,
    /// Who filed it.
    pub filed_by: Actor,
    /// The core's check of the plan against its standard, on the filing day.
    pub plan_check: DesignationCheck,
    /// The document screening (서류심사).
    pub document: Option<StageResult>,
    /// The on-site screening (현장심사).
    pub on_site: Option<StageResult>,
    /// The committee's deliberation.
    pub deliberation: Option<Recorded<Deliberation>>,
    /// The designation, once designated.
    pub designation: Option<CourseDesignation>,
    /// The operation checks, in order.
    pub checks: Vec<Recorded<OperationCheck>>,
    /// The hearings held, in order.
    pub hearings: Vec<Recorded<Hearing>>,
    /// The measures taken, in order.
    pub measures: Vec<TakenCourseMeasure>,
    /// The cancellation, once cancelled.
    pub cancellation: Option<CancellationRecord>,
    /// Where it stands.
    pub status: ApplicationStatus,
}

impl DesignationRecord {
    /// An application as its filing leaves it.
    ///
    /// # Example
    /// See [`DesignationRecord`].
    pub fn filed(
        application: CourseApplication,
        filed_on: NaiveDate,
        plan_check: DesignationCheck,
        filed_by: Actor,
    ) -> Self {
        DesignationRecord {
            application,
            filed_on,
            filed_by,
            plan_check,
            document: None,
            on_site: None,
            deliberation: None,
            designation: None,
            checks: Vec::new(),
            hearings: Vec::new(),
            measures: Vec::new(),
            cancellation: None,
            status: ApplicationStatus::Filed,
        }
    }

    /// The last day the record shows: its filing, screenings, deliberation, designation, the
    /// end of a designated course run, its checks, hearings and measures. The retention period
    /// (법 제25조의4) runs from it.
    ///
    /// # Example
    /// See [`DesignationRecord`].
    pub fn last_recorded_on(&self) -> NaiveDate {
        let designated = self
            .designation
            .iter()
            .flat_map(|d| [d.designated_on, self.application.training_end]);
        [self.filed_on]
            .into_iter()
            .chain(self.document.iter().map(|s| s.decided_on))
            .chain(self.on_site.iter().map(|s| s.decided_on))
            .chain(self.deliberation.iter().map(|d| d.fact.held_on))
            .chain(designated)
            .chain(self.checks.iter().map(|c| c.fact.checked_on))
            .chain(self.hearings.iter().map(|h| h.fact.held_on))
            .chain(self.measures.iter().map(|m| m.effective_on))
            .max()
            .unwrap_or(self.filed_on)
    }

    /// Whether the course run is designated and not cancelled: checks, hearings and measures
    /// concern it.
    ///
    /// # Example
    /// See [`DesignationRecord`].
    pub fn is_designated(&self) -> bool {
        self.status == ApplicationStatus::Designated
    }

    /// The core's decision on this course's operation checks (운영 확인, 시행령 제14조의4) on
    /// `day`: the quarters of its run that ended without their checks. The run goes from the
    /// later of its designation and its training start to the earlier of its training end and
    /// its cancellation; `None` for an application never designated.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_store::designation::{CourseApplication, DesignationRecord};
    /// let rules = RulePack::embedded().newest();
    /// let check = cqnet_core::standard::check_plan(&CourseApplication::example_standard(), &CourseApplication::example().plan, &rules);
    /// let by = cqnet_store::Actor::new("hrdk.admin", cqnet_store::Role::Agency)?;
    /// let record = DesignationRecord::filed(CourseApplication::example(), "2026-01-12".parse()?, check, by);
    /// assert!(record.quarterly_checks("2027-01-05".parse()?, &rules).is_none(), "never designated");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quarterly_checks(&self, day: NaiveDate, rules: &Rules) -> Option<QuarterlyChecks> {
        let designation = self.designation.as_ref()?;
        let first = designation
            .designated_on
            .max(self.application.training_start);
        let end = match self.status {
            ApplicationStatus::Cancelled { on } => on.min(self.application.training_end),
            _ => self.application.training_end,
        };
        // A course cancelled or ended before its training began ran no day under designation.
        let run = Run::new(first, end.max(first)).ok()?;
        let checked_on: Vec<NaiveDate> = self.checks.iter().map(|c| c.fact.checked_on).collect();
        Some(quarterly_checks(run, &checked_on, day, rules))
    }

    /// The latest hearing held on or before `day`.
    ///
    /// # Example
    /// See [`DesignationRecord`].
    pub fn hearing_by(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.hearings
            .iter()
            .map(|h| h.fact.held_on)
            .filter(|held| *held <= day)
            .max()
    }

    /// The core's sanction decision on `order` taken on `day` under `rules`, with the hearing
    /// this record holds by then.
    ///
    /// # Errors
    /// [`InputError`] for a ground the law does not list for a course (the core's
    /// [`sanction::decide`]).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::sanction::{Ground, Measure};
    /// use cqnet_core::ReasonCode;
    /// use cqnet_store::designation::{CourseApplication, CourseMeasureOrder, DesignationRecord};
    /// let rules = RulePack::embedded().newest();
    /// let standard = CourseApplication::example_standard();
    /// let check = cqnet_core::standard::check_plan(&standard, &CourseApplication::example().plan, &rules);
    /// let by = cqnet_store::Actor::new("kim.staff", cqnet_store::Role::Agency)?;
    /// let record = DesignationRecord::filed(CourseApplication::example(), "2026-01-12".parse()?, check, by);
    /// let cancel = CourseMeasureOrder::new(vec![Ground::RunDifferently], Measure::Cancellation)?;
    /// let d = record.measure_decision(&cancel, "2026-11-02".parse()?, &rules)?;
    /// assert_eq!(d.reasons[0].code, ReasonCode::HearingRequired);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn measure_decision(
        &self,
        order: &CourseMeasureOrder,
        day: NaiveDate,
        rules: &Rules,
    ) -> Result<SanctionDecision, InputError> {
        sanction::decide(&order.case(self.hearing_by(day).is_some())?, rules)
    }
}

/// What a retention call (보존기간 경과 기록 정리) did: the applications it removed and, for
/// every one it kept, the first day it may be removed.
///
/// # Example
/// ```
/// use cqnet_store::designation::RetentionReport;
/// let r = RetentionReport::default();
/// assert!(r.removed.is_empty() && r.kept.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RetentionReport {
    /// The applications removed, by id.
    pub removed: Vec<CourseApplicationId>,
    /// The applications kept, by id, each with the first day it may be removed.
    pub kept: Vec<(CourseApplicationId, NaiveDate)>,
}
