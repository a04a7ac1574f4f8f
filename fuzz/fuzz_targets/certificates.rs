//! Any JSON as the certificate records (a certificate, a qualification's record with its
//! reissue, issue, reissue and revocation requests, authenticity queries, confirmation
//! documents and their queries), read alone and merged into valid ones, and run through the
//! certificate decisions: refused or decided, never a panic; a decision issues exactly when it
//! has no reason, and 진위확인 answers by its rules.
#![no_main]

mod merge_patch;

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use cqnet_core::access::{Actor, PartyId};
use cqnet_core::certificate::{
    Allocation, Certificate, CertificateForm, CertificateView, ConfirmationDocument,
    ConfirmationQuery, ConfirmationSecret, DocumentRef, IssueRequest, ManagementNumber,
    QualificationRecord, ReissueReason, ReissueRequest, RevocationReason, RevocationRequest,
    VerificationAnswer, VerificationQuery, VerificationStatus, check_confirmation, decide_issue,
    decide_reissue, decide_revocation, verify, verify_confirmation,
};
use cqnet_core::credential::{
    CredentialSpec, Issuer, SigningKey, Verdict, issue_credential, verify_credential,
};
use cqnet_core::rules::{RulePack, Rules};
use cqnet_core::window::korean_date;
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| RulePack::embedded().newest())
}

fn agency() -> Actor {
    Actor::Agency(PartyId::new("hrdk").expect("a party id"))
}

fn instant(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("an instant")
}

/// The example certificate and its reissue a month later: a record with a superseded document.
fn example_record() -> &'static QualificationRecord {
    static RECORD: OnceLock<QualificationRecord> = OnceLock::new();
    RECORD.get_or_init(|| {
        let first = Certificate::example();
        let (number, track) = (first.number().clone(), first.spec().track);
        let record = |issues: Vec<Certificate>| {
            QualificationRecord::new(number.clone(), track, issues, None).expect("a valid record")
        };
        let issued_at = instant("2026-06-01T10:00:00+09:00");
        let request = reissue_request(&first, issued_at);
        let decision = decide_reissue(&record(vec![first.clone()]), &request, issued_at, rules())
            .expect("a reissue of the record's document");
        let allocation = Allocation {
            number: first.number().clone(),
            management_number: ManagementNumber::compose(issued_at, 1, 43).expect("a number"),
            inner_page_number: None,
            issued_at,
        };
        let second = Certificate::reissue(&first, &request, &decision, allocation)
            .expect("an issuable reissue");
        record(vec![first, second])
    })
}

fn reissue_request(previous: &Certificate, at: DateTime<FixedOffset>) -> ReissueRequest {
    ReissueRequest {
        previous: previous.management_number().clone(),
        reason: ReissueReason::Lost,
        form: CertificateForm::Certificate,
        new_holder_name: None,
        issue_date: korean_date(at),
    }
}

/// The query that names `certificate` by its number, issue day and management number.
fn query_for(certificate: &Certificate) -> VerificationQuery {
    VerificationQuery {
        number: certificate.number().clone(),
        issue_date: certificate.issue_date(),
        document: DocumentRef::ManagementNumber(certificate.management_number().clone()),
    }
}

/// The fuzzer's JSON read as a `T` alone, and merged into `example`.
fn readings<T: Serialize + DeserializeOwned>(example: &T, patch: &Value) -> Vec<T> {
    let mut merged = serde_json::to_value(example).expect("a record writes as JSON");
    merge_patch::merge(&mut merged, patch);
    [patch.clone(), merged]
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect()
}

fn certificate(c: &Certificate) {
    let rules = rules();
    let at = c.spec().issued_at;
    let _ = CertificateView::new(c, rules);
    // A record of this document alone (a reissue's is refused: its predecessor is missing).
    let Ok(record) =
        QualificationRecord::new(c.number().clone(), c.spec().track, vec![c.clone()], None)
    else {
        assert!(c.spec().supersedes.is_some());
        return;
    };
    let query = query_for(c);
    assert_eq!(
        verify(&query, Some(&record), at, rules).status,
        VerificationStatus::Valid
    );
    assert_eq!(
        verify(&query, None, at, rules),
        VerificationAnswer::no_match()
    );
    if let Some(next_day) = query.issue_date.succ_opt() {
        let wrong_day = VerificationQuery {
            issue_date: next_day,
            ..query.clone()
        };
        assert_eq!(
            verify(&wrong_day, Some(&record), at, rules),
            VerificationAnswer::no_match()
        );
    }
    assert_eq!(record.document_in_force(at), Some(c));
    assert!(check_confirmation(&record, at).is_empty());
    // Its credential, valid from its issue, verifies.
    let key = SigningKey::from_bytes(&[7; 32]);
    let spec = CredentialSpec {
        id: None,
        issuer: Issuer::example(&key.verifying_key()),
        valid_from: at,
        status: None,
    };
    let vc = issue_credential(c, &spec, &key).expect("a certificate's instant is supported");
    assert_eq!(
        verify_credential(&vc.to_string(), &key.verifying_key()),
        Verdict::Valid
    );
}

