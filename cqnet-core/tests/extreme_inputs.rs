//! Extreme inputs get a value or a typed error, never a panic: instants at chrono's limits,
//! leap seconds, the largest and smallest decimals, 28-digit scales and very long text.

#![allow(clippy::unwrap_used)]

mod extremes;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use cqnet_core::certificate::{Certificate, ConfirmationNumber, ManagementNumber};
use cqnet_core::course_based::{self, ExternalScores, TraineeRecord, UnitRecord};
use cqnet_core::exam::ExamPlan;
use cqnet_core::rules::RulePack;
use cqnet_core::window::{SUPPORTED_YEARS, TimeWindow, check_instant, korean_date};
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, UnitResult};
use cqnet_core::{
    Area, ExamStandard, Hours, InputError, NcsUnitCode, Percent, QualificationCode, Score,
    UnitCode, WorkStudyQualificationName, Years,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

use extremes::{
    earliest_instant, extreme_decimal, extreme_hours, extreme_instant, extreme_round, instant,
    latest_instant, no_panic,
};

// ------------------------------------------------------------------------------------------
// Instants at chrono's limits

#[test]
fn korean_date_is_total_at_chronos_limits() {
    let last = no_panic("korean_date at the latest instant", || {
        korean_date(latest_instant())
    });
    // Nine hours past chrono's last instant is past its last date: the date stops there.
    assert_eq!(last, NaiveDate::MAX);
    let first = no_panic("korean_date at the earliest instant", || {
        korean_date(earliest_instant())
    });
    assert_eq!(first, NaiveDate::MIN);
    // Away from the limits nothing changes: 15:00 UTC is midnight in Korea.
    assert_eq!(
        korean_date(instant("2026-03-15T15:00:00Z")),
        NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
    );
}

/// An example record as JSON with the instant at `pointer` replaced by `value`.
fn with_instant(mut record: Value, pointer: &str, value: DateTime<FixedOffset>) -> Value {
    *record.pointer_mut(pointer).unwrap() = serde_json::to_value(value).unwrap();
    record
}

#[test]
fn an_exam_plan_in_year_262142_is_refused_not_a_panic() {
    let plan = serde_json::to_value(ExamPlan::example()).unwrap();
    for pointer in [
        "/announcement",
        "/application_window/start",
        "/application_window/end",
    ] {
        for at in [latest_instant(), earliest_instant()] {
            let json = with_instant(plan.clone(), pointer, at);
            let read = no_panic(&format!("an exam plan with {pointer} at {at}"), || {
                serde_json::from_value::<ExamPlan>(json)
            });
            let err = read.expect_err("an instant outside the supported years is refused");
            assert!(
                err.to_string()
                    .contains("between 1900-01-01T00:00:00+09:00"),
                "{pointer} at {at}: {err}"
            );
        }
    }
}

#[test]
fn a_certificate_in_year_262142_is_refused_not_a_panic() {
    let certificate = serde_json::to_value(Certificate::example()).unwrap();
    for at in [latest_instant(), earliest_instant()] {
        let json = with_instant(certificate.clone(), "/issued_at", at);
        let read = no_panic(&format!("a certificate issued at {at}"), || {
            serde_json::from_value::<Certificate>(json)
        });
        let err = read.expect_err("an instant outside the supported years is refused");
        assert!(
            err.to_string()
                .contains("between 1900-01-01T00:00:00+09:00"),
            "{at}: {err}"
        );
    }
}

#[test]
fn a_time_window_refuses_instants_outside_the_supported_years() {
    let now = instant("2026-03-02T09:00:00+09:00");
    let err = TimeWindow::new(now, latest_instant()).unwrap_err();
    assert!(matches!(err, InputError::OutOfRange { .. }), "{err}");
    let err = TimeWindow::new(earliest_instant(), now).unwrap_err();
    assert!(matches!(err, InputError::OutOfRange { .. }), "{err}");
    assert!(TimeWindow::new(now, instant("2026-03-06T18:00:00+09:00")).is_ok());
}

// ------------------------------------------------------------------------------------------
// Offsets with seconds

/// RFC 3339 writes an offset to the minute: an instant that came with seconds in its offset
/// is kept at one it can write, so that every record and decision reads back as the same
/// instant (an offset of +23:59:59 would otherwise be written as +24:00 and not read back).
#[test]
fn an_instant_at_an_offset_with_seconds_reads_back_as_itself() {
    use cqnet_core::access::{Actor, PartyId};
    use cqnet_core::application::{self, ApplicationFacts, CandidateFacts};
    use cqnet_core::certificate::{
        QualificationRecord, RevocationReason, RevocationRequest, decide_revocation,
    };
    use cqnet_core::exam::ExamPlanSpec;
    fn same<T>(value: &T) -> T
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let json = serde_json::to_string(value).unwrap();
        let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(&back, value, "{json}");
        // Equal instants compare equal whatever their offsets: the text tells them apart.
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        back
    }
    let rules = RulePack::embedded().newest();
    for seconds in [86_399, -1, 30, 9 * 3600 + 1, -86_399] {
        let offset = FixedOffset::east_opt(seconds).unwrap();
        let at = |text: &str| instant(text).with_timezone(&offset);
        let window = TimeWindow::new(
            at("2026-03-02T09:00:00+09:00"),
            at("2026-03-06T18:00:00+09:00"),
        )
        .unwrap();
        let back = same(&window);
        assert_eq!(back.start(), instant("2026-03-02T09:00:00+09:00"));

        let mut spec: ExamPlanSpec = ExamPlan::example().spec().clone();
        spec.application_window = window;
        spec.announcement = at("2026-04-10T09:00:00+09:00");
        same(&ExamPlan::new(spec).unwrap());

        let mut certificate = Certificate::example().spec().clone();
        certificate.issued_at = at("2026-05-01T10:30:00+09:00");
        let certificate = Certificate::new(certificate).unwrap();
        same(&certificate);

        let record = QualificationRecord::new(
            certificate.number().clone(),
            certificate.spec().track,
            vec![certificate.clone()],
            None,
        )
        .unwrap();
        let request = RevocationRequest {
            at: at("2026-07-01T10:00:00+09:00"),
            reason: RevocationReason::Fraud,
            hearing_held_on: Some("2026-06-20".parse().unwrap()),
            note: None,
        };
        let agency = Actor::Agency(PartyId::new("hrdk").unwrap());
        let revocation = decide_revocation(&record, &agency, &request, &rules).revocation;
        let revoked = QualificationRecord::new(
            certificate.number().clone(),
            certificate.spec().track,
            vec![certificate.clone()],
            revocation,
        )
        .unwrap();
        same(&revoked);

        let facts = ApplicationFacts {
            track: cqnet_core::Track::CourseBased,
            now: at("2026-03-07T10:00:00+09:00"),
            window,
            candidate: CandidateFacts {
                eligible: true,
                course_designated: true,
                already_passed: false,
                pending_application: false,
            },
            venue: None,
        };
        same(&application::decide(&facts, &rules));

        #[cfg(feature = "credentials")]
        {
            use cqnet_core::credential::{
                CredentialSpec, Issuer, SigningKey, Verdict, issue_credential, verify_credential,
            };
            let key = SigningKey::from_bytes(&[42; 32]);
            let spec = CredentialSpec {
                id: None,
                issuer: Issuer::example(&key.verifying_key()),
                valid_from: at("2026-05-01T10:30:00+09:00"),
                status: None,
            };
            let vc = issue_credential(&certificate, &spec, &key).unwrap();
            let valid_from = vc["validFrom"].as_str().unwrap();
            assert_eq!(instant(valid_from), spec.valid_from, "{valid_from}");
            assert_eq!(
                verify_credential(&vc.to_string(), &key.verifying_key()),
                Verdict::Valid
            );
        }
    }
}

