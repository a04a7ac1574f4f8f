//! The course designation commands, written once over the [unit of work](crate::unit_of_work):
//! the yearly call (모집공고), an institution's application (지정신청), the document and on-site
//! screenings (서류심사, 현장심사) over all applications of one qualification, the committee's
//! deliberation (정책심의회 심의), the designation of one course run (지정), operation checks
//! (운영 확인), hearings (청문) and measures (시정명령, 지정취소), and the retention call (보존기간
//! 경과 기록 정리). Every back end runs them inside one of its transactions; each is idempotent
//! by key and writes its audit line.
//!
//! Every day a command records as "today" is the Korean day of the command's instant; the rules
//! are those of the command's pack in force on that day. Every rule is the core's: the call
//! and the teachers ([`course_designation`]), the plan's fit ([`standard::check_plan`]), the
//! screening ([`screening::decide`]), the measures ([`sanction::decide`](cqnet_core::sanction::decide)),
//! what a cancellation does ([`course_designation::cancellation`]) and the retention
//! ([`course_designation::retention`]).
//!
//! # Example
//! ```
//! use cqnet_store::designation::{commands, CourseApplication, DesignationRecord};
//! use cqnet_store::unit_of_work::{complete_now, DesignationTransaction, TrainingTransaction};
//! use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
//! fn run<T: TrainingTransaction<Error = StoreError> + DesignationTransaction>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, a: &CourseApplication) -> Result<Versioned<DesignationRecord>, StoreError> {
//!     complete_now(commands::apply_for_course(tx, meta, key, a))?
//! }
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use cqnet_core::course_designation;
use cqnet_core::rules::Rules;
use cqnet_core::sanction::Measure;
use cqnet_core::screening::{self, Applicant, Screening};
use cqnet_core::standard;
use cqnet_core::window::korean_date;
use cqnet_core::{QualificationCode, Reason, ReasonCode, Score, Track};
use serde::Serialize;

use crate::designation::{
    ApplicationStatus, CallId, CancellationRecord, CourseApplication, CourseApplicationId,
    CourseDesignation, CourseMeasureOrder, Deliberation, DesignationCall, DesignationRecord,
    OperationCheck, RetentionReport, StageResult, TakenCourseMeasure,
};
use crate::idempotency::{Fingerprint, encode_result, fingerprint, replay};
use crate::training::commands::not_found;
use crate::training::{
    Course, CourseId, CourseSpec, Designation, DesignationStatus, InstitutionKind,
};
use crate::unit_of_work::{DesignationTransaction, Lock, TrainingTransaction};
use crate::work_study::{Hearing, Recorded};
use crate::{
    CommandMeta, ConflictKind, IdempotencyKey, StoreError, StoreResult, Version, Versioned,
};

/// The Korean day of the command's instant.
fn today(meta: &CommandMeta) -> NaiveDate {
    korean_date(meta.at.fixed_offset())
}

/// The rules of the command's pack in force on `day`.
fn rules_on(meta: &CommandMeta, day: NaiveDate) -> StoreResult<Rules> {
    meta.rules().rules_at(day).map_err(|e| {
        StoreError::conflict(
            ConflictKind::NoRulesInForce,
            format!("no rules are in force on {day}: {e}"),
        )
    })
}

fn conflict(kind: ConflictKind, detail: String) -> StoreError {
    StoreError::conflict(kind, detail)
}

fn out_of_order(detail: String) -> StoreError {
    conflict(ConflictKind::DateOutOfOrder, detail)
}

/// The reason codes of a refusal, for a person to read.
fn codes(reasons: &[Reason]) -> String {
    let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
    codes.join(", ")
}

/// Opens a yearly call (모집공고), idempotent by key: the command of
/// [`CourseDesignationStore::open_call`](crate::designation::CourseDesignationStore::open_call). Every
/// qualification it covers must be in the catalog. A call whose window ends after its
/// announcement cannot be built ([`DesignationCall::new`]), so it never reaches a store.
///
/// # Errors
/// [`StoreError::AlreadyExists`] for a call id taken; [`StoreError::NotFound`] for a
/// qualification not in the catalog; [`StoreError::IdempotencyConflict`]; the back end's
/// failures.
///
/// # Example
/// ```
/// use cqnet_store::designation::{commands, DesignationCall};
/// use cqnet_store::unit_of_work::{complete_now, DesignationTransaction, TrainingTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: TrainingTransaction<Error = StoreError> + DesignationTransaction>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, c: &DesignationCall) -> Result<Versioned<DesignationCall>, StoreError> {
///     complete_now(commands::open_call(tx, meta, key, c))?
/// }
/// ```
pub async fn open_call<T: TrainingTransaction + DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    call: &DesignationCall,
) -> Result<Versioned<DesignationCall>, T::Error> {
    let print = fingerprint("open_call", &meta.actor, call)?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    if tx.call(call.id()).await?.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "designation call",
            key: call.id().to_string(),
        }
        .into());
    }
    for q in call.qualifications() {
        if tx
            .qualification(&q.qualification, Lock::None)
            .await?
            .is_none()
        {
            return Err(not_found("qualification", &q.qualification).into());
        }
    }
    tx.insert_call(call).await?;
    let subject = format!("designation call {} of {}", call.id(), call.year());
    tx.audit(meta, "open_call", &subject).await?;
    let value = Versioned {
        value: call.clone(),
        version: Version::FIRST,
    };
    tx.record(key, &print, encode_result(&value)?).await?;
    Ok(value)
}

