//! The programme command (일학습병행과정 인정), written once over the unit of work: the agency
//! approves a learning company's programme against its occupation's training standard
//! (교육훈련기준) as the core's `programme` decision allows, for a company whose designation is
//! in force.
//!
//! A learner's internal evaluations (내부평가) of the programme's units and the completion
//! certificate (이수증명서) are changes of their contract
//! ([`ContractChange::InternalEvaluation`](super::ContractChange::InternalEvaluation),
//! [`ContractChange::CompletionCertificate`](super::ContractChange::CompletionCertificate)).

use super::{codes, not_designated, rules_on, today};
use crate::idempotency::{encode_result, fingerprint, replay};
use crate::training::commands::not_found;
use crate::unit_of_work::{Lock, TrainingTransaction, WorkStudyTransaction};
use crate::work_study::{NewProgramme, Programme, check_work_study_qualification};
use crate::{CommandMeta, ConflictKind, IdempotencyKey, StoreError, Version, Versioned};

/// Approves a work-study programme (일학습병행과정 인정) on the command's day, idempotent by
/// key: the command of
/// [`WorkStudyStore::approve_programme`](crate::work_study::WorkStudyStore::approve_programme).
/// The company's designation must be in force on the day (a company never designated, refused,
/// suspended or cancelled is refused); the core's
/// [`programme::decide`](cqnet_core::programme::decide) must find the programme at its
/// training standard (every mandatory unit, no unit outside it, each unit's OJT and Off-JT
/// hours, the internal evaluation's method, procedure and timing, the length within the
/// pack's). A qualification it names must be in the catalog, of the work-study track and
/// named `{직종}_L{n}` ([`WorkStudyQualificationName`](cqnet_core::WorkStudyQualificationName)). The company's row is locked first, so
/// that a measure and an approval for one company run one after the other.
///
/// # Errors
/// [`StoreError::NotFound`] for a company that never applied or a qualification not in the
/// catalog; [`StoreError::Conflict`] of kind `NotDesignated` for a company whose designation
/// is not in force, `NotAWorkStudyQualification`, `ProgrammeRefused` (the core's reason codes
/// in the detail), `NoRulesInForce`; [`StoreError::AlreadyExists`] for a
/// programme identifier taken; [`StoreError::IdempotencyConflict`]; the back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::{complete_now, TrainingTransaction, WorkStudyTransaction};
/// use cqnet_store::work_study::{commands, NewProgramme, Programme};
/// use cqnet_store::{CommandMeta, IdempotencyKey, StoreError, Versioned};
/// fn run<T: WorkStudyTransaction<Error = StoreError> + TrainingTransaction>(tx: &mut T, meta: &CommandMeta, key: &IdempotencyKey, p: &NewProgramme) -> Result<Versioned<Programme>, StoreError> {
///     complete_now(commands::approve_programme(tx, meta, key, p))?
/// }
/// ```
pub async fn approve_programme<T: WorkStudyTransaction + TrainingTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    new: &NewProgramme,
) -> Result<Versioned<Programme>, T::Error> {
    let command = "approve_programme";
    let print = fingerprint(command, &meta.actor, new)?;
    let company = tx.learning_company(new.company, Lock::ForUpdate).await?;
    if let Some(kept) = tx.recorded(key).await? {
        return Ok(replay(key, &kept.fingerprint, &kept.answer, &print)?);
    }
    let company = company.ok_or_else(|| not_found("learning company", new.company))?;
    if tx.programme(new.programme, Lock::None).await?.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "programme",
            key: new.programme.to_string(),
        }
        .into());
    }
    let day = today(meta);
    if !company.value.designation_in_force(day) {
        return Err(not_designated(&company.value, day).into());
    }
    if let Some(code) = &new.qualification {
        let qualification = tx
            .qualification(code, Lock::None)
            .await?
            .ok_or_else(|| not_found("qualification", code))?;
        check_work_study_qualification(&qualification.value)?;
    }
    let decision = new.decision(&rules_on(meta, day)?);
    if !decision.approvable {
        return Err(StoreError::conflict(
            ConflictKind::ProgrammeRefused,
            format!(
                "programme {} of learning company {} is refused: {}",
                new.programme,
                new.company,
                codes(&decision.reasons)
            ),
        )
        .into());
    }
    let programme = Programme::approved(new, day, &decision, &meta.actor, meta.at);
    tx.insert_programme(&programme).await?;
    let subject = format!(
        "programme {} of learning company {} ({})",
        new.programme,
        new.company,
        new.standard.spec().occupation
    );
    tx.audit(meta, command, &subject).await?;
    let value = Versioned {
        value: programme,
        version: Version::FIRST,
    };
    tx.record(key, &print, encode_result(&value)?).await?;
    Ok(value)
}
