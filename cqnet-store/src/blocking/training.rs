//! The blocking [`TrainingService`]: the async [`crate::training::TrainingService`] over the
//! store's [`Inline`] view, each method driven to its answer.

use cqnet_core::QualificationCode;
use cqnet_core::rules::RulePack;
use cqnet_core::standard::CurriculumStandard;

use super::wait;
use crate::exam::Marks;
use crate::training::{
    self, AttendanceEntry, Completion, Course, CourseId, CourseRecords, Enrollment, EnrollmentId,
    EvaluationEntry, ExternalCandidates, Institution, NewAttendance, NewEvaluation, Qualification,
    RuleDateChoice, ServiceError, StandardVersion, TrainingRecord,
};
use crate::{Actor, Clock, IdempotencyKey, Inline, Store, Version, Versioned};
#[cfg(doc)]
use crate::{LedgerStore, StoreError};

/// Records attendance and evaluations, decides completion with the core, lists the candidates
/// of an external evaluation and sets up what training is recorded against, over any blocking
/// store, returning when done.
///
/// # Example
/// ```
/// use cqnet_store::blocking::TrainingService;
/// use cqnet_store::training::CourseId;
/// use cqnet_store::{Actor, FixedClock, Role, Store};
/// fn candidates<S: Store + 'static>(store: S) -> Result<usize, cqnet_store::training::ServiceError> {
///     let clock = FixedClock::new("2026-09-01T09:00:00Z".parse().unwrap());
///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
///     let service = TrainingService::new(store, clock);
///     Ok(service.external_candidates(&agency, CourseId::from_u128(1))?.eligible.len())
/// }
/// ```
#[derive(Debug)]
pub struct TrainingService<S, C> {
    inner: training::TrainingService<Inline<S>, C>,
}

