//! The external evaluation service (외부평가): publishing rounds (시행계획 공고), applications
//! (원서접수), cancellations with refunds (접수취소·환불), payments, results (결과 입력·확정),
//! the announcement (합격자발표) and a candidate's attempts (응시 이력).
//!
//! Every rule comes from the core: who may act ([`access::authorize`]), whether a plan was
//! published in time ([`check_plan_publication`]), whether a candidate may apply
//! ([`application::decide`], with eligibility from the stored training records through
//! [`TrainingService::decide`], and [`check_retake`]), the refund ([`refund::decide`]) and the
//! pass ([`TrainingService::decide_with_external`]). The store only keeps what was decided, and
//! keeps what must be atomic atomic (a seat, an exam number).
//!
//! # Example
//! ```
//! use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, exam::ExamService};
//! fn service<S: AsyncStore + AsyncExamStore>(store: S) -> ExamService<S, FixedClock> {
//!     ExamService::new(store, FixedClock::new("2026-03-02T09:00:00Z".parse().unwrap()))
//! }
//! ```

use chrono::{DateTime, NaiveDate, Utc};
use cqnet_core::access::{self, Action, Announcement, PartyId, Target};
use cqnet_core::application::{self, ApplicationFacts, CandidateFacts, VenueLoad};
use cqnet_core::candidacy::{EarlierApplication, check_plan_coverage, classify_attempts};
use cqnet_core::exam::{ExamNumber, check_plan_publication, check_result_open, check_retake};
use cqnet_core::refund::{self, RefundRequest};
use cqnet_core::rules::{CancelReason, RuleDate, RulePack, Rules};
use cqnet_core::window::korean_date;
use cqnet_core::{ReasonCode, Track, Won};
use serde::{Deserialize, Serialize};

use crate::authorization;
use crate::exam::{
    Application, ApplicationId, ApplicationStatus, AsyncExamStore, Cancellation, ExamResult,
    ExamRound, Marks, NewApplication, PaymentState, RoundId, VenueCode,
};
use crate::training::{Completion, InvalidKind, ServiceError, TrainingService, access_actor};
use crate::training::{DesignationStatus, EnrollmentId, EnrollmentStatus};
use crate::{Actor, CommandMeta, IdempotencyKey, Version, Versioned};
use crate::{AsyncStore, Clock, StoreError};

/// What a candidate submits (원서): the round, themself, and the venue chosen. The id comes
/// from the host; the qualification is their course's, the fee the rule pack's.
///
/// # Example
/// ```
/// use cqnet_store::exam::{ApplicationId, RoundId, VenueCode};
/// use cqnet_store::exam::ApplicationRequest;
/// use cqnet_store::training::EnrollmentId;
/// let r = ApplicationRequest {
///     id: ApplicationId::from_u128(1),
///     round: RoundId::new("2026-C1-01")?,
///     candidate: EnrollmentId::from_u128(1001),
///     venue: VenueCode::new("v1")?,
/// };
/// assert_eq!(r.venue.as_str(), "v1");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    /// The application's id.
    pub id: ApplicationId,
    /// The round.
    pub round: RoundId,
    /// The candidate (their enrollment).
    pub candidate: EnrollmentId,
    /// The venue chosen.
    pub venue: VenueCode,
}

/// One attempt in a candidate's history (응시 이력): the round, the exam number, the status and,
/// once announced and finalised, the pass.
///
/// # Example
/// ```
/// fn show(a: cqnet_store::exam::Attempt) {
///     println!("{} {} passed: {:?}", a.round, a.number, a.passed);
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attempt {
    /// The round.
    pub round: RoundId,
    /// The application.
    pub application: ApplicationId,
    /// The exam number.
    pub number: ExamNumber,
    /// Active or cancelled.
    pub status: ApplicationStatus,
    /// The pass, shown only when the actor may see the result now.
    pub passed: Option<bool>,
}

