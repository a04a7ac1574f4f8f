//! Pages of one learning company's records (학습기업의 목록): its learning-work contracts
//! (학습근로계약), its work-study programmes (일학습병행과정) and its company field teachers
//! (기업현장교사), each list in the order of its identifiers.
//!
//! A page is asked with a [`ListPage`]: how many records it holds (1 to [`MAX_LIST_PAGE_SIZE`])
//! and, after the first, the [`ListCursor`] the page before it ended with. A cursor is opaque:
//! it carries the identifier of the last record of its page, the list it belongs to and a
//! check of both, so that text changed by hand, an identifier given as it is, or the cursor of
//! another list does not read ([`ListError`]). Records added meanwhile fall before or after the
//! cursor by their own identifier: a page never repeats a record, and never skips one that was
//! there when the first page was read.
//!
//! # Example
//! ```
//! use cqnet_store::work_study::{ContractId, ListCursor, ListError, ListPage};
//! let first: ListPage<ContractId> = ListPage::new(2)?;
//! assert_eq!(first.size(), 2);
//! assert!(ListPage::<ContractId>::new(0).is_err());
//! assert_eq!(
//!     ListCursor::<ContractId>::parse("00000000-0000-0000-0000-000000000001"),
//!     Err(ListError::CursorMalformed)
//! );
//! # Ok::<(), ListError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cqnet_core::InputError;
use cqnet_core::access::PartyId;
use serde::{Deserialize, Serialize, Serializer};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::{ContractId, ContractStatus, LearningContract, ProgrammeId};
use crate::Versioned;

/// The most records a page of a company's list holds.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{ContractId, ListPage, MAX_LIST_PAGE_SIZE};
/// assert!(ListPage::<ContractId>::new(MAX_LIST_PAGE_SIZE).is_ok());
/// assert!(ListPage::<ContractId>::new(MAX_LIST_PAGE_SIZE + 1).is_err());
/// ```
pub const MAX_LIST_PAGE_SIZE: u32 = 200;

/// The records of a page when the caller names no size ([`ListPage::default`]).
///
/// # Example
/// ```
/// use cqnet_store::work_study::{DEFAULT_LIST_PAGE_SIZE, ListPage, ProgrammeId};
/// assert_eq!(ListPage::<ProgrammeId>::default().size(), DEFAULT_LIST_PAGE_SIZE);
/// ```
pub const DEFAULT_LIST_PAGE_SIZE: u32 = 20;

/// The longest cursor text read.
const MAX_CURSOR_CHARS: usize = 512;
const LAYOUT: u8 = 1;
const CHECK_BYTES: usize = 8;
const CHECK_DOMAIN: &[u8] = b"cqnet work-study list cursor v1";

/// Why a page of a company's list could not be asked: its size, or its cursor.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{ListError, ListPage, ProgrammeId, MAX_LIST_PAGE_SIZE};
/// assert_eq!(
///     ListPage::<ProgrammeId>::new(0),
///     Err(ListError::PageSize { given: 0, max: MAX_LIST_PAGE_SIZE })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ListError {
    /// A page size outside `1..=max` (페이지 크기).
    #[error("a page holds 1 to {max} records, not {given}")]
    PageSize {
        /// The size asked for.
        given: u64,
        /// The largest page, [`MAX_LIST_PAGE_SIZE`].
        max: u32,
    },
    /// Text that is not a cursor of a company's list: wrong characters or length, changed
    /// after it was handed out, or an identifier given as it is.
    #[error("the cursor is not one a company's list handed out")]
    CursorMalformed,
    /// The cursor of another list (a programme's given for the contracts, …).
    #[error("the cursor belongs to the list of {given}, not of {expected}")]
    CursorOfAnotherList {
        /// The list it came from.
        given: &'static str,
        /// The list it was given to.
        expected: &'static str,
    },
}

