//! The statistics as CSV: UTF-8 with a byte-order mark, a header row, fields quoted when they
//! hold a comma, a quote or a line break.

use cqnet_core::statistics::{FunnelRow, KeyValue, ScoreBand, ScoreDistribution};

/// The byte-order mark Excel needs to read a CSV file as UTF-8.
const BOM: char = '\u{feff}';

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
    header.extend(
        [
            "learners",
            "targets",
            "applications",
            "examinees",
            "passers",
            "acquirers",
            "pass_rate",
        ]
        .map(String::from),
    );
    push_row(&mut out, &header);
    for row in rows {
        let mut fields: Vec<String> = row
            .key
            .iter()
            .map(|(_, value)| match value {
                KeyValue::Year(year) => year.to_string(),
                KeyValue::Text(text) => text.clone(),
            })
            .collect();
        fields.extend(
            [
                row.learners,
                row.targets,
                row.applications,
                row.examinees,
                row.passers,
                row.acquirers,
            ]
            .map(|n| n.to_string()),
        );
        fields.push(row.pass_rate.map(|r| r.to_string()).unwrap_or_default());
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
