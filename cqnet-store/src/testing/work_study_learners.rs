//! The conformance cases of learning workers (학습근로자) and their learning-work contracts
//! (학습근로계약) (feature `testing`): a contract from its conclusion to the conversion its pass
//! leaves owed, with its OJT and Off-JT ledger; the refusals that must be typed and leave
//! nothing behind; the statement a termination keeps; the contracts of a cancelled company
//! carried on at another; and [`RACERS`] tasks concluding contracts
//! for one learner at two companies at once. Every expectation of a rule is computed by asking
//! the core directly.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::Arc;

use chrono::{Months, NaiveDate, NaiveTime};
use cqnet_core::access::PartyId;
use cqnet_core::certificate::PrintedName;
use cqnet_core::learning_contract;
use cqnet_core::learning_time::{
    self, AbsenceReason, Circumstances, Presence, Session, TrainingKind,
};
use cqnet_core::sanction::{Ground, Measure};
use cqnet_core::termination::{self, Termination, TerminationGround};
use cqnet_core::{Hours, ReasonCode};

use super::work_study::{
    KoreanDay, RACERS, START, agency, company_staff, conflict_kind, day, designated, meta_at,
    next_day, refused_codes, rules, service, service_conflict,
};
use crate::testing::{World, instant, key};
use crate::training::{Institution, InstitutionId, InstitutionKind, ServiceError};
use crate::work_study::*;
use crate::{AsyncStore, ConflictKind, ManualClock, Store, StoreError};

fn time(s: &str) -> NaiveTime {
    s.parse().expect("a valid time literal")
}

/// Terms from `start` for the pack's longest term, in writing and given to the learner on
/// `start`.
pub fn terms_from(start: NaiveDate) -> ContractTerms {
    let max = rules(&start.to_string())
        .work_study
        .contract_max_months
        .value;
    ContractTerms {
        starts_on: start,
        ends_on: start.checked_add_months(Months::new(max)).unwrap(),
        degree_course: false,
        daily_hours: Hours::whole(8).unwrap(),
        in_writing: true,
        given_to_learner_on: Some(start),
    }
}

/// A contract of `learner` (named `학습근로자 {n}`) with `company` from `start`.
pub fn contract_of(
    n: u128,
    learner: &str,
    company: InstitutionId,
    start: NaiveDate,
) -> NewContract {
    NewContract {
        contract: ContractId::from_u128(n),
        learner: PartyId::new(learner).unwrap(),
        born_on: day("2000-01-01"),
        learner_name: Some(PrintedName::new(&format!("학습근로자 {n}")).unwrap()),
        company,
        terms: terms_from(start),
    }
}

