//! [`StatisticsStore`] on SQLite: the statements of [`crate::shared::statistics`] on the
//! columns and indexes of migration 0011, read on the store's connection.

use cqnet_core::statistics::{FunnelRow, ScoreBandBounds, ScoreDistribution};
use cqnet_store::StoreResult;
use cqnet_store::exam::RoundId;
use cqnet_store::statistics::{FunnelQuery, ScorePart, StatisticsStore};
use rusqlite::types::ValueRef;

use super::SqliteStore;
use super::search::rows;
use crate::shared::search::Dialect;
use crate::shared::statistics::{self, Cell};

impl StatisticsStore for SqliteStore {
    fn funnel(&self, query: &FunnelQuery) -> StoreResult<Vec<FunnelRow>> {
        let statement = statistics::funnel(Dialect::Sqlite, query);
        let width = query.group_by().dimensions().len();
        let found = self.read(|c| {
            rows(c, &statement, |r| {
                let cells = (0..width)
                    .map(|i| {
                        Ok(match r.get_ref(i)? {
                            ValueRef::Integer(n) => Cell::Int(Some(n)),
                            ValueRef::Null => Cell::Text(None),
                            _ => Cell::Text(Some(r.get(i)?)),
                        })
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((cells, r.get(width)?, r.get(width + 1)?))
            })
        })?;
        statistics::funnel_rows(query, found)
    }

    fn score_distribution(
        &self,
        round: &RoundId,
        part: ScorePart,
        bounds: &ScoreBandBounds,
    ) -> StoreResult<ScoreDistribution> {
        let statement = statistics::distribution(round, part, bounds);
        let found =
            self.read(|c| rows(c, &statement, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))))?;
        statistics::distribution_of_rows(bounds, found)
    }
}

use crate::SpawnBlocking;

cqnet_store::forward_async_statistics_store!(SpawnBlocking);
