//! The `course_based` kind.

use std::collections::BTreeMap;

use cqnet_core::course_based::{self, ExternalScores, TraineeRecord, UnitCourseLabel, UnitRecord};
use cqnet_core::rules::{AttendanceScope, InternalAggregation, Rules};
use cqnet_core::{ExamStandard, Percent, Score};
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseBasedInput {
    units: Vec<CourseUnitInput>,
    #[serde(default)]
    exam: Option<ExamInput>,
    #[serde(default)]
    internal_aggregation: Option<Value>,
    #[serde(default)]
    attendance_scope: Option<Value>,
    #[serde(default)]
    external: Option<ExternalInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseUnitInput {
    #[serde(default)]
    code: Option<Value>,
    hours: Value,
    attended: Value,
    scores: Vec<Value>,
    #[serde(default)]
    unit_course: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamInput {
    internal_weight: Option<Value>,
    external_weight: Option<Value>,
    pass_average: Option<Value>,
    written_weight: Option<Value>,
    practical_weight: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExternalInput {
    written: Value,
    practical: Value,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: CourseBasedInput = shape(input, "input")?;
    let mut units = Vec::new();
    for (i, u) in input.units.iter().enumerate() {
        let code = match &u.code {
            Some(c) => Some(value(c, &format!("units[{i}].code"))?),
            None => None,
        };
        let scores = u
            .scores
            .iter()
            .map(|s| value::<Option<Score>>(s, &format!("units[{i}].scores")))
            .collect::<Result<Vec<_>, _>>()?;
        let unit = UnitRecord::new(
            code,
            value(&u.hours, "hours")?,
            value(&u.attended, "attended")?,
            scores,
        )
        .map_err(invalid)?;
        units.push(match &u.unit_course {
            Some(label) => unit.in_unit_course(value::<UnitCourseLabel>(
                label,
                &format!("units[{i}].unit_course"),
            )?),
            None => unit,
        });
    }
    let mut record = TraineeRecord::new(units).map_err(invalid)?;
    if let Some(ext) = &input.external {
        record = record.with_external(ExternalScores::new(
            value(&ext.written, "external.written")?,
            value(&ext.practical, "external.practical")?,
        ));
    }
    // The case may name the attendance scope; the basis of each scope's reason stays the pack's.
    let mut rules = rules.clone();
    rules.course_based.attendance_scope.value = or_rule::<AttendanceScope>(
        &input.attendance_scope,
        "attendance_scope",
        rules.course_based.attendance_scope.value,
    )?;
    let rules = &rules;
    let cb = &rules.course_based;
    let aggregation: InternalAggregation = or_rule(
        &input.internal_aggregation,
        "internal_aggregation",
        cb.internal_aggregation.value,
    )?;
    let exam = match &input.exam {
        None => ExamStandard::from_rules(rules).with_aggregation(aggregation),
        Some(e) => ExamStandard::new(
            or_rule::<Percent>(
                &e.internal_weight,
                "internal_weight",
                cb.internal_weight.value,
            )?,
            or_rule::<Percent>(
                &e.external_weight,
                "external_weight",
                cb.external_weight.value,
            )?,
            or_rule::<Score>(&e.pass_average, "pass_average", cb.pass_average.value)?,
            or_rule::<Percent>(&e.written_weight, "written_weight", cb.written_weight.value)?,
            or_rule::<Percent>(
                &e.practical_weight,
                "practical_weight",
                cb.practical_weight.value,
            )?,
            aggregation,
        )
        .map_err(invalid)?,
    };
    let d = course_based::decide(&record, &exam, rules);
    Ok(BTreeMap::from([
        ("completed", Actual::Bool(d.completed)),
        (
            "eligible_for_external",
            Actual::Bool(d.eligible_for_external),
        ),
        ("internal_score", Actual::Decimal(d.internal_score)),
        ("external_score", Actual::Decimal(d.external_score)),
        ("final_score", Actual::Decimal(d.final_score)),
        ("passed", Actual::MaybeBool(d.passed)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