impl ListError {
    /// The error's stable code, in snake case (`page_size`, `cursor_malformed`,
    /// `cursor_of_another_list`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::work_study::ListError;
    /// assert_eq!(ListError::CursorMalformed.code(), "cursor_malformed");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ListError::PageSize { .. } => "page_size",
            ListError::CursorMalformed => "cursor_malformed",
            ListError::CursorOfAnotherList { .. } => "cursor_of_another_list",
        }
    }
}

mod sealed {
    /// The identifiers a company's list is ordered by; only this module's.
    pub trait Keyed: Ord + Clone {
        /// The list's name, for errors.
        const LIST: &'static str;
        /// The list's byte in a cursor.
        const TAG: u8;
        /// The identifier as text.
        fn key(&self) -> String;
        /// The identifier of its text.
        fn of_key(text: &str) -> Option<Self>;
    }
}

/// The identifier a company's list is ordered by: a contract's [`ContractId`], a programme's
/// [`ProgrammeId`], a field teacher's [`PartyId`]. Sealed: the lists are the library's.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{ContractId, ListKey};
/// fn ordered<K: ListKey>(a: &K, b: &K) -> bool { a < b }
/// assert!(ordered(&ContractId::from_u128(1), &ContractId::from_u128(2)));
/// ```
pub trait ListKey: sealed::Keyed {}

impl sealed::Keyed for ContractId {
    const LIST: &'static str = "learning contracts";
    const TAG: u8 = b'C';
    fn key(&self) -> String {
        self.to_string()
    }
    fn of_key(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}
impl ListKey for ContractId {}

impl sealed::Keyed for ProgrammeId {
    const LIST: &'static str = "work-study programmes";
    const TAG: u8 = b'P';
    fn key(&self) -> String {
        self.to_string()
    }
    fn of_key(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}
impl ListKey for ProgrammeId {}

impl sealed::Keyed for PartyId {
    const LIST: &'static str = "field teachers";
    const TAG: u8 = b'T';
    fn key(&self) -> String {
        self.as_str().to_owned()
    }
    fn of_key(text: &str) -> Option<Self> {
        PartyId::new(text).ok()
    }
}
impl ListKey for PartyId {}

/// Where a page of a company's list ended: the identifier of its last record, read back from
/// the opaque text a page handed out ([`RecordPage::next`]).
///
/// # Errors
/// [`ListCursor::parse`] refuses text that is not a cursor of this list.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{ListCursor, ListError, ProgrammeId};
/// assert_eq!(ListCursor::<ProgrammeId>::parse(""), Err(ListError::CursorMalformed));
/// assert_eq!(ListCursor::<ProgrammeId>::parse("not a cursor!"), Err(ListError::CursorMalformed));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ListCursor<K> {
    text: String,
    last: K,
}

impl<K: ListKey> ListCursor<K> {
    /// Reads a cursor's text, as a page handed it out.
    ///
    /// # Errors
    /// [`ListError::CursorMalformed`] for text that is not a cursor of a company's list (empty,
    /// too long, outside the URL-safe base64 alphabet, changed after it was handed out, an
    /// identifier given as it is); [`ListError::CursorOfAnotherList`] for the cursor of
    /// another list.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::work_study::{ListCursor, ListError};
    /// assert_eq!(ListCursor::<PartyId>::parse("teacher-1"), Err(ListError::CursorMalformed));
    /// ```
    pub fn parse(text: &str) -> Result<Self, ListError> {
        let alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if text.is_empty() || text.len() > MAX_CURSOR_CHARS || !text.bytes().all(alphabet) {
            return Err(ListError::CursorMalformed);
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| ListError::CursorMalformed)?;
        let Some(body_len) = bytes.len().checked_sub(CHECK_BYTES) else {
            return Err(ListError::CursorMalformed);
        };
        let (body, check) = bytes.split_at(body_len);
        if body.len() < 3 || check_of(body) != check || body[0] != LAYOUT {
            return Err(ListError::CursorMalformed);
        }
        if body[1] != K::TAG {
            return Err(match list_of(body[1]) {
                Some(given) => ListError::CursorOfAnotherList {
                    given,
                    expected: K::LIST,
                },
                None => ListError::CursorMalformed,
            });
        }
        let last = std::str::from_utf8(&body[2..])
            .ok()
            .and_then(K::of_key)
            .ok_or(ListError::CursorMalformed)?;
        Ok(ListCursor {
            text: text.to_owned(),
            last,
        })
    }

