//! What the case files cannot show: the legal basis and messages of every reason, the units
//! they name, every failing check reported at once, decisions as JSON, contract terms,
//! equipment, curriculum standards refused, and the wording of input errors.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use cqnet_core::application::{self, ApplicationFacts, CandidateFacts, VenueLoad};
use cqnet_core::course_based::{self, ExternalScores, TraineeRecord, UnitRecord};
use cqnet_core::extension::{self, ExtensionRequest, check_contract_term};
use cqnet_core::refund::{self, RefundRequest, RefundStage};
use cqnet_core::rules::{CancelReason, InternalAggregation, RulePack, Rules};
use cqnet_core::standard::{
    CoursePlan, CoursePlanSpec, CurriculumStandard, CurriculumStandardSpec, EquipmentStandard,
    FacilityStandard, PlannedEquipment, PlannedFacility, PlannedUnit, StandardUnit, UnitKind,
    check_plan,
};
use cqnet_core::window::TimeWindow;
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, UnitResult};
use cqnet_core::{
    Area, ExamStandard, Grade, Hours, InputError, NcsLevel, NcsUnitCode, Percent, Provenance,
    QualificationCode, Quantity, Reason, ReasonCode, Score, Subject, Track, UnitCode, Won,
    WorkStudyQualificationName,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

// ------------------------------------------------------------------------------------------
// Helpers

fn rules() -> Rules {
    RulePack::embedded().newest()
}

fn h(n: u32) -> Hours {
    Hours::whole(n).unwrap()
}

fn s(n: u32) -> Score {
    Score::new(n.into()).unwrap()
}

fn area(text: &str) -> Area {
    text.parse().unwrap()
}

fn code(text: &str) -> UnitCode {
    UnitCode::new(text).unwrap()
}

fn t(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn codes(reasons: &[Reason]) -> BTreeSet<ReasonCode> {
    reasons.iter().map(|r| r.code).collect()
}

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Every reason: a citation, a Korean message in Hangul naming its title, an English one.
fn check_reason(r: &Reason) {
    assert!(!r.legal_basis.citation().trim().is_empty(), "{r:?}");
    assert!(has_hangul(&r.message.ko), "{r:?}");
    assert!(r.message.ko.contains(r.code.title_ko()), "{r:?}");
    assert!(!r.message.en.trim().is_empty(), "{r:?}");
    assert!(r.message.en.contains(r.code.title_en()), "{r:?}");
    assert_ne!(r.message.ko, r.message.en);
    if let Some(subject) = &r.subject {
        assert!(r.message.en.starts_with(&subject.to_string()), "{r:?}");
        assert!(r.message.ko.starts_with(&subject.label_ko()), "{r:?}");
    }
    if let Some(measured) = &r.measured {
        assert!(
            r.message.en.contains(&format!("measured {measured}")),
            "{r:?}"
        );
    }
    if let Some(required) = &r.required {
        assert!(
            r.message.en.contains(&format!("required {required}")),
            "{r:?}"
        );
    }
    assert!(r.to_string().contains(r.code.as_str()));
    assert!(r.to_string().contains(r.legal_basis.citation()));
}

/// A decimal written in JSON as an exact string (never as a JSON number).
fn decimal(v: &serde_json::Value) -> rust_decimal::Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("{v} is not a string"))
        .parse()
        .unwrap()
}

fn json_round_trip<T>(value: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, value, "{text}");
}

fn unit(code: Option<&str>, hours: u32, attended: &str, rounds: &[Option<u32>]) -> UnitRecord {
    UnitRecord::new(
        code.map(|c| NcsUnitCode::new(c).unwrap()),
        h(hours),
        attended.parse().unwrap(),
        rounds.iter().map(|r| r.map(s)).collect(),
    )
    .unwrap()
}

/// Three units failing four checks, and an external evaluation taken.
fn failing_trainee() -> TraineeRecord {
    TraineeRecord::new(vec![
        unit(Some("1501020207_14v2"), 40, "29", &[Some(90)]),
        unit(None, 30, "30", &[Some(80), None]),
        unit(Some("2001020101_16v4"), 20, "14.99", &[Some(39), Some(95)]),
        unit(None, 10, "10", &[Some(100)]),
    ])
    .unwrap()
    .with_external(ExternalScores::new(s(10), s(10)))
}

fn decide_cb(record: &TraineeRecord) -> course_based::CourseBasedDecision {
    let rules = rules();
    course_based::decide(record, &ExamStandard::from_rules(&rules), &rules)
}

fn learner(ojt: (u32, u32), internal: &[bool], external: Option<&[bool]>) -> LearnerRecord {
    let units = |p: &[bool]| {
        p.iter()
            .map(|&p| UnitResult::new(None, p))
            .collect::<Vec<_>>()
    };
    let record = LearnerRecord::new(
        TrainingHours::new(h(ojt.0), h(ojt.1)).unwrap(),
        TrainingHours::NONE,
        units(internal),
    )
    .unwrap();
    match external {
        Some(e) => record.with_external(units(e)).unwrap(),
        None => record,
    }
}

fn application_window() -> TimeWindow {
    TimeWindow::new(
        t("2026-03-02T09:00:00+09:00"),
        t("2026-03-06T18:00:00+09:00"),
    )
    .unwrap()
}

fn failing_application() -> ApplicationFacts {
    ApplicationFacts {
        track: Track::WorkStudy,
        now: t("2026-03-06T18:00:00+09:00"),
        window: application_window(),
        candidate: CandidateFacts {
            eligible: false,
            course_designated: false,
            already_passed: true,
            pending_application: true,
        },
        venue: Some(VenueLoad::new(20, 20).unwrap()),
    }
}

