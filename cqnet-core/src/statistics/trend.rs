//! Year-on-year trends (전년 대비 증감) of the funnel: each year's counts and pass rate against
//! the year before, for the same values of every other grouping dimension.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Dimension, FunnelRow, KeyValue};
use crate::InputError;

/// One year of one group, with its change from the year before.
///
/// # Example
/// See [`year_on_year`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TrendRow {
    /// The values of the other grouping dimensions, in grouping order (the year left out).
    pub key: Vec<(Dimension, KeyValue)>,
    /// The year (통계연도).
    pub year: u16,
    /// The year's funnel row.
    pub row: FunnelRow,
    /// The change of each count from the year before, in funnel order (학습근로자, 외부평가
    /// 대상, 접수, 응시, 합격, 자격취득); `None` when the group has no row for the year before.
    pub change: Option<[i64; 6]>,
    /// The change of the pass rate in percentage points (%p), exact; `None` when either year
    /// has no examinees or the year before has no row.
    pub pass_rate_change: Option<Decimal>,
}

/// The funnel's `rows` as year-on-year trends: per group (the values of every dimension but
/// the year), each year in order, compared with the year just before it. A year whose year
/// before has no row (none that year, or the first year) has no change: a gap is never
/// bridged to an older year.
///
/// # Errors
/// [`InputError::Missing`] when a row has no year in its key (group the funnel by
/// [`Dimension::Year`]); [`InputError::Inconsistent`] when the rows are not grouped alike;
/// [`InputError::Duplicate`] for two rows of one group and year.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{funnel, year_on_year, Dimension, Gender, GroupBy, Stage, StatRecord};
/// let record = |year, stage| StatRecord::new(year, "기사", "전기기사", "직업훈련기관", Gender::F, stage);
/// let records = vec![
///     record(2025, Stage::Passed)?, record(2025, Stage::Sat)?,
///     record(2026, Stage::Passed)?, record(2026, Stage::Passed)?, record(2026, Stage::Sat)?,
/// ];
/// let rows = funnel(&records, &GroupBy::new(vec![Dimension::Year])?);
/// let trends = year_on_year(&rows)?;
/// assert_eq!((trends[0].year, trends[0].change), (2025, None));
/// // Three learners against two, and 66.66…% against 50%.
/// assert_eq!(trends[1].change.unwrap()[0], 1);
/// assert!(trends[1].pass_rate_change.unwrap() > rust_decimal::Decimal::new(1666, 2));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn year_on_year(rows: &[FunnelRow]) -> Result<Vec<TrendRow>, InputError> {
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let dimensions: Vec<Dimension> = first.key.iter().map(|(d, _)| *d).collect();
    if !dimensions.contains(&Dimension::Year) {
        return Err(InputError::Missing {
            what: "year in the funnel's grouping",
        });
    }
    // Group → year → row, so that each group's years come in order.
    let mut groups: BTreeMap<Vec<(Dimension, KeyValue)>, BTreeMap<u16, &FunnelRow>> =
        BTreeMap::new();
    for row in rows {
        if !row
            .key
            .iter()
            .map(|(d, _)| *d)
            .eq(dimensions.iter().copied())
        {
            return Err(InputError::Inconsistent(
                "every funnel row must be grouped by the same dimensions".to_owned(),
            ));
        }
        let mut year = None;
        let mut key = Vec::with_capacity(row.key.len() - 1);
        for (dimension, value) in &row.key {
            match (dimension, value) {
                (Dimension::Year, KeyValue::Year(y)) => year = Some(*y),
                (Dimension::Year, KeyValue::Text(_)) => {
                    return Err(InputError::Inconsistent(
                        "a funnel row's year must be a number".to_owned(),
                    ));
                }
                _ => key.push((*dimension, value.clone())),
            }
        }
        let year = year.ok_or(InputError::Missing {
            what: "year in a funnel row",
        })?;
        if groups.entry(key).or_default().insert(year, row).is_some() {
            return Err(InputError::Duplicate {
                what: "funnel row of a year",
                key: year.to_string(),
            });
        }
    }
    let mut trends = Vec::with_capacity(rows.len());
    for (key, years) in groups {
        for (&year, &row) in &years {
            let before = year.checked_sub(1).and_then(|y| years.get(&y)).copied();
            trends.push(TrendRow {
                key: key.clone(),
                year,
                row: row.clone(),
                change: before.map(|before| {
                    let (now, then) = (counts(row), counts(before));
                    std::array::from_fn(|stage| difference(now[stage], then[stage]))
                }),
                pass_rate_change: before
                    .and_then(|before| Some(row.pass_rate? - before.pass_rate?))
                    .map(|change| change.normalize()),
            });
        }
    }
    Ok(trends)
}