fn record(r: &QualificationRecord) {
    let rules = rules();
    let Some(last) = r.issues().iter().map(|c| c.spec().issued_at).max() else {
        return;
    };
    for c in r.issues() {
        let answer = verify(&query_for(c), Some(r), last, rules);
        let expected = if r.revoked_at(last).is_some() {
            VerificationStatus::Revoked
        } else if r.superseded_by(c.management_number(), last).is_some() {
            VerificationStatus::Superseded
        } else {
            VerificationStatus::Valid
        };
        assert_eq!(answer.status, expected);
        let d = decide_reissue(r, &reissue_request(c, last), last, rules)
            .expect("a document of the record");
        assert_eq!(d.issuable, d.reasons.is_empty());
    }
    let _ = (r.document_in_force(last), check_confirmation(r, last));
    let request = RevocationRequest {
        at: last,
        reason: RevocationReason::Fraud,
        hearing_held_on: Some(korean_date(last)),
        note: None,
    };
    let d = decide_revocation(r, &agency(), &request, rules);
    assert_eq!(d.allowed, d.reasons.is_empty());
    assert_eq!(d.allowed, r.revocation().is_none());
}

fn issue(request: &IssueRequest) {
    let rules = rules();
    let Ok(d) = decide_issue(request, rules) else {
        return;
    };
    assert_eq!(d.issuable, d.reasons.is_empty());
    assert_eq!(d.issue_key.is_some(), d.issuable);
    let Some(at) = request
        .issue_date
        .and_hms_opt(10, 30, 0)
        .and_then(|local| local.and_local_timezone(cqnet_core::window::kst()).single())
    else {
        return;
    };
    let (Some(pass_date), Ok(management_number)) = (
        request.pass.status.pass_date(),
        ManagementNumber::compose(at, 1, 1),
    ) else {
        return;
    };
    let Ok(number) = cqnet_core::certificate::QualificationNumber::compose(pass_date, 1) else {
        return;
    };
    let allocation = Allocation {
        number,
        management_number,
        inner_page_number: None,
        issued_at: at,
    };
    if let Ok(c) = Certificate::issue(request, &d, allocation) {
        assert!(d.issuable);
        assert_eq!(c.issue_date(), request.issue_date);
        certificate(&c);
    }
}

fn reissue(request: &ReissueRequest) {
    let rules = rules();
    let r = example_record();
    let now = instant("2026-07-01T09:00:00+09:00");
    if let Ok(d) = decide_reissue(r, request, now, rules) {
        assert_eq!(d.issuable, d.reasons.is_empty());
    }
}

fn revocation(request: &RevocationRequest) {
    let rules = rules();
    let r = example_record();
    let d = decide_revocation(r, &agency(), request, rules);
    assert_eq!(d.allowed, d.reasons.is_empty());
    if let Some(revocation) = d.revocation {
        let revoked = QualificationRecord::new(
            r.number().clone(),
            r.issues()[0].spec().track,
            r.issues().to_vec(),
            Some(revocation),
        )
        .expect("a record takes its revocation");
        let last = &r.issues()[1];
        let at = request.at.max(last.spec().issued_at);
        assert_eq!(
            verify(&query_for(last), Some(&revoked), at, rules).status,
            VerificationStatus::Revoked
        );
        record(&revoked);
    }
}

fn confirmation(doc: &ConfirmationDocument) {
    let rules = rules();
    let secret = ConfirmationSecret::example();
    let query = ConfirmationQuery {
        number: doc.number.clone(),
        code: doc.check_code(&secret),
    };
    let at = doc.number.issued_at();
    let answer = verify_confirmation(&query, Some(doc), None, &secret, at, rules);
    assert_eq!(answer.status, VerificationStatus::Valid);
    assert_eq!(
        verify_confirmation(&query, None, None, &secret, at, rules),
        VerificationAnswer::no_match()
    );
}

fn confirmation_query(query: &ConfirmationQuery) {
    let rules = rules();
    let secret = ConfirmationSecret::example();
    let doc = ConfirmationDocument::example();
    let answer = verify_confirmation(
        query,
        Some(&doc),
        None,
        &secret,
        query.number.issued_at(),
        rules,
    );
    let genuine = query.number == doc.number && query.code == doc.check_code(&secret);
    assert_eq!(answer.status == VerificationStatus::Valid, genuine);
}

fuzz_target!(|data: &[u8]| {
    let Ok(patch) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let example = Certificate::example();
    for c in readings(&example, &patch) {
        certificate(&c);
    }
    for r in readings(example_record(), &patch) {
        record(&r);
    }
    for request in readings(&IssueRequest::example(), &patch) {
        issue(&request);
    }
    let later = instant("2026-07-01T09:00:00+09:00");
    for request in readings(&reissue_request(&example, later), &patch) {
        reissue(&request);
    }
    let cancel = RevocationRequest {
        at: later,
        reason: RevocationReason::Lending,
        hearing_held_on: Some(korean_date(later)),
        note: None,
    };
    for request in readings(&cancel, &patch) {
        revocation(&request);
    }
    for query in readings(&query_for(&example), &patch) {
        let answer = verify(&query, Some(example_record()), later, rules());
        assert!(answer.status == VerificationStatus::NoMatch || answer.disclosure.is_some());
        assert_eq!(
            verify(&query, None, later, rules()),
            VerificationAnswer::no_match()
        );
    }
    for doc in readings(&ConfirmationDocument::example(), &patch) {
        confirmation(&doc);
    }
    let code = ConfirmationDocument::example().check_code(&ConfirmationSecret::example());
    let asked = ConfirmationQuery {
        number: ConfirmationDocument::example().number,
        code,
    };
    for query in readings(&asked, &patch) {
        confirmation_query(&query);
    }
});
