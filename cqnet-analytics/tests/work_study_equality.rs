//! The bulk work-study decision equals `cqnet_core::work_study::decide` row by row, under
//! random overlays of the three percentages it reads and learners on their boundaries.

use cqnet_analytics::{CompiledWorkStudyRules, ReasonSet, WorkStudyPopulation, decide_work_study};
use cqnet_core::rules::{RulePack, Rules};
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, UnitResult};
use cqnet_core::{Hours, UnitCode};
use proptest::prelude::*;
use rust_decimal::Decimal;

const PARAMETERS: [&str; 3] = [
    "work_study.attendance_min_percent",
    "work_study.internal_unit_pass_percent",
    "work_study.external_unit_pass_percent",
];

/// The embedded pack with each of the three percentages replaced (`None` keeps it), all
/// from the date of the parameter's first value on.
fn overlaid(values: [Option<u32>; 3]) -> Rules {
    let pack = RulePack::embedded();
    let mut toml = String::from("[overlay]\nname = \"random-work-study\"\n");
    for (path, value) in PARAMETERS.into_iter().zip(values) {
        let Some(value) = value else { continue };
        let since = pack
            .parameters()
            .into_iter()
            .find(|p| p.path == path)
            .and_then(|p| p.rows.first().map(|row| row.since))
            .expect("a parameter of the pack");
        toml.push_str(&format!(
            "[{path}]\ndescription = \"test\"\n[[{path}.values]]\nsince = \"{since}\"\nvalue = \"{}\"\nreference = \"test\"\nprovenance = \"assumption\"\nlast_checked = \"{}\"\n",
            Decimal::new(i64::from(value), 4),
            pack.date(),
        ));
    }
    pack.with_overlay(&toml).expect("a valid overlay").newest()
}

fn percent() -> impl Strategy<Value = u32> {
    prop_oneof![(1u32..=100).prop_map(|v| v * 10_000), 1u32..=1_000_000]
}

fn training() -> impl Strategy<Value = TrainingHours> {
    let scheduled = prop_oneof![Just(0u32), Just(1), Just(1_000_000_000), 0u32..=20_000_000];
    (scheduled, 0u32..=1_000_000, any::<bool>()).prop_map(|(scheduled, share, full)| {
        let attended = if full {
            scheduled
        } else {
            (u64::from(scheduled) * u64::from(share) / 1_000_000) as u32
        };
        TrainingHours::new(
            Hours::new(Decimal::new(i64::from(scheduled), 4)).expect("hours"),
            Hours::new(Decimal::new(i64::from(attended), 4)).expect("hours"),
        )
        .expect("attended ≤ scheduled")
    })
}

fn units(min: usize) -> impl Strategy<Value = Vec<UnitResult>> {
    prop::collection::vec((any::<bool>(), any::<bool>()), min..12).prop_map(|units| {
        units
            .into_iter()
            .map(|(passed, coded)| UnitResult::new(coded.then(UnitCode::example), passed))
            .collect()
    })
}

fn learner() -> impl Strategy<Value = LearnerRecord> {
    (training(), training(), units(1), prop::option::of(units(1))).prop_filter_map(
        "some scheduled hours",
        |(ojt, off_jt, internal, external)| {
            let record = LearnerRecord::new(ojt, off_jt, internal).ok()?;
            match external {
                Some(units) => record.with_external(units).ok(),
                None => Some(record),
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn bulk_equals_the_core_row_by_row(
        values in [prop::option::of(percent()), prop::option::of(percent()), prop::option::of(percent())],
        records in prop::collection::vec(learner(), 0..24),
    ) {
        let rules = overlaid(values);
        let compiled = CompiledWorkStudyRules::compile(&rules).expect("pack values have four places");
        let population = WorkStudyPopulation::from_records(&records).expect("core records fit");
        let decisions = decide_work_study(&population, &compiled);
        prop_assert_eq!(decisions.len(), records.len());
        for (i, record) in records.iter().enumerate() {
            let core = work_study::decide(record, &rules);
            let outcome = decisions.outcome(i).expect("a row per record");
            prop_assert_eq!(outcome.internal_passed(), core.internal_passed, "row {}", i);
            prop_assert_eq!(outcome.completion_certificate(), core.completion_certificate, "row {}", i);
            prop_assert_eq!(outcome.eligible_for_external(), core.eligible_for_external, "row {}", i);
            prop_assert_eq!(outcome.passed(), core.passed, "row {}", i);
            let codes = ReasonSet::from_codes(core.reasons.iter().map(|r| r.code)).expect("decision codes");
            prop_assert_eq!(decisions.reasons(i), Some(codes), "row {}", i);
            prop_assert_eq!(&population.record(i).expect("a row per record"), record);
            prop_assert_eq!(compiled.explain(&population, i).expect("a row per record"), core);
        }
        #[cfg(feature = "rayon")]
        prop_assert_eq!(cqnet_analytics::decide_work_study_parallel(&population, &compiled), decisions);
    }
}
