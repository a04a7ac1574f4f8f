//! # cqnet-cases
//!
//! The case runner: checks the library's decisions against JSON case files (the format is
//! described in `case-format.md`; the project's own kinds in `docs/case-kinds.md`). It only maps
//! JSON onto the public API of `cqnet-core`; it holds no rule. The example `cases` and the test
//! `tests/cases.rs` both run it.
//!
//! # Example
//! ```
//! let report = cqnet_cases::run_paths(&["../cases/course_based.json"]);
//! assert_eq!(report.failed, 0, "{}", report.lines.join("\n"));
//! assert!(report.passed > 0);
//! ```

mod answer;
mod evaluate;
#[cfg(feature = "http")]
mod http;
mod kinds;

pub use evaluate::{
    Answer, EvaluateError, Evaluator, LibraryEvaluator, answer, answer_course_record, checks,
    evaluate, evaluate_course_record, kinds,
};
#[cfg(feature = "http")]
pub use http::HttpEvaluator;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use cqnet_core::Reason;
use cqnet_core::rules::RulePack;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Why a case produced no decision.
pub(crate) enum Refusal {
    /// The case file itself is wrong: unknown or missing field, bad `as_of`, …: always a FAIL.
    CaseFormat(Fault),
    /// The library refused the input as invalid: a PASS when the case expects it.
    InvalidInput(Fault),
}

/// What is wrong with an input, and where, when the reader knows.
pub(crate) struct Fault {
    pub(crate) detail: String,
    /// The JSON pointer of the offending value in the input.
    pub(crate) pointer: Option<String>,
}

impl Fault {
    /// A fault named in words only.
    pub(crate) fn said(detail: impl Into<String>) -> Self {
        Fault {
            detail: detail.into(),
            pointer: None,
        }
    }
}

/// The JSON pointer (RFC 6901) of a path serde walked: `units[0].hours` is `/units/0/hours`.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => Some(escaped(key)),
            Segment::Unknown => None,
        })
        .fold(String::new(), |pointer, part| pointer + "/" + &part)
}

/// A member name as one token of a JSON pointer (RFC 6901: `~` is `~0`, `/` is `~1`).
fn escaped(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A computed value, compared with the case's expectation of the same name.
pub(crate) enum Actual {
    Bool(bool),
    MaybeBool(Option<bool>),
    Decimal(Option<Decimal>),
    Whole(u64),
    Date(Option<NaiveDate>),
    /// The reasons in full; compared by their codes, as a set.
    Reasons(Vec<Reason>),
    /// A set of ids or names, compared as a set.
    Set(BTreeSet<String>),
    /// A list compared element by element, in order.
    List(Vec<Actual>),
    /// Named values: each field the expectation names must exist, and only those are compared.
    Object(BTreeMap<String, Actual>),
    /// A JSON value compared for equality (a statistics row's key).
    Json(Value),
}

pub(crate) type Outcome = BTreeMap<&'static str, Actual>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    kind: String,
    #[serde(default)]
    as_of: Option<String>,
    input: Value,
    expect: Map<String, Value>,
}

/// Reads a case-format structure: its failure is a fault of the case file, at the pointer of
/// the value serde could not read (relative to `value`, which is the whole input when `what`
/// is `"input"`).
pub(crate) fn shape<T: DeserializeOwned>(value: &Value, what: &str) -> Result<T, Refusal> {
    // Read from the borrowed value: no copy of the input per field read. The path is tracked
    // only when reading failed, in a second reading that fails the same way: tracking it on
    // every input costs a batch of valid ones about a tenth of its speed.
    if let Ok(read) = T::deserialize(value) {
        return Ok(read);
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        // A missing member has no value to point at: point where it is due (serde names it
        // only in its message, "missing field `name`").
        let missing = e
            .inner()
            .to_string()
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
            .map(|field| format!("/{}", escaped(field)))
            .unwrap_or_default();
        let pointer = (what == "input").then(|| pointer_of(e.path()) + &missing);
        Refusal::CaseFormat(Fault {
            detail: format!("{what}: {}", e.inner()),
            pointer,
        })
    })
}

