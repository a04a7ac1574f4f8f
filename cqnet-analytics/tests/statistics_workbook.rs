//! The Excel workbook says what the tables say: read back with an independent reader
//! (calamine), every count, rate and band of each sheet is the table's.
#![cfg(feature = "xlsx")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use cqnet_analytics::statistics::{
    DISTRIBUTION_SHEET, FUNNEL_SHEET, TRENDS_SHEET, band_label, statistics_xlsx,
};
use cqnet_core::Score;
use cqnet_core::rules::RulePack;
use cqnet_core::statistics::{
    Dimension, Gender, GroupBy, KeyValue, Stage, StatRecord, funnel, score_distribution,
    year_on_year,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

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

fn number(cell: Option<&Data>) -> Option<f64> {
    match cell? {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn text(cell: Option<&Data>) -> Option<String> {
    match cell? {
        Data::String(s) => Some(s.clone()),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn every_sheet_read_back_holds_the_tables_numbers(
        people in proptest::collection::vec((2023u16..=2026, 0usize..3, any::<u8>()), 1..150),
        scaled in proptest::collection::vec(0i64..=1_000_000, 0..100),
    ) {
        let names = ["전기기사", "제과기능사", "용접산업기사"];
        let records: Vec<StatRecord> = people
            .iter()
            .map(|&(year, q, s)| StatRecord::new(year, "기사", names[q], "직업훈련기관", Gender::F, stage_of(s)).expect("a record"))
            .collect();
        let table = funnel(&records, &GroupBy::new(vec![Dimension::Qualification, Dimension::Year]).expect("dimensions"));
        let trends = year_on_year(&table).expect("grouped by year");
        let scores: Vec<Score> = scaled.iter().map(|v| Score::new(Decimal::new(*v, 4)).expect("0 to 100")).collect();
        let distribution = score_distribution(&scores, &RulePack::embedded().newest());

        let bytes = statistics_xlsx(&table, &trends, &[("전기기사 2026년 1회", &distribution)]).expect("a workbook");
        let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an .xlsx file");
        prop_assert_eq!(workbook.sheet_names(), vec![FUNNEL_SHEET.to_owned(), TRENDS_SHEET.to_owned(), DISTRIBUTION_SHEET.to_owned()]);

        let sheet = workbook.worksheet_range(FUNNEL_SHEET).expect("the funnel sheet");
        prop_assert_eq!(text(sheet.get((0, 0))), Some("종목 (qualification)".to_owned()));
        for (index, row) in table.iter().enumerate() {
            let line = index + 1;
            let KeyValue::Text(name) = &row.key[0].1 else { panic!("a qualification") };
            prop_assert_eq!(text(sheet.get((line, 0))), Some(name.clone()));
            let KeyValue::Year(year) = row.key[1].1 else { panic!("a year") };
            prop_assert_eq!(number(sheet.get((line, 1))), Some(f64::from(year)));
            let counts = [row.learners, row.targets, row.applications, row.examinees, row.passers, row.acquirers];
            for (offset, count) in counts.iter().enumerate() {
                prop_assert_eq!(number(sheet.get((line, 2 + offset))), Some(*count as f64));
            }
            prop_assert_eq!(text(sheet.get((line, 9))), row.pass_rate.map(|r| r.to_string()));
        }

        let sheet = workbook.worksheet_range(TRENDS_SHEET).expect("the trends sheet");
        for (index, trend) in trends.iter().enumerate() {
            let line = index + 1;
            prop_assert_eq!(number(sheet.get((line, 1))), Some(f64::from(trend.year)));
            let changes: Vec<Option<f64>> = (0..6).map(|offset| number(sheet.get((line, 2 + offset)))).collect();
            let expected: Vec<Option<f64>> = match trend.change {
                Some(change) => change.iter().map(|d| Some(*d as f64)).collect(),
                None => vec![None; 6],
            };
            prop_assert_eq!(changes, expected);
            prop_assert_eq!(text(sheet.get((line, 9))), trend.pass_rate_change.map(|r| r.to_string()));
        }

        let sheet = workbook.worksheet_range(DISTRIBUTION_SHEET).expect("the distribution sheet");
        prop_assert_eq!(text(sheet.get((0, 0))), Some("전기기사 2026년 1회".to_owned()));
        for (index, band) in distribution.bands.iter().enumerate() {
            prop_assert_eq!(text(sheet.get((2 + index, 0))), Some(band_label(band)));
            prop_assert_eq!(number(sheet.get((2 + index, 1))), Some(band.count as f64));
        }
        let examinees_line = 2 + distribution.bands.len();
        prop_assert_eq!(number(sheet.get((examinees_line, 1))), Some(scores.len() as f64));
        prop_assert_eq!(text(sheet.get((examinees_line + 1, 2))), distribution.average.map(|a| a.to_string()));
    }
}
