//! The capacity of a course (정원): a seat is left while the enrollments stay below it, and a
//! new capacity never drops below the enrollments already made. Stores apply these inside
//! their transactions, so the count and the comparison are atomic.
//!
//! # Example
//! ```
//! use cqnet_core::capacity::{capacity_holds, seat_left};
//! assert!(seat_left(20, 19) && !seat_left(20, 20));
//! assert!(capacity_holds(20, 20) && !capacity_holds(19, 20));
//! ```

/// Whether a course of `capacity` seats (정원) with `enrolled` enrollments takes one more.
///
/// # Example
/// ```
/// use cqnet_core::capacity::seat_left;
/// assert!(seat_left(25, 24));
/// assert!(!seat_left(25, 25));
/// assert!(!seat_left(0, 0));
/// ```
pub fn seat_left(capacity: u32, enrolled: u64) -> bool {
    enrolled < u64::from(capacity)
}

/// Whether `capacity` still holds the `enrolled` enrollments of a course (a change of capacity
/// (정원 변경) never drops below them).
///
/// # Example
/// ```
/// use cqnet_core::capacity::capacity_holds;
/// assert!(capacity_holds(25, 25)); // down to exactly the enrolled
/// assert!(!capacity_holds(24, 25));
/// ```
pub fn capacity_holds(capacity: u32, enrolled: u64) -> bool {
    u64::from(capacity) >= enrolled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_seat_is_taken_and_the_capacity_holds_it() {
        for capacity in [0_u32, 1, 20] {
            for enrolled in 0..=u64::from(capacity) + 1 {
                // Taking a seat when one is left keeps the capacity holding the enrollments.
                assert_eq!(
                    seat_left(capacity, enrolled),
                    capacity_holds(capacity, enrolled + 1)
                );
            }
        }
        assert!(capacity_holds(0, 0));
        assert!(!seat_left(0, 0));
        assert!(capacity_holds(u32::MAX, u64::from(u32::MAX)));
    }
}
