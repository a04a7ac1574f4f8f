//! [`Cqnet`], the blocking front door: the async [`crate::Cqnet`] over the store's
//! [`Inline`] view, handing out the blocking services.

use cqnet_core::rules::RulePack;

use super::{
    CertificateService, DesignationService, ExamService, TrainingService, WorkStudyService,
};
use crate::certificate::CertificateStore;
use crate::designation::CourseDesignationStore;
use crate::exam::ExamStore;
use crate::work_study::WorkStudyStore;
use crate::{Blocking, Clock, CqnetBuilder, Inline, Store, SystemClock};

/// One store, one clock and one rule pack, and the blocking services over them: what a
/// blocking host keeps for its lifetime. The services it hands out share the one store, so a
/// course set up through [`training`](Cqnet::training) is the one [`exams`](Cqnet::exams)
/// applies to and [`certificates`](Cqnet::certificates) issues for.
///
/// # Example
/// ```
/// use cqnet_store::blocking::Cqnet;
/// use cqnet_store::{FixedClock, Store};
/// fn host<S: Store + 'static>(store: S) {
///     let cqnet = Cqnet::builder(store)
///         .clock(FixedClock::new("2026-09-01T09:00:00Z".parse().unwrap()))
///         .build();
///     let training = cqnet.training();
///     assert!(std::ptr::eq(training.store(), cqnet.store())); // one store, shared
/// }
/// ```
#[derive(Debug)]
pub struct Cqnet<S, C = SystemClock> {
    inner: crate::Cqnet<Inline<S>, C>,
}

impl<S> Cqnet<S, SystemClock> {
    /// Starts a [`CqnetBuilder`] over `store` that builds the blocking form, with the defaults
    /// of [`crate::Cqnet::builder`] (the system clock, the embedded rule pack, rules picked by
    /// the evaluation day, the default certificate office).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::Cqnet;
    /// use cqnet_store::Store;
    /// fn host<S: Store + 'static>(store: S) -> Cqnet<S> {
    ///     Cqnet::builder(store).build()
    /// }
    /// ```
    pub fn builder(store: S) -> CqnetBuilder<S, SystemClock, Blocking> {
        CqnetBuilder::new(store)
    }
}

impl<S: Store + 'static, C> CqnetBuilder<S, C, Blocking> {
    /// The configured blocking [`Cqnet`].
    ///
    /// # Example
    /// See [`Cqnet`].
    pub fn build(self) -> Cqnet<S, C> {
        Cqnet {
            inner: self.map_store(Inline::new).build(),
        }
    }
}

impl<S: Store + 'static, C: Clock + Clone> Cqnet<S, C> {
    /// The blocking training service: set-up (catalog, institutions, courses, enrollments),
    /// attendance, internal evaluations, completion and eligibility.
    ///
    /// # Example
    /// See [`Cqnet`].
    pub fn training(&self) -> TrainingService<S, C> {
        TrainingService::wrap(self.inner.training())
    }

    /// The blocking external evaluation service: rounds, applications, results and the
    /// announcement.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::Cqnet;
    /// use cqnet_store::{Store, exam::ExamStore};
    /// fn rounds<S: Store + ExamStore + 'static>(cqnet: &Cqnet<S>) -> usize {
    ///     cqnet.exams().store().rounds().map_or(0, |r| r.len())
    /// }
    /// ```
    pub fn exams(&self) -> ExamService<S, C>
    where
        S: ExamStore,
    {
        ExamService::wrap(self.inner.exams())
    }

    /// The blocking certificate service (issue, reissue, cancellation, 진위확인, confirmation
    /// documents with the builder's secret, signed credentials).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::Cqnet;
    /// use cqnet_store::{Store, certificate::CertificateStore, exam::ExamStore};
    /// fn service<S: Store + ExamStore + CertificateStore + 'static>(cqnet: &Cqnet<S>) {
    ///     let certificates = cqnet.certificates();
    ///     assert!(std::ptr::eq(certificates.store(), cqnet.store()));
    /// }
    /// ```
    pub fn certificates(&self) -> CertificateService<S, C>
    where
        S: ExamStore + CertificateStore,
    {
        CertificateService::wrap(self.inner.certificates())
    }

    /// The blocking work-study service: learning companies (학습기업) from their application to
    /// their designation and measures, and their field teachers (기업현장교사).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::Cqnet;
    /// use cqnet_store::{Store, work_study::WorkStudyStore};
    /// fn service<S: Store + WorkStudyStore + 'static>(cqnet: &Cqnet<S>) {
    ///     let work_study = cqnet.work_study();
    ///     assert!(std::ptr::eq(work_study.store(), cqnet.store()));
    /// }
    /// ```
    pub fn work_study(&self) -> WorkStudyService<S, C>
    where
        S: WorkStudyStore,
    {
        WorkStudyService::wrap(self.inner.work_study())
    }

    /// The blocking course designation service: calls (모집공고), applications (지정신청),
    /// screenings, the designation of course runs, operation checks, measures and the
    /// retention call.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::Cqnet;
    /// use cqnet_store::{Store, designation::CourseDesignationStore};
    /// fn service<S: Store + CourseDesignationStore + 'static>(cqnet: &Cqnet<S>) {
    ///     let designation = cqnet.designation();
    ///     assert!(std::ptr::eq(designation.store(), cqnet.store()));
    /// }
    /// ```
    pub fn designation(&self) -> DesignationService<S, C>
    where
        S: CourseDesignationStore,
    {
        DesignationService::wrap(self.inner.designation())
    }
}

impl<S, C> Cqnet<S, C> {
    /// The shared store.
    ///
    /// # Example
    /// See [`Cqnet`].
    pub fn store(&self) -> &S {
        self.inner.store().inner()
    }

    /// The clock every service reads.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::Cqnet;
    /// use cqnet_store::{Clock, ManualClock, Store};
    /// fn later<S: Store + 'static>(store: S) {
    ///     let clock = ManualClock::new("2026-09-01T09:00:00Z".parse().unwrap());
    ///     let cqnet = Cqnet::builder(store).clock(clock.clone()).build();
    ///     clock.advance(chrono::Duration::days(1));
    ///     assert_eq!(cqnet.clock().now().to_rfc3339(), "2026-09-02T09:00:00+00:00");
    /// }
    /// ```
    pub fn clock(&self) -> &C {
        self.inner.clock()
    }

    /// The rule pack every service decides with.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::Cqnet;
    /// use cqnet_store::Store;
    /// fn pack<S: Store + 'static>(store: S) {
    ///     let cqnet = Cqnet::builder(store).build();
    ///     assert_eq!(cqnet.rules().id(), cqnet_core::rules::RulePack::embedded().id());
    /// }
    /// ```
    pub fn rules(&self) -> &RulePack {
        self.inner.rules()
    }

    /// The async front door over the same store, clock and rules, for a host that also runs
    /// async code (its services answer exactly as the blocking ones do).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::Cqnet;
    /// use cqnet_store::Store;
    /// fn both<S: Store + 'static>(store: S) {
    ///     let cqnet = Cqnet::builder(store).build();
    ///     assert!(std::ptr::eq(cqnet.asynchronous().store().inner(), cqnet.store()));
    /// }
    /// ```
    pub fn asynchronous(&self) -> &crate::Cqnet<Inline<S>, C> {
        &self.inner
    }
}
