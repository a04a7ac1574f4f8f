//! The search conformance cases (feature `testing`): a catalog of qualifications,
//! institutions and courses (some not designated, some with enrollments), searched with many
//! filters, both sorts and several page sizes; every expectation is computed here from the
//! fixture's own lists, never from a store's answer.
//!
//! [`search_conformance_tests!`](crate::search_conformance_tests) and
//! [`async_search_conformance_tests!`](crate::async_search_conformance_tests) expand to one
//! `#[test]` per case:
//!
//! ```text
//! cqnet_store::search_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
//! cqnet_store::async_search_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use cqnet_core::{
    Grade, InstitutionType, JobField, LegalInstitutionType, NcsClassification, NcsLevel,
    QualificationCode, Region, Sido, Track,
};

use super::{World, day, instant, key};
use crate::search::*;
use crate::training::*;
use crate::{Actor, AsyncStore, CommandMeta, Role, Store};

/// The day the fixture's statuses are read on.
pub fn today() -> NaiveDate {
    day("2026-03-15")
}

/// A course of the fixture with what a search shows of it, kept apart from any store.
#[derive(Debug, Clone)]
pub struct FixtureCourse {
    pub course: Course,
    pub enrolled: u32,
}

/// The search fixture: its records and the enrollments it makes.
#[derive(Debug, Clone)]
pub struct SearchWorld {
    pub qualifications: Vec<Qualification>,
    pub institutions: Vec<Institution>,
    pub courses: Vec<FixtureCourse>,
    pub standard: World,
    pub agency: CommandMeta,
}

fn qualification(
    code: &str,
    name: &str,
    level: QualificationLevel,
    field: &str,
    class: Option<&str>,
) -> Qualification {
    let track = match level {
        QualificationLevel::Grade(_) => Track::CourseBased,
        QualificationLevel::Ncs(_) => Track::WorkStudy,
    };
    Qualification::new(
        QualificationCode::new(code).unwrap(),
        name,
        level,
        track,
        field,
    )
    .unwrap()
    .with_ncs_class(class.map(|c| NcsClassification::new(c).unwrap()))
}

fn grade(g: Grade) -> QualificationLevel {
    QualificationLevel::Grade(g)
}

fn ncs(n: u8) -> QualificationLevel {
    QualificationLevel::Ncs(NcsLevel::new(n).unwrap())
}

fn region(sido: Sido, sigungu: Option<&str>) -> Option<Region> {
    Some(Region::new(sido, sigungu).unwrap())
}

