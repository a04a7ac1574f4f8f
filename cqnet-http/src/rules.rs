//! The rule packs, stateless: `GET /v1/rule-packs` and the dated value of one parameter.

use axum::Json;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::NaiveDate;
use cqnet_core::rules::RulePack;
use serde::{Deserialize, Serialize};

use crate::Problem;

/// One rule pack as listed.
#[derive(Serialize)]
pub(crate) struct PackSummary {
    id: String,
    version: String,
    overlays: Vec<String>,
    /// The day the pack was last reviewed as a whole.
    date: NaiveDate,
    /// The latest day on which a value starts or ends.
    latest_change: NaiveDate,
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
#[derive(Serialize)]
pub(crate) struct ParameterValue {
    pack: String,
    path: &'static str,
    description: String,
    date: NaiveDate,
    since: NaiveDate,
    until: Option<NaiveDate>,
    value: String,
    reference: String,
    provenance: cqnet_core::Provenance,
    last_checked: NaiveDate,
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
    Ok(Json(ParameterValue {
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
    }))
}
