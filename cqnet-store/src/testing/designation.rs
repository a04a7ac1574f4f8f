//! The conformance cases of the course designation cycle (feature `testing`): a call and its
//! applications from four institutions through both screenings (a rank criterion with a tie),
//! the committee and the designation of course runs the training records then hold, a
//! quarterly check with a finding, a cancellation refused without a hearing and applied after
//! one (the course takes no new trainee, its trainee's record stays); the bad input that must
//! be a typed error leaving nothing behind; who may act; the retention call that never removes
//! a record younger than the pack's period; the agency's quarterly oversight of every
//! designated course, in pages; and [`RACERS`] tasks applying with one application at once,
//! then designating one application at once.
//!
//! [`designation_conformance_tests!`](crate::designation_conformance_tests) and
//! [`async_designation_conformance_tests!`](crate::async_designation_conformance_tests) expand
//! to one `#[test]` per case:
//!
//! ```text
//! cqnet_store::designation_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
//! cqnet_store::async_designation_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, Months, NaiveDate, Utc};
use cqnet_core::access::PartyId;
use cqnet_core::course_designation::Teacher;
use cqnet_core::rules::RulePack;
use cqnet_core::sanction::{Ground, Measure};
use cqnet_core::screening::Criterion;
use cqnet_core::standard::{CoursePlan, CoursePlanSpec};
use cqnet_core::window::TimeWindow;
use cqnet_core::{Hours, QualificationCode, ReasonCode, Score};

use crate::blocking::DesignationService;
use crate::designation::*;
use crate::testing::{World, instant, key};
use crate::training::{
    CourseId, DesignationStatus, Enrollment, EnrollmentId, Institution, InstitutionId,
    InstitutionKind, LearnerKind, Person, ServiceError,
};
use crate::work_study::Hearing;
use crate::{
    Actor, AsyncStore, CommandMeta, ConflictKind, ManualClock, Role, Store, StoreError, Versioned,
};

/// How many tasks race for one application, and then for one designation.
pub const RACERS: usize = 16;

/// The instant the fixtures start: 10:00 on 12 January 2026 in Korea, inside the call's window.
pub const START: &str = "2026-01-12T01:00:00Z";

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a valid date literal")
}

fn at(s: &str) -> DateTime<Utc> {
    instant(s)
}

/// The agency (한국산업인력공단).
pub fn agency() -> Actor {
    Actor::new("hrdk.admin", Role::Agency).unwrap()
}

/// Staff of an institution.
pub fn staff(institution: InstitutionId) -> Actor {
    Actor::new("kim.staff", Role::InstitutionStaff(institution)).unwrap()
}

/// The call of the fixtures: applications from 5 to 30 January 2026, designations announced on
/// 16 March; the world's qualification with a document score of at least 60 and an on-site
/// rank of at most 2.
pub fn call(w: &World) -> DesignationCall {
    let window = TimeWindow::new(
        "2026-01-05T09:00:00+09:00".parse().unwrap(),
        "2026-01-30T18:00:00+09:00".parse().unwrap(),
    )
    .unwrap();
    DesignationCall::new(
        CallId::from_u128(1),
        2026,
        window,
        day("2026-03-16"),
        vec![CallQualification {
            qualification: w.qualification.code().clone(),
            document: Criterion::Score { min: score(60) },
            on_site: Criterion::rank(2).unwrap(),
        }],
    )
    .unwrap()
}

fn score(n: u32) -> Score {
    Score::new(n.into()).unwrap()
}

/// The application `n` of `institution`: the example plan, which meets the world's standard.
pub fn application(w: &World, n: u128, institution: InstitutionId) -> CourseApplication {
    CourseApplication {
        id: CourseApplicationId::from_u128(n),
        institution,
        qualification: w.qualification.code().clone(),
        standard_version: w.version.clone(),
        ..CourseApplication::example()
    }
}

/// The institutions of the fixtures besides the world's own (100): 101 to 103.
fn install_institutions<S: Store + ?Sized>(store: &S, w: &World) {
    for n in 101..=103 {
        let i = Institution::new(
            InstitutionId::from_u128(n),
            &format!("훈련기관{n}"),
            InstitutionKind::TrainingInstitution,
        )
        .unwrap();
        crate::DesignationStore::create_institution(store, &w.staff, &i).unwrap();
    }
}

/// A service over a fresh store with the world and institutions installed, its clock at
/// [`START`].
fn service<S: Store + CourseDesignationStore + 'static>(
    factory: &dyn Fn() -> S,
) -> (DesignationService<S, ManualClock>, ManualClock, World) {
    let store = factory();
    let world = World::new(10);
    world.install(&store);
    install_institutions(&store, &world);
    let clock = ManualClock::new(instant(START));
    (DesignationService::new(store, clock.clone()), clock, world)
}

fn conflict_kind<T: std::fmt::Debug>(result: Result<T, StoreError>) -> ConflictKind {
    match result {
        Err(e) => e
            .conflict_kind()
            .unwrap_or_else(|| panic!("expected a Conflict, got {e:?}")),
        Ok(v) => panic!("expected a Conflict, got {v:?}"),
    }
}

fn service_conflict<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> ConflictKind {
    match result {
        Err(ServiceError::Store(e)) => conflict_kind::<T>(Err(e)),
        other => panic!("expected a store Conflict, got {other:?}"),
    }
}

fn refused_codes<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> Vec<ReasonCode> {
    match result {
        Err(ServiceError::Refused { reasons }) => reasons.iter().map(|r| r.code).collect(),
        other => panic!("expected a refusal with reasons, got {other:?}"),
    }
}

