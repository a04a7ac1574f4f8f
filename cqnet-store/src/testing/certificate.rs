//! The conformance cases of the certificates (feature `testing`): unique qualification,
//! management and confirmation numbers under a race of [`RACERS`] issuers, idempotent issuing
//! (the same pass twice gives the same certificate, also when the retries race), reissue
//! superseding the previous document, revocation with its history, the 90-day verification
//! period of confirmation documents, what is not found, and — through the
//! [`CertificateService`] — issuing from a finalised pass, 진위확인, confirmation documents,
//! credentials, reissue and cancellation.
//!
//! [`certificate_conformance_tests!`](crate::certificate_conformance_tests) and
//! [`async_certificate_conformance_tests!`](crate::async_certificate_conformance_tests) expand
//! to one `#[test]` per case:
//!
//! ```text
//! cqnet_store::certificate_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
//! cqnet_store::async_certificate_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
use crate::{Actor, CommandMeta, Role};

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use cqnet_core::access::{self, PartyId};
use cqnet_core::certificate::*;
use cqnet_core::rules::{RulePack, Rules};

use crate::blocking::CertificateService;
use crate::certificate::*;
use crate::exam::{ApplicationId, ExamResult, ExamStore, Marks};
use crate::testing::exam;
use crate::testing::key;
use crate::training::ServiceError;
use crate::unit_of_work::complete_now;
use crate::{AuditLog, Store, StoreError};
use cqnet_core::ReasonCode;

/// How many threads or tasks race to issue.
pub const RACERS: usize = 64;

/// The issue instant of the fixture's certificates: 2026-05-01 10:30 KST.
pub const ISSUED_AT: &str = "2026-05-01T10:30:00+09:00";

/// An instant as RFC 3339.
pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("an RFC 3339 instant")
}

/// The rules in force on `day`.
pub fn rules_on(day: &str) -> Rules {
    RulePack::embedded()
        .rules_at(day.parse().expect("a date"))
        .expect("rules in force")
}

/// The agency (한국산업인력공단), as a store command's actor.
pub fn agency() -> Actor {
    Actor::new("hrdk.certificates", Role::Agency).unwrap()
}

fn meta() -> CommandMeta {
    CommandMeta::new(agency(), at(ISSUED_AT).to_utc())
}

/// The request of candidate `n`'s 과정평가형 pass (passed on 2026-04-10), issued on 2026-05-01
/// in `form`.
pub fn request(n: usize, form: CertificateForm) -> IssueRequest {
    let mut r = IssueRequest::example();
    r.pass.candidate = PartyId::new(&format!("person-{n}")).unwrap();
    r.pass.holder = PrintedName::new(&format!("홍길동{n}")).unwrap();
    r.form = form;
    r
}

/// The store command of candidate `n`'s first issue at `issued_at`.
pub fn new_certificate(
    n: usize,
    form: CertificateForm,
    issued_at: &str,
    page: Option<&str>,
) -> NewCertificate {
    let mut r = request(n, form);
    r.issue_date = cqnet_core::window::korean_date(at(issued_at));
    let decision = decide_issue(&r, &rules_on("2026-05-01")).unwrap();
    assert!(decision.issuable, "{:?}", decision.reasons);
    NewCertificate::new(
        r,
        decision,
        1,
        at(issued_at),
        page.map(|p| InnerPageNumber::new(p).unwrap()),
    )
    .unwrap()
}

fn reissue_of(record: &QualificationRecord, previous: &Certificate, issued_at: &str) -> NewReissue {
    let day = cqnet_core::window::korean_date(at(issued_at));
    let request = ReissueRequest {
        previous: previous.management_number().clone(),
        reason: ReissueReason::Lost,
        form: CertificateForm::Certificate,
        new_holder_name: None,
        issue_date: day,
    };
    let rules = rules_on(&day.to_string());
    let decision = decide_reissue(record, &request, at(issued_at), &rules).unwrap();
    assert!(decision.issuable, "{:?}", decision.reasons);
    NewReissue::new(request, decision, 1, at(issued_at), None).unwrap()
}

fn query(c: &Certificate) -> VerificationQuery {
    VerificationQuery {
        number: c.number().clone(),
        issue_date: c.issue_date(),
        document: DocumentRef::ManagementNumber(c.management_number().clone()),
    }
}

fn verify_at<S: CertificateStore + ?Sized>(
    store: &S,
    c: &Certificate,
    now: &str,
) -> VerificationStatus {
    let record = store.record(c.number()).unwrap();
    verify(&query(c), record.as_ref(), at(now), &rules_on("2026-06-01")).status
}

/// A certificate comes back equal by number, management number, issue key and candidate; the
/// first serial and sequence are 1; unknown numbers are `None` or `NotFound`; the command is
/// audited.
pub fn certificate_round_trip<S: CertificateStore + AuditLog>(factory: &dyn Fn() -> S) {
    let store = factory();
    let new = new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None);
    let c = store.issue(&meta(), &key("i-0"), &new).unwrap();
    assert_eq!(
        (c.number().serial(), c.management_number().sequence()),
        (1, 1)
    );
    assert_eq!(
        c.number(),
        &QualificationNumber::compose("2026-04-10".parse().unwrap(), 1).unwrap()
    );
    assert_eq!(
        c.management_number(),
        &ManagementNumber::compose(at(ISSUED_AT), 1, 1).unwrap()
    );
    assert_eq!(c.spec().holder.as_str(), "홍길동0");
    let record = store.record(c.number()).unwrap().expect("a record");
    assert_eq!(record.issues(), std::slice::from_ref(&c));
    assert!(record.revocation().is_none());
    assert_eq!(store.certificate(c.management_number()).unwrap(), c);
    assert_eq!(
        store.certificate_for(new.issue_key()).unwrap().as_ref(),
        Some(&c)
    );
    let mine = store.records_of(&c.spec().candidate).unwrap();
    assert_eq!(mine, vec![record]);
    assert!(
        store
            .records_of(&PartyId::new("nobody").unwrap())
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        verify_at(&store, &c, "2026-06-01T00:00:00+09:00"),
        VerificationStatus::Valid
    );

    // what is not there
    let unknown = QualificationNumber::compose("2026-04-10".parse().unwrap(), 999).unwrap();
    assert_eq!(store.record(&unknown).unwrap(), None);
    assert!(matches!(
        store.certificate(&ManagementNumber::example()),
        Err(StoreError::NotFound { .. })
    ));
    let other = IssueKey::for_pass(&request(1, CertificateForm::Certificate).pass).unwrap();
    assert_eq!(store.certificate_for(&other).unwrap(), None);
    assert_eq!(
        store.confirmation(&ConfirmationNumber::example()).unwrap(),
        None
    );
    let audit = store.audit_entries(None, 1000).unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.command == "issue_certificate")
            .count(),
        1
    );
}

