//! Revocation status lists (W3C Bitstring Status List v1.0): a bitstring of at least 131,072
//! entries (16 KiB), GZIP-compressed, base64url without padding with the multibase prefix `u`,
//! published in a signed `BitstringStatusListCredential`.

use std::io::{Read, Write};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, FixedOffset};
use ed25519_dalek::{SigningKey, VerifyingKey};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::proof::{ProofCheck, ProofOptions, sign, timestamp, verify_proof};
use super::{Issuer, Uri, VC_V2_CONTEXT};
use crate::InputError;

/// The fewest entries a status list may have (16 KiB of bits), for group privacy.
pub const MIN_STATUS_LIST_ENTRIES: u64 = 131_072;
/// The most entries this library reads or writes (2 MiB of bits), so that a hostile list cannot
/// make a verifier inflate gigabytes.
pub const MAX_STATUS_LIST_ENTRIES: u64 = 16_777_216;

/// A revocation bitstring (상태 목록): one bit per issued credential, `1` for revoked. Index 0 is
/// the left-most bit of the first byte.
///
/// # Errors
/// [`StatusList::new`] refuses fewer than [`MIN_STATUS_LIST_ENTRIES`], more than
/// [`MAX_STATUS_LIST_ENTRIES`], or a size that is not a whole number of bytes.
///
/// # Example
/// ```
/// use cqnet_core::credential::StatusList;
/// let mut list = StatusList::new(131_072)?;
/// list.set(94_567, true)?;
/// assert!(list.is_set(94_567)?);
/// assert!(!list.is_set(94_568)?);
/// assert!(list.set(131_072, true).is_err());
/// let encoded = list.encode();
/// assert!(encoded.starts_with("uH4sI")); // multibase u + base64url of a GZIP stream
/// assert_eq!(StatusList::decode(&encoded)?, list);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    pub(super) bits: Vec<u8>,
}

impl StatusList {
    /// An empty status list (상태 목록, nothing revoked) of `entries` entries.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for fewer than [`MIN_STATUS_LIST_ENTRIES`] or more than
    /// [`MAX_STATUS_LIST_ENTRIES`]; [`InputError::Inconsistent`] for a size that is not a whole
    /// number of bytes.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::credential::{StatusList, MIN_STATUS_LIST_ENTRIES};
    /// let list = StatusList::new(MIN_STATUS_LIST_ENTRIES)?;
    /// assert!(!list.is_set(0)?);
    /// assert!(StatusList::new(MIN_STATUS_LIST_ENTRIES - 8).is_err());
    /// assert!(StatusList::new(MIN_STATUS_LIST_ENTRIES + 1).is_err()); // not whole bytes
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(entries: u64) -> Result<Self, InputError> {
        if !(MIN_STATUS_LIST_ENTRIES..=MAX_STATUS_LIST_ENTRIES).contains(&entries) {
            return Err(InputError::out_of_range(
                "status list entries",
                MIN_STATUS_LIST_ENTRIES,
                MAX_STATUS_LIST_ENTRIES,
                entries,
            ));
        }
        if !entries.is_multiple_of(8) {
            return Err(InputError::Inconsistent(format!(
                "a status list has a whole number of bytes, not {entries} bits"
            )));
        }
        let bytes = usize::try_from(entries / 8)
            .map_err(|_| InputError::out_of_range("status list entries", 0, usize::MAX, entries))?;
        Ok(StatusList {
            bits: vec![0; bytes],
        })
    }

