//! The decisions of an external evaluation round (외부평가) at the extremes: plans (시행계획),
//! exam numbers (수험번호), applications (원서접수), earlier attempts and retakes (재응시), a
//! course's seats (정원) and refunds (환불), with instants across chrono's range at every
//! offset, dates at its limits, counts and fees at the limits of their types and rule values at
//! theirs. Each call gives a value or a typed error, never a panic, and each decision agrees
//! with its rule stated here on its own terms.

#![allow(clippy::unwrap_used)]

mod extremes;

use std::collections::BTreeSet;

use chrono::{DateTime, Days, FixedOffset, Months, NaiveDate, TimeZone};
use cqnet_core::application::{
    self, ApplicationFacts, CandidateFacts, StateRefusal, VenueLoad, check_cancellation,
    check_payment,
};
use cqnet_core::candidacy::{EarlierApplication, check_plan_coverage, classify_attempts};
use cqnet_core::capacity::{capacity_holds, seat_left};
use cqnet_core::exam::{
    ExamNumber, ExamNumberPrefix, ExamPlan, ExamPlanSpec, SystemCode, check_plan_publication,
    check_result_open, check_retake, decide_retake_window,
};
use cqnet_core::refund::{self, RefundRequest, RefundStage};
use cqnet_core::rules::{CancelReason, Limit, RetakeLimit, Rules};
use cqnet_core::window::{TimeWindow, check_instant, korean_date, kst};
use cqnet_core::{InputError, QualificationCode, ReasonCode, Track, Won};
use proptest::prelude::*;
use rust_decimal::Decimal;

use extremes::{
    any_instant, embedded_rules, extreme_date, extreme_percent, extreme_u32, extreme_u64, no_panic,
    supported_instant,
};

const SYSTEMS: [SystemCode; 5] = [
    SystemCode::C1,
    SystemCode::C2,
    SystemCode::W1,
    SystemCode::W2,
    SystemCode::W3,
];

const TRACKS: [Track; 2] = [Track::CourseBased, Track::WorkStudy];

const CANCEL_REASONS: [CancelReason; 6] = [
    CancelReason::Personal,
    CancelReason::AgencyFault,
    CancelReason::Hospitalized,
    CancelReason::InfectiousDisease,
    CancelReason::Bereavement,
    CancelReason::Disaster,
];

fn codes(reasons: &[cqnet_core::Reason]) -> BTreeSet<ReasonCode> {
    reasons.iter().map(|r| r.code).collect()
}

/// Windows inside the supported years: the widest, any two instants, and a few days in 2026.
fn window() -> impl Strategy<Value = TimeWindow> {
    prop_oneof![
        Just(
            TimeWindow::new(
                extremes::instant("1900-01-01T00:00:00+09:00"),
                extremes::instant("9999-12-31T23:59:59.999999999+09:00"),
            )
            .unwrap()
        ),
        (supported_instant(), supported_instant())
            .prop_filter_map("two different instants", |(a, b)| {
                TimeWindow::new(a.min(b), a.max(b)).ok()
            }),
        (0i64..=1_000, 1i64..=10_000).prop_map(|(day, minutes)| {
            let start =
                extremes::instant("2026-03-02T09:00:00+09:00") + chrono::TimeDelta::days(day);
            TimeWindow::new(start, start + chrono::TimeDelta::minutes(minutes)).unwrap()
        }),
    ]
}

fn qualification() -> impl Strategy<Value = QualificationCode> {
    prop::sample::select(vec!["1320", "2290", "2N0C", "ZZZZ", "0000"])
        .prop_map(|c| QualificationCode::new(c).unwrap())
}

