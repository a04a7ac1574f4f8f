//! The SVG charts show the tables' numbers: each chart, parsed as XML, has a bar per stage,
//! row or band in order, each bar's height the table's value on the chart's own printed
//! axis, the table's value printed above the bar, and the bar's label below it.
#![cfg(feature = "charts")]

use cqnet_analytics::statistics::{distribution_svg, funnel_svg, pass_rate_svg};
use cqnet_core::Score;
use cqnet_core::rules::RulePack;
use cqnet_core::statistics::{
    Dimension, FunnelRow, Gender, GroupBy, KeyValue, Stage, StatRecord, funnel, score_distribution,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A filled rectangle of the chart, not its background.
#[derive(Debug)]
struct DrawnBar {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    fill: String,
}

/// A piece of text: where it is anchored, how, and what it says.
#[derive(Debug)]
struct Label {
    x: f64,
    y: f64,
    anchor: String,
    text: String,
}

/// What a chart shows.
struct Drawn {
    bars: Vec<DrawnBar>,
    labels: Vec<Label>,
    /// The legend's markers' colours, in order.
    legend: Vec<String>,
}

fn number(node: &roxmltree::Node, attribute: &str) -> f64 {
    node.attribute(attribute)
        .unwrap_or_else(|| panic!("a {attribute} attribute"))
        .parse()
        .expect("a number")
}

fn read(svg: &str) -> Drawn {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let mut bars: Vec<DrawnBar> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter(|n| {
            let fill = n.attribute("fill").unwrap_or("none").to_ascii_uppercase();
            fill != "NONE" && fill != "#FFFFFF"
        })
        .map(|n| {
            let (x, y) = (number(&n, "x"), number(&n, "y"));
            DrawnBar {
                left: x,
                right: x + number(&n, "width"),
                top: y,
                bottom: y + number(&n, "height"),
                fill: n.attribute("fill").unwrap_or_default().to_owned(),
            }
        })
        .collect();
    bars.sort_by(|a, b| a.left.total_cmp(&b.left));
    let labels = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| Label {
            x: number(&n, "x"),
            y: number(&n, "y"),
            anchor: n.attribute("text-anchor").unwrap_or("start").to_owned(),
            text: n.text().unwrap_or_default().trim().to_owned(),
        })
        .collect();
    let legend = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .map(|n| n.attribute("fill").unwrap_or_default().to_owned())
        .collect();
    Drawn {
        bars,
        labels,
        legend,
    }
}

impl Drawn {
    /// The value axis as the chart prints it: the baseline's pixel row and the pixels per
    /// unit, from the two tick labels furthest apart.
    fn axis(&self) -> (f64, f64) {
        let ticks: Vec<(f64, f64)> = self
            .labels
            .iter()
            .filter(|l| l.anchor == "end")
            .filter_map(|l| Some((l.text.replace(',', "").parse::<f64>().ok()?, l.y)))
            .collect();
        assert!(ticks.len() >= 2, "the axis has tick labels: {ticks:?}");
        let low = ticks
            .iter()
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .expect("a tick");
        let high = ticks
            .iter()
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .expect("a tick");
        let per_unit = (low.1 - high.1) / (high.0 - low.0);
        (low.1 + low.0 * per_unit, per_unit)
    }

    /// The text printed just above a bar, inside its width.
    fn printed_on(&self, bar: &DrawnBar) -> &str {
        let above: Vec<&Label> = self
            .labels
            .iter()
            .filter(|l| l.anchor == "middle")
            .filter(|l| bar.left <= l.x && l.x <= bar.right)
            .filter(|l| bar.top - 24.0 <= l.y && l.y <= bar.top)
            .collect();
        assert_eq!(above.len(), 1, "one number above {bar:?}: {above:?}");
        &above[0].text
    }

