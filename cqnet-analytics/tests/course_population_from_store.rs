//! A population read from a store: each course's trainees as `ExamService::course_records`
//! reads them (the records of `TrainingService::course_records` with each trainee's latest
//! finalised marks), built into a `CoursePopulation` and decided in bulk on the rules and
//! external standard the service names, equal trainee by trainee (completion, pass and failing
//! checks) to the service's own decision of each with the same marks, and each pass to the one
//! finalisation decided, on the memory store and on SQLite. The records are those of
//! `statistics_report`'s made-up population, recorded through the services.

// The example's progress counts and its population file are its own.
#[allow(dead_code)]
#[path = "../examples/statistics_report/synthetic.rs"]
mod synthetic;

use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_analytics::{CompiledCourseRules, CoursePopulation, ReasonSet, decide_course};
use cqnet_store::exam::{ExamStore, Marks};
use cqnet_store::training::{Completion, EnrollmentId, InstitutionId, ServiceError};
use cqnet_store::{Actor, Role, Store};
use indicatif::ProgressBar;

use synthetic::{Population, Recorded};

const TRAINEES: usize = 240;

fn agency() -> Actor {
    Actor::new("hrdk-admin", Role::Agency).expect("an actor")
}

/// The marks and pass of the trainee's finalised result, read from the exam store (each
/// trainee of the made-up population applies once, and every result is finalised).
fn finalised_of(store: &impl ExamStore, id: EnrollmentId) -> Option<(Marks, bool)> {
    let applications = store.applications_of(id).expect("the applications");
    assert!(applications.len() <= 1);
    let application = applications.first()?;
    let result = store.result(application.value.id).expect("a result")?.value;
    assert!(result.finalised);
    Some((result.marks, result.passed.expect("a finalised pass")))
}

fn assert_bulk_equals_each<S: Store + ExamStore + 'static>(recorded: &Recorded<S>) {
    let (training, exams) = (recorded.cqnet.training(), recorded.cqnet.exams());
    let courses = recorded.cqnet.store().courses(None).expect("the courses");
    let (mut trainees, mut completed, mut passed, mut failed) = (0, 0, 0, 0);
    for course in courses {
        let read = exams
            .course_records(&agency(), course.value.id())
            .expect("the course's records");
        assert!(read.unread.is_empty(), "{:?}", read.unread);
        let population = CoursePopulation::from_records(read.trainees.iter().map(|t| &t.2))
            .expect("a population");
        let rules = CompiledCourseRules::with_standard(&read.rules, &read.exam).expect("compiles");
        let bulk = decide_course(&population, &rules);
        assert_eq!(bulk.len(), read.trainees.len());
        for (index, (id, _, _)) in read.trainees.iter().enumerate() {
            let finalised = finalised_of(recorded.cqnet.store(), *id);
            let marks = finalised.as_ref().map(|(marks, _)| marks);
            let Completion::CourseBased(single) = training
                .decide_with_external(&agency(), *id, marks)
                .expect("decided")
            else {
                panic!("a trainee of the course-based track");
            };
            let outcome = bulk.outcome(index).expect("an outcome");
            let codes =
                ReasonSet::from_codes(single.reasons.iter().map(|r| r.code)).expect("reason codes");
            assert_eq!(
                (outcome.completed(), outcome.passed(), bulk.reasons(index)),
                (single.completed, single.passed, Some(codes)),
                "enrollment {id}"
            );
            // Finalisation decided the pass of those who sat; the others have no result.
            if let Some((_, pass)) = finalised {
                assert_eq!(outcome.passed(), Some(pass), "{id}");
            }
            trainees += 1;
            completed += usize::from(single.completed);
            passed += usize::from(outcome.passed() == Some(true));
            failed += usize::from(outcome.passed() == Some(false));
        }
    }
    assert_eq!(trainees, TRAINEES);
    // Every outcome occurs, so the comparison is of each.
    assert!(
        0 < completed && completed < trainees,
        "{completed} of {trainees}"
    );
    assert!(passed > 0 && failed > 0, "{passed} passed, {failed} failed");
}

fn assert_only_the_institution_and_the_agency_read<S: Store + ExamStore + 'static>(
    recorded: &Recorded<S>,
) {
    let training = recorded.cqnet.training();
    let course = &recorded.cqnet.store().courses(None).expect("the courses")[0].value;
    let own =
        Actor::new("staff", Role::InstitutionStaff(course.spec().institution)).expect("an actor");
    assert!(training.course_records(&own, course.id()).is_ok());
    assert!(
        recorded
            .cqnet
            .exams()
            .course_records(&own, course.id())
            .is_ok()
    );
    let other = Actor::new(
        "staff",
        Role::InstitutionStaff(InstitutionId::from_u128(999)),
    )
    .expect("an actor");
    assert!(matches!(
        training.course_records(&other, course.id()),
        Err(ServiceError::Refused { .. })
    ));
    assert!(matches!(
        recorded.cqnet.exams().course_records(&other, course.id()),
        Err(ServiceError::Refused { .. })
    ));
}

fn recorded<
    S: Store + cqnet_store::exam::ExamStore + cqnet_store::certificate::CertificateStore + 'static,
>(
    store: S,
) -> Recorded<S> {
    Population::make(TRAINEES, &ProgressBar::hidden())
        .record(store, &ProgressBar::hidden())
        .expect("recorded")
}

#[test]
fn a_population_from_the_memory_store_decides_as_the_service() {
    let recorded = recorded(MemoryStore::new());
    assert_bulk_equals_each(&recorded);
    assert_only_the_institution_and_the_agency_read(&recorded);
}

#[test]
fn a_population_from_sqlite_decides_as_the_service() {
    let recorded = recorded(SqliteStore::open_in_memory().expect("a store"));
    assert_bulk_equals_each(&recorded);
    assert_only_the_institution_and_the_agency_read(&recorded);
}
