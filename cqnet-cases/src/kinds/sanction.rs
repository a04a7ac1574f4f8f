//! The `sanction` kind.

use std::collections::BTreeMap;

use cqnet_core::rules::Rules;
use cqnet_core::sanction::{self, Ground, Measure, Proposal, SanctionCase, Target};
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SanctionInput {
    subject: Value,
    grounds: Vec<Value>,
    proposed: ProposedInput,
    hearing_held: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProposedInput {
    measure: Value,
    #[serde(default)]
    months: Option<Value>,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: SanctionInput = shape(input, "input")?;
    let target: Target = value(&input.subject, "subject")?;
    let grounds = input
        .grounds
        .iter()
        .map(|g| value::<Ground>(g, "grounds"))
        .collect::<Result<Vec<_>, _>>()?;
    let measure: Measure = value(&input.proposed.measure, "proposed.measure")?;
    let months = match &input.proposed.months {
        Some(m) => Some(value::<u32>(m, "proposed.months")?),
        None => None,
    };
    let proposal = Proposal::new(measure, months).map_err(invalid)?;
    let case = SanctionCase::new(target, grounds, proposal, input.hearing_held).map_err(invalid)?;
    let d = sanction::decide(&case, rules).map_err(invalid)?;
    Ok(BTreeMap::from([
        (
            "mandatory_cancellation",
            Actual::Bool(d.mandatory_cancellation),
        ),
        ("lawful", Actual::Bool(d.lawful)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
