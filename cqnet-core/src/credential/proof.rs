//! Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C Data Integrity EdDSA
//! Cryptosuites v1.0): JCS (RFC 8785) canonicalisation, SHA-256 of the canonical proof
//! configuration and of the canonical document, an Ed25519 signature over the two hashes
//! concatenated, and the signature as a multibase base58-btc `proofValue` (`z…`).

use std::fmt;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::parse_json_strict;
use crate::InputError;
use crate::window::{check_instant, writable};

/// The cryptosuite name.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";

/// The multicodec prefix of an Ed25519 public key (`ed25519-pub`, 0xed as a varint).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];

/// A URI (an `id`, an issuer, a verification method): a scheme, a colon and at least one more
/// character, without blanks or control characters, at most 2,048 characters.
///
/// # Errors
/// [`InputError::Malformed`] for anything else.
///
/// # Example
/// ```
/// use cqnet_core::credential::Uri;
/// assert!(Uri::new("https://c.q-net.or.kr/issuers/hrdk").is_ok());
/// assert!(Uri::new("urn:cqnet:certificate:1").is_ok());
/// assert!(Uri::new("no scheme").is_err());
/// assert!(Uri::new("1http://x").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uri(String);

impl Uri {
    /// Checks a URI: a scheme starting with a letter, a colon and at least one more character, no
    /// blanks or control characters, at most 2,048 characters.
    ///
    /// # Errors
    /// [`InputError::HiddenCharacter`] for a control, bidirectional or zero-width character
    /// (which would make two URIs look alike); [`InputError::Malformed`] for anything else.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::credential::Uri;
    /// assert_eq!(Uri::new("did:key:z6Mk")?.as_str(), "did:key:z6Mk");
    /// assert!(Uri::new("https:").is_err()); // nothing after the colon
    /// assert!(Uri::new("https://example.org/a b").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        crate::text::check_visible("URI", text)?;
        let scheme_ok = text.split_once(':').is_some_and(|(scheme, rest)| {
            !rest.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
        let ok = scheme_ok
            && text.len() <= 2048
            && !text.chars().any(|c| c.is_whitespace() || c.is_control());
        if !ok {
            return Err(InputError::Malformed {
                what: "URI",
                value: InputError::quoted(text),
                expected: "scheme:rest without blanks, such as https://example.org/x or did:key:z6Mk…",
            });
        }
        Ok(Uri(text.to_owned()))
    }

    /// The URI's text.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::credential::Uri;
    /// assert_eq!(Uri::new("urn:x:1")?.as_str(), "urn:x:1");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Uri {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uri::new(s)
    }
}

impl Serialize for Uri {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Uri {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Uri::new(&text).map_err(serde::de::Error::custom)
    }
}

/// An Ed25519 public key as a multibase `publicKeyMultibase` (`z6Mk…`): base58-btc of the
/// `ed25519-pub` multicodec prefix and the 32 key bytes.
///
/// # Example
/// ```
/// use cqnet_core::credential::{public_key_multibase, SigningKey};
/// let key = SigningKey::from_bytes(&[7; 32]);
/// assert!(public_key_multibase(&key.verifying_key()).starts_with("z6Mk"));
/// ```
pub fn public_key_multibase(key: &VerifyingKey) -> String {
    let mut bytes = ED25519_PUB.to_vec();
    bytes.extend_from_slice(key.as_bytes());
    format!("z{}", bs58::encode(bytes).into_string())
}

/// Reads a `publicKeyMultibase` (`z6Mk…`) back into a public key.
///
/// # Errors
/// [`InputError::Malformed`] unless the text is base58-btc multibase of the `ed25519-pub`
/// prefix and a valid 32-byte key.
///
/// # Example
/// ```
/// use cqnet_core::credential::{public_key_from_multibase, public_key_multibase, SigningKey};
/// let key = SigningKey::from_bytes(&[7; 32]).verifying_key();
/// assert_eq!(public_key_from_multibase(&public_key_multibase(&key))?, key);
/// assert!(public_key_from_multibase("z123").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn public_key_from_multibase(text: &str) -> Result<VerifyingKey, InputError> {
    let malformed = || InputError::Malformed {
        what: "Ed25519 publicKeyMultibase",
        value: InputError::quoted(text),
        expected: "z + base58-btc of 0xed01 and 32 key bytes (z6Mk…)",
    };
    let bytes = text
        .strip_prefix('z')
        .and_then(|b58| bs58::decode(b58).into_vec().ok())
        .ok_or_else(malformed)?;
    let key: [u8; 32] = bytes
        .strip_prefix(&ED25519_PUB)
        .and_then(|k| k.try_into().ok())
        .ok_or_else(malformed)?;
    VerifyingKey::from_bytes(&key).map_err(|_| malformed())
}

