//! The certificate service (자격증): issuing (발급) for a finalised pass, reissue (재발급),
//! cancellation (자격 취소), authenticity checks (진위확인), confirmation documents
//! (자격취득사실 확인서), the certificate view with its licence (면허발급대상) and signed
//! credentials (Open Badges 3.0 / VC 2.0).
//!
//! Every rule comes from the core: who may act ([`access::authorize`]), whether a certificate
//! may be issued ([`decide_issue`]) or reissued ([`decide_reissue`]), whether a qualification
//! may be cancelled ([`decide_revocation`]), what an authenticity check answers ([`verify`],
//! [`verify_confirmation`]) and what a credential says ([`issue_credential`]). The service
//! builds the pass from what the [`ExamService`](crate::exam::ExamService) stored (the
//! finalised result, the round's announcement, the enrollment, the course, its institution and
//! its curriculum standard) and the store keeps what was decided, allocating the numbers
//! atomically.
//!
//! # Example
//! ```
//! use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore};
//! use cqnet_store::certificate::CertificateService;
//! fn service<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(store: S) -> CertificateService<S, FixedClock> {
//!     CertificateService::new(store, FixedClock::new("2026-10-05T01:00:00Z".parse().unwrap()))
//! }
//! ```

use chrono::{DateTime, NaiveDate};
use cqnet_core::access::{self, Action, PartyId, Target};
use cqnet_core::certificate::{
    Certificate, CertificateContent, CertificateForm, CertificateView, CompetencyUnit,
    ConfirmationQuery, ConfirmationSecret, CourseContent, CourseContentSpec, InnerPageNumber,
    IssueRequest, ManagementNumber, PassRecord, PrintedName, QualificationNumber,
    QualificationRecord, ReissueReason, ReissueRequest, ResultFacts, Revocation, RevocationReason,
    RevocationRequest, TrainingPeriod, VerificationAnswer, VerificationQuery, WorkStudyContent,
    check_confirmation, check_revocation_note, decide_issue, decide_reissue, decide_revocation,
    pass_status,
};
// Only the credential export needs these.
#[cfg(feature = "credentials")]
use cqnet_core::certificate::{DocumentRef, check_export};
#[cfg(feature = "credentials")]
use cqnet_core::credential::{
    CredentialSpec, Issuer, SigningKey, StatusListEntry, issue_credential,
};
use cqnet_core::rules::{RuleDate, RulePack, Rules};
use cqnet_core::window::{korean_date, kst};
use cqnet_core::{Hours, InputError, Reason, Track, WorkStudyQualificationName};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
#[cfg(feature = "credentials")]
use serde_json::Value;

use crate::authorization;
use crate::certificate::{
    AsyncCertificateStore, IssuedConfirmation, NewCertificate, NewConfirmation, NewReissue,
    NewRevocation,
};
use crate::exam::{ApplicationId, AsyncExamStore};
use crate::training::{AttendanceTarget, QualificationLevel};
use crate::training::{InvalidKind, ServiceError, access_actor, attendance_facts};
use crate::{Actor, CommandMeta, IdempotencyKey};
use crate::{AsyncStore, Clock};

mod contract;

/// The office code of the management numbers a service issues unless told otherwise.
pub const DEFAULT_OFFICE: u8 = 1;

/// The longest note a cancellation may carry (the core's limit).
pub const MAX_NOTE_CHARS: usize = cqnet_core::certificate::MAX_REVOCATION_NOTE_CHARS;

/// What a reissue (재발급 신청) asks for: the document replaced, why, the form, the new name for
/// changed details, and a notebook's new inner-page number.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{CertificateForm, ManagementNumber, ReissueReason};
/// use cqnet_store::certificate::Reissue;
/// let r = Reissue {
///     previous: ManagementNumber::example(),
///     reason: ReissueReason::Damaged,
///     form: CertificateForm::Certificate,
///     new_holder_name: None,
///     inner_page_number: None,
/// };
/// assert_eq!(r.reason.korean_name(), "훼손");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reissue {
    /// The document to replace.
    pub previous: ManagementNumber,
    /// Why.
    pub reason: ReissueReason,
    /// The form asked for.
    pub form: CertificateForm,
    /// The new name, for changed details (기재사항 변경).
    #[serde(default)]
    pub new_holder_name: Option<PrintedName>,
    /// A notebook's new inner-page number.
    #[serde(default)]
    pub inner_page_number: Option<InnerPageNumber>,
}

