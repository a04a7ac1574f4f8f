//! Curriculum standards (편성기준) and exam standards (시험기준) of a 과정평가형 qualification,
//! and the check of a course plan against its standard for designation (과정 지정).
//!
//! # Example
//! ```
//! use cqnet_core::standard::{
//!     check_plan, CoursePlan, CoursePlanSpec, CurriculumStandard, CurriculumStandardSpec,
//!     FacilityStandard, PlannedFacility, PlannedUnit, StandardUnit, UnitKind,
//! };
//! use cqnet_core::{Hours, UnitCode};
//!
//! let h = |n: u32| Hours::whole(n).unwrap();
//! let standard = CurriculumStandard::new(CurriculumStandardSpec {
//!     total_hours: h(60),
//!     units: vec![StandardUnit::new(UnitCode::new("A")?, UnitKind::Mandatory, h(30))],
//!     facilities: vec![FacilityStandard::new("강의실", 20, "45".parse()?, "1.5".parse()?)],
//!     ..CurriculumStandardSpec::default()
//! })?;
//! let plan = CoursePlan::new(CoursePlanSpec {
//!     capacity: 25,
//!     foundational_hours: h(30),
//!     units: vec![PlannedUnit { code: UnitCode::new("A")?, hours: h(30) }],
//!     facilities: vec![PlannedFacility { name: "강의실".into(), area: "52.5".parse()? }],
//!     equipment: vec![],
//! })?;
//! let check = check_plan(&standard, &plan, &cqnet_core::rules::RulePack::embedded().newest());
//! assert!(check.meets_standard, "{:?}", check.reasons);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::course_based::ExternalScores;
use crate::rules::{InternalAggregation, Rules};
use crate::{
    Area, Hours, InputError, LegalBasis, Percent, Quantity, Reason, ReasonCode, Score, Subject,
    UnitCode,
};

/// How a 과정평가형 qualification weighs and passes its evaluations (시험기준): internal and
/// external weights, written and practical weights, the pass mark and how unit scores combine.
///
/// HRD Korea keeps these per qualification; [`ExamStandard::from_rules`] takes the defaults of
/// a rule pack.
///
/// # Errors
/// [`InputError::Inconsistent`] when internal + external or written + practical is not 100;
/// [`InputError::NotPositive`] for a pass average of 0. Deserialising checks the same.
///
/// # Example
/// ```
/// use cqnet_core::rules::InternalAggregation;
/// use cqnet_core::{ExamStandard, Percent, Score};
/// let p = |n: u32| Percent::new(n.into()).unwrap();
/// let exam = ExamStandard::new(p(60), p(40), Score::new(75.into())?, p(50), p(50), InternalAggregation::Mean)?;
/// assert_eq!(exam.pass_average(), Score::new(75.into())?);
/// assert!(ExamStandard::new(p(60), p(60), Score::MAX, p(50), p(50), InternalAggregation::Mean).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ExamStandardWire")]
pub struct ExamStandard {
    internal_weight: Percent,
    external_weight: Percent,
    pass_average: Score,
    written_weight: Percent,
    practical_weight: Percent,
    aggregation: InternalAggregation,
    /// `None`: the qualification's own 시험기준, cited from the pack's
    /// `bases.qualification_exam_standard` when a decision runs.
    pass_basis: Option<LegalBasis>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamStandardWire {
    internal_weight: Percent,
    external_weight: Percent,
    pass_average: Score,
    written_weight: Percent,
    practical_weight: Percent,
    aggregation: InternalAggregation,
    #[serde(default)]
    pass_basis: Option<LegalBasis>,
}

impl TryFrom<ExamStandardWire> for ExamStandard {
    type Error = InputError;
    fn try_from(w: ExamStandardWire) -> Result<Self, Self::Error> {
        let standard = ExamStandard::new(
            w.internal_weight,
            w.external_weight,
            w.pass_average,
            w.written_weight,
            w.practical_weight,
            w.aggregation,
        )?;
        Ok(match w.pass_basis {
            Some(basis) => standard.with_pass_basis(basis),
            None => standard,
        })
    }
}

impl ExamStandard {
    /// An exam standard (시험기준) with its own weights: internal and external weights (내부·외부평가
    /// 반영비율), written and practical weights of the external evaluation, the pass average and how
    /// unit scores combine.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when internal + external or written + practical is not 100;
    /// [`InputError::NotPositive`] for a pass average of 0.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::InternalAggregation;
    /// use cqnet_core::{ExamStandard, Percent, Score};
    /// let p = |n: u32| Percent::new(n.into()).unwrap();
    /// let exam = ExamStandard::new(p(50), p(50), Score::new(80.into())?, p(40), p(60), InternalAggregation::Mean)?;
    /// assert_eq!(exam.pass_average(), Score::new(80.into())?);
    /// assert!(ExamStandard::new(p(50), p(50), Score::ZERO, p(40), p(60), InternalAggregation::Mean).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        internal_weight: Percent,
        external_weight: Percent,
        pass_average: Score,
        written_weight: Percent,
        practical_weight: Percent,
        aggregation: InternalAggregation,
    ) -> Result<Self, InputError> {
        let hundred = Decimal::ONE_HUNDRED;
        if internal_weight.value() + external_weight.value() != hundred {
            return Err(InputError::Inconsistent(format!(
                "internal weight {internal_weight} + external weight {external_weight} must be 100"
            )));
        }
        if written_weight.value() + practical_weight.value() != hundred {
            return Err(InputError::Inconsistent(format!(
                "written weight {written_weight} + practical weight {practical_weight} must be 100"
            )));
        }
        if pass_average == Score::ZERO {
            return Err(InputError::NotPositive {
                what: "pass average",
            });
        }
        Ok(ExamStandard {
            internal_weight,
            external_weight,
            pass_average,
            written_weight,
            practical_weight,
            aggregation,
            pass_basis: None,
        })
    }

