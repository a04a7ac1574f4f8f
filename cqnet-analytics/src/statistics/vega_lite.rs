//! The statistics as Vega-Lite (v5) chart specifications: JSON a host hands to Vega-Embed, an
//! Observable notebook or Altair, with the table's numbers inline as the chart's data.
//!
//! Each data value keeps its exact number as text (`*_exact`) beside the number the chart
//! draws, so that a tooltip never shows a rounded pass rate or average.

use cqnet_core::statistics::{FunnelRow, ScoreDistribution};
use serde_json::{Value, json};

use super::table::{STAGE_COLUMNS, STAGE_LABELS, band_label, key_text, stage_counts};

/// The schema every specification names.
const SCHEMA: &str = "https://vega.github.io/schema/vega-lite/v5.json";

/// A row's group as one label: its grouping values joined by ` · ` (`전체 (all)` for none).
fn group_label(row: &FunnelRow) -> String {
    if row.key.is_empty() {
        return "전체 (all)".into();
    }
    row.key
        .iter()
        .map(|(_, value)| key_text(value))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The funnel as grouped bars: per group (a year, say) one bar per stage, in funnel order.
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::funnel_vega_lite;
/// use cqnet_core::statistics::{funnel, Dimension, Gender, GroupBy, Stage, StatRecord};
/// let records = vec![StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::F, Stage::Sat)?];
/// let spec = funnel_vega_lite(&funnel(&records, &GroupBy::new(vec![Dimension::Year])?), "연도별 현황");
/// assert_eq!(spec["mark"]["type"], "bar");
/// let values = spec["data"]["values"].as_array().unwrap();
/// assert_eq!(values.len(), 6);
/// assert_eq!((values[3]["group"].as_str(), values[3]["count"].as_u64()), (Some("2026"), Some(1)));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn funnel_vega_lite(rows: &[FunnelRow], title: &str) -> Value {
    let values: Vec<Value> = rows
        .iter()
        .flat_map(|row| {
            let group = group_label(row);
            stage_counts(row)
                .into_iter()
                .zip(STAGE_COLUMNS.iter().zip(STAGE_LABELS))
                .enumerate()
                .map(move |(order, (count, (stage, label)))| {
                    json!({
                        "group": group,
                        "stage": stage,
                        "stage_label": label,
                        "stage_order": order,
                        "count": count,
                    })
                })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "title": title,
        "data": { "values": values },
        "mark": { "type": "bar", "tooltip": true },
        "encoding": {
            "x": { "field": "group", "type": "ordinal", "title": null, "axis": { "labelAngle": 0 } },
            "xOffset": { "field": "stage_label", "sort": STAGE_LABELS },
            "y": { "field": "count", "type": "quantitative", "title": "인원 (people)" },
            "color": {
                "field": "stage_label",
                "type": "nominal",
                "sort": STAGE_LABELS,
                "title": "단계 (stage)"
            }
        }
    })
}

/// The pass rate (합격률) per group as bars; a group without examinees has no bar.
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::pass_rate_vega_lite;
/// use cqnet_core::statistics::{funnel, Dimension, Gender, GroupBy, Stage, StatRecord};
/// let record = |stage| StatRecord::new(2026, "기사", "전기기사", "특성화고", Gender::F, stage);
/// let rows = funnel(&[record(Stage::Passed)?, record(Stage::Sat)?, record(Stage::Sat)?], &GroupBy::new(vec![Dimension::Qualification])?);
/// let spec = pass_rate_vega_lite(&rows, "종목별 합격률");
/// let value = &spec["data"]["values"][0];
/// assert_eq!(value["pass_rate_exact"], "33.333333333333333333333333333");
/// assert!((value["pass_rate"].as_f64().unwrap() - 33.333).abs() < 0.001);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn pass_rate_vega_lite(rows: &[FunnelRow], title: &str) -> Value {
    let values: Vec<Value> = rows
        .iter()
        .filter_map(|row| {
            let rate = row.pass_rate?;
            Some(json!({
                "group": group_label(row),
                "pass_rate": decimal_number(rate),
                "pass_rate_exact": rate.to_string(),
                "examinees": row.examinees,
                "passers": row.passers,
            }))
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "title": title,
        "data": { "values": values },
        "width": { "step": 90 },
        "mark": { "type": "bar", "tooltip": { "content": "data" } },
        "encoding": {
            "x": {
                "field": "group",
                "type": "nominal",
                "sort": null,
                "title": null,
                "axis": { "labelAngle": 0 }
            },
            "y": {
                "field": "pass_rate",
                "type": "quantitative",
                "title": "합격률 (pass rate, %)",
                "scale": { "domain": [0, 100] }
            }
        }
    })
}

/// A round's score distribution (점수 분포) as bars, one per band in order, with the average
/// to one decimal place in the subtitle and exact in `usermeta.average_exact`.
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::distribution_vega_lite;
/// use cqnet_core::statistics::score_distribution;
/// use cqnet_core::{rules::RulePack, Score};
/// let scores: Vec<Score> = [35, 81, 90].into_iter().map(Score::whole).collect::<Result<_, _>>()?;
/// let spec = distribution_vega_lite(&score_distribution(&scores, &RulePack::embedded().newest()), "1회");
/// let values = spec["data"]["values"].as_array().unwrap();
/// assert_eq!(values.iter().map(|v| v["count"].as_u64().unwrap()).sum::<u64>(), 3);
/// assert_eq!(values.last().unwrap()["count"], 2);
/// // (35 + 81 + 90) / 3, exact beside the subtitle's 68.7.
/// assert_eq!(spec["usermeta"]["average_exact"], "68.666666666666666666666666667");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn distribution_vega_lite(distribution: &ScoreDistribution, title: &str) -> Value {
    let labels: Vec<String> = distribution.bands.iter().map(band_label).collect();
    let values: Vec<Value> = distribution
        .bands
        .iter()
        .zip(&labels)
        .map(|(band, label)| json!({ "band": label, "count": band.count }))
        .collect();
    let subtitle = match distribution.average {
        Some(average) => {
            let shown = average.round_dp(1);
            format!(
                "응시자 {} 명, 평균 {shown} (examinees {}, average {shown})",
                distribution.examinees, distribution.examinees
            )
        }
        None => "응시자 없음 (no examinees)".to_owned(),
    };
    json!({
        "$schema": SCHEMA,
        "title": { "text": title, "subtitle": subtitle },
        "usermeta": {
            "examinees": distribution.examinees,
            "average_exact": distribution.average.map(|a| a.to_string()),
        },
        "data": { "values": values },
        "width": { "step": 110 },
        "mark": { "type": "bar", "tooltip": true },
        "encoding": {
            "x": {
                "field": "band",
                "type": "ordinal",
                "sort": labels,
                "title": "점수 구간 (score band)",
                // Korean above, English below: `40 미만` / `(below 40)`.
                "axis": {
                    "labelAngle": 0,
                    "labelLimit": 200,
                    "labelExpr": "[split(datum.label, ' (')[0], '(' + split(datum.label, ' (')[1]]"
                }
            },
            "y": { "field": "count", "type": "quantitative", "title": "인원 (people)" }
        }
    })
}

/// A decimal as the nearest JSON number, for drawing only (the exact text travels beside it).
fn decimal_number(value: rust_decimal::Decimal) -> Value {
    use rust_decimal::prelude::ToPrimitive;
    value
        .to_f64()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}
