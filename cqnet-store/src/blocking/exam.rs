//! The blocking [`ExamService`]: the async [`crate::exam::ExamService`] over the store's
//! [`Inline`] view, each method driven to its answer.

use cqnet_core::exam::ExamNumber;
use cqnet_core::rules::{CancelReason, RulePack};

use super::wait;
use crate::exam::{
    self, Application, ApplicationId, ApplicationRequest, Attempt, ExamResult, ExamRound,
    ExamStore, Marks, RoundId,
};
use crate::training::{CourseId, CourseRecords, EnrollmentId, ServiceError};
use crate::{Actor, Clock, IdempotencyKey, Inline, Store, Version, Versioned};

/// Publishes rounds, takes applications, cancellations and payments, enters and finalises
/// results, and answers the announcement and a candidate's attempts, over any blocking store,
/// returning when done.
///
/// # Example
/// ```
/// use cqnet_store::blocking::ExamService;
/// use cqnet_store::{FixedClock, Store, exam::ExamStore};
/// fn service<S: Store + ExamStore + 'static>(store: S) -> ExamService<S, FixedClock> {
///     ExamService::new(store, FixedClock::new("2026-03-02T09:00:00Z".parse().unwrap()))
/// }
/// ```
#[derive(Debug)]
pub struct ExamService<S, C> {
    inner: exam::ExamService<Inline<S>, C>,
}

