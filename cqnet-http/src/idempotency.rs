//! The `Idempotency-Key` header of a command (IETF httpapi idempotency-key draft): read once,
//! as an extractor, so that every command route takes its key the same way; and the keys whose
//! request is still running, so that a second request under one is `409` rather than a race.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use cqnet_store::{Actor, IdempotencyKey};

use crate::Problem;
use crate::actor::{Caller, HasActors};

/// The name of the header.
const HEADER: &str = "idempotency-key";

/// The `Idempotency-Key` of a command: required, one to 128 visible ASCII characters (an RFC
/// 8941 string may come quoted: the key is what is inside). `400 idempotency-key-missing`
/// without one, `400 idempotency-key-invalid` for one that is not a key, and `409
/// idempotency-key-in-flight` while a request of the same actor under the same key is running.
///
/// The key stays claimed for as long as this value lives: a handler keeps it to its end.
pub(crate) struct Keyed {
    key: IdempotencyKey,
    _claim: Claim,
}

impl Keyed {
    /// The key.
    pub(crate) fn key(&self) -> &IdempotencyKey {
        &self.key
    }
}

/// What the router keeps that knows the keys running.
pub(crate) trait HasRunningKeys {
    fn running_keys(&self) -> &Arc<RunningKeys>;
}

impl<St: HasActors + HasRunningKeys + Send + Sync> FromRequestParts<St> for Keyed {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &St) -> Result<Self, Self::Rejection> {
        let key = read_key(parts)?;
        let Caller(actor) = Caller::from_request_parts(parts, state).await?;
        let claim = state.running_keys().claim(actor, key.clone())?;
        Ok(Keyed { key, _claim: claim })
    }
}

/// The keys, per actor, whose request is running. An entry lives from the request's headers to
/// its answer (or to its end, if the client goes away or the timeout ends it), so the set holds
/// at most as many keys as requests run at once.
#[derive(Debug, Default)]
pub(crate) struct RunningKeys {
    keys: Mutex<HashSet<(Actor, IdempotencyKey)>>,
}

impl RunningKeys {
    /// Claims `key` for `actor` until the claim is dropped, or answers `409
    /// idempotency-key-in-flight` when a request of that actor holds it.
    fn claim(self: &Arc<Self>, actor: Actor, key: IdempotencyKey) -> Result<Claim, Problem> {
        let entry = (actor, key);
        if !self.lock().insert(entry.clone()) {
            return Err(Problem::new(
                StatusCode::CONFLICT,
                "idempotency-key-in-flight",
                format!(
                    "a request under the Idempotency-Key {:?} is still running: send it again once that one is answered, and it replays the answer",
                    entry.1.as_str()
                ),
            ));
        }
        Ok(Claim {
            running: Arc::clone(self),
            entry: Some(entry),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<(Actor, IdempotencyKey)>> {
        // A panic while the set was held leaves it whole (an insert or a remove is one call).
        self.keys.lock().unwrap_or_else(PoisonError::into_inner)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

/// A key claimed by a running request: given back when dropped.
#[derive(Debug)]
struct Claim {
    running: Arc<RunningKeys>,
    entry: Option<(Actor, IdempotencyKey)>,
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Some(entry) = self.entry.take() {
            self.running.lock().remove(&entry);
        }
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
    fn a_key_is_claimed_once_per_actor_until_its_claim_is_dropped() {
        let running = Arc::new(RunningKeys::default());
        let key = IdempotencyKey::new("k-1").unwrap();
        let staff = Actor::new("kim.staff", cqnet_store::Role::Agency).unwrap();
        let other = Actor::new("lee.staff", cqnet_store::Role::Agency).unwrap();
        let first = running.claim(staff.clone(), key.clone()).unwrap();
        let again = running.claim(staff.clone(), key.clone()).unwrap_err();
        assert_eq!(
            (again.status(), kind(&again).as_str()),
            (StatusCode::CONFLICT, "idempotency-key-in-flight")
        );
        let theirs = running.claim(other, key.clone()).unwrap();
        assert_eq!(running.len(), 2, "another actor's key is another key");
        drop(first);
        drop(theirs);
        assert_eq!(running.len(), 0, "a dropped claim gives its key back");
        assert!(running.claim(staff, key).is_ok());
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
