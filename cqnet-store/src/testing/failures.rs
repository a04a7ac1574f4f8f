//! Every failure class the store traits document, provoked on purpose, with the exact
//! [`StoreError`] each back end must answer, and the promise that a failed command leaves
//! nothing behind: no record, no ledger entry, no audit line, no used key, no position taken.

use crate::training::*;
use crate::{AsyncStore, AuditEntry, Seq, Store, StoreError, Version};
use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
use cqnet_core::{Hours, Score, UnitCode};

use super::{World, key};
use crate::ConflictKind;

fn already_exists(r: Result<impl std::fmt::Debug, StoreError>, what: &str, key: &str) {
    match r {
        Err(StoreError::AlreadyExists { what: w, key: k }) => {
            assert_eq!(
                (w, k.as_str()),
                (what, key),
                "AlreadyExists names the record"
            );
        }
        other => panic!("{what} {key} again: expected AlreadyExists, got {other:?}"),
    }
}

fn not_found(r: Result<impl std::fmt::Debug, StoreError>, what: &str, key: &str) {
    match r {
        Err(StoreError::NotFound { what: w, key: k }) => {
            assert_eq!(
                (w, k.as_str()),
                (what, key),
                "NotFound names the missing record"
            );
        }
        other => panic!("missing {what} {key}: expected NotFound, got {other:?}"),
    }
}

fn stale(r: Result<Version, StoreError>, what: &str, key: &str, actual: Version) {
    match r {
        Err(StoreError::VersionConflict {
            what: w,
            key: k,
            expected,
            actual: a,
        }) => assert_eq!(
            (w, k.as_str(), expected, a),
            (what, key, Version::FIRST, actual),
            "VersionConflict names the record and both versions"
        ),
        other => panic!("stale {what} {key}: expected VersionConflict, got {other:?}"),
    }
}

fn conflict(r: Result<impl std::fmt::Debug, StoreError>, kind: ConflictKind, case: &str) {
    assert!(
        matches!(&r, Err(e) if e.conflict_kind() == Some(kind)),
        "{case}: expected a Conflict of kind {kind:?}, got {r:?}"
    );
}

fn idempotency_conflict(r: Result<impl std::fmt::Debug, StoreError>, used: &str) {
    match r {
        Err(StoreError::IdempotencyConflict { key }) => assert_eq!(key, used),
        other => panic!("key {used} reused: expected IdempotencyConflict, got {other:?}"),
    }
}

/// Another standard under the fixture's version.
fn other_standard() -> CurriculumStandard {
    CurriculumStandard::new(CurriculumStandardSpec {
        total_hours: Hours::whole(10).unwrap(),
        units: vec![StandardUnit::new(
            UnitCode::example(),
            UnitKind::Mandatory,
            Hours::whole(10).unwrap(),
        )],
        ..CurriculumStandardSpec::default()
    })
    .unwrap()
}

fn evaluation(enrollment: EnrollmentId, unit: UnitCode, corrects: Option<Seq>) -> NewEvaluation {
    NewEvaluation {
        enrollment,
        unit,
        result: EvaluationResult::Round {
            round: 1,
            score: Some(Score::new(70.into()).unwrap()),
        },
        corrects,
    }
}

