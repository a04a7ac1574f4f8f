//! The `Idempotency-Key` header of a command (IETF httpapi idempotency-key draft): read once,
//! as an extractor, so that every command route takes its key the same way.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use cqnet_store::IdempotencyKey;

use crate::Problem;

/// The name of the header.
const HEADER: &str = "idempotency-key";

/// The `Idempotency-Key` of a command: required, one to 128 visible ASCII characters (an RFC
/// 8941 string may come quoted: the key is what is inside). `400 idempotency-key-missing`
/// without one, `400 idempotency-key-invalid` for one that is not a key.
pub(crate) struct Keyed(pub(crate) IdempotencyKey);

impl<St: Send + Sync> FromRequestParts<St> for Keyed {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &St) -> Result<Self, Self::Rejection> {
        read_key(parts).map(Keyed)
    }
}

/// The key of a request's headers, or the problem of its absence or its shape.
fn read_key(parts: &Parts) -> Result<IdempotencyKey, Problem> {
    let invalid =
        |detail: String| Problem::new(StatusCode::BAD_REQUEST, "idempotency-key-invalid", detail);
    let text = parts
        .headers
        .get(HEADER)
        .ok_or_else(|| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "idempotency-key-missing",
                "a command needs an Idempotency-Key header",
            )
        })?
        .to_str()
        .map_err(|e| invalid(e.to_string()))?;
    // An RFC 8941 string may come quoted; the key is what is inside.
    let text = text.trim().trim_matches('"');
    IdempotencyKey::new(text).map_err(|e| invalid(e.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parts(value: Option<&[u8]>) -> Parts {
        let mut request = axum::http::Request::builder();
        if let Some(value) = value {
            request = request.header(HEADER, axum::http::HeaderValue::from_bytes(value).unwrap());
        }
        request.body(()).unwrap().into_parts().0
    }

    fn kind(problem: &Problem) -> String {
        problem.type_uri().rsplit('#').next().unwrap().to_owned()
    }

    #[test]
    fn a_quoted_key_is_read_inside_its_quotes() {
        let plain = read_key(&parts(Some(b"enroll-1"))).unwrap();
        let quoted = read_key(&parts(Some(b" \"enroll-1\" "))).unwrap();
        assert_eq!(plain, quoted);
        assert_eq!(plain.as_str(), "enroll-1");
    }

    #[test]
    fn no_key_and_a_bad_key_are_bad_requests_of_their_own_kinds() {
        let missing = read_key(&parts(None)).unwrap_err();
        assert_eq!(
            (missing.status(), kind(&missing).as_str()),
            (StatusCode::BAD_REQUEST, "idempotency-key-missing")
        );
        let long = "k".repeat(129);
        for bad in [&b"\"\""[..], long.as_bytes(), "키".as_bytes()] {
            let problem = read_key(&parts(Some(bad))).unwrap_err();
            assert_eq!(
                (problem.status(), kind(&problem).as_str()),
                (StatusCode::BAD_REQUEST, "idempotency-key-invalid"),
                "{bad:?}"
            );
        }
    }
}
