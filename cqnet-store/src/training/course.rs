//! Institutions and companies, and their courses (과정) with designation (지정) and units.

use crate::command::bounded_text;

use super::catalog::*;
use super::ids::*;
use chrono::NaiveDate;
use cqnet_core::{Hours, InputError, InstitutionType, QualificationCode, Region, Track, UnitCode};
use serde::{Deserialize, Serialize};
/// What kind of organisation an institution is.
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionKind;
/// assert_ne!(InstitutionKind::TrainingInstitution, InstitutionKind::Company);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    /// A training institution (교육·훈련기관) running designated 과정평가형 courses.
    TrainingInstitution,
    /// A company (학습기업) training learning workers under 일학습병행.
    Company,
}

/// A training institution or company.
///
/// # Errors
/// [`Institution::new`] refuses an empty name.
///
/// # Example
/// ```
/// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
/// let i = Institution::new(InstitutionId::from_u128(1), "한국폴리텍대학", InstitutionKind::TrainingInstitution)?;
/// assert_eq!(i.name(), "한국폴리텍대학");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "InstitutionWire")]
pub struct Institution {
    id: InstitutionId,
    name: String,
    kind: InstitutionKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    institution_type: Option<InstitutionType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Deserialize)]
struct InstitutionWire {
    id: InstitutionId,
    name: String,
    kind: InstitutionKind,
    #[serde(default)]
    institution_type: Option<InstitutionType>,
    #[serde(default)]
    region: Option<Region>,
}

impl TryFrom<InstitutionWire> for Institution {
    type Error = InputError;
    fn try_from(w: InstitutionWire) -> Result<Self, Self::Error> {
        Ok(Institution::new(w.id, &w.name, w.kind)?
            .with_type(w.institution_type)
            .with_region(w.region))
    }
}

impl Institution {
    /// The longest name, in characters.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
    /// let long = "가".repeat(Institution::MAX_NAME_CHARS + 1);
    /// assert!(Institution::new(InstitutionId::from_u128(1), &long, InstitutionKind::Company).is_err());
    /// ```
    pub const MAX_NAME_CHARS: usize = 200;

    /// An institution.
    ///
    /// # Errors
    /// [`Institution::new`] refuses an empty name.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
    /// let i = Institution::new(InstitutionId::from_u128(1), "(주)정밀가공", InstitutionKind::Company)?;
    /// assert!(Institution::new(InstitutionId::from_u128(2), "", InstitutionKind::Company).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(id: InstitutionId, name: &str, kind: InstitutionKind) -> Result<Self, InputError> {
        Ok(Institution {
            id,
            name: bounded_text("institution name", name, Self::MAX_NAME_CHARS)?,
            kind,
            institution_type: None,
            region: None,
        })
    }

    /// The same institution with its type (기관 유형: a legal type of 국가기술자격법 제10조제1항
    /// or an operating kind CQ-Net lists), or without one.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::InstitutionType;
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
    /// let i = Institution::new(InstitutionId::from_u128(1), "한국폴리텍대학 서울정수캠퍼스", InstitutionKind::TrainingInstitution)?
    ///     .with_type(Some(InstitutionType::Polytechnic));
    /// assert_eq!(i.institution_type(), Some(InstitutionType::Polytechnic));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    #[must_use]
    pub fn with_type(mut self, institution_type: Option<InstitutionType>) -> Self {
        self.institution_type = institution_type;
        self
    }

    /// The same institution with its region (지역: 시도, optionally 시군구), or without one.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Region, Sido};
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
    /// let i = Institution::new(InstitutionId::from_u128(1), "부산기계공고", InstitutionKind::TrainingInstitution)?
    ///     .with_region(Some(Region::new(Sido::Busan, None)?));
    /// assert_eq!(i.region().map(|r| r.sido()), Some(Sido::Busan));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    #[must_use]
    pub fn with_region(mut self, region: Option<Region>) -> Self {
        self.region = region;
        self
    }

    /// The type (기관 유형), when recorded.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
    /// let i = Institution::new(InstitutionId::from_u128(1), "(주)정밀가공", InstitutionKind::Company)?;
    /// assert_eq!(i.institution_type(), None);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn institution_type(&self) -> Option<InstitutionType> {
        self.institution_type
    }

    /// The region (지역), when recorded.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
    /// let i = Institution::new(InstitutionId::from_u128(1), "(주)정밀가공", InstitutionKind::Company)?;
    /// assert!(i.region().is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn region(&self) -> Option<&Region> {
        self.region.as_ref()
    }
    /// The identifier.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
    /// let i = Institution::new(InstitutionId::from_u128(1), "(주)정밀가공", InstitutionKind::Company)?;
    /// assert_eq!(i.id(), InstitutionId::from_u128(1));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn id(&self) -> InstitutionId {
        self.id
    }
    /// The name.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
    /// let i = Institution::new(InstitutionId::from_u128(1), "(주)정밀가공", InstitutionKind::Company)?;
    /// assert_eq!(i.name(), "(주)정밀가공");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The kind.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind};
    /// let i = Institution::new(InstitutionId::from_u128(1), "(주)정밀가공", InstitutionKind::Company)?;
    /// assert_eq!(i.kind(), InstitutionKind::Company);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn kind(&self) -> InstitutionKind {
        self.kind
    }
}

