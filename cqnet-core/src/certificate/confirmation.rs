//! Confirmation documents (자격취득사실 확인서): the document the store keeps, the check code
//! (확인번호) printed beside its number, and the authenticity check of a document by both.
//!
//! A document's number (`HRD-YYYYMMDDhhmmss-NNNNN`) carries its issue second and a daily
//! sequence, so numbers can be walked. What makes a document unguessable is its check code: 80
//! bits of an HMAC-SHA256 of the document under a secret only the host holds
//! ([`ConfirmationSecret`]). A check needs the number and the code, compares the code in
//! constant time, and answers every failure — an unknown number, a wrong code, a document past
//! its verification period, one not yet issued — with the one
//! [`VerificationAnswer::no_match`].

use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::constant_time::same_bytes;
use super::ids::id_newtype;
use super::{
    ConfirmationNumber, Disclosure, PrintedName, QualificationNumber, Revocation,
    VerificationAnswer, VerificationStatus,
};
use crate::InputError;
use crate::rules::Rules;
use crate::window::{korean_date, kst};

/// The secret key from which check codes (확인번호) are derived: 32 to 64 bytes that only the
/// host holds (from its key store, never from the database), as an HMAC-SHA256 key.
///
/// The core never makes a key: the host gives it. Every code issued under a key verifies only
/// under the same key, so replacing the key makes the codes of documents still in their
/// verification period fail (they answer no match). Its `Debug` shows no byte of it.
///
/// # Errors
/// [`ConfirmationSecret::new`] refuses fewer than 32 or more than 64 bytes, and a key of one
/// repeated byte (all zeros, say), which is a placeholder rather than a secret.
///
/// # Example
/// ```
/// use cqnet_core::certificate::ConfirmationSecret;
/// let secret = ConfirmationSecret::new(&ConfirmationSecret::EXAMPLE_BYTES)?;
/// assert_eq!(format!("{secret:?}"), "ConfirmationSecret(..)");
/// assert!(ConfirmationSecret::new(&[7; 16]).is_err()); // too short
/// assert!(ConfirmationSecret::new(&[0; 32]).is_err()); // a placeholder
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ConfirmationSecret(Vec<u8>);

impl ConfirmationSecret {
    /// The fewest bytes a secret may have (256 bits).
    pub const MIN_BYTES: usize = 32;
    /// The most bytes a secret may have (the block of SHA-256).
    pub const MAX_BYTES: usize = 64;
    /// Bytes of a key for documentation and tests only: published here, so never a secret.
    pub const EXAMPLE_BYTES: [u8; 32] = *b"cqnet example confirmation key!!";

    /// Checks a secret key of 32 to 64 bytes.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for fewer than 32 or more than 64 bytes;
    /// [`InputError::Malformed`] for one byte repeated.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationSecret;
    /// assert!(ConfirmationSecret::new(&[1, 2, 3, 4].repeat(8)).is_ok());
    /// assert!(ConfirmationSecret::new(&[1; 65]).is_err());
    /// ```
    pub fn new(bytes: &[u8]) -> Result<Self, InputError> {
        if !(Self::MIN_BYTES..=Self::MAX_BYTES).contains(&bytes.len()) {
            return Err(InputError::out_of_range(
                "bytes of a confirmation secret",
                Self::MIN_BYTES,
                Self::MAX_BYTES,
                bytes.len(),
            ));
        }
        if bytes.iter().all(|b| Some(b) == bytes.first()) {
            return Err(InputError::Malformed {
                what: "confirmation secret",
                value: "(not shown)".into(),
                expected: "random bytes from the host's key store, not one byte repeated",
            });
        }
        Ok(ConfirmationSecret(bytes.to_vec()))
    }

    /// The key of [`ConfirmationSecret::EXAMPLE_BYTES`], for documentation and tests.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationSecret;
    /// assert_eq!(ConfirmationSecret::example(), ConfirmationSecret::new(&ConfirmationSecret::EXAMPLE_BYTES)?);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn example() -> Self {
        ConfirmationSecret(Self::EXAMPLE_BYTES.to_vec())
    }
}

impl fmt::Debug for ConfirmationSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ConfirmationSecret(..)")
    }
}

/// HMAC-SHA256 (RFC 2104) of `message` under `key` (at most one block, 64 bytes).
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

/// The alphabet of check codes: Crockford's base 32, digits and upper-case letters without
/// `I`, `L`, `O` and `U`, so that no character reads like another.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters of a code, without its hyphens: 16 × 5 = 80 bits.
const CODE_CHARS: usize = 16;