/// Plan specs: near a valid one (any year the plans allow, the days in order, each nudged), or
/// made of anything.
fn plan_spec() -> impl Strategy<Value = ExamPlanSpec> {
    let near = (
        2014i32..=2101,
        0u16..=100,
        prop::sample::select(SYSTEMS.to_vec()),
        prop::collection::vec(qualification(), 0..4),
        (-2i64..=30, -2i64..=30, -2i64..=90, -400i64..=2),
        any::<bool>(),
    )
        .prop_map(
            |(
                year,
                round,
                system,
                qualifications,
                (first, second, announced, published),
                two_days,
            )| {
                let opens = kst()
                    .with_ymd_and_hms(year, 3, 2, 9, 0, 0)
                    .single()
                    .unwrap();
                let closes = opens + chrono::TimeDelta::days(4);
                let day = |n: i64| korean_date(closes) + chrono::TimeDelta::days(n);
                let first_day = day(first);
                ExamPlanSpec {
                    year,
                    round,
                    system,
                    qualifications,
                    application_window: TimeWindow::new(opens, closes).unwrap(),
                    first_day,
                    second_day: two_days.then(|| first_day + chrono::TimeDelta::days(second)),
                    announcement: closes + chrono::TimeDelta::days(announced),
                    published_on: korean_date(opens) + chrono::TimeDelta::days(published),
                }
            },
        );
    let anything = (
        any::<i32>(),
        any::<u16>(),
        prop::sample::select(SYSTEMS.to_vec()),
        prop::collection::vec(qualification(), 0..6),
        window(),
        extreme_date(),
        proptest::option::of(extreme_date()),
        any_instant(),
        extreme_date(),
    )
        .prop_map(
            |(
                year,
                round,
                system,
                qualifications,
                window,
                first_day,
                second_day,
                announcement,
                published_on,
            )| {
                ExamPlanSpec {
                    year,
                    round,
                    system,
                    qualifications,
                    application_window: window,
                    first_day,
                    second_day,
                    announcement,
                    published_on,
                }
            },
        );
    prop_oneof![3 => near, 1 => anything]
}

/// Valid plans.
fn plan() -> impl Strategy<Value = ExamPlan> {
    plan_spec().prop_filter_map("a valid plan", |spec| ExamPlan::new(spec).ok())
}

/// Whether a spec describes a plan, by the rules of a plan stated on their own.
fn describes_a_plan(s: &ExamPlanSpec) -> bool {
    let distinct: BTreeSet<_> = s.qualifications.iter().collect();
    let last_day = s.second_day.unwrap_or(s.first_day);
    check_instant("announcement", s.announcement).is_ok()
        && (2015..=2100).contains(&s.year)
        && (1..=99).contains(&s.round)
        && !s.qualifications.is_empty()
        && distinct.len() == s.qualifications.len()
        && korean_date(s.application_window.end()) < s.first_day
        && s.first_day <= last_day
        && last_day <= korean_date(s.announcement)
        && s.published_on <= korean_date(s.application_window.start())
}

/// A retake limit at its extremes.
fn retake_limit() -> impl Strategy<Value = RetakeLimit> {
    let limit = prop_oneof![
        Just(Limit::Unlimited),
        extreme_u32().prop_map(Limit::AtMost)
    ];
    (limit.clone(), limit).prop_map(|(max_attempts, window_months)| RetakeLimit {
        max_attempts,
        window_months,
    })
}

/// The pack's rules, half of the time with the values an exam round reads set to extremes.
fn exam_rules() -> impl Strategy<Value = Rules> {
    let extreme = (
        embedded_rules(),
        extreme_u32(),
        retake_limit(),
        retake_limit(),
    )
        .prop_map(|(mut rules, within, course_based, work_study)| {
            rules.course_based.announcement_within_days.value = within;
            rules.course_based.retake_limit.value = course_based;
            rules.work_study.retake_limit.value = work_study;
            rules
        });
    prop_oneof![embedded_rules(), extreme]
}

/// A first sitting's announcement and a later evaluation day: a few years apart in the plans'
/// years, or any two dates.
fn retake_days() -> impl Strategy<Value = (NaiveDate, NaiveDate)> {
    let near = (0u64..=31_000, -30i64..=1_500).prop_map(|(day, later)| {
        let announced = extremes::date(2015, 1, 1) + Days::new(day);
        (announced, announced + chrono::TimeDelta::days(later))
    });
    prop_oneof![near, (extreme_date(), extreme_date())]
}

