//! A search query: a filter, a sort, a page size and, past the first page, the position the
//! previous page ended at.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::cursor::Fingerprint;
use super::{
    CourseFilter, CourseHit, Cursor, InstitutionFilter, PageSize, Position, QualificationFilter,
    SearchError, SortKey,
};
use crate::training::{Institution, Qualification};

/// The order of results. Ties are broken by id, so the order is total.
///
/// # Example
/// ```
/// use cqnet_store::search::Sort;
/// assert_ne!(Sort::Name, Sort::StartDate);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// By name (가나다순, by Unicode code point): a qualification's or institution's own name,
    /// a course's qualification name.
    Name,
    /// By training start date (훈련 시작일), earliest first: courses only.
    StartDate,
}

impl Sort {
    fn as_str(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::StartDate => "start date",
        }
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::QualificationFilter {}
    impl Sealed for super::InstitutionFilter {}
    impl Sealed for super::CourseFilter {}
}

/// A filter of one kind of result, with the sorts that kind has and the sort key of a result.
/// Implemented by [`QualificationFilter`], [`InstitutionFilter`] and [`CourseFilter`] only.
///
/// # Example
/// ```
/// use cqnet_store::search::{CourseFilter, QualificationFilter, SearchFilter, Sort};
/// assert_eq!(QualificationFilter::SORTS, &[Sort::Name]);
/// assert!(CourseFilter::SORTS.contains(&Sort::StartDate));
/// ```
pub trait SearchFilter: sealed::Sealed + Serialize + Clone + Send + Sync + 'static {
    /// What the search finds.
    type Item: Clone + Send + 'static;
    /// The name of the kind of result, in errors and fingerprints.
    const KIND: &'static str;
    /// The sorts this kind has.
    const SORTS: &'static [Sort];
    /// Where a result stands in a sort.
    fn position(sort: Sort, item: &Self::Item) -> Position;
}

impl SearchFilter for QualificationFilter {
    type Item = Qualification;
    const KIND: &'static str = "qualification";
    const SORTS: &'static [Sort] = &[Sort::Name];
    fn position(_: Sort, item: &Qualification) -> Position {
        Position::new(SortKey::Name(item.name().to_owned()), item.code().as_str())
    }
}

impl SearchFilter for InstitutionFilter {
    type Item = Institution;
    const KIND: &'static str = "institution";
    const SORTS: &'static [Sort] = &[Sort::Name];
    fn position(_: Sort, item: &Institution) -> Position {
        Position::new(SortKey::Name(item.name().to_owned()), item.id().to_string())
    }
}

impl SearchFilter for CourseFilter {
    type Item = CourseHit;
    const KIND: &'static str = "course";
    const SORTS: &'static [Sort] = &[Sort::StartDate, Sort::Name];
    fn position(sort: Sort, item: &CourseHit) -> Position {
        let key = match sort {
            Sort::StartDate => SortKey::StartDate(item.course.spec().start),
            Sort::Name => SortKey::Name(item.qualification_name.clone()),
        };
        Position::new(key, item.course.id().to_string())
    }
}

/// A search for qualifications (종목).
pub type QualificationQuery = Query<QualificationFilter>;
/// A search for institutions (교육·훈련기관).
pub type InstitutionQuery = Query<InstitutionFilter>;
/// A search for courses (과정).
pub type CourseQuery = Query<CourseFilter>;

/// A search: a filter, a sort, a page size, and the position the previous page ended at.
///
/// # Errors
/// [`Query::new`] refuses a sort the kind has no key for; [`Query::after`] a cursor of
/// another query or one changed by hand.
///
/// # Example
/// ```
/// use cqnet_store::search::*;
/// let filter = QualificationFilter { name: Some(SearchText::new("용접")?), ..Default::default() };
/// let query = QualificationQuery::new(filter.clone(), Sort::Name, PageSize::new(10)?)?;
/// assert!(query.position().is_none());
/// assert_eq!(
///     QualificationQuery::new(filter, Sort::StartDate, PageSize::default()).unwrap_err(),
///     SearchError::SortNotAvailable { kind: "qualification", sort: "start date" },
/// );
/// # Ok::<(), SearchError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query<F> {
    filter: F,
    sort: Sort,
    page_size: PageSize,
    after: Option<Position>,
}

