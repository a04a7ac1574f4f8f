#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, FixedOffset, NaiveDate};
use proptest::prelude::*;

use super::ids::{CHECK_LETTERS, DAMM, damm_check};
use super::*;
use crate::access::{Actor, PartyId};
use crate::rules::{RulePack, Rules};
use crate::{Provenance, ReasonCode, Track, WorkStudyQualificationName};

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rules_on(day: &str) -> Rules {
    RulePack::embedded().rules_at(d(day)).unwrap()
}

fn codes(reasons: &[Reason]) -> Vec<ReasonCode> {
    reasons.iter().map(|r| r.code).collect()
}

// ------------------------------------------------------------------ the check letter

#[test]
fn the_damm_table_is_a_latin_square_with_a_zero_diagonal() {
    for (i, row) in DAMM.iter().enumerate() {
        assert_eq!(row[i], 0);
        let row: BTreeSet<u8> = row.iter().copied().collect();
        let column: BTreeSet<u8> = (0..10).map(|r| DAMM[r][i]).collect();
        assert_eq!(row.len(), 10, "row {i}");
        assert_eq!(column.len(), 10, "column {i}");
    }
}

#[test]
fn the_damm_table_is_weakly_totally_anti_symmetric() {
    // (c∘x)∘y = (c∘y)∘x only when x = y: every adjacent swap of different digits is caught.
    for c in 0..10 {
        for x in 0..10 {
            for y in 0..10 {
                let xy = DAMM[usize::from(DAMM[c][x])][y];
                let yx = DAMM[usize::from(DAMM[c][y])][x];
                assert_eq!(xy == yx, x == y, "c={c} x={x} y={y}");
            }
        }
    }
}

#[test]
fn the_check_letters_are_ten_distinct_upper_case_letters() {
    let set: BTreeSet<u8> = CHECK_LETTERS.iter().copied().collect();
    assert_eq!(set.len(), 10);
    assert!(CHECK_LETTERS.iter().all(u8::is_ascii_uppercase));
    assert_eq!(damm_check(b"572"), Some(4)); // the textbook example of the Damm algorithm
    assert_eq!(damm_check(b"5724"), Some(0));
    assert_eq!(damm_check(b"57a"), None);
}

fn substitutions(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..text.len() {
        for c in (0x20u8..0x7f)
            .map(char::from)
            .chain(['０', 'Ｊ', 'é', '가'])
        {
            let mut changed: Vec<char> = text.chars().collect();
            changed[i] = c;
            let changed: String = changed.into_iter().collect();
            if changed != text {
                out.push(changed);
            }
        }
    }
    out
}

fn adjacent_swaps(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len() - 1)
        .filter(|i| chars[*i] != chars[i + 1])
        .map(|i| {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            swapped.into_iter().collect()
        })
        .collect()
}

