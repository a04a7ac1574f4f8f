//! 과정평가형 국가기술자격 (course-based national technical qualification): completion,
//! eligibility for the external evaluation, internal, external and final scores, and pass.
//!
//! A trainee completes (이수) a designated course when they attended at least 75% of the
//! scheduled hours (국가기술자격법 시행령 제14조의3), took every internal evaluation round, and
//! scored at least 40 in each round. The pack's `attendance_scope` says over which hours the 75%
//! is measured: every competency unit (능력단위, CQ-Net's practice and the default) or every unit
//! course (단위과정, the Decree's wording), a unit course being the units that share a
//! [`UnitCourseLabel`]. Only those who passed the internal evaluation may sit the external
//! evaluation (외부평가, 시행령 제20조의2제2항). The final score is the average of the internal and
//! external scores (제20조의2제3항: 50 : 50) and passes at 80.
//!
//! # Example
//! ```
//! use cqnet_core::course_based::{decide, ExternalScores, TraineeRecord, UnitRecord};
//! use cqnet_core::{rules::RulePack, ExamStandard, Hours, Score};
//!
//! let rules = RulePack::embedded().newest();
//! let unit = |hours: u32, attended: u32, score: u32| -> Result<UnitRecord, cqnet_core::InputError> {
//!     UnitRecord::new(None, Hours::whole(hours)?, Hours::whole(attended)?, vec![Some(Score::new(score.into())?)])
//! };
//! let record = TraineeRecord::new(vec![unit(40, 36, 85)?, unit(30, 30, 90)?])?
//!     .with_external(ExternalScores::new(Score::new(80.into())?, Score::new(90.into())?));
//! let decision = decide(&record, &ExamStandard::from_rules(&rules), &rules);
//! assert!(decision.completed);
//! assert_eq!(decision.passed, Some(true));
//! assert_eq!(decision.final_score.unwrap().to_string(), "86.75");
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::rules::{AttendanceScope, InternalAggregation, Rules};
use crate::tally::Tally;
use crate::{
    Check, ExamStandard, Hours, InputError, NcsUnitCode, Quantity, Reason, ReasonCode, RulesUsed,
    Score, Subject,
};

/// The name of a unit course (단위과정) of a designated course: competency units with the same
/// label form one unit course.
///
/// # Errors
/// [`InputError::Empty`] for a label that is empty or only white space;
/// [`InputError::HiddenCharacter`] for one holding a control, bidirectional or zero-width
/// character; [`InputError::Malformed`] for one longer than 100 characters.
///
/// # Example
/// ```
/// use cqnet_core::course_based::UnitCourseLabel;
/// let label = UnitCourseLabel::new("도면 해독")?;
/// assert_eq!(label.as_str(), "도면 해독");
/// assert!(UnitCourseLabel::new("  ").is_err());
/// assert!(UnitCourseLabel::new("a\nb").is_err());
/// assert!(serde_json::from_str::<UnitCourseLabel>("\"\"").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UnitCourseLabel(String);

impl UnitCourseLabel {
    /// The longest label accepted, in characters.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::UnitCourseLabel;
    /// let longest = "가".repeat(UnitCourseLabel::MAX_CHARS);
    /// assert!(UnitCourseLabel::new(&longest).is_ok());
    /// ```
    pub const MAX_CHARS: usize = 100;

    /// Checks a label.
    ///
    /// # Errors
    /// [`InputError::Empty`] for a label that is empty or only white space;
    /// [`InputError::HiddenCharacter`] for one holding a control, bidirectional or zero-width
    /// character; [`InputError::Malformed`] for one longer than 100 characters.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::UnitCourseLabel;
    /// assert!(UnitCourseLabel::new(&"가".repeat(101)).is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        if text.trim().is_empty() {
            return Err(InputError::Empty {
                what: "unit course label",
            });
        }
        crate::text::check_visible("unit course label", text)?;
        if text.chars().count() > Self::MAX_CHARS {
            return Err(InputError::Malformed {
                what: "unit course label",
                value: InputError::quoted(text),
                expected: "at most 100 characters",
            });
        }
        Ok(UnitCourseLabel(text.to_owned()))
    }

    /// The label's text.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::UnitCourseLabel;
    /// assert_eq!(UnitCourseLabel::new("A")?.as_str(), "A");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for UnitCourseLabel {
    type Error = InputError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        UnitCourseLabel::new(&text)
    }
}

