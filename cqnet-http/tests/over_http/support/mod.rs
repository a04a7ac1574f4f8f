//! A server on 127.0.0.1:0 for the tests, and the set-up the training routes need.

#![allow(dead_code, clippy::unwrap_used)]

pub mod documented;
pub mod exams;
pub mod gated;
pub mod population;
pub mod requests;

use std::sync::Arc;

use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
use cqnet_core::{Grade, Hours, Track, UnitCode};
use cqnet_http::{Api, BearerTokens};

pub use cqnet_http::ServedStore as RoutedStore;
use cqnet_store::training::{
    Course, CourseId, CourseSpec, CourseUnit, Designation, DesignationStatus, Institution,
    InstitutionId, InstitutionKind, Qualification, StandardVersion,
};
use cqnet_store::{Actor, Cqnet, ManualClock, Role};

pub const UNIT: &str = "1501020207_14v2";
pub const COURSE: u128 = 2;
pub const SCHOOL: u128 = 1;

/// The learning company (학습기업) of the work-study tests, and another one.
pub const COMPANY: u128 = 200;
pub const OTHER_COMPANY: u128 = 201;

/// The staff of a learning company (token `t-company` for [`COMPANY`], `t-other-company` for
/// [`OTHER_COMPANY`]).
pub fn company_staff(company: u128) -> Actor {
    Actor::new(
        "lee-hr",
        Role::CompanyStaff(InstitutionId::from_u128(company)),
    )
    .unwrap()
}

pub fn agency() -> Actor {
    Actor::new("hrdk-admin", Role::Agency).unwrap()
}

pub fn staff() -> Actor {
    Actor::new(
        "kim.staff",
        Role::InstitutionStaff(InstitutionId::from_u128(SCHOOL)),
    )
    .unwrap()
}

pub fn stranger() -> Actor {
    Actor::new(
        "lee.elsewhere",
        Role::InstitutionStaff(InstitutionId::from_u128(9)),
    )
    .unwrap()
}

/// The trainee of enrollment 3, as a learner.
pub fn learner() -> Actor {
    Actor::new(
        "hong.gildong",
        Role::Learner(cqnet_store::training::EnrollmentId::from_u128(3)),
    )
    .unwrap()
}

/// The trainee of enrollment `n`, as a learner (token `t-learner-{n}`).
pub fn learner_of(n: u128) -> Actor {
    Actor::new(
        &format!("learner-{n}"),
        Role::Learner(cqnet_store::training::EnrollmentId::from_u128(n)),
    )
    .unwrap()
}

/// Serves the router of `api` on 127.0.0.1:0 on the current runtime, with each peer's address
/// (as a host serves it, so that the rate limit tells clients apart), and gives its base URL.
pub async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap()
    });
    format!("http://{address}")
}

/// The agency's catalog, standard, institution and a designated course of one 40-hour unit,
/// set up through the service (their routes come later); the tokens `t-agency`, `t-staff`
/// and `t-stranger`; and the router.
pub async fn api_on<S: RoutedStore + 'static>(store: S) -> (Arc<Cqnet<S, ManualClock>>, String) {
    let clock = ManualClock::new("2026-03-06T09:00:00+09:00".parse().unwrap());
    // The host's key of the confirmation documents' check codes.
    let secret: Vec<u8> = (1..=32).collect();
    let cqnet = Arc::new(
        Cqnet::builder(store)
            .clock(clock)
            .confirmation_secret(cqnet_core::certificate::ConfirmationSecret::new(&secret).unwrap())
            .build(),
    );
    let training = cqnet.training();
    let agency = agency();
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
    let unit: UnitCode = UNIT.parse().unwrap();
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
        InstitutionId::from_u128(SCHOOL),
        "한국기술교육원",
        InstitutionKind::TrainingInstitution,
    )
    .unwrap();
    training
        .register_institution(&agency, &school)
        .await
        .unwrap();
    let course = Course::new(CourseSpec {
        id: CourseId::from_u128(COURSE),
        institution: school.id(),
        qualification: qualification.code().clone(),
        standard_version: version,
        track: Track::CourseBased,
        start: "2026-03-02".parse().unwrap(),
        end: "2026-07-31".parse().unwrap(),
        capacity: 20,
        units: vec![CourseUnit::new(unit, forty, 1).unwrap()],
        designation: Designation::new(
            DesignationStatus::Designated,
            "2026-01-01".parse().unwrap(),
            "2027-12-31".parse().unwrap(),
        )
        .unwrap(),
    })
    .unwrap();
    training.designate_course(&agency, &course).await.unwrap();
    let tokens = (3..=8).fold(BearerTokens::default(), |tokens, n| {
        tokens.with(&format!("t-learner-{n}"), learner_of(n))
    });
    let tokens = tokens
        .with("t-agency", agency)
        .with("t-staff", staff())
        .with("t-stranger", stranger())
        .with("t-learner", learner())
        .with("t-company", company_staff(COMPANY))
        .with("t-other-company", company_staff(OTHER_COMPANY))
        .with(
            "t-evaluator",
            Actor::new("eval-01", Role::Evaluator).unwrap(),
        );
    let router = Api::new(cqnet.clone(), tokens)
        .body_limit(16 * 1024)
        .router();
    (cqnet, serve(router).await)
}
