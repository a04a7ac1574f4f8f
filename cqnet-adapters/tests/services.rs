//! The training service and the integrity check over the memory store.
#![allow(clippy::unwrap_used)]

use cqnet_adapters::memory::MemoryStore;
use cqnet_core::{Hours, Score};
use cqnet_store::blocking::TrainingService;
use cqnet_store::testing::{World, instant, key, training_day};
use cqnet_store::training::integrity::{self, Violation};
use cqnet_store::training::*;
use cqnet_store::{
    Actor, AuditLog, DesignationStore, EnrollmentStore, FixedClock, LedgerStore, Role, StoreError,
};

fn setup() -> (World, TrainingService<MemoryStore, FixedClock>) {
    let w = World::new(10);
    let store = MemoryStore::new();
    w.install(&store);
    store.enroll(&w.staff, &key("t1"), &w.trainee(1)).unwrap();
    store.enroll(&w.staff, &key("t2"), &w.trainee(2)).unwrap();
    store
        .enroll(&w.company_staff, &key("l1"), &w.learning_worker(1))
        .unwrap();
    let clock = FixedClock::new(instant("2026-09-01T09:00:00Z"));
    (w, TrainingService::new(store, clock))
}

fn round(e: EnrollmentId, w: &World, unit: usize, round: u8, score: u32) -> NewEvaluation {
    NewEvaluation {
        enrollment: e,
        unit: w.units()[unit].clone(),
        result: EvaluationResult::Round {
            round,
            score: Some(Score::new(score.into()).unwrap()),
        },
        corrects: None,
    }
}

fn staff_of_other_institution() -> Actor {
    Actor::new(
        "intruder",
        Role::InstitutionStaff(InstitutionId::from_u128(999)),
    )
    .unwrap()
}

#[test]
fn only_the_courses_own_staff_may_record_and_refusals_are_audited() {
    let (w, svc) = setup();
    let t1 = w.trainee(1).id();
    let before = svc.store().audit_entries(None, 1000).unwrap().len();
    let refused = svc.record_attendance(
        &staff_of_other_institution(),
        &key("x"),
        &w.attend(t1, 0, 8),
    );
    assert!(
        matches!(refused, Err(ServiceError::Refused { ref reasons }) if !reasons.is_empty()),
        "{refused:?}"
    );
    let agency = Actor::new("hrdk", Role::Agency).unwrap();
    assert!(matches!(
        svc.record_evaluations(&agency, &key("y"), &[round(t1, &w, 0, 1, 80)]),
        Err(ServiceError::Refused { .. })
    ));
    assert!(
        svc.store().attendance(t1).unwrap().is_empty(),
        "a refused command writes no entry"
    );
    let log = svc.store().audit_entries(None, 1000).unwrap();
    assert_eq!(log.len(), before + 2, "each refusal leaves an audit line");
    assert!(log[before].outcome.starts_with("refused"));
    assert_eq!(log[before].actor, staff_of_other_institution());
    // The learner's company may record the learning worker's OJT; not the trainee's units.
    let l1 = w.learning_worker(1).id();
    let ojt = NewAttendance {
        target: AttendanceTarget::Ojt,
        ..w.attend_on(l1, 0, 0, 8)
    };
    svc.record_attendance(&w.company_staff.actor, &key("ojt"), &[ojt])
        .unwrap();
    assert!(matches!(
        svc.record_attendance(&w.company_staff.actor, &key("z"), &w.attend(t1, 0, 1)),
        Err(ServiceError::Refused { .. })
    ));
}

