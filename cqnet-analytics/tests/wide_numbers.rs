//! Candidates whose exact fractions outgrow 64 bits (kept aside) and 128 bits (decided by the
//! core) decide as the core decides them.

use cqnet_analytics::{
    CompiledCourseRules, CoursePopulation, ExactScore, ReasonSet, decide_course,
};
use cqnet_core::course_based::{self, ExternalScores, TraineeRecord, UnitRecord};
use cqnet_core::rules::{InternalAggregation, RulePack};
use cqnet_core::{ExamStandard, Hours, Score};
use rust_decimal::Decimal;

/// A candidate with one unit per count in `round_counts`, every round scored `score`, on
/// units of the largest hours the core takes.
fn candidate(round_counts: &[usize], score: &str) -> TraineeRecord {
    let hours = Hours::whole(100_000).expect("the most hours");
    let score: Score = score.parse().expect("a score");
    let units = round_counts
        .iter()
        .map(|&m| UnitRecord::new(None, hours, hours, vec![Some(score); m]).expect("a unit"))
        .collect();
    TraineeRecord::new(units)
        .expect("units")
        .with_external(ExternalScores::new(score, score))
}

fn primes(count: usize) -> Vec<usize> {
    (2..)
        .filter(|n: &usize| (2..*n).all(|d| !n.is_multiple_of(d)))
        .take(count)
        .collect()
}

#[test]
fn fractions_past_64_and_128_bits_decide_as_the_core() {
    let rules = RulePack::embedded().newest();
    let records = [
        // lcm(7, 9, 11, 13, 16, 17, 19) × Σ hours × 10⁴ passes 2⁶⁴ when hours weigh.
        candidate(&[7, 9, 11, 13, 16, 17, 19], "80.0001"),
        candidate(&[7, 9, 11, 13, 16, 17, 19], "79.9999"),
        // The least common multiple of the first 30 primes passes 2¹²⁸.
        candidate(&primes(30), "85"),
        candidate(&[1, 1, 1], "85"),
    ];
    for aggregation in [
        InternalAggregation::Mean,
        InternalAggregation::HoursWeighted,
    ] {
        let standard = ExamStandard::from_rules(&rules).with_aggregation(aggregation);
        let compiled =
            CompiledCourseRules::with_standard(&rules, &standard).expect("the pack compiles");
        let population = CoursePopulation::from_records(&records).expect("records fit");
        let decisions = decide_course(&population, &compiled);
        for (i, record) in records.iter().enumerate() {
            let core = course_based::decide(record, &standard, &rules);
            let outcome = decisions.outcome(i).expect("a row");
            assert_eq!(
                (outcome.completed(), outcome.passed()),
                (core.completed, core.passed),
                "{aggregation:?} {i}"
            );
            let codes = ReasonSet::from_codes(core.reasons.iter().map(|r| r.code)).expect("codes");
            assert_eq!(decisions.reasons(i), Some(codes));
            let scores = decisions.scores(i).expect("a row");
            for (bulk, core) in [
                (scores.internal, core.internal_score),
                (scores.final_score, core.final_score),
            ] {
                let (bulk, core) = (bulk.expect("a score"), core.expect("a score"));
                assert!(
                    (bulk.to_decimal() - core).abs() <= Decimal::new(1, 20),
                    "{aggregation:?} {i}: {bulk} against {core}"
                );
            }
            assert_eq!(
                scores.external,
                core.external_score.and_then(ExactScore::from_decimal)
            );
        }
        // The candidates past 64 bits are kept aside of the compact columns.
        let compact = records.len() * (1 + 2 + 16 + 8);
        assert!(decisions.column_bytes() > compact, "{aggregation:?}");
        assert_eq!(decisions.outcome(0).and_then(|o| o.passed()), Some(true));
        assert_eq!(decisions.outcome(1).and_then(|o| o.passed()), Some(false));
    }
}
