//! How long the pure decisions take.
//!
//! `course_based/12_units` decides completion, scores and pass for a trainee of 12 competency
//! units with 3 internal rounds each and an external evaluation: the per-trainee cost of a
//! cohort run. Figures are in `docs/performance.md`.

use std::hint::black_box;

use cqnet::core::course_based::{self, ExternalScores, TraineeRecord, UnitRecord};
use cqnet::core::rules::RulePack;
use cqnet::core::work_study::{self, LearnerRecord, TrainingHours, UnitResult};
use cqnet::core::{ExamStandard, Hours, NcsUnitCode, Score};
use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;

fn score(n: i64) -> Score {
    Score::new(Decimal::new(n, 1)).expect("bench scores are in range")
}

fn twelve_unit_trainee() -> TraineeRecord {
    let units = (0..12)
        .map(|i| {
            let code = NcsUnitCode::new(&format!("15010202{:02}_14v2", i + 1)).expect("valid code");
            let scheduled = Hours::whole(40 + i).expect("hours");
            let attended = Hours::whole(36 + i).expect("hours");
            let rounds = vec![
                Some(score(805 + i64::from(i))),
                Some(score(752)),
                Some(score(901)),
            ];
            UnitRecord::new(Some(code), scheduled, attended, rounds).expect("valid unit")
        })
        .collect();
    TraineeRecord::new(units)
        .expect("valid record")
        .with_external(ExternalScores::new(score(820), score(875)))
}

fn bench_decisions(c: &mut Criterion) {
    let rules = RulePack::embedded().newest();
    let exam = ExamStandard::from_rules(&rules);
    let trainee = twelve_unit_trainee();
    assert_eq!(
        course_based::decide(&trainee, &exam, &rules).passed,
        Some(true),
        "the bench trainee passes, so every step of the decision runs"
    );
    c.bench_function("course_based/12_units", |b| {
        b.iter(|| course_based::decide(black_box(&trainee), black_box(&exam), black_box(&rules)))
    });

    let learner = LearnerRecord::new(
        TrainingHours::new(Hours::whole(600).expect("h"), Hours::whole(540).expect("h"))
            .expect("ojt"),
        TrainingHours::new(Hours::whole(200).expect("h"), Hours::whole(180).expect("h"))
            .expect("off"),
        (0..12).map(|i| UnitResult::new(None, i % 5 != 0)).collect(),
    )
    .expect("valid learner")
    .with_external((0..12).map(|i| UnitResult::new(None, i % 4 != 0)).collect())
    .expect("valid external");
    c.bench_function("work_study/12_units", |b| {
        b.iter(|| work_study::decide(black_box(&learner), black_box(&rules)))
    });

    c.bench_function("rule_pack/rules_at", |b| {
        let date = "2026-06-30".parse().expect("date");
        b.iter(|| RulePack::embedded().rules_at(black_box(date)))
    });
}

criterion_group!(benches, bench_decisions);
criterion_main!(benches);
