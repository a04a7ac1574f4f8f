//! Trainees who complete the course, apply for a round and pass, set up over HTTP: what the
//! routes of lists, payments, cancellations and certificates start from.

use cqnet_store::ManualClock;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// The enrollment id of trainee `n`.
pub fn trainee(n: u128) -> String {
    uuid::Uuid::from_u128(n).to_string()
}

/// The application id of trainee `n`.
pub fn application(n: u128) -> String {
    uuid::Uuid::from_u128(100 + n).to_string()
}

/// The round every trainee applies for, with its application window in August 2026, its
/// evaluation in September and its announcement on 2 October.
pub fn round_body() -> Value {
    json!({
        "plan": {
            "year": 2026, "round": 1, "system": "C1", "qualifications": ["2290"],
            "application_window": {"start": "2026-08-01T09:00:00+09:00", "end": "2026-08-10T18:00:00+09:00"},
            "first_day": "2026-09-05", "second_day": "2026-09-06",
            "announcement": "2026-10-02T09:00:00+09:00", "published_on": "2026-06-01"
        },
        "venues": [{"code": "seoul-01", "name": "서울 시험장", "capacity": 100}]
    })
}

/// Posts `body` to `path` as `token` under `key`, and gives the status and the answer.
pub async fn post(
    base: &str,
    path: &str,
    token: &str,
    key: Option<&str>,
    body: &Value,
) -> (StatusCode, Value) {
    let mut request = Client::new()
        .post(format!("{base}{path}"))
        .bearer_auth(token)
        .json(body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let answer: Value = response.json().await.unwrap();
    super::documented::check_answer("POST", path, status.as_u16(), &content_type, &answer);
    (status, answer)
}

/// Enrolls trainees `ns` (3 to 8), records 36 of 40 hours and a score of 88 for each.
pub async fn completed(base: &str, ns: &[u128]) {
    for &n in ns {
        let id = trainee(n);
        let enrollment = json!({
            "id": id, "course": uuid::Uuid::from_u128(super::COURSE).to_string(),
            "person": {"name": format!("수험생{n}"), "birth_date": "2003-05-17", "contact": "010-0000-0000"},
            "kind": {"kind": "trainee"}, "enrolled_on": "2026-03-02"
        });
        let (status, body) = post(
            base,
            "/v1/enrollments",
            "t-staff",
            Some(&format!("e-{n}")),
            &enrollment,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let fact = |day: &str, hours: &str| json!({"target": {"target": "unit", "unit": super::UNIT}, "day": day, "hours": hours});
        let attended = json!({"facts": [
            fact("2026-03-02", "8"), fact("2026-03-03", "8"), fact("2026-03-04", "8"),
            fact("2026-03-05", "8"), fact("2026-03-06", "4")
        ]});
        let path = format!("/v1/enrollments/{id}/attendance");
        let (status, body) = post(base, &path, "t-staff", Some(&format!("a-{n}")), &attended).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let evaluated = json!({"facts": [{"unit": super::UNIT, "result": {"round": {"round": 1, "score": "88"}}}]});
        let path = format!("/v1/enrollments/{id}/evaluations");
        let (status, body) =
            post(base, &path, "t-staff", Some(&format!("v-{n}")), &evaluated).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
}

/// Publishes the round; gives its id.
pub async fn published(base: &str) -> String {
    let (status, body) = post(base, "/v1/rounds", "t-agency", None, &round_body()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["round"].as_str().unwrap().to_owned()
}

/// Trainee `n` applies for `round` on 3 August; gives the application as answered.
pub async fn applied(clock: &ManualClock, base: &str, round: &str, n: u128) -> Value {
    clock.set("2026-08-03T10:00:00+09:00".parse().unwrap());
    let apply =
        json!({"id": application(n), "round": round, "candidate": trainee(n), "venue": "seoul-01"});
    let (status, body) = post(
        base,
        "/v1/applications",
        &format!("t-learner-{n}"),
        Some(&format!("apply-{n}")),
        &apply,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

/// Marks trainee `n`'s application 76 and 84 on 10 September and makes it final.
pub async fn passed(clock: &ManualClock, base: &str, n: u128) {
    clock.set("2026-09-10T10:00:00+09:00".parse().unwrap());
    let path = format!("/v1/applications/{}/result", application(n));
    let marks = json!({"marks": {"course_based": {"written": "76", "practical": "84"}}});
    let (status, entered) = post(base, &path, "t-evaluator", None, &marks).await;
    assert_eq!(status, StatusCode::OK, "{entered}");
    let finalise = json!({"expected_version": entered["version"]});
    let (status, body) = post(
        base,
        &format!("{path}/finalise"),
        "t-agency",
        None,
        &finalise,
    )
    .await;
    assert_eq!(
        (status, body["passed"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{body}"
    );
}