/// The external evaluation service over a store of training records and exam rounds.
///
/// # Example
/// See the [module documentation](super).
#[derive(Debug)]
pub struct ExamService<S, C> {
    pub(super) training: TrainingService<S, C>,
    clock: C,
    rules: std::sync::Arc<RulePack>,
}

fn party(id: impl ToString) -> Option<PartyId> {
    PartyId::new(&id.to_string()).ok()
}

impl<S: AsyncStore + AsyncExamStore, C: Clock + Clone> ExamService<S, C> {
    /// A service over `store`, with the embedded rule pack.
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
    /// use cqnet_store::{FixedClock, AsyncStore, exam::{ExamService, AsyncExamStore}};
    /// fn service<S: AsyncStore + AsyncExamStore>(store: Arc<S>) -> ExamService<S, FixedClock> {
    ///     ExamService::from_shared(store, FixedClock::new("2026-09-01T09:00:00Z".parse().unwrap()))
    /// }
    /// ```
    pub fn from_shared(store: std::sync::Arc<S>, clock: C) -> Self {
        ExamService {
            training: TrainingService::from_shared(store, clock.clone()),
            clock,
            rules: std::sync::Arc::new(RulePack::embedded().clone()),
        }
    }

    /// The same service with another rule pack.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, exam::ExamService};
    /// # use cqnet_core::rules::RulePack;
    /// fn with_pack<S: AsyncStore + AsyncExamStore>(s: ExamService<S, FixedClock>) -> ExamService<S, FixedClock> {
    ///     s.with_rules(RulePack::embedded().clone())
    /// }
    /// ```
    pub fn with_rules(self, rules: RulePack) -> Self {
        self.with_shared_rules(std::sync::Arc::new(rules))
    }

    /// The same service with a rule pack shared with other services (those of one
    /// [`Cqnet`](crate::Cqnet)).
    pub(crate) fn with_shared_rules(mut self, rules: std::sync::Arc<RulePack>) -> Self {
        self.training = self.training.with_shared_rules(rules.clone());
        self.rules = rules;
        self
    }

    /// The store.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, exam::ExamService};
    /// async fn rounds<S: AsyncStore + AsyncExamStore>(s: &ExamService<S, FixedClock>) -> usize {
    ///     s.store().rounds().await.map(|r| r.len()).unwrap_or(0)
    /// }
    /// ```
    pub fn store(&self) -> &S {
        self.training.store()
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    fn meta(&self, actor: &Actor) -> CommandMeta {
        CommandMeta::new(actor.clone(), self.now()).under_rules(self.rules.clone())
    }

    fn rules_on(&self, day: NaiveDate) -> Result<Rules, ServiceError> {
        Ok(self.rules.rules_for(RuleDate::EvaluatedOn(day))?)
    }

    fn rules_today(&self) -> Result<Rules, ServiceError> {
        self.rules_on(korean_date(self.now().fixed_offset()))
    }

    /// Refuses a change of a finalised result, with the core's reason.
    fn refuse_finalised(&self, finalised: bool) -> Result<(), ServiceError> {
        let reasons = check_result_open(finalised, &self.rules_today()?);
        if reasons.is_empty() {
            return Ok(());
        }
        Err(ServiceError::Refused { reasons })
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
            self.store(),
            self.meta(actor),
            action,
            target,
            command,
            subject,
        )
        .await
    }

