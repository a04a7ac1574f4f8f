//! Work-study programmes (일학습병행과정), internal evaluations (내부평가) and the completion
//! certificate (이수증명서) over real HTTP, on the memory and SQLite stores: a programme below its
//! standard refused with the core's own reasons, the programme approved and read back; a
//! learner's evaluations recorded with whether the core passed them; the certificate refused
//! with the core's reasons while the ledger is short, then issued from the ledger. Each answer
//! is read back as the store keeps it; the wrong actors and the bad bodies each answered with
//! their problem, nothing stored.

use crate::pg_schema;
use crate::support;
use crate::work_study::{COMPANY, CONTRACT, TODAY, call, codes, companies, contract, designated};

use chrono::{Datelike, NaiveDate};
use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_core::NcsLevel;
use cqnet_core::programme::{ProgrammePlan, ProgrammePlanSpec, unit_passes};
use cqnet_core::rules::{RulePack, Rules};
use cqnet_core::{Hours, Score};
use cqnet_store::training::{InstitutionId, Qualification};
use cqnet_store::work_study::{ContractId, NewProgramme, ProgrammeId};
use cqnet_store::{ConflictKind, Cqnet, ManualClock};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::RoutedStore as Stores;

const PROGRAMME: &str = "00000000-0000-0000-0000-0000000000a1";

fn example() -> NewProgramme {
    NewProgramme::example(
        PROGRAMME.parse().unwrap(),
        InstitutionId::from_u128(support::COMPANY),
    )
}

/// The work-study qualification of the catalog the certified programme leads to.
const WORK_STUDY_QUALIFICATION: &str = "W301";

/// The body of `new`, as a client writes it.
fn body_of(new: &NewProgramme) -> Value {
    json!({
        "id": new.programme,
        "company": new.company,
        "qualification": new.qualification,
        "standard": serde_json::to_value(&new.standard).unwrap(),
        "plan": serde_json::to_value(&new.plan).unwrap(),
    })
}

/// `CNC밀링가공_L3` (`W301`) registered in the catalog by the agency.
async fn work_study_qualification<S: Stores>(cqnet: &Cqnet<S, ManualClock>) -> Qualification {
    let qualification = Qualification::builder()
        .code(WORK_STUDY_QUALIFICATION)
        .name("CNC밀링가공_L3")
        .ncs_level(NcsLevel::new(3).unwrap())
        .field("기계")
        .build()
        .unwrap();
    cqnet
        .training()
        .register_qualification(&support::agency(), &qualification)
        .await
        .unwrap();
    qualification
}

fn rules_on(day: NaiveDate) -> Rules {
    RulePack::embedded().rules_at(day).unwrap()
}

/// The Korean day of the server's clock.
fn today<S: Stores>(cqnet: &Cqnet<S, ManualClock>) -> NaiveDate {
    use cqnet_store::Clock;
    cqnet_core::window::korean_date(cqnet.clock().now().fixed_offset())
}

async fn kept<S: Stores>(cqnet: &Cqnet<S, ManualClock>) -> Value {
    let id: ContractId = CONTRACT.parse().unwrap();
    serde_json::to_value(cqnet.store().learning_contract(id).await.unwrap()).unwrap()
}

async fn post(
    base: &str,
    path: &str,
    token: Option<&str>,
    key: &str,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    call(base, "POST", path, token, Some(key), body).await
}

