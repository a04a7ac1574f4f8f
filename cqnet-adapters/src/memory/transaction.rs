//! The memory store's unit of work: reads go to the state as it was when the command began,
//! writes are staged, and the staged writes are applied only once the command has succeeded.
//! A failed command therefore leaves no trace, by construction.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use cqnet_core::QualificationCode;
use cqnet_core::ledger::{StandingHours, TargetStanding};
use cqnet_core::standard::CurriculumStandard;
use cqnet_store::idempotency::{Fingerprint, LedgerReceipt};
use cqnet_store::training::{
    AttendanceEntry, Course, CourseId, Enrollment, EnrollmentId, EvaluationEntry, Institution,
    InstitutionId, Qualification, StandardVersion,
};
use cqnet_store::unit_of_work::{
    AuditTransaction, KeptHours, LedgerRecord, LedgerTransaction, Lock, RecordedCommand,
    TrainingTransaction, Transaction,
};
use cqnet_store::{AuditNote, CommandMeta, IdempotencyKey, Seq, StoreError, Version, Versioned};

use super::certificate::CertificateStaged;
use super::designation::DesignationStaged;
use super::exam::ExamStaged;
use super::work_study::WorkStudyStaged;
use super::{Fact, Ledger, State};

/// The writes of a command, applied together when it succeeds. A command reads its own
/// staged records back (they shadow the state's).
#[derive(Default)]
pub(super) struct Staged {
    qualifications: BTreeMap<QualificationCode, Versioned<Qualification>>,
    standards: BTreeMap<(QualificationCode, StandardVersion), CurriculumStandard>,
    institutions: BTreeMap<InstitutionId, Versioned<Institution>>,
    courses: BTreeMap<CourseId, Versioned<Course>>,
    enrollments: BTreeMap<EnrollmentId, Versioned<Enrollment>>,
    attendance: Vec<AttendanceEntry>,
    evaluations: Vec<EvaluationEntry>,
    standing: Vec<(EnrollmentId, StandingHours)>,
    days: Vec<(EnrollmentId, NaiveDate, TargetStanding)>,
    audit: Vec<AuditNote>,
    keys: Vec<(IdempotencyKey, (String, String))>,
    pub(super) exam: ExamStaged,
    pub(super) certificates: CertificateStaged,
    pub(super) work_study: WorkStudyStaged,
    pub(super) designation: DesignationStaged,
}

impl Staged {
    /// Applies the writes; nothing here can fail.
    pub(super) fn apply(self, state: &mut State) {
        state.qualifications.extend(self.qualifications);
        state.standards.extend(self.standards);
        state.institutions.extend(self.institutions);
        state.courses.extend(self.courses);
        state.enrollments.extend(self.enrollments);
        for e in self.attendance {
            state.attendance.push(e);
        }
        for e in self.evaluations {
            state.evaluations.push(e);
        }
        state.standing.extend(self.standing);
        state.days.extend(
            self.days
                .into_iter()
                .map(|(id, day, tally)| ((id, day), tally)),
        );
        for note in self.audit {
            state.audit(note);
        }
        state.keys.extend(self.keys);
        self.exam.apply(&mut state.exam);
        self.certificates.apply(&mut state.certificates);
        self.work_study.apply(&mut state.work_study);
        self.designation.apply(&mut state.designation);
    }
}

/// A command's view of the memory store: the state to read, and its staged writes.
pub(crate) struct MemoryTransaction<'s> {
    state: &'s State,
    staged: Staged,
}

impl<'s> MemoryTransaction<'s> {
    pub(super) fn new(state: &'s State) -> Self {
        MemoryTransaction {
            state,
            staged: Staged::default(),
        }
    }

    pub(super) fn into_staged(self) -> Staged {
        self.staged
    }

    /// The state as it was when the command began.
    pub(super) fn state(&self) -> &State {
        self.state
    }

    /// The command's writes so far.
    pub(super) fn staged(&self) -> &Staged {
        &self.staged
    }

    pub(super) fn staged_mut(&mut self) -> &mut Staged {
        &mut self.staged
    }
}

