//! The columnar population of 일학습병행 learning workers (학습근로자): hours per learner, and
//! the competency units of the internal and external evaluations as ranges of unit columns.

use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
use cqnet_core::{Hours, InputError, UnitCode};

use crate::PopulationError;
use crate::dictionary::Dictionary;
use crate::scale;

/// 일학습병행 learners as columns: on-the-job (OJT, 현장훈련) and off-the-job (Off-JT,
/// 현장외훈련) hours, each ten thousand times its value, and per competency unit of the
/// internal (내부평가) and external (외부평가) evaluations whether it passed.
///
/// # Example
/// ```
/// use cqnet_analytics::WorkStudyPopulation;
/// use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
/// use cqnet_core::Hours;
///
/// let units = |passed: usize, total: usize| (0..total).map(|i| UnitResult::new(None, i < passed)).collect::<Vec<_>>();
/// let record = LearnerRecord::new(
///     TrainingHours::new(Hours::whole(600)?, Hours::whole(540)?)?,
///     TrainingHours::new(Hours::whole(200)?, "180.5".parse()?)?,
///     units(8, 10),
/// )?
/// .with_external(units(7, 10))?;
/// let population = WorkStudyPopulation::from_records(&[record.clone()])?;
/// assert_eq!(population.learners(), 1);
/// assert_eq!(population.record(0)?, record);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkStudyPopulation {
    /// Per learner: scheduled and attended OJT and Off-JT hours.
    pub(crate) ojt_scheduled: Vec<u32>,
    pub(crate) ojt_attended: Vec<u32>,
    pub(crate) off_jt_scheduled: Vec<u32>,
    pub(crate) off_jt_attended: Vec<u32>,
    /// Per learner, and one more: learner `l` has internal units
    /// `internal_start[l]..internal_start[l + 1]`.
    pub(crate) internal_start: Vec<u32>,
    pub(crate) internal_passed: Vec<bool>,
    pub(crate) internal_code: Dictionary<UnitCode>,
    /// Per learner, and one more: an empty range is an external evaluation not yet taken
    /// (a taken one has at least one unit).
    pub(crate) external_start: Vec<u32>,
    pub(crate) external_passed: Vec<bool>,
    pub(crate) external_code: Dictionary<UnitCode>,
}

impl Default for WorkStudyPopulation {
    fn default() -> Self {
        WorkStudyPopulation {
            ojt_scheduled: Vec::new(),
            ojt_attended: Vec::new(),
            off_jt_scheduled: Vec::new(),
            off_jt_attended: Vec::new(),
            internal_start: vec![0],
            internal_passed: Vec::new(),
            internal_code: Dictionary::default(),
            external_start: vec![0],
            external_passed: Vec::new(),
            external_code: Dictionary::default(),
        }
    }
}