fn standard() -> CurriculumStandard {
    CurriculumStandard::new(CurriculumStandardSpec {
        total_hours: h(100),
        elective_hours: h(20),
        units: vec![
            StandardUnit::new(code("M1"), UnitKind::Mandatory, h(30)),
            StandardUnit::new(code("M2"), UnitKind::Mandatory, h(20)),
            StandardUnit::new(code("E1"), UnitKind::Elective, h(10)),
        ],
        facilities: vec![
            FacilityStandard::new("강의실", 20, area("45"), area("1.5")),
            FacilityStandard::new("실습실", 20, area("60"), area("2")),
        ],
        equipment: vec![EquipmentStandard {
            name: "CNC 선반".into(),
            quantity: 1,
            per_trainees: 2,
        }],
        ..CurriculumStandardSpec::default()
    })
    .unwrap()
}

/// A plan of 30 trainees failing every check of the standard above.
fn failing_plan() -> CoursePlan {
    CoursePlan::new(CoursePlanSpec {
        capacity: 30,
        foundational_hours: Hours::ZERO,
        units: vec![
            PlannedUnit {
                code: code("M1"),
                hours: h(20),
            },
            PlannedUnit {
                code: code("E1"),
                hours: h(5),
            },
            PlannedUnit {
                code: code("X9"),
                hours: h(10),
            },
        ],
        facilities: vec![PlannedFacility {
            name: "강의실".into(),
            area: area("59.9"),
        }],
        equipment: vec![PlannedEquipment {
            name: "CNC 선반".into(),
            quantity: 14,
        }],
    })
    .unwrap()
}

fn failing_extension() -> ExtensionRequest {
    ExtensionRequest::new(date("2026-08-31"), vec![6, 3], 6, true, false).unwrap()
}

/// Every reason every decision of the core can give, from the failing inputs above.
fn all_reasons() -> Vec<Reason> {
    let rules = rules();
    let mut reasons = Vec::new();
    reasons.extend(decide_cb(&failing_trainee()).reasons);
    // A completer below the pass mark.
    let completer = TraineeRecord::new(vec![unit(None, 40, "40", &[Some(60)])])
        .unwrap()
        .with_external(ExternalScores::new(s(60), s(60)));
    reasons.extend(decide_cb(&completer).reasons);
    reasons.extend(work_study::decide(&learner((100, 79), &[true, false], None), &rules).reasons);
    reasons
        .extend(work_study::decide(&learner((100, 80), &[true], Some(&[false])), &rules).reasons);
    reasons.extend(application::decide(&failing_application(), &rules).reasons);
    reasons.extend(check_plan(&standard(), &failing_plan(), &rules).reasons);
    reasons.extend(extension::decide(&failing_extension(), &rules).reasons);
    reasons.extend(
        check_contract_term(date("2026-03-01"), date("2028-03-02"), false, &rules).unwrap(),
    );
    reasons
}

// ------------------------------------------------------------------------------------------
// Reasons

#[test]
fn every_reason_carries_a_citation_and_messages_in_korean_and_english() {
    let reasons = all_reasons();
    let expected: BTreeSet<ReasonCode> = [
        ReasonCode::AttendanceBelowMinimum,
        ReasonCode::InternalEvaluationMissing,
        ReasonCode::InternalRoundBelowFloor,
        ReasonCode::FinalScoreBelowPassMark,
        ReasonCode::InternalUnitPassRatioBelowMinimum,
        ReasonCode::ExternalUnitPassRatioBelowMinimum,
        ReasonCode::OutsideApplicationWindow,
        ReasonCode::NotEligible,
        ReasonCode::CourseNotDesignated,
        ReasonCode::AlreadyPassed,
        ReasonCode::DuplicateApplication,
        ReasonCode::VenueFull,
        ReasonCode::MandatoryUnitMissing,
        ReasonCode::UnknownUnit,
        ReasonCode::UnitHoursBelowMinimum,
        ReasonCode::ElectiveHoursBelowStandard,
        ReasonCode::TotalHoursBelowStandard,
        ReasonCode::FacilityMissing,
        ReasonCode::FacilityAreaInsufficient,
        ReasonCode::EquipmentInsufficient,
        ReasonCode::NotRequestedByLearner,
        ReasonCode::ExtensionCountExceeded,
        ReasonCode::ExtensionTotalExceeded,
        ReasonCode::ContractTooLong,
    ]
    .into_iter()
    .collect();
    assert_eq!(codes(&reasons), expected);
    for reason in &reasons {
        check_reason(reason);
    }
}

#[test]
fn every_reason_code_has_a_stable_name_and_titles() {
    for &code in ReasonCode::ALL {
        assert!(has_hangul(code.title_ko()), "{code}");
        assert!(!code.title_en().is_empty(), "{code}");
        assert!(
            code.as_str()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'),
            "{code}"
        );
        assert_eq!(code.as_str().parse::<ReasonCode>().unwrap(), code);
        assert_eq!(
            serde_json::to_value(code).unwrap(),
            serde_json::json!(code.as_str())
        );
        assert_eq!(code.to_string(), code.as_str());
    }
    let names: BTreeSet<&str> = ReasonCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(names.len(), ReasonCode::ALL.len());
    assert!("attendance below minimum".parse::<ReasonCode>().is_err());
}

