//! Use-case services: they check who may act (a rule of `cqnet_core::access`), check facts
//! against the course, write through the store, and let the core decide completion.
//!
//! The services are generic over any blocking [`Store`] and take a [`Clock`]; async hosts run
//! them inside `spawn_blocking`, or drive the `Async*` traits with the same core functions
//! ([`cqnet_core::ledger::effective_attendance`], [`cqnet_core::ledger::latest_evaluations`]
//! over [`attendance_facts`](crate::training::attendance_facts) and
//! [`evaluation_facts`](crate::training::evaluation_facts)).

use std::collections::BTreeSet;
use std::sync::Arc;

use cqnet_core::access::{self, Action, PartyId, Target};
use cqnet_core::course_based::{self, CourseBasedDecision, TraineeRecord, UnitRecord};
use cqnet_core::ledger::{self, DayProblem, EvaluationMisfit};
use cqnet_core::rules::{RuleDate, RulePack, RulePackError, Rules};
use cqnet_core::window::korean_date;
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, UnitResult, WorkStudyDecision};
use cqnet_core::{ExamStandard, Hours, InputError, Reason, Score, Track};
use rust_decimal::Decimal;
use thiserror::Error;

use crate::training::{
    AttendanceEntry, AttendanceTarget, Course, CourseId, Enrollment, EnrollmentId,
    EnrollmentStatus, EvaluationEntry, EvaluationResult, LearnerKind, NewAttendance, NewEvaluation,
    attendance_facts, evaluation_facts,
};
use crate::{Actor, CommandMeta, IdempotencyKey, Role};
use crate::{AsyncStore, Clock, StoreError};

/// Why a service refused or failed a command.
///
/// # Example
/// ```
/// use cqnet_store::training::ServiceError;
/// use cqnet_store::training::InvalidKind;
/// let err = ServiceError::invalid(InvalidKind::UnitNotInCourse, "unit X is not part of the course");
/// assert_eq!(err.to_string(), "invalid command: unit X is not part of the course");
/// assert_eq!(err.invalid_kind(), Some(InvalidKind::UnitNotInCourse));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ServiceError {
    /// The actor may not do this (the access rule's reasons say why).
    #[error("refused: {}", describe_reasons(.reasons))]
    Refused {
        /// Every failing check.
        reasons: Vec<Reason>,
    },
    /// The command does not fit the course, the learner or the record it names (a unit the
    /// course does not run, more hours than scheduled, OJT hours of a trainee, …): `kind`
    /// says which, the same on every store.
    #[error("invalid command: {detail}")]
    Invalid {
        /// Which misfit.
        kind: InvalidKind,
        /// What it is about, for a person to read.
        detail: String,
    },
    /// The stored record could not describe a real situation.
    #[error("invalid record: {0}")]
    Input(#[from] InputError),
    /// No rules are in force for the date.
    #[error("rules: {0}")]
    Rules(#[from] RulePackError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The reasons of a refusal as a person reads them: each code with its message in English and
/// in Korean.
fn describe_reasons(reasons: &[Reason]) -> String {
    let lines: Vec<String> = reasons
        .iter()
        .map(|r| format!("{} ({} / {})", r.code, r.message.en, r.message.ko))
        .collect();
    lines.join("; ")
}

/// Which misfit a [`ServiceError::Invalid`] is: a host acts on the kind (the HTTP face names
/// it in a problem's `code`), a person reads the detail.
///
/// # Example
/// ```
/// use cqnet_store::training::InvalidKind;
/// assert_eq!(InvalidKind::DayOutsideCourse.code(), "day_outside_course");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InvalidKind {
    /// Attendance dated before the course starts, after it ends, or after today (in Korea).
    DayOutsideCourse,
    /// A competency unit (능력단위) the course does not run.
    UnitNotInCourse,
    /// Attendance towards a target the learner's track does not count: OJT or Off-JT
    /// (현장훈련, 현장외훈련) for a trainee, a unit for a learning worker (학습근로자).
    TargetOfOtherTrack,
    /// More hours towards a target than are scheduled for it.
    AboveSchedule,
    /// An evaluation round (평가 회차) the unit does not have.
    RoundOutOfRange,
    /// A result or marks in the form of the other track (scores for a pass-or-fail unit,
    /// marks of a course-based round for a work-study application, …).
    ResultOfOtherTrack,
    /// Work-study marks that name no unit.
    NoUnitsMarked,
    /// The application is cancelled (접수취소).
    ApplicationCancelled,
    /// No marks were entered for the application.
    NoMarks,
    /// A revocation note the rules refuse (too long, or with control characters).
    RevocationNote,
    /// No document of the qualification is in force.
    NoDocumentInForce,
}

impl InvalidKind {
    /// The kind's stable code, in snake case.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::InvalidKind;
    /// assert_eq!(InvalidKind::AboveSchedule.code(), "above_schedule");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            InvalidKind::DayOutsideCourse => "day_outside_course",
            InvalidKind::UnitNotInCourse => "unit_not_in_course",
            InvalidKind::TargetOfOtherTrack => "target_of_other_track",
            InvalidKind::AboveSchedule => "above_schedule",
            InvalidKind::RoundOutOfRange => "round_out_of_range",
            InvalidKind::ResultOfOtherTrack => "result_of_other_track",
            InvalidKind::NoUnitsMarked => "no_units_marked",
            InvalidKind::ApplicationCancelled => "application_cancelled",
            InvalidKind::NoMarks => "no_marks",
            InvalidKind::RevocationNote => "revocation_note",
            InvalidKind::NoDocumentInForce => "no_document_in_force",
        }
    }
}

