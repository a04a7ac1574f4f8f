//! A cohort of 과정평가형 trainees through a designated course, kept in a store.
//!
//! ```text
//! cargo run --example course_based_journey                    # an SQLite file it creates
//! cargo run --example course_based_journey -- --memory        # the in-memory store
//! cargo run --example course_based_journey -- --trainees 500  # a larger cohort
//! ```
//!
//! Everything goes through the services of one `Cqnet`, so the access rules decide who may: the
//! agency (한국산업인력공단) registers a qualification, its curriculum standard (편성기준) and an
//! institution and designates the course; the institution's staff enroll the cohort, records attendance (출결) day by day and the
//! internal evaluation rounds (내부평가) of every competency unit (능력단위) through the training
//! service, as the institution's staff; then asks the core who completed (이수) and may sit the
//! external evaluation (외부평가), and prints why the others may not, in Korean and English.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Days, NaiveDate, Utc};
use clap::Parser;
use cqnet::core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
use cqnet::core::{Grade, Hours, QualificationCode, Score, Track, UnitCode};
use cqnet::store::blocking::Cqnet;
use cqnet::store::training::{
    AttendanceTarget, Course, CourseId, CourseSpec, CourseUnit, Designation, DesignationStatus,
    Enrollment, EnrollmentId, EvaluationResult, Institution, InstitutionId, InstitutionKind,
    LearnerKind, NewAttendance, NewEvaluation, Person, Qualification, StandardVersion,
};
use cqnet::store::training::{Completion, RuleDateChoice};
use cqnet::store::{Actor, IdempotencyKey, ManualClock, Role, Store};
use indicatif::{ProgressBar, ProgressStyle};

/// A cohort through a 과정평가형 course, kept in a store.
#[derive(Parser)]
struct Args {
    /// Keep everything in memory instead of an SQLite file.
    #[arg(long)]
    memory: bool,
    /// The SQLite file to create (replaced if it exists).
    #[arg(long, default_value_os_t = std::env::temp_dir().join("cqnet-journey.sqlite"))]
    db: PathBuf,
    /// Trainees in the cohort.
    #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    trainees: u32,
}

/// The course's units: NCS code, scheduled hours, internal evaluation rounds.
const UNITS: [(&str, u32, u8); 6] = [
    ("1501020207_14v2", 40, 2),
    ("1501020208_14v2", 32, 1),
    ("1501020209_14v2", 48, 2),
    ("1501020210_14v2", 40, 1),
    ("1501020211_14v2", 24, 1),
    ("1501020212_14v2", 56, 3),
];
const HOURS_A_DAY: u32 = 8;

type Failure = Box<dyn std::error::Error>;

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().expect("a valid instant literal")
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a valid date literal")
}

/// A number from 0 to 99 that varies with the trainee and what is asked, the same every run.
fn spread(trainee: u32, salt: u32) -> u32 {
    let mut x = trainee.wrapping_mul(2_654_435_761) ^ salt.wrapping_mul(40_503);
    x ^= x >> 13;
    x = x.wrapping_mul(0x5bd1_e995);
    (x ^ (x >> 15)) % 100
}

/// Hours trainee `t` attends of `scheduled` in unit `u`: most attend nearly all, a few miss a lot.
fn attended_hours(t: u32, u: usize, scheduled: u32) -> u32 {
    let missed = match spread(t, u as u32) {
        0..=4 => scheduled / 3, // well under 75%
        5..=9 => scheduled / 4, // exactly 75% when scheduled is a multiple of 4
        10..=39 => scheduled / 10,
        _ => 0,
    };
    scheduled - missed
}

/// The score of trainee `t` in a round, or `None` when they missed it.
fn round_score(t: u32, u: usize, round: u8) -> Option<u32> {
    let salt = 1000 + u as u32 * 10 + u32::from(round);
    match spread(t, salt) {
        0 => None,
        1..=2 => Some(35),
        n => Some(58 + n * 42 / 100),
    }
}