fn retake_rule(rules: &Rules, track: Track) -> RetakeLimit {
    match track {
        Track::CourseBased => rules.course_based.retake_limit.value,
        Track::WorkStudy => rules.work_study.retake_limit.value,
    }
}

/// The last day of a retake window of `months` from `announced`, on chrono's calendar (29, 30
/// and 31 falling back to a shorter month's last day), or chrono's last day past it.
fn window_end(announced: NaiveDate, months: u32) -> NaiveDate {
    announced
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

// ------------------------------------------------------------------------------------------
// Plans and exam numbers

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_plan_is_made_exactly_when_its_rules_hold(
        spec in plan_spec(),
        rules in exam_rules(),
        now in any_instant(),
    ) {
        let expected = describes_a_plan(&spec);
        let made = no_panic(&format!("ExamPlan::new({spec:?})"), || ExamPlan::new(spec.clone()));
        prop_assert_eq!(made.is_ok(), expected, "{:?}: {:?}", spec, made);
        let plan = match made {
            Ok(plan) => plan,
            Err(err) => {
                let typed = matches!(
                    err,
                    InputError::OutOfRange { .. }
                        | InputError::Empty { .. }
                        | InputError::Duplicate { .. }
                        | InputError::Inconsistent(_)
                );
                prop_assert!(typed, "{:?}", err);
                return Ok(());
            }
        };
        prop_assert_eq!(plan.results_announced(now), now >= spec.announcement);
        prop_assert!(plan.covers(&spec.qualifications[0]));
        // The same plan through its wire form.
        let json = serde_json::to_value(&plan).unwrap();
        prop_assert_eq!(serde_json::from_value::<ExamPlan>(json).unwrap(), plan.clone());

        let check = no_panic("check_plan_publication", || check_plan_publication(&plan, &rules));
        prop_assert_eq!(check.accepted, check.reasons.is_empty());
        let last_day = spec.second_day.unwrap_or(spec.first_day);
        let days_after = (korean_date(spec.announcement) - last_day).num_days();
        let within = i64::from(rules.course_based.announcement_within_days.value);
        let late_announcement = spec.system.track() == Track::CourseBased && days_after > within;
        let deadline = rules.work_study.plan_deadline.value.in_year(spec.year - 1);
        let regular_work_study = spec.system.track() == Track::WorkStudy && !spec.system.is_ad_hoc();
        let late_plan = regular_work_study && deadline.is_some_and(|due| spec.published_on > due);
        let mut expected = BTreeSet::new();
        if late_announcement {
            expected.insert(ReasonCode::AnnouncementTooLate);
        }
        if late_plan {
            expected.insert(ReasonCode::PlanPublishedLate);
        }
        prop_assert_eq!(codes(&check.reasons), expected);
    }

    #[test]
    fn exam_numbers_are_composed_for_every_sequence_a_round_allows(
        plan in plan(),
        sequence in extreme_u32(),
        text in prop_oneof!["[0-9A-Z-]{0,16}", any::<String>()],
    ) {
        let number = no_panic("ExamNumber::compose", || ExamNumber::compose(&plan, sequence));
        let allowed = (1..=ExamNumberPrefix::MAX_SEQUENCE).contains(&sequence);
        prop_assert_eq!(number.is_ok(), allowed, "{}", sequence);
        let prefix = ExamNumberPrefix::of(&plan);
        prop_assert_eq!(ExamNumberPrefix::of_plan_id(&plan.id()), Ok(prefix.clone()));
        if let Ok(number) = number {
            prop_assert_eq!(number.sequence(), sequence);
            prop_assert!(number.as_str().starts_with(prefix.as_str()));
            prop_assert_eq!(ExamNumber::new(number.as_str()), Ok(number));
        }
        // Any text as a round identifier or an exam number: read or refused.
        no_panic(&format!("{text:?} as a round and a number"), || {
            let _ = (ExamNumberPrefix::of_plan_id(&text), ExamNumber::new(&text));
        });
    }
}

