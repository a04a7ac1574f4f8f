//! The conformance cases of work-study programmes (일학습병행과정) (feature `testing`): a
//! programme approved against its training standard (교육훈련기준), its units' internal
//! evaluations (내부평가) on a learner's contract, and the completion certificate (이수증명서)
//! the core decides from the contract's ledger; and the refusals that must be typed and leave
//! nothing behind (an undesignated or suspended company, a programme below its standard, a
//! learner of another company, a unit not in the programme, a score out of range, a
//! certificate the core does not issue). Every expectation of a rule is computed by asking the
//! core directly.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use chrono::{NaiveDate, NaiveTime};
use cqnet_core::learning_time::{Session, TrainingKind};
use cqnet_core::programme::{self, Attended, EvaluationPlan, ProgrammePlan, UnitScore};
use cqnet_core::sanction::{Ground, Measure};
use cqnet_core::{Hours, ReasonCode, Score, UnitCode};

use super::work_study::{
    KoreanDay, agency, company_staff, conflict_kind, designated, meta_at, next_day, refused_codes,
    rules, service, service_conflict,
};
use super::work_study_learners::contract_of;
use crate::testing::key;
use crate::training::{Institution, InstitutionId, InstitutionKind, ServiceError};
use crate::work_study::*;
use crate::{ConflictKind, ManualClock, Store, StoreError};

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

fn entry(session: Session) -> TrainingDayEntry {
    TrainingDayEntry {
        session,
        pregnant: false,
        public_holiday: false,
    }
}

fn evaluation(
    programme: ProgrammeId,
    unit: &UnitCode,
    score: u32,
    on: NaiveDate,
) -> InternalEvaluationEntry {
    InternalEvaluationEntry {
        programme,
        unit: unit.clone(),
        score: Score::whole(score).unwrap(),
        evaluated_on: on,
    }
}

fn units(p: &NewProgramme) -> Vec<UnitCode> {
    p.plan.spec().units.iter().map(|u| u.code.clone()).collect()
}

/// The core's reason codes for the completion of `plan` with these scores and hours, on `on`.
fn completion_codes(
    plan: &ProgrammePlan,
    scores: &[(&UnitCode, u32)],
    ojt: u32,
    off_jt: u32,
    on: NaiveDate,
) -> Vec<ReasonCode> {
    let scores: Vec<UnitScore> = scores
        .iter()
        .map(|(code, score)| UnitScore {
            code: (*code).clone(),
            score: Score::whole(*score).unwrap(),
        })
        .collect();
    let attended = Attended {
        ojt: Hours::whole(ojt).unwrap(),
        off_jt: Hours::whole(off_jt).unwrap(),
    };
    programme::decide_completion(plan, &scores, attended, &rules(&on.to_string()))
        .unwrap()
        .reasons
        .iter()
        .map(|r| r.code)
        .collect()
}

fn other_company<S: Store + WorkStudyStore + ?Sized>(
    store: &S,
    w: &crate::testing::World,
    n: u128,
) -> InstitutionId {
    let other = Institution::new(
        InstitutionId::from_u128(n),
        "(주)정밀조립",
        InstitutionKind::Company,
    )
    .unwrap();
    store.create_institution(&w.staff, &other).unwrap();
    other.id()
}

fn set_day(clock: &ManualClock, d: NaiveDate) {
    clock.set(crate::testing::instant(&format!("{d}T01:00:00Z")));
}

