//! People and their enrollments: trainees (훈련생) and learning workers (학습근로자).

use crate::command::bounded_text;

use super::ids::*;
use chrono::NaiveDate;
use cqnet_core::statistics::Gender;
use cqnet_core::{Hours, InputError};
use serde::{Deserialize, Serialize};
/// Whether text contains something shaped like a resident registration number
/// (주민등록번호): six digits, an optional `-` or space, seven digits.
///
/// # Example
/// ```
/// use cqnet_store::training::looks_like_resident_number;
/// assert!(looks_like_resident_number("900101-1234567"));
/// assert!(looks_like_resident_number("RRN 9001011234567"));
/// assert!(!looks_like_resident_number("010-1234-5678"));
/// ```
pub fn looks_like_resident_number(text: &str) -> bool {
    let b = text.as_bytes();
    let digits_at = |start: usize, n: usize| {
        start + n <= b.len() && b[start..start + n].iter().all(u8::is_ascii_digit)
    };
    (0..b.len()).any(|i| {
        let boundary_before = i == 0 || !b[i - 1].is_ascii_digit();
        if !boundary_before || !digits_at(i, 6) {
            return false;
        }
        let rest = if b.get(i + 6).is_some_and(|c| *c == b'-' || *c == b' ') {
            i + 7
        } else {
            i + 6
        };
        digits_at(rest, 7) && !b.get(rest + 7).is_some_and(u8::is_ascii_digit)
    })
}

/// The least personal data of an enrolled person: name, birth date and contact, and
/// optionally the gender (성별) for the published statistics only. Never a resident
/// registration number (주민등록번호).
///
/// # Errors
/// [`Person::new`] refuses an empty name or contact, text shaped like a resident
/// registration number anywhere, and a birth date before 1900.
///
/// # Example
/// ```
/// use cqnet_store::training::Person;
/// let p = Person::new("홍길동", "2001-04-05".parse().unwrap(), "010-1234-5678")?;
/// assert_eq!(p.name(), "홍길동");
/// assert!(Person::new("홍길동", "2001-04-05".parse().unwrap(), "010405-3123456").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PersonWire")]
pub struct Person {
    name: String,
    birth_date: NaiveDate,
    contact: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<Gender>,
}

#[derive(Deserialize)]
struct PersonWire {
    name: String,
    birth_date: NaiveDate,
    contact: String,
    #[serde(default)]
    gender: Option<Gender>,
}

impl TryFrom<PersonWire> for Person {
    type Error = InputError;
    fn try_from(w: PersonWire) -> Result<Self, Self::Error> {
        let person = Person::new(&w.name, w.birth_date, &w.contact)?;
        Ok(match w.gender {
            Some(gender) => person.with_gender(gender),
            None => person,
        })
    }
}

impl Person {
    /// The longest name, in characters.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Person;
    /// let long = "가".repeat(Person::MAX_NAME_CHARS + 1);
    /// assert!(Person::new(&long, "2003-05-17".parse().unwrap(), "010-0000-0000").is_err());
    /// ```
    pub const MAX_NAME_CHARS: usize = 100;

    /// The longest contact (a telephone number or an e-mail address), in characters.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Person;
    /// let long = "0".repeat(Person::MAX_CONTACT_CHARS + 1);
    /// assert!(Person::new("홍길동", "2003-05-17".parse().unwrap(), &long).is_err());
    /// ```
    pub const MAX_CONTACT_CHARS: usize = 200;

