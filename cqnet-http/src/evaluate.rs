//! `POST /v1/evaluate/{kind}?as_of=YYYY-MM-DD&explain=true`: a case kind's input decided under
//! the rules in force on `as_of`, stateless, answered with every field of the kind and the
//! reasons in full; with `explain=true`, also the trace of the decision.

use axum::Json;
use chrono::NaiveDate;
use cqnet_cases::EvaluateError;
use cqnet_core::rules::{RuleDate, RulePack, Rules};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::openapi::schemas;
use crate::query::Params;
use crate::rules::ParameterValue;
use crate::{Problem, to_json};

/// Decides the body, a case's `input`: `200` with the answer, a `422` problem for an input
/// the case format calls invalid, `404` for an unknown kind, `400` for a bad `as_of` or
/// `explain`.
pub(crate) fn evaluate(
    pack: &RulePack,
    kind: &str,
    params: &Params,
    input: &Value,
) -> Result<Json<Value>, Problem> {
    params.only(&["as_of", "explain"])?;
    let explain: bool = params.parsed("explain")?.unwrap_or(false);
    let rules = rules_as_of(pack, params)?;
    let mut answer = cqnet_cases::evaluate(kind, input, &rules)?;
    if explain {
        let checks = cqnet_cases::checks(kind, input, &rules)?;
        let trace = to_json(&trace(pack, &rules, &answer, checks)?)?;
        if let Value::Object(fields) = &mut answer {
            fields.insert("trace".into(), trace);
        }
    }
    Ok(Json(answer))
}

/// The rules in force on the query's `as_of` (the newest without one): `400 invalid-query` for
/// a date that does not read, `422 rules-not-in-force` for a day the pack has no values of.
pub(crate) fn rules_as_of(pack: &RulePack, params: &Params) -> Result<Rules, Problem> {
    let as_of: Option<NaiveDate> = params.parsed("as_of")?;
    Ok(match as_of {
        None => pack.newest(),
        Some(date) => pack
            .rules_at(date)
            .map_err(|e| EvaluateError::NoRulesInForce(format!("as_of {date}: {e}")))?,
    })
}

/// The trace of a decision (`?explain=true`): the rules that decided, and each check the core
/// made with the values of the pack behind it.
///
/// For a kind the core explains check by check (`course_based`, `work_study`), every check is
/// listed, the
/// passed ones beside the failed ones, as the core made them; for the other kinds the core
/// reports the checks that fail, each as a reason, and only those are listed (naming a passed
/// check would decide again outside the core).
#[derive(Serialize, ToSchema)]
pub(crate) struct Trace {
    /// The rules that decided.
    rules: TraceRules,
    /// Each check, in the core's order.
    checks: Vec<TraceCheck>,
}

/// The rules a decision was made under.
#[derive(Serialize, ToSchema)]
pub(crate) struct TraceRules {
    /// The pack's full id (name, version, overlays).
    pack: String,
    /// The date whose values were used.
    date: NaiveDate,
    /// Why that date: the day of the evaluation, or the day the cohort started (경과조치).
    #[schema(value_type = schemas::RuleDateShape)]
    basis: RuleDate,
}

/// One check of the decision.
#[derive(Serialize, ToSchema)]
pub(crate) struct TraceCheck {
    /// `passed`, or `failed`: the core reported it as a reason.
    #[schema(value_type = schemas::CheckOutcome)]
    outcome: &'static str,
    /// The check: the rule's code (the reason it gives when it fails), what it concerns, the
    /// value found and the value required, and its legal basis.
    #[schema(value_type = schemas::CheckShape)]
    check: Value,
    /// A failed check's reason as the core gives it, with its message in Korean and English;
    /// absent for a passed check.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<schemas::ReasonShape>)]
    reason: Option<Value>,
    /// The values of the pack in force on the rules' date that cite the check's legal basis:
    /// the rules behind it, with their dates and provenance.
    parameters: Vec<ParameterValue>,
}

fn trace(
    pack: &RulePack,
    rules: &Rules,
    answer: &Value,
    checks: Option<Vec<cqnet_core::Check>>,
) -> Result<Trace, Problem> {
    let mut reasons = answer
        .get("reasons")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter();
    let in_force = pack.values_at(rules.date);
    let behind = |check: &Value| -> Vec<ParameterValue> {
        let citation = check
            .pointer("/legal_basis/citation")
            .and_then(Value::as_str)
            .unwrap_or_default();
        // Only the values that cite the check's basis are built into answers.
        in_force
            .iter()
            .filter(|value| !citation.is_empty() && value.row.reference == citation)
            .map(|value| ParameterValue::in_force(pack, rules.date, value.clone()))
            .collect()
    };
    let listed: Vec<TraceCheck> = match checks {
        // Every check the core made; its failed ones are the answer's reasons, in order.
        Some(checks) => checks
            .iter()
            .map(|made| {
                let check = to_json(made)?;
                let reason = if made.passed { None } else { reasons.next() };
                Ok(TraceCheck {
                    outcome: if made.passed { "passed" } else { "failed" },
                    parameters: behind(&check),
                    check: without_passed(check),
                    reason,
                })
            })
            .collect::<Result<_, Problem>>()?,
        None => reasons
            .map(|reason| {
                let mut check = reason.clone();
                if let Value::Object(fields) = &mut check {
                    fields.remove("message");
                }
                TraceCheck {
                    outcome: "failed",
                    parameters: behind(&check),
                    check,
                    reason: Some(reason),
                }
            })
            .collect(),
    };
    Ok(Trace {
        rules: TraceRules {
            pack: rules.pack.to_string(),
            date: rules.date,
            basis: rules.basis,
        },
        checks: listed,
    })
}

/// A check as the trace shows it: its outcome is the trace's `outcome`, not repeated.
fn without_passed(mut check: Value) -> Value {
    if let Value::Object(fields) = &mut check {
        fields.remove("passed");
    }
    check
}
