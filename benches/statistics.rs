//! The published statistics computed from the store: 1,000,000 trainees of the course-based
//! track (five cohorts of 5,000 courses, 500 institutions, 50 qualifications), with their
//! applications, results and certificates, loaded by bulk inserts straight into the tables;
//! then each table through the store's `StatisticsStore` and through the same `GROUP BY`
//! written by hand in raw SQL on the same data, in the same run: the funnel by year, by year
//! and qualification, by institution type and gender, and the written marks' distribution of
//! one round.
//!
//! Each database has criterion's groups (`statistics/sqlite`, `statistics/postgres`, store
//! and raw side by side) and then a paired run, each table's store call right after its raw
//! query, five rounds, whose medians and ratio (store ÷ raw; the target is at most 1.2) are
//! printed. Every paired round checks that both sides count the same. At a million trainees a
//! table takes seconds on SQLite, so criterion's ten samples a side take long: `cargo bench
//! --bench statistics -- paired` names no criterion bench and runs the paired run alone.
//!
//! SQLite runs on a file in the temp folder; PostgreSQL when `CQNET_PG_URL` names a server and
//! the `postgres` feature is on, in a schema of its own dropped at the end. Under
//! `cargo bench -- --test` 2,000 trainees run once. Figures are in `docs/performance.md`.

use std::time::{Duration, Instant};

use cqnet::adapters::sqlite::SqliteStore;
use cqnet::core::rules::RulePack;
use cqnet::core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
use cqnet::core::statistics::{Dimension, FunnelRow, Gender, GroupBy, ScoreBandBounds};
use cqnet::core::{Grade, Hours, InstitutionType, QualificationCode, Score, Track, UnitCode};
use cqnet::store::exam::RoundId;
use cqnet::store::statistics::{FunnelQuery, ScorePart, StatisticsStore};
use cqnet::store::training::{
    Course, CourseId, CourseSpec, CourseUnit, Designation, DesignationStatus, Enrollment,
    EnrollmentId, Institution, InstitutionId, InstitutionKind, LearnerKind, Person, Qualification,
    StandardVersion,
};
use criterion::{Criterion, SamplingMode};

const QUALIFICATIONS: usize = 50;
const INSTITUTIONS: usize = 500;
const COURSES: usize = 5_000;
const FIRST_YEAR: usize = 2022;
const YEARS: usize = 5;

fn smoke() -> bool {
    std::env::args().any(|a| a == "--test")
}

fn trainees() -> usize {
    if smoke() { 2_000 } else { 1_000_000 }
}

/// The rows of the synthetic data, as they are inserted.
struct Data {
    qualifications: Vec<(String, String)>,
    standards: Vec<(String, String)>,
    institutions: Vec<(String, String)>,
    courses: Vec<(String, String, String, String)>,
    enrollments: Vec<(String, String, String)>,
    rounds: Vec<String>,
    applications: Vec<Application>,
    results: Vec<(String, String, String, bool, String)>,
    certificates: Vec<(String, String, String)>,
}

struct Application {
    id: String,
    round: String,
    candidate: String,
    number: String,
    active: bool,
}

fn round_of(year: usize) -> String {
    format!("{year}-C1-01")
}

