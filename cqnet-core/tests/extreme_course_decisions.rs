//! The decisions about 과정평가형 courses and their learners at the extremes: completion and
//! pass (이수·합격), exam standards (시험기준), curriculum standards (편성기준) and course plans
//! with their designation check, designation screening (지정심사), the attendance and
//! evaluation ledgers (출결·내부평가), a trainee's outlook (이수 전망), what-if populations (제도
//! 변경 모의) and the external-evaluation funnel (외부평가 현황). Hours, areas, scores and counts
//! run to the limits of their types, lists from empty to hundreds of entries, dates to chrono's
//! limits. Each call gives a value or a typed error, never a panic, and each decision agrees
//! with its rule stated here on its own terms: ratios and areas by cross-multiplication in
//! integers.

#![allow(clippy::unwrap_used)]

mod extremes;

use std::collections::{BTreeMap, BTreeSet};

use cqnet_core::course_based::{self, ExternalScores, TraineeRecord, UnitRecord};
use cqnet_core::course_outlook::{self, OutlookRecord, UnitProgress};
use cqnet_core::ledger::{
    Attendance, AttendanceTarget, DayProblem, Evaluation, EvaluationMisfit, EvaluationResult,
    ScheduleProblem, StandingHours, check_attendance_day, check_enrollment_active,
    dangling_corrections, effective_attendance, evaluation_fit, latest_evaluations,
    schedule_problems,
};
use cqnet_core::rules::{InternalAggregation, RuleDate, RulePack, Rules};
use cqnet_core::screening::{self, Applicant, Criterion, RankTies, Screening};
use cqnet_core::standard::{
    CoursePlan, CoursePlanSpec, CurriculumStandard, CurriculumStandardSpec, EquipmentStandard,
    FacilityStandard, PlannedEquipment, PlannedFacility, PlannedUnit, StandardUnit, UnitKind,
    check_plan,
};
use cqnet_core::statistics::{self, Dimension, Gender, GroupBy, Stage, StatRecord};
use cqnet_core::what_if::{self, Population, PopulationRecord, Scenario, WhatIfError};
use cqnet_core::{
    Area, ExamStandard, Hours, InputError, Percent, Quantity, Reason, ReasonCode, Score, Subject,
    Track, UnitCode,
};
use proptest::collection::vec;
use proptest::prelude::*;
use rust_decimal::Decimal;

use extremes::{
    embedded_rules, extreme_area, extreme_date, extreme_decimal, extreme_hours, extreme_percent,
    extreme_round, extreme_score, extreme_u32, extreme_u64, no_panic,
};

fn count(reasons: &[Reason], code: ReasonCode) -> usize {
    reasons.iter().filter(|r| r.code == code).count()
}

/// A decimal of at most 4 places in ten-thousandths, as an integer.
fn ten_thousandths(d: Decimal) -> i128 {
    let scaled = d * Decimal::from(10_000);
    assert!(scaled.fract().is_zero(), "{d} has more than 4 places");
    i128::try_from(scaled).unwrap()
}

/// Unit codes, the last of the longest length (40) and every kind of ASCII punctuation.
const CODES: [&str; 5] = [
    "A",
    "B",
    "C",
    "1501020207_14v2",
    "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFG",
];

const NAMES: [&str; 4] = ["강의실", "실습실", "CNC 선반", "x"];

fn unit_code() -> impl Strategy<Value = UnitCode> {
    prop::sample::select(CODES.to_vec()).prop_map(|c| UnitCode::new(c).unwrap())
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(NAMES.to_vec()).prop_map(str::to_owned)
}

/// Hours a standard or a plan names: up to 2,000 in hundredths, or at the limits.
fn some_hours() -> impl Strategy<Value = Hours> {
    prop_oneof![
        3 => (0i64..=200_000).prop_map(|n| Hours::new(Decimal::new(n, 2)).unwrap()),
        1 => extreme_hours(),
    ]
}

fn kind() -> impl Strategy<Value = UnitKind> {
    prop::sample::select(vec![UnitKind::Mandatory, UnitKind::Elective])
}

// ------------------------------------------------------------------------------------------
// Exam standards

/// Weight pairs that sum to 100 (most of the time) or any two.
fn weights() -> impl Strategy<Value = (Percent, Percent)> {
    prop_oneof![
        3 => extreme_percent().prop_map(|w| (w, Percent::new(Decimal::ONE_HUNDRED - w.value()).unwrap())),
        1 => (extreme_percent(), extreme_percent()),
    ]
}

fn aggregation() -> impl Strategy<Value = InternalAggregation> {
    prop::sample::select(vec![
        InternalAggregation::Mean,
        InternalAggregation::HoursWeighted,
    ])
}