/// 64 issuers of 64 passes at the same minute: 64 certificates whose serials and management
/// sequences are exactly 1 to 64, every number distinct.
pub fn certificate_unique_allocation<S: CertificateStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let handles: Vec<_> = (0..RACERS)
        .map(|n| {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                let new = new_certificate(n, CertificateForm::Certificate, ISSUED_AT, None);
                store.issue(&meta(), &key(&format!("race-{n}")), &new)
            })
        })
        .collect();
    let issued: Vec<Certificate> = handles
        .into_iter()
        .map(|h| h.join().expect("issuer thread").expect("issued"))
        .collect();
    let serials: BTreeSet<u32> = issued.iter().map(|c| c.number().serial()).collect();
    let sequences: BTreeSet<u32> = issued
        .iter()
        .map(|c| c.management_number().sequence())
        .collect();
    let expected: BTreeSet<u32> = (1..=RACERS as u32).collect();
    assert_eq!(serials, expected, "serials are unique and contiguous");
    assert_eq!(sequences, expected, "management sequences too");
    for c in &issued {
        let record = store.record(c.number()).unwrap().expect("stored");
        assert_eq!(record.issues().len(), 1);
        assert_eq!(&record.issues()[0], c);
    }
    // a later pass gets the next serial: none was skipped or reused
    let next = store
        .issue(
            &meta(),
            &key("after"),
            &new_certificate(RACERS, CertificateForm::Card, ISSUED_AT, None),
        )
        .unwrap();
    assert_eq!(next.number().serial(), RACERS as u32 + 1);
}

/// The same pass issued twice, under the same or another idempotency key, gives the same
/// certificate and allocates nothing; the same key for another pass is a conflict; 64 racing
/// retries of one pass (with one key, and with 64 keys) store one certificate.
pub fn certificate_idempotent_issue<S: CertificateStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let new = new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None);
    let first = store.issue(&meta(), &key("k-0"), &new).unwrap();
    assert_eq!(store.issue(&meta(), &key("k-0"), &new).unwrap(), first);
    assert_eq!(store.issue(&meta(), &key("k-other"), &new).unwrap(), first);
    // the same pass asked for in another form, a minute later: still the same certificate
    let later = new_certificate(0, CertificateForm::Card, "2026-05-01T10:31:00+09:00", None);
    assert_eq!(store.issue(&meta(), &key("k-card"), &later).unwrap(), first);
    assert!(matches!(
        store.issue(
            &meta(),
            &key("k-0"),
            &new_certificate(1, CertificateForm::Certificate, ISSUED_AT, None)
        ),
        Err(StoreError::IdempotencyConflict { .. })
    ));

    let racing = new_certificate(1, CertificateForm::Certificate, ISSUED_AT, None);
    let spawn = |k: Box<dyn Fn(usize) -> String + Send + Sync>| {
        let k = Arc::new(k);
        (0..RACERS)
            .map(|i| {
                let (store, racing, k) = (Arc::clone(&store), racing.clone(), Arc::clone(&k));
                std::thread::spawn(move || store.issue(&meta(), &key(&k(i)), &racing))
            })
            .collect::<Vec<_>>()
    };
    for handles in [
        spawn(Box::new(|_| "same".to_owned())),
        spawn(Box::new(|i| format!("own-{i}"))),
    ] {
        let answers: Vec<Certificate> = handles
            .into_iter()
            .map(|h| h.join().expect("thread").expect("every retry succeeds"))
            .collect();
        assert!(answers.windows(2).all(|p| p[0] == p[1]));
        assert_eq!(answers[0].number().serial(), 2);
    }
    let candidate = &racing.request().pass.candidate;
    let records = store.records_of(candidate).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].issues().len(), 1);
    let third = store
        .issue(
            &meta(),
            &key("k-2"),
            &new_certificate(2, CertificateForm::Certificate, ISSUED_AT, None),
        )
        .unwrap();
    assert_eq!(
        third.number().serial(),
        3,
        "nothing was allocated by retries"
    );
    assert_eq!(third.management_number().sequence(), 3);
}

/// A reissue keeps the qualification number, takes a new management number and supersedes the
/// previous document, which verifies as superseded from the reissue's instant on; reissuing
/// the same document again (also by 64 racers) gives the same reissue; an unknown document is
/// `NotFound`.
pub fn certificate_reissue_supersedes<S: CertificateStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let first = store
        .issue(
            &meta(),
            &key("i"),
            &new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None),
        )
        .unwrap();
    let record = store.record(first.number()).unwrap().unwrap();
    const REISSUED_AT: &str = "2026-07-01T14:00:00+09:00";
    let new = reissue_of(&record, &first, REISSUED_AT);
    let handles: Vec<_> = (0..RACERS)
        .map(|i| {
            let (store, new) = (Arc::clone(&store), new.clone());
            std::thread::spawn(move || store.reissue(&meta(), &key(&format!("re-{i}")), &new))
        })
        .collect();
    let answers: Vec<Certificate> = handles
        .into_iter()
        .map(|h| h.join().expect("thread").expect("reissued"))
        .collect();
    assert!(answers.windows(2).all(|p| p[0] == p[1]));
    let second = answers[0].clone();
    assert_eq!(second.number(), first.number());
    assert_ne!(second.management_number(), first.management_number());
    assert_eq!(
        second.management_number(),
        &ManagementNumber::compose(at(REISSUED_AT), 1, 1).unwrap(),
        "the reissue day's first document"
    );
    assert_eq!(
        second.spec().supersedes.as_ref(),
        Some(first.management_number())
    );
    let record = store.record(first.number()).unwrap().unwrap();
    assert_eq!(record.issues().len(), 2);
    assert_eq!(
        verify_at(&*store, &first, "2026-07-01T13:59:59+09:00"),
        VerificationStatus::Valid
    );
    assert_eq!(
        verify_at(&*store, &first, REISSUED_AT),
        VerificationStatus::Superseded
    );
    assert_eq!(
        verify_at(&*store, &second, REISSUED_AT),
        VerificationStatus::Valid
    );
    assert_eq!(
        store.certificate_for(new.issue_key()).unwrap(),
        Some(second.clone())
    );
    // a reissue of the reissue chains on
    let third = store
        .reissue(
            &meta(),
            &key("re-chain"),
            &reissue_of(&record, &second, "2026-08-01T09:00:00+09:00"),
        )
        .unwrap();
    assert_eq!(
        third.spec().supersedes.as_ref(),
        Some(second.management_number())
    );
    assert_eq!(
        store
            .record(first.number())
            .unwrap()
            .unwrap()
            .issues()
            .len(),
        3
    );

    // a document that was never issued
    let mut ghost = first.clone().into_spec_for_test();
    ghost.management_number = ManagementNumber::compose(at(ISSUED_AT), 9, 9).unwrap();
    let ghost = Certificate::new(ghost).unwrap();
    let ghost_record = QualificationRecord::new(
        ghost.number().clone(),
        ghost.spec().track,
        vec![ghost.clone()],
        None,
    )
    .unwrap();
    assert!(matches!(
        store.reissue(
            &meta(),
            &key("re-ghost"),
            &reissue_of(&ghost_record, &ghost, REISSUED_AT)
        ),
        Err(StoreError::NotFound { .. })
    ));
}

trait IntoSpec {
    fn into_spec_for_test(self) -> CertificateSpec;
}

impl IntoSpec for Certificate {
    fn into_spec_for_test(self) -> CertificateSpec {
        self.into()
    }
}

