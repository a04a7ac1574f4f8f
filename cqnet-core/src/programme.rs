//! Work-study programmes (일학습병행과정): a learning company's programme checked against its
//! occupation's training standard (교육훈련기준) for approval (일학습병행과정 인정), and the
//! completion (이수) of a programme by a learning worker (학습근로자) from the internal
//! evaluation (내부평가) of its units and the hours attended.
//!
//! The ministry develops a training standard for each occupation (직종): its competency units
//! (능력단위) with their hours, split into apprenticeship-style on-site training (도제식 현장
//! 교육훈련, OJT) and off-site training (사업장 외 교육훈련, Off-JT) (산업현장 일학습병행 지원에
//! 관한 법률 제11조). A company builds its programme on the standard and has it approved
//! (제15조제1항·제2항); the programme fixes the internal evaluation's method, procedure and
//! timing (시행령 제14조제1항). [`decide`] checks a [`ProgrammePlan`] against its
//! [`TrainingStandard`] the way [`standard::check_plan`](crate::standard::check_plan) checks a
//! 과정평가형 course plan against its curriculum standard.
//!
//! [`decide_completion`] reads a learner's internal evaluation scores and attended hours
//! against the programme and asks [`work_study::decide`] for the
//! completion certificate (이수증명서): an internal pass with 80% attendance.
//!
//! # Example
//! ```
//! use cqnet_core::programme::{
//!     decide, EvaluationPlan, ProgrammePlan, ProgrammePlanSpec, ProgrammeUnit, StandardUnit,
//!     TrainingStandard, TrainingStandardSpec,
//! };
//! use cqnet_core::standard::UnitKind;
//! use cqnet_core::{rules::RulePack, Hours, UnitCode};
//!
//! let h = |n: u32| Hours::whole(n).unwrap();
//! let standard = TrainingStandard::new(TrainingStandardSpec {
//!     occupation: "CNC밀링가공".into(),
//!     version: None,
//!     units: vec![StandardUnit::new(UnitCode::new("A")?, UnitKind::Mandatory, h(120), h(40))],
//! })?;
//! let plan = ProgrammePlan::new(ProgrammePlanSpec {
//!     months: 12,
//!     units: vec![ProgrammeUnit { code: UnitCode::new("A")?, ojt_hours: h(120), off_jt_hours: h(40) }],
//!     evaluation: EvaluationPlan::example(),
//! })?;
//! let decision = decide(&standard, &plan, &RulePack::embedded().newest());
//! assert!(decision.approvable, "{:?}", decision.reasons);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::rules::Rules;
use crate::standard::{UnitKind, check_names, check_unique};
use crate::work_study::{self, LearnerRecord, TrainingHours, UnitResult, WorkStudyDecision};
use crate::{Hours, InputError, Quantity, Reason, ReasonCode, RulesUsed, Score, Subject, UnitCode};

/// A competency unit (능력단위) of a training standard: its code, name if known, kind, and the
/// least OJT and Off-JT hours a programme gives it.
///
/// # Example
/// ```
/// use cqnet_core::programme::StandardUnit;
/// use cqnet_core::standard::UnitKind;
/// use cqnet_core::{Hours, UnitCode};
/// let unit = StandardUnit::new(UnitCode::example(), UnitKind::Mandatory, Hours::whole(80)?, Hours::whole(20)?);
/// assert_eq!(unit.ojt_hours, Hours::whole(80)?);
/// assert!(unit.name.is_none());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardUnit {
    /// The unit code.
    pub code: UnitCode,
    /// The unit's name (능력단위명), if known.
    #[serde(default)]
    pub name: Option<String>,
    /// Mandatory (필수) or elective (선택).
    pub kind: UnitKind,
    /// The least OJT hours (현장 교육훈련 시간).
    pub ojt_hours: Hours,
    /// The least Off-JT hours (사업장 외 교육훈련 시간).
    pub off_jt_hours: Hours,
}

