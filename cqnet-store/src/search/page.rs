//! A page of results and the course a search answers with.

use serde::Serialize;

use super::{CourseStatus, Cursor, Query, SearchFilter};
use crate::training::Course;

/// A page of results, in the query's order, and the cursor of the next page when there is
/// one.
///
/// # Example
/// ```
/// use cqnet_store::search::*;
/// use cqnet_store::training::Qualification;
/// use cqnet_core::Grade;
/// let q = |code: &str, name: &str| Qualification::builder().code(code).name(name)
///     .grade(Grade::Craftsman).field("용접").build().unwrap();
/// let query = QualificationQuery::new(QualificationFilter::default(), Sort::Name, PageSize::new(1)?)?;
/// let page = Page::of_ordered(&query, vec![q("1111", "용접기능사"), q("2222", "특수용접기능사")]);
/// assert_eq!(page.items.len(), 1);
/// assert!(page.next.is_some());
/// # Ok::<(), SearchError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// The results of this page.
    pub items: Vec<T>,
    /// The cursor of the next page; `None` on the last.
    #[serde(serialize_with = "cursor_text")]
    pub next: Option<Cursor>,
}

fn cursor_text<S: serde::Serializer>(cursor: &Option<Cursor>, s: S) -> Result<S::Ok, S::Error> {
    match cursor {
        Some(c) => s.serialize_some(c.as_str()),
        None => s.serialize_none(),
    }
}

impl<T> Page<T> {
    /// The page of `query` from results in its order that all come after its previous page:
    /// the first [`page_size`](Query::page_size) of them, with a cursor when there are more.
    /// A back end reads one result more than the page size to know whether a next page exists.
    ///
    /// # Example
    /// See [`Page`].
    pub fn of_ordered<F: SearchFilter<Item = T>>(query: &Query<F>, mut ordered: Vec<T>) -> Self {
        let size = query.page_size().get() as usize;
        let next = if ordered.len() > size {
            ordered.truncate(size);
            ordered
                .last()
                .map(|last| query.cursor_at(&F::position(query.sort(), last)))
        } else {
            None
        };
        Page {
            items: ordered,
            next,
        }
    }
}

/// A course as a search finds it: the course, the names of its qualification and institution,
/// its seats left and where it stands on the filter's day.
///
/// # Example
/// ```
/// use cqnet_store::search::{CourseHit, CourseStatus};
/// fn line(hit: &CourseHit) -> String {
///     format!("{} · {} · {} ({}석)", hit.qualification_name, hit.institution_name, hit.status.korean_name(), hit.seats_left)
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CourseHit {
    /// The course.
    pub course: Course,
    /// Its qualification's name (종목명).
    pub qualification_name: String,
    /// Its institution's name (기관명).
    pub institution_name: String,
    /// Seats left (잔여 정원): capacity less enrollments, withdrawn ones included (a seat stays
    /// counted for the cohort).
    pub seats_left: u32,
    /// Where it stands on the filter's day.
    pub status: CourseStatus,
}