#[test]
fn course_based_reasons_name_the_unit() {
    let d = decide_cb(&failing_trainee());
    let found: Vec<(ReasonCode, Option<Subject>)> = d
        .reasons
        .iter()
        .map(|r| (r.code, r.subject.clone()))
        .collect();
    let unit = |index: usize, code: Option<&str>| {
        Some(Subject::Unit {
            index,
            code: code.map(str::to_owned),
        })
    };
    assert_eq!(
        found,
        vec![
            (
                ReasonCode::AttendanceBelowMinimum,
                unit(0, Some("1501020207_14v2"))
            ),
            (ReasonCode::InternalEvaluationMissing, unit(1, None)),
            (
                ReasonCode::AttendanceBelowMinimum,
                unit(2, Some("2001020101_16v4"))
            ),
            (
                ReasonCode::InternalRoundBelowFloor,
                unit(2, Some("2001020101_16v4"))
            ),
        ]
    );
    let first = &d.reasons[0];
    assert!(
        first
            .message
            .ko
            .starts_with("능력단위 1 (1501020207_14v2): "),
        "{}",
        first.message.ko
    );
    assert!(
        first.message.en.starts_with("unit #1 (1501020207_14v2): "),
        "{}",
        first.message.en
    );
    assert_eq!(
        first.measured,
        Some(Quantity::Percent("72.5".parse().unwrap()))
    );
    assert_eq!(first.required, Some(Quantity::Percent(75.into())));
    assert_eq!(
        d.reasons[1].measured,
        Some(Quantity::Fraction { part: 1, whole: 2 })
    );
    assert!(d.reasons[1].message.ko.starts_with("능력단위 2: "));
    assert_eq!(d.reasons[3].measured, Some(Quantity::Score(39.into())));
    assert_eq!(d.reasons[3].required, Some(Quantity::Score(40.into())));
    // Measured per competency unit, the attendance reason cites the pack's reference for that
    // scope (CQ-Net's practice, secondary), not the Decree's per-unit-course wording.
    assert_eq!(
        first.legal_basis,
        rules().course_based.attendance_scope.basis
    );
    assert_eq!(first.legal_basis.provenance(), Provenance::Secondary);
}

#[test]
fn an_empty_list_of_rounds_is_a_missing_evaluation() {
    let record = TraineeRecord::new(vec![unit(None, 10, "10", &[])]).unwrap();
    let d = decide_cb(&record);
    assert!(!d.completed);
    assert_eq!(d.internal_score, None);
    assert_eq!(
        codes(&d.reasons),
        [ReasonCode::InternalEvaluationMissing].into()
    );
    assert_eq!(
        d.reasons[0].measured,
        Some(Quantity::Fraction { part: 0, whole: 0 })
    );
}

// ------------------------------------------------------------------------------------------
// Every failing check at once

#[test]
fn course_based_reports_every_failing_unit_and_no_pass_mark_reason_for_a_non_completer() {
    let d = decide_cb(&failing_trainee());
    assert!(!d.completed);
    assert!(!d.eligible_for_external);
    assert_eq!(d.passed, Some(false));
    assert_eq!(d.reasons.len(), 4);
    // The final score is computable and low, but a non-completer fails for not completing.
    assert_eq!(d.internal_score, None, "unit 2 misses a round");
    assert!(!codes(&d.reasons).contains(&ReasonCode::FinalScoreBelowPassMark));
}

#[test]
fn work_study_reports_attendance_and_internal_ratio_together() {
    let d = work_study::decide(
        &learner((100, 79), &[true, true, false], Some(&[false])),
        &rules(),
    );
    assert_eq!(
        codes(&d.reasons),
        [
            ReasonCode::AttendanceBelowMinimum,
            ReasonCode::InternalUnitPassRatioBelowMinimum
        ]
        .into()
    );
    assert!(!d.internal_passed);
    assert_eq!(d.passed, Some(false));
    let ratio = d
        .reasons
        .iter()
        .find(|r| r.code == ReasonCode::InternalUnitPassRatioBelowMinimum)
        .unwrap();
    assert_eq!(
        ratio.measured,
        Some(Quantity::Fraction { part: 2, whole: 3 })
    );
    assert_eq!(ratio.required, Some(Quantity::Percent(70.into())));
}

#[test]
fn an_application_reports_all_six_checks() {
    let d = application::decide(&failing_application(), &rules());
    assert!(!d.accepted);
    assert_eq!(d.reasons.len(), 6);
    assert_eq!(
        codes(&d.reasons),
        [
            ReasonCode::OutsideApplicationWindow,
            ReasonCode::NotEligible,
            ReasonCode::CourseNotDesignated,
            ReasonCode::AlreadyPassed,
            ReasonCode::DuplicateApplication,
            ReasonCode::VenueFull,
        ]
        .into()
    );
    // The window is [start, end): its first instant is inside.
    let mut ok = failing_application();
    ok.now = ok.window.start();
    ok.candidate = CandidateFacts {
        eligible: true,
        course_designated: true,
        already_passed: false,
        pending_application: false,
    };
    ok.venue = Some(VenueLoad::new(20, 19).unwrap());
    assert!(application::decide(&ok, &rules()).accepted);
    // Work-study designation cites the Act; course-based a secondary source.
    let designation = |track: Track| {
        let mut facts = failing_application();
        facts.track = track;
        application::decide(&facts, &rules())
            .reasons
            .into_iter()
            .find(|r| r.code == ReasonCode::CourseNotDesignated)
            .unwrap()
            .legal_basis
    };
    assert_ne!(
        designation(Track::WorkStudy),
        designation(Track::CourseBased)
    );
}

#[test]
fn a_plan_reports_every_failing_check_of_the_standard() {
    let check = check_plan(&standard(), &failing_plan(), &rules());
    assert!(!check.meets_standard);
    let found: Vec<(ReasonCode, Option<Subject>)> = check
        .reasons
        .iter()
        .map(|r| (r.code, r.subject.clone()))
        .collect();
    let unit = |index: usize, c: &str| {
        Some(Subject::Unit {
            index,
            code: Some(c.to_owned()),
        })
    };
    let facility = |name: &str| {
        Some(Subject::Facility {
            name: name.to_owned(),
        })
    };
    assert_eq!(
        found,
        vec![
            (ReasonCode::MandatoryUnitMissing, unit(1, "M2")),
            (ReasonCode::UnitHoursBelowMinimum, unit(0, "M1")),
            (ReasonCode::UnitHoursBelowMinimum, unit(1, "E1")),
            (ReasonCode::UnknownUnit, unit(2, "X9")),
            (ReasonCode::ElectiveHoursBelowStandard, None),
            (ReasonCode::TotalHoursBelowStandard, None),
            (ReasonCode::FacilityAreaInsufficient, facility("강의실")),
            (ReasonCode::FacilityMissing, facility("실습실")),
            (
                ReasonCode::EquipmentInsufficient,
                Some(Subject::Equipment {
                    name: "CNC 선반".into()
                })
            ),
        ]
    );
    let by_code = |c: ReasonCode| check.reasons.iter().find(|r| r.code == c).unwrap();
    // 45 + (30 - 20) × 1.5 = 60 ㎡ for 30 trainees.
    let room = by_code(ReasonCode::FacilityAreaInsufficient);
    assert_eq!(room.measured, Some(Quantity::Area("59.9".parse().unwrap())));
    assert_eq!(room.required, Some(Quantity::Area(60.into())));
    assert_eq!(
        by_code(ReasonCode::FacilityMissing).required,
        Some(Quantity::Area(80.into()))
    );
    assert_eq!(
        by_code(ReasonCode::TotalHoursBelowStandard).measured,
        Some(Quantity::Hours(35.into()))
    );
    assert_eq!(
        by_code(ReasonCode::ElectiveHoursBelowStandard).measured,
        Some(Quantity::Hours(5.into()))
    );
}

