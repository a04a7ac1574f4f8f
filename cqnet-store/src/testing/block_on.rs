//! [`BlockOn`]: the blocking traits over any async store, so that every blocking conformance
//! case also runs on a store's async form (the async PostgreSQL store, SQLite on tokio's
//! blocking pool): each call is driven to its answer on a runtime the wrapper owns.

use cqnet_core::access::PartyId;
use cqnet_core::certificate::{
    Certificate, ConfirmationDocument, ConfirmationNumber, IssueKey, ManagementNumber,
    QualificationNumber, QualificationRecord,
};
use cqnet_core::standard::CurriculumStandard;
use cqnet_core::{QualificationCode, Score};
use std::future::Future;

use crate::certificate::{NewCertificate, NewConfirmation, NewReissue, NewRevocation};
use crate::designation::{
    CallId, CourseApplication, CourseApplicationId, CourseMeasureOrder, Deliberation,
    DesignationCall, DesignationRecord, OperationCheck, RetentionReport,
};
use crate::exam::{
    Application, ApplicationId, Cancellation, ExamResult, ExamRound, NewApplication, RoundId,
    VenueSeats,
};
use crate::training::*;
use crate::work_study::{
    CompanyApplication, FieldTeacher, Hearing, LearningCompany, MeasureOrder, NewFieldTeacher,
    SiteReview, TeacherTraining,
};
use crate::{
    AuditEntry, AuditNote, CommandMeta, IdempotencyKey, Seq, StoreResult, Version, Versioned,
};

/// An async store seen through the blocking traits: every call blocks the calling thread on
/// the wrapper's own multi-thread runtime until the async store answers. For tests only: the
/// blocking cases of the suite run on the async form of a store through it, so that every
/// case runs in both forms.
///
/// # Example
/// ```
/// use cqnet_store::testing::BlockOn;
/// use cqnet_store::{AsyncStore, Store};
/// fn blocking_view<A: AsyncStore>(make: impl FnOnce() -> A) -> impl Store {
///     BlockOn::new(make)
/// }
/// ```
#[derive(Debug)]
pub struct BlockOn<A> {
    runtime: tokio::runtime::Runtime,
    inner: A,
}

impl<A> BlockOn<A> {
    /// Builds the async store inside the wrapper's runtime (a store that spawns its
    /// connections' tasks spawns them there) and wraps it.
    ///
    /// # Panics
    /// When no tokio runtime can be built (a test set-up failure).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::testing::BlockOn;
    /// use cqnet_store::{AsyncStore, CatalogStore};
    /// fn no_qualifications<A: AsyncStore>(make: impl FnOnce() -> A) -> bool {
    ///     BlockOn::new(make).qualifications().is_ok_and(|q| q.is_empty())
    /// }
    /// ```
    pub fn new(make: impl FnOnce() -> A) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let inner = {
            let _entered = runtime.enter();
            make()
        };
        BlockOn { runtime, inner }
    }

    /// The async store inside.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::testing::BlockOn;
    /// use cqnet_store::AsyncStore;
    /// fn inside<A: AsyncStore>(view: &BlockOn<A>) -> &A {
    ///     view.inner()
    /// }
    /// ```
    pub fn inner(&self) -> &A {
        &self.inner
    }

    fn wait<T>(&self, future: impl Future<Output = T>) -> T {
        self.runtime.block_on(future)
    }
}