impl From<UnitCourseLabel> for String {
    fn from(label: UnitCourseLabel) -> Self {
        label.0
    }
}

impl fmt::Display for UnitCourseLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One competency unit (능력단위) of a trainee: scheduled and attended hours, the scores of its
/// internal evaluation rounds (`None` for a round not taken), and the unit course (단위과정) it
/// belongs to, if named.
///
/// # Errors
/// [`InputError::NotPositive`] when `scheduled` is zero; [`InputError::Inconsistent`] when
/// `attended` exceeds `scheduled`.
///
/// # Example
/// [`UnitRecord::builder`] names each value, so that the two hours cannot be swapped:
/// ```
/// use cqnet_core::course_based::UnitRecord;
/// use cqnet_core::{Hours, Score};
/// let unit = UnitRecord::builder()
///     .scheduled(Hours::whole(40)?)
///     .attended(Hours::whole(30)?)
///     .score(Score::new(70.into())?)
///     .build()?;
/// assert_eq!(unit.attended(), Hours::whole(30)?);
/// let too_many = UnitRecord::builder().scheduled(Hours::whole(10)?).attended(Hours::whole(11)?).build();
/// assert!(too_many.is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "UnitRecordWire")]
pub struct UnitRecord {
    code: Option<NcsUnitCode>,
    scheduled: Hours,
    attended: Hours,
    rounds: Vec<Option<Score>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit_course: Option<UnitCourseLabel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRecordWire {
    code: Option<NcsUnitCode>,
    scheduled: Hours,
    attended: Hours,
    rounds: Vec<Option<Score>>,
    #[serde(default)]
    unit_course: Option<UnitCourseLabel>,
}

impl TryFrom<UnitRecordWire> for UnitRecord {
    type Error = InputError;
    fn try_from(w: UnitRecordWire) -> Result<Self, Self::Error> {
        let unit = UnitRecord::new(w.code, w.scheduled, w.attended, w.rounds)?;
        Ok(match w.unit_course {
            Some(label) => unit.in_unit_course(label),
            None => unit,
        })
    }
}

/// Builds a [`UnitRecord`] with every value named (see [`UnitRecord::builder`]).
///
/// # Errors
/// [`UnitRecordBuilder::build`] refuses a record without scheduled or attended hours
/// ([`InputError::Missing`]) and whatever [`UnitRecord::new`] refuses.
///
/// # Example
/// ```
/// use cqnet_core::course_based::UnitRecord;
/// use cqnet_core::{Hours, InputError};
/// let no_attendance = UnitRecord::builder().scheduled(Hours::whole(40)?).build();
/// assert!(matches!(no_attendance, Err(InputError::Missing { what: "attended hours of a unit" })));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct UnitRecordBuilder {
    code: Option<NcsUnitCode>,
    scheduled: Option<Hours>,
    attended: Option<Hours>,
    rounds: Vec<Option<Score>>,
    unit_course: Option<UnitCourseLabel>,
}

impl UnitRecordBuilder {
    /// The competency unit's NCS code (능력단위 코드).
    ///
    /// # Example
    /// See [`UnitRecord::builder`].
    pub fn code(mut self, code: NcsUnitCode) -> Self {
        self.code = Some(code);
        self
    }

    /// The unit's scheduled hours (편성 시간).
    ///
    /// # Example
    /// See [`UnitRecord::builder`].
    pub fn scheduled(mut self, hours: Hours) -> Self {
        self.scheduled = Some(hours);
        self
    }

