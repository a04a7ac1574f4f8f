//! The report as one HTML page: the tables, and the three SVG charts inline.

use std::fmt::Write as _;

use cqnet_analytics::statistics::{
    ChartError, band_label, distribution_svg, funnel_svg, pass_rate_svg,
};
use cqnet_core::rules::RulePack;
use cqnet_core::statistics::{FunnelRow, KeyValue, TrendRow};

use super::tables::Tables;

const STYLE: &str = "body{font-family:'Noto Sans KR','Malgun Gothic','Apple SD Gothic Neo',sans-serif;\
     margin:2em;max-width:80em;color:#222}\
     table{border-collapse:collapse;margin:1em 0}\
     th,td{border:1px solid #999;padding:.3em .6em;text-align:right}\
     th{background:#eef}td:first-child,th:first-child{text-align:left}\
     figure{margin:1em 0}svg{display:block;max-width:100%;height:auto}";

/// The link to the Excel workbook, written beside the page only when built with `xlsx`.
#[cfg(feature = "xlsx")]
const WORKBOOK_LINK: &str = "; Excel: <a href=\"statistics.xlsx\">statistics.xlsx</a> (the funnel, the trends and the distribution, a sheet each)";
#[cfg(not(feature = "xlsx"))]
const WORKBOOK_LINK: &str = "";

/// The page's HTML.
pub fn page(tables: &Tables) -> Result<String, ChartError> {
    let mut html = format!(
        "<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\">\
         <title>외부평가 통계 (external evaluation statistics)</title><style>{STYLE}</style></head><body>\
         <h1>외부평가 통계 (external evaluation statistics)</h1>"
    );
    for line in &tables.source {
        let _ = write!(html, "<p>{}</p>", escape(line));
    }
    html.push_str("<h2>연도별 현황 (the funnel by year)</h2><figure>");
    html.push_str(&funnel_svg(
        &tables.by_year,
        "연도별 현황 (the funnel by year)",
    )?);
    html.push_str("</figure>");
    html.push_str(&funnel_table(&tables.by_year));
    html.push_str("<h2>전년 대비 증감 (year on year)</h2>");
    html.push_str(&trend_table(&tables.trends));
    html.push_str("<h2>종목별 합격률 (pass rate by qualification)</h2><figure>");
    html.push_str(&pass_rate_svg(
        &tables.by_qualification,
        "종목별 합격률 (pass rate by qualification, %)",
    )?);
    html.push_str("</figure>");
    html.push_str(&funnel_table(&tables.by_qualification));
    let _ = write!(
        html,
        "<h2>점수 분포 (score distribution): {}</h2><figure>",
        escape(&tables.distribution_of)
    );
    html.push_str(&distribution_svg(
        &tables.distribution,
        &format!("{} 점수 분포 (score distribution)", tables.distribution_of),
    )?);
    html.push_str("</figure><table><tr><th>구간 (band)</th><th>인원 (count)</th></tr>");
    for band in &tables.distribution.bands {
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td></tr>",
            band_label(band),
            band.count
        );
    }
    let _ = write!(
        html,
        "</table><p>The bands' bounds are the rule pack's <code>statistics.score_band_bounds</code> ({}), an assumption.</p>\
         <p>Files: <a href=\"funnel.csv\">funnel.csv</a>, <a href=\"trends.csv\">trends.csv</a>, \
         <a href=\"distribution.csv\">distribution.csv</a>; Vega-Lite: <a href=\"funnel.vl.json\">funnel.vl.json</a>, \
         <a href=\"pass_rate.vl.json\">pass_rate.vl.json</a>, <a href=\"distribution.vl.json\">distribution.vl.json</a>{}.</p></body></html>",
        RulePack::embedded()
            .newest()
            .statistics
            .score_band_bounds
            .value,
        WORKBOOK_LINK
    );
    Ok(html)
}

/// The year-on-year changes as an HTML table: each count's change and the pass rate's in
/// percentage points, a dash for a year without the year before.
fn trend_table(trends: &[TrendRow]) -> String {
    let mut table = String::from(
        "<table><tr><th>연도 (year)</th><th>학습근로자 (learners)</th><th>외부평가 대상 (targets)</th>\
         <th>접수 (applied)</th><th>응시 (sat)</th><th>합격 (passed)</th><th>자격취득 (acquired)</th>\
         <th>합격률 (pass rate, %p)</th></tr>",
    );
    for trend in trends {
        let changes: Vec<String> = match trend.change {
            Some(change) => change.iter().map(|n| format!("{n:+}")).collect(),
            None => vec!["-".into(); 6],
        };
        let rate = trend
            .pass_rate_change
            .map(|r| format!("{:+}", r.round_dp(1)))
            .unwrap_or_else(|| "-".into());
        let _ = write!(
            table,
            "<tr><td>{}</td><td>{}</td><td>{rate}</td></tr>",
            trend.year,
            changes.join("</td><td>"),
        );
    }
    table.push_str("</table>");
    table
}

/// The funnel rows as an HTML table.
fn funnel_table(rows: &[FunnelRow]) -> String {
    let mut table = String::from(
        "<table><tr><th>구분</th><th>학습근로자 (learners)</th><th>외부평가 대상 (targets)</th>\
         <th>접수 (applied)</th><th>응시 (sat)</th><th>합격 (passed)</th><th>자격취득 (acquired)</th>\
         <th>합격률 (pass rate, %)</th></tr>",
    );
    for row in rows {
        let key: Vec<String> = row
            .key
            .iter()
            .map(|(_, v)| match v {
                KeyValue::Year(y) => y.to_string(),
                KeyValue::Text(t) => escape(t),
            })
            .collect();
        let _ = write!(
            table,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            key.join(" · "),
            row.learners,
            row.targets,
            row.applications,
            row.examinees,
            row.passers,
            row.acquirers,
            row.pass_rate
                .map(|r| r.round_dp(1).to_string())
                .unwrap_or_else(|| "-".into())
        );
    }
    table.push_str("</table>");
    table
}

/// Text as HTML character data.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
