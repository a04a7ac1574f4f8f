//! A synthetic national catalog (feature `testing`): qualifications, institutions and
//! courses made up from a seed, for the search example and bench. Names are Korean and
//! varied enough that text search finds some and not others; nothing in it is real.

use chrono::{Datelike, Days, NaiveDate};
use cqnet_core::{
    Grade, InstitutionType, NcsClassification, NcsLevel, QualificationCode, Region, Sido, Track,
};

use super::{World, instant, key};
use crate::training::*;
use crate::{Actor, CommandMeta, Role, Store, StoreResult};

const OCCUPATIONS: [&str; 40] = [
    "용접",
    "특수용접",
    "전기",
    "전자기기",
    "정보처리",
    "컴퓨터응용선반",
    "컴퓨터응용밀링",
    "기계가공",
    "자동차정비",
    "제과",
    "제빵",
    "한식조리",
    "양식조리",
    "건축도장",
    "전산응용건축제도",
    "배관",
    "공조냉동기계",
    "금형",
    "사출금형",
    "CNC밀링가공",
    "SW개발",
    "네트워크관리",
    "화학분석",
    "산업안전",
    "가스",
    "에너지관리",
    "설비보전",
    "전기공사",
    "미용",
    "피부미용",
    "귀금속가공",
    "보석디자인",
    "웹디자인",
    "컬러리스트",
    "항공기정비",
    "철도차량정비",
    "농기계정비",
    "조경",
    "식품가공",
    "패션디자인",
];
const PREFIXES: [&str; 20] = [
    "",
    "응용",
    "고급",
    "실무",
    "현장",
    "스마트",
    "디지털",
    "친환경",
    "정밀",
    "산업",
    "자동화",
    "융합",
    "첨단",
    "기초",
    "종합",
    "특화",
    "미래",
    "공정",
    "설계",
    "운영",
];
const FIELDS: [&str; 8] = [
    "재료",
    "기계",
    "전기·전자",
    "정보통신",
    "음식서비스",
    "건설",
    "화학",
    "섬유·의복",
];
const PLACES: [&str; 12] = [
    "한빛",
    "미래",
    "새솔",
    "누리",
    "해오름",
    "가람",
    "다온",
    "푸른",
    "으뜸",
    "라온",
    "온누리",
    "한결",
];
const KINDS: [&str; 7] = [
    "직업전문학교",
    "기술교육원",
    "폴리텍캠퍼스",
    "공업고등학교",
    "전문대학",
    "대학교",
    "능력개발원",
];

/// A small deterministic generator (xorshift), so a catalog is the same for the same seed.
#[derive(Debug, Clone)]
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed.max(1))
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        if n == 0 { 0 } else { self.0 % n }
    }
}

/// The sizes of a synthetic catalog.
#[derive(Debug, Clone, Copy)]
pub struct CatalogSize {
    pub qualifications: usize,
    pub institutions: usize,
    pub courses_per_year: usize,
    pub years: i32,
    pub first_year: i32,
}

impl CatalogSize {
    /// About today's national size: 200 qualifications, 500 institutions, 2,000 courses a
    /// year.
    pub fn national(years: i32) -> CatalogSize {
        CatalogSize {
            qualifications: 200,
            institutions: 500,
            courses_per_year: 2_000,
            years,
            first_year: 2022,
        }
    }
    /// Ten times today's national size over 5 years: 2,000 qualifications, 5,000 institutions,
    /// 20,000 courses a year.
    pub fn ten_times_national() -> CatalogSize {
        CatalogSize {
            qualifications: 2_000,
            institutions: 5_000,
            courses_per_year: 20_000,
            years: 5,
            first_year: 2022,
        }
    }
}

/// A synthetic catalog.
#[derive(Debug, Clone)]
pub struct SyntheticCatalog {
    pub qualifications: Vec<Qualification>,
    pub institutions: Vec<Institution>,
    pub courses: Vec<Course>,
    /// Courses with one seat that one trainee takes (so that "seats left" finds fewer).
    pub full: Vec<Enrollment>,
    pub world: World,
    pub agency: CommandMeta,
}

