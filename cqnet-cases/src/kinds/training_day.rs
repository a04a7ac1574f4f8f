//! The `training_day` kind: one day's entry of a learning worker's OJT or Off-JT.

use std::collections::BTreeMap;

use cqnet_core::learning_time::{self, Circumstances, Presence, Session};
use cqnet_core::rules::Rules;
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrainingDayInput {
    training: Value,
    day: Value,
    presence: Value,
    hours: Value,
    school_curriculum: bool,
    born_on: Value,
    pregnant: bool,
    written_agreement: bool,
    ministry_authorised: bool,
    public_holiday: bool,
    other_counted_hours: Value,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: TrainingDayInput = shape(input, "input")?;
    let presence: Presence = value(&input.presence, "presence")?;
    let session = Session::checked(
        value(&input.training, "training")?,
        value(&input.day, "day")?,
        presence,
        value(&input.hours, "hours")?,
        input.school_curriculum,
    )
    .map_err(invalid)?;
    let circumstances = Circumstances {
        born_on: value(&input.born_on, "born_on")?,
        pregnant: input.pregnant,
        written_agreement: input.written_agreement,
        ministry_authorised: input.ministry_authorised,
        public_holiday: input.public_holiday,
    };
    let other = value(&input.other_counted_hours, "other_counted_hours")?;
    let d = learning_time::decide_session(&session, &circumstances, other, rules);
    Ok(BTreeMap::from([
        ("allowed", Actual::Bool(d.allowed)),
        (
            "counted_hours",
            Actual::Decimal(Some(d.counted_hours.value())),
        ),
        ("night", Actual::Bool(d.night)),
        ("holiday", Actual::Bool(d.holiday)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
