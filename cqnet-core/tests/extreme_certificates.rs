//! Certificates (자격증) at the extremes: their identifiers (자격번호, 관리번호, 내지번호, 확인서
//! 문서번호), issuing (발급), reissue (재발급) chains, revocation (자격 취소), 진위확인 of a
//! certificate and of a confirmation document (자격취득사실 확인서), the pass status a result
//! gives and the signed credentials of a certificate, with instants across chrono's range at
//! every offset, dates at its limits, numbers at the limits of their types and any text. Each
//! call gives a value or a typed error, never a panic, and each answer agrees with its rule
//! stated here on its own terms.

#![allow(clippy::unwrap_used)]

mod extremes;

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike};
use cqnet_core::access::{Actor, PartyId};
use cqnet_core::certificate::{
    Allocation, Certificate, CertificateContent, CertificateForm, CertificateSpec, CertificateView,
    CompetencyUnit, ConfirmationCode, ConfirmationDocument, ConfirmationNumber, ConfirmationQuery,
    ConfirmationSecret, CourseContent, CourseContentSpec, DocumentRef, FormSet, InnerPageNumber,
    IssueKey, IssueRequest, ManagementNumber, NamePattern, PassStatus, PrintedName,
    QualificationNumber, QualificationRecord, ReissueReason, ReissueRequest, ResultFacts,
    RevocationReason, RevocationRequest, TrainingPeriod, VerificationAnswer, VerificationQuery,
    VerificationStatus, WorkStudyContent, check_confirmation, check_export, check_revocation_note,
    confirmation_verifiable_until, decide_issue, decide_reissue, decide_revocation, licence_for,
    mask_name, pass_status, verify, verify_confirmation,
};
use cqnet_core::rules::Rules;
use cqnet_core::window::{SUPPORTED_YEARS, check_instant, korean_date, kst};
use cqnet_core::{ReasonCode, Track, UnitCode};
use proptest::collection::vec;
use proptest::prelude::*;

use extremes::{
    any_instant, embedded_rules, extreme_date, extreme_hours, extreme_u32, no_panic,
    supported_instant,
};

fn codes(reasons: &[cqnet_core::Reason]) -> BTreeSet<ReasonCode> {
    reasons.iter().map(|r| r.code).collect()
}

const FORMS: [CertificateForm; 4] = [
    CertificateForm::Notebook,
    CertificateForm::Card,
    CertificateForm::Certificate,
    CertificateForm::Mobile,
];

const REISSUE_REASONS: [ReissueReason; 3] = [
    ReissueReason::Lost,
    ReissueReason::Damaged,
    ReissueReason::DetailsChanged,
];

fn forms(rules: &Rules, track: Track) -> &FormSet {
    match track {
        Track::CourseBased => &rules.certificates.course_based_forms.value,
        Track::WorkStudy => &rules.certificates.work_study_forms.value,
    }
}

/// The local time of an instant in Korea, where chrono can hold it.
fn in_korea(at: DateTime<FixedOffset>) -> Option<chrono::NaiveDateTime> {
    at.naive_utc().checked_add_offset(kst())
}

// ------------------------------------------------------------------------------------------
// Identifiers