/// What the core finds wrong with an application under its call and, when stored, its
/// standard: the call's window and qualifications, the plan against the standard (its check is
/// kept as decided), and the teachers. The service asks the same to refuse with the reasons.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::window::TimeWindow;
/// use cqnet_store::designation::{commands, CallQualification, CallId, CourseApplication, DesignationCall};
/// use cqnet_core::screening::Criterion;
/// use cqnet_core::Score;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let a = CourseApplication::example();
/// let q = CallQualification { qualification: a.qualification.clone(), document: Criterion::Score { min: Score::ZERO }, on_site: Criterion::rank(1)? };
/// let window = TimeWindow::new(t("2026-01-05T09:00:00+09:00"), t("2026-01-30T18:00:00+09:00"))?;
/// let call = DesignationCall::new(CallId::from_u128(1), 2026, window, "2026-03-16".parse().unwrap(), vec![q])?;
/// let rules = RulePack::embedded().newest();
/// let standard = CourseApplication::example_standard();
/// let findings = commands::application_findings(&call, Some(&standard), &a, t("2026-01-12T10:00:00+09:00"), &rules);
/// assert!(findings.refusals().is_empty());
/// let late = commands::application_findings(&call, None, &a, t("2026-02-01T10:00:00+09:00"), &rules);
/// assert_eq!(late.refusals()[0].code, cqnet_core::ReasonCode::OutsideDesignationWindow);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn application_findings(
    call: &DesignationCall,
    curriculum: Option<&standard::CurriculumStandard>,
    application: &CourseApplication,
    at: chrono::DateTime<chrono::FixedOffset>,
    rules: &Rules,
) -> ApplicationFindings {
    ApplicationFindings {
        call: course_designation::check_call(
            call.window(),
            call.covers(&application.qualification).is_some(),
            at,
            rules,
        ),
        plan: curriculum.map(|c| standard::check_plan(c, &application.plan, rules)),
        teachers: course_designation::check_teachers(&application.teachers, rules),
    }
}

/// The core's findings on an application (see [`application_findings`]).
///
/// # Example
/// See [`application_findings`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApplicationFindings {
    /// Outside the call's window, or a qualification it does not cover.
    pub call: Vec<Reason>,
    /// The plan against its standard, when the standard is known.
    pub plan: Option<standard::DesignationCheck>,
    /// The teachers.
    pub teachers: Vec<Reason>,
}

impl ApplicationFindings {
    /// Every reason that refuses the application, in the order call, plan, teachers.
    ///
    /// # Example
    /// See [`application_findings`].
    pub fn refusals(&self) -> Vec<Reason> {
        let plan = self.plan.iter().flat_map(|p| &p.reasons);
        self.call
            .iter()
            .chain(plan)
            .chain(&self.teachers)
            .cloned()
            .collect()
    }
}

/// Files an institution's application for the designation of one course run (지정신청),
/// idempotent by key: the command of
/// [`CourseDesignationStore::apply_for_course`](crate::designation::CourseDesignationStore::apply_for_course). The institution
/// must be a training institution; the call must be open at the command's instant and cover
/// the qualification; the plan must meet the stored curriculum standard of its version, and
/// every teacher be of a kind the Decree lists (the core decides all three); the training may
/// not start before the designations are announced. The plan's check is kept as decided.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown call, institution or standard;
/// [`StoreError::AlreadyExists`] for an application id taken; [`StoreError::Conflict`] of kind
/// `NotATrainingInstitution`, `OutsideCall`, `PlanBelowStandard`, `TeacherNotEligible` (the
/// core's reason codes in the detail), `DateOutOfOrder` for a training starting before the
/// announcement, `NoRulesInForce`; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// See [the module](self).
pub async fn apply_for_course<T: TrainingTransaction + DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    application: &CourseApplication,
) -> Result<Versioned<DesignationRecord>, T::Error> {
    let print = fingerprint("apply_for_course", &meta.actor, application)?;
    let id = application.id;
    let existing = tx.course_application(id, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    if existing.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "course application",
            key: id.to_string(),
        }
        .into());
    }
    let call = tx
        .call(application.call)
        .await?
        .ok_or_else(|| not_found("designation call", application.call))?;
    let institution = tx
        .institution(application.institution)
        .await?
        .ok_or_else(|| not_found("institution", application.institution))?;
    if institution.value.kind() != InstitutionKind::TrainingInstitution {
        return Err(conflict(
            ConflictKind::NotATrainingInstitution,
            format!(
                "institution {} is a company, not a training institution",
                application.institution
            ),
        )
        .into());
    }
    let filed_on = today(meta);
    let rules = rules_on(meta, filed_on)?;
    let call_reasons = application_findings(
        &call.value,
        None,
        application,
        meta.at.fixed_offset(),
        &rules,
    )
    .call;
    if !call_reasons.is_empty() {
        return Err(conflict(
            ConflictKind::OutsideCall,
            format!(
                "application {id} under call {}: {}",
                application.call,
                codes(&call_reasons)
            ),
        )
        .into());
    }
    let key_of_standard = format!(
        "{}@{}",
        application.qualification, application.standard_version
    );
    let curriculum = tx
        .standard(&application.qualification, &application.standard_version)
        .await?
        .ok_or_else(|| not_found("curriculum standard", &key_of_standard))?;
    let plan = standard::check_plan(&curriculum, &application.plan, &rules);
    if !plan.meets_standard {
        return Err(conflict(
            ConflictKind::PlanBelowStandard,
            format!(
                "the plan of application {id} does not meet {key_of_standard}: {}",
                codes(&plan.reasons)
            ),
        )
        .into());
    }
    let teachers = course_designation::check_teachers(&application.teachers, &rules);
    if !teachers.is_empty() {
        return Err(conflict(
            ConflictKind::TeacherNotEligible,
            format!("the teachers of application {id}: {}", codes(&teachers)),
        )
        .into());
    }
    if application.training_start < call.value.announced_on() {
        return Err(out_of_order(format!(
            "a training starting on {} before the designations are announced on {}",
            application.training_start,
            call.value.announced_on()
        ))
        .into());
    }
    let record = DesignationRecord::filed(application.clone(), filed_on, plan, meta.actor.clone());
    tx.insert_course_application(&record).await?;
    let subject = format!(
        "course application {id} of institution {} for {}",
        application.institution, application.qualification
    );
    tx.audit(meta, "apply_for_course", &subject).await?;
    let value = Versioned {
        value: record,
        version: Version::FIRST,
    };
    tx.record(key, &print, encode_result(&value)?).await?;
    Ok(value)
}

