//! A work-study cohort (일학습병행) from the company to the conversion, all through the
//! work-study service: a company designated as a learning company (학습기업 지정: application,
//! on-site review, designation), its company field teacher (기업현장교사) and their training, a
//! programme (일학습병행과정) approved by the agency, four learners under learning-work
//! contracts (학습근로계약) with their OJT and Off-JT days and a night OJT refused without the
//! written agreement, the internal evaluations (내부평가) and the completion certificates
//! (이수증명서), an external evaluation (외부평가) failed by one learner who gets the extension
//! the employer owes and passes a retake, the conversion of every learner who passed to an
//! open-ended employee, and each one's certificate (자격증) of the `{직종}_L{n}` qualification
//! the programme leads to. Every step is printed in Korean and English.
//!
//! The store is an embedded SQLite file in the temp folder; `--memory` takes the memory store,
//! and `--postgres` (feature `postgres`) the PostgreSQL database named by `CQNET_PG_URL`.
//!
//! ```text
//! cargo run --example work_study_journey
//! cargo run --example work_study_journey -- --memory
//! CQNET_PG_URL=postgres://… cargo run --example work_study_journey --features postgres -- --postgres
//! ```

use std::error::Error;
use std::fmt::Write as _;

use cqnet::adapters::memory::MemoryStore;
use cqnet::adapters::sqlite::SqliteStore;
use cqnet::chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate};
use cqnet::core::NcsLevel;
use cqnet::core::access::PartyId;
use cqnet::core::certificate::{CertificateForm, PrintedName};
use cqnet::core::exam::{ExamPlan, ExamPlanSpec, SystemCode};
use cqnet::core::field_teacher::Candidate;
use cqnet::core::learning_time::{Session, TrainingKind};
use cqnet::core::rules::Rules;
use cqnet::core::window::TimeWindow;
use cqnet::core::work_study::UnitResult;
use cqnet::core::{Hours, Reason, ReasonCode, Score, UnitCode};
use cqnet::store::blocking::Cqnet;
use cqnet::store::blocking::ExamService;
use cqnet::store::certificate::CertificateStore;
use cqnet::store::exam::{ExamRound, ExamStore, RoundId, Venue, VenueCode};
use cqnet::store::training::{
    Institution, InstitutionId, InstitutionKind, Qualification, ServiceError,
};
use cqnet::store::work_study::*;
use cqnet::store::{Actor, IdempotencyKey, ManualClock, Role, Store};

/// What can go wrong.
pub type Failure = Box<dyn Error>;

/// The learners of the cohort.
pub const LEARNERS: u128 = 4;
/// The learner who asks for OJT at night without the written agreement.
pub const NIGHT_LEARNER: u128 = 4;
/// The learner who fails the first external evaluation.
pub const FAILING_LEARNER: u128 = 3;
/// The learners' names as their contracts write them, learner 1 first.
pub const NAMES: [&str; 4] = ["김서연", "이준호", "박지민", "최하은"];
/// The work-study qualification the programme leads to: its catalog code and name.
pub const QUALIFICATION: (&str, &str) = ("W301", "CNC밀링가공_L3");
/// The day the story starts (a Monday).
pub const START: &str = "2026-03-02";
/// The night OJT asked for: from, until, hours.
pub const NIGHT: (&str, &str, u32) = ("18:00", "23:00", 4);

/// What the journey found, for a host (or a test) to read beside the printed lines.
#[derive(Debug, Default)]
pub struct Journey {
    /// The day of the refused night OJT.
    pub night_day: Option<NaiveDate>,
    /// The codes of the refused night OJT's reasons.
    pub night_refusal: Vec<ReasonCode>,
    /// The codes of the failed sitting's reasons.
    pub failure_reasons: Vec<ReasonCode>,
    /// One row a learner.
    pub rows: Vec<Row>,
}

/// A learner's line of the summary.
#[derive(Debug)]
pub struct Row {
    /// The learner.
    pub learner: String,
    /// The day of the completion certificate.
    pub certificate: Option<NaiveDate>,
    /// External evaluations sat.
    pub sittings: usize,
    /// Passed the external evaluation.
    pub passed: bool,
    /// Converted to an open-ended employee.
    pub converted: bool,
    /// The qualification number (자격번호) of the certificate issued for the pass.
    pub qualification_number: Option<String>,
}

fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args().collect();
    let mut out = String::new();
    let outcome = if args.iter().any(|a| a == "--memory") {
        println!("저장소: 메모리 / store: memory");
        run(MemoryStore::new(), &mut out)
    } else if args.iter().any(|a| a == "--postgres") {
        postgres(&mut out)
    } else {
        let dir = std::env::temp_dir().join(format!("cqnet-work-study-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("work_study.sqlite");
        println!("저장소: SQLite {} / store: SQLite", path.display());
        let outcome = SqliteStore::open(&path)
            .map_err(Failure::from)
            .and_then(|store| run(store, &mut out));
        std::fs::remove_dir_all(&dir)?;
        outcome
    };
    print!("{out}");
    outcome.map(|_| ())
}

#[cfg(feature = "postgres")]
fn postgres(out: &mut String) -> Result<Journey, Failure> {
    use cqnet::adapters::postgres::{PgOptions, PgStore};
    let url = std::env::var("CQNET_PG_URL")
        .map_err(|_| "--postgres needs CQNET_PG_URL, a PostgreSQL connection string")?;
    let schema = format!("cqnet_work_study_{}", std::process::id());
    let options = PgOptions::new(&url)?.with_schema(&schema)?;
    println!("저장소: PostgreSQL (스키마 {schema}) / store: PostgreSQL (schema {schema})");
    run(PgStore::connect(&options)?, out)
}

#[cfg(not(feature = "postgres"))]
fn postgres(_: &mut String) -> Result<Journey, Failure> {
    Err("--postgres needs the example built with --features postgres".into())
}

fn day(s: &str) -> Result<NaiveDate, Failure> {
    Ok(s.parse()?)
}

/// Sets the clock to 10:00 in Korea on `d`.
fn set_day(clock: &ManualClock, d: NaiveDate) -> Result<(), Failure> {
    clock.set(format!("{d}T01:00:00Z").parse()?);
    Ok(())
}

fn key(s: &str) -> Result<IdempotencyKey, Failure> {
    Ok(IdempotencyKey::new(s)?)
}

/// The session of `kind` on `on` from `from` until `until` for `hours`.
pub fn session(
    kind: TrainingKind,
    on: NaiveDate,
    from: &str,
    until: &str,
    hours: u32,
) -> Result<Session, Failure> {
    Ok(Session::new(
        kind,
        on,
        from.parse()?,
        until.parse()?,
        Hours::whole(hours)?,
        false,
    )?)
}

fn entry(session: Session) -> TrainingDayEntry {
    TrainingDayEntry {
        session,
        pregnant: false,
        public_holiday: false,
    }
}

/// The next day on or after `from` of the company's Monday-to-Friday week that the pack's
/// holiday rule (`work_study.holidays`) does not make a holiday: OJT on a weekly rest day is
/// holiday OJT.
pub fn working_day(rules: &Rules, from: NaiveDate) -> Result<NaiveDate, Failure> {
    use cqnet::chrono::Weekday;
    let mut d = from;
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
        || rules.work_study.holidays.value.is_holiday(d, false)
    {
        d = d.checked_add_days(Days::new(1)).ok_or("a day")?;
    }
    Ok(d)
}

fn after(d: NaiveDate, n: u64) -> Result<NaiveDate, Failure> {
    Ok(d.checked_add_days(Days::new(n)).ok_or("a day")?)
}

fn reasons(out: &mut String, indent: &str, reasons: &[Reason]) -> Result<(), Failure> {
    for r in reasons {
        writeln!(
            out,
            "{indent}{} — {} / {} ({})",
            r.code,
            r.message.ko,
            r.message.en,
            r.legal_basis.citation()
        )?;
    }
    Ok(())
}

fn yes(b: bool) -> &'static str {
    if b { "예/yes" } else { "아니오/no" }
}