#[test]
fn facts_must_fit_the_course_and_the_schedule() {
    let (w, svc) = setup();
    let t1 = w.trainee(1).id();
    let staff = &w.staff.actor;
    svc.record_attendance(staff, &key("a"), &w.attend(t1, 0, 38))
        .unwrap();
    let too_many = svc.record_attendance(staff, &key("b"), &w.attend(t1, 0, 3));
    assert!(
        matches!(
            too_many,
            Err(ServiceError::Invalid {
                kind: InvalidKind::AboveSchedule,
                ..
            })
        ),
        "41 of 40 hours: {too_many:?}"
    );
    let ojt = NewAttendance {
        target: AttendanceTarget::Ojt,
        ..w.attend_on(t1, 0, 0, 1)
    };
    assert!(matches!(
        svc.record_attendance(staff, &key("c"), &[ojt]),
        Err(ServiceError::Invalid {
            kind: InvalidKind::TargetOfOtherTrack,
            ..
        })
    ));
    let foreign_unit = NewAttendance {
        target: AttendanceTarget::Unit(cqnet_core::UnitCode::new("9999999999_20v1").unwrap()),
        ..w.attend_on(t1, 0, 0, 1)
    };
    assert!(matches!(
        svc.record_attendance(staff, &key("d"), &[foreign_unit]),
        Err(ServiceError::Invalid {
            kind: InvalidKind::UnitNotInCourse,
            ..
        })
    ));
    assert!(
        matches!(
            svc.record_evaluations(staff, &key("e"), &[round(t1, &w, 0, 2, 80)]),
            Err(ServiceError::Invalid {
                kind: InvalidKind::RoundOutOfRange,
                ..
            })
        ),
        "unit A has one round"
    );
    // A correction that lowers the hours makes room again: the first day's 8 hours become 0
    // (30 of 40), and 10 more fit.
    let recorded = svc.store().attendance(t1).unwrap();
    let lower = NewAttendance {
        corrects: Some(recorded[0].seq),
        ..w.attend_on(t1, 0, 0, 0)
    };
    svc.record_attendance(staff, &key("f"), &[lower]).unwrap();
    let more = w.attend(t1, 0, 10);
    svc.record_attendance(staff, &key("g"), &more).unwrap();
    let ledger = svc.store().attendance(t1).unwrap();
    assert_eq!(ledger.len(), recorded.len() + 1 + more.len());
    let unit = AttendanceTarget::Unit(w.units()[0].clone());
    let effective = cqnet_core::ledger::effective_attendance(&attendance_facts(&ledger));
    assert_eq!(effective[&unit], 40.into());
}

#[test]
fn completion_and_external_candidates_come_from_the_core() {
    let (w, svc) = setup();
    let staff = &w.staff.actor;
    let (t1, t2) = (w.trainee(1).id(), w.trainee(2).id());
    // t1: 30/40 (exactly 75%) and 40/40, every round taken with at least 40.
    // t2: 29/40 in unit A: below 75%.
    svc.record_attendance(
        staff,
        &key("a1"),
        &[
            w.attend(t1, 0, 30),
            w.attend(t1, 1, 40),
            w.attend(t2, 0, 29),
            w.attend(t2, 1, 40),
        ]
        .concat(),
    )
    .unwrap();
    let evals: Vec<NewEvaluation> = [t1, t2]
        .into_iter()
        .flat_map(|e| {
            [
                round(e, &w, 0, 1, 60),
                round(e, &w, 1, 1, 40),
                round(e, &w, 1, 2, 75),
            ]
        })
        .collect();
    svc.record_evaluations(staff, &key("v1"), &evals).unwrap();
    assert!(svc.decide(&w.staff.actor, t1).unwrap().completed());
    assert!(!svc.decide(&w.staff.actor, t2).unwrap().completed());
    assert_eq!(
        svc.external_candidates(&w.staff.actor, w.course.id())
            .unwrap()
            .eligible,
        vec![t1]
    );

    // A correction of t2's first entry of unit A (8 → 9 hours: 29 → 30 in all) is a new
    // entry; the core now finds completion.
    let entry = svc.store().attendance(t2).unwrap()[0].clone();
    assert_eq!(entry.fact.hours, Hours::whole(8).unwrap());
    let fix = NewAttendance {
        corrects: Some(entry.seq),
        ..w.attend_on(t2, 0, 0, 9)
    };
    svc.record_attendance(staff, &key("fix"), &[fix]).unwrap();
    assert_eq!(
        svc.external_candidates(&w.staff.actor, w.course.id())
            .unwrap()
            .eligible,
        vec![t1, t2]
    );

    // A score below 40, corrected, fails completion again.
    let scored = svc.store().evaluations(t1).unwrap()[0].seq;
    let low = NewEvaluation {
        corrects: Some(scored),
        ..round(t1, &w, 0, 1, 39)
    };
    svc.record_evaluations(staff, &key("low"), &[low]).unwrap();
    assert!(!svc.decide(&w.staff.actor, t1).unwrap().completed());
    assert!(integrity::check(svc.store()).unwrap().is_empty());
}

