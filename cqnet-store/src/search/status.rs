//! Where a course stands on a given day (과정 상태): open for enrollment, running or finished,
//! decided from its dates here and nowhere else.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a course stands on a day.
///
/// A course is open for enrollment (모집중) until its first day of training, running
/// (훈련중) from its first to its last day, and finished (종료) after it. Seats are a filter of
/// their own ([`CourseFilter::min_seats_left`](crate::search::CourseFilter)), so a course
/// open for enrollment may be full.
///
/// # Example
/// ```
/// use cqnet_store::search::CourseStatus;
/// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// let (start, end) = (day("2026-03-02"), day("2026-08-31"));
/// assert_eq!(CourseStatus::of(start, end, day("2026-03-01")), CourseStatus::OpenForEnrollment);
/// assert_eq!(CourseStatus::of(start, end, day("2026-03-02")), CourseStatus::Running);
/// assert_eq!(CourseStatus::of(start, end, day("2026-09-01")), CourseStatus::Finished);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CourseStatus {
    /// 모집중: training has not started.
    OpenForEnrollment,
    /// 훈련중: between the first and the last day of training, both included.
    Running,
    /// 종료: the last day of training has passed.
    Finished,
}

/// The dates a course of one status has on a day, as bounds on its first and last day of
/// training, so that a SQL back end filters on its date columns and the memory store on its
/// records with the same definition.
///
/// # Example
/// ```
/// use cqnet_store::search::CourseStatus;
/// let today: chrono::NaiveDate = "2026-05-01".parse().unwrap();
/// let running = CourseStatus::Running.bounds(today);
/// assert_eq!(running.start_on_or_before, Some(today));
/// assert_eq!(running.end_on_or_after, Some(today));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusBounds {
    /// The first day is after this day.
    pub start_after: Option<NaiveDate>,
    /// The first day is this day or before.
    pub start_on_or_before: Option<NaiveDate>,
    /// The last day is this day or after.
    pub end_on_or_after: Option<NaiveDate>,
    /// The last day is before this day.
    pub end_before: Option<NaiveDate>,
}

impl StatusBounds {
    /// Whether a course running from `start` to `end` lies within the bounds.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::CourseStatus;
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let finished = CourseStatus::Finished.bounds(day("2026-09-01"));
    /// assert!(finished.contains(day("2026-03-02"), day("2026-08-31")));
    /// ```
    pub fn contains(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.start_after.is_none_or(|d| start > d)
            && self.start_on_or_before.is_none_or(|d| start <= d)
            && self.end_on_or_after.is_none_or(|d| end >= d)
            && self.end_before.is_none_or(|d| end < d)
    }
}

impl CourseStatus {
    /// Every status, in the order a course passes through them.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::CourseStatus;
    /// assert_eq!(CourseStatus::ALL[0], CourseStatus::OpenForEnrollment);
    /// ```
    pub const ALL: [CourseStatus; 3] = [
        CourseStatus::OpenForEnrollment,
        CourseStatus::Running,
        CourseStatus::Finished,
    ];

    /// The bounds on a course's dates for this status on `today`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::CourseStatus;
    /// let today: chrono::NaiveDate = "2026-05-01".parse().unwrap();
    /// assert_eq!(CourseStatus::OpenForEnrollment.bounds(today).start_after, Some(today));
    /// ```
    pub fn bounds(self, today: NaiveDate) -> StatusBounds {
        match self {
            CourseStatus::OpenForEnrollment => StatusBounds {
                start_after: Some(today),
                ..StatusBounds::default()
            },
            CourseStatus::Running => StatusBounds {
                start_on_or_before: Some(today),
                end_on_or_after: Some(today),
                ..StatusBounds::default()
            },
            CourseStatus::Finished => StatusBounds {
                end_before: Some(today),
                ..StatusBounds::default()
            },
        }
    }

    /// The status of a course running from `start` to `end` on `today`: the one status whose
    /// bounds hold it (a course never ends before it starts, so exactly one does).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::search::CourseStatus;
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// assert_eq!(CourseStatus::of(day("2026-03-02"), day("2026-03-02"), day("2026-03-02")), CourseStatus::Running);
    /// ```
    pub fn of(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> CourseStatus {
        CourseStatus::ALL
            .into_iter()
            .find(|s| s.bounds(today).contains(start, end))
            // Only an end before the start falls outside all three; such a course is over.
            .unwrap_or(CourseStatus::Finished)
    }

    /// The Korean name (모집중, 훈련중, 종료).
    ///
    /// # Example
    /// ```
    /// assert_eq!(cqnet_store::search::CourseStatus::Running.korean_name(), "훈련중");
    /// ```
    pub fn korean_name(self) -> &'static str {
        match self {
            CourseStatus::OpenForEnrollment => "모집중",
            CourseStatus::Running => "훈련중",
            CourseStatus::Finished => "종료",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn exactly_one_status_holds_every_course_on_every_day() {
        let base: NaiveDate = "2026-03-01".parse().unwrap();
        let at = |n: u64| base.checked_add_days(chrono::Days::new(n)).unwrap();
        for start in 0..6 {
            for length in 0..4 {
                for today in 0..12 {
                    let (s, e, t) = (at(start), at(start + length), at(today));
                    let holding: Vec<_> = CourseStatus::ALL
                        .into_iter()
                        .filter(|st| st.bounds(t).contains(s, e))
                        .collect();
                    assert_eq!(holding.len(), 1, "{s}..{e} on {t}: {holding:?}");
                    let expected = if t < s {
                        CourseStatus::OpenForEnrollment
                    } else if t <= e {
                        CourseStatus::Running
                    } else {
                        CourseStatus::Finished
                    };
                    assert_eq!(CourseStatus::of(s, e, t), expected);
                }
            }
        }
    }
}
