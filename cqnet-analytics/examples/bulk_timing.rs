//! How long the bulk decision takes per candidate, on one core, and the memory it uses.
//!
//! `cargo run --release -p cqnet-analytics --example bulk_timing [SIZES…]` decides populations
//! of 12 competency units (능력단위) a candidate, drawn as the OpenFisca comparison model draws
//! them, under the embedded rule pack (default sizes: 10,000, 100,000, 1,000,000 and
//! 10,000,000 candidates). For each size it prints the nanoseconds per candidate of the best
//! of up to five passes, the bytes per candidate of the columns (population and results), the
//! share that passed, and the peak resident memory of the process so far (Linux only).
//!
//! Two figures per size: `fresh_ns` for `decide_course`, which allocates its result columns
//! (and so has the kernel fault their pages in) on every pass, and `reused_ns` for
//! `decide_course_into` deciding into the columns of an earlier pass, as a host deciding over
//! and over does.
//!
//! A progress bar on standard error (hidden when that is not a terminal) names the step; it
//! is redrawn only between the timed steps, never by a thread of its own while one runs.

use std::time::{Duration, Instant};

use cqnet_analytics::{
    CompiledCourseRules, CourseDecisions, decide_course, decide_course_into, synthetic,
};
use cqnet_core::rules::RulePack;
use indicatif::{ProgressBar, ProgressStyle};

const UNITS: usize = 12;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes = std::env::args()
        .skip(1)
        .map(|arg| arg.replace(['_', ','], "").parse::<usize>())
        .collect::<Result<Vec<_>, _>>()?;
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000, 10_000_000]
    } else {
        sizes
    };
    let rules = CompiledCourseRules::compile(&RulePack::embedded().newest())?;
    let passes_of = |n: usize| if n >= 5_000_000 { 2 } else { 5 };
    // A step a population made, a step a pass.
    let steps: u64 = sizes.iter().map(|&n| 1 + passes_of(n)).sum();
    let progress = ProgressBar::new(steps);
    progress.set_style(
        ProgressStyle::with_template("{msg:>40} [{bar:30}] {pos}/{len}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    println!(
        "candidates  units  build_s  fresh_ns  reused_ns  bytes_per_candidate  passed  peak_rss_mib"
    );
    for n in sizes {
        progress.set_message(format!("making {n} candidates"));
        let started = Instant::now();
        let population = synthetic::openfisca_distribution(n, UNITS, 7);
        let build = started.elapsed();
        progress.inc(1);
        // Best of up to five passes, fewer for the largest populations.
        let passes = passes_of(n);
        let (mut fresh, mut reused) = (Duration::MAX, Duration::MAX);
        let mut passed = 0;
        let mut result_bytes = 0;
        let mut kept = CourseDecisions::default();
        for pass in 1..=passes {
            progress.set_message(format!("deciding {n} candidates, pass {pass}/{passes}"));
            let started = Instant::now();
            let decisions = decide_course(&population, &rules);
            fresh = fresh.min(started.elapsed());
            passed = decisions
                .outcomes()
                .iter()
                .filter(|o| o.passed() == Some(true))
                .count();
            result_bytes = decisions.column_bytes();
            drop(decisions);
            // The first pass into `kept` allocates; the others reuse its memory.
            decide_course_into(&population, &rules, &mut kept);
            let started = Instant::now();
            decide_course_into(&population, &rules, &mut kept);
            reused = reused.min(started.elapsed());
            progress.inc(1);
        }
        let per_candidate = |d: Duration| d.as_nanos() as f64 / n.max(1) as f64;
        let bytes = (population.column_bytes() + result_bytes) as f64 / n.max(1) as f64;
        let rss = peak_rss_mib().map_or_else(|| "n/a".to_owned(), |m| format!("{m:.0}"));
        // The line printed with the bar out of its way.
        progress.suspend(|| {
            println!(
                "{n:>10}  {UNITS:>5}  {:>7.3}  {:>8.1}  {:>9.1}  {bytes:>19.1}  {:>5.1}%  {rss:>12}",
                build.as_secs_f64(),
                per_candidate(fresh),
                per_candidate(reused),
                100.0 * passed as f64 / n.max(1) as f64,
            )
        });
    }
    progress.finish_and_clear();
    Ok(())
}

/// The peak resident set size (`VmHWM` in `/proc/self/status`), in MiB; `None` where the
/// file does not exist.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
