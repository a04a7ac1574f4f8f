//! The case runner: checks the library's decisions against JSON case files.
//!
//! ```text
//! cargo run -q --example cases -- PATH [PATH ...]
//! cargo run -q --example cases -- --http http://127.0.0.1:8080 PATH [PATH ...]
//! ```
//!
//! Each PATH is a case file or a folder (every `*.json` in it, recursively, in sorted order).
//! One line per case, `PASS <file>: <name>` or `FAIL <file>: <name>: <what differed>`, then
//! `N passed, N failed`; the exit code is 0 only when nothing failed. The format is described
//! in `case-format.md`; the runner itself is the `cqnet-cases` crate, which holds no rule. The
//! project's own kinds beyond that format are described in `docs/case-kinds.md`.
//!
//! With `--http URL` every case is posted to a cqnet HTTP server's `POST /v1/evaluate/{kind}`
//! (`cargo run --example http_server`) instead of being decided by the library, and its JSON
//! answer is checked the same way.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let server = match args.iter().position(|a| a == "--http") {
        Some(at) if at + 1 < args.len() => {
            let url = args.remove(at + 1);
            args.remove(at);
            match cqnet_cases::HttpEvaluator::new(&url) {
                Ok(server) => Some(server),
                Err(e) => {
                    eprintln!("--http {url}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        Some(_) => {
            eprintln!("--http needs the server's address (http://127.0.0.1:8080)");
            return ExitCode::from(2);
        }
        None => None,
    };
    if args.is_empty() {
        eprintln!("usage: cargo run -q --example cases -- [--http URL] PATH [PATH ...]");
        return ExitCode::from(2);
    }
    let report = match &server {
        Some(server) => cqnet_cases::run_paths_with(&args, server),
        None => cqnet_cases::run_paths(&args),
    };
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
