//! The shared rule of idempotent retries, so that every adapter answers a retry the same way.
//!
//! An adapter keeps, per [`IdempotencyKey`], the command's [`Fingerprint`] (a SHA-256 digest of
//! the command's canonical JSON, 64 hex digits whatever the payload's size) and an answer, in
//! the same transaction as the command. A later command with the same key is a retry when its
//! fingerprint is equal (the first answer is returned, nothing is applied again) and a
//! [`StoreError::IdempotencyConflict`] otherwise.
//!
//! The answer kept is the command's result as JSON ([`encode_result`], [`replay`]), except for
//! ledger appends: a [`LedgerReceipt`] (first position and count) stands for the entries, and a
//! replay reads them back from the ledger ([`replay_ledger`], [`rebuild`]). The ledgers are
//! append-only, so the entries are still there and equal to those first returned, and a batch
//! of any size keeps a few bytes instead of its whole result.
//!
//! Keys recorded by earlier versions (the full canonical JSON as fingerprint, the full entries
//! as answer) are still answered alike: [`Fingerprint::matches`] accepts either form and
//! [`replay_ledger`] reads either answer.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::training::{AttendanceEntry, EvaluationEntry, NewAttendance, NewEvaluation};
use crate::{Actor, IdempotencyKey, Seq};
use crate::{StoreError, StoreResult};

/// The fingerprint of a command: its name, its actor and its payload (not its time, which a
/// retry changes), as the SHA-256 digest of their canonical JSON.
///
/// # Example
/// ```
/// use cqnet_store::{idempotency::fingerprint, Actor, Role};
/// let a = Actor::new("a", Role::System)?;
/// let print = fingerprint("enroll", &a, &1)?;
/// assert_eq!(print.as_str().len(), 64);
/// assert!(print.matches(fingerprint("enroll", &a, &1)?.as_str()));
/// assert!(!print.matches(fingerprint("enroll", &a, &2)?.as_str()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    digest: String,
}

impl Fingerprint {
    /// The digest to store with the key (64 lowercase hex digits).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{idempotency::fingerprint, Actor, Role};
    /// let me = Actor::new("kim.staff", Role::System)?;
    /// let print = fingerprint("enroll", &me, &"payload")?;
    /// assert_eq!(print.as_str().len(), 64);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.digest
    }

    /// Whether a stored fingerprint is this one: its digest, or (for keys recorded before
    /// fingerprints were digests) its canonical JSON.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{idempotency::fingerprint, Actor, Role};
    /// let me = Actor::new("kim.staff", Role::System)?;
    /// let print = fingerprint("enroll", &me, &"payload")?;
    /// assert!(print.matches(print.as_str()));
    /// assert!(!print.matches("another digest"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn matches(&self, stored: &str) -> bool {
        // An old key's canonical JSON is this command's when its digest is this digest.
        stored == self.digest || hex_digest(Sha256::digest(stored.as_bytes())) == self.digest
    }
}

/// Feeds what is written into a SHA-256 digest, so that a payload is hashed as it is
/// serialized, without its JSON held in memory (a batch of 10,000 entries is megabytes).
struct Hashing(Sha256);

impl std::io::Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A digest as 64 lowercase hex digits.
fn hex_digest(bytes: impl AsRef<[u8]>) -> String {
    let mut digest = String::with_capacity(64);
    for byte in bytes.as_ref() {
        // Writing to a String cannot fail.
        let _ = write!(digest, "{byte:02x}");
    }
    digest
}

/// The fingerprint of a command (see [`Fingerprint`]).
///
/// # Errors
/// [`StoreError::Corrupt`] if the payload cannot be serialized (never for the crate's types).
///
/// # Example
/// See [`Fingerprint`].
pub fn fingerprint<P: Serialize + ?Sized>(
    command: &str,
    actor: &Actor,
    payload: &P,
) -> StoreResult<Fingerprint> {
    let corrupt = |detail: String| StoreError::Corrupt {
        what: "command payload",
        detail,
    };
    // The serializer writes a few bytes at a time; the digest takes them a block at a time.
    let mut hashing = std::io::BufWriter::with_capacity(16 * 1024, Hashing(Sha256::new()));
    serde_json::to_writer(&mut hashing, &(command, actor, payload))
        .map_err(|e| corrupt(e.to_string()))?;
    let hashing = hashing
        .into_inner()
        .map_err(|e| corrupt(e.error().to_string()))?;
    Ok(Fingerprint {
        digest: hex_digest(hashing.0.finalize()),
    })
}

