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
        let trace = to_json(&trace(pack, &rules, &answer))?;
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
/// reports with the values of the pack behind it.
///
/// The core reports the checks that fail, each as a reason (its measured and required values,
/// its legal basis); a check that passes leaves no reason, and is not listed here, since naming
/// it would decide again outside the core.
#[derive(Serialize, ToSchema)]
pub(crate) struct Trace {
    /// The rules that decided.
    rules: TraceRules,
    /// Each check the core reports, in its order.
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
    /// `failed`: the core reported it as a reason.
    #[schema(value_type = schemas::CheckOutcome)]
    outcome: &'static str,
    /// The reason, as the core gives it: code, subject, measured and required values, legal
    /// basis, message in Korean and English.
    #[schema(value_type = schemas::ReasonShape)]
    reason: Value,
    /// The values of the pack in force on the rules' date that cite the reason's legal basis:
    /// the rules behind the check, with their dates and provenance.
    parameters: Vec<ParameterValue>,
}

fn trace(pack: &RulePack, rules: &Rules, answer: &Value) -> Trace {
    let reasons = answer
        .get("reasons")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let checks = reasons
        .into_iter()
        .map(|reason| {
            let citation = reason
                .pointer("/legal_basis/citation")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let parameters = pack
                .values_at(rules.date)
                .into_iter()
                .map(|value| ParameterValue::in_force(pack, rules.date, value))
                .filter(|value| !citation.is_empty() && value.reference() == citation)
                .collect();
            TraceCheck {
                outcome: "failed",
                reason,
                parameters,
            }
        })
        .collect();
    Trace {
        rules: TraceRules {
            pack: rules.pack.to_string(),
            date: rules.date,
            basis: rules.basis,
        },
        checks,
    }
}
