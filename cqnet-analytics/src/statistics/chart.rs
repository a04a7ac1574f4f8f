//! The statistics as SVG bar charts, written by hand: a title, one bar per band or row, each
//! bar's value printed above it and kept in its `data-value` attribute (so that a program, or a
//! test, reads the chart's numbers back), and its label below.

use std::fmt::Write as _;

use cqnet_core::statistics::{FunnelRow, KeyValue, ScoreDistribution};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::band_label;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 400.0;
/// Room for the title above and the labels below the bars.
const TOP: f64 = 60.0;
const BOTTOM: f64 = 90.0;
const SIDE: f64 = 40.0;

/// One bar: its label, its value as printed, and its height as a share of the tallest.
struct Bar {
    label: String,
    printed: String,
    share: f64,
}

/// A round's distribution as a bar chart: a bar per band, its count above it.
///
/// # Example
/// See [the module](super).
pub fn distribution_svg(distribution: &ScoreDistribution, title: &str) -> String {
    let most = distribution
        .bands
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0);
    let bars: Vec<Bar> = distribution
        .bands
        .iter()
        .map(|band| Bar {
            label: band_label(band),
            printed: band.count.to_string(),
            share: if most == 0 {
                0.0
            } else {
                band.count as f64 / most as f64
            },
        })
        .collect();
    let average = distribution
        .average
        .map(|a| format!("평균 (average) {}", a.round_dp(1)))
        .unwrap_or_else(|| "응시자 없음 (no examinees)".into());
    chart(&format!("{title} · {average}"), &bars)
}

/// The pass rate (합격률) of each funnel row as a bar chart, on a scale of 0 to 100; a row
/// without examinees has no bar. Its label is the row's key.
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::pass_rate_svg;
/// use cqnet_core::statistics::{funnel, Dimension, Gender, GroupBy, Stage, StatRecord};
/// let records = vec![
///     StatRecord::new(2026, "기사", "전기기사", "직업훈련기관", Gender::F, Stage::Passed)?,
///     StatRecord::new(2026, "기사", "전기기사", "직업훈련기관", Gender::M, Stage::Sat)?,
/// ];
/// let rows = funnel(&records, &GroupBy::new(vec![Dimension::Qualification])?);
/// let svg = pass_rate_svg(&rows, "합격률 (pass rate)");
/// assert!(svg.contains("data-value=\"50\""));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn pass_rate_svg(rows: &[FunnelRow], title: &str) -> String {
    let bars: Vec<Bar> = rows
        .iter()
        .filter_map(|row| {
            let rate = row.pass_rate?;
            let label: Vec<String> = row
                .key
                .iter()
                .map(|(_, v)| match v {
                    KeyValue::Year(y) => y.to_string(),
                    KeyValue::Text(t) => t.clone(),
                })
                .collect();
            Some(Bar {
                label: if label.is_empty() {
                    "전체 (all)".into()
                } else {
                    label.join(" · ")
                },
                printed: rate.round_dp(1).normalize().to_string(),
                share: (rate / Decimal::ONE_HUNDRED).to_f64().unwrap_or(0.0),
            })
        })
        .collect();
    chart(title, &bars)
}

/// The chart's SVG text.
fn chart(title: &str, bars: &[Bar]) -> String {
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"sans-serif\" role=\"img\">\
         <title>{}</title>\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\"/>\
         <text x=\"{}\" y=\"32\" font-size=\"18\" text-anchor=\"middle\" class=\"title\">{}</text>",
        escape(title),
        WIDTH / 2.0,
        escape(title)
    );
    let area = HEIGHT - TOP - BOTTOM;
    let base = HEIGHT - BOTTOM;
    let _ = write!(
        svg,
        "<line x1=\"{SIDE}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#444444\"/>",
        WIDTH - SIDE
    );
    let slot = (WIDTH - 2.0 * SIDE) / bars.len().max(1) as f64;
    for (i, bar) in bars.iter().enumerate() {
        let height = (bar.share.clamp(0.0, 1.0) * area).round();
        let x = SIDE + slot * i as f64 + slot * 0.15;
        let width = slot * 0.7;
        let centre = x + width / 2.0;
        let _ = write!(
            svg,
            "<rect class=\"bar\" data-label=\"{label}\" data-value=\"{value}\" x=\"{x:.1}\" \
             y=\"{:.1}\" width=\"{width:.1}\" height=\"{height:.1}\" fill=\"#2f6db5\"/>\
             <text class=\"value\" x=\"{centre:.1}\" y=\"{:.1}\" font-size=\"14\" \
             text-anchor=\"middle\">{value}</text>\
             <text class=\"label\" x=\"{centre:.1}\" y=\"{:.1}\" font-size=\"11\" \
             text-anchor=\"middle\">{lines}</text>",
            base - height,
            base - height - 6.0,
            base + 18.0,
            label = escape(&bar.label),
            value = escape(&bar.printed),
            lines = label_lines(&bar.label, centre),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A bar's label under it: the Korean first, the English in brackets on a line of its own, so
/// that neighbouring labels do not run into each other.
fn label_lines(label: &str, centre: f64) -> String {
    match label.split_once(" (") {
        Some((korean, english)) => format!(
            "<tspan x=\"{centre:.1}\">{}</tspan><tspan x=\"{centre:.1}\" dy=\"14\">({}</tspan>",
            escape(korean),
            escape(english)
        ),
        None => escape(label),
    }
}

/// Text as XML character data or an attribute value.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
