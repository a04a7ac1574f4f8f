//! The one way a service asks who may act: the access rule of `cqnet-core` decides, and a
//! refusal is written to the audit log before it is answered, so every refused attempt leaves
//! its line whichever service it came through.

use cqnet_core::Reason;
use cqnet_core::access::{self, Action, Target};

use crate::training::{ServiceError, access_actor};
use crate::{AsyncAuditLog, AuditNote, CommandMeta};

/// Whether `meta`'s actor may take `action` on `target` at `meta`'s instant; a refusal is
/// audited under `command` and `subject` and answered with the rule's reasons.
pub(crate) async fn authorize<L: AsyncAuditLog + ?Sized>(
    log: &L,
    meta: CommandMeta,
    action: Action,
    target: &Target,
    command: &str,
    subject: String,
) -> Result<(), ServiceError> {
    let decision = access::authorize(
        &access_actor(&meta.actor),
        action,
        target,
        meta.at.fixed_offset(),
    );
    if decision.allowed {
        return Ok(());
    }
    refuse(log, meta, command, subject, decision.reasons).await
}

/// Writes the refusal of `command` on `subject` to the audit log and answers it.
pub(crate) async fn refuse<T, L: AsyncAuditLog + ?Sized>(
    log: &L,
    meta: CommandMeta,
    command: &str,
    subject: String,
    reasons: Vec<Reason>,
) -> Result<T, ServiceError> {
    let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
    log.append_note(&AuditNote {
        meta,
        command: command.to_owned(),
        subject,
        outcome: format!("refused: {}", codes.join(", ")),
    })
    .await?;
    Err(ServiceError::Refused { reasons })
}
