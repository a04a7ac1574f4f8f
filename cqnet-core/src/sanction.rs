//! Administrative measures (행정처분) against a designated course (지정교육·훈련과정, 국가기술자격법
//! 제24조의5) or a learning company (학습기업, 산업현장 일학습병행 지원에 관한 법률 제14조제1항):
//! whether a proposed corrective order (시정명령), cancellation (지정취소) or suspension
//! (지정의 효력 정지) is lawful, and whether the hearing (청문) it needs was held.
//!
//! Which grounds each subject has, which of them make cancellation mandatory, how long a
//! suspension may last (a course has none) and which measures need a hearing are rule-pack
//! values (`sanction.course`, `sanction.learning_company`).
//!
//! # Example
//! ```
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::sanction::{decide, Ground, Measure, Proposal, SanctionCase, Target};
//! use cqnet_core::ReasonCode;
//!
//! let rules = RulePack::embedded().newest();
//! let case = SanctionCase::new(
//!     Target::Course,
//!     vec![Ground::FraudulentCompletion],
//!     Proposal::new(Measure::CorrectiveOrder, None)?,
//!     true,
//! )?;
//! let decision = decide(&case, &rules)?;
//! assert!(decision.mandatory_cancellation);
//! assert!(!decision.lawful);
//! assert_eq!(decision.reasons[0].code, ReasonCode::CancellationMandatory);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::{Rule, Rules};
use crate::{InputError, Quantity, Reason, ReasonCode, RulesUsed};

/// Who the measure is against.
///
/// # Example
/// ```
/// use cqnet_core::sanction::Target;
/// let t: Target = serde_json::from_str("\"learning_company\"").unwrap();
/// assert_eq!(t, Target::LearningCompany);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A designated 과정평가형 course (지정교육·훈련과정).
    Course,
    /// A designated learning company (학습기업) of the work-study system.
    LearningCompany,
}

/// A ground for a measure (처분 사유).
///
/// # Example
/// ```
/// use cqnet_core::sanction::Ground;
/// let g: Ground = serde_json::from_str("\"run_differently\"").unwrap();
/// assert_eq!(g.to_string(), "run_differently");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// 거짓이나 그 밖의 부정한 방법으로 지정을 받은 경우.
    FraudulentDesignation,
    /// 지정기준(요건)에 적합하지 아니하게 된 경우.
    CriteriaNotMet,
    /// 지정받은 내용과 다르게 교육·훈련과정을 운영한 경우 (course only).
    RunDifferently,
    /// 교육·훈련생의 이수 처리를 거짓이나 부정한 방법으로 한 경우 (course only).
    FraudulentCompletion,
    /// 임금체불·산업재해 등 고용노동부장관이 고시하는 경우 (learning company only).
    WageArrearsOrAccident,
}

impl fmt::Display for Ground {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Ground::FraudulentDesignation => "fraudulent_designation",
            Ground::CriteriaNotMet => "criteria_not_met",
            Ground::RunDifferently => "run_differently",
            Ground::FraudulentCompletion => "fraudulent_completion",
            Ground::WageArrearsOrAccident => "wage_arrears_or_accident",
        })
    }
}

/// A measure (처분).
///
/// # Example
/// ```
/// use cqnet_core::sanction::Measure;
/// let m: Measure = serde_json::from_str("\"corrective_order\"").unwrap();
/// assert_eq!(m, Measure::CorrectiveOrder);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 시정명령.
    CorrectiveOrder,
    /// 지정취소.
    Cancellation,
    /// 지정의 효력 정지, for a number of months.
    Suspension,
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Measure::CorrectiveOrder => "corrective_order",
            Measure::Cancellation => "cancellation",
            Measure::Suspension => "suspension",
        })
    }
}

/// The measures a law allows against one kind of subject (`sanction.course`,
/// `sanction.learning_company` in the rule pack).
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::sanction::{Ground, Measure};
/// let rules = RulePack::embedded().newest();
/// let course = &rules.sanction.course.value;
/// assert!(course.mandatory_cancellation.contains(&Ground::FraudulentCompletion));
/// assert_eq!(course.max_suspension_months, None);
/// assert_eq!(rules.sanction.learning_company.value.max_suspension_months, Some(24));
/// assert!(course.hearing_before.contains(&Measure::Cancellation));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SanctionRule {
    /// The grounds the law lists for this subject.
    pub grounds: BTreeSet<Ground>,
    /// The grounds on which the subject must be cancelled (취소하여야 한다).
    pub mandatory_cancellation: BTreeSet<Ground>,
    /// The longest suspension in months; `None` where the law provides no suspension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_suspension_months: Option<u32>,
    /// The measures that need a hearing (청문) first.
    pub hearing_before: BTreeSet<Measure>,
}

