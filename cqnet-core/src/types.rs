//! Validated domain values: every constructor checks, and deserialising goes through it.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::InputError;
use crate::exact::decimal_newtype_serde;

/// The most decimal places of a score, hours, percentage or area. Four places keep every
/// product and sum the rules form (at most 10^5 × 10^2 with 8 places) exact within
/// rust_decimal's 28 digits, so a boundary such as 75% is decided exactly.
pub const MAX_DECIMAL_PLACES: u32 = 4;

fn check_places(what: &'static str, value: Decimal) -> Result<Decimal, InputError> {
    let value = value.normalize();
    if value.scale() > MAX_DECIMAL_PLACES {
        return Err(InputError::TooPrecise {
            what,
            max_places: MAX_DECIMAL_PLACES,
            value: value.to_string(),
        });
    }
    Ok(value)
}

/// A score on the 100-point scale (점수), exact: `0 ≤ score ≤ 100`.
///
/// Internal evaluation rounds are converted to this scale (능력단위별 100점 만점 환산), and so are
/// the written (1차) and practical (2차) parts of the external evaluation.
///
/// # Errors
/// [`InputError::OutOfRange`] outside `0..=100`; [`InputError::TooPrecise`] with more than
/// 4 decimal places.
///
/// # Example
/// ```
/// use cqnet_core::Score;
/// let s: Score = "87.5".parse()?;
/// assert_eq!(s.to_string(), "87.5");
/// assert!(Score::new((-1).into()).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(Decimal);

impl Score {
    /// The highest score, 100.
    pub const MAX: Score = Score(Decimal::ONE_HUNDRED);
    /// The lowest score, 0.
    pub const ZERO: Score = Score(Decimal::ZERO);

    /// Checks that `value` lies in `0..=100`.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] outside `0..=100`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Score;
    /// assert_eq!(Score::new(80.into())?.value(), 80.into());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(value: Decimal) -> Result<Self, InputError> {
        if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
            return Err(InputError::out_of_range("score", 0, 100, value));
        }
        Ok(Score(check_places("score", value)?))
    }

    /// A whole score, for literals in code and tests.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] above 100.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Score;
    /// assert_eq!(Score::whole(85)?.to_string(), "85");
    /// assert!(Score::whole(101).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn whole(points: u32) -> Result<Self, InputError> {
        Score::new(Decimal::from(points))
    }

    /// The score as an exact decimal.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Score;
    /// assert_eq!(Score::MAX.value(), 100.into());
    /// ```
    pub fn value(self) -> Decimal {
        self.0
    }
}
decimal_newtype_serde!(Score, "score");

/// A number of training hours (시간), exact and non-negative, at most 100,000.
///
/// Hours may be fractional (`29.5`): lateness and early leave are recorded in part-hours.
///
/// # Errors
/// [`InputError::OutOfRange`] below 0 or above 100,000; [`InputError::TooPrecise`] with more
/// than 4 decimal places.
///
/// # Example
/// ```
/// use cqnet_core::Hours;
/// let h: Hours = "29.5".parse()?;
/// assert!(h < Hours::new(30.into())?);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hours(Decimal);

impl Hours {
    /// No hours.
    pub const ZERO: Hours = Hours(Decimal::ZERO);
    const LIMIT: u32 = 100_000;

    /// Checks that `value` lies in `0..=100000`.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] outside that range.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Hours;
    /// assert!(Hours::new(40.into()).is_ok());
    /// assert!(Hours::new((-1).into()).is_err());
    /// ```
    pub fn new(value: Decimal) -> Result<Self, InputError> {
        if value < Decimal::ZERO || value > Decimal::from(Self::LIMIT) {
            return Err(InputError::out_of_range("hours", 0, Self::LIMIT, value));
        }
        Ok(Hours(check_places("hours", value)?))
    }

    /// Whole hours, for literals in code and tests.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] above 100,000.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Hours;
    /// assert_eq!(Hours::whole(40)?.to_string(), "40");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn whole(hours: u32) -> Result<Self, InputError> {
        Hours::new(Decimal::from(hours))
    }

    /// The hours as an exact decimal.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Hours;
    /// assert_eq!(Hours::ZERO.value(), 0.into());
    /// ```
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Whether this is zero hours.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Hours;
    /// assert!(Hours::ZERO.is_zero());
    /// ```
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}
decimal_newtype_serde!(Hours, "hours");

