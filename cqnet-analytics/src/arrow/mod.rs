//! Populations from Arrow IPC files and streams (feature `arrow`; docs/analytics.md gives the
//! schema): the CSV schema's columns, by name, with Arrow types. Both IPC formats are read,
//! the file format (it starts with `ARROW1`, as `.arrow` and Feather 2 files do) and the
//! stream format (`.arrows`, what a pipe or socket carries). A bad row is reported with its
//! row number and column and its candidate left out; every other candidate is read.
//!
//! Rows are numbered from 1, counted on across the record batches in the file's order: the
//! first row of the second batch follows the last of the first. That is the CSV file's line
//! less one, as an IPC file has no header line.
//!
//! The result is the CSV readers' own ([`PopulationFile`], [`WorkStudyPopulationFile`]), its
//! `line`s and `first_lines` being row numbers, its encoding UTF-8 (Arrow text is UTF-8).
//!
//! # Example
//! ```
//! use std::sync::Arc;
//! use arrow_array::{Int32Array, RecordBatch, StringArray};
//! use arrow_ipc::writer::StreamWriter;
//! use cqnet_analytics::arrow::read_course_population_arrow;
//! use cqnet_analytics::csv::Column;
//! use cqnet_analytics::{decide_course, CompiledCourseRules};
//! use cqnet_core::rules::RulePack;
//!
//! let batch = RecordBatch::try_from_iter([
//!     ("candidate", Arc::new(StringArray::from(vec!["c-001", "c-001", "c-002"])) as _),
//!     ("scheduled_hours", Arc::new(Int32Array::from(vec![40, 30, 40])) as _),
//!     ("attended_hours", Arc::new(Int32Array::from(vec![36, 30, -4])) as _),
//!     ("rounds", Arc::new(StringArray::from(vec!["85;90", "88", "85"])) as _),
//!     ("written", Arc::new(Int32Array::from(vec![Some(80), None, None])) as _),
//!     ("practical", Arc::new(Int32Array::from(vec![Some(90), None, None])) as _),
//! ])?;
//! let mut bytes = Vec::new();
//! let mut writer = StreamWriter::try_new(&mut bytes, &batch.schema())?;
//! writer.write(&batch)?;
//! writer.finish()?;
//! drop(writer);
//!
//! let read = read_course_population_arrow(&bytes)?;
//! assert_eq!(read.candidate_ids, ["c-001"]);
//! assert_eq!(read.first_lines, [1]);
//! assert_eq!((read.issues[0].line, read.issues[0].column), (3, Some(Column::AttendedHours)));
//! let decisions = decide_course(&read.population, &CompiledCourseRules::compile(&RulePack::embedded().newest())?);
//! assert_eq!(decisions.outcome(0).unwrap().passed(), Some(true));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cells;
mod rows;

use crate::csv::{
    CourseRows, Encoding, PopulationFile, WorkStudyColumn, WorkStudyPopulationFile, WorkStudyRows,
};

/// Bytes that cannot be read as a population at all. Bad rows are no error: they are the
/// result's issues.
///
/// # Example
/// ```
/// use cqnet_analytics::arrow::{read_course_population_arrow, IpcError};
/// let csv = b"candidate,scheduled_hours,attended_hours,rounds\nc-1,40,36,85\n";
/// assert!(matches!(read_course_population_arrow(csv), Err(IpcError::NotArrow { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IpcError {
    /// The bytes are neither an Arrow IPC file nor an IPC stream (or their schema cannot be
    /// read).
    #[error("the bytes are not an Arrow IPC file or stream: {message}")]
    NotArrow {
        /// What the IPC reader found wrong.
        message: String,
    },
    /// A record batch cannot be decoded (a truncated or corrupt file): the rows after it
    /// cannot be told apart, so nothing is read.
    #[error("record batch {batch} (from 0) cannot be decoded: {message}")]
    Batch {
        /// The batch, from 0.
        batch: usize,
        /// What the IPC reader found wrong.
        message: String,
    },
    /// The schema names a column the population schema does not have.
    #[error("the schema names an unknown column {name:?}")]
    UnknownColumn {
        /// The name, as written.
        name: String,
    },
    /// The schema names a column twice.
    #[error("the schema names the column {column} twice")]
    DuplicateColumn {
        /// The column's name.
        column: &'static str,
    },
    /// The schema lacks a column every row needs.
    #[error("the schema lacks the column {column}")]
    MissingColumn {
        /// The column's name.
        column: &'static str,
    },
    /// A column of an Arrow type it does not accept (a floating-point number, say: it is not
    /// exact).
    #[error("the column {column} is of type {found}; it takes {expected}")]
    ColumnType {
        /// The column's name.
        column: &'static str,
        /// The column's Arrow type.
        found: String,
        /// The types it accepts.
        expected: &'static str,
    },
}

/// Reads a course-based population (one row per competency unit, 능력단위) from the bytes of
/// an Arrow IPC file or stream.
///
/// # Errors
/// [`IpcError`] for bytes that cannot be read at all: not Arrow IPC, a batch that cannot be
/// decoded, a column unknown, repeated, missing or of a type it does not accept. Bad rows are
/// no error: they are in [`PopulationFile::issues`].
///
/// # Example
/// See the [module documentation](self).
pub fn read_course_population_arrow(bytes: &[u8]) -> Result<PopulationFile, IpcError> {
    let mut candidates = CourseRows::default();
    let mut issues = Vec::new();
    rows::each_row(
        bytes,
        crate::csv::Column::Candidate,
        "candidate id",
        &mut issues,
        |line, id, row| candidates.read_row(line, id, row),
    )?;
    Ok(candidates.finish(issues, Encoding::Utf8))
}

/// Reads a work-study population (one row per learning worker, 학습근로자) from the bytes of an
/// Arrow IPC file or stream.
///
/// # Errors
/// As [`read_course_population_arrow`]; bad rows are in [`WorkStudyPopulationFile::issues`].
///
/// # Example
/// ```
/// use std::sync::Arc;
/// use arrow_array::{RecordBatch, StringArray, UInt32Array};
/// use arrow_ipc::writer::FileWriter;
/// use cqnet_analytics::arrow::read_work_study_population_arrow;
/// use cqnet_analytics::csv::WorkStudyColumn;
///
/// let batch = RecordBatch::try_from_iter([
///     ("learner", Arc::new(StringArray::from(vec![Some("w-1"), None])) as _),
///     ("ojt_scheduled_hours", Arc::new(UInt32Array::from(vec![600, 600])) as _),
///     ("ojt_attended_hours", Arc::new(UInt32Array::from(vec![560, 560])) as _),
///     ("internal_units", Arc::new(StringArray::from(vec!["P;P;F", "P"])) as _),
/// ])?;
/// let mut bytes = Vec::new();
/// let mut writer = FileWriter::try_new(&mut bytes, &batch.schema())?;
/// writer.write(&batch)?;
/// writer.finish()?;
/// drop(writer);
///
/// let read = read_work_study_population_arrow(&bytes)?;
/// assert_eq!(read.learner_ids, ["w-1"]);
/// assert_eq!((read.issues[0].line, read.issues[0].column), (2, Some(WorkStudyColumn::Learner)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_work_study_population_arrow(bytes: &[u8]) -> Result<WorkStudyPopulationFile, IpcError> {
    let mut learners = WorkStudyRows::default();
    let mut issues = Vec::new();
    rows::each_row(
        bytes,
        WorkStudyColumn::Learner,
        "learner id",
        &mut issues,
        |_, id, row| learners.read_row(id, row),
    )?;
    Ok(learners.finish(issues, Encoding::Utf8))
}