/// The `did:key` verification method of a public key: `did:key:z6Mk…#z6Mk…`, for issuers
/// without a web presence of their own.
///
/// # Example
/// ```
/// use cqnet_core::credential::{did_key_verification_method, SigningKey};
/// let vm = did_key_verification_method(&SigningKey::from_bytes(&[7; 32]).verifying_key());
/// let (did, fragment) = vm.as_str().split_once('#').unwrap();
/// assert_eq!(did, format!("did:key:{fragment}"));
/// ```
pub fn did_key_verification_method(key: &VerifyingKey) -> Uri {
    let multibase = public_key_multibase(key);
    Uri(format!("did:key:{multibase}#{multibase}"))
}

/// The options of a proof: which key to name and when it was made.
///
/// # Example
/// See [`sign`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProofOptions {
    /// Where a verifier finds the public key (`https://…/issuers/hrdk#key-1`, `did:key:…`).
    pub verification_method: Uri,
    /// When the proof was made, if it says (supplied by the host: the core has no clock).
    #[serde(default)]
    pub created: Option<DateTime<FixedOffset>>,
}

/// The result of checking a Data Integrity proof.
///
/// # Example
/// See [`verify_proof`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", content = "detail", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProofCheck {
    /// The signature holds over the document and the proof options.
    Valid,
    /// The signature does not hold: a field was altered, or another key signed.
    BadSignature,
    /// Not a document with an `eddsa-jcs-2022` proof this library can check.
    Malformed(String),
    /// The document's JSON names this key twice in one object, so it is not read at all.
    DuplicateKey(String),
}

fn jcs(value: &Value) -> Result<Vec<u8>, String> {
    serde_json_canonicalizer::to_vec(value).map_err(|e| format!("cannot canonicalise: {e}"))
}

fn hash_data(proof_config: &Value, document: &Value) -> Result<Vec<u8>, String> {
    let mut data = Sha256::digest(jcs(proof_config)?).to_vec();
    data.extend_from_slice(&Sha256::digest(jcs(document)?));
    Ok(data)
}

/// Formats an instant as an XML Schema `dateTimeStamp` with whole seconds (`2026-05-01T10:30:00+09:00`).
///
/// At its own offset where RFC 3339 writes it without moving it, else in Korea Standard Time
/// (see [`check_instant`]). Total: an instant whose local time lies past chrono's range is
/// written in UTC (`…Z`), the same instant. Signing refuses such instants (see [`sign`]).
pub(crate) fn timestamp(instant: DateTime<FixedOffset>) -> String {
    let instant = writable(instant);
    match instant.naive_utc().checked_add_offset(*instant.offset()) {
        Some(_) => instant.to_rfc3339_opts(SecondsFormat::Secs, true),
        None => instant.to_utc().to_rfc3339_opts(SecondsFormat::Secs, true),
    }
}

/// Adds an `eddsa-jcs-2022` Data Integrity proof to a JSON object and returns the signed
/// document. Ed25519 signing is deterministic: the same document, options and key always give
/// the same proof.
///
/// The proof configuration carries the document's `@context` (as the cryptosuite's proof
/// configuration algorithm says), and so does the proof itself.
///
/// # Errors
/// [`InputError::Inconsistent`] when the document is not a JSON object or already has a
/// `proof` (proof sets and chains are not supported); [`InputError::OutOfRange`] when
/// `created` lies outside [`SUPPORTED_YEARS`](crate::window::SUPPORTED_YEARS), where no
/// verifier could read it back as an RFC 3339 instant.
///
/// # Example
/// ```
/// use cqnet_core::credential::{sign, verify_proof, ProofCheck, ProofOptions, SigningKey, Uri};
/// let key = SigningKey::from_bytes(&[1; 32]);
/// let doc = serde_json::json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "x"});
/// let options = ProofOptions { verification_method: Uri::new("https://example.org/keys#1")?, created: None };
/// let signed = sign(&doc, &key, &options)?;
/// assert!(signed["proof"]["proofValue"].as_str().unwrap().starts_with('z'));
/// assert_eq!(verify_proof(&signed.to_string(), &key.verifying_key()), ProofCheck::Valid);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn sign(
    document: &Value,
    key: &SigningKey,
    options: &ProofOptions,
) -> Result<Value, InputError> {
    let Value::Object(fields) = document else {
        return Err(InputError::Inconsistent(
            "only a JSON object can be signed".into(),
        ));
    };
    if fields.contains_key("proof") {
        return Err(InputError::Inconsistent(
            "the document already has a proof".into(),
        ));
    }
    let mut config = Map::new();
    config.insert("type".into(), "DataIntegrityProof".into());
    config.insert("cryptosuite".into(), CRYPTOSUITE.into());
    if let Some(created) = options.created {
        check_instant("proof creation instant", created)?;
        config.insert("created".into(), timestamp(created).into());
    }
    config.insert(
        "verificationMethod".into(),
        options.verification_method.as_str().into(),
    );
    config.insert("proofPurpose".into(), "assertionMethod".into());
    if let Some(context) = fields.get("@context") {
        config.insert("@context".into(), context.clone());
    }
    let config = Value::Object(config);
    let data = hash_data(&config, document).map_err(InputError::Inconsistent)?;
    let signature = key.sign(&data);
    let mut proof = config;
    if let Value::Object(p) = &mut proof {
        p.insert(
            "proofValue".into(),
            format!("z{}", bs58::encode(signature.to_bytes()).into_string()).into(),
        );
    }
    let mut signed = fields.clone();
    signed.insert("proof".into(), proof);
    Ok(Value::Object(signed))
}