/// A percentage (백분율), exact: `0 ≤ percent ≤ 100`.
///
/// Used for thresholds (75% attendance), weights (internal 50 : external 50) and refund rates.
///
/// # Errors
/// [`InputError::OutOfRange`] outside `0..=100`.
///
/// # Example
/// ```
/// use cqnet_core::Percent;
/// let p: Percent = "75".parse()?;
/// // Is 30 of 40 at least 75%? Compared by cross-multiplication, never by division.
/// assert!(p.is_met_by(30.into(), 40.into()));
/// assert!(!p.is_met_by("29.99".parse().unwrap(), 40.into()));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(Decimal);

impl Percent {
    /// One hundred percent.
    pub const FULL: Percent = Percent(Decimal::ONE_HUNDRED);
    /// Zero percent.
    pub const ZERO: Percent = Percent(Decimal::ZERO);

    /// Checks that `value` lies in `0..=100`.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] outside `0..=100`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Percent;
    /// assert!(Percent::new(101.into()).is_err());
    /// ```
    pub fn new(value: Decimal) -> Result<Self, InputError> {
        if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
            return Err(InputError::out_of_range("percent", 0, 100, value));
        }
        Ok(Percent(check_places("percent", value)?))
    }

    /// The percentage as an exact decimal (75 for 75%).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Percent;
    /// assert_eq!(Percent::FULL.value(), 100.into());
    /// ```
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Whether `part / whole ≥ self`, decided exactly as `part × 100 ≥ whole × self`.
    ///
    /// A zero `whole` meets any threshold only when the threshold is zero: 0 of 0 scheduled
    /// hours shows no attendance, and a missing fact never allows.
    ///
    /// The comparison is exact for the values of the bounded newtypes ([`Hours`], counts).
    /// Where a product does not fit in a decimal (a part or whole beyond about 7.9 × 10^26),
    /// it is made as `part ≥ whole × (self / 100)` instead, which cannot overflow and rounds
    /// at rust_decimal's 28 significant digits.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Percent;
    /// use rust_decimal::Decimal;
    /// let seventy: Percent = "70".parse().unwrap();
    /// assert!(seventy.is_met_by(7.into(), 10.into()));
    /// assert!(!seventy.is_met_by(2.into(), 3.into()));
    /// assert!(!seventy.is_met_by(0.into(), 0.into()));
    /// assert!(seventy.is_met_by(Decimal::MAX, 1.into()));
    /// ```
    pub fn is_met_by(self, part: Decimal, whole: Decimal) -> bool {
        if whole.is_zero() {
            return self.0.is_zero();
        }
        let products = part
            .checked_mul(Decimal::ONE_HUNDRED)
            .zip(whole.checked_mul(self.0));
        match products {
            Some((scaled_part, scaled_whole)) => scaled_part >= scaled_whole,
            // self / 100 ≤ 1, so neither side can overflow.
            None => part >= whole * self.fraction(),
        }
    }

    /// The percentage as a fraction of one (0.75 for 75%), exact: at most 6 decimal places.
    pub(crate) fn fraction(self) -> Decimal {
        self.0 / Decimal::ONE_HUNDRED
    }

    /// `part / whole` as a percentage, for reports: `None` when `whole` is zero or the
    /// percentage does not fit in a decimal.
    ///
    /// Division rounds at rust_decimal's 28 significant digits: use it for messages, and
    /// [`Percent::is_met_by`] for decisions.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Percent;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Percent::ratio(3.into(), 4.into()), Some(75.into()));
    /// assert_eq!(Percent::ratio(3.into(), 0.into()), None);
    /// assert_eq!(Percent::ratio(Decimal::MAX, 1.into()), None);
    /// ```
    pub fn ratio(part: Decimal, whole: Decimal) -> Option<Decimal> {
        if whole.is_zero() {
            return None;
        }
        match part.checked_mul(Decimal::ONE_HUNDRED) {
            Some(scaled) => scaled.checked_div(whole),
            None => part.checked_div(whole)?.checked_mul(Decimal::ONE_HUNDRED),
        }
    }
}

