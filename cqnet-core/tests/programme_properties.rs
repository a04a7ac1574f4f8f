//! Properties of the work-study programme decisions (일학습병행과정): more hours in a programme
//! never add a reason to its approval, more attendance never takes a completion certificate
//! away, a higher score never fails a unit, the share of units and the attendance are read
//! at their exact boundaries, and hours that add up past the largest `Hours` are refused, never
//! a panic.
//!
//! Every expected value is computed here with integers, never through the library's own
//! arithmetic.

#![allow(clippy::unwrap_used)]

use cqnet_core::programme::{
    self, Attended, EvaluationPlan, ProgrammePlan, ProgrammePlanSpec, ProgrammeUnit, StandardUnit,
    TrainingStandard, TrainingStandardSpec, UnitScore,
};
use cqnet_core::rules::{RulePack, Rules};
use cqnet_core::standard::UnitKind;
use cqnet_core::{Hours, ReasonCode, Score, UnitCode};
use proptest::collection::vec;
use proptest::prelude::*;

fn rules() -> Rules {
    RulePack::embedded()
        .rules_at("2026-03-02".parse().unwrap())
        .unwrap()
}

fn hours(n: u32) -> Hours {
    Hours::whole(n).unwrap()
}

fn code(i: usize) -> UnitCode {
    UnitCode::new(&format!("15010201{i:02}_20v3")).unwrap()
}

fn plan(units: &[(u32, u32)], months: u32) -> ProgrammePlan {
    ProgrammePlan::new(ProgrammePlanSpec {
        months,
        units: units
            .iter()
            .enumerate()
            .map(|(i, (ojt, off))| ProgrammeUnit {
                code: code(i),
                ojt_hours: hours(*ojt),
                off_jt_hours: hours(*off),
            })
            .collect(),
        evaluation: EvaluationPlan::example(),
    })
    .unwrap()
}

fn standard(units: &[(u32, u32)]) -> TrainingStandard {
    TrainingStandard::new(TrainingStandardSpec {
        occupation: "SW개발".into(),
        version: None,
        units: units
            .iter()
            .enumerate()
            .map(|(i, (ojt, off))| {
                StandardUnit::new(code(i), UnitKind::Mandatory, hours(*ojt), hours(*off))
            })
            .collect(),
    })
    .unwrap()
}

fn codes(plan: &ProgrammePlan, standard: &TrainingStandard) -> Vec<ReasonCode> {
    programme::decide(standard, plan, &rules())
        .reasons
        .iter()
        .map(|r| r.code)
        .collect()
}

/// Units of 1 to 6, each with OJT and Off-JT hours of 1 to 200 (at least one hour in all).
fn unit_hours() -> impl Strategy<Value = Vec<(u32, u32)>> {
    vec((1u32..200, 0u32..200), 1..6)
}

