//! The work-study routes (일학습병행) over real HTTP, on the memory and SQLite stores: a learning
//! company (학습기업) applies, is reviewed on site and designated, registers a field teacher
//! (기업현장교사) with their training, concludes a learning-work contract (학습근로계약) and
//! records its OJT days, a night OJT day without the learner's written agreement refused with
//! the core's reasons, the contract read by its company and its learner; and every kind of bad
//! input answered with its problem document, with nothing stored.

use crate::pg_schema;
use crate::support;

use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_core::rules::RulePack;
use cqnet_store::ManualClock;
use cqnet_store::training::{EnrollmentId, Institution, InstitutionId, InstitutionKind};
use cqnet_store::work_study::ContractId;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::RoutedStore as Stores;

pub(crate) const COMPANY: &str = "00000000-0000-0000-0000-0000000000c8";
pub(crate) const OTHER_COMPANY: &str = "00000000-0000-0000-0000-0000000000c9";
pub(crate) const CONTRACT: &str = "00000000-0000-0000-0000-000000000071";
/// The day of the server's clock in Korea ([`support::api_on`]).
pub(crate) const TODAY: &str = "2026-03-06";

/// Sends `method path` with the token, the key and the body given; answers the status and the
/// body, checked against the document whatever it is.
pub(crate) async fn call(
    base: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    key: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let method = method.parse().unwrap();
    support::requests::send(base, method, path, token, key, body).await
}

pub(crate) fn application(company: &str) -> Value {
    json!({
        "company": company,
        "facts": {
            "wage_arrears_listed": false, "accident_disclosed_on": null,
            "training_restricted": false, "employment_insured": true,
            "regular_employees": 50, "min_regular_employees": 20,
            "credit_rating_meets_notice": true, "field_teachers": 2, "hr_staff": 1,
            "staffing_plan": true, "programme_approved": true
        }
    })
}

/// A teacher with the years of practice the embedded pack asks (시행령 제9조제1항제6호).
fn teacher() -> Value {
    let needs = RulePack::embedded()
        .newest()
        .learning_company
        .field_teacher
        .value;
    json!({
        "teacher": "teacher-1",
        "company": COMPANY,
        "candidate": {
            "related_degree": false, "training_years": "0", "research_years": "0",
            "vocational_training_teacher": false, "work_study_qualification": false,
            "national_qualification": false,
            "practical_years": needs.practical_years.to_string()
        }
    })
}

/// A contract of the learner of token `t-learner` with `company`, from today for the pack's
/// longest term, in writing and given to the learner today.
pub(crate) fn contract(company: &str) -> Value {
    let terms = cqnet_store::testing::work_study::terms_from(TODAY.parse().unwrap());
    json!({
        "id": CONTRACT,
        "learner": EnrollmentId::from_u128(3).to_string(),
        "born_on": "2000-01-01",
        "company": company,
        "terms": serde_json::to_value(terms).unwrap()
    })
}

pub(crate) fn day(from: &str, until: &str, hours: Value) -> Value {
    json!({"kind": "ojt", "day": TODAY, "from": from, "until": until, "hours": hours})
}

/// The two learning companies as institutions of kind `company`, registered by the agency.
pub(crate) async fn companies<S: Stores>(cqnet: &cqnet_store::Cqnet<S, ManualClock>) {
    for (id, name) in [
        (support::COMPANY, "한빛정밀"),
        (support::OTHER_COMPANY, "누리기계"),
    ] {
        let company =
            Institution::new(InstitutionId::from_u128(id), name, InstitutionKind::Company).unwrap();
        cqnet
            .training()
            .register_institution(&support::agency(), &company)
            .await
            .unwrap();
    }
}