impl ServiceError {
    /// A [`ServiceError::Invalid`] of `kind`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{InvalidKind, ServiceError};
    /// let e = ServiceError::invalid(InvalidKind::NoMarks, "no marks were entered for a-1");
    /// assert_eq!(e.to_string(), "invalid command: no marks were entered for a-1");
    /// ```
    pub fn invalid(kind: InvalidKind, detail: impl Into<String>) -> Self {
        ServiceError::Invalid {
            kind,
            detail: detail.into(),
        }
    }

    /// The kind of a [`ServiceError::Invalid`]; `None` for every other error.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{InvalidKind, ServiceError};
    /// let e = ServiceError::invalid(InvalidKind::RoundOutOfRange, "unit A has rounds 1 to 1, not 2");
    /// assert_eq!(e.invalid_kind(), Some(InvalidKind::RoundOutOfRange));
    /// assert_eq!(ServiceError::Refused { reasons: vec![] }.invalid_kind(), None);
    /// ```
    pub fn invalid_kind(&self) -> Option<InvalidKind> {
        match self {
            ServiceError::Invalid { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// Whether the same call may succeed when sent again with the same idempotency key: only
    /// a store that failed ([`StoreError::is_retryable`]); a refusal, invalid input or missing
    /// rules answer the same again.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{training::ServiceError, StoreError};
    /// assert!(ServiceError::Store(StoreError::unavailable(cqnet_store::UnavailableKind::Contention, "busy")).is_retryable());
    /// use cqnet_store::training::InvalidKind;
    /// assert!(!ServiceError::invalid(InvalidKind::UnitNotInCourse, "unit 9 is not part of the course").is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        matches!(self, ServiceError::Store(e) if e.is_retryable())
    }

    /// Whether the error is about one stored record (it cannot be read back or decided), not
    /// about the store or the rules: a listing reports such a record and goes on.
    pub(super) fn is_about_the_record(&self) -> bool {
        matches!(
            self,
            ServiceError::Input(_)
                | ServiceError::Invalid { .. }
                | ServiceError::Store(StoreError::Corrupt { .. } | StoreError::NotFound { .. })
        )
    }
}

/// The candidates of a course's external evaluation (외부평가) as
/// [`TrainingService::external_candidates`] lists them.
///
/// # Example
/// ```
/// use cqnet_store::training::ExternalCandidates;
/// let none = ExternalCandidates::default();
/// assert!(none.eligible.is_empty() && none.undecided.is_empty());
/// ```
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct ExternalCandidates {
    /// The learners the core finds eligible, in the order of the course's enrollments.
    pub eligible: Vec<EnrollmentId>,
    /// The learners whose record could not be decided, each with why (the others are listed
    /// all the same).
    pub undecided: Vec<(EnrollmentId, ServiceError)>,
}

/// Either decision of the core, by track.
///
/// # Example
/// See [`TrainingService`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Completion {
    /// 과정평가형.
    CourseBased(CourseBasedDecision),
    /// 일학습병행.
    WorkStudy(WorkStudyDecision),
}

impl Completion {
    /// Whether the learner completed (이수; for 일학습병행, the completion certificate).
    ///
    /// # Example
    /// See [`TrainingService`].
    pub fn completed(&self) -> bool {
        match self {
            Completion::CourseBased(d) => d.completed,
            Completion::WorkStudy(d) => d.completion_certificate,
        }
    }

    /// Every failing check of the decision, with its legal basis and its message in Korean
    /// and English (attendance below the minimum in a unit, a round below the pass score, …).
    ///
    /// # Example
    /// See [`TrainingService`].
    pub fn reasons(&self) -> &[Reason] {
        match self {
            Completion::CourseBased(d) => &d.reasons,
            Completion::WorkStudy(d) => &d.reasons,
        }
    }

    /// Whether the learner may sit the external evaluation (외부평가).
    ///
    /// # Example
    /// See [`TrainingService`].
    pub fn eligible_for_external(&self) -> bool {
        match self {
            Completion::CourseBased(d) => d.eligible_for_external,
            Completion::WorkStudy(d) => d.eligible_for_external,
        }
    }
}

/// What the core decides completion on, for one learner: the enrollment, its course, the
/// course's curriculum standard (편성기준, read for trainees: it may set the external
/// evaluation's weights) and both ledgers as stored (corrections included; the decision keeps
/// the standing entries).
///
/// # Example
/// ```
/// use cqnet_store::{AsyncStore, StoreError, training::TrainingRecord, training::EnrollmentId};
/// async fn entries<S: AsyncStore>(store: &S, id: EnrollmentId) -> Result<usize, StoreError> {
///     let record = TrainingRecord::read(store, id).await?;
///     Ok(record.attendance.len() + record.evaluations.len())
/// }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingRecord {
    /// The enrollment (trainee or learning worker).
    pub enrollment: Enrollment,
    /// Its course.
    pub course: Course,
    /// The course's curriculum standard, for a trainee; `None` for a learning worker.
    pub standard: Option<cqnet_core::standard::CurriculumStandard>,
    /// The attendance ledger of the enrollment, in order.
    pub attendance: Vec<AttendanceEntry>,
    /// The evaluation ledger of the enrollment, in order.
    pub evaluations: Vec<EvaluationEntry>,
}