    /// Publishes a round (시행계획 공고): the agency only; a regular 일학습병행 plan published
    /// after the pack's deadline (31 December of the year before) is refused unless the round
    /// is marked ad hoc.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_permitted`, `plan_published_late`);
    /// [`ServiceError::Store`] (`AlreadyExists`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::{AsyncExamStore, ExamRound}, exam::ExamService, Actor};
    /// async fn publish_round_example<S: AsyncStore + AsyncExamStore>(s: &ExamService<S, FixedClock>, agency: &Actor, round: &ExamRound) {
    ///     s.publish_round(agency, round).await.expect("published");
    /// }
    /// ```
    pub async fn publish_round(
        &self,
        actor: &Actor,
        round: &ExamRound,
    ) -> Result<Version, ServiceError> {
        self.authorize(
            actor,
            Action::Administer,
            &Target::default(),
            "create_round",
            format!("round {}", round.id()),
        )
        .await?;
        let plan = round.plan();
        let rules = self.rules_on(plan.spec().published_on)?;
        let check = check_plan_publication(plan, &rules);
        if !check.accepted && !round.ad_hoc() {
            return Err(ServiceError::Refused {
                reasons: check.reasons,
            });
        }
        Ok(self.store().create_round(&self.meta(actor), round).await?)
    }

    fn new_application(
        &self,
        request: &ApplicationRequest,
        round: &ExamRound,
        qualification: &cqnet_core::QualificationCode,
    ) -> Result<NewApplication, ServiceError> {
        let rules = self.rules_today()?;
        let fees = match round.plan().track() {
            Track::CourseBased => &rules.fees.course_based.value,
            Track::WorkStudy => &rules.fees.work_study.value,
        };
        Ok(NewApplication {
            id: request.id,
            round: request.round.clone(),
            candidate: request.candidate,
            qualification: qualification.clone(),
            venue: request.venue.clone(),
            fee: fees.for_qualification(qualification),
        })
    }