/// Checks the `eddsa-jcs-2022` proof of a signed JSON document, given as its text, against
/// the issuer's public key, offline. The text is read strictly first: an object naming a key
/// twice gives [`ProofCheck::DuplicateKey`] before any signature is checked. Never panics,
/// whatever the text.
///
/// # Example
/// ```
/// use cqnet_core::credential::{sign, verify_proof, ProofCheck, ProofOptions, SigningKey, Uri};
/// let key = SigningKey::from_bytes(&[1; 32]);
/// let options = ProofOptions { verification_method: Uri::new("https://example.org/keys#1")?, created: None };
/// let mut signed = sign(&serde_json::json!({"grade": "A"}), &key, &options)?;
/// assert_eq!(verify_proof(&signed.to_string(), &key.verifying_key()), ProofCheck::Valid);
/// signed["grade"] = "B".into();
/// assert_eq!(verify_proof(&signed.to_string(), &key.verifying_key()), ProofCheck::BadSignature);
/// assert!(matches!(verify_proof("[1]", &key.verifying_key()), ProofCheck::Malformed(_)));
/// assert_eq!(verify_proof(r#"{"x": 1, "x": 1}"#, &key.verifying_key()), ProofCheck::DuplicateKey("x".into()));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn verify_proof(document: &str, key: &VerifyingKey) -> ProofCheck {
    match parse_json_strict(document) {
        Ok(doc) => verify_proof_value(&doc, key),
        Err(InputError::Duplicate { key, .. }) => ProofCheck::DuplicateKey(key),
        Err(other) => ProofCheck::Malformed(other.to_string()),
    }
}

/// Checks the proof of a document already read strictly.
pub(crate) fn verify_proof_value(document: &Value, key: &VerifyingKey) -> ProofCheck {
    match check(document, key) {
        Ok(true) => ProofCheck::Valid,
        Ok(false) => ProofCheck::BadSignature,
        Err(why) => ProofCheck::Malformed(why),
    }
}

fn check(document: &Value, key: &VerifyingKey) -> Result<bool, String> {
    let Value::Object(fields) = document else {
        return Err("the document is not a JSON object".into());
    };
    let Some(Value::Object(proof)) = fields.get("proof") else {
        return Err("the document has no proof object".into());
    };
    if proof.get("type").and_then(Value::as_str) != Some("DataIntegrityProof")
        || proof.get("cryptosuite").and_then(Value::as_str) != Some(CRYPTOSUITE)
    {
        return Err(format!(
            "the proof is not a DataIntegrityProof with cryptosuite {CRYPTOSUITE}"
        ));
    }
    if proof.get("proofPurpose").and_then(Value::as_str) != Some("assertionMethod") {
        return Err("the proof's purpose is not assertionMethod".into());
    }
    if !proof
        .get("verificationMethod")
        .is_some_and(Value::is_string)
    {
        return Err("the proof names no verificationMethod".into());
    }
    if let Some(created) = proof.get("created")
        && created
            .as_str()
            .is_none_or(|c| DateTime::parse_from_rfc3339(c).is_err())
    {
        return Err("the proof's created is not a date-time".into());
    }
    let signature = proof
        .get("proofValue")
        .and_then(Value::as_str)
        .and_then(|v| v.strip_prefix('z'))
        .and_then(|b58| bs58::decode(b58).into_vec().ok())
        .and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
        .map(|bytes| Signature::from_bytes(&bytes))
        .ok_or("the proofValue is not multibase base58-btc of a 64-byte signature")?;

    let mut options = proof.clone();
    options.remove("proofValue");
    let mut unsecured = fields.clone();
    unsecured.remove("proof");
    if let Some(proof_context) = options.get("@context") {
        // The document's @context must start with the proof's, in the same order.
        let listed = |v: &Value| match v {
            Value::Array(items) => items.clone(),
            other => vec![other.clone()],
        };
        let (theirs, ours) = (
            listed(proof_context),
            unsecured.get("@context").map(listed).unwrap_or_default(),
        );
        if !ours.starts_with(&theirs) {
            return Ok(false);
        }
        unsecured.insert("@context".into(), proof_context.clone());
    }
    if let Some(context) = unsecured.get("@context") {
        options.insert("@context".into(), context.clone());
    }
    let data = hash_data(&Value::Object(options), &Value::Object(unsecured))?;
    Ok(key.verify_strict(&data, &signature).is_ok())
}