impl<F: SearchFilter> Query<F> {
    /// The first page of a search.
    ///
    /// # Errors
    /// [`SearchError::SortNotAvailable`] for a sort the kind has no key for (qualifications
    /// and institutions sort by name only).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::*;
    /// let today = "2026-03-02".parse().unwrap();
    /// let q = CourseQuery::new(CourseFilter::on(today), Sort::StartDate, PageSize::default())?;
    /// assert_eq!(q.page_size().get(), 20);
    /// # Ok::<(), SearchError>(())
    /// ```
    pub fn new(filter: F, sort: Sort, page_size: PageSize) -> Result<Self, SearchError> {
        if !F::SORTS.contains(&sort) {
            return Err(SearchError::SortNotAvailable {
                kind: F::KIND,
                sort: sort.as_str(),
            });
        }
        Ok(Query {
            filter,
            sort,
            page_size,
            after: None,
        })
    }

    /// The page after the one `cursor` came with.
    ///
    /// # Errors
    /// [`SearchError::CursorOfAnotherQuery`] for a cursor of a query with other filters,
    /// sort or page size; [`SearchError::CursorTampered`] for one changed after it was handed
    /// out; [`SearchError::CursorMalformed`] for text that was never a cursor.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::*;
    /// let q = InstitutionQuery::new(InstitutionFilter::default(), Sort::Name, PageSize::default())?;
    /// let cursor = Cursor::parse("AQ")?;
    /// assert_eq!(q.after(&cursor).unwrap_err(), SearchError::CursorMalformed);
    /// # Ok::<(), SearchError>(())
    /// ```
    pub fn after(self, cursor: &Cursor) -> Result<Self, SearchError> {
        let position = cursor.decode(&self.fingerprint())?;
        Ok(Query {
            after: Some(position),
            ..self
        })
    }

    /// The filter.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::*;
    /// let q = QualificationQuery::new(QualificationFilter::default(), Sort::Name, PageSize::default())?;
    /// assert!(q.filter().name.is_none());
    /// # Ok::<(), SearchError>(())
    /// ```
    pub fn filter(&self) -> &F {
        &self.filter
    }

    /// The sort.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::*;
    /// let q = QualificationQuery::new(QualificationFilter::default(), Sort::Name, PageSize::default())?;
    /// assert_eq!(q.sort(), Sort::Name);
    /// # Ok::<(), SearchError>(())
    /// ```
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// The page size.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::*;
    /// let q = QualificationQuery::new(QualificationFilter::default(), Sort::Name, PageSize::new(5)?)?;
    /// assert_eq!(q.page_size().get(), 5);
    /// # Ok::<(), SearchError>(())
    /// ```
    pub fn page_size(&self) -> PageSize {
        self.page_size
    }

    /// The position the previous page ended at; `None` on the first page.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::*;
    /// let q = QualificationQuery::new(QualificationFilter::default(), Sort::Name, PageSize::default())?;
    /// assert!(q.position().is_none());
    /// # Ok::<(), SearchError>(())
    /// ```
    pub fn position(&self) -> Option<&Position> {
        self.after.as_ref()
    }

    /// Whether a result at `position` belongs on this page or a later one (it comes after
    /// the previous page's end).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::*;
    /// let q = QualificationQuery::new(QualificationFilter::default(), Sort::Name, PageSize::default())?;
    /// assert!(q.is_after_previous_page(&Position::new(SortKey::Name("가".into()), "0001")));
    /// # Ok::<(), SearchError>(())
    /// ```
    pub fn is_after_previous_page(&self, position: &Position) -> bool {
        self.after.as_ref().is_none_or(|after| position > after)
    }

    /// The cursor of a result of this query, for the page after it.
    pub(crate) fn cursor_at(&self, position: &Position) -> Cursor {
        Cursor::encode(&self.fingerprint(), position)
    }

    /// The fingerprint of what the query asks: kind, filter, sort and page size (not the
    /// position, which changes from page to page).
    fn fingerprint(&self) -> Fingerprint {
        // The filters hold checked values and serialize without fail; a failure would only
        // give every query the same fingerprint, which the position still keeps apart.
        let canonical = serde_json::to_string(&(F::KIND, &self.filter, self.sort, self.page_size))
            .unwrap_or_default();
        let digest = Sha256::digest(canonical.as_bytes());
        let mut fingerprint = [0; 16];
        fingerprint.copy_from_slice(&digest[..16]);
        fingerprint
    }
}
