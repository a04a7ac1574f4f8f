//! Any text as a case file, and any JSON merged into the input of one of the project's own
//! cases (every kind has some): a report, never a panic, one line for each case counted, and a
//! case whose input is left as it was still passes.
#![no_main]

mod merge_patch;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// The project's case files: every case kind, each with its inputs as the kind reads them.
const CASE_FILES: [&str; 19] = [
    include_str!("../../cases/access.json"),
    include_str!("../../cases/contract_extension.json"),
    include_str!("../../cases/contract_termination.json"),
    include_str!("../../cases/course_based.json"),
    include_str!("../../cases/course_based_unit_course.json"),
    include_str!("../../cases/course_outlook.json"),
    include_str!("../../cases/designation_check.json"),
    include_str!("../../cases/designation_screening.json"),
    include_str!("../../cases/exam_application.json"),
    include_str!("../../cases/exam_plan.json"),
    include_str!("../../cases/field_teacher.json"),
    include_str!("../../cases/learning_company.json"),
    include_str!("../../cases/refund.json"),
    include_str!("../../cases/retake.json"),
    include_str!("../../cases/retake_window.json"),
    include_str!("../../cases/sanction.json"),
    include_str!("../../cases/statistics.json"),
    include_str!("../../cases/what_if.json"),
    include_str!("../../cases/work_study.json"),
];

fn cases() -> &'static [Value] {
    static CASES: OnceLock<Vec<Value>> = OnceLock::new();
    CASES.get_or_init(|| {
        CASE_FILES
            .iter()
            .flat_map(
                |text| match serde_json::from_str(text).expect("a case file is JSON") {
                    Value::Array(items) => items,
                    one => vec![one],
                },
            )
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let report = cqnet_cases::run_text("fuzz.json", text);
        assert_eq!(report.lines.len(), report.passed + report.failed);
    }
    // Two bytes pick one of the project's cases; the rest, as JSON, is merged into its input.
    let [high, low, rest @ ..] = data else { return };
    let Ok(patch) = serde_json::from_slice::<Value>(rest) else {
        return;
    };
    let all = cases();
    let mut case = all[usize::from(u16::from_be_bytes([*high, *low])) % all.len()].clone();
    merge_patch::merge(&mut case["input"], &patch);
    let report = cqnet_cases::run_text("merged.json", &case.to_string());
    assert_eq!((report.lines.len(), report.passed + report.failed), (1, 1));
    if patch.as_object().is_some_and(serde_json::Map::is_empty) {
        assert_eq!(report.passed, 1, "{:?}", report.lines);
    }
});
