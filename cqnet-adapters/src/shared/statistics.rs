//! The statistics statements both SQL back ends run (each back end's `statistics.rs` runs
//! them): one aggregate statement a table, grouped in the database, over the columns that the
//! migrations `0011_statistics` (SQLite) and `0013_statistics` (PostgreSQL) read from the
//! records' bodies.
//!
//! The funnel statement groups the trainees by the dimensions asked and by the facts of the
//! stages each reached (an application, an active one, marks entered, a finalised pass, a
//! certificate: [`StageFacts`]), and counts each group; the stage those facts make and the rows
//! are the core's ([`StageFacts::stage`], [`funnel_of_tallies`]). So the database does the
//! counting and no back end decides a stage.

use cqnet_core::statistics::{
    Dimension, FunnelRow, Gender, KeyValue, ScoreBandBounds, ScoreDistribution, StageFacts,
    UNKNOWN, distribution_of_tallies, funnel_of_tallies,
};
use cqnet_core::{Grade, InstitutionType, QualificationCode, Score};
use cqnet_store::exam::RoundId;
use cqnet_store::statistics::{
    FunnelQuery, ScorePart, gender_key, grade_key, institution_type_key,
};
use cqnet_store::{StoreError, StoreResult};
use rust_decimal::Decimal;

use super::search::{Dialect, Statement, Value};

/// Scores are kept as whole ten-thousandths (a score has at most four decimal places), so
/// that bands and sums are exact integers in both databases.
const SCORE_SCALE: u32 = 4;

/// The columns a dimension groups by.
fn column(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Year => "e.stat_year",
        Dimension::Grade => "q.search_level",
        Dimension::Qualification => "c.qualification",
        Dimension::InstitutionType => "i.search_type",
        Dimension::Gender => "e.stat_gender",
        Dimension::JobField => "q.search_field",
    }
}

/// A flag as an integer 0 or 1 in both databases.
fn flag(dialect: Dialect, condition: &str) -> String {
    match dialect {
        Dialect::Sqlite => format!("({condition})"),
        Dialect::Postgres => format!("CAST(CASE WHEN {condition} THEN 1 ELSE 0 END AS BIGINT)"),
    }
}

/// The funnel statement of `query`: one row per group and combination of stage facts, with
/// the dimensions in grouping order, then the five facts packed into one integer (see
/// [`unpack_facts`]), then the count.
pub(crate) fn funnel(dialect: Dialect, query: &FunnelQuery) -> Statement {
    let dimensions = query.group_by().dimensions();
    let mut params = Vec::new();
    let mut conditions = vec![
        match dialect {
            Dialect::Sqlite => "e.stat_trainee = 1",
            Dialect::Postgres => "e.stat_trainee",
        }
        .to_owned(),
    ];
    if let Some((from, to)) = query.years() {
        params.push(Value::Int(from.into()));
        params.push(Value::Int(to.into()));
        conditions.push(format!(
            "e.stat_year BETWEEN CAST(${} AS BIGINT) AND CAST(${} AS BIGINT)",
            params.len() - 1,
            params.len()
        ));
    }
    if let Some(code) = query.qualification() {
        params.push(Value::Text(code.as_str().to_owned()));
        conditions.push(format!("c.qualification = ${}", params.len()));
    }
    let needs = |d: Dimension| dimensions.contains(&d);
    let mut joins = String::new();
    // The grade and the job field are the qualification's, the type the institution's.
    let needs_qualification = needs(Dimension::Grade) || needs(Dimension::JobField);
    if needs_qualification
        || needs(Dimension::Qualification)
        || needs(Dimension::InstitutionType)
        || query.qualification().is_some()
    {
        joins.push_str(" JOIN courses c ON c.id = e.course");
    }
    if needs_qualification {
        joins.push_str(" JOIN qualifications q ON q.code = c.qualification");
    }
    if needs(Dimension::InstitutionType) {
        joins.push_str(" JOIN institutions i ON i.id = c.institution");
    }
    let mut selected: Vec<String> = dimensions.iter().map(|d| column(*d).to_owned()).collect();
    // The five facts packed into one integer, bit k the k-th fact in `unpack_facts`' order:
    // one grouping column instead of five, which SQLite sorts by far faster on a million
    // rows. The stage is still the core's, from the facts unpacked in Rust.
    let facts = [
        flag(dialect, "f.candidate IS NOT NULL"),
        "COALESCE(f.applied, 0)".to_owned(),
        "COALESCE(f.sat, 0)".to_owned(),
        "COALESCE(f.passed, 0)".to_owned(),
        flag(dialect, "k.candidate IS NOT NULL"),
    ];
    let packed = facts
        .iter()
        .enumerate()
        .map(|(k, fact)| format!("{} * {fact}", 1_i64 << k))
        .collect::<Vec<_>>()
        .join(" + ");
    selected.push(packed);
    let grouped = (1..=selected.len())
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "WITH facts AS (\
             SELECT a.candidate AS candidate, MAX({active}) AS applied, \
                    MAX({sat}) AS sat, MAX({passed}) AS passed \
             FROM exam_applications a LEFT JOIN exam_results r ON r.application = a.id \
             GROUP BY a.candidate), \
         certified AS (\
             SELECT DISTINCT candidate FROM certificate_records WHERE track = '\"course_based\"') \
         SELECT {columns}, COUNT(*) \
         FROM enrollments e{joins} \
         LEFT JOIN facts f ON f.candidate = e.id \
         LEFT JOIN certified k ON k.candidate = e.id \
         WHERE {conditions} \
         GROUP BY {grouped}",
        active = flag(dialect, "a.active"),
        sat = flag(dialect, "r.application IS NOT NULL"),
        passed = flag(dialect, "COALESCE(r.stat_passed, FALSE)"),
        columns = selected.join(", "),
        conditions = conditions.join(" AND "),
    );
    Statement { sql, params }
}

