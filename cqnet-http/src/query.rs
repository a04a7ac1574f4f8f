//! Query parameters read one by one, so that a bad one is answered with its own JSON pointer
//! (`/page_size`), an unknown or repeated one refused rather than ignored.

use std::str::FromStr;

use axum::extract::FromRequestParts;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::http::request::Parts;

use crate::Problem;

/// The query parameters of a request, decoded, in order.
pub(crate) struct Params(Vec<(String, String)>);

impl<St: Send + Sync> FromRequestParts<St> for Params {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &St) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "invalid-query", e.body_text()))?;
        Ok(Params(pairs))
    }
}

/// `400 invalid-query` at the parameter `name`.
pub(crate) fn invalid(name: &str, detail: impl Into<String>) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, "invalid-query", detail).at(format!("/{name}"))
}

impl Params {
    /// Refuses a parameter the route does not take.
    pub(crate) fn only(&self, names: &[&str]) -> Result<&Self, Problem> {
        match self
            .0
            .iter()
            .find(|(name, _)| !names.contains(&name.as_str()))
        {
            Some((name, _)) => Err(invalid(
                name,
                format!(
                    "this route takes no query parameter {name:?}; it takes {}",
                    names.join(", ")
                ),
            )),
            None => Ok(self),
        }
    }

    /// The text of a parameter given at most once, or `None`.
    pub(crate) fn text<'a>(&'a self, name: &str) -> Result<Option<&'a str>, Problem> {
        let mut given = self.all(name);
        let first = given.next();
        if given.next().is_some() {
            return Err(invalid(name, format!("{name} is given more than once")));
        }
        Ok(first)
    }

    /// Every value of a parameter that may be repeated (`type=a&type=b`), in order.
    pub(crate) fn all<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a str> + use<'a> {
        let name = name.to_owned();
        self.0
            .iter()
            .filter(move |(n, _)| *n == name)
            .map(|(_, value)| value.as_str())
    }

    /// A parameter given at most once, read by `FromStr`; a value that does not read is `400
    /// invalid-query` at its pointer.
    pub(crate) fn parsed<T>(&self, name: &str) -> Result<Option<T>, Problem>
    where
        T: FromStr,
        T::Err: std::fmt::Display,
    {
        self.text(name)?
            .map(|text| {
                text.parse()
                    .map_err(|e| invalid(name, format!("{name}={text:?}: {e}")))
            })
            .transpose()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        Params(
            pairs
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn a_bad_unknown_or_repeated_parameter_is_named_by_its_pointer() {
        let p = params(&[("page_size", "ten"), ("x", "1")]);
        assert_eq!(p.only(&["page_size"]).err().unwrap().pointer(), Some("/x"));
        let bad = p.parsed::<u32>("page_size").unwrap_err();
        assert_eq!(
            (bad.status(), bad.pointer()),
            (StatusCode::BAD_REQUEST, Some("/page_size"))
        );
        let twice = params(&[("explain", "true"), ("explain", "false")]);
        assert_eq!(
            twice.parsed::<bool>("explain").unwrap_err().pointer(),
            Some("/explain")
        );
        let types = params(&[("type", "a"), ("type", "b")]);
        assert_eq!(types.all("type").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(params(&[]).parsed::<u32>("page_size").unwrap(), None);
    }
}