    /// The cursor of a page that ends with the record of `last`.
    pub(crate) fn at(last: &K) -> Self {
        let mut body = vec![LAYOUT, K::TAG];
        body.extend_from_slice(last.key().as_bytes());
        let check = check_of(&body);
        body.extend_from_slice(&check);
        ListCursor {
            text: URL_SAFE_NO_PAD.encode(body),
            last: last.clone(),
        }
    }

    /// The cursor's text, to hand to a client.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::work_study::{ContractId, ListCursor};
    /// fn text(cursor: &ListCursor<ContractId>) -> String { cursor.as_str().to_owned() }
    /// let _ = text;
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// The name of the list of a cursor's tag.
fn list_of(tag: u8) -> Option<&'static str> {
    use sealed::Keyed;
    [
        (ContractId::TAG, ContractId::LIST),
        (ProgrammeId::TAG, ProgrammeId::LIST),
        (PartyId::TAG, PartyId::LIST),
    ]
    .into_iter()
    .find(|(t, _)| *t == tag)
    .map(|(_, list)| list)
}

fn check_of(body: &[u8]) -> [u8; CHECK_BYTES] {
    let digest = Sha256::new()
        .chain_update(CHECK_DOMAIN)
        .chain_update(body)
        .finalize();
    let mut check = [0; CHECK_BYTES];
    check.copy_from_slice(&digest[..CHECK_BYTES]);
    check
}

impl<K> fmt::Debug for ListCursor<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ListCursor").field(&self.text).finish()
    }
}

impl<K> fmt::Display for ListCursor<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<K> Serialize for ListCursor<K> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// One page of a company's list to read: how many records it holds and, after the first, the
/// cursor of the page before.
///
/// # Errors
/// [`ListPage::new`] refuses a size outside `1..=`[`MAX_LIST_PAGE_SIZE`].
///
/// # Example
/// ```
/// use cqnet_store::work_study::{ContractId, ListPage};
/// let page = ListPage::<ContractId>::new(50)?;
/// assert!(page.cursor().is_none());
/// # Ok::<(), cqnet_store::work_study::ListError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage<K> {
    size: u32,
    after: Option<ListCursor<K>>,
}

impl<K: ListKey> ListPage<K> {
    /// The first page, of `size` records.
    ///
    /// # Errors
    /// [`ListError::PageSize`] for 0 or more than [`MAX_LIST_PAGE_SIZE`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_store::work_study::ListPage;
    /// assert!(ListPage::<PartyId>::new(200).is_ok() && ListPage::<PartyId>::new(201).is_err());
    /// ```
    pub fn new(size: u32) -> Result<Self, ListError> {
        if !(1..=MAX_LIST_PAGE_SIZE).contains(&size) {
            return Err(ListError::PageSize {
                given: u64::from(size),
                max: MAX_LIST_PAGE_SIZE,
            });
        }
        Ok(ListPage { size, after: None })
    }

    /// The page of the same size after the one `cursor` came with.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::work_study::{ContractId, ListCursor, ListPage};
    /// fn next(page: ListPage<ContractId>, cursor: &ListCursor<ContractId>) -> ListPage<ContractId> {
    ///     page.after(cursor)
    /// }
    /// let _ = next;
    /// ```
    pub fn after(self, cursor: &ListCursor<K>) -> Self {
        ListPage {
            after: Some(cursor.clone()),
            ..self
        }
    }

