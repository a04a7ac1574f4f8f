//! The records the store keeps: identifiers, versions, the catalog, institutions and courses,
//! enrollments, the attendance and evaluation ledgers, and the audit log.
//!
//! Every type with an invariant has private fields and one validating constructor; the same
//! check runs when a record is read back from a store.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use cqnet_core::{Grade, Hours, InputError, NcsLevel, QualificationCode, Score, Track, UnitCode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $ty:ident, $example:literal) => {
        $(#[$doc])*
        ///
        /// Identifiers come from the host (the store never invents them).
        ///
        /// # Example
        /// ```
        #[doc = concat!("use cqnet_store::model::", stringify!($ty), ";")]
        #[doc = concat!("let id: ", stringify!($ty), " = \"", $example, "\".parse()?;")]
        #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
        #[doc = concat!("assert!(\"not-an-id\".parse::<", stringify!($ty), ">().is_err());")]
        /// # Ok::<(), cqnet_core::InputError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $ty(Uuid);

        impl $ty {
            /// The identifier of a UUID chosen by the host.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use cqnet_store::model::", stringify!($ty), ";")]
            #[doc = concat!("let id = ", stringify!($ty), "::new(uuid::Uuid::from_u128(7));")]
            /// assert_eq!(id.uuid().as_u128(), 7);
            /// ```
            pub const fn new(id: Uuid) -> Self {
                $ty(id)
            }

            /// The identifier of a number, for tests and examples.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use cqnet_store::model::", stringify!($ty), ";")]
            #[doc = concat!("assert_ne!(", stringify!($ty), "::from_u128(1), ", stringify!($ty), "::from_u128(2));")]
            /// ```
            pub const fn from_u128(n: u128) -> Self {
                $ty(Uuid::from_u128(n))
            }

            /// The UUID.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use cqnet_store::model::", stringify!($ty), ";")]
            #[doc = concat!("assert_eq!(", stringify!($ty), "::from_u128(3).uuid().as_u128(), 3);")]
            /// ```
            pub const fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $ty {
            type Err = InputError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map($ty).map_err(|_| InputError::Malformed {
                    what: stringify!($ty),
                    value: s.chars().take(64).collect(),
                    expected: "a UUID such as 67e55044-10b1-426f-9247-bb680e5fe0c8",
                })
            }
        }
    };
}

uuid_id!(
    /// A training institution (훈련기관) or a company (기업) that trains learning workers.
    InstitutionId,
    "00000000-0000-0000-0000-000000000001"
);
uuid_id!(
    /// A course (과정): one cohort of one qualification at one institution.
    CourseId,
    "00000000-0000-0000-0000-000000000002"
);
uuid_id!(
    /// An enrollment (훈련생 등록 / 학습근로자 등록) of one person in one course.
    EnrollmentId,
    "00000000-0000-0000-0000-000000000003"
);

/// The optimistic version of a record: 1 when created, one more at every update.
///
/// # Example
/// ```
/// use cqnet_store::model::Version;
/// assert_eq!(Version::FIRST.next(), Version::new(2));
/// assert_eq!(Version::FIRST.get(), 1);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct Version(u64);

impl Version {
    /// The version of a new record.
    pub const FIRST: Version = Version(1);

    /// A version number.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::Version;
    /// assert_eq!(Version::new(3).get(), 3);
    /// ```
    pub const fn new(n: u64) -> Self {
        Version(n)
    }

    /// The number.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::Version;
    /// assert_eq!(Version::FIRST.get(), 1);
    /// ```
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The version after this one.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::Version;
    /// assert_eq!(Version::new(1).next().get(), 2);
    /// ```
    pub const fn next(self) -> Version {
        Version(self.0.saturating_add(1))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A record with its current version.
///
/// # Example
/// ```
/// use cqnet_store::model::{Version, Versioned};
/// let v = Versioned { value: "x", version: Version::FIRST };
/// assert_eq!(v.version.get(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versioned<T> {
    /// The record.
    pub value: T,
    /// Its version, to name in the next update.
    pub version: Version,
}

/// The position of an entry in an append-only ledger (attendance, evaluations, audit), given by
/// the store in the order entries were committed. Never reused.
///
/// # Example
/// ```
/// use cqnet_store::model::Seq;
/// assert!(Seq::new(1) < Seq::new(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seq(u64);

impl Seq {
    /// A position.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::Seq;
    /// assert_eq!(Seq::new(5).get(), 5);
    /// ```
    pub const fn new(n: u64) -> Self {
        Seq(n)
    }