/// Publishes round `n` of the work-study `system` (W1 regular, W2 ad hoc) for the programme's
/// qualification: one evaluation day, `sat_on`, the application window closed ten days before,
/// the results announced at 10:00 on `announced_on`, the year's plan published in the December
/// before (시행령 제15조제1항).
fn publish_round<S: Store + ExamStore + 'static>(
    exams: &ExamService<S, ManualClock>,
    agency: &Actor,
    (system, n): (SystemCode, u16),
    sat_on: NaiveDate,
    announced_on: NaiveDate,
) -> Result<RoundId, Failure> {
    let at = |d: NaiveDate, time: &str| -> Result<DateTime<FixedOffset>, Failure> {
        Ok(DateTime::parse_from_rfc3339(&format!("{d}T{time}+09:00"))?)
    };
    let plan = ExamPlan::new(ExamPlanSpec {
        year: sat_on.year(),
        round: n,
        system,
        qualifications: vec![QUALIFICATION.0.parse()?],
        application_window: TimeWindow::new(
            at(sat_on - Days::new(30), "09:00:00")?,
            at(sat_on - Days::new(10), "18:00:00")?,
        )?,
        first_day: sat_on,
        second_day: None,
        announcement: at(announced_on, "10:00:00")?,
        published_on: NaiveDate::from_ymd_opt(sat_on.year() - 1, 12, 1).ok_or("a day")?,
    })?;
    let venue = Venue::new(VenueCode::new("ulsan-1")?, "울산 시험장", 40)?;
    let round = ExamRound::new(plan, vec![venue], system == SystemCode::W2)?;
    exams.publish_round(agency, &round)?;
    Ok(round.id())
}

