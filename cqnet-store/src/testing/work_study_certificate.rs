//! The conformance case of a learning worker's certificate (자격증, 일학습병행자격) (feature
//! `testing`): a programme leading to a work-study qualification of the catalog, a learner
//! trained to the completion certificate (이수증명서), refused a certificate before any sitting
//! and after a failed one, issued one after the pass with what the contract, the programme
//! and the catalog hold, once per pass; the facts a certificate prints refused when missing;
//! and the cancellation (자격 취소, 법 제33조) after a hearing on the work-study track's basis.
//! Every expectation of a rule is the core's own answer.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use chrono::Days;
use cqnet_core::certificate::{
    CertificateContent, CertificateForm, IssueRequest, PassStatus, RevocationReason, decide_issue,
};
use cqnet_core::exam::SystemCode;
use cqnet_core::window::korean_date;
use cqnet_core::{QualificationCode, ReasonCode, Score, Track, UnitCode};

use super::World;
use super::work_study::{
    KoreanDay, START, agency, company_staff, refused_codes, rules, service_conflict,
};
use super::work_study_external::{
    published_round, set_day, sitting, sitting_of_published, trained_in, units,
};
use super::work_study_learners::contract_of;
use crate::blocking::{CertificateService, Cqnet};
use crate::certificate::{Cancellation, CertificateStore};
use crate::exam::ExamStore;
use crate::testing::{instant, key};
use crate::training::ServiceError;
use crate::work_study::*;
use crate::{Clock, ConflictKind, ManualClock, Store, StoreError};

/// The codes of the core's refusal to issue the certificate of the contract's pass as the
/// service reads it now.
fn core_issue_codes<S: Store + ExamStore + CertificateStore + WorkStudyStore + 'static>(
    certificates: &CertificateService<S, ManualClock>,
    clock: &ManualClock,
    contract: ContractId,
) -> Vec<ReasonCode> {
    let (pass, content) = certificates.pass_of_contract(&agency(), contract).unwrap();
    let today = korean_date(clock.now().fixed_offset());
    let request = IssueRequest {
        pass,
        form: CertificateForm::Certificate,
        content,
        issue_date: today,
    };
    let decision = decide_issue(&request, &rules(&today.to_string())).unwrap();
    decision.reasons.iter().map(|r| r.code).collect()
}

/// A learning worker's certificate from their contract: refused before a sitting and after a
/// fail with the core's reasons, issued by the agency only after the pass with the contract's
/// name and birth date, the programme's qualification and units and the announcement day as
/// the pass date, once per pass; refused for a contract without a programme, a programme
/// without a qualification, or a contract without the learner's name; a programme naming a
/// course-based or unknown qualification refused at its approval; the qualification
/// cancelled after a hearing on the work-study track's basis.
pub fn work_study_certificate_of_a_pass<
    S: Store + ExamStore + CertificateStore + WorkStudyStore + 'static,
