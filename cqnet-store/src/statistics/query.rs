//! What a statistics table asks for: the grouping and the filters of the funnel, and the
//! part of the marks a round's distribution counts.

use cqnet_core::statistics::GroupBy;
use cqnet_core::{InputError, QualificationCode};
use serde::{Deserialize, Serialize};

/// The funnel to count: its grouping and, optionally, a range of statistics years (통계연도,
/// both ends included) and one qualification (종목).
///
/// # Errors
/// [`FunnelQuery::with_years`] refuses a range whose first year is after its last.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{Dimension, GroupBy};
/// use cqnet_core::QualificationCode;
/// use cqnet_store::statistics::FunnelQuery;
/// let q = FunnelQuery::new(GroupBy::new(vec![Dimension::Year, Dimension::Gender])?)
///     .with_years(2025, 2026)?
///     .with_qualification(QualificationCode::new("2290")?);
/// assert_eq!(q.years(), Some((2025, 2026)));
/// assert!(FunnelQuery::new(GroupBy::new(vec![])?).with_years(2027, 2026).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunnelQuery {
    group_by: GroupBy,
    years: Option<(u16, u16)>,
    qualification: Option<QualificationCode>,
}

impl FunnelQuery {
    /// Every year and qualification, grouped by `group_by`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::GroupBy;
    /// use cqnet_store::statistics::FunnelQuery;
    /// let total = FunnelQuery::new(GroupBy::new(vec![])?);
    /// assert!(total.years().is_none() && total.qualification().is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(group_by: GroupBy) -> Self {
        FunnelQuery {
            group_by,
            years: None,
            qualification: None,
        }
    }

    /// Only the records of the statistics years `from` to `to`, both included.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when `from` is after `to`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::GroupBy;
    /// use cqnet_store::statistics::FunnelQuery;
    /// let q = FunnelQuery::new(GroupBy::new(vec![])?).with_years(2026, 2026)?;
    /// assert_eq!(q.years(), Some((2026, 2026)));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_years(mut self, from: u16, to: u16) -> Result<Self, InputError> {
        if from > to {
            return Err(InputError::Inconsistent(format!(
                "the statistics years run from {from} to {to}: the first is after the last"
            )));
        }
        self.years = Some((from, to));
        Ok(self)
    }

    /// Only the records of one qualification (종목).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::GroupBy;
    /// use cqnet_core::QualificationCode;
    /// use cqnet_store::statistics::FunnelQuery;
    /// let q = FunnelQuery::new(GroupBy::new(vec![])?).with_qualification(QualificationCode::new("2290")?);
    /// assert_eq!(q.qualification().map(|c| c.as_str()), Some("2290"));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_qualification(mut self, code: QualificationCode) -> Self {
        self.qualification = Some(code);
        self
    }

    /// The grouping.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::{Dimension, GroupBy};
    /// use cqnet_store::statistics::FunnelQuery;
    /// let q = FunnelQuery::new(GroupBy::new(vec![Dimension::Grade])?);
    /// assert_eq!(q.group_by().dimensions(), [Dimension::Grade]);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn group_by(&self) -> &GroupBy {
        &self.group_by
    }

    /// The range of statistics years, if the query has one.
    ///
    /// # Example
    /// See [`FunnelQuery`].
    pub fn years(&self) -> Option<(u16, u16)> {
        self.years
    }

    /// The qualification, if the query has one.
    ///
    /// # Example
    /// See [`FunnelQuery::with_qualification`].
    pub fn qualification(&self) -> Option<&QualificationCode> {
        self.qualification.as_ref()
    }

    /// Whether a record of `year` and `qualification` is one the query counts.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::GroupBy;
    /// use cqnet_core::QualificationCode;
    /// use cqnet_store::statistics::FunnelQuery;
    /// let q = FunnelQuery::new(GroupBy::new(vec![])?).with_years(2025, 2026)?;
    /// assert!(q.admits(2025, &QualificationCode::new("2290")?));
    /// assert!(!q.admits(2024, &QualificationCode::new("2290")?));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn admits(&self, year: u16, qualification: &QualificationCode) -> bool {
        self.years
            .is_none_or(|(from, to)| (from..=to).contains(&year))
            && self
                .qualification
                .as_ref()
                .is_none_or(|q| q == qualification)
    }
}

/// The part of the course-based marks (과정평가형 외부평가) a round's score distribution
/// counts, each a score of 0 to 100 as entered: the written part (1차, 지필평가) or the
/// practical part (2차, 실무평가).
///
/// # Example
/// ```
/// use cqnet_store::statistics::ScorePart;
/// let p: ScorePart = serde_json::from_str("\"practical\"").unwrap();
/// assert_eq!(p, ScorePart::Practical);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScorePart {
    /// 1차 (written).
    Written,
    /// 2차 (practical).
    Practical,
}
