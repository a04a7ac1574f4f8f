//! External-evaluation statistics (외부평가 현황) as HRD Korea publishes them (statistics yearbook,
//! data.go.kr 15037520): the funnel 학습근로자 (learners) → 외부평가 대상 (targets) → 접수
//! (applications) → 응시 (examinees) → 합격 (passers) → 자격취득 (acquirers), grouped by year,
//! grade, qualification, institution type, gender or job field; the score distribution of a round
//! ([`score_distribution`], 회차별 점수 분포); and the funnel's year-on-year trends
//! ([`year_on_year`], 전년 대비 증감).
//!
//! Each record counts at every stage up to the furthest one it reached. The pass rate is
//! passers ÷ examinees × 100, exact (the yearbook's rounding to one decimal is left to the
//! host). Records are counted one by one.
//!
//! # Example
//! ```
//! use cqnet_core::statistics::{funnel, Dimension, Gender, GroupBy, Stage, StatRecord};
//!
//! let record = |year, stage| StatRecord::new(year, "기사", "전기기사", "직업훈련기관", Gender::M, stage);
//! let records = vec![record(2025, Stage::Passed)?, record(2025, Stage::Sat)?, record(2026, Stage::Learner)?];
//! let rows = funnel(&records, &GroupBy::new(vec![Dimension::Year])?);
//! assert_eq!(rows.len(), 2);
//! assert_eq!((rows[0].examinees, rows[0].passers), (2, 1));
//! assert_eq!(rows[0].pass_rate.unwrap().to_string(), "50");
//! assert_eq!(rows[1].pass_rate, None);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

mod distribution;
mod trend;

pub use distribution::{
    ScoreBand, ScoreBandBounds, ScoreDistribution, distribution_of_tallies, score_distribution,
    score_distribution_in,
};
pub use trend::{TrendRow, year_on_year};

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::InputError;

/// The furthest stage a record reached, in funnel order.
///
/// # Example
/// ```
/// use cqnet_core::statistics::Stage;
/// assert!(Stage::Learner < Stage::Acquired);
/// let s: Stage = serde_json::from_str("\"sat\"").unwrap();
/// assert_eq!(s, Stage::Sat);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 학습근로자 (learner, trainee).
    Learner,
    /// 외부평가 대상 (eligible for the external evaluation).
    Target,
    /// 접수 (applied).
    Applied,
    /// 응시 (sat the evaluation).
    Sat,
    /// 합격 (passed).
    Passed,
    /// 자격취득 (acquired the qualification).
    Acquired,
}

/// Gender as the yearbook reports it, and `unknown` for a record that does not say (a
/// record never has a gender guessed for it).
///
/// # Example
/// ```
/// use cqnet_core::statistics::Gender;
/// let g: Gender = serde_json::from_str("\"F\"").unwrap();
/// assert_eq!(g.to_string(), "F");
/// assert_eq!(Gender::or_unknown(None), Gender::Unknown);
/// assert_eq!(Gender::Unknown.to_string(), "unknown");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Gender {
    /// 남.
    M,
    /// 여.
    F,
    /// Not recorded (미상).
    #[serde(rename = "unknown")]
    Unknown,
}

impl Gender {
    /// The gender a record counts under: the one recorded, or [`Gender::Unknown`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::Gender;
    /// assert_eq!(Gender::or_unknown(Some(Gender::M)), Gender::M);
    /// ```
    pub fn or_unknown(recorded: Option<Gender>) -> Gender {
        recorded.unwrap_or(Gender::Unknown)
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Gender::M => "M",
            Gender::F => "F",
            Gender::Unknown => "unknown",
        })
    }
}

/// The label of a dimension value that a record does not state (an institution without a
/// recorded type, a qualification without a grade): such records count under it, never under
/// a guessed value.
///
/// # Example
/// ```
/// assert_eq!(cqnet_core::statistics::UNKNOWN, "unknown");
/// ```
pub const UNKNOWN: &str = "unknown";

