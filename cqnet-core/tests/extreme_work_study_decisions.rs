//! The decisions of 일학습병행 and of the administrative measures at the extremes: a learner's
//! internal and external pass (내부·외부평가), the extension (연장), length (기간) and termination
//! (해지) of a learning contract, a learning company's requirements (학습기업 지정), the routes
//! to 기업현장교사 (company field teacher) and the measures against a course or a learning
//! company (행정처분). Hours, years, months and counts run to the limits of their types, dates to
//! chrono's limits, and the rule values read to theirs. Each call gives a value or a typed
//! error, never a panic, and each decision agrees with its rule stated here on its own terms:
//! ratios by cross-multiplication in integers.

#![allow(clippy::unwrap_used)]

mod extremes;

use std::collections::BTreeSet;

use chrono::{Months, NaiveDate};
use cqnet_core::extension::{self, ExtensionRequest, check_contract_term};
use cqnet_core::field_teacher::{self, Candidate, FieldTeacherRequirements, Route};
use cqnet_core::learning_company::{
    self, LearningCompanyApplication, LearningCompanyFacts, ManagementCriterion,
    StaffingRequirements,
};
use cqnet_core::rules::Rules;
use cqnet_core::sanction::{self, Ground, Measure, Proposal, SanctionCase, SanctionRule, Target};
use cqnet_core::termination::{self, Termination, TerminationGround};
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, UnitResult};
use cqnet_core::{Hours, InputError, ReasonCode};
use proptest::collection::vec;
use proptest::prelude::*;
use rust_decimal::Decimal;

use extremes::{
    embedded_rules, extreme_date, extreme_hours, extreme_percent, extreme_u32, extreme_years,
    no_panic,
};

fn codes(reasons: &[cqnet_core::Reason]) -> BTreeSet<ReasonCode> {
    reasons.iter().map(|r| r.code).collect()
}

/// Hours in ten-thousandths, as an integer.
fn scaled(d: Decimal) -> i128 {
    let scaled = d * Decimal::from(10_000);
    assert!(scaled.fract().is_zero(), "{d} has more than 4 places");
    i128::try_from(scaled).unwrap()
}

// ------------------------------------------------------------------------------------------
// A learner's internal and external pass

/// The pack's rules, with the three minimums of 일학습병행 at extremes half of the time.
fn work_study_rules() -> impl Strategy<Value = Rules> {
    let extreme = (
        embedded_rules(),
        extreme_percent(),
        extreme_percent(),
        extreme_percent(),
    )
        .prop_map(|(mut rules, attendance, internal, external)| {
            rules.work_study.attendance_min_percent.value = attendance;
            rules.work_study.internal_unit_pass_percent.value = internal;
            rules.work_study.external_unit_pass_percent.value = external;
            rules
        });
    prop_oneof![embedded_rules(), extreme]
}

/// Units passed or not: none, a few, or thousands.
fn unit_results() -> impl Strategy<Value = Vec<bool>> {
    prop_oneof![
        4 => vec(any::<bool>(), 0..12),
        1 => vec(any::<bool>(), 2_000..2_200),
        1 => (0usize..3_000).prop_map(|n| vec![true; n]),
    ]
}

