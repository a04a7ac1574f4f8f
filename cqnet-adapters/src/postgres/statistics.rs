//! The statistics reads, written once against [`Exec`] and run by both PostgreSQL stores:
//! the statements of [`crate::shared::statistics`] on the columns and indexes of migration
//! 0013.

use cqnet_core::statistics::{FunnelRow, ScoreBandBounds, ScoreDistribution};
use cqnet_store::exam::RoundId;
use cqnet_store::statistics::{FunnelQuery, ScorePart};
use postgres::types::Type;

use super::commands::col;
use super::exec::{Exec, PgError};
use super::search::run;
use crate::shared::search::Dialect;
use crate::shared::statistics::{self, Cell};

type R<T> = Result<T, PgError>;

pub(crate) async fn funnel<E: Exec>(e: &mut E, query: &FunnelQuery) -> R<Vec<FunnelRow>> {
    let width = query.group_by().dimensions().len();
    let rows = run(e, statistics::funnel(Dialect::Postgres, query)).await?;
    let found = rows
        .iter()
        .map(|r| {
            let cells = (0..width)
                .map(|i| {
                    Ok(if r.columns()[i].type_() == &Type::INT8 {
                        Cell::Int(col(r, i)?)
                    } else {
                        Cell::Text(col(r, i)?)
                    })
                })
                .collect::<R<Vec<_>>>()?;
            Ok((cells, col(r, width)?, col(r, width + 1)?))
        })
        .collect::<R<Vec<_>>>()?;
    Ok(statistics::funnel_rows(query, found)?)
}

pub(crate) async fn distribution<E: Exec>(
    e: &mut E,
    round: &RoundId,
    part: ScorePart,
    bounds: &ScoreBandBounds,
) -> R<ScoreDistribution> {
    let rows = run(e, statistics::distribution(round, part, bounds)).await?;
    let found = rows
        .iter()
        .map(|r| Ok((col(r, 0)?, col(r, 1)?, col(r, 2)?)))
        .collect::<R<Vec<_>>>()?;
    Ok(statistics::distribution_of_rows(bounds, found)?)
}
