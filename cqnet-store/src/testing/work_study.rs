//! The conformance cases of learning companies (학습기업) and company field teachers
//! (기업현장교사) (feature `testing`): a company from its application to its cancellation with
//! its history kept, a refused designation with the core's reasons, the bad input that must be
//! a typed error leaving nothing behind (a designation without the on-site review, a
//! cancellation without a hearing, a suspension above the pack's longest, a teacher of a
//! company not designated or of another company, a key reused with another payload), who may
//! act, a suspension that ends, and [`RACERS`] tasks registering one teacher at two companies at
//! once. The cases of a company's lists, read a page at a time, are in
//! [`work_study_lists`](super::work_study_lists).
//!
//! [`work_study_conformance_tests!`](crate::work_study_conformance_tests) and
//! [`async_work_study_conformance_tests!`](crate::async_work_study_conformance_tests) expand to
//! one `#[test]` per case:
//!
//! ```text
//! cqnet_store::work_study_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
//! cqnet_store::async_work_study_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::Arc;

use chrono::{Months, NaiveDate};
use cqnet_core::access::PartyId;
use cqnet_core::field_teacher::{self, Candidate};
use cqnet_core::learning_company::{self, LearningCompanyApplication};
use cqnet_core::rules::{RulePack, Rules};
use cqnet_core::sanction::{Ground, Measure};
use cqnet_core::{Hours, ReasonCode};

use crate::blocking::WorkStudyService;
use crate::testing::{World, instant, key};
use crate::training::{Institution, InstitutionId, InstitutionKind, ServiceError};
use crate::work_study::*;
use crate::{
    Actor, AsyncStore, CommandMeta, ConflictKind, ManualClock, Role, Store, StoreError, Versioned,
};

pub use super::work_study_certificate::*;
pub use super::work_study_external::*;
pub use super::work_study_learners::*;
pub use super::work_study_lists::*;
pub use super::work_study_programmes::*;

/// How many tasks register one field teacher at once.
pub const RACERS: usize = 16;

/// The instant the fixtures start: 10:00 on 2 March 2026 in Korea.
pub const START: &str = "2026-03-02T01:00:00Z";

/// A day, for fixtures.
pub(crate) fn day(s: &str) -> NaiveDate {
    s.parse().expect("a valid date literal")
}

/// The agency (한국산업인력공단).
pub fn agency() -> Actor {
    Actor::new("hrdk.admin", Role::Agency).unwrap()
}

/// Staff of a company.
pub fn company_staff(company: InstitutionId) -> Actor {
    Actor::new("lee.hr", Role::CompanyStaff(company)).unwrap()
}

/// A teacher whose years of practice are those route 6 of the embedded pack asks (제6호).
pub fn practitioner(id: &str, company: InstitutionId) -> NewFieldTeacher {
    let needs = RulePack::embedded()
        .newest()
        .learning_company
        .field_teacher
        .value;
    NewFieldTeacher {
        teacher: PartyId::new(id).unwrap(),
        company,
        candidate: Candidate {
            practical_years: needs.practical_years,
            ..Candidate::default()
        },
    }
}

/// The mandatory training, completed on `on`.
pub fn training(on: &str) -> TeacherTraining {
    TeacherTraining {
        completed_on: day(on),
        hours: Hours::whole(18).unwrap(),
    }
}

/// The rules of the embedded pack on `on`.
pub(crate) fn rules(on: &str) -> Rules {
    RulePack::embedded().rules_at(day(on)).unwrap()
}

/// A service over a fresh store with the world installed, and its clock at [`START`].
pub(crate) fn service<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) -> (WorkStudyService<S, ManualClock>, ManualClock, World) {
    let store = factory();
    let world = World::new(10);
    world.install(&store);
    let clock = ManualClock::new(instant(START));
    (WorkStudyService::new(store, clock.clone()), clock, world)
}

pub(crate) fn next_day(clock: &ManualClock) {
    clock.advance(chrono::Duration::days(1));
}

pub(crate) fn conflict_kind<T: std::fmt::Debug>(result: Result<T, StoreError>) -> ConflictKind {
    match result {
        Err(e) => e
            .conflict_kind()
            .unwrap_or_else(|| panic!("expected a Conflict, got {e:?}")),
        Ok(v) => panic!("expected a Conflict, got {v:?}"),
    }
}

pub(crate) fn service_conflict<T: std::fmt::Debug>(
    result: Result<T, ServiceError>,
) -> ConflictKind {
    match result {
        Err(ServiceError::Store(e)) => conflict_kind::<T>(Err(e)),
        other => panic!("expected a store Conflict, got {other:?}"),
    }
}

