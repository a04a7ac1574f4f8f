//! The conformance cases of a learning company's lists (feature `testing`): its learning-work
//! contracts (학습근로계약), work-study programmes (일학습병행과정) and field teachers
//! (기업현장교사), read a page at a time in the order of their identifiers. Two designated
//! companies, the first with three contracts (one active, one passed with its conversion open,
//! one terminated), two programmes and two teachers, the second with one of each: pages of two
//! cover each list of the first once, in order, and nothing of the second; another company's
//! staff and a learner are refused with the core's own answer, audited, whether the company
//! exists or not; the filters of the contracts keep what filtering the whole list by hand
//! keeps; a page size or a cursor that does not read is a typed error, and a record added
//! between two pages is neither repeated nor lost.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use cqnet_core::access::{self, Action, PartyId, Target};
use cqnet_core::termination::{Termination, TerminationGround};
use cqnet_core::{Reason, Track};

use super::work_study::{
    KoreanDay, agency, company_staff, designated, next_day, practitioner, service,
};
use super::work_study_learners::contract_of;
use crate::blocking::WorkStudyService;
use crate::testing::{World, key};
use crate::training::{
    EnrollmentId, Institution, InstitutionId, InstitutionKind, ServiceError, access_actor,
};
use crate::work_study::*;
use crate::{Actor, Clock, ManualClock, Role, Store, StoreError, Versioned};

/// The size of every page the case reads.
const PAGE: u32 = 2;

/// A second company, registered as an institution of kind company.
fn second_company<S: Store + WorkStudyStore + ?Sized>(store: &S, w: &World) -> InstitutionId {
    let other = Institution::new(
        InstitutionId::from_u128(201),
        "(주)누리기계",
        InstitutionKind::Company,
    )
    .unwrap();
    store.create_institution(&w.staff, &other).unwrap();
    other.id()
}

/// The core's answer on `actor` reading the records of `company` at `clock`'s instant: its
/// reasons when it refuses, `None` when it allows.
fn core_refusal(actor: &Actor, company: InstitutionId, clock: &ManualClock) -> Option<Vec<Reason>> {
    let target = Target {
        company: PartyId::new(&company.to_string()).ok(),
        track: Some(Track::WorkStudy),
        ..Target::default()
    };
    let decision = access::authorize(
        &access_actor(actor),
        Action::ViewTraining,
        &target,
        clock.now().fixed_offset(),
    );
    (!decision.allowed).then_some(decision.reasons)
}

/// Every page of a list, `PAGE` records at a time: the records in the order read, and how
/// many records each page held.
fn every_page<T, K: ListKey>(
    mut read: impl FnMut(&ListPage<K>) -> Result<RecordPage<T, K>, ServiceError>,
) -> (Vec<Versioned<T>>, Vec<usize>) {
    let mut page = ListPage::new(PAGE).unwrap();
    let (mut records, mut sizes) = (Vec::new(), Vec::new());
    loop {
        let answer = read(&page).unwrap();
        sizes.push(answer.items.len());
        records.extend(answer.items);
        match answer.next {
            Some(next) => {
                // The cursor goes over the wire as text and is read back.
                let back = ListCursor::parse(next.as_str()).unwrap();
                page = page.after(&back);
            }
            None => return (records, sizes),
        }
        assert!(sizes.len() <= 100, "a list that never ends");
    }
}

/// How a whole list of `n` records comes in pages of `PAGE`: full pages, then the rest.
fn page_sizes(n: usize) -> Vec<usize> {
    let size = PAGE as usize;
    let mut sizes = vec![size; n / size];
    if !n.is_multiple_of(size) || n == 0 {
        sizes.push(n % size);
    }
    sizes
}

fn sorted_by<T, K: Ord>(
    mut records: Vec<Versioned<T>>,
    key: impl Fn(&T) -> K,
) -> Vec<Versioned<T>> {
    records.sort_by_key(|r| key(&r.value));
    records
}