    /// The defaults of a rule pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{rules::RulePack, ExamStandard};
    /// let exam = ExamStandard::from_rules(&RulePack::embedded().newest());
    /// assert_eq!(exam.pass_average().to_string(), "80");
    /// ```
    pub fn from_rules(rules: &Rules) -> Self {
        let cb = &rules.course_based;
        ExamStandard {
            internal_weight: cb.internal_weight.value,
            external_weight: cb.external_weight.value,
            pass_average: cb.pass_average.value,
            written_weight: cb.written_weight.value,
            practical_weight: cb.practical_weight.value,
            aggregation: cb.internal_aggregation.value,
            pass_basis: Some(cb.pass_average.basis.clone()),
        }
    }

    /// The same standard citing another legal basis for its pass mark (a qualification's own
    /// 시험기준, say).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{rules::RulePack, ExamStandard};
    /// let rules = RulePack::embedded().newest();
    /// let exam = ExamStandard::from_rules(&rules)
    ///     .with_pass_basis(rules.course_based.external_weight.basis.clone());
    /// assert_eq!(exam.pass_basis(&rules), rules.course_based.external_weight.basis);
    /// ```
    pub fn with_pass_basis(mut self, basis: LegalBasis) -> Self {
        self.pass_basis = Some(basis);
        self
    }

    /// The pass mark of the final score, inclusive.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{rules::RulePack, ExamStandard};
    /// assert_eq!(ExamStandard::from_rules(&RulePack::embedded().newest()).pass_average().to_string(), "80");
    /// ```
    pub fn pass_average(&self) -> Score {
        self.pass_average
    }

    /// The legal basis of the pass mark, as cited under `rules`: the basis the standard carries
    /// (the pack's pass mark for [`ExamStandard::from_rules`], or one given with
    /// [`ExamStandard::with_pass_basis`]), else the qualification's own 시험기준
    /// (`bases.qualification_exam_standard`) for a standard built with [`ExamStandard::new`].
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{rules::{InternalAggregation, RulePack}, ExamStandard, Percent, Score};
    /// let rules = RulePack::embedded().newest();
    /// let exam = ExamStandard::from_rules(&rules);
    /// assert!(exam.pass_basis(&rules).citation().contains("coseExamTypPassAvg"));
    /// let p = |n: u32| Percent::new(n.into()).unwrap();
    /// let own = ExamStandard::new(p(60), p(40), Score::new(75.into())?, p(50), p(50), InternalAggregation::Mean)?;
    /// assert_eq!(own.pass_basis(&rules), rules.bases.qualification_exam_standard.basis);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn pass_basis(&self, rules: &Rules) -> LegalBasis {
        self.pass_basis
            .clone()
            .unwrap_or_else(|| rules.bases.qualification_exam_standard.basis.clone())
    }

    /// How unit scores combine into the internal score.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{rules::{InternalAggregation, RulePack}, ExamStandard};
    /// let exam = ExamStandard::from_rules(&RulePack::embedded().newest());
    /// assert_eq!(exam.aggregation(), InternalAggregation::Mean);
    /// ```
    pub fn aggregation(&self) -> InternalAggregation {
        self.aggregation
    }

    /// The same standard with another aggregation.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{rules::{InternalAggregation, RulePack}, ExamStandard};
    /// let exam = ExamStandard::from_rules(&RulePack::embedded().newest())
    ///     .with_aggregation(InternalAggregation::HoursWeighted);
    /// assert_eq!(exam.aggregation(), InternalAggregation::HoursWeighted);
    /// ```
    pub fn with_aggregation(mut self, aggregation: InternalAggregation) -> Self {
        self.aggregation = aggregation;
        self
    }

    /// The external score: `(written × written_weight + practical × practical_weight) / 100`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{course_based::ExternalScores, rules::RulePack, ExamStandard, Score};
    /// let exam = ExamStandard::from_rules(&RulePack::embedded().newest());
    /// let ext = ExternalScores::new(Score::new(80.into())?, Score::new(90.into())?);
    /// assert_eq!(exam.external_score(ext), 86.into());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn external_score(&self, scores: ExternalScores) -> Decimal {
        (scores.written.value() * self.written_weight.value()
            + scores.practical.value() * self.practical_weight.value())
            / Decimal::ONE_HUNDRED
    }

    /// The final score: `(internal × internal_weight + external × external_weight) / 100`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{rules::RulePack, ExamStandard};
    /// let exam = ExamStandard::from_rules(&RulePack::embedded().newest());
    /// assert_eq!(exam.final_score(70.into(), 90.into()), 80.into());
    /// ```
    pub fn final_score(&self, internal: Decimal, external: Decimal) -> Decimal {
        crate::types::weighted_mean(
            internal,
            self.internal_weight,
            external,
            self.external_weight,
        )
    }

    /// The weights, in percent: internal, external, written and practical.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::{rules::RulePack, ExamStandard};
    /// let exam = ExamStandard::from_rules(&RulePack::embedded().newest());
    /// let [internal, external, written, practical] = exam.weights();
    /// assert_eq!((internal.to_string(), external.to_string()), ("50".into(), "50".into()));
    /// assert_eq!((written.to_string(), practical.to_string()), ("40".into(), "60".into()));
    /// ```
    pub fn weights(&self) -> [Percent; 4] {
        [
            self.internal_weight,
            self.external_weight,
            self.written_weight,
            self.practical_weight,
        ]
    }
}

