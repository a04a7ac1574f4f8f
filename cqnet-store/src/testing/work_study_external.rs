//! The conformance cases of a learning worker's external evaluation (외부평가) (feature
//! `testing`): eligibility from the completion certificate (이수증명서), the pass decided by
//! the core on the units passed, a fail and the extensions the employer owes for it (one for
//! each failure, at most the pack's count), a retake inside the retake window (재응시 기간)
//! and one outside it, and the pass that ends the contract and opens the conversion. Every
//! expectation of a rule is computed by asking the core directly.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};
use cqnet_core::Track;
use cqnet_core::exam::{ExamPlan, ExamPlanSpec, SystemCode, decide_retake_window};
use cqnet_core::extension::{self, ExtensionRequest};
use cqnet_core::learning_time::{Session, TrainingKind};
use cqnet_core::window::TimeWindow;
use cqnet_core::work_study::{self, UnitResult};
use cqnet_core::{Hours, ReasonCode, Score, UnitCode};

use super::work_study::{
    KoreanDay, agency, company_staff, conflict_kind, designated, meta_at, refused_codes, rules,
    service, service_conflict,
};
use super::work_study_learners::contract_of;
use crate::blocking::WorkStudyService;
use crate::exam::{ExamRound, ExamStore, RoundId, Venue, VenueCode};
use crate::testing::World;
use crate::testing::key;
use crate::training::ServiceError;
use crate::work_study::*;
use crate::{ConflictKind, ManualClock, Store, StoreError, Versioned};

fn session(kind: TrainingKind, on: NaiveDate, from: &str, until: &str, hours: u32) -> Session {
    let time = |s: &str| s.parse::<NaiveTime>().unwrap();
    Session::new(
        kind,
        on,
        time(from),
        time(until),
        Hours::whole(hours).unwrap(),
        false,
    )
    .unwrap()
}

fn day_entry(session: Session) -> TrainingDayEntry {
    TrainingDayEntry {
        session,
        pregnant: false,
        public_holiday: false,
    }
}

pub(crate) fn set_day(clock: &ManualClock, d: NaiveDate) {
    clock.set(crate::testing::instant(&format!("{d}T01:00:00Z")));
}

/// `passed` of `total` units.
pub(crate) fn units(passed: usize, total: usize) -> Vec<UnitResult> {
    (0..total)
        .map(|i| UnitResult::new(None, i < passed))
        .collect()
}

pub(crate) fn sitting(
    round: &str,
    sat_on: NaiveDate,
    announced_on: NaiveDate,
    units: Vec<UnitResult>,
) -> ExternalResultEntry {
    ExternalResultEntry {
        round: RoundId::new(round).unwrap(),
        sat_on,
        announced_on,
        units,
    }
}

/// The sitting of round `n` of `system` in `sat_on`'s year, published in the exam store first
/// for the world's work-study qualification: evaluated on `sat_on`, announced at 10:00 Korean
/// time on `announced_on`, its application window closed ten days before, the year's plan
/// published in the December before.
pub(crate) fn sitting_of_published<S: ExamStore + ?Sized>(
    store: &S,
    round: (SystemCode, u16),
    sat_on: NaiveDate,
    announced_on: NaiveDate,
    units: Vec<UnitResult>,
) -> ExternalResultEntry {
    let qualification = World::new(1).work_study.code().clone();
    let round = published_round(store, &qualification, round, sat_on, announced_on);
    sitting(&round.id().to_string(), sat_on, announced_on, units)
}

/// Round `n` of `system` in `sat_on`'s year for `qualification`, published in the exam store:
/// evaluated on `sat_on`, announced at 10:00 Korean time on `announced_on`, published by the
/// agency on the plan's day.
pub(crate) fn published_round<S: ExamStore + ?Sized>(
    store: &S,
    qualification: &cqnet_core::QualificationCode,
    (system, n): (SystemCode, u16),
    sat_on: NaiveDate,
    announced_on: NaiveDate,
) -> ExamRound {
    let at = |d: NaiveDate, time: &str| {
        chrono::DateTime::parse_from_rfc3339(&format!("{d}T{time}+09:00")).unwrap()
    };
    let plan = ExamPlan::new(ExamPlanSpec {
        year: sat_on.year(),
        round: n,
        system,
        qualifications: vec![qualification.clone()],
        application_window: TimeWindow::new(
            at(sat_on - Days::new(30), "09:00:00"),
            at(sat_on - Days::new(10), "18:00:00"),
        )
        .unwrap(),
        first_day: sat_on,
        second_day: None,
        announcement: at(announced_on, "10:00:00"),
        // The year's plan is published by the end of the year before (시행령 제15조제1항).
        published_on: NaiveDate::from_ymd_opt(sat_on.year() - 1, 12, 1).unwrap(),
    })
    .unwrap();
    let venue = Venue::new(VenueCode::new("w1").unwrap(), "본부 시험장", 50).unwrap();
    let round = ExamRound::new(plan, vec![venue], system == SystemCode::W2).unwrap();
    store
        .create_round(
            &meta_at(
                agency(),
                &format!("{}T00:00:00Z", round.plan().spec().published_on),
            ),
            &round,
        )
        .unwrap();
    round
}