    /// The number of entries.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::credential::StatusList;
    /// assert_eq!(StatusList::new(131_072)?.len(), 131_072);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn len(&self) -> u64 {
        self.bits.len() as u64 * 8
    }

    /// Whether the list has no entries (never, for a valid list).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::credential::StatusList;
    /// assert!(!StatusList::new(131_072)?.is_empty());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    fn locate(&self, index: u64) -> Result<(usize, u8), InputError> {
        let byte = usize::try_from(index / 8)
            .ok()
            .filter(|b| *b < self.bits.len())
            .ok_or_else(|| {
                InputError::out_of_range(
                    "status list index",
                    0,
                    self.len().saturating_sub(1),
                    index,
                )
            })?;
        Ok((byte, 0x80 >> (index % 8)))
    }

    /// Whether entry `index` is set (revoked, 취소).
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for an index past the end.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::credential::StatusList;
    /// let mut list = StatusList::new(131_072)?;
    /// list.set(7, true)?;
    /// assert!(list.is_set(7)?);
    /// assert!(!list.is_set(8)?);
    /// assert!(list.is_set(131_072).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn is_set(&self, index: u64) -> Result<bool, InputError> {
        let (byte, mask) = self.locate(index)?;
        Ok(self.bits[byte] & mask != 0)
    }

    /// Sets (revokes) or clears entry `index`.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for an index past the end.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::credential::StatusList;
    /// let mut list = StatusList::new(131_072)?;
    /// list.set(131_071, true)?;
    /// assert!(list.is_set(131_071)?);
    /// list.set(131_071, false)?;
    /// assert!(!list.is_set(131_071)?);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn set(&mut self, index: u64, revoked: bool) -> Result<(), InputError> {
        let (byte, mask) = self.locate(index)?;
        if revoked {
            self.bits[byte] |= mask;
        } else {
            self.bits[byte] &= !mask;
        }
        Ok(())
    }

    /// The `encodedList`: `u` + base64url (no padding) of the GZIP-compressed bitstring. The
    /// GZIP header carries no time, so the same list always encodes the same way.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::credential::StatusList;
    /// let mut list = StatusList::new(131_072)?;
    /// list.set(3, true)?;
    /// let encoded = list.encode();
    /// assert_eq!(encoded, list.clone().encode()); // deterministic
    /// assert_ne!(encoded, StatusList::new(131_072)?.encode());
    /// assert!(StatusList::decode(&encoded)?.is_set(3)?);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn encode(&self) -> String {
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        // Writing to a Vec cannot fail.
        let compressed = gz
            .write_all(&self.bits)
            .and_then(|()| gz.finish())
            .unwrap_or_default();
        format!("u{}", URL_SAFE_NO_PAD.encode(compressed))
    }

    /// Reads an `encodedList` back.
    ///
    /// # Errors
    /// [`InputError::Malformed`] when the text is not `u` + base64url of a GZIP stream, or
    /// inflates to more than [`MAX_STATUS_LIST_ENTRIES`] bits; as [`StatusList::new`] for a
    /// list that is too short.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::credential::StatusList;
    /// // The example of the W3C recommendation: 16 KiB of zeros.
    /// let list = StatusList::decode("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")?;
    /// assert_eq!(list.len(), 131_072);
    /// assert!(!list.is_set(0)?);
    /// assert!(StatusList::decode("H4sI").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn decode(text: &str) -> Result<Self, InputError> {
        let malformed = |expected: &'static str| InputError::Malformed {
            what: "encoded status list",
            value: text.chars().take(40).collect(),
            expected,
        };
        let compressed = text
            .strip_prefix('u')
            .and_then(|b64| URL_SAFE_NO_PAD.decode(b64).ok())
            .ok_or_else(|| malformed("u + base64url without padding"))?;
        let limit = MAX_STATUS_LIST_ENTRIES / 8;
        let mut bits = Vec::new();
        GzDecoder::new(compressed.as_slice())
            .take(limit + 1)
            .read_to_end(&mut bits)
            .map_err(|_| malformed("a GZIP-compressed bitstring"))?;
        if bits.len() as u64 > limit {
            return Err(malformed("at most 16,777,216 entries"));
        }
        let mut list = StatusList::new(bits.len() as u64 * 8)?;
        list.bits = bits;
        Ok(list)
    }

    /// The signed `BitstringStatusListCredential` publishing this list for revocation, with the
    /// id `list_id` (which credentials name as their `statusListCredential`).
    ///
    /// # Errors
    /// As [`sign`].
    ///
    /// # Example
    /// See [`check_status`].
    pub fn to_credential(
        &self,
        list_id: &Uri,
        issuer: &Issuer,
        valid_from: DateTime<FixedOffset>,
        key: &SigningKey,
    ) -> Result<Value, InputError> {
        let unsigned = json!({
            "@context": [VC_V2_CONTEXT],
            "id": list_id.as_str(),
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": issuer.id.as_str(),
            "validFrom": timestamp(valid_from),
            "credentialSubject": {
                "id": format!("{list_id}#list"),
                "type": "BitstringStatusList",
                "statusPurpose": "revocation",
                "encodedList": self.encode(),
            },
        });
        sign(
            &unsigned,
            key,
            &ProofOptions {
                verification_method: issuer.verification_method.clone(),
                created: Some(valid_from),
            },
        )
    }
}

/// Where a credential's revocation bit lives: the status list credential and the index in it.
///
/// # Example
/// ```
/// use cqnet_core::credential::{StatusListEntry, Uri};
/// let entry = StatusListEntry { list: Uri::new("https://example.org/status/1")?, index: 94_567 };
/// assert_eq!(entry.to_json()["statusListIndex"], "94567");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusListEntry {
    /// The id of the `BitstringStatusListCredential`.
    pub list: Uri,
    /// The credential's index in the list.
    pub index: u64,
}

impl StatusListEntry {
    /// The `credentialStatus` object (`BitstringStatusListEntry`, purpose `revocation`), its id
    /// the list's id with the index as fragment.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::credential::{StatusListEntry, Uri};
    /// let entry = StatusListEntry { list: Uri::new("https://example.org/status/1")?, index: 12 };
    /// let json = entry.to_json();
    /// assert_eq!(json["id"], "https://example.org/status/1#12");
    /// assert_eq!(json["type"], "BitstringStatusListEntry");
    /// assert_eq!(json["statusPurpose"], "revocation");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn to_json(&self) -> Value {
        json!({
            "id": format!("{}#{}", self.list, self.index),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": self.index.to_string(),
            "statusListCredential": self.list.as_str(),
        })
    }
}