/// Where a course stands in its designation (과정 지정).
///
/// # Example
/// ```
/// use cqnet_store::training::DesignationStatus;
/// assert_eq!(serde_json::to_string(&DesignationStatus::Designated).unwrap(), "\"designated\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DesignationStatus {
    /// Applied for, not yet decided (지정 신청).
    Applied,
    /// Designated (지정).
    Designated,
    /// Designation suspended (지정 효력 정지).
    Suspended,
    /// Designation revoked (지정 취소).
    Revoked,
}

/// A designation status with the interval it holds for (`valid_from..=valid_until`).
///
/// # Errors
/// [`Designation::new`] refuses an interval that ends before it starts.
///
/// # Example
/// ```
/// use cqnet_store::training::{Designation, DesignationStatus};
/// let d = Designation::new(DesignationStatus::Designated, "2026-01-01".parse().unwrap(), "2027-12-31".parse().unwrap())?;
/// assert!(d.covers("2026-06-01".parse().unwrap()));
/// assert!(Designation::new(DesignationStatus::Designated, "2026-01-02".parse().unwrap(), "2026-01-01".parse().unwrap()).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "DesignationWire")]
pub struct Designation {
    status: DesignationStatus,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
}

#[derive(Deserialize)]
struct DesignationWire {
    status: DesignationStatus,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
}

impl TryFrom<DesignationWire> for Designation {
    type Error = InputError;
    fn try_from(w: DesignationWire) -> Result<Self, Self::Error> {
        Designation::new(w.status, w.valid_from, w.valid_until)
    }
}

impl Designation {
    /// A designation.
    ///
    /// # Errors
    /// [`Designation::new`] refuses an interval that ends before it starts.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Designation, DesignationStatus};
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let d = Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?;
    /// assert!(Designation::new(DesignationStatus::Designated, day("2026-02-01"), day("2026-01-01")).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        status: DesignationStatus,
        valid_from: NaiveDate,
        valid_until: NaiveDate,
    ) -> Result<Self, InputError> {
        if valid_until < valid_from {
            return Err(InputError::Inconsistent(format!(
                "a designation valid from {valid_from} cannot end on {valid_until}"
            )));
        }
        Ok(Designation {
            status,
            valid_from,
            valid_until,
        })
    }
    /// The status.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Designation, DesignationStatus};
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let d = Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?;
    /// assert_eq!(d.status(), DesignationStatus::Designated);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn status(&self) -> DesignationStatus {
        self.status
    }
    /// The first day the status holds.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Designation, DesignationStatus};
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let d = Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?;
    /// assert_eq!(d.valid_from(), day("2026-01-01"));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn valid_from(&self) -> NaiveDate {
        self.valid_from
    }
    /// The last day the status holds.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Designation, DesignationStatus};
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let d = Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?;
    /// assert_eq!(d.valid_until(), day("2027-12-31"));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn valid_until(&self) -> NaiveDate {
        self.valid_until
    }
    /// Whether `day` lies in the interval.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Designation, DesignationStatus};
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let d = Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?;
    /// assert!(d.covers(day("2027-12-31")) && !d.covers(day("2028-01-01")));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && day <= self.valid_until
    }
}