    /// The hours the trainee attended (출석 시간).
    ///
    /// # Example
    /// See [`UnitRecord::builder`].
    pub fn attended(mut self, hours: Hours) -> Self {
        self.attended = Some(hours);
        self
    }

    /// The score of the next internal evaluation round (내부평가 회차).
    ///
    /// # Example
    /// See [`UnitRecord::builder`].
    pub fn score(mut self, score: Score) -> Self {
        self.rounds.push(Some(score));
        self
    }

    /// The next round, not taken (미응시).
    ///
    /// # Example
    /// See [`UnitRecord::builder`].
    pub fn absent(mut self) -> Self {
        self.rounds.push(None);
        self
    }

    /// The next round: its score, or `None` when not taken.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::course_based::UnitRecord;
    /// use cqnet_core::Hours;
    /// let unit = UnitRecord::builder().scheduled(Hours::whole(4)?).attended(Hours::whole(4)?).round(None).build()?;
    /// assert_eq!(unit.rounds(), [None]);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn round(mut self, score: Option<Score>) -> Self {
        self.rounds.push(score);
        self
    }

    /// The unit course (단위과정) the unit belongs to.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::course_based::{UnitCourseLabel, UnitRecord};
    /// use cqnet_core::Hours;
    /// let label = UnitCourseLabel::new("1단위")?;
    /// let unit = UnitRecord::builder()
    ///     .scheduled(Hours::whole(4)?)
    ///     .attended(Hours::whole(4)?)
    ///     .unit_course(label.clone())
    ///     .build()?;
    /// assert_eq!(unit.unit_course(), Some(&label));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn unit_course(mut self, label: UnitCourseLabel) -> Self {
        self.unit_course = Some(label);
        self
    }

    /// The checked record.
    ///
    /// # Errors
    /// [`UnitRecordBuilder::build`] refuses a record without scheduled or attended hours
    /// ([`InputError::Missing`]) and whatever [`UnitRecord::new`] refuses.
    ///
    /// # Example
    /// See [`UnitRecord::builder`].
    pub fn build(self) -> Result<UnitRecord, InputError> {
        let scheduled = self.scheduled.ok_or(InputError::Missing {
            what: "scheduled hours of a unit",
        })?;
        let attended = self.attended.ok_or(InputError::Missing {
            what: "attended hours of a unit",
        })?;
        let unit = UnitRecord::new(self.code, scheduled, attended, self.rounds)?;
        Ok(match self.unit_course {
            Some(label) => unit.in_unit_course(label),
            None => unit,
        })
    }
}

impl UnitRecord {
    /// A builder that names every value: the competency unit, the scheduled and the attended
    /// hours, the rounds' scores and the unit course.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::course_based::UnitRecord;
    /// use cqnet_core::{Hours, NcsUnitCode, Score};
    /// let unit = UnitRecord::builder()
    ///     .code(NcsUnitCode::example())
    ///     .scheduled(Hours::whole(40)?)
    ///     .attended(Hours::whole(30)?)
    ///     .score(Score::new(70.into())?)
    ///     .absent()
    ///     .build()?;
    /// assert_eq!(unit.rounds(), [Some(Score::new(70.into())?), None]);
    /// assert_eq!(
    ///     unit,
    ///     UnitRecord::new(Some(NcsUnitCode::example()), Hours::whole(40)?, Hours::whole(30)?, vec![Some(Score::new(70.into())?), None])?
    /// );
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn builder() -> UnitRecordBuilder {
        UnitRecordBuilder::default()
    }

