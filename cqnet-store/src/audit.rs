//! The append-only audit log: its lines, the trait that keeps them, and the command that
//! appends a note.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::future::Future;

use crate::unit_of_work::AuditTransaction;
use crate::{Actor, CommandMeta, Seq, StoreResult};

/// Appends a note to the audit log in one transaction and answers its line: the command of
/// [`AuditLog::append_note`], written once over the [unit of work](crate::unit_of_work).
///
/// # Errors
/// The back end's failures.
///
/// # Example
/// ```
/// use cqnet_store::unit_of_work::{complete_now, AuditTransaction};
/// use cqnet_store::{append_note, AuditEntry, AuditNote, StoreError};
/// fn run<T: AuditTransaction<Error = StoreError>>(tx: &mut T, note: &AuditNote) -> Result<AuditEntry, StoreError> {
///     complete_now(append_note(tx, note))?
/// }
/// ```
pub async fn append_note<T: AuditTransaction>(
    tx: &mut T,
    note: &AuditNote,
) -> Result<AuditEntry, T::Error> {
    let seq = tx.note(note).await?;
    Ok(AuditEntry {
        seq,
        actor: note.meta.actor.clone(),
        at: note.meta.at,
        command: note.command.clone(),
        subject: note.subject.clone(),
        outcome: note.outcome.clone(),
    })
}

/// A note for the audit log written by a service or the host (a refused command, a login).
///
/// # Example
/// ```
/// use cqnet_store::{Actor, AuditNote, CommandMeta, Role};
/// let note = AuditNote {
///     meta: CommandMeta::new(Actor::new("x", Role::Agency)?, "2026-01-01T00:00:00Z".parse().unwrap()),
///     command: "record_attendance".into(),
///     subject: "enrollment 1".into(),
///     outcome: "refused: not staff of the institution".into(),
/// };
/// assert_eq!(note.command, "record_attendance");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditNote {
    /// Who and when.
    pub meta: CommandMeta,
    /// The command's name.
    pub command: String,
    /// What it acted on.
    pub subject: String,
    /// What came of it.
    pub outcome: String,
}

/// One line of the append-only audit log.
///
/// # Example
/// See [`crate::AuditLog`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Its position.
    pub seq: Seq,
    /// Who.
    pub actor: Actor,
    /// When.
    pub at: DateTime<Utc>,
    /// The command's name (`enroll`, `append_attendance`, …).
    pub command: String,
    /// What it acted on.
    pub subject: String,
    /// What came of it (`ok`, `refused: …`).
    pub outcome: String,
}

/// The append-only audit log. Every command of the other traits writes its own line in its
/// own transaction; services add notes (refusals) through [`AuditLog::append_note`].
///
/// # Errors
/// Backend faults only.
///
/// # Example
/// ```
/// use cqnet_store::{AuditLog, CommandMeta, IdempotencyKey, Version, training::*};
/// # fn demo(log: &dyn AuditLog) -> Result<(), cqnet_store::StoreError> {
/// let first_page = log.audit_entries(None, 100)?;
/// let next_page = log.audit_entries(first_page.last().map(|e| e.seq), 100)?;
/// # let _ = next_page; Ok(()) }
/// ```
pub trait AuditLog: Send + Sync {
    /// Appends a note.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AuditEntry, AuditLog, AuditNote, StoreResult};
    /// fn append_note(store: &dyn AuditLog, note: &AuditNote) -> StoreResult<AuditEntry> {
    ///     store.append_note(note)
    /// }
    /// ```
    fn append_note(&self, note: &AuditNote) -> StoreResult<AuditEntry>;
    /// Up to `limit` entries after `after` (from the start with `None`), in order.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AuditEntry, AuditLog, Seq, StoreResult};
    /// fn audit_entries(store: &dyn AuditLog, after: Option<Seq>, limit: usize) -> StoreResult<Vec<AuditEntry>> {
    ///     store.audit_entries(after, limit)
    /// }
    /// ```
    fn audit_entries(&self, after: Option<Seq>, limit: usize) -> StoreResult<Vec<AuditEntry>>;
}

/// Async twin of [`AuditLog`].
///
/// # Errors
/// Each method fails as its blocking twin does, with a [`StoreError`](crate::StoreError); its `# Errors` says when.
///
/// # Example
/// ```
/// use cqnet_store::AsyncAuditLog;
/// async fn demo<S: AsyncAuditLog>(s: &S) -> usize {
///     s.audit_entries(None, 10).await.map(|v| v.len()).unwrap_or(0)
/// }
/// ```
pub trait AsyncAuditLog: Send + Sync {
    /// Appends a note.
    ///
    /// The async twin of [`AuditLog::append_note`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncAuditLog, AuditEntry, AuditNote, StoreResult};
    /// async fn append_note<S: AsyncAuditLog>(store: &S, note: &AuditNote) -> StoreResult<AuditEntry> {
    ///     store.append_note(note).await
    /// }
    /// ```
    fn append_note(&self, note: &AuditNote)
    -> impl Future<Output = StoreResult<AuditEntry>> + Send;
    /// Up to `limit` entries after `after` (from the start with `None`), in order.
    ///
    /// The async twin of [`AuditLog::audit_entries`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncAuditLog, AuditEntry, Seq, StoreResult};
    /// async fn audit_entries<S: AsyncAuditLog>(store: &S, after: Option<Seq>, limit: usize) -> StoreResult<Vec<AuditEntry>> {
    ///     store.audit_entries(after, limit).await
    /// }
    /// ```
    fn audit_entries(
        &self,
        after: Option<Seq>,
        limit: usize,
    ) -> impl Future<Output = StoreResult<Vec<AuditEntry>>> + Send;
}
