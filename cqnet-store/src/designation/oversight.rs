//! The agency's quarterly oversight of every designated course at once (분기 운영 확인 점검,
//! 시행령 제14조의4: the operation of each designated course is checked at least once a
//! quarter, 매 분기 1회 이상): the list the agency works from, one row per designated course run
//! (status `designated`, not cancelled) with the quarters of its run that ended without their
//! check on a given day, oldest missed quarter first.
//!
//! Which quarters are missing is the core's decision alone
//! ([`cqnet_core::operation_check::quarterly_checks`], through
//! [`DesignationRecord::quarterly_checks`]); the store only reads the designated records
//! ([`CourseDesignationStore::designated_course_applications`](super::CourseDesignationStore::designated_course_applications)).
//! A row is listed when the core finds at least one quarter missing. Rows are sorted by their
//! oldest missed quarter, then by application id, and come in keyset pages with the search's
//! opaque [`Cursor`]: a cursor of another query, or one changed by hand, is a typed
//! [`SearchError`].
//!
//! # Example
//! ```
//! use cqnet_store::designation::MissingChecksQuery;
//! use cqnet_store::search::SearchError;
//! let on = "2027-01-05".parse().unwrap();
//! let query = MissingChecksQuery::new(on, None, None, 50)?;
//! assert_eq!((query.on(), query.limit()), (on, 50));
//! assert_eq!(
//!     MissingChecksQuery::new(on, None, None, 201).unwrap_err(),
//!     SearchError::PageSize { given: 201, max: 200 },
//! );
//! # Ok::<(), SearchError>(())
//! ```

use chrono::NaiveDate;
use cqnet_core::QualificationCode;
use cqnet_core::operation_check::{Quarter, QuarterlyChecks};
use cqnet_core::rules::Rules;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{CallId, CourseApplicationId, DesignationRecord};
use crate::search::{Cursor, Page, Position, SearchError, SortKey};
use crate::training::{CourseId, InstitutionId};

/// One row of the oversight list: a designated course run and the core's decision on its
/// operation checks on the list's day, at least one quarter missing.
///
/// # Example
/// ```
/// use cqnet_store::designation::CourseMissingChecks;
/// fn line(row: &CourseMissingChecks) -> String {
///     let quarters: Vec<String> = row.decision.missing.iter().map(|q| q.to_string()).collect();
///     format!("{} ({}): {}", row.application, row.course, quarters.join(", "))
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CourseMissingChecks {
    /// The application (지정신청) whose course run was designated.
    pub application: CourseApplicationId,
    /// The call it answered.
    pub call: CallId,
    /// The institution running the course.
    pub institution: InstitutionId,
    /// The qualification (종목) the course leads to.
    pub qualification: QualificationCode,
    /// The designated course of the training records.
    pub course: CourseId,
    /// The core's decision on the course's operation checks on the list's day: the quarters
    /// missing (`operation_check_missing` each), the quarter still running, the rules used.
    pub decision: QuarterlyChecks,
}

impl CourseMissingChecks {
    /// The row of `record` on `on` under `rules`: `None` unless its course run is designated
    /// and not cancelled, and the core ([`DesignationRecord::quarterly_checks`]) finds at least
    /// one quarter of its run that ended without its checks.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_store::designation::{CourseApplication, CourseMissingChecks, DesignationRecord};
    /// let rules = RulePack::embedded().newest();
    /// let check = cqnet_core::standard::check_plan(&CourseApplication::example_standard(), &CourseApplication::example().plan, &rules);
    /// let by = cqnet_store::Actor::new("hrdk.admin", cqnet_store::Role::Agency)?;
    /// let record = DesignationRecord::filed(CourseApplication::example(), "2026-01-12".parse()?, check, by);
    /// assert!(CourseMissingChecks::of(&record, "2027-01-05".parse()?, &rules).is_none(), "never designated");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(record: &DesignationRecord, on: NaiveDate, rules: &Rules) -> Option<Self> {
        if !record.is_designated() {
            return None;
        }
        let designation = record.designation.as_ref()?;
        let decision = record.quarterly_checks(on, rules)?;
        if decision.missing.is_empty() {
            return None;
        }
        let a = &record.application;
        Some(CourseMissingChecks {
            application: a.id,
            call: a.call,
            institution: a.institution,
            qualification: a.qualification.clone(),
            course: designation.course,
            decision,
        })
    }

    /// The oldest quarter the core found missing, by which the list is sorted.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::designation::CourseMissingChecks;
    /// fn oldest(row: &CourseMissingChecks) -> String {
    ///     row.oldest_missing().map(|q| q.to_string()).unwrap_or_default()
    /// }
    /// ```
    pub fn oldest_missing(&self) -> Option<Quarter> {
        self.decision.missing.first().copied()
    }

    /// Where the row stands in the list: its oldest missed quarter's first day, then its
    /// application id.
    fn position(&self) -> Option<Position> {
        let oldest = self.oldest_missing()?;
        Some(Position::new(
            SortKey::StartDate(oldest.first_day()),
            self.application.to_string(),
        ))
    }
}

