//! The case runner: checks the library's decisions against JSON case files.
//!
//! ```text
//! cargo run -q --example cases -- PATH [PATH ...]
//! ```
//!
//! Each PATH is a case file or a folder (every `*.json` in it, recursively, in sorted order).
//! One line per case, `PASS <file>: <name>` or `FAIL <file>: <name>: <what differed>`, then
//! `N passed, N failed`; the exit code is 0 only when nothing failed. The format is described
//! in `case-format.md`: this runner only maps JSON onto the public API, it holds no rule. The
//! project's own kinds beyond that format are described in `docs/case-kinds.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use cqnet::core::access::{self, Action, Actor, Target};
use cqnet::core::application::{self, ApplicationFacts, CandidateFacts, VenueLoad};
use cqnet::core::course_based::{self, ExternalScores, TraineeRecord, UnitRecord};
use cqnet::core::exam::{self, ExamPlan};
use cqnet::core::extension::{self, ExtensionRequest};
use cqnet::core::refund::{self, RefundRequest};
use cqnet::core::rules::{CancelReason, InternalAggregation, RetakeLimit, RulePack, Rules};
use cqnet::core::standard::{
    self, CoursePlan, CoursePlanSpec, CurriculumStandard, CurriculumStandardSpec, FacilityStandard,
    PlannedFacility, PlannedUnit, StandardUnit, UnitKind,
};
use cqnet::core::window::TimeWindow;
use cqnet::core::work_study::{self, LearnerRecord, TrainingHours, UnitResult};
use cqnet::core::{ExamStandard, Hours, Percent, Reason, Score, Track, Won};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Why a case produced no decision.
enum Refusal {
    /// The case file itself is wrong: unknown or missing field, bad `as_of`, …: always a FAIL.
    CaseFormat(String),
    /// The library refused the input as invalid: a PASS when the case expects it.
    InvalidInput(String),
}

/// A computed value, compared with the case's expectation of the same name.
enum Actual {
    Bool(bool),
    MaybeBool(Option<bool>),
    Decimal(Option<Decimal>),
    Whole(u64),
    Date(Option<NaiveDate>),
    Reasons(BTreeSet<String>),
}

type Outcome = BTreeMap<&'static str, Actual>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    kind: String,
    #[serde(default)]
    as_of: Option<String>,
    input: Value,
    expect: Map<String, Value>,
}

/// Reads a case-format structure: its failure is a fault of the case file.
fn shape<T: DeserializeOwned>(value: &Value, what: &str) -> Result<T, Refusal> {
    serde_json::from_value(value.clone()).map_err(|e| Refusal::CaseFormat(format!("{what}: {e}")))
}

/// Reads a value through the library's own types: its failure is invalid input.
fn value<T: DeserializeOwned>(value: &Value, what: &str) -> Result<T, Refusal> {
    serde_json::from_value(value.clone()).map_err(|e| Refusal::InvalidInput(format!("{what}: {e}")))
}

fn invalid(e: impl std::fmt::Display) -> Refusal {
    Refusal::InvalidInput(e.to_string())
}

fn reason_codes(reasons: &[Reason]) -> Actual {
    Actual::Reasons(reasons.iter().map(|r| r.code.as_str().to_owned()).collect())
}