/// Whether a unit of a standard is mandatory (필수) or elective (선택).
///
/// # Example
/// ```
/// use cqnet_core::standard::UnitKind;
/// assert_eq!(serde_json::to_string(&UnitKind::Elective).unwrap(), "\"elective\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 필수능력단위.
    Mandatory,
    /// 선택능력단위.
    Elective,
}

/// A unit of a curriculum standard: its code, kind, minimum training hours (능력단위
/// 최소훈련시간) and internal evaluation method (내부평가방법), if stated.
///
/// # Example
/// ```
/// use cqnet_core::standard::{StandardUnit, UnitKind};
/// use cqnet_core::{Hours, UnitCode};
/// let unit = StandardUnit::new(UnitCode::example(), UnitKind::Mandatory, Hours::whole(30)?)
///     .with_evaluation_method("포트폴리오, 평가자 체크리스트");
/// assert_eq!(unit.evaluation_method.as_deref(), Some("포트폴리오, 평가자 체크리스트"));
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
    /// Mandatory or elective.
    pub kind: UnitKind,
    /// Minimum training hours.
    pub min_hours: Hours,
    /// The internal evaluation method, if stated.
    #[serde(default)]
    pub evaluation_method: Option<String>,
}

impl StandardUnit {
    /// A unit of `kind` with its minimum training hours (최소훈련시간), no name and no evaluation
    /// method.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::standard::{StandardUnit, UnitKind};
    /// use cqnet_core::{Hours, UnitCode};
    /// let unit = StandardUnit::new(UnitCode::example(), UnitKind::Elective, Hours::whole(20)?);
    /// assert_eq!(unit.kind, UnitKind::Elective);
    /// assert_eq!(unit.min_hours, Hours::whole(20)?);
    /// assert!(unit.name.is_none() && unit.evaluation_method.is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(code: UnitCode, kind: UnitKind, min_hours: Hours) -> Self {
        StandardUnit {
            code,
            name: None,
            kind,
            min_hours,
            evaluation_method: None,
        }
    }

    /// The same unit with an internal evaluation method (내부평가방법).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::standard::{StandardUnit, UnitKind};
    /// use cqnet_core::{Hours, UnitCode};
    /// let unit = StandardUnit::new(UnitCode::example(), UnitKind::Mandatory, Hours::whole(30)?)
    ///     .with_evaluation_method("서술형");
    /// assert_eq!(unit.evaluation_method.as_deref(), Some("서술형"));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_evaluation_method(mut self, method: impl Into<String>) -> Self {
        self.evaluation_method = Some(method.into());
        self
    }
}

/// A facility of a standard (시설기준): name, standard headcount and area, and the extra area
/// needed per trainee above the headcount.
///
/// # Example
/// ```
/// use cqnet_core::standard::FacilityStandard;
/// let room = FacilityStandard::new("강의실", 20, "45".parse()?, "1.5".parse()?);
/// assert_eq!(room.required_area(30), 60.into());
/// assert_eq!(room.required_area(10), 45.into());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilityStandard {
    /// The facility's name (강의실, 실습실, …).
    pub name: String,
    /// The headcount the standard area is for.
    pub headcount: u32,
    /// The standard area.
    pub area: Area,
    /// Extra area per trainee above the headcount.
    pub extra_area_per_person: Area,
}

