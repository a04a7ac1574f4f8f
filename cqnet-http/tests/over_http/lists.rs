//! The list routes over real HTTP: pages of the pass list by `page_size` and `after`, and a
//! page size of 0 or above the maximum refused with its pointer.

use crate::support;

use cqnet_adapters::memory::MemoryStore;
use cqnet_store::search::MAX_PAGE_SIZE;
use reqwest::StatusCode;
use serde_json::Value;

async fn get(base: &str, path: &str) -> (StatusCode, Value) {
    let response = reqwest::get(format!("{base}{path}")).await.unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = response.json().await.unwrap();
    support::documented::check_answer("GET", path, status.as_u16(), &content_type, &body);
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pass_list_comes_in_pages() {
    let (cqnet, base) = support::api_on(MemoryStore::new().into_async()).await;
    let trainees = [3, 5, 6];
    support::exams::completed(&base, &trainees).await;
    let round = support::exams::published(&base).await;
    let mut numbers = Vec::new();
    for n in trainees {
        let applied = support::exams::applied(cqnet.clock(), &base, &round, n).await;
        numbers.push(applied["value"]["number"].as_str().unwrap().to_owned());
    }
    for n in trainees {
        support::exams::passed(cqnet.clock(), &base, n).await;
    }
    numbers.sort();
    cqnet
        .clock()
        .set("2026-10-05T10:00:00+09:00".parse().unwrap());

    let list = format!("/v1/rounds/{round}/pass-list");
    let (status, whole) = get(&base, &list).await;
    assert_eq!(status, StatusCode::OK, "{whole}");
    assert_eq!(
        whole["passers"],
        serde_json::json!(numbers),
        "the default page holds them all"
    );
    assert!(whole["next"].is_null());

    let (status, first) = get(&base, &format!("{list}?page_size=2")).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["passers"], serde_json::json!(numbers[..2]));
    assert_eq!(first["next"], numbers[1].as_str());
    let after = first["next"].as_str().unwrap();
    let (status, second) = get(&base, &format!("{list}?page_size=2&after={after}")).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    assert_eq!(second["passers"], serde_json::json!(numbers[2..]));
    assert!(second["next"].is_null(), "the last page: {second}");

    let beyond = u64::from(MAX_PAGE_SIZE) + 1;
    for size in ["0".to_owned(), beyond.to_string(), "99999999999".to_owned()] {
        let (status, problem) = get(&base, &format!("{list}?page_size={size}")).await;
        assert_eq!(
            (
                status,
                problem["pointer"].as_str(),
                problem["code"].as_str()
            ),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("/page_size"),
                Some("page_size")
            ),
            "{size}: {problem}"
        );
        assert!(
            problem["type"]
                .as_str()
                .unwrap()
                .ends_with("#invalid-parameter"),
            "{problem}"
        );
    }
    for (query, pointer) in [
        ("page_size=ten", "/page_size"),
        ("page_size=-1", "/page_size"),
        ("after=nobody", "/after"),
        ("size=2", "/size"),
    ] {
        let (status, problem) = get(&base, &format!("{list}?{query}")).await;
        assert_eq!(
            (status, problem["pointer"].as_str()),
            (StatusCode::BAD_REQUEST, Some(pointer)),
            "{query}: {problem}"
        );
    }
}