/// What the store keeps of one trainee (훈련생) of the course-based track, as far as the
/// funnel is concerned: each fact says the trainee reached a stage. [`StageFacts::stage`]
/// is the one rule that turns them into the furthest stage, whatever back end read them.
///
/// - 외부평가 대상 (`target`): an application was accepted, active or cancelled since. The
///   application command accepts one only when the core's completion decision finds the
///   trainee eligible (외부평가 응시자격), so it is that decision, kept; a trainee who never
///   applied has no decision kept and is counted as a learner only.
/// - 접수 (`applied`): an application is active (not cancelled).
/// - 응시 (`sat`): marks were entered for one of the trainee's applications.
/// - 합격 (`passed`): a finalised result of theirs is a pass.
/// - 자격취득 (`acquired`): a certificate (자격증) was issued for a pass of theirs.
///
/// A record whose facts skip a stage (a certificate with no pass in the store) still counts
/// at its furthest stage and at every stage before it.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{Stage, StageFacts};
/// let facts = StageFacts { target: true, applied: true, sat: true, ..StageFacts::default() };
/// assert_eq!(facts.stage(), Stage::Sat);
/// assert_eq!(StageFacts::default().stage(), Stage::Learner);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StageFacts {
    /// An application was accepted (외부평가 대상).
    pub target: bool,
    /// An application is active (접수).
    pub applied: bool,
    /// Marks were entered (응시).
    pub sat: bool,
    /// A finalised result is a pass (합격).
    pub passed: bool,
    /// A certificate was issued (자격취득).
    pub acquired: bool,
}

impl StageFacts {
    /// The furthest stage the facts show.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::{Stage, StageFacts};
    /// assert_eq!(StageFacts { acquired: true, ..StageFacts::default() }.stage(), Stage::Acquired);
    /// ```
    pub fn stage(self) -> Stage {
        [
            (self.acquired, Stage::Acquired),
            (self.passed, Stage::Passed),
            (self.sat, Stage::Sat),
            (self.applied, Stage::Applied),
            (self.target, Stage::Target),
        ]
        .into_iter()
        .find_map(|(reached, stage)| reached.then_some(stage))
        .unwrap_or(Stage::Learner)
    }
}

/// The statistics year (통계연도) a trainee's record belongs to: the year they enrolled (the
/// cohort), so that a trainee counts once in a table by year and a retake in a later round
/// keeps them in their cohort.
///
/// # Example
/// ```
/// use cqnet_core::statistics::cohort_year;
/// assert_eq!(cohort_year("2025-09-01".parse().unwrap()), 2025);
/// ```
pub fn cohort_year(enrolled_on: chrono::NaiveDate) -> u16 {
    use chrono::Datelike;
    // A `NaiveDate` of a stored enrollment is after 1900 (the person's birth date is).
    u16::try_from(enrolled_on.year()).unwrap_or(0)
}

/// A dimension to group by.
///
/// # Example
/// ```
/// use cqnet_core::statistics::Dimension;
/// let d: Dimension = serde_json::from_str("\"institution_type\"").unwrap();
/// assert_eq!(d.to_string(), "institution_type");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// 통계연도.
    Year,
    /// 등급 (기사, 산업기사, 기능사, …).
    Grade,
    /// 종목.
    Qualification,
    /// 교육훈련기관 유형.
    InstitutionType,
    /// 성별.
    Gender,
    /// 직무분야 (job field); a record without one counts under [`UNKNOWN`].
    JobField,
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dimension::Year => "year",
            Dimension::Grade => "grade",
            Dimension::Qualification => "qualification",
            Dimension::InstitutionType => "institution_type",
            Dimension::Gender => "gender",
            Dimension::JobField => "job_field",
        })
    }
}

/// The value of one dimension in a row's key: a year, or a code or name.
///
/// Within one dimension all values are of one kind, so rows order by number or by code point.
///
/// # Example
/// ```
/// use cqnet_core::statistics::KeyValue;
/// assert!(KeyValue::Text("기능사".into()) < KeyValue::Text("기사".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(untagged)]
pub enum KeyValue {
    /// A year.
    Year(u16),
    /// A code or name, ordered by code point.
    Text(String),
}

/// One person's record: the year, grade, qualification, institution type, gender, and the
/// furthest stage reached.
///
/// # Errors
/// [`InputError::Empty`] for an empty grade, qualification or institution type;
/// [`InputError::HiddenCharacter`] for one holding a control, bidirectional or zero-width
/// character (two such names would look alike but count apart).
///
/// # Example
/// ```
/// use cqnet_core::statistics::{Gender, Stage, StatRecord};
/// assert!(StatRecord::new(2026, "", "전기기사", "특성화고", Gender::F, Stage::Sat).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatRecord {
    year: u16,
    grade: String,
    qualification: String,
    institution_type: String,
    gender: Gender,
    stage: Stage,
    job_field: Option<String>,
}

