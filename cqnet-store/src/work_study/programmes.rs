//! The records of work-study programmes (일학습병행과정): a programme the agency approved for a
//! learning company against its occupation's training standard (교육훈련기준), the internal
//! evaluations (내부평가) of its units a learner's contract records, and the completion
//! certificate (이수증명서) issued from them and the contract's ledger.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use cqnet_core::programme::{
    self, Attended, EvaluationPlan, ProgrammeDecision, ProgrammePlan, ProgrammePlanSpec,
    ProgrammeUnit, StandardUnit, TrainingStandard, TrainingStandardSpec, UnitScore,
};
use cqnet_core::rules::Rules;
use cqnet_core::standard::UnitKind;
use cqnet_core::work_study::{self, LearnerRecord, TrainingHours, WorkStudyDecision};
use cqnet_core::{
    Hours, InputError, QualificationCode, RulesUsed, Score, Track, UnitCode,
    WorkStudyQualificationName,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::LearningContract;
use crate::training::{InstitutionId, Qualification};
use crate::{ConflictKind, StoreError};

/// The identifier of a work-study programme (a UUID the host chooses).
///
/// # Example
/// ```
/// use cqnet_store::work_study::ProgrammeId;
/// let id: ProgrammeId = "67e55044-10b1-426f-9247-bb680e5fe0c8".parse()?;
/// assert_eq!(id.to_string(), "67e55044-10b1-426f-9247-bb680e5fe0c8");
/// assert_eq!(ProgrammeId::from_u128(7).uuid().as_u128(), 7);
/// assert!("not-an-id".parse::<ProgrammeId>().is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProgrammeId(Uuid);

impl ProgrammeId {
    /// The identifier of a UUID chosen by the host.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::work_study::ProgrammeId;
    /// assert_eq!(ProgrammeId::new(uuid::Uuid::from_u128(3)), ProgrammeId::from_u128(3));
    /// ```
    pub const fn new(id: Uuid) -> Self {
        ProgrammeId(id)
    }

    /// The identifier of a number, for tests and examples.
    ///
    /// # Example
    /// See [`ProgrammeId`].
    pub const fn from_u128(n: u128) -> Self {
        ProgrammeId(Uuid::from_u128(n))
    }

    /// The UUID.
    ///
    /// # Example
    /// See [`ProgrammeId`].
    pub const fn uuid(self) -> Uuid {
        self.0
    }
}

impl fmt::Display for ProgrammeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl FromStr for ProgrammeId {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s)
            .map(ProgrammeId)
            .map_err(|_| InputError::Malformed {
                what: "ProgrammeId",
                value: s.chars().take(64).collect(),
                expected: "a UUID such as 67e55044-10b1-426f-9247-bb680e5fe0c8",
            })
    }
}

/// A programme a learning company asks to have approved (일학습병행과정 인정 신청): its
/// identifier, the company, the qualification it leads to, the occupation's training standard
/// it is built on, and the programme itself with its internal evaluation.
///
/// The qualification is a code of the store's catalog, of the work-study track and named
/// `{직종}_L{n}` (such as `CNC밀링가공_L3`): what the certificate (자격증) of a learner who
/// passes prints. A programme naming none is approved as before, and its learners can get no
/// certificate (`certificate_facts_missing`).
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::work_study::{NewProgramme, ProgrammeId};
/// let new = NewProgramme::example(ProgrammeId::from_u128(1), InstitutionId::from_u128(200));
/// let rules = cqnet_core::rules::RulePack::embedded().newest();
/// assert!(new.decision(&rules).approvable);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewProgramme {
    /// The programme's identifier.
    pub programme: ProgrammeId,
    /// The learning company that runs it.
    pub company: InstitutionId,
    /// The work-study qualification (일학습병행자격 종목) it leads to, a code of the catalog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<QualificationCode>,
    /// The occupation's training standard.
    pub standard: TrainingStandard,
    /// The programme.
    pub plan: ProgrammePlan,
}

impl NewProgramme {
    /// A programme of two units (one mandatory, one elective) at the standard's hours (18 of
    /// OJT and 6 of Off-JT, small so that a test's ledger reaches them), twelve months long,
    /// for examples and tests.
    ///
    /// # Example
    /// See [`NewProgramme`].
    #[expect(clippy::missing_panics_doc, reason = "literals that are valid")]
    pub fn example(programme: ProgrammeId, company: InstitutionId) -> Self {
        let h = |n: u32| Hours::whole(n).expect("whole hours");
        let code = |c: &str| UnitCode::new(c).expect("a unit code");
        let standard = TrainingStandard::new(TrainingStandardSpec {
            occupation: "CNC밀링가공".into(),
            version: Some("L3".into()),
            units: vec![
                StandardUnit::new(code("1501020101_20v3"), UnitKind::Mandatory, h(12), h(4)),
                StandardUnit::new(code("1501020102_20v3"), UnitKind::Elective, h(6), h(2)),
            ],
        })
        .expect("a standard");
        let plan = ProgrammePlan::new(ProgrammePlanSpec {
            months: 12,
            units: standard
                .spec()
                .units
                .iter()
                .map(|u| ProgrammeUnit {
                    code: u.code.clone(),
                    ojt_hours: u.ojt_hours,
                    off_jt_hours: u.off_jt_hours,
                })
                .collect(),
            evaluation: EvaluationPlan::example(),
        })
        .expect("a programme");
        NewProgramme {
            programme,
            company,
            qualification: None,
            standard,
            plan,
        }
    }