    /// A unit's record.
    ///
    /// # Errors
    /// [`InputError::NotPositive`] when `scheduled` is zero; [`InputError::Inconsistent`] when
    /// `attended` exceeds `scheduled`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::UnitRecord;
    /// # use cqnet_core::{Hours, NcsUnitCode, Score};
    /// let unit = UnitRecord::new(
    ///     Some(NcsUnitCode::example()),
    ///     Hours::whole(40)?,
    ///     Hours::whole(30)?,
    ///     vec![Some(Score::new(70.into())?), None],
    /// )?;
    /// assert_eq!(unit.rounds().len(), 2);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        code: Option<NcsUnitCode>,
        scheduled: Hours,
        attended: Hours,
        rounds: Vec<Option<Score>>,
    ) -> Result<Self, InputError> {
        if scheduled.is_zero() {
            return Err(InputError::NotPositive {
                what: "scheduled hours of a unit",
            });
        }
        if attended > scheduled {
            return Err(InputError::Inconsistent(format!(
                "attended hours {attended} exceed the unit's scheduled hours {scheduled}"
            )));
        }
        Ok(UnitRecord {
            code,
            scheduled,
            attended,
            rounds,
            unit_course: None,
        })
    }

    /// The same unit as part of the unit course (단위과정) `label`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::{UnitCourseLabel, UnitRecord};
    /// # use cqnet_core::Hours;
    /// let unit = UnitRecord::new(None, Hours::whole(8)?, Hours::ZERO, vec![])?
    ///     .in_unit_course(UnitCourseLabel::new("A")?);
    /// assert_eq!(unit.unit_course().map(|l| l.as_str()), Some("A"));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn in_unit_course(mut self, label: UnitCourseLabel) -> Self {
        self.unit_course = Some(label);
        self
    }

    /// The unit course the unit belongs to; `None` makes it a unit course of its own.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::UnitRecord;
    /// # use cqnet_core::Hours;
    /// let unit = UnitRecord::new(None, Hours::whole(8)?, Hours::ZERO, vec![])?;
    /// assert!(unit.unit_course().is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn unit_course(&self) -> Option<&UnitCourseLabel> {
        self.unit_course.as_ref()
    }

    /// The unit's NCS code, if given.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::UnitRecord;
    /// # use cqnet_core::Hours;
    /// let unit = UnitRecord::new(None, Hours::whole(1)?, Hours::ZERO, vec![])?;
    /// assert!(unit.code().is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn code(&self) -> Option<&NcsUnitCode> {
        self.code.as_ref()
    }

    /// Scheduled hours.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::UnitRecord;
    /// # use cqnet_core::Hours;
    /// let unit = UnitRecord::new(None, Hours::whole(8)?, Hours::ZERO, vec![])?;
    /// assert_eq!(unit.scheduled(), Hours::whole(8)?);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn scheduled(&self) -> Hours {
        self.scheduled
    }

    /// Attended hours.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::UnitRecord;
    /// # use cqnet_core::Hours;
    /// let unit = UnitRecord::new(None, Hours::whole(8)?, Hours::whole(6)?, vec![])?;
    /// assert_eq!(unit.attended(), Hours::whole(6)?);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn attended(&self) -> Hours {
        self.attended
    }

    /// The internal evaluation rounds, `None` for one not taken.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::UnitRecord;
    /// # use cqnet_core::Hours;
    /// let unit = UnitRecord::new(None, Hours::whole(8)?, Hours::ZERO, vec![None])?;
    /// assert_eq!(unit.rounds(), &[None]);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn rounds(&self) -> &[Option<Score>] {
        &self.rounds
    }

    /// The unit score, the mean of its rounds, when every round was taken.
    fn score(&self) -> Option<Decimal> {
        if self.rounds.is_empty() {
            return None;
        }
        let mut sum = Decimal::ZERO;
        for round in &self.rounds {
            sum += round.as_ref()?.value();
        }
        Some(sum / Decimal::from(self.rounds.len()))
    }
}

/// The external evaluation scores (외부평가): written (1차 지필) and practical (2차 실무).
///
/// # Example
/// ```
/// use cqnet_core::course_based::ExternalScores;
/// use cqnet_core::Score;
/// let ext = ExternalScores::new(Score::new(80.into())?, Score::new(90.into())?);
/// assert_eq!(ext.practical, Score::new(90.into())?);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalScores {
    /// 1차 written part, on the 100-point scale.
    pub written: Score,
    /// 2차 practical part (작업형 실기, with interview), on the 100-point scale.
    pub practical: Score,
}

