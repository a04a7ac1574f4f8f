//! Where a qualification stands for the services that act on it: the pass status a stored
//! result gives (합격 확정), the document in force (효력 있는 자격증), whether a confirmation
//! (자격취득사실 확인서) or a signed credential may be made of it, and the note a cancellation
//! (자격 취소) may carry.

use chrono::{DateTime, FixedOffset};

use super::{Certificate, PassStatus, QualificationRecord, VerificationStatus};
use crate::rules::Rules;
use crate::window::korean_date;
use crate::{InputError, Quantity, Reason, ReasonCode};

/// The longest note a cancellation (자격 취소) may carry, in characters.
pub const MAX_REVOCATION_NOTE_CHARS: usize = 500;

/// A stored result of the external evaluation, as far as the pass depends on it.
///
/// # Example
/// See [`pass_status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultFacts {
    /// Whether the result is finalised (결과 확정).
    pub finalised: bool,
    /// The pass the finalisation decided, if any.
    pub passed: Option<bool>,
}

/// The pass status a result gives at `now`: passed (on the announcement's Korean day) or
/// failed once the result is finalised and announced (합격자발표); not finalised before, or
/// without a result.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{PassStatus, ResultFacts, pass_status};
/// let at = chrono::DateTime::parse_from_rfc3339("2026-04-10T09:00:00+09:00").unwrap();
/// let passed = ResultFacts { finalised: true, passed: Some(true) };
/// assert_eq!(pass_status(Some(passed), at, at), PassStatus::Passed { pass_date: "2026-04-10".parse().unwrap() });
/// let before = at - chrono::Duration::seconds(1);
/// assert_eq!(pass_status(Some(passed), at, before), PassStatus::NotFinalised);
/// let failed = ResultFacts { finalised: true, passed: Some(false) };
/// assert_eq!(pass_status(Some(failed), at, at), PassStatus::Failed);
/// assert_eq!(pass_status(None, at, at), PassStatus::NotFinalised);
/// ```
pub fn pass_status(
    result: Option<ResultFacts>,
    announcement: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> PassStatus {
    match result {
        Some(r) if r.finalised && now >= announcement => {
            if r.passed == Some(true) {
                PassStatus::Passed {
                    pass_date: korean_date(announcement),
                }
            } else {
                PassStatus::Failed
            }
        }
        _ => PassStatus::NotFinalised,
    }
}

impl QualificationRecord {
    /// The document in force at `now`: the first issued by then that no reissue issued by
    /// then supersedes.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{Certificate, QualificationRecord};
    /// let c = Certificate::example();
    /// let record = QualificationRecord::new(c.number().clone(), c.spec().track, vec![c.clone()], None)?;
    /// assert_eq!(record.document_in_force(c.spec().issued_at), Some(&c));
    /// assert_eq!(record.document_in_force(c.spec().issued_at - chrono::Duration::seconds(1)), None);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn document_in_force(&self, now: DateTime<FixedOffset>) -> Option<&Certificate> {
        self.issues()
            .iter()
            .filter(|c| c.spec().issued_at <= now)
            .find(|c| self.superseded_by(c.management_number(), now).is_none())
    }
}

/// Checks that a confirmation document (자격취득사실 확인서) may be issued of a record at `now`:
/// not of a cancelled qualification (`qualification_revoked`, measured at the cancellation's
/// instant).
///
/// # Example
/// ```
/// use cqnet_core::certificate::{Certificate, QualificationRecord, check_confirmation};
/// let c = Certificate::example();
/// let record = QualificationRecord::new(c.number().clone(), c.spec().track, vec![c.clone()], None)?;
/// assert!(check_confirmation(&record, c.spec().issued_at).is_empty());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn check_confirmation(record: &QualificationRecord, now: DateTime<FixedOffset>) -> Vec<Reason> {
    record
        .revoked_at(now)
        .map(|r| {
            Reason::new(ReasonCode::QualificationRevoked, r.basis.clone())
                .measured(Quantity::Instant(r.at))
        })
        .into_iter()
        .collect()
}

/// Checks that a document may be exported as a signed credential, from what an authenticity
/// check (진위확인) answers of it: only a document in force is (`qualification_revoked` for a
/// cancelled qualification, `certificate_superseded` for anything else).
///
/// # Example
/// ```
/// use cqnet_core::certificate::{VerificationStatus, check_export};
/// use cqnet_core::{ReasonCode, rules::RulePack};
/// let rules = RulePack::embedded().newest();
/// assert!(check_export(VerificationStatus::Valid, &rules).is_empty());
/// assert_eq!(check_export(VerificationStatus::Revoked, &rules)[0].code, ReasonCode::QualificationRevoked);
/// assert_eq!(check_export(VerificationStatus::Superseded, &rules)[0].code, ReasonCode::CertificateSuperseded);
/// ```
pub fn check_export(status: VerificationStatus, rules: &Rules) -> Vec<Reason> {
    let code = match status {
        VerificationStatus::Valid => return Vec::new(),
        VerificationStatus::Revoked => ReasonCode::QualificationRevoked,
        _ => ReasonCode::CertificateSuperseded,
    };
    vec![Reason::new(
        code,
        rules.bases.export_in_force_only.basis.clone(),
    )]
}

/// Checks the note of a cancellation (취소 비고): at most [`MAX_REVOCATION_NOTE_CHARS`]
/// characters and no control characters.
///
/// # Errors
/// [`InputError::Inconsistent`] for a note too long; [`InputError::HiddenCharacter`] for one
/// with a control, bidirectional or zero-width character.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{MAX_REVOCATION_NOTE_CHARS, check_revocation_note};
/// assert!(check_revocation_note(None).is_ok());
/// assert!(check_revocation_note(Some("사건번호 2026-17")).is_ok());
/// assert!(check_revocation_note(Some("\u{7}")).is_err());
/// assert!(check_revocation_note(Some(&"가".repeat(MAX_REVOCATION_NOTE_CHARS + 1))).is_err());
/// ```
pub fn check_revocation_note(note: Option<&str>) -> Result<(), InputError> {
    if let Some(note) = note {
        crate::text::check_visible("cancellation note", note)?;
    }
    match note {
        Some(note)
            if note.chars().count() > MAX_REVOCATION_NOTE_CHARS
                || note.chars().any(char::is_control) =>
        {
            Err(InputError::Inconsistent(format!(
                "a cancellation note has at most {MAX_REVOCATION_NOTE_CHARS} characters and no control characters (취소 비고)"
            )))
        }
        _ => Ok(()),
    }
}