pub(crate) fn refused_codes<T: std::fmt::Debug>(
    result: Result<T, ServiceError>,
) -> Vec<ReasonCode> {
    match result {
        Err(ServiceError::Refused { reasons }) => reasons.iter().map(|r| r.code).collect(),
        other => panic!("expected a refusal with reasons, got {other:?}"),
    }
}

pub(crate) fn meta_at(actor: Actor, at: &str) -> CommandMeta {
    CommandMeta::new(actor, instant(at))
}

/// Applies, reviews and designates `company` through `service`, a day between each step;
/// answers the designated record.
pub(crate) fn designated<S: Store + WorkStudyStore + 'static>(
    service: &WorkStudyService<S, ManualClock>,
    clock: &ManualClock,
    company: InstitutionId,
    facts: CompanyFacts,
) -> Versioned<LearningCompany> {
    let application = CompanyApplication { company, facts };
    service
        .apply_for_designation(
            &company_staff(company),
            &key(&format!("apply-{company}")),
            &application,
        )
        .expect("apply");
    next_day(clock);
    let reviewed = clock.now_day();
    service
        .record_site_review(
            &agency(),
            &key(&format!("review-{company}")),
            company,
            &SiteReview {
                reviewed_on: reviewed,
                facilities_confirmed: true,
            },
        )
        .expect("review");
    next_day(clock);
    service
        .designate(&agency(), &key(&format!("designate-{company}")), company)
        .expect("designate")
}

pub(crate) trait KoreanDay {
    fn now_day(&self) -> NaiveDate;
}

impl KoreanDay for ManualClock {
    fn now_day(&self) -> NaiveDate {
        cqnet_core::window::korean_date(crate::Clock::now(self).fixed_offset())
    }
}

/// Installs the world in `store` and, through its commands, applies, reviews and designates
/// the world's company and registers one field teacher for it; answers the company and the
/// teacher (for the back ends' own checks of their schema).
pub fn install_designated<S: Store + WorkStudyStore + ?Sized>(
    store: &S,
) -> (InstitutionId, PartyId) {
    let w = World::new(10);
    w.install(store);
    let company = w.company.id();
    let application = CompanyApplication {
        company,
        facts: CompanyFacts::example(),
    };
    store
        .apply_for_designation(
            &meta_at(company_staff(company), START),
            &key("apply"),
            &application,
        )
        .expect("apply");
    let review = SiteReview {
        reviewed_on: day("2026-03-02"),
        facilities_confirmed: true,
    };
    store
        .record_site_review(&meta_at(agency(), START), &key("review"), company, &review)
        .expect("review");
    let designated = store
        .designate(&meta_at(agency(), START), &key("designate"), company)
        .expect("designate");
    assert_eq!(designated.value.status, CompanyStatus::Designated);
    let teacher = practitioner("teacher-1", company);
    store
        .register_field_teacher(
            &meta_at(company_staff(company), START),
            &key("teacher"),
            &teacher,
        )
        .expect("register");
    (company, teacher.teacher)
}

