//! The rule packs, stateless: `GET /v1/rule-packs` and the dated value of one parameter.

use axum::Json;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::NaiveDate;
use cqnet_core::rules::{RulePack, ValueInForce};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Problem;
use crate::openapi::schemas;

/// One rule pack as listed.
#[derive(Serialize, ToSchema)]
pub(crate) struct PackSummary {
    /// The pack's name.
    id: String,
    /// Its version.
    version: String,
    /// The overlays applied over it, in order.
    overlays: Vec<String>,
    /// The day the pack was last reviewed as a whole.
    date: NaiveDate,
    /// The latest day on which a value starts or ends.
    latest_change: NaiveDate,
    /// How many parameters it has.
    parameters: usize,
}

fn summary(pack: &RulePack) -> PackSummary {
    PackSummary {
        id: pack.id().name.clone(),
        version: pack.id().version.clone(),
        overlays: pack.id().overlays.clone(),
        date: pack.date(),
        latest_change: pack.latest_change(),
        parameters: pack.parameters().len(),
    }
}

/// `GET /v1/rule-packs`: the packs this server decides under (the one it was built with).
pub(crate) fn list(pack: &RulePack) -> Json<Vec<PackSummary>> {
    Json(vec![summary(pack)])
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OnDate {
    date: Option<NaiveDate>,
}

/// The value of a parameter in force on a day.
#[derive(Serialize, ToSchema)]
pub(crate) struct ParameterValue {
    /// The pack's full id.
    pack: String,
    /// The parameter (`course_based.pass_average`).
    path: &'static str,
    /// What the parameter is.
    description: String,
    /// The day asked about.
    date: NaiveDate,
    /// The first day of the value.
    since: NaiveDate,
    /// The last day of the value, if it has one.
    until: Option<NaiveDate>,
    /// The value, as the pack writes it.
    value: String,
    /// The legal reference (법령, 조항).
    reference: String,
    /// How sure the value is.
    #[schema(value_type = schemas::Provenance)]
    provenance: cqnet_core::Provenance,
    /// When the value was last checked against its source.
    last_checked: NaiveDate,
    /// A note on the value, where the pack has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// `GET /v1/rule-packs/{id}/parameters/{*path}?date=YYYY-MM-DD`: the value in force on `date`
/// (the newest rules' date when absent), with its legal reference and provenance.
pub(crate) fn parameter(
    pack: &RulePack,
    Path((id, path)): Path<(String, String)>,
    Query(on): Query<OnDate>,
) -> Result<Json<ParameterValue>, Problem> {
    if id != pack.id().name && id != pack.id().to_string() {
        return Err(Problem::new(
            StatusCode::NOT_FOUND,
            "unknown-rule-pack",
            format!(
                "no rule pack {id:?}: this server decides under {}",
                pack.id()
            ),
        ));
    }
    // `a/b` and `a.b` both name the parameter `a.b`.
    let dotted = path.trim_matches('/').replace('/', ".");
    let date = on.date.unwrap_or_else(|| pack.latest_change());
    if !pack.parameters().iter().any(|p| p.path == dotted) {
        return Err(Problem::new(
            StatusCode::NOT_FOUND,
            "unknown-parameter",
            format!("rule pack {id} has no parameter {dotted:?}"),
        ));
    }
    let value = pack
        .values_at(date)
        .into_iter()
        .find(|v| v.path == dotted)
        .ok_or_else(|| {
            Problem::new(
                StatusCode::NOT_FOUND,
                "rules-not-in-force",
                format!("{dotted} has no value in force on {date}"),
            )
        })?;
    Ok(Json(ParameterValue::in_force(pack, date, value)))
}

impl ParameterValue {
    /// A value of `pack` in force on `date`, as answered.
    pub(crate) fn in_force(pack: &RulePack, date: NaiveDate, value: ValueInForce) -> Self {
        ParameterValue {
            pack: pack.id().to_string(),
            path: value.path,
            description: value.description,
            date,
            since: value.row.since,
            until: value.row.until,
            value: value.row.value,
            reference: value.row.reference,
            provenance: value.row.provenance,
            last_checked: value.row.last_checked,
            note: value.row.note,
        }
    }
}
