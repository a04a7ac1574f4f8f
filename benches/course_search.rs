//! The search mix on a synthetic catalog ten times today's national size (2,000
//! qualifications, 5,000 institutions, 20,000 courses a year over 5 years; one course in 20
//! full): each query through the store's `CourseSearch` and the same query written by hand in
//! raw SQL on the same data in the same run, interleaved, with p50 and p99 of each and the
//! library's throughput as a share of raw SQL's.
//!
//! SQLite runs on a file in the temp folder (the store and a raw `rusqlite` connection on it);
//! PostgreSQL, when `CQNET_PG_URL` names a server and the `postgres` feature is on, in a schema
//! of its own dropped at the end (the blocking `PgStore` and a raw `postgres::Client`). Under
//! `cargo bench -- --test` a small catalog (about today's size, one year) runs a few rounds.
//! Figures are in `docs/performance.md`.

use std::time::{Duration, Instant};

use cqnet::adapters::sqlite::SqliteStore;
use cqnet::core::{Grade, InstitutionType, LegalInstitutionType, QualificationCode, Region, Sido};
use cqnet::store::search::*;
use cqnet::store::testing::catalog::{CatalogSize, SyntheticCatalog};
use cqnet::store::training::QualificationLevel;

/// A query of the mix: the library's call and the raw SQL's, each answering its row count
/// for round `i` (the parameters rotate with `i`).
struct Case<'a> {
    name: &'static str,
    library: Box<dyn FnMut(usize) -> usize + 'a>,
    raw: Box<dyn FnMut(usize) -> usize + 'a>,
}

/// The parameters the mix rotates through.
struct Mix {
    short_texts: Vec<&'static str>,
    long_texts: Vec<&'static str>,
    sidos: Vec<Sido>,
    codes: Vec<QualificationCode>,
    today: chrono::NaiveDate,
}

impl Mix {
    fn new(catalog: &SyntheticCatalog) -> Mix {
        Mix {
            short_texts: vec!["용접", "전기", "제과", "조리", "금형", "정비"],
            long_texts: vec![
                "용접기능사",
                "산업기사",
                "정보처리",
                "자동차정비",
                "CNC밀링",
                "웹디자인",
            ],
            sidos: Sido::all().collect(),
            codes: catalog
                .qualifications
                .iter()
                .step_by(37)
                .map(|q| q.code().clone())
                .take(50)
                .collect(),
            today: "2026-03-02".parse().expect("a date"),
        }
    }

    fn qualifications_short(&self, i: usize) -> QualificationQuery {
        let name = SearchText::new(self.short_texts[i % self.short_texts.len()]).expect("text");
        QualificationQuery::new(
            QualificationFilter {
                name: Some(name),
                ..Default::default()
            },
            Sort::Name,
            PageSize::default(),
        )
        .expect("query")
    }

    fn qualifications_long(&self, i: usize) -> QualificationQuery {
        let name = SearchText::new(self.long_texts[i % self.long_texts.len()]).expect("text");
        QualificationQuery::new(
            QualificationFilter {
                name: Some(name),
                track: Some(cqnet::core::Track::CourseBased),
                ..Default::default()
            },
            Sort::Name,
            PageSize::default(),
        )
        .expect("query")
    }

    fn institutions(&self, i: usize) -> InstitutionQuery {
        let region = Region::new(self.sidos[i % self.sidos.len()], None).expect("region");
        InstitutionQuery::new(
            InstitutionFilter {
                types: InstitutionType::under(LegalInstitutionType::HigherEducation),
                region: Some(region),
                ..Default::default()
            },
            Sort::Name,
            PageSize::default(),
        )
        .expect("query")
    }

    fn open_courses(&self, i: usize) -> CourseQuery {
        let mut f = CourseFilter::on(self.today);
        f.level = Some(QualificationLevel::Grade(Grade::Craftsman));
        f.region = Some(Region::new(self.sidos[i % self.sidos.len()], None).expect("region"));
        f.status = Some(CourseStatus::OpenForEnrollment);
        f.min_seats_left = Some(1);
        CourseQuery::new(f, Sort::StartDate, PageSize::default()).expect("query")
    }

    fn text_courses(&self, i: usize) -> CourseQuery {
        let mut f = CourseFilter::on(self.today);
        f.text = Some(SearchText::new(self.long_texts[i % self.long_texts.len()]).expect("text"));
        f.starts = Some(StartDates::year(2026).expect("year"));
        CourseQuery::new(f, Sort::Name, PageSize::default()).expect("query")
    }

