//! The `retake` kind.

use std::collections::BTreeMap;

use cqnet_core::Track;
use cqnet_core::exam::{self};
use cqnet_core::rules::{RetakeLimit, Rules};
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetakeInput {
    track: Value,
    previous_attempts: Value,
    #[serde(default)]
    first_sitting_announced: Option<Value>,
    evaluation_day: Value,
    #[serde(default)]
    limit: Option<Value>,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: RetakeInput = shape(input, "input")?;
    let track: Track = value(&input.track, "track")?;
    let mut rules = rules.clone();
    if let Some(limit) = &input.limit {
        let limit: RetakeLimit = value(limit, "limit")?;
        match track {
            Track::CourseBased => rules.course_based.retake_limit.value = limit,
            Track::WorkStudy => rules.work_study.retake_limit.value = limit,
        }
    }
    let first = match &input.first_sitting_announced {
        Some(v) => Some(value(v, "first_sitting_announced")?),
        None => None,
    };
    let reasons = exam::check_retake(
        track,
        value(&input.previous_attempts, "previous_attempts")?,
        first,
        value(&input.evaluation_day, "evaluation_day")?,
        &rules,
    );
    Ok(BTreeMap::from([
        ("allowed", Actual::Bool(reasons.is_empty())),
        ("reasons", reason_codes(&reasons)),
    ]))
}
