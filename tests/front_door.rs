//! The front door: services handed out by one `Cqnet` share its store, and set-up goes through
//! the access rules (a refusal changes nothing and is audited).

use cqnet::prelude::*;

type Failure = Box<dyn std::error::Error>;

fn bakery() -> Result<Qualification, Failure> {
    Ok(Qualification::builder()
        .code("7780")
        .name("제과기능사")
        .grade(Grade::Craftsman)
        .field("식품가공")
        .build()?)
}

fn refused(result: Result<impl std::fmt::Debug, ServiceError>) -> bool {
    matches!(result, Err(ServiceError::Refused { reasons }) if !reasons.is_empty())
}

#[test]
fn only_the_agency_sets_up_the_catalog_and_a_refusal_is_audited() -> Result<(), Failure> {
    let cqnet = blocking::Cqnet::builder(MemoryStore::new())
        .clock(FixedClock::new("2026-03-02T09:00:00Z".parse()?))
        .build();
    let staff = Actor::new(
        "kim.staff",
        Role::InstitutionStaff(InstitutionId::from_u128(1)),
    )?;
    let before = cqnet.store().audit_entries(None, 100)?.len();
    assert!(refused(
        cqnet.training().register_qualification(&staff, &bakery()?)
    ));
    // Nothing was written, and the refusal has its audit line.
    assert!(cqnet.store().qualifications()?.is_empty());
    let log = cqnet.store().audit_entries(None, 100)?;
    assert_eq!(log.len(), before + 1);
    assert!(log[before].outcome.starts_with("refused"));

    let agency = Actor::new("hrdk-admin", Role::Agency)?;
    cqnet
        .training()
        .register_qualification(&agency, &bakery()?)?;
    // Another service of the same front door sees what the first wrote.
    let seen = cqnet.exams().store().qualifications()?;
    assert_eq!(seen.len(), 1);
    Ok(())
}

#[test]
fn a_settable_clock_moves_every_service_of_one_front_door() -> Result<(), Failure> {
    let clock = ManualClock::new("2026-03-02T09:00:00Z".parse()?);
    let cqnet = blocking::Cqnet::builder(MemoryStore::new())
        .clock(clock.clone())
        .build();
    let agency = Actor::new("hrdk-admin", Role::Agency)?;
    clock.advance(chrono::Duration::days(10));
    cqnet
        .training()
        .register_qualification(&agency, &bakery()?)?;
    let log = cqnet.store().audit_entries(None, 10)?;
    assert_eq!(log[0].at.to_rfc3339(), "2026-03-12T09:00:00+00:00");
    Ok(())
}

#[test]
fn an_out_of_range_certificate_office_is_refused_when_building() {
    assert!(
        blocking::Cqnet::builder(MemoryStore::new())
            .certificate_office(100)
            .is_err()
    );
    assert!(
        blocking::Cqnet::builder(MemoryStore::new())
            .certificate_office(99)
            .is_ok()
    );
}

#[test]
fn the_front_door_hands_out_the_work_study_service_over_its_store() -> Result<(), Failure> {
    use cqnet::store::work_study::{CompanyApplication, CompanyFacts, CompanyStatus, SiteReview};
    let cqnet = blocking::Cqnet::builder(MemoryStore::new())
        .clock(FixedClock::new("2026-03-02T01:00:00Z".parse()?))
        .build();
    let agency = Actor::new("hrdk-admin", Role::Agency)?;
    let id = InstitutionId::from_u128(7);
    let company = Institution::new(id, "(주)제과명장", InstitutionKind::Company)?;
    cqnet.training().register_institution(&agency, &company)?;
    let staff = Actor::new("park.hr", Role::CompanyStaff(id))?;
    let application = CompanyApplication {
        company: id,
        facts: CompanyFacts::example(),
    };
    let key = IdempotencyKey::new("apply-7")?;
    cqnet
        .work_study()
        .apply_for_designation(&staff, &key, &application)?;
    let review = SiteReview {
        reviewed_on: "2026-03-02".parse()?,
        facilities_confirmed: true,
    };
    let key = IdempotencyKey::new("review-7")?;
    cqnet
        .work_study()
        .record_site_review(&agency, &key, id, &review)?;
    let key = IdempotencyKey::new("designate-7")?;
    let designated = cqnet.work_study().designate(&agency, &key, id)?;
    assert_eq!(designated.value.status, CompanyStatus::Designated);
    // Another service of the same front door reads the same store.
    use cqnet::store::work_study::WorkStudyStore as _;
    assert_eq!(cqnet.exams().store().learning_company(id)?, designated);
    Ok(())
}
