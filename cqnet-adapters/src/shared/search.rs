//! The search statements of both SQL back ends, built from a query: one condition for each
//! filter given (and none for a filter left empty, so each engine plans the query it is
//! asked), the keyset condition past the first page, the order, and one row more than the
//! page to know whether another follows. Text goes to each engine's own index: SQLite's FTS5
//! trigram tables for text of 3 characters or more, PostgreSQL's `pg_trgm` GIN index.

use cqnet_store::search::{
    CourseFilter, CourseQuery, InstitutionFilter, InstitutionQuery, QualificationFilter,
    QualificationQuery, Query, SearchFilter, SearchText, Sort, SortKey,
};
use cqnet_store::training::QualificationLevel;
use cqnet_store::{StoreError, StoreResult};

/// The SQL dialect a statement is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    #[cfg_attr(not(feature = "sqlite"), allow(dead_code))]
    Sqlite,
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    Postgres,
}

/// A parameter of a search statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Text(String),
    Int(i64),
}

/// A statement and its parameters, `$1`, `$2`, … in order.
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    pub sql: String,
    pub params: Vec<Value>,
}

struct Builder {
    dialect: Dialect,
    conditions: Vec<String>,
    params: Vec<Value>,
}

impl Builder {
    fn new(dialect: Dialect) -> Self {
        Builder {
            dialect,
            conditions: Vec::new(),
            params: Vec::new(),
        }
    }

    fn bind(&mut self, value: Value) -> String {
        self.params.push(value);
        format!("${}", self.params.len())
    }

    fn text(&mut self, text: impl Into<String>) -> String {
        self.bind(Value::Text(text.into()))
    }

    fn condition(&mut self, condition: String) {
        self.conditions.push(condition);
    }

    /// An id column compared by its bytes, as the memory store compares ids.
    fn id(&self, column: &str) -> String {
        match self.dialect {
            Dialect::Sqlite => column.to_owned(),
            Dialect::Postgres => format!("{column} COLLATE \"C\""),
        }
    }

    /// The ids of the rows of `table` (keyed by `id`) whose name contains `text`.
    fn names_containing(&mut self, table: NameTable, text: &SearchText) -> String {
        let (base, names, id) = table.parts();
        match self.dialect {
            // Trigram matching needs three characters; shorter text is looked for in the
            // names themselves (a few thousand rows).
            Dialect::Sqlite if text.char_count() >= 3 => {
                let phrase = format!("\"{}\"", text.key().replace('"', "\"\""));
                let p = self.text(phrase);
                format!("SELECT {id} FROM {names} WHERE {names} MATCH {p}")
            }
            Dialect::Sqlite => {
                let p = self.text(text.key());
                format!("SELECT {id} FROM {base} WHERE instr(lower(search_name), {p}) > 0")
            }
            Dialect::Postgres => {
                let p = self.text(format!("%{}%", escape_like(text.key())));
                format!("SELECT {id} FROM {base} WHERE search_key LIKE {p}")
            }
        }
    }

    /// The condition that the name of the row `alias` of `table` contains `text`.
    fn name_contains(&mut self, table: NameTable, alias: &str, text: &SearchText) -> String {
        let (_, _, id) = table.parts();
        match self.dialect {
            Dialect::Sqlite if text.char_count() >= 3 => {
                let ids = self.names_containing(table, text);
                format!("{alias}.{id} IN ({ids})")
            }
            Dialect::Sqlite => {
                let p = self.text(text.key());
                format!("instr(lower({alias}.search_name), {p}) > 0")
            }
            Dialect::Postgres => {
                let p = self.text(format!("%{}%", escape_like(text.key())));
                format!("{alias}.search_key LIKE {p}")
            }
        }
    }

    fn finish(self, select: &str, order: &[String], limit: u32) -> Statement {
        let mut sql = select.to_owned();
        if !self.conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&self.conditions.join(" AND "));
        }
        sql.push_str(" ORDER BY ");
        sql.push_str(&order.join(", "));
        let mut params = self.params;
        params.push(Value::Int(i64::from(limit)));
        sql.push_str(&format!(" LIMIT ${}", params.len()));
        Statement { sql, params }
    }

    /// The keyset condition: rows after the previous page's end, in the order `columns`.
    fn after<F: SearchFilter>(&mut self, query: &Query<F>, key_column: &str, id_column: &str) {
        if let Some(position) = query.position() {
            let key = match position.key() {
                SortKey::Name(name) => name.clone(),
                SortKey::StartDate(day) => crate::sql::day_column(*day),
            };
            let (k, i) = (self.text(key), self.text(position.id()));
            let id = self.id(id_column);
            self.condition(format!("({key_column}, {id}) > ({k}, {i})"));
        }
    }
}