impl FacilityStandard {
    /// A facility standard (시설기준): `area` for up to `headcount` trainees and
    /// `extra_area_per_person` for each trainee above.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::standard::FacilityStandard;
    /// let lab = FacilityStandard::new("실습실", 15, "60".parse()?, "2".parse()?);
    /// assert_eq!(lab.name, "실습실");
    /// assert_eq!(lab.headcount, 15);
    /// assert_eq!(lab.required_area(15), 60.into());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        name: impl Into<String>,
        headcount: u32,
        area: Area,
        extra_area_per_person: Area,
    ) -> Self {
        FacilityStandard {
            name: name.into(),
            headcount,
            area,
            extra_area_per_person,
        }
    }

    /// The area in ㎡ required for `capacity` trainees, exact:
    /// `area + max(0, capacity − headcount) × extra`.
    ///
    /// The requirement is not bounded by the largest [`Area`] a plan can declare: above it, no
    /// plan meets the standard.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::standard::FacilityStandard;
    /// let lab = FacilityStandard::new("실습실", 15, "60".parse()?, "2.5".parse()?);
    /// assert_eq!(lab.required_area(20), "72.5".parse().unwrap()); // 60 + 5 × 2.5
    /// assert_eq!(lab.required_area(5), 60.into());
    /// let hall = FacilityStandard::new("강당", 0, "1000000".parse()?, "1000000".parse()?);
    /// assert_eq!(hall.required_area(1), 2_000_000.into()); // more than any plan can declare
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn required_area(&self, capacity: u32) -> Decimal {
        let extra_people = capacity.saturating_sub(self.headcount);
        // At most 10^6 + (2^32 − 1) × 10^6 with 4 places: far inside a decimal.
        self.area.value() + Decimal::from(extra_people) * self.extra_area_per_person.value()
    }
}

/// An item of equipment of a standard (장비기준): `quantity` items for every `per_trainees`
/// trainees (rounded up).
///
/// # Example
/// ```
/// use cqnet_core::standard::EquipmentStandard;
/// let lathe = EquipmentStandard { name: "CNC 선반".into(), quantity: 1, per_trainees: 2 };
/// assert_eq!(lathe.required_quantity(20), 10);
/// assert_eq!(lathe.required_quantity(21), 11);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquipmentStandard {
    /// The item.
    pub name: String,
    /// Items per group of trainees.
    pub quantity: u32,
    /// Trainees per group (at least 1).
    pub per_trainees: u32,
}

impl EquipmentStandard {
    /// Items needed for `capacity` trainees: `quantity` for every started group of
    /// `per_trainees`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::standard::EquipmentStandard;
    /// let pc = EquipmentStandard { name: "PC".into(), quantity: 1, per_trainees: 1 };
    /// assert_eq!(pc.required_quantity(25), 25);
    /// let bench = EquipmentStandard { name: "작업대".into(), quantity: 2, per_trainees: 4 };
    /// assert_eq!(bench.required_quantity(9), 6); // 3 groups of up to 4
    /// ```
    pub fn required_quantity(&self, capacity: u32) -> u64 {
        let groups = u64::from(capacity).div_ceil(u64::from(self.per_trainees.max(1)));
        groups * u64::from(self.quantity)
    }
}

/// The parts of a curriculum standard (편성기준), before validation.
///
/// # Example
/// ```
/// use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
/// use cqnet_core::{Hours, UnitCode};
/// let spec = CurriculumStandardSpec {
///     version: Some("v2.0".into()),
///     total_hours: Hours::whole(60)?,
///     units: vec![StandardUnit::new(UnitCode::new("A")?, UnitKind::Mandatory, Hours::whole(30)?)],
///     ..CurriculumStandardSpec::default()
/// };
/// let standard = CurriculumStandard::new(spec.clone())?;
/// assert_eq!(standard.spec(), &spec);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CurriculumStandardSpec {
    /// The qualification (종목) code, if known.
    #[serde(default)]
    pub qualification: Option<crate::QualificationCode>,
    /// The standard's version (편성기준 버전, `v2.0`), if known.
    #[serde(default)]
    pub version: Option<String>,
    /// 교육훈련기준시간 합계: total hours.
    pub total_hours: Hours,
    /// 직업기초능력 기준시간: foundational hours, if stated.
    #[serde(default)]
    pub foundational_hours: Option<Hours>,
    /// 필수능력단위 기준시간: mandatory-unit hours, if stated.
    #[serde(default)]
    pub mandatory_hours: Option<Hours>,
    /// 선택능력단위 기준시간: elective-unit hours.
    #[serde(default)]
    pub elective_hours: Hours,
    /// The units.
    pub units: Vec<StandardUnit>,
    /// The facilities.
    #[serde(default)]
    pub facilities: Vec<FacilityStandard>,
    /// The equipment.
    #[serde(default)]
    pub equipment: Vec<EquipmentStandard>,
    /// The exam standard, if the qualification has its own.
    #[serde(default)]
    pub exam: Option<ExamStandard>,
}

/// A validated curriculum standard (편성기준) of one qualification and version.
///
/// # Errors
/// [`CurriculumStandard::new`] refuses a standard whose hours do not add up (foundational +
/// mandatory + elective = total when all are stated; the mandatory units' minimum hours within
/// the mandatory hours and the total), with no unit, with a repeated unit code, facility or
/// item, or with equipment for zero trainees.
///
/// # Example
/// ```
/// use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
/// use cqnet_core::{Hours, UnitCode};
/// let h = |n: u32| Hours::whole(n).unwrap();
/// // 기계설계기사 v2.0: 825 = 40 + 480 + 305.
/// let spec = CurriculumStandardSpec {
///     total_hours: h(825),
///     foundational_hours: Some(h(40)),
///     mandatory_hours: Some(h(480)),
///     elective_hours: h(305),
///     units: vec![StandardUnit::new(UnitCode::example(), UnitKind::Mandatory, h(30))],
///     ..Default::default()
/// };
/// assert!(CurriculumStandard::new(spec.clone()).is_ok());
/// let wrong = CurriculumStandardSpec { total_hours: h(800), ..spec };
/// assert!(CurriculumStandard::new(wrong).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CurriculumStandardSpec", into = "CurriculumStandardSpec")]
pub struct CurriculumStandard {
    spec: CurriculumStandardSpec,
}

