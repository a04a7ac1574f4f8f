//! A work-study what-if run equals its parts: each overlay's counts, transitions and changes
//! are those of deciding the population under the baseline and under the overlay one rule set
//! at a time, and they agree with the core's single-learner decision
//! (`cqnet_core::work_study::decide`) under the same rules, learner by learner.

use cqnet_analytics::what_if::{
    OutcomeClass, ScenarioTextError, Transitions, WhatIf, WorkStudyCounts, WorkStudyOverlay,
    WorkStudyScenario, parse_work_study_scenario, what_if_work_study,
};
use cqnet_analytics::{
    CompileError, CompiledWorkStudyRules, ReasonSet, WorkStudyOutcome, WorkStudyPopulation,
    decide_work_study, synthetic,
};
use cqnet_core::rules::{RuleDate, RulePack, Rules};
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, UnitResult, WorkStudyDecision};
use cqnet_core::{Hours, Percent, UnitCode};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn basis() -> RuleDate {
    RulePack::embedded().newest().basis
}

/// A percent a pack accepts as a minimum: more than 0, at most 100, whole or of four places.
fn percent() -> impl Strategy<Value = Percent> {
    prop_oneof![(1u32..=100).prop_map(|v| v * 10_000), 1u32..=1_000_000]
        .prop_map(|v| Percent::new(Decimal::new(i64::from(v), 4)).expect("0 < v ≤ 100"))
}

/// Scenarios replacing one, two or all three of the work-study percentages.
fn scenario() -> impl Strategy<Value = WorkStudyScenario> {
    (
        prop::option::of(percent()),
        prop::option::of(percent()),
        prop::option::of(percent()),
    )
        .prop_filter("names a value", |(a, i, e)| {
            a.is_some() || i.is_some() || e.is_some()
        })
        .prop_map(|(a, i, e)| WorkStudyScenario {
            attendance_min_percent: a,
            internal_unit_pass_percent: i,
            external_unit_pass_percent: e,
        })
}

