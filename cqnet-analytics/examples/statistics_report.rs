//! A statistics report as a web page: the external-evaluation funnel by year (학습근로자 →
//! 외부평가 대상 → 접수 → 응시 → 합격 → 자격취득), the pass rate (합격률) by qualification, and a
//! round's score distribution (점수 분포), as tables and SVG charts, with the CSV files beside
//! them.
//!
//! `cargo run -p cqnet-analytics --example statistics_report -- [--out DIR]` makes up a
//! population of 20,000 records over four years and three qualifications (a fixed seed, so the
//! page is the same every time) and writes `report.html`, `funnel.csv`, `trends.csv` and
//! `distribution.csv` into DIR (a folder of the platform's temporary directory by default),
//! with the charts also as Vega-Lite specifications (`*.vl.json`) and, built with the `xlsx`
//! feature, the tables as one Excel workbook (`statistics.xlsx`).

use std::fmt::Write as _;
use std::path::PathBuf;

use cqnet_analytics::statistics::{
    band_label, distribution_csv, distribution_svg, distribution_vega_lite, funnel_csv,
    funnel_vega_lite, pass_rate_svg, pass_rate_vega_lite, trend_csv,
};
use cqnet_core::Score;
use cqnet_core::rules::RulePack;
use cqnet_core::statistics::{
    Dimension, FunnelRow, Gender, GroupBy, KeyValue, Stage, StatRecord, TrendRow, funnel,
    score_distribution, year_on_year,
};

/// A small deterministic generator (SplitMix64), so that the page does not change.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number below `n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = std::env::temp_dir().join("cqnet-statistics-report");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a folder")?),
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    std::fs::create_dir_all(&out)?;

    let qualifications = [
        ("기사", "전기기사"),
        ("기능사", "제과기능사"),
        ("산업기사", "용접산업기사"),
    ];
    let institutions = ["직업훈련기관", "특성화고", "전문대학"];
    let mut draw = Draw(2026);
    let mut records = Vec::new();
    let mut scores = Vec::new();
    for _ in 0..20_000 {
        let year = 2023 + draw.below(4) as u16;
        let (grade, name) = qualifications[draw.below(3) as usize];
        let institution = institutions[draw.below(3) as usize];
        let gender = if draw.below(2) == 0 {
            Gender::F
        } else {
            Gender::M
        };
        // Each stage is reached by a share of those who reached the one before.
        let mut stage = Stage::Learner;
        for (next, percent) in [
            (Stage::Target, 85),
            (Stage::Applied, 90),
            (Stage::Sat, 95),
            (Stage::Passed, 70),
            (Stage::Acquired, 97),
        ] {
            if draw.below(100) >= percent {
                break;
            }
            stage = next;
        }
        if stage >= Stage::Sat && year == 2026 && name == "전기기사" {
            // A round's final scores: passers at 80 or above, the others below.
            let points = if stage >= Stage::Passed {
                80 + draw.below(21)
            } else {
                30 + draw.below(50)
            };
            scores.push(Score::whole(points as u32)?);
        }
        records.push(StatRecord::new(
            year,
            grade,
            name,
            institution,
            gender,
            stage,
        )?);
    }

    let by_year = funnel(&records, &GroupBy::new(vec![Dimension::Year])?);
    let by_qualification = funnel(&records, &GroupBy::new(vec![Dimension::Qualification])?);
    let rules = RulePack::embedded().newest();
    let distribution = score_distribution(&scores, &rules);

    let trends = year_on_year(&by_year)?;

    std::fs::write(out.join("funnel.csv"), funnel_csv(&by_year))?;
    std::fs::write(out.join("trends.csv"), trend_csv(&trends))?;
    std::fs::write(
        out.join("distribution.csv"),
        distribution_csv(&distribution),
    )?;
    let specs = [
        (
            "funnel.vl.json",
            funnel_vega_lite(&by_year, "연도별 현황 (the funnel by year)"),
        ),
        (
            "pass_rate.vl.json",
            pass_rate_vega_lite(
                &by_qualification,
                "종목별 합격률 (pass rate by qualification)",
            ),
        ),
        (
            "distribution.vl.json",
            distribution_vega_lite(
                &distribution,
                "전기기사 2026 점수 분포 (score distribution)",
            ),
        ),
    ];
    for (file, spec) in &specs {
        std::fs::write(out.join(file), serde_json::to_string_pretty(spec)?)?;
    }
    // The same tables as one Excel workbook, when built with the `xlsx` feature.
    #[cfg(feature = "xlsx")]
    std::fs::write(
        out.join("statistics.xlsx"),
        cqnet_analytics::statistics::statistics_xlsx(
            &by_year,
            &trends,
            &[("전기기사 2026", &distribution)],
        )?,
    )?;

    let mut html = String::from(
        "<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\">\
         <title>외부평가 통계 (external evaluation statistics)</title>\
         <style>body{font-family:sans-serif;margin:2em;max-width:60em}\
         table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;padding:.3em .6em;text-align:right}\
         th{background:#eef}td:first-child,th:first-child{text-align:left}</style></head><body>\
         <h1>외부평가 통계 (external evaluation statistics)</h1>\
         <p>A made-up population of 20,000 records, counted as HRD Korea's statistics yearbook counts them.</p>",
    );
    html.push_str("<h2>연도별 현황 (the funnel by year)</h2>");
    html.push_str(&funnel_table(&by_year));
    html.push_str("<h2>전년 대비 증감 (year on year)</h2>");
    html.push_str(&trend_table(&trends));
    html.push_str("<h2>종목별 합격률 (pass rate by qualification)</h2>");
    html.push_str(&pass_rate_svg(
        &by_qualification,
        "종목별 합격률 (pass rate by qualification, %)",
    )?);
    html.push_str(&funnel_table(&by_qualification));
    html.push_str("<h2>점수 분포 (score distribution): 전기기사 2026</h2>");
    html.push_str(&distribution_svg(
        &distribution,
        "전기기사 2026 점수 분포 (score distribution)",
    )?);
    html.push_str("<table><tr><th>구간 (band)</th><th>인원 (count)</th></tr>");
    for band in &distribution.bands {
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
         <a href=\"pass_rate.vl.json\">pass_rate.vl.json</a>, <a href=\"distribution.vl.json\">distribution.vl.json</a>.</p></body></html>",
        rules.statistics.score_band_bounds.value
    );
    let page = out.join("report.html");
    std::fs::write(&page, html)?;
    println!("{}", page.display());
    Ok(())
}

/// The year-on-year changes as an HTML table: each count's change and the pass rate's in
/// percentage points, a dash for the first year.
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
                KeyValue::Text(t) => t.clone(),
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
