//! Keyset positions and the opaque cursors that carry them between pages.
//!
//! A page ends at the sort key and id of its last result; the next page holds the results
//! after that position in the same order. Rows added meanwhile fall before or after the
//! position by their own key, so a page never repeats a result and never skips one that was
//! there when the search started. A cursor carries the position, the fingerprint of the query
//! it belongs to and a check of both, so a cursor of another query, or one changed by hand, is
//! refused with a typed error. A cursor is not a secret: it names only where a page of a
//! public search ends.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::SearchError;

/// The longest cursor text read.
const MAX_CURSOR_CHARS: usize = 1024;
const LAYOUT: u8 = 1;
const CHECK_BYTES: usize = 8;
const CHECK_DOMAIN: &[u8] = b"cqnet search cursor v1";

/// The fingerprint of a query: its filters, sort and page size, hashed.
pub(crate) type Fingerprint = [u8; 16];

/// The sort key of a result: a name or a training start date.
///
/// # Example
/// ```
/// use cqnet_store::search::SortKey;
/// assert!(SortKey::Name("가".into()) < SortKey::Name("나".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SortKey {
    /// A name, compared by its UTF-8 bytes (Unicode code point order).
    Name(String),
    /// A training start date.
    StartDate(NaiveDate),
}

/// Where a page ends: the sort key and the id of its last result (a qualification code, an
/// institution or course id as text). Results are ordered by key, then by id.
///
/// # Example
/// ```
/// use cqnet_store::search::{Position, SortKey};
/// let a = Position::new(SortKey::Name("용접기능사".into()), "1111");
/// let b = Position::new(SortKey::Name("용접기능사".into()), "2222");
/// assert!(a < b);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    key: SortKey,
    id: String,
}

impl Position {
    /// A position.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::{Position, SortKey};
    /// let p = Position::new(SortKey::StartDate("2026-03-02".parse().unwrap()), "course-1");
    /// assert_eq!(p.id(), "course-1");
    /// ```
    pub fn new(key: SortKey, id: impl Into<String>) -> Self {
        Position { key, id: id.into() }
    }

    /// The sort key.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::{Position, SortKey};
    /// assert_eq!(Position::new(SortKey::Name("a".into()), "1").key(), &SortKey::Name("a".into()));
    /// ```
    pub fn key(&self) -> &SortKey {
        &self.key
    }

    /// The id that orders results of the same key.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::{Position, SortKey};
    /// assert_eq!(Position::new(SortKey::Name("a".into()), "1").id(), "1");
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// An opaque cursor: where the page it came with ends, for the query it came from. Hand its
/// text back to ask for the next page ([`Query::after`](crate::search::Query::after)).
///
/// # Errors
/// [`Cursor::parse`] refuses text that cannot be a cursor ([`SearchError::CursorMalformed`]);
/// the query it is handed to checks the rest.
///
/// # Example
/// ```
/// use cqnet_store::search::{Cursor, SearchError};
/// assert_eq!(Cursor::parse("not a cursor!"), Err(SearchError::CursorMalformed));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cursor(String);

impl Cursor {
    /// Reads a cursor's text (as a host received it back from a client).
    ///
    /// # Errors
    /// [`SearchError::CursorMalformed`] for empty or over-long text, or characters outside
    /// the URL-safe base64 alphabet.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::Cursor;
    /// assert!(Cursor::parse("").is_err());
    /// assert!(Cursor::parse("AQ").is_ok()); // read, though no query would take it
    /// ```
    pub fn parse(text: &str) -> Result<Cursor, SearchError> {
        let ok = !text.is_empty()
            && text.len() <= MAX_CURSOR_CHARS
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !ok {
            return Err(SearchError::CursorMalformed);
        }
        Ok(Cursor(text.to_owned()))
    }