    /// A person's data.
    ///
    /// # Errors
    /// [`Person::new`] refuses an empty name or contact, text shaped like a resident
    /// registration number anywhere, and a birth date before 1900.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Person;
    /// let p = Person::new("홍길동", "2003-05-17".parse().unwrap(), "010-0000-0000")?;
    /// assert!(Person::new("", "2003-05-17".parse().unwrap(), "010-0000-0000").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(name: &str, birth_date: NaiveDate, contact: &str) -> Result<Self, InputError> {
        for (what, text) in [("name", name), ("contact", contact)] {
            if looks_like_resident_number(text) {
                return Err(InputError::Malformed {
                    what: if what == "name" {
                        "person name"
                    } else {
                        "person contact"
                    },
                    value: "(withheld)".into(),
                    expected: "no resident registration number (주민등록번호); store name, birth date and contact only",
                });
            }
        }
        let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
        if birth_date < earliest {
            return Err(InputError::OutOfRange {
                what: "birth date",
                min: earliest.to_string(),
                max: "today".into(),
                value: birth_date.to_string(),
            });
        }
        Ok(Person {
            name: bounded_text("person name", name, Self::MAX_NAME_CHARS)?,
            birth_date,
            contact: bounded_text("person contact", contact, Self::MAX_CONTACT_CHARS)?,
            gender: None,
        })
    }
    /// The same person with their gender (성별) recorded. It is kept for the published
    /// statistics only (the funnel by gender, [`crate::statistics`]) and no rule reads it;
    /// a person without it counts as [`Gender::Unknown`] there. Recording
    /// [`Gender::Unknown`] records nothing.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::Gender;
    /// use cqnet_store::training::Person;
    /// let p = Person::new("홍길동", "2003-05-17".parse().unwrap(), "010-0000-0000")?;
    /// assert_eq!(p.gender(), None);
    /// assert_eq!(p.clone().with_gender(Gender::F).gender(), Some(Gender::F));
    /// assert_eq!(p.with_gender(Gender::Unknown).gender(), None);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_gender(mut self, gender: Gender) -> Self {
        self.gender = (gender != Gender::Unknown).then_some(gender);
        self
    }
    /// The gender recorded, if any (for the statistics only; see [`Person::with_gender`]).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::statistics::Gender;
    /// use cqnet_store::training::Person;
    /// let p = Person::new("홍길동", "2003-05-17".parse().unwrap(), "010-0000-0000")?.with_gender(Gender::M);
    /// assert_eq!(p.gender(), Some(Gender::M));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn gender(&self) -> Option<Gender> {
        self.gender
    }
    /// The name.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Person;
    /// let p = Person::new("홍길동", "2003-05-17".parse().unwrap(), "010-0000-0000")?;
    /// assert_eq!(p.name(), "홍길동");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The birth date.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Person;
    /// let p = Person::new("홍길동", "2003-05-17".parse().unwrap(), "010-0000-0000")?;
    /// assert_eq!(p.birth_date().to_string(), "2003-05-17");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
    /// The contact (phone or e-mail).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::Person;
    /// let p = Person::new("홍길동", "2003-05-17".parse().unwrap(), "010-0000-0000")?;
    /// assert_eq!(p.contact(), "010-0000-0000");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn contact(&self) -> &str {
        &self.contact
    }
}

/// What kind of learner an enrollment is.
///
/// # Example
/// ```
/// use cqnet_store::training::{InstitutionId, LearnerKind};
/// use cqnet_core::Hours;
/// let kind = LearnerKind::LearningWorker {
///     company: InstitutionId::from_u128(9),
///     ojt_scheduled: Hours::whole(600)?,
///     off_jt_scheduled: Hours::whole(200)?,
/// };
/// assert_ne!(kind, LearnerKind::Trainee);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum LearnerKind {
    /// A trainee (훈련생) of a 과정평가형 course.
    Trainee,
    /// A learning worker (학습근로자) of 일학습병행, employed by `company`, with the scheduled
    /// on-the-job (OJT, 현장훈련) and off-the-job (Off-JT, 현장외훈련) hours of their contract.
    LearningWorker {
        /// The employing company.
        company: InstitutionId,
        /// Scheduled OJT hours.
        ojt_scheduled: Hours,
        /// Scheduled Off-JT hours.
        off_jt_scheduled: Hours,
    },
}

/// Whether an enrollment is running.
///
/// # Example
/// ```
/// use cqnet_store::training::EnrollmentStatus;
/// assert_ne!(EnrollmentStatus::Active, EnrollmentStatus::Withdrawn);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentStatus {
    /// Training (훈련 중).
    Active,
    /// Withdrawn (중도탈락); the seat stays counted for the cohort.
    Withdrawn,
}

/// One person in one course.
///
/// # Errors
/// [`Enrollment::new`] refuses a learning worker without scheduled hours.
///
/// # Example
/// ```
/// use cqnet_store::training::*;
/// let e = Enrollment::new(
///     EnrollmentId::from_u128(1), CourseId::from_u128(1),
///     Person::new("김훈련", "2000-01-01".parse().unwrap(), "kim@example.com")?,
///     LearnerKind::Trainee, "2026-03-02".parse().unwrap(),
/// )?;
/// assert_eq!(e.status(), EnrollmentStatus::Active);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "EnrollmentWire")]
pub struct Enrollment {
    id: EnrollmentId,
    course: CourseId,
    person: Person,
    kind: LearnerKind,
    enrolled_on: NaiveDate,
    status: EnrollmentStatus,
}

#[derive(Deserialize)]
struct EnrollmentWire {
    id: EnrollmentId,
    course: CourseId,
    person: Person,
    kind: LearnerKind,
    enrolled_on: NaiveDate,
    status: EnrollmentStatus,
}

impl TryFrom<EnrollmentWire> for Enrollment {
    type Error = InputError;
    fn try_from(w: EnrollmentWire) -> Result<Self, Self::Error> {
        Ok(Enrollment::new(w.id, w.course, w.person, w.kind, w.enrolled_on)?.with_status(w.status))
    }
}

