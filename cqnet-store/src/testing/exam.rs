//! The conformance cases of the external evaluation rounds (feature `testing`): seats under a
//! race of [`RACERS`] clients, idempotent retries, exam number uniqueness, cancellation giving
//! the seat back, versioned and frozen results, and — through the [`ExamService`] — visibility
//! before and after the announcement and results entered by evaluators only.
//!
//! [`exam_conformance_tests!`](crate::exam_conformance_tests) and
//! [`async_exam_conformance_tests!`](crate::async_exam_conformance_tests) expand to one
//! `#[test]` per case:
//!
//! ```text
//! cqnet_store::exam_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
//! cqnet_store::async_exam_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
use crate::{Actor, CommandMeta, Role};

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::DateTime;
use cqnet_core::exam::{ExamPlan, ExamPlanSpec, SystemCode};
use cqnet_core::rules::CancelReason;
use cqnet_core::window::TimeWindow;
use cqnet_core::{QualificationCode, ReasonCode, Score, Won};
use rust_decimal::Decimal;

use crate::ConflictKind;
use crate::blocking::ExamService;
use crate::exam::ApplicationRequest;
use crate::exam::*;
use crate::testing::{World, instant, key};
use crate::training::ServiceError;
use crate::training::*;
use crate::{AsyncEnrollmentStore, AsyncStore, ManualClock, Store, StoreError};

/// How many threads or tasks race for the last seats.
pub const RACERS: usize = 64;

/// Inside the application window of [`plan`].
pub const DURING_WINDOW: &str = "2026-08-03T01:00:00Z";
/// One second before the announcement of [`plan`] (2026-10-02 09:00 KST).
pub const BEFORE_ANNOUNCEMENT: &str = "2026-10-01T23:59:59Z";
/// The announcement instant of [`plan`].
pub const ANNOUNCEMENT: &str = "2026-10-02T00:00:00Z";

/// The fixture's plan: 2026 C1 round 1 for the fixture's qualification `6921`.
pub fn plan() -> ExamPlan {
    let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    ExamPlan::new(ExamPlanSpec {
        year: 2026,
        round: 1,
        system: SystemCode::C1,
        qualifications: vec![QualificationCode::new("6921").unwrap()],
        application_window: TimeWindow::new(
            t("2026-08-01T09:00:00+09:00"),
            t("2026-08-10T18:00:00+09:00"),
        )
        .unwrap(),
        first_day: "2026-09-05".parse().unwrap(),
        second_day: Some("2026-09-06".parse().unwrap()),
        announcement: t("2026-10-02T09:00:00+09:00"),
        published_on: "2026-06-01".parse().unwrap(),
    })
    .unwrap()
}

/// A round of [`plan`] with venues `v0`, `v1`, … of the capacities given.
pub fn round(capacities: &[u32]) -> ExamRound {
    let venues = capacities
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Venue::new(
                VenueCode::new(&format!("v{i}")).unwrap(),
                &format!("시험장 {i}"),
                *c,
            )
            .unwrap()
        })
        .collect();
    ExamRound::new(plan(), venues, false).unwrap()
}

/// The agency (한국산업인력공단).
pub fn agency() -> Actor {
    Actor::new("hrdk.admin", Role::Agency).unwrap()
}

/// An evaluator of the agency.
pub fn evaluator() -> Actor {
    Actor::new("eval-01", Role::Evaluator).unwrap()
}

/// The candidate of an enrollment, acting for themself.
pub fn candidate(id: EnrollmentId) -> Actor {
    Actor::new(&format!("learner-{id}"), Role::Learner(id)).unwrap()
}

fn meta(actor: Actor) -> CommandMeta {
    CommandMeta::new(actor, instant(DURING_WINDOW))
}

/// Installs the world with a course of `trainees` seats, enrolls `trainees` trainees and
/// creates `round`; returns the enrollment ids.
pub fn setup<S: Store + ExamStore + ?Sized>(
    store: &S,
    trainees: usize,
    round: &ExamRound,
) -> Vec<EnrollmentId> {
    let w = World::new(trainees as u32);
    w.install(store);
    let ids: Vec<EnrollmentId> = (0..trainees)
        .map(|i| {
            let e = w.trainee(i as u128);
            store
                .enroll(&w.staff, &key(&format!("enroll-{i}")), &e)
                .expect("enroll");
            e.id()
        })
        .collect();
    store
        .create_round(&meta(agency()), round)
        .expect("create round");
    ids
}

