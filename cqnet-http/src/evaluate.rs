//! `POST /v1/evaluate/{kind}?as_of=YYYY-MM-DD`: a case kind's input decided under the rules in
//! force on `as_of`, stateless, answered with every field of the kind and the reasons in full.

use axum::Json;
use axum::extract::{Path, Query};
use chrono::NaiveDate;
use cqnet_cases::EvaluateError;
use cqnet_core::rules::RulePack;
use serde::Deserialize;
use serde_json::Value;

use crate::Problem;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AsOf {
    as_of: Option<NaiveDate>,
}

/// Decides the body, a case's `input`: `200` with the answer, a `422` problem for an input
/// the case format calls invalid, `404` for an unknown kind.
pub(crate) fn evaluate(
    pack: &RulePack,
    Path(kind): Path<String>,
    Query(AsOf { as_of }): Query<AsOf>,
    input: &Value,
) -> Result<Json<Value>, Problem> {
    let rules = match as_of {
        None => pack.newest(),
        Some(date) => pack
            .rules_at(date)
            .map_err(|e| EvaluateError::NoRulesInForce(format!("as_of {date}: {e}")))?,
    };
    Ok(Json(cqnet_cases::evaluate(&kind, input, &rules)?))
}
