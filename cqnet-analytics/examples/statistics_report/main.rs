//! A statistics report as a web page: the external-evaluation funnel by year (학습근로자 →
//! 외부평가 대상 → 접수 → 응시 → 합격 → 자격취득), its year-on-year changes, the pass rate
//! (합격률) by qualification, and a round's score distribution (점수 분포), as tables and as
//! SVG charts drawn with plotters, inline, with the CSV files and Vega-Lite specifications
//! beside them (and, built with the `xlsx` feature, the tables as one Excel workbook).
//!
//! ```sh
//! cargo run -p cqnet-analytics --features charts --example statistics_report -- [--out DIR] [SOURCE]
//! ```
//!
//! The source is one of:
//! - none: a made-up population (`--trainees N`, 2,000 by default, over four years, three
//!   qualifications and four institutions; a fixed seed, so the same every run) recorded
//!   through the services into a new SQLite store, `statistics.sqlite` in DIR, and the tables
//!   counted by that store's aggregate queries; the same population is written as a population
//!   file, `population.csv` in DIR, whose page (`--population DIR/population.csv`) shows the
//!   same tables;
//! - `--sqlite PATH`: an existing SQLite store, counted the same way (`--round ID` names the
//!   round of the distribution; the newest by default);
//! - `--population FILE`: a population CSV file of the course-based track (the columns of
//!   docs/analytics.md, "CSV files"), decided in bulk on the rules of the end of `--year YEAR`
//!   (the rule pack's newest year by default), each candidate counted in the file's `year`,
//!   or in `YEAR` where the file gives none.
//!
//! DIR is a folder of the platform's temporary directory by default. Progress bars are drawn
//! on standard error while the population is made, recorded and counted, and hidden when
//! standard error is not a terminal; standard output names the page.

mod page;
mod synthetic;
mod tables;

use std::path::PathBuf;
use std::time::Duration;

use chrono::Datelike as _;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_analytics::statistics::{
    distribution_csv, distribution_vega_lite, funnel_csv, funnel_vega_lite, pass_rate_vega_lite,
    trend_csv,
};
use cqnet_core::rules::RulePack;
use cqnet_store::exam::RoundId;
use indicatif::{ProgressBar, ProgressStyle};

use crate::synthetic::Population;
use crate::tables::Tables;

type Error = Box<dyn std::error::Error>;

/// Where the numbers come from.
enum Source {
    Synthetic {
        trainees: usize,
    },
    Sqlite {
        path: PathBuf,
        round: Option<RoundId>,
    },
    Population {
        path: PathBuf,
        year: u16,
    },
}

fn main() -> Result<(), Error> {
    let mut out = std::env::temp_dir().join("cqnet-statistics-report");
    let (mut sqlite, mut population, mut round, mut year, mut trainees) =
        (None, None, None, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--out" => out = PathBuf::from(value()?),
            "--sqlite" => sqlite = Some(PathBuf::from(value()?)),
            "--population" => population = Some(PathBuf::from(value()?)),
            "--round" => round = Some(RoundId::new(&value()?)?),
            "--year" => year = Some(value()?.parse::<u16>()?),
            "--trainees" => trainees = Some(value()?.parse::<usize>()?),
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let source = match (sqlite, population) {
        (Some(_), Some(_)) => return Err("name one source: --sqlite or --population".into()),
        (Some(path), None) => Source::Sqlite { path, round },
        (None, Some(path)) => Source::Population {
            path,
            year: year.unwrap_or_else(|| RulePack::embedded().latest_change().year() as u16),
        },
        (None, None) => Source::Synthetic {
            trainees: trainees.unwrap_or(2_000),
        },
    };
    std::fs::create_dir_all(&out)?;

    let tables = match source {
        Source::Synthetic { trainees } => {
            let path = out.join("statistics.sqlite");
            // The store is made anew each run: the population's ids are the same every time.
            for stale in ["", "-wal", "-shm"] {
                let file = PathBuf::from(format!("{}{stale}", path.display()));
                if file.exists() {
                    std::fs::remove_file(file)?;
                }
            }
            let making = progress(trainees as u64, "making the population");
            let population = Population::make(trainees, &making);
            done(&making);
            let store = SqliteStore::open(&path)?;
            let recording = progress(population.record_steps(), "recording into SQLite");
            let recorded = population.record(store, &recording)?;
            done(&recording);
            println!("{}", path.display());
            let file = out.join("population.csv");
            std::fs::write(&file, &recorded.file)?;
            println!("{}", file.display());
            let counting = progress(4, "counting in the store");
            let tables = tables::from_store(recorded.cqnet.store(), None, &counting)?;
            done(&counting);
            tables
        }
        Source::Sqlite { path, round } => {
            if !path.is_file() {
                return Err(format!("no SQLite store at {}", path.display()).into());
            }
            let store = SqliteStore::open(&path)?;
            let counting = progress(4, "counting in the store");
            let tables = tables::from_store(&store, round, &counting)?;
            done(&counting);
            tables
        }
        Source::Population { path, year } => {
            let counting = progress(4, "reading and deciding");
            let tables = tables::from_file(&path, year, &counting)?;
            done(&counting);
            tables
        }
    };
    write_files(&out, &tables)?;
    let page = out.join("report.html");
    std::fs::write(&page, page::page(&tables)?)?;
    println!("{}", page.display());
    Ok(())
}

/// The tables as CSV files, Vega-Lite specifications and (feature `xlsx`) a workbook.
fn write_files(out: &std::path::Path, tables: &Tables) -> Result<(), Error> {
    std::fs::write(out.join("funnel.csv"), funnel_csv(&tables.by_year))?;
    std::fs::write(out.join("trends.csv"), trend_csv(&tables.trends))?;
    std::fs::write(
        out.join("distribution.csv"),
        distribution_csv(&tables.distribution),
    )?;
    let specs = [
        (
            "funnel.vl.json",
            funnel_vega_lite(&tables.by_year, "연도별 현황 (the funnel by year)"),
        ),
        (
            "pass_rate.vl.json",
            pass_rate_vega_lite(
                &tables.by_qualification,
                "종목별 합격률 (pass rate by qualification)",
            ),
        ),
        (
            "distribution.vl.json",
            distribution_vega_lite(
                &tables.distribution,
                &format!("{} 점수 분포 (score distribution)", tables.distribution_of),
            ),
        ),
    ];
    for (file, spec) in &specs {
        std::fs::write(out.join(file), serde_json::to_string_pretty(spec)?)?;
    }
    #[cfg(feature = "xlsx")]
    std::fs::write(
        out.join("statistics.xlsx"),
        cqnet_analytics::statistics::statistics_xlsx(
            &tables.by_year,
            &tables.trends,
            &[(tables.distribution_of.as_str(), &tables.distribution)],
        )?,
    )?;
    Ok(())
}

/// A step's bar replaced by a line saying how long it took (neither drawn when standard error
/// is not a terminal), so that what follows starts on a line of its own.
fn done(bar: &ProgressBar) {
    bar.println(format!(
        "{} ({}/{}) in {:.1} s",
        bar.message(),
        bar.position(),
        bar.length().unwrap_or(0),
        bar.elapsed().as_secs_f64()
    ));
    bar.finish_and_clear();
}

/// A progress bar on standard error (hidden when that is not a terminal).
fn progress(len: u64, what: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(len).with_message(what);
    bar.set_style(
        ProgressStyle::with_template("{msg:>22} [{bar:30}] {pos}/{len} ({eta})")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
