//! What every population schema shares: its columns named in a header line, fields read
//! against that header with a length limit, and the row's id checked as the core checks text.

use std::collections::HashMap;
use std::hash::Hash;

use cqnet_core::InputError;

use super::{CsvError, MAX_FIELD_BYTES, RowError, RowIssue};

/// The longest id of a row's candidate or learner, in characters.
const MAX_ID_CHARS: usize = 100;

/// A column of a population schema.
pub(crate) trait SchemaColumn: Copy + Eq + Hash + 'static {
    /// Every column, in the schema's order.
    const COLUMNS: &'static [Self];
    /// The column's name in the header.
    fn column_name(self) -> &'static str;
    /// Whether every file must have the column.
    fn required(self) -> bool;
}

/// A field's fault: the column to blame, if one is, and what is wrong.
pub(crate) type FieldError<C> = (Option<C>, RowError);

/// One row's fields by column, as text: from a CSV record, or rendered from an Arrow batch so
/// that both formats are read by the same rules.
pub(crate) trait Fields<C> {
    /// The field of `column`: `""` for a column the file leaves out or a null.
    fn field(&self, column: C) -> Result<&str, FieldError<C>>;
}

/// A field no longer than [`MAX_FIELD_BYTES`], or the row's fault.
pub(crate) fn within_limit<C>(field: &str, column: C) -> Result<&str, FieldError<C>> {
    if field.len() > MAX_FIELD_BYTES {
        return Err((
            Some(column),
            RowError::FieldTooLong {
                bytes: field.len(),
                max: MAX_FIELD_BYTES,
            },
        ));
    }
    Ok(field)
}

/// A CSV record read against its header.
pub(crate) struct CsvRow<'a, C> {
    pub(crate) record: &'a ::csv::StringRecord,
    pub(crate) header: &'a Header<C>,
}

impl<C: SchemaColumn> Fields<C> for CsvRow<'_, C> {
    fn field(&self, column: C) -> Result<&str, FieldError<C>> {
        self.header.field(self.record, column)
    }
}

/// Where each column of the schema sits in the file's rows, and how many fields a row has.
pub(crate) struct Header<C> {
    positions: HashMap<C, usize>,
    width: usize,
}

impl<C: SchemaColumn> Header<C> {
    /// The header line's columns: each a column of the schema, none twice, every required one.
    pub(crate) fn read(header: &::csv::StringRecord) -> Result<Self, CsvError> {
        let mut positions = HashMap::new();
        for (index, name) in header.iter().enumerate() {
            let column = C::COLUMNS
                .iter()
                .copied()
                .find(|c| c.column_name() == name)
                .ok_or_else(|| CsvError::UnknownColumn {
                    name: name.to_owned(),
                })?;
            if positions.insert(column, index).is_some() {
                return Err(CsvError::DuplicateColumn {
                    column: column.column_name(),
                });
            }
        }
        if let Some(missing) = C::COLUMNS
            .iter()
            .copied()
            .find(|c| c.required() && !positions.contains_key(c))
        {
            return Err(CsvError::MissingColumn {
                column: missing.column_name(),
            });
        }
        Ok(Header {
            positions,
            width: header.len(),
        })
    }

    /// A row with as many fields as the header, or the row's fault.
    pub(crate) fn check_width(&self, record: &::csv::StringRecord) -> Result<(), FieldError<C>> {
        if record.len() == self.width {
            return Ok(());
        }
        Err((
            None,
            RowError::FieldCount {
                expected: self.width,
                found: record.len(),
            },
        ))
    }

    /// The field of `column` in `record`: `""` for a column the header leaves out.
    pub(crate) fn field<'r>(
        &self,
        record: &'r ::csv::StringRecord,
        column: C,
    ) -> Result<&'r str, FieldError<C>> {
        let Some(&index) = self.positions.get(&column) else {
            return Ok("");
        };
        within_limit(record.get(index).unwrap_or(""), column)
    }
}

/// Reads the header of `text` against schema `C`, then hands each row to `read` with its line
/// and its id (column `id_column`, checked as `what` by [`checked_id`]). A row the CSV reader
/// cannot read, of another width than the header or with a bad id, and a row `read` refuses,
/// becomes an issue in `issues`; the others are `read`'s to keep.
///
/// # Errors
/// [`CsvError::NoHeader`], [`CsvError::Header`] or [`Header::read`]'s errors for the header.
pub(crate) fn each_row<C: SchemaColumn>(
    text: &str,
    id_column: C,
    what: &'static str,
    issues: &mut Vec<RowIssue<C>>,
    mut read: impl FnMut(u64, &str, &::csv::StringRecord, &Header<C>) -> Result<(), FieldError<C>>,
) -> Result<(), CsvError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(CsvError::NoHeader),
        Some(Err(e)) => return Err(CsvError::Header(e.to_string())),
        Some(Ok(header)) => Header::<C>::read(&header)?,
    };
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                issues.push(RowIssue {
                    line: e.position().map_or(0, ::csv::Position::line),
                    column: None,
                    candidate: None,
                    error: RowError::Csv(e.to_string()),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, ::csv::Position::line);
        let id = header.check_width(&record).and_then(|()| {
            checked_id(what, header.field(&record, id_column)?)
                .map_err(|e| (Some(id_column), RowError::Value(e)))
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
        if let Err((column, error)) = read(line, &id, &record, &header) {
            issues.push(RowIssue {
                line,
                column,
                candidate: Some(id),
                error,
            });
        }
    }
    Ok(())
}

/// A row's id (`what`: `candidate id`, `learner id`): not empty, no hidden character, at
/// most [`MAX_ID_CHARS`] characters.
pub(crate) fn checked_id(what: &'static str, id: &str) -> Result<String, InputError> {
    if id.trim().is_empty() {
        return Err(InputError::Empty { what });
    }
    cqnet_core::text::check_visible(what, id)?;
    if id.chars().count() > MAX_ID_CHARS {
        return Err(InputError::Malformed {
            what,
            // The start of the id, as the core's errors quote a long value.
            value: id.chars().take(40).collect(),
            expected: "at most 100 characters",
        });
    }
    Ok(id.to_owned())
}

/// A name read for grouping (a qualification, 종목), checked as the core checks names;
/// `None` for an empty field.
pub(crate) fn optional_name(what: &'static str, field: &str) -> Result<Option<String>, InputError> {
    if field.trim().is_empty() {
        return Ok(None);
    }
    cqnet_core::text::check_visible(what, field)?;
    Ok(Some(field.to_owned()))
}
