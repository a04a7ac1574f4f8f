//! The published statistics counted two ways agree on the same data: a made-up population
//! recorded through the services into a store and counted by the store's aggregate queries
//! (`StatisticsStore`), and the same population written as a population file, decided in
//! bulk and counted by `records_of`. Every table (the funnel under each grouping and filter,
//! each round's score distribution of both parts) is the same from both.
//!
//! The population is `statistics_report`'s (its module is compiled in here), so the example's
//! page from its store and from the file it writes show the same funnel.

// The example's progress counts are its own; the rest of the module is used here.
#[allow(dead_code)]
#[path = "../examples/statistics_report/synthetic.rs"]
mod synthetic;

use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_analytics::csv::{PopulationFile, TextEncoding, read_course_population};
use cqnet_analytics::statistics::{FileRecords, records_of};
use cqnet_analytics::{CompiledCourseRules, decide_course};
use cqnet_core::rules::RulePack;
use cqnet_core::statistics::{
    Dimension, FunnelRow, GroupBy, StatRecord, funnel, score_distribution_in,
};
use cqnet_core::{QualificationCode, Score};
use cqnet_store::exam::ExamStore;
use cqnet_store::statistics::{FunnelQuery, ScorePart, StatisticsStore};
use indicatif::ProgressBar;

use synthetic::{Population, Recorded, YEARS};

/// Enough trainees for every stage in every year, qualification, institution and gender.
const TRAINEES: usize = 400;

/// The file of the recorded population, read and counted.
struct Counted {
    file: PopulationFile,
    counted: FileRecords,
}

fn count_file<S>(recorded: &Recorded<S>) -> Counted {
    let file = read_course_population(recorded.file.as_bytes(), TextEncoding::Utf8)
        .expect("the file's header");
    assert!(file.issues.is_empty(), "{:?}", file.issues);
    // The course-based values the decision reads have held since 2015, so one compiled pack
    // decides every cohort as the services did when each result was finalised.
    let rules = CompiledCourseRules::compile(&RulePack::embedded().newest()).expect("compiles");
    let decisions = decide_course(&file.population, &rules);
    let counted = records_of(&file, &decisions, *YEARS.end()).expect("the file's decisions");
    assert!(counted.issues.is_empty(), "{:?}", counted.issues);
    assert_eq!(counted.records.len(), TRAINEES);
    Counted { file, counted }
}

impl Counted {
    /// The records of the candidates `keep` keeps, by their index in the file.
    fn records_where(&self, keep: impl Fn(usize) -> bool) -> Vec<StatRecord> {
        self.counted
            .candidates
            .iter()
            .zip(&self.counted.records)
            .filter(|(index, _)| keep(**index))
            .map(|(_, record)| record.clone())
            .collect()
    }

    fn year_of(&self, index: usize) -> u16 {
        self.file.statistics[index]
            .year
            .expect("every row has its year")
    }

    /// The external scores of the candidates of `year`: (written, practical).
    fn scores_of(&self, year: u16) -> (Vec<Score>, Vec<Score>) {
        let mut parts = (Vec::new(), Vec::new());
        for &index in &self.counted.candidates {
            let record = self.file.population.record(index).expect("a candidate");
            if let Some(scores) = record.external()
                && self.year_of(index) == year
            {
                parts.0.push(scores.written);
                parts.1.push(scores.practical);
            }
        }
        parts
    }
}

fn groupings() -> Vec<GroupBy> {
    use Dimension::*;
    let mut groupings = vec![vec![]];
    groupings.extend(
        [
            Year,
            Grade,
            Qualification,
            InstitutionType,
            Gender,
            JobField,
        ]
        .map(|d| vec![d]),
    );
    groupings.extend([
        vec![Year, Gender],
        vec![Qualification, InstitutionType],
        vec![JobField, Year, Gender],
        vec![Grade, Year],
    ]);
    groupings
        .into_iter()
        .map(|g| GroupBy::new(g).expect("a grouping"))
        .collect()
}

fn funnel_of(store: &impl StatisticsStore, query: &FunnelQuery) -> Vec<FunnelRow> {
    store.funnel(query).expect("the store's funnel")
}

/// Every table of the store against the same table of the file.
fn assert_the_store_and_the_file_agree<S: StatisticsStore + ExamStore>(recorded: &Recorded<S>) {
    let store = recorded.cqnet.store();
    let file = count_file(recorded);
    let all = &file.counted.records;

    // Every stage is reached, so every column of the funnel is compared.
    let total = &funnel(all, &GroupBy::new(vec![]).expect("no grouping"))[0];
    assert!(
        total.learners > total.targets
            && total.targets > total.applications
            && total.applications > total.examinees
            && total.examinees > total.passers
            && total.passers > total.acquirers
            && total.acquirers > 0,
        "{total:?}"
    );

    for group_by in groupings() {
        let query = FunnelQuery::new(group_by.clone());
        assert_eq!(
            funnel_of(store, &query),
            funnel(all, &group_by),
            "{group_by:?}"
        );
    }

    let by_year = GroupBy::new(vec![Dimension::Gender]).expect("a grouping");
    let (from, to) = (*YEARS.start() + 1, *YEARS.end() - 1);
    let query = FunnelQuery::new(by_year.clone())
        .with_years(from, to)
        .expect("years in order");
    let in_years = file.records_where(|i| (from..=to).contains(&file.year_of(i)));
    assert_eq!(funnel_of(store, &query), funnel(&in_years, &by_year));

    let code = QualificationCode::new("2370").expect("a code");
    let query = FunnelQuery::new(by_year.clone()).with_qualification(code.clone());
    let of_code =
        file.records_where(|i| file.file.qualifications[i].as_deref() == Some(code.as_str()));
    assert!(!of_code.is_empty());
    assert_eq!(funnel_of(store, &query), funnel(&of_code, &by_year));

    let bounds = &RulePack::embedded()
        .newest()
        .statistics
        .score_band_bounds
        .value;
    let rounds = store.rounds().expect("the rounds");
    assert_eq!(rounds.len(), YEARS.len());
    for round in rounds {
        let year = u16::try_from(round.value.plan().spec().year).expect("a year");
        let (written, practical) = file.scores_of(year);
        assert!(!written.is_empty(), "someone sat in {year}");
        for (part, scores) in [
            (ScorePart::Written, written),
            (ScorePart::Practical, practical),
        ] {
            let counted = store
                .score_distribution(&round.value.id(), part, bounds)
                .expect("the store's distribution");
            assert_eq!(
                counted,
                score_distribution_in(&scores, bounds),
                "{year} {part:?}"
            );
        }
    }
}

fn population() -> Population {
    Population::make(TRAINEES, &ProgressBar::hidden())
}

#[test]
fn the_memory_store_and_the_file_count_the_same_tables() {
    let recorded = population()
        .record(MemoryStore::new(), &ProgressBar::hidden())
        .expect("recorded");
    assert_the_store_and_the_file_agree(&recorded);
}

#[test]
fn sqlite_and_the_file_count_the_same_tables() {
    let store = SqliteStore::open_in_memory().expect("a store");
    let recorded = population()
        .record(store, &ProgressBar::hidden())
        .expect("recorded");
    assert_the_store_and_the_file_agree(&recorded);
}
