//! The work-study commands, written once over the [unit of work](crate::unit_of_work): a
//! company's application, the on-site review (현장실사), the designation the core decides
//! (학습기업 지정), hearings (청문) and measures (시정명령, 지정취소, 지정의 효력 정지), and the
//! company field teachers (기업현장교사) with their training. Every back end runs them inside
//! one of its transactions; each is idempotent by key and writes its audit line.
//!
//! Every day a command records as "today" (the filing, the decision, a measure taking effect,
//! a teacher's registration) is the Korean day of the command's instant; the rules are those
//! of the command's pack in force on that day.
//!
//! The learning-work contracts (학습근로계약) of the company's learning workers (학습근로자),
//! their term, end and ledgers of OJT and Off-JT days are [`conclude_contract`] and
//! [`change_contract`]; the company's work-study programmes (일학습병행과정) are
//! [`approve_programme`], and a learner's internal evaluations (내부평가) of a programme's units
//! and their completion certificate (이수증명서) are changes of their contract.
//!
//! # Learners of a cancelled or suspended company
//!
//! A cancellation or a suspension only changes the company's status and appends the measure
//! ([`take_measure`]): the record keeps its application, reviews, decisions, hearings and
//! measures, its field teachers keep theirs, and the SQL schemas refuse to delete either. In
//! the same transaction every contract of the company that still binds is marked to be carried
//! on elsewhere ([`CarryOn`](crate::work_study::CarryOn), 일학습병행법 제14조제2항); the
//! contract keeps its whole record, ledger included, and moves with it when the agency
//! transfers it to another designated company ([`ContractChange::Transfer`]).
//!
//! # Example
//! ```
//! use cqnet_store::work_study::commands;
//! use cqnet_store::work_study::{CompanyApplication, LearningCompany};
//! use cqnet_store::unit_of_work::{complete_now, TrainingTransaction, WorkStudyTransaction};
//! use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
//! fn run<T: TrainingTransaction<Error = StoreError> + WorkStudyTransaction>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, a: &CompanyApplication) -> Result<Versioned<LearningCompany>, StoreError> {
//!     complete_now(commands::apply_for_designation(tx, meta, key, a))?
//! }
//! ```

use chrono::NaiveDate;
use cqnet_core::access::PartyId;
use cqnet_core::learning_company::{self, LearningCompanyApplication};
use cqnet_core::rules::Rules;
use cqnet_core::sanction::Measure;
use cqnet_core::window::korean_date;
use cqnet_core::{Reason, field_teacher};
use serde::Serialize;

use crate::idempotency::{Fingerprint, encode_result, fingerprint, replay};
use crate::training::InstitutionId;
use crate::training::InstitutionKind;
use crate::training::commands::not_found;
use crate::unit_of_work::{Lock, TrainingTransaction, WorkStudyTransaction};
use crate::work_study::records::suspension_end;
use crate::work_study::{
    CompanyApplication, CompanyStatus, DesignationDecision, FieldTeacher, Hearing, LearningCompany,
    MeasureOrder, NewFieldTeacher, Recorded, SiteReview, TakenMeasure, TeacherTraining,
};
use crate::{
    CommandMeta, ConflictKind, IdempotencyKey, StoreError, StoreResult, Version, Versioned,
};

mod external;
mod learners;
mod partial;
mod programmes;

pub use learners::{ContractChange, change_contract, conclude_contract};
pub use programmes::approve_programme;

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

fn out_of_order(detail: String) -> StoreError {
    StoreError::conflict(ConflictKind::DateOutOfOrder, detail)
}

/// The reason codes of a refusal, for a person to read.
fn codes(reasons: &[Reason]) -> String {
    let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
    codes.join(", ")
}

fn not_designated(company: &LearningCompany, day: NaiveDate) -> StoreError {
    StoreError::conflict(
        ConflictKind::NotDesignated,
        format!(
            "learning company {} has no designation in force on {day} (it is {})",
            company.company,
            company.status.code()
        ),
    )
}