/// Serializes a result to keep with its key.
///
/// # Errors
/// [`StoreError::Corrupt`] if the value cannot be serialized.
///
/// # Example
/// ```
/// assert_eq!(cqnet_store::idempotency::encode_result(&vec![1, 2])?, "[1,2]");
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
pub fn encode_result<T: Serialize + ?Sized>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt {
        what: "command result",
        detail: e.to_string(),
    })
}

fn check_print(
    key: &IdempotencyKey,
    stored_fingerprint: &str,
    fingerprint: &Fingerprint,
) -> StoreResult<()> {
    if fingerprint.matches(stored_fingerprint) {
        Ok(())
    } else {
        Err(StoreError::IdempotencyConflict {
            key: key.as_str().to_owned(),
        })
    }
}

fn decode<T: DeserializeOwned>(stored_result: &str) -> StoreResult<T> {
    serde_json::from_str(stored_result).map_err(|e| StoreError::Corrupt {
        what: "stored command result",
        detail: e.to_string(),
    })
}

/// Answers a command whose key was seen before: the stored result when the fingerprints are
/// equal, a conflict otherwise.
///
/// # Errors
/// [`StoreError::IdempotencyConflict`] for another command under the same key;
/// [`StoreError::Corrupt`] if the stored result does not read back.
///
/// # Example
/// ```
/// use cqnet_store::{idempotency::{fingerprint, replay}, Actor, IdempotencyKey, Role, StoreError};
/// let (key, a) = (IdempotencyKey::new("k")?, Actor::new("a", Role::System)?);
/// let f1 = fingerprint("enroll", &a, &1)?;
/// let again: Vec<u8> = replay(&key, f1.as_str(), "[1]", &f1)?;
/// assert_eq!(again, vec![1]);
/// let f2 = fingerprint("enroll", &a, &2)?;
/// assert!(matches!(replay::<Vec<u8>>(&key, f1.as_str(), "[1]", &f2), Err(StoreError::IdempotencyConflict { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn replay<T: DeserializeOwned>(
    key: &IdempotencyKey,
    stored_fingerprint: &str,
    stored_result: &str,
    fingerprint: &Fingerprint,
) -> StoreResult<T> {
    check_print(key, stored_fingerprint, fingerprint)?;
    decode(stored_result)
}

/// What a ledger append keeps as its answer: the positions of the entries it committed,
/// `first .. first + count`. The entries themselves are read back from the ledger.
///
/// # Example
/// ```
/// use cqnet_store::{idempotency::LedgerReceipt, Seq};
/// let receipt = LedgerReceipt::new(Seq::new(7), 3);
/// assert_eq!(receipt.end(), 10);
/// assert_eq!(receipt.encode()?, r#"{"first":7,"count":3}"#);
/// # Ok::<(), cqnet_store::StoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerReceipt {
    /// The position of the batch's first entry.
    pub first: Seq,
    /// How many entries the batch appended (contiguous positions).
    pub count: u64,
}

impl LedgerReceipt {
    /// The receipt of `count` entries from `first` on.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::idempotency::LedgerReceipt;
    /// use cqnet_store::Seq;
    /// let receipt = LedgerReceipt::new(Seq::new(41), 3);
    /// assert_eq!((receipt.first, receipt.count), (Seq::new(41), 3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(first: Seq, count: usize) -> Self {
        LedgerReceipt {
            first,
            count: count as u64,
        }
    }

    /// The receipt of a committed batch (contiguous positions, as every adapter appends).
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] for an empty batch or positions that are not contiguous.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::idempotency::{LedgerReceipt, LedgerEntry};
    /// use cqnet_store::training::AttendanceEntry;
    /// fn keep(entries: &[AttendanceEntry]) -> cqnet_store::StoreResult<String> {
    ///     LedgerReceipt::of(entries)?.encode()
    /// }
    /// ```
    pub fn of<E: LedgerEntry>(entries: &[E]) -> StoreResult<Self> {
        let first = entries
            .first()
            .map(LedgerEntry::seq)
            .ok_or_else(|| corrupt("an empty batch has no receipt".into()))?;
        let receipt = LedgerReceipt::new(first, entries.len());
        receipt.check(entries)?;
        Ok(receipt)
    }

    /// The position after the batch's last entry.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::idempotency::LedgerReceipt;
    /// use cqnet_store::Seq;
    /// let receipt = LedgerReceipt::new(Seq::new(41), 3);
    /// assert_eq!(receipt.end(), 44);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end(&self) -> u64 {
        self.first.get().saturating_add(self.count)
    }

    /// The receipt as JSON, to keep with the key.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] never in practice (a receipt always serializes).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::idempotency::LedgerReceipt;
    /// use cqnet_store::Seq;
    /// let receipt = LedgerReceipt::new(Seq::new(41), 3);
    /// assert!(receipt.encode()?.contains("41"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn encode(&self) -> StoreResult<String> {
        encode_result(self)
    }

    fn check<E: LedgerEntry>(&self, entries: &[E]) -> StoreResult<()> {
        let contiguous = entries.len() as u64 == self.count
            && entries
                .iter()
                .zip(self.first.get()..)
                .all(|(e, n)| e.seq().get() == n);
        if contiguous {
            Ok(())
        } else {
            Err(corrupt(format!(
                "the ledger does not hold the {} entries from {} that the key's receipt names",
                self.count, self.first
            )))
        }
    }
}