impl StandardUnit {
    /// A unit of `kind` with its least OJT and Off-JT hours and no name.
    ///
    /// # Example
    /// See [`StandardUnit`].
    pub fn new(code: UnitCode, kind: UnitKind, ojt_hours: Hours, off_jt_hours: Hours) -> Self {
        StandardUnit {
            code,
            name: None,
            kind,
            ojt_hours,
            off_jt_hours,
        }
    }
}

/// The parts of an occupation's training standard (교육훈련기준), before validation.
///
/// # Example
/// ```
/// use cqnet_core::programme::{StandardUnit, TrainingStandard, TrainingStandardSpec};
/// use cqnet_core::standard::UnitKind;
/// use cqnet_core::{Hours, UnitCode};
/// let spec = TrainingStandardSpec {
///     occupation: "SW개발".into(),
///     version: Some("ver1.0".into()),
///     units: vec![StandardUnit::new(UnitCode::example(), UnitKind::Mandatory, Hours::whole(80)?, Hours::ZERO)],
/// };
/// assert_eq!(TrainingStandard::new(spec.clone())?.spec(), &spec);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingStandardSpec {
    /// The occupation (직종).
    pub occupation: String,
    /// The standard's version, if known.
    #[serde(default)]
    pub version: Option<String>,
    /// Its competency units.
    pub units: Vec<StandardUnit>,
}

/// A validated training standard (교육훈련기준) of one occupation.
///
/// # Errors
/// [`TrainingStandard::new`] refuses an empty occupation or no unit, a unit twice, and names
/// holding hidden characters.
///
/// # Example
/// ```
/// use cqnet_core::programme::{StandardUnit, TrainingStandard, TrainingStandardSpec};
/// use cqnet_core::standard::UnitKind;
/// use cqnet_core::{Hours, UnitCode};
/// let unit = StandardUnit::new(UnitCode::example(), UnitKind::Mandatory, Hours::whole(80)?, Hours::ZERO);
/// let twice = TrainingStandardSpec { occupation: "SW개발".into(), version: None, units: vec![unit.clone(), unit] };
/// assert!(TrainingStandard::new(twice).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TrainingStandardSpec", into = "TrainingStandardSpec")]
pub struct TrainingStandard {
    spec: TrainingStandardSpec,
}

impl TryFrom<TrainingStandardSpec> for TrainingStandard {
    type Error = InputError;
    fn try_from(spec: TrainingStandardSpec) -> Result<Self, Self::Error> {
        TrainingStandard::new(spec)
    }
}

impl From<TrainingStandard> for TrainingStandardSpec {
    fn from(standard: TrainingStandard) -> Self {
        standard.spec
    }
}

impl TrainingStandard {
    /// Validates a standard: an occupation named, at least one unit, each code once.
    ///
    /// # Errors
    /// [`InputError::Empty`] for no occupation or no unit; [`InputError::Duplicate`] for a unit
    /// twice; [`InputError::HiddenCharacter`] for an occupation, version or unit name holding a
    /// control, bidirectional or zero-width character.
    ///
    /// # Example
    /// See [`TrainingStandard`].
    pub fn new(spec: TrainingStandardSpec) -> Result<Self, InputError> {
        if spec.occupation.trim().is_empty() {
            return Err(InputError::Empty {
                what: "occupation of a training standard",
            });
        }
        if spec.units.is_empty() {
            return Err(InputError::Empty {
                what: "units of a training standard",
            });
        }
        check_names("occupation", std::iter::once(spec.occupation.as_str()))?;
        check_names("standard version", spec.version.iter().map(String::as_str))?;
        check_names(
            "unit name",
            spec.units.iter().filter_map(|u| u.name.as_deref()),
        )?;
        check_unique("unit", spec.units.iter().map(|u| u.code.as_str()))?;
        Ok(TrainingStandard { spec })
    }

    /// The standard's parts.
    ///
    /// # Example
    /// See [`TrainingStandardSpec`].
    pub fn spec(&self) -> &TrainingStandardSpec {
        &self.spec
    }

