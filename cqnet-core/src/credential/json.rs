//! Reading a received credential's JSON text strictly: an object that names a key twice is
//! refused at every depth, before any signature is checked. Readers differ on which of two
//! equal keys wins (serde_json keeps the last, others the first), so such a document could
//! show one reader the text that was signed and another reader something else.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::InputError;

/// Reads JSON text into a value, refusing an object that holds the same key twice, at any
/// depth, and anything after the value but blanks.
///
/// # Errors
/// [`InputError::Duplicate`] (`what` is `"JSON key"`) for a repeated key, naming it;
/// [`InputError::Malformed`] for text that is not one JSON value (quoting only its start).
///
/// # Example
/// ```
/// use cqnet_core::credential::parse_json_strict;
/// use cqnet_core::InputError;
/// assert_eq!(parse_json_strict(r#"{"a": {"b": 1}}"#)?["a"]["b"], 1);
/// let twice = parse_json_strict(r#"{"a": [{"b": 1, "b": 2}]}"#).unwrap_err();
/// assert!(matches!(twice, InputError::Duplicate { what: "JSON key", ref key } if key == "b"));
/// assert!(parse_json_strict("{} {}").is_err());
/// # Ok::<(), InputError>(())
/// ```
pub fn parse_json_strict(text: &str) -> Result<Value, InputError> {
    let repeated = RefCell::new(None);
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = StrictValue {
        repeated: &repeated,
    }
    .deserialize(&mut reader)
    .and_then(|value| reader.end().map(|()| value));
    value.map_err(|_| match repeated.into_inner() {
        Some(key) => InputError::Duplicate {
            what: "JSON key",
            key: InputError::quoted(&key),
        },
        None => InputError::Malformed {
            what: "JSON document",
            value: InputError::quoted(text),
            expected: "one JSON value, every object naming each key once",
        },
    })
}

/// A value read with the repeated-key check; the first key found twice is kept in `repeated`.
#[derive(Clone, Copy)]
struct StrictValue<'a> {
    repeated: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // JSON text has no NaN or infinity, so this is always a number.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = items.next_element_seed(self)? {
            out.push(item);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = entries.next_key::<String>()? {
            if out.contains_key(&key) {
                let error = de::Error::custom("an object names a key twice");
                *self.repeated.borrow_mut() = Some(key);
                return Err(error);
            }
            let value = entries.next_value_seed(self)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}