/// The applications of one call and qualification opened for a stage: the first answer kept
/// under the key, or the call, the group and the command's fingerprint.
enum OpenedGroup {
    Replayed(Vec<Versioned<DesignationRecord>>),
    Current(
        DesignationCall,
        Vec<Versioned<DesignationRecord>>,
        Fingerprint,
    ),
}

/// Opens the group of `call` and `qualification` for `command`, idempotent by key: its rows
/// are locked first, then the key read.
async fn open_group<T: DesignationTransaction, P: Serialize + ?Sized>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    command: &str,
    (call, qualification): (CallId, &QualificationCode),
    payload: &P,
) -> Result<OpenedGroup, T::Error> {
    let print = fingerprint(command, &meta.actor, &(call, qualification, payload))?;
    let group = tx
        .course_applications_of(call, qualification, Lock::ForUpdate)
        .await?;
    if let Some(kept) = tx.recorded(key).await? {
        let answer = replay(key, &kept.fingerprint, &kept.answer, &print)?;
        return Ok(OpenedGroup::Replayed(answer));
    }
    let found = tx
        .call(call)
        .await?
        .ok_or_else(|| not_found("designation call", call))?;
    if found.value.covers(qualification).is_none() {
        return Err(conflict(
            ConflictKind::OutsideCall,
            format!("call {call} does not cover qualification {qualification}"),
        )
        .into());
    }
    if group.is_empty() {
        return Err(not_found(
            "applications of the call",
            format!("{call}/{qualification}"),
        )
        .into());
    }
    Ok(OpenedGroup::Current(found.value, group, print))
}

/// Writes the changed records of a group at their next versions, with one audit line and the
/// key; answers them.
async fn save_group<T: DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    (command, print): (&str, &Fingerprint),
    changed: Vec<Versioned<DesignationRecord>>,
    subject: &str,
) -> Result<Vec<Versioned<DesignationRecord>>, T::Error> {
    let mut saved = Vec::with_capacity(changed.len());
    for mut record in changed {
        record.version = record.version.next();
        tx.replace_course_application(&record.value, record.version)
            .await?;
        saved.push(record);
    }
    tx.audit(meta, command, subject).await?;
    tx.record(key, print, encode_result(&saved)?).await?;
    Ok(saved)
}

/// Checks that `scores` name exactly the applications `expected`, once each.
fn scores_by_application(
    scores: &[(CourseApplicationId, Score)],
    expected: &BTreeSet<CourseApplicationId>,
    stage: &str,
) -> StoreResult<BTreeMap<CourseApplicationId, Score>> {
    let by_id: BTreeMap<CourseApplicationId, Score> = scores.iter().copied().collect();
    let named: BTreeSet<CourseApplicationId> = by_id.keys().copied().collect();
    if by_id.len() != scores.len() || &named != expected {
        let missing: Vec<String> = expected.difference(&named).map(|i| i.to_string()).collect();
        let extra: Vec<String> = named.difference(expected).map(|i| i.to_string()).collect();
        return Err(conflict(
            ConflictKind::ScoresMismatch,
            format!(
                "the {stage} scores must name each of {} applications once (missing: {}; not in the stage: {}; {} given)",
                expected.len(),
                if missing.is_empty() {
                    "none".into()
                } else {
                    missing.join(", ")
                },
                if extra.is_empty() {
                    "none".into()
                } else {
                    extra.join(", ")
                },
                scores.len()
            ),
        ));
    }
    Ok(by_id)
}

/// The core's screening of a group: every application with its document score and, where
/// given, its on-site score, under the criteria of the call for the qualification.
fn decide_screening(
    call: &DesignationCall,
    qualification: &QualificationCode,
    applicants: Vec<Applicant>,
    rules: &Rules,
) -> StoreResult<screening::ScreeningDecision> {
    let criteria = call.covers(qualification).ok_or_else(|| {
        conflict(
            ConflictKind::OutsideCall,
            format!("call {} does not cover {qualification}", call.id()),
        )
    })?;
    let screening = Screening::new(criteria.document, criteria.on_site, applicants)
        .map_err(|e| conflict(ConflictKind::ScoresMismatch, e.to_string()))?;
    Ok(screening::decide(&screening, rules))
}

