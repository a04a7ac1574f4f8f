//! The 과정평가형 population schema: one row per competency unit (능력단위) of a candidate.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitCourseLabel, UnitRecord};
use cqnet_core::statistics::Gender;
use cqnet_core::{Hours, InputError, NcsUnitCode, Score};

use super::schema::{CsvRow, Fields, SchemaColumn, each_row, optional_name};
use super::{
    CsvError, Encoding, PopulationFile, RowError, RowIssue, StatisticsFacts, TextEncoding, decode,
};
use crate::CoursePopulationBuilder;

/// A column of the course-based schema, named in the header as [`Column::name`] says.
///
/// # Example
/// ```
/// use cqnet_analytics::csv::Column;
/// assert_eq!(Column::ALL.map(Column::name), [
///     "candidate", "unit_code", "unit_course", "scheduled_hours", "attended_hours", "rounds", "written", "practical",
///     "qualification", "year", "grade", "institution_type", "gender", "field", "applied", "acquired",
/// ]);
/// assert!(Column::Candidate.is_required() && !Column::Written.is_required());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The candidate's id: the rows of one id are one candidate's units, in file order.
    Candidate,
    /// The unit's NCS code (능력단위 코드); empty for none.
    UnitCode,
    /// The unit course (단위과정) the unit belongs to; empty for none.
    UnitCourse,
    /// Scheduled hours (편성 시간).
    ScheduledHours,
    /// Attended hours (출석 시간).
    AttendedHours,
    /// The internal evaluation rounds' scores, separated by `;`, `-` for a round not taken
    /// (미응시); empty for no round.
    Rounds,
    /// The written part (1차) of the external evaluation; empty until taken.
    Written,
    /// The practical part (2차); empty until taken.
    Practical,
    /// The qualification (종목) the candidate trains for, the same on each of the candidate's
    /// rows; empty for none. Only read back (for grouping), never decided on.
    Qualification,
    /// The statistics year (통계연도) the candidate counts in, four digits (`2026`), the same on
    /// each of the candidate's rows; empty for unknown. Only read back for the statistics
    /// ([`crate::statistics::records_of`]), never decided on; so are the columns after it.
    Year,
    /// The grade (등급: 기사, 산업기사, …) of the candidate's qualification; empty for unknown.
    Grade,
    /// The type of the candidate's institution (교육훈련기관 유형); empty for unknown.
    InstitutionType,
    /// The candidate's gender as [`cqnet_core::statistics::Gender`] reads it (`M`, `F`,
    /// `unknown`); empty for unknown.
    Gender,
    /// The job field (직무분야: `전기·전자`, `기계`, …); empty for unknown. Named `field` in the
    /// header.
    JobField,
    /// Whether the candidate applied (접수) for the external evaluation, `true` or `false`
    /// (in any case: `TRUE` as a spreadsheet writes it): an application without external
    /// scores yet; empty for not known to have applied.
    Applied,
    /// Whether the candidate acquired the qualification (자격취득: a certificate was issued),
    /// `true` or `false`; empty for not known to have. Only one the decision passes can have.
    Acquired,
}

impl Column {
    /// Every column, in the schema's order.
    pub const ALL: [Column; 16] = [
        Column::Candidate,
        Column::UnitCode,
        Column::UnitCourse,
        Column::ScheduledHours,
        Column::AttendedHours,
        Column::Rounds,
        Column::Written,
        Column::Practical,
        Column::Qualification,
        Column::Year,
        Column::Grade,
        Column::InstitutionType,
        Column::Gender,
        Column::JobField,
        Column::Applied,
        Column::Acquired,
    ];

    /// The column's name in the header.
    ///
    /// # Example
    /// See [`Column`].
    pub fn name(self) -> &'static str {
        match self {
            Column::Candidate => "candidate",
            Column::UnitCode => "unit_code",
            Column::UnitCourse => "unit_course",
            Column::ScheduledHours => "scheduled_hours",
            Column::AttendedHours => "attended_hours",
            Column::Rounds => "rounds",
            Column::Written => "written",
            Column::Practical => "practical",
            Column::Qualification => "qualification",
            Column::Year => "year",
            Column::Grade => "grade",
            Column::InstitutionType => "institution_type",
            Column::Gender => "gender",
            Column::JobField => "field",
            Column::Applied => "applied",
            Column::Acquired => "acquired",
        }
    }

    /// Whether every file must have the column (the others may be left out of the header).
    ///
    /// # Example
    /// See [`Column`].
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Column::Candidate | Column::ScheduledHours | Column::AttendedHours | Column::Rounds
        )
    }
}

