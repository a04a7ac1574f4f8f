//! [`Cqnet`], the front door: one store, one clock and one rule pack, shared by the training,
//! exam, certificate and work-study services it hands out. [`CqnetBuilder`] builds it, or its blocking form
//! ([`blocking::Cqnet`](crate::blocking::Cqnet)) when started from there.

use std::marker::PhantomData;
use std::sync::Arc;

use cqnet_core::InputError;
use cqnet_core::certificate::ConfirmationSecret;
use cqnet_core::rules::RulePack;

use crate::certificate::{AsyncCertificateStore, CertificateService, DEFAULT_OFFICE};
use crate::designation::{AsyncCourseDesignationStore, DesignationService};
use crate::exam::{AsyncExamStore, ExamService};
use crate::statistics::{AsyncStatisticsStore, StatisticsService};
use crate::training::{RuleDateChoice, TrainingService};
use crate::work_study::{AsyncWorkStudyStore, WorkStudyService};
use crate::{AsyncStore, Clock, SystemClock};

/// One store, one clock and one rule pack, and the services over them: what a host keeps for
/// its lifetime. The services it hands out are cheap handles on the same shared store, so a
/// course set up through [`training`](Cqnet::training) is the one
/// [`exams`](Cqnet::exams) applies to and [`certificates`](Cqnet::certificates) issues for.
///
/// Its services are async: their futures are `Send`, so an async host (an HTTP server) awaits
/// them on its own executor, over a store of the `Async*` traits (the async PostgreSQL store,
/// or a blocking store behind a wrapper such as [`Inline`](crate::Inline)). A blocking host
/// uses [`blocking::Cqnet`](crate::blocking::Cqnet), the same services driven to completion.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncStore, Cqnet, FixedClock};
/// fn host<S: AsyncStore>(store: S) {
///     let cqnet = Cqnet::builder(store)
///         .clock(FixedClock::new("2026-09-01T09:00:00Z".parse().unwrap()))
///         .build();
///     let training = cqnet.training();
///     assert!(std::ptr::eq(training.store(), cqnet.store())); // one store, shared
/// }
/// ```
#[derive(Debug)]
pub struct Cqnet<S, C = SystemClock> {
    store: Arc<S>,
    clock: C,
    // One pack, shared by every service handed out (and by the commands they give the store).
    rules: Arc<RulePack>,
    rule_date: RuleDateChoice,
    office: u8,
    confirmation_secret: Option<ConfirmationSecret>,
}

impl<S> Cqnet<S, SystemClock> {
    /// Starts a [`CqnetBuilder`] over `store`, with the system clock, the embedded rule pack,
    /// rules picked by the evaluation day and the certificate office [`DEFAULT_OFFICE`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, Cqnet};
    /// fn host<S: AsyncStore>(store: S) -> Cqnet<S> {
    ///     Cqnet::builder(store).build()
    /// }
    /// ```
    pub fn builder(store: S) -> CqnetBuilder<S, SystemClock> {
        CqnetBuilder::new(store)
    }
}

impl<S, C: Clock + Clone> Cqnet<S, C> {
    /// The training service: set-up (catalog, institutions, courses, enrollments), attendance,
    /// internal evaluations, completion and eligibility.
    ///
    /// # Example
    /// See [`Cqnet`].
    pub fn training(&self) -> TrainingService<S, C>
    where
        S: AsyncStore,
    {
        TrainingService::from_shared(self.store.clone(), self.clock.clone())
            .with_shared_rules(self.rules.clone())
            .with_rule_date(self.rule_date)
    }

    /// The external evaluation service: rounds, applications, results and the announcement.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, Cqnet, exam::AsyncExamStore};
    /// async fn rounds<S: AsyncStore + AsyncExamStore>(cqnet: &Cqnet<S>) -> usize {
    ///     cqnet.exams().store().rounds().await.map_or(0, |r| r.len())
    /// }
    /// ```
    pub fn exams(&self) -> ExamService<S, C>
    where
        S: AsyncStore + AsyncExamStore,
    {
        ExamService::from_shared(self.store.clone(), self.clock.clone())
            .with_shared_rules(self.rules.clone())
    }

    /// The certificate service: issue, reissue, cancellation, 진위확인, confirmation documents
    /// (with the builder's [`confirmation_secret`](CqnetBuilder::confirmation_secret); without
    /// one they are refused) and signed credentials.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, Cqnet, certificate::AsyncCertificateStore, exam::AsyncExamStore};
    /// fn service<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(cqnet: &Cqnet<S>) {
    ///     let certificates = cqnet.certificates();
    ///     assert!(std::ptr::eq(certificates.store(), cqnet.store()));
    /// }
    /// ```
    pub fn certificates(&self) -> CertificateService<S, C>
    where
        S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    {
        let service = CertificateService::from_shared(self.store.clone(), self.clock.clone())
            .with_shared_rules(self.rules.clone())
            // The builder checked the office: a `Cqnet` never holds one out of range.
            .with_checked_office(self.office);
        match &self.confirmation_secret {
            Some(secret) => service.with_confirmation_secret(secret.clone()),
            None => service,
        }
    }