/// Decides the document screening (서류심사) of every application of one call and
/// qualification, idempotent by key: the command of
/// [`CourseDesignationStore::screen_documents`](crate::designation::CourseDesignationStore::screen_documents).
/// `scores` give each application of the group its document score, once; the call's window
/// must be closed. The core's screening decides the stage over the whole group (by score or
/// by rank, ties as the pack ranks them); each application keeps its score and outcome.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown call or a group without applications;
/// [`StoreError::Conflict`] of kind `OutsideCall` for a qualification the call does not cover
/// or a window still open, `AlreadyScreened`, `ScoresMismatch`, `NoRulesInForce`;
/// [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_core::{QualificationCode, Score};
/// use cqnet_store::designation::{commands, CourseApplicationId, CallId, DesignationRecord};
/// use cqnet_store::unit_of_work::{complete_now, DesignationTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: DesignationTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, call: CallId, q: &QualificationCode, scores: &[(CourseApplicationId, Score)]) -> Result<Vec<Versioned<DesignationRecord>>, StoreError> {
///     complete_now(commands::screen_documents(tx, meta, key, call, q, scores))?
/// }
/// ```
pub async fn screen_documents<T: DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    call: CallId,
    qualification: &QualificationCode,
    scores: &[(CourseApplicationId, Score)],
) -> Result<Vec<Versioned<DesignationRecord>>, T::Error> {
    let command = "screen_documents";
    let (found, mut group, print) =
        match open_group(tx, meta, key, command, (call, qualification), scores).await? {
            OpenedGroup::Replayed(answer) => return Ok(answer),
            OpenedGroup::Current(found, group, print) => (found, group, print),
        };
    if meta.at.fixed_offset() < found.window().end() {
        return Err(conflict(
            ConflictKind::OutsideCall,
            format!(
                "the window of call {call} is open until {}",
                found.window().end()
            ),
        )
        .into());
    }
    if let Some(done) = group.iter().find(|r| r.value.document.is_some()) {
        return Err(conflict(
            ConflictKind::AlreadyScreened,
            format!(
                "application {} was screened on its documents already",
                done.value.application.id
            ),
        )
        .into());
    }
    let expected: BTreeSet<CourseApplicationId> =
        group.iter().map(|r| r.value.application.id).collect();
    let by_id = scores_by_application(scores, &expected, "document")?;
    let day = today(meta);
    let rules = rules_on(meta, day)?;
    let applicants = by_id
        .iter()
        .map(|(id, score)| Applicant::new(id.to_string(), *score, None))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| conflict(ConflictKind::ScoresMismatch, e.to_string()))?;
    let decision = decide_screening(&found, qualification, applicants, &rules)?;
    let mut passed = 0;
    for record in &mut group {
        let id = record.value.application.id;
        let outcome = decision
            .outcomes
            .iter()
            .find(|o| o.id == id.to_string())
            .ok_or_else(|| not_found("screening outcome", id))?;
        // At this stage no on-site score exists: only the document stage's reasons count.
        let reasons: Vec<Reason> = outcome
            .reasons
            .iter()
            .filter(|r| r.code == ReasonCode::DocumentScreeningFailed)
            .cloned()
            .collect();
        passed += usize::from(outcome.passed_document);
        record.value.document = Some(StageResult {
            score: by_id[&id],
            decided_on: day,
            passed: outcome.passed_document,
            reasons,
            rules: decision.rules.clone(),
        });
        record.value.status = if outcome.passed_document {
            ApplicationStatus::DocumentPassed
        } else {
            ApplicationStatus::DocumentFailed
        };
    }
    let subject = format!(
        "call {call}, {qualification}: {passed} of {} passed the documents",
        group.len()
    );
    save_group(tx, meta, key, (command, &print), group, &subject).await
}

