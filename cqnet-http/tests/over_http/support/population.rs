//! Generated candidates of the course-based track, written as the bulk routes take them: as
//! case inputs (NDJSON lines) and as rows of the population CSV schema.

use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
use cqnet_core::{Hours, Score};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// `n` candidates of `units` competency units each, drawn from a seeded generator (the same
/// seed, the same candidates) so that every outcome occurs: most attend and pass, one in ten
/// misses a unit's attendance, some have a round not taken or fail the external evaluation,
/// one in ten has not taken it yet.
pub fn records(n: usize, units: usize, seed: u64) -> Vec<TraineeRecord> {
    let mut next = splitmix(seed);
    let mut draw = |below: u64| next() % below;
    (0..n)
        .map(|_| {
            let weak = draw(10) == 0;
            let unit_records = (0..units)
                .map(|unit| {
                    let scheduled = 20 + draw(60);
                    let share = if weak && unit == 0 { 60 } else { 85 + draw(16) };
                    let attended = Decimal::from(scheduled * share) / Decimal::from(100);
                    let rounds = (0..1 + draw(3))
                        .map(|_| {
                            (draw(50) != 0).then(|| {
                                let score = Decimal::from(55 + draw(45))
                                    + Decimal::new(5, 1) * Decimal::from(draw(2));
                                Score::new(score).unwrap()
                            })
                        })
                        .collect();
                    UnitRecord::new(
                        None,
                        Hours::whole(u32::try_from(scheduled).unwrap()).unwrap(),
                        Hours::new(attended).unwrap(),
                        rounds,
                    )
                    .unwrap()
                })
                .collect();
            let record = TraineeRecord::new(unit_records).unwrap();
            if draw(10) == 0 {
                return record;
            }
            let mut score = || Score::whole(u32::try_from(45 + draw(56)).unwrap()).unwrap();
            record.with_external(ExternalScores::new(score(), score()))
        })
        .collect()
}

/// SplitMix64: a small seeded generator, enough to draw test data.
fn splitmix(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// A record as a `course_based` case input.
pub fn input(record: &TraineeRecord) -> Value {
    let units: Vec<Value> = record
        .units()
        .iter()
        .map(|unit| {
            let scores: Vec<Value> = unit
                .rounds()
                .iter()
                .map(|round| round.map_or(Value::Null, |s| json!(s.value().to_string())))
                .collect();
            json!({
                "hours": unit.scheduled().value().to_string(),
                "attended": unit.attended().value().to_string(),
                "scores": scores,
            })
        })
        .collect();
    let mut input = json!({"units": units});
    if let Some(external) = record.external() {
        input["external"] = json!({
            "written": external.written.value().to_string(),
            "practical": external.practical.value().to_string(),
        });
    }
    input
}

/// The CSV header the rows of [`rows`] fit.
pub const HEADER: &str =
    "candidate,scheduled_hours,attended_hours,rounds,written,practical,qualification";

/// A record's rows in the CSV schema, one per unit, as candidate `id` of `qualification`.
pub fn rows(id: &str, qualification: &str, record: &TraineeRecord) -> String {
    let (written, practical) = record
        .external()
        .map_or((String::new(), String::new()), |e| {
            (
                e.written.value().to_string(),
                e.practical.value().to_string(),
            )
        });
    record
        .units()
        .iter()
        .map(|unit| {
            let rounds: Vec<String> = unit
                .rounds()
                .iter()
                .map(|round| round.map_or("-".to_owned(), |s| s.value().to_string()))
                .collect();
            format!(
                "{id},{},{},{},{written},{practical},{qualification}\n",
                unit.scheduled().value(),
                unit.attended().value(),
                rounds.join(";"),
            )
        })
        .collect()
}

/// The lines of an NDJSON answer, each read as JSON.
pub fn ndjson(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}