impl<S: Store + 'static, C: Clock> TrainingService<S, C> {
    pub(super) fn wrap(inner: training::TrainingService<Inline<S>, C>) -> Self {
        TrainingService { inner }
    }

    /// A service over `store`, with the embedded rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Store, SystemClock};
    /// fn service<S: Store + 'static>(store: S) -> TrainingService<S, SystemClock> {
    ///     TrainingService::new(store, SystemClock)
    /// }
    /// ```
    pub fn new(store: S, clock: C) -> Self {
        Self::wrap(training::TrainingService::new(Inline::new(store), clock))
    }

    /// The same service picking rule values by `choice`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{FixedClock, Store, training::RuleDateChoice};
    /// fn pinned<S: Store + 'static>(store: S) -> TrainingService<S, FixedClock> {
    ///     let clock = FixedClock::new("2026-09-01T00:00:00Z".parse().unwrap());
    ///     TrainingService::new(store, clock).with_rule_date(RuleDateChoice::CourseStart)
    /// }
    /// ```
    pub fn with_rule_date(self, choice: RuleDateChoice) -> Self {
        Self::wrap(self.inner.with_rule_date(choice))
    }

    /// The same service with another rule pack (an overlay, a host's own).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{FixedClock, Store};
    /// fn with_pack<S: Store + 'static>(s: TrainingService<S, FixedClock>) -> TrainingService<S, FixedClock> {
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
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Clock, Store, StoreError};
    /// fn audit_lines<S: Store + 'static, C: Clock>(s: &TrainingService<S, C>) -> Result<usize, StoreError> {
    ///     Ok(s.store().audit_entries(None, 100)?.len())
    /// }
    /// ```
    pub fn store(&self) -> &S {
        self.inner.store().inner()
    }

    /// The async service inside, over the same store.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Clock, Store};
    /// fn same<S: Store + 'static, C: Clock>(s: &TrainingService<S, C>) -> bool {
    ///     std::ptr::eq(s.asynchronous().store().inner(), s.store())
    /// }
    /// ```
    pub fn asynchronous(&self) -> &training::TrainingService<Inline<S>, C> {
        &self.inner
    }

    /// Decides completion over a record already read: see
    /// [`training::TrainingService::decide_record`] (it reads nothing, so it is the same call).
    ///
    /// # Errors
    /// As [`training::TrainingService::decide_record`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::training::{ServiceError, TrainingRecord};
    /// use cqnet_store::{FixedClock, Store};
    /// fn eligible<S: Store + 'static>(s: &TrainingService<S, FixedClock>, record: &TrainingRecord) -> Result<bool, ServiceError> {
    ///     Ok(s.decide_record(record, None)?.eligible_for_external())
    /// }
    /// ```
    pub fn decide_record(
        &self,
        record: &TrainingRecord,
        external: Option<&Marks>,
    ) -> Result<Completion, ServiceError> {
        self.inner.decide_record(record, external)
    }

    /// Records attendance (출결) in one transaction, after checking that the actor is staff of
    /// the course's institution (or of the learner's company), that every target fits the
    /// learner (a unit of the course for a trainee, OJT or Off-JT for a learning worker), and
    /// that no target's effective hours would exceed its scheduled hours.
    ///
    /// Blocks on [`TrainingService::record_attendance`](crate::training::TrainingService::record_attendance), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::record_attendance`](crate::training::TrainingService::record_attendance).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{NewAttendance, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, IdempotencyKey, Store};
    /// fn record<S: Store + 'static, C: Clock>(s: &TrainingService<S, C>, staff: &Actor, day: &[NewAttendance]) -> Result<usize, ServiceError> {
    ///     let key = IdempotencyKey::new("attendance-2026-03-03")?;
    ///     Ok(s.record_attendance(staff, &key, day)?.len())
    /// }
    /// ```
    pub fn record_attendance(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        facts: &[NewAttendance],
    ) -> Result<Vec<AttendanceEntry>, ServiceError> {
        wait(self.inner.record_attendance(actor, key, facts))
    }

    /// Records internal evaluation results (내부평가) in one transaction, after checking the
    /// actor, that each unit is run by the course, that rounds lie within the unit's rounds
    /// (과정평가형) and that the result's kind fits the learner.
    ///
    /// Blocks on [`TrainingService::record_evaluations`](crate::training::TrainingService::record_evaluations), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::record_evaluations`](crate::training::TrainingService::record_evaluations).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{NewEvaluation, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, IdempotencyKey, Store};
    /// fn record<S: Store + 'static, C: Clock>(s: &TrainingService<S, C>, staff: &Actor, results: &[NewEvaluation]) -> Result<usize, ServiceError> {
    ///     let key = IdempotencyKey::new("evaluation-round-1")?;
    ///     Ok(s.record_evaluations(staff, &key, results)?.len())
    /// }
    /// ```
    pub fn record_evaluations(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> Result<Vec<EvaluationEntry>, ServiceError> {
        wait(self.inner.record_evaluations(actor, key, facts))
    }

    /// Decides completion (이수) of one enrollment with the core, using the standing
    /// (corrected) ledger entries and the rules in force on the date [`RuleDateChoice`] picks
    /// (by default the Korean calendar day of the clock's `now`), for an `actor` the access
    /// rules let see the record (`Action::ViewTraining`: the learner, the course's institution
    /// or the learner's company, the agency). A refusal is audited.
    ///
    /// Blocks on [`TrainingService::decide`](crate::training::TrainingService::decide), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::decide`](crate::training::TrainingService::decide).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Completion, EnrollmentId, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, Role, Store};
    /// fn completed<S: Store + 'static, C: Clock>(s: &TrainingService<S, C>, id: EnrollmentId) -> Result<bool, ServiceError> {
    ///     let me = Actor::new("hong.gildong", Role::Learner(id))?;
    ///     Ok(s.decide(&me, id)?.completed())
    /// }
    /// ```
    pub fn decide(&self, actor: &Actor, id: EnrollmentId) -> Result<Completion, ServiceError> {
        wait(self.inner.decide(actor, id))
    }

    /// [`TrainingService::decide`] with the marks of an external evaluation (외부평가), so that
    /// the core also decides the pass (합격).
    ///
    /// Blocks on [`TrainingService::decide_with_external`](crate::training::TrainingService::decide_with_external), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::decide_with_external`](crate::training::TrainingService::decide_with_external).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, Store, training::{Completion, ServiceError}};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{exam::Marks, training::EnrollmentId};
    /// fn passed<S: Store + 'static>(s: &TrainingService<S, FixedClock>, id: EnrollmentId, m: &Marks) -> Result<Option<bool>, ServiceError> {
    ///     let agency = cqnet_store::Actor::new("hrdk.admin", cqnet_store::Role::Agency)?;
    ///     Ok(match s.decide_with_external(&agency, id, Some(m))? {
    ///         Completion::CourseBased(d) => d.passed,
    ///         Completion::WorkStudy(d) => d.passed,
    ///         _ => None,
    ///     })
    /// }
    /// ```
    pub fn decide_with_external(
        &self,
        actor: &Actor,
        id: EnrollmentId,
        external: Option<&crate::exam::Marks>,
    ) -> Result<Completion, ServiceError> {
        wait(self.inner.decide_with_external(actor, id, external))
    }

    /// [`TrainingService::decide_with_external`] under the rules in force on the day the
    /// learner was evaluated (the external evaluation's day), not the day the decision is
    /// made: a result finalised weeks later is decided as on its evaluation day (unless the
    /// service pins the course's start, [`RuleDateChoice::CourseStart`]).
    ///
    /// Blocks on [`TrainingService::decide_with_external_on`](crate::training::TrainingService::decide_with_external_on), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::decide_with_external_on`](crate::training::TrainingService::decide_with_external_on).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Completion, EnrollmentId, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, Role, Store};
    /// fn completed_then<S: Store + 'static, C: Clock>(s: &TrainingService<S, C>, id: EnrollmentId) -> Result<bool, ServiceError> {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
    ///     let day = "2026-10-03".parse().expect("a date");
    ///     Ok(s.decide_with_external_on(&agency, id, None, day)?.completed())
    /// }
    /// ```
    pub fn decide_with_external_on(
        &self,
        actor: &Actor,
        id: EnrollmentId,
        external: Option<&crate::exam::Marks>,
        evaluated_on: chrono::NaiveDate,
    ) -> Result<Completion, ServiceError> {
        wait(
            self.inner
                .decide_with_external_on(actor, id, external, evaluated_on),
        )
    }

    /// The active enrollments of a course whom the core finds eligible for the external
    /// evaluation (외부평가 응시 자격), by id, and those whose record cannot be decided (a
    /// ledger that no longer fits a course changed since, a record that does not read back),
    /// each with why: one bad record never hides the others. For the course's institution and
    /// the agency (`Action::ViewTraining` on the course). A refusal is audited.
    ///
    /// Blocks on [`TrainingService::external_candidates`](crate::training::TrainingService::external_candidates), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::external_candidates`](crate::training::TrainingService::external_candidates).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{CourseId, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, Role, Store};
    /// fn list<S: Store + 'static, C: Clock>(s: &TrainingService<S, C>, course: CourseId) -> Result<usize, ServiceError> {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
    ///     let listed = s.external_candidates(&agency, course)?;
    ///     for (id, why) in &listed.undecided {
    ///         eprintln!("enrollment {id}: {why}");
    ///     }
    ///     Ok(listed.eligible.len())
    /// }
    /// ```
    pub fn external_candidates(
        &self,
        actor: &Actor,
        course: CourseId,
    ) -> Result<ExternalCandidates, ServiceError> {
        wait(self.inner.external_candidates(actor, course))
    }

    /// The records of every trainee (훈련생) of a course, with the rules and the external
    /// standard the service decides them on, for deciding the whole course in bulk. For the
    /// course's institution and the agency; a refusal is audited.
    ///
    /// Blocks on [`TrainingService::course_records`](crate::training::TrainingService::course_records), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::course_records`](crate::training::TrainingService::course_records).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{CourseId, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, Role, Store};
    /// fn read<S: Store + 'static, C: Clock>(s: &TrainingService<S, C>, course: CourseId) -> Result<usize, ServiceError> {
    ///     let agency = Actor::new("hrdk.admin", Role::Agency)?;
    ///     Ok(s.course_records(&agency, course)?.trainees.len())
    /// }
    /// ```
    pub fn course_records(
        &self,
        actor: &Actor,
        course: CourseId,
    ) -> Result<CourseRecords, ServiceError> {
        wait(self.inner.course_records(actor, course))
    }
    /// Registers a qualification (종목) in the catalog: the agency only.
    ///
    /// Blocks on [`TrainingService::register_qualification`](crate::training::TrainingService::register_qualification), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::register_qualification`](crate::training::TrainingService::register_qualification).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Qualification, QualificationLevel, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, Role, Store};
    /// fn register<S: Store + 'static, C: Clock>(service: &TrainingService<S, C>) -> Result<(), ServiceError> {
    ///     let agency = Actor::new("hrdk-admin", Role::Agency)?;
    ///     let level = QualificationLevel::Grade(cqnet_core::Grade::Craftsman);
    ///     let q = Qualification::new("7780".parse()?, "제과기능사", level, cqnet_core::Track::CourseBased, "식품가공")?;
    ///     service.register_qualification(&agency, &q)?;
    ///     Ok(())
    /// }
    /// ```
    pub fn register_qualification(
        &self,
        actor: &Actor,
        qualification: &Qualification,
    ) -> Result<Version, ServiceError> {
        wait(self.inner.register_qualification(actor, qualification))
    }

    /// Publishes a curriculum standard (편성기준) of a qualification under a version: the agency
    /// only. Standards are immutable: publishing the same one again is a harmless retry.
    ///
    /// Blocks on [`TrainingService::publish_standard`](crate::training::TrainingService::publish_standard), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::publish_standard`](crate::training::TrainingService::publish_standard).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_core::standard::CurriculumStandard;
    /// use cqnet_store::training::{ServiceError, StandardVersion};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, Role, Store};
    /// fn publish<S: Store + 'static, C: Clock>(
    ///     service: &TrainingService<S, C>,
    ///     code: &QualificationCode,
    ///     standard: &CurriculumStandard,
    /// ) -> Result<(), ServiceError> {
    ///     let agency = Actor::new("hrdk-admin", Role::Agency)?;
    ///     service.publish_standard(&agency, code, &StandardVersion::new("2026-1")?, standard)
    /// }
    /// ```
    pub fn publish_standard(
        &self,
        actor: &Actor,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> Result<(), ServiceError> {
        wait(self.inner.publish_standard(actor, code, version, standard))
    }

    /// Registers a training institution (교육·훈련기관) or a learning company (학습기업): the
    /// agency only.
    ///
    /// Blocks on [`TrainingService::register_institution`](crate::training::TrainingService::register_institution), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::register_institution`](crate::training::TrainingService::register_institution).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, Role, Store};
    /// fn register<S: Store + 'static, C: Clock>(service: &TrainingService<S, C>) -> Result<(), ServiceError> {
    ///     let agency = Actor::new("hrdk-admin", Role::Agency)?;
    ///     let school = Institution::new(InstitutionId::from_u128(1), "한국직업전문학교", InstitutionKind::TrainingInstitution)?;
    ///     service.register_institution(&agency, &school)?;
    ///     Ok(())
    /// }
    /// ```
    pub fn register_institution(
        &self,
        actor: &Actor,
        institution: &Institution,
    ) -> Result<Version, ServiceError> {
        wait(self.inner.register_institution(actor, institution))
    }

    /// Designates a course (과정 지정): the agency only. Its institution, qualification and
    /// standard version must be registered.
    ///
    /// Blocks on [`TrainingService::designate_course`](crate::training::TrainingService::designate_course), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::designate_course`](crate::training::TrainingService::designate_course).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Course, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, Role, Store};
    /// fn designate<S: Store + 'static, C: Clock>(service: &TrainingService<S, C>, course: &Course) -> Result<(), ServiceError> {
    ///     let agency = Actor::new("hrdk-admin", Role::Agency)?;
    ///     service.designate_course(&agency, course)?;
    ///     Ok(())
    /// }
    /// ```
    pub fn designate_course(
        &self,
        actor: &Actor,
        course: &Course,
    ) -> Result<Version, ServiceError> {
        wait(self.inner.designate_course(actor, course))
    }

    /// Replaces a course read at version `expected` (its designation status, dates, capacity,
    /// …): the agency only. The capacity may not drop below the enrollments taken.
    ///
    /// Blocks on [`TrainingService::update_course`](crate::training::TrainingService::update_course), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::update_course`](crate::training::TrainingService::update_course).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Course, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, Role, Store, Versioned};
    /// fn replace<S: Store + 'static, C: Clock>(service: &TrainingService<S, C>, read: Versioned<Course>) -> Result<(), ServiceError> {
    ///     let agency = Actor::new("hrdk-admin", Role::Agency)?;
    ///     service.update_course(&agency, &read.value, read.version)?;
    ///     Ok(())
    /// }
    /// ```
    pub fn update_course(
        &self,
        actor: &Actor,
        course: &Course,
        expected: Version,
    ) -> Result<Version, ServiceError> {
        wait(self.inner.update_course(actor, course, expected))
    }

    /// Enrolls a trainee or learning worker in a course, taking a seat atomically: staff of the
    /// course's institution (or, for a learning worker, of the learner's company). Retrying
    /// with the same key is safe.
    ///
    /// Blocks on [`TrainingService::enroll`](crate::training::TrainingService::enroll), which holds the details.
    ///
    /// # Errors
    /// As [`TrainingService::enroll`](crate::training::TrainingService::enroll).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Enrollment, ServiceError};
    /// use cqnet_store::blocking::TrainingService;
    /// use cqnet_store::{Actor, Clock, IdempotencyKey, Role, Store};
    /// fn enroll<S: Store + 'static, C: Clock>(service: &TrainingService<S, C>, staff: &Actor, e: &Enrollment) -> Result<(), ServiceError> {
    ///     let key = IdempotencyKey::new(&format!("enroll-{}", e.id()))?;
    ///     let first = service.enroll(staff, &key, e)?;
    ///     assert_eq!(service.enroll(staff, &key, e)?, first); // a retry changes nothing
    ///     Ok(())
    /// }
    /// ```
    pub fn enroll(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        enrollment: &Enrollment,
    ) -> Result<Versioned<Enrollment>, ServiceError> {
        wait(self.inner.enroll(actor, key, enrollment))
    }
}
