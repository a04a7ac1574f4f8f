//! The bulk decision equals `cqnet_core::course_based::decide` row by row, under random rule
//! packs (overlays of every value the decision reads) and random populations that lean on the
//! extremes and on the boundaries of the overlay's own thresholds.

use cqnet_analytics::{
    CompiledCourseRules, CoursePopulation, ExactScore, ReasonSet, decide_course,
};
use cqnet_core::course_based::{self, ExternalScores, TraineeRecord, UnitCourseLabel, UnitRecord};
use cqnet_core::rules::{InternalAggregation, RulePack, Rules};
use cqnet_core::what_if::Scenario;
use cqnet_core::{ExamStandard, Hours, NcsUnitCode, Percent, Score};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The overlaid values: the scenario's, and the attendance scope and aggregation, which a
/// scenario does not name.
#[derive(Debug, Clone)]
struct Overlay {
    scenario: Scenario,
    per_unit_course: bool,
    hours_weighted: bool,
}

fn decimal4(scaled: u32) -> Decimal {
    Decimal::new(i64::from(scaled), 4)
}

fn score_of(scaled: u32) -> Score {
    Score::new(decimal4(scaled.min(1_000_000))).expect("0..=100 with four places")
}

fn percent_of(scaled: u32) -> Percent {
    Percent::new(decimal4(scaled.min(1_000_000))).expect("0..=100 with four places")
}

/// A value of four places in `0..=100`: often whole, sometimes with decimals.
fn hundredth_scale() -> impl Strategy<Value = u32> {
    prop_oneof![(0u32..=100).prop_map(|v| v * 10_000), 0u32..=1_000_000]
}

