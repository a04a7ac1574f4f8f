//! The statistics as CSV: UTF-8 with a byte-order mark, a header row, fields quoted when they
//! hold a comma, a quote or a line break.

use cqnet_core::statistics::{FunnelRow, KeyValue, ScoreBand, ScoreDistribution, TrendRow};

/// The byte-order mark Excel needs to read a CSV file as UTF-8.
const BOM: char = '\u{feff}';

/// The funnel's counts, in funnel order, as the columns name them.
pub(crate) const STAGE_COLUMNS: [&str; 6] = [
    "learners",
    "targets",
    "applications",
    "examinees",
    "passers",
    "acquirers",
];

/// The funnel's stages in Korean and English, in the order of [`STAGE_COLUMNS`], as charts
/// and sheets label them.
pub(crate) const STAGE_LABELS: [&str; 6] = [
    "학습근로자 (learners)",
    "외부평가 대상 (targets)",
    "접수 (applications)",
    "응시 (examinees)",
    "합격 (passers)",
    "자격취득 (acquirers)",
];

/// A row's counts in the order of [`STAGE_COLUMNS`].
pub(crate) fn stage_counts(row: &FunnelRow) -> [u64; 6] {
    [
        row.learners,
        row.targets,
        row.applications,
        row.examinees,
        row.passers,
        row.acquirers,
    ]
}

/// A grouping value as a cell: the year's digits, or the text.
pub(crate) fn key_text(value: &KeyValue) -> String {
    match value {
        KeyValue::Year(year) => year.to_string(),
        KeyValue::Text(text) => text.clone(),
    }
}

/// The funnel rows as CSV: the grouping columns (named by their dimension), then learners,
/// targets, applications, examinees, passers, acquirers and the pass rate (exact; empty
/// without examinees).
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::funnel_csv;
/// use cqnet_core::statistics::{funnel, Dimension, Gender, GroupBy, Stage, StatRecord};
/// let records = vec![
///     StatRecord::new(2026, "기사", "전기기사", "직업훈련기관", Gender::F, Stage::Passed)?,
///     StatRecord::new(2026, "기사", "전기기사", "직업훈련기관", Gender::M, Stage::Sat)?,
/// ];
/// let rows = funnel(&records, &GroupBy::new(vec![Dimension::Year, Dimension::Qualification])?);
/// let csv = funnel_csv(&rows);
/// let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
/// assert_eq!(lines[0], "year,qualification,learners,targets,applications,examinees,passers,acquirers,pass_rate");
/// assert_eq!(lines[1], "2026,전기기사,2,2,2,2,1,0,50");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn funnel_csv(rows: &[FunnelRow]) -> String {
    let mut out = String::from(BOM);
    let mut header: Vec<String> = rows
        .first()
        .map(|r| r.key.iter().map(|(d, _)| d.to_string()).collect())
        .unwrap_or_default();
    header.extend(STAGE_COLUMNS.map(String::from));
    header.push("pass_rate".into());
    push_row(&mut out, &header);
    for row in rows {
        let mut fields: Vec<String> = row.key.iter().map(|(_, value)| key_text(value)).collect();
        fields.extend(stage_counts(row).map(|n| n.to_string()));
        fields.push(row.pass_rate.map(|r| r.to_string()).unwrap_or_default());
        push_row(&mut out, &fields);
    }
    out
}