// ------------------------------------------------------------------------------------------
// Leap seconds

#[test]
fn a_confirmation_issued_in_a_leap_second_is_still_issued() {
    // 2016-12-31T23:59:60Z, the last leap second, was 08:59:60 on 1 January in Korea.
    let leap = instant("2016-12-31T23:59:60.5Z");
    assert!(
        leap.nanosecond() >= 1_000_000_000,
        "chrono reads a leap second"
    );
    let number = no_panic("composing a confirmation number in a leap second", || {
        ConfirmationNumber::compose(leap, 1)
    })
    .expect("a document issued in a leap second is issued");
    // The number is written to the second, the leap second as the second before it.
    assert_eq!(number.as_str(), "HRD-20170101085959-00001");
    assert_eq!(number.issued_at(), instant("2017-01-01T08:59:59+09:00"));
    assert!(number.issued_at() <= leap);
    let management = ManagementNumber::compose(leap, 1, 1).unwrap();
    assert_eq!(management.as_str(), "201701010859-01-000001");
}

// ------------------------------------------------------------------------------------------
// Decimal arithmetic at rust_decimal's limits

#[test]
fn is_met_by_decides_at_the_largest_decimals() {
    let seventy_five: Percent = "75".parse().unwrap();
    let met = no_panic("is_met_by(MAX, 1)", || {
        seventy_five.is_met_by(Decimal::MAX, Decimal::ONE)
    });
    assert!(met, "MAX of 1 is far above 75%");
    assert!(!seventy_five.is_met_by(Decimal::ONE, Decimal::MAX));
    assert!(seventy_five.is_met_by(Decimal::MAX, Decimal::MAX));
    assert!(!seventy_five.is_met_by(Decimal::MIN, Decimal::ONE));
    assert!(Percent::FULL.is_met_by(Decimal::MAX, Decimal::MAX));
    assert!(!Percent::FULL.is_met_by(Decimal::MAX - Decimal::ONE, Decimal::MAX));
}