fn overlay() -> impl Strategy<Value = Overlay> {
    (
        prop::option::of(1u32..=1_000_000),
        prop::option::of(hundredth_scale()),
        prop::option::of(hundredth_scale()),
        prop::option::of(1u32..=1_000_000),
        prop::option::of(hundredth_scale()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(pass, internal, written, attendance, floor, per_unit_course, hours_weighted)| {
                Overlay {
                    scenario: Scenario {
                        pass_average: pass.map(score_of),
                        internal_weight: internal.map(percent_of),
                        external_weight: internal.map(|w| percent_of(1_000_000 - w)),
                        written_weight: written.map(percent_of),
                        practical_weight: written.map(|w| percent_of(1_000_000 - w)),
                        attendance_minimum: attendance.map(percent_of),
                        round_floor: floor.map(score_of),
                    },
                    per_unit_course,
                    hours_weighted,
                }
            },
        )
}

/// The embedded pack with the overlay, and the newest rules of it.
fn overlaid(overlay: &Overlay) -> Rules {
    let pack = overlay
        .scenario
        .apply(RulePack::embedded(), "random-values")
        .expect("a scenario of valid values");
    let since = |path: &str| {
        pack.parameters()
            .into_iter()
            .find(|p| p.path == path)
            .and_then(|p| p.rows.first().map(|row| row.since))
            .expect("a parameter of the pack")
    };
    let mut toml = String::from("[overlay]\nname = \"random-choices\"\n");
    for (path, chosen, value) in [
        (
            "course_based.attendance_scope",
            overlay.per_unit_course,
            "unit_course",
        ),
        (
            "course_based.internal_aggregation",
            overlay.hours_weighted,
            "hours_weighted",
        ),
    ] {
        if chosen {
            toml.push_str(&format!(
                "[{path}]\ndescription = \"test\"\n[[{path}.values]]\nsince = \"{}\"\nvalue = \"{value}\"\nreference = \"test\"\nprovenance = \"assumption\"\nlast_checked = \"{}\"\n",
                since(path),
                pack.date(),
            ));
        }
    }
    pack.with_overlay(&toml).expect("a valid overlay").newest()
}

/// A score near the rules' own thresholds, at the extremes, or anywhere.
fn score(rules: &Rules) -> impl Strategy<Value = Score> + use<> {
    let scaled = |s: Score| {
        u32::try_from((s.value() * Decimal::from(10_000)).trunc().mantissa()).unwrap_or(0)
    };
    let floor = scaled(rules.course_based.internal_round_floor.value);
    let pass = scaled(rules.course_based.pass_average.value);
    let near = [
        0,
        1,
        999_999,
        1_000_000,
        floor.saturating_sub(1),
        floor,
        floor + 1,
        pass.saturating_sub(1),
        pass,
        pass + 1,
    ];
    prop_oneof![prop::sample::select(near.to_vec()), hundredth_scale(),].prop_map(score_of)
}

/// Scheduled and attended hours, with attendance near the minimum, at zero, full and at the
/// largest hours the core takes.
fn hours(rules: &Rules) -> impl Strategy<Value = (Hours, Hours)> + use<> {
    let minimum = rules.course_based.attendance_min_percent.value.value();
    let scheduled = prop_oneof![
        Just(1u32),
        Just(1_000_000_000),
        1u32..=2_000_000,
        (1u32..=400).prop_map(|h| h * 10_000),
    ];
    (scheduled, 0u32..=1_000_000, 0usize..5).prop_map(move |(scheduled, share, kind)| {
        // The least attended hours (four places) that meet the minimum, and the next below.
        let needed = (Decimal::from(scheduled) * minimum / Decimal::ONE_HUNDRED).ceil();
        let needed = u32::try_from(needed.mantissa())
            .unwrap_or(scheduled)
            .min(scheduled);
        let attended = match kind {
            0 => needed,
            1 => needed.saturating_sub(1),
            2 => 0,
            3 => scheduled,
            _ => u32::try_from(u64::from(scheduled) * u64::from(share) / 1_000_000).unwrap_or(0),
        };
        (
            Hours::new(decimal4(scheduled)).expect("at most 100,000 hours"),
            Hours::new(decimal4(attended)).expect("at most 100,000 hours"),
        )
    })
}

fn unit(rules: &Rules) -> impl Strategy<Value = UnitRecord> + use<> {
    (
        hours(rules),
        prop::collection::vec(prop::option::weighted(0.9, score(rules)), 0..4),
        prop::option::of(prop::sample::select(vec!["도면 해독", "가공", "측정"])),
        any::<bool>(),
    )
        .prop_map(|((scheduled, attended), rounds, label, coded)| {
            let code = coded.then(NcsUnitCode::example);
            let unit =
                UnitRecord::new(code, scheduled, attended, rounds).expect("attended ≤ scheduled");
            match label {
                Some(label) => unit.in_unit_course(UnitCourseLabel::new(label).expect("a label")),
                None => unit,
            }
        })
}

fn record(rules: &Rules) -> impl Strategy<Value = TraineeRecord> + use<> {
    (
        prop::collection::vec(unit(rules), 1..7),
        prop::option::weighted(0.8, (score(rules), score(rules))),
    )
        .prop_map(|(units, external)| {
            let record = TraineeRecord::new(units).expect("at least one unit");
            match external {
                Some((written, practical)) => {
                    record.with_external(ExternalScores::new(written, practical))
                }
                None => record,
            }
        })
}

/// A candidate whose final score is the pass mark exactly, or one step of 0.0001 (scaled by
/// the weights) above or below it: every round of every unit averages `a`, and both external
/// parts are `b`, with `wi × a + we × b = 100 × pass + k × step`. The rounds of a unit are
/// `a` alone, `a ∓ 1` around it, or thirds that end only over three units (`a + 1, a, a`
/// twice and `a - 2, a, a`), which the core's decimals divide with rounding.
fn boundary_record(rules: &Rules) -> impl Strategy<Value = TraineeRecord> + use<> {
    let scaled =
        |d: Decimal| i64::try_from((d * Decimal::from(10_000)).trunc().mantissa()).unwrap_or(0);
    let cb = &rules.course_based;
    let (wi, we) = (
        scaled(cb.internal_weight.value.value()),
        scaled(cb.external_weight.value.value()),
    );
    let pass = scaled(cb.pass_average.value.value());
    let gcd = |mut a: i64, mut b: i64| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a.max(1)
    };
    let g = gcd(wi, we);
    (
        prop::collection::vec(hours(rules), 1..4),
        -2i64..=2,
        -1i64..=1,
        0usize..3,
    )
        .prop_map(move |(unit_hours, k, off, pattern)| {
            // wi × (pass + k × we / g) + we × (pass − k × wi / g) = 100 × pass (weights × 10⁴ sum to 10⁶).
            let mut a = pass + k * we / g;
            let b = pass - k * wi / g;
            // One step off the boundary on the internal side, or none.
            a += off;
            let in_range = |v: i64| (0..=1_000_000).contains(&v);
            let (a, b) = if in_range(a) && in_range(b) && in_range(a - 2) && in_range(a + 1) {
                (a, b)
            } else {
                (pass, pass)
            };
            let sc = |v: i64| score_of(u32::try_from(v.clamp(0, 1_000_000)).unwrap_or(0));
            let units_total = if pattern == 2 {
                unit_hours.len() * 3
            } else {
                unit_hours.len()
            };
            let units = (0..units_total)
                .map(|i| {
                    let (scheduled, attended) = unit_hours[i % unit_hours.len()];
                    let rounds = match (pattern, a) {
                        (_, a) if !(2..=999_999).contains(&a) => vec![sc(a)],
                        (0, a) => vec![sc(a)],
                        (1, a) => vec![sc(a - 1), sc(a + 1)],
                        (_, a) if i % 3 == 2 => vec![sc(a - 2), sc(a), sc(a)],
                        (_, a) => vec![sc(a + 1), sc(a), sc(a)],
                    };
                    UnitRecord::new(
                        None,
                        scheduled,
                        attended,
                        rounds.into_iter().map(Some).collect(),
                    )
                    .expect("attended ≤ scheduled")
                })
                .collect();
            TraineeRecord::new(units)
                .expect("at least one unit")
                .with_external(ExternalScores::new(sc(b), sc(b)))
        })
}

fn case() -> impl Strategy<Value = (Overlay, Vec<TraineeRecord>)> {
    overlay().prop_flat_map(|overlay| {
        let rules = overlaid(&overlay);
        let candidate = prop_oneof![3 => record(&rules), 2 => boundary_record(&rules)];
        (Just(overlay), prop::collection::vec(candidate, 0..24))
    })
}

