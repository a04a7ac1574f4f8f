//! The rows of an Arrow IPC file or stream, read against a population schema: the schema's
//! columns found by name and type once, then each row of each record batch rendered into the
//! fields the CSV schema reads, its id checked, and handed on.

use std::io::Cursor;

use arrow_array::RecordBatch;
use arrow_ipc::reader::{FileReader, StreamReader};
use arrow_schema::{ArrowError, Schema};

use super::IpcError;
use super::cells::{Kind, Renderer};
use crate::csv::schema::{FieldError, Fields, SchemaColumn, checked_id, within_limit};
use crate::csv::{Column, RowError, RowIssue, WorkStudyColumn};

/// The magic bytes an Arrow IPC file starts with; a stream starts with a message instead.
const FILE_MAGIC: &[u8] = b"ARROW1";

/// A column of a population schema, with the kind of values it holds.
pub(crate) trait ArrowColumn: SchemaColumn {
    /// What the column holds.
    fn kind(self) -> Kind;
}

impl ArrowColumn for Column {
    fn kind(self) -> Kind {
        match self {
            Column::Candidate
            | Column::UnitCode
            | Column::UnitCourse
            | Column::Qualification
            | Column::Grade
            | Column::InstitutionType
            | Column::Gender
            | Column::JobField => Kind::Text,
            Column::ScheduledHours
            | Column::AttendedHours
            | Column::Written
            | Column::Practical
            | Column::Year => Kind::Number,
            Column::Rounds => Kind::Scores,
            Column::Applied | Column::Acquired => Kind::Flag,
        }
    }
}

impl ArrowColumn for WorkStudyColumn {
    fn kind(self) -> Kind {
        match self {
            WorkStudyColumn::Learner
            | WorkStudyColumn::Qualification
            | WorkStudyColumn::InternalUnits
            | WorkStudyColumn::ExternalUnits => Kind::Text,
            WorkStudyColumn::OjtScheduledHours
            | WorkStudyColumn::OjtAttendedHours
            | WorkStudyColumn::OffJtScheduledHours
            | WorkStudyColumn::OffJtAttendedHours => Kind::Number,
        }
    }
}

/// One row rendered: the field of each schema column, in the schema's order (empty for a
/// column the file leaves out and for a null).
pub(crate) struct RenderedRow<C: 'static> {
    fields: Vec<String>,
    columns: &'static [C],
}

impl<C: SchemaColumn> Fields<C> for RenderedRow<C> {
    fn field(&self, column: C) -> Result<&str, FieldError<C>> {
        let field = self
            .columns
            .iter()
            .position(|&c| c == column)
            .and_then(|index| self.fields.get(index))
            .map_or("", String::as_str);
        within_limit(field, column)
    }
}

/// Where each schema column sits in the file's batches, and how it is rendered.
struct Layout {
    /// Per schema column, in the schema's order: its index among the batch's columns and
    /// its renderer, `None` for a column the file leaves out.
    columns: Vec<Option<(usize, Renderer)>>,
}

impl Layout {
    /// The file's columns: each a column of the schema, none twice, every required one, each
    /// of an Arrow type the column accepts.
    fn read<C: ArrowColumn>(schema: &Schema) -> Result<Self, IpcError> {
        let mut columns: Vec<Option<(usize, Renderer)>> = vec![None; C::COLUMNS.len()];
        for (index, field) in schema.fields().iter().enumerate() {
            let name = field.name();
            let Some(position) = C::COLUMNS.iter().position(|c| c.column_name() == name) else {
                return Err(IpcError::UnknownColumn { name: name.clone() });
            };
            let column = C::COLUMNS[position];
            let renderer =
                Renderer::for_type(column.kind(), field.data_type()).ok_or_else(|| {
                    IpcError::ColumnType {
                        column: column.column_name(),
                        found: field.data_type().to_string(),
                        expected: column.kind().expected(),
                    }
                })?;
            if columns[position].replace((index, renderer)).is_some() {
                return Err(IpcError::DuplicateColumn {
                    column: column.column_name(),
                });
            }
        }
        if let Some(missing) = C::COLUMNS
            .iter()
            .zip(&columns)
            .find(|(c, found)| c.required() && found.is_none())
        {
            return Err(IpcError::MissingColumn {
                column: missing.0.column_name(),
            });
        }
        Ok(Layout { columns })
    }
}

