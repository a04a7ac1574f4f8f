//! One trainee from the catalog to a verified certificate through the three services of one
//! [`Cqnet`], on any store: the case that shows every service runs on every store, blocking
//! and async, from the one implementation.

use chrono::{DateTime, FixedOffset, Utc};
use cqnet_core::certificate::{
    CertificateForm, DocumentRef, VerificationQuery, VerificationStatus,
};
use cqnet_core::exam::{ExamPlan, ExamPlanSpec, SystemCode};
use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
use cqnet_core::window::TimeWindow;
use cqnet_core::{Grade, Hours, ReasonCode, Score, Track, UnitCode};

use crate::certificate::{AsyncCertificateStore, CertificateStore};
use crate::exam::{
    ApplicationId, ApplicationRequest, AsyncExamStore, ExamRound, ExamStore, Marks, Venue,
    VenueCode,
};
use crate::testing::key;
use crate::training::{
    AttendanceTarget, Completion, Course, CourseId, CourseSpec, CourseUnit, Designation,
    DesignationStatus, Enrollment, EnrollmentId, EvaluationResult, Institution, InstitutionId,
    InstitutionKind, LearnerKind, NewAttendance, NewEvaluation, Person, Qualification,
    ServiceError, StandardVersion,
};
use crate::unit_of_work::complete_now;
use crate::{Actor, AsyncStore, Cqnet, Inline, ManualClock, Role, Store};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an instant")
}

fn kst(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("an instant")
}

/// The journey over a blocking store, through the same services driven over its
/// [`Inline`] view (as [`blocking::Cqnet`](crate::blocking::Cqnet) does).
pub fn service_journey<S: Store + ExamStore + CertificateStore + 'static>(factory: &dyn Fn() -> S) {
    complete_now(async_service_journey(&|| Inline::new(factory())))
        .expect("an inline store never waits");
}

