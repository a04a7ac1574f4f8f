//! Time windows and Korean calendar dates.

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::InputError;

/// Korea Standard Time, UTC+9: the offset of every Korean calendar date in the rules.
///
/// # Example
/// ```
/// use cqnet_core::window::{kst, korean_date};
/// let t = chrono::DateTime::parse_from_rfc3339("2026-03-15T15:30:00Z").unwrap();
/// assert_eq!(korean_date(t).to_string(), "2026-03-16");
/// assert_eq!(kst().local_minus_utc(), 9 * 3600);
/// ```
pub fn kst() -> FixedOffset {
    KST
}

const KST: FixedOffset = match FixedOffset::east_opt(9 * 3600) {
    Some(offset) => offset,
    // Checked at compile time: 9 hours is within the ±24 h a FixedOffset accepts.
    None => panic!("UTC+9 is a valid offset"),
};

/// The Korean calendar date (UTC+9) of an instant.
///
/// Total for every instant: within nine hours of chrono's last instant the Korean date would
/// lie past chrono's last date, and [`NaiveDate::MAX`] is returned instead. No record holds
/// such an instant: they refuse any outside [`SUPPORTED_YEARS`] (see [`check_instant`]).
///
/// # Example
/// ```
/// use cqnet_core::window::korean_date;
/// let t = chrono::DateTime::parse_from_rfc3339("2026-03-15T15:00:00Z").unwrap();
/// assert_eq!(korean_date(t).to_string(), "2026-03-16");
/// let last = chrono::NaiveDateTime::MAX.and_utc().fixed_offset();
/// assert_eq!(korean_date(last), chrono::NaiveDate::MAX);
/// ```
pub fn korean_date(instant: DateTime<FixedOffset>) -> NaiveDate {
    instant
        .naive_utc()
        .checked_add_offset(KST)
        .map_or(NaiveDate::MAX, |local| local.date())
}

/// The years (of the Korean date) of every instant a record holds: 1900 to 9999.
///
/// Every date the rules speak of lies well inside; the bound keeps every instant writable in
/// the four-digit years of RFC 3339 and of the documents' numbers, and leaves room for every
/// period the rules add to an instant.
///
/// # Example
/// See [`check_instant`].
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 1900..=9999;

/// Checks that `instant` falls in [`SUPPORTED_YEARS`] in Korea Standard Time, and gives it
/// back at an offset RFC 3339 can write: its own, or Korea Standard Time when its own has
/// seconds (RFC 3339 writes an offset to the minute, which would move the instant) or puts its
/// local year past 9999. The instant given back is the same instant.
///
/// # Errors
/// [`InputError::OutOfRange`] naming `what` for an instant outside those years.
///
/// # Example
/// ```
/// use cqnet_core::window::check_instant;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// assert!(check_instant("announcement", t("2026-06-01T09:00:00+09:00")).is_ok());
/// assert!(check_instant("announcement", t("1899-12-31T14:59:59Z")).is_err()); // 23:59:59 KST
/// assert!(check_instant("announcement", t("1899-12-31T15:00:00Z")).is_ok());
/// // An offset of one second past UTC+9 is not written by RFC 3339: the same instant at UTC+9.
/// let odd = chrono::FixedOffset::east_opt(9 * 3600 + 1).unwrap();
/// let at = t("2026-06-01T09:00:00+09:00").with_timezone(&odd);
/// let kept = check_instant("announcement", at)?;
/// assert_eq!(kept, at);
/// assert_eq!(kept.to_rfc3339(), "2026-06-01T09:00:00+09:00");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn check_instant(
    what: &'static str,
    instant: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, InputError> {
    if !SUPPORTED_YEARS.contains(&korean_date(instant).year()) {
        return Err(InputError::out_of_range(
            what,
            "1900-01-01T00:00:00+09:00",
            "9999-12-31T23:59:59.999999999+09:00",
            instant.to_rfc3339(),
        ));
    }
    Ok(writable(instant))
}

/// `instant` at an offset RFC 3339 writes without moving it: its own when that is a whole
/// number of minutes and leaves a four-digit local year, else Korea Standard Time.
pub(crate) fn writable(instant: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let offset = *instant.offset();
    let whole_minutes = offset.local_minus_utc() % 60 == 0;
    let four_digit_year = instant
        .naive_utc()
        .checked_add_offset(offset)
        .is_some_and(|local| (0..=9999).contains(&local.year()));
    if whole_minutes && four_digit_year {
        instant
    } else {
        instant.with_timezone(&KST)
    }
}

/// A time window open on `[start, end)`: `start` is inside, `end` is not.
///
/// # Errors
/// [`InputError::Inconsistent`] when `end` is not after `start`; [`InputError::OutOfRange`]
/// when either lies outside [`SUPPORTED_YEARS`].
///
/// # Example
/// ```
/// use cqnet_core::window::TimeWindow;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let w = TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?;
/// assert!(w.contains(t("2026-03-02T09:00:00+09:00")));
/// assert!(!w.contains(t("2026-03-06T18:00:00+09:00")));
/// assert!(TimeWindow::new(w.end(), w.start()).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "WindowWire")]
pub struct TimeWindow {
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowWire {
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
}

impl TryFrom<WindowWire> for TimeWindow {
    type Error = InputError;
    fn try_from(w: WindowWire) -> Result<Self, Self::Error> {
        TimeWindow::new(w.start, w.end)
    }
}

impl TimeWindow {
    /// A window from `start` (inside) to `end` (outside), such as an application window (원서접수
    /// 기간).
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when `end` is not after `start`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::window::TimeWindow;
    /// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// assert!(TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00")).is_ok());
    /// assert!(TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-02T09:00:00+09:00")).is_err());
    /// ```
    pub fn new(
        start: DateTime<FixedOffset>,
        end: DateTime<FixedOffset>,
    ) -> Result<Self, InputError> {
        let start = check_instant("start of a window", start)?;
        let end = check_instant("end of a window", end)?;
        if end <= start {
            return Err(InputError::Inconsistent(format!(
                "a window must end after it starts: {start} to {end}"
            )));
        }
        Ok(TimeWindow { start, end })
    }

    /// The first instant inside the window (접수 시작).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::window::TimeWindow;
    /// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let w = TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?;
    /// assert_eq!(w.start(), t("2026-03-02T09:00:00+09:00"));
    /// assert!(w.contains(w.start()));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn start(&self) -> DateTime<FixedOffset> {
        self.start
    }

    /// The first instant after the window (접수 마감): no longer inside.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::window::TimeWindow;
    /// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let w = TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?;
    /// assert_eq!(w.end(), t("2026-03-06T18:00:00+09:00"));
    /// assert!(!w.contains(w.end()));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn end(&self) -> DateTime<FixedOffset> {
        self.end
    }

    /// Whether `instant` lies in `[start, end)`, whatever offsets the instants carry.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::window::TimeWindow;
    /// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    /// let w = TimeWindow::new(t("2026-03-02T09:00:00+09:00"), t("2026-03-06T18:00:00+09:00"))?;
    /// assert!(w.contains(t("2026-03-02T00:00:00Z"))); // 09:00 in Korea
    /// assert!(!w.contains(t("2026-03-02T08:59:59+09:00")));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn contains(&self, instant: DateTime<FixedOffset>) -> bool {
        self.start <= instant && instant < self.end
    }
}