/// Whether the core's decimal can differ from the exact score: only a division that does not
/// end (by a count of rounds or of units with a factor other than 2 and 5, or by hours).
fn core_may_round(record: &TraineeRecord, rules: &Rules) -> bool {
    let ends = |mut n: usize| {
        for p in [2, 5] {
            while n > 0 && n.is_multiple_of(p) {
                n /= p;
            }
        }
        n == 1
    };
    rules.course_based.internal_aggregation.value == InternalAggregation::HoursWeighted
        || !ends(record.units().len())
        || record
            .units()
            .iter()
            .any(|u| !ends(u.rounds().len().max(1)))
}

fn same_score(bulk: Option<ExactScore>, core: Option<Decimal>, may_round: bool) -> bool {
    match (bulk, core) {
        (None, None) => true,
        (Some(bulk), Some(core)) => {
            ExactScore::from_decimal(core) == Some(bulk)
                || (may_round && (bulk.to_decimal() - core).abs() <= Decimal::new(1, 20))
        }
        _ => false,
    }
}

/// Records of many units (up to 30, past the widths the pass handles at once) of exactly
/// one round each, taken or not: the population is then read without round offsets.
fn one_round_record(rules: &Rules) -> impl Strategy<Value = TraineeRecord> + use<> {
    let unit = (hours(rules), prop::option::weighted(0.95, score(rules))).prop_map(
        |((scheduled, attended), round)| {
            UnitRecord::new(None, scheduled, attended, vec![round]).expect("attended ≤ scheduled")
        },
    );
    (
        prop::collection::vec(unit, 1..=30),
        prop::option::weighted(0.8, (score(rules), score(rules))),
    )
        .prop_map(|(units, external)| {
            let record = TraineeRecord::new(units).expect("at least one unit");
            match external {
                Some((written, practical)) => {
                    record.with_external(ExternalScores::new(written, practical))
                }
                None => record,
            }
        })
}

fn one_round_case() -> impl Strategy<Value = (Overlay, Vec<TraineeRecord>)> {
    overlay().prop_flat_map(|overlay| {
        let rules = overlaid(&overlay);
        (
            Just(overlay),
            prop::collection::vec(one_round_record(&rules), 0..24),
        )
    })
}

/// Every row of the bulk decision of `records` equals the core's decision of the record:
/// outcome, reason codes, scores, the record read back and its explanation.
fn rows_equal_the_core(records: &[TraineeRecord], rules: &Rules) -> Result<(), TestCaseError> {
    let compiled = CompiledCourseRules::compile(rules).expect("pack values have four places");
    let population = CoursePopulation::from_records(records).expect("core records fit");
    let decisions = decide_course(&population, &compiled);
    prop_assert_eq!(decisions.len(), records.len());
    let standard = ExamStandard::from_rules(rules);
    for (i, record) in records.iter().enumerate() {
        let core = course_based::decide(record, &standard, rules);
        let outcome = decisions.outcome(i).expect("a row per record");
        prop_assert_eq!(outcome.completed(), core.completed, "row {}", i);
        prop_assert_eq!(
            outcome.eligible_for_external(),
            core.eligible_for_external,
            "row {}",
            i
        );
        prop_assert_eq!(outcome.passed(), core.passed, "row {}: {:?}", i, core);
        let codes =
            ReasonSet::from_codes(core.reasons.iter().map(|r| r.code)).expect("decision codes");
        prop_assert_eq!(decisions.reasons(i), Some(codes), "row {}", i);
        let scores = decisions.scores(i).expect("a row per record");
        let may_round = core_may_round(record, rules);
        prop_assert!(
            same_score(scores.internal, core.internal_score, may_round),
            "row {} internal {:?} {:?}",
            i,
            scores.internal,
            core.internal_score
        );
        prop_assert!(
            same_score(scores.external, core.external_score, false),
            "row {} external",
            i
        );
        prop_assert!(
            same_score(scores.final_score, core.final_score, may_round),
            "row {} final {:?} {:?}",
            i,
            scores.final_score,
            core.final_score
        );
        prop_assert_eq!(&population.record(i).expect("a row per record"), record);
        prop_assert_eq!(
            compiled.explain(&population, i).expect("a row per record"),
            core
        );
    }
    #[cfg(feature = "rayon")]
    prop_assert_eq!(
        cqnet_analytics::decide_course_parallel(&population, &compiled),
        decisions
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn bulk_equals_the_core_row_by_row((overlay, records) in case()) {
        let rules = overlaid(&overlay);
        rows_equal_the_core(&records, &rules)?;
        // Those whose every unit has one round, as a population of their own.
        let one_round: Vec<_> = records.iter().filter(|r| r.units().iter().all(|u| u.rounds().len() == 1)).cloned().collect();
        rows_equal_the_core(&one_round, &rules)?;
    }

    #[test]
    fn one_round_populations_of_many_units_equal_the_core((overlay, records) in one_round_case()) {
        rows_equal_the_core(&records, &overlaid(&overlay))?;
    }
}
