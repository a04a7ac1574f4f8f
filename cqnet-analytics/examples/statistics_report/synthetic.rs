//! A made-up population of trainees (훈련생), recorded into a store through the services the
//! way a host records its own: qualifications, institutions and courses set up, each cohort
//! enrolled, trained and evaluated, then applying to its year's external evaluation
//! (외부평가), sitting it, its results finalised and its passers certified. The store counts
//! the statistics from these records, never from the plan below. The same population is
//! written as a population file as it is recorded (`Recorded::file`), so that the tables can
//! be drawn from either source and compared.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use cqnet_core::certificate::CertificateForm;
use cqnet_core::exam::{ExamPlan, ExamPlanSpec, SystemCode};
use cqnet_core::rules::CancelReason;
use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
use cqnet_core::statistics::Gender;
use cqnet_core::window::TimeWindow;
use cqnet_core::{Grade, Hours, InstitutionType, QualificationCode, Score, Track, UnitCode};
use cqnet_store::blocking::Cqnet;
use cqnet_store::exam::{ApplicationId, ApplicationRequest, ExamRound, Marks, Venue, VenueCode};
use cqnet_store::training::{
    AttendanceTarget, Course, CourseId, CourseSpec, CourseUnit, Designation, DesignationStatus,
    Enrollment, EnrollmentId, EvaluationResult, Institution, InstitutionId, InstitutionKind,
    LearnerKind, NewAttendance, NewEvaluation, Person, Qualification, StandardVersion,
};
use cqnet_store::{Actor, IdempotencyKey, ManualClock, Role, Store};
use indicatif::ProgressBar;

type Error = Box<dyn std::error::Error>;

/// The statistics years (통계연도) of the cohorts, each with its own round.
pub const YEARS: std::ops::RangeInclusive<u16> = 2023..=2026;

/// The qualifications (종목): code, name, grade, job field (직무분야).
const QUALIFICATIONS: [(&str, &str, Grade, &str); 3] = [
    ("1150", "전기기사", Grade::Engineer, "전기·전자"),
    ("7910", "제과기능사", Grade::Craftsman, "식품가공"),
    ("2370", "용접산업기사", Grade::IndustrialEngineer, "재료"),
];

/// The institutions: name and type (one without a recorded type, counted as unknown).
const INSTITUTIONS: [(&str, Option<InstitutionType>); 4] = [
    (
        "한빛직업전문학교",
        Some(InstitutionType::JobTrainingInstitution),
    ),
    (
        "미래공업고등학교",
        Some(InstitutionType::VocationalHighSchool),
    ),
    ("누리전문대학", Some(InstitutionType::JuniorCollege)),
    ("새솔훈련원", None),
];

/// The hours of the 40-hour unit attended by those who complete the course (90 %).
const ATTENDED_HOURS: u32 = 36;

/// The internal evaluation's score (내부평가) of those who complete the course.
const INTERNAL_SCORE: u32 = 88;

/// A small deterministic generator (SplitMix64), so that the population is the same every run.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number below `n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// How far a trainee goes.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// Enrolled; left before completing the course.
    Enrolled,
    /// Completed, applied, then cancelled the application.
    Cancelled,
    /// Applied, did not sit.
    Applied,
    /// Sat: written and practical marks, finalised; certified if the core passes them and
    /// `certified` holds (some passers have not fetched their certificate yet).
    Sat {
        written: u32,
        practical: u32,
        certified: bool,
    },
}

/// One trainee of the population.
struct Trainee {
    year: u16,
    course: usize,
    gender: Option<Gender>,
    plan: Plan,
}

/// The population: its trainees, in the order they are recorded.
pub struct Population {
    trainees: Vec<Trainee>,
}

