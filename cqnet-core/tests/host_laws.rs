//! A host's check of its own rule values, through the public API only: under the embedded
//! pack and under drawn overlays of it, every law of `cqnet_core::laws` holds for records the
//! `proptest` feature's strategies draw.

use cqnet_core::laws;
use cqnet_core::rules::RulePack;
use cqnet_core::strategies::{scenario, trainee_record};
use cqnet_core::{ExamStandard, Hours, Score};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_laws_hold_under_the_embedded_pack(
        record in trainee_record(&RulePack::embedded().newest(), 1..=8),
        unit in 0usize..8,
        more_hours in 0u32..=50,
        more_points in 0u32..=20,
    ) {
        let rules = RulePack::embedded().newest();
        let standard = ExamStandard::from_rules(&rules);
        let broken = |b: laws::LawBroken| TestCaseError::fail(b.to_string());
        laws::more_attendance_keeps_completion(&record, unit, Hours::whole(more_hours).unwrap_or(Hours::ZERO), &standard, &rules).map_err(broken)?;
        laws::higher_scores_keep_a_pass(&record, Score::whole(more_points).unwrap_or(Score::ZERO), &standard, &rules).map_err(broken)?;
        laws::final_score_between_its_parts(&record, &standard, &rules).map_err(broken)?;
    }
}

proptest! {
    // Each case draws an overlay and then records of its own.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_laws_hold_under_any_drawn_overlay(
        drawn in scenario(),
        seed in any::<u64>(),
    ) {
        let pack = drawn.apply(RulePack::embedded(), "drawn").map_err(|e| TestCaseError::fail(e.to_string()))?;
        let rules = pack.newest();
        let standard = ExamStandard::from_rules(&rules);
        let broken = |b: laws::LawBroken| TestCaseError::fail(b.to_string());
        laws::thresholds_are_exact(&standard, &rules).map_err(broken)?;
        // Records drawn for the overlay's own boundaries.
        let mut runner = proptest::test_runner::TestRunner::new_with_rng(
            ProptestConfig::with_cases(16),
            proptest::test_runner::TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &seed_bytes(seed)),
        );
        runner
            .run(&trainee_record(&rules, 1..=6), |record| {
                laws::final_score_between_its_parts(&record, &standard, &rules).map_err(broken)?;
                laws::higher_scores_keep_a_pass(&record, Score::whole(1).unwrap_or(Score::ZERO), &standard, &rules).map_err(broken)?;
                laws::more_attendance_keeps_completion(&record, 0, Hours::whole(1).unwrap_or(Hours::ZERO), &standard, &rules).map_err(broken)
            })
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
}

/// 32 bytes of seed for the inner runner, from the outer case's number.
fn seed_bytes(seed: u64) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&seed.to_le_bytes());
    }
    bytes
}

#[test]
fn the_boundaries_of_the_embedded_pack_are_exact() {
    let rules = RulePack::embedded().newest();
    assert_eq!(
        laws::thresholds_are_exact(&ExamStandard::from_rules(&rules), &rules),
        Ok(())
    );
}
