//! A learning company's lists over real HTTP, on the memory and SQLite stores (PostgreSQL when
//! a server is given): its learning-work contracts (학습근로계약), work-study programmes
//! (일학습병행과정) and field teachers (기업현장교사), a page at a time. Two designated companies,
//! the first with three contracts (one active, one passed with its conversion open, one
//! terminated), two programmes and two teachers, the second with one of each: pages of two
//! follow `next` as `after` through each list of the first once, in order, as the store keeps
//! it; the filters keep what filtering the whole list by hand keeps; another company's staff
//! and a learner are refused with the core's own reasons, for a company that never applied too;
//! every bad query parameter is answered with its problem at its pointer.

use crate::pg_schema;
use crate::support;
use crate::work_study::{COMPANY, OTHER_COMPANY, TODAY, call, codes, companies, designated};

use chrono::{DateTime, FixedOffset};
use cqnet_adapters::memory::MemoryStore;
use cqnet_adapters::sqlite::SqliteStore;
use cqnet_core::Track;
use cqnet_core::access::{self, Action, PartyId, Target};
use cqnet_core::termination::{Termination, TerminationGround};
use cqnet_store::testing::work_study::{contract_of, practitioner};
use cqnet_store::training::{EnrollmentId, InstitutionId};
use cqnet_store::work_study::{
    ContractId, ContractStatus, ContractTermination, LearningContract, MAX_LIST_PAGE_SIZE,
    NewProgramme, PassRecord, ProgrammeId,
};
use cqnet_store::{Clock, Cqnet, IdempotencyKey, ManualClock, Versioned};
use reqwest::StatusCode;
use serde_json::Value;

use crate::support::RoutedStore as Stores;

/// The size of every page the tests read.
const PAGE: usize = 2;

fn key(text: &str) -> IdempotencyKey {
    IdempotencyKey::new(text).unwrap()
}

fn company(n: u128) -> InstitutionId {
    InstitutionId::from_u128(n)
}

fn lists_of(company: &str) -> [String; 3] {
    [
        "learning-contracts",
        "work-study-programmes",
        "field-teachers",
    ]
    .map(|list| format!("/v1/learning-companies/{company}/{list}"))
}

/// The records of both companies, set up through the service out of identifier order: three
/// contracts (the first the learner of `t-learner`'s), two programmes and two teachers of
/// [`COMPANY`], one of each of [`OTHER_COMPANY`]; the next day contract 2 passes and contract 3
/// is terminated.
async fn records<S: Stores>(cqnet: &Cqnet<S, ManualClock>, base: &str) {
    companies(cqnet).await;
    designated(base, COMPANY, "t-company").await;
    designated(base, OTHER_COMPANY, "t-other-company").await;
    let service = cqnet.work_study();
    let (ours, theirs) = (company(support::COMPANY), company(support::OTHER_COMPANY));
    let staff = |c: InstitutionId| {
        if c == ours {
            support::company_staff(support::COMPANY)
        } else {
            support::company_staff(support::OTHER_COMPANY)
        }
    };
    let start = TODAY.parse().unwrap();
    for (n, at) in [(3, ours), (1, ours), (2, ours), (9, theirs)] {
        let learner = if n == 1 {
            EnrollmentId::from_u128(3).to_string()
        } else {
            format!("learner-{n}")
        };
        let new = contract_of(n, &learner, at, start);
        service
            .conclude_contract(&staff(at), &key(&format!("contract-{n}")), &new)
            .await
            .unwrap();
    }
    for (n, at) in [(2, ours), (1, ours), (5, theirs)] {
        let new = NewProgramme::example(ProgrammeId::from_u128(n), at);
        service
            .approve_programme(&support::agency(), &key(&format!("programme-{n}")), &new)
            .await
            .unwrap();
    }
    for (id, at) in [
        ("teacher-b", ours),
        ("teacher-a", ours),
        ("teacher-c", theirs),
    ] {
        service
            .register_field_teacher(&staff(at), &key(id), &practitioner(id, at))
            .await
            .unwrap();
    }
    cqnet
        .clock()
        .set("2026-03-07T09:00:00+09:00".parse().unwrap());
    let today = cqnet_core::window::korean_date(cqnet.clock().now().fixed_offset());
    service
        .record_pass(
            &support::agency(),
            &key("pass-2"),
            ContractId::from_u128(2),
            &PassRecord { passed_on: today },
        )
        .await
        .unwrap();
    let termination = ContractTermination {
        termination: Termination {
            ground: TerminationGround::LearnerGaveUp,
            written_notice: true,
            states_reason_and_date: true,
        },
        effective_on: today,
    };
    service
        .terminate_contract(
            &staff(ours),
            &key("terminate-3"),
            ContractId::from_u128(3),
            &termination,
        )
        .await
        .unwrap();
}