impl StatRecord {
    /// A checked record.
    ///
    /// # Errors
    /// [`InputError::Empty`] for an empty grade, qualification or institution type;
    /// [`InputError::HiddenCharacter`] for one holding a control, bidirectional or zero-width
    /// character (two such names would look alike but count apart).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::{Gender, Stage, StatRecord};
    /// assert!(StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::F, Stage::Acquired).is_ok());
    /// ```
    pub fn new(
        year: u16,
        grade: impl Into<String>,
        qualification: impl Into<String>,
        institution_type: impl Into<String>,
        gender: Gender,
        stage: Stage,
    ) -> Result<Self, InputError> {
        let (grade, qualification, institution_type) =
            (grade.into(), qualification.into(), institution_type.into());
        for (what, text) in [
            ("grade", &grade),
            ("qualification", &qualification),
            ("institution type", &institution_type),
        ] {
            if text.trim().is_empty() {
                return Err(InputError::Empty { what });
            }
            crate::text::check_visible(what, text)?;
        }
        Ok(StatRecord {
            year,
            grade,
            qualification,
            institution_type,
            gender,
            stage,
            job_field: None,
        })
    }

    /// The record with its job field (직무분야, as the yearbook names it: `전기·전자`, `기계`, …).
    ///
    /// # Errors
    /// As [`StatRecord::new`] for the field's text.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::{funnel, Dimension, Gender, GroupBy, KeyValue, Stage, StatRecord, UNKNOWN};
    /// let electric = StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::F, Stage::Sat)?.with_job_field("전기·전자")?;
    /// let unknown = StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::F, Stage::Sat)?;
    /// let rows = funnel(&[electric, unknown], &GroupBy::new(vec![Dimension::JobField])?);
    /// // ASCII sorts before Hangul: `unknown` comes first.
    /// assert_eq!(rows[0].key[0].1, KeyValue::Text(UNKNOWN.into()));
    /// assert_eq!(rows[1].key[0].1, KeyValue::Text("전기·전자".into()));
    /// assert!(StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::F, Stage::Sat)?.with_job_field(" ").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_job_field(mut self, field: impl Into<String>) -> Result<Self, InputError> {
        let field = field.into();
        if field.trim().is_empty() {
            return Err(InputError::Empty { what: "job field" });
        }
        crate::text::check_visible("job field", &field)?;
        self.job_field = Some(field);
        Ok(self)
    }

    fn key_value(&self, dimension: Dimension) -> KeyValue {
        match dimension {
            Dimension::Year => KeyValue::Year(self.year),
            Dimension::Grade => KeyValue::Text(self.grade.clone()),
            Dimension::Qualification => KeyValue::Text(self.qualification.clone()),
            Dimension::InstitutionType => KeyValue::Text(self.institution_type.clone()),
            Dimension::Gender => KeyValue::Text(self.gender.to_string()),
            Dimension::JobField => {
                KeyValue::Text(self.job_field.clone().unwrap_or_else(|| UNKNOWN.to_owned()))
            }
        }
    }
}

/// The dimensions to group by, in order, none twice (empty: one total row).
///
/// # Errors
/// [`InputError::Duplicate`] for a dimension named twice.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{Dimension, GroupBy};
/// assert!(GroupBy::new(vec![Dimension::Year, Dimension::Year]).is_err());
/// assert!(GroupBy::new(vec![]).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupBy(Vec<Dimension>);

impl GroupBy {
    /// A checked grouping.
    ///
    /// # Errors
    /// [`InputError::Duplicate`] for a dimension named twice.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::{Dimension, GroupBy};
    /// assert!(GroupBy::new(vec![Dimension::Gender, Dimension::Grade]).is_ok());
    /// ```
    pub fn new(dimensions: Vec<Dimension>) -> Result<Self, InputError> {
        let mut seen = BTreeSet::new();
        if let Some(dup) = dimensions.iter().find(|d| !seen.insert(**d)) {
            return Err(InputError::Duplicate {
                what: "dimension",
                key: dup.to_string(),
            });
        }
        Ok(GroupBy(dimensions))
    }