impl Data {
    /// Deterministic data: about 70% of trainees apply, 90% of those keep the application,
    /// 85% of the kept ones have marks, 90% of those are finalised, and a passer is
    /// certified three times in five.
    fn new(trainees: usize) -> Data {
        let unit: UnitCode = "1501020207_14v2".parse().expect("a unit");
        let forty = Hours::whole(40).expect("hours");
        let grades = [
            Grade::Engineer,
            Grade::IndustrialEngineer,
            Grade::Craftsman,
            Grade::MasterCraftsman,
        ];
        let mut qualifications = Vec::new();
        let mut standards = Vec::new();
        let standard = CurriculumStandard::new(CurriculumStandardSpec {
            total_hours: forty,
            units: vec![StandardUnit::new(unit.clone(), UnitKind::Mandatory, forty)],
            ..CurriculumStandardSpec::default()
        })
        .expect("a standard");
        let standard = serde_json::to_string(&standard).expect("json");
        for q in 0..QUALIFICATIONS {
            let code = format!("{}", 1000 + q);
            let body = Qualification::builder()
                .code(&code)
                .name(format!("종목{q}"))
                .grade(grades[q % grades.len()])
                .field("기계")
                .build()
                .expect("a qualification");
            qualifications.push((code.clone(), serde_json::to_string(&body).expect("json")));
            standards.push((code, standard.clone()));
        }
        let types: Vec<Option<InstitutionType>> = InstitutionType::all()
            .take(7)
            .map(Some)
            .chain([None])
            .collect();
        let institutions = (0..INSTITUTIONS)
            .map(|i| {
                let id = InstitutionId::from_u128(i as u128 + 1);
                let body = Institution::new(
                    id,
                    &format!("기관{i}"),
                    InstitutionKind::TrainingInstitution,
                )
                .expect("an institution")
                .with_type(types[i % types.len()]);
                (id.to_string(), serde_json::to_string(&body).expect("json"))
            })
            .collect();
        let courses: Vec<(String, String, String, String)> = (0..COURSES)
            .map(|c| {
                let year = FIRST_YEAR + c % YEARS;
                let spec = CourseSpec {
                    id: CourseId::from_u128(c as u128 + 1),
                    institution: InstitutionId::from_u128((c % INSTITUTIONS) as u128 + 1),
                    qualification: QualificationCode::new(&qualifications[c % QUALIFICATIONS].0)
                        .expect("a code"),
                    standard_version: StandardVersion::new("v1").expect("a version"),
                    track: Track::CourseBased,
                    start: format!("{year}-03-02").parse().expect("a date"),
                    end: format!("{year}-07-31").parse().expect("a date"),
                    capacity: 1_000,
                    units: vec![CourseUnit::new(unit.clone(), forty, 1).expect("a unit")],
                    designation: Designation::new(
                        DesignationStatus::Designated,
                        "2021-01-01".parse().expect("a date"),
                        "2030-12-31".parse().expect("a date"),
                    )
                    .expect("a designation"),
                };
                let course = Course::new(spec).expect("a course");
                (
                    course.id().to_string(),
                    course.spec().institution.to_string(),
                    course.spec().qualification.as_str().to_owned(),
                    serde_json::to_string(&course).expect("json"),
                )
            })
            .collect();
        let rounds: Vec<String> = (0..YEARS).map(|y| round_of(FIRST_YEAR + y)).collect();
        let (mut enrollments, mut applications, mut results, mut certificates) = (
            Vec::with_capacity(trainees),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        for t in 0..trainees {
            let c = t % COURSES;
            let year = FIRST_YEAR + c % YEARS;
            let id = EnrollmentId::from_u128(t as u128 + 1);
            let mut person = Person::new(
                &format!("훈련생{t}"),
                "2001-04-05".parse().expect("a date"),
                "010-0000-0000",
            )
            .expect("a person");
            match t % 20 {
                0..=8 => person = person.with_gender(Gender::M),
                9..=17 => person = person.with_gender(Gender::F),
                _ => {}
            }
            let enrollment = Enrollment::new(
                id,
                CourseId::from_u128(c as u128 + 1),
                person,
                LearnerKind::Trainee,
                format!("{year}-03-02").parse().expect("a date"),
            )
            .expect("an enrollment");
            enrollments.push((
                id.to_string(),
                courses[c].0.clone(),
                serde_json::to_string(&enrollment).expect("json"),
            ));
            // A spread that does not follow the course: a multiplicative hash of the index.
            let h = (t as u64).wrapping_mul(2_654_435_761) % 1000;
            if h >= 700 {
                continue;
            }
            let application = format!("{:032x}", t + 1);
            let round = round_of(year);
            let number = format!("{:08}", t + 1);
            let active = !h.is_multiple_of(10);
            applications.push(Application {
                id: application.clone(),
                round: round.clone(),
                candidate: id.to_string(),
                number: number.clone(),
                active,
            });
            if !active || h % 20 >= 17 {
                continue;
            }
            let written = 30 + (h * 7) % 71;
            let practical = 35 + (h * 13) % 66;
            let finalised = h % 10 != 9;
            let passed = finalised.then_some(written * 4 + practical * 6 >= 800);
            let body = serde_json::json!({
                "application": application,
                "round": round,
                "candidate": id,
                "number": number,
                "marks": {"course_based": {
                    "written": Score::whole(written as u32).expect("a score"),
                    "practical": Score::whole(practical as u32).expect("a score"),
                }},
                "passed": passed,
                "finalised": finalised,
            });
            results.push((application, round, number, finalised, body.to_string()));
            if passed == Some(true) && h % 5 < 3 {
                certificates.push((
                    format!("{year}-{t:010}"),
                    id.to_string(),
                    format!("issue:course_based:{t}"),
                ));
            }
        }
        Data {
            qualifications,
            standards,
            institutions,
            courses,
            enrollments,
            rounds,
            applications,
            results,
            certificates,
        }
    }
}

/// A table of the bench: the store's query, and the raw SQL's.
#[derive(Clone, Copy)]
enum Table {
    ByYear,
    ByYearAndQualification,
    ByInstitutionTypeAndGender,
    Distribution,
}

const TABLES: [Table; 4] = [
    Table::ByYear,
    Table::ByYearAndQualification,
    Table::ByInstitutionTypeAndGender,
    Table::Distribution,
];

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::ByYear => "funnel by year",
            Table::ByYearAndQualification => "funnel by year x qualification",
            Table::ByInstitutionTypeAndGender => "funnel by institution type x gender",
            Table::Distribution => "written marks of one round",
        }
    }

    fn query(self) -> FunnelQuery {
        let dimensions = match self {
            Table::ByYear => vec![Dimension::Year],
            Table::ByYearAndQualification => vec![Dimension::Year, Dimension::Qualification],
            Table::ByInstitutionTypeAndGender => {
                vec![Dimension::InstitutionType, Dimension::Gender]
            }
            Table::Distribution => vec![],
        };
        FunnelQuery::new(GroupBy::new(dimensions).expect("a grouping"))
    }

    /// The grouped columns and the joins of the raw funnel.
    fn raw_groups(self) -> (&'static str, &'static str) {
        match self {
            Table::ByYear => ("e.stat_year", ""),
            Table::ByYearAndQualification => (
                "e.stat_year, c.qualification",
                " JOIN courses c ON c.id = e.course",
            ),
            Table::ByInstitutionTypeAndGender => (
                "i.search_type, e.stat_gender",
                " JOIN courses c ON c.id = e.course JOIN institutions i ON i.id = c.institution",
            ),
            Table::Distribution => ("", ""),
        }
    }
}