    /// The work-study service: learning companies (학습기업) from their application to their
    /// designation and measures, and their field teachers (기업현장교사), under the front
    /// door's rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, Cqnet, work_study::AsyncWorkStudyStore};
    /// fn service<S: AsyncStore + AsyncWorkStudyStore>(cqnet: &Cqnet<S>) {
    ///     let work_study = cqnet.work_study();
    ///     assert!(std::ptr::eq(work_study.store(), cqnet.store()));
    /// }
    /// ```
    pub fn work_study(&self) -> WorkStudyService<S, C>
    where
        S: AsyncStore + AsyncWorkStudyStore,
    {
        WorkStudyService::from_shared(self.store.clone(), self.clock.clone())
            .with_shared_rules(self.rules.clone())
    }

    /// The course designation service: calls (모집공고), applications (지정신청), screenings,
    /// the designation of course runs, operation checks, measures and the retention call,
    /// under the front door's rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, Cqnet, designation::AsyncCourseDesignationStore};
    /// fn service<S: AsyncStore + AsyncCourseDesignationStore>(cqnet: &Cqnet<S>) {
    ///     let designation = cqnet.designation();
    ///     assert!(std::ptr::eq(designation.store(), cqnet.store()));
    /// }
    /// ```
    pub fn designation(&self) -> DesignationService<S, C>
    where
        S: AsyncStore + AsyncCourseDesignationStore,
    {
        DesignationService::from_shared(self.store.clone(), self.clock.clone())
            .with_shared_rules(self.rules.clone())
    }

    /// The statistics service: the funnel and a round's score distribution for the agency,
    /// under the front door's rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, Cqnet, statistics::AsyncStatisticsStore};
    /// fn service<S: AsyncStore + AsyncStatisticsStore>(cqnet: &Cqnet<S>) {
    ///     let statistics = cqnet.statistics();
    ///     assert!(std::ptr::eq(statistics.store(), cqnet.store()));
    /// }
    /// ```
    pub fn statistics(&self) -> StatisticsService<S, C>
    where
        S: AsyncStore + AsyncStatisticsStore,
    {
        StatisticsService::from_shared(self.store.clone(), self.clock.clone())
            .with_shared_rules(self.rules.clone())
    }
}

impl<S, C> Cqnet<S, C> {
    /// The shared store.
    ///
    /// # Example
    /// See [`Cqnet`].
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The clock every service reads.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, Clock, Cqnet, ManualClock};
    /// fn later<S: AsyncStore>(store: S) {
    ///     let clock = ManualClock::new("2026-09-01T09:00:00Z".parse().unwrap());
    ///     let cqnet = Cqnet::builder(store).clock(clock.clone()).build();
    ///     clock.advance(chrono::Duration::days(1));
    ///     assert_eq!(cqnet.clock().now().to_rfc3339(), "2026-09-02T09:00:00+00:00");
    /// }
    /// ```
    pub fn clock(&self) -> &C {
        &self.clock
    }

    /// The rule pack every service decides with.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, Cqnet};
    /// fn pack<S: AsyncStore>(store: S) {
    ///     let cqnet = Cqnet::builder(store).build();
    ///     assert_eq!(cqnet.rules().id(), cqnet_core::rules::RulePack::embedded().id());
    /// }
    /// ```
    pub fn rules(&self) -> &RulePack {
        &self.rules
    }
}

/// Configures a [`Cqnet`] (see [`Cqnet::builder`]), or its blocking form when `F` is
/// [`Blocking`] (see [`blocking::Cqnet::builder`](crate::blocking::Cqnet::builder)): one
/// builder, one set of settings, whichever form the host runs.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncStore, Cqnet, FixedClock, training::RuleDateChoice};
/// fn host<S: AsyncStore>(store: S) -> Result<Cqnet<S, FixedClock>, cqnet_core::InputError> {
///     Ok(Cqnet::builder(store)
///         .clock(FixedClock::new("2026-09-01T09:00:00Z".parse().unwrap()))
///         .rules(cqnet_core::rules::RulePack::embedded().clone())
///         .rule_date(RuleDateChoice::CourseStart)
///         .certificate_office(11)?
///         .build())
/// }
/// ```
#[derive(Debug)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct CqnetBuilder<S, C, F = Asynchronous> {
    store: S,
    clock: C,
    rules: RulePack,
    rule_date: RuleDateChoice,
    office: u8,
    confirmation_secret: Option<ConfirmationSecret>,
    form: PhantomData<F>,
}

