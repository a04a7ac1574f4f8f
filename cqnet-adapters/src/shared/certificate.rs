//! What every adapter of the certificates shares, so that they answer alike: the record read
//! back and checked by the core, the decoy work of a read of an unknown number, and (for the
//! SQL adapters) the statements. The commands are written once in
//! `cqnet_store::certificate::commands`.

use cqnet_core::Track;
use cqnet_core::certificate::{Certificate, QualificationNumber, QualificationRecord, Revocation};
use cqnet_store::{StoreError, StoreResult};

/// A record read back from storage, checked by the core.
pub(crate) fn record_of(
    number: QualificationNumber,
    track: Track,
    issues: Vec<Certificate>,
    revocation: Option<Revocation>,
) -> StoreResult<QualificationRecord> {
    QualificationRecord::new(number, track, issues, revocation).map_err(|e| StoreError::Corrupt {
        what: "qualification record",
        detail: e.to_string(),
    })
}

/// What a read does for a number that is not stored: the work of a read that found a record
/// of one document (or a confirmation document), whose result is thrown away, so that an
/// authenticity check (진위확인) of a number never issued takes as long as one of a number
/// issued. The time of an answer must not tell that a number exists.
pub(crate) mod decoy {
    use std::hint::black_box;
    use std::sync::OnceLock;

    use cqnet_core::certificate::{Certificate, ConfirmationDocument};

    use super::record_of;

    fn certificate() -> &'static Certificate {
        static DECOY: OnceLock<Certificate> = OnceLock::new();
        DECOY.get_or_init(Certificate::example)
    }

    fn confirmation() -> &'static ConfirmationDocument {
        static DECOY: OnceLock<ConfirmationDocument> = OnceLock::new();
        DECOY.get_or_init(ConfirmationDocument::example)
    }

    /// A body as the SQL adapters store it, made once.
    #[cfg(any(feature = "sqlite", feature = "postgres"))]
    fn body<T: serde::Serialize>(cell: &'static OnceLock<String>, value: &T) -> &'static str {
        cell.get_or_init(|| serde_json::to_string(value).unwrap_or_default())
    }

    /// The work of a record read by an SQL adapter that found one document: its track and
    /// body copied out of the row and parsed, and the record checked.
    #[cfg(any(feature = "sqlite", feature = "postgres"))]
    pub(crate) fn parse_record() {
        static BODY: OnceLock<String> = OnceLock::new();
        static TRACK: OnceLock<String> = OnceLock::new();
        let c = certificate();
        let track = black_box(body(&TRACK, &c.spec().track).to_owned());
        let text = black_box(body(&BODY, c).to_owned());
        let track = serde_json::from_str::<cqnet_core::Track>(&track);
        if let (Ok(track), Ok(c)) = (track, serde_json::from_str::<Certificate>(&text)) {
            let _ = black_box(record_of(c.number().clone(), track, vec![c], None));
        }
    }

    /// The work of a confirmation read by an SQL adapter that found the document: its body
    /// copied out of the row and parsed.
    #[cfg(any(feature = "sqlite", feature = "postgres"))]
    pub(crate) fn parse_confirmation() {
        static BODY: OnceLock<String> = OnceLock::new();
        let text = black_box(body(&BODY, confirmation()).to_owned());
        let _ = black_box(serde_json::from_str::<ConfirmationDocument>(&text));
    }

    /// The work of a record read by the memory adapter that found one document: the document
    /// copied and the record checked.
    #[cfg(feature = "memory")]
    pub(crate) fn copy_record() {
        let c = black_box(certificate());
        let _ = black_box(record_of(
            c.number().clone(),
            c.spec().track,
            vec![c.clone()],
            None,
        ));
    }

    /// The work of a confirmation read by the memory adapter that found the document: a copy.
    #[cfg(feature = "memory")]
    pub(crate) fn copy_confirmation() {
        black_box(black_box(confirmation()).clone());
    }
}

/// The statements of the SQL adapters for the certificates (`$1, $2, …` placeholders).
#[cfg(any(feature = "sqlite", feature = "postgres"))]
#[allow(dead_code)]
pub(crate) mod stmt {
    pub const COUNTER_NEXT: &str = "INSERT INTO certificate_counters (scope, last) VALUES ($1, 1) ON CONFLICT (scope) DO UPDATE SET last = certificate_counters.last + 1 RETURNING last";
    pub const RECORD_INSERT: &str = "INSERT INTO certificate_records (number, track, candidate, issue_key) VALUES ($1, $2, $3, $4)";
    pub const RECORD_GET: &str = "SELECT track FROM certificate_records WHERE number = $1";
    pub const RECORD_LOCK: &str =
        "SELECT track FROM certificate_records WHERE number = $1 FOR NO KEY UPDATE";
    pub const RECORDS_OF: &str =
        "SELECT number FROM certificate_records WHERE candidate = $1 ORDER BY number";
    pub const DOC_INSERT: &str = "INSERT INTO certificate_documents (management_number, number, issue_key, inner_page_number, supersedes, issued_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    pub const DOC_GET: &str = "SELECT body FROM certificate_documents WHERE management_number = $1";
    pub const DOC_BY_KEY: &str = "SELECT body FROM certificate_documents WHERE issue_key = $1";
    pub const DOC_OF: &str = "SELECT body FROM certificate_documents WHERE number = $1 ORDER BY issued_at, management_number";
    pub const DOC_PAGE_USED: &str =
        "SELECT COUNT(*) FROM certificate_documents WHERE inner_page_number = $1";
    pub const REVOCATION_INSERT: &str =
        "INSERT INTO certificate_revocations (number, at, body) VALUES ($1, $2, $3)";
    pub const REVOCATION_GET: &str = "SELECT body FROM certificate_revocations WHERE number = $1";
    pub const CONFIRMATION_INSERT: &str = "INSERT INTO confirmation_documents (number, qualification_number, body) VALUES ($1, $2, $3)";
    pub const CONFIRMATION_GET: &str = "SELECT body FROM confirmation_documents WHERE number = $1";
}