/// A cancellation verifies as revoked from its instant on, keeps who and why, keeps every
/// document; it is recorded once (a retry replays, another is `AlreadyExists`); an unknown
/// number is `NotFound`.
pub fn certificate_revocation<S: CertificateStore>(factory: &dyn Fn() -> S) {
    let store = factory();
    let c = store
        .issue(
            &meta(),
            &key("i"),
            &new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None),
        )
        .unwrap();
    let record = store.record(c.number()).unwrap().unwrap();
    let agency = access::Actor::Agency(PartyId::new("hrdk-legal-3").unwrap());
    let request = RevocationRequest {
        at: at("2026-09-01T09:00:00+09:00"),
        reason: RevocationReason::Lending,
        hearing_held_on: Some("2026-08-20".parse().unwrap()),
        note: Some("2026-취소-0012".into()),
    };
    let rules = cqnet_core::rules::RulePack::embedded().newest();
    let decision = decide_revocation(&record, &agency, &request, &rules);
    assert!(decision.allowed);
    let new = NewRevocation {
        number: c.number().clone(),
        revocation: decision.revocation.clone().unwrap(),
    };
    let revoked = store.revoke(&meta(), &key("rv"), &new).unwrap();
    assert_eq!(store.revoke(&meta(), &key("rv"), &new).unwrap(), revoked);
    let kept = revoked.revocation().expect("kept");
    assert_eq!(kept.by, agency);
    assert_eq!(kept.reason, RevocationReason::Lending);
    assert_eq!(kept.note.as_deref(), Some("2026-취소-0012"));
    assert_eq!(revoked.issues(), std::slice::from_ref(&c));
    assert_eq!(store.record(c.number()).unwrap().as_ref(), Some(&revoked));
    assert_eq!(
        verify_at(&store, &c, "2026-09-01T08:59:59+09:00"),
        VerificationStatus::Valid
    );
    assert_eq!(
        verify_at(&store, &c, "2026-09-01T09:00:00+09:00"),
        VerificationStatus::Revoked
    );
    assert!(matches!(
        store.revoke(&meta(), &key("rv-again"), &new),
        Err(StoreError::AlreadyExists { .. })
    ));
    let unknown = NewRevocation {
        number: QualificationNumber::compose("2026-04-10".parse().unwrap(), 777).unwrap(),
        revocation: decision.revocation.unwrap(),
    };
    assert!(matches!(
        store.revoke(&meta(), &key("rv-unknown"), &unknown),
        Err(StoreError::NotFound { .. })
    ));
}

fn new_confirmation(c: &Certificate, issued_at: &str) -> NewConfirmation {
    NewConfirmation {
        qualification_number: c.number().clone(),
        holder: c.spec().holder.clone(),
        qualification_name: PrintedName::new(c.spec().content.qualification_name()).unwrap(),
        pass_date: c.spec().pass_date,
        issued_at: at(issued_at),
    }
}

/// 64 confirmation documents asked for in the same second get distinct numbers with sequences
/// 1 to 64; a document verifies by number and check code for 90 days after its issue day and
/// then answers as a number never issued; a retry replays; an unknown qualification is
/// `NotFound`.
pub fn certificate_confirmations<S: CertificateStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let c = store
        .issue(
            &meta(),
            &key("i"),
            &new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None),
        )
        .unwrap();
    const CONFIRMED_AT: &str = "2026-06-01T09:30:00+09:00";
    let handles: Vec<_> = (0..RACERS)
        .map(|i| {
            let (store, new) = (Arc::clone(&store), new_confirmation(&c, CONFIRMED_AT));
            std::thread::spawn(move || {
                store.issue_confirmation(&meta(), &key(&format!("cf-{i}")), &new)
            })
        })
        .collect();
    let docs: Vec<ConfirmationDocument> = handles
        .into_iter()
        .map(|h| h.join().expect("thread").expect("issued"))
        .collect();
    let sequences: BTreeSet<u32> = docs.iter().map(|d| d.number.sequence()).collect();
    assert_eq!(sequences, (1..=RACERS as u32).collect::<BTreeSet<_>>());
    assert!(
        docs.iter()
            .all(|d| d.number.as_str().starts_with("HRD-20260601093000-"))
    );
    let doc = &docs[0];
    assert_eq!(
        store
            .issue_confirmation(&meta(), &key("cf-0"), &new_confirmation(&c, CONFIRMED_AT))
            .unwrap(),
        *doc,
        "a retry replays"
    );
    assert_eq!(store.confirmation(&doc.number).unwrap().as_ref(), Some(doc));
    let rules = rules_on("2026-06-01");
    let found = store.confirmation(&doc.number).unwrap();
    let secret = ConfirmationSecret::example();
    let query = ConfirmationQuery {
        number: doc.number.clone(),
        code: doc.check_code(&secret),
    };
    let check =
        |now: &str| verify_confirmation(&query, found.as_ref(), None, &secret, at(now), &rules);
    assert_eq!(
        check("2026-08-30T23:59:59+09:00").status,
        VerificationStatus::Valid
    );
    // past its period, a real document answers as one never issued
    let never = ConfirmationQuery {
        number: ConfirmationNumber::compose(doc.number.issued_at(), RACERS as u32 + 1).unwrap(),
        code: query.code.clone(),
    };
    assert_eq!(store.confirmation(&never.number).unwrap(), None);
    assert_eq!(
        check("2026-08-31T00:00:00+09:00"),
        verify_confirmation(
            &never,
            None,
            None,
            &secret,
            at("2026-08-31T00:00:00+09:00"),
            &rules
        )
    );
    assert_eq!(
        check("2026-08-31T00:00:00+09:00"),
        VerificationAnswer::no_match()
    );
    // the next day starts its own sequence
    let next_day = store
        .issue_confirmation(
            &meta(),
            &key("cf-next"),
            &new_confirmation(&c, "2026-06-02T00:00:01+09:00"),
        )
        .unwrap();
    assert_eq!(next_day.number.as_str(), "HRD-20260602000001-00001");
    let mut unknown = new_confirmation(&c, CONFIRMED_AT);
    unknown.qualification_number =
        QualificationNumber::compose("2026-04-10".parse().unwrap(), 4242).unwrap();
    assert!(matches!(
        store.issue_confirmation(&meta(), &key("cf-unknown"), &unknown),
        Err(StoreError::NotFound { .. })
    ));
}

/// A notebook's inner-page number is used once; a notebook verifies by it.
pub fn certificate_inner_pages<S: CertificateStore>(factory: &dyn Fn() -> S) {
    let store = factory();
    let c = store
        .issue(
            &meta(),
            &key("nb-0"),
            &new_certificate(0, CertificateForm::Notebook, ISSUED_AT, Some("A1234567")),
        )
        .unwrap();
    assert_eq!(
        c.spec()
            .inner_page_number
            .as_ref()
            .map(InnerPageNumber::as_str),
        Some("A1234567")
    );
    assert!(matches!(
        store.issue(
            &meta(),
            &key("nb-1"),
            &new_certificate(1, CertificateForm::Notebook, ISSUED_AT, Some("A1234567"))
        ),
        Err(StoreError::AlreadyExists { .. })
    ));
    // the refused issue allocated nothing
    let next = store
        .issue(
            &meta(),
            &key("nb-2"),
            &new_certificate(1, CertificateForm::Notebook, ISSUED_AT, Some("A1234568")),
        )
        .unwrap();
    assert_eq!(next.number().serial(), 2);
    let by_page = VerificationQuery {
        number: c.number().clone(),
        issue_date: c.issue_date(),
        document: DocumentRef::InnerPage(InnerPageNumber::new("A1234567").unwrap()),
    };
    let record = store.record(c.number()).unwrap();
    let now = at("2026-06-01T00:00:00+09:00");
    assert_eq!(
        verify(&by_page, record.as_ref(), now, &rules_on("2026-06-01")).status,
        VerificationStatus::Valid
    );
    let wrong_page = VerificationQuery {
        document: DocumentRef::InnerPage(InnerPageNumber::new("A1234568").unwrap()),
        ..by_page
    };
    assert_eq!(
        verify(&wrong_page, record.as_ref(), now, &rules_on("2026-06-01")),
        VerificationAnswer::no_match()
    );
}