/// The year-on-year trends as CSV: the other grouping columns, the year, the year's counts
/// and pass rate, then each count's change from the year before (`learners_change`, …) and
/// the pass rate's change in percentage points (`pass_rate_change_pp`); the changes are
/// empty where the year before has no row.
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::trend_csv;
/// use cqnet_core::statistics::{funnel, year_on_year, Dimension, Gender, GroupBy, Stage, StatRecord};
/// let record = |year| StatRecord::new(year, "기사", "전기기사", "직업훈련기관", Gender::F, Stage::Passed);
/// let rows = funnel(&[record(2025)?, record(2026)?, record(2026)?], &GroupBy::new(vec![Dimension::Year])?);
/// let csv = trend_csv(&year_on_year(&rows)?);
/// let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
/// assert!(lines[0].starts_with("year,learners,"));
/// assert!(lines[0].ends_with(",acquirers_change,pass_rate_change_pp"));
/// // Passed, not yet acquired: 0 acquirers.
/// assert_eq!(lines[1], "2025,1,1,1,1,1,0,100,,,,,,,");
/// assert_eq!(lines[2], "2026,2,2,2,2,2,0,100,1,1,1,1,1,0,0");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn trend_csv(trends: &[TrendRow]) -> String {
    let mut out = String::from(BOM);
    let mut header: Vec<String> = trends
        .first()
        .map(|t| t.key.iter().map(|(d, _)| d.to_string()).collect())
        .unwrap_or_default();
    header.push("year".into());
    header.extend(STAGE_COLUMNS.map(String::from));
    header.push("pass_rate".into());
    header.extend(STAGE_COLUMNS.map(|stage| format!("{stage}_change")));
    header.push("pass_rate_change_pp".into());
    push_row(&mut out, &header);
    for trend in trends {
        let mut fields: Vec<String> = trend.key.iter().map(|(_, v)| key_text(v)).collect();
        fields.push(trend.year.to_string());
        fields.extend(stage_counts(&trend.row).map(|n| n.to_string()));
        fields.push(
            trend
                .row
                .pass_rate
                .map(|r| r.to_string())
                .unwrap_or_default(),
        );
        match trend.change {
            Some(change) => fields.extend(change.map(|n| n.to_string())),
            None => fields.extend(std::iter::repeat_n(String::new(), STAGE_COLUMNS.len())),
        }
        fields.push(
            trend
                .pass_rate_change
                .map(|r| r.to_string())
                .unwrap_or_default(),
        );
        push_row(&mut out, &fields);
    }
    out
}

/// A band's label in Korean and English: `40 미만 (below 40)`, `40–49.9999 (40 to below 50)`,
/// `80 이상 (80 and above)`.
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::band_label;
/// use cqnet_core::statistics::score_distribution;
/// use cqnet_core::rules::RulePack;
/// let d = score_distribution(&[], &RulePack::embedded().newest());
/// let labels: Vec<String> = d.bands.iter().map(band_label).collect();
/// assert_eq!(labels[0], "40 미만 (below 40)");
/// assert_eq!(labels[1], "40 이상 50 미만 (40 to below 50)");
/// assert_eq!(labels[5], "80 이상 (80 and above)");
/// ```
pub fn band_label(band: &ScoreBand) -> String {
    match (band.from, band.below) {
        (None, Some(b)) => format!("{b} 미만 (below {b})"),
        (Some(f), Some(b)) => format!("{f} 이상 {b} 미만 ({f} to below {b})"),
        (Some(f), None) => format!("{f} 이상 ({f} and above)"),
        (None, None) => "전체 (all)".into(),
    }
}

/// A round's distribution as CSV: one row per band (its label and count), then the examinees
/// and the exact average (empty without examinees).
///
/// # Example
/// See [the module](super).
pub fn distribution_csv(distribution: &ScoreDistribution) -> String {
    let mut out = String::from(BOM);
    push_row(&mut out, &["band".into(), "count".into()]);
    for band in &distribution.bands {
        push_row(&mut out, &[band_label(band), band.count.to_string()]);
    }
    push_row(
        &mut out,
        &[
            "응시자 (examinees)".into(),
            distribution.examinees.to_string(),
        ],
    );
    push_row(
        &mut out,
        &[
            "평균 (average)".into(),
            distribution
                .average
                .map(|a| a.to_string())
                .unwrap_or_default(),
        ],
    );
    out
}

/// One CSV row, each field quoted when it must be.
fn push_row(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}
