//! Verifying a received credential offline: its JSON text read strictly, its shape and
//! contexts, its `eddsa-jcs-2022` proof, its validity dates and, with a status list, whether it
//! was revoked.

use chrono::{DateTime, FixedOffset};
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::proof::{ProofCheck, verify_proof_value};
use super::status::{StatusCheck, StatusFreshness, check_status_value};
use super::{OB_V3_CONTEXT, VC_V2_CONTEXT, parse_json_strict};
use crate::InputError;

/// The verdict on a credential.
///
/// # Example
/// ```
/// use cqnet_core::credential::{verify_credential, SigningKey, Verdict};
/// let key = SigningKey::from_bytes(&[1; 32]).verifying_key();
/// assert_eq!(verify_credential(r#"{"a": 1, "a": 2}"#, &key), Verdict::DuplicateKey("a".into()));
/// assert!(matches!(verify_credential("[1]", &key), Verdict::Malformed(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", content = "detail", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Verdict {
    /// The signature holds (and, when checked, the status list says not revoked).
    Valid,
    /// The signature holds but the status list says revoked.
    Revoked,
    /// The signature does not hold: some field was altered, or another key signed.
    BadSignature,
    /// Not an Open Badges credential with an `eddsa-jcs-2022` proof.
    Malformed(String),
    /// The credential's signature holds but its status could not be established: the status
    /// list is forged, of another list, or malformed.
    StatusUnknown(String),
    /// The signature holds but the credential is not in force at the time asked about: before
    /// its `validFrom`, or at or after its `validUntil`.
    OutsideValidity,
    /// The credential's JSON names this key twice in one object: readers disagree on which
    /// one counts, so the text is refused before its signature is checked.
    DuplicateKey(String),
    /// The credential's `@context` lists an entry its type does not name (or lists one twice,
    /// or the proof's `@context` differs): an added context can change what the signed terms
    /// mean without touching the signature.
    UnexpectedContext(String),
    /// The credential's signature holds but the status list was issued (`validFrom`) before
    /// the oldest instant the verifier accepts: it may predate a revocation.
    StatusListStale {
        /// When the status list was issued.
        issued: DateTime<FixedOffset>,
        /// The oldest issue instant accepted: the verifier's `now` less its maximum age.
        oldest_accepted: DateTime<FixedOffset>,
    },
    /// The credential's signature holds but the status list is not in force at the verifier's
    /// `now`: before its `validFrom`, or at or after its `validUntil`.
    StatusListOutsideValidity {
        /// The list's `validFrom`.
        valid_from: DateTime<FixedOffset>,
        /// The list's `validUntil`, if it has one.
        valid_until: Option<DateTime<FixedOffset>>,
    },
}

/// What is wrong with a document's `@context`.
pub(crate) enum ContextProblem {
    /// The `@context` is missing, not a list, or lacks a context the type needs.
    Malformed(String),
    /// The `@context` lists something the type does not name.
    Unexpected(String),
}

impl ContextProblem {
    pub(crate) fn into_message(self) -> String {
        match self {
            ContextProblem::Malformed(why) | ContextProblem::Unexpected(why) => why,
        }
    }
}

/// Checks that a document's `@context` is exactly the contexts its type names, in order, each
/// once, and that a proof's own `@context`, if it has one, is the same list.
pub(crate) fn check_contexts(
    doc: &Value,
    named: &[&str],
    credential_type: &str,
) -> Result<(), ContextProblem> {
    let Some(contexts) = doc.get("@context").and_then(Value::as_array) else {
        return Err(ContextProblem::Malformed(
            "the @context is not a list".into(),
        ));
    };
    if contexts.first().and_then(Value::as_str) != Some(VC_V2_CONTEXT) {
        return Err(ContextProblem::Malformed(format!(
            "the first @context is not {VC_V2_CONTEXT}"
        )));
    }
    for (i, entry) in contexts.iter().enumerate() {
        let shown = match entry.as_str() {
            Some(text) => InputError::quoted(text),
            None => InputError::quoted(&entry.to_string()),
        };
        if !entry.as_str().is_some_and(|text| named.contains(&text)) {
            return Err(ContextProblem::Unexpected(format!(
                "the @context lists {shown:?}, which the type {credential_type} does not name"
            )));
        }
        if contexts[..i].contains(entry) {
            return Err(ContextProblem::Unexpected(format!(
                "the @context lists {shown:?} twice"
            )));
        }
    }
    if let Some(missing) = named.iter().find(|n| !contexts.iter().any(|c| c == **n)) {
        return Err(ContextProblem::Malformed(format!(
            "the @context does not list {missing}, which the type {credential_type} needs"
        )));
    }
    if let Some(proof_context) = doc.get("proof").and_then(|p| p.get("@context"))
        && proof_context != &Value::Array(contexts.clone())
    {
        return Err(ContextProblem::Unexpected(
            "the proof's @context is not the credential's".into(),
        ));
    }
    Ok(())
}