impl Population {
    /// `size` trainees over [`YEARS`], the three qualifications and the four institutions,
    /// each stage reached by a share of those who reached the one before.
    pub fn make(size: usize, progress: &ProgressBar) -> Population {
        let mut draw = Draw(2026);
        let trainees = (0..size)
            .map(|_| {
                progress.inc(1);
                let year = *YEARS.start() + draw.below(YEARS.len() as u64) as u16;
                let course = course_index(
                    year,
                    draw.below(QUALIFICATIONS.len() as u64) as usize,
                    draw.below(INSTITUTIONS.len() as u64) as usize,
                );
                let gender = match draw.below(20) {
                    0..=10 => Some(Gender::M),
                    11..=18 => Some(Gender::F),
                    _ => None,
                };
                let plan = if !draw.chance(85) {
                    Plan::Enrolled
                } else if !draw.chance(92) {
                    Plan::Cancelled
                } else if !draw.chance(95) {
                    Plan::Applied
                } else {
                    // Marks around the pass: about seven in ten sitting pass.
                    let strong = draw.chance(72);
                    let (written, practical) = if strong {
                        (55 + draw.below(46), 60 + draw.below(41))
                    } else {
                        (20 + draw.below(45), 25 + draw.below(40))
                    };
                    Plan::Sat {
                        written: written as u32,
                        practical: practical as u32,
                        certified: draw.chance(96),
                    }
                };
                Trainee {
                    year,
                    course,
                    gender,
                    plan,
                }
            })
            .collect();
        Population { trainees }
    }

    /// How many steps [`Population::record`] counts on its progress bar: three a trainee
    /// (enrolled; trained and applied; marked and certified).
    pub fn record_steps(&self) -> u64 {
        3 * self.trainees.len() as u64
    }