/// A company from its application to its cancellation: the core decides the designation and
/// the teacher, the measures follow the sanction rules, and nothing of the history is lost.
pub fn work_study_company_lifecycle<S: Store + WorkStudyStore + 'static>(factory: &dyn Fn() -> S) {
    let (service, clock, w) = service(factory);
    let company = w.company.id();
    let staff = company_staff(company);
    let application = CompanyApplication {
        company,
        facts: CompanyFacts::example(),
    };
    let applied = service
        .apply_for_designation(&staff, &key("apply"), &application)
        .unwrap();
    assert_eq!(applied.value.status, CompanyStatus::Applied);
    assert_eq!(applied.value.filed_on, day("2026-03-02"));
    // A retry with the same key answers the same and writes nothing more.
    let lines = service.store().audit_entries(None, 1000).unwrap().len();
    let again = service
        .apply_for_designation(&staff, &key("apply"), &application)
        .unwrap();
    assert_eq!(again, applied);
    assert_eq!(
        service.store().audit_entries(None, 1000).unwrap().len(),
        lines
    );

    next_day(&clock);
    let review = SiteReview {
        reviewed_on: day("2026-03-03"),
        facilities_confirmed: true,
    };
    service
        .record_site_review(&agency(), &key("review"), company, &review)
        .unwrap();
    next_day(&clock);
    let decided = service
        .designate(&agency(), &key("designate"), company)
        .unwrap();
    // The core, asked directly about the same facts on the same day, is the oracle.
    let oracle = learning_company::decide(
        &LearningCompanyApplication::new(CompanyFacts::example().on(day("2026-03-04"), true))
            .unwrap(),
        &rules("2026-03-04"),
    );
    let kept = decided.value.latest_decision().unwrap();
    assert_eq!(kept.meets_requirements, oracle.meets_requirements);
    assert_eq!(kept.reasons, oracle.reasons);
    assert_eq!(kept.decided_on, day("2026-03-04"));
    assert_eq!(decided.value.status, CompanyStatus::Designated);
    assert_eq!(decided.value.designated_on, Some(day("2026-03-04")));
    assert!(decided.value.designation_in_force(day("2026-03-04")));
    assert!(!decided.value.designation_in_force(day("2026-03-03")));

    let teacher = practitioner("teacher-1", company);
    let registered = service
        .register_field_teacher(&staff, &key("teacher-1"), &teacher)
        .unwrap();
    let oracle = field_teacher::decide(&teacher.candidate, &rules("2026-03-04"));
    assert_eq!(registered.value.routes, oracle.routes);
    assert_eq!(registered.value.company, company);
    assert_eq!(registered.value.registered_on, day("2026-03-04"));
    let trained = service
        .record_teacher_training(
            &staff,
            &key("training-1"),
            &teacher.teacher,
            company,
            &training("2026-03-01"),
        )
        .unwrap();
    assert_eq!(
        trained.value.training.as_ref().map(|t| t.fact),
        Some(training("2026-03-01"))
    );
    assert_eq!(trained.version, registered.version.next());

    // A corrective order needs no hearing and leaves the designation in force.
    next_day(&clock);
    let order =
        MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::CorrectiveOrder, None).unwrap();
    let ordered = service
        .take_measure(&agency(), &key("order"), company, &order)
        .unwrap();
    assert_eq!(ordered.value.status, CompanyStatus::Designated);
    assert_eq!(ordered.value.measures.len(), 1);

    // A cancellation after its hearing.
    service
        .record_hearing(
            &agency(),
            &key("hearing"),
            company,
            &Hearing {
                held_on: day("2026-03-05"),
            },
        )
        .unwrap();
    next_day(&clock);
    let cancel =
        MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::Cancellation, None).unwrap();
    let cancelled = service
        .take_measure(&agency(), &key("cancel"), company, &cancel)
        .unwrap();
    assert_eq!(
        cancelled.value.status,
        CompanyStatus::Cancelled {
            on: day("2026-03-06")
        }
    );
    let history = &cancelled.value;
    assert_eq!(
        (
            history.site_reviews.len(),
            history.decisions.len(),
            history.hearings.len(),
            history.measures.len()
        ),
        (1, 1, 1, 2)
    );
    assert_eq!(history.measures[1].hearing_held_on, Some(day("2026-03-05")));
    assert_eq!(history.facts, CompanyFacts::example());
    assert_eq!(
        service.store().learning_company(company).unwrap(),
        cancelled
    );
    // The company's teacher and their training are kept.
    assert_eq!(
        service.store().field_teacher(&teacher.teacher).unwrap(),
        trained
    );
    assert_eq!(
        service.store().field_teachers(company).unwrap(),
        vec![trained]
    );
    assert_eq!(service.store().learning_companies().unwrap().len(), 1);
    // A cancelled company takes no new teacher and no further measure.
    assert_eq!(
        service_conflict(service.register_field_teacher(
            &staff,
            &key("teacher-2"),
            &practitioner("teacher-2", company)
        )),
        ConflictKind::NotDesignated
    );
    assert_eq!(
        service_conflict(service.take_measure(&agency(), &key("again"), company, &order)),
        ConflictKind::NotDesignated
    );
    // Every command wrote its audit line.
    let commands: Vec<String> = service
        .store()
        .audit_entries(None, 1000)
        .unwrap()
        .into_iter()
        .map(|e| e.command)
        .collect();
    for command in [
        "apply_for_designation",
        "record_site_review",
        "designate",
        "register_field_teacher",
        "record_teacher_training",
        "record_hearing",
        "take_measure",
    ] {
        assert!(
            commands.iter().any(|c| c == command),
            "no audit line of {command}"
        );
    }
}