impl TryFrom<CurriculumStandardSpec> for CurriculumStandard {
    type Error = InputError;
    fn try_from(spec: CurriculumStandardSpec) -> Result<Self, Self::Error> {
        CurriculumStandard::new(spec)
    }
}

impl From<CurriculumStandard> for CurriculumStandardSpec {
    fn from(standard: CurriculumStandard) -> Self {
        standard.spec
    }
}

/// Refuses names (unit, facility, equipment) that hold a character which could make two of
/// them look alike: a plan's facility must match the standard's by what both say.
pub(crate) fn check_names<'a>(
    what: &'static str,
    mut names: impl Iterator<Item = &'a str>,
) -> Result<(), InputError> {
    names.try_for_each(|name| crate::text::check_visible(what, name))
}

pub(crate) fn check_unique<'a>(
    what: &'static str,
    keys: impl Iterator<Item = &'a str>,
) -> Result<(), InputError> {
    let mut seen = BTreeSet::new();
    for key in keys {
        if !seen.insert(key) {
            return Err(InputError::Duplicate {
                what,
                key: InputError::quoted(key),
            });
        }
    }
    Ok(())
}

impl CurriculumStandard {
    /// Validates a standard: at least one unit, each code, facility and item once, equipment for at
    /// least one trainee, and hours that add up.
    ///
    /// # Errors
    /// [`InputError::Empty`] without units; [`InputError::Duplicate`] for a repeated unit code,
    /// facility or item; [`InputError::OutOfRange`] for equipment for zero trainees;
    /// [`InputError::Inconsistent`] when the hours do not add up; [`InputError::HiddenCharacter`]
    /// for a unit, facility or equipment name (or the version or an evaluation method) holding a
    /// control, bidirectional or zero-width character.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
    /// use cqnet_core::{Hours, UnitCode};
    /// let unit = StandardUnit::new(UnitCode::new("A")?, UnitKind::Mandatory, Hours::whole(30)?);
    /// let spec = CurriculumStandardSpec { total_hours: Hours::whole(60)?, units: vec![unit.clone()], ..Default::default() };
    /// assert!(CurriculumStandard::new(spec.clone()).is_ok());
    /// let twice = CurriculumStandardSpec { units: vec![unit.clone(), unit], ..spec };
    /// assert!(CurriculumStandard::new(twice).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(spec: CurriculumStandardSpec) -> Result<Self, InputError> {
        if spec.units.is_empty() {
            return Err(InputError::Empty {
                what: "units of a curriculum standard",
            });
        }
        check_unique("unit", spec.units.iter().map(|u| u.code.as_str()))?;
        check_names(
            "facility name",
            spec.facilities.iter().map(|f| f.name.as_str()),
        )?;
        check_names(
            "equipment name",
            spec.equipment.iter().map(|e| e.name.as_str()),
        )?;
        check_names(
            "unit name",
            spec.units.iter().filter_map(|u| u.name.as_deref()),
        )?;
        check_names(
            "evaluation method",
            spec.units
                .iter()
                .filter_map(|u| u.evaluation_method.as_deref()),
        )?;
        check_names("standard version", spec.version.iter().map(String::as_str))?;
        check_unique("facility", spec.facilities.iter().map(|f| f.name.as_str()))?;
        check_unique(
            "equipment item",
            spec.equipment.iter().map(|e| e.name.as_str()),
        )?;
        if let Some(e) = spec.equipment.iter().find(|e| e.per_trainees == 0) {
            return Err(
                InputError::out_of_range("trainees per equipment group", 1, u32::MAX, 0)
                    .with_context(&e.name),
            );
        }
        let total = spec.total_hours.value();
        let foundational = spec.foundational_hours.map_or(Decimal::ZERO, Hours::value);
        let elective = spec.elective_hours.value();
        let mandatory_min: Decimal = spec
            .units
            .iter()
            .filter(|u| u.kind == UnitKind::Mandatory)
            .map(|u| u.min_hours.value())
            .sum();
        if let Some(mandatory) = spec.mandatory_hours {
            if mandatory_min > mandatory.value() {
                return Err(InputError::Inconsistent(format!(
                    "the mandatory units' minimum hours ({mandatory_min}) exceed the mandatory hours ({mandatory})"
                )));
            }
            if spec.foundational_hours.is_some()
                && foundational + mandatory.value() + elective != total
            {
                return Err(InputError::Inconsistent(format!(
                    "foundational {foundational} + mandatory {mandatory} + elective {elective} hours must equal the total {total}"
                )));
            }
        }
        let mandatory = spec.mandatory_hours.map_or(mandatory_min, Hours::value);
        if foundational + mandatory + elective > total {
            return Err(InputError::Inconsistent(format!(
                "foundational {foundational} + mandatory {mandatory} + elective {elective} hours exceed the total {total}"
            )));
        }
        Ok(CurriculumStandard { spec })
    }

    /// The standard's parts.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
    /// # use cqnet_core::{Hours, UnitCode};
    /// let s = CurriculumStandard::new(CurriculumStandardSpec {
    ///     total_hours: Hours::whole(30)?,
    ///     units: vec![StandardUnit::new(UnitCode::example(), UnitKind::Mandatory, Hours::whole(30)?)],
    ///     ..Default::default()
    /// })?;
    /// assert_eq!(s.spec().units.len(), 1);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn spec(&self) -> &CurriculumStandardSpec {
        &self.spec
    }

    /// The unit with this code, if the standard lists it.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
    /// # use cqnet_core::{Hours, UnitCode};
    /// # let s = CurriculumStandard::new(CurriculumStandardSpec {
    /// #     total_hours: Hours::whole(30)?,
    /// #     units: vec![StandardUnit::new(UnitCode::example(), UnitKind::Mandatory, Hours::whole(30)?)],
    /// #     ..Default::default()
    /// # })?;
    /// assert!(s.unit(&UnitCode::example()).is_some());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn unit(&self, code: &UnitCode) -> Option<&StandardUnit> {
        self.spec.units.iter().find(|u| &u.code == code)
    }

    /// The codes among `codes` the standard does not list: a course designated under a
    /// standard runs only the competency units (능력단위) it lists (시행령 제12조의3제2항:
    /// the course is organised by the standard).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind};
    /// # use cqnet_core::{Hours, UnitCode};
    /// # let s = CurriculumStandard::new(CurriculumStandardSpec {
    /// #     total_hours: Hours::whole(30)?,
    /// #     units: vec![StandardUnit::new(UnitCode::example(), UnitKind::Mandatory, Hours::whole(30)?)],
    /// #     ..Default::default()
    /// # })?;
    /// let other: UnitCode = "9999999999_20v1".parse()?;
    /// assert_eq!(s.units_not_listed([&UnitCode::example(), &other]), vec![other.clone()]);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn units_not_listed<'a>(
        &self,
        codes: impl IntoIterator<Item = &'a UnitCode>,
    ) -> Vec<UnitCode> {
        codes
            .into_iter()
            .filter(|c| self.unit(c).is_none())
            .cloned()
            .collect()
    }
}