/// The four applications of the cycle and their scores: (id, institution, document, on-site).
/// 3 fails the documents (55 < 60); 1 and 2 tie first on site (85), 4 is third and not within
/// rank 2.
const CYCLE: [(u128, u128, u32, Option<u32>); 4] = [
    (1, 100, 90, Some(85)),
    (2, 101, 80, Some(85)),
    (3, 102, 55, None),
    (4, 103, 70, Some(70)),
];

/// The rank of `score` among `field` when equal scores share a rank: one more than the scores
/// above it.
fn shared_rank(score: u32, field: &[u32]) -> usize {
    1 + field.iter().filter(|s| **s > score).count()
}

/// Opens the call, files [`CYCLE`]'s applications and takes them through both screenings and
/// the committee; answers the ids the test expects to be approved, worked out from the scores.
fn screened<S: Store + CourseDesignationStore + 'static>(
    s: &DesignationService<S, ManualClock>,
    clock: &ManualClock,
    w: &World,
) -> BTreeSet<CourseApplicationId> {
    s.open_call(&agency(), &key("call-2026"), &call(w)).unwrap();
    for (n, institution, _, _) in CYCLE {
        let institution = InstitutionId::from_u128(institution);
        let filed = s
            .apply(
                &staff(institution),
                &key(&format!("apply-{n}")),
                &application(w, n, institution),
            )
            .unwrap();
        assert_eq!(filed.value.status, ApplicationStatus::Filed);
        assert!(filed.value.plan_check.meets_standard);
    }
    let q = w.qualification.code().clone();
    let call_id = CallId::from_u128(1);
    // Screening before the window closes is refused.
    let documents: Vec<(CourseApplicationId, Score)> = CYCLE
        .iter()
        .map(|(n, _, d, _)| (CourseApplicationId::from_u128(*n), score(*d)))
        .collect();
    assert_eq!(
        service_conflict(s.screen_documents(&agency(), &key("docs"), call_id, &q, &documents)),
        ConflictKind::OutsideCall
    );
    clock.set(at("2026-02-02T01:00:00Z"));
    let screened = s
        .screen_documents(&agency(), &key("docs"), call_id, &q, &documents)
        .unwrap();
    assert_eq!(screened.len(), CYCLE.len());
    for r in &screened {
        let (_, _, d, _) = CYCLE
            .iter()
            .find(|c| CourseApplicationId::from_u128(c.0) == r.value.application.id)
            .unwrap();
        let stage = r.value.document.as_ref().unwrap();
        assert_eq!(stage.passed, *d >= 60, "{:?}", r.value.application.id);
        assert_eq!(stage.score, score(*d));
        assert_eq!(
            stage.reasons.iter().map(|r| r.code).collect::<Vec<_>>(),
            if *d >= 60 {
                vec![]
            } else {
                vec![ReasonCode::DocumentScreeningFailed]
            }
        );
    }
    let on_site: Vec<(CourseApplicationId, Score)> = CYCLE
        .iter()
        .filter_map(|(n, _, _, o)| o.map(|o| (CourseApplicationId::from_u128(*n), score(o))))
        .collect();
    let field: Vec<u32> = CYCLE.iter().filter_map(|c| c.3).collect();
    let expected: BTreeSet<CourseApplicationId> = CYCLE
        .iter()
        .filter(|c| c.3.is_some_and(|o| shared_rank(o, &field) <= 2))
        .map(|c| CourseApplicationId::from_u128(c.0))
        .collect();
    assert_eq!(expected.len(), 2, "the tie shares first place");
    clock.set(at("2026-02-20T01:00:00Z"));
    let decided = s
        .screen_on_site(&agency(), &key("on-site"), call_id, &q, &on_site)
        .unwrap();
    assert_eq!(decided.len(), on_site.len());
    for r in &decided {
        let selected = expected.contains(&r.value.application.id);
        assert_eq!(
            r.value.status,
            if selected {
                ApplicationStatus::Selected
            } else {
                ApplicationStatus::NotSelected
            }
        );
    }
    // Document scores again are refused: the stage is decided.
    assert_eq!(
        service_conflict(s.screen_documents(&agency(), &key("docs-2"), call_id, &q, &documents)),
        ConflictKind::AlreadyScreened
    );
    clock.set(at("2026-03-10T01:00:00Z"));
    let deliberation = Deliberation {
        held_on: day("2026-03-10"),
        not_approved: BTreeSet::new(),
    };
    let approved = s
        .deliberate(&agency(), &key("committee"), call_id, &q, &deliberation)
        .unwrap();
    assert_eq!(
        approved
            .iter()
            .map(|r| r.value.application.id)
            .collect::<BTreeSet<_>>(),
        expected
    );
    assert!(
        approved
            .iter()
            .all(|r| r.value.status == ApplicationStatus::Approved)
    );
    expected
}

fn trainee(n: u128, course: CourseId) -> Enrollment {
    Enrollment::new(
        EnrollmentId::from_u128(5_000 + n),
        course,
        Person::new(&format!("훈련생{n}"), day("2000-01-01"), "010-0000-0000").unwrap(),
        LearnerKind::Trainee,
        day("2026-09-01"),
    )
    .unwrap()
}