impl SchemaColumn for Column {
    const COLUMNS: &'static [Column] = &Column::ALL;

    fn column_name(self) -> &'static str {
        self.name()
    }

    fn required(self) -> bool {
        self.is_required()
    }
}

/// Reads a course-based population from the bytes of a CSV file.
///
/// # Errors
/// [`CsvError`] for a file that cannot be read at all (not text in the encoding, no header,
/// an unknown, repeated or missing column). Bad rows are no error: they are in
/// [`PopulationFile::issues`].
///
/// # Example
/// See the [module documentation](super).
pub fn read_course_population(
    bytes: &[u8],
    encoding: TextEncoding,
) -> Result<PopulationFile, CsvError> {
    let (text, used) = decode(bytes, encoding)?;
    let mut rows = CourseRows::default();
    let mut issues = Vec::new();
    each_row(
        &text,
        Column::Candidate,
        "candidate id",
        &mut issues,
        |line, id, record, header| rows.read_row(line, id, &CsvRow { record, header }),
    )?;
    Ok(rows.finish(issues, used))
}

/// The candidates of a course-based file so far, row by row in the file's order, whatever the
/// file's format.
#[derive(Default)]
pub(crate) struct CourseRows {
    candidates: Vec<Candidate>,
    by_id: HashMap<String, usize>,
}

impl CourseRows {
    /// Adds the row at `line` of candidate `id` (checked already); a bad row marks the
    /// candidate, who is left out at the end.
    pub(crate) fn read_row(
        &mut self,
        line: u64,
        id: &str,
        row: &impl Fields<Column>,
    ) -> Result<(), FieldError> {
        let index = match self.by_id.get(id) {
            Some(&index) => index,
            None => {
                self.candidates.push(Candidate::new(id.to_owned(), line));
                self.by_id.insert(id.to_owned(), self.candidates.len() - 1);
                self.candidates.len() - 1
            }
        };
        let Some(candidate) = self.candidates.get_mut(index) else {
            return Ok(());
        };
        let read = row.read_into_candidate(candidate);
        // One bad row leaves the whole candidate out: a missing fact never allows.
        candidate.bad |= read.is_err();
        read
    }

    /// The population of the candidates whose every row was good, with `issues` (the rows'
    /// and the records') in line order.
    pub(crate) fn finish(self, mut issues: Vec<RowIssue>, encoding: Encoding) -> PopulationFile {
        let mut builder = CoursePopulationBuilder::default();
        let mut candidate_ids = Vec::new();
        let mut first_lines = Vec::new();
        let mut qualifications = Vec::new();
        let mut statistics = Vec::new();
        let mut excluded = Vec::new();
        for candidate in self.candidates {
            if candidate.bad {
                excluded.push(candidate.id);
                continue;
            }
            let record = TraineeRecord::new(candidate.units)
                .map(|r| match candidate.external {
                    Some(external) => r.with_external(external),
                    None => r,
                })
                .map_err(RowError::from)
                .and_then(|record| builder.push(&record).map_err(RowError::from));
            match record {
                Ok(()) => {
                    candidate_ids.push(candidate.id);
                    first_lines.push(candidate.first_line);
                    qualifications.push(candidate.qualification);
                    statistics.push(candidate.statistics);
                }
                Err(error) => {
                    issues.push(RowIssue {
                        line: candidate.first_line,
                        column: None,
                        candidate: Some(candidate.id.clone()),
                        error,
                    });
                    excluded.push(candidate.id);
                }
            }
        }
        issues.sort_by_key(|issue| issue.line);
        PopulationFile {
            population: builder.finish(),
            candidate_ids,
            first_lines,
            qualifications,
            statistics,
            issues,
            excluded,
            encoding,
        }
    }
}

