//! The learning-work contract commands (학습근로계약), written once over the unit of work: the
//! conclusion of a contract with a designated company, and every change of it (its term, the
//! extension owed after a failed external evaluation, a termination, the pass that ends it and
//! the conversion it leaves owed, a transfer that carries the programme on at another company,
//! the permissions for night and holiday OJT, the days of its OJT and Off-JT ledger, the
//! internal evaluations of its programme's units and the completion certificate).

use chrono::NaiveDate;
use cqnet_core::RulesUsed;
use cqnet_core::programme::unit_passes;
use cqnet_core::rules::Rules;
use cqnet_core::sanction::Measure;
use cqnet_core::work_study;
use serde::{Deserialize, Serialize};

use super::external::record_external;
use super::partial::issue_partial;
use super::{codes, not_designated, out_of_order, rules_on, today};
use crate::idempotency::{encode_result, fingerprint, replay};
use crate::training::InstitutionId;
use crate::training::commands::not_found;
use crate::unit_of_work::{ExamTransaction, Lock, WorkStudyTransaction};
use crate::work_study::{
    CarryOn, CompletionCertificate, ContractId, ContractStatus, ContractTermination, Conversion,
    ConversionDuty, ExtensionClaim, ExternalResultEntry, InternalEvaluation,
    InternalEvaluationEntry, Learner, LearningContract, NewContract, OjtPermission, OwedExtension,
    PartialCertificateRequest, PassRecord, Programme, ProgrammeId, Recorded, TermChangeRequest,
    TermChanged, Terminated, TrainingDay, TrainingDayEntry, Transfer,
};
use crate::{
    CommandMeta, ConflictKind, IdempotencyKey, StoreError, StoreResult, Version, Versioned,
};

/// A change of a learning-work contract: each variant is one command of the service, with its
/// own audit line and fingerprint.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{ContractChange, PassRecord};
/// let pass = ContractChange::Pass(PassRecord { passed_on: "2027-12-10".parse().unwrap() });
/// assert_eq!(pass.command(), "record_pass");
/// let json = serde_json::to_value(&pass).unwrap();
/// assert_eq!(json["change"], "pass");
/// assert_eq!(serde_json::from_value::<ContractChange>(json).unwrap(), pass);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "change",
    content = "details",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum ContractChange {
    /// Shorten or extend the term with the learner's consent and the agency's approval.
    Term(TermChangeRequest),
    /// The extension owed after a failed external evaluation.
    OwedExtension(ExtensionClaim),
    /// A termination by the employer.
    Termination(ContractTermination),
    /// The learner passed the external evaluation: the contract ends, the conversion is owed.
    Pass(PassRecord),
    /// The company converted the learner into an open-ended employee.
    Conversion(Conversion),
    /// Carry the programme on at another designated company.
    Transfer {
        /// The company it moves to.
        to: InstitutionId,
    },
    /// A permission for night and holiday OJT.
    OjtPermission(OjtPermission),
    /// A day of OJT or Off-JT.
    TrainingDay(TrainingDayEntry),
    /// An internal evaluation (내부평가) of a unit of the company's programme.
    InternalEvaluation(InternalEvaluationEntry),
    /// The completion certificate (이수증명서) of the programme its evaluations belong to.
    CompletionCertificate,
    /// The external evaluation (외부평가) the learner sat, with its units' results.
    ExternalResult(ExternalResultEntry),
    /// The partial completion certificate (시행규칙 제8조) a learner who left early asked for.
    PartialCertificate(PartialCertificateRequest),
}

impl ContractChange {
    /// The command's name, in the audit line and the fingerprint.
    ///
    /// # Example
    /// See [`ContractChange`].
    pub fn command(&self) -> &'static str {
        match self {
            ContractChange::Term(_) => "change_contract_term",
            ContractChange::OwedExtension(_) => "extend_contract",
            ContractChange::Termination(_) => "terminate_contract",
            ContractChange::Pass(_) => "record_pass",
            ContractChange::Conversion(_) => "close_conversion",
            ContractChange::Transfer { .. } => "transfer_contract",
            ContractChange::OjtPermission(_) => "record_ojt_permission",
            ContractChange::TrainingDay(_) => "record_training_day",
            ContractChange::InternalEvaluation(_) => "record_internal_evaluation",
            ContractChange::CompletionCertificate => "issue_completion_certificate",
            ContractChange::ExternalResult(_) => "record_external_result",
            ContractChange::PartialCertificate(_) => "issue_partial_certificate",
        }
    }
}

