//! The legislation view of the embedded rule pack.
//!
//! ```text
//! cargo run --example rules -- show 2026-06-01          # every value in force on a day
//! cargo run --example rules -- diff 2024-01-01 2026-06-01  # what differs between two days
//! cargo run --example rules -- check                    # the pack check's warnings
//! ```
//!
//! Each value is printed with its reference, provenance and the day it was last checked
//! against its source. `--overlay FILE` applies an overlay (TOML) to the embedded pack first,
//! as a host would for a what-if.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use cqnet::core::rules::{ParamRow, RulePack};

/// The command line.
#[derive(Debug, Parser)]
#[command(about = "Show, compare and check the rule values of the embedded pack")]
pub struct Cli {
    /// An overlay (TOML) to apply to the embedded pack first.
    #[arg(long)]
    pub overlay: Option<std::path::PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Every value in force on DATE.
    Show {
        /// A calendar date, YYYY-MM-DD.
        date: NaiveDate,
    },
    /// Every value that differs between FROM and TO, with both values.
    Diff {
        /// The first date, YYYY-MM-DD.
        from: NaiveDate,
        /// The second date, YYYY-MM-DD.
        to: NaiveDate,
    },
    /// The pack check's warnings (values due for review, weights that depart from the Decree).
    Check,
}

fn row_text(row: &ParamRow) -> String {
    let until = row.until.map(|d| format!(" until {d}")).unwrap_or_default();
    format!(
        "{} (since {}{until}; {}; last checked {}) [{}]",
        row.value, row.since, row.provenance, row.last_checked, row.reference
    )
}

/// Runs one command on `pack`, writing what it prints to `out`. Returns how many values,
/// changes or warnings it listed.
pub fn run_on(pack: &RulePack, command: &Command, out: &mut String) -> usize {
    let write = |out: &mut String, line: String| {
        // Writing to a String cannot fail.
        let _ = writeln!(out, "{line}");
    };
    write(out, format!("pack {} (dated {})", pack.id(), pack.date()));
    match command {
        Command::Show { date } => {
            let values = pack.values_at(*date);
            write(out, format!("{} values in force on {date}", values.len()));
            for v in &values {
                write(out, format!("{}: {}", v.path, row_text(&v.row)));
            }
            values.len()
        }
        Command::Diff { from, to } => {
            let changes = pack.diff(*from, *to);
            write(
                out,
                format!("{} values differ between {from} and {to}", changes.len()),
            );
            for c in &changes {
                let side = |row: &Option<ParamRow>| {
                    row.as_ref()
                        .map_or_else(|| "(no value in force)".to_owned(), row_text)
                };
                let what = if c.value_changed {
                    "value"
                } else {
                    "basis only"
                };
                write(out, format!("{} ({what}): {}", c.path, c.description));
                write(out, format!("  {from}: {}", side(&c.from)));
                write(out, format!("  {to}: {}", side(&c.to)));
            }
            changes.len()
        }
        Command::Check => {
            let warnings = pack.warnings();
            write(out, format!("{} warnings", warnings.len()));
            for w in &warnings {
                write(out, format!("warning: {w}"));
            }
            warnings.len()
        }
    }
}

/// Runs the command line: loads the overlay if one is named, then the command.
///
/// # Errors
/// The overlay cannot be read or is refused.
pub fn run(cli: &Cli, out: &mut String) -> Result<usize, String> {
    let pack = match &cli.overlay {
        None => RulePack::embedded().clone(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            RulePack::embedded()
                .with_overlay(&text)
                .map_err(|e| format!("overlay {}: {e}", path.display()))?
        }
    };
    Ok(run_on(&pack, &cli.command, out))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = String::new();
    let result = run(&cli, &mut out);
    print!("{out}");
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