/// The application of candidate `e` at venue `v`.
pub fn new_application(n: u128, e: EnrollmentId, v: usize) -> NewApplication {
    NewApplication {
        id: ApplicationId::from_u128(n),
        round: plan_id(),
        candidate: e,
        qualification: QualificationCode::new("6921").unwrap(),
        venue: VenueCode::new(&format!("v{v}")).unwrap(),
        fee: Won::new(19_400),
    }
}

fn plan_id() -> RoundId {
    RoundId::of(&plan())
}

fn booked<S: ExamStore + ?Sized>(store: &S) -> Vec<(u32, u32)> {
    store
        .venue_seats(&plan_id())
        .unwrap()
        .iter()
        .map(|s| (s.booked, s.capacity))
        .collect()
}

/// Rounds come back equal; unknown ones are `NotFound`, known ones `AlreadyExists`.
pub fn exam_rounds_round_trip<S: Store + ExamStore>(factory: &dyn Fn() -> S) {
    let store = factory();
    let r = round(&[3, 2]);
    assert!(matches!(
        store.round(&r.id()),
        Err(StoreError::NotFound { .. })
    ));
    setup(&store, 1, &r);
    assert_eq!(store.round(&r.id()).unwrap().value, r);
    assert_eq!(store.rounds().unwrap().len(), 1);
    assert!(matches!(
        store.create_round(&meta(agency()), &r),
        Err(StoreError::AlreadyExists { .. })
    ));
    assert_eq!(booked(&store), vec![(0, 3), (0, 2)]);
    let audit = store.audit_entries(None, 1000).unwrap();
    assert!(audit.iter().any(|a| a.command == "create_round"));
}

/// 64 clients race for the last seat of a venue: one wins, 63 get `VenueFull`; the store
/// shows the venue exactly full, every number distinct.
pub fn exam_last_seat_race<S: Store + ExamStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let capacity = 5u32;
    let ids = setup(&*store, RACERS + 4, &round(&[capacity, 3]));
    for (i, e) in ids.iter().take(4).enumerate() {
        store
            .apply(
                &meta(candidate(*e)),
                &key(&format!("pre-{i}")),
                &new_application(i as u128 + 1, *e, 0),
            )
            .expect("a free seat");
    }
    let handles: Vec<_> = ids[4..]
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (store, e) = (Arc::clone(&store), *e);
            std::thread::spawn(move || {
                store.apply(
                    &meta(candidate(e)),
                    &key(&format!("race-{i}")),
                    &new_application(1000 + i as u128, e, 0),
                )
            })
        })
        .collect();
    let results: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("racer thread"))
        .collect();
    let won = results.iter().filter(|r| r.is_ok()).count();
    let full = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::VenueFull { .. })))
        .count();
    assert_eq!((won, full), (1, RACERS - 1), "{results:?}");
    assert_eq!(booked(&*store), vec![(capacity, capacity), (0, 3)]);
    let apps = store.applications(&plan_id()).unwrap();
    assert_eq!(apps.len(), capacity as usize);
    let numbers: BTreeSet<_> = apps.iter().map(|a| a.value.number.clone()).collect();
    assert_eq!(numbers.len(), apps.len(), "exam numbers are unique");
}

/// A retry with the same key returns the same application and takes no second seat; the same
/// key with another command is refused; 64 clients sending the same command at once store it
/// once.
pub fn exam_idempotent_apply<S: Store + ExamStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let ids = setup(&*store, 3, &round(&[10]));
    let m = meta(candidate(ids[0]));
    let first = store
        .apply(&m, &key("a-0"), &new_application(1, ids[0], 0))
        .unwrap();
    assert_eq!(
        store
            .apply(&m, &key("a-0"), &new_application(1, ids[0], 0))
            .unwrap(),
        first
    );
    assert!(matches!(
        store.apply(&m, &key("a-0"), &new_application(2, ids[1], 0)),
        Err(StoreError::IdempotencyConflict { .. })
    ));
    assert_eq!(booked(&*store), vec![(1, 10)]);
    // a second application of the same candidate in the round is refused by the store too
    assert!(matches!(
        store.apply(&m, &key("a-dup"), &new_application(3, ids[0], 0)),
        Err(StoreError::AlreadyExists { .. })
    ));
    let handles: Vec<_> = (0..RACERS)
        .map(|_| {
            let (store, e) = (Arc::clone(&store), ids[1]);
            std::thread::spawn(move || {
                store.apply(
                    &meta(candidate(e)),
                    &key("same"),
                    &new_application(20, e, 0),
                )
            })
        })
        .collect();
    let answers: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("thread").expect("every retry succeeds"))
        .collect();
    assert!(answers.windows(2).all(|p| p[0] == p[1]));
    assert_eq!(booked(&*store), vec![(2, 10)]);
    assert_eq!(store.applications(&plan_id()).unwrap().len(), 2);
    assert_eq!(store.applications_of(ids[1]).unwrap().len(), 1);
}