/// A company that does not meet the requirements is refused with the core's reasons, keeps
/// every review and decision, and may be decided again.
pub fn work_study_refused_designation_keeps_its_reasons<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, _clock, w) = service(factory);
    let company = w.company.id();
    let facts = CompanyFacts {
        regular_employees: 19,
        ..CompanyFacts::example()
    };
    service
        .apply_for_designation(
            &company_staff(company),
            &key("apply"),
            &CompanyApplication { company, facts },
        )
        .unwrap();
    service
        .record_site_review(
            &agency(),
            &key("review-1"),
            company,
            &SiteReview {
                reviewed_on: day("2026-03-02"),
                facilities_confirmed: false,
            },
        )
        .unwrap();
    let refused = service
        .designate(&agency(), &key("designate-1"), company)
        .unwrap();
    let codes = |c: &LearningCompany| -> Vec<ReasonCode> {
        c.latest_decision()
            .unwrap()
            .reasons
            .iter()
            .map(|r| r.code)
            .collect()
    };
    let oracle = |site: bool| -> Vec<ReasonCode> {
        learning_company::decide(
            &LearningCompanyApplication::new(facts.on(day("2026-03-02"), site)).unwrap(),
            &rules("2026-03-02"),
        )
        .reasons
        .iter()
        .map(|r| r.code)
        .collect()
    };
    assert_eq!(refused.value.status, CompanyStatus::Refused);
    assert_eq!(codes(&refused.value), oracle(false));
    assert!(codes(&refused.value).contains(&ReasonCode::TooFewRegularEmployees));
    assert!(codes(&refused.value).contains(&ReasonCode::SiteReviewNotPassed));
    assert_eq!(refused.value.designated_on, None);
    // A refused company takes no teacher.
    assert_eq!(
        service_conflict(service.register_field_teacher(
            &company_staff(company),
            &key("teacher"),
            &practitioner("teacher-1", company)
        )),
        ConflictKind::NotDesignated
    );
    // A second review confirms the facilities; the employees still fall short.
    service
        .record_site_review(
            &agency(),
            &key("review-2"),
            company,
            &SiteReview {
                reviewed_on: day("2026-03-02"),
                facilities_confirmed: true,
            },
        )
        .unwrap();
    let again = service
        .designate(&agency(), &key("designate-2"), company)
        .unwrap();
    assert_eq!(codes(&again.value), oracle(true));
    assert_eq!(
        codes(&again.value),
        vec![ReasonCode::TooFewRegularEmployees]
    );
    assert_eq!(
        (again.value.site_reviews.len(), again.value.decisions.len()),
        (2, 2)
    );
    // The first decision is kept as it was made.
    assert_eq!(again.value.decisions[0], refused.value.decisions[0]);
}