    /// The number.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::Seq;
    /// assert_eq!(Seq::new(9).get(), 9);
    /// ```
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

fn bounded_text(what: &'static str, text: &str, max: usize) -> Result<String, InputError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::Empty { what });
    }
    if trimmed.chars().count() > max {
        return Err(InputError::OutOfRange {
            what,
            min: "1 character".into(),
            max: format!("{max} characters"),
            value: format!("{} characters", trimmed.chars().count()),
        });
    }
    if trimmed.chars().any(char::is_control) {
        return Err(InputError::Malformed {
            what,
            value: trimmed.chars().take(64).collect(),
            expected: "printable text without control characters",
        });
    }
    Ok(trimmed.to_owned())
}

/// An idempotency key: the client's name for one command, so that a retry after a timeout
/// applies the command at most once. 1 to 128 visible ASCII characters.
///
/// # Errors
/// [`InputError::Malformed`] for any other text.
///
/// # Example
/// ```
/// use cqnet_store::model::IdempotencyKey;
/// assert!(IdempotencyKey::new("import-2026-03-02#17").is_ok());
/// assert!(IdempotencyKey::new("").is_err());
/// assert!(IdempotencyKey::new("with space").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// Checks a key.
    ///
    /// # Errors
    /// As described on the type.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::IdempotencyKey;
    /// assert_eq!(IdempotencyKey::new("k1")?.as_str(), "k1");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let ok = (1..=128).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_graphic());
        if !ok {
            return Err(InputError::Malformed {
                what: "idempotency key",
                value: text.chars().take(64).collect(),
                expected: "1 to 128 visible ASCII characters",
            });
        }
        Ok(IdempotencyKey(text.to_owned()))
    }

    /// The key's text.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::IdempotencyKey;
    /// assert_eq!(IdempotencyKey::new("a")?.as_str(), "a");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IdempotencyKey {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        IdempotencyKey::new(&s)
    }
}

impl From<IdempotencyKey> for String {
    fn from(k: IdempotencyKey) -> String {
        k.0
    }
}

/// What an actor is, for the rule of who may do what.
///
/// # Example
/// ```
/// use cqnet_store::model::{InstitutionId, Role};
/// let role = Role::InstitutionStaff(InstitutionId::from_u128(1));
/// assert_ne!(role, Role::Agency);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "role", content = "of")]
#[non_exhaustive]
pub enum Role {
    /// Staff of a training institution (훈련기관 담당자).
    InstitutionStaff(InstitutionId),
    /// Staff of a company that trains learning workers (기업 담당자, 기업현장교사).
    CompanyStaff(InstitutionId),
    /// The agency (HRD Korea, 한국산업인력공단).
    Agency,
    /// A trainee or learning worker acting for themself.
    Learner(EnrollmentId),
    /// An evaluator of the agency (외부평가 평가위원), who enters external results.
    Evaluator,
    /// The host system itself (imports, migrations).
    System,
}

/// Who issued a command: a person's login at the host and their role.
///
/// # Errors
/// [`Actor::new`] refuses an empty or over-long login.
///
/// # Example
/// ```
/// use cqnet_store::model::{Actor, InstitutionId, Role};
/// let actor = Actor::new("kim.staff", Role::InstitutionStaff(InstitutionId::from_u128(1)))?;
/// assert_eq!(actor.login(), "kim.staff");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ActorWire")]
pub struct Actor {
    login: String,
    role: Role,
}

#[derive(Deserialize)]
struct ActorWire {
    login: String,
    role: Role,
}

impl TryFrom<ActorWire> for Actor {
    type Error = InputError;
    fn try_from(w: ActorWire) -> Result<Self, Self::Error> {
        Actor::new(&w.login, w.role)
    }
}