#[test]
fn ratio_is_none_when_it_does_not_fit() {
    let ratio = no_panic("Percent::ratio(MAX, 1)", || {
        Percent::ratio(Decimal::MAX, Decimal::ONE)
    });
    assert_eq!(ratio, None);
    let tiny = Decimal::new(1, 28);
    assert_eq!(Percent::ratio(Decimal::ONE, tiny), None);
    assert_eq!(
        Percent::ratio(Decimal::MAX, Decimal::MAX),
        Some(Decimal::ONE_HUNDRED)
    );
    assert_eq!(Percent::ratio(3.into(), 4.into()), Some(75.into()));
}

#[test]
fn final_score_stays_between_its_parts_at_the_largest_decimals() {
    let standard = ExamStandard::from_rules(&RulePack::embedded().newest());
    for (internal, external) in [
        (Decimal::MAX, Decimal::MAX),
        (Decimal::MIN, Decimal::MIN),
        (Decimal::MAX, Decimal::MIN),
        (Decimal::MIN, Decimal::ZERO),
        (Decimal::MAX, Decimal::ONE_HUNDRED),
    ] {
        let score = no_panic(&format!("final_score({internal}, {external})"), || {
            standard.final_score(internal, external)
        });
        assert!(
            internal.min(external) <= score && score <= internal.max(external),
            "final_score({internal}, {external}) = {score}"
        );
    }
    assert_eq!(standard.final_score(70.into(), 90.into()), 80.into());
}

/// The whole-number constructors at the limits of a `u32`, and every `u8` as a grade code and
/// as an NCS level.
#[test]
fn whole_numbers_grades_and_levels_at_the_limits_of_their_types() {
    use cqnet_core::{Grade, NcsLevel};
    for n in [0, 1, 100, 101, 100_000, 100_001, u32::MAX] {
        let (score, hours, years) = no_panic(&format!("whole({n})"), || {
            (Score::whole(n), Hours::whole(n), Years::whole(n))
        });
        assert_eq!(score.is_ok(), n <= 100, "{n}");
        assert_eq!(hours.is_ok(), n <= 100_000, "{n}");
        assert_eq!(years.is_ok(), n <= 100, "{n}");
    }
    let mut grades = 0;
    for code in 0..=u8::MAX {
        if let Some(grade) = no_panic("Grade::from_code", || Grade::from_code(code)) {
            assert_eq!(grade.code(), code);
            assert_eq!(grade.to_string().parse::<Grade>(), Ok(grade));
            assert_eq!(grade.korean_name().parse::<Grade>(), Ok(grade));
            grades += 1;
        }
        let level = NcsLevel::new(code);
        assert_eq!(level.is_ok(), (1..=8).contains(&code), "{code}");
        if let Ok(level) = level {
            assert_eq!(level.get(), code);
        }
    }
    assert_eq!(grades, 9, "every grade has one code");
}

// ------------------------------------------------------------------------------------------
// Long text

#[test]
fn a_decimal_of_ten_thousand_leading_zeros_is_refused() {
    let text = format!("{}1", "0".repeat(10_000));
    let score = no_panic("parsing 10,000 leading zeros", || text.parse::<Score>());
    let err = score.unwrap_err();
    assert!(matches!(err, InputError::Malformed { .. }), "{err}");
    let json = serde_json::to_string(&text).unwrap();
    assert!(serde_json::from_str::<Hours>(&json).is_err());
    // A decimal written in full at rust_decimal's 28 places is still read, then judged.
    let smallest = "0.0000000000000000000000000001".parse::<Score>();
    assert!(
        matches!(smallest, Err(InputError::TooPrecise { .. })),
        "{smallest:?}"
    );
    assert!("-79228162514264337593543950335".parse::<Score>().is_err());
}

