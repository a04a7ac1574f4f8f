//! The records of exams: what the store keeps and the service hands out.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use cqnet_core::exam::{ExamNumber, ExamPlan};
use cqnet_core::rules::CancelReason;
use cqnet_core::work_study::UnitResult;
use cqnet_core::{InputError, QualificationCode, Score, Track, Won};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::training::EnrollmentId;

/// The identifier of a round: the plan's year, system code and round, such as `2026-C1-01`
/// ([`ExamPlan::id`]).
///
/// # Errors
/// [`RoundId::new`] refuses any other form.
///
/// # Example
/// ```
/// use cqnet_core::exam::ExamPlan;
/// use cqnet_store::exam::RoundId;
/// assert_eq!(RoundId::of(&ExamPlan::example()), RoundId::new("2026-C1-01")?);
/// assert!(RoundId::new("2026-X1-01").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RoundId(String);

impl RoundId {
    /// Checks a round identifier (회차): year, system code and round from 01, joined by `-`.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for any other form.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::RoundId;
    /// assert_eq!(RoundId::new("2027-W3-05")?.as_str(), "2027-W3-05");
    /// assert!(RoundId::new("2027-W3-00").is_err());
    /// assert!(RoundId::new("2027-W3-5").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let b = text.as_bytes();
        let ok = b.len() == 10
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && text
                .get(5..7)
                .is_some_and(|s| s.parse::<cqnet_core::exam::SystemCode>().is_ok())
            && b[7] == b'-'
            && b[8..].iter().all(u8::is_ascii_digit)
            && &b[8..] != b"00";
        if !ok {
            return Err(InputError::Malformed {
                what: "round identifier",
                value: text.chars().take(32).collect(),
                expected: "year-system-round, such as 2026-C1-01",
            });
        }
        Ok(RoundId(text.to_owned()))
    }

    /// The identifier of a plan's round ([`ExamPlan::id`]).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::ExamPlan;
    /// use cqnet_store::exam::RoundId;
    /// let plan = ExamPlan::example();
    /// assert_eq!(RoundId::of(&plan).as_str(), plan.id());
    /// ```
    pub fn of(plan: &ExamPlan) -> Self {
        RoundId(plan.id())
    }

    /// The identifier's text (`2026-C1-01`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::RoundId;
    /// let id = RoundId::new("2026-C2-03")?;
    /// assert_eq!(id.as_str(), "2026-C2-03");
    /// assert_eq!(id.as_str(), id.to_string());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RoundId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for RoundId {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        RoundId::new(&s)
    }
}

impl From<RoundId> for String {
    fn from(r: RoundId) -> String {
        r.0
    }
}

impl FromStr for RoundId {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RoundId::new(s)
    }
}

/// The code of a venue (시험장) within a round: 1 to 32 ASCII letters, digits, `-` or `_`.
///
/// # Errors
/// [`VenueCode::new`] refuses any other text.
///
/// # Example
/// ```
/// use cqnet_store::exam::VenueCode;
/// assert_eq!(VenueCode::new("busan-02")?.as_str(), "busan-02");
/// assert!(VenueCode::new("부산").is_err());
/// assert!(VenueCode::new("").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VenueCode(String);

impl VenueCode {
    /// Checks a venue code (시험장 코드): 1 to 32 ASCII letters, digits, `-` or `_`.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for any other text.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::VenueCode;
    /// assert!(VenueCode::new("seoul_01").is_ok());
    /// assert!(VenueCode::new("seoul 01").is_err());
    /// assert!(VenueCode::new(&"v".repeat(33)).is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let ok = (1..=32).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !ok {
            return Err(InputError::Malformed {
                what: "venue code",
                value: text.chars().take(40).collect(),
                expected: "1 to 32 ASCII letters, digits, - or _",
            });
        }
        Ok(VenueCode(text.to_owned()))
    }

    /// The code's text.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::VenueCode;
    /// let code = VenueCode::new("daejeon-1")?;
    /// assert_eq!(code.as_str(), "daejeon-1");
    /// assert_eq!(code.as_str(), code.to_string());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for VenueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for VenueCode {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        VenueCode::new(&s)
    }
}