impl Actor {
    /// An actor.
    ///
    /// # Errors
    /// [`InputError::Empty`] or [`InputError::OutOfRange`] for a login that is empty or longer
    /// than 100 characters.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::{Actor, Role};
    /// assert!(Actor::new(" ", Role::Agency).is_err());
    /// ```
    pub fn new(login: &str, role: Role) -> Result<Self, InputError> {
        Ok(Actor {
            login: bounded_text("actor login", login, 100)?,
            role,
        })
    }

    /// The host's login of the person.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::{Actor, Role};
    /// assert_eq!(Actor::new("sys", Role::System)?.login(), "sys");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The role.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::{Actor, Role};
    /// assert_eq!(Actor::new("sys", Role::System)?.role(), Role::System);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn role(&self) -> Role {
        self.role
    }
}

/// Who issues a command and when: written to the audit log with the command, in the same
/// transaction.
///
/// # Example
/// ```
/// use cqnet_store::model::{Actor, CommandMeta, Role};
/// let meta = CommandMeta::new(Actor::new("sys", Role::System)?, "2026-03-02T09:00:00Z".parse().unwrap());
/// assert_eq!(meta.actor.login(), "sys");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandMeta {
    /// Who.
    pub actor: Actor,
    /// When, from the host's clock.
    pub at: DateTime<Utc>,
}

impl CommandMeta {
    /// A command's metadata.
    ///
    /// # Example
    /// See the type.
    pub fn new(actor: Actor, at: DateTime<Utc>) -> Self {
        CommandMeta { actor, at }
    }
}

/// The grade or level of a qualification: a national technical qualification grade
/// (과정평가형) or an NCS level (일학습병행).
///
/// # Example
/// ```
/// use cqnet_store::model::QualificationLevel;
/// use cqnet_core::{Grade, NcsLevel};
/// let level = QualificationLevel::Ncs(NcsLevel::new(3)?);
/// assert_ne!(level, QualificationLevel::Grade(Grade::Craftsman));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualificationLevel {
    /// 등급 of a national technical qualification (기사, 산업기사, 기능사, …).
    Grade(Grade),
    /// NCS 수준 of a work-study qualification.
    Ncs(NcsLevel),
}

/// A qualification of the catalog (종목): code, name, grade or level, track and field (직무분야).
///
/// # Errors
/// [`Qualification::new`] refuses an empty name or field, and a level that does not fit the
/// track (a grade for 과정평가형, an NCS level for 일학습병행).
///
/// # Example
/// ```
/// use cqnet_store::model::{Qualification, QualificationLevel};
/// use cqnet_core::{Grade, QualificationCode, Track};
/// let q = Qualification::new(
///     QualificationCode::example(), "컴퓨터응용선반기능사",
///     QualificationLevel::Grade(Grade::Craftsman), Track::CourseBased, "기계",
/// )?;
/// assert_eq!(q.name(), "컴퓨터응용선반기능사");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "QualificationWire")]
pub struct Qualification {
    code: QualificationCode,
    name: String,
    level: QualificationLevel,
    track: Track,
    field: String,
}

#[derive(Deserialize)]
struct QualificationWire {
    code: QualificationCode,
    name: String,
    level: QualificationLevel,
    track: Track,
    field: String,
}

impl TryFrom<QualificationWire> for Qualification {
    type Error = InputError;
    fn try_from(w: QualificationWire) -> Result<Self, Self::Error> {
        Qualification::new(w.code, &w.name, w.level, w.track, &w.field)
    }
}

impl Qualification {
    /// A catalog entry.
    ///
    /// # Errors
    /// As described on the type.
    ///
    /// # Example
    /// See the type.
    pub fn new(
        code: QualificationCode,
        name: &str,
        level: QualificationLevel,
        track: Track,
        field: &str,
    ) -> Result<Self, InputError> {
        let fits = matches!(
            (track, level),
            (Track::CourseBased, QualificationLevel::Grade(_))
                | (Track::WorkStudy, QualificationLevel::Ncs(_))
        );
        if !fits {
            return Err(InputError::Inconsistent(format!(
                "a {track} qualification takes {} as its level",
                match track {
                    Track::CourseBased => "a grade (등급)",
                    Track::WorkStudy => "an NCS level (수준)",
                }
            )));
        }
        Ok(Qualification {
            code,
            name: bounded_text("qualification name", name, 200)?,
            level,
            track,
            field: bounded_text("qualification field", field, 200)?,
        })
    }

