//! The public search over real HTTP, on the memory, SQLite and PostgreSQL stores: the search
//! fixture's courses found by every filter as a query parameter, page by page through the
//! cursor, in the order the fixture's own lists give; qualifications and institutions likewise;
//! and every bad parameter (a tampered cursor, a text of control characters or over the limit, a
//! page size of 0) a problem document, never a 500.

use crate::support;

use crate::pg_schema;

use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_http::{Api, BearerTokens};
use cqnet_store::search::{CourseFilter, MAX_PAGE_SIZE, SEARCH_TEXT_MAX_CHARS};
use cqnet_store::testing::search::{SearchWorld, today};
use cqnet_store::training::QualificationLevel;
use cqnet_store::{Cqnet, ManualClock};
use reqwest::StatusCode;
use serde_json::Value;

/// Serves the router over `store` with the fixture installed and the clock on its day.
async fn serve<S>(store: S) -> (String, SearchWorld)
where
    S: crate::support::RoutedStore + 'static,
{
    let world = SearchWorld::new();
    world.install_async(&store).await;
    let noon = today().and_hms_opt(3, 0, 0).unwrap().and_utc();
    let cqnet = Cqnet::builder(store).clock(ManualClock::new(noon)).build();
    let router = Api::new(cqnet, BearerTokens::default()).router();
    (support::serve(router).await, world)
}

/// `GET path?query`, its answer checked against the document.
async fn get(base: &str, path: &str, query: &[(String, String)]) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .query(query)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = response.json().await.unwrap();
    support::documented::check_answer("GET", path, status.as_u16(), &content_type, &body);
    assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    (status, body)
}

/// Query parameters, in order.
type Params = Vec<(String, String)>;

fn pair(name: &str, value: impl ToString) -> (String, String) {
    (name.to_owned(), value.to_string())
}

/// The serde name of a value (`course_based`, `open_for_enrollment`).
fn name_of(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn level_params(level: QualificationLevel) -> (String, String) {
    match level {
        QualificationLevel::Grade(g) => pair("grade", name_of(g)),
        QualificationLevel::Ncs(n) => pair("ncs_level", u8::from(n)),
    }
}

/// The query parameters of a course filter, every filter it holds.
fn course_params(filter: &CourseFilter) -> Vec<(String, String)> {
    let mut query = Vec::new();
    if let Some(q) = &filter.qualification {
        query.push(pair("qualification", q.as_str()));
    }
    if let Some(level) = filter.level {
        query.push(level_params(level));
    }
    if let Some(region) = &filter.region {
        query.push(pair("sido", region.sido().code()));
        if let Some(sigungu) = region.sigungu() {
            query.push(pair("sigungu", sigungu));
        }
    }
    for t in &filter.institution_types {
        query.push(pair("institution_type", t.as_str()));
    }
    if let Some(track) = filter.track {
        query.push(pair("track", name_of(track)));
    }
    if let Some(starts) = filter.starts {
        query.push(pair("starts_from", starts.first()));
        query.push(pair("starts_until", starts.last()));
    }
    if let Some(status) = filter.status {
        query.push(pair("status", name_of(status)));
    }
    if let Some(seats) = filter.min_seats_left {
        query.push(pair("min_seats_left", seats));
    }
    if let Some(text) = &filter.text {
        query.push(pair("text", text.as_str()));
    }
    query
}

/// Every page of a search from the first, each asked with the cursor of the one before.
async fn all_pages(base: &str, path: &str, mut query: Vec<(String, String)>) -> Vec<Value> {
    query.push(pair("page_size", 5));
    let mut found = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let mut asked = query.clone();
        if let Some(c) = &cursor {
            asked.push(pair("cursor", c));
        }
        let (status, page) = get(base, path, &asked).await;
        assert_eq!(status, StatusCode::OK, "{asked:?}: {page}");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 5, "{page}");
        found.extend(items.iter().cloned());
        match page["next"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return found,
        }
    }
    panic!("more than 100 pages");
}