impl SearchWorld {
    /// The fixture: 13 qualifications, 11 institutions and 72 courses.
    pub fn new() -> SearchWorld {
        use Grade::{Craftsman, IndustrialEngineer};
        let qualifications = vec![
            qualification(
                "1330",
                "용접산업기사",
                grade(IndustrialEngineer),
                "재료",
                Some("16030101"),
            ),
            qualification(
                "1340",
                "특수용접기능사",
                grade(Craftsman),
                "재료",
                Some("16030102"),
            ),
            qualification(
                "1350",
                "용접기능사",
                grade(Craftsman),
                "재료",
                Some("16030101"),
            ),
            qualification(
                "2290",
                "컴퓨터응용가공산업기사",
                grade(IndustrialEngineer),
                "기계",
                Some("15010202"),
            ),
            qualification(
                "2300",
                "컴퓨터응용선반기능사",
                grade(Craftsman),
                "기계",
                Some("15010201"),
            ),
            qualification(
                "3100",
                "전기기능사",
                grade(Craftsman),
                "전기·전자",
                Some("19030101"),
            ),
            qualification(
                "3110",
                "전기산업기사",
                grade(IndustrialEngineer),
                "전기·전자",
                None,
            ),
            qualification(
                "4100",
                "정보처리산업기사",
                grade(IndustrialEngineer),
                "정보통신",
                Some("20010202"),
            ),
            qualification(
                "5100",
                "3D프린터운용기능사",
                grade(Craftsman),
                "기계",
                Some("15020101"),
            ),
            qualification("L101", "CNC밀링가공_L3", ncs(3), "기계", Some("15010203")),
            qualification("L102", "SW개발_L5", ncs(5), "정보통신", Some("20010202")),
            qualification("L103", "용접_L2", ncs(2), "재료", Some("16030101")),
            qualification("L104", "Cnc선반가공_L3", ncs(3), "기계", Some("15010201")),
        ];
        let institution = |n: u128, name: &str, t: Option<InstitutionType>, r: Option<Region>| {
            Institution::new(
                InstitutionId::from_u128(9000 + n),
                name,
                InstitutionKind::TrainingInstitution,
            )
            .unwrap()
            .with_type(t)
            .with_region(r)
        };
        use InstitutionType as T;
        let institutions = vec![
            institution(
                0,
                "한국폴리텍대학 서울정수캠퍼스",
                Some(T::Polytechnic),
                region(Sido::Seoul, Some("11170")),
            ),
            institution(
                1,
                "부산기계공업고등학교",
                Some(T::VocationalHighSchool),
                region(Sido::Busan, Some("26290")),
            ),
            institution(
                2,
                "대구직업전문학교",
                Some(T::JobTrainingInstitution),
                region(Sido::Daegu, None),
            ),
            institution(
                3,
                "경기용접기술학원",
                Some(T::Legal(LegalInstitutionType::LifelongVocationalAcademy)),
                region(Sido::Gyeonggi, Some("41110")),
            ),
            institution(
                4,
                "서울과학기술대학교",
                Some(T::University),
                region(Sido::Seoul, Some("11350")),
            ),
            institution(
                5,
                "인천전문대학",
                Some(T::JuniorCollege),
                region(Sido::Incheon, None),
            ),
            institution(
                6,
                "제주평생교육원",
                Some(T::Legal(LegalInstitutionType::LifelongEducationInstitution)),
                region(Sido::Jeju, None),
            ),
            institution(
                7,
                "(주)정밀가공",
                None,
                region(Sido::Gyeongnam, Some("48121")),
            ),
            institution(
                8,
                "강원직업능력개발원",
                Some(T::Legal(LegalInstitutionType::VocationalTrainingFacility)),
                region(Sido::Gangwon, Some("51110")),
            ),
            institution(
                9,
                "KOREATECH 능력개발교육원",
                Some(T::PublicInstitution),
                region(Sido::Chungnam, Some("44131")),
            ),
            institution(10, "이름만기관", None, None),
        ];
        let standard = World::new(10);
        let mut courses = Vec::new();
        for n in 0..72u32 {
            let q = &qualifications[n as usize % qualifications.len()];
            let i = &institutions[(n as usize * 7) % institutions.len()];
            // Start dates repeat every 24 courses, so a start date is shared and ties break by id.
            let start = day("2025-01-06")
                .checked_add_days(Days::new(u64::from(n % 24) * 30))
                .unwrap();
            let end = start
                .checked_add_days(Days::new(20 + u64::from(n * 13 % 150)))
                .unwrap();
            let status = match n {
                _ if n % 11 == 5 => DesignationStatus::Applied,
                _ if n % 13 == 7 => DesignationStatus::Revoked,
                _ if n % 17 == 3 => DesignationStatus::Suspended,
                _ => DesignationStatus::Designated,
            };
            let capacity = 1 + n % 5;
            let course = Course::new(CourseSpec {
                id: CourseId::from_u128(20_000 + u128::from(n)),
                institution: i.id(),
                qualification: q.code().clone(),
                standard_version: standard.version.clone(),
                track: q.track(),
                start,
                end,
                capacity,
                units: standard.course.spec().units.clone(),
                designation: Designation::new(status, day("2025-01-01"), day("2027-12-31"))
                    .unwrap(),
            })
            .unwrap();
            // A revoked course takes no enrollment (the core's decision on a cancellation).
            let enrolled = if n % 3 == 0 && status != DesignationStatus::Revoked {
                capacity.min(1 + n % 4)
            } else {
                0
            };
            courses.push(FixtureCourse { course, enrolled });
        }
        let agency = CommandMeta::new(
            Actor::new("hrdk.catalog", Role::Agency).unwrap(),
            instant("2026-03-15T09:00:00Z"),
        );
        SearchWorld {
            qualifications,
            institutions,
            courses,
            standard,
            agency,
        }
    }

    fn enrollment(course: &Course, n: u32) -> Enrollment {
        Enrollment::new(
            EnrollmentId::from_u128(700_000 + course.id().uuid().as_u128() * 10 + u128::from(n)),
            course.id(),
            Person::new(
                &format!("검색훈련생{n}"),
                day("2000-01-01"),
                "010-0000-0000",
            )
            .unwrap(),
            LearnerKind::Trainee,
            course.spec().start,
        )
        .unwrap()
    }

