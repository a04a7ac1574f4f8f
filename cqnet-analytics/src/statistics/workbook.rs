//! The statistics as an Excel workbook (`.xlsx`, feature `xlsx`): one sheet for the funnel, one
//! for its year-on-year trends, and one for the score distributions, headers in Korean and
//! English.
//!
//! Counts are number cells. A pass rate, a change in percentage points and an average are
//! number cells shown to one decimal place, with the exact value as text in the next column,
//! since a spreadsheet's numbers are binary floating point and the core's are exact.

use cqnet_core::statistics::{Dimension, FunnelRow, KeyValue, ScoreDistribution, TrendRow};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::table::{STAGE_LABELS, band_label, stage_counts};

/// The funnel sheet's name.
pub const FUNNEL_SHEET: &str = "현황 (funnel)";
/// The trends sheet's name.
pub const TRENDS_SHEET: &str = "증감 (trends)";
/// The score distributions sheet's name.
pub const DISTRIBUTION_SHEET: &str = "점수 분포 (distribution)";

/// A workbook that could not be written.
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::{statistics_xlsx, WorkbookError};
/// // An empty workbook is still a workbook: only the writer's own failures are errors.
/// let written: Result<Vec<u8>, WorkbookError> = statistics_xlsx(&[], &[], &[]);
/// assert!(written.is_ok());
/// ```
#[derive(Debug, thiserror::Error)]
#[error("the statistics workbook could not be written: {source}")]
pub struct WorkbookError {
    #[from]
    source: XlsxError,
}

/// The tables as an `.xlsx` file's bytes: the `funnel` rows on [`FUNNEL_SHEET`], the
/// `trends` on [`TRENDS_SHEET`], and each named score distribution (a round's title and its
/// table) on [`DISTRIBUTION_SHEET`], one block below the other.
///
/// # Errors
/// [`WorkbookError`] when the writer fails (a cell past the sheet's limits, say).
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::statistics_xlsx;
/// use cqnet_core::statistics::{funnel, year_on_year, score_distribution, Dimension, Gender, GroupBy, Stage, StatRecord};
/// use cqnet_core::{rules::RulePack, Score};
/// let record = |year| StatRecord::new(year, "기사", "전기기사", "특성화고", Gender::F, Stage::Passed);
/// let rows = funnel(&[record(2025)?, record(2026)?], &GroupBy::new(vec![Dimension::Year])?);
/// let scores = [Score::whole(85)?];
/// let distribution = score_distribution(&scores, &RulePack::embedded().newest());
/// let bytes = statistics_xlsx(&rows, &year_on_year(&rows)?, &[("전기기사 2026년 1회", &distribution)])?;
/// // An .xlsx file is a zip archive.
/// assert!(bytes.starts_with(b"PK"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn statistics_xlsx(
    funnel: &[FunnelRow],
    trends: &[TrendRow],
    distributions: &[(&str, &ScoreDistribution)],
) -> Result<Vec<u8>, WorkbookError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold().set_background_color("#EEEEFF");
    let one_place = Format::new().set_num_format("0.0");

    let sheet = workbook.add_worksheet().set_name(FUNNEL_SHEET)?;
    write_funnel(sheet, funnel, &header, &one_place)?;
    let sheet = workbook.add_worksheet().set_name(TRENDS_SHEET)?;
    write_trends(sheet, trends, &header, &one_place)?;
    let sheet = workbook.add_worksheet().set_name(DISTRIBUTION_SHEET)?;
    write_distributions(sheet, distributions, &header, &one_place)?;
    Ok(workbook.save_to_buffer()?)
}

fn write_funnel(
    sheet: &mut Worksheet,
    rows: &[FunnelRow],
    header: &Format,
    one_place: &Format,
) -> Result<(), XlsxError> {
    let mut headers: Vec<String> = rows
        .first()
        .map(|r| r.key.iter().map(|(d, _)| dimension_header(*d)).collect())
        .unwrap_or_default();
    headers.extend(STAGE_LABELS.map(String::from));
    headers.push("합격률 (pass rate, %)".into());
    headers.push("합격률 정확값 (exact)".into());
    write_header(sheet, &headers, header)?;
    for (index, row) in rows.iter().enumerate() {
        let line = row_index(index + 1)?;
        let mut column = write_key(sheet, line, &row.key)?;
        column = write_counts(sheet, line, column, stage_counts(row))?;
        write_exact(sheet, line, column, row.pass_rate, one_place)?;
    }
    Ok(())
}