    /// Applies (원서접수) for a candidate: by the candidate alone, inside the window, only when
    /// the core finds them eligible from their stored training records, designated, not
    /// already passed, without another pending application, within the retake limits, and
    /// while the venue has a seat. The store then takes the seat and allocates the exam number
    /// atomically; a retry with the same key returns the same application.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] with every failing check (`not_own_record`,
    /// `outside_application_window`, `not_eligible`, `course_not_designated`,
    /// `already_passed`, `duplicate_application`, `venue_full`, `retake_limit_reached`,
    /// `retake_window_closed`, `qualification_not_in_plan`); [`ServiceError::Store`]
    /// (`NotFound` for an unknown round, venue or candidate; `IdempotencyConflict`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, exam::{ExamService, ApplicationRequest}, Actor, IdempotencyKey};
    /// async fn apply_example<S: AsyncStore + AsyncExamStore>(s: &ExamService<S, FixedClock>, me: &Actor, r: &ApplicationRequest) {
    ///     let key = IdempotencyKey::new("apply-7f3a").unwrap();
    ///     let application = s.apply(me, &key, r).await.expect("accepted");
    ///     println!("수험번호 {}", application.value.number);
    /// }
    /// ```
    pub async fn apply(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        request: &ApplicationRequest,
    ) -> Result<Versioned<Application>, ServiceError> {
        // A key is scoped to who acts and to the command (see `IdempotencyKey::scoped`).
        let key = &key.scoped(actor, "apply");
        let store = self.store();
        let target = Target {
            candidate: party(request.candidate),
            ..Target::default()
        };
        self.authorize(
            actor,
            Action::Apply,
            &target,
            "apply",
            format!("application {}", request.id),
        )
        .await?;
        // One read of everything the decision needs (one round trip on PostgreSQL).
        let context = store
            .application_context(&request.round, request.candidate, &request.venue, key)
            .await?;
        let (round, record) = (&context.round, &context.record);
        let course = &record.course;
        let qualification = &course.spec().qualification;
        let meta = self.meta(actor);
        if context.key_recorded {
            // A retry: the store answers it as it first did (or refuses another command).
            let new = self.new_application(request, round, qualification)?;
            return Ok(store.apply(&meta, key, &new).await?);
        }
        let plan = round.plan();
        let rules = self.rules_today()?;
        let coverage = check_plan_coverage(plan, qualification, course.spec().track, &rules);
        if !coverage.is_empty() {
            return Err(ServiceError::Refused { reasons: coverage });
        }
        let Some(seats) = &context.venue else {
            return Err(StoreError::NotFound {
                what: "venue",
                key: format!("{}/{}", request.round, request.venue),
            }
            .into());
        };
        let now = self.now();
        let today = korean_date(now.fixed_offset());
        let completion = self.training.decide_record(record, None)?;
        let eligible = record.enrollment.status() == EnrollmentStatus::Active
            && completion.eligible_for_external();
        let designation = course.spec().designation;
        let course_designated =
            designation.status() == DesignationStatus::Designated && designation.covers(today);

        // The candidate's history: pending applications, passes, earlier attempts.
        let past: Vec<EarlierApplication<'_>> = context
            .history
            .iter()
            .map(|p| EarlierApplication {
                plan: p.round.plan(),
                qualification: &p.application.qualification,
                active: p.application.status.is_active(),
                finalised: p.result.as_ref().is_some_and(|r| r.finalised),
                passed: p.result.as_ref().and_then(|r| r.passed) == Some(true),
            })
            .collect();
        let history = classify_attempts(plan, qualification, &past);
        let load = VenueLoad::new(seats.capacity, seats.booked)?;
        let facts = ApplicationFacts {
            track: plan.track(),
            now: now.fixed_offset(),
            window: plan.spec().application_window,
            candidate: CandidateFacts {
                eligible,
                course_designated,
                already_passed: history.already_passed,
                pending_application: history.pending_application,
            },
            venue: Some(load),
        };
        let mut reasons = application::decide(&facts, &rules).reasons;
        reasons.extend(check_retake(
            plan.track(),
            history.earlier_attempts,
            history.first_sitting_announced,
            plan.spec().first_day,
            &rules,
        ));
        if !reasons.is_empty() {
            // Not eligible: the completion checks behind it say why (attendance, rounds, …).
            if reasons.iter().any(|r| r.code == ReasonCode::NotEligible) {
                reasons.extend(completion.reasons().iter().cloned());
            }
            return Err(ServiceError::Refused { reasons });
        }
        let new = self.new_application(request, round, qualification)?;
        match store.apply(&meta, key, &new).await {
            Ok(application) => Ok(application),
            Err(StoreError::VenueFull { capacity, .. }) => {
                // Lost the race for the last seat: the core says why.
                let full = ApplicationFacts {
                    venue: Some(VenueLoad::new(capacity, capacity)?),
                    ..facts
                };
                Err(ServiceError::Refused {
                    reasons: application::decide(&full, &rules).reasons,
                })
            }
            Err(other) => Err(other.into()),
        }
    }