/// Reads a value through the library's own types: its failure is invalid input.
pub(crate) fn value<T: DeserializeOwned>(value: &Value, what: &str) -> Result<T, Refusal> {
    T::deserialize(value).map_err(|e| Refusal::InvalidInput(Fault::said(format!("{what}: {e}"))))
}

/// Reads the value at `pointer` of the input through the library's own types: its failure is
/// invalid input at that pointer (written only then: a batch reads many values).
pub(crate) fn value_at<T: DeserializeOwned>(
    value: &Value,
    pointer: impl FnOnce() -> String,
) -> Result<T, Refusal> {
    T::deserialize(value).map_err(|e| {
        let pointer = pointer();
        Refusal::InvalidInput(Fault {
            detail: format!("{pointer}: {e}"),
            pointer: Some(pointer),
        })
    })
}

pub(crate) fn invalid(e: impl std::fmt::Display) -> Refusal {
    Refusal::InvalidInput(Fault::said(e.to_string()))
}

/// A value the case may give, or else the rule in force.
pub(crate) fn or_rule<T: DeserializeOwned>(
    given: &Option<Value>,
    what: &str,
    rule: T,
) -> Result<T, Refusal> {
    given.as_ref().map_or(Ok(rule), |v| value(v, what))
}

pub(crate) fn reason_codes(reasons: &[Reason]) -> Actual {
    Actual::Reasons(reasons.to_vec())
}

// ------------------------------------------------------------------ comparing

/// The expected decimal and the number of decimal places it is written with.
fn expected_decimal(v: &Value) -> Result<(Decimal, u32), String> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
        other => {
            return Err(format!(
                "expected decimal {other} must be a string or a whole number"
            ));
        }
    };
    let d =
        Decimal::from_str_exact(&text).map_err(|e| format!("expected decimal {text:?}: {e}"))?;
    let places = text
        .split_once('.')
        .map_or(0, |(_, frac)| frac.len() as u32);
    Ok((d, places))
}

