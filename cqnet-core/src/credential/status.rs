//! Revocation status lists (W3C Bitstring Status List v1.0): a bitstring of at least 131,072
//! entries (16 KiB), GZIP-compressed, base64url without padding with the multibase prefix `u`,
//! published in a signed `BitstringStatusListCredential`.

use std::io::{Read, Write};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, FixedOffset, TimeDelta};
use ed25519_dalek::{SigningKey, VerifyingKey};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::proof::{ProofCheck, ProofOptions, sign, timestamp, verify_proof_value};
use super::verify::check_contexts;
use super::{Issuer, Uri, VC_V2_CONTEXT, parse_json_strict};
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
    /// [`InputError::OutOfRange`] when `valid_from` lies outside
    /// [`SUPPORTED_YEARS`](crate::window::SUPPORTED_YEARS), as [`sign`] refuses its `created`.
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
/// ```
/// use cqnet_core::credential::{check_status, SigningKey, StatusCheck, StatusFreshness};
/// let now = chrono::DateTime::parse_from_rfc3339("2026-05-01T00:00:00Z").unwrap();
/// let fresh = StatusFreshness::new(now, chrono::TimeDelta::days(1))?;
/// let key = SigningKey::from_bytes(&[3; 32]).verifying_key();
/// // A credential without a credentialStatus entry cannot be revoked through a list.
/// assert_eq!(check_status("{}", "{}", &key, &fresh), StatusCheck::NoStatus);
/// let answer = serde_json::to_value(StatusCheck::Invalid("forged".into())).unwrap();
/// assert_eq!(answer, serde_json::json!({"result": "invalid", "detail": "forged"}));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
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
    /// The list was issued (`validFrom`) before the oldest instant the verifier accepts: it
    /// may predate a revocation, so its bits are not read.
    Stale {
        /// When the list was issued.
        issued: DateTime<FixedOffset>,
        /// The oldest issue instant accepted: the verifier's `now` less its maximum age.
        oldest_accepted: DateTime<FixedOffset>,
    },
    /// The list is not in force at the verifier's `now` (before its `validFrom`, or at or
    /// after its `validUntil`), so its bits are not read.
    OutsideValidity {
        /// The list's `validFrom`.
        valid_from: DateTime<FixedOffset>,
        /// The list's `validUntil`, if it has one.
        valid_until: Option<DateTime<FixedOffset>>,
    },
}

/// How fresh a status list must be for a verifier: the instant it verifies at (the core reads
/// no clock) and the longest time since the list was issued that it accepts. A list publisher
/// re-signs the list on a schedule; a list older than the schedule may not show a revocation.
///
/// # Errors
/// [`StatusFreshness::new`] refuses a maximum age of zero or less.
///
/// # Example
/// ```
/// use cqnet_core::credential::StatusFreshness;
/// let now = chrono::DateTime::parse_from_rfc3339("2026-09-01T09:00:00+09:00").unwrap();
/// let freshness = StatusFreshness::new(now, chrono::TimeDelta::hours(24))?;
/// assert_eq!(freshness.now(), now);
/// assert_eq!(freshness.oldest_accepted(), Some(now - chrono::TimeDelta::hours(24)));
/// assert!(StatusFreshness::new(now, chrono::TimeDelta::zero()).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusFreshness {
    now: DateTime<FixedOffset>,
    max_age: TimeDelta,
}

impl StatusFreshness {
    /// A verifier's freshness policy: lists issued at most `max_age` before `now`, and in
    /// force at `now`.
    ///
    /// # Errors
    /// [`InputError::NotPositive`] for a `max_age` of zero or less.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::credential::StatusFreshness;
    /// let now = chrono::DateTime::parse_from_rfc3339("2026-09-01T00:00:00Z").unwrap();
    /// assert!(StatusFreshness::new(now, chrono::TimeDelta::minutes(30)).is_ok());
    /// assert!(StatusFreshness::new(now, chrono::TimeDelta::minutes(-30)).is_err());
    /// ```
    pub fn new(now: DateTime<FixedOffset>, max_age: TimeDelta) -> Result<Self, InputError> {
        if max_age <= TimeDelta::zero() {
            return Err(InputError::NotPositive {
                what: "maximum age of a status list",
            });
        }
        Ok(StatusFreshness { now, max_age })
    }