/// A store that records every read made of it, in order, to show that every path of an
/// authenticity check reads alike.
struct Recording<'a, S: ?Sized> {
    inner: &'a S,
    reads: std::sync::Mutex<Vec<&'static str>>,
}

impl<'a, S: CertificateStore + ?Sized> Recording<'a, S> {
    fn new(inner: &'a S) -> Self {
        Recording {
            inner,
            reads: std::sync::Mutex::new(Vec::new()),
        }
    }

    fn note(&self, read: &'static str) {
        self.reads.lock().expect("the record of reads").push(read);
    }

    /// The reads made since the last call.
    fn take(&self) -> Vec<&'static str> {
        std::mem::take(&mut *self.reads.lock().expect("the record of reads"))
    }
}

impl<S: CertificateStore + ?Sized> crate::certificate::AsyncCertificateStore for Recording<'_, S> {
    async fn issue(
        &self,
        meta: &CommandMeta,
        key: &crate::IdempotencyKey,
        new: &NewCertificate,
    ) -> crate::StoreResult<Certificate> {
        self.note("issue");
        self.inner.issue(meta, key, new)
    }
    async fn reissue(
        &self,
        meta: &CommandMeta,
        key: &crate::IdempotencyKey,
        new: &NewReissue,
    ) -> crate::StoreResult<Certificate> {
        self.note("reissue");
        self.inner.reissue(meta, key, new)
    }
    async fn revoke(
        &self,
        meta: &CommandMeta,
        key: &crate::IdempotencyKey,
        new: &NewRevocation,
    ) -> crate::StoreResult<QualificationRecord> {
        self.note("revoke");
        self.inner.revoke(meta, key, new)
    }
    async fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &crate::IdempotencyKey,
        new: &NewConfirmation,
    ) -> crate::StoreResult<ConfirmationDocument> {
        self.note("issue_confirmation");
        self.inner.issue_confirmation(meta, key, new)
    }
    async fn record(
        &self,
        number: &QualificationNumber,
    ) -> crate::StoreResult<Option<QualificationRecord>> {
        self.note("record");
        self.inner.record(number)
    }
    async fn certificate(&self, m: &ManagementNumber) -> crate::StoreResult<Certificate> {
        self.note("certificate");
        self.inner.certificate(m)
    }
    async fn certificate_for(&self, key: &IssueKey) -> crate::StoreResult<Option<Certificate>> {
        self.note("certificate_for");
        self.inner.certificate_for(key)
    }
    async fn records_of(
        &self,
        candidate: &PartyId,
    ) -> crate::StoreResult<Vec<QualificationRecord>> {
        self.note("records_of");
        self.inner.records_of(candidate)
    }
    async fn confirmation(
        &self,
        number: &ConfirmationNumber,
    ) -> crate::StoreResult<Option<ConfirmationDocument>> {
        self.note("confirmation");
        self.inner.confirmation(number)
    }
}

/// Every path of an authenticity check does the same store reads, in the same order: for a
/// certificate a match, a wrong issue date, a wrong management number, a number never issued,
/// a superseded and a revoked document (one record read each); for a confirmation document a
/// match, a wrong check code, a number never issued, a document past its period and one of a
/// cancelled qualification (the document, then a record). The failing paths answer alike. The
/// core's share (the same comparisons on every path) is asserted in its own tests; the
/// adapters' (an unknown number read as long as a known one) by their `decoy` reads.
pub fn certificate_checks_do_the_same_work<S: CertificateStore>(factory: &dyn Fn() -> S) {
    use crate::certificate::authenticity::{verify_confirmation_on, verify_on};
    let inner = factory();
    let store = Recording::new(&inner);
    let c = inner
        .issue(
            &meta(),
            &key("i"),
            &new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None),
        )
        .unwrap();
    let doc = inner
        .issue_confirmation(
            &meta(),
            &key("cf"),
            &new_confirmation(&c, "2026-06-01T09:30:00+09:00"),
        )
        .unwrap();
    store.take();
    let now = at("2026-06-02T00:00:00+09:00");
    let rules = rules_on("2026-06-02");
    let secret = ConfirmationSecret::example();

    let good = query(&c);
    let certificate_paths = [
        good.clone(),
        VerificationQuery {
            issue_date: c.issue_date().succ_opt().unwrap(),
            ..good.clone()
        },
        VerificationQuery {
            document: DocumentRef::ManagementNumber(
                ManagementNumber::compose(c.spec().issued_at, 1, 99).unwrap(),
            ),
            ..good.clone()
        },
        VerificationQuery {
            number: QualificationNumber::compose(c.spec().pass_date, 999).unwrap(),
            ..good.clone()
        },
    ];
    let mut answers = Vec::new();
    let mut reads = Vec::new();
    for q in &certificate_paths {
        answers.push(
            complete_now(verify_on(&store, q, now, &rules))
                .unwrap()
                .unwrap(),
        );
        reads.push(store.take());
    }
    assert_eq!(answers[0].status, VerificationStatus::Valid);
    assert!(
        answers[1..]
            .iter()
            .all(|a| a == &VerificationAnswer::no_match())
    );

    let real = ConfirmationQuery {
        number: doc.number.clone(),
        code: doc.check_code(&secret),
    };
    let confirmation_paths = [
        (real.clone(), now),
        (
            ConfirmationQuery {
                code: ConfirmationCode::example(),
                ..real.clone()
            },
            now,
        ),
        (
            ConfirmationQuery {
                number: ConfirmationNumber::compose(doc.number.issued_at(), 2).unwrap(),
                ..real.clone()
            },
            now,
        ),
        (real.clone(), at("2026-12-01T00:00:00+09:00")),
    ];
    let mut confirmation_answers = Vec::new();
    let mut confirmation_reads = Vec::new();
    for (q, when) in &confirmation_paths {
        let rules = rules_on("2026-06-01");
        confirmation_answers.push(
            complete_now(verify_confirmation_on(&store, q, &secret, *when, &rules))
                .unwrap()
                .unwrap(),
        );
        confirmation_reads.push(store.take());
    }
    assert_eq!(confirmation_answers[0].status, VerificationStatus::Valid);
    assert!(
        confirmation_answers[1..]
            .iter()
            .all(|a| a == &VerificationAnswer::no_match())
    );

    // superseded, then revoked
    let record = inner.record(c.number()).unwrap().unwrap();
    let later = "2026-07-01T14:00:00+09:00";
    inner
        .reissue(&meta(), &key("re"), &reissue_of(&record, &c, later))
        .unwrap();
    store.take();
    let superseded = complete_now(verify_on(&store, &good, at(later), &rules))
        .unwrap()
        .unwrap();
    assert_eq!(superseded.status, VerificationStatus::Superseded);
    reads.push(store.take());
    let record = inner.record(c.number()).unwrap().unwrap();
    let request = RevocationRequest {
        at: at("2026-07-02T09:00:00+09:00"),
        reason: RevocationReason::Fraud,
        hearing_held_on: Some("2026-07-01".parse().unwrap()),
        note: None,
    };
    let agency = access::Actor::Agency(PartyId::new("hrdk-legal-3").unwrap());
    let decision = decide_revocation(&record, &agency, &request, &rules);
    inner
        .revoke(
            &meta(),
            &key("rv"),
            &NewRevocation {
                number: c.number().clone(),
                revocation: decision.revocation.unwrap(),
            },
        )
        .unwrap();
    store.take();
    let after = at("2026-07-03T00:00:00+09:00");
    assert_eq!(
        complete_now(verify_on(&store, &good, after, &rules))
            .unwrap()
            .unwrap()
            .status,
        VerificationStatus::Revoked
    );
    reads.push(store.take());
    let revoked = complete_now(verify_confirmation_on(
        &store,
        &real,
        &secret,
        after,
        &rules_on("2026-06-01"),
    ))
    .unwrap()
    .unwrap();
    assert_eq!(revoked.status, VerificationStatus::Revoked);
    confirmation_reads.push(store.take());

    assert_eq!(reads[0], vec!["record"]);
    assert!(reads.iter().all(|r| r == &reads[0]), "{reads:?}");
    assert_eq!(confirmation_reads[0], vec!["confirmation", "record"]);
    assert!(
        confirmation_reads
            .iter()
            .all(|r| r == &confirmation_reads[0]),
        "{confirmation_reads:?}"
    );
}