// ------------------------------------------------------------------------------------------
// Huge lists

#[test]
fn more_prior_extensions_than_fit_a_month_count_are_refused_not_a_panic() {
    use cqnet_core::extension::ExtensionRequest;
    let end = NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
    // 120 months × 35,791,395 extensions is past u32::MAX: the count is refused first.
    let too_many = vec![120; 35_791_395];
    let request = no_panic("35,791,395 prior extensions", || {
        ExtensionRequest::new(end, too_many, 1, false, true)
    });
    let err = request.expect_err("more than 100 prior extensions are refused");
    assert!(
        matches!(
            err,
            InputError::OutOfRange {
                what: "prior extensions",
                ..
            }
        ),
        "{err}"
    );
    assert!(ExtensionRequest::new(end, vec![1; 100], 1, false, true).is_ok());
    assert!(ExtensionRequest::new(end, vec![1; 101], 1, false, true).is_err());
}

// ------------------------------------------------------------------------------------------
// Documented behaviour

#[test]
fn nothing_scheduled_meets_only_a_zero_threshold() {
    let seventy_five: Percent = "75".parse().unwrap();
    // 0 of 0 scheduled hours shows no attendance: a missing fact never allows.
    assert!(!seventy_five.is_met_by(Decimal::ZERO, Decimal::ZERO));
    assert!(!seventy_five.is_met_by(Decimal::ONE, Decimal::ZERO));
    assert!(Percent::ZERO.is_met_by(Decimal::ZERO, Decimal::ZERO));
}

#[test]
fn a_unit_with_no_scheduled_hours_is_not_positive() {
    let err = UnitRecord::new(None, Hours::ZERO, Hours::ZERO, vec![]).unwrap_err();
    assert!(matches!(err, InputError::NotPositive { .. }), "{err}");
}

#[test]
fn an_error_quotes_a_short_prefix_of_a_long_input() {
    let long = "9".repeat(10_000_000);
    for err in [
        long.parse::<Score>().unwrap_err(),
        UnitCode::new(&long).unwrap_err(),
        QualificationCode::new(&long).unwrap_err(),
        WorkStudyQualificationName::new(&long).unwrap_err(),
        NcsUnitCode::new(&long).unwrap_err(),
    ] {
        let message = err.to_string();
        assert!(message.len() < 400, "{} bytes: {err:?}", message.len());
        assert!(message.contains("999…"), "{message}");
    }
}

/// Names and keys have no length limit of their own, so the errors that name them (a repeated
/// facility, equipment item or id, an equipment group of no trainees, a malformed check code)
/// quote a short prefix too.
#[test]
fn an_error_quotes_a_short_prefix_of_a_long_name_or_key() {
    use cqnet_core::certificate::ConfirmationCode;
    use cqnet_core::course_based::TraineeRecord;
    use cqnet_core::screening::{Applicant, Criterion, Screening};
    use cqnet_core::standard::{
        CoursePlan, CoursePlanSpec, CurriculumStandard, CurriculumStandardSpec, EquipmentStandard,
        FacilityStandard, PlannedFacility, PlannedUnit, StandardUnit, UnitKind,
    };
    use cqnet_core::what_if::{Population, PopulationRecord};

    let long = "9".repeat(1_000_000);
    let hours = Hours::whole(30).unwrap();
    let units = vec![StandardUnit::new(
        UnitCode::example(),
        UnitKind::Mandatory,
        hours,
    )];
    let room = FacilityStandard::new(long.clone(), 20, Area::default(), Area::default());
    let machine = |per_trainees| EquipmentStandard {
        name: long.clone(),
        quantity: 1,
        per_trainees,
    };
    let standard = |facilities, equipment| {
        CurriculumStandard::new(CurriculumStandardSpec {
            total_hours: hours,
            units: units.clone(),
            facilities,
            equipment,
            ..CurriculumStandardSpec::default()
        })
    };
    let planned = PlannedFacility {
        name: long.clone(),
        area: Area::default(),
    };
    let plan = CoursePlan::new(CoursePlanSpec {
        capacity: 20,
        units: vec![PlannedUnit {
            code: UnitCode::example(),
            hours,
        }],
        facilities: vec![planned.clone(), planned],
        ..CoursePlanSpec::default()
    });
    let applicant = || Applicant::new(long.clone(), Score::MAX, None).unwrap();
    let screening = Screening::new(
        Criterion::Score { min: Score::ZERO },
        Criterion::Score { min: Score::ZERO },
        vec![applicant(), applicant()],
    );
    let unit = UnitRecord::new(None, hours, hours, vec![Some(Score::MAX)]).unwrap();
    let record = || {
        PopulationRecord::new(
            long.clone(),
            TraineeRecord::new(vec![unit.clone()]).unwrap(),
            None,
        )
        .unwrap()
    };
    let population = Population::new(vec![record(), record()]);
    for err in [
        standard(vec![room.clone(), room], vec![]).unwrap_err(),
        standard(vec![], vec![machine(1), machine(1)]).unwrap_err(),
        standard(vec![], vec![machine(0)]).unwrap_err(),
        plan.unwrap_err(),
        screening.unwrap_err(),
        population.unwrap_err(),
        ConfirmationCode::new(&long).unwrap_err(),
    ] {
        let message = err.to_string();
        assert!(
            message.len() < 400,
            "{} bytes: {}…",
            message.len(),
            &message[..80]
        );
        assert!(message.contains("999…"), "{message}");
    }
}