    /// Puts every record into a store.
    pub fn install<S: Store + ?Sized>(&self, store: &S) {
        for q in &self.qualifications {
            store.create_qualification(&self.agency, q).unwrap();
            store
                .put_standard(
                    &self.agency,
                    q.code(),
                    &self.standard.version,
                    &self.standard.standard,
                )
                .unwrap();
        }
        for i in &self.institutions {
            store.create_institution(&self.agency, i).unwrap();
        }
        for c in &self.courses {
            self.install_course(store, c);
        }
    }

    fn install_course<S: Store + ?Sized>(&self, store: &S, c: &FixtureCourse) {
        store.create_course(&self.agency, &c.course).unwrap();
        for n in 0..c.enrolled {
            let e = Self::enrollment(&c.course, n);
            store
                .enroll(&self.agency, &key(&format!("search-{}", e.id())), &e)
                .unwrap();
        }
    }

    /// [`SearchWorld::install`] through the async traits.
    pub async fn install_async<S: AsyncStore + ?Sized>(&self, store: &S) {
        for q in &self.qualifications {
            store.create_qualification(&self.agency, q).await.unwrap();
            store
                .put_standard(
                    &self.agency,
                    q.code(),
                    &self.standard.version,
                    &self.standard.standard,
                )
                .await
                .unwrap();
        }
        for i in &self.institutions {
            store.create_institution(&self.agency, i).await.unwrap();
        }
        for c in &self.courses {
            store.create_course(&self.agency, &c.course).await.unwrap();
            for n in 0..c.enrolled {
                let e = Self::enrollment(&c.course, n);
                store
                    .enroll(&self.agency, &key(&format!("search-{}", e.id())), &e)
                    .await
                    .unwrap();
            }
        }
    }

    fn qualification_of(&self, code: &QualificationCode) -> &Qualification {
        self.qualifications
            .iter()
            .find(|q| q.code() == code)
            .unwrap()
    }

    fn institution_of(&self, id: InstitutionId) -> &Institution {
        self.institutions.iter().find(|i| i.id() == id).unwrap()
    }

    /// What a course search must find, in order, worked out from the fixture's lists.
    pub fn expected_courses(
        &self,
        filter: &CourseFilter,
        sort: Sort,
    ) -> Vec<(CourseId, u32, CourseStatus)> {
        let contains = |text: &SearchText, name: &str| {
            name.to_ascii_lowercase()
                .contains(&text.as_str().to_ascii_lowercase())
        };
        let mut found: Vec<(String, String, CourseId, u32, CourseStatus)> = Vec::new();
        for c in &self.courses {
            let spec = c.course.spec();
            if spec.designation.status() != DesignationStatus::Designated {
                continue;
            }
            let q = self.qualification_of(&spec.qualification);
            let i = self.institution_of(spec.institution);
            let seats = spec.capacity - c.enrolled;
            let status = if filter.today < spec.start {
                CourseStatus::OpenForEnrollment
            } else if filter.today <= spec.end {
                CourseStatus::Running
            } else {
                CourseStatus::Finished
            };
            let in_region = |r: &Region| {
                i.region().is_some_and(|own| {
                    own.sido() == r.sido()
                        && (r.sigungu().is_none() || r.sigungu() == own.sigungu())
                })
            };
            let keep = filter.qualification.as_ref().is_none_or(|x| x == q.code())
                && filter.level.is_none_or(|l| l == q.level())
                && filter.region.as_ref().is_none_or(in_region)
                && (filter.institution_types.is_empty()
                    || i.institution_type()
                        .is_some_and(|t| filter.institution_types.contains(&t)))
                && filter.track.is_none_or(|t| t == spec.track)
                && filter
                    .starts
                    .is_none_or(|d| d.first() <= spec.start && spec.start <= d.last())
                && filter.status.is_none_or(|s| s == status)
                && filter.min_seats_left.is_none_or(|n| seats >= n)
                && filter
                    .text
                    .as_ref()
                    .is_none_or(|t| contains(t, q.name()) || contains(t, i.name()));
            if keep {
                let sort_key = match sort {
                    Sort::StartDate => spec.start.to_string(),
                    Sort::Name => q.name().to_owned(),
                };
                found.push((sort_key, spec.id.to_string(), spec.id, seats, status));
            }
        }
        found.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        found
            .into_iter()
            .map(|(_, _, id, seats, status)| (id, seats, status))
            .collect()
    }