/// The whole journey on `store`, its lines written to `out`.
///
/// # Errors
/// Any refusal or store error the story does not expect.
pub fn run<S: Store + ExamStore + CertificateStore + WorkStudyStore + 'static>(
    store: S,
    out: &mut String,
) -> Result<Journey, Failure> {
    let start = day(START)?;
    let clock = ManualClock::new(format!("{start}T01:00:00Z").parse()?);
    let cqnet = Cqnet::builder(store).clock(clock.clone()).build();
    let pack = cqnet.rules().clone();
    let rules_on = |d: NaiveDate| pack.rules_at(d);
    let agency = Actor::new("hrdk.admin", Role::Agency)?;
    let company = InstitutionId::from_u128(200);
    let staff = Actor::new("lee.hr", Role::CompanyStaff(company))?;
    let ws = cqnet.work_study();
    let mut journey = Journey::default();

    // 1. The company, its application, the on-site review and the designation.
    let institution = Institution::new(company, "(주)정밀가공", InstitutionKind::Company)?;
    cqnet
        .training()
        .register_institution(&agency, &institution)?;
    let application = CompanyApplication {
        company,
        facts: CompanyFacts::example(),
    };
    let applied = ws.apply_for_designation(&staff, &key("apply")?, &application)?;
    writeln!(
        out,
        "\n1. 학습기업 지정 신청: {} ({start}), 상태 {} / learning company application: {}, status {}",
        institution.name(),
        applied.value.status.code(),
        institution.name(),
        applied.value.status.code()
    )?;
    let reviewed_on = after(start, 1)?;
    set_day(&clock, reviewed_on)?;
    ws.record_site_review(
        &agency,
        &key("review")?,
        company,
        &SiteReview {
            reviewed_on,
            facilities_confirmed: true,
        },
    )?;
    writeln!(
        out,
        "   현장실사 {reviewed_on}: 시설 확인 / on-site review {reviewed_on}: facilities confirmed"
    )?;
    let designated_on = after(reviewed_on, 1)?;
    set_day(&clock, designated_on)?;
    let designated = ws.designate(&agency, &key("designate")?, company)?;
    let decision = designated
        .value
        .latest_decision()
        .ok_or("a designation decision")?;
    writeln!(
        out,
        "   지정 결정 {designated_on}: 요건 충족 {}, 상태 {} / designation {designated_on}: requirements met {}, status {}",
        yes(decision.meets_requirements),
        designated.value.status.code(),
        yes(decision.meets_requirements),
        designated.value.status.code()
    )?;
    reasons(out, "   사유 / reason: ", &decision.reasons)?;
    if designated.value.status != CompanyStatus::Designated {
        return Err("the company should be designated".into());
    }

    // 2. The company field teacher and their training.
    let needs = rules_on(designated_on)?
        .learning_company
        .field_teacher
        .value;
    let teacher = NewFieldTeacher {
        teacher: PartyId::new("teacher-1")?,
        company,
        candidate: Candidate {
            practical_years: needs.practical_years,
            ..Candidate::default()
        },
    };
    let registered = ws.register_field_teacher(&staff, &key("teacher")?, &teacher)?;
    writeln!(
        out,
        "\n2. 기업현장교사 등록: {} (실무 경력 {}년, 인정 경로 {:?}) / company field teacher registered: {} ({} years of practice, routes {:?})",
        teacher.teacher,
        needs.practical_years,
        registered.value.routes,
        teacher.teacher,
        needs.practical_years,
        registered.value.routes
    )?;
    let training = TeacherTraining {
        completed_on: designated_on,
        hours: Hours::whole(18)?,
    };
    ws.record_teacher_training(
        &staff,
        &key("teacher-training")?,
        &teacher.teacher,
        company,
        &training,
    )?;
    writeln!(
        out,
        "   교사 연수 {}: {}시간 / teacher training {}: {} hours",
        training.completed_on, training.hours, training.completed_on, training.hours
    )?;

    // 3. The programme, leading to a work-study qualification of the catalog.
    let (code, name) = QUALIFICATION;
    let qualification = Qualification::builder()
        .code(code)
        .name(name)
        .ncs_level(NcsLevel::new(3)?)
        .field("기계")
        .build()?;
    cqnet
        .training()
        .register_qualification(&agency, &qualification)?;
    let new_programme = NewProgramme {
        qualification: Some(qualification.code().clone()),
        ..NewProgramme::example(ProgrammeId::from_u128(1), company)
    };
    let programme = ws.approve_programme(&agency, &key("programme")?, &new_programme)?;
    let units: Vec<UnitCode> = programme
        .value
        .plan
        .spec()
        .units
        .iter()
        .map(|u| u.code.clone())
        .collect();
    writeln!(
        out,
        "\n3. 일학습병행과정 인정 {}: {} ({}개월), 능력단위 {}개, 자격 {name} / programme approved {}: {} ({} months), {} competency units, leading to {name}",
        programme.value.approved_on,
        new_programme.standard.spec().occupation,
        new_programme.plan.spec().months,
        units.len(),
        programme.value.approved_on,
        new_programme.standard.spec().occupation,
        new_programme.plan.spec().months,
        units.len()
    )?;
    for u in &programme.value.plan.spec().units {
        writeln!(
            out,
            "   {}: OJT {}시간, Off-JT {}시간 / OJT {} h, Off-JT {} h",
            u.code, u.ojt_hours, u.off_jt_hours, u.ojt_hours, u.off_jt_hours
        )?;
    }

    // 4. The contracts and the ledger.
    let contract_start = working_day(&rules_on(designated_on)?, designated_on)?;
    let max_months = rules_on(contract_start)?
        .work_study
        .contract_max_months
        .value;
    let ends_on = contract_start
        .checked_add_months(Months::new(max_months.min(24)))
        .ok_or("a day")?;
    let mut ids = Vec::new();
    writeln!(
        out,
        "\n4. 학습근로계약 {}명: {contract_start} ~ {ends_on} / learning-work contracts for {} learners: {contract_start} to {ends_on}",
        LEARNERS, LEARNERS
    )?;
    for n in 1..=LEARNERS {
        let new = NewContract {
            contract: ContractId::from_u128(n),
            learner: PartyId::new(&format!("learner-{n}"))?,
            born_on: day("2003-05-06")?,
            learner_name: Some(PrintedName::new(
                NAMES[usize::try_from(n - 1)?.min(NAMES.len() - 1)],
            )?),
            company,
            terms: ContractTerms {
                starts_on: contract_start,
                ends_on,
                degree_course: false,
                daily_hours: Hours::whole(8)?,
                in_writing: true,
                given_to_learner_on: Some(contract_start),
            },
        };
        let concluded = ws.conclude_contract(&staff, &key(&format!("contract-{n}"))?, &new)?;
        writeln!(
            out,
            "   계약 {n}: {} 상태 {} / contract {n}: {} status {}",
            new.learner,
            concluded.value.status.code(),
            new.learner,
            concluded.value.status.code()
        )?;
        ids.push((n, new.contract, new.learner.to_string()));
    }
    // OJT 6 hours and Off-JT 2 hours a working day, until the programme's hours are done.
    let plan = programme.value.plan.spec();
    let ojt_total: cqnet::rust_decimal::Decimal =
        plan.units.iter().map(|u| u.ojt_hours.value()).sum();
    let days_needed = u64::try_from((ojt_total / cqnet::rust_decimal::Decimal::from(6)).ceil())?;
    let mut on = contract_start;
    for d in 0..days_needed {
        on = working_day(&rules_on(on)?, on)?;
        set_day(&clock, on)?;
        for (n, id, _) in &ids {
            let ojt = session(TrainingKind::Ojt, on, "09:00", "16:00", 6)?;
            ws.record_training_day(&staff, &key(&format!("ojt-{n}-{d}"))?, *id, &entry(ojt))?;
            let off = session(TrainingKind::OffJt, on, "16:00", "18:00", 2)?;
            ws.record_training_day(&staff, &key(&format!("off-{n}-{d}"))?, *id, &entry(off))?;
        }
        writeln!(
            out,
            "   {on} ({}): 학습근로자마다 OJT 6시간 + Off-JT 2시간 / each learner OJT 6 h + Off-JT 2 h",
            on.weekday()
        )?;
        on = after(on, 1)?;
    }
    // A night OJT without the written agreement: the core's reasons.
    let night_day = working_day(&rules_on(on)?, on)?;
    set_day(&clock, night_day)?;
    let night = session(TrainingKind::Ojt, night_day, NIGHT.0, NIGHT.1, NIGHT.2)?;
    let night_contract = ContractId::from_u128(NIGHT_LEARNER);
    match ws.record_training_day(&staff, &key("night")?, night_contract, &entry(night)) {
        Err(ServiceError::Refused { reasons: refused }) => {
            writeln!(
                out,
                "   learner-{NIGHT_LEARNER} {night_day} ({}) {}~{} 야간 OJT, 서면 합의 없음: 거부 / night OJT without the written agreement: refused",
                night_day.weekday(),
                NIGHT.0,
                NIGHT.1
            )?;
            reasons(out, "   거부 사유 / refused: ", &refused)?;
            journey.night_day = Some(night_day);
            journey.night_refusal = refused.iter().map(|r| r.code).collect();
        }
        other => return Err(format!("the night OJT should be refused: {other:?}").into()),
    }

    // 5. Internal evaluations and the completion certificates.
    let evaluated_on = after(night_day, 1)?;
    set_day(&clock, evaluated_on)?;
    let pass_score = rules_on(evaluated_on)?
        .work_study
        .internal_unit_pass_score
        .value;
    writeln!(
        out,
        "\n5. 내부평가 {evaluated_on} (능력단위 합격 점수 {pass_score}) / internal evaluations {evaluated_on} (unit pass score {pass_score})"
    )?;
    let mut certificates = Vec::new();
    for (n, id, learner) in &ids {
        for (u, unit) in units.iter().enumerate() {
            let points = 80 + (*n as u32 * 3 + u as u32 * 5) % 20;
            let e = InternalEvaluationEntry {
                programme: programme.value.programme,
                unit: unit.clone(),
                score: Score::whole(points)?,
                evaluated_on,
            };
            let c =
                ws.record_internal_evaluation(&staff, &key(&format!("eval-{n}-{u}"))?, *id, &e)?;
            let passed = c.value.evaluations.last().is_some_and(|e| e.passed);
            writeln!(
                out,
                "   {learner} {unit}: {points}점, 합격 {} / {points} points, passed {}",
                yes(passed),
                yes(passed)
            )?;
        }
        let issued = ws.issue_completion_certificate(&staff, &key(&format!("cert-{n}"))?, *id)?;
        let c = issued.value.completion.ok_or("a certificate")?;
        writeln!(
            out,
            "   {learner} 이수증명서 {}: 능력단위 {}/{} 합격, OJT {}/{}시간, Off-JT {}/{}시간 / completion certificate {}: units passed {} of {}, OJT {} of {} h, Off-JT {} of {} h",
            c.issued_on,
            c.units_passed,
            c.units,
            c.ojt.attended,
            c.ojt.scheduled,
            c.off_jt.attended,
            c.off_jt.scheduled,
            c.issued_on,
            c.units_passed,
            c.units,
            c.ojt.attended,
            c.ojt.scheduled,
            c.off_jt.attended,
            c.off_jt.scheduled
        )?;
        certificates.push(c.issued_on);
    }

    // 6. The external evaluation: a W1 round, a fail, the owed extension, a W2 retake.
    let sat_on = after(evaluated_on, 10)?;
    let announced_on = after(sat_on, 20)?;
    let exams = cqnet.exams();
    let round = publish_round(&exams, &agency, (SystemCode::W1, 1), sat_on, announced_on)?;
    set_day(&clock, announced_on)?;
    writeln!(
        out,
        "\n6. 외부평가 {round}: 응시 {sat_on}, 발표 {announced_on} / external evaluation {round}: sat {sat_on}, announced {announced_on}"
    )?;
    let all = units.len();
    let results = |passed: usize| -> Vec<UnitResult> {
        (0..all)
            .map(|i| UnitResult::new(None, i < passed))
            .collect()
    };
    for (n, id, learner) in &ids {
        let passed_units = if *n == FAILING_LEARNER { all - 1 } else { all };
        let sitting = ExternalResultEntry {
            round: round.clone(),
            sat_on,
            announced_on,
            units: results(passed_units),
        };
        let c = ws.record_external_result(&agency, &key(&format!("w1-{n}"))?, *id, &sitting)?;
        let r = c.value.external_results.last().ok_or("a result")?;
        writeln!(
            out,
            "   {learner}: 능력단위 {}/{} 합격, 외부평가 {} / units passed {} of {}, external evaluation {}",
            r.units_passed,
            all,
            if r.passed { "합격" } else { "불합격" },
            r.units_passed,
            all,
            if r.passed { "passed" } else { "failed" }
        )?;
        reasons(out, "     불합격 사유 / failed: ", &r.reasons)?;
        if !r.passed {
            journey.failure_reasons = r.reasons.iter().map(|r| r.code).collect();
        }
    }
    let failing = ContractId::from_u128(FAILING_LEARNER);
    let claim = ExtensionClaim {
        failed_on: announced_on,
        months: 3,
        learner_requested: true,
    };
    let extended = ws.extend_contract(&staff, &key("extend")?, failing, &claim)?;
    let owed = extended.value.extensions.last().ok_or("an extension")?;
    writeln!(
        out,
        "   learner-{FAILING_LEARNER} 계약 연장 ({announced_on} 불합격, {}개월): {} → {} / contract extended (failed {announced_on}, {} months): {} to {}",
        claim.months,
        owed.fact.previous_end,
        owed.fact.new_end,
        claim.months,
        owed.fact.previous_end,
        owed.fact.new_end
    )?;
    let retake_sat = after(announced_on, 30)?;
    let retake_on = after(retake_sat, 20)?;
    let retake_round = publish_round(&exams, &agency, (SystemCode::W2, 1), retake_sat, retake_on)?;
    set_day(&clock, retake_on)?;
    let window = cqnet::core::exam::decide_retake_window(
        cqnet::core::Track::WorkStudy,
        announced_on,
        retake_sat,
        &rules_on(retake_sat)?,
    )?;
    let retake = ExternalResultEntry {
        round: retake_round,
        sat_on: retake_sat,
        announced_on: retake_on,
        units: results(all),
    };
    let c = ws.record_external_result(&agency, &key("w2")?, failing, &retake)?;
    let r = c.value.external_results.last().ok_or("a result")?;
    writeln!(
        out,
        "   learner-{FAILING_LEARNER} 재응시 {} ({retake_sat}, 재응시 기간 안 {}): 능력단위 {}/{} 합격, {} / retake {} ({retake_sat}, inside the retake window {}): units passed {} of {}, {}",
        retake.round,
        yes(window.allowed),
        r.units_passed,
        all,
        if r.passed { "합격" } else { "불합격" },
        retake.round,
        yes(window.allowed),
        r.units_passed,
        all,
        if r.passed { "passed" } else { "failed" }
    )?;

    // 7. The conversions the passes opened.
    let converted_on = after(retake_on, 1)?;
    set_day(&clock, converted_on)?;
    writeln!(
        out,
        "\n7. 기간의 정함이 없는 근로자 전환 {converted_on} / conversion to open-ended employees {converted_on}"
    )?;
    for (n, id, learner) in &ids {
        let c = ws.contract(&staff, *id)?;
        if !c.value.conversion_open() {
            writeln!(out, "   {learner}: 전환 의무 없음 / no conversion owed")?;
            continue;
        }
        let duty = c.value.conversion.as_ref().ok_or("a conversion duty")?;
        writeln!(
            out,
            "   {learner}: {} 합격으로 전환 의무 ({}) / conversion owed since the pass on {} ({})",
            duty.since,
            duty.basis.citation(),
            duty.since,
            duty.basis.citation()
        )?;
        let closed = ws.close_conversion(
            &staff,
            &key(&format!("convert-{n}"))?,
            *id,
            &Conversion { converted_on },
        )?;
        writeln!(
            out,
            "   {learner}: 전환 기록, 의무 남음 {} / conversion recorded, duty still open {}",
            yes(closed.value.conversion_open()),
            yes(closed.value.conversion_open())
        )?;
    }

    // 8. The certificates (자격증) of the passes, issued by the agency.
    writeln!(
        out,
        "\n8. 자격증 발급 ({name}) / certificates issued ({name})"
    )?;
    let certificates_service = cqnet.certificates();
    let mut numbers = Vec::new();
    for (n, id, learner) in &ids {
        let issued = certificates_service.issue_for_contract(
            &agency,
            &key(&format!("issue-{n}"))?,
            *id,
            CertificateForm::Certificate,
            None,
        )?;
        let spec = issued.spec();
        writeln!(
            out,
            "   {learner} {}: 자격번호 {}, 관리번호 {}, 합격 {} / qualification number {}, management number {}, passed {}",
            spec.holder,
            issued.number(),
            issued.management_number(),
            spec.pass_date,
            issued.number(),
            issued.management_number(),
            spec.pass_date
        )?;
        numbers.push(issued.number().to_string());
    }

    // 9. The summary.
    writeln!(
        out,
        "\n9. 요약 / summary\n   {:<10} {:<12} {:>8} {:>6} {:>9} {:>14}",
        "학습근로자", "이수증명서", "응시", "합격", "전환", "자격번호"
    )?;
    writeln!(
        out,
        "   {:<10} {:<12} {:>8} {:>6} {:>9} {:>14}",
        "learner", "certificate", "sittings", "passed", "converted", "qualification"
    )?;
    for ((_, id, learner), number) in ids.iter().zip(numbers) {
        let c = ws.contract(&staff, *id)?.value;
        let row = Row {
            learner: learner.clone(),
            certificate: c.completion.as_ref().map(|c| c.issued_on),
            sittings: c.external_results.len(),
            passed: matches!(c.status, ContractStatus::Passed { .. }),
            converted: c.conversion.as_ref().is_some_and(|d| d.closed.is_some()),
            qualification_number: Some(number),
        };
        writeln!(
            out,
            "   {:<10} {:<12} {:>8} {:>6} {:>9} {:>14}",
            row.learner,
            row.certificate
                .map_or_else(|| "-".to_string(), |d| d.to_string()),
            row.sittings,
            yes(row.passed),
            yes(row.converted),
            row.qualification_number.as_deref().unwrap_or("-")
        )?;
        journey.rows.push(row);
    }
    let passed = journey.rows.iter().filter(|r| r.passed).count();
    let converted = journey.rows.iter().filter(|r| r.converted).count();
    let issued = journey
        .rows
        .iter()
        .filter(|r| r.qualification_number.is_some())
        .count();
    writeln!(
        out,
        "\n학습기업 1곳 지정, 학습근로자 {}명 이수, 외부평가 합격 {passed}명, 전환 {converted}명, 자격증 {issued}매 / 1 learning company designated, {} learners certified, {passed} passed the external evaluation, {converted} converted, {issued} certificates issued",
        certificates.len(),
        certificates.len()
    )?;
    Ok(journey)
}
