//! Comparisons whose time does not depend on where two values differ, for authenticity checks
//! (진위확인): a check that stops at the first differing byte tells an attacker how much of a
//! guess was right.

use subtle::ConstantTimeEq;

/// Whether `a` and `b` hold the same bytes, in a time that depends only on their lengths
/// (which are public: every identifier compared has a fixed form).
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    counting::count();
    bool::from(a.ct_eq(b))
}

/// Whether two days are the same, comparing their day numbers in constant time.
pub(crate) fn same_day(a: chrono::NaiveDate, b: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    same_bytes(
        &a.num_days_from_ce().to_be_bytes(),
        &b.num_days_from_ce().to_be_bytes(),
    )
}

/// How many comparisons a check made, so that the tests can assert that every path of a check
/// makes the same number. Outside the tests it counts nothing.
pub(crate) mod counting {
    #[cfg(test)]
    thread_local! {
        static COMPARISONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    #[cfg(test)]
    pub(crate) fn count() {
        COMPARISONS.with(|c| c.set(c.get() + 1));
    }

    #[cfg(not(test))]
    pub(crate) fn count() {}

    /// The comparisons `f` made, with its result.
    #[cfg(test)]
    pub(crate) fn comparisons<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = COMPARISONS.with(std::cell::Cell::get);
        let out = f();
        (out, COMPARISONS.with(std::cell::Cell::get) - before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_and_days_compare_exactly() {
        assert!(same_bytes(b"26000000123J", b"26000000123J"));
        assert!(!same_bytes(b"26000000123J", b"26000000124J"));
        assert!(!same_bytes(b"abc", b"abcd"));
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap_or_default();
        assert!(same_day(day("2026-05-01"), day("2026-05-01")));
        assert!(!same_day(day("2026-05-01"), day("2026-05-02")));
        let ((), n) = counting::comparisons(|| {
            same_bytes(b"a", b"b");
            same_day(day("2026-05-01"), day("2026-05-01"));
        });
        assert_eq!(n, 2);
    }
}
