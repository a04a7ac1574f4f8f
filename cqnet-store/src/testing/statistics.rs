//! The statistics conformance cases: a cohort of trainees taken through the services to every
//! stage of the funnel (enrolled only, eligible and applied then cancelled, applied, marks
//! entered, failed, passed, certified), in two years, two qualifications of two grades, two
//! institutions (one without a recorded type) and three genders (one not recorded); then the
//! store's tables against [`cqnet_core::statistics::funnel`] and
//! [`score_distribution_in`] over records built from the fixture's own description, not read
//! from the store.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use cqnet_core::certificate::CertificateForm;
use cqnet_core::exam::{ExamPlan, ExamPlanSpec, SystemCode};
use cqnet_core::rules::{CancelReason, RulePack};
use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
use cqnet_core::statistics::{
    Dimension, FunnelRow, Gender, GroupBy, ScoreBandBounds, Stage, StatRecord, funnel,
    score_distribution_in,
};
use cqnet_core::window::TimeWindow;
use cqnet_core::{Grade, Hours, InstitutionType, QualificationCode, Score, Track, UnitCode};

use crate::certificate::{AsyncCertificateStore, CertificateStore};
use crate::exam::{
    ApplicationId, ApplicationRequest, AsyncExamStore, ExamRound, ExamStore, Marks, RoundId, Venue,
    VenueCode,
};
use crate::statistics::{AsyncStatisticsStore, FunnelQuery, ScorePart, StatisticsStore};
use crate::testing::key;
use crate::training::{
    AttendanceTarget, Course, CourseId, CourseSpec, CourseUnit, Designation, DesignationStatus,
    Enrollment, EnrollmentId, EvaluationResult, Institution, InstitutionId, InstitutionKind,
    LearnerKind, NewAttendance, NewEvaluation, Person, Qualification, StandardVersion,
};
use crate::unit_of_work::complete_now;
use crate::{Actor, AsyncStore, Cqnet, Inline, ManualClock, Role, Store};

/// The job fields (직무분야) the fixture's qualifications belong to, by their index.
const JOB_FIELDS: [&str; 2] = ["기계", "전기·전자"];

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an instant")
}

fn kst(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("an instant")
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

fn score(points: u32) -> Score {
    Score::whole(points).expect("a score")
}

/// How far the fixture takes a trainee.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// Enrolled, no attendance.
    Enrolled,
    /// Eligible, applied, then cancelled the application.
    Cancelled,
    /// Eligible and applied.
    Applied,
    /// Marks entered, not finalised.
    MarksEntered(u32, u32),
    /// Marks entered and finalised: a pass when the marks make one.
    Finalised(u32, u32),
    /// Finalised as a pass and a certificate issued.
    Certified(u32, u32),
}

impl Plan {
    fn marks(self) -> Option<(u32, u32)> {
        match self {
            Plan::MarksEntered(w, p) | Plan::Finalised(w, p) | Plan::Certified(w, p) => {
                Some((w, p))
            }
            _ => None,
        }
    }

    fn eligible(self) -> bool {
        !matches!(self, Plan::Enrolled)
    }
}

/// The fixture's courses: (qualification index, institution index, start, end).
const COURSES: [(usize, usize, &str, &str); 3] = [
    (0, 0, "2026-03-02", "2026-07-31"),
    (1, 1, "2026-03-02", "2026-07-31"),
    (0, 1, "2025-03-03", "2025-07-31"),
];

/// The fixture's trainees: course index, gender, plan. Marks of (w, p) that fail: the
/// external score is far below the pass mark.
fn trainees() -> Vec<(usize, Option<Gender>, Plan)> {
    vec![
        (0, Some(Gender::M), Plan::Certified(76, 84)),
        (0, Some(Gender::F), Plan::Finalised(90, 80)),
        (0, None, Plan::Finalised(35, 45)),
        (0, Some(Gender::M), Plan::Applied),
        (0, Some(Gender::F), Plan::Cancelled),
        (0, None, Plan::Enrolled),
        (1, Some(Gender::F), Plan::Certified(70, 90)),
        (1, Some(Gender::M), Plan::MarksEntered(55, 60)),
        (1, Some(Gender::M), Plan::Enrolled),
        (1, None, Plan::Finalised(100, 78)),
        (2, Some(Gender::F), Plan::Certified(80, 80)),
        (2, Some(Gender::M), Plan::Cancelled),
        (2, None, Plan::Finalised(40, 50)),
        (2, Some(Gender::F), Plan::Enrolled),
    ]
}

