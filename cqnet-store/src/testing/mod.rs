//! The conformance suite every adapter runs (feature `testing`).
//!
//! Each case is a public function taking a factory of fresh, empty stores; the
//! [`conformance_tests!`](crate::conformance_tests) and
//! [`async_conformance_tests!`](crate::async_conformance_tests) macros expand to one `#[test]`
//! per case, so every adapter gets the same named tests:
//!
//! ```text
//! mod memory {
//!     cqnet_store::conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
//!     cqnet_store::async_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
//! }
//! ```
//!
//! The cases panic (with a message naming the broken promise) when an adapter fails them.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod block_on;
pub mod catalog;
pub mod certificate;
mod daily_limit;
pub mod designation;
pub mod exam;
mod failures;
pub mod journey;
pub mod rush;
pub mod search;
pub mod statistics;
pub mod work_study;
pub mod work_study_certificate;
pub mod work_study_external;
pub mod work_study_learners;
pub mod work_study_lists;
pub mod work_study_programmes;
use crate::{Actor, AuditNote, CommandMeta, IdempotencyKey, Role, Seq, Version};
pub use daily_limit::{
    async_daily_race_never_exceeds, daily_limit_refuses_and_corrections_make_room,
    daily_race_never_exceeds, the_commands_pack_sets_the_daily_limit,
};
pub use failures::{
    async_failures_answer_their_variant, failed_commands_leave_no_trace,
    failures_answer_their_variant,
};

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
use cqnet_core::{Grade, Hours, NcsLevel, QualificationCode, Score, Track, UnitCode};

use crate::training::*;
use crate::{AsyncStore, ConflictKind, Store, StoreError};

#[doc(hidden)]
pub use block_on::BlockOn;
pub use tokio;

/// How many threads or tasks the concurrency cases run.
pub const WRITERS: usize = 16;

/// A day, for fixtures.
pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("a valid date literal")
}

/// The most hours [`World::attend`] puts on one day of one unit: two units of a trainee on one
/// day stay within the 과정평가형 limit of the embedded pack, as a working day would.
pub const DAY_HOURS: u32 = 8;

/// The fixture's training day `n`, from 0 (2026-03-03, the day after the course starts).
pub fn training_day(n: u64) -> NaiveDate {
    day("2026-03-03")
        .checked_add_days(chrono::Days::new(n))
        .expect("a day of 2026")
}

/// An instant, for fixtures.
pub fn instant(s: &str) -> DateTime<Utc> {
    s.parse().expect("a valid instant literal")
}

/// The ids and records of the standard fixture: a 과정평가형 qualification with a standard of
/// two units, a training institution with one course of `capacity` seats, and a company.
#[derive(Debug, Clone)]
pub struct World {
    pub qualification: Qualification,
    pub work_study: Qualification,
    pub version: StandardVersion,
    pub standard: CurriculumStandard,
    pub institution: Institution,
    pub company: Institution,
    pub course: Course,
    pub staff: CommandMeta,
    pub company_staff: CommandMeta,
}

impl World {
    /// The fixture with a course of `capacity` seats.
    pub fn new(capacity: u32) -> World {
        World::with_unit_hours(capacity, 40)
    }

    /// The fixture with both units scheduled for `hours` hours each (40 in [`World::new`]):
    /// bulk imports that append many hours to one trainee stay within the schedule.
    pub fn with_unit_hours(capacity: u32, hours: u32) -> World {
        let unit_hours = || Hours::whole(hours).unwrap();
        let unit_a = UnitCode::new("1501020207_14v2").unwrap();
        let unit_b = UnitCode::new("1501020208_14v2").unwrap();
        let standard = CurriculumStandard::new(CurriculumStandardSpec {
            total_hours: Hours::whole(2 * hours).unwrap(),
            units: vec![
                StandardUnit::new(unit_a.clone(), UnitKind::Mandatory, unit_hours()),
                StandardUnit::new(unit_b.clone(), UnitKind::Mandatory, unit_hours()),
            ],
            ..CurriculumStandardSpec::default()
        })
        .unwrap();
        let institution = Institution::new(
            InstitutionId::from_u128(100),
            "한국기술교육원",
            InstitutionKind::TrainingInstitution,
        )
        .unwrap();
        let company = Institution::new(
            InstitutionId::from_u128(200),
            "(주)정밀가공",
            InstitutionKind::Company,
        )
        .unwrap();
        let course = Course::new(CourseSpec {
            id: CourseId::from_u128(300),
            institution: institution.id(),
            qualification: QualificationCode::new("6921").unwrap(),
            standard_version: StandardVersion::new("2024-1").unwrap(),
            track: Track::CourseBased,
            start: day("2026-03-02"),
            end: day("2026-08-31"),
            capacity,
            units: vec![
                CourseUnit::new(unit_a, unit_hours(), 1).unwrap(),
                CourseUnit::new(unit_b, unit_hours(), 2).unwrap(),
            ],
            designation: Designation::new(
                DesignationStatus::Designated,
                day("2026-01-01"),
                day("2027-12-31"),
            )
            .unwrap(),
        })
        .unwrap();
        let at = instant("2026-03-02T09:00:00Z");
        World {
            qualification: Qualification::new(
                QualificationCode::new("6921").unwrap(),
                "컴퓨터응용가공산업기사",
                QualificationLevel::Grade(Grade::IndustrialEngineer),
                Track::CourseBased,
                "기계",
            )
            .unwrap(),
            work_study: Qualification::new(
                QualificationCode::new("W001").unwrap(),
                "CNC밀링가공_L3",
                QualificationLevel::Ncs(NcsLevel::new(3).unwrap()),
                Track::WorkStudy,
                "기계",
            )
            .unwrap(),
            version: StandardVersion::new("2024-1").unwrap(),
            standard,
            staff: CommandMeta::new(
                Actor::new("kim.staff", Role::InstitutionStaff(institution.id())).unwrap(),
                at,
            ),
            company_staff: CommandMeta::new(
                Actor::new("lee.teacher", Role::CompanyStaff(company.id())).unwrap(),
                at,
            ),
            institution,
            company,
            course,
        }
    }

    /// The two unit codes of the course.
    pub fn units(&self) -> Vec<UnitCode> {
        self.course
            .spec()
            .units
            .iter()
            .map(|u| u.code().clone())
            .collect()
    }

