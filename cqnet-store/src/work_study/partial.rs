//! The partial completion certificate (일부 이수 증명, 시행규칙 제8조, 별지 제3호서식) a learner
//! who left early asks of the employer: the training done until the contract ended, as the
//! termination's statement keeps it, and the competency units (능력단위) whose latest internal
//! evaluation passed.

use chrono::{DateTime, NaiveDate, Utc};
use cqnet_core::UnitCode;
use serde::{Deserialize, Serialize};

use super::{LearningContract, ProgrammeId, TrainingStatement};
use crate::Actor;

/// The learner's request for the partial certificate: the day they asked.
///
/// # Example
/// ```
/// use cqnet_store::work_study::PartialCertificateRequest;
/// let r = PartialCertificateRequest { requested_on: "2026-09-03".parse()? };
/// assert_eq!(r.requested_on.to_string(), "2026-09-03");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialCertificateRequest {
    /// The day the learner asked for it.
    pub requested_on: NaiveDate,
}

/// The partial completion certificate as issued: the request, the day of issue, the training
/// done (the termination's statement), the programme its evaluations belong to and the units
/// whose latest internal evaluation passed, who issued it and when.
///
/// # Example
/// ```
/// use cqnet_store::work_study::PartialCertificate;
/// fn units(p: &PartialCertificate) -> usize { p.units_passed.len() }
/// let _ = units;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialCertificate {
    /// The learner's request.
    pub request: PartialCertificateRequest,
    /// The day of issue.
    pub issued_on: NaiveDate,
    /// The training done until the contract ended.
    pub statement: TrainingStatement,
    /// The programme its internal evaluations belong to, if any was held.
    pub programme: Option<ProgrammeId>,
    /// The units whose latest internal evaluation passed, in the order first evaluated.
    pub units_passed: Vec<UnitCode>,
    /// Who issued it.
    pub by: Actor,
    /// When, by the host's clock.
    pub at: DateTime<Utc>,
}

impl LearningContract {
    /// The units whose latest internal evaluation (the last held, the last recorded among those
    /// of one day) passed, in the order each was first evaluated.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::access::PartyId;
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{ContractId, ContractTerms, LearningContract, NewContract};
    /// # let new = NewContract { contract: ContractId::from_u128(1), learner: PartyId::new("learner-1")?, born_on: "2004-05-06".parse()?, learner_name: None, company: InstitutionId::from_u128(200), terms: ContractTerms::example() };
    /// # let rules = cqnet_core::rules::RulePack::embedded().rules_at("2026-09-01".parse()?)?;
    /// let c = LearningContract::concluded(&new, "2026-02-27".parse()?, &new.decision(&rules)?);
    /// assert!(c.units_passed().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn units_passed(&self) -> Vec<UnitCode> {
        let mut order: Vec<&UnitCode> = Vec::new();
        for e in &self.evaluations {
            if !order.contains(&&e.entry.unit) {
                order.push(&e.entry.unit);
            }
        }
        order
            .into_iter()
            .filter(|unit| {
                self.evaluations
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| &e.entry.unit == *unit)
                    .max_by_key(|(n, e)| (e.entry.evaluated_on, *n))
                    .is_some_and(|(_, e)| e.passed)
            })
            .cloned()
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use cqnet_core::access::PartyId;
    use cqnet_core::{RulesUsed, Score, UnitCode};

    use crate::training::InstitutionId;
    use crate::work_study::{
        ContractId, ContractTerms, InternalEvaluation, InternalEvaluationEntry, LearningContract,
        NewContract, ProgrammeId,
    };
    use crate::{Actor, Role};

    #[test]
    fn the_latest_evaluation_of_a_unit_decides_whether_it_passed() {
        let rules = cqnet_core::rules::RulePack::embedded()
            .rules_at("2026-09-01".parse().unwrap())
            .unwrap();
        let new = NewContract {
            contract: ContractId::from_u128(1),
            learner: PartyId::new("learner-1").unwrap(),
            born_on: "2004-05-06".parse().unwrap(),
            learner_name: None,
            company: InstitutionId::from_u128(200),
            terms: ContractTerms::example(),
        };
        let mut c = LearningContract::concluded(
            &new,
            "2026-02-27".parse().unwrap(),
            &new.decision(&rules).unwrap(),
        );
        let unit = |n: u32| UnitCode::new(&format!("020103010{n}_16v1")).unwrap();
        let agency = Actor::new("hrdk.admin", Role::Agency).unwrap();
        let held = |u: u32, on: &str, passed: bool| InternalEvaluation {
            entry: InternalEvaluationEntry {
                programme: ProgrammeId::from_u128(1),
                unit: unit(u),
                score: Score::whole(if passed { 90 } else { 10 }).unwrap(),
                evaluated_on: on.parse().unwrap(),
            },
            passed,
            rules: RulesUsed::from(&rules),
            by: agency.clone(),
            at: "2026-05-01T01:00:00Z".parse().unwrap(),
        };
        // Unit 1 failed then passed; unit 2 passed then failed; unit 3, recorded later but held
        // earlier, failed after a pass held on a later day; unit 4 twice on one day.
        c.evaluations = vec![
            held(1, "2026-04-01", false),
            held(2, "2026-04-01", true),
            held(1, "2026-04-08", true),
            held(2, "2026-04-08", false),
            held(3, "2026-04-20", true),
            held(3, "2026-04-10", false),
            held(4, "2026-04-20", false),
            held(4, "2026-04-20", true),
        ];
        assert_eq!(c.units_passed(), vec![unit(1), unit(3), unit(4)]);
    }
}