impl SyntheticCatalog {
    /// Makes a catalog of `size` from `seed`.
    pub fn new(size: CatalogSize, seed: u64) -> SyntheticCatalog {
        let mut dice = Dice::new(seed);
        let world = World::new(10);
        let mut qualifications = Vec::with_capacity(size.qualifications);
        'names: for prefix in PREFIXES {
            for (o, occupation) in OCCUPATIONS.iter().enumerate() {
                for grade in 0..4 {
                    if qualifications.len() == size.qualifications {
                        break 'names;
                    }
                    let n = qualifications.len();
                    let field = FIELDS[o % FIELDS.len()];
                    let (name, level, track) = match grade {
                        0 => (
                            format!("{prefix}{occupation}기능사"),
                            QualificationLevel::Grade(Grade::Craftsman),
                            Track::CourseBased,
                        ),
                        1 => (
                            format!("{prefix}{occupation}산업기사"),
                            QualificationLevel::Grade(Grade::IndustrialEngineer),
                            Track::CourseBased,
                        ),
                        2 => (
                            format!("{prefix}{occupation}기사"),
                            QualificationLevel::Grade(Grade::Engineer),
                            Track::CourseBased,
                        ),
                        _ => {
                            let l = 2 + (n % 5) as u8;
                            (
                                format!("{prefix}{occupation}_L{l}"),
                                QualificationLevel::Ncs(NcsLevel::new(l).unwrap()),
                                Track::WorkStudy,
                            )
                        }
                    };
                    let class = format!(
                        "{:02}{:02}{:02}{:02}",
                        13 + n % 12,
                        1 + n % 4,
                        1 + n % 3,
                        1 + n % 9
                    );
                    let q = Qualification::new(
                        QualificationCode::new(&format!("{n:04}")).unwrap(),
                        &name,
                        level,
                        track,
                        field,
                    )
                    .unwrap()
                    .with_ncs_class(Some(NcsClassification::new(&class).unwrap()));
                    qualifications.push(q);
                }
            }
        }
        let sidos: Vec<Sido> = Sido::all().collect();
        let types: Vec<InstitutionType> = InstitutionType::all().collect();
        let institutions: Vec<Institution> = (0..size.institutions)
            .map(|n| {
                let sido = sidos[dice.below(sidos.len() as u64) as usize];
                let sigungu = format!("{}{:03}", sido.code(), 110 + 10 * dice.below(20));
                let name = format!(
                    "{}{} {} {}",
                    sido.korean_name().chars().take(2).collect::<String>(),
                    PLACES[n % PLACES.len()],
                    KINDS[dice.below(KINDS.len() as u64) as usize],
                    n
                );
                Institution::new(
                    InstitutionId::from_u128(1_000_000 + n as u128),
                    &name,
                    InstitutionKind::TrainingInstitution,
                )
                .unwrap()
                .with_type(Some(types[n % types.len()]))
                .with_region(Some(Region::new(sido, Some(&sigungu)).unwrap()))
            })
            .collect();
        let mut courses = Vec::new();
        let mut full = Vec::new();
        for year in size.first_year..size.first_year + size.years {
            let january = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            for _ in 0..size.courses_per_year {
                let n = courses.len();
                let q = &qualifications[dice.below(qualifications.len() as u64) as usize];
                let i = &institutions[dice.below(institutions.len() as u64) as usize];
                let start = january
                    .checked_add_days(Days::new(dice.below(365)))
                    .unwrap();
                let end = start
                    .checked_add_days(Days::new(60 + dice.below(240)))
                    .unwrap();
                let takes_one = n % 20 == 0;
                let status = if n % 23 == 0 {
                    DesignationStatus::Applied
                } else {
                    DesignationStatus::Designated
                };
                let course = Course::new(CourseSpec {
                    id: CourseId::from_u128(10_000_000 + n as u128),
                    institution: i.id(),
                    qualification: q.code().clone(),
                    standard_version: world.version.clone(),
                    track: q.track(),
                    start,
                    end,
                    capacity: if takes_one {
                        1
                    } else {
                        10 + dice.below(21) as u32
                    },
                    units: world.course.spec().units.clone(),
                    designation: Designation::new(
                        status,
                        january,
                        NaiveDate::from_ymd_opt(year + 1, 12, 31).unwrap(),
                    )
                    .unwrap(),
                })
                .unwrap();
                if takes_one {
                    full.push(
                        Enrollment::new(
                            EnrollmentId::from_u128(50_000_000 + n as u128),
                            course.id(),
                            Person::new(
                                &format!("훈련생{n}"),
                                NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
                                "010-0000-0000",
                            )
                            .unwrap(),
                            LearnerKind::Trainee,
                            start,
                        )
                        .unwrap(),
                    );
                }
                courses.push(course);
            }
        }
        let agency = CommandMeta::new(
            Actor::new("hrdk.catalog", Role::Agency).unwrap(),
            instant("2026-01-02T09:00:00Z"),
        );
        SyntheticCatalog {
            qualifications,
            institutions,
            courses,
            full,
            world,
            agency,
        }
    }

    /// Loads the catalog into a store, each record through its store command. `threads`
    /// writers share the courses (the qualifications and institutions go first).
    ///
    /// # Errors
    /// The first store error.
    pub fn install<S: Store + ?Sized>(&self, store: &S, threads: usize) -> StoreResult<()> {
        for q in &self.qualifications {
            store.create_qualification(&self.agency, q)?;
            store.put_standard(
                &self.agency,
                q.code(),
                &self.world.version,
                &self.world.standard,
            )?;
        }
        for i in &self.institutions {
            store.create_institution(&self.agency, i)?;
        }
        let threads = threads.max(1);
        in_threads(threads, |t| {
            for c in self.courses.iter().skip(t).step_by(threads) {
                store.create_course(&self.agency, c)?;
            }
            Ok(())
        })?;
        // Every course is there before any enrollment asks for its course.
        in_threads(threads, |t| {
            for e in self.full.iter().skip(t).step_by(threads) {
                store.enroll(&self.agency, &key(&format!("catalog-{}", e.id())), e)?;
            }
            Ok(())
        })
    }

    /// The years the courses start in.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.courses.iter().map(|c| c.spec().start.year()).collect();
        years.sort_unstable();
        years.dedup();
        years
    }
}

/// Runs `work(t)` for `t` in `0..threads` on as many threads, answering the first error.
fn in_threads(threads: usize, work: impl Fn(usize) -> StoreResult<()> + Sync) -> StoreResult<()> {
    std::thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = (0..threads).map(|t| scope.spawn(move || work(t))).collect();
        handles.into_iter().try_for_each(|h| {
            h.join().unwrap_or_else(|_| {
                Err(crate::StoreError::unavailable(
                    crate::UnavailableKind::Interrupted,
                    "a loading thread panicked",
                ))
            })
        })
    })
}