/// The mean of `a` and `b` weighted by `weight_a` and `weight_b`, which sum to 100:
/// `(a × weight_a + b × weight_b) / 100`, always between `a` and `b`.
///
/// Exact where the products fit in a decimal (every score does); beyond, computed as
/// `a × (weight_a / 100) + b × (weight_b / 100)`, rounded at 28 significant digits and kept
/// between `a` and `b`.
pub(crate) fn weighted_mean(
    a: Decimal,
    weight_a: Percent,
    b: Decimal,
    weight_b: Percent,
) -> Decimal {
    let exact = a
        .checked_mul(weight_a.0)
        .zip(b.checked_mul(weight_b.0))
        .and_then(|(x, y)| x.checked_add(y))
        .and_then(|sum| sum.checked_div(Decimal::ONE_HUNDRED));
    if let Some(mean) = exact {
        return mean;
    }
    let (low, high) = (a.min(b), a.max(b));
    // Each term is at most its part, so only the sum can overflow, and only when both parts
    // lie near the same end of the range.
    let rounded = (a * weight_a.fraction())
        .checked_add(b * weight_b.fraction())
        .unwrap_or(if a.is_sign_negative() { low } else { high });
    rounded.clamp(low, high)
}
decimal_newtype_serde!(Percent, "percent");

/// An area in square metres (㎡), exact and non-negative, at most 1,000,000.
///
/// # Errors
/// [`InputError::OutOfRange`] below 0 or above 1,000,000.
///
/// # Example
/// ```
/// use cqnet_core::Area;
/// let a: Area = "1.5".parse()?;
/// assert_eq!(a.value(), "1.5".parse().unwrap());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Area(Decimal);

impl Area {
    const LIMIT: u32 = 1_000_000;

    /// Checks that `value` lies in `0..=1000000`.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] outside that range.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Area;
    /// assert!(Area::new((-45).into()).is_err());
    /// ```
    pub fn new(value: Decimal) -> Result<Self, InputError> {
        if value < Decimal::ZERO || value > Decimal::from(Self::LIMIT) {
            return Err(InputError::out_of_range("area", 0, Self::LIMIT, value));
        }
        Ok(Area(check_places("area", value)?))
    }

    /// The area as an exact decimal.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Area;
    /// assert_eq!(Area::default().value(), 0.into());
    /// ```
    pub fn value(self) -> Decimal {
        self.0
    }
}
decimal_newtype_serde!(Area, "area");

/// An amount of money in whole Korean won (원), non-negative.
///
/// Money is whole won: any cut or rounding is a named rule (see [`crate::refund`]).
///
/// # Example
/// ```
/// use cqnet_core::Won;
/// let fee = Won::new(15_960);
/// assert_eq!(fee.to_string(), "15,960원");
/// assert_eq!(fee.amount(), 15_960);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Won(u64);

impl Won {
    /// Nothing.
    pub const ZERO: Won = Won(0);

    /// An amount of whole won.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Won;
    /// assert!(Won::new(0) == Won::ZERO);
    /// ```
    pub const fn new(amount: u64) -> Self {
        Won(amount)
    }

    /// The amount in whole won.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Won;
    /// assert_eq!(Won::new(20_000).amount(), 20_000);
    /// ```
    pub const fn amount(self) -> u64 {
        self.0
    }

    /// `self × percent / 100`, cut (truncated) to whole won: 50% of 15,961원 is 7,980원.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{Percent, Won};
    /// let half: Percent = "50".parse().unwrap();
    /// assert_eq!(Won::new(15_961).percent_cut(half), Won::new(7_980));
    /// ```
    pub fn percent_cut(self, percent: Percent) -> Won {
        // percent ≤ 100 so the product is at most the amount itself: no overflow.
        let exact = Decimal::from(self.0) * percent.value() / Decimal::ONE_HUNDRED;
        Won(u64::try_from(exact.trunc()).unwrap_or(self.0))
    }
}