impl ExternalScores {
    /// Both parts of the external evaluation.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::ExternalScores;
    /// # use cqnet_core::Score;
    /// let ext = ExternalScores::new(Score::MAX, Score::ZERO);
    /// assert_eq!(ext.written, Score::MAX);
    /// ```
    pub fn new(written: Score, practical: Score) -> Self {
        ExternalScores { written, practical }
    }
}

/// Everything the rules look at for one 과정평가형 trainee: the units, and the external
/// evaluation once taken.
///
/// # Errors
/// [`InputError::Empty`] when there is no unit.
///
/// # Example
/// ```
/// use cqnet_core::course_based::TraineeRecord;
/// assert!(TraineeRecord::new(vec![]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TraineeRecordWire")]
pub struct TraineeRecord {
    units: Vec<UnitRecord>,
    external: Option<ExternalScores>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TraineeRecordWire {
    units: Vec<UnitRecord>,
    external: Option<ExternalScores>,
}

impl TryFrom<TraineeRecordWire> for TraineeRecord {
    type Error = InputError;
    fn try_from(w: TraineeRecordWire) -> Result<Self, Self::Error> {
        Ok(TraineeRecord::new(w.units)?.with_external_opt(w.external))
    }
}

impl TraineeRecord {
    /// A record of at least one unit, with no external evaluation yet.
    ///
    /// # Errors
    /// [`InputError::Empty`] when `units` is empty.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::{TraineeRecord, UnitRecord};
    /// # use cqnet_core::Hours;
    /// let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![])?;
    /// assert_eq!(TraineeRecord::new(vec![unit])?.units().len(), 1);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(units: Vec<UnitRecord>) -> Result<Self, InputError> {
        if units.is_empty() {
            return Err(InputError::Empty {
                what: "competency units",
            });
        }
        Ok(TraineeRecord {
            units,
            external: None,
        })
    }

    /// The same record with the external evaluation's scores.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
    /// # use cqnet_core::{Hours, Score};
    /// let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![])?;
    /// let r = TraineeRecord::new(vec![unit])?.with_external(ExternalScores::new(Score::MAX, Score::MAX));
    /// assert!(r.external().is_some());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn with_external(self, external: ExternalScores) -> Self {
        self.with_external_opt(Some(external))
    }

    fn with_external_opt(mut self, external: Option<ExternalScores>) -> Self {
        self.external = external;
        self
    }

    /// The units.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::{TraineeRecord, UnitRecord};
    /// # use cqnet_core::Hours;
    /// # let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![])?;
    /// let r = TraineeRecord::new(vec![unit])?;
    /// assert_eq!(r.units()[0].scheduled(), Hours::whole(10)?);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn units(&self) -> &[UnitRecord] {
        &self.units
    }

    /// The external evaluation, once taken.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::course_based::{TraineeRecord, UnitRecord};
    /// # use cqnet_core::Hours;
    /// # let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![])?;
    /// assert!(TraineeRecord::new(vec![unit])?.external().is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn external(&self) -> Option<&ExternalScores> {
        self.external.as_ref()
    }
}

/// The decision on a 과정평가형 trainee.
///
/// Scores are exact decimals (rounded only at rust_decimal's 28 significant digits in divisions,
/// far below any pass mark's precision); `None` where a score cannot be computed yet.
///
/// # Example
/// See the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CourseBasedDecision {
    /// 이수: every unit meets attendance and internal evaluation.
    pub completed: bool,
    /// 외부평가 응시자격: only completers may sit the external evaluation.
    pub eligible_for_external: bool,
    /// 내부평가 점수: computable when every unit has all its rounds.
    pub internal_score: Option<Decimal>,
    /// 외부평가 점수: written and practical weighted, once taken.
    pub external_score: Option<Decimal>,
    /// 최종점수: internal and external weighted, when both are known.
    pub final_score: Option<Decimal>,
    /// 합격: `Some(false)` when not completed; `None` until the external evaluation is taken.
    pub passed: Option<bool>,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Decides completion, eligibility, scores and pass for one trainee.