fn progress(len: u64, what: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(len).with_message(what);
    bar.set_style(
        ProgressStyle::with_template("{msg:>28} [{bar:40}] {pos}/{len} ({eta})")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn run<S: Store + 'static>(store: S, args: &Args) -> Result<(), Failure> {
    let institution = Institution::new(
        InstitutionId::from_u128(100),
        "한국기술교육원",
        InstitutionKind::TrainingInstitution,
    )?;
    let staff = Actor::new("kim.staff", Role::InstitutionStaff(institution.id()))?;
    let agency = Actor::new("hrdk.admin", Role::Agency)?;
    // Decided on the rules in force when the cohort started (경과조치).
    let clock = ManualClock::new(instant("2026-02-20T09:00:00Z"));
    let cqnet = Cqnet::builder(store)
        .clock(clock.clone())
        .rule_date(RuleDateChoice::CourseStart)
        .build();
    let service = cqnet.training();
    let code = QualificationCode::new("2290")?;
    let version = StandardVersion::new("v2.0")?;
    let units: Vec<UnitCode> = UNITS
        .iter()
        .map(|u| UnitCode::new(u.0))
        .collect::<Result<_, _>>()?;
    let total: u32 = UNITS.iter().map(|u| u.1).sum();

    // The catalog, the curriculum standard (편성기준), the institution and the course.
    let qualification = Qualification::builder()
        .code(code.as_str())
        .name("컴퓨터응용가공산업기사")
        .grade(Grade::IndustrialEngineer)
        .field("기계")
        .build()?;
    service.register_qualification(&agency, &qualification)?;
    let standard = CurriculumStandard::new(CurriculumStandardSpec {
        qualification: Some(code.clone()),
        version: Some(version.to_string()),
        total_hours: Hours::whole(total)?,
        units: UNITS
            .iter()
            .zip(&units)
            .map(|((_, hours, _), unit)| {
                Ok(StandardUnit::new(
                    unit.clone(),
                    UnitKind::Mandatory,
                    Hours::whole(*hours)?,
                ))
            })
            .collect::<Result<_, cqnet::core::InputError>>()?,
        ..CurriculumStandardSpec::default()
    })?;
    service.publish_standard(&agency, &code, &version, &standard)?;
    service.register_institution(&agency, &institution)?;
    let course = Course::new(CourseSpec {
        id: CourseId::from_u128(300),
        institution: institution.id(),
        qualification: code,
        standard_version: version,
        track: Track::CourseBased,
        start: day("2026-03-02"),
        end: day("2026-08-28"),
        capacity: args.trainees,
        units: UNITS
            .iter()
            .zip(&units)
            .map(|((_, hours, rounds), unit)| {
                CourseUnit::new(unit.clone(), Hours::whole(*hours)?, *rounds)
            })
            .collect::<Result<_, _>>()?,
        designation: Designation::new(
            DesignationStatus::Designated,
            day("2026-01-01"),
            day("2027-12-31"),
        )?,
    })?;
    service.designate_course(&agency, &course)?;

    // The cohort.
    let bar = progress(u64::from(args.trainees), "enrolling trainees");
    let mut cohort = Vec::new();
    for t in 1..=args.trainees {
        let enrollment = Enrollment::new(
            EnrollmentId::from_u128(10_000 + u128::from(t)),
            course.id(),
            Person::new(
                &format!("훈련생 {t:03}"),
                day("2003-05-17"),
                "010-0000-0000",
            )?,
            LearnerKind::Trainee,
            day("2026-03-02"),
        )?;
        service.enroll(
            &staff,
            &IdempotencyKey::new(&format!("enroll-{t}"))?,
            &enrollment,
        )?;
        cohort.push((t, enrollment.id()));
        bar.inc(1);
    }
    bar.finish();

    // Decided at the end of the course, on the rules in force when the cohort started.
    clock.set(instant("2026-08-28T09:00:00Z"));

    // Attendance, one command per training day of each unit; retrying a day is safe.
    let days: u64 = UNITS
        .iter()
        .map(|u| u64::from(u.1.div_ceil(HOURS_A_DAY)))
        .sum();
    let bar = progress(days, "recording attendance (days)");
    let mut date = day("2026-03-02");
    for (u, (_, scheduled, _)) in UNITS.iter().enumerate() {
        for d in 0..scheduled.div_ceil(HOURS_A_DAY) {
            let today = HOURS_A_DAY.min(scheduled - d * HOURS_A_DAY);
            let facts: Vec<NewAttendance> = cohort
                .iter()
                .filter_map(|&(t, id)| {
                    // Attended hours come off the last days of the unit.
                    let attended = attended_hours(t, u, *scheduled);
                    let hours = attended.saturating_sub(d * HOURS_A_DAY).min(today);
                    (hours > 0).then(|| {
                        Hours::whole(hours).map(|hours| NewAttendance {
                            enrollment: id,
                            target: AttendanceTarget::Unit(units[u].clone()),
                            day: date,
                            hours,
                            corrects: None,
                        })
                    })
                })
                .collect::<Result<_, _>>()?;
            if !facts.is_empty() {
                let key = IdempotencyKey::new(&format!("attendance-{u}-{d}"))?;
                service.record_attendance(&staff, &key, &facts)?;
            }
            date = date.checked_add_days(Days::new(1)).unwrap_or(date);
            bar.inc(1);
        }
    }
    bar.finish();

    // Internal evaluation rounds, one command per unit.
    let bar = progress(UNITS.len() as u64, "recording evaluations (units)");
    for (u, (_, _, rounds)) in UNITS.iter().enumerate() {
        let mut facts = Vec::new();
        for &(t, id) in &cohort {
            for round in 1..=*rounds {
                let score = round_score(t, u, round)
                    .map(|s| Score::new(s.into()))
                    .transpose()?;
                facts.push(NewEvaluation {
                    enrollment: id,
                    unit: units[u].clone(),
                    result: EvaluationResult::Round { round, score },
                    corrects: None,
                });
            }
        }
        service.record_evaluations(
            &staff,
            &IdempotencyKey::new(&format!("evaluation-{u}"))?,
            &facts,
        )?;
        bar.inc(1);
    }
    bar.finish();

    // Who may sit the external evaluation, and why the others may not.
    let mut eligible = 0;
    println!();
    for &(t, id) in &cohort {
        let Completion::CourseBased(decision) = service.decide(&staff, id)? else {
            return Err("a trainee's decision is course-based".into());
        };
        if decision.eligible_for_external {
            eligible += 1;
            let internal = decision.internal_score.unwrap_or_default().round_dp(2);
            println!(
                "훈련생 {t:03}: 이수, 외부평가 응시 가능 (내부평가 {internal}점) / completed, may sit the external evaluation (internal {internal})"
            );
        } else {
            println!("훈련생 {t:03}: 미이수 / not completed");
            for reason in &decision.reasons {
                println!("    - {}\n      {}", reason.message.ko, reason.message.en);
            }
        }
    }
    let candidates = service.external_candidates(&staff, course.id())?;
    assert!(candidates.undecided.is_empty(), "every record decides");
    assert_eq!(
        candidates.eligible.len(),
        eligible,
        "the candidate list agrees with the decisions"
    );
    let n = cohort.len();
    println!(
        "\n{n}명 중 {eligible}명 외부평가 응시 가능 / {eligible} of {n} trainees may sit the external evaluation"
    );
    Ok(())
}

fn main() -> Result<(), Failure> {
    let args = Args::parse();
    if args.memory {
        println!("store: memory");
        return run(cqnet::adapters::memory::MemoryStore::new(), &args);
    }
    if args.db.exists() {
        std::fs::remove_file(&args.db)?;
    }
    println!("store: SQLite file {}", args.db.display());
    run(cqnet::adapters::sqlite::SqliteStore::open(&args.db)?, &args)
}
