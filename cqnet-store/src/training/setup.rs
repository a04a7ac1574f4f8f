//! Setting up what training is recorded against, through the service so that the access rules
//! of `cqnet-core` decide who may: the agency (한국산업인력공단) registers qualifications (종목),
//! publishes curriculum standards (편성기준), registers institutions and designates courses
//! (과정 지정); the course's institution enrolls its trainees (훈련생), the learning company its
//! learning workers (학습근로자). A refusal changes nothing and is written to the audit log.

use cqnet_core::QualificationCode;
use cqnet_core::access::{self, Action, Target};
use cqnet_core::standard::CurriculumStandard;

use super::service::{ServiceError, party};
use super::{
    Course, Enrollment, Institution, LearnerKind, Qualification, StandardVersion, TrainingService,
};
use crate::authorization;
use crate::{Actor, AsyncStore, Clock, IdempotencyKey, Version, Versioned};

impl<S: AsyncStore, C: Clock> TrainingService<S, C> {
    /// Checks `action` for `actor` on `target` with the core's access rule; a refusal is
    /// audited under `command` and `subject` and answered with its reasons.
    async fn allow(
        &self,
        actor: &Actor,
        action: Action,
        target: &Target,
        command: &str,
        subject: String,
    ) -> Result<(), ServiceError> {
        let meta = self.meta(actor);
        authorization::authorize(&*self.store, meta, action, target, command, subject).await
    }

    /// Registers a qualification (종목) in the catalog: the agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone but the agency;
    /// [`ServiceError::Store`] with [`StoreError::AlreadyExists`](crate::StoreError::AlreadyExists)
    /// when the code is taken.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Qualification, QualificationLevel, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, Clock, Role, AsyncStore};
    /// async fn register<S: AsyncStore, C: Clock>(service: &TrainingService<S, C>) -> Result<(), ServiceError> {
    ///     let agency = Actor::new("hrdk-admin", Role::Agency)?;
    ///     let level = QualificationLevel::Grade(cqnet_core::Grade::Craftsman);
    ///     let q = Qualification::new("7780".parse()?, "제과기능사", level, cqnet_core::Track::CourseBased, "식품가공")?;
    ///     service.register_qualification(&agency, &q).await?;
    ///     Ok(())
    /// }
    /// ```
    pub async fn register_qualification(
        &self,
        actor: &Actor,
        qualification: &Qualification,
    ) -> Result<Version, ServiceError> {
        let command = "create_qualification";
        let subject = format!("qualification {}", qualification.code());
        self.allow(
            actor,
            Action::Administer,
            &Target::default(),
            command,
            subject,
        )
        .await?;
        Ok(self
            .store
            .create_qualification(&self.meta(actor), qualification)
            .await?)
    }

