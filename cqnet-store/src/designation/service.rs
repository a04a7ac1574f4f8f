//! The course designation service: the agency's call, an institution's application, the
//! agency's screenings, the committee's deliberation, the designation, operation checks,
//! hearings, measures and the retention call.
//!
//! Every rule comes from the core: who may act ([`access::authorize`]: an institution's staff
//! file for their own institution, `Action::InstitutionFiling`; the agency administers,
//! `Action::Administer`), whether an application fits its call, standard and teachers
//! ([`commands::application_findings`](super::commands::application_findings)), the screening,
//! and whether a measure is lawful ([`sanction::decide`]). An application or a measure the core
//! does not allow is refused with the core's reasons and the refusal is audited; the store asks
//! the same decision again inside its transaction, so a host calling the store directly is
//! held to it too.
//!
//! The idempotency key a caller gives is scoped to the actor and the command
//! ([`IdempotencyKey::scoped`]), as the other services scope theirs.
//!
//! # Example
//! ```
//! use cqnet_store::{AsyncStore, FixedClock};
//! use cqnet_store::designation::{AsyncCourseDesignationStore, DesignationService};
//! fn service<S: AsyncStore + AsyncCourseDesignationStore>(store: S) -> DesignationService<S, FixedClock> {
//!     DesignationService::new(store, FixedClock::new("2026-01-12T01:00:00Z".parse().unwrap()))
//! }
//! ```

use std::sync::Arc;

use cqnet_core::access::{Action, PartyId, Target};
use cqnet_core::operation_check::QuarterlyChecks;
use cqnet_core::rules::RulePack;
use cqnet_core::window::korean_date;
use cqnet_core::{InputError, QualificationCode, Reason, Score, Track};
#[cfg(doc)]
use cqnet_core::{access, sanction};

use super::commands::application_findings;
use crate::authorization;
use crate::designation::{
    AsyncCourseDesignationStore, CallId, CourseApplication, CourseApplicationId,
    CourseMeasureOrder, CourseMissingChecks, Deliberation, DesignationCall, DesignationRecord,
    MissingChecksQuery, OperationCheck, RetentionReport,
};
use crate::search::Page;
use crate::training::{CourseId, InstitutionId, ServiceError};
use crate::work_study::Hearing;
use crate::{Actor, AsyncCatalogStore, AsyncStore, Clock, CommandMeta, IdempotencyKey, Versioned};

/// The course designation service over a store of training records and designations.
///
/// # Example
/// See the [module documentation](super).
#[derive(Debug)]
pub struct DesignationService<S, C> {
    store: Arc<S>,
    clock: C,
    rules: Arc<RulePack>,
}

/// The access target of an institution's course records.
fn institution_target(institution: Option<InstitutionId>) -> Target {
    Target {
        institution: institution.and_then(|i| PartyId::new(&i.to_string()).ok()),
        track: Some(Track::CourseBased),
        ..Target::default()
    }
}