    /// Cancels an application (접수취소) for its candidate, with the refund the core computes
    /// for a paid fee (nothing is refunded of an unpaid one); the seat returns to the venue.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_own_record`); [`ServiceError::Invalid`] for an
    /// application already cancelled; [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::{AsyncExamStore, ApplicationId}, exam::ExamService, Actor, IdempotencyKey};
    /// use cqnet_core::rules::CancelReason;
    /// async fn cancel_example<S: AsyncStore + AsyncExamStore>(s: &ExamService<S, FixedClock>, me: &Actor, id: ApplicationId) {
    ///     let key = IdempotencyKey::new("cancel-7f3a").unwrap();
    ///     let cancelled = s.cancel(me, &key, id, CancelReason::Personal).await.expect("cancelled");
    ///     println!("{:?}", cancelled.value.status);
    /// }
    /// ```
    pub async fn cancel(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: ApplicationId,
        reason: CancelReason,
    ) -> Result<Versioned<Application>, ServiceError> {
        // A key is scoped to who acts and to the command (see `IdempotencyKey::scoped`).
        let key = &key.scoped(actor, "cancel");
        let store = self.store();
        let current = store.application(application).await?.value;
        let target = Target {
            candidate: party(current.candidate),
            ..Target::default()
        };
        self.authorize(
            actor,
            Action::Apply,
            &target,
            "cancel",
            format!("application {application}"),
        )
        .await?;
        let meta = self.meta(actor);
        if let ApplicationStatus::Cancelled {
            reason: was,
            refund,
            ..
        } = current.status
        {
            if store.command_recorded(key).await? {
                let c = Cancellation {
                    application,
                    reason: was,
                    refund,
                };
                return Ok(store.cancel(&meta, key, &c).await?);
            }
            return Err(ServiceError::invalid(
                InvalidKind::ApplicationCancelled,
                format!("application {application} is already cancelled"),
            ));
        }
        let round = store.round(&current.round).await?.value;
        let plan = round.plan();
        let refund = if current.payment == PaymentState::Paid {
            let rules = self.rules_today()?;
            refund::decide(
                &RefundRequest {
                    track: plan.track(),
                    fee: current.fee,
                    window: plan.spec().application_window,
                    exam_date: plan.spec().first_day,
                    cancelled_at: self.now().fixed_offset(),
                    reason,
                },
                &rules,
            )?
            .refund
        } else {
            Won::ZERO
        };
        let c = Cancellation {
            application,
            reason,
            refund,
        };
        Ok(store.cancel(&meta, key, &c).await?)
    }

    /// Records that the fee of an application was paid (결제 확인): the agency, or the host
    /// system that confirms payments.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_permitted`); [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::{AsyncExamStore, ApplicationId}, exam::ExamService, Actor, Version};
    /// async fn record_payment_example<S: AsyncStore + AsyncExamStore>(s: &ExamService<S, FixedClock>, agency: &Actor, id: ApplicationId) {
    ///     s.record_payment(agency, id, Version::FIRST).await.expect("paid");
    /// }
    /// ```
    pub async fn record_payment(
        &self,
        actor: &Actor,
        application: ApplicationId,
        expected: Version,
    ) -> Result<Version, ServiceError> {
        self.authorize(
            actor,
            Action::Administer,
            &Target::default(),
            "record_payment",
            format!("application {application}"),
        )
        .await?;
        Ok(self
            .store()
            .record_payment(&self.meta(actor), application, expected)
            .await?)
    }

    /// Enters or replaces the marks of an application: the agency's evaluators only, before
    /// finalisation. `expected` is `None` for a first entry, the version read otherwise.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_permitted`, `results_finalised`);
    /// [`ServiceError::Invalid`] for marks of the other track, no unit, or a cancelled
    /// application; [`ServiceError::Store`] (`VersionConflict`, …).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::{AsyncExamStore, ApplicationId, Marks}, exam::ExamService, Actor};
    /// async fn enter_result_example<S: AsyncStore + AsyncExamStore>(s: &ExamService<S, FixedClock>, evaluator: &Actor, id: ApplicationId, m: &Marks) {
    ///     let version = s.enter_result(evaluator, id, m, None).await.expect("entered");
    /// }
    /// ```
    pub async fn enter_result(
        &self,
        actor: &Actor,
        application: ApplicationId,
        marks: &Marks,
        expected: Option<Version>,
    ) -> Result<Version, ServiceError> {
        let store = self.store();
        self.authorize(
            actor,
            Action::EnterResults,
            &Target::default(),
            "put_result",
            format!("application {application}"),
        )
        .await?;
        let app = store.application(application).await?.value;
        if !app.status.is_active() {
            return Err(ServiceError::invalid(
                InvalidKind::ApplicationCancelled,
                format!("application {application} is cancelled"),
            ));
        }
        let round = store.round(&app.round).await?.value;
        if marks.track() != round.plan().track() {
            return Err(ServiceError::invalid(
                InvalidKind::ResultOfOtherTrack,
                "the marks are of the other track than the round",
            ));
        }
        if let Marks::WorkStudy { units } = marks
            && units.is_empty()
        {
            return Err(ServiceError::invalid(
                InvalidKind::NoUnitsMarked,
                "work-study marks name at least one unit",
            ));
        }
        if let Some(existing) = store.result(application).await? {
            self.refuse_finalised(existing.value.finalised)?;
        }
        let result = ExamResult {
            application,
            round: app.round.clone(),
            candidate: app.candidate,
            number: app.number.clone(),
            marks: marks.clone(),
            passed: None,
            finalised: false,
        };
        Ok(store
            .put_result(&self.meta(actor), &result, expected)
            .await?)
    }