impl From<VenueCode> for String {
    fn from(v: VenueCode) -> String {
        v.0
    }
}

/// The identifier of an application (원서), chosen by the host.
///
/// # Example
/// ```
/// use cqnet_store::exam::ApplicationId;
/// let id = ApplicationId::from_u128(7);
/// assert_eq!(id.to_string().parse::<ApplicationId>()?, id);
/// assert_eq!(id.uuid().as_u128(), 7);
/// assert!("x".parse::<ApplicationId>().is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApplicationId(Uuid);

impl ApplicationId {
    /// The identifier of an application (원서) from a UUID chosen by the host.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::ApplicationId;
    /// let uuid = uuid::Uuid::from_u128(0x1234);
    /// let id = ApplicationId::new(uuid);
    /// assert_eq!(id.uuid(), uuid);
    /// assert_eq!(id, ApplicationId::from_u128(0x1234));
    /// ```
    pub const fn new(id: Uuid) -> Self {
        ApplicationId(id)
    }

    /// The identifier of a number, for tests and examples: the UUID whose 128 bits are `n`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::ApplicationId;
    /// assert_eq!(ApplicationId::from_u128(1).to_string(), "00000000-0000-0000-0000-000000000001");
    /// assert_ne!(ApplicationId::from_u128(1), ApplicationId::from_u128(2));
    /// ```
    pub const fn from_u128(n: u128) -> Self {
        ApplicationId(Uuid::from_u128(n))
    }

    /// The UUID the identifier wraps.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::ApplicationId;
    /// assert_eq!(ApplicationId::from_u128(42).uuid().as_u128(), 42);
    /// ```
    pub const fn uuid(self) -> Uuid {
        self.0
    }
}

impl fmt::Display for ApplicationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl FromStr for ApplicationId {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s)
            .map(ApplicationId)
            .map_err(|_| InputError::Malformed {
                what: "application identifier",
                value: s.chars().take(64).collect(),
                expected: "a UUID",
            })
    }
}

/// A venue (시험장) of a round with its capacity (정원), 1 to 100,000 seats.
///
/// # Errors
/// [`Venue::new`] refuses a capacity of 0 or above 100,000 and an empty or over-long name.
///
/// # Example
/// ```
/// use cqnet_store::exam::{Venue, VenueCode};
/// let v = Venue::new(VenueCode::new("v1")?, "대전 시험장", 30)?;
/// assert_eq!(v.capacity(), 30);
/// assert!(Venue::new(VenueCode::new("v1")?, "대전 시험장", 0).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "VenueWire")]
pub struct Venue {
    code: VenueCode,
    name: String,
    capacity: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VenueWire {
    code: VenueCode,
    name: String,
    capacity: u32,
}

impl TryFrom<VenueWire> for Venue {
    type Error = InputError;
    fn try_from(w: VenueWire) -> Result<Self, Self::Error> {
        Venue::new(w.code, &w.name, w.capacity)
    }
}

/// The most seats a venue may have.
pub const MAX_VENUE_CAPACITY: u32 = 100_000;

impl Venue {
    /// The longest name, in characters.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::{Venue, VenueCode};
    /// let long = "가".repeat(Venue::MAX_NAME_CHARS + 1);
    /// assert!(Venue::new(VenueCode::new("seoul-01").unwrap(), &long, 100).is_err());
    /// ```
    pub const MAX_NAME_CHARS: usize = 200;

