//! Properties of the outlook, screening, sanction, work-study company and statistics decisions:
//! exact boundaries computed here with integers, monotonicity, and a what-if that changes
//! nothing deciding as the rules in force.
//!
//! Decimals are generated as whole hundredths so that expected values are computed
//! independently with integers, never through the library's own arithmetic.

#![allow(clippy::unwrap_used)]

use chrono::{Datelike, Duration, NaiveDate};
use cqnet_core::course_based::{self, ExternalScores, TraineeRecord, UnitRecord};
use cqnet_core::course_outlook::{self, OutlookRecord, UnitProgress};
use cqnet_core::field_teacher::{self, Candidate};
use cqnet_core::learning_company::{self, LearningCompanyApplication, LearningCompanyFacts};
use cqnet_core::rules::{RulePack, Rules};
use cqnet_core::sanction::{self, Ground, Measure, Proposal, SanctionCase, Target};
use cqnet_core::screening::{self, Applicant, Criterion, Screening};
use cqnet_core::statistics::{self, Dimension, Gender, GroupBy, Stage, StatRecord};
use cqnet_core::what_if::{self, Population, PopulationRecord, Scenario};
use cqnet_core::{ExamStandard, Hours, ReasonCode, Score, Years};
use proptest::collection::vec;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn rules() -> Rules {
    RulePack::embedded().newest()
}

fn cents(n: u32) -> Decimal {
    Decimal::new(i64::from(n), 2)
}

fn hours(n: u32) -> Hours {
    Hours::new(cents(n)).unwrap()
}

fn score(n: u32) -> Score {
    Score::new(cents(n)).unwrap()
}

