//! The rule-pack sections `designation`, `sanction`, `learning_company` and
//! `learning_contract`: their values and references, the checks that refuse values that do not
//! fit together, and the legal basis each new reason carries.

#![allow(clippy::unwrap_used)]

use cqnet_core::learning_company::{self, LearningCompanyApplication, LearningCompanyFacts};
use cqnet_core::rules::{RulePack, RulePackError};
use cqnet_core::sanction::{self, Ground, Measure, Proposal, SanctionCase, Target};
use cqnet_core::termination::{self, Termination, TerminationGround};
use cqnet_core::{Provenance, Reason, ReasonCode};

fn overlay(section_param: &str, value: &str) -> Result<RulePack, RulePackError> {
    RulePack::embedded().with_overlay(&format!(
        "[overlay]\nname = \"test\"\n[{section_param}]\ndescription = \"test\"\n[[{section_param}.values]]\nsince = \"2015-01-01\"\nvalue = {value}\nreference = \"test\"\nprovenance = \"assumption\"\nlast_checked = \"2026-12-01\"\n"
    ))
}

fn is_inconsistent(result: Result<RulePack, RulePackError>) -> bool {
    matches!(result, Err(RulePackError::Inconsistent { .. }))
}

#[test]
fn values_that_do_not_fit_together_are_refused() {
    // A mandatory ground that is not a ground of the subject.
    assert!(is_inconsistent(overlay(
        "sanction.course",
        r#"{ grounds = ["criteria_not_met"], mandatory_cancellation = ["fraudulent_designation"], hearing_before = ["cancellation"] }"#
    )));
    assert!(is_inconsistent(overlay(
        "sanction.learning_company",
        r#"{ grounds = ["criteria_not_met"], mandatory_cancellation = [], max_suspension_months = 0, hearing_before = [] }"#
    )));
    assert!(is_inconsistent(overlay(
        "sanction.course",
        r#"{ grounds = [], mandatory_cancellation = [], hearing_before = [] }"#
    )));
    assert!(is_inconsistent(overlay(
        "learning_contract.just_causes",
        "[]"
    )));
    assert!(is_inconsistent(overlay(
        "learning_contract.just_causes",
        r#"["disability", "other"]"#
    )));
    assert!(is_inconsistent(overlay(
        "learning_company.accident_lookback_years",
        "0"
    )));
    assert!(is_inconsistent(overlay(
        "learning_company.staffing",
        "{ field_teachers = 0, hr_staff = 1, plan_until_programme_approved = true }"
    )));
    assert!(is_inconsistent(overlay(
        "learning_company.field_teacher",
        "{ degree_training_years = 1, research_years = 0, work_study_practical_years = 1, national_practical_years = 1, practical_years = 3 }"
    )));
}

#[test]
fn unknown_or_malformed_values_are_syntax_errors() {
    for (param, value) in [
        ("designation.rank_ties", r#""random""#),
        (
            "sanction.course",
            r#"{ grounds = ["criteria_not_met"], mandatory_cancellation = [], hearing_before = [], fine = 3 }"#,
        ),
        ("learning_contract.just_causes", r#"["bad_weather"]"#),
        (
            "learning_company.management_criteria",
            r#"["wage_arrears", "turnover"]"#,
        ),
        (
            "learning_company.field_teacher",
            "{ degree_training_years = -1, research_years = 1, work_study_practical_years = 1, national_practical_years = 1, practical_years = 3 }",
        ),
    ] {
        assert!(
            matches!(overlay(param, value), Err(RulePackError::Syntax(_))),
            "{param} = {value}"
        );
    }
}

#[test]
fn work_study_values_are_confirmed_from_the_act_and_assumed_before_it() {
    let pack = RulePack::embedded();
    let before = pack.rules_at("2019-12-31".parse().unwrap()).unwrap();
    let after = pack.rules_at("2020-08-28".parse().unwrap()).unwrap();
    let lc = (&before.learning_company, &after.learning_company);
    for (old, new) in [
        (
            &lc.0.management_criteria.basis,
            &lc.1.management_criteria.basis,
        ),
        (
            &lc.0.accident_lookback_years.basis,
            &lc.1.accident_lookback_years.basis,
        ),
        (&lc.0.staffing.basis, &lc.1.staffing.basis),
        (
            &lc.0.site_review_required.basis,
            &lc.1.site_review_required.basis,
        ),
        (&lc.0.field_teacher.basis, &lc.1.field_teacher.basis),
        (
            &before.learning_contract.just_causes.basis,
            &after.learning_contract.just_causes.basis,
        ),
        (
            &before.sanction.learning_company.basis,
            &after.sanction.learning_company.basis,
        ),
    ] {
        assert_eq!(old.provenance(), Provenance::Assumption, "{old:?}");
        assert_eq!(new.provenance(), Provenance::Confirmed, "{new:?}");
        assert!(new.citation().contains("일학습병행"), "{new:?}");
    }
    assert!(after.sanction.course.basis.citation().contains("제24조의5"));
    assert_eq!(
        after.designation.rank_ties.basis.provenance(),
        Provenance::Assumption
    );
}

fn check_reason(r: &Reason) {
    assert!(!r.legal_basis.citation().trim().is_empty(), "{r:?}");
    assert!(r.message.ko.contains(r.code.title_ko()), "{r:?}");
    assert!(r.message.en.contains(r.code.title_en()), "{r:?}");
    if let Some(measured) = &r.measured {
        assert!(r.message.en.contains(&format!("measured {measured}")));
    }
    if let Some(required) = &r.required {
        assert!(r.message.en.contains(&format!("required {required}")));
    }
}

#[test]
fn new_reasons_cite_their_articles() {
    let rules = RulePack::embedded().newest();
    let suspend = Proposal::new(Measure::Suspension, Some(30)).unwrap();
    let case = SanctionCase::new(
        Target::LearningCompany,
        vec![Ground::FraudulentDesignation],
        suspend,
        false,
    )
    .unwrap();
    let d = sanction::decide(&case, &rules).unwrap();
    for r in &d.reasons {
        check_reason(r);
        assert!(r.legal_basis.citation().contains("제14조"), "{r:?}");
    }
    let too_long = d
        .reasons
        .iter()
        .find(|r| r.code == ReasonCode::SuspensionTooLong)
        .unwrap();
    assert!(too_long.message.en.contains("measured 30 months"));
    assert!(too_long.message.en.contains("required 24 months"));

    let t = termination::decide(
        &Termination {
            ground: TerminationGround::Other,
            written_notice: false,
            states_reason_and_date: false,
        },
        &rules,
    );
    assert_eq!(t.reasons.len(), 2);
    for r in &t.reasons {
        check_reason(r);
        assert!(r.legal_basis.citation().contains("제23조"), "{r:?}");
    }

    let facts = LearningCompanyFacts {
        decided_on: "2026-04-01".parse().unwrap(),
        wage_arrears_listed: true,
        accident_disclosed_on: Some("2026-03-01".parse().unwrap()),
        training_restricted: true,
        employment_insured: false,
        regular_employees: 3,
        min_regular_employees: 5,
        credit_rating_meets_notice: Some(false),
        field_teachers: 0,
        hr_staff: 0,
        staffing_plan: false,
        programme_approved: false,
        site_review_passed: false,
    };
    let d = learning_company::decide(&LearningCompanyApplication::new(facts).unwrap(), &rules);
    assert_eq!(d.reasons.len(), 9);
    for r in &d.reasons {
        check_reason(r);
        assert!(r.legal_basis.citation().contains("시행령 제"), "{r:?}");
    }
}
