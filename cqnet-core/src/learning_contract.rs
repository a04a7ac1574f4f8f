//! Concluding and changing a learning-work contract (학습근로계약): the contract is in writing
//! and its content is given to the learner (산업현장 일학습병행 지원에 관한 법률 제21조제3항),
//! it runs at most `work_study.contract_max_months` unless the course leads to a degree
//! (제21조제1항, [`check_contract_term`]), and shortening or extending it needs the learner's
//! consent and the agency's approval (제21조제4항, 시행규칙 제7조).
//!
//! The extension the employer owes after a failed external evaluation is
//! [`extension::decide`](crate::extension::decide); a termination is
//! [`termination::decide`](crate::termination::decide).
//!
//! # Example
//! ```
//! use cqnet_core::learning_contract::{decide, ContractFacts};
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::ReasonCode;
//! let rules = RulePack::embedded().rules_at("2026-03-02".parse()?)?;
//! let facts = ContractFacts {
//!     starts_on: "2026-03-02".parse()?,
//!     ends_on: "2028-03-02".parse()?,
//!     degree_course: false,
//!     in_writing: true,
//!     given_to_learner_on: Some("2026-02-27".parse()?),
//! };
//! assert!(decide(&facts, &rules)?.valid);
//! let spoken = ContractFacts { in_writing: false, given_to_learner_on: None, ..facts };
//! let codes: Vec<_> = decide(&spoken, &rules)?.reasons.iter().map(|r| r.code).collect();
//! assert_eq!(codes, [ReasonCode::ContractNotInWriting, ReasonCode::ContractNotGiven]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub use crate::extension::check_contract_term;
use crate::rules::Rules;
use crate::{InputError, Quantity, Reason, ReasonCode, RulesUsed};

/// The facts of a contract as concluded: its term (the end exclusive), whether its course
/// leads to a degree, whether it is in writing and the day its content was given to the
/// learner.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractFacts {
    /// The first day of the contract.
    pub starts_on: NaiveDate,
    /// The day after its last day.
    pub ends_on: NaiveDate,
    /// The course leads to a degree (학위과정).
    pub degree_course: bool,
    /// The contract is in writing (서면).
    pub in_writing: bool,
    /// The day its content was given to the learner (교부), if it was.
    #[serde(deserialize_with = "Option::deserialize")]
    pub given_to_learner_on: Option<NaiveDate>,
}

/// Whether a contract, or a change of its term, stands.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ContractDecision {
    /// Every check holds.
    pub valid: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Decides whether a contract may be concluded as it is.
///
/// # Errors
/// [`InputError::Inconsistent`] for a contract that does not end after it starts, or content
/// given to the learner after the contract ended.
///
/// # Example
/// See [the module](self).
pub fn decide(facts: &ContractFacts, rules: &Rules) -> Result<ContractDecision, InputError> {
    let mut reasons = Vec::new();
    if let Some(too_long) =
        check_contract_term(facts.starts_on, facts.ends_on, facts.degree_course, rules)?
    {
        reasons.push(too_long);
    }
    let written = &rules.learning_contract.written_contract_required;
    if let Some(given) = facts.given_to_learner_on
        && given >= facts.ends_on
    {
        return Err(InputError::Inconsistent(format!(
            "a contract ending on {} given to the learner on {given}",
            facts.ends_on
        )));
    }
    if written.value {
        if !facts.in_writing {
            reasons.push(
                Reason::new(ReasonCode::ContractNotInWriting, written.basis.clone())
                    .measured(Quantity::Flag(false))
                    .required(Quantity::Flag(true)),
            );
        }
        if facts.given_to_learner_on.is_none() {
            reasons.push(
                Reason::new(ReasonCode::ContractNotGiven, written.basis.clone())
                    .measured(Quantity::Flag(false))
                    .required(Quantity::Flag(true)),
            );
        }
    }
    Ok(ContractDecision {
        valid: reasons.is_empty(),
        reasons,
        rules: RulesUsed::from(rules),
    })
}

/// A change of a contract's term (기간 단축·연장, 법 제21조제4항): the contract's start, its
/// current end, the new end, the months of extensions owed after failed external evaluations
/// that its end already holds (which do not count against the longest term), whether the
/// course leads to a degree, the learner's consent and the agency's approval.
///
/// # Example
/// See [`decide_term_change`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermChange {
    /// The first day of the contract.
    pub starts_on: NaiveDate,
    /// The day after its last day now.
    pub current_end: NaiveDate,
    /// The day after its last day once changed.
    pub new_end: NaiveDate,
    /// Months of owed extensions (법 제22조제3항) the current end holds.
    pub owed_extension_months: u32,
    /// The course leads to a degree.
    pub degree_course: bool,
    /// The learner consented (학습근로자의 동의).
    pub learner_consented: bool,
    /// The agency approved (승인).
    pub agency_approved: bool,
}

