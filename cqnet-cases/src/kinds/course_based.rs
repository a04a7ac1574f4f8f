//! The `course_based` kind.

use std::collections::BTreeMap;

use cqnet_core::course_based::{self, CourseBasedDecision, TraineeRecord};
use cqnet_core::rules::{InternalAggregation, Rules};
use serde_json::Value;

use super::course_input::{CourseInput, exam_standard, trainee, with_attendance_scope};
use crate::*;

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: CourseInput = shape(input, "input")?;
    let record = trainee(&input)?;
    // The rules are copied only when the input replaces their attendance scope.
    let scoped;
    let rules = if input.attendance_scope.is_some() {
        scoped = with_attendance_scope(&input, rules)?;
        &scoped
    } else {
        rules
    };
    let aggregation: InternalAggregation = or_rule(
        &input.internal_aggregation,
        "internal_aggregation",
        rules.course_based.internal_aggregation.value,
    )?;
    let exam = exam_standard(&input.exam, aggregation, rules)?;
    Ok(outcome(&course_based::decide(&record, &exam, rules)))
}

/// A record decided as [`run`] decides an input that gives none of `exam`,
/// `internal_aggregation` and `attendance_scope`: under the rules' own values.
pub(crate) fn run_record(record: &TraineeRecord, rules: &Rules) -> Result<Outcome, Refusal> {
    let aggregation = rules.course_based.internal_aggregation.value;
    let exam = exam_standard(&None, aggregation, rules)?;
    Ok(outcome(&course_based::decide(record, &exam, rules)))
}

fn outcome(d: &CourseBasedDecision) -> Outcome {
    BTreeMap::from([
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
    ])
}