/// What a cancellation (자격 취소) records besides its instant (the service's clock): why, the
/// day of the hearing (청문) and a note.
///
/// # Example
/// ```
/// use cqnet_core::certificate::RevocationReason;
/// use cqnet_store::certificate::Cancellation;
/// let c = Cancellation { reason: RevocationReason::Fraud, hearing_held_on: Some("2026-08-20".parse().unwrap()), note: None };
/// assert_eq!(c.reason, RevocationReason::Fraud);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cancellation {
    /// Why.
    pub reason: RevocationReason,
    /// The day of the hearing, if one was held.
    #[serde(default)]
    pub hearing_held_on: Option<NaiveDate>,
    /// A note for the record (case number), at most [`MAX_NOTE_CHARS`] characters.
    #[serde(default)]
    pub note: Option<String>,
}

/// The certificate service over a store of training records, exam rounds and certificates.
///
/// # Example
/// See the [module documentation](super).
#[derive(Debug)]
pub struct CertificateService<S, C> {
    store: std::sync::Arc<S>,
    clock: C,
    rules: std::sync::Arc<RulePack>,
    office: u8,
    confirmation_secret: Option<ConfirmationSecret>,
}

/// What a confirmation command refuses with when the service was given no
/// [`ConfirmationSecret`]: `InputError::Missing { what: MISSING_CONFIRMATION_SECRET }`.
pub const MISSING_CONFIRMATION_SECRET: &str = "confirmation secret (확인번호 키)";

impl<S: AsyncStore + AsyncExamStore + AsyncCertificateStore, C: Clock> CertificateService<S, C> {
    /// A service over `store`, with the embedded rule pack and office [`DEFAULT_OFFICE`].
    ///
    /// # Example
    /// See the [module documentation](super).
    pub fn new(store: S, clock: C) -> Self {
        Self::from_shared(std::sync::Arc::new(store), clock)
    }