impl TrainingRecord {
    /// The trainee's record as the core decides it (`course_based::decide`): each unit of
    /// the course with its scheduled hours, the hours attended by the standing ledger entries
    /// (corrections applied) and the latest score of each internal evaluation round (내부평가
    /// 회차; a round not recorded is not taken). No external marks: add them with
    /// [`TraineeRecord::with_external`].
    ///
    /// # Errors
    /// [`ServiceError::Invalid`] (`TargetOfOtherTrack`) for a learning worker's record;
    /// [`ServiceError::Input`] for a ledger the core refuses (attended hours above a unit's
    /// schedule, a course without units).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{EnrollmentId, ServiceError, TrainingRecord};
    /// use cqnet_store::AsyncStore;
    /// async fn units<S: AsyncStore>(store: &S, id: EnrollmentId) -> Result<usize, ServiceError> {
    ///     let record = TrainingRecord::read(store, id).await?;
    ///     Ok(record.trainee_record()?.units().len())
    /// }
    /// ```
    pub fn trainee_record(&self) -> Result<TraineeRecord, ServiceError> {
        if !matches!(self.enrollment.kind(), LearnerKind::Trainee) {
            return Err(ServiceError::invalid(
                InvalidKind::TargetOfOtherTrack,
                "a learning worker's record is decided by units passed, not as a trainee's",
            ));
        }
        trainee_record_of(&self.course, &self.attendance, &self.evaluations)
    }

    /// The external evaluation's standard (외부평가 기준) the trainee is decided on: the one
    /// the course's curriculum standard (편성기준) sets, or else the one of `rules`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::ExamStandard;
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_store::training::TrainingRecord;
    /// fn standard(record: &TrainingRecord) -> ExamStandard {
    ///     record.exam_standard(&RulePack::embedded().newest())
    /// }
    /// ```
    pub fn exam_standard(&self, rules: &Rules) -> ExamStandard {
        exam_standard_of(self.standard.as_ref(), rules)
    }

    /// Reads the record of `id` from any store, one read per part.
    ///
    /// # Errors
    /// `NotFound` for an unknown enrollment (or a course or standard missing behind it);
    /// backend faults.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{EnrollmentId, TrainingRecord};
    /// use cqnet_store::{AsyncStore, StoreError};
    /// async fn hours_recorded<S: AsyncStore>(store: &S, id: EnrollmentId) -> Result<usize, StoreError> {
    ///     Ok(TrainingRecord::read(store, id).await?.attendance.len())
    /// }
    /// ```
    pub async fn read<S: AsyncStore + ?Sized>(
        store: &S,
        id: EnrollmentId,
    ) -> Result<Self, StoreError> {
        let enrollment = store.enrollment(id).await?.value;
        let course = store.course(enrollment.course()).await?.value;
        let standard = match enrollment.kind() {
            LearnerKind::Trainee => Some(
                store
                    .standard(
                        &course.spec().qualification,
                        &course.spec().standard_version,
                    )
                    .await?,
            ),
            LearnerKind::LearningWorker { .. } => None,
        };
        Ok(TrainingRecord {
            attendance: store.attendance(id).await?,
            evaluations: store.evaluations(id).await?,
            enrollment,
            course,
            standard,
        })
    }
}

/// A trainee's record from the course and the ledgers (see [`TrainingRecord::trainee_record`]).
pub(super) fn trainee_record_of(
    course: &Course,
    attendance: &[AttendanceEntry],
    evaluations: &[EvaluationEntry],
) -> Result<TraineeRecord, ServiceError> {
    let attended = ledger::effective_attendance(&attendance_facts(attendance));
    let results = ledger::latest_evaluations(&evaluation_facts(evaluations));
    let mut units = Vec::new();
    for unit in &course.spec().units {
        let target = AttendanceTarget::Unit(unit.code().clone());
        let rounds: Vec<Option<Score>> = (1..=unit.rounds())
            .map(|r| match results.get(&(unit.code().clone(), r)) {
                Some(EvaluationResult::Round { score, .. }) => *score,
                _ => None,
            })
            .collect();
        units.push(UnitRecord::new(
            unit.code().ncs(),
            unit.scheduled(),
            Hours::new(attended.get(&target).copied().unwrap_or(Decimal::ZERO))?,
            rounds,
        )?);
    }
    Ok(TraineeRecord::new(units)?)
}

/// The external standard of a course: its curriculum standard's, or else the rules'.
pub(super) fn exam_standard_of(
    standard: Option<&cqnet_core::standard::CurriculumStandard>,
    rules: &Rules,
) -> ExamStandard {
    standard
        .and_then(|s| s.spec().exam.clone())
        .unwrap_or_else(|| ExamStandard::from_rules(rules))
}

/// Records attendance and evaluations, decides completion with the core, and lists the
/// candidates of an external evaluation, over any store.
///
/// # Example
/// ```
/// use cqnet_store::{Actor, FixedClock, Role, AsyncStore, training::TrainingService};
/// use cqnet_store::training::CourseId;
/// async fn candidates<S: AsyncStore>(store: S) -> Result<usize, cqnet_store::training::ServiceError> {
///     let clock = FixedClock::new("2026-09-01T09:00:00Z".parse().unwrap());
///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
///     let service = TrainingService::new(store, clock);
///     Ok(service.external_candidates(&agency, CourseId::from_u128(1)).await?.eligible.len())
/// }
/// ```
#[derive(Debug)]
pub struct TrainingService<S, C> {
    pub(super) store: Arc<S>,
    pub(super) clock: C,
    rules: Arc<RulePack>,
    rule_date: RuleDateChoice,
}

