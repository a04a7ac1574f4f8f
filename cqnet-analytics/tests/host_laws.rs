//! A host's check that the bulk decision agrees with the core under its own overlay, through
//! the public API only: overlays and records drawn by `cqnet_core::strategies`, the records
//! for the boundaries of the overlay they are decided under.

use cqnet_analytics::laws::bulk_agrees_with_single;
use cqnet_core::course_based::TraineeRecord;
use cqnet_core::rules::{RulePack, Rules};
use cqnet_core::strategies::{scenario, trainee_record};
use proptest::prelude::*;

/// An overlay of the embedded pack and a population of 50 records drawn for it.
fn overlay_and_population() -> impl Strategy<Value = (Rules, Vec<TraineeRecord>)> {
    scenario()
        .prop_filter_map("a scenario the pack accepts", |drawn| {
            drawn
                .apply(RulePack::embedded(), "drawn")
                .ok()
                .map(|pack| pack.newest())
        })
        .prop_flat_map(|rules| {
            let records = proptest::collection::vec(trainee_record(&rules, 1..=6), 50);
            (Just(rules), records)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn bulk_agrees_with_single_under_drawn_overlays((rules, records) in overlay_and_population()) {
        bulk_agrees_with_single(&records, &rules).map_err(|b| TestCaseError::fail(b.to_string()))?;
    }
}
