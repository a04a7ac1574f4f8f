//! A score as an exact fraction: the mean of three rounds is a third, which no decimal holds.

use std::fmt;
use std::num::NonZeroU128;

use rust_decimal::Decimal;

/// A score (점수) on the 100-point scale as the exact fraction `numerator / denominator`, as a
/// bulk decision computes it: with no rounding at all, so that a boundary such as a final
/// score of exactly 80 is decided as the rules say.
///
/// The fraction is kept as computed, not reduced: two scores compare equal by value.
///
/// # Example
/// ```
/// use cqnet_analytics::ExactScore;
/// let third = ExactScore::new(250, 3).expect("a non-zero denominator");
/// assert_eq!(third, ExactScore::new(500, 6).expect("a non-zero denominator"));
/// // As rust_decimal divides: rounded at 28 significant digits.
/// assert_eq!(third.to_decimal(), rust_decimal::Decimal::from(250) / rust_decimal::Decimal::from(3));
/// assert_eq!(ExactScore::new(1, 0), None);
/// ```
#[derive(Clone, Copy)]
pub struct ExactScore {
    numerator: u128,
    denominator: NonZeroU128,
}

impl ExactScore {
    /// The score `numerator / denominator`; `None` for a zero denominator.
    ///
    /// # Example
    /// See [`ExactScore`].
    pub fn new(numerator: u128, denominator: u128) -> Option<Self> {
        NonZeroU128::new(denominator).map(|denominator| ExactScore {
            numerator,
            denominator,
        })
    }

    /// The score that `value` holds exactly; `None` for a negative value.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::ExactScore;
    /// use rust_decimal::Decimal;
    /// let score = ExactScore::from_decimal("86.75".parse::<Decimal>().unwrap()).unwrap();
    /// assert_eq!(score, ExactScore::new(347, 4).unwrap());
    /// ```
    pub fn from_decimal(value: Decimal) -> Option<Self> {
        let numerator = u128::try_from(value.mantissa()).ok()?;
        ExactScore::new(numerator, 10u128.pow(value.scale()))
    }

    /// The numerator, as computed.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::ExactScore;
    /// assert_eq!(ExactScore::new(250, 3).unwrap().numerator(), 250);
    /// ```
    pub fn numerator(self) -> u128 {
        self.numerator
    }

    /// The denominator, as computed (never zero).
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::ExactScore;
    /// assert_eq!(ExactScore::new(250, 3).unwrap().denominator(), 3);
    /// ```
    pub fn denominator(self) -> u128 {
        self.denominator.get()
    }

    /// The same score in lowest terms.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::ExactScore;
    /// let reduced = ExactScore::new(500, 6).unwrap().reduced();
    /// assert_eq!((reduced.numerator(), reduced.denominator()), (250, 3));
    /// ```
    #[must_use]
    pub fn reduced(self) -> Self {
        let divisor = gcd(self.numerator, self.denominator.get());
        ExactScore {
            numerator: self.numerator / divisor,
            denominator: NonZeroU128::new(self.denominator.get() / divisor)
                .unwrap_or(self.denominator),
        }
    }

    /// The score as a decimal, rounded at rust_decimal's 28 significant digits as the core's
    /// divisions are; exact when the fraction ends within them (a mean of whole scores over
    /// 2, 4 or 5 units does). A fraction whose terms do not fit in a decimal is cut after 26
    /// decimal places instead.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::ExactScore;
    /// assert_eq!(ExactScore::new(347, 4).unwrap().to_decimal().to_string(), "86.75");
    /// ```
    pub fn to_decimal(self) -> Decimal {
        let reduced = self.reduced();
        let (numerator, denominator) = (reduced.numerator, reduced.denominator.get());
        let as_decimal = |n: u128| {
            i128::try_from(n)
                .ok()
                .and_then(|n| Decimal::try_from_i128_with_scale(n, 0).ok())
        };
        if let Some(quotient) = as_decimal(numerator)
            .zip(as_decimal(denominator))
            .and_then(|(n, d)| n.checked_div(d))
        {
            return quotient.normalize();
        }
        // Taken digit by digit, which no numerator or denominator can overflow.
        let mut value = as_decimal(numerator / denominator).unwrap_or(Decimal::MAX);
        let mut remainder = numerator % denominator;
        let mut place = Decimal::ONE;
        for _ in 0..26 {
            if remainder == 0 {
                break;
            }
            place *= Decimal::new(1, 1);
            let (digit, rest) = next_digit(remainder, denominator);
            remainder = rest;
            value = value
                .checked_add(place * Decimal::from(digit))
                .unwrap_or(value);
        }
        value.normalize()
    }
}

/// The next decimal digit of `remainder / denominator` (with `remainder < denominator`) and the
/// remainder after it, computed without forming `remainder × 10`, which may not fit.
fn next_digit(remainder: u128, denominator: u128) -> (u8, u128) {
    let mut digit = 0u8;
    let mut rest: u128 = 0;
    // remainder × 10 = remainder added ten times, each step reduced modulo the denominator.
    for _ in 0..10 {
        let room = denominator - rest;
        if remainder >= room {
            rest = remainder - room;
            digit += 1;
        } else {
            rest += remainder;
        }
    }
    (digit, rest)
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

impl PartialEq for ExactScore {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.reduced(), other.reduced());
        a.numerator == b.numerator && a.denominator == b.denominator
    }
}

impl Eq for ExactScore {}

impl fmt::Debug for ExactScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

impl fmt::Display for ExactScore {
    /// The decimal form (see [`ExactScore::to_decimal`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_decimal(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_form_is_the_division_of_rust_decimal() {
        for (n, d) in [
            (250u128, 3u128),
            (347, 4),
            (100, 1),
            (0, 7),
            (199, 2),
            (80_0001, 10_000),
            (241, 3),
            (2, 3),
        ] {
            let exact = ExactScore::new(n, d).expect("non-zero");
            let divided = Decimal::from(n) / Decimal::from(d);
            let difference = (exact.to_decimal() - divided).abs();
            assert!(
                difference <= Decimal::new(1, 26),
                "{n}/{d}: {} against {divided}",
                exact.to_decimal()
            );
        }
        let huge = ExactScore::new(u128::MAX / 3, u128::MAX / 2).expect("non-zero");
        assert!(huge.to_decimal() < Decimal::ONE);
    }

    #[test]
    fn equal_by_value_and_from_decimal_exactly() {
        let half = ExactScore::new(1, 2).expect("non-zero");
        assert_eq!(half, ExactScore::new(50, 100).expect("non-zero"));
        assert_ne!(half, ExactScore::new(51, 100).expect("non-zero"));
        let back = ExactScore::from_decimal(Decimal::new(5, 1)).expect("positive");
        assert_eq!(back, half);
        assert_eq!(ExactScore::from_decimal(Decimal::new(-5, 1)), None);
    }
}
