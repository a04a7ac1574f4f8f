//! Typed errors for invalid input.
//!
//! A business "no" (a trainee who did not attend enough) is a [`Decision`](crate::reason)
//! with reasons, never an error. An [`InputError`] means the input itself could not describe
//! a real situation: a score of 120, attended hours above scheduled hours, a window that ends
//! before it starts.

use thiserror::Error;

/// Input that no real situation could produce, refused before any rule runs.
///
/// # Example
/// ```
/// use cqnet_core::{InputError, Score};
/// let err = Score::new(120.into()).unwrap_err();
/// assert!(matches!(err, InputError::OutOfRange { what: "score", .. }));
/// assert_eq!(err.to_string(), "score must be between 0 and 100, got 120");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum InputError {
    /// A number outside the range its concept allows.
    #[error("{what} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// The concept (`score`, `hours`, `percent`, …).
        what: &'static str,
        /// The smallest allowed value.
        min: String,
        /// The largest allowed value.
        max: String,
        /// The value given.
        value: String,
    },
    /// Text that does not have the form its concept requires.
    #[error("{what} {value:?} is malformed: {expected}")]
    Malformed {
        /// The concept (`NCS competency unit code`, `qualification code`, …).
        what: &'static str,
        /// The text given.
        value: String,
        /// What the form should be.
        expected: &'static str,
    },
    /// A decimal that would have passed through binary floating point.
    #[error(
        "{what} must be written exactly (a string such as \"87.5\" or a whole number), not as a binary floating-point number"
    )]
    InexactNumber {
        /// The concept being read.
        what: &'static str,
    },
    /// A decimal with more decimal places than the concept allows.
    #[error("{what} may have at most {max_places} decimal places, got {value}")]
    TooPrecise {
        /// The concept (`hours`, `score`, …).
        what: &'static str,
        /// The most decimal places allowed.
        max_places: u32,
        /// The value given.
        value: String,
    },
    /// A number that must be more than zero is zero.
    #[error("{what} must be more than 0")]
    NotPositive {
        /// The concept (`scheduled hours of a unit`, `fee`, …).
        what: &'static str,
    },
    /// A list that must hold at least one element is empty.
    #[error("{what} must not be empty")]
    Empty {
        /// The list (`competency units`, `internal units`, …).
        what: &'static str,
    },
    /// Two values that must agree do not.
    #[error("{0}")]
    Inconsistent(String),
    /// The same key appears twice where it must be unique.
    #[error("{what} {key:?} appears more than once")]
    Duplicate {
        /// The concept (`competency unit`, `facility`, …).
        what: &'static str,
        /// The repeated key (the start of a long one).
        key: String,
    },
    /// A name that matches none of the allowed values.
    #[error("unknown {what} {value:?}; expected one of: {expected}")]
    Unknown {
        /// The concept (`track`, `grade`, …).
        what: &'static str,
        /// The value given.
        value: String,
        /// The allowed values.
        expected: &'static str,
    },
    /// Text holding a character that can make it look like other text or reorder it: a
    /// control character, a bidirectional override, embedding, isolate or mark, or a
    /// zero-width or other invisible character.
    #[error("{what} {value:?} holds {character:?} at character {position}: {kind} is not allowed")]
    HiddenCharacter {
        /// The concept (`printed name`, `unit name`, …).
        what: &'static str,
        /// The start of the text given (escaped when shown).
        value: String,
        /// The first such character.
        character: char,
        /// Its position, counted in characters from 1.
        position: usize,
        /// What kind of character it is.
        kind: &'static str,
    },
    /// A fact a builder needs was never given: a missing fact refuses, it never defaults.
    #[error("{what} is missing")]
    Missing {
        /// The fact (`scheduled hours of a unit`, …).
        what: &'static str,
    },
}

impl InputError {
    pub(crate) fn out_of_range(
        what: &'static str,
        min: impl ToString,
        max: impl ToString,
        value: impl ToString,
    ) -> Self {
        InputError::OutOfRange {
            what,
            min: min.to_string(),
            max: max.to_string(),
            value: value.to_string(),
        }
    }

    /// At most [`QUOTED_CHARS`] characters of `text`, with `…` when cut, for an error's
    /// value: an error never repeats a long input whole. Messages show the value with `{:?}`,
    /// which escapes control and bidirectional characters.
    pub(crate) fn quoted(text: &str) -> String {
        match text.char_indices().nth(QUOTED_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_owned(),
        }
    }
}

/// The most characters of an input an error quotes.
const QUOTED_CHARS: usize = 64;