impl<S: Store + ExamStore + 'static, C: Clock + Clone> ExamService<S, C> {
    pub(super) fn wrap(inner: exam::ExamService<Inline<S>, C>) -> Self {
        ExamService { inner }
    }

    /// A service over `store`, with the embedded rule pack.
    ///
    /// # Example
    /// See [`ExamService`].
    pub fn new(store: S, clock: C) -> Self {
        Self::wrap(exam::ExamService::new(Inline::new(store), clock))
    }

    /// The same service with another rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::ExamService;
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore};
    /// fn with_pack<S: Store + ExamStore + 'static>(s: ExamService<S, FixedClock>) -> ExamService<S, FixedClock> {
    ///     s.with_rules(cqnet_core::rules::RulePack::embedded().clone())
    /// }
    /// ```
    pub fn with_rules(self, rules: RulePack) -> Self {
        Self::wrap(self.inner.with_rules(rules))
    }

    /// The store.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::ExamService;
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore};
    /// fn rounds<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>) -> usize {
    ///     s.store().rounds().map(|r| r.len()).unwrap_or(0)
    /// }
    /// ```
    pub fn store(&self) -> &S {
        self.inner.store().inner()
    }

    /// The async service inside, over the same store.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::ExamService;
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore};
    /// fn same<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>) -> bool {
    ///     std::ptr::eq(s.asynchronous().store().inner(), s.store())
    /// }
    /// ```
    pub fn asynchronous(&self) -> &exam::ExamService<Inline<S>, C> {
        &self.inner
    }

    /// Publishes a round (시행계획 공고): the agency only; a regular 일학습병행 plan published
    /// after the pack's deadline (31 December of the year before) is refused unless the round
    /// is marked ad hoc.
    ///
    /// Blocks on [`ExamService::publish_round`](crate::exam::ExamService::publish_round), which holds the details.
    ///
    /// # Errors
    /// As [`ExamService::publish_round`](crate::exam::ExamService::publish_round).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::{ExamStore, ExamRound}, Actor};
    /// use cqnet_store::blocking::ExamService;
    /// fn publish_round_example<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>, agency: &Actor, round: &ExamRound) {
    ///     s.publish_round(agency, round).expect("published");
    /// }
    /// ```
    pub fn publish_round(&self, actor: &Actor, round: &ExamRound) -> Result<Version, ServiceError> {
        wait(self.inner.publish_round(actor, round))
    }

    /// Applies (원서접수) for a candidate: by the candidate alone, inside the window, only when
    /// the core finds them eligible from their stored training records, designated, not
    /// already passed, without another pending application, within the retake limits, and
    /// while the venue has a seat. The store then takes the seat and allocates the exam number
    /// atomically; a retry with the same key returns the same application.
    ///
    /// Blocks on [`ExamService::apply`](crate::exam::ExamService::apply), which holds the details.
    ///
    /// # Errors
    /// As [`ExamService::apply`](crate::exam::ExamService::apply).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, exam::{ApplicationRequest}, Actor, IdempotencyKey};
    /// use cqnet_store::blocking::ExamService;
    /// fn apply_example<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>, me: &Actor, r: &ApplicationRequest) {
    ///     let key = IdempotencyKey::new("apply-7f3a").unwrap();
    ///     let application = s.apply(me, &key, r).expect("accepted");
    ///     println!("수험번호 {}", application.value.number);
    /// }
    /// ```
    pub fn apply(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        request: &ApplicationRequest,
    ) -> Result<Versioned<Application>, ServiceError> {
        wait(self.inner.apply(actor, key, request))
    }

    /// Cancels an application (접수취소) for its candidate, with the refund the core computes
    /// for a paid fee (nothing is refunded of an unpaid one); the seat returns to the venue.
    ///
    /// Blocks on [`ExamService::cancel`](crate::exam::ExamService::cancel), which holds the details.
    ///
    /// # Errors
    /// As [`ExamService::cancel`](crate::exam::ExamService::cancel).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::{ExamStore, ApplicationId}, Actor, IdempotencyKey};
    /// use cqnet_store::blocking::ExamService;
    /// use cqnet_core::rules::CancelReason;
    /// fn cancel_example<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>, me: &Actor, id: ApplicationId) {
    ///     let key = IdempotencyKey::new("cancel-7f3a").unwrap();
    ///     let cancelled = s.cancel(me, &key, id, CancelReason::Personal).expect("cancelled");
    ///     println!("{:?}", cancelled.value.status);
    /// }
    /// ```
    pub fn cancel(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        application: ApplicationId,
        reason: CancelReason,
    ) -> Result<Versioned<Application>, ServiceError> {
        wait(self.inner.cancel(actor, key, application, reason))
    }

    /// Records that the fee of an application was paid (결제 확인): the agency, or the host
    /// system that confirms payments.
    ///
    /// Blocks on [`ExamService::record_payment`](crate::exam::ExamService::record_payment), which holds the details.
    ///
    /// # Errors
    /// As [`ExamService::record_payment`](crate::exam::ExamService::record_payment).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::{ExamStore, ApplicationId}, Actor, Version};
    /// use cqnet_store::blocking::ExamService;
    /// fn record_payment_example<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>, agency: &Actor, id: ApplicationId) {
    ///     s.record_payment(agency, id, Version::FIRST).expect("paid");
    /// }
    /// ```
    pub fn record_payment(
        &self,
        actor: &Actor,
        application: ApplicationId,
        expected: Version,
    ) -> Result<Version, ServiceError> {
        wait(self.inner.record_payment(actor, application, expected))
    }

    /// Enters or replaces the marks of an application: the agency's evaluators only, before
    /// finalisation. `expected` is `None` for a first entry, the version read otherwise.
    ///
    /// Blocks on [`ExamService::enter_result`](crate::exam::ExamService::enter_result), which holds the details.
    ///
    /// # Errors
    /// As [`ExamService::enter_result`](crate::exam::ExamService::enter_result).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::{ExamStore, ApplicationId, Marks}, Actor};
    /// use cqnet_store::blocking::ExamService;
    /// fn enter_result_example<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>, evaluator: &Actor, id: ApplicationId, m: &Marks) {
    ///     let version = s.enter_result(evaluator, id, m, None).expect("entered");
    /// }
    /// ```
    pub fn enter_result(
        &self,
        actor: &Actor,
        application: ApplicationId,
        marks: &Marks,
        expected: Option<Version>,
    ) -> Result<Version, ServiceError> {
        wait(self.inner.enter_result(actor, application, marks, expected))
    }

    /// Finalises a result (확정): the agency only. The core decides the pass from the stored
    /// training records and the marks; the result is then frozen.
    ///
    /// Blocks on [`ExamService::finalise_result`](crate::exam::ExamService::finalise_result), which holds the details.
    ///
    /// # Errors
    /// As [`ExamService::finalise_result`](crate::exam::ExamService::finalise_result).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::{ExamStore, ApplicationId}, Actor, Version};
    /// use cqnet_store::blocking::ExamService;
    /// fn finalise_result_example<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>, agency: &Actor, id: ApplicationId) {
    ///     let (_version, passed) = s.finalise_result(agency, id, Version::FIRST).expect("final");
    /// }
    /// ```
    pub fn finalise_result(
        &self,
        actor: &Actor,
        application: ApplicationId,
        expected: Version,
    ) -> Result<(Version, bool), ServiceError> {
        wait(self.inner.finalise_result(actor, application, expected))
    }

    /// A result as `actor` may see it now: a candidate their own, finalised, from the
    /// announcement instant (합격자발표) on; the agency and its evaluators any, at any time;
    /// nobody else. `None` when there is nothing to show yet.
    ///
    /// Blocks on [`ExamService::view_result`](crate::exam::ExamService::view_result), which holds the details.
    ///
    /// # Errors
    /// As [`ExamService::view_result`](crate::exam::ExamService::view_result).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::{ExamStore, ApplicationId}, Actor};
    /// use cqnet_store::blocking::ExamService;
    /// fn view_result_example<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>, me: &Actor, id: ApplicationId) {
    ///     match s.view_result(me, id) {
    ///         Ok(Some(r)) => println!("passed: {:?}", r.passed),
    ///         Ok(None) => println!("not final yet"),
    ///         Err(e) => println!("{e}"),
    ///     }
    /// }
    /// ```
    pub fn view_result(
        &self,
        actor: &Actor,
        application: ApplicationId,
    ) -> Result<Option<ExamResult>, ServiceError> {
        wait(self.inner.view_result(actor, application))
    }

    /// The exam numbers of the passers of a round (합격자 수험번호 공고): public from the
    /// announcement instant on, in order.
    ///
    /// Blocks on [`ExamService::pass_list`](crate::exam::ExamService::pass_list), which holds the details.
    ///
    /// # Errors
    /// As [`ExamService::pass_list`](crate::exam::ExamService::pass_list).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::{ExamStore, RoundId}, Actor};
    /// use cqnet_store::blocking::ExamService;
    /// fn pass_list_example<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>, anyone: &Actor, round: &RoundId) {
    ///     for number in s.pass_list(anyone, round).unwrap_or_default() { println!("{number}"); }
    /// }
    /// ```
    pub fn pass_list(
        &self,
        actor: &Actor,
        round: &RoundId,
    ) -> Result<Vec<ExamNumber>, ServiceError> {
        wait(self.inner.pass_list(actor, round))
    }

    /// A candidate's attempts (응시 이력), for the candidate, their institution or company, or
    /// the agency; the pass of an attempt shows only where the actor may see the result now.
    ///
    /// Blocks on [`ExamService::attempts`](crate::exam::ExamService::attempts), which holds the details.
    ///
    /// # Errors
    /// As [`ExamService::attempts`](crate::exam::ExamService::attempts).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, exam::ExamStore, training::{EnrollmentId}, Actor};
    /// use cqnet_store::blocking::ExamService;
    /// fn attempts_example<S: Store + ExamStore + 'static>(s: &ExamService<S, FixedClock>, me: &Actor, id: EnrollmentId) {
    ///     println!("{} attempts", s.attempts(me, id).map(|a| a.len()).unwrap_or(0));
    /// }
    /// ```
    pub fn attempts(
        &self,
        actor: &Actor,
        candidate: EnrollmentId,
    ) -> Result<Vec<Attempt>, ServiceError> {
        wait(self.inner.attempts(actor, candidate))
    }

    /// A course's trainees with their records and the marks of each one's latest finalised
    /// result, for deciding the course's passes in bulk.
    ///
    /// Blocks on [`ExamService::course_records`](crate::exam::ExamService::course_records), which holds the details.
    ///
    /// # Errors
    /// As [`ExamService::course_records`](crate::exam::ExamService::course_records).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, Clock, Role, Store, exam::ExamStore};
    /// use cqnet_store::blocking::ExamService;
    /// use cqnet_store::training::{CourseId, ServiceError};
    /// fn sat<S: Store + ExamStore + 'static, C: Clock + Clone>(s: &ExamService<S, C>, course: CourseId) -> Result<usize, ServiceError> {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
    ///     let read = s.course_records(&agency, course)?;
    ///     Ok(read.trainees.iter().filter(|(_, _, record)| record.external().is_some()).count())
    /// }
    /// ```
    pub fn course_records(
        &self,
        actor: &Actor,
        course: CourseId,
    ) -> Result<CourseRecords, ServiceError> {
        wait(self.inner.course_records(actor, course))
    }
}
