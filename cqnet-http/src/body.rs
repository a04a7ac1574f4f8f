//! Request bodies: JSON only, read whole under the body limit, and parsed into a wire type so
//! that a bad field answers with its JSON pointer.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use serde_path_to_error::{Path, Segment};

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
        let pointer = pointer(e.path());
        let inner = e.into_inner();
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

    #[test]
    fn text_that_is_not_json_is_a_bad_request() {
        let problem = parse::<Facts>(br#"{"facts": [ "#).expect_err("cut short");
        assert_eq!(problem.status(), StatusCode::BAD_REQUEST);
        assert_eq!(problem.pointer(), None);
        let trailing = parse::<Facts>(br#"{"facts": []} x"#).expect_err("trailing text");
        assert_eq!(trailing.status(), StatusCode::BAD_REQUEST);
    }
}