/// A designated company, its approved programme, and one learner under contract trained and
/// evaluated to the completion certificate's threshold, the certificate not yet issued.
fn trained<S: Store + WorkStudyStore + 'static>(
    service: &WorkStudyService<S, ManualClock>,
    clock: &ManualClock,
    company: crate::training::InstitutionId,
) -> (ContractId, NewProgramme) {
    let programme = NewProgramme::example(ProgrammeId::from_u128(1), company);
    let id = trained_in(service, clock, &programme);
    (id, programme)
}

/// [`trained`] in `programme`, approved for its company once the company is designated.
pub(crate) fn trained_in<S: Store + WorkStudyStore + 'static>(
    service: &WorkStudyService<S, ManualClock>,
    clock: &ManualClock,
    programme: &NewProgramme,
) -> ContractId {
    let company = programme.company;
    let staff = company_staff(company);
    designated(service, clock, company, CompanyFacts::example());
    service
        .approve_programme(&agency(), &key("programme"), programme)
        .unwrap();
    let first = clock.now_day();
    let contract = contract_of(1, "learner-1", company, first);
    let id = contract.contract;
    service
        .conclude_contract(&staff, &key("contract"), &contract)
        .unwrap();
    for offset in 0..3u64 {
        let on = first + Days::new(offset);
        set_day(clock, on);
        let ojt = session(TrainingKind::Ojt, on, "09:00", "16:00", 6);
        service
            .record_training_day(&staff, &key(&format!("ojt-{offset}")), id, &day_entry(ojt))
            .unwrap();
        if offset < 2 {
            let off = session(TrainingKind::OffJt, on, "16:00", "18:00", 2);
            service
                .record_training_day(&staff, &key(&format!("off-{offset}")), id, &day_entry(off))
                .unwrap();
        }
    }
    let on = clock.now_day();
    let codes: Vec<UnitCode> = programme
        .plan
        .spec()
        .units
        .iter()
        .map(|u| u.code.clone())
        .collect();
    for (n, unit) in codes.iter().enumerate() {
        let entry = InternalEvaluationEntry {
            programme: programme.programme,
            unit: unit.clone(),
            score: Score::whole(90).unwrap(),
            evaluated_on: on,
        };
        service
            .record_internal_evaluation(&staff, &key(&format!("eval-{n}")), id, &entry)
            .unwrap();
    }
    id
}

/// The core's decision on `entry` for the contract as stored, on the record its certificate
/// was issued on.
fn oracle<S: Store + WorkStudyStore + 'static>(
    service: &WorkStudyService<S, ManualClock>,
    id: ContractId,
    entry: &ExternalResultEntry,
) -> work_study::WorkStudyDecision {
    let contract = service.store().learning_contract(id).unwrap().value;
    let certificate = contract.completion.clone().unwrap();
    let programme = service
        .store()
        .programme(certificate.programme)
        .unwrap()
        .value;
    let rules = rules(&entry.sat_on.to_string());
    let record = contract
        .completion_record(&programme, certificate.issued_on, &rules)
        .unwrap()
        .with_external(entry.units.clone())
        .unwrap();
    work_study::decide(&record, &rules)
}

fn unchanged<S: Store + WorkStudyStore + 'static>(
    service: &WorkStudyService<S, ManualClock>,
    before: &Versioned<LearningContract>,
) {
    assert_eq!(
        &service
            .store()
            .learning_contract(before.value.contract)
            .unwrap(),
        before
    );
}