/// Text for identifiers: near their shapes, or anything.
fn id_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{11}[A-Z]",
        "[0-9]{12}-[0-9]{2}-[0-9]{6}",
        "HRD-[0-9]{14}-[0-9]{5}",
        "[0-9A-Z-]{0,24}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn qualification_numbers_carry_the_pass_year_and_a_check_letter_that_catches_any_one_digit(
        pass_date in extreme_date(),
        serial in prop_oneof![Just(0u32), Just(999_999_999), Just(1_000_000_000), extreme_u32()],
        digit in 0usize..11,
        replacement in 0u8..10,
        text in id_text(),
    ) {
        let number = no_panic("QualificationNumber::compose", || QualificationNumber::compose(pass_date, serial));
        let allowed = (1..=999_999_999).contains(&serial) && (2000..=2099).contains(&pass_date.year());
        prop_assert_eq!(number.is_ok(), allowed);
        if let Ok(number) = number {
            prop_assert_eq!(QualificationNumber::new(number.as_str()), Ok(number.clone()));
            prop_assert_eq!(i32::from(number.pass_year_yy()), pass_date.year() % 100);
            prop_assert_eq!(number.serial(), serial);
            // A changed digit is caught by the check letter.
            let mut bytes = number.as_str().as_bytes().to_vec();
            let changed = b'0' + replacement;
            if bytes[digit] != changed {
                bytes[digit] = changed;
                let mistyped = String::from_utf8(bytes).unwrap();
                prop_assert!(QualificationNumber::new(&mistyped).is_err(), "{}", mistyped);
            }
        }
        no_panic(&format!("{text:?} as every identifier"), || {
            let _ = (
                QualificationNumber::new(&text),
                ManagementNumber::new(&text),
                InnerPageNumber::new(&text),
                ConfirmationNumber::new(&text),
                ConfirmationCode::new(&text),
                PrintedName::new(&text),
                NamePattern::new(&text),
            );
        });
        let inner = InnerPageNumber::new(&text);
        let shaped = (1..=20).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || b == b'-');
        prop_assert_eq!(inner.is_ok(), shaped);
    }

    #[test]
    fn document_numbers_carry_their_instant_in_korea_to_the_minute_or_second(
        at in any_instant(),
        office in any::<u8>(),
        sequence in prop_oneof![Just(0u32), Just(99_999), Just(100_000), Just(999_999), Just(1_000_000), extreme_u32()],
    ) {
        let local = in_korea(at).map(|l| l.with_nanosecond(0).unwrap());
        let writable = local.is_some_and(|l| (0..=9999).contains(&l.year()));
        let management = no_panic("ManagementNumber::compose", || ManagementNumber::compose(at, office, sequence));
        prop_assert_eq!(management.is_ok(), office <= 99 && (1..=999_999).contains(&sequence) && writable, "{:?}", management);
        if let Ok(m) = &management {
            prop_assert_eq!(m.issued_minute(), local.unwrap().with_second(0).unwrap());
            prop_assert_eq!((m.office(), m.sequence()), (office, sequence));
            prop_assert_eq!(ManagementNumber::new(m.as_str()), Ok(m.clone()));
        }
        let confirmation = no_panic("ConfirmationNumber::compose", || ConfirmationNumber::compose(at, sequence));
        prop_assert_eq!(confirmation.is_ok(), (1..=99_999).contains(&sequence) && writable, "{:?}", confirmation);
        if let Ok(c) = &confirmation {
            prop_assert_eq!(c.sequence(), sequence);
            prop_assert_eq!(c.issued_at().naive_local(), local.unwrap());
            prop_assert_eq!(*c.issued_at().offset(), kst());
            prop_assert_eq!(ConfirmationNumber::new(c.as_str()), Ok(c.clone()));
        }
    }

    #[test]
    fn names_periods_contents_and_forms_are_made_exactly_when_their_rules_hold(
        name in prop_oneof!["[가-힣a-zA-Z ()]{0,110}", Just(" 김민준".to_owned()), Just("가".repeat(101))],
        first in extreme_date(),
        last in extreme_date(),
        hours in extreme_hours(),
        unit_codes in vec(prop::sample::select(vec!["A", "B", "2001020201_16v4"]), 0..4),
        chosen in vec(prop::sample::select(FORMS.to_vec()), 0..5),
    ) {
        let printed = no_panic("PrintedName::new", || PrintedName::new(&name));
        let readable = !name.is_empty() && name.chars().count() <= 100 && name.trim() == name;
        prop_assert_eq!(printed.is_ok(), readable);
        if let Ok(p) = &printed {
            // Masked: the first and last characters of a long enough name kept, blanks kept.
            let masked: Vec<char> = mask_name(p).chars().collect();
            let original: Vec<char> = name.chars().collect();
            prop_assert_eq!(masked.len(), original.len());
            for (i, (m, o)) in masked.iter().zip(&original).enumerate() {
                let kept = *o == ' '
                    || (i == 0 && original.len() > 1)
                    || (i == original.len() - 1 && original.len() > 2);
                prop_assert_eq!(*m, if kept { *o } else { '*' });
            }
        }
        let period = TrainingPeriod::new(first, last);
        prop_assert_eq!(period.is_ok(), first <= last);
        let units: Vec<CompetencyUnit> = unit_codes
            .iter()
            .map(|c| CompetencyUnit { code: UnitCode::new(c).unwrap(), name: PrintedName::example() })
            .collect();
        let distinct = unit_codes.iter().collect::<BTreeSet<_>>().len() == unit_codes.len();
        let content = CourseContent::new(CourseContentSpec {
            qualification_name: PrintedName::example(),
            grade: None,
            institution: PrintedName::example(),
            training_period: period.unwrap_or(TrainingPeriod::new(first.min(last), first.max(last)).unwrap()),
            completed_hours: hours,
            units: units.clone(),
        });
        prop_assert_eq!(content.is_ok(), !units.is_empty() && distinct && !hours.is_zero());
        let work_study = WorkStudyContent::new(cqnet_core::WorkStudyQualificationName::example(), units);
        prop_assert_eq!(work_study.is_ok(), distinct);
        let set = FormSet::new(chosen.clone());
        let distinct_forms = chosen.iter().collect::<BTreeSet<_>>().len() == chosen.len();
        prop_assert_eq!(set.is_ok(), !chosen.is_empty() && distinct_forms);
        if let Ok(set) = set {
            for form in FORMS {
                prop_assert_eq!(set.allows(form), chosen.contains(&form));
            }
        }
    }

    #[test]
    fn a_name_pattern_matches_by_its_stars_and_licences_follow_their_rules(
        core in "[가-힣a-z]{1,6}",
        before in any::<bool>(),
        after in any::<bool>(),
        name in prop_oneof!["[가-힣a-z]{0,12}", Just("미용사(일반)".to_owned()), Just("한식조리기능사".to_owned())],
        track in prop::sample::select(vec![Track::CourseBased, Track::WorkStudy]),
        rules in embedded_rules(),
    ) {
        let text = format!("{}{core}{}", if before { "*" } else { "" }, if after { "*" } else { "" });
        let pattern = NamePattern::new(&text).unwrap();
        let expected = match (before, after) {
            (false, false) => name == core,
            (false, true) => name.starts_with(&core),
            (true, false) => name.ends_with(&core),
            (true, true) => name.contains(&core),
        };
        prop_assert_eq!(pattern.matches(&name), expected);
        let licence = no_panic("licence_for", || licence_for(track, &name, &rules));
        let applies = rules.certificates.licences.value.rules().iter().any(|rule| {
            rule.tracks.contains(&track) && rule.qualifications.iter().any(|p| p.matches(&name))
        });
        prop_assert_eq!(licence.is_some(), applies);
    }
}