impl InputError {
    fn with_context(self, context: &str) -> Self {
        match self {
            InputError::OutOfRange {
                what,
                min,
                max,
                value,
            } => InputError::OutOfRange {
                what,
                min,
                max,
                value: format!("{value} (for {})", InputError::quoted(context)),
            },
            other => other,
        }
    }
}

/// A unit of a course plan and its planned hours.
///
/// # Example
/// ```
/// use cqnet_core::standard::PlannedUnit;
/// use cqnet_core::{Hours, UnitCode};
/// let u = PlannedUnit { code: UnitCode::new("A")?, hours: Hours::whole(30)? };
/// assert_eq!(u.hours.to_string(), "30");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedUnit {
    /// The unit code.
    pub code: UnitCode,
    /// Planned hours.
    pub hours: Hours,
}

/// A facility of a course plan.
///
/// # Example
/// ```
/// use cqnet_core::standard::PlannedFacility;
/// let f = PlannedFacility { name: "실습실".into(), area: "59".parse()? };
/// assert_eq!(f.area.to_string(), "59");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedFacility {
    /// The facility's name, as in the standard.
    pub name: String,
    /// Its area.
    pub area: Area,
}

/// Equipment of a course plan.
///
/// # Example
/// ```
/// use cqnet_core::standard::PlannedEquipment;
/// let e = PlannedEquipment { name: "CNC 선반".into(), quantity: 10 };
/// assert_eq!(e.quantity, 10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedEquipment {
    /// The item, as in the standard.
    pub name: String,
    /// How many.
    pub quantity: u64,
}

/// The parts of a course plan (교육훈련과정 편성), before validation.
///
/// # Example
/// ```
/// use cqnet_core::standard::{CoursePlan, CoursePlanSpec, PlannedUnit};
/// use cqnet_core::{Hours, UnitCode};
/// let spec = CoursePlanSpec {
///     capacity: 20,
///     units: vec![PlannedUnit { code: UnitCode::new("A")?, hours: Hours::whole(30)? }],
///     ..CoursePlanSpec::default()
/// };
/// assert_eq!(CoursePlan::new(spec.clone())?.spec(), &spec);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CoursePlanSpec {
    /// Trainees per class (정원).
    pub capacity: u32,
    /// Foundational (직업기초능력) hours.
    #[serde(default)]
    pub foundational_hours: Hours,
    /// Planned units.
    pub units: Vec<PlannedUnit>,
    /// Planned facilities.
    #[serde(default)]
    pub facilities: Vec<PlannedFacility>,
    /// Planned equipment.
    #[serde(default)]
    pub equipment: Vec<PlannedEquipment>,
}