proptest! {
    #[test]
    fn every_single_character_error_and_adjacent_swap_is_refused(
        year in 2000i32..=2099,
        serial in 1u32..=999_999_999,
    ) {
        let pass_date = NaiveDate::from_ymd_opt(year, 6, 30).unwrap();
        let number = QualificationNumber::compose(pass_date, serial).unwrap();
        let text = number.as_str().to_owned();
        prop_assert_eq!(QualificationNumber::new(&text).unwrap(), number.clone());
        prop_assert_eq!(i32::from(number.pass_year_yy()), year % 100);
        prop_assert_eq!(number.serial(), serial);
        for wrong in substitutions(&text) {
            prop_assert!(QualificationNumber::new(&wrong).is_err(), "accepted {} for {}", wrong, text);
        }
        for wrong in adjacent_swaps(&text) {
            prop_assert!(QualificationNumber::new(&wrong).is_err(), "accepted swap {} for {}", wrong, text);
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_parsers(text in "\\PC{0,30}") {
        let _ = QualificationNumber::new(&text);
        let _ = ManagementNumber::new(&text);
        let _ = ConfirmationNumber::new(&text);
        let _ = InnerPageNumber::new(&text);
        let _ = PrintedName::new(&text);
        let _ = NamePattern::new(&text);
    }

    #[test]
    fn composed_numbers_carry_their_instant(secs in 946_684_800i64..4_102_444_799, seq in 1u32..=99_999) {
        let at = DateTime::from_timestamp(secs, 0).unwrap().with_timezone(&kst()).fixed_offset();
        let c = ConfirmationNumber::compose(at, seq).unwrap();
        prop_assert_eq!(c.issued_at(), at);
        prop_assert_eq!(c.sequence(), seq);
        prop_assert_eq!(ConfirmationNumber::new(c.as_str()).unwrap(), c);
        let m = ManagementNumber::compose(at, 7, seq).unwrap();
        prop_assert_eq!(m.issued_minute().and_utc().timestamp(), (secs + 9 * 3600) / 60 * 60);
        prop_assert_eq!(ManagementNumber::new(m.as_str()).unwrap(), m);
    }
}

#[test]
fn identifiers_refuse_garbage_with_typed_errors() {
    let malformed = |r: Result<QualificationNumber, InputError>| {
        matches!(
            r,
            Err(InputError::Malformed {
                what: "qualification number",
                ..
            })
        )
    };
    assert!(malformed(QualificationNumber::new("")));
    assert!(malformed(QualificationNumber::new("26000000123j")));
    assert!(malformed(QualificationNumber::new("26000000123J ")));
    assert!(malformed(QualificationNumber::new("21404042953S"))); // the published shape, not our check
    assert!(QualificationNumber::compose(d("1999-12-31"), 1).is_err());
    assert!(QualificationNumber::compose(d("2026-01-01"), 1_000_000_000).is_err());
    assert!(ManagementNumber::new("202602301030-01-000001").is_err()); // 30 February
    assert!(ManagementNumber::new("202605011060-01-000001").is_err()); // minute 60
    assert!(ManagementNumber::new("202605011030-01-000000").is_err());
    assert!(ManagementNumber::compose(t("2026-05-01T10:30:00+09:00"), 100, 1).is_err());
    assert!(ManagementNumber::compose(t("2026-05-01T10:30:00+09:00"), 1, 1_000_000).is_err());
    assert!(ConfirmationNumber::new("HRD-20260601093060-00007").is_err());
    assert!(ConfirmationNumber::new("hrd-20260601093000-00007").is_err());
    assert!(ConfirmationNumber::compose(t("2026-06-01T09:30:00+09:00"), 0).is_err());
    assert!(InnerPageNumber::new("123456789012345678901").is_err());
    assert!(PrintedName::new(&"가".repeat(101)).is_err());
    assert!(PrintedName::new("김\n민준").is_err());
}

#[test]
fn instants_are_written_in_korea_standard_time() {
    // 23:59 UTC on 30 April is 08:59 on 1 May in Korea.
    let m = ManagementNumber::compose(t("2026-04-30T23:59:30Z"), 3, 9).unwrap();
    assert_eq!(m.as_str(), "202605010859-03-000009");
    let c = ConfirmationNumber::compose(t("2026-04-30T23:59:30Z"), 9).unwrap();
    assert_eq!(c.as_str(), "HRD-20260501085930-00009");
    assert_eq!(c.issued_at(), t("2026-04-30T23:59:30Z"));
}

#[test]
fn identifiers_and_records_round_trip_through_serde() {
    let n = QualificationNumber::example();
    let json = serde_json::to_string(&n).unwrap();
    assert_eq!(json, "\"26000000123J\"");
    assert_eq!(
        serde_json::from_str::<QualificationNumber>(&json).unwrap(),
        n
    );
    assert!(serde_json::from_str::<QualificationNumber>("\"26000000123A\"").is_err());
    assert!(serde_json::from_str::<ManagementNumber>("\"x\"").is_err());

    let c = Certificate::example();
    let back: Certificate = serde_json::from_value(serde_json::to_value(&c).unwrap()).unwrap();
    assert_eq!(back, c);
    let record =
        QualificationRecord::new(c.number().clone(), Track::CourseBased, vec![c], None).unwrap();
    let back: QualificationRecord =
        serde_json::from_value(serde_json::to_value(&record).unwrap()).unwrap();
    assert_eq!(back, record);

    // Deserialising goes through the same checks.
    let mut value = serde_json::to_value(Certificate::example()).unwrap();
    value["inner_page_number"] = "A1".into(); // on a 상장형 certificate
    assert!(serde_json::from_value::<Certificate>(value).is_err());
    let mut value = serde_json::to_value(CourseContent::example()).unwrap();
    value["units"] = serde_json::json!([]);
    assert!(serde_json::from_value::<CourseContent>(value).is_err());
}

// ------------------------------------------------------------------ issuing

#[test]
fn only_a_finalised_pass_gets_a_certificate() {
    let rules = rules_on("2026-05-01");
    let mut request = IssueRequest::example();
    let ok = decide_issue(&request, &rules).unwrap();
    assert!(ok.issuable && ok.reasons.is_empty());
    assert_eq!(ok.issue_key, IssueKey::for_pass(&request.pass));

    request.pass.status = PassStatus::Failed;
    let failed = decide_issue(&request, &rules).unwrap();
    assert_eq!(codes(&failed.reasons), [ReasonCode::NotPassed]);
    assert!(!failed.issuable && failed.issue_key.is_none());

    request.pass.status = PassStatus::NotFinalised;
    assert_eq!(
        codes(&decide_issue(&request, &rules).unwrap().reasons),
        [ReasonCode::PassNotFinalised]
    );

    // Passed, but the pass takes effect after the issue date.
    request.pass.status = PassStatus::Passed {
        pass_date: d("2026-05-02"),
    };
    let early = decide_issue(&request, &rules).unwrap();
    assert_eq!(codes(&early.reasons), [ReasonCode::PassNotFinalised]);
    assert_eq!(
        early.reasons[0].required,
        Some(Quantity::Date(d("2026-05-02")))
    );
    request.pass.status = PassStatus::Passed {
        pass_date: d("2026-05-01"),
    };
    assert!(decide_issue(&request, &rules).unwrap().issuable);
}

#[test]
fn forms_follow_the_rule_pack_by_track_and_date() {
    let mut request = IssueRequest::example();
    request.form = CertificateForm::Mobile;
    request.pass.status = PassStatus::Passed {
        pass_date: d("2025-04-10"),
    };
    request.issue_date = d("2025-08-31");
    let before = decide_issue(&request, &rules_on("2025-08-31")).unwrap();
    assert_eq!(codes(&before.reasons), [ReasonCode::FormNotAvailable]);
    assert_eq!(
        before.reasons[0].legal_basis.provenance(),
        Provenance::Assumption
    );
    request.issue_date = d("2025-09-01");
    assert!(
        decide_issue(&request, &rules_on("2025-09-01"))
            .unwrap()
            .issuable
    );

    let mut ws = work_study_request();
    for (form, ok) in [
        (CertificateForm::Notebook, true),
        (CertificateForm::Certificate, true),
        (CertificateForm::Card, false),
        (CertificateForm::Mobile, false),
    ] {
        ws.form = form;
        assert_eq!(
            decide_issue(&ws, &rules_on("2026-05-01")).unwrap().issuable,
            ok,
            "{form}"
        );
    }
}

fn work_study_request() -> IssueRequest {
    let mut request = IssueRequest::example();
    request.pass.track = Track::WorkStudy;
    request.pass.qualification = QualificationCode::new("2N0C").unwrap();
    request.form = CertificateForm::Notebook;
    request.content = CertificateContent::WorkStudy(
        WorkStudyContent::new(WorkStudyQualificationName::example(), vec![]).unwrap(),
    );
    request
}

#[test]
fn content_of_the_other_track_is_an_input_error() {
    let mut request = IssueRequest::example();
    request.pass.track = Track::WorkStudy;
    assert!(matches!(
        decide_issue(&request, &rules_on("2026-05-01")),
        Err(InputError::Inconsistent(_))
    ));
    let mut request = IssueRequest::example();
    request.pass.birth_date = d("2026-04-10");
    assert!(decide_issue(&request, &rules_on("2026-05-01")).is_err());
}

#[test]
fn course_content_refuses_missing_parts() {
    let mut spec: CourseContentSpec = CourseContent::example().into();
    spec.units.clear();
    assert!(matches!(
        CourseContent::new(spec),
        Err(InputError::Empty { .. })
    ));
    let mut spec: CourseContentSpec = CourseContent::example().into();
    spec.completed_hours = Hours::ZERO;
    assert!(matches!(
        CourseContent::new(spec),
        Err(InputError::NotPositive { .. })
    ));
    let mut spec: CourseContentSpec = CourseContent::example().into();
    spec.units.push(spec.units[0].clone());
    assert!(matches!(
        CourseContent::new(spec),
        Err(InputError::Duplicate { .. })
    ));
    let missing_institution = serde_json::json!({
        "qualification_name": "정보처리산업기사",
        "training_period": {"first": "2025-09-01", "last": "2026-02-27"},
        "completed_hours": 600,
        "units": [{"code": "2001020201_16v4", "name": "요구사항 확인"}],
    });
    assert!(serde_json::from_value::<CourseContent>(missing_institution).is_err());
}

#[test]
fn the_issue_key_is_deterministic_and_per_pass() {
    let a = IssueRequest::example();
    let mut b = IssueRequest::example();
    assert_eq!(IssueKey::for_pass(&a.pass), IssueKey::for_pass(&b.pass));
    b.form = CertificateForm::Notebook; // the form does not make a second issue
    assert_eq!(IssueKey::for_pass(&a.pass), IssueKey::for_pass(&b.pass));
    b.pass.candidate = PartyId::new("person-2").unwrap();
    assert_ne!(IssueKey::for_pass(&a.pass), IssueKey::for_pass(&b.pass));
}

fn issue_example() -> (IssueRequest, Certificate) {
    let request = IssueRequest::example();
    let decision = decide_issue(&request, &rules_on("2026-05-01")).unwrap();
    let at = t("2026-05-01T10:30:00+09:00");
    let cert = Certificate::issue(
        &request,
        &decision,
        Allocation {
            number: QualificationNumber::example(),
            management_number: ManagementNumber::compose(at, 1, 42).unwrap(),
            inner_page_number: None,
            issued_at: at,
        },
    )
    .unwrap();
    (request, cert)
}

#[test]
fn a_certificate_is_built_only_on_an_issuable_decision() {
    let (request, cert) = issue_example();
    assert_eq!(cert, Certificate::example());
    let mut failed = request.clone();
    failed.pass.status = PassStatus::Failed;
    let no = decide_issue(&failed, &rules_on("2026-05-01")).unwrap();
    let at = t("2026-05-01T10:30:00+09:00");
    let allocation = Allocation {
        number: QualificationNumber::example(),
        management_number: ManagementNumber::compose(at, 1, 42).unwrap(),
        inner_page_number: None,
        issued_at: at,
    };
    assert!(Certificate::issue(&failed, &no, allocation.clone()).is_err());
    // A management number minted at another minute does not fit the issue instant.
    let yes = decide_issue(&request, &rules_on("2026-05-01")).unwrap();
    let mut wrong = allocation;
    wrong.issued_at = t("2026-05-01T10:31:00+09:00");
    assert!(Certificate::issue(&request, &yes, wrong).is_err());
}

// ------------------------------------------------------------------ reissue and records

fn reissue_of(first: &Certificate, at: &str, seq: u32) -> Certificate {
    let request = ReissueRequest {
        previous: first.management_number().clone(),
        reason: ReissueReason::Damaged,
        form: CertificateForm::Certificate,
        new_holder_name: None,
        issue_date: korean_date(t(at)),
    };
    let record = QualificationRecord::new(
        first.number().clone(),
        first.spec().track,
        vec![first.clone()],
        None,
    )
    .unwrap();
    let decision = decide_reissue(&record, &request, t(at), &rules_on("2026-07-01")).unwrap();
    assert!(decision.issuable, "{:?}", decision.reasons);
    Certificate::reissue(
        first,
        &request,
        &decision,
        Allocation {
            number: first.number().clone(),
            management_number: ManagementNumber::compose(t(at), 1, seq).unwrap(),
            inner_page_number: None,
            issued_at: t(at),
        },
    )
    .unwrap()
}

#[test]
fn a_reissue_supersedes_the_previous_document_from_its_instant() {
    let first = Certificate::example();
    let second = reissue_of(&first, "2026-07-01T14:00:00+09:00", 77);
    assert_eq!(second.number(), first.number());
    assert_eq!(
        second.spec().supersedes.as_ref(),
        Some(first.management_number())
    );
    let record = QualificationRecord::new(
        first.number().clone(),
        Track::CourseBased,
        vec![second.clone(), first.clone()],
        None,
    )
    .unwrap();
    assert_eq!(
        record.superseded_by(first.management_number(), t("2026-07-01T13:59:59+09:00")),
        None
    );
    assert_eq!(
        record.superseded_by(first.management_number(), t("2026-07-01T14:00:00+09:00")),
        Some(&second)
    );
}

#[test]
fn reissue_refusals() {
    let first = Certificate::example();
    let now = t("2026-07-01T14:00:00+09:00");
    let rules = rules_on("2026-07-01");
    let record = QualificationRecord::new(
        first.number().clone(),
        Track::CourseBased,
        vec![first.clone()],
        None,
    )
    .unwrap();
    let mut request = ReissueRequest {
        previous: first.management_number().clone(),
        reason: ReissueReason::DetailsChanged,
        form: CertificateForm::Certificate,
        new_holder_name: Some(PrintedName::example()), // the same name
        issue_date: d("2026-07-01"),
    };
    let same = decide_reissue(&record, &request, now, &rules).unwrap();
    assert_eq!(codes(&same.reasons), [ReasonCode::DetailsUnchanged]);
    request.new_holder_name = Some(PrintedName::new("김민서").unwrap());
    assert!(
        decide_reissue(&record, &request, now, &rules)
            .unwrap()
            .issuable
    );
    request.reason = ReissueReason::Lost;
    assert!(decide_reissue(&record, &request, now, &rules).is_err()); // a new name without a change of details
    request.new_holder_name = None;
    request.previous = ManagementNumber::new("202601011030-01-000001").unwrap();
    assert!(decide_reissue(&record, &request, now, &rules).is_err()); // no such document

    let revoked = QualificationRecord::new(
        first.number().clone(),
        Track::CourseBased,
        vec![first.clone()],
        Some(revocation_at("2026-06-15T09:00:00+09:00")),
    )
    .unwrap();
    request.previous = first.management_number().clone();
    assert_eq!(
        codes(
            &decide_reissue(&revoked, &request, now, &rules)
                .unwrap()
                .reasons
        ),
        [ReasonCode::QualificationRevoked]
    );
}

#[test]
fn records_refuse_inconsistent_histories() {
    let first = Certificate::example();
    let second = reissue_of(&first, "2026-07-01T14:00:00+09:00", 77);
    let third = reissue_of(&first, "2026-07-02T14:00:00+09:00", 78);
    let number = first.number().clone();
    // The same document superseded twice.
    assert!(
        QualificationRecord::new(
            number.clone(),
            Track::CourseBased,
            vec![first.clone(), second.clone(), third],
            None
        )
        .is_err()
    );
    // A reissue of a document that is not in the record.
    assert!(
        QualificationRecord::new(
            number.clone(),
            Track::CourseBased,
            vec![second.clone()],
            None
        )
        .is_err()
    );
    // The same document twice.
    assert!(
        QualificationRecord::new(
            number.clone(),
            Track::CourseBased,
            vec![first.clone(), first.clone()],
            None
        )
        .is_err()
    );
    // Another track.
    assert!(QualificationRecord::new(number, Track::WorkStudy, vec![first], None).is_err());
}

// ------------------------------------------------------------------ revocation

fn revocation_at(at: &str) -> Revocation {
    let first = Certificate::example();
    let record = QualificationRecord::new(
        first.number().clone(),
        Track::CourseBased,
        vec![first],
        None,
    )
    .unwrap();
    let decision = decide_revocation(
        &record,
        &Actor::Agency(PartyId::new("hrdk-7").unwrap()),
        &RevocationRequest {
            at: t(at),
            reason: RevocationReason::Fraud,
            hearing_held_on: Some(korean_date(t(at))),
            note: Some("case 12".into()),
        },
        &rules_on("2026-09-01"),
    );
    assert!(decision.allowed, "{:?}", decision.reasons);
    decision.revocation.unwrap()
}

#[test]
fn revocation_needs_the_agency_a_prior_hearing_and_happens_once() {
    let r = revocation_at("2026-09-01T09:00:00+09:00");
    assert_eq!(r.reason, RevocationReason::Fraud);
    assert_eq!(r.by, Actor::Agency(PartyId::new("hrdk-7").unwrap()));
    assert!(r.basis.citation().contains("제16조"));

    let first = Certificate::example();
    let record = QualificationRecord::new(
        first.number().clone(),
        Track::CourseBased,
        vec![first.clone()],
        Some(r),
    )
    .unwrap();
    let agency = Actor::Agency(PartyId::new("hrdk-7").unwrap());
    let late_hearing = RevocationRequest {
        at: t("2026-10-01T09:00:00+09:00"),
        reason: RevocationReason::Lending,
        hearing_held_on: Some(d("2026-10-02")),
        note: None,
    };
    let d2 = decide_revocation(&record, &agency, &late_hearing, &rules_on("2026-09-01"));
    assert_eq!(
        codes(&d2.reasons),
        [ReasonCode::HearingNotHeld, ReasonCode::QualificationRevoked]
    );
    assert!(d2.revocation.is_none());
    let staff = Actor::InstitutionStaff(PartyId::new("inst-1").unwrap());
    let clean = QualificationRecord::new(
        first.number().clone(),
        Track::CourseBased,
        vec![first],
        None,
    )
    .unwrap();
    let d3 = decide_revocation(
        &clean,
        &staff,
        &RevocationRequest {
            hearing_held_on: Some(d("2026-09-01")),
            ..late_hearing
        },
        &rules_on("2026-09-01"),
    );
    assert_eq!(codes(&d3.reasons), [ReasonCode::NotPermitted]);
}

// ------------------------------------------------------------------ verification

fn query_for(c: &Certificate) -> VerificationQuery {
    VerificationQuery {
        number: c.number().clone(),
        issue_date: c.issue_date(),
        document: DocumentRef::ManagementNumber(c.management_number().clone()),
    }
}

#[test]
fn a_wrong_date_a_wrong_number_and_a_wrong_document_answer_alike() {
    let rules = rules_on("2026-06-01");
    let c = Certificate::example();
    let record = QualificationRecord::new(
        c.number().clone(),
        Track::CourseBased,
        vec![c.clone()],
        None,
    )
    .unwrap();
    let now = t("2026-06-01T12:00:00+09:00");
    let good = query_for(&c);
    assert_eq!(
        verify(&good, Some(&record), now, &rules).status,
        VerificationStatus::Valid
    );

    let wrong_date = VerificationQuery {
        issue_date: d("2026-05-02"),
        ..good.clone()
    };
    let other_number = QualificationNumber::compose(d("2026-04-10"), 124).unwrap();
    let wrong_number = VerificationQuery {
        number: other_number,
        ..good.clone()
    };
    let wrong_document = VerificationQuery {
        document: DocumentRef::ManagementNumber(
            ManagementNumber::compose(t("2026-05-01T10:30:00+09:00"), 1, 43).unwrap(),
        ),
        ..good.clone()
    };
    let answers = [
        verify(&wrong_date, Some(&record), now, &rules),
        verify(&wrong_number, None, now, &rules),
        // A store that (wrongly) hands over another number's record still gets no match.
        verify(&wrong_number, Some(&record), now, &rules),
        verify(&wrong_document, Some(&record), now, &rules),
        // Not issued yet at `now`.
        verify(&good, Some(&record), t("2026-05-01T10:29:59+09:00"), &rules),
    ];
    let expected = serde_json::to_string(&VerificationAnswer::no_match()).unwrap();
    for answer in answers {
        assert_eq!(serde_json::to_string(&answer).unwrap(), expected);
    }
}

/// Every path of a check makes the same comparisons: a match, a wrong date, a wrong
/// management or inner-page number, a number never issued (no record: the decoy), a
/// superseded and a revoked document.
#[test]
fn every_path_of_a_check_makes_the_same_comparisons() {
    use super::constant_time::counting::comparisons;
    let rules = rules_on("2026-06-01");
    let c = Certificate::example();
    let one = |revocation| {
        QualificationRecord::new(
            c.number().clone(),
            Track::CourseBased,
            vec![c.clone()],
            revocation,
        )
        .unwrap()
    };
    let record = one(None);
    let revoked = one(Some(revocation_at("2026-05-20T09:00:00+09:00")));
    let now = t("2026-06-01T12:00:00+09:00");
    let good = query_for(&c);
    let wrong_date = VerificationQuery {
        issue_date: d("2026-05-02"),
        ..good.clone()
    };
    let wrong_document = VerificationQuery {
        document: DocumentRef::ManagementNumber(
            ManagementNumber::compose(t("2026-05-01T10:30:00+09:00"), 1, 43).unwrap(),
        ),
        ..good.clone()
    };
    let never_issued = VerificationQuery {
        number: QualificationNumber::compose(d("2026-04-10"), 124).unwrap(),
        ..good.clone()
    };
    let run = |q: &VerificationQuery, found: Option<&QualificationRecord>| {
        comparisons(|| verify(q, found, now, &rules))
    };
    let (valid, n) = run(&good, Some(&record));
    assert_eq!(valid.status, VerificationStatus::Valid);
    assert!(n >= 3, "the number, the date and the document are compared");
    let (gone, n_revoked) = run(&good, Some(&revoked));
    assert_eq!(gone.status, VerificationStatus::Revoked);
    let mut counts = vec![n_revoked];
    for (q, found) in [
        (&wrong_date, Some(&record)),
        (&wrong_document, Some(&record)),
        (&never_issued, None),
        (&never_issued, Some(&record)),
    ] {
        let (answer, count) = run(q, found);
        assert_eq!(answer, VerificationAnswer::no_match());
        counts.push(count);
    }
    assert!(counts.iter().all(|&k| k == n), "{n} vs {counts:?}");

    // the same holds for notebooks by inner-page number, and for superseded documents
    let page = notebook("2026-05-01T10:30:00+09:00", Some("A1234567"));
    let notebooks = QualificationRecord::new(
        page.number().clone(),
        Track::CourseBased,
        vec![page.clone()],
        None,
    )
    .unwrap();
    let by_page = VerificationQuery {
        number: page.number().clone(),
        issue_date: page.issue_date(),
        document: DocumentRef::InnerPage(InnerPageNumber::new("A1234567").unwrap()),
    };
    let wrong_page = VerificationQuery {
        document: DocumentRef::InnerPage(InnerPageNumber::new("A7654321").unwrap()),
        ..by_page.clone()
    };
    let (_, n_page) = run(&by_page, Some(&notebooks));
    assert_eq!(run(&wrong_page, Some(&notebooks)).1, n_page);
    assert_eq!(run(&wrong_page, None).1, n_page);
    let second = reissue_of(&c, "2026-05-20T10:00:00+09:00", 7);
    let superseded = QualificationRecord::new(
        c.number().clone(),
        Track::CourseBased,
        vec![c.clone(), second],
        None,
    )
    .unwrap();
    let (old, n_old) = run(&good, Some(&superseded));
    assert_eq!(old.status, VerificationStatus::Superseded);
    assert_eq!(run(&wrong_date, Some(&superseded)).1, n_old);
}

#[test]
fn verification_discloses_only_name_qualification_and_dates() {
    let rules = rules_on("2026-06-01");
    let c = Certificate::example();
    let record = QualificationRecord::new(
        c.number().clone(),
        Track::CourseBased,
        vec![c.clone()],
        None,
    )
    .unwrap();
    let answer = verify(
        &query_for(&c),
        Some(&record),
        t("2026-06-01T00:00:00+09:00"),
        &rules,
    );
    let json = serde_json::to_value(&answer.disclosure).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "holder_name",
            "issue_date",
            "pass_date",
            "qualification_name"
        ]
    );
    let text = serde_json::to_string(&answer).unwrap();
    assert!(!text.contains("2001-03-15"), "the birth date leaks");
    assert!(!text.contains("person-1"), "the candidate id leaks");
}

