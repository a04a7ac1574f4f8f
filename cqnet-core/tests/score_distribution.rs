//! The score distribution of a round: every score counted once, in the band whose bounds hold
//! it, under the embedded bounds and under an overlay's; bounds that do not rise are refused.

use cqnet_core::Score;
use cqnet_core::rules::{RulePack, RulePackError};
use cqnet_core::statistics::score_distribution;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// An overlay of the embedded pack that sets `statistics.score_band_bounds` to `bounds`.
fn with_bounds(bounds: &str) -> Result<RulePack, RulePackError> {
    RulePack::embedded().with_overlay(&format!(
        "[overlay]\nname = \"bands\"\n\n[statistics.score_band_bounds]\ndescription = \"bands\"\n\
         [[statistics.score_band_bounds.values]]\nsince = \"2015-01-01\"\nvalue = {bounds}\n\
         reference = \"a test\"\nprovenance = \"assumption\"\nlast_checked = \"2026-12-01\"\n"
    ))
}

fn scores() -> impl Strategy<Value = Vec<Score>> {
    proptest::collection::vec(
        (0i64..=1_000_000).prop_map(|v| Score::new(Decimal::new(v, 4)).expect("0 to 100")),
        0..200,
    )
}

proptest! {
    #[test]
    fn every_score_is_counted_once_in_the_band_that_holds_it(scores in scores(), overlay in any::<bool>()) {
        let pack = if overlay { with_bounds("[10, \"55.5\", 90]").expect("rising bounds") } else { RulePack::embedded().clone() };
        let rules = pack.newest();
        let d = score_distribution(&scores, &rules);
        prop_assert_eq!(d.bands.len(), rules.statistics.score_band_bounds.value.bounds().len() + 1);
        prop_assert_eq!(d.bands.iter().map(|b| b.count).sum::<u64>(), scores.len() as u64);
        for band in &d.bands {
            let inside = scores
                .iter()
                .filter(|s| band.from.is_none_or(|f| **s >= f) && band.below.is_none_or(|b| **s < b))
                .count() as u64;
            prop_assert_eq!(band.count, inside);
        }
        let sum: Decimal = scores.iter().map(|s| s.value()).sum();
        let expected = (!scores.is_empty()).then(|| sum / Decimal::from(scores.len() as u64));
        prop_assert_eq!(d.average.map(|a| a.normalize()), expected.map(|a| a.normalize()));
    }
}

#[test]
fn bounds_that_do_not_rise_are_refused() {
    for bad in ["[]", "[50, 50]", "[80, 40]"] {
        assert!(
            matches!(with_bounds(bad), Err(RulePackError::Inconsistent { .. })),
            "{bad}"
        );
    }
    assert!(with_bounds("[50]").is_ok());
}