/// A programme from its approval to a learner's completion certificate: the agency approves
/// it as the core decides, idempotent by key; the company records the internal evaluations of
/// its units (the latest of a unit counts) and the learner's days; the certificate is refused
/// with the core's reasons until the ledger and the evaluations reach the pass, then issued
/// once, from the ledger's hours, never from numbers the caller gives.
pub fn work_study_programme_to_certificate<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let company = w.company.id();
    let staff = company_staff(company);
    designated(&service, &clock, company, CompanyFacts::example());
    let new = NewProgramme::example(ProgrammeId::from_u128(1), company);
    let today = clock.now_day();
    assert!(new.decision(&rules(&today.to_string())).approvable);

    // The company's own staff may not approve it; nothing is stored.
    assert!(matches!(
        service.approve_programme(&staff, &key("programme-staff"), &new),
        Err(ServiceError::Refused { .. })
    ));
    assert!(matches!(
        service.store().programme(new.programme),
        Err(StoreError::NotFound { .. })
    ));

    let approved = service
        .approve_programme(&agency(), &key("programme"), &new)
        .unwrap();
    assert_eq!(approved.value.approved_on, today);
    assert_eq!(approved.value.plan, new.plan);
    assert_eq!(service.store().programme(new.programme).unwrap(), approved);
    assert_eq!(
        service.store().programmes(company).unwrap(),
        vec![approved.clone()]
    );
    let lines = service.store().audit_entries(None, 1000).unwrap();
    assert_eq!(lines.last().unwrap().command, "approve_programme");
    // A retry answers the same and writes nothing more; another payload under the key is refused.
    assert_eq!(
        service
            .approve_programme(&agency(), &key("programme"), &new)
            .unwrap(),
        approved
    );
    assert_eq!(
        service.store().audit_entries(None, 1000).unwrap().len(),
        lines.len()
    );
    let other_payload = NewProgramme {
        programme: ProgrammeId::from_u128(2),
        ..new.clone()
    };
    assert!(matches!(
        service.approve_programme(&agency(), &key("programme"), &other_payload),
        Err(ServiceError::Store(StoreError::IdempotencyConflict { .. }))
    ));
    assert_eq!(service.store().programmes(company).unwrap().len(), 1);

    // A learner under contract, two days of OJT and Off-JT.
    let contract = contract_of(1, "learner-1", company, today);
    let id = contract.contract;
    service
        .conclude_contract(&staff, &key("contract"), &contract)
        .unwrap();
    let first = today;
    for (n, offset) in [0u64, 1].into_iter().enumerate() {
        let on = first + chrono::Days::new(offset);
        set_day(&clock, on);
        let ojt = session(TrainingKind::Ojt, on, "09:00", "16:00", 6);
        service
            .record_training_day(&staff, &key(&format!("ojt-{n}")), id, &entry(ojt))
            .unwrap();
        let off = session(TrainingKind::OffJt, on, "16:00", "18:00", 2);
        service
            .record_training_day(&staff, &key(&format!("off-{n}")), id, &entry(off))
            .unwrap();
    }
    let [a, b] = <[UnitCode; 2]>::try_from(units(&new)).unwrap();

    // A unit passes on the core's mark; the latest evaluation of a unit counts.
    let on = clock.now_day();
    let high = 85;
    let low = 40;
    assert!(programme::unit_passes(
        Score::whole(high).unwrap(),
        &rules(&on.to_string())
    ));
    assert!(!programme::unit_passes(
        Score::whole(low).unwrap(),
        &rules(&on.to_string())
    ));
    let with_a = service
        .record_internal_evaluation(
            &staff,
            &key("eval-a"),
            id,
            &evaluation(new.programme, &a, high, on),
        )
        .unwrap();
    assert_eq!(with_a.value.programme, Some(new.programme));
    assert!(with_a.value.evaluations[0].passed);
    let with_b = service
        .record_internal_evaluation(
            &staff,
            &key("eval-b"),
            id,
            &evaluation(new.programme, &b, low, on),
        )
        .unwrap();
    assert!(!with_b.value.evaluations[1].passed);
    // A retry answers the same.
    assert_eq!(
        service
            .record_internal_evaluation(
                &staff,
                &key("eval-b"),
                id,
                &evaluation(new.programme, &b, low, on)
            )
            .unwrap(),
        with_b
    );
    // The same unit twice on a day is refused.
    assert!(matches!(
        service.record_internal_evaluation(
            &staff,
            &key("eval-b-again"),
            id,
            &evaluation(new.programme, &b, high, on)
        ),
        Err(ServiceError::Store(StoreError::AlreadyExists { .. }))
    ));

    // 12 of 18 OJT hours and 4 of 6 Off-JT: attendance short; B failed: the internal pass too.
    let oracle = completion_codes(&new.plan, &[(&a, high), (&b, low)], 12, 4, on);
    assert_eq!(
        oracle,
        vec![
            ReasonCode::AttendanceBelowMinimum,
            ReasonCode::InternalUnitPassRatioBelowMinimum
        ]
    );
    assert_eq!(
        refused_codes(service.issue_completion_certificate(&agency(), &key("cert-1"), id)),
        oracle
    );
    assert!(
        service
            .store()
            .audit_entries(None, 1000)
            .unwrap()
            .last()
            .unwrap()
            .outcome
            .starts_with("refused")
    );
    // The store asked directly refuses the same.
    assert_eq!(
        conflict_kind(service.store().change_contract(
            &meta_at(agency(), &format!("{on}T01:00:00Z")),
            &key("cert-direct"),
            id,
            &ContractChange::CompletionCertificate
        )),
        ConflictKind::CompletionRefused
    );

    // A third day of OJT, and B again above the mark.
    next_day(&clock);
    let third = clock.now_day();
    let ojt = session(TrainingKind::Ojt, third, "09:00", "16:00", 6);
    service
        .record_training_day(&staff, &key("ojt-2"), id, &entry(ojt))
        .unwrap();
    let again = 70;
    assert!(programme::unit_passes(
        Score::whole(again).unwrap(),
        &rules(&third.to_string())
    ));
    service
        .record_internal_evaluation(
            &staff,
            &key("eval-b-2"),
            id,
            &evaluation(new.programme, &b, again, third),
        )
        .unwrap();
    assert!(
        completion_codes(
            &new.plan,
            &[(&a, high), (&b, low), (&b, again)],
            18,
            4,
            third
        )
        .is_empty()
    );

    // The employer issues it (시행규칙 제8조); the staff of another company may not.
    let stranger = company_staff(InstitutionId::from_u128(999));
    assert!(matches!(
        service.issue_completion_certificate(&stranger, &key("cert-stranger"), id),
        Err(ServiceError::Refused { .. })
    ));
    let issued = service
        .issue_completion_certificate(&staff, &key("cert-2"), id)
        .unwrap();
    let certificate = issued.value.completion.clone().unwrap();
    assert_eq!(certificate.programme, new.programme);
    assert_eq!(certificate.issued_on, third);
    assert_eq!(certificate.ojt.scheduled, new.plan.ojt_hours());
    assert_eq!(certificate.ojt.attended, Hours::whole(18).unwrap());
    assert_eq!(certificate.off_jt.scheduled, new.plan.off_jt_hours());
    assert_eq!(certificate.off_jt.attended, Hours::whole(4).unwrap());
    assert_eq!((certificate.units_passed, certificate.units), (2, 2));
    assert_eq!(
        service
            .issue_completion_certificate(&staff, &key("cert-2"), id)
            .unwrap(),
        issued
    );
    assert!(matches!(
        service.issue_completion_certificate(&agency(), &key("cert-3"), id),
        Err(ServiceError::Store(StoreError::AlreadyExists { .. }))
    ));
    assert_eq!(service.store().learning_contract(id).unwrap(), issued);
}