#[test]
fn superseded_and_revoked_from_their_instants() {
    let rules = rules_on("2026-06-01");
    let first = Certificate::example();
    let second = reissue_of(&first, "2026-07-01T14:00:00+09:00", 77);
    let revocation = revocation_at("2026-09-01T09:00:00+09:00");
    let record = QualificationRecord::new(
        first.number().clone(),
        Track::CourseBased,
        vec![first.clone(), second.clone()],
        Some(revocation),
    )
    .unwrap();
    let status =
        |c: &Certificate, now: &str| verify(&query_for(c), Some(&record), t(now), &rules).status;
    assert_eq!(
        status(&first, "2026-07-01T13:59:59+09:00"),
        VerificationStatus::Valid
    );
    assert_eq!(
        status(&first, "2026-07-01T14:00:00+09:00"),
        VerificationStatus::Superseded
    );
    assert_eq!(
        status(&second, "2026-07-01T14:00:00+09:00"),
        VerificationStatus::Valid
    );
    assert_eq!(
        status(&second, "2026-09-01T08:59:59+09:00"),
        VerificationStatus::Valid
    );
    assert_eq!(
        status(&second, "2026-09-01T09:00:00+09:00"),
        VerificationStatus::Revoked
    );
    assert_eq!(
        status(&first, "2026-09-01T09:00:00+09:00"),
        VerificationStatus::Revoked
    );
    let revoked = verify(
        &query_for(&second),
        Some(&record),
        t("2026-09-02T00:00:00+09:00"),
        &rules,
    );
    assert!(revoked.disclosure.is_some());
    assert!(revoked.message.ko.contains("취소"));
}