fn corrupt(detail: String) -> StoreError {
    StoreError::Corrupt {
        what: "stored command result",
        detail,
    }
}

/// The stored answer of a ledger append.
///
/// # Example
/// See [`replay_ledger`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerAnswer<E> {
    /// The positions to read back (what is stored now).
    Receipt(LedgerReceipt),
    /// The entries themselves (what earlier versions stored).
    Entries(Vec<E>),
}

/// Answers a ledger append whose key was seen before: the stored answer when the fingerprints
/// are equal (a receipt to read back with [`rebuild`], or the entries an earlier version kept),
/// a conflict otherwise.
///
/// # Errors
/// [`StoreError::IdempotencyConflict`] for another command under the same key;
/// [`StoreError::Corrupt`] if the stored answer does not read back.
///
/// # Example
/// ```
/// use cqnet_store::idempotency::{fingerprint, replay_ledger, LedgerAnswer, LedgerReceipt};
/// use cqnet_store::training::{AttendanceEntry};
/// use cqnet_store::{Actor, IdempotencyKey, Role, Seq};
/// let (key, a) = (IdempotencyKey::new("k")?, Actor::new("a", Role::System)?);
/// let print = fingerprint("append_attendance", &a, &[1])?;
/// let receipt = LedgerReceipt::new(Seq::new(4), 2);
/// let answer = replay_ledger::<AttendanceEntry>(&key, print.as_str(), &receipt.encode()?, &print)?;
/// assert_eq!(answer, LedgerAnswer::Receipt(receipt));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn replay_ledger<E: DeserializeOwned>(
    key: &IdempotencyKey,
    stored_fingerprint: &str,
    stored_result: &str,
    fingerprint: &Fingerprint,
) -> StoreResult<LedgerAnswer<E>> {
    check_print(key, stored_fingerprint, fingerprint)?;
    if stored_result.trim_start().starts_with('{') {
        decode(stored_result).map(LedgerAnswer::Receipt)
    } else {
        decode(stored_result).map(LedgerAnswer::Entries)
    }
}

/// The entries a receipt names, read back from the ledger (`entries`: the ledger's entries at
/// positions `receipt.first .. receipt.end()`, in order), checked against the receipt.
///
/// # Errors
/// [`StoreError::Corrupt`] when the ledger does not hold exactly those positions.
///
/// # Example
/// ```
/// use cqnet_store::idempotency::{rebuild, LedgerReceipt};
/// use cqnet_store::training::{AttendanceEntry};
/// use cqnet_store::{Seq};
/// let none: Vec<AttendanceEntry> = Vec::new();
/// assert!(rebuild(LedgerReceipt::new(Seq::new(1), 2), none).is_err());
/// ```
pub fn rebuild<E: LedgerEntry>(receipt: LedgerReceipt, entries: Vec<E>) -> StoreResult<Vec<E>> {
    receipt.check(&entries)?;
    Ok(entries)
}