/// 64 clients apply at once over three venues: numbers are unique and contiguous from 1, and a
/// number freed by a cancellation is never given again.
pub fn exam_numbers_unique<S: Store + ExamStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let ids = setup(&*store, RACERS + 1, &round(&[30, 30, 30]));
    let handles: Vec<_> = ids[..RACERS]
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (store, e) = (Arc::clone(&store), *e);
            std::thread::spawn(move || {
                store.apply(
                    &meta(candidate(e)),
                    &key(&format!("n-{i}")),
                    &new_application(i as u128 + 1, e, i % 3),
                )
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread").expect("a free seat");
    }
    let apps = store.applications(&plan_id()).unwrap();
    let sequences: Vec<u32> = apps.iter().map(|a| a.value.number.sequence()).collect();
    assert_eq!(sequences, (1..=RACERS as u32).collect::<Vec<_>>());
    let c = Cancellation {
        application: apps[RACERS - 1].value.id,
        reason: CancelReason::Personal,
        refund: Won::ZERO,
    };
    let m = meta(candidate(apps[RACERS - 1].value.candidate));
    store.cancel(&m, &key("c"), &c).unwrap();
    let late = store
        .apply(
            &meta(candidate(ids[RACERS])),
            &key("late"),
            &new_application(999, ids[RACERS], 0),
        )
        .unwrap();
    assert_eq!(
        late.value.number.sequence(),
        RACERS as u32 + 1,
        "never reused"
    );
}

/// Cancelling returns the seat and records the refund; a retry answers alike; a second
/// cancellation is a conflict.
pub fn exam_cancel_returns_seat<S: Store + ExamStore>(factory: &dyn Fn() -> S) {
    let store = factory();
    let ids = setup(&store, 2, &round(&[1]));
    let m = meta(candidate(ids[0]));
    let a = store
        .apply(&m, &key("a"), &new_application(1, ids[0], 0))
        .unwrap();
    assert!(matches!(
        store.apply(
            &meta(candidate(ids[1])),
            &key("b"),
            &new_application(2, ids[1], 0)
        ),
        Err(StoreError::VenueFull { capacity: 1, .. })
    ));
    let v = store
        .record_payment(&meta(agency()), a.value.id, a.version)
        .unwrap();
    assert!(matches!(
        store.record_payment(&meta(agency()), a.value.id, a.version),
        Err(StoreError::VersionConflict { .. })
    ));
    let c = Cancellation {
        application: a.value.id,
        reason: CancelReason::Personal,
        refund: Won::new(19_400),
    };
    let cancelled = store.cancel(&m, &key("c"), &c).unwrap();
    assert_eq!(cancelled.version, v.next());
    assert_eq!(
        cancelled.value.payment,
        PaymentState::Refunded {
            amount: Won::new(19_400)
        }
    );
    assert!(matches!(
        cancelled.value.status,
        ApplicationStatus::Cancelled { refund, .. } if refund == Won::new(19_400)
    ));
    assert_eq!(store.cancel(&m, &key("c"), &c).unwrap(), cancelled);
    assert!(matches!(
        store.cancel(&m, &key("c2"), &c),
        Err(StoreError::Conflict {
            kind: ConflictKind::ApplicationCancelled,
            ..
        })
    ));
    assert_eq!(booked(&store), vec![(0, 1)], "the seat came back");
    assert_eq!(store.application(a.value.id).unwrap(), cancelled);
    store
        .apply(
            &meta(candidate(ids[1])),
            &key("b2"),
            &new_application(2, ids[1], 0),
        )
        .expect("the returned seat is free");
    assert_eq!(booked(&store), vec![(1, 1)]);
    assert_eq!(
        store
            .audit_entries(None, 10_000)
            .unwrap()
            .iter()
            .filter(|e| e.command == "cancel")
            .count(),
        1
    );
}