impl<S: AsyncStore + AsyncCourseDesignationStore, C: Clock> DesignationService<S, C> {
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
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, DesignationService};
    /// fn service<S: AsyncStore + AsyncCourseDesignationStore>(store: Arc<S>) -> DesignationService<S, FixedClock> {
    ///     DesignationService::from_shared(store, FixedClock::new("2026-01-12T01:00:00Z".parse().unwrap()))
    /// }
    /// ```
    pub fn from_shared(store: Arc<S>, clock: C) -> Self {
        DesignationService {
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
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, DesignationService};
    /// fn with_pack<S: AsyncStore + AsyncCourseDesignationStore>(s: DesignationService<S, FixedClock>) -> DesignationService<S, FixedClock> {
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
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, DesignationService};
    /// async fn calls<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) -> usize {
    ///     s.store().designation_calls().await.map(|c| c.len()).unwrap_or(0)
    /// }
    /// ```
    pub fn store(&self) -> &S {
        &self.store
    }

    fn meta(&self, actor: &Actor) -> CommandMeta {
        CommandMeta::new(actor.clone(), self.clock.now()).under_rules(self.rules.clone())
    }

    async fn authorize(
        &self,
        actor: &Actor,
        action: Action,
        institution: Option<InstitutionId>,
        command: &str,
        subject: String,
    ) -> Result<(), ServiceError> {
        authorization::authorize(
            &*self.store,
            self.meta(actor),
            action,
            &institution_target(institution),
            command,
            subject,
        )
        .await
    }

    async fn administer(
        &self,
        actor: &Actor,
        command: &str,
        subject: String,
    ) -> Result<(), ServiceError> {
        self.authorize(actor, Action::Administer, None, command, subject)
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

    /// A yearly call (모집공고) as it was opened: public, as the call is published.
    ///
    /// # Errors
    /// [`ServiceError::Store`] with `NotFound` for a call never opened.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, FixedClock};
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, CallId, DesignationService};
    /// async fn year<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) -> Option<i32> {
    ///     s.call(CallId::from_u128(1)).await.ok().map(|c| c.value.year())
    /// }
    /// ```
    pub async fn call(&self, id: CallId) -> Result<Versioned<DesignationCall>, ServiceError> {
        Ok(self.store.designation_call(id).await?)
    }

    /// An application (지정신청) with everything recorded about it, from the screenings to the
    /// measures: the staff of the institution that filed it, and the agency.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] with
    /// `NotFound` for an application never filed or removed after its retention period.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, Role};
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, CourseApplicationId, DesignationService};
    /// async fn status<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     if let Ok(record) = s.application(&agency, CourseApplicationId::from_u128(1)).await {
    ///         println!("{}", record.value.status.code());
    ///     }
    /// }
    /// ```
    pub async fn application(
        &self,
        actor: &Actor,
        id: CourseApplicationId,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        let record = self.store.course_application(id).await?;
        self.authorize(
            actor,
            Action::InstitutionFiling,
            Some(record.value.application.institution),
            "view_course_application",
            format!("course application {id}"),
        )
        .await?;
        Ok(record)
    }

    /// The quarters of a designated course's run that ended without the operation checks of
    /// 시행령 제14조의4 (매 분기 1회 이상), decided by the core on today's Korean date under the
    /// rules in force then: the agency's oversight of its own duty, the agency only. `None` for
    /// an application never designated.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] with
    /// `NotFound` for an application never filed; [`ServiceError::Rules`] when no rules are in
    /// force today.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, Role};
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, CourseApplicationId, DesignationService};
    /// async fn missed<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     if let Ok(Some(decision)) = s.quarterly_checks(&agency, CourseApplicationId::from_u128(1)).await {
    ///         for quarter in decision.missing { println!("{quarter}"); }
    ///     }
    /// }
    /// ```
    pub async fn quarterly_checks(
        &self,
        actor: &Actor,
        id: CourseApplicationId,
    ) -> Result<Option<QuarterlyChecks>, ServiceError> {
        self.administer(
            actor,
            "view_quarterly_checks",
            format!("course application {id}"),
        )
        .await?;
        let record = self.store.course_application(id).await?;
        let today = korean_date(self.clock.now().fixed_offset());
        let rules = self.rules.rules_at(today)?;
        Ok(record.value.quarterly_checks(today, &rules))
    }

    /// The agency's quarterly oversight of every designated course at once (분기 운영 확인
    /// 점검, 시행령 제14조의4: 매 분기 1회 이상): one page of the designated course runs (status
    /// `designated`, not cancelled) of the query's call and qualification with the quarters of
    /// their run that ended before the query's day without their check, oldest missed quarter
    /// first, then by application id. The core decides each course's quarters
    /// ([`DesignationRecord::quarterly_checks`]) on that day under the rules in force on it; a
    /// course with no quarter missing is not listed. The agency only, as
    /// [`DesignationService::quarterly_checks`].
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Input`] for a day
    /// after today's Korean date (a quarter not yet over is not missed);
    /// [`ServiceError::Rules`] when no rules are in force on the day; [`ServiceError::Store`]
    /// when the store fails. A bad page size or cursor is refused before, by
    /// [`MissingChecksQuery`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, Role};
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, DesignationService, MissingChecksQuery};
    /// async fn oversight<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) -> Result<(), Box<dyn std::error::Error>> {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
    ///     let mut query = MissingChecksQuery::new("2027-01-05".parse()?, None, None, 50)?;
    ///     loop {
    ///         let page = s.missing_operation_checks(&agency, &query).await?;
    ///         for row in &page.items {
    ///             println!("{}: {} quarter(s) missed", row.application, row.decision.missing.len());
    ///         }
    ///         match page.next {
    ///             Some(cursor) => query = query.after(&cursor)?,
    ///             None => return Ok(()),
    ///         }
    ///     }
    /// }
    /// ```
    pub async fn missing_operation_checks(
        &self,
        actor: &Actor,
        query: &MissingChecksQuery,
    ) -> Result<Page<CourseMissingChecks>, ServiceError> {
        self.administer(actor, "view_missing_operation_checks", query.subject())
            .await?;
        let on = query.on();
        let today = korean_date(self.clock.now().fixed_offset());
        if on > today {
            return Err(ServiceError::Input(InputError::Inconsistent(format!(
                "the oversight on {on} is after today ({today} in Korea): a quarter not yet over is not missed"
            ))));
        }
        let rules = self.rules.rules_at(on)?;
        let records = self
            .store
            .designated_course_applications(query.call(), query.qualification())
            .await?;
        let rows = records
            .iter()
            .filter_map(|r| CourseMissingChecks::of(&r.value, on, &rules))
            .collect();
        Ok(query.page(rows))
    }

    /// Opens a yearly call (모집공고): the agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::open_call`](super::commands::open_call).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, FixedClock, IdempotencyKey, Actor, Role};
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, DesignationCall, DesignationService};
    /// async fn open<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>, call: &DesignationCall) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let key = IdempotencyKey::new("call-2026").expect("a key");
    ///     s.open_call(&agency, &key, call).await.expect("opened");
    /// }
    /// ```
    pub async fn open_call(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        call: &DesignationCall,
    ) -> Result<Versioned<DesignationCall>, ServiceError> {
        let command = "open_call";
        self.administer(actor, command, format!("designation call {}", call.id()))
            .await?;
        Ok(self
            .store
            .open_call(&self.meta(actor), &key.scoped(actor, command), call)
            .await?)
    }

    /// Files an institution's application (지정신청): its staff for their own institution, or
    /// the agency, and only one the core finds inside its call, with a plan that meets its
    /// standard and teachers of the kinds the Decree lists.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else, and with the core's reasons
    /// (`outside_designation_window`, `qualification_not_in_call`, the plan's reasons such as
    /// `mandatory_unit_missing`, `no_teacher`, `teacher_not_eligible`), audited either way;
    /// [`ServiceError::Store`] as [`commands::apply_for_course`](super::commands::apply_for_course).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, CourseApplication, DesignationService};
    /// async fn apply<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let application = CourseApplication::example();
    ///     let staff = Actor::new("kim.staff", Role::InstitutionStaff(application.institution)).expect("a login");
    ///     let key = IdempotencyKey::new("apply-1").expect("a key");
    ///     let filed = s.apply(&staff, &key, &application).await.expect("filed");
    ///     println!("{}", filed.value.status.code());
    /// }
    /// ```
    pub async fn apply(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: &CourseApplication,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        let command = "apply_for_course";
        let subject = format!("course application {}", application.id);
        self.authorize(
            actor,
            Action::InstitutionFiling,
            Some(application.institution),
            command,
            subject.clone(),
        )
        .await?;
        // An unknown call or standard is the store's `NotFound`; the core's findings are asked
        // of the ones stored, so that its reasons reach the caller.
        let call = self.store.designation_call(application.call).await.ok();
        let curriculum = AsyncCatalogStore::standard(
            &*self.store,
            &application.qualification,
            &application.standard_version,
        )
        .await
        .ok();
        if let Some(call) = call {
            let now = self.clock.now().fixed_offset();
            let rules = self.rules.rules_at(korean_date(now))?;
            let findings =
                application_findings(&call.value, curriculum.as_ref(), application, now, &rules);
            let refusals = findings.refusals();
            if !refusals.is_empty() {
                return self.refuse(actor, command, subject, refusals).await;
            }
        }
        Ok(self
            .store
            .apply_for_course(&self.meta(actor), &key.scoped(actor, command), application)
            .await?)
    }

    /// Decides the document screening (서류심사) of one call and qualification with a score for
    /// each application: the agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::screen_documents`](super::commands::screen_documents).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{QualificationCode, Score};
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::designation::{CourseApplicationId, AsyncCourseDesignationStore, CallId, DesignationService};
    /// async fn screen<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let scores = [(CourseApplicationId::from_u128(1), Score::new(82.into()).expect("a score"))];
    ///     let key = IdempotencyKey::new("documents-6921").expect("a key");
    ///     let q = QualificationCode::new("6921").expect("a code");
    ///     let screened = s.screen_documents(&agency, &key, CallId::from_u128(1), &q, &scores).await.expect("screened");
    ///     println!("{}", screened.len());
    /// }
    /// ```
    pub async fn screen_documents(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> Result<Vec<Versioned<DesignationRecord>>, ServiceError> {
        let command = "screen_documents";
        self.administer(actor, command, format!("call {call}, {qualification}"))
            .await?;
        Ok(self
            .store
            .screen_documents(
                &self.meta(actor),
                &key.scoped(actor, command),
                call,
                qualification,
                scores,
            )
            .await?)
    }

    /// Decides the on-site screening (현장심사) of one call and qualification with a score for
    /// each document passer: the agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::screen_on_site`](super::commands::screen_on_site).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{QualificationCode, Score};
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::designation::{CourseApplicationId, AsyncCourseDesignationStore, CallId, DesignationService};
    /// async fn screen<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let scores = [(CourseApplicationId::from_u128(1), Score::new(90.into()).expect("a score"))];
    ///     let key = IdempotencyKey::new("on-site-6921").expect("a key");
    ///     let q = QualificationCode::new("6921").expect("a code");
    ///     s.screen_on_site(&agency, &key, CallId::from_u128(1), &q, &scores).await.expect("screened");
    /// }
    /// ```
    pub async fn screen_on_site(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> Result<Vec<Versioned<DesignationRecord>>, ServiceError> {
        let command = "screen_on_site";
        self.administer(actor, command, format!("call {call}, {qualification}"))
            .await?;
        Ok(self
            .store
            .screen_on_site(
                &self.meta(actor),
                &key.scoped(actor, command),
                call,
                qualification,
                scores,
            )
            .await?)
    }

    /// Records the committee's deliberation (정책심의회 심의) on one call and qualification: the
    /// agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::deliberate`](super::commands::deliberate).
    ///
    /// # Example
    /// ```
    /// use std::collections::BTreeSet;
    /// use cqnet_core::QualificationCode;
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, CallId, Deliberation, DesignationService};
    /// async fn deliberate<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let d = Deliberation { held_on: "2026-03-10".parse().expect("a day"), not_approved: BTreeSet::new() };
    ///     let key = IdempotencyKey::new("committee-6921").expect("a key");
    ///     let q = QualificationCode::new("6921").expect("a code");
    ///     s.deliberate(&agency, &key, CallId::from_u128(1), &q, &d).await.expect("recorded");
    /// }
    /// ```
    pub async fn deliberate(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        deliberation: &Deliberation,
    ) -> Result<Vec<Versioned<DesignationRecord>>, ServiceError> {
        let command = "deliberate";
        self.administer(actor, command, format!("call {call}, {qualification}"))
            .await?;
        Ok(self
            .store
            .deliberate(
                &self.meta(actor),
                &key.scoped(actor, command),
                call,
                qualification,
                deliberation,
            )
            .await?)
    }

    /// Designates one approved course run (과정 지정) as course `course`: the agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::designate_course`](super::commands::designate_course).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::designation::{CourseApplicationId, AsyncCourseDesignationStore, DesignationService};
    /// use cqnet_store::training::CourseId;
    /// async fn designate<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let key = IdempotencyKey::new("designate-1").expect("a key");
    ///     s.designate(&agency, &key, CourseApplicationId::from_u128(1), CourseId::from_u128(900)).await.expect("designated");
    /// }
    /// ```
    pub async fn designate(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        course: CourseId,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        let command = "designate_course";
        self.administer(actor, command, format!("course application {application}"))
            .await?;
        Ok(self
            .store
            .designate_course(
                &self.meta(actor),
                &key.scoped(actor, command),
                application,
                course,
            )
            .await?)
    }

    /// Records an operation check (운영 확인) of a designated course: the agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::record_operation_check`](super::commands::record_operation_check).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::designation::{CourseApplicationId, AsyncCourseDesignationStore, CheckMethod, DesignationService, OperationCheck};
    /// async fn check<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let c = OperationCheck { checked_on: "2026-10-05".parse().expect("a day"), method: CheckMethod::System, findings: vec![] };
    ///     let key = IdempotencyKey::new("check-q4").expect("a key");
    ///     s.record_operation_check(&agency, &key, CourseApplicationId::from_u128(1), &c).await.expect("recorded");
    /// }
    /// ```
    pub async fn record_operation_check(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        check: &OperationCheck,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        let command = "record_operation_check";
        self.administer(actor, command, format!("course application {application}"))
            .await?;
        Ok(self
            .store
            .record_operation_check(
                &self.meta(actor),
                &key.scoped(actor, command),
                application,
                check,
            )
            .await?)
    }

    /// Records a hearing (청문) of a designated course: the agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::record_course_hearing`](super::commands::record_course_hearing).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::designation::{CourseApplicationId, AsyncCourseDesignationStore, DesignationService};
    /// use cqnet_store::work_study::Hearing;
    /// async fn hear<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let key = IdempotencyKey::new("hearing-1").expect("a key");
    ///     let h = Hearing { held_on: "2026-11-10".parse().expect("a day") };
    ///     s.record_hearing(&agency, &key, CourseApplicationId::from_u128(1), &h).await.expect("recorded");
    /// }
    /// ```
    pub async fn record_hearing(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        hearing: &Hearing,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        let command = "record_course_hearing";
        self.administer(actor, command, format!("course application {application}"))
            .await?;
        Ok(self
            .store
            .record_course_hearing(
                &self.meta(actor),
                &key.scoped(actor, command),
                application,
                hearing,
            )
            .await?)
    }

    /// Takes a measure against a designated course today (시정명령, 지정취소): the agency only,
    /// and only as the core's sanction decision allows with the hearings recorded by today.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else, and with the core's reasons for a measure it
    /// does not allow (`hearing_required` before a cancellation, `cancellation_mandatory`,
    /// `suspension_not_available`), audited either way; [`ServiceError::Input`] for a ground
    /// the law does not list for a course; [`ServiceError::Rules`]; [`ServiceError::Store`] as
    /// [`commands::take_course_measure`](super::commands::take_course_measure).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::sanction::{Ground, Measure};
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::designation::{CourseApplicationId, AsyncCourseDesignationStore, CourseMeasureOrder, DesignationService};
    /// use cqnet_store::training::ServiceError;
    /// async fn cancel<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let key = IdempotencyKey::new("cancel-1").expect("a key");
    ///     let order = CourseMeasureOrder::new(vec![Ground::RunDifferently], Measure::Cancellation).expect("an order");
    ///     match s.take_measure(&agency, &key, CourseApplicationId::from_u128(1), &order).await {
    ///         Err(ServiceError::Refused { reasons }) => println!("refused: {}", reasons[0].code),
    ///         other => println!("{other:?}"),
    ///     }
    /// }
    /// ```
    pub async fn take_measure(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        order: &CourseMeasureOrder,
    ) -> Result<Versioned<DesignationRecord>, ServiceError> {
        let command = "take_course_measure";
        let subject = format!("course application {application}: {}", order.measure());
        self.administer(actor, command, subject.clone()).await?;
        let stored = self.store.course_application(application).await?;
        // A course never designated is the store's `NotDesignated`; the core's decision is
        // asked of a designated one, so that its reasons reach the caller.
        if stored.value.is_designated() {
            let today = korean_date(self.clock.now().fixed_offset());
            let decision =
                stored
                    .value
                    .measure_decision(order, today, &self.rules.rules_at(today)?)?;
            if !decision.lawful {
                return self.refuse(actor, command, subject, decision.reasons).await;
            }
        }
        Ok(self
            .store
            .take_course_measure(
                &self.meta(actor),
                &key.scoped(actor, command),
                application,
                order,
            )
            .await?)
    }

    /// The retention call (보존기간 경과 기록 정리): the agency only. Removes the applications
    /// whose retention period the core finds over, and never a younger one.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else (audited); [`ServiceError::Store`] as
    /// [`commands::apply_retention`](super::commands::apply_retention).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncStore, FixedClock, IdempotencyKey, Role};
    /// use cqnet_store::designation::{AsyncCourseDesignationStore, DesignationService};
    /// async fn tidy<S: AsyncStore + AsyncCourseDesignationStore>(s: &DesignationService<S, FixedClock>) {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency).expect("a login");
    ///     let key = IdempotencyKey::new("retention-2030").expect("a key");
    ///     let report = s.apply_retention(&agency, &key).await.expect("applied");
    ///     println!("{} removed, {} kept", report.removed.len(), report.kept.len());
    /// }
    /// ```
    pub async fn apply_retention(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
    ) -> Result<RetentionReport, ServiceError> {
        let command = "apply_retention";
        self.administer(actor, command, "course applications".to_owned())
            .await?;
        Ok(self
            .store
            .apply_retention(&self.meta(actor), &key.scoped(actor, command))
            .await?)
    }
}