///
/// Every failing check is reported, once per unit (or, for attendance measured per unit
/// course, once per unit course) it concerns. The rule values come from `rules` (attendance
/// minimum and scope, round floor) and `standard` (weights, pass mark and aggregation of the
/// trainee's qualification).
///
/// # Example
/// ```
/// use cqnet_core::course_based::{decide, TraineeRecord, UnitRecord};
/// use cqnet_core::{rules::RulePack, ExamStandard, Hours, ReasonCode, Score};
///
/// let rules = RulePack::embedded().newest();
/// let short = UnitRecord::new(None, Hours::whole(40)?, "29.99".parse()?, vec![Some(Score::MAX)])?;
/// let decision = decide(&TraineeRecord::new(vec![short])?, &ExamStandard::from_rules(&rules), &rules);
/// assert!(!decision.completed);
/// assert_eq!(decision.reasons[0].code, ReasonCode::AttendanceBelowMinimum);
/// assert_eq!(decision.passed, Some(false));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(
    record: &TraineeRecord,
    standard: &ExamStandard,
    rules: &Rules,
) -> CourseBasedDecision {
    decided(record, standard, rules, &mut Tally::reasons_only())
}

/// Every check [`decide`] makes for one trainee, in its order, the passed ones beside the
/// failed ones: what an explanation of a decision lists. The failed checks are exactly the
/// decision's reasons (without their messages), made by the same code.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{checks, decide, TraineeRecord, UnitRecord};
/// use cqnet_core::{rules::RulePack, ExamStandard, Hours, ReasonCode, Score};
///
/// let rules = RulePack::embedded().newest();
/// let standard = ExamStandard::from_rules(&rules);
/// let short = UnitRecord::new(None, Hours::whole(40)?, Hours::whole(29)?, vec![Some(Score::whole(85)?)])?;
/// let record = TraineeRecord::new(vec![short])?;
/// let all = checks(&record, &standard, &rules);
/// let failed: Vec<ReasonCode> = all.iter().filter(|c| !c.passed).map(|c| c.code).collect();
/// assert_eq!(failed, [ReasonCode::AttendanceBelowMinimum]);
/// assert!(all.iter().any(|c| c.passed && c.code == ReasonCode::InternalRoundBelowFloor));
/// assert_eq!(decide(&record, &standard, &rules).reasons.len(), failed.len());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn checks(record: &TraineeRecord, standard: &ExamStandard, rules: &Rules) -> Vec<Check> {
    let mut tally = Tally::every_check();
    decided(record, standard, rules, &mut tally);
    tally.checks.unwrap_or_default()
}