fn exam_standard() -> impl Strategy<Value = ExamStandard> {
    (weights(), weights(), extreme_score(), aggregation())
        .prop_filter_map("a valid standard", |((i, e), (w, p), pass, aggregation)| {
            ExamStandard::new(i, e, pass, w, p, aggregation).ok()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn an_exam_standard_is_made_exactly_when_its_weights_add_up(
        (internal, external) in weights(),
        (written, practical) in weights(),
        pass in extreme_score(),
        aggregation in aggregation(),
        scores in (extreme_score(), extreme_score()),
        parts in (extreme_decimal(), extreme_decimal()),
    ) {
        let made = no_panic("ExamStandard::new", || {
            ExamStandard::new(internal, external, pass, written, practical, aggregation)
        });
        let hundred = Decimal::ONE_HUNDRED;
        let expected = internal.value() + external.value() == hundred
            && written.value() + practical.value() == hundred
            && pass != Score::ZERO;
        prop_assert_eq!(made.is_ok(), expected);
        // The same values from JSON are refused exactly as the constructor refuses them.
        let json = serde_json::json!({
            "internal_weight": internal, "external_weight": external, "pass_average": pass,
            "written_weight": written, "practical_weight": practical, "aggregation": aggregation,
        });
        prop_assert_eq!(serde_json::from_value::<ExamStandard>(json).is_ok(), expected);
        let Ok(standard) = made else { return Ok(()) };
        prop_assert_eq!(standard.weights(), [internal, external, written, practical]);
        let (w, p) = scores;
        let external_score = standard.external_score(ExternalScores::new(w, p));
        prop_assert!(w.min(p).value() <= external_score && external_score <= w.max(p).value());
        let (a, b) = parts;
        let final_score = no_panic("final_score", || standard.final_score(a, b));
        prop_assert!(a.min(b) <= final_score && final_score <= a.max(b));
    }
}

// ------------------------------------------------------------------------------------------
// Completion and pass

/// A unit's record: attended hours a share of its scheduled hours (most of the time at or
/// above 75%), rounds taken or missed at the extremes, and a unit course label or none.
fn unit_record() -> impl Strategy<Value = UnitRecord> {
    (
        prop_oneof![3 => some_hours(), 1 => extreme_hours()],
        prop_oneof![3 => 7_000u32..=10_000, 1 => 0u32..=10_000],
        prop_oneof![
            3 => vec((4_000i64..=10_000).prop_map(|n| Some(Score::new(Decimal::new(n, 2)).unwrap())), 1..4),
            1 => vec(extreme_round(), 0..4),
        ],
        proptest::option::of(prop::sample::select(vec!["1단위", "2단위"])),
    )
        .prop_filter_map("a unit with scheduled hours", |(scheduled, share, rounds, label)| {
            let attended = (scheduled.value() * Decimal::new(i64::from(share), 4)).round_dp(4);
            let unit = UnitRecord::new(None, scheduled, Hours::new(attended).ok()?, rounds).ok()?;
            Some(match label {
                Some(l) => unit.in_unit_course(course_based::UnitCourseLabel::new(l).unwrap()),
                None => unit,
            })
        })
}

/// The pack's rules, with the attendance minimum, its scope and the round floor at extremes
/// half of the time.
fn completion_rules() -> impl Strategy<Value = Rules> {
    use cqnet_core::rules::AttendanceScope;
    let extreme = (
        embedded_rules(),
        extreme_percent(),
        extreme_score(),
        prop::sample::select(vec![
            AttendanceScope::CompetencyUnit,
            AttendanceScope::UnitCourse,
        ]),
    )
        .prop_map(|(mut rules, minimum, floor, scope)| {
            rules.course_based.attendance_min_percent.value = minimum;
            rules.course_based.internal_round_floor.value = floor;
            rules.course_based.attendance_scope.value = scope;
            rules
        });
    prop_oneof![embedded_rules(), extreme]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Completion, eligibility and pass follow each failing check, counted here on their own:
    /// attendance by cross-multiplication over each unit or each unit course, every round
    /// taken, no round under the floor; a pass never comes with a failing check.
    #[test]
    fn a_trainee_completes_and_passes_exactly_by_the_rules(
        units in prop_oneof![4 => vec(unit_record(), 1..8), 1 => vec(unit_record(), 200..260)],
        external in proptest::option::of((extreme_score(), extreme_score())),
        standard in exam_standard(),
        rules in completion_rules(),
    ) {
        use cqnet_core::rules::AttendanceScope;
        // The builder makes each unit as the constructor does, and refuses a missing fact.
        for u in &units {
            let mut builder = UnitRecord::builder().scheduled(u.scheduled()).attended(u.attended());
            for round in u.rounds() {
                builder = builder.round(*round);
            }
            if let Some(label) = u.unit_course() {
                builder = builder.unit_course(label.clone());
            }
            prop_assert_eq!(builder.clone().build(), Ok(u.clone()));
            let missing = UnitRecord::builder().scheduled(u.scheduled()).build();
            prop_assert!(matches!(missing, Err(InputError::Missing { .. })), "{:?}", missing);
        }
        let mut record = TraineeRecord::new(units.clone()).unwrap();
        if let Some((w, p)) = external {
            record = record.with_external(ExternalScores::new(w, p));
        }
        let d = no_panic("course_based::decide", || course_based::decide(&record, &standard, &rules));
        let cb = &rules.course_based;
        let minimum = ten_thousandths(cb.attendance_min_percent.value.value());
        let short = |attended: i128, scheduled: i128| attended * 100 * 10_000 < scheduled * minimum;
        let h = |h: Hours| ten_thousandths(h.value());
        let (unit_short, course_short) = match cb.attendance_scope.value {
            AttendanceScope::CompetencyUnit => {
                (units.iter().filter(|u| short(h(u.attended()), h(u.scheduled()))).count(), 0)
            }
            AttendanceScope::UnitCourse => {
                // Units sharing a label are one unit course; a unit without one is its own.
                let mut courses: Vec<(Option<String>, i128, i128)> = Vec::new();
                for u in &units {
                    let label = u.unit_course().map(|l| l.as_str().to_owned());
                    match courses.iter_mut().find(|c| label.is_some() && c.0 == label) {
                        Some(c) => {
                            c.1 += h(u.attended());
                            c.2 += h(u.scheduled());
                        }
                        None => courses.push((label, h(u.attended()), h(u.scheduled()))),
                    }
                }
                (0, courses.iter().filter(|c| short(c.1, c.2)).count())
            }
        };
        let missing = units.iter().filter(|u| u.rounds().is_empty() || u.rounds().iter().any(Option::is_none)).count();
        let floor = cb.internal_round_floor.value;
        let below = units.iter().filter(|u| u.rounds().iter().flatten().any(|s| *s < floor)).count();
        prop_assert_eq!(count(&d.reasons, ReasonCode::AttendanceBelowMinimum), unit_short);
        prop_assert_eq!(count(&d.reasons, ReasonCode::UnitCourseAttendanceBelowMinimum), course_short);
        prop_assert_eq!(count(&d.reasons, ReasonCode::InternalEvaluationMissing), missing);
        prop_assert_eq!(count(&d.reasons, ReasonCode::InternalRoundBelowFloor), below);
        let completed = unit_short + course_short + missing + below == 0;
        prop_assert_eq!(d.completed, completed);
        prop_assert_eq!(d.eligible_for_external, completed);
        // The internal score lies between the lowest and highest unit means.
        if let Some(internal) = d.internal_score {
            let means: Vec<Decimal> = units.iter().map(|u| {
                let taken: Vec<Decimal> = u.rounds().iter().flatten().map(|s| s.value()).collect();
                taken.iter().sum::<Decimal>() / Decimal::from(taken.len())
            }).collect();
            let lowest = means.iter().min().unwrap();
            let highest = means.iter().max().unwrap();
            prop_assert!(*lowest - Decimal::new(1, 20) <= internal && internal <= *highest + Decimal::new(1, 20));
        }
        prop_assert_eq!(d.internal_score.is_some(), missing == 0);
        let below_pass = count(&d.reasons, ReasonCode::FinalScoreBelowPassMark);
        match (completed, d.final_score) {
            (false, _) => {
                prop_assert_eq!(d.passed, Some(false));
                prop_assert_eq!(below_pass, 0);
            }
            (true, None) => {
                prop_assert!(external.is_none());
                prop_assert_eq!(d.passed, None);
            }
            (true, Some(score)) => {
                let passed = score >= standard.pass_average().value();
                prop_assert_eq!(d.passed, Some(passed));
                prop_assert_eq!(below_pass, usize::from(!passed));
                let (i, e) = (d.internal_score.unwrap(), d.external_score.unwrap());
                prop_assert!(i.min(e) <= score && score <= i.max(e));
            }
        }
        prop_assert!(d.passed != Some(true) || d.reasons.is_empty());
    }
}

// ------------------------------------------------------------------------------------------
// Curriculum standards, course plans and the designation check

fn facility_standard() -> impl Strategy<Value = FacilityStandard> {
    (name(), extreme_u32(), extreme_area(), extreme_area()).prop_map(
        |(name, headcount, area, extra)| FacilityStandard::new(name, headcount, area, extra),
    )
}

fn equipment_standard() -> impl Strategy<Value = EquipmentStandard> {
    (
        name(),
        extreme_u32(),
        prop_oneof![3 => 1u32..=40, 1 => extreme_u32()],
    )
        .prop_map(|(name, quantity, per_trainees)| EquipmentStandard {
            name,
            quantity,
            per_trainees,
        })
}

/// Keeps the first item of each name, as a standard or plan that means to be valid would.
fn first_of_each<T>(items: Vec<T>, name: impl Fn(&T) -> &str) -> Vec<T> {
    let mut seen = BTreeSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(name(i).to_owned()))
        .collect()
}

/// Curriculum standard specs: hours that add up (most of the time) with facilities and
/// equipment at the extremes, or anything.
fn standard_spec() -> impl Strategy<Value = CurriculumStandardSpec> {
    let near = (
        prop::sample::subsequence(CODES.to_vec(), 1..=CODES.len()),
        vec((kind(), some_hours()), CODES.len()),
        proptest::option::of(some_hours()),
        proptest::option::of(some_hours()),
        (some_hours(), some_hours()),
        vec(facility_standard(), 0..4),
        vec(equipment_standard(), 0..4),
    )
        .prop_map(
            |(
                codes,
                kinds,
                foundational,
                mandatory_extra,
                (elective, slack),
                facilities,
                equipment,
            )| {
                let units: Vec<StandardUnit> = codes
                    .iter()
                    .zip(kinds)
                    .map(|(c, (kind, hours))| {
                        StandardUnit::new(UnitCode::new(c).unwrap(), kind, hours)
                    })
                    .collect();
                let mandatory_min: Decimal = units
                    .iter()
                    .filter(|u| u.kind == UnitKind::Mandatory)
                    .map(|u| u.min_hours.value())
                    .sum();
                let mandatory = mandatory_extra.map(|extra| mandatory_min + extra.value());
                let f = foundational.map_or(Decimal::ZERO, Hours::value);
                let exact = foundational.is_some() && mandatory.is_some();
                let total = f
                    + mandatory.unwrap_or(mandatory_min)
                    + elective.value()
                    + if exact { Decimal::ZERO } else { slack.value() };
                let hours = |d: Decimal| Hours::new(d).unwrap_or(Hours::ZERO);
                CurriculumStandardSpec {
                    total_hours: hours(total),
                    foundational_hours: foundational,
                    mandatory_hours: mandatory.map(hours),
                    elective_hours: elective,
                    units,
                    facilities: first_of_each(facilities, |f| &f.name),
                    equipment: first_of_each(equipment, |e| &e.name),
                    ..CurriculumStandardSpec::default()
                }
            },
        );
    let unit = (unit_code(), kind(), extreme_hours())
        .prop_map(|(code, kind, hours)| StandardUnit::new(code, kind, hours));
    let anything = (
        extreme_hours(),
        proptest::option::of(extreme_hours()),
        proptest::option::of(extreme_hours()),
        extreme_hours(),
        vec(unit, 0..6),
        vec(facility_standard(), 0..4),
        vec(equipment_standard(), 0..4),
    )
        .prop_map(
            |(
                total_hours,
                foundational_hours,
                mandatory_hours,
                elective_hours,
                units,
                facilities,
                equipment,
            )| {
                CurriculumStandardSpec {
                    total_hours,
                    foundational_hours,
                    mandatory_hours,
                    elective_hours,
                    units,
                    facilities,
                    equipment,
                    ..CurriculumStandardSpec::default()
                }
            },
        );
    prop_oneof![3 => near, 1 => anything]
}

/// Course plan specs: distinct units, facilities and equipment (most of the time) with hours,
/// areas, quantities and capacity at the extremes, or anything.
fn plan_spec() -> impl Strategy<Value = CoursePlanSpec> {
    let unit = (unit_code(), some_hours()).prop_map(|(code, hours)| PlannedUnit { code, hours });
    let facility = (name(), extreme_area()).prop_map(|(name, area)| PlannedFacility { name, area });
    let equipment =
        (name(), extreme_u64()).prop_map(|(name, quantity)| PlannedEquipment { name, quantity });
    let capacity = prop_oneof![3 => 1u32..=100, 1 => extreme_u32()];
    (
        capacity,
        some_hours(),
        vec(unit, 0..6),
        vec(facility, 0..4),
        vec(equipment, 0..4),
        any::<bool>(),
    )
        .prop_map(
            |(capacity, foundational_hours, units, facilities, equipment, near)| {
                if near {
                    CoursePlanSpec {
                        capacity,
                        foundational_hours,
                        units: first_of_each(units, |u| u.code.as_str()),
                        facilities: first_of_each(facilities, |f| &f.name),
                        equipment: first_of_each(equipment, |e| &e.name),
                    }
                } else {
                    CoursePlanSpec {
                        capacity,
                        foundational_hours,
                        units,
                        facilities,
                        equipment,
                    }
                }
            },
        )
}

fn distinct<'a>(keys: impl Iterator<Item = &'a str>) -> bool {
    let mut seen = BTreeSet::new();
    keys.into_iter().all(|k| seen.insert(k))
}

