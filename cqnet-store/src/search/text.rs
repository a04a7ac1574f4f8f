//! The search text (검색어) and the page size (페이지 크기), checked before a store sees them.

use std::fmt;

use serde::{Serialize, Serializer};

use super::SearchError;

/// The most characters of a search text.
///
/// # Example
/// ```
/// use cqnet_store::search::{SearchText, SEARCH_TEXT_MAX_CHARS};
/// assert!(SearchText::new(&"가".repeat(SEARCH_TEXT_MAX_CHARS)).is_ok());
/// assert!(SearchText::new(&"가".repeat(SEARCH_TEXT_MAX_CHARS + 1)).is_err());
/// ```
pub const SEARCH_TEXT_MAX_CHARS: usize = 100;

/// The largest page of results.
///
/// # Example
/// ```
/// use cqnet_store::search::{PageSize, MAX_PAGE_SIZE};
/// assert!(PageSize::new(MAX_PAGE_SIZE).is_ok() && PageSize::new(MAX_PAGE_SIZE + 1).is_err());
/// ```
pub const MAX_PAGE_SIZE: u32 = 100;

/// Text to find in names (검색어): 1 to [`SEARCH_TEXT_MAX_CHARS`] visible characters, trimmed.
///
/// A name matches when it contains the text, with ASCII letters compared without case
/// (`cnc` finds `CNC밀링가공_L3`); Hangul and every other character compare as written. Text
/// of one or two characters matches like longer text (`용접` finds `용접산업기사` and
/// `특수용접기능사`), though the SQL back ends answer it from the names themselves rather than
/// from their trigram index (see `docs/search.md`).
///
/// # Errors
/// [`SearchText::new`] refuses empty text ([`SearchError::TextEmpty`]), text over the limit
/// ([`SearchError::TextTooLong`]), and a control, bidirectional or zero-width character
/// ([`SearchError::TextHiddenCharacter`]).
///
/// # Example
/// ```
/// use cqnet_store::search::{SearchError, SearchText};
/// let text = SearchText::new(" 용접 ")?;
/// assert!(text.matches("특수용접기능사") && !text.matches("전기기능사"));
/// assert!(SearchText::new("CNC")?.matches("cnc밀링가공_L3"));
/// assert!(matches!(SearchText::new("용\u{0}접"), Err(SearchError::TextHiddenCharacter { .. })));
/// assert!(matches!(SearchText::new(&"가".repeat(100_000)), Err(SearchError::TextTooLong { .. })));
/// # Ok::<(), SearchError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SearchText {
    text: String,
    key: String,
}

impl SearchText {
    /// Checks search text.
    ///
    /// # Errors
    /// [`SearchError::TextEmpty`], [`SearchError::TextTooLong`],
    /// [`SearchError::TextHiddenCharacter`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::SearchText;
    /// assert_eq!(SearchText::new("기능사")?.as_str(), "기능사");
    /// assert!(SearchText::new("  ").is_err());
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, SearchError> {
        // A character is at most 4 bytes: text longer than this is refused before it is read.
        if text.len() > SEARCH_TEXT_MAX_CHARS * 4 + 64 {
            return Err(SearchError::TextTooLong {
                given: text.len(),
                max: SEARCH_TEXT_MAX_CHARS,
            });
        }
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(SearchError::TextEmpty);
        }
        let chars = trimmed.chars().count();
        if chars > SEARCH_TEXT_MAX_CHARS {
            return Err(SearchError::TextTooLong {
                given: chars,
                max: SEARCH_TEXT_MAX_CHARS,
            });
        }
        if let Some((i, c)) = trimmed.chars().enumerate().find(|(_, c)| is_hidden(*c)) {
            return Err(SearchError::TextHiddenCharacter {
                code: u32::from(c),
                position: i + 1,
            });
        }
        Ok(SearchText {
            text: trimmed.to_owned(),
            key: match_key(trimmed),
        })
    }

    /// The text as given (trimmed).
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::search::SearchText;
    /// assert_eq!(SearchText::new(" CNC ")?.as_str(), "CNC");
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text as names are compared with it: ASCII letters in lower case.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::search::SearchText;
    /// assert_eq!(SearchText::new("CNC밀링")?.key(), "cnc밀링");
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn key(&self) -> &str {
        &self.key
    }

    /// How many characters the text has (the SQL back ends use a trigram index from 3).
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::search::SearchText;
    /// assert_eq!(SearchText::new("용접")?.char_count(), 2);
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn char_count(&self) -> usize {
        self.key.chars().count()
    }

    /// Whether `name` contains the text (ASCII letters without case).
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::search::SearchText;
    /// assert!(SearchText::new("산업")?.matches("용접산업기사"));
    /// # Ok::<(), cqnet_store::search::SearchError>(())
    /// ```
    pub fn matches(&self, name: &str) -> bool {
        match_key(name).contains(&self.key)
    }
}

/// A name as search text is compared with it: ASCII letters in lower case, everything else as
/// written. The SQL back ends keep the same form of each name (`lower()` of SQLite and
/// `lower(… COLLATE "C")` of PostgreSQL change ASCII letters only).
///
/// # Example
/// ```
/// assert_eq!(cqnet_store::search::match_key("SW개발_L5"), "sw개발_l5");
/// ```
pub fn match_key(name: &str) -> String {
    name.to_ascii_lowercase()
}

fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

impl Serialize for SearchText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl fmt::Display for SearchText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// How many results a page holds: 1 to [`MAX_PAGE_SIZE`].
///
/// # Errors
/// [`PageSize::new`] refuses 0 and anything above [`MAX_PAGE_SIZE`].
///
/// # Example
/// ```
/// use cqnet_store::search::{PageSize, SearchError};
/// assert_eq!(PageSize::new(20)?.get(), 20);
/// assert!(PageSize::new(0).is_err() && PageSize::new(10_000).is_err());
/// # Ok::<(), SearchError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PageSize(u32);

impl PageSize {
    /// Checks a page size.
    ///
    /// # Errors
    /// [`SearchError::PageSize`] outside `1..=MAX_PAGE_SIZE`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::PageSize;
    /// assert!(PageSize::new(100).is_ok() && PageSize::new(101).is_err());
    /// ```
    pub fn new(size: u32) -> Result<Self, SearchError> {
        if !(1..=MAX_PAGE_SIZE).contains(&size) {
            return Err(SearchError::PageSize {
                given: u64::from(size),
                max: u64::from(MAX_PAGE_SIZE),
            });
        }
        Ok(PageSize(size))
    }

    /// The size.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::search::PageSize;
    /// assert_eq!(PageSize::default().get(), 20);
    /// ```
    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for PageSize {
    /// Twenty results a page.
    fn default() -> Self {
        PageSize(20)
    }
}