#[test]
fn a_learning_worker_completes_on_ojt_and_off_jt() {
    let (w, svc) = setup();
    let l1 = w.learning_worker(1).id();
    let company = &w.company_staff.actor;
    // 540 hours of OJT, then 180 of Off-JT, a working day of 8 hours at a time.
    let days = |target: AttendanceTarget, total: u32, from: u64| -> Vec<NewAttendance> {
        w.attend(l1, 0, total)
            .into_iter()
            .enumerate()
            .map(|(n, fact)| NewAttendance {
                target: target.clone(),
                day: training_day(from + n as u64),
                ..fact
            })
            .collect()
    };
    let ojt = days(AttendanceTarget::Ojt, 540, 0);
    let off_jt = days(AttendanceTarget::OffJt, 180, ojt.len() as u64);
    svc.record_attendance(company, &key("a"), &[ojt, off_jt].concat())
        .unwrap();
    let pass = |unit: usize, passed| NewEvaluation {
        enrollment: l1,
        unit: w.units()[unit].clone(),
        result: EvaluationResult::Passed(passed),
        corrects: None,
    };
    svc.record_evaluations(company, &key("v"), &[pass(0, true), pass(1, false)])
        .unwrap();
    assert!(
        !svc.decide(&w.staff.actor, l1).unwrap().completed(),
        "1 of 2 units is below 70%"
    );
    svc.record_evaluations(company, &key("v2"), &[pass(1, true)])
        .unwrap();
    let decision = svc.decide(&w.staff.actor, l1).unwrap();
    assert!(decision.completed() && decision.eligible_for_external());
    assert!(matches!(
        svc.record_evaluations(company, &key("v3"), &[round(l1, &w, 0, 1, 90)]),
        Err(ServiceError::Invalid {
            kind: InvalidKind::ResultOfOtherTrack,
            ..
        })
    ));
}

#[test]
fn one_record_that_no_longer_fits_its_course_does_not_hide_the_others() {
    let (w, svc) = setup();
    let staff = &w.staff.actor;
    let (t1, t2) = (w.trainee(1).id(), w.trainee(2).id());
    // Both complete unit A's attendance; t1 with 40 hours, t2 with 30.
    svc.record_attendance(
        staff,
        &key("a"),
        &[
            w.attend(t1, 0, 40),
            w.attend(t1, 1, 40),
            w.attend(t2, 0, 30),
            w.attend(t2, 1, 40),
        ]
        .concat(),
    )
    .unwrap();
    let evals: Vec<NewEvaluation> = [t1, t2]
        .iter()
        .flat_map(|&e| {
            [
                round(e, &w, 0, 1, 80),
                round(e, &w, 1, 1, 80),
                round(e, &w, 1, 2, 80),
            ]
        })
        .collect();
    svc.record_evaluations(staff, &key("v"), &evals).unwrap();
    // The course is changed afterwards: unit A now runs 35 hours, fewer than t1 attended.
    let mut spec = w.course.spec().clone();
    spec.units[0] = CourseUnit::new(w.units()[0].clone(), Hours::whole(35).unwrap(), 1).unwrap();
    let changed = Course::new(spec).unwrap();
    let version = svc.store().course(w.course.id()).unwrap().version;
    svc.store()
        .update_course(&w.staff, &changed, version)
        .unwrap();

    let listed = svc.external_candidates(staff, w.course.id()).unwrap();
    assert_eq!(listed.eligible, vec![t2], "t2 is still listed");
    assert_eq!(listed.undecided.len(), 1, "{listed:?}");
    let (id, why) = &listed.undecided[0];
    assert_eq!(*id, t1);
    assert!(why.to_string().contains("40"), "{why}");
}

