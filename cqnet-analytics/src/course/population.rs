//! The columnar population of 과정평가형 trainees: one column per fact, the competency units
//! (능력단위) of a candidate as a range of the unit columns, and a unit's internal evaluation
//! rounds as a range of the round column.

use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitCourseLabel, UnitRecord};
use cqnet_core::{Hours, InputError, NcsUnitCode, Score};

use crate::PopulationError;
use crate::dictionary::Dictionary;
use crate::scale::{self, Inexact, PERCENT, SCALE};

/// A score column's entry for no score: a round not taken (미응시), or an external
/// evaluation not yet taken.
pub(crate) const NO_SCORE: u32 = u32::MAX;

/// 과정평가형 candidates as columns (struct of arrays), each value an exact integer: ten
/// thousand times the score or the hours, which hold at most four decimal places.
///
/// Built from the core's records ([`CoursePopulation::from_records`], [`CoursePopulationBuilder`]),
/// from a CSV file (`crate::csv`) or made up for measurements (`crate::synthetic`). The
/// records come back whole with [`CoursePopulation::record`].
///
/// # Example
/// ```
/// use cqnet_analytics::CoursePopulation;
/// use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
/// use cqnet_core::{Hours, Score};
///
/// let unit = UnitRecord::new(None, Hours::whole(40)?, "30.5".parse()?, vec![Some(Score::whole(85)?), None])?;
/// let record = TraineeRecord::new(vec![unit.clone(), unit])?.with_external(ExternalScores::new(Score::whole(80)?, Score::MAX));
/// let population = CoursePopulation::from_records(&[record.clone()])?;
/// assert_eq!((population.candidates(), population.units(), population.rounds()), (1, 2, 4));
/// assert_eq!(population.record(0)?, record);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoursePopulation {
    /// Per candidate, and one more: candidate `c` has units `unit_start[c]..unit_start[c + 1]`.
    pub(crate) unit_start: Vec<u32>,
    /// Per candidate: the written part (1차) of the external evaluation, or [`NO_SCORE`].
    pub(crate) written: Vec<u32>,
    /// Per candidate: the practical part (2차), or [`NO_SCORE`].
    pub(crate) practical: Vec<u32>,
    /// Per unit: scheduled hours (편성 시간).
    pub(crate) scheduled: Vec<u32>,
    /// Per unit: attended hours (출석 시간).
    pub(crate) attended: Vec<u32>,
    /// Per unit: its attendance rate (출석률), from [`attendance_rate`], so that a pass
    /// compares one column with the minimum instead of multiplying two.
    pub(crate) attendance_rate: Vec<u32>,
    /// Per unit, and one more: unit `u` has rounds `round_start[u]..round_start[u + 1]`.
    pub(crate) round_start: Vec<u32>,
    /// Per round: its score, or [`NO_SCORE`] for a round not taken.
    pub(crate) round_score: Vec<u32>,
    /// Per unit: its unit course (단위과정), if named.
    pub(crate) unit_course: Dictionary<UnitCourseLabel>,
    /// Per unit: its NCS code, if given.
    pub(crate) unit_code: Dictionary<NcsUnitCode>,
    /// Whether every unit has exactly one round, so that unit `u`'s round is round `u`.
    pub(crate) one_round_each: bool,
}

impl Default for CoursePopulation {
    fn default() -> Self {
        CoursePopulation {
            unit_start: vec![0],
            written: Vec::new(),
            practical: Vec::new(),
            scheduled: Vec::new(),
            attended: Vec::new(),
            attendance_rate: Vec::new(),
            round_start: vec![0],
            round_score: Vec::new(),
            unit_course: Dictionary::default(),
            unit_code: Dictionary::default(),
            one_round_each: true,
        }
    }
}

