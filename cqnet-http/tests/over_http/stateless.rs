//! The stateless routes over real HTTP: the rule packs, one dated parameter, and `evaluate`
//! with its problem documents.

use crate::support;

use cqnet_adapters::memory::MemoryStore;
use cqnet_core::rules::RulePack;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

async fn server() -> String {
    support::api_on(MemoryStore::new().into_async()).await.1
}

async fn get(url: String) -> (StatusCode, Value) {
    let response = reqwest::get(url).await.unwrap();
    (response.status(), response.json().await.unwrap())
}

async fn evaluate(base: &str, kind: &str, query: &str, body: &Value) -> (StatusCode, Value) {
    let path = format!("/v1/evaluate/{kind}{query}");
    let response = Client::new()
        .post(format!("{base}{path}"))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let answer = response.json().await.unwrap();
    support::documented::check_answer("POST", &path, status.as_u16(), &content_type, &answer);
    (status, answer)
}

#[tokio::test]
async fn the_rule_packs_list_the_embedded_one() {
    let base = server().await;
    let pack = RulePack::embedded();
    let (status, listed) = get(format!("{base}/v1/rule-packs")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed[0]["id"], pack.id().name);
    assert_eq!(listed[0]["date"], pack.date().to_string());
    assert_eq!(listed[0]["latest_change"], pack.latest_change().to_string());
    assert_eq!(listed[0]["parameters"], pack.parameters().len());
}

#[tokio::test]
async fn a_parameter_answers_its_value_in_force_with_its_reference() {
    let base = server().await;
    let pack = RulePack::embedded();
    let day = "2026-06-01".parse().unwrap();
    let expected = pack
        .values_at(day)
        .into_iter()
        .find(|v| v.path == "course_based.pass_average")
        .unwrap();
    let id = &pack.id().name;
    for path in ["course_based/pass_average", "course_based.pass_average"] {
        let (status, value) = get(format!(
            "{base}/v1/rule-packs/{id}/parameters/{path}?date=2026-06-01"
        ))
        .await;
        assert_eq!(status, StatusCode::OK, "{value}");
        assert_eq!(value["value"], expected.row.value);
        assert_eq!(value["reference"], expected.row.reference);
        assert_eq!(value["provenance"], expected.row.provenance.to_string());
        assert_eq!(value["since"], expected.row.since.to_string());
    }
    let (status, problem) = get(format!(
        "{base}/v1/rule-packs/{id}/parameters/course_based/pass_average?date=1990-01-01"
    ))
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "nothing in force in 1990: {problem}"
    );
    let (status, _) = get(format!(
        "{base}/v1/rule-packs/{id}/parameters/no/such?date=2026-06-01"
    ))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(format!(
        "{base}/v1/rule-packs/other-pack/parameters/course_based/pass_average"
    ))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, problem) = get(format!(
        "{base}/v1/rule-packs/{id}/parameters/course_based/pass_average?date=June"
    ))
    .await;
    assert_eq!(
        (status, problem["pointer"].as_str()),
        (StatusCode::BAD_REQUEST, Some("/date")),
        "{problem}"
    );
}

