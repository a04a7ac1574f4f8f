//! The in-memory reference store: every aggregate behind one mutex.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Deref;
use std::sync::{Mutex, MutexGuard};

use chrono::NaiveDate;
use cqnet_core::QualificationCode;
use cqnet_core::ledger::{StandingHours, TargetStanding};
use cqnet_core::standard::CurriculumStandard;
use cqnet_store::idempotency::LedgerEntry;
use cqnet_store::training::commands;
use cqnet_store::training::{
    AttendanceEntry, Course, CourseId, Enrollment, EnrollmentId, EvaluationEntry, Institution,
    InstitutionId, NewAttendance, NewEvaluation, Qualification, StandardVersion,
};
use cqnet_store::unit_of_work::complete_now;
use cqnet_store::{AuditEntry, AuditNote, CommandMeta, IdempotencyKey, Seq, Version, Versioned};
use cqnet_store::{
    AuditLog, CatalogStore, DesignationStore, EnrollmentStore, Inline, LedgerStore, StoreError,
    StoreResult,
};

use crate::shared::training::not_found;

mod certificate;
mod designation;
mod exam;
mod search;
mod statistics;
mod transaction;
mod work_study;

use cqnet_store::UnavailableKind;
use transaction::MemoryTransaction;

#[derive(Default)]
struct State {
    qualifications: BTreeMap<QualificationCode, Versioned<Qualification>>,
    standards: BTreeMap<(QualificationCode, StandardVersion), CurriculumStandard>,
    institutions: BTreeMap<InstitutionId, Versioned<Institution>>,
    courses: BTreeMap<CourseId, Versioned<Course>>,
    enrollments: BTreeMap<EnrollmentId, Versioned<Enrollment>>,
    attendance: Ledger<AttendanceEntry>,
    evaluations: Ledger<EvaluationEntry>,
    standing: HashMap<EnrollmentId, StandingHours>,
    /// A learner's standing hours on one calendar day.
    days: HashMap<(EnrollmentId, NaiveDate), TargetStanding>,
    audit: Vec<AuditEntry>,
    keys: HashMap<IdempotencyKey, (String, String)>,
    exam: exam::ExamState,
    certificates: certificate::CertificateState,
    work_study: work_study::WorkStudyState,
    designation: designation::DesignationState,
}

/// What the memory ledger needs of an entry beyond its position.
trait Fact: LedgerEntry + Clone {
    fn enrollment(&self) -> EnrollmentId;
    fn corrects(&self) -> Option<Seq>;
}

impl Fact for AttendanceEntry {
    fn enrollment(&self) -> EnrollmentId {
        self.fact.enrollment
    }
    fn corrects(&self) -> Option<Seq> {
        self.fact.corrects
    }
}

impl Fact for EvaluationEntry {
    fn enrollment(&self) -> EnrollmentId {
        self.fact.enrollment
    }
    fn corrects(&self) -> Option<Seq> {
        self.fact.corrects
    }
}

/// One append-only ledger: its entries at positions 1, 2, … (entry `seq` at index `seq - 1`),
/// with the indexes that keep every lookup of a command independent of the ledger's length:
/// the entries of each enrollment, and the correction of each corrected entry.
struct Ledger<E> {
    entries: Vec<E>,
    by_enrollment: HashMap<EnrollmentId, Vec<usize>>,
    corrected_by: HashMap<Seq, Seq>,
}

impl<E> Default for Ledger<E> {
    fn default() -> Self {
        Ledger {
            entries: Vec::new(),
            by_enrollment: HashMap::new(),
            corrected_by: HashMap::new(),
        }
    }
}

impl<E: Fact> Ledger<E> {
    fn next_seq(&self) -> u64 {
        self.entries.len() as u64 + 1
    }

    fn get(&self, seq: Seq) -> Option<&E> {
        self.entries.get((seq.get() as usize).wrapping_sub(1))
    }

    fn push(&mut self, entry: E) {
        let index = self.entries.len();
        self.by_enrollment
            .entry(entry.enrollment())
            .or_default()
            .push(index);
        if let Some(corrected) = entry.corrects() {
            self.corrected_by.insert(corrected, entry.seq());
        }
        self.entries.push(entry);
    }

    fn of(&self, enrollment: EnrollmentId) -> Vec<E> {
        self.by_enrollment
            .get(&enrollment)
            .into_iter()
            .flatten()
            .filter_map(|i| self.entries.get(*i).cloned())
            .collect()
    }

