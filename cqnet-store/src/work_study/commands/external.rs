//! The external evaluation (외부평가) of a learning worker recorded on their contract: the core
//! decides the pass by the units passed, on the record the completion certificate (이수증명서)
//! was issued on; a pass ends the contract and opens the conversion (법 제22조제2항, 제24조), a
//! fail stays on record for the extension the employer owes (법 제22조제3항).

use chrono::NaiveDate;
use cqnet_core::Track;
use cqnet_core::exam::decide_retake_window;

use super::learners::{binding, conflict, ended, pass_on, programme_of, refused};
use super::{out_of_order, rules_on};
use crate::training::commands::not_found;
use crate::unit_of_work::{ExamTransaction, WorkStudyTransaction};
use crate::work_study::{ContractStatus, ExternalResult, ExternalResultEntry, LearningContract};
use crate::{CommandMeta, ConflictKind};

/// Appends the external evaluation `entry` to the contract, as the core decides it; answers
/// whether the learner passed.
///
/// The learner must hold the completion certificate (their eligibility, 응시자격), have sat on
/// or after its day, on a day the contract binds, after the announcement of any earlier
/// sitting and inside the retake window (재응시 기간) that the first sitting's announcement
/// opened; the announcement must not lie after today. The round is one the exam store holds,
/// the sitting on one of its evaluation days and the announcement on its announcement day, and
/// it covers the qualification the learner's programme leads to, where the programme names
/// one.
pub(super) async fn record_external<T: WorkStudyTransaction + ExamTransaction>(
    tx: &mut T,
    meta: &CommandMeta,
    c: &mut LearningContract,
    entry: &ExternalResultEntry,
    day: NaiveDate,
) -> Result<bool, T::Error> {
    let id = c.contract;
    entry.check().map_err(|e| {
        conflict(
            ConflictKind::ExternalResultRefused,
            format!("external evaluation of learning contract {id}: {e}"),
        )
    })?;
    if matches!(
        c.status,
        ContractStatus::Terminated { .. } | ContractStatus::Passed { .. }
    ) {
        return Err(ended(c, entry.sat_on).into());
    }
    if entry.announced_on > day {
        return Err(out_of_order(format!(
            "an external evaluation announced on {} after today ({day})",
            entry.announced_on
        ))
        .into());
    }
    let Some(certificate) = c.completion.as_ref() else {
        return Err(conflict(
            ConflictKind::NotEligibleForExternal,
            format!("learning contract {id} holds no completion certificate (이수증명서)"),
        )
        .into());
    };
    if entry.sat_on < certificate.issued_on {
        return Err(conflict(
            ConflictKind::NotEligibleForExternal,
            format!(
                "an external evaluation sat on {} before the completion certificate of {}",
                entry.sat_on, certificate.issued_on
            ),
        )
        .into());
    }
    binding(c, entry.sat_on)?;
    binding(c, entry.announced_on)?;
    let rules = rules_on(meta, entry.sat_on)?;
    if let Some(last) = c.external_results.last()
        && entry.sat_on <= last.entry.announced_on
    {
        return Err(out_of_order(format!(
            "an external evaluation sat on {} before the announcement of the last one on {}",
            entry.sat_on, last.entry.announced_on
        ))
        .into());
    }
    if let Some(first) = c.external_results.first() {
        let window = decide_retake_window(
            Track::WorkStudy,
            first.entry.announced_on,
            entry.sat_on,
            &rules,
        )
        .map_err(|e| conflict(ConflictKind::ExternalResultRefused, format!("{id}: {e}")))?;
        if !window.allowed {
            return Err(refused(ConflictKind::ExternalResultRefused, id, &window.reasons).into());
        }
    }
    let programme = programme_of(tx, c, certificate.programme).await?;
    let round = tx
        .round(&entry.round)
        .await?
        .ok_or_else(|| not_found("round", &entry.round))?;
    entry
        .check_round(round.value.plan(), programme.qualification.as_ref())
        .map_err(|e| conflict(ConflictKind::ExternalResultRefused, format!("{id}: {e}")))?;
    let decision = c
        .external_decision(&programme, entry, &rules)
        .map_err(|e| conflict(ConflictKind::ExternalResultRefused, format!("{id}: {e}")))?
        .ok_or_else(|| {
            conflict(
                ConflictKind::NotEligibleForExternal,
                format!("learning contract {id} holds no completion certificate (이수증명서)"),
            )
        })?;
    let passed = decision.passed == Some(true);
    let units_passed = entry.units.iter().filter(|u| u.passed).count();
    c.external_results.push(ExternalResult {
        entry: entry.clone(),
        passed,
        units_passed: u32::try_from(units_passed).unwrap_or(u32::MAX),
        reasons: decision.reasons,
        rules: decision.rules,
        by: meta.actor.clone(),
        at: meta.at,
    });
    if passed {
        // The pass ends the contract on its announcement and opens the duty to convert.
        let on = entry.announced_on;
        if c.days.iter().any(|d| d.entry.session.day() > on) {
            return Err(out_of_order(format!(
                "a pass announced on {on} with training recorded after it"
            ))
            .into());
        }
        pass_on(c, on, &rules);
    }
    Ok(passed)
}