/// Reads a course-based population from the CSV file at `path`.
///
/// # Errors
/// [`CsvError::Io`] when the file cannot be read; as [`read_course_population`] otherwise.
///
/// # Example
/// ```
/// use cqnet_analytics::csv::{read_course_population_file, CsvError, TextEncoding};
/// let missing = read_course_population_file("no/such/file.csv", TextEncoding::Detect);
/// assert!(matches!(missing, Err(CsvError::Io(_))));
/// ```
pub fn read_course_population_file(
    path: impl AsRef<Path>,
    encoding: TextEncoding,
) -> Result<PopulationFile, CsvError> {
    let bytes = std::fs::read(path)?;
    read_course_population(&bytes, encoding)
}

/// A candidate's rows so far.
struct Candidate {
    id: String,
    first_line: u64,
    units: Vec<UnitRecord>,
    external: Option<ExternalScores>,
    qualification: Option<String>,
    statistics: StatisticsFacts,
    bad: bool,
}

impl Candidate {
    fn new(id: String, first_line: u64) -> Self {
        Candidate {
            id,
            first_line,
            units: Vec::new(),
            external: None,
            qualification: None,
            statistics: StatisticsFacts::default(),
            bad: false,
        }
    }
}

type FieldError = super::schema::FieldError<Column>;

/// One row's fields, read by the schema's rules.
trait Row: Fields<Column> {
    /// The row's unit and external scores, added to `candidate`.
    fn read_into_candidate(&self, candidate: &mut Candidate) -> Result<(), FieldError> {
        let code = optional(
            self.field(Column::UnitCode)?,
            Column::UnitCode,
            NcsUnitCode::from_str,
        )?;
        let label = optional(
            self.field(Column::UnitCourse)?,
            Column::UnitCourse,
            UnitCourseLabel::new,
        )?;
        let scheduled =
            parse::<Hours>(self.field(Column::ScheduledHours)?, Column::ScheduledHours)?;
        let attended = parse::<Hours>(self.field(Column::AttendedHours)?, Column::AttendedHours)?;
        let rounds = self.rounds()?;
        let external = self.external()?;
        let qualification = self.qualification()?;
        let statistics = self.statistics()?;
        let unit = UnitRecord::new(code, scheduled, attended, rounds)
            .map_err(|e| (Some(Column::AttendedHours), RowError::Value(e)))?;
        if let Some(external) = external {
            match candidate.external {
                Some(known) if known != external => {
                    return Err((Some(Column::Written), RowError::ExternalDiffers));
                }
                _ => candidate.external = Some(external),
            }
        }
        if let Some(qualification) = qualification {
            match &candidate.qualification {
                Some(known) if *known != qualification => {
                    return Err((Some(Column::Qualification), RowError::QualificationDiffers));
                }
                _ => candidate.qualification = Some(qualification),
            }
        }
        candidate.statistics.agree_with(statistics)?;
        candidate.units.push(match label {
            Some(label) => unit.in_unit_course(label),
            None => unit,
        });
        Ok(())
    }

    /// The qualification's name, checked as the core checks names; `None` for an empty field.
    fn qualification(&self) -> Result<Option<String>, FieldError> {
        optional_name("qualification", self.field(Column::Qualification)?)
            .map_err(|e| (Some(Column::Qualification), RowError::Value(e)))
    }

    /// The row's facts for the statistics; each `None` for an empty field.
    fn statistics(&self) -> Result<StatisticsFacts, FieldError> {
        let name = |what, column| {
            optional_name(what, self.field(column)?).map_err(|e| (Some(column), RowError::Value(e)))
        };
        Ok(StatisticsFacts {
            year: optional(self.field(Column::Year)?, Column::Year, statistics_year)?,
            grade: name("grade", Column::Grade)?,
            institution_type: name("institution type", Column::InstitutionType)?,
            gender: optional(self.field(Column::Gender)?, Column::Gender, gender)?,
            job_field: name("job field", Column::JobField)?,
            applied: optional(self.field(Column::Applied)?, Column::Applied, |f| {
                flag("applied", f)
            })?,
            acquired: optional(self.field(Column::Acquired)?, Column::Acquired, |f| {
                flag("acquired", f)
            })?,
        })
    }

