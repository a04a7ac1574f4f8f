//! Properties of the decisions: monotonicity, exact boundaries, scores between their parts,
//! refunds and extensions, and parsers that never panic on garbage.
//!
//! Decimals are generated as whole hundredths so that every expected value can be computed
//! independently here with integers, never through the library's own arithmetic.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use cqnet_core::course_based::{
    self, CourseBasedDecision, ExternalScores, TraineeRecord, UnitRecord,
};
use cqnet_core::extension::{self, ExtensionRequest};
use cqnet_core::refund::{self, RefundRequest};
use cqnet_core::rules::{CancelReason, InternalAggregation, RulePack, Rules};
use cqnet_core::window::TimeWindow;
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, UnitResult};
use cqnet_core::{
    Area, ExamStandard, Grade, Hours, NcsUnitCode, Percent, QualificationCode, ReasonCode, Score,
    Track, UnitCode, Won, WorkStudyQualificationName,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

// ------------------------------------------------------------------------------------------
// Helpers

fn rules() -> Rules {
    RulePack::embedded().newest()
}

/// Hundredths as an exact decimal: 2999 → 29.99.
fn cents(n: u32) -> Decimal {
    Decimal::new(i64::from(n), 2)
}

fn hours(n: u32) -> Hours {
    Hours::new(cents(n)).unwrap()
}

fn score(n: u32) -> Score {
    Score::new(cents(n)).unwrap()
}

fn percent(n: u32) -> Percent {
    Percent::new(cents(n)).unwrap()
}

/// One competency unit, all in hundredths.
#[derive(Debug, Clone)]
struct UnitSpec {
    hours: u32,
    attended: u32,
    rounds: Vec<Option<u32>>,
}

impl UnitSpec {
    fn record(&self) -> UnitRecord {
        UnitRecord::new(
            None,
            hours(self.hours),
            hours(self.attended),
            self.rounds.iter().map(|r| r.map(score)).collect(),
        )
        .unwrap()
    }
}

/// Any unit: attendance anywhere, rounds possibly missing or low.
fn any_unit() -> impl Strategy<Value = UnitSpec> {
    (1u32..=20_000).prop_flat_map(|h| {
        let attended = prop_oneof![0..=h, (h * 3 / 4)..=h];
        let round = prop_oneof![
            1 => Just(None),
            9 => prop_oneof![0u32..=10_000, 6_000u32..=10_000].prop_map(Some),
        ];
        (Just(h), attended, vec(round, 0..=4)).prop_map(|(hours, attended, rounds)| UnitSpec {
            hours,
            attended,
            rounds,
        })
    })
}

/// A unit that completes: attendance of at least 75%, every round taken and at least 40.
fn completing_unit() -> impl Strategy<Value = UnitSpec> {
    (1u32..=20_000).prop_flat_map(|h| {
        // ceil(h * 3 / 4) hundredths is the least attendance that meets 75%.
        let least = (h * 3).div_ceil(4);
        (
            Just(h),
            least..=h,
            vec((4_000u32..=10_000).prop_map(Some), 1..=3),
        )
            .prop_map(|(hours, attended, rounds)| UnitSpec {
                hours,
                attended,
                rounds,
            })
    })
}

fn mostly_completing_unit() -> impl Strategy<Value = UnitSpec> {
    prop_oneof![3 => completing_unit(), 1 => any_unit()]
}

fn trainee(units: &[UnitSpec], external: Option<(u32, u32)>) -> TraineeRecord {
    let record = TraineeRecord::new(units.iter().map(UnitSpec::record).collect()).unwrap();
    match external {
        Some((w, p)) => record.with_external(ExternalScores::new(score(w), score(p))),
        None => record,
    }
}

fn decide_cb(units: &[UnitSpec], external: Option<(u32, u32)>) -> CourseBasedDecision {
    let rules = rules();
    course_based::decide(
        &trainee(units, external),
        &ExamStandard::from_rules(&rules),
        &rules,
    )
}

fn codes(reasons: &[cqnet_core::Reason]) -> BTreeSet<ReasonCode> {
    reasons.iter().map(|r| r.code).collect()
}

fn high_score() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..=10_000, 7_000u32..=10_000]
}

/// OJT and Off-JT hours and attendance in hundredths, total scheduled above zero, with some
/// cases right at the 80% boundary.
fn training_hours() -> impl Strategy<Value = (u32, u32, u32, u32)> {
    let broad = (0u32..=200_000, 0u32..=50_000)
        .prop_filter("some hours are scheduled", |(o, f)| o + f > 0)
        .prop_flat_map(|(o, f)| (Just(o), 0..=o, Just(f), 0..=f));
    let boundary = (1u32..=200_000).prop_flat_map(|o| {
        let at = o * 4 / 5;
        (
            Just(o),
            at.saturating_sub(2)..=(at + 2).min(o),
            Just(0u32),
            Just(0u32),
        )
    });
    prop_oneof![broad, boundary]
}

fn learner(
    (oh, oa, fh, fa): (u32, u32, u32, u32),
    internal: &[bool],
    external: Option<&[bool]>,
) -> LearnerRecord {
    let units = |passes: &[bool]| -> Vec<UnitResult> {
        passes.iter().map(|p| UnitResult::new(None, *p)).collect()
    };
    let record = LearnerRecord::new(
        TrainingHours::new(hours(oh), hours(oa)).unwrap(),
        TrainingHours::new(hours(fh), hours(fa)).unwrap(),
        units(internal),
    )
    .unwrap();
    match external {
        Some(ext) => record.with_external(units(ext)).unwrap(),
        None => record,
    }
}