impl Enrollment {
    /// An active enrollment.
    ///
    /// # Errors
    /// [`Enrollment::new`] refuses a learning worker without scheduled hours.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::*;
    /// let e = Enrollment::new(
    ///     EnrollmentId::from_u128(1), CourseId::from_u128(2),
    ///     Person::new("김훈련", "2000-01-01".parse().unwrap(), "kim@example.com")?,
    ///     LearnerKind::Trainee, "2026-03-02".parse().unwrap(),
    /// )?;
    /// assert_eq!(e.kind(), LearnerKind::Trainee);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        id: EnrollmentId,
        course: CourseId,
        person: Person,
        kind: LearnerKind,
        enrolled_on: NaiveDate,
    ) -> Result<Self, InputError> {
        if let LearnerKind::LearningWorker {
            ojt_scheduled,
            off_jt_scheduled,
            ..
        } = kind
            && ojt_scheduled.is_zero()
            && off_jt_scheduled.is_zero()
        {
            return Err(InputError::OutOfRange {
                what: "scheduled OJT + Off-JT hours",
                min: "more than 0".into(),
                max: "200000".into(),
                value: "0".into(),
            });
        }
        Ok(Enrollment {
            id,
            course,
            person,
            kind,
            enrolled_on,
            status: EnrollmentStatus::Active,
        })
    }
    /// The same enrollment with another status.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::*;
    /// let e = Enrollment::new(
    ///     EnrollmentId::from_u128(1), CourseId::from_u128(2),
    ///     Person::new("김훈련", "2000-01-01".parse().unwrap(), "kim@example.com")?,
    ///     LearnerKind::Trainee, "2026-03-02".parse().unwrap(),
    /// )?;
    /// assert_eq!(e.with_status(EnrollmentStatus::Withdrawn).status(), EnrollmentStatus::Withdrawn);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_status(mut self, status: EnrollmentStatus) -> Self {
        self.status = status;
        self
    }
    /// The identifier.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::*;
    /// let e = Enrollment::new(
    ///     EnrollmentId::from_u128(1), CourseId::from_u128(2),
    ///     Person::new("김훈련", "2000-01-01".parse().unwrap(), "kim@example.com")?,
    ///     LearnerKind::Trainee, "2026-03-02".parse().unwrap(),
    /// )?;
    /// assert_eq!(e.id(), EnrollmentId::from_u128(1));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn id(&self) -> EnrollmentId {
        self.id
    }
    /// The course.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::*;
    /// let e = Enrollment::new(
    ///     EnrollmentId::from_u128(1), CourseId::from_u128(2),
    ///     Person::new("김훈련", "2000-01-01".parse().unwrap(), "kim@example.com")?,
    ///     LearnerKind::Trainee, "2026-03-02".parse().unwrap(),
    /// )?;
    /// assert_eq!(e.course(), CourseId::from_u128(2));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn course(&self) -> CourseId {
        self.course
    }
    /// The person.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::*;
    /// let e = Enrollment::new(
    ///     EnrollmentId::from_u128(1), CourseId::from_u128(2),
    ///     Person::new("김훈련", "2000-01-01".parse().unwrap(), "kim@example.com")?,
    ///     LearnerKind::Trainee, "2026-03-02".parse().unwrap(),
    /// )?;
    /// assert_eq!(e.person().name(), "김훈련");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn person(&self) -> &Person {
        &self.person
    }
    /// The kind of learner.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::*;
    /// let e = Enrollment::new(
    ///     EnrollmentId::from_u128(1), CourseId::from_u128(2),
    ///     Person::new("김훈련", "2000-01-01".parse().unwrap(), "kim@example.com")?,
    ///     LearnerKind::Trainee, "2026-03-02".parse().unwrap(),
    /// )?;
    /// assert!(matches!(e.kind(), LearnerKind::Trainee));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn kind(&self) -> LearnerKind {
        self.kind
    }
    /// The day of enrollment.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::*;
    /// let e = Enrollment::new(
    ///     EnrollmentId::from_u128(1), CourseId::from_u128(2),
    ///     Person::new("김훈련", "2000-01-01".parse().unwrap(), "kim@example.com")?,
    ///     LearnerKind::Trainee, "2026-03-02".parse().unwrap(),
    /// )?;
    /// assert_eq!(e.enrolled_on().to_string(), "2026-03-02");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn enrolled_on(&self) -> NaiveDate {
        self.enrolled_on
    }
    /// The status.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::*;
    /// let e = Enrollment::new(
    ///     EnrollmentId::from_u128(1), CourseId::from_u128(2),
    ///     Person::new("김훈련", "2000-01-01".parse().unwrap(), "kim@example.com")?,
    ///     LearnerKind::Trainee, "2026-03-02".parse().unwrap(),
    /// )?;
    /// assert_eq!(e.status(), EnrollmentStatus::Active);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn status(&self) -> EnrollmentStatus {
        self.status
    }
}