/// The refusals of programmes, evaluations and certificates: each typed, each leaving the
/// records as they were.
pub fn work_study_programme_refusals_leave_nothing<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let store = service.store();
    let company = w.company.id();
    let staff = company_staff(company);
    let other = other_company(store, &w, 201);
    let suspended = other_company(store, &w, 202);

    // A company that only applied is not designated.
    service
        .apply_for_designation(
            &staff,
            &key("apply"),
            &CompanyApplication {
                company,
                facts: CompanyFacts::example(),
            },
        )
        .unwrap();
    let early = NewProgramme::example(ProgrammeId::from_u128(1), company);
    assert_eq!(
        service_conflict(service.approve_programme(&agency(), &key("early"), &early)),
        ConflictKind::NotDesignated
    );
    // An unknown company is not found.
    let nowhere = NewProgramme::example(ProgrammeId::from_u128(9), InstitutionId::from_u128(999));
    assert!(matches!(
        service.approve_programme(&agency(), &key("nowhere"), &nowhere),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));
    // Designated (review and decision), then the other two.
    next_day(&clock);
    service
        .record_site_review(
            &agency(),
            &key("review"),
            company,
            &SiteReview {
                reviewed_on: clock.now_day(),
                facilities_confirmed: true,
            },
        )
        .unwrap();
    next_day(&clock);
    service
        .designate(&agency(), &key("designate"), company)
        .unwrap();
    designated(&service, &clock, other, CompanyFacts::example());
    designated(&service, &clock, suspended, CompanyFacts::example());
    next_day(&clock);
    let today = clock.now_day();
    let suspend = MeasureOrder::new(
        vec![Ground::WageArrearsOrAccident],
        Measure::Suspension,
        Some(1),
    )
    .unwrap();
    service
        .take_measure(&agency(), &key("suspend"), suspended, &suspend)
        .unwrap();
    let of_suspended = NewProgramme::example(ProgrammeId::from_u128(3), suspended);
    assert_eq!(
        service_conflict(service.approve_programme(&agency(), &key("suspended"), &of_suspended)),
        ConflictKind::NotDesignated
    );
    assert!(store.programmes(suspended).unwrap().is_empty());

    // A programme below its standard: the core's reasons, through the service and the store.
    let good = NewProgramme::example(ProgrammeId::from_u128(4), company);
    let mut spec = good.plan.spec().clone();
    spec.units[0].ojt_hours = Hours::ZERO;
    spec.evaluation = EvaluationPlan {
        procedure: String::new(),
        ..EvaluationPlan::example()
    };
    let short = NewProgramme {
        plan: ProgrammePlan::new(spec).unwrap(),
        ..good.clone()
    };
    let oracle: Vec<ReasonCode> =
        programme::decide(&short.standard, &short.plan, &rules(&today.to_string()))
            .reasons
            .iter()
            .map(|r| r.code)
            .collect();
    assert_eq!(
        oracle,
        vec![
            ReasonCode::UnitOjtHoursBelowStandard,
            ReasonCode::InternalEvaluationPlanMissing
        ]
    );
    assert_eq!(
        refused_codes(service.approve_programme(&agency(), &key("short"), &short)),
        oracle
    );
    let at = format!("{today}T01:00:00Z");
    assert_eq!(
        conflict_kind(store.approve_programme(
            &meta_at(agency(), &at),
            &key("short-direct"),
            &short
        )),
        ConflictKind::ProgrammeRefused
    );
    assert!(store.programmes(company).unwrap().is_empty());

    // The programmes of both companies, and a contract with the first.
    let mine = service
        .approve_programme(&agency(), &key("mine"), &good)
        .unwrap();
    let theirs = service
        .approve_programme(
            &agency(),
            &key("theirs"),
            &NewProgramme::example(ProgrammeId::from_u128(5), other),
        )
        .unwrap();
    // The identifier taken.
    assert!(matches!(
        store.approve_programme(&meta_at(agency(), &at), &key("taken"), &good),
        Err(StoreError::AlreadyExists { .. })
    ));
    let contract = contract_of(1, "learner-1", company, today);
    let id = contract.contract;
    let concluded = service
        .conclude_contract(&staff, &key("contract"), &contract)
        .unwrap();
    let unit = units(&good)[0].clone();
    let unchanged = || {
        let now = store.learning_contract(id).unwrap();
        assert_eq!(now, concluded);
    };

    // A learner of another company than the programme's.
    assert_eq!(
        service_conflict(service.record_internal_evaluation(
            &staff,
            &key("theirs-eval"),
            id,
            &evaluation(theirs.value.programme, &unit, 80, today)
        )),
        ConflictKind::LearnerOfAnotherCompany
    );
    unchanged();
    // The other company's staff may not record on this contract.
    assert!(matches!(
        service.record_internal_evaluation(
            &company_staff(other),
            &key("other-staff"),
            id,
            &evaluation(mine.value.programme, &unit, 80, today)
        ),
        Err(ServiceError::Refused { .. })
    ));
    unchanged();
    // A unit not in the programme.
    let outside = UnitCode::new("9999999999_20v1").unwrap();
    assert_eq!(
        service_conflict(service.record_internal_evaluation(
            &staff,
            &key("outside"),
            id,
            &evaluation(mine.value.programme, &outside, 80, today)
        )),
        ConflictKind::UnitNotInProgramme
    );
    unchanged();
    // An unknown programme, a day after today.
    assert!(matches!(
        service.record_internal_evaluation(
            &staff,
            &key("unknown"),
            id,
            &evaluation(ProgrammeId::from_u128(77), &unit, 80, today)
        ),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));
    assert_eq!(
        service_conflict(service.record_internal_evaluation(
            &staff,
            &key("tomorrow"),
            id,
            &evaluation(mine.value.programme, &unit, 80, today.succ_opt().unwrap())
        )),
        ConflictKind::DateOutOfOrder
    );
    unchanged();
    // A score out of range cannot be built, nor read from the wire.
    assert!(Score::whole(101).is_err());
    let mut wire =
        serde_json::to_value(evaluation(mine.value.programme, &unit, 80, today)).unwrap();
    wire["score"] = serde_json::json!("101");
    assert!(serde_json::from_value::<InternalEvaluationEntry>(wire).is_err());
    // A certificate without an evaluation.
    assert_eq!(
        service_conflict(service.issue_completion_certificate(&agency(), &key("cert"), id)),
        ConflictKind::CompletionRefused
    );
    unchanged();
    // One programme a contract.
    service
        .record_internal_evaluation(
            &staff,
            &key("mine-eval"),
            id,
            &evaluation(mine.value.programme, &unit, 80, today),
        )
        .unwrap();
    let second = NewProgramme::example(ProgrammeId::from_u128(6), company);
    let second = service
        .approve_programme(&agency(), &key("second"), &second)
        .unwrap();
    assert_eq!(
        service_conflict(service.record_internal_evaluation(
            &staff,
            &key("second-eval"),
            id,
            &evaluation(second.value.programme, &unit, 80, today)
        )),
        ConflictKind::ProgrammeMismatch
    );
    assert_eq!(
        store.learning_contract(id).unwrap().value.evaluations.len(),
        1
    );
}