#[test]
fn the_integrity_check_reports_what_bypassed_the_service() {
    let (w, svc) = setup();
    let store = svc.store();
    assert!(integrity::check(store).unwrap().is_empty());
    let t1 = w.trainee(1).id();
    // Written straight into the store: the store itself keeps the schedule (inside its
    // transaction), so hours above it and hours towards a target the trainee has no schedule
    // for are refused there too, and leave nothing behind.
    assert!(matches!(
        store.append_attendance(
            &w.staff,
            &key("raw1"),
            &[w.attend(t1, 0, 30), w.attend(t1, 0, 20)].concat(),
        ),
        Err(StoreError::AboveSchedule { attended, .. }) if attended == 50.into()
    ));
    let ojt = NewAttendance {
        target: AttendanceTarget::Ojt,
        ..w.attend_on(t1, 0, 0, 1)
    };
    assert!(matches!(
        store.append_attendance(&w.staff, &key("raw2"), &[ojt]),
        Err(StoreError::Conflict { kind: cqnet_store::ConflictKind::NotScheduled, detail })
            if detail.contains("not scheduled")
    ));
    assert!(store.attendance(t1).unwrap().is_empty());
    // Evaluations that do not fit the course are the service's check: the integrity check
    // reports those written past it.
    let foreign = NewEvaluation {
        unit: cqnet_core::UnitCode::new("9999999999_20v1").unwrap(),
        ..round(t1, &w, 0, 1, 50)
    };
    store
        .append_evaluations(&w.staff, &key("raw3"), &[foreign, round(t1, &w, 0, 3, 50)])
        .unwrap();
    let found = integrity::check(store).unwrap();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().any(|v| matches!(v, Violation::EvaluationMismatch { problem, .. } if problem.contains("standard"))));
    assert!(found.iter().any(
        |v| matches!(v, Violation::EvaluationMismatch { problem, .. } if problem.contains("round"))
    ));
}

/// The embedded pack with a 일학습병행 day of `hours` hours.
fn pack_with_work_study_day(hours: u32) -> cqnet_core::rules::RulePack {
    cqnet_core::rules::RulePack::embedded()
        .with_overlay(&format!(
            r#"
            [overlay]
            name = "work-study-day-of-{hours}"
            [work_study.daily_max_hours]
            description = "a longer day"
            [[work_study.daily_max_hours.values]]
            since = "2015-01-01"
            value = {hours}
            reference = "test"
            provenance = "assumption"
            last_checked = "2026-12-01"
            "#
        ))
        .unwrap()
}

#[test]
fn the_integrity_check_reports_days_above_the_daily_limit() {
    let (w, svc) = setup();
    let store = svc.store();
    let l1 = w.learning_worker(1).id();
    let limit = cqnet_core::rules::RulePack::embedded()
        .rules_at(training_day(0))
        .unwrap()
        .work_study
        .daily_max_hours;
    // Two hours above the embedded day, written under a pack with a longer one.
    let above = limit.value.value() + rust_decimal::Decimal::TWO;
    let longer = std::sync::Arc::new(pack_with_work_study_day(24));
    let ojt = NewAttendance {
        target: AttendanceTarget::Ojt,
        hours: Hours::new(above).unwrap(),
        ..w.attend_on(l1, 0, 0, 0)
    };
    store
        .append_attendance(
            &w.staff.clone().under_rules(longer.clone()),
            &key("long"),
            &[ojt],
        )
        .unwrap();
    let found = integrity::check(store).unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    match &found[0] {
        Violation::DayAboveLimit { enrollment, reason } => {
            assert_eq!(*enrollment, l1);
            assert_eq!(reason.code, cqnet_core::ReasonCode::DailyHoursExceeded);
            assert_eq!(reason.measured, Some(cqnet_core::Quantity::Hours(above)));
            assert_eq!(
                reason.required,
                Some(cqnet_core::Quantity::Hours(limit.value.value()))
            );
            assert_eq!(
                reason.subject,
                Some(cqnet_core::Subject::Day {
                    day: training_day(0)
                })
            );
        }
        other => panic!("expected a day above the limit, got {other:?}"),
    }
    assert!(
        integrity::check_under(store, &longer).unwrap().is_empty(),
        "under the pack it was written with, the day fits"
    );
}

#[test]
fn personal_data_refuses_resident_registration_numbers() {
    for text in ["900101-1234567", "9001011234567", "주민번호 900101 1234567"] {
        let e = Person::new("홍길동", "1990-01-01".parse().unwrap(), text);
        assert!(e.is_err(), "{text} must be refused");
        let n = Person::new(text, "1990-01-01".parse().unwrap(), "010-1234-5678");
        assert!(n.is_err(), "{text} as a name must be refused");
    }
    assert!(Person::new("홍길동", "1990-01-01".parse().unwrap(), "010-1234-5678").is_ok());
    assert!(Person::new("홍길동", "1890-01-01".parse().unwrap(), "x@example.com").is_err());
}