    /// The code (종목코드).
    ///
    /// # Example
    /// See the type.
    pub fn code(&self) -> &QualificationCode {
        &self.code
    }
    /// The name (종목명).
    ///
    /// # Example
    /// See the type.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The grade or level.
    ///
    /// # Example
    /// See the type.
    pub fn level(&self) -> QualificationLevel {
        self.level
    }
    /// The track.
    ///
    /// # Example
    /// See the type.
    pub fn track(&self) -> Track {
        self.track
    }
    /// The field (직무분야).
    ///
    /// # Example
    /// See the type.
    pub fn field(&self) -> &str {
        &self.field
    }
}

/// The version label of a curriculum standard (편성기준), such as `2024-1`.
///
/// # Errors
/// [`StandardVersion::new`] refuses anything but 1 to 32 ASCII letters, digits, `.`, `-`, `_`.
///
/// # Example
/// ```
/// use cqnet_store::model::StandardVersion;
/// assert!(StandardVersion::new("2024-1").is_ok());
/// assert!(StandardVersion::new("2024 1").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StandardVersion(String);

impl StandardVersion {
    /// Checks a version label.
    ///
    /// # Errors
    /// As described on the type.
    ///
    /// # Example
    /// See the type.
    pub fn new(text: &str) -> Result<Self, InputError> {
        let ok = (1..=32).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if !ok {
            return Err(InputError::Malformed {
                what: "curriculum standard version",
                value: text.chars().take(64).collect(),
                expected: "1 to 32 ASCII letters, digits, '.', '-' or '_'",
            });
        }
        Ok(StandardVersion(text.to_owned()))
    }

    /// The label.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::model::StandardVersion;
    /// assert_eq!(StandardVersion::new("v1")?.as_str(), "v1");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for StandardVersion {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        StandardVersion::new(&s)
    }
}

impl From<StandardVersion> for String {
    fn from(v: StandardVersion) -> String {
        v.0
    }
}

impl fmt::Display for StandardVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of organisation an institution is.
///
/// # Example
/// ```
/// use cqnet_store::model::InstitutionKind;
/// assert_ne!(InstitutionKind::TrainingInstitution, InstitutionKind::Company);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    /// A training institution (교육·훈련기관) running designated 과정평가형 courses.
    TrainingInstitution,
    /// A company (학습기업) training learning workers under 일학습병행.
    Company,
}

/// A training institution or company.
///
/// # Errors
/// [`Institution::new`] refuses an empty name.
///
/// # Example
/// ```
/// use cqnet_store::model::{Institution, InstitutionId, InstitutionKind};
/// let i = Institution::new(InstitutionId::from_u128(1), "한국폴리텍대학", InstitutionKind::TrainingInstitution)?;
/// assert_eq!(i.name(), "한국폴리텍대학");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "InstitutionWire")]
pub struct Institution {
    id: InstitutionId,
    name: String,
    kind: InstitutionKind,
}

#[derive(Deserialize)]
struct InstitutionWire {
    id: InstitutionId,
    name: String,
    kind: InstitutionKind,
}

impl TryFrom<InstitutionWire> for Institution {
    type Error = InputError;
    fn try_from(w: InstitutionWire) -> Result<Self, Self::Error> {
        Institution::new(w.id, &w.name, w.kind)
    }
}

impl Institution {
    /// An institution.
    ///
    /// # Errors
    /// As described on the type.
    ///
    /// # Example
    /// See the type.
    pub fn new(id: InstitutionId, name: &str, kind: InstitutionKind) -> Result<Self, InputError> {
        Ok(Institution {
            id,
            name: bounded_text("institution name", name, 200)?,
            kind,
        })
    }
    /// The identifier.
    ///
    /// # Example
    /// See the type.
    pub fn id(&self) -> InstitutionId {
        self.id
    }
    /// The name.
    ///
    /// # Example
    /// See the type.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The kind.
    ///
    /// # Example
    /// See the type.
    pub fn kind(&self) -> InstitutionKind {
        self.kind
    }
}