fn training() -> impl Strategy<Value = TrainingHours> {
    let scheduled = prop_oneof![Just(0u32), Just(1), 0u32..=20_000_000];
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

fn units() -> impl Strategy<Value = Vec<UnitResult>> {
    prop::collection::vec((any::<bool>(), any::<bool>()), 1..12).prop_map(|units| {
        units
            .into_iter()
            .map(|(passed, coded)| UnitResult::new(coded.then(UnitCode::example), passed))
            .collect()
    })
}

fn learner() -> impl Strategy<Value = LearnerRecord> {
    (training(), training(), units(), prop::option::of(units())).prop_filter_map(
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

/// The class of the core's decision, written out from its fields.
fn class_of(d: &WorkStudyDecision) -> OutcomeClass {
    match (d.completion_certificate, d.passed) {
        (false, _) => OutcomeClass::NotCompleted,
        (true, None) => OutcomeClass::Pending,
        (true, Some(true)) => OutcomeClass::Passed,
        (true, Some(false)) => OutcomeClass::Failed,
    }
}

fn codes(d: &WorkStudyDecision) -> ReasonSet {
    ReasonSet::from_codes(d.reasons.iter().map(|r| r.code)).expect("decision codes")
}

/// The core's decisions of `records` under `rules`, learner by learner.
fn core_decisions(records: &[LearnerRecord], rules: &Rules) -> Vec<WorkStudyDecision> {
    records
        .iter()
        .map(|r| work_study::decide(r, rules))
        .collect()
}

/// Checks `result` against the core, learner by learner: the baseline and each overlay's
/// classes, counts, changed learners and the reason codes added and taken away.
fn agrees_with_core(
    result: &WhatIf<WorkStudyOutcome>,
    records: &[LearnerRecord],
    baseline: &Rules,
    overlays: &[Rules],
) -> Result<(), TestCaseError> {
    let before = core_decisions(records, baseline);
    let count = |decisions: &[WorkStudyDecision]| {
        let mut counts = WorkStudyCounts::default();
        for d in decisions {
            counts.candidates += 1;
            counts.internal_passed += u64::from(d.internal_passed);
            counts.certified += u64::from(d.completion_certificate);
            counts.passed += u64::from(d.passed == Some(true));
        }
        counts
    };
    prop_assert_eq!(result.baseline, count(&before));
    prop_assert_eq!(&result.baseline_pack, &baseline.pack);
    prop_assert_eq!(result.overlays.len(), overlays.len());
    for (i, d) in before.iter().enumerate() {
        prop_assert_eq!(result.baseline_class(i), Some(class_of(d)), "learner {}", i);
    }
    prop_assert_eq!(result.baseline_class(records.len()), None);
    for (rules, out) in overlays.iter().zip(&result.overlays) {
        let after = core_decisions(records, rules);
        prop_assert_eq!(out.counts, count(&after));
        prop_assert_eq!(&out.pack, &rules.pack);
        let mut transitions = Transitions::default();
        let mut changed = Vec::new();
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            prop_assert_eq!(out.class(i), Some(class_of(a)), "learner {}", i);
            transitions.add(class_of(b), class_of(a));
            let outcome =
                |d: &WorkStudyDecision| (d.internal_passed, d.completion_certificate, d.passed);
            if outcome(b) != outcome(a) {
                changed.push((i, codes(a).without(codes(b)), codes(b).without(codes(a))));
            }
        }
        prop_assert_eq!(out.transitions, transitions);
        let changes: Vec<_> = out
            .changes
            .iter()
            .map(|c| (c.candidate, c.added, c.removed))
            .collect();
        prop_assert_eq!(changes, changed);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn one_pass_equals_one_rule_set_at_a_time_and_the_core(
        records in prop::collection::vec(learner(), 0..40),
        scenarios in prop::collection::vec(scenario(), 1..4),
    ) {
        let pack = RulePack::embedded();
        let population = WorkStudyPopulation::from_records(&records).expect("core records fit");
        let baseline = CompiledWorkStudyRules::from_pack(pack, basis()).expect("the pack compiles");
        let overlays: Vec<WorkStudyOverlay> = scenarios
            .iter()
            .enumerate()
            .map(|(i, s)| WorkStudyOverlay::from_scenario(pack, basis(), s, &format!("o{i}")))
            .collect::<Result<_, _>>()
            .expect("each scenario makes a valid pack");
        let result = what_if_work_study(&population, &baseline, &overlays);

        // One rule set at a time, in bulk.
        let baseline_alone = decide_work_study(&population, &baseline);
        let mut counts = WorkStudyCounts::default();
        baseline_alone.outcomes().iter().for_each(|o| counts.add(*o));
        prop_assert_eq!(result.baseline, counts);
        prop_assert_eq!(result.overlays.len(), overlays.len());
        for (overlay, out) in overlays.iter().zip(&result.overlays) {
            let alone = decide_work_study(&population, overlay.rules());
            let mut counts = WorkStudyCounts::default();
            let mut transitions = Transitions::default();
            let mut changed = Vec::new();
            for (i, (b, a)) in baseline_alone.outcomes().iter().zip(alone.outcomes()).enumerate() {
                counts.add(*a);
                transitions.add(OutcomeClass::of_work_study(*b), OutcomeClass::of_work_study(*a));
                if a != b {
                    let (rb, ra) = (baseline_alone.reasons(i).expect("a row"), alone.reasons(i).expect("a row"));
                    changed.push((i, *b, *a, ra.without(rb), rb.without(ra)));
                }
            }
            prop_assert_eq!(out.counts, counts);
            prop_assert_eq!(out.transitions, transitions);
            prop_assert_eq!(out.transitions.total(), records.len() as u64);
            let changes: Vec<_> = out
                .changes
                .iter()
                .map(|c| (c.candidate, c.baseline, c.overlay, c.added, c.removed))
                .collect();
            prop_assert_eq!(changes, changed);
            prop_assert_eq!(&out.name, overlay.name());
            prop_assert_eq!(&out.pack.overlays, &vec![overlay.name().to_string()]);
        }

        // The core, learner by learner, under the pack with each scenario applied.
        let overlaid: Vec<Rules> = scenarios
            .iter()
            .enumerate()
            .map(|(i, s)| s.apply(pack, &format!("o{i}")).and_then(|p| p.rules_for(basis())))
            .collect::<Result<_, _>>()
            .expect("each scenario makes a valid pack");
        agrees_with_core(&result, &records, &pack.rules_for(basis()).expect("rules"), &overlaid)?;
    }
}

#[test]
fn a_synthetic_population_agrees_with_the_core_learner_by_learner() {
    let pack = RulePack::embedded();
    let population = synthetic::work_study_distribution(2_000, 10, 11).expect("fits");
    let records: Vec<LearnerRecord> = (0..population.learners())
        .map(|i| population.record(i).expect("a synthetic record"))
        .collect();
    let baseline = CompiledWorkStudyRules::from_pack(pack, basis()).expect("the pack compiles");
    let texts = [
        "internal_unit_pass_percent=60",
        "attendance_min_percent=90",
        "external_unit_pass_percent=80, internal_unit_pass_percent=80",
    ];
    let scenarios: Vec<WorkStudyScenario> = texts
        .iter()
        .map(|t| parse_work_study_scenario(t).expect("a valid scenario"))
        .collect();
    let overlays: Vec<WorkStudyOverlay> = scenarios
        .iter()
        .zip(texts)
        .map(|(s, t)| WorkStudyOverlay::from_scenario(pack, basis(), s, t).expect("compiles"))
        .collect();
    let result = what_if_work_study(&population, &baseline, &overlays);
    let overlaid: Vec<Rules> = scenarios
        .iter()
        .zip(texts)
        .map(|(s, t)| {
            s.apply(pack, t)
                .and_then(|p| p.rules_for(basis()))
                .expect("rules")
        })
        .collect();
    agrees_with_core(
        &result,
        &records,
        &pack.rules_for(basis()).expect("rules"),
        &overlaid,
    )
    .expect("the bulk run agrees with the core");
    // Each reform moves someone in this population, so the comparison above compared changes.
    for out in &result.overlays {
        assert!(
            out.transitions.changed() > 0,
            "{}: nobody changed",
            out.name
        );
    }
}

#[test]
fn transitions_by_a_host_label_add_up_to_the_whole() {
    let pack = RulePack::embedded();
    let population = synthetic::work_study_distribution(500, 10, 3).expect("fits");
    let baseline = CompiledWorkStudyRules::from_pack(pack, basis()).expect("the pack compiles");
    let scenario = parse_work_study_scenario("internal_unit_pass_percent=60").expect("valid");
    let overlay =
        WorkStudyOverlay::from_scenario(pack, basis(), &scenario, "internal-60").expect("compiles");
    let result = what_if_work_study(&population, &baseline, &[overlay]);
    let labels: Vec<&str> = (0..500)
        .map(|i| {
            if i % 3 == 0 {
                "기계가공_L3"
            } else {
                "용접_L2"
            }
        })
        .collect();
    let groups = result
        .transitions_by(0, &labels)
        .expect("a label a learner")
        .expect("one overlay");
    for from in OutcomeClass::ALL {
        for to in OutcomeClass::ALL {
            let sum: u64 = groups.values().map(|t| t.count(from, to)).sum();
            assert_eq!(sum, result.overlays[0].transitions.count(from, to));
        }
    }
    assert_eq!(groups["기계가공_L3"].total(), 167);
    assert!(result.transitions_by(0, &labels[1..]).is_err());
    assert!(
        result
            .transitions_by(1, &labels)
            .expect("a label a learner")
            .is_none()
    );
}

#[test]
fn a_scenario_the_pack_refuses_is_an_error_not_an_overlay() {
    let pack = RulePack::embedded();
    for text in [
        "attendance_min_percent=0",
        "internal_unit_pass_percent=0",
        "external_unit_pass_percent=0",
    ] {
        let scenario = parse_work_study_scenario(text).expect("a scenario");
        let refused = WorkStudyOverlay::from_scenario(pack, basis(), &scenario, "zero");
        assert!(
            matches!(refused, Err(CompileError::Pack(_))),
            "{text}: {refused:?}"
        );
    }
    let scenario = parse_work_study_scenario("internal_unit_pass_percent=60").expect("valid");
    assert!(matches!(
        WorkStudyOverlay::from_scenario(pack, basis(), &scenario, " "),
        Err(CompileError::Pack(_))
    ));
    // A name with quotes and control characters is written as TOML text, not as TOML.
    let odd = "a\"b\\c\n[pack]\u{7f}";
    let overlay =
        WorkStudyOverlay::from_scenario(pack, basis(), &scenario, odd).expect("any text names");
    assert_eq!(overlay.rules().rules().pack.overlays, [odd]);
}

#[test]
fn bad_work_study_overlay_text_is_refused_with_its_part() {
    use ScenarioTextError as E;
    assert!(matches!(parse_work_study_scenario(""), Err(E::Empty)));
    assert!(matches!(
        parse_work_study_scenario("internal_unit_pass_percent"),
        Err(E::NotAnAssignment(_))
    ));
    assert!(matches!(
        parse_work_study_scenario("internal_unit_pass_percent=60,internal_unit_pass_percent=70"),
        Err(E::Repeated(_))
    ));
    assert!(matches!(
        parse_work_study_scenario("attendance_min_percent=1e2"),
        Err(E::BadValue { .. })
    ));
    assert!(matches!(
        parse_work_study_scenario("external_unit_pass_percent=100.5"),
        Err(E::BadValue { .. })
    ));
    assert!(matches!(
        parse_work_study_scenario("pass_average=75"),
        Err(E::UnknownWorkStudyParameter(_))
    ));
    let long = "x".repeat(10_000);
    let Err(e) = parse_work_study_scenario(&format!("{long}=1")) else {
        panic!("an unknown parameter is refused");
    };
    assert!(
        e.to_string().len() < 300,
        "the message quotes a short prefix"
    );
}
