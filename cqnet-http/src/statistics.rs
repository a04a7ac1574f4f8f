//! The statistics routes (통계): the external-evaluation funnel (학습근로자 → 외부평가 대상 →
//! 접수 → 응시 → 합격 → 자격취득) grouped by any combination of its dimensions, and a round's
//! score distribution, counted by the store for the agency.

use axum::Json;
use axum::http::StatusCode;
use cqnet_core::QualificationCode;
use cqnet_core::statistics::{Dimension, FunnelRow, GroupBy, ScoreDistribution};
use cqnet_store::exam::RoundId;
use cqnet_store::statistics::{AsyncStatisticsStore, FunnelQuery, ScorePart};
use cqnet_store::{Actor, AsyncStore, Clock};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::openapi::schemas;
use crate::query::{Params, invalid};
use crate::{Problem, Shared, to_json};

/// The answer of `GET /v1/statistics/funnel`.
#[derive(Serialize, ToSchema)]
pub(crate) struct Funnel {
    /// The grouping, in order (`year`, `grade`, `qualification`, `institution_type`,
    /// `gender`, `job_field`); empty for the total.
    #[schema(value_type = Vec<schemas::DimensionName>)]
    by: Vec<Dimension>,
    /// One row per group, ordered by the grouping values; none without records.
    rows: Vec<FunnelLine>,
}

/// One row of the funnel.
#[derive(Serialize, ToSchema)]
pub(crate) struct FunnelLine {
    /// The row's value of each grouping dimension, by its name (the order is `by`'s): a year
    /// is a number, the others text (`"unknown"` for a record without one).
    #[schema(value_type = Object)]
    key: Map<String, Value>,
    /// 학습근로자: every record.
    learners: u64,
    /// 외부평가 대상: a target of the external evaluation or further.
    targets: u64,
    /// 접수: applied or further.
    applications: u64,
    /// 응시: sat or further.
    examinees: u64,
    /// 합격: passed or further.
    passers: u64,
    /// 자격취득: the qualification acquired.
    acquirers: u64,
    /// passers ÷ examinees × 100, exact; `null` without examinees.
    #[schema(value_type = Option<schemas::Decimal>)]
    pass_rate: Option<Decimal>,
}

impl FunnelLine {
    fn of(row: FunnelRow) -> Result<Self, Problem> {
        let mut key = Map::new();
        for (dimension, value) in row.key {
            key.insert(dimension.to_string(), to_json(&value)?);
        }
        Ok(FunnelLine {
            key,
            learners: row.learners,
            targets: row.targets,
            applications: row.applications,
            examinees: row.examinees,
            passers: row.passers,
            acquirers: row.acquirers,
            pass_rate: row.pass_rate,
        })
    }
}

/// The answer of `GET /v1/statistics/rounds/{id}/score-distribution`.
#[derive(Serialize, ToSchema)]
pub(crate) struct Distribution {
    /// The round.
    #[schema(value_type = schemas::RoundId)]
    round: RoundId,
    /// The part of the marks counted: `written` (1차) or `practical` (2차).
    #[schema(value_type = schemas::ScorePartName)]
    part: ScorePart,
    /// The bands, lowest first, as the pack's `statistics.score_band_bounds` in force today
    /// cut them.
    #[schema(value_type = Vec<schemas::ScoreBand>)]
    bands: Vec<cqnet_core::statistics::ScoreBand>,
    /// How many finalised marks.
    examinees: u64,
    /// Their average, exact; `null` without marks.
    #[schema(value_type = Option<schemas::Decimal>)]
    average: Option<Decimal>,
}

/// The funnel query of `by`, `from`, `to` and `qualification`; a name, year or code that does
/// not read is `400` at its parameter, a dimension named twice or a range that runs backwards
/// `422`.
fn funnel_query(params: &Params) -> Result<FunnelQuery, Problem> {
    params.only(&["by", "from", "to", "qualification"])?;
    let dimensions = match params.text("by")? {
        None | Some("") => Vec::new(),
        Some(text) => text
            .split(',')
            .map(|name| {
                serde_json::from_value::<Dimension>(Value::String(name.trim().to_owned()))
                    .map_err(|_| {
                        invalid(
                            "by",
                            format!(
                                "by={text:?}: {name:?} is no dimension; they are year, grade, qualification, institution_type, gender, job_field"
                            ),
                        )
                    })
            })
            .collect::<Result<_, _>>()?,
    };
    let group_by = GroupBy::new(dimensions).map_err(|e| unfit("by", &e))?;
    let mut query = FunnelQuery::new(group_by);
    match (params.parsed::<u16>("from")?, params.parsed::<u16>("to")?) {
        (None, None) => {}
        (from, to) => {
            query = query
                .with_years(from.unwrap_or(u16::MIN), to.unwrap_or(u16::MAX))
                .map_err(|e| unfit("from", &e))?;
        }
    }
    if let Some(code) = params.text("qualification")? {
        let code =
            QualificationCode::new(code).map_err(|e| invalid("qualification", e.to_string()))?;
        query = query.with_qualification(code);
    }
    Ok(query)
}

/// `422 invalid-parameter` at `name`: a value that reads, refused by the query's checks.
fn unfit(name: &str, error: &cqnet_core::InputError) -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid-parameter",
        error.to_string(),
    )
    .at(format!("/{name}"))
}

pub(crate) async fn funnel<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    params: &Params,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncStatisticsStore,
    C: Clock + Clone,
{
    let query = funnel_query(params)?;
    let rows = shared.cqnet.statistics().funnel(actor, &query).await?;
    let rows = rows
        .into_iter()
        .map(FunnelLine::of)
        .collect::<Result<_, _>>()?;
    Ok(Json(to_json(&Funnel {
        by: query.group_by().dimensions().to_vec(),
        rows,
    })?))
}

pub(crate) async fn score_distribution<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    round: RoundId,
    params: &Params,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncStatisticsStore,
    C: Clock + Clone,
{
    params.only(&["part"])?;
    let part = match params.text("part")? {
        None => ScorePart::Written,
        Some(text) => serde_json::from_value(Value::String(text.to_owned())).map_err(|_| {
            invalid(
                "part",
                format!("part={text:?}: it is written (1차) or practical (2차)"),
            )
        })?,
    };
    let ScoreDistribution {
        bands,
        examinees,
        average,
        ..
    } = shared
        .cqnet
        .statistics()
        .score_distribution(actor, &round, part)
        .await?;
    Ok(Json(to_json(&Distribution {
        round,
        part,
        bands,
        examinees,
        average,
    })?))
}