/// Decides the on-site screening (현장심사) of one call and qualification, idempotent by key:
/// the command of
/// [`CourseDesignationStore::screen_on_site`](crate::designation::CourseDesignationStore::screen_on_site).
/// `scores` give each document passer its on-site score, once. The core's screening decides
/// both stages again over the whole group with the scores kept; a passer of both is selected
/// (선정), the others are not.
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Conflict`] of kind `NotScreened` before the
/// document stage, `AlreadyScreened`, `ScoresMismatch`, `OutsideCall`, `NoRulesInForce`;
/// [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_core::{QualificationCode, Score};
/// use cqnet_store::designation::{commands, CourseApplicationId, CallId, DesignationRecord};
/// use cqnet_store::unit_of_work::{complete_now, DesignationTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: DesignationTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, call: CallId, q: &QualificationCode, scores: &[(CourseApplicationId, Score)]) -> Result<Vec<Versioned<DesignationRecord>>, StoreError> {
///     complete_now(commands::screen_on_site(tx, meta, key, call, q, scores))?
/// }
/// ```
pub async fn screen_on_site<T: DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    call: CallId,
    qualification: &QualificationCode,
    scores: &[(CourseApplicationId, Score)],
) -> Result<Vec<Versioned<DesignationRecord>>, T::Error> {
    let command = "screen_on_site";
    let (found, group, print) =
        match open_group(tx, meta, key, command, (call, qualification), scores).await? {
            OpenedGroup::Replayed(answer) => return Ok(answer),
            OpenedGroup::Current(found, group, print) => (found, group, print),
        };
    let mut documents = BTreeMap::new();
    for record in &group {
        let id = record.value.application.id;
        let Some(document) = &record.value.document else {
            return Err(conflict(
                ConflictKind::NotScreened,
                format!("application {id} has no document screening"),
            )
            .into());
        };
        if record.value.on_site.is_some() {
            return Err(conflict(
                ConflictKind::AlreadyScreened,
                format!("application {id} was screened on site already"),
            )
            .into());
        }
        documents.insert(id, document.clone());
    }
    let passers: BTreeSet<CourseApplicationId> = documents
        .iter()
        .filter(|(_, d)| d.passed)
        .map(|(id, _)| *id)
        .collect();
    let on_site = scores_by_application(scores, &passers, "on-site")?;
    let day = today(meta);
    if let Some(decided) = documents.values().map(|d| d.decided_on).max()
        && day < decided
    {
        return Err(out_of_order(format!(
            "an on-site screening on {day} before the documents' on {decided}"
        ))
        .into());
    }
    let rules = rules_on(meta, day)?;
    let applicants = documents
        .iter()
        .map(|(id, d)| Applicant::new(id.to_string(), d.score, on_site.get(id).copied()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| conflict(ConflictKind::ScoresMismatch, e.to_string()))?;
    let decision = decide_screening(&found, qualification, applicants, &rules)?;
    let mut changed = Vec::new();
    for mut record in group {
        let id = record.value.application.id;
        let Some(score) = on_site.get(&id).copied() else {
            continue;
        };
        let outcome = decision
            .outcomes
            .iter()
            .find(|o| o.id == id.to_string())
            .ok_or_else(|| not_found("screening outcome", id))?;
        record.value.on_site = Some(StageResult {
            score,
            decided_on: day,
            passed: outcome.passed_on_site,
            reasons: outcome.reasons.clone(),
            rules: decision.rules.clone(),
        });
        record.value.status = if outcome.passed_on_site {
            ApplicationStatus::Selected
        } else {
            ApplicationStatus::NotSelected
        };
        changed.push(record);
    }
    let subject = format!(
        "call {call}, {qualification}: {} of {} selected on site",
        decision.selected.len(),
        changed.len()
    );
    save_group(tx, meta, key, (command, &print), changed, &subject).await
}

/// Records the committee's deliberation (정책심의회 심의) on the selected applications of one
/// call and qualification, idempotent by key: the command of
/// [`CourseDesignationStore::deliberate`](crate::designation::CourseDesignationStore::deliberate). Every
/// selected application is approved but those the deliberation names.
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Conflict`] of kind `NotScreened` while an
/// application of the group awaits a stage, `NotSelected` for none selected or a named
/// application not selected, `AlreadyScreened` for a group deliberated already,
/// `DateOutOfOrder` for a deliberation before the screening or after the command's day,
/// `OutsideCall`; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_core::QualificationCode;
/// use cqnet_store::designation::{commands, CallId, Deliberation, DesignationRecord};
/// use cqnet_store::unit_of_work::{complete_now, DesignationTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: DesignationTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, call: CallId, q: &QualificationCode, d: &Deliberation) -> Result<Vec<Versioned<DesignationRecord>>, StoreError> {
///     complete_now(commands::deliberate(tx, meta, key, call, q, d))?
/// }
/// ```
pub async fn deliberate<T: DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    call: CallId,
    qualification: &QualificationCode,
    deliberation: &Deliberation,
) -> Result<Vec<Versioned<DesignationRecord>>, T::Error> {
    let command = "deliberate";
    let (_, group, print) =
        match open_group(tx, meta, key, command, (call, qualification), deliberation).await? {
            OpenedGroup::Replayed(answer) => return Ok(answer),
            OpenedGroup::Current(found, group, print) => (found, group, print),
        };
    if let Some(waiting) = group.iter().find(|r| {
        matches!(
            r.value.status,
            ApplicationStatus::Filed | ApplicationStatus::DocumentPassed
        )
    }) {
        return Err(conflict(
            ConflictKind::NotScreened,
            format!(
                "application {} awaits a screening stage",
                waiting.value.application.id
            ),
        )
        .into());
    }
    if group.iter().any(|r| r.value.deliberation.is_some()) {
        return Err(conflict(
            ConflictKind::AlreadyScreened,
            format!("call {call}, {qualification} was deliberated already"),
        )
        .into());
    }
    let selected: BTreeSet<CourseApplicationId> = group
        .iter()
        .filter(|r| r.value.status == ApplicationStatus::Selected)
        .map(|r| r.value.application.id)
        .collect();
    if selected.is_empty() {
        return Err(conflict(
            ConflictKind::NotSelected,
            format!("call {call}, {qualification} has no selected application"),
        )
        .into());
    }
    if let Some(other) = deliberation.not_approved.difference(&selected).next() {
        return Err(conflict(
            ConflictKind::NotSelected,
            format!("application {other} was not selected by the screening"),
        )
        .into());
    }
    let day = today(meta);
    let screened = group
        .iter()
        .filter_map(|r| r.value.on_site.as_ref().map(|s| s.decided_on))
        .max();
    if deliberation.held_on > day || screened.is_some_and(|s| deliberation.held_on < s) {
        return Err(out_of_order(format!(
            "a deliberation on {} (screened on {}, today is {day})",
            deliberation.held_on,
            screened.map_or("-".to_owned(), |s| s.to_string())
        ))
        .into());
    }
    let mut changed = Vec::new();
    for mut record in group {
        let id = record.value.application.id;
        if !selected.contains(&id) {
            continue;
        }
        record.value.status = if deliberation.not_approved.contains(&id) {
            ApplicationStatus::NotApproved
        } else {
            ApplicationStatus::Approved
        };
        record.value.deliberation = Some(Recorded {
            fact: deliberation.clone(),
            by: meta.actor.clone(),
            at: meta.at,
        });
        changed.push(record);
    }
    let subject = format!(
        "call {call}, {qualification}: {} of {} approved on {}",
        selected.len() - deliberation.not_approved.len(),
        selected.len(),
        deliberation.held_on
    );
    save_group(tx, meta, key, (command, &print), changed, &subject).await
}