fn session(kind: TrainingKind, on: NaiveDate, from: &str, until: &str, hours: u32) -> Session {
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

/// The codes the core gives for `session` of a learner born `born_on`, with the permissions and
/// the other training's counted hours given.
fn core_codes(
    session: &Session,
    born_on: NaiveDate,
    agreement: bool,
    authorised: bool,
    other: Hours,
) -> Vec<ReasonCode> {
    let circumstances = Circumstances {
        born_on,
        pregnant: false,
        written_agreement: agreement,
        ministry_authorised: authorised,
        public_holiday: false,
    };
    let rules = RulePackRules::on(session.day());
    learning_time::decide_session(session, &circumstances, other, &rules)
        .reasons
        .iter()
        .map(|r| r.code)
        .collect()
}

struct RulePackRules;

impl RulePackRules {
    fn on(d: NaiveDate) -> cqnet_core::rules::Rules {
        cqnet_core::rules::RulePack::embedded().rules_at(d).unwrap()
    }
}

fn set_day(clock: &ManualClock, d: NaiveDate) {
    clock.set(instant(&format!("{d}T01:00:00Z")));
}

/// Installs the world and a designated company in `store` ([`install_designated`](super::work_study::install_designated))
/// and concludes, through the store's command, a contract of one learner with it, with one day
/// of OJT; answers the company, the contract and the learner (for the back ends' own checks of
/// their schema).
pub fn install_contract<S: Store + WorkStudyStore + ?Sized>(
    store: &S,
) -> (InstitutionId, ContractId, PartyId) {
    let (company, _) = super::work_study::install_designated(store);
    let new = contract_of(1, "learner-1", company, day("2026-03-02"));
    let meta = meta_at(company_staff(company), START);
    store
        .conclude_contract(&meta, &key("contract"), &new)
        .expect("conclude");
    let ojt = session(TrainingKind::Ojt, day("2026-03-02"), "09:00", "12:00", 3);
    store
        .change_contract(
            &meta,
            &key("day"),
            new.contract,
            &ContractChange::TrainingDay(entry(ojt)),
        )
        .expect("a day");
    (company, new.contract, new.learner)
}

/// A contract from its conclusion to its pass: the ledger's days as the core allows them, a
/// change of term with consent and approval, the extensions the employer owes (a third one
/// refused as the core says), and the conversion its pass leaves open until the company closes
/// it.
pub fn work_study_contract_lifecycle<S: Store + WorkStudyStore + 'static>(factory: &dyn Fn() -> S) {
    let (service, clock, w) = service(factory);
    let company = w.company.id();
    let staff = company_staff(company);
    designated(&service, &clock, company, CompanyFacts::example());
    let start = clock.now_day();
    let new = contract_of(1, "learner-1", company, start);
    let concluded = service
        .conclude_contract(&staff, &key("contract"), &new)
        .unwrap();
    assert_eq!(concluded.value.status, ContractStatus::Active);
    assert_eq!(concluded.value.ends_on, new.terms.ends_on);
    assert_eq!(concluded.value.concluded_on, start);
    // A retry answers the same and writes nothing more; another payload under the key is refused.
    let lines = service.store().audit_entries(None, 1000).unwrap().len();
    assert_eq!(
        service
            .conclude_contract(&staff, &key("contract"), &new)
            .unwrap(),
        concluded
    );
    assert_eq!(
        service.store().audit_entries(None, 1000).unwrap().len(),
        lines
    );
    let other_payload = NewContract {
        contract: ContractId::from_u128(2),
        ..new.clone()
    };
    assert!(matches!(
        service.conclude_contract(&staff, &key("contract"), &other_payload),
        Err(ServiceError::Store(StoreError::IdempotencyConflict { .. }))
    ));
    assert!(matches!(
        service.store().learning_contract(ContractId::from_u128(2)),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        service
            .store()
            .learner(&new.learner)
            .unwrap()
            .value
            .contracts,
        vec![new.contract]
    );

    // A day of OJT at the pack's longest, and a school's own Off-JT that counts no hours.
    let id = new.contract;
    let ojt_max = rules(&start.to_string())
        .work_study
        .ojt_daily_max_hours
        .value;
    let ojt = Session::new(
        TrainingKind::Ojt,
        start,
        time("09:00"),
        time("17:00"),
        ojt_max,
        false,
    )
    .unwrap();
    let recorded = service
        .record_training_day(&staff, &key("ojt-1"), id, &entry(ojt))
        .unwrap();
    assert_eq!(recorded.value.days.len(), 1);
    assert_eq!(recorded.value.days[0].counted_hours, ojt.hours());
    let school = Session::new(
        TrainingKind::OffJt,
        start,
        time("18:00"),
        time("21:00"),
        Hours::whole(3).unwrap(),
        true,
    )
    .unwrap();
    let with_school = service
        .record_training_day(&staff, &key("offjt-1"), id, &entry(school))
        .unwrap();
    let excluded = rules(&start.to_string())
        .work_study
        .school_off_jt_excluded
        .value;
    let expected = if excluded {
        Hours::ZERO
    } else {
        school.hours()
    };
    assert_eq!(with_school.value.days[1].counted_hours, expected);

    // OJT touching the night: refused with the core's reasons until the written agreement.
    next_day(&clock);
    let evening_day = clock.now_day();
    let evening = session(TrainingKind::Ojt, evening_day, "18:00", "23:00", 4);
    let oracle = core_codes(&evening, new.born_on, false, false, Hours::ZERO);
    assert_eq!(oracle, vec![ReasonCode::NightHolidayOjtWithoutAgreement]);
    assert_eq!(
        refused_codes(service.record_training_day(&staff, &key("night"), id, &entry(evening))),
        oracle
    );
    service
        .record_ojt_permission(
            &staff,
            &key("agreement"),
            id,
            &OjtPermission {
                kind: PermissionKind::WrittenAgreement,
                granted_on: evening_day,
            },
        )
        .unwrap();
    assert!(core_codes(&evening, new.born_on, true, false, Hours::ZERO).is_empty());
    let night = service
        .record_training_day(&staff, &key("night-agreed"), id, &entry(evening))
        .unwrap();
    assert!(night.value.days.last().unwrap().night);

    // An absence for the learner's own marriage counts within its days.
    next_day(&clock);
    let absent_on = clock.now_day();
    let absence = Session::checked(
        TrainingKind::Ojt,
        absent_on,
        Presence::Excused {
            reason: AbsenceReason::OwnMarriage,
            event_on: absent_on,
        },
        Hours::whole(6).unwrap(),
        false,
    )
    .unwrap();
    let excused = service
        .record_training_day(&staff, &key("absence"), id, &entry(absence))
        .unwrap();
    assert_eq!(excused.value.days.len(), 4);

    // A change of term: without the agency's approval refused, with it recorded.
    let today = clock.now_day();
    let shorter = TermChangeRequest {
        new_end: new
            .terms
            .ends_on
            .checked_sub_months(Months::new(6))
            .unwrap(),
        learner_consented: true,
        approved_on: None,
    };
    assert_eq!(
        refused_codes(service.change_contract_term(&staff, &key("term-1"), id, &shorter)),
        vec![ReasonCode::TermChangeNotApproved]
    );
    let approved = TermChangeRequest {
        approved_on: Some(today),
        ..shorter
    };
    let changed = service
        .change_contract_term(&staff, &key("term-2"), id, &approved)
        .unwrap();
    assert_eq!(changed.value.ends_on, shorter.new_end);
    assert_eq!(
        changed.value.term_changes[0].fact.previous_end,
        new.terms.ends_on
    );

    // An extension rests on a failed external evaluation the contract records: without one
    // it is refused, by the service and by the store asked directly, and nothing changes
    // (the extensions themselves are in `testing::work_study_external`).
    let claim = ExtensionClaim {
        failed_on: today,
        months: 3,
        learner_requested: true,
    };
    assert_eq!(
        service_conflict(service.extend_contract(&staff, &key("extend-unfounded"), id, &claim)),
        ConflictKind::ExtensionRefused
    );
    assert_eq!(
        conflict_kind(service.store().change_contract(
            &meta_at(
                company_staff(company),
                &crate::Clock::now(&clock).to_rfc3339()
            ),
            &key("extend-unfounded-direct"),
            id,
            &ContractChange::OwedExtension(claim)
        )),
        ConflictKind::ExtensionRefused
    );
    assert_eq!(service.store().learning_contract(id).unwrap(), changed);

    // The pass ends the contract and opens the conversion the company must close.
    let passed = service
        .record_pass(
            &agency(),
            &key("pass"),
            id,
            &PassRecord { passed_on: today },
        )
        .unwrap();
    assert_eq!(passed.value.status, ContractStatus::Passed { on: today });
    assert!(passed.value.conversion_open());
    let owed: Vec<ContractId> = service
        .store()
        .learning_contracts(company)
        .unwrap()
        .iter()
        .filter(|c| c.value.conversion_open())
        .map(|c| c.value.contract)
        .collect();
    assert_eq!(owed, vec![id]);
    // A day after the pass is refused: the contract no longer binds.
    next_day(&clock);
    let after = session(TrainingKind::Ojt, clock.now_day(), "09:00", "12:00", 3);
    assert_eq!(
        service_conflict(service.record_training_day(&staff, &key("after"), id, &entry(after))),
        ConflictKind::ContractEnded
    );
    let converted = service
        .close_conversion(
            &staff,
            &key("convert"),
            id,
            &Conversion {
                converted_on: clock.now_day(),
            },
        )
        .unwrap();
    assert!(!converted.value.conversion_open());
    assert!(matches!(
        service.close_conversion(
            &staff,
            &key("convert-again"),
            id,
            &Conversion {
                converted_on: clock.now_day()
            }
        ),
        Err(ServiceError::Store(StoreError::AlreadyExists { .. }))
    ));
    assert_eq!(service.store().learning_contract(id).unwrap(), converted);
    let commands: Vec<String> = service
        .store()
        .audit_entries(None, 1000)
        .unwrap()
        .into_iter()
        .map(|e| e.command)
        .collect();
    for command in [
        "conclude_contract",
        "record_training_day",
        "record_ojt_permission",
        "change_contract_term",
        "record_pass",
        "close_conversion",
    ] {
        assert!(
            commands.iter().any(|c| c == command),
            "no audit line of {command}"
        );
    }
}

/// Every refused contract, change or day is a typed error with the core's reasons and leaves
/// the records as they were.
pub fn work_study_contract_refusals_leave_nothing<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let store = service.store();
    let company = w.company.id();
    let staff = company_staff(company);
    let other = Institution::new(
        InstitutionId::from_u128(201),
        "(주)정밀조립",
        InstitutionKind::Company,
    )
    .unwrap();
    store.create_institution(&w.staff, &other).unwrap();
    // A company that only applied is not designated.
    let applied_only = contract_of(9, "learner-9", company, day("2026-03-02"));
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
    assert_eq!(
        service_conflict(service.conclude_contract(&staff, &key("c-applied"), &applied_only)),
        ConflictKind::NotDesignated
    );
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
    let designation = service
        .designate(&agency(), &key("designate"), company)
        .unwrap();
    let designated_on = designation.value.designated_on.unwrap();
    designated(&service, &clock, other.id(), CompanyFacts::example());
    let today = clock.now_day();
    let now = crate::Clock::now(&clock).to_rfc3339();
    let lines = || store.audit_entries(None, 10_000).unwrap().len();

    // Before the designation.
    let early = contract_of(1, "learner-1", company, designated_on.pred_opt().unwrap());
    assert_eq!(
        service_conflict(service.conclude_contract(&staff, &key("c-early"), &early)),
        ConflictKind::NotDesignated
    );
    // Not in writing, not given: the core's reasons; the store says ContractRefused.
    let spoken = NewContract {
        terms: ContractTerms {
            in_writing: false,
            given_to_learner_on: None,
            ..terms_from(designated_on)
        },
        ..contract_of(1, "learner-1", company, designated_on)
    };
    let oracle: Vec<ReasonCode> =
        learning_contract::decide(&spoken.terms.facts(), &rules(&today.to_string()))
            .unwrap()
            .reasons
            .iter()
            .map(|r| r.code)
            .collect();
    assert_eq!(
        oracle,
        vec![
            ReasonCode::ContractNotInWriting,
            ReasonCode::ContractNotGiven
        ]
    );
    let before = lines();
    assert_eq!(
        refused_codes(service.conclude_contract(&staff, &key("c-spoken"), &spoken)),
        oracle
    );
    assert_eq!(lines(), before + 1, "the refusal is audited");
    assert_eq!(
        conflict_kind(store.conclude_contract(
            &meta_at(staff.clone(), &now),
            &key("c-spoken-direct"),
            &spoken
        )),
        ConflictKind::ContractRefused
    );
    // One day too long.
    let mut long = contract_of(1, "learner-1", company, designated_on);
    long.terms.ends_on = long.terms.ends_on.succ_opt().unwrap();
    assert_eq!(
        refused_codes(service.conclude_contract(&staff, &key("c-long"), &long)),
        vec![ReasonCode::ContractTooLong]
    );
    // A degree course may run longer.
    let degree = NewContract {
        terms: ContractTerms {
            degree_course: true,
            ..long.terms
        },
        ..contract_of(3, "learner-3", company, designated_on)
    };
    service
        .conclude_contract(&staff, &key("c-degree"), &degree)
        .unwrap();
    assert!(matches!(
        store.learner(&PartyId::new("learner-1").unwrap()),
        Err(StoreError::NotFound { .. })
    ));

    // Under contract here: refused at the other company, and at this one again.
    let here = contract_of(1, "learner-1", company, designated_on);
    let concluded = service
        .conclude_contract(&staff, &key("c-1"), &here)
        .unwrap();
    let elsewhere = contract_of(2, "learner-1", other.id(), today);
    assert_eq!(
        service_conflict(service.conclude_contract(
            &company_staff(other.id()),
            &key("c-2"),
            &elsewhere
        )),
        ConflictKind::LearnerUnderContract
    );
    assert!(store.learning_contracts(other.id()).unwrap().is_empty());
    let id = here.contract;

    // A termination without a just cause, or without a written notice.
    for (ground, notice, expected) in [
        (
            TerminationGround::BusinessReasons,
            true,
            ReasonCode::NoJustCause,
        ),
        (
            TerminationGround::SeriousFault,
            false,
            ReasonCode::NoticeNotInWriting,
        ),
    ] {
        let t = ContractTermination {
            termination: Termination {
                ground,
                written_notice: notice,
                states_reason_and_date: notice,
            },
            effective_on: today,
        };
        let oracle: Vec<ReasonCode> =
            termination::decide(&t.termination, &rules(&today.to_string()))
                .reasons
                .iter()
                .map(|r| r.code)
                .collect();
        assert_eq!(oracle, vec![expected]);
        assert_eq!(
            refused_codes(service.terminate_contract(&staff, &key(&format!("t-{ground}")), id, &t)),
            oracle
        );
        assert_eq!(
            conflict_kind(store.change_contract(
                &meta_at(staff.clone(), &now),
                &key(&format!("t-{ground}-direct")),
                id,
                &ContractChange::Termination(t)
            )),
            ConflictKind::TerminationRefused
        );
    }

    // Days over the limits, as the core counts them.
    let ojt_max = rules(&today.to_string())
        .work_study
        .ojt_daily_max_hours
        .value;
    let over = Session::new(
        TrainingKind::Ojt,
        today,
        time("08:00"),
        time("18:00"),
        Hours::new(ojt_max.value() + rust_decimal::Decimal::ONE).unwrap(),
        false,
    )
    .unwrap();
    let oracle = core_codes(&over, here.born_on, false, false, Hours::ZERO);
    assert_eq!(oracle, vec![ReasonCode::OjtDailyHoursExceeded]);
    assert_eq!(
        refused_codes(service.record_training_day(&staff, &key("over"), id, &entry(over))),
        oracle
    );
    assert_eq!(
        conflict_kind(store.change_contract(
            &meta_at(staff.clone(), &now),
            &key("over-direct"),
            id,
            &ContractChange::TrainingDay(entry(over))
        )),
        ConflictKind::TrainingDayRefused
    );
    // OJT at its longest, then Off-JT that takes the day over its limit.
    let ojt = Session::new(
        TrainingKind::Ojt,
        today,
        time("09:00"),
        time("17:00"),
        ojt_max,
        false,
    )
    .unwrap();
    service
        .record_training_day(&staff, &key("ojt"), id, &entry(ojt))
        .unwrap();
    let day_max = rules(&today.to_string()).work_study.daily_max_hours.value;
    let left = day_max.value() - ojt.hours().value();
    let off = Session::new(
        TrainingKind::OffJt,
        today,
        time("17:00"),
        time("21:00"),
        Hours::new(left + rust_decimal::Decimal::ONE).unwrap(),
        false,
    )
    .unwrap();
    let oracle = core_codes(&off, here.born_on, false, false, ojt.hours());
    assert_eq!(oracle, vec![ReasonCode::DailyHoursExceeded]);
    assert_eq!(
        refused_codes(service.record_training_day(&staff, &key("off"), id, &entry(off))),
        oracle
    );
    // The same day and training twice.
    assert!(matches!(
        service.record_training_day(&staff, &key("ojt-again"), id, &entry(ojt)),
        Err(ServiceError::Store(StoreError::AlreadyExists { .. }))
    ));
    // A day in the future, and one before the contract.
    let tomorrow = session(
        TrainingKind::Ojt,
        today.succ_opt().unwrap(),
        "09:00",
        "12:00",
        3,
    );
    assert_eq!(
        service_conflict(service.record_training_day(
            &staff,
            &key("tomorrow"),
            id,
            &entry(tomorrow)
        )),
        ConflictKind::DateOutOfOrder
    );
    let before_start = session(
        TrainingKind::Ojt,
        designated_on.pred_opt().unwrap(),
        "09:00",
        "12:00",
        3,
    );
    assert_eq!(
        service_conflict(service.record_training_day(
            &staff,
            &key("before"),
            id,
            &entry(before_start)
        )),
        ConflictKind::ContractEnded
    );
    // A conversion without a pass; a transfer while the company is designated.
    assert_eq!(
        service_conflict(service.close_conversion(
            &staff,
            &key("convert"),
            id,
            &Conversion {
                converted_on: today
            }
        )),
        ConflictKind::ConversionNotOpen
    );
    assert_eq!(
        service_conflict(service.transfer_contract(&agency(), &key("move"), id, other.id())),
        ConflictKind::NotCarriedOn
    );
    // Who may act: another company's staff, and the company for the ministry's authorisation.
    assert_eq!(
        refused_codes(service.record_training_day(
            &company_staff(other.id()),
            &key("stranger"),
            id,
            &entry(tomorrow)
        )),
        vec![ReasonCode::NotOwnRecord]
    );
    let authorisation = OjtPermission {
        kind: PermissionKind::MinistryAuthorisation,
        granted_on: today,
    };
    assert_eq!(
        refused_codes(service.record_ojt_permission(&staff, &key("auth"), id, &authorisation)),
        vec![ReasonCode::NotPermitted]
    );
    assert_eq!(
        refused_codes(service.record_pass(
            &staff,
            &key("self-pass"),
            id,
            &PassRecord { passed_on: today }
        )),
        vec![ReasonCode::NotPermitted]
    );
    // Nothing of all this was written: the contract holds its one day.
    let kept = store.learning_contract(id).unwrap();
    assert_eq!(kept.value.days.len(), 1);
    assert_eq!(kept.version, concluded.version.next());
    assert!(kept.value.permissions.is_empty());
    assert_eq!(kept.value.status, ContractStatus::Active);

    // A learner under 18 on a Sunday: the agreement is not enough without the authorisation.
    let minor = NewContract {
        born_on: today.checked_sub_months(Months::new(12 * 17)).unwrap(),
        learner_name: None,
        ..contract_of(4, "learner-4", company, designated_on)
    };
    service
        .conclude_contract(&staff, &key("c-minor"), &minor)
        .unwrap();
    let sunday = (0..7)
        .map(|n| today.checked_add_days(chrono::Days::new(n)).unwrap())
        .find(|d| {
            rules(&d.to_string())
                .work_study
                .holidays
                .value
                .is_holiday(*d, false)
        })
        .unwrap();
    set_day(&clock, sunday);
    service
        .record_ojt_permission(
            &staff,
            &key("minor-agreement"),
            minor.contract,
            &OjtPermission {
                kind: PermissionKind::WrittenAgreement,
                granted_on: sunday,
            },
        )
        .unwrap();
    let holiday = session(TrainingKind::Ojt, sunday, "09:00", "12:00", 3);
    let oracle = core_codes(&holiday, minor.born_on, true, false, Hours::ZERO);
    assert_eq!(
        oracle,
        vec![ReasonCode::NightHolidayOjtWithoutAuthorisation]
    );
    assert_eq!(
        refused_codes(service.record_training_day(
            &staff,
            &key("minor-sunday"),
            minor.contract,
            &entry(holiday)
        )),
        oracle
    );
    service
        .record_ojt_permission(
            &agency(),
            &key("minor-authorised"),
            minor.contract,
            &OjtPermission {
                kind: PermissionKind::MinistryAuthorisation,
                granted_on: sunday,
            },
        )
        .unwrap();
    let recorded = service
        .record_training_day(
            &staff,
            &key("minor-sunday-2"),
            minor.contract,
            &entry(holiday),
        )
        .unwrap();
    assert!(recorded.value.days[0].holiday);
}

