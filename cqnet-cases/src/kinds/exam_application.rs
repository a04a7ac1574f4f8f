//! The `exam_application` kind.

use std::collections::BTreeMap;

use cqnet_core::Track;
use cqnet_core::application::{self, ApplicationFacts, CandidateFacts, VenueLoad};
use cqnet_core::rules::Rules;
use cqnet_core::window::TimeWindow;
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplicationInput {
    track: Value,
    now: Value,
    window: Value,
    candidate: CandidateFacts,
    #[serde(default)]
    venue: Option<VenueInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VenueInput {
    capacity: Value,
    booked: Value,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: ApplicationInput = shape(input, "input")?;
    let venue = match &input.venue {
        Some(v) => Some(
            VenueLoad::new(
                value(&v.capacity, "venue.capacity")?,
                value(&v.booked, "venue.booked")?,
            )
            .map_err(invalid)?,
        ),
        None => None,
    };
    let facts = ApplicationFacts {
        track: value::<Track>(&input.track, "track")?,
        now: value(&input.now, "now")?,
        window: value::<TimeWindow>(&input.window, "window")?,
        candidate: input.candidate,
        venue,
    };
    let d = application::decide(&facts, rules);
    Ok(BTreeMap::from([
        ("accepted", Actual::Bool(d.accepted)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
