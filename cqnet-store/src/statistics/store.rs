//! The statistics' storage trait, blocking, and its `Async` twin. They are read-only: they
//! need no actor and write no audit line (a host decides who may see the tables).

use std::future::Future;

use cqnet_core::statistics::{FunnelRow, ScoreBandBounds, ScoreDistribution};

use super::{FunnelQuery, ScorePart};
use crate::StoreResult;
use crate::exam::RoundId;

#[cfg(doc)]
use crate::StoreError;

/// The published tables (통계) of the records a store keeps, each answered by one aggregate
/// read: the SQL back ends group in the database and return counts per group, never the
/// records.
///
/// The counting rules are the core's and the same on every back end: who counts at which
/// stage ([`StageFacts`](cqnet_core::statistics::StageFacts)), which year a record belongs
/// to ([`cohort_year`](cqnet_core::statistics::cohort_year)), and how a group is labelled
/// ([`TraineeFacts::key_value`](super::TraineeFacts::key_value)). Only trainees (훈련생) of
/// the course-based track (과정평가형) are counted.
///
/// # Errors
/// Backend faults ([`StoreError::Unavailable`]); a stored value that no longer reads back
/// is [`StoreError::Corrupt`].
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::statistics::{Dimension, GroupBy};
/// use cqnet_store::exam::RoundId;
/// use cqnet_store::statistics::{FunnelQuery, ScorePart, StatisticsStore};
/// fn tables(store: &dyn StatisticsStore) -> Result<(), Box<dyn std::error::Error>> {
///     let by_year = FunnelQuery::new(GroupBy::new(vec![Dimension::Year])?);
///     for row in store.funnel(&by_year)? {
///         println!("{:?}: {} passed of {} ({:?}%)", row.key, row.passers, row.examinees, row.pass_rate);
///     }
///     let bounds = &RulePack::embedded().newest().statistics.score_band_bounds.value;
///     let written = store.score_distribution(&RoundId::new("2026-C1-01")?, ScorePart::Written, bounds)?;
///     println!("average {:?}", written.average);
///     Ok(())
/// }
/// ```
pub trait StatisticsStore: Send + Sync {
    /// The external-evaluation funnel, one row per group of `query`'s grouping, in the order
    /// [`funnel`](cqnet_core::statistics::funnel) gives.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`], [`StoreError::Corrupt`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::FunnelRow;
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::statistics::{FunnelQuery, StatisticsStore};
    /// fn rows(store: &dyn StatisticsStore, q: &FunnelQuery) -> StoreResult<Vec<FunnelRow>> {
    ///     store.funnel(q)
    /// }
    /// ```
    fn funnel(&self, query: &FunnelQuery) -> StoreResult<Vec<FunnelRow>>;

    /// The distribution of one round's finalised course-based marks (확정 성적), the `part`
    /// asked, over the bands of `bounds` (the pack's `statistics.score_band_bounds`), with
    /// the exact average.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`], [`StoreError::Corrupt`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::{ScoreBandBounds, ScoreDistribution};
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::statistics::{ScorePart, StatisticsStore};
    /// fn practical(store: &dyn StatisticsStore, round: &RoundId, bounds: &ScoreBandBounds) -> StoreResult<ScoreDistribution> {
    ///     store.score_distribution(round, ScorePart::Practical, bounds)
    /// }
    /// ```
    fn score_distribution(
        &self,
        round: &RoundId,
        part: ScorePart,
        bounds: &ScoreBandBounds,
    ) -> StoreResult<ScoreDistribution>;
}

/// The async twin of [`StatisticsStore`], for a back end whose driver is async.
///
/// # Errors
/// As [`StatisticsStore`].
///
/// # Example
/// ```
/// use cqnet_core::statistics::GroupBy;
/// use cqnet_store::statistics::{AsyncStatisticsStore, FunnelQuery};
/// async fn total<S: AsyncStatisticsStore>(store: &S) -> Result<u64, Box<dyn std::error::Error>> {
///     let rows = store.funnel(&FunnelQuery::new(GroupBy::new(vec![])?)).await?;
///     Ok(rows.first().map_or(0, |r| r.learners))
/// }
/// ```
pub trait AsyncStatisticsStore: Send + Sync {
    /// The async twin of [`StatisticsStore::funnel`].
    ///
    /// # Errors
    /// [`StoreError::Unavailable`], [`StoreError::Corrupt`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::FunnelRow;
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::statistics::{AsyncStatisticsStore, FunnelQuery};
    /// async fn rows<S: AsyncStatisticsStore>(store: &S, q: &FunnelQuery) -> StoreResult<Vec<FunnelRow>> {
    ///     store.funnel(q).await
    /// }
    /// ```
    fn funnel(
        &self,
        query: &FunnelQuery,
    ) -> impl Future<Output = StoreResult<Vec<FunnelRow>>> + Send;

    /// The async twin of [`StatisticsStore::score_distribution`].
    ///
    /// # Errors
    /// [`StoreError::Unavailable`], [`StoreError::Corrupt`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::{ScoreBandBounds, ScoreDistribution};
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::statistics::{AsyncStatisticsStore, ScorePart};
    /// async fn written<S: AsyncStatisticsStore>(store: &S, round: &RoundId, bounds: &ScoreBandBounds) -> StoreResult<ScoreDistribution> {
    ///     store.score_distribution(round, ScorePart::Written, bounds).await
    /// }
    /// ```
    fn score_distribution(
        &self,
        round: &RoundId,
        part: ScorePart,
        bounds: &ScoreBandBounds,
    ) -> impl Future<Output = StoreResult<ScoreDistribution>> + Send;
}

/// Implements [`AsyncStatisticsStore`] for a wrapper with a `run` method, as
/// [`forward_async_course_search!`](crate::forward_async_course_search) does for the search.
///
/// # Example
/// ```text
/// cqnet_store::forward_async_statistics_store!(SpawnBlocking);
/// ```
#[macro_export]
macro_rules! forward_async_statistics_store {
    ($wrapper:ident) => {
        const _: () = {
            use ::cqnet_core::statistics::{FunnelRow, ScoreBandBounds, ScoreDistribution};
            use ::std::future::Future;
            use $crate::StoreResult;
            use $crate::exam::RoundId;
            use $crate::statistics::{FunnelQuery, ScorePart, StatisticsStore};

            impl<S: $crate::statistics::StatisticsStore + 'static>
                $crate::statistics::AsyncStatisticsStore for $wrapper<S>
            {
                fn funnel(
                    &self,
                    query: &FunnelQuery,
                ) -> impl Future<Output = StoreResult<Vec<FunnelRow>>> + Send {
                    let query = query.clone();
                    self.run(move |s| StatisticsStore::funnel(s, &query))
                }
                fn score_distribution(
                    &self,
                    round: &RoundId,
                    part: ScorePart,
                    bounds: &ScoreBandBounds,
                ) -> impl Future<Output = StoreResult<ScoreDistribution>> + Send {
                    let (round, bounds) = (round.clone(), bounds.clone());
                    self.run(move |s| StatisticsStore::score_distribution(s, &round, part, &bounds))
                }
            }
        };
    };
}

crate::forward_async_statistics_store!(Inline);

use crate::Inline;