    fn enrollments(&self) -> impl Iterator<Item = EnrollmentId> + '_ {
        self.by_enrollment.keys().copied()
    }
}

/// The state as reads see it: no command can change it through this guard; only the staged
/// writes of a command that has succeeded get the state mutably.
struct Reading<'a>(MutexGuard<'a, State>);

impl Deref for Reading<'_> {
    type Target = State;
    fn deref(&self) -> &State {
        &self.0
    }
}

impl State {
    /// The seats a course's enrollments take.
    fn enrolled_in(&self, course: CourseId) -> u64 {
        self.enrollments
            .values()
            .filter(|e| e.value.course() == course)
            .count() as u64
    }

    /// Appends a line to the audit log, at the next position.
    fn audit(&mut self, note: AuditNote) {
        let seq = Seq::new(self.audit.len() as u64 + 1);
        self.audit.push(AuditEntry {
            seq,
            actor: note.meta.actor,
            at: note.meta.at,
            command: note.command,
            subject: note.subject,
            outcome: note.outcome,
        });
    }
}

/// The in-memory store (the default adapter): every aggregate behind one mutex, so every
/// command is atomic and serialized. Nothing survives the process; use it for tests, examples
/// and hosts that keep their own persistence.
///
/// Its async twin is [`Inline`]`<MemoryStore>` ([`MemoryStore::into_async`]): no operation
/// waits on I/O, so running it on the polling task never blocks an executor for long.
///
/// # Example
/// ```
/// use cqnet_adapters::memory::MemoryStore;
/// use cqnet_store::CatalogStore;
/// let store = MemoryStore::new();
/// assert!(store.qualifications()?.is_empty());
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
#[derive(Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore").finish_non_exhaustive()
    }
}

impl MemoryStore {
    /// An empty store.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::memory::MemoryStore;
    /// use cqnet_store::{AuditLog, DesignationStore};
    /// let store = MemoryStore::new();
    /// assert!(store.courses(None)?.is_empty());
    /// assert!(store.audit_entries(None, 10)?.is_empty());
    /// # Ok::<(), cqnet_store::StoreError>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The async twin of this store.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::memory::MemoryStore;
    /// fn is_async(_: &impl cqnet_store::AsyncStore) {}
    /// is_async(&MemoryStore::new().into_async());
    /// ```
    pub fn into_async(self) -> Inline<MemoryStore> {
        Inline::new(self)
    }

    /// The state, to read.
    fn lock(&self) -> StoreResult<Reading<'_>> {
        self.guard().map(Reading)
    }

    fn guard(&self) -> StoreResult<MutexGuard<'_, State>> {
        self.state.lock().map_err(|_| {
            StoreError::unavailable(
                UnavailableKind::Poisoned,
                "the memory store's lock is poisoned",
            )
        })
    }

    /// Runs a command written over the unit of work: it reads the state through a
    /// [`MemoryTransaction`] that stages every write, and the staged writes are applied only
    /// when the command succeeds (applying them cannot fail).
    fn transact<T>(
        &self,
        work: impl AsyncFnOnce(&mut MemoryTransaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut state = self.guard()?;
        let mut tx = MemoryTransaction::new(&state);
        let value = complete_now(work(&mut tx))??;
        let staged = tx.into_staged();
        staged.apply(&mut state);
        Ok(value)
    }
}

impl CatalogStore for MemoryStore {
    fn create_qualification(&self, meta: &CommandMeta, q: &Qualification) -> StoreResult<Version> {
        self.transact(async |tx| commands::create_qualification(tx, meta, q).await)
    }

