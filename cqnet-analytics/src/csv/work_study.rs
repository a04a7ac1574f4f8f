//! The 일학습병행 population schema: one row per learning worker (학습근로자).

use std::collections::HashSet;
use std::path::Path;
use std::str::FromStr;

use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
use cqnet_core::{Hours, InputError, UnitCode};

use super::schema::{CsvRow, Fields, SchemaColumn, each_row, optional_name};
use super::{CsvError, Encoding, RowError, RowIssue, TextEncoding, decode};
use crate::WorkStudyPopulation;

/// A column of the work-study schema, named in the header as [`WorkStudyColumn::name`] says.
///
/// # Example
/// ```
/// use cqnet_analytics::csv::WorkStudyColumn;
/// assert_eq!(WorkStudyColumn::ALL.map(WorkStudyColumn::name), [
///     "learner", "qualification", "ojt_scheduled_hours", "ojt_attended_hours",
///     "off_jt_scheduled_hours", "off_jt_attended_hours", "internal_units", "external_units",
/// ]);
/// assert!(WorkStudyColumn::InternalUnits.is_required() && !WorkStudyColumn::ExternalUnits.is_required());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkStudyColumn {
    /// The learner's id, one row a learner.
    Learner,
    /// The qualification (종목, `{직종}_L{n}`) the learner trains for; empty for none. Only
    /// read back (for grouping), never decided on.
    Qualification,
    /// Scheduled on-the-job hours (현장훈련, OJT).
    OjtScheduledHours,
    /// Attended OJT hours.
    OjtAttendedHours,
    /// Scheduled off-the-job hours (현장외훈련, Off-JT); left out or empty for none.
    OffJtScheduledHours,
    /// Attended Off-JT hours; left out or empty for none.
    OffJtAttendedHours,
    /// The internal evaluation's (내부평가) units, separated by `;`: `P` passed, `F` not,
    /// optionally after the unit's code and `=` (`0201010101_14v2=P`).
    InternalUnits,
    /// The external evaluation's (외부평가) units, as the internal ones; empty until taken.
    ExternalUnits,
}

impl WorkStudyColumn {
    /// Every column, in the schema's order.
    pub const ALL: [WorkStudyColumn; 8] = [
        WorkStudyColumn::Learner,
        WorkStudyColumn::Qualification,
        WorkStudyColumn::OjtScheduledHours,
        WorkStudyColumn::OjtAttendedHours,
        WorkStudyColumn::OffJtScheduledHours,
        WorkStudyColumn::OffJtAttendedHours,
        WorkStudyColumn::InternalUnits,
        WorkStudyColumn::ExternalUnits,
    ];

    /// The column's name in the header.
    ///
    /// # Example
    /// See [`WorkStudyColumn`].
    pub fn name(self) -> &'static str {
        match self {
            WorkStudyColumn::Learner => "learner",
            WorkStudyColumn::Qualification => "qualification",
            WorkStudyColumn::OjtScheduledHours => "ojt_scheduled_hours",
            WorkStudyColumn::OjtAttendedHours => "ojt_attended_hours",
            WorkStudyColumn::OffJtScheduledHours => "off_jt_scheduled_hours",
            WorkStudyColumn::OffJtAttendedHours => "off_jt_attended_hours",
            WorkStudyColumn::InternalUnits => "internal_units",
            WorkStudyColumn::ExternalUnits => "external_units",
        }
    }

    /// Whether every file must have the column.
    ///
    /// # Example
    /// See [`WorkStudyColumn`].
    pub fn is_required(self) -> bool {
        matches!(
            self,
            WorkStudyColumn::Learner
                | WorkStudyColumn::OjtScheduledHours
                | WorkStudyColumn::OjtAttendedHours
                | WorkStudyColumn::InternalUnits
        )
    }
}

impl SchemaColumn for WorkStudyColumn {
    const COLUMNS: &'static [WorkStudyColumn] = &WorkStudyColumn::ALL;

    fn column_name(self) -> &'static str {
        self.name()
    }

    fn required(self) -> bool {
        self.is_required()
    }
}