/// What the oversight list asks: the day its quarters are decided on, optionally one call and
/// one qualification, the page size (1 to [`MissingChecksQuery::MAX_LIMIT`]) and, past the
/// first page, where the previous page ended.
///
/// # Errors
/// [`MissingChecksQuery::new`] refuses a page size of 0 or above the maximum;
/// [`MissingChecksQuery::after`] a cursor of another query or one changed by hand.
///
/// # Example
/// ```
/// use cqnet_core::QualificationCode;
/// use cqnet_store::designation::{CallId, MissingChecksQuery};
/// use cqnet_store::search::{Cursor, SearchError};
/// let q = MissingChecksQuery::new("2026-10-05".parse().unwrap(), Some(CallId::from_u128(1)), Some(QualificationCode::example()), 20)?;
/// assert_eq!(q.call(), Some(CallId::from_u128(1)));
/// assert!(q.position().is_none());
/// assert_eq!(q.after(&Cursor::parse("AQ")?).unwrap_err(), SearchError::CursorMalformed);
/// # Ok::<(), SearchError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingChecksQuery {
    on: NaiveDate,
    call: Option<CallId>,
    qualification: Option<QualificationCode>,
    limit: u32,
    after: Option<Position>,
}

/// What a cursor's fingerprint is made of: the kind of list and everything the query asks
/// but the position.
#[derive(Serialize)]
struct Asked<'a> {
    kind: &'static str,
    on: NaiveDate,
    call: Option<CallId>,
    qualification: Option<&'a QualificationCode>,
    limit: u32,
}

impl MissingChecksQuery {
    /// The most rows of one page.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::designation::MissingChecksQuery;
    /// let on = "2026-10-05".parse().unwrap();
    /// assert!(MissingChecksQuery::new(on, None, None, MissingChecksQuery::MAX_LIMIT).is_ok());
    /// assert!(MissingChecksQuery::new(on, None, None, MissingChecksQuery::MAX_LIMIT + 1).is_err());
    /// ```
    pub const MAX_LIMIT: u32 = 200;

    /// The page size a host uses when its caller names none.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::designation::MissingChecksQuery;
    /// assert!(MissingChecksQuery::DEFAULT_LIMIT <= MissingChecksQuery::MAX_LIMIT);
    /// ```
    pub const DEFAULT_LIMIT: u32 = 20;

    /// The first page of the list on `on`, of every call or only `call`, of every
    /// qualification or only `qualification`, `limit` rows a page.
    ///
    /// # Errors
    /// [`SearchError::PageSize`] for a `limit` of 0 or above [`MissingChecksQuery::MAX_LIMIT`].
    ///
    /// # Example
    /// See [`MissingChecksQuery`].
    pub fn new(
        on: NaiveDate,
        call: Option<CallId>,
        qualification: Option<QualificationCode>,
        limit: u32,
    ) -> Result<Self, SearchError> {
        if !(1..=Self::MAX_LIMIT).contains(&limit) {
            return Err(SearchError::PageSize {
                given: u64::from(limit),
                max: u64::from(Self::MAX_LIMIT),
            });
        }
        Ok(MissingChecksQuery {
            on,
            call,
            qualification,
            limit,
            after: None,
        })
    }

    /// The page after the one `cursor` came with.
    ///
    /// # Errors
    /// [`SearchError::CursorOfAnotherQuery`] for a cursor of a query with another day,
    /// filters or page size; [`SearchError::CursorTampered`] for one changed after it was
    /// handed out; [`SearchError::CursorMalformed`] for text that was never a cursor of this
    /// list.
    ///
    /// # Example
    /// See [`MissingChecksQuery`].
    pub fn after(self, cursor: &Cursor) -> Result<Self, SearchError> {
        let position = cursor.decode(&self.fingerprint())?;
        // Every row of the list stands at a quarter's first day.
        if !matches!(position.key(), SortKey::StartDate(_)) {
            return Err(SearchError::CursorMalformed);
        }
        Ok(MissingChecksQuery {
            after: Some(position),
            ..self
        })
    }

    /// The day the quarters are decided on: a quarter is missed once it ended before this day
    /// without its checks (on its last day it is still running).
    ///
    /// # Example
    /// See [`MissingChecksQuery`].
    pub fn on(&self) -> NaiveDate {
        self.on
    }