/// Each documented failure answers its own variant, naming the record it is about: creating a
/// qualification, standard, institution, course or enrollment that exists; a missing
/// qualification, institution, standard, course, company, enrollment or ledger entry; a stale
/// version of a qualification, course or enrollment; a full course; a key reused for another
/// payload or another command; a change that does not fit what is stored (an empty batch, an
/// enrollment moved to another course; a capacity below the enrollments is in
/// [`failed_commands_leave_no_trace`]).
pub fn failures_answer_their_variant<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(1);
    let code = w.qualification.code().to_string();
    let standard_key = format!("{}@{}", w.qualification.code(), w.version);

    // Missing references, before anything exists.
    not_found(
        store.put_standard(&w.staff, w.qualification.code(), &w.version, &w.standard),
        "qualification",
        &code,
    );
    not_found(
        store.update_qualification(&w.staff, &w.qualification, Version::FIRST),
        "qualification",
        &code,
    );
    store
        .create_qualification(&w.staff, &w.qualification)
        .unwrap();
    store.create_institution(&w.staff, &w.institution).unwrap();
    not_found(
        store.create_course(&w.staff, &w.course),
        "curriculum standard",
        &standard_key,
    );
    store
        .put_standard(&w.staff, w.qualification.code(), &w.version, &w.standard)
        .unwrap();
    let mut elsewhere = w.course.spec().clone();
    elsewhere.institution = w.company.id();
    not_found(
        store.create_course(&w.staff, &Course::new(elsewhere).unwrap()),
        "institution",
        &w.company.id().to_string(),
    );
    not_found(
        store.update_course(&w.staff, &w.course, Version::FIRST),
        "course",
        &w.course.id().to_string(),
    );
    not_found(
        store.enroll(&w.staff, &key("e0"), &w.trainee(1)),
        "course",
        &w.course.id().to_string(),
    );
    store.create_course(&w.staff, &w.course).unwrap();
    not_found(
        store.enroll(&w.company_staff, &key("e0"), &w.learning_worker(1)),
        "institution",
        &w.company.id().to_string(),
    );
    not_found(
        store.update_enrollment(&w.staff, &w.trainee(1), Version::FIRST),
        "enrollment",
        &w.trainee(1).id().to_string(),
    );
    let t = w.trainee(1);
    not_found(
        store.append_attendance(&w.staff, &key("a0"), &w.attend(t.id(), 0, 1)),
        "enrollment",
        &t.id().to_string(),
    );
    not_found(
        store.append_evaluations(
            &w.staff,
            &key("v0"),
            &[evaluation(t.id(), w.units()[0].clone(), None)],
        ),
        "enrollment",
        &t.id().to_string(),
    );

    // Records that exist already.
    store.create_institution(&w.staff, &w.company).unwrap();
    already_exists(
        store.create_qualification(&w.staff, &w.qualification),
        "qualification",
        &code,
    );
    already_exists(
        store.put_standard(
            &w.staff,
            w.qualification.code(),
            &w.version,
            &other_standard(),
        ),
        "curriculum standard",
        &standard_key,
    );
    already_exists(
        store.create_institution(&w.staff, &w.company),
        "institution",
        &w.company.id().to_string(),
    );
    already_exists(
        store.create_course(&w.staff, &w.course),
        "course",
        &w.course.id().to_string(),
    );
    store.enroll(&w.staff, &key("e1"), &t).unwrap();
    already_exists(
        store.enroll(&w.staff, &key("e1-again"), &t),
        "enrollment",
        &t.id().to_string(),
    );

    // A full course (one seat, taken).
    match store.enroll(&w.staff, &key("e2"), &w.trainee(2)) {
        Err(StoreError::CourseFull { course, capacity }) => {
            assert_eq!((course, capacity), (w.course.id().to_string(), 1));
        }
        other => panic!("a full course: expected CourseFull, got {other:?}"),
    }

    // A ledger entry that does not exist, and corrections that do not fit.
    let missing = NewAttendance {
        corrects: Some(Seq::new(999)),
        ..w.attend_on(t.id(), 0, 0, 1)
    };
    not_found(
        store.append_attendance(&w.staff, &key("a1"), &[missing]),
        "ledger entry",
        &Seq::new(999).to_string(),
    );
    conflict(
        store.append_attendance(&w.staff, &key("a2"), &[]),
        ConflictKind::EmptyBatch,
        "an empty attendance batch",
    );
    conflict(
        store.append_evaluations(&w.staff, &key("v2"), &[]),
        ConflictKind::EmptyBatch,
        "an empty evaluation batch",
    );

    // Stale versions.
    let v2 = store
        .update_qualification(&w.staff, &w.qualification, Version::FIRST)
        .unwrap();
    stale(
        store.update_qualification(&w.staff, &w.qualification, Version::FIRST),
        "qualification",
        &code,
        v2,
    );
    let v2 = store
        .update_course(&w.staff, &w.course, Version::FIRST)
        .unwrap();
    stale(
        store.update_course(&w.staff, &w.course, Version::FIRST),
        "course",
        &w.course.id().to_string(),
        v2,
    );
    let v2 = store
        .update_enrollment(&w.staff, &t, Version::FIRST)
        .unwrap();
    stale(
        store.update_enrollment(&w.staff, &t, Version::FIRST),
        "enrollment",
        &t.id().to_string(),
        v2,
    );

    // Changes that do not fit what is stored.
    let mut other_course = w.course.spec().clone();
    other_course.id = CourseId::from_u128(301);
    store
        .create_course(&w.staff, &Course::new(other_course).unwrap())
        .unwrap();
    let moved = Enrollment::new(
        t.id(),
        CourseId::from_u128(301),
        t.person().clone(),
        t.kind(),
        t.enrolled_on(),
    )
    .unwrap();
    conflict(
        store.update_enrollment(&w.staff, &moved, v2),
        ConflictKind::CourseChanged,
        "an enrollment moved to another course",
    );

    // A key reused for another payload, or for another command.
    let batch = w.attend(t.id(), 0, 2);
    store
        .append_attendance(&w.staff, &key("a3"), &batch)
        .unwrap();
    idempotency_conflict(
        store.append_attendance(&w.staff, &key("a3"), &w.attend(t.id(), 1, 2)),
        "a3",
    );
    idempotency_conflict(
        store.append_evaluations(
            &w.staff,
            &key("a3"),
            &[evaluation(t.id(), w.units()[0].clone(), None)],
        ),
        "a3",
    );
    idempotency_conflict(store.enroll(&w.staff, &key("e1"), &w.trainee(3)), "e1");
}

