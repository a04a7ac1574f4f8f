//! The case files under `cargo test`: the project's own (`cases/`) always, and the shared ones
//! (`../shared/cases`, `../shared/more-cases`) where they sit beside the project, as in CI.

use std::path::Path;

fn run(path: &Path) -> cqnet_cases::Report {
    let report = cqnet_cases::run_paths(&[path]);
    let failures: Vec<&String> = report
        .lines
        .iter()
        .filter(|l| l.starts_with("FAIL"))
        .collect();
    assert!(
        report.failed == 0,
        "{} failed:\n{:#?}",
        report.failed,
        failures
    );
    report
}

#[test]
fn the_projects_cases_pass() {
    let report = run(&Path::new(env!("CARGO_MANIFEST_DIR")).join("cases"));
    assert!(report.passed > 200, "only {} cases ran", report.passed);
}

#[test]
#[ignore = "needs ../shared/cases and ../shared/more-cases beside the project (CI has them; run with --include-ignored)"]
fn the_shared_cases_pass() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cases");
    assert!(shared.is_dir(), "{} is not there", shared.display());
    let report = run(&shared);
    assert!(report.passed > 0);
    // The files of ../shared/more-cases whose kinds the runner implements.
    let more = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/more-cases");
    for file in ["retake_window.json", "course_based_unit_course.json"] {
        let report = run(&more.join(file));
        assert!(report.passed > 0, "no case of {file} ran");
    }
}