    /// The instant the verifier verifies at.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::credential::StatusFreshness;
    /// let now = chrono::DateTime::parse_from_rfc3339("2026-09-01T00:00:00Z").unwrap();
    /// assert_eq!(StatusFreshness::new(now, chrono::TimeDelta::days(1))?.now(), now);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.now
    }

    /// The longest time since issue a list may have.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::credential::StatusFreshness;
    /// let now = chrono::DateTime::parse_from_rfc3339("2026-09-01T00:00:00Z").unwrap();
    /// let day = chrono::TimeDelta::days(1);
    /// assert_eq!(StatusFreshness::new(now, day)?.max_age(), day);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn max_age(&self) -> TimeDelta {
        self.max_age
    }

    /// The oldest issue instant accepted, `now − max_age`; `None` when that lies before the
    /// earliest instant chrono represents (then no list is too old).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::credential::StatusFreshness;
    /// let now = chrono::DateTime::parse_from_rfc3339("2026-09-01T00:00:00Z").unwrap();
    /// let oldest = StatusFreshness::new(now, chrono::TimeDelta::days(2))?.oldest_accepted();
    /// assert_eq!(oldest.unwrap().to_rfc3339(), "2026-08-30T00:00:00+00:00");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn oldest_accepted(&self) -> Option<DateTime<FixedOffset>> {
        self.now.checked_sub_signed(self.max_age)
    }
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
/// both given as JSON text (read strictly: a key named twice in an object refuses), the list
/// verified with the list issuer's public key and its `@context` exactly the VC 2.0 context.
/// The list must be in force at the freshness's `now` and issued (`validFrom`) no longer than
/// its maximum age before, else [`StatusCheck::OutsideValidity`] or [`StatusCheck::Stale`]
/// without reading a bit. Never panics, whatever the text. The credential's own proof is not
/// checked here (see
/// [`verify_credential_with_status`](super::verify_credential_with_status)).
///
/// # Example
/// ```
/// use cqnet_core::credential::*;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let key = SigningKey::from_bytes(&[3; 32]);
/// let issuer = Issuer::example(&key.verifying_key());
/// let list_id = Uri::new("https://example.org/status/1")?;
/// let credential = serde_json::json!({"credentialStatus": StatusListEntry { list: list_id.clone(), index: 5 }.to_json()}).to_string();
/// let pk = key.verifying_key();
/// let fresh = StatusFreshness::new(t("2026-05-02T12:00:00Z"), chrono::TimeDelta::days(1))?;
///
/// let mut list = StatusList::new(131_072)?;
/// let published = list.to_credential(&list_id, &issuer, t("2026-05-01T12:00:00Z"), &key)?.to_string();
/// assert_eq!(check_status(&credential, &published, &pk, &fresh), StatusCheck::NotRevoked);
///
/// list.set(5, true)?;
/// let published = list.to_credential(&list_id, &issuer, t("2026-05-02T00:00:00Z"), &key)?;
/// assert_eq!(check_status(&credential, &published.to_string(), &pk, &fresh), StatusCheck::Revoked);
///
/// let mut forged = published.clone();
/// forged["credentialSubject"]["encodedList"] = StatusList::new(131_072)?.encode().into();
/// assert!(matches!(check_status(&credential, &forged.to_string(), &pk, &fresh), StatusCheck::Invalid(_)));
///
/// let week_later = StatusFreshness::new(t("2026-05-09T00:00:00Z"), chrono::TimeDelta::days(1))?;
/// assert!(matches!(check_status(&credential, &published.to_string(), &pk, &week_later), StatusCheck::Stale { .. }));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn check_status(
    credential: &str,
    status_list_credential: &str,
    list_key: &VerifyingKey,
    freshness: &StatusFreshness,
) -> StatusCheck {
    match parse_json_strict(credential) {
        Ok(doc) => check_status_value(&doc, status_list_credential, list_key, freshness),
        Err(e) => StatusCheck::Invalid(format!("the credential: {e}")),
    }
}

/// Reads a date-time field of a status list credential, if present.
fn instant(list: &Value, field: &str) -> Result<Option<DateTime<FixedOffset>>, StatusCheck> {
    match list.get(field) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
            .map(Some)
            .ok_or_else(|| {
                StatusCheck::Invalid(format!("the status list's {field} is not a date-time"))
            }),
    }
}

/// Whether the list is in force at `now` and fresh enough; `None` when its bits may be read.
fn timing(list: &Value, freshness: &StatusFreshness) -> Option<StatusCheck> {
    let (valid_from, valid_until) = match (instant(list, "validFrom"), instant(list, "validUntil"))
    {
        (Err(problem), _) | (_, Err(problem)) => return Some(problem),
        (Ok(None), _) => {
            return Some(StatusCheck::Invalid(
                "the status list has no validFrom: its age cannot be told".into(),
            ));
        }
        (Ok(Some(from)), Ok(until)) => (from, until),
    };
    let now = freshness.now();
    if now < valid_from || valid_until.is_some_and(|until| now >= until) {
        return Some(StatusCheck::OutsideValidity {
            valid_from,
            valid_until,
        });
    }
    match freshness.oldest_accepted() {
        Some(oldest_accepted) if valid_from < oldest_accepted => Some(StatusCheck::Stale {
            issued: valid_from,
            oldest_accepted,
        }),
        _ => None,
    }
}

/// [`check_status`] for a credential already read.
pub(crate) fn check_status_value(
    credential: &Value,
    status_list_credential: &str,
    list_key: &VerifyingKey,
    freshness: &StatusFreshness,
) -> StatusCheck {
    let entry = match status_entry(credential) {
        Ok(Some(entry)) => entry,
        Ok(None) => return StatusCheck::NoStatus,
        Err(why) => return StatusCheck::Invalid(why),
    };
    let list = match parse_json_strict(status_list_credential) {
        Ok(list) => list,
        Err(e) => return StatusCheck::Invalid(format!("the status list credential: {e}")),
    };
    match verify_proof_value(&list, list_key) {
        ProofCheck::Valid => {}
        ProofCheck::BadSignature => {
            return StatusCheck::Invalid("the status list's signature does not hold".into());
        }
        ProofCheck::Malformed(why) => {
            return StatusCheck::Invalid(format!("the status list credential: {why}"));
        }
        ProofCheck::DuplicateKey(key) => {
            return StatusCheck::Invalid(format!(
                "the status list credential names the key {key:?} twice"
            ));
        }
    }
    if let Err(problem) = check_contexts(&list, &[VC_V2_CONTEXT], "BitstringStatusListCredential") {
        return StatusCheck::Invalid(format!(
            "the status list credential: {}",
            problem.into_message()
        ));
    }
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
    if let Some(refused) = timing(&list, freshness) {
        return refused;
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