/// 64 tasks issue 64 passes through the async twin: unique serials 1 to 64; retries of one
/// pass give one certificate.
pub async fn async_certificate_race<S: AsyncCertificateStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let mut tasks = Vec::new();
    for n in 0..RACERS {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            let new = new_certificate(n, CertificateForm::Certificate, ISSUED_AT, None);
            store.issue(&meta(), &key(&format!("a-{n}")), &new).await
        }));
    }
    let mut serials = BTreeSet::new();
    for t in tasks {
        serials.insert(t.await.expect("task").expect("issued").number().serial());
    }
    assert_eq!(serials, (1..=RACERS as u32).collect::<BTreeSet<_>>());
    let again = new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None);
    let first = store
        .certificate_for(again.issue_key())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store.issue(&meta(), &key("a-again"), &again).await.unwrap(),
        first
    );
    let record = store.record(first.number()).await.unwrap().unwrap();
    assert_eq!(record.issues().len(), 1);
    assert!(
        store
            .confirmation(&ConfirmationNumber::example())
            .await
            .unwrap()
            .is_none()
    );
}

/// Through the async twin, as the service relies on it: a reissue under a used key with
/// another payload is `IdempotencyConflict`, also when sent as a [`NewReissue::retry`] of a
/// refused reissue; the retry of the same payload gives the first reissue; nothing new is
/// stored.
pub async fn async_certificate_key_reuse<S: AsyncCertificateStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let first = store
        .issue(
            &meta(),
            &key("i"),
            &new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None),
        )
        .await
        .unwrap();
    let record = store.record(first.number()).await.unwrap().unwrap();
    const REISSUED_AT: &str = "2026-07-01T14:00:00+09:00";
    let renamed = |name: &str| ReissueRequest {
        previous: first.management_number().clone(),
        reason: ReissueReason::DetailsChanged,
        form: CertificateForm::Certificate,
        new_holder_name: Some(PrintedName::new(name).unwrap()),
        issue_date: "2026-07-01".parse().unwrap(),
    };
    let rules = rules_on("2026-07-01");
    let decision = decide_reissue(&record, &renamed("김새이름"), at(REISSUED_AT), &rules).unwrap();
    let new = NewReissue::new(renamed("김새이름"), decision, 1, at(REISSUED_AT), None).unwrap();
    let second = store.reissue(&meta(), &key("re"), &new).await.unwrap();
    let record = store.record(first.number()).await.unwrap().unwrap();
    let retry_of = |request: ReissueRequest| {
        let refused = decide_reissue(&record, &request, at(REISSUED_AT), &rules).unwrap();
        assert!(!refused.issuable, "the document is superseded now");
        NewReissue::retry(request, refused, 1, at(REISSUED_AT), None).unwrap()
    };
    assert_eq!(
        store
            .reissue(&meta(), &key("re"), &retry_of(renamed("김새이름")))
            .await
            .unwrap(),
        second
    );
    assert!(matches!(
        store
            .reissue(&meta(), &key("re"), &retry_of(renamed("박다른이름")))
            .await,
        Err(StoreError::IdempotencyConflict { .. })
    ));
    assert_eq!(
        store
            .record(first.number())
            .await
            .unwrap()
            .unwrap()
            .issues()
            .len(),
        2
    );
}

/// Through the async twin, the reads a confirmation check makes (the document, then the
/// record of its qualification) and the core's check: a document verifies with its check code
/// only; no guess at the numbers of its minute finds it; past its period it answers exactly as
/// a number never issued.
pub async fn async_certificate_confirmation_codes<S: AsyncCertificateStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let c = store
        .issue(
            &meta(),
            &key("i"),
            &new_certificate(0, CertificateForm::Certificate, ISSUED_AT, None),
        )
        .await
        .unwrap();
    const CONFIRMED_AT: &str = "2026-06-01T09:30:00+09:00";
    let doc = store
        .issue_confirmation(&meta(), &key("cf"), &new_confirmation(&c, CONFIRMED_AT))
        .await
        .unwrap();
    let secret = ConfirmationSecret::example();
    let rules = rules_on("2026-06-01");
    let check = async |query: &ConfirmationQuery, now: &str| {
        let found = store.confirmation(&query.number).await.unwrap();
        let record = match &found {
            Some(d) => store.record(&d.qualification_number).await.unwrap(),
            None => None,
        };
        let revocation = record.as_ref().and_then(QualificationRecord::revocation);
        verify_confirmation(query, found.as_ref(), revocation, &secret, at(now), &rules)
    };
    let real = ConfirmationQuery {
        number: doc.number.clone(),
        code: doc.check_code(&secret),
    };
    assert_eq!(
        check(&real, "2026-07-01T00:00:00+09:00").await.status,
        VerificationStatus::Valid
    );
    let start = at("2026-06-01T09:30:00+09:00");
    for second in 0..60 {
        for sequence in 1..=3 {
            let guess = ConfirmationQuery {
                number: ConfirmationNumber::compose(
                    start + chrono::Duration::seconds(second),
                    sequence,
                )
                .unwrap(),
                code: ConfirmationCode::example(),
            };
            assert_eq!(
                check(&guess, "2026-07-01T00:00:00+09:00").await,
                VerificationAnswer::no_match()
            );
        }
    }
    let never_issued = ConfirmationQuery {
        number: ConfirmationNumber::compose(start, 2).unwrap(),
        code: real.code.clone(),
    };
    let expired = check(&real, "2026-12-01T00:00:00+09:00").await;
    assert_eq!(
        expired,
        check(&never_issued, "2026-12-01T00:00:00+09:00").await
    );
    assert_eq!(expired, VerificationAnswer::no_match());
}

/// Three candidates of the exam fixture apply; the first passes, the
/// second fails, the third's result is not finalised (all three with their training recorded). Returns their applications.
pub fn passes<S: Store + ExamStore>(store: &S) -> Vec<ApplicationId> {
    let ids = exam::setup(store, 3, &exam::round(&[5]));
    // they applied, so they were eligible: their training is on record
    for (i, e) in ids.iter().enumerate() {
        exam::complete_training(store, *e, i);
    }
    let meta = |a: Actor| CommandMeta::new(a, crate::testing::instant(exam::DURING_WINDOW));
    let score = |n: u32| cqnet_core::Score::new(n.into()).unwrap();
    let mut apps = Vec::new();
    for (i, e) in ids.iter().enumerate() {
        let a = store
            .apply(
                &meta(exam::candidate(*e)),
                &key(&format!("apply-{i}")),
                &exam::new_application(i as u128 + 1, *e, 0),
            )
            .unwrap()
            .value;
        let result = ExamResult {
            application: a.id,
            round: a.round.clone(),
            candidate: a.candidate,
            number: a.number.clone(),
            marks: Marks::CourseBased {
                written: score(90),
                practical: score(85),
            },
            passed: None,
            finalised: false,
        };
        let v = store
            .put_result(&meta(exam::evaluator()), &result, None)
            .unwrap();
        if i < 2 {
            store
                .finalise_result(&meta(exam::agency()), a.id, i == 0, v)
                .unwrap();
        }
        apps.push(a.id);
    }
    apps
}