/// A competency unit (능력단위) as a course runs it: scheduled hours and the number of internal
/// evaluation rounds (내부평가 회차).
///
/// # Errors
/// [`CourseUnit::new`] refuses zero scheduled hours and more than 20 rounds.
///
/// # Example
/// ```
/// use cqnet_store::training::CourseUnit;
/// use cqnet_core::{Hours, UnitCode};
/// let unit = CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 2)?;
/// assert_eq!(unit.rounds(), 2);
/// assert!(CourseUnit::new(UnitCode::example(), Hours::ZERO, 1).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CourseUnitWire")]
pub struct CourseUnit {
    code: UnitCode,
    scheduled: Hours,
    rounds: u8,
}

#[derive(Deserialize)]
struct CourseUnitWire {
    code: UnitCode,
    scheduled: Hours,
    rounds: u8,
}

impl TryFrom<CourseUnitWire> for CourseUnit {
    type Error = InputError;
    fn try_from(w: CourseUnitWire) -> Result<Self, Self::Error> {
        CourseUnit::new(w.code, w.scheduled, w.rounds)
    }
}

impl CourseUnit {
    /// The most internal evaluation rounds a unit may have.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::Hours;
    /// use cqnet_store::training::CourseUnit;
    /// let forty = Hours::whole(40).unwrap();
    /// assert!(CourseUnit::new("1501020207_14v2".parse().unwrap(), forty, CourseUnit::MAX_ROUNDS + 1).is_err());
    /// ```
    pub const MAX_ROUNDS: u8 = 20;

    /// A unit of a course.
    ///
    /// # Errors
    /// [`CourseUnit::new`] refuses zero scheduled hours and more than 20 rounds.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, UnitCode};
    /// use cqnet_store::training::CourseUnit;
    /// let u = CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 2)?;
    /// assert!(CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 21).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(code: UnitCode, scheduled: Hours, rounds: u8) -> Result<Self, InputError> {
        if scheduled.is_zero() {
            return Err(InputError::OutOfRange {
                what: "scheduled hours of a course unit",
                min: "more than 0".into(),
                max: "100000".into(),
                value: "0".into(),
            });
        }
        if rounds > Self::MAX_ROUNDS {
            return Err(InputError::OutOfRange {
                what: "internal evaluation rounds of a unit",
                min: "0".into(),
                max: Self::MAX_ROUNDS.to_string(),
                value: rounds.to_string(),
            });
        }
        Ok(CourseUnit {
            code,
            scheduled,
            rounds,
        })
    }
    /// The unit's code.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, UnitCode};
    /// use cqnet_store::training::CourseUnit;
    /// let u = CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 2)?;
    /// assert_eq!(u.code(), &UnitCode::example());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn code(&self) -> &UnitCode {
        &self.code
    }
    /// Scheduled hours.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, UnitCode};
    /// use cqnet_store::training::CourseUnit;
    /// let u = CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 2)?;
    /// assert_eq!(u.scheduled(), Hours::whole(40)?);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn scheduled(&self) -> Hours {
        self.scheduled
    }
    /// Internal evaluation rounds.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, UnitCode};
    /// use cqnet_store::training::CourseUnit;
    /// let u = CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 2)?;
    /// assert_eq!(u.rounds(), 2);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn rounds(&self) -> u8 {
        self.rounds
    }
}

