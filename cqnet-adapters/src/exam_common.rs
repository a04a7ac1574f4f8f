//! Checks every adapter of the exam rounds shares, so that they answer alike.

use cqnet_store::StoreError;
use cqnet_store::StoreResult;
use cqnet_store::exam::{Application, ApplicationId, ExamResult};

pub(crate) fn check_result_matches(app: &Application, result: &ExamResult) -> StoreResult<()> {
    if !app.status.is_active() {
        return Err(StoreError::Conflict(format!(
            "application {} is cancelled",
            app.id
        )));
    }
    if app.round != result.round || app.candidate != result.candidate || app.number != result.number
    {
        return Err(StoreError::Conflict(format!(
            "the result does not match application {} (round, candidate, exam number)",
            app.id
        )));
    }
    Ok(())
}

pub(crate) fn finalised(id: ApplicationId) -> StoreError {
    StoreError::Conflict(format!(
        "the result of application {id} is finalised (결과 확정) and cannot change"
    ))
}