/// Every bad command is a typed error and leaves the records and the audit log as they were.
pub fn work_study_bad_commands_leave_nothing<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let store = service.store();
    let company = w.company.id();
    let lines = || store.audit_entries(None, 10_000).unwrap().len();

    // Not a company.
    let before = lines();
    let school = CompanyApplication {
        company: w.institution.id(),
        facts: CompanyFacts::example(),
    };
    assert_eq!(
        conflict_kind(store.apply_for_designation(
            &meta_at(agency(), START),
            &key("school"),
            &school
        )),
        ConflictKind::NotACompany
    );
    assert!(matches!(
        store.learning_company(w.institution.id()),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(lines(), before);

    let application = CompanyApplication {
        company,
        facts: CompanyFacts::example(),
    };
    service
        .apply_for_designation(&company_staff(company), &key("apply"), &application)
        .unwrap();
    // A second application under another key.
    assert!(matches!(
        service.apply_for_designation(&company_staff(company), &key("apply-2"), &application),
        Err(ServiceError::Store(StoreError::AlreadyExists { .. }))
    ));
    let applied = store.learning_company(company).unwrap();
    let before = lines();

    // A designation without the on-site review.
    assert_eq!(
        conflict_kind(store.designate(&meta_at(agency(), START), &key("early"), company)),
        ConflictKind::SiteReviewMissing
    );
    // A review before the application, and one in the future.
    for (k, on) in [("before", "2026-03-01"), ("future", "2026-03-03")] {
        let review = SiteReview {
            reviewed_on: day(on),
            facilities_confirmed: true,
        };
        assert_eq!(
            conflict_kind(store.record_site_review(
                &meta_at(agency(), START),
                &key(k),
                company,
                &review
            )),
            ConflictKind::DateOutOfOrder
        );
    }
    // A teacher of a company that is not designated.
    assert_eq!(
        conflict_kind(store.register_field_teacher(
            &meta_at(company_staff(company), START),
            &key("teacher-early"),
            &practitioner("teacher-1", company)
        )),
        ConflictKind::NotDesignated
    );
    // A measure against a company never designated.
    let order =
        MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::CorrectiveOrder, None).unwrap();
    assert_eq!(
        conflict_kind(store.take_measure(&meta_at(agency(), START), &key("m"), company, &order)),
        ConflictKind::NotDesignated
    );
    assert_eq!(store.learning_company(company).unwrap(), applied);
    assert!(matches!(
        store.field_teacher(&PartyId::new("teacher-1").unwrap()),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(lines(), before);

    // Designated from here on (the second company too).
    next_day(&clock);
    service
        .record_site_review(
            &agency(),
            &key("review"),
            company,
            &SiteReview {
                reviewed_on: day("2026-03-03"),
                facilities_confirmed: true,
            },
        )
        .unwrap();
    service
        .designate(&agency(), &key("designate"), company)
        .unwrap();
    let other = Institution::new(
        InstitutionId::from_u128(201),
        "(주)정밀조립",
        InstitutionKind::Company,
    )
    .unwrap();
    store.create_institution(&w.staff, &other).unwrap();
    designated(&service, &clock, other.id(), CompanyFacts::example());
    let today = clock.now_day();
    let now = crate::Clock::now(&clock).to_rfc3339();
    let designated_record = store.learning_company(company).unwrap();
    let before = lines();

    // A cancellation without a hearing: refused by the core's reason, audited.
    let cancel =
        MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::Cancellation, None).unwrap();
    assert_eq!(
        refused_codes(service.take_measure(&agency(), &key("cancel"), company, &cancel)),
        vec![ReasonCode::HearingRequired]
    );
    assert_eq!(lines(), before + 1);
    let last = store.audit_entries(None, 10_000).unwrap().pop().unwrap();
    assert!(last.outcome.starts_with("refused"), "{}", last.outcome);
    // The store holds a caller who skips the service to the same decision.
    assert_eq!(
        conflict_kind(store.take_measure(
            &meta_at(agency(), &now),
            &key("cancel-direct"),
            company,
            &cancel
        )),
        ConflictKind::MeasureRefused
    );

    // A suspension above the pack's longest is refused; the longest itself is allowed.
    let longest = rules(&today.to_string())
        .sanction
        .learning_company
        .value
        .max_suspension_months
        .expect("a learning company may be suspended");
    let too_long = MeasureOrder::new(
        vec![Ground::CriteriaNotMet],
        Measure::Suspension,
        Some(longest + 1),
    )
    .unwrap();
    assert_eq!(
        refused_codes(service.take_measure(&agency(), &key("too-long"), company, &too_long)),
        vec![ReasonCode::SuspensionTooLong]
    );
    assert_eq!(
        conflict_kind(store.take_measure(
            &meta_at(agency(), &now),
            &key("too-long-direct"),
            company,
            &too_long
        )),
        ConflictKind::MeasureRefused
    );
    // A ground the law does not list for a learning company.
    let foreign =
        MeasureOrder::new(vec![Ground::RunDifferently], Measure::CorrectiveOrder, None).unwrap();
    assert!(matches!(
        service.take_measure(&agency(), &key("foreign"), company, &foreign),
        Err(ServiceError::Input(_))
    ));
    assert_eq!(store.learning_company(company).unwrap(), designated_record);

    // A teacher no route qualifies.
    let unqualified = NewFieldTeacher {
        candidate: Candidate::default(),
        ..practitioner("teacher-0", company)
    };
    assert_eq!(
        refused_codes(service.register_field_teacher(
            &company_staff(company),
            &key("t0"),
            &unqualified
        )),
        vec![ReasonCode::FieldTeacherRequirementsNotMet]
    );
    assert_eq!(
        conflict_kind(store.register_field_teacher(
            &meta_at(company_staff(company), &now),
            &key("t0-direct"),
            &unqualified
        )),
        ConflictKind::TeacherNotQualified
    );

    // A teacher belongs to one company: not registered, nor trained, for another.
    let teacher = practitioner("teacher-1", company);
    service
        .register_field_teacher(&company_staff(company), &key("t1"), &teacher)
        .unwrap();
    let registered = store.field_teacher(&teacher.teacher).unwrap();
    let elsewhere = NewFieldTeacher {
        company: other.id(),
        ..teacher.clone()
    };
    assert_eq!(
        service_conflict(service.register_field_teacher(
            &company_staff(other.id()),
            &key("t1-other"),
            &elsewhere
        )),
        ConflictKind::TeacherOfAnotherCompany
    );
    assert_eq!(
        service_conflict(service.record_teacher_training(
            &company_staff(other.id()),
            &key("t1-training-other"),
            &teacher.teacher,
            other.id(),
            &training("2026-03-01")
        )),
        ConflictKind::TeacherOfAnotherCompany
    );
    // A training completed after today.
    let tomorrow = today.succ_opt().unwrap().to_string();
    assert_eq!(
        service_conflict(service.record_teacher_training(
            &company_staff(company),
            &key("t1-training-future"),
            &teacher.teacher,
            company,
            &training(&tomorrow)
        )),
        ConflictKind::DateOutOfOrder
    );
    assert_eq!(store.field_teacher(&teacher.teacher).unwrap(), registered);
    assert!(store.field_teachers(other.id()).unwrap().is_empty());

    // A key reused with another payload is refused, and the second teacher never stored.
    let second = practitioner("teacher-2", company);
    assert!(matches!(
        service.register_field_teacher(&company_staff(company), &key("t1"), &second),
        Err(ServiceError::Store(StoreError::IdempotencyConflict { .. }))
    ));
    assert!(matches!(
        store.field_teacher(&second.teacher),
        Err(StoreError::NotFound { .. })
    ));
    // The same payload under the same key is the first answer.
    assert_eq!(
        service
            .register_field_teacher(&company_staff(company), &key("t1"), &teacher)
            .unwrap(),
        registered
    );
    assert_eq!(store.field_teachers(company).unwrap(), vec![registered]);
}

/// Who may act is the core's access rule: a company's staff file for their own company only,
/// the agency reviews, decides and sanctions; every refusal is audited and stores nothing.
pub fn work_study_access_is_the_cores<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let company = w.company.id();
    let stranger = company_staff(InstitutionId::from_u128(999));
    let application = CompanyApplication {
        company,
        facts: CompanyFacts::example(),
    };
    let before = service.store().audit_entries(None, 1000).unwrap().len();
    assert_eq!(
        refused_codes(service.apply_for_designation(&stranger, &key("apply"), &application)),
        vec![ReasonCode::NotOwnRecord]
    );
    assert!(matches!(
        service.store().learning_company(company),
        Err(StoreError::NotFound { .. })
    ));
    let log = service.store().audit_entries(None, 1000).unwrap();
    assert_eq!(log.len(), before + 1);
    assert!(log[before].outcome.starts_with("refused"));

    designated(&service, &clock, company, CompanyFacts::example());
    let own = company_staff(company);
    // The company may not decide or sanction itself.
    assert_eq!(
        refused_codes(service.designate(&own, &key("self"), company)),
        vec![ReasonCode::NotPermitted]
    );
    let order =
        MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::CorrectiveOrder, None).unwrap();
    assert_eq!(
        refused_codes(service.take_measure(&own, &key("self-order"), company, &order)),
        vec![ReasonCode::NotPermitted]
    );
    // Another company's staff may not register a teacher here; the agency may.
    assert_eq!(
        refused_codes(service.register_field_teacher(
            &stranger,
            &key("t"),
            &practitioner("teacher-1", company)
        )),
        vec![ReasonCode::NotOwnRecord]
    );
    assert!(service.store().field_teachers(company).unwrap().is_empty());
    service
        .register_field_teacher(&agency(), &key("t"), &practitioner("teacher-1", company))
        .unwrap();
    assert_eq!(service.store().field_teachers(company).unwrap().len(), 1);
}

