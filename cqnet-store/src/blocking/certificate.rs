//! The blocking [`CertificateService`]: the async [`crate::certificate::CertificateService`]
//! over the store's [`Inline`] view, each method driven to its answer.

use cqnet_core::InputError;
use cqnet_core::certificate::{
    Certificate, CertificateContent, CertificateForm, CertificateView, ConfirmationQuery,
    ConfirmationSecret, InnerPageNumber, ManagementNumber, PassRecord, QualificationNumber,
    QualificationRecord, VerificationAnswer, VerificationQuery,
};
#[cfg(feature = "credentials")]
use cqnet_core::credential::{Issuer, SigningKey, StatusListEntry};
use cqnet_core::rules::RulePack;
#[cfg(feature = "credentials")]
use serde_json::Value;

use super::wait;
use crate::certificate::{self, Cancellation, CertificateStore, IssuedConfirmation, Reissue};
use crate::exam::{ApplicationId, ExamStore};
use crate::training::ServiceError;
use crate::work_study::{ContractId, WorkStudyStore};
use crate::{Actor, Clock, IdempotencyKey, Inline, Store};

/// Issues, reissues and cancels certificates, answers 진위확인, issues and checks confirmation
/// documents and exports signed credentials, over any blocking store, returning when done.
///
/// # Example
/// ```
/// use cqnet_store::blocking::CertificateService;
/// use cqnet_store::{FixedClock, Store, certificate::CertificateStore, exam::ExamStore};
/// fn service<S: Store + ExamStore + CertificateStore + 'static>(store: S) -> CertificateService<S, FixedClock> {
///     CertificateService::new(store, FixedClock::new("2026-09-01T09:00:00Z".parse().unwrap()))
/// }
/// ```
#[derive(Debug)]
pub struct CertificateService<S, C> {
    inner: certificate::CertificateService<Inline<S>, C>,
}