/// `passed` of `passes.len()` meets 70%, decided with integers.
fn seventy(passes: &[bool]) -> bool {
    let passed = passes.iter().filter(|p| **p).count() as u64;
    passed * 100 >= passes.len() as u64 * 70
}

fn dt(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

const REASONS: [CancelReason; 6] = [
    CancelReason::Personal,
    CancelReason::AgencyFault,
    CancelReason::Hospitalized,
    CancelReason::InfectiousDisease,
    CancelReason::Bereavement,
    CancelReason::Disaster,
];

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// `date` plus `months` calendar months, the day falling back to the month's last day:
/// computed here without chrono's month arithmetic.
fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    let index = date.year() * 12 + date.month0() as i32 + months as i32;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    let day = date.day().min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

// ------------------------------------------------------------------------------------------
// Monotonicity

proptest! {
    /// Raising the attended hours of any unit, up to its scheduled hours, never turns a
    /// completer into a non-completer, and never adds a reason.
    #[test]
    fn more_attendance_never_undoes_completion(
        units in vec(mostly_completing_unit(), 1..=6),
        pick in any::<Index>(),
        raise in any::<Index>(),
    ) {
        let before = decide_cb(&units, None);
        let mut raised = units.clone();
        let unit = &mut raised[pick.index(units.len())];
        unit.attended += raise.index((unit.hours - unit.attended) as usize + 1) as u32;
        let after = decide_cb(&raised, None);
        prop_assert!(!before.completed || after.completed, "{before:?} then {after:?}");
        prop_assert_eq!(before.eligible_for_external, before.completed);
        prop_assert_eq!(after.eligible_for_external, after.completed);
        prop_assert!(after.reasons.len() <= before.reasons.len());
        prop_assert!(codes(&after.reasons).is_subset(&codes(&before.reasons)));
    }

    /// The same for 일학습병행: more OJT or Off-JT attendance never undoes eligibility.
    #[test]
    fn more_work_study_attendance_never_undoes_eligibility(
        hours in training_hours(),
        internal in vec(prop::bool::weighted(0.8), 1..=20),
        raise_ojt in any::<Index>(),
        raise_off in any::<Index>(),
    ) {
        let rules = rules();
        let before = work_study::decide(&learner(hours, &internal, None), &rules);
        let (oh, oa, fh, fa) = hours;
        let raised = (
            oh,
            oa + raise_ojt.index((oh - oa) as usize + 1) as u32,
            fh,
            fa + raise_off.index((fh - fa) as usize + 1) as u32,
        );
        let after = work_study::decide(&learner(raised, &internal, None), &rules);
        prop_assert!(!before.eligible_for_external || after.eligible_for_external);
        prop_assert!(!before.completion_certificate || after.completion_certificate);
        prop_assert_eq!(before.internal_passed, after.internal_passed);
        prop_assert!(after.reasons.len() <= before.reasons.len());
    }

    /// Raising any internal round, the written or the practical score never turns a pass into
    /// a fail, never lowers the final score and never undoes completion.
    #[test]
    fn a_higher_score_never_turns_a_pass_into_a_fail(
        units in vec(mostly_completing_unit(), 1..=4),
        written in high_score(),
        practical in high_score(),
        what in 0u8..3,
        pick in any::<Index>(),
        raise in any::<Index>(),
    ) {
        let before = decide_cb(&units, Some((written, practical)));
        let mut raised = units.clone();
        let (mut w, mut p) = (written, practical);
        let lift = |from: u32| from + raise.index((10_000 - from) as usize + 1) as u32;
        match what {
            0 => {
                // Raise one round that was taken, if any unit has one.
                let taken: Vec<(usize, usize)> = raised
                    .iter()
                    .enumerate()
                    .flat_map(|(u, spec)| {
                        spec.rounds
                            .iter()
                            .enumerate()
                            .filter(|(_, r)| r.is_some())
                            .map(move |(r, _)| (u, r))
                    })
                    .collect();
                if !taken.is_empty() {
                    let (u, r) = taken[pick.index(taken.len())];
                    let old = raised[u].rounds[r].unwrap();
                    raised[u].rounds[r] = Some(lift(old));
                }
            }
            1 => w = lift(w),
            _ => p = lift(p),
        }
        let after = decide_cb(&raised, Some((w, p)));
        if before.passed == Some(true) {
            prop_assert_eq!(after.passed, Some(true), "{:?} then {:?}", before, after);
        }
        prop_assert!(!before.completed || after.completed);
        if let (Some(b), Some(a)) = (before.final_score, after.final_score) {
            prop_assert!(a >= b, "final score fell from {b} to {a}");
        }
        if let (Some(b), Some(a)) = (before.external_score, after.external_score) {
            prop_assert!(a >= b);
        }
    }
}

// ------------------------------------------------------------------------------------------
// Scores lie between their parts

proptest! {
    /// For any weights summing to 100, the final score lies between the internal and the
    /// external score, and the external score between the written and the practical score.
    #[test]
    fn final_score_lies_between_its_parts(
        units in vec(completing_unit(), 1..=6),
        written in 0u32..=10_000,
        practical in 0u32..=10_000,
        internal_weight in prop_oneof![0u32..=10_000, (0u32..=100).prop_map(|n| n * 100)],
        written_weight in prop_oneof![0u32..=10_000, (0u32..=100).prop_map(|n| n * 100)],
        hours_weighted in any::<bool>(),
    ) {
        let rules = rules();
        let aggregation = if hours_weighted {
            InternalAggregation::HoursWeighted
        } else {
            InternalAggregation::Mean
        };
        let standard = ExamStandard::new(
            percent(internal_weight),
            percent(10_000 - internal_weight),
            Score::new(80.into()).unwrap(),
            percent(written_weight),
            percent(10_000 - written_weight),
            aggregation,
        )
        .unwrap();
        let record = trainee(&units, Some((written, practical)));
        let d = course_based::decide(&record, &standard, &rules);
        let internal = d.internal_score.unwrap();
        let external = d.external_score.unwrap();
        let fin = d.final_score.unwrap();
        prop_assert!(internal.min(external) <= fin && fin <= internal.max(external),
            "final {fin} outside [{internal}, {external}]");
        let (w, p) = (cents(written), cents(practical));
        prop_assert!(w.min(p) <= external && external <= w.max(p),
            "external {external} outside [{w}, {p}]");
        // The internal score lies between the lowest and the highest round.
        let rounds: Vec<u32> = units.iter().flat_map(|u| u.rounds.iter().flatten().copied()).collect();
        let lo = cents(*rounds.iter().min().unwrap());
        let hi = cents(*rounds.iter().max().unwrap());
        prop_assert!(lo <= internal && internal <= hi);
        // The external score is exact here (hundredths times hundredths of a percent).
        let expected_external = Decimal::new(
            i64::from(written) * i64::from(written_weight)
                + i64::from(practical) * i64::from(10_000 - written_weight),
            6,
        );
        prop_assert_eq!(external, expected_external);
    }

    /// The same for arbitrary decimal parts given straight to the exam standard.
    #[test]
    fn exam_standard_weighting_lies_between_its_parts(
        a in 0u32..=10_000,
        b in 0u32..=10_000,
        weight in 0u32..=10_000,
    ) {
        let standard = ExamStandard::new(
            percent(weight),
            percent(10_000 - weight),
            Score::MAX,
            percent(weight),
            percent(10_000 - weight),
            InternalAggregation::Mean,
        )
        .unwrap();
        let (a, b) = (cents(a), cents(b));
        let fin = standard.final_score(a, b);
        prop_assert!(a.min(b) <= fin && fin <= a.max(b));
        let ext = standard.external_score(ExternalScores::new(Score::new(a).unwrap(), Score::new(b).unwrap()));
        prop_assert_eq!(ext, fin);
    }
}

// ------------------------------------------------------------------------------------------
// Exact boundaries

proptest! {
    /// Completion is exactly `attended × 100 ≥ hours × 75` in every unit (rounds all taken and
    /// above the floor), decided here with integers.
    #[test]
    fn course_based_attendance_boundary_is_exact(
        units in vec(
            (1u32..=40_000).prop_flat_map(|h| {
                let at = h * 3 / 4;
                (Just(h), prop_oneof![0..=h, at.saturating_sub(2)..=(at + 2).min(h)])
            }),
            1..=8,
        ),
    ) {
        let specs: Vec<UnitSpec> = units
            .iter()
            .map(|&(hours, attended)| UnitSpec { hours, attended, rounds: vec![Some(10_000)] })
            .collect();
        let d = decide_cb(&specs, None);
        let failing: Vec<usize> = units
            .iter()
            .enumerate()
            .filter(|(_, (h, a))| u64::from(*a) * 100 < u64::from(*h) * 75)
            .map(|(i, _)| i)
            .collect();
        prop_assert_eq!(d.completed, failing.is_empty());
        let reported: Vec<usize> = d
            .reasons
            .iter()
            .map(|r| {
                assert_eq!(r.code, ReasonCode::AttendanceBelowMinimum);
                match &r.subject {
                    Some(cqnet_core::Subject::Unit { index, .. }) => *index,
                    other => panic!("unexpected subject {other:?}"),
                }
            })
            .collect();
        prop_assert_eq!(reported, failing);
    }

    /// Work-study attendance is exactly `attended × 100 ≥ hours × 80` over OJT and Off-JT
    /// together, and the unit shares exactly `passed × 100 ≥ units × 70`.
    #[test]
    fn work_study_boundaries_are_exact(
        hours in training_hours(),
        internal in vec(prop::bool::weighted(0.75), 1..=20),
        external in prop::option::of(vec(prop::bool::weighted(0.75), 1..=20)),
    ) {
        let d = work_study::decide(&learner(hours, &internal, external.as_deref()), &rules());
        let (oh, oa, fh, fa) = hours;
        let attendance_ok = u64::from(oa + fa) * 100 >= u64::from(oh + fh) * 80;
        let internal_ok = seventy(&internal);
        let eligible = attendance_ok && internal_ok;
        let passed = match (&external, eligible) {
            (_, false) => Some(false),
            (None, true) => None,
            (Some(ext), true) => Some(seventy(ext)),
        };
        prop_assert_eq!(d.internal_passed, internal_ok);
        prop_assert_eq!(d.completion_certificate, eligible);
        prop_assert_eq!(d.eligible_for_external, eligible);
        prop_assert_eq!(d.passed, passed);
        let mut expected = BTreeSet::new();
        if !attendance_ok {
            expected.insert(ReasonCode::AttendanceBelowMinimum);
        }
        if !internal_ok {
            expected.insert(ReasonCode::InternalUnitPassRatioBelowMinimum);
        }
        if passed == Some(false) && eligible {
            expected.insert(ReasonCode::ExternalUnitPassRatioBelowMinimum);
        }
        prop_assert_eq!(codes(&d.reasons), expected);
        prop_assert_eq!(d.reasons.len(), codes(&d.reasons).len());
    }

    /// `Percent::is_met_by` is the cross-multiplication, for thresholds in hundredths.
    #[test]
    fn percent_threshold_is_cross_multiplication(
        threshold in 0u32..=10_000,
        part in 0u32..=1_000_000,
        whole in 0u32..=1_000_000,
    ) {
        let met = percent(threshold).is_met_by(cents(part), cents(whole));
        // part/100 × 100 ≥ whole/100 × threshold/100  ⇔  part × 10000 ≥ whole × threshold
        prop_assert_eq!(met, u64::from(part) * 10_000 >= u64::from(whole) * u64::from(threshold));
    }

    /// The 80 pass mark is inclusive and exact: with equal weights, final = (i + e) / 2. Half
    /// the cases put the practical score on the hundredth that reaches 80, or next to it.
    #[test]
    fn pass_mark_boundary_is_exact(
        round in 6_000u32..=10_000,
        written in 0u32..=10_000,
        practical in 0u32..=10_000,
        at_boundary in any::<bool>(),
        nudge in -1i64..=1,
    ) {
        // final × 10⁶ = round × 5000 + (written × 40 + practical × 60) × 50, all in hundredths.
        let scaled = |p: u32| u64::from(round) * 5_000 + (u64::from(written) * 40 + u64::from(p) * 60) * 50;
        let practical = if at_boundary {
            let needed = (80_000_000i64 - i64::from(round) * 5_000 - i64::from(written) * 2_000)
                .div_euclid(3_000);
            (needed + nudge).clamp(0, 10_000) as u32
        } else {
            practical
        };
        let unit = UnitSpec { hours: 4_000, attended: 4_000, rounds: vec![Some(round)] };
        let d = decide_cb(&[unit], Some((written, practical)));
        prop_assert_eq!(d.passed, Some(scaled(practical) >= 80_000_000));
        prop_assert_eq!(
            d.reasons.iter().any(|r| r.code == ReasonCode::FinalScoreBelowPassMark),
            d.passed == Some(false)
        );
    }

    /// A round passes the floor exactly at 40: 40 completes, 39.99 does not.
    #[test]
    fn round_floor_boundary_is_exact(
        rounds in vec(prop_oneof![3_990u32..=4_010, 0u32..=10_000], 1..=4),
    ) {
        let unit = UnitSpec { hours: 100, attended: 100, rounds: rounds.iter().map(|r| Some(*r)).collect() };
        let d = decide_cb(&[unit], None);
        let lowest = *rounds.iter().min().unwrap();
        prop_assert_eq!(d.completed, lowest >= 4_000);
        if let Some(r) = d.reasons.first() {
            prop_assert_eq!(r.code, ReasonCode::InternalRoundBelowFloor);
            prop_assert_eq!(r.measured.clone(), Some(cqnet_core::Quantity::Score(cents(lowest))));
        }
    }

    /// The internal score is the mean of the unit means, or their mean weighted by hours.
    #[test]
    fn internal_score_combines_unit_means(
        units in vec(completing_unit(), 1..=6),
        hours_weighted in any::<bool>(),
    ) {
        let rules = rules();
        let aggregation = if hours_weighted {
            InternalAggregation::HoursWeighted
        } else {
            InternalAggregation::Mean
        };
        let standard = ExamStandard::from_rules(&rules).with_aggregation(aggregation);
        let d = course_based::decide(&trainee(&units, None), &standard, &rules);
        let internal = d.internal_score.unwrap();
        // Σ wᵢ × (sumᵢ / kᵢ) / Σ wᵢ as one fraction of integers (scores in hundredths).
        let mut num: i128 = 0;
        let mut den: i128 = 1;
        let mut weights: i128 = 0;
        for u in &units {
            let k = u.rounds.len() as i128;
            let sum: i128 = u.rounds.iter().map(|r| i128::from(r.unwrap())).sum();
            let w = if hours_weighted { i128::from(u.hours) } else { 1 };
            // num/den + w × sum / k
            num = num * k + w * sum * den;
            den *= k;
            weights += w;
        }
        den *= weights * 100;
        // |internal − num/den| below 10⁻²⁰, checked with integers: internal has ≤ 28 places.
        let scale = 10i128.pow(20);
        let internal_scaled = (internal * Decimal::from(scale)).round();
        let internal_scaled = i128::try_from(internal_scaled).unwrap();
        prop_assert!(
            (internal_scaled * den - num * scale).abs() <= den,
            "internal {internal} vs {num}/{den}"
        );
    }
}

/// Every hundredth around the 75% boundary of every whole number of hours up to 200.
#[test]
fn attendance_boundary_exhaustive_in_hundredths() {
    let mut checked = 0;
    for h in (100..=20_000u32).step_by(100) {
        let at = h * 3 / 4;
        for a in at.saturating_sub(3)..=(at + 3).min(h) {
            let unit = UnitSpec {
                hours: h,
                attended: a,
                rounds: vec![Some(10_000)],
            };
            let d = decide_cb(&[unit], None);
            assert_eq!(
                d.completed,
                a * 4 >= h * 3,
                "{a} hundredths of {h} hundredths"
            );
            checked += 1;
        }
    }
    assert!(checked > 1000);
}

/// Every count of passed units out of 1 to 30: 70% exactly, inclusive.
#[test]
fn unit_share_boundary_exhaustive() {
    let rules = rules();
    for total in 1..=30usize {
        for passed in 0..=total {
            let passes: Vec<bool> = (0..total).map(|i| i < passed).collect();
            let record = learner((100, 100, 0, 0), &passes, Some(&passes));
            let d = work_study::decide(&record, &rules);
            let ok = passed * 10 >= total * 7;
            assert_eq!(d.internal_passed, ok, "{passed} of {total}");
            assert_eq!(d.passed, Some(ok), "{passed} of {total}");
        }
    }
}

/// Hours with more decimal places than the rules can compare exactly are refused, so no
/// boundary is ever decided on a rounded product: 30.000…002 of 40.000…003 hours would be below
/// 75% (30.000…002 × 4 < 40.000…003 × 3), and such input never reaches the rule.
#[test]
fn over_precise_hours_are_refused_before_any_rule_rounds_them() {
    let a: u128 = 30_000_000_000_000_000_000_000_000_002;
    let h: u128 = 40_000_000_000_000_000_000_000_000_003;
    assert!(a * 4 < h * 3);
    for text in [
        "30.000000000000000000000000002",
        "40.000000000000000000000000003",
        "29.99999",
    ] {
        let err = text.parse::<Hours>().unwrap_err();
        assert!(
            matches!(
                err,
                cqnet_core::InputError::TooPrecise { max_places: 4, .. }
            ),
            "{text}: {err}"
        );
    }
    // Four places are accepted and decided exactly: 29.9999 of 40 is below 75%.
    let unit = UnitRecord::new(
        None,
        "40".parse().unwrap(),
        "29.9999".parse().unwrap(),
        vec![Some(Score::MAX)],
    )
    .unwrap();
    let rules = rules();
    let d = course_based::decide(
        &TraineeRecord::new(vec![unit]).unwrap(),
        &ExamStandard::from_rules(&rules),
        &rules,
    );
    assert!(!d.completed, "below 75% must not complete");
}

// ------------------------------------------------------------------------------------------
// Refunds

#[derive(Debug, Clone)]
struct RefundCase {
    track: Track,
    fee: u64,
    start_min: i64,
    len_min: i64,
    exam_days_after_end: i64,
    reason: CancelReason,
    offset_hours: i32,
}

fn refund_case() -> impl Strategy<Value = RefundCase> {
    (
        prop_oneof![Just(Track::CourseBased), Just(Track::WorkStudy)],
        prop_oneof![1u64..=100_000, 1u64..=u64::MAX],
        0i64..=100_000,
        1i64..=30_000,
        0i64..=40,
        prop::sample::select(REASONS.to_vec()),
        -12i32..=14,
    )
        .prop_map(
            |(track, fee, start_min, len_min, exam_days_after_end, reason, offset_hours)| {
                RefundCase {
                    track,
                    fee,
                    start_min,
                    len_min,
                    exam_days_after_end,
                    reason,
                    offset_hours,
                }
            },
        )
}

impl RefundCase {
    fn start(&self) -> DateTime<FixedOffset> {
        dt("2026-03-02T09:00:00+09:00") + Duration::minutes(self.start_min)
    }

    fn end(&self) -> DateTime<FixedOffset> {
        self.start() + Duration::minutes(self.len_min)
    }

    fn exam_date(&self) -> NaiveDate {
        kst_date(self.end()) + Duration::days(self.exam_days_after_end)
    }

    /// The first instant after the last day of partial refunds: midnight KST of the fourth
    /// day before the evaluation.
    fn partial_refunds_over(&self) -> DateTime<FixedOffset> {
        let day = self.exam_date() - Duration::days(4);
        let kst = FixedOffset::east_opt(9 * 3600).unwrap();
        day.and_hms_opt(0, 0, 0)
            .unwrap()
            .and_local_timezone(kst)
            .unwrap()
    }

    fn request(&self, cancel_min: i64) -> RefundRequest {
        self.request_at(self.start() + Duration::minutes(cancel_min))
    }

    fn request_at(&self, cancelled_at: DateTime<FixedOffset>) -> RefundRequest {
        let offset = FixedOffset::east_opt(self.offset_hours * 3600).unwrap();
        RefundRequest {
            track: self.track,
            fee: Won::new(self.fee),
            window: TimeWindow::new(self.start(), self.end()).unwrap(),
            exam_date: self.exam_date(),
            cancelled_at: cancelled_at.with_timezone(&offset),
            reason: self.reason,
        }
    }
}

/// The Korean calendar date of an instant, computed without the library.
fn kst_date(t: DateTime<FixedOffset>) -> NaiveDate {
    (t.naive_utc() + Duration::hours(9)).date()
}

/// The percent the rules of the case format give, computed independently.
fn expected_percent(r: &RefundRequest) -> u64 {
    let excused = matches!(
        r.reason,
        CancelReason::Hospitalized
            | CancelReason::InfectiousDisease
            | CancelReason::Bereavement
            | CancelReason::Disaster
    );
    let full = r.reason == CancelReason::AgencyFault
        || (r.track == Track::CourseBased && excused)
        || r.cancelled_at < r.window.end();
    if full {
        100
    } else if kst_date(r.cancelled_at) <= r.exam_date - Duration::days(5) {
        50
    } else {
        0
    }
}

proptest! {
    /// With the embedded pack the percent is 0, 50 or 100, exactly as the schedule says, and
    /// the refund is the fee times the percent, cut to whole won, never above the fee.
    #[test]
    fn refund_is_a_share_of_the_fee(case in refund_case(), cancel in -20_000i64..=100_000) {
        let second = Duration::seconds(1);
        // A random instant, and the instants on either side of both deadlines.
        let instants = [
            case.start() + Duration::minutes(cancel),
            case.end() - second,
            case.end(),
            case.partial_refunds_over() - second,
            case.partial_refunds_over(),
        ];
        for instant in instants {
            let request = case.request_at(instant);
            let d = refund::decide(&request, &rules()).unwrap();
            let pct: u64 = d.percent.value().try_into().unwrap();
            prop_assert!([0, 50, 100].contains(&pct));
            prop_assert_eq!(pct, expected_percent(&request), "{:?}", request);
            prop_assert!(d.refund <= request.fee);
            let expected = (u128::from(case.fee) * u128::from(pct) / 100) as u64;
            prop_assert_eq!(d.refund, Won::new(expected));
            prop_assert_eq!(d.last_partial_refund_day, request.exam_date - Duration::days(5));
        }
    }

    /// For a fixed reason, cancelling later never refunds more.
    #[test]
    fn later_cancellation_never_refunds_more(
        case in refund_case(),
        early in -20_000i64..=100_000,
        delay in 0i64..=50_000,
    ) {
        let rules = rules();
        let sooner = refund::decide(&case.request(early), &rules).unwrap();
        let later = refund::decide(&case.request(early + delay), &rules).unwrap();
        prop_assert!(later.refund <= sooner.refund, "{sooner:?} then {later:?}");
        prop_assert!(later.percent <= sooner.percent);
    }
}

// ------------------------------------------------------------------------------------------
// Contract extension

proptest! {
    /// The new end is after the old one and exactly the requested calendar months later (the
    /// day falling back to the month's end), or absent when not extended; the employer must
    /// extend exactly when every check of 법 제22조제3항 holds.
    #[test]
    fn extension_new_end_is_bounded(
        end in (2015i32..=2035, 1u32..=12, 1u32..=31),
        prior in vec(1u32..=12, 0..=3),
        requested in 1u32..=12,
        passed_external in prop::bool::weighted(0.2),
        learner_requested in prop::bool::weighted(0.8),
    ) {
        let (y, m, day) = end;
        let contract_end = NaiveDate::from_ymd_opt(y, m, day.min(days_in_month(y, m))).unwrap();
        let request = ExtensionRequest::new(contract_end, prior.clone(), requested, passed_external, learner_requested).unwrap();
        let d = extension::decide(&request, &rules());
        let total: u32 = prior.iter().sum::<u32>() + requested;
        let must = !passed_external && learner_requested && prior.len() < 2 && total <= 12;
        prop_assert_eq!(d.must_extend, must);
        prop_assert_eq!(d.reasons.is_empty(), must);
        match d.new_end {
            Some(new_end) => {
                prop_assert!(must);
                prop_assert!(new_end > contract_end);
                prop_assert!(new_end <= add_months(contract_end, requested));
                prop_assert_eq!(new_end, add_months(contract_end, requested));
            }
            None => prop_assert!(!must),
        }
    }
}

/// A contract end that cannot take the months asked for is refused as input, so a decision
/// never refuses without a reason.
#[test]
fn extension_of_a_contract_at_the_end_of_the_calendar_is_refused_as_input() {
    assert!(ExtensionRequest::new(NaiveDate::MAX, vec![], 1, false, true).is_err());
    assert!(ExtensionRequest::new(NaiveDate::MAX, vec![6], 1, false, true).is_err());
    let late = NaiveDate::MAX
        .checked_sub_months(chrono::Months::new(12))
        .unwrap();
    let request = ExtensionRequest::new(late, vec![6], 6, false, true).unwrap();
    let d = extension::decide(&request, &rules());
    assert!(d.must_extend || !d.reasons.is_empty(), "{d:?}");
}

// ------------------------------------------------------------------------------------------
// Parsing garbage never panics

fn garbage_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-0-9.eE+ ]{0,16}",
        "[0-9_vVL]{0,20}",
        "[A-Za-z0-9가-힣_.]{0,12}_L[0-9]{0,2}(_ver[0-9.]{0,4})?",
        prop::sample::select(vec![
            "",
            "-",
            ".",
            "-.",
            "1.",
            ".5",
            "-0",
            "--1",
            "1-",
            "1.2.3",
            "100.0000000000000000000000000001",
            "79228162514264337593543950336",
            "1e3",
            "NaN",
            "inf",
            " 1",
            "1 ",
            "+1",
            "0x10",
            "과정평가형",
            "일학습병행",
            "산업기사",
            "_L3",
            "a_L9",
            "a_L0",
            "a_L3_ver",
            "a_L3_ver1.0",
        ])
        .prop_map(str::to_owned),
    ]
}

