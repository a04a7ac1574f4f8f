//! The `exam_plan` kind.

use std::collections::BTreeMap;

use cqnet_core::exam::{self, ExamPlan};
use cqnet_core::rules::Rules;
use serde_json::Value;

use crate::*;

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let plan: ExamPlan = value(input, "input")?;
    let d = exam::check_plan_publication(&plan, rules);
    Ok(BTreeMap::from([
        ("accepted", Actual::Bool(d.accepted)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