impl<A: crate::AsyncCatalogStore> crate::CatalogStore for BlockOn<A> {
    fn create_qualification(&self, meta: &CommandMeta, q: &Qualification) -> StoreResult<Version> {
        self.wait(self.inner.create_qualification(meta, q))
    }
    fn update_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
        expected: Version,
    ) -> StoreResult<Version> {
        self.wait(self.inner.update_qualification(meta, q, expected))
    }
    fn qualification(&self, code: &QualificationCode) -> StoreResult<Versioned<Qualification>> {
        self.wait(self.inner.qualification(code))
    }
    fn qualifications(&self) -> StoreResult<Vec<Versioned<Qualification>>> {
        self.wait(self.inner.qualifications())
    }
    fn put_standard(
        &self,
        meta: &CommandMeta,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> StoreResult<()> {
        self.wait(self.inner.put_standard(meta, code, version, standard))
    }
    fn standard(
        &self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> StoreResult<CurriculumStandard> {
        self.wait(self.inner.standard(code, version))
    }
    fn standard_versions(&self, code: &QualificationCode) -> StoreResult<Vec<StandardVersion>> {
        self.wait(self.inner.standard_versions(code))
    }
}

impl<A: crate::AsyncDesignationStore> crate::DesignationStore for BlockOn<A> {
    fn create_institution(&self, meta: &CommandMeta, i: &Institution) -> StoreResult<Version> {
        self.wait(self.inner.create_institution(meta, i))
    }
    fn institution(&self, id: InstitutionId) -> StoreResult<Versioned<Institution>> {
        self.wait(self.inner.institution(id))
    }
    fn create_course(&self, meta: &CommandMeta, c: &Course) -> StoreResult<Version> {
        self.wait(self.inner.create_course(meta, c))
    }
    fn update_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
        expected: Version,
    ) -> StoreResult<Version> {
        self.wait(self.inner.update_course(meta, c, expected))
    }
    fn course(&self, id: CourseId) -> StoreResult<Versioned<Course>> {
        self.wait(self.inner.course(id))
    }
    fn courses(&self, institution: Option<InstitutionId>) -> StoreResult<Vec<Versioned<Course>>> {
        self.wait(self.inner.courses(institution))
    }
}

impl<A: crate::AsyncEnrollmentStore> crate::EnrollmentStore for BlockOn<A> {
    fn enroll(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        e: &Enrollment,
    ) -> StoreResult<Versioned<Enrollment>> {
        self.wait(self.inner.enroll(meta, key, e))
    }
    fn update_enrollment(
        &self,
        meta: &CommandMeta,
        e: &Enrollment,
        expected: Version,
    ) -> StoreResult<Version> {
        self.wait(self.inner.update_enrollment(meta, e, expected))
    }
    fn enrollment(&self, id: EnrollmentId) -> StoreResult<Versioned<Enrollment>> {
        self.wait(self.inner.enrollment(id))
    }
    fn enrollments(&self, course: CourseId) -> StoreResult<Vec<Versioned<Enrollment>>> {
        self.wait(self.inner.enrollments(course))
    }
}

impl<A: crate::AsyncLedgerStore> crate::LedgerStore for BlockOn<A> {
    fn append_attendance(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewAttendance],
    ) -> StoreResult<Vec<AttendanceEntry>> {
        self.wait(self.inner.append_attendance(meta, key, facts))
    }
    fn append_evaluations(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> StoreResult<Vec<EvaluationEntry>> {
        self.wait(self.inner.append_evaluations(meta, key, facts))
    }
    fn attendance(&self, enrollment: EnrollmentId) -> StoreResult<Vec<AttendanceEntry>> {
        self.wait(self.inner.attendance(enrollment))
    }
    fn evaluations(&self, enrollment: EnrollmentId) -> StoreResult<Vec<EvaluationEntry>> {
        self.wait(self.inner.evaluations(enrollment))
    }
    fn ledger_enrollments(&self) -> StoreResult<Vec<EnrollmentId>> {
        self.wait(self.inner.ledger_enrollments())
    }
    fn command_recorded(&self, key: &IdempotencyKey) -> StoreResult<bool> {
        self.wait(self.inner.command_recorded(key))
    }
}

impl<A: crate::AsyncAuditLog> crate::AuditLog for BlockOn<A> {
    fn append_note(&self, note: &AuditNote) -> StoreResult<AuditEntry> {
        self.wait(self.inner.append_note(note))
    }
    fn audit_entries(&self, after: Option<Seq>, limit: usize) -> StoreResult<Vec<AuditEntry>> {
        self.wait(self.inner.audit_entries(after, limit))
    }
}