    fn update_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
        expected: Version,
    ) -> StoreResult<Version> {
        self.transact(async |tx| commands::update_qualification(tx, meta, q, expected).await)
    }

    fn qualification(&self, code: &QualificationCode) -> StoreResult<Versioned<Qualification>> {
        self.lock()?
            .qualifications
            .get(code)
            .cloned()
            .ok_or_else(|| not_found("qualification", code))
    }

    fn qualifications(&self) -> StoreResult<Vec<Versioned<Qualification>>> {
        Ok(self.lock()?.qualifications.values().cloned().collect())
    }

    fn put_standard(
        &self,
        meta: &CommandMeta,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> StoreResult<()> {
        self.transact(async |tx| commands::put_standard(tx, meta, code, version, standard).await)
    }

    fn standard(
        &self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> StoreResult<CurriculumStandard> {
        self.lock()?
            .standards
            .get(&(code.clone(), version.clone()))
            .cloned()
            .ok_or_else(|| not_found("curriculum standard", format!("{code}@{version}")))
    }

    fn standard_versions(&self, code: &QualificationCode) -> StoreResult<Vec<StandardVersion>> {
        Ok(self
            .lock()?
            .standards
            .keys()
            .filter(|(c, _)| c == code)
            .map(|(_, v)| v.clone())
            .collect())
    }
}

impl DesignationStore for MemoryStore {
    fn create_institution(&self, meta: &CommandMeta, i: &Institution) -> StoreResult<Version> {
        self.transact(async |tx| commands::create_institution(tx, meta, i).await)
    }

    fn institution(&self, id: InstitutionId) -> StoreResult<Versioned<Institution>> {
        self.lock()?
            .institutions
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found("institution", id))
    }

    fn create_course(&self, meta: &CommandMeta, c: &Course) -> StoreResult<Version> {
        self.transact(async |tx| commands::create_course(tx, meta, c).await)
    }

    fn update_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
        expected: Version,
    ) -> StoreResult<Version> {
        self.transact(async |tx| commands::update_course(tx, meta, c, expected).await)
    }

    fn course(&self, id: CourseId) -> StoreResult<Versioned<Course>> {
        self.lock()?
            .courses
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found("course", id))
    }

    fn courses(&self, institution: Option<InstitutionId>) -> StoreResult<Vec<Versioned<Course>>> {
        Ok(self
            .lock()?
            .courses
            .values()
            .filter(|c| institution.is_none_or(|i| c.value.spec().institution == i))
            .cloned()
            .collect())
    }
}

impl EnrollmentStore for MemoryStore {
    fn enroll(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        e: &Enrollment,
    ) -> StoreResult<Versioned<Enrollment>> {
        self.transact(async |tx| commands::enroll(tx, meta, key, e).await)
    }

    fn update_enrollment(
        &self,
        meta: &CommandMeta,
        e: &Enrollment,
        expected: Version,
    ) -> StoreResult<Version> {
        self.transact(async |tx| commands::update_enrollment(tx, meta, e, expected).await)
    }

    fn enrollment(&self, id: EnrollmentId) -> StoreResult<Versioned<Enrollment>> {
        self.lock()?
            .enrollments
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found("enrollment", id))
    }

    fn enrollments(&self, course: CourseId) -> StoreResult<Vec<Versioned<Enrollment>>> {
        Ok(self
            .lock()?
            .enrollments
            .values()
            .filter(|e| e.value.course() == course)
            .cloned()
            .collect())
    }
}

impl LedgerStore for MemoryStore {
    fn append_attendance(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewAttendance],
    ) -> StoreResult<Vec<AttendanceEntry>> {
        self.transact(async |tx| commands::append_attendance(tx, meta, key, facts).await)
    }

    fn append_evaluations(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> StoreResult<Vec<EvaluationEntry>> {
        self.transact(async |tx| commands::append_evaluations(tx, meta, key, facts).await)
    }

    fn attendance(&self, enrollment: EnrollmentId) -> StoreResult<Vec<AttendanceEntry>> {
        Ok(self.lock()?.attendance.of(enrollment))
    }

    fn evaluations(&self, enrollment: EnrollmentId) -> StoreResult<Vec<EvaluationEntry>> {
        Ok(self.lock()?.evaluations.of(enrollment))
    }

    fn ledger_enrollments(&self) -> StoreResult<Vec<EnrollmentId>> {
        let s = self.lock()?;
        let ids: BTreeSet<EnrollmentId> = s
            .attendance
            .enrollments()
            .chain(s.evaluations.enrollments())
            .collect();
        Ok(ids.into_iter().collect())
    }

    fn command_recorded(&self, key: &IdempotencyKey) -> StoreResult<bool> {
        Ok(self.lock()?.keys.contains_key(key))
    }
}

impl AuditLog for MemoryStore {
    fn append_note(&self, note: &AuditNote) -> StoreResult<AuditEntry> {
        self.transact(async |tx| cqnet_store::append_note(tx, note).await)
    }

    fn audit_entries(&self, after: Option<Seq>, limit: usize) -> StoreResult<Vec<AuditEntry>> {
        let s = self.lock()?;
        Ok(s.audit
            .iter()
            .filter(|e| after.is_none_or(|a| e.seq > a))
            .take(limit)
            .cloned()
            .collect())
    }
}