/// Whether a spec describes a curriculum standard, by its rules stated on their own.
fn describes_a_standard(s: &CurriculumStandardSpec) -> bool {
    let h = |h: Hours| ten_thousandths(h.value());
    let mandatory_min: i128 = s
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::Mandatory)
        .map(|u| h(u.min_hours))
        .sum();
    let foundational = s.foundational_hours.map_or(0, h);
    let (total, elective) = (h(s.total_hours), h(s.elective_hours));
    let hours_fit = match s.mandatory_hours.map(h) {
        Some(mandatory) => {
            mandatory_min <= mandatory
                && (s.foundational_hours.is_none() || foundational + mandatory + elective == total)
                && foundational + mandatory + elective <= total
        }
        None => foundational + mandatory_min + elective <= total,
    };
    !s.units.is_empty()
        && distinct(s.units.iter().map(|u| u.code.as_str()))
        && distinct(s.facilities.iter().map(|f| f.name.as_str()))
        && distinct(s.equipment.iter().map(|e| e.name.as_str()))
        && s.equipment.iter().all(|e| e.per_trainees > 0)
        && hours_fit
}

fn describes_a_plan(s: &CoursePlanSpec) -> bool {
    s.capacity > 0
        && !s.units.is_empty()
        && distinct(s.units.iter().map(|u| u.code.as_str()))
        && distinct(s.facilities.iter().map(|f| f.name.as_str()))
        && distinct(s.equipment.iter().map(|e| e.name.as_str()))
}