    /// Records the population into `store` through the services, one trainee's commands
    /// at a time, a cohort (year) after the other.
    pub fn record<
        S: Store + cqnet_store::exam::ExamStore + cqnet_store::certificate::CertificateStore + 'static,
    >(
        &self,
        store: S,
        progress: &ProgressBar,
    ) -> Result<Recorded<S>, Error> {
        let mut acquired = vec![false; self.trainees.len()];
        let clock = ManualClock::new(at(&format!("{}-01-05T09:00:00+09:00", YEARS.start())));
        let cqnet = Cqnet::builder(store).clock(clock.clone()).build();
        let (training, exams, certificates) =
            (cqnet.training(), cqnet.exams(), cqnet.certificates());
        let agency = Actor::new("hrdk-admin", Role::Agency)?;
        let evaluator = Actor::new("eval-01", Role::Evaluator)?;
        let unit: UnitCode = "1501020207_14v2".parse()?;
        let forty = Hours::whole(40)?;
        let version = StandardVersion::new("v1.0")?;

        for (code, name, grade, field) in QUALIFICATIONS {
            let qualification = Qualification::builder()
                .code(code)
                .name(name)
                .grade(grade)
                .field(field)
                .build()?;
            training.register_qualification(&agency, &qualification)?;
            let standard = CurriculumStandard::new(CurriculumStandardSpec {
                total_hours: forty,
                units: vec![StandardUnit::new(unit.clone(), UnitKind::Mandatory, forty)],
                ..CurriculumStandardSpec::default()
            })?;
            training.publish_standard(
                &agency,
                &QualificationCode::new(code)?,
                &version,
                &standard,
            )?;
        }
        for (n, (name, institution_type)) in INSTITUTIONS.iter().enumerate() {
            let institution = Institution::new(
                institution_id(n),
                name,
                InstitutionKind::TrainingInstitution,
            )?
            .with_type(*institution_type);
            training.register_institution(&agency, &institution)?;
        }
        let mut courses = Vec::new();
        for year in YEARS {
            for (q, (code, ..)) in QUALIFICATIONS.iter().enumerate() {
                for i in 0..INSTITUTIONS.len() {
                    let course = Course::new(CourseSpec {
                        id: CourseId::from_u128(course_index(year, q, i) as u128 + 1),
                        institution: institution_id(i),
                        qualification: QualificationCode::new(code)?,
                        standard_version: version.clone(),
                        track: Track::CourseBased,
                        start: day(&format!("{year}-03-02")),
                        end: day(&format!("{year}-07-31")),
                        capacity: 10_000,
                        units: vec![CourseUnit::new(unit.clone(), forty, 1)?],
                        designation: Designation::new(
                            DesignationStatus::Designated,
                            day(&format!("{}-01-01", YEARS.start())),
                            day(&format!("{}-12-31", YEARS.end() + 1)),
                        )?,
                    })?;
                    training.designate_course(&agency, &course)?;
                    courses.push(course);
                }
            }
        }

        let key = |what: &str, n: usize| IdempotencyKey::new(&format!("{what}-{n}"));
        let application = |n: usize| ApplicationId::from_u128(n as u128 + 1);
        for year in YEARS {
            let cohort: Vec<(usize, &Trainee)> = self
                .trainees
                .iter()
                .enumerate()
                .filter(|(_, t)| t.year == year)
                .collect();

            clock.set(at(&format!("{year}-02-20T09:00:00+09:00")));
            for &(n, trainee) in &cohort {
                let course = &courses[trainee.course];
                let staff = staff_of(course)?;
                let mut person =
                    Person::new(&format!("훈련생 {n}"), day("2001-04-05"), "010-0000-0000")?;
                if let Some(gender) = trainee.gender {
                    person = person.with_gender(gender);
                }
                let enrollment = Enrollment::new(
                    enrollment_id(n),
                    course.id(),
                    person,
                    LearnerKind::Trainee,
                    course.spec().start,
                )?;
                training.enroll(&staff, &key("enroll", n)?, &enrollment)?;
                progress.inc(1);
            }

            // Training ends: those who complete attended 36 of the 40 hours
            // (`ATTENDED_HOURS`) and scored `INTERNAL_SCORE`.
            clock.set(at(&format!("{year}-07-31T18:00:00+09:00")));
            for &(n, trainee) in &cohort {
                if let Plan::Enrolled = trainee.plan {
                    continue;
                }
                let staff = staff_of(&courses[trainee.course])?;
                let attended: Vec<NewAttendance> = (27..=31)
                    .zip([8, 8, 8, 8, 4])
                    .map(|(d, hours)| {
                        Ok(NewAttendance {
                            enrollment: enrollment_id(n),
                            target: AttendanceTarget::Unit(unit.clone()),
                            day: day(&format!("{year}-07-{d}")),
                            hours: Hours::whole(hours)?,
                            corrects: None,
                        })
                    })
                    .collect::<Result<_, cqnet_core::InputError>>()?;
                training.record_attendance(&staff, &key("attendance", n)?, &attended)?;
                let evaluated = NewEvaluation {
                    enrollment: enrollment_id(n),
                    unit: unit.clone(),
                    result: EvaluationResult::Round {
                        round: 1,
                        score: Some(Score::whole(INTERNAL_SCORE)?),
                    },
                    corrects: None,
                };
                training.record_evaluations(&staff, &key("evaluation", n)?, &[evaluated])?;
            }

            let plan = ExamPlan::new(ExamPlanSpec {
                year: year.into(),
                round: 1,
                system: SystemCode::C1,
                qualifications: QUALIFICATIONS
                    .iter()
                    .map(|q| QualificationCode::new(q.0))
                    .collect::<Result<_, _>>()?,
                application_window: TimeWindow::new(
                    kst(&format!("{year}-08-01T09:00:00+09:00")),
                    kst(&format!("{year}-08-10T18:00:00+09:00")),
                )?,
                first_day: day(&format!("{year}-09-05")),
                second_day: Some(day(&format!("{year}-09-06"))),
                announcement: kst(&format!("{year}-10-02T09:00:00+09:00")),
                published_on: day(&format!("{year}-06-01")),
            })?;
            let venue = VenueCode::new("seoul-01")?;
            let round = ExamRound::new(
                plan,
                vec![Venue::new(venue.clone(), "서울 시험장", 10_000)?],
                false,
            )?;
            exams.publish_round(&agency, &round)?;

            clock.set(at(&format!("{year}-08-03T10:00:00+09:00")));
            for &(n, trainee) in &cohort {
                if let Plan::Enrolled = trainee.plan {
                    continue;
                }
                let me = Actor::new(&format!("learner-{n}"), Role::Learner(enrollment_id(n)))?;
                let request = ApplicationRequest {
                    id: application(n),
                    round: round.id(),
                    candidate: enrollment_id(n),
                    venue: venue.clone(),
                };
                exams.apply(&me, &key("apply", n)?, &request)?;
                if let Plan::Cancelled = trainee.plan {
                    exams.cancel(
                        &me,
                        &key("cancel", n)?,
                        application(n),
                        CancelReason::Personal,
                    )?;
                }
            }
            progress.inc(cohort.len() as u64);

            clock.set(at(&format!("{year}-09-10T10:00:00+09:00")));
            let mut passed = Vec::new();
            for &(n, trainee) in &cohort {
                let Plan::Sat {
                    written,
                    practical,
                    certified,
                } = trainee.plan
                else {
                    continue;
                };
                let marks = Marks::CourseBased {
                    written: Score::whole(written)?,
                    practical: Score::whole(practical)?,
                };
                let entered = exams.enter_result(&evaluator, application(n), &marks, None)?;
                let (_, pass) = exams.finalise_result(&agency, application(n), entered)?;
                if pass && certified {
                    passed.push(n);
                }
            }

            clock.set(at(&format!("{year}-10-05T10:00:00+09:00")));
            for n in passed {
                certificates.issue(
                    &agency,
                    &key("issue", n)?,
                    application(n),
                    CertificateForm::Certificate,
                    None,
                )?;
                acquired[n] = true;
            }
            progress.inc(cohort.len() as u64);
        }
        let file = self.file(&acquired);
        Ok(Recorded { cqnet, file })
    }

