//! The `learning_company` kind.

use std::collections::BTreeMap;

use cqnet_core::learning_company::{self, LearningCompanyApplication, LearningCompanyFacts};
use cqnet_core::rules::Rules;
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LearningCompanyInput {
    decided_on: Value,
    wage_arrears_listed: bool,
    accident_disclosed_on: Value,
    training_restricted: bool,
    employment_insured: bool,
    regular_employees: Value,
    min_regular_employees: Value,
    // May be null, but must be present: a `Value` field is required.
    credit_rating_meets_notice: Value,
    field_teachers: Value,
    hr_staff: Value,
    staffing_plan: bool,
    programme_approved: bool,
    site_review_passed: bool,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: LearningCompanyInput = shape(input, "input")?;
    let facts = LearningCompanyFacts {
        decided_on: value(&input.decided_on, "decided_on")?,
        wage_arrears_listed: input.wage_arrears_listed,
        accident_disclosed_on: value(&input.accident_disclosed_on, "accident_disclosed_on")?,
        training_restricted: input.training_restricted,
        employment_insured: input.employment_insured,
        regular_employees: value(&input.regular_employees, "regular_employees")?,
        min_regular_employees: value(&input.min_regular_employees, "min_regular_employees")?,
        credit_rating_meets_notice: value(
            &input.credit_rating_meets_notice,
            "credit_rating_meets_notice",
        )?,
        field_teachers: value(&input.field_teachers, "field_teachers")?,
        hr_staff: value(&input.hr_staff, "hr_staff")?,
        staffing_plan: input.staffing_plan,
        programme_approved: input.programme_approved,
        site_review_passed: input.site_review_passed,
    };
    let application = LearningCompanyApplication::new(facts).map_err(invalid)?;
    let d = learning_company::decide(&application, rules);
    Ok(BTreeMap::from([
        ("meets_requirements", Actual::Bool(d.meets_requirements)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