    fn rounds(&self) -> Result<Vec<Option<Score>>, FieldError> {
        let field = self.field(Column::Rounds)?;
        if field.is_empty() {
            return Ok(Vec::new());
        }
        field
            .split(';')
            .map(|round| match round {
                "-" => Ok(None),
                score => parse::<Score>(score, Column::Rounds).map(Some),
            })
            .collect()
    }

    fn external(&self) -> Result<Option<ExternalScores>, FieldError> {
        let written = self.field(Column::Written)?;
        let practical = self.field(Column::Practical)?;
        match (written.is_empty(), practical.is_empty()) {
            (true, true) => Ok(None),
            (false, false) => Ok(Some(ExternalScores::new(
                parse::<Score>(written, Column::Written)?,
                parse::<Score>(practical, Column::Practical)?,
            ))),
            (true, false) => Err((Some(Column::Written), RowError::HalfExternal)),
            (false, true) => Err((Some(Column::Practical), RowError::HalfExternal)),
        }
    }
}

impl<F: Fields<Column>> Row for F {}

fn parse<T: FromStr<Err = InputError>>(field: &str, column: Column) -> Result<T, FieldError> {
    field
        .parse()
        .map_err(|e| (Some(column), RowError::Value(e)))
}

fn optional<T>(
    field: &str,
    column: Column,
    read: impl FnOnce(&str) -> Result<T, InputError>,
) -> Result<Option<T>, FieldError> {
    if field.is_empty() {
        return Ok(None);
    }
    read(field)
        .map(Some)
        .map_err(|e| (Some(column), RowError::Value(e)))
}

impl StatisticsFacts {
    /// Takes in the facts of another row of the candidate: a fact this row gives must be the
    /// one an earlier row gave, if one did.
    fn agree_with(&mut self, row: StatisticsFacts) -> Result<(), FieldError> {
        agree(&mut self.year, row.year, Column::Year)?;
        agree(&mut self.grade, row.grade, Column::Grade)?;
        agree(
            &mut self.institution_type,
            row.institution_type,
            Column::InstitutionType,
        )?;
        agree(&mut self.gender, row.gender, Column::Gender)?;
        agree(&mut self.job_field, row.job_field, Column::JobField)?;
        agree(&mut self.applied, row.applied, Column::Applied)?;
        agree(&mut self.acquired, row.acquired, Column::Acquired)
    }
}

/// `known` set to `given`, unless it holds another value already.
fn agree<T: PartialEq>(
    known: &mut Option<T>,
    given: Option<T>,
    column: Column,
) -> Result<(), FieldError> {
    match (known.as_ref(), given) {
        (Some(known), Some(given)) if *known != given => {
            Err((Some(column), RowError::CandidateValueDiffers))
        }
        (_, Some(given)) => {
            *known = Some(given);
            Ok(())
        }
        (_, None) => Ok(()),
    }
}

/// A statistics year (통계연도): four digits, not starting with 0.
fn statistics_year(field: &str) -> Result<u16, InputError> {
    let digits = field.as_bytes();
    if digits.len() == 4
        && digits.iter().all(u8::is_ascii_digit)
        && digits[0] != b'0'
        && let Ok(year) = field.parse()
    {
        return Ok(year);
    }
    Err(InputError::Malformed {
        what: "statistics year",
        // The start of the field, as the core's errors quote a long value.
        value: field.chars().take(40).collect(),
        expected: "four digits, such as 2026",
    })
}

/// A gender as [`Gender`] is read (its serialised names: `M`, `F`, `unknown`).
fn gender(field: &str) -> Result<Gender, InputError> {
    serde_json::from_value(serde_json::Value::String(field.to_owned())).map_err(|_| {
        InputError::Unknown {
            what: "gender",
            value: field.chars().take(40).collect(),
            expected: "M, F, unknown",
        }
    })
}

/// `true` or `false`, in any case (a spreadsheet writes `TRUE`).
fn flag(what: &'static str, field: &str) -> Result<bool, InputError> {
    if field.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if field.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(InputError::Unknown {
            what,
            value: field.chars().take(40).collect(),
            expected: "true, false",
        })
    }
}
