//! What a search asks for: the filters of qualifications (종목), institutions (교육·훈련기관)
//! and courses (과정). Every value is a checked type, so a filter built is a filter that can be
//! asked; filters left empty match everything, and the filters given all hold of a result.

use chrono::NaiveDate;
use cqnet_core::{InstitutionType, JobField, NcsClassification, QualificationCode, Region, Track};
use serde::Serialize;

use super::{CourseStatus, SearchError, SearchText};
use crate::training::QualificationLevel;

/// Which qualifications a search finds (종목 검색).
///
/// # Example
/// ```
/// use cqnet_core::{Grade, Track};
/// use cqnet_store::search::{QualificationFilter, SearchText};
/// use cqnet_store::training::QualificationLevel;
/// let filter = QualificationFilter {
///     name: Some(SearchText::new("용접")?),
///     level: Some(QualificationLevel::Grade(Grade::Craftsman)),
///     track: Some(Track::CourseBased),
///     ..QualificationFilter::default()
/// };
/// assert!(filter.field.is_none());
/// # Ok::<(), cqnet_store::search::SearchError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QualificationFilter {
    /// Text the name (종목명) contains.
    pub name: Option<SearchText>,
    /// The grade (등급) or NCS level (수준).
    pub level: Option<QualificationLevel>,
    /// The job field (직무분야), as the catalog writes it.
    pub field: Option<JobField>,
    /// An NCS classification at any level: a qualification whose classification lies in it.
    pub ncs_class: Option<NcsClassification>,
    /// The track (과정평가형 or 일학습병행).
    pub track: Option<Track>,
}

/// Which institutions a search finds (교육·훈련기관 찾기).
///
/// # Example
/// ```
/// use cqnet_core::{InstitutionType, LegalInstitutionType, Region, Sido};
/// use cqnet_store::search::InstitutionFilter;
/// let filter = InstitutionFilter {
///     types: InstitutionType::under(LegalInstitutionType::HigherEducation),
///     region: Some(Region::new(Sido::Busan, None)?),
///     ..InstitutionFilter::default()
/// };
/// assert_eq!(filter.types.len(), 3);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InstitutionFilter {
    /// Text the name (기관명) contains.
    pub name: Option<SearchText>,
    /// The types (기관 유형) any one of which the institution has; empty for any type. An
    /// institution with no recorded type matches only an empty list.
    pub types: Vec<InstitutionType>,
    /// The region (지역) the institution lies in: a 시도, or a 시군구 of it.
    pub region: Option<Region>,
}

/// Training start dates (훈련 시작일) from `first` to `last`, both included.
///
/// # Errors
/// [`StartDates::between`] refuses a range that ends before it starts;
/// [`StartDates::year`] a year with no calendar (outside chrono's range).
///
/// # Example
/// ```
/// use cqnet_store::search::StartDates;
/// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let year = StartDates::year(2026)?;
/// assert!(year.contains(day("2026-12-31")) && !year.contains(day("2027-01-01")));
/// assert!(StartDates::between(day("2026-05-01"), day("2026-04-30")).is_err());
/// # Ok::<(), cqnet_store::search::SearchError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StartDates {
    first: NaiveDate,
    last: NaiveDate,
}

impl StartDates {
    /// Start dates from `first` to `last`.
    ///
    /// # Errors
    /// [`SearchError::DateRange`] when `last` is before `first`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::StartDates;
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// assert_eq!(StartDates::between(day("2026-03-01"), day("2026-03-31"))?.last(), day("2026-03-31"));
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn between(first: NaiveDate, last: NaiveDate) -> Result<Self, SearchError> {
        if last < first {
            return Err(SearchError::DateRange(format!(
                "start dates from {first} cannot end on {last}"
            )));
        }
        Ok(StartDates { first, last })
    }

    /// The courses of a training year (훈련연도): starting from 1 January to 31 December.
    ///
    /// # Errors
    /// [`SearchError::DateRange`] for a year outside the calendar.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::StartDates;
    /// assert_eq!(StartDates::year(2026)?.first().to_string(), "2026-01-01");
    /// assert!(StartDates::year(i32::MAX).is_err());
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn year(year: i32) -> Result<Self, SearchError> {
        let day = |m, d| {
            NaiveDate::from_ymd_opt(year, m, d)
                .ok_or_else(|| SearchError::DateRange(format!("{year} is not a calendar year")))
        };
        StartDates::between(day(1, 1)?, day(12, 31)?)
    }

    /// The first start date.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::search::StartDates;
    /// assert_eq!(StartDates::year(2027)?.first().to_string(), "2027-01-01");
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn first(&self) -> NaiveDate {
        self.first
    }

    /// The last start date.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::search::StartDates;
    /// assert_eq!(StartDates::year(2027)?.last().to_string(), "2027-12-31");
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn last(&self) -> NaiveDate {
        self.last
    }

    /// Whether a course starting on `start` lies in the range.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::search::StartDates;
    /// assert!(StartDates::year(2026)?.contains("2026-06-01".parse().unwrap()));
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn contains(&self, start: NaiveDate) -> bool {
        self.first <= start && start <= self.last
    }
}

/// Which courses a search finds (맞춤형 과정검색). Only designated courses (지정 과정) are
/// found: a course applied for, suspended or revoked is not offered to the public.
///
/// `today` is the day the statuses are read on (the store reads no clock).
///
/// # Example
/// ```
/// use cqnet_core::{Region, Sido};
/// use cqnet_store::search::{CourseFilter, CourseStatus, SearchText, StartDates};
/// let mut filter = CourseFilter::on("2026-02-01".parse().unwrap());
/// filter.status = Some(CourseStatus::OpenForEnrollment);
/// filter.region = Some(Region::new(Sido::Seoul, None)?);
/// filter.starts = Some(StartDates::year(2026)?);
/// filter.min_seats_left = Some(1);
/// filter.text = Some(SearchText::new("용접")?);
/// assert_eq!(filter.today.to_string(), "2026-02-01");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CourseFilter {
    /// The day statuses are read on.
    pub today: NaiveDate,
    /// The qualification (종목) the course leads to.
    pub qualification: Option<QualificationCode>,
    /// The grade (등급) or NCS level (수준) of its qualification.
    pub level: Option<QualificationLevel>,
    /// The region (지역) of its institution.
    pub region: Option<Region>,
    /// The types (기관 유형) any one of which its institution has; empty for any.
    pub institution_types: Vec<InstitutionType>,
    /// The track (과정평가형 or 일학습병행).
    pub track: Option<Track>,
    /// The range its training start date (훈련 시작일) lies in: a training year or any range.
    pub starts: Option<StartDates>,
    /// Where it stands on `today`.
    pub status: Option<CourseStatus>,
    /// At least this many seats left (잔여 정원): its capacity less its enrollments.
    pub min_seats_left: Option<u32>,
    /// Text its qualification's name or its institution's name contains.
    pub text: Option<SearchText>,
}

impl CourseFilter {
    /// A filter that finds every designated course, with statuses read on `today`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::CourseFilter;
    /// let filter = CourseFilter::on("2026-03-02".parse().unwrap());
    /// assert!(filter.text.is_none() && filter.institution_types.is_empty());
    /// ```
    pub fn on(today: NaiveDate) -> Self {
        CourseFilter {
            today,
            qualification: None,
            level: None,
            region: None,
            institution_types: Vec::new(),
            track: None,
            starts: None,
            status: None,
            min_seats_left: None,
            text: None,
        }
    }
}