    /// The unit with this code, if the standard lists it.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::programme::{StandardUnit, TrainingStandard, TrainingStandardSpec};
    /// # use cqnet_core::standard::UnitKind;
    /// # use cqnet_core::{Hours, UnitCode};
    /// # let s = TrainingStandard::new(TrainingStandardSpec { occupation: "SW개발".into(), version: None,
    /// #     units: vec![StandardUnit::new(UnitCode::example(), UnitKind::Mandatory, Hours::whole(80)?, Hours::ZERO)] })?;
    /// assert!(s.unit(&UnitCode::example()).is_some());
    /// assert!(s.unit(&UnitCode::new("B")?).is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn unit(&self, code: &UnitCode) -> Option<&StandardUnit> {
        self.spec.units.iter().find(|u| &u.code == code)
    }
}

/// A unit of a programme and its planned OJT and Off-JT hours.
///
/// # Example
/// ```
/// use cqnet_core::programme::ProgrammeUnit;
/// use cqnet_core::{Hours, UnitCode};
/// let u = ProgrammeUnit { code: UnitCode::new("A")?, ojt_hours: Hours::whole(120)?, off_jt_hours: Hours::whole(40)? };
/// assert_eq!(u.off_jt_hours.to_string(), "40");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeUnit {
    /// The unit code.
    pub code: UnitCode,
    /// Planned OJT hours.
    pub ojt_hours: Hours,
    /// Planned Off-JT hours.
    pub off_jt_hours: Hours,
}

/// The internal evaluation (내부평가) a programme fixes: its method, procedure and timing
/// (시행령 제14조제1항). Blank text is a reason of [`decide`], not an input error, so that a
/// programme missing one is refused with it.
///
/// # Example
/// ```
/// use cqnet_core::programme::EvaluationPlan;
/// let plan = EvaluationPlan::example();
/// assert!(!plan.timing.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationPlan {
    /// The method (평가 방법: written, practical, interview, portfolio, …).
    pub method: String,
    /// The procedure (평가 절차: who evaluates, how results are recorded).
    pub procedure: String,
    /// The timing (평가 시기: after each unit, each month, …).
    pub timing: String,
}

impl EvaluationPlan {
    /// A plan for examples and tests.
    ///
    /// # Example
    /// See [`EvaluationPlan`].
    pub fn example() -> Self {
        EvaluationPlan {
            method: "필기·실기 (written and practical)".into(),
            procedure:
                "기업현장교사가 평가하고 결과를 기록 (the field teacher evaluates and records)"
                    .into(),
            timing: "능력단위 훈련 종료 후 (after each unit's training)".into(),
        }
    }
}

/// The parts of a programme (일학습병행과정 편성), before validation: its length in months, its
/// units and its internal evaluation.
///
/// # Example
/// ```
/// use cqnet_core::programme::{EvaluationPlan, ProgrammePlan, ProgrammePlanSpec, ProgrammeUnit};
/// use cqnet_core::{Hours, UnitCode};
/// let spec = ProgrammePlanSpec {
///     months: 12,
///     units: vec![ProgrammeUnit { code: UnitCode::new("A")?, ojt_hours: Hours::whole(120)?, off_jt_hours: Hours::ZERO }],
///     evaluation: EvaluationPlan::example(),
/// };
/// assert_eq!(ProgrammePlan::new(spec.clone())?.spec(), &spec);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammePlanSpec {
    /// The programme's length (훈련기간), in months.
    pub months: u32,
    /// Its units.
    pub units: Vec<ProgrammeUnit>,
    /// Its internal evaluation.
    pub evaluation: EvaluationPlan,
}

/// A validated programme (일학습병행과정).
///
/// # Errors
/// [`ProgrammePlan::new`] refuses a length of zero months, no unit, a unit twice, no hours at
/// all, and evaluation text holding hidden characters.
///
/// # Example
/// ```
/// use cqnet_core::programme::{EvaluationPlan, ProgrammePlan, ProgrammePlanSpec, ProgrammeUnit};
/// use cqnet_core::{Hours, UnitCode};
/// let unit = ProgrammeUnit { code: UnitCode::new("A")?, ojt_hours: Hours::ZERO, off_jt_hours: Hours::ZERO };
/// let empty = ProgrammePlanSpec { months: 12, units: vec![unit], evaluation: EvaluationPlan::example() };
/// assert!(ProgrammePlan::new(empty).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ProgrammePlanSpec", into = "ProgrammePlanSpec")]
pub struct ProgrammePlan {
    spec: ProgrammePlanSpec,
}