/// The reads of a company, a field teacher, a contract and a programme are the core's
/// `ViewTraining` rule: the agency and the company's own staff read them, the learner reads
/// their own contract and nothing else, another company's staff and another learner are
/// refused with `not_own_record` and each refusal is audited; a record never stored is
/// `NotFound` for everyone.
pub fn work_study_reads_are_the_cores<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let company = w.company.id();
    let own = company_staff(company);
    let stranger = company_staff(InstitutionId::from_u128(999));
    designated(&service, &clock, company, CompanyFacts::example());
    let teacher = practitioner("teacher-1", company);
    service
        .register_field_teacher(&own, &key("t"), &teacher)
        .unwrap();
    let enrollment = crate::training::EnrollmentId::from_u128(77);
    let learner = Actor::new("kim.learner", Role::Learner(enrollment)).unwrap();
    let other_learner = Actor::new(
        "park.learner",
        Role::Learner(crate::training::EnrollmentId::from_u128(78)),
    )
    .unwrap();
    let new = contract_of(1, &enrollment.to_string(), company, clock.now_day());
    let concluded = service
        .conclude_contract(&own, &key("contract"), &new)
        .unwrap();
    let programme = NewProgramme::example(ProgrammeId::from_u128(1), company);
    let approved = service
        .approve_programme(&agency(), &key("programme"), &programme)
        .unwrap();

    for reader in [agency(), own.clone()] {
        let read = service.company(&reader, company).unwrap();
        assert_eq!(read.value.company, company);
        assert!(read.value.is_designated());
        assert_eq!(
            service
                .field_teacher(&reader, &teacher.teacher)
                .unwrap()
                .value
                .company,
            company
        );
        assert_eq!(service.contract(&reader, new.contract).unwrap(), concluded);
        assert_eq!(
            service.programme(&reader, programme.programme).unwrap(),
            approved
        );
    }
    assert_eq!(service.contract(&learner, new.contract).unwrap(), concluded);

    let before = service.store().audit_entries(None, 1000).unwrap().len();
    assert_eq!(
        refused_codes(service.company(&stranger, company)),
        vec![ReasonCode::NotOwnRecord]
    );
    assert_eq!(
        refused_codes(service.field_teacher(&stranger, &teacher.teacher)),
        vec![ReasonCode::NotOwnRecord]
    );
    assert_eq!(
        refused_codes(service.contract(&stranger, new.contract)),
        vec![ReasonCode::NotOwnRecord]
    );
    assert_eq!(
        refused_codes(service.contract(&other_learner, new.contract)),
        vec![ReasonCode::NotOwnRecord]
    );
    assert_eq!(
        refused_codes(service.programme(&stranger, programme.programme)),
        vec![ReasonCode::NotOwnRecord]
    );
    // A learner reads their own contract, not their company's file.
    assert_eq!(
        refused_codes(service.company(&learner, company)),
        vec![ReasonCode::NotOwnRecord]
    );
    let log = service.store().audit_entries(None, 1000).unwrap();
    assert_eq!(log.len(), before + 6);
    assert!(
        log[before..]
            .iter()
            .all(|l| l.outcome.starts_with("refused"))
    );
    assert_eq!(log[before].command, "read_learning_company");
    assert_eq!(log[before + 2].command, "read_learning_contract");

    assert!(matches!(
        service.company(&agency(), InstitutionId::from_u128(998)),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));
    assert!(matches!(
        service.field_teacher(&agency(), &PartyId::new("nobody").unwrap()),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));
    assert!(matches!(
        service.contract(&agency(), ContractId::from_u128(2)),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));
    assert!(matches!(
        service.programme(&agency(), ProgrammeId::from_u128(9)),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));
}