/// A pack whose attendance minimum rises from 75% to 80% on 2026-06-01, after the test
/// course started (2026-03-02).
fn pack_raising_attendance() -> cqnet_core::rules::RulePack {
    cqnet_core::rules::RulePack::embedded()
        .with_overlay(
            r#"
            [overlay]
            name = "attendance-80-from-june"
            [course_based.attendance_min_percent]
            description = "raised in June"
            [[course_based.attendance_min_percent.values]]
            since = "2015-01-01"
            value = 75
            reference = "test"
            provenance = "assumption"
            last_checked = "2026-12-01"
            [[course_based.attendance_min_percent.values]]
            since = "2026-06-01"
            value = 80
            reference = "test"
            provenance = "assumption"
            last_checked = "2026-12-01"
            "#,
        )
        .unwrap()
}

#[test]
fn the_rule_date_is_the_evaluation_day_or_the_course_start_as_chosen() {
    use cqnet_core::rules::RuleDate;
    use cqnet_store::training::{Completion, RuleDateChoice};
    let (w, svc) = setup();
    let svc = svc.with_rules(pack_raising_attendance());
    let t1 = w.trainee(1).id();
    let staff = &w.staff.actor;
    // 31 of 40 hours (77.5%) and 40 of 40: above 75%, below 80%.
    svc.record_attendance(
        staff,
        &key("a"),
        &[w.attend(t1, 0, 31), w.attend(t1, 1, 40)].concat(),
    )
    .unwrap();
    let evals = [
        round(t1, &w, 0, 1, 90),
        round(t1, &w, 1, 1, 90),
        round(t1, &w, 1, 2, 90),
    ];
    svc.record_evaluations(staff, &key("v"), &evals).unwrap();

    // Today (2026-09-01) the minimum is 80%.
    let today = svc.decide(&w.staff.actor, t1).unwrap();
    assert!(!today.completed());
    let Completion::CourseBased(d) = today else {
        panic!("a trainee is course-based")
    };
    assert_eq!(
        d.rules.basis,
        RuleDate::EvaluatedOn("2026-09-01".parse().unwrap())
    );

    // Pinned to the course's start (2026-03-02), the cohort keeps 75%.
    let svc = svc.with_rule_date(RuleDateChoice::CourseStart);
    let pinned = svc.decide(&w.staff.actor, t1).unwrap();
    assert!(pinned.completed());
    let Completion::CourseBased(d) = pinned else {
        panic!("a trainee is course-based")
    };
    assert_eq!(
        d.rules.basis,
        RuleDate::CohortStartedOn("2026-03-02".parse().unwrap())
    );
    assert_eq!(
        d.rules.pack.overlays,
        vec!["attendance-80-from-june".to_owned()]
    );
}

#[test]
fn the_evaluation_day_is_the_korean_calendar_day() {
    use cqnet_core::rules::RuleDate;
    use cqnet_store::training::Completion;
    let w = World::new(10);
    let store = MemoryStore::new();
    w.install(&store);
    store.enroll(&w.staff, &key("t1"), &w.trainee(1)).unwrap();
    // 2026-05-31 15:30 UTC is already 2026-06-01 in Korea, when 80% applies.
    let clock = FixedClock::new(instant("2026-05-31T15:30:00Z"));
    let svc = TrainingService::new(store, clock).with_rules(pack_raising_attendance());
    let Completion::CourseBased(d) = svc.decide(&w.staff.actor, w.trainee(1).id()).unwrap() else {
        panic!("a trainee is course-based")
    };
    assert_eq!(
        d.rules.basis,
        RuleDate::EvaluatedOn("2026-06-01".parse().unwrap())
    );
}

#[test]
fn a_retried_command_returns_the_first_result_even_near_the_schedule() {
    let (w, svc) = setup();
    let t1 = w.trainee(1).id();
    let staff = &w.staff.actor;
    let first = svc
        .record_attendance(staff, &key("once"), &w.attend(t1, 0, 30))
        .unwrap();
    // 30 more hours would exceed the 40 scheduled, but this is the same command again.
    let again = svc
        .record_attendance(staff, &key("once"), &w.attend(t1, 0, 30))
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(
        svc.store().attendance(t1).unwrap().len(),
        w.attend(t1, 0, 30).len()
    );
}