/// A validated course plan.
///
/// # Errors
/// [`CoursePlan::new`] refuses a capacity of zero, no unit, and any unit code, facility or
/// item that appears twice.
///
/// # Example
/// ```
/// use cqnet_core::standard::{CoursePlan, CoursePlanSpec, PlannedUnit};
/// use cqnet_core::{Hours, UnitCode};
/// let unit = PlannedUnit { code: UnitCode::new("A")?, hours: Hours::whole(30)? };
/// let twice = CoursePlanSpec { capacity: 20, units: vec![unit.clone(), unit], ..Default::default() };
/// assert!(CoursePlan::new(twice).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CoursePlanSpec", into = "CoursePlanSpec")]
pub struct CoursePlan {
    spec: CoursePlanSpec,
}

impl TryFrom<CoursePlanSpec> for CoursePlan {
    type Error = InputError;
    fn try_from(spec: CoursePlanSpec) -> Result<Self, Self::Error> {
        CoursePlan::new(spec)
    }
}

impl From<CoursePlan> for CoursePlanSpec {
    fn from(plan: CoursePlan) -> Self {
        plan.spec
    }
}

impl CoursePlan {
    /// Validates a plan: a capacity (정원) of at least one, at least one unit, and each unit code,
    /// facility and item once.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for a capacity of zero; [`InputError::Empty`] without units;
    /// [`InputError::Duplicate`] for a unit, facility or item twice;
    /// [`InputError::HiddenCharacter`] for a facility or equipment name holding a control,
    /// bidirectional or zero-width character.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::standard::{CoursePlan, CoursePlanSpec, PlannedUnit};
    /// use cqnet_core::{Hours, UnitCode};
    /// let unit = PlannedUnit { code: UnitCode::new("A")?, hours: Hours::whole(30)? };
    /// let spec = CoursePlanSpec { capacity: 20, units: vec![unit], ..Default::default() };
    /// assert!(CoursePlan::new(spec.clone()).is_ok());
    /// assert!(CoursePlan::new(CoursePlanSpec { capacity: 0, ..spec }).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(spec: CoursePlanSpec) -> Result<Self, InputError> {
        if spec.capacity == 0 {
            return Err(InputError::out_of_range("capacity", 1, u32::MAX, 0));
        }
        if spec.units.is_empty() {
            return Err(InputError::Empty {
                what: "units of a course plan",
            });
        }
        check_unique("unit", spec.units.iter().map(|u| u.code.as_str()))?;
        check_names(
            "facility name",
            spec.facilities.iter().map(|f| f.name.as_str()),
        )?;
        check_names(
            "equipment name",
            spec.equipment.iter().map(|e| e.name.as_str()),
        )?;
        check_unique("facility", spec.facilities.iter().map(|f| f.name.as_str()))?;
        check_unique(
            "equipment item",
            spec.equipment.iter().map(|e| e.name.as_str()),
        )?;
        Ok(CoursePlan { spec })
    }

    /// The plan's parts.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::standard::{CoursePlan, CoursePlanSpec, PlannedUnit};
    /// # use cqnet_core::{Hours, UnitCode};
    /// let unit = PlannedUnit { code: UnitCode::new("A")?, hours: Hours::whole(30)? };
    /// let plan = CoursePlan::new(CoursePlanSpec { capacity: 20, units: vec![unit], ..Default::default() })?;
    /// assert_eq!(plan.spec().capacity, 20);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn spec(&self) -> &CoursePlanSpec {
        &self.spec
    }
}

/// Whether a course plan meets its curriculum standard (편성기준 적합), with every failing check.
///
/// # Example
/// ```
/// use cqnet_core::standard::*;
/// use cqnet_core::{Hours, ReasonCode, UnitCode};
/// let h = |n: u32| Hours::whole(n).unwrap();
/// let standard = CurriculumStandard::new(CurriculumStandardSpec {
///     total_hours: h(60),
///     units: vec![StandardUnit::new(UnitCode::new("A")?, UnitKind::Mandatory, h(30))],
///     ..Default::default()
/// })?;
/// let plan = CoursePlan::new(CoursePlanSpec {
///     capacity: 20,
///     foundational_hours: h(30),
///     units: vec![PlannedUnit { code: UnitCode::new("B")?, hours: h(30) }],
///     ..Default::default()
/// })?;
/// let check = check_plan(&standard, &plan, &cqnet_core::rules::RulePack::embedded().newest());
/// assert!(!check.meets_standard);
/// assert!(check.reasons.iter().any(|r| r.code == ReasonCode::MandatoryUnitMissing));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DesignationCheck {
    /// 편성기준 적합: no check failed.
    pub meets_standard: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
}