fn conflict<T: std::fmt::Debug>(r: Result<T, ServiceError>, what: &str) {
    match r {
        Err(ServiceError::Store(StoreError::IdempotencyConflict { .. })) => {}
        other => panic!("{what}: expected IdempotencyConflict, got {other:?}"),
    }
}

fn refusal<T: std::fmt::Debug>(r: Result<T, ServiceError>) -> Vec<ReasonCode> {
    match r {
        Err(ServiceError::Refused { reasons }) => reasons.iter().map(|r| r.code).collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Through the service: the agency alone issues, only for a finalised and announced pass, from
/// the stored records (institution, period, hours attended, units); issuing twice gives the
/// same certificate; anyone verifies, and a wrong date or number answers alike; the holder
/// gets a confirmation document (verifiable 90 days) and a signed credential; a reissue
/// supersedes; a cancellation needs a hearing and makes everything verify as revoked.
pub fn certificate_service_flow<S: Store + ExamStore + CertificateStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let apps = passes(&store);
    let holder = exam::candidate(store.application(apps[0]).unwrap().value.candidate);
    let stranger = exam::candidate(store.application(apps[1]).unwrap().value.candidate);
    let agency = exam::agency();
    let clock = crate::ManualClock::new(crate::testing::instant(exam::BEFORE_ANNOUNCEMENT));
    let service = CertificateService::new(store, clock.clone())
        .with_confirmation_secret(ConfirmationSecret::example());
    let form = CertificateForm::Certificate;

    // before the announcement the pass is not final
    assert_eq!(
        refusal(service.issue(&agency, &key("s-0"), apps[0], form, None)),
        vec![ReasonCode::PassNotFinalised]
    );
    clock.set(crate::testing::instant("2026-10-05T01:00:00Z")); // 10:00 KST
    assert_eq!(
        refusal(service.issue(&holder, &key("s-1"), apps[0], form, None)),
        vec![ReasonCode::NotPermitted]
    );
    assert_eq!(
        refusal(service.issue(&agency, &key("s-2"), apps[1], form, None)),
        vec![ReasonCode::NotPassed]
    );
    assert_eq!(
        refusal(service.issue(&agency, &key("s-3"), apps[2], form, None)),
        vec![ReasonCode::PassNotFinalised]
    );
    let audit = service.store().audit_entries(None, 10_000).unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.command == "issue_certificate" && a.outcome.contains("not_permitted"))
    );
    let c = service
        .issue(&agency, &key("s-4"), apps[0], form, None)
        .unwrap();
    let spec = c.spec();
    assert_eq!(
        spec.pass_date.to_string(),
        "2026-10-02",
        "the announcement day"
    );
    assert_eq!(spec.holder.as_str(), "훈련생0");
    let CertificateContent::CourseBased(course) = &spec.content else {
        panic!("a course-based certificate");
    };
    assert_eq!(course.institution().as_str(), "한국기술교육원");
    assert_eq!(
        course.completed_hours(),
        cqnet_core::Hours::whole(80).unwrap()
    );
    assert_eq!(course.training_period().first().to_string(), "2026-03-02");
    assert_eq!(course.units().len(), 2);
    assert_eq!(
        course.qualification_name().as_str(),
        "컴퓨터응용가공산업기사"
    );
    assert_eq!(
        service
            .issue(&agency, &key("s-5"), apps[0], CertificateForm::Card, None)
            .unwrap(),
        c,
        "the same pass gives the same certificate"
    );

    // 진위확인: anyone; wrong date and wrong number look alike
    let q = query(&c);
    let answer = service.verify(&q).unwrap();
    assert_eq!(answer.status, VerificationStatus::Valid);
    assert_eq!(answer.disclosure.unwrap().holder_name.as_str(), "훈련생0");
    let wrong_day = VerificationQuery {
        issue_date: c.issue_date().succ_opt().unwrap(),
        ..q.clone()
    };
    let wrong_number = VerificationQuery {
        number: QualificationNumber::compose(spec.pass_date, c.number().serial() + 1).unwrap(),
        ..q.clone()
    };
    let a = service.verify(&wrong_day).unwrap();
    assert_eq!(a, service.verify(&wrong_number).unwrap());
    assert_eq!(a, VerificationAnswer::no_match());

    // the holder's confirmation document and credential
    assert_eq!(
        refusal(service.issue_confirmation(&stranger, &key("cf-x"), c.number())),
        vec![ReasonCode::NotOwnRecord]
    );
    let issued = service
        .issue_confirmation(&holder, &key("cf-1"), c.number())
        .unwrap();
    assert_eq!(issued.document.holder, spec.holder);
    assert_eq!(
        issued.check_code,
        issued.document.check_code(&ConfirmationSecret::example())
    );
    let doc = ConfirmationQuery {
        number: issued.document.number.clone(),
        code: issued.check_code.clone(),
    };
    let shown = service.verify_confirmation(&doc).unwrap();
    assert_eq!(shown.status, VerificationStatus::Valid);
    assert_eq!(
        shown.disclosure.unwrap().holder_name,
        mask_name(&spec.holder)
    );
    let signer = cqnet_core::credential::SigningKey::from_bytes(&[9; 32]);
    let issuer = cqnet_core::credential::Issuer::example(&signer.verifying_key());
    let vc = service
        .export_credential(&holder, c.management_number(), &issuer, &signer, None)
        .unwrap();
    assert_eq!(
        cqnet_core::credential::verify_credential(&vc.to_string(), &signer.verifying_key()),
        cqnet_core::credential::Verdict::Valid
    );
    let mut forged = vc.clone();
    forged["credentialSubject"]["licenseNumber"] = "26000000002A".into();
    assert_eq!(
        cqnet_core::credential::verify_credential(&forged.to_string(), &signer.verifying_key()),
        cqnet_core::credential::Verdict::BadSignature
    );
    assert!(
        service
            .view(&holder, c.management_number())
            .unwrap()
            .licence
            .is_none()
    );
    // an evaluator may not see certificates; a stranger is refused alike for someone else's
    // document and for one that does not exist, so the answer tells nothing about existence
    assert_eq!(
        refusal(service.view(&exam::evaluator(), c.management_number())),
        vec![ReasonCode::NotPermitted]
    );
    let unknown = cqnet_core::certificate::ManagementNumber::example();
    assert_ne!(&unknown, c.management_number());
    assert_eq!(
        refusal(service.view(&stranger, &unknown)),
        refusal(service.view(&stranger, c.management_number()))
    );
    assert!(matches!(
        service.view(&agency, &unknown),
        Err(ServiceError::Store(crate::StoreError::NotFound { .. }))
    ));

    // 재발급 a month later
    clock.set(crate::testing::instant("2026-11-02T05:00:00Z"));
    let lost = crate::certificate::Reissue {
        previous: c.management_number().clone(),
        reason: ReissueReason::Lost,
        form,
        new_holder_name: None,
        inner_page_number: None,
    };
    let second = service.reissue(&agency, &key("re-1"), &lost).unwrap();
    assert_eq!(second.number(), c.number());
    assert_eq!(
        service.reissue(&agency, &key("re-1"), &lost).unwrap(),
        second,
        "a retry"
    );
    assert_eq!(
        refusal(service.reissue(&agency, &key("re-2"), &lost)),
        vec![ReasonCode::CertificateSuperseded]
    );
    assert_eq!(
        service.verify(&q).unwrap().status,
        VerificationStatus::Superseded
    );
    assert_eq!(
        refusal(service.export_credential(&holder, c.management_number(), &issuer, &signer, None)),
        vec![ReasonCode::CertificateSuperseded]
    );

    // 자격 취소
    let fraud = |hearing: Option<&str>| crate::certificate::Cancellation {
        reason: RevocationReason::Fraud,
        hearing_held_on: hearing.map(|d| d.parse().unwrap()),
        note: Some("2026-취소-0007".into()),
    };
    assert_eq!(
        refusal(service.revoke(&agency, &key("rv-0"), c.number(), &fraud(None))),
        vec![ReasonCode::HearingNotHeld]
    );
    assert_eq!(
        refusal(service.revoke(
            &holder,
            &key("rv-1"),
            c.number(),
            &fraud(Some("2026-10-30"))
        )),
        vec![ReasonCode::NotPermitted]
    );
    let revoked = service
        .revoke(
            &agency,
            &key("rv-2"),
            c.number(),
            &fraud(Some("2026-10-30")),
        )
        .unwrap();
    let kept = revoked.revocation().unwrap();
    assert_eq!(
        kept.by,
        access::Actor::Agency(PartyId::new("hrdk.admin").unwrap()),
        "the history says who"
    );
    assert_eq!(revoked.issues().len(), 2, "and keeps every document");
    assert_eq!(
        service
            .revoke(
                &agency,
                &key("rv-2"),
                c.number(),
                &fraud(Some("2026-10-30"))
            )
            .unwrap(),
        revoked,
        "a retry"
    );
    assert_eq!(
        refusal(service.revoke(
            &agency,
            &key("rv-3"),
            c.number(),
            &fraud(Some("2026-10-30"))
        )),
        vec![ReasonCode::QualificationRevoked]
    );
    assert_eq!(
        service.verify(&query(&second)).unwrap().status,
        VerificationStatus::Revoked
    );
    let revoked = service.verify_confirmation(&doc).unwrap();
    assert_eq!(revoked.status, VerificationStatus::Revoked);
    assert!(revoked.disclosure.is_none());
    assert_eq!(
        refusal(service.issue_confirmation(&holder, &key("cf-2"), c.number())),
        vec![ReasonCode::QualificationRevoked]
    );
    assert!(matches!(
        service.revoke(
            &agency,
            &key("rv-4"),
            c.number(),
            &crate::certificate::Cancellation {
                note: Some("\u{7}".into()),
                ..fraud(Some("2026-10-30"))
            }
        ),
        Err(ServiceError::Invalid {
            kind: crate::training::InvalidKind::RevocationNote,
            ..
        })
    ));
}