impl SanctionRule {
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.grounds.is_empty() {
            return Err("lists no ground".into());
        }
        if let Some(g) = self.mandatory_cancellation.difference(&self.grounds).next() {
            return Err(format!("mandatory ground {g} is not one of its grounds"));
        }
        if self.max_suspension_months == Some(0) {
            return Err("a longest suspension of 0 months: leave it out instead".into());
        }
        Ok(())
    }
}

fn join<T: fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

impl fmt::Display for SanctionRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "grounds: {}; cancellation mandatory for: {}; suspension: {}; hearing before: {}",
            join(&self.grounds),
            join(&self.mandatory_cancellation),
            self.max_suspension_months
                .map_or("none".to_owned(), |m| format!("up to {m} months")),
            join(&self.hearing_before),
        )
    }
}

/// A proposed measure: suspension needs its months, the other measures take none.
///
/// # Errors
/// [`InputError::Inconsistent`] for a suspension without months or another measure with them;
/// [`InputError::NotPositive`] for a suspension of 0 months.
///
/// # Example
/// ```
/// use cqnet_core::sanction::{Measure, Proposal};
/// assert!(Proposal::new(Measure::Suspension, Some(6)).is_ok());
/// assert!(Proposal::new(Measure::Suspension, None).is_err());
/// assert!(Proposal::new(Measure::Cancellation, Some(6)).is_err());
/// assert!(Proposal::new(Measure::Suspension, Some(0)).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Proposal {
    measure: Measure,
    months: Option<u32>,
}

impl Proposal {
    /// A checked proposal.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] for a suspension without months or another measure with them;
    /// [`InputError::NotPositive`] for a suspension of 0 months.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::sanction::{Measure, Proposal};
    /// let p = Proposal::new(Measure::Suspension, Some(3))?;
    /// assert_eq!((p.measure(), p.months()), (Measure::Suspension, Some(3)));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(measure: Measure, months: Option<u32>) -> Result<Self, InputError> {
        match (measure, months) {
            (Measure::Suspension, None) => Err(InputError::Inconsistent(
                "a suspension needs its length in months".into(),
            )),
            (Measure::Suspension, Some(0)) => Err(InputError::NotPositive {
                what: "months of a suspension",
            }),
            (Measure::CorrectiveOrder | Measure::Cancellation, Some(_)) => {
                Err(InputError::Inconsistent(format!(
                    "months are given only for a suspension, not for {measure}"
                )))
            }
            _ => Ok(Proposal { measure, months }),
        }
    }

    /// The measure.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::sanction::{Measure, Proposal};
    /// assert_eq!(Proposal::new(Measure::Cancellation, None)?.measure(), Measure::Cancellation);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn measure(self) -> Measure {
        self.measure
    }

    /// The months of a suspension.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::sanction::{Measure, Proposal};
    /// assert_eq!(Proposal::new(Measure::CorrectiveOrder, None)?.months(), None);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn months(self) -> Option<u32> {
        self.months
    }
}

/// A proposed measure against one subject, on its grounds.
///
/// # Errors
/// [`InputError::Empty`] without a ground; [`InputError::Duplicate`] for a ground given twice.
///
/// # Example
/// ```
/// use cqnet_core::sanction::{Ground, Measure, Proposal, SanctionCase, Target};
/// let order = Proposal::new(Measure::CorrectiveOrder, None)?;
/// let twice = vec![Ground::CriteriaNotMet, Ground::CriteriaNotMet];
/// assert!(SanctionCase::new(Target::Course, twice, order, false).is_err());
/// assert!(SanctionCase::new(Target::Course, vec![], order, false).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SanctionCase {
    target: Target,
    grounds: Vec<Ground>,
    proposal: Proposal,
    hearing_held: bool,
}