/// The form of a [`CqnetBuilder`] that builds a [`Cqnet`]: services whose methods are `async`.
///
/// # Example
/// ```
/// use cqnet_store::{Asynchronous, AsyncStore, CqnetBuilder, SystemClock};
/// fn builder<S: AsyncStore>(b: CqnetBuilder<S, SystemClock, Asynchronous>) -> cqnet_store::Cqnet<S> {
///     b.build()
/// }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Asynchronous;

/// The form of a [`CqnetBuilder`] that builds a [`blocking::Cqnet`](crate::blocking::Cqnet):
/// services whose methods return when done.
///
/// # Example
/// ```
/// use cqnet_store::{Blocking, CqnetBuilder, Store, SystemClock};
/// fn builder<S: Store + 'static>(b: CqnetBuilder<S, SystemClock, Blocking>) -> cqnet_store::blocking::Cqnet<S> {
///     b.build()
/// }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Blocking;

impl<S, F> CqnetBuilder<S, SystemClock, F> {
    /// A builder over `store` with the defaults of [`Cqnet::builder`].
    pub(crate) fn new(store: S) -> Self {
        CqnetBuilder {
            store,
            clock: SystemClock,
            rules: RulePack::embedded().clone(),
            rule_date: RuleDateChoice::default(),
            office: DEFAULT_OFFICE,
            confirmation_secret: None,
            form: PhantomData,
        }
    }
}

impl<S, C, F> CqnetBuilder<S, C, F> {
    /// The clock every service reads ([`SystemClock`] unless set; a
    /// [`ManualClock`](crate::ManualClock) for simulations and tests).
    ///
    /// # Example
    /// See [`CqnetBuilder`].
    pub fn clock<C2: Clock + Clone>(self, clock: C2) -> CqnetBuilder<S, C2, F> {
        CqnetBuilder {
            store: self.store,
            clock,
            rules: self.rules,
            rule_date: self.rule_date,
            office: self.office,
            confirmation_secret: self.confirmation_secret,
            form: PhantomData,
        }
    }

    /// The rule pack every service decides with (the embedded one unless set: an overlay, or a
    /// host's own pack).
    ///
    /// # Example
    /// See [`CqnetBuilder`].
    pub fn rules(mut self, rules: RulePack) -> Self {
        self.rules = rules;
        self
    }

    /// Which date picks the rule values of a training decision (the evaluation day unless
    /// set).
    ///
    /// # Example
    /// See [`CqnetBuilder`].
    pub fn rule_date(mut self, choice: RuleDateChoice) -> Self {
        self.rule_date = choice;
        self
    }

    /// The office (0 to 99) whose management numbers the certificate service issues.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] above [`MAX_OFFICE`](crate::certificate::MAX_OFFICE).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncStore, Cqnet};
    /// fn refused<S: AsyncStore>(store: S) {
    ///     assert!(Cqnet::builder(store).certificate_office(100).is_err());
    /// }
    /// ```
    pub fn certificate_office(mut self, office: u8) -> Result<Self, InputError> {
        crate::certificate::check_office(office)?;
        self.office = office;
        Ok(self)
    }

    /// The secret key from which the certificate service derives the check codes (확인번호)
    /// of confirmation documents: the host's own, from its key store. Without it the
    /// certificate service refuses to issue or check confirmation documents.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationSecret;
    /// use cqnet_store::{AsyncStore, Cqnet};
    /// fn host<S: AsyncStore>(store: S, key: &[u8]) -> Result<Cqnet<S>, cqnet_core::InputError> {
    ///     Ok(Cqnet::builder(store).confirmation_secret(ConfirmationSecret::new(key)?).build())
    /// }
    /// ```
    pub fn confirmation_secret(mut self, secret: ConfirmationSecret) -> Self {
        self.confirmation_secret = Some(secret);
        self
    }

    /// The settings over another store (the blocking form wraps its store for the async
    /// services it drives).
    pub(crate) fn map_store<T, F2>(self, wrap: impl FnOnce(S) -> T) -> CqnetBuilder<T, C, F2> {
        CqnetBuilder {
            store: wrap(self.store),
            clock: self.clock,
            rules: self.rules,
            rule_date: self.rule_date,
            office: self.office,
            confirmation_secret: self.confirmation_secret,
            form: PhantomData,
        }
    }
}

impl<S, C> CqnetBuilder<S, C, Asynchronous> {
    /// The configured [`Cqnet`].
    ///
    /// # Example
    /// See [`CqnetBuilder`].
    pub fn build(self) -> Cqnet<S, C> {
        Cqnet {
            store: Arc::new(self.store),
            clock: self.clock,
            rules: Arc::new(self.rules),
            rule_date: self.rule_date,
            office: self.office,
            confirmation_secret: self.confirmation_secret,
        }
    }
}