// ------------------------------------------------------------------------------------------
// Every constructor and decision at the extremes

/// Decimal text: long runs of zeros, signs, points, exponents and other characters.
fn extreme_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-+0-9.eE ]{0,60}",
        (0usize..20_000, "[0-9]{1,3}")
            .prop_map(|(zeros, tail)| format!("{}{tail}", "0".repeat(zeros))),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decimal_constructors_answer_every_decimal(d in extreme_decimal()) {
        no_panic(&format!("decimal constructors with {d}"), || {
            let _ = (Score::new(d), Hours::new(d), Percent::new(d), Area::new(d), Years::new(d));
            let _ = (Score::try_from(d), serde_json::from_value::<Percent>(Value::String(d.to_string())));
        });
    }

    #[test]
    fn decimal_text_is_read_or_refused(text in extreme_text()) {
        let read = no_panic(&format!("parsing {} bytes", text.len()), || {
            (text.parse::<Score>(), text.parse::<Hours>(), text.parse::<Percent>(),
             serde_json::from_value::<Area>(Value::String(text.clone())))
        });
        if text.len() > 40 {
            prop_assert!(read.0.is_err() && read.1.is_err() && read.2.is_err() && read.3.is_err());
        }
    }

    #[test]
    fn percent_arithmetic_answers_every_decimal(
        p in 0u32..=1_000_000,
        part in extreme_decimal(),
        whole in extreme_decimal(),
    ) {
        let percent = Percent::new(Decimal::new(i64::from(p), 4)).unwrap();
        let (met, ratio) = no_panic(&format!("{percent}% of {part} / {whole}"), || {
            (percent.is_met_by(part, whole), Percent::ratio(part, whole))
        });
        // Where the exact comparison is computable it is the one made.
        let exact = part.checked_mul(100.into()).zip(whole.checked_mul(percent.value()));
        if let (Some((a, b)), false) = (exact, whole.is_zero()) {
            prop_assert_eq!(met, a >= b);
        }
        if whole.is_zero() {
            prop_assert_eq!(ratio, None);
        }
    }

    #[test]
    fn final_score_answers_every_decimal(
        internal in extreme_decimal(),
        external in extreme_decimal(),
        weight in 0u32..=100,
    ) {
        let rules = RulePack::embedded().newest();
        let defaults = ExamStandard::from_rules(&rules);
        let [_, _, written, practical] = defaults.weights();
        let standard = ExamStandard::new(
            Percent::new(weight.into()).unwrap(),
            Percent::new((100 - weight).into()).unwrap(),
            defaults.pass_average(),
            written,
            practical,
            defaults.aggregation(),
        ).unwrap();
        let score = no_panic(&format!("final_score({internal}, {external})"), || {
            standard.final_score(internal, external)
        });
        prop_assert!(internal.min(external) <= score && score <= internal.max(external));
    }

    #[test]
    fn instants_get_a_date_or_a_typed_error(at in extreme_instant(), other in extreme_instant()) {
        let (date, checked, window) = no_panic(&format!("instants {at} and {other}"), || {
            (korean_date(at), check_instant("instant", at), TimeWindow::new(at, other))
        });
        let supported = SUPPORTED_YEARS.contains(&date.year());
        prop_assert_eq!(checked.is_ok(), supported);
        if let Err(err) = window {
            let typed = matches!(err, InputError::OutOfRange { .. } | InputError::Inconsistent(_));
            prop_assert!(typed, "{}", err);
        }
        let numbers = no_panic(&format!("document numbers at {at}"), || {
            (ConfirmationNumber::compose(at, 1), ManagementNumber::compose(at, 1, 1))
        });
        if supported {
            // Every supported instant is written to the second, a leap second as the one before.
            let confirmation = numbers.0.unwrap();
            prop_assert!(confirmation.issued_at() <= at);
            prop_assert!(at - confirmation.issued_at() < chrono::TimeDelta::seconds(2));
            prop_assert!(numbers.1.is_ok());
        }
    }

    #[test]
    fn instants_in_records_are_read_or_refused(at in extreme_instant()) {
        let plan = serde_json::to_value(ExamPlan::example()).unwrap();
        let certificate = serde_json::to_value(Certificate::example()).unwrap();
        no_panic(&format!("records at {at}"), || {
            let _ = serde_json::from_value::<ExamPlan>(with_instant(plan.clone(), "/announcement", at));
            let _ = serde_json::from_value::<ExamPlan>(with_instant(plan, "/application_window/end", at));
            let _ = serde_json::from_value::<Certificate>(with_instant(certificate, "/issued_at", at));
        });
    }

    #[test]
    fn course_based_decides_every_record(
        units in prop::collection::vec((extreme_hours(), extreme_hours(), prop::collection::vec(extreme_round(), 0..4)), 0..40),
        written in extreme_round(),
        practical in extreme_round(),
    ) {
        let rules = RulePack::embedded().newest();
        let standard = ExamStandard::from_rules(&rules);
        no_panic("course_based::decide", || {
            let units: Vec<UnitRecord> = units
                .into_iter()
                .filter_map(|(scheduled, attended, rounds)| {
                    UnitRecord::new(None, scheduled, attended, rounds).ok()
                })
                .collect();
            if let Ok(record) = TraineeRecord::new(units) {
                let record = match (written, practical) {
                    (Some(w), Some(p)) => record.with_external(ExternalScores::new(w, p)),
                    _ => record,
                };
                let _ = course_based::decide(&record, &standard, &rules);
            }
        });
    }

    #[test]
    fn work_study_decides_every_record(
        ojt in (extreme_hours(), extreme_hours()),
        off_jt in (extreme_hours(), extreme_hours()),
        units in prop::collection::vec(any::<bool>(), 0..200),
    ) {
        let rules = RulePack::embedded().newest();
        no_panic("work_study::decide", || {
            let ojt = TrainingHours::new(ojt.0, ojt.1);
            let off_jt = TrainingHours::new(off_jt.0, off_jt.1);
            if let (Ok(ojt), Ok(off_jt)) = (ojt, off_jt) {
                let units = units.into_iter().map(|passed| UnitResult::new(None, passed)).collect();
                if let Ok(record) = LearnerRecord::new(ojt, off_jt, units) {
                    let _ = work_study::decide(&record, &rules);
                }
            }
        });
    }
}

