//! The statistics files say what the tables say: each CSV file, read back, has the table's
//! counts, and each Vega-Lite specification's data holds them. (The SVG charts have theirs
//! in `statistics_charts.rs`.)

use cqnet_analytics::statistics::{
    distribution_csv, distribution_vega_lite, funnel_csv, funnel_vega_lite, pass_rate_vega_lite,
    trend_csv,
};
use cqnet_core::Score;
use cqnet_core::rules::RulePack;
use cqnet_core::statistics::{
    Dimension, Gender, GroupBy, Stage, StatRecord, funnel, score_distribution, year_on_year,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

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
    fn the_distribution_file_holds_the_tables_counts(
        scaled in proptest::collection::vec(0i64..=1_000_000, 0..300),
    ) {
        let scores: Vec<Score> = scaled.iter().map(|v| Score::new(Decimal::new(*v, 4)).expect("0 to 100")).collect();
        let d = score_distribution(&scores, &RulePack::embedded().newest());
        let counts: Vec<String> = d.bands.iter().map(|b| b.count.to_string()).collect();
        let file = rows(&distribution_csv(&d));
        let from_file: Vec<String> = file[1..=d.bands.len()].iter().map(|r| r[1].clone()).collect();
        prop_assert_eq!(&from_file, &counts);
        prop_assert_eq!(&file[d.bands.len() + 1][1], &scores.len().to_string());
        let spec = distribution_vega_lite(&d, "1회");
        let drawn: Vec<String> = spec["data"]["values"].as_array().expect("inline data").iter().map(|v| v["count"].to_string()).collect();
        prop_assert_eq!(&drawn, &counts);
    }

    #[test]
    fn the_funnel_file_holds_the_tables_numbers(
        people in proptest::collection::vec((2024u16..=2026, 0usize..3, any::<u8>()), 1..200),
    ) {
        let names = ["전기기사", "제과기능사", "용접, 특수"];
        let records: Vec<StatRecord> = people
            .iter()
            .map(|&(year, q, s)| StatRecord::new(year, "기사", names[q], "직업훈련기관", Gender::F, stage_of(s)).expect("a record"))
            .collect();
        let table = funnel(&records, &GroupBy::new(vec![Dimension::Year, Dimension::Qualification]).expect("dimensions"));
        let file = rows(&funnel_csv(&table));
        prop_assert_eq!(file.len(), table.len() + 1);
        for (row, line) in table.iter().zip(&file[1..]) {
            prop_assert_eq!(&line[4], &row.applications.to_string());
            prop_assert_eq!(&line[6], &row.passers.to_string());
            prop_assert_eq!(&line[8], &row.pass_rate.map(|p| p.to_string()).unwrap_or_default());
        }
    }

    #[test]
    fn the_vega_lite_specifications_and_the_trend_file_hold_the_tables_numbers(
        people in proptest::collection::vec((2023u16..=2026, 0usize..3, any::<u8>()), 1..200),
    ) {
        let names = ["전기기사", "제과기능사", "용접, 특수"];
        let records: Vec<StatRecord> = people
            .iter()
            .map(|&(year, q, s)| StatRecord::new(year, "기사", names[q], "직업훈련기관", Gender::M, stage_of(s)).expect("a record"))
            .collect();
        let table = funnel(&records, &GroupBy::new(vec![Dimension::Qualification, Dimension::Year]).expect("dimensions"));

        // Six bars a row, in funnel order, each with the row's count.
        let spec = funnel_vega_lite(&table, "현황");
        let values = spec["data"]["values"].as_array().expect("inline data");
        prop_assert_eq!(values.len(), table.len() * 6);
        for (row, bars) in table.iter().zip(values.chunks(6)) {
            let counts = [row.learners, row.targets, row.applications, row.examinees, row.passers, row.acquirers];
            let drawn: Vec<u64> = bars.iter().map(|b| b["count"].as_u64().expect("a count")).collect();
            prop_assert_eq!(drawn, counts.to_vec());
        }
        // One bar per row with examinees, its exact rate as the table's.
        let spec = pass_rate_vega_lite(&table, "합격률");
        let exact: Vec<String> = spec["data"]["values"].as_array().expect("inline data").iter().map(|v| v["pass_rate_exact"].as_str().expect("text").to_owned()).collect();
        let rates: Vec<String> = table.iter().filter_map(|r| r.pass_rate.map(|p| p.to_string())).collect();
        prop_assert_eq!(exact, rates);

        // The trend file: a row per table row, each change the difference from the same
        // qualification's row of the year before, counted here from the table itself.
        let trends = year_on_year(&table).expect("grouped by year");
        let file = rows(&trend_csv(&trends));
        prop_assert_eq!(file.len(), table.len() + 1);
        for line in &file[1..] {
            let (qualification, year) = (&line[0], line[1].parse::<u16>().expect("a year"));
            let before = table.iter().find(|r| {
                r.key[0].1 == cqnet_core::statistics::KeyValue::Text(qualification.clone())
                    && r.key[1].1 == cqnet_core::statistics::KeyValue::Year(year.wrapping_sub(1))
            });
            let now = table.iter().find(|r| {
                r.key[0].1 == cqnet_core::statistics::KeyValue::Text(qualification.clone())
                    && r.key[1].1 == cqnet_core::statistics::KeyValue::Year(year)
            }).expect("the row of the line");
            match before {
                None => prop_assert!(line[9..].iter().all(String::is_empty), "{:?}", line),
                Some(before) => {
                    let expected = i64::try_from(now.learners).expect("small") - i64::try_from(before.learners).expect("small");
                    prop_assert_eq!(&line[9], &expected.to_string());
                    let expected = i64::try_from(now.passers).expect("small") - i64::try_from(before.passers).expect("small");
                    prop_assert_eq!(&line[13], &expected.to_string());
                }
            }
        }
    }
}