/// A service given no confirmation secret refuses to issue or check confirmation documents
/// (`InputError::Missing`), and issues nothing. With one, a document verifies by number and
/// check code for 90 days after its issue day; after that it answers exactly as a number never
/// issued.
pub fn certificate_service_confirmation_expiry<
    S: Store + ExamStore + CertificateStore + 'static,
>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let apps = passes(&store);
    let holder = exam::candidate(store.application(apps[0]).unwrap().value.candidate);
    let clock = crate::ManualClock::new(crate::testing::instant("2026-10-05T01:00:00Z"));
    let keyless = CertificateService::new(store, clock.clone());
    let c = keyless
        .issue(
            &exam::agency(),
            &key("i"),
            apps[0],
            CertificateForm::Certificate,
            None,
        )
        .unwrap();
    let missing = |r: Result<_, ServiceError>| {
        matches!(
            r,
            Err(ServiceError::Input(cqnet_core::InputError::Missing { what }))
                if what == crate::certificate::MISSING_CONFIRMATION_SECRET
        )
    };
    assert!(missing(
        keyless
            .issue_confirmation(&holder, &key("cf"), c.number())
            .map(|_| ())
    ));
    let probe = ConfirmationQuery {
        number: ConfirmationNumber::compose(at("2026-10-05T10:00:00+09:00"), 1).unwrap(),
        code: ConfirmationCode::example(),
    };
    assert!(missing(keyless.verify_confirmation(&probe).map(|_| ())));
    assert_eq!(
        keyless.store().confirmation(&probe.number).unwrap(),
        None,
        "nothing was issued without a secret"
    );

    let service = keyless.with_confirmation_secret(ConfirmationSecret::example());
    let issued = service
        .issue_confirmation(&holder, &key("cf"), c.number())
        .unwrap();
    assert_eq!(issued.document.number, probe.number, "the day's first");
    let real = ConfirmationQuery {
        number: issued.document.number.clone(),
        code: issued.check_code.clone(),
    };
    let never_issued = ConfirmationQuery {
        number: ConfirmationNumber::compose(issued.document.number.issued_at(), 99).unwrap(),
        code: issued.check_code.clone(),
    };
    // issued on 2026-10-05 (KST): verifiable through 2027-01-03
    clock.set(crate::testing::instant("2027-01-03T14:59:59Z"));
    assert_eq!(
        service.verify_confirmation(&real).unwrap().status,
        VerificationStatus::Valid
    );
    clock.set(crate::testing::instant("2027-01-03T15:00:00Z"));
    let expired = service.verify_confirmation(&real).unwrap();
    let unknown = service.verify_confirmation(&never_issued).unwrap();
    assert_eq!(
        expired, unknown,
        "an expired document and a number never issued"
    );
    assert_eq!(expired, VerificationAnswer::no_match());
    assert_eq!(
        serde_json::to_value(&expired).unwrap(),
        serde_json::to_value(&unknown).unwrap()
    );
}