    /// A trainee enrollment numbered `n`.
    pub fn trainee(&self, n: u128) -> Enrollment {
        Enrollment::new(
            EnrollmentId::from_u128(1000 + n),
            self.course.id(),
            Person::new(&format!("훈련생{n}"), day("2001-04-05"), "010-1234-5678").unwrap(),
            LearnerKind::Trainee,
            day("2026-03-02"),
        )
        .unwrap()
    }

    /// A learning worker of the company numbered `n`.
    pub fn learning_worker(&self, n: u128) -> Enrollment {
        Enrollment::new(
            EnrollmentId::from_u128(5000 + n),
            self.course.id(),
            Person::new(
                &format!("학습근로자{n}"),
                day("1999-01-01"),
                "lw@example.com",
            )
            .unwrap(),
            LearnerKind::LearningWorker {
                company: self.company.id(),
                ojt_scheduled: Hours::whole(600).unwrap(),
                off_jt_scheduled: Hours::whole(200).unwrap(),
            },
            day("2026-03-02"),
        )
        .unwrap()
    }

    /// Attendance of `hours` for unit `unit` (0 or 1) of `enrollment`, spread over the
    /// fixture's training days from the first ([`training_day`] 0) at [`DAY_HOURS`] a day, the
    /// last day holding the rest: one fact a day, so that a learner attended on both units
    /// stays within every daily limit of the pack (no fact at all for 0 hours).
    pub fn attend(&self, enrollment: EnrollmentId, unit: usize, hours: u32) -> Vec<NewAttendance> {
        let days = hours.div_ceil(DAY_HOURS);
        (0..days)
            .map(|n| {
                let on_day = (hours - n * DAY_HOURS).min(DAY_HOURS);
                self.attend_on(enrollment, unit, u64::from(n), on_day)
            })
            .collect()
    }

    /// One attendance fact of `hours` for unit `unit` (0 or 1) of `enrollment` on training
    /// day `n` (see [`training_day`]).
    pub fn attend_on(
        &self,
        enrollment: EnrollmentId,
        unit: usize,
        n: u64,
        hours: u32,
    ) -> NewAttendance {
        NewAttendance {
            enrollment,
            target: AttendanceTarget::Unit(self.units()[unit].clone()),
            day: training_day(n),
            hours: Hours::whole(hours).unwrap(),
            corrects: None,
        }
    }

    /// One attendance fact of a part of an hour (`hundredths` / 100 hours) for unit `unit` (0
    /// or 1) of `enrollment` on training day `n`: many writers together stay within the unit's
    /// 40 scheduled hours and within a day.
    pub fn attend_part(
        &self,
        enrollment: EnrollmentId,
        unit: usize,
        n: u64,
        hundredths: i64,
    ) -> NewAttendance {
        NewAttendance {
            hours: Hours::new(rust_decimal::Decimal::new(hundredths, 2)).unwrap(),
            ..self.attend_on(enrollment, unit, n, 0)
        }
    }

    /// Puts the catalog, the standard, both institutions and the course into a store.
    pub fn install<S: Store + ?Sized>(&self, store: &S) {
        store
            .create_qualification(&self.staff, &self.qualification)
            .expect("create qualification");
        store
            .create_qualification(&self.staff, &self.work_study)
            .expect("create work-study qualification");
        store
            .put_standard(
                &self.staff,
                self.qualification.code(),
                &self.version,
                &self.standard,
            )
            .expect("put standard");
        store
            .create_institution(&self.staff, &self.institution)
            .expect("create institution");
        store
            .create_institution(&self.staff, &self.company)
            .expect("create company");
        store
            .create_course(&self.staff, &self.course)
            .expect("create course");
    }

    /// [`World::install`] through the async traits.
    pub async fn install_async<S: AsyncStore + ?Sized>(&self, store: &S) {
        store
            .create_qualification(&self.staff, &self.qualification)
            .await
            .expect("create qualification");
        store
            .create_qualification(&self.staff, &self.work_study)
            .await
            .expect("create work-study qualification");
        store
            .put_standard(
                &self.staff,
                self.qualification.code(),
                &self.version,
                &self.standard,
            )
            .await
            .expect("put standard");
        store
            .create_institution(&self.staff, &self.institution)
            .await
            .expect("create institution");
        store
            .create_institution(&self.staff, &self.company)
            .await
            .expect("create company");
        store
            .create_course(&self.staff, &self.course)
            .await
            .expect("create course");
    }
}

/// A key, for fixtures.
pub fn key(s: &str) -> IdempotencyKey {
    IdempotencyKey::new(s).expect("a valid key literal")
}

