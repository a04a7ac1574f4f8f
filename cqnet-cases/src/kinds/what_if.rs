//! The `what_if` kind.

use std::collections::BTreeMap;

use cqnet_core::rules::{InternalAggregation, RulePack, Rules};
use cqnet_core::what_if::{self, Population, PopulationRecord, Scenario};
use serde::Deserialize;
use serde_json::Value;

use super::course_input::{CourseInput, exam_standard, trainee};
use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WhatIfInput {
    /// Each a `course_based` input with an `id`.
    population: Vec<serde_json::Map<String, Value>>,
    overlay: OverlayInput,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverlayInput {
    pass_average: Option<Value>,
    internal_weight: Option<Value>,
    external_weight: Option<Value>,
    written_weight: Option<Value>,
    practical_weight: Option<Value>,
    attendance_minimum: Option<Value>,
    round_floor: Option<Value>,
}

fn optional<T: serde::de::DeserializeOwned>(
    given: &Option<Value>,
    what: &str,
) -> Result<Option<T>, Refusal> {
    given.as_ref().map(|v| value(v, what)).transpose()
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: WhatIfInput = shape(input, "input")?;
    let mut records = Vec::new();
    for (i, p) in input.population.iter().enumerate() {
        let mut fields = p.clone();
        let id: String = match fields.remove("id") {
            Some(id) => shape(&id, &format!("population[{i}].id"))?,
            None => {
                return Err(Refusal::CaseFormat(Fault {
                    detail: format!("population[{i}]: missing field `id`"),
                    pointer: Some(format!("/population/{i}")),
                }));
            }
        };
        let course: CourseInput = shape(&Value::Object(fields), &format!("population[{i}]"))?;
        if course.attendance_scope.is_some() {
            // A scenario changes the rules for the whole population, not one record.
            return Err(Refusal::CaseFormat(Fault {
                detail: format!(
                    "population[{i}]: attendance_scope belongs to a scenario, not to a record"
                ),
                pointer: Some(format!("/population/{i}/attendance_scope")),
            }));
        }
        let record = trainee(&course)?;
        // A record's own exam or aggregation makes its own standard; otherwise the pack's.
        let exam = if course.exam.is_none() && course.internal_aggregation.is_none() {
            None
        } else {
            let aggregation: InternalAggregation = or_rule(
                &course.internal_aggregation,
                "internal_aggregation",
                rules.course_based.internal_aggregation.value,
            )?;
            Some(exam_standard(&course.exam, aggregation, rules)?)
        };
        records.push(PopulationRecord::new(id, record, exam).map_err(invalid)?);
    }
    let population = Population::new(records).map_err(invalid)?;
    let o = &input.overlay;
    let scenario = Scenario {
        pass_average: optional(&o.pass_average, "overlay.pass_average")?,
        internal_weight: optional(&o.internal_weight, "overlay.internal_weight")?,
        external_weight: optional(&o.external_weight, "overlay.external_weight")?,
        written_weight: optional(&o.written_weight, "overlay.written_weight")?,
        practical_weight: optional(&o.practical_weight, "overlay.practical_weight")?,
        attendance_minimum: optional(&o.attendance_minimum, "overlay.attendance_minimum")?,
        round_floor: optional(&o.round_floor, "overlay.round_floor")?,
    };
    let d = what_if::decide(
        &population,
        RulePack::embedded(),
        rules.basis,
        &scenario,
        "case-overlay",
    )
    .map_err(invalid)?;
    let tally = |t: what_if::Tally| {
        Actual::Object(BTreeMap::from([
            ("completed".to_owned(), Actual::Whole(t.completed)),
            ("passed".to_owned(), Actual::Whole(t.passed)),
        ]))
    };
    Ok(BTreeMap::from([
        ("baseline", tally(d.baseline)),
        ("overlay", tally(d.scenario)),
        (
            "newly_passing",
            Actual::Set(d.newly_passing.into_iter().collect()),
        ),
        (
            "newly_failing",
            Actual::Set(d.newly_failing.into_iter().collect()),
        ),
    ]))
}
