//! Certificate identifiers: the qualification number (자격번호) with its check letter, the
//! management number (관리번호) of one issued document, a notebook's inner-page number
//! (자격증 내지번호), and the number of a confirmation document (확인서 문서번호).

use crate::InputError;
use crate::window::kst;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike};

/// The Damm quasigroup of order 10: a Latin square with a zero diagonal that is weakly totally
/// anti-symmetric (`(c∘x)∘y = (c∘y)∘x` only when `x = y`). H. Michael Damm, 2004.
pub(crate) const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/// The check letters, by Damm check digit: ten upper-case letters chosen so that none reads
/// like a digit (no `B`, `G`, `I`, `O`, `Q`, `S`, `Z`).
pub(crate) const CHECK_LETTERS: [u8; 10] = *b"ACDEFHJKLM";

/// The Damm check digit of a run of ASCII digits (`None` if a byte is not a digit).
pub(crate) fn damm_check(digits: &[u8]) -> Option<u8> {
    digits.iter().try_fold(0u8, |interim, &b| {
        b.is_ascii_digit()
            .then(|| DAMM[usize::from(interim)][usize::from(b - b'0')])
    })
}

/// A qualification number (자격번호): 11 digits and a check letter, such as `26000000123J`.
///
/// The first two digits are the pass year (`26` for 2026), the next nine a serial that the store
/// allocates, and the twelfth character a check letter. CQ-Net prints numbers of this shape
/// (`21404042953S` is a published one), but HRD Korea does not publish its check algorithm:
/// **the check letter here is this library's own**, and numbers of the real register do not in
/// general pass it. A host that verifies real numbers stores them as they are issued; it never
/// recomputes their check letter.
///
/// # The check
///
/// The check digit is the Damm check digit of the 11 digits (the interim digit after folding
/// them through [the Damm quasigroup](https://en.wikipedia.org/wiki/Damm_algorithm)), written as
/// one of ten letters `ACDEFHJKLM` (0 → `A`, …, 9 → `M`). It catches:
///
/// - **every single-character error.** In a digit position: a different digit changes the
///   interim digit (each column of the table is a permutation) and every later step keeps it
///   different, so the check digit differs; a non-digit there is malformed. In the check
///   position: a digit or any other character that is not one of the ten letters is malformed,
///   and a different one of the ten letters stands for a different check digit, which does not
///   match.
/// - **every swap of two adjacent, different characters.** Two digits: the table is weakly
///   totally anti-symmetric, so `(c∘x)∘y ≠ (c∘y)∘x` when `x ≠ y`, and the difference carries
///   through to the check digit. The last digit and the check letter: a letter then stands in a
///   digit position, which is malformed.
///
/// Letters must be upper-case: `26000000123m` is refused, not corrected.
///
/// # Errors
/// [`InputError::Malformed`] for any other shape, or when the check letter does not match.
///
/// # Example
/// ```
/// use cqnet_core::certificate::QualificationNumber;
/// let n = QualificationNumber::compose("2026-04-10".parse().unwrap(), 123)?;
/// assert_eq!(n.as_str(), "26000000123J");
/// assert_eq!((n.pass_year_yy(), n.serial()), (26, 123));
/// assert_eq!("26000000123J".parse::<QualificationNumber>()?, n);
/// assert!("26000000132J".parse::<QualificationNumber>().is_err()); // two digits swapped
/// assert!("26000000123A".parse::<QualificationNumber>().is_err()); // another check letter
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QualificationNumber(String);

impl QualificationNumber {
    const SHAPE: &'static str = "11 digits and an upper-case check letter, such as 26000000123J (YY + 9-digit serial + check)";