// ------------------------------------------------------------------------------------------
// Issuing

/// An issue request near the example's (a pass in 2000–2099, a birth before it, an issue day
/// after it, any status, form and track) or with any dates.
fn issue_request() -> impl Strategy<Value = IssueRequest> {
    let near_dates = (0u64..=36_000, 1u64..=40_000, 0u64..=400).prop_map(|(pass, age, wait)| {
        let pass_date = extremes::date(2000, 1, 1) + Days::new(pass);
        let birth = pass_date.checked_sub_days(Days::new(age)).unwrap();
        (pass_date, birth, pass_date + Days::new(wait))
    });
    let dates = prop_oneof![
        3 => near_dates,
        1 => (extreme_date(), extreme_date(), extreme_date()),
    ];
    (
        dates,
        prop::sample::select(vec![0u8, 1, 2, 2, 2]),
        prop::sample::select(FORMS.to_vec()),
        prop::sample::select(vec![Track::CourseBased, Track::WorkStudy]),
        prop::bool::weighted(0.8),
    )
        .prop_map(
            |((pass_date, birth_date, issue_date), status, form, track, matching)| {
                let mut request = IssueRequest::example();
                request.pass.track = track;
                request.pass.birth_date = birth_date;
                request.pass.status = match status {
                    0 => PassStatus::NotFinalised,
                    1 => PassStatus::Failed,
                    _ => PassStatus::Passed { pass_date },
                };
                request.form = form;
                request.issue_date = issue_date;
                // The content of the pass's track, or (now and then) of the other.
                let content_track = match (matching, track) {
                    (true, track) => track,
                    (false, Track::CourseBased) => Track::WorkStudy,
                    (false, Track::WorkStudy) => Track::CourseBased,
                };
                request.content = match content_track {
                    Track::CourseBased => CertificateContent::CourseBased(CourseContent::example()),
                    Track::WorkStudy => CertificateContent::WorkStudy(
                        WorkStudyContent::new(
                            cqnet_core::WorkStudyQualificationName::example(),
                            vec![],
                        )
                        .unwrap(),
                    ),
                };
                request
            },
        )
}

/// An instant on `day` in Korea at `second` of the day, written at `offset`.
fn on_day(
    day: NaiveDate,
    second: u32,
    nano: u32,
    offset: FixedOffset,
) -> Option<DateTime<FixedOffset>> {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(second, nano)?;
    Some(
        kst()
            .from_local_datetime(&day.and_time(time))
            .single()?
            .with_timezone(&offset),
    )
}

