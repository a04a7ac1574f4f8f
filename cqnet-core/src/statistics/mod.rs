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

pub use distribution::{ScoreBand, ScoreBandBounds, ScoreDistribution, score_distribution};
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

/// Gender as the yearbook reports it.
///
/// # Example
/// ```
/// use cqnet_core::statistics::Gender;
/// let g: Gender = serde_json::from_str("\"F\"").unwrap();
/// assert_eq!(g.to_string(), "F");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Gender {
    /// 남.
    M,
    /// 여.
    F,
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Gender::M => "M",
            Gender::F => "F",
        })
    }
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
    /// 직무분야 (job field); a record without one counts under [`UNKNOWN_JOB_FIELD`].
    JobField,
}

/// The job field a record without one counts under: 미상 (unknown). It is never guessed.
pub const UNKNOWN_JOB_FIELD: &str = "미상 (unknown)";

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
    /// use cqnet_core::statistics::{funnel, Dimension, Gender, GroupBy, KeyValue, Stage, StatRecord, UNKNOWN_JOB_FIELD};
    /// let electric = StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::F, Stage::Sat)?.with_job_field("전기·전자")?;
    /// let unknown = StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::F, Stage::Sat)?;
    /// let rows = funnel(&[electric, unknown], &GroupBy::new(vec![Dimension::JobField])?);
    /// assert_eq!(rows[0].key[0].1, KeyValue::Text(UNKNOWN_JOB_FIELD.into()));
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
            Dimension::JobField => KeyValue::Text(
                self.job_field
                    .clone()
                    .unwrap_or_else(|| UNKNOWN_JOB_FIELD.to_owned()),
            ),
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
    let mut counts: BTreeMap<Vec<KeyValue>, [u64; 6]> = BTreeMap::new();
    for record in records {
        let key: Vec<KeyValue> = group_by.0.iter().map(|d| record.key_value(*d)).collect();
        let row = counts.entry(key).or_default();
        // A record counts at its own stage and every stage before it.
        for count in row.iter_mut().take(record.stage as usize + 1) {
            *count += 1;
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