/// The area a facility needs for `capacity` trainees, in ten-thousandths of a ㎡.
fn needed_area(f: &FacilityStandard, capacity: u32) -> i128 {
    let extra_people = i128::from(capacity.saturating_sub(f.headcount));
    ten_thousandths(f.area.value())
        + extra_people * ten_thousandths(f.extra_area_per_person.value())
}

/// The items an equipment standard needs for `capacity` trainees: a group of `per_trainees`
/// or part of one needs `quantity`.
fn needed_items(e: &EquipmentStandard, capacity: u32) -> u128 {
    let groups = u128::from(capacity).div_ceil(u128::from(e.per_trainees.max(1)));
    groups * u128::from(e.quantity)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_plan_meets_its_standard_exactly_when_every_requirement_is_met(
        standard_spec in standard_spec(),
        plan_spec in plan_spec(),
        rules in embedded_rules(),
    ) {
        let standard = no_panic("CurriculumStandard::new", || CurriculumStandard::new(standard_spec.clone()));
        prop_assert_eq!(standard.is_ok(), describes_a_standard(&standard_spec), "{:?}", standard);
        let plan = no_panic("CoursePlan::new", || CoursePlan::new(plan_spec.clone()));
        prop_assert_eq!(plan.is_ok(), describes_a_plan(&plan_spec), "{:?}", plan);
        for f in &standard_spec.facilities {
            let area = no_panic("required_area", || f.required_area(plan_spec.capacity));
            prop_assert_eq!(ten_thousandths(area), needed_area(f, plan_spec.capacity));
        }
        for e in &standard_spec.equipment {
            let items = no_panic("required_quantity", || e.required_quantity(plan_spec.capacity));
            prop_assert_eq!(u128::from(items), needed_items(e, plan_spec.capacity));
        }
        let (Ok(standard), Ok(plan)) = (standard, plan) else { return Ok(()) };

        let d = no_panic("check_plan", || check_plan(&standard, &plan, &rules));
        prop_assert_eq!(d.meets_standard, d.reasons.is_empty());
        let s = standard.spec();
        let p = plan.spec();
        let std_unit = |code: &UnitCode| s.units.iter().find(|u| &u.code == code);
        let planned = |code: &UnitCode| p.units.iter().find(|u| &u.code == code);
        let missing = s.units.iter().filter(|u| u.kind == UnitKind::Mandatory && planned(&u.code).is_none());
        prop_assert_eq!(count(&d.reasons, ReasonCode::MandatoryUnitMissing), missing.count());
        let unknown: Vec<UnitCode> = p.units.iter().filter(|u| std_unit(&u.code).is_none()).map(|u| u.code.clone()).collect();
        prop_assert_eq!(count(&d.reasons, ReasonCode::UnknownUnit), unknown.len());
        prop_assert_eq!(standard.units_not_listed(p.units.iter().map(|u| &u.code)), unknown);
        let short = p.units.iter().filter(|u| std_unit(&u.code).is_some_and(|s| u.hours < s.min_hours));
        prop_assert_eq!(count(&d.reasons, ReasonCode::UnitHoursBelowMinimum), short.count());
        let h = |h: Hours| ten_thousandths(h.value());
        let elective: i128 = p.units.iter()
            .filter(|u| std_unit(&u.code).is_some_and(|s| s.kind == UnitKind::Elective))
            .map(|u| h(u.hours))
            .sum();
        prop_assert_eq!(count(&d.reasons, ReasonCode::ElectiveHoursBelowStandard), usize::from(elective < h(s.elective_hours)));
        let total = h(p.foundational_hours) + p.units.iter().map(|u| h(u.hours)).sum::<i128>();
        prop_assert_eq!(count(&d.reasons, ReasonCode::TotalHoursBelowStandard), usize::from(total < h(s.total_hours)));
        for f in &s.facilities {
            let about: Vec<&Reason> = d.reasons.iter()
                .filter(|r| r.subject == Some(Subject::Facility { name: f.name.clone() }))
                .collect();
            let expected = match p.facilities.iter().find(|pf| pf.name == f.name) {
                None => Some(ReasonCode::FacilityMissing),
                Some(pf) if ten_thousandths(pf.area.value()) < needed_area(f, p.capacity) => {
                    Some(ReasonCode::FacilityAreaInsufficient)
                }
                Some(_) => None,
            };
            prop_assert_eq!(about.iter().map(|r| r.code).collect::<Vec<_>>(), expected.into_iter().collect::<Vec<_>>());
            if let Some(r) = about.first() {
                let Some(Quantity::Area(required)) = r.required else { panic!("{r:?}") };
                prop_assert_eq!(ten_thousandths(required), needed_area(f, p.capacity));
            }
        }
        for e in &s.equipment {
            let have = p.equipment.iter().find(|pe| pe.name == e.name).map_or(0, |pe| pe.quantity);
            let short = u128::from(have) < needed_items(e, p.capacity);
            let reported = d.reasons.iter().any(|r| r.subject == Some(Subject::Equipment { name: e.name.clone() }));
            prop_assert_eq!(reported, short, "{:?} with {}", e, have);
        }
    }
}