/// Whether `part` of `whole` is at least `percent`, in integers.
fn at_least(part: i128, whole: i128, percent: cqnet_core::Percent) -> bool {
    if whole == 0 {
        return percent.value().is_zero();
    }
    part * 100 * 10_000 >= whole * scaled(percent.value())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_learner_passes_exactly_by_the_three_minimums(
        ojt in (extreme_hours(), extreme_hours()),
        off_jt in (extreme_hours(), extreme_hours()),
        internal in unit_results(),
        external in proptest::option::of(unit_results()),
        rules in work_study_rules(),
    ) {
        let hours = |(a, b): (Hours, Hours)| {
            let made = TrainingHours::new(a, b);
            assert_eq!(made.is_ok(), b <= a);
            made.unwrap_or(TrainingHours::new(a.max(b), a.min(b)).unwrap())
        };
        let (ojt, off_jt) = (hours(ojt), hours(off_jt));
        let units = |passes: &[bool]| passes.iter().map(|p| UnitResult::new(None, *p)).collect::<Vec<_>>();
        let record = no_panic("LearnerRecord::new", || LearnerRecord::new(ojt, off_jt, units(&internal)));
        let scheduled = scaled(ojt.scheduled.value()) + scaled(off_jt.scheduled.value());
        prop_assert_eq!(record.is_ok(), !internal.is_empty() && scheduled > 0);
        let Ok(record) = record else { return Ok(()) };
        let record = match &external {
            Some(passes) => {
                let with = record.with_external(units(passes));
                prop_assert_eq!(with.is_ok(), !passes.is_empty());
                match with {
                    Ok(r) => r,
                    Err(_) => return Ok(()),
                }
            }
            None => record,
        };
        let d = no_panic("work_study::decide", || work_study::decide(&record, &rules));
        let ws = &rules.work_study;
        let attended = scaled(ojt.attended.value()) + scaled(off_jt.attended.value());
        let attendance_met = at_least(attended, scheduled, ws.attendance_min_percent.value);
        let count = |passes: &[bool]| passes.iter().filter(|p| **p).count() as i128;
        let internal_met = at_least(count(&internal), internal.len() as i128, ws.internal_unit_pass_percent.value);
        let eligible = attendance_met && internal_met;
        let mut expected = BTreeSet::new();
        if !attendance_met {
            expected.insert(ReasonCode::AttendanceBelowMinimum);
        }
        if !internal_met {
            expected.insert(ReasonCode::InternalUnitPassRatioBelowMinimum);
        }
        let passed = match (&external, eligible) {
            (_, false) => Some(false),
            (None, true) => None,
            (Some(passes), true) => {
                let met = at_least(count(passes), passes.len() as i128, ws.external_unit_pass_percent.value);
                if !met {
                    expected.insert(ReasonCode::ExternalUnitPassRatioBelowMinimum);
                }
                Some(met)
            }
        };
        prop_assert_eq!(codes(&d.reasons), expected);
        prop_assert_eq!(d.internal_passed, internal_met);
        prop_assert_eq!(d.completion_certificate, eligible);
        prop_assert_eq!(d.eligible_for_external, eligible);
        prop_assert_eq!(d.passed, passed);
        // A pass never comes with a failing check.
        prop_assert!(d.passed != Some(true) || d.reasons.is_empty());
    }
}

// ------------------------------------------------------------------------------------------
// Learning contracts: extension, length and termination

/// Months of an extension: in range, just outside it, or anything.
fn months() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 1u32..=12, 1 => 0u32..=130, 1 => extreme_u32()]
}