/// Which date picks the rule values of a decision (see `cqnet_core::rules::RuleDate`).
///
/// # Example
/// ```
/// use cqnet_store::training::RuleDateChoice;
/// assert_eq!(RuleDateChoice::default(), RuleDateChoice::EvaluationDay);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RuleDateChoice {
    /// The Korean calendar day (UTC+9) of the clock's `now`: the rules in force today.
    #[default]
    EvaluationDay,
    /// The course's start date: a transitional provision (경과조치) keeps the cohort on the
    /// rules it started under.
    CourseStart,
}

pub(super) fn party(id: impl ToString) -> Option<PartyId> {
    PartyId::new(&id.to_string()).ok()
}

pub(crate) fn access_actor(actor: &Actor) -> access::Actor {
    match actor.role() {
        Role::InstitutionStaff(i) => {
            party(i).map_or(access::Actor::Public, access::Actor::InstitutionStaff)
        }
        Role::CompanyStaff(i) => {
            party(i).map_or(access::Actor::Public, access::Actor::CompanyStaff)
        }
        // Who acted, always: the agency's person by their login, never one shared "agency".
        Role::Agency => party(actor.login()).map_or(access::Actor::Public, access::Actor::Agency),
        Role::Learner(e) => party(e).map_or(access::Actor::Public, access::Actor::Candidate),
        Role::Evaluator => {
            party(actor.login()).map_or(access::Actor::Public, access::Actor::Evaluator)
        }
        _ => access::Actor::Public,
    }
}

impl<S: AsyncStore, C: Clock> TrainingService<S, C> {
    /// A service over `store`, with the embedded rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::TrainingService;
    /// use cqnet_store::{AsyncStore, SystemClock};
    /// fn service<S: AsyncStore>(store: S) -> TrainingService<S, SystemClock> {
    ///     TrainingService::new(store, SystemClock)
    /// }
    /// ```
    pub fn new(store: S, clock: C) -> Self {
        Self::from_shared(Arc::new(store), clock)
    }

    /// A service over a store shared with other services (the training, exam and certificate
    /// services of one [`Cqnet`](crate::Cqnet) share one), with the embedded rule pack.
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// use cqnet_store::{FixedClock, AsyncStore, training::TrainingService};
    /// fn two_views<S: AsyncStore>(store: S) -> (TrainingService<S, FixedClock>, TrainingService<S, FixedClock>) {
    ///     let shared = Arc::new(store);
    ///     let clock = FixedClock::new("2026-09-01T09:00:00Z".parse().unwrap());
    ///     (TrainingService::from_shared(shared.clone(), clock), TrainingService::from_shared(shared, clock))
    /// }
    /// ```
    pub fn from_shared(store: Arc<S>, clock: C) -> Self {
        TrainingService {
            store,
            clock,
            rules: Arc::new(RulePack::embedded().clone()),
            rule_date: RuleDateChoice::default(),
        }
    }

    /// The same service picking rule values by `choice`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{FixedClock, AsyncStore, training::{RuleDateChoice, TrainingService}};
    /// # fn f<S: AsyncStore>(s: S) {
    /// let clock = FixedClock::new("2026-09-01T00:00:00Z".parse().unwrap());
    /// let service = TrainingService::new(s, clock).with_rule_date(RuleDateChoice::CourseStart);
    /// # let _ = service; }
    /// ```
    pub fn with_rule_date(mut self, choice: RuleDateChoice) -> Self {
        self.rule_date = choice;
        self
    }

    /// The same service with another rule pack (an overlay, a host's own).
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{FixedClock, AsyncStore, training::TrainingService};
    /// # fn f<S: AsyncStore>(s: S) {
    /// let pack = cqnet_core::rules::RulePack::embedded().clone();
    /// let service = TrainingService::new(s, FixedClock::new("2026-01-01T00:00:00Z".parse().unwrap())).with_rules(pack);
    /// # let _ = service; }
    /// ```
    pub fn with_rules(self, rules: RulePack) -> Self {
        self.with_shared_rules(Arc::new(rules))
    }

    /// The same service with a rule pack shared with other services (those of one
    /// [`Cqnet`](crate::Cqnet)).
    pub(crate) fn with_shared_rules(mut self, rules: Arc<RulePack>) -> Self {
        self.rules = rules;
        self
    }

    /// The store.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::TrainingService;
    /// use cqnet_store::{Clock, AsyncStore, StoreError};
    /// async fn audit_lines<S: AsyncStore, C: Clock>(s: &TrainingService<S, C>) -> Result<usize, StoreError> {
    ///     Ok(s.store().audit_entries(None, 100).await?.len())
    /// }
    /// ```
    pub fn store(&self) -> &S {
        &self.store
    }

    pub(super) fn meta(&self, actor: &Actor) -> CommandMeta {
        // The store checks its limits (the daily hours) under the service's pack.
        CommandMeta::new(actor.clone(), self.clock.now()).under_rules(self.rules.clone())
    }

    /// The course, once `actor` may view its training (`Action::ViewTraining`: the course's
    /// institution and the agency); a refusal of `command` is audited.
    pub(super) async fn course_viewed_by(
        &self,
        actor: &Actor,
        course: CourseId,
        command: &'static str,
    ) -> Result<Course, ServiceError> {
        let read = self.store.course(course).await?.value;
        let target = Target {
            institution: party(read.spec().institution),
            ..Target::default()
        };
        crate::authorization::authorize(
            &*self.store,
            self.meta(actor),
            Action::ViewTraining,
            &target,
            command,
            format!("course {course}"),
        )
        .await?;
        Ok(read)
    }

    /// Whether `actor` may record training of `enrollment`: the core's access rule. A refusal
    /// is written to the audit log.
    async fn authorize(
        &self,
        actor: &Actor,
        command: &str,
        enrollment: &Enrollment,
        course: &Course,
    ) -> Result<(), ServiceError> {
        self.authorize_as(actor, Action::RecordTraining, command, enrollment, course)
            .await
    }