fn notebook(issued_at: &str, inner: Option<&str>) -> Certificate {
    let mut spec: CertificateSpec = Certificate::example().into();
    spec.form = CertificateForm::Notebook;
    spec.issued_at = t(issued_at);
    spec.management_number = ManagementNumber::compose(t(issued_at), 1, 5).unwrap();
    spec.inner_page_number = inner.map(|p| InnerPageNumber::new(p).unwrap());
    spec.pass_date = korean_date(t(issued_at));
    spec.birth_date = d("1980-01-01");
    spec.number = QualificationNumber::compose(spec.pass_date, 9).unwrap();
    Certificate::new(spec).unwrap()
}

#[test]
fn notebooks_are_checked_by_inner_page_number_or_before_2009_by_date_alone() {
    let rules = rules_on("2026-06-01");
    let now = t("2026-06-01T00:00:00+09:00");
    let check = |c: &Certificate, document: DocumentRef| {
        let record = QualificationRecord::new(
            c.number().clone(),
            Track::CourseBased,
            vec![c.clone()],
            None,
        )
        .unwrap();
        let query = VerificationQuery {
            number: c.number().clone(),
            issue_date: c.issue_date(),
            document,
        };
        verify(&query, Some(&record), now, &rules).status
    };
    let modern = notebook("2015-03-02T10:00:00+09:00", Some("B7654321"));
    let page = |p: &str| DocumentRef::InnerPage(InnerPageNumber::new(p).unwrap());
    assert_eq!(check(&modern, page("B7654321")), VerificationStatus::Valid);
    assert_eq!(
        check(&modern, page("B7654322")),
        VerificationStatus::NoMatch
    );
    assert_eq!(
        check(&modern, DocumentRef::None),
        VerificationStatus::NoMatch
    );

    let old = notebook("2009-08-02T10:00:00+09:00", None);
    assert_eq!(check(&old, DocumentRef::None), VerificationStatus::Valid);
    let unnumbered_new = notebook("2009-08-03T10:00:00+09:00", None);
    assert_eq!(
        check(&unnumbered_new, DocumentRef::None),
        VerificationStatus::NoMatch
    );
}