impl<S: Store + ExamStore + CertificateStore + 'static, C: Clock> CertificateService<S, C> {
    pub(super) fn wrap(inner: certificate::CertificateService<Inline<S>, C>) -> Self {
        CertificateService { inner }
    }

    /// A service over `store`, with the embedded rule pack and the default office.
    ///
    /// # Example
    /// See [`CertificateService`].
    pub fn new(store: S, clock: C) -> Self {
        Self::wrap(certificate::CertificateService::new(
            Inline::new(store),
            clock,
        ))
    }

    /// The same service with another rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_store::{FixedClock, Store, certificate::CertificateStore, exam::ExamStore};
    /// fn with_pack<S: Store + ExamStore + CertificateStore + 'static>(s: CertificateService<S, FixedClock>) -> CertificateService<S, FixedClock> {
    ///     s.with_rules(cqnet_core::rules::RulePack::embedded().clone())
    /// }
    /// ```
    pub fn with_rules(self, rules: RulePack) -> Self {
        Self::wrap(self.inner.with_rules(rules))
    }

    /// The same service issuing management numbers for office `office` (0 to 99).
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] above 99.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_store::{FixedClock, Store, certificate::CertificateStore, exam::ExamStore};
    /// fn seoul<S: Store + ExamStore + CertificateStore + 'static>(s: CertificateService<S, FixedClock>) -> CertificateService<S, FixedClock> {
    ///     s.with_office(11).expect("a valid office")
    /// }
    /// ```
    pub fn with_office(self, office: u8) -> Result<Self, InputError> {
        Ok(Self::wrap(self.inner.with_office(office)?))
    }

    /// The same service deriving the check codes (확인번호) of confirmation documents from
    /// `secret`, the host's key; without one, confirmation documents are refused.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationSecret;
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_store::{FixedClock, Store, certificate::CertificateStore, exam::ExamStore};
    /// fn keyed<S: Store + ExamStore + CertificateStore + 'static>(s: CertificateService<S, FixedClock>, key: &[u8]) -> Result<CertificateService<S, FixedClock>, cqnet_core::InputError> {
    ///     Ok(s.with_confirmation_secret(ConfirmationSecret::new(key)?))
    /// }
    /// ```
    pub fn with_confirmation_secret(self, secret: ConfirmationSecret) -> Self {
        Self::wrap(self.inner.with_confirmation_secret(secret))
    }

    /// The same service over the same store, reading `clock` (a later day of a simulation, a
    /// check of what a document answers once its period is over).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_store::{FixedClock, Store, certificate::CertificateStore, exam::ExamStore};
    /// fn next_year<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>) -> CertificateService<S, FixedClock> {
    ///     s.with_clock(FixedClock::new("2027-01-01T00:00:00Z".parse().unwrap()))
    /// }
    /// ```
    pub fn with_clock<C2: Clock>(&self, clock: C2) -> CertificateService<S, C2> {
        CertificateService::wrap(self.inner.with_clock(clock))
    }

    /// The store.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::QualificationNumber;
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_store::{FixedClock, Store, certificate::CertificateStore, exam::ExamStore};
    /// fn known<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>, n: &QualificationNumber) -> bool {
    ///     matches!(s.store().record(n), Ok(Some(_)))
    /// }
    /// ```
    pub fn store(&self) -> &S {
        self.inner.store().inner()
    }

    /// The async service inside, over the same store.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_store::{FixedClock, Store, certificate::CertificateStore, exam::ExamStore};
    /// fn same<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>) -> bool {
    ///     std::ptr::eq(s.asynchronous().store().inner(), s.store())
    /// }
    /// ```
    pub fn asynchronous(&self) -> &certificate::CertificateService<Inline<S>, C> {
        &self.inner
    }

    /// The pass an application stands for, built from what is stored: finalised and passed
    /// from the round's announcement on (the pass date is the announcement's Korean day), the
    /// candidate's name and birth date, and what the certificate records: for 과정평가형 the
    /// qualification and grade, the institution, the course's training period, the hours
    /// attended in its units and the names of its NCS units (from the curriculum standard,
    /// the code where the standard names none); for 일학습병행 the `{직종}_L{n}` qualification
    /// and the units.
    ///
    /// Blocks on [`CertificateService::pass_of`](crate::certificate::CertificateService::pass_of), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::pass_of`](crate::certificate::CertificateService::pass_of).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::{ExamStore, ApplicationId}, certificate::CertificateStore};
    /// use cqnet_store::blocking::CertificateService;
    /// fn pass_of_example<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>, id: ApplicationId) {
    ///     let agency = cqnet_store::Actor::new("hrdk.admin", cqnet_store::Role::Agency).expect("a login");
    ///     let (pass, content) = s.pass_of(&agency, id).expect("stored");
    ///     println!("{} {:?} {}", pass.holder, pass.status, content.qualification_name());
    /// }
    /// ```
    pub fn pass_of(
        &self,
        actor: &Actor,
        application: ApplicationId,
    ) -> Result<(PassRecord, CertificateContent), ServiceError> {
        wait(self.inner.pass_of(actor, application))
    }

    /// Issues the certificate (자격증 발급) of an application's pass: the agency only, only for
    /// a finalised and announced pass, only in a form the track offers today. Issuing the same
    /// pass again, with any key, returns the certificate first issued.
    ///
    /// Blocks on [`CertificateService::issue`](crate::certificate::CertificateService::issue), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::issue`](crate::certificate::CertificateService::issue).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::{ExamStore, ApplicationId}, certificate::CertificateStore, Actor, IdempotencyKey};
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_core::certificate::CertificateForm;
    /// fn issue_example<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>, agency: &Actor, id: ApplicationId) {
    ///     let key = IdempotencyKey::new("issue-7f3a").unwrap();
    ///     let c = s.issue(agency, &key, id, CertificateForm::Certificate, None).expect("issued");
    ///     println!("자격번호 {} 관리번호 {}", c.number(), c.management_number());
    /// }
    /// ```
    pub fn issue(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: ApplicationId,
        form: CertificateForm,
        inner_page_number: Option<InnerPageNumber>,
    ) -> Result<Certificate, ServiceError> {
        wait(
            self.inner
                .issue(actor, key, application, form, inner_page_number),
        )
    }

    /// Reissues a certificate (재발급) for loss, damage or changed details: the agency only; the
    /// core refuses a cancelled qualification, a document already superseded, a form not
    /// offered, and changed details without a new name. The new document keeps the
    /// qualification number and supersedes the previous one from its instant on. A retry with
    /// the same key and the same payload (document, reason, form, new name) returns the same
    /// reissue; the same key with another payload is `IdempotencyConflict`, never an answer
    /// for another command.
    ///
    /// Blocks on [`CertificateService::reissue`](crate::certificate::CertificateService::reissue), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::reissue`](crate::certificate::CertificateService::reissue).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, certificate::CertificateStore, certificate::{Reissue}, Actor, IdempotencyKey};
    /// use cqnet_store::blocking::CertificateService;
    /// fn reissue_example<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>, agency: &Actor, r: &Reissue) {
    ///     let c = s.reissue(agency, &IdempotencyKey::new("re-1").unwrap(), r).expect("reissued");
    ///     println!("새 관리번호 {}", c.management_number());
    /// }
    /// ```
    pub fn reissue(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        reissue: &Reissue,
    ) -> Result<Certificate, ServiceError> {
        wait(self.inner.reissue(actor, key, reissue))
    }

    /// Cancels a qualification (자격 취소) for fraud or lending: the agency only, after a
    /// hearing, once. From now on every document of the number verifies as revoked; the record
    /// keeps who, why, when and the note. A retry with the same key and the same
    /// cancellation returns the same record; the same key with another reason, hearing day or
    /// note is `IdempotencyConflict`.
    ///
    /// Blocks on [`CertificateService::revoke`](crate::certificate::CertificateService::revoke), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::revoke`](crate::certificate::CertificateService::revoke).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, certificate::CertificateStore, certificate::{Cancellation}, Actor, IdempotencyKey};
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_core::certificate::QualificationNumber;
    /// fn revoke_example<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>, agency: &Actor, n: &QualificationNumber, c: &Cancellation) {
    ///     let record = s.revoke(agency, &IdempotencyKey::new("rv-1").unwrap(), n, c).expect("revoked");
    ///     assert!(record.revocation().is_some());
    /// }
    /// ```
    pub fn revoke(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        number: &QualificationNumber,
        cancellation: &Cancellation,
    ) -> Result<QualificationRecord, ServiceError> {
        wait(self.inner.revoke(actor, key, number, cancellation))
    }

    /// Answers an authenticity check (진위확인): anyone may ask; the answer discloses only the
    /// holder's name, the qualification and the dates, and a wrong number, date or document
    /// number all give the same no-match answer.
    ///
    /// Blocks on [`CertificateService::verify`](crate::certificate::CertificateService::verify), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::verify`](crate::certificate::CertificateService::verify).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, certificate::CertificateStore};
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_core::certificate::VerificationQuery;
    /// fn verify_example<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>, q: &VerificationQuery) {
    ///     let answer = s.verify(q).expect("answered");
    ///     println!("{:?}: {}", answer.status, answer.message.ko);
    /// }
    /// ```
    pub fn verify(&self, query: &VerificationQuery) -> Result<VerificationAnswer, ServiceError> {
        wait(self.inner.verify(query))
    }

    /// Issues a confirmation document (자격취득사실 확인서) of a qualification: its holder (from
    /// the announcement on) or the agency. It names the holder of the document in force, is
    /// verifiable for the pack's `certificates.confirmation_verifiable_days` (90) days, and
    /// comes with its check code (확인번호), to print beside its number: a check needs both. A
    /// retry with the same key gives the same document and code.
    ///
    /// Blocks on [`CertificateService::issue_confirmation`](crate::certificate::CertificateService::issue_confirmation), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::issue_confirmation`](crate::certificate::CertificateService::issue_confirmation).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, certificate::CertificateStore, Actor, IdempotencyKey};
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_core::certificate::QualificationNumber;
    /// fn issue_confirmation_example<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>, me: &Actor, n: &QualificationNumber) {
    ///     let issued = s.issue_confirmation(me, &IdempotencyKey::new("cf-1").unwrap(), n).expect("issued");
    ///     println!("문서번호 {} 확인번호 {}", issued.document.number, issued.check_code);
    /// }
    /// ```
    pub fn issue_confirmation(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        number: &QualificationNumber,
    ) -> Result<IssuedConfirmation, ServiceError> {
        wait(self.inner.issue_confirmation(actor, key, number))
    }

    /// Answers an authenticity check of a confirmation document by its number and check code
    /// (확인번호): anyone may ask. Valid for 90 days after its issue day, disclosing the
    /// holder's name masked (김*준), the qualification and the dates; revoked, disclosing
    /// nothing, once the qualification is cancelled; and one no-match answer for everything
    /// else: a number never issued, a wrong code, a document past its period. Every path reads
    /// the store twice (the document, then the record of its qualification or of a decoy
    /// number) and computes one HMAC.
    ///
    /// Blocks on [`CertificateService::verify_confirmation`](crate::certificate::CertificateService::verify_confirmation), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::verify_confirmation`](crate::certificate::CertificateService::verify_confirmation).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, certificate::CertificateStore};
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_core::certificate::ConfirmationQuery;
    /// fn verify_confirmation_example<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>, q: &ConfirmationQuery) {
    ///     println!("{:?}", s.verify_confirmation(q).expect("answered").status);
    /// }
    /// ```
    pub fn verify_confirmation(
        &self,
        query: &ConfirmationQuery,
    ) -> Result<VerificationAnswer, ServiceError> {
        wait(self.inner.verify_confirmation(query))
    }

    /// A certificate as its holder (from the announcement on) or the agency sees it, with the
    /// licence it leads to (면허발급대상), if any.
    ///
    /// Blocks on [`CertificateService::view`](crate::certificate::CertificateService::view), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::view`](crate::certificate::CertificateService::view).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, certificate::CertificateStore, Actor};
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_core::certificate::ManagementNumber;
    /// fn view_example<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>, me: &Actor, m: &ManagementNumber) {
    ///     if let Some(licence) = s.view(me, m).expect("shown").licence { println!("{}", licence.authority.ko); }
    /// }
    /// ```
    pub fn view(
        &self,
        actor: &Actor,
        management_number: &ManagementNumber,
    ) -> Result<CertificateView, ServiceError> {
        wait(self.inner.view(actor, management_number))
    }

    /// Exports a document as a signed credential (Open Badges 3.0 in a W3C Verifiable
    /// Credential 2.0, `eddsa-jcs-2022`), for its holder or the agency, valid from the
    /// document's issue instant, signed with the issuer's key that the host passes in, and
    /// revocable through `status` when given. Only a document in force is exported.
    ///
    /// Blocks on [`CertificateService::export_credential`](crate::certificate::CertificateService::export_credential), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::export_credential`](crate::certificate::CertificateService::export_credential).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, certificate::CertificateStore, Actor};
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_core::certificate::ManagementNumber;
    /// use cqnet_core::credential::{Issuer, SigningKey};
    /// fn export_credential_example<S: Store + ExamStore + CertificateStore + 'static>(s: &CertificateService<S, FixedClock>, me: &Actor, m: &ManagementNumber) {
    ///     let key = SigningKey::from_bytes(&[7; 32]); // from the host's key store
    ///     let vc = s.export_credential(me, m, &Issuer::example(&key.verifying_key()), &key, None).expect("signed");
    ///     println!("{}", vc["credentialSubject"]["licenseNumber"]);
    /// }
    /// ```
    #[cfg(feature = "credentials")]
    #[cfg_attr(docsrs, doc(cfg(feature = "credentials")))]
    pub fn export_credential(
        &self,
        actor: &Actor,
        management_number: &ManagementNumber,
        issuer: &Issuer,
        key: &SigningKey,
        status: Option<StatusListEntry>,
    ) -> Result<Value, ServiceError> {
        wait(
            self.inner
                .export_credential(actor, management_number, issuer, key, status),
        )
    }
}