// ------------------------------------------------------------------------------------------
// Look-alike text: names refuse what hides or reorders, codes are ASCII

/// The characters that make two texts look alike: bidirectional overrides, embeddings,
/// isolates and marks, zero-width characters, and a few control characters.
const HIDDEN: [char; 20] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}',
    '\u{FEFF}', '\u{0}', '\u{9}', '\u{9B}',
];

/// `text` with `c` inserted before the character at `at` (counted modulo its length + 1), and
/// the position of `c` counted from 1.
fn with_inserted(text: &str, at: usize, c: char) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let mut out: String = chars[..at].iter().collect();
    out.push(c);
    out.extend(&chars[at..]);
    (out, at + 1)
}

/// Checks a name constructor's answer to a text holding a hidden character: a
/// `HiddenCharacter` naming the field and the character, whose message escapes it and quotes a
/// short prefix only.
fn refused_as_hidden<T: std::fmt::Debug>(
    field: &str,
    result: Result<T, InputError>,
    c: char,
    position: usize,
) -> Result<(), TestCaseError> {
    match result {
        Err(err @ InputError::HiddenCharacter { .. }) => {
            let InputError::HiddenCharacter {
                what,
                character,
                position: at,
                ..
            } = &err
            else {
                unreachable!("matched above")
            };
            prop_assert_eq!(*what, field);
            prop_assert_eq!(*character, c);
            prop_assert_eq!(*at, position);
            let message = err.to_string();
            prop_assert!(
                !message.contains(c),
                "unescaped U+{:04X}: {}",
                c as u32,
                message
            );
            prop_assert!(message.chars().count() < 400, "{}", message);
        }
        other => prop_assert!(false, "{}: {:?} for U+{:04X}", field, other, c as u32),
    }
    Ok(())
}

