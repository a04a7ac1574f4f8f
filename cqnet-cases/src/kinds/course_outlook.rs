//! The `course_outlook` kind.

use std::collections::BTreeMap;

use cqnet_core::Score;
use cqnet_core::course_outlook::{self, OutlookRecord, UnitProgress};
use cqnet_core::rules::Rules;
use serde::Deserialize;
use serde_json::Value;

use super::course_input::{ExamInput, exam_standard};
use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutlookInput {
    units: Vec<OutlookUnitInput>,
    #[serde(default)]
    exam: Option<ExamInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutlookUnitInput {
    hours: Value,
    attended: Value,
    remaining: Value,
    scores: Vec<Value>,
    rounds_left: Value,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: OutlookInput = shape(input, "input")?;
    let mut units = Vec::new();
    for (i, u) in input.units.iter().enumerate() {
        let scores = u
            .scores
            .iter()
            .map(|s| value::<Score>(s, &format!("units[{i}].scores")))
            .collect::<Result<Vec<_>, _>>()?;
        units.push(
            UnitProgress::new(
                value(&u.hours, "hours")?,
                value(&u.attended, "attended")?,
                value(&u.remaining, "remaining")?,
                scores,
                value(&u.rounds_left, "rounds_left")?,
            )
            .map_err(invalid)?,
        );
    }
    let record = OutlookRecord::new(units).map_err(invalid)?;
    let aggregation = rules.course_based.internal_aggregation.value;
    let exam = exam_standard(&input.exam, aggregation, rules)?;
    let d = course_outlook::decide(&record, &exam, rules);
    Ok(BTreeMap::from([
        ("can_still_complete", Actual::Bool(d.can_still_complete)),
        (
            "needed_hours",
            Actual::List(
                d.needed_hours
                    .iter()
                    .map(|h| Actual::Decimal(Some(*h)))
                    .collect(),
            ),
        ),
        ("min_external", Actual::Decimal(d.min_external)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
