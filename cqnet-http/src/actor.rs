//! Who is calling: the host authenticates, and tells the router which [`Actor`] a request
//! speaks for.

use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use cqnet_store::Actor;

use crate::Problem;

/// The host's answer to "who is calling": the [`Actor`] of a request, from its parts (a
/// bearer token, a client certificate, a session cookie), or `None` for an anonymous one.
///
/// The router asks it on every route that acts or reads a record; only the public routes
/// (the rule packs, `evaluate`, 진위확인, the pass list after the announcement) work without an
/// actor. What an actor may do is for the core's access rules to decide, not for this trait.
///
/// # Example
/// ```
/// use axum::http::request::Parts;
/// use cqnet_http::ActorSource;
/// use cqnet_store::{Actor, Role};
///
/// /// Everybody is the agency: for a demonstration only.
/// struct Everybody;
/// impl ActorSource for Everybody {
///     fn actor(&self, _parts: &Parts) -> Option<Actor> {
///         Actor::new("hrdk-admin", Role::Agency).ok()
///     }
/// }
/// let (parts, ()) = axum::http::Request::new(()).into_parts();
/// assert_eq!(Everybody.actor(&parts).map(|a| a.login().to_owned()), Some("hrdk-admin".into()));
/// ```
pub trait ActorSource: Send + Sync + 'static {
    /// The actor the request speaks for, or `None`.
    fn actor(&self, parts: &Parts) -> Option<Actor>;
}

/// Bearer tokens mapped to actors: `Authorization: Bearer TOKEN` speaks for the actor of that
/// token, any other request for nobody. Tokens are compared whole; a host with real
/// authentication implements [`ActorSource`] over it instead.
///
/// # Example
/// ```
/// use cqnet_http::{ActorSource, BearerTokens};
///
/// let tokens = BearerTokens::from_json(r#"{"t-agency": {"login": "hrdk-admin", "role": {"role": "agency"}}}"#)?;
/// let request = axum::http::Request::builder().header("authorization", "Bearer t-agency").body(())?;
/// let (parts, ()) = request.into_parts();
/// assert_eq!(tokens.actor(&parts).map(|a| a.login().to_owned()), Some("hrdk-admin".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct BearerTokens {
    actors: HashMap<String, Actor>,
}

impl BearerTokens {
    /// Reads a JSON object from each token to its actor (`{"login": …, "role": {"role":
    /// "institution_staff", "of": "…"}}`), each actor checked as [`Actor::new`] checks it.
    ///
    /// # Errors
    /// The JSON error when the text is not such an object or an actor is invalid.
    ///
    /// # Example
    /// ```
    /// assert!(cqnet_http::BearerTokens::from_json(r#"{"t": {"login": "", "role": {"role": "agency"}}}"#).is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        Ok(BearerTokens {
            actors: serde_json::from_str(text)?,
        })
    }

    /// Adds a token for an actor.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, Role};
    /// let tokens = cqnet_http::BearerTokens::default().with("t-1", Actor::new("hrdk-admin", Role::Agency)?);
    /// # let _ = tokens;
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with(mut self, token: &str, actor: Actor) -> Self {
        self.actors.insert(token.to_owned(), actor);
        self
    }
}

impl ActorSource for BearerTokens {
    fn actor(&self, parts: &Parts) -> Option<Actor> {
        let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
        let (scheme, token) = value.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return None;
        }
        self.actors.get(token.trim()).cloned()
    }
}

/// The actor of a request, or a `401` problem document when there is none.
pub(crate) struct Caller(pub(crate) Actor);

/// What the router keeps that can name a request's actor.
pub(crate) trait HasActors {
    fn actor_of(&self, parts: &Parts) -> Option<Actor>;
}

impl<St: HasActors + Send + Sync> FromRequestParts<St> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &St) -> Result<Self, Self::Rejection> {
        state.actor_of(parts).map(Caller).ok_or_else(|| {
            Problem::new(
                StatusCode::UNAUTHORIZED,
                "no-actor",
                "this route acts for someone: the request names no actor the host knows",
            )
        })
    }
}

/// The actor of a request where there is one: the public routes read it to let a known actor
/// see what the public may not yet.
pub(crate) struct MaybeCaller(pub(crate) Option<Actor>);

impl<St: HasActors + Send + Sync> FromRequestParts<St> for MaybeCaller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &St) -> Result<Self, Self::Rejection> {
        Ok(MaybeCaller(state.actor_of(parts)))
    }
}
