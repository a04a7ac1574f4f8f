//! The report's tables, counted from one of two sources: a store, through its aggregate
//! queries (`StatisticsStore`), or a population CSV file, through the bulk decision.

use std::collections::HashMap;
use std::path::Path;

use cqnet_analytics::csv::{TextEncoding, read_course_population_file};
use cqnet_analytics::statistics::records_of;
use cqnet_analytics::{CompiledCourseRules, decide_course};
use cqnet_core::Score;
use cqnet_core::rules::{RuleDate, RulePack};
use cqnet_core::statistics::{
    Dimension, FunnelRow, GroupBy, KeyValue, ScoreDistribution, TrendRow, funnel,
    score_distribution_in, year_on_year,
};
use cqnet_store::CatalogStore;
use cqnet_store::exam::{ExamStore, RoundId};
use cqnet_store::statistics::{FunnelQuery, ScorePart, StatisticsStore};
use indicatif::ProgressBar;

type Error = Box<dyn std::error::Error>;

/// What the page shows.
pub struct Tables {
    pub by_year: Vec<FunnelRow>,
    pub by_qualification: Vec<FunnelRow>,
    pub trends: Vec<TrendRow>,
    pub distribution: ScoreDistribution,
    /// Whose scores the distribution counts, for its heading: `2026-C1-01`, say.
    pub distribution_of: String,
    /// Where the numbers come from, one sentence a line (plain text).
    pub source: Vec<String>,
}

/// The tables from a store: the funnel by year and by qualification, and the written part's
/// (1차) marks of `round` (the newest round the store holds, when `None`).
pub fn from_store<S: StatisticsStore + ExamStore + CatalogStore>(
    store: &S,
    round: Option<RoundId>,
    progress: &ProgressBar,
) -> Result<Tables, Error> {
    let by_year = store.funnel(&FunnelQuery::new(GroupBy::new(vec![Dimension::Year])?))?;
    progress.inc(1);
    let mut by_qualification = store.funnel(&FunnelQuery::new(GroupBy::new(vec![
        Dimension::Qualification,
    ])?))?;
    // The store groups by the qualification's code; the page names it too.
    let names: HashMap<String, String> = store
        .qualifications()?
        .into_iter()
        .map(|q| {
            (
                q.value.code().as_str().to_owned(),
                q.value.name().to_owned(),
            )
        })
        .collect();
    for row in &mut by_qualification {
        for (_, value) in &mut row.key {
            if let KeyValue::Text(code) = value
                && let Some(name) = names.get(code.as_str())
            {
                *value = KeyValue::Text(format!("{name} ({code})"));
            }
        }
    }
    progress.inc(1);
    let round = match round {
        Some(round) => round,
        None => store
            .rounds()?
            .into_iter()
            .map(|r| r.value.id())
            .max_by(|a, b| a.as_str().cmp(b.as_str()))
            .ok_or("the store holds no exam round, so no score distribution")?,
    };
    let bounds = &RulePack::embedded()
        .newest()
        .statistics
        .score_band_bounds
        .value;
    let distribution = store.score_distribution(&round, ScorePart::Written, bounds)?;
    progress.inc(1);
    let trends = year_on_year(&by_year)?;
    progress.inc(1);
    Ok(Tables {
        by_year,
        by_qualification,
        trends,
        distribution,
        distribution_of: format!("{} 1차 (written part)", round.as_str()),
        source: vec![
            "Counted by the store's aggregate queries (StatisticsStore::funnel, \
             StatisticsStore::score_distribution) over the trainees, applications, results \
             and certificates it holds."
                .into(),
        ],
    })
}

/// The tables from a population CSV file of the course-based track (docs/analytics.md gives
/// its columns), decided in bulk on the rules of the end of `year`.
///
/// The funnel's records are [`records_of`]'s: a target (외부평가 대상) when the bulk decision
/// finds the course completed, an applicant when the file says `applied`, an examinee when
/// it gives the external scores, a passer when the decision passes them, an acquirer when
/// the file says `acquired` of a passer; each counted in the file's `year`, or in `year`
/// where the file gives none, and under the file's grade, institution type, gender and job
/// field, or `unknown`. The distribution counts the written part (1차) of those with scores.
pub fn from_file(path: &Path, year: u16, progress: &ProgressBar) -> Result<Tables, Error> {
    let file = read_course_population_file(path, TextEncoding::Detect)?;
    progress.inc(1);
    let pack = RulePack::embedded();
    let on = format!("{year}-12-31").parse()?;
    let rules = CompiledCourseRules::from_pack(pack, RuleDate::EvaluatedOn(on))?;
    let decisions = decide_course(&file.population, &rules);
    progress.inc(1);
    let counted = records_of(&file, &decisions, year)?;
    let records = counted.records;
    let mut written: Vec<Score> = Vec::new();
    for &index in &counted.candidates {
        if let Some(scores) = file.population.record(index)?.external() {
            written.push(scores.written);
        }
    }
    let by_year = funnel(&records, &GroupBy::new(vec![Dimension::Year])?);
    let by_qualification = funnel(&records, &GroupBy::new(vec![Dimension::Qualification])?);
    let bounds = &pack.newest().statistics.score_band_bounds.value;
    let distribution = score_distribution_in(&written, bounds);
    let trends = year_on_year(&by_year)?;
    progress.inc(2);
    let mut source = vec![format!(
        "Counted from the population file {} ({} candidates, read as {}), each in the \
         file's year or else {year}: a target when the bulk decision finds the course \
         completed, an applicant when the file says applied, an examinee when it gives both \
         external scores, a passer when the decision passes them, an acquirer (자격취득) when \
         the file says acquired of a passer.",
        path.display(),
        records.len(),
        file.encoding.name(),
    )];
    let mut issues: Vec<_> = file.issues.iter().chain(&counted.issues).collect();
    issues.sort_by_key(|issue| issue.line);
    if let Some(first) = issues.first() {
        source.push(format!(
            "Left out for a bad row: {} candidate(s); the first bad row is line {}: {}.",
            file.excluded.len() + counted.excluded.len(),
            first.line,
            first.error
        ));
    }
    Ok(Tables {
        by_year,
        by_qualification,
        trends,
        distribution,
        distribution_of: "the file's 1차 (written part)".to_owned(),
        source,
    })
}