    /// The number of the `serial`-th qualification of the year of `pass_date` (serial 1 to
    /// 999,999,999, years 2000 to 2099).
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for a serial of 0 or above 999,999,999, or a year outside
    /// 2000 to 2099.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::QualificationNumber;
    /// let day = "2026-04-10".parse().unwrap();
    /// assert!(QualificationNumber::compose(day, 0).is_err());
    /// assert_eq!(QualificationNumber::compose(day, 999_999_999)?.serial(), 999_999_999);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn compose(pass_date: NaiveDate, serial: u32) -> Result<Self, InputError> {
        if !(1..=999_999_999).contains(&serial) {
            return Err(InputError::out_of_range(
                "qualification number serial",
                1,
                999_999_999,
                serial,
            ));
        }
        let year = pass_date.year();
        if !(2000..=2099).contains(&year) {
            return Err(InputError::out_of_range("pass year", 2000, 2099, year));
        }
        let digits = format!("{:02}{serial:09}", year % 100);
        let check = damm_check(digits.as_bytes()).unwrap_or(0);
        Ok(QualificationNumber(format!(
            "{digits}{}",
            char::from(CHECK_LETTERS[usize::from(check)])
        )))
    }

    /// Parses and checks a qualification number (자격번호): 11 digits and a check letter that
    /// matches them.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for another shape, or a check letter that does not match the
    /// digits (a mistyped digit or two swapped neighbours).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::QualificationNumber;
    /// assert_eq!(QualificationNumber::new("26000000123J")?.serial(), 123);
    /// assert!(QualificationNumber::new("26000000124J").is_err()); // one digit mistyped
    /// assert!(QualificationNumber::new("26000000123").is_err()); // no check letter
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let b = text.as_bytes();
        let shaped = b.len() == 12 && b[..11].iter().all(u8::is_ascii_digit);
        let letter = b
            .get(11)
            .and_then(|c| CHECK_LETTERS.iter().position(|l| l == c));
        let (true, Some(letter)) = (shaped, letter) else {
            return Err(InputError::Malformed {
                what: "qualification number",
                value: InputError::quoted(text),
                expected: Self::SHAPE,
            });
        };
        if damm_check(&b[..11]) != u8::try_from(letter).ok() {
            return Err(InputError::Malformed {
                what: "qualification number",
                value: InputError::quoted(text),
                expected: "a check letter that matches the 11 digits: a digit or two neighbours are probably mistyped",
            });
        }
        Ok(QualificationNumber(text.to_owned()))
    }

    /// The pass year's last two digits, the number's first two.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::QualificationNumber;
    /// let n = QualificationNumber::compose("2031-12-01".parse().unwrap(), 5)?;
    /// assert_eq!(n.pass_year_yy(), 31);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn pass_year_yy(&self) -> u8 {
        self.0[..2].parse().unwrap_or(0)
    }

    /// The serial within the pass year (digits 3 to 11).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::QualificationNumber;
    /// assert_eq!(QualificationNumber::new("26000000123J")?.serial(), 123);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn serial(&self) -> u32 {
        self.0[2..11].parse().unwrap_or(0)
    }

    /// The check letter.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::QualificationNumber;
    /// assert_eq!(QualificationNumber::example().check_letter(), 'J');
    /// ```
    pub fn check_letter(&self) -> char {
        char::from(self.0.as_bytes()[11])
    }

    /// A valid number for documentation and tests: `26000000123J`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::QualificationNumber;
    /// assert_eq!(QualificationNumber::example().as_str(), "26000000123J");
    /// ```
    pub fn example() -> Self {
        QualificationNumber("26000000123J".to_owned())
    }
}

/// A management number (관리번호) of one issued document: `YYYYMMDDhhmm-NN-NNNNNN`, the
/// issue instant to the minute in Korea Standard Time, a 2-digit office code and a 6-digit
/// sequence, such as `202605011030-01-000042`. Printed on 상장형 and mobile certificates; every
/// issue and reissue gets a new one.
///
/// # Errors
/// [`InputError::Malformed`] for any other shape or a date and time that does not exist.
///
/// # Example
/// ```
/// use cqnet_core::certificate::ManagementNumber;
/// let at = chrono::DateTime::parse_from_rfc3339("2026-05-01T01:30:59Z").unwrap();
/// let m = ManagementNumber::compose(at, 1, 42)?;
/// assert_eq!(m.as_str(), "202605011030-01-000042"); // 10:30 in Korea
/// assert_eq!((m.office(), m.sequence()), (1, 42));
/// assert!("202613011030-01-000042".parse::<ManagementNumber>().is_err()); // month 13
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ManagementNumber(String);