impl<A: crate::AsyncStore + crate::exam::AsyncExamStore> crate::exam::ExamStore for BlockOn<A> {
    fn create_round(&self, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version> {
        self.wait(self.inner.create_round(meta, round))
    }
    fn round(&self, id: &RoundId) -> StoreResult<Versioned<ExamRound>> {
        self.wait(self.inner.round(id))
    }
    fn rounds(&self) -> StoreResult<Vec<Versioned<ExamRound>>> {
        self.wait(self.inner.rounds())
    }
    fn venue_seats(&self, round: &RoundId) -> StoreResult<Vec<VenueSeats>> {
        self.wait(self.inner.venue_seats(round))
    }
    fn apply(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewApplication,
    ) -> StoreResult<Versioned<Application>> {
        self.wait(self.inner.apply(meta, key, new))
    }
    fn cancel(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        cancellation: &Cancellation,
    ) -> StoreResult<Versioned<Application>> {
        self.wait(self.inner.cancel(meta, key, cancellation))
    }
    fn record_payment(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        expected: Version,
    ) -> StoreResult<Version> {
        self.wait(self.inner.record_payment(meta, application, expected))
    }
    fn application(&self, id: ApplicationId) -> StoreResult<Versioned<Application>> {
        self.wait(self.inner.application(id))
    }
    fn applications(&self, round: &RoundId) -> StoreResult<Vec<Versioned<Application>>> {
        self.wait(self.inner.applications(round))
    }
    fn applications_of(&self, candidate: EnrollmentId) -> StoreResult<Vec<Versioned<Application>>> {
        self.wait(self.inner.applications_of(candidate))
    }
    fn put_result(
        &self,
        meta: &CommandMeta,
        result: &ExamResult,
        expected: Option<Version>,
    ) -> StoreResult<Version> {
        self.wait(self.inner.put_result(meta, result, expected))
    }
    fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> StoreResult<Version> {
        self.wait(
            self.inner
                .finalise_result(meta, application, passed, expected),
        )
    }
    fn result(&self, application: ApplicationId) -> StoreResult<Option<Versioned<ExamResult>>> {
        self.wait(self.inner.result(application))
    }
    fn results(&self, round: &RoundId) -> StoreResult<Vec<Versioned<ExamResult>>> {
        self.wait(self.inner.results(round))
    }
}

impl<A: crate::certificate::AsyncCertificateStore> crate::certificate::CertificateStore
    for BlockOn<A>
{
    fn issue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewCertificate,
    ) -> StoreResult<Certificate> {
        self.wait(self.inner.issue(meta, key, new))
    }
    fn reissue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewReissue,
    ) -> StoreResult<Certificate> {
        self.wait(self.inner.reissue(meta, key, new))
    }
    fn revoke(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewRevocation,
    ) -> StoreResult<QualificationRecord> {
        self.wait(self.inner.revoke(meta, key, new))
    }
    fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewConfirmation,
    ) -> StoreResult<ConfirmationDocument> {
        self.wait(self.inner.issue_confirmation(meta, key, new))
    }
    fn record(&self, number: &QualificationNumber) -> StoreResult<Option<QualificationRecord>> {
        self.wait(self.inner.record(number))
    }
    fn certificate(&self, management_number: &ManagementNumber) -> StoreResult<Certificate> {
        self.wait(self.inner.certificate(management_number))
    }
    fn certificate_for(&self, key: &IssueKey) -> StoreResult<Option<Certificate>> {
        self.wait(self.inner.certificate_for(key))
    }
    fn records_of(&self, candidate: &PartyId) -> StoreResult<Vec<QualificationRecord>> {
        self.wait(self.inner.records_of(candidate))
    }
    fn confirmation(
        &self,
        number: &ConfirmationNumber,
    ) -> StoreResult<Option<ConfirmationDocument>> {
        self.wait(self.inner.confirmation(number))
    }
}