/// The check code (확인번호) printed on a confirmation document beside its number:
/// `XXXX-XXXX-XXXX-XXXX`, 16 characters of Crockford's base 32 (`0`–`9` and the upper-case
/// letters but `I`, `L`, `O`, `U`), 80 bits.
///
/// It is the first 80 bits of an HMAC-SHA256, under the host's [`ConfirmationSecret`], of the
/// document's number, qualification number, holder, qualification and pass date
/// ([`ConfirmationDocument::check_code`]): without the secret a code cannot be computed, and a
/// guess is right once in 2⁸⁰. The code is derived again whenever it is needed, so the store
/// never keeps it.
///
/// # Errors
/// [`InputError::Malformed`] for any other shape (lower-case letters included: a code is
/// refused, not corrected).
///
/// # Example
/// ```
/// use cqnet_core::certificate::ConfirmationCode;
/// let code = ConfirmationCode::new("7K2M-9QXA-4RTV-0HJP")?;
/// assert_eq!(code.as_str(), "7K2M-9QXA-4RTV-0HJP");
/// assert!(ConfirmationCode::new("7K2M-9QXA-4RTV-0HJ").is_err()); // too short
/// assert!(ConfirmationCode::new("7K2M-9QXA-4RTV-0HJI").is_err()); // I is not in the alphabet
/// assert!(ConfirmationCode::new("7k2m-9qxa-4rtv-0hjp").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConfirmationCode(String);

impl ConfirmationCode {
    /// Parses a check code, `XXXX-XXXX-XXXX-XXXX` in Crockford's base 32.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for any other shape.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationCode;
    /// assert!(ConfirmationCode::new("0000-0000-0000-0000").is_ok());
    /// assert!(ConfirmationCode::new("00000000-0000-0000").is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let b = text.as_bytes();
        let ok = b.len() == CODE_CHARS + 3
            && b.iter().enumerate().all(|(i, c)| {
                if i % 5 == 4 {
                    *c == b'-'
                } else {
                    CODE_ALPHABET.contains(c)
                }
            });
        if !ok {
            return Err(InputError::Malformed {
                what: "confirmation check code",
                value: InputError::quoted(text),
                expected: "XXXX-XXXX-XXXX-XXXX: digits and upper-case letters but I, L, O and U",
            });
        }
        Ok(ConfirmationCode(text.to_owned()))
    }

    /// The code of the first 80 bits of `digest`, five bits a character.
    fn of_digest(digest: &[u8; 32]) -> Self {
        let mut text = String::with_capacity(CODE_CHARS + 3);
        for i in 0..CODE_CHARS {
            if i > 0 && i % 4 == 0 {
                text.push('-');
            }
            let bit = i * 5;
            let pair = u16::from_be_bytes([digest[bit / 8], digest[bit / 8 + 1]]);
            let index = (pair >> (11 - bit % 8)) & 0x1f;
            text.push(char::from(CODE_ALPHABET[usize::from(index)]));
        }
        ConfirmationCode(text)
    }

    /// Whether `other` is this code, compared in constant time (the time does not tell how many
    /// characters of a guess were right).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationCode;
    /// let code = ConfirmationCode::example();
    /// assert!(code.matches(&ConfirmationCode::new(code.as_str())?));
    /// assert!(!code.matches(&ConfirmationCode::new("0000-0000-0000-0000")?));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn matches(&self, other: &ConfirmationCode) -> bool {
        same_bytes(self.0.as_bytes(), other.0.as_bytes())
    }

    /// A well-formed code for documentation and tests: `7K2M-9QXA-4RTV-0HJP`, written by
    /// hand, not derived from any document.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::ConfirmationCode;
    /// assert_eq!(ConfirmationCode::example().as_str(), "7K2M-9QXA-4RTV-0HJP");
    /// ```
    pub fn example() -> Self {
        ConfirmationCode("7K2M-9QXA-4RTV-0HJP".to_owned())
    }
}

id_newtype!(ConfirmationCode);

/// A confirmation document (자격취득사실 확인서, "Confirmation of National Technical Qualification
/// Holder") as the store keeps it. Its check code is not kept: it is derived from the document
/// and the host's secret ([`ConfirmationDocument::check_code`]).
///
/// # Example
/// See [`verify_confirmation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationDocument {
    /// The document number, which carries the issue instant.
    pub number: ConfirmationNumber,
    /// The qualification it confirms.
    pub qualification_number: QualificationNumber,
    /// The holder's name.
    pub holder: PrintedName,
    /// The qualification's name.
    pub qualification_name: PrintedName,
    /// The pass date.
    pub pass_date: NaiveDate,
}