    /// How many records the page holds at most.
    ///
    /// # Example
    /// See [`ListPage`].
    pub fn size(&self) -> u32 {
        self.size
    }

    /// The cursor of the page before; `None` for the first.
    ///
    /// # Example
    /// See [`ListPage`].
    pub fn cursor(&self) -> Option<&ListCursor<K>> {
        self.after.as_ref()
    }

    /// The page of `records`: those after the cursor, in the order of `key`, the first
    /// [`size`](Self::size) of them, with the cursor of the next page when more follow.
    pub(crate) fn cut<T>(
        &self,
        mut records: Vec<Versioned<T>>,
        key: impl Fn(&T) -> K,
    ) -> RecordPage<T, K> {
        if let Some(after) = &self.after {
            records.retain(|r| key(&r.value) > after.last);
        }
        records.sort_by_cached_key(|r| key(&r.value));
        let size = self.size as usize;
        let next = if records.len() > size {
            records.truncate(size);
            records.last().map(|r| ListCursor::at(&key(&r.value)))
        } else {
            None
        };
        RecordPage {
            items: records,
            next,
        }
    }
}

impl<K: ListKey> Default for ListPage<K> {
    /// The first page of [`DEFAULT_LIST_PAGE_SIZE`] records.
    fn default() -> Self {
        ListPage {
            size: DEFAULT_LIST_PAGE_SIZE,
            after: None,
        }
    }
}

/// A page of a company's list: its records in the order of their identifiers, each with its
/// version, and the cursor of the next page (`None` on the last).
///
/// # Example
/// ```
/// use cqnet_store::work_study::{ContractId, LearningContract, RecordPage};
/// fn count(page: &RecordPage<LearningContract, ContractId>) -> (usize, bool) {
///     (page.items.len(), page.next.is_some())
/// }
/// let _ = count;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(bound(serialize = "T: Serialize"))]
pub struct RecordPage<T, K> {
    /// The records of this page.
    pub items: Vec<Versioned<T>>,
    /// The cursor of the next page; `None` on the last.
    pub next: Option<ListCursor<K>>,
}

/// A page of a company's learning-work contracts.
pub type ContractPage = RecordPage<LearningContract, ContractId>;
/// A page of a company's work-study programmes.
pub type ProgrammePage = RecordPage<super::Programme, ProgrammeId>;
/// A page of a company's field teachers.
pub type FieldTeacherPage = RecordPage<super::FieldTeacher, PartyId>;

/// Where a contract stands, without its day: what [`ContractFilter::status`] asks.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{ContractStatus, ContractStatusKind};
/// let passed = ContractStatus::Passed { on: "2027-12-10".parse().unwrap() };
/// assert_eq!(ContractStatusKind::of(&passed), ContractStatusKind::Passed);
/// assert_eq!("terminated".parse(), Ok(ContractStatusKind::Terminated));
/// assert!("ended".parse::<ContractStatusKind>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatusKind {
    /// Concluded, not ended by a pass or a termination.
    Active,
    /// Ended by the learner's pass (합격).
    Passed,
    /// Terminated (계약 해지).
    Terminated,
}

impl ContractStatusKind {
    /// Every kind, in order.
    pub const ALL: [ContractStatusKind; 3] = [
        ContractStatusKind::Active,
        ContractStatusKind::Passed,
        ContractStatusKind::Terminated,
    ];

    /// The kind of a contract's status.
    ///
    /// # Example
    /// See [`ContractStatusKind`].
    pub fn of(status: &ContractStatus) -> Self {
        match status {
            ContractStatus::Active => ContractStatusKind::Active,
            ContractStatus::Passed { .. } => ContractStatusKind::Passed,
            ContractStatus::Terminated { .. } => ContractStatusKind::Terminated,
        }
    }