fn outlook(units: Vec<UnitProgress>) -> course_outlook::OutlookDecision {
    let rules = rules();
    course_outlook::decide(
        &OutlookRecord::new(units).unwrap(),
        &ExamStandard::from_rules(&rules),
        &rules,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Needed hours are max(0, 75% of the hours − attended), exactly: in hundredths,
    /// needed × 400 = max(0, 3 × hours − 4 × attended) × 100 / 100.
    #[test]
    fn needed_hours_are_exact(h in 1u32..=20_000, attended_share in 0u32..=100, left_share in 0u32..=100) {
        let attended = h * attended_share / 100;
        let remaining = (h - attended) * left_share / 100;
        let d = outlook(vec![UnitProgress::new(hours(h), hours(attended), hours(remaining), vec![], 1).unwrap()]);
        let shortfall_quarters = (3 * i64::from(h) - 4 * i64::from(attended)).max(0);
        // needed (in hundredths) × 4 == shortfall in quarter-hundredths
        prop_assert_eq!(d.needed_hours[0] * Decimal::from(400), Decimal::from(shortfall_quarters));
        let reachable = shortfall_quarters <= 4 * i64::from(remaining);
        prop_assert_eq!(d.can_still_complete, reachable);
        prop_assert_eq!(
            d.reasons.iter().any(|r| r.code == ReasonCode::AttendanceUnreachable),
            !reachable
        );
    }

    /// Attending an hour that was still to come never raises the hours needed and never makes
    /// completion unreachable.
    #[test]
    fn attending_never_hurts_the_outlook(h in 1u32..=20_000, attended_share in 0u32..=100, moved_share in 0u32..=100) {
        let attended = h * attended_share / 100;
        let remaining = h - attended;
        let moved = remaining * moved_share / 100;
        let before = outlook(vec![UnitProgress::new(hours(h), hours(attended), hours(remaining), vec![], 1).unwrap()]);
        let after = outlook(vec![UnitProgress::new(hours(h), hours(attended + moved), hours(remaining - moved), vec![], 1).unwrap()]);
        prop_assert!(after.needed_hours[0] <= before.needed_hours[0]);
        prop_assert!(!before.can_still_complete || after.can_still_complete);
    }

    /// The lowest external score passes, and a ten-thousandth less does not: checked with the
    /// completion decision itself, and equal to max(0, 160 − internal) under 50 : 50 and 80.
    #[test]
    fn the_lowest_external_score_is_the_pass_boundary(unit_scores in prop_oneof![vec(4_000u32..=10_000, 1), vec(4_000u32..=10_000, 2), vec(4_000u32..=10_000, 4)]) {
        let n = unit_scores.len() as u32;
        let units: Vec<UnitProgress> = unit_scores
            .iter()
            .map(|s| UnitProgress::new(hours(1000), hours(1000), Hours::ZERO, vec![score(*s)], 0).unwrap())
            .collect();
        let d = outlook(units);
        let sum: u32 = unit_scores.iter().sum();
        // internal = sum / (100 n); 160 − internal in hundredths × n = 16000 n − sum.
        let expected_times_n = (16_000 * i64::from(n) - i64::from(sum)).max(0);
        if expected_times_n > 10_000 * i64::from(n) {
            prop_assert_eq!(d.min_external, None);
            prop_assert!(d.reasons.iter().any(|r| r.code == ReasonCode::PassUnreachable));
        } else {
            let min = d.min_external.unwrap();
            prop_assert_eq!(min * Decimal::from(100 * n), Decimal::from(expected_times_n));
            let rules = rules();
            let standard = ExamStandard::from_rules(&rules);
            let decide_with = |external: Decimal| {
                let units = unit_scores
                    .iter()
                    .map(|s| UnitRecord::new(None, hours(1000), hours(1000), vec![Some(score(*s))]).unwrap())
                    .collect();
                let ext = Score::new(external).unwrap();
                let record = TraineeRecord::new(units).unwrap().with_external(ExternalScores::new(ext, ext));
                course_based::decide(&record, &standard, &rules).passed
            };
            prop_assert_eq!(decide_with(min), Some(true));
            let step = Decimal::new(1, 4);
            if min >= step {
                prop_assert_eq!(decide_with(min - step), Some(false));
            }
        }
    }

    /// Raising an applicant's document score never turns a document pass into a fail, by
    /// score or by rank; applicants with equal scores share their document outcome.
    #[test]
    fn a_higher_document_score_never_hurts(
        scores in vec(0u32..=100, 1..=8),
        who in any::<prop::sample::Index>(),
        raise in 0u32..=50,
        by_rank in any::<bool>(),
        threshold in 1u32..=8,
    ) {
        let criterion = if by_rank {
            Criterion::rank(threshold).unwrap()
        } else {
            Criterion::Score { min: Score::new(Decimal::from(threshold * 10)).unwrap() }
        };
        let screen = |scores: &[u32]| {
            let applicants = scores
                .iter()
                .enumerate()
                .map(|(i, s)| Applicant::new(format!("A{i}"), Score::new(Decimal::from(*s)).unwrap(), Some(Score::MAX)).unwrap())
                .collect();
            screening::decide(&Screening::new(criterion, Criterion::Score { min: Score::ZERO }, applicants).unwrap(), &rules())
        };
        let i = who.index(scores.len());
        let before = screen(&scores);
        let mut raised = scores.clone();
        raised[i] = (raised[i] + raise).min(100);
        let after = screen(&raised);
        prop_assert!(!before.outcomes[i].passed_document || after.outcomes[i].passed_document);
        for (a, b) in scores.iter().zip(&before.outcomes) {
            for (c, d) in scores.iter().zip(&before.outcomes) {
                if a == c {
                    prop_assert_eq!(b.passed_document, d.passed_document);
                }
            }
        }
        if by_rank {
            // Ranks are shared, so at least min(threshold, n) applicants pass.
            let passed = before.outcomes.iter().filter(|o| o.passed_document).count();
            prop_assert!(passed >= (threshold as usize).min(scores.len()));
        }
    }

    /// A learning company's suspension is lawful exactly when it lasts at most 24 months and
    /// no ground makes cancellation mandatory; a course's never is.
    #[test]
    fn suspensions_are_lawful_exactly_within_the_act(months in 1u32..=60, fraud in any::<bool>(), hearing in any::<bool>()) {
        let mut grounds = vec![Ground::CriteriaNotMet];
        if fraud {
            grounds.push(Ground::FraudulentDesignation);
        }
        let proposal = Proposal::new(Measure::Suspension, Some(months)).unwrap();
        let company = SanctionCase::new(Target::LearningCompany, grounds.clone(), proposal, hearing).unwrap();
        let d = sanction::decide(&company, &rules()).unwrap();
        prop_assert_eq!(d.lawful, months <= 24 && !fraud);
        let course = SanctionCase::new(Target::Course, grounds, proposal, hearing).unwrap();
        prop_assert!(!sanction::decide(&course, &rules()).unwrap().lawful);
    }

    /// More years of any kind never take a route to 기업현장교사 away.
    #[test]
    fn more_experience_never_removes_a_route(
        base in vec(0u32..=500, 3),
        extra in vec(0u32..=500, 3),
        flags in vec(any::<bool>(), 4),
    ) {
        let years = |n: u32| Years::new(cents(n)).unwrap();
        let candidate = |y: &[u32]| Candidate {
            related_degree: flags[0],
            training_years: years(y[0]),
            research_years: years(y[1]),
            vocational_training_teacher: flags[1],
            work_study_qualification: flags[2],
            national_qualification: flags[3],
            practical_years: years(y[2]),
        };
        let more: Vec<u32> = base.iter().zip(&extra).map(|(b, e)| b + e).collect();
        let before = field_teacher::decide(&candidate(&base), &rules());
        let after = field_teacher::decide(&candidate(&more), &rules());
        for route in &before.routes {
            prop_assert!(after.routes.contains(route));
        }
        // Route 6 holds exactly from 3 years (300 hundredths) of practice.
        prop_assert_eq!(
            before.routes.contains(&field_teacher::Route::PracticalExperience),
            base[2] >= 300
        );
    }

    /// An accident disclosure counts up to and including the same day a year on (29 February
    /// falling back to 28 February), and not a day later.
    #[test]
    fn the_accident_look_back_ends_a_year_on(days_since in 0i64..=800, start in 0i64..=3_000) {
        let disclosed = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(start);
        let decided = disclosed + Duration::days(days_since);
        let facts = LearningCompanyFacts {
            decided_on: decided,
            wage_arrears_listed: false,
            accident_disclosed_on: Some(disclosed),
            training_restricted: false,
            employment_insured: true,
            regular_employees: 10,
            min_regular_employees: 10,
            credit_rating_meets_notice: None,
            field_teachers: 1,
            hr_staff: 1,
            staffing_plan: false,
            programme_approved: true,
            site_review_passed: true,
        };
        let d = learning_company::decide(&LearningCompanyApplication::new(facts).unwrap(), &rules());
        let a_year_on = NaiveDate::from_ymd_opt(disclosed.year() + 1, disclosed.month(), disclosed.day())
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(disclosed.year() + 1, 2, 28).unwrap());
        prop_assert_eq!(d.meets_requirements, decided > a_year_on);
    }

    /// The funnel never widens: every row counts at least as many at a stage as at the next,
    /// the rows' learners add up to the records, and a pass rate lies in 0..=100.
    #[test]
    fn the_funnel_never_widens(
        records in vec((2024u16..=2026, 0usize..3, 0usize..2, 0usize..6), 0..=40),
        group in vec(0usize..5, 0..=3),
    ) {
        let grades = ["기능사", "기사", "산업기사"];
        let stages = [Stage::Learner, Stage::Target, Stage::Applied, Stage::Sat, Stage::Passed, Stage::Acquired];
        let dims = [Dimension::Year, Dimension::Grade, Dimension::Qualification, Dimension::InstitutionType, Dimension::Gender];
        let records: Vec<StatRecord> = records
            .iter()
            .map(|(y, g, s, st)| {
                StatRecord::new(*y, grades[*g], "전기기사", "특성화고", if *s == 0 { Gender::M } else { Gender::F }, stages[*st]).unwrap()
            })
            .collect();
        let mut chosen = Vec::new();
        for d in group {
            if !chosen.contains(&dims[d]) {
                chosen.push(dims[d]);
            }
        }
        let rows = statistics::funnel(&records, &GroupBy::new(chosen).unwrap());
        let mut learners = 0;
        for row in &rows {
            let counts = [row.learners, row.targets, row.applications, row.examinees, row.passers, row.acquirers];
            prop_assert!(counts.windows(2).all(|w| w[0] >= w[1]));
            learners += row.learners;
            if let Some(rate) = row.pass_rate {
                prop_assert!(rate >= Decimal::ZERO && rate <= Decimal::ONE_HUNDRED);
            }
            prop_assert_eq!(row.pass_rate.is_none(), row.examinees == 0);
        }
        prop_assert_eq!(learners, records.len() as u64);
        prop_assert!(rows.windows(2).all(|w| w[0].key < w[1].key));
    }

    /// A scenario that names no value decides every record as the rules in force, and a lower
    /// pass average never fails a record that passed.
    #[test]
    fn a_lower_pass_average_never_fails_anyone(
        people in vec((5_000u32..=10_000, 5_000u32..=10_000, 5_000u32..=10_000), 1..=6),
        pass in 6_000u32..=8_000,
    ) {
        let records = people
            .iter()
            .enumerate()
            .map(|(i, (internal, written, practical))| {
                let unit = UnitRecord::new(None, hours(1000), hours(1000), vec![Some(score(*internal))]).unwrap();
                let record = TraineeRecord::new(vec![unit]).unwrap().with_external(ExternalScores::new(score(*written), score(*practical)));
                PopulationRecord::new(format!("c-{i}"), record, None).unwrap()
            })
            .collect();
        let population = Population::new(records).unwrap();
        let pack = RulePack::embedded();
        let basis = pack.newest().basis;
        let same = what_if::decide(&population, pack, basis, &Scenario::default(), "nothing").unwrap();
        prop_assert_eq!(same.baseline, same.scenario);
        prop_assert!(same.newly_passing.is_empty() && same.newly_failing.is_empty());
        let lower = Scenario { pass_average: Some(score(pass)), ..Scenario::default() };
        let d = what_if::decide(&population, pack, basis, &lower, "lower").unwrap();
        prop_assert!(d.newly_failing.is_empty());
        prop_assert!(d.scenario.passed >= d.baseline.passed);
    }
}

