//! The case runner: checks the library's decisions against JSON case files.
//!
//! ```text
//! cargo run -q --example cases -- PATH [PATH ...]
//! ```
//!
//! Each PATH is a case file or a folder (every `*.json` in it, recursively, in sorted order).
//! One line per case, `PASS <file>: <name>` or `FAIL <file>: <name>: <what differed>`, then
//! `N passed, N failed`; the exit code is 0 only when nothing failed. The format is described
//! in `case-format.md`; the runner itself is the `cqnet-cases` crate, which holds no rule. The
//! project's own kinds beyond that format are described in `docs/case-kinds.md`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: cargo run -q --example cases -- PATH [PATH ...]");
        return ExitCode::from(2);
    }
    let report = cqnet_cases::run_paths(&args);
    for line in &report.lines {
        println!("{line}");
    }
    println!("{} passed, {} failed", report.passed, report.failed);
    if report.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