/// A company's application for designation (학습기업 지정 신청), idempotent by key: the command
/// of [`WorkStudyStore::apply_for_designation`](crate::work_study::WorkStudyStore::apply_for_designation).
/// The company must be an institution of kind `Company`, and its facts must describe a real
/// situation on the day it files (no accident disclosure after it).
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown institution; [`StoreError::Conflict`] of kind
/// `NotACompany` for a training institution, `DateOutOfOrder` for a disclosure after the filing
/// day; [`StoreError::AlreadyExists`] for a company that applied already;
/// [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// See [the module](self).
pub async fn apply_for_designation<T: TrainingTransaction + WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    application: &CompanyApplication,
) -> Result<Versioned<LearningCompany>, T::Error> {
    let print = fingerprint("apply_for_designation", &meta.actor, application)?;
    let id = application.company;
    let existing = tx.learning_company(id, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let institution = tx
        .institution(id)
        .await?
        .ok_or_else(|| not_found("institution", id))?;
    if institution.value.kind() != InstitutionKind::Company {
        return Err(StoreError::conflict(
            ConflictKind::NotACompany,
            format!("institution {id} is a training institution, not a company"),
        )
        .into());
    }
    if existing.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "learning company",
            key: id.to_string(),
        }
        .into());
    }
    let filed_on = today(meta);
    LearningCompanyApplication::new(application.facts.on(filed_on, false))
        .map_err(|e| out_of_order(format!("the application of {id}: {e}")))?;
    let company = LearningCompany::applied(application, filed_on);
    tx.insert_learning_company(&company).await?;
    tx.audit(
        meta,
        "apply_for_designation",
        &format!("learning company {id}"),
    )
    .await?;
    let value = Versioned {
        value: company,
        version: Version::FIRST,
    };
    tx.record(key, &print, encode_result(&value)?).await?;
    Ok(value)
}

/// A stored company opened for a change: the first answer kept under the key, or the record
/// and the command's fingerprint.
enum Opened {
    Replayed(Versioned<LearningCompany>),
    Current(Versioned<LearningCompany>, Fingerprint),
}

/// Opens `id` for `command`, idempotent by key: the company's row is locked first, then the key
/// read (a concurrent retry finds the first one's commit).
async fn open_company<T: WorkStudyTransaction, P: Serialize + ?Sized>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    command: &str,
    id: InstitutionId,
    payload: &P,
) -> Result<Opened, T::Error> {
    let print = fingerprint(command, &meta.actor, &(id, payload))?;
    let current = tx.learning_company(id, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        let answer = replay(key, &kept.fingerprint, &kept.answer, &print)?;
        return Ok(Opened::Replayed(answer));
    }
    let current = current.ok_or_else(|| not_found("learning company", id))?;
    Ok(Opened::Current(current, print))
}

/// Writes a changed company at its next version, with the command's audit line and its key.
async fn save_company<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    command: &str,
    print: &Fingerprint,
    mut company: Versioned<LearningCompany>,
    subject: &str,
) -> Result<Versioned<LearningCompany>, T::Error> {
    company.version = company.version.next();
    tx.replace_learning_company(&company.value, company.version)
        .await?;
    tx.audit(meta, command, subject).await?;
    tx.record(key, print, encode_result(&company)?).await?;
    Ok(company)
}

/// Refuses a review or decision of a company that is past its decision.
fn check_awaits_decision(company: &LearningCompany) -> StoreResult<()> {
    if company.awaits_decision() {
        return Ok(());
    }
    Err(StoreError::conflict(
        ConflictKind::AlreadyDesignated,
        format!(
            "learning company {} is {} already",
            company.company,
            company.status.code()
        ),
    ))
}

/// The day of a designated (possibly suspended) company's designation, or the refusal of a
/// company never designated or cancelled.
fn designated_on(company: &LearningCompany, day: NaiveDate) -> StoreResult<NaiveDate> {
    match company.designated_on {
        Some(on) if company.is_designated() => Ok(on),
        _ => Err(not_designated(company, day)),
    }
}

/// Records the agency's on-site review (현장실사) of an applicant, idempotent by key: the
/// command of [`WorkStudyStore::record_site_review`](crate::work_study::WorkStudyStore::record_site_review).
/// A later review of a refused company is appended; the latest counts.
///
/// # Errors
/// [`StoreError::NotFound`] for a company that never applied; [`StoreError::Conflict`] of kind
/// `AlreadyDesignated` for a company designated (or cancelled) already, `DateOutOfOrder` for a
/// review before the application or after the command's day;
/// [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::unit_of_work::{complete_now, WorkStudyTransaction};
/// use cqnet_store::work_study::{commands, LearningCompany, SiteReview};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: WorkStudyTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId, r: &SiteReview) -> Result<Versioned<LearningCompany>, StoreError> {
///     complete_now(commands::record_site_review(tx, meta, key, id, r))?
/// }
/// ```
pub async fn record_site_review<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    company: InstitutionId,
    review: &SiteReview,
) -> Result<Versioned<LearningCompany>, T::Error> {
    let command = "record_site_review";
    let (mut current, print) = match open_company(tx, meta, key, command, company, review).await? {
        Opened::Replayed(answer) => return Ok(answer),
        Opened::Current(current, print) => (current, print),
    };
    let (c, day) = (&mut current.value, today(meta));
    check_awaits_decision(c)?;
    if review.reviewed_on < c.filed_on || review.reviewed_on > day {
        return Err(out_of_order(format!(
            "a review on {} of a company that applied on {} (today is {day})",
            review.reviewed_on, c.filed_on
        ))
        .into());
    }
    c.site_reviews.push(Recorded {
        fact: *review,
        by: meta.actor.clone(),
        at: meta.at,
    });
    let subject = format!(
        "learning company {company} reviewed on {}",
        review.reviewed_on
    );
    save_company(tx, meta, key, command, &print, current, &subject).await
}