    /// Whether `actor` may take `action` on the training record of `enrollment` in `course`.
    async fn authorize_as(
        &self,
        actor: &Actor,
        action: Action,
        command: &str,
        enrollment: &Enrollment,
        course: &Course,
    ) -> Result<(), ServiceError> {
        let company = match enrollment.kind() {
            LearnerKind::LearningWorker { company, .. } => party(company),
            LearnerKind::Trainee => None,
        };
        let target = Target {
            candidate: party(enrollment.id()),
            institution: party(course.spec().institution),
            company,
            announcement: access::Announcement::NotScheduled,
            track: Some(track_of(enrollment)),
        };
        crate::authorization::authorize(
            &*self.store,
            self.meta(actor),
            action,
            &target,
            command,
            format!("enrollment {}", enrollment.id()),
        )
        .await
    }

    /// Whether `enrollment`'s ledgers may take entries (the core's check of an active
    /// enrollment), under the rules in force for its course. A refusal is written to the audit
    /// log.
    async fn check_active(
        &self,
        actor: &Actor,
        command: &str,
        enrollment: &Enrollment,
        course: &Course,
    ) -> Result<(), ServiceError> {
        let rules = self.rules_for(course)?;
        let active = enrollment.status() == EnrollmentStatus::Active;
        let reasons = ledger::check_enrollment_active(active, &rules);
        if reasons.is_empty() {
            return Ok(());
        }
        self.refuse(actor, command, enrollment, reasons).await
    }

    /// Writes the refusal of `command` to the audit log and returns it.
    async fn refuse(
        &self,
        actor: &Actor,
        command: &str,
        enrollment: &Enrollment,
        reasons: Vec<Reason>,
    ) -> Result<(), ServiceError> {
        crate::authorization::refuse(
            &*self.store,
            self.meta(actor),
            command,
            format!("enrollment {}", enrollment.id()),
            reasons,
        )
        .await
    }

    /// The rules in force for a decision about `course`, on the date [`RuleDateChoice`] picks.
    fn rules_for(&self, course: &Course) -> Result<Rules, ServiceError> {
        self.rules_for_on(course, None)
    }

    /// The rules in force for a decision about `course` evaluated on `evaluated_on` (by
    /// default today in Korea), or on the course's start when the service pins it.
    pub(super) fn rules_for_on(
        &self,
        course: &Course,
        evaluated_on: Option<chrono::NaiveDate>,
    ) -> Result<Rules, ServiceError> {
        let rule_date = match self.rule_date {
            RuleDateChoice::EvaluationDay => RuleDate::EvaluatedOn(
                evaluated_on.unwrap_or_else(|| korean_date(self.clock.now().fixed_offset())),
            ),
            RuleDateChoice::CourseStart => RuleDate::CohortStartedOn(course.spec().start),
        };
        Ok(self.rules.rules_for(rule_date)?)
    }

    async fn load(&self, id: EnrollmentId) -> Result<(Enrollment, Course), ServiceError> {
        let enrollment = self.store.enrollment(id).await?.value;
        let course = self.store.course(enrollment.course()).await?.value;
        Ok((enrollment, course))
    }

    /// Records attendance (출결) in one transaction, after checking that the actor is staff of
    /// the course's institution (or of the learner's company), that every target fits the
    /// learner (a unit of the course for a trainee, OJT or Off-JT for a learning worker), and
    /// that no target's effective hours would exceed its scheduled hours.
    ///
    /// Retrying with the same key is safe: when the store already committed a command under
    /// `key` ([`LedgerStore::command_recorded`](crate::LedgerStore::command_recorded)), the
    /// checks are skipped and the store answers the retry: the first result for the same
    /// payload and actor, [`StoreError::IdempotencyConflict`] for another (so a retry is never
    /// refused because its own entries are now in the ledger).
    ///
    /// # Concurrency
    /// The hours are checked against the schedule inside the store's transaction that appends
    /// them, against the learner's standing hours kept with the ledger: of two commands racing
    /// for the same hours, one is accepted and the other refused, on every back end.
    ///
    /// # Errors
    /// [`ServiceError::Refused`], [`ServiceError::Invalid`], [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{NewAttendance, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, Clock, IdempotencyKey, AsyncStore};
    /// async fn record<S: AsyncStore, C: Clock>(s: &TrainingService<S, C>, staff: &Actor, day: &[NewAttendance]) -> Result<usize, ServiceError> {
    ///     let key = IdempotencyKey::new("attendance-2026-03-03")?;
    ///     Ok(s.record_attendance(staff, &key, day).await?.len())
    /// }
    /// ```
    pub async fn record_attendance(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        facts: &[NewAttendance],
    ) -> Result<Vec<AttendanceEntry>, ServiceError> {
        // A key is scoped to who acts and to the command (see `IdempotencyKey::scoped`).
        let key = &key.scoped(actor, "record_attendance");
        if self.store.command_recorded(key).await? {
            return Ok(self
                .store
                .append_attendance(&self.meta(actor), key, facts)
                .await?);
        }
        let ids: BTreeSet<EnrollmentId> = facts.iter().map(|f| f.enrollment).collect();
        for id in ids {
            let (enrollment, course) = self.load(id).await?;
            self.authorize(actor, "record_attendance", &enrollment, &course)
                .await?;
            self.check_active(actor, "record_attendance", &enrollment, &course)
                .await?;
            let mine: Vec<&NewAttendance> = facts.iter().filter(|f| f.enrollment == id).collect();
            for fact in &mine {
                scheduled_hours(&enrollment, &course, &fact.target)?;
            }
            self.check_days(id, &course, &mine)?;
        }
        // The store checks the hours against the schedule and the daily limit inside its
        // transaction (see `commands::append_attendance`): more hours than scheduled is the
        // caller's invalid input; a day above the pack's limit is refused with the core's
        // reasons, and the refusal is audited as every refusal is.
        match self
            .store
            .append_attendance(&self.meta(actor), key, facts)
            .await
        {
            Err(e @ StoreError::AboveSchedule { .. }) => Err(ServiceError::invalid(
                InvalidKind::AboveSchedule,
                e.to_string(),
            )),
            Err(StoreError::AboveDailyLimit {
                enrollment,
                reasons,
            }) => {
                crate::authorization::refuse(
                    &*self.store,
                    self.meta(actor),
                    "record_attendance",
                    format!("enrollment {enrollment}"),
                    reasons,
                )
                .await
            }
            other => Ok(other?),
        }
    }