#[test]
fn an_extension_reports_all_four_checks() {
    let d = extension::decide(&failing_extension(), &rules());
    assert!(!d.must_extend);
    assert_eq!(d.new_end, None);
    assert_eq!(
        codes(&d.reasons),
        [
            ReasonCode::AlreadyPassed,
            ReasonCode::NotRequestedByLearner,
            ReasonCode::ExtensionCountExceeded,
            ReasonCode::ExtensionTotalExceeded,
        ]
        .into()
    );
    let total = d
        .reasons
        .iter()
        .find(|r| r.code == ReasonCode::ExtensionTotalExceeded)
        .unwrap();
    assert_eq!(total.measured, Some(Quantity::Months(15)));
    assert_eq!(total.required, Some(Quantity::Months(12)));
    assert!(total.message.ko.contains("15개월"), "{}", total.message.ko);
}

// ------------------------------------------------------------------------------------------
// Decisions as JSON

#[test]
fn decisions_serialise_to_json_and_back() {
    let rules = rules();
    let cb = decide_cb(&failing_trainee());
    json_round_trip(&cb);
    let passing = decide_cb(
        &TraineeRecord::new(vec![unit(None, 40, "30", &[Some(90)])])
            .unwrap()
            .with_external(ExternalScores::new(s(80), s(90))),
    );
    assert_eq!(passing.passed, Some(true));
    json_round_trip(&passing);
    json_round_trip(&work_study::decide(
        &learner((100, 79), &[true, false], None),
        &rules,
    ));
    json_round_trip(&application::decide(&failing_application(), &rules));
    json_round_trip(&check_plan(&standard(), &failing_plan(), &rules));
    json_round_trip(&extension::decide(&failing_extension(), &rules));
    let extended = extension::decide(
        &ExtensionRequest::new(date("2026-08-31"), vec![], 6, false, true).unwrap(),
        &rules,
    );
    assert_eq!(extended.new_end, Some(date("2027-02-28")));
    json_round_trip(&extended);
    let refund = refund::decide(
        &RefundRequest {
            track: Track::CourseBased,
            fee: Won::new(15_961),
            window: application_window(),
            exam_date: date("2026-03-20"),
            cancelled_at: t("2026-03-15T23:59:59+09:00"),
            reason: CancelReason::Personal,
        },
        &rules,
    )
    .unwrap();
    assert_eq!(refund.stage, RefundStage::AfterWindow);
    assert_eq!(refund.refund, Won::new(7_980));
    json_round_trip(&refund);
    for reason in all_reasons() {
        json_round_trip(&reason);
    }
}

#[test]
fn decision_json_uses_the_stable_names() {
    let json = serde_json::to_value(decide_cb(&failing_trainee())).unwrap();
    assert_eq!(json["completed"], false);
    assert_eq!(json["passed"], false);
    assert_eq!(json["internal_score"], serde_json::Value::Null);
    let first = &json["reasons"][0];
    assert_eq!(first["code"], "attendance_below_minimum");
    assert_eq!(first["subject"]["kind"], "unit");
    assert_eq!(first["subject"]["index"], 0);
    assert_eq!(first["subject"]["code"], "1501020207_14v2");
    assert_eq!(first["measured"]["kind"], "percent");
    assert_eq!(
        decimal(&first["measured"]["value"]),
        "72.5".parse().unwrap()
    );
    assert!(
        first["legal_basis"]["citation"]
            .as_str()
            .is_some_and(|c| !c.is_empty())
    );
    assert_eq!(first["legal_basis"]["provenance"], "secondary");
    assert!(first["message"]["ko"].as_str().is_some_and(has_hangul));
    assert_eq!(json["rules"]["pack"]["name"], "cqnet-default");
    // Scores are exact strings, not floats.
    let passing = decide_cb(
        &TraineeRecord::new(vec![unit(None, 40, "30", &[Some(85), Some(90)])])
            .unwrap()
            .with_external(ExternalScores::new(s(80), s(90))),
    );
    let json = serde_json::to_value(&passing).unwrap();
    assert_eq!(decimal(&json["internal_score"]), "87.5".parse().unwrap());
    assert_eq!(decimal(&json["external_score"]), 86.into());
    assert_eq!(decimal(&json["final_score"]), "86.75".parse().unwrap());
}

