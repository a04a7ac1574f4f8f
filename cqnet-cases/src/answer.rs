//! A kind's answer as JSON, and back: what `evaluate` returns and what the runner reads from a
//! server. The shape of each field is declared beside its kind, so a list of decimals is never
//! read as a set of names.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use cqnet_core::Reason;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::{Actual, Outcome};

/// The JSON shape of one answered field.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    /// `true` or `false`.
    Bool,
    /// `true`, `false` or `null`.
    MaybeBool,
    /// A decimal as a string (`"84.1666"`), or `null` when not computable.
    Decimal,
    /// A whole number.
    Whole,
    /// A `YYYY-MM-DD` date, or `null`.
    Date,
    /// The reasons in full: code, subject, measured and required values, legal basis, messages.
    Reasons,
    /// A list of names, compared as a set.
    Set,
    /// Any JSON value, compared for equality.
    Json,
    /// A list of values of one shape, compared in order.
    List(&'static Shape),
    /// An object with these named fields.
    Fields(&'static [(&'static str, Shape)]),
    /// An object whose keys are data (an applicant's id) and whose values have one shape.
    Map(&'static Shape),
}

/// A computed value written as JSON straight from its parts (no intermediate `Value`, so that
/// a batch of answers is written at the speed of the writer): decimals and dates as strings,
/// `null` where not computable, a set as a list of its names in order.
impl Serialize for Actual {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Actual::Bool(b) => serializer.serialize_bool(*b),
            Actual::MaybeBool(b) => b.serialize(serializer),
            Actual::Decimal(Some(d)) => serializer.collect_str(d),
            Actual::Date(Some(d)) => serializer.collect_str(d),
            Actual::Decimal(None) | Actual::Date(None) => serializer.serialize_none(),
            Actual::Whole(n) => serializer.serialize_u64(*n),
            Actual::Reasons(reasons) => reasons.serialize(serializer),
            Actual::Set(items) => items.serialize(serializer),
            Actual::List(items) => items.serialize(serializer),
            Actual::Object(fields) => fields.serialize(serializer),
            Actual::Json(value) => value.serialize(serializer),
        }
    }
}

/// The JSON object of a whole outcome, one member per answered field.
pub(crate) fn outcome_to_json(outcome: &Outcome) -> Result<Value, serde_json::Error> {
    serde_json::to_value(outcome)
}

/// Reads an answered value of the given shape; `at` names it in the message of a mismatch.
pub(crate) fn from_json(value: &Value, shape: Shape, at: &str) -> Result<Actual, String> {
    let wrong = |what: &str| format!("{at}: expected {what} in the answer, got {value}");
    Ok(match shape {
        Shape::Bool => Actual::Bool(value.as_bool().ok_or_else(|| wrong("true or false"))?),
        Shape::MaybeBool => match value {
            Value::Null => Actual::MaybeBool(None),
            Value::Bool(b) => Actual::MaybeBool(Some(*b)),
            _ => return Err(wrong("true, false or null")),
        },
        Shape::Decimal => match value {
            Value::Null => Actual::Decimal(None),
            Value::String(text) => Actual::Decimal(Some(
                Decimal::from_str_exact(text).map_err(|_| wrong("a decimal string"))?,
            )),
            _ => return Err(wrong("a decimal string or null")),
        },
        Shape::Whole => Actual::Whole(value.as_u64().ok_or_else(|| wrong("a whole number"))?),
        Shape::Date => match value {
            Value::Null => Actual::Date(None),
            Value::String(text) => Actual::Date(Some(
                text.parse::<NaiveDate>().map_err(|_| wrong("a date"))?,
            )),
            _ => return Err(wrong("a date or null")),
        },
        Shape::Reasons => Actual::Reasons(
            serde_json::from_value::<Vec<Reason>>(value.clone())
                .map_err(|e| format!("{at}: the reasons are not complete: {e}"))?,
        ),
        Shape::Set => Actual::Set(
            value
                .as_array()
                .ok_or_else(|| wrong("a list of names"))?
                .iter()
                .map(|item| {
                    item.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| wrong("a list of names"))
                })
                .collect::<Result<_, _>>()?,
        ),
        Shape::Json => Actual::Json(value.clone()),
        Shape::List(item) => Actual::List(
            value
                .as_array()
                .ok_or_else(|| wrong("a list"))?
                .iter()
                .enumerate()
                .map(|(i, v)| from_json(v, *item, &format!("{at}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        Shape::Fields(fields) => {
            let object = value.as_object().ok_or_else(|| wrong("an object"))?;
            let mut read = BTreeMap::new();
            for (name, shape) in fields {
                let member = object
                    .get(*name)
                    .ok_or_else(|| format!("{at}: no {name:?} in the answer"))?;
                read.insert(
                    (*name).to_owned(),
                    from_json(member, *shape, &format!("{at}.{name}"))?,
                );
            }
            Actual::Object(read)
        }
        Shape::Map(item) => Actual::Object(
            value
                .as_object()
                .ok_or_else(|| wrong("an object"))?
                .iter()
                .map(|(key, v)| Ok((key.clone(), from_json(v, *item, &format!("{at}.{key}"))?)))
                .collect::<Result<_, String>>()?,
        ),
    })
}

/// Reads a whole answer: every field of the kind must be there, with its shape.
pub(crate) fn outcome_from_json(
    answer: &Value,
    fields: &'static [(&'static str, Shape)],
) -> Result<Outcome, String> {
    let object = answer
        .as_object()
        .ok_or_else(|| format!("the answer is not a JSON object: {answer}"))?;
    fields
        .iter()
        .map(|(name, shape)| {
            let value = object
                .get(*name)
                .ok_or_else(|| format!("no {name:?} in the answer"))?;
            Ok((*name, from_json(value, *shape, name)?))
        })
        .collect()
}