pub(super) fn conflict(kind: ConflictKind, detail: String) -> StoreError {
    StoreError::conflict(kind, detail)
}

pub(super) fn ended(contract: &LearningContract, day: NaiveDate) -> StoreError {
    conflict(
        ConflictKind::ContractEnded,
        format!(
            "learning contract {} does not bind on {day} (it is {}, bound until {})",
            contract.contract,
            contract.status.code(),
            contract.binds_until()
        ),
    )
}

/// Concludes a learning-work contract (학습근로계약 체결), idempotent by key: the command of
/// [`WorkStudyStore::conclude_contract`](crate::work_study::WorkStudyStore::conclude_contract).
/// The company's designation must be in force on the contract's first day; the learner may not
/// be under another contract over its term; the core's
/// [`learning_contract::decide`](cqnet_core::learning_contract::decide) must allow the terms
/// (in writing, given to the learner, at most the pack's longest term unless the course leads
/// to a degree).
///
/// # Errors
/// [`StoreError::NotFound`] for a company that never applied; [`StoreError::Conflict`] of kind
/// `NotDesignated` for a company not designated on the first day, `LearnerUnderContract`,
/// `ContractRefused` (the core's reason codes in the detail), `DateOutOfOrder` for content
/// given to the learner after today, `NoRulesInForce`; [`StoreError::AlreadyExists`] for a
/// contract identifier taken; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::{complete_now, WorkStudyTransaction};
/// use cqnet_store::work_study::{commands, LearningContract, NewContract};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: WorkStudyTransaction<Error = StoreError>>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, c: &NewContract) -> Result<Versioned<LearningContract>, StoreError> {
///     complete_now(commands::conclude_contract(tx, meta, key, c))?
/// }
/// ```
pub async fn conclude_contract<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    new: &NewContract,
) -> Result<Versioned<LearningContract>, T::Error> {
    let command = "conclude_contract";
    let print = fingerprint(command, &meta.actor, new)?;
    // The learner's row first: two contracts for one learner run one after the other.
    let learner = tx.learner(&new.learner, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let company = tx
        .learning_company(new.company, Lock::None)
        .await?
        .ok_or_else(|| not_found("learning company", new.company))?;
    if tx
        .learning_contract(new.contract, Lock::None)
        .await?
        .is_some()
    {
        return Err(StoreError::AlreadyExists {
            what: "learning contract",
            key: new.contract.to_string(),
        }
        .into());
    }
    let day = today(meta);
    let starts = new.terms.starts_on;
    if !company.value.designation_in_force(starts) {
        return Err(not_designated(&company.value, starts).into());
    }
    if let Some(learner) = &learner {
        for id in &learner.value.contracts {
            let Some(other) = tx.learning_contract(*id, Lock::None).await? else {
                continue;
            };
            if other.value.binds_until() > starts && other.value.terms.starts_on < new.terms.ends_on
            {
                return Err(conflict(
                    ConflictKind::LearnerUnderContract,
                    format!(
                        "{} is under learning contract {} with company {} until {}",
                        new.learner,
                        other.value.contract,
                        other.value.company,
                        other.value.binds_until()
                    ),
                )
                .into());
            }
        }
    }
    if new
        .terms
        .given_to_learner_on
        .is_some_and(|given| given > day)
    {
        return Err(out_of_order(format!(
            "the contract of {} given to the learner after today ({day})",
            new.learner
        ))
        .into());
    }
    let decision = new.decision(&rules_on(meta, day)?).map_err(|e| {
        conflict(
            ConflictKind::ContractRefused,
            format!("{}: {e}", new.contract),
        )
    })?;
    if !decision.valid {
        return Err(conflict(
            ConflictKind::ContractRefused,
            format!(
                "learning contract {} is refused: {}",
                new.contract,
                codes(&decision.reasons)
            ),
        )
        .into());
    }
    let contract = LearningContract::concluded(new, day, &decision);
    // The learner first: the contract's row refers to theirs.
    match learner {
        Some(mut kept) => {
            kept.value.contracts.push(new.contract);
            kept.version = kept.version.next();
            tx.replace_learner(&kept.value, kept.version).await?;
        }
        None => {
            let first = Learner {
                learner: new.learner.clone(),
                contracts: vec![new.contract],
            };
            tx.insert_learner(&first).await?;
        }
    }
    tx.insert_learning_contract(&contract).await?;
    let subject = format!(
        "learning contract {} of {} with company {}",
        new.contract, new.learner, new.company
    );
    tx.audit(meta, command, &subject).await?;
    let value = Versioned {
        value: contract,
        version: Version::FIRST,
    };
    tx.record(key, &print, encode_result(&value)?).await?;
    Ok(value)
}

/// Changes a learning-work contract, idempotent by key: the command of
/// [`WorkStudyStore::change_contract`](crate::work_study::WorkStudyStore::change_contract).
/// Each change asks the core where a rule decides it:
///
/// - [`ContractChange::Term`]: `learning_contract::decide_term_change` (the learner's consent,
///   the agency's approval by today, the longest term without owed extensions);
/// - [`ContractChange::OwedExtension`]: `extension::decide` with the extensions granted so far;
/// - [`ContractChange::Termination`]: `termination::decide`; the statement of the training done
///   (법 제29조제3항) is kept with it;
/// - [`ContractChange::Pass`]: ends the contract on the pass and opens the duty to convert the
///   learner (법 제24조), which [`ContractChange::Conversion`] closes;
/// - [`ContractChange::Transfer`]: only when the company's designation is not in force today,
///   to a company whose designation is;
/// - [`ContractChange::TrainingDay`]: `learning_time::decide_session` with the permissions
///   recorded by the day and the hours the ledger counts on it; one entry a day for each
///   training, on a day the contract binds and the company's designation is in force;
/// - [`ContractChange::InternalEvaluation`]: a unit of an approved programme of the company the
///   contract binds (one programme a contract), held on a day the contract binds, on or after
///   the approval, one entry a unit a day; the unit passes by the core's `unit_passes`;
/// - [`ContractChange::CompletionCertificate`]: once, for a contract not terminated, as
///   `work_study::decide` on the programme's units and planned hours, the evaluations recorded
///   and the ledger's hours up to today (never numbers the caller gives) allows.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown contract; [`StoreError::Conflict`] of kind
/// `ContractEnded`, `ContractRefused`, `ExtensionRefused`, `TerminationRefused`,
/// `TrainingDayRefused`, `ConversionNotOpen`, `NotCarriedOn`, `NotDesignated`,
/// `LearnerOfAnotherCompany`, `UnitNotInProgramme`, `ProgrammeMismatch`, `CompletionRefused`,
/// `DateOutOfOrder`, `NoRulesInForce`; [`StoreError::NotFound`] for an unknown programme;
/// [`StoreError::AlreadyExists`] for a day, or a unit's evaluation on a day, recorded already,
/// a conversion closed already or a certificate issued already; [`StoreError::IdempotencyConflict`]; the back end's
/// failures.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::{complete_now, ExamTransaction, WorkStudyTransaction};
/// use cqnet_store::work_study::{commands, ContractChange, ContractId, LearningContract};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: WorkStudyTransaction<Error = StoreError> + ExamTransaction>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, id: ContractId, c: &ContractChange) -> Result<Versioned<LearningContract>, StoreError> {
///     complete_now(commands::change_contract(tx, meta, key, id, c))?
/// }
/// ```
pub async fn change_contract<T: WorkStudyTransaction + ExamTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    id: ContractId,
    change: &ContractChange,
) -> Result<Versioned<LearningContract>, T::Error> {
    let command = change.command();
    let print = fingerprint(command, &meta.actor, &(id, change))?;
    let current = tx.learning_contract(id, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let mut current = current.ok_or_else(|| not_found("learning contract", id))?;
    let day = today(meta);
    let subject = apply(tx, meta, &mut current.value, change, day).await?;
    current.version = current.version.next();
    tx.replace_learning_contract(&current.value, current.version)
        .await?;
    tx.audit(meta, command, &subject).await?;
    tx.record(key, &print, encode_result(&current)?).await?;
    Ok(current)
}

/// Applies one change to the contract as its rules allow, and names it for the audit line.
async fn apply<T: WorkStudyTransaction + ExamTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    c: &mut LearningContract,
    change: &ContractChange,
    day: NaiveDate,
) -> Result<String, T::Error> {
    let id = c.contract;
    match change {
        ContractChange::Term(request) => {
            binding(c, day)?;
            let decision = c
                .term_change_decision(request, day, &rules_on(meta, day)?)
                .map_err(|e| conflict(ConflictKind::ContractRefused, format!("{id}: {e}")))?;
            if !decision.valid {
                return Err(refused(ConflictKind::ContractRefused, id, &decision.reasons).into());
            }
            if request.new_end <= day {
                return Err(out_of_order(format!(
                    "a new end {} of {id} on or before today ({day})",
                    request.new_end
                ))
                .into());
            }
            let previous_end = c.ends_on;
            c.ends_on = request.new_end;
            c.term_changes.push(recorded(
                meta,
                TermChanged {
                    request: *request,
                    previous_end,
                },
            ));
            Ok(format!(
                "learning contract {id}: term to {}",
                request.new_end
            ))
        }
        ContractChange::OwedExtension(claim) => {
            if matches!(c.status, ContractStatus::Terminated { .. }) {
                return Err(ended(c, day).into());
            }
            if claim.failed_on < c.terms.starts_on || claim.failed_on > day {
                return Err(out_of_order(format!(
                    "a failure announced on {} for a contract from {} (today is {day})",
                    claim.failed_on, c.terms.starts_on
                ))
                .into());
            }
            // An extension is owed for a failure the contract records, once for each.
            if !c.unclaimed_failures().contains(&claim.failed_on) {
                return Err(conflict(
                    ConflictKind::ExtensionRefused,
                    format!(
                        "learning contract {id} records no failed external evaluation announced on {} that no extension claimed",
                        claim.failed_on
                    ),
                )
                .into());
            }
            let decision = c
                .extension_decision(claim, &rules_on(meta, day)?)
                .map_err(|e| conflict(ConflictKind::ExtensionRefused, format!("{id}: {e}")))?;
            let new_end = match decision.new_end {
                Some(end) if decision.must_extend => end,
                _ => {
                    return Err(
                        refused(ConflictKind::ExtensionRefused, id, &decision.reasons).into(),
                    );
                }
            };
            let previous_end = c.ends_on;
            c.ends_on = new_end;
            c.extensions.push(recorded(
                meta,
                OwedExtension {
                    claim: *claim,
                    previous_end,
                    new_end,
                },
            ));
            Ok(format!("learning contract {id}: extended to {new_end}"))
        }
        ContractChange::Termination(t) => {
            binding(c, t.effective_on.min(day))?;
            if t.effective_on < c.terms.starts_on || t.effective_on > c.ends_on {
                return Err(out_of_order(format!(
                    "a termination from {} of a contract from {} to {}",
                    t.effective_on, c.terms.starts_on, c.ends_on
                ))
                .into());
            }
            if let Some(last) = c.days.iter().map(|d| d.entry.session.day()).max()
                && last >= t.effective_on
            {
                return Err(out_of_order(format!(
                    "a termination from {} with training recorded on {last}",
                    t.effective_on
                ))
                .into());
            }
            let decision = LearningContract::termination_decision(t, &rules_on(meta, day)?);
            if !decision.valid {
                return Err(
                    refused(ConflictKind::TerminationRefused, id, &decision.reasons).into(),
                );
            }
            let statement = c.statement_until(t.effective_on);
            c.status = ContractStatus::Terminated { on: t.effective_on };
            c.termination = Some(recorded(
                meta,
                Terminated {
                    termination: *t,
                    rules: decision.rules,
                    statement,
                },
            ));
            Ok(format!(
                "learning contract {id}: terminated from {} ({})",
                t.effective_on, t.termination.ground
            ))
        }
        ContractChange::Pass(pass) => {
            let on = pass.passed_on;
            if on > day {
                return Err(out_of_order(format!("a pass on {on} after today ({day})")).into());
            }
            binding(c, on)?;
            if c.days.iter().any(|d| d.entry.session.day() > on) {
                return Err(out_of_order(format!(
                    "a pass on {on} with training recorded after it"
                ))
                .into());
            }
            pass_on(c, on, &rules_on(meta, day)?);
            Ok(format!("learning contract {id}: passed on {on}"))
        }
        ContractChange::Conversion(conversion) => {
            let Some(duty) = c.conversion.as_mut() else {
                return Err(conflict(
                    ConflictKind::ConversionNotOpen,
                    format!("learning contract {id} owes no conversion"),
                )
                .into());
            };
            if duty.closed.is_some() {
                return Err(StoreError::AlreadyExists {
                    what: "conversion",
                    key: id.to_string(),
                }
                .into());
            }
            if conversion.converted_on < duty.since || conversion.converted_on > day {
                return Err(out_of_order(format!(
                    "a conversion on {} of a learner who passed on {} (today is {day})",
                    conversion.converted_on, duty.since
                ))
                .into());
            }
            duty.closed = Some(recorded(meta, *conversion));
            Ok(format!(
                "learning contract {id}: converted on {}",
                conversion.converted_on
            ))
        }
        ContractChange::Transfer { to } => {
            binding(c, day)?;
            let from = c.company;
            let here = tx
                .learning_company(from, Lock::None)
                .await?
                .ok_or_else(|| not_found("learning company", from))?;
            if here.value.designation_in_force(day) {
                return Err(conflict(
                    ConflictKind::NotCarriedOn,
                    format!(
                        "learning company {from} of contract {id} is designated on {day}: nothing is carried on"
                    ),
                )
                .into());
            }
            let there = tx
                .learning_company(*to, Lock::None)
                .await?
                .ok_or_else(|| not_found("learning company", *to))?;
            if *to == from || !there.value.designation_in_force(day) {
                return Err(not_designated(&there.value, day).into());
            }
            c.company = *to;
            c.carry_on = None;
            c.transfers.push(recorded(
                meta,
                Transfer {
                    from,
                    to: *to,
                    on: day,
                },
            ));
            Ok(format!("learning contract {id}: moved from {from} to {to}"))
        }
        ContractChange::OjtPermission(p) => {
            binding(c, day)?;
            if p.granted_on > day {
                return Err(out_of_order(format!(
                    "a permission given on {} after today ({day})",
                    p.granted_on
                ))
                .into());
            }
            c.permissions.push(recorded(meta, *p));
            Ok(format!(
                "learning contract {id}: {:?} from {}",
                p.kind, p.granted_on
            ))
        }
        ContractChange::TrainingDay(entry) => {
            record_day(tx, meta, c, entry, day).await?;
            Ok(format!(
                "learning contract {id}: {} on {}",
                entry.session.kind(),
                entry.session.day()
            ))
        }
        ContractChange::InternalEvaluation(entry) => {
            record_evaluation(tx, meta, c, entry, day).await?;
            Ok(format!(
                "learning contract {id}: internal evaluation of {} on {}",
                entry.unit, entry.evaluated_on
            ))
        }
        ContractChange::CompletionCertificate => {
            let programme = issue_certificate(tx, meta, c, day).await?;
            Ok(format!(
                "learning contract {id}: completion certificate of programme {programme} on {day}"
            ))
        }
        ContractChange::ExternalResult(entry) => {
            let passed = record_external(tx, meta, c, entry, day).await?;
            let outcome = if passed { "passed" } else { "failed" };
            Ok(format!(
                "learning contract {id}: external evaluation of round {} {outcome}",
                entry.round
            ))
        }
        ContractChange::PartialCertificate(request) => {
            issue_partial(meta, c, request, day)?;
            Ok(format!(
                "learning contract {id}: partial completion certificate on {day}"
            ))
        }
    }
}