/// Results are versioned, match their application, and are frozen once finalised.
pub fn exam_results_frozen<S: Store + ExamStore>(factory: &dyn Fn() -> S) {
    let store = factory();
    let ids = setup(&store, 1, &round(&[5]));
    let a = store
        .apply(
            &meta(candidate(ids[0])),
            &key("a"),
            &new_application(1, ids[0], 0),
        )
        .unwrap()
        .value;
    let score = |n: i64| Score::new(Decimal::from(n)).unwrap();
    let mut r = ExamResult {
        application: a.id,
        round: a.round.clone(),
        candidate: a.candidate,
        number: a.number.clone(),
        marks: Marks::CourseBased {
            written: score(60),
            practical: score(70),
        },
        passed: None,
        finalised: false,
    };
    let m = meta(evaluator());
    assert_eq!(store.result(a.id).unwrap(), None);
    let v1 = store.put_result(&m, &r, None).unwrap();
    assert!(matches!(
        store.put_result(&m, &r, None),
        Err(StoreError::AlreadyExists { .. })
    ));
    r.marks = Marks::CourseBased {
        written: score(65),
        practical: score(70),
    };
    let v2 = store.put_result(&m, &r, Some(v1)).unwrap();
    assert!(matches!(
        store.put_result(&m, &r, Some(v1)),
        Err(StoreError::VersionConflict { .. })
    ));
    let mut wrong = r.clone();
    wrong.candidate = EnrollmentId::from_u128(9);
    assert!(matches!(
        store.put_result(&m, &wrong, Some(v2)),
        Err(StoreError::Conflict {
            kind: ConflictKind::ResultMismatch,
            ..
        })
    ));
    let v3 = store
        .finalise_result(&meta(agency()), a.id, true, v2)
        .unwrap();
    let stored = store.result(a.id).unwrap().unwrap();
    assert_eq!(stored.version, v3);
    assert!(stored.value.finalised);
    assert_eq!(stored.value.passed, Some(true));
    assert_eq!(stored.value.marks, r.marks);
    assert!(matches!(
        store.put_result(&m, &r, Some(v3)),
        Err(StoreError::Conflict {
            kind: ConflictKind::ResultFinalised,
            ..
        })
    ));
    assert!(matches!(
        store.finalise_result(&meta(agency()), a.id, false, v3),
        Err(StoreError::Conflict {
            kind: ConflictKind::ResultFinalised,
            ..
        })
    ));
    assert_eq!(store.results(&plan_id()).unwrap(), vec![stored]);
    let c = Cancellation {
        application: a.id,
        reason: CancelReason::Personal,
        refund: Won::ZERO,
    };
    assert!(matches!(
        store.cancel(&meta(candidate(ids[0])), &key("c"), &c),
        Err(StoreError::Conflict {
            kind: ConflictKind::HasResult,
            ..
        })
    ));
}

/// Every scheduled hour of both units of the fixture's trainee `e`, a working day at a time.
pub fn full_attendance(e: EnrollmentId) -> Vec<NewAttendance> {
    let w = World::new(1);
    [w.attend(e, 0, 40), w.attend(e, 1, 40)].concat()
}

/// Records attendance and every internal evaluation of the fixture's trainee, so that the
/// core finds them eligible.
pub fn complete_training<S: Store + ?Sized>(store: &S, e: EnrollmentId, n: usize) {
    let w = World::new(1);
    let facts = full_attendance(e);
    store
        .append_attendance(&w.staff, &key(&format!("att-{n}")), &facts)
        .unwrap();
    let units = w.units();
    let score = Some(Score::new(Decimal::from(90)).unwrap());
    let evals = [(0, 1), (1, 1), (1, 2)]
        .iter()
        .map(|(u, round)| NewEvaluation {
            enrollment: e,
            unit: units[*u].clone(),
            result: EvaluationResult::Round {
                round: *round,
                score,
            },
            corrects: None,
        })
        .collect::<Vec<_>>();
    store
        .append_evaluations(&w.staff, &key(&format!("ev-{n}")), &evals)
        .unwrap();
}

