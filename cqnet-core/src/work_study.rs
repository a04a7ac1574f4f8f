//! 일학습병행자격 (work-study dual-system qualification): internal evaluation, completion
//! certificate (이수증명서), eligibility and the external evaluation.
//!
//! A learning worker (학습근로자) passes the internal evaluation (내부평가) when at least 70% of
//! the competency units evaluated pass; with attendance of at least 80% over on-the-job (OJT,
//! 현장훈련) and off-the-job (Off-JT, 현장외훈련) hours together, the employer issues the completion
//! certificate and the learner may sit the external evaluation (외부평가), which passes on 70%
//! of its units (산업현장 일학습병행 지원에 관한 법률 시행령 제14조제4항, 제15조제3항·제6항).
//!
//! # Example
//! ```
//! use cqnet_core::work_study::{decide, LearnerRecord, TrainingHours, UnitResult};
//! use cqnet_core::{rules::RulePack, Hours};
//!
//! let rules = RulePack::embedded().newest();
//! let units = |passed: usize, total: usize| -> Vec<UnitResult> {
//!     (0..total).map(|i| UnitResult::new(None, i < passed)).collect()
//! };
//! let record = LearnerRecord::new(
//!     TrainingHours::new(Hours::whole(600)?, Hours::whole(540)?)?,
//!     TrainingHours::new(Hours::whole(200)?, Hours::whole(180)?)?,
//!     units(8, 10),
//! )?
//! .with_external(units(7, 10))?;
//! let decision = decide(&record, &rules);
//! assert!(decision.completion_certificate);
//! assert_eq!(decision.passed, Some(true));
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::rules::{Rule, Rules};
use crate::tally::Tally;
use crate::{Check, Hours, InputError, Percent, Quantity, Reason, ReasonCode, RulesUsed, UnitCode};

/// Scheduled and attended hours of one kind of training (OJT or Off-JT).
///
/// # Errors
/// [`InputError::Inconsistent`] when `attended` exceeds `scheduled`.
///
/// # Example
/// ```
/// use cqnet_core::work_study::TrainingHours;
/// use cqnet_core::Hours;
/// assert!(TrainingHours::new(Hours::whole(100)?, Hours::whole(101)?).is_err());
/// assert!(TrainingHours::NONE.scheduled.is_zero());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TrainingHoursWire")]
pub struct TrainingHours {
    /// Scheduled hours.
    pub scheduled: Hours,
    /// Attended hours, at most the scheduled hours.
    pub attended: Hours,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrainingHoursWire {
    scheduled: Hours,
    attended: Hours,
}

impl TryFrom<TrainingHoursWire> for TrainingHours {
    type Error = InputError;
    fn try_from(w: TrainingHoursWire) -> Result<Self, Self::Error> {
        TrainingHours::new(w.scheduled, w.attended)
    }
}

impl TrainingHours {
    /// No training of this kind.
    pub const NONE: TrainingHours = TrainingHours {
        scheduled: Hours::ZERO,
        attended: Hours::ZERO,
    };

    /// Checked hours of one kind of training (OJT, 현장훈련, or Off-JT, 현장외훈련): `attended` of
    /// `scheduled`.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when `attended` exceeds `scheduled`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::work_study::TrainingHours;
    /// use cqnet_core::Hours;
    /// let ojt = TrainingHours::new(Hours::whole(600)?, Hours::whole(540)?)?;
    /// assert_eq!(ojt.attended, Hours::whole(540)?);
    /// assert!(TrainingHours::new(Hours::whole(600)?, Hours::whole(601)?).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(scheduled: Hours, attended: Hours) -> Result<Self, InputError> {
        if attended > scheduled {
            return Err(InputError::Inconsistent(format!(
                "attended hours {attended} exceed scheduled hours {scheduled}"
            )));
        }
        Ok(TrainingHours {
            scheduled,
            attended,
        })
    }
}

/// The result of one competency unit in an evaluation: passed or not.
///
/// # Example
/// ```
/// use cqnet_core::work_study::UnitResult;
/// let r = UnitResult::new(None, true);
/// assert!(r.passed);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitResult {
    /// The unit code, if given.
    #[serde(default)]
    pub code: Option<UnitCode>,
    /// Whether the unit passed.
    pub passed: bool,
}

