//! A what-if run equals its parts: each overlay's counts, transitions and changes are those of
//! deciding the population under the baseline and under the overlay one rule set at a time,
//! and they agree with the core's own what-if decision (`cqnet_core::what_if::decide`),
//! record by record.

use cqnet_analytics::what_if::{
    CourseOverlay, OutcomeClass, OutcomeCounts, Transitions, parse_scenario, what_if_course,
};
use cqnet_analytics::{CompiledCourseRules, CoursePopulation, decide_course, synthetic};
use cqnet_core::rules::{RuleDate, RulePack};
use cqnet_core::what_if::{self, Population, PopulationRecord, Scenario};
use proptest::prelude::*;

fn basis() -> RuleDate {
    RulePack::embedded().newest().basis
}

/// The scenarios the properties draw from: each replaces one or two values, within what a
/// pack accepts (a minimum of 0 would pass everyone and is refused).
fn scenario() -> impl Strategy<Value = Scenario> {
    prop_oneof![
        (40u32..=100).prop_map(|v| parse_scenario(&format!("pass_average={v}"))),
        (50u32..=100).prop_map(|v| parse_scenario(&format!("attendance_minimum={v}"))),
        (10u32..=90).prop_map(|v| parse_scenario(&format!("round_floor={v}"))),
        (10u32..=90).prop_map(|v| parse_scenario(&format!(
            "internal_weight={v}, external_weight={}",
            100 - v
        ))),
        (40u32..=100, 50u32..=100).prop_map(|(p, a)| parse_scenario(&format!(
            "pass_average={p}, attendance_minimum={a}"
        ))),
    ]
    .prop_map(|parsed| parsed.expect("the strategies write valid scenarios"))
}

/// The counts and transitions of `overlay` against `baseline`, from two separate bulk runs.
fn expected(
    population: &CoursePopulation,
    baseline: &CompiledCourseRules,
    overlay: &CompiledCourseRules,
) -> (OutcomeCounts, Transitions, Vec<usize>) {
    let (before, after) = (
        decide_course(population, baseline),
        decide_course(population, overlay),
    );
    let mut counts = OutcomeCounts::default();
    let mut transitions = Transitions::default();
    let mut changed = Vec::new();
    for (i, (b, a)) in before.outcomes().iter().zip(after.outcomes()).enumerate() {
        counts.add(*a);
        transitions.add(OutcomeClass::of(*b), OutcomeClass::of(*a));
        if a != b {
            changed.push(i);
        }
    }
    (counts, transitions, changed)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn one_pass_equals_one_rule_set_at_a_time(
        seed in any::<u64>(),
        candidates in 1usize..400,
        scenarios in proptest::collection::vec(scenario(), 1..4),
    ) {
        let pack = RulePack::embedded();
        let population = synthetic::openfisca_distribution(candidates, 12, seed);
        let baseline = CompiledCourseRules::from_pack(pack, basis()).expect("the pack compiles");
        let overlays: Vec<CourseOverlay> = scenarios
            .iter()
            .enumerate()
            .map(|(i, s)| CourseOverlay::from_scenario(pack, basis(), s, &format!("o{i}")))
            .collect::<Result<_, _>>()
            .expect("each scenario makes a valid pack");
        let result = what_if_course(&population, &baseline, &overlays);
        let baseline_alone = decide_course(&population, &baseline);
        let mut counts = OutcomeCounts::default();
        baseline_alone.outcomes().iter().for_each(|o| counts.add(*o));
        prop_assert_eq!(result.baseline, counts);
        prop_assert_eq!(result.overlays.len(), overlays.len());
        for (overlay, out) in overlays.iter().zip(&result.overlays) {
            let (counts, transitions, changed) = expected(&population, &baseline, overlay.rules());
            prop_assert_eq!(out.counts, counts);
            prop_assert_eq!(out.transitions, transitions);
            prop_assert_eq!(out.transitions.total(), candidates as u64);
            let ids: Vec<usize> = out.changes.iter().map(|c| c.candidate).collect();
            prop_assert_eq!(ids, changed);
            prop_assert_eq!(&out.pack.overlays, &vec![overlay.name().to_string()]);
            for change in &out.changes {
                let before = baseline_alone.reasons(change.candidate).expect("a candidate");
                let after = decide_course(&population, overlay.rules()).reasons(change.candidate).expect("a candidate");
                prop_assert_eq!(change.added, after.without(before));
                prop_assert_eq!(change.removed, before.without(after));
            }
        }
    }
}

