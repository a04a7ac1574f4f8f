//! Payments, cancellations and refunds over real HTTP, on the memory, SQLite and PostgreSQL
//! stores: the agency records a fee as paid, a candidate cancels and is refunded what the
//! core's refund decision gives on that day, a retry by key replays, and every refusal is a
//! problem document.

use crate::support;

use crate::pg_schema;

use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_core::refund::{RefundRequest, decide};
use cqnet_core::rules::CancelReason;
use cqnet_core::{Track, Won};
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::exams::{application, applied, completed, post, published, round_body};

fn kind(problem: &Value) -> &str {
    problem["type"]
        .as_str()
        .unwrap()
        .rsplit('#')
        .next()
        .unwrap()
}

async fn pay_and_cancel<S>(store: S)
where
    S: crate::support::RoutedStore + 'static,
{
    let (cqnet, base) = support::api_on(store).await;
    completed(&base, &[3, 5]).await;
    let round = published(&base).await;
    let paid = applied(cqnet.clock(), &base, &round, 3).await;
    let unpaid = applied(cqnet.clock(), &base, &round, 5).await;

    // The fee: recorded by the agency, at the application's version.
    let payment = format!("/v1/applications/{}/payment", application(3));
    let version = paid["version"].clone();
    let (status, body) = post(
        &base,
        &payment,
        "t-learner-3",
        None,
        &json!({"expected_version": version}),
    )
    .await;
    assert_eq!(
        (status, kind(&body)),
        (StatusCode::FORBIDDEN, "refused"),
        "{body}"
    );
    let stale = version.as_u64().unwrap() + 1;
    let (status, body) = post(
        &base,
        &payment,
        "t-agency",
        None,
        &json!({"expected_version": stale}),
    )
    .await;
    assert_eq!(
        (status, kind(&body)),
        (StatusCode::CONFLICT, "version-conflict"),
        "{body}"
    );
    let (status, recorded) = post(
        &base,
        &payment,
        "t-agency",
        None,
        &json!({"expected_version": version}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert!(recorded["version"].as_u64().unwrap() > version.as_u64().unwrap());
    let stored = cqnet
        .store()
        .application(application(3).parse().unwrap())
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(stored.value.payment).unwrap(),
        json!("paid")
    );

    // The cancellation of the paid one, two days into the window: the refund is the core's.
    cqnet
        .clock()
        .set("2026-08-05T15:00:00+09:00".parse().unwrap());
    let cancellation = format!("/v1/applications/{}/cancellation", application(3));
    let personal = json!({"reason": "personal"});
    let (status, body) = post(&base, &cancellation, "t-learner-5", Some("c-3"), &personal).await;
    assert_eq!(
        (status, kind(&body)),
        (StatusCode::FORBIDDEN, "refused"),
        "another candidate: {body}"
    );
    let (status, body) = post(&base, &cancellation, "t-learner-3", None, &personal).await;
    assert_eq!(
        (status, kind(&body)),
        (StatusCode::BAD_REQUEST, "idempotency-key-missing")
    );
    let (status, body) = post(
        &base,
        &cancellation,
        "t-learner-3",
        Some("c-3"),
        &json!({"reason": "bored"}),
    )
    .await;
    assert_eq!(
        (status, body["pointer"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("/reason")),
        "{body}"
    );
    let (status, cancelled) =
        post(&base, &cancellation, "t-learner-3", Some("c-3"), &personal).await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    let plan = &round_body()["plan"];
    let expected = decide(
        &RefundRequest {
            track: Track::CourseBased,
            fee: serde_json::from_value::<Won>(paid["value"]["fee"].clone()).unwrap(),
            window: serde_json::from_value(plan["application_window"].clone()).unwrap(),
            exam_date: plan["first_day"].as_str().unwrap().parse().unwrap(),
            cancelled_at: "2026-08-05T15:00:00+09:00".parse().unwrap(),
            reason: CancelReason::Personal,
        },
        &cqnet
            .rules()
            .rules_at("2026-08-05".parse().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert!(
        expected.refund > Won::ZERO,
        "a refund to find: {expected:?}"
    );
    let status_of = &cancelled["value"]["status"]["cancelled"];
    assert_eq!(status_of["reason"], "personal", "{cancelled}");
    assert_eq!(
        status_of["refund"],
        serde_json::to_value(expected.refund).unwrap(),
        "the refund the core decides: {cancelled}"
    );
    let (status, replay) = post(&base, &cancellation, "t-learner-3", Some("c-3"), &personal).await;
    assert_eq!(
        (status, &replay),
        (StatusCode::OK, &cancelled),
        "a retry replays"
    );
    let (status, body) = post(
        &base,
        &cancellation,
        "t-learner-3",
        Some("c-3-again"),
        &personal,
    )
    .await;
    assert_eq!(
        (status, kind(&body), body["code"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-command",
            Some("application_cancelled")
        ),
        "{body}"
    );

    // An unpaid fee has nothing to refund.
    let cancellation = format!("/v1/applications/{}/cancellation", application(5));
    let (status, cancelled) =
        post(&base, &cancellation, "t-learner-5", Some("c-5"), &personal).await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(cancelled["value"]["status"]["cancelled"]["refund"], 0);
    assert_eq!(unpaid["value"]["payment"], "unpaid");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pay_and_cancel_on_memory() {
    pay_and_cancel(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pay_and_cancel_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    pay_and_cancel(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn pay_and_cancel_on_postgres() {
    pay_and_cancel(
        pg_schema::PLAIN
            .with_prefix("cqnet_http_cancel")
            .async_store(),
    )
    .await;
}
