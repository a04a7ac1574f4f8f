//! Reading a `course_based` input (units with their unit courses, `exam`,
//! `internal_aggregation`, `attendance_scope`, `external`): the `course_based` kind itself and
//! the kinds that take one inside their own input (`course_outlook`'s `exam`, `what_if`'s
//! records).

use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitCourseLabel, UnitRecord};
use cqnet_core::rules::{AttendanceScope, InternalAggregation, Rules};
use cqnet_core::{ExamStandard, Percent, Score};
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CourseInput {
    pub(crate) units: Vec<CourseUnitInput>,
    #[serde(default)]
    pub(crate) exam: Option<ExamInput>,
    #[serde(default)]
    pub(crate) internal_aggregation: Option<Value>,
    #[serde(default)]
    pub(crate) attendance_scope: Option<Value>,
    #[serde(default)]
    pub(crate) external: Option<ExternalInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CourseUnitInput {
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
pub(crate) struct ExamInput {
    internal_weight: Option<Value>,
    external_weight: Option<Value>,
    pass_average: Option<Value>,
    written_weight: Option<Value>,
    practical_weight: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExternalInput {
    written: Value,
    practical: Value,
}

/// The record of a `course_based` input.
pub(crate) fn trainee(input: &CourseInput) -> Result<TraineeRecord, Refusal> {
    let mut units = Vec::new();
    for (i, u) in input.units.iter().enumerate() {
        let code = match &u.code {
            Some(c) => Some(value_at(c, || format!("/units/{i}/code"))?),
            None => None,
        };
        let scores = u
            .scores
            .iter()
            .enumerate()
            .map(|(k, s)| value_at::<Option<Score>>(s, || format!("/units/{i}/scores/{k}")))
            .collect::<Result<Vec<_>, _>>()?;
        let unit = UnitRecord::new(
            code,
            value_at(&u.hours, || format!("/units/{i}/hours"))?,
            value_at(&u.attended, || format!("/units/{i}/attended"))?,
            scores,
        )
        .map_err(invalid)?;
        units.push(match &u.unit_course {
            Some(label) => unit.in_unit_course(value_at::<UnitCourseLabel>(label, || {
                format!("/units/{i}/unit_course")
            })?),
            None => unit,
        });
    }
    let mut record = TraineeRecord::new(units).map_err(invalid)?;
    if let Some(ext) = &input.external {
        record = record.with_external(ExternalScores::new(
            value_at(&ext.written, || "/external/written".to_owned())?,
            value_at(&ext.practical, || "/external/practical".to_owned())?,
        ));
    }
    Ok(record)
}

/// The rules with the input's `attendance_scope` in place of the pack's (the basis of each
/// scope's reason stays the pack's).
pub(crate) fn with_attendance_scope(input: &CourseInput, rules: &Rules) -> Result<Rules, Refusal> {
    let mut rules = rules.clone();
    rules.course_based.attendance_scope.value = or_rule::<AttendanceScope>(
        &input.attendance_scope,
        "attendance_scope",
        rules.course_based.attendance_scope.value,
    )?;
    Ok(rules)
}

/// The exam standard of an `exam` (absent: the pack's), with `aggregation`.
pub(crate) fn exam_standard(
    exam: &Option<ExamInput>,
    aggregation: InternalAggregation,
    rules: &Rules,
) -> Result<ExamStandard, Refusal> {
    let cb = &rules.course_based;
    match exam {
        None => Ok(ExamStandard::from_rules(rules).with_aggregation(aggregation)),
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
        .map_err(invalid),
    }
}
