//! The in-memory reference store: every aggregate behind one mutex.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, MutexGuard};

use cqnet_core::QualificationCode;
use cqnet_core::standard::CurriculumStandard;
use cqnet_store::idempotency::{
    LedgerAnswer, LedgerEntry, LedgerReceipt, encode_result, fingerprint, rebuild, replay,
    replay_ledger,
};
use cqnet_store::model::{
    AttendanceEntry, AuditEntry, AuditNote, CommandMeta, Course, CourseId, Enrollment,
    EnrollmentId, EvaluationEntry, IdempotencyKey, Institution, InstitutionId, LearnerKind,
    NewAttendance, NewEvaluation, Qualification, Seq, StandardVersion, Version, Versioned,
};
use cqnet_store::{
    AuditLog, CatalogStore, DesignationStore, EnrollmentStore, Inline, LedgerStore, StoreError,
    StoreResult,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::common::{batch_subject, check_batch, empty_batch, not_found};

#[path = "memory_certificate.rs"]
mod certificate;
#[path = "memory_exam.rs"]
mod exam;

#[derive(Default)]
struct State {
    qualifications: BTreeMap<QualificationCode, Versioned<Qualification>>,
    standards: BTreeMap<(QualificationCode, StandardVersion), CurriculumStandard>,
    institutions: BTreeMap<InstitutionId, Versioned<Institution>>,
    courses: BTreeMap<CourseId, Versioned<Course>>,
    enrollments: BTreeMap<EnrollmentId, Versioned<Enrollment>>,
    attendance: Vec<AttendanceEntry>,
    evaluations: Vec<EvaluationEntry>,
    audit: Vec<AuditEntry>,
    keys: HashMap<IdempotencyKey, (String, String)>,
    exam: exam::ExamState,
    certificates: certificate::CertificateState,
}

impl State {
    fn audit(&mut self, meta: &CommandMeta, command: &str, subject: String) {
        let seq = Seq::new(self.audit.len() as u64 + 1);
        self.audit.push(AuditEntry {
            seq,
            actor: meta.actor.clone(),
            at: meta.at,
            command: command.to_owned(),
            subject,
            outcome: "ok".to_owned(),
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
    /// See the type.
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

    fn lock(&self) -> StoreResult<MutexGuard<'_, State>> {
        self.state
            .lock()
            .map_err(|_| StoreError::Unavailable("the memory store's lock is poisoned".into()))
    }

    /// Runs a retryable command: replays a known key, otherwise applies `apply` and keeps
    /// its result under the key. `apply` must leave the state untouched when it fails.
    fn idempotent<P, T>(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        command: &str,
        payload: &P,
        apply: impl FnOnce(&mut State) -> StoreResult<T>,
    ) -> StoreResult<T>
    where
        P: Serialize + ?Sized,
        T: Serialize + DeserializeOwned,
    {
        let print = fingerprint(command, &meta.actor, payload)?;
        let mut state = self.lock()?;
        if let Some((stored_print, result)) = state.keys.get(key) {
            return replay(key, stored_print, result, &print);
        }
        let value = apply(&mut state)?;
        let encoded = encode_result(&value)?;
        state
            .keys
            .insert(key.clone(), (print.as_str().to_owned(), encoded));
        Ok(value)
    }

    /// Runs a ledger append as [`MemoryStore::idempotent`] does, keeping a receipt of the
    /// positions appended; a replay reads the entries back from `ledger`.
    fn idempotent_append<P, E>(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        command: &str,
        payload: &P,
        ledger: fn(&State) -> &[E],
        apply: impl FnOnce(&mut State) -> StoreResult<Vec<E>>,
    ) -> StoreResult<Vec<E>>
    where
        P: Serialize + ?Sized,
        E: LedgerEntry + Clone + DeserializeOwned,
    {
        let print = fingerprint(command, &meta.actor, payload)?;
        let mut state = self.lock()?;
        if let Some((stored_print, result)) = state.keys.get(key) {
            return match replay_ledger(key, stored_print, result, &print)? {
                LedgerAnswer::Entries(entries) => Ok(entries),
                LedgerAnswer::Receipt(receipt) => {
                    // Positions are 1, 2, … so entry `seq` sits at index `seq - 1`.
                    let from = (receipt.first.get() as usize).saturating_sub(1);
                    let to = (receipt.end() as usize).saturating_sub(1);
                    let entries = ledger(&state).get(from..to).unwrap_or_default();
                    rebuild(receipt, entries.to_vec())
                }
            };
        }
        let entries = apply(&mut state)?;
        let receipt = LedgerReceipt::of(&entries)?.encode()?;
        state
            .keys
            .insert(key.clone(), (print.as_str().to_owned(), receipt));
        Ok(entries)
    }
}

fn check_version(
    what: &'static str,
    key: impl ToString,
    expected: Version,
    actual: Version,
) -> StoreResult<()> {
    if expected == actual {
        Ok(())
    } else {
        Err(StoreError::VersionConflict {
            what,
            key: key.to_string(),
            expected,
            actual,
        })
    }
}

impl CatalogStore for MemoryStore {
    fn create_qualification(&self, meta: &CommandMeta, q: &Qualification) -> StoreResult<Version> {
        let mut s = self.lock()?;
        if s.qualifications.contains_key(q.code()) {
            return Err(StoreError::AlreadyExists {
                what: "qualification",
                key: q.code().to_string(),
            });
        }
        s.qualifications.insert(
            q.code().clone(),
            Versioned {
                value: q.clone(),
                version: Version::FIRST,
            },
        );
        s.audit(
            meta,
            "create_qualification",
            format!("qualification {}", q.code()),
        );
        Ok(Version::FIRST)
    }

    fn update_qualification(
        &self,
        meta: &CommandMeta,
        q: &Qualification,
        expected: Version,
    ) -> StoreResult<Version> {
        let mut s = self.lock()?;
        let current = s
            .qualifications
            .get_mut(q.code())
            .ok_or_else(|| not_found("qualification", q.code()))?;
        check_version("qualification", q.code(), expected, current.version)?;
        current.value = q.clone();
        current.version = current.version.next();
        let v = current.version;
        s.audit(
            meta,
            "update_qualification",
            format!("qualification {}", q.code()),
        );
        Ok(v)
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
        let mut s = self.lock()?;
        if !s.qualifications.contains_key(code) {
            return Err(not_found("qualification", code));
        }
        let key = (code.clone(), version.clone());
        match s.standards.get(&key) {
            Some(existing) if existing == standard => return Ok(()),
            Some(_) => {
                return Err(StoreError::AlreadyExists {
                    what: "curriculum standard",
                    key: format!("{code}@{version}"),
                });
            }
            None => {}
        }
        s.standards.insert(key, standard.clone());
        s.audit(meta, "put_standard", format!("standard {code}@{version}"));
        Ok(())
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
        let mut s = self.lock()?;
        if s.institutions.contains_key(&i.id()) {
            return Err(StoreError::AlreadyExists {
                what: "institution",
                key: i.id().to_string(),
            });
        }
        s.institutions.insert(
            i.id(),
            Versioned {
                value: i.clone(),
                version: Version::FIRST,
            },
        );
        s.audit(
            meta,
            "create_institution",
            format!("institution {}", i.id()),
        );
        Ok(Version::FIRST)
    }

    fn institution(&self, id: InstitutionId) -> StoreResult<Versioned<Institution>> {
        self.lock()?
            .institutions
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found("institution", id))
    }

    fn create_course(&self, meta: &CommandMeta, c: &Course) -> StoreResult<Version> {
        let mut s = self.lock()?;
        let spec = c.spec();
        if s.courses.contains_key(&spec.id) {
            return Err(StoreError::AlreadyExists {
                what: "course",
                key: spec.id.to_string(),
            });
        }
        if !s.institutions.contains_key(&spec.institution) {
            return Err(not_found("institution", spec.institution));
        }
        let standard_key = (spec.qualification.clone(), spec.standard_version.clone());
        if !s.standards.contains_key(&standard_key) {
            return Err(not_found(
                "curriculum standard",
                format!("{}@{}", spec.qualification, spec.standard_version),
            ));
        }
        s.courses.insert(
            spec.id,
            Versioned {
                value: c.clone(),
                version: Version::FIRST,
            },
        );
        s.audit(meta, "create_course", format!("course {}", spec.id));
        Ok(Version::FIRST)
    }

    fn update_course(
        &self,
        meta: &CommandMeta,
        c: &Course,
        expected: Version,
    ) -> StoreResult<Version> {
        let mut s = self.lock()?;
        let id = c.id();
        let taken = s
            .enrollments
            .values()
            .filter(|e| e.value.course() == id)
            .count();
        let standard_key = (
            c.spec().qualification.clone(),
            c.spec().standard_version.clone(),
        );
        let standard_known = s.standards.contains_key(&standard_key);
        let institution_known = s.institutions.contains_key(&c.spec().institution);
        let current = s
            .courses
            .get_mut(&id)
            .ok_or_else(|| not_found("course", id))?;
        check_version("course", id, expected, current.version)?;
        if !institution_known {
            return Err(not_found("institution", c.spec().institution));
        }
        if !standard_known {
            return Err(not_found(
                "curriculum standard",
                format!("{}@{}", standard_key.0, standard_key.1),
            ));
        }
        if (c.spec().capacity as usize) < taken {
            return Err(StoreError::Conflict(format!(
                "course {id} has {taken} enrollments; its capacity cannot drop to {}",
                c.spec().capacity
            )));
        }
        current.value = c.clone();
        current.version = current.version.next();
        let v = current.version;
        s.audit(meta, "update_course", format!("course {id}"));
        Ok(v)
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
        self.idempotent(meta, key, "enroll", e, |s| {
            if s.enrollments.contains_key(&e.id()) {
                return Err(StoreError::AlreadyExists {
                    what: "enrollment",
                    key: e.id().to_string(),
                });
            }
            let course = s
                .courses
                .get(&e.course())
                .ok_or_else(|| not_found("course", e.course()))?;
            let capacity = course.value.spec().capacity;
            if let LearnerKind::LearningWorker { company, .. } = e.kind()
                && !s.institutions.contains_key(&company)
            {
                return Err(not_found("institution", company));
            }
            let taken = s
                .enrollments
                .values()
                .filter(|x| x.value.course() == e.course())
                .count();
            if taken >= capacity as usize {
                return Err(StoreError::CourseFull {
                    course: e.course().to_string(),
                    capacity,
                });
            }
            let stored = Versioned {
                value: e.clone(),
                version: Version::FIRST,
            };
            s.enrollments.insert(e.id(), stored.clone());
            s.audit(meta, "enroll", format!("enrollment {}", e.id()));
            Ok(stored)
        })
    }

    fn update_enrollment(
        &self,
        meta: &CommandMeta,
        e: &Enrollment,
        expected: Version,
    ) -> StoreResult<Version> {
        let mut s = self.lock()?;
        let current = s
            .enrollments
            .get_mut(&e.id())
            .ok_or_else(|| not_found("enrollment", e.id()))?;
        check_version("enrollment", e.id(), expected, current.version)?;
        if current.value.course() != e.course() {
            return Err(StoreError::Conflict(format!(
                "enrollment {} cannot move to another course",
                e.id()
            )));
        }
        current.value = e.clone();
        current.version = current.version.next();
        let v = current.version;
        s.audit(meta, "update_enrollment", format!("enrollment {}", e.id()));
        Ok(v)
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
        if facts.is_empty() {
            return Err(empty_batch("attendance"));
        }
        self.idempotent_append(
            meta,
            key,
            "append_attendance",
            facts,
            |s| &s.attendance,
            |s| {
                let first = s.attendance.len() as u64 + 1;
                let refs: Vec<_> = facts.iter().map(|f| (f.enrollment, f.corrects)).collect();
                check_batch(
                    &refs,
                    first,
                    |id| Ok(s.enrollments.contains_key(&id)),
                    // Positions are 1, 2, … so entry `seq` sits at index `seq - 1`.
                    |seq| {
                        Ok(s.attendance
                            .get((seq.get() as usize).wrapping_sub(1))
                            .map(|e| e.fact.enrollment))
                    },
                    // A correction comes after the entry it corrects.
                    |seq| {
                        Ok(s.attendance
                            .iter()
                            .skip(seq.get() as usize)
                            .find(|e| e.fact.corrects == Some(seq))
                            .map(|e| e.seq))
                    },
                )?;
                let entries: Vec<AttendanceEntry> = facts
                    .iter()
                    .enumerate()
                    .map(|(i, f)| AttendanceEntry {
                        seq: Seq::new(first + i as u64),
                        fact: f.clone(),
                        recorded_by: meta.actor.clone(),
                        recorded_at: meta.at,
                    })
                    .collect();
                s.attendance.extend(entries.iter().cloned());
                let subject = batch_subject(facts.iter().map(|f| f.enrollment), entries.len());
                s.audit(meta, "append_attendance", subject);
                Ok(entries)
            },
        )
    }

    fn append_evaluations(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        facts: &[NewEvaluation],
    ) -> StoreResult<Vec<EvaluationEntry>> {
        if facts.is_empty() {
            return Err(empty_batch("evaluations"));
        }
        self.idempotent_append(
            meta,
            key,
            "append_evaluations",
            facts,
            |s| &s.evaluations,
            |s| {
                let first = s.evaluations.len() as u64 + 1;
                let refs: Vec<_> = facts.iter().map(|f| (f.enrollment, f.corrects)).collect();
                check_batch(
                    &refs,
                    first,
                    |id| Ok(s.enrollments.contains_key(&id)),
                    // Positions are 1, 2, … so entry `seq` sits at index `seq - 1`.
                    |seq| {
                        Ok(s.evaluations
                            .get((seq.get() as usize).wrapping_sub(1))
                            .map(|e| e.fact.enrollment))
                    },
                    // A correction comes after the entry it corrects.
                    |seq| {
                        Ok(s.evaluations
                            .iter()
                            .skip(seq.get() as usize)
                            .find(|e| e.fact.corrects == Some(seq))
                            .map(|e| e.seq))
                    },
                )?;
                let entries: Vec<EvaluationEntry> = facts
                    .iter()
                    .enumerate()
                    .map(|(i, f)| EvaluationEntry {
                        seq: Seq::new(first + i as u64),
                        fact: f.clone(),
                        recorded_by: meta.actor.clone(),
                        recorded_at: meta.at,
                    })
                    .collect();
                s.evaluations.extend(entries.iter().cloned());
                let subject = batch_subject(facts.iter().map(|f| f.enrollment), entries.len());
                s.audit(meta, "append_evaluations", subject);
                Ok(entries)
            },
        )
    }

    fn attendance(&self, enrollment: EnrollmentId) -> StoreResult<Vec<AttendanceEntry>> {
        Ok(self
            .lock()?
            .attendance
            .iter()
            .filter(|e| e.fact.enrollment == enrollment)
            .cloned()
            .collect())
    }

    fn evaluations(&self, enrollment: EnrollmentId) -> StoreResult<Vec<EvaluationEntry>> {
        Ok(self
            .lock()?
            .evaluations
            .iter()
            .filter(|e| e.fact.enrollment == enrollment)
            .cloned()
            .collect())
    }

    fn ledger_enrollments(&self) -> StoreResult<Vec<EnrollmentId>> {
        let s = self.lock()?;
        let ids: BTreeSet<EnrollmentId> = s
            .attendance
            .iter()
            .map(|e| e.fact.enrollment)
            .chain(s.evaluations.iter().map(|e| e.fact.enrollment))
            .collect();
        Ok(ids.into_iter().collect())
    }

    fn command_recorded(&self, key: &IdempotencyKey) -> StoreResult<bool> {
        Ok(self.lock()?.keys.contains_key(key))
    }
}

impl AuditLog for MemoryStore {
    fn append_note(&self, note: &AuditNote) -> StoreResult<AuditEntry> {
        let mut s = self.lock()?;
        let entry = AuditEntry {
            seq: Seq::new(s.audit.len() as u64 + 1),
            actor: note.meta.actor.clone(),
            at: note.meta.at,
            command: note.command.clone(),
            subject: note.subject.clone(),
            outcome: note.outcome.clone(),
        };
        s.audit.push(entry.clone());
        Ok(entry)
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