impl<A: crate::search::AsyncCourseSearch> crate::search::CourseSearch for BlockOn<A> {
    fn search_qualifications(
        &self,
        query: &crate::search::QualificationQuery,
    ) -> StoreResult<crate::search::Page<Qualification>> {
        self.wait(self.inner.search_qualifications(query))
    }
    fn search_institutions(
        &self,
        query: &crate::search::InstitutionQuery,
    ) -> StoreResult<crate::search::Page<Institution>> {
        self.wait(self.inner.search_institutions(query))
    }
    fn search_courses(
        &self,
        query: &crate::search::CourseQuery,
    ) -> StoreResult<crate::search::Page<crate::search::CourseHit>> {
        self.wait(self.inner.search_courses(query))
    }
}

impl<A: crate::statistics::AsyncStatisticsStore> crate::statistics::StatisticsStore for BlockOn<A> {
    fn funnel(
        &self,
        query: &crate::statistics::FunnelQuery,
    ) -> StoreResult<Vec<cqnet_core::statistics::FunnelRow>> {
        self.wait(self.inner.funnel(query))
    }
    fn score_distribution(
        &self,
        round: &crate::exam::RoundId,
        part: crate::statistics::ScorePart,
        bounds: &cqnet_core::statistics::ScoreBandBounds,
    ) -> StoreResult<cqnet_core::statistics::ScoreDistribution> {
        self.wait(self.inner.score_distribution(round, part, bounds))
    }
}

impl<A: crate::AsyncStore + crate::work_study::AsyncWorkStudyStore>
    crate::work_study::WorkStudyStore for BlockOn<A>
{
    fn apply_for_designation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CompanyApplication,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.wait(self.inner.apply_for_designation(meta, key, application))
    }
    fn record_site_review(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        review: &SiteReview,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.wait(self.inner.record_site_review(meta, key, company, review))
    }
    fn designate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.wait(self.inner.designate(meta, key, company))
    }
    fn record_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        hearing: &Hearing,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.wait(self.inner.record_hearing(meta, key, company, hearing))
    }
    fn take_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        company: InstitutionId,
        order: &MeasureOrder,
    ) -> StoreResult<Versioned<LearningCompany>> {
        self.wait(self.inner.take_measure(meta, key, company, order))
    }
    fn register_field_teacher(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &NewFieldTeacher,
    ) -> StoreResult<Versioned<FieldTeacher>> {
        self.wait(self.inner.register_field_teacher(meta, key, teacher))
    }
    fn record_teacher_training(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        teacher: &PartyId,
        company: InstitutionId,
        training: &TeacherTraining,
    ) -> StoreResult<Versioned<FieldTeacher>> {
        self.wait(
            self.inner
                .record_teacher_training(meta, key, teacher, company, training),
        )
    }
    fn learning_company(&self, company: InstitutionId) -> StoreResult<Versioned<LearningCompany>> {
        self.wait(self.inner.learning_company(company))
    }
    fn learning_companies(&self) -> StoreResult<Vec<Versioned<LearningCompany>>> {
        self.wait(self.inner.learning_companies())
    }
    fn field_teacher(&self, teacher: &PartyId) -> StoreResult<Versioned<FieldTeacher>> {
        self.wait(self.inner.field_teacher(teacher))
    }
    fn field_teachers(&self, company: InstitutionId) -> StoreResult<Vec<Versioned<FieldTeacher>>> {
        self.wait(self.inner.field_teachers(company))
    }
    fn conclude_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: &crate::work_study::NewContract,
    ) -> StoreResult<Versioned<crate::work_study::LearningContract>> {
        self.wait(self.inner.conclude_contract(meta, key, contract))
    }
    fn change_contract(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        contract: crate::work_study::ContractId,
        change: &crate::work_study::ContractChange,
    ) -> StoreResult<Versioned<crate::work_study::LearningContract>> {
        self.wait(self.inner.change_contract(meta, key, contract, change))
    }
    fn learner(&self, learner: &PartyId) -> StoreResult<Versioned<crate::work_study::Learner>> {
        self.wait(self.inner.learner(learner))
    }
    fn learning_contract(
        &self,
        contract: crate::work_study::ContractId,
    ) -> StoreResult<Versioned<crate::work_study::LearningContract>> {
        self.wait(self.inner.learning_contract(contract))
    }
    fn learning_contracts(
        &self,
        company: InstitutionId,
    ) -> StoreResult<Vec<Versioned<crate::work_study::LearningContract>>> {
        self.wait(self.inner.learning_contracts(company))
    }
    fn approve_programme(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        programme: &crate::work_study::NewProgramme,
    ) -> StoreResult<Versioned<crate::work_study::Programme>> {
        self.wait(self.inner.approve_programme(meta, key, programme))
    }
    fn programme(
        &self,
        programme: crate::work_study::ProgrammeId,
    ) -> StoreResult<Versioned<crate::work_study::Programme>> {
        self.wait(self.inner.programme(programme))
    }
    fn programmes(
        &self,
        company: InstitutionId,
    ) -> StoreResult<Vec<Versioned<crate::work_study::Programme>>> {
        self.wait(self.inner.programmes(company))
    }
}

