//! The public search (검색): qualifications (종목정보), institutions (교육·훈련기관 찾기) and
//! designated courses (맞춤형 과정검색), every filter a query parameter, read into the search's
//! checked values before a store sees them, and the opaque cursor of the next page.

use axum::Json;
use chrono::NaiveDate;
use cqnet_core::{
    Grade, InstitutionType, JobField, NcsClassification, NcsLevel, QualificationCode, Region, Sido,
};
use cqnet_store::search::{
    AsyncCourseSearch, CourseFilter, CourseStatus, Cursor, InstitutionFilter, QualificationFilter,
    Query, SearchError, SearchFilter, SearchText, Sort, StartDates,
};
use cqnet_store::training::QualificationLevel;
use cqnet_store::{Clock, Cqnet};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::query::{Params, invalid};
use crate::{Problem, paging, to_json};

/// `GET /v1/search/qualifications`: a page of qualifications (종목) by name.
pub(crate) async fn qualifications<S: AsyncCourseSearch, C>(
    cqnet: &Cqnet<S, C>,
    params: &Params,
) -> Result<Json<Value>, Problem> {
    params.only(&[
        "name",
        "grade",
        "ncs_level",
        "field",
        "ncs_class",
        "track",
        "page_size",
        "cursor",
    ])?;
    let filter = QualificationFilter {
        name: text(params, "name")?,
        level: level(params)?,
        field: params
            .text("field")?
            .map(|f| JobField::new(f).map_err(|e| invalid("field", e.to_string())))
            .transpose()?,
        ncs_class: params
            .text("ncs_class")?
            .map(|c| NcsClassification::new(c).map_err(|e| invalid("ncs_class", e.to_string())))
            .transpose()?,
        track: named(params, "track")?,
    };
    let query = query(params, filter, Sort::Name)?;
    let page = cqnet.store().search_qualifications(&query).await?;
    Ok(Json(to_json(&page)?))
}

/// `GET /v1/search/institutions`: a page of institutions (교육·훈련기관) by name.
pub(crate) async fn institutions<S: AsyncCourseSearch, C>(
    cqnet: &Cqnet<S, C>,
    params: &Params,
) -> Result<Json<Value>, Problem> {
    params.only(&["name", "type", "sido", "sigungu", "page_size", "cursor"])?;
    let filter = InstitutionFilter {
        name: text(params, "name")?,
        types: types(params, "type")?,
        region: region(params)?,
    };
    let query = query(params, filter, Sort::Name)?;
    let page = cqnet.store().search_institutions(&query).await?;
    Ok(Json(to_json(&page)?))
}

/// `GET /v1/search/courses`: a page of designated courses (지정 과정), by start date or by
/// qualification name, their status decided on the server's day in Korea.
pub(crate) async fn courses<S: AsyncCourseSearch, C: Clock>(
    cqnet: &Cqnet<S, C>,
    params: &Params,
) -> Result<Json<Value>, Problem> {
    params.only(&[
        "qualification",
        "grade",
        "ncs_level",
        "sido",
        "sigungu",
        "institution_type",
        "track",
        "year",
        "starts_from",
        "starts_until",
        "status",
        "min_seats_left",
        "text",
        "sort",
        "page_size",
        "cursor",
    ])?;
    let today = cqnet_core::window::korean_date(cqnet.clock().now().fixed_offset());
    let filter = CourseFilter {
        qualification: params
            .text("qualification")?
            .map(|c| {
                c.parse::<QualificationCode>()
                    .map_err(|e| invalid("qualification", e.to_string()))
            })
            .transpose()?,
        level: level(params)?,
        region: region(params)?,
        institution_types: types(params, "institution_type")?,
        track: named(params, "track")?,
        starts: starts(params)?,
        status: named::<CourseStatus>(params, "status")?,
        min_seats_left: params.parsed("min_seats_left")?,
        text: text(params, "text")?,
        ..CourseFilter::on(today)
    };
    let sort = match params.text("sort")? {
        None | Some("start_date") => Sort::StartDate,
        Some("name") => Sort::Name,
        Some(other) => {
            return Err(invalid(
                "sort",
                format!("sort={other:?}: courses are sorted by start_date or name"),
            ));
        }
    };
    let query = query(params, filter, sort)?;
    let page = cqnet.store().search_courses(&query).await?;
    Ok(Json(to_json(&page)?))
}