#[test]
fn every_system_code_names_its_track_and_reads_back() {
    for system in SYSTEMS {
        assert_eq!(system.to_string().parse::<SystemCode>(), Ok(system));
        let ad_hoc = matches!(system, SystemCode::C2 | SystemCode::W2);
        assert_eq!(system.is_ad_hoc(), ad_hoc);
        let course_based = matches!(system, SystemCode::C1 | SystemCode::C2);
        assert_eq!(system.track() == Track::CourseBased, course_based);
        assert!(!system.korean_name().is_empty());
    }
    assert!("C3".parse::<SystemCode>().is_err());
}

// ------------------------------------------------------------------------------------------
// Retakes and results

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_retake_is_refused_exactly_by_its_limits(
        track in prop::sample::select(TRACKS.to_vec()),
        previous in extreme_u32(),
        (announced, evaluation_day) in retake_days(),
        first_sitting in any::<bool>(),
        rules in exam_rules(),
    ) {
        let announced = first_sitting.then_some(announced);
        let reasons = no_panic("check_retake", || {
            check_retake(track, previous, announced, evaluation_day, &rules)
        });
        let limit = retake_rule(&rules, track);
        let mut expected = BTreeSet::new();
        if let Limit::AtMost(most) = limit.max_attempts
            && u64::from(previous) + 1 > u64::from(most)
        {
            expected.insert(ReasonCode::RetakeLimitReached);
        }
        if let (Some(announced), Limit::AtMost(months)) = (announced, limit.window_months)
            && evaluation_day > window_end(announced, months)
        {
            expected.insert(ReasonCode::RetakeWindowClosed);
        }
        prop_assert_eq!(codes(&reasons), expected);
    }

    #[test]
    fn a_retake_window_is_decided_from_the_first_announcement(
        track in prop::sample::select(TRACKS.to_vec()),
        (announced, evaluation_day) in retake_days(),
        rules in exam_rules(),
    ) {
        let decided = no_panic("decide_retake_window", || {
            decide_retake_window(track, announced, evaluation_day, &rules)
        });
        if evaluation_day <= announced {
            prop_assert!(matches!(decided, Err(InputError::Inconsistent(_))), "{:?}", decided);
            return Ok(());
        }
        let d = decided.unwrap();
        let last = match retake_rule(&rules, track).window_months {
            Limit::Unlimited => None,
            Limit::AtMost(months) => Some(window_end(announced, months)),
        };
        prop_assert_eq!(d.last_day, last);
        prop_assert_eq!(d.allowed, last.is_none_or(|l| evaluation_day <= l));
        prop_assert_eq!(d.allowed, d.reasons.is_empty());
    }
}

#[test]
fn a_result_is_open_until_it_is_finalised() {
    let rules = cqnet_core::rules::RulePack::embedded().newest();
    assert!(check_result_open(false, &rules).is_empty());
    let reasons = check_result_open(true, &rules);
    assert_eq!(
        codes(&reasons),
        BTreeSet::from([ReasonCode::ResultsFinalised])
    );
}

// ------------------------------------------------------------------------------------------
// Applications, earlier attempts and seats