    /// Refuses attendance on a day outside the course or after today (in Korea).
    fn check_days(
        &self,
        id: EnrollmentId,
        course: &Course,
        facts: &[&NewAttendance],
    ) -> Result<(), ServiceError> {
        let today = korean_date(self.clock.now().fixed_offset());
        let (start, end) = (course.spec().start, course.spec().end);
        for fact in facts {
            if let Err(problem) = ledger::check_attendance_day(fact.day, start, end, today) {
                let why = match problem {
                    DayProblem::BeforeCourse => format!("is before the course starts ({start})"),
                    DayProblem::AfterCourse => format!("is after the course ends ({end})"),
                    _ => format!("has not come yet (today is {today})"),
                };
                return Err(ServiceError::invalid(
                    InvalidKind::DayOutsideCourse,
                    format!(
                        "attendance of enrollment {id} on {}: the day {why}",
                        fact.day
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Records internal evaluation results (내부평가) in one transaction, after checking the
    /// actor, that each unit is run by the course, that rounds lie within the unit's rounds
    /// (과정평가형) and that the result's kind fits the learner.
    ///
    /// Retrying with the same key is safe: when the store already committed a command under
    /// `key`, the checks are skipped and the store answers the retry (the first result, or
    /// [`StoreError::IdempotencyConflict`] for another payload), as in
    /// [`TrainingService::record_attendance`].
    ///
    /// # Errors
    /// [`ServiceError::Refused`], [`ServiceError::Invalid`], [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{NewEvaluation, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, Clock, IdempotencyKey, AsyncStore};
    /// async fn record<S: AsyncStore, C: Clock>(s: &TrainingService<S, C>, staff: &Actor, results: &[NewEvaluation]) -> Result<usize, ServiceError> {
    ///     let key = IdempotencyKey::new("evaluation-round-1")?;
    ///     Ok(s.record_evaluations(staff, &key, results).await?.len())
    /// }
    /// ```
    pub async fn record_evaluations(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> Result<Vec<EvaluationEntry>, ServiceError> {
        // A key is scoped to who acts and to the command (see `IdempotencyKey::scoped`).
        let key = &key.scoped(actor, "record_evaluations");
        if self.store.command_recorded(key).await? {
            return Ok(self
                .store
                .append_evaluations(&self.meta(actor), key, facts)
                .await?);
        }
        let ids: BTreeSet<EnrollmentId> = facts.iter().map(|f| f.enrollment).collect();
        for id in ids {
            let (enrollment, course) = self.load(id).await?;
            self.authorize(actor, "record_evaluations", &enrollment, &course)
                .await?;
            self.check_active(actor, "record_evaluations", &enrollment, &course)
                .await?;
            for fact in facts.iter().filter(|f| f.enrollment == id) {
                let unit = course.unit(&fact.unit).ok_or_else(|| {
                    ServiceError::invalid(
                        InvalidKind::UnitNotInCourse,
                        format!("unit {} is not part of course {}", fact.unit, course.id()),
                    )
                })?;
                match ledger::evaluation_fit(track_of(&enrollment), unit.rounds(), fact.result) {
                    Ok(()) => {}
                    Err(EvaluationMisfit::RoundOutOfRange) => {
                        return Err(ServiceError::invalid(
                            InvalidKind::RoundOutOfRange,
                            format!(
                                "unit {} has rounds 1 to {}, not {}",
                                fact.unit,
                                unit.rounds(),
                                fact.result.round()
                            ),
                        ));
                    }
                    Err(_) => {
                        return Err(ServiceError::invalid(
                            InvalidKind::ResultOfOtherTrack,
                            "a trainee's unit takes scored rounds, a learning worker's unit pass or fail",
                        ));
                    }
                }
            }
        }
        Ok(self
            .store
            .append_evaluations(&self.meta(actor), key, facts)
            .await?)
    }

    /// Decides completion (이수) of one enrollment with the core, using the standing
    /// (corrected) ledger entries and the rules in force on the date [`RuleDateChoice`] picks
    /// (by default the Korean calendar day of the clock's `now`), for an `actor` the access
    /// rules let see the record (`Action::ViewTraining`: the learner, the course's institution
    /// or the learner's company, the agency). A refusal is audited.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else; [`ServiceError::Store`];
    /// [`ServiceError::Rules`] when no rules cover the date; [`ServiceError::Input`] when the
    /// ledger cannot describe a real record (more hours attended than scheduled).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Completion, EnrollmentId, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, Clock, Role, AsyncStore};
    /// async fn completed<S: AsyncStore, C: Clock>(s: &TrainingService<S, C>, id: EnrollmentId) -> Result<bool, ServiceError> {
    ///     let me = Actor::new("hong.gildong", Role::Learner(id))?;
    ///     Ok(s.decide(&me, id).await?.completed())
    /// }
    /// ```
    pub async fn decide(
        &self,
        actor: &Actor,
        id: EnrollmentId,
    ) -> Result<Completion, ServiceError> {
        self.decide_with_external(actor, id, None).await
    }

    /// [`TrainingService::decide`] with the marks of an external evaluation (외부평가), so that
    /// the core also decides the pass (합격).
    ///
    /// # Errors
    /// As [`TrainingService::decide`]; [`ServiceError::Invalid`] for marks of the other track.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, training::{Completion, ServiceError, TrainingService}};
    /// use cqnet_store::{exam::Marks, training::EnrollmentId};
    /// async fn passed<S: AsyncStore>(s: &TrainingService<S, FixedClock>, id: EnrollmentId, m: &Marks) -> Result<Option<bool>, ServiceError> {
    ///     let agency = cqnet_store::Actor::new("hrdk.admin", cqnet_store::Role::Agency)?;
    ///     Ok(match s.decide_with_external(&agency, id, Some(m)).await? {
    ///         Completion::CourseBased(d) => d.passed,
    ///         Completion::WorkStudy(d) => d.passed,
    ///         _ => None,
    ///     })
    /// }
    /// ```
    pub async fn decide_with_external(
        &self,
        actor: &Actor,
        id: EnrollmentId,
        external: Option<&crate::exam::Marks>,
    ) -> Result<Completion, ServiceError> {
        let record = self.record_for(actor, id).await?;
        self.decide_record(&record, external)
    }

    /// A learner's record, for an actor the access rules let see it (a refusal is audited).
    async fn record_for(
        &self,
        actor: &Actor,
        id: EnrollmentId,
    ) -> Result<TrainingRecord, ServiceError> {
        let record = TrainingRecord::read(&*self.store, id).await?;
        self.authorize_as(
            actor,
            Action::ViewTraining,
            "decide",
            &record.enrollment,
            &record.course,
        )
        .await?;
        Ok(record)
    }

    /// [`TrainingService::decide_with_external`] under the rules in force on the day the
    /// learner was evaluated (the external evaluation's day), not the day the decision is
    /// made: a result finalised weeks later is decided as on its evaluation day (unless the
    /// service pins the course's start, [`RuleDateChoice::CourseStart`]).
    ///
    /// # Errors
    /// As [`TrainingService::decide_with_external`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Completion, EnrollmentId, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, Clock, Role, AsyncStore};
    /// async fn completed_then<S: AsyncStore, C: Clock>(s: &TrainingService<S, C>, id: EnrollmentId) -> Result<bool, ServiceError> {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
    ///     let day = "2026-10-03".parse().expect("a date");
    ///     Ok(s.decide_with_external_on(&agency, id, None, day).await?.completed())
    /// }
    /// ```
    pub async fn decide_with_external_on(
        &self,
        actor: &Actor,
        id: EnrollmentId,
        external: Option<&crate::exam::Marks>,
        evaluated_on: chrono::NaiveDate,
    ) -> Result<Completion, ServiceError> {
        let record = self.record_for(actor, id).await?;
        self.decide_record_on(&record, external, Some(evaluated_on))
    }

    /// [`TrainingService::decide_with_external`] over a record already read (by
    /// [`TrainingRecord::read`], or by a store that reads it together with other facts in one
    /// go, such as [`AsyncExamStore::application_context`](crate::exam::AsyncExamStore::application_context)).
    ///
    /// # Errors
    /// As [`TrainingService::decide_with_external`], without the store's.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, training::{Completion, ServiceError, TrainingRecord, TrainingService}};
    /// use cqnet_store::training::EnrollmentId;
    /// async fn eligible<S: AsyncStore>(s: &TrainingService<S, FixedClock>, id: EnrollmentId) -> Result<bool, ServiceError> {
    ///     let record = TrainingRecord::read(s.store(), id).await?;
    ///     Ok(s.decide_record(&record, None)?.eligible_for_external())
    /// }
    /// ```
    pub fn decide_record(
        &self,
        record: &TrainingRecord,
        external: Option<&crate::exam::Marks>,
    ) -> Result<Completion, ServiceError> {
        self.decide_record_on(record, external, None)
    }

    fn decide_record_on(
        &self,
        record: &TrainingRecord,
        external: Option<&crate::exam::Marks>,
        evaluated_on: Option<chrono::NaiveDate>,
    ) -> Result<Completion, ServiceError> {
        use crate::exam::Marks;
        let (enrollment, course) = (&record.enrollment, &record.course);
        let rules = self.rules_for_on(course, evaluated_on)?;
        match enrollment.kind() {
            LearnerKind::Trainee => {
                let exam = record.exam_standard(&rules);
                let mut record = record.trainee_record()?;
                match external {
                    None => {}
                    Some(Marks::CourseBased { written, practical }) => {
                        record = record
                            .with_external(course_based::ExternalScores::new(*written, *practical));
                    }
                    Some(Marks::WorkStudy { .. }) => {
                        return Err(ServiceError::invalid(
                            InvalidKind::ResultOfOtherTrack,
                            "a trainee's external marks are written and practical scores",
                        ));
                    }
                }
                Ok(Completion::CourseBased(course_based::decide(
                    &record, &exam, &rules,
                )))
            }
            LearnerKind::LearningWorker {
                ojt_scheduled,
                off_jt_scheduled,
                ..
            } => {
                // A trainee's ledgers are folded by `trainee_record`; a learning worker's here.
                let attended = ledger::effective_attendance(&attendance_facts(&record.attendance));
                let results = ledger::latest_evaluations(&evaluation_facts(&record.evaluations));
                let hours = |target: &AttendanceTarget| -> Result<Hours, InputError> {
                    Hours::new(attended.get(target).copied().unwrap_or(Decimal::ZERO))
                };
                let units: Vec<UnitResult> = course
                    .spec()
                    .units
                    .iter()
                    .map(|u| {
                        let passed = matches!(
                            results.get(&(u.code().clone(), 0)),
                            Some(EvaluationResult::Passed(true))
                        );
                        UnitResult::new(Some(u.code().clone()), passed)
                    })
                    .collect();
                let mut record = LearnerRecord::new(
                    TrainingHours::new(ojt_scheduled, hours(&AttendanceTarget::Ojt)?)?,
                    TrainingHours::new(off_jt_scheduled, hours(&AttendanceTarget::OffJt)?)?,
                    units,
                )?;
                match external {
                    None => {}
                    Some(Marks::WorkStudy { units }) => {
                        record = record.with_external(units.clone())?;
                    }
                    Some(Marks::CourseBased { .. }) => {
                        return Err(ServiceError::invalid(
                            InvalidKind::ResultOfOtherTrack,
                            "a learning worker's external marks are units passed or failed",
                        ));
                    }
                }
                Ok(Completion::WorkStudy(work_study::decide(&record, &rules)))
            }
        }
    }

    /// The active enrollments of a course whom the core finds eligible for the external
    /// evaluation (외부평가 응시 자격), by id, and those whose record cannot be decided (a
    /// ledger that no longer fits a course changed since, a record that does not read back),
    /// each with why: one bad record never hides the others. For the course's institution and
    /// the agency (`Action::ViewTraining` on the course). A refusal is audited.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else; [`ServiceError::Store`] when the store
    /// fails; [`ServiceError::Rules`] when no rules cover the date.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{CourseId, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, Clock, Role, AsyncStore};
    /// async fn list<S: AsyncStore, C: Clock>(s: &TrainingService<S, C>, course: CourseId) -> Result<usize, ServiceError> {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
    ///     let listed = s.external_candidates(&agency, course).await?;
    ///     for (id, why) in &listed.undecided {
    ///         eprintln!("enrollment {id}: {why}");
    ///     }
    ///     Ok(listed.eligible.len())
    /// }
    /// ```
    pub async fn external_candidates(
        &self,
        actor: &Actor,
        course: CourseId,
    ) -> Result<ExternalCandidates, ServiceError> {
        self.course_viewed_by(actor, course, "external_candidates")
            .await?;
        let mut listed = ExternalCandidates::default();
        for e in self.store.enrollments(course).await? {
            if e.value.status() != EnrollmentStatus::Active {
                continue;
            }
            let id = e.value.id();
            let decided = TrainingRecord::read(&*self.store, id)
                .await
                .map_err(ServiceError::from)
                .and_then(|record| self.decide_record(&record, None));
            match decided {
                Ok(d) if d.eligible_for_external() => listed.eligible.push(id),
                Ok(_) => {}
                Err(why) if why.is_about_the_record() => listed.undecided.push((id, why)),
                Err(other) => return Err(other),
            }
        }
        Ok(listed)
    }
}

/// The track a learner's ledger is read under: a trainee's is 과정평가형, a learning
/// worker's 일학습병행.
pub(crate) fn track_of(enrollment: &Enrollment) -> Track {
    match enrollment.kind() {
        LearnerKind::Trainee => Track::CourseBased,
        LearnerKind::LearningWorker { .. } => Track::WorkStudy,
    }
}

/// The scheduled hours of a target for a learner, or why the target does not fit.
///
/// # Errors
/// [`ServiceError::Invalid`] for a unit the course does not run, OJT or Off-JT of a trainee,
/// or a unit of a learning worker.
///
/// # Example
/// See [`TrainingService`].
pub fn scheduled_hours(
    enrollment: &Enrollment,
    course: &Course,
    target: &AttendanceTarget,
) -> Result<Hours, ServiceError> {
    if let Some(hours) = super::commands::schedule_of(enrollment, course, target) {
        return Ok(hours);
    }
    Err(match (enrollment.kind(), target) {
        (LearnerKind::Trainee, AttendanceTarget::Unit(code)) => ServiceError::invalid(
            InvalidKind::UnitNotInCourse,
            format!("unit {code} is not part of course {}", course.id()),
        ),
        (LearnerKind::Trainee, _) => ServiceError::invalid(
            InvalidKind::TargetOfOtherTrack,
            "a trainee's attendance counts towards a competency unit, not OJT or Off-JT",
        ),
        (LearnerKind::LearningWorker { .. }, _) => ServiceError::invalid(
            InvalidKind::TargetOfOtherTrack,
            "a learning worker's attendance counts towards OJT or Off-JT",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::ServiceError;

    #[test]
    fn a_refusal_reads_as_its_messages_not_only_its_codes() {
        let rules = cqnet_core::rules::RulePack::embedded().newest();
        let reasons = cqnet_core::ledger::check_enrollment_active(false, &rules);
        let text = ServiceError::Refused {
            reasons: reasons.clone(),
        }
        .to_string();
        assert!(text.contains(reasons[0].code.as_str()), "{text}");
        assert!(text.contains(&reasons[0].message.en), "{text}");
        assert!(text.contains(&reasons[0].message.ko), "{text}");
    }
}