/// A dimension's value in a funnel row, as the database gave it.
pub(crate) enum Cell {
    Int(Option<i64>),
    Text(Option<String>),
}

/// The five stage facts of a funnel row from the integer [`funnel`] packs them into: bit 0
/// the target, then applied, sat, passed and acquired.
fn unpack_facts(packed: i64) -> StoreResult<StageFacts> {
    if !(0..32).contains(&packed) {
        return Err(corrupt(format!("stage facts {packed}")));
    }
    let bit = |k: u32| packed & (1 << k) != 0;
    Ok(StageFacts {
        target: bit(0),
        applied: bit(1),
        sat: bit(2),
        passed: bit(3),
        acquired: bit(4),
    })
}

/// The rows of the funnel from the rows of [`funnel`], each the cells of its dimensions, its
/// packed stage facts and its count.
pub(crate) fn funnel_rows(
    query: &FunnelQuery,
    rows: Vec<(Vec<Cell>, i64, i64)>,
) -> StoreResult<Vec<FunnelRow>> {
    let dimensions = query.group_by().dimensions();
    let tallies = rows
        .into_iter()
        .map(|(cells, packed, count)| {
            let key = dimensions
                .iter()
                .zip(cells)
                .map(|(d, cell)| key_value(*d, cell))
                .collect::<StoreResult<Vec<_>>>()?;
            let stages = unpack_facts(packed)?;
            let count = u64::try_from(count).map_err(|_| corrupt(format!("count {count}")))?;
            Ok((key, stages.stage(), count))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(funnel_of_tallies(tallies, query.group_by()))
}

fn corrupt(detail: String) -> StoreError {
    StoreError::Corrupt {
        what: "statistics",
        detail,
    }
}

fn key_value(dimension: Dimension, cell: Cell) -> StoreResult<KeyValue> {
    let text = |cell: Cell| match cell {
        Cell::Text(t) => Ok(t),
        Cell::Int(i) => Err(corrupt(format!("{dimension} read as the number {i:?}"))),
    };
    Ok(match dimension {
        Dimension::Year => match cell {
            Cell::Int(Some(year)) => KeyValue::Year(
                u16::try_from(year).map_err(|_| corrupt(format!("statistics year {year}")))?,
            ),
            _ => return Err(corrupt("an enrollment without its year".into())),
        },
        Dimension::Grade => grade_key(
            text(cell)?
                .as_deref()
                .and_then(|level| level.strip_prefix("grade:"))
                .map(|g| g.parse::<Grade>().map_err(|e| corrupt(e.to_string())))
                .transpose()?,
        ),
        Dimension::Qualification => {
            let code =
                text(cell)?.ok_or_else(|| corrupt("a course without its qualification".into()))?;
            let code = QualificationCode::new(&code).map_err(|e| corrupt(e.to_string()))?;
            KeyValue::Text(code.as_str().to_owned())
        }
        Dimension::InstitutionType => institution_type_key(
            text(cell)?
                .map(|t| {
                    t.parse::<InstitutionType>()
                        .map_err(|e| corrupt(e.to_string()))
                })
                .transpose()?,
        ),
        Dimension::Gender => gender_key(
            text(cell)?
                .map(|g| {
                    serde_json::from_value::<Gender>(serde_json::Value::String(g))
                        .map_err(|e| corrupt(e.to_string()))
                })
                .transpose()?,
        ),
        Dimension::JobField => KeyValue::Text(text(cell)?.unwrap_or_else(|| UNKNOWN.to_owned())),
    })
}

/// A score as whole ten-thousandths.
fn scaled(score: Score) -> i64 {
    let mut value = score.value();
    value.rescale(SCORE_SCALE);
    // A score is at most 100: its mantissa at four places is at most 1,000,000.
    i64::try_from(value.mantissa()).unwrap_or(i64::MAX)
}

/// The distribution statement of one round: one row per band that has scores (its index,
/// lowest 0), with the count and the sum of the scores in ten-thousandths.
pub(crate) fn distribution(
    round: &RoundId,
    part: ScorePart,
    bounds: &ScoreBandBounds,
) -> Statement {
    let score = match part {
        ScorePart::Written => "r.stat_written",
        ScorePart::Practical => "r.stat_practical",
    };
    let mut params = vec![Value::Text(round.as_str().to_owned())];
    let mut band = String::from("CASE");
    for (i, bound) in bounds.bounds().iter().enumerate() {
        params.push(Value::Int(scaled(*bound)));
        band.push_str(&format!(
            " WHEN s < CAST(${} AS BIGINT) THEN {i}",
            params.len()
        ));
    }
    band.push_str(&format!(" ELSE {} END", bounds.bounds().len()));
    let sql = format!(
        "SELECT CAST({band} AS BIGINT), COUNT(*), CAST(SUM(s) AS BIGINT) \
         FROM (SELECT {score} AS s FROM exam_results r \
               WHERE r.round = $1 AND r.finalised AND {score} IS NOT NULL) scores \
         GROUP BY 1"
    );
    Statement { sql, params }
}

/// The distribution from the rows of [`distribution`]: band, count, sum.
pub(crate) fn distribution_of_rows(
    bounds: &ScoreBandBounds,
    rows: Vec<(i64, i64, i64)>,
) -> StoreResult<ScoreDistribution> {
    let mut counts = vec![0_u64; bounds.bounds().len() + 1];
    let mut sum: i64 = 0;
    for (band, count, band_sum) in rows {
        let slot = usize::try_from(band)
            .ok()
            .and_then(|b| counts.get_mut(b))
            .ok_or_else(|| corrupt(format!("score band {band}")))?;
        *slot = u64::try_from(count).map_err(|_| corrupt(format!("count {count}")))?;
        sum = sum
            .checked_add(band_sum)
            .ok_or_else(|| corrupt("a sum of scores past 64 bits".into()))?;
    }
    distribution_of_tallies(bounds, &counts, Decimal::new(sum, SCORE_SCALE))
        .map_err(|e| corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_facts_unpack_to_each_bit_and_refuse_out_of_range() -> StoreResult<()> {
        for packed in 0..32_i64 {
            let f = unpack_facts(packed)?;
            let repacked = i64::from(f.target)
                + 2 * i64::from(f.applied)
                + 4 * i64::from(f.sat)
                + 8 * i64::from(f.passed)
                + 16 * i64::from(f.acquired);
            assert_eq!(repacked, packed);
        }
        let only_passed = unpack_facts(8)?;
        assert!(only_passed.passed && !only_passed.sat && !only_passed.target);
        assert!(matches!(unpack_facts(32), Err(StoreError::Corrupt { .. })));
        assert!(matches!(unpack_facts(-1), Err(StoreError::Corrupt { .. })));
        Ok(())
    }
}