impl CoursePopulation {
    /// The population of `records`, in their order.
    ///
    /// # Errors
    /// As [`CoursePopulationBuilder::push`].
    ///
    /// # Example
    /// See [`CoursePopulation`].
    pub fn from_records<'a>(
        records: impl IntoIterator<Item = &'a TraineeRecord>,
    ) -> Result<Self, PopulationError> {
        let mut builder = CoursePopulationBuilder::default();
        for record in records {
            builder.push(record)?;
        }
        Ok(builder.finish())
    }

    /// How many candidates.
    ///
    /// # Example
    /// See [`CoursePopulation`].
    pub fn candidates(&self) -> usize {
        self.written.len()
    }

    /// How many competency units, all candidates together.
    ///
    /// # Example
    /// See [`CoursePopulation`].
    pub fn units(&self) -> usize {
        self.scheduled.len()
    }

    /// How many internal evaluation rounds, all units together.
    ///
    /// # Example
    /// See [`CoursePopulation`].
    pub fn rounds(&self) -> usize {
        self.round_score.len()
    }

    /// The bytes the columns hold (their length, not their spare capacity; each distinct
    /// label and code counted once, as its handle).
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::synthetic;
    /// let population = synthetic::openfisca_distribution(1_000, 12, 7);
    /// // Per unit: hours twice, the attendance rate, a round offset and one round; per
    /// // candidate: an offset and two scores.
    /// assert_eq!(population.column_bytes(), 4 + 1_000 * 12 * 5 * 4 + 4 + 1_000 * 3 * 4);
    /// ```
    pub fn column_bytes(&self) -> usize {
        let u32s = self.unit_start.len()
            + self.written.len()
            + self.practical.len()
            + self.scheduled.len()
            + self.attended.len()
            + self.attendance_rate.len()
            + self.round_start.len()
            + self.round_score.len();
        u32s * size_of::<u32>() + self.unit_course.column_bytes() + self.unit_code.column_bytes()
    }

    /// The written part (1차) of candidate `index`, `None` until taken (a candidate has both
    /// external parts or neither); `Err` past the last candidate.
    pub(crate) fn written(&self, index: usize) -> Result<Option<Score>, InputError> {
        match self.written.get(index) {
            None => Err(InputError::Missing {
                what: "candidate of the population",
            }),
            Some(&NO_SCORE) => Ok(None),
            Some(&score) => Score::new(scale::unscaled(score)).map(Some),
        }
    }

    /// Candidate `index`'s record, as the core's decision reads it.
    ///
    /// # Errors
    /// [`InputError::Missing`] for an index past the last candidate; any other
    /// [`InputError`] only for columns changed outside the builder, which cannot happen.
    ///
    /// # Example
    /// See [`CoursePopulation`].
    pub fn record(&self, index: usize) -> Result<TraineeRecord, InputError> {
        let missing = InputError::Missing {
            what: "candidate of the population",
        };
        let units = self.unit_range(index).ok_or(missing.clone())?;
        let mut records = Vec::with_capacity(units.len());
        for unit in units {
            let value = |column: &[u32]| column.get(unit).copied().ok_or(missing.clone());
            let rounds = self
                .round_range(unit)
                .and_then(|r| self.round_score.get(r))
                .ok_or(missing.clone())?
                .iter()
                .map(|score| match *score {
                    NO_SCORE => Ok(None),
                    score => Score::new(scale::unscaled(score)).map(Some),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mut record = UnitRecord::new(
                self.unit_code.get(unit).cloned(),
                Hours::new(scale::unscaled(value(&self.scheduled)?))?,
                Hours::new(scale::unscaled(value(&self.attended)?))?,
                rounds,
            )?;
            if let Some(label) = self.unit_course.get(unit) {
                record = record.in_unit_course(label.clone());
            }
            records.push(record);
        }
        let record = TraineeRecord::new(records)?;
        let external = self.written.get(index).zip(self.practical.get(index));
        Ok(match external {
            Some((&written, &practical)) if written != NO_SCORE && practical != NO_SCORE => record
                .with_external(ExternalScores::new(
                    Score::new(scale::unscaled(written))?,
                    Score::new(scale::unscaled(practical))?,
                )),
            _ => record,
        })
    }

    /// The units of candidate `index`, as indices into the unit columns.
    pub(crate) fn unit_range(&self, index: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.unit_start.get(index)? as usize;
        let end = *self.unit_start.get(index + 1)? as usize;
        Some(start..end)
    }

    /// The rounds of unit `unit`, as indices into the round column.
    pub(crate) fn round_range(&self, unit: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.round_start.get(unit)? as usize;
        let end = *self.round_start.get(unit + 1)? as usize;
        Some(start..end)
    }
}

/// Adds records to a [`CoursePopulation`] one by one; a record is added whole or not at all.
///
/// # Example
/// ```
/// use cqnet_analytics::CoursePopulationBuilder;
/// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
/// use cqnet_core::{Hours, Score};
///
/// let mut builder = CoursePopulationBuilder::default();
/// let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(9)?, vec![Some(Score::whole(70)?)])?;
/// builder.push(&TraineeRecord::new(vec![unit])?)?;
/// let population = builder.finish();
/// assert_eq!(population.candidates(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CoursePopulationBuilder {
    population: CoursePopulation,
}

impl CoursePopulationBuilder {
    /// A builder with room for `candidates` of `units` units of `rounds` rounds each.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::CoursePopulationBuilder;
    /// let builder = CoursePopulationBuilder::with_capacity(1_000, 12, 1);
    /// assert_eq!(builder.finish().candidates(), 0);
    /// ```
    pub fn with_capacity(candidates: usize, units: usize, rounds: usize) -> Self {
        let all_units = candidates.saturating_mul(units);
        let mut population = CoursePopulation::default();
        population.unit_start.reserve(candidates);
        population.written.reserve(candidates);
        population.practical.reserve(candidates);
        population.scheduled.reserve(all_units);
        population.attended.reserve(all_units);
        population.attendance_rate.reserve(all_units);
        population.round_start.reserve(all_units);
        population
            .round_score
            .reserve(all_units.saturating_mul(rounds));
        CoursePopulationBuilder { population }
    }