impl fmt::Display for Won {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{grouped}원")
    }
}

/// Implements `Display`, `AsRef<str>`, `FromStr`, `Serialize` and `Deserialize` (through
/// the type's `new` constructor) for a string newtype.
macro_rules! string_newtype {
    ($ty:ident) => {
        impl $ty {
            /// The text of the code.
            ///
            /// # Example
            /// ```
            #[doc = concat!("# use cqnet_core::", stringify!($ty), ";")]
            #[doc = concat!("# let code: ", stringify!($ty), " = ", stringify!($ty), "::example();")]
            /// assert!(!code.as_str().is_empty());
            /// ```
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl FromStr for $ty {
            type Err = InputError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::new(s)
            }
        }
        impl TryFrom<String> for $ty {
            type Error = InputError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $ty::new(&s)
            }
        }
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $ty::new(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

/// An NCS competency unit code (능력단위 분류번호), such as `1501020207_14v2`.
///
/// Ten digits (대분류 2, 중분류 2, 소분류 2, 세분류 2, 능력단위 2), an underscore, the two-digit
/// year of the unit's development and `v` with its version number.
///
/// # Errors
/// [`InputError::Malformed`] for any other form.
///
/// # Example
/// ```
/// use cqnet_core::NcsUnitCode;
/// let code = NcsUnitCode::new("1501020207_14v2")?;
/// assert_eq!(code.classification(), "15010202");
/// assert_eq!(code.version(), 2);
/// assert!(NcsUnitCode::new("1501 020207_14v2").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NcsUnitCode(String);

impl NcsUnitCode {
    const EXPECTED: &'static str =
        "10 digits, '_', a 2-digit year, 'v' and a version, such as 1501020207_14v2";

    /// Parses and checks an NCS competency unit code.
    ///
    /// # Errors
    /// [`InputError::Malformed`] when the text is not of the form `DDDDDDDDDD_YYvN`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::NcsUnitCode;
    /// assert!(NcsUnitCode::new("2001020101_16v4").is_ok());
    /// assert!(NcsUnitCode::new("2001020101").is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let malformed = || InputError::Malformed {
            what: "NCS competency unit code",
            value: InputError::quoted(text),
            expected: Self::EXPECTED,
        };
        let b = text.as_bytes();
        let version = text.get(14..).ok_or_else(malformed)?;
        let ok = b.len() >= 15
            && b.len() <= 17
            && b[..10].iter().all(u8::is_ascii_digit)
            && b[10] == b'_'
            && b[11..13].iter().all(u8::is_ascii_digit)
            && b[13] == b'v'
            && !version.is_empty()
            && version.bytes().all(|c| c.is_ascii_digit());
        if !ok {
            return Err(malformed());
        }
        Ok(NcsUnitCode(text.to_owned()))
    }

    /// The eight-digit classification (세분류) the unit belongs to.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::NcsUnitCode;
    /// assert_eq!(NcsUnitCode::example().classification(), "15010202");
    /// ```
    pub fn classification(&self) -> &str {
        &self.0[..8]
    }

    /// The unit's version (`2` in `…_14v2`).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::NcsUnitCode;
    /// assert_eq!(NcsUnitCode::example().version(), 2);
    /// ```
    pub fn version(&self) -> u32 {
        self.0[14..].parse().unwrap_or(0)
    }

    /// A valid code for documentation and tests: `1501020207_14v2`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::NcsUnitCode;
    /// assert_eq!(NcsUnitCode::example().as_str(), "1501020207_14v2");
    /// ```
    pub fn example() -> Self {
        NcsUnitCode("1501020207_14v2".to_owned())
    }
}
string_newtype!(NcsUnitCode);

