//! Exact decimals as integers: every score, hour count and percentage of the core holds at most
//! four decimal places, so ten thousand times its value is a whole number.

use rust_decimal::Decimal;

use crate::CompileError;

/// The decimal places kept, the most a `Score`, `Hours` or `Percent` of the core holds.
pub(crate) const PLACES: u32 = 4;

/// One unit of a value in its integer form: a value `v` is stored as `v × SCALE`.
pub(crate) const SCALE: u64 = 10u64.pow(PLACES);

/// A percentage's denominator: `p` percent is the fraction `p / 100`.
pub(crate) const PERCENT: u64 = 100;

/// Why a decimal has no exact integer form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inexact {
    /// More than [`PLACES`] decimal places.
    TooPrecise,
    /// Below zero, or too large for the column.
    OutOfRange,
}

/// `value × SCALE` as a whole number of at most `u32::MAX`, refused when it is not whole
/// (more than four places) or does not fit.
pub(crate) fn scaled_u32(value: Decimal) -> Result<u32, Inexact> {
    let whole = scaled_u64(value)?;
    u32::try_from(whole).map_err(|_| Inexact::OutOfRange)
}

/// `value × SCALE` as a whole number, refused when it is not whole or does not fit in a `u64`.
pub(crate) fn scaled_u64(value: Decimal) -> Result<u64, Inexact> {
    let value = value.normalize();
    if value.scale() > PLACES {
        return Err(Inexact::TooPrecise);
    }
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Inexact::OutOfRange);
    }
    let factor = 10i128.pow(PLACES - value.scale());
    let whole = value
        .mantissa()
        .checked_mul(factor)
        .ok_or(Inexact::OutOfRange)?;
    u64::try_from(whole).map_err(|_| Inexact::OutOfRange)
}

/// A rule value of the pack as `value × SCALE`, refused with the parameter's name when it has
/// no exact integer form: a pack is never compiled by rounding.
pub(crate) fn rule_value(parameter: &'static str, value: Decimal) -> Result<u64, CompileError> {
    scaled_u64(value).map_err(|reason| match reason {
        Inexact::TooPrecise => CompileError::TooPrecise {
            parameter,
            value: value.to_string(),
            max_places: PLACES,
        },
        Inexact::OutOfRange => CompileError::OutOfRange {
            parameter,
            value: value.to_string(),
        },
    })
}

/// A percentage of the pack as `value × SCALE`, at most 100% (`PERCENT × SCALE`), which
/// keeps the integer comparisons of hours within 64 bits.
pub(crate) fn percent_value(parameter: &'static str, value: Decimal) -> Result<u64, CompileError> {
    let scaled = rule_value(parameter, value)?;
    if scaled > PERCENT * SCALE {
        return Err(CompileError::OutOfRange {
            parameter,
            value: value.to_string(),
        });
    }
    Ok(scaled)
}

/// The decimal that `scaled` stands for (`scaled / SCALE`), exactly.
pub(crate) fn unscaled(scaled: u32) -> Decimal {
    Decimal::new(i64::from(scaled), PLACES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_value_of_five_places_is_refused_by_name() {
        let refused = rule_value("course_based.pass_average", Decimal::new(800_001, 5));
        assert_eq!(
            refused,
            Err(CompileError::TooPrecise {
                parameter: "course_based.pass_average",
                value: "8.00001".into(),
                max_places: PLACES,
            })
        );
        let negative = rule_value("course_based.pass_average", Decimal::new(-1, 0));
        assert!(matches!(negative, Err(CompileError::OutOfRange { .. })));
        assert_eq!(rule_value("x", Decimal::new(755, 1)), Ok(755_000));
        assert_eq!(percent_value("x", Decimal::ONE_HUNDRED), Ok(1_000_000));
        assert!(matches!(
            percent_value("x", Decimal::new(1_000_001, 4)),
            Err(CompileError::OutOfRange { .. })
        ));
    }

    #[test]
    fn four_places_scale_exactly_and_five_are_refused() {
        let parse = |s: &str| s.parse::<Decimal>().expect("a decimal literal");
        assert_eq!(scaled_u32(parse("75")), Ok(750_000));
        assert_eq!(scaled_u32(parse("29.9999")), Ok(299_999));
        assert_eq!(scaled_u32(parse("0.00010")), Ok(1));
        assert_eq!(scaled_u32(parse("0.00001")), Err(Inexact::TooPrecise));
        assert_eq!(scaled_u32(parse("-0.5")), Err(Inexact::OutOfRange));
        assert_eq!(scaled_u32(parse("-0")), Ok(0));
        assert_eq!(scaled_u32(parse("500000")), Err(Inexact::OutOfRange));
        assert_eq!(scaled_u64(parse("500000")), Ok(5_000_000_000));
        for text in ["0", "12.5", "100000", "0.0001", "99.9999"] {
            let value = parse(text);
            let back = unscaled(scaled_u32(value).expect("fits"));
            assert_eq!(back, value, "{text}");
        }
    }
}
