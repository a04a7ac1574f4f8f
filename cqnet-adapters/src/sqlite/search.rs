//! [`CourseSearch`] on SQLite: the statements of [`crate::shared::search`] on the search
//! columns and FTS5 trigram tables of migration 0007, read on the store's connection.

use cqnet_store::StoreResult;
use cqnet_store::search::{
    CourseHit, CourseQuery, CourseSearch, CourseStatus, InstitutionQuery, Page, QualificationQuery,
};
use cqnet_store::training::{Course, Institution, Qualification};
use rusqlite::{Connection, Row};

use super::SqliteStore;
use super::errors::fault;
use crate::shared::search::{self, Dialect, Statement, Value};
use crate::sql;

impl CourseSearch for SqliteStore {
    fn search_qualifications(
        &self,
        query: &QualificationQuery,
    ) -> StoreResult<Page<Qualification>> {
        let statement = search::qualifications(Dialect::Sqlite, query)?;
        let rows = self.read(|c| rows(c, &statement, |r| body(r, 0)))?;
        let items = rows
            .iter()
            .map(|b| sql::from_body("qualification", b))
            .collect::<StoreResult<_>>()?;
        Ok(Page::of_ordered(query, items))
    }

    fn search_institutions(&self, query: &InstitutionQuery) -> StoreResult<Page<Institution>> {
        let statement = search::institutions(Dialect::Sqlite, query)?;
        let rows = self.read(|c| rows(c, &statement, |r| body(r, 0)))?;
        let items = rows
            .iter()
            .map(|b| sql::from_body("institution", b))
            .collect::<StoreResult<_>>()?;
        Ok(Page::of_ordered(query, items))
    }

    fn search_courses(&self, query: &CourseQuery) -> StoreResult<Page<CourseHit>> {
        let statement = search::courses(Dialect::Sqlite, query)?;
        let rows = self.read(|c| {
            rows(c, &statement, |r| {
                Ok((body(r, 0)?, body(r, 1)?, body(r, 2)?, r.get::<_, i64>(3)?))
            })
        })?;
        let today = query.filter().today;
        let items = rows
            .into_iter()
            .map(|(course, qualification_name, institution_name, seats)| {
                let course: Course = sql::from_body("course", &course)?;
                let spec = course.spec();
                let status = CourseStatus::of(spec.start, spec.end, today);
                Ok(CourseHit {
                    course,
                    qualification_name,
                    institution_name,
                    seats_left: search::seats_left(seats),
                    status,
                })
            })
            .collect::<StoreResult<_>>()?;
        Ok(Page::of_ordered(query, items))
    }
}

fn body(row: &Row<'_>, i: usize) -> rusqlite::Result<String> {
    row.get(i)
}

/// Runs a search statement, binding each `$n` by its name.
pub(super) fn rows<T>(
    conn: &Connection,
    statement: &Statement,
    map: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
) -> StoreResult<Vec<T>> {
    let mut stmt = conn.prepare_cached(&statement.sql).map_err(fault)?;
    for (n, value) in statement.params.iter().enumerate() {
        let name = format!("${}", n + 1);
        let Some(index) = stmt.parameter_index(&name).map_err(fault)? else {
            continue;
        };
        match value {
            Value::Text(t) => stmt.raw_bind_parameter(index, t),
            Value::Int(i) => stmt.raw_bind_parameter(index, i),
        }
        .map_err(fault)?;
    }
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(fault)? {
        out.push(map(row).map_err(fault)?);
    }
    Ok(out)
}

use crate::SpawnBlocking;

cqnet_store::forward_async_course_search!(SpawnBlocking);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use cqnet_store::search::{
        CourseFilter, PageSize, QualificationFilter, SearchText, Sort, StartDates,
    };

    /// The plan SQLite chooses for a search statement, one line per step.
    fn plan(store: &SqliteStore, statement: &Statement) -> String {
        let explain = Statement {
            sql: format!("EXPLAIN QUERY PLAN {}", statement.sql),
            params: statement.params.clone(),
        };
        store
            .read(|c| rows(c, &explain, |r| r.get::<_, String>(3)))
            .unwrap()
            .join("\n")
    }

    #[test]
    fn text_of_three_characters_or_more_is_answered_from_the_trigram_index() {
        let store = SqliteStore::open_in_memory().unwrap();
        let text = Some(SearchText::new("용접산업").unwrap());
        let query = QualificationQuery::new(
            QualificationFilter {
                name: text.clone(),
                ..Default::default()
            },
            Sort::Name,
            PageSize::default(),
        )
        .unwrap();
        let found = plan(
            &store,
            &search::qualifications(Dialect::Sqlite, &query).unwrap(),
        );
        assert!(
            found.contains("qualification_names VIRTUAL TABLE INDEX"),
            "{found}"
        );

        let mut filter = CourseFilter::on("2026-03-02".parse().unwrap());
        filter.text = text;
        let query = CourseQuery::new(filter, Sort::StartDate, PageSize::default()).unwrap();
        let found = plan(&store, &search::courses(Dialect::Sqlite, &query).unwrap());
        assert!(
            found.contains("qualification_names VIRTUAL TABLE INDEX"),
            "{found}"
        );
        assert!(
            found.contains("institution_names VIRTUAL TABLE INDEX"),
            "{found}"
        );
    }

    #[test]
    fn courses_by_start_date_walk_their_index() {
        let store = SqliteStore::open_in_memory().unwrap();
        let mut filter = CourseFilter::on("2026-03-02".parse().unwrap());
        filter.starts = Some(StartDates::year(2026).unwrap());
        let query = CourseQuery::new(filter, Sort::StartDate, PageSize::default()).unwrap();
        let found = plan(&store, &search::courses(Dialect::Sqlite, &query).unwrap());
        assert!(found.contains("courses_by_start"), "{found}");
        assert!(
            !found.contains("TEMP B-TREE"),
            "no sort of the matches: {found}"
        );
    }
}