fn decided(
    record: &TraineeRecord,
    standard: &ExamStandard,
    rules: &Rules,
    tally: &mut Tally,
) -> CourseBasedDecision {
    let cb = &rules.course_based;
    let attendance_min = cb.attendance_min_percent.value;
    let floor = cb.internal_round_floor.value;

    for (index, unit) in record.units.iter().enumerate() {
        let subject = || Subject::Unit {
            index,
            code: unit.code.as_ref().map(|c| c.to_string()),
        };
        if cb.attendance_scope.value == AttendanceScope::CompetencyUnit {
            let met = attendance_min.is_met_by(unit.attended.value(), unit.scheduled.value());
            tally.check(met, || {
                let measured = crate::Percent::ratio(unit.attended.value(), unit.scheduled.value())
                    .unwrap_or_default();
                // The per-unit scope is CQ-Net's practice: its basis is the scope's, not the
                // Decree's.
                Reason::new(
                    ReasonCode::AttendanceBelowMinimum,
                    cb.attendance_scope.basis.clone(),
                )
                .subject(subject())
                .measured(Quantity::Percent(measured))
                .required(Quantity::Percent(attendance_min.value()))
            });
        }
        let taken = unit.rounds.iter().flatten().count();
        let all_taken = !unit.rounds.is_empty() && taken == unit.rounds.len();
        tally.check(all_taken, || {
            Reason::new(
                ReasonCode::InternalEvaluationMissing,
                rules.bases.internal_evaluation_taken.basis.clone(),
            )
            .subject(subject())
            .measured(Quantity::Fraction {
                part: taken as u64,
                whole: unit.rounds.len() as u64,
            })
        });
        // The floor is checked on the rounds taken; a unit with none has nothing to check.
        if let Some(lowest) = unit.rounds.iter().flatten().min() {
            tally.check(*lowest >= floor, || {
                Reason::new(
                    ReasonCode::InternalRoundBelowFloor,
                    cb.internal_round_floor.basis.clone(),
                )
                .subject(subject())
                .measured(Quantity::Score(lowest.value()))
                .required(Quantity::Score(floor.value()))
            });
        }
    }
    if cb.attendance_scope.value == AttendanceScope::UnitCourse {
        unit_course_attendance(record, rules, tally);
    }
    let completed = tally.reasons.is_empty();

    let internal_score = internal_score(record, standard.aggregation());
    let external_score = record.external.map(|e| standard.external_score(e));
    let final_score = internal_score
        .zip(external_score)
        .map(|(i, e)| standard.final_score(i, e));

    let passed = match (completed, final_score) {
        (false, _) => Some(false),
        (true, None) => None,
        (true, Some(score)) => {
            let pass_mark = standard.pass_average().value();
            let passes = record
                .external
                .and_then(|external| reaches_pass_mark(record, standard, external))
                .unwrap_or(score >= pass_mark);
            tally.check(passes, || {
                Reason::new(
                    ReasonCode::FinalScoreBelowPassMark,
                    standard.pass_basis(rules),
                )
                .measured(Quantity::Score(score))
                .required(Quantity::Score(pass_mark))
            });
            Some(passes)
        }
    };

    CourseBasedDecision {
        completed,
        eligible_for_external: completed,
        internal_score: internal_score.map(|d| d.normalize()),
        external_score: external_score.map(|d| d.normalize()),
        final_score: final_score.map(|d| d.normalize()),
        passed,
        reasons: std::mem::take(&mut tally.reasons),
        rules: RulesUsed::from(rules),
    }
}

/// The attendance check per unit course (단위과정, 시행령 제14조의3): the units sharing a label
/// are summed, and a unit without one is a unit course of its own. Unit courses come in the
/// order of their first unit.
fn unit_course_attendance(record: &TraineeRecord, rules: &Rules, tally: &mut Tally) {
    let minimum = &rules.course_based.attendance_min_percent;
    let mut courses: Vec<(Option<&UnitCourseLabel>, Vec<usize>, Decimal, Decimal)> = Vec::new();
    for (index, unit) in record.units.iter().enumerate() {
        let (attended, scheduled) = (unit.attended.value(), unit.scheduled.value());
        match unit
            .unit_course
            .as_ref()
            .and_then(|label| courses.iter_mut().find(|c| c.0 == Some(label)))
        {
            Some(course) => {
                course.1.push(index);
                course.2 += attended;
                course.3 += scheduled;
            }
            None => courses.push((unit.unit_course.as_ref(), vec![index], attended, scheduled)),
        }
    }
    for (label, units, attended, scheduled) in courses {
        tally.check(minimum.value.is_met_by(attended, scheduled), || {
            let measured = crate::Percent::ratio(attended, scheduled).unwrap_or_default();
            Reason::new(
                ReasonCode::UnitCourseAttendanceBelowMinimum,
                minimum.basis.clone(),
            )
            .subject(Subject::UnitCourse {
                label: label.map(|l| l.to_string()),
                units,
            })
            .measured(Quantity::Percent(measured))
            .required(Quantity::Percent(minimum.value.value()))
        });
    }
}