    /// The course filters the cases ask, each with a label.
    pub fn course_filters(&self) -> Vec<(&'static str, CourseFilter)> {
        let base = || CourseFilter::on(today());
        let text = |t: &str| Some(SearchText::new(t).unwrap());
        let with = |label, f: &dyn Fn(&mut CourseFilter)| {
            let mut filter = base();
            f(&mut filter);
            (label, filter)
        };
        vec![
            with("every course", &|_| {}),
            with("one qualification", &|f| {
                f.qualification = Some(QualificationCode::new("1340").unwrap())
            }),
            with("grade 기능사", &|f| {
                f.level = Some(grade(Grade::Craftsman))
            }),
            with("NCS level 3", &|f| f.level = Some(ncs(3))),
            with("시도 서울", &|f| f.region = region(Sido::Seoul, None)),
            with("시군구 용산구", &|f| {
                f.region = region(Sido::Seoul, Some("11170"))
            }),
            with("higher education", &|f| {
                f.institution_types = InstitutionType::under(LegalInstitutionType::HigherEducation)
            }),
            with("track 일학습병행", &|f| {
                f.track = Some(Track::WorkStudy)
            }),
            with("training year 2026", &|f| {
                f.starts = Some(StartDates::year(2026).unwrap())
            }),
            with("start dates of 2025's second half", &|f| {
                f.starts = Some(StartDates::between(day("2025-07-01"), day("2025-12-31")).unwrap())
            }),
            with("open for enrollment", &|f| {
                f.status = Some(CourseStatus::OpenForEnrollment)
            }),
            with("running", &|f| f.status = Some(CourseStatus::Running)),
            with("finished", &|f| f.status = Some(CourseStatus::Finished)),
            with("a seat left", &|f| f.min_seats_left = Some(1)),
            with("three seats left", &|f| f.min_seats_left = Some(3)),
            with("text 용접", &|f| f.text = text("용접")),
            with("text 폴리텍", &|f| f.text = text("폴리텍")),
            with("text kor (ASCII without case)", &|f| f.text = text("kor")),
            with("text 기능사", &|f| f.text = text("기능사")),
            with("text 가 (one character)", &|f| f.text = text("가")),
            with("text found nowhere", &|f| f.text = text("없는과정이름")),
            with("open in Seoul with a seat", &|f| {
                f.status = Some(CourseStatus::OpenForEnrollment);
                f.region = region(Sido::Seoul, None);
                f.min_seats_left = Some(1);
            }),
            with("기능사 about 용접 in 2026", &|f| {
                f.level = Some(grade(Grade::Craftsman));
                f.text = text("용접");
                f.starts = Some(StartDates::year(2026).unwrap());
            }),
            with("running at a university or junior college", &|f| {
                f.track = Some(Track::CourseBased);
                f.institution_types =
                    vec![InstitutionType::University, InstitutionType::JuniorCollege];
                f.status = Some(CourseStatus::Running);
            }),
        ]
    }
}

impl Default for SearchWorld {
    fn default() -> Self {
        SearchWorld::new()
    }
}

/// Every page of a course search, from the first, with the cursor of each page handed back.
pub fn all_course_pages<S: CourseSearch + ?Sized>(store: &S, query: CourseQuery) -> Vec<CourseHit> {
    let mut found = Vec::new();
    let mut query_now = query.clone();
    for _ in 0..1000 {
        let page = store.search_courses(&query_now).unwrap();
        assert!(
            page.items.len() <= query.page_size().get() as usize,
            "a page holds at most its size"
        );
        found.extend(page.items);
        match page.next {
            Some(cursor) => {
                query_now = query
                    .clone()
                    .after(&Cursor::parse(cursor.as_str()).unwrap())
                    .unwrap()
            }
            None => return found,
        }
    }
    panic!("a search never reached its last page");
}

fn all_pages<F: SearchFilter>(
    query: Query<F>,
    mut ask: impl FnMut(&Query<F>) -> Page<F::Item>,
) -> Vec<F::Item> {
    let mut found = Vec::new();
    let mut query_now = query.clone();
    for _ in 0..1000 {
        let page = ask(&query_now);
        assert!(page.items.len() <= query.page_size().get() as usize);
        found.extend(page.items);
        match page.next {
            Some(cursor) => query_now = query.clone().after(&cursor).unwrap(),
            None => return found,
        }
    }
    panic!("a search never reached its last page");
}