/// What a status list says about a credential.
///
/// # Example
/// See [`check_status`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", content = "detail", rename_all = "snake_case")]
#[non_exhaustive]
pub enum StatusCheck {
    /// The credential's bit is clear.
    NotRevoked,
    /// The credential's bit is set.
    Revoked,
    /// The credential names no revocation status entry.
    NoStatus,
    /// The credential's status entry or the list credential is unusable: a bad signature, the
    /// wrong list, a malformed list or an index past its end.
    Invalid(String),
}

/// Reads a credential's `BitstringStatusListEntry` (purpose `revocation`), if it has one.
pub(crate) fn status_entry(credential: &Value) -> Result<Option<StatusListEntry>, String> {
    let Some(status) = credential.get("credentialStatus") else {
        return Ok(None);
    };
    let entries = match status {
        Value::Array(items) => items.iter().collect::<Vec<_>>(),
        other => vec![other],
    };
    let Some(entry) = entries.into_iter().find(|e| {
        e.get("type").and_then(Value::as_str) == Some("BitstringStatusListEntry")
            && e.get("statusPurpose").and_then(Value::as_str) == Some("revocation")
    }) else {
        return Ok(None);
    };
    let list = entry
        .get("statusListCredential")
        .and_then(Value::as_str)
        .and_then(|s| Uri::new(s).ok())
        .ok_or("the status entry names no statusListCredential URI")?;
    let index = entry
        .get("statusListIndex")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| s.parse::<u64>().ok())
        .ok_or("the status entry's statusListIndex is not a whole number in a string")?;
    Ok(Some(StatusListEntry { list, index }))
}

/// Checks a credential's revocation status against a signed `BitstringStatusListCredential`,
/// verified with the list issuer's public key. Never panics, whatever the JSON. The
/// credential's own proof is not checked here (see
/// [`verify_credential_with_status`](super::verify_credential_with_status)).
///
/// # Example
/// ```
/// use cqnet_core::credential::*;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let key = SigningKey::from_bytes(&[3; 32]);
/// let issuer = Issuer::example(&key.verifying_key());
/// let list_id = Uri::new("https://example.org/status/1")?;
/// let credential = serde_json::json!({"credentialStatus": StatusListEntry { list: list_id.clone(), index: 5 }.to_json()});
///
/// let mut list = StatusList::new(131_072)?;
/// let published = list.to_credential(&list_id, &issuer, t("2026-05-01T00:00:00Z"), &key)?;
/// assert_eq!(check_status(&credential, &published, &key.verifying_key()), StatusCheck::NotRevoked);
///
/// list.set(5, true)?;
/// let published = list.to_credential(&list_id, &issuer, t("2026-05-02T00:00:00Z"), &key)?;
/// assert_eq!(check_status(&credential, &published, &key.verifying_key()), StatusCheck::Revoked);
///
/// let mut forged = published.clone();
/// forged["credentialSubject"]["encodedList"] = StatusList::new(131_072)?.encode().into();
/// assert!(matches!(check_status(&credential, &forged, &key.verifying_key()), StatusCheck::Invalid(_)));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn check_status(
    credential: &Value,
    status_list_credential: &Value,
    list_key: &VerifyingKey,
) -> StatusCheck {
    let entry = match status_entry(credential) {
        Ok(Some(entry)) => entry,
        Ok(None) => return StatusCheck::NoStatus,
        Err(why) => return StatusCheck::Invalid(why),
    };
    match verify_proof(status_list_credential, list_key) {
        ProofCheck::Valid => {}
        ProofCheck::BadSignature => {
            return StatusCheck::Invalid("the status list's signature does not hold".into());
        }
        ProofCheck::Malformed(why) => {
            return StatusCheck::Invalid(format!("the status list credential: {why}"));
        }
    }
    let list = status_list_credential;
    let typed = list
        .get("type")
        .and_then(Value::as_array)
        .is_some_and(|t| t.iter().any(|v| v == "BitstringStatusListCredential"));
    if !typed || list.get("id").and_then(Value::as_str) != Some(entry.list.as_str()) {
        return StatusCheck::Invalid(format!(
            "{} is not the BitstringStatusListCredential the credential names",
            list.get("id").and_then(Value::as_str).unwrap_or("the list")
        ));
    }
    let subject = list.get("credentialSubject");
    let field = |name: &str| subject.and_then(|s| s.get(name)).and_then(Value::as_str);
    if field("type") != Some("BitstringStatusList") || field("statusPurpose") != Some("revocation")
    {
        return StatusCheck::Invalid("the list is not a revocation BitstringStatusList".into());
    }
    let bits = match field("encodedList").map(StatusList::decode) {
        Some(Ok(bits)) => bits,
        Some(Err(e)) => return StatusCheck::Invalid(e.to_string()),
        None => return StatusCheck::Invalid("the list has no encodedList".into()),
    };
    match bits.is_set(entry.index) {
        Ok(true) => StatusCheck::Revoked,
        Ok(false) => StatusCheck::NotRevoked,
        Err(e) => StatusCheck::Invalid(e.to_string()),
    }
}
