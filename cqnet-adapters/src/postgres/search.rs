//! The search reads, written once against [`Exec`] and run by both PostgreSQL stores: the
//! statements of [`crate::shared::search`] on the search columns and `pg_trgm` indexes of
//! migration 0009.
//!
//! A statement's text depends only on which filters a query gives (and how many institution
//! types, at most 13), its sort and whether it is past its first page, so there are a bounded
//! number of them; each is kept for the life of the process, the first time it is built, so
//! that connections prepare and cache it like the fixed statements.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use cqnet_store::search::{
    CourseHit, CourseQuery, CourseStatus, InstitutionQuery, Page, QualificationQuery,
};
use cqnet_store::training::{Course, Institution, Qualification};
use postgres::types::ToSql;
use tokio_postgres::Row;

use super::commands::col;
use super::exec::{Exec, Param, PgError};
use crate::shared::search::{self, Dialect, Statement, Value};
use crate::sql;

type R<T> = Result<T, PgError>;

/// The statement's text for the life of the process (see the module's documentation).
fn kept(sql: String) -> &'static str {
    static KEPT: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut kept = KEPT
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(text) = kept.get(sql.as_str()) {
        return text;
    }
    let text: &'static str = Box::leak(sql.into_boxed_str());
    kept.insert(text);
    text
}

pub(super) async fn run<E: Exec>(e: &mut E, statement: Statement) -> R<Vec<Row>> {
    let values: Vec<Box<dyn ToSql + Sync + Send>> = statement
        .params
        .into_iter()
        .map(|v| -> Box<dyn ToSql + Sync + Send> {
            match v {
                Value::Text(t) => Box::new(t),
                Value::Int(i) => Box::new(i),
            }
        })
        .collect();
    let params: Vec<Param<'_>> = values.iter().map(|v| &**v as Param<'_>).collect();
    e.query(kept(statement.sql), &params).await
}

pub(crate) async fn qualifications<E: Exec>(
    e: &mut E,
    query: &QualificationQuery,
) -> R<Page<Qualification>> {
    let rows = run(e, search::qualifications(Dialect::Postgres, query)?).await?;
    let items = rows
        .iter()
        .map(|r| Ok(sql::from_body("qualification", &col::<String>(r, 0)?)?))
        .collect::<R<_>>()?;
    Ok(Page::of_ordered(query, items))
}

pub(crate) async fn institutions<E: Exec>(
    e: &mut E,
    query: &InstitutionQuery,
) -> R<Page<Institution>> {
    let rows = run(e, search::institutions(Dialect::Postgres, query)?).await?;
    let items = rows
        .iter()
        .map(|r| Ok(sql::from_body("institution", &col::<String>(r, 0)?)?))
        .collect::<R<_>>()?;
    Ok(Page::of_ordered(query, items))
}

pub(crate) async fn courses<E: Exec>(e: &mut E, query: &CourseQuery) -> R<Page<CourseHit>> {
    let rows = run(e, search::courses(Dialect::Postgres, query)?).await?;
    let today = query.filter().today;
    let items = rows
        .iter()
        .map(|r| {
            let course: Course = sql::from_body("course", &col::<String>(r, 0)?)?;
            let spec = course.spec();
            let status = CourseStatus::of(spec.start, spec.end, today);
            Ok(CourseHit {
                qualification_name: col(r, 1)?,
                institution_name: col(r, 2)?,
                seats_left: search::seats_left(col(r, 3)?),
                status,
                course,
            })
        })
        .collect::<R<_>>()?;
    Ok(Page::of_ordered(query, items))
}
