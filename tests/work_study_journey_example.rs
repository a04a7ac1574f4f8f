//! Runs `examples/work_study_journey.rs` in memory and checks what it printed against the
//! store's records and the core's own decisions on the same facts.
#![allow(clippy::unwrap_used)]

#[path = "../examples/work_study_journey.rs"]
#[allow(dead_code)]
mod example;

use cqnet::adapters::memory::MemoryStore;
use cqnet::core::certificate::QualificationNumber;
use cqnet::core::learning_time::{Circumstances, TrainingKind, decide_session};
use cqnet::core::rules::RulePack;
use cqnet::core::{Hours, ReasonCode};

#[test]
fn the_cohort_goes_from_the_company_to_the_conversion() {
    let mut out = String::new();
    let journey = example::run(MemoryStore::new(), &mut out).expect("the journey runs");

    // The refused night OJT: the core's answer to the same session without the agreement.
    let night_day = journey.night_day.unwrap();
    let rules = RulePack::embedded().rules_at(night_day).unwrap();
    let (from, until, hours) = example::NIGHT;
    let session = example::session(TrainingKind::Ojt, night_day, from, until, hours).unwrap();
    let circumstances = Circumstances {
        born_on: "2003-05-06".parse().unwrap(),
        pregnant: false,
        written_agreement: false,
        ministry_authorised: false,
        public_holiday: false,
    };
    let core = decide_session(&session, &circumstances, Hours::ZERO, &rules);
    assert!(!core.allowed);
    let codes: Vec<ReasonCode> = core.reasons.iter().map(|r| r.code).collect();
    assert_eq!(journey.night_refusal, codes);
    for r in &core.reasons {
        let line = format!("{} — {} / {}", r.code, r.message.ko, r.message.en);
        assert!(out.contains(&line), "missing {line:?} in\n{out}");
    }
    assert!(out.contains(&ReasonCode::NightHolidayOjtWithoutAgreement.to_string()));
    // The night asked for fell on a working day of the pack: the refusal is the night's.
    assert!(!rules.work_study.holidays.value.is_holiday(night_day, false));

    // The failed sitting's reasons are printed, the unit pass ratio among them.
    assert!(
        journey
            .failure_reasons
            .contains(&ReasonCode::ExternalUnitPassRatioBelowMinimum)
    );
    assert!(out.contains(&ReasonCode::ExternalUnitPassRatioBelowMinimum.to_string()));

    // Every learner certified; the one who failed sat twice; everyone passed and converted.
    assert_eq!(journey.rows.len() as u128, example::LEARNERS);
    for row in &journey.rows {
        assert!(row.certificate.is_some(), "{row:?}");
        let failing = row.learner == format!("learner-{}", example::FAILING_LEARNER);
        assert_eq!(row.sittings, if failing { 2 } else { 1 }, "{row:?}");
        assert!(row.passed && row.converted, "{row:?}");
    }
    // Each pass has its certificate: a qualification number the core reads (its check
    // character included), one a learner, printed beside the name the contract writes.
    let mut numbers = Vec::new();
    for (n, row) in journey.rows.iter().enumerate() {
        let number = row.qualification_number.as_deref().unwrap();
        number
            .parse::<QualificationNumber>()
            .unwrap_or_else(|e| panic!("{number}: {e}"));
        let line = format!("{} {}: 자격번호 {number}", row.learner, example::NAMES[n]);
        assert!(out.contains(&line), "missing {line:?} in\n{out}");
        numbers.push(number);
    }
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), journey.rows.len(), "one number a learner");
    let passed = journey.rows.iter().filter(|r| r.passed).count();
    let last = out.lines().last().unwrap();
    assert!(
        last.contains(&format!("{passed} passed the external evaluation")),
        "{last}"
    );
    // The duty's legal basis, from the pack, is printed for each conversion.
    let basis = rules
        .learning_contract
        .conversion_after_pass
        .basis
        .citation()
        .to_string();
    assert!(out.matches(&basis).count() >= passed, "{basis}");
}