    /// The kind's code, as [`ContractStatus::code`] gives it (`active`, `passed`,
    /// `terminated`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::work_study::ContractStatusKind;
    /// assert_eq!(ContractStatusKind::Active.code(), "active");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ContractStatusKind::Active => "active",
            ContractStatusKind::Passed => "passed",
            ContractStatusKind::Terminated => "terminated",
        }
    }
}

impl FromStr for ContractStatusKind {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ContractStatusKind::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .ok_or_else(|| InputError::Malformed {
                what: "contract status",
                value: s.chars().take(64).collect(),
                expected: "active, passed or terminated",
            })
    }
}

/// Which of a company's contracts a page holds: those of a status, those whose conversion is
/// open ([`LearningContract::conversion_open`]) or not; `None` asks nothing of that.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{ContractFilter, ContractStatusKind};
/// let owed = ContractFilter { status: Some(ContractStatusKind::Passed), conversion_open: Some(true) };
/// assert_ne!(owed, ContractFilter::default());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ContractFilter {
    /// Only contracts of this status.
    pub status: Option<ContractStatusKind>,
    /// Only contracts whose conversion (무기계약 전환, 법 제24조) is open (`true`) or not
    /// (`false`).
    pub conversion_open: Option<bool>,
}

impl ContractFilter {
    /// Whether `contract` is one the filter keeps.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::work_study::{ContractFilter, LearningContract};
    /// fn kept(c: &LearningContract) -> bool { ContractFilter::default().matches(c) }
    /// let _ = kept;
    /// ```
    pub fn matches(&self, contract: &LearningContract) -> bool {
        self.status
            .is_none_or(|s| s == ContractStatusKind::of(&contract.status))
            && self
                .conversion_open
                .is_none_or(|open| open == contract.conversion_open())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::Version;

    fn records(ids: &[u128]) -> Vec<Versioned<ContractId>> {
        ids.iter()
            .map(|n| Versioned {
                value: ContractId::from_u128(*n),
                version: Version::FIRST,
            })
            .collect()
    }

    #[test]
    fn pages_cover_the_list_once_in_order() {
        let all = records(&[5, 1, 4, 2, 3]);
        let mut page = ListPage::<ContractId>::new(2).unwrap();
        let mut seen = Vec::new();
        loop {
            let cut = page.cut(all.clone(), |id| *id);
            assert!(cut.items.len() <= 2);
            seen.extend(cut.items.iter().map(|r| r.value));
            match cut.next {
                Some(next) => {
                    let read = ListCursor::parse(next.as_str()).unwrap();
                    assert_eq!(read, next);
                    page = page.after(&read);
                }
                None => break,
            }
        }
        let mut expected: Vec<ContractId> = all.iter().map(|r| r.value).collect();
        expected.sort();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_cursor_reads_only_as_its_own_list_and_unchanged() {
        let cursor = ListCursor::at(&ContractId::from_u128(7));
        assert_eq!(
            ListCursor::<ProgrammeId>::parse(cursor.as_str()),
            Err(ListError::CursorOfAnotherList {
                given: "learning contracts",
                expected: "work-study programmes"
            })
        );
        let bytes = URL_SAFE_NO_PAD.decode(cursor.as_str()).unwrap();
        for i in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[i] ^= 1;
            let text = URL_SAFE_NO_PAD.encode(&changed);
            assert_eq!(
                ListCursor::<ContractId>::parse(&text),
                Err(ListError::CursorMalformed),
                "byte {i}"
            );
        }
        for cut in 0..bytes.len() {
            let text = URL_SAFE_NO_PAD.encode(&bytes[..cut]);
            assert!(ListCursor::<ContractId>::parse(&text).is_err(), "cut {cut}");
        }
        let teacher = ListCursor::at(&PartyId::new("teacher-1").unwrap());
        assert_eq!(
            ListCursor::<PartyId>::parse(teacher.as_str())
                .unwrap()
                .last
                .as_str(),
            "teacher-1"
        );
    }
}