/// The code of a unit in a curriculum standard or course plan: an NCS competency unit code,
/// or a local code for a unit that has none (1 to 40 ASCII letters, digits or punctuation,
/// without blanks). A code is ASCII by its format, so two codes never look alike: a
/// full-width letter, a Hangul syllable, a zero-width or bidirectional character is refused.
///
/// # Errors
/// [`InputError::Malformed`] for empty text, blanks, a character outside printable ASCII, or
/// over 40 characters.
///
/// # Example
/// ```
/// use cqnet_core::UnitCode;
/// assert!(UnitCode::new("1501020207_14v2")?.ncs().is_some());
/// assert!(UnitCode::new("A")?.ncs().is_none());
/// assert!(UnitCode::new("").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitCode(String);

impl UnitCode {
    /// Checks a unit code.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for empty text, blanks, a character outside printable ASCII,
    /// or over 40 characters.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::UnitCode;
    /// assert!(UnitCode::new("LOCAL-01").is_ok());
    /// assert!(UnitCode::new("two words").is_err());
    /// assert!(UnitCode::new("LOCAL-\u{200B}01").is_err()); // looks like LOCAL-01
    /// assert!(UnitCode::new("ＬＯＣＡＬ-01").is_err()); // full-width letters
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        // ASCII letters, digits and punctuation only: no two codes can look alike.
        let ok = (1..=40).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_graphic());
        if !ok {
            return Err(InputError::Malformed {
                what: "unit code",
                value: InputError::quoted(text),
                expected: "1 to 40 ASCII letters, digits or punctuation, without blanks",
            });
        }
        Ok(UnitCode(text.to_owned()))
    }

    /// The NCS competency unit code, when this code is one.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::UnitCode;
    /// assert!(UnitCode::example().ncs().is_some());
    /// ```
    pub fn ncs(&self) -> Option<NcsUnitCode> {
        NcsUnitCode::new(&self.0).ok()
    }

    /// A valid code for documentation and tests: `1501020207_14v2`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::UnitCode;
    /// assert_eq!(UnitCode::example().as_str(), "1501020207_14v2");
    /// ```
    pub fn example() -> Self {
        UnitCode("1501020207_14v2".to_owned())
    }
}
string_newtype!(UnitCode);

impl From<NcsUnitCode> for UnitCode {
    fn from(code: NcsUnitCode) -> Self {
        UnitCode(code.0)
    }
}

/// A qualification (종목) code, the `jmCd` of HRD Korea's catalog: four characters, digits
/// or upper-case Latin letters (`1320`, `2N0C`).
///
/// # Errors
/// [`InputError::Malformed`] for any other form.
///
/// # Example
/// ```
/// use cqnet_core::QualificationCode;
/// assert!(QualificationCode::new("2N0C").is_ok());
/// assert!(QualificationCode::new("2n0c").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QualificationCode(String);

impl QualificationCode {
    /// Checks a qualification code.
    ///
    /// # Errors
    /// [`InputError::Malformed`] unless the text is four digits or upper-case letters.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::QualificationCode;
    /// assert!(QualificationCode::new("1320").is_ok());
    /// assert!(QualificationCode::new("13200").is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let ok = text.len() == 4
            && text
                .bytes()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
        if !ok {
            return Err(InputError::Malformed {
                what: "qualification code",
                value: InputError::quoted(text),
                expected: "4 digits or upper-case letters, such as 1320 or 2N0C",
            });
        }
        Ok(QualificationCode(text.to_owned()))
    }

    /// A valid code for documentation and tests: `2N0C`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::QualificationCode;
    /// assert_eq!(QualificationCode::example().as_str(), "2N0C");
    /// ```
    pub fn example() -> Self {
        QualificationCode("2N0C".to_owned())
    }

    /// A course-based qualification code for documentation and tests: `1320`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::QualificationCode;
    /// assert_eq!(QualificationCode::example_course_based().as_str(), "1320");
    /// ```
    pub fn example_course_based() -> Self {
        QualificationCode("1320".to_owned())
    }
}
string_newtype!(QualificationCode);

/// The two NCS-based qualification tracks.
///
/// # Example
/// ```
/// use cqnet_core::Track;
/// let t: Track = "work_study".parse()?;
/// assert_eq!(t.korean_name(), "일학습병행자격");
/// assert_eq!(serde_json::to_string(&Track::CourseBased).unwrap(), "\"course_based\"");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// 과정평가형 국가기술자격: a designated course, internal and external evaluation.
    #[serde(alias = "과정평가형")]
    CourseBased,
    /// 일학습병행자격: a learning worker trained on and off the job by a company.
    #[serde(alias = "일학습병행")]
    WorkStudy,
}