/// Whether a code constructor accepts a text.
type Accepts = fn(&str) -> bool;

fn name_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[가-힣]{1,8}",
        "[A-Za-z가-힣 ()]{1,30}",
        Just("정보처리산업기사".to_owned())
    ]
    .prop_filter("no blank at either end", |s| s.trim() == s)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn names_refuse_hidden_characters_with_a_typed_error(
        name in name_text(),
        c in prop::sample::select(HIDDEN.to_vec()),
        at in any::<usize>(),
        long in 0usize..2,
    ) {
        use cqnet_core::certificate::{NamePattern, PrintedName, check_revocation_note};
        use cqnet_core::course_based::UnitCourseLabel;
        use cqnet_core::screening::Applicant;
        use cqnet_core::statistics::{Gender, Stage, StatRecord};
        use cqnet_core::standard::{CoursePlan, CoursePlanSpec, PlannedFacility, PlannedUnit};

        // The same name is accepted without the character.
        prop_assert!(PrintedName::new(&name).is_ok(), "{:?}", name);
        let padded = if long == 1 { format!("{name}{}", "가".repeat(90)) } else { name.clone() };
        let (hidden, position) = with_inserted(&padded, at, c);
        let short = with_inserted(&name, at, c);
        no_panic("names", || -> Result<(), TestCaseError> {
            refused_as_hidden("printed name", PrintedName::new(&hidden), c, position)?;
            refused_as_hidden("unit course label", UnitCourseLabel::new(&hidden), c, position)?;
            refused_as_hidden("qualification name pattern", NamePattern::new(&short.0), c, short.1)?;
            let ws = format!("{}_L3", short.0);
            refused_as_hidden("work-study qualification name", WorkStudyQualificationName::new(&ws), c, short.1)?;
            refused_as_hidden("applicant id", Applicant::new(short.0.clone(), Score::MAX, None), c, short.1)?;
            refused_as_hidden(
                "qualification",
                StatRecord::new(2026, "기사", short.0.clone(), "특성화고", Gender::F, Stage::Acquired),
                c,
                short.1,
            )?;
            refused_as_hidden("cancellation note", check_revocation_note(Some(&hidden)), c, position)?;
            let plan = CoursePlan::new(CoursePlanSpec {
                capacity: 20,
                units: vec![PlannedUnit { code: UnitCode::example(), hours: Hours::whole(30).unwrap() }],
                facilities: vec![PlannedFacility { name: short.0.clone(), area: "50".parse().unwrap() }],
                ..Default::default()
            });
            refused_as_hidden("facility name", plan, c, short.1)?;
            Ok(())
        })?;
    }

    #[test]
    fn codes_are_ascii_so_no_two_look_alike(
        c in prop_oneof![
            prop::sample::select(HIDDEN.to_vec()),
            Just('ａ'), Just('가'), Just('І'), Just('\u{00A0}'), Just('é'),
        ],
        at in any::<usize>(),
    ) {
        use cqnet_core::access::PartyId;
        use cqnet_core::certificate::{InnerPageNumber, QualificationNumber};
        for valid in ["1501020207_14v2", "LOCAL-01"] {
            prop_assert!(UnitCode::new(valid).is_ok());
            let (lookalike, _) = with_inserted(valid, at, c);
            let err = no_panic("unit code", || UnitCode::new(&lookalike)).unwrap_err();
            let is_unit_code_malformed = matches!(err, InputError::Malformed { what: "unit code", .. });
            prop_assert!(is_unit_code_malformed, "{:?}", err);
            // A hidden character is shown escaped, never as itself.
            prop_assert!(!HIDDEN.contains(&c) || !err.to_string().contains(c), "{}", err);
        }
        let coded: [(&str, Accepts); 5] = [
            ("2N0C", |s| QualificationCode::new(s).is_ok()),
            ("1501020207_14v2", |s| NcsUnitCode::new(s).is_ok()),
            ("inst-0001", |s| PartyId::new(s).is_ok()),
            ("26000000123J", |s| QualificationNumber::new(s).is_ok()),
            ("A1234567", |s| InnerPageNumber::new(s).is_ok()),
        ];
        for (valid, accepts) in coded {
            prop_assert!(accepts(valid), "{}", valid);
            let (lookalike, _) = with_inserted(valid, at, c);
            prop_assert!(!no_panic(valid, || accepts(&lookalike)), "{:?}", lookalike);
        }
    }

    /// Whatever text a unit code is built from, the code is printable ASCII.
    #[test]
    fn every_unit_code_accepted_is_printable_ascii(text in any::<String>()) {
        if let Ok(code) = no_panic("unit code", || UnitCode::new(&text)) {
            prop_assert!(code.as_str().bytes().all(|b| b.is_ascii_graphic()), "{:?}", code);
        }
    }
}