/// Every record written comes back equal.
pub fn round_trips<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    w.install(&store);
    assert_eq!(
        store.qualification(w.qualification.code()).unwrap().value,
        w.qualification
    );
    assert_eq!(
        store.qualification(w.work_study.code()).unwrap().value,
        w.work_study
    );
    assert_eq!(store.qualifications().unwrap().len(), 2);
    assert_eq!(
        store.standard(w.qualification.code(), &w.version).unwrap(),
        w.standard
    );
    assert_eq!(
        store.standard_versions(w.qualification.code()).unwrap(),
        vec![w.version.clone()]
    );
    assert_eq!(store.institution(w.company.id()).unwrap().value, w.company);
    let course = store.course(w.course.id()).unwrap();
    assert_eq!(course.value, w.course);
    assert_eq!(course.version, Version::FIRST);
    assert_eq!(store.courses(Some(w.institution.id())).unwrap().len(), 1);
    assert_eq!(store.courses(Some(w.company.id())).unwrap().len(), 0);
    assert_eq!(store.courses(None).unwrap().len(), 1);

    let trainee = w.trainee(1);
    let worker = w.learning_worker(1);
    let stored = store.enroll(&w.staff, &key("e1"), &trainee).unwrap();
    assert_eq!(stored.value, trainee);
    store.enroll(&w.company_staff, &key("e2"), &worker).unwrap();
    assert_eq!(store.enrollment(worker.id()).unwrap().value, worker);
    assert_eq!(store.enrollments(w.course.id()).unwrap().len(), 2);

    // The learning worker's Off-JT on the day after their OJT: 8 hours fill a day of theirs.
    let facts = vec![
        w.attend_on(trainee.id(), 0, 0, 8),
        w.attend_on(trainee.id(), 1, 0, 4),
        NewAttendance {
            target: AttendanceTarget::Ojt,
            ..w.attend_on(worker.id(), 0, 0, 8)
        },
        NewAttendance {
            target: AttendanceTarget::OffJt,
            hours: Hours::new("3.5".parse().unwrap()).unwrap(),
            ..w.attend_on(worker.id(), 0, 1, 8)
        },
    ];
    let entries = store
        .append_attendance(&w.staff, &key("a1"), &facts)
        .unwrap();
    assert_eq!(entries.len(), 4);
    let seqs: BTreeSet<Seq> = entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs.len(), 4, "every entry has its own position");
    let correction = NewAttendance {
        hours: Hours::whole(6).unwrap(),
        corrects: Some(entries[0].seq),
        ..facts[0].clone()
    };
    let corrected = store
        .append_attendance(&w.staff, &key("a2"), std::slice::from_ref(&correction))
        .unwrap();
    assert!(corrected[0].seq > entries[3].seq, "positions grow");
    let trainee_ledger = store.attendance(trainee.id()).unwrap();
    assert_eq!(
        trainee_ledger.len(),
        3,
        "a correction is a new entry, nothing is overwritten"
    );
    assert_eq!(trainee_ledger[0].fact, facts[0]);
    assert_eq!(trainee_ledger[2].fact, correction);
    assert_eq!(trainee_ledger[0].recorded_by, w.staff.actor);
    assert_eq!(trainee_ledger[0].recorded_at, w.staff.at);
    let worker_ledger = store.attendance(worker.id()).unwrap();
    assert_eq!(
        worker_ledger
            .iter()
            .map(|e| e.fact.clone())
            .collect::<Vec<_>>(),
        facts[2..].to_vec()
    );

    let evals = vec![
        NewEvaluation {
            enrollment: trainee.id(),
            unit: w.units()[0].clone(),
            result: EvaluationResult::Round {
                round: 1,
                score: Some(Score::new("72.5".parse().unwrap()).unwrap()),
            },
            corrects: None,
        },
        NewEvaluation {
            enrollment: trainee.id(),
            unit: w.units()[1].clone(),
            result: EvaluationResult::Round {
                round: 2,
                score: None,
            },
            corrects: None,
        },
        NewEvaluation {
            enrollment: worker.id(),
            unit: w.units()[0].clone(),
            result: EvaluationResult::Passed(true),
            corrects: None,
        },
    ];
    store
        .append_evaluations(&w.staff, &key("v1"), &evals)
        .unwrap();
    let got: Vec<NewEvaluation> = store
        .evaluations(trainee.id())
        .unwrap()
        .into_iter()
        .map(|e| e.fact)
        .collect();
    assert_eq!(got, evals[..2].to_vec());
    assert_eq!(store.evaluations(worker.id()).unwrap()[0].fact, evals[2]);
    let ledger: BTreeSet<EnrollmentId> = store.ledger_enrollments().unwrap().into_iter().collect();
    assert_eq!(ledger, BTreeSet::from([trainee.id(), worker.id()]));
    assert!(
        store
            .attendance(EnrollmentId::from_u128(9))
            .unwrap()
            .is_empty()
    );
}

/// Reads of unknown keys and commands naming unknown records fail with `NotFound`.
pub fn not_found<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    let nf = |r: Result<(), StoreError>, what: &str| {
        assert!(
            matches!(r, Err(StoreError::NotFound { .. })),
            "{what}: expected NotFound, got {r:?}"
        );
    };
    nf(
        store.qualification(w.qualification.code()).map(drop),
        "qualification",
    );
    nf(
        store.standard(w.qualification.code(), &w.version).map(drop),
        "standard",
    );
    nf(
        store.institution(w.institution.id()).map(drop),
        "institution",
    );
    nf(store.course(w.course.id()).map(drop), "course");
    nf(store.enrollment(w.trainee(1).id()).map(drop), "enrollment");
    nf(
        store.put_standard(&w.staff, w.qualification.code(), &w.version, &w.standard),
        "standard of an unknown qualification",
    );
    nf(
        store.create_course(&w.staff, &w.course).map(drop),
        "course of an unknown institution",
    );
    nf(
        store.enroll(&w.staff, &key("e"), &w.trainee(1)).map(drop),
        "enroll in an unknown course",
    );
    nf(
        store
            .append_attendance(&w.staff, &key("a"), &w.attend(w.trainee(1).id(), 0, 1))
            .map(drop),
        "attendance of an unknown enrollment",
    );
    nf(
        store
            .update_course(&w.staff, &w.course, Version::FIRST)
            .map(drop),
        "update of an unknown course",
    );
    w.install(&store);
    store.enroll(&w.staff, &key("e1"), &w.trainee(1)).unwrap();
    let wrong = NewAttendance {
        corrects: Some(Seq::new(999)),
        ..w.attend_on(w.trainee(1).id(), 0, 0, 1)
    };
    nf(
        store
            .append_attendance(&w.staff, &key("a2"), &[wrong])
            .map(drop),
        "correction of an unknown entry",
    );
    assert!(
        store.attendance(w.trainee(1).id()).unwrap().is_empty(),
        "a refused batch leaves nothing"
    );
}

/// Updates naming a stale version fail and change nothing; fresh ones bump the version.
pub fn version_conflicts<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    w.install(&store);
    let suspended = w.course.clone().with_designation(
        Designation::new(
            DesignationStatus::Suspended,
            day("2026-05-01"),
            day("2026-06-30"),
        )
        .unwrap(),
    );
    let v2 = store
        .update_course(&w.staff, &suspended, Version::FIRST)
        .unwrap();
    assert_eq!(v2, Version::new(2));
    let stale = store.update_course(&w.staff, &w.course, Version::FIRST);
    assert!(
        matches!(stale, Err(StoreError::VersionConflict { expected, actual, .. }) if expected == Version::FIRST && actual == v2),
        "{stale:?}"
    );
    assert_eq!(
        store.course(w.course.id()).unwrap().value,
        suspended,
        "a conflict changes nothing"
    );

    let renamed = Qualification::new(
        w.qualification.code().clone(),
        "컴퓨터응용가공산업기사(개정)",
        w.qualification.level(),
        w.qualification.track(),
        "기계",
    )
    .unwrap();
    assert_eq!(
        store
            .update_qualification(&w.staff, &renamed, Version::FIRST)
            .unwrap(),
        Version::new(2)
    );
    assert!(matches!(
        store.update_qualification(&w.staff, &w.qualification, Version::FIRST),
        Err(StoreError::VersionConflict { .. })
    ));
    assert_eq!(
        store.qualification(w.qualification.code()).unwrap().value,
        renamed
    );

    let e = w.trainee(1);
    store.enroll(&w.staff, &key("e1"), &e).unwrap();
    let withdrawn = e.clone().with_status(EnrollmentStatus::Withdrawn);
    assert_eq!(
        store
            .update_enrollment(&w.staff, &withdrawn, Version::FIRST)
            .unwrap(),
        Version::new(2)
    );
    assert!(matches!(
        store.update_enrollment(&w.staff, &e, Version::FIRST),
        Err(StoreError::VersionConflict { .. })
    ));
    let got = store.enrollment(e.id()).unwrap();
    assert_eq!(
        (got.value.status(), got.version),
        (EnrollmentStatus::Withdrawn, Version::new(2))
    );
}

