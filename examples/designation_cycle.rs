//! The course designation cycle (과정평가형 교육·훈련과정 지정) of one year: a call (모집공고) for
//! one qualification, 30 applications from 12 institutions, the document screening by score and
//! the on-site screening by rank with ties, the committee (정책심의회), the designation of the
//! selected course runs, a quarterly operation check (운영 확인) with a finding, and a
//! cancellation (지정취소) refused without a hearing (청문) and applied after one. Every step is
//! printed in Korean and English.
//!
//! The store is an embedded SQLite file in the temp folder; `--memory` takes the memory store,
//! and `--postgres` (feature `postgres`) the PostgreSQL database named by `CQNET_PG_URL`.
//!
//! ```text
//! cargo run --example designation_cycle
//! cargo run --example designation_cycle -- --memory
//! CQNET_PG_URL=postgres://… cargo run --example designation_cycle --features postgres -- --postgres
//! ```

use std::collections::BTreeSet;
use std::error::Error;

use cqnet::adapters::memory::MemoryStore;
use cqnet::adapters::sqlite::SqliteStore;
use cqnet::core::access::PartyId;
use cqnet::core::course_designation::{Teacher, TeacherKind};
use cqnet::core::sanction::{Ground, Measure};
use cqnet::core::screening::Criterion;
use cqnet::core::window::TimeWindow;
use cqnet::core::{Grade, QualificationCode, Score};
use cqnet::store::blocking::Cqnet;
use cqnet::store::designation::*;
use cqnet::store::training::{
    CourseId, Institution, InstitutionId, InstitutionKind, Qualification, ServiceError,
    StandardVersion,
};
use cqnet::store::work_study::Hearing;
use cqnet::store::{Actor, ManualClock, Role, Store};

type Failure = Box<dyn Error>;

/// Applications filed, and the institutions filing them.
const APPLICATIONS: u128 = 30;
const INSTITUTIONS: u128 = 12;
/// The on-site rank a run needs (순위 기준): ties at the threshold all pass.
const ON_SITE_MAX_RANK: u32 = 8;

fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--memory") {
        println!("저장소: 메모리 / store: memory");
        return run(MemoryStore::new());
    }
    if args.iter().any(|a| a == "--postgres") {
        return postgres();
    }
    let dir = std::env::temp_dir().join(format!("cqnet-designation-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("designation.sqlite");
    println!("저장소: SQLite {} / store: SQLite", path.display());
    let outcome = run(SqliteStore::open(&path)?);
    std::fs::remove_dir_all(&dir)?;
    outcome
}

#[cfg(feature = "postgres")]
fn postgres() -> Result<(), Failure> {
    use cqnet::adapters::postgres::{PgOptions, PgStore};
    let url = std::env::var("CQNET_PG_URL")
        .map_err(|_| "--postgres needs CQNET_PG_URL, a PostgreSQL connection string")?;
    let schema = format!("cqnet_designation_{}", std::process::id());
    let options = PgOptions::new(&url)?.with_schema(&schema)?;
    println!("저장소: PostgreSQL (스키마 {schema}) / store: PostgreSQL (schema {schema})");
    run(PgStore::connect(&options)?)
}

#[cfg(not(feature = "postgres"))]
fn postgres() -> Result<(), Failure> {
    Err("--postgres needs the example built with --features postgres".into())
}

fn day(s: &str) -> Result<cqnet::chrono::NaiveDate, Failure> {
    Ok(s.parse()?)
}

fn at(s: &str) -> Result<cqnet::chrono::DateTime<cqnet::chrono::Utc>, Failure> {
    Ok(s.parse()?)
}

fn score(n: u32) -> Result<Score, Failure> {
    Ok(Score::new(n.into())?)
}

/// The made-up scores of application `n`: document scores from 50 to 99, on-site scores on a
/// five-point grid, so that several runs share a rank.
fn document_score(n: u128) -> u32 {
    50 + (n * 37 % 50) as u32
}

fn on_site_score(n: u128) -> u32 {
    60 + (n * 13 % 8) as u32 * 5
}

fn run<S: Store + CourseDesignationStore + 'static>(store: S) -> Result<(), Failure> {
    let clock = ManualClock::new(at("2026-01-12T01:00:00Z")?);
    let cqnet = Cqnet::builder(store).clock(clock.clone()).build();
    let agency = Actor::new("hrdk.admin", Role::Agency)?;
    let key = |s: &str| cqnet::store::IdempotencyKey::new(s);

    // The catalog: one qualification, its standard, twelve institutions.
    let code = QualificationCode::new("6921")?;
    let qualification = Qualification::builder()
        .code("6921")
        .name("컴퓨터응용가공산업기사")
        .grade(Grade::IndustrialEngineer)
        .field("기계")
        .build()?;
    let training = cqnet.training();
    training.register_qualification(&agency, &qualification)?;
    let version = StandardVersion::new("2024-1")?;
    training.publish_standard(
        &agency,
        &code,
        &version,
        &CourseApplication::example_standard(),
    )?;
    for i in 1..=INSTITUTIONS {
        let institution = Institution::new(
            InstitutionId::from_u128(i),
            &format!("훈련기관{i:02}"),
            InstitutionKind::TrainingInstitution,
        )?;
        training.register_institution(&agency, &institution)?;
    }

    // 1. The call.
    let designation = cqnet.designation();
    let window = TimeWindow::new(
        "2026-01-05T09:00:00+09:00".parse()?,
        "2026-01-30T18:00:00+09:00".parse()?,
    )?;
    let call = DesignationCall::new(
        CallId::from_u128(2026),
        2026,
        window,
        day("2026-03-16")?,
        vec![CallQualification {
            qualification: code.clone(),
            document: Criterion::Score { min: score(60)? },
            on_site: Criterion::rank(ON_SITE_MAX_RANK)?,
        }],
    )?;
    designation.open_call(&agency, &key("call-2026")?, &call)?;
    println!(
        "\n1. 모집공고: {}년, 신청기간 {} ~ {}, 지정 공고 {} / call of {}: applications {} to {}, announced {}",
        call.year(),
        window.start(),
        window.end(),
        call.announced_on(),
        call.year(),
        window.start(),
        window.end(),
        call.announced_on()
    );
    println!(
        "   서류심사 60점 이상, 현장심사 {ON_SITE_MAX_RANK}위 이내 / documents at least 60, on site within rank {ON_SITE_MAX_RANK}"
    );
    // A call whose window ends after its announcement is refused before any store sees it.
    let late = TimeWindow::new(window.start(), "2026-03-20T18:00:00+09:00".parse()?)?;
    if let Err(e) = DesignationCall::new(
        CallId::from_u128(2027),
        2026,
        late,
        call.announced_on(),
        call.qualifications().to_vec(),
    ) {
        println!(
            "   공고 후 마감하는 모집공고는 거부 / a call closing after its announcement is refused: {e}"
        );
    }

    // 2. The applications.
    let mut ids = Vec::new();
    for n in 1..=APPLICATIONS {
        let institution = InstitutionId::from_u128((n - 1) % INSTITUTIONS + 1);
        let application = CourseApplication {
            id: CourseApplicationId::from_u128(n),
            call: call.id(),
            institution,
            qualification: code.clone(),
            standard_version: version.clone(),
            teachers: vec![Teacher {
                person: PartyId::new(&format!("teacher-{n}"))?,
                kinds: BTreeSet::from([TeacherKind::VocationalTrainingTeacher]),
            }],
            ..CourseApplication::example()
        };
        let staff = Actor::new("kim.staff", Role::InstitutionStaff(institution))?;
        designation.apply(&staff, &key(&format!("apply-{n}"))?, &application)?;
        ids.push(application.id);
    }
    println!(
        "\n2. 지정신청: {APPLICATIONS}건, {INSTITUTIONS}개 기관 / applications: {APPLICATIONS} from {INSTITUTIONS} institutions"
    );
    // One more, with a teacher of no eligible kind, is refused with the core's reason.
    let refused = CourseApplication {
        id: CourseApplicationId::from_u128(99),
        call: call.id(),
        institution: InstitutionId::from_u128(1),
        qualification: code.clone(),
        standard_version: version.clone(),
        teachers: vec![Teacher {
            person: PartyId::new("unqualified")?,
            kinds: BTreeSet::new(),
        }],
        ..CourseApplication::example()
    };
    let staff_1 = Actor::new(
        "kim.staff",
        Role::InstitutionStaff(InstitutionId::from_u128(1)),
    )?;
    if let Err(ServiceError::Refused { reasons }) =
        designation.apply(&staff_1, &key("apply-99")?, &refused)
    {
        for r in reasons {
            println!(
                "   거부 / refused: {} — {} / {}",
                r.code, r.message.ko, r.message.en
            );
        }
    }

    // 3. Document screening after the window.
    clock.set(at("2026-02-02T01:00:00Z")?);
    let documents: Vec<(CourseApplicationId, Score)> = ids
        .iter()
        .map(|id| Ok((*id, score(document_score(id.uuid().as_u128()))?)))
        .collect::<Result<_, Failure>>()?;
    let screened =
        designation.screen_documents(&agency, &key("documents")?, call.id(), &code, &documents)?;
    let passed: Vec<CourseApplicationId> = screened
        .iter()
        .filter(|r| r.value.status == ApplicationStatus::DocumentPassed)
        .map(|r| r.value.application.id)
        .collect();
    println!(
        "\n3. 서류심사: {}건 중 {}건 합격 / document screening: {} of {} passed",
        screened.len(),
        passed.len(),
        passed.len(),
        screened.len()
    );

    // 4. On-site screening of the document passers, by rank.
    clock.set(at("2026-02-20T01:00:00Z")?);
    let on_site: Vec<(CourseApplicationId, Score)> = passed
        .iter()
        .map(|id| Ok((*id, score(on_site_score(id.uuid().as_u128()))?)))
        .collect::<Result<_, Failure>>()?;
    let decided =
        designation.screen_on_site(&agency, &key("on-site")?, call.id(), &code, &on_site)?;
    let mut table: Vec<(u32, CourseApplicationId, bool)> = decided
        .iter()
        .filter_map(|r| {
            let stage = r.value.on_site.as_ref()?;
            let points = stage.score.to_string().parse::<u32>().ok()?;
            Some((points, r.value.application.id, stage.passed))
        })
        .collect();
    table.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    println!("\n4. 현장심사 (동점은 같은 순위) / on-site screening (equal scores share a rank):");
    for (points, id, selected) in &table {
        let rank = 1 + table.iter().filter(|(p, _, _)| p > points).count();
        println!(
            "   신청 {:>2}: {points}점, {rank}위 — {} / application {:>2}: {points} points, rank {rank} — {}",
            id.uuid().as_u128(),
            if *selected { "선정" } else { "미선정" },
            id.uuid().as_u128(),
            if *selected {
                "selected"
            } else {
                "not selected"
            },
        );
    }
    let selected: Vec<CourseApplicationId> = table
        .iter()
        .filter(|(_, _, s)| *s)
        .map(|(_, id, _)| *id)
        .collect();

    // 5. The committee and the designation.
    clock.set(at("2026-03-10T01:00:00Z")?);
    let deliberation = Deliberation {
        held_on: day("2026-03-10")?,
        not_approved: BTreeSet::new(),
    };
    designation.deliberate(&agency, &key("committee")?, call.id(), &code, &deliberation)?;
    clock.set(at("2026-03-16T01:00:00Z")?);
    for id in &selected {
        let course = CourseId::from_u128(10_000 + id.uuid().as_u128());
        designation.designate(&agency, &key(&format!("designate-{id}"))?, *id, course)?;
    }
    let designated = cqnet
        .store()
        .courses(None)?
        .into_iter()
        .filter(|c| {
            c.value.spec().designation.status()
                == cqnet::store::training::DesignationStatus::Designated
        })
        .count();
    println!(
        "\n5. 심의·지정: {}개 과정 지정, 훈련 기록의 지정 과정 {designated}개 / committee and designation: {} runs designated, {designated} designated courses in the training records",
        selected.len(),
        selected.len()
    );

    // 6. A quarterly operation check with a finding.
    let Some(first) = selected.first().copied() else {
        return Err("no run was selected".into());
    };
    clock.set(at("2026-10-05T01:00:00Z")?);
    let finding = Finding::new("출결 기록 미입력 3건", Some(Ground::RunDifferently))?;
    let check = OperationCheck {
        checked_on: day("2026-10-05")?,
        method: CheckMethod::OnSite,
        findings: vec![finding],
    };
    let checked = designation.record_operation_check(&agency, &key("check-q4")?, first, &check)?;
    let (year, quarter) = check.quarter();
    println!(
        "\n6. 운영 확인 ({year}년 {quarter}분기, 현장): 지적 {}건 / operation check ({year} Q{quarter}, on site): {} finding(s)",
        checked.value.checks[0].fact.findings.len(),
        checked.value.checks[0].fact.findings.len()
    );

    // 7. A cancellation without a hearing is refused; after one it is applied.
    let cancel = CourseMeasureOrder::new(vec![Ground::RunDifferently], Measure::Cancellation)?;
    match designation.take_measure(&agency, &key("cancel")?, first, &cancel) {
        Err(ServiceError::Refused { reasons }) => {
            for r in reasons {
                println!(
                    "\n7. 지정취소 거부 / cancellation refused: {} — {} / {} ({})",
                    r.code,
                    r.message.ko,
                    r.message.en,
                    r.legal_basis.citation()
                );
            }
        }
        other => return Err(format!("the cancellation should be refused first: {other:?}").into()),
    }
    clock.set(at("2026-10-20T01:00:00Z")?);
    designation.record_hearing(
        &agency,
        &key("hearing")?,
        first,
        &Hearing {
            held_on: day("2026-10-20")?,
        },
    )?;
    clock.set(at("2026-11-02T01:00:00Z")?);
    let cancelled = designation.take_measure(&agency, &key("cancel")?, first, &cancel)?;
    let effects = cancelled
        .value
        .cancellation
        .as_ref()
        .ok_or("a cancellation record")?;
    println!(
        "   청문 후 지정취소: {}부터 신규 등록 불가, 훈련생 {}명 기록 보존 / cancelled after the hearing: no enrollment from {}, {} trainee record(s) kept",
        effects.decision.enrollment_closed_from,
        effects.trainees,
        effects.decision.enrollment_closed_from,
        effects.trainees
    );
    println!(
        "   {} / {}",
        effects.decision.trainee_flag.message.ko, effects.decision.trainee_flag.message.en
    );
    Ok(())
}
