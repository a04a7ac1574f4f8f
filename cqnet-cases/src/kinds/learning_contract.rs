//! The `learning_contract` kind: a learning-work contract as concluded.

use std::collections::BTreeMap;

use cqnet_core::learning_contract::{self, ContractFacts};
use cqnet_core::rules::Rules;
use serde_json::Value;

use crate::*;

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let facts: ContractFacts = value(input, "input")?;
    let d = learning_contract::decide(&facts, rules).map_err(invalid)?;
    Ok(BTreeMap::from([
        ("valid", Actual::Bool(d.valid)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