/// One requirement of a standard a plan can fall short of by one step.
#[derive(Debug, Clone, Copy)]
enum Shortfall {
    UnitHours(usize),
    Total,
    Facility(usize),
    Equipment(usize),
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A plan built to exactly what its standard requires meets it, whatever the capacity;
    /// one step less on any one requirement (a ten-thousandth of an hour or a ㎡, one item) does
    /// not; and a requirement above the largest area is met by no plan.
    #[test]
    fn a_plan_built_to_its_standard_meets_it_and_one_step_less_does_not(
        standard_spec in standard_spec(),
        capacity in prop_oneof![3 => 1u32..=100, 1 => extreme_u32().prop_map(|c| c.max(1))],
        pick in any::<prop::sample::Index>(),
        rules in embedded_rules(),
    ) {
        let Ok(standard) = CurriculumStandard::new(standard_spec) else { return Ok(()) };
        let s = standard.spec();
        let step = Decimal::new(1, 4);
        let mut units: Vec<PlannedUnit> = s.units.iter()
            .map(|u| PlannedUnit { code: u.code.clone(), hours: u.min_hours })
            .collect();
        // The elective hours the standard asks for, on its first elective unit.
        let elective: Decimal = s.units.iter().filter(|u| u.kind == UnitKind::Elective).map(|u| u.min_hours.value()).sum();
        if elective < s.elective_hours.value() {
            let Some(first) = s.units.iter().position(|u| u.kind == UnitKind::Elective) else { return Ok(()) };
            let Ok(hours) = Hours::new(units[first].hours.value() + s.elective_hours.value() - elective) else { return Ok(()) };
            units[first].hours = hours;
        }
        let unit_hours: Decimal = units.iter().map(|u| u.hours.value()).sum();
        let Ok(foundational) = Hours::new((s.total_hours.value() - unit_hours).max(Decimal::ZERO)) else { return Ok(()) };
        let mut beyond_largest = false;
        let mut facilities = Vec::new();
        for f in &s.facilities {
            let needed = Decimal::from_i128_with_scale(needed_area(f, capacity), 4);
            match Area::new(needed) {
                Ok(area) => facilities.push(PlannedFacility { name: f.name.clone(), area }),
                Err(_) => {
                    beyond_largest = true;
                    facilities.push(PlannedFacility { name: f.name.clone(), area: Area::new(Decimal::from(1_000_000)).unwrap() });
                }
            }
        }
        let mut equipment = Vec::new();
        for e in &s.equipment {
            let Ok(quantity) = u64::try_from(needed_items(e, capacity)) else { return Ok(()) };
            equipment.push(PlannedEquipment { name: e.name.clone(), quantity });
        }
        let spec = CoursePlanSpec { capacity, foundational_hours: foundational, units, facilities, equipment };
        let plan = CoursePlan::new(spec.clone()).unwrap();
        let d = no_panic("check_plan", || check_plan(&standard, &plan, &rules));
        prop_assert_eq!(d.meets_standard, !beyond_largest, "{:?}", d.reasons);
        if beyond_largest {
            prop_assert!(d.reasons.iter().all(|r| r.code == ReasonCode::FacilityAreaInsufficient));
            return Ok(());
        }

        let mut shortfalls: Vec<Shortfall> = Vec::new();
        shortfalls.extend((0..spec.units.len()).filter(|i| {
            let u = &spec.units[*i];
            s.units[*i].min_hours.value() == u.hours.value() && !u.hours.is_zero()
        }).map(Shortfall::UnitHours));
        if !spec.foundational_hours.is_zero() {
            shortfalls.push(Shortfall::Total);
        }
        shortfalls.extend((0..spec.facilities.len()).filter(|i| spec.facilities[*i].area.value() > Decimal::ZERO).map(Shortfall::Facility));
        shortfalls.extend((0..spec.equipment.len()).filter(|i| spec.equipment[*i].quantity > 0).map(Shortfall::Equipment));
        if shortfalls.is_empty() {
            return Ok(());
        }
        let shortfall = *pick.get(&shortfalls);
        let mut less = spec;
        let expected = match shortfall {
            Shortfall::UnitHours(i) => {
                less.units[i].hours = Hours::new(less.units[i].hours.value() - step).unwrap();
                ReasonCode::UnitHoursBelowMinimum
            }
            Shortfall::Total => {
                less.foundational_hours = Hours::new(less.foundational_hours.value() - step).unwrap();
                ReasonCode::TotalHoursBelowStandard
            }
            Shortfall::Facility(i) => {
                less.facilities[i].area = Area::new(less.facilities[i].area.value() - step).unwrap();
                ReasonCode::FacilityAreaInsufficient
            }
            Shortfall::Equipment(i) => {
                less.equipment[i].quantity -= 1;
                ReasonCode::EquipmentInsufficient
            }
        };
        let d = check_plan(&standard, &CoursePlan::new(less).unwrap(), &rules);
        prop_assert!(!d.meets_standard);
        prop_assert!(d.reasons.iter().any(|r| r.code == expected), "{:?}: {:?}", shortfall, d.reasons);
    }
}

// ------------------------------------------------------------------------------------------
// Designation screening

fn criterion() -> impl Strategy<Value = Criterion> {
    prop_oneof![
        extreme_score().prop_map(|min| Criterion::Score { min }),
        extreme_u32().prop_filter_map("a rank above 0", |n| Criterion::rank(n).ok()),
    ]
}

/// The rank of `score` among `field`: one more than the scores above it, counted once each
/// (dense) or once per applicant (shared).
fn rank_of(score: Score, field: &[Score], ties: RankTies) -> u64 {
    let higher = field.iter().filter(|s| **s > score);
    let above = match ties {
        RankTies::Shared => higher.count(),
        RankTies::Dense => higher.collect::<BTreeSet<_>>().len(),
    };
    above as u64 + 1
}