fn write_trends(
    sheet: &mut Worksheet,
    trends: &[TrendRow],
    header: &Format,
    one_place: &Format,
) -> Result<(), XlsxError> {
    let mut headers: Vec<String> = trends
        .first()
        .map(|t| t.key.iter().map(|(d, _)| dimension_header(*d)).collect())
        .unwrap_or_default();
    headers.push("연도 (year)".into());
    headers.extend(STAGE_LABELS.map(|stage| format!("{stage} 증감 (change)")));
    headers.push("합격률 증감 (pass rate change, %p)".into());
    headers.push("합격률 증감 정확값 (exact)".into());
    write_header(sheet, &headers, header)?;
    for (index, trend) in trends.iter().enumerate() {
        let line = row_index(index + 1)?;
        let mut column = write_key(sheet, line, &trend.key)?;
        sheet.write_number(line, column, f64::from(trend.year))?;
        column += 1;
        // A year without the year before has empty change cells.
        if let Some(change) = trend.change {
            for (offset, delta) in change.into_iter().enumerate() {
                sheet.write_number(line, column + offset as u16, delta as f64)?;
            }
        }
        column += 6;
        write_exact(sheet, line, column, trend.pass_rate_change, one_place)?;
    }
    Ok(())
}

fn write_distributions(
    sheet: &mut Worksheet,
    distributions: &[(&str, &ScoreDistribution)],
    header: &Format,
    one_place: &Format,
) -> Result<(), XlsxError> {
    let mut line: u32 = 0;
    for (title, distribution) in distributions {
        sheet.write_string_with_format(line, 0, *title, header)?;
        line += 1;
        sheet.write_string_with_format(line, 0, "구간 (band)", header)?;
        sheet.write_string_with_format(line, 1, "인원 (count)", header)?;
        line += 1;
        for band in &distribution.bands {
            sheet.write_string(line, 0, band_label(band))?;
            sheet.write_number(line, 1, band.count as f64)?;
            line += 1;
        }
        sheet.write_string(line, 0, "응시자 (examinees)")?;
        sheet.write_number(line, 1, distribution.examinees as f64)?;
        line += 1;
        sheet.write_string(line, 0, "평균 (average)")?;
        write_exact(sheet, line, 1, distribution.average, one_place)?;
        // A blank line between rounds.
        line += 2;
    }
    sheet.set_column_width(0, 32)?;
    Ok(())
}

/// A grouping dimension's column header in Korean and English.
fn dimension_header(dimension: Dimension) -> String {
    let korean = match dimension {
        Dimension::Year => "연도",
        Dimension::Grade => "등급",
        Dimension::Qualification => "종목",
        Dimension::InstitutionType => "기관 유형",
        Dimension::Gender => "성별",
        Dimension::JobField => "직무분야",
    };
    format!("{korean} ({})", dimension.to_string().replace('_', " "))
}

fn write_header(
    sheet: &mut Worksheet,
    headers: &[String],
    format: &Format,
) -> Result<(), XlsxError> {
    for (column, text) in headers.iter().enumerate() {
        let column = column_index(column)?;
        sheet.write_string_with_format(0, column, text, format)?;
        sheet.set_column_width(column, 16)?;
    }
    Ok(())
}

/// The grouping values from column 0: a year as a number, text as text; the next column.
fn write_key(
    sheet: &mut Worksheet,
    line: u32,
    key: &[(Dimension, KeyValue)],
) -> Result<u16, XlsxError> {
    for (column, (_, value)) in key.iter().enumerate() {
        let column = column_index(column)?;
        match value {
            KeyValue::Year(year) => sheet.write_number(line, column, f64::from(*year))?,
            KeyValue::Text(text) => sheet.write_string(line, column, text)?,
        };
    }
    column_index(key.len())
}

/// The six counts from `column`; the next column.
fn write_counts(
    sheet: &mut Worksheet,
    line: u32,
    column: u16,
    counts: [u64; 6],
) -> Result<u16, XlsxError> {
    for (offset, count) in counts.into_iter().enumerate() {
        // Counts of people are far below 2⁵³, so the number cell holds them exactly.
        sheet.write_number(line, column + offset as u16, count as f64)?;
    }
    Ok(column + 6)
}

/// A decimal as a number shown to one place at `column` and its exact text at the next;
/// both empty for none.
fn write_exact(
    sheet: &mut Worksheet,
    line: u32,
    column: u16,
    value: Option<Decimal>,
    one_place: &Format,
) -> Result<(), XlsxError> {
    if let Some(value) = value {
        if let Some(number) = value.to_f64() {
            sheet.write_number_with_format(line, column, number, one_place)?;
        }
        sheet.write_string(line, column + 1, value.to_string())?;
    }
    Ok(())
}

/// A table row as a sheet row; past the sheet's rows is the writer's own error.
fn row_index(index: usize) -> Result<u32, XlsxError> {
    u32::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

fn column_index(index: usize) -> Result<u16, XlsxError> {
    u16::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}