/// The pack's rules, with the limits of an extension and of a contract at extremes half of
/// the time.
fn contract_rules() -> impl Strategy<Value = Rules> {
    let extreme = (
        embedded_rules(),
        extreme_u32(),
        extreme_u32(),
        extreme_u32(),
    )
        .prop_map(|(mut rules, count, total, contract)| {
            rules.work_study.extension_max_count.value = count;
            rules.work_study.extension_max_total_months.value = total;
            rules.work_study.contract_max_months.value = contract;
            rules
        });
    prop_oneof![embedded_rules(), extreme]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn an_extension_is_owed_exactly_when_every_check_passes(
        contract_end in extreme_date(),
        prior in prop_oneof![4 => vec(months(), 0..4), 1 => vec(1u32..=120, 98..103)],
        requested in months(),
        passed_external in any::<bool>(),
        learner_requested in any::<bool>(),
        rules in contract_rules(),
    ) {
        let made = no_panic("ExtensionRequest::new", || {
            ExtensionRequest::new(contract_end, prior.clone(), requested, passed_external, learner_requested)
        });
        let months_in_range = prior.iter().chain([&requested]).all(|m| (1..=120).contains(m));
        let all_months: u64 = prior.iter().map(|m| u64::from(*m)).sum::<u64>() + u64::from(requested);
        let fits = u32::try_from(all_months)
            .ok()
            .and_then(|m| contract_end.checked_add_months(Months::new(m)))
            .is_some();
        prop_assert_eq!(made.is_ok(), prior.len() <= 100 && months_in_range && fits, "{:?}", made);
        // The builder names every fact and refuses a missing one.
        let mut builder = ExtensionRequest::builder()
            .contract_end(contract_end)
            .requested_months(requested)
            .passed_external(passed_external)
            .learner_requested(learner_requested);
        for m in &prior {
            builder = builder.prior_extension(*m);
        }
        prop_assert_eq!(&builder.clone().build(), &made);
        let missing = ExtensionRequest::builder().contract_end(contract_end).build();
        prop_assert!(matches!(missing, Err(InputError::Missing { .. })), "{:?}", missing);
        let Ok(request) = made else { return Ok(()) };

        let d = no_panic("extension::decide", || extension::decide(&request, &rules));
        let ws = &rules.work_study;
        let mut expected = BTreeSet::new();
        if passed_external {
            expected.insert(ReasonCode::AlreadyPassed);
        }
        if !learner_requested {
            expected.insert(ReasonCode::NotRequestedByLearner);
        }
        if prior.len() as u64 >= u64::from(ws.extension_max_count.value) {
            expected.insert(ReasonCode::ExtensionCountExceeded);
        }
        if all_months > u64::from(ws.extension_max_total_months.value) {
            expected.insert(ReasonCode::ExtensionTotalExceeded);
        }
        prop_assert_eq!(codes(&d.reasons), expected);
        prop_assert_eq!(d.must_extend, d.reasons.is_empty());
        let new_end = d.must_extend.then(|| contract_end.checked_add_months(Months::new(requested)).unwrap());
        prop_assert_eq!(d.new_end, new_end);
    }

    #[test]
    fn a_contract_is_too_long_exactly_past_its_longest_term(
        start in extreme_date(),
        end in extreme_date(),
        degree_course in any::<bool>(),
        rules in contract_rules(),
    ) {
        let checked = no_panic("check_contract_term", || check_contract_term(start, end, degree_course, &rules));
        if end <= start {
            prop_assert!(matches!(checked, Err(InputError::Inconsistent(_))), "{:?}", checked);
            return Ok(());
        }
        let latest = start
            .checked_add_months(Months::new(rules.work_study.contract_max_months.value))
            .unwrap_or(NaiveDate::MAX);
        let too_long = !degree_course && end > latest;
        let reason = checked.unwrap();
        prop_assert_eq!(reason.as_ref().map(|r| r.code), too_long.then_some(ReasonCode::ContractTooLong));
    }
}

const GROUNDS: [TerminationGround; 6] = [
    TerminationGround::NeglectOfTraining,
    TerminationGround::Disability,
    TerminationGround::LearnerGaveUp,
    TerminationGround::SeriousFault,
    TerminationGround::BusinessReasons,
    TerminationGround::Other,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_termination_is_valid_exactly_for_a_just_cause_notified_in_writing(
        ground in prop::sample::select(GROUNDS.to_vec()),
        written_notice in any::<bool>(),
        states_reason_and_date in any::<bool>(),
        causes in prop::sample::subsequence(GROUNDS.to_vec(), 0..=GROUNDS.len()),
        notice_required in any::<bool>(),
        mut rules in embedded_rules(),
    ) {
        // Any set of just causes, as a pack could hold it.
        rules.learning_contract.just_causes.value = serde_json::from_value(serde_json::to_value(&causes).unwrap()).unwrap();
        rules.learning_contract.written_notice_required.value = notice_required;
        let t = Termination { ground, written_notice, states_reason_and_date };
        let d = no_panic("termination::decide", || termination::decide(&t, &rules));
        let mut expected = BTreeSet::new();
        if !causes.contains(&ground) {
            expected.insert(ReasonCode::NoJustCause);
        }
        if notice_required && !(written_notice && states_reason_and_date) {
            expected.insert(ReasonCode::NoticeNotInWriting);
        }
        prop_assert_eq!(codes(&d.reasons), expected);
        prop_assert_eq!(d.valid, d.reasons.is_empty());
    }
}

