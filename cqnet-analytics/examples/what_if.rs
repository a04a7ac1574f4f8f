//! What a reform would do to a population (제도 변경 모의), from the command line.
//!
//! `cargo run --release -p cqnet-analytics --example what_if -- [--track course|work_study]
//! [--population FILE] [--date YYYY-MM-DD] [--candidates N] --overlay pass_average=75
//! [--overlay …]`
//!
//! Reads the population from a CSV file of the track's schema in `docs/analytics.md` (or makes
//! up `N` candidates, 100,000 by default: for the course-based track as the OpenFisca
//! comparison model draws them, for the work-study track as
//! `synthetic::work_study_distribution` does, ten units an evaluation), decides it under the
//! embedded rule pack in force on the date (the newest by default) and under each overlay in
//! one pass, and prints per overlay the counts against the baseline, the transition matrix
//! (and, when the file has a `qualification` column, one per qualification, 종목별) and the
//! first candidates whose outcome changed with the reason codes that changed.
//!
//! An overlay is `name=value` pairs separated by commas. The course-based track
//! (`--track course`, the default) takes `pass_average`, `round_floor`, `internal_weight`,
//! `external_weight`, `written_weight`, `practical_weight`, `attendance_minimum`; the
//! work-study track (`--track work_study`, 일학습병행) takes `attendance_min_percent`,
//! `internal_unit_pass_percent`, `external_unit_pass_percent`.
//!
//! A spinner on standard error (hidden when that is not a terminal) shows while the
//! population is read or made, and is gone before the decision is timed.

use std::time::{Duration, Instant};

use cqnet_analytics::csv::{
    RowIssue, TextEncoding, read_course_population_file, read_work_study_population_file,
};
use cqnet_analytics::what_if::{
    BulkOutcome, CourseOverlay, OutcomeCounts, WhatIf, WorkStudyCounts, WorkStudyOverlay,
    parse_scenario, parse_work_study_scenario, what_if_course, what_if_work_study,
};
use cqnet_analytics::{
    CompiledCourseRules, CompiledWorkStudyRules, CoursePopulation, ReasonSet, WorkStudyPopulation,
    synthetic,
};
use cqnet_core::rules::{RuleDate, RulePack};
use indicatif::{ProgressBar, ProgressStyle};

/// How many changed candidates each overlay lists.
const SHOWN: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Track {
    Course,
    WorkStudy,
}

struct Args {
    track: Track,
    population: Option<String>,
    date: Option<String>,
    candidates: usize,
    overlays: Vec<String>,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        track: Track::Course,
        population: None,
        date: None,
        candidates: 100_000,
        overlays: Vec::new(),
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let mut value = || given.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--track" => {
                args.track = match value()?.as_str() {
                    "course" => Track::Course,
                    "work_study" => Track::WorkStudy,
                    other => return Err(format!("--track {other:?}: course or work_study")),
                }
            }
            "--population" => args.population = Some(value()?),
            "--date" => args.date = Some(value()?),
            "--candidates" => {
                args.candidates = value()?
                    .replace(['_', ','], "")
                    .parse()
                    .map_err(|e| format!("--candidates: {e}"))?;
            }
            "--overlay" => args.overlays.push(value()?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if args.overlays.is_empty() {
        return Err(match args.track {
            Track::Course => "name at least one --overlay, e.g. --overlay pass_average=75",
            Track::WorkStudy => {
                "name at least one --overlay, e.g. --overlay internal_unit_pass_percent=60"
            }
        }
        .into());
    }
    Ok(args)
}

/// The population's ids and, where the file names any, the candidates' qualifications.
type Labels = (Vec<String>, Option<Vec<String>>);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = args()?;
    let reading = ProgressBar::new_spinner().with_message(match &args.population {
        Some(path) => format!("reading {path}"),
        None => format!("making {} candidates", args.candidates),
    });
    reading.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("a valid template"),
    );
    reading.enable_steady_tick(Duration::from_millis(120));
    let pack = RulePack::embedded();
    let basis = match &args.date {
        Some(date) => RuleDate::EvaluatedOn(date.parse()?),
        None => pack.newest().basis,
    };
    match args.track {
        Track::Course => {
            let (population, labels) = course_population(&args, &reading)?;
            let baseline = CompiledCourseRules::from_pack(pack, basis)?;
            let overlays = args
                .overlays
                .iter()
                .map(|text| {
                    let scenario = parse_scenario(text)?;
                    Ok(CourseOverlay::from_scenario(pack, basis, &scenario, text)?)
                })
                .collect::<Result<Vec<_>, Box<dyn std::error::Error>>>()?;
            // No spinner's thread while the decision is timed.
            reading.finish_and_clear();
            let started = Instant::now();
            let result = what_if_course(&population, &baseline, &overlays);
            report(&result, started.elapsed(), &labels)
        }
        Track::WorkStudy => {
            let (population, labels) = work_study_population(&args, &reading)?;
            let baseline = CompiledWorkStudyRules::from_pack(pack, basis)?;
            let overlays = args
                .overlays
                .iter()
                .map(|text| {
                    let scenario = parse_work_study_scenario(text)?;
                    Ok(WorkStudyOverlay::from_scenario(
                        pack, basis, &scenario, text,
                    )?)
                })
                .collect::<Result<Vec<_>, Box<dyn std::error::Error>>>()?;
            reading.finish_and_clear();
            let started = Instant::now();
            let result = what_if_work_study(&population, &baseline, &overlays);
            report(&result, started.elapsed(), &labels)
        }
    }
}

