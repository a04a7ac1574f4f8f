//! The `retake_window` kind.

use std::collections::BTreeMap;

use cqnet_core::Track;
use cqnet_core::exam;
use cqnet_core::rules::Rules;
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetakeWindowInput {
    track: Value,
    first_sitting_announced: Value,
    evaluation_day: Value,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: RetakeWindowInput = shape(input, "input")?;
    let track: Track = value(&input.track, "track")?;
    let d = exam::decide_retake_window(
        track,
        value(&input.first_sitting_announced, "first_sitting_announced")?,
        value(&input.evaluation_day, "evaluation_day")?,
        rules,
    )
    .map_err(invalid)?;
    Ok(BTreeMap::from([
        ("allowed", Actual::Bool(d.allowed)),
        ("last_day", Actual::Date(d.last_day)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
