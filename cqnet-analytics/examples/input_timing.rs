//! How long a population takes to read from CSV and from Arrow IPC, side by side.
//!
//! `cargo run --release -p cqnet-analytics --features arrow --example input_timing [CANDIDATES] [UNITS]`
//! writes a population drawn as the OpenFisca comparison model draws them (default
//! 1,000,000 candidates of 12 competency units, 능력단위, each: one row a unit) once as CSV
//! and twice as an Arrow IPC file (batches of 65,536 rows): with typed columns (hours and
//! scores as `Decimal128(18, 4)`, rounds as a list of them) and with text columns (`Utf8`,
//! the CSV's fields). It then reads each in memory with the library's readers, best of three
//! passes, checks that all three give the same population, and prints the nanoseconds per
//! candidate and the megabytes (10⁶ bytes) read per second.

use std::sync::Arc;
use std::time::{Duration, Instant};

use arrow_array::builder::{Decimal128Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_ipc::writer::FileWriter;
use cqnet_analytics::arrow::read_course_population_arrow;
use cqnet_analytics::csv::{PopulationFile, TextEncoding, read_course_population};
use cqnet_analytics::{CoursePopulation, synthetic};
use rust_decimal::Decimal;

const BATCH_ROWS: usize = 65_536;
const PASSES: usize = 3;

/// One unit's row: candidate, scheduled, attended, rounds, written, practical.
type UnitRow = (
    String,
    Decimal,
    Decimal,
    Vec<Option<Decimal>>,
    Decimal,
    Decimal,
);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args()
        .skip(1)
        .map(|arg| arg.replace(['_', ','], "").parse::<usize>());
    let candidates = args.next().transpose()?.unwrap_or(1_000_000);
    let units = args.next().transpose()?.unwrap_or(12);
    let population = synthetic::openfisca_distribution(candidates, units, 7);
    let rows = unit_rows(&population)?;
    let csv = csv_of(&rows);
    let typed = ipc_file(&rows, true)?;
    let text = ipc_file(&rows, false)?;
    drop(rows);

    println!("{candidates} candidates, {units} units each, best of {PASSES} passes");
    println!("format              bytes        seconds  ns_per_candidate  MB_per_s");
    let read_csv = || read_course_population(csv.as_bytes(), TextEncoding::Utf8);
    let csv_read = timed("CSV", csv.len(), candidates, read_csv)?;
    let typed_read = timed("Arrow IPC, typed", typed.len(), candidates, || {
        read_course_population_arrow(&typed)
    })?;
    let text_read = timed("Arrow IPC, Utf8", text.len(), candidates, || {
        read_course_population_arrow(&text)
    })?;
    for read in [&csv_read, &typed_read, &text_read] {
        if read.population != population || !read.issues.is_empty() {
            return Err("a reader gave another population".into());
        }
    }
    Ok(())
}

/// Reads with `read` [`PASSES`] times and prints the best time.
fn timed<E: std::error::Error + 'static>(
    format: &str,
    bytes: usize,
    candidates: usize,
    read: impl Fn() -> Result<PopulationFile, E>,
) -> Result<PopulationFile, Box<dyn std::error::Error>> {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..PASSES {
        let started = Instant::now();
        let file = read()?;
        best = best.min(started.elapsed());
        last = Some(file);
    }
    let seconds = best.as_secs_f64();
    println!(
        "{format:<18}  {bytes:>11}  {seconds:>7.3}  {:>16.0}  {:>8.0}",
        seconds * 1e9 / candidates.max(1) as f64,
        bytes as f64 / 1e6 / seconds,
    );
    last.ok_or_else(|| "no pass".into())
}

fn unit_rows(population: &CoursePopulation) -> Result<Vec<UnitRow>, cqnet_core::InputError> {
    let mut rows = Vec::with_capacity(population.units());
    for index in 0..population.candidates() {
        let record = population.record(index)?;
        let (written, practical) = record
            .external()
            .map_or((Decimal::ZERO, Decimal::ZERO), |e| {
                (e.written.value(), e.practical.value())
            });
        for unit in record.units() {
            let rounds = unit.rounds().iter().map(|r| r.map(|s| s.value())).collect();
            rows.push((
                format!("c-{index}"),
                unit.scheduled().value(),
                unit.attended().value(),
                rounds,
                written,
                practical,
            ));
        }
    }
    Ok(rows)
}

fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

fn rounds_text(rounds: &[Option<Decimal>]) -> String {
    let rounds: Vec<String> = rounds
        .iter()
        .map(|r| r.map_or_else(|| "-".to_owned(), plain))
        .collect();
    rounds.join(";")
}

fn csv_of(rows: &[UnitRow]) -> String {
    let mut csv =
        String::from("candidate,scheduled_hours,attended_hours,rounds,written,practical\n");
    for (id, scheduled, attended, rounds, written, practical) in rows {
        csv.push_str(&format!(
            "{id},{},{},{},{},{}\n",
            plain(*scheduled),
            plain(*attended),
            rounds_text(rounds),
            plain(*written),
            plain(*practical),
        ));
    }
    csv
}

/// Scale 4: the population's exact form.
fn mantissa(value: Decimal) -> i128 {
    let mut value = value;
    value.rescale(4);
    value.mantissa()
}

fn decimal_builder() -> Result<Decimal128Builder, arrow_schema::ArrowError> {
    Decimal128Builder::new().with_precision_and_scale(18, 4)
}

/// The rows as an IPC file: typed columns, or the CSV's fields as `Utf8`.
fn ipc_file(rows: &[UnitRow], typed: bool) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut batches = Vec::new();
    for chunk in rows.chunks(BATCH_ROWS) {
        let mut ids = StringBuilder::new();
        for row in chunk {
            ids.append_value(&row.0);
        }
        let ids = Arc::new(ids.finish()) as ArrayRef;
        let column =
            |value: fn(&UnitRow) -> Decimal| -> Result<ArrayRef, Box<dyn std::error::Error>> {
                if typed {
                    let mut builder = decimal_builder()?;
                    chunk
                        .iter()
                        .for_each(|r| builder.append_value(mantissa(value(r))));
                    Ok(Arc::new(builder.finish()))
                } else {
                    let mut builder = StringBuilder::new();
                    chunk
                        .iter()
                        .for_each(|r| builder.append_value(plain(value(r))));
                    Ok(Arc::new(builder.finish()))
                }
            };
        let rounds: ArrayRef = if typed {
            let mut builder = ListBuilder::new(decimal_builder()?);
            for row in chunk {
                for round in &row.3 {
                    builder.values().append_option(round.map(mantissa));
                }
                builder.append(true);
            }
            Arc::new(builder.finish())
        } else {
            let mut builder = StringBuilder::new();
            chunk
                .iter()
                .for_each(|r| builder.append_value(rounds_text(&r.3)));
            Arc::new(builder.finish())
        };
        let batch = RecordBatch::try_from_iter([
            ("candidate", ids),
            ("scheduled_hours", column(|r| r.1)?),
            ("attended_hours", column(|r| r.2)?),
            ("rounds", rounds),
            ("written", column(|r| r.4)?),
            ("practical", column(|r| r.5)?),
        ])?;
        batches.push(batch);
    }
    let mut bytes = Vec::new();
    let Some(first) = batches.first() else {
        return Ok(bytes);
    };
    let mut writer = FileWriter::try_new(&mut bytes, &first.schema())?;
    for batch in &batches {
        writer.write(batch)?;
    }
    writer.finish()?;
    drop(writer);
    Ok(bytes)
}