fn hits(found: &[CourseHit]) -> Vec<(CourseId, u32, CourseStatus)> {
    found
        .iter()
        .map(|h| (h.course.id(), h.seats_left, h.status))
        .collect()
}

/// Qualifications: by name (partial Korean and ASCII text, 1 to many characters), grade, NCS
/// level, job field, NCS classification at each level and track, alone and combined, through
/// pages of 1, 4 and 100.
pub fn search_qualifications_by_name_and_filters<S: Store + CourseSearch>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = SearchWorld::new();
    w.install(&store);
    let text = |t: &str| Some(SearchText::new(t).unwrap());
    let class = |c: &str| Some(NcsClassification::new(c).unwrap());
    let filters: Vec<QualificationFilter> = vec![
        QualificationFilter::default(),
        QualificationFilter {
            name: text("용접"),
            ..Default::default()
        },
        QualificationFilter {
            name: text("용접산업"),
            ..Default::default()
        },
        QualificationFilter {
            name: text("기능사"),
            ..Default::default()
        },
        QualificationFilter {
            name: text("cnc"),
            ..Default::default()
        },
        QualificationFilter {
            name: text("CNC밀링"),
            ..Default::default()
        },
        QualificationFilter {
            name: text("_L"),
            ..Default::default()
        },
        QualificationFilter {
            name: text("%"),
            ..Default::default()
        },
        QualificationFilter {
            name: text("전"),
            ..Default::default()
        },
        QualificationFilter {
            name: text("없는종목"),
            ..Default::default()
        },
        QualificationFilter {
            level: Some(grade(Grade::Craftsman)),
            ..Default::default()
        },
        QualificationFilter {
            level: Some(ncs(3)),
            ..Default::default()
        },
        QualificationFilter {
            field: Some(JobField::new("기계").unwrap()),
            ..Default::default()
        },
        QualificationFilter {
            ncs_class: class("15"),
            ..Default::default()
        },
        QualificationFilter {
            ncs_class: class("1601"),
            ..Default::default()
        },
        QualificationFilter {
            ncs_class: class("160301"),
            ..Default::default()
        },
        QualificationFilter {
            ncs_class: class("16030101"),
            ..Default::default()
        },
        QualificationFilter {
            track: Some(Track::WorkStudy),
            ..Default::default()
        },
        QualificationFilter {
            name: text("용접"),
            level: Some(grade(Grade::Craftsman)),
            track: Some(Track::CourseBased),
            field: Some(JobField::new("재료").unwrap()),
            ncs_class: class("1603"),
        },
    ];
    // The brief's own example, checked against the fixture before anything else.
    let welding: Vec<&str> = w
        .qualifications
        .iter()
        .map(|q| q.name())
        .filter(|n| n.contains("용접"))
        .collect();
    assert!(welding.contains(&"용접산업기사") && welding.contains(&"특수용접기능사"));
    for filter in filters {
        let mut expected: Vec<(String, String)> = w
            .qualifications
            .iter()
            .filter(|q| {
                filter.name.as_ref().is_none_or(|t| {
                    q.name()
                        .to_ascii_lowercase()
                        .contains(&t.as_str().to_ascii_lowercase())
                }) && filter.level.is_none_or(|l| l == q.level())
                    && filter
                        .field
                        .as_ref()
                        .is_none_or(|f| f.as_str() == q.field())
                    && filter.ncs_class.as_ref().is_none_or(|c| {
                        q.ncs_class()
                            .is_some_and(|own| own.as_str().starts_with(c.as_str()))
                    })
                    && filter.track.is_none_or(|t| t == q.track())
            })
            .map(|q| (q.name().to_owned(), q.code().to_string()))
            .collect();
        expected.sort();
        for size in [1, 4, 100] {
            let query =
                QualificationQuery::new(filter.clone(), Sort::Name, PageSize::new(size).unwrap())
                    .unwrap();
            let found: Vec<(String, String)> =
                all_pages(query, |q| store.search_qualifications(q).unwrap())
                    .iter()
                    .map(|q| (q.name().to_owned(), q.code().to_string()))
                    .collect();
            assert_eq!(
                found, expected,
                "qualifications of {filter:?}, pages of {size}"
            );
        }
    }
}