fn refused(e: &ServiceError) -> Vec<ReasonCode> {
    match e {
        ServiceError::Refused { reasons } => reasons.iter().map(|r| r.code).collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn request(n: u128, e: EnrollmentId, v: usize) -> ApplicationRequest {
    ApplicationRequest {
        id: ApplicationId::from_u128(n),
        round: plan_id(),
        candidate: e,
        venue: VenueCode::new(&format!("v{v}")).unwrap(),
    }
}

/// Through the service: the candidate alone applies, eligible from their records; the
/// evaluator alone enters results; the agency finalises; a candidate sees their own result
/// only from the announcement on, an institution never; the pass list is public from the
/// announcement; cancelling a paid application refunds what the core computes and frees
/// the seat.
pub fn exam_service_flow<S: Store + ExamStore + 'static>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(4);
    w.install(&store);
    let ids: Vec<EnrollmentId> = (0..4)
        .map(|i| {
            let e = w.trainee(i);
            store.enroll(&w.staff, &key(&format!("e{i}")), &e).unwrap();
            e.id()
        })
        .collect();
    for (n, e) in ids.iter().enumerate().take(3) {
        complete_training(&store, *e, n);
    }
    let clock = ManualClock::new(instant("2026-06-01T00:00:00Z"));
    let service = ExamService::new(store, clock.clone());
    let r = round(&[2]);
    assert_eq!(
        refused(&service.publish_round(&candidate(ids[0]), &r).unwrap_err()),
        vec![ReasonCode::NotPermitted]
    );
    service.publish_round(&agency(), &r).unwrap();

    // before the window
    let before = service
        .apply(&candidate(ids[0]), &key("early"), &request(1, ids[0], 0))
        .unwrap_err();
    assert_eq!(refused(&before), vec![ReasonCode::OutsideApplicationWindow]);
    clock.set(instant(DURING_WINDOW));
    // not for someone else
    assert_eq!(
        refused(
            &service
                .apply(&candidate(ids[1]), &key("x"), &request(1, ids[0], 0))
                .unwrap_err()
        ),
        vec![ReasonCode::NotOwnRecord]
    );
    // not eligible: no training recorded, and the completion checks behind it say why
    let not_eligible = refused(
        &service
            .apply(&candidate(ids[3]), &key("x3"), &request(4, ids[3], 0))
            .unwrap_err(),
    );
    assert_eq!(not_eligible[0], ReasonCode::NotEligible);
    assert!(
        not_eligible.contains(&ReasonCode::AttendanceBelowMinimum),
        "{not_eligible:?}"
    );
    let a0 = service
        .apply(&candidate(ids[0]), &key("k0"), &request(1, ids[0], 0))
        .unwrap();
    assert_eq!(
        service
            .apply(&candidate(ids[0]), &key("k0"), &request(1, ids[0], 0))
            .unwrap(),
        a0,
        "a retry returns the same application"
    );
    let rules = cqnet_core::rules::RulePack::embedded()
        .rules_for(cqnet_core::rules::RuleDate::EvaluatedOn(
            "2026-08-03".parse().unwrap(),
        ))
        .unwrap();
    assert_eq!(
        a0.value.fee,
        rules
            .fees
            .course_based
            .value
            .for_qualification(&QualificationCode::new("6921").unwrap()),
        "the fee comes from the rule pack"
    );
    assert_eq!(
        refused(
            &service
                .apply(&candidate(ids[0]), &key("k0b"), &request(5, ids[0], 0))
                .unwrap_err()
        ),
        vec![ReasonCode::DuplicateApplication]
    );
    let a1 = service
        .apply(&candidate(ids[1]), &key("k1"), &request(2, ids[1], 0))
        .unwrap();
    assert_eq!(
        refused(
            &service
                .apply(&candidate(ids[2]), &key("k2"), &request(3, ids[2], 0))
                .unwrap_err()
        ),
        vec![ReasonCode::VenueFull]
    );

    // paid, then cancelled inside the window: full refund, the seat comes back
    let paid = service
        .record_payment(&agency(), a1.value.id, a1.version)
        .unwrap();
    assert!(paid > a1.version);
    let c = service
        .cancel(
            &candidate(ids[1]),
            &key("c1"),
            a1.value.id,
            CancelReason::Personal,
        )
        .unwrap();
    assert_eq!(
        c.value.payment,
        PaymentState::Refunded {
            amount: a1.value.fee
        }
    );
    assert_eq!(
        service
            .cancel(
                &candidate(ids[1]),
                &key("c1"),
                a1.value.id,
                CancelReason::Personal
            )
            .unwrap(),
        c
    );
    let a2 = service
        .apply(&candidate(ids[2]), &key("k2b"), &request(3, ids[2], 0))
        .expect("the returned seat");

    // results: evaluators only
    let score = |n: i64| Score::new(Decimal::from(n)).unwrap();
    let marks = Marks::CourseBased {
        written: score(90),
        practical: score(90),
    };
    clock.set(instant("2026-09-10T00:00:00Z"));
    for who in [candidate(ids[0]), agency(), w.staff.actor.clone()] {
        assert_eq!(
            refused(
                &service
                    .enter_result(&who, a0.value.id, &marks, None)
                    .unwrap_err()
            ),
            vec![ReasonCode::NotPermitted]
        );
    }
    let v = service
        .enter_result(&evaluator(), a0.value.id, &marks, None)
        .unwrap();
    let low = Marks::CourseBased {
        written: score(10),
        practical: score(10),
    };
    let v2 = service
        .enter_result(&evaluator(), a2.value.id, &low, None)
        .unwrap();
    assert_eq!(
        refused(
            &service
                .finalise_result(&evaluator(), a0.value.id, v)
                .unwrap_err()
        ),
        vec![ReasonCode::NotPermitted]
    );
    let (vf, passed) = service.finalise_result(&agency(), a0.value.id, v).unwrap();
    assert!(passed, "90/90 after a completed course passes");
    let (_, failed) = service.finalise_result(&agency(), a2.value.id, v2).unwrap();
    assert!(!failed, "10/10 fails");
    assert_eq!(
        refused(
            &service
                .enter_result(&evaluator(), a0.value.id, &marks, Some(vf))
                .unwrap_err()
        ),
        vec![ReasonCode::ResultsFinalised]
    );

    // before the announcement: held, not shown
    clock.set(instant(BEFORE_ANNOUNCEMENT));
    assert!(service.store().result(a0.value.id).unwrap().is_some());
    assert_eq!(
        refused(
            &service
                .view_result(&candidate(ids[0]), a0.value.id)
                .unwrap_err()
        ),
        vec![ReasonCode::ResultsNotAnnounced]
    );
    assert_eq!(
        refused(
            &service
                .view_result(&w.staff.actor, a0.value.id)
                .unwrap_err()
        ),
        vec![ReasonCode::NotPermitted]
    );
    assert_eq!(
        refused(&service.pass_list(&w.staff.actor, &plan_id()).unwrap_err()),
        vec![ReasonCode::ResultsNotAnnounced]
    );
    let attempts = service.attempts(&candidate(ids[0]), ids[0]).unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].passed, None, "not before the announcement");

    // from the announcement on: own result only; the pass list is public
    clock.set(instant(ANNOUNCEMENT));
    let mine = service
        .view_result(&candidate(ids[0]), a0.value.id)
        .unwrap()
        .unwrap();
    assert_eq!(mine.passed, Some(true));
    assert_eq!(
        refused(
            &service
                .view_result(&candidate(ids[2]), a0.value.id)
                .unwrap_err()
        ),
        vec![ReasonCode::NotOwnRecord]
    );
    assert_eq!(
        refused(
            &service
                .view_result(&w.staff.actor, a0.value.id)
                .unwrap_err()
        ),
        vec![ReasonCode::NotPermitted]
    );
    let public = Actor::new("anyone", Role::System).unwrap();
    assert_eq!(
        service.pass_list(&public, &plan_id()).unwrap(),
        vec![a0.value.number.clone()]
    );
    assert_eq!(
        service.attempts(&candidate(ids[0]), ids[0]).unwrap()[0].passed,
        Some(true)
    );
    assert_eq!(
        refused(&service.attempts(&candidate(ids[2]), ids[0]).unwrap_err()),
        vec![ReasonCode::NotOwnRecord]
    );
}