/// Decides an applicant's designation (학습기업 지정), idempotent by key: the command of
/// [`WorkStudyStore::designate`](crate::work_study::WorkStudyStore::designate). The core's
/// [`learning_company::decide`] reads the facts filed and the latest on-site review, on the
/// command's day; its decision is recorded with its reasons, and the company is designated
/// only when it meets every requirement (otherwise it is refused, 지정 거부, and may be reviewed
/// and decided again). Without a recorded review nothing is decided.
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Conflict`] of kind `SiteReviewMissing` without a
/// review, `AlreadyDesignated` for a company designated (or cancelled) already,
/// `DateOutOfOrder` for a decision before the review, `NoRulesInForce`;
/// [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::unit_of_work::{complete_now, WorkStudyTransaction};
/// use cqnet_store::work_study::{commands, LearningCompany};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: WorkStudyTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId) -> Result<Versioned<LearningCompany>, StoreError> {
///     complete_now(commands::designate(tx, meta, key, id))?
/// }
/// ```
pub async fn designate<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    company: InstitutionId,
) -> Result<Versioned<LearningCompany>, T::Error> {
    let command = "designate";
    let (mut current, print) = match open_company(tx, meta, key, command, company, &()).await? {
        Opened::Replayed(answer) => return Ok(answer),
        Opened::Current(current, print) => (current, print),
    };
    let (c, day) = (&mut current.value, today(meta));
    check_awaits_decision(c)?;
    let review = c.latest_review().map(|r| r.fact).ok_or_else(|| {
        StoreError::conflict(
            ConflictKind::SiteReviewMissing,
            format!("learning company {company} has no on-site review (현장실사) recorded"),
        )
    })?;
    if day < review.reviewed_on {
        return Err(out_of_order(format!(
            "a decision on {day} before the review on {}",
            review.reviewed_on
        ))
        .into());
    }
    let application = LearningCompanyApplication::new(c.facts.on(day, review.facilities_confirmed))
        .map_err(|e| out_of_order(format!("the application of {company}: {e}")))?;
    let decision = learning_company::decide(&application, &rules_on(meta, day)?);
    let outcome = if decision.meets_requirements {
        c.status = CompanyStatus::Designated;
        c.designated_on = Some(day);
        "designated".to_owned()
    } else {
        c.status = CompanyStatus::Refused;
        format!("refused ({})", codes(&decision.reasons))
    };
    c.decisions.push(DesignationDecision::of(day, &decision));
    let subject = format!("learning company {company}: {outcome}");
    save_company(tx, meta, key, command, &print, current, &subject).await
}

/// Records a hearing (청문) in a proceeding against a designated company, idempotent by key:
/// the command of [`WorkStudyStore::record_hearing`](crate::work_study::WorkStudyStore::record_hearing).
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Conflict`] of kind `NotDesignated` for a company
/// never designated or cancelled, `DateOutOfOrder` for a hearing before the designation or
/// after the command's day; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::unit_of_work::{complete_now, WorkStudyTransaction};
/// use cqnet_store::work_study::{commands, Hearing, LearningCompany};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: WorkStudyTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId, h: &Hearing) -> Result<Versioned<LearningCompany>, StoreError> {
///     complete_now(commands::record_hearing(tx, meta, key, id, h))?
/// }
/// ```
pub async fn record_hearing<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    company: InstitutionId,
    hearing: &Hearing,
) -> Result<Versioned<LearningCompany>, T::Error> {
    let command = "record_hearing";
    let (mut current, print) = match open_company(tx, meta, key, command, company, hearing).await? {
        Opened::Replayed(answer) => return Ok(answer),
        Opened::Current(current, print) => (current, print),
    };
    let (c, day) = (&mut current.value, today(meta));
    let designated = designated_on(c, day)?;
    if hearing.held_on < designated || hearing.held_on > day {
        return Err(out_of_order(format!(
            "a hearing on {} of a company designated on {designated} (today is {day})",
            hearing.held_on
        ))
        .into());
    }
    c.hearings.push(Recorded {
        fact: *hearing,
        by: meta.actor.clone(),
        at: meta.at,
    });
    let subject = format!("learning company {company}: hearing on {}", hearing.held_on);
    save_company(tx, meta, key, command, &print, current, &subject).await
}

