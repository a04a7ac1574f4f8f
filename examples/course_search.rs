//! The public search over a synthetic national catalog (about today's size: 200
//! qualifications, 500 institutions, 2,000 courses starting in 2026), loaded into the embedded
//! SQLite store (a file in the temp folder) or, with `--memory`, the memory store; then a few
//! searches, printed in Korean and English, and the refusals of bad input.
//!
//! ```text
//! cargo run --example course_search
//! cargo run --example course_search -- --memory
//! ```

use std::error::Error;
use std::time::Instant;

use cqnet::adapters::memory::MemoryStore;
use cqnet::adapters::sqlite::SqliteStore;
use cqnet::core::{Grade, InstitutionType, LegalInstitutionType, Region, Sido};
use cqnet::store::Store;
use cqnet::store::search::*;
use cqnet::store::testing::catalog::{CatalogSize, SyntheticCatalog};
use cqnet::store::training::QualificationLevel;

fn main() -> Result<(), Box<dyn Error>> {
    let memory = std::env::args().any(|a| a == "--memory");
    let size = CatalogSize {
        first_year: 2026,
        ..CatalogSize::national(1)
    };
    let catalog = SyntheticCatalog::new(size, 2026);
    if memory {
        println!("저장소: 메모리 / store: memory");
        run(&MemoryStore::new(), &catalog)
    } else {
        let dir = std::env::temp_dir().join(format!("cqnet-course-search-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("catalog.sqlite");
        println!("저장소: SQLite {} / store: SQLite", path.display());
        let outcome = run(&SqliteStore::open(&path)?, &catalog);
        std::fs::remove_dir_all(&dir)?;
        outcome
    }
}

fn run<S: Store + CourseSearch>(
    store: &S,
    catalog: &SyntheticCatalog,
) -> Result<(), Box<dyn Error>> {
    let started = Instant::now();
    catalog.install(store, 1)?;
    println!(
        "전국 과정 목록 적재: 종목 {}개, 기관 {}곳, 과정 {}개 ({:.1}초) / loaded {} qualifications, {} institutions, {} courses ({:.1} s)\n",
        catalog.qualifications.len(),
        catalog.institutions.len(),
        catalog.courses.len(),
        started.elapsed().as_secs_f64(),
        catalog.qualifications.len(),
        catalog.institutions.len(),
        catalog.courses.len(),
        started.elapsed().as_secs_f64(),
    );

    // 1. Qualifications whose name holds 용접 (two characters: a partial Korean match).
    let welding = QualificationQuery::new(
        QualificationFilter {
            name: Some(SearchText::new("용접")?),
            ..Default::default()
        },
        Sort::Name,
        PageSize::new(8)?,
    )?;
    let page = store.search_qualifications(&welding)?;
    println!(
        "1. 종목 검색 \"용접\" / qualifications named like \"용접\" (first {}):",
        page.items.len()
    );
    for q in &page.items {
        println!(
            "   {} {} [{}] {}",
            q.code(),
            q.name(),
            q.field(),
            q.track().korean_name()
        );
    }

    // 2. Higher-education institutions (법 제10조제1항제2호, with 4년제 대학 and 전문대학) in 서울.
    let schools = InstitutionQuery::new(
        InstitutionFilter {
            types: InstitutionType::under(LegalInstitutionType::HigherEducation),
            region: Some(Region::new(Sido::Seoul, None)?),
            ..Default::default()
        },
        Sort::Name,
        PageSize::new(5)?,
    )?;
    let page = store.search_institutions(&schools)?;
    println!(
        "\n2. 기관 찾기: 서울의 고등교육기관 / higher-education institutions in Seoul (first {}):",
        page.items.len()
    );
    for i in &page.items {
        let kind = i.institution_type().map_or("-", |t| t.korean_name());
        println!("   {} ({kind})", i.name());
    }

    // 3. 기능사 courses open for enrollment in 경기도 with a seat left, by start date: two pages.
    let today = "2026-03-02".parse()?;
    let mut filter = CourseFilter::on(today);
    filter.level = Some(QualificationLevel::Grade(Grade::Craftsman));
    filter.region = Some(Region::new(Sido::Gyeonggi, None)?);
    filter.status = Some(CourseStatus::OpenForEnrollment);
    filter.min_seats_left = Some(1);
    let open = CourseQuery::new(filter, Sort::StartDate, PageSize::new(4)?)?;
    let first = store.search_courses(&open)?;
    println!(
        "\n3. 맞춤형 과정검색: 경기도, 기능사, 모집중, 잔여석 있음 / Craftsman courses open in Gyeonggi with a seat, by start date:"
    );
    print_courses(&first.items);
    if let Some(cursor) = &first.next {
        println!(
            "   다음 페이지 / next page (cursor {}…):",
            &cursor.as_str()[..12]
        );
        let second = store.search_courses(&open.clone().after(cursor)?)?;
        print_courses(&second.items);
    }

    // 4. Courses of 2026 whose qualification or institution name holds 산업기사, by name.
    let mut filter = CourseFilter::on(today);
    filter.text = Some(SearchText::new("산업기사")?);
    filter.starts = Some(StartDates::year(2026)?);
    let by_name = CourseQuery::new(filter, Sort::Name, PageSize::new(4)?)?;
    println!(
        "\n4. \"산업기사\" 과정, 2026년 시작, 이름순 / 2026 courses about \"산업기사\", by name:"
    );
    print_courses(&store.search_courses(&by_name)?.items);

    // 5. Bad input: each a typed error, before any store is asked.
    println!("\n5. 잘못된 입력 / bad input:");
    let refusals: Vec<(&str, SearchError)> = vec![
        ("페이지 크기 0 / page size 0", refused(PageSize::new(0))?),
        (
            "페이지 크기 10,000 / page size 10,000",
            refused(PageSize::new(10_000))?,
        ),
        (
            "검색어 100 KB / 100 KB of text",
            refused(SearchText::new(&"가".repeat(34_000)))?,
        ),
        (
            "제어 문자 / a control character",
            refused(SearchText::new("용접\u{7}"))?,
        ),
        ("다른 질의의 커서 / another query's cursor", {
            let cursor = first.next.clone().ok_or("a second page")?;
            refused(
                CourseQuery::new(CourseFilter::on(today), Sort::StartDate, PageSize::new(4)?)?
                    .after(&cursor),
            )?
        }),
        ("변조된 커서 / a tampered cursor", {
            let cursor = first.next.clone().ok_or("a second page")?;
            let mut text = cursor.as_str().to_owned();
            let last = if text.ends_with('A') { "B" } else { "A" };
            text.replace_range(text.len() - 1.., last);
            refused(open.clone().after(&Cursor::parse(&text)?))?
        }),
    ];
    for (what, error) in refusals {
        println!("   {what}: {error}");
    }
    Ok(())
}

/// The error of input that must be refused.
fn refused<T>(outcome: Result<T, SearchError>) -> Result<SearchError, Box<dyn Error>> {
    match outcome {
        Ok(_) => Err("bad input was accepted".into()),
        Err(e) => Ok(e),
    }
}

fn print_courses(hits: &[CourseHit]) {
    for hit in hits {
        let spec = hit.course.spec();
        println!(
            "   {} ~ {} · {} · {} · {} / {} · 잔여 {}석 (seats left {})",
            spec.start,
            spec.end,
            hit.qualification_name,
            hit.institution_name,
            hit.status.korean_name(),
            status_english(hit.status),
            hit.seats_left,
            hit.seats_left
        );
    }
}

fn status_english(status: CourseStatus) -> &'static str {
    match status {
        CourseStatus::OpenForEnrollment => "open for enrollment",
        CourseStatus::Running => "running",
        CourseStatus::Finished => "finished",
    }
}
