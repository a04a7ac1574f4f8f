//! The `programme_completion` kind: a learning worker's internal evaluation (내부평가) and
//! completion certificate (이수증명서) of a work-study programme, from the scores of its units
//! and the hours attended.

use std::collections::BTreeMap;

use cqnet_core::programme::{self, Attended, ProgrammePlan, UnitScore};
use cqnet_core::rules::Rules;
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompletionInput {
    plan: Value,
    evaluations: Vec<Value>,
    attended: Value,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: CompletionInput = shape(input, "input")?;
    let plan: ProgrammePlan = value(&input.plan, "plan")?;
    let evaluations = input
        .evaluations
        .iter()
        .map(|e| value::<UnitScore>(e, "evaluation"))
        .collect::<Result<Vec<_>, Refusal>>()?;
    let attended: Attended = value(&input.attended, "attended")?;
    let d = programme::decide_completion(&plan, &evaluations, attended, rules).map_err(invalid)?;
    Ok(BTreeMap::from([
        ("internal_passed", Actual::Bool(d.internal_passed)),
        (
            "completion_certificate",
            Actual::Bool(d.completion_certificate),
        ),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
