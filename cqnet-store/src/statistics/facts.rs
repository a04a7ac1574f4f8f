//! What a back end reads of each trainee for the funnel, and the keys of the grouping
//! dimensions, written once so that every back end labels a group alike.

use cqnet_core::statistics::{
    Dimension, FunnelRow, Gender, KeyValue, StageFacts, UNKNOWN, funnel_of_tallies,
};
use cqnet_core::{Grade, InstitutionType, QualificationCode};

use super::FunnelQuery;

/// One trainee (훈련생) of the course-based track as the funnel sees them: the statistics
/// year of their enrollment ([`cohort_year`](cqnet_core::statistics::cohort_year)), their
/// course's qualification and its grade, their institution's type, their gender, and the
/// facts of the stages they reached.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{Dimension, KeyValue, StageFacts};
/// use cqnet_core::{Grade, QualificationCode};
/// use cqnet_store::statistics::TraineeFacts;
/// let t = TraineeFacts {
///     year: 2026,
///     grade: Some(Grade::IndustrialEngineer),
///     qualification: QualificationCode::new("2290")?,
///     institution_type: None,
///     gender: None,
///     job_field: "전기·전자".into(),
///     stages: StageFacts::default(),
/// };
/// assert_eq!(t.key_value(Dimension::Grade), KeyValue::Text("산업기사".into()));
/// assert_eq!(t.key_value(Dimension::InstitutionType), KeyValue::Text("unknown".into()));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraineeFacts {
    /// The statistics year (통계연도): the year of enrollment.
    pub year: u16,
    /// The grade (등급) of the course's qualification; `None` when it has none.
    pub grade: Option<Grade>,
    /// The course's qualification (종목).
    pub qualification: QualificationCode,
    /// The type of the course's institution; `None` when none was recorded.
    pub institution_type: Option<InstitutionType>,
    /// The trainee's gender; `None` when none was recorded.
    pub gender: Option<Gender>,
    /// The job field (직무분야) of the course's qualification.
    pub job_field: String,
    /// The stages the store shows the trainee reached.
    pub stages: StageFacts,
}

impl TraineeFacts {
    /// The trainee's value of one dimension, labelled as every back end labels it: the year;
    /// the grade's Korean name (기사, 산업기사, …); the qualification's code; the institution
    /// type's identifier (`job_training_institution`, …); `M`, `F`; and
    /// [`UNKNOWN`] for a fact not recorded.
    ///
    /// # Example
    /// See [`TraineeFacts`].
    pub fn key_value(&self, dimension: Dimension) -> KeyValue {
        match dimension {
            Dimension::Year => KeyValue::Year(self.year),
            Dimension::Grade => grade_key(self.grade),
            Dimension::Qualification => KeyValue::Text(self.qualification.as_str().to_owned()),
            Dimension::InstitutionType => institution_type_key(self.institution_type),
            Dimension::Gender => gender_key(self.gender),
            Dimension::JobField => KeyValue::Text(self.job_field.clone()),
        }
    }
}

/// The key of a grade: its Korean name, or [`UNKNOWN`].
///
/// # Example
/// ```
/// use cqnet_core::statistics::KeyValue;
/// assert_eq!(cqnet_store::statistics::grade_key(None), KeyValue::Text("unknown".into()));
/// ```
pub fn grade_key(grade: Option<Grade>) -> KeyValue {
    KeyValue::Text(grade.map_or(UNKNOWN, Grade::korean_name).to_owned())
}

/// The key of an institution type: its identifier, or [`UNKNOWN`].
///
/// # Example
/// ```
/// use cqnet_core::statistics::KeyValue;
/// use cqnet_core::InstitutionType;
/// let key = cqnet_store::statistics::institution_type_key(Some(InstitutionType::Military));
/// assert_eq!(key, KeyValue::Text("military".into()));
/// ```
pub fn institution_type_key(institution_type: Option<InstitutionType>) -> KeyValue {
    KeyValue::Text(institution_type.map_or_else(|| UNKNOWN.to_owned(), |t| t.to_string()))
}

/// The key of a gender: `M`, `F`, or `unknown`.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{Gender, KeyValue};
/// assert_eq!(cqnet_store::statistics::gender_key(Some(Gender::F)), KeyValue::Text("F".into()));
/// ```
pub fn gender_key(gender: Option<Gender>) -> KeyValue {
    KeyValue::Text(Gender::or_unknown(gender).to_string())
}

/// The funnel of `query` over the trainees given: those the query admits, keyed by its
/// grouping, each at the stage [`StageFacts::stage`] finds.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{Dimension, GroupBy, StageFacts};
/// use cqnet_core::{Grade, QualificationCode};
/// use cqnet_store::statistics::{funnel_of_facts, FunnelQuery, TraineeFacts};
/// let t = TraineeFacts {
///     year: 2026, grade: Some(Grade::Engineer), qualification: QualificationCode::new("1320")?,
///     institution_type: None, gender: None, job_field: "기계".into(),
///     stages: StageFacts { target: true, applied: true, ..StageFacts::default() },
/// };
/// let query = FunnelQuery::new(GroupBy::new(vec![Dimension::Year])?);
/// let rows = funnel_of_facts([t], &query);
/// assert_eq!((rows[0].learners, rows[0].applications, rows[0].examinees), (1, 1, 0));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn funnel_of_facts(
    trainees: impl IntoIterator<Item = TraineeFacts>,
    query: &FunnelQuery,
) -> Vec<FunnelRow> {
    let dimensions = query.group_by().dimensions();
    funnel_of_tallies(
        trainees
            .into_iter()
            .filter(|t| query.admits(t.year, &t.qualification))
            .map(|t| {
                let key = dimensions.iter().map(|d| t.key_value(*d)).collect();
                (key, t.stages.stage(), 1)
            }),
        query.group_by(),
    )
}