fn offset() -> impl Strategy<Value = FixedOffset> {
    (-86_399i32..=86_399).prop_map(|s| FixedOffset::east_opt(s).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_certificate_is_issued_exactly_for_a_finalised_pass_in_a_form_the_track_offers(
        request in issue_request(),
        serial in prop_oneof![1u32..=999_999_999, extreme_u32()],
        (office, sequence) in (0u8..=99, 1u32..=999_999),
        time in (
            prop_oneof![0u32..86_400, Just(86_399)],
            prop_oneof![3 => Just(0u32), 3 => 0u32..1_000_000_000, 1 => 1_000_000_000u32..2_000_000_000],
            offset(),
        ),
        anywhen in proptest::option::of(any_instant()),
        inner_page in any::<bool>(),
        rules in embedded_rules(),
    ) {
        let decided = no_panic("decide_issue", || decide_issue(&request, &rules));
        let pass = &request.pass;
        let pass_date = pass.status.pass_date();
        let inconsistent = request.content.track() != pass.track
            || pass_date.is_some_and(|d| pass.birth_date >= d);
        prop_assert_eq!(decided.is_err(), inconsistent, "{:?}", decided);
        let Ok(decision) = decided else { return Ok(()) };
        let mut expected = BTreeSet::new();
        match pass.status {
            PassStatus::NotFinalised => {
                expected.insert(ReasonCode::PassNotFinalised);
            }
            PassStatus::Failed => {
                expected.insert(ReasonCode::NotPassed);
            }
            PassStatus::Passed { pass_date } if request.issue_date < pass_date => {
                expected.insert(ReasonCode::PassNotFinalised);
            }
            PassStatus::Passed { .. } => {}
        }
        if !forms(&rules, pass.track).allows(request.form) {
            expected.insert(ReasonCode::FormNotAvailable);
        }
        prop_assert_eq!(codes(&decision.reasons), expected);
        prop_assert_eq!(decision.issuable, decision.reasons.is_empty());
        prop_assert_eq!(decision.issue_key.clone(), decision.issuable.then(|| IssueKey::for_pass(pass)).flatten());

        // Issued at an instant of the request's day (a leap second now and then), or any.
        let (second, nano, offset) = time;
        let issued_at = anywhen.or_else(|| on_day(request.issue_date, second, nano, offset));
        let Some(issued_at) = issued_at else { return Ok(()) };
        let numbers = (
            QualificationNumber::compose(pass_date.unwrap_or(request.issue_date), serial),
            ManagementNumber::compose(issued_at, office, sequence),
        );
        let (Ok(number), Ok(management_number)) = numbers else { return Ok(()) };
        let allocation = Allocation {
            number: number.clone(),
            management_number: management_number.clone(),
            inner_page_number: inner_page.then(InnerPageNumber::example),
            issued_at,
        };
        let issued = no_panic("Certificate::issue", || Certificate::issue(&request, &decision, allocation));
        let issuable_here = decision.issuable
            && check_instant("issue", issued_at).is_ok()
            && korean_date(issued_at) == request.issue_date
            && (!inner_page || request.form == CertificateForm::Notebook);
        prop_assert_eq!(issued.is_ok(), issuable_here, "{:?}", issued);
        if let Ok(c) = issued {
            prop_assert_eq!(c.issue_date(), request.issue_date);
            prop_assert_eq!(c.number(), &number);
            prop_assert_eq!(c.management_number(), &management_number);
            prop_assert_eq!(c.spec().holder.clone(), pass.holder.clone());
            let view = CertificateView::new(&c, &rules);
            prop_assert_eq!(view.issue_date, request.issue_date);
            // The same certificate through its wire form.
            let json = serde_json::to_value(&c).unwrap();
            prop_assert_eq!(serde_json::from_value::<Certificate>(json).unwrap(), c);
        }
    }

    /// A certificate's spec with any one fact changed is accepted exactly when every rule of a
    /// certificate still holds.
    #[test]
    fn a_certificate_spec_is_accepted_exactly_when_its_rules_hold(
        change in 0usize..9,
        at in any_instant(),
        day in extreme_date(),
        form in prop::sample::select(FORMS.to_vec()),
        serial in 1u32..=999_999_999,
    ) {
        let mut spec: CertificateSpec = Certificate::example().spec().clone();
        match change {
            0 => spec.issued_at = at,
            1 => spec.pass_date = day,
            2 => spec.birth_date = day,
            3 => spec.form = form,
            4 => spec.inner_page_number = Some(InnerPageNumber::example()),
            5 => spec.supersedes = Some(ManagementNumber::example()),
            6 => spec.reissue_reason = Some(ReissueReason::Lost),
            7 => spec.track = Track::WorkStudy,
            _ => spec.number = QualificationNumber::compose(day, serial).unwrap_or(spec.number),
        }
        let made = no_panic("Certificate::new", || Certificate::new(spec.clone()));
        let local_minute = in_korea(spec.issued_at).and_then(|l| l.with_second(0)?.with_nanosecond(0));
        let holds = check_instant("issue", spec.issued_at).is_ok()
            && spec.content.track() == spec.track
            && i32::from(spec.number.pass_year_yy()) == spec.pass_date.year() % 100
            && Some(spec.management_number.issued_minute()) == local_minute
            && (spec.inner_page_number.is_none() || spec.form == CertificateForm::Notebook)
            && korean_date(spec.issued_at) >= spec.pass_date
            && spec.birth_date < spec.pass_date
            && spec.supersedes.is_some() == spec.reissue_reason.is_some()
            && spec.supersedes.as_ref() != Some(&spec.management_number);
        prop_assert_eq!(made.is_ok(), holds, "{:?}", made);
    }
}

// ------------------------------------------------------------------------------------------
// A qualification's record: reissues, revocation and 진위확인

/// One step of a record's history: a reissue some minutes after the document in force (or,
/// now and then, before it), with a reason, a form and perhaps a new name.
#[derive(Debug, Clone)]
struct Reissue {
    minutes_later: i64,
    reason: ReissueReason,
    form: CertificateForm,
    new_name: bool,
}

fn reissue() -> impl Strategy<Value = Reissue> {
    (
        prop_oneof![9 => 1i64..=200_000, 1 => -1_000i64..=0],
        prop::sample::select(REISSUE_REASONS.to_vec()),
        prop::sample::select(FORMS.to_vec()),
        any::<bool>(),
    )
        .prop_map(|(minutes_later, reason, form, new_name)| Reissue {
            minutes_later,
            reason,
            form,
            new_name,
        })
}

/// The example certificate reissued step by step, each step through `decide_reissue` and
/// `Certificate::reissue`: the record of what was issued.
fn history(steps: &[Reissue], rules: &Rules) -> QualificationRecord {
    let first = Certificate::example();
    let mut issues = vec![first.clone()];
    let mut record = QualificationRecord::new(
        first.number().clone(),
        first.spec().track,
        issues.clone(),
        None,
    )
    .unwrap();
    for (i, step) in steps.iter().enumerate() {
        let previous = issues.last().unwrap().clone();
        let issued_at = previous.spec().issued_at + chrono::TimeDelta::minutes(step.minutes_later);
        let request = ReissueRequest {
            previous: previous.management_number().clone(),
            reason: step.reason,
            form: step.form,
            new_holder_name: (step.new_name && step.reason == ReissueReason::DetailsChanged)
                .then(|| PrintedName::new(&format!("김민준{i}")).unwrap()),
            issue_date: korean_date(issued_at),
        };
        let Ok(decision) = decide_reissue(&record, &request, issued_at, rules) else {
            continue;
        };
        let Ok(management_number) =
            ManagementNumber::compose(issued_at, 1, u32::try_from(i).unwrap() + 100)
        else {
            continue;
        };
        let allocation = Allocation {
            number: previous.number().clone(),
            management_number,
            inner_page_number: None,
            issued_at,
        };
        let made = Certificate::reissue(&previous, &request, &decision, allocation);
        // Only an issuable decision, later than the document it supersedes, is reissued.
        assert_eq!(
            made.is_ok(),
            decision.issuable && step.minutes_later > 0,
            "{made:?}"
        );
        if let Ok(c) = made {
            issues.push(c);
            record = QualificationRecord::new(
                first.number().clone(),
                first.spec().track,
                issues.clone(),
                None,
            )
            .unwrap();
        }
    }
    record
}

fn agency() -> Actor {
    Actor::Agency(PartyId::new("hrdk").unwrap())
}

/// An instant around a record's documents (minutes before the first to years after), or any.
fn around(
    record: &QualificationRecord,
    minutes: i64,
    anywhen: Option<DateTime<FixedOffset>>,
) -> DateTime<FixedOffset> {
    anywhen.unwrap_or(record.issues()[0].spec().issued_at + chrono::TimeDelta::minutes(minutes))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn reissues_revocation_and_authenticity_answer_by_the_record(
        steps in vec(reissue(), 0..5),
        revoke in proptest::option::of((-10_000i64..=2_000_000, proptest::option::of(-3i64..=3))),
        minutes in -10_000i64..=3_000_000,
        anywhen in prop_oneof![3 => Just(None), 1 => any_instant().prop_map(Some)],
        asked in any::<prop::sample::Index>(),
        query_change in prop_oneof![3 => Just(0usize), 1 => 1usize..4],
        rules in embedded_rules(),
    ) {
        let record = no_panic("a reissue chain", || history(&steps, &rules));
        // Cancelled, after a hearing some days from the cancellation, or without one.
        let record = match revoke {
            None => record,
            Some((at_minutes, hearing)) => {
                let at = around(&record, at_minutes, None);
                let request = RevocationRequest {
                    at,
                    reason: RevocationReason::Fraud,
                    hearing_held_on: hearing.map(|d| korean_date(at) + chrono::TimeDelta::days(d)),
                    note: None,
                };
                let d = no_panic("decide_revocation", || decide_revocation(&record, &agency(), &request, &rules));
                let heard = hearing.is_some_and(|d| d <= 0);
                prop_assert_eq!(d.allowed, heard);
                prop_assert_eq!(codes(&d.reasons), if heard { BTreeSet::new() } else { BTreeSet::from([ReasonCode::HearingNotHeld]) });
                // The public may not cancel a qualification, whenever it asks.
                let public = decide_revocation(&record, &Actor::Public, &request, &rules);
                prop_assert!(!public.allowed && public.revocation.is_none());
                match d.revocation {
                    Some(r) => {
                        prop_assert_eq!(r.at, at);
                        let revoked = QualificationRecord::new(record.number().clone(), Track::CourseBased, record.issues().to_vec(), Some(r)).unwrap();
                        // Cancelled once: a second cancellation is refused.
                        let again = decide_revocation(&revoked, &agency(), &request, &rules);
                        prop_assert!(codes(&again.reasons).contains(&ReasonCode::QualificationRevoked));
                        revoked
                    }
                    None => record,
                }
            }
        };
        let now = around(&record, minutes, anywhen);
        let issues = record.issues();
        let revoked = record.revoked_at(now).is_some();

        // The document in force: issued by now and superseded by nothing issued by now.
        let in_force = no_panic("document_in_force", || record.document_in_force(now).cloned());
        let expected = issues.iter().find(|c| {
            c.spec().issued_at <= now
                && !issues.iter().any(|o| o.spec().supersedes.as_ref() == Some(c.management_number()) && o.spec().issued_at <= now)
        });
        prop_assert_eq!(in_force.as_ref(), expected);
        prop_assert_eq!(check_confirmation(&record, now).is_empty(), !revoked);

        // 진위확인 of one document by its number, issue day and management number.
        let shown = asked.get(issues);
        let mut query = VerificationQuery {
            number: record.number().clone(),
            issue_date: shown.issue_date(),
            document: DocumentRef::ManagementNumber(shown.management_number().clone()),
        };
        match query_change {
            1 => query.issue_date = query.issue_date.succ_opt().unwrap(),
            2 => query.number = QualificationNumber::compose(extremes::date(2026, 4, 10), 124).unwrap(),
            3 => query.document = DocumentRef::InnerPage(InnerPageNumber::example()),
            _ => {}
        }
        let answer = no_panic("verify", || verify(&query, Some(&record), now, &rules));
        prop_assert_eq!(verify(&query, None, now, &rules), VerificationAnswer::no_match());
        let matches = query_change == 0 && shown.spec().issued_at <= now;
        if !matches {
            // A wrong day, a wrong number, a wrong document or one not yet issued: one answer.
            prop_assert_eq!(answer, VerificationAnswer::no_match());
        } else {
            let superseded = issues.iter().any(|o| o.spec().supersedes.as_ref() == Some(shown.management_number()) && o.spec().issued_at <= now);
            let status = if revoked {
                VerificationStatus::Revoked
            } else if superseded {
                VerificationStatus::Superseded
            } else {
                VerificationStatus::Valid
            };
            prop_assert_eq!(answer.status, status);
            let disclosure = answer.disclosure.unwrap();
            prop_assert_eq!(disclosure.issue_date, shown.issue_date());
            prop_assert_eq!(disclosure.holder_name, shown.spec().holder.as_str().to_owned());
            prop_assert_eq!(check_export(status, &rules).is_empty(), status == VerificationStatus::Valid);
        }

        // A reissue asked for now, of the document asked about.
        let request = ReissueRequest {
            previous: shown.management_number().clone(),
            reason: ReissueReason::DetailsChanged,
            form: CertificateForm::Certificate,
            new_holder_name: None,
            issue_date: korean_date(now),
        };
        let d = no_panic("decide_reissue", || decide_reissue(&record, &request, now, &rules)).unwrap();
        let superseded = record.superseded_by(shown.management_number(), now).is_some();
        let mut expected = BTreeSet::from([ReasonCode::DetailsUnchanged]);
        if revoked {
            expected.insert(ReasonCode::QualificationRevoked);
        }
        if superseded {
            expected.insert(ReasonCode::CertificateSuperseded);
        }
        if !forms(&rules, Track::CourseBased).allows(CertificateForm::Certificate) {
            expected.insert(ReasonCode::FormNotAvailable);
        }
        prop_assert_eq!(codes(&d.reasons), expected);
        prop_assert!(!d.issuable);
        prop_assert_eq!(d.issue_key, IssueKey::for_reissue(shown.management_number()));
        // A new name without the reason details_changed, and a document not in the record, are
        // not reissue requests.
        let renamed = ReissueRequest { reason: ReissueReason::Lost, new_holder_name: Some(PrintedName::example()), ..request.clone() };
        prop_assert!(decide_reissue(&record, &renamed, now, &rules).is_err());
        let unknown = ReissueRequest { previous: ManagementNumber::compose(extremes::instant("2030-01-01T00:00:00+09:00"), 99, 999_999).unwrap(), ..request };
        prop_assert!(decide_reissue(&record, &unknown, now, &rules).is_err());
    }
}

// ------------------------------------------------------------------------------------------
// Confirmation documents

/// A confirmation document's number: its issue instant anywhere in the supported years.
fn confirmation_number() -> impl Strategy<Value = ConfirmationNumber> {
    (supported_instant(), 1u32..=99_999).prop_filter_map("a writable number", |(at, seq)| {
        ConfirmationNumber::compose(at, seq).ok()
    })
}

/// Secrets: of every length around the allowed ones, random or one byte repeated.
fn secret_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..80),
        (0usize..80, any::<u8>()).prop_map(|(n, b)| vec![b; n]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_confirmation_is_genuine_only_by_its_number_and_code_within_its_period(
        number in confirmation_number(),
        bytes in secret_bytes(),
        other_bytes in vec(any::<u8>(), 32..=64),
        days_after in prop_oneof![-2i64..=120, any::<i64>().prop_map(|d| d % 4_000_000)],
        second in 0u32..86_400,
        anywhen in proptest::option::of(any_instant()),
        verifiable_days in prop_oneof![Just(90u32), extreme_u32()],
        revoked_at in proptest::option::of(any_instant()),
        mut rules in embedded_rules(),
    ) {
        let secret = ConfirmationSecret::new(&bytes);
        let random = bytes.iter().any(|b| Some(b) != bytes.first());
        prop_assert_eq!(secret.is_ok(), (32..=64).contains(&bytes.len()) && random);
        let secret = secret.unwrap_or_else(|_| ConfirmationSecret::example());
        rules.certificates.confirmation_verifiable_days.value = verifiable_days;
        let doc = ConfirmationDocument { number: number.clone(), ..ConfirmationDocument::example() };
        let code = no_panic("check_code", || doc.check_code(&secret));
        prop_assert_eq!(ConfirmationCode::new(code.as_str()), Ok(code.clone()));
        prop_assert_eq!(doc.check_code(&secret), code.clone());

        // Verifiable from its issue instant to the start of the day after the period, in Korea.
        let until = no_panic("confirmation_verifiable_until", || confirmation_verifiable_until(&number, &rules));
        let issued_at = number.issued_at();
        let last_day = korean_date(issued_at)
            .checked_add_days(Days::new(u64::from(verifiable_days) + 1))
            .unwrap_or(NaiveDate::MAX);
        let expected_until = kst().from_local_datetime(&last_day.and_time(NaiveTime::MIN)).single().unwrap_or(issued_at);
        prop_assert_eq!(until, expected_until);
        prop_assert!(until >= issued_at);

        let now = anywhen.unwrap_or_else(|| {
            korean_date(issued_at)
                .checked_add_signed(chrono::TimeDelta::days(days_after))
                .and_then(|day| on_day(day, second, 0, kst()))
                .unwrap_or(issued_at)
        });
        let revocation = revoked_at.and_then(|at| {
            let record = QualificationRecord::new(Certificate::example().number().clone(), Track::CourseBased, vec![Certificate::example()], None).unwrap();
            let request = RevocationRequest { at, reason: RevocationReason::Lending, hearing_held_on: Some(korean_date(at)), note: None };
            decide_revocation(&record, &agency(), &request, &rules).revocation
        });
        let query = ConfirmationQuery { number: number.clone(), code: code.clone() };
        let answer = no_panic("verify_confirmation", || verify_confirmation(&query, Some(&doc), revocation.as_ref(), &secret, now, &rules));
        let in_period = issued_at <= now && now < until;
        let cancelled = revocation.as_ref().is_some_and(|r| r.at <= now);
        match (in_period, cancelled) {
            (false, _) => prop_assert_eq!(&answer, &VerificationAnswer::no_match()),
            (true, true) => {
                prop_assert_eq!(answer.status, VerificationStatus::Revoked);
                prop_assert!(answer.disclosure.is_none());
            }
            (true, false) => {
                prop_assert_eq!(answer.status, VerificationStatus::Valid);
                let disclosure = answer.disclosure.clone().unwrap();
                prop_assert_eq!(disclosure.holder_name, mask_name(&doc.holder));
                prop_assert_eq!(disclosure.issue_date, korean_date(issued_at));
            }
        }
        // Nothing found, or another secret's code: the same answer as a number never issued.
        prop_assert_eq!(verify_confirmation(&query, None, None, &secret, now, &rules), VerificationAnswer::no_match());
        if let Ok(other) = ConfirmationSecret::new(&other_bytes) {
            let forged = ConfirmationQuery { number, code: doc.check_code(&other) };
            if forged.code != code {
                prop_assert_eq!(verify_confirmation(&forged, Some(&doc), None, &secret, now, &rules), VerificationAnswer::no_match());
            }
        }
    }

    #[test]
    fn a_pass_is_final_only_from_its_announcement(
        finalised in any::<bool>(),
        passed in proptest::option::of(any::<bool>()),
        known in any::<bool>(),
        announcement in any_instant(),
        now in any_instant(),
        note in proptest::option::of(prop_oneof!["[가-힣a-z ]{0,20}", "[가]{490,510}", any::<String>()]),
    ) {
        let result = known.then_some(ResultFacts { finalised, passed });
        let status = no_panic("pass_status", || pass_status(result, announcement, now));
        let expected = match result {
            Some(r) if r.finalised && now >= announcement => {
                if r.passed == Some(true) {
                    PassStatus::Passed { pass_date: korean_date(announcement) }
                } else {
                    PassStatus::Failed
                }
            }
            _ => PassStatus::NotFinalised,
        };
        prop_assert_eq!(status, expected);
        let checked = no_panic("check_revocation_note", || check_revocation_note(note.as_deref()));
        if let Some(text) = &note {
            let plain = text.chars().count() <= 500 && !text.chars().any(char::is_control);
            if checked.is_ok() {
                prop_assert!(plain);
            }
            if !plain {
                prop_assert!(checked.is_err());
            }
        } else {
            prop_assert!(checked.is_ok());
        }
    }
}