fn refused_with<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> Vec<Reason> {
    match result {
        Err(ServiceError::Refused { reasons }) => reasons,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The records of both companies: three contracts, two programmes and two teachers of the
/// first, one of each of the second; concluded, approved and registered out of identifier
/// order. Answers the first company and the second.
fn records<S: Store + WorkStudyStore + 'static>(
    service: &WorkStudyService<S, ManualClock>,
    clock: &ManualClock,
    w: &World,
) -> (InstitutionId, InstitutionId) {
    let company = w.company.id();
    let other = second_company(service.store(), w);
    designated(service, clock, company, CompanyFacts::example());
    designated(service, clock, other, CompanyFacts::example());
    let start = clock.now_day();
    for (n, at) in [(3, company), (1, company), (2, company), (9, other)] {
        let new = contract_of(n, &format!("learner-{n}"), at, start);
        service
            .conclude_contract(&company_staff(at), &key(&format!("contract-{n}")), &new)
            .unwrap();
    }
    for (n, at) in [(2, company), (1, company), (5, other)] {
        let new = NewProgramme::example(ProgrammeId::from_u128(n), at);
        service
            .approve_programme(&agency(), &key(&format!("programme-{n}")), &new)
            .unwrap();
    }
    for (id, at) in [
        ("teacher-b", company),
        ("teacher-a", company),
        ("teacher-c", other),
    ] {
        service
            .register_field_teacher(
                &company_staff(at),
                &key(&format!("teacher-{id}")),
                &practitioner(id, at),
            )
            .unwrap();
    }
    next_day(clock);
    let today = clock.now_day();
    // Contract 2 passes (its conversion is then open), contract 3 is terminated.
    service
        .record_pass(
            &agency(),
            &key("pass-2"),
            ContractId::from_u128(2),
            &PassRecord { passed_on: today },
        )
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
            &company_staff(company),
            &key("terminate-3"),
            ContractId::from_u128(3),
            &termination,
        )
        .unwrap();
    (company, other)
}