impl Transaction for MemoryTransaction<'_> {
    type Error = StoreError;

    async fn recorded(
        &mut self,
        key: &IdempotencyKey,
    ) -> Result<Option<RecordedCommand>, StoreError> {
        let staged = self
            .staged
            .keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v);
        Ok(staged
            .or_else(|| self.state.keys.get(key))
            .map(|(fingerprint, answer)| RecordedCommand {
                fingerprint: fingerprint.clone(),
                answer: answer.clone(),
            }))
    }

    async fn record(
        &mut self,
        key: &IdempotencyKey,
        fingerprint: &Fingerprint,
        answer: String,
    ) -> Result<(), StoreError> {
        self.staged
            .keys
            .push((key.clone(), (fingerprint.as_str().to_owned(), answer)));
        Ok(())
    }

    async fn audit(
        &mut self,
        meta: &CommandMeta,
        command: &str,
        subject: &str,
    ) -> Result<(), StoreError> {
        self.staged.audit.push(AuditNote {
            meta: meta.clone(),
            command: command.to_owned(),
            subject: subject.to_owned(),
            outcome: "ok".to_owned(),
        });
        Ok(())
    }
}

impl AuditTransaction for MemoryTransaction<'_> {
    async fn note(&mut self, note: &AuditNote) -> Result<Seq, StoreError> {
        let seq = Seq::new((self.state.audit.len() + self.staged.audit.len()) as u64 + 1);
        self.staged.audit.push(note.clone());
        Ok(seq)
    }
}

/// A staged record, or the state's.
pub(super) fn staged_or<V: Clone>(staged: Option<&V>, state: Option<&V>) -> Option<V> {
    staged.or(state).cloned()
}

/// A new record at its first version.
pub(super) fn first<T>(value: &T) -> Versioned<T>
where
    T: Clone,
{
    Versioned {
        value: value.clone(),
        version: Version::FIRST,
    }
}

impl TrainingTransaction for MemoryTransaction<'_> {
    async fn qualification(
        &mut self,
        code: &QualificationCode,
        _lock: Lock,
    ) -> Result<Option<Versioned<Qualification>>, StoreError> {
        Ok(staged_or(
            self.staged.qualifications.get(code),
            self.state.qualifications.get(code),
        ))
    }

    async fn insert_qualification(&mut self, q: &Qualification) -> Result<(), StoreError> {
        self.staged
            .qualifications
            .insert(q.code().clone(), first(q));
        Ok(())
    }

    async fn replace_qualification(
        &mut self,
        q: &Qualification,
        version: Version,
    ) -> Result<(), StoreError> {
        let value = q.clone();
        self.staged
            .qualifications
            .insert(q.code().clone(), Versioned { value, version });
        Ok(())
    }

    async fn standard(
        &mut self,
        code: &QualificationCode,
        version: &StandardVersion,
    ) -> Result<Option<CurriculumStandard>, StoreError> {
        let key = (code.clone(), version.clone());
        Ok(staged_or(
            self.staged.standards.get(&key),
            self.state.standards.get(&key),
        ))
    }

    async fn insert_standard(
        &mut self,
        code: &QualificationCode,
        version: &StandardVersion,
        standard: &CurriculumStandard,
    ) -> Result<(), StoreError> {
        self.staged
            .standards
            .insert((code.clone(), version.clone()), standard.clone());
        Ok(())
    }

    async fn institution(
        &mut self,
        id: InstitutionId,
    ) -> Result<Option<Versioned<Institution>>, StoreError> {
        Ok(staged_or(
            self.staged.institutions.get(&id),
            self.state.institutions.get(&id),
        ))
    }

    async fn insert_institution(&mut self, i: &Institution) -> Result<(), StoreError> {
        self.staged.institutions.insert(i.id(), first(i));
        Ok(())
    }

    async fn course(
        &mut self,
        id: CourseId,
        _lock: Lock,
    ) -> Result<Option<Versioned<Course>>, StoreError> {
        Ok(staged_or(
            self.staged.courses.get(&id),
            self.state.courses.get(&id),
        ))
    }

    async fn insert_course(&mut self, c: &Course) -> Result<(), StoreError> {
        self.staged.courses.insert(c.id(), first(c));
        Ok(())
    }

    async fn replace_course(&mut self, c: &Course, version: Version) -> Result<(), StoreError> {
        let value = c.clone();
        self.staged
            .courses
            .insert(c.id(), Versioned { value, version });
        Ok(())
    }

    async fn enrollment(
        &mut self,
        id: EnrollmentId,
        _lock: Lock,
    ) -> Result<Option<Versioned<Enrollment>>, StoreError> {
        Ok(staged_or(
            self.staged.enrollments.get(&id),
            self.state.enrollments.get(&id),
        ))
    }

    async fn insert_enrollment(&mut self, e: &Enrollment) -> Result<(), StoreError> {
        self.staged.enrollments.insert(e.id(), first(e));
        Ok(())
    }

    async fn replace_enrollment(
        &mut self,
        e: &Enrollment,
        version: Version,
    ) -> Result<(), StoreError> {
        let value = e.clone();
        self.staged
            .enrollments
            .insert(e.id(), Versioned { value, version });
        Ok(())
    }

    async fn enrolled_in(&mut self, course: CourseId) -> Result<u64, StoreError> {
        let staged = self
            .staged
            .enrollments
            .iter()
            .filter(|(id, e)| {
                e.value.course() == course && !self.state.enrollments.contains_key(id)
            })
            .count();
        let committed = self.state.enrolled_in(course);
        Ok(committed + staged as u64)
    }

    async fn enrollments(
        &mut self,
        ids: &[EnrollmentId],
    ) -> Result<Vec<Versioned<Enrollment>>, StoreError> {
        Ok(ids
            .iter()
            .filter_map(|id| self.state.enrollments.get(id).cloned())
            .collect())
    }

    async fn courses(&mut self, ids: &[CourseId]) -> Result<Vec<Versioned<Course>>, StoreError> {
        Ok(ids
            .iter()
            .filter_map(|id| self.state.courses.get(id).cloned())
            .collect())
    }

    async fn standing_hours(
        &mut self,
        ids: &[EnrollmentId],
        days: &[(EnrollmentId, NaiveDate)],
    ) -> Result<KeptHours, StoreError> {
        Ok(KeptHours {
            targets: ids
                .iter()
                .filter_map(|id| self.state.standing.get(id).map(|h| (*id, h.clone())))
                .collect(),
            days: days
                .iter()
                .filter_map(|&(id, day)| self.state.days.get(&(id, day)).map(|t| (id, day, *t)))
                .collect(),
        })
    }

    async fn keep_standing_hours(&mut self, kept: &KeptHours) -> Result<(), StoreError> {
        self.staged.standing.extend(kept.targets.iter().cloned());
        self.staged.days.extend(kept.days.iter().copied());
        Ok(())
    }
}