    /// The population file (docs/analytics.md, "CSV files") of what was recorded: a row a
    /// trainee (the courses have one unit), the external marks of those who sat, and the
    /// statistics columns labelled as the store labels its rows (the qualification's code,
    /// the grade's Korean name, the institution type's identifier), so that the tables of the
    /// file and of the store are the same. `acquired[n]`: trainee `n` was certified.
    fn file(&self, acquired: &[bool]) -> String {
        let mut file = String::from(
            "candidate,scheduled_hours,attended_hours,rounds,written,practical,qualification,\
             year,grade,institution_type,gender,field,applied,acquired\n",
        );
        for (n, trainee) in self.trainees.iter().enumerate() {
            let (qualification, institution) = parts_of(trainee.course);
            let (code, _, grade, field) = QUALIFICATIONS[qualification];
            let institution_type = INSTITUTIONS[institution].1;
            let (attended, round) = match trainee.plan {
                Plan::Enrolled => (0, "-".to_owned()),
                _ => (ATTENDED_HOURS, INTERNAL_SCORE.to_string()),
            };
            let (written, practical) = match trainee.plan {
                Plan::Sat {
                    written, practical, ..
                } => (written.to_string(), practical.to_string()),
                _ => (String::new(), String::new()),
            };
            let applied = match trainee.plan {
                Plan::Enrolled => "",
                Plan::Cancelled => "false",
                Plan::Applied | Plan::Sat { .. } => "true",
            };
            file.push_str(&format!(
                "t-{n},40,{attended},{round},{written},{practical},{code},{},{},{},{},{field},\
                 {applied},{}\n",
                trainee.year,
                grade.korean_name(),
                institution_type.map(|t| t.to_string()).unwrap_or_default(),
                trainee.gender.map(|g| g.to_string()).unwrap_or_default(),
                if acquired[n] { "true" } else { "" },
            ));
        }
        file
    }
}

/// A population recorded into a store: the services over it, and the same population as a
/// population file.
pub struct Recorded<S> {
    /// The services over the store the population was recorded into.
    pub cqnet: Cqnet<S, ManualClock>,
    /// The population file of what was recorded ([`Population::file`]).
    pub file: String,
}

/// The qualification and institution of a course.
fn parts_of(course: usize) -> (usize, usize) {
    (
        course / INSTITUTIONS.len() % QUALIFICATIONS.len(),
        course % INSTITUTIONS.len(),
    )
}

/// The course of a year, qualification and institution.
fn course_index(year: u16, qualification: usize, institution: usize) -> usize {
    (usize::from(year - YEARS.start()) * QUALIFICATIONS.len() + qualification) * INSTITUTIONS.len()
        + institution
}

fn institution_id(n: usize) -> InstitutionId {
    InstitutionId::from_u128(n as u128 + 1)
}

fn enrollment_id(n: usize) -> EnrollmentId {
    EnrollmentId::from_u128(1_000_000 + n as u128)
}

fn staff_of(course: &Course) -> Result<Actor, cqnet_core::InputError> {
    Actor::new("staff", Role::InstitutionStaff(course.spec().institution))
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("an instant written above")
        .with_timezone(&Utc)
}

fn kst(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("an instant written above")
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date written above")
}
