//! The `contract_extension` kind.

use std::collections::BTreeMap;

use cqnet_core::extension::{self, ExtensionRequest};
use cqnet_core::rules::Rules;
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtensionInput {
    contract_end: Value,
    prior_extensions_months: Value,
    requested_months: Value,
    passed_external: bool,
    learner_requested: bool,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: ExtensionInput = shape(input, "input")?;
    let request = ExtensionRequest::new(
        value(&input.contract_end, "contract_end")?,
        value(&input.prior_extensions_months, "prior_extensions_months")?,
        value(&input.requested_months, "requested_months")?,
        input.passed_external,
        input.learner_requested,
    )
    .map_err(invalid)?;
    let d = extension::decide(&request, rules);
    Ok(BTreeMap::from([
        ("must_extend", Actual::Bool(d.must_extend)),
        ("new_end", Actual::Date(d.new_end)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