    /// The core's decision on the programme against its standard.
    ///
    /// # Example
    /// See [`NewProgramme`].
    pub fn decision(&self, rules: &Rules) -> ProgrammeDecision {
        programme::decide(&self.standard, &self.plan, rules)
    }
}

/// An approved programme: what was approved, the day, the rules of the core's decision, who
/// approved it and when. Nothing of it changes after the approval.
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::work_study::{NewProgramme, Programme, ProgrammeId};
/// use cqnet_store::{Actor, Role};
/// let new = NewProgramme::example(ProgrammeId::from_u128(1), InstitutionId::from_u128(200));
/// let rules = cqnet_core::rules::RulePack::embedded().newest();
/// let agency = Actor::new("hrdk.admin", Role::Agency)?;
/// let p = Programme::approved(&new, "2026-03-04".parse()?, &new.decision(&rules), &agency, "2026-03-04T01:00:00Z".parse()?);
/// assert_eq!(p.company, new.company);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    /// The programme's identifier.
    pub programme: ProgrammeId,
    /// The learning company that runs it.
    pub company: InstitutionId,
    /// The work-study qualification it leads to, if the application named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<QualificationCode>,
    /// The occupation's training standard it was approved against.
    pub standard: TrainingStandard,
    /// The programme as approved.
    pub plan: ProgrammePlan,
    /// The day of the approval.
    pub approved_on: NaiveDate,
    /// The rules of the core's decision.
    pub rules: RulesUsed,
    /// Who approved it.
    pub by: crate::Actor,
    /// When, by the host's clock.
    pub at: DateTime<Utc>,
}

impl Programme {
    /// The record of `new` approved on `approved_on` by `by` at `at` with the core's decision.
    ///
    /// # Example
    /// See [`Programme`].
    pub fn approved(
        new: &NewProgramme,
        approved_on: NaiveDate,
        decision: &ProgrammeDecision,
        by: &crate::Actor,
        at: DateTime<Utc>,
    ) -> Self {
        Programme {
            programme: new.programme,
            company: new.company,
            qualification: new.qualification.clone(),
            standard: new.standard.clone(),
            plan: new.plan.clone(),
            approved_on,
            rules: decision.rules.clone(),
            by: by.clone(),
            at,
        }
    }
}

/// An internal evaluation (내부평가) of one unit of a programme, as the company records it for
/// a learner: the programme, the unit, the score (0 to 100, checked when it is built) and the
/// day it was held.
///
/// # Example
/// ```
/// use cqnet_core::{Score, UnitCode};
/// use cqnet_store::work_study::{InternalEvaluationEntry, ProgrammeId};
/// let e = InternalEvaluationEntry { programme: ProgrammeId::from_u128(1), unit: UnitCode::new("A")?, score: Score::whole(80)?, evaluated_on: "2026-06-01".parse()? };
/// assert!(serde_json::from_str::<InternalEvaluationEntry>(&serde_json::to_string(&e)?.replace("\"80\"", "\"101\"")).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternalEvaluationEntry {
    /// The programme.
    pub programme: ProgrammeId,
    /// The unit evaluated.
    pub unit: UnitCode,
    /// Its score.
    pub score: Score,
    /// The day it was held.
    pub evaluated_on: NaiveDate,
}

/// An internal evaluation as recorded: the entry, whether the unit passed by the core's
/// [`unit_passes`](cqnet_core::programme::unit_passes), the rules, who recorded it and when.
///
/// # Example
/// ```
/// use cqnet_store::work_study::InternalEvaluation;
/// fn passed(e: &InternalEvaluation) -> bool { e.passed }
/// let _ = passed;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InternalEvaluation {
    /// The entry.
    pub entry: InternalEvaluationEntry,
    /// The unit passed.
    pub passed: bool,
    /// The rules of the day it was held.
    pub rules: RulesUsed,
    /// Who recorded it.
    pub by: crate::Actor,
    /// When, by the host's clock.
    pub at: DateTime<Utc>,
}