// ------------------------------------------------------------------------------------------
// Learning companies and field teachers

const CRITERIA: [ManagementCriterion; 6] = [
    ManagementCriterion::WageArrears,
    ManagementCriterion::IndustrialAccident,
    ManagementCriterion::TrainingRestriction,
    ManagementCriterion::EmploymentInsurance,
    ManagementCriterion::RegularEmployees,
    ManagementCriterion::CreditRating,
];

/// The pack's rules, with the criteria that apply, the look-back, the staff and the site review
/// at extremes half of the time.
fn company_rules() -> impl Strategy<Value = Rules> {
    let extreme = (
        embedded_rules(),
        prop::sample::subsequence(CRITERIA.to_vec(), 0..=CRITERIA.len()),
        extreme_u32(),
        (extreme_u32(), extreme_u32(), any::<bool>()),
        any::<bool>(),
    )
        .prop_map(
            |(mut rules, criteria, lookback, (teachers, hr, plan), site)| {
                let lc = &mut rules.learning_company;
                lc.management_criteria.value =
                    serde_json::from_value(serde_json::to_value(&criteria).unwrap()).unwrap();
                lc.accident_lookback_years.value = lookback;
                lc.staffing.value = StaffingRequirements {
                    field_teachers: teachers,
                    hr_staff: hr,
                    plan_until_programme_approved: plan,
                };
                lc.site_review_required.value = site;
                rules
            },
        );
    prop_oneof![embedded_rules(), extreme]
}