/// Where a course stands in its designation (과정 지정).
///
/// # Example
/// ```
/// use cqnet_store::model::DesignationStatus;
/// assert_eq!(serde_json::to_string(&DesignationStatus::Designated).unwrap(), "\"designated\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DesignationStatus {
    /// Applied for, not yet decided (지정 신청).
    Applied,
    /// Designated (지정).
    Designated,
    /// Designation suspended (지정 효력 정지).
    Suspended,
    /// Designation revoked (지정 취소).
    Revoked,
}

/// A designation status with the interval it holds for (`valid_from..=valid_until`).
///
/// # Errors
/// [`Designation::new`] refuses an interval that ends before it starts.
///
/// # Example
/// ```
/// use cqnet_store::model::{Designation, DesignationStatus};
/// let d = Designation::new(DesignationStatus::Designated, "2026-01-01".parse().unwrap(), "2027-12-31".parse().unwrap())?;
/// assert!(d.covers("2026-06-01".parse().unwrap()));
/// assert!(Designation::new(DesignationStatus::Designated, "2026-01-02".parse().unwrap(), "2026-01-01".parse().unwrap()).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "DesignationWire")]
pub struct Designation {
    status: DesignationStatus,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
}

#[derive(Deserialize)]
struct DesignationWire {
    status: DesignationStatus,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
}

impl TryFrom<DesignationWire> for Designation {
    type Error = InputError;
    fn try_from(w: DesignationWire) -> Result<Self, Self::Error> {
        Designation::new(w.status, w.valid_from, w.valid_until)
    }
}

impl Designation {
    /// A designation.
    ///
    /// # Errors
    /// As described on the type.
    ///
    /// # Example
    /// See the type.
    pub fn new(
        status: DesignationStatus,
        valid_from: NaiveDate,
        valid_until: NaiveDate,
    ) -> Result<Self, InputError> {
        if valid_until < valid_from {
            return Err(InputError::Inconsistent(format!(
                "a designation valid from {valid_from} cannot end on {valid_until}"
            )));
        }
        Ok(Designation {
            status,
            valid_from,
            valid_until,
        })
    }
    /// The status.
    ///
    /// # Example
    /// See the type.
    pub fn status(&self) -> DesignationStatus {
        self.status
    }
    /// The first day the status holds.
    ///
    /// # Example
    /// See the type.
    pub fn valid_from(&self) -> NaiveDate {
        self.valid_from
    }
    /// The last day the status holds.
    ///
    /// # Example
    /// See the type.
    pub fn valid_until(&self) -> NaiveDate {
        self.valid_until
    }
    /// Whether `day` lies in the interval.
    ///
    /// # Example
    /// See the type.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && day <= self.valid_until
    }
}

/// A competency unit (능력단위) as a course runs it: scheduled hours and the number of internal
/// evaluation rounds (내부평가 회차).
///
/// # Errors
/// [`CourseUnit::new`] refuses zero scheduled hours and more than 20 rounds.
///
/// # Example
/// ```
/// use cqnet_store::model::CourseUnit;
/// use cqnet_core::{Hours, UnitCode};
/// let unit = CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 2)?;
/// assert_eq!(unit.rounds(), 2);
/// assert!(CourseUnit::new(UnitCode::example(), Hours::ZERO, 1).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CourseUnitWire")]
pub struct CourseUnit {
    code: UnitCode,
    scheduled: Hours,
    rounds: u8,
}

#[derive(Deserialize)]
struct CourseUnitWire {
    code: UnitCode,
    scheduled: Hours,
    rounds: u8,
}

impl TryFrom<CourseUnitWire> for CourseUnit {
    type Error = InputError;
    fn try_from(w: CourseUnitWire) -> Result<Self, Self::Error> {
        CourseUnit::new(w.code, w.scheduled, w.rounds)
    }
}