/// Where the shortfall divided by the external weight does not end within 28 digits, the
/// lowest external score is rounded up, never down: it passes by the final score the
/// completion decision computes.
#[test]
fn the_lowest_external_score_passes_where_its_quotient_is_rounded() {
    let mut rules = rules();
    rules.course_based.internal_round_floor.value = Score::ZERO;
    let pct = |text: &str| text.parse::<cqnet_core::Percent>().unwrap();
    let standard = ExamStandard::new(
        pct("21.838"),
        pct("78.162"),
        score(7_200),
        pct("0"),
        pct("100"),
        cqnet_core::rules::InternalAggregation::Mean,
    )
    .unwrap();
    let unit = UnitProgress::new(
        hours(10_000_000),
        Hours::ZERO,
        hours(10_000_000),
        vec![score(800), "33.922".parse().unwrap()],
        0,
    )
    .unwrap();
    let d = course_outlook::decide(&OutlookRecord::new(vec![unit]).unwrap(), &standard, &rules);
    let min = d.min_external.expect("a pass is reachable");
    // The internal score is (8 + 33.922) / 2 = 20.961; the exact boundary is
    // (72 × 100 − 20.961 × 21.838) / 78.162 = 86.25999…, which no decimal holds.
    let internal: Decimal = "20.961".parse().unwrap();
    assert!(
        standard.final_score(internal, min) >= standard.pass_average().value(),
        "{min}"
    );
    // And it is the lowest such score to 20 places.
    let below = min - Decimal::new(1, 20);
    assert!(
        standard.final_score(internal, below) < standard.pass_average().value(),
        "{below}"
    );
}