    /// A venue (시험장) with its code, its name (trimmed) and its capacity (정원).
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for a capacity of 0 or above [`MAX_VENUE_CAPACITY`];
    /// [`InputError::Malformed`] for an empty name, one over 200 characters or one with control
    /// characters.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::{Venue, VenueCode, MAX_VENUE_CAPACITY};
    /// let venue = Venue::new(VenueCode::new("v1")?, "  서울 시험장 ", 40)?;
    /// assert_eq!(venue.name(), "서울 시험장");
    /// assert!(Venue::new(VenueCode::new("v1")?, "서울 시험장", MAX_VENUE_CAPACITY + 1).is_err());
    /// assert!(Venue::new(VenueCode::new("v1")?, "   ", 40).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(code: VenueCode, name: &str, capacity: u32) -> Result<Self, InputError> {
        if !(1..=MAX_VENUE_CAPACITY).contains(&capacity) {
            return Err(InputError::OutOfRange {
                what: "venue capacity",
                min: "1".into(),
                max: MAX_VENUE_CAPACITY.to_string(),
                value: capacity.to_string(),
            });
        }
        let name = name.trim();
        if name.is_empty()
            || name.chars().count() > Self::MAX_NAME_CHARS
            || name.chars().any(char::is_control)
        {
            return Err(InputError::Malformed {
                what: "venue name",
                value: name.chars().take(64).collect(),
                expected: "1 to 200 printable characters",
            });
        }
        Ok(Venue {
            code,
            name: name.to_owned(),
            capacity,
        })
    }

    /// The venue's code within its round.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::{Venue, VenueCode};
    /// let venue = Venue::new(VenueCode::new("busan-02")?, "부산 시험장", 30)?;
    /// assert_eq!(venue.code().as_str(), "busan-02");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn code(&self) -> &VenueCode {
        &self.code
    }

    /// The venue's name (시험장명), trimmed.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::{Venue, VenueCode};
    /// let venue = Venue::new(VenueCode::new("v1")?, "대전 시험장", 30)?;
    /// assert_eq!(venue.name(), "대전 시험장");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The capacity (정원): the seats the venue offers.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::{Venue, VenueCode};
    /// let venue = Venue::new(VenueCode::new("v1")?, "대전 시험장", 25)?;
    /// assert_eq!(venue.capacity(), 25);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn capacity(&self) -> u32 {
        self.capacity
    }
}

/// A round of the external evaluation (외부평가 회차): its plan, its venues, and whether it is
/// published as an ad hoc round (수시), which lifts the publication deadline of a regular
/// 일학습병행 plan.
///
/// # Errors
/// [`ExamRound::new`] refuses a round without venues, with the same venue code twice, or with
/// more than 1,000 venues.
///
/// # Example
/// ```
/// use cqnet_core::exam::ExamPlan;
/// use cqnet_store::exam::{ExamRound, Venue, VenueCode};
/// let venues = vec![Venue::new(VenueCode::new("v1")?, "서울 시험장", 30)?, Venue::new(VenueCode::new("v2")?, "부산 시험장", 20)?];
/// let round = ExamRound::new(ExamPlan::example(), venues, false)?;
/// assert_eq!(round.id().as_str(), "2026-C1-01");
/// assert_eq!(round.capacity(), 50);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ExamRoundWire")]
pub struct ExamRound {
    plan: ExamPlan,
    venues: Vec<Venue>,
    ad_hoc: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamRoundWire {
    plan: ExamPlan,
    venues: Vec<Venue>,
    ad_hoc: bool,
}

impl TryFrom<ExamRoundWire> for ExamRound {
    type Error = InputError;
    fn try_from(w: ExamRoundWire) -> Result<Self, Self::Error> {
        ExamRound::new(w.plan, w.venues, w.ad_hoc)
    }
}

impl ExamRound {
    /// A round of `plan` at `venues`, ad hoc (수시) or not.
    ///
    /// # Errors
    /// [`InputError::Empty`] without venues; [`InputError::OutOfRange`] for more than 1,000 venues;
    /// [`InputError::Duplicate`] for a venue code twice.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::ExamPlan;
    /// use cqnet_store::exam::{ExamRound, Venue, VenueCode};
    /// let venue = Venue::new(VenueCode::new("v1")?, "서울 시험장", 30)?;
    /// assert!(ExamRound::new(ExamPlan::example(), vec![venue.clone()], false).is_ok());
    /// assert!(ExamRound::new(ExamPlan::example(), vec![venue.clone(), venue], false).is_err());
    /// assert!(ExamRound::new(ExamPlan::example(), vec![], false).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(plan: ExamPlan, venues: Vec<Venue>, ad_hoc: bool) -> Result<Self, InputError> {
        if venues.is_empty() {
            return Err(InputError::Empty {
                what: "venues of a round",
            });
        }
        if venues.len() > 1000 {
            return Err(InputError::OutOfRange {
                what: "venues of a round",
                min: "1".into(),
                max: "1000".into(),
                value: venues.len().to_string(),
            });
        }
        let mut seen = BTreeSet::new();
        if let Some(dup) = venues.iter().find(|v| !seen.insert(v.code.clone())) {
            return Err(InputError::Duplicate {
                what: "venue",
                key: dup.code.to_string(),
            });
        }
        Ok(ExamRound {
            plan,
            venues,
            ad_hoc,
        })
    }