/// A course runs only units its curriculum standard lists: designating or changing a course
/// with another unit is refused, and nothing is stored.
pub fn course_units_come_from_the_standard<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(2);
    w.install(&store);
    let foreign = UnitCode::new("9999999999_20v1").unwrap();
    let with_foreign = |id: CourseId| {
        let mut spec = w.course.spec().clone();
        spec.id = id;
        spec.units
            .push(CourseUnit::new(foreign.clone(), Hours::whole(10).unwrap(), 1).unwrap());
        Course::new(spec).unwrap()
    };
    let other = CourseId::from_u128(301);
    assert!(matches!(
        store.create_course(&w.staff, &with_foreign(other)),
        Err(StoreError::Conflict { kind: ConflictKind::UnitOutsideStandard, detail })
            if detail.contains("9999999999_20v1")
    ));
    assert!(matches!(
        store.course(other),
        Err(StoreError::NotFound { .. })
    ));
    let current = store.course(w.course.id()).unwrap();
    assert!(matches!(
        store.update_course(&w.staff, &with_foreign(w.course.id()), current.version),
        Err(StoreError::Conflict {
            kind: ConflictKind::UnitOutsideStandard,
            ..
        })
    ));
    assert_eq!(store.course(w.course.id()).unwrap(), current, "unchanged");
}

/// Duplicates are refused; an immutable standard accepts only itself again; a capacity cannot
/// drop below the seats taken.
pub fn duplicates_and_conflicts<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(2);
    w.install(&store);
    assert!(matches!(
        store.create_qualification(&w.staff, &w.qualification),
        Err(StoreError::AlreadyExists { .. })
    ));
    assert!(matches!(
        store.create_institution(&w.staff, &w.company),
        Err(StoreError::AlreadyExists { .. })
    ));
    assert!(matches!(
        store.create_course(&w.staff, &w.course),
        Err(StoreError::AlreadyExists { .. })
    ));
    store
        .put_standard(&w.staff, w.qualification.code(), &w.version, &w.standard)
        .expect("the same standard again is a retry");
    let other = CurriculumStandard::new(CurriculumStandardSpec {
        total_hours: Hours::whole(10).unwrap(),
        units: vec![StandardUnit::new(
            UnitCode::example(),
            UnitKind::Mandatory,
            Hours::whole(10).unwrap(),
        )],
        ..CurriculumStandardSpec::default()
    })
    .unwrap();
    assert!(matches!(
        store.put_standard(&w.staff, w.qualification.code(), &w.version, &other),
        Err(StoreError::AlreadyExists { .. })
    ));
    assert_eq!(
        store.standard(w.qualification.code(), &w.version).unwrap(),
        w.standard
    );

    store.enroll(&w.staff, &key("e1"), &w.trainee(1)).unwrap();
    assert!(matches!(
        store.enroll(&w.staff, &key("e1-again"), &w.trainee(1)),
        Err(StoreError::AlreadyExists { .. })
    ));
    store.enroll(&w.staff, &key("e2"), &w.trainee(2)).unwrap();
    let full = store.enroll(&w.staff, &key("e3"), &w.trainee(3));
    assert!(
        matches!(full, Err(StoreError::CourseFull { capacity: 2, .. })),
        "{full:?}"
    );
    let mut smaller = w.course.spec().clone();
    smaller.capacity = 1;
    let smaller = Course::new(smaller).unwrap();
    assert!(matches!(
        store.update_course(&w.staff, &smaller, Version::FIRST),
        Err(StoreError::Conflict {
            kind: ConflictKind::CapacityBelowEnrollments,
            ..
        })
    ));
    let t1 = w.trainee(1).id();
    let t2 = w.trainee(2).id();
    let first = store
        .append_attendance(&w.staff, &key("a1"), &w.attend(t1, 0, 1))
        .unwrap();
    let foreign = NewAttendance {
        corrects: Some(first[0].seq),
        ..w.attend_on(t2, 0, 0, 1)
    };
    assert!(matches!(
        store.append_attendance(&w.staff, &key("a2"), &[foreign]),
        Err(StoreError::Conflict {
            kind: ConflictKind::CorrectsAnotherEnrollment,
            ..
        })
    ));
    assert!(matches!(
        store.append_attendance(&w.staff, &key("a3"), &[]),
        Err(StoreError::Conflict {
            kind: ConflictKind::EmptyBatch,
            ..
        })
    ));
    // A batch whose last fact is bad leaves nothing behind.
    let bad_batch = vec![
        w.attend_on(t1, 0, 0, 1),
        w.attend_on(EnrollmentId::from_u128(77), 0, 0, 1),
    ];
    assert!(
        store
            .append_attendance(&w.staff, &key("a4"), &bad_batch)
            .is_err()
    );
    assert_eq!(
        store.attendance(t1).unwrap().len(),
        1,
        "a refused batch is not half-written"
    );
}