impl CourseUnit {
    /// A unit of a course.
    ///
    /// # Errors
    /// As described on the type.
    ///
    /// # Example
    /// See the type.
    pub fn new(code: UnitCode, scheduled: Hours, rounds: u8) -> Result<Self, InputError> {
        if scheduled.is_zero() {
            return Err(InputError::OutOfRange {
                what: "scheduled hours of a course unit",
                min: "more than 0".into(),
                max: "100000".into(),
                value: "0".into(),
            });
        }
        if rounds > 20 {
            return Err(InputError::OutOfRange {
                what: "internal evaluation rounds of a unit",
                min: "0".into(),
                max: "20".into(),
                value: rounds.to_string(),
            });
        }
        Ok(CourseUnit {
            code,
            scheduled,
            rounds,
        })
    }
    /// The unit's code.
    ///
    /// # Example
    /// See the type.
    pub fn code(&self) -> &UnitCode {
        &self.code
    }
    /// Scheduled hours.
    ///
    /// # Example
    /// See the type.
    pub fn scheduled(&self) -> Hours {
        self.scheduled
    }
    /// Internal evaluation rounds.
    ///
    /// # Example
    /// See the type.
    pub fn rounds(&self) -> u8 {
        self.rounds
    }
}

/// A course (과정): it belongs to an institution, follows one version of its qualification's
/// curriculum standard, runs from `start` to `end`, seats `capacity` people and carries its
/// designation.
///
/// # Errors
/// [`Course::new`] refuses an end before the start, a capacity of 0 or above 10,000, no unit,
/// or a unit listed twice.
///
/// # Example
/// ```
/// use cqnet_store::model::*;
/// use cqnet_core::{Hours, QualificationCode, Track, UnitCode};
/// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let course = Course::new(CourseSpec {
///     id: CourseId::from_u128(1),
///     institution: InstitutionId::from_u128(1),
///     qualification: QualificationCode::example(),
///     standard_version: StandardVersion::new("2024-1")?,
///     track: Track::CourseBased,
///     start: day("2026-03-02"),
///     end: day("2026-08-31"),
///     capacity: 20,
///     units: vec![CourseUnit::new(UnitCode::example(), Hours::whole(40)?, 1)?],
///     designation: Designation::new(DesignationStatus::Designated, day("2026-01-01"), day("2027-12-31"))?,
/// })?;
/// assert_eq!(course.spec().capacity, 20);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CourseSpec", into = "CourseSpec")]
pub struct Course {
    spec: CourseSpec,
}

/// The parts of a [`Course`], checked by [`Course::new`].
///
/// # Example
/// See [`Course`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseSpec {
    /// The course.
    pub id: CourseId,
    /// The institution (or company) that runs it.
    pub institution: InstitutionId,
    /// The qualification it leads to.
    pub qualification: QualificationCode,
    /// The curriculum standard version (편성기준 버전) it follows.
    pub standard_version: StandardVersion,
    /// The track.
    pub track: Track,
    /// First day of training (훈련 시작일).
    pub start: NaiveDate,
    /// Last day of training (훈련 종료일).
    pub end: NaiveDate,
    /// Seats (정원).
    pub capacity: u32,
    /// The competency units it runs.
    pub units: Vec<CourseUnit>,
    /// Its designation (과정 지정) and validity interval.
    pub designation: Designation,
}

impl TryFrom<CourseSpec> for Course {
    type Error = InputError;
    fn try_from(spec: CourseSpec) -> Result<Self, Self::Error> {
        Course::new(spec)
    }
}

impl From<Course> for CourseSpec {
    fn from(c: Course) -> Self {
        c.spec
    }
}

impl Course {
    /// Checks a course.
    ///
    /// # Errors
    /// As described on the type.
    ///
    /// # Example
    /// See the type.
    pub fn new(spec: CourseSpec) -> Result<Self, InputError> {
        if spec.end < spec.start {
            return Err(InputError::Inconsistent(format!(
                "a course starting on {} cannot end on {}",
                spec.start, spec.end
            )));
        }
        if !(1..=10_000).contains(&spec.capacity) {
            return Err(InputError::OutOfRange {
                what: "course capacity",
                min: "1".into(),
                max: "10000".into(),
                value: spec.capacity.to_string(),
            });
        }
        if spec.units.is_empty() {
            return Err(InputError::Empty {
                what: "units of a course",
            });
        }
        let mut seen = std::collections::BTreeSet::new();
        for unit in &spec.units {
            if !seen.insert(unit.code.as_str()) {
                return Err(InputError::Duplicate {
                    what: "course unit",
                    key: unit.code.to_string(),
                });
            }
        }
        Ok(Course { spec })
    }
    /// The course's parts.
    ///
    /// # Example
    /// See the type.
    pub fn spec(&self) -> &CourseSpec {
        &self.spec
    }
    /// The identifier.
    ///
    /// # Example
    /// See the type.
    pub fn id(&self) -> CourseId {
        self.spec.id
    }
    /// The unit with this code, if the course runs it.
    ///
    /// # Example
    /// See the type.
    pub fn unit(&self, code: &UnitCode) -> Option<&CourseUnit> {
        self.spec.units.iter().find(|u| &u.code == code)
    }
    /// The same course with another designation (for an update).
    ///
    /// # Example
    /// See the type.
    pub fn with_designation(mut self, designation: Designation) -> Self {
        self.spec.designation = designation;
        self
    }
}

