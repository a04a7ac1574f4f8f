//! The `programme_approval` kind: a work-study programme (일학습병행과정) against its
//! occupation's training standard (교육훈련기준).

use std::collections::BTreeMap;

use cqnet_core::programme::{self, ProgrammePlan, TrainingStandard};
use cqnet_core::rules::Rules;
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApprovalInput {
    standard: Value,
    plan: Value,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: ApprovalInput = shape(input, "input")?;
    let standard: TrainingStandard = value(&input.standard, "standard")?;
    let plan: ProgrammePlan = value(&input.plan, "plan")?;
    let d = programme::decide(&standard, &plan, rules);
    Ok(BTreeMap::from([
        ("approvable", Actual::Bool(d.approvable)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