/// Parses `s` as `T`; when it parses, its text parses back to the same value.
fn parse_round_trip<T>(s: &str) -> Result<(), TestCaseError>
where
    T: std::str::FromStr + std::fmt::Display + PartialEq + std::fmt::Debug,
    T::Err: std::fmt::Debug,
{
    if let Ok(value) = s.parse::<T>() {
        let again = value.to_string().parse::<T>();
        prop_assert!(
            again.as_ref().is_ok_and(|v| *v == value),
            "{s:?} parsed as {value:?}, whose text {:?} reads back as {again:?}",
            value.to_string()
        );
    }
    Ok(())
}

/// Mutates a text: deletes a range, or inserts a fragment.
fn mutate(text: &str, at: Index, len: usize, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let i = at.index(chars.len() + 1);
    let j = (i + len).min(chars.len());
    let mut out: String = chars[..i].iter().collect();
    out.push_str(insert);
    out.extend(&chars[j..]);
    out
}

fn json_ish() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "units",
        "code",
        "scheduled",
        "attended",
        "rounds",
        "external",
        "written",
        "practical",
        "ojt",
        "off_jt",
        "internal_units",
        "external_units",
        "passed",
        "total_hours",
        "elective_hours",
        "foundational_hours",
        "mandatory_hours",
        "kind",
        "min_hours",
        "facilities",
        "equipment",
        "name",
        "headcount",
        "area",
        "extra_area_per_person",
        "quantity",
        "per_trainees",
        "exam",
        "version",
        "qualification",
        "bogus",
    ])
    .prop_map(str::to_owned);
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        (-5i64..=200).prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        prop::sample::select(vec![
            "1501020207_14v2",
            "A",
            "mandatory",
            "elective",
            "87.5",
            "40",
            "-1",
            "101",
            "1e2",
            "",
            "강의실",
        ])
        .prop_map(serde_json::Value::from),
        garbage_text().prop_map(serde_json::Value::from),
    ];
    let value = leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..=4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..=6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    (
        value,
        any::<Index>(),
        0usize..=3,
        prop_oneof![Just(""), Just("}"), Just(","), Just("\"")],
    )
        .prop_map(|(v, at, cut, ins)| {
            let text = v.to_string();
            match cut {
                0 => text,
                n => mutate(&text, at, n - 1, ins),
            }
        })
}