/// A termination for a just cause keeps the statement of the training done (법 제29조제3항),
/// ends the contract on its day, and frees the learner for a contract elsewhere.
pub fn work_study_termination_keeps_the_statement<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let company = w.company.id();
    let staff = company_staff(company);
    let other = Institution::new(
        InstitutionId::from_u128(201),
        "(주)정밀조립",
        InstitutionKind::Company,
    )
    .unwrap();
    service
        .store()
        .create_institution(&w.staff, &other)
        .unwrap();
    designated(&service, &clock, company, CompanyFacts::example());
    designated(&service, &clock, other.id(), CompanyFacts::example());
    let start = clock.now_day();
    let new = contract_of(1, "learner-1", company, start);
    service
        .conclude_contract(&staff, &key("contract"), &new)
        .unwrap();
    // The days below may fall on a weekly rest day.
    service
        .record_ojt_permission(
            &staff,
            &key("agreement"),
            new.contract,
            &OjtPermission {
                kind: PermissionKind::WrittenAgreement,
                granted_on: start,
            },
        )
        .unwrap();
    let mut ojt_hours = 0u32;
    let mut off_hours = 0u32;
    let mut days = 0u32;
    for n in 0..3u32 {
        let on = clock.now_day();
        let ojt = session(TrainingKind::Ojt, on, "09:00", "14:00", 4 + n % 2);
        let off = session(TrainingKind::OffJt, on, "15:00", "17:00", 2);
        service
            .record_training_day(&staff, &key(&format!("ojt-{n}")), new.contract, &entry(ojt))
            .unwrap();
        service
            .record_training_day(&staff, &key(&format!("off-{n}")), new.contract, &entry(off))
            .unwrap();
        ojt_hours += 4 + n % 2;
        off_hours += 2;
        days += 1;
        next_day(&clock);
    }
    let effective_on = clock.now_day();
    let t = ContractTermination {
        termination: Termination {
            ground: TerminationGround::LearnerGaveUp,
            written_notice: true,
            states_reason_and_date: true,
        },
        effective_on,
    };
    // Before the termination there is no partial certificate (시행규칙 제8조) to give.
    let asked = PartialCertificateRequest {
        requested_on: effective_on,
    };
    assert_eq!(
        service_conflict(service.issue_partial_certificate(
            &staff,
            &key("partial-early"),
            new.contract,
            &asked
        )),
        ConflictKind::NotLeftEarly
    );
    let ended = service
        .terminate_contract(&staff, &key("terminate"), new.contract, &t)
        .unwrap();
    assert_eq!(
        ended.value.status,
        ContractStatus::Terminated { on: effective_on }
    );
    let statement = ended.value.termination.as_ref().unwrap().fact.statement;
    assert_eq!(statement.days, days);
    assert_eq!(statement.ojt_hours, Hours::whole(ojt_hours).unwrap());
    assert_eq!(statement.off_jt_hours, Hours::whole(off_hours).unwrap());
    assert_eq!(
        statement.counted_hours,
        Hours::whole(ojt_hours + off_hours).unwrap()
    );
    assert_eq!((statement.from, statement.until), (start, effective_on));
    // No training on or after the termination's day; the learner may start elsewhere.
    let late = session(TrainingKind::Ojt, effective_on, "09:00", "12:00", 3);
    assert_eq!(
        service_conflict(service.record_training_day(
            &staff,
            &key("late"),
            new.contract,
            &entry(late)
        )),
        ConflictKind::ContractEnded
    );
    // The partial certificate the learner asks for holds the statement, once; the employer
    // issues it, not another company.
    assert!(matches!(
        service.issue_partial_certificate(
            &company_staff(other.id()),
            &key("partial-stranger"),
            new.contract,
            &asked
        ),
        Err(ServiceError::Refused { .. })
    ));
    let future = PartialCertificateRequest {
        requested_on: effective_on + chrono::Days::new(1),
    };
    assert_eq!(
        service_conflict(service.issue_partial_certificate(
            &staff,
            &key("partial-future"),
            new.contract,
            &future
        )),
        ConflictKind::DateOutOfOrder
    );
    let partial = service
        .issue_partial_certificate(&staff, &key("partial"), new.contract, &asked)
        .unwrap();
    let issued = partial.value.partial_certificate.clone().unwrap();
    assert_eq!(issued.statement, statement);
    assert_eq!(issued.request, asked);
    assert_eq!(issued.issued_on, effective_on);
    assert_eq!(issued.units_passed, ended.value.units_passed());
    assert!(matches!(
        service.issue_partial_certificate(&staff, &key("partial-again"), new.contract, &asked),
        Err(ServiceError::Store(StoreError::AlreadyExists { .. }))
    ));
    let next = contract_of(2, "learner-1", other.id(), effective_on);
    service
        .conclude_contract(&company_staff(other.id()), &key("next"), &next)
        .unwrap();
    assert_eq!(
        service
            .store()
            .learner(&new.learner)
            .unwrap()
            .value
            .contracts,
        vec![new.contract, next.contract]
    );
    assert_eq!(
        service.store().learning_contract(new.contract).unwrap(),
        partial
    );
}