/// A work-study population read from a file: the learners whose row was good, their ids and
/// qualifications in the population's order, every bad row, and the learners left out.
///
/// # Example
/// See [`read_work_study_population`].
#[derive(Debug, Clone, PartialEq)]
pub struct WorkStudyPopulationFile {
    /// The learners read.
    pub population: WorkStudyPopulation,
    /// Their ids: `learner_ids[i]` is learner `i` of the population.
    pub learner_ids: Vec<String>,
    /// Their qualifications where the file names them, for grouping.
    pub qualifications: Vec<Option<String>>,
    /// Every bad row, in the file's order.
    pub issues: Vec<RowIssue<WorkStudyColumn>>,
    /// The learners left out for a bad row (a repeated id: the learner of the first row is
    /// left out too, since the file does not say which row is right).
    pub excluded: Vec<String>,
    /// The encoding the file was read in.
    pub encoding: Encoding,
}

/// Reads a work-study population from the bytes of a CSV file.
///
/// # Errors
/// [`CsvError`] for a file that cannot be read at all (not text in the encoding, no header,
/// an unknown, repeated or missing column). Bad rows are no error: they are in
/// [`WorkStudyPopulationFile::issues`].
///
/// # Example
/// ```
/// use cqnet_analytics::csv::{read_work_study_population, TextEncoding, WorkStudyColumn};
/// use cqnet_analytics::{decide_work_study, CompiledWorkStudyRules};
/// use cqnet_core::rules::RulePack;
///
/// let file = "learner,qualification,ojt_scheduled_hours,ojt_attended_hours,internal_units,external_units\n\
///             w-1,기계가공_L3,600,560,P;P;P;P;P;P;P;F;P;P,P;P;P;P;P;P;P;F;P;P\n\
///             w-2,기계가공_L3,600,560,P;X,\n";
/// let read = read_work_study_population(file.as_bytes(), TextEncoding::Detect)?;
/// assert_eq!(read.learner_ids, ["w-1"]);
/// assert_eq!(read.issues[0].column, Some(WorkStudyColumn::InternalUnits));
/// let decisions = decide_work_study(&read.population, &CompiledWorkStudyRules::compile(&RulePack::embedded().newest())?);
/// assert_eq!(decisions.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_work_study_population(
    bytes: &[u8],
    encoding: TextEncoding,
) -> Result<WorkStudyPopulationFile, CsvError> {
    let (text, used) = decode(bytes, encoding)?;
    let mut rows = WorkStudyRows::default();
    let mut issues = Vec::new();
    each_row(
        &text,
        WorkStudyColumn::Learner,
        "learner id",
        &mut issues,
        |_, id, record, header| rows.read_row(id, &CsvRow { record, header }),
    )?;
    Ok(rows.finish(issues, used))
}

/// The learners of a work-study file so far, row by row in the file's order, whatever the
/// file's format.
#[derive(Default)]
pub(crate) struct WorkStudyRows {
    /// (id, qualification, record) of each good row; repeated ids are settled at the end.
    learners: Vec<(String, Option<String>, LearnerRecord)>,
    seen: HashSet<String>,
    repeated: HashSet<String>,
}

impl WorkStudyRows {
    /// Adds the row of learner `id` (checked already).
    pub(crate) fn read_row(
        &mut self,
        id: &str,
        row: &impl Fields<WorkStudyColumn>,
    ) -> Result<(), FieldError> {
        if !self.seen.insert(id.to_owned()) {
            self.repeated.insert(id.to_owned());
            return Err((Some(WorkStudyColumn::Learner), RowError::RepeatedLearner));
        }
        let (qualification, learner) = row.read_learner()?;
        self.learners.push((id.to_owned(), qualification, learner));
        Ok(())
    }

    /// The population of the learners whose one row was good, with `issues` in line order.
    pub(crate) fn finish(
        self,
        mut issues: Vec<RowIssue<WorkStudyColumn>>,
        encoding: Encoding,
    ) -> WorkStudyPopulationFile {
        let mut population = WorkStudyPopulation::default();
        let (mut learner_ids, mut qualifications, mut excluded) =
            (Vec::new(), Vec::new(), Vec::new());
        for (id, qualification, record) in self.learners {
            if self.repeated.contains(&id) {
                excluded.push(id);
                continue;
            }
            match population.push(&record) {
                Ok(()) => {
                    learner_ids.push(id);
                    qualifications.push(qualification);
                }
                Err(error) => {
                    issues.push(RowIssue {
                        line: 0,
                        column: None,
                        candidate: Some(id.clone()),
                        error: RowError::Population(error),
                    });
                    excluded.push(id);
                }
            }
        }
        // A learner whose only row was bad is left out as well (once, however many rows).
        let mut left_out: HashSet<String> = excluded.iter().cloned().collect();
        let read: HashSet<&String> = learner_ids.iter().collect();
        for id in issues.iter().filter_map(|issue| issue.candidate.as_ref()) {
            if !read.contains(id) && left_out.insert(id.clone()) {
                excluded.push(id.clone());
            }
        }
        issues.sort_by_key(|issue| issue.line);
        WorkStudyPopulationFile {
            population,
            learner_ids,
            qualifications,
            issues,
            excluded,
            encoding,
        }
    }
}