/// A valid 과정평가형 record in JSON with one field possibly replaced by a wrong value.
fn near_valid_trainee_json() -> impl Strategy<Value = String> {
    let num = prop_oneof![
        4 => (0u32..=5_000).prop_map(|n| serde_json::Value::from(cents(n).to_string())),
        2 => (0u32..=50).prop_map(serde_json::Value::from),
        1 => Just(serde_json::json!(87.5)),
        1 => Just(serde_json::json!(-1)),
        1 => Just(serde_json::json!("100001")),
        1 => Just(serde_json::json!("x")),
        1 => Just(serde_json::Value::Null),
    ];
    let unit = (
        prop_oneof![Just(serde_json::Value::Null), Just(serde_json::json!("1501020207_14v2")), Just(serde_json::json!("nope"))],
        num.clone(),
        num.clone(),
        vec(prop_oneof![num.clone(), Just(serde_json::Value::Null)], 0..=3),
    )
        .prop_map(|(code, scheduled, attended, rounds)| {
            serde_json::json!({ "code": code, "scheduled": scheduled, "attended": attended, "rounds": rounds })
        });
    (vec(unit, 0..=4), prop::option::of((num.clone(), num))).prop_map(|(units, external)| {
        let external = external.map(|(w, p)| serde_json::json!({ "written": w, "practical": p }));
        serde_json::json!({ "units": units, "external": external }).to_string()
    })
}