fn passes(criterion: Criterion, score: Score, field: &[Score], ties: RankTies) -> bool {
    match criterion {
        Criterion::Score { min } => score >= min,
        Criterion::Rank { max_rank } => rank_of(score, field, ties) <= u64::from(max_rank),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn screening_selects_exactly_who_passes_both_stages(
        document in criterion(),
        on_site in criterion(),
        applicants in prop_oneof![
            4 => vec((extreme_score(), proptest::option::of(extreme_score())), 0..40),
            1 => vec((extreme_score(), proptest::option::of(extreme_score())), 250..300),
        ],
        repeated_id in any::<bool>(),
        ties in prop::sample::select(vec![RankTies::Shared, RankTies::Dense]),
        rank in extreme_u32(),
        mut rules in embedded_rules(),
    ) {
        prop_assert_eq!(Criterion::rank(rank).is_ok(), rank > 0);
        rules.designation.rank_ties.value = ties;
        let mut ids: Vec<String> = (0..applicants.len()).map(|i| format!("A{i:04}")).collect();
        if repeated_id && ids.len() > 1 {
            ids[1] = ids[0].clone();
        }
        let made: Vec<Applicant> = applicants
            .iter()
            .zip(&ids)
            .map(|((d, o), id)| Applicant::new(id.clone(), *d, *o).unwrap())
            .collect();
        let screening = no_panic("Screening::new", || Screening::new(document, on_site, made));
        prop_assert_eq!(screening.is_ok(), !ids.is_empty() && distinct(ids.iter().map(String::as_str)));
        let Ok(screening) = screening else { return Ok(()) };
        let d = no_panic("screening::decide", || screening::decide(&screening, &rules));

        let documents: Vec<Score> = applicants.iter().map(|a| a.0).collect();
        let passed_document: Vec<bool> = documents.iter().map(|s| passes(document, *s, &documents, ties)).collect();
        let on_site_field: Vec<Score> = applicants.iter().zip(&passed_document)
            .filter_map(|(a, passed)| a.1.filter(|_| *passed))
            .collect();
        let mut selected = Vec::new();
        prop_assert_eq!(d.outcomes.len(), applicants.len());
        for ((a, outcome), passed_doc) in applicants.iter().zip(&d.outcomes).zip(&passed_document) {
            let passed_site = *passed_doc && a.1.is_some_and(|s| passes(on_site, s, &on_site_field, ties));
            prop_assert_eq!(outcome.passed_document, *passed_doc);
            prop_assert_eq!(outcome.passed_on_site, passed_site);
            prop_assert_eq!(outcome.reasons.is_empty(), passed_site);
            let expected = if !passed_doc {
                Some(ReasonCode::DocumentScreeningFailed)
            } else if a.1.is_none() {
                Some(ReasonCode::OnSiteScreeningMissing)
            } else if !passed_site {
                Some(ReasonCode::OnSiteScreeningFailed)
            } else {
                None
            };
            prop_assert_eq!(outcome.reasons.iter().map(|r| r.code).collect::<Vec<_>>(), expected.into_iter().collect::<Vec<_>>());
            if passed_site {
                selected.push(outcome.id.clone());
            }
        }
        prop_assert_eq!(d.selected, selected);
    }
}

// ------------------------------------------------------------------------------------------
// Ledgers

fn target() -> impl Strategy<Value = AttendanceTarget> {
    prop_oneof![
        Just(AttendanceTarget::Ojt),
        Just(AttendanceTarget::OffJt),
        unit_code().prop_map(AttendanceTarget::Unit),
    ]
}

/// Positions from a small pool (so that corrections name entries) with the limits of a `u64`.
fn position() -> impl Strategy<Value = u64> {
    prop_oneof![Just(0), Just(u64::MAX), 1u64..=12]
}

fn attendance() -> impl Strategy<Value = Attendance> {
    (
        position(),
        target(),
        extreme_hours(),
        proptest::option::of(position()),
    )
        .prop_map(|(position, target, hours, corrects)| Attendance {
            position,
            target,
            hours,
            corrects,
        })
}

fn evaluation() -> impl Strategy<Value = Evaluation> {
    let result = prop_oneof![
        (
            prop_oneof![Just(0u8), Just(u8::MAX), 1u8..=4],
            extreme_round()
        )
            .prop_map(|(round, score)| EvaluationResult::Round { round, score }),
        any::<bool>().prop_map(EvaluationResult::Passed),
    ];
    (
        position(),
        unit_code(),
        result,
        proptest::option::of(position()),
    )
        .prop_map(|(position, unit, result, corrects)| Evaluation {
            position,
            unit,
            result,
            corrects,
        })
}

/// The scheduled hours of every target: some unscheduled, some at the limits.
fn schedule() -> impl Strategy<Value = BTreeMap<AttendanceTarget, Option<Hours>>> {
    prop::collection::btree_map(target(), proptest::option::of(extreme_hours()), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the positions (repeated, zero, the largest), whatever the corrections (dangling,
    /// of themselves, in a cycle): the standing entries are those no entry names, and their hours
    /// add up exactly.
    #[test]
    fn the_ledgers_add_up_their_standing_entries(
        entries in prop_oneof![4 => vec(attendance(), 0..40), 1 => vec(attendance(), 250..300)],
        evaluations in vec(evaluation(), 0..40),
        schedule in schedule(),
    ) {
        let superseded: BTreeSet<u64> = entries.iter().filter_map(|e| e.corrects).collect();
        let mut expected: BTreeMap<AttendanceTarget, i128> = BTreeMap::new();
        for e in entries.iter().filter(|e| !superseded.contains(&e.position)) {
            *expected.entry(e.target.clone()).or_default() += ten_thousandths(e.hours.value());
        }
        let totals = no_panic("effective_attendance", || effective_attendance(&entries));
        let totals_scaled: BTreeMap<AttendanceTarget, i128> =
            totals.iter().map(|(t, h)| (t.clone(), ten_thousandths(*h))).collect();
        prop_assert_eq!(&totals_scaled, &expected);
        let kept = no_panic("StandingHours::of", || StandingHours::of(&entries));
        prop_assert_eq!(kept.totals(), totals.clone());

        let positions: BTreeSet<u64> = entries.iter().map(|e| e.position).collect();
        let dangling: Vec<(u64, u64)> = entries.iter()
            .filter_map(|e| e.corrects.map(|c| (e.position, c)))
            .filter(|(_, c)| !positions.contains(c))
            .collect();
        prop_assert_eq!(dangling_corrections(&entries), dangling);

        let scheduled = |t: &AttendanceTarget| schedule.get(t).copied().flatten();
        let problems = no_panic("schedule_problems", || schedule_problems(&entries, scheduled));
        let expected_problems: Vec<ScheduleProblem> = totals.iter().filter_map(|(t, attended)| match scheduled(t) {
            None => Some(ScheduleProblem::NotScheduled { target: t.clone() }),
            Some(s) if *attended > s.value() => Some(ScheduleProblem::AboveScheduled { target: t.clone(), attended: *attended, scheduled: s }),
            Some(_) => None,
        }).collect();
        prop_assert_eq!(&problems, &expected_problems);
        prop_assert_eq!(kept.problems(totals.keys(), scheduled), expected_problems);

        // Folding the entries one by one refuses what is not standing and changes nothing then.
        let mut folded = StandingHours::default();
        for e in &entries {
            let old = e.corrects.and_then(|c| entries.iter().find(|o| o.position == c));
            let before = folded.clone();
            if no_panic("StandingHours::apply", || folded.apply(e, old)).is_err() {
                prop_assert_eq!(&folded, &before);
            }
        }

        let superseded: BTreeSet<u64> = evaluations.iter().filter_map(|e| e.corrects).collect();
        let mut latest = BTreeMap::new();
        for e in evaluations.iter().filter(|e| !superseded.contains(&e.position)) {
            let round = match e.result {
                EvaluationResult::Round { round, .. } => round,
                EvaluationResult::Passed(_) => 0,
            };
            latest.insert((e.unit.clone(), round), e.result);
        }
        prop_assert_eq!(no_panic("latest_evaluations", || latest_evaluations(&evaluations)), latest);
    }

    #[test]
    fn an_entry_fits_its_day_and_its_evaluation_kind(
        day in extreme_date(),
        start in extreme_date(),
        end in extreme_date(),
        today in extreme_date(),
        track in prop::sample::select(vec![Track::CourseBased, Track::WorkStudy]),
        rounds in any::<u8>(),
        result in evaluation().prop_map(|e| e.result),
        active in any::<bool>(),
        rules in embedded_rules(),
    ) {
        let fits = no_panic("check_attendance_day", || check_attendance_day(day, start, end, today));
        let expected = if day < start {
            Err(DayProblem::BeforeCourse)
        } else if day > end {
            Err(DayProblem::AfterCourse)
        } else if day > today {
            Err(DayProblem::AfterToday)
        } else {
            Ok(())
        };
        prop_assert_eq!(fits, expected);
        let fit = evaluation_fit(track, rounds, result);
        let expected = match (track, result) {
            (Track::CourseBased, EvaluationResult::Round { round, .. }) if round >= 1 && round <= rounds => Ok(()),
            (Track::CourseBased, EvaluationResult::Round { .. }) => Err(EvaluationMisfit::RoundOutOfRange),
            (Track::WorkStudy, EvaluationResult::Passed(_)) => Ok(()),
            _ => Err(EvaluationMisfit::WrongKind),
        };
        prop_assert_eq!(fit, expected);
        let reasons = check_enrollment_active(active, &rules);
        prop_assert_eq!(reasons.len(), usize::from(!active));
    }
}

// ------------------------------------------------------------------------------------------
// The outlook of a trainee part-way through

fn unit_progress() -> impl Strategy<Value = (Hours, Hours, Hours, Vec<Score>, u32)> {
    (
        extreme_hours(),
        extreme_hours(),
        extreme_hours(),
        vec(extreme_score(), 0..4),
        prop_oneof![Just(0u32), extreme_u32()],
    )
}

/// The pack's rules with the attendance minimum and the round floor at extremes.
fn outlook_rules() -> impl Strategy<Value = Rules> {
    (embedded_rules(), extreme_percent(), extreme_score()).prop_map(
        |(mut rules, minimum, floor)| {
            rules.course_based.attendance_min_percent.value = minimum;
            rules.course_based.internal_round_floor.value = floor;
            rules
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_outlook_needs_exactly_the_hours_and_score_left(
        units in prop_oneof![1 => vec(unit_progress(), 0..8), 3 => vec(unit_progress(), 1..4)],
        standard in exam_standard(),
        rules in outlook_rules(),
    ) {
        let h = |h: Hours| ten_thousandths(h.value());
        let made: Vec<Result<UnitProgress, InputError>> = units.iter()
            .map(|(hours, attended, remaining, scores, left)| {
                no_panic("UnitProgress::new", || UnitProgress::new(*hours, *attended, *remaining, scores.clone(), *left))
            })
            .collect();
        for ((hours, attended, remaining, ..), unit) in units.iter().zip(&made) {
            prop_assert_eq!(unit.is_ok(), !hours.is_zero() && h(*attended) + h(*remaining) <= h(*hours));
        }
        let valid: Vec<_> = units.iter().zip(made).filter_map(|(u, m)| m.ok().map(|m| (u.clone(), m))).collect();
        let record = OutlookRecord::new(valid.iter().map(|(_, m)| m.clone()).collect());
        prop_assert_eq!(record.is_ok(), !valid.is_empty());
        let Ok(record) = record else { return Ok(()) };
        let d = no_panic("course_outlook::decide", || course_outlook::decide(&record, &standard, &rules));

        let minimum = ten_thousandths(rules.course_based.attendance_min_percent.value.value());
        let floor = rules.course_based.internal_round_floor.value;
        prop_assert_eq!(d.needed_hours.len(), valid.len());
        let mut blocking = 0;
        for (i, ((hours, attended, remaining, scores, left), _)) in valid.iter().enumerate() {
            let needed = d.needed_hours[i];
            prop_assert!(needed >= Decimal::ZERO);
            // Enough, and no more than enough: (attended + needed) × 100 = hours × minimum.
            let reached = (attended.value() + needed) * Decimal::ONE_HUNDRED;
            let wanted = hours.value() * rules.course_based.attendance_min_percent.value.value();
            prop_assert!(reached >= wanted);
            if needed > Decimal::ZERO {
                prop_assert_eq!(reached, wanted);
            }
            let unit_reasons: Vec<ReasonCode> = d.reasons.iter()
                .filter(|r| r.subject == Some(Subject::Unit { index: i, code: None }))
                .map(|r| r.code)
                .collect();
            let unreachable = (h(*attended) + h(*remaining)) * 100 * 10_000 < h(*hours) * minimum;
            prop_assert_eq!(unit_reasons.contains(&ReasonCode::AttendanceUnreachable), unreachable);
            let below_floor = scores.iter().any(|s| *s < floor);
            prop_assert_eq!(unit_reasons.contains(&ReasonCode::InternalRoundBelowFloor), below_floor);
            let missing = scores.is_empty() && *left == 0;
            prop_assert_eq!(unit_reasons.contains(&ReasonCode::InternalEvaluationMissing), missing);
            blocking += usize::from(unreachable) + usize::from(below_floor) + usize::from(missing);
        }
        prop_assert_eq!(d.can_still_complete, blocking == 0);
        let unreachable_pass = count(&d.reasons, ReasonCode::PassUnreachable);
        prop_assert_eq!(d.reasons.len(), blocking + unreachable_pass);
        let all_held = valid.iter().all(|((.., left), _)| *left == 0);
        if let Some(min) = d.min_external {
            prop_assert!(d.can_still_complete && all_held && unreachable_pass == 0);
            prop_assert!(Decimal::ZERO <= min && min <= Decimal::ONE_HUNDRED, "{}", min);
            // The internal score as the completion decision gives it, and the pass at the boundary.
            let trainee = TraineeRecord::new(valid.iter().map(|((hours, attended, _, scores, _), _)| {
                UnitRecord::new(None, *hours, *attended, scores.iter().copied().map(Some).collect()).unwrap()
            }).collect()).unwrap();
            let internal = course_based::decide(&trainee, &standard, &rules).internal_score.unwrap();
            prop_assert!(standard.final_score(internal, min) >= standard.pass_average().value());
        } else if d.can_still_complete && all_held {
            // Every round held and taken: only an unreachable pass leaves no lowest score.
            prop_assert_eq!(unreachable_pass, 1);
        }
    }
}

// ------------------------------------------------------------------------------------------
// What-if populations

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        proptest::option::of(extreme_score()),
        proptest::option::of(weights()),
        proptest::option::of(weights()),
        proptest::option::of(extreme_percent()),
        proptest::option::of(extreme_score()),
    )
        .prop_map(
            |(pass_average, exam, parts, attendance_minimum, round_floor)| Scenario {
                pass_average,
                internal_weight: exam.map(|w| w.0),
                external_weight: exam.map(|w| w.1),
                written_weight: parts.map(|w| w.0),
                practical_weight: parts.map(|w| w.1),
                attendance_minimum,
                round_floor,
            },
        )
}

fn trainee() -> impl Strategy<Value = TraineeRecord> {
    let unit = (extreme_hours(), extreme_hours(), vec(extreme_round(), 0..3))
        .prop_filter_map("a unit", |(a, b, rounds)| {
            UnitRecord::new(None, a.max(b), a.min(b), rounds).ok()
        });
    (
        vec(unit, 1..4),
        proptest::option::of((extreme_score(), extreme_score())),
    )
        .prop_map(|(units, external)| {
            let record = TraineeRecord::new(units).unwrap();
            match external {
                Some((w, p)) => record.with_external(ExternalScores::new(w, p)),
                None => record,
            }
        })
}

fn basis() -> impl Strategy<Value = RuleDate> {
    let day = prop_oneof![extreme_date(), Just(RulePack::embedded().latest_change())];
    prop_oneof![
        day.clone().prop_map(RuleDate::EvaluatedOn),
        day.prop_map(RuleDate::CohortStartedOn),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_what_if_decides_each_record_twice_and_counts_what_changed(
        records in vec((trainee(), proptest::option::of(exam_standard())), 1..6),
        scenario in scenario(),
        basis in basis(),
        name in prop_oneof!["[a-z0-9-]{1,12}", any::<String>(), Just("\"]\n[x".to_owned())],
    ) {
        let pack = RulePack::embedded();
        let population = Population::new(
            records.iter().enumerate()
                .map(|(i, (r, exam))| PopulationRecord::new(format!("c-{i}"), r.clone(), exam.clone()).unwrap())
                .collect(),
        ).unwrap();
        let overlay = no_panic("Scenario::overlay_toml", || scenario.overlay_toml(pack, &name));
        prop_assert!(overlay.starts_with("[overlay]"));
        let decided = no_panic("what_if::decide", || what_if::decide(&population, pack, basis, &scenario, &name));
        let d = match decided {
            Ok(d) => d,
            Err(WhatIfError::Scenario(_)) => {
                // Refused as a pack would be: the rules of the basis or the overlay.
                let scenario_rules = scenario.apply(pack, &name).and_then(|p| p.rules_for(basis));
                prop_assert!(pack.rules_for(basis).is_err() || scenario_rules.is_err());
                return Ok(());
            }
            Err(WhatIfError::Record { error, .. }) => {
                let typed = matches!(error, InputError::Inconsistent(_) | InputError::NotPositive { .. });
                prop_assert!(typed, "{:?}", error);
                return Ok(());
            }
            Err(other) => {
                prop_assert!(false, "{:?}", other);
                return Ok(());
            }
        };
        let baseline_rules = pack.rules_for(basis).unwrap();
        prop_assert_eq!(d.records.len(), records.len());
        let n = records.len() as u64;
        prop_assert!(d.baseline.passed <= d.baseline.completed && d.baseline.completed <= n);
        prop_assert!(d.scenario.passed <= d.scenario.completed && d.scenario.completed <= n);
        let passing: BTreeSet<_> = d.newly_passing.iter().collect();
        prop_assert!(d.newly_failing.iter().all(|id| !passing.contains(id)));
        prop_assert_eq!(
            d.baseline.passed + d.newly_passing.len() as u64,
            d.scenario.passed + d.newly_failing.len() as u64
        );
        for ((record, exam), outcome) in records.iter().zip(&d.records) {
            let standard = exam.clone().unwrap_or_else(|| ExamStandard::from_rules(&baseline_rules));
            let before = course_based::decide(record, &standard, &baseline_rules);
            prop_assert_eq!(outcome.baseline_passed, before.passed);
            if let Some(own) = exam {
                prop_assert!(scenario.standard(own).is_ok());
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// The external-evaluation funnel

const STAGES: [Stage; 6] = [
    Stage::Learner,
    Stage::Target,
    Stage::Applied,
    Stage::Sat,
    Stage::Passed,
    Stage::Acquired,
];

const DIMENSIONS: [Dimension; 5] = [
    Dimension::Year,
    Dimension::Grade,
    Dimension::Qualification,
    Dimension::InstitutionType,
    Dimension::Gender,
];

fn stat_text() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "기사",
        "산업기사",
        "전기기사",
        "특성화고",
        " ",
        "",
        "a\u{202E}b",
    ])
    .prop_map(str::to_owned)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_funnel_counts_every_record_at_every_stage_it_reached(
        records in prop_oneof![
            4 => vec((any::<u16>(), stat_text(), stat_text(), stat_text(), any::<bool>(), 0usize..6), 0..60),
            1 => vec((prop_oneof![Just(0u16), Just(u16::MAX), 2024u16..=2026], stat_text(), stat_text(), stat_text(), any::<bool>(), 0usize..6), 500..550),
        ],
        dimensions in vec(prop::sample::select(DIMENSIONS.to_vec()), 0..7),
    ) {
        let group_by = GroupBy::new(dimensions.clone());
        let unique: BTreeSet<&Dimension> = dimensions.iter().collect();
        prop_assert_eq!(group_by.is_ok(), unique.len() == dimensions.len());
        let Ok(group_by) = group_by else { return Ok(()) };
        let mut made = Vec::new();
        for (year, grade, qualification, institution, female, stage) in &records {
            let gender = if *female { Gender::F } else { Gender::M };
            let record = no_panic("StatRecord::new", || {
                StatRecord::new(*year, grade.clone(), qualification.clone(), institution.clone(), gender, STAGES[*stage])
            });
            let readable = [grade, qualification, institution].iter().all(|t| !t.trim().is_empty() && !t.contains('\u{202E}'));
            prop_assert_eq!(record.is_ok(), readable);
            if let Ok(r) = record {
                made.push((r, *stage));
            }
        }
        let stats: Vec<StatRecord> = made.iter().map(|(r, _)| r.clone()).collect();
        let rows = no_panic("funnel", || statistics::funnel(&stats, &group_by));
        let mut at_stage = [0u64; 6];
        for (_, stage) in &made {
            for reached in at_stage.iter_mut().take(stage + 1) {
                *reached += 1;
            }
        }
        let mut sums = [0u64; 6];
        let keys: Vec<_> = rows.iter().map(|r| r.key.clone()).collect();
        prop_assert!(keys.windows(2).all(|w| w[0] != w[1]));
        for row in &rows {
            let counts = [row.learners, row.targets, row.applications, row.examinees, row.passers, row.acquirers];
            prop_assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{:?}", counts);
            for (sum, c) in sums.iter_mut().zip(counts) {
                *sum += c;
            }
            prop_assert_eq!(row.key.iter().map(|(d, _)| *d).collect::<Vec<_>>(), dimensions.clone());
            match row.pass_rate {
                None => prop_assert_eq!(row.examinees, 0),
                Some(rate) => {
                    prop_assert!(row.examinees > 0);
                    prop_assert!(Decimal::ZERO <= rate && rate <= Decimal::ONE_HUNDRED);
                    // rate × examinees = passers × 100, to rust_decimal's 28 digits.
                    let error = (rate * Decimal::from(row.examinees) - Decimal::from(row.passers * 100)).abs();
                    prop_assert!(error < Decimal::new(1, 20), "{} of {}: {}", row.passers, row.examinees, rate);
                }
            }
        }
        prop_assert_eq!(sums, at_stage);
    }
}

/// A course-based record with the hours at their limits: the decision's ratios still decide by
/// cross-multiplication at the rule's boundary.
#[test]
fn attendance_at_the_largest_hours_is_decided_at_the_boundary() {
    let rules = RulePack::embedded().newest();
    let minimum = rules.course_based.attendance_min_percent.value.value();
    let scheduled = Hours::whole(100_000).unwrap();
    let exactly = Hours::new(scheduled.value() * minimum / Decimal::ONE_HUNDRED).unwrap();
    let just_below = Hours::new(exactly.value() - Decimal::new(1, 4)).unwrap();
    let decide = |attended: Hours| {
        let unit = UnitRecord::new(None, scheduled, attended, vec![Some(Score::MAX)]).unwrap();
        course_based::decide(
            &TraineeRecord::new(vec![unit]).unwrap(),
            &ExamStandard::from_rules(&rules),
            &rules,
        )
    };
    assert!(decide(exactly).completed);
    assert!(!decide(just_below).completed);
}