/// The whole cycle: call, applications, screenings with a rank tie, committee, designation of
/// the approved runs as designated courses, a quarterly check with a finding, a cancellation
/// refused without a hearing and applied after one; replays and a key reused.
pub fn designation_cycle<S: Store + CourseDesignationStore + 'static>(factory: &dyn Fn() -> S) {
    let (s, clock, w) = service(factory);
    let approved = screened(&s, &clock, &w);
    let first = CourseApplicationId::from_u128(1);
    assert!(approved.contains(&first));
    let course = CourseId::from_u128(901);
    // Before the announcement day, nothing is designated.
    assert_eq!(
        service_conflict(s.designate(&agency(), &key("designate-1"), first, course)),
        ConflictKind::DateOutOfOrder
    );
    clock.set(at("2026-03-16T01:00:00Z"));
    let designated = s
        .designate(&agency(), &key("designate-1"), first, course)
        .unwrap();
    assert_eq!(designated.value.status, ApplicationStatus::Designated);
    let replay = s
        .designate(&agency(), &key("designate-1"), first, course)
        .unwrap();
    assert_eq!(replay, designated);
    assert!(matches!(
        s.designate(
            &agency(),
            &key("designate-1"),
            first,
            CourseId::from_u128(902)
        ),
        Err(ServiceError::Store(StoreError::IdempotencyConflict { .. }))
    ));
    // The course run is a designated course of the training records, as the plan has it.
    let run = s.store().course(course).unwrap().value;
    let a = application(&w, 1, InstitutionId::from_u128(100));
    assert_eq!(
        run.spec().designation.status(),
        DesignationStatus::Designated
    );
    assert_eq!(run.spec().designation.valid_from(), day("2026-03-16"));
    assert_eq!(run.spec().capacity, a.plan.spec().capacity);
    assert_eq!(
        (run.spec().start, run.spec().end),
        (a.training_start, a.training_end)
    );
    assert_eq!(run.spec().units.len(), a.plan.spec().units.len());
    // An application the committee did not approve is not designated.
    assert_eq!(
        service_conflict(s.designate(
            &agency(),
            &key("designate-4"),
            CourseApplicationId::from_u128(4),
            CourseId::from_u128(904)
        )),
        ConflictKind::NotApproved
    );
    // A trainee enrolls while the course is designated.
    let meta = |at_: &str| CommandMeta::new(staff(InstitutionId::from_u128(100)), at(at_));
    crate::EnrollmentStore::enroll(
        s.store(),
        &meta("2026-08-20T01:00:00Z"),
        &key("enroll-1"),
        &trainee(1, course),
    )
    .unwrap();

    // A quarterly operation check with a finding.
    clock.set(at("2026-10-05T01:00:00Z"));
    let finding = Finding::new("출결 기록 미입력 3건", Some(Ground::RunDifferently)).unwrap();
    let check = OperationCheck {
        checked_on: day("2026-10-05"),
        method: CheckMethod::OnSite,
        findings: vec![finding.clone()],
    };
    let checked = s
        .record_operation_check(&agency(), &key("check-q4"), first, &check)
        .unwrap();
    assert_eq!(checked.value.checks[0].fact.quarter(), (2026, 4));
    assert_eq!(checked.value.checks[0].fact.findings, vec![finding]);

    // A cancellation without a hearing is refused with the core's reason, and changes nothing.
    let cancel =
        CourseMeasureOrder::new(vec![Ground::RunDifferently], Measure::Cancellation).unwrap();
    assert_eq!(
        refused_codes(s.take_measure(&agency(), &key("cancel"), first, &cancel)),
        vec![ReasonCode::HearingRequired]
    );
    let store_meta = CommandMeta::new(agency(), at("2026-10-05T01:00:00Z"));
    assert_eq!(
        conflict_kind(s.store().take_course_measure(
            &store_meta,
            &key("cancel-direct"),
            first,
            &cancel
        )),
        ConflictKind::MeasureRefused
    );
    assert_eq!(s.store().course_application(first).unwrap(), checked);
    // A corrective order needs no hearing.
    let order =
        CourseMeasureOrder::new(vec![Ground::RunDifferently], Measure::CorrectiveOrder).unwrap();
    let corrected = s
        .take_measure(&agency(), &key("order"), first, &order)
        .unwrap();
    assert_eq!(corrected.value.status, ApplicationStatus::Designated);
    assert_eq!(corrected.value.measures.len(), 1);
    // A course has no suspension: the core's own reason.
    let suspend =
        CourseMeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::Suspension).unwrap();
    assert!(
        refused_codes(s.take_measure(&agency(), &key("suspend"), first, &suspend))
            .contains(&ReasonCode::SuspensionNotAvailable)
    );

    // After a hearing the cancellation is applied.
    clock.set(at("2026-10-20T01:00:00Z"));
    s.record_hearing(
        &agency(),
        &key("hearing"),
        first,
        &Hearing {
            held_on: day("2026-10-20"),
        },
    )
    .unwrap();
    clock.set(at("2026-11-02T01:00:00Z"));
    let cancelled = s
        .take_measure(&agency(), &key("cancel"), first, &cancel)
        .unwrap();
    assert_eq!(
        cancelled.value.status,
        ApplicationStatus::Cancelled {
            on: day("2026-11-02")
        }
    );
    let effects = cancelled.value.cancellation.as_ref().unwrap();
    assert_eq!(effects.trainees, 1);
    assert_eq!(effects.decision.enrollment_closed_from, day("2026-11-02"));
    assert_eq!(
        effects.decision.trainee_flag.code,
        ReasonCode::TraineeOfCancelledCourse
    );
    assert_eq!(
        cancelled.value.measures.last().unwrap().hearing_held_on,
        Some(day("2026-10-20"))
    );
    // The course takes no new trainee; the one it has keeps their record.
    let run = s.store().course(course).unwrap().value;
    assert_eq!(run.spec().designation.status(), DesignationStatus::Revoked);
    assert_eq!(
        conflict_kind(crate::EnrollmentStore::enroll(
            s.store(),
            &meta("2026-11-03T01:00:00Z"),
            &key("enroll-2"),
            &trainee(2, course),
        )),
        ConflictKind::CourseCancelled
    );
    assert_eq!(s.store().enrollments(course).unwrap().len(), 1);
    // A cancelled course is checked, heard or sanctioned no more.
    assert_eq!(
        service_conflict(s.record_operation_check(&agency(), &key("check-late"), first, &check)),
        ConflictKind::NotDesignated
    );
    // Every step left its audit line.
    let log = s.store().audit_entries(None, 1000).unwrap();
    for command in [
        "open_call",
        "apply_for_course",
        "screen_documents",
        "screen_on_site",
        "deliberate",
        "designate_course",
        "record_operation_check",
        "record_course_hearing",
        "take_course_measure",
    ] {
        assert!(
            log.iter()
                .any(|e| e.command == command && e.outcome == "ok"),
            "no audit line of {command}"
        );
    }
    assert!(
        log.iter()
            .any(|e| e.command == "take_course_measure" && e.outcome.starts_with("refused"))
    );
}