    /// The texts under the bars between `left` and `right`, top to bottom.
    fn under(&self, left: f64, right: f64, baseline: f64) -> Vec<&str> {
        let mut below: Vec<&Label> = self
            .labels
            .iter()
            .filter(|l| l.anchor == "middle" && left <= l.x && l.x <= right)
            .filter(|l| baseline < l.y && l.y < baseline + 60.0)
            .collect();
        below.sort_by(|a, b| a.y.total_cmp(&b.y));
        below.iter().map(|l| l.text.as_str()).collect()
    }

    /// Each bar stands on the baseline, as tall as `values` say on the printed axis.
    fn check_heights(&self, values: &[f64]) -> Result<(), TestCaseError> {
        let (baseline, per_unit) = self.axis();
        prop_assert_eq!(self.bars.len(), values.len());
        for (bar, value) in self.bars.iter().zip(values) {
            prop_assert!(
                (bar.bottom - baseline).abs() <= 1.5,
                "{:?} on {}",
                bar,
                baseline
            );
            let expected = value * per_unit;
            prop_assert!(
                (bar.bottom - bar.top - expected).abs() <= 2.0,
                "{:?} is {} tall for {}, not {}",
                bar,
                bar.bottom - bar.top,
                value,
                expected
            );
        }
        Ok(())
    }
}

fn count_printed(text: &str) -> u64 {
    text.replace(',', "").parse().expect("a count")
}