/// The programme `id` for contract `c`: approved, and of the company the contract binds now.
pub(super) async fn programme_of<T: WorkStudyTransaction>(
    tx: &mut T,
    c: &LearningContract,
    id: ProgrammeId,
) -> Result<Programme, T::Error> {
    let programme = tx
        .programme(id, Lock::None)
        .await?
        .ok_or_else(|| not_found("programme", id))?;
    if programme.value.company != c.company {
        return Err(conflict(
            ConflictKind::LearnerOfAnotherCompany,
            format!(
                "{} of learning contract {} is a learner of company {}, not of company {} whose programme {id} is",
                c.learner, c.contract, c.company, programme.value.company
            ),
        )
        .into());
    }
    Ok(programme.value)
}

/// Appends an internal evaluation of a unit of the company's programme, held on a day the
/// contract binds, on or after the programme's approval; whether the unit passed is the
/// core's [`unit_passes`](cqnet_core::programme::unit_passes) on the pack of that day.
async fn record_evaluation<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    c: &mut LearningContract,
    entry: &InternalEvaluationEntry,
    day: NaiveDate,
) -> Result<(), T::Error> {
    let on = entry.evaluated_on;
    if on > day {
        return Err(out_of_order(format!("an evaluation on {on} after today ({day})")).into());
    }
    if !c.in_force(on) {
        return Err(ended(c, on).into());
    }
    if let Some(earlier) = c.programme
        && earlier != entry.programme
    {
        return Err(conflict(
            ConflictKind::ProgrammeMismatch,
            format!(
                "learning contract {} is evaluated in programme {earlier}, not {}",
                c.contract, entry.programme
            ),
        )
        .into());
    }
    let programme = programme_of(tx, c, entry.programme).await?;
    if on < programme.approved_on {
        return Err(out_of_order(format!(
            "an evaluation on {on} of programme {} approved on {}",
            programme.programme, programme.approved_on
        ))
        .into());
    }
    if programme.plan.unit(&entry.unit).is_none() {
        return Err(conflict(
            ConflictKind::UnitNotInProgramme,
            format!(
                "unit {} is not in programme {}",
                entry.unit, programme.programme
            ),
        )
        .into());
    }
    if c.evaluations
        .iter()
        .any(|e| e.entry.unit == entry.unit && e.entry.evaluated_on == on)
    {
        return Err(StoreError::AlreadyExists {
            what: "internal evaluation",
            key: format!("{} {} {on}", c.contract, entry.unit),
        }
        .into());
    }
    let rules = rules_on(meta, on)?;
    c.programme = Some(entry.programme);
    c.evaluations.push(InternalEvaluation {
        entry: entry.clone(),
        passed: unit_passes(entry.score, &rules),
        rules: RulesUsed::from(&rules),
        by: meta.actor.clone(),
        at: meta.at,
    });
    Ok(())
}