fn company_facts() -> impl Strategy<Value = LearningCompanyFacts> {
    (
        extreme_date(),
        proptest::option::of(prop_oneof![
            extreme_date().prop_map(Err),
            (0u64..=800).prop_map(Ok)
        ]),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        (extreme_u32(), extreme_u32()),
        proptest::option::of(any::<bool>()),
        (extreme_u32(), extreme_u32()),
        (any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                decided_on,
                accident,
                (arrears, restricted, insured),
                (regular, min_regular),
                credit,
                (teachers, hr),
                (plan, approved, site),
            )| {
                // A disclosure some days before the decision, or on any day.
                let accident_disclosed_on = accident.map(|a| match a {
                    Ok(days_before) => decided_on
                        .checked_sub_days(chrono::Days::new(days_before))
                        .unwrap_or(decided_on),
                    Err(day) => day,
                });
                LearningCompanyFacts {
                    decided_on,
                    wage_arrears_listed: arrears,
                    accident_disclosed_on,
                    training_restricted: restricted,
                    employment_insured: insured,
                    regular_employees: regular,
                    min_regular_employees: min_regular,
                    credit_rating_meets_notice: credit,
                    field_teachers: teachers,
                    hr_staff: hr,
                    staffing_plan: plan,
                    programme_approved: approved,
                    site_review_passed: site,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_learning_company_meets_exactly_the_requirements_that_apply(
        facts in company_facts(),
        rules in company_rules(),
    ) {
        let application = no_panic("LearningCompanyApplication::new", || LearningCompanyApplication::new(facts));
        let disclosed_later = facts.accident_disclosed_on.is_some_and(|d| d > facts.decided_on);
        prop_assert_eq!(application.is_ok(), !disclosed_later);
        let Ok(application) = application else { return Ok(()) };
        let d = no_panic("learning_company::decide", || learning_company::decide(&application, &rules));
        let lc = &rules.learning_company;
        let applies = |c| lc.management_criteria.value.contains(c);
        let f = facts;
        let mut expected = BTreeSet::new();
        let mut expect = |holds: bool, code| {
            if holds {
                expected.insert(code);
            }
        };
        expect(applies(ManagementCriterion::WageArrears) && f.wage_arrears_listed, ReasonCode::WageArrearsEmployer);
        expect(applies(ManagementCriterion::TrainingRestriction) && f.training_restricted, ReasonCode::TrainingApprovalRestricted);
        expect(applies(ManagementCriterion::EmploymentInsurance) && !f.employment_insured, ReasonCode::NotEmploymentInsured);
        expect(applies(ManagementCriterion::RegularEmployees) && f.regular_employees < f.min_regular_employees, ReasonCode::TooFewRegularEmployees);
        expect(applies(ManagementCriterion::CreditRating) && f.credit_rating_meets_notice == Some(false), ReasonCode::CreditRatingBelowNotice);
        // Within N years of the disclosure: the same day N years on still counts.
        let within_lookback = f.accident_disclosed_on.is_some_and(|disclosed| {
            let months = u64::from(lc.accident_lookback_years.value) * 12;
            u32::try_from(months)
                .ok()
                .and_then(|m| disclosed.checked_add_months(Months::new(m)))
                .is_none_or(|last| f.decided_on <= last)
        });
        expect(applies(ManagementCriterion::IndustrialAccident) && within_lookback, ReasonCode::IndustrialAccidentDisclosed);
        let staffing = lc.staffing.value;
        let plan_stands_in = staffing.plan_until_programme_approved && f.staffing_plan && !f.programme_approved;
        expect(!plan_stands_in && f.field_teachers < staffing.field_teachers, ReasonCode::NoFieldTeacher);
        expect(!plan_stands_in && f.hr_staff < staffing.hr_staff, ReasonCode::NoHrStaff);
        expect(lc.site_review_required.value && !f.site_review_passed, ReasonCode::SiteReviewNotPassed);
        prop_assert_eq!(codes(&d.reasons), expected);
        prop_assert_eq!(d.meets_requirements, d.reasons.is_empty());
    }

    #[test]
    fn a_field_teacher_qualifies_by_any_route_whose_years_are_met(
        bools in (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        years in (extreme_years(), extreme_years(), extreme_years()),
        needs in (extreme_years(), extreme_years(), extreme_years(), extreme_years(), extreme_years()),
        extreme_needs in any::<bool>(),
        mut rules in embedded_rules(),
    ) {
        if extreme_needs {
            rules.learning_company.field_teacher.value = FieldTeacherRequirements {
                degree_training_years: needs.0,
                research_years: needs.1,
                work_study_practical_years: needs.2,
                national_practical_years: needs.3,
                practical_years: needs.4,
            };
        }
        let (related_degree, vocational_training_teacher, work_study_qualification, national_qualification) = bools;
        let candidate = Candidate {
            related_degree,
            training_years: years.0,
            research_years: years.1,
            vocational_training_teacher,
            work_study_qualification,
            national_qualification,
            practical_years: years.2,
        };
        let d = no_panic("field_teacher::decide", || field_teacher::decide(&candidate, &rules));
        let n = rules.learning_company.field_teacher.value;
        let mut routes = Vec::new();
        if related_degree && years.0 >= n.degree_training_years {
            routes.push(Route::DegreeAndTraining);
        }
        if years.1 >= n.research_years {
            routes.push(Route::Research);
        }
        if vocational_training_teacher {
            routes.push(Route::VocationalTrainingTeacher);
        }
        if work_study_qualification && years.2 >= n.work_study_practical_years {
            routes.push(Route::WorkStudyQualification);
        }
        if national_qualification && years.2 >= n.national_practical_years {
            routes.push(Route::NationalQualification);
        }
        if years.2 >= n.practical_years {
            routes.push(Route::PracticalExperience);
        }
        prop_assert_eq!(&d.routes, &routes);
        prop_assert_eq!(d.qualified, !routes.is_empty());
        prop_assert_eq!(codes(&d.reasons), if routes.is_empty() {
            BTreeSet::from([ReasonCode::FieldTeacherRequirementsNotMet])
        } else {
            BTreeSet::new()
        });
    }
}

// ------------------------------------------------------------------------------------------
// Administrative measures

const ALL_GROUNDS: [Ground; 5] = [
    Ground::FraudulentDesignation,
    Ground::CriteriaNotMet,
    Ground::RunDifferently,
    Ground::FraudulentCompletion,
    Ground::WageArrearsOrAccident,
];

const MEASURES: [Measure; 3] = [
    Measure::CorrectiveOrder,
    Measure::Cancellation,
    Measure::Suspension,
];

/// A subject's rule as a pack or a host could hold it, the longest suspension at extremes.
fn sanction_rule() -> impl Strategy<Value = SanctionRule> {
    (
        prop::sample::subsequence(ALL_GROUNDS.to_vec(), 1..=ALL_GROUNDS.len()),
        prop::sample::subsequence(ALL_GROUNDS.to_vec(), 0..=ALL_GROUNDS.len()),
        proptest::option::of(extreme_u32()),
        prop::sample::subsequence(MEASURES.to_vec(), 0..=MEASURES.len()),
    )
        .prop_map(
            |(grounds, mandatory, max_suspension_months, hearing)| SanctionRule {
                grounds: grounds.into_iter().collect(),
                mandatory_cancellation: mandatory.into_iter().collect(),
                max_suspension_months,
                hearing_before: hearing.into_iter().collect(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_measure_is_lawful_exactly_when_its_rule_allows_it(
        target in prop::sample::select(vec![Target::Course, Target::LearningCompany]),
        grounds in vec(prop::sample::select(ALL_GROUNDS.to_vec()), 0..4),
        measure in prop::sample::select(MEASURES.to_vec()),
        months in proptest::option::of(extreme_u32()),
        hearing_held in any::<bool>(),
        rule in proptest::option::of(sanction_rule()),
        mut rules in embedded_rules(),
    ) {
        let proposal = no_panic("Proposal::new", || Proposal::new(measure, months));
        let proposable = match (measure, months) {
            (Measure::Suspension, Some(m)) => m > 0,
            (Measure::Suspension, None) => false,
            (_, months) => months.is_none(),
        };
        prop_assert_eq!(proposal.is_ok(), proposable);
        let Ok(proposal) = proposal else { return Ok(()) };
        let case = no_panic("SanctionCase::new", || SanctionCase::new(target, grounds.clone(), proposal, hearing_held));
        let distinct: BTreeSet<_> = grounds.iter().collect();
        prop_assert_eq!(case.is_ok(), !grounds.is_empty() && distinct.len() == grounds.len());
        let Ok(case) = case else { return Ok(()) };
        if let Some(rule) = rule {
            match target {
                Target::Course => rules.sanction.course.value = rule,
                Target::LearningCompany => rules.sanction.learning_company.value = rule,
            }
        }
        let rule = match target {
            Target::Course => rules.sanction.course.value.clone(),
            Target::LearningCompany => rules.sanction.learning_company.value.clone(),
        };
        let decided = no_panic("sanction::decide", || sanction::decide(&case, &rules));
        if grounds.iter().any(|g| !rule.grounds.contains(g)) {
            prop_assert!(matches!(decided, Err(InputError::Unknown { .. })), "{:?}", decided);
            return Ok(());
        }
        let d = decided.unwrap();
        let mandatory = grounds.iter().any(|g| rule.mandatory_cancellation.contains(g));
        let mut expected = BTreeSet::new();
        if mandatory && measure != Measure::Cancellation {
            expected.insert(ReasonCode::CancellationMandatory);
        }
        if let (Measure::Suspension, Some(m)) = (measure, months) {
            match rule.max_suspension_months {
                None => {
                    expected.insert(ReasonCode::SuspensionNotAvailable);
                }
                Some(max) if m > max => {
                    expected.insert(ReasonCode::SuspensionTooLong);
                }
                Some(_) => {}
            }
        }
        if rule.hearing_before.contains(&measure) && !hearing_held {
            expected.insert(ReasonCode::HearingRequired);
        }
        prop_assert_eq!(codes(&d.reasons), expected);
        prop_assert_eq!(d.mandatory_cancellation, mandatory);
        prop_assert_eq!(d.lawful, d.reasons.is_empty());
    }
}