/// Every page of `path` (with its query, if any) for `token`, `PAGE` at a time, `next` sent
/// back as `after`: the items in the order read and the size of each page.
async fn every_page(base: &str, path: &str, token: &str) -> (Vec<Value>, Vec<usize>) {
    let joint = if path.contains('?') { '&' } else { '?' };
    let (mut items, mut sizes) = (Vec::new(), Vec::new());
    let mut after: Option<String> = None;
    loop {
        let query = match &after {
            None => format!("{path}{joint}page_size={PAGE}"),
            Some(next) => format!("{path}{joint}page_size={PAGE}&after={next}"),
        };
        let (status, page) = call(base, "GET", &query, Some(token), None, None).await;
        assert_eq!(status, StatusCode::OK, "{query}: {page}");
        let read = page["items"].as_array().unwrap();
        sizes.push(read.len());
        items.extend(read.iter().cloned());
        match page["next"].as_str() {
            Some(next) => after = Some(next.to_owned()),
            None => {
                assert!(page["next"].is_null(), "{page}");
                return (items, sizes);
            }
        }
        assert!(sizes.len() <= 100, "a list that never ends");
    }
}

/// How a list of `n` records comes in pages of `PAGE`.
fn page_sizes(n: usize) -> Vec<usize> {
    let mut sizes = vec![PAGE; n / PAGE];
    if !n.is_multiple_of(PAGE) || n == 0 {
        sizes.push(n % PAGE);
    }
    sizes
}