/// Whether the fixture's marks pass: internal 88, and an external score of at least 70 (the
/// passing marks of the fixture are all 80 and above, the failing ones all below 50).
fn passes(written: u32, practical: u32) -> bool {
    written + practical >= 140
}

struct Fixture {
    qualifications: [(QualificationCode, Grade, &'static str); 2],
    institutions: [(InstitutionId, Option<InstitutionType>); 2],
    round: RoundId,
    /// The trainees' records as the fixture describes them, each with its year and
    /// qualification (what the filters read).
    records: Vec<(u16, QualificationCode, StatRecord)>,
    /// The finalised marks, written and practical.
    finalised: Vec<(Score, Score)>,
}

impl Fixture {
    fn new() -> Self {
        let qualifications = [
            (
                QualificationCode::new("2290").expect("a code"),
                Grade::IndustrialEngineer,
                "산업기사",
            ),
            (
                QualificationCode::new("7780").expect("a code"),
                Grade::Craftsman,
                "기능사",
            ),
        ];
        let institutions = [
            (
                InstitutionId::from_u128(1),
                Some(InstitutionType::JobTrainingInstitution),
            ),
            (InstitutionId::from_u128(2), None),
        ];
        let mut records = Vec::new();
        let mut finalised = Vec::new();
        for (course, gender, plan) in trainees() {
            let (q, i, start, _) = COURSES[course];
            let year: u16 = start[..4].parse().expect("a year");
            let stage = match plan {
                Plan::Enrolled => Stage::Learner,
                Plan::Cancelled => Stage::Target,
                Plan::Applied => Stage::Applied,
                Plan::MarksEntered(..) => Stage::Sat,
                Plan::Finalised(w, p) if passes(w, p) => Stage::Passed,
                Plan::Finalised(..) => Stage::Sat,
                Plan::Certified(..) => Stage::Acquired,
            };
            let institution_type = if i == 0 {
                "job_training_institution"
            } else {
                "unknown"
            };
            records.push((
                year,
                qualifications[q].0.clone(),
                StatRecord::new(
                    year,
                    qualifications[q].2,
                    qualifications[q].0.as_str(),
                    institution_type,
                    gender.unwrap_or(Gender::Unknown),
                    stage,
                )
                .and_then(|record| record.with_job_field(JOB_FIELDS[q % JOB_FIELDS.len()]))
                .expect("a record"),
            ));
            if let Plan::Finalised(w, p) | Plan::Certified(w, p) = plan {
                finalised.push((score(w), score(p)));
            }
        }
        Fixture {
            qualifications,
            institutions,
            round: RoundId::new("2026-C1-01").expect("a round"),
            records,
            finalised,
        }
    }

    /// Takes every trainee through the services as far as their plan says.
    async fn load<S: AsyncStore + AsyncExamStore + AsyncCertificateStore>(
        &self,
        store: S,
    ) -> Cqnet<S, ManualClock> {
        let clock = ManualClock::new(at("2025-02-20T09:00:00+09:00"));
        let cqnet = Cqnet::builder(store).clock(clock.clone()).build();
        let (training, exams, certificates) =
            (cqnet.training(), cqnet.exams(), cqnet.certificates());
        let agency = Actor::new("hrdk-admin", Role::Agency).expect("an actor");
        let unit: UnitCode = "1501020207_14v2".parse().expect("a unit");
        let forty = Hours::whole(40).expect("hours");
        let version = StandardVersion::new("v1.0").expect("a version");
        for (index, (code, grade, _)) in self.qualifications.iter().enumerate() {
            let qualification = Qualification::builder()
                .code(code.as_str())
                .name(format!("종목 {code}"))
                .grade(*grade)
                .field(JOB_FIELDS[index % JOB_FIELDS.len()])
                .build()
                .expect("a qualification");
            training
                .register_qualification(&agency, &qualification)
                .await
                .expect("registered");
            let standard = CurriculumStandard::new(CurriculumStandardSpec {
                total_hours: forty,
                units: vec![StandardUnit::new(unit.clone(), UnitKind::Mandatory, forty)],
                ..CurriculumStandardSpec::default()
            })
            .expect("a standard");
            training
                .publish_standard(&agency, code, &version, &standard)
                .await
                .expect("published");
        }
        for (n, (id, institution_type)) in self.institutions.iter().enumerate() {
            let institution = Institution::new(
                *id,
                &format!("훈련기관 {n}"),
                InstitutionKind::TrainingInstitution,
            )
            .expect("an institution")
            .with_type(*institution_type);
            training
                .register_institution(&agency, &institution)
                .await
                .expect("registered");
        }
        let courses: Vec<Course> = COURSES
            .iter()
            .enumerate()
            .map(|(n, (q, i, start, end))| {
                Course::new(CourseSpec {
                    id: CourseId::from_u128(100 + n as u128),
                    institution: self.institutions[*i].0,
                    qualification: self.qualifications[*q].0.clone(),
                    standard_version: version.clone(),
                    track: Track::CourseBased,
                    start: day(start),
                    end: day(end),
                    capacity: 20,
                    units: vec![CourseUnit::new(unit.clone(), forty, 1).expect("a unit")],
                    designation: Designation::new(
                        DesignationStatus::Designated,
                        day("2025-01-01"),
                        day("2027-12-31"),
                    )
                    .expect("a designation"),
                })
                .expect("a course")
            })
            .collect();
        for course in &courses {
            training
                .designate_course(&agency, course)
                .await
                .expect("designated");
        }

        // Enrollment and training, a cohort at a time.
        let plans = trainees();
        for cohort_start in ["2025", "2026"] {
            clock.set(at(&format!("{cohort_start}-02-20T09:00:00+09:00")));
            let in_cohort = |c: usize| COURSES[c].2.starts_with(cohort_start);
            for (n, (c, gender, _)) in plans.iter().enumerate() {
                if !in_cohort(*c) {
                    continue;
                }
                let course = &courses[*c];
                let staff = Actor::new("staff", Role::InstitutionStaff(course.spec().institution))
                    .expect("an actor");
                let mut person =
                    Person::new(&format!("훈련생 {n}"), day("2001-04-05"), "010-0000-0000")
                        .expect("a person");
                if let Some(g) = gender {
                    person = person.with_gender(*g);
                }
                let trainee = Enrollment::new(
                    EnrollmentId::from_u128(1_000 + n as u128),
                    course.id(),
                    person,
                    LearnerKind::Trainee,
                    course.spec().start,
                )
                .expect("an enrollment");
                training
                    .enroll(&staff, &key(&format!("enroll-{n}")), &trainee)
                    .await
                    .expect("enrolled");
            }
            clock.set(at(&format!("{cohort_start}-07-31T18:00:00+09:00")));
            for (n, (c, _, plan)) in plans.iter().enumerate() {
                if !in_cohort(*c) || !plan.eligible() {
                    continue;
                }
                let course = &courses[*c];
                let staff = Actor::new("staff", Role::InstitutionStaff(course.spec().institution))
                    .expect("an actor");
                let id = EnrollmentId::from_u128(1_000 + n as u128);
                let attended: Vec<NewAttendance> = (27..=31)
                    .zip([8, 8, 8, 8, 4])
                    .map(|(d, hours)| NewAttendance {
                        enrollment: id,
                        target: AttendanceTarget::Unit(unit.clone()),
                        day: day(&format!("{cohort_start}-07-{d}")),
                        hours: Hours::whole(hours).expect("hours"),
                        corrects: None,
                    })
                    .collect();
                training
                    .record_attendance(&staff, &key(&format!("attendance-{n}")), &attended)
                    .await
                    .expect("attendance");
                let evaluated = NewEvaluation {
                    enrollment: id,
                    unit: unit.clone(),
                    result: EvaluationResult::Round {
                        round: 1,
                        score: Some(score(88)),
                    },
                    corrects: None,
                };
                training
                    .record_evaluations(&staff, &key(&format!("evaluation-{n}")), &[evaluated])
                    .await
                    .expect("evaluation");
            }
        }

        let plan = ExamPlan::new(ExamPlanSpec {
            year: 2026,
            round: 1,
            system: SystemCode::C1,
            qualifications: self.qualifications.iter().map(|q| q.0.clone()).collect(),
            application_window: TimeWindow::new(
                kst("2026-08-01T09:00:00+09:00"),
                kst("2026-08-10T18:00:00+09:00"),
            )
            .expect("a window"),
            first_day: day("2026-09-05"),
            second_day: Some(day("2026-09-06")),
            announcement: kst("2026-10-02T09:00:00+09:00"),
            published_on: day("2026-06-01"),
        })
        .expect("a plan");
        let venue = VenueCode::new("seoul-01").expect("a venue");
        let round = ExamRound::new(
            plan,
            vec![Venue::new(venue.clone(), "서울 시험장", 100).expect("a venue")],
            false,
        )
        .expect("a round");
        assert_eq!(round.id(), self.round);
        exams
            .publish_round(&agency, &round)
            .await
            .expect("published");

        clock.set(at("2026-08-03T10:00:00+09:00"));
        let application = |n: usize| ApplicationId::from_u128(5_000 + n as u128);
        for (n, (_, _, plan)) in plans.iter().enumerate() {
            if !plan.eligible() {
                continue;
            }
            let candidate = EnrollmentId::from_u128(1_000 + n as u128);
            let me =
                Actor::new(&format!("learner-{n}"), Role::Learner(candidate)).expect("an actor");
            let request = ApplicationRequest {
                id: application(n),
                round: round.id(),
                candidate,
                venue: venue.clone(),
            };
            exams
                .apply(&me, &key(&format!("apply-{n}")), &request)
                .await
                .expect("applied");
            if let Plan::Cancelled = plan {
                exams
                    .cancel(
                        &me,
                        &key(&format!("cancel-{n}")),
                        application(n),
                        CancelReason::Personal,
                    )
                    .await
                    .expect("cancelled");
            }
        }

        clock.set(at("2026-09-10T10:00:00+09:00"));
        let evaluator = Actor::new("eval-01", Role::Evaluator).expect("an actor");
        for (n, (_, _, plan)) in plans.iter().enumerate() {
            let Some((written, practical)) = plan.marks() else {
                continue;
            };
            let marks = Marks::CourseBased {
                written: score(written),
                practical: score(practical),
            };
            let entered = exams
                .enter_result(&evaluator, application(n), &marks, None)
                .await
                .expect("marks entered");
            if let Plan::Finalised(..) | Plan::Certified(..) = plan {
                let (_, passed) = exams
                    .finalise_result(&agency, application(n), entered)
                    .await
                    .expect("finalised");
                assert_eq!(
                    passed,
                    passes(written, practical),
                    "the core decides marks of {written} and {practical} as the fixture expects"
                );
            }
        }

        clock.set(at("2026-10-05T10:00:00+09:00"));
        for (n, (_, _, plan)) in plans.iter().enumerate() {
            if let Plan::Certified(..) = plan {
                certificates
                    .issue(
                        &agency,
                        &key(&format!("issue-{n}")),
                        application(n),
                        CertificateForm::Certificate,
                        None,
                    )
                    .await
                    .expect("issued");
            }
        }
        cqnet
    }

    /// The funnel of the records the fixture describes, under `query`'s filters.
    fn expected(&self, query: &FunnelQuery) -> Vec<FunnelRow> {
        let admitted: Vec<StatRecord> = self
            .records
            .iter()
            .filter(|(year, code, _)| {
                query.years().is_none_or(|(a, b)| (a..=b).contains(year))
                    && query.qualification().is_none_or(|q| q == code)
            })
            .map(|(_, _, record)| record.clone())
            .collect();
        funnel(&admitted, query.group_by())
    }

    fn queries(&self) -> Vec<FunnelQuery> {
        use Dimension::*;
        let groupings: [&[Dimension]; 9] = [
            &[],
            &[Year],
            &[JobField],
            &[JobField, Year, Gender],
            &[Year, Qualification],
            &[InstitutionType, Gender],
            &[Grade],
            &[Gender],
            &[Gender, Grade, Year, Qualification, InstitutionType],
        ];
        let mut queries = Vec::new();
        for dims in groupings {
            let q = FunnelQuery::new(GroupBy::new(dims.to_vec()).expect("a grouping"));
            queries.push(q.clone().with_years(2026, 2026).expect("years"));
            queries.push(q.clone().with_years(2020, 2025).expect("years"));
            queries.push(
                q.clone()
                    .with_qualification(self.qualifications[0].0.clone()),
            );
            queries.push(
                q.clone()
                    .with_years(2025, 2026)
                    .expect("years")
                    .with_qualification(self.qualifications[1].0.clone()),
            );
            queries.push(q);
        }
        queries
    }

    fn bounds() -> Vec<ScoreBandBounds> {
        vec![
            RulePack::embedded()
                .newest()
                .statistics
                .score_band_bounds
                .value
                .clone(),
            ScoreBandBounds::new(vec![
                "45".parse().expect("a score"),
                "80.5".parse().expect("a score"),
                "90".parse().expect("a score"),
            ])
            .expect("bounds"),
        ]
    }

    fn expected_distribution(
        &self,
        part: ScorePart,
        bounds: &ScoreBandBounds,
    ) -> cqnet_core::statistics::ScoreDistribution {
        let scores: Vec<Score> = self
            .finalised
            .iter()
            .map(|(w, p)| match part {
                ScorePart::Written => *w,
                ScorePart::Practical => *p,
            })
            .collect();
        score_distribution_in(&scores, bounds)
    }
}

/// The tables of a store loaded through the blocking form of the services equal the core's
/// count of the fixture's records: the funnel under every grouping tried (none, one
/// dimension, several, all five) with and without filters of years and qualification, and
/// the round's distribution of each part under the pack's bounds and other bounds.
pub fn statistics_match_the_core<
    S: Store + ExamStore + CertificateStore + StatisticsStore + 'static,
>(
    factory: &dyn Fn() -> S,
) {
    let fixture = Fixture::new();
    let empty = factory();
    let total = FunnelQuery::new(GroupBy::new(vec![]).expect("a grouping"));
    assert!(
        empty.funnel(&total).expect("a funnel").is_empty(),
        "no trainee, no row"
    );
    let none = empty
        .score_distribution(&fixture.round, ScorePart::Written, &Fixture::bounds()[0])
        .expect("a distribution");
    assert_eq!((none.examinees, none.average), (0, None));
    assert!(none.bands.iter().all(|b| b.count == 0));

    let cqnet =
        complete_now(fixture.load(Inline::new(factory()))).expect("an inline store never waits");
    let store = cqnet.store().inner();
    for query in fixture.queries() {
        assert_eq!(
            store.funnel(&query).expect("a funnel"),
            fixture.expected(&query),
            "{query:?}"
        );
    }
    for bounds in Fixture::bounds() {
        for part in [ScorePart::Written, ScorePart::Practical] {
            let found = store
                .score_distribution(&fixture.round, part, &bounds)
                .expect("a distribution");
            assert_eq!(
                found,
                fixture.expected_distribution(part, &bounds),
                "{part:?} {bounds}"
            );
            assert!(found.examinees > 0, "the fixture finalised marks");
        }
    }
    let other_round = RoundId::new("2026-C1-02").expect("a round");
    let nothing = store
        .score_distribution(&other_round, ScorePart::Written, &Fixture::bounds()[0])
        .expect("a distribution");
    assert_eq!(nothing.examinees, 0, "another round has no marks");
}

/// [`statistics_match_the_core`] through the async services and the async trait.
pub async fn async_statistics_match_the_core<
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore + AsyncStatisticsStore,
>(
    factory: &dyn Fn() -> S,
) {
    let fixture = Fixture::new();
    let cqnet = fixture.load(factory()).await;
    let store = cqnet.store();
    for query in fixture.queries() {
        assert_eq!(
            store.funnel(&query).await.expect("a funnel"),
            fixture.expected(&query),
            "{query:?}"
        );
    }
    for bounds in Fixture::bounds() {
        for part in [ScorePart::Written, ScorePart::Practical] {
            assert_eq!(
                store
                    .score_distribution(&fixture.round, part, &bounds)
                    .await
                    .expect("a distribution"),
                fixture.expected_distribution(part, &bounds),
                "{part:?} {bounds}"
            );
        }
    }
}

/// Expands to one `#[test]` per statistics conformance case over a blocking store.
///
/// # Example
/// ```text
/// cqnet_store::statistics_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
/// ```
#[macro_export]
macro_rules! statistics_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::statistics_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::statistics_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        #[test]
        $($attr)*
        fn statistics_match_the_core() {
            $crate::testing::statistics::statistics_match_the_core(&$factory);
        }
    };
}

/// Expands to one `#[test]` per async statistics conformance case.
///
/// # Example
/// ```text
/// cqnet_store::async_statistics_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
/// ```
#[macro_export]
macro_rules! async_statistics_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::async_statistics_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::async_statistics_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        #[test]
        $($attr)*
        fn async_statistics_match_the_core() {
            $crate::testing::block_on(
                $crate::testing::statistics::async_statistics_match_the_core(&$factory),
            );
        }
    };
}
