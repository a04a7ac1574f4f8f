//! The `designation_screening` kind.

use std::collections::BTreeMap;

use cqnet_core::Score;
use cqnet_core::rules::Rules;
use cqnet_core::screening::{self, Applicant, Criterion, Screening};
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScreeningInput {
    stages: StagesInput,
    applicants: Vec<ApplicantInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StagesInput {
    document: CriterionInput,
    on_site: CriterionInput,
}

#[derive(Deserialize)]
#[serde(tag = "criterion", rename_all = "snake_case", deny_unknown_fields)]
enum CriterionInput {
    Score { min: Value },
    Rank { max_rank: Value },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplicantInput {
    id: String,
    document: Value,
    on_site: Value,
}

fn criterion(input: &CriterionInput, what: &str) -> Result<Criterion, Refusal> {
    match input {
        CriterionInput::Score { min } => Ok(Criterion::Score {
            min: value(min, what)?,
        }),
        CriterionInput::Rank { max_rank } => {
            Criterion::rank(value(max_rank, what)?).map_err(invalid)
        }
    }
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: ScreeningInput = shape(input, "input")?;
    let mut applicants = Vec::new();
    for (i, a) in input.applicants.iter().enumerate() {
        // `on_site` may be null but must be present.
        applicants.push(
            Applicant::new(
                a.id.clone(),
                value(&a.document, &format!("applicants[{i}].document"))?,
                value::<Option<Score>>(&a.on_site, &format!("applicants[{i}].on_site"))?,
            )
            .map_err(invalid)?,
        );
    }
    let screening = Screening::new(
        criterion(&input.stages.document, "stages.document")?,
        criterion(&input.stages.on_site, "stages.on_site")?,
        applicants,
    )
    .map_err(invalid)?;
    let d = screening::decide(&screening, rules);
    Ok(BTreeMap::from([
        (
            "selected",
            Actual::Set(d.selected.iter().cloned().collect()),
        ),
        (
            "reasons_by_applicant",
            Actual::Object(
                d.outcomes
                    .iter()
                    .map(|o| (o.id.clone(), reason_codes(&o.reasons)))
                    .collect(),
            ),
        ),
    ]))
}