/// The query of a filter: its sort, its page size, and the cursor of the page before.
fn query<F: SearchFilter>(params: &Params, filter: F, sort: Sort) -> Result<Query<F>, Problem> {
    let size = paging::page_size(params)?;
    let query = Query::new(filter, sort, size).map_err(|e| paging::refused("sort", &e))?;
    match params.text("cursor")? {
        None => Ok(query),
        Some(text) => {
            let cursor = Cursor::parse(text).map_err(|e| paging::refused("cursor", &e))?;
            query
                .after(&cursor)
                .map_err(|e| paging::refused("cursor", &e))
        }
    }
}

/// A search text: refused by the search's own check (empty, too long, a hidden character).
fn text(params: &Params, name: &str) -> Result<Option<SearchText>, Problem> {
    params
        .text(name)?
        .map(|t| SearchText::new(t).map_err(|e| paging::refused(name, &e)))
        .transpose()
}

/// A value named as its serde form names it (`course_based`, `open_for_enrollment`).
fn named<T: DeserializeOwned>(params: &Params, name: &str) -> Result<Option<T>, Problem> {
    params
        .text(name)?
        .map(|text| {
            serde_json::from_value(Value::String(text.to_owned()))
                .map_err(|e| invalid(name, format!("{name}={text:?}: {e}")))
        })
        .transpose()
}

/// The level of a qualification: a grade (등급) or an NCS level (수준), not both.
fn level(params: &Params) -> Result<Option<QualificationLevel>, Problem> {
    let grade = named::<Grade>(params, "grade")?;
    let ncs = params
        .parsed::<u8>("ncs_level")?
        .map(|n| NcsLevel::new(n).map_err(|e| invalid("ncs_level", e.to_string())))
        .transpose()?;
    match (grade, ncs) {
        (Some(_), Some(_)) => Err(invalid(
            "ncs_level",
            "a qualification has a grade or an NCS level: give one of grade and ncs_level",
        )),
        (Some(grade), None) => Ok(Some(QualificationLevel::Grade(grade))),
        (None, Some(level)) => Ok(Some(QualificationLevel::Ncs(level))),
        (None, None) => Ok(None),
    }
}

/// The institution types of a repeated parameter (`type=university&type=military`).
fn types(params: &Params, name: &str) -> Result<Vec<InstitutionType>, Problem> {
    params
        .all(name)
        .map(|t| {
            t.parse::<InstitutionType>()
                .map_err(|e| invalid(name, e.to_string()))
        })
        .collect()
}

/// A region: a 시도 code, and optionally a 시군구 code inside it.
fn region(params: &Params) -> Result<Option<Region>, Problem> {
    let sido = params
        .text("sido")?
        .map(|code| Sido::from_code(code).map_err(|e| invalid("sido", e.to_string())))
        .transpose()?;
    let sigungu = params.text("sigungu")?;
    match (sido, sigungu) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(invalid("sigungu", "a 시군구 needs its 시도: give sido too")),
        (Some(sido), sigungu) => Region::new(sido, sigungu)
            .map(Some)
            .map_err(|e| invalid("sigungu", e.to_string())),
    }
}

/// The start dates of courses: a training year, or a range of days (from, until, or both).
fn starts(params: &Params) -> Result<Option<StartDates>, Problem> {
    let year: Option<i32> = params.parsed("year")?;
    let from: Option<NaiveDate> = params.parsed("starts_from")?;
    let until: Option<NaiveDate> = params.parsed("starts_until")?;
    let refused = |name: &str, e: SearchError| paging::refused(name, &e);
    match (year, from, until) {
        (None, None, None) => Ok(None),
        (Some(year), None, None) => StartDates::year(year)
            .map(Some)
            .map_err(|e| refused("year", e)),
        (Some(_), _, _) => Err(invalid(
            "year",
            "give a training year or a range of start dates, not both",
        )),
        // An open end is the calendar's: every back end stores dates of years 1 to 9999.
        (None, from, until) => StartDates::between(
            from.unwrap_or(NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default()),
            until.unwrap_or(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default()),
        )
        .map(Some)
        .map_err(|e| refused("starts_until", e)),
    }
}