/// Deserialises `text` as `T`; when it deserialises, it serialises and reads back the same.
fn json_round_trip<T>(text: &str) -> Result<bool, TestCaseError>
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    match serde_json::from_str::<T>(text) {
        Ok(value) => {
            let json = serde_json::to_string(&value).unwrap();
            let back: T = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, value);
            Ok(true)
        }
        Err(_) => Ok(false),
    }
}

proptest! {
    #[test]
    fn parsing_identifiers_never_panics(s in garbage_text()) {
        parse_round_trip::<Score>(&s)?;
        parse_round_trip::<Hours>(&s)?;
        parse_round_trip::<Percent>(&s)?;
        parse_round_trip::<Area>(&s)?;
        parse_round_trip::<NcsUnitCode>(&s)?;
        parse_round_trip::<UnitCode>(&s)?;
        parse_round_trip::<QualificationCode>(&s)?;
        parse_round_trip::<WorkStudyQualificationName>(&s)?;
        parse_round_trip::<Grade>(&s)?;
        parse_round_trip::<Track>(&s)?;
        parse_round_trip::<ReasonCode>(&s)?;
        // WorkStudyQualificationName's accessors agree with its text.
        if let Ok(name) = s.parse::<WorkStudyQualificationName>() {
            let stem = format!("{}_L{}", name.occupation(), name.level().get());
            prop_assert!(s.contains(&stem), "{s:?} does not contain {stem:?}");
        }
    }

    #[test]
    fn loading_garbage_rule_packs_never_panics(
        bytes in vec(any::<u8>(), 0..=200),
        text in any::<String>(),
    ) {
        let lossy = String::from_utf8_lossy(&bytes);
        prop_assert!(cqnet_core::rules::RulePack::from_toml(&lossy).is_err());
        prop_assert!(cqnet_core::rules::RulePack::from_toml(&text).is_err());
        prop_assert!(RulePack::embedded().with_overlay(&text).is_err());
        let overlay = format!("[overlay]\nname = \"fuzz\"\n{text}");
        if let Ok(pack) = RulePack::embedded().with_overlay(&overlay) {
            prop_assert_eq!(pack.id().overlays.clone(), vec!["fuzz".to_owned()]);
        }
    }

    /// Mutations of the embedded pack: refused with an error, or loaded as a pack that
    /// resolves its newest rules.
    #[test]
    fn loading_mutated_rule_packs_never_panics(
        at in any::<Index>(),
        len in 0usize..=40,
        insert in prop_oneof![
            Just(String::new()),
            Just("\n".to_owned()),
            Just("0".to_owned()),
            Just(".5".to_owned()),
            Just("\nbogus = 1\n".to_owned()),
            Just("\n[[course_based.pass_average.values]]\n".to_owned()),
            any::<String>(),
        ],
    ) {
        let text = mutate(cqnet_core::rules::EMBEDDED_PACK_TOML, at, len, &insert);
        match RulePack::from_toml(&text) {
            Ok(pack) => {
                let newest = pack.newest();
                prop_assert_eq!(newest.date, pack.latest_change());
                prop_assert!(pack.rules_at(pack.latest_change()).is_ok());
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        let overlay = mutate("[overlay]\nname = \"x\"\n[course_based.pass_average]\ndescription = \"d\"\n[[course_based.pass_average.values]]\nsince = \"2015-01-01\"\nvalue = 75\nreference = \"r\"\nprovenance = \"assumption\"\nlast_checked = \"2026-12-01\"\n", at, len, &insert);
        if let Ok(pack) = RulePack::embedded().with_overlay(&overlay) {
            prop_assert_eq!(pack.id().overlays.len(), 1);
        }
    }

    #[test]
    fn reading_garbage_json_never_panics(text in prop_oneof![json_ish(), any::<String>(), near_valid_trainee_json()]) {
        json_round_trip::<course_based::TraineeRecord>(&text)?;
        json_round_trip::<work_study::LearnerRecord>(&text)?;
        json_round_trip::<cqnet_core::standard::CurriculumStandard>(&text)?;
        json_round_trip::<cqnet_core::standard::CoursePlan>(&text)?;
        json_round_trip::<ExtensionRequest>(&text)?;
    }

    /// A valid record read from JSON keeps its invariants; a record that breaks one is refused.
    #[test]
    fn trainee_records_read_from_json_keep_their_invariants(text in near_valid_trainee_json()) {
        let raw: serde_json::Value = serde_json::from_str(&text).unwrap();
        let read = serde_json::from_str::<TraineeRecord>(&text);
        let units = raw["units"].as_array().unwrap();
        let broken_shape = units.is_empty()
            || units.iter().any(|u| {
                let scheduled = exact(&u["scheduled"]);
                let attended = exact(&u["attended"]);
                let rounds_ok = u["rounds"].as_array().unwrap().iter().all(|r| r.is_null() || exact(r).is_some_and(|s| s <= Decimal::ONE_HUNDRED));
                let code_ok = u["code"].is_null() || u["code"].as_str().is_some_and(|c| c.parse::<NcsUnitCode>().is_ok());
                !matches!((scheduled, attended), (Some(s), Some(a)) if !s.is_zero() && a <= s && s <= Decimal::from(100_000))
                    || !rounds_ok
                    || !code_ok
            })
            || (!raw["external"].is_null()
                && ["written", "practical"].iter().any(|k| exact(&raw["external"][k]).is_none_or(|s| s > Decimal::ONE_HUNDRED)));
        prop_assert_eq!(read.is_ok(), !broken_shape, "{}", text);
        if let Ok(record) = read {
            prop_assert!(!record.units().is_empty());
            for u in record.units() {
                prop_assert!(u.attended() <= u.scheduled() && !u.scheduled().is_zero());
            }
        }
    }
}

/// The exact decimal a JSON value denotes, when it is a non-negative whole number or a plain
/// decimal string, as the case format reads them.
fn exact(v: &serde_json::Value) -> Option<Decimal> {
    let d = match v {
        serde_json::Value::Number(n) => Decimal::from(n.as_u64()?),
        serde_json::Value::String(s) => s.parse::<Decimal>().ok()?,
        _ => return None,
    };
    (d >= Decimal::ZERO).then_some(d)
}