/// Where each ledger lives in the state and among the staged writes.
pub(super) trait MemoryLedger: LedgerRecord + Fact {
    fn ledger(state: &State) -> &Ledger<Self>;
    fn staged(staged: &mut Staged) -> &mut Vec<Self>;
}

impl MemoryLedger for AttendanceEntry {
    fn ledger(state: &State) -> &Ledger<Self> {
        &state.attendance
    }
    fn staged(staged: &mut Staged) -> &mut Vec<Self> {
        &mut staged.attendance
    }
}

impl MemoryLedger for EvaluationEntry {
    fn ledger(state: &State) -> &Ledger<Self> {
        &state.evaluations
    }
    fn staged(staged: &mut Staged) -> &mut Vec<Self> {
        &mut staged.evaluations
    }
}

impl<E: MemoryLedger> LedgerTransaction<E> for MemoryTransaction<'_> {
    async fn next_seq(&mut self) -> Result<Seq, StoreError> {
        let staged = E::staged(&mut self.staged).len() as u64;
        Ok(Seq::new(E::ledger(self.state).next_seq() + staged))
    }

    async fn entries_at(&mut self, seqs: &[Seq]) -> Result<Vec<E>, StoreError> {
        let ledger = E::ledger(self.state);
        Ok(seqs
            .iter()
            .filter_map(|s| ledger.get(*s).cloned())
            .collect())
    }

    async fn correctors(&mut self, seqs: &[Seq]) -> Result<Vec<(Seq, Seq)>, StoreError> {
        let by: &HashMap<Seq, Seq> = &E::ledger(self.state).corrected_by;
        Ok(seqs
            .iter()
            .filter_map(|s| by.get(s).map(|c| (*s, *c)))
            .collect())
    }

    async fn entries_of(&mut self, enrollment: EnrollmentId) -> Result<Vec<E>, StoreError> {
        Ok(E::ledger(self.state).of(enrollment))
    }

    async fn receipt_entries(&mut self, receipt: &LedgerReceipt) -> Result<Vec<E>, StoreError> {
        let ledger = E::ledger(self.state);
        let from = (receipt.first.get() as usize).saturating_sub(1);
        let to = (receipt.end() as usize).saturating_sub(1);
        Ok(ledger.entries.get(from..to).unwrap_or_default().to_vec())
    }

    async fn insert(&mut self, _meta: &CommandMeta, entries: &[E]) -> Result<(), StoreError> {
        E::staged(&mut self.staged).extend(entries.iter().cloned());
        Ok(())
    }
}