/// The certificate of a learning worker's pass (일학습병행자격), from their learning-work
/// contract (학습근로계약), on a store that keeps work-study records too.
impl<S, C> CertificateService<S, C>
where
    S: Store + ExamStore + CertificateStore + WorkStudyStore + 'static,
    C: Clock,
{
    /// The pass a learning-work contract stands for, as the certificate would print it: the
    /// learner themself and the agency only.
    ///
    /// Blocks on [`CertificateService::pass_of_contract`](crate::certificate::CertificateService::pass_of_contract), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::pass_of_contract`](crate::certificate::CertificateService::pass_of_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, certificate::CertificateStore, Actor, Role};
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_store::work_study::{ContractId, WorkStudyStore};
    /// fn show<S: Store + ExamStore + CertificateStore + WorkStudyStore + 'static>(s: &CertificateService<S, FixedClock>, id: ContractId) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let (pass, content) = s.pass_of_contract(&agency, id).expect("stored");
    ///     println!("{} {}", pass.holder, content.qualification_name());
    /// }
    /// ```
    pub fn pass_of_contract(
        &self,
        actor: &Actor,
        contract: ContractId,
    ) -> Result<(PassRecord, CertificateContent), ServiceError> {
        wait(self.inner.pass_of_contract(actor, contract))
    }

    /// Issues the certificate (자격증 발급) of a learning worker's pass: the agency only, once
    /// the external evaluation the core passed is announced. One pass has one certificate.
    ///
    /// Blocks on [`CertificateService::issue_for_contract`](crate::certificate::CertificateService::issue_for_contract), which holds the details.
    ///
    /// # Errors
    /// As [`CertificateService::issue_for_contract`](crate::certificate::CertificateService::issue_for_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, certificate::CertificateStore, Actor, IdempotencyKey};
    /// use cqnet_store::blocking::CertificateService;
    /// use cqnet_store::work_study::{ContractId, WorkStudyStore};
    /// use cqnet_core::certificate::CertificateForm;
    /// fn issue<S: Store + ExamStore + CertificateStore + WorkStudyStore + 'static>(s: &CertificateService<S, FixedClock>, agency: &Actor, id: ContractId) {
    ///     let key = IdempotencyKey::new("issue-contract-1").unwrap();
    ///     let c = s.issue_for_contract(agency, &key, id, CertificateForm::Certificate, None).expect("issued");
    ///     println!("자격번호 {}", c.number());
    /// }
    /// ```
    pub fn issue_for_contract(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        form: CertificateForm,
        inner_page_number: Option<InnerPageNumber>,
    ) -> Result<Certificate, ServiceError> {
        wait(
            self.inner
                .issue_for_contract(actor, key, contract, form, inner_page_number),
        )
    }
}