/// A suspension for the pack's longest ends on the day the calendar gives: no teacher is
/// registered during it, and one is from its last day on.
pub fn work_study_suspension_ends<S: Store + WorkStudyStore + 'static>(factory: &dyn Fn() -> S) {
    let (service, clock, w) = service(factory);
    let company = w.company.id();
    designated(&service, &clock, company, CompanyFacts::example());
    next_day(&clock);
    let from = clock.now_day();
    let longest = rules(&from.to_string())
        .sanction
        .learning_company
        .value
        .max_suspension_months
        .unwrap();
    let suspend = MeasureOrder::new(
        vec![Ground::WageArrearsOrAccident],
        Measure::Suspension,
        Some(longest),
    )
    .unwrap();
    let suspended = service
        .take_measure(&agency(), &key("suspend"), company, &suspend)
        .unwrap();
    let until = from.checked_add_months(Months::new(longest)).unwrap();
    assert_eq!(
        suspended.value.status,
        CompanyStatus::Suspended { from, until }
    );
    assert_eq!(suspended.value.measures[0].until, Some(until));
    assert!(!suspended.value.designation_in_force(from));
    assert!(
        !suspended
            .value
            .designation_in_force(until.pred_opt().unwrap())
    );
    assert!(suspended.value.designation_in_force(until));
    let staff = company_staff(company);
    assert_eq!(
        service_conflict(service.register_field_teacher(
            &staff,
            &key("during"),
            &practitioner("teacher-1", company)
        )),
        ConflictKind::NotDesignated
    );
    // The day before it ends, still suspended; on its last day, in force again.
    let eve = until.pred_opt().unwrap();
    clock.set(instant(&format!("{eve}T01:00:00Z")));
    assert_eq!(
        service_conflict(service.register_field_teacher(
            &staff,
            &key("eve"),
            &practitioner("teacher-1", company)
        )),
        ConflictKind::NotDesignated
    );
    clock.set(instant(&format!("{until}T01:00:00Z")));
    let t = service
        .register_field_teacher(&staff, &key("after"), &practitioner("teacher-1", company))
        .unwrap();
    assert_eq!(t.value.registered_on, until);
}