/// Checks a course plan against its curriculum standard (편성기준 적합성) for designation.
///
/// The checks: every mandatory unit planned; no unit outside the standard; each unit at its
/// minimum hours; elective hours at the standard; foundational plus unit hours at the total;
/// every facility present and large enough for the plan's capacity; every item of equipment
/// present in the quantity the capacity needs.
///
/// # Example
/// ```
/// use cqnet_core::standard::*;
/// use cqnet_core::{Hours, ReasonCode, UnitCode};
/// let h = |n: u32| Hours::whole(n).unwrap();
/// let standard = CurriculumStandard::new(CurriculumStandardSpec {
///     total_hours: h(60),
///     units: vec![StandardUnit::new(UnitCode::new("A")?, UnitKind::Mandatory, h(30))],
///     ..Default::default()
/// })?;
/// let plan = |hours| CoursePlan::new(CoursePlanSpec {
///     capacity: 20,
///     foundational_hours: h(30),
///     units: vec![PlannedUnit { code: UnitCode::new("A").unwrap(), hours: h(hours) }],
///     ..Default::default()
/// });
/// let rules = cqnet_core::rules::RulePack::embedded().newest();
/// assert!(check_plan(&standard, &plan(30)?, &rules).meets_standard);
/// let short = check_plan(&standard, &plan(29)?, &rules);
/// assert!(short.reasons.iter().any(|r| r.code == ReasonCode::UnitHoursBelowMinimum));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn check_plan(
    standard: &CurriculumStandard,
    plan: &CoursePlan,
    rules: &Rules,
) -> DesignationCheck {
    let basis = || rules.bases.curriculum_standard.basis.clone();
    let std = &standard.spec;
    let plan = &plan.spec;
    let mut reasons = Vec::new();
    let planned: BTreeMap<&UnitCode, (usize, Hours)> = plan
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (&u.code, (i, u.hours)))
        .collect();

    for (index, unit) in std.units.iter().enumerate() {
        if unit.kind == UnitKind::Mandatory && !planned.contains_key(&unit.code) {
            reasons.push(
                Reason::new(ReasonCode::MandatoryUnitMissing, basis())
                    .subject(Subject::Unit {
                        index,
                        code: Some(unit.code.to_string()),
                    })
                    .required(Quantity::Hours(unit.min_hours.value())),
            );
        }
    }
    let mut elective_planned = Decimal::ZERO;
    let mut unit_hours = Decimal::ZERO;
    for (index, planned_unit) in plan.units.iter().enumerate() {
        unit_hours += planned_unit.hours.value();
        let subject = || Subject::Unit {
            index,
            code: Some(planned_unit.code.to_string()),
        };
        match standard.unit(&planned_unit.code) {
            None => reasons.push(Reason::new(ReasonCode::UnknownUnit, basis()).subject(subject())),
            Some(std_unit) => {
                if std_unit.kind == UnitKind::Elective {
                    elective_planned += planned_unit.hours.value();
                }
                if planned_unit.hours < std_unit.min_hours {
                    reasons.push(
                        Reason::new(ReasonCode::UnitHoursBelowMinimum, basis())
                            .subject(subject())
                            .measured(Quantity::Hours(planned_unit.hours.value()))
                            .required(Quantity::Hours(std_unit.min_hours.value())),
                    );
                }
            }
        }
    }
    if elective_planned < std.elective_hours.value() {
        reasons.push(
            Reason::new(ReasonCode::ElectiveHoursBelowStandard, basis())
                .measured(Quantity::Hours(elective_planned))
                .required(Quantity::Hours(std.elective_hours.value())),
        );
    }
    let total_planned = plan.foundational_hours.value() + unit_hours;
    if total_planned < std.total_hours.value() {
        reasons.push(
            Reason::new(ReasonCode::TotalHoursBelowStandard, basis())
                .measured(Quantity::Hours(total_planned))
                .required(Quantity::Hours(std.total_hours.value())),
        );
    }
    for facility in &std.facilities {
        let subject = || Subject::Facility {
            name: facility.name.clone(),
        };
        let required = facility.required_area(plan.capacity);
        match plan.facilities.iter().find(|f| f.name == facility.name) {
            None => reasons.push(
                Reason::new(ReasonCode::FacilityMissing, basis())
                    .subject(subject())
                    .required(Quantity::Area(required)),
            ),
            Some(planned) if planned.area.value() < required => reasons.push(
                Reason::new(ReasonCode::FacilityAreaInsufficient, basis())
                    .subject(subject())
                    .measured(Quantity::Area(planned.area.value()))
                    .required(Quantity::Area(required)),
            ),
            Some(_) => {}
        }
    }
    for item in &std.equipment {
        let required = item.required_quantity(plan.capacity);
        let planned = plan
            .equipment
            .iter()
            .find(|e| e.name == item.name)
            .map_or(0, |e| e.quantity);
        if planned < required {
            reasons.push(
                Reason::new(ReasonCode::EquipmentInsufficient, basis())
                    .subject(Subject::Equipment {
                        name: item.name.clone(),
                    })
                    .measured(Quantity::Count(planned))
                    .required(Quantity::Count(required)),
            );
        }
    }
    DesignationCheck {
        meets_standard: reasons.is_empty(),
        reasons,
    }
}
