//! Populations from CSV files (docs/analytics.md gives the schema): UTF-8 with or without a
//! byte-order mark, or CP949 as Korean spreadsheets save it. A bad row is reported with its
//! line and field and its candidate left out; every other candidate is read.
//!
//! # Example
//! ```
//! use cqnet_analytics::csv::{read_course_population, TextEncoding};
//! use cqnet_analytics::{decide_course, CompiledCourseRules};
//! use cqnet_core::rules::RulePack;
//!
//! let file = "candidate,unit_code,unit_course,scheduled_hours,attended_hours,rounds,written,practical\n\
//!             c-001,,,40,36,85;90,80,90\n\
//!             c-001,,,30,30,88,,\n\
//!             c-002,,,40,forty,85,,\n";
//! let read = read_course_population(file.as_bytes(), TextEncoding::Detect)?;
//! assert_eq!(read.candidate_ids, ["c-001"]);
//! assert_eq!(read.first_lines, [2]);
//! assert_eq!(read.issues[0].line, 4);
//! assert_eq!(read.issues[0].column.map(|c| c.name()), Some("attended_hours"));
//! let decisions = decide_course(&read.population, &CompiledCourseRules::compile(&RulePack::embedded().newest())?);
//! assert_eq!(decisions.outcome(0).unwrap().passed(), Some(true));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod course;
mod encoding;
pub(crate) mod schema;
mod work_study;

#[cfg(feature = "arrow")]
pub(crate) use course::CourseRows;
#[cfg(feature = "arrow")]
pub(crate) use work_study::WorkStudyRows;

pub use course::{Column, read_course_population, read_course_population_file};
pub use encoding::{Encoding, TextEncoding, decode};
pub use work_study::{
    WorkStudyColumn, WorkStudyPopulationFile, read_work_study_population,
    read_work_study_population_file,
};

use cqnet_core::InputError;
use cqnet_core::statistics::Gender;

use crate::{CoursePopulation, PopulationError};

/// The longest field read, in bytes: a longer one is a bad row, not a memory hazard.
pub const MAX_FIELD_BYTES: usize = 4096;

/// A file that cannot be read at all.
///
/// # Example
/// ```
/// use cqnet_analytics::csv::{read_course_population, CsvError, TextEncoding};
/// assert!(matches!(read_course_population(b"", TextEncoding::Detect), Err(CsvError::NoHeader)));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CsvError {
    /// The file could not be opened or read.
    #[error("the population file cannot be read: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes are not text in the encoding.
    #[error("the file is not {encoding} text (line {line})")]
    Undecodable {
        /// The encoding tried.
        encoding: &'static str,
        /// The line of the first bad byte, from 1.
        line: u64,
    },
    /// The file is empty: it has no header line.
    #[error("the file is empty: it needs a header line naming its columns")]
    NoHeader,
    /// The header names a column the schema does not have.
    #[error("the header names an unknown column {name:?}")]
    UnknownColumn {
        /// The name, as written.
        name: String,
    },
    /// The header names a column twice.
    #[error("the header names the column {column} twice")]
    DuplicateColumn {
        /// The column's name.
        column: &'static str,
    },
    /// The header lacks a column every row needs.
    #[error("the header lacks the column {column}")]
    MissingColumn {
        /// The column's name.
        column: &'static str,
    },
    /// The header line itself is malformed.
    #[error("the header line cannot be read: {0}")]
    Header(String),
}

