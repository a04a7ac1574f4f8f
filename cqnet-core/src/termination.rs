//! Terminating a learning contract (학습근로계약 해지): the employer may terminate only for a just
//! cause (정당한 사유), and must notify the learner in writing with the reason and the date
//! (산업현장 일학습병행 지원에 관한 법률 제23조, 시행령 제11조).
//!
//! The just causes are a rule-pack value (`learning_contract.just_causes`), and so is the
//! written-notice requirement (`learning_contract.written_notice_required`).
//!
//! # Example
//! ```
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::termination::{decide, Termination, TerminationGround};
//! use cqnet_core::ReasonCode;
//!
//! let rules = RulePack::embedded().newest();
//! let gave_up = Termination { ground: TerminationGround::LearnerGaveUp, written_notice: true, states_reason_and_date: true };
//! assert!(decide(&gave_up, &rules).valid);
//! let business = Termination { ground: TerminationGround::BusinessReasons, ..gave_up };
//! assert_eq!(decide(&business, &rules).reasons[0].code, ReasonCode::NoJustCause);
//! ```

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::Rules;
use crate::{Quantity, Reason, ReasonCode, RulesUsed};

/// Why the employer terminates the contract.
///
/// # Example
/// ```
/// use cqnet_core::termination::TerminationGround;
/// let g: TerminationGround = serde_json::from_str("\"serious_fault\"").unwrap();
/// assert_eq!(g.to_string(), "serious_fault");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerminationGround {
    /// 학습근로자가 훈련을 계속 게을리하여 훈련을 계속하기가 현저히 곤란한 경우.
    NeglectOfTraining,
    /// 신체적·정신적 장애로 훈련을 계속하기가 현저히 곤란한 경우.
    Disability,
    /// 학습근로자가 스스로 훈련을 포기한 경우.
    LearnerGaveUp,
    /// 사회통념상 학습근로자에게 중대한 귀책사유가 있는 경우.
    SeriousFault,
    /// The employer's business reasons (경영상 이유).
    BusinessReasons,
    /// Any other ground.
    Other,
}

impl fmt::Display for TerminationGround {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TerminationGround::NeglectOfTraining => "neglect_of_training",
            TerminationGround::Disability => "disability",
            TerminationGround::LearnerGaveUp => "learner_gave_up",
            TerminationGround::SeriousFault => "serious_fault",
            TerminationGround::BusinessReasons => "business_reasons",
            TerminationGround::Other => "other",
        })
    }
}

/// The just causes of termination (`learning_contract.just_causes`).
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::termination::TerminationGround;
/// let causes = RulePack::embedded().newest().learning_contract.just_causes.value;
/// assert!(causes.contains(TerminationGround::Disability));
/// assert!(!causes.contains(TerminationGround::BusinessReasons));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JustCauses(BTreeSet<TerminationGround>);

impl JustCauses {
    /// Whether `ground` is a just cause.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::termination::TerminationGround;
    /// let causes = RulePack::embedded().newest().learning_contract.just_causes.value;
    /// assert!(causes.contains(TerminationGround::LearnerGaveUp));
    /// ```
    pub fn contains(&self, ground: TerminationGround) -> bool {
        self.0.contains(&ground)
    }

    pub(crate) fn check(&self) -> Result<(), String> {
        if self.0.is_empty() {
            return Err("lists no just cause".into());
        }
        if self.contains(TerminationGround::Other) {
            return Err("lists other, which names no cause".into());
        }
        Ok(())
    }
}

impl fmt::Display for JustCauses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.0.iter().map(|g| g.to_string()).collect();
        f.write_str(&names.join(", "))
    }
}

/// A termination as the employer gave it.
///
/// # Example
/// ```
/// use cqnet_core::termination::{Termination, TerminationGround};
/// let t: Termination = serde_json::from_value(serde_json::json!({
///     "ground": "disability", "written_notice": true, "states_reason_and_date": true
/// })).unwrap();
/// assert_eq!(t.ground, TerminationGround::Disability);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Termination {
    /// The ground given.
    pub ground: TerminationGround,
    /// The learner was notified in writing (서면 통지).
    pub written_notice: bool,
    /// The notice states the reason and the date of the termination (해지 사유와 시기).
    pub states_reason_and_date: bool,
}

/// Whether the termination is valid.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::termination::{decide, Termination, TerminationGround};
/// let t = Termination { ground: TerminationGround::NeglectOfTraining, written_notice: true, states_reason_and_date: true };
/// let d = decide(&t, &RulePack::embedded().newest());
/// assert!(d.valid && d.reasons.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TerminationDecision {
    /// The termination stands.
    pub valid: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Decides whether a termination is valid.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::termination::{decide, Termination, TerminationGround};
/// use cqnet_core::ReasonCode;
/// let spoken = Termination { ground: TerminationGround::SeriousFault, written_notice: false, states_reason_and_date: false };
/// let d = decide(&spoken, &RulePack::embedded().newest());
/// assert_eq!(d.reasons[0].code, ReasonCode::NoticeNotInWriting);
/// ```
pub fn decide(termination: &Termination, rules: &Rules) -> TerminationDecision {
    let lc = &rules.learning_contract;
    let mut reasons = Vec::new();
    if !lc.just_causes.value.contains(termination.ground) {
        reasons.push(Reason::new(
            ReasonCode::NoJustCause,
            lc.just_causes.basis.clone(),
        ));
    }
    let notified = termination.written_notice && termination.states_reason_and_date;
    if lc.written_notice_required.value && !notified {
        reasons.push(
            Reason::new(
                ReasonCode::NoticeNotInWriting,
                lc.written_notice_required.basis.clone(),
            )
            .measured(Quantity::Flag(false))
            .required(Quantity::Flag(true)),
        );
    }
    TerminationDecision {
        valid: reasons.is_empty(),
        reasons,
        rules: RulesUsed::from(rules),
    }
}
