//! What every adapter of the certificates shares, so that they answer alike: the scopes of the
//! number counters, the numbers composed from a counter's value, the documents built by the
//! core, and (for the SQL adapters) the statements.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use cqnet_core::Track;
use cqnet_core::certificate::{
    Allocation, Certificate, ConfirmationDocument, ConfirmationNumber, ManagementNumber,
    QualificationNumber, QualificationRecord, Revocation,
};
use cqnet_core::window::korean_date;
use cqnet_store::certificate::{NewCertificate, NewConfirmation, NewReissue};
use cqnet_store::{StoreError, StoreResult};

/// The counter of qualification number serials of a pass year.
pub(crate) fn serial_scope(pass_date: NaiveDate) -> String {
    format!("serial:{:04}", pass_date.year())
}

/// The counter of management number sequences of a Korean issue day and office.
pub(crate) fn management_scope(issued_at: DateTime<FixedOffset>, office: u8) -> String {
    format!(
        "management:{}:{office:02}",
        korean_date(issued_at).format("%Y%m%d")
    )
}

/// The counter of confirmation document sequences of a Korean issue day.
pub(crate) fn confirmation_scope(issued_at: DateTime<FixedOffset>) -> String {
    format!("confirmation:{}", korean_date(issued_at).format("%Y%m%d"))
}

fn exhausted(what: &str, scope: &str, value: i64) -> StoreError {
    StoreError::Conflict(format!(
        "no {what} is left in {scope} (counter at {value}); 발급 번호 소진"
    ))
}

fn sequence(value: i64, max: u32, what: &str, scope: &str) -> StoreResult<u32> {
    u32::try_from(value)
        .ok()
        .filter(|v| (1..=max).contains(v))
        .ok_or_else(|| exhausted(what, scope, value))
}

/// The pass date of a first issue (its key exists only for a pass).
pub(crate) fn pass_date(new: &NewCertificate) -> StoreResult<NaiveDate> {
    new.request()
        .pass
        .status
        .pass_date()
        .ok_or_else(|| StoreError::Conflict("a certificate is issued only for a pass".into()))
}

/// The qualification number of the `serial`-th pass of the year of `pass_date`.
pub(crate) fn qualification_number(
    pass_date: NaiveDate,
    serial: i64,
) -> StoreResult<QualificationNumber> {
    let scope = serial_scope(pass_date);
    let serial = sequence(serial, 999_999_999, "qualification number serial", &scope)?;
    QualificationNumber::compose(pass_date, serial)
        .map_err(|e| StoreError::Conflict(format!("qualification number: {e}")))
}

/// The management number of the `n`-th document of the day and office.
pub(crate) fn management_number(
    issued_at: DateTime<FixedOffset>,
    office: u8,
    n: i64,
) -> StoreResult<ManagementNumber> {
    let scope = management_scope(issued_at, office);
    let n = sequence(n, 999_999, "management number", &scope)?;
    ManagementNumber::compose(issued_at, office, n)
        .map_err(|e| StoreError::Conflict(format!("management number: {e}")))
}

/// The number of the `n`-th confirmation document of the day.
pub(crate) fn confirmation_number(
    issued_at: DateTime<FixedOffset>,
    n: i64,
) -> StoreResult<ConfirmationNumber> {
    let scope = confirmation_scope(issued_at);
    let n = sequence(n, 99_999, "confirmation document number", &scope)?;
    ConfirmationNumber::compose(issued_at, n)
        .map_err(|e| StoreError::Conflict(format!("confirmation number: {e}")))
}

fn refused(e: cqnet_core::InputError) -> StoreError {
    StoreError::Conflict(format!("the certificate cannot be built: {e}"))
}

/// The first issue the core builds from the command and the numbers allocated.
pub(crate) fn build_issue(
    new: &NewCertificate,
    number: QualificationNumber,
    management_number: ManagementNumber,
) -> StoreResult<Certificate> {
    Certificate::issue(
        new.request(),
        new.decision(),
        Allocation {
            number,
            management_number,
            inner_page_number: new.inner_page_number().cloned(),
            issued_at: new.issued_at(),
        },
    )
    .map_err(refused)
}

/// The reissue the core builds from the previous document, the command and the number
/// allocated.
pub(crate) fn build_reissue(
    previous: &Certificate,
    new: &NewReissue,
    management_number: ManagementNumber,
) -> StoreResult<Certificate> {
    Certificate::reissue(
        previous,
        new.request(),
        new.decision(),
        Allocation {
            number: previous.number().clone(),
            management_number,
            inner_page_number: new.inner_page_number().cloned(),
            issued_at: new.issued_at(),
        },
    )
    .map_err(refused)
}

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

/// The confirmation document of a command and its number.
pub(crate) fn confirmation_document(
    new: &NewConfirmation,
    number: ConfirmationNumber,
) -> ConfirmationDocument {
    ConfirmationDocument {
        number,
        qualification_number: new.qualification_number.clone(),
        holder: new.holder.clone(),
        qualification_name: new.qualification_name.clone(),
        pass_date: new.pass_date,
    }
}

/// The audit subject of a document.
pub(crate) fn subject(c: &Certificate) -> String {
    format!(
        "certificate {} of {} ({})",
        c.management_number(),
        c.number(),
        c.spec().candidate
    )
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn numbers_refuse_exhausted_counters() {
        let day: NaiveDate = "2026-04-10".parse().unwrap();
        assert_eq!(
            qualification_number(day, 123).unwrap().as_str(),
            "26000000123J"
        );
        assert!(matches!(
            qualification_number(day, 0),
            Err(StoreError::Conflict(_))
        ));
        assert!(qualification_number(day, 1_000_000_000).is_err());
        let at: DateTime<FixedOffset> = "2026-05-01T10:30:59+09:00".parse().unwrap();
        assert_eq!(
            management_number(at, 1, 42).unwrap().as_str(),
            "202605011030-01-000042"
        );
        assert!(management_number(at, 1, 1_000_000).is_err());
        assert_eq!(
            confirmation_number(at, 7).unwrap().as_str(),
            "HRD-20260501103059-00007"
        );
        assert!(confirmation_number(at, 100_000).is_err());
        assert!(confirmation_number(at, -1).is_err());
    }

    #[test]
    fn scopes_follow_the_korean_day() {
        // 23:30 UTC on 30 April is 08:30 on 1 May in Korea.
        let at: DateTime<FixedOffset> = "2026-04-30T23:30:00Z".parse().unwrap();
        assert_eq!(management_scope(at, 3), "management:20260501:03");
        assert_eq!(confirmation_scope(at), "confirmation:20260501");
        assert_eq!(serial_scope("2026-12-31".parse().unwrap()), "serial:2026");
    }
}