    /// The round's identifier, its plan's (`2026-C1-01`).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::ExamPlan;
    /// use cqnet_store::exam::{ExamRound, RoundId, Venue, VenueCode};
    /// let round = ExamRound::new(ExamPlan::example(), vec![Venue::new(VenueCode::new("v1")?, "서울 시험장", 30)?], false)?;
    /// assert_eq!(round.id(), RoundId::of(round.plan()));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn id(&self) -> RoundId {
        RoundId::of(&self.plan)
    }

    /// The plan.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::exam::ExamPlan;
    /// # use cqnet_store::exam::{ExamRound, Venue, VenueCode};
    /// let round = ExamRound::new(ExamPlan::example(), vec![Venue::new(VenueCode::new("v")?, "v", 1)?], false)?;
    /// assert_eq!(round.plan(), &ExamPlan::example());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn plan(&self) -> &ExamPlan {
        &self.plan
    }

    /// The venues.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::exam::ExamPlan;
    /// # use cqnet_store::exam::{ExamRound, Venue, VenueCode};
    /// let round = ExamRound::new(ExamPlan::example(), vec![Venue::new(VenueCode::new("v")?, "v", 1)?], false)?;
    /// assert_eq!(round.venues().len(), 1);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn venues(&self) -> &[Venue] {
        &self.venues
    }

    /// The venue of a code.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::exam::ExamPlan;
    /// # use cqnet_store::exam::{ExamRound, Venue, VenueCode};
    /// let round = ExamRound::new(ExamPlan::example(), vec![Venue::new(VenueCode::new("v")?, "v", 1)?], false)?;
    /// assert!(round.venue(&VenueCode::new("v")?).is_some());
    /// assert!(round.venue(&VenueCode::new("w")?).is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn venue(&self, code: &VenueCode) -> Option<&Venue> {
        self.venues.iter().find(|v| &v.code == code)
    }

    /// Whether the round is published as ad hoc (수시).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::exam::ExamPlan;
    /// # use cqnet_store::exam::{ExamRound, Venue, VenueCode};
    /// let round = ExamRound::new(ExamPlan::example(), vec![Venue::new(VenueCode::new("v")?, "v", 1)?], true)?;
    /// assert!(round.ad_hoc());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn ad_hoc(&self) -> bool {
        self.ad_hoc
    }

    /// The seats of every venue together (회차 정원).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::ExamPlan;
    /// use cqnet_store::exam::{ExamRound, Venue, VenueCode};
    /// let venues = vec![Venue::new(VenueCode::new("a")?, "A", 100_000)?, Venue::new(VenueCode::new("b")?, "B", 100_000)?];
    /// let round = ExamRound::new(ExamPlan::example(), venues, true)?;
    /// assert_eq!(round.capacity(), 200_000);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn capacity(&self) -> u64 {
        self.venues.iter().map(|v| u64::from(v.capacity)).sum()
    }
}