fn course_population(
    args: &Args,
    reading: &ProgressBar,
) -> Result<(CoursePopulation, Labels), Box<dyn std::error::Error>> {
    Ok(match &args.population {
        Some(path) => {
            let read = read_course_population_file(path, TextEncoding::Detect)?;
            left_out(&read.issues, |c| c.name(), reading);
            let qualifications = grouping(&read.qualifications);
            (read.population, (read.candidate_ids, qualifications))
        }
        None => (
            synthetic::openfisca_distribution(args.candidates, 12, 7),
            (synthetic_ids(args.candidates), None),
        ),
    })
}

fn work_study_population(
    args: &Args,
    reading: &ProgressBar,
) -> Result<(WorkStudyPopulation, Labels), Box<dyn std::error::Error>> {
    Ok(match &args.population {
        Some(path) => {
            let read = read_work_study_population_file(path, TextEncoding::Detect)?;
            left_out(&read.issues, |c| c.name(), reading);
            let qualifications = grouping(&read.qualifications);
            (read.population, (read.learner_ids, qualifications))
        }
        None => (
            synthetic::work_study_distribution(args.candidates, 10, 7)?,
            (synthetic_ids(args.candidates), None),
        ),
    })
}

/// Prints the rows the file's reader left out.
fn left_out<C: Copy>(issues: &[RowIssue<C>], name: impl Fn(C) -> &'static str, bar: &ProgressBar) {
    for issue in issues {
        let column = issue.column.map_or("", &name);
        bar.suspend(|| eprintln!("left out: line {} {column}: {}", issue.line, issue.error));
    }
}

/// The qualifications as labels for grouping, when the file names any.
fn grouping(qualifications: &[Option<String>]) -> Option<Vec<String>> {
    let named = qualifications.iter().any(Option::is_some);
    named.then(|| {
        qualifications
            .iter()
            .map(|q| q.clone().unwrap_or_else(|| "(종목 없음, none)".to_owned()))
            .collect()
    })
}

fn synthetic_ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("synthetic-{i}")).collect()
}

/// Prints the result of a run that took `took`.
fn report<O: BulkOutcome>(
    result: &WhatIf<O>,
    took: Duration,
    (ids, qualifications): &Labels,
) -> Result<(), Box<dyn std::error::Error>>
where
    O::Counts: Figures,
{
    println!(
        "{} candidates, {} overlay(s), decided in {:.1} ms under {}",
        ids.len(),
        result.overlays.len(),
        took.as_secs_f64() * 1e3,
        result.baseline_pack
    );
    println!("baseline: {}", counts(&result.baseline, None));
    for (index, out) in result.overlays.iter().enumerate() {
        println!("\n== overlay {} ({})", out.name, out.pack);
        println!("{}", counts(&out.counts, Some(&result.baseline)));
        println!("{}", out.transitions);
        if let Some(labels) = qualifications {
            for (qualification, transitions) in
                result.transitions_by(index, labels)?.unwrap_or_default()
            {
                println!("-- {qualification}\n{transitions}");
            }
        }
        println!(
            "{} candidate(s) changed; the first {}:",
            out.changes.len(),
            SHOWN.min(out.changes.len())
        );
        for change in out.changes.iter().take(SHOWN) {
            let id = ids.get(change.candidate).map_or("?", String::as_str);
            println!(
                "  {id}: {} -> {}; failing now {}; failing no more {}",
                change.baseline.class().code(),
                change.overlay.class().code(),
                codes(change.added),
                codes(change.removed)
            );
        }
    }
    Ok(())
}

/// The counts of a track, named.
trait Figures: Copy + Default {
    fn figures(&self) -> Vec<(&'static str, u64)>;
}

impl Figures for OutcomeCounts {
    fn figures(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("completed", self.completed),
            ("eligible", self.eligible),
            ("passed", self.passed),
        ]
    }
}

impl Figures for WorkStudyCounts {
    fn figures(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("internal passed", self.internal_passed),
            ("certified (eligible)", self.certified),
            ("passed", self.passed),
        ]
    }
}

/// The counts, with the change against `baseline` when given.
fn counts<C: Figures>(c: &C, baseline: Option<&C>) -> String {
    let then = baseline.copied().unwrap_or_default().figures();
    c.figures()
        .into_iter()
        .zip(then)
        .map(|((name, now), (_, then))| match baseline {
            Some(_) => format!("{name} {now} ({:+})", i128::from(now) - i128::from(then)),
            None => format!("{name} {now}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn codes(set: ReasonSet) -> String {
    if set.is_empty() {
        return "-".into();
    }
    set.codes()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
