//! The statistics service: the tables of [`StatisticsStore`](super::StatisticsStore) for an
//! actor the core's access rule lets count them (`Action::ViewStatistics`: the agency, before
//! the tables are published), a refusal audited as every service audits its refusals, and a
//! round's score bands taken from the rule pack in force on the day asked.

use std::sync::Arc;

use cqnet_core::access::{Action, Target};
use cqnet_core::rules::{RuleDate, RulePack};
use cqnet_core::statistics::{FunnelRow, ScoreDistribution};
use cqnet_core::window::korean_date;

use super::{AsyncStatisticsStore, FunnelQuery, ScorePart};
use crate::authorization;
use crate::exam::RoundId;
use crate::training::ServiceError;
use crate::{Actor, AsyncAuditLog, Clock, CommandMeta};

/// The statistics service over a store that counts its own records.
///
/// # Example
/// ```
/// use cqnet_store::{AsyncAuditLog, FixedClock};
/// use cqnet_store::statistics::{AsyncStatisticsStore, StatisticsService};
/// fn service<S: AsyncStatisticsStore + AsyncAuditLog>(store: S) -> StatisticsService<S, FixedClock> {
///     StatisticsService::new(store, FixedClock::new("2026-12-01T00:00:00Z".parse().unwrap()))
/// }
/// ```
#[derive(Debug)]
pub struct StatisticsService<S, C> {
    store: Arc<S>,
    clock: C,
    rules: Arc<RulePack>,
}

impl<S: AsyncStatisticsStore + AsyncAuditLog, C: Clock> StatisticsService<S, C> {
    /// A service over `store` with the embedded rule pack.
    ///
    /// # Example
    /// See [`StatisticsService`].
    pub fn new(store: S, clock: C) -> Self {
        Self::from_shared(Arc::new(store), clock)
    }

    /// A service over a store shared with other services.
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// use cqnet_store::{AsyncAuditLog, FixedClock};
    /// use cqnet_store::statistics::{AsyncStatisticsStore, StatisticsService};
    /// fn shared<S: AsyncStatisticsStore + AsyncAuditLog>(store: Arc<S>) -> StatisticsService<S, FixedClock> {
    ///     StatisticsService::from_shared(store, FixedClock::new("2026-12-01T00:00:00Z".parse().unwrap()))
    /// }
    /// ```
    pub fn from_shared(store: Arc<S>, clock: C) -> Self {
        StatisticsService {
            store,
            clock,
            rules: Arc::new(RulePack::embedded().clone()),
        }
    }

    /// The service deciding with `rules` (their `statistics.score_band_bounds`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{AsyncAuditLog, FixedClock};
    /// use cqnet_store::statistics::{AsyncStatisticsStore, StatisticsService};
    /// fn with<S: AsyncStatisticsStore + AsyncAuditLog>(s: StatisticsService<S, FixedClock>) -> StatisticsService<S, FixedClock> {
    ///     s.with_rules(cqnet_core::rules::RulePack::embedded().clone())
    /// }
    /// ```
    pub fn with_rules(self, rules: RulePack) -> Self {
        self.with_shared_rules(Arc::new(rules))
    }

    pub(crate) fn with_shared_rules(mut self, rules: Arc<RulePack>) -> Self {
        self.rules = rules;
        self
    }

    /// The store.
    ///
    /// # Example
    /// See [`Cqnet::statistics`](crate::Cqnet::statistics).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The external-evaluation funnel (학습근로자 → 외부평가 대상 → 접수 → 응시 → 합격 →
    /// 자격취득) of `query`, one row per group, counted by the store.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_permitted`) for anyone but the agency;
    /// [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::{Dimension, GroupBy};
    /// use cqnet_store::{Actor, AsyncAuditLog, FixedClock};
    /// use cqnet_store::statistics::{AsyncStatisticsStore, FunnelQuery, StatisticsService};
    /// async fn by_year<S: AsyncStatisticsStore + AsyncAuditLog>(s: &StatisticsService<S, FixedClock>, agency: &Actor) -> Result<usize, Box<dyn std::error::Error>> {
    ///     let query = FunnelQuery::new(GroupBy::new(vec![Dimension::Year])?);
    ///     Ok(s.funnel(agency, &query).await?.len())
    /// }
    /// ```
    pub async fn funnel(
        &self,
        actor: &Actor,
        query: &FunnelQuery,
    ) -> Result<Vec<FunnelRow>, ServiceError> {
        self.authorize(actor, "funnel", "the funnel".to_owned())
            .await?;
        Ok(self.store.funnel(query).await?)
    }

    /// The distribution of `round`'s finalised marks (확정 성적), the `part` asked, over the
    /// bands of the pack's `statistics.score_band_bounds` in force today (Korean date), with
    /// the exact average.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_permitted`) for anyone but the agency;
    /// [`ServiceError::Rules`] when the pack has no rules in force today;
    /// [`ServiceError::Store`].
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, AsyncAuditLog, FixedClock};
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::statistics::{AsyncStatisticsStore, ScorePart, StatisticsService};
    /// async fn average<S: AsyncStatisticsStore + AsyncAuditLog>(s: &StatisticsService<S, FixedClock>, agency: &Actor, round: &RoundId) {
    ///     if let Ok(d) = s.score_distribution(agency, round, ScorePart::Written).await {
    ///         println!("{} examinees, average {:?}", d.examinees, d.average);
    ///     }
    /// }
    /// ```
    pub async fn score_distribution(
        &self,
        actor: &Actor,
        round: &RoundId,
        part: ScorePart,
    ) -> Result<ScoreDistribution, ServiceError> {
        self.authorize(actor, "score_distribution", format!("round {round}"))
            .await?;
        let today = korean_date(self.clock.now().fixed_offset());
        let rules = self.rules.rules_for(RuleDate::EvaluatedOn(today))?;
        let bounds = &rules.statistics.score_band_bounds.value;
        Ok(self.store.score_distribution(round, part, bounds).await?)
    }

    async fn authorize(
        &self,
        actor: &Actor,
        command: &str,
        subject: String,
    ) -> Result<(), ServiceError> {
        let meta =
            CommandMeta::new(actor.clone(), self.clock.now()).under_rules(self.rules.clone());
        authorization::authorize(
            &*self.store,
            meta,
            Action::ViewStatistics,
            &Target::default(),
            command,
            subject,
        )
        .await
    }
}