#[test]
fn inputs_serialise_to_json_and_back_and_refuse_what_their_constructors_refuse() {
    json_round_trip(&failing_trainee());
    json_round_trip(&learner((100, 79), &[true, false], Some(&[true])));
    json_round_trip(&failing_application());
    json_round_trip(&standard());
    json_round_trip(&failing_plan());
    json_round_trip(&failing_extension());
    json_round_trip(&application_window());
    // A window that ends before it starts, a venue overbooked, attendance above the schedule.
    assert!(
        serde_json::from_value::<TimeWindow>(serde_json::json!({
            "start": "2026-03-06T18:00:00+09:00", "end": "2026-03-02T09:00:00+09:00"
        }))
        .is_err()
    );
    assert!(
        serde_json::from_value::<VenueLoad>(serde_json::json!({ "capacity": 20, "booked": 21 }))
            .is_err()
    );
    assert!(
        serde_json::from_value::<UnitRecord>(serde_json::json!({
            "code": null, "scheduled": "10", "attended": "10.5", "rounds": []
        }))
        .is_err()
    );
    assert!(serde_json::from_value::<TraineeRecord>(serde_json::json!({ "units": [] })).is_err());
    assert!(
        serde_json::from_value::<ExtensionRequest>(serde_json::json!({
            "contract_end": "2026-08-31", "prior_extensions_months": [0], "requested_months": 6,
            "passed_external": false, "learner_requested": true
        }))
        .is_err()
    );
    // An unknown field is refused.
    assert!(
        serde_json::from_value::<TraineeRecord>(serde_json::json!({
            "units": [{ "code": null, "scheduled": "10", "attended": "10", "rounds": [] }],
            "externals": null
        }))
        .is_err()
    );
}

// ------------------------------------------------------------------------------------------
// Contract term (법 제21조제1항)

#[test]
fn a_contract_of_24_months_fits_and_one_day_more_does_not() {
    let rules = rules();
    let check = |start: &str, end: &str, degree: bool| {
        check_contract_term(date(start), date(end), degree, &rules).unwrap()
    };
    assert_eq!(check("2026-03-01", "2028-03-01", false), None);
    let too_long = check("2026-03-01", "2028-03-02", false).unwrap();
    assert_eq!(too_long.code, ReasonCode::ContractTooLong);
    assert_eq!(too_long.measured, Some(Quantity::Date(date("2028-03-02"))));
    assert_eq!(too_long.required, Some(Quantity::Date(date("2028-03-01"))));
    assert_eq!(
        too_long.legal_basis,
        rules.work_study.contract_max_months.basis
    );
    assert!(too_long.legal_basis.citation().contains("제21조"));
    check_reason(&too_long);
    // A degree course has no such limit.
    assert_eq!(check("2026-03-01", "2030-03-02", true), None);
    // Month ends: from the 29th of February, 24 months end on the 28th.
    assert_eq!(check("2024-02-29", "2026-02-28", false), None);
    assert!(check("2024-02-29", "2026-03-01", false).is_some());
    assert_eq!(check("2026-08-31", "2028-08-31", false), None);
    // A one-day contract is fine.
    assert_eq!(check("2026-03-01", "2026-03-02", false), None);
}

#[test]
fn a_contract_that_ends_before_it_starts_is_invalid_input() {
    let rules = rules();
    for (start, end) in [("2026-03-01", "2026-03-01"), ("2026-03-01", "2025-03-01")] {
        let err = check_contract_term(date(start), date(end), false, &rules).unwrap_err();
        assert!(matches!(err, InputError::Inconsistent(_)), "{err:?}");
        assert!(
            err.to_string().contains(start) && err.to_string().contains(end),
            "{err}"
        );
        // Even for a degree course.
        assert!(check_contract_term(date(start), date(end), true, &rules).is_err());
    }
}

// ------------------------------------------------------------------------------------------
// Equipment (장비기준)

fn equipment_standard() -> CurriculumStandard {
    CurriculumStandard::new(CurriculumStandardSpec {
        total_hours: h(30),
        units: vec![StandardUnit::new(code("A"), UnitKind::Mandatory, h(30))],
        equipment: vec![
            EquipmentStandard {
                name: "CNC 선반".into(),
                quantity: 1,
                per_trainees: 2,
            },
            EquipmentStandard {
                name: "보안경".into(),
                quantity: 2,
                per_trainees: 1,
            },
        ],
        ..CurriculumStandardSpec::default()
    })
    .unwrap()
}

fn equipment_plan(capacity: u32, equipment: &[(&str, u64)]) -> CoursePlan {
    CoursePlan::new(CoursePlanSpec {
        capacity,
        units: vec![PlannedUnit {
            code: code("A"),
            hours: h(30),
        }],
        equipment: equipment
            .iter()
            .map(|(name, quantity)| PlannedEquipment {
                name: (*name).into(),
                quantity: *quantity,
            })
            .collect(),
        ..CoursePlanSpec::default()
    })
    .unwrap()
}

#[test]
fn equipment_is_counted_per_group_of_trainees_rounded_up() {
    let standard = equipment_standard();
    // 21 trainees: 11 lathes (one per two, rounded up) and 42 pairs of goggles.
    let enough = check_plan(
        &standard,
        &equipment_plan(21, &[("CNC 선반", 11), ("보안경", 42)]),
        &rules(),
    );
    assert!(enough.meets_standard, "{:?}", enough.reasons);
    assert!(enough.reasons.is_empty());

    let short = check_plan(
        &standard,
        &equipment_plan(21, &[("CNC 선반", 10), ("보안경", 42)]),
        &rules(),
    );
    assert!(!short.meets_standard);
    assert_eq!(short.reasons.len(), 1);
    let r = &short.reasons[0];
    assert_eq!(r.code, ReasonCode::EquipmentInsufficient);
    assert_eq!(
        r.subject,
        Some(Subject::Equipment {
            name: "CNC 선반".into()
        })
    );
    assert_eq!(r.measured, Some(Quantity::Count(10)));
    assert_eq!(r.required, Some(Quantity::Count(11)));
    assert!(
        r.message.ko.starts_with("장비 CNC 선반: "),
        "{}",
        r.message.ko
    );
    check_reason(r);

    // An item absent from the plan counts as none; both items are reported.
    let absent = check_plan(&standard, &equipment_plan(20, &[]), &rules());
    let found: Vec<(Option<Subject>, Option<Quantity>, Option<Quantity>)> = absent
        .reasons
        .iter()
        .map(|r| (r.subject.clone(), r.measured.clone(), r.required.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Some(Subject::Equipment {
                    name: "CNC 선반".into()
                }),
                Some(Quantity::Count(0)),
                Some(Quantity::Count(10))
            ),
            (
                Some(Subject::Equipment {
                    name: "보안경".into()
                }),
                Some(Quantity::Count(0)),
                Some(Quantity::Count(40))
            ),
        ]
    );
    // Equipment under another name does not count.
    let misnamed = check_plan(
        &standard,
        &equipment_plan(2, &[("CNC선반", 5), ("보안경", 4)]),
        &rules(),
    );
    assert_eq!(
        codes(&misnamed.reasons),
        [ReasonCode::EquipmentInsufficient].into()
    );
    // More than needed is fine.
    assert!(
        check_plan(
            &standard,
            &equipment_plan(1, &[("CNC 선반", 100), ("보안경", 100)]),
            &rules(),
        )
        .meets_standard
    );
}

