//! A designated learning company's hearings (청문) and measures (시정명령, 지정취소, 지정의 효력
//! 정지) over real HTTP, on the memory and SQLite stores: a cancellation without a hearing
//! refused with the core's own reasons and nothing stored, the hearing recorded, the
//! cancellation then taken and read back as the store keeps it; the wrong actors and the bad
//! bodies each answered with their problem, leaving the company as it was.

use crate::pg_schema;
use crate::support;
use crate::work_study::{COMPANY, TODAY, call, codes, companies, designated};

use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_core::rules::RulePack;
use cqnet_core::sanction::{Ground, Measure};
use cqnet_store::training::InstitutionId;
use cqnet_store::work_study::MeasureOrder;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::RoutedStore as Stores;

fn measure(measure: &str, months: Option<u32>) -> Value {
    json!({"grounds": ["criteria_not_met"], "measure": measure, "months": months})
}

async fn hearings_and_measures<S: Stores + 'static>(store: S) {
    let (cqnet, base) = support::api_on(store).await;
    companies(&cqnet).await;
    designated(&base, COMPANY, "t-company").await;
    let company = InstitutionId::from_u128(support::COMPANY);
    let path = format!("/v1/learning-companies/{COMPANY}");
    let measures = format!("{path}/measures");
    let hearings = format!("{path}/hearings");
    let before = cqnet.store().learning_company(company).await.unwrap();

    // A cancellation without a hearing: the core's reasons for the stored company today.
    let today = TODAY.parse().unwrap();
    let rules = RulePack::embedded().rules_at(today).unwrap();
    let order =
        MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::Cancellation, None).unwrap();
    let oracle: Vec<&str> = before
        .value
        .measure_decision(&order, today, &rules)
        .unwrap()
        .reasons
        .iter()
        .map(|r| r.code.as_str())
        .collect();
    assert!(oracle.contains(&"hearing_required"), "{oracle:?}");
    let (status, refused) = call(
        &base,
        "POST",
        &measures,
        Some("t-agency"),
        Some("cancel-unheard"),
        Some(&measure("cancellation", None)),
    )
    .await;
    assert_eq!(
        (status, codes(&refused)),
        (StatusCode::FORBIDDEN, oracle),
        "{refused}"
    );
    assert!(refused["type"].as_str().unwrap().ends_with("#refused"));
    let log = cqnet.store().audit_entries(None, 10_000).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.command, "take_measure");
    assert!(last.outcome.starts_with("refused"), "{last:?}");

    // The wrong actors, for a measure and for a hearing.
    for (route, body) in [
        (&measures, measure("corrective_order", None)),
        (&hearings, json!({"held_on": TODAY})),
    ] {
        let (status, problem) = call(
            &base,
            "POST",
            route,
            Some("t-company"),
            Some("k"),
            Some(&body),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{route}: {problem}");
        assert!(problem["type"].as_str().unwrap().ends_with("#refused"));
        let (status, problem) = call(&base, "POST", route, None, Some("k"), Some(&body)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{route}: {problem}");
    }

    // Bad bodies, each at its pointer.
    let twice =
        json!({"grounds": ["criteria_not_met", "criteria_not_met"], "measure": "corrective_order"});
    for (body, pointer) in [
        (measure("suspension", None), "/months"),
        (measure("corrective_order", Some(3)), "/months"),
        (
            json!({"grounds": [], "measure": "corrective_order"}),
            "/grounds",
        ),
        (twice, "/grounds"),
        (measure("fine", None), "/measure"),
    ] {
        let (status, problem) = call(
            &base,
            "POST",
            &measures,
            Some("t-agency"),
            Some("bad-measure"),
            Some(&body),
        )
        .await;
        assert_eq!(
            (status, problem["pointer"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(pointer)),
            "{body}: {problem}"
        );
    }
    let (status, problem) = call(
        &base,
        "POST",
        &hearings,
        Some("t-agency"),
        Some("bad-hearing"),
        Some(&json!({"held_on": "the sixth of March"})),
    )
    .await;
    assert_eq!(
        (status, problem["pointer"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("/held_on")),
        "{problem}"
    );
    assert_eq!(
        cqnet.store().learning_company(company).await.unwrap(),
        before,
        "no refusal stored anything"
    );

    // The hearing, then the cancellation: each read back as the store keeps it.
    let (status, heard) = call(
        &base,
        "POST",
        &hearings,
        Some("t-agency"),
        Some("hearing"),
        Some(&json!({"held_on": TODAY})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{heard}");
    let stored = cqnet.store().learning_company(company).await.unwrap();
    assert_eq!(heard, serde_json::to_value(&stored).unwrap());
    assert_eq!(stored.value.hearings.len(), 1);
    assert_eq!(stored.value.hearings[0].fact.held_on, today);
    let (status, cancelled) = call(
        &base,
        "POST",
        &measures,
        Some("t-agency"),
        Some("cancel"),
        Some(&measure("cancellation", None)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{cancelled}");
    assert_eq!(
        cancelled["value"]["status"]["status"], "cancelled",
        "{cancelled}"
    );
    let (status, read) = call(&base, "GET", &path, Some("t-agency"), None, None).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(read, cancelled);
    let stored = cqnet.store().learning_company(company).await.unwrap();
    assert_eq!(read, serde_json::to_value(&stored).unwrap());
    assert_eq!(stored.value.measures.len(), 1);
    assert_eq!(stored.value.measures[0].order, order);
    assert_eq!(stored.value.measures[0].hearing_held_on, Some(today));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_measures_on_memory() {
    hearings_and_measures(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_measures_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    hearings_and_measures(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn work_study_measures_on_postgres() {
    hearings_and_measures(pg_schema::PLAIN.with_prefix("cqnet_http_wsm").async_store()).await;
}