    /// A service over a store shared with other services (the services of one
    /// [`Cqnet`](crate::Cqnet) share one), with the embedded rule pack.
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore};
    /// use cqnet_store::certificate::{CertificateService, AsyncCertificateStore};
    /// fn service<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(store: Arc<S>) -> CertificateService<S, FixedClock> {
    ///     CertificateService::from_shared(store, FixedClock::new("2026-09-01T09:00:00Z".parse().unwrap()))
    /// }
    /// ```
    pub fn from_shared(store: std::sync::Arc<S>, clock: C) -> Self {
        CertificateService {
            store,
            clock,
            rules: std::sync::Arc::new(RulePack::embedded().clone()),
            office: DEFAULT_OFFICE,
            confirmation_secret: None,
        }
    }

    /// The same service with another rule pack.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService};
    /// # use cqnet_core::rules::RulePack;
    /// fn with_pack<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: CertificateService<S, FixedClock>) -> CertificateService<S, FixedClock> {
    ///     s.with_rules(RulePack::embedded().clone())
    /// }
    /// ```
    pub fn with_rules(self, rules: RulePack) -> Self {
        self.with_shared_rules(std::sync::Arc::new(rules))
    }

    /// The same service with a rule pack shared with other services (those of one
    /// [`Cqnet`](crate::Cqnet)).
    pub(crate) fn with_shared_rules(mut self, rules: std::sync::Arc<RulePack>) -> Self {
        self.rules = rules;
        self
    }

    /// The same service issuing management numbers for office `office` (0 to 99).
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] above 99.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService};
    /// fn seoul<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: CertificateService<S, FixedClock>) -> CertificateService<S, FixedClock> {
    ///     s.with_office(11).expect("a valid office")
    /// }
    /// ```
    pub fn with_office(mut self, office: u8) -> Result<Self, InputError> {
        crate::certificate::check_office(office)?;
        self.office = office;
        Ok(self)
    }

    /// The same service deriving the check codes (확인번호) of confirmation documents from
    /// `secret`, the host's key. Without one, issuing and checking confirmation documents
    /// refuse ([`MISSING_CONFIRMATION_SECRET`]): a document is never issued without a code.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService};
    /// use cqnet_core::certificate::ConfirmationSecret;
    /// fn keyed<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: CertificateService<S, FixedClock>, key: &[u8]) -> Result<CertificateService<S, FixedClock>, cqnet_core::InputError> {
    ///     Ok(s.with_confirmation_secret(ConfirmationSecret::new(key)?))
    /// }
    /// ```
    pub fn with_confirmation_secret(mut self, secret: ConfirmationSecret) -> Self {
        self.confirmation_secret = Some(secret);
        self
    }

    /// The secret, or the refusal of a service given none.
    fn confirmation_secret(&self) -> Result<&ConfirmationSecret, ServiceError> {
        self.confirmation_secret
            .as_ref()
            .ok_or(ServiceError::Input(InputError::Missing {
                what: MISSING_CONFIRMATION_SECRET,
            }))
    }

    /// The same service with an office the caller has already checked against
    /// [`MAX_OFFICE`](crate::certificate::MAX_OFFICE).
    pub(crate) fn with_checked_office(mut self, office: u8) -> Self {
        self.office = office;
        self
    }

    /// The store.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService};
    /// # use cqnet_core::certificate::QualificationNumber;
    /// async fn known<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>, n: &QualificationNumber) -> bool {
    ///     matches!(s.store().record(n).await, Ok(Some(_)))
    /// }
    /// ```
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The same service over the same store, reading `clock` (a later day of a simulation, a
    /// check of what a document answers once its period is over).
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{AsyncStore, FixedClock, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService};
    /// fn next_year<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>) -> CertificateService<S, FixedClock> {
    ///     s.with_clock(FixedClock::new("2027-01-01T00:00:00Z".parse().unwrap()))
    /// }
    /// ```
    pub fn with_clock<C2: Clock>(&self, clock: C2) -> CertificateService<S, C2> {
        CertificateService {
            store: self.store.clone(),
            clock,
            rules: self.rules.clone(),
            office: self.office,
            confirmation_secret: self.confirmation_secret.clone(),
        }
    }

    /// The shared store back, for a service with another clock or configuration.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService};
    /// fn later<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: CertificateService<S, FixedClock>) -> CertificateService<S, FixedClock> {
    ///     CertificateService::from_shared(s.into_store(), FixedClock::new("2027-01-01T00:00:00Z".parse().unwrap()))
    /// }
    /// ```
    pub fn into_store(self) -> std::sync::Arc<S> {
        self.store
    }

    fn now(&self) -> DateTime<chrono::FixedOffset> {
        self.clock.now().with_timezone(&kst())
    }

    fn meta(&self, actor: &Actor) -> CommandMeta {
        CommandMeta::new(actor.clone(), self.clock.now()).under_rules(self.rules.clone())
    }

    fn rules_on(&self, day: NaiveDate) -> Result<Rules, ServiceError> {
        Ok(self.rules.rules_for(RuleDate::EvaluatedOn(day))?)
    }

    async fn authorize(
        &self,
        actor: &Actor,
        action: Action,
        target: &Target,
        command: &str,
        subject: String,
    ) -> Result<(), ServiceError> {
        authorization::authorize(
            &*self.store,
            self.meta(actor),
            action,
            target,
            command,
            subject,
        )
        .await
    }

    /// Writes the refusal to the audit log and returns it.
    async fn refuse<T>(
        &self,
        actor: &Actor,
        command: &str,
        subject: String,
        reasons: Vec<Reason>,
    ) -> Result<T, ServiceError> {
        authorization::refuse(&*self.store, self.meta(actor), command, subject, reasons).await
    }

    /// A lookup for [`Action::ViewCertificate`]: a record that does not exist is refused to
    /// anyone but the agency exactly as someone else's record is, so that the answer does not
    /// tell whether a number exists.
    async fn found_for<T>(
        &self,
        actor: &Actor,
        command: &str,
        subject: &str,
        lookup: Result<T, crate::StoreError>,
    ) -> Result<T, ServiceError> {
        match lookup {
            Err(missing @ crate::StoreError::NotFound { .. }) => {
                self.authorize(
                    actor,
                    Action::ViewCertificate,
                    &Target::default(),
                    command,
                    subject.to_owned(),
                )
                .await?;
                Err(missing.into())
            }
            other => Ok(other?),
        }
    }

    fn holder_target(&self, certificate: &Certificate) -> Target {
        Target {
            candidate: Some(certificate.spec().candidate.clone()),
            // A certificate exists only after its result was announced.
            announcement: access::Announcement::ScheduledAt(certificate.spec().issued_at),
            ..Target::default()
        }
    }

    /// The pass an application stands for, built from what is stored: finalised and passed
    /// from the round's announcement on (the pass date is the announcement's Korean day), the
    /// candidate's name and birth date, and what the certificate records: for 과정평가형 the
    /// qualification and grade, the institution, the course's training period, the hours
    /// attended in its units and the names of its NCS units (from the curriculum standard,
    /// the code where the standard names none); for 일학습병행 the `{직종}_L{n}` qualification
    /// and the units.
    ///
    /// It names a person, so only the candidate themself and the agency may read it
    /// (`Action::ViewCertificate`); a refusal is audited.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else; [`ServiceError::Store`] (`NotFound`) for an
    /// unknown application or a record it names; [`ServiceError::Input`] when the stored
    /// records cannot make a certificate (no hours attended, a work-study qualification not
    /// named `{직종}_L{n}`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::{AsyncExamStore, ApplicationId}, certificate::AsyncCertificateStore, certificate::CertificateService};
    /// async fn pass_of_example<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>, id: ApplicationId) {
    ///     let agency = cqnet_store::Actor::new("hrdk.admin", cqnet_store::Role::Agency).expect("a login");
    ///     let (pass, content) = s.pass_of(&agency, id).await.expect("stored");
    ///     println!("{} {:?} {}", pass.holder, pass.status, content.qualification_name());
    /// }
    /// ```
    pub async fn pass_of(
        &self,
        actor: &Actor,
        application: ApplicationId,
    ) -> Result<(PassRecord, CertificateContent), ServiceError> {
        let candidate = self.store.application(application).await?.value.candidate;
        let target = Target {
            candidate: cqnet_core::access::PartyId::new(&candidate.to_string()).ok(),
            ..Target::default()
        };
        self.authorize(
            actor,
            Action::ViewCertificate,
            &target,
            "pass_of",
            format!("application {application}"),
        )
        .await?;
        self.pass_record(application).await
    }

    /// The pass of [`pass_of`](Self::pass_of), for a caller that has checked who may see it.
    async fn pass_record(
        &self,
        application: ApplicationId,
    ) -> Result<(PassRecord, CertificateContent), ServiceError> {
        let store = &self.store;
        let app = store.application(application).await?.value;
        let round = store.round(&app.round).await?.value;
        let announcement = round.plan().spec().announcement;
        let result = store.result(application).await?.map(|r| r.value);
        let facts = result.map(|r| ResultFacts {
            finalised: r.finalised,
            passed: r.passed,
        });
        let status = pass_status(facts, announcement, self.now());
        let enrollment = store.enrollment(app.candidate).await?.value;
        let course = store.course(enrollment.course()).await?.value;
        let spec = course.spec();
        let qualification = store.qualification(&spec.qualification).await?.value;
        let standard = store
            .standard(&spec.qualification, &spec.standard_version)
            .await
            .ok();
        let units = spec
            .units
            .iter()
            .map(|u| {
                let named = standard
                    .as_ref()
                    .and_then(|s| s.unit(u.code()))
                    .and_then(|s| s.name.as_deref())
                    .unwrap_or(u.code().as_str());
                Ok(CompetencyUnit {
                    code: u.code().clone(),
                    name: PrintedName::new(named)?,
                })
            })
            .collect::<Result<Vec<_>, InputError>>()?;
        let content = match spec.track {
            Track::CourseBased => {
                let attended: Decimal = cqnet_core::ledger::effective_attendance(
                    &attendance_facts(&store.attendance(app.candidate).await?),
                )
                .iter()
                .filter(|(t, _)| matches!(t, AttendanceTarget::Unit(_)))
                .map(|(_, h)| *h)
                .sum();
                let institution = store.institution(spec.institution).await?.value;
                CertificateContent::CourseBased(CourseContent::new(CourseContentSpec {
                    qualification_name: PrintedName::new(qualification.name())?,
                    grade: match qualification.level() {
                        QualificationLevel::Grade(g) => Some(g),
                        QualificationLevel::Ncs(_) => None,
                    },
                    institution: PrintedName::new(institution.name())?,
                    training_period: TrainingPeriod::new(spec.start, spec.end)?,
                    completed_hours: Hours::new(attended)?,
                    units,
                })?)
            }
            Track::WorkStudy => CertificateContent::WorkStudy(WorkStudyContent::new(
                WorkStudyQualificationName::new(qualification.name())?,
                units,
            )?),
        };
        let person = enrollment.person();
        let pass = PassRecord {
            track: spec.track,
            qualification: spec.qualification.clone(),
            candidate: PartyId::new(&app.candidate.to_string())?,
            holder: PrintedName::new(person.name())?,
            birth_date: person.birth_date(),
            status,
        };
        Ok((pass, content))
    }

    /// Issues the certificate (자격증 발급) of an application's pass: the agency only, only for
    /// a finalised and announced pass, only in a form the track offers today. Issuing the same
    /// pass again, with any key, returns the certificate first issued.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_permitted`, `pass_not_finalised`, `not_passed`,
    /// `form_not_available`); [`ServiceError::Input`] as [`CertificateService::pass_of`] or for
    /// an inner-page number on anything but a notebook; [`ServiceError::Store`]
    /// (`AlreadyExists` for an inner-page number used before, `IdempotencyConflict`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::{AsyncExamStore, ApplicationId}, certificate::AsyncCertificateStore, certificate::CertificateService, Actor, IdempotencyKey};
    /// use cqnet_core::certificate::CertificateForm;
    /// async fn issue_example<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>, agency: &Actor, id: ApplicationId) {
    ///     let key = IdempotencyKey::new("issue-7f3a").unwrap();
    ///     let c = s.issue(agency, &key, id, CertificateForm::Certificate, None).await.expect("issued");
    ///     println!("자격번호 {} 관리번호 {}", c.number(), c.management_number());
    /// }
    /// ```
    pub async fn issue(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: ApplicationId,
        form: CertificateForm,
        inner_page_number: Option<InnerPageNumber>,
    ) -> Result<Certificate, ServiceError> {
        // A key is scoped to who acts and to the command (see `IdempotencyKey::scoped`).
        let key = &key.scoped(actor, "issue");
        let subject = format!("application {application}");
        self.authorize(
            actor,
            Action::ManageCertificates,
            &Target::default(),
            "issue_certificate",
            subject.clone(),
        )
        .await?;
        let (pass, content) = self.pass_record(application).await?;
        self.issue_pass(
            actor,
            key,
            subject,
            (pass, content),
            form,
            inner_page_number,
        )
        .await
    }

    /// Issues the certificate of a pass built from the stored records, once the caller is
    /// authorised: the core decides ([`decide_issue`]), a refusal is audited, and the store
    /// takes the numbers and keeps the document.
    async fn issue_pass(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        subject: String,
        (pass, content): (PassRecord, CertificateContent),
        form: CertificateForm,
        inner_page_number: Option<InnerPageNumber>,
    ) -> Result<Certificate, ServiceError> {
        let now = self.now();
        let today = korean_date(now);
        let request = IssueRequest {
            pass,
            form,
            content,
            issue_date: today,
        };
        let decision = decide_issue(&request, &self.rules_on(today)?)?;
        if !decision.issuable {
            return self
                .refuse(actor, "issue_certificate", subject, decision.reasons)
                .await;
        }
        let new = NewCertificate::new(request, decision, self.office, now, inner_page_number)?;
        Ok(self.store.issue(&self.meta(actor), key, &new).await?)
    }

    /// Reissues a certificate (재발급) for loss, damage or changed details: the agency only; the
    /// core refuses a cancelled qualification, a document already superseded, a form not
    /// offered, and changed details without a new name. The new document keeps the
    /// qualification number and supersedes the previous one from its instant on. A retry with
    /// the same key and the same payload (document, reason, form, new name) returns the same
    /// reissue; the same key with another payload is `IdempotencyConflict`, never an answer
    /// for another command.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_permitted`, `qualification_revoked`,
    /// `certificate_superseded`, `form_not_available`, `details_unchanged`);
    /// [`ServiceError::Input`] for a new name without changed details;
    /// [`ServiceError::Store`] (`NotFound` for an unknown document, `IdempotencyConflict` for
    /// a key used before with another payload).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::{CertificateService, Reissue}, Actor, IdempotencyKey};
    /// async fn reissue_example<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>, agency: &Actor, r: &Reissue) {
    ///     let c = s.reissue(agency, &IdempotencyKey::new("re-1").unwrap(), r).await.expect("reissued");
    ///     println!("새 관리번호 {}", c.management_number());
    /// }
    /// ```
    pub async fn reissue(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        reissue: &Reissue,
    ) -> Result<Certificate, ServiceError> {
        // A key is scoped to who acts and to the command (see `IdempotencyKey::scoped`).
        let key = &key.scoped(actor, "reissue");
        let subject = format!("certificate {}", reissue.previous);
        self.authorize(
            actor,
            Action::ManageCertificates,
            &Target::default(),
            "reissue_certificate",
            subject.clone(),
        )
        .await?;
        let previous = self.store.certificate(&reissue.previous).await?;
        let now = self.now();
        let today = korean_date(now);
        let request = ReissueRequest {
            previous: reissue.previous.clone(),
            reason: reissue.reason,
            form: reissue.form,
            new_holder_name: reissue.new_holder_name.clone(),
            issue_date: today,
        };
        let record = self.store.record(previous.number()).await?.ok_or_else(|| {
            crate::StoreError::NotFound {
                what: "qualification",
                key: previous.number().to_string(),
            }
        })?;
        let decision = decide_reissue(&record, &request, now, &self.rules_on(today)?)?;
        if !decision.issuable {
            if self.store.command_recorded(key).await? {
                // The key was used before: the store answers from it, with the first reissue
                // for the same payload and IdempotencyConflict for another.
                let retry = NewReissue::retry(
                    request,
                    decision,
                    self.office,
                    now,
                    reissue.inner_page_number.clone(),
                )?;
                return Ok(self.store.reissue(&self.meta(actor), key, &retry).await?);
            }
            return self
                .refuse(actor, "reissue_certificate", subject, decision.reasons)
                .await;
        }
        let new = NewReissue::new(
            request,
            decision,
            self.office,
            now,
            reissue.inner_page_number.clone(),
        )?;
        Ok(self.store.reissue(&self.meta(actor), key, &new).await?)
    }

    /// Cancels a qualification (자격 취소) for fraud or lending: the agency only, after a
    /// hearing, once. From now on every document of the number verifies as revoked; the record
    /// keeps who, why, when and the note. A retry with the same key and the same
    /// cancellation returns the same record; the same key with another reason, hearing day or
    /// note is `IdempotencyConflict`.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_permitted`, `hearing_not_held`,
    /// `qualification_revoked`); [`ServiceError::Invalid`] for a note over
    /// [`MAX_NOTE_CHARS`] characters or with control characters; [`ServiceError::Store`]
    /// (`NotFound`, `IdempotencyConflict` for a key used before with another payload).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::{CertificateService, Cancellation}, Actor, IdempotencyKey};
    /// use cqnet_core::certificate::QualificationNumber;
    /// async fn revoke_example<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>, agency: &Actor, n: &QualificationNumber, c: &Cancellation) {
    ///     let record = s.revoke(agency, &IdempotencyKey::new("rv-1").unwrap(), n, c).await.expect("revoked");
    ///     assert!(record.revocation().is_some());
    /// }
    /// ```
    pub async fn revoke(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        number: &QualificationNumber,
        cancellation: &Cancellation,
    ) -> Result<QualificationRecord, ServiceError> {
        // A key is scoped to who acts and to the command (see `IdempotencyKey::scoped`).
        let key = &key.scoped(actor, "revoke");
        check_revocation_note(cancellation.note.as_deref())
            .map_err(|e| ServiceError::invalid(InvalidKind::RevocationNote, e.to_string()))?;
        let subject = format!("qualification {number}");
        self.authorize(
            actor,
            Action::ManageCertificates,
            &Target::default(),
            "revoke_qualification",
            subject.clone(),
        )
        .await?;
        let record =
            self.store
                .record(number)
                .await?
                .ok_or_else(|| crate::StoreError::NotFound {
                    what: "qualification",
                    key: number.to_string(),
                })?;
        let request = RevocationRequest {
            at: self.now(),
            reason: cancellation.reason,
            hearing_held_on: cancellation.hearing_held_on,
            note: cancellation.note.clone(),
        };
        let rules = self.rules_on(korean_date(request.at))?;
        let by = access_actor(actor);
        let decision = decide_revocation(&record, &by, &request, &rules);
        let Some(revocation) = decision.revocation else {
            if let Some(kept) = record.revocation()
                && self.store.command_recorded(key).await?
            {
                // The key was used before: the store answers from it, with the first record
                // for the same cancellation and IdempotencyConflict for another. It stores
                // nothing new: the qualification is cancelled already.
                let retry = NewRevocation {
                    number: number.clone(),
                    revocation: Revocation {
                        at: request.at,
                        reason: request.reason,
                        by,
                        hearing_held_on: request.hearing_held_on.unwrap_or_default(),
                        note: request.note,
                        basis: kept.basis.clone(),
                    },
                };
                return Ok(self.store.revoke(&self.meta(actor), key, &retry).await?);
            }
            return self
                .refuse(actor, "revoke_qualification", subject, decision.reasons)
                .await;
        };
        let new = NewRevocation {
            number: number.clone(),
            revocation,
        };
        Ok(self.store.revoke(&self.meta(actor), key, &new).await?)
    }

    /// Answers an authenticity check (진위확인): anyone may ask; the answer discloses only the
    /// holder's name, the qualification and the dates, and a wrong number, date or document
    /// number all give the same no-match answer.
    ///
    /// # Errors
    /// [`ServiceError::Store`] when the store fails; [`ServiceError::Rules`] when no rules are
    /// in force today.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService};
    /// use cqnet_core::certificate::VerificationQuery;
    /// async fn verify_example<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>, q: &VerificationQuery) {
    ///     let answer = s.verify(q).await.expect("answered");
    ///     println!("{:?}: {}", answer.status, answer.message.ko);
    /// }
    /// ```
    pub async fn verify(
        &self,
        query: &VerificationQuery,
    ) -> Result<VerificationAnswer, ServiceError> {
        let now = self.now();
        let rules = self.rules_on(korean_date(now))?;
        super::authenticity::verify_on(&*self.store, query, now, &rules).await
    }

    /// Issues a confirmation document (자격취득사실 확인서) of a qualification: its holder (from
    /// the announcement on) or the agency. It names the holder of the document in force, is
    /// verifiable for the pack's `certificates.confirmation_verifiable_days` (90) days, and
    /// comes with its check code (확인번호), to print beside its number: a check needs both. A
    /// retry with the same key gives the same document and code.
    ///
    /// # Errors
    /// [`ServiceError::Input`] (`InputError::Missing` of [`MISSING_CONFIRMATION_SECRET`]) for a
    /// service given no [`ConfirmationSecret`], before anything is stored;
    /// [`ServiceError::Refused`] (`not_own_record`, `not_permitted`,
    /// `qualification_revoked`); [`ServiceError::Store`] (`NotFound`, `IdempotencyConflict`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService, Actor, IdempotencyKey};
    /// use cqnet_core::certificate::QualificationNumber;
    /// async fn issue_confirmation_example<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>, me: &Actor, n: &QualificationNumber) {
    ///     let issued = s.issue_confirmation(me, &IdempotencyKey::new("cf-1").unwrap(), n).await.expect("issued");
    ///     println!("문서번호 {} 확인번호 {}", issued.document.number, issued.check_code);
    /// }
    /// ```
    pub async fn issue_confirmation(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        number: &QualificationNumber,
    ) -> Result<IssuedConfirmation, ServiceError> {
        // A key is scoped to who acts and to the command (see `IdempotencyKey::scoped`).
        let key = &key.scoped(actor, "issue_confirmation");
        let secret = self.confirmation_secret()?;
        let subject = format!("qualification {number}");
        let lookup = self.store.record(number).await.and_then(|r| {
            r.ok_or_else(|| crate::StoreError::NotFound {
                what: "qualification",
                key: number.to_string(),
            })
        });
        let record = self
            .found_for(actor, "issue_confirmation", &subject, lookup)
            .await?;
        let now = self.now();
        let current = record.document_in_force(now).ok_or_else(|| {
            ServiceError::invalid(
                InvalidKind::NoDocumentInForce,
                format!("qualification {number} has no document in force"),
            )
        })?;
        self.authorize(
            actor,
            Action::ViewCertificate,
            &self.holder_target(current),
            "issue_confirmation",
            subject.clone(),
        )
        .await?;
        let reasons = check_confirmation(&record, now);
        if !reasons.is_empty() {
            return self
                .refuse(actor, "issue_confirmation", subject, reasons)
                .await;
        }
        let spec = current.spec();
        let new = NewConfirmation {
            qualification_number: number.clone(),
            holder: spec.holder.clone(),
            qualification_name: PrintedName::new(spec.content.qualification_name())?,
            pass_date: spec.pass_date,
            issued_at: now,
        };
        let document = self
            .store
            .issue_confirmation(&self.meta(actor), key, &new)
            .await?;
        Ok(IssuedConfirmation {
            check_code: document.check_code(secret),
            document,
        })
    }

    /// Answers an authenticity check of a confirmation document by its number and check code
    /// (확인번호): anyone may ask. Valid for 90 days after its issue day, disclosing the
    /// holder's name masked (김*준), the qualification and the dates; revoked, disclosing
    /// nothing, once the qualification is cancelled; and one no-match answer for everything
    /// else: a number never issued, a wrong code, a document past its period. Every path reads
    /// the store twice (the document, then the record of its qualification or of a decoy
    /// number) and computes one HMAC.
    ///
    /// # Errors
    /// [`ServiceError::Input`] (`InputError::Missing` of [`MISSING_CONFIRMATION_SECRET`]) for a
    /// service given no [`ConfirmationSecret`]; [`ServiceError::Store`]; [`ServiceError::Rules`]
    /// when no rules are in force on the day the number carries.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService};
    /// use cqnet_core::certificate::ConfirmationQuery;
    /// async fn verify_confirmation_example<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>, q: &ConfirmationQuery) {
    ///     println!("{:?}", s.verify_confirmation(q).await.expect("answered").status);
    /// }
    /// ```
    pub async fn verify_confirmation(
        &self,
        query: &ConfirmationQuery,
    ) -> Result<VerificationAnswer, ServiceError> {
        let secret = self.confirmation_secret()?;
        let rules = self.rules_on(korean_date(query.number.issued_at()))?;
        super::authenticity::verify_confirmation_on(&*self.store, query, secret, self.now(), &rules)
            .await
    }

    /// A certificate as its holder (from the announcement on) or the agency sees it, with the
    /// licence it leads to (면허발급대상), if any.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_own_record`, `not_permitted`); [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService, Actor};
    /// use cqnet_core::certificate::ManagementNumber;
    /// async fn view_example<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>, me: &Actor, m: &ManagementNumber) {
    ///     if let Some(licence) = s.view(me, m).await.expect("shown").licence { println!("{}", licence.authority.ko); }
    /// }
    /// ```
    pub async fn view(
        &self,
        actor: &Actor,
        management_number: &ManagementNumber,
    ) -> Result<CertificateView, ServiceError> {
        let subject = format!("certificate {management_number}");
        let certificate = self
            .found_for(
                actor,
                "view_certificate",
                &subject,
                self.store.certificate(management_number).await,
            )
            .await?;
        self.authorize(
            actor,
            Action::ViewCertificate,
            &self.holder_target(&certificate),
            "view_certificate",
            subject,
        )
        .await?;
        let rules = self.rules_on(korean_date(self.now()))?;
        Ok(CertificateView::new(&certificate, &rules))
    }

    /// Exports a document as a signed credential (Open Badges 3.0 in a W3C Verifiable
    /// Credential 2.0, `eddsa-jcs-2022`), for its holder or the agency, valid from the
    /// document's issue instant, signed with the issuer's key that the host passes in, and
    /// revocable through `status` when given. Only a document in force is exported.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_own_record`, `not_permitted`,
    /// `certificate_superseded`, `qualification_revoked`); [`ServiceError::Store`];
    /// [`ServiceError::Input`] if signing fails.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService, Actor};
    /// use cqnet_core::certificate::ManagementNumber;
    /// use cqnet_core::credential::{Issuer, SigningKey};
    /// async fn export_credential_example<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(s: &CertificateService<S, FixedClock>, me: &Actor, m: &ManagementNumber) {
    ///     let key = SigningKey::from_bytes(&[7; 32]); // from the host's key store
    ///     let vc = s.export_credential(me, m, &Issuer::example(&key.verifying_key()), &key, None).await.expect("signed");
    ///     println!("{}", vc["credentialSubject"]["licenseNumber"]);
    /// }
    /// ```
    #[cfg(feature = "credentials")]
    #[cfg_attr(docsrs, doc(cfg(feature = "credentials")))]
    pub async fn export_credential(
        &self,
        actor: &Actor,
        management_number: &ManagementNumber,
        issuer: &Issuer,
        key: &SigningKey,
        status: Option<StatusListEntry>,
    ) -> Result<Value, ServiceError> {
        let subject = format!("certificate {management_number}");
        let certificate = self
            .found_for(
                actor,
                "export_credential",
                &subject,
                self.store.certificate(management_number).await,
            )
            .await?;
        self.authorize(
            actor,
            Action::ViewCertificate,
            &self.holder_target(&certificate),
            "export_credential",
            subject.clone(),
        )
        .await?;
        let answer = self
            .verify(&VerificationQuery {
                number: certificate.number().clone(),
                issue_date: certificate.issue_date(),
                document: DocumentRef::ManagementNumber(management_number.clone()),
            })
            .await?;
        let reasons = check_export(answer.status, &self.rules_on(korean_date(self.now()))?);
        if !reasons.is_empty() {
            return self
                .refuse(actor, "export_credential", subject, reasons)
                .await;
        }
        let spec = CredentialSpec {
            id: None,
            issuer: issuer.clone(),
            valid_from: certificate.spec().issued_at,
            status,
        };
        Ok(issue_credential(&certificate, &spec, key)?)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn requests_refuse_unknown_fields() {
        let json = r#"{"reason":"fraud","hearing_held_on":null,"note":null,"extra":1}"#;
        assert!(serde_json::from_str::<Cancellation>(json).is_err());
        let ok = r#"{"reason":"lending"}"#;
        assert_eq!(
            serde_json::from_str::<Cancellation>(ok).unwrap().reason,
            RevocationReason::Lending
        );
    }
}