impl TryFrom<ProgrammePlanSpec> for ProgrammePlan {
    type Error = InputError;
    fn try_from(spec: ProgrammePlanSpec) -> Result<Self, Self::Error> {
        ProgrammePlan::new(spec)
    }
}

impl From<ProgrammePlan> for ProgrammePlanSpec {
    fn from(plan: ProgrammePlan) -> Self {
        plan.spec
    }
}

impl ProgrammePlan {
    /// Validates a programme: at least a month, at least one unit, each code once, some hours.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for zero months or units whose hours add up past the largest
    /// [`Hours`]; [`InputError::Empty`] without units;
    /// [`InputError::Duplicate`] for a unit twice; [`InputError::NotPositive`] when no unit has
    /// any hour; [`InputError::HiddenCharacter`] for evaluation text holding a control,
    /// bidirectional or zero-width character.
    ///
    /// # Example
    /// See [`ProgrammePlan`].
    pub fn new(spec: ProgrammePlanSpec) -> Result<Self, InputError> {
        if spec.months == 0 {
            return Err(InputError::out_of_range("programme months", 1, u32::MAX, 0));
        }
        if spec.units.is_empty() {
            return Err(InputError::Empty {
                what: "units of a programme",
            });
        }
        check_unique("unit", spec.units.iter().map(|u| u.code.as_str()))?;
        let e = &spec.evaluation;
        check_names(
            "internal evaluation plan",
            [e.method.as_str(), e.procedure.as_str(), e.timing.as_str()].into_iter(),
        )?;
        let ojt = checked_sum(spec.units.iter().map(|u| u.ojt_hours))?;
        let off_jt = checked_sum(spec.units.iter().map(|u| u.off_jt_hours))?;
        let plan = ProgrammePlan { spec };
        if ojt.is_zero() && off_jt.is_zero() {
            return Err(InputError::NotPositive {
                what: "planned OJT + Off-JT hours",
            });
        }
        Ok(plan)
    }

    /// The programme's parts.
    ///
    /// # Example
    /// See [`ProgrammePlanSpec`].
    pub fn spec(&self) -> &ProgrammePlanSpec {
        &self.spec
    }

    /// The unit with this code, if the programme has it.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::programme::{EvaluationPlan, ProgrammePlan, ProgrammePlanSpec, ProgrammeUnit};
    /// # use cqnet_core::{Hours, UnitCode};
    /// # let plan = ProgrammePlan::new(ProgrammePlanSpec { months: 12, evaluation: EvaluationPlan::example(),
    /// #     units: vec![ProgrammeUnit { code: UnitCode::new("A")?, ojt_hours: Hours::whole(10)?, off_jt_hours: Hours::ZERO }] })?;
    /// assert!(plan.unit(&UnitCode::new("A")?).is_some());
    /// assert!(plan.unit(&UnitCode::new("B")?).is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn unit(&self, code: &UnitCode) -> Option<&ProgrammeUnit> {
        self.spec.units.iter().find(|u| &u.code == code)
    }

    /// The planned OJT hours of every unit together.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::programme::{EvaluationPlan, ProgrammePlan, ProgrammePlanSpec, ProgrammeUnit};
    /// # use cqnet_core::{Hours, UnitCode};
    /// let unit = |c: &str, ojt: u32, off: u32| ProgrammeUnit { code: UnitCode::new(c).unwrap(), ojt_hours: Hours::whole(ojt).unwrap(), off_jt_hours: Hours::whole(off).unwrap() };
    /// let plan = ProgrammePlan::new(ProgrammePlanSpec { months: 12, evaluation: EvaluationPlan::example(), units: vec![unit("A", 100, 20), unit("B", 60, 20)] })?;
    /// assert_eq!((plan.ojt_hours(), plan.off_jt_hours()), (Hours::whole(160)?, Hours::whole(40)?));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn ojt_hours(&self) -> Hours {
        sum_hours(self.spec.units.iter().map(|u| u.ojt_hours))
    }

    /// The planned Off-JT hours of every unit together.
    ///
    /// # Example
    /// See [`ProgrammePlan::ojt_hours`].
    pub fn off_jt_hours(&self) -> Hours {
        sum_hours(self.spec.units.iter().map(|u| u.off_jt_hours))
    }
}