impl Track {
    /// The track's Korean name.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Track;
    /// assert_eq!(Track::CourseBased.korean_name(), "과정평가형 국가기술자격");
    /// ```
    pub fn korean_name(self) -> &'static str {
        match self {
            Track::CourseBased => "과정평가형 국가기술자격",
            Track::WorkStudy => "일학습병행자격",
        }
    }

    /// The stable identifier (`course_based`, `work_study`).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Track;
    /// assert_eq!(Track::WorkStudy.as_str(), "work_study");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Track::CourseBased => "course_based",
            Track::WorkStudy => "work_study",
        }
    }
}

impl fmt::Display for Track {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Track {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "course_based" | "과정평가형" => Ok(Track::CourseBased),
            "work_study" | "일학습병행" => Ok(Track::WorkStudy),
            _ => Err(InputError::Unknown {
                what: "track",
                value: InputError::quoted(s),
                expected: "course_based, work_study",
            }),
        }
    }
}

/// The grade (등급) of a national technical qualification, with HRD Korea's grade codes.
///
/// The course-based track has been seen with 기사, 산업기사 and 기능사; the others are listed
/// for completeness of the catalog.
///
/// # Example
/// ```
/// use cqnet_core::Grade;
/// let g: Grade = "산업기사".parse()?;
/// assert_eq!(g, Grade::IndustrialEngineer);
/// assert_eq!(g.code(), 31);
/// assert_eq!(Grade::from_code(40), Some(Grade::Craftsman));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Grade {
    /// 기술사 (professional engineer), code 10.
    #[serde(alias = "기술사")]
    ProfessionalEngineer,
    /// 기능장 (master craftsman), code 20.
    #[serde(alias = "기능장")]
    MasterCraftsman,
    /// 기사 (engineer), code 30.
    #[serde(alias = "기사")]
    Engineer,
    /// 산업기사 (industrial engineer), code 31.
    #[serde(alias = "산업기사")]
    IndustrialEngineer,
    /// 기능사 (craftsman), code 40.
    #[serde(alias = "기능사")]
    Craftsman,
    /// 1급 (first class, service field), code 32.
    #[serde(alias = "1급")]
    FirstClass,
    /// 2급 (second class, service field), code 33.
    #[serde(alias = "2급")]
    SecondClass,
    /// 3급 (third class, service field), code 34.
    #[serde(alias = "3급")]
    ThirdClass,
    /// 단일등급 (single grade), code 39.
    #[serde(alias = "단일등급")]
    SingleGrade,
}

const GRADES: [(Grade, u8, &str, &str); 9] = [
    (
        Grade::ProfessionalEngineer,
        10,
        "기술사",
        "professional_engineer",
    ),
    (Grade::MasterCraftsman, 20, "기능장", "master_craftsman"),
    (Grade::Engineer, 30, "기사", "engineer"),
    (
        Grade::IndustrialEngineer,
        31,
        "산업기사",
        "industrial_engineer",
    ),
    (Grade::FirstClass, 32, "1급", "first_class"),
    (Grade::SecondClass, 33, "2급", "second_class"),
    (Grade::ThirdClass, 34, "3급", "third_class"),
    (Grade::SingleGrade, 39, "단일등급", "single_grade"),
    (Grade::Craftsman, 40, "기능사", "craftsman"),
];

impl Grade {
    fn entry(self) -> (Grade, u8, &'static str, &'static str) {
        GRADES
            .iter()
            .copied()
            .find(|(g, ..)| *g == self)
            .unwrap_or((self, 0, "", ""))
    }

    /// HRD Korea's grade code (`grdCd`).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Grade;
    /// assert_eq!(Grade::Engineer.code(), 30);
    /// ```
    pub fn code(self) -> u8 {
        self.entry().1
    }