/// An application opened for a change: the first answer kept under the key, or the record
/// and the command's fingerprint.
enum Opened {
    Replayed(Versioned<DesignationRecord>),
    Current(Versioned<DesignationRecord>, Fingerprint),
}

/// Opens application `id` for `command`, idempotent by key: its row is locked first, then the
/// key read (a concurrent retry finds the first one's commit).
async fn open_application<T: DesignationTransaction, P: Serialize + ?Sized>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    command: &str,
    id: CourseApplicationId,
    payload: &P,
) -> Result<Opened, T::Error> {
    let print = fingerprint(command, &meta.actor, &(id, payload))?;
    let current = tx.course_application(id, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        let answer = replay(key, &kept.fingerprint, &kept.answer, &print)?;
        return Ok(Opened::Replayed(answer));
    }
    let current = current.ok_or_else(|| not_found("course application", id))?;
    Ok(Opened::Current(current, print))
}

/// Writes a changed application at its next version, with the command's audit line and key.
async fn save_application<T: DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    (command, print): (&str, &Fingerprint),
    mut record: Versioned<DesignationRecord>,
    subject: &str,
) -> Result<Versioned<DesignationRecord>, T::Error> {
    record.version = record.version.next();
    tx.replace_course_application(&record.value, record.version)
        .await?;
    tx.audit(meta, command, subject).await?;
    tx.record(key, print, encode_result(&record)?).await?;
    Ok(record)
}

/// The designation of a designated (not cancelled) application, or the refusal.
fn designated(record: &DesignationRecord) -> StoreResult<CourseDesignation> {
    match record.designation {
        Some(d) if record.is_designated() => Ok(d),
        _ => Err(conflict(
            ConflictKind::NotDesignated,
            format!(
                "course application {} has no designation in force (it is {})",
                record.application.id,
                record.status.code()
            ),
        )),
    }
}

/// Designates one approved course run (과정 지정), idempotent by key: the command of
/// [`CourseDesignationStore::designate_course`](crate::designation::CourseDesignationStore::designate_course). On or after
/// the call's announcement day, the application the committee approved becomes course `course`
/// of the training records, designated from today to the training's last day, with the plan's
/// units, hours and capacity, so that the search finds it.
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::AlreadyExists`] for a course id taken;
/// [`StoreError::Conflict`] of kind `AlreadyDesignated`, `NotApproved` for an application the
/// committee has not approved, `DateOutOfOrder` before the announcement day, and the training
/// records' own (`UnitOutsideStandard`); [`StoreError::IdempotencyConflict`]; the back end's
/// failures.
///
/// # Example
/// ```
/// use cqnet_store::designation::{commands, CourseApplicationId, DesignationRecord};
/// use cqnet_store::training::CourseId;
/// use cqnet_store::unit_of_work::{complete_now, DesignationTransaction, TrainingTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: TrainingTransaction<Error = StoreError> + DesignationTransaction>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, id: CourseApplicationId, course: CourseId) -> Result<Versioned<DesignationRecord>, StoreError> {
///     complete_now(commands::designate_course(tx, meta, key, id, course))?
/// }
/// ```
pub async fn designate_course<T: TrainingTransaction + DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    application: CourseApplicationId,
    course: CourseId,
) -> Result<Versioned<DesignationRecord>, T::Error> {
    let command = "designate_course";
    let (mut current, print) =
        match open_application(tx, meta, key, command, application, &course).await? {
            Opened::Replayed(answer) => return Ok(answer),
            Opened::Current(current, print) => (current, print),
        };
    let r = &mut current.value;
    match r.status {
        ApplicationStatus::Approved => {}
        ApplicationStatus::Designated | ApplicationStatus::Cancelled { .. } => {
            return Err(conflict(
                ConflictKind::AlreadyDesignated,
                format!(
                    "course application {application} is {} already",
                    r.status.code()
                ),
            )
            .into());
        }
        other => {
            return Err(conflict(
                ConflictKind::NotApproved,
                format!(
                    "course application {application} is {}, not approved",
                    other.code()
                ),
            )
            .into());
        }
    }
    let day = today(meta);
    let call = tx
        .call(r.application.call)
        .await?
        .ok_or_else(|| not_found("designation call", r.application.call))?;
    if day < call.value.announced_on() {
        return Err(out_of_order(format!(
            "a designation on {day} before the announcement on {}",
            call.value.announced_on()
        ))
        .into());
    }
    if tx.course(course, Lock::None).await?.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "course",
            key: course.to_string(),
        }
        .into());
    }
    let a = &r.application;
    let invalid = |e: cqnet_core::InputError| {
        conflict(
            ConflictKind::PlanBelowStandard,
            format!("application {application} cannot run as a course: {e}"),
        )
    };
    let designation = Designation::new(DesignationStatus::Designated, day, a.training_end.max(day))
        .map_err(invalid)?;
    let run = Course::new(CourseSpec {
        id: course,
        institution: a.institution,
        qualification: a.qualification.clone(),
        standard_version: a.standard_version.clone(),
        track: Track::CourseBased,
        start: a.training_start,
        end: a.training_end,
        capacity: a.plan.spec().capacity,
        units: a.units().map_err(invalid)?,
        designation,
    })
    .map_err(invalid)?;
    crate::training::commands::create_course(tx, meta, &run).await?;
    r.designation = Some(CourseDesignation {
        course,
        designated_on: day,
    });
    r.status = ApplicationStatus::Designated;
    let subject =
        format!("course application {application}: designated as course {course} on {day}");
    save_application(tx, meta, key, (command, &print), current, &subject).await
}