#[derive(Clone, Copy)]
enum NameTable {
    Qualifications,
    Institutions,
}

impl NameTable {
    fn parts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            NameTable::Qualifications => ("qualifications", "qualification_names", "code"),
            NameTable::Institutions => ("institutions", "institution_names", "id"),
        }
    }
}

/// `%`, `_` and `\` written so that LIKE reads them as themselves (PostgreSQL's default
/// escape character is `\`).
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The stored form of a level, as the `search_level` columns compute it from the JSON body:
/// `grade:craftsman`, `ncs:3`.
pub(crate) fn level_key(level: QualificationLevel) -> StoreResult<String> {
    let value = serde_json::to_value(level).map_err(|e| StoreError::Corrupt {
        what: "qualification level",
        detail: e.to_string(),
    })?;
    let entry = value.as_object().and_then(|m| m.iter().next());
    match entry {
        Some((kind, serde_json::Value::String(s))) => Ok(format!("{kind}:{s}")),
        Some((kind, serde_json::Value::Number(n))) => Ok(format!("{kind}:{n}")),
        _ => Err(StoreError::Corrupt {
            what: "qualification level",
            detail: format!("unexpected JSON form {value}"),
        }),
    }
}

/// A value's JSON string form (the enums' snake-case names, a 시도's code).
fn json_text<T: serde::Serialize>(what: &'static str, value: &T) -> StoreResult<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        other => Err(StoreError::Corrupt {
            what,
            detail: format!("not a JSON string: {other:?}"),
        }),
    }
}

fn one_more(page_size: u32) -> u32 {
    page_size + 1
}

/// The statement of a qualification search: `body` of each row.
pub(crate) fn qualifications(
    dialect: Dialect,
    query: &QualificationQuery,
) -> StoreResult<Statement> {
    let mut b = Builder::new(dialect);
    qualification_conditions(&mut b, query.filter())?;
    b.after(query, "q.search_name", "q.code");
    let order = [String::from("q.search_name"), b.id("q.code")];
    Ok(b.finish(
        "SELECT q.body FROM qualifications q",
        &order,
        one_more(query.page_size().get()),
    ))
}

fn qualification_conditions(b: &mut Builder, f: &QualificationFilter) -> StoreResult<()> {
    if let Some(text) = &f.name {
        let condition = b.name_contains(NameTable::Qualifications, "q", text);
        b.condition(condition);
    }
    if let Some(level) = f.level {
        let p = b.text(level_key(level)?);
        b.condition(format!("q.search_level = {p}"));
    }
    if let Some(field) = &f.field {
        let p = b.text(field.as_str());
        b.condition(format!("q.search_field = {p}"));
    }
    if let Some(class) = &f.ncs_class {
        // Classification codes are digits only: nothing in them needs escaping.
        let p = b.text(format!("{}%", class.as_str()));
        b.condition(format!("q.search_ncs_class LIKE {p}"));
    }
    if let Some(track) = f.track {
        let p = b.text(track.as_str());
        b.condition(format!("q.search_track = {p}"));
    }
    Ok(())
}

/// The statement of an institution search: `body` of each row.
pub(crate) fn institutions(dialect: Dialect, query: &InstitutionQuery) -> StoreResult<Statement> {
    let mut b = Builder::new(dialect);
    institution_conditions(&mut b, query.filter(), "i")?;
    b.after(query, "i.search_name", "i.id");
    let order = [String::from("i.search_name"), b.id("i.id")];
    Ok(b.finish(
        "SELECT i.body FROM institutions i",
        &order,
        one_more(query.page_size().get()),
    ))
}

fn institution_conditions(b: &mut Builder, f: &InstitutionFilter, alias: &str) -> StoreResult<()> {
    if let Some(text) = &f.name {
        let condition = b.name_contains(NameTable::Institutions, alias, text);
        b.condition(condition);
    }
    type_condition(b, &f.types, alias)?;
    if let Some(region) = &f.region {
        region_condition(b, region, alias)?;
    }
    Ok(())
}