// ------------------------------------------------------------------------------------------
// Signed credentials

#[cfg(feature = "credentials")]
mod credentials {
    use super::*;
    use cqnet_core::credential::{
        CredentialSpec, Issuer, SigningKey, StatusFreshness, StatusList, Verdict,
        certificate_credential, issue_credential, public_key_from_multibase, public_key_multibase,
        verify_credential, verify_credential_at,
    };

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// A credential is signed exactly for an instant in the supported years, and what is
        /// signed verifies, whatever the offset the instant came with.
        #[test]
        fn a_credential_is_signed_for_every_supported_instant_and_verifies(
            valid_from in prop_oneof![supported_instant(), any_instant()],
            entries in prop_oneof![Just(131_072u64), Just(16_777_216), Just(131_071), Just(131_080), any::<u64>()],
            index in any::<u64>(),
            max_age in any::<i64>(),
            now in any_instant(),
            key_text in prop_oneof!["z[1-9A-HJ-NP-Za-km-z]{0,60}", any::<String>()],
            cut in any::<usize>(),
        ) {
            let key = SigningKey::from_bytes(&[42; 32]);
            let spec = CredentialSpec { id: None, issuer: Issuer::example(&key.verifying_key()), valid_from, status: None };
            let unsigned = no_panic("certificate_credential", || certificate_credential(&Certificate::example(), &spec));
            prop_assert!(unsigned["validFrom"].is_string());
            let signed = no_panic("issue_credential", || issue_credential(&Certificate::example(), &spec, &key));
            let supported = SUPPORTED_YEARS.contains(&korean_date(valid_from).year());
            prop_assert_eq!(signed.is_ok(), supported, "{:?}", signed);
            if let Ok(vc) = signed {
                let text = vc.to_string();
                prop_assert_eq!(verify_credential(&text, &key.verifying_key()), Verdict::Valid);
                // Checked at any instant, at any offset: valid from its validFrom on.
                let at = no_panic("verify_credential_at", || verify_credential_at(&text, &key.verifying_key(), now));
                prop_assert_eq!(at == Verdict::Valid, now >= valid_from, "{:?} at {:?}", at, now);
            }
            let encoded = public_key_multibase(&key.verifying_key());
            prop_assert_eq!(public_key_from_multibase(&encoded), Ok(key.verifying_key()));
            no_panic("public_key_from_multibase", || {
                let _ = (public_key_from_multibase(&key_text), public_key_from_multibase(&encoded[..cut % (encoded.len() + 1)]));
            });

            let list = no_panic("StatusList::new", || StatusList::new(entries));
            let sized = (131_072..=16_777_216).contains(&entries) && entries % 8 == 0;
            prop_assert_eq!(list.is_ok(), sized);
            if let Ok(mut list) = list {
                let inside = index < entries;
                prop_assert_eq!(list.set(index, true).is_ok(), inside);
                prop_assert_eq!(list.is_set(index), if inside { Ok(true) } else { list.is_set(index) });
                prop_assert_eq!(list.is_set(index).is_ok(), inside);
            }
            let age = chrono::TimeDelta::try_seconds(max_age).unwrap_or(chrono::TimeDelta::MAX);
            let freshness = no_panic("StatusFreshness::new", || StatusFreshness::new(valid_from, age));
            prop_assert_eq!(freshness.is_ok(), age > chrono::TimeDelta::zero());
            if let Ok(f) = freshness {
                prop_assert_eq!(no_panic("oldest_accepted", || f.oldest_accepted()), valid_from.checked_sub_signed(age));
            }
        }
    }
}
