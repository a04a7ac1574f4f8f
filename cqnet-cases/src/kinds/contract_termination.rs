//! The `contract_termination` kind.

use std::collections::BTreeMap;

use cqnet_core::rules::Rules;
use cqnet_core::termination::{self, Termination};
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TerminationInput {
    ground: Value,
    written_notice: bool,
    notice_states_reason_and_date: bool,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: TerminationInput = shape(input, "input")?;
    let termination = Termination {
        ground: value(&input.ground, "ground")?,
        written_notice: input.written_notice,
        states_reason_and_date: input.notice_states_reason_and_date,
    };
    let d = termination::decide(&termination, rules);
    Ok(BTreeMap::from([
        ("valid", Actual::Bool(d.valid)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
