//! The `work_study` kind.

use std::collections::BTreeMap;

use cqnet_core::Check;
use cqnet_core::rules::Rules;
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, UnitResult};
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkStudyInput {
    ojt: HoursInput,
    #[serde(default)]
    off_jt: Option<HoursInput>,
    internal_units: Vec<PassInput>,
    #[serde(default)]
    external_units: Option<Vec<PassInput>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HoursInput {
    hours: Value,
    attended: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PassInput {
    #[serde(default)]
    code: Option<Value>,
    passed: bool,
}

fn training_hours(h: &HoursInput, what: &str) -> Result<TrainingHours, Refusal> {
    TrainingHours::new(value(&h.hours, what)?, value(&h.attended, what)?).map_err(invalid)
}

fn unit_results(units: &[PassInput], what: &str) -> Result<Vec<UnitResult>, Refusal> {
    units
        .iter()
        .map(|u| {
            let code = match &u.code {
                Some(c) => Some(value(c, what)?),
                None => None,
            };
            Ok(UnitResult::new(code, u.passed))
        })
        .collect()
}

/// The input's record.
fn read(input: &Value) -> Result<LearnerRecord, Refusal> {
    let input: WorkStudyInput = shape(input, "input")?;
    let off_jt = match &input.off_jt {
        Some(h) => training_hours(h, "off_jt")?,
        None => TrainingHours::NONE,
    };
    let mut record = LearnerRecord::new(
        training_hours(&input.ojt, "ojt")?,
        off_jt,
        unit_results(&input.internal_units, "internal_units")?,
    )
    .map_err(invalid)?;
    if let Some(units) = &input.external_units {
        record = record
            .with_external(unit_results(units, "external_units")?)
            .map_err(invalid)?;
    }
    Ok(record)
}

/// Every check the core makes of the input, passed and failed, in its order.
pub(crate) fn checks(input: &Value, rules: &Rules) -> Result<Vec<Check>, Refusal> {
    Ok(work_study::checks(&read(input)?, rules))
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let record = read(input)?;
    let d = work_study::decide(&record, rules);
    Ok(BTreeMap::from([
        ("internal_passed", Actual::Bool(d.internal_passed)),
        (
            "completion_certificate",
            Actual::Bool(d.completion_certificate),
        ),
        (
            "eligible_for_external",
            Actual::Bool(d.eligible_for_external),
        ),
        ("passed", Actual::MaybeBool(d.passed)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