impl WorkStudyPopulation {
    /// The population of `records`, in their order; a record is added whole or not at all.
    ///
    /// # Errors
    /// [`PopulationError::TooLarge`] past `u32::MAX` units or distinct codes;
    /// [`PopulationError::NotExact`] for hours without an exact form of four decimal places
    /// (the core's hours always have one).
    ///
    /// # Example
    /// See [`WorkStudyPopulation`].
    pub fn from_records<'a>(
        records: impl IntoIterator<Item = &'a LearnerRecord>,
    ) -> Result<Self, PopulationError> {
        let mut population = WorkStudyPopulation::default();
        for record in records {
            population.push(record)?;
        }
        Ok(population)
    }

    /// Adds `record` as the next learner, whole or not at all.
    pub(crate) fn push(&mut self, record: &LearnerRecord) -> Result<(), PopulationError> {
        let too_large = |what| PopulationError::TooLarge { what };
        let internal = record.internal_units();
        let external = record.external_units().unwrap_or_default();
        let internal_end = u32::try_from(self.internal_passed.len() + internal.len())
            .map_err(|_| too_large("units"))?;
        let external_end = u32::try_from(self.external_passed.len() + external.len())
            .map_err(|_| too_large("units"))?;
        let hours = [
            exact("scheduled OJT hours", record.ojt().scheduled)?,
            exact("attended OJT hours", record.ojt().attended)?,
            exact("scheduled Off-JT hours", record.off_jt().scheduled)?,
            exact("attended Off-JT hours", record.off_jt().attended)?,
        ];
        for unit in internal {
            self.internal_code.code_for(unit.code.as_ref())?;
        }
        for unit in external {
            self.external_code.code_for(unit.code.as_ref())?;
        }
        for unit in internal {
            self.internal_code
                .push(self.internal_passed.len(), unit.code.as_ref());
            self.internal_passed.push(unit.passed);
        }
        for unit in external {
            self.external_code
                .push(self.external_passed.len(), unit.code.as_ref());
            self.external_passed.push(unit.passed);
        }
        let [ojt_s, ojt_a, off_s, off_a] = hours;
        self.ojt_scheduled.push(ojt_s);
        self.ojt_attended.push(ojt_a);
        self.off_jt_scheduled.push(off_s);
        self.off_jt_attended.push(off_a);
        self.internal_start.push(internal_end);
        self.external_start.push(external_end);
        Ok(())
    }

    /// How many learners.
    ///
    /// # Example
    /// See [`WorkStudyPopulation`].
    pub fn learners(&self) -> usize {
        self.ojt_scheduled.len()
    }

    /// The bytes the columns hold (each distinct code counted once, as its handle).
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::WorkStudyPopulation;
    /// assert_eq!(WorkStudyPopulation::from_records(&[])?.column_bytes(), 2 * 4);
    /// # Ok::<(), cqnet_analytics::PopulationError>(())
    /// ```
    pub fn column_bytes(&self) -> usize {
        let u32s =
            4 * self.ojt_scheduled.len() + self.internal_start.len() + self.external_start.len();
        u32s * size_of::<u32>()
            + self.internal_passed.len()
            + self.external_passed.len()
            + self.internal_code.column_bytes()
            + self.external_code.column_bytes()
    }

    /// Learner `index`'s record, as the core's decision reads it.
    ///
    /// # Errors
    /// [`InputError::Missing`] for an index past the last learner.
    ///
    /// # Example
    /// See [`WorkStudyPopulation`].
    pub fn record(&self, index: usize) -> Result<LearnerRecord, InputError> {
        let missing = || InputError::Missing {
            what: "learner of the population",
        };
        let hours = |column: &[u32]| -> Result<Hours, InputError> {
            Hours::new(scale::unscaled(*column.get(index).ok_or_else(missing)?))
        };
        let units = |start: &[u32], passed: &[bool], codes: &Dictionary<UnitCode>| {
            let from = *start.get(index).ok_or_else(missing)? as usize;
            let to = *start.get(index + 1).ok_or_else(missing)? as usize;
            (from..to)
                .map(|u| {
                    let passed = *passed.get(u).ok_or_else(missing)?;
                    Ok(UnitResult::new(codes.get(u).cloned(), passed))
                })
                .collect::<Result<Vec<_>, InputError>>()
        };
        let record = LearnerRecord::new(
            TrainingHours::new(hours(&self.ojt_scheduled)?, hours(&self.ojt_attended)?)?,
            TrainingHours::new(
                hours(&self.off_jt_scheduled)?,
                hours(&self.off_jt_attended)?,
            )?,
            units(
                &self.internal_start,
                &self.internal_passed,
                &self.internal_code,
            )?,
        )?;
        let external = units(
            &self.external_start,
            &self.external_passed,
            &self.external_code,
        )?;
        if external.is_empty() {
            Ok(record)
        } else {
            record.with_external(external)
        }
    }
}

fn exact(what: &'static str, hours: Hours) -> Result<u32, PopulationError> {
    scale::scaled_u32(hours.value()).map_err(|_| PopulationError::NotExact {
        what,
        value: hours.to_string(),
    })
}