impl SanctionCase {
    /// A checked case.
    ///
    /// # Errors
    /// [`InputError::Empty`] without a ground; [`InputError::Duplicate`] for a ground given twice.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::sanction::{Ground, Measure, Proposal, SanctionCase, Target};
    /// let order = Proposal::new(Measure::CorrectiveOrder, None)?;
    /// assert!(SanctionCase::new(Target::Course, vec![Ground::RunDifferently], order, false).is_ok());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        target: Target,
        grounds: Vec<Ground>,
        proposal: Proposal,
        hearing_held: bool,
    ) -> Result<Self, InputError> {
        if grounds.is_empty() {
            return Err(InputError::Empty {
                what: "grounds of a measure",
            });
        }
        let mut seen = BTreeSet::new();
        if let Some(dup) = grounds.iter().find(|g| !seen.insert(**g)) {
            return Err(InputError::Duplicate {
                what: "ground",
                key: dup.to_string(),
            });
        }
        Ok(SanctionCase {
            target,
            grounds,
            proposal,
            hearing_held,
        })
    }
}

/// Whether the proposed measure is lawful.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::sanction::{decide, Ground, Measure, Proposal, SanctionCase, Target};
/// let order = Proposal::new(Measure::CorrectiveOrder, None)?;
/// let case = SanctionCase::new(Target::Course, vec![Ground::RunDifferently], order, false)?;
/// let d = decide(&case, &RulePack::embedded().newest())?;
/// assert!(d.lawful && !d.mandatory_cancellation && d.reasons.is_empty());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SanctionDecision {
    /// A ground makes cancellation mandatory (취소하여야 한다).
    pub mandatory_cancellation: bool,
    /// The measure may be taken as proposed.
    pub lawful: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Decides whether a proposed measure is lawful.
///
/// # Errors
/// [`InputError::Unknown`] for a ground the law does not list for the subject (a course cannot
/// be sanctioned for wage arrears, nor a learning company for running a course differently).
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::sanction::{decide, Ground, Measure, Proposal, SanctionCase, Target};
/// use cqnet_core::ReasonCode;
/// let rules = RulePack::embedded().newest();
/// let suspend = Proposal::new(Measure::Suspension, Some(25))?;
/// let case = SanctionCase::new(Target::LearningCompany, vec![Ground::CriteriaNotMet], suspend, false)?;
/// let d = decide(&case, &rules)?;
/// assert_eq!(d.reasons[0].code, ReasonCode::SuspensionTooLong);
/// let wrong = SanctionCase::new(Target::Course, vec![Ground::WageArrearsOrAccident], suspend, false)?;
/// assert!(decide(&wrong, &rules).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(case: &SanctionCase, rules: &Rules) -> Result<SanctionDecision, InputError> {
    let rule: &Rule<SanctionRule> = match case.target {
        Target::Course => &rules.sanction.course,
        Target::LearningCompany => &rules.sanction.learning_company,
    };
    if let Some(foreign) = case
        .grounds
        .iter()
        .find(|g| !rule.value.grounds.contains(g))
    {
        return Err(InputError::Unknown {
            what: "ground for this subject",
            value: foreign.to_string(),
            expected: match case.target {
                Target::Course => "the grounds of 국가기술자격법 제24조의5제1항",
                Target::LearningCompany => "the grounds of 일학습병행법 제14조제1항",
            },
        });
    }
    let measure = case.proposal.measure;
    let mut reasons = Vec::new();
    let mandatory = case
        .grounds
        .iter()
        .any(|g| rule.value.mandatory_cancellation.contains(g));
    if mandatory && measure != Measure::Cancellation {
        reasons.push(Reason::new(
            ReasonCode::CancellationMandatory,
            rule.basis.clone(),
        ));
    }
    if let (Measure::Suspension, Some(months)) = (measure, case.proposal.months) {
        match rule.value.max_suspension_months {
            None => reasons.push(
                Reason::new(ReasonCode::SuspensionNotAvailable, rule.basis.clone())
                    .measured(Quantity::Months(months)),
            ),
            Some(max) if months > max => reasons.push(
                Reason::new(ReasonCode::SuspensionTooLong, rule.basis.clone())
                    .measured(Quantity::Months(months))
                    .required(Quantity::Months(max)),
            ),
            Some(_) => {}
        }
    }
    if rule.value.hearing_before.contains(&measure) && !case.hearing_held {
        reasons.push(
            Reason::new(ReasonCode::HearingRequired, rule.basis.clone())
                .measured(Quantity::Flag(false))
                .required(Quantity::Flag(true)),
        );
    }
    Ok(SanctionDecision {
        mandatory_cancellation: mandatory,
        lawful: reasons.is_empty(),
        reasons,
        rules: RulesUsed::from(rules),
    })
}