/// A cancellation marks the company's contracts to be carried on (법 제14조제2항); the agency
/// moves each one, whole, to another designated company, and nothing of it is lost.
pub fn work_study_measure_carries_learners_on<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let company = w.company.id();
    let staff = company_staff(company);
    let other = Institution::new(
        InstitutionId::from_u128(201),
        "(주)정밀조립",
        InstitutionKind::Company,
    )
    .unwrap();
    let third = Institution::new(
        InstitutionId::from_u128(202),
        "(주)신규기업",
        InstitutionKind::Company,
    )
    .unwrap();
    service
        .store()
        .create_institution(&w.staff, &other)
        .unwrap();
    service
        .store()
        .create_institution(&w.staff, &third)
        .unwrap();
    designated(&service, &clock, company, CompanyFacts::example());
    designated(&service, &clock, other.id(), CompanyFacts::example());
    let start = clock.now_day();
    let new = contract_of(1, "learner-1", company, start);
    service
        .conclude_contract(&staff, &key("contract"), &new)
        .unwrap();
    let ojt = session(TrainingKind::Ojt, start, "09:00", "14:00", 4);
    let before = service
        .record_training_day(&staff, &key("ojt"), new.contract, &entry(ojt))
        .unwrap();
    service
        .record_hearing(
            &agency(),
            &key("hearing"),
            company,
            &Hearing { held_on: start },
        )
        .unwrap();
    next_day(&clock);
    let cancel_day = clock.now_day();
    let cancel =
        MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::Cancellation, None).unwrap();
    service
        .take_measure(&agency(), &key("cancel"), company, &cancel)
        .unwrap();
    let marked = service.store().learning_contract(new.contract).unwrap();
    assert_eq!(
        marked.value.carry_on,
        Some(CarryOn {
            since: cancel_day,
            measure: Measure::Cancellation
        })
    );
    assert_eq!(marked.value.days, before.value.days);
    assert_eq!(
        service.store().learning_contracts(company).unwrap(),
        vec![marked.clone()]
    );
    // The company may not move it; no move to a company not designated.
    assert_eq!(
        refused_codes(service.transfer_contract(
            &staff,
            &key("self-move"),
            new.contract,
            other.id()
        )),
        vec![ReasonCode::NotPermitted]
    );
    service
        .apply_for_designation(
            &company_staff(third.id()),
            &key("apply-third"),
            &CompanyApplication {
                company: third.id(),
                facts: CompanyFacts::example(),
            },
        )
        .unwrap();
    assert_eq!(
        service_conflict(service.transfer_contract(
            &agency(),
            &key("to-third"),
            new.contract,
            third.id()
        )),
        ConflictKind::NotDesignated
    );
    let moved = service
        .transfer_contract(&agency(), &key("move"), new.contract, other.id())
        .unwrap();
    assert_eq!(moved.value.company, other.id());
    assert_eq!(moved.value.carry_on, None);
    assert_eq!(
        moved
            .value
            .transfers
            .iter()
            .map(|t| t.fact)
            .collect::<Vec<_>>(),
        vec![Transfer {
            from: company,
            to: other.id(),
            on: cancel_day
        }]
    );
    assert_eq!(moved.value.days, before.value.days);
    assert_eq!(moved.value.terms, new.terms);
    assert!(
        service
            .store()
            .learning_contracts(company)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        service.store().learning_contracts(other.id()).unwrap(),
        vec![moved.clone()]
    );
    // The programme goes on at the new company.
    let on = clock.now_day();
    let there = session(TrainingKind::Ojt, on, "09:00", "12:00", 3);
    let carried = service
        .record_training_day(
            &company_staff(other.id()),
            &key("there"),
            new.contract,
            &entry(there),
        )
        .unwrap();
    assert_eq!(carried.value.days.len(), 2);
}