/// Whether text contains something shaped like a resident registration number
/// (주민등록번호): six digits, an optional `-` or space, seven digits.
///
/// # Example
/// ```
/// use cqnet_store::model::looks_like_resident_number;
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

/// The least personal data of an enrolled person: name, birth date and contact. Never a
/// resident registration number (주민등록번호).
///
/// # Errors
/// [`Person::new`] refuses an empty name or contact, text shaped like a resident
/// registration number anywhere, and a birth date before 1900.
///
/// # Example
/// ```
/// use cqnet_store::model::Person;
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
}

#[derive(Deserialize)]
struct PersonWire {
    name: String,
    birth_date: NaiveDate,
    contact: String,
}

impl TryFrom<PersonWire> for Person {
    type Error = InputError;
    fn try_from(w: PersonWire) -> Result<Self, Self::Error> {
        Person::new(&w.name, w.birth_date, &w.contact)
    }
}

impl Person {
    /// A person's data.
    ///
    /// # Errors
    /// As described on the type.
    ///
    /// # Example
    /// See the type.
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
            name: bounded_text("person name", name, 100)?,
            birth_date,
            contact: bounded_text("person contact", contact, 200)?,
        })
    }
    /// The name.
    ///
    /// # Example
    /// See the type.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The birth date.
    ///
    /// # Example
    /// See the type.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
    /// The contact (phone or e-mail).
    ///
    /// # Example
    /// See the type.
    pub fn contact(&self) -> &str {
        &self.contact
    }
}

/// What kind of learner an enrollment is.
///
/// # Example
/// ```
/// use cqnet_store::model::{InstitutionId, LearnerKind};
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
/// use cqnet_store::model::EnrollmentStatus;
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
/// use cqnet_store::model::*;
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
    /// As described on the type.
    ///
    /// # Example
    /// See the type.
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
    /// See the type.
    pub fn with_status(mut self, status: EnrollmentStatus) -> Self {
        self.status = status;
        self
    }
    /// The identifier.
    ///
    /// # Example
    /// See the type.
    pub fn id(&self) -> EnrollmentId {
        self.id
    }
    /// The course.
    ///
    /// # Example
    /// See the type.
    pub fn course(&self) -> CourseId {
        self.course
    }
    /// The person.
    ///
    /// # Example
    /// See the type.
    pub fn person(&self) -> &Person {
        &self.person
    }
    /// The kind of learner.
    ///
    /// # Example
    /// See the type.
    pub fn kind(&self) -> LearnerKind {
        self.kind
    }
    /// The day of enrollment.
    ///
    /// # Example
    /// See the type.
    pub fn enrolled_on(&self) -> NaiveDate {
        self.enrolled_on
    }
    /// The status.
    ///
    /// # Example
    /// See the type.
    pub fn status(&self) -> EnrollmentStatus {
        self.status
    }
}

/// What attended hours count towards.
///
/// # Example
/// ```
/// use cqnet_store::model::AttendanceTarget;
/// use cqnet_core::UnitCode;
/// assert_ne!(AttendanceTarget::Unit(UnitCode::example()), AttendanceTarget::Ojt);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "target", content = "unit")]
pub enum AttendanceTarget {
    /// A competency unit of a 과정평가형 course.
    Unit(UnitCode),
    /// On-the-job training (OJT, 현장훈련) of a learning worker.
    Ojt,
    /// Off-the-job training (Off-JT, 현장외훈련) of a learning worker.
    OffJt,
}