fn compare(field: &str, expected: &Value, actual: &Actual) -> Result<(), String> {
    let differs = |shown: String| Err(format!("{field}: expected {expected}, got {shown}"));
    match actual {
        Actual::Bool(b) => match expected.as_bool() {
            Some(e) if e == *b => Ok(()),
            Some(_) => differs(b.to_string()),
            None => Err(format!(
                "{field}: expected value {expected} is not true or false"
            )),
        },
        Actual::MaybeBool(b) => match (expected, b) {
            (Value::Null, None) => Ok(()),
            (Value::Bool(e), Some(a)) if e == a => Ok(()),
            (Value::Null | Value::Bool(_), _) => {
                differs(b.map_or("null".to_owned(), |a| a.to_string()))
            }
            _ => Err(format!(
                "{field}: expected value {expected} is not true, false or null"
            )),
        },
        Actual::Decimal(d) => match (expected, d) {
            (Value::Null, None) => Ok(()),
            (Value::Null, Some(a)) => differs(a.normalize().to_string()),
            (_, None) => differs("null".to_owned()),
            (e, Some(a)) => {
                let (e, places) = expected_decimal(e)?;
                let rounded =
                    a.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
                if rounded == e {
                    Ok(())
                } else {
                    differs(a.normalize().to_string())
                }
            }
        },
        Actual::Whole(n) => match expected.as_u64() {
            Some(e) if e == *n => Ok(()),
            Some(_) => differs(n.to_string()),
            None => Err(format!(
                "{field}: expected value {expected} is not a whole number"
            )),
        },
        Actual::Date(d) => match (expected, d) {
            (Value::Null, None) => Ok(()),
            (Value::String(e), Some(a)) if e.parse::<NaiveDate>().ok() == Some(*a) => Ok(()),
            (Value::Null | Value::String(_), _) => {
                differs(d.map_or("null".to_owned(), |a| a.to_string()))
            }
            _ => Err(format!(
                "{field}: expected value {expected} is not a date or null"
            )),
        },
        Actual::Set(items) => {
            let expected_items: BTreeSet<String> = match expected.as_array() {
                Some(list) => list
                    .iter()
                    .map(|c| {
                        c.as_str()
                            .map(str::to_owned)
                            .ok_or(format!("{field}: {c} is not a string"))
                    })
                    .collect::<Result<_, _>>()?,
                None => return Err(format!("{field}: expected value {expected} is not a list")),
            };
            if &expected_items == items {
                Ok(())
            } else {
                differs(format!("{items:?}"))
            }
        }
        Actual::List(items) => {
            let Some(list) = expected.as_array() else {
                return Err(format!("{field}: expected value {expected} is not a list"));
            };
            if list.len() != items.len() {
                return Err(format!(
                    "{field}: expected {} items, got {}",
                    list.len(),
                    items.len()
                ));
            }
            for (i, (e, a)) in list.iter().zip(items).enumerate() {
                compare(&format!("{field}[{i}]"), e, a)?;
            }
            Ok(())
        }
        Actual::Object(fields) => {
            let Some(map) = expected.as_object() else {
                return Err(format!(
                    "{field}: expected value {expected} is not an object"
                ));
            };
            for (name, e) in map {
                let a = fields
                    .get(name)
                    .ok_or_else(|| format!("{field}: no {name:?} in the decision"))?;
                compare(&format!("{field}.{name}"), e, a)?;
            }
            Ok(())
        }
        Actual::Json(value) => {
            if value == expected {
                Ok(())
            } else {
                differs(value.to_string())
            }
        }
        Actual::Reasons(reasons) => {
            let codes: BTreeSet<String> =
                reasons.iter().map(|r| r.code.as_str().to_owned()).collect();
            let expected_codes: BTreeSet<String> = match expected.as_array() {
                Some(list) => list
                    .iter()
                    .map(|c| {
                        c.as_str()
                            .map(str::to_owned)
                            .ok_or(format!("{field}: {c} is not a reason code"))
                    })
                    .collect::<Result<_, _>>()?,
                None => return Err(format!("{field}: expected value {expected} is not a list")),
            };
            if expected_codes == codes {
                Ok(())
            } else {
                differs(format!("{codes:?}"))
            }
        }
    }
}

fn run_case(case: &Case, evaluator: &dyn Evaluator) -> Result<(), String> {
    let (_, fields) =
        kinds::kind(&case.kind).ok_or_else(|| format!("unknown kind {:?}", case.kind))?;
    let as_of = match &case.as_of {
        None => None,
        Some(text) => Some(
            text.parse::<NaiveDate>()
                .map_err(|e| format!("as_of {text:?}: {e}"))?,
        ),
    };
    let expects_error = case.expect.get("error");
    if let Some(error) = expects_error {
        if error != "invalid_input" || case.expect.len() != 1 {
            return Err(format!(
                "expect: an error expectation is exactly {{\"error\": \"invalid_input\"}}, got {:?}",
                case.expect
            ));
        }
    } else if let Some(unknown) = case
        .expect
        .keys()
        .find(|k| !fields.iter().any(|(name, _)| name == k))
    {
        return Err(format!(
            "expect: unknown field {unknown:?} for kind {}",
            case.kind
        ));
    }
    match (
        evaluator.evaluate(&case.kind, as_of, &case.input),
        expects_error,
    ) {
        (Err(EvaluateError::InvalidInput { .. }), Some(_)) => Ok(()),
        (Err(EvaluateError::InvalidInput { detail, .. }), None) => {
            Err(format!("refused as invalid input: {detail}"))
        }
        (Err(e), _) => Err(e.to_string()),
        (Ok(_), Some(_)) => {
            Err("expected the input to be refused as invalid, but it was decided".into())
        }
        (Ok(answer), None) => {
            let outcome = answer::outcome_from_json(&answer, fields)?;
            let differences: Vec<String> = case
                .expect
                .iter()
                .filter_map(|(field, expected)| {
                    let actual = outcome.get(field.as_str())?;
                    compare(field, expected, actual).err()
                })
                .collect();
            if differences.is_empty() {
                Ok(())
            } else {
                Err(differences.join("; "))
            }
        }
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for entry in entries {
            if entry.is_dir() || entry.extension().is_some_and(|e| e == "json") {
                collect(&entry, out)?;
            }
        }
    } else {
        out.push(path.to_owned());
    }
    Ok(())
}