/// Pages of two cover each of a company's lists once, in the order of their identifiers, for
/// its staff and the agency, and hold nothing of another company; another company's staff
/// and a learner are refused with the core's own reasons, audited, and so is a reader of a
/// company that never applied, which the agency finds `NotFound`; a record concluded between
/// two pages is neither repeated nor lost.
pub fn work_study_lists_come_in_pages<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let (company, other) = records(&service, &clock, &w);
    let store = service.store();
    let contracts = sorted_by(store.learning_contracts(company).unwrap(), |c| c.contract);
    let programmes = sorted_by(store.programmes(company).unwrap(), |p| p.programme);
    let teachers = sorted_by(store.field_teachers(company).unwrap(), |t| {
        t.teacher.clone()
    });
    assert_eq!(
        (contracts.len(), programmes.len(), teachers.len()),
        (3, 2, 2)
    );

    let all = ContractFilter::default();
    for reader in [agency(), company_staff(company)] {
        let (read, sizes) =
            every_page(|page| service.learning_contracts_of(&reader, company, &all, page));
        assert_eq!(read, contracts, "the contracts, once each, in order");
        assert_eq!(sizes, page_sizes(contracts.len()));
        let (read, sizes) = every_page(|page| service.programmes_of(&reader, company, page));
        assert_eq!(read, programmes, "the programmes, once each, in order");
        assert_eq!(sizes, page_sizes(programmes.len()));
        let (read, sizes) = every_page(|page| service.field_teachers_of(&reader, company, page));
        assert_eq!(read, teachers, "the teachers, once each, in order");
        assert_eq!(sizes, page_sizes(teachers.len()));
    }
    // The second company's staff read its own one record of each.
    let theirs = company_staff(other);
    let (read, _) = every_page(|page| service.learning_contracts_of(&theirs, other, &all, page));
    assert_eq!(read, store.learning_contracts(other).unwrap());
    let (read, _) = every_page(|page| service.programmes_of(&theirs, other, page));
    assert_eq!(read, store.programmes(other).unwrap());
    let (read, _) = every_page(|page| service.field_teachers_of(&theirs, other, page));
    assert_eq!(read, store.field_teachers(other).unwrap());
    assert_eq!(read.len(), 1);

    // Another company's staff and a learner: the core's own refusal, one audit line each
    // list; the same for a company that never applied, which tells nothing of whether it is.
    let learner = Actor::new("kim.learner", Role::Learner(EnrollmentId::from_u128(3))).unwrap();
    let unknown = InstitutionId::from_u128(998);
    for (reader, of) in [
        (theirs.clone(), company),
        (learner.clone(), company),
        (theirs.clone(), unknown),
    ] {
        let oracle = core_refusal(&reader, of, &clock).expect("the core refuses this reader");
        let before = store.audit_entries(None, 10_000).unwrap().len();
        assert_eq!(
            refused_with(service.learning_contracts_of(&reader, of, &all, &ListPage::default())),
            oracle
        );
        assert_eq!(
            refused_with(service.programmes_of(&reader, of, &ListPage::default())),
            oracle
        );
        assert_eq!(
            refused_with(service.field_teachers_of(&reader, of, &ListPage::default())),
            oracle
        );
        let log = store.audit_entries(None, 10_000).unwrap();
        let lines: Vec<&str> = log[before..].iter().map(|l| l.command.as_str()).collect();
        assert_eq!(
            lines,
            [
                "list_learning_contracts",
                "list_programmes",
                "list_field_teachers"
            ]
        );
        assert!(
            log[before..]
                .iter()
                .all(|l| l.outcome.starts_with("refused")
                    && l.subject == format!("learning company {of}"))
        );
    }
    assert!(core_refusal(&agency(), unknown, &clock).is_none());
    assert!(matches!(
        service.learning_contracts_of(&agency(), unknown, &all, &ListPage::default()),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));
    assert!(matches!(
        service.programmes_of(&agency(), unknown, &ListPage::default()),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));
    assert!(matches!(
        service.field_teachers_of(&agency(), unknown, &ListPage::default()),
        Err(ServiceError::Store(StoreError::NotFound { .. }))
    ));

    // A contract concluded between two pages: one before the first page's end is not shown
    // (the cursor is past it), one after it is; none is repeated.
    let staff = company_staff(company);
    let first = service
        .learning_contracts_of(&staff, company, &all, &ListPage::new(PAGE).unwrap())
        .unwrap();
    let cursor = first.next.clone().expect("three contracts make two pages");
    let today = clock.now_day();
    for n in [0, 4] {
        let new = contract_of(n, &format!("learner-{n}"), company, today);
        service
            .conclude_contract(&staff, &key(&format!("late-{n}")), &new)
            .unwrap();
    }
    let (rest, _) = every_page(|page| {
        let page = if page.cursor().is_none() {
            page.clone().after(&cursor)
        } else {
            page.clone()
        };
        service.learning_contracts_of(&staff, company, &all, &page)
    });
    let now = sorted_by(store.learning_contracts(company).unwrap(), |c| c.contract);
    let last_shown = first.items.last().unwrap().value.contract;
    let expected: Vec<_> = now
        .into_iter()
        .filter(|c| c.value.contract > last_shown)
        .collect();
    assert_eq!(rest, expected);
    let ids: Vec<ContractId> = rest.iter().map(|c| c.value.contract).collect();
    assert!(ids.contains(&ContractId::from_u128(4)));
    assert!(!ids.contains(&ContractId::from_u128(0)));
    assert!(first.items.iter().all(|c| !ids.contains(&c.value.contract)));
}

/// Where a contract stands, read from its status by hand.
fn status_by_hand(contract: &LearningContract) -> &'static str {
    match contract.status {
        ContractStatus::Active => "active",
        ContractStatus::Passed { .. } => "passed",
        ContractStatus::Terminated { .. } => "terminated",
    }
}