/// Through the async service: two companies designated, then [`RACERS`] tasks concluding a
/// contract each for one learner, half at each company: exactly one is concluded, every other
/// one is told the learner is under contract.
pub async fn async_work_study_contract_race<S: AsyncStore + AsyncWorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let store = Arc::new(factory());
    let w = World::new(10);
    w.install_async(&*store).await;
    let second = Institution::new(
        InstitutionId::from_u128(201),
        "(주)정밀조립",
        InstitutionKind::Company,
    )
    .unwrap();
    crate::AsyncDesignationStore::create_institution(&*store, &w.staff, &second)
        .await
        .unwrap();
    let clock = ManualClock::new(instant(START));
    let service = Arc::new(crate::work_study::WorkStudyService::from_shared(
        Arc::clone(&store),
        clock.clone(),
    ));
    let companies = [w.company.id(), second.id()];
    for company in companies {
        service
            .apply_for_designation(
                &company_staff(company),
                &key("apply"),
                &CompanyApplication {
                    company,
                    facts: CompanyFacts::example(),
                },
            )
            .await
            .unwrap();
        service
            .record_site_review(
                &agency(),
                &key(&format!("review-{company}")),
                company,
                &SiteReview {
                    reviewed_on: day("2026-03-02"),
                    facilities_confirmed: true,
                },
            )
            .await
            .unwrap();
        service
            .designate(&agency(), &key(&format!("designate-{company}")), company)
            .await
            .unwrap();
    }
    let mut tasks = Vec::new();
    for i in 0..RACERS {
        let service = Arc::clone(&service);
        let company = companies[i % 2];
        tasks.push(tokio::spawn(async move {
            let new = contract_of(i as u128 + 1, "learner-1", company, day("2026-03-02"));
            service
                .conclude_contract(&company_staff(company), &key(&format!("race-{i}")), &new)
                .await
        }));
    }
    let mut winners = 0;
    for t in tasks {
        match t.await.expect("task") {
            Ok(_) => winners += 1,
            Err(ServiceError::Store(e)) => assert_eq!(
                e.conflict_kind(),
                Some(ConflictKind::LearnerUnderContract),
                "{e:?}"
            ),
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(winners, 1, "one contract is concluded");
    let learner = store
        .learner(&PartyId::new("learner-1").unwrap())
        .await
        .unwrap();
    assert_eq!(learner.value.contracts.len(), 1);
    let mut held = 0;
    for company in companies {
        held += store.learning_contracts(company).await.unwrap().len();
    }
    assert_eq!(held, 1);
}