#[test]
fn facility_area_is_met_exactly_at_the_requirement() {
    let standard = CurriculumStandard::new(CurriculumStandardSpec {
        total_hours: h(30),
        units: vec![StandardUnit::new(code("A"), UnitKind::Mandatory, h(30))],
        facilities: vec![FacilityStandard::new("강의실", 20, area("45"), area("1.5"))],
        ..CurriculumStandardSpec::default()
    })
    .unwrap();
    let plan = |capacity: u32, a: &str| {
        CoursePlan::new(CoursePlanSpec {
            capacity,
            units: vec![PlannedUnit {
                code: code("A"),
                hours: h(30),
            }],
            facilities: vec![PlannedFacility {
                name: "강의실".into(),
                area: area(a),
            }],
            ..CoursePlanSpec::default()
        })
        .unwrap()
    };
    assert!(check_plan(&standard, &plan(25, "52.5"), &rules()).meets_standard);
    assert!(!check_plan(&standard, &plan(25, "52.49"), &rules()).meets_standard);
    // At or below the headcount the standard area suffices.
    assert!(check_plan(&standard, &plan(10, "45"), &rules()).meets_standard);
    assert!(!check_plan(&standard, &plan(10, "44.99"), &rules()).meets_standard);
}

/// A requirement above the largest area a plan can declare (1,000,000 ㎡) is met by no plan: it
/// is never cut down to that largest area.
#[test]
fn a_facility_requirement_beyond_the_largest_area_is_met_by_no_plan() {
    let standard = CurriculumStandard::new(CurriculumStandardSpec {
        total_hours: h(30),
        units: vec![StandardUnit::new(code("A"), UnitKind::Mandatory, h(30))],
        facilities: vec![FacilityStandard::new(
            "실습실",
            0,
            area("1000000"),
            area("1000000"),
        )],
        ..CurriculumStandardSpec::default()
    })
    .unwrap();
    let largest = CoursePlan::new(CoursePlanSpec {
        capacity: u32::MAX,
        units: vec![PlannedUnit {
            code: code("A"),
            hours: h(30),
        }],
        facilities: vec![PlannedFacility {
            name: "실습실".into(),
            area: area("1000000"),
        }],
        ..CoursePlanSpec::default()
    })
    .unwrap();
    let check = check_plan(&standard, &largest, &rules());
    assert!(!check.meets_standard);
    let reason = &check.reasons[0];
    assert_eq!(reason.code, ReasonCode::FacilityAreaInsufficient);
    // 1,000,000 + 4,294,967,295 × 1,000,000 ㎡, exactly.
    let required = rust_decimal::Decimal::from(1_000_000u64)
        + rust_decimal::Decimal::from(u32::MAX) * rust_decimal::Decimal::from(1_000_000u64);
    assert_eq!(reason.required, Some(Quantity::Area(required)));
    assert_eq!(
        standard.spec().facilities[0].required_area(u32::MAX),
        required
    );
}

// ------------------------------------------------------------------------------------------
// Curriculum standards refused

fn spec() -> CurriculumStandardSpec {
    // 기계설계기사 v2.0: 825 = 40 + 480 + 305.
    CurriculumStandardSpec {
        total_hours: h(825),
        foundational_hours: Some(h(40)),
        mandatory_hours: Some(h(480)),
        elective_hours: h(305),
        units: vec![
            StandardUnit::new(code("M1"), UnitKind::Mandatory, h(300)),
            StandardUnit::new(code("M2"), UnitKind::Mandatory, h(180)),
            StandardUnit::new(code("E1"), UnitKind::Elective, h(30)),
        ],
        facilities: vec![FacilityStandard::new("강의실", 20, area("45"), area("1.5"))],
        equipment: vec![EquipmentStandard {
            name: "CNC 선반".into(),
            quantity: 1,
            per_trainees: 2,
        }],
        ..CurriculumStandardSpec::default()
    }
}

/// Refused by the constructor, and by deserialising its JSON with the same message.
fn refused(spec: CurriculumStandardSpec) -> InputError {
    let json = serde_json::to_value(&spec).unwrap();
    let err = CurriculumStandard::new(spec).unwrap_err();
    let via_json = serde_json::from_value::<CurriculumStandard>(json).unwrap_err();
    assert!(
        via_json.to_string().contains(&err.to_string()),
        "{via_json} vs {err}"
    );
    err
}

#[test]
fn curriculum_standards_whose_hours_do_not_add_up_are_refused() {
    assert!(CurriculumStandard::new(spec()).is_ok());
    // foundational + mandatory + elective ≠ total.
    let err = refused(CurriculumStandardSpec {
        total_hours: h(800),
        ..spec()
    });
    assert!(matches!(err, InputError::Inconsistent(_)), "{err:?}");
    assert!(err.to_string().contains("800"), "{err}");
    let err = refused(CurriculumStandardSpec {
        total_hours: h(900),
        ..spec()
    });
    assert!(matches!(err, InputError::Inconsistent(_)), "{err:?}");
    // The mandatory units' minimum hours above the mandatory hours.
    let mut over = spec();
    over.units[0].min_hours = h(301);
    let err = refused(over);
    assert!(matches!(err, InputError::Inconsistent(_)), "{err:?}");
    assert!(err.to_string().contains("481"), "{err}");
    // Without stated mandatory hours: the units' minimum with the rest above the total.
    let err = refused(CurriculumStandardSpec {
        mandatory_hours: None,
        foundational_hours: Some(h(40)),
        elective_hours: h(400),
        ..spec()
    });
    assert!(matches!(err, InputError::Inconsistent(_)), "{err:?}");
    // And within the total it is fine.
    assert!(
        CurriculumStandard::new(CurriculumStandardSpec {
            mandatory_hours: None,
            ..spec()
        })
        .is_ok()
    );
}