fn check_shape(doc: &Value) -> Result<(), Verdict> {
    let types = doc.get("type").and_then(Value::as_array);
    let has = |t: &str| types.is_some_and(|ts| ts.iter().any(|v| v == t));
    if !has("VerifiableCredential") || !has("OpenBadgeCredential") {
        return Err(Verdict::Malformed(
            "the type does not list VerifiableCredential and OpenBadgeCredential".into(),
        ));
    }
    check_contexts(doc, &[VC_V2_CONTEXT, OB_V3_CONTEXT], "OpenBadgeCredential").map_err(
        |problem| match problem {
            ContextProblem::Malformed(why) => Verdict::Malformed(why),
            ContextProblem::Unexpected(why) => Verdict::UnexpectedContext(why),
        },
    )?;
    if doc
        .get("validFrom")
        .and_then(Value::as_str)
        .is_none_or(|v| DateTime::parse_from_rfc3339(v).is_err())
    {
        return Err(Verdict::Malformed("validFrom is not a date-time".into()));
    }
    if !doc
        .get("credentialSubject")
        .and_then(|s| s.get("achievement"))
        .is_some_and(Value::is_object)
    {
        return Err(Verdict::Malformed(
            "the credentialSubject has no achievement".into(),
        ));
    }
    Ok(())
}

/// Reads a credential's text strictly (see [`parse_json_strict`]).
fn read(credential: &str) -> Result<Value, Verdict> {
    parse_json_strict(credential).map_err(|e| match e {
        InputError::Duplicate { key, .. } => Verdict::DuplicateKey(key),
        other => Verdict::Malformed(other.to_string()),
    })
}

/// The shape and the proof of a credential already read.
fn verify_document(doc: &Value, key: &VerifyingKey) -> Verdict {
    if let Err(verdict) = check_shape(doc) {
        return verdict;
    }
    match verify_proof_value(doc, key) {
        ProofCheck::Valid => Verdict::Valid,
        ProofCheck::BadSignature => Verdict::BadSignature,
        ProofCheck::Malformed(why) => Verdict::Malformed(why),
        ProofCheck::DuplicateKey(key) => Verdict::DuplicateKey(key),
    }
}

/// The shape, the proof and the validity dates of a credential already read.
fn verify_document_at(doc: &Value, key: &VerifyingKey, now: DateTime<FixedOffset>) -> Verdict {
    match verify_document(doc, key) {
        Verdict::Valid => {}
        other => return other,
    }
    let instant = |field: &str| -> Result<Option<DateTime<FixedOffset>>, String> {
        match doc.get(field) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
                .map(Some)
                .ok_or_else(|| format!("{field} is not a date-time")),
        }
    };
    match (instant("validFrom"), instant("validUntil")) {
        (Err(why), _) | (_, Err(why)) => Verdict::Malformed(why),
        (Ok(from), Ok(until)) => {
            let started = from.is_none_or(|from| from <= now);
            let not_ended = until.is_none_or(|until| now < until);
            if started && not_ended {
                Verdict::Valid
            } else {
                Verdict::OutsideValidity
            }
        }
    }
}

/// Verifies a credential's JSON text offline against the issuer's public key: the text read
/// strictly (a key named twice in an object gives [`Verdict::DuplicateKey`]), its shape (a VC
/// 2.0 `OpenBadgeCredential` with an achievement, whose `@context` is exactly the VC 2.0 and
/// Open Badges 3.0 contexts, else [`Verdict::UnexpectedContext`]) and its `eddsa-jcs-2022`
/// proof. Any change to any field, the proof included, gives [`Verdict::BadSignature`] or
/// [`Verdict::Malformed`]. Never panics, whatever the text. Revocation is not checked (see
/// [`verify_credential_with_status`]).
///
/// # Example
/// ```
/// use cqnet_core::credential::{verify_credential, SigningKey, Verdict};
/// let key = SigningKey::from_bytes(&[1; 32]).verifying_key();
/// assert!(matches!(verify_credential(r#"{"a": 1}"#, &key), Verdict::Malformed(_)));
/// assert!(matches!(verify_credential("null", &key), Verdict::Malformed(_)));
/// assert!(matches!(verify_credential("not JSON", &key), Verdict::Malformed(_)));
/// ```
pub fn verify_credential(credential: &str, key: &VerifyingKey) -> Verdict {
    match read(credential) {
        Ok(doc) => verify_document(&doc, key),
        Err(verdict) => verdict,
    }
}