>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let world = World::new(10);
    world.install(&store);
    let clock = ManualClock::new(instant(START));
    let cqnet = Cqnet::builder(store).clock(clock.clone()).build();
    let service = cqnet.work_study();
    let certificates = cqnet.certificates();
    let company = world.company.id();
    let staff = company_staff(company);

    // A programme leading to the catalog's work-study qualification; one learner trained in
    // it to the completion certificate's threshold.
    let programme = NewProgramme {
        qualification: Some(world.work_study.code().clone()),
        ..NewProgramme::example(ProgrammeId::from_u128(1), company)
    };
    let id = trained_in(&service, &clock, &programme);
    let approved = service
        .store()
        .programme(programme.programme)
        .unwrap()
        .value;
    assert_eq!(approved.qualification, programme.qualification);

    // A programme naming a course-based qualification, or one the catalog lacks: refused at
    // its approval, nothing stored.
    let course_based = NewProgramme {
        qualification: Some(world.qualification.code().clone()),
        ..NewProgramme::example(ProgrammeId::from_u128(2), company)
    };
    assert_eq!(
        service_conflict(service.approve_programme(
            &agency(),
            &key("programme-course"),
            &course_based
        )),
        ConflictKind::NotAWorkStudyQualification
    );
    let unknown = NewProgramme {
        qualification: Some(QualificationCode::new("9999").unwrap()),
        ..NewProgramme::example(ProgrammeId::from_u128(3), company)
    };
    assert!(matches!(
        service.approve_programme(&agency(), &key("programme-unknown"), &unknown),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));
    for refused in [&course_based, &unknown] {
        assert!(matches!(
            service.store().programme(refused.programme),
            Err(StoreError::NotFound { .. })
        ));
    }

    // Before any sitting the pass is not finalised: the core's refusal, nothing issued.
    let contract = service.store().learning_contract(id).unwrap().value;
    assert_eq!(
        contract.pass_status(clock.now().fixed_offset()),
        PassStatus::NotFinalised
    );
    let expected = core_issue_codes(&certificates, &clock, id);
    assert!(expected.contains(&ReasonCode::PassNotFinalised));
    assert_eq!(
        refused_codes(certificates.issue_for_contract(
            &agency(),
            &key("early"),
            id,
            CertificateForm::Certificate,
            None
        )),
        expected
    );

    // A failed sitting: the core's `not_passed`.
    service
        .issue_completion_certificate(&staff, &key("completion"), id)
        .unwrap();
    let sat = clock.now_day() + Days::new(10);
    let failed_on = sat + Days::new(20);
    set_day(&clock, failed_on);
    // A round that does not cover the qualification the programme leads to is refused.
    let elsewhere = published_round(
        certificates.store(),
        world.qualification.code(),
        (SystemCode::W1, 2),
        sat,
        failed_on,
    );
    let sat_elsewhere = sitting(&elsewhere.id().to_string(), sat, failed_on, units(2, 2));
    assert_eq!(
        service_conflict(service.record_external_result(
            &agency(),
            &key("elsewhere"),
            id,
            &sat_elsewhere
        )),
        ConflictKind::ExternalResultRefused
    );
    service
        .record_external_result(
            &agency(),
            &key("fail"),
            id,
            &sitting_of_published(
                certificates.store(),
                (SystemCode::W1, 1),
                sat,
                failed_on,
                units(1, 2),
            ),
        )
        .unwrap();
    let expected = core_issue_codes(&certificates, &clock, id);
    assert!(expected.contains(&ReasonCode::NotPassed));
    assert_eq!(
        refused_codes(certificates.issue_for_contract(
            &agency(),
            &key("after-fail"),
            id,
            CertificateForm::Certificate,
            None
        )),
        expected
    );

    // The retake passed: the certificate prints what the records hold.
    let retake = failed_on + Days::new(30);
    let passed_on = retake + Days::new(20);
    set_day(&clock, passed_on);
    service
        .record_external_result(
            &agency(),
            &key("pass"),
            id,
            &sitting_of_published(
                certificates.store(),
                (SystemCode::W2, 1),
                retake,
                passed_on,
                units(2, 2),
            ),
        )
        .unwrap();
    let contract = service.store().learning_contract(id).unwrap().value;
    assert_eq!(
        contract.pass_status(clock.now().fixed_offset()),
        PassStatus::Passed {
            pass_date: passed_on
        }
    );
    assert!(core_issue_codes(&certificates, &clock, id).is_empty());
    assert!(matches!(
        certificates.issue_for_contract(
            &staff,
            &key("by-staff"),
            id,
            CertificateForm::Certificate,
            None
        ),
        Err(ServiceError::Refused { .. })
    ));
    let issued = certificates
        .issue_for_contract(
            &agency(),
            &key("issue"),
            id,
            CertificateForm::Certificate,
            None,
        )
        .unwrap();
    let spec = issued.spec();
    assert_eq!(spec.track, Track::WorkStudy);
    assert_eq!(&spec.qualification, world.work_study.code());
    assert_eq!(&spec.candidate, &contract.learner);
    assert_eq!(Some(&spec.holder), contract.learner_name.as_ref());
    assert_eq!(spec.birth_date, contract.born_on);
    assert_eq!(spec.pass_date, passed_on);
    let CertificateContent::WorkStudy(content) = &spec.content else {
        panic!("a work-study certificate, got {:?}", spec.content);
    };
    assert_eq!(
        content.qualification().as_str(),
        world.work_study.name(),
        "the catalog's {{직종}}_L{{n}} name"
    );
    let printed: Vec<&UnitCode> = content.units().iter().map(|u| &u.code).collect();
    let planned: Vec<&UnitCode> = programme
        .plan
        .spec()
        .units
        .iter()
        .map(|u| &u.code)
        .collect();
    assert_eq!(printed, planned);
    // One pass, one certificate: another key answers the first document.
    let again = certificates
        .issue_for_contract(
            &agency(),
            &key("issue-again"),
            id,
            CertificateForm::Certificate,
            None,
        )
        .unwrap();
    assert_eq!(again.management_number(), issued.management_number());
    assert_eq!(
        certificates
            .store()
            .certificate(issued.management_number())
            .unwrap(),
        issued
    );

    // The facts a certificate prints, refused when missing: a contract without a programme,
    // a programme naming no qualification, a contract without the learner's name.
    let next = clock.now_day();
    let unnamed = NewContract {
        learner_name: None,
        ..contract_of(2, "learner-2", company, next)
    };
    service
        .conclude_contract(&staff, &key("contract-2"), &unnamed)
        .unwrap();
    let plain = contract_of(3, "learner-3", company, next);
    service
        .conclude_contract(&staff, &key("contract-3"), &plain)
        .unwrap();
    assert_eq!(
        service_conflict(certificates.pass_of_contract(&agency(), unnamed.contract)),
        ConflictKind::CertificateFactsMissing
    );
    let without = NewProgramme::example(ProgrammeId::from_u128(4), company);
    service
        .approve_programme(&agency(), &key("programme-without"), &without)
        .unwrap();
    let unit = programme.plan.spec().units[0].code.clone();
    for (contract, of, n) in [
        (unnamed.contract, &programme, 2),
        (plain.contract, &without, 3),
    ] {
        let entry = InternalEvaluationEntry {
            programme: of.programme,
            unit: unit.clone(),
            score: Score::whole(90).unwrap(),
            evaluated_on: next,
        };
        service
            .record_internal_evaluation(&staff, &key(&format!("eval-c{n}")), contract, &entry)
            .unwrap();
        assert_eq!(
            service_conflict(certificates.issue_for_contract(
                &agency(),
                &key(&format!("issue-c{n}")),
                contract,
                CertificateForm::Certificate,
                None
            )),
            ConflictKind::CertificateFactsMissing
        );
    }

    // The cancellation (자격 취소) for fraud after a hearing, on the work-study basis.
    let cancellation = Cancellation {
        reason: RevocationReason::Fraud,
        hearing_held_on: Some(clock.now_day()),
        note: None,
    };
    let record = certificates
        .revoke(&agency(), &key("revoke"), issued.number(), &cancellation)
        .unwrap();
    let revocation = record.revocation().unwrap();
    let basis = &rules(&clock.now_day().to_string())
        .bases
        .work_study_revocation
        .basis;
    assert_eq!(&revocation.basis, basis);
}
