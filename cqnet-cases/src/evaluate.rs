//! One case kind's input decided under given rules, answered as JSON: what the runner checks
//! and what an HTTP server answers for `POST /v1/evaluate/{kind}`.

use chrono::NaiveDate;
use cqnet_core::rules::{RulePack, Rules};
use serde_json::Value;

use crate::Refusal;

/// Why an input got no answer.
///
/// # Example
/// ```
/// use cqnet_cases::{evaluate, EvaluateError};
/// use cqnet_core::rules::RulePack;
///
/// let rules = RulePack::embedded().newest();
/// let refused = evaluate("refund", &serde_json::json!({"fee": 20000}), &rules);
/// assert!(matches!(refused, Err(EvaluateError::Malformed { .. })));
/// let refused = refused.unwrap_err();
/// assert_eq!((refused.slug(), refused.pointer()), ("malformed-input", Some("/track")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EvaluateError {
    /// No such kind in the case format (nor among the project's own kinds).
    UnknownKind(String),
    /// The input does not have the kind's shape: a field unknown, missing or of the wrong
    /// JSON type for the case format.
    Malformed {
        /// What is wrong, in words.
        detail: String,
        /// The JSON pointer (RFC 6901) of the offending value in the input, where it is known.
        pointer: Option<String>,
    },
    /// The library refused the input as invalid: what the case format's `{"error":
    /// "invalid_input"}` expects.
    InvalidInput {
        /// What is wrong, in words.
        detail: String,
        /// The JSON pointer (RFC 6901) of the offending value in the input, where it is known.
        pointer: Option<String>,
    },
    /// No rule values are in force on the date asked for.
    NoRulesInForce(String),
    /// The evaluator could not be asked or answered something else (a server unreachable, an
    /// answer that is not JSON).
    Unanswered(String),
}

impl EvaluateError {
    /// A stable short name of the error's kind (`invalid-input`), which the HTTP face uses in
    /// its problem types and the HTTP evaluator reads back.
    ///
    /// # Example
    /// ```
    /// use cqnet_cases::EvaluateError;
    /// assert_eq!(EvaluateError::UnknownKind("x".into()).slug(), "unknown-kind");
    /// ```
    pub fn slug(&self) -> &'static str {
        match self {
            EvaluateError::UnknownKind(_) => "unknown-kind",
            EvaluateError::Malformed { .. } => "malformed-input",
            EvaluateError::InvalidInput { .. } => "invalid-input",
            EvaluateError::NoRulesInForce(_) => "rules-not-in-force",
            EvaluateError::Unanswered(_) => "unanswered",
        }
    }

    /// The error of a slug with its detail and the pointer of the offending value: the inverse
    /// of [`EvaluateError::slug`] (an unknown slug is [`EvaluateError::Unanswered`]; the
    /// pointer is kept by the kinds that have one).
    ///
    /// # Example
    /// ```
    /// use cqnet_cases::EvaluateError;
    /// let e = EvaluateError::from_slug("invalid-input", "hours: -1".into(), Some("/units/0/hours".into()));
    /// assert_eq!(e, EvaluateError::InvalidInput { detail: "hours: -1".into(), pointer: Some("/units/0/hours".into()) });
    /// ```
    pub fn from_slug(slug: &str, detail: String, pointer: Option<String>) -> Self {
        match slug {
            "unknown-kind" => EvaluateError::UnknownKind(detail),
            "malformed-input" => EvaluateError::Malformed { detail, pointer },
            "invalid-input" => EvaluateError::InvalidInput { detail, pointer },
            "rules-not-in-force" => EvaluateError::NoRulesInForce(detail),
            _ => EvaluateError::Unanswered(detail),
        }
    }

    /// The detail of the error, without its kind.
    ///
    /// # Example
    /// ```
    /// use cqnet_cases::EvaluateError;
    /// let e = EvaluateError::Malformed { detail: "input: missing field `fee`".into(), pointer: None };
    /// assert_eq!(e.detail(), "input: missing field `fee`");
    /// ```
    pub fn detail(&self) -> &str {
        match self {
            EvaluateError::UnknownKind(d)
            | EvaluateError::Malformed { detail: d, .. }
            | EvaluateError::InvalidInput { detail: d, .. }
            | EvaluateError::NoRulesInForce(d)
            | EvaluateError::Unanswered(d) => d,
        }
    }

    /// The JSON pointer (RFC 6901) of the offending value in the input, where the error has
    /// one: `/units/0/hours` for a unit's hours that do not read.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let input = serde_json::json!({"units": [{"hours": 40.5, "attended": 29, "scores": [85]}]});
    /// let refused = cqnet_cases::evaluate("course_based", &input, &RulePack::embedded().newest()).unwrap_err();
    /// assert_eq!(refused.pointer(), Some("/units/0/hours"));
    /// ```
    pub fn pointer(&self) -> Option<&str> {
        match self {
            EvaluateError::Malformed { pointer, .. }
            | EvaluateError::InvalidInput { pointer, .. } => pointer.as_deref(),
            _ => None,
        }
    }
}