/// Reads a work-study population from the CSV file at `path`.
///
/// # Errors
/// [`CsvError::Io`] when the file cannot be read; as [`read_work_study_population`]
/// otherwise.
///
/// # Example
/// ```
/// use cqnet_analytics::csv::{read_work_study_population_file, CsvError, TextEncoding};
/// let missing = read_work_study_population_file("no/such/file.csv", TextEncoding::Detect);
/// assert!(matches!(missing, Err(CsvError::Io(_))));
/// ```
pub fn read_work_study_population_file(
    path: impl AsRef<Path>,
    encoding: TextEncoding,
) -> Result<WorkStudyPopulationFile, CsvError> {
    let bytes = std::fs::read(path)?;
    read_work_study_population(&bytes, encoding)
}

type FieldError = super::schema::FieldError<WorkStudyColumn>;

/// One row's fields, read by the schema's rules.
trait Row: Fields<WorkStudyColumn> {
    /// The row's qualification and record.
    fn read_learner(&self) -> Result<(Option<String>, LearnerRecord), FieldError> {
        use WorkStudyColumn as C;
        let qualification = optional_name("qualification", self.field(C::Qualification)?)
            .map_err(|e| (Some(C::Qualification), RowError::Value(e)))?;
        let ojt = self.hours(C::OjtScheduledHours, C::OjtAttendedHours)?;
        let off_jt = self.hours(C::OffJtScheduledHours, C::OffJtAttendedHours)?;
        let internal = self.units(C::InternalUnits)?;
        let external = self.units(C::ExternalUnits)?;
        let at = |column| move |e: InputError| (Some(column), RowError::Value(e));
        let record = LearnerRecord::new(ojt, off_jt, internal).map_err(at(C::InternalUnits))?;
        let record = if external.is_empty() {
            record
        } else {
            record
                .with_external(external)
                .map_err(at(C::ExternalUnits))?
        };
        Ok((qualification, record))
    }

    /// Scheduled and attended hours; both empty (or left out) for none.
    fn hours(
        &self,
        scheduled: WorkStudyColumn,
        attended: WorkStudyColumn,
    ) -> Result<TrainingHours, FieldError> {
        let (s, a) = (self.field(scheduled)?, self.field(attended)?);
        if s.is_empty() && a.is_empty() {
            return Ok(TrainingHours::NONE);
        }
        let s = parse::<Hours>(s, scheduled)?;
        let a = parse::<Hours>(a, attended)?;
        TrainingHours::new(s, a).map_err(|e| (Some(attended), RowError::Value(e)))
    }

    /// The units of `column`: `P` or `F`, each optionally after its code and `=`.
    fn units(&self, column: WorkStudyColumn) -> Result<Vec<UnitResult>, FieldError> {
        let field = self.field(column)?;
        if field.is_empty() {
            return Ok(Vec::new());
        }
        field
            .split(';')
            .map(|unit| {
                let (code, result) = match unit.split_once('=') {
                    Some((code, result)) => (Some(parse::<UnitCode>(code, column)?), result),
                    None => (None, unit),
                };
                let passed = match result {
                    "P" => true,
                    "F" => false,
                    other => {
                        return Err((
                            Some(column),
                            RowError::Value(InputError::Malformed {
                                what: "unit result",
                                value: other.chars().take(40).collect(),
                                expected: "P (passed) or F (not passed), after the unit's code and = if given",
                            }),
                        ));
                    }
                };
                Ok(UnitResult::new(code, passed))
            })
            .collect()
    }
}

impl<F: Fields<WorkStudyColumn>> Row for F {}

fn parse<T: FromStr<Err = InputError>>(
    field: &str,
    column: WorkStudyColumn,
) -> Result<T, FieldError> {
    field
        .parse()
        .map_err(|e| (Some(column), RowError::Value(e)))
}
