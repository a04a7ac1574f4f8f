//! A cohort of 과정평가형 trainees through a designated course, decided on the embedded rules.
//!
//! ```text
//! cargo run --example course_based_journey
//! ```
//!
//! Each trainee's attendance and internal evaluation rounds per competency unit (능력단위) are
//! decided with the core; the program prints who completed (이수) and may sit the external
//! evaluation (외부평가), why the others may not, in Korean and English, and then who passed.

use cqnet::core::course_based::{self, ExternalScores, TraineeRecord, UnitRecord};
use cqnet::core::rules::{RuleDate, RulePack};
use cqnet::core::{ExamStandard, Hours, InputError, NcsUnitCode, Score};

/// The course: 용접산업기사-like units with their scheduled hours.
const UNITS: [(&str, u32); 4] = [
    ("1501020207_14v2", 40),
    ("1501020208_14v2", 30),
    ("1501020209_14v2", 50),
    ("1501020210_14v2", 40),
];

/// A trainee: name, attended hours per unit, internal rounds per unit, external scores.
type Trainee = (
    &'static str,
    [u32; 4],
    [&'static [Option<u32>]; 4],
    Option<(u32, u32)>,
);

const COHORT: [Trainee; 5] = [
    (
        "김민준",
        [40, 30, 48, 38],
        [
            &[Some(85), Some(90)],
            &[Some(80)],
            &[Some(75), Some(88)],
            &[Some(92)],
        ],
        Some((84, 90)),
    ),
    (
        "이서연",
        [30, 23, 38, 30],
        [&[Some(70)], &[Some(66)], &[Some(72), Some(65)], &[Some(70)]],
        Some((70, 75)),
    ),
    (
        "박지호",
        [29, 30, 50, 40],
        [&[Some(95)], &[Some(90)], &[Some(88)], &[Some(91)]],
        None,
    ),
    (
        "최하은",
        [40, 30, 50, 40],
        [&[Some(38), Some(85)], &[Some(90)], &[None], &[Some(88)]],
        None,
    ),
    (
        "정도윤",
        [36, 28, 45, 40],
        [&[Some(78)], &[Some(82)], &[Some(80)], &[Some(79)]],
        None,
    ),
];

fn record(trainee: &Trainee) -> Result<TraineeRecord, InputError> {
    let (_, attended, rounds, external) = trainee;
    let mut units = Vec::new();
    for (i, (code, hours)) in UNITS.iter().enumerate() {
        let scores = rounds[i]
            .iter()
            .map(|r| r.map(|s| Score::new(s.into())).transpose())
            .collect::<Result<Vec<_>, _>>()?;
        units.push(UnitRecord::new(
            Some(NcsUnitCode::new(code)?),
            Hours::whole(*hours)?,
            Hours::whole(attended[i])?,
            scores,
        )?);
    }
    let mut record = TraineeRecord::new(units)?;
    if let Some((written, practical)) = external {
        record = record.with_external(ExternalScores::new(
            Score::new((*written).into())?,
            Score::new((*practical).into())?,
        ));
    }
    Ok(record)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let course_start = "2026-03-02".parse()?;
    let rules = RulePack::embedded().rules_for(RuleDate::CohortStartedOn(course_start))?;
    let exam = ExamStandard::from_rules(&rules);
    println!(
        "rules: {} as of {} ({:?})\n",
        rules.pack, rules.date, rules.basis
    );

    for trainee in &COHORT {
        let decision = course_based::decide(&record(trainee)?, &exam, &rules);
        let name = trainee.0;
        if decision.eligible_for_external {
            println!(
                "{name}: 이수 — 외부평가 응시 가능 / completed — may sit the external evaluation"
            );
        } else {
            println!(
                "{name}: 미이수 — 외부평가 응시 불가 / not completed — may not sit the external evaluation"
            );
        }
        for reason in &decision.reasons {
            println!(
                "    - {}\n      {}\n      [{}]",
                reason.message.ko,
                reason.message.en,
                reason.legal_basis.citation()
            );
        }
        match (decision.final_score, decision.passed) {
            (Some(score), Some(true)) => {
                println!("    최종 {:.2}점 합격 / final {:.2}: passed", score, score)
            }
            (Some(score), Some(false)) => println!(
                "    최종 {:.2}점 불합격 / final {:.2}: not passed",
                score, score
            ),
            _ => {}
        }
    }
    Ok(())
}
