//! The partial completion certificate (시행규칙 제8조, 별지 제3호서식) of a learner who left
//! early, issued by the employer at their request from what the contract keeps.

use chrono::NaiveDate;

use super::learners::conflict;
use super::out_of_order;
use crate::work_study::{
    ContractStatus, LearningContract, PartialCertificate, PartialCertificateRequest,
};
use crate::{CommandMeta, ConflictKind, StoreError, StoreResult};

/// Issues the partial certificate on `day`: once, for a terminated contract, from the
/// termination's statement of the training done and the units whose latest internal
/// evaluation passed, never from numbers the caller gives.
pub(super) fn issue_partial(
    meta: &CommandMeta,
    c: &mut LearningContract,
    request: &PartialCertificateRequest,
    day: NaiveDate,
) -> StoreResult<()> {
    if c.partial_certificate.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "partial completion certificate",
            key: c.contract.to_string(),
        });
    }
    let (ContractStatus::Terminated { .. }, Some(terminated)) = (c.status, c.termination.as_ref())
    else {
        return Err(conflict(
            ConflictKind::NotLeftEarly,
            format!(
                "learning contract {} is {}: only a learner whose contract was terminated gets a partial certificate",
                c.contract,
                c.status.code()
            ),
        ));
    };
    if request.requested_on < c.terms.starts_on || request.requested_on > day {
        return Err(out_of_order(format!(
            "a request on {} for a contract from {} (today is {day})",
            request.requested_on, c.terms.starts_on
        )));
    }
    let statement = terminated.fact.statement;
    c.partial_certificate = Some(PartialCertificate {
        request: *request,
        issued_on: day,
        statement,
        programme: c.programme,
        units_passed: c.units_passed(),
        by: meta.actor.clone(),
        at: meta.at,
    });
    Ok(())
}
