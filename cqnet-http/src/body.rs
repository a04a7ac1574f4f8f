//! Request bodies: JSON only, read whole under the body limit, and parsed into a wire type so
//! that a bad field answers with its JSON pointer. A wire type is then checked for shape and
//! size ([`Checked`], with `validator`: texts not empty and no longer than the domain keeps,
//! lists not empty and of at most [`MAX_LIST_ITEMS`] items) before it is turned into the
//! domain's validated values, so that nothing reaches a service half-checked.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use serde_path_to_error::{Path, Segment};
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::Problem;

/// A JSON request body read into `T`: `415` for another content type, `413` over the body
/// limit, `400` for text that is not JSON, `422` with the pointer of the field for JSON that
/// does not fit `T` (an unknown field, a float where a decimal string is due).
pub(crate) struct Wire<T>(pub(crate) T);

impl<T: DeserializeOwned, St: Send + Sync> FromRequest<St> for Wire<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &St) -> Result<Self, Self::Rejection> {
        let json = media_type(&request).is_some_and(|(media, _)| media == "application/json");
        if !json {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "not-json",
                "the body must be sent as Content-Type: application/json",
            ));
        }
        let bytes = read(request, state).await?;
        parse(&bytes).map(Wire)
    }
}

/// The most items a list of a request body holds (the facts of one request, a course's
/// units, a round's venues): a larger list is `422 invalid-field` at its pointer, even within
/// the body limit.
///
/// # Example
/// ```
/// assert_eq!(cqnet_http::MAX_LIST_ITEMS, 10_000);
/// ```
pub const MAX_LIST_ITEMS: u64 = 10_000;

/// The longest texts the domain keeps, in characters, as `validator`'s rules take them.
pub(crate) mod chars {
    use cqnet_store::exam::Venue;
    use cqnet_store::training::{Institution, Person, Qualification};

    pub(crate) const PERSON_NAME: u64 = Person::MAX_NAME_CHARS as u64;
    pub(crate) const PERSON_CONTACT: u64 = Person::MAX_CONTACT_CHARS as u64;
    pub(crate) const QUALIFICATION_TEXT: u64 = Qualification::MAX_TEXT_CHARS as u64;
    pub(crate) const INSTITUTION_NAME: u64 = Institution::MAX_NAME_CHARS as u64;
    pub(crate) const VENUE_NAME: u64 = Venue::MAX_NAME_CHARS as u64;
    pub(crate) const NOTE: u64 = cqnet_store::certificate::MAX_NOTE_CHARS as u64;
}

/// A JSON request body read as [`Wire`] does, then checked for shape and size by its
/// `validator` rules: the first field that breaks one (in the order of their pointers) is
/// `422 invalid-field` at its pointer.
pub(crate) struct Checked<T>(pub(crate) T);

impl<T: DeserializeOwned + Validate, St: Send + Sync> FromRequest<St> for Checked<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &St) -> Result<Self, Self::Rejection> {
        let Wire(body) = Wire::<T>::from_request(request, state).await?;
        check(&body)?;
        Ok(Checked(body))
    }
}

/// Checks a parsed body against its `validator` rules.
pub(crate) fn check<T: Validate>(body: &T) -> Result<(), Problem> {
    let Err(errors) = body.validate() else {
        return Ok(());
    };
    let mut broken = Vec::new();
    collect(&errors, String::new(), &mut broken);
    broken.sort();
    let (pointer, detail) = broken.into_iter().next().unwrap_or_else(|| {
        (
            String::new(),
            "the body breaks a rule of its shape".to_owned(),
        )
    });
    Err(Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-field", detail).at(pointer))
}

/// Every broken rule under `errors` with its JSON pointer and a sentence saying what is due.
fn collect(errors: &ValidationErrors, at: String, into: &mut Vec<(String, String)>) {
    for (field, kind) in errors.errors() {
        let here = format!("{at}/{}", field.replace('~', "~0").replace('/', "~1"));
        match kind {
            ValidationErrorsKind::Field(broken) => {
                for error in broken {
                    into.push((here.clone(), explain(&error.code, &error.params)));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, here, into),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect(inner, format!("{here}/{index}"), into);
                }
            }
        }
    }
}

/// What a `validator` rule asks, in words: `length` with its `min` and `max`, `range` alike.
fn explain(
    code: &str,
    params: &std::collections::HashMap<std::borrow::Cow<'static, str>, serde_json::Value>,
) -> String {
    let bound = |name: &str| params.get(name).map(ToString::to_string);
    let what = if code == "length" {
        "a length (characters of a text, items of a list)"
    } else {
        "a value"
    };
    match (bound("min"), bound("max")) {
        (Some(min), Some(max)) => format!("{what} from {min} to {max} is due"),
        (Some(min), None) => format!("{what} of at least {min} is due"),
        (None, Some(max)) => format!("{what} of at most {max} is due"),
        (None, None) => format!("the value breaks the rule `{code}`"),
    }
}