    /// The grade for an HRD Korea grade code, if it is one.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Grade;
    /// assert_eq!(Grade::from_code(10), Some(Grade::ProfessionalEngineer));
    /// assert_eq!(Grade::from_code(99), None);
    /// ```
    pub fn from_code(code: u8) -> Option<Grade> {
        GRADES.iter().find(|e| e.1 == code).map(|e| e.0)
    }

    /// The Korean name (기사, 산업기사, …).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Grade;
    /// assert_eq!(Grade::Craftsman.korean_name(), "기능사");
    /// ```
    pub fn korean_name(self) -> &'static str {
        self.entry().2
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.entry().3)
    }
}

impl FromStr for Grade {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        GRADES
            .iter()
            .find(|e| e.2 == s || e.3 == s)
            .map(|e| e.0)
            .ok_or_else(|| InputError::Unknown {
                what: "grade",
                value: InputError::quoted(s),
                expected: "기술사, 기능장, 기사, 산업기사, 기능사, 1급, 2급, 3급, 단일등급 (or their English identifiers)",
            })
    }
}

/// An NCS level (수준), 1 to 8: the `_L3` of a work-study qualification such as `CNC밀링가공_L3`.
///
/// # Errors
/// [`InputError::OutOfRange`] outside `1..=8`.
///
/// # Example
/// ```
/// use cqnet_core::NcsLevel;
/// assert_eq!(NcsLevel::new(3)?.get(), 3);
/// assert!(NcsLevel::new(9).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct NcsLevel(u8);

impl NcsLevel {
    /// Checks that `level` lies in `1..=8`.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] outside `1..=8`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::NcsLevel;
    /// assert!(NcsLevel::new(0).is_err());
    /// ```
    pub fn new(level: u8) -> Result<Self, InputError> {
        if !(1..=8).contains(&level) {
            return Err(InputError::out_of_range("NCS level", 1, 8, level));
        }
        Ok(NcsLevel(level))
    }

    /// The level as a number.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::NcsLevel;
    /// assert_eq!(NcsLevel::new(5).unwrap().get(), 5);
    /// ```
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for NcsLevel {
    type Error = InputError;
    fn try_from(level: u8) -> Result<Self, Self::Error> {
        NcsLevel::new(level)
    }
}

impl From<NcsLevel> for u8 {
    fn from(level: NcsLevel) -> u8 {
        level.0
    }
}

impl fmt::Display for NcsLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "L{}", self.0)
    }
}

/// The name of a work-study qualification (일학습병행자격 종목명): `{직종}_L{n}`, optionally with a
/// catalog version suffix (`_ver1.0`), such as `CNC밀링가공_L3` or `SW개발_L5`.
///
/// # Errors
/// [`InputError::Malformed`] when the `_L{n}` part is missing or the occupation is empty;
/// [`InputError::OutOfRange`] for a level outside 1 to 8; [`InputError::HiddenCharacter`] for
/// a control, bidirectional or zero-width character.
///
/// # Example
/// ```
/// use cqnet_core::WorkStudyQualificationName;
/// let name = WorkStudyQualificationName::new("CNC밀링가공_L3")?;
/// assert_eq!(name.occupation(), "CNC밀링가공");
/// assert_eq!(name.level().get(), 3);
/// let versioned = WorkStudyQualificationName::new("품질경영_L2_ver1.0")?;
/// assert_eq!(versioned.catalog_version(), Some("1.0"));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WorkStudyQualificationName(String);

