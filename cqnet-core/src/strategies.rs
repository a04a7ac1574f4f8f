//! `proptest` strategies that build valid inputs of the 과정평가형 (course-based) decisions for
//! a given pack, so that a host property-tests its own rule values with [`crate::laws`].
//!
//! The records lean on the boundaries of the rules they are drawn for: attendance near the
//! pack's minimum, scores near its round floor and pass mark, as often as anywhere else,
//! because that is where a wrong value or a rounding shows. Every value has at most
//! four places, as the records accept.
//!
//! # Example
//! ```
//! use cqnet_core::strategies::{scenario, trainee_record};
//! use cqnet_core::{laws, rules::RulePack, ExamStandard};
//! use proptest::test_runner::{Config, TestRunner};
//!
//! let rules = RulePack::embedded().newest();
//! let standard = ExamStandard::from_rules(&rules);
//! let mut runner = TestRunner::new(Config { cases: 64, ..Config::default() });
//! runner.run(&trainee_record(&rules, 1..=6), |record| {
//!     laws::final_score_between_its_parts(&record, &standard, &rules)
//!         .map_err(|broken| proptest::test_runner::TestCaseError::fail(broken.to_string()))
//! })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::ops::RangeInclusive;

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::course_based::{ExternalScores, TraineeRecord, UnitRecord};
use crate::rules::Rules;
use crate::what_if::Scenario;
use crate::{Hours, Percent, Score};

/// Ten-thousandths: the finest step of hours and scores.
const STEP: i64 = 10_000;

/// A score on the 100-point scale near `anchors` (within a point either side) or anywhere.
fn score_near(anchors: Vec<Decimal>) -> impl Strategy<Value = Score> {
    let anywhere = (0..=100 * STEP).prop_map(|v| Decimal::new(v, 4));
    let near = (0..anchors.len().max(1), -STEP..=STEP).prop_map(move |(i, offset)| {
        let anchor = anchors.get(i).copied().unwrap_or(Decimal::ONE_HUNDRED);
        (anchor + Decimal::new(offset, 4)).clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
    });
    prop_oneof![anywhere, near].prop_map(|v| Score::new(v).unwrap_or(Score::ZERO))
}

/// A competency unit (능력단위) of 1 to 200 scheduled hours, attended near `minimum` percent
/// of them or anywhere from none to all, with 1 to 3 internal rounds, each taken (a score
/// near the floor or the pass mark, or anywhere) or, now and then, missed.
///
/// # Example
/// ```
/// use cqnet_core::strategies::unit_record;
/// use cqnet_core::rules::RulePack;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let strategy = unit_record(&RulePack::embedded().newest());
/// let unit = strategy.new_tree(&mut TestRunner::default()).map_err(|e| e.to_string())?.current();
/// assert!(unit.attended() <= unit.scheduled());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn unit_record(rules: &Rules) -> impl Strategy<Value = UnitRecord> + use<> {
    let cb = &rules.course_based;
    let minimum = cb.attendance_min_percent.value.value();
    let anchors = vec![
        cb.internal_round_floor.value.value(),
        cb.pass_average.value.value(),
    ];
    let round = prop_oneof![
        9 => score_near(anchors).prop_map(Some),
        1 => Just(None),
    ];
    let shape = (
        1u32..=200,
        0..=100 * STEP,
        any::<bool>(),
        proptest::collection::vec(round, 1..=3),
    );
    shape.prop_filter_map(
        "a unit the record accepts",
        move |(scheduled, share, near_minimum, rounds)| {
            let scheduled = Decimal::from(scheduled);
            // A share of the scheduled hours: near the minimum (within a point) or anywhere.
            let percent = if near_minimum {
                (minimum + Decimal::new(share % (2 * STEP) - STEP, 4))
                    .clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
            } else {
                Decimal::new(share, 4)
            };
            let attended = (scheduled * percent / Decimal::ONE_HUNDRED)
                .round_dp(4)
                .min(scheduled);
            let (scheduled, attended) = (Hours::new(scheduled).ok()?, Hours::new(attended).ok()?);
            UnitRecord::new(None, scheduled, attended, rounds).ok()
        },
    )
}

/// A trainee's record of `units` competency units (see [`unit_record`]), with the external
/// evaluation's two parts (scores near the pass mark or anywhere) taken four times in five.
///
/// # Example
/// See [the module](self).
pub fn trainee_record(
    rules: &Rules,
    units: RangeInclusive<usize>,
) -> impl Strategy<Value = TraineeRecord> + use<> {
    let pass = rules.course_based.pass_average.value.value();
    let external = prop_oneof![
        4 => (score_near(vec![pass]), score_near(vec![pass])).prop_map(|(w, p)| Some(ExternalScores::new(w, p))),
        1 => Just(None),
    ];
    (
        proptest::collection::vec(unit_record(rules), units),
        external,
    )
        .prop_filter_map("a record needs at least one unit", |(units, external)| {
            let record = TraineeRecord::new(units).ok()?;
            Some(match external {
                Some(e) => record.with_external(e),
                None => record,
            })
        })
}

/// Scenarios (the rule values a what-if replaces, [`Scenario`]) that make a valid pack: a
/// pass mark from 40 to 100, an attendance minimum from 50 to 100, a round floor from 10 to 90,
/// or internal and external weights that add up to 100, alone or two together.
///
/// # Example
/// ```
/// use cqnet_core::strategies::scenario;
/// use cqnet_core::rules::RulePack;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let drawn = scenario().new_tree(&mut TestRunner::default()).map_err(|e| e.to_string())?.current();
/// assert!(drawn.apply(RulePack::embedded(), "drawn").is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn scenario() -> impl Strategy<Value = Scenario> {
    let score = |range: RangeInclusive<u32>| range.prop_map(|v| Score::whole(v).ok());
    let percent = |range: RangeInclusive<u32>| range.prop_map(|v| Percent::new(v.into()).ok());
    let one = prop_oneof![
        score(40..=100).prop_map(|pass_average| Scenario {
            pass_average,
            ..Scenario::default()
        }),
        percent(50..=100).prop_map(|attendance_minimum| Scenario {
            attendance_minimum,
            ..Scenario::default()
        }),
        score(10..=90).prop_map(|round_floor| Scenario {
            round_floor,
            ..Scenario::default()
        }),
        (10u32..=90).prop_map(|internal| Scenario {
            internal_weight: Percent::new(internal.into()).ok(),
            external_weight: Percent::new((100 - internal).into()).ok(),
            ..Scenario::default()
        }),
    ];
    (one.clone(), one, any::<bool>()).prop_map(|(a, b, both)| {
        if !both {
            return a;
        }
        // The second scenario's values where the first leaves the rules as they are; weights
        // come as a pair, so they are taken together or not at all.
        let weights = if a.internal_weight.is_some() {
            (a.internal_weight, a.external_weight)
        } else {
            (b.internal_weight, b.external_weight)
        };
        Scenario {
            pass_average: a.pass_average.or(b.pass_average),
            attendance_minimum: a.attendance_minimum.or(b.attendance_minimum),
            round_floor: a.round_floor.or(b.round_floor),
            internal_weight: weights.0,
            external_weight: weights.1,
            ..Scenario::default()
        }
    })
}