    /// The dimensions, in grouping order.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::{Dimension, GroupBy};
    /// let g = GroupBy::new(vec![Dimension::Year, Dimension::Gender])?;
    /// assert_eq!(g.dimensions(), [Dimension::Year, Dimension::Gender]);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn dimensions(&self) -> &[Dimension] {
        &self.0
    }
}

/// One row of the funnel.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{funnel, Gender, GroupBy, Stage, StatRecord};
/// let records = vec![StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::F, Stage::Acquired)?];
/// let row = &funnel(&records, &GroupBy::new(vec![])?)[0];
/// assert!(row.key.is_empty());
/// assert_eq!((row.learners, row.acquirers), (1, 1));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FunnelRow {
    /// The row's value of each grouping dimension, in grouping order.
    pub key: Vec<(Dimension, KeyValue)>,
    /// 학습근로자: every record.
    pub learners: u64,
    /// 외부평가 대상: target or later.
    pub targets: u64,
    /// 접수: applied or later.
    pub applications: u64,
    /// 응시: sat or later.
    pub examinees: u64,
    /// 합격: passed or later.
    pub passers: u64,
    /// 자격취득.
    pub acquirers: u64,
    /// passers ÷ examinees × 100; `None` without examinees.
    pub pass_rate: Option<Decimal>,
}

/// Counts the funnel per distinct combination of the grouping values, rows ordered by those
/// values in grouping order. No records give no rows.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{funnel, Dimension, Gender, GroupBy, KeyValue, Stage, StatRecord};
/// let records = vec![
///     StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::M, Stage::Target)?,
///     StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::F, Stage::Sat)?,
/// ];
/// let rows = funnel(&records, &GroupBy::new(vec![Dimension::Gender])?);
/// // "F" sorts before "M".
/// assert_eq!(rows[0].key, vec![(Dimension::Gender, KeyValue::Text("F".into()))]);
/// assert_eq!((rows[1].targets, rows[1].applications), (1, 0));
/// assert!(funnel(&[], &GroupBy::new(vec![])?).is_empty());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn funnel(records: &[StatRecord], group_by: &GroupBy) -> Vec<FunnelRow> {
    funnel_of_tallies(
        records.iter().map(|record| {
            let key: Vec<KeyValue> = group_by.0.iter().map(|d| record.key_value(*d)).collect();
            (key, record.stage, 1)
        }),
        group_by,
    )
}

/// The funnel of records already counted: each tally is a key (the values of the grouping
/// dimensions, in grouping order), the furthest stage of its records and how many they are.
/// Tallies of one key and stage add up. This is how a store answers the funnel from the
/// counts one aggregate query gives, with the rows and the exact pass rate built as
/// [`funnel`] builds them.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{funnel_of_tallies, Dimension, GroupBy, KeyValue, Stage};
/// let by_year = GroupBy::new(vec![Dimension::Year])?;
/// let rows = funnel_of_tallies(
///     [(vec![KeyValue::Year(2026)], Stage::Passed, 2), (vec![KeyValue::Year(2026)], Stage::Sat, 1)],
///     &by_year,
/// );
/// assert_eq!((rows[0].examinees, rows[0].passers), (3, 2));
/// assert_eq!(rows[0].pass_rate.unwrap().round_dp(2).to_string(), "66.67");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn funnel_of_tallies(
    tallies: impl IntoIterator<Item = (Vec<KeyValue>, Stage, u64)>,
    group_by: &GroupBy,
) -> Vec<FunnelRow> {
    let mut counts: BTreeMap<Vec<KeyValue>, [u64; 6]> = BTreeMap::new();
    for (key, stage, how_many) in tallies {
        let row = counts.entry(key).or_default();
        // A record counts at its own stage and every stage before it.
        for count in row.iter_mut().take(stage as usize + 1) {
            *count += how_many;
        }
    }
    counts
        .into_iter()
        .map(
            |(
                key,
                [
                    learners,
                    targets,
                    applications,
                    examinees,
                    passers,
                    acquirers,
                ],
            )| {
                FunnelRow {
                    key: group_by.0.iter().copied().zip(key).collect(),
                    learners,
                    targets,
                    applications,
                    examinees,
                    passers,
                    acquirers,
                    pass_rate: (examinees > 0).then(|| {
                        (Decimal::from(passers) * Decimal::ONE_HUNDRED / Decimal::from(examinees))
                            .normalize()
                    }),
                }
            },
        )
        .collect()
}