impl UnitResult {
    /// The result of a competency unit (능력단위), with its code if known.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::work_study::UnitResult;
    /// use cqnet_core::UnitCode;
    /// let r = UnitResult::new(Some(UnitCode::example()), false);
    /// assert_eq!(r.code, Some(UnitCode::example()));
    /// assert!(!r.passed);
    /// ```
    pub fn new(code: Option<UnitCode>, passed: bool) -> Self {
        UnitResult { code, passed }
    }
}

/// Everything the rules look at for one learning worker.
///
/// # Errors
/// [`InputError::Empty`] for no internal unit or an empty external list;
/// [`InputError::NotPositive`] when OJT and Off-JT together have no scheduled hours.
///
/// # Example
/// ```
/// use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
/// let none = LearnerRecord::new(TrainingHours::NONE, TrainingHours::NONE, vec![UnitResult::new(None, true)]);
/// assert!(none.is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "LearnerRecordWire")]
pub struct LearnerRecord {
    ojt: TrainingHours,
    off_jt: TrainingHours,
    internal_units: Vec<UnitResult>,
    external_units: Option<Vec<UnitResult>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LearnerRecordWire {
    ojt: TrainingHours,
    #[serde(default = "no_training")]
    off_jt: TrainingHours,
    internal_units: Vec<UnitResult>,
    #[serde(default)]
    external_units: Option<Vec<UnitResult>>,
}

fn no_training() -> TrainingHours {
    TrainingHours::NONE
}

impl TryFrom<LearnerRecordWire> for LearnerRecord {
    type Error = InputError;
    fn try_from(w: LearnerRecordWire) -> Result<Self, Self::Error> {
        let record = LearnerRecord::new(w.ojt, w.off_jt, w.internal_units)?;
        match w.external_units {
            Some(units) => record.with_external(units),
            None => Ok(record),
        }
    }
}

impl LearnerRecord {
    /// A learning worker's record (학습근로자) with no external evaluation yet: OJT and Off-JT hours
    /// and the internal evaluation's (내부평가) unit results.
    ///
    /// # Errors
    /// [`InputError::Empty`] without internal units; [`InputError::NotPositive`] when neither OJT
    /// nor Off-JT has scheduled hours.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
    /// use cqnet_core::Hours;
    /// let ojt = TrainingHours::new(Hours::whole(600)?, Hours::whole(540)?)?;
    /// let record = LearnerRecord::new(ojt, TrainingHours::NONE, vec![UnitResult::new(None, true)])?;
    /// assert!(record.external_units().is_none());
    /// assert!(LearnerRecord::new(ojt, TrainingHours::NONE, vec![]).is_err());
    /// assert!(LearnerRecord::new(TrainingHours::NONE, TrainingHours::NONE, vec![UnitResult::new(None, true)]).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        ojt: TrainingHours,
        off_jt: TrainingHours,
        internal_units: Vec<UnitResult>,
    ) -> Result<Self, InputError> {
        if internal_units.is_empty() {
            return Err(InputError::Empty {
                what: "internal units",
            });
        }
        if ojt.scheduled.is_zero() && off_jt.scheduled.is_zero() {
            return Err(InputError::NotPositive {
                what: "scheduled OJT + Off-JT hours",
            });
        }
        Ok(LearnerRecord {
            ojt,
            off_jt,
            internal_units,
            external_units: None,
        })
    }

