//! The `access` kind.

use std::collections::BTreeMap;

use cqnet_core::access::{self, Action, Actor, Target};
use cqnet_core::rules::Rules;
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccessInput {
    actor: Value,
    action: Value,
    #[serde(default)]
    target: Option<Value>,
    now: Value,
}

pub(crate) fn run(input: &Value, _rules: &Rules) -> Result<Outcome, Refusal> {
    let input: AccessInput = shape(input, "input")?;
    let actor: Actor = value(&input.actor, "actor")?;
    let target: Target = match &input.target {
        Some(t) => value(t, "target")?,
        None => Target::default(),
    };
    let d = access::authorize(
        &actor,
        value::<Action>(&input.action, "action")?,
        &target,
        value(&input.now, "now")?,
    );
    Ok(BTreeMap::from([
        ("allowed", Actual::Bool(d.allowed)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