/// What is wrong with one row.
///
/// # Example
/// See [`RowIssue`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RowError {
    /// A value the core refuses (a score above 100, more than four decimal places, attended
    /// hours above the scheduled hours, a hidden character, …).
    #[error(transparent)]
    Value(#[from] InputError),
    /// The row has another number of fields than the header.
    #[error("the row has {found} fields, the header {expected}")]
    FieldCount {
        /// The header's fields.
        expected: usize,
        /// The row's.
        found: usize,
    },
    /// A field longer than [`MAX_FIELD_BYTES`].
    #[error("the field holds {bytes} bytes, more than the {max} read")]
    FieldTooLong {
        /// The field's length.
        bytes: usize,
        /// The most read.
        max: usize,
    },
    /// Only one part of the external evaluation is given.
    #[error("written and practical are given together or not at all")]
    HalfExternal,
    /// Another row of the candidate gives other external scores.
    #[error("another row of the candidate gives other external scores")]
    ExternalDiffers,
    /// Another row of the candidate names another qualification.
    #[error("another row of the candidate names another qualification")]
    QualificationDiffers,
    /// Another row of the candidate gives another value of the column (a statistics year,
    /// grade, institution type, gender, job field, application or certificate).
    #[error("another row of the candidate gives another value of this column")]
    CandidateValueDiffers,
    /// The file gives a certificate (자격취득, `acquired`) of a candidate the decision does not
    /// pass: a certificate needs a pass (합격).
    #[error("the candidate is given a certificate (acquired) but the decision does not pass them")]
    AcquiredWithoutPass,
    /// A learner's id on a second row (the work-study schema has one row a learner).
    #[error("the learner has a row already")]
    RepeatedLearner,
    /// The CSV itself is malformed there.
    #[error("malformed CSV: {0}")]
    Csv(String),
    /// The candidate's record does not fit the columns.
    #[error(transparent)]
    Population(#[from] PopulationError),
}

/// A bad row: its line (from 1, the header being line 1), the field if one is to blame, the
/// candidate (or learner) if the row names one, and what is wrong. The candidate is left out of the
/// population: a missing fact never allows.
///
/// # Example
/// ```
/// use cqnet_analytics::csv::{read_course_population, RowError, TextEncoding};
/// let file = "candidate,scheduled_hours,attended_hours,rounds\nc-1,40,41,85\n";
/// let read = read_course_population(file.as_bytes(), TextEncoding::Utf8)?;
/// let issue = &read.issues[0];
/// assert_eq!((issue.line, issue.candidate.as_deref()), (2, Some("c-1")));
/// assert!(matches!(issue.error, RowError::Value(_)));
/// assert!(read.population.candidates() == 0 && read.excluded == ["c-1"]);
/// # Ok::<(), cqnet_analytics::csv::CsvError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RowIssue<C = Column> {
    /// The row's line in the file, from 1; in an Arrow IPC file (feature `arrow`) its row
    /// number, from 1 across the record batches.
    pub line: u64,
    /// The field to blame, if one is: a [`Column`] of the course-based schema, a
    /// [`WorkStudyColumn`] of the work-study one.
    pub column: Option<C>,
    /// The candidate or learner the row names, if it names a valid one.
    pub candidate: Option<String>,
    /// What is wrong.
    pub error: RowError,
}

/// A population read from a file: the candidates whose every row was good, their ids in the
/// population's order, every bad row, and the candidates left out.
///
/// # Example
/// See the [module documentation](self).
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationFile {
    /// The candidates read whole.
    pub population: CoursePopulation,
    /// Their ids: `candidate_ids[i]` is candidate `i` of the population.
    pub candidate_ids: Vec<String>,
    /// The line of each one's first row: `first_lines[i]` is candidate `i`'s, to answer the
    /// candidates in the file's order among its bad rows.
    pub first_lines: Vec<u64>,
    /// Their qualifications (종목) where the file names them: `qualifications[i]` is
    /// candidate `i`'s, for grouping (what-if transitions per qualification, say).
    pub qualifications: Vec<Option<String>>,
    /// Their facts for the statistics (통계연도, 등급, 기관유형, 성별, 직무분야, 접수,
    /// 자격취득) where the file gives them: `statistics[i]` is candidate `i`'s, read into the
    /// funnel's records by [`crate::statistics::records_of`].
    pub statistics: Vec<StatisticsFacts>,
    /// Every bad row, in the file's order.
    pub issues: Vec<RowIssue>,
    /// The candidates left out for a bad row, in the order of their first row.
    pub excluded: Vec<String>,
    /// The encoding the file was read in.
    pub encoding: Encoding,
}

/// What a population file says of one candidate for the statistics (통계), beyond what is
/// decided: each `None` where the file leaves the column out or empty (unknown).
///
/// # Example
/// ```
/// use cqnet_analytics::csv::{read_course_population, TextEncoding};
/// use cqnet_core::statistics::Gender;
///
/// let file = "candidate,scheduled_hours,attended_hours,rounds,year,gender,applied\n\
///             c-1,40,36,85,2025,F,true\n\
///             c-1,40,40,90,,,\n";
/// let read = read_course_population(file.as_bytes(), TextEncoding::Utf8)?;
/// let facts = &read.statistics[0];
/// assert_eq!((facts.year, facts.gender, facts.applied), (Some(2025), Some(Gender::F), Some(true)));
/// assert_eq!((facts.grade.as_deref(), facts.acquired), (None, None));
/// # Ok::<(), cqnet_analytics::csv::CsvError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatisticsFacts {
    /// The statistics year (통계연도, `year`).
    pub year: Option<u16>,
    /// The grade (등급, `grade`).
    pub grade: Option<String>,
    /// The institution type (교육훈련기관 유형, `institution_type`).
    pub institution_type: Option<String>,
    /// The gender (성별, `gender`).
    pub gender: Option<Gender>,
    /// The job field (직무분야, `field`).
    pub job_field: Option<String>,
    /// Whether the candidate applied (접수, `applied`).
    pub applied: Option<bool>,
    /// Whether the candidate acquired the qualification (자격취득, `acquired`).
    pub acquired: Option<bool>,
}