/// The journey over an async store: set-up by the agency, enrollment, attendance (36 of 40
/// hours over five days) and an internal score of 88 by the institution, completion, the
/// round, the application, marks of 76 and 84, the finalised pass, the certificate and its
/// 진위확인; a stranger is refused on the way and the refusal is audited.
pub async fn async_service_journey<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(
    factory: &dyn Fn() -> S,
) {
    let clock = ManualClock::new(at("2026-02-20T09:00:00+09:00"));
    let cqnet = Cqnet::builder(factory()).clock(clock.clone()).build();
    let (training, exams, certificates) = (cqnet.training(), cqnet.exams(), cqnet.certificates());
    let agency = Actor::new("hrdk-admin", Role::Agency).unwrap();

    let qualification = Qualification::builder()
        .code("2290")
        .name("컴퓨터응용가공산업기사")
        .grade(Grade::IndustrialEngineer)
        .field("기계")
        .build()
        .unwrap();
    training
        .register_qualification(&agency, &qualification)
        .await
        .unwrap();
    let unit: UnitCode = "1501020207_14v2".parse().unwrap();
    let forty = Hours::whole(40).unwrap();
    let standard = CurriculumStandard::new(CurriculumStandardSpec {
        total_hours: forty,
        units: vec![StandardUnit::new(unit.clone(), UnitKind::Mandatory, forty)],
        ..CurriculumStandardSpec::default()
    })
    .unwrap();
    let version = StandardVersion::new("v2.0").unwrap();
    training
        .publish_standard(&agency, qualification.code(), &version, &standard)
        .await
        .unwrap();
    let school = Institution::new(
        InstitutionId::from_u128(1),
        "한국기술교육원",
        InstitutionKind::TrainingInstitution,
    )
    .unwrap();
    training
        .register_institution(&agency, &school)
        .await
        .unwrap();
    let course = Course::new(CourseSpec {
        id: CourseId::from_u128(2),
        institution: school.id(),
        qualification: qualification.code().clone(),
        standard_version: version,
        track: Track::CourseBased,
        start: "2026-03-02".parse().unwrap(),
        end: "2026-07-31".parse().unwrap(),
        capacity: 20,
        units: vec![CourseUnit::new(unit.clone(), forty, 1).unwrap()],
        designation: Designation::new(
            DesignationStatus::Designated,
            "2026-01-01".parse().unwrap(),
            "2027-12-31".parse().unwrap(),
        )
        .unwrap(),
    })
    .unwrap();
    training.designate_course(&agency, &course).await.unwrap();

    let staff = Actor::new("kim.staff", Role::InstitutionStaff(school.id())).unwrap();
    let trainee = Enrollment::new(
        EnrollmentId::from_u128(3),
        course.id(),
        Person::new("홍길동", "2003-05-17".parse().unwrap(), "010-0000-0000").unwrap(),
        LearnerKind::Trainee,
        "2026-03-02".parse().unwrap(),
    )
    .unwrap();
    let stranger = Actor::new(
        "lee.elsewhere",
        Role::InstitutionStaff(InstitutionId::from_u128(9)),
    )
    .unwrap();
    assert!(
        training
            .enroll(&stranger, &key("enroll-stranger"), &trainee)
            .await
            .is_err(),
        "staff of another institution may not enroll"
    );
    training
        .enroll(&staff, &key("enroll-3"), &trainee)
        .await
        .unwrap();
    clock.set(at("2026-07-31T18:00:00+09:00"));
    let days = [
        "2026-07-27",
        "2026-07-28",
        "2026-07-29",
        "2026-07-30",
        "2026-07-31",
    ];
    let attended: Vec<NewAttendance> = days
        .iter()
        .zip([8, 8, 8, 8, 4])
        .map(|(day, hours)| NewAttendance {
            enrollment: trainee.id(),
            target: AttendanceTarget::Unit(unit.clone()),
            day: day.parse().unwrap(),
            hours: Hours::whole(hours).unwrap(),
            corrects: None,
        })
        .collect();
    let one_long_day = NewAttendance {
        hours: Hours::whole(25).unwrap(),
        ..attended[0].clone()
    };
    let refused = training
        .record_attendance(&staff, &key("attendance-long-day"), &[one_long_day])
        .await;
    assert!(
        matches!(&refused, Err(ServiceError::Refused { reasons })
            if reasons.iter().any(|r| r.code == ReasonCode::DailyHoursExceeded)),
        "25 hours on one day are refused with the core's reason: {refused:?}"
    );
    training
        .record_attendance(&staff, &key("attendance-3"), &attended)
        .await
        .unwrap();
    let evaluated = NewEvaluation {
        enrollment: trainee.id(),
        unit,
        result: EvaluationResult::Round {
            round: 1,
            score: Some(Score::whole(88).unwrap()),
        },
        corrects: None,
    };
    training
        .record_evaluations(&staff, &key("evaluation-3"), &[evaluated])
        .await
        .unwrap();
    let Completion::CourseBased(decision) = training.decide(&staff, trainee.id()).await.unwrap()
    else {
        panic!("a trainee gets a course-based decision");
    };
    assert!(decision.completed && decision.eligible_for_external);
    let listed = training
        .external_candidates(&agency, course.id())
        .await
        .unwrap();
    assert_eq!(listed.eligible, vec![trainee.id()]);

    let plan = ExamPlan::new(ExamPlanSpec {
        year: 2026,
        round: 1,
        system: SystemCode::C1,
        qualifications: vec![qualification.code().clone()],
        application_window: TimeWindow::new(
            kst("2026-08-01T09:00:00+09:00"),
            kst("2026-08-10T18:00:00+09:00"),
        )
        .unwrap(),
        first_day: "2026-09-05".parse().unwrap(),
        second_day: Some("2026-09-06".parse().unwrap()),
        announcement: kst("2026-10-02T09:00:00+09:00"),
        published_on: "2026-06-01".parse().unwrap(),
    })
    .unwrap();
    let venue = VenueCode::new("seoul-01").unwrap();
    let round = ExamRound::new(
        plan,
        vec![Venue::new(venue.clone(), "서울 시험장", 100).unwrap()],
        false,
    )
    .unwrap();
    exams.publish_round(&agency, &round).await.unwrap();
    clock.set(at("2026-08-03T10:00:00+09:00"));
    let me = Actor::new("hong.gildong", Role::Learner(trainee.id())).unwrap();
    let request = ApplicationRequest {
        id: ApplicationId::from_u128(4),
        round: round.id(),
        candidate: trainee.id(),
        venue,
    };
    let application = exams.apply(&me, &key("apply-4"), &request).await.unwrap();
    let again = exams.apply(&me, &key("apply-4"), &request).await.unwrap();
    assert_eq!(again, application, "a retry answers as the first time");

    clock.set(at("2026-09-10T10:00:00+09:00"));
    let evaluator = Actor::new("eval-01", Role::Evaluator).unwrap();
    let marks = Marks::CourseBased {
        written: Score::whole(76).unwrap(),
        practical: Score::whole(84).unwrap(),
    };
    let entered = exams
        .enter_result(&evaluator, request.id, &marks, None)
        .await
        .unwrap();
    let (_, passed) = exams
        .finalise_result(&agency, request.id, entered)
        .await
        .unwrap();
    assert!(passed, "internal 88, external 76 × 40% + 84 × 60% = 80.8");
    assert!(
        exams.pass_list(&me, &round.id()).await.is_err(),
        "nobody sees the pass list before the announcement"
    );

    clock.set(at("2026-10-05T10:00:00+09:00"));
    let passers = exams.pass_list(&me, &round.id()).await.unwrap();
    assert_eq!(passers, vec![application.value.number.clone()]);
    let certificate = certificates
        .issue(
            &agency,
            &key("issue-4"),
            request.id,
            CertificateForm::Certificate,
            None,
        )
        .await
        .unwrap();
    let query = VerificationQuery {
        number: certificate.number().clone(),
        issue_date: certificate.issue_date(),
        document: DocumentRef::ManagementNumber(certificate.management_number().clone()),
    };
    let answer = certificates.verify(&query).await.unwrap();
    assert_eq!(answer.status, VerificationStatus::Valid);
    let wrong_day = VerificationQuery {
        issue_date: certificate.issue_date().succ_opt().unwrap(),
        ..query
    };
    assert_eq!(
        certificates.verify(&wrong_day).await.unwrap().status,
        VerificationStatus::NoMatch
    );
    let refusals = cqnet
        .store()
        .audit_entries(None, 1_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.outcome.starts_with("refused"))
        .count();
    assert!(
        refusals >= 3,
        "the stranger's enrollment, the long day and the early pass list are audited"
    );
}