/// The schema and record batches of an IPC file (it starts with `ARROW1`) or stream.
fn open(bytes: &[u8]) -> Result<(Schema, Batches<'_>), IpcError> {
    guarded(|| open_unguarded(bytes)).unwrap_or_else(|panic| {
        Err(IpcError::NotArrow {
            message: panic.to_owned(),
        })
    })
}

/// The record batches of a file or stream, in order.
type Batches<'a> = Box<dyn Iterator<Item = Result<RecordBatch, ArrowError>> + 'a>;

/// The next batch, or the batch's fault.
fn next_batch(batches: &mut Batches<'_>, number: usize) -> Option<Result<RecordBatch, IpcError>> {
    let batch = guarded(|| batches.next())
        .unwrap_or_else(|panic| Some(Err(ArrowError::IpcError(panic.to_owned()))))?;
    Some(batch.map_err(|e| IpcError::Batch {
        batch: number,
        message: e.to_string(),
    }))
}

/// `decode()`, or what made it panic. The IPC reader panics on some corrupt messages (an
/// offset past its buffer) instead of returning an error; a corrupt file must still be a
/// typed error here. Nothing decoded is kept after a panic.
fn guarded<T>(decode: impl FnOnce() -> T) -> Result<T, &'static str> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode))
        .map_err(|_| "the IPC reader failed on a corrupt message")
}

/// As [`open`], with the IPC reader's panics let through.
fn open_unguarded(bytes: &[u8]) -> Result<(Schema, Batches<'_>), IpcError> {
    let not_arrow = |e: ArrowError| IpcError::NotArrow {
        message: e.to_string(),
    };
    if bytes.starts_with(FILE_MAGIC) {
        let reader = FileReader::try_new(Cursor::new(bytes), None).map_err(not_arrow)?;
        Ok((reader.schema().as_ref().clone(), Box::new(reader)))
    } else {
        let reader = StreamReader::try_new(Cursor::new(bytes), None).map_err(not_arrow)?;
        Ok((reader.schema().as_ref().clone(), Box::new(reader)))
    }
}

/// Reads the schema of `bytes` against schema `C`, then hands each row to `read` with its
/// number (from 1, counted on across the record batches in the file's order) and its id
/// (column `id_column`, checked as `what`). A row with a bad id, and a row `read` refuses,
/// becomes an issue in `issues`; the others are `read`'s to keep.
///
/// # Errors
/// [`IpcError::NotArrow`] for bytes that are no IPC file or stream, [`IpcError::Batch`] for
/// a record batch that cannot be decoded, and [`Layout::read`]'s errors for the schema.
pub(crate) fn each_row<C: ArrowColumn>(
    bytes: &[u8],
    id_column: C,
    what: &'static str,
    issues: &mut Vec<RowIssue<C>>,
    mut read: impl FnMut(u64, &str, &RenderedRow<C>) -> Result<(), FieldError<C>>,
) -> Result<(), IpcError> {
    let (schema, batches) = open(bytes)?;
    let layout = Layout::read::<C>(&schema)?;
    let id_index = C::COLUMNS.iter().position(|&c| c == id_column);
    let mut row = RenderedRow {
        fields: vec![String::new(); C::COLUMNS.len()],
        columns: C::COLUMNS,
    };
    let mut rows_before: u64 = 0;
    let mut batches = batches;
    let mut number = 0;
    while let Some(batch) = next_batch(&mut batches, number) {
        let batch = batch?;
        number += 1;
        let arrays: Vec<_> = layout
            .columns
            .iter()
            .map(|found| {
                found.and_then(|(index, renderer)| Some((batch.columns().get(index)?, renderer)))
            })
            .collect();
        for index in 0..batch.num_rows() {
            let line = rows_before + index as u64 + 1;
            for (field, array) in row.fields.iter_mut().zip(&arrays) {
                field.clear();
                if let Some((array, renderer)) = array {
                    renderer.render(array.as_ref(), index, field);
                }
            }
            let id = id_index
                .and_then(|i| row.fields.get(i))
                .map_or("", String::as_str);
            let id = within_limit(id, id_column).and_then(|id| {
                checked_id(what, id).map_err(|e| (Some(id_column), RowError::Value(e)))
            });
            let id = match id {
                Ok(id) => id,
                Err((column, error)) => {
                    issues.push(RowIssue {
                        line,
                        column,
                        candidate: None,
                        error,
                    });
                    continue;
                }
            };
            if let Err((column, error)) = read(line, &id, &row) {
                issues.push(RowIssue {
                    line,
                    column,
                    candidate: Some(id),
                    error,
                });
            }
        }
        rows_before += batch.num_rows() as u64;
    }
    Ok(())
}