fn type_condition(
    b: &mut Builder,
    types: &[cqnet_core::InstitutionType],
    alias: &str,
) -> StoreResult<()> {
    if types.is_empty() {
        return Ok(());
    }
    let mut names: Vec<String> = Vec::new();
    for t in types {
        let name = json_text("institution type", t)?;
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let params: Vec<String> = names.into_iter().map(|n| b.text(n)).collect();
    b.condition(format!("{alias}.search_type IN ({})", params.join(", ")));
    Ok(())
}

fn region_condition(b: &mut Builder, region: &cqnet_core::Region, alias: &str) -> StoreResult<()> {
    let sido = b.text(json_text("시도", &region.sido())?);
    b.condition(format!("{alias}.search_sido = {sido}"));
    if let Some(sigungu) = region.sigungu() {
        let p = b.text(sigungu);
        b.condition(format!("{alias}.search_sigungu = {p}"));
    }
    Ok(())
}

/// The statement of a course search: the course's `body`, its qualification's and
/// institution's names, and its seats left.
pub(crate) fn courses(dialect: Dialect, query: &CourseQuery) -> StoreResult<Statement> {
    let mut b = Builder::new(dialect);
    let f: &CourseFilter = query.filter();
    b.condition("c.search_designation = 'designated'".to_owned());
    if let Some(code) = &f.qualification {
        let p = b.text(code.as_str());
        b.condition(format!("c.qualification = {p}"));
    }
    if let Some(level) = f.level {
        let p = b.text(level_key(level)?);
        b.condition(format!("q.search_level = {p}"));
    }
    if let Some(region) = &f.region {
        region_condition(&mut b, region, "i")?;
    }
    type_condition(&mut b, &f.institution_types, "i")?;
    if let Some(track) = f.track {
        let p = b.text(track.as_str());
        b.condition(format!("c.search_track = {p}"));
    }
    if let Some(range) = f.starts {
        let (first, last) = (
            b.text(crate::sql::day_column(range.first())),
            b.text(crate::sql::day_column(range.last())),
        );
        b.condition(format!("c.search_start BETWEEN {first} AND {last}"));
    }
    if let Some(status) = f.status {
        let bounds = status.bounds(f.today);
        let dated = [
            ("c.search_start >", bounds.start_after),
            ("c.search_start <=", bounds.start_on_or_before),
            ("c.search_end >=", bounds.end_on_or_after),
            ("c.search_end <", bounds.end_before),
        ];
        for (compare, bound) in dated {
            if let Some(day) = bound {
                let p = b.text(crate::sql::day_column(day));
                b.condition(format!("{compare} {p}"));
            }
        }
    }
    if let Some(seats) = f.min_seats_left {
        let p = b.bind(Value::Int(i64::from(seats)));
        b.condition(format!("{SEATS_LEFT} >= {p}"));
    }
    if let Some(text) = &f.text {
        let qualifications = b.names_containing(NameTable::Qualifications, text);
        let institutions = b.names_containing(NameTable::Institutions, text);
        b.condition(format!(
            "(c.qualification IN ({qualifications}) OR c.institution IN ({institutions}))"
        ));
    }
    let key = match query.sort() {
        Sort::StartDate => "c.search_start",
        Sort::Name => "q.search_name",
    };
    b.after(query, key, "c.id");
    let order = [key.to_owned(), b.id("c.id")];
    let select = format!(
        "SELECT c.body, q.search_name, i.search_name, {SEATS_LEFT} \
         FROM courses c JOIN qualifications q ON q.code = c.qualification \
         JOIN institutions i ON i.id = c.institution"
    );
    Ok(b.finish(&select, &order, one_more(query.page_size().get())))
}

/// A course's seats left: capacity less enrollments, as the enroll command counts them.
const SEATS_LEFT: &str =
    "(c.capacity - (SELECT COUNT(*) FROM enrollments e WHERE e.course = c.id))";

/// A course row's seats left as a search answers them (never below 0).
pub(crate) fn seats_left(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn like_escapes_its_wildcards() {
        assert_eq!(escape_like(r"50%_a\b"), r"50\%\_a\\b");
    }

    #[test]
    fn levels_read_as_their_stored_form() {
        use cqnet_core::{Grade, NcsLevel};
        assert_eq!(
            level_key(QualificationLevel::Grade(Grade::IndustrialEngineer)).unwrap(),
            "grade:industrial_engineer"
        );
        assert_eq!(
            level_key(QualificationLevel::Ncs(NcsLevel::new(3).unwrap())).unwrap(),
            "ncs:3"
        );
    }
}