/// What a failed command could have left behind: every ledger, the audit log, and whether its
/// key is recorded.
#[derive(Debug, PartialEq)]
struct Trace {
    attendance: Vec<AttendanceEntry>,
    evaluations: Vec<EvaluationEntry>,
    audit: Vec<AuditEntry>,
    enrollments: usize,
    key_recorded: bool,
}

fn trace<S: Store>(store: &S, w: &World, used: &str) -> Trace {
    let ids = [w.trainee(1).id(), w.trainee(2).id()];
    Trace {
        attendance: ids
            .iter()
            .flat_map(|id| store.attendance(*id).unwrap())
            .collect(),
        evaluations: ids
            .iter()
            .flat_map(|id| store.evaluations(*id).unwrap())
            .collect(),
        audit: store.audit_entries(None, 10_000).unwrap(),
        enrollments: store.enrollments(w.course.id()).unwrap().len(),
        key_recorded: store.command_recorded(&key(used)).unwrap(),
    }
}

/// A command that fails leaves no trace: a ledger batch whose last entry is invalid (an
/// unknown enrollment, a correction of an unknown entry, a second correction) leaves both
/// ledgers, the audit log and the key as they were, and the next batch takes the very next
/// position; so do a refused enrollment and a refused update.
pub fn failed_commands_leave_no_trace<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(2);
    w.install(&store);
    let (t1, t2) = (w.trainee(1).id(), w.trainee(2).id());
    store.enroll(&w.staff, &key("e1"), &w.trainee(1)).unwrap();
    store.enroll(&w.staff, &key("e2"), &w.trainee(2)).unwrap();
    let first = store
        .append_attendance(&w.staff, &key("a0"), &w.attend(t1, 0, 4))
        .unwrap()[0]
        .seq;
    store
        .append_attendance(
            &w.staff,
            &key("a1"),
            &[NewAttendance {
                corrects: Some(first),
                ..w.attend_on(t1, 0, 0, 3)
            }],
        )
        .unwrap();
    let first_eval = store
        .append_evaluations(
            &w.staff,
            &key("v0"),
            &[evaluation(t1, w.units()[0].clone(), None)],
        )
        .unwrap()[0]
        .seq;

    let bad_attendance: [(&str, NewAttendance); 3] = [
        (
            "unknown enrollment",
            w.attend_on(EnrollmentId::from_u128(77), 0, 0, 1),
        ),
        (
            "unknown entry",
            NewAttendance {
                corrects: Some(Seq::new(999)),
                ..w.attend_on(t2, 0, 0, 1)
            },
        ),
        (
            "entry corrected already",
            NewAttendance {
                corrects: Some(first),
                ..w.attend_on(t1, 0, 0, 2)
            },
        ),
    ];
    for (why, last) in bad_attendance {
        let before = trace(&store, &w, "bad");
        let batch = [w.attend_on(t1, 0, 0, 1), w.attend_on(t2, 1, 0, 1), last];
        assert!(
            store
                .append_attendance(&w.staff, &key("bad"), &batch)
                .is_err(),
            "a batch ending in a fact of an {why} is refused"
        );
        assert_eq!(
            trace(&store, &w, "bad"),
            before,
            "a batch ending in a fact of an {why} leaves no trace"
        );
    }
    let bad_evaluations = [
        evaluation(EnrollmentId::from_u128(77), w.units()[0].clone(), None),
        evaluation(t2, w.units()[0].clone(), Some(first_eval)),
    ];
    for last in bad_evaluations {
        let before = trace(&store, &w, "bad");
        let batch = [evaluation(t1, w.units()[1].clone(), None), last];
        assert!(
            store
                .append_evaluations(&w.staff, &key("bad"), &batch)
                .is_err()
        );
        assert_eq!(
            trace(&store, &w, "bad"),
            before,
            "a refused evaluation batch"
        );
    }

    // Refused enrollments and updates.
    let before = trace(&store, &w, "e3");
    assert!(matches!(
        store.enroll(&w.staff, &key("e3"), &w.trainee(3)),
        Err(StoreError::CourseFull { .. })
    ));
    let mut smaller = w.course.spec().clone();
    smaller.capacity = 1;
    assert!(matches!(
        store.update_course(&w.staff, &Course::new(smaller).unwrap(), Version::FIRST),
        Err(StoreError::Conflict {
            kind: ConflictKind::CapacityBelowEnrollments,
            ..
        })
    ));
    assert_eq!(
        store.course(w.course.id()).unwrap().version,
        Version::FIRST,
        "a refused update keeps the version"
    );
    assert_eq!(
        trace(&store, &w, "e3"),
        before,
        "refused commands leave no trace"
    );

    // The positions a refused batch would have taken are still free.
    let last_seq = before.attendance.iter().map(|e| e.seq).max().unwrap();
    let next = store
        .append_attendance(&w.staff, &key("bad"), &w.attend(t2, 0, 1))
        .expect("the key of a refused batch is still free");
    assert_eq!(next[0].seq, Seq::new(last_seq.get() + 1));
    let audit = store.audit_entries(None, 10_000).unwrap();
    assert_eq!(audit.len(), before.audit.len() + 1);
    assert_eq!(
        audit.last().map(|a| a.seq.get()),
        before.audit.last().map(|a| a.seq.get() + 1),
        "the audit log's positions are still contiguous"
    );
}