/// Issues the completion certificate of the contract's programme on `day`, as the core's
/// decision on its evaluations and ledger allows; answers the programme.
async fn issue_certificate<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    c: &mut LearningContract,
    day: NaiveDate,
) -> Result<ProgrammeId, T::Error> {
    if c.completion.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "completion certificate",
            key: c.contract.to_string(),
        }
        .into());
    }
    if matches!(c.status, ContractStatus::Terminated { .. }) {
        return Err(ended(c, day).into());
    }
    let id = c.programme.ok_or_else(|| {
        conflict(
            ConflictKind::CompletionRefused,
            format!(
                "learning contract {} has no internal evaluation recorded",
                c.contract
            ),
        )
    })?;
    let programme = programme_of(tx, c, id).await?;
    let rules = rules_on(meta, day)?;
    let refused = |detail: String| conflict(ConflictKind::CompletionRefused, detail);
    let record = c
        .completion_record(&programme, day, &rules)
        .map_err(|e| refused(format!("{}: {e}", c.contract)))?;
    let decision = work_study::decide(&record, &rules);
    if !decision.completion_certificate {
        return Err(refused(format!(
            "the completion certificate of learning contract {} is refused: {}",
            c.contract,
            codes(&decision.reasons)
        ))
        .into());
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let units = record.internal_units();
    c.completion = Some(CompletionCertificate {
        programme: id,
        issued_on: day,
        ojt: record.ojt(),
        off_jt: record.off_jt(),
        units_passed: count(units.iter().filter(|u| u.passed).count()),
        units: count(units.len()),
        rules: decision.rules,
        by: meta.actor.clone(),
        at: meta.at,
    });
    Ok(id)
}