/// The seats of a venue: its capacity and how many are booked now.
///
/// # Example
/// ```
/// use cqnet_store::exam::{VenueCode, VenueSeats};
/// let s = VenueSeats { venue: VenueCode::new("v1")?, capacity: 2, booked: 2 };
/// assert!(s.is_full());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueSeats {
    /// The venue.
    pub venue: VenueCode,
    /// Its capacity.
    pub capacity: u32,
    /// The seats taken by active applications.
    pub booked: u32,
}

impl VenueSeats {
    /// Whether no seat is left at the venue (선착순 마감).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::exam::{VenueCode, VenueSeats};
    /// let mut seats = VenueSeats { venue: VenueCode::new("v1")?, capacity: 30, booked: 29 };
    /// assert!(!seats.is_full());
    /// seats.booked = 30;
    /// assert!(seats.is_full());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn is_full(&self) -> bool {
        self.booked >= self.capacity
    }
}

/// Where the payment of the fee (응시수수료) stands.
///
/// # Example
/// ```
/// use cqnet_store::exam::PaymentState;
/// assert_eq!(serde_json::to_string(&PaymentState::Unpaid).unwrap(), "\"unpaid\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentState {
    /// Not paid yet (결제 대기).
    Unpaid,
    /// Paid (결제 완료).
    Paid,
    /// Refunded after a cancellation, with the amount (환불).
    Refunded {
        /// The amount refunded (0 when nothing is due).
        amount: Won,
    },
}

/// Where an application stands.
///
/// # Example
/// ```
/// use cqnet_store::exam::ApplicationStatus;
/// assert!(ApplicationStatus::Active.is_active());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Accepted and holding a seat (접수 완료).
    Active,
    /// Cancelled (접수 취소): the seat was returned.
    Cancelled {
        /// When.
        at: DateTime<Utc>,
        /// Why.
        reason: CancelReason,
        /// The refund the core computed.
        refund: Won,
    },
}

impl ApplicationStatus {
    /// Whether the application holds a seat (접수 완료); a cancelled one (접수 취소) does not.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{rules::CancelReason, Won};
    /// use cqnet_store::exam::ApplicationStatus;
    /// assert!(ApplicationStatus::Active.is_active());
    /// let cancelled = ApplicationStatus::Cancelled { at: "2026-03-04T03:00:00Z".parse().unwrap(), reason: CancelReason::Personal, refund: Won::new(10_000) };
    /// assert!(!cancelled.is_active());
    /// ```
    pub fn is_active(&self) -> bool {
        matches!(self, ApplicationStatus::Active)
    }
}

/// An application command: what the service decided to store. The store adds the exam
/// number, the status and the payment state.
///
/// # Example
/// ```
/// use cqnet_core::{QualificationCode, Won};
/// use cqnet_store::exam::{ApplicationId, NewApplication, RoundId, VenueCode};
/// use cqnet_store::training::EnrollmentId;
/// let a = NewApplication {
///     id: ApplicationId::from_u128(1),
///     round: RoundId::new("2026-C1-01")?,
///     candidate: EnrollmentId::from_u128(1001),
///     qualification: QualificationCode::new("1320")?,
///     venue: VenueCode::new("v1")?,
///     fee: Won::new(19_400),
/// };
/// assert_eq!(a.fee.amount(), 19_400);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewApplication {
    /// The application's identifier (from the host).
    pub id: ApplicationId,
    /// The round.
    pub round: RoundId,
    /// The candidate (수험자): their enrollment.
    pub candidate: EnrollmentId,
    /// The qualification (종목).
    pub qualification: QualificationCode,
    /// The venue chosen.
    pub venue: VenueCode,
    /// The fee (응시수수료) from the rule pack.
    pub fee: Won,
}