/// A course (과정): it belongs to an institution, follows one version of its qualification's
/// curriculum standard, runs from `start` to `end`, seats `capacity` people and carries its
/// designation.
///
/// # Errors
/// [`Course::new`] refuses an end before the start, a capacity of 0 or above 10,000, no unit,
/// or a unit listed twice.
///
/// # Example
/// ```
/// use cqnet_store::training::*;
/// use cqnet_core::{Hours, QualificationCode, Track, UnitCode};
/// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let course = Course::new(CourseSpec {
///     id: CourseId::from_u128(1),
///     institution: InstitutionId::from_u128(1),
///     qualification: QualificationCode::example(),
///     standard_version: StandardVersion::new("2024-1")?,
///     track: Track::CourseBased,
///     start: day("2026-03-02"),
///     end: day("2026-08-31"),
///     capacity: 20,
///     units: vec![CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 1)?],
///     designation: Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?,
/// })?;
/// assert_eq!(course.spec().capacity, 20);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CourseSpec", into = "CourseSpec")]
pub struct Course {
    spec: CourseSpec,
}

/// The parts of a [`Course`], checked by [`Course::new`].
///
/// # Example
/// See [`Course`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseSpec {
    /// The course.
    pub id: CourseId,
    /// The institution (or company) that runs it.
    pub institution: InstitutionId,
    /// The qualification it leads to.
    pub qualification: QualificationCode,
    /// The curriculum standard version (편성기준 버전) it follows.
    pub standard_version: StandardVersion,
    /// The track.
    pub track: Track,
    /// First day of training (훈련 시작일).
    pub start: NaiveDate,
    /// Last day of training (훈련 종료일).
    pub end: NaiveDate,
    /// Seats (정원).
    pub capacity: u32,
    /// The competency units it runs.
    pub units: Vec<CourseUnit>,
    /// Its designation (과정 지정) and validity interval.
    pub designation: Designation,
}

impl TryFrom<CourseSpec> for Course {
    type Error = InputError;
    fn try_from(spec: CourseSpec) -> Result<Self, Self::Error> {
        Course::new(spec)
    }
}

impl From<Course> for CourseSpec {
    fn from(c: Course) -> Self {
        c.spec
    }
}

impl Course {
    /// The most trainees a course may take.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Course;
    /// assert_eq!(Course::MAX_CAPACITY, 10_000);
    /// ```
    pub const MAX_CAPACITY: u32 = 10_000;

