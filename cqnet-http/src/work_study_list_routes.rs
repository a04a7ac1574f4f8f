//! The lists of one learning company (학습기업의 목록), a page at a time in the order of their
//! identifiers: its learning-work contracts (학습근로계약), filtered by status and by an open
//! conversion, its work-study programmes (일학습병행과정) and its company field teachers
//! (기업현장교사). The company's staff and the agency read them, as the core's access rules
//! say; every query parameter is checked before the service is asked, and a page is
//! `{"items", "next"}` as the search's are.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use cqnet_store::Clock;
use cqnet_store::training::InstitutionId;
use cqnet_store::work_study::{
    ContractFilter, ContractStatusKind, ListCursor, ListError, ListKey, ListPage,
};
use serde_json::Value;
use utoipa::ToSchema;

use crate::actor::Caller;
use crate::openapi::responses::{
    BadRequest, Forbidden, NotFound, ServerProblems, Unauthorized, UnprocessableEntity,
};
use crate::openapi::work_study_schemas as schemas;
use crate::query::Params;
use crate::routes::{Ctx, Store, path_id};
use crate::work_study::service;
use crate::{Problem, Shared, to_json};

/// The list routes of a learning company, merged into [`Api::router`](crate::Api::router).
pub(crate) fn routes<S: Store + 'static, C: Clock + Clone + 'static>() -> Router<Arc<Shared<S, C>>>
{
    Router::new()
        .route(
            "/v1/learning-companies/{id}/learning-contracts",
            get(learning_contracts::<S, C>),
        )
        .route(
            "/v1/learning-companies/{id}/work-study-programmes",
            get(programmes::<S, C>),
        )
        .route(
            "/v1/learning-companies/{id}/field-teachers",
            get(field_teachers::<S, C>),
        )
}

/// `422 invalid-parameter` at the query parameter `name`: a value that reads, refused by the
/// list's checks; the problem's `code` names the check.
fn refused(name: &str, error: &ListError) -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid-parameter",
        error.to_string(),
    )
    .at(format!("/{name}"))
    .with_code(error.code())
}

/// The page a request asks: `page_size` (absent, [`ListPage::default`]'s; text that is not a
/// whole number `400 invalid-query`; 0 or above
/// [`MAX_LIST_PAGE_SIZE`](cqnet_store::work_study::MAX_LIST_PAGE_SIZE) `422` at `/page_size`)
/// and `after`, the `next` of the page before (one that is not a cursor of this list `422` at
/// `/after`).
fn page<K: ListKey>(params: &Params) -> Result<ListPage<K>, Problem> {
    let page = match params.parsed::<u64>("page_size")? {
        None => ListPage::default(),
        // A size beyond 32 bits is above the most too; the error names the size given.
        Some(given) => ListPage::new(u32::try_from(given).unwrap_or(u32::MAX)).map_err(|e| {
            let e = match e {
                ListError::PageSize { max, .. } => ListError::PageSize { given, max },
                other => other,
            };
            refused("page_size", &e)
        })?,
    };
    match params.text("after")? {
        None => Ok(page),
        Some(text) => {
            let cursor = ListCursor::parse(text).map_err(|e| refused("after", &e))?;
            Ok(page.after(&cursor))
        }
    }
}

/// The status of a learning-work contract, as a list filters by it.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub(crate) enum ContractStatusName {
    /// Concluded, not ended by a pass or a termination.
    Active,
    /// Ended by the learner's pass (합격).
    Passed,
    /// Terminated (계약 해지).
    Terminated,
}

/// A page of a company's learning-work contracts.
#[derive(ToSchema)]
#[allow(dead_code)]
pub(crate) struct LearningContractPage {
    /// The contracts of this page, each with its version, in the order of their identifiers.
    items: Vec<schemas::VersionedLearningContract>,
    /// The cursor of the next page, to send as `after`; `null` on the last.
    next: Option<String>,
}

/// A page of a company's work-study programmes.
#[derive(ToSchema)]
#[allow(dead_code)]
pub(crate) struct WorkStudyProgrammePage {
    /// The programmes of this page, each with its version, in the order of their identifiers.
    items: Vec<schemas::VersionedProgramme>,
    /// The cursor of the next page, to send as `after`; `null` on the last.
    next: Option<String>,
}

/// A page of a company's field teachers.
#[derive(ToSchema)]
#[allow(dead_code)]
pub(crate) struct FieldTeacherPage {
    /// The teachers of this page, each with their version, in the order of their identifiers.
    items: Vec<schemas::VersionedFieldTeacher>,
    /// The cursor of the next page, to send as `after`; `null` on the last.
    next: Option<String>,
}