/// A regular 일학습병행 plan published late is refused unless the round is marked ad hoc.
pub fn exam_service_late_plan<S: Store + ExamStore + 'static>(factory: &dyn Fn() -> S) {
    let store = factory();
    let service = ExamService::new(store, ManualClock::new(instant("2027-01-04T00:00:00Z")));
    let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    let spec = ExamPlanSpec {
        year: 2027,
        round: 1,
        system: SystemCode::W1,
        qualifications: vec![QualificationCode::new("W001").unwrap()],
        application_window: TimeWindow::new(
            t("2027-03-02T09:00:00+09:00"),
            t("2027-03-06T18:00:00+09:00"),
        )
        .unwrap(),
        first_day: "2027-03-20".parse().unwrap(),
        second_day: None,
        announcement: t("2027-04-09T09:00:00+09:00"),
        published_on: "2027-01-04".parse().unwrap(),
    };
    let venue = || vec![Venue::new(VenueCode::new("v0").unwrap(), "v", 10).unwrap()];
    let late = ExamRound::new(ExamPlan::new(spec.clone()).unwrap(), venue(), false).unwrap();
    assert_eq!(
        refused(&service.publish_round(&agency(), &late).unwrap_err()),
        vec![ReasonCode::PlanPublishedLate]
    );
    assert!(service.store().rounds().unwrap().is_empty());
    let ad_hoc = ExamRound::new(ExamPlan::new(spec).unwrap(), venue(), true).unwrap();
    service.publish_round(&agency(), &ad_hoc).unwrap();
    assert_eq!(service.store().rounds().unwrap().len(), 1);
}