/// Takes a measure against a designated company (시정명령, 지정취소, 지정의 효력 정지) on the
/// command's day, idempotent by key: the command of
/// [`WorkStudyStore::take_measure`](crate::work_study::WorkStudyStore::take_measure). The core's
/// [`sanction::decide`](cqnet_core::sanction::decide) must find it lawful with the hearings
/// recorded by then (a cancellation needs one first, a suspension lasts at most the pack's
/// longest, a mandatory ground allows only a cancellation). A cancellation or a suspension
/// changes the status and appends the measure; nothing recorded is removed (see [the
/// module](self) on the company's learners).
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::Conflict`] of kind `NotDesignated` for a company
/// never designated or cancelled already, `MeasureRefused` when the core does not allow the
/// measure (its reason codes in the detail), `NoRulesInForce`, `DateOutOfOrder` for a measure
/// before the designation; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::unit_of_work::{complete_now, WorkStudyTransaction};
/// use cqnet_store::work_study::{commands, LearningCompany, MeasureOrder};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: WorkStudyTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, id: InstitutionId, o: &MeasureOrder) -> Result<Versioned<LearningCompany>, StoreError> {
///     complete_now(commands::take_measure(tx, meta, key, id, o))?
/// }
/// ```
pub async fn take_measure<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    company: InstitutionId,
    order: &MeasureOrder,
) -> Result<Versioned<LearningCompany>, T::Error> {
    let command = "take_measure";
    let (mut current, print) = match open_company(tx, meta, key, command, company, order).await? {
        Opened::Replayed(answer) => return Ok(answer),
        Opened::Current(current, print) => (current, print),
    };
    let (c, day) = (&mut current.value, today(meta));
    let designated = designated_on(c, day)?;
    if day < designated {
        return Err(out_of_order(format!(
            "a measure on {day} before the designation on {designated}"
        ))
        .into());
    }
    let refused = |detail: String| StoreError::conflict(ConflictKind::MeasureRefused, detail);
    let decision = c
        .measure_decision(order, day, &rules_on(meta, day)?)
        .map_err(|e| refused(format!("the measure against {company}: {e}")))?;
    if !decision.lawful {
        return Err(refused(format!(
            "the measure against learning company {company} is not allowed: {}",
            codes(&decision.reasons)
        ))
        .into());
    }
    let until = match (order.measure(), order.months()) {
        (Measure::Suspension, Some(months)) => Some(
            suspension_end(day, months)
                .map_err(|e| out_of_order(format!("the suspension of {company}: {e}")))?,
        ),
        _ => None,
    };
    let hearing_held_on = c.hearing_by(day);
    c.apply_measure(TakenMeasure {
        order: order.clone(),
        effective_on: day,
        until,
        hearing_held_on,
        mandatory_cancellation: decision.mandatory_cancellation,
        rules: decision.rules,
        by: meta.actor.clone(),
        at: meta.at,
    })
    .map_err(|e| refused(format!("the measure against {company}: {e}")))?;
    let mut subject = format!("learning company {company}: {} from {day}", order.measure());
    if matches!(order.measure(), Measure::Cancellation | Measure::Suspension) {
        let marked = learners::carry_on_contracts(tx, company, order.measure(), day).await?;
        subject.push_str(&format!("; {marked} learning contracts to be carried on"));
    }
    save_company(tx, meta, key, command, &print, current, &subject).await
}