fn run_file(path: &Path, evaluator: &dyn Evaluator, report: &mut Report) {
    let shown = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => run_source(&shown, &text, evaluator, report),
        Err(e) => {
            report
                .lines
                .push(format!("FAIL {shown}: (file): cannot be read: {e}"));
            report.failed += 1;
        }
    }
}

/// Runs the cases of one case file's text, named `shown` in the report's lines.
fn run_source(shown: &str, text: &str, evaluator: &dyn Evaluator, report: &mut Report) {
    let fail = |report: &mut Report, name: &str, why: String| {
        report.lines.push(format!("FAIL {shown}: {name}: {why}"));
        report.failed += 1;
    };
    let json: Value = match serde_json::from_str(text) {
        Ok(json) => json,
        Err(e) => return fail(report, "(file)", format!("not valid JSON: {e}")),
    };
    let items = match json {
        Value::Array(items) => items,
        one @ Value::Object(_) => vec![one],
        _ => {
            return fail(
                report,
                "(file)",
                "holds neither a case nor a list of cases".into(),
            );
        }
    };
    let mut names = BTreeSet::new();
    for (index, item) in items.into_iter().enumerate() {
        let label = item
            .get("name")
            .and_then(Value::as_str)
            .map_or_else(|| format!("(case #{})", index + 1), str::to_owned);
        let case: Case = match serde_json::from_value(item) {
            Ok(case) => case,
            Err(e) => {
                fail(report, &label, format!("not a valid case: {e}"));
                continue;
            }
        };
        if !names.insert(case.name.clone()) {
            fail(
                report,
                &label,
                "the name is not unique within its file".into(),
            );
            continue;
        }
        match run_case(&case, evaluator) {
            Ok(()) => {
                report.lines.push(format!("PASS {shown}: {}", case.name));
                report.passed += 1;
            }
            Err(why) => fail(report, &case.name, why),
        }
    }
}

/// What a run over case files found: one line per case, and the counts.
///
/// # Example
/// ```
/// let report = cqnet_cases::run_paths(&["no-such-folder"]);
/// assert_eq!((report.passed, report.failed), (0, 1));
/// assert!(report.lines[0].starts_with("FAIL no-such-folder"));
/// ```
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// `PASS <file>: <name>` or `FAIL <file>: <name>: <what differed>`, in the order run.
    pub lines: Vec<String>,
    /// Cases whose expectation held.
    pub passed: usize,
    /// Cases that differed, and files or paths that could not be read as cases.
    pub failed: usize,
}

/// Runs the cases of one case file given as its text (a case, or a list of cases) against the
/// embedded rule pack, as [`run_paths`] runs a file: `file` names it in the report's lines.
/// Text that is not JSON, or not a case, is a failure like any other.
///
/// # Example
/// ```
/// let text = r#"{"name": "business reasons are no just cause", "kind": "contract_termination",
///     "input": {"ground": "business_reasons", "written_notice": true, "notice_states_reason_and_date": true},
///     "expect": {"valid": false, "reasons": ["no_just_cause"]}}"#;
/// let report = cqnet_cases::run_text("termination.json", text);
/// assert_eq!((report.passed, report.failed), (1, 0), "{:?}", report.lines);
/// let report = cqnet_cases::run_text("broken.json", "not JSON");
/// assert_eq!((report.passed, report.failed), (0, 1));
/// assert!(report.lines[0].starts_with("FAIL broken.json: (file): not valid JSON"));
/// ```
pub fn run_text(file: &str, text: &str) -> Report {
    let mut report = Report::default();
    run_source(
        file,
        text,
        &LibraryEvaluator::new(RulePack::embedded()),
        &mut report,
    );
    report
}