/// Whether the final score reaches the pass mark, decided exactly: the internal score is a
/// mean of means (a third of a sum, say), which a decimal holds only rounded, so a final score
/// of exactly 80 could read as 79.999…. With every value ten thousand times over as an
/// integer (scores, hours and percentages hold at most four places), `L` the least common
/// multiple of the units' round counts, `N = Σ sum_i × (L / m_i) × weight_i` and `W = Σ weight_i`
/// (weights 1, or the units' hours): internal = `N / (W × L × 10⁴)`, external = `E / 10¹⁰`, and
/// `(internal × wi + external × we) / 100 ≥ pass` is `N × wi × 10⁶ + E × we × W × L ≥ 100 ×
/// pass × W × L × 10¹⁰`. `None` when a round is missing or a product does not fit in 128
/// bits, and the rounded comparison decides.
fn reaches_pass_mark(
    record: &TraineeRecord,
    standard: &ExamStandard,
    external: ExternalScores,
) -> Option<bool> {
    fn scaled(value: Decimal) -> Option<i128> {
        let mut value = value;
        value.rescale(4);
        (value.scale() == 4).then_some(value.mantissa())
    }
    fn gcd(mut a: i128, mut b: i128) -> i128 {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a.abs().max(1)
    }
    let mut lcm: i128 = 1;
    for unit in &record.units {
        let rounds = i128::try_from(unit.rounds.len()).ok().filter(|m| *m > 0)?;
        lcm = lcm.checked_mul(rounds / gcd(lcm, rounds))?;
    }
    let (mut numerator, mut weights) = (0i128, 0i128);
    for unit in &record.units {
        let mut sum = 0i128;
        for round in &unit.rounds {
            sum = sum.checked_add(scaled(round.as_ref()?.value())?)?;
        }
        let weight = match standard.aggregation() {
            InternalAggregation::Mean => 1,
            InternalAggregation::HoursWeighted => scaled(unit.scheduled.value())?,
        };
        let rounds = i128::try_from(unit.rounds.len()).ok()?;
        numerator = numerator.checked_add(sum.checked_mul(lcm / rounds)?.checked_mul(weight)?)?;
        weights = weights.checked_add(weight)?;
    }
    let [
        internal_weight,
        external_weight,
        written_weight,
        practical_weight,
    ] = standard.weights().map(|w| scaled(w.value()));
    let external_sum = scaled(external.written.value())?
        .checked_mul(written_weight?)?
        .checked_add(scaled(external.practical.value())?.checked_mul(practical_weight?)?)?;
    let both = weights.checked_mul(lcm)?;
    let left = numerator
        .checked_mul(internal_weight?)?
        .checked_mul(1_000_000)?
        .checked_add(
            external_sum
                .checked_mul(external_weight?)?
                .checked_mul(both)?,
        )?;
    let right = scaled(standard.pass_average().value())?
        .checked_mul(both)?
        .checked_mul(1_000_000_000_000)?;
    Some(left >= right)
}

/// The internal score: unit scores combined by `aggregation`, when every unit has all rounds.
fn internal_score(record: &TraineeRecord, aggregation: InternalAggregation) -> Option<Decimal> {
    let mut weighted_sum = Decimal::ZERO;
    let mut weight_total = Decimal::ZERO;
    for unit in &record.units {
        let score = unit.score()?;
        let weight = match aggregation {
            InternalAggregation::Mean => Decimal::ONE,
            InternalAggregation::HoursWeighted => unit.scheduled.value(),
        };
        weighted_sum += score * weight;
        weight_total += weight;
    }
    // Units have non-zero hours and the record at least one unit, so the total is positive.
    Some(weighted_sum / weight_total)
}