/// Bad input is a typed error and leaves nothing behind.
pub fn designation_bad_commands_leave_nothing<S: Store + CourseDesignationStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (s, clock, w) = service(factory);
    // A call whose window ends after its announcement cannot be built.
    let late_window = TimeWindow::new(
        "2026-01-05T09:00:00+09:00".parse().unwrap(),
        "2026-03-20T18:00:00+09:00".parse().unwrap(),
    )
    .unwrap();
    let base = call(&w);
    assert!(matches!(
        DesignationCall::new(
            base.id(),
            2026,
            late_window,
            base.announced_on(),
            base.qualifications().to_vec()
        ),
        Err(cqnet_core::InputError::Inconsistent(_))
    ));
    assert!(s.store().designation_calls().unwrap().is_empty());
    let a = application(&w, 1, InstitutionId::from_u128(100));
    let mine = staff(a.institution);
    // No call yet.
    assert!(matches!(
        s.apply(&mine, &key("a"), &a),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));
    s.open_call(&agency(), &key("call"), &base).unwrap();
    assert!(matches!(
        s.open_call(&agency(), &key("call"), &call(&w)).map(|c| c.version),
        Ok(v) if v == crate::Version::FIRST
    ));
    // A teacher of no eligible kind, and no teacher at all.
    let nobody = Teacher {
        person: PartyId::new("lee.nobody").unwrap(),
        kinds: BTreeSet::new(),
    };
    let mut unqualified = a.clone();
    unqualified.teachers.push(nobody);
    assert_eq!(
        refused_codes(s.apply(&mine, &key("a"), &unqualified)),
        vec![ReasonCode::TeacherNotEligible]
    );
    let store_meta = CommandMeta::new(mine.clone(), instant(START));
    assert_eq!(
        conflict_kind(
            s.store()
                .apply_for_course(&store_meta, &key("direct"), &unqualified)
        ),
        ConflictKind::TeacherNotEligible
    );
    let untaught = CourseApplication {
        teachers: vec![],
        ..a.clone()
    };
    assert_eq!(
        refused_codes(s.apply(&mine, &key("a"), &untaught)),
        vec![ReasonCode::NoTeacher]
    );
    // A plan below its standard.
    let mut short = CoursePlanSpec::from(a.plan.clone());
    short.units[0].hours = Hours::whole(30).unwrap();
    let below = CourseApplication {
        plan: CoursePlan::new(short).unwrap(),
        ..a.clone()
    };
    let codes = refused_codes(s.apply(&mine, &key("a"), &below));
    assert!(
        codes.contains(&ReasonCode::UnitHoursBelowMinimum),
        "{codes:?}"
    );
    assert_eq!(
        conflict_kind(
            s.store()
                .apply_for_course(&store_meta, &key("direct"), &below)
        ),
        ConflictKind::PlanBelowStandard
    );
    // A qualification the call does not cover.
    let elsewhere = CourseApplication {
        qualification: QualificationCode::new("W001").unwrap(),
        ..a.clone()
    };
    assert!(
        refused_codes(s.apply(&mine, &key("a"), &elsewhere))
            .contains(&ReasonCode::QualificationNotInCall)
    );
    // A company applies.
    let company = CourseApplication {
        institution: w.company.id(),
        ..a.clone()
    };
    assert_eq!(
        service_conflict(s.apply(&agency(), &key("a"), &company)),
        ConflictKind::NotATrainingInstitution
    );
    // A training starting before the announcement.
    let early = CourseApplication {
        training_start: day("2026-03-02"),
        ..a.clone()
    };
    assert_eq!(
        service_conflict(s.apply(&mine, &key("a"), &early)),
        ConflictKind::DateOutOfOrder
    );
    // After the window, applications are refused.
    clock.set(at("2026-01-30T09:00:00Z"));
    assert_eq!(
        refused_codes(s.apply(&mine, &key("a"), &a)),
        vec![ReasonCode::OutsideDesignationWindow]
    );
    let late_meta = CommandMeta::new(mine.clone(), at("2026-01-30T09:00:00Z"));
    assert_eq!(
        conflict_kind(s.store().apply_for_course(&late_meta, &key("direct"), &a)),
        ConflictKind::OutsideCall
    );
    assert!(
        s.store()
            .course_applications_of(base.id(), w.qualification.code())
            .unwrap()
            .is_empty()
    );
    // Inside the window it is filed once; another payload under its key is refused.
    clock.set(instant(START));
    s.apply(&mine, &key("a"), &a).unwrap();
    let other = application(&w, 2, a.institution);
    assert!(matches!(
        s.apply(&mine, &key("a"), &other),
        Err(ServiceError::Store(StoreError::IdempotencyConflict { .. }))
    ));
    assert!(matches!(
        s.apply(&mine, &key("a-again"), &a),
        Err(ServiceError::Store(StoreError::AlreadyExists { .. }))
    ));
    // Scores that miss an application, or name one twice, are refused.
    clock.set(at("2026-02-02T01:00:00Z"));
    let q = w.qualification.code().clone();
    let twice = [(a.id, score(70)), (a.id, score(80))];
    assert_eq!(
        service_conflict(s.screen_documents(&agency(), &key("docs"), base.id(), &q, &twice)),
        ConflictKind::ScoresMismatch
    );
    assert_eq!(
        service_conflict(s.screen_documents(&agency(), &key("docs"), base.id(), &q, &[])),
        ConflictKind::ScoresMismatch
    );
    // On site before the documents, a deliberation before both.
    assert_eq!(
        service_conflict(s.screen_on_site(&agency(), &key("site"), base.id(), &q, &[])),
        ConflictKind::NotScreened
    );
    let d = Deliberation {
        held_on: day("2026-02-02"),
        not_approved: BTreeSet::new(),
    };
    assert_eq!(
        service_conflict(s.deliberate(&agency(), &key("committee"), base.id(), &q, &d)),
        ConflictKind::NotScreened
    );
    let filed = s.store().course_application(a.id).unwrap();
    assert_eq!(filed.version, crate::Version::FIRST);
    assert_eq!(filed.value.status, ApplicationStatus::Filed);
}

