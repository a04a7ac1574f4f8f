//! Overlays written as text, `name=value` pairs separated by commas, for either track.

use cqnet_core::{Percent, Score};

/// Why an overlay's text (`pass_average=75,attendance_minimum=80`) was not read.
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::{parse_scenario, parse_work_study_scenario, ScenarioTextError};
/// assert!(matches!(parse_scenario("pass_mark=75"), Err(ScenarioTextError::UnknownParameter(_))));
/// assert!(matches!(
///     parse_work_study_scenario("pass_average=75"),
///     Err(ScenarioTextError::UnknownWorkStudyParameter(_))
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioTextError {
    /// A part that is not `name=value`.
    #[error("{0:?} is not name=value")]
    NotAnAssignment(String),
    /// A name that is no scenario parameter of the course-based track.
    #[error(
        "{0:?} is not a scenario parameter (pass_average, internal_weight, external_weight, written_weight, practical_weight, attendance_minimum, round_floor)"
    )]
    UnknownParameter(String),
    /// A name that is no scenario parameter of the work-study track (일학습병행).
    #[error(
        "{0:?} is not a work-study scenario parameter (attendance_min_percent, internal_unit_pass_percent, external_unit_pass_percent)"
    )]
    UnknownWorkStudyParameter(String),
    /// A value its parameter does not take (a score from 0 to 100, a percent from 0 to 100,
    /// written exactly).
    #[error("{parameter} = {value:?}: {why}")]
    BadValue {
        /// The parameter.
        parameter: String,
        /// The value given.
        value: String,
        /// What is wrong with it.
        why: String,
    },
    /// A parameter named twice.
    #[error("{0} is named twice")]
    Repeated(String),
    /// No parameter at all.
    #[error("the overlay names no parameter")]
    Empty,
}

/// One value of the text, read as its parameter takes it.
pub(super) struct Value<'a> {
    parameter: &'a str,
    text: &'a str,
}

impl Value<'_> {
    fn bad(&self, why: String) -> ScenarioTextError {
        ScenarioTextError::BadValue {
            parameter: short(self.parameter),
            value: short(self.text),
            why,
        }
    }

    /// A score from 0 to 100.
    pub(super) fn score(&self) -> Result<Score, ScenarioTextError> {
        self.text
            .parse::<Score>()
            .map_err(|e| self.bad(e.to_string()))
    }

    /// A percent from 0 to 100, a plain decimal (no exponent, no blanks).
    pub(super) fn percent(&self) -> Result<Percent, ScenarioTextError> {
        self.text
            .parse::<Percent>()
            .map_err(|e| self.bad(e.to_string()))
    }
}

/// The scenario `text` names: `assign` puts one value in its slot and says whether the slot
/// was empty, or refuses the name.
pub(super) fn parse_pairs<S: Default>(
    text: &str,
    mut assign: impl FnMut(&mut S, &str, Value<'_>) -> Result<bool, ScenarioTextError>,
) -> Result<S, ScenarioTextError> {
    let mut scenario = S::default();
    let mut named = 0;
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, value)) = part.split_once('=') else {
            return Err(ScenarioTextError::NotAnAssignment(short(part)));
        };
        let (name, value) = (name.trim(), value.trim());
        let value = Value {
            parameter: name,
            text: value,
        };
        if !assign(&mut scenario, name, value)? {
            return Err(ScenarioTextError::Repeated(short(name)));
        }
        named += 1;
    }
    if named == 0 {
        return Err(ScenarioTextError::Empty);
    }
    Ok(scenario)
}

/// Puts `value` in `slot`; whether the slot was empty.
pub(super) fn replace<T>(slot: &mut Option<T>, value: T) -> bool {
    slot.replace(value).is_none()
}

/// At most 40 characters of a user's text, for an error message.
pub(super) fn short(text: &str) -> String {
    let mut cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}
