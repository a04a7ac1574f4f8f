//! The work-study service for learning companies (학습기업), company field teachers
//! (기업현장교사) and learning workers (학습근로자): a company's application, the agency's on-site
//! review and designation, hearings and measures, the company's field teachers with their
//! training, and the learning-work contracts (학습근로계약) with their changes and their ledger
//! of OJT and Off-JT days; the agency's approval of the company's work-study programmes
//! (일학습병행과정), the company's internal evaluations (내부평가) of their units and the
//! agency's completion certificate (이수증명서).
//!
//! For a contract and each of its changes the core decides too: the terms
//! ([`learning_contract::decide`](cqnet_core::learning_contract::decide)), a change of term,
//! the extension owed ([`extension::decide`](cqnet_core::extension::decide)), a termination
//! ([`termination::decide`](cqnet_core::termination::decide)) and a day of training
//! ([`learning_time::decide_session`](cqnet_core::learning_time::decide_session)). A contract's
//! change is authorised for the company the contract binds now.
//!
//! Every rule comes from the core: who may act ([`access::authorize`]: a company's staff file
//! for their own company, `Action::CompanyFiling`; the agency administers, `Action::Administer`),
//! whether a company meets the requirements ([`learning_company::decide`](cqnet_core::learning_company::decide), inside the
//! store's designation command), whether a measure is lawful ([`sanction::decide`]) and whether
//! a teacher qualifies ([`field_teacher::decide`]). A measure or a teacher the core does not
//! allow is refused with the core's reasons and the refusal is audited; the store checks the
//! same decision again inside its transaction, so a host calling the store directly is held to
//! it too.
//!
//! The reads answer one record by its identifier, or one page of a company's contracts,
//! programmes or field teachers in the order of their identifiers
//! ([`learning_contracts_of`](WorkStudyService::learning_contracts_of),
//! [`programmes_of`](WorkStudyService::programmes_of),
//! [`field_teachers_of`](WorkStudyService::field_teachers_of)): the company's staff and the
//! agency, asked once for the company (`Action::ViewTraining`), a refusal audited.
//!
//! The idempotency key a caller gives is scoped to the actor and the command
//! ([`IdempotencyKey::scoped`]), as the other services scope theirs.
//!
//! # Example
//! ```
//! use cqnet_store::{AsyncStore, FixedClock};
//! use cqnet_store::work_study::{AsyncWorkStudyStore, WorkStudyService};
//! fn service<S: AsyncStore + AsyncWorkStudyStore>(store: S) -> WorkStudyService<S, FixedClock> {
//!     WorkStudyService::new(store, FixedClock::new("2026-03-02T09:00:00Z".parse().unwrap()))
//! }
//! ```

use std::sync::Arc;

use chrono::NaiveDate;
use cqnet_core::access::{Action, PartyId, Target};
use cqnet_core::exam::decide_retake_window;
use cqnet_core::field_teacher;
use cqnet_core::rules::{RulePack, Rules};
use cqnet_core::window::korean_date;
use cqnet_core::{Reason, Track};
#[cfg(doc)]
use cqnet_core::{access, sanction};

use crate::authorization;
use crate::training::{InstitutionId, ServiceError};
#[cfg(doc)]
use crate::work_study::ListCursor;
use crate::work_study::PartialCertificateRequest;
use crate::work_study::{
    AsyncWorkStudyStore, CompanyApplication, ContractChange, ContractFilter, ContractId,
    ContractPage, ContractTermination, Conversion, ExtensionClaim, ExternalResultEntry,
    FieldTeacher, FieldTeacherPage, Hearing, InternalEvaluationEntry, LearningCompany,
    LearningContract, ListPage, MeasureOrder, NewContract, NewFieldTeacher, NewProgramme,
    OjtPermission, PassRecord, PermissionKind, Programme, ProgrammeId, ProgrammePage, SiteReview,
    TeacherTraining, TermChangeRequest, TrainingDayEntry,
};
use crate::{Actor, AsyncStore, Clock, CommandMeta, IdempotencyKey, Versioned};

/// The work-study service over a store of training records and learning companies.
///
/// # Example
/// See the [module documentation](super).
#[derive(Debug)]
pub struct WorkStudyService<S, C> {
    store: Arc<S>,
    clock: C,
    rules: Arc<RulePack>,
}

/// The access target of a company's records.
fn company_target(company: InstitutionId) -> Target {
    Target {
        company: PartyId::new(&company.to_string()).ok(),
        track: Some(Track::WorkStudy),
        ..Target::default()
    }
}

impl<S: AsyncStore + AsyncWorkStudyStore, C: Clock> WorkStudyService<S, C> {
    /// A service over `store`, with the embedded rule pack.
    ///
    /// # Example
    /// See the [module documentation](super).
    pub fn new(store: S, clock: C) -> Self {
        Self::from_shared(Arc::new(store), clock)
    }

    /// A service over a store shared with other services (the services of one
    /// [`Cqnet`](crate::Cqnet) share one), with the embedded rule pack.
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// use cqnet_store::{AsyncStore, FixedClock};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, WorkStudyService};
    /// fn service<S: AsyncStore + AsyncWorkStudyStore>(store: Arc<S>) -> WorkStudyService<S, FixedClock> {
    ///     WorkStudyService::from_shared(store, FixedClock::new("2026-03-02T09:00:00Z".parse().unwrap()))
    /// }
    /// ```
    pub fn from_shared(store: Arc<S>, clock: C) -> Self {
        WorkStudyService {
            store,
            clock,
            rules: Arc::new(RulePack::embedded().clone()),
        }
    }

    /// The same service with another rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_store::{AsyncStore, FixedClock};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, WorkStudyService};
    /// fn with_pack<S: AsyncStore + AsyncWorkStudyStore>(s: WorkStudyService<S, FixedClock>) -> WorkStudyService<S, FixedClock> {
    ///     s.with_rules(RulePack::embedded().clone())
    /// }
    /// ```
    pub fn with_rules(self, rules: RulePack) -> Self {
        self.with_shared_rules(Arc::new(rules))
    }