proptest! {
    #[test]
    fn more_hours_in_a_unit_never_add_a_reason(
        units in unit_hours(),
        pick in any::<prop::sample::Index>(),
        more_ojt in 0u32..50,
        more_off in 0u32..50,
    ) {
        let std = standard(&units);
        let mut richer = units.clone();
        let i = pick.index(units.len());
        richer[i] = (units[i].0 + more_ojt, units[i].1 + more_off);
        let before = codes(&plan(&units, 12), &std);
        let after = codes(&plan(&richer, 12), &std);
        prop_assert!(before.is_empty());
        prop_assert!(after.iter().all(|c| before.contains(c)), "{before:?} then {after:?}");
    }

    #[test]
    fn one_hour_short_in_a_unit_is_its_own_reason(
        units in unit_hours(),
        pick in any::<prop::sample::Index>(),
    ) {
        let std = standard(&units);
        let i = pick.index(units.len());
        let mut short = units.clone();
        short[i].0 -= 1;
        prop_assume!(short.iter().any(|(o, f)| o + f > 0));
        prop_assert_eq!(
            codes(&plan(&short, 12), &std),
            vec![ReasonCode::UnitOjtHoursBelowStandard]
        );
    }

    #[test]
    fn more_attendance_never_takes_the_certificate_away(
        units in unit_hours(),
        ojt in 0u32..1200,
        off in 0u32..1200,
        more in 0u32..300,
    ) {
        let p = plan(&units, 12);
        let all_passed: Vec<UnitScore> = (0..units.len())
            .map(|i| UnitScore { code: code(i), score: Score::MAX })
            .collect();
        let decide = |ojt: u32, off: u32| {
            programme::decide_completion(
                &p,
                &all_passed,
                Attended { ojt: hours(ojt), off_jt: hours(off) },
                &rules(),
            )
            .unwrap()
            .completion_certificate
        };
        let scheduled: u32 = units.iter().map(|(o, f)| o + f).sum();
        let counted = ojt.min(units.iter().map(|u| u.0).sum()) + off.min(units.iter().map(|u| u.1).sum());
        // 80% of the planned hours, by cross-multiplication.
        prop_assert_eq!(decide(ojt, off), counted * 100 >= scheduled * 80);
        if decide(ojt, off) {
            prop_assert!(decide(ojt + more, off));
            prop_assert!(decide(ojt, off + more));
        }
    }

    #[test]
    fn a_higher_score_never_fails_a_unit_and_the_share_is_counted_by_units(
        scores in vec(0u32..=100, 1..8),
        pick in any::<prop::sample::Index>(),
        raise in 0u32..=100,
    ) {
        let units: Vec<(u32, u32)> = scores.iter().map(|_| (10, 0)).collect();
        let p = plan(&units, 12);
        let mark = rules().work_study.internal_unit_pass_score.value.value();
        let passed_with = |scores: &[u32]| {
            let evaluations: Vec<UnitScore> = scores
                .iter()
                .enumerate()
                .map(|(i, s)| UnitScore { code: code(i), score: Score::whole(*s).unwrap() })
                .collect();
            let attended = Attended { ojt: p.ojt_hours(), off_jt: Hours::ZERO };
            programme::decide_completion(&p, &evaluations, attended, &rules())
                .unwrap()
                .internal_passed
        };
        let passing = scores.iter().filter(|s| rust_decimal::Decimal::from(**s) >= mark).count();
        // 70% of the units, by cross-multiplication.
        prop_assert_eq!(passed_with(&scores), passing * 100 >= scores.len() * 70);
        let i = pick.index(scores.len());
        let mut higher = scores.clone();
        higher[i] = (scores[i] + raise).min(100);
        if passed_with(&scores) {
            prop_assert!(passed_with(&higher));
        }
    }
}

#[test]
fn hours_past_the_largest_are_refused_not_a_panic() {
    let huge: Vec<(u32, u32)> = (0..3).map(|_| (60_000, 0)).collect();
    let spec = ProgrammePlanSpec {
        months: 12,
        units: huge
            .iter()
            .enumerate()
            .map(|(i, (ojt, off))| ProgrammeUnit {
                code: code(i),
                ojt_hours: hours(*ojt),
                off_jt_hours: hours(*off),
            })
            .collect(),
        evaluation: EvaluationPlan::example(),
    };
    assert!(ProgrammePlan::new(spec).is_err());
}

#[test]
fn the_length_is_read_at_the_packs_bounds() {
    let r = rules();
    let (min, max) = (
        r.work_study.programme_min_months.value,
        r.work_study.programme_max_months.value,
    );
    let units = [(10, 10)];
    let std = standard(&units);
    assert!(codes(&plan(&units, min), &std).is_empty());
    assert!(codes(&plan(&units, max), &std).is_empty());
    assert_eq!(
        codes(&plan(&units, min - 1), &std),
        vec![ReasonCode::ProgrammeTooShort]
    );
    assert_eq!(
        codes(&plan(&units, max + 1), &std),
        vec![ReasonCode::ProgrammeTooLong]
    );
}