fn candidate() -> impl Strategy<Value = CandidateFacts> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(eligible, course_designated, already_passed, pending_application)| CandidateFacts {
            eligible,
            course_designated,
            already_passed,
            pending_application,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn an_application_is_accepted_exactly_when_every_check_passes(
        track in prop::sample::select(TRACKS.to_vec()),
        now in any_instant(),
        window in window(),
        candidate in candidate(),
        seats in (extreme_u32(), extreme_u32()),
        rules in embedded_rules(),
    ) {
        let venue = no_panic("VenueLoad::new", || VenueLoad::new(seats.0, seats.1));
        prop_assert_eq!(venue.is_ok(), seats.1 <= seats.0);
        let venue = venue.ok();
        if let Some(v) = venue {
            prop_assert_eq!(v.is_full(), v.booked() >= v.capacity());
        }
        let facts = ApplicationFacts { track, now, window, candidate, venue };
        let d = no_panic(&format!("application::decide at {now:?}"), || application::decide(&facts, &rules));
        let mut expected = BTreeSet::new();
        if !(window.start() <= now && now < window.end()) {
            expected.insert(ReasonCode::OutsideApplicationWindow);
        }
        if !candidate.eligible {
            expected.insert(ReasonCode::NotEligible);
        }
        if !candidate.course_designated {
            expected.insert(ReasonCode::CourseNotDesignated);
        }
        if candidate.already_passed {
            expected.insert(ReasonCode::AlreadyPassed);
        }
        if candidate.pending_application {
            expected.insert(ReasonCode::DuplicateApplication);
        }
        // A venue exists only with no more seats booked than it has: full when all are.
        if venue.is_some() && seats.1 == seats.0 {
            expected.insert(ReasonCode::VenueFull);
        }
        // One reason per failing check, none twice.
        prop_assert_eq!(d.reasons.len(), expected.len());
        prop_assert_eq!(codes(&d.reasons), expected);
        prop_assert_eq!(d.accepted, d.reasons.is_empty());
        // Every reason reads, whatever the instant.
        for r in &d.reasons {
            prop_assert!(!r.message.ko.is_empty() && !r.message.en.is_empty());
        }
    }

    #[test]
    fn earlier_applications_count_as_their_rule_says(
        plans in prop::collection::vec(plan(), 1..6),
        past in prop::collection::vec(
            (any::<prop::sample::Index>(), qualification(), any::<bool>(), any::<bool>(), any::<bool>()),
            0..64,
        ),
        track in prop::sample::select(TRACKS.to_vec()),
        rules in embedded_rules(),
    ) {
        let this = &plans[0];
        let q = this.spec().qualifications[0].clone();
        let chosen: Vec<(&ExamPlan, QualificationCode, bool, bool, bool)> = past
            .iter()
            .map(|(i, other, active, finalised, passed)| {
                (i.get(&plans), other.clone(), *active, *finalised, *passed)
            })
            .collect();
        let earlier: Vec<EarlierApplication<'_>> = chosen
            .iter()
            .map(|(plan, qualification, active, finalised, passed)| EarlierApplication {
                plan,
                qualification,
                active: *active,
                finalised: *finalised,
                passed: *passed,
            })
            .collect();
        let history = no_panic("classify_attempts", || classify_attempts(this, &q, &earlier));
        let standing = || earlier.iter().filter(|e| e.active);
        let same_round = |e: &&EarlierApplication<'_>| e.plan.id() == this.id();
        let pending = standing().any(|e| {
            same_round(&e) || (e.qualification == &q && !e.finalised)
        });
        let passed = standing().any(|e| {
            !same_round(&e) && e.qualification == &q && e.finalised && e.passed
        });
        let earlier_days: BTreeSet<NaiveDate> = standing()
            .filter(|e| !same_round(e) && e.plan.track() == this.track())
            .map(|e| e.plan.spec().first_day)
            .filter(|day| *day < this.spec().first_day)
            .collect();
        prop_assert_eq!(history.pending_application, pending);
        prop_assert_eq!(history.already_passed, passed);
        prop_assert_eq!(history.earlier_attempts as usize, earlier_days.len());
        // The window counts from the announcement of a round sat on the first of those days.
        let first_day = earlier_days.first();
        let announced_then: BTreeSet<NaiveDate> = standing()
            .filter(|e| Some(&e.plan.spec().first_day) == first_day)
            .map(|e| korean_date(e.plan.spec().announcement))
            .collect();
        match history.first_sitting_announced {
            None => prop_assert!(earlier_days.is_empty()),
            Some(day) => prop_assert!(announced_then.contains(&day), "{}", day),
        }

        let reasons = no_panic("check_plan_coverage", || check_plan_coverage(this, &q, track, &rules));
        prop_assert_eq!(reasons.is_empty(), track == this.track());
        let other = QualificationCode::new("9Z9Z").unwrap();
        prop_assert_eq!(check_plan_coverage(this, &other, this.track(), &rules).len(), 1);
    }

    #[test]
    fn a_seat_is_left_exactly_below_the_capacity(capacity in extreme_u32(), enrolled in extreme_u64()) {
        let (left, holds) = no_panic("seat_left and capacity_holds", || {
            (seat_left(capacity, enrolled), capacity_holds(capacity, enrolled))
        });
        prop_assert_eq!(left, u128::from(enrolled) < u128::from(capacity));
        prop_assert_eq!(holds, u128::from(enrolled) <= u128::from(capacity));
        // Taking the seat that is left keeps the capacity holding every enrollment.
        if let Some(one_more) = enrolled.checked_add(1) {
            prop_assert_eq!(left, capacity_holds(capacity, one_more));
        }
    }
}