/// Applies for `company` as the staff of `token`, has the agency review it on site and
/// designate it, all through the routes; answers the designated record.
pub(crate) async fn designated(base: &str, company: &str, token: &str) -> Value {
    let path = format!("/v1/learning-companies/{company}");
    let (status, body) = call(
        base,
        "POST",
        "/v1/learning-companies",
        Some(token),
        Some(&format!("apply-{company}")),
        Some(&application(company)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let review = json!({"reviewed_on": TODAY, "facilities_confirmed": true});
    let (status, body) = call(
        base,
        "POST",
        &format!("{path}/site-review"),
        Some("t-agency"),
        Some(&format!("review-{company}")),
        Some(&review),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = call(
        base,
        "POST",
        &format!("{path}/designation"),
        Some("t-agency"),
        Some(&format!("designate-{company}")),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["value"]["status"]["status"], "designated", "{body}");
    body
}

pub(crate) fn codes(problem: &Value) -> Vec<&str> {
    problem["reasons"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["code"].as_str()).collect())
        .unwrap_or_default()
}

async fn journey<S: Stores + 'static>(store: S) {
    let (cqnet, base) = support::api_on(store).await;
    companies(&cqnet).await;
    let company_path = format!("/v1/learning-companies/{COMPANY}");

    let (status, body) = call(
        &base,
        "POST",
        "/v1/learning-companies",
        Some("t-company"),
        Some("apply"),
        Some(&application(COMPANY)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["value"]["status"]["status"], "applied");
    let review = json!({"reviewed_on": TODAY, "facilities_confirmed": true});
    let (status, body) = call(
        &base,
        "POST",
        &format!("{company_path}/site-review"),
        Some("t-agency"),
        Some("review"),
        Some(&review),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = call(
        &base,
        "POST",
        &format!("{company_path}/designation"),
        Some("t-agency"),
        Some("designate"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["value"]["status"]["status"], "designated", "{body}");
    assert_eq!(body["value"]["designated_on"], TODAY);
    let (status, read) = call(&base, "GET", &company_path, Some("t-company"), None, None).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(
        read, body,
        "the read answers the record as the designation left it"
    );

    let (status, body) = call(
        &base,
        "POST",
        "/v1/field-teachers",
        Some("t-company"),
        Some("teacher"),
        Some(&teacher()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["value"]["company"], COMPANY);
    let training = json!({"company": COMPANY, "completed_on": TODAY, "hours": "18"});
    let (status, body) = call(
        &base,
        "POST",
        "/v1/field-teachers/teacher-1/training",
        Some("t-company"),
        Some("teacher-training"),
        Some(&training),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, read) = call(
        &base,
        "GET",
        "/v1/field-teachers/teacher-1",
        Some("t-agency"),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(read["value"]["training"]["fact"]["hours"], "18", "{read}");

    let (status, body) = call(
        &base,
        "POST",
        "/v1/learning-contracts",
        Some("t-company"),
        Some("contract"),
        Some(&contract(COMPANY)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["value"]["status"]["status"], "active");
    let days = format!("/v1/learning-contracts/{CONTRACT}/training-days");
    let (status, body) = call(
        &base,
        "POST",
        &days,
        Some("t-company"),
        Some("day-1"),
        Some(&day("09:00:00", "12:00:00", json!("3"))),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["value"]["days"].as_array().map(Vec::len), Some(1));

    // OJT at night without the learner's written agreement: the core's reasons, nothing kept.
    let (status, refused) = call(
        &base,
        "POST",
        &days,
        Some("t-company"),
        Some("day-night"),
        Some(&day("20:00:00", "23:00:00", json!("3"))),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert!(refused["type"].as_str().unwrap().ends_with("#refused"));
    assert_eq!(codes(&refused), vec!["night_holiday_ojt_without_agreement"]);
    let reason = &refused["reasons"][0]["message"];
    assert!(
        reason["ko"].as_str().is_some_and(|m| !m.is_empty())
            && reason["en"].as_str().is_some_and(|m| !m.is_empty()),
        "{refused}"
    );

    let contract_path = format!("/v1/learning-contracts/{CONTRACT}");
    for token in ["t-company", "t-learner", "t-agency"] {
        let (status, read) = call(&base, "GET", &contract_path, Some(token), None, None).await;
        assert_eq!(status, StatusCode::OK, "{token}: {read}");
        assert_eq!(read["value"]["days"].as_array().map(Vec::len), Some(1));
        assert_eq!(read["value"]["company"], COMPANY);
    }
    for token in ["t-other-company", "t-learner-4"] {
        let (status, body) = call(&base, "GET", &contract_path, Some(token), None, None).await;
        assert_eq!(
            (status, codes(&body)),
            (StatusCode::FORBIDDEN, vec!["not_own_record"]),
            "{token}: {body}"
        );
    }
    let stored = cqnet
        .store()
        .learning_contract(CONTRACT.parse::<ContractId>().unwrap())
        .await
        .unwrap();
    assert_eq!(stored.value.days.len(), 1);

    // An extension rests on a failed external evaluation the contract records: with none it
    // is a conflict, and nothing changes (the founded one is in `work_study_programmes`).
    let extension = json!({"failed_on": TODAY, "months": 3, "learner_requested": true});
    let (status, problem) = call(
        &base,
        "POST",
        &format!("{contract_path}/extension"),
        Some("t-company"),
        Some("extend"),
        Some(&extension),
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (
            StatusCode::CONFLICT,
            Some(cqnet_store::ConflictKind::ExtensionRefused.code())
        ),
        "{problem}"
    );
    assert_eq!(
        cqnet
            .store()
            .learning_contract(CONTRACT.parse::<ContractId>().unwrap())
            .await
            .unwrap(),
        stored
    );

    // A termination not notified in writing is the core's refusal; one that is, is recorded.
    let termination = |written: bool| json!({"ground": "learner_gave_up", "written_notice": written, "states_reason_and_date": true, "effective_on": "2026-09-01"});
    let (status, refused) = call(
        &base,
        "POST",
        &format!("{contract_path}/termination"),
        Some("t-company"),
        Some("end-unwritten"),
        Some(&termination(false)),
    )
    .await;
    assert_eq!(
        (status, codes(&refused)),
        (StatusCode::FORBIDDEN, vec!["notice_not_in_writing"]),
        "{refused}"
    );
    let (status, body) = call(
        &base,
        "POST",
        &format!("{contract_path}/termination"),
        Some("t-company"),
        Some("end"),
        Some(&termination(true)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["value"]["status"]["status"], "terminated", "{body}");
    assert_eq!(body["value"]["status"]["on"], "2026-09-01");

    // The partial certificate the learner asks for: the termination's statement, once.
    let partial = format!("{contract_path}/partial-certificate");
    let asked = json!({"requested_on": TODAY});
    let (status, problem) = call(
        &base,
        "POST",
        &partial,
        Some("t-other-company"),
        Some("p-x"),
        Some(&asked),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    let (status, issued) = call(
        &base,
        "POST",
        &partial,
        Some("t-company"),
        Some("partial"),
        Some(&asked),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    assert_eq!(
        issued["value"]["partial_certificate"]["statement"],
        body["value"]["termination"]["fact"]["statement"],
        "{issued}"
    );
    let kept = cqnet
        .store()
        .learning_contract(CONTRACT.parse::<ContractId>().unwrap())
        .await
        .unwrap();
    assert_eq!(issued, serde_json::to_value(&kept).unwrap());
    let (status, problem) = call(
        &base,
        "POST",
        &partial,
        Some("t-company"),
        Some("partial-2"),
        Some(&asked),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("#already-exists"),
        "{problem}"
    );
}

/// Every bad request is its problem, and none leaves anything behind.
async fn bad_input<S: Stores + 'static>(store: S) {
    let (cqnet, base) = support::api_on(store).await;
    companies(&cqnet).await;
    let company = InstitutionId::from_u128(support::COMPANY);
    let post = |path: &'static str, token: Option<&'static str>, key: &'static str, body: Value| {
        let base = base.clone();
        async move { call(&base, "POST", path, token, Some(key), Some(&body)).await }
    };

    // An unknown field, at its pointer.
    let mut unknown = application(COMPANY);
    unknown["facts"]["turnover"] = json!(1);
    let (status, body) = post("/v1/learning-companies", Some("t-company"), "a", unknown).await;
    assert_eq!(
        (status, body["pointer"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("/facts/turnover")),
        "{body}"
    );
    // No actor.
    let (status, body) = post("/v1/learning-companies", None, "a", application(COMPANY)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert!(body["type"].as_str().unwrap().ends_with("#no-actor"));
    // Another company's staff: refused with the access rules' reason, and audited.
    let before = cqnet
        .store()
        .audit_entries(None, 10_000)
        .await
        .unwrap()
        .len();
    let (status, body) = post(
        "/v1/learning-companies",
        Some("t-other-company"),
        "a",
        application(COMPANY),
    )
    .await;
    assert_eq!(
        (status, codes(&body)),
        (StatusCode::FORBIDDEN, vec!["not_own_record"]),
        "{body}"
    );
    let log = cqnet.store().audit_entries(None, 10_000).await.unwrap();
    assert_eq!(log.len(), before + 1);
    assert_eq!(log[before].command, "apply_for_designation");
    assert!(
        log[before].outcome.starts_with("refused"),
        "{:?}",
        log[before]
    );
    assert!(cqnet.store().learning_company(company).await.is_err());

    // A contract for a company that applied but is not designated.
    let (status, _) = post(
        "/v1/learning-companies",
        Some("t-company"),
        "apply",
        application(COMPANY),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = post(
        "/v1/learning-contracts",
        Some("t-company"),
        "contract",
        contract(COMPANY),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "not_designated", "{body}");
    // The key of the application again with another body.
    let mut other = application(COMPANY);
    other["facts"]["hr_staff"] = json!(2);
    let (status, body) = post("/v1/learning-companies", Some("t-company"), "apply", other).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["type"]
            .as_str()
            .unwrap()
            .ends_with("#idempotency-key-reused"),
        "{body}"
    );
    let stored = cqnet.store().learning_company(company).await.unwrap();
    assert_eq!(
        stored.value.facts.hr_staff, 1,
        "the first application stands"
    );

    // Hours as a float, at its pointer; a day whose hours exceed its span, at `/hours`.
    let (status, body) = call(
        &base,
        "POST",
        &format!("/v1/learning-contracts/{CONTRACT}/training-days"),
        Some("t-company"),
        Some("d"),
        Some(&day("09:00:00", "12:00:00", json!(2.5))),
    )
    .await;
    assert_eq!(
        (status, body["pointer"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("/hours")),
        "{body}"
    );
    let (status, body) = call(
        &base,
        "POST",
        &format!("/v1/learning-contracts/{CONTRACT}/training-days"),
        Some("t-company"),
        Some("d"),
        Some(&day("09:00:00", "12:00:00", json!("4"))),
    )
    .await;
    assert_eq!(
        (status, body["pointer"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("/hours")),
        "{body}"
    );
    // A learner's identifier the domain refuses, at its pointer.
    let mut blank = contract(COMPANY);
    blank["learner"] = json!(" ");
    let (status, body) = post("/v1/learning-contracts", Some("t-company"), "c", blank).await;
    assert_eq!(
        (status, body["pointer"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("/learner")),
        "{body}"
    );
    // Nothing was concluded, and a record never stored is not found.
    let id: ContractId = CONTRACT.parse().unwrap();
    assert!(cqnet.store().learning_contract(id).await.is_err());
    let (status, body) = call(
        &base,
        "GET",
        &format!("/v1/learning-contracts/{CONTRACT}"),
        Some("t-agency"),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = call(
        &base,
        "GET",
        &format!("/v1/learning-companies/{OTHER_COMPANY}"),
        Some("t-agency"),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_journey_on_memory() {
    journey(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_journey_on_sqlite() {
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
async fn work_study_journey_on_postgres() {
    journey(pg_schema::PLAIN.with_prefix("cqnet_http_ws").async_store()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_bad_input_on_memory() {
    bad_input(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_bad_input_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    bad_input(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}
