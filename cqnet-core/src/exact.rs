//! Reading decimals exactly: from strings and whole numbers, never from binary floating point.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

/// A decimal as written on the wire: a string (`"87.5"`) or a whole number (`87`).
///
/// Deserialising a floating-point number (`87.5` in JSON or TOML) is refused, because its
/// value has already passed through binary floating point. Domain newtypes deserialise through
/// this type and then through their own validating constructor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExactDecimal(pub Decimal);

impl<'de> Deserialize<'de> for ExactDecimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExactVisitor;

        impl Visitor<'_> for ExactVisitor {
            type Value = ExactDecimal;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal written as a string (\"87.5\") or a whole number")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(ExactDecimal(Decimal::from(v)))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(ExactDecimal(Decimal::from(v)))
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Err(E::custom(
                    "decimals must be written as strings (\"87.5\") or whole numbers to stay exact",
                ))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                parse_decimal(v).map(ExactDecimal).map_err(E::custom)
            }
        }

        deserializer.deserialize_any(ExactVisitor)
    }
}

/// The longest decimal text read: a sign, 29 digits and a point need 31 characters, and a
/// few leading or trailing zeros fit too. Longer text is refused before it is parsed.
pub const MAX_DECIMAL_TEXT_LEN: usize = 40;

/// Parses a plain decimal (`"87.5"`, `"-3"`, `"40"`), refusing exponents, blanks, overflow
/// and text longer than [`MAX_DECIMAL_TEXT_LEN`].
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, String> {
    if text.len() > MAX_DECIMAL_TEXT_LEN {
        return Err(format!(
            "a decimal of {} bytes is longer than the {MAX_DECIMAL_TEXT_LEN} allowed",
            text.len()
        ));
    }
    let t = text.trim();
    let well_formed = !t.is_empty()
        && t.len() == text.len()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    if !well_formed {
        return Err(format!(
            "{:?} is not a plain decimal number",
            crate::InputError::quoted(text)
        ));
    }
    Decimal::from_str_exact(t).map_err(|e| format!("{text:?} is not a decimal number: {e}"))
}

/// Implements `FromStr`, `Display`, `Serialize` (as a string) and `Deserialize` (through
/// [`ExactDecimal`] and the type's `new` constructor) for a decimal newtype.
macro_rules! decimal_newtype_serde {
    ($ty:ident, $what:literal) => {
        impl std::str::FromStr for $ty {
            type Err = $crate::InputError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let value =
                    $crate::exact::parse_decimal(s).map_err(|_| $crate::InputError::Malformed {
                        what: $what,
                        value: $crate::InputError::quoted(s),
                        expected: "a plain decimal number such as 87.5",
                    })?;
                $ty::new(value)
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.0.normalize(), f)
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let exact = $crate::exact::ExactDecimal::deserialize(d)?;
                $ty::new(exact.0).map_err(serde::de::Error::custom)
            }
        }

        impl TryFrom<rust_decimal::Decimal> for $ty {
            type Error = $crate::InputError;
            fn try_from(value: rust_decimal::Decimal) -> Result<Self, Self::Error> {
                $ty::new(value)
            }
        }

        impl From<$ty> for rust_decimal::Decimal {
            fn from(value: $ty) -> Self {
                value.0
            }
        }
    };
}
pub(crate) use decimal_newtype_serde;

impl FromStr for ExactDecimal {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_decimal(s).map(ExactDecimal)
    }
}
