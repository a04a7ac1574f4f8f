//! The statistics files say what the tables say: each SVG chart, parsed as XML, has one bar per
//! band or row with the table's number, and each CSV file, read back, has the table's counts.

use cqnet_analytics::statistics::{distribution_csv, distribution_svg, funnel_csv, pass_rate_svg};
use cqnet_core::Score;
use cqnet_core::rules::RulePack;
use cqnet_core::statistics::{
    Dimension, Gender, GroupBy, Stage, StatRecord, funnel, score_distribution,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The `data-value` of every bar and the text printed above it, in order.
fn bars(svg: &str) -> (Vec<String>, Vec<String>) {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    let class = |n: &roxmltree::Node, c: &str| n.attribute("class") == Some(c);
    let values = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && class(n, "bar"))
        .map(|n| {
            n.attribute("data-value")
                .expect("a bar has its value")
                .to_string()
        })
        .collect();
    let printed = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && class(n, "value"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect();
    (values, printed)
}

/// The rows of a CSV file with a byte-order mark, header first.
fn rows(csv: &str) -> Vec<Vec<String>> {
    let text = csv
        .strip_prefix('\u{feff}')
        .expect("the file starts with a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV row").iter().map(String::from).collect())
        .collect()
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

proptest! {
    #[test]
    fn the_distribution_chart_and_file_hold_the_tables_counts(
        scaled in proptest::collection::vec(0i64..=1_000_000, 0..300),
    ) {
        let scores: Vec<Score> = scaled.iter().map(|v| Score::new(Decimal::new(*v, 4)).expect("0 to 100")).collect();
        let d = score_distribution(&scores, &RulePack::embedded().newest());
        let counts: Vec<String> = d.bands.iter().map(|b| b.count.to_string()).collect();
        let (values, printed) = bars(&distribution_svg(&d, "전기기사 <1회> & \"정기\""));
        prop_assert_eq!(&values, &counts);
        prop_assert_eq!(&printed, &counts);
        let file = rows(&distribution_csv(&d));
        let from_file: Vec<String> = file[1..=d.bands.len()].iter().map(|r| r[1].clone()).collect();
        prop_assert_eq!(&from_file, &counts);
        prop_assert_eq!(&file[d.bands.len() + 1][1], &scores.len().to_string());
    }

    #[test]
    fn the_pass_rate_chart_and_the_funnel_file_hold_the_tables_numbers(
        people in proptest::collection::vec((2024u16..=2026, 0usize..3, any::<u8>()), 1..200),
    ) {
        let names = ["전기기사", "제과기능사", "용접, 특수"];
        let records: Vec<StatRecord> = people
            .iter()
            .map(|&(year, q, s)| StatRecord::new(year, "기사", names[q], "직업훈련기관", Gender::F, stage_of(s)).expect("a record"))
            .collect();
        let table = funnel(&records, &GroupBy::new(vec![Dimension::Year, Dimension::Qualification]).expect("dimensions"));
        let rates: Vec<String> = table
            .iter()
            .filter_map(|r| r.pass_rate.map(|p| p.round_dp(1).normalize().to_string()))
            .collect();
        let (values, printed) = bars(&pass_rate_svg(&table, "합격률 (pass rate)"));
        prop_assert_eq!(&values, &rates);
        prop_assert_eq!(&printed, &rates);
        let file = rows(&funnel_csv(&table));
        prop_assert_eq!(file.len(), table.len() + 1);
        for (row, line) in table.iter().zip(&file[1..]) {
            prop_assert_eq!(&line[4], &row.applications.to_string());
            prop_assert_eq!(&line[6], &row.passers.to_string());
            prop_assert_eq!(&line[8], &row.pass_rate.map(|p| p.to_string()).unwrap_or_default());
        }
    }
}
