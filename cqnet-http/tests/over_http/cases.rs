//! The case files run through a server on 127.0.0.1:0 (`POST /v1/evaluate/{kind}`), read back
//! from its JSON answers and checked as the library's own answers are.

use crate::support;

use std::path::{Path, PathBuf};

use cqnet_adapters::memory::MemoryStore;
use cqnet_cases::{HttpEvaluator, Report, run_paths_with};

fn over_http(paths: &[PathBuf]) -> Report {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let base = runtime.block_on(async {
        let (_, base) = support::api_on(MemoryStore::new().into_async()).await;
        base
    });
    // The runner's client blocks: it runs on this thread while the runtime serves.
    let report = run_paths_with(paths, &HttpEvaluator::new(&base).unwrap());
    drop(runtime);
    let failures: Vec<&String> = report
        .lines
        .iter()
        .filter(|l| l.starts_with("FAIL"))
        .collect();
    assert!(
        report.failed == 0,
        "{} failed:\n{failures:#?}",
        report.failed
    );
    report
}

#[test]
fn the_projects_cases_pass_over_http() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cases");
    let report = over_http(&[cases]);
    let library = cqnet_cases::run_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../cases")]);
    assert_eq!(
        report.passed, library.passed,
        "every case ran over HTTP as in the library"
    );
    assert!(report.passed > 200, "only {} cases ran", report.passed);
}

#[test]
#[ignore = "needs ../shared/cases and ../shared/more-cases beside the project (CI has them; run with --include-ignored)"]
fn the_shared_cases_pass_over_http() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("shared/cases");
    let more = root.join("shared/more-cases");
    assert!(
        shared.is_dir() && more.is_dir(),
        "{} is not there",
        shared.display()
    );
    let report = over_http(&[shared, more]);
    assert!(report.passed > 0);
}