    /// The same record with the external evaluation's (외부평가) unit results.
    ///
    /// # Errors
    /// [`InputError::Empty`] when `units` is empty.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
    /// use cqnet_core::Hours;
    /// let ojt = TrainingHours::new(Hours::whole(600)?, Hours::whole(540)?)?;
    /// let record = LearnerRecord::new(ojt, TrainingHours::NONE, vec![UnitResult::new(None, true)])?;
    /// let external = vec![UnitResult::new(None, true), UnitResult::new(None, false)];
    /// assert_eq!(record.clone().with_external(external.clone())?.external_units(), Some(&external[..]));
    /// assert!(record.with_external(vec![]).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_external(mut self, units: Vec<UnitResult>) -> Result<Self, InputError> {
        if units.is_empty() {
            return Err(InputError::Empty {
                what: "external units",
            });
        }
        self.external_units = Some(units);
        Ok(self)
    }

    /// On-the-job training hours (현장훈련).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
    /// # use cqnet_core::Hours;
    /// let ojt = TrainingHours::new(Hours::whole(10)?, Hours::whole(9)?)?;
    /// let r = LearnerRecord::new(ojt, TrainingHours::NONE, vec![UnitResult::new(None, true)])?;
    /// assert_eq!(r.ojt(), ojt);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn ojt(&self) -> TrainingHours {
        self.ojt
    }

    /// Off-the-job training hours (현장외훈련).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
    /// # use cqnet_core::Hours;
    /// let ojt = TrainingHours::new(Hours::whole(10)?, Hours::whole(9)?)?;
    /// let r = LearnerRecord::new(ojt, TrainingHours::NONE, vec![UnitResult::new(None, true)])?;
    /// assert_eq!(r.off_jt(), TrainingHours::NONE);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn off_jt(&self) -> TrainingHours {
        self.off_jt
    }

    /// Internal evaluation results per unit.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
    /// # use cqnet_core::Hours;
    /// # let ojt = TrainingHours::new(Hours::whole(10)?, Hours::whole(9)?)?;
    /// let r = LearnerRecord::new(ojt, TrainingHours::NONE, vec![UnitResult::new(None, true)])?;
    /// assert_eq!(r.internal_units().len(), 1);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn internal_units(&self) -> &[UnitResult] {
        &self.internal_units
    }

    /// External evaluation results per unit, once taken.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
    /// # use cqnet_core::Hours;
    /// # let ojt = TrainingHours::new(Hours::whole(10)?, Hours::whole(9)?)?;
    /// let r = LearnerRecord::new(ojt, TrainingHours::NONE, vec![UnitResult::new(None, true)])?;
    /// assert!(r.external_units().is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn external_units(&self) -> Option<&[UnitResult]> {
        self.external_units.as_deref()
    }
}

/// The decision on a learning worker (학습근로자): internal evaluation (내부평가), completion
/// certificate (이수증명서), eligibility for and result of the external evaluation (외부평가).
///
/// # Example
/// ```
/// use cqnet_core::work_study::{decide, LearnerRecord, TrainingHours, UnitResult};
/// use cqnet_core::{rules::RulePack, Hours};
/// let units = |passed: usize, total: usize| -> Vec<UnitResult> {
///     (0..total).map(|i| UnitResult::new(None, i < passed)).collect()
/// };
/// let ojt = TrainingHours::new(Hours::whole(600)?, Hours::whole(540)?)?;
/// // 6 of 10 internal units: below 70%
/// let record = LearnerRecord::new(ojt, TrainingHours::NONE, units(6, 10))?;
/// let decision = decide(&record, &RulePack::embedded().newest());
/// assert!(!decision.internal_passed);
/// assert!(!decision.eligible_for_external);
/// assert_eq!(decision.passed, Some(false));
/// assert!(!decision.reasons.is_empty());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkStudyDecision {
    /// 내부평가 합격: at least 70% of internal units passed.
    pub internal_passed: bool,
    /// 이수증명서: attendance and internal evaluation both hold; the employer must issue it.
    pub completion_certificate: bool,
    /// 외부평가 응시자격: the same two conditions.
    pub eligible_for_external: bool,
    /// 외부평가 합격: `Some(false)` when not eligible; `None` until the external evaluation.
    pub passed: Option<bool>,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// `None` when the units' pass share meets `rule`, else the reason.
/// Checks that at least the rule's share of `units` passed.
fn unit_ratio_check(
    units: &[UnitResult],
    rule: &Rule<Percent>,
    code: ReasonCode,
    tally: &mut Tally,
) -> bool {
    let passed = units.iter().filter(|u| u.passed).count() as u64;
    let total = units.len() as u64;
    let met = rule
        .value
        .is_met_by(Decimal::from(passed), Decimal::from(total));
    tally.check(met, || {
        Reason::new(code, rule.basis.clone())
            .measured(Quantity::Fraction {
                part: passed,
                whole: total,
            })
            .required(Quantity::Percent(rule.value.value()))
    })
}