/// Runs every case in the given files or folders (every `*.json` in a folder, recursively, in
/// sorted order) against the embedded rule pack.
///
/// A wrong expectation, an unknown kind or field, a missing field or a file that is not JSON
/// is a failure; nothing is skipped.
///
/// # Example
/// ```
/// let report = cqnet_cases::run_paths(&["../cases"]);
/// assert_eq!(report.failed, 0, "{}", report.lines.join("\n"));
/// ```
pub fn run_paths<P: AsRef<Path>>(paths: &[P]) -> Report {
    run_paths_with(paths, &LibraryEvaluator::new(RulePack::embedded()))
}

/// Runs every case in the given files or folders, as [`run_paths`] does, through `evaluator`:
/// the library itself ([`LibraryEvaluator`]) or, with the feature `http`, a cqnet HTTP server
/// (`HttpEvaluator`). Every answer is read back from its JSON, so the two are checked alike.
///
/// # Example
/// ```
/// use cqnet_cases::{run_paths_with, LibraryEvaluator};
/// use cqnet_core::rules::RulePack;
///
/// let report = run_paths_with(&["../cases/refund.json"], &LibraryEvaluator::new(RulePack::embedded()));
/// assert_eq!(report.failed, 0, "{}", report.lines.join("\n"));
/// assert!(report.passed > 0);
/// ```
pub fn run_paths_with<P: AsRef<Path>>(paths: &[P], evaluator: &dyn Evaluator) -> Report {
    let mut report = Report::default();
    for path in paths {
        let path = path.as_ref();
        let mut files = Vec::new();
        if let Err(e) = collect(path, &mut files) {
            report.lines.push(format!(
                "FAIL {}: (path): cannot be read: {e}",
                path.display()
            ));
            report.failed += 1;
            continue;
        }
        for file in files {
            run_file(&file, evaluator, &mut report);
        }
    }
    report
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod pointer_tests {
    use cqnet_core::rules::RulePack;
    use serde_json::json;

    /// The pointer of each refusal of a `course_based` input, as a client would follow it.
    #[test]
    fn a_refused_input_points_at_its_offending_value() {
        let rules = RulePack::embedded().newest();
        for (input, pointer) in [
            (
                json!({"units": [{"hours": 40, "attended": 29, "scores": [85]}, {"hours": 40.5, "attended": 29, "scores": [85]}]}),
                "/units/1/hours",
            ),
            (
                json!({"units": [{"hours": 40, "attended": "x", "scores": [85]}]}),
                "/units/0/attended",
            ),
            (
                json!({"units": [{"hours": 40, "attended": 29, "scores": [85, 101]}]}),
                "/units/0/scores/1",
            ),
            (
                json!({"units": [{"hours": 40, "attended": 29}]}),
                "/units/0/scores",
            ),
            (
                json!({"units": [{"hours": 40, "attended": 29, "scores": [85], "colour": 1}]}),
                "/units/0/colour",
            ),
            (
                json!({"units": [{"hours": 40, "attended": 29, "scores": "85"}]}),
                "/units/0/scores",
            ),
            (
                json!({"units": [{"hours": 40, "attended": 29, "scores": [85]}], "external": {"written": 80.5, "practical": 90}}),
                "/external/written",
            ),
        ] {
            let refused = crate::evaluate("course_based", &input, &rules).unwrap_err();
            assert_eq!(refused.pointer(), Some(pointer), "{input}: {refused}");
        }
    }
}