fn bounds() -> ScoreBandBounds {
    RulePack::embedded()
        .newest()
        .statistics
        .score_band_bounds
        .value
        .clone()
}

/// The round whose marks are counted: the newest.
fn counted_round() -> RoundId {
    RoundId::new(&round_of(FIRST_YEAR + YEARS - 1)).expect("a round")
}

/// The raw distribution by hand: the bounds in ten-thousandths, written in.
fn raw_distribution_sql() -> String {
    let mut band = String::from("CASE");
    let bounds = bounds();
    for (i, b) in bounds.bounds().iter().enumerate() {
        let scaled = b.value() * rust_decimal::Decimal::from(10_000);
        band.push_str(&format!(" WHEN stat_written < {scaled} THEN {i}"));
    }
    band.push_str(&format!(" ELSE {} END", bounds.bounds().len()));
    format!(
        "SELECT {band} AS band, COUNT(*), CAST(SUM(stat_written) AS BIGINT) FROM exam_results \
         WHERE round = $1 AND finalised AND stat_written IS NOT NULL GROUP BY 1 ORDER BY 1"
    )
}

/// What both sides answer, in one form: the count columns of each row, sorted.
type Counts = Vec<[i64; 6]>;

fn store_counts(store: &dyn StatisticsStore, table: Table) -> Counts {
    match table {
        Table::Distribution => {
            let d = store
                .score_distribution(&counted_round(), ScorePart::Written, &bounds())
                .expect("a distribution");
            let sum = d.average.map_or(0, |a| {
                let total = a
                    * rust_decimal::Decimal::from(d.examinees)
                    * rust_decimal::Decimal::from(10_000);
                i64::try_from(total.round().mantissa()).expect("a sum")
            });
            let mut rows: Counts = d
                .bands
                .iter()
                .enumerate()
                .filter(|(_, b)| b.count > 0)
                .map(|(i, b)| [i as i64, b.count as i64, 0, 0, 0, 0])
                .collect();
            rows.push([-1, sum, 0, 0, 0, 0]);
            rows
        }
        _ => {
            let rows: Vec<FunnelRow> = store.funnel(&table.query()).expect("a funnel");
            let mut counts: Counts = rows
                .iter()
                .map(|r| {
                    [
                        r.learners,
                        r.targets,
                        r.applications,
                        r.examinees,
                        r.passers,
                        r.acquirers,
                    ]
                    .map(|n| n as i64)
                })
                .collect();
            counts.sort_unstable();
            counts
        }
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The paired run: each table's store call right after its raw query, `rounds` times, both
/// checked to count the same; prints the medians and the ratio.
fn paired(
    db: &str,
    rounds: usize,
    store: &dyn StatisticsStore,
    raw: &mut dyn FnMut(Table) -> Counts,
) {
    println!("\n{db}, paired: {rounds} rounds a table, the raw query then the store's");
    println!(
        "{:<40} {:>12} {:>12} {:>10}",
        "table", "store p50", "raw p50", "store/raw"
    );
    for table in TABLES {
        let (mut lib, mut by_hand) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let started = Instant::now();
            let expected = raw(table);
            by_hand.push(started.elapsed());
            let started = Instant::now();
            let found = store_counts(store, table);
            lib.push(started.elapsed());
            assert_eq!(found, expected, "{db}: {} counts alike", table.name());
        }
        let (lib, by_hand) = (median(lib), median(by_hand));
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        println!(
            "{:<40} {:>12} {:>12} {:>10.2}",
            table.name(),
            ms(lib),
            ms(by_hand),
            lib.as_secs_f64() / by_hand.as_secs_f64()
        );
    }
}

fn configure(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
}

mod sqlite_side {
    use super::*;
    use rusqlite::{Connection, params};

    const FACTS: &str = "WITH facts AS (\
         SELECT a.candidate AS candidate, MAX(a.active) AS applied, \
                MAX(r.application IS NOT NULL) AS sat, MAX(COALESCE(r.stat_passed, 0)) AS passed \
         FROM exam_applications a LEFT JOIN exam_results r ON r.application = a.id \
         GROUP BY a.candidate), \
     certified AS (SELECT DISTINCT candidate FROM certificate_records WHERE track = '\"course_based\"')";

    fn raw_sql(table: Table) -> String {
        if let Table::Distribution = table {
            return raw_distribution_sql();
        }
        let (groups, joins) = table.raw_groups();
        format!(
            "{FACTS}, staged AS (\
                 SELECT {groups}, CASE WHEN k.candidate IS NOT NULL THEN 5 WHEN f.passed = 1 THEN 4 \
                        WHEN f.sat = 1 THEN 3 WHEN f.applied = 1 THEN 2 \
                        WHEN f.candidate IS NOT NULL THEN 1 ELSE 0 END AS stage \
                 FROM enrollments e{joins} \
                 LEFT JOIN facts f ON f.candidate = e.id \
                 LEFT JOIN certified k ON k.candidate = e.id \
                 WHERE e.stat_trainee = 1) \
             SELECT COUNT(*), SUM(stage >= 1), SUM(stage >= 2), SUM(stage >= 3), SUM(stage >= 4), \
                    SUM(stage >= 5) \
             FROM staged GROUP BY {}",
            groups
                .split(", ")
                .map(|g| g.split('.').nth(1).unwrap_or(g))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    pub fn raw(conn: &Connection, table: Table) -> Counts {
        let mut stmt = conn.prepare_cached(&raw_sql(table)).expect("prepare");
        let round = counted_round();
        let mut rows = if let Table::Distribution = table {
            stmt.query(params![round.as_str()]).expect("query")
        } else {
            stmt.query([]).expect("query")
        };
        let mut out = Vec::new();
        let mut sum = 0;
        while let Some(row) = rows.next().expect("a row") {
            if let Table::Distribution = table {
                let (band, count, s): (i64, i64, i64) = (
                    row.get(0).expect("band"),
                    row.get(1).expect("count"),
                    row.get(2).expect("sum"),
                );
                out.push([band, count, 0, 0, 0, 0]);
                sum += s;
            } else {
                let mut counts = [0_i64; 6];
                for (i, c) in counts.iter_mut().enumerate() {
                    *c = row.get(i).expect("a count");
                }
                out.push(counts);
            }
        }
        if let Table::Distribution = table {
            out.push([-1, sum, 0, 0, 0, 0]);
        } else {
            out.sort_unstable();
        }
        out
    }

    /// Bulk inserts of every row in one transaction.
    pub fn load(conn: &mut Connection, data: &Data) {
        let tx = conn.transaction().expect("begin");
        {
            let mut q = tx
                .prepare("INSERT INTO qualifications (code, version, body) VALUES (?1, 1, ?2)")
                .expect("prepare");
            for (code, body) in &data.qualifications {
                q.execute(params![code, body]).expect("insert");
            }
            let mut s = tx
                .prepare(
                    "INSERT INTO standards (qualification, version, body) VALUES (?1, 'v1', ?2)",
                )
                .expect("prepare");
            for (code, body) in &data.standards {
                s.execute(params![code, body]).expect("insert");
            }
            let mut i = tx
                .prepare("INSERT INTO institutions (id, version, body) VALUES (?1, 1, ?2)")
                .expect("prepare");
            for (id, body) in &data.institutions {
                i.execute(params![id, body]).expect("insert");
            }
            let mut c = tx
                .prepare("INSERT INTO courses (id, institution, qualification, standard_version, capacity, version, body) VALUES (?1, ?2, ?3, 'v1', 1000, 1, ?4)")
                .expect("prepare");
            for (id, institution, qualification, body) in &data.courses {
                c.execute(params![id, institution, qualification, body])
                    .expect("insert");
            }
            let mut e = tx
                .prepare(
                    "INSERT INTO enrollments (id, course, version, body) VALUES (?1, ?2, 1, ?3)",
                )
                .expect("prepare");
            for (id, course, body) in &data.enrollments {
                e.execute(params![id, course, body]).expect("insert");
            }
            let mut r = tx
                .prepare("INSERT INTO exam_rounds (id, version, body) VALUES (?1, 1, '{}')")
                .expect("prepare");
            let mut v = tx
                .prepare("INSERT INTO exam_venues (round, code, position, capacity) VALUES (?1, 'v1', 0, 1000000)")
                .expect("prepare");
            for round in &data.rounds {
                r.execute(params![round]).expect("insert");
                v.execute(params![round]).expect("insert");
            }
            let mut a = tx
                .prepare("INSERT INTO exam_applications (id, round, venue, candidate, number, active, version, body) VALUES (?1, ?2, 'v1', ?3, ?4, ?5, 1, '{}')")
                .expect("prepare");
            for app in &data.applications {
                a.execute(params![
                    app.id,
                    app.round,
                    app.candidate,
                    app.number,
                    app.active
                ])
                .expect("insert");
            }
            let mut res = tx
                .prepare("INSERT INTO exam_results (application, round, number, finalised, version, body) VALUES (?1, ?2, ?3, ?4, 1, ?5)")
                .expect("prepare");
            for (application, round, number, finalised, body) in &data.results {
                res.execute(params![application, round, number, finalised, body])
                    .expect("insert");
            }
            let mut k = tx
                .prepare("INSERT INTO certificate_records (number, track, candidate, issue_key) VALUES (?1, '\"course_based\"', ?2, ?3)")
                .expect("prepare");
            for (number, candidate, key) in &data.certificates {
                k.execute(params![number, candidate, key]).expect("insert");
            }
        }
        tx.commit().expect("commit");
        conn.execute_batch("ANALYZE").expect("analyze");
    }
}

#[cfg(feature = "postgres")]
mod pg_side {
    use super::*;
    use postgres::Client;

    const FACTS: &str = "WITH facts AS (\
         SELECT a.candidate AS candidate, bool_or(a.active) AS applied, \
                bool_or(r.application IS NOT NULL) AS sat, bool_or(COALESCE(r.stat_passed, FALSE)) AS passed \
         FROM exam_applications a LEFT JOIN exam_results r ON r.application = a.id \
         GROUP BY a.candidate), \
     certified AS (SELECT DISTINCT candidate FROM certificate_records WHERE track = '\"course_based\"')";

    fn raw_sql(table: Table) -> String {
        if let Table::Distribution = table {
            return raw_distribution_sql();
        }
        let (groups, joins) = table.raw_groups();
        format!(
            "{FACTS} \
             SELECT COUNT(*), COUNT(*) FILTER (WHERE stage >= 1), COUNT(*) FILTER (WHERE stage >= 2), \
                    COUNT(*) FILTER (WHERE stage >= 3), COUNT(*) FILTER (WHERE stage >= 4), \
                    COUNT(*) FILTER (WHERE stage >= 5) \
             FROM (SELECT {groups}, CASE WHEN k.candidate IS NOT NULL THEN 5 WHEN f.passed THEN 4 \
                          WHEN f.sat THEN 3 WHEN f.applied THEN 2 \
                          WHEN f.candidate IS NOT NULL THEN 1 ELSE 0 END AS stage \
                   FROM enrollments e{joins} \
                   LEFT JOIN facts f ON f.candidate = e.id \
                   LEFT JOIN certified k ON k.candidate = e.id \
                   WHERE e.stat_trainee) staged \
             GROUP BY {}",
            groups
                .split(", ")
                .map(|g| g.split('.').nth(1).unwrap_or(g))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    pub fn raw(client: &mut Client, table: Table) -> Counts {
        let round = counted_round();
        let sql = raw_sql(table);
        let rows = if let Table::Distribution = table {
            client.query(&sql, &[&round.as_str()]).expect("query")
        } else {
            client.query(&sql, &[]).expect("query")
        };
        let mut out = Vec::new();
        let mut sum = 0;
        for row in &rows {
            if let Table::Distribution = table {
                let band: i32 = row.get(0);
                out.push([band.into(), row.get(1), 0, 0, 0, 0]);
                sum += row.get::<_, i64>(2);
            } else {
                out.push(std::array::from_fn(|i| row.get::<_, i64>(i)));
            }
        }
        if let Table::Distribution = table {
            out.push([-1, sum, 0, 0, 0, 0]);
        } else {
            out.sort_unstable();
        }
        out
    }

    /// Bulk inserts, 50,000 rows a statement (`INSERT … SELECT FROM UNNEST` of arrays).
    pub fn load(client: &mut Client, data: &Data) {
        const CHUNK: usize = 50_000;
        let mut tx = client.transaction().expect("begin");
        let (codes, bodies): (Vec<&str>, Vec<&str>) = data
            .qualifications
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .unzip();
        tx.execute(
            "INSERT INTO qualifications (code, version, body) SELECT c, 1, b FROM UNNEST($1::TEXT[], $2::TEXT[]) AS t (c, b)",
            &[&codes, &bodies],
        )
        .expect("insert");
        let (codes, bodies): (Vec<&str>, Vec<&str>) = data
            .standards
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .unzip();
        tx.execute(
            "INSERT INTO standards (qualification, version, body) SELECT c, 'v1', b FROM UNNEST($1::TEXT[], $2::TEXT[]) AS t (c, b)",
            &[&codes, &bodies],
        )
        .expect("insert");
        let (ids, bodies): (Vec<&str>, Vec<&str>) = data
            .institutions
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .unzip();
        tx.execute(
            "INSERT INTO institutions (id, version, body) SELECT i, 1, b FROM UNNEST($1::TEXT[], $2::TEXT[]) AS t (i, b)",
            &[&ids, &bodies],
        )
        .expect("insert");
        for chunk in data.courses.chunks(CHUNK) {
            let ids: Vec<&str> = chunk.iter().map(|c| c.0.as_str()).collect();
            let institutions: Vec<&str> = chunk.iter().map(|c| c.1.as_str()).collect();
            let qualifications: Vec<&str> = chunk.iter().map(|c| c.2.as_str()).collect();
            let bodies: Vec<&str> = chunk.iter().map(|c| c.3.as_str()).collect();
            tx.execute(
                "INSERT INTO courses (id, institution, qualification, standard_version, capacity, version, body) \
                 SELECT i, n, q, 'v1', 1000, 1, b FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[]) AS t (i, n, q, b)",
                &[&ids, &institutions, &qualifications, &bodies],
            )
            .expect("insert");
        }
        for chunk in data.enrollments.chunks(CHUNK) {
            let ids: Vec<&str> = chunk.iter().map(|c| c.0.as_str()).collect();
            let courses: Vec<&str> = chunk.iter().map(|c| c.1.as_str()).collect();
            let bodies: Vec<&str> = chunk.iter().map(|c| c.2.as_str()).collect();
            tx.execute(
                "INSERT INTO enrollments (id, course, version, body) SELECT i, c, 1, b FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[]) AS t (i, c, b)",
                &[&ids, &courses, &bodies],
            )
            .expect("insert");
        }
        let rounds: Vec<&str> = data.rounds.iter().map(String::as_str).collect();
        tx.execute(
            "INSERT INTO exam_rounds (id, version, body) SELECT r, 1, '{}' FROM UNNEST($1::TEXT[]) AS t (r)",
            &[&rounds],
        )
        .expect("insert");
        tx.execute(
            "INSERT INTO exam_venues (round, code, position, capacity) SELECT r, 'v1', 0, 1000000 FROM UNNEST($1::TEXT[]) AS t (r)",
            &[&rounds],
        )
        .expect("insert");
        for chunk in data.applications.chunks(CHUNK) {
            let ids: Vec<&str> = chunk.iter().map(|a| a.id.as_str()).collect();
            let rounds: Vec<&str> = chunk.iter().map(|a| a.round.as_str()).collect();
            let candidates: Vec<&str> = chunk.iter().map(|a| a.candidate.as_str()).collect();
            let numbers: Vec<&str> = chunk.iter().map(|a| a.number.as_str()).collect();
            let active: Vec<bool> = chunk.iter().map(|a| a.active).collect();
            tx.execute(
                "INSERT INTO exam_applications (id, round, venue, candidate, number, active, version, body) \
                 SELECT i, r, 'v1', c, n, a, 1, '{}' FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::BOOLEAN[]) AS t (i, r, c, n, a)",
                &[&ids, &rounds, &candidates, &numbers, &active],
            )
            .expect("insert");
        }
        for chunk in data.results.chunks(CHUNK) {
            let applications: Vec<&str> = chunk.iter().map(|r| r.0.as_str()).collect();
            let rounds: Vec<&str> = chunk.iter().map(|r| r.1.as_str()).collect();
            let numbers: Vec<&str> = chunk.iter().map(|r| r.2.as_str()).collect();
            let finalised: Vec<bool> = chunk.iter().map(|r| r.3).collect();
            let bodies: Vec<&str> = chunk.iter().map(|r| r.4.as_str()).collect();
            tx.execute(
                "INSERT INTO exam_results (application, round, number, finalised, version, body) \
                 SELECT a, r, n, f, 1, b FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::BOOLEAN[], $5::TEXT[]) AS t (a, r, n, f, b)",
                &[&applications, &rounds, &numbers, &finalised, &bodies],
            )
            .expect("insert");
        }
        for chunk in data.certificates.chunks(CHUNK) {
            let numbers: Vec<&str> = chunk.iter().map(|c| c.0.as_str()).collect();
            let candidates: Vec<&str> = chunk.iter().map(|c| c.1.as_str()).collect();
            let keys: Vec<&str> = chunk.iter().map(|c| c.2.as_str()).collect();
            tx.execute(
                "INSERT INTO certificate_records (number, track, candidate, issue_key) \
                 SELECT n, '\"course_based\"', c, k FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[]) AS t (n, c, k)",
                &[&numbers, &candidates, &keys],
            )
            .expect("insert");
        }
        tx.commit().expect("commit");
        client.batch_execute("ANALYZE").expect("analyze");
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let started = Instant::now();
    let data = Data::new(trainees());
    println!(
        "data: {} trainees, {} applications, {} results, {} certificates, made in {:.1} s",
        data.enrollments.len(),
        data.applications.len(),
        data.results.len(),
        data.certificates.len(),
        started.elapsed().as_secs_f64()
    );
    let rounds = if smoke() { 1 } else { 5 };

    let dir = tempfile::tempdir().expect("a temp folder");
    let path = dir.path().join("statistics.sqlite");
    let store = SqliteStore::open(&path).expect("open SQLite");
    let mut raw = rusqlite::Connection::open(&path).expect("open raw");
    let started = Instant::now();
    sqlite_side::load(&mut raw, &data);
    println!("SQLite: loaded in {:.1} s", started.elapsed().as_secs_f64());
    {
        let mut group = criterion.benchmark_group("statistics/sqlite");
        configure(&mut group);
        for table in TABLES {
            group.bench_function(format!("store/{}", table.name()), |b| {
                b.iter(|| store_counts(&store, table))
            });
            group.bench_function(format!("raw/{}", table.name()), |b| {
                b.iter(|| sqlite_side::raw(&raw, table))
            });
        }
        group.finish();
    }
    paired("SQLite", rounds, &store, &mut |t| sqlite_side::raw(&raw, t));

    #[cfg(feature = "postgres")]
    if let Ok(url) = std::env::var("CQNET_PG_URL") {
        use cqnet::adapters::postgres::{PgOptions, PgSslMode, PgStore};
        let schema = format!("cqnet_bench_statistics_{}", std::process::id());
        let options = PgOptions::new(&url)
            .and_then(|o| o.with_ssl_mode(PgSslMode::Disable))
            .and_then(|o| o.with_schema(&schema))
            .expect("a PostgreSQL URL");
        let store = PgStore::connect(&options).expect("connect");
        let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect raw");
        client
            .batch_execute(&format!("SET search_path TO \"{schema}\""))
            .expect("search path");
        let started = Instant::now();
        pg_side::load(&mut client, &data);
        println!(
            "PostgreSQL: loaded in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let client = std::cell::RefCell::new(client);
        {
            let mut group = criterion.benchmark_group("statistics/postgres");
            configure(&mut group);
            for table in TABLES {
                group.bench_function(format!("store/{}", table.name()), |b| {
                    b.iter(|| store_counts(&store, table))
                });
                group.bench_function(format!("raw/{}", table.name()), |b| {
                    b.iter(|| pg_side::raw(&mut client.borrow_mut(), table))
                });
            }
            group.finish();
        }
        paired("PostgreSQL", rounds, &store, &mut |t| {
            pg_side::raw(&mut client.borrow_mut(), t)
        });
        drop(store);
        let _ = client
            .borrow_mut()
            .batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
    }
    criterion.final_summary();
}