/// The learning-work contracts (학습근로계약) a learning company holds now, a page at a time in
/// the order of their identifiers: its staff and the agency.
///
/// `status` keeps the contracts of one status (`active`, `passed`, `terminated`) and
/// `conversion_open` those whose conversion (무기계약 전환, 법 제24조) is open (`true`) or not
/// (`false`). Another company's staff and a learner are `403 refused`, audited, whether the
/// company exists or not; a company that never applied is `404` to its staff and the agency.
#[utoipa::path(
    get,
    path = "/v1/learning-companies/{id}/learning-contracts",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The company"),
        ("status" = Option<ContractStatusName>, Query, description = "Only the contracts of this status"),
        ("conversion_open" = Option<bool>, Query, description = "Only the contracts whose conversion is open (`true`) or not (`false`)"),
        ("page_size" = Option<u32>, Query, description = "How many contracts a page holds: 1 to 200, 20 when absent; 0 or more than 200 is 422 invalid-parameter", minimum = 1, maximum = 200),
        ("after" = Option<String>, Query, description = "The `next` of the previous page, as it came"),
    ),
    responses(
        (status = 200, description = "A page of the company's contracts", body = LearningContractPage),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn learning_contracts<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    params: Params,
) -> Result<Json<Value>, Problem> {
    let company: InstitutionId = path_id(&id)?;
    params.only(&["status", "conversion_open", "page_size", "after"])?;
    let filter = ContractFilter {
        status: params.parsed::<ContractStatusKind>("status")?,
        conversion_open: params.parsed::<bool>("conversion_open")?,
    };
    let page = page(&params)?;
    let read = service(&shared)
        .learning_contracts_of(&actor, company, &filter, &page)
        .await?;
    Ok(Json(to_json(&read)?))
}

/// The approved work-study programmes (일학습병행과정) of a learning company, a page at a time
/// in the order of their identifiers: its staff and the agency.
#[utoipa::path(
    get,
    path = "/v1/learning-companies/{id}/work-study-programmes",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The company"),
        ("page_size" = Option<u32>, Query, description = "How many programmes a page holds: 1 to 200, 20 when absent; 0 or more than 200 is 422 invalid-parameter", minimum = 1, maximum = 200),
        ("after" = Option<String>, Query, description = "The `next` of the previous page, as it came"),
    ),
    responses(
        (status = 200, description = "A page of the company's programmes", body = WorkStudyProgrammePage),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn programmes<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    params: Params,
) -> Result<Json<Value>, Problem> {
    let company: InstitutionId = path_id(&id)?;
    params.only(&["page_size", "after"])?;
    let page = page(&params)?;
    let read = service(&shared)
        .programmes_of(&actor, company, &page)
        .await?;
    Ok(Json(to_json(&read)?))
}

/// The company field teachers (기업현장교사) of a learning company, a page at a time in the
/// order of their identifiers: its staff and the agency.
#[utoipa::path(
    get,
    path = "/v1/learning-companies/{id}/field-teachers",
    tag = "work-study",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The company"),
        ("page_size" = Option<u32>, Query, description = "How many teachers a page holds: 1 to 200, 20 when absent; 0 or more than 200 is 422 invalid-parameter", minimum = 1, maximum = 200),
        ("after" = Option<String>, Query, description = "The `next` of the previous page, as it came"),
    ),
    responses(
        (status = 200, description = "A page of the company's field teachers", body = FieldTeacherPage),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = UnprocessableEntity),
        ServerProblems,
    )
)]
pub(crate) async fn field_teachers<S: Store, C: Clock + Clone>(
    State(shared): Ctx<S, C>,
    Caller(actor): Caller,
    Path(id): Path<String>,
    params: Params,
) -> Result<Json<Value>, Problem> {
    let company: InstitutionId = path_id(&id)?;
    params.only(&["page_size", "after"])?;
    let page = page(&params)?;
    let read = service(&shared)
        .field_teachers_of(&actor, company, &page)
        .await?;
    Ok(Json(to_json(&read)?))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use cqnet_store::work_study::MAX_LIST_PAGE_SIZE;

    /// The document states the store's bounds of `page_size` on every list route.
    #[test]
    fn the_documented_page_size_is_the_stores() {
        let document = serde_json::to_value(crate::openapi()).unwrap();
        let most = MAX_LIST_PAGE_SIZE.to_string();
        let default = cqnet_store::work_study::DEFAULT_LIST_PAGE_SIZE.to_string();
        for list in [
            "learning-contracts",
            "work-study-programmes",
            "field-teachers",
        ] {
            let path = format!("/v1/learning-companies/{{id}}/{list}");
            let parameters = document["paths"][&path]["get"]["parameters"]
                .as_array()
                .unwrap();
            let size = parameters
                .iter()
                .find(|p| p["name"] == "page_size")
                .unwrap();
            assert_eq!(size["schema"]["maximum"].to_string(), most, "{path}");
            assert_eq!(size["schema"]["minimum"], 1, "{path}");
            let text = size["description"].as_str().unwrap();
            assert!(
                text.contains(&format!("1 to {most}, {default} when absent")),
                "{path}: {text}"
            );
        }
    }
}
