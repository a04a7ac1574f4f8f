//! The `field_teacher` kind.

use std::collections::BTreeMap;

use cqnet_core::field_teacher::{self, Candidate};
use cqnet_core::rules::Rules;
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldTeacherInput {
    related_degree: bool,
    training_years: Value,
    research_years: Value,
    vocational_training_teacher: bool,
    work_study_qualification: bool,
    national_qualification: bool,
    practical_years: Value,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: FieldTeacherInput = shape(input, "input")?;
    let candidate = Candidate {
        related_degree: input.related_degree,
        training_years: value(&input.training_years, "training_years")?,
        research_years: value(&input.research_years, "research_years")?,
        vocational_training_teacher: input.vocational_training_teacher,
        work_study_qualification: input.work_study_qualification,
        national_qualification: input.national_qualification,
        practical_years: value(&input.practical_years, "practical_years")?,
    };
    let d = field_teacher::decide(&candidate, rules);
    Ok(BTreeMap::from([
        ("qualified", Actual::Bool(d.qualified)),
        (
            "paths",
            Actual::Set(d.routes.iter().map(|r| r.to_string()).collect()),
        ),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
