//! The failing checks of one bulk decision as a set of reason codes, one bit each.

use std::fmt;

use cqnet_core::ReasonCode;

/// The reason codes a bulk decision can give, in the order of their bits. They are the codes
/// of the course-based (과정평가형) and work-study (일학습병행) completion and pass decisions.
const DECIDED: [ReasonCode; 7] = [
    ReasonCode::AttendanceBelowMinimum,
    ReasonCode::UnitCourseAttendanceBelowMinimum,
    ReasonCode::InternalEvaluationMissing,
    ReasonCode::InternalRoundBelowFloor,
    ReasonCode::FinalScoreBelowPassMark,
    ReasonCode::InternalUnitPassRatioBelowMinimum,
    ReasonCode::ExternalUnitPassRatioBelowMinimum,
];

/// The failing checks of one candidate, as the set of their [`ReasonCode`]s: two bytes a
/// candidate. A code counts once however many competency units (능력단위) fail it; the full
/// reasons, unit by unit, come from the core's own decision (`explain`).
///
/// # Example
/// ```
/// use cqnet_analytics::ReasonSet;
/// use cqnet_core::ReasonCode;
///
/// let set = ReasonSet::from_codes([ReasonCode::AttendanceBelowMinimum, ReasonCode::AttendanceBelowMinimum])?;
/// assert_eq!(set.len(), 1);
/// assert!(set.contains(ReasonCode::AttendanceBelowMinimum));
/// assert!(!set.contains(ReasonCode::FinalScoreBelowPassMark));
/// assert_eq!(set.codes().collect::<Vec<_>>(), [ReasonCode::AttendanceBelowMinimum]);
/// # Ok::<(), cqnet_analytics::NotDecidedInBulk>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReasonSet(u16);

/// A reason code that no bulk decision gives, such as one of an application's checks.
///
/// # Example
/// ```
/// use cqnet_analytics::ReasonSet;
/// use cqnet_core::ReasonCode;
/// let refused = ReasonSet::from_codes([ReasonCode::VenueFull]).unwrap_err();
/// assert_eq!(refused.0, ReasonCode::VenueFull);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("reason code {} is not one a bulk decision gives", .0.as_str())]
pub struct NotDecidedInBulk(pub ReasonCode);

impl ReasonSet {
    /// No failing check.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::ReasonSet;
    /// assert!(ReasonSet::EMPTY.is_empty());
    /// ```
    pub const EMPTY: ReasonSet = ReasonSet(0);

    /// The set of `codes`.
    ///
    /// # Errors
    /// [`NotDecidedInBulk`] for a code that no bulk decision gives.
    ///
    /// # Example
    /// See [`ReasonSet`].
    pub fn from_codes(
        codes: impl IntoIterator<Item = ReasonCode>,
    ) -> Result<Self, NotDecidedInBulk> {
        let mut set = ReasonSet::EMPTY;
        for code in codes {
            set.0 |= bit(code).ok_or(NotDecidedInBulk(code))?;
        }
        Ok(set)
    }

    /// The same set with `code` in it; a code no bulk decision gives leaves it as it was.
    pub(crate) fn with(self, code: ReasonCode) -> Self {
        ReasonSet(self.0 | bit(code).unwrap_or(0))
    }

    /// Whether `code` is in the set.
    ///
    /// # Example
    /// See [`ReasonSet`].
    pub fn contains(self, code: ReasonCode) -> bool {
        bit(code).is_some_and(|b| self.0 & b != 0)
    }

    /// Whether no check failed.
    ///
    /// # Example
    /// See [`ReasonSet::EMPTY`].
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many different codes the set holds.
    ///
    /// # Example
    /// See [`ReasonSet`].
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The codes of this set that `other` does not hold.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::ReasonSet;
    /// use cqnet_core::ReasonCode::{AttendanceBelowMinimum, FinalScoreBelowPassMark};
    /// let both = ReasonSet::from_codes([AttendanceBelowMinimum, FinalScoreBelowPassMark])?;
    /// let one = ReasonSet::from_codes([AttendanceBelowMinimum])?;
    /// assert_eq!(both.without(one).codes().collect::<Vec<_>>(), [FinalScoreBelowPassMark]);
    /// assert!(one.without(both).is_empty());
    /// # Ok::<(), cqnet_analytics::NotDecidedInBulk>(())
    /// ```
    pub fn without(self, other: ReasonSet) -> ReasonSet {
        ReasonSet(self.0 & !other.0)
    }

    /// The codes, in a fixed order (attendance, unit course attendance, internal evaluation
    /// missing, round below floor, final score, internal unit ratio, external unit ratio).
    ///
    /// # Example
    /// See [`ReasonSet`].
    pub fn codes(self) -> impl Iterator<Item = ReasonCode> {
        DECIDED
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, code)| code)
    }
}

fn bit(code: ReasonCode) -> Option<u16> {
    DECIDED.iter().position(|c| *c == code).map(|i| 1 << i)
}

impl fmt::Debug for ReasonSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.codes().map(ReasonCode::as_str))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_decided_code_has_its_own_bit_and_others_are_refused() {
        for (i, code) in DECIDED.into_iter().enumerate() {
            let set = ReasonSet::from_codes([code]).expect("a decided code");
            assert_eq!(set.0, 1 << i);
            assert_eq!(set.codes().collect::<Vec<_>>(), [code]);
        }
        let all = ReasonSet::from_codes(DECIDED).expect("decided codes");
        assert_eq!(all.len(), DECIDED.len());
        let others = ReasonCode::ALL.iter().filter(|c| !DECIDED.contains(c));
        for code in others {
            assert_eq!(ReasonSet::from_codes([*code]), Err(NotDecidedInBulk(*code)));
            assert_eq!(ReasonSet::EMPTY.with(*code), ReasonSet::EMPTY);
        }
    }
}