#[test]
fn curriculum_standards_with_repeats_or_no_unit_are_refused() {
    let mut twice = spec();
    twice
        .units
        .push(StandardUnit::new(code("M1"), UnitKind::Elective, h(1)));
    assert_eq!(
        refused(twice),
        InputError::Duplicate {
            what: "unit",
            key: "M1".into()
        }
    );
    let mut rooms = spec();
    rooms
        .facilities
        .push(FacilityStandard::new("강의실", 10, area("30"), area("1")));
    assert_eq!(
        refused(rooms),
        InputError::Duplicate {
            what: "facility",
            key: "강의실".into()
        }
    );
    let mut items = spec();
    items.equipment.push(EquipmentStandard {
        name: "CNC 선반".into(),
        quantity: 2,
        per_trainees: 1,
    });
    assert!(matches!(refused(items), InputError::Duplicate { key, .. } if key == "CNC 선반"));
    let err = refused(CurriculumStandardSpec {
        units: vec![],
        ..spec()
    });
    assert!(matches!(err, InputError::Empty { .. }), "{err:?}");
    let mut zero = spec();
    zero.equipment[0].per_trainees = 0;
    let err = refused(zero);
    assert!(matches!(err, InputError::OutOfRange { .. }), "{err:?}");
    assert!(err.to_string().contains("CNC 선반"), "{err}");
}

#[test]
fn course_plans_with_no_capacity_no_unit_or_repeats_are_refused() {
    let unit = PlannedUnit {
        code: code("A"),
        hours: h(30),
    };
    let ok = CoursePlanSpec {
        capacity: 20,
        units: vec![unit.clone()],
        ..CoursePlanSpec::default()
    };
    assert!(CoursePlan::new(ok.clone()).is_ok());
    assert!(matches!(
        CoursePlan::new(CoursePlanSpec {
            capacity: 0,
            ..ok.clone()
        }),
        Err(InputError::OutOfRange { .. })
    ));
    assert!(matches!(
        CoursePlan::new(CoursePlanSpec {
            units: vec![],
            ..ok.clone()
        }),
        Err(InputError::Empty { .. })
    ));
    assert_eq!(
        CoursePlan::new(CoursePlanSpec {
            units: vec![unit.clone(), unit],
            ..ok.clone()
        }),
        Err(InputError::Duplicate {
            what: "unit",
            key: "A".into()
        })
    );
    let room = PlannedFacility {
        name: "강의실".into(),
        area: area("50"),
    };
    assert!(matches!(
        CoursePlan::new(CoursePlanSpec {
            facilities: vec![room.clone(), room],
            ..ok
        }),
        Err(InputError::Duplicate {
            what: "facility",
            ..
        })
    ));
}

// ------------------------------------------------------------------------------------------
// Input errors: lowercase, naming the value

/// Lowercase, or starting with an acronym (`NCS`); no trailing full stop.
fn check_wording(err: &InputError) {
    let text = err.to_string();
    let first_word = text.split_whitespace().next().unwrap_or_default();
    let acronym = first_word.len() >= 2
        && first_word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    assert!(
        acronym || !text.starts_with(|c: char| c.is_uppercase()),
        "{text}"
    );
    assert!(!text.ends_with('.'), "{text}");
    assert!(!text.is_empty());
}