fn recorded<F>(meta: &CommandMeta, fact: F) -> Recorded<F> {
    Recorded {
        fact,
        by: meta.actor.clone(),
        at: meta.at,
    }
}

/// Ends the contract on the pass's day and opens the duty to convert the learner (법 제24조)
/// where the pack says so.
pub(super) fn pass_on(c: &mut LearningContract, on: NaiveDate, rules: &Rules) {
    c.status = ContractStatus::Passed { on };
    let duty = &rules.learning_contract.conversion_after_pass;
    if duty.value {
        c.conversion = Some(ConversionDuty {
            since: on,
            basis: duty.basis.clone(),
            closed: None,
        });
    }
}

pub(super) fn binding(c: &LearningContract, day: NaiveDate) -> StoreResult<()> {
    if c.in_force(day) || (day < c.terms.starts_on && c.status == ContractStatus::Active) {
        Ok(())
    } else {
        Err(ended(c, day))
    }
}

pub(super) fn refused(
    kind: ConflictKind,
    id: ContractId,
    reasons: &[cqnet_core::Reason],
) -> StoreError {
    conflict(
        kind,
        format!(
            "the change of learning contract {id} is refused: {}",
            codes(reasons)
        ),
    )
}

/// Appends a day of OJT or Off-JT the core allows.
async fn record_day<T: WorkStudyTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    c: &mut LearningContract,
    entry: &TrainingDayEntry,
    day: NaiveDate,
) -> Result<(), T::Error> {
    let (on, kind) = (entry.session.day(), entry.session.kind());
    if on > day {
        return Err(out_of_order(format!("training on {on} after today ({day})")).into());
    }
    if !c.in_force(on) {
        return Err(ended(c, on).into());
    }
    if c.days
        .iter()
        .any(|d| d.entry.session.day() == on && d.entry.session.kind() == kind)
    {
        return Err(StoreError::AlreadyExists {
            what: "training day",
            key: format!("{} {on} {kind}", c.contract),
        }
        .into());
    }
    let company = tx
        .learning_company(c.company, Lock::None)
        .await?
        .ok_or_else(|| not_found("learning company", c.company))?;
    if !company.value.designation_in_force(on) {
        return Err(not_designated(&company.value, on).into());
    }
    let decision = c.session_decision(entry, &rules_on(meta, on)?);
    if !decision.allowed {
        return Err(refused(
            ConflictKind::TrainingDayRefused,
            c.contract,
            &decision.reasons,
        )
        .into());
    }
    c.days.push(TrainingDay {
        entry: *entry,
        counted_hours: decision.counted_hours,
        night: decision.night,
        holiday: decision.holiday,
        rules: decision.rules,
        by: meta.actor.clone(),
        at: meta.at,
    });
    Ok(())
}

/// Marks the contracts of a company whose designation a measure cancelled or suspended from
/// `day`: each one binding on or after it is to be carried on at another company (법
/// 제14조제2항); nothing else of it changes, and it stays with the company until transferred.
pub(super) async fn carry_on_contracts<T: WorkStudyTransaction>(
    tx: &mut T,
    company: InstitutionId,
    measure: Measure,
    day: NaiveDate,
) -> Result<usize, T::Error> {
    let mut marked = 0;
    for mut contract in tx.learning_contracts_of(company, Lock::ForUpdate).await? {
        if contract.value.binds_until() <= day {
            continue;
        }
        contract.value.carry_on = Some(CarryOn {
            since: day,
            measure,
        });
        contract.version = contract.version.next();
        tx.replace_learning_contract(&contract.value, contract.version)
            .await?;
        marked += 1;
    }
    Ok(marked)
}