impl std::fmt::Display for EvaluateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvaluateError::UnknownKind(kind) => write!(f, "unknown kind {kind:?}"),
            EvaluateError::Malformed { detail, .. } => write!(f, "{detail}"),
            EvaluateError::InvalidInput { detail, .. } => write!(f, "invalid input: {detail}"),
            EvaluateError::NoRulesInForce(d) => write!(f, "no rules in force: {d}"),
            EvaluateError::Unanswered(d) => write!(f, "no answer: {d}"),
        }
    }
}

impl std::error::Error for EvaluateError {}

/// Every case kind that [`evaluate`] decides: those of the case format and the project's own
/// (`docs/case-kinds.md`).
///
/// # Example
/// ```
/// assert!(cqnet_cases::kinds().contains(&"course_based"));
/// ```
pub fn kinds() -> &'static [&'static str] {
    crate::kinds::KINDS
}

/// Decides a 과정평가형 trainee's record as [`evaluate`] decides a `course_based` input that
/// gives none of `exam`, `internal_aggregation` and `attendance_scope` (the rules' own values
/// decide), and answers as it does: for records read from elsewhere (a CSV file) that must be
/// answered as the same candidate given as a case's input is.
///
/// # Errors
/// [`EvaluateError::InvalidInput`] when the rules' exam standard is refused (weights that do
/// not add up); [`EvaluateError::Unanswered`] when the answer cannot be written as JSON.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::{Hours, Score};
/// use serde_json::json;
///
/// let rules = RulePack::embedded().newest();
/// let unit = UnitRecord::new(None, Hours::whole(40)?, Hours::whole(29)?, vec![Some(Score::whole(85)?)])?;
/// let answer = cqnet_cases::evaluate_course_record(&TraineeRecord::new(vec![unit])?, &rules)?;
/// let input = json!({"units": [{"hours": 40, "attended": 29, "scores": [85]}]});
/// assert_eq!(answer, cqnet_cases::evaluate("course_based", &input, &rules)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate_course_record(
    record: &cqnet_core::course_based::TraineeRecord,
    rules: &Rules,
) -> Result<Value, EvaluateError> {
    answer_course_record(record, rules)?.to_json()
}

/// What [`evaluate_course_record`] answers, not yet turned into a JSON value: to be written
/// straight to a writer, as a batch of answers is.
///
/// # Errors
/// As [`evaluate_course_record`], but for [`EvaluateError::Unanswered`], which only writing
/// can give.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::{Hours, Score};
///
/// let rules = RulePack::embedded().newest();
/// let unit = UnitRecord::new(None, Hours::whole(40)?, Hours::whole(29)?, vec![Some(Score::whole(85)?)])?;
/// let record = TraineeRecord::new(vec![unit])?;
/// let text = serde_json::to_string(&cqnet_cases::answer_course_record(&record, &rules)?)?;
/// let written: serde_json::Value = serde_json::from_str(&text)?;
/// assert_eq!(written, cqnet_cases::evaluate_course_record(&record, &rules)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn answer_course_record(
    record: &cqnet_core::course_based::TraineeRecord,
    rules: &Rules,
) -> Result<Answer, EvaluateError> {
    crate::kinds::course_based::run_record(record, rules)
        .map(Answer)
        .map_err(refused)
}