/// A retry after the rule pack changed the fee is the same command: it gets the first answer,
/// fee included, and takes no second seat; another venue under the same key is another command.
pub fn exam_retry_after_fee_change<S: Store + ExamStore>(factory: &dyn Fn() -> S) {
    let store = factory();
    let ids = setup(&store, 1, &round(&[5, 5]));
    let m = meta(candidate(ids[0]));
    let first = store
        .apply(&m, &key("fee"), &new_application(1, ids[0], 0))
        .unwrap();
    let mut dearer = new_application(1, ids[0], 0);
    dearer.fee = Won::new(first.value.fee.amount() + 600);
    assert_eq!(store.apply(&m, &key("fee"), &dearer).unwrap(), first);
    assert_eq!(first.value.fee, Won::new(19_400));
    assert!(matches!(
        store.apply(&m, &key("fee"), &new_application(1, ids[0], 1)),
        Err(StoreError::IdempotencyConflict { .. })
    ));
    assert_eq!(booked(&store), vec![(1, 5), (0, 5)]);
}

/// What [`AsyncExamStore::application_context`] answers equals what the store's separate
/// reads give: the round, the training record (both ledgers in order), every application of
/// the candidate with its result and round, the venue's seats and the key; unknown rounds and
/// candidates are `NotFound`, an unknown venue is `None`. Run over the async view every
/// blocking store has ([`Inline`](crate::Inline): the trait's default, read piece by piece).
pub fn exam_application_context<S: Store + ExamStore + 'static>(factory: &dyn Fn() -> S) {
    let store = factory();
    let scene = ContextScene::install(&store);
    let view = crate::Inline::new(store);
    crate::unit_of_work::complete_now(scene.check(&view)).expect("an inline store never waits");
}

/// The records [`exam_application_context`] reads back: set up through a blocking store, and
/// checked through any async view of the same data (an async store that overrides the read,
/// such as PostgreSQL's one statement, is checked against the same expectations).
#[derive(Debug)]
pub struct ContextScene {
    ids: Vec<EnrollmentId>,
    earlier: RoundId,
    expected: ApplicationContext,
}

impl ContextScene {
    /// Two candidates, an earlier round with a finalised result and a pending application in
    /// this one for the first; what the separate reads give for it.
    pub fn install<S: Store + ExamStore>(store: &S) -> Self {
        let ids = setup(store, 2, &round(&[3, 4]));
        complete_training(store, ids[0], 0);
        let mut spec = plan().spec().clone();
        spec.round = 2;
        let earlier = ExamRound::new(
            ExamPlan::new(spec).unwrap(),
            vec![Venue::new(VenueCode::new("v0").unwrap(), "시험장", 9).unwrap()],
            false,
        )
        .unwrap();
        store.create_round(&meta(agency()), &earlier).unwrap();
        let mut past = new_application(7, ids[0], 0);
        past.round = earlier.id();
        let past = store
            .apply(&meta(candidate(ids[0])), &key("past"), &past)
            .unwrap();
        let marks = Marks::CourseBased {
            written: Score::new(Decimal::from(85)).unwrap(),
            practical: Score::new(Decimal::from(75)).unwrap(),
        };
        let result = ExamResult {
            application: past.value.id,
            round: earlier.id(),
            candidate: ids[0],
            number: past.value.number.clone(),
            marks,
            passed: None,
            finalised: false,
        };
        let v = store.put_result(&meta(evaluator()), &result, None).unwrap();
        store
            .finalise_result(&meta(agency()), past.value.id, false, v)
            .unwrap();
        store
            .apply(
                &meta(candidate(ids[0])),
                &key("now"),
                &new_application(8, ids[0], 1),
            )
            .unwrap();
        let history: Vec<PastApplication> = store
            .applications_of(ids[0])
            .unwrap()
            .into_iter()
            .map(|a| PastApplication {
                result: store.result(a.value.id).unwrap().map(|r| r.value),
                round: store.round(&a.value.round).unwrap().value,
                application: a.value,
            })
            .collect();
        let enrollment = store.enrollment(ids[0]).unwrap().value;
        let course = store.course(enrollment.course()).unwrap().value;
        let standard = store
            .standard(
                &course.spec().qualification,
                &course.spec().standard_version,
            )
            .unwrap();
        let expected = ApplicationContext {
            round: store.round(&plan_id()).unwrap().value,
            record: TrainingRecord {
                attendance: store.attendance(ids[0]).unwrap(),
                evaluations: store.evaluations(ids[0]).unwrap(),
                enrollment,
                course,
                standard: Some(standard),
            },
            history,
            venue: Some(VenueSeats {
                venue: VenueCode::new("v1").unwrap(),
                capacity: 4,
                booked: 1,
            }),
            key_recorded: true,
        };
        ContextScene {
            ids,
            earlier: earlier.id(),
            expected,
        }
    }