// ------------------------------------------------------------------ course_based

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseBasedInput {
    units: Vec<CourseUnitInput>,
    #[serde(default)]
    exam: Option<ExamInput>,
    #[serde(default)]
    internal_aggregation: Option<Value>,
    #[serde(default)]
    external: Option<ExternalInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseUnitInput {
    #[serde(default)]
    code: Option<Value>,
    hours: Value,
    attended: Value,
    scores: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamInput {
    internal_weight: Option<Value>,
    external_weight: Option<Value>,
    pass_average: Option<Value>,
    written_weight: Option<Value>,
    practical_weight: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExternalInput {
    written: Value,
    practical: Value,
}

fn or_rule<T: DeserializeOwned>(given: &Option<Value>, what: &str, rule: T) -> Result<T, Refusal> {
    given.as_ref().map_or(Ok(rule), |v| value(v, what))
}

fn course_based(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: CourseBasedInput = shape(input, "input")?;
    let mut units = Vec::new();
    for (i, u) in input.units.iter().enumerate() {
        let code = match &u.code {
            Some(c) => Some(value(c, &format!("units[{i}].code"))?),
            None => None,
        };
        let scores = u
            .scores
            .iter()
            .map(|s| value::<Option<Score>>(s, &format!("units[{i}].scores")))
            .collect::<Result<Vec<_>, _>>()?;
        units.push(
            UnitRecord::new(
                code,
                value(&u.hours, "hours")?,
                value(&u.attended, "attended")?,
                scores,
            )
            .map_err(invalid)?,
        );
    }
    let mut record = TraineeRecord::new(units).map_err(invalid)?;
    if let Some(ext) = &input.external {
        record = record.with_external(ExternalScores::new(
            value(&ext.written, "external.written")?,
            value(&ext.practical, "external.practical")?,
        ));
    }
    let cb = &rules.course_based;
    let aggregation: InternalAggregation = or_rule(
        &input.internal_aggregation,
        "internal_aggregation",
        cb.internal_aggregation.value,
    )?;
    let exam = match &input.exam {
        None => ExamStandard::from_rules(rules).with_aggregation(aggregation),
        Some(e) => ExamStandard::new(
            or_rule::<Percent>(
                &e.internal_weight,
                "internal_weight",
                cb.internal_weight.value,
            )?,
            or_rule::<Percent>(
                &e.external_weight,
                "external_weight",
                cb.external_weight.value,
            )?,
            or_rule::<Score>(&e.pass_average, "pass_average", cb.pass_average.value)?,
            or_rule::<Percent>(&e.written_weight, "written_weight", cb.written_weight.value)?,
            or_rule::<Percent>(
                &e.practical_weight,
                "practical_weight",
                cb.practical_weight.value,
            )?,
            aggregation,
        )
        .map_err(invalid)?,
    };
    let d = course_based::decide(&record, &exam, rules);
    Ok(BTreeMap::from([
        ("completed", Actual::Bool(d.completed)),
        (
            "eligible_for_external",
            Actual::Bool(d.eligible_for_external),
        ),
        ("internal_score", Actual::Decimal(d.internal_score)),
        ("external_score", Actual::Decimal(d.external_score)),
        ("final_score", Actual::Decimal(d.final_score)),
        ("passed", Actual::MaybeBool(d.passed)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}

// ------------------------------------------------------------------ work_study

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkStudyInput {
    ojt: HoursInput,
    #[serde(default)]
    off_jt: Option<HoursInput>,
    internal_units: Vec<PassInput>,
    #[serde(default)]
    external_units: Option<Vec<PassInput>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HoursInput {
    hours: Value,
    attended: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PassInput {
    #[serde(default)]
    code: Option<Value>,
    passed: bool,
}

fn training_hours(h: &HoursInput, what: &str) -> Result<TrainingHours, Refusal> {
    TrainingHours::new(value(&h.hours, what)?, value(&h.attended, what)?).map_err(invalid)
}

fn unit_results(units: &[PassInput], what: &str) -> Result<Vec<UnitResult>, Refusal> {
    units
        .iter()
        .map(|u| {
            let code = match &u.code {
                Some(c) => Some(value(c, what)?),
                None => None,
            };
            Ok(UnitResult::new(code, u.passed))
        })
        .collect()
}

fn work_study(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: WorkStudyInput = shape(input, "input")?;
    let off_jt = match &input.off_jt {
        Some(h) => training_hours(h, "off_jt")?,
        None => TrainingHours::NONE,
    };
    let mut record = LearnerRecord::new(
        training_hours(&input.ojt, "ojt")?,
        off_jt,
        unit_results(&input.internal_units, "internal_units")?,
    )
    .map_err(invalid)?;
    if let Some(units) = &input.external_units {
        record = record
            .with_external(unit_results(units, "external_units")?)
            .map_err(invalid)?;
    }
    let d = work_study::decide(&record, rules);
    Ok(BTreeMap::from([
        ("internal_passed", Actual::Bool(d.internal_passed)),
        (
            "completion_certificate",
            Actual::Bool(d.completion_certificate),
        ),
        (
            "eligible_for_external",
            Actual::Bool(d.eligible_for_external),
        ),
        ("passed", Actual::MaybeBool(d.passed)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}

// ------------------------------------------------------------------ exam_application

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplicationInput {
    track: Value,
    now: Value,
    window: Value,
    candidate: CandidateFacts,
    #[serde(default)]
    venue: Option<VenueInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VenueInput {
    capacity: Value,
    booked: Value,
}

fn exam_application(input: &Value, _rules: &Rules) -> Result<Outcome, Refusal> {
    let input: ApplicationInput = shape(input, "input")?;
    let venue = match &input.venue {
        Some(v) => Some(
            VenueLoad::new(
                value(&v.capacity, "venue.capacity")?,
                value(&v.booked, "venue.booked")?,
            )
            .map_err(invalid)?,
        ),
        None => None,
    };
    let facts = ApplicationFacts {
        track: value::<Track>(&input.track, "track")?,
        now: value(&input.now, "now")?,
        window: value::<TimeWindow>(&input.window, "window")?,
        candidate: input.candidate,
        venue,
    };
    let d = application::decide(&facts);
    Ok(BTreeMap::from([
        ("accepted", Actual::Bool(d.accepted)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}

// ------------------------------------------------------------------ refund

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RefundInput {
    track: Value,
    fee: Value,
    window: Value,
    exam_date: Value,
    cancelled_at: Value,
    #[serde(default)]
    reason: Option<Value>,
}

fn refund(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: RefundInput = shape(input, "input")?;
    let request = RefundRequest {
        track: value::<Track>(&input.track, "track")?,
        fee: value::<Won>(&input.fee, "fee")?,
        window: value::<TimeWindow>(&input.window, "window")?,
        exam_date: value(&input.exam_date, "exam_date")?,
        cancelled_at: value(&input.cancelled_at, "cancelled_at")?,
        reason: or_rule::<CancelReason>(&input.reason, "reason", CancelReason::Personal)?,
    };
    let d = refund::decide(&request, rules).map_err(invalid)?;
    let percent = u64::try_from(d.percent.value().trunc()).unwrap_or(u64::MAX);
    Ok(BTreeMap::from([
        ("percent", Actual::Whole(percent)),
        ("refund", Actual::Whole(d.refund.amount())),
    ]))
}

// ------------------------------------------------------------------ designation_check

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DesignationInput {
    standard: StandardInput,
    plan: PlanInput,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StandardInput {
    total_hours: Value,
    #[serde(default)]
    elective_hours: Option<Value>,
    units: Vec<StandardUnitInput>,
    facilities: Vec<FacilityInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StandardUnitInput {
    code: Value,
    kind: Value,
    min_hours: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FacilityInput {
    name: String,
    headcount: Value,
    area: Value,
    extra_area_per_person: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanInput {
    capacity: Value,
    #[serde(default)]
    foundational_hours: Option<Value>,
    units: Vec<PlanUnitInput>,
    facilities: Vec<PlanFacilityInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanUnitInput {
    code: Value,
    hours: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFacilityInput {
    name: String,
    area: Value,
}

fn designation_check(input: &Value, _rules: &Rules) -> Result<Outcome, Refusal> {
    let input: DesignationInput = shape(input, "input")?;
    let s = &input.standard;
    let units = s
        .units
        .iter()
        .map(|u| {
            Ok(StandardUnit::new(
                value(&u.code, "standard unit code")?,
                value::<UnitKind>(&u.kind, "standard unit kind")?,
                value(&u.min_hours, "min_hours")?,
            ))
        })
        .collect::<Result<Vec<_>, Refusal>>()?;
    let facilities = s
        .facilities
        .iter()
        .map(|f| {
            Ok(FacilityStandard::new(
                f.name.clone(),
                value(&f.headcount, "headcount")?,
                value(&f.area, "area")?,
                value(&f.extra_area_per_person, "extra_area_per_person")?,
            ))
        })
        .collect::<Result<Vec<_>, Refusal>>()?;
    let standard = CurriculumStandard::new(CurriculumStandardSpec {
        total_hours: value(&s.total_hours, "total_hours")?,
        elective_hours: or_rule(&s.elective_hours, "elective_hours", Hours::ZERO)?,
        units,
        facilities,
        ..CurriculumStandardSpec::default()
    })
    .map_err(invalid)?;
    let p = &input.plan;
    let plan = CoursePlan::new(CoursePlanSpec {
        capacity: value(&p.capacity, "capacity")?,
        foundational_hours: or_rule(&p.foundational_hours, "foundational_hours", Hours::ZERO)?,
        units: p
            .units
            .iter()
            .map(|u| {
                Ok(PlannedUnit {
                    code: value(&u.code, "plan unit code")?,
                    hours: value(&u.hours, "plan unit hours")?,
                })
            })
            .collect::<Result<Vec<_>, Refusal>>()?,
        facilities: p
            .facilities
            .iter()
            .map(|f| {
                Ok(PlannedFacility {
                    name: f.name.clone(),
                    area: value(&f.area, "plan facility area")?,
                })
            })
            .collect::<Result<Vec<_>, Refusal>>()?,
        equipment: Vec::new(),
    })
    .map_err(invalid)?;
    let d = standard::check_plan(&standard, &plan);
    Ok(BTreeMap::from([
        ("meets_standard", Actual::Bool(d.meets_standard)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}

// ------------------------------------------------------------------ contract_extension

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtensionInput {
    contract_end: Value,
    prior_extensions_months: Value,
    requested_months: Value,
    passed_external: bool,
    learner_requested: bool,
}

fn contract_extension(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: ExtensionInput = shape(input, "input")?;
    let request = ExtensionRequest::new(
        value(&input.contract_end, "contract_end")?,
        value(&input.prior_extensions_months, "prior_extensions_months")?,
        value(&input.requested_months, "requested_months")?,
        input.passed_external,
        input.learner_requested,
    )
    .map_err(invalid)?;
    let d = extension::decide(&request, rules);
    Ok(BTreeMap::from([
        ("must_extend", Actual::Bool(d.must_extend)),
        ("new_end", Actual::Date(d.new_end)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}

// ------------------------------------------------------------------ exam_plan (project kind)

fn exam_plan(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let plan: ExamPlan = value(input, "input")?;
    let d = exam::check_plan_publication(&plan, rules);
    Ok(BTreeMap::from([
        ("accepted", Actual::Bool(d.accepted)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}

// ------------------------------------------------------------------ retake (project kind)

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetakeInput {
    track: Value,
    previous_attempts: Value,
    #[serde(default)]
    first_attempt: Option<Value>,
    evaluation_day: Value,
    #[serde(default)]
    limit: Option<Value>,
}

fn retake(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: RetakeInput = shape(input, "input")?;
    let track: Track = value(&input.track, "track")?;
    let mut rules = rules.clone();
    if let Some(limit) = &input.limit {
        let limit: RetakeLimit = value(limit, "limit")?;
        match track {
            Track::CourseBased => rules.course_based.retake_limit.value = limit,
            Track::WorkStudy => rules.work_study.retake_limit.value = limit,
        }
    }
    let first = match &input.first_attempt {
        Some(v) => Some(value(v, "first_attempt")?),
        None => None,
    };
    let reasons = exam::check_retake(
        track,
        value(&input.previous_attempts, "previous_attempts")?,
        first,
        value(&input.evaluation_day, "evaluation_day")?,
        &rules,
    );
    Ok(BTreeMap::from([
        ("allowed", Actual::Bool(reasons.is_empty())),
        ("reasons", reason_codes(&reasons)),
    ]))
}

// ------------------------------------------------------------------ access (project kind)

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccessInput {
    actor: Value,
    action: Value,
    #[serde(default)]
    target: Option<Value>,
    now: Value,
}

fn access(input: &Value, _rules: &Rules) -> Result<Outcome, Refusal> {
    let input: AccessInput = shape(input, "input")?;
    let actor: Actor = value(&input.actor, "actor")?;
    let target: Target = match &input.target {
        Some(t) => value(t, "target")?,
        None => Target::default(),
    };
    let d = access::authorize(
        &actor,
        value::<Action>(&input.action, "action")?,
        &target,
        value(&input.now, "now")?,
    );
    Ok(BTreeMap::from([
        ("allowed", Actual::Bool(d.allowed)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}

// ------------------------------------------------------------------ comparing

type KindRunner = fn(&Value, &Rules) -> Result<Outcome, Refusal>;

fn kind(name: &str) -> Option<(KindRunner, &'static [&'static str])> {
    Some(match name {
        "course_based" => (
            course_based as KindRunner,
            &[
                "completed",
                "eligible_for_external",
                "internal_score",
                "external_score",
                "final_score",
                "passed",
                "reasons",
            ][..],
        ),
        "work_study" => (
            work_study,
            &[
                "internal_passed",
                "completion_certificate",
                "eligible_for_external",
                "passed",
                "reasons",
            ][..],
        ),
        "exam_application" => (exam_application, &["accepted", "reasons"][..]),
        "refund" => (refund, &["percent", "refund"][..]),
        "designation_check" => (designation_check, &["meets_standard", "reasons"][..]),
        "contract_extension" => (
            contract_extension,
            &["must_extend", "new_end", "reasons"][..],
        ),
        // Kinds of this project beyond the shared format (see docs/case-kinds.md).
        "exam_plan" => (exam_plan, &["accepted", "reasons"][..]),
        "retake" => (retake, &["allowed", "reasons"][..]),
        "access" => (access, &["allowed", "reasons"][..]),
        _ => return None,
    })
}

/// The expected decimal and the number of decimal places it is written with.
fn expected_decimal(v: &Value) -> Result<(Decimal, u32), String> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
        other => {
            return Err(format!(
                "expected decimal {other} must be a string or a whole number"
            ));
        }
    };
    let d =
        Decimal::from_str_exact(&text).map_err(|e| format!("expected decimal {text:?}: {e}"))?;
    let places = text
        .split_once('.')
        .map_or(0, |(_, frac)| frac.len() as u32);
    Ok((d, places))
}

fn compare(field: &str, expected: &Value, actual: &Actual) -> Result<(), String> {
    let differs = |shown: String| Err(format!("{field}: expected {expected}, got {shown}"));
    match actual {
        Actual::Bool(b) => match expected.as_bool() {
            Some(e) if e == *b => Ok(()),
            Some(_) => differs(b.to_string()),
            None => Err(format!(
                "{field}: expected value {expected} is not true or false"
            )),
        },
        Actual::MaybeBool(b) => match (expected, b) {
            (Value::Null, None) => Ok(()),
            (Value::Bool(e), Some(a)) if e == a => Ok(()),
            (Value::Null | Value::Bool(_), _) => {
                differs(b.map_or("null".to_owned(), |a| a.to_string()))
            }
            _ => Err(format!(
                "{field}: expected value {expected} is not true, false or null"
            )),
        },
        Actual::Decimal(d) => match (expected, d) {
            (Value::Null, None) => Ok(()),
            (Value::Null, Some(a)) => differs(a.normalize().to_string()),
            (_, None) => differs("null".to_owned()),
            (e, Some(a)) => {
                let (e, places) = expected_decimal(e)?;
                let rounded =
                    a.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
                if rounded == e {
                    Ok(())
                } else {
                    differs(a.normalize().to_string())
                }
            }
        },
        Actual::Whole(n) => match expected.as_u64() {
            Some(e) if e == *n => Ok(()),
            Some(_) => differs(n.to_string()),
            None => Err(format!(
                "{field}: expected value {expected} is not a whole number"
            )),
        },
        Actual::Date(d) => match (expected, d) {
            (Value::Null, None) => Ok(()),
            (Value::String(e), Some(a)) if e.parse::<NaiveDate>().ok() == Some(*a) => Ok(()),
            (Value::Null | Value::String(_), _) => {
                differs(d.map_or("null".to_owned(), |a| a.to_string()))
            }
            _ => Err(format!(
                "{field}: expected value {expected} is not a date or null"
            )),
        },
        Actual::Reasons(codes) => {
            let expected_codes: BTreeSet<String> = match expected.as_array() {
                Some(list) => list
                    .iter()
                    .map(|c| {
                        c.as_str()
                            .map(str::to_owned)
                            .ok_or(format!("{field}: {c} is not a reason code"))
                    })
                    .collect::<Result<_, _>>()?,
                None => return Err(format!("{field}: expected value {expected} is not a list")),
            };
            if &expected_codes == codes {
                Ok(())
            } else {
                differs(format!("{codes:?}"))
            }
        }
    }
}

fn run_case(case: &Case, pack: &RulePack) -> Result<(), String> {
    let (runner, fields) =
        kind(&case.kind).ok_or_else(|| format!("unknown kind {:?}", case.kind))?;
    let rules = match &case.as_of {
        None => pack.newest(),
        Some(text) => {
            let date: NaiveDate = text.parse().map_err(|e| format!("as_of {text:?}: {e}"))?;
            pack.rules_at(date)
                .map_err(|e| format!("as_of {text}: {e}"))?
        }
    };
    let expects_error = case.expect.get("error");
    if let Some(error) = expects_error {
        if error != "invalid_input" || case.expect.len() != 1 {
            return Err(format!(
                "expect: an error expectation is exactly {{\"error\": \"invalid_input\"}}, got {:?}",
                case.expect
            ));
        }
    } else if let Some(unknown) = case.expect.keys().find(|k| !fields.contains(&k.as_str())) {
        return Err(format!(
            "expect: unknown field {unknown:?} for kind {}",
            case.kind
        ));
    }
    match (runner(&case.input, &rules), expects_error) {
        (Err(Refusal::CaseFormat(e)), _) => Err(e),
        (Err(Refusal::InvalidInput(_)), Some(_)) => Ok(()),
        (Err(Refusal::InvalidInput(e)), None) => Err(format!("refused as invalid input: {e}")),
        (Ok(_), Some(_)) => {
            Err("expected the input to be refused as invalid, but it was decided".into())
        }
        (Ok(outcome), None) => {
            let differences: Vec<String> = case
                .expect
                .iter()
                .filter_map(|(field, expected)| {
                    let actual = outcome.get(field.as_str())?;
                    compare(field, expected, actual).err()
                })
                .collect();
            if differences.is_empty() {
                Ok(())
            } else {
                Err(differences.join("; "))
            }
        }
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for entry in entries {
            if entry.is_dir() || entry.extension().is_some_and(|e| e == "json") {
                collect(&entry, out)?;
            }
        }
    } else {
        out.push(path.to_owned());
    }
    Ok(())
}

fn run_file(path: &Path, pack: &RulePack, passed: &mut usize, failed: &mut usize) {
    let shown = path.display();
    let mut fail = |name: &str, why: String| {
        println!("FAIL {shown}: {name}: {why}");
        *failed += 1;
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return fail("(file)", format!("cannot be read: {e}")),
    };
    let json: Value = match serde_json::from_str(&text) {
        Ok(json) => json,
        Err(e) => return fail("(file)", format!("not valid JSON: {e}")),
    };
    let items = match json {
        Value::Array(items) => items,
        one @ Value::Object(_) => vec![one],
        _ => return fail("(file)", "holds neither a case nor a list of cases".into()),
    };
    let mut names = BTreeSet::new();
    for (index, item) in items.into_iter().enumerate() {
        let label = item
            .get("name")
            .and_then(Value::as_str)
            .map_or_else(|| format!("(case #{})", index + 1), str::to_owned);
        let case: Case = match serde_json::from_value(item) {
            Ok(case) => case,
            Err(e) => {
                fail(&label, format!("not a valid case: {e}"));
                continue;
            }
        };
        if !names.insert(case.name.clone()) {
            fail(&label, "the name is not unique within its file".into());
            continue;
        }
        match run_case(&case, pack) {
            Ok(()) => {
                println!("PASS {shown}: {}", case.name);
                *passed += 1;
            }
            Err(why) => fail(&case.name, why),
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: cargo run -q --example cases -- PATH [PATH ...]");
        return ExitCode::from(2);
    }
    let pack = RulePack::embedded();
    let (mut passed, mut failed) = (0, 0);
    for arg in &args {
        let mut files = Vec::new();
        if let Err(e) = collect(Path::new(arg), &mut files) {
            println!("FAIL {arg}: (path): cannot be read: {e}");
            failed += 1;
            continue;
        }
        for file in files {
            run_file(&file, pack, &mut passed, &mut failed);
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