fn key_label(row: &FunnelRow) -> String {
    row.key
        .iter()
        .map(|(_, v)| match v {
            KeyValue::Year(y) => y.to_string(),
            KeyValue::Text(t) => t.clone(),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn stage_of(n: u8) -> Stage {
    [
        Stage::Learner,
        Stage::Target,
        Stage::Applied,
        Stage::Sat,
        Stage::Passed,
        Stage::Acquired,
    ][usize::from(n % 6)]
}

fn records(people: &[(u16, usize, u8)]) -> Vec<StatRecord> {
    let names = ["전기기사", "제과기능사", "용접산업기사"];
    people
        .iter()
        .map(|&(year, q, s)| {
            StatRecord::new(
                year,
                "기사",
                names[q],
                "직업훈련기관",
                Gender::F,
                stage_of(s),
            )
            .expect("a record")
        })
        .collect()
}

/// The published stage names, in funnel order.
const STAGES: [&str; 6] = [
    "학습근로자 (learners)",
    "외부평가 대상 (targets)",
    "접수 (applications)",
    "응시 (examinees)",
    "합격 (passers)",
    "자격취득 (acquirers)",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_funnel_chart_shows_each_rows_counts(
        people in proptest::collection::vec((2023u16..=2026, 0usize..3, any::<u8>()), 0..400),
    ) {
        let table = funnel(&records(&people), &GroupBy::new(vec![Dimension::Year]).expect("a grouping"));
        let drawn = read(&funnel_svg(&table, "연도별 현황 (the funnel by year)").expect("a chart"));
        let counts: Vec<u64> = table
            .iter()
            .flat_map(|r| [r.learners, r.targets, r.applications, r.examinees, r.passers, r.acquirers])
            .collect();
        let values: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
        drawn.check_heights(&values)?;
        for (bar, count) in drawn.bars.iter().zip(&counts) {
            prop_assert_eq!(count_printed(drawn.printed_on(bar)), *count);
        }
        // The stages' colours, in the legend's order, in every row; the row's year under it.
        prop_assert_eq!(drawn.legend.len(), 6);
        let (baseline, _) = drawn.axis();
        for (row, bars) in table.iter().zip(drawn.bars.chunks(6)) {
            let fills: Vec<&String> = bars.iter().map(|b| &b.fill).collect();
            prop_assert_eq!(fills, drawn.legend.iter().collect::<Vec<_>>());
            let under = drawn.under(bars[0].left, bars[5].right, baseline);
            prop_assert_eq!(under, vec![key_label(row)]);
        }
        let legend: Vec<&str> = drawn.labels.iter().filter(|l| l.anchor == "start").map(|l| l.text.as_str()).collect();
        prop_assert!(legend.ends_with(&STAGES), "{:?}", legend);
    }

    #[test]
    fn the_pass_rate_chart_shows_each_rows_rate(
        people in proptest::collection::vec((2024u16..=2026, 0usize..3, any::<u8>()), 0..300),
    ) {
        let table = funnel(&records(&people), &GroupBy::new(vec![Dimension::Year, Dimension::Qualification]).expect("a grouping"));
        let drawn = read(&pass_rate_svg(&table, "합격률 (pass rate)").expect("a chart"));
        // A bar for each row with examinees, its rate worked out here from the row's counts.
        let rated: Vec<(&FunnelRow, Decimal)> = table
            .iter()
            .filter(|r| r.examinees > 0)
            .map(|r| (r, Decimal::from(r.passers * 100) / Decimal::from(r.examinees)))
            .collect();
        let values: Vec<f64> = rated.iter().map(|(_, r)| r.to_f64().expect("a rate")).collect();
        drawn.check_heights(&values)?;
        let (baseline, per_unit) = drawn.axis();
        // The axis runs from 0 to 100 per cent.
        prop_assert!(drawn.labels.iter().any(|l| l.anchor == "end" && l.text == "100"));
        prop_assert!(per_unit > 0.0);
        for (bar, (row, rate)) in drawn.bars.iter().zip(&rated) {
            let printed = drawn.printed_on(bar);
            let shown: Decimal = printed.strip_suffix('%').expect("a per cent").parse().expect("a rate");
            prop_assert!((shown - *rate).abs() <= Decimal::new(5, 2), "{} for {}", printed, rate);
            prop_assert_eq!(drawn.under(bar.left, bar.right, baseline), vec![key_label(row)]);
        }
    }

    #[test]
    fn the_distribution_chart_shows_each_bands_count(
        scaled in proptest::collection::vec(0i64..=1_000_000, 0..400),
    ) {
        let scores: Vec<Score> = scaled.iter().map(|v| Score::new(Decimal::new(*v, 4)).expect("0 to 100")).collect();
        let d = score_distribution(&scores, &RulePack::embedded().newest());
        let drawn = read(&distribution_svg(&d, "전기기사 <1회> & \"정기\"").expect("a chart"));
        // Each band's count worked out here from the scores and the band's bounds.
        let counts: Vec<u64> = d
            .bands
            .iter()
            .map(|band| {
                scores
                    .iter()
                    .filter(|s| band.from.is_none_or(|f| s.value() >= f.value()))
                    .filter(|s| band.below.is_none_or(|b| s.value() < b.value()))
                    .count() as u64
            })
            .collect();
        let values: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
        drawn.check_heights(&values)?;
        let (baseline, _) = drawn.axis();
        for ((bar, count), band) in drawn.bars.iter().zip(&counts).zip(&d.bands) {
            prop_assert_eq!(count_printed(drawn.printed_on(bar)), *count);
            let under = drawn.under(bar.left, bar.right, baseline);
            let (korean, english) = match (band.from, band.below) {
                (None, Some(b)) => (format!("{b} 미만"), format!("(below {b})")),
                (Some(f), Some(b)) => (format!("{f} 이상 {b} 미만"), format!("({f} to below {b})")),
                (Some(f), None) => (format!("{f} 이상"), format!("({f} and above)")),
                (None, None) => ("전체".to_owned(), "(all)".to_owned()),
            };
            prop_assert_eq!(under, vec![korean.as_str(), english.as_str()]);
        }
        prop_assert_eq!(&drawn.labels[0].text, "전기기사 <1회> & \"정기\"");
        let title = &drawn.labels[1].text;
        match d.average {
            Some(_) => {
                let sum: Decimal = scores.iter().map(|s| s.value()).sum();
                let average = (sum / Decimal::from(scores.len())).round_dp(1);
                prop_assert!(title.contains(&format!("평균 {average} ")), "{} for {}", title, average);
            }
            None => prop_assert!(title.contains("응시자 없음"), "{}", title),
        }
    }
}