/// Decides whether a contract's term may be changed.
///
/// # Errors
/// [`InputError::Inconsistent`] for a new end equal to the current one, or one not after the
/// start; [`InputError::OutOfRange`] for owed extensions the new end cannot hold.
///
/// # Example
/// ```
/// use cqnet_core::learning_contract::{decide_term_change, TermChange};
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::ReasonCode;
/// let rules = RulePack::embedded().rules_at("2026-09-01".parse()?)?;
/// let change = TermChange {
///     starts_on: "2026-03-02".parse()?,
///     current_end: "2027-03-02".parse()?,
///     new_end: "2028-09-02".parse()?,
///     owed_extension_months: 0,
///     degree_course: false,
///     learner_consented: true,
///     agency_approved: false,
/// };
/// let codes: Vec<_> = decide_term_change(&change, &rules)?.reasons.iter().map(|r| r.code).collect();
/// assert_eq!(codes, [ReasonCode::ContractTooLong, ReasonCode::TermChangeNotApproved]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide_term_change(
    change: &TermChange,
    rules: &Rules,
) -> Result<ContractDecision, InputError> {
    if change.new_end == change.current_end {
        return Err(InputError::Inconsistent(format!(
            "a change of term to the end it has already ({})",
            change.new_end
        )));
    }
    // The longest term is measured without the extensions the employer owes.
    let own_end = change
        .new_end
        .checked_sub_months(Months::new(change.owed_extension_months))
        .ok_or_else(|| {
            InputError::out_of_range(
                "owed extension months",
                0,
                change.owed_extension_months,
                change.new_end,
            )
        })?;
    let mut reasons = Vec::new();
    if own_end > change.starts_on {
        if let Some(too_long) =
            check_contract_term(change.starts_on, own_end, change.degree_course, rules)?
        {
            reasons.push(too_long);
        }
    } else if change.new_end <= change.starts_on {
        return Err(InputError::Inconsistent(format!(
            "a contract starting on {} cannot end on {}",
            change.starts_on, change.new_end
        )));
    }
    let approval = &rules.learning_contract.term_change_approval_required;
    if approval.value {
        if !change.learner_consented {
            reasons.push(
                Reason::new(ReasonCode::TermChangeWithoutConsent, approval.basis.clone())
                    .measured(Quantity::Flag(false))
                    .required(Quantity::Flag(true)),
            );
        }
        if !change.agency_approved {
            reasons.push(
                Reason::new(ReasonCode::TermChangeNotApproved, approval.basis.clone())
                    .measured(Quantity::Flag(false))
                    .required(Quantity::Flag(true)),
            );
        }
    }
    Ok(ContractDecision {
        valid: reasons.is_empty(),
        reasons,
        rules: RulesUsed::from(rules),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::RulePack;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn owed_extensions_do_not_count_against_the_longest_term() {
        let rules = RulePack::embedded().rules_at(d("2028-01-01")).unwrap();
        let max = rules.work_study.contract_max_months.value;
        let start = d("2026-03-02");
        let longest = start.checked_add_months(Months::new(max)).unwrap();
        let extended = longest.checked_add_months(Months::new(6)).unwrap();
        let change = |owed, new_end| TermChange {
            starts_on: start,
            current_end: extended,
            new_end,
            owed_extension_months: owed,
            degree_course: false,
            learner_consented: true,
            agency_approved: true,
        };
        let one_more = extended.succ_opt().unwrap();
        assert!(
            decide_term_change(
                &change(6, longest.checked_add_months(Months::new(5)).unwrap()),
                &rules
            )
            .unwrap()
            .valid
        );
        let d = decide_term_change(&change(6, one_more), &rules).unwrap();
        assert_eq!(d.reasons[0].code, ReasonCode::ContractTooLong);
        assert!(decide_term_change(&change(0, extended), &rules).is_err());
    }

    #[test]
    fn a_contract_given_after_it_ended_describes_nothing_real() {
        let rules = RulePack::embedded().rules_at(d("2026-03-02")).unwrap();
        let facts = ContractFacts {
            starts_on: d("2026-03-02"),
            ends_on: d("2026-09-02"),
            degree_course: false,
            in_writing: true,
            given_to_learner_on: Some(d("2026-09-02")),
        };
        assert!(decide(&facts, &rules).is_err());
        let degree = ContractFacts {
            ends_on: d("2030-03-02"),
            degree_course: true,
            given_to_learner_on: Some(d("2026-03-02")),
            ..facts
        };
        assert!(decide(&degree, &rules).unwrap().valid);
    }
}