#[test]
fn a_withdrawn_enrollment_takes_neither_attendance_nor_evaluations() {
    let (w, svc) = setup();
    let t1 = w.trainee(1).id();
    let staff = &w.staff.actor;
    svc.record_attendance(staff, &key("before"), &w.attend(t1, 0, 8))
        .unwrap();
    let withdrawn = w.trainee(1).with_status(EnrollmentStatus::Withdrawn);
    svc.store()
        .update_enrollment(&w.staff, &withdrawn, cqnet_store::Version::FIRST)
        .unwrap();
    let rules = cqnet_core::rules::RulePack::embedded()
        .rules_at("2026-09-01".parse().unwrap())
        .unwrap();
    let refused_with_basis = |result: Result<usize, ServiceError>| match result {
        Err(ServiceError::Refused { reasons }) => {
            assert_eq!(reasons.len(), 1, "{reasons:?}");
            assert_eq!(reasons[0].code, cqnet_core::ReasonCode::EnrollmentNotActive);
            assert_eq!(reasons[0].legal_basis, rules.bases.enrollment_active.basis);
        }
        other => panic!("a withdrawn enrollment was not refused: {other:?}"),
    };
    let before = svc.store().audit_entries(None, 1000).unwrap().len();
    refused_with_basis(
        svc.record_attendance(staff, &key("att"), &w.attend(t1, 0, 1))
            .map(|v| v.len()),
    );
    refused_with_basis(
        svc.record_evaluations(staff, &key("eval"), &[round(t1, &w, 0, 1, 80)])
            .map(|v| v.len()),
    );
    assert_eq!(svc.store().attendance(t1).unwrap().len(), 1);
    assert!(svc.store().evaluations(t1).unwrap().is_empty());
    let log = svc.store().audit_entries(None, 1000).unwrap();
    assert_eq!(log.len(), before + 2, "each refusal leaves an audit line");
    assert!(
        log[before..]
            .iter()
            .all(|l| l.outcome == "refused: enrollment_not_active")
    );
    // Another learner of the same course still records.
    let t2 = w.trainee(2).id();
    svc.record_evaluations(staff, &key("eval-t2"), &[round(t2, &w, 0, 1, 80)])
        .unwrap();
}

#[test]
fn a_record_naming_a_person_is_read_only_by_those_the_access_rules_allow() {
    let (w, svc) = setup();
    let t1 = w.trainee(1).id();
    let t2 = w.trainee(2).id();
    let before = svc.store().audit_entries(None, 1000).unwrap().len();
    // Another institution's staff, and another trainee, are refused and audited.
    let stranger = staff_of_other_institution();
    let classmate = Actor::new("classmate", Role::Learner(t2)).unwrap();
    for actor in [&stranger, &classmate] {
        assert!(matches!(
            svc.decide(actor, t1),
            Err(ServiceError::Refused { ref reasons }) if !reasons.is_empty()
        ));
    }
    assert!(matches!(
        svc.external_candidates(&stranger, w.course.id()),
        Err(ServiceError::Refused { .. })
    ));
    let log = svc.store().audit_entries(None, 1000).unwrap();
    assert_eq!(log.len(), before + 3);
    assert!(
        log[before..]
            .iter()
            .all(|e| e.outcome.starts_with("refused"))
    );
    // The trainee themself, the course's staff and the agency may.
    let me = Actor::new("trainee-1", Role::Learner(t1)).unwrap();
    let agency = Actor::new("hrdk", Role::Agency).unwrap();
    for actor in [&me, &w.staff.actor, &agency] {
        assert!(svc.decide(actor, t1).is_ok());
    }
}

#[test]
fn an_idempotency_key_is_scoped_to_who_acts_and_to_the_command() {
    let (w, svc) = setup();
    let (t1, t2) = (w.trainee(1).id(), w.trainee(2).id());
    let colleague = Actor::new("lee.staff", w.staff.actor.role()).unwrap();
    // Two people of the institution pick the same key text for different commands' payloads:
    // neither blocks nor replays the other.
    let first = svc
        .record_attendance(&w.staff.actor, &key("day-1"), &w.attend(t1, 0, 8))
        .unwrap();
    let second = svc
        .record_attendance(&colleague, &key("day-1"), &w.attend(t2, 0, 6))
        .unwrap();
    assert_ne!(first, second);
    assert_eq!(svc.store().attendance(t1).unwrap().len(), 1);
    assert_eq!(svc.store().attendance(t2).unwrap().len(), 1);
    // The same person retrying with the same key gets the first answer back.
    let retried = svc
        .record_attendance(&w.staff.actor, &key("day-1"), &w.attend(t1, 0, 8))
        .unwrap();
    assert_eq!(retried, first);
    assert_eq!(svc.store().attendance(t1).unwrap().len(), 1);
    // The same key for another command of the same person is another key.
    assert!(
        svc.record_evaluations(&w.staff.actor, &key("day-1"), &[round(t1, &w, 0, 1, 80)])
            .is_ok()
    );
}