    /// Finalises a result (확정): the agency only. The core decides the pass from the stored
    /// training records and the marks; the result is then frozen.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_permitted`, `results_finalised`);
    /// [`ServiceError::Invalid`] when no marks were entered; [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::{AsyncExamStore, ApplicationId}, exam::ExamService, Actor, Version};
    /// async fn finalise_result_example<S: AsyncStore + AsyncExamStore>(s: &ExamService<S, FixedClock>, agency: &Actor, id: ApplicationId) {
    ///     let (_version, passed) = s.finalise_result(agency, id, Version::FIRST).await.expect("final");
    /// }
    /// ```
    pub async fn finalise_result(
        &self,
        actor: &Actor,
        application: ApplicationId,
        expected: Version,
    ) -> Result<(Version, bool), ServiceError> {
        let store = self.store();
        self.authorize(
            actor,
            Action::FinaliseResults,
            &Target::default(),
            "finalise_result",
            format!("application {application}"),
        )
        .await?;
        let Some(result) = store.result(application).await? else {
            return Err(ServiceError::invalid(
                InvalidKind::NoMarks,
                format!("no marks were entered for application {application}"),
            ));
        };
        self.refuse_finalised(result.value.finalised)?;
        // Decided under the rules of the evaluation day, not of the day it is finalised.
        let round = store.round(&result.value.round).await?.value;
        let completion = self
            .training
            .decide_with_external_on(
                actor,
                result.value.candidate,
                Some(&result.value.marks),
                round.plan().spec().first_day,
            )
            .await?;
        let passed = match completion {
            Completion::CourseBased(d) => d.passed,
            Completion::WorkStudy(d) => d.passed,
        } == Some(true);
        let version = store
            .finalise_result(&self.meta(actor), application, passed, expected)
            .await?;
        Ok((version, passed))
    }

    /// A result as `actor` may see it now: a candidate their own, finalised, from the
    /// announcement instant (합격자발표) on; the agency and its evaluators any, at any time;
    /// nobody else. `None` when there is nothing to show yet.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_own_record`, `results_not_announced`,
    /// `not_permitted`); [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::{AsyncExamStore, ApplicationId}, exam::ExamService, Actor};
    /// async fn view_result_example<S: AsyncStore + AsyncExamStore>(s: &ExamService<S, FixedClock>, me: &Actor, id: ApplicationId) {
    ///     match s.view_result(me, id).await {
    ///         Ok(Some(r)) => println!("passed: {:?}", r.passed),
    ///         Ok(None) => println!("not final yet"),
    ///         Err(e) => println!("{e}"),
    ///     }
    /// }
    /// ```
    pub async fn view_result(
        &self,
        actor: &Actor,
        application: ApplicationId,
    ) -> Result<Option<ExamResult>, ServiceError> {
        let store = self.store();
        let app = store.application(application).await?.value;
        let round = store.round(&app.round).await?.value;
        let target = Target {
            candidate: party(app.candidate),
            announcement: Announcement::ScheduledAt(round.plan().spec().announcement),
            track: Some(round.plan().track()),
            ..Target::default()
        };
        self.authorize(
            actor,
            Action::ViewResult,
            &target,
            "view_result",
            format!("application {application}"),
        )
        .await?;
        let result = store.result(application).await?.map(|r| r.value);
        let staff = matches!(
            access_actor(actor),
            access::Actor::Agency(_) | access::Actor::Evaluator(_)
        );
        Ok(result.filter(|r| staff || r.finalised))
    }