// ------------------------------------------------------------------ licences and the rule pack

#[test]
fn licences_come_from_the_rule_pack() {
    let rules = rules_on("2026-06-01");
    let find = |name: &str| licence_for(Track::CourseBased, name, &rules);
    let beautician = find("미용사(네일)").unwrap();
    assert_eq!(beautician.licence.ko, "미용사 면허");
    assert_eq!(beautician.authority.ko, "시장·군수·구청장");
    assert!(beautician.basis.citation().contains("공중위생관리법 제6조"));
    assert_eq!(find("한식조리산업기사").unwrap().licence.ko, "조리사 면허");
    assert_eq!(find("조리기능장").unwrap().licence.ko, "조리사 면허");
    let excavator = find("굴착기운전기능사").unwrap();
    assert_eq!(excavator.licence.ko, "건설기계조종사면허");
    assert_eq!(excavator.basis.provenance(), Provenance::Assumption);
    assert!(find("정보처리산업기사").is_none());
    assert!(find("이용사보조").is_none());
    assert!(licence_for(Track::WorkStudy, "이용사", &rules).is_none());

    let mut spec: CertificateSpec = Certificate::example().into();
    let mut content: CourseContentSpec = CourseContent::example().into();
    content.qualification_name = PrintedName::new("이용사").unwrap();
    spec.content = CertificateContent::CourseBased(CourseContent::new(content).unwrap());
    let view = CertificateView::new(&Certificate::new(spec).unwrap(), &rules);
    assert_eq!(view.licence.unwrap().licence.en, "barber licence");
}