/// Institutions: by name, by type (one, several, every type under a legal type) and by
/// region (시도, 시군구), alone and combined.
pub fn search_institutions_by_name_type_and_region<S: Store + CourseSearch>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let w = SearchWorld::new();
    w.install(&store);
    let text = |t: &str| Some(SearchText::new(t).unwrap());
    let filters: Vec<InstitutionFilter> = vec![
        InstitutionFilter::default(),
        InstitutionFilter {
            name: text("서울"),
            ..Default::default()
        },
        InstitutionFilter {
            name: text("직업"),
            ..Default::default()
        },
        InstitutionFilter {
            name: text("koreatech"),
            ..Default::default()
        },
        InstitutionFilter {
            name: text("(주)"),
            ..Default::default()
        },
        InstitutionFilter {
            types: vec![InstitutionType::Polytechnic],
            ..Default::default()
        },
        InstitutionFilter {
            types: InstitutionType::under(LegalInstitutionType::VocationalTrainingFacility),
            ..Default::default()
        },
        InstitutionFilter {
            region: region(Sido::Seoul, None),
            ..Default::default()
        },
        InstitutionFilter {
            region: region(Sido::Seoul, Some("11350")),
            ..Default::default()
        },
        InstitutionFilter {
            region: region(Sido::Gangwon, None),
            ..Default::default()
        },
        InstitutionFilter {
            name: text("대학"),
            types: vec![InstitutionType::University, InstitutionType::Polytechnic],
            region: region(Sido::Seoul, None),
        },
    ];
    for filter in filters {
        let mut expected: Vec<(String, String)> = w
            .institutions
            .iter()
            .filter(|i| {
                filter.name.as_ref().is_none_or(|t| {
                    i.name()
                        .to_ascii_lowercase()
                        .contains(&t.as_str().to_ascii_lowercase())
                }) && (filter.types.is_empty()
                    || i.institution_type()
                        .is_some_and(|t| filter.types.contains(&t)))
                    && filter.region.as_ref().is_none_or(|r| {
                        i.region().is_some_and(|own| {
                            own.sido() == r.sido()
                                && (r.sigungu().is_none() || r.sigungu() == own.sigungu())
                        })
                    })
            })
            .map(|i| (i.name().to_owned(), i.id().to_string()))
            .collect();
        expected.sort();
        for size in [1, 3, 100] {
            let query =
                InstitutionQuery::new(filter.clone(), Sort::Name, PageSize::new(size).unwrap())
                    .unwrap();
            let found: Vec<(String, String)> =
                all_pages(query, |q| store.search_institutions(q).unwrap())
                    .iter()
                    .map(|i| (i.name().to_owned(), i.id().to_string()))
                    .collect();
            assert_eq!(
                found, expected,
                "institutions of {filter:?}, pages of {size}"
            );
        }
    }
}

/// Courses: every filter of [`SearchWorld::course_filters`], by start date and by name,
/// through pages of 7 and 100; only designated courses, seats left and statuses as the
/// fixture's own counts say, and each hit carrying its course and names.
pub fn search_courses_filters_combine<S: Store + CourseSearch>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = SearchWorld::new();
    w.install(&store);
    let mut nonempty = 0;
    for (label, filter) in w.course_filters() {
        for sort in [Sort::StartDate, Sort::Name] {
            let expected = w.expected_courses(&filter, sort);
            nonempty += usize::from(!expected.is_empty());
            for size in [7, 100] {
                let query =
                    CourseQuery::new(filter.clone(), sort, PageSize::new(size).unwrap()).unwrap();
                let found = all_course_pages(&store, query);
                assert_eq!(
                    hits(&found),
                    expected,
                    "courses: {label}, {sort:?}, pages of {size}"
                );
                for hit in &found {
                    let fixture = w
                        .courses
                        .iter()
                        .find(|c| c.course.id() == hit.course.id())
                        .unwrap();
                    assert_eq!(hit.course, fixture.course);
                    assert_eq!(
                        hit.qualification_name,
                        w.qualification_of(&fixture.course.spec().qualification)
                            .name()
                    );
                    assert_eq!(
                        hit.institution_name,
                        w.institution_of(fixture.course.spec().institution).name()
                    );
                }
            }
        }
    }
    // The fixture is rich enough that most filters find something.
    assert!(
        nonempty >= 40,
        "only {nonempty} of the filters found a course"
    );
}