/// A learner's external evaluations from eligibility to the pass: refused before the
/// completion certificate and for anyone but the agency; a fail decided by the core and kept;
/// the extension owed for each failure, never twice for one and never beyond the pack's
/// count; a retake before the last announcement or outside the retake window refused; the
/// pass that ends the contract and opens the conversion; nothing after it.
pub fn work_study_external_evaluation_to_pass<S: Store + ExamStore + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let company = w.company.id();
    let staff = company_staff(company);
    let (id, _) = trained(&service, &clock, company);
    let certified_on = clock.now_day();

    // Before the completion certificate the learner is not eligible; nothing is stored.
    let before = service.store().learning_contract(id).unwrap();
    let early = sitting("2027-W1-01", certified_on, certified_on, units(2, 2));
    assert_eq!(
        service_conflict(service.record_external_result(&agency(), &key("early"), id, &early)),
        ConflictKind::NotEligibleForExternal
    );
    unchanged(&service, &before);
    service
        .issue_completion_certificate(&staff, &key("certificate"), id)
        .unwrap();

    // A failed sitting: 1 of 2 units, below the core's share; recorded by the agency only.
    let sat = certified_on + Days::new(10);
    let announced = sat + Days::new(20);
    set_day(&clock, announced);
    let certified = service.store().learning_contract(id).unwrap();
    let fail = sitting_of_published(
        service.store(),
        (SystemCode::W1, 1),
        sat,
        announced,
        units(1, 2),
    );
    assert!(matches!(
        service.record_external_result(&staff, &key("fail-staff"), id, &fail),
        Err(ServiceError::Refused { .. })
    ));
    unchanged(&service, &certified);
    // A round of the course-based track, a sitting without units, an announcement before the
    // sitting: bad input, refused before anything is read.
    for (n, bad) in [
        sitting("2027-C1-01", sat, announced, units(1, 2)),
        sitting("2027-W1-01", sat, announced, Vec::new()),
        sitting("2027-W1-01", announced, sat, units(1, 2)),
    ]
    .iter()
    .enumerate()
    {
        assert!(matches!(
            service.record_external_result(&agency(), &key(&format!("bad-{n}")), id, bad),
            Err(ServiceError::Input(_))
        ));
    }
    unchanged(&service, &certified);
    // A round the exam store does not hold, a sitting on another day than the round's, an
    // announcement on another day than its: refused, nothing stored.
    let unknown = sitting(
        &format!("{}-W1-09", sat.year()),
        sat,
        announced,
        units(1, 2),
    );
    assert!(matches!(
        service.record_external_result(&agency(), &key("unknown-round"), id, &unknown),
        Err(ServiceError::Store(StoreError::NotFound {
            what: "round",
            ..
        }))
    ));
    for (n, disagrees) in [
        ExternalResultEntry {
            sat_on: sat - Days::new(1),
            ..fail.clone()
        },
        ExternalResultEntry {
            announced_on: announced - Days::new(1),
            ..fail.clone()
        },
    ]
    .iter()
    .enumerate()
    {
        assert_eq!(
            service_conflict(service.record_external_result(
                &agency(),
                &key(&format!("disagrees-{n}")),
                id,
                disagrees
            )),
            ConflictKind::ExternalResultRefused
        );
    }
    unchanged(&service, &certified);
    let expected = oracle(&service, id, &fail);
    assert_eq!(expected.passed, Some(false));
    let failed = service
        .record_external_result(&agency(), &key("fail"), id, &fail)
        .unwrap();
    let kept = &failed.value.external_results[0];
    assert!(!kept.passed);
    assert_eq!(kept.units_passed, 1);
    assert_eq!(kept.reasons, expected.reasons);
    assert!(
        kept.reasons
            .iter()
            .any(|r| r.code == ReasonCode::ExternalUnitPassRatioBelowMinimum)
    );
    assert_eq!(failed.value.status, ContractStatus::Active);
    // A retry answers the same; another sitting under the key is refused.
    assert_eq!(
        service
            .record_external_result(&agency(), &key("fail"), id, &fail)
            .unwrap(),
        failed
    );
    let other = sitting("2027-W2-01", sat, announced, units(1, 2));
    assert!(matches!(
        service.record_external_result(&agency(), &key("fail"), id, &other),
        Err(ServiceError::Store(StoreError::IdempotencyConflict { .. }))
    ));

    // The extension owed for the failure, as the core decides it; never a second for it.
    let claim = ExtensionClaim {
        failed_on: announced,
        months: 3,
        learner_requested: true,
    };
    let elsewhere = ExtensionClaim {
        failed_on: announced - Days::new(1),
        ..claim
    };
    assert_eq!(
        service_conflict(service.extend_contract(&staff, &key("extend-elsewhere"), id, &elsewhere)),
        ConflictKind::ExtensionRefused
    );
    let end = failed.value.ends_on;
    let extended = service
        .extend_contract(&staff, &key("extend-1"), id, &claim)
        .unwrap();
    assert_eq!(
        extended.value.ends_on,
        end.checked_add_months(Months::new(3)).unwrap()
    );
    assert!(extended.value.unclaimed_failures().is_empty());
    assert_eq!(
        service_conflict(service.extend_contract(&staff, &key("extend-again"), id, &claim)),
        ConflictKind::ExtensionRefused
    );

    // A retake sat before the last announcement is out of order.
    let overlapping = sitting("2027-W2-01", announced, announced, units(1, 2));
    assert_eq!(
        service_conflict(service.record_external_result(
            &agency(),
            &key("overlap"),
            id,
            &overlapping
        )),
        ConflictKind::DateOutOfOrder
    );

    // Failures and extensions up to the pack's count; the next extension is the core's no.
    let max = rules(&announced.to_string())
        .work_study
        .extension_max_count
        .value;
    let mut granted = vec![3u32];
    let mut last = announced;
    let mut current = extended;
    for n in 1..=max {
        let sat = last + Days::new(30);
        let on = sat + Days::new(20);
        set_day(&clock, on);
        let again = sitting_of_published(
            service.store(),
            (SystemCode::W2, u16::try_from(n).unwrap()),
            sat,
            on,
            units(1, 2),
        );
        current = service
            .record_external_result(&agency(), &key(&format!("fail-{n}")), id, &again)
            .unwrap();
        assert!(!current.value.external_results.last().unwrap().passed);
        last = on;
        let claim = ExtensionClaim {
            failed_on: on,
            months: 1,
            learner_requested: true,
        };
        if n < max {
            current = service
                .extend_contract(&staff, &key(&format!("extend-{}", n + 1)), id, &claim)
                .unwrap();
            granted.push(1);
        } else {
            let decision = extension::decide(
                &ExtensionRequest::new(current.value.ends_on, granted.clone(), 1, false, true)
                    .unwrap(),
                &rules(&on.to_string()),
            );
            assert!(!decision.must_extend);
            let codes: Vec<ReasonCode> = decision.reasons.iter().map(|r| r.code).collect();
            assert!(codes.contains(&ReasonCode::ExtensionCountExceeded));
            assert_eq!(
                refused_codes(service.extend_contract(&staff, &key("extend-over"), id, &claim)),
                codes
            );
            unchanged(&service, &current);
        }
    }

    // A retake outside the retake window the first announcement opened: the core's no, from
    // the service and from the store asked directly.
    let late_sat = announced.checked_add_months(Months::new(13)).unwrap();
    let late_on = late_sat + Days::new(20);
    set_day(&clock, late_on);
    let window = decide_retake_window(
        Track::WorkStudy,
        announced,
        late_sat,
        &rules(&late_sat.to_string()),
    )
    .unwrap();
    assert!(!window.allowed);
    let late = sitting("2028-W1-01", late_sat, late_on, units(2, 2));
    let window_codes: Vec<ReasonCode> = window.reasons.iter().map(|r| r.code).collect();
    assert_eq!(
        refused_codes(service.record_external_result(&agency(), &key("late"), id, &late)),
        window_codes
    );
    assert_eq!(
        conflict_kind(service.store().change_contract(
            &meta_at(agency(), &format!("{late_on}T01:00:00Z")),
            &key("late-direct"),
            id,
            &ContractChange::ExternalResult(late)
        )),
        ConflictKind::ExternalResultRefused
    );
    unchanged(&service, &current);

    // The pass inside the window: the contract ends on its announcement, the conversion opens.
    let pass_sat = last + Days::new(30);
    let pass_on = pass_sat + Days::new(20);
    assert!(
        decide_retake_window(
            Track::WorkStudy,
            announced,
            pass_sat,
            &rules(&pass_sat.to_string())
        )
        .unwrap()
        .allowed
    );
    set_day(&clock, pass_on);
    let pass = sitting_of_published(
        service.store(),
        (SystemCode::W2, 10),
        pass_sat,
        pass_on,
        units(2, 2),
    );
    assert_eq!(oracle(&service, id, &pass).passed, Some(true));
    let passed = service
        .record_external_result(&agency(), &key("pass"), id, &pass)
        .unwrap();
    assert!(passed.value.external_results.last().unwrap().passed);
    assert_eq!(passed.value.status, ContractStatus::Passed { on: pass_on });
    assert!(passed.value.conversion_open());

    // Nothing is sat after the pass.
    let after_sat = pass_on + Days::new(30);
    set_day(&clock, after_sat + Days::new(20));
    let after = sitting(
        "2027-W2-01",
        after_sat,
        after_sat + Days::new(20),
        units(2, 2),
    );
    assert_eq!(
        service_conflict(service.record_external_result(&agency(), &key("after"), id, &after)),
        ConflictKind::ContractEnded
    );
    unchanged(&service, &passed);
    let commands: Vec<String> = service
        .store()
        .audit_entries(None, 1000)
        .unwrap()
        .into_iter()
        .map(|e| e.command)
        .collect();
    assert!(commands.iter().any(|c| c == "record_external_result"));
    assert!(commands.iter().any(|c| c == "extend_contract"));
}