impl ManagementNumber {
    /// The number of the `sequence`-th document (1 to 999,999) issued by office `office`
    /// (0 to 99) at `issued_at`.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for an office above 99 or a sequence outside 1 to 999,999;
    /// [`InputError::Malformed`] for an instant outside the years 1000 to 9999.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ManagementNumber;
    /// let at = chrono::DateTime::parse_from_rfc3339("2026-05-01T10:30:00+09:00").unwrap();
    /// assert_eq!(ManagementNumber::compose(at, 3, 7)?.as_str(), "202605011030-03-000007");
    /// assert!(ManagementNumber::compose(at, 100, 7).is_err());
    /// assert!(ManagementNumber::compose(at, 3, 0).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn compose(
        issued_at: DateTime<FixedOffset>,
        office: u8,
        sequence: u32,
    ) -> Result<Self, InputError> {
        if office > 99 {
            return Err(InputError::out_of_range("office code", 0, 99, office));
        }
        if !(1..=999_999).contains(&sequence) {
            return Err(InputError::out_of_range(
                "management number sequence",
                1,
                999_999,
                sequence,
            ));
        }
        let local = to_the_second_in_kst(issued_at).ok_or_else(|| unwritable(issued_at))?;
        ManagementNumber::new(&format!(
            "{}-{office:02}-{sequence:06}",
            local.format("%Y%m%d%H%M")
        ))
    }

    /// Parses and checks a management number (관리번호), `YYYYMMDDhhmm-NN-NNNNNN`.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for any other shape or a date and time that does not exist.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ManagementNumber;
    /// assert_eq!(ManagementNumber::new("202605011030-01-000042")?.sequence(), 42);
    /// assert!(ManagementNumber::new("202602301030-01-000042").is_err()); // 30 February
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        let ok = b.len() == 22
            && digits(0..12)
            && b[12] == b'-'
            && digits(13..15)
            && b[15] == b'-'
            && digits(16..22)
            && &text[16..] != "000000"
            && NaiveDateTime::parse_from_str(&format!("{}00", &text[..12]), "%Y%m%d%H%M%S").is_ok();
        if !ok {
            return Err(InputError::Malformed {
                what: "management number",
                value: InputError::quoted(text),
                expected: "YYYYMMDDhhmm-NN-NNNNNN (issue minute in KST, office, sequence from 000001)",
            });
        }
        Ok(ManagementNumber(text.to_owned()))
    }

    /// The issue minute in Korea Standard Time.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::ManagementNumber;
    /// assert_eq!(ManagementNumber::example().issued_minute().to_string(), "2026-05-01 10:30:00");
    /// ```
    pub fn issued_minute(&self) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{}00", &self.0[..12]), "%Y%m%d%H%M%S")
            .unwrap_or_default()
    }

    /// The code of the office that issued the document (the two digits after the instant).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ManagementNumber;
    /// assert_eq!(ManagementNumber::new("202605011030-17-000042")?.office(), 17);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn office(&self) -> u8 {
        self.0[13..15].parse().unwrap_or(0)
    }

    /// The document's sequence number (the last six digits).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ManagementNumber;
    /// assert_eq!(ManagementNumber::new("202605011030-01-000315")?.sequence(), 315);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn sequence(&self) -> u32 {
        self.0[16..].parse().unwrap_or(0)
    }

    /// A valid number for documentation and tests: `202605011030-01-000042`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::ManagementNumber;
    /// assert_eq!(ManagementNumber::example().sequence(), 42);
    /// ```
    pub fn example() -> Self {
        ManagementNumber("202605011030-01-000042".to_owned())
    }
}