#[test]
fn input_errors_are_lowercase_and_name_the_value() {
    let rules = rules();
    let window = application_window();
    let pct = |n: u32| Percent::new(n.into()).unwrap();
    let cases: Vec<(InputError, &str)> = vec![
        (Score::new(120.into()).unwrap_err(), "120"),
        (Score::new("-0.5".parse().unwrap()).unwrap_err(), "-0.5"),
        ("87,5".parse::<Score>().unwrap_err(), "87,5"),
        (Hours::new((-1).into()).unwrap_err(), "-1"),
        (Hours::whole(100_001).unwrap_err(), "100001"),
        (Percent::new(101.into()).unwrap_err(), "101"),
        (Area::new(1_000_001.into()).unwrap_err(), "1000001"),
        ("x1".parse::<NcsUnitCode>().unwrap_err(), "x1"),
        (UnitCode::new("two words").unwrap_err(), "two words"),
        (QualificationCode::new("13200").unwrap_err(), "13200"),
        (
            WorkStudyQualificationName::new("SW개발").unwrap_err(),
            "SW개발",
        ),
        (
            WorkStudyQualificationName::new("SW개발_L9").unwrap_err(),
            "9",
        ),
        (NcsLevel::new(9).unwrap_err(), "9"),
        ("foo".parse::<Grade>().unwrap_err(), "foo"),
        ("bar".parse::<Track>().unwrap_err(), "bar"),
        (
            UnitRecord::new(None, h(10), h(11), vec![]).unwrap_err(),
            "11",
        ),
        (
            UnitRecord::new(None, Hours::ZERO, Hours::ZERO, vec![]).unwrap_err(),
            "0",
        ),
        (TrainingHours::new(h(100), h(101)).unwrap_err(), "101"),
        (VenueLoad::new(20, 21).unwrap_err(), "21"),
        (
            TimeWindow::new(window.end(), window.start()).unwrap_err(),
            "2026-03-06",
        ),
        (
            ExtensionRequest::new(date("2026-08-31"), vec![], 0, false, true).unwrap_err(),
            "0",
        ),
        (
            ExtensionRequest::new(date("2026-08-31"), vec![121], 6, false, true).unwrap_err(),
            "121",
        ),
        (
            ExamStandard::new(
                pct(60),
                pct(60),
                Score::MAX,
                pct(40),
                pct(60),
                InternalAggregation::Mean,
            )
            .unwrap_err(),
            "60",
        ),
        (
            ExamStandard::new(
                pct(50),
                pct(50),
                Score::MAX,
                pct(45),
                pct(60),
                InternalAggregation::Mean,
            )
            .unwrap_err(),
            "45",
        ),
        (
            refund::decide(
                &RefundRequest {
                    track: Track::WorkStudy,
                    fee: Won::ZERO,
                    window,
                    exam_date: date("2026-03-20"),
                    cancelled_at: t("2026-03-03T10:00:00+09:00"),
                    reason: CancelReason::Personal,
                },
                &rules,
            )
            .unwrap_err(),
            "fee must be more than 0",
        ),
        (
            check_contract_term(date("2026-03-01"), date("2025-03-01"), false, &rules).unwrap_err(),
            "2025-03-01",
        ),
        (
            CoursePlan::new(CoursePlanSpec {
                capacity: 0,
                ..CoursePlanSpec::default()
            })
            .unwrap_err(),
            "0",
        ),
        (
            CurriculumStandard::new(CurriculumStandardSpec {
                total_hours: h(800),
                ..spec()
            })
            .unwrap_err(),
            "800",
        ),
    ];
    for (err, value) in &cases {
        check_wording(err);
        assert!(
            err.to_string().contains(value),
            "{err} does not name {value:?}"
        );
    }
    // Errors without a value to name still read as lowercase sentences.
    for err in [
        TraineeRecord::new(vec![]).unwrap_err(),
        LearnerRecord::new(
            TrainingHours::NONE,
            TrainingHours::NONE,
            vec![UnitResult::new(None, true)],
        )
        .unwrap_err(),
        LearnerRecord::new(
            TrainingHours::new(h(1), h(1)).unwrap(),
            TrainingHours::NONE,
            vec![],
        )
        .unwrap_err(),
        learner((10, 10), &[true], None)
            .with_external(vec![])
            .unwrap_err(),
    ] {
        check_wording(&err);
    }
    // The error says which concept it is about.
    assert!(matches!(
        cases[0].0,
        InputError::OutOfRange { what: "score", .. }
    ));
    assert!(matches!(cases[7].0, InputError::Malformed { .. }));
    assert!(matches!(
        cases[13].0,
        InputError::Unknown { what: "grade", .. }
    ));
}

// ------------------------------------------------------------------------------------------
// Exam standards read from JSON

#[test]
fn an_exam_standard_round_trips_through_json() {
    let pct = |n: u32| Percent::new(n.into()).unwrap();
    let exam = ExamStandard::new(
        pct(60),
        pct(40),
        s(75),
        pct(30),
        pct(70),
        InternalAggregation::HoursWeighted,
    )
    .unwrap();
    json_round_trip(&exam);
    json_round_trip(&ExamStandard::from_rules(&rules()));
}

/// `ExamStandard::new` refuses weights that do not sum to 100; its JSON must too, or a
/// curriculum standard read from JSON can carry weights that give final scores above 100.
#[test]
fn an_exam_standard_with_broken_weights_is_refused_from_json() {
    let mut json = serde_json::to_value(ExamStandard::from_rules(&rules())).unwrap();
    json["internal_weight"] = serde_json::json!("60");
    let read = serde_json::from_value::<ExamStandard>(json);
    let final_score = read.as_ref().map(|e| e.final_score(100.into(), 100.into()));
    assert!(
        read.is_err(),
        "accepted; a perfect trainee's final score would be {final_score:?}"
    );
}

/// A final score of exactly the pass mark passes even when the internal score is a mean of
/// thirds, which a decimal holds only rounded (81, 80, 80 twice and 78, 80, 80 average 80).
#[test]
fn a_final_score_of_exactly_the_pass_mark_passes_when_its_parts_are_thirds() {
    use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord, decide};
    use cqnet_core::rules::{InternalAggregation, RulePack};
    use cqnet_core::{ExamStandard, Score};

    let rules = RulePack::embedded().newest();
    let pass = rules.course_based.pass_average.value;
    let step = |points: i64| {
        Score::new(pass.value() + rust_decimal::Decimal::from(points)).expect("a score")
    };
    let unit = |hours: &str, rounds: [Score; 3]| {
        UnitRecord::new(
            None,
            hours.parse().expect("hours"),
            hours.parse().expect("hours"),
            rounds.map(Some).to_vec(),
        )
        .expect("a unit")
    };
    for aggregation in [
        InternalAggregation::Mean,
        InternalAggregation::HoursWeighted,
    ] {
        for hours in ["0.0001", "1", "3", "40"] {
            let units = vec![
                unit(hours, [step(1), step(0), step(0)]),
                unit(hours, [step(1), step(0), step(0)]),
                unit(hours, [step(-2), step(0), step(0)]),
            ];
            let record = TraineeRecord::new(units)
                .expect("units")
                .with_external(ExternalScores::new(pass, pass));
            let standard = ExamStandard::from_rules(&rules).with_aggregation(aggregation);
            let decision = decide(&record, &standard, &rules);
            assert_eq!(
                decision.passed,
                Some(true),
                "{aggregation:?} over units of {hours} hours: {decision:?}"
            );
            assert!(decision.reasons.is_empty());
            // One ten-thousandth below, and it fails.
            let mut below = record.units().to_vec();
            below[2] = unit(
                hours,
                [
                    step(-2),
                    step(0),
                    Score::new(pass.value() - rust_decimal::Decimal::new(1, 4)).expect("a score"),
                ],
            );
            let below = TraineeRecord::new(below)
                .expect("units")
                .with_external(ExternalScores::new(pass, pass));
            assert_eq!(
                decide(&below, &standard, &rules).passed,
                Some(false),
                "{aggregation:?}, {hours} hours"
            );
        }
    }
}