async fn every_filter_finds_what_the_fixture_says<S>(store: S)
where
    S: crate::support::RoutedStore + 'static,
{
    let (base, world) = serve(store).await;
    for (label, filter) in world.course_filters() {
        for (sort, sort_name) in [
            (cqnet_store::search::Sort::StartDate, "start_date"),
            (cqnet_store::search::Sort::Name, "name"),
        ] {
            let expected = world.expected_courses(&filter, sort);
            let mut query = course_params(&filter);
            query.push(pair("sort", sort_name));
            let found = all_pages(&base, "/v1/search/courses", query).await;
            let found: Vec<(String, u64, String)> = found
                .iter()
                .map(|hit| {
                    (
                        hit["course"]["id"].as_str().unwrap().to_owned(),
                        hit["seats_left"].as_u64().unwrap(),
                        hit["status"].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
            let expected: Vec<(String, u64, String)> = expected
                .into_iter()
                .map(|(id, seats, status)| (id.to_string(), u64::from(seats), name_of(status)))
                .collect();
            assert_eq!(found, expected, "{label}, sorted by {sort_name}");
        }
    }

    // Qualifications by name text and by grade, in name order.
    let mut expected: Vec<(String, String)> = world
        .qualifications
        .iter()
        .filter(|q| q.name().contains("용접"))
        .map(|q| (q.name().to_owned(), q.code().as_str().to_owned()))
        .collect();
    expected.sort();
    assert!(!expected.is_empty());
    let found = all_pages(
        &base,
        "/v1/search/qualifications",
        vec![pair("name", "용접")],
    )
    .await;
    let found: Vec<(String, String)> = found
        .iter()
        .map(|q| {
            (
                q["name"].as_str().unwrap().to_owned(),
                q["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(found, expected);
    let craftsman = QualificationLevel::Grade(cqnet_core::Grade::Craftsman);
    let mut expected: Vec<String> = world
        .qualifications
        .iter()
        .filter(|q| q.level() == craftsman)
        .map(|q| q.code().as_str().to_owned())
        .collect();
    let found = all_pages(
        &base,
        "/v1/search/qualifications",
        vec![level_params(craftsman)],
    )
    .await;
    let mut found: Vec<String> = found
        .iter()
        .map(|q| q["code"].as_str().unwrap().to_owned())
        .collect();
    expected.sort();
    found.sort();
    assert_eq!(found, expected, "by grade");

    // Institutions in Seoul, and of two types.
    let seoul = cqnet_core::Sido::Seoul;
    let mut expected: Vec<String> = world
        .institutions
        .iter()
        .filter(|i| i.region().is_some_and(|r| r.sido() == seoul))
        .map(|i| i.id().to_string())
        .collect();
    let found = all_pages(
        &base,
        "/v1/search/institutions",
        vec![pair("sido", seoul.code())],
    )
    .await;
    let mut found: Vec<String> = found
        .iter()
        .map(|i| i.get("id").unwrap().as_str().unwrap().to_owned())
        .collect();
    expected.sort();
    found.sort();
    assert!(!expected.is_empty());
    assert_eq!(found, expected, "in Seoul");
    let types = [
        cqnet_core::InstitutionType::University,
        cqnet_core::InstitutionType::Polytechnic,
    ];
    let mut expected: Vec<String> = world
        .institutions
        .iter()
        .filter(|i| i.institution_type().is_some_and(|t| types.contains(&t)))
        .map(|i| i.id().to_string())
        .collect();
    let query = types.iter().map(|t| pair("type", t.as_str())).collect();
    let found = all_pages(&base, "/v1/search/institutions", query).await;
    let mut found: Vec<String> = found
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    expected.sort();
    found.sort();
    assert!(!expected.is_empty());
    assert_eq!(found, expected, "of two types");
}

async fn bad_parameters_are_problems<S>(store: S)
where
    S: crate::support::RoutedStore + 'static,
{
    let (base, _) = serve(store).await;
    let path = "/v1/search/courses";
    let (status, first) = get(&base, path, &[pair("page_size", 2)]).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let cursor = first["next"].as_str().unwrap().to_owned();
    // One character changed: the check no longer holds.
    let mut tampered: Vec<char> = cursor.chars().collect();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == 'A' { 'B' } else { 'A' };
    let tampered: String = tampered.into_iter().collect();
    let long = "가".repeat(SEARCH_TEXT_MAX_CHARS + 1);
    let huge = "가".repeat(5_000);
    let cases: Vec<(&str, Params, &str, &str)> = vec![
        (
            path,
            vec![pair("page_size", 2), pair("cursor", &tampered)],
            "/cursor",
            "cursor_tampered",
        ),
        (
            path,
            vec![pair("page_size", 3), pair("cursor", &cursor)],
            "/cursor",
            "cursor_of_another_query",
        ),
        (
            path,
            vec![pair("cursor", "not a cursor")],
            "/cursor",
            "cursor_malformed",
        ),
        (
            "/v1/search/qualifications",
            vec![pair("cursor", &cursor)],
            "/cursor",
            "cursor_of_another_query",
        ),
        (
            path,
            vec![pair("text", "\u{0}\u{7}")],
            "/text",
            "text_hidden_character",
        ),
        (
            path,
            vec![pair("text", "용\u{200b}접")],
            "/text",
            "text_hidden_character",
        ),
        (path, vec![pair("text", &long)], "/text", "text_too_long"),
        (
            "/v1/search/institutions",
            vec![pair("name", &huge)],
            "/name",
            "text_too_long",
        ),
        (
            "/v1/search/qualifications",
            vec![pair("name", "   ")],
            "/name",
            "text_empty",
        ),
        (path, vec![pair("page_size", 0)], "/page_size", "page_size"),
        (
            "/v1/search/institutions",
            vec![pair("page_size", u64::from(MAX_PAGE_SIZE) + 1)],
            "/page_size",
            "page_size",
        ),
        (
            path,
            vec![
                pair("starts_from", "2026-12-01"),
                pair("starts_until", "2026-01-01"),
            ],
            "/starts_until",
            "date_range",
        ),
    ];
    for (route, query, pointer, code) in cases {
        let (status, problem) = get(&base, route, &query).await;
        assert_eq!(
            (
                status,
                problem["pointer"].as_str(),
                problem["code"].as_str()
            ),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(pointer), Some(code)),
            "{route} {query:?}: {problem}"
        );
    }
    let unreadable: Vec<(&str, Params, &str)> = vec![
        (path, vec![pair("status", "someday")], "/status"),
        (path, vec![pair("sido", "99")], "/sido"),
        (
            path,
            vec![pair("sido", "11"), pair("sigungu", "26290")],
            "/sigungu",
        ),
        (path, vec![pair("sigungu", "11170")], "/sigungu"),
        (
            path,
            vec![pair("year", "2026"), pair("starts_from", "2026-01-01")],
            "/year",
        ),
        (path, vec![pair("min_seats_left", "-1")], "/min_seats_left"),
        (path, vec![pair("sort", "price")], "/sort"),
        (
            path,
            vec![pair("grade", "craftsman"), pair("ncs_level", 3)],
            "/ncs_level",
        ),
        (
            "/v1/search/qualifications",
            vec![pair("ncs_level", 9)],
            "/ncs_level",
        ),
        (
            "/v1/search/qualifications",
            vec![pair("sort", "name")],
            "/sort",
        ),
        (
            "/v1/search/institutions",
            vec![pair("type", "castle")],
            "/type",
        ),
        (
            "/v1/search/institutions",
            vec![pair("name", "a"), pair("name", "b")],
            "/name",
        ),
    ];
    for (route, query, pointer) in unreadable {
        let (status, problem) = get(&base, route, &query).await;
        assert_eq!(
            (status, problem["pointer"].as_str()),
            (StatusCode::BAD_REQUEST, Some(pointer)),
            "{route} {query:?}: {problem}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_filter_on_memory() {
    every_filter_finds_what_the_fixture_says(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_filter_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    every_filter_finds_what_the_fixture_says(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn every_filter_on_postgres() {
    every_filter_finds_what_the_fixture_says(
        pg_schema::PLAIN
            .with_prefix("cqnet_http_search")
            .async_store(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_parameters_on_memory() {
    bad_parameters_are_problems(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_parameters_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    bad_parameters_are_problems(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn bad_parameters_on_postgres() {
    bad_parameters_are_problems(
        pg_schema::PLAIN
            .with_prefix("cqnet_http_search")
            .async_store(),
    )
    .await;
}