#[test]
fn an_application_takes_a_payment_or_a_cancellation_only_while_it_stands() {
    for active in [false, true] {
        for other in [false, true] {
            let payment = check_payment(active, other);
            let cancellation = check_cancellation(active, other);
            if !active {
                assert_eq!(payment, Some(StateRefusal::Cancelled));
                assert_eq!(cancellation, Some(StateRefusal::Cancelled));
            } else {
                assert_eq!(payment, (!other).then_some(StateRefusal::PaidAlready));
                assert_eq!(cancellation, other.then_some(StateRefusal::HasResult));
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// Refunds

/// The values of one refund schedule, at extremes.
fn refund_schedule() -> impl Strategy<
    Value = (
        cqnet_core::Percent,
        cqnet_core::Percent,
        u32,
        cqnet_core::Percent,
        cqnet_core::Percent,
        Vec<CancelReason>,
    ),
> {
    (
        extreme_percent(),
        extreme_percent(),
        extreme_u32(),
        extreme_percent(),
        extreme_percent(),
        prop::sample::subsequence(CANCEL_REASONS.to_vec(), 0..=CANCEL_REASONS.len()),
    )
}

/// The pack's rules, half of the time with every value of both refund schedules set to
/// extremes.
fn refund_rules() -> impl Strategy<Value = Rules> {
    let extreme =
        (embedded_rules(), refund_schedule(), refund_schedule()).prop_map(|(mut rules, cb, ws)| {
            for (target, (within, after, days, agency, excused, reasons)) in [
                (&mut rules.refund.course_based.value, cb),
                (&mut rules.refund.work_study.value, ws),
            ] {
                target.within_window_percent = within;
                target.after_window_percent = after;
                target.after_window_until_days_before = days;
                target.agency_fault_percent = agency;
                target.excused_percent = excused;
                target.excused_reasons = reasons;
            }
            rules
        });
    prop_oneof![embedded_rules(), extreme]
}

/// A window, the evaluation day and the instant of a cancellation: around a window in 2026, or
/// anywhere.
fn refund_times() -> impl Strategy<Value = (TimeWindow, NaiveDate, DateTime<FixedOffset>)> {
    let near = (0i64..=60, 0i64..=40 * 24 * 60).prop_map(|(exam_after, cancel_minute)| {
        let start = extremes::instant("2026-03-02T09:00:00+09:00");
        let window = TimeWindow::new(start, start + chrono::TimeDelta::days(4)).unwrap();
        let exam_date = korean_date(window.end()) + chrono::TimeDelta::days(exam_after);
        (
            window,
            exam_date,
            start + chrono::TimeDelta::minutes(cancel_minute),
        )
    });
    prop_oneof![near, (window(), extreme_date(), any_instant())]
}

/// `fee × percent / 100` cut to whole won, in integers: a percent has at most 4 places.
fn cut(fee: u64, percent: Decimal) -> u64 {
    let ten_thousandths = u128::try_from((percent * Decimal::from(10_000)).trunc()).unwrap();
    u64::try_from(u128::from(fee) * ten_thousandths / 1_000_000).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_refund_follows_the_schedule_and_never_exceeds_the_fee(
        track in prop::sample::select(TRACKS.to_vec()),
        fee in extreme_u64(),
        (window, exam_date, cancelled_at) in refund_times(),
        reason in prop::sample::select(CANCEL_REASONS.to_vec()),
        rules in refund_rules(),
    ) {
        let request = RefundRequest { track, fee: Won::new(fee), window, exam_date, cancelled_at, reason };
        let decided = no_panic(&format!("refund::decide({request:?})"), || refund::decide(&request, &rules));
        if fee == 0 {
            prop_assert!(matches!(decided, Err(InputError::NotPositive { what: "fee" })), "{:?}", decided);
            return Ok(());
        }
        let d = decided.unwrap();
        let schedule = match track {
            Track::CourseBased => &rules.refund.course_based.value,
            Track::WorkStudy => &rules.refund.work_study.value,
        };
        let days_before = i64::from(schedule.after_window_until_days_before);
        let cancelled_on = korean_date(cancelled_at);
        let (stage, percent) = if reason == CancelReason::AgencyFault {
            (RefundStage::AgencyFault, schedule.agency_fault_percent)
        } else if schedule.excused_reasons.contains(&reason) {
            (RefundStage::Excused, schedule.excused_percent)
        } else if cancelled_at < window.end() {
            (RefundStage::WithinWindow, schedule.within_window_percent)
        } else if (exam_date - cancelled_on).num_days() >= days_before {
            (RefundStage::AfterWindow, schedule.after_window_percent)
        } else {
            (RefundStage::TooLate, cqnet_core::Percent::ZERO)
        };
        prop_assert_eq!(d.stage, stage);
        prop_assert_eq!(d.percent, percent);
        prop_assert_eq!(d.refund.amount(), cut(fee, percent.value()));
        prop_assert!(d.refund.amount() <= fee);
        prop_assert!(d.last_partial_refund_day <= exam_date);
        let expected_last = exam_date
            .checked_sub_days(Days::new(u64::from(schedule.after_window_until_days_before)))
            .unwrap_or(NaiveDate::MIN);
        prop_assert_eq!(d.last_partial_refund_day, expected_last);
    }

    #[test]
    fn a_share_of_a_fee_is_cut_to_whole_won(fee in extreme_u64(), percent in extreme_percent()) {
        let refund = no_panic(&format!("{fee} × {percent}%"), || Won::new(fee).percent_cut(percent));
        prop_assert_eq!(refund.amount(), cut(fee, percent.value()));
        // Written with a comma every three digits.
        let shown = refund.to_string();
        prop_assert_eq!(shown.trim_end_matches('원').replace(',', ""), refund.amount().to_string());
    }
}

/// An instant whose local time at its offset chrono cannot hold still gets a decision.
#[test]
fn decisions_read_instants_past_chronos_range_at_their_offset() {
    let east = FixedOffset::east_opt(3600).unwrap();
    let beyond: DateTime<FixedOffset> = extremes::latest_instant().with_timezone(&east);
    let rules = cqnet_core::rules::RulePack::embedded().newest();
    let facts = ApplicationFacts {
        track: Track::CourseBased,
        now: beyond,
        window: TimeWindow::new(
            extremes::instant("2026-03-02T09:00:00+09:00"),
            extremes::instant("2026-03-06T18:00:00+09:00"),
        )
        .unwrap(),
        candidate: CandidateFacts {
            eligible: true,
            course_designated: true,
            already_passed: false,
            pending_application: false,
        },
        venue: None,
    };
    let d = no_panic("an application at chrono's last instant", || {
        application::decide(&facts, &rules)
    });
    assert_eq!(
        codes(&d.reasons),
        BTreeSet::from([ReasonCode::OutsideApplicationWindow])
    );
    // The instant is named in Korean time, past chrono's last date there.
    let message = &d.reasons[0].message.en;
    assert!(message.contains("+262143-01-01T08:59:59"), "{message}");
}