    /// Checks what `view` answers against the separate reads.
    pub async fn check<A: AsyncStore + AsyncExamStore>(&self, view: &A) {
        let (ids, venue) = (&self.ids, VenueCode::new("v1").unwrap());
        let got = view
            .application_context(&plan_id(), ids[0], &venue, &key("now"))
            .await
            .unwrap();
        assert_eq!(got, self.expected);
        assert_eq!(
            got.record.attendance.len(),
            full_attendance(self.ids[0]).len()
        );
        assert_eq!(got.record.evaluations.len(), 3);
        assert_eq!(got.history.len(), 2);
        assert!(
            got.history
                .iter()
                .any(|p| p.result.as_ref().is_some_and(|r| r.finalised))
        );
        let fresh = view
            .application_context(
                &plan_id(),
                ids[1],
                &VenueCode::new("v9").unwrap(),
                &key("new"),
            )
            .await
            .unwrap();
        assert!(fresh.venue.is_none() && !fresh.key_recorded && fresh.history.is_empty());
        assert!(fresh.record.attendance.is_empty() && fresh.record.standard.is_some());
        let unknown_candidate = view
            .application_context(
                &self.earlier,
                EnrollmentId::from_u128(999),
                &venue,
                &key("x"),
            )
            .await;
        assert!(matches!(
            unknown_candidate,
            Err(StoreError::NotFound { .. })
        ));
        let mut unknown = plan().spec().clone();
        unknown.round = 9;
        let unknown = RoundId::of(&ExamPlan::new(unknown).unwrap());
        let unknown_round = view
            .application_context(&unknown, ids[0], &venue, &key("x"))
            .await;
        assert!(matches!(unknown_round, Err(StoreError::NotFound { .. })));
    }
}

/// 64 tasks race for the last seats through the async twin: no overbooking, unique numbers.
pub async fn async_exam_last_seat<S: AsyncStore + AsyncExamStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let store = Arc::new(factory());
    let w = World::new(RACERS as u32);
    w.install_async(&*store).await;
    let mut ids = Vec::new();
    for i in 0..RACERS {
        let e = w.trainee(i as u128);
        AsyncEnrollmentStore::enroll(&*store, &w.staff, &key(&format!("e{i}")), &e)
            .await
            .unwrap();
        ids.push(e.id());
    }
    store
        .create_round(&meta(agency()), &round(&[3]))
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for (i, e) in ids.into_iter().enumerate() {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            store
                .apply(
                    &meta(candidate(e)),
                    &key(&format!("r{i}")),
                    &new_application(i as u128 + 1, e, 0),
                )
                .await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.expect("task") {
            Ok(_) => won += 1,
            Err(StoreError::VenueFull { .. }) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(won, 3);
    let seats = store.venue_seats(&plan_id()).await.unwrap();
    assert_eq!((seats[0].booked, seats[0].capacity), (3, 3));
    let apps = store.applications(&plan_id()).await.unwrap();
    let numbers: BTreeSet<_> = apps.iter().map(|a| a.value.number.clone()).collect();
    assert_eq!(numbers.len(), 3);
}

/// Expands to one `#[test]` per blocking exam conformance case; `#[ignore = "why"]` before the
/// factory marks them ignored, as with [`conformance_tests!`](crate::conformance_tests).
///
/// # Example
/// ```text
/// cqnet_store::exam_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
/// ```
#[macro_export]
macro_rules! exam_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::exam_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::exam_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        $crate::exam_conformance_tests!(@cases [$($attr)*] $factory;
            exam_rounds_round_trip, exam_last_seat_race, exam_idempotent_apply,
            exam_numbers_unique, exam_cancel_returns_seat, exam_results_frozen,
            exam_service_flow, exam_service_late_plan, exam_retry_after_fee_change,
            exam_application_context);
    };
    (@cases [$($attr:tt)*] $factory:expr; $case:ident $(, $rest:ident)*) => {
        #[test]
        $($attr)*
        fn $case() {
            $crate::testing::exam::$case(&$factory);
        }
        $crate::exam_conformance_tests!(@cases [$($attr)*] $factory; $($rest),*);
    };
    (@cases [$($attr:tt)*] $factory:expr;) => {};
}

/// Expands to one `#[test]` per async exam conformance case.
///
/// # Example
/// ```text
/// cqnet_store::async_exam_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
/// ```
#[macro_export]
macro_rules! async_exam_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::async_exam_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::async_exam_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        #[test]
        $($attr)*
        fn async_exam_last_seat() {
            $crate::testing::block_on($crate::testing::exam::async_exam_last_seat(&$factory));
        }
    };
}