/// A decided case's answer: every field its kind gives, written as [`evaluate`]'s JSON object
/// when serialized.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let input = serde_json::json!({"units": [{"hours": 40, "attended": 29, "scores": [85]}]});
/// let answer = cqnet_cases::answer("course_based", &input, &RulePack::embedded().newest())?;
/// assert_eq!(answer.to_json()?["completed"], false);
/// # Ok::<(), cqnet_cases::EvaluateError>(())
/// ```
#[derive(serde::Serialize)]
#[serde(transparent)]
pub struct Answer(crate::Outcome);

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer")
            .field("fields", &self.0.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Answer {
    /// The answer as a JSON object.
    ///
    /// # Errors
    /// [`EvaluateError::Unanswered`] when a value cannot be written as JSON.
    ///
    /// # Example
    /// See [`Answer`].
    pub fn to_json(&self) -> Result<Value, EvaluateError> {
        crate::answer::outcome_to_json(&self.0)
            .map_err(|e| EvaluateError::Unanswered(e.to_string()))
    }
}

/// The error of a refused case.
fn refused(refusal: Refusal) -> EvaluateError {
    match refusal {
        Refusal::CaseFormat(fault) => EvaluateError::Malformed {
            detail: fault.detail,
            pointer: fault.pointer,
        },
        Refusal::InvalidInput(fault) => EvaluateError::InvalidInput {
            detail: fault.detail,
            pointer: fault.pointer,
        },
    }
}

/// Decides a case's `input` of the given kind under `rules`, and answers every field the kind
/// can be expected to give, as a JSON object (decimals as strings, reasons in full: code,
/// measured and required values, legal basis, messages in Korean and English).
///
/// # Errors
/// [`EvaluateError::UnknownKind`] for a kind not in [`kinds`]; [`EvaluateError::Malformed`]
/// when the input lacks the kind's shape; [`EvaluateError::InvalidInput`] when the library
/// refuses a value (a score over 100, attended hours over the scheduled ones).
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use serde_json::json;
///
/// let input = json!({"units": [{"hours": 40, "attended": 29, "scores": [85]}]});
/// let answer = cqnet_cases::evaluate("course_based", &input, &RulePack::embedded().newest())?;
/// assert_eq!(answer["completed"], false);
/// let reason = &answer["reasons"][0];
/// assert_eq!(reason["code"], "attendance_below_minimum");
/// assert!(reason["message"]["ko"].as_str().is_some_and(|m| m.contains("출석")));
/// # Ok::<(), cqnet_cases::EvaluateError>(())
/// ```
pub fn evaluate(kind: &str, input: &Value, rules: &Rules) -> Result<Value, EvaluateError> {
    answer(kind, input, rules)?.to_json()
}

/// What [`evaluate`] answers, not yet turned into a JSON value: to be written straight to a
/// writer, as a batch of answers is.
///
/// # Errors
/// As [`evaluate`], but for [`EvaluateError::Unanswered`], which only writing can give.
///
/// # Example
/// See [`Answer`].
pub fn answer(kind: &str, input: &Value, rules: &Rules) -> Result<Answer, EvaluateError> {
    let (runner, _) =
        crate::kinds::kind(kind).ok_or_else(|| EvaluateError::UnknownKind(kind.into()))?;
    runner(input, rules).map(Answer).map_err(refused)
}

/// Every check the core makes of a case's `input`, passed and failed, in its order, for the
/// kinds whose decision the core can explain so (`course_based`, `work_study`); `None` for the
/// other kinds, whose reasons are their failed checks only.
///
/// # Errors
/// As [`evaluate`].
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let input = serde_json::json!({"units": [{"hours": 40, "attended": 29, "scores": [85]}]});
/// let checks = cqnet_cases::checks("course_based", &input, &RulePack::embedded().newest())?;
/// let checks = checks.expect("course_based is explained check by check");
/// assert_eq!(checks.iter().filter(|c| !c.passed).count(), 1);
/// assert!(checks.iter().any(|c| c.passed));
/// assert!(cqnet_cases::checks("refund", &serde_json::json!({}), &RulePack::embedded().newest())?.is_none());
/// # Ok::<(), cqnet_cases::EvaluateError>(())
/// ```
pub fn checks(
    kind: &str,
    input: &Value,
    rules: &Rules,
) -> Result<Option<Vec<cqnet_core::Check>>, EvaluateError> {
    crate::kinds::kind(kind).ok_or_else(|| EvaluateError::UnknownKind(kind.into()))?;
    match kind {
        "course_based" => crate::kinds::course_based::checks(input, rules)
            .map(Some)
            .map_err(refused),
        "work_study" => crate::kinds::work_study::checks(input, rules)
            .map(Some)
            .map_err(refused),
        _ => Ok(None),
    }
}

/// What decides a case for the runner: the library itself, or a server.
///
/// # Example
/// ```
/// use cqnet_cases::{Evaluator, LibraryEvaluator};
/// use cqnet_core::rules::RulePack;
///
/// let library = LibraryEvaluator::new(RulePack::embedded());
/// let answer = library.evaluate("refund", None, &serde_json::json!({
///     "track": "course_based", "fee": 20000,
///     "window": {"start": "2026-05-01T09:00:00+09:00", "end": "2026-05-08T18:00:00+09:00"},
///     "exam_date": "2026-06-20", "cancelled_at": "2026-05-02T10:00:00+09:00"
/// }))?;
/// assert_eq!(answer["percent"], 100);
/// # Ok::<(), cqnet_cases::EvaluateError>(())
/// ```
pub trait Evaluator {
    /// Decides `input` of `kind` under the rules in force on `as_of` (the newest when `None`).
    ///
    /// # Errors
    /// As [`evaluate`], and [`EvaluateError::NoRulesInForce`] for a date with no rules;
    /// [`EvaluateError::Unanswered`] when the evaluator could not answer.
    fn evaluate(
        &self,
        kind: &str,
        as_of: Option<NaiveDate>,
        input: &Value,
    ) -> Result<Value, EvaluateError>;
}

/// The library as an [`Evaluator`]: [`evaluate`] under a rule pack.
///
/// # Example
/// ```
/// use cqnet_cases::LibraryEvaluator;
/// let report = cqnet_cases::run_paths_with(&["../cases/work_study.json"], &LibraryEvaluator::new(cqnet_core::rules::RulePack::embedded()));
/// assert_eq!(report.failed, 0);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct LibraryEvaluator<'a> {
    pack: &'a RulePack,
}

impl<'a> LibraryEvaluator<'a> {
    /// Decides under `pack`.
    ///
    /// # Example
    /// ```
    /// let library = cqnet_cases::LibraryEvaluator::new(cqnet_core::rules::RulePack::embedded());
    /// # let _ = library;
    /// ```
    pub fn new(pack: &'a RulePack) -> Self {
        LibraryEvaluator { pack }
    }
}

impl Evaluator for LibraryEvaluator<'_> {
    fn evaluate(
        &self,
        kind: &str,
        as_of: Option<NaiveDate>,
        input: &Value,
    ) -> Result<Value, EvaluateError> {
        let rules = match as_of {
            None => self.pack.newest(),
            Some(date) => self
                .pack
                .rules_at(date)
                .map_err(|e| EvaluateError::NoRulesInForce(format!("as_of {date}: {e}")))?,
        };
        evaluate(kind, input, &rules)
    }
}
