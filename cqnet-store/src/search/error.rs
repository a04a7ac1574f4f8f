//! The errors of a search's input: a query that cannot be asked is refused before any store
//! sees it.

use thiserror::Error;

/// Why a search query, its text, its page size or its cursor was refused.
///
/// # Example
/// ```
/// use cqnet_store::search::{PageSize, SearchError};
/// let max = u64::from(cqnet_store::search::MAX_PAGE_SIZE);
/// assert_eq!(PageSize::new(0), Err(SearchError::PageSize { given: 0, max }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SearchError {
    /// A page size outside `1..=max` (페이지 크기).
    #[error("a page holds 1 to {max} results, not {given}")]
    PageSize {
        /// The size asked for.
        given: u64,
        /// The largest page: [`MAX_PAGE_SIZE`](crate::search::MAX_PAGE_SIZE) for a search,
        /// [`MissingChecksQuery::MAX_LIMIT`](crate::designation::MissingChecksQuery::MAX_LIMIT)
        /// for the oversight list of designated courses.
        max: u64,
    },
    /// Search text (검색어) with nothing but blanks.
    #[error("the search text is empty")]
    TextEmpty,
    /// Search text longer than the documented maximum.
    #[error("the search text has {given} characters; at most {max} are read")]
    TextTooLong {
        /// Characters given (bytes, when the text is far beyond the limit).
        given: usize,
        /// The most characters, [`SEARCH_TEXT_MAX_CHARS`](crate::search::SEARCH_TEXT_MAX_CHARS).
        max: usize,
    },
    /// Search text with a control, bidirectional or zero-width character.
    #[error("the search text holds an invisible character U+{code:04X} at position {position}")]
    TextHiddenCharacter {
        /// The character's code point.
        code: u32,
        /// Its position, counted in characters from 1.
        position: usize,
    },
    /// A start-date range (훈련 시작일 범위) that ends before it starts, or a year with no date.
    #[error("{0}")]
    DateRange(String),
    /// A sort this kind of result has no key for (qualifications and institutions sort by name).
    #[error("{kind} results cannot be sorted by {sort}")]
    SortNotAvailable {
        /// The kind of result.
        kind: &'static str,
        /// The sort asked for.
        sort: &'static str,
    },
    /// A cursor that is not a cursor of this library: wrong characters, length or layout.
    #[error("the cursor is not one this search handed out")]
    CursorMalformed,
    /// A cursor whose check does not match its content: it was changed after it was handed out.
    #[error("the cursor was changed after it was handed out")]
    CursorTampered,
    /// A cursor handed out for another query (other filters, sort or page size).
    #[error("the cursor belongs to another query")]
    CursorOfAnotherQuery,
}