    /// Adds `record` as the next candidate.
    ///
    /// # Errors
    /// [`PopulationError::TooLarge`] when the population would hold more than `u32::MAX`
    /// units, rounds or distinct labels; [`PopulationError::NotExact`] for a value without
    /// an exact form of four decimal places (the core's values always have one).
    ///
    /// # Example
    /// See [`CoursePopulationBuilder`].
    pub fn push(&mut self, record: &TraineeRecord) -> Result<(), PopulationError> {
        let p = &mut self.population;
        let too_large = |what| PopulationError::TooLarge { what };
        // Everything is checked first, so that a refused record leaves the columns as they were.
        let units = record.units();
        let unit_end =
            u32::try_from(p.scheduled.len() + units.len()).map_err(|_| too_large("units"))?;
        let round_total: usize = units.iter().map(|u| u.rounds().len()).sum();
        u32::try_from(p.round_score.len() + round_total).map_err(|_| too_large("rounds"))?;
        let mut hours = Vec::with_capacity(units.len());
        for unit in units {
            hours.push((
                exact("scheduled hours", unit.scheduled().value())?,
                exact("attended hours", unit.attended().value())?,
            ));
            p.unit_course.code_for(unit.unit_course())?;
            p.unit_code.code_for(unit.code())?;
        }
        let mut rounds = Vec::with_capacity(round_total);
        for score in units.iter().flat_map(|u| u.rounds()) {
            rounds.push(match score {
                None => NO_SCORE,
                Some(score) => exact("round score", score.value())?,
            });
        }
        let (written, practical) = match record.external() {
            None => (NO_SCORE, NO_SCORE),
            Some(e) => (
                exact("written score", e.written.value())?,
                exact("practical score", e.practical.value())?,
            ),
        };

        let mut next_round = p.round_score.len();
        for (unit, (scheduled, attended)) in units.iter().zip(hours) {
            let row = p.scheduled.len();
            p.unit_course.push(row, unit.unit_course());
            p.unit_code.push(row, unit.code());
            p.scheduled.push(scheduled);
            p.attended.push(attended);
            p.attendance_rate.push(attendance_rate(scheduled, attended));
            next_round += unit.rounds().len();
            // Fits: the total was checked above.
            p.round_start
                .push(u32::try_from(next_round).unwrap_or(u32::MAX));
        }
        p.one_round_each &= units.iter().all(|u| u.rounds().len() == 1);
        p.round_score.extend(rounds);
        p.unit_start.push(unit_end);
        p.written.push(written);
        p.practical.push(practical);
        Ok(())
    }

    /// The population.
    ///
    /// # Example
    /// See [`CoursePopulationBuilder`].
    pub fn finish(self) -> CoursePopulation {
        self.population
    }

    /// Appends a candidate straight to the columns, for the synthetic populations: `units` as
    /// (scheduled, attended, round scores), all scaled, already valid.
    pub(crate) fn push_scaled(
        &mut self,
        units: impl IntoIterator<Item = (u32, u32, u32)>,
        external: Option<(u32, u32)>,
    ) {
        let p = &mut self.population;
        for (scheduled, attended, score) in units {
            p.scheduled.push(scheduled);
            p.attended.push(attended);
            p.attendance_rate.push(attendance_rate(scheduled, attended));
            p.round_score.push(score);
            p.round_start
                .push(u32::try_from(p.round_score.len()).unwrap_or(u32::MAX));
        }
        p.unit_start
            .push(u32::try_from(p.scheduled.len()).unwrap_or(u32::MAX));
        let (written, practical) = external.unwrap_or((NO_SCORE, NO_SCORE));
        p.written.push(written);
        p.practical.push(practical);
    }
}

/// A unit's attendance rate (출석률) as `⌊attended × 10⁶ / scheduled⌋`, that is percent ×
/// 10⁴ rounded down, at most 100% (`10⁶`); 100% for a unit of no scheduled hours.
///
/// For a whole minimum `m` (percent × 10⁴, at most 10⁶) the unit meets it exactly when the
/// rate is at least `m`: `attended × 10⁶ ≥ scheduled × m` holds if and only if
/// `⌊attended × 10⁶ / scheduled⌋ ≥ m`, since `m` is whole, and capping at 10⁶ keeps every
/// comparison with an `m` of at most 10⁶. So the rate decides exactly what the two hours
/// decide, and a pass reads one column instead of two.
pub(crate) fn attendance_rate(scheduled: u32, attended: u32) -> u32 {
    const FULL: u64 = PERCENT * SCALE;
    if scheduled == 0 {
        // attended × 10⁶ ≥ 0 × m for every m: the unit always meets its minimum.
        return FULL as u32;
    }
    let rate = (u64::from(attended) * FULL / u64::from(scheduled)).min(FULL);
    // At most 10⁶, so it fits.
    u32::try_from(rate).unwrap_or(u32::MAX)
}

fn exact(what: &'static str, value: rust_decimal::Decimal) -> Result<u32, PopulationError> {
    scale::scaled_u32(value).map_err(|reason| match reason {
        Inexact::TooPrecise | Inexact::OutOfRange => PopulationError::NotExact {
            what,
            value: value.to_string(),
        },
    })
}