/// The inner-page number of a notebook certificate (자격증 내지번호), printed inside the notebook
/// and asked for when checking notebooks issued from 2009-08-03 on. Its form is not published:
/// 1 to 20 upper-case ASCII letters, digits or `-`.
///
/// # Errors
/// [`InputError::Malformed`] for anything else.
///
/// # Example
/// ```
/// use cqnet_core::certificate::InnerPageNumber;
/// assert!(InnerPageNumber::new("A1234567").is_ok());
/// assert!(InnerPageNumber::new("").is_err());
/// assert!(InnerPageNumber::new("a1234567").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InnerPageNumber(String);

impl InnerPageNumber {
    /// Checks an inner-page number (내지번호): 1 to 20 upper-case ASCII letters, digits or `-`.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for anything else.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::InnerPageNumber;
    /// assert_eq!(InnerPageNumber::new("B-0042")?.as_str(), "B-0042");
    /// assert!(InnerPageNumber::new("A 1234").is_err());
    /// assert!(InnerPageNumber::new(&"A".repeat(21)).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let ok = (1..=20).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || b == b'-');
        if !ok {
            return Err(InputError::Malformed {
                what: "inner-page number",
                value: InputError::quoted(text),
                expected: "1 to 20 upper-case letters, digits or -",
            });
        }
        Ok(InnerPageNumber(text.to_owned()))
    }

    /// A valid number for documentation and tests: `A1234567`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::InnerPageNumber;
    /// assert_eq!(InnerPageNumber::example().as_str(), "A1234567");
    /// ```
    pub fn example() -> Self {
        InnerPageNumber("A1234567".to_owned())
    }
}

/// `instant` in Korea Standard Time to the second, a leap second (23:59:60) written as the
/// second before it, as every fraction of a second is cut; `None` outside chrono's range.
fn to_the_second_in_kst(instant: DateTime<FixedOffset>) -> Option<NaiveDateTime> {
    let local = instant.naive_utc().checked_add_offset(kst())?;
    local.with_nanosecond(0)
}

fn unwritable(instant: DateTime<FixedOffset>) -> InputError {
    InputError::Malformed {
        what: "issue instant of a document number",
        value: instant.to_rfc3339(),
        expected: "an instant in the years 1000 to 9999 (KST)",
    }
}

/// The document number of a confirmation document (자격취득사실 확인서): `HRD-YYYYMMDDhhmmss-NNNNN`,
/// the issue instant to the second in Korea Standard Time and a 5-digit sequence, such as
/// `HRD-20260601093000-00007`. The number carries its own issue instant, which starts the
/// period in which it can be verified.
///
/// # Errors
/// [`InputError::Malformed`] for any other shape or an instant that does not exist.
///
/// # Example
/// ```
/// use cqnet_core::certificate::ConfirmationNumber;
/// let at = chrono::DateTime::parse_from_rfc3339("2026-06-01T09:30:00+09:00").unwrap();
/// let n = ConfirmationNumber::compose(at, 7)?;
/// assert_eq!(n.as_str(), "HRD-20260601093000-00007");
/// assert_eq!(n.issued_at(), at);
/// assert!("HRD-20260601093000-0007".parse::<ConfirmationNumber>().is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConfirmationNumber(String);

