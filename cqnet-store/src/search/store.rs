//! The search's storage trait, blocking, and its `Async` twin. Searches are read-only and
//! public: they need no actor and write no audit line.

use std::future::Future;

use super::{CourseHit, CourseQuery, InstitutionQuery, Page, QualificationQuery};
use crate::StoreResult;
use crate::training::{Institution, Qualification};

#[cfg(doc)]
use crate::StoreError;

/// The public search of the catalog (종목정보, 교육·훈련기관 찾기, 맞춤형 과정검색) over a store's
/// qualifications, institutions and courses.
///
/// Every back end answers a query alike: the same results in the same order, pages that end
/// where the same cursor says. Each uses its own index for text (SQLite FTS5 with the trigram
/// tokenizer, PostgreSQL `pg_trgm`); the memory store reads its records.
///
/// # Errors
/// Backend faults only ([`StoreError::Unavailable`]); a stored record that no longer reads
/// back is [`StoreError::Corrupt`]. Bad input never reaches a store: the query's types refuse
/// it.
///
/// # Example
/// ```
/// use cqnet_store::search::*;
/// fn welding(store: &dyn CourseSearch) -> Result<Vec<String>, Box<dyn std::error::Error>> {
///     let filter = QualificationFilter { name: Some(SearchText::new("용접")?), ..Default::default() };
///     let page = store.search_qualifications(&QualificationQuery::new(filter, Sort::Name, PageSize::default())?)?;
///     Ok(page.items.iter().map(|q| q.name().to_owned()).collect())
/// }
/// ```
pub trait CourseSearch: Send + Sync {
    /// A page of qualifications (종목), by name.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`], [`StoreError::Corrupt`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::search::{CourseSearch, Page, QualificationQuery};
    /// use cqnet_store::training::Qualification;
    /// fn search(store: &dyn CourseSearch, q: &QualificationQuery) -> StoreResult<Page<Qualification>> {
    ///     store.search_qualifications(q)
    /// }
    /// ```
    fn search_qualifications(&self, query: &QualificationQuery)
    -> StoreResult<Page<Qualification>>;

    /// A page of institutions (교육·훈련기관), by name.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`], [`StoreError::Corrupt`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::search::{CourseSearch, InstitutionQuery, Page};
    /// use cqnet_store::training::Institution;
    /// fn search(store: &dyn CourseSearch, q: &InstitutionQuery) -> StoreResult<Page<Institution>> {
    ///     store.search_institutions(q)
    /// }
    /// ```
    fn search_institutions(&self, query: &InstitutionQuery) -> StoreResult<Page<Institution>>;

    /// A page of designated courses (과정), by start date or by qualification name.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`], [`StoreError::Corrupt`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::search::{CourseHit, CourseQuery, CourseSearch, Page};
    /// fn search(store: &dyn CourseSearch, q: &CourseQuery) -> StoreResult<Page<CourseHit>> {
    ///     store.search_courses(q)
    /// }
    /// ```
    fn search_courses(&self, query: &CourseQuery) -> StoreResult<Page<CourseHit>>;
}

/// The async twin of [`CourseSearch`], for a back end whose driver is async.
///
/// # Errors
/// As [`CourseSearch`].
///
/// # Example
/// ```
/// use cqnet_store::search::*;
/// async fn first_page<S: AsyncCourseSearch>(store: &S) -> Result<usize, Box<dyn std::error::Error>> {
///     let q = InstitutionQuery::new(InstitutionFilter::default(), Sort::Name, PageSize::default())?;
///     Ok(store.search_institutions(&q).await?.items.len())
/// }
/// ```
pub trait AsyncCourseSearch: Send + Sync {
    /// The async twin of [`CourseSearch::search_qualifications`].
    ///
    /// # Errors
    /// [`StoreError::Unavailable`], [`StoreError::Corrupt`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::search::{AsyncCourseSearch, Page, QualificationQuery};
    /// use cqnet_store::training::Qualification;
    /// async fn search<S: AsyncCourseSearch>(store: &S, q: &QualificationQuery) -> StoreResult<Page<Qualification>> {
    ///     store.search_qualifications(q).await
    /// }
    /// ```
    fn search_qualifications(
        &self,
        query: &QualificationQuery,
    ) -> impl Future<Output = StoreResult<Page<Qualification>>> + Send;

    /// The async twin of [`CourseSearch::search_institutions`].
    ///
    /// # Errors
    /// [`StoreError::Unavailable`], [`StoreError::Corrupt`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::search::{AsyncCourseSearch, InstitutionQuery, Page};
    /// use cqnet_store::training::Institution;
    /// async fn search<S: AsyncCourseSearch>(store: &S, q: &InstitutionQuery) -> StoreResult<Page<Institution>> {
    ///     store.search_institutions(q).await
    /// }
    /// ```
    fn search_institutions(
        &self,
        query: &InstitutionQuery,
    ) -> impl Future<Output = StoreResult<Page<Institution>>> + Send;

    /// The async twin of [`CourseSearch::search_courses`].
    ///
    /// # Errors
    /// [`StoreError::Unavailable`], [`StoreError::Corrupt`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::search::{AsyncCourseSearch, CourseHit, CourseQuery, Page};
    /// async fn search<S: AsyncCourseSearch>(store: &S, q: &CourseQuery) -> StoreResult<Page<CourseHit>> {
    ///     store.search_courses(q).await
    /// }
    /// ```
    fn search_courses(
        &self,
        query: &CourseQuery,
    ) -> impl Future<Output = StoreResult<Page<CourseHit>>> + Send;
}

/// Implements [`AsyncCourseSearch`] for a wrapper with a `run` method, as
/// [`forward_async_store!`](crate::forward_async_store) does for the training aggregates.
///
/// # Example
/// ```text
/// cqnet_store::forward_async_course_search!(SpawnBlocking);
/// ```
#[macro_export]
macro_rules! forward_async_course_search {
    ($wrapper:ident) => {
        const _: () = {
            use ::std::future::Future;
            use $crate::StoreResult;
            use $crate::search::*;
            use $crate::training::{Institution, Qualification};

            impl<S: $crate::search::CourseSearch + 'static> $crate::search::AsyncCourseSearch
                for $wrapper<S>
            {
                fn search_qualifications(
                    &self,
                    query: &QualificationQuery,
                ) -> impl Future<Output = StoreResult<Page<Qualification>>> + Send {
                    let query = query.clone();
                    self.run(move |s| CourseSearch::search_qualifications(s, &query))
                }
                fn search_institutions(
                    &self,
                    query: &InstitutionQuery,
                ) -> impl Future<Output = StoreResult<Page<Institution>>> + Send {
                    let query = query.clone();
                    self.run(move |s| CourseSearch::search_institutions(s, &query))
                }
                fn search_courses(
                    &self,
                    query: &CourseQuery,
                ) -> impl Future<Output = StoreResult<Page<CourseHit>>> + Send {
                    let query = query.clone();
                    self.run(move |s| CourseSearch::search_courses(s, &query))
                }
            }
        };
    };
}

crate::forward_async_course_search!(Inline);

use crate::Inline;