    /// The exam numbers of the passers of a round (합격자 수험번호 공고): public from the
    /// announcement instant on, in order.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`results_not_announced`); [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::{AsyncExamStore, RoundId}, exam::ExamService, Actor};
    /// async fn pass_list_example<S: AsyncStore + AsyncExamStore>(s: &ExamService<S, FixedClock>, anyone: &Actor, round: &RoundId) {
    ///     for number in s.pass_list(anyone, round).await.unwrap_or_default() { println!("{number}"); }
    /// }
    /// ```
    pub async fn pass_list(
        &self,
        actor: &Actor,
        round: &RoundId,
    ) -> Result<Vec<ExamNumber>, ServiceError> {
        let store = self.store();
        let r = store.round(round).await?.value;
        let target = Target {
            announcement: Announcement::ScheduledAt(r.plan().spec().announcement),
            track: Some(r.plan().track()),
            ..Target::default()
        };
        self.authorize(
            actor,
            Action::ViewPassList,
            &target,
            "pass_list",
            format!("round {round}"),
        )
        .await?;
        let mut numbers: Vec<ExamNumber> = store
            .results(round)
            .await?
            .into_iter()
            .filter(|r| r.value.finalised && r.value.passed == Some(true))
            .map(|r| r.value.number)
            .collect();
        numbers.sort();
        Ok(numbers)
    }

    /// A candidate's attempts (응시 이력), for the candidate, their institution or company, or
    /// the agency; the pass of an attempt shows only where the actor may see the result now.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_own_record`, `not_permitted`); [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, exam::ExamService, training::{EnrollmentId}, Actor};
    /// async fn attempts_example<S: AsyncStore + AsyncExamStore>(s: &ExamService<S, FixedClock>, me: &Actor, id: EnrollmentId) {
    ///     println!("{} attempts", s.attempts(me, id).await.map(|a| a.len()).unwrap_or(0));
    /// }
    /// ```
    pub async fn attempts(
        &self,
        actor: &Actor,
        candidate: EnrollmentId,
    ) -> Result<Vec<Attempt>, ServiceError> {
        let store = self.store();
        let enrollment = store.enrollment(candidate).await?.value;
        let course = store.course(enrollment.course()).await?.value;
        let company = match enrollment.kind() {
            crate::training::LearnerKind::LearningWorker { company, .. } => party(company),
            crate::training::LearnerKind::Trainee => None,
        };
        let target = Target {
            candidate: party(candidate),
            institution: party(course.spec().institution),
            company,
            announcement: Announcement::NotScheduled,
            track: Some(crate::training::track_of(&enrollment)),
        };
        self.authorize(
            actor,
            Action::ViewTraining,
            &target,
            "attempts",
            format!("enrollment {candidate}"),
        )
        .await?;
        let who = access_actor(actor);
        let now = self.now().fixed_offset();
        let mut out = Vec::new();
        for a in store.applications_of(candidate).await? {
            let a = a.value;
            let round = store.round(&a.round).await?.value;
            let may_see = access::authorize(
                &who,
                Action::ViewResult,
                &Target {
                    candidate: party(candidate),
                    announcement: Announcement::ScheduledAt(round.plan().spec().announcement),
                    track: Some(round.plan().track()),
                    ..Target::default()
                },
                now,
            )
            .allowed;
            let passed = if may_see {
                store
                    .result(a.id)
                    .await?
                    .filter(|r| r.value.finalised)
                    .and_then(|r| r.value.passed)
            } else {
                None
            };
            out.push(Attempt {
                round: a.round,
                application: a.id,
                number: a.number,
                status: a.status,
                passed,
            });
        }
        Ok(out)
    }
}