#[tokio::test]
async fn evaluate_answers_the_reasons_in_full_and_refuses_bad_input_as_problems() {
    let base = server().await;
    let input = json!({"units": [{"hours": 40, "attended": 29, "scores": [85]}]});
    let (status, answer) = evaluate(&base, "course_based", "?as_of=2026-06-01", &input).await;
    assert_eq!(status, StatusCode::OK, "a business no is a 200: {answer}");
    let library = cqnet_cases::evaluate(
        "course_based",
        &input,
        &RulePack::embedded()
            .rules_at("2026-06-01".parse().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(answer, library, "the server answers as the library does");
    let reason = &answer["reasons"][0];
    assert_eq!(reason["code"], "attendance_below_minimum");
    assert!(
        reason["legal_basis"]["citation"]
            .as_str()
            .is_some_and(|c| !c.is_empty()),
        "{reason}"
    );
    assert!(
        reason["message"]["ko"].is_string() && reason["message"]["en"].is_string(),
        "{reason}"
    );

    let over = json!({"units": [{"hours": 40, "attended": 41, "scores": [85]}]});
    let (status, problem) = evaluate(&base, "course_based", "", &over).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("#invalid-input"),
        "{problem}"
    );
    let unknown = json!({"units": [], "colour": "blue"});
    let (status, problem) = evaluate(&base, "course_based", "", &unknown).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("#malformed-input"),
        "{problem}"
    );
    assert_eq!(
        problem["pointer"], "/colour",
        "the unknown member: {problem}"
    );
    // A float where a decimal string is due: refused at its own pointer.
    let float = json!({"units": [{"hours": 40, "attended": 29, "scores": [85]}, {"hours": 40, "attended": 36.5, "scores": [85]}]});
    let (status, problem) = evaluate(&base, "course_based", "", &float).await;
    assert_eq!(
        (status, problem["pointer"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("/units/1/attended")),
        "{problem}"
    );
    let (status, _) = evaluate(&base, "horoscope", "", &input).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, problem) = evaluate(&base, "course_based", "?as_of=1990-01-01", &input).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("#rules-not-in-force"),
        "{problem}"
    );
    let (status, problem) = evaluate(&base, "course_based", "?as_of=soon", &input).await;
    assert_eq!(
        (status, problem["pointer"].as_str()),
        (StatusCode::BAD_REQUEST, Some("/as_of"))
    );
    let (status, _) = get(format!("{base}/v2/nothing")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn explain_adds_the_trace_of_the_decision() {
    let base = server().await;
    let input = json!({"units": [
        {"hours": 40, "attended": 29, "scores": [85]},
        {"hours": 40, "attended": 40, "scores": [20]}
    ]});
    let day = "2026-06-01";
    let pack = RulePack::embedded();
    let rules = pack.rules_at(day.parse().unwrap()).unwrap();
    let library = cqnet_cases::evaluate("course_based", &input, &rules).unwrap();
    let reasons = library["reasons"].as_array().unwrap();
    assert!(reasons.len() >= 2, "two failing checks: {library}");

    let (status, answer) = evaluate(
        &base,
        "course_based",
        &format!("?as_of={day}&explain=true"),
        &input,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let mut without_trace = answer.clone();
    let trace = without_trace
        .as_object_mut()
        .unwrap()
        .remove("trace")
        .unwrap();
    assert_eq!(
        without_trace, library,
        "the trace is added, nothing else changes"
    );
    assert_eq!(trace["rules"]["pack"], rules.pack.to_string());
    assert_eq!(trace["rules"]["date"], day);
    assert_eq!(trace["rules"]["basis"]["basis"], "evaluated_on");
    let checks = trace["checks"].as_array().unwrap();
    // Per unit: attendance, every round taken, the round floor. Unit 1 misses attendance (29
    // of 40 hours), unit 2 the floor (20): those two fail, the other four pass; without a
    // completion there is no pass-mark check.
    let outcomes: Vec<(&str, &str)> = checks
        .iter()
        .map(|c| {
            (
                c["outcome"].as_str().unwrap(),
                c["check"]["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("failed", "attendance_below_minimum"),
            ("passed", "internal_evaluation_missing"),
            ("passed", "internal_round_below_floor"),
            ("passed", "attendance_below_minimum"),
            ("passed", "internal_evaluation_missing"),
            ("failed", "internal_round_below_floor"),
        ],
        "{trace}"
    );
    let passed = checks.iter().filter(|c| c["outcome"] == "passed");
    for check in passed {
        assert!(
            check.get("reason").is_none(),
            "a passed check gives no reason: {check}"
        );
        assert!(
            check["check"]["legal_basis"]["citation"].is_string(),
            "{check}"
        );
    }
    let failed: Vec<&Value> = checks.iter().filter(|c| c["outcome"] == "failed").collect();
    assert_eq!(failed.len(), reasons.len(), "{trace}");
    let in_force = pack.values_at(rules.date);
    for (check, reason) in failed.into_iter().zip(reasons) {
        assert_eq!(
            &check["reason"], reason,
            "the core's reason, as it gives it"
        );
        assert_eq!(check["check"]["measured"], reason["measured"]);
        let citation = reason["legal_basis"]["citation"].as_str().unwrap();
        let expected: Vec<&str> = in_force
            .iter()
            .filter(|v| v.row.reference == citation)
            .map(|v| v.path)
            .collect();
        let paths: Vec<&str> = check["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths, expected, "the values citing {citation}");
        assert!(
            !paths.is_empty(),
            "every basis comes from the pack: {check}"
        );
        for parameter in check["parameters"].as_array().unwrap() {
            let value = in_force
                .iter()
                .find(|v| v.path == parameter["path"])
                .unwrap();
            assert_eq!(parameter["value"], value.row.value);
            assert_eq!(parameter["since"], value.row.since.to_string());
        }
    }

    // 일학습병행 is explained check by check too: attendance and the internal units passed,
    // the external units failed, each once, in the core's order.
    let learner = json!({
        "ojt": {"hours": 1000, "attended": 900},
        "internal_units": [{"passed": true}, {"passed": true}],
        "external_units": [{"passed": true}, {"passed": false}, {"passed": false}]
    });
    let (status, answer) = evaluate(&base, "work_study", "?explain=true", &learner).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let listed: Vec<(&str, &str)> = answer["trace"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["check"]["code"].as_str().unwrap(),
                c["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("attendance_below_minimum", "passed"),
            ("internal_unit_pass_ratio_below_minimum", "passed"),
            ("external_unit_pass_ratio_below_minimum", "failed"),
        ],
        "{answer}"
    );

    // A kind the core explains by its reasons only: each reason is a failed check.
    let extension = json!({"contract_end": "2026-08-31", "prior_extensions_months": [], "requested_months": 6, "passed_external": true, "learner_requested": true});
    let (status, answer) = evaluate(&base, "contract_extension", "?explain=true", &extension).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let listed = answer["trace"]["checks"].as_array().unwrap();
    assert_eq!(listed.len(), answer["reasons"].as_array().unwrap().len());
    assert!(!listed.is_empty(), "{answer}");
    for (check, reason) in listed.iter().zip(answer["reasons"].as_array().unwrap()) {
        assert_eq!(
            (&check["outcome"], &check["reason"], &check["check"]["code"]),
            (&json!("failed"), reason, &reason["code"])
        );
        assert!(check["check"].get("message").is_none(), "{check}");
    }

    let (status, plain) = evaluate(
        &base,
        "course_based",
        &format!("?as_of={day}&explain=false"),
        &input,
    )
    .await;
    assert_eq!((status, &plain), (StatusCode::OK, &library));
    for (query, pointer) in [
        ("?explain=yes", "/explain"),
        ("?explain=true&explain=true", "/explain"),
        ("?colour=blue", "/colour"),
    ] {
        let (status, problem) = evaluate(&base, "course_based", query, &input).await;
        assert_eq!(
            (status, problem["pointer"].as_str()),
            (StatusCode::BAD_REQUEST, Some(pointer)),
            "{query}: {problem}"
        );
    }
}