    /// The same service with a rule pack shared with other services.
    pub(crate) fn with_shared_rules(mut self, rules: Arc<RulePack>) -> Self {
        self.rules = rules;
        self
    }

    /// The store.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, FixedClock};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, WorkStudyService};
    /// async fn companies<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) -> usize {
    ///     s.store().learning_companies().await.map(|c| c.len()).unwrap_or(0)
    /// }
    /// ```
    pub fn store(&self) -> &S {
        &self.store
    }

    fn meta(&self, actor: &Actor) -> CommandMeta {
        CommandMeta::new(actor.clone(), self.clock.now()).under_rules(self.rules.clone())
    }

    fn today(&self) -> NaiveDate {
        korean_date(self.clock.now().fixed_offset())
    }

    fn rules_on(&self, day: NaiveDate) -> Result<Rules, ServiceError> {
        Ok(self.rules.rules_at(day)?)
    }

    async fn authorize(
        &self,
        actor: &Actor,
        action: Action,
        company: InstitutionId,
        command: &str,
    ) -> Result<(), ServiceError> {
        authorization::authorize(
            &*self.store,
            self.meta(actor),
            action,
            &company_target(company),
            command,
            format!("learning company {company}"),
        )
        .await
    }

    async fn refuse<T>(
        &self,
        actor: &Actor,
        command: &str,
        subject: String,
        reasons: Vec<Reason>,
    ) -> Result<T, ServiceError> {
        authorization::refuse(&*self.store, self.meta(actor), command, subject, reasons).await
    }