/// A retry with the same key and payload returns the first result and applies nothing again;
/// the same key with another payload is refused.
pub fn idempotent_retries<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    w.install(&store);
    let e = w.trainee(1);
    let first = store.enroll(&w.staff, &key("enroll-1"), &e).unwrap();
    let later = CommandMeta::new(w.staff.actor.clone(), instant("2026-03-02T09:05:00Z"));
    assert_eq!(store.enroll(&later, &key("enroll-1"), &e).unwrap(), first);
    assert_eq!(store.enrollments(w.course.id()).unwrap().len(), 1);
    assert!(matches!(
        store.enroll(&w.staff, &key("enroll-1"), &w.trainee(2)),
        Err(StoreError::IdempotencyConflict { .. })
    ));
    assert!(matches!(
        store.enrollment(w.trainee(2).id()),
        Err(StoreError::NotFound { .. })
    ));

    let batch = vec![w.attend_on(e.id(), 0, 0, 8), w.attend_on(e.id(), 1, 0, 8)];
    let a = store
        .append_attendance(&w.staff, &key("import-1"), &batch)
        .unwrap();
    let b = store
        .append_attendance(&later, &key("import-1"), &batch)
        .unwrap();
    assert_eq!(a, b, "a retry answers the first result");
    assert_eq!(
        store.attendance(e.id()).unwrap().len(),
        2,
        "a retry appends nothing"
    );
    assert!(matches!(
        store.append_attendance(&w.staff, &key("import-1"), &batch[..1]),
        Err(StoreError::IdempotencyConflict { .. })
    ));
    let ev = vec![NewEvaluation {
        enrollment: e.id(),
        unit: w.units()[0].clone(),
        result: EvaluationResult::Round {
            round: 1,
            score: Some(Score::new(80.into()).unwrap()),
        },
        corrects: None,
    }];
    let x = store
        .append_evaluations(&w.staff, &key("eval-1"), &ev)
        .unwrap();
    assert_eq!(
        store
            .append_evaluations(&w.staff, &key("eval-1"), &ev)
            .unwrap(),
        x
    );
    assert_eq!(store.evaluations(e.id()).unwrap().len(), 1);
    // A key is one command: reusing it for another kind of command is a conflict.
    assert!(matches!(
        store.append_attendance(&w.staff, &key("eval-1"), &batch),
        Err(StoreError::IdempotencyConflict { .. })
    ));
    // A failed command does not burn its key.
    let unknown = w.attend(EnrollmentId::from_u128(99), 0, 1);
    assert!(
        store
            .append_attendance(&w.staff, &key("k-fail"), &unknown)
            .is_err()
    );
    store
        .append_attendance(&w.staff, &key("k-fail"), &batch[..1])
        .expect("the key is still free");
}

/// `command_recorded` answers `true` exactly for keys under which a retryable command
/// (`enroll`, `append_attendance`, `append_evaluations`) committed: not before, not after a
/// failed command, and for every kind of command alike.
pub fn command_recorded<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    w.install(&store);
    let e = w.trainee(1);
    assert!(
        !store.command_recorded(&key("enroll-1")).unwrap(),
        "an unused key is not recorded"
    );
    store.enroll(&w.staff, &key("enroll-1"), &e).unwrap();
    assert!(
        store.command_recorded(&key("enroll-1")).unwrap(),
        "enroll records its key"
    );
    let unknown = w.attend(EnrollmentId::from_u128(99), 0, 1);
    assert!(
        store
            .append_attendance(&w.staff, &key("a-fail"), &unknown)
            .is_err()
    );
    assert!(
        !store.command_recorded(&key("a-fail")).unwrap(),
        "a failed command records no key"
    );
    assert!(!store.command_recorded(&key("a-1")).unwrap());
    store
        .append_attendance(&w.staff, &key("a-1"), &w.attend(e.id(), 0, 2))
        .unwrap();
    assert!(
        store.command_recorded(&key("a-1")).unwrap(),
        "append_attendance records its key"
    );
    let ev = vec![NewEvaluation {
        enrollment: e.id(),
        unit: w.units()[0].clone(),
        result: EvaluationResult::Round {
            round: 1,
            score: Some(Score::new(70.into()).unwrap()),
        },
        corrects: None,
    }];
    assert!(!store.command_recorded(&key("ev-1")).unwrap());
    store
        .append_evaluations(&w.staff, &key("ev-1"), &ev)
        .unwrap();
    assert!(
        store.command_recorded(&key("ev-1")).unwrap(),
        "append_evaluations records its key"
    );
    assert!(
        !store.command_recorded(&key("ev-2")).unwrap(),
        "keys are told apart"
    );
}

/// An entry is corrected once: a correction of an entry that a correction (committed, or
/// earlier in the same batch) already supersedes is refused with a conflict naming the later
/// correction, and nothing of the batch is written; correcting the latest correction works.
pub fn corrections_form_chains<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    w.install(&store);
    let t = w.trainee(1);
    store.enroll(&w.staff, &key("enroll"), &t).unwrap();
    let fix = |of: Seq, hours: u32| NewAttendance {
        corrects: Some(of),
        ..w.attend_on(t.id(), 0, 0, hours)
    };
    let original = store
        .append_attendance(&w.staff, &key("a1"), &w.attend(t.id(), 0, 8))
        .unwrap()[0]
        .seq;
    let first_fix = store
        .append_attendance(&w.staff, &key("a2"), &[fix(original, 6)])
        .unwrap()[0]
        .seq;
    let again = store.append_attendance(
        &w.staff,
        &key("a3"),
        &[w.attend_on(t.id(), 1, 0, 1), fix(original, 5)],
    );
    match again {
        Err(StoreError::Conflict {
            kind: ConflictKind::AlreadyCorrected,
            detail: why,
        }) => assert_eq!(
            why,
            format!(
                "entry {original} was already corrected by {first_fix}; correct {first_fix} instead"
            )
        ),
        other => panic!("a second correction of one entry must conflict, got {other:?}"),
    }
    assert_eq!(
        store.attendance(t.id()).unwrap().len(),
        2,
        "a refused batch is not half-written"
    );
    // Two corrections of one entry in the same batch.
    let twice = store.append_attendance(
        &w.staff,
        &key("a4"),
        &[fix(first_fix, 4), fix(first_fix, 3)],
    );
    assert!(
        matches!(&twice, Err(StoreError::Conflict { kind: ConflictKind::AlreadyCorrected, detail })
            if detail.contains("was already corrected by")),
        "two corrections of one entry in a batch must conflict, got {twice:?}"
    );
    // Correcting the end of the chain works, also within a batch.
    let chain = store
        .append_attendance(&w.staff, &key("a5"), &[fix(first_fix, 4)])
        .unwrap();
    let last = chain[0].seq;
    let next = Seq::new(last.get() + 1);
    store
        .append_attendance(&w.staff, &key("a6"), &[fix(last, 3), fix(next, 2)])
        .expect("a chain within a batch is fine");
    let ledger = store.attendance(t.id()).unwrap();
    assert_eq!(ledger.len(), 5);
    let mut corrected: Vec<Seq> = ledger.iter().filter_map(|e| e.fact.corrects).collect();
    corrected.sort();
    corrected.dedup();
    assert_eq!(corrected.len(), 4, "every entry is corrected at most once");

    // The same rule on the evaluation ledger.
    let ev = |corrects: Option<Seq>, score: u8| NewEvaluation {
        enrollment: t.id(),
        unit: w.units()[0].clone(),
        result: EvaluationResult::Round {
            round: 1,
            score: Some(Score::new(score.into()).unwrap()),
        },
        corrects,
    };
    let e1 = store
        .append_evaluations(&w.staff, &key("e1"), &[ev(None, 50)])
        .unwrap()[0]
        .seq;
    let e2 = store
        .append_evaluations(&w.staff, &key("e2"), &[ev(Some(e1), 60)])
        .unwrap()[0]
        .seq;
    match store.append_evaluations(&w.staff, &key("e3"), &[ev(Some(e1), 70)]) {
        Err(StoreError::Conflict {
            kind: ConflictKind::AlreadyCorrected,
            detail: why,
        }) => assert_eq!(
            why,
            format!("entry {e1} was already corrected by {e2}; correct {e2} instead")
        ),
        other => panic!("a second correction of one evaluation must conflict, got {other:?}"),
    }
    assert_eq!(store.evaluations(t.id()).unwrap().len(), 2);
}

