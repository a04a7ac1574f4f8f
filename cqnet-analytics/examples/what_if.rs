//! What a reform would do to a population (제도 변경 모의), from the command line.
//!
//! `cargo run --release -p cqnet-analytics --example what_if -- [--population FILE]
//! [--date YYYY-MM-DD] [--candidates N] --overlay pass_average=75 [--overlay …]`
//!
//! Reads the population from a CSV file of the schema in `docs/analytics.md` (or makes up `N`
//! candidates, 100,000 by default, as the OpenFisca comparison model draws them), decides it
//! under the embedded rule pack in force on the date (the newest by default) and under each
//! overlay in one pass, and prints per overlay the counts against the baseline, the transition
//! matrix (and, when the file has a `qualification` column, one per qualification, 종목별) and
//! the first candidates whose outcome changed with the reason codes that changed.
//! An overlay is `name=value` pairs separated by commas: `pass_average`, `round_floor`,
//! `internal_weight`, `external_weight`, `written_weight`, `practical_weight`,
//! `attendance_minimum`.
//!
//! A spinner on standard error (hidden when that is not a terminal) shows while the
//! population is read or made, and is gone before the decision is timed.

use std::time::{Duration, Instant};

use cqnet_analytics::csv::{TextEncoding, read_course_population_file};
use cqnet_analytics::what_if::{
    CourseOverlay, OutcomeClass, OutcomeCounts, parse_scenario, what_if_course,
};
use cqnet_analytics::{CompiledCourseRules, CoursePopulation, ReasonSet, synthetic};
use cqnet_core::rules::{RuleDate, RulePack};
use indicatif::{ProgressBar, ProgressStyle};

/// How many changed candidates each overlay lists.
const SHOWN: usize = 10;

struct Args {
    population: Option<String>,
    date: Option<String>,
    candidates: usize,
    overlays: Vec<String>,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        population: None,
        date: None,
        candidates: 100_000,
        overlays: Vec::new(),
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let mut value = || given.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
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
        return Err("name at least one --overlay, e.g. --overlay pass_average=75".into());
    }
    Ok(args)
}

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
    // The population, its ids, and the candidates' qualifications where the file names any.
    let (population, ids, qualifications): (CoursePopulation, Vec<String>, Option<Vec<String>>) =
        match &args.population {
            Some(path) => {
                let read = read_course_population_file(path, TextEncoding::Detect)?;
                for issue in &read.issues {
                    let column = issue.column.map_or("", |c| c.name());
                    reading.suspend(|| {
                        eprintln!("left out: line {} {column}: {}", issue.line, issue.error)
                    });
                }
                let named = read.qualifications.iter().any(Option::is_some);
                let qualifications = named.then(|| {
                    read.qualifications
                        .iter()
                        .map(|q| q.clone().unwrap_or_else(|| "(종목 없음, none)".to_owned()))
                        .collect()
                });
                (read.population, read.candidate_ids, qualifications)
            }
            None => {
                let population = synthetic::openfisca_distribution(args.candidates, 12, 7);
                let ids = (0..args.candidates)
                    .map(|i| format!("synthetic-{i}"))
                    .collect();
                (population, ids, None)
            }
        };
    let pack = RulePack::embedded();
    let basis = match &args.date {
        Some(date) => RuleDate::EvaluatedOn(date.parse()?),
        None => pack.newest().basis,
    };
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
    let took = started.elapsed();
    println!(
        "{} candidates, {} overlay(s), decided in {:.1} ms under {}",
        population.candidates(),
        overlays.len(),
        took.as_secs_f64() * 1e3,
        result.baseline_pack
    );
    println!("baseline: {}", counts(&result.baseline, None));
    for (index, out) in result.overlays.iter().enumerate() {
        println!("\n== overlay {} ({})", out.name, out.pack);
        println!("{}", counts(&out.counts, Some(&result.baseline)));
        println!("{}", out.transitions);
        if let Some(labels) = &qualifications {
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
                OutcomeClass::of(change.baseline).code(),
                OutcomeClass::of(change.overlay).code(),
                codes(change.added),
                codes(change.removed)
            );
        }
    }
    Ok(())
}

/// The counts, with the change against `baseline` when given.
fn counts(c: &OutcomeCounts, baseline: Option<&OutcomeCounts>) -> String {
    let delta = |now: u64, then: u64| {
        baseline.map_or(String::new(), |_| {
            format!(" ({:+})", i128::from(now) - i128::from(then))
        })
    };
    let b = baseline.copied().unwrap_or_default();
    format!(
        "completed {}{}, eligible {}{}, passed {}{}",
        c.completed,
        delta(c.completed, b.completed),
        c.eligible,
        delta(c.eligible, b.eligible),
        c.passed,
        delta(c.passed, b.passed)
    )
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
