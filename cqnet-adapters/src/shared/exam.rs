//! What the SQL adapters of the exam rounds share: the exam-number layout from the core and
//! the statements.

use cqnet_core::exam::{ExamNumber, ExamNumberPrefix};
use cqnet_store::ConflictKind;
use cqnet_store::StoreError;
use cqnet_store::StoreResult;
use cqnet_store::exam::RoundId;

/// The prefix every exam number of a round shares, from the core
/// ([`ExamNumberPrefix::of_plan_id`]).
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
pub(crate) fn number_prefix(round: &RoundId) -> StoreResult<ExamNumberPrefix> {
    ExamNumberPrefix::of_plan_id(round.as_str()).map_err(|e| StoreError::Corrupt {
        what: "round identifier",
        detail: e.to_string(),
    })
}

/// The exam number of the `sequence`-th application of a round, composed by the core.
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
pub(crate) fn number_of(round: &RoundId, sequence: i64) -> StoreResult<ExamNumber> {
    let exhausted = || {
        StoreError::conflict(
            ConflictKind::NumbersExhausted,
            format!("round {round} has no exam number left (sequence {sequence})"),
        )
    };
    let sequence = u32::try_from(sequence).map_err(|_| exhausted())?;
    number_prefix(round)?
        .number(sequence)
        .map_err(|_| exhausted())
}

/// The statements of the SQL adapters for the exam rounds (`$1, $2, …` placeholders).
#[cfg(any(feature = "sqlite", feature = "postgres"))]
#[allow(dead_code)]
pub(crate) mod stmt {
    pub const ROUND_INSERT: &str =
        "INSERT INTO exam_rounds (id, version, body) VALUES ($1, $2, $3)";
    pub const ROUND_GET: &str = "SELECT version, body FROM exam_rounds WHERE id = $1";
    pub const ROUND_ALL: &str = "SELECT version, body FROM exam_rounds ORDER BY id";
    pub const VENUE_INSERT: &str = "INSERT INTO exam_venues (round, code, position, capacity, booked) VALUES ($1, $2, $3, $4, 0)";
    pub const COUNTER_INSERT: &str = "INSERT INTO exam_counters (round, last) VALUES ($1, 0)";
    pub const VENUE_SEATS: &str =
        "SELECT code, capacity, booked FROM exam_venues WHERE round = $1 ORDER BY position";
    pub const VENUE_GET: &str =
        "SELECT capacity, booked FROM exam_venues WHERE round = $1 AND code = $2";
    pub const SEAT_TAKE: &str = "UPDATE exam_venues SET booked = booked + 1 WHERE round = $1 AND code = $2 AND booked < capacity RETURNING capacity";
    pub const SEAT_FREE: &str =
        "UPDATE exam_venues SET booked = booked - 1 WHERE round = $1 AND code = $2 AND booked > 0";
    pub const NUMBER_NEXT: &str =
        "UPDATE exam_counters SET last = last + 1 WHERE round = $1 RETURNING last";
    pub const APP_INSERT: &str = "INSERT INTO exam_applications (id, round, venue, candidate, number, active, version, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    pub const APP_GET: &str = "SELECT version, body FROM exam_applications WHERE id = $1";
    pub const APP_LOCK: &str =
        "SELECT version, body FROM exam_applications WHERE id = $1 FOR NO KEY UPDATE";
    pub const APP_UPDATE: &str =
        "UPDATE exam_applications SET active = $1, version = $2, body = $3 WHERE id = $4";
    pub const APP_ACTIVE: &str =
        "SELECT COUNT(*) FROM exam_applications WHERE round = $1 AND candidate = $2 AND active";
    pub const APP_BY_ROUND: &str =
        "SELECT version, body FROM exam_applications WHERE round = $1 ORDER BY number";
    pub const APP_BY_CANDIDATE: &str =
        "SELECT version, body FROM exam_applications WHERE candidate = $1 ORDER BY round, number";
    pub const RESULT_GET: &str = "SELECT version, body FROM exam_results WHERE application = $1";
    pub const RESULT_LOCK: &str =
        "SELECT version, body FROM exam_results WHERE application = $1 FOR NO KEY UPDATE";
    pub const RESULT_INSERT: &str = "INSERT INTO exam_results (application, round, number, finalised, version, body) VALUES ($1, $2, $3, $4, $5, $6)";
    pub const RESULT_UPDATE: &str =
        "UPDATE exam_results SET finalised = $1, version = $2, body = $3 WHERE application = $4";
    pub const RESULT_BY_ROUND: &str =
        "SELECT version, body FROM exam_results WHERE round = $1 ORDER BY number";
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use cqnet_core::exam::{ExamNumber, ExamNumberPrefix, ExamPlan};
    use cqnet_store::exam::RoundId;

    #[test]
    fn numbers_match_the_core_form() {
        let plan = ExamPlan::example();
        for seq in [1, 42, 999_999] {
            assert_eq!(
                super::number_of(&RoundId::of(&plan), seq).unwrap(),
                ExamNumber::compose(&plan, seq as u32).unwrap()
            );
        }
        assert!(super::number_of(&RoundId::of(&plan), 0).is_err());
        assert!(super::number_of(&RoundId::of(&plan), 1_000_000).is_err());
        assert_eq!(
            super::number_prefix(&RoundId::of(&plan)).unwrap(),
            ExamNumberPrefix::of(&plan)
        );
    }
}