/// Every command leaves exactly one audit line; notes append; pages follow `after`.
pub fn audit_log<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    w.install(&store);
    let installed = store.audit_entries(None, 1000).unwrap();
    assert_eq!(installed.len(), 6, "six commands, six lines: {installed:?}");
    assert_eq!(installed[0].command, "create_qualification");
    assert_eq!(installed[5].command, "create_course");
    assert!(installed.windows(2).all(|p| p[0].seq < p[1].seq));
    store.enroll(&w.staff, &key("e1"), &w.trainee(1)).unwrap();
    store.enroll(&w.staff, &key("e1"), &w.trainee(1)).unwrap();
    let _ = store.enroll(&w.staff, &key("e2"), &w.trainee(1));
    let after = store.audit_entries(Some(installed[5].seq), 1000).unwrap();
    assert_eq!(
        after.len(),
        1,
        "a retry and a refusal change nothing and log nothing: {after:?}"
    );
    assert_eq!(after[0].command, "enroll");
    assert_eq!(after[0].actor, w.staff.actor);
    let note = AuditNote {
        meta: w.company_staff.clone(),
        command: "record_attendance".into(),
        subject: "enrollment x".into(),
        outcome: "refused".into(),
    };
    let entry = store.append_note(&note).unwrap();
    assert!(entry.seq > after[0].seq);
    assert_eq!(entry.outcome, "refused");
    assert_eq!(
        store.audit_entries(None, 3).unwrap().len(),
        3,
        "limit holds"
    );
    assert_eq!(store.audit_entries(None, 1000).unwrap().len(), 8);
}

/// 16 threads race for 10 seats: exactly 10 enroll, the others get `CourseFull`.
pub fn concurrent_enrollments_never_overbook<S: Store + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let w = World::new(10);
    w.install(&*store);
    let handles: Vec<_> = (0..WRITERS)
        .map(|i| {
            let (store, w) = (Arc::clone(&store), w.clone());
            std::thread::spawn(move || {
                store.enroll(&w.staff, &key(&format!("seat-{i}")), &w.trainee(i as u128))
            })
        })
        .collect();
    let results: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("writer thread"))
        .collect();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let full = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::CourseFull { .. })))
        .count();
    assert_eq!((ok, full), (10, WRITERS - 10), "{results:?}");
    assert_eq!(store.enrollments(w.course.id()).unwrap().len(), 10);
}

/// 16 threads append 10 batches each to the same trainee: nothing lost, nothing duplicated.
pub fn concurrent_attendance_same_trainee<S: Store + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let w = World::new(10);
    w.install(&*store);
    let e = w.trainee(1);
    store.enroll(&w.staff, &key("e1"), &e).unwrap();
    let eid = e.id();
    const BATCHES: usize = 10;
    let handles: Vec<_> = (0..WRITERS)
        .map(|t| {
            let (store, w) = (Arc::clone(&store), w.clone());
            std::thread::spawn(move || {
                for b in 0..BATCHES {
                    // A quarter hour per unit: 16 × 10 of them fill each unit's 40 hours, and
                    // the 16 writers' batches number b fill 8 hours of training day b.
                    let n = b as u64;
                    let facts = vec![
                        w.attend_part(eid, t % 2, n, 25),
                        w.attend_part(eid, 1 - t % 2, n, 25),
                    ];
                    store
                        .append_attendance(&w.staff, &key(&format!("t{t}-b{b}")), &facts)
                        .expect("append");
                    // and a retry of the same batch, as a client after a timeout would
                    store
                        .append_attendance(&w.staff, &key(&format!("t{t}-b{b}")), &facts)
                        .expect("retry");
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("writer thread");
    }
    let ledger = store.attendance(eid).unwrap();
    assert_eq!(
        ledger.len(),
        WRITERS * BATCHES * 2,
        "nothing lost, nothing duplicated"
    );
    let seqs: BTreeSet<Seq> = ledger.iter().map(|x| x.seq).collect();
    assert_eq!(seqs.len(), ledger.len(), "positions are unique");
    assert!(
        ledger.windows(2).all(|p| p[0].seq < p[1].seq),
        "ledger order"
    );
}

/// 16 threads send the same command with the same key at once: it applies once.
pub fn concurrent_retries_apply_once<S: Store + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let w = World::new(10);
    w.install(&*store);
    let e = w.trainee(1);
    store.enroll(&w.staff, &key("e1"), &e).unwrap();
    let eid = e.id();
    let handles: Vec<_> = (0..WRITERS)
        .map(|_| {
            let (store, w) = (Arc::clone(&store), w.clone());
            std::thread::spawn(move || {
                store.append_attendance(&w.staff, &key("same"), &w.attend(eid, 0, 2))
            })
        })
        .collect();
    let results: Vec<_> = handles
        .into_iter()
        .map(|h| {
            h.join()
                .expect("writer thread")
                .expect("every retry succeeds")
        })
        .collect();
    assert!(
        results.windows(2).all(|p| p[0] == p[1]),
        "every caller sees the same entry"
    );
    assert_eq!(store.attendance(eid).unwrap().len(), 1);
}

/// Runs a future on a fresh multi-thread tokio runtime (for the async cases).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// The async twin of [`round_trips`] (fewer records, same promises).
pub async fn async_round_trips<S: AsyncStore>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    w.install_async(&store).await;
    assert_eq!(store.course(w.course.id()).await.unwrap().value, w.course);
    assert_eq!(
        store
            .standard(w.qualification.code(), &w.version)
            .await
            .unwrap(),
        w.standard
    );
    assert_eq!(
        store.institution(w.company.id()).await.unwrap().value,
        w.company
    );
    let e = w.learning_worker(1);
    assert_eq!(
        store
            .enroll(&w.company_staff, &key("e1"), &e)
            .await
            .unwrap()
            .value,
        e
    );
    let fact = NewAttendance {
        target: AttendanceTarget::Ojt,
        ..w.attend_on(e.id(), 0, 0, 8)
    };
    let entries = store
        .append_attendance(&w.company_staff, &key("a1"), std::slice::from_ref(&fact))
        .await
        .unwrap();
    assert_eq!(store.attendance(e.id()).await.unwrap(), entries);
    assert_eq!(entries[0].fact, fact);
    let ev = NewEvaluation {
        enrollment: e.id(),
        unit: w.units()[0].clone(),
        result: EvaluationResult::Passed(false),
        corrects: None,
    };
    store
        .append_evaluations(&w.company_staff, &key("v1"), std::slice::from_ref(&ev))
        .await
        .unwrap();
    assert_eq!(store.evaluations(e.id()).await.unwrap()[0].fact, ev);
    assert_eq!(store.audit_entries(None, 100).await.unwrap().len(), 9);
}

/// The async twin of [`not_found`] and [`version_conflicts`].
pub async fn async_not_found_and_conflicts<S: AsyncStore>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    assert!(matches!(
        store.course(w.course.id()).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.enroll(&w.staff, &key("e"), &w.trainee(1)).await,
        Err(StoreError::NotFound { .. })
    ));
    w.install_async(&store).await;
    let v2 = store
        .update_course(&w.staff, &w.course, Version::FIRST)
        .await
        .unwrap();
    assert_eq!(v2, Version::new(2));
    assert!(matches!(
        store
            .update_course(&w.staff, &w.course, Version::FIRST)
            .await,
        Err(StoreError::VersionConflict { .. })
    ));
}