/// Verifies a credential as [`verify_credential`] does, then that it is in force at `now`:
/// `validFrom ≤ now` and, when the credential has one, `now < validUntil`. The time comes from
/// the caller: the core reads no clock.
///
/// # Example
/// ```
/// use cqnet_core::certificate::Certificate;
/// use cqnet_core::credential::*;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let key = SigningKey::from_bytes(&[7; 32]);
/// let spec = CredentialSpec {
///     id: None,
///     issuer: Issuer::example(&key.verifying_key()),
///     valid_from: t("2026-05-01T10:30:00+09:00"),
///     status: None,
/// };
/// let vc = issue_credential(&Certificate::example(), &spec, &key)?.to_string();
/// let at = |s| verify_credential_at(&vc, &key.verifying_key(), t(s));
/// assert_eq!(at("2026-05-01T10:30:00+09:00"), Verdict::Valid);
/// assert_eq!(at("2026-05-01T10:29:59+09:00"), Verdict::OutsideValidity);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn verify_credential_at(
    credential: &str,
    key: &VerifyingKey,
    now: DateTime<FixedOffset>,
) -> Verdict {
    match read(credential) {
        Ok(doc) => verify_document_at(&doc, key, now),
        Err(verdict) => verdict,
    }
}

/// Verifies a credential as [`verify_credential_at`] does at the freshness's `now`, then its
/// revocation status against a signed `BitstringStatusListCredential` (JSON text, read as
/// strictly) checked with the list issuer's key. The list must be in force at `now` and issued
/// no longer than the freshness's maximum age before it, else
/// [`Verdict::StatusListOutsideValidity`] or [`Verdict::StatusListStale`]: a list signed before
/// a revocation never vouches for the credential. A credential with no revocation entry is
/// [`Verdict::Valid`] when its signature holds and it is in force.
///
/// # Example
/// ```
/// use cqnet_core::certificate::Certificate;
/// use cqnet_core::credential::*;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let key = SigningKey::from_bytes(&[42; 32]);
/// let issuer = Issuer::example(&key.verifying_key());
/// let list_id = Uri::new("https://example.org/status/2026")?;
/// let spec = CredentialSpec {
///     id: None,
///     issuer: issuer.clone(),
///     valid_from: t("2026-05-01T10:30:00+09:00"),
///     status: Some(StatusListEntry { list: list_id.clone(), index: 42 }),
/// };
/// let vc = issue_credential(&Certificate::example(), &spec, &key)?.to_string();
/// let pk = key.verifying_key();
/// let day = chrono::TimeDelta::days(1);
/// let mut list = StatusList::new(MIN_STATUS_LIST_ENTRIES)?;
/// let before = list.to_credential(&list_id, &issuer, t("2026-05-02T00:00:00Z"), &key)?.to_string();
/// let fresh = StatusFreshness::new(t("2026-05-02T12:00:00Z"), day)?;
/// assert_eq!(verify_credential_with_status(&vc, &pk, &before, &pk, &fresh), Verdict::Valid);
///
/// list.set(42, true)?; // the qualification was cancelled
/// let after = list.to_credential(&list_id, &issuer, t("2026-09-01T00:00:00Z"), &key)?.to_string();
/// let later = StatusFreshness::new(t("2026-09-01T08:00:00Z"), day)?;
/// assert_eq!(verify_credential_with_status(&vc, &pk, &after, &pk, &later), Verdict::Revoked);
/// // The list of May does not vouch for the credential in September.
/// assert!(matches!(
///     verify_credential_with_status(&vc, &pk, &before, &pk, &later),
///     Verdict::StatusListStale { .. }
/// ));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn verify_credential_with_status(
    credential: &str,
    key: &VerifyingKey,
    status_list_credential: &str,
    list_key: &VerifyingKey,
    freshness: &StatusFreshness,
) -> Verdict {
    let doc = match read(credential) {
        Ok(doc) => doc,
        Err(verdict) => return verdict,
    };
    match verify_document_at(&doc, key, freshness.now()) {
        Verdict::Valid => {}
        other => return other,
    }
    match check_status_value(&doc, status_list_credential, list_key, freshness) {
        StatusCheck::NotRevoked | StatusCheck::NoStatus => Verdict::Valid,
        StatusCheck::Revoked => Verdict::Revoked,
        StatusCheck::Invalid(why) => Verdict::StatusUnknown(why),
        StatusCheck::Stale {
            issued,
            oldest_accepted,
        } => Verdict::StatusListStale {
            issued,
            oldest_accepted,
        },
        StatusCheck::OutsideValidity {
            valid_from,
            valid_until,
        } => Verdict::StatusListOutsideValidity {
            valid_from,
            valid_until,
        },
    }
}