/// Hours added together, as [`Hours`] when the sum is one.
fn checked_sum(hours: impl Iterator<Item = Hours>) -> Result<Hours, InputError> {
    Hours::new(hours.map(Hours::value).sum())
}

/// Hours added together; [`ProgrammePlan::new`] checked that the sums of its units are hours.
fn sum_hours(hours: impl Iterator<Item = Hours>) -> Hours {
    checked_sum(hours).unwrap_or(Hours::ZERO)
}

/// Whether a programme may be approved (일학습병행과정 인정), with every failing check and the
/// rules used.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProgrammeDecision {
    /// No check failed.
    pub approvable: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Checks a programme against its occupation's training standard for approval.
///
/// The checks: every mandatory unit of the standard planned (`mandatory_unit_missing`); no
/// unit outside it (`unknown_unit`); each unit at the standard's OJT and Off-JT hours
/// (`unit_ojt_hours_below_standard`, `unit_off_jt_hours_below_standard`); the internal
/// evaluation's method, procedure and timing set (`internal_evaluation_plan_missing`, when the
/// pack's `work_study.internal_evaluation_plan_required` holds); and the length within the
/// pack's `work_study.programme_min_months` and `work_study.programme_max_months`
/// (`programme_too_short`, `programme_too_long`).
///
/// # Example
/// ```
/// use cqnet_core::programme::*;
/// use cqnet_core::standard::UnitKind;
/// use cqnet_core::{rules::RulePack, Hours, ReasonCode, UnitCode};
/// let h = |n: u32| Hours::whole(n).unwrap();
/// let standard = TrainingStandard::new(TrainingStandardSpec {
///     occupation: "SW개발".into(),
///     version: None,
///     units: vec![StandardUnit::new(UnitCode::new("A")?, UnitKind::Mandatory, h(120), h(40))],
/// })?;
/// let short = ProgrammePlan::new(ProgrammePlanSpec {
///     months: 12,
///     units: vec![ProgrammeUnit { code: UnitCode::new("A")?, ojt_hours: h(100), off_jt_hours: h(40) }],
///     evaluation: EvaluationPlan { timing: " ".into(), ..EvaluationPlan::example() },
/// })?;
/// let codes: Vec<_> = decide(&standard, &short, &RulePack::embedded().newest()).reasons.iter().map(|r| r.code).collect();
/// assert_eq!(codes, [ReasonCode::UnitOjtHoursBelowStandard, ReasonCode::InternalEvaluationPlanMissing]);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(
    standard: &TrainingStandard,
    plan: &ProgrammePlan,
    rules: &Rules,
) -> ProgrammeDecision {
    let ws = &rules.work_study;
    let basis = || rules.bases.training_standard.basis.clone();
    let planned: BTreeMap<&UnitCode, usize> = plan
        .spec
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (&u.code, i))
        .collect();
    let mut reasons = Vec::new();
    for (index, unit) in standard.spec.units.iter().enumerate() {
        if unit.kind == UnitKind::Mandatory && !planned.contains_key(&unit.code) {
            reasons.push(
                Reason::new(ReasonCode::MandatoryUnitMissing, basis())
                    .subject(Subject::Unit {
                        index,
                        code: Some(unit.code.to_string()),
                    })
                    .required(Quantity::Hours(
                        unit.ojt_hours.value() + unit.off_jt_hours.value(),
                    )),
            );
        }
    }
    for (index, unit) in plan.spec.units.iter().enumerate() {
        let subject = || Subject::Unit {
            index,
            code: Some(unit.code.to_string()),
        };
        let Some(standard_unit) = standard.unit(&unit.code) else {
            reasons.push(Reason::new(ReasonCode::UnknownUnit, basis()).subject(subject()));
            continue;
        };
        let below = [
            (
                ReasonCode::UnitOjtHoursBelowStandard,
                unit.ojt_hours,
                standard_unit.ojt_hours,
            ),
            (
                ReasonCode::UnitOffJtHoursBelowStandard,
                unit.off_jt_hours,
                standard_unit.off_jt_hours,
            ),
        ];
        for (code, planned, required) in below {
            if planned < required {
                reasons.push(
                    Reason::new(code, basis())
                        .subject(subject())
                        .measured(Quantity::Hours(planned.value()))
                        .required(Quantity::Hours(required.value())),
                );
            }
        }
    }
    let required = &ws.internal_evaluation_plan_required;
    let e = &plan.spec.evaluation;
    let blank = [&e.method, &e.procedure, &e.timing]
        .iter()
        .any(|text| text.trim().is_empty());
    if required.value && blank {
        reasons.push(
            Reason::new(
                ReasonCode::InternalEvaluationPlanMissing,
                required.basis.clone(),
            )
            .measured(Quantity::Flag(false))
            .required(Quantity::Flag(true)),
        );
    }
    let months = u64::from(plan.spec.months);
    let (min, max) = (&ws.programme_min_months, &ws.programme_max_months);
    if plan.spec.months < min.value {
        reasons.push(
            Reason::new(ReasonCode::ProgrammeTooShort, min.basis.clone())
                .measured(Quantity::Count(months))
                .required(Quantity::Count(u64::from(min.value))),
        );
    }
    if plan.spec.months > max.value {
        reasons.push(
            Reason::new(ReasonCode::ProgrammeTooLong, max.basis.clone())
                .measured(Quantity::Count(months))
                .required(Quantity::Count(u64::from(max.value))),
        );
    }
    ProgrammeDecision {
        approvable: reasons.is_empty(),
        reasons,
        rules: RulesUsed::from(rules),
    }
}