/// Who may act is the core's: an institution files for itself only, and only the agency
/// screens, designates and sanctions.
pub fn designation_access_is_the_cores<S: Store + CourseDesignationStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (s, _clock, w) = service(factory);
    s.open_call(&agency(), &key("call"), &call(&w)).unwrap();
    let theirs = application(&w, 1, InstitutionId::from_u128(100));
    let before = s.store().audit_entries(None, 1000).unwrap().len();
    assert_eq!(
        refused_codes(s.apply(&staff(InstitutionId::from_u128(101)), &key("a"), &theirs)),
        vec![ReasonCode::NotOwnRecord]
    );
    assert_eq!(
        refused_codes(s.open_call(&staff(theirs.institution), &key("c"), &call(&w))),
        vec![ReasonCode::NotPermitted]
    );
    assert_eq!(
        refused_codes(s.screen_documents(
            &staff(theirs.institution),
            &key("d"),
            CallId::from_u128(1),
            w.qualification.code(),
            &[]
        )),
        vec![ReasonCode::NotPermitted]
    );
    let after = s.store().audit_entries(None, 1000).unwrap();
    assert_eq!(after.len(), before + 3, "each refusal has its audit line");
    assert!(
        after[before..]
            .iter()
            .all(|e| e.outcome.starts_with("refused"))
    );
    // The agency may file for an institution.
    s.apply(&agency(), &key("a"), &theirs).unwrap();
}

/// The retention call never removes a record younger than the pack's period, and removes one
/// as old as it.
pub fn designation_retention_keeps_young_records<S: Store + CourseDesignationStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (s, clock, w) = service(factory);
    screened(&s, &clock, &w);
    clock.set(at("2026-03-16T01:00:00Z"));
    s.designate(
        &agency(),
        &key("designate-2"),
        CourseApplicationId::from_u128(2),
        CourseId::from_u128(902),
    )
    .unwrap();
    let years = RulePack::embedded()
        .rules_at(day("2026-03-16"))
        .unwrap()
        .designation
        .record_retention_years
        .value;
    let records: Vec<Versioned<DesignationRecord>> = s
        .store()
        .course_applications_of(CallId::from_u128(1), w.qualification.code())
        .unwrap();
    // The first day each may go: its last recorded day plus the period.
    let mut ends: Vec<(CourseApplicationId, NaiveDate)> = records
        .iter()
        .map(|r| {
            let last = r.value.last_recorded_on();
            (
                r.value.application.id,
                last.checked_add_months(Months::new(years * 12)).unwrap(),
            )
        })
        .collect();
    ends.sort_by_key(|(_, end)| *end);
    let designated_end = ends
        .iter()
        .find(|(id, _)| *id == CourseApplicationId::from_u128(2))
        .unwrap()
        .1;
    // The designated run's records run to the end of its training.
    assert_eq!(
        designated_end,
        day("2026-12-18")
            .checked_add_months(Months::new(years * 12))
            .unwrap()
    );
    let earliest = ends[0].1;
    // The day before the earliest end, nothing is removed.
    let before = earliest.pred_opt().unwrap();
    clock.set(at(&format!("{before}T01:00:00Z")));
    let kept = s.apply_retention(&agency(), &key("retention-1")).unwrap();
    assert!(kept.removed.is_empty());
    assert_eq!(kept.kept.len(), records.len());
    for (id, until) in &kept.kept {
        assert!(ends.contains(&(*id, *until)), "{id}: {until}");
    }
    // On the day the second latest period ends, every record whose period ended goes, and
    // only those.
    let cutoff = ends[ends.len() - 2].1;
    assert!(cutoff < designated_end);
    clock.set(at(&format!("{cutoff}T01:00:00Z")));
    let report = s.apply_retention(&agency(), &key("retention-2")).unwrap();
    let expected_removed: Vec<CourseApplicationId> = {
        let mut ids: Vec<_> = ends
            .iter()
            .filter(|(_, end)| *end <= cutoff)
            .map(|(id, _)| *id)
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(report.removed, expected_removed);
    for id in &report.removed {
        assert!(matches!(
            s.store().course_application(*id),
            Err(StoreError::NotFound { .. })
        ));
    }
    assert_eq!(
        report.kept,
        vec![(CourseApplicationId::from_u128(2), designated_end)]
    );
    for (id, until) in &report.kept {
        assert!(*until > cutoff);
        s.store().course_application(*id).unwrap();
    }
    // The course of the training records stays.
    s.store().course(CourseId::from_u128(902)).unwrap();
}