    /// Checks a course.
    ///
    /// # Errors
    /// [`Course::new`] refuses an end before the start, a capacity of 0 or above 10,000, no unit,
    /// or a unit listed twice.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, QualificationCode, Track, UnitCode};
    /// use cqnet_store::training::*;
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let course = Course::new(CourseSpec {
    ///     id: CourseId::from_u128(1),
    ///     institution: InstitutionId::from_u128(1),
    ///     qualification: QualificationCode::example(),
    ///     standard_version: StandardVersion::new("2024-1")?,
    ///     track: Track::CourseBased,
    ///     start: day("2026-03-02"),
    ///     end: day("2026-08-31"),
    ///     capacity: 20,
    ///     units: vec![CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 1)?],
    ///     designation: Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?,
    /// })?;
    /// assert_eq!(course.spec().units.len(), 1);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(spec: CourseSpec) -> Result<Self, InputError> {
        if spec.end < spec.start {
            return Err(InputError::Inconsistent(format!(
                "a course starting on {} cannot end on {}",
                spec.start, spec.end
            )));
        }
        if !(1..=Self::MAX_CAPACITY).contains(&spec.capacity) {
            return Err(InputError::OutOfRange {
                what: "course capacity",
                min: "1".into(),
                max: Self::MAX_CAPACITY.to_string(),
                value: spec.capacity.to_string(),
            });
        }
        if spec.units.is_empty() {
            return Err(InputError::Empty {
                what: "units of a course",
            });
        }
        let mut seen = std::collections::BTreeSet::new();
        for unit in &spec.units {
            if !seen.insert(unit.code.as_str()) {
                return Err(InputError::Duplicate {
                    what: "course unit",
                    key: unit.code.to_string(),
                });
            }
        }
        Ok(Course { spec })
    }
    /// The course's parts.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, QualificationCode, Track, UnitCode};
    /// use cqnet_store::training::*;
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let course = Course::new(CourseSpec {
    ///     id: CourseId::from_u128(1),
    ///     institution: InstitutionId::from_u128(1),
    ///     qualification: QualificationCode::example(),
    ///     standard_version: StandardVersion::new("2024-1")?,
    ///     track: Track::CourseBased,
    ///     start: day("2026-03-02"),
    ///     end: day("2026-08-31"),
    ///     capacity: 20,
    ///     units: vec![CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 1)?],
    ///     designation: Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?,
    /// })?;
    /// assert_eq!(course.spec().capacity, 20);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn spec(&self) -> &CourseSpec {
        &self.spec
    }
    /// The identifier.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, QualificationCode, Track, UnitCode};
    /// use cqnet_store::training::*;
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let course = Course::new(CourseSpec {
    ///     id: CourseId::from_u128(1),
    ///     institution: InstitutionId::from_u128(1),
    ///     qualification: QualificationCode::example(),
    ///     standard_version: StandardVersion::new("2024-1")?,
    ///     track: Track::CourseBased,
    ///     start: day("2026-03-02"),
    ///     end: day("2026-08-31"),
    ///     capacity: 20,
    ///     units: vec![CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 1)?],
    ///     designation: Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?,
    /// })?;
    /// assert_eq!(course.id(), CourseId::from_u128(1));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn id(&self) -> CourseId {
        self.spec.id
    }
    /// The unit with this code, if the course runs it.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, QualificationCode, Track, UnitCode};
    /// use cqnet_store::training::*;
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let course = Course::new(CourseSpec {
    ///     id: CourseId::from_u128(1),
    ///     institution: InstitutionId::from_u128(1),
    ///     qualification: QualificationCode::example(),
    ///     standard_version: StandardVersion::new("2024-1")?,
    ///     track: Track::CourseBased,
    ///     start: day("2026-03-02"),
    ///     end: day("2026-08-31"),
    ///     capacity: 20,
    ///     units: vec![CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 1)?],
    ///     designation: Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?,
    /// })?;
    /// assert!(course.unit(&UnitCode::example()).is_some());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn unit(&self, code: &UnitCode) -> Option<&CourseUnit> {
        self.spec.units.iter().find(|u| &u.code == code)
    }
    /// The same course with another designation (for an update).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, QualificationCode, Track, UnitCode};
    /// use cqnet_store::training::*;
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let course = Course::new(CourseSpec {
    ///     id: CourseId::from_u128(1),
    ///     institution: InstitutionId::from_u128(1),
    ///     qualification: QualificationCode::example(),
    ///     standard_version: StandardVersion::new("2024-1")?,
    ///     track: Track::CourseBased,
    ///     start: day("2026-03-02"),
    ///     end: day("2026-08-31"),
    ///     capacity: 20,
    ///     units: vec![CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 1)?],
    ///     designation: Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?,
    /// })?;
    /// let lapsed = course.with_designation(Designation::new(DesignationStatus::Suspended, day("2026-01-01"), day("2026-06-30"))?);
    /// assert_eq!(lapsed.spec().designation.status(), DesignationStatus::Suspended);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_designation(mut self, designation: Designation) -> Self {
        self.spec.designation = designation;
        self
    }
}