/// The completion certificate (이수증명서) of a programme, issued when the core found the
/// internal evaluation passed and the attendance enough: the programme, the day, the hours
/// scheduled and attended of each training, the units passed of the programme's, the rules,
/// who issued it and when.
///
/// # Example
/// ```
/// use cqnet_store::work_study::CompletionCertificate;
/// fn share(c: &CompletionCertificate) -> (u32, u32) { (c.units_passed, c.units) }
/// let _ = share;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionCertificate {
    /// The programme completed.
    pub programme: ProgrammeId,
    /// The day of issue.
    pub issued_on: NaiveDate,
    /// OJT hours scheduled by the programme and attended by the ledger.
    pub ojt: TrainingHours,
    /// Off-JT hours scheduled by the programme and attended by the ledger.
    pub off_jt: TrainingHours,
    /// Units whose latest internal evaluation passed.
    pub units_passed: u32,
    /// Units of the programme.
    pub units: u32,
    /// The rules of the core's decision.
    pub rules: RulesUsed,
    /// Who issued it.
    pub by: crate::Actor,
    /// When, by the host's clock.
    pub at: DateTime<Utc>,
}

impl LearningContract {
    /// The internal evaluations of `programme` recorded on the contract, as the core reads
    /// them, in the order they were held (the order recorded among those of one day).
    fn unit_scores(&self, programme: ProgrammeId) -> Vec<UnitScore> {
        let mut held: Vec<&InternalEvaluation> = self
            .evaluations
            .iter()
            .filter(|e| e.entry.programme == programme)
            .collect();
        held.sort_by_key(|e| e.entry.evaluated_on);
        held.iter()
            .map(|e| UnitScore {
                code: e.entry.unit.clone(),
                score: e.entry.score,
            })
            .collect()
    }

    /// The learner's record against `programme` on `day`, as the core builds it: the internal
    /// evaluations the contract recorded and the OJT and Off-JT hours of its ledger up to and
    /// including `day` (excused absences counted as attended), against the programme's units
    /// and planned hours.
    ///
    /// # Errors
    /// [`InputError`] for an evaluation of a unit the programme does not have.
    ///
    /// # Example
    /// See [`LearningContract::completion_decision`].
    pub fn completion_record(
        &self,
        programme: &Programme,
        day: NaiveDate,
        rules: &Rules,
    ) -> Result<LearnerRecord, InputError> {
        let until = day.succ_opt().unwrap_or(day);
        let statement = self.statement_until(until);
        let attended = Attended {
            ojt: statement.ojt_hours,
            off_jt: statement.off_jt_hours,
        };
        programme::learner_record(
            &programme.plan,
            &self.unit_scores(programme.programme),
            attended,
            rules,
        )
    }

    /// The core's decision on the completion of `programme` on `day`
    /// ([`work_study::decide`](cqnet_core::work_study::decide) on
    /// [`LearningContract::completion_record`]): the internal evaluation passed and the
    /// attendance enough for the completion certificate (이수증명서).
    ///
    /// # Errors
    /// As [`LearningContract::completion_record`].
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::access::PartyId;
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{ContractId, ContractTerms, LearningContract, NewContract, NewProgramme, Programme, ProgrammeId};
    /// # use cqnet_store::{Actor, Role};
    /// # let company = InstitutionId::from_u128(200);
    /// # let new = NewContract { contract: ContractId::from_u128(1), learner: PartyId::new("learner-1")?, born_on: "2004-05-06".parse()?, learner_name: None, company, terms: ContractTerms::example() };
    /// let rules = cqnet_core::rules::RulePack::embedded().rules_at("2026-09-01".parse()?)?;
    /// # let c = LearningContract::concluded(&new, "2026-02-27".parse()?, &new.decision(&rules)?);
    /// # let asked = NewProgramme::example(ProgrammeId::from_u128(1), company);
    /// # let agency = Actor::new("hrdk.admin", Role::Agency)?;
    /// # let p = Programme::approved(&asked, "2026-03-02".parse()?, &asked.decision(&rules), &agency, "2026-03-02T01:00:00Z".parse()?);
    /// let d = c.completion_decision(&p, "2026-09-01".parse()?, &rules)?;
    /// assert!(!d.completion_certificate); // no day and no evaluation recorded
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn completion_decision(
        &self,
        programme: &Programme,
        day: NaiveDate,
        rules: &Rules,
    ) -> Result<WorkStudyDecision, InputError> {
        let record = self.completion_record(programme, day, rules)?;
        Ok(work_study::decide(&record, rules))
    }
}

/// Checks that a catalog qualification is one a work-study programme leads to: of the
/// work-study track and named `{직종}_L{n}`, as its certificate prints it.
///
/// # Errors
/// [`StoreError::Conflict`] of kind `NotAWorkStudyQualification`.
pub(crate) fn check_work_study_qualification(
    qualification: &Qualification,
) -> Result<WorkStudyQualificationName, StoreError> {
    let refused = |why: String| {
        StoreError::conflict(
            ConflictKind::NotAWorkStudyQualification,
            format!(
                "qualification {} is not a work-study qualification: {why}",
                qualification.code()
            ),
        )
    };
    if qualification.track() != Track::WorkStudy {
        return Err(refused(format!("of the {} track", qualification.track())));
    }
    WorkStudyQualificationName::new(qualification.name()).map_err(|e| refused(e.to_string()))
}