    /// The call the list is limited to, if any.
    ///
    /// # Example
    /// See [`MissingChecksQuery`].
    pub fn call(&self) -> Option<CallId> {
        self.call
    }

    /// The qualification the list is limited to, if any.
    ///
    /// # Example
    /// See [`MissingChecksQuery`].
    pub fn qualification(&self) -> Option<&QualificationCode> {
        self.qualification.as_ref()
    }

    /// The most rows of a page.
    ///
    /// # Example
    /// See [`MissingChecksQuery`].
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Where the previous page ended; `None` on the first page.
    ///
    /// # Example
    /// See [`MissingChecksQuery`].
    pub fn position(&self) -> Option<&Position> {
        self.after.as_ref()
    }

    /// The audit subject of the list.
    pub(crate) fn subject(&self) -> String {
        let mut subject = format!("designated courses on {}", self.on);
        if let Some(call) = self.call {
            subject.push_str(&format!(", call {call}"));
        }
        if let Some(q) = &self.qualification {
            subject.push_str(&format!(", qualification {q}"));
        }
        subject
    }

    /// The page of this query out of every row of the list, in any order: the rows after the
    /// previous page, sorted, the first [`limit`](Self::limit) of them, with a cursor when
    /// more follow.
    pub(crate) fn page(&self, rows: Vec<CourseMissingChecks>) -> Page<CourseMissingChecks> {
        let mut placed: Vec<(Position, CourseMissingChecks)> = rows
            .into_iter()
            .filter_map(|row| Some((row.position()?, row)))
            .filter(|(at, _)| self.after.as_ref().is_none_or(|after| at > after))
            .collect();
        placed.sort_by(|a, b| a.0.cmp(&b.0));
        let size = self.limit as usize;
        let next = if placed.len() > size {
            placed.truncate(size);
            placed
                .last()
                .map(|(at, _)| Cursor::encode(&self.fingerprint(), at))
        } else {
            None
        };
        Page {
            items: placed.into_iter().map(|(_, row)| row).collect(),
            next,
        }
    }

    /// The fingerprint of what the query asks (not the position, which changes from page to
    /// page).
    fn fingerprint(&self) -> [u8; 16] {
        let asked = Asked {
            kind: "missing_operation_checks",
            on: self.on,
            call: self.call,
            qualification: self.qualification.as_ref(),
            limit: self.limit,
        };
        // Checked values serialize without fail; a failure would only give every query the
        // same fingerprint, which the position still keeps apart.
        let canonical = serde_json::to_string(&asked).unwrap_or_default();
        let digest = Sha256::digest(canonical.as_bytes());
        let mut fingerprint = [0; 16];
        fingerprint.copy_from_slice(&digest[..16]);
        fingerprint
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_cursor_belongs_to_its_own_day_filters_and_page_size() {
        let query = |on: &str, limit| MissingChecksQuery::new(day(on), None, None, limit).unwrap();
        let at = Position::new(
            SortKey::StartDate(day("2026-07-01")),
            CourseApplicationId::from_u128(3).to_string(),
        );
        let cursor = Cursor::encode(&query("2027-01-05", 2).fingerprint(), &at);
        let next = query("2027-01-05", 2).after(&cursor).unwrap();
        assert_eq!(next.position(), Some(&at));
        for other in [query("2027-01-06", 2), query("2027-01-05", 3)] {
            assert_eq!(
                other.after(&cursor).unwrap_err(),
                SearchError::CursorOfAnotherQuery
            );
        }
        let of_call =
            MissingChecksQuery::new(day("2027-01-05"), Some(CallId::from_u128(1)), None, 2)
                .unwrap();
        assert_eq!(
            of_call.after(&cursor).unwrap_err(),
            SearchError::CursorOfAnotherQuery
        );
        // A position of another kind of list is no position of this one.
        let named = Position::new(SortKey::Name("가".into()), "1");
        let foreign = Cursor::encode(&query("2027-01-05", 2).fingerprint(), &named);
        assert_eq!(
            query("2027-01-05", 2).after(&foreign).unwrap_err(),
            SearchError::CursorMalformed
        );
    }

    #[test]
    fn a_page_size_outside_one_to_the_maximum_is_refused() {
        for limit in [0, MissingChecksQuery::MAX_LIMIT + 1, u32::MAX] {
            assert_eq!(
                MissingChecksQuery::new(day("2027-01-05"), None, None, limit).unwrap_err(),
                SearchError::PageSize {
                    given: u64::from(limit),
                    max: u64::from(MissingChecksQuery::MAX_LIMIT)
                }
            );
        }
    }
}
