//! The page size of every list route (`page_size`, checked by the search's own [`PageSize`]),
//! and the problem of a query value the search refuses.

use axum::http::StatusCode;
use cqnet_store::search::{PageSize, SearchError};

use crate::Problem;
use crate::query::Params;

/// The `page_size` of a list route: absent, the default ([`PageSize::default`]); text that is
/// not a whole number is `400 invalid-query`; 0 or above [`cqnet_store::search::MAX_PAGE_SIZE`]
/// is `422 invalid-parameter` at `/page_size`.
pub(crate) fn page_size(params: &Params) -> Result<PageSize, Problem> {
    let Some(given) = params.parsed::<u64>("page_size")? else {
        return Ok(PageSize::default());
    };
    // A size beyond 32 bits is above the maximum too: the search's check says so.
    let size = u32::try_from(given).unwrap_or(u32::MAX);
    PageSize::new(size).map_err(|e| match e {
        SearchError::PageSize { max, .. } => {
            refused("page_size", &SearchError::PageSize { given, max })
        }
        other => refused("page_size", &other),
    })
}

/// `422 invalid-parameter` at the query parameter `name`: a value that reads, refused by the
/// search's checks; `code` names the check.
pub(crate) fn refused(name: &str, error: &SearchError) -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid-parameter",
        error.to_string(),
    )
    .at(format!("/{name}"))
    .with_code(code(error))
}

/// The stable name of a search's refusal, for the problem's `code` member.
fn code(error: &SearchError) -> &'static str {
    match error {
        SearchError::PageSize { .. } => "page_size",
        SearchError::TextEmpty => "text_empty",
        SearchError::TextTooLong { .. } => "text_too_long",
        SearchError::TextHiddenCharacter { .. } => "text_hidden_character",
        SearchError::DateRange(_) => "date_range",
        SearchError::SortNotAvailable { .. } => "sort_not_available",
        SearchError::CursorMalformed => "cursor_malformed",
        SearchError::CursorTampered => "cursor_tampered",
        SearchError::CursorOfAnotherQuery => "cursor_of_another_query",
        _ => "refused",
    }
}