/// Registers a company field teacher (기업현장교사) for a learning company whose designation is
/// in force on the command's day, idempotent by key: the command of
/// [`WorkStudyStore::register_field_teacher`](crate::work_study::WorkStudyStore::register_field_teacher).
/// The core's [`field_teacher::decide`] must find a route that qualifies them; the routes are
/// recorded. A teacher belongs to one company.
///
/// # Errors
/// [`StoreError::NotFound`] for a company that never applied; [`StoreError::Conflict`] of kind
/// `TeacherOfAnotherCompany` for a teacher registered with another company,
/// `NotDesignated` for a company whose designation is not in force, `TeacherNotQualified` when
/// no route qualifies them (the core's reason in the detail), `NoRulesInForce`;
/// [`StoreError::AlreadyExists`] for a teacher registered with this company already;
/// [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::{complete_now, WorkStudyTransaction};
/// use cqnet_store::work_study::{commands, FieldTeacher, NewFieldTeacher};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: WorkStudyTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, t: &NewFieldTeacher) -> Result<Versioned<FieldTeacher>, StoreError> {
///     complete_now(commands::register_field_teacher(tx, meta, key, t))?
/// }
/// ```
pub async fn register_field_teacher<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    new: &NewFieldTeacher,
) -> Result<Versioned<FieldTeacher>, T::Error> {
    let print = fingerprint("register_field_teacher", &meta.actor, new)?;
    let company = tx.learning_company(new.company, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let company = company.ok_or_else(|| not_found("learning company", new.company))?;
    if let Some(existing) = tx.field_teacher(&new.teacher, Lock::ForUpdate).await? {
        if existing.value.company != new.company {
            return Err(another_company(&new.teacher, existing.value.company, new.company).into());
        }
        return Err(StoreError::AlreadyExists {
            what: "field teacher",
            key: new.teacher.to_string(),
        }
        .into());
    }
    let day = today(meta);
    if !company.value.designation_in_force(day) {
        return Err(not_designated(&company.value, day).into());
    }
    let decision = field_teacher::decide(&new.candidate, &rules_on(meta, day)?);
    if !decision.qualified {
        return Err(StoreError::conflict(
            ConflictKind::TeacherNotQualified,
            format!(
                "{} is not qualified as a field teacher: {}",
                new.teacher,
                codes(&decision.reasons)
            ),
        )
        .into());
    }
    let teacher = FieldTeacher {
        teacher: new.teacher.clone(),
        company: new.company,
        registered_on: day,
        candidate: new.candidate,
        routes: decision.routes,
        rules: decision.rules,
        training: None,
    };
    tx.insert_field_teacher(&teacher).await?;
    let subject = format!(
        "field teacher {} of learning company {}",
        new.teacher, new.company
    );
    tx.audit(meta, "register_field_teacher", &subject).await?;
    let value = Versioned {
        value: teacher,
        version: Version::FIRST,
    };
    tx.record(key, &print, encode_result(&value)?).await?;
    Ok(value)
}

fn another_company(teacher: &PartyId, theirs: InstitutionId, named: InstitutionId) -> StoreError {
    StoreError::conflict(
        ConflictKind::TeacherOfAnotherCompany,
        format!("field teacher {teacher} belongs to learning company {theirs}, not {named}"),
    )
}

/// Records a company field teacher's mandatory training (시행령 제9조제2항), idempotent by key:
/// the command of [`WorkStudyStore::record_teacher_training`](crate::work_study::WorkStudyStore::record_teacher_training).
/// `company` is the company the caller acts for: it must be the teacher's own.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown teacher; [`StoreError::Conflict`] of kind
/// `TeacherOfAnotherCompany` when `company` is not theirs, `DateOutOfOrder` for a training
/// completed after the command's day; [`StoreError::AlreadyExists`] for a training recorded
/// already; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_core::access::PartyId;
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::unit_of_work::{complete_now, WorkStudyTransaction};
/// use cqnet_store::work_study::{commands, FieldTeacher, TeacherTraining};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: WorkStudyTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, who: &PartyId, company: InstitutionId, t: &TeacherTraining) -> Result<Versioned<FieldTeacher>, StoreError> {
///     complete_now(commands::record_teacher_training(tx, meta, key, who, company, t))?
/// }
/// ```
pub async fn record_teacher_training<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    teacher: &PartyId,
    company: InstitutionId,
    training: &TeacherTraining,
) -> Result<Versioned<FieldTeacher>, T::Error> {
    let print = fingerprint(
        "record_teacher_training",
        &meta.actor,
        &(teacher, company, training),
    )?;
    let current = tx.field_teacher(teacher, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let mut current = current.ok_or_else(|| not_found("field teacher", teacher))?;
    if current.value.company != company {
        return Err(another_company(teacher, current.value.company, company).into());
    }
    if current.value.training.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "field teacher training",
            key: teacher.to_string(),
        }
        .into());
    }
    let day = today(meta);
    if training.completed_on > day {
        return Err(out_of_order(format!(
            "a training completed on {} is after today ({day})",
            training.completed_on
        ))
        .into());
    }
    current.value.training = Some(Recorded {
        fact: *training,
        by: meta.actor.clone(),
        at: meta.at,
    });
    current.version = current.version.next();
    tx.replace_field_teacher(&current.value, current.version)
        .await?;
    let subject = format!(
        "field teacher {teacher} trained on {}",
        training.completed_on
    );
    tx.audit(meta, "record_teacher_training", &subject).await?;
    tx.record(key, &print, encode_result(&current)?).await?;
    Ok(current)
}