    /// Files a company's application for designation as a learning company (학습기업 지정
    /// 신청): its staff for their own company, or the agency.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::apply_for_designation`](super::commands::apply_for_designation).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, CompanyApplication, CompanyFacts, WorkStudyService};
    /// async fn apply<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let company = InstitutionId::from_u128(200);
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(company)).expect("a login");
    ///     let application = CompanyApplication { company, facts: CompanyFacts::example() };
    ///     let key = IdempotencyKey::new("apply-200").expect("a key");
    ///     let filed = s.apply_for_designation(&staff, &key, &application).await.expect("filed");
    ///     println!("{}", filed.value.status.code());
    /// }
    /// ```
    pub async fn apply_for_designation(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: &CompanyApplication,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        let command = "apply_for_designation";
        self.authorize(actor, Action::CompanyFiling, application.company, command)
            .await?;
        Ok(self
            .store
            .apply_for_designation(&self.meta(actor), &key.scoped(actor, command), application)
            .await?)
    }

    /// Records the on-site review (현장실사) of an applicant: the agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::record_site_review`](super::commands::record_site_review).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, SiteReview, WorkStudyService};
    /// async fn review<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let review = SiteReview { reviewed_on: "2026-03-02".parse().expect("a day"), facilities_confirmed: true };
    ///     let key = IdempotencyKey::new("review-200").expect("a key");
    ///     s.record_site_review(&agency, &key, InstitutionId::from_u128(200), &review).await.expect("recorded");
    /// }
    /// ```
    pub async fn record_site_review(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        company: InstitutionId,
        review: &SiteReview,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        self.authorize(actor, Action::Administer, company, "record_site_review")
            .await?;
        Ok(self
            .store
            .record_site_review(
                &self.meta(actor),
                &key.scoped(actor, "record_site_review"),
                company,
                review,
            )
            .await?)
    }

    /// Decides an applicant's designation (학습기업 지정) today: the agency only. The core's
    /// decision is recorded with its reasons ([`LearningCompany::latest_decision`]); the
    /// company is designated when it meets every requirement and refused (지정 거부) otherwise.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::designate`](super::commands::designate) (no on-site review recorded is a
    /// `Conflict` of kind `SiteReviewMissing`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, WorkStudyService};
    /// async fn designate<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let key = IdempotencyKey::new("designate-200").expect("a key");
    ///     let company = s.designate(&agency, &key, InstitutionId::from_u128(200)).await.expect("decided");
    ///     for reason in &company.value.latest_decision().expect("a decision").reasons {
    ///         println!("{} / {}", reason.message.ko, reason.message.en);
    ///     }
    /// }
    /// ```
    pub async fn designate(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        company: InstitutionId,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        self.authorize(actor, Action::Administer, company, "designate")
            .await?;
        Ok(self
            .store
            .designate(&self.meta(actor), &key.scoped(actor, "designate"), company)
            .await?)
    }

    /// Records a hearing (청문) of a designated company: the agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::record_hearing`](super::commands::record_hearing).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, Hearing, WorkStudyService};
    /// async fn hear<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let key = IdempotencyKey::new("hearing-200").expect("a key");
    ///     let hearing = Hearing { held_on: "2026-09-01".parse().expect("a day") };
    ///     s.record_hearing(&agency, &key, InstitutionId::from_u128(200), &hearing).await.expect("recorded");
    /// }
    /// ```
    pub async fn record_hearing(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        company: InstitutionId,
        hearing: &Hearing,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        self.authorize(actor, Action::Administer, company, "record_hearing")
            .await?;
        Ok(self
            .store
            .record_hearing(
                &self.meta(actor),
                &key.scoped(actor, "record_hearing"),
                company,
                hearing,
            )
            .await?)
    }

    /// Takes a measure against a designated company today (시정명령, 지정취소, 지정의 효력
    /// 정지): the agency only, and only as the core's sanction decision allows with the
    /// hearings recorded by today.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else, and with the core's reasons for a measure it
    /// does not allow (`hearing_required` before a cancellation, `suspension_too_long`,
    /// `cancellation_mandatory`), audited either way; [`ServiceError::Input`] for a ground the
    /// law does not list for a learning company; [`ServiceError::Rules`]; [`ServiceError::Store`]
    /// as [`commands::take_measure`](super::commands::take_measure).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::sanction::{Ground, Measure};
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::{InstitutionId, ServiceError};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, MeasureOrder, WorkStudyService};
    /// async fn suspend<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let key = IdempotencyKey::new("suspend-200").expect("a key");
    ///     let order = MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::Suspension, Some(6)).expect("an order");
    ///     match s.take_measure(&agency, &key, InstitutionId::from_u128(200), &order).await {
    ///         Err(ServiceError::Refused { reasons }) => println!("refused: {}", reasons[0].code),
    ///         other => println!("{other:?}"),
    ///     }
    /// }
    /// ```
    pub async fn take_measure(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        company: InstitutionId,
        order: &MeasureOrder,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        let command = "take_measure";
        self.authorize(actor, Action::Administer, company, command)
            .await?;
        let stored = self.store.learning_company(company).await?;
        let today = self.today();
        // A company that was never designated is the store's `NotDesignated`; the core's
        // decision is asked of a designated one, so that its reasons reach the caller.
        if stored.value.is_designated() {
            let decision = stored
                .value
                .measure_decision(order, today, &self.rules_on(today)?)?;
            if !decision.lawful {
                let subject = format!("learning company {company}: {}", order.measure());
                return self.refuse(actor, command, subject, decision.reasons).await;
            }
        }
        Ok(self
            .store
            .take_measure(
                &self.meta(actor),
                &key.scoped(actor, command),
                company,
                order,
            )
            .await?)
    }

    /// Registers a company field teacher (기업현장교사) for a designated company: its staff for
    /// their own company, or the agency, and only a teacher the core's decision qualifies.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else, and with the core's reason
    /// (`field_teacher_requirements_not_met`) for a candidate no route qualifies, audited
    /// either way; [`ServiceError::Rules`]; [`ServiceError::Store`] as
    /// [`commands::register_field_teacher`](super::commands::register_field_teacher) (a company
    /// not designated, a teacher of another company).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_core::field_teacher::Candidate;
    /// use cqnet_core::Years;
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, NewFieldTeacher, WorkStudyService};
    /// async fn register<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let company = InstitutionId::from_u128(200);
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(company)).expect("a login");
    ///     let teacher = NewFieldTeacher {
    ///         teacher: PartyId::new("teacher-1").expect("an id"),
    ///         company,
    ///         candidate: Candidate { practical_years: Years::whole(3).expect("years"), ..Candidate::default() },
    ///     };
    ///     let key = IdempotencyKey::new("teacher-1").expect("a key");
    ///     let t = s.register_field_teacher(&staff, &key, &teacher).await.expect("registered");
    ///     println!("{:?}", t.value.routes);
    /// }
    /// ```
    pub async fn register_field_teacher(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        teacher: &NewFieldTeacher,
    ) -> Result<Versioned<FieldTeacher>, ServiceError> {
        let command = "register_field_teacher";
        self.authorize(actor, Action::CompanyFiling, teacher.company, command)
            .await?;
        let decision = field_teacher::decide(&teacher.candidate, &self.rules_on(self.today())?);
        if !decision.qualified {
            let subject = format!(
                "field teacher {} of learning company {}",
                teacher.teacher, teacher.company
            );
            return self.refuse(actor, command, subject, decision.reasons).await;
        }
        Ok(self
            .store
            .register_field_teacher(&self.meta(actor), &key.scoped(actor, command), teacher)
            .await?)
    }

    /// Records a company field teacher's mandatory training (시행령 제9조제2항): the staff of
    /// the company named (which must be the teacher's own), or the agency.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::record_teacher_training`](super::commands::record_teacher_training) (a
    /// teacher of another company is a `Conflict` of kind `TeacherOfAnotherCompany`).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_core::Hours;
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, TeacherTraining, WorkStudyService};
    /// async fn trained<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let company = InstitutionId::from_u128(200);
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(company)).expect("a login");
    ///     let training = TeacherTraining { completed_on: "2026-03-01".parse().expect("a day"), hours: Hours::whole(18).expect("hours") };
    ///     let key = IdempotencyKey::new("training-1").expect("a key");
    ///     let who = PartyId::new("teacher-1").expect("an id");
    ///     s.record_teacher_training(&staff, &key, &who, company, &training).await.expect("recorded");
    /// }
    /// ```
    pub async fn record_teacher_training(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        teacher: &PartyId,
        company: InstitutionId,
        training: &TeacherTraining,
    ) -> Result<Versioned<FieldTeacher>, ServiceError> {
        self.authorize(
            actor,
            Action::CompanyFiling,
            company,
            "record_teacher_training",
        )
        .await?;
        Ok(self
            .store
            .record_teacher_training(
                &self.meta(actor),
                &key.scoped(actor, "record_teacher_training"),
                teacher,
                company,
                training,
            )
            .await?)
    }

    /// Concludes a learning-work contract (학습근로계약) of a learner with a designated company:
    /// the company's staff, or the agency, and only terms the core's
    /// [`learning_contract::decide`](cqnet_core::learning_contract::decide) allows.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else, and with the core's reasons
    /// (`contract_not_in_writing`, `contract_not_given`, `contract_too_long`), audited either
    /// way; [`ServiceError::Input`] for terms that describe no real contract;
    /// [`ServiceError::Rules`]; [`ServiceError::Store`] as
    /// [`commands::conclude_contract`](super::commands::conclude_contract) (a company not
    /// designated on the first day, a learner under another contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, ContractTerms, NewContract, WorkStudyService};
    /// async fn conclude<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let company = InstitutionId::from_u128(200);
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(company)).expect("a login");
    ///     let new = NewContract {
    ///         contract: ContractId::from_u128(1),
    ///         learner: PartyId::new("learner-1").expect("an id"),
    ///         born_on: "2004-05-06".parse().expect("a day"),
    ///         learner_name: None,
    ///         company,
    ///         terms: ContractTerms::example(),
    ///     };
    ///     let key = IdempotencyKey::new("contract-1").expect("a key");
    ///     let c = s.conclude_contract(&staff, &key, &new).await.expect("concluded");
    ///     println!("{}", c.value.status.code());
    /// }
    /// ```
    pub async fn conclude_contract(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: &NewContract,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let command = "conclude_contract";
        self.authorize(actor, Action::CompanyFiling, contract.company, command)
            .await?;
        let decision = contract.decision(&self.rules_on(self.today())?)?;
        if !decision.valid {
            let subject = format!("learning contract {}", contract.contract);
            return self.refuse(actor, command, subject, decision.reasons).await;
        }
        Ok(self
            .store
            .conclude_contract(&self.meta(actor), &key.scoped(actor, command), contract)
            .await?)
    }

    /// Runs one change of a contract: who may act is asked of the core for the contract's
    /// company, then `refusal` (the core's decision on the stored contract) may refuse with
    /// its reasons, audited; the store command asks the same again inside its transaction.
    async fn change(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        id: ContractId,
        action: Action,
        change: ContractChange,
        refusal: impl FnOnce(&LearningContract, &Self) -> Result<Vec<Reason>, ServiceError>,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let command = change.command();
        let stored = self.store.learning_contract(id).await?;
        self.authorize(actor, action, stored.value.company, command)
            .await?;
        let reasons = refusal(&stored.value, self)?;
        if !reasons.is_empty() {
            let subject = format!("learning contract {id}");
            return self.refuse(actor, command, subject, reasons).await;
        }
        Ok(self
            .store
            .change_contract(&self.meta(actor), &key.scoped(actor, command), id, &change)
            .await?)
    }

    /// Shortens or extends a contract's term (법 제21조제4항): the company's staff, or the
    /// agency, with the learner's consent and the agency's approval recorded.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else, and with the core's reasons
    /// (`term_change_without_consent`, `term_change_not_approved`, `contract_too_long`),
    /// audited either way; [`ServiceError::Input`]; [`ServiceError::Rules`];
    /// [`ServiceError::Store`] as [`commands::change_contract`](super::commands::change_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, TermChangeRequest, WorkStudyService};
    /// async fn shorten<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(InstitutionId::from_u128(200))).expect("a login");
    ///     let request = TermChangeRequest { new_end: "2027-09-02".parse().expect("a day"), learner_consented: true, approved_on: Some("2026-09-01".parse().expect("a day")) };
    ///     let key = IdempotencyKey::new("term-1").expect("a key");
    ///     s.change_contract_term(&staff, &key, ContractId::from_u128(1), &request).await.expect("changed");
    /// }
    /// ```
    pub async fn change_contract_term(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        request: &TermChangeRequest,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let change = ContractChange::Term(*request);
        self.change(
            actor,
            key,
            contract,
            Action::CompanyFiling,
            change,
            |c, s| {
                let today = s.today();
                Ok(c.term_change_decision(request, today, &s.rules_on(today)?)?
                    .reasons)
            },
        )
        .await
    }

    /// Grants the extension the employer owes after a failed external evaluation (법
    /// 제22조제3항), as the core's `extension` decision says: the company's staff, or the
    /// agency.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else, and with the core's reasons
    /// (`extension_count_exceeded` for a third one, `extension_total_exceeded`,
    /// `not_requested_by_learner`, `already_passed`), audited either way;
    /// [`ServiceError::Input`]; [`ServiceError::Rules`]; [`ServiceError::Store`] as
    /// [`commands::change_contract`](super::commands::change_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, ExtensionClaim, WorkStudyService};
    /// async fn extend<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(InstitutionId::from_u128(200))).expect("a login");
    ///     let claim = ExtensionClaim { failed_on: "2027-12-10".parse().expect("a day"), months: 6, learner_requested: true };
    ///     let key = IdempotencyKey::new("extend-1").expect("a key");
    ///     let c = s.extend_contract(&staff, &key, ContractId::from_u128(1), &claim).await.expect("extended");
    ///     println!("{}", c.value.ends_on);
    /// }
    /// ```
    pub async fn extend_contract(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        claim: &ExtensionClaim,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let change = ContractChange::OwedExtension(*claim);
        self.change(
            actor,
            key,
            contract,
            Action::CompanyFiling,
            change,
            |c, s| {
                let decision = c.extension_decision(claim, &s.rules_on(s.today())?)?;
                Ok(if decision.must_extend {
                    Vec::new()
                } else {
                    decision.reasons
                })
            },
        )
        .await
    }

    /// Terminates a contract (법 제23조), only as the core's `termination` decision allows
    /// (a just cause, notified in writing with its reason and date): the company's staff, or
    /// the agency. The statement of the training done is kept with it (법 제29조제3항).
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else, and with the core's reasons
    /// (`no_just_cause`, `notice_not_in_writing`), audited either way; [`ServiceError::Rules`];
    /// [`ServiceError::Store`] as [`commands::change_contract`](super::commands::change_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::termination::{Termination, TerminationGround};
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, ContractTermination, WorkStudyService};
    /// async fn terminate<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(InstitutionId::from_u128(200))).expect("a login");
    ///     let t = ContractTermination {
    ///         termination: Termination { ground: TerminationGround::LearnerGaveUp, written_notice: true, states_reason_and_date: true },
    ///         effective_on: "2026-09-01".parse().expect("a day"),
    ///     };
    ///     let key = IdempotencyKey::new("terminate-1").expect("a key");
    ///     let c = s.terminate_contract(&staff, &key, ContractId::from_u128(1), &t).await.expect("terminated");
    ///     println!("{:?}", c.value.termination.map(|t| t.fact.statement));
    /// }
    /// ```
    pub async fn terminate_contract(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        termination: &ContractTermination,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let change = ContractChange::Termination(*termination);
        self.change(
            actor,
            key,
            contract,
            Action::CompanyFiling,
            change,
            |_, s| {
                let decision =
                    LearningContract::termination_decision(termination, &s.rules_on(s.today())?);
                Ok(decision.reasons)
            },
        )
        .await
    }

    /// Records that the learner passed the external evaluation: the agency only. The contract
    /// ends on the pass (법 제22조제2항) and the company owes the conversion (법 제24조) until it
    /// records it ([`WorkStudyService::close_conversion`]).
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::change_contract`](super::commands::change_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, PassRecord, WorkStudyService};
    /// async fn passed<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let key = IdempotencyKey::new("pass-1").expect("a key");
    ///     let pass = PassRecord { passed_on: "2027-12-10".parse().expect("a day") };
    ///     let c = s.record_pass(&agency, &key, ContractId::from_u128(1), &pass).await.expect("recorded");
    ///     assert!(c.value.conversion_open());
    /// }
    /// ```
    pub async fn record_pass(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        pass: &PassRecord,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let change = ContractChange::Pass(*pass);
        self.change(actor, key, contract, Action::Administer, change, |_, _| {
            Ok(Vec::new())
        })
        .await
    }

    /// Records the external evaluation (외부평가) a learner sat, with the pass or fail of each
    /// unit (능력단위): the agency only (`Action::FinaliseResults`). The core decides the pass
    /// (`work_study::decide`: at least `work_study.external_unit_pass_percent` of the units) on
    /// the record the completion certificate (이수증명서) was issued on, under the rules of the
    /// sitting's day. A pass ends the contract on its announcement and opens the conversion
    /// the company owes (법 제22조제2항, 제24조), as [`WorkStudyService::record_pass`] does; a
    /// fail is kept, and is what [`WorkStudyService::extend_contract`] rests on. A retake must
    /// be sat inside the retake window (재응시 기간, `work_study.retake_limit`) that the
    /// first sitting's announcement opened.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone but the agency, and with the core's
    /// `retake_window_closed`, audited either way; [`ServiceError::Input`] for an entry of a
    /// course-based round, without a unit, or announced before it was sat;
    /// [`ServiceError::Rules`]; [`ServiceError::Store`] as
    /// [`commands::change_contract`](super::commands::change_contract)
    /// (`NotEligibleForExternal` without a completion certificate, `ContractEnded` after a pass
    /// or a termination, `DateOutOfOrder`).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::work_study::UnitResult;
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, ExternalResultEntry, WorkStudyService};
    /// async fn sat<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let entry = ExternalResultEntry {
    ///         round: RoundId::new("2027-W1-01").expect("a round"),
    ///         sat_on: "2027-05-15".parse().expect("a day"),
    ///         announced_on: "2027-06-11".parse().expect("a day"),
    ///         units: vec![UnitResult::new(None, true), UnitResult::new(None, true)],
    ///     };
    ///     let key = IdempotencyKey::new("external-1").expect("a key");
    ///     let c = s.record_external_result(&agency, &key, ContractId::from_u128(1), &entry).await.expect("recorded");
    ///     println!("passed: {}", c.value.external_results[0].passed);
    /// }
    /// ```
    pub async fn record_external_result(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        entry: &ExternalResultEntry,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        entry.check()?;
        let change = ContractChange::ExternalResult(entry.clone());
        self.change(
            actor,
            key,
            contract,
            Action::FinaliseResults,
            change,
            |c, s| {
                let Some(first) = c.external_results.first() else {
                    return Ok(Vec::new());
                };
                if entry.sat_on <= first.entry.announced_on {
                    // Out of order: the store says so with the dates.
                    return Ok(Vec::new());
                }
                let rules = s.rules_on(entry.sat_on)?;
                Ok(decide_retake_window(
                    Track::WorkStudy,
                    first.entry.announced_on,
                    entry.sat_on,
                    &rules,
                )?
                .reasons)
            },
        )
        .await
    }

    /// Records the conversion of a learner who passed into an open-ended employee (법 제24조),
    /// closing the duty: the company's staff, or the agency.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::change_contract`](super::commands::change_contract) (`ConversionNotOpen`
    /// without a pass).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, Conversion, WorkStudyService};
    /// async fn converted<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(InstitutionId::from_u128(200))).expect("a login");
    ///     let key = IdempotencyKey::new("convert-1").expect("a key");
    ///     let c = s.close_conversion(&staff, &key, ContractId::from_u128(1), &Conversion { converted_on: "2027-12-11".parse().expect("a day") }).await.expect("closed");
    ///     assert!(!c.value.conversion_open());
    /// }
    /// ```
    pub async fn close_conversion(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        conversion: &Conversion,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let change = ContractChange::Conversion(*conversion);
        self.change(
            actor,
            key,
            contract,
            Action::CompanyFiling,
            change,
            |_, _| Ok(Vec::new()),
        )
        .await
    }

    /// Carries a learner's programme on at another designated company (법 제14조제2항) when
    /// the contract's company's designation is cancelled or suspended: the agency only. The
    /// whole record moves; nothing is dropped.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::change_contract`](super::commands::change_contract) (`NotCarriedOn` while the
    /// company's designation is in force, `NotDesignated` for a destination not designated).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, WorkStudyService};
    /// async fn carry_on<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let key = IdempotencyKey::new("move-1").expect("a key");
    ///     let c = s.transfer_contract(&agency, &key, ContractId::from_u128(1), InstitutionId::from_u128(201)).await.expect("moved");
    ///     assert_eq!(c.value.company, InstitutionId::from_u128(201));
    /// }
    /// ```
    pub async fn transfer_contract(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        to: InstitutionId,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let change = ContractChange::Transfer { to };
        self.change(actor, key, contract, Action::Administer, change, |_, _| {
            Ok(Vec::new())
        })
        .await
    }

    /// Records a permission for night and holiday OJT (법 제27조제2항): the written agreement
    /// by the company's staff (or the agency), the ministry's authorisation by the agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::change_contract`](super::commands::change_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, OjtPermission, PermissionKind, WorkStudyService};
    /// async fn agreed<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(InstitutionId::from_u128(200))).expect("a login");
    ///     let key = IdempotencyKey::new("agreement-1").expect("a key");
    ///     let p = OjtPermission { kind: PermissionKind::WrittenAgreement, granted_on: "2026-03-02".parse().expect("a day") };
    ///     s.record_ojt_permission(&staff, &key, ContractId::from_u128(1), &p).await.expect("recorded");
    /// }
    /// ```
    pub async fn record_ojt_permission(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        permission: &OjtPermission,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let action = match permission.kind {
            PermissionKind::WrittenAgreement => Action::CompanyFiling,
            PermissionKind::MinistryAuthorisation => Action::Administer,
        };
        let change = ContractChange::OjtPermission(*permission);
        self.change(actor, key, contract, action, change, |_, _| Ok(Vec::new()))
            .await
    }

    /// Records one day of OJT or Off-JT in the contract's ledger, as the core's
    /// `learning_time` decision allows: the company's staff, or the agency.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else, and with the core's reasons
    /// (`ojt_daily_hours_exceeded`, `daily_hours_exceeded`,
    /// `night_holiday_ojt_without_agreement`, `night_holiday_ojt_without_authorisation`,
    /// `absence_not_excused`), audited either way; [`ServiceError::Rules`];
    /// [`ServiceError::Store`] as [`commands::change_contract`](super::commands::change_contract).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::learning_time::{Session, TrainingKind};
    /// use cqnet_core::Hours;
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, TrainingDayEntry, WorkStudyService};
    /// async fn day<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(InstitutionId::from_u128(200))).expect("a login");
    ///     let session = Session::new(TrainingKind::Ojt, "2026-03-03".parse().expect("a day"), "09:00".parse().expect("a time"), "16:00".parse().expect("a time"), Hours::whole(6).expect("hours"), false).expect("a session");
    ///     let key = IdempotencyKey::new("day-1").expect("a key");
    ///     let entry = TrainingDayEntry { session, pregnant: false, public_holiday: false };
    ///     s.record_training_day(&staff, &key, ContractId::from_u128(1), &entry).await.expect("recorded");
    /// }
    /// ```
    pub async fn record_training_day(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        entry: &TrainingDayEntry,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let change = ContractChange::TrainingDay(*entry);
        self.change(
            actor,
            key,
            contract,
            Action::CompanyFiling,
            change,
            |c, s| {
                let decision = c.session_decision(entry, &s.rules_on(entry.session.day())?);
                Ok(decision.reasons)
            },
        )
        .await
    }

    /// Approves a work-study programme (일학습병행과정 인정) of a designated company: the agency
    /// only, and only a programme the core's
    /// [`programme::decide`](cqnet_core::programme::decide) finds at its occupation's training
    /// standard (교육훈련기준).
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else, and with the core's reasons
    /// (`mandatory_unit_missing`, `unknown_unit`, `unit_ojt_hours_below_standard`,
    /// `unit_off_jt_hours_below_standard`, `internal_evaluation_plan_missing`,
    /// `programme_too_short`, `programme_too_long`), audited either way;
    /// [`ServiceError::Rules`]; [`ServiceError::Store`] as
    /// [`commands::approve_programme`](super::commands::approve_programme) (a company not
    /// designated, or suspended or cancelled, on the day).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, NewProgramme, ProgrammeId, WorkStudyService};
    /// async fn approve<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let new = NewProgramme::example(ProgrammeId::from_u128(1), InstitutionId::from_u128(200));
    ///     let key = IdempotencyKey::new("programme-1").expect("a key");
    ///     let p = s.approve_programme(&agency, &key, &new).await.expect("approved");
    ///     println!("{}", p.value.approved_on);
    /// }
    /// ```
    pub async fn approve_programme(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        programme: &NewProgramme,
    ) -> Result<Versioned<Programme>, ServiceError> {
        let command = "approve_programme";
        self.authorize(actor, Action::Administer, programme.company, command)
            .await?;
        let decision = programme.decision(&self.rules_on(self.today())?);
        if !decision.approvable {
            let subject = format!(
                "programme {} of learning company {}",
                programme.programme, programme.company
            );
            return self.refuse(actor, command, subject, decision.reasons).await;
        }
        Ok(self
            .store
            .approve_programme(&self.meta(actor), &key.scoped(actor, command), programme)
            .await?)
    }

    /// Records an internal evaluation (내부평가) of a unit of the company's approved programme
    /// for a learner under contract: the staff of the company the contract binds, or the
    /// agency. Whether the unit passed is the core's.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::change_contract`](super::commands::change_contract) (a programme of another
    /// company is `LearnerOfAnotherCompany`, a unit not in it `UnitNotInProgramme`). A score
    /// out of 0 to 100 cannot be built ([`cqnet_core::Score::new`] refuses it).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Score, UnitCode};
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, InternalEvaluationEntry, ProgrammeId, WorkStudyService};
    /// async fn evaluate<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(InstitutionId::from_u128(200))).expect("a login");
    ///     let entry = InternalEvaluationEntry {
    ///         programme: ProgrammeId::from_u128(1),
    ///         unit: UnitCode::new("1501020101_20v3").expect("a code"),
    ///         score: Score::whole(85).expect("a score"),
    ///         evaluated_on: "2026-06-01".parse().expect("a day"),
    ///     };
    ///     let key = IdempotencyKey::new("evaluation-1").expect("a key");
    ///     let c = s.record_internal_evaluation(&staff, &key, ContractId::from_u128(1), &entry).await.expect("recorded");
    ///     println!("{}", c.value.evaluations.len());
    /// }
    /// ```
    pub async fn record_internal_evaluation(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        entry: &InternalEvaluationEntry,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let change = ContractChange::InternalEvaluation(entry.clone());
        self.change(
            actor,
            key,
            contract,
            Action::CompanyFiling,
            change,
            |_, _| Ok(Vec::new()),
        )
        .await
    }

    /// Issues the partial completion certificate (시행규칙 제8조, 별지 제3호서식) a learner who
    /// left early asked for: the employer, so the learner's company's staff
    /// (`Action::CompanyFiling`; the agency too). It holds the training done until the
    /// termination took effect, as the termination's statement keeps it, and the units whose
    /// latest internal evaluation passed; issued once.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::change_contract`](super::commands::change_contract) (`NotLeftEarly` for a
    /// contract not terminated, `DateOutOfOrder` for a request after today or before the
    /// contract, `AlreadyExists` once issued).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, PartialCertificateRequest, WorkStudyService};
    /// async fn issue<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let employer = Actor::new("lee.hr", Role::CompanyStaff(InstitutionId::from_u128(7))).expect("a login");
    ///     let key = IdempotencyKey::new("partial-1").expect("a key");
    ///     let asked = PartialCertificateRequest { requested_on: "2026-09-03".parse().expect("a day") };
    ///     let c = s.issue_partial_certificate(&employer, &key, ContractId::from_u128(1), &asked).await.expect("issued");
    ///     println!("{:?}", c.value.partial_certificate.map(|p| p.statement.ojt_hours));
    /// }
    /// ```
    pub async fn issue_partial_certificate(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        request: &PartialCertificateRequest,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let change = ContractChange::PartialCertificate(*request);
        self.change(
            actor,
            key,
            contract,
            Action::CompanyFiling,
            change,
            |_, _| Ok(Vec::new()),
        )
        .await
    }

    /// Issues the completion certificate (이수증명서) of the programme a learner's internal
    /// evaluations belong to: the employer issues it (시행규칙 제8조), so the learner's company's
    /// staff (`Action::CompanyFiling`; the agency too), and only when the core's
    /// [`work_study::decide`](cqnet_core::work_study::decide), on the programme's units and
    /// planned hours, the evaluations recorded and the contract's ledger of OJT and Off-JT
    /// hours up to today, finds the internal evaluation passed with enough attendance.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (another company's staff), and with the
    /// core's reasons (`internal_unit_pass_ratio_below_minimum`, `attendance_below_minimum`), audited either
    /// way; [`ServiceError::Input`]; [`ServiceError::Rules`]; [`ServiceError::Store`] as
    /// [`commands::change_contract`](super::commands::change_contract) (`CompletionRefused`
    /// without an internal evaluation, `AlreadyExists` once issued).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, WorkStudyService};
    /// async fn issue<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let employer = Actor::new("lee.hr", Role::CompanyStaff(InstitutionId::from_u128(7))).expect("a login");
    ///     let key = IdempotencyKey::new("certificate-1").expect("a key");
    ///     let c = s.issue_completion_certificate(&employer, &key, ContractId::from_u128(1)).await.expect("issued");
    ///     println!("{:?}", c.value.completion.map(|c| c.issued_on));
    /// }
    /// ```
    pub async fn issue_completion_certificate(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let change = ContractChange::CompletionCertificate;
        let command = change.command();
        let stored = self.store.learning_contract(contract).await?;
        self.authorize(actor, Action::CompanyFiling, stored.value.company, command)
            .await?;
        if let Some(id) = stored.value.programme {
            let programme = self.store.programme(id).await?;
            let today = self.today();
            let decision = stored.value.completion_decision(
                &programme.value,
                today,
                &self.rules_on(today)?,
            )?;
            if !decision.completion_certificate {
                let subject = format!("learning contract {contract}");
                return self.refuse(actor, command, subject, decision.reasons).await;
            }
        }
        Ok(self
            .store
            .change_contract(
                &self.meta(actor),
                &key.scoped(actor, command),
                contract,
                &change,
            )
            .await?)
    }

    /// Whether `actor` may read the records of `company` (and of `candidate`, when the record
    /// is a learner's), as the core's `Action::ViewTraining` rule says; a refusal is audited
    /// under `command` with `subject`.
    async fn authorize_read(
        &self,
        actor: &Actor,
        company: InstitutionId,
        candidate: Option<&PartyId>,
        command: &str,
        subject: String,
    ) -> Result<(), ServiceError> {
        let target = Target {
            candidate: candidate.cloned(),
            ..company_target(company)
        };
        authorization::authorize(
            &*self.store,
            self.meta(actor),
            Action::ViewTraining,
            &target,
            command,
            subject,
        )
        .await
    }

    /// A learning company (학습기업) with its whole history: its staff for their own company,
    /// and the agency (`Action::ViewTraining`).
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] with
    /// `NotFound` for a company that never applied.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, WorkStudyService};
    /// async fn read<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let company = InstitutionId::from_u128(200);
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(company)).expect("a login");
    ///     let read = s.company(&staff, company).await.expect("read");
    ///     println!("{}", read.value.status.code());
    /// }
    /// ```
    pub async fn company(
        &self,
        actor: &Actor,
        company: InstitutionId,
    ) -> Result<Versioned<LearningCompany>, ServiceError> {
        let stored = self.store.learning_company(company).await?;
        self.authorize_read(
            actor,
            company,
            None,
            "read_learning_company",
            format!("learning company {company}"),
        )
        .await?;
        Ok(stored)
    }

    /// A company field teacher (기업현장교사): the staff of the company they belong to, and the
    /// agency (`Action::ViewTraining`).
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] with
    /// `NotFound` for a teacher never registered.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, Role};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, WorkStudyService};
    /// async fn read<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let teacher = PartyId::new("teacher-1").expect("an id");
    ///     let read = s.field_teacher(&agency, &teacher).await.expect("read");
    ///     println!("{}", read.value.training.is_some());
    /// }
    /// ```
    pub async fn field_teacher(
        &self,
        actor: &Actor,
        teacher: &PartyId,
    ) -> Result<Versioned<FieldTeacher>, ServiceError> {
        let stored = self.store.field_teacher(teacher).await?;
        self.authorize_read(
            actor,
            stored.value.company,
            None,
            "read_field_teacher",
            format!("field teacher {teacher}"),
        )
        .await?;
        Ok(stored)
    }

    /// A learning-work contract (학습근로계약) with its history and its ledger: the staff of the
    /// company it binds now, the learner it names (a learner whose party is the contract's
    /// learner) and the agency (`Action::ViewTraining`).
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] with
    /// `NotFound` for a contract never concluded.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId, WorkStudyService};
    /// async fn read<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(InstitutionId::from_u128(200))).expect("a login");
    ///     let read = s.contract(&staff, ContractId::from_u128(1)).await.expect("read");
    ///     println!("{} days", read.value.days.len());
    /// }
    /// ```
    pub async fn contract(
        &self,
        actor: &Actor,
        contract: ContractId,
    ) -> Result<Versioned<LearningContract>, ServiceError> {
        let stored = self.store.learning_contract(contract).await?;
        self.authorize_read(
            actor,
            stored.value.company,
            Some(&stored.value.learner),
            "read_learning_contract",
            format!("learning contract {contract}"),
        )
        .await?;
        Ok(stored)
    }

    /// An approved work-study programme (일학습병행과정): the staff of the company that runs it,
    /// and the agency (`Action::ViewTraining`).
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] with
    /// `NotFound` for a programme never approved.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, Role};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ProgrammeId, WorkStudyService};
    /// async fn read<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let read = s.programme(&agency, ProgrammeId::from_u128(1)).await.expect("read");
    ///     println!("{}", read.value.approved_on);
    /// }
    /// ```
    pub async fn programme(
        &self,
        actor: &Actor,
        programme: ProgrammeId,
    ) -> Result<Versioned<Programme>, ServiceError> {
        let stored = self.store.programme(programme).await?;
        self.authorize_read(
            actor,
            stored.value.company,
            None,
            "read_programme",
            format!("programme {programme}"),
        )
        .await?;
        Ok(stored)
    }

    /// Whether `actor` may read the lists of `company` (its staff, the agency), asked once
    /// for the company with the core's `Action::ViewTraining` rule before anything is read, so
    /// that a refusal (audited under `command`) does not tell whether the company exists; then
    /// the company, which an allowed reader finds `NotFound` when it never applied.
    async fn authorize_list(
        &self,
        actor: &Actor,
        company: InstitutionId,
        command: &str,
    ) -> Result<(), ServiceError> {
        self.authorize_read(
            actor,
            company,
            None,
            command,
            format!("learning company {company}"),
        )
        .await?;
        self.store.learning_company(company).await?;
        Ok(())
    }

    /// One page of the learning-work contracts (학습근로계약) a learning company holds now, in
    /// the order of their identifiers, those `filter` keeps: the company's staff and the agency
    /// (`Action::ViewTraining`, asked once for the company).
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (another company's staff, a learner), audited,
    /// whether the company exists or not; [`ServiceError::Store`] with `NotFound` for a company
    /// that never applied. A page size or a cursor that does not read is refused before, by
    /// [`ListPage::new`] and [`ListCursor::parse`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractFilter, ContractStatusKind, ListPage, WorkStudyService};
    /// async fn owed<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let company = InstitutionId::from_u128(200);
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(company)).expect("a login");
    ///     let filter = ContractFilter { status: Some(ContractStatusKind::Passed), conversion_open: Some(true) };
    ///     let mut page = ListPage::new(50).expect("a size");
    ///     loop {
    ///         let read = s.learning_contracts_of(&staff, company, &filter, &page).await.expect("read");
    ///         for c in &read.items {
    ///             println!("{} owes a conversion", c.value.contract);
    ///         }
    ///         match read.next {
    ///             Some(next) => page = page.after(&next),
    ///             None => break,
    ///         }
    ///     }
    /// }
    /// ```
    pub async fn learning_contracts_of(
        &self,
        actor: &Actor,
        company: InstitutionId,
        filter: &ContractFilter,
        page: &ListPage<ContractId>,
    ) -> Result<ContractPage, ServiceError> {
        self.authorize_list(actor, company, "list_learning_contracts")
            .await?;
        let mut held = self.store.learning_contracts(company).await?;
        held.retain(|c| filter.matches(&c.value));
        Ok(page.cut(held, |c| c.contract))
    }

    /// One page of a learning company's approved work-study programmes (일학습병행과정), in the
    /// order of their identifiers: the company's staff and the agency
    /// (`Action::ViewTraining`, asked once for the company).
    ///
    /// # Errors
    /// As [`WorkStudyService::learning_contracts_of`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ListPage, WorkStudyService};
    /// async fn first<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let company = InstitutionId::from_u128(200);
    ///     let read = s.programmes_of(&agency, company, &ListPage::default()).await.expect("read");
    ///     println!("{} programmes, more: {}", read.items.len(), read.next.is_some());
    /// }
    /// ```
    pub async fn programmes_of(
        &self,
        actor: &Actor,
        company: InstitutionId,
        page: &ListPage<ProgrammeId>,
    ) -> Result<ProgrammePage, ServiceError> {
        self.authorize_list(actor, company, "list_programmes")
            .await?;
        let approved = self.store.programmes(company).await?;
        Ok(page.cut(approved, |p| p.programme))
    }

    /// One page of a learning company's field teachers (기업현장교사), in the order of their
    /// identifiers: the company's staff and the agency (`Action::ViewTraining`, asked once for
    /// the company).
    ///
    /// # Errors
    /// As [`WorkStudyService::learning_contracts_of`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, Role};
    /// use cqnet_store::training::InstitutionId;
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ListPage, WorkStudyService};
    /// async fn trained<S: AsyncStore + AsyncWorkStudyStore>(s: &WorkStudyService<S, FixedClock>) {
    ///     let company = InstitutionId::from_u128(200);
    ///     let staff = Actor::new("lee.hr", Role::CompanyStaff(company)).expect("a login");
    ///     let read = s.field_teachers_of(&staff, company, &ListPage::default()).await.expect("read");
    ///     for t in &read.items {
    ///         println!("{}: trained {}", t.value.teacher, t.value.training.is_some());
    ///     }
    /// }
    /// ```
    pub async fn field_teachers_of(
        &self,
        actor: &Actor,
        company: InstitutionId,
        page: &ListPage<PartyId>,
    ) -> Result<FieldTeacherPage, ServiceError> {
        self.authorize_list(actor, company, "list_field_teachers")
            .await?;
        let registered = self.store.field_teachers(company).await?;
        Ok(page.cut(registered, |t| t.teacher.clone()))
    }
}