impl ConfirmationDocument {
    /// The check code (확인번호) to print beside the document's number: the first 80 bits of
    /// the HMAC-SHA256 under `secret` of the number, the qualification number, the holder, the
    /// qualification and the pass date (each length-prefixed, after the label
    /// `cqnet/confirmation-code/v1`). A document whose stored details were changed no longer
    /// matches its printed code.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{ConfirmationDocument, ConfirmationSecret, PrintedName};
    /// let doc = ConfirmationDocument::example();
    /// let code = doc.check_code(&ConfirmationSecret::example());
    /// assert_eq!(code, doc.check_code(&ConfirmationSecret::example())); // deterministic
    /// let other_key = ConfirmationSecret::new(&[9, 8, 7, 6].repeat(8))?;
    /// assert_ne!(code, doc.check_code(&other_key));
    /// let renamed = ConfirmationDocument { holder: PrintedName::new("김위조")?, ..doc };
    /// assert_ne!(code, renamed.check_code(&ConfirmationSecret::example()));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn check_code(&self, secret: &ConfirmationSecret) -> ConfirmationCode {
        let pass_date = self.pass_date.to_string();
        let mut message = Vec::with_capacity(160);
        for part in [
            "cqnet/confirmation-code/v1",
            self.number.as_str(),
            self.qualification_number.as_str(),
            self.holder.as_str(),
            self.qualification_name.as_str(),
            pass_date.as_str(),
        ] {
            // Length-prefixed, so that no two different documents give the same bytes.
            message.extend_from_slice(&(part.len() as u64).to_be_bytes());
            message.extend_from_slice(part.as_bytes());
        }
        ConfirmationCode::of_digest(&hmac_sha256(&secret.0, &message))
    }

    /// A document for documentation and tests: [`ConfirmationNumber::example`] of
    /// [`QualificationNumber::example`], 김민준's 정보처리산업기사 passed on 2026-04-10.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::ConfirmationDocument;
    /// assert_eq!(ConfirmationDocument::example().holder.as_str(), "김민준");
    /// ```
    pub fn example() -> Self {
        #[allow(clippy::expect_used)] // constant, valid example data
        ConfirmationDocument {
            number: ConfirmationNumber::example(),
            qualification_number: QualificationNumber::example(),
            holder: PrintedName::example(),
            qualification_name: PrintedName::new("정보처리산업기사").expect("a valid name"),
            pass_date: NaiveDate::from_ymd_opt(2026, 4, 10).unwrap_or_default(),
        }
    }
}

/// What a check of a confirmation document asks: the number and the check code printed on it.
///
/// # Example
/// See [`verify_confirmation`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationQuery {
    /// The document number (문서번호 or 발급번호), `HRD-YYYYMMDDhhmmss-NNNNN`.
    pub number: ConfirmationNumber,
    /// The check code (확인번호) printed beside it.
    pub code: ConfirmationCode,
}

/// A holder's name as a check of a confirmation document shows it: the first and the last
/// character kept and every other one but a blank written `*` (김민준 → 김*준, 이하나래 → 이**래),
/// a name of two characters as its first and `*` (김민 → 김*), one character as `*`. Enough for
/// a relying party to see that the document names the person before them, not enough to
/// learn a name.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{PrintedName, mask_name};
/// let mask = |s: &str| mask_name(&PrintedName::new(s).unwrap());
/// assert_eq!(mask("김민준"), "김*준");
/// assert_eq!(mask("남궁민수"), "남**수");
/// assert_eq!(mask("김민"), "김*");
/// assert_eq!(mask("JOHN SMITH"), "J*** ****H");
/// ```
pub fn mask_name(name: &PrintedName) -> String {
    let chars: Vec<char> = name.as_str().chars().collect();
    let last = chars.len().saturating_sub(1);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match i {
            _ if c == ' ' => ' ',
            0 if chars.len() > 1 => c,
            i if i == last && chars.len() > 2 => c,
            _ => '*',
        })
        .collect()
}

/// The first instant at which a confirmation document no longer verifies: the start of the
/// Korean day after the last day of `certificates.confirmation_verifiable_days`, counted from
/// the day after issue (민법 제157조: the first day is not counted). With 90 days, a document
/// issued on 2026-06-01 verifies until 2026-08-30 23:59:59 KST.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{confirmation_verifiable_until, ConfirmationNumber};
/// use cqnet_core::rules::RulePack;
/// let rules = RulePack::embedded().newest();
/// let until = confirmation_verifiable_until(&ConfirmationNumber::example(), &rules);
/// assert_eq!(until.to_rfc3339(), "2026-08-31T00:00:00+09:00");
/// ```
pub fn confirmation_verifiable_until(
    number: &ConfirmationNumber,
    rules: &Rules,
) -> DateTime<FixedOffset> {
    let days = u64::from(rules.certificates.confirmation_verifiable_days.value);
    let issue_day = korean_date(number.issued_at());
    let end_day = issue_day
        .checked_add_days(Days::new(days.saturating_add(1)))
        .unwrap_or(NaiveDate::MAX);
    kst()
        .from_local_datetime(&end_day.and_time(NaiveTime::MIN))
        .single()
        .unwrap_or_else(|| number.issued_at())
}

