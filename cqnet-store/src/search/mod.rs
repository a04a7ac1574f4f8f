//! The public search (검색) of the catalog a host loads: qualifications (종목) by name, grade,
//! job field, NCS classification and track; institutions (교육·훈련기관) by name, type and
//! region; designated courses (지정 과정) by qualification, grade, region, institution type,
//! track, training year or start dates, status, seats left and text.
//!
//! A search is a [`Query`]: a filter whose values are checked types (so bad input is refused
//! before any store sees it, as a [`SearchError`]), a [`Sort`], a [`PageSize`] and, past the
//! first page, the [`Cursor`] the previous page came with. Pages are keyset pages: a page ends
//! at the sort key and id of its last result, so rows added while a host pages through never
//! make a page repeat or skip a result that was there. [`CourseSearch`] (and
//! [`AsyncCourseSearch`]) is the store trait every back end implements.
//!
//! # Example
//! ```
//! use cqnet_store::search::*;
//! let filter = QualificationFilter { name: Some(SearchText::new("용접")?), ..Default::default() };
//! let query = QualificationQuery::new(filter, Sort::Name, PageSize::new(20)?)?;
//! assert_eq!(query.filter().name.as_ref().map(SearchText::as_str), Some("용접"));
//! assert!(PageSize::new(10_000).is_err());
//! # Ok::<(), SearchError>(())
//! ```

mod cursor;
mod error;
mod filters;
mod page;
mod query;
mod status;
mod store;
mod text;

pub use cursor::{Cursor, Position, SortKey};
pub use error::SearchError;
pub use filters::{CourseFilter, InstitutionFilter, QualificationFilter, StartDates};
pub use page::{CourseHit, Page};
pub use query::{CourseQuery, InstitutionQuery, QualificationQuery, Query, SearchFilter, Sort};
pub use status::{CourseStatus, StatusBounds};
pub use store::{AsyncCourseSearch, CourseSearch};
pub use text::{MAX_PAGE_SIZE, PageSize, SEARCH_TEXT_MAX_CHARS, SearchText, match_key};