impl NewApplication {
    /// What makes two `apply` commands the same for idempotency: every field but the fee. The
    /// service derives the fee from the rule pack when it applies, so a retry after the pack
    /// changed the fee is still the same command and gets the first answer, with the fee
    /// first charged. Every store fingerprints this payload.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{QualificationCode, Won};
    /// use cqnet_store::exam::{ApplicationId, NewApplication, RoundId, VenueCode};
    /// use cqnet_store::idempotency::fingerprint;
    /// use cqnet_store::training::{EnrollmentId};
    /// use cqnet_store::{Actor, Role};
    /// let mut a = NewApplication {
    ///     id: ApplicationId::from_u128(7),
    ///     round: RoundId::new("2026-C1-01")?,
    ///     candidate: EnrollmentId::from_u128(1001),
    ///     qualification: QualificationCode::new("1320")?,
    ///     venue: VenueCode::new("v1")?,
    ///     fee: Won::new(19_400),
    /// };
    /// let me = Actor::new("learner-1001", Role::Learner(EnrollmentId::from_u128(1001)))?;
    /// let first = fingerprint("apply", &me, &a.idempotency_payload())?;
    /// a.fee = Won::new(20_000);
    /// assert_eq!(fingerprint("apply", &me, &a.idempotency_payload())?, first);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn idempotency_payload(&self) -> impl Serialize + '_ {
        #[derive(Serialize)]
        struct Payload<'a> {
            id: ApplicationId,
            round: &'a RoundId,
            candidate: EnrollmentId,
            qualification: &'a QualificationCode,
            venue: &'a VenueCode,
        }
        Payload {
            id: self.id,
            round: &self.round,
            candidate: self.candidate,
            qualification: &self.qualification,
            venue: &self.venue,
        }
    }
}

/// A stored application with its exam number (수험번호).
///
/// # Example
/// ```
/// fn show(a: cqnet_store::exam::Application) {
///     println!("{} {} {:?}", a.number, a.venue, a.status);
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// The identifier.
    pub id: ApplicationId,
    /// The round.
    pub round: RoundId,
    /// The candidate.
    pub candidate: EnrollmentId,
    /// The qualification.
    pub qualification: QualificationCode,
    /// The venue.
    pub venue: VenueCode,
    /// The fee.
    pub fee: Won,
    /// The exam number, unique in the round and never reused.
    pub number: ExamNumber,
    /// Active or cancelled.
    pub status: ApplicationStatus,
    /// The payment state.
    pub payment: PaymentState,
    /// When it was accepted.
    pub applied_at: DateTime<Utc>,
}

/// A cancellation command (접수취소) with the refund the core computed.
///
/// # Example
/// ```
/// use cqnet_core::{rules::CancelReason, Won};
/// use cqnet_store::exam::{ApplicationId, Cancellation};
/// let c = Cancellation { application: ApplicationId::from_u128(1), reason: CancelReason::Personal, refund: Won::new(9_700) };
/// assert_eq!(c.refund.amount(), 9_700);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cancellation {
    /// The application.
    pub application: ApplicationId,
    /// Why.
    pub reason: CancelReason,
    /// The refund.
    pub refund: Won,
}

/// The marks of an external evaluation: written (1차) and practical (2차) scores for
/// 과정평가형, pass or fail per unit for 일학습병행.
///
/// # Example
/// ```
/// use cqnet_core::{Score, Track};
/// use cqnet_store::exam::Marks;
/// let m = Marks::CourseBased { written: Score::new(80.into())?, practical: Score::new(70.into())? };
/// assert_eq!(m.track(), Track::CourseBased);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Marks {
    /// 과정평가형: written and practical scores.
    CourseBased {
        /// 1차 (written).
        written: Score,
        /// 2차 (practical).
        practical: Score,
    },
    /// 일학습병행: pass or fail per unit (at least one).
    WorkStudy {
        /// The units.
        units: Vec<UnitResult>,
    },
}

impl Marks {
    /// The track the marks belong to: scores for 과정평가형, unit results for 일학습병행.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{work_study::UnitResult, Track};
    /// use cqnet_store::exam::Marks;
    /// let marks = Marks::WorkStudy { units: vec![UnitResult::new(None, true)] };
    /// assert_eq!(marks.track(), Track::WorkStudy);
    /// ```
    pub fn track(&self) -> Track {
        match self {
            Marks::CourseBased { .. } => Track::CourseBased,
            Marks::WorkStudy { .. } => Track::WorkStudy,
        }
    }
}