/// The document a check compares against when the store found none, so that an unknown
/// number costs the same HMAC and comparisons as a known one.
fn decoy() -> &'static ConfirmationDocument {
    static DECOY: OnceLock<ConfirmationDocument> = OnceLock::new();
    DECOY.get_or_init(ConfirmationDocument::example)
}

/// Answers an authenticity check of a confirmation document by its number and check code,
/// given what the store found under that number (`None` for nothing), the qualification's
/// cancellation if any, the host's secret and `now`. `rules` are the values in force on the
/// document's issue date (the day its number carries).
///
/// | answer | when |
/// |---|---|
/// | `valid`, disclosing the holder's name masked ([`mask_name`]), the qualification, the pass date and the issue date | the number and the code match, the document is in its verification period ([`confirmation_verifiable_until`]) and the qualification is not cancelled |
/// | `revoked`, disclosing nothing | the number and the code match, in the period, of a cancelled qualification |
/// | [`VerificationAnswer::no_match`] | anything else: an unknown number, a wrong code, a document past its period or not yet issued |
///
/// Every path does the same work: one HMAC (of the found document, or of a decoy when none
/// was found), the same comparisons, each in constant time, and no early return; an expired
/// document answers exactly as one never issued, so the answer does not tell that a number
/// exists.
///
/// # Example
/// ```
/// use cqnet_core::certificate::*;
/// use cqnet_core::rules::RulePack;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let rules = RulePack::embedded().rules_at("2026-06-01".parse().unwrap())?;
/// let secret = ConfirmationSecret::example();
/// let doc = ConfirmationDocument::example(); // issued 2026-06-01 09:30 KST
/// let query = ConfirmationQuery { number: doc.number.clone(), code: doc.check_code(&secret) };
/// let check = |q: &ConfirmationQuery, now| verify_confirmation(q, Some(&doc), None, &secret, t(now), &rules);
/// let valid = check(&query, "2026-08-30T23:59:59+09:00");
/// assert_eq!(valid.status, VerificationStatus::Valid);
/// assert_eq!(valid.disclosure.unwrap().holder_name, "김*준");
/// // past its period, with a wrong code, or never issued: one answer
/// assert_eq!(check(&query, "2026-08-31T00:00:00+09:00"), VerificationAnswer::no_match());
/// let guess = ConfirmationQuery { code: ConfirmationCode::example(), ..query.clone() };
/// assert_eq!(check(&guess, "2026-07-01T00:00:00+09:00"), VerificationAnswer::no_match());
/// let unknown = verify_confirmation(&query, None, None, &secret, t("2026-07-01T00:00:00+09:00"), &rules);
/// assert_eq!(unknown, VerificationAnswer::no_match());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_confirmation(
    query: &ConfirmationQuery,
    found: Option<&ConfirmationDocument>,
    revocation: Option<&Revocation>,
    secret: &ConfirmationSecret,
    now: DateTime<FixedOffset>,
    rules: &Rules,
) -> VerificationAnswer {
    let (doc, known) = match found {
        Some(doc) => (doc, true),
        None => (decoy(), false),
    };
    let code_matches = doc.check_code(secret).matches(&query.code);
    let number_matches = same_bytes(
        doc.number.as_str().as_bytes(),
        query.number.as_str().as_bytes(),
    );
    let issued_at = query.number.issued_at();
    let in_period = issued_at <= now && now < confirmation_verifiable_until(&query.number, rules);
    let revoked = revocation.is_some_and(|r| r.at <= now);
    // Every part is computed before any is looked at: `&` does not stop at the first false.
    let genuine = known & number_matches & code_matches & in_period;
    let disclosure = Disclosure {
        holder_name: mask_name(&doc.holder),
        qualification_name: doc.qualification_name.as_str().to_owned(),
        pass_date: doc.pass_date,
        issue_date: korean_date(issued_at),
    };
    match (genuine, revoked) {
        (true, false) => VerificationAnswer::matched(VerificationStatus::Valid, Some(disclosure)),
        (true, true) => VerificationAnswer::matched(VerificationStatus::Revoked, None),
        (false, _) => VerificationAnswer::no_match(),
    }
}

#[cfg(test)]
mod tests;