fn counts(row: &FunnelRow) -> [u64; 6] {
    [
        row.learners,
        row.targets,
        row.applications,
        row.examinees,
        row.passers,
        row.acquirers,
    ]
}

/// `now − then` as a signed count; counts of people never come near 2⁶³, so the clamp only
/// keeps the arithmetic total.
fn difference(now: u64, then: u64) -> i64 {
    let clamp = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    clamp(now).saturating_sub(clamp(then))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::statistics::{Gender, GroupBy, Stage, StatRecord, funnel};

    fn record(year: u16, qualification: &str, stage: Stage) -> StatRecord {
        StatRecord::new(
            year,
            "기사",
            qualification,
            "직업훈련기관",
            Gender::M,
            stage,
        )
        .expect("a valid record")
    }

    #[test]
    fn each_group_is_compared_with_its_own_year_before_and_a_gap_is_not_bridged() {
        let records = vec![
            record(2023, "전기기사", Stage::Sat),
            record(2024, "전기기사", Stage::Passed),
            record(2024, "전기기사", Stage::Learner),
            record(2026, "전기기사", Stage::Passed),
            record(2024, "용접기사", Stage::Acquired),
            record(2025, "용접기사", Stage::Sat),
        ];
        let group_by = GroupBy::new(vec![Dimension::Qualification, Dimension::Year]).unwrap();
        let trends = year_on_year(&funnel(&records, &group_by)).unwrap();
        let find = |q: &str, year: u16| {
            trends
                .iter()
                .find(|t| t.year == year && t.key[0].1 == KeyValue::Text(q.to_owned()))
                .unwrap_or_else(|| panic!("{q} {year}"))
        };
        // 전기기사 2024 against 2023: learners 2 vs 1, examinees 1 vs 1, passers 1 vs 0.
        let electric = find("전기기사", 2024);
        assert_eq!(electric.change, Some([1, 0, 0, 0, 1, 0]));
        assert_eq!(electric.pass_rate_change, Some(Decimal::ONE_HUNDRED));
        // 2026 follows a year with no row: no change, though 2024 has one.
        assert_eq!(find("전기기사", 2026).change, None);
        // 용접기사 2025 against its own 2024, not 전기기사's.
        let welding = find("용접기사", 2025);
        assert_eq!(welding.change, Some([0, 0, 0, 0, -1, -1]));
        assert_eq!(welding.pass_rate_change, Some(Decimal::from(-100)));
        assert_eq!(trends.len(), 5);
        assert!(trends.iter().all(|t| t.key.len() == 1));
    }

    #[test]
    fn rows_without_a_year_or_grouped_unlike_or_repeated_are_refused() {
        let records = vec![record(2025, "전기기사", Stage::Sat)];
        let by_qualification = GroupBy::new(vec![Dimension::Qualification]).unwrap();
        let without_year = funnel(&records, &by_qualification);
        assert!(matches!(
            year_on_year(&without_year),
            Err(InputError::Missing { .. })
        ));
        let by_year = funnel(&records, &GroupBy::new(vec![Dimension::Year]).unwrap());
        let mut mixed = by_year.clone();
        mixed.extend(without_year);
        assert!(matches!(
            year_on_year(&mixed),
            Err(InputError::Inconsistent(_))
        ));
        let mut twice = by_year.clone();
        twice.extend(by_year);
        assert!(matches!(
            year_on_year(&twice),
            Err(InputError::Duplicate { .. })
        ));
        assert!(year_on_year(&[]).unwrap().is_empty());
    }
}