/// Through the async service: two companies designated, then [`RACERS`] tasks registering one
/// teacher under different keys, half for each company: exactly one registers, every other one
/// is told the teacher exists (at the same company) or belongs to another company.
pub async fn async_work_study_teacher_race<S: AsyncStore + AsyncWorkStudyStore + 'static>(
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
        let designated = service
            .designate(&agency(), &key(&format!("designate-{company}")), company)
            .await
            .unwrap();
        assert_eq!(designated.value.status, CompanyStatus::Designated);
    }
    let mut tasks = Vec::new();
    for i in 0..RACERS {
        let service = Arc::clone(&service);
        let company = companies[i % 2];
        tasks.push(tokio::spawn(async move {
            let outcome = service
                .register_field_teacher(
                    &company_staff(company),
                    &key(&format!("race-{i}")),
                    &practitioner("teacher-1", company),
                )
                .await;
            (company, outcome)
        }));
    }
    let mut winners = Vec::new();
    let mut losers = Vec::new();
    for t in tasks {
        match t.await.expect("task") {
            (company, Ok(_)) => winners.push(company),
            (company, Err(ServiceError::Store(e))) => losers.push((company, e)),
            (_, Err(other)) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(winners.len(), 1, "one registration wins");
    let winner = winners[0];
    for (company, e) in losers {
        if company == winner {
            assert!(matches!(e, StoreError::AlreadyExists { .. }), "{e:?}");
        } else {
            assert_eq!(
                e.conflict_kind(),
                Some(ConflictKind::TeacherOfAnotherCompany),
                "{e:?}"
            );
        }
    }
    let teacher = store
        .field_teacher(&PartyId::new("teacher-1").unwrap())
        .await
        .unwrap();
    assert_eq!(teacher.value.company, winner);
    let mut listed = 0;
    for company in companies {
        listed += store.field_teachers(company).await.unwrap().len();
    }
    assert_eq!(listed, 1);
}

/// Expands to one `#[test]` per blocking work-study conformance case; `#[ignore = "why"]`
/// before the factory marks them ignored, as with
/// [`conformance_tests!`](crate::conformance_tests).
///
/// # Example
/// ```text
/// cqnet_store::work_study_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
/// ```
#[macro_export]
macro_rules! work_study_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::work_study_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::work_study_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        $crate::work_study_conformance_tests!(@cases [$($attr)*] $factory;
            work_study_company_lifecycle, work_study_refused_designation_keeps_its_reasons,
            work_study_bad_commands_leave_nothing, work_study_access_is_the_cores,
            work_study_suspension_ends, work_study_contract_lifecycle,
            work_study_contract_refusals_leave_nothing, work_study_termination_keeps_the_statement,
            work_study_measure_carries_learners_on, work_study_programme_to_certificate,
            work_study_programme_refusals_leave_nothing, work_study_reads_are_the_cores,
            work_study_external_evaluation_to_pass, work_study_certificate_of_a_pass,
            work_study_lists_come_in_pages, work_study_list_filters_and_bad_pages);
    };
    (@cases [$($attr:tt)*] $factory:expr; $case:ident $(, $rest:ident)*) => {
        #[test]
        $($attr)*
        fn $case() {
            $crate::testing::work_study::$case(&$factory);
        }
        $crate::work_study_conformance_tests!(@cases [$($attr)*] $factory; $($rest),*);
    };
    (@cases [$($attr:tt)*] $factory:expr;) => {};
}

/// Expands to one `#[test]` per async work-study conformance case.
///
/// # Example
/// ```text
/// cqnet_store::async_work_study_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
/// ```
#[macro_export]
macro_rules! async_work_study_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::async_work_study_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::async_work_study_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        #[test]
        $($attr)*
        fn async_work_study_teacher_race() {
            $crate::testing::block_on($crate::testing::work_study::async_work_study_teacher_race(&$factory));
        }
        #[test]
        $($attr)*
        fn async_work_study_contract_race() {
            $crate::testing::block_on($crate::testing::work_study::async_work_study_contract_race(&$factory));
        }
    };
}