/// A credential signed at an instant outside the supported years, or one whose local time at
/// its offset lies past chrono's range, is refused with a typed error; building the unsigned
/// document still gives a value.
#[cfg(feature = "credentials")]
#[test]
fn a_credential_at_chronos_limits_is_refused_not_a_panic() {
    use cqnet_core::credential::{
        CredentialSpec, Issuer, ProofOptions, SigningKey, StatusList, Uri, certificate_credential,
        issue_credential, sign,
    };
    let key = SigningKey::from_bytes(&[42; 32]);
    let issuer = Issuer::example(&key.verifying_key());
    let hour = |east: i32| FixedOffset::east_opt(east * 3600).unwrap();
    // chrono's last instant an hour east and its first an hour west: local times past its range.
    let beyond = [
        latest_instant().with_timezone(&hour(1)),
        earliest_instant().with_timezone(&hour(-1)),
    ];
    let unsupported = [latest_instant(), instant("1899-12-31T14:59:59Z")];
    for at in beyond.into_iter().chain(unsupported) {
        let spec = CredentialSpec {
            id: None,
            issuer: issuer.clone(),
            valid_from: at,
            status: None,
        };
        let unsigned = no_panic(&format!("the credential of {at:?}"), || {
            certificate_credential(&Certificate::example(), &spec)
        });
        assert!(unsigned["validFrom"].is_string(), "{at:?}");
        let signed = no_panic(&format!("signing at {at:?}"), || {
            issue_credential(&Certificate::example(), &spec, &key)
        });
        assert!(
            matches!(signed, Err(InputError::OutOfRange { .. })),
            "{at:?}: {signed:?}"
        );
        let list_id = Uri::new("https://example.org/status/1").unwrap();
        let list = no_panic(&format!("a status list at {at:?}"), || {
            StatusList::new(131_072)
                .unwrap()
                .to_credential(&list_id, &issuer, at, &key)
        });
        assert!(matches!(list, Err(InputError::OutOfRange { .. })), "{at:?}");
        let options = ProofOptions {
            verification_method: issuer.verification_method.clone(),
            created: Some(at),
        };
        let proof = no_panic(&format!("a proof created at {at:?}"), || {
            sign(&serde_json::json!({"name": "x"}), &key, &options)
        });
        assert!(
            matches!(proof, Err(InputError::OutOfRange { .. })),
            "{at:?}"
        );
    }
    // chrono's last instant is written as itself, in UTC.
    let spec = CredentialSpec {
        id: None,
        issuer: issuer.clone(),
        valid_from: beyond[0],
        status: None,
    };
    let valid_from = certificate_credential(&Certificate::example(), &spec)["validFrom"].clone();
    assert_eq!(valid_from, "+262142-12-31T23:59:59Z");
    // Inside the supported years the same calls sign.
    let spec = CredentialSpec {
        valid_from: instant("1899-12-31T15:00:00Z"),
        ..spec
    };
    assert!(issue_credential(&Certificate::example(), &spec, &key).is_ok());
}

#[cfg(feature = "credentials")]
#[test]
fn a_uri_with_a_hidden_character_is_refused() {
    use cqnet_core::credential::Uri;
    for c in HIDDEN {
        let (text, position) = with_inserted("https://example.org/status/1", 20, c);
        assert!(
            matches!(
                Uri::new(&text),
                Err(InputError::HiddenCharacter { what: "URI", position: p, .. }) if p == position
            ),
            "U+{:04X}",
            c as u32
        );
    }
}