/// One internal evaluation (내부평가) of a unit of the programme: the unit and its score.
///
/// # Example
/// ```
/// use cqnet_core::programme::UnitScore;
/// use cqnet_core::{Score, UnitCode};
/// let s = UnitScore { code: UnitCode::new("A")?, score: Score::whole(75)? };
/// assert_eq!(s.score.to_string(), "75");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitScore {
    /// The unit evaluated.
    pub code: UnitCode,
    /// Its score, 0 to 100.
    pub score: Score,
}

/// Whether a unit's internal evaluation score passes it: at least the pack's
/// `work_study.internal_unit_pass_score`, inclusive.
///
/// # Example
/// ```
/// use cqnet_core::programme::unit_passes;
/// use cqnet_core::{rules::RulePack, Score};
/// let rules = RulePack::embedded().newest();
/// let mark = rules.work_study.internal_unit_pass_score.value;
/// assert!(unit_passes(mark, &rules));
/// assert!(!unit_passes(Score::ZERO, &rules));
/// ```
pub fn unit_passes(score: Score, rules: &Rules) -> bool {
    score >= rules.work_study.internal_unit_pass_score.value
}

/// The hours a learner attended (or had counted as attended) of each training.
///
/// # Example
/// ```
/// use cqnet_core::programme::Attended;
/// use cqnet_core::Hours;
/// let a = Attended { ojt: Hours::whole(540)?, off_jt: Hours::whole(180)? };
/// assert_eq!(a.ojt, Hours::whole(540)?);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attended {
    /// OJT hours.
    pub ojt: Hours,
    /// Off-JT hours.
    pub off_jt: Hours,
}