/// The media type of a request (`text/csv` of `text/csv; charset=utf-8`), in lower case, and
/// its `charset` parameter if it has one.
pub(crate) fn media_type(request: &Request) -> Option<(String, Option<String>)> {
    let value = request.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    let mut parts = value.split(';');
    let media = parts.next()?.trim().to_ascii_lowercase();
    let charset = parts.find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_ascii_lowercase())
    });
    Some((media, charset))
}

/// The whole body under the route's body limit: `413 body-too-large` beyond it, `400
/// body-unreadable` when it cannot be read.
pub(crate) async fn read<St: Send + Sync>(request: Request, state: &St) -> Result<Bytes, Problem> {
    Bytes::from_request(request, state).await.map_err(|e| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::new(status, "body-too-large", e.body_text())
        } else {
            Problem::new(status, "body-unreadable", e.body_text())
        }
    })
}

/// Parses a body: a syntax error is `400 malformed-json`, a value that does not fit `T`
/// `422 invalid-field` at its pointer.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        let mut pointer = pointer(e.path());
        let inner = e.into_inner();
        // serde names a missing field in its message, at the path of the object that lacks
        // it (an unknown field's path names the field already): the pointer names the field.
        if let Some(field) = missing_field(&inner.to_string()) {
            pointer.push('/');
            pointer.push_str(&field.replace('~', "~0").replace('/', "~1"));
        }
        if inner.is_data() {
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-field",
                inner.to_string(),
            )
            .at(pointer)
        } else {
            malformed(&inner)
        }
    })?;
    reader.end().map_err(|e| malformed(&e))?;
    Ok(value)
}

/// The field a serde message names as missing (`missing field `hours` at line 1 …`), if any.
fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split_once('`').map(|(field, _)| field)
}

fn malformed(error: &serde_json::Error) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, "malformed-json", error.to_string())
}

/// The JSON pointer (RFC 6901) of a serde path: `units[0].hours` is `/units/0/hours`.
fn pointer(path: &Path) -> String {
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .map(|token| format!("/{token}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Fact {
        #[allow(dead_code)]
        hours: rust_decimal::Decimal,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Facts {
        #[allow(dead_code)]
        facts: Vec<Fact>,
    }

    #[test]
    fn a_bad_field_is_named_by_its_pointer() {
        let problem = parse::<Facts>(br#"{"facts": [{"hours": "8"}, {"hours": true}]}"#)
            .expect_err("a boolean is not hours");
        assert_eq!(problem.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem.pointer(), Some("/facts/1/hours"));
    }

    #[derive(serde::Deserialize, serde::Serialize, Validate)]
    struct Venue {
        #[validate(length(min = 1, max = 3))]
        name: String,
    }

    #[derive(serde::Deserialize, Validate)]
    struct Round {
        #[validate(length(min = 1, max = 2), nested)]
        venues: Vec<Venue>,
    }

    #[test]
    fn a_broken_rule_is_named_by_its_pointer() {
        let round = parse::<Round>(br#"{"venues": [{"name": "A"}, {"name": "ABCD"}]}"#)
            .expect("the shape parses");
        let problem = check(&round).expect_err("a name of 4 characters is too long");
        assert_eq!(problem.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem.pointer(), Some("/venues/1/name"));
        assert!(problem.detail().contains("to 3"), "{}", problem.detail());
        let empty = parse::<Round>(br#"{"venues": []}"#).expect("the shape parses");
        let problem = check(&empty).expect_err("no venue");
        assert_eq!(problem.pointer(), Some("/venues"));
        let fine =
            parse::<Round>("{\"venues\": [{\"name\": \"가나다\"}]}".as_bytes()).expect("parses");
        assert!(
            check(&fine).is_ok(),
            "three Hangul syllables are three characters"
        );
    }

    #[test]
    fn a_missing_or_unknown_field_is_named_by_its_own_pointer() {
        let problem = parse::<Facts>(br#"{"facts": [{"hours": "8"}, {}]}"#).expect_err("no hours");
        assert_eq!(problem.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem.pointer(), Some("/facts/1/hours"));
        let problem = parse::<Facts>(b"{}").expect_err("no facts");
        assert_eq!(problem.pointer(), Some("/facts"));
        let problem = parse::<Facts>(br#"{"facts": [{"hours": "8", "hour/s": 1}]}"#)
            .expect_err("an unknown field");
        assert_eq!(problem.pointer(), Some("/facts/0/hour~1s"));
    }

    #[test]
    fn text_that_is_not_json_is_a_bad_request() {
        let problem = parse::<Facts>(br#"{"facts": [ "#).expect_err("cut short");
        assert_eq!(problem.status(), StatusCode::BAD_REQUEST);
        assert_eq!(problem.pointer(), None);
        let trailing = parse::<Facts>(br#"{"facts": []} x"#).expect_err("trailing text");
        assert_eq!(trailing.status(), StatusCode::BAD_REQUEST);
    }
}