/// The async twin of [`idempotent_retries`].
pub async fn async_idempotent_retries<S: AsyncStore>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    w.install_async(&store).await;
    let e = w.trainee(1);
    assert!(!store.command_recorded(&key("k")).await.unwrap());
    let first = store.enroll(&w.staff, &key("k"), &e).await.unwrap();
    assert!(store.command_recorded(&key("k")).await.unwrap());
    assert!(!store.command_recorded(&key("other")).await.unwrap());
    assert_eq!(store.enroll(&w.staff, &key("k"), &e).await.unwrap(), first);
    assert!(matches!(
        store.enroll(&w.staff, &key("k"), &w.trainee(2)).await,
        Err(StoreError::IdempotencyConflict { .. })
    ));
    assert_eq!(store.enrollments(w.course.id()).await.unwrap().len(), 1);
}

/// 16 tasks race for 10 seats and append to the same trainee: no overbooking, nothing lost,
/// nothing duplicated.
pub async fn async_concurrency<S: AsyncStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let w = World::new(10);
    w.install_async(&*store).await;
    let mut tasks = Vec::new();
    for i in 0..WRITERS {
        let (store, w) = (Arc::clone(&store), w.clone());
        tasks.push(tokio::spawn(async move {
            store
                .enroll(&w.staff, &key(&format!("seat-{i}")), &w.trainee(i as u128))
                .await
        }));
    }
    let mut enrolled = Vec::new();
    for t in tasks {
        match t.await.expect("task") {
            Ok(e) => enrolled.push(e.value.id()),
            Err(StoreError::CourseFull { .. }) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(enrolled.len(), 10);
    // Any winner of the race (trainee 0 need not be one).
    let eid = enrolled[0];
    let mut tasks = Vec::new();
    for t in 0..WRITERS {
        let (store, w) = (Arc::clone(&store), w.clone());
        tasks.push(tokio::spawn(async move {
            for b in 0..5 {
                let k = key(&format!("t{t}-b{b}"));
                // Half an hour: 16 × 5 of them fill the unit's 40 hours, 8 hours a day.
                let facts = [w.attend_part(eid, 0, b, 50)];
                store
                    .append_attendance(&w.staff, &k, &facts)
                    .await
                    .expect("append");
                store
                    .append_attendance(&w.staff, &k, &facts)
                    .await
                    .expect("retry");
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let ledger = store.attendance(eid).await.unwrap();
    assert_eq!(ledger.len(), WRITERS * 5);
    assert_eq!(
        ledger.iter().map(|x| x.seq).collect::<BTreeSet<_>>().len(),
        WRITERS * 5
    );
}

/// The effective hours of unit `unit` in an enrollment's ledger, as the core counts them.
fn effective_unit_hours(
    w: &World,
    ledger: &[AttendanceEntry],
    unit: usize,
) -> rust_decimal::Decimal {
    let target = AttendanceTarget::Unit(w.units()[unit].clone());
    cqnet_core::ledger::effective_attendance(&attendance_facts(ledger))
        .get(&target)
        .copied()
        .unwrap_or_default()
}

/// How many of a race's batches were accepted, and how many refused with the error `refusal`
/// names (any other error counts as neither, so the caller's sum shows it).
pub(crate) fn accepted_and_refused<T>(
    results: &[Result<T, StoreError>],
    refusal: fn(&StoreError) -> bool,
) -> (usize, usize) {
    let accepted = results.iter().filter(|r| r.is_ok()).count();
    let refused = results
        .iter()
        .filter(|r| r.as_ref().err().is_some_and(refusal))
        .count();
    (accepted, refused)
}

/// How many of a race's batches were accepted, and how many refused as above the schedule.
fn accepted_and_above_schedule<T>(results: &[Result<T, StoreError>]) -> (usize, usize) {
    accepted_and_refused(results, |e| matches!(e, StoreError::AboveSchedule { .. }))
}

/// The schedule race: [`WRITERS`] threads, released together, each append 3 hours to one
/// trainee's 40-hour unit (each on a training day of its own, so that only the unit's hours are
/// raced for). The check runs inside the store's transaction, so exactly 13 are
/// accepted (39 hours) and every other one is refused with [`StoreError::AboveSchedule`];
/// then, trial after trial, two 30-hour batches for a fresh trainee race and exactly one wins.
pub fn schedule_race_never_exceeds<S: Store + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let w = World::new(10);
    w.install(&*store);
    let e = w.trainee(0);
    store.enroll(&w.staff, &key("e0"), &e).unwrap();
    let eid = e.id();
    let start = Arc::new(std::sync::Barrier::new(WRITERS));
    let handles: Vec<_> = (0..WRITERS)
        .map(|t| {
            let (store, w, start) = (Arc::clone(&store), w.clone(), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                store.append_attendance(
                    &w.staff,
                    &key(&format!("race-{t}")),
                    // Each on a day of its own: they race for the unit's hours, not a day's.
                    &[w.attend_on(eid, 0, t as u64, 3)],
                )
            })
        })
        .collect();
    let results: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("writer thread"))
        .collect();
    assert_eq!(
        accepted_and_above_schedule(&results),
        (13, WRITERS - 13),
        "{results:?}"
    );
    let ledger = store.attendance(eid).unwrap();
    assert_eq!(
        effective_unit_hours(&w, &ledger, 0),
        39.into(),
        "0 hours in excess"
    );

    for trial in 1..10u128 {
        let e = w.trainee(trial);
        store
            .enroll(&w.staff, &key(&format!("e{trial}")), &e)
            .unwrap();
        let eid = e.id();
        let start = Arc::new(std::sync::Barrier::new(2));
        let racers: Vec<_> = (0..2)
            .map(|r| {
                let (store, w, start) = (Arc::clone(&store), w.clone(), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    let k = key(&format!("trial-{trial}-{r}"));
                    store.append_attendance(&w.staff, &k, &w.attend(eid, 0, 30))
                })
            })
            .collect();
        let results: Vec<_> = racers
            .into_iter()
            .map(|h| h.join().expect("racer thread"))
            .collect();
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "trial {trial}: {results:?}"
        );
        let ledger = store.attendance(eid).unwrap();
        assert_eq!(
            effective_unit_hours(&w, &ledger, 0),
            30.into(),
            "trial {trial}"
        );
    }
}

/// The async twin of [`schedule_race_never_exceeds`]: [`WRITERS`] tasks append 3 hours each
/// (each on a training day of its own) to one trainee's 40-hour unit; exactly 13 are accepted.
pub async fn async_schedule_race_never_exceeds<S: AsyncStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let w = World::new(10);
    w.install_async(&*store).await;
    let e = w.trainee(0);
    store.enroll(&w.staff, &key("e0"), &e).await.unwrap();
    let eid = e.id();
    let tasks: Vec<_> = (0..WRITERS)
        .map(|t| {
            let (store, w) = (Arc::clone(&store), w.clone());
            tokio::spawn(async move {
                let k = key(&format!("race-{t}"));
                store
                    .append_attendance(&w.staff, &k, &[w.attend_on(eid, 0, t as u64, 3)])
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.expect("task"));
    }
    assert_eq!(
        accepted_and_above_schedule(&results),
        (13, WRITERS - 13),
        "{results:?}"
    );
    let ledger = store.attendance(eid).await.unwrap();
    assert_eq!(
        effective_unit_hours(&w, &ledger, 0),
        39.into(),
        "0 hours in excess"
    );
}

/// Expands to one `#[test]` per blocking conformance case for a factory of fresh stores.
///
/// Put `#[ignore = "why"]` before the factory to mark every case ignored (for adapters that
/// need a server, such as PostgreSQL: `cargo test` lists them as ignored, and
/// `cargo test -- --include-ignored` runs them).
///
/// # Example
/// ```text
/// cqnet_store::conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
/// cqnet_store::conformance_tests!(#[ignore = "needs PostgreSQL"] fresh_postgres_store);
/// ```
#[macro_export]
macro_rules! conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        $crate::conformance_tests!(@cases [$($attr)*] $factory;
            round_trips, not_found, version_conflicts, duplicates_and_conflicts,
            idempotent_retries, command_recorded, corrections_form_chains, audit_log,
            course_units_come_from_the_standard,
            failures_answer_their_variant, failed_commands_leave_no_trace,
            concurrent_enrollments_never_overbook,
            concurrent_attendance_same_trainee, concurrent_retries_apply_once,
            schedule_race_never_exceeds, daily_limit_refuses_and_corrections_make_room,
            daily_race_never_exceeds, the_commands_pack_sets_the_daily_limit);
    };
    (@cases [$($attr:tt)*] $factory:expr; $case:ident $(, $rest:ident)*) => {
        #[test]
        $($attr)*
        fn $case() {
            $crate::testing::$case(&$factory);
        }
        $crate::conformance_tests!(@cases [$($attr)*] $factory; $($rest),*);
    };
    (@cases [$($attr:tt)*] $factory:expr;) => {};
}

/// Expands to one `#[test]` per async conformance case (each on a multi-thread tokio runtime)
/// for a factory of fresh async stores.
///
/// Put `#[ignore = "why"]` before the factory to mark every case ignored, as with
/// [`conformance_tests!`](crate::conformance_tests).
///
/// # Example
/// ```text
/// cqnet_store::async_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
/// cqnet_store::async_conformance_tests!(#[ignore = "needs PostgreSQL"] fresh_async_postgres_store);
/// ```
#[macro_export]
macro_rules! async_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::async_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::async_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        $crate::async_conformance_tests!(@cases [$($attr)*] $factory;
            async_round_trips, async_not_found_and_conflicts, async_idempotent_retries,
            async_failures_answer_their_variant, async_concurrency,
            async_schedule_race_never_exceeds, async_daily_race_never_exceeds);
    };
    (@cases [$($attr:tt)*] $factory:expr; $case:ident $(, $rest:ident)*) => {
        #[test]
        $($attr)*
        fn $case() {
            $crate::testing::block_on($crate::testing::$case(&$factory));
        }
        $crate::async_conformance_tests!(@cases [$($attr)*] $factory; $($rest),*);
    };
    (@cases [$($attr:tt)*] $factory:expr;) => {};
}