    fn qualification_courses(&self, i: usize) -> CourseQuery {
        let mut f = CourseFilter::on(self.today);
        f.qualification = Some(self.codes[i % self.codes.len()].clone());
        CourseQuery::new(f, Sort::StartDate, PageSize::default()).expect("query")
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn run_cases(backend: &str, cases: Vec<Case<'_>>, rounds: usize) {
    println!("\n{backend}: {rounds} rounds a query, library and raw SQL interleaved");
    println!(
        "{:<44} {:>10} {:>10} {:>10} {:>10} {:>8}",
        "query", "lib p50", "lib p99", "raw p50", "raw p99", "lib/raw"
    );
    for mut case in cases {
        let (mut lib, mut raw) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
        for i in 0..rounds {
            let started = Instant::now();
            let a = (case.library)(i);
            lib.push(started.elapsed());
            let started = Instant::now();
            let b = (case.raw)(i);
            raw.push(started.elapsed());
            assert_eq!(
                a, b,
                "{}: the library and raw SQL answered {a} and {b} rows in round {i}",
                case.name
            );
        }
        let (lib_total, raw_total): (Duration, Duration) = (lib.iter().sum(), raw.iter().sum());
        lib.sort();
        raw.sort();
        let ms = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1000.0);
        println!(
            "{:<44} {:>10} {:>10} {:>10} {:>10} {:>8.2}",
            case.name,
            ms(percentile(&lib, 0.5)),
            ms(percentile(&lib, 0.99)),
            ms(percentile(&raw, 0.5)),
            ms(percentile(&raw, 0.99)),
            raw_total.as_secs_f64() / lib_total.as_secs_f64(),
        );
    }
}

mod sqlite_side {
    use super::*;
    use rusqlite::{Connection, params};

    const SEATS: &str = "(c.capacity - (SELECT COUNT(*) FROM enrollments e WHERE e.course = c.id))";

    fn count(conn: &Connection, sql: &str, bind: &[&dyn rusqlite::ToSql]) -> usize {
        let mut stmt = conn.prepare_cached(sql).expect("prepare");
        let mut rows = stmt.query(bind).expect("query");
        let mut n = 0;
        while let Some(row) = rows.next().expect("row") {
            let body: String = row.get(0).expect("body");
            std::hint::black_box(body);
            n += 1;
        }
        n.min(20)
    }