/// A learner's record against a programme: the programme's planned OJT and Off-JT hours as
/// scheduled, the hours attended (those beyond the plan add nothing), and every unit of the
/// programme with the latest of its evaluations in `evaluations` (in the order they were
/// held); a unit never evaluated counts as not passed, since the evaluation covers the
/// programme's units (시행령 제14조제2항).
///
/// # Errors
/// [`InputError::Inconsistent`] for an evaluation of a unit the programme does not have.
///
/// # Example
/// ```
/// use cqnet_core::programme::{learner_record, Attended, EvaluationPlan, ProgrammePlan, ProgrammePlanSpec, ProgrammeUnit, UnitScore};
/// use cqnet_core::{rules::RulePack, Hours, Score, UnitCode};
/// let plan = ProgrammePlan::new(ProgrammePlanSpec { months: 12, evaluation: EvaluationPlan::example(),
///     units: vec![ProgrammeUnit { code: UnitCode::new("A")?, ojt_hours: Hours::whole(100)?, off_jt_hours: Hours::ZERO }] })?;
/// let attended = Attended { ojt: Hours::whole(120)?, off_jt: Hours::ZERO };
/// let record = learner_record(&plan, &[], attended, &RulePack::embedded().newest())?;
/// assert_eq!(record.ojt().attended, Hours::whole(100)?);
/// assert!(!record.internal_units()[0].passed);
/// let other = UnitScore { code: UnitCode::new("B")?, score: Score::MAX };
/// assert!(learner_record(&plan, &[other], attended, &RulePack::embedded().newest()).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn learner_record(
    plan: &ProgrammePlan,
    evaluations: &[UnitScore],
    attended: Attended,
    rules: &Rules,
) -> Result<LearnerRecord, InputError> {
    if let Some(outside) = evaluations.iter().find(|e| plan.unit(&e.code).is_none()) {
        return Err(InputError::Inconsistent(format!(
            "unit {} is not in the programme",
            outside.code
        )));
    }
    let units = plan
        .spec
        .units
        .iter()
        .map(|unit| {
            let latest = evaluations.iter().rev().find(|e| e.code == unit.code);
            let passed = latest.is_some_and(|e| unit_passes(e.score, rules));
            UnitResult::new(Some(unit.code.clone()), passed)
        })
        .collect();
    let hours =
        |scheduled: Hours, attended: Hours| TrainingHours::new(scheduled, attended.min(scheduled));
    LearnerRecord::new(
        hours(plan.ojt_hours(), attended.ojt)?,
        hours(plan.off_jt_hours(), attended.off_jt)?,
        units,
    )
}

/// Decides a learner's completion of a programme: the internal evaluation (내부평가, at least
/// `work_study.internal_unit_pass_percent` of the programme's units passed) and the completion
/// certificate (이수증명서, with attendance of at least `work_study.attendance_min_percent` of
/// its OJT and Off-JT hours together), by [`work_study::decide`] on [`learner_record`].
///
/// # Errors
/// As [`learner_record`].
///
/// # Example
/// ```
/// use cqnet_core::programme::{decide_completion, Attended, EvaluationPlan, ProgrammePlan, ProgrammePlanSpec, ProgrammeUnit, UnitScore};
/// use cqnet_core::{rules::RulePack, Hours, ReasonCode, Score, UnitCode};
/// let rules = RulePack::embedded().newest();
/// let plan = ProgrammePlan::new(ProgrammePlanSpec { months: 12, evaluation: EvaluationPlan::example(),
///     units: vec![ProgrammeUnit { code: UnitCode::new("A")?, ojt_hours: Hours::whole(80)?, off_jt_hours: Hours::whole(20)? }] })?;
/// let passed = [UnitScore { code: UnitCode::new("A")?, score: Score::MAX }];
/// let enough = Attended { ojt: Hours::whole(70)?, off_jt: Hours::whole(10)? };
/// assert!(decide_completion(&plan, &passed, enough, &rules)?.completion_certificate);
/// let short = Attended { ojt: Hours::whole(70)?, off_jt: Hours::whole(9)? };
/// let d = decide_completion(&plan, &passed, short, &rules)?;
/// assert_eq!(d.reasons[0].code, ReasonCode::AttendanceBelowMinimum);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide_completion(
    plan: &ProgrammePlan,
    evaluations: &[UnitScore],
    attended: Attended,
    rules: &Rules,
) -> Result<WorkStudyDecision, InputError> {
    let record = learner_record(plan, evaluations, attended, rules)?;
    Ok(work_study::decide(&record, rules))
}