/// An attendance fact to append: `hours` attended on `day`, or, with `corrects`, the corrected
/// hours of an earlier entry (which the correction supersedes; nothing is overwritten).
///
/// # Example
/// ```
/// use cqnet_store::model::{AttendanceTarget, EnrollmentId, NewAttendance};
/// use cqnet_core::Hours;
/// let a = NewAttendance {
///     enrollment: EnrollmentId::from_u128(1),
///     target: AttendanceTarget::Ojt,
///     day: "2026-03-02".parse().unwrap(),
///     hours: Hours::whole(8)?,
///     corrects: None,
/// };
/// assert_eq!(a.hours, Hours::whole(8)?);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAttendance {
    /// Whose attendance.
    pub enrollment: EnrollmentId,
    /// What it counts towards.
    pub target: AttendanceTarget,
    /// The training day.
    pub day: NaiveDate,
    /// Hours attended that day.
    pub hours: Hours,
    /// The entry this one corrects, if any.
    pub corrects: Option<Seq>,
}

/// A committed attendance entry: the fact, its position, and who recorded it when.
///
/// # Example
/// See [`crate::LedgerStore`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceEntry {
    /// Its position in the ledger.
    pub seq: Seq,
    /// The fact.
    pub fact: NewAttendance,
    /// Who recorded it.
    pub recorded_by: Actor,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// The result of one internal evaluation (내부평가).
///
/// # Example
/// ```
/// use cqnet_store::model::EvaluationResult;
/// use cqnet_core::Score;
/// let r = EvaluationResult::Round { round: 1, score: Some(Score::new(70.into())?) };
/// assert_ne!(r, EvaluationResult::Passed(true));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationResult {
    /// A scored round of a 과정평가형 unit (`None`: absent from the round).
    Round {
        /// The round, from 1.
        round: u8,
        /// The score, or `None` when not taken.
        score: Option<Score>,
    },
    /// A unit passed or failed (일학습병행).
    Passed(bool),
}

/// An evaluation fact to append (or, with `corrects`, the correction of an earlier entry).
///
/// # Example
/// ```
/// use cqnet_store::model::{EnrollmentId, EvaluationResult, NewEvaluation};
/// use cqnet_core::UnitCode;
/// let e = NewEvaluation {
///     enrollment: EnrollmentId::from_u128(1),
///     unit: UnitCode::example(),
///     result: EvaluationResult::Passed(true),
///     corrects: None,
/// };
/// assert!(e.corrects.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEvaluation {
    /// Whose evaluation.
    pub enrollment: EnrollmentId,
    /// The competency unit.
    pub unit: UnitCode,
    /// The result.
    pub result: EvaluationResult,
    /// The entry this one corrects, if any.
    pub corrects: Option<Seq>,
}

/// A committed evaluation entry.
///
/// # Example
/// See [`crate::LedgerStore`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationEntry {
    /// Its position in the ledger.
    pub seq: Seq,
    /// The fact.
    pub fact: NewEvaluation,
    /// Who recorded it.
    pub recorded_by: Actor,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// A note for the audit log written by a service or the host (a refused command, a login).
///
/// # Example
/// ```
/// use cqnet_store::model::{Actor, AuditNote, CommandMeta, Role};
/// let note = AuditNote {
///     meta: CommandMeta::new(Actor::new("x", Role::Agency)?, "2026-01-01T00:00:00Z".parse().unwrap()),
///     command: "record_attendance".into(),
///     subject: "enrollment 1".into(),
///     outcome: "refused: not staff of the institution".into(),
/// };
/// assert_eq!(note.command, "record_attendance");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditNote {
    /// Who and when.
    pub meta: CommandMeta,
    /// The command's name.
    pub command: String,
    /// What it acted on.
    pub subject: String,
    /// What came of it.
    pub outcome: String,
}

/// One line of the append-only audit log.
///
/// # Example
/// See [`crate::AuditLog`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Its position.
    pub seq: Seq,
    /// Who.
    pub actor: Actor,
    /// When.
    pub at: DateTime<Utc>,
    /// The command's name (`enroll`, `append_attendance`, …).
    pub command: String,
    /// What it acted on.
    pub subject: String,
    /// What came of it (`ok`, `refused: …`).
    pub outcome: String,
}