    pub fn cases<'a>(store: &'a SqliteStore, raw: &'a Connection, mix: &'a Mix) -> Vec<Case<'a>> {
        let page = |n: usize| n;
        vec![
            Case {
                name: "qualifications, 2-character text",
                library: Box::new(move |i| {
                    page(
                        store
                            .search_qualifications(&mix.qualifications_short(i))
                            .expect("search")
                            .items
                            .len(),
                    )
                }),
                raw: Box::new(move |i| {
                    let text = mix.short_texts[i % mix.short_texts.len()];
                    count(
                        raw,
                        "SELECT body FROM qualifications WHERE instr(lower(search_name), ?1) > 0 ORDER BY search_name, code LIMIT 21",
                        params![text],
                    )
                }),
            },
            Case {
                name: "qualifications, trigram text and track",
                library: Box::new(move |i| {
                    store
                        .search_qualifications(&mix.qualifications_long(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(move |i| {
                    let phrase = format!(
                        "\"{}\"",
                        mix.long_texts[i % mix.long_texts.len()].to_ascii_lowercase()
                    );
                    count(
                        raw,
                        "SELECT body FROM qualifications WHERE code IN (SELECT code FROM qualification_names WHERE qualification_names MATCH ?1) AND search_track = 'course_based' ORDER BY search_name, code LIMIT 21",
                        params![phrase],
                    )
                }),
            },
            Case {
                name: "institutions, 시도 and legal type",
                library: Box::new(move |i| {
                    store
                        .search_institutions(&mix.institutions(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(move |i| {
                    let sido = mix.sidos[i % mix.sidos.len()].code();
                    count(
                        raw,
                        "SELECT body FROM institutions WHERE search_type IN ('higher_education', 'university', 'junior_college') AND search_sido = ?1 ORDER BY search_name, id LIMIT 21",
                        params![sido],
                    )
                }),
            },
            Case {
                name: "courses open, 시도, 기능사, a seat left",
                library: Box::new(move |i| {
                    store
                        .search_courses(&mix.open_courses(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(move |i| {
                    let sido = mix.sidos[i % mix.sidos.len()].code();
                    let sql = format!(
                        "SELECT c.body, q.search_name, i.search_name, {SEATS} FROM courses c \
                         JOIN qualifications q ON q.code = c.qualification JOIN institutions i ON i.id = c.institution \
                         WHERE c.search_designation = 'designated' AND q.search_level = 'grade:craftsman' \
                         AND i.search_sido = ?1 AND c.search_start > ?2 AND {SEATS} >= 1 \
                         ORDER BY c.search_start, c.id LIMIT 21"
                    );
                    count(raw, &sql, params![sido, mix.today.to_string()])
                }),
            },
            Case {
                name: "courses of 2026, trigram text, by name",
                library: Box::new(move |i| {
                    store
                        .search_courses(&mix.text_courses(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(move |i| {
                    let phrase = format!(
                        "\"{}\"",
                        mix.long_texts[i % mix.long_texts.len()].to_ascii_lowercase()
                    );
                    let sql = format!(
                        "SELECT c.body, q.search_name, i.search_name, {SEATS} FROM courses c \
                         JOIN qualifications q ON q.code = c.qualification JOIN institutions i ON i.id = c.institution \
                         WHERE c.search_designation = 'designated' AND c.search_start BETWEEN '2026-01-01' AND '2026-12-31' \
                         AND (c.qualification IN (SELECT code FROM qualification_names WHERE qualification_names MATCH ?1) \
                              OR c.institution IN (SELECT id FROM institution_names WHERE institution_names MATCH ?1)) \
                         ORDER BY q.search_name, c.id LIMIT 21"
                    );
                    count(raw, &sql, params![phrase])
                }),
            },
            Case {
                name: "courses of a qualification, by start date",
                library: Box::new(move |i| {
                    store
                        .search_courses(&mix.qualification_courses(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(move |i| {
                    let code = mix.codes[i % mix.codes.len()].as_str();
                    let sql = format!(
                        "SELECT c.body, q.search_name, i.search_name, {SEATS} FROM courses c \
                         JOIN qualifications q ON q.code = c.qualification JOIN institutions i ON i.id = c.institution \
                         WHERE c.search_designation = 'designated' AND c.qualification = ?1 \
                         ORDER BY c.search_start, c.id LIMIT 21"
                    );
                    count(raw, &sql, params![code])
                }),
            },
        ]
    }
}

#[cfg(feature = "postgres")]
mod pg_side {
    use super::*;
    use cqnet::adapters::postgres::{PgOptions, PgSslMode, PgStore};
    use std::cell::RefCell;

    const SEATS: &str = "(c.capacity - (SELECT COUNT(*) FROM enrollments e WHERE e.course = c.id))";

    pub fn run(url: &str, catalog: &SyntheticCatalog, mix: &Mix, rounds: usize) {
        let schema = format!("cqnet_bench_search_{}", std::process::id());
        let options = PgOptions::new(url)
            .and_then(|o| o.with_ssl_mode(PgSslMode::Disable))
            .and_then(|o| o.with_schema(&schema))
            .expect("a PostgreSQL URL");
        let store = PgStore::connect(&options).expect("connect");
        let started = Instant::now();
        catalog.install(&store, 8).expect("load the catalog");
        println!(
            "PostgreSQL: loaded in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect raw");
        client
            .batch_execute(&format!("SET search_path TO \"{schema}\"; ANALYZE"))
            .expect("analyze");
        let raw = RefCell::new(client);
        // Prepared once, as the store's connections cache theirs.
        let statements =
            RefCell::new(std::collections::HashMap::<String, postgres::Statement>::new());
        let q = |sql: String, bind: &[&(dyn postgres::types::ToSql + Sync)]| -> usize {
            let stmt = {
                let mut cache = statements.borrow_mut();
                cache
                    .entry(sql.clone())
                    .or_insert_with(|| raw.borrow_mut().prepare(&sql).expect("prepare"))
                    .clone()
            };
            let rows = raw.borrow_mut().query(&stmt, bind).expect("query");
            for row in &rows {
                std::hint::black_box(row.get::<_, String>(0));
            }
            rows.len().min(20)
        };
        let like = |t: &str| format!("%{}%", t.to_ascii_lowercase());
        let today = mix.today.to_string();
        let cases = vec![
            Case {
                name: "qualifications, 2-character text",
                library: Box::new(|i| {
                    store
                        .search_qualifications(&mix.qualifications_short(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(|i| {
                    q("SELECT body FROM qualifications WHERE search_key LIKE $1 ORDER BY search_name, code COLLATE \"C\" LIMIT 21".into(), &[&like(mix.short_texts[i % mix.short_texts.len()])])
                }),
            },
            Case {
                name: "qualifications, trigram text and track",
                library: Box::new(|i| {
                    store
                        .search_qualifications(&mix.qualifications_long(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(|i| {
                    q("SELECT body FROM qualifications WHERE search_key LIKE $1 AND search_track = 'course_based' ORDER BY search_name, code COLLATE \"C\" LIMIT 21".into(), &[&like(mix.long_texts[i % mix.long_texts.len()])])
                }),
            },
            Case {
                name: "institutions, 시도 and legal type",
                library: Box::new(|i| {
                    store
                        .search_institutions(&mix.institutions(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(|i| {
                    q("SELECT body FROM institutions WHERE search_type IN ('higher_education', 'university', 'junior_college') AND search_sido = $1 ORDER BY search_name, id COLLATE \"C\" LIMIT 21".into(), &[&mix.sidos[i % mix.sidos.len()].code()])
                }),
            },
            Case {
                name: "courses open, 시도, 기능사, a seat left",
                library: Box::new(|i| {
                    store
                        .search_courses(&mix.open_courses(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(|i| {
                    q(
                        format!(
                            "SELECT c.body, q.search_name, i.search_name, {SEATS} FROM courses c \
                     JOIN qualifications q ON q.code = c.qualification JOIN institutions i ON i.id = c.institution \
                     WHERE c.search_designation = 'designated' AND q.search_level = 'grade:craftsman' \
                     AND i.search_sido = $1 AND c.search_start > $2 AND {SEATS} >= 1 \
                     ORDER BY c.search_start, c.id COLLATE \"C\" LIMIT 21"
                        ),
                        &[&mix.sidos[i % mix.sidos.len()].code(), &today],
                    )
                }),
            },
            Case {
                name: "courses of 2026, trigram text, by name",
                library: Box::new(|i| {
                    store
                        .search_courses(&mix.text_courses(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(|i| {
                    q(
                        format!(
                            "SELECT c.body, q.search_name, i.search_name, {SEATS} FROM courses c \
                     JOIN qualifications q ON q.code = c.qualification JOIN institutions i ON i.id = c.institution \
                     WHERE c.search_designation = 'designated' AND c.search_start BETWEEN '2026-01-01' AND '2026-12-31' \
                     AND (c.qualification IN (SELECT code FROM qualifications WHERE search_key LIKE $1) \
                          OR c.institution IN (SELECT id FROM institutions WHERE search_key LIKE $1)) \
                     ORDER BY q.search_name, c.id COLLATE \"C\" LIMIT 21"
                        ),
                        &[&like(mix.long_texts[i % mix.long_texts.len()])],
                    )
                }),
            },
            Case {
                name: "courses of a qualification, by start date",
                library: Box::new(|i| {
                    store
                        .search_courses(&mix.qualification_courses(i))
                        .expect("search")
                        .items
                        .len()
                }),
                raw: Box::new(|i| {
                    q(
                        format!(
                            "SELECT c.body, q.search_name, i.search_name, {SEATS} FROM courses c \
                     JOIN qualifications q ON q.code = c.qualification JOIN institutions i ON i.id = c.institution \
                     WHERE c.search_designation = 'designated' AND c.qualification = $1 \
                     ORDER BY c.search_start, c.id COLLATE \"C\" LIMIT 21"
                        ),
                        &[&mix.codes[i % mix.codes.len()].as_str()],
                    )
                }),
            },
        ];
        run_cases("PostgreSQL", cases, rounds);
        drop(store);
        let _ = raw
            .borrow_mut()
            .batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
    }
}

fn main() {
    let smoke = std::env::args().any(|a| a == "--test");
    let (size, rounds) = if smoke {
        (
            CatalogSize {
                first_year: 2025,
                ..CatalogSize::national(2)
            },
            20,
        )
    } else {
        (CatalogSize::ten_times_national(), 1000)
    };
    let catalog = SyntheticCatalog::new(size, 12);
    let mix = Mix::new(&catalog);
    println!(
        "catalog: {} qualifications, {} institutions, {} courses ({} full)",
        catalog.qualifications.len(),
        catalog.institutions.len(),
        catalog.courses.len(),
        catalog.full.len()
    );

    // Loaded in memory and copied to a file with the online backup: each command of the load
    // would otherwise wait for its own sync to disk.
    let dir = tempfile::tempdir().expect("a temp folder");
    let path = dir.path().join("search.sqlite");
    let started = Instant::now();
    let loading = SqliteStore::open_in_memory().expect("open SQLite");
    catalog.install(&loading, 1).expect("load the catalog");
    loading
        .backup_to(&path)
        .expect("copy the catalog to a file");
    drop(loading);
    let store = SqliteStore::open(&path).expect("open SQLite");
    println!("SQLite: loaded in {:.1} s", started.elapsed().as_secs_f64());
    let raw = rusqlite::Connection::open(&path).expect("open raw");
    raw.execute_batch("ANALYZE").expect("analyze");
    run_cases("SQLite", sqlite_side::cases(&store, &raw, &mix), rounds);

    #[cfg(feature = "postgres")]
    if let Ok(url) = std::env::var("CQNET_PG_URL") {
        pg_side::run(&url, &catalog, &mix, rounds);
    }
}