/// Records an operation check (운영 확인, at least once a quarter, 시행령 제14조의4) of a
/// designated course with its findings, idempotent by key: the command of
/// [`CourseDesignationStore::record_operation_check`](crate::designation::CourseDesignationStore::record_operation_check).
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Conflict`] of kind `NotDesignated` for an
/// application not designated or cancelled, `DateOutOfOrder` for a check before the
/// designation or after the command's day; [`StoreError::IdempotencyConflict`]; the back end's
/// failures.
///
/// # Example
/// ```
/// use cqnet_store::designation::{commands, CourseApplicationId, DesignationRecord, OperationCheck};
/// use cqnet_store::unit_of_work::{complete_now, DesignationTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: DesignationTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, id: CourseApplicationId, c: &OperationCheck) -> Result<Versioned<DesignationRecord>, StoreError> {
///     complete_now(commands::record_operation_check(tx, meta, key, id, c))?
/// }
/// ```
pub async fn record_operation_check<T: DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    application: CourseApplicationId,
    check: &OperationCheck,
) -> Result<Versioned<DesignationRecord>, T::Error> {
    let command = "record_operation_check";
    let (mut current, print) =
        match open_application(tx, meta, key, command, application, check).await? {
            Opened::Replayed(answer) => return Ok(answer),
            Opened::Current(current, print) => (current, print),
        };
    let (r, day) = (&mut current.value, today(meta));
    let d = designated(r)?;
    if check.checked_on < d.designated_on || check.checked_on > day {
        return Err(out_of_order(format!(
            "a check on {} of a course designated on {} (today is {day})",
            check.checked_on, d.designated_on
        ))
        .into());
    }
    r.checks.push(Recorded {
        fact: check.clone(),
        by: meta.actor.clone(),
        at: meta.at,
    });
    let (year, quarter) = check.quarter();
    let subject = format!(
        "course {}: operation check of {year} Q{quarter} with {} finding(s)",
        d.course,
        check.findings.len()
    );
    save_application(tx, meta, key, (command, &print), current, &subject).await
}

/// Records a hearing (청문, 국가기술자격법 제17조) in a proceeding against a designated course,
/// idempotent by key: the command of
/// [`CourseDesignationStore::record_course_hearing`](crate::designation::CourseDesignationStore::record_course_hearing).
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Conflict`] of kind `NotDesignated`,
/// `DateOutOfOrder` for a hearing before the designation or after the command's day;
/// [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::designation::{commands, CourseApplicationId, DesignationRecord};
/// use cqnet_store::unit_of_work::{complete_now, DesignationTransaction};
/// use cqnet_store::work_study::Hearing;
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: DesignationTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, id: CourseApplicationId, h: &Hearing) -> Result<Versioned<DesignationRecord>, StoreError> {
///     complete_now(commands::record_course_hearing(tx, meta, key, id, h))?
/// }
/// ```
pub async fn record_course_hearing<T: DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    application: CourseApplicationId,
    hearing: &Hearing,
) -> Result<Versioned<DesignationRecord>, T::Error> {
    let command = "record_course_hearing";
    let (mut current, print) =
        match open_application(tx, meta, key, command, application, hearing).await? {
            Opened::Replayed(answer) => return Ok(answer),
            Opened::Current(current, print) => (current, print),
        };
    let (r, day) = (&mut current.value, today(meta));
    let d = designated(r)?;
    if hearing.held_on < d.designated_on || hearing.held_on > day {
        return Err(out_of_order(format!(
            "a hearing on {} of a course designated on {} (today is {day})",
            hearing.held_on, d.designated_on
        ))
        .into());
    }
    r.hearings.push(Recorded {
        fact: *hearing,
        by: meta.actor.clone(),
        at: meta.at,
    });
    let subject = format!("course {}: hearing on {}", d.course, hearing.held_on);
    save_application(tx, meta, key, (command, &print), current, &subject).await
}

