//! Time windows and Korean calendar dates.

use chrono::{DateTime, FixedOffset, NaiveDate};
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
/// # Example
/// See [`kst`].
pub fn korean_date(instant: DateTime<FixedOffset>) -> NaiveDate {
    instant.with_timezone(&kst()).date_naive()
}

/// A time window open on `[start, end)`: `start` is inside, `end` is not.
///
/// # Errors
/// [`InputError::Inconsistent`] when `end` is not after `start`.
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