impl WorkStudyQualificationName {
    /// Parses and checks a work-study qualification name.
    ///
    /// # Errors
    /// [`InputError::Malformed`] or [`InputError::OutOfRange`] for a name not of the form
    /// `{occupation}_L{1..8}`; [`InputError::HiddenCharacter`] for a control, bidirectional or
    /// zero-width character.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::WorkStudyQualificationName;
    /// assert!(WorkStudyQualificationName::new("SW개발").is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        Self::split(text)?;
        crate::text::check_visible("work-study qualification name", text)?;
        Ok(WorkStudyQualificationName(text.to_owned()))
    }

    fn split(text: &str) -> Result<(&str, NcsLevel, Option<&str>), InputError> {
        let malformed = || InputError::Malformed {
            what: "work-study qualification name",
            value: InputError::quoted(text),
            expected: "{occupation}_L{1..8} with an optional _ver{n.n}, such as CNC밀링가공_L3",
        };
        // 60 characters of four bytes, the level and a version: longer text is not read.
        if text.len() > 4 * 60 + 40 {
            return Err(malformed());
        }
        let (base, version) = match text.rsplit_once("_ver") {
            Some((base, v))
                if v.split('.')
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())) =>
            {
                (base, Some(v))
            }
            _ => (text, None),
        };
        let (occupation, level) = base.rsplit_once("_L").ok_or_else(malformed)?;
        let occupation_ok = !occupation.trim().is_empty() && occupation.chars().count() <= 60;
        if !occupation_ok || level.len() != 1 {
            return Err(malformed());
        }
        let digit = level.parse::<u8>().map_err(|_| malformed())?;
        Ok((occupation, NcsLevel::new(digit)?, version))
    }

    /// The occupation (직종), before `_L`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::WorkStudyQualificationName;
    /// assert_eq!(WorkStudyQualificationName::example().occupation(), "CNC밀링가공");
    /// ```
    pub fn occupation(&self) -> &str {
        Self::split(&self.0).map(|p| p.0).unwrap_or_default()
    }

    /// The NCS level.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::WorkStudyQualificationName;
    /// assert_eq!(WorkStudyQualificationName::example().level().get(), 3);
    /// ```
    pub fn level(&self) -> NcsLevel {
        Self::split(&self.0).map(|p| p.1).unwrap_or(NcsLevel(1))
    }

    /// The catalog version suffix, if any (`1.0` in `…_L2_ver1.0`).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::WorkStudyQualificationName;
    /// assert_eq!(WorkStudyQualificationName::example().catalog_version(), None);
    /// ```
    pub fn catalog_version(&self) -> Option<&str> {
        Self::split(&self.0).ok().and_then(|p| p.2)
    }

    /// A valid name for documentation and tests: `CNC밀링가공_L3`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::WorkStudyQualificationName;
    /// assert_eq!(WorkStudyQualificationName::example().as_str(), "CNC밀링가공_L3");
    /// ```
    pub fn example() -> Self {
        WorkStudyQualificationName("CNC밀링가공_L3".to_owned())
    }
}
string_newtype!(WorkStudyQualificationName);

/// A length of experience in years (년), exact and non-negative, at most 100.
///
/// Experience is counted in part-years (`2.5`): education, research and practical experience
/// are often recorded in months.
///
/// # Errors
/// [`InputError::OutOfRange`] below 0 or above 100; [`InputError::TooPrecise`] with more
/// than 4 decimal places.
///
/// # Example
/// ```
/// use cqnet_core::Years;
/// let y: Years = "2.5".parse()?;
/// assert!(y >= Years::whole(1)?);
/// assert!(Years::new((-1).into()).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Years(Decimal);

impl Years {
    /// No experience.
    pub const ZERO: Years = Years(Decimal::ZERO);
    const LIMIT: u32 = 100;

    /// Checks that `value` lies in `0..=100`.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] outside that range.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Years;
    /// assert!(Years::new(3.into()).is_ok());
    /// assert!(Years::new(101.into()).is_err());
    /// ```
    pub fn new(value: Decimal) -> Result<Self, InputError> {
        if value < Decimal::ZERO || value > Decimal::from(Self::LIMIT) {
            return Err(InputError::out_of_range("years", 0, Self::LIMIT, value));
        }
        Ok(Years(check_places("years", value)?))
    }

    /// Whole years, for literals in code and tests.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] above 100.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Years;
    /// assert_eq!(Years::whole(3)?.value(), 3.into());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn whole(years: u32) -> Result<Self, InputError> {
        Self::new(Decimal::from(years))
    }

    /// The years as an exact decimal.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::Years;
    /// assert_eq!(Years::ZERO.value(), 0.into());
    /// ```
    pub fn value(self) -> Decimal {
        self.0
    }
}
decimal_newtype_serde!(Years, "years");