impl<A: crate::AsyncStore + crate::designation::AsyncCourseDesignationStore>
    crate::designation::CourseDesignationStore for BlockOn<A>
{
    fn open_call(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: &DesignationCall,
    ) -> StoreResult<Versioned<DesignationCall>> {
        self.wait(self.inner.open_call(meta, key, call))
    }
    fn apply_for_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: &CourseApplication,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.wait(self.inner.apply_for_course(meta, key, application))
    }
    fn screen_documents(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.wait(
            self.inner
                .screen_documents(meta, key, call, qualification, scores),
        )
    }
    fn screen_on_site(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        scores: &[(CourseApplicationId, Score)],
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.wait(
            self.inner
                .screen_on_site(meta, key, call, qualification, scores),
        )
    }
    fn deliberate(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        call: CallId,
        qualification: &QualificationCode,
        deliberation: &Deliberation,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.wait(
            self.inner
                .deliberate(meta, key, call, qualification, deliberation),
        )
    }
    fn designate_course(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        course: CourseId,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.wait(self.inner.designate_course(meta, key, application, course))
    }
    fn record_operation_check(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        check: &OperationCheck,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.wait(
            self.inner
                .record_operation_check(meta, key, application, check),
        )
    }
    fn record_course_hearing(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        hearing: &Hearing,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.wait(
            self.inner
                .record_course_hearing(meta, key, application, hearing),
        )
    }
    fn take_course_measure(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        application: CourseApplicationId,
        order: &CourseMeasureOrder,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.wait(
            self.inner
                .take_course_measure(meta, key, application, order),
        )
    }
    fn apply_retention(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
    ) -> StoreResult<RetentionReport> {
        self.wait(self.inner.apply_retention(meta, key))
    }
    fn designation_call(&self, id: CallId) -> StoreResult<Versioned<DesignationCall>> {
        self.wait(self.inner.designation_call(id))
    }
    fn designation_calls(&self) -> StoreResult<Vec<Versioned<DesignationCall>>> {
        self.wait(self.inner.designation_calls())
    }
    fn course_application(
        &self,
        id: CourseApplicationId,
    ) -> StoreResult<Versioned<DesignationRecord>> {
        self.wait(self.inner.course_application(id))
    }
    fn course_applications_of(
        &self,
        call: CallId,
        qualification: &QualificationCode,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.wait(self.inner.course_applications_of(call, qualification))
    }
    fn designated_course_applications(
        &self,
        call: Option<CallId>,
        qualification: Option<&QualificationCode>,
    ) -> StoreResult<Vec<Versioned<DesignationRecord>>> {
        self.wait(
            self.inner
                .designated_course_applications(call, qualification),
        )
    }
}