impl ConfirmationNumber {
    /// The number of the `sequence`-th confirmation document (자격취득사실 확인서, 1 to 99,999)
    /// issued at `issued_at`.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for a sequence outside 1 to 99,999;
    /// [`InputError::Malformed`] for an instant outside the years 1000 to 9999.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationNumber;
    /// let at = chrono::DateTime::parse_from_rfc3339("2026-06-01T09:30:00+09:00").unwrap();
    /// assert_eq!(ConfirmationNumber::compose(at, 12)?.sequence(), 12);
    /// assert!(ConfirmationNumber::compose(at, 100_000).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn compose(issued_at: DateTime<FixedOffset>, sequence: u32) -> Result<Self, InputError> {
        if !(1..=99_999).contains(&sequence) {
            return Err(InputError::out_of_range(
                "confirmation number sequence",
                1,
                99_999,
                sequence,
            ));
        }
        let local = to_the_second_in_kst(issued_at).ok_or_else(|| unwritable(issued_at))?;
        ConfirmationNumber::new(&format!(
            "HRD-{}-{sequence:05}",
            local.format("%Y%m%d%H%M%S")
        ))
    }

    /// Parses and checks a confirmation document number, `HRD-YYYYMMDDhhmmss-NNNNN`.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for any other shape, sequence `00000`, or an instant that does not
    /// exist.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationNumber;
    /// assert_eq!(ConfirmationNumber::new("HRD-20260601093000-00007")?.sequence(), 7);
    /// assert!(ConfirmationNumber::new("HRD-20260601093000-00000").is_err());
    /// assert!(ConfirmationNumber::new("HRD-20260601096000-00007").is_err()); // minute 60
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let b = text.as_bytes();
        let ok = b.len() == 24
            && text.starts_with("HRD-")
            && b[4..18].iter().all(u8::is_ascii_digit)
            && b[18] == b'-'
            && b[19..].iter().all(u8::is_ascii_digit)
            && &text[19..] != "00000"
            && NaiveDateTime::parse_from_str(&text[4..18], "%Y%m%d%H%M%S")
                // chrono reads second 60 as a leap second; no document is issued in one.
                .is_ok_and(|t| t.nanosecond() < 1_000_000_000);
        if !ok {
            return Err(InputError::Malformed {
                what: "confirmation document number",
                value: InputError::quoted(text),
                expected: "HRD-YYYYMMDDhhmmss-NNNNN (issue instant in KST, sequence from 00001)",
            });
        }
        Ok(ConfirmationNumber(text.to_owned()))
    }

    /// The issue instant the number carries, in Korea Standard Time; the verification period
    /// starts from it.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationNumber;
    /// let n = ConfirmationNumber::new("HRD-20260601093000-00007")?;
    /// assert_eq!(n.issued_at().to_rfc3339(), "2026-06-01T09:30:00+09:00");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn issued_at(&self) -> DateTime<FixedOffset> {
        NaiveDateTime::parse_from_str(&self.0[4..18], "%Y%m%d%H%M%S")
            .ok()
            .and_then(|local| kst().from_local_datetime(&local).single())
            .unwrap_or_default()
    }

    /// The sequence.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::ConfirmationNumber;
    /// assert_eq!(ConfirmationNumber::example().sequence(), 7);
    /// ```
    pub fn sequence(&self) -> u32 {
        self.0[19..].parse().unwrap_or(0)
    }

    /// A valid number for documentation and tests: `HRD-20260601093000-00007`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::certificate::ConfirmationNumber;
    /// assert_eq!(ConfirmationNumber::example().as_str(), "HRD-20260601093000-00007");
    /// ```
    pub fn example() -> Self {
        ConfirmationNumber("HRD-20260601093000-00007".to_owned())
    }
}

macro_rules! id_newtype {
    ($ty:ident) => {
        impl $ty {
            /// The text of the identifier.
            ///
            /// # Example
            /// ```
            #[doc = concat!("# use cqnet_core::certificate::", stringify!($ty), ";")]
            #[doc = concat!("let id = ", stringify!($ty), "::example();")]
            #[doc = concat!("assert_eq!(id.as_str().parse::<", stringify!($ty), ">().unwrap(), id);")]
            /// ```
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl std::str::FromStr for $ty {
            type Err = $crate::InputError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::new(s)
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(d)?;
                $ty::new(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use id_newtype;

id_newtype!(QualificationNumber);
id_newtype!(ManagementNumber);
id_newtype!(InnerPageNumber);
id_newtype!(ConfirmationNumber);