#[test]
fn the_pack_refuses_bad_certificate_values() {
    let overlay =
        |body: &str| RulePack::embedded().with_overlay(&format!("[overlay]\nname = \"x\"\n{body}"));
    let forms = |value: &str| {
        overlay(&format!(
            "[certificates.work_study_forms]\ndescription = \"x\"\n[[certificates.work_study_forms.values]]\nsince = \"2015-01-01\"\nvalue = {value}\nreference = \"x\"\nprovenance = \"assumption\"\nlast_checked = \"2026-12-01\"\n"
        ))
    };
    assert!(forms("[\"notebook\"]").is_ok());
    assert!(forms("[]").is_err());
    assert!(forms("[\"notebook\", \"notebook\"]").is_err());
    assert!(forms("[\"scroll\"]").is_err());
    let days = overlay(
        "[certificates.confirmation_verifiable_days]\ndescription = \"x\"\n[[certificates.confirmation_verifiable_days.values]]\nsince = \"2015-01-01\"\nvalue = 0\nreference = \"x\"\nprovenance = \"assumption\"\nlast_checked = \"2026-12-01\"\n",
    );
    assert!(days.is_err());
    let licence = |pattern: &str| {
        overlay(&format!(
            "[certificates.licences]\ndescription = \"x\"\n[[certificates.licences.values]]\nsince = \"2015-01-01\"\nreference = \"x\"\nprovenance = \"assumption\"\nlast_checked = \"2026-12-01\"\n[[certificates.licences.values.value]]\nqualifications = [\"{pattern}\"]\ntracks = [\"course_based\"]\nlicence = \"l\"\nlicence_en = \"l\"\nauthority = \"a\"\nauthority_en = \"a\"\nreference = \"r\"\nprovenance = \"assumption\"\n"
        ))
    };
    assert!(licence("이용사").is_ok());
    assert!(licence("*").is_err());
    assert!(licence("미*용사").is_err());
    assert!(licence("").is_err());
}

#[test]
fn name_patterns_match_as_written() {
    let p = |s: &str| NamePattern::new(s).unwrap();
    assert!(p("이용사").matches("이용사") && !p("이용사").matches("이용사2"));
    assert!(p("미용사*").matches("미용사(일반)") && !p("미용사*").matches("피부미용사"));
    assert!(p("*조리*").matches("한식조리기능사") && p("*조리*").matches("조리"));
    assert_eq!(p("*조리기능사").to_string(), "*조리기능사");
}