/// Records as the answer carries them, in the order of `key`.
fn as_sent<T: serde::Serialize, K: Ord>(
    mut records: Vec<Versioned<T>>,
    key: impl Fn(&T) -> K,
) -> Vec<Value> {
    records.sort_by_key(|r| key(&r.value));
    records
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

async fn pages_and_filters<S: Stores + 'static>(store: S) {
    let (cqnet, base) = support::api_on(store).await;
    records(&cqnet, &base).await;
    let ours = company(support::COMPANY);
    let contracts = cqnet.store().learning_contracts(ours).await.unwrap();
    let expected = [
        as_sent(contracts.clone(), |c| c.contract),
        as_sent(cqnet.store().programmes(ours).await.unwrap(), |p| {
            p.programme
        }),
        as_sent(cqnet.store().field_teachers(ours).await.unwrap(), |t| {
            t.teacher.clone()
        }),
    ];
    assert_eq!(expected.each_ref().map(Vec::len), [3, 2, 2]);
    for token in ["t-company", "t-agency"] {
        for (path, expected) in lists_of(COMPANY).iter().zip(&expected) {
            let (items, sizes) = every_page(&base, path, token).await;
            assert_eq!(&items, expected, "{token} {path}: once each, in order");
            assert_eq!(sizes, page_sizes(expected.len()), "{token} {path}");
        }
    }
    // The other company's own lists hold its one record of each, none of the first's.
    for path in lists_of(OTHER_COMPANY) {
        let (items, _) = every_page(&base, &path, "t-other-company").await;
        assert_eq!(items.len(), 1, "{path}");
        assert_eq!(items[0]["value"]["company"], OTHER_COMPANY, "{path}");
    }
    // Without a size, one page of the default holds them all.
    let (status, whole) = call(
        &base,
        "GET",
        &lists_of(COMPANY)[0],
        Some("t-company"),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{whole}");
    assert_eq!(whole["items"].as_array().unwrap(), &expected[0]);
    assert!(whole["next"].is_null(), "{whole}");

    // Each filter alone and both together keep what filtering the whole list by hand keeps.
    let status_of = |c: &LearningContract| match c.status {
        ContractStatus::Active => "active",
        ContractStatus::Passed { .. } => "passed",
        ContractStatus::Terminated { .. } => "terminated",
    };
    let open = |c: &LearningContract| c.conversion.as_ref().is_some_and(|d| d.closed.is_none());
    for status in ["active", "passed", "terminated"] {
        let held = contracts.iter().filter(|c| status_of(&c.value) == status);
        assert_eq!(held.count(), 1, "one contract {status}");
    }
    for status in [None, Some("active"), Some("passed"), Some("terminated")] {
        for conversion in [None, Some(true), Some(false)] {
            let mut query = Vec::new();
            if let Some(s) = status {
                query.push(format!("status={s}"));
            }
            if let Some(o) = conversion {
                query.push(format!("conversion_open={o}"));
            }
            let path = format!("{}?{}", lists_of(COMPANY)[0], query.join("&"));
            let (items, _) = every_page(&base, path.trim_end_matches('?'), "t-company").await;
            let kept: Vec<_> = contracts
                .iter()
                .filter(|c| status.is_none_or(|s| s == status_of(&c.value)))
                .filter(|c| conversion.is_none_or(|o| o == open(&c.value)))
                .cloned()
                .collect();
            assert_eq!(items, as_sent(kept, |c| c.contract), "{path}");
        }
    }
}

/// The reasons the core gives `actor` reading the records of `company` at `now`.
fn core_codes(actor: &access::Actor, company: &str, now: DateTime<FixedOffset>) -> Vec<String> {
    let target = Target {
        company: Some(PartyId::new(company).unwrap()),
        track: Some(Track::WorkStudy),
        ..Target::default()
    };
    let decision = access::authorize(actor, Action::ViewTraining, &target, now);
    assert!(!decision.allowed, "the core refuses {actor:?}");
    decision
        .reasons
        .iter()
        .map(|r| r.code.as_str().to_owned())
        .collect()
}

async fn refusals_and_bad_queries<S: Stores + 'static>(store: S) {
    let (cqnet, base) = support::api_on(store).await;
    records(&cqnet, &base).await;
    let now = cqnet.clock().now().fixed_offset();
    let other_staff = access::Actor::CompanyStaff(PartyId::new(OTHER_COMPANY).unwrap());
    let learner =
        access::Actor::Candidate(PartyId::new(&EnrollmentId::from_u128(3).to_string()).unwrap());
    // The learner reads their own contract, not their company's lists.
    let (status, own) = call(
        &base,
        "GET",
        &format!("/v1/learning-contracts/{}", ContractId::from_u128(1)),
        Some("t-learner"),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{own}");
    let never = InstitutionId::from_u128(998).to_string();
    for (token, actor, of) in [
        ("t-other-company", &other_staff, COMPANY),
        ("t-learner", &learner, COMPANY),
        ("t-other-company", &other_staff, never.as_str()),
    ] {
        let oracle = core_codes(actor, of, now);
        for path in lists_of(of) {
            let (status, problem) = call(&base, "GET", &path, Some(token), None, None).await;
            assert_eq!(
                (status, codes(&problem)),
                (
                    StatusCode::FORBIDDEN,
                    oracle.iter().map(String::as_str).collect()
                ),
                "{token} {path}: {problem}"
            );
        }
    }
    for path in lists_of(&never) {
        let (status, problem) = call(&base, "GET", &path, Some("t-agency"), None, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {problem}");
    }
    for path in lists_of(COMPANY) {
        let (status, problem) = call(&base, "GET", &path, None, None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}: {problem}");
    }
    for path in lists_of("not-a-company") {
        let (status, problem) = call(&base, "GET", &path, Some("t-agency"), None, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {problem}");
    }

    // A cursor of the programmes given to the contracts, and the contracts' own identifier.
    let [contracts, programmes, teachers] = lists_of(COMPANY);
    let (_, first) = call(
        &base,
        "GET",
        &format!("{programmes}?page_size=1"),
        Some("t-company"),
        None,
        None,
    )
    .await;
    let programme_cursor = first["next"].as_str().unwrap().to_owned();
    let (_, first) = call(
        &base,
        "GET",
        &format!("{contracts}?page_size=1"),
        Some("t-company"),
        None,
        None,
    )
    .await;
    let contract_cursor = first["next"].as_str().unwrap().to_owned();
    let identifier = ContractId::from_u128(1).to_string();
    let beyond = (u64::from(MAX_LIST_PAGE_SIZE) + 1).to_string();
    let unprocessable = [
        (
            contracts.clone(),
            "page_size=0".to_owned(),
            "/page_size",
            "page_size",
        ),
        (
            programmes.clone(),
            format!("page_size={beyond}"),
            "/page_size",
            "page_size",
        ),
        (
            teachers.clone(),
            "page_size=99999999999".to_owned(),
            "/page_size",
            "page_size",
        ),
        (
            contracts.clone(),
            "after=nothing".to_owned(),
            "/after",
            "cursor_malformed",
        ),
        (
            contracts.clone(),
            format!("after={identifier}"),
            "/after",
            "cursor_malformed",
        ),
        (
            contracts.clone(),
            format!("after={programme_cursor}"),
            "/after",
            "cursor_of_another_list",
        ),
        (
            teachers.clone(),
            format!("after={contract_cursor}"),
            "/after",
            "cursor_of_another_list",
        ),
    ];
    for (path, query, pointer, code) in unprocessable {
        let (status, problem) = call(
            &base,
            "GET",
            &format!("{path}?{query}"),
            Some("t-company"),
            None,
            None,
        )
        .await;
        assert_eq!(
            (
                status,
                problem["pointer"].as_str(),
                problem["code"].as_str()
            ),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(pointer), Some(code)),
            "{path}?{query}: {problem}"
        );
        assert!(
            problem["type"]
                .as_str()
                .unwrap()
                .ends_with("#invalid-parameter"),
            "{problem}"
        );
    }
    let bad = [
        (contracts.clone(), "page_size=ten", "/page_size"),
        (contracts.clone(), "page_size=-1", "/page_size"),
        (contracts.clone(), "status=ended", "/status"),
        (contracts.clone(), "status=active&status=passed", "/status"),
        (contracts.clone(), "conversion_open=yes", "/conversion_open"),
        (contracts.clone(), "limit=2", "/limit"),
        (programmes.clone(), "status=active", "/status"),
        (teachers.clone(), "after=a&after=b", "/after"),
    ];
    for (path, query, pointer) in bad {
        let (status, problem) = call(
            &base,
            "GET",
            &format!("{path}?{query}"),
            Some("t-company"),
            None,
            None,
        )
        .await;
        assert_eq!(
            (status, problem["pointer"].as_str()),
            (StatusCode::BAD_REQUEST, Some(pointer)),
            "{path}?{query}: {problem}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_lists_on_memory() {
    pages_and_filters(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_lists_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    pages_and_filters(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn work_study_lists_on_postgres() {
    pages_and_filters(pg_schema::PLAIN.with_prefix("cqnet_http_wl").async_store()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_list_refusals_on_memory() {
    refusals_and_bad_queries(MemoryStore::new().into_async()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_study_list_refusals_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    refusals_and_bad_queries(
        SqliteStore::open(folder.path().join("cqnet.sqlite"))
            .unwrap()
            .into_async(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
async fn work_study_list_refusals_on_postgres() {
    refusals_and_bad_queries(pg_schema::PLAIN.with_prefix("cqnet_http_wr").async_store()).await;
}