    /// The cursor's text, to hand to a client.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::Cursor;
    /// assert_eq!(Cursor::parse("AQ")?.as_str(), "AQ");
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The cursor of a position of the query with this fingerprint.
    pub(crate) fn encode(fingerprint: &Fingerprint, position: &Position) -> Cursor {
        let mut bytes = vec![LAYOUT];
        bytes.extend_from_slice(fingerprint);
        match &position.key {
            SortKey::Name(name) => {
                bytes.push(b'N');
                push_field(&mut bytes, name.as_bytes());
            }
            SortKey::StartDate(date) => {
                bytes.push(b'D');
                push_field(&mut bytes, date.to_string().as_bytes());
            }
        }
        bytes.extend_from_slice(position.id.as_bytes());
        let check = check_of(&bytes);
        bytes.extend_from_slice(&check);
        Cursor(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The position this cursor carries, when it belongs to the query with this fingerprint.
    pub(crate) fn decode(&self, fingerprint: &Fingerprint) -> Result<Position, SearchError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(&self.0)
            .map_err(|_| SearchError::CursorMalformed)?;
        let Some(body_len) = bytes.len().checked_sub(CHECK_BYTES) else {
            return Err(SearchError::CursorMalformed);
        };
        let (body, check) = bytes.split_at(body_len);
        if body.len() < 1 + fingerprint.len() + 1 + 2 {
            return Err(SearchError::CursorMalformed);
        }
        if check_of(body) != check {
            return Err(SearchError::CursorTampered);
        }
        if body[0] != LAYOUT {
            return Err(SearchError::CursorMalformed);
        }
        let (their_fingerprint, rest) = body[1..].split_at(fingerprint.len());
        if their_fingerprint != fingerprint {
            return Err(SearchError::CursorOfAnotherQuery);
        }
        let (kind, rest) = (rest[0], &rest[1..]);
        let (key, id) = take_field(rest).ok_or(SearchError::CursorMalformed)?;
        let text = |b: &[u8]| {
            std::str::from_utf8(b)
                .map(str::to_owned)
                .map_err(|_| SearchError::CursorMalformed)
        };
        let key = match kind {
            b'N' => SortKey::Name(text(key)?),
            b'D' => SortKey::StartDate(
                text(key)?
                    .parse()
                    .map_err(|_| SearchError::CursorMalformed)?,
            ),
            _ => return Err(SearchError::CursorMalformed),
        };
        Ok(Position { key, id: text(id)? })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn push_field(bytes: &mut Vec<u8>, field: &[u8]) {
    // Keys are names of at most a few hundred bytes; a longer one is cut to what fits, which
    // only a record no constructor accepts could have.
    let len = field.len().min(usize::from(u16::MAX));
    bytes.extend_from_slice(&(len as u16).to_be_bytes());
    bytes.extend_from_slice(&field[..len]);
}

fn take_field(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let len = usize::from(u16::from_be_bytes([*bytes.first()?, *bytes.get(1)?]));
    let rest = bytes.get(2..)?;
    (rest.len() >= len).then(|| rest.split_at(len))
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn positions() -> Vec<Position> {
        vec![
            Position::new(SortKey::Name("용접산업기사".into()), "1330"),
            Position::new(SortKey::Name(String::new()), ""),
            Position::new(
                SortKey::StartDate("2026-03-02".parse().unwrap()),
                "00000000-0000-0000-0000-000000000007",
            ),
        ]
    }

    #[test]
    fn a_cursor_carries_its_position_back_to_its_own_query() {
        let fp = [7; 16];
        for p in positions() {
            let cursor = Cursor::encode(&fp, &p);
            let read = Cursor::parse(cursor.as_str()).unwrap();
            assert_eq!(read.decode(&fp).unwrap(), p);
            assert_eq!(
                read.decode(&[8; 16]),
                Err(SearchError::CursorOfAnotherQuery)
            );
        }
    }

    #[test]
    fn every_changed_byte_of_a_cursor_is_refused() {
        let fp = [3; 16];
        for p in positions() {
            let bytes = URL_SAFE_NO_PAD
                .decode(Cursor::encode(&fp, &p).as_str())
                .unwrap();
            for i in 0..bytes.len() {
                for flip in [1u8, 0x80] {
                    let mut changed = bytes.clone();
                    changed[i] ^= flip;
                    let cursor = Cursor::parse(&URL_SAFE_NO_PAD.encode(&changed)).unwrap();
                    let answer = cursor.decode(&fp);
                    assert!(
                        matches!(
                            answer,
                            Err(SearchError::CursorTampered | SearchError::CursorMalformed)
                        ),
                        "byte {i} ^ {flip}: {answer:?}"
                    );
                }
            }
            // Cut short, or with bytes added.
            for cut in 0..bytes.len() {
                let cursor = Cursor::parse(&URL_SAFE_NO_PAD.encode(&bytes[..cut]));
                if let Ok(cursor) = cursor {
                    assert!(cursor.decode(&fp).is_err(), "cut at {cut}");
                }
            }
        }
    }
}