/// Takes a measure against a designated course today (시정명령, 지정취소; 국가기술자격법
/// 제24조의5), idempotent by key: the command of
/// [`CourseDesignationStore::take_course_measure`](crate::designation::CourseDesignationStore::take_course_measure). The
/// core's sanction decision must find it lawful with the hearings recorded by today (a
/// cancellation needs one first; a mandatory ground allows only a cancellation; a course has no
/// suspension). A cancellation does what the core's [`course_designation::cancellation`]
/// decides: the course of the training records is revoked from today (no new enrollment), and
/// its trainees keep their records, flagged by the cancellation this record keeps.
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Conflict`] of kind `NotDesignated`,
/// `MeasureRefused` when the core does not allow the measure (its reason codes in the detail),
/// `NoRulesInForce`; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::designation::{commands, CourseApplicationId, CourseMeasureOrder, DesignationRecord};
/// use cqnet_store::unit_of_work::{complete_now, DesignationTransaction, TrainingTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: TrainingTransaction<Error = StoreError> + DesignationTransaction>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, id: CourseApplicationId, o: &CourseMeasureOrder) -> Result<Versioned<DesignationRecord>, StoreError> {
///     complete_now(commands::take_course_measure(tx, meta, key, id, o))?
/// }
/// ```
pub async fn take_course_measure<T: TrainingTransaction + DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    application: CourseApplicationId,
    order: &CourseMeasureOrder,
) -> Result<Versioned<DesignationRecord>, T::Error> {
    let command = "take_course_measure";
    let (mut current, print) =
        match open_application(tx, meta, key, command, application, order).await? {
            Opened::Replayed(answer) => return Ok(answer),
            Opened::Current(current, print) => (current, print),
        };
    let (r, day) = (&mut current.value, today(meta));
    let d = designated(r)?;
    let rules = rules_on(meta, day)?;
    let refused = |detail: String| conflict(ConflictKind::MeasureRefused, detail);
    let decision = r
        .measure_decision(order, day, &rules)
        .map_err(|e| refused(format!("the measure against course {}: {e}", d.course)))?;
    if !decision.lawful {
        return Err(refused(format!(
            "the measure against course {} is not allowed: {}",
            d.course,
            codes(&decision.reasons)
        ))
        .into());
    }
    if order.measure() == Measure::Cancellation {
        let effects = course_designation::cancellation(day, &rules);
        let stored = tx
            .course(d.course, Lock::ForUpdate)
            .await?
            .ok_or_else(|| not_found("course", d.course))?;
        let end = stored.value.spec().end.max(day);
        let revoked = Designation::new(
            DesignationStatus::Revoked,
            effects.enrollment_closed_from,
            end,
        )
        .map_err(|e| refused(format!("the cancellation of course {}: {e}", d.course)))?;
        let trainees = tx.enrolled_in(d.course).await?;
        tx.replace_course(
            &stored.value.clone().with_designation(revoked),
            stored.version.next(),
        )
        .await?;
        r.cancellation = Some(CancellationRecord {
            decision: effects,
            trainees,
        });
        r.status = ApplicationStatus::Cancelled { on: day };
    }
    let hearing_held_on = r.hearing_by(day);
    r.measures.push(TakenCourseMeasure {
        order: order.clone(),
        effective_on: day,
        hearing_held_on,
        mandatory_cancellation: decision.mandatory_cancellation,
        rules: decision.rules,
        by: meta.actor.clone(),
        at: meta.at,
    });
    let subject = format!("course {}: {} from {day}", d.course, order.measure());
    save_application(tx, meta, key, (command, &print), current, &subject).await
}

/// The retention call (보존기간 경과 기록 정리), idempotent by key: the command of
/// [`CourseDesignationStore::apply_retention`](crate::designation::CourseDesignationStore::apply_retention).
/// Every application is asked of the core's [`course_designation::retention`] on the command's
/// day, from the last day it shows ([`DesignationRecord::last_recorded_on`]); only one whose
/// period (법 제25조의4, 시행규칙 제46조: the pack's `designation.record_retention_years`) is
/// over is removed, each with an audit line. A record younger than that is never removed. The
/// training records of a course (its enrollments, ledgers) are not this command's.
///
/// # Errors
/// [`StoreError::Conflict`] of kind `NoRulesInForce`, `DateOutOfOrder` for a record whose
/// period ends beyond the calendar; [`StoreError::IdempotencyConflict`]; the back end's
/// failures.
///
/// # Example
/// ```
/// use cqnet_store::designation::{commands, RetentionReport};
/// use cqnet_store::unit_of_work::{complete_now, DesignationTransaction};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError};
/// fn run<T: DesignationTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey) -> Result<RetentionReport, StoreError> {
///     complete_now(commands::apply_retention(tx, meta, key))?
/// }
/// ```
pub async fn apply_retention<T: DesignationTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
) -> Result<RetentionReport, T::Error> {
    let day = today(meta);
    // The day is the payload: a retry on another day is another call.
    let print = fingerprint("apply_retention", &meta.actor, &day)?;
    let all = tx.all_course_applications(Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let rules = rules_on(meta, day)?;
    let mut report = RetentionReport::default();
    for record in all {
        let id = record.value.application.id;
        let last = record.value.last_recorded_on();
        let decision = course_designation::retention(last, day, &rules)
            .map_err(|e| out_of_order(format!("the retention of application {id}: {e}")))?;
        if decision.may_remove {
            tx.remove_course_application(id).await?;
            let subject = format!(
                "course application {id}: removed, last recorded on {last}, kept until {}",
                decision.kept_until
            );
            tx.audit(meta, "apply_retention", &subject).await?;
            report.removed.push(id);
        } else {
            report.kept.push((id, decision.kept_until));
        }
    }
    if report.removed.is_empty() {
        let subject = format!("no course application removed ({} kept)", report.kept.len());
        tx.audit(meta, "apply_retention", &subject).await?;
    }
    tx.record(key, &print, encode_result(&report)?).await?;
    Ok(report)
}