async fn approval<S: Stores + 'static>(store: S) {
    let (cqnet, base) = support::api_on(store).await;
    companies(&cqnet).await;
    designated(&base, COMPANY, "t-company").await;
    let new = example();
    let id: ProgrammeId = PROGRAMME.parse().unwrap();
    let route = "/v1/work-study-programmes";
    let path = format!("{route}/{PROGRAMME}");

    // A programme whose first unit plans fewer OJT hours than its standard: the core's reasons.
    let mut spec: ProgrammePlanSpec = new.plan.spec().clone();
    spec.units[0].ojt_hours = Hours::whole(1).unwrap();
    let short = NewProgramme {
        plan: ProgrammePlan::new(spec).unwrap(),
        ..new.clone()
    };
    let oracle: Vec<&str> = short
        .decision(&rules_on(today(&cqnet)))
        .reasons
        .iter()
        .map(|r| r.code.as_str())
        .collect();
    assert!(
        oracle.contains(&"unit_ojt_hours_below_standard"),
        "{oracle:?}"
    );
    let (status, refused) = post(
        &base,
        route,
        Some("t-agency"),
        "short",
        Some(&body_of(&short)),
    )
    .await;
    assert_eq!(
        (status, codes(&refused)),
        (StatusCode::FORBIDDEN, oracle),
        "{refused}"
    );

    // The wrong actors; bad bodies at their pointers.
    let body = body_of(&new);
    let (status, problem) = post(&base, route, Some("t-company"), "own", Some(&body)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    let (status, problem) = post(&base, route, None, "none", Some(&body)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{problem}");
    let mut twice = body.clone();
    let first = twice["standard"]["units"][0].clone();
    twice["standard"]["units"][1] = first;
    let mut no_units = body.clone();
    no_units["plan"]["units"] = json!([]);
    let mut no_months = body.clone();
    no_months["plan"]["months"] = json!(0);
    let mut float = body.clone();
    float["plan"]["units"][1]["off_jt_hours"] = json!(2.5);
    for (bad, pointer) in [
        (twice, "/standard"),
        (no_units, "/plan/units"),
        (no_months, "/plan/months"),
        (float, "/plan/units/1/off_jt_hours"),
    ] {
        let (status, problem) = post(&base, route, Some("t-agency"), "bad", Some(&bad)).await;
        assert_eq!(
            (status, problem["pointer"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(pointer)),
            "{problem}"
        );
    }
    assert!(cqnet.store().programme(id).await.is_err(), "nothing stored");
    let (status, _) = call(&base, "GET", &path, Some("t-agency"), None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Approved, and read back by the company and the agency as the store keeps it.
    let (status, approved) = post(&base, route, Some("t-agency"), "approve", Some(&body)).await;
    assert_eq!(status, StatusCode::CREATED, "{approved}");
    let stored = cqnet.store().programme(id).await.unwrap();
    assert_eq!(approved, serde_json::to_value(&stored).unwrap());
    assert_eq!(stored.value.plan, new.plan);
    assert_eq!(stored.value.standard, new.standard);
    assert_eq!(stored.value.approved_on, today(&cqnet));
    for token in ["t-company", "t-agency"] {
        let (status, read) = call(&base, "GET", &path, Some(token), None, None).await;
        assert_eq!(
            (status, &read),
            (StatusCode::OK, &approved),
            "{token}: {read}"
        );
    }
    let (status, body) = call(&base, "GET", &path, Some("t-other-company"), None, None).await;
    assert_eq!(
        (status, codes(&body)),
        (StatusCode::FORBIDDEN, vec!["not_own_record"]),
        "{body}"
    );
}

fn evaluation(unit: &str, score: Value, on: NaiveDate) -> Value {
    json!({"programme": PROGRAMME, "unit": unit, "score": score, "evaluated_on": on})
}

fn training_day(kind: &str, on: NaiveDate, from: &str, until: &str, hours: u32) -> Value {
    json!({"kind": kind, "day": on, "from": from, "until": until, "hours": hours.to_string()})
}

async fn evaluations_and_certificate<S: Stores + 'static>(store: S) {
    let (cqnet, base) = support::api_on(store).await;
    companies(&cqnet).await;
    designated(&base, COMPANY, "t-company").await;
    let qualification = work_study_qualification(&cqnet).await;
    let new = NewProgramme {
        qualification: Some(qualification.code().clone()),
        ..example()
    };
    // A programme leading to a course-based qualification is refused, nothing stored.
    let course_based = NewProgramme {
        programme: ProgrammeId::from_u128(0xa2),
        qualification: Some("2290".parse().unwrap()),
        ..example()
    };
    let (status, problem) = post(
        &base,
        "/v1/work-study-programmes",
        Some("t-agency"),
        "approve-course-based",
        Some(&body_of(&course_based)),
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::CONFLICT, Some("not_a_work_study_qualification")),
        "{problem}"
    );
    assert!(
        cqnet
            .store()
            .programme(course_based.programme)
            .await
            .is_err()
    );
    let (status, body) = post(
        &base,
        "/v1/work-study-programmes",
        Some("t-agency"),
        "approve",
        Some(&body_of(&new)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let mut named = contract(COMPANY);
    named["learner_name"] = json!(LEARNER_NAME);
    let (status, body) = post(
        &base,
        "/v1/learning-contracts",
        Some("t-company"),
        "contract",
        Some(&named),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["value"]["learner_name"], LEARNER_NAME, "{body}");
    let path = format!("/v1/learning-contracts/{CONTRACT}");
    let evaluations = format!("{path}/internal-evaluations");
    let certificate = format!("{path}/completion-certificate");
    let units: Vec<String> = new
        .plan
        .spec()
        .units
        .iter()
        .map(|u| u.code.to_string())
        .collect();
    let on: NaiveDate = TODAY.parse().unwrap();

    // Bad evaluations and the wrong actors leave the contract as it was.
    let before = kept(&cqnet).await;
    let good = evaluation(&units[0], json!("85"), on);
    let (status, problem) = post(
        &base,
        &evaluations,
        Some("t-other-company"),
        "e",
        Some(&good),
    )
    .await;
    assert_eq!(
        (status, codes(&problem)),
        (StatusCode::FORBIDDEN, vec!["not_own_record"]),
        "{problem}"
    );
    let (status, _) = post(&base, &evaluations, None, "e", Some(&good)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for (bad, pointer) in [
        (evaluation(&units[0], json!("101"), on), "/score"),
        (evaluation(&units[0], json!(85.5), on), "/score"),
        (evaluation(" ", json!("85"), on), "/unit"),
    ] {
        let (status, problem) =
            post(&base, &evaluations, Some("t-company"), "bad", Some(&bad)).await;
        assert_eq!(
            (status, problem["pointer"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(pointer)),
            "{bad}: {problem}"
        );
    }
    let (status, problem) = post(
        &base,
        &evaluations,
        Some("t-company"),
        "elsewhere",
        Some(&evaluation("9999999999_99v9", json!("85"), on)),
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (
            StatusCode::CONFLICT,
            Some(ConflictKind::UnitNotInProgramme.code())
        ),
        "{problem}"
    );
    let (status, problem) = post(&base, &certificate, Some("t-company"), "too-early", None).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (
            StatusCode::CONFLICT,
            Some(ConflictKind::CompletionRefused.code())
        ),
        "{problem}"
    );
    assert_eq!(kept(&cqnet).await, before, "no refusal stored anything");

    // Each unit evaluated, passed as the core marks it.
    for (n, unit) in units.iter().enumerate() {
        let (status, body) = post(
            &base,
            &evaluations,
            Some("t-company"),
            &format!("evaluation-{n}"),
            Some(&evaluation(unit, json!("85"), on)),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let passes = unit_passes(Score::whole(85).unwrap(), &rules_on(on));
        assert_eq!(body["value"]["evaluations"][n]["passed"], passes, "{body}");
        assert_eq!(body["value"]["programme"], PROGRAMME);
        assert_eq!(body, kept(&cqnet).await);
    }

    // No day in the ledger yet: the certificate is the core's refusal, with its reasons.
    let id: ContractId = CONTRACT.parse().unwrap();
    let programme = cqnet
        .store()
        .programme(PROGRAMME.parse().unwrap())
        .await
        .unwrap();
    let stored = cqnet.store().learning_contract(id).await.unwrap();
    let oracle: Vec<&str> = stored
        .value
        .completion_decision(&programme.value, on, &rules_on(on))
        .unwrap()
        .reasons
        .iter()
        .map(|r| r.code.as_str())
        .collect();
    assert!(oracle.contains(&"attendance_below_minimum"), "{oracle:?}");
    let (status, refused) = post(&base, &certificate, Some("t-company"), "short", None).await;
    assert_eq!(
        (status, codes(&refused)),
        (StatusCode::FORBIDDEN, oracle),
        "{refused}"
    );
    assert_eq!(kept(&cqnet).await, serde_json::to_value(&stored).unwrap());

    // Three working days of 6 hours of OJT and 2 of Off-JT: the programme's planned hours.
    for n in 0..3 {
        let on = today(&cqnet);
        for (kind, from, until, hours) in [
            ("ojt", "09:00:00", "16:00:00", 6),
            ("off_jt", "16:00:00", "18:00:00", 2),
        ] {
            let (status, body) = post(
                &base,
                &format!("{path}/training-days"),
                Some("t-company"),
                &format!("{kind}-{n}"),
                Some(&training_day(kind, on, from, until, hours)),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        }
        if n < 2 {
            // The next working day: a weekend day would be a holiday's OJT.
            loop {
                cqnet.clock().advance(chrono::Duration::days(1));
                if today(&cqnet).weekday().num_days_from_monday() < 5 {
                    break;
                }
            }
        }
    }
    let (status, problem) = post(
        &base,
        &certificate,
        Some("t-other-company"),
        "stranger",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    let (status, issued) = post(&base, &certificate, Some("t-company"), "certificate", None).await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let (status, read) = call(&base, "GET", &path, Some("t-learner"), None, None).await;
    assert_eq!((status, &read), (StatusCode::OK, &issued), "{read}");
    assert_eq!(read, kept(&cqnet).await);
    let stored = cqnet.store().learning_contract(id).await.unwrap();
    let completion = stored.value.completion.unwrap();
    assert_eq!(completion.programme, new.programme);
    assert_eq!(completion.issued_on, today(&cqnet));
    assert_eq!(completion.ojt.attended, new.plan.ojt_hours());
    assert_eq!(completion.off_jt.attended, new.plan.off_jt_hours());
    assert_eq!((completion.units_passed, completion.units), (2, 2));
    let (status, problem) = post(&base, &certificate, Some("t-company"), "again", None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("#already-exists"),
        "{problem}"
    );
    external_evaluations(&base, &cqnet, &path).await;
}

/// Publishes round `n` of the work-study `system` over HTTP, for the programme's
/// qualification: evaluated on `sat`, announced at 10:00 Korean time on `announced`, the
/// year's plan published in the December before; answers its identifier.
async fn publish_round(
    base: &str,
    (system, n): (&str, u16),
    sat: NaiveDate,
    announced: NaiveDate,
) -> String {
    let before = |days: u64| sat - chrono::Days::new(days);
    let round = json!({
        "plan": {
            "year": sat.year(), "round": n, "system": system,
            "qualifications": [WORK_STUDY_QUALIFICATION],
            "application_window": {
                "start": format!("{}T09:00:00+09:00", before(30)),
                "end": format!("{}T18:00:00+09:00", before(10)),
            },
            "first_day": sat, "second_day": null,
            "announcement": format!("{announced}T10:00:00+09:00"),
            // The year's plan is published by the end of the year before (시행령 제15조제1항).
            "published_on": format!("{}-12-01", sat.year() - 1),
        },
        "venues": [{"code": "w-01", "name": "본부 시험장", "capacity": 50}],
        "ad_hoc": system == "W2",
    });
    let (status, published) = call(
        base,
        "POST",
        "/v1/rounds",
        Some("t-agency"),
        None,
        Some(&round),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{published}");
    published["round"].as_str().unwrap().to_owned()
}

/// The learner's external evaluations (외부평가) once certified: the bad bodies at their
/// pointers and the wrong actor, nothing stored; a fail with the core's reasons, the extension
/// it founds, and the pass that ends the contract and opens the conversion.
async fn external_evaluations<S: Stores>(base: &str, cqnet: &Cqnet<S, ManualClock>, path: &str) {
    let results = format!("{path}/external-results");
    let sitting = |round: &str, sat: NaiveDate, announced: NaiveDate, passed: usize| {
        let units: Vec<Value> = (0..2)
            .map(|i| json!({"code": null, "passed": i < passed}))
            .collect();
        json!({"round": round, "sat_on": sat, "announced_on": announced, "units": units})
    };
    cqnet.clock().advance(chrono::Duration::days(30));
    let announced = today(cqnet);
    let sat = announced - chrono::Days::new(20);
    let before = kept(cqnet).await;
    for (bad, pointer) in [
        (sitting("2027-C1-01", sat, announced, 1), "/round"),
        (sitting("2027-W1-01", announced, sat, 1), "/announced_on"),
        (
            json!({"round": "2027-W1-01", "sat_on": sat, "announced_on": announced, "units": []}),
            "/units",
        ),
    ] {
        let (status, problem) = post(base, &results, Some("t-agency"), "bad", Some(&bad)).await;
        assert_eq!(
            (status, problem["pointer"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(pointer)),
            "{problem}"
        );
    }
    // A round the exam store does not hold.
    let unpublished = sitting(&format!("{}-W1-09", sat.year()), sat, announced, 1);
    let (status, problem) = post(
        base,
        &results,
        Some("t-agency"),
        "unpublished",
        Some(&unpublished),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
    let round = publish_round(base, ("W1", 1), sat, announced).await;
    let fail = sitting(&round, sat, announced, 1);
    let (status, problem) = post(base, &results, Some("t-company"), "staff", Some(&fail)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    // A sitting on another day than the round's.
    let another_day = sitting(&round, sat - chrono::Days::new(1), announced, 1);
    let (status, problem) = post(
        base,
        &results,
        Some("t-agency"),
        "another-day",
        Some(&another_day),
    )
    .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::CONFLICT, Some("external_result_refused")),
        "{problem}"
    );
    assert_eq!(kept(cqnet).await, before, "no refusal stored anything");

    // The fail, as the core decides it on the certificate's record.
    let id: ContractId = CONTRACT.parse().unwrap();
    let stored = cqnet.store().learning_contract(id).await.unwrap();
    let programme = cqnet
        .store()
        .programme(PROGRAMME.parse().unwrap())
        .await
        .unwrap();
    let entry = serde_json::from_value(fail.clone()).unwrap();
    let oracle = stored
        .value
        .external_decision(&programme.value, &entry, &rules_on(sat))
        .unwrap()
        .unwrap();
    assert_eq!(oracle.passed, Some(false));
    let (status, failed) = post(base, &results, Some("t-agency"), "fail", Some(&fail)).await;
    assert_eq!(status, StatusCode::CREATED, "{failed}");
    assert_eq!(failed, kept(cqnet).await);
    let kept_result = &failed["value"]["external_results"][0];
    assert_eq!(kept_result["passed"], false, "{failed}");
    let reasons: Vec<&str> = kept_result["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = oracle.reasons.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(reasons, expected);

    // The extension the failure founds.
    let extension = json!({"failed_on": announced, "months": 3, "learner_requested": true});
    let (status, extended) = post(
        base,
        &format!("{path}/extension"),
        Some("t-company"),
        "extend",
        Some(&extension),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{extended}");
    let end = stored
        .value
        .ends_on
        .checked_add_months(chrono::Months::new(3))
        .unwrap();
    assert_eq!(extended["value"]["ends_on"], end.to_string(), "{extended}");

    // The retake passes: the contract ends on its announcement, the conversion is owed.
    cqnet.clock().advance(chrono::Duration::days(40));
    let passed_on = today(cqnet);
    let retake = passed_on - chrono::Days::new(10);
    let round = publish_round(base, ("W2", 1), retake, passed_on).await;
    let pass = sitting(&round, retake, passed_on, 2);
    let (status, passed) = post(base, &results, Some("t-agency"), "pass", Some(&pass)).await;
    assert_eq!(status, StatusCode::CREATED, "{passed}");
    assert_eq!(passed["value"]["external_results"][1]["passed"], true);
    assert_eq!(passed["value"]["status"]["status"], "passed", "{passed}");
    assert_eq!(passed["value"]["status"]["on"], passed_on.to_string());
    assert!(passed["value"]["conversion"].is_object(), "{passed}");
    assert_eq!(passed, kept(cqnet).await);
    certificate_of_the_pass(base, cqnet, path, passed_on).await;
}

/// The learner's name as their contract writes it.
const LEARNER_NAME: &str = "박지훈";

/// The certificate (자격증) of the pass: the agency only; what it prints is the contract's,
/// the programme's and the catalog's; asked again under another key it is the same document.
async fn certificate_of_the_pass<S: Stores>(
    base: &str,
    cqnet: &Cqnet<S, ManualClock>,
    path: &str,
    passed_on: NaiveDate,
) {
    let certificate = format!("{path}/certificate");
    let form = json!({"form": "certificate"});
    let (status, problem) = post(
        base,
        &certificate,
        Some("t-company"),
        "by-staff",
        Some(&form),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    let (status, problem) = post(
        base,
        &certificate,
        Some("t-agency"),
        "bad",
        Some(&json!({"form": "scroll"})),
    )
    .await;
    assert_eq!(
        (status, problem["pointer"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("/form")),
        "{problem}"
    );
    let (status, issued) = post(base, &certificate, Some("t-agency"), "issue", Some(&form)).await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let spec = &issued;
    assert_eq!(spec["holder"], LEARNER_NAME, "{issued}");
    assert_eq!(spec["track"], "work_study", "{issued}");
    assert_eq!(spec["qualification"], WORK_STUDY_QUALIFICATION, "{issued}");
    assert_eq!(spec["pass_date"], passed_on.to_string(), "{issued}");
    assert_eq!(spec["birth_date"], "2000-01-01", "{issued}");
    let management: cqnet_core::certificate::ManagementNumber =
        serde_json::from_value(spec["management_number"].clone()).unwrap();
    let stored = cqnet.store().certificate(&management).await.unwrap();
    assert_eq!(serde_json::to_value(&stored).unwrap(), issued);
    let (status, again) = post(base, &certificate, Some("t-agency"), "again", Some(&form)).await;
    assert_eq!((status, &again), (StatusCode::CREATED, &issued), "{again}");

    // An unknown contract has no certificate to give.
    let unknown = format!(
        "/v1/learning-contracts/{}/certificate",
        ContractId::from_u128(0xdead)
    );
    let (status, problem) = post(base, &unknown, Some("t-agency"), "unknown", Some(&form)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_programmes_on_memory() {
    approval(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_programmes_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    approval(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn work_study_programmes_on_postgres() {
    approval(pg_schema::PLAIN.with_prefix("cqnet_http_wsp").async_store()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_certificate_on_memory() {
    evaluations_and_certificate(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_certificate_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    evaluations_and_certificate(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn work_study_certificate_on_postgres() {
    evaluations_and_certificate(pg_schema::PLAIN.with_prefix("cqnet_http_wse").async_store()).await;
}