    /// Publishes a curriculum standard (편성기준) of a qualification under a version: the agency
    /// only. Standards are immutable: publishing the same one again is a harmless retry.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone but the agency; [`ServiceError::Store`] for an
    /// unknown qualification or a different standard under a version already published.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::QualificationCode;
    /// use cqnet_core::standard::CurriculumStandard;
    /// use cqnet_store::training::{ServiceError, StandardVersion, TrainingService};
    /// use cqnet_store::{Actor, Clock, Role, AsyncStore};
    /// async fn publish<S: AsyncStore, C: Clock>(
    ///     service: &TrainingService<S, C>,
    ///     code: &QualificationCode,
    ///     standard: &CurriculumStandard,
    /// ) -> Result<(), ServiceError> {
    ///     let agency = Actor::new("hrdk-admin", Role::Agency)?;
    ///     service.publish_standard(&agency, code, &StandardVersion::new("2026-1")?, standard).await
    /// }
    /// ```
    pub async fn publish_standard(
        &self,
        actor: &Actor,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> Result<(), ServiceError> {
        let subject = format!("standard {code} {version}");
        self.allow(
            actor,
            Action::Administer,
            &Target::default(),
            "put_standard",
            subject,
        )
        .await?;
        Ok(self
            .store
            .put_standard(&self.meta(actor), code, version, standard)
            .await?)
    }

    /// Registers a training institution (교육·훈련기관) or a learning company (학습기업): the
    /// agency only.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone but the agency; [`ServiceError::Store`] when the
    /// id is taken.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Institution, InstitutionId, InstitutionKind, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, Clock, Role, AsyncStore};
    /// async fn register<S: AsyncStore, C: Clock>(service: &TrainingService<S, C>) -> Result<(), ServiceError> {
    ///     let agency = Actor::new("hrdk-admin", Role::Agency)?;
    ///     let school = Institution::new(InstitutionId::from_u128(1), "한국직업전문학교", InstitutionKind::TrainingInstitution)?;
    ///     service.register_institution(&agency, &school).await?;
    ///     Ok(())
    /// }
    /// ```
    pub async fn register_institution(
        &self,
        actor: &Actor,
        institution: &Institution,
    ) -> Result<Version, ServiceError> {
        let subject = format!("institution {}", institution.id());
        let command = "create_institution";
        self.allow(
            actor,
            Action::Administer,
            &Target::default(),
            command,
            subject,
        )
        .await?;
        Ok(self
            .store
            .create_institution(&self.meta(actor), institution)
            .await?)
    }

    /// Designates a course (과정 지정): the agency only. Its institution, qualification and
    /// standard version must be registered.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone but the agency; [`ServiceError::Store`] when the id
    /// is taken or a reference is missing.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Course, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, Clock, Role, AsyncStore};
    /// async fn designate<S: AsyncStore, C: Clock>(service: &TrainingService<S, C>, course: &Course) -> Result<(), ServiceError> {
    ///     let agency = Actor::new("hrdk-admin", Role::Agency)?;
    ///     service.designate_course(&agency, course).await?;
    ///     Ok(())
    /// }
    /// ```
    pub async fn designate_course(
        &self,
        actor: &Actor,
        course: &Course,
    ) -> Result<Version, ServiceError> {
        let target = Target {
            institution: party(course.spec().institution),
            ..Target::default()
        };
        let subject = format!("course {}", course.id());
        self.allow(actor, Action::Administer, &target, "create_course", subject)
            .await?;
        Ok(self.store.create_course(&self.meta(actor), course).await?)
    }

    /// Replaces a course read at version `expected` (its designation status, dates, capacity,
    /// …): the agency only. The capacity may not drop below the enrollments taken.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone but the agency; [`ServiceError::Store`] for an
    /// unknown course, a stale version or a capacity below the enrollments.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Course, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, Clock, Role, AsyncStore, Versioned};
    /// async fn replace<S: AsyncStore, C: Clock>(service: &TrainingService<S, C>, read: Versioned<Course>) -> Result<(), ServiceError> {
    ///     let agency = Actor::new("hrdk-admin", Role::Agency)?;
    ///     service.update_course(&agency, &read.value, read.version).await?;
    ///     Ok(())
    /// }
    /// ```
    pub async fn update_course(
        &self,
        actor: &Actor,
        course: &Course,
        expected: Version,
    ) -> Result<Version, ServiceError> {
        let target = Target {
            institution: party(course.spec().institution),
            ..Target::default()
        };
        let subject = format!("course {}", course.id());
        self.allow(actor, Action::Administer, &target, "update_course", subject)
            .await?;
        Ok(self
            .store
            .update_course(&self.meta(actor), course, expected)
            .await?)
    }

    /// Enrolls a trainee or learning worker in a course, taking a seat atomically: staff of the
    /// course's institution (or, for a learning worker, of the learner's company). Retrying
    /// with the same key is safe.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else; [`ServiceError::Store`] for an unknown
    /// course, a full course, or the key used for another enrollment.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::{Enrollment, ServiceError, TrainingService};
    /// use cqnet_store::{Actor, Clock, IdempotencyKey, Role, AsyncStore};
    /// async fn enroll<S: AsyncStore, C: Clock>(service: &TrainingService<S, C>, staff: &Actor, e: &Enrollment) -> Result<(), ServiceError> {
    ///     let key = IdempotencyKey::new(&format!("enroll-{}", e.id()))?;
    ///     let first = service.enroll(staff, &key, e).await?;
    ///     assert_eq!(service.enroll(staff, &key, e).await?, first); // a retry changes nothing
    ///     Ok(())
    /// }
    /// ```
    pub async fn enroll(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        enrollment: &Enrollment,
    ) -> Result<Versioned<Enrollment>, ServiceError> {
        // A key is scoped to who acts and to the command (see `IdempotencyKey::scoped`).
        let key = &key.scoped(actor, "enroll");
        let course = self.store.course(enrollment.course()).await?.value;
        let company = match enrollment.kind() {
            LearnerKind::LearningWorker { company, .. } => party(company),
            LearnerKind::Trainee => None,
        };
        let target = Target {
            candidate: party(enrollment.id()),
            institution: party(course.spec().institution),
            company,
            announcement: access::Announcement::NotScheduled,
            track: Some(super::service::track_of(enrollment)),
        };
        let subject = format!("enrollment {}", enrollment.id());
        self.allow(actor, Action::RecordTraining, &target, "enroll", subject)
            .await?;
        Ok(self
            .store
            .enroll(&self.meta(actor), key, enrollment)
            .await?)
    }
}