/// Pages stay stable while rows are added: courses added before and after the position of
/// the first page never make the rest repeat a course or skip one that was there.
pub fn search_pages_stay_stable_while_rows_are_added<S: Store + CourseSearch>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let mut w = SearchWorld::new();
    w.install(&store);
    let filter = CourseFilter::on(today());
    let query =
        CourseQuery::new(filter.clone(), Sort::StartDate, PageSize::new(10).unwrap()).unwrap();
    let first = store.search_courses(&query).unwrap();
    let before = w.expected_courses(&filter, Sort::StartDate);
    assert_eq!(hits(&first.items), before[..10].to_vec());
    let last = first.items.last().unwrap().course.spec().start;
    // Added: one course starting before the page's end, one on the same day, one after.
    let template = w.courses[0].clone();
    let mut added = Vec::new();
    for (n, start) in [
        (0u128, day("2025-01-01")),
        (1, last),
        (2, day("2026-12-01")),
    ] {
        let mut spec = template.course.spec().clone();
        spec.id = CourseId::from_u128(90_000 + n);
        spec.start = start;
        spec.end = start.checked_add_days(Days::new(30)).unwrap();
        spec.designation = Designation::new(
            DesignationStatus::Designated,
            day("2025-01-01"),
            day("2027-12-31"),
        )
        .unwrap();
        let course = FixtureCourse {
            course: Course::new(spec).unwrap(),
            enrolled: 0,
        };
        w.install_course(&store, &course);
        w.courses.push(course.clone());
        added.push(course);
    }
    let rest_query = query.clone().after(&first.next.clone().unwrap()).unwrap();
    let mut rest = first.items.clone();
    rest.extend(all_course_pages(&store, rest_query));
    let found: Vec<CourseId> = rest.iter().map(|h| h.course.id()).collect();
    let distinct: BTreeSet<CourseId> = found.iter().copied().collect();
    assert_eq!(distinct.len(), found.len(), "a course came twice");
    for (id, ..) in &before {
        assert!(
            distinct.contains(id),
            "course {id}, there from the start, was skipped"
        );
    }
    // The added courses are found exactly when they sort after the first page's end.
    let end = Position::new(
        SortKey::StartDate(last),
        first.items.last().unwrap().course.id().to_string(),
    );
    for course in &added {
        let at = Position::new(
            SortKey::StartDate(course.course.spec().start),
            course.course.id().to_string(),
        );
        assert_eq!(
            distinct.contains(&course.course.id()),
            at > end,
            "added course {at:?}"
        );
    }
}

/// A cursor handed out by the store is refused by another query and when changed; the same
/// query takes it.
pub fn search_refuses_foreign_and_changed_cursors<S: Store + CourseSearch>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let w = SearchWorld::new();
    w.install(&store);
    let query = CourseQuery::new(
        CourseFilter::on(today()),
        Sort::StartDate,
        PageSize::new(5).unwrap(),
    )
    .unwrap();
    let cursor = store.search_courses(&query).unwrap().next.unwrap();
    assert!(query.clone().after(&cursor).is_ok());
    let by_name = CourseQuery::new(
        CourseFilter::on(today()),
        Sort::Name,
        PageSize::new(5).unwrap(),
    )
    .unwrap();
    assert_eq!(
        by_name.after(&cursor).unwrap_err(),
        SearchError::CursorOfAnotherQuery
    );
    let bigger = CourseQuery::new(
        CourseFilter::on(today()),
        Sort::StartDate,
        PageSize::new(6).unwrap(),
    )
    .unwrap();
    assert_eq!(
        bigger.after(&cursor).unwrap_err(),
        SearchError::CursorOfAnotherQuery
    );
    let mut other_filter = CourseFilter::on(today());
    other_filter.min_seats_left = Some(1);
    let other = CourseQuery::new(other_filter, Sort::StartDate, PageSize::new(5).unwrap()).unwrap();
    assert_eq!(
        other.after(&cursor).unwrap_err(),
        SearchError::CursorOfAnotherQuery
    );
    let qualifications = QualificationQuery::new(
        QualificationFilter::default(),
        Sort::Name,
        PageSize::new(5).unwrap(),
    )
    .unwrap();
    assert_eq!(
        qualifications.after(&cursor).unwrap_err(),
        SearchError::CursorOfAnotherQuery
    );
    // Change one character of the text, wherever it is.
    let text = cursor.as_str();
    for i in 0..text.len() {
        let mut changed = text.as_bytes().to_vec();
        changed[i] = if changed[i] == b'A' { b'B' } else { b'A' };
        let changed = String::from_utf8(changed).unwrap();
        let answer = Cursor::parse(&changed).and_then(|c| query.clone().after(&c));
        assert!(
            matches!(
                answer,
                Err(SearchError::CursorTampered | SearchError::CursorMalformed)
            ),
            "character {i} changed: {answer:?}"
        );
    }
}