#[test]
fn attendance_is_refused_on_a_day_outside_the_course_or_still_to_come() {
    let w = World::new(10);
    let store = MemoryStore::new();
    w.install(&store);
    store.enroll(&w.staff, &key("t1"), &w.trainee(1)).unwrap();
    // Today is 2026-04-01 in Korea; the course runs from 2026-03-02 to 2026-08-31.
    let svc = TrainingService::new(store, FixedClock::new(instant("2026-04-01T01:00:00Z")));
    let t1 = w.trainee(1).id();
    let on = |day: &str| NewAttendance {
        day: day.parse().unwrap(),
        ..w.attend_on(t1, 0, 0, 4)
    };
    for (n, day) in ["2026-03-01", "2026-04-02", "2026-09-01"]
        .iter()
        .enumerate()
    {
        let refused = svc.record_attendance(&w.staff.actor, &key(&format!("d{n}")), &[on(day)]);
        assert!(
            matches!(&refused, Err(ServiceError::Invalid { kind: InvalidKind::DayOutsideCourse, detail }) if detail.contains(day)),
            "{day}: {refused:?}"
        );
    }
    assert!(
        svc.store().attendance(t1).unwrap().is_empty(),
        "nothing recorded"
    );
    svc.record_attendance(&w.staff.actor, &key("ok"), &[on("2026-04-01")])
        .unwrap();
}

#[test]
fn a_result_is_decided_under_the_rules_of_its_evaluation_day_not_of_the_day_it_is_decided() {
    // The pass mark rises from 80 to 95 on 2026-08-15; the evaluation was on 2026-08-03 and
    // the decision is made on 2026-09-01.
    let overlay = r#"
[overlay]
name = "pass-95-from-2026-08-15"

[course_based.pass_average]
description = "the pass mark, raised on 2026-08-15"
[[course_based.pass_average.values]]
since = "2015-01-01"
value = 80
reference = "the pass mark before the change, for the test"
provenance = "assumption"
last_checked = "2026-12-01"
[[course_based.pass_average.values]]
since = "2026-08-15"
value = 95
reference = "a changed pass mark, for the test"
provenance = "assumption"
last_checked = "2026-12-01"
"#;
    let pack = cqnet_core::rules::RulePack::embedded()
        .with_overlay(overlay)
        .unwrap();
    let (w, svc) = setup();
    let svc = svc.with_rules(pack);
    let staff = &w.staff.actor;
    let t1 = w.trainee(1).id();
    svc.record_attendance(
        staff,
        &key("a"),
        &[w.attend(t1, 0, 40), w.attend(t1, 1, 40)].concat(),
    )
    .unwrap();
    let evals = [
        round(t1, &w, 0, 1, 90),
        round(t1, &w, 1, 1, 90),
        round(t1, &w, 1, 2, 90),
    ];
    svc.record_evaluations(staff, &key("v"), &evals).unwrap();
    let marks = cqnet_store::exam::Marks::CourseBased {
        written: Score::whole(90).unwrap(),
        practical: Score::whole(90).unwrap(),
    };
    let passed = |c: Completion| match c {
        Completion::CourseBased(d) => d.passed,
        _ => None,
    };
    let today = svc.decide_with_external(staff, t1, Some(&marks)).unwrap();
    assert_eq!(
        passed(today),
        Some(false),
        "90 is below the 95 of decision day"
    );
    let evaluation_day = "2026-08-03".parse().unwrap();
    let then = svc
        .decide_with_external_on(staff, t1, Some(&marks), evaluation_day)
        .unwrap();
    assert_eq!(
        passed(then),
        Some(true),
        "90 meets the 80 of the evaluation day"
    );
}