/// The filters of a company's contracts, by status and by whether the conversion is open,
/// each alone and together, keep what filtering the whole list by hand keeps; a page size of
/// 0 or above [`MAX_LIST_PAGE_SIZE`], text that is not a cursor, an identifier given as a
/// cursor, a cursor changed by hand and the cursor of another list are typed errors.
pub fn work_study_list_filters_and_bad_pages<S: Store + WorkStudyStore + 'static>(
    factory: &dyn Fn() -> S,
) {
    let (service, clock, w) = service(factory);
    let (company, _) = records(&service, &clock, &w);
    let store = service.store();
    let whole = sorted_by(store.learning_contracts(company).unwrap(), |c| c.contract);
    for status in ["active", "passed", "terminated"] {
        assert_eq!(
            whole
                .iter()
                .filter(|c| status_by_hand(&c.value) == status)
                .count(),
            1,
            "one contract {status}"
        );
    }
    let open = |c: &LearningContract| c.conversion.as_ref().is_some_and(|d| d.closed.is_none());
    assert_eq!(whole.iter().filter(|c| open(&c.value)).count(), 1);

    let staff = company_staff(company);
    let statuses = [
        None,
        Some(ContractStatusKind::Active),
        Some(ContractStatusKind::Passed),
        Some(ContractStatusKind::Terminated),
    ];
    for status in statuses {
        for conversion_open in [None, Some(true), Some(false)] {
            let filter = ContractFilter {
                status,
                conversion_open,
            };
            let (read, _) =
                every_page(|page| service.learning_contracts_of(&staff, company, &filter, page));
            let by_hand: Vec<_> = whole
                .iter()
                .filter(|c| status.is_none_or(|s| s.code() == status_by_hand(&c.value)))
                .filter(|c| conversion_open.is_none_or(|o| o == open(&c.value)))
                .cloned()
                .collect();
            assert_eq!(read, by_hand, "{filter:?}");
        }
    }

    // A page size out of 1 to the most, typed.
    for size in [0, MAX_LIST_PAGE_SIZE + 1, u32::MAX] {
        assert_eq!(
            ListPage::<ContractId>::new(size),
            Err(ListError::PageSize {
                given: u64::from(size),
                max: MAX_LIST_PAGE_SIZE
            })
        );
    }
    let most = ListPage::<ContractId>::new(MAX_LIST_PAGE_SIZE).unwrap();
    let read = service
        .learning_contracts_of(&staff, company, &ContractFilter::default(), &most)
        .unwrap();
    assert_eq!((read.items, read.next), (whole.clone(), None));

    // Cursors that do not read as the contracts' own.
    let one = ListPage::<ProgrammeId>::new(1).unwrap();
    let programme_cursor = service
        .programmes_of(&staff, company, &one)
        .unwrap()
        .next
        .expect("two programmes make two pages of one");
    assert!(matches!(
        ListCursor::<ContractId>::parse(programme_cursor.as_str()),
        Err(ListError::CursorOfAnotherList { .. })
    ));
    let contract_cursor = service
        .learning_contracts_of(
            &staff,
            company,
            &ContractFilter::default(),
            &ListPage::new(1).unwrap(),
        )
        .unwrap()
        .next
        .expect("three contracts make three pages of one");
    let text = contract_cursor.as_str();
    let changed: String = text
        .chars()
        .enumerate()
        .map(|(i, ch)| match (i == 3, ch) {
            (true, 'A') => 'B',
            (true, _) => 'A',
            (false, ch) => ch,
        })
        .collect();
    let identifier = whole[0].value.contract.to_string();
    for bad in [
        "",
        "not a cursor!",
        identifier.as_str(),
        changed.as_str(),
        &text[..text.len() - 2],
    ] {
        assert_eq!(
            ListCursor::<ContractId>::parse(bad),
            Err(ListError::CursorMalformed),
            "{bad:?}"
        );
    }
    assert_eq!(
        ListCursor::<ContractId>::parse(text).unwrap(),
        contract_cursor
    );
}