/// A committed ledger entry, as the replay of an append needs it.
///
/// # Example
/// ```
/// use cqnet_store::idempotency::LedgerEntry;
/// use cqnet_store::training::AttendanceEntry;
/// fn first_position(entries: &[AttendanceEntry]) -> Option<u64> {
///     entries.first().map(|e| LedgerEntry::seq(e).get())
/// }
/// ```
pub trait LedgerEntry: Sized {
    /// The fact recorded.
    type Fact;
    /// Its position.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, UnitCode};
    /// use cqnet_store::idempotency::LedgerEntry;
    /// use cqnet_store::training::{AttendanceEntry, AttendanceTarget, EnrollmentId, NewAttendance};
    /// use cqnet_store::{Actor, Role, Seq};
    /// let fact = NewAttendance {
    ///     enrollment: EnrollmentId::from_u128(1),
    ///     target: AttendanceTarget::Unit(UnitCode::example()),
    ///     day: "2026-03-03".parse()?,
    ///     hours: Hours::whole(8)?,
    ///     corrects: None,
    /// };
    /// let entry = AttendanceEntry::assemble(Seq::new(5), fact, Actor::new("kim.staff", Role::System)?, "2026-03-03T09:00:00Z".parse()?);
    /// assert_eq!(entry.seq(), Seq::new(5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn seq(&self) -> Seq;
    /// An entry from its stored parts.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Hours, UnitCode};
    /// use cqnet_store::idempotency::LedgerEntry;
    /// use cqnet_store::training::{AttendanceEntry, AttendanceTarget, EnrollmentId, NewAttendance};
    /// use cqnet_store::{Actor, Role, Seq};
    /// let fact = NewAttendance {
    ///     enrollment: EnrollmentId::from_u128(1),
    ///     target: AttendanceTarget::Unit(UnitCode::example()),
    ///     day: "2026-03-03".parse()?,
    ///     hours: Hours::whole(8)?,
    ///     corrects: None,
    /// };
    /// let entry = AttendanceEntry::assemble(Seq::new(5), fact, Actor::new("kim.staff", Role::System)?, "2026-03-03T09:00:00Z".parse()?);
    /// assert_eq!(entry.fact.hours, Hours::whole(8)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn assemble(seq: Seq, fact: Self::Fact, recorded_by: Actor, recorded_at: DateTime<Utc>)
    -> Self;
}

impl LedgerEntry for AttendanceEntry {
    type Fact = NewAttendance;
    fn seq(&self) -> Seq {
        self.seq
    }
    fn assemble(
        seq: Seq,
        fact: NewAttendance,
        recorded_by: Actor,
        recorded_at: DateTime<Utc>,
    ) -> Self {
        AttendanceEntry {
            seq,
            fact,
            recorded_by,
            recorded_at,
        }
    }
}

impl LedgerEntry for EvaluationEntry {
    type Fact = NewEvaluation;
    fn seq(&self) -> Seq {
        self.seq
    }
    fn assemble(
        seq: Seq,
        fact: NewEvaluation,
        recorded_by: Actor,
        recorded_at: DateTime<Utc>,
    ) -> Self {
        EvaluationEntry {
            seq,
            fact,
            recorded_by,
            recorded_at,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::Role;

    #[test]
    fn a_legacy_fingerprint_still_matches() {
        let a = Actor::new("a", Role::System).unwrap();
        let print = fingerprint("enroll", &a, &[1, 2]).unwrap();
        let legacy = serde_json::to_string(&("enroll", &a, &[1, 2])).unwrap();
        assert_eq!(print.as_str(), format!("{:x}", Sha256::digest(&legacy)));
        assert!(print.matches(&legacy));
        assert!(!print.matches(&legacy.replace('2', "3")));
        assert!(print.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn a_receipt_checks_what_it_reads_back() {
        let a = Actor::new("a", Role::System).unwrap();
        let at: DateTime<Utc> = "2026-03-02T09:00:00Z".parse().unwrap();
        let fact = NewAttendance {
            enrollment: crate::training::EnrollmentId::from_u128(1),
            target: crate::training::AttendanceTarget::Ojt,
            day: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            hours: cqnet_core::Hours::whole(8).unwrap(),
            corrects: None,
        };
        let entry = |n| AttendanceEntry::assemble(Seq::new(n), fact.clone(), a.clone(), at);
        let receipt = LedgerReceipt::of(&[entry(3), entry(4)]).unwrap();
        assert_eq!(receipt, LedgerReceipt::new(Seq::new(3), 2));
        assert!(rebuild(receipt, vec![entry(3), entry(4)]).is_ok());
        assert!(rebuild(receipt, vec![entry(3)]).is_err());
        assert!(rebuild(receipt, vec![entry(3), entry(5)]).is_err());
        assert!(LedgerReceipt::of(&[entry(3), entry(5)]).is_err());
        let key = IdempotencyKey::new("k").unwrap();
        let print = fingerprint("c", &a, &1).unwrap();
        let legacy = encode_result(&vec![entry(3)]).unwrap();
        assert_eq!(
            replay_ledger::<AttendanceEntry>(&key, print.as_str(), &legacy, &print).unwrap(),
            LedgerAnswer::Entries(vec![entry(3)])
        );
    }
}