/// The async twin of [`failures_answer_their_variant`] and [`failed_commands_leave_no_trace`]:
/// the same failures answer the same variants through the async traits, and leave nothing.
pub async fn async_failures_answer_their_variant<S: AsyncStore>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(1);
    w.install_async(&store).await;
    let code = w.qualification.code().to_string();
    already_exists(
        store.create_qualification(&w.staff, &w.qualification).await,
        "qualification",
        &code,
    );
    already_exists(
        store.create_institution(&w.staff, &w.institution).await,
        "institution",
        &w.institution.id().to_string(),
    );
    already_exists(
        store.create_course(&w.staff, &w.course).await,
        "course",
        &w.course.id().to_string(),
    );
    let t = w.trainee(1);
    not_found(
        store
            .append_attendance(&w.staff, &key("a0"), &w.attend(t.id(), 0, 1))
            .await,
        "enrollment",
        &t.id().to_string(),
    );
    store.enroll(&w.staff, &key("e1"), &t).await.unwrap();
    match store.enroll(&w.staff, &key("e2"), &w.trainee(2)).await {
        Err(StoreError::CourseFull { course, capacity }) => {
            assert_eq!((course, capacity), (w.course.id().to_string(), 1));
        }
        other => panic!("a full course: expected CourseFull, got {other:?}"),
    }
    idempotency_conflict(
        store.enroll(&w.staff, &key("e1"), &w.trainee(3)).await,
        "e1",
    );
    let v2 = store
        .update_course(&w.staff, &w.course, Version::FIRST)
        .await
        .unwrap();
    stale(
        store
            .update_course(&w.staff, &w.course, Version::FIRST)
            .await,
        "course",
        &w.course.id().to_string(),
        v2,
    );
    let audit = store.audit_entries(None, 10_000).await.unwrap();
    let ledger = store.attendance(t.id()).await.unwrap();
    let batch = [
        w.attend_on(t.id(), 0, 0, 1),
        w.attend_on(EnrollmentId::from_u128(77), 0, 0, 1),
    ];
    not_found(
        store.append_attendance(&w.staff, &key("bad"), &batch).await,
        "enrollment",
        &EnrollmentId::from_u128(77).to_string(),
    );
    assert_eq!(store.attendance(t.id()).await.unwrap(), ledger);
    assert_eq!(store.audit_entries(None, 10_000).await.unwrap(), audit);
    assert!(!store.command_recorded(&key("bad")).await.unwrap());
}