/// The async form: the same pages through [`AsyncCourseSearch`].
pub async fn async_search_pages_through<S: AsyncStore + AsyncCourseSearch>(
    factory: &dyn Fn() -> S,
) {
    let store = factory();
    let w = SearchWorld::new();
    w.install_async(&store).await;
    for (label, filter) in w.course_filters() {
        let expected = w.expected_courses(&filter, Sort::Name);
        let query = CourseQuery::new(filter, Sort::Name, PageSize::new(9).unwrap()).unwrap();
        let mut found = Vec::new();
        let mut now = query.clone();
        loop {
            let page = store.search_courses(&now).await.unwrap();
            found.extend(page.items);
            match page.next {
                Some(cursor) => now = query.clone().after(&cursor).unwrap(),
                None => break,
            }
        }
        assert_eq!(hits(&found), expected, "async courses: {label}");
    }
    let query = QualificationQuery::new(
        QualificationFilter {
            name: Some(SearchText::new("용접").unwrap()),
            ..Default::default()
        },
        Sort::Name,
        PageSize::default(),
    )
    .unwrap();
    let names: Vec<String> = store
        .search_qualifications(&query)
        .await
        .unwrap()
        .items
        .iter()
        .map(|q| q.name().to_owned())
        .collect();
    let mut expected: Vec<String> = w
        .qualifications
        .iter()
        .map(|q| q.name().to_owned())
        .filter(|n| n.contains("용접"))
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    let institutions = InstitutionQuery::new(
        InstitutionFilter {
            region: region(Sido::Seoul, None),
            ..Default::default()
        },
        Sort::Name,
        PageSize::default(),
    )
    .unwrap();
    let seoul = store
        .search_institutions(&institutions)
        .await
        .unwrap()
        .items;
    let expected_seoul = w
        .institutions
        .iter()
        .filter(|i| i.region().is_some_and(|r| r.sido() == Sido::Seoul))
        .count();
    assert_eq!(seoul.len(), expected_seoul);
}

/// Expands to one `#[test]` per search conformance case.
///
/// # Example
/// ```text
/// cqnet_store::search_conformance_tests!(cqnet_adapters::memory::MemoryStore::new);
/// ```
#[macro_export]
macro_rules! search_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::search_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::search_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        $crate::search_conformance_tests!(@cases [$($attr)*] $factory;
            search_qualifications_by_name_and_filters,
            search_institutions_by_name_type_and_region,
            search_courses_filters_combine,
            search_pages_stay_stable_while_rows_are_added,
            search_refuses_foreign_and_changed_cursors);
    };
    (@cases [$($attr:tt)*] $factory:expr; $case:ident $(, $rest:ident)*) => {
        #[test]
        $($attr)*
        fn $case() {
            $crate::testing::search::$case(&$factory);
        }
        $crate::search_conformance_tests!(@cases [$($attr)*] $factory; $($rest),*);
    };
    (@cases [$($attr:tt)*] $factory:expr;) => {};
}

/// Expands to one `#[test]` per async search conformance case.
///
/// # Example
/// ```text
/// cqnet_store::async_search_conformance_tests!(|| cqnet_adapters::memory::MemoryStore::new().into_async());
/// ```
#[macro_export]
macro_rules! async_search_conformance_tests {
    (#[ignore = $reason:literal] $factory:expr) => {
        $crate::async_search_conformance_tests!(@all [#[ignore = $reason]] $factory);
    };
    ($factory:expr) => {
        $crate::async_search_conformance_tests!(@all [] $factory);
    };
    (@all [$($attr:tt)*] $factory:expr) => {
        #[test]
        $($attr)*
        fn async_search_pages_through() {
            $crate::testing::block_on($crate::testing::search::async_search_pages_through(&$factory));
        }
    };
}
