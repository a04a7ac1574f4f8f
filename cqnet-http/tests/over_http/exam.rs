//! The exam and certificate routes over real HTTP, on the memory and SQLite stores: a trainee
//! who completed applies (retried by key), is marked and passes, the pass list opens at the
//! announcement, the certificate is issued and its 진위확인 answers.

use crate::support;

use crate::pg_schema;

use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const TRAINEE: &str = "00000000-0000-0000-0000-000000000003";
const APPLICATION: &str = "00000000-0000-0000-0000-000000000004";

struct Server {
    client: Client,
    base: String,
}

impl Server {
    async fn send(
        &self,
        path: &str,
        token: Option<&str>,
        key: Option<&str>,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let url = format!("{}{path}", self.base);
        let (method, mut request) = match body {
            Some(body) => ("POST", self.client.post(url).json(body)),
            None => ("GET", self.client.get(url)),
        };
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        let answer = response.json().await.unwrap();
        // Every answer is one the OpenAPI document describes.
        support::documented::check_answer(method, path, status.as_u16(), &content_type, &answer);
        (status, answer)
    }
}

async fn journey<S: crate::support::RoutedStore + 'static>(store: S) {
    let (cqnet, base) = support::api_on(store).await;
    let server = Server {
        client: Client::new(),
        base,
    };
    let at = |text: &str| cqnet.clock().set(text.parse().unwrap());

    let enrollment = json!({
        "id": TRAINEE, "course": "00000000-0000-0000-0000-000000000002",
        "person": {"name": "홍길동", "birth_date": "2003-05-17", "contact": "010-0000-0000"},
        "kind": {"kind": "trainee"}, "enrolled_on": "2026-03-02"
    });
    assert_eq!(
        server
            .send(
                "/v1/enrollments",
                Some("t-staff"),
                Some("e"),
                Some(&enrollment)
            )
            .await
            .0,
        StatusCode::CREATED
    );
    let attended = json!({"facts": [{"target": {"target": "unit", "unit": support::UNIT}, "day": "2026-03-06", "hours": "8"}, {"target": {"target": "unit", "unit": support::UNIT}, "day": "2026-03-02", "hours": "8"}, {"target": {"target": "unit", "unit": support::UNIT}, "day": "2026-03-03", "hours": "8"}, {"target": {"target": "unit", "unit": support::UNIT}, "day": "2026-03-04", "hours": "8"}, {"target": {"target": "unit", "unit": support::UNIT}, "day": "2026-03-05", "hours": "4"}]});
    let path = format!("/v1/enrollments/{TRAINEE}/attendance");
    assert_eq!(
        server
            .send(&path, Some("t-staff"), Some("a"), Some(&attended))
            .await
            .0,
        StatusCode::CREATED
    );
    let evaluated = json!({"facts": [{"unit": support::UNIT, "result": {"round": {"round": 1, "score": "88"}}}]});
    let path = format!("/v1/enrollments/{TRAINEE}/evaluations");
    assert_eq!(
        server
            .send(&path, Some("t-staff"), Some("v"), Some(&evaluated))
            .await
            .0,
        StatusCode::CREATED
    );

    let round = json!({
        "plan": {
            "year": 2026, "round": 1, "system": "C1", "qualifications": ["2290"],
            "application_window": {"start": "2026-08-01T09:00:00+09:00", "end": "2026-08-10T18:00:00+09:00"},
            "first_day": "2026-09-05", "second_day": "2026-09-06",
            "announcement": "2026-10-02T09:00:00+09:00", "published_on": "2026-06-01"
        },
        "venues": [{"code": "seoul-01", "name": "서울 시험장", "capacity": 100}]
    });
    let (status, body) = server
        .send("/v1/rounds", Some("t-staff"), None, Some(&round))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "only the agency publishes a round: {body}"
    );
    let (status, published) = server
        .send("/v1/rounds", Some("t-agency"), None, Some(&round))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{published}");
    let round_id = published["round"].as_str().unwrap().to_owned();

    at("2026-08-03T10:00:00+09:00");
    let apply =
        json!({"id": APPLICATION, "round": round_id, "candidate": TRAINEE, "venue": "seoul-01"});
    let (status, first) = server
        .send(
            "/v1/applications",
            Some("t-learner"),
            Some("apply-4"),
            Some(&apply),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, again) = server
        .send(
            "/v1/applications",
            Some("t-learner"),
            Some("apply-4"),
            Some(&apply),
        )
        .await;
    assert_eq!(
        (status, &again),
        (StatusCode::CREATED, &first),
        "the same key and body replay the first answer"
    );
    let mut other = apply.clone();
    other["venue"] = json!("busan-01");
    let (status, body) = server
        .send(
            "/v1/applications",
            Some("t-learner"),
            Some("apply-4"),
            Some(&other),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = server
        .send("/v1/applications", Some("t-learner"), None, Some(&apply))
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "an application needs its key: {body}"
    );
    assert_eq!(
        cqnet
            .store()
            .applications(&round_id.parse().unwrap())
            .await
            .unwrap()
            .len(),
        1,
        "one application stored"
    );

    let result_path = format!("/v1/applications/{APPLICATION}/result");
    let attempts_path = format!("/v1/enrollments/{TRAINEE}/attempts");
    let (status, view) = server
        .send(&result_path, Some("t-evaluator"), None, None)
        .await;
    assert_eq!(
        (status, &view["result"]),
        (StatusCode::OK, &Value::Null),
        "no result before one is entered: {view}"
    );

    at("2026-09-10T10:00:00+09:00");
    let marks = json!({"marks": {"course_based": {"written": "76", "practical": "84"}}});
    let path = format!("/v1/applications/{APPLICATION}/result");
    let (status, body) = server
        .send(&path, Some("t-learner"), None, Some(&marks))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a candidate does not mark themselves: {body}"
    );
    let (status, entered) = server
        .send(&path, Some("t-evaluator"), None, Some(&marks))
        .await;
    assert_eq!(status, StatusCode::OK, "{entered}");
    let finalise = json!({"expected_version": entered["version"]});
    let (status, finalised) = server
        .send(
            &format!("{path}/finalise"),
            Some("t-agency"),
            None,
            Some(&finalise),
        )
        .await;
    assert_eq!(
        (status, finalised["passed"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{finalised}"
    );

    // The course's decisions read the finalised marks: its one trainee passes, as finalised.
    let decisions = "/v1/courses/00000000-0000-0000-0000-000000000002/decisions";
    let (status, course) = server.send(decisions, Some("t-staff"), None, None).await;
    assert_eq!(status, StatusCode::OK, "{course}");
    let trainees = course["trainees"].as_array().expect("the trainees");
    assert_eq!(trainees.len(), 1, "{course}");
    assert_eq!(
        (
            trainees[0]["enrollment"].as_str(),
            trainees[0]["completed"].as_bool(),
            trainees[0]["passed"].as_bool(),
            trainees[0]["decision"]["final_score"].is_string(),
        ),
        (Some(TRAINEE), Some(true), Some(true), true),
        "{course}"
    );
    let (status, _) = server.send(decisions, Some("t-stranger"), None, None).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "another institution's staff may not read the course's records"
    );

    let (status, view) = server
        .send(&result_path, Some("t-evaluator"), None, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(
        (&view["result"]["passed"], &view["result"]["finalised"]),
        (&json!(true), &json!(true)),
        "the evaluators see a result at any time: {view}"
    );
    assert_eq!(view["result"]["number"], first["value"]["number"]);
    let (status, body) = server
        .send(&result_path, Some("t-learner"), None, None)
        .await;
    assert_eq!(
        (status, body["reasons"][0]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("results_not_announced")),
        "the candidate waits for the announcement: {body}"
    );
    let (status, attempts) = server
        .send(&attempts_path, Some("t-learner"), None, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{attempts}");
    assert_eq!(attempts["attempts"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        attempts["attempts"][0]["passed"],
        Value::Null,
        "no pass shown to the candidate before the announcement: {attempts}"
    );
    for (token, expected) in [
        (Some("t-stranger"), StatusCode::FORBIDDEN),
        (None, StatusCode::UNAUTHORIZED),
    ] {
        for path in [&result_path, &attempts_path] {
            let (status, body) = server.send(path, token, None, None).await;
            assert_eq!(status, expected, "{path} as {token:?}: {body}");
        }
    }

    let pass_list = format!("/v1/rounds/{round_id}/pass-list");
    let (status, body) = server.send(&pass_list, None, None, None).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "nobody sees the pass list before the announcement: {body}"
    );
    at("2026-10-05T10:00:00+09:00");
    let (status, listed) = server.send(&pass_list, None, None, None).await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    assert_eq!(listed["passers"], json!([first["value"]["number"]]));
    let (status, view) = server
        .send(&result_path, Some("t-learner"), None, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(
        (&view["result"]["passed"], &view["result"]["marks"]),
        (&json!(true), &marks["marks"]),
        "the candidate sees their own result after the announcement: {view}"
    );
    let (status, attempts) = server
        .send(&attempts_path, Some("t-learner"), None, None)
        .await;
    assert_eq!(
        (status, &attempts["attempts"][0]["passed"]),
        (StatusCode::OK, &json!(true)),
        "{attempts}"
    );

    let issue = json!({"form": "certificate"});
    let path = format!("/v1/applications/{APPLICATION}/certificate");
    let (status, certificate) = server
        .send(&path, Some("t-agency"), Some("issue-4"), Some(&issue))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{certificate}");
    // Issued at 10:00 Korean time: the issue date is that day in Korea.
    let issued_at: chrono::DateTime<chrono::FixedOffset> =
        certificate["issued_at"].as_str().unwrap().parse().unwrap();
    let issue_date = issued_at
        .with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).unwrap())
        .date_naive();
    let query = json!({
        "number": certificate["number"], "issue_date": issue_date,
        "document": {"kind": "management_number", "value": certificate["management_number"]}
    });
    let (status, answer) = server
        .send("/v1/certificates/verify", None, None, Some(&query))
        .await;
    assert_eq!(
        (status, answer["status"].as_str()),
        (StatusCode::OK, Some("valid")),
        "{answer} for {query}"
    );
    // The statistics, counted by the store for the agency: one trainee who applied, sat,
    // passed and holds the certificate; the written mark (76) in the band from 70 below 80.
    let (status, funnel) = server
        .send("/v1/statistics/funnel", Some("t-agency"), None, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{funnel}");
    let total = &funnel["rows"][0];
    assert_eq!(
        [
            &total["learners"],
            &total["applications"],
            &total["examinees"],
            &total["passers"],
            &total["acquirers"]
        ],
        [&json!(1); 5],
        "{funnel}"
    );
    assert_eq!(total["pass_rate"], json!("100"), "{funnel}");
    let distribution = format!("/v1/statistics/rounds/{round_id}/score-distribution");
    let (status, written) = server
        .send(&distribution, Some("t-agency"), None, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{written}");
    assert_eq!(
        (&written["examinees"], &written["average"]),
        (&json!(1), &json!("76")),
        "{written}"
    );
    let counted: Vec<(Value, Value, u64)> = written["bands"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|band| band["count"].as_u64() != Some(0))
        .map(|band| {
            (
                band["from"].clone(),
                band["below"].clone(),
                band["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counted, [(json!("70"), json!("80"), 1)], "{written}");
    let (status, practical) = server
        .send(
            &format!("{distribution}?part=practical"),
            Some("t-agency"),
            None,
            None,
        )
        .await;
    assert_eq!(
        (status, &practical["average"]),
        (StatusCode::OK, &json!("84")),
        "{practical}"
    );
    let (status, body) = server
        .send(&distribution, Some("t-learner"), None, None)
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "only the agency counts: {body}"
    );

    let mut wrong_day = query.clone();
    wrong_day["issue_date"] = json!("2020-01-01");
    let (status, answer) = server
        .send("/v1/certificates/verify", None, None, Some(&wrong_day))
        .await;
    assert_eq!(
        (status, answer["status"].as_str()),
        (StatusCode::OK, Some("no_match")),
        "{answer}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exam_and_certificate_journey_on_memory() {
    journey(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exam_and_certificate_journey_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    journey(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn exam_and_certificate_journey_on_postgres() {
    journey(pg_schema::PLAIN.with_prefix("cqnet_http").async_store()).await;
}
