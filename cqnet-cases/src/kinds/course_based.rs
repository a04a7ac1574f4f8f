//! The `course_based` kind.

use std::borrow::Cow;
use std::collections::BTreeMap;

use cqnet_core::course_based::{self, CourseBasedDecision, TraineeRecord};
use cqnet_core::rules::{InternalAggregation, Rules};
use cqnet_core::{Check, ExamStandard};
use serde_json::Value;

use super::course_input::{CourseInput, exam_standard, trainee, with_attendance_scope};
use crate::*;

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let (record, exam, rules) = read(input, rules)?;
    Ok(outcome(&course_based::decide(&record, &exam, &rules)))
}

/// Every check the core makes of the input, passed and failed, in its order.
pub(crate) fn checks(input: &Value, rules: &Rules) -> Result<Vec<Check>, Refusal> {
    let (record, exam, rules) = read(input, rules)?;
    Ok(course_based::checks(&record, &exam, &rules))
}

/// The input's record, its exam standard and the rules it is decided under.
fn read<'r>(
    input: &Value,
    rules: &'r Rules,
) -> Result<(TraineeRecord, ExamStandard, Cow<'r, Rules>), Refusal> {
    let input: CourseInput = shape(input, "input")?;
    let record = trainee(&input)?;
    // The rules are copied only when the input replaces their attendance scope.
    let rules = if input.attendance_scope.is_some() {
        Cow::Owned(with_attendance_scope(&input, rules)?)
    } else {
        Cow::Borrowed(rules)
    };
    let aggregation: InternalAggregation = or_rule(
        &input.internal_aggregation,
        "internal_aggregation",
        rules.course_based.internal_aggregation.value,
    )?;
    let exam = exam_standard(&input.exam, aggregation, &rules)?;
    Ok((record, exam, rules))
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