/// Walking a day's numbers with the public check finds nothing without the check codes: three
/// documents issued that day (at 09:00:00, twice, and 13:27:41) stay hidden from 86,694
/// numbers — every second of the day with sequence 1, and the seconds they carry with every
/// sequence to 99, each asked with a well-formed code — while each of them verifies with its
/// printed code.
pub fn certificate_confirmation_walk<S: Store + ExamStore + CertificateStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let apps = passes(&store);
    let holder = exam::candidate(store.application(apps[0]).unwrap().value.candidate);
    let clock = crate::ManualClock::new(crate::testing::instant("2026-10-05T00:00:00Z"));
    let service = CertificateService::new(store, clock.clone())
        .with_confirmation_secret(ConfirmationSecret::example());
    let c = service
        .issue(
            &exam::agency(),
            &key("i"),
            apps[0],
            CertificateForm::Certificate,
            None,
        )
        .unwrap();
    let mut printed = Vec::new();
    for (i, instant) in [
        "2026-10-05T00:00:00Z",
        "2026-10-05T00:00:00Z",
        "2026-10-05T04:27:41Z",
    ]
    .iter()
    .enumerate()
    {
        clock.set(crate::testing::instant(instant));
        let issued = service
            .issue_confirmation(&holder, &key(&format!("cf-{i}")), c.number())
            .unwrap();
        printed.push(ConfirmationQuery {
            number: issued.document.number,
            code: issued.check_code,
        });
    }
    assert_eq!(
        printed
            .iter()
            .map(|q| q.number.sequence())
            .collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    clock.set(crate::testing::instant("2026-10-06T00:00:00Z"));
    for q in &printed {
        assert_eq!(
            service.verify_confirmation(q).unwrap().status,
            VerificationStatus::Valid,
            "{} verifies with its code",
            q.number
        );
    }
    // Every second of the day with the day's first sequence, and the seconds the documents
    // carry with every sequence to 99: every number of the day's documents is among them.
    let day = at("2026-10-05T00:00:00+09:00");
    let mut numbers: Vec<ConfirmationNumber> = (0..86_400)
        .map(|s| ConfirmationNumber::compose(day + chrono::Duration::seconds(s), 1).unwrap())
        .collect();
    for q in &printed {
        numbers.extend(
            (2..=99).map(|n| ConfirmationNumber::compose(q.number.issued_at(), n).unwrap()),
        );
    }
    assert!(printed.iter().all(|q| numbers.contains(&q.number)));
    let guess = ConfirmationCode::example();
    // Four walkers, as an attacker would run them: the store answers them concurrently.
    let found: usize = std::thread::scope(|scope| {
        let walkers: Vec<_> = numbers
            .chunks(numbers.len().div_ceil(4))
            .map(|chunk| {
                let (service, guess) = (&service, &guess);
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter(|number| {
                            let query = ConfirmationQuery {
                                number: (*number).clone(),
                                code: guess.clone(),
                            };
                            service.verify_confirmation(&query).unwrap()
                                != VerificationAnswer::no_match()
                        })
                        .count()
                })
            })
            .collect();
        walkers.into_iter().map(|w| w.join().expect("walker")).sum()
    });
    assert_eq!(found, 0, "no guess without the code finds a document");
}

/// Through the service, an idempotency key reused with another payload is a conflict, never
/// a silent answer: a reissue under a used key with another new name, a reissue of another
/// (already superseded) document under a used key, and a cancellation under a used key with
/// another note all answer `IdempotencyConflict`; the exact retries still give the first
/// answer, and the conflicting commands change nothing.
pub fn certificate_service_key_reuse<S: Store + ExamStore + CertificateStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let apps = passes(&store);
    let agency = exam::agency();
    let clock = crate::ManualClock::new(crate::testing::instant("2026-10-05T01:00:00Z"));
    let service = CertificateService::new(store, clock.clone());
    let form = CertificateForm::Certificate;
    let c = service
        .issue(&agency, &key("issue"), apps[0], form, None)
        .unwrap();
    clock.set(crate::testing::instant("2026-11-02T05:00:00Z"));
    let renamed = |name: &str| crate::certificate::Reissue {
        previous: c.management_number().clone(),
        reason: ReissueReason::DetailsChanged,
        form,
        new_holder_name: Some(PrintedName::new(name).unwrap()),
        inner_page_number: None,
    };
    let second = service
        .reissue(&agency, &key("rename"), &renamed("김새이름"))
        .unwrap();
    assert_eq!(second.spec().holder.as_str(), "김새이름");
    assert_eq!(
        service
            .reissue(&agency, &key("rename"), &renamed("김새이름"))
            .unwrap(),
        second,
        "the exact retry gives the first reissue"
    );
    conflict(
        service.reissue(&agency, &key("rename"), &renamed("박다른이름")),
        "the same key with another new name",
    );
    // a reissue of the reissue under another key; then the key of the first reissue, reused
    // for it, names another command
    clock.set(crate::testing::instant("2026-11-03T05:00:00Z"));
    let lost = crate::certificate::Reissue {
        previous: second.management_number().clone(),
        reason: ReissueReason::Lost,
        form,
        new_holder_name: None,
        inner_page_number: None,
    };
    let third = service.reissue(&agency, &key("lost"), &lost).unwrap();
    conflict(
        service.reissue(&agency, &key("rename"), &lost),
        "a key used for another document's reissue",
    );
    let record = service.store().record(c.number()).unwrap().unwrap();
    assert_eq!(
        record.issues().len(),
        3,
        "no conflicting command stored a document"
    );
    assert_eq!(
        record.document_in_force(at("2026-11-04T00:00:00+09:00")),
        Some(&third)
    );

    let cancellation = |note: &str| crate::certificate::Cancellation {
        reason: RevocationReason::Fraud,
        hearing_held_on: Some("2026-11-01".parse().unwrap()),
        note: Some(note.into()),
    };
    let revoked = service
        .revoke(&agency, &key("revoke"), c.number(), &cancellation("사건 1"))
        .unwrap();
    assert_eq!(
        service
            .revoke(&agency, &key("revoke"), c.number(), &cancellation("사건 1"))
            .unwrap(),
        revoked,
        "the exact retry gives the first record"
    );
    conflict(
        service.revoke(&agency, &key("revoke"), c.number(), &cancellation("사건 2")),
        "the same key with another note",
    );
    assert_eq!(
        service
            .store()
            .record(c.number())
            .unwrap()
            .unwrap()
            .revocation()
            .and_then(|r| r.note.as_deref()),
        Some("사건 1"),
        "the cancellation kept is the first"
    );
}

/// Expands to one `#[test]` per blocking certificate conformance case; `#[ignore = "why"]`
/// before the factory marks them ignored, as with
/// [`exam_conformance_tests!`](crate::exam_conformance_tests).
///
/// # Example
/// ```text
/// cqnet_store::certificate_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
/// ```
#[macro_export]
macro_rules! certificate_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::certificate_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::certificate_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        $crate::certificate_conformance_tests!(@cases [$($attr)*] $factory;
            certificate_round_trip, certificate_unique_allocation, certificate_idempotent_issue,
            certificate_reissue_supersedes, certificate_revocation, certificate_confirmations,
            certificate_inner_pages, certificate_service_flow,
            certificate_service_confirmation_expiry, certificate_confirmation_walk,
            certificate_service_key_reuse, certificate_checks_do_the_same_work);
        #[test]
        $($attr)*
        fn service_journey() {
            $crate::testing::journey::service_journey(&$factory);
        }
    };
    (@cases [$($attr:tt)*] $factory:expr; $case:ident $(, $rest:ident)*) => {
        #[test]
        $($attr)*
        fn $case() {
            $crate::testing::certificate::$case(&$factory);
        }
        $crate::certificate_conformance_tests!(@cases [$($attr)*] $factory; $($rest),*);
    };
    (@cases [$($attr:tt)*] $factory:expr;) => {};
}

/// Expands to one `#[test]` per async certificate conformance case.
///
/// # Example
/// ```text
/// cqnet_store::async_certificate_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
/// ```
#[macro_export]
macro_rules! async_certificate_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::async_certificate_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::async_certificate_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        #[test]
        $($attr)*
        fn async_certificate_race() {
            $crate::testing::block_on($crate::testing::certificate::async_certificate_race(&$factory));
        }
        #[test]
        $($attr)*
        fn async_certificate_key_reuse() {
            $crate::testing::block_on($crate::testing::certificate::async_certificate_key_reuse(&$factory));
        }
        #[test]
        $($attr)*
        fn async_certificate_confirmation_codes() {
            $crate::testing::block_on($crate::testing::certificate::async_certificate_confirmation_codes(&$factory));
        }
        #[test]
        $($attr)*
        fn async_service_journey() {
            $crate::testing::block_on($crate::testing::journey::async_service_journey(&$factory));
        }
    };
}