/// The result of one application: the marks, and once finalised (확정) the pass decision of the
/// core, frozen.
///
/// # Example
/// ```
/// fn show(r: cqnet_store::exam::ExamResult) {
///     if r.finalised { println!("{} passed: {:?}", r.number, r.passed); }
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamResult {
    /// The application.
    pub application: ApplicationId,
    /// Its round.
    pub round: RoundId,
    /// Its candidate.
    pub candidate: EnrollmentId,
    /// Its exam number.
    pub number: ExamNumber,
    /// The marks.
    pub marks: Marks,
    /// The pass decision, set at finalisation.
    pub passed: Option<bool>,
    /// Whether the result is final (no change after).
    pub finalised: bool,
}

/// An earlier application of a candidate with what the service needs of it: its result (if
/// entered) and its round.
///
/// # Example
/// ```
/// fn show(p: cqnet_store::exam::PastApplication) {
///     println!("{} in {}: {:?}", p.application.number, p.round.id(), p.result.map(|r| r.passed));
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastApplication {
    /// The application.
    pub application: Application,
    /// Its result, if entered.
    pub result: Option<ExamResult>,
    /// Its round.
    pub round: ExamRound,
}

/// Everything [`ExamService::apply`](crate::exam::ExamService::apply) decides an
/// application on, read at one instant: the round, the candidate's training record, their
/// applications so far, the chosen venue's seats and whether the idempotency key is already
/// recorded.
///
/// # Example
/// ```
/// use cqnet_store::exam::{AsyncExamStore, RoundId, VenueCode};
/// use cqnet_store::training::{EnrollmentId};
/// use cqnet_store::{AsyncStore, IdempotencyKey};
/// async fn f<S: AsyncStore + AsyncExamStore>(store: &S, round: &RoundId, who: EnrollmentId, venue: &VenueCode, key: &IdempotencyKey) -> cqnet_store::StoreResult<()> {
///     let context = store.application_context(round, who, venue, key).await?;
///     println!("{} earlier applications", context.history.len());
///     Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationContext {
    /// The round applied for.
    pub round: ExamRound,
    /// The candidate's training record.
    pub record: crate::training::TrainingRecord,
    /// The candidate's applications (every round, cancelled ones included).
    pub history: Vec<PastApplication>,
    /// The chosen venue's seats; `None` when the round has no such venue.
    pub venue: Option<VenueSeats>,
    /// Whether a command was already committed under the key (a retry).
    pub key_recorded: bool,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_refuse_garbage_and_round_trip() {
        assert!(RoundId::new("2026-C1-00").is_err());
        assert!(RoundId::new("2026-C1-1").is_err());
        assert!(RoundId::new("2026-C1-0１").is_err());
        let r: RoundId = serde_json::from_str("\"2027-W3-12\"").unwrap();
        assert_eq!(r.as_str(), "2027-W3-12");
        assert!(serde_json::from_str::<RoundId>("\"2027-W9-12\"").is_err());
        assert!(serde_json::from_str::<VenueCode>("\"a b\"").is_err());
        assert!(VenueCode::new(&"x".repeat(33)).is_err());
    }

    #[test]
    fn a_round_refuses_duplicate_or_missing_venues() {
        let v = || Venue::new(VenueCode::new("v").unwrap(), "v", 3).unwrap();
        assert!(ExamRound::new(ExamPlan::example(), vec![], false).is_err());
        assert!(ExamRound::new(ExamPlan::example(), vec![v(), v()], false).is_err());
        let round = ExamRound::new(ExamPlan::example(), vec![v()], false).unwrap();
        let json = serde_json::to_string(&round).unwrap();
        assert_eq!(serde_json::from_str::<ExamRound>(&json).unwrap(), round);
        let bad = json.replace("\"capacity\":3", "\"capacity\":0");
        assert!(serde_json::from_str::<ExamRound>(&bad).is_err());
    }
}