/// The course runs of [`designation_oversight_lists_missed_quarters`]: (application, call,
/// institution, training start); every run ends on 18 December 2026.
const OVERSEEN: [(u128, u128, u128, &str); 4] = [
    // Checked in both quarters of its run.
    (11, 1, 100, "2026-09-01"),
    // Checked in the fourth quarter only.
    (12, 1, 101, "2026-09-01"),
    // Never checked; its run begins in the second quarter.
    (13, 2, 102, "2026-04-01"),
    // Never checked, and cancelled.
    (14, 2, 103, "2026-09-01"),
];

/// The ids of records, in order.
fn ids_of(records: &[Versioned<DesignationRecord>]) -> Vec<CourseApplicationId> {
    records.iter().map(|r| r.value.application.id).collect()
}

/// The agency's quarterly oversight of every designated course at once: four course runs of
/// two calls designated, one checked in every quarter, one missing a quarter, one never checked
/// from an earlier start, one cancelled. The store reads exactly the designated ones (and the
/// filters exactly those a filter by hand keeps); the service lists each course the core finds
/// missing a quarter with the core's own decision on the day, sorted by the oldest missed
/// quarter then by id, never the cancelled one; two pages of one give every row once; a cursor
/// of another query or changed by hand, a page size out of range and a day after today are
/// typed errors; anyone but the agency is refused, audited.
pub fn designation_oversight_lists_missed_quarters<S: Store + CourseDesignationStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (s, clock, w) = service(factory);
    let q = w.qualification.code().clone();
    let first_call = call(&w);
    let second_call = DesignationCall::new(
        CallId::from_u128(2),
        2026,
        *first_call.window(),
        first_call.announced_on(),
        vec![CallQualification {
            qualification: q.clone(),
            document: Criterion::Score { min: score(60) },
            on_site: Criterion::Score { min: score(60) },
        }],
    )
    .unwrap();
    s.open_call(&agency(), &key("call-1"), &first_call).unwrap();
    s.open_call(&agency(), &key("call-2"), &second_call)
        .unwrap();
    let id = |n: u128| CourseApplicationId::from_u128(n);
    for (n, c, i, start) in OVERSEEN {
        let institution = InstitutionId::from_u128(i);
        let a = CourseApplication {
            call: CallId::from_u128(c),
            training_start: day(start),
            ..application(&w, n, institution)
        };
        s.apply(&staff(institution), &key(&format!("apply-{n}")), &a)
            .unwrap();
    }
    // Both stages pass every application of each call (on site, ranks 1 and 2 of the first).
    let scores = |c: u128| -> Vec<(CourseApplicationId, Score)> {
        OVERSEEN
            .iter()
            .filter(|r| r.1 == c)
            .zip([90, 80])
            .map(|(r, points)| (id(r.0), score(points)))
            .collect()
    };
    let calls = [CallId::from_u128(1), CallId::from_u128(2)];
    clock.set(at("2026-02-02T01:00:00Z"));
    for (n, c) in calls.iter().enumerate() {
        s.screen_documents(
            &agency(),
            &key(&format!("docs-{n}")),
            *c,
            &q,
            &scores(n as u128 + 1),
        )
        .unwrap();
    }
    clock.set(at("2026-02-20T01:00:00Z"));
    for (n, c) in calls.iter().enumerate() {
        s.screen_on_site(
            &agency(),
            &key(&format!("site-{n}")),
            *c,
            &q,
            &scores(n as u128 + 1),
        )
        .unwrap();
    }
    clock.set(at("2026-03-10T01:00:00Z"));
    let deliberation = Deliberation {
        held_on: day("2026-03-10"),
        not_approved: BTreeSet::new(),
    };
    for (n, c) in calls.iter().enumerate() {
        s.deliberate(
            &agency(),
            &key(&format!("committee-{n}")),
            *c,
            &q,
            &deliberation,
        )
        .unwrap();
    }
    clock.set(at("2026-03-16T01:00:00Z"));
    for (n, ..) in OVERSEEN {
        let designated = s
            .designate(
                &agency(),
                &key(&format!("designate-{n}")),
                id(n),
                CourseId::from_u128(900 + n),
            )
            .unwrap();
        assert_eq!(designated.value.status, ApplicationStatus::Designated);
    }
    // The fourth run is cancelled after a hearing; the first two are checked.
    clock.set(at("2026-11-02T01:00:00Z"));
    s.record_hearing(
        &agency(),
        &key("hearing-14"),
        id(14),
        &Hearing {
            held_on: day("2026-10-20"),
        },
    )
    .unwrap();
    let cancel =
        CourseMeasureOrder::new(vec![Ground::RunDifferently], Measure::Cancellation).unwrap();
    let cancelled = s
        .take_measure(&agency(), &key("cancel-14"), id(14), &cancel)
        .unwrap();
    assert!(matches!(
        cancelled.value.status,
        ApplicationStatus::Cancelled { .. }
    ));
    clock.set(at("2026-11-20T01:00:00Z"));
    for (n, checked_on) in [(11, "2026-09-10"), (11, "2026-11-20"), (12, "2026-11-20")] {
        let check = OperationCheck {
            checked_on: day(checked_on),
            method: CheckMethod::System,
            findings: vec![],
        };
        s.record_operation_check(
            &agency(),
            &key(&format!("check-{n}-{checked_on}")),
            id(n),
            &check,
        )
        .unwrap();
    }
    clock.set(at("2027-01-05T01:00:00Z"));
    let today = day("2027-01-05");

    // The store reads the designated records, and of them those of the filters, as a filter
    // by hand of every record finds them.
    let records: Vec<Versioned<DesignationRecord>> = OVERSEEN
        .iter()
        .map(|r| s.store().course_application(id(r.0)).unwrap())
        .collect();
    let other_qualification = QualificationCode::new("W001").unwrap();
    let filters: [(Option<CallId>, Option<&QualificationCode>); 7] = [
        (None, None),
        (Some(calls[0]), None),
        (Some(calls[1]), None),
        (None, Some(&q)),
        (Some(calls[1]), Some(&q)),
        (None, Some(&other_qualification)),
        (Some(CallId::from_u128(3)), None),
    ];
    let kept_by_hand = |call: Option<CallId>, qualification: Option<&QualificationCode>| {
        records
            .iter()
            .filter(|r| {
                let a = &r.value.application;
                r.value.status == ApplicationStatus::Designated
                    && call.is_none_or(|c| a.call == c)
                    && qualification.is_none_or(|q| &a.qualification == q)
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    for (call, qualification) in filters {
        let read = s
            .store()
            .designated_course_applications(call, qualification)
            .unwrap();
        assert_eq!(
            read,
            kept_by_hand(call, qualification),
            "{call:?} {qualification:?}"
        );
    }
    assert_eq!(
        ids_of(&kept_by_hand(None, None)),
        [id(11), id(12), id(13)],
        "three designated, one cancelled"
    );

    // What the list must hold: the core's decision on each designated record of the filters,
    // those with a quarter missing, by their oldest missed quarter and then by id.
    let expected =
        |on: NaiveDate, call: Option<CallId>, qualification: Option<&QualificationCode>| {
            let rules = RulePack::embedded().rules_at(on).unwrap();
            let mut rows: Vec<(
                CourseApplicationId,
                cqnet_core::operation_check::QuarterlyChecks,
            )> = kept_by_hand(call, qualification)
                .iter()
                .map(|r| {
                    (
                        r.value.application.id,
                        r.value.quarterly_checks(on, &rules).unwrap(),
                    )
                })
                .filter(|(_, decision)| !decision.missing.is_empty())
                .collect();
            rows.sort_by_key(|(id, decision)| (decision.missing[0], *id));
            rows
        };
    let listed = |page: &crate::search::Page<CourseMissingChecks>| {
        page.items
            .iter()
            .map(|row| (row.application, row.decision.clone()))
            .collect::<Vec<_>>()
    };
    let whole = expected(today, None, None);
    // The facts the list is checked against: the first run kept every quarter, the cancelled
    // one missed quarters too, and the oldest miss is not the lowest id.
    let rules = RulePack::embedded().rules_at(today).unwrap();
    assert!(
        records[0]
            .value
            .quarterly_checks(today, &rules)
            .unwrap()
            .kept
    );
    assert!(
        !records[3]
            .value
            .quarterly_checks(today, &rules)
            .unwrap()
            .missing
            .is_empty()
    );
    assert_eq!(whole.len(), 2, "{whole:?}");
    assert!(whole[0].1.missing[0] < whole[1].1.missing[0] && whole[0].0 > whole[1].0);

    let query = |on: NaiveDate, call, qualification: Option<&QualificationCode>, limit| {
        MissingChecksQuery::new(on, call, qualification.cloned(), limit).unwrap()
    };
    let all = s
        .missing_operation_checks(
            &agency(),
            &query(today, None, None, MissingChecksQuery::MAX_LIMIT),
        )
        .unwrap();
    assert_eq!(listed(&all), whole);
    assert!(all.next.is_none());
    for row in &all.items {
        let record = &records
            .iter()
            .find(|r| r.value.application.id == row.application)
            .unwrap()
            .value;
        assert_eq!(
            (
                row.call,
                row.institution,
                &row.qualification,
                Some(row.course)
            ),
            (
                record.application.call,
                record.application.institution,
                &record.application.qualification,
                record.designation.map(|d| d.course)
            )
        );
    }
    // A page of one, then the next: every row once.
    let first_query = query(today, None, None, 1);
    let first = s.missing_operation_checks(&agency(), &first_query).unwrap();
    let cursor = first.next.clone().expect("a second page");
    let second = s
        .missing_operation_checks(&agency(), &first_query.clone().after(&cursor).unwrap())
        .unwrap();
    assert!(second.next.is_none(), "two pages");
    let mut paged = listed(&first);
    paged.extend(listed(&second));
    assert_eq!(paged, whole);
    // The cursor is the first query's: another day, filter or size is refused, and so is a
    // cursor changed by hand.
    for other in [
        query(day("2027-01-04"), None, None, 1),
        query(today, Some(calls[1]), None, 1),
        query(today, None, None, 2),
    ] {
        assert_eq!(
            other.after(&cursor).unwrap_err(),
            crate::search::SearchError::CursorOfAnotherQuery
        );
    }
    let text = cursor.as_str();
    let middle = text.len() / 2;
    let flipped = if text.as_bytes()[middle] == b'A' {
        "B"
    } else {
        "A"
    };
    let changed = crate::search::Cursor::parse(&format!(
        "{}{flipped}{}",
        &text[..middle],
        &text[middle + 1..]
    ))
    .unwrap();
    assert!(matches!(
        first_query.clone().after(&changed),
        Err(crate::search::SearchError::CursorTampered
            | crate::search::SearchError::CursorMalformed)
    ));
    for limit in [0, MissingChecksQuery::MAX_LIMIT + 1] {
        assert_eq!(
            MissingChecksQuery::new(today, None, None, limit).unwrap_err(),
            crate::search::SearchError::PageSize {
                given: u64::from(limit),
                max: u64::from(MissingChecksQuery::MAX_LIMIT)
            }
        );
    }
    // Each filter lists what the core finds of the records a filter by hand keeps.
    for (call, qualification) in filters {
        let page = s
            .missing_operation_checks(&agency(), &query(today, call, qualification, 200))
            .unwrap();
        assert_eq!(
            listed(&page),
            expected(today, call, qualification),
            "{call:?} {qualification:?}"
        );
    }
    // On an earlier day the quarters are those ended before it.
    let autumn = day("2026-10-05");
    let earlier = s
        .missing_operation_checks(&agency(), &query(autumn, None, None, 200))
        .unwrap();
    assert_eq!(listed(&earlier), expected(autumn, None, None));
    assert_ne!(listed(&earlier), whole);
    // A day after today is not decided: its quarters may still be checked.
    assert!(matches!(
        s.missing_operation_checks(&agency(), &query(day("2027-01-06"), None, None, 20)),
        Err(ServiceError::Input(_))
    ));
    // Only the agency oversees; a refusal is audited.
    let before = s.store().audit_entries(None, 1000).unwrap().len();
    assert_eq!(
        refused_codes(s.missing_operation_checks(
            &staff(InstitutionId::from_u128(100)),
            &query(today, None, None, 20)
        )),
        vec![ReasonCode::NotPermitted]
    );
    let log = s.store().audit_entries(None, 1000).unwrap();
    assert_eq!(log.len(), before + 1);
    assert_eq!(log[before].command, "view_missing_operation_checks");
    assert!(
        log[before].outcome.starts_with("refused"),
        "{:?}",
        log[before]
    );
}

/// Through the async service: [`RACERS`] tasks file one application under different keys
/// (exactly one files, every other is told it exists), and, once it is approved, [`RACERS`]
/// tasks designate it as different courses (exactly one designates, every other is told it is
/// designated already or that its course was taken).
pub async fn async_designation_races<S: AsyncStore + AsyncCourseDesignationStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let store = Arc::new(factory());
    let w = World::new(10);
    w.install_async(&*store).await;
    let clock = ManualClock::new(instant(START));
    let service = Arc::new(crate::designation::DesignationService::from_shared(
        Arc::clone(&store),
        clock.clone(),
    ));
    service
        .open_call(&agency(), &key("call"), &call(&w))
        .await
        .unwrap();
    let a = application(&w, 1, InstitutionId::from_u128(100));
    let mut tasks = Vec::new();
    for i in 0..RACERS {
        let (service, a) = (Arc::clone(&service), a.clone());
        tasks.push(tokio::spawn(async move {
            service
                .apply(&staff(a.institution), &key(&format!("apply-{i}")), &a)
                .await
        }));
    }
    let mut filed = 0;
    for t in tasks {
        match t.await.expect("task") {
            Ok(_) => filed += 1,
            Err(ServiceError::Store(StoreError::AlreadyExists { .. })) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(filed, 1, "one application is filed");
    let q = w.qualification.code().clone();
    clock.set(at("2026-02-02T01:00:00Z"));
    service
        .screen_documents(&agency(), &key("docs"), a.call, &q, &[(a.id, score(90))])
        .await
        .unwrap();
    service
        .screen_on_site(&agency(), &key("site"), a.call, &q, &[(a.id, score(90))])
        .await
        .unwrap();
    let d = Deliberation {
        held_on: day("2026-02-02"),
        not_approved: BTreeSet::new(),
    };
    service
        .deliberate(&agency(), &key("committee"), a.call, &q, &d)
        .await
        .unwrap();
    clock.set(at("2026-03-16T01:00:00Z"));
    let id = a.id;
    let mut tasks = Vec::new();
    for i in 0..RACERS {
        let service = Arc::clone(&service);
        tasks.push(tokio::spawn(async move {
            let course = CourseId::from_u128(900 + i as u128);
            let outcome = service
                .designate(&agency(), &key(&format!("designate-{i}")), id, course)
                .await;
            (course, outcome)
        }));
    }
    let mut winners = Vec::new();
    for t in tasks {
        match t.await.expect("task") {
            (course, Ok(_)) => winners.push(course),
            (_, Err(ServiceError::Store(e))) => {
                assert_eq!(
                    e.conflict_kind(),
                    Some(ConflictKind::AlreadyDesignated),
                    "{e:?}"
                )
            }
            (_, Err(other)) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(winners.len(), 1, "one designation wins");
    let record = store.course_application(a.id).await.unwrap();
    assert_eq!(record.value.designation.unwrap().course, winners[0]);
    // Only the winner's course exists in the training records.
    let courses = crate::AsyncDesignationStore::courses(&*store, Some(a.institution))
        .await
        .unwrap();
    let runs: Vec<CourseId> = courses
        .iter()
        .map(|c| c.value.id())
        .filter(|id| *id != w.course.id())
        .collect();
    assert_eq!(runs, winners);
}

/// Expands to one `#[test]` per blocking designation conformance case; `#[ignore = "why"]`
/// before the factory marks them ignored, as with
/// [`conformance_tests!`](crate::conformance_tests).
///
/// # Example
/// ```text
/// cqnet_store::designation_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
/// ```
#[macro_export]
macro_rules! designation_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::designation_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::designation_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        $crate::designation_conformance_tests!(@cases [$($attr)*] $factory;
            designation_cycle, designation_bad_commands_leave_nothing,
            designation_access_is_the_cores, designation_retention_keeps_young_records,
            designation_oversight_lists_missed_quarters);
    };
    (@cases [$($attr:tt)*] $factory:expr; $case:ident $(, $rest:ident)*) => {
        #[test]
        $($attr)*
        fn $case() {
            $crate::testing::designation::$case(&$factory);
        }
        $crate::designation_conformance_tests!(@cases [$($attr)*] $factory; $($rest),*);
    };
    (@cases [$($attr:tt)*] $factory:expr;) => {};
}

/// Expands to one `#[test]` per async designation conformance case.
///
/// # Example
/// ```text
/// cqnet_store::async_designation_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
/// ```
#[macro_export]
macro_rules! async_designation_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::async_designation_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::async_designation_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        #[test]
        $($attr)*
        fn async_designation_races() {
            $crate::testing::block_on($crate::testing::designation::async_designation_races(&$factory));
        }
    };
}