/// Decides the internal evaluation, completion certificate, eligibility and external pass.
///
/// # Example
/// ```
/// use cqnet_core::work_study::{decide, LearnerRecord, TrainingHours, UnitResult};
/// use cqnet_core::{rules::RulePack, Hours, ReasonCode};
/// let rules = RulePack::embedded().newest();
/// let ojt = TrainingHours::new(Hours::whole(1000)?, Hours::whole(799)?)?;
/// let record = LearnerRecord::new(ojt, TrainingHours::NONE, vec![UnitResult::new(None, true)])?;
/// let decision = decide(&record, &rules);
/// assert!(!decision.eligible_for_external);
/// assert_eq!(decision.reasons[0].code, ReasonCode::AttendanceBelowMinimum);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(record: &LearnerRecord, rules: &Rules) -> WorkStudyDecision {
    decided(record, rules, &mut Tally::reasons_only())
}

/// Every check [`decide`] makes for one learner, in its order, the passed ones beside the
/// failed ones: what an explanation of a decision lists. The failed checks are exactly the
/// decision's reasons (without their messages), made by the same code.
///
/// # Example
/// ```
/// use cqnet_core::work_study::{checks, decide, LearnerRecord, TrainingHours, UnitResult};
/// use cqnet_core::{rules::RulePack, Hours, ReasonCode};
/// let rules = RulePack::embedded().newest();
/// let ojt = TrainingHours::new(Hours::whole(1000)?, Hours::whole(799)?)?;
/// let record = LearnerRecord::new(ojt, TrainingHours::NONE, vec![UnitResult::new(None, true)])?;
/// let all = checks(&record, &rules);
/// let failed: Vec<ReasonCode> = all.iter().filter(|c| !c.passed).map(|c| c.code).collect();
/// assert_eq!(failed, [ReasonCode::AttendanceBelowMinimum]);
/// assert!(all.iter().any(|c| c.passed && c.code == ReasonCode::InternalUnitPassRatioBelowMinimum));
/// assert_eq!(decide(&record, &rules).reasons.len(), failed.len());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn checks(record: &LearnerRecord, rules: &Rules) -> Vec<Check> {
    let mut tally = Tally::every_check();
    decided(record, rules, &mut tally);
    tally.checks.unwrap_or_default()
}

fn decided(record: &LearnerRecord, rules: &Rules, tally: &mut Tally) -> WorkStudyDecision {
    let ws = &rules.work_study;

    let scheduled = record.ojt.scheduled.value() + record.off_jt.scheduled.value();
    let attended = record.ojt.attended.value() + record.off_jt.attended.value();
    let attendance_min = ws.attendance_min_percent.value;
    tally.check(attendance_min.is_met_by(attended, scheduled), || {
        Reason::new(
            ReasonCode::AttendanceBelowMinimum,
            ws.attendance_min_percent.basis.clone(),
        )
        .measured(Quantity::Percent(
            Percent::ratio(attended, scheduled).unwrap_or_default(),
        ))
        .required(Quantity::Percent(attendance_min.value()))
    });
    let internal_passed = unit_ratio_check(
        &record.internal_units,
        &ws.internal_unit_pass_percent,
        ReasonCode::InternalUnitPassRatioBelowMinimum,
        tally,
    );
    let eligible = tally.reasons.is_empty();

    let passed = match (&record.external_units, eligible) {
        (_, false) => Some(false),
        (None, true) => None,
        (Some(units), true) => Some(unit_ratio_check(
            units,
            &ws.external_unit_pass_percent,
            ReasonCode::ExternalUnitPassRatioBelowMinimum,
            tally,
        )),
    };

    WorkStudyDecision {
        internal_passed,
        completion_certificate: eligible,
        eligible_for_external: eligible,
        passed,
        reasons: std::mem::take(&mut tally.reasons),
        rules: RulesUsed::from(rules),
    }
}