#[test]
fn the_bulk_run_agrees_with_the_cores_what_if_record_by_record() {
    let pack = RulePack::embedded();
    let population = synthetic::openfisca_distribution(2_000, 12, 11);
    let records: Vec<PopulationRecord> = (0..population.candidates())
        .map(|i| {
            let record = population.record(i).expect("a synthetic record");
            PopulationRecord::new(format!("c-{i:05}"), record, None).expect("an id")
        })
        .collect();
    let core_population = Population::new(records).expect("unique ids");
    let baseline = CompiledCourseRules::from_pack(pack, basis()).expect("the pack compiles");
    for text in [
        "pass_average=75",
        "pass_average=85",
        "attendance_minimum=90",
        "internal_weight=30, external_weight=70",
    ] {
        let scenario = parse_scenario(text).expect("a valid scenario");
        let core = what_if::decide(&core_population, pack, basis(), &scenario, "reform")
            .expect("the core decides the scenario");
        let overlay = CourseOverlay::from_scenario(pack, basis(), &scenario, "reform")
            .expect("the overlay compiles");
        let result = what_if_course(&population, &baseline, &[overlay]);
        let out = &result.overlays[0];
        assert_eq!(
            (result.baseline.completed, result.baseline.passed),
            (core.baseline.completed, core.baseline.passed),
            "{text}: baseline"
        );
        assert_eq!(
            (out.counts.completed, out.counts.passed),
            (core.scenario.completed, core.scenario.passed),
            "{text}: scenario"
        );
        let passed = |c: OutcomeClass| c == OutcomeClass::Passed;
        let newly_passing: Vec<String> = out
            .changes
            .iter()
            .filter(|c| {
                !passed(OutcomeClass::of(c.baseline)) && passed(OutcomeClass::of(c.overlay))
            })
            .map(|c| format!("c-{:05}", c.candidate))
            .collect();
        let newly_failing: Vec<String> = out
            .changes
            .iter()
            .filter(|c| {
                passed(OutcomeClass::of(c.baseline)) && !passed(OutcomeClass::of(c.overlay))
            })
            .map(|c| format!("c-{:05}", c.candidate))
            .collect();
        assert_eq!(newly_passing, core.newly_passing, "{text}: newly passing");
        assert_eq!(newly_failing, core.newly_failing, "{text}: newly failing");
        assert_eq!(
            out.pack, core.scenario_rules.pack,
            "{text}: the overlay's pack"
        );
    }
}

#[test]
fn a_scenario_the_pack_refuses_is_an_error_not_an_overlay() {
    let lopsided = parse_scenario("written_weight=50").expect("a scenario");
    let refused = CourseOverlay::from_scenario(RulePack::embedded(), basis(), &lopsided, "w50");
    assert!(matches!(
        refused,
        Err(cqnet_analytics::CompileError::Pack(_))
    ));
}

#[test]
fn bad_overlay_text_is_refused_with_its_part() {
    use cqnet_analytics::what_if::ScenarioTextError as E;
    assert!(matches!(parse_scenario(""), Err(E::Empty)));
    assert!(matches!(
        parse_scenario("pass_average"),
        Err(E::NotAnAssignment(_))
    ));
    assert!(matches!(
        parse_scenario("pass_average=75,pass_average=80"),
        Err(E::Repeated(_))
    ));
    assert!(matches!(
        parse_scenario("pass_average=0.1e2"),
        Err(E::BadValue { .. })
    ));
    assert!(matches!(
        parse_scenario("attendance_minimum=-1"),
        Err(E::BadValue { .. })
    ));
    let long = "x".repeat(10_000);
    let Err(e) = parse_scenario(&format!("{long}=1")) else {
        panic!("an unknown parameter is refused");
    };
    assert!(
        e.to_string().len() < 300,
        "the message quotes a short prefix"
    );
}

#[test]
fn a_percent_is_a_plain_decimal_as_the_core_reads_it() {
    use cqnet_analytics::what_if::ScenarioTextError as E;
    for text in [
        "attendance_minimum=1e2",
        "internal_weight=+30",
        "written_weight=0x1E",
    ] {
        assert!(
            matches!(parse_scenario(text), Err(E::BadValue { .. })),
            "{text}"
        );
    }
}
