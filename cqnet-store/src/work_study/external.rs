//! The external evaluation (외부평가) of a learning worker, as their contract keeps it: the
//! round sat, the days of the sitting and of the announcement, the pass or fail of each
//! competency unit (능력단위), and the core's decision on them. A pass ends the contract and
//! opens the duty to convert the learner (법 제22조제2항, 제24조); a fail is what the extension
//! the employer owes (법 제22조제3항) rests on.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use cqnet_core::certificate::{PassStatus, ResultFacts, pass_status};
use cqnet_core::exam::{ExamPlan, SystemCode};
use cqnet_core::rules::Rules;
use cqnet_core::window::{korean_date, kst};
use cqnet_core::work_study::{self, UnitResult, WorkStudyDecision};
use cqnet_core::{InputError, QualificationCode, Reason, RulesUsed, Track};
use serde::{Deserialize, Serialize};

use super::{LearningContract, Programme};
use crate::Actor;
use crate::exam::RoundId;

/// What the agency records of a learner's external evaluation: the round (a 일학습병행 round,
/// `W1`, `W2` or `W3`), the day it was sat, the day its results were announced (합격자 발표),
/// and the pass or fail of each unit evaluated.
///
/// # Example
/// ```
/// use cqnet_core::work_study::UnitResult;
/// use cqnet_store::exam::RoundId;
/// use cqnet_store::work_study::ExternalResultEntry;
/// let entry = ExternalResultEntry {
///     round: RoundId::new("2027-W1-01")?,
///     sat_on: "2027-05-15".parse()?,
///     announced_on: "2027-06-11".parse()?,
///     units: vec![UnitResult::new(None, true), UnitResult::new(None, false)],
/// };
/// assert!(entry.check().is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalResultEntry {
    /// The round sat (외부평가 회차).
    pub round: RoundId,
    /// The day the learner sat it.
    pub sat_on: NaiveDate,
    /// The day its results were announced (합격자 발표).
    pub announced_on: NaiveDate,
    /// Pass or fail of each unit evaluated (at least one).
    pub units: Vec<UnitResult>,
}

impl ExternalResultEntry {
    /// Checks the entry's own shape: a round of the work-study track, at least one unit, and
    /// an announcement on or after the sitting.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for a round of the course-based track, [`InputError::Empty`]
    /// without a unit, [`InputError::Inconsistent`] for an announcement before the sitting.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::work_study::UnitResult;
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::work_study::ExternalResultEntry;
    /// let of_course_track = ExternalResultEntry {
    ///     round: RoundId::new("2027-C1-01")?,
    ///     sat_on: "2027-05-15".parse()?,
    ///     announced_on: "2027-06-11".parse()?,
    ///     units: vec![UnitResult::new(None, true)],
    /// };
    /// assert!(of_course_track.check().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self) -> Result<(), InputError> {
        if self.round_track() != Some(Track::WorkStudy) {
            return Err(InputError::Malformed {
                what: "round",
                value: self.round.to_string(),
                expected: "a round of the work-study track (W1, W2 or W3)",
            });
        }
        if self.units.is_empty() {
            return Err(InputError::Empty {
                what: "external units",
            });
        }
        if self.announced_on < self.sat_on {
            return Err(InputError::Inconsistent(format!(
                "an external evaluation announced on {} before it was sat on {}",
                self.announced_on, self.sat_on
            )));
        }
        Ok(())
    }

    /// Checks the entry against the round's evaluation plan (시행계획) as the exam store keeps
    /// it: the sitting on one of the round's evaluation days, the announcement on the Korean
    /// day of its announcement, and, where the learner's programme leads to a qualification,
    /// a round that covers it.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] naming what disagrees.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::exam::{ExamPlan, ExamPlanSpec, SystemCode};
    /// use cqnet_core::work_study::UnitResult;
    /// use cqnet_store::exam::RoundId;
    /// use cqnet_store::work_study::ExternalResultEntry;
    /// let plan = ExamPlan::new(ExamPlanSpec { system: SystemCode::W1, ..ExamPlan::example().spec().clone() })?;
    /// let entry = ExternalResultEntry {
    ///     round: RoundId::new(&plan.id())?,
    ///     sat_on: plan.spec().first_day,
    ///     announced_on: "2026-04-10".parse()?,
    ///     units: vec![UnitResult::new(None, true)],
    /// };
    /// assert!(entry.check_round(&plan, None).is_ok());
    /// let another_day = ExternalResultEntry { sat_on: "2026-03-25".parse()?, ..entry.clone() };
    /// assert!(another_day.check_round(&plan, None).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_round(
        &self,
        plan: &ExamPlan,
        qualification: Option<&QualificationCode>,
    ) -> Result<(), InputError> {
        let spec = plan.spec();
        if self.sat_on != spec.first_day && Some(self.sat_on) != spec.second_day {
            return Err(InputError::Inconsistent(format!(
                "round {} is not sat on {}: its evaluation days are {}{}",
                self.round,
                self.sat_on,
                spec.first_day,
                spec.second_day
                    .map_or_else(String::new, |d| format!(" and {d}"))
            )));
        }
        let announced = korean_date(spec.announcement);
        if self.announced_on != announced {
            return Err(InputError::Inconsistent(format!(
                "round {} is announced on {announced}, not on {}",
                self.round, self.announced_on
            )));
        }
        if let Some(code) = qualification
            && !spec.qualifications.contains(code)
        {
            return Err(InputError::Inconsistent(format!(
                "round {} does not cover qualification {code} the programme leads to",
                self.round
            )));
        }
        Ok(())
    }

    /// The track of the round, read from its system code (`2027-W1-01` is 일학습병행).
    fn round_track(&self) -> Option<Track> {
        let system = self.round.as_str().split('-').nth(1)?;
        system.parse::<SystemCode>().ok().map(SystemCode::track)
    }
}

/// A learner's external evaluation as the contract keeps it: the entry, the core's pass on
/// it, the units passed, the rules of the decision, who recorded it and when.
///
/// # Example
/// ```
/// use cqnet_store::work_study::ExternalResult;
/// fn show(r: &ExternalResult) -> String {
///     format!("{}: {} of {} units, passed {}", r.entry.round, r.units_passed, r.entry.units.len(), r.passed)
/// }
/// let _ = show;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalResult {
    /// What was recorded.
    pub entry: ExternalResultEntry,
    /// The core's pass (외부평가 합격).
    pub passed: bool,
    /// Units passed.
    pub units_passed: u32,
    /// Every failing check of the decision (none when passed).
    pub reasons: Vec<Reason>,
    /// The rules of the core's decision.
    pub rules: RulesUsed,
    /// Who recorded it.
    pub by: Actor,
    /// When, by the host's clock.
    pub at: DateTime<Utc>,
}

impl LearningContract {
    /// The core's decision on an external evaluation of the contract's learner:
    /// [`work_study::decide`] on the record the completion certificate (이수증명서) was issued
    /// on (the internal evaluations and the ledger up to its day) with the units of `entry`.
    /// `None` when no certificate was issued: without it the learner is not eligible
    /// (응시자격).
    ///
    /// # Errors
    /// [`InputError`] as [`LearningContract::completion_record`], and for an entry without a
    /// unit.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::access::PartyId;
    /// # use cqnet_core::work_study::UnitResult;
    /// # use cqnet_store::exam::RoundId;
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{ContractId, ContractTerms, ExternalResultEntry, LearningContract, NewContract, NewProgramme, Programme, ProgrammeId};
    /// # use cqnet_store::{Actor, Role};
    /// # let company = InstitutionId::from_u128(200);
    /// # let new = NewContract { contract: ContractId::from_u128(1), learner: PartyId::new("learner-1")?, born_on: "2004-05-06".parse()?, learner_name: None, company, terms: ContractTerms::example() };
    /// let rules = cqnet_core::rules::RulePack::embedded().rules_at("2027-05-15".parse()?)?;
    /// # let c = LearningContract::concluded(&new, "2026-02-27".parse()?, &new.decision(&rules)?);
    /// # let asked = NewProgramme::example(ProgrammeId::from_u128(1), company);
    /// # let agency = Actor::new("hrdk.admin", Role::Agency)?;
    /// # let p = Programme::approved(&asked, "2026-03-02".parse()?, &asked.decision(&rules), &agency, "2026-03-02T01:00:00Z".parse()?);
    /// let entry = ExternalResultEntry {
    ///     round: RoundId::new("2027-W1-01")?,
    ///     sat_on: "2027-05-15".parse()?,
    ///     announced_on: "2027-06-11".parse()?,
    ///     units: vec![UnitResult::new(None, true)],
    /// };
    /// assert!(c.external_decision(&p, &entry, &rules)?.is_none()); // no 이수증명서 yet
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn external_decision(
        &self,
        programme: &Programme,
        entry: &ExternalResultEntry,
        rules: &Rules,
    ) -> Result<Option<WorkStudyDecision>, InputError> {
        let Some(certificate) = &self.completion else {
            return Ok(None);
        };
        let record = self
            .completion_record(programme, certificate.issued_on, rules)?
            .with_external(entry.units.clone())?;
        Ok(Some(work_study::decide(&record, rules)))
    }

    /// The failed external evaluations an owed extension may still rest on: those recorded
    /// and not yet claimed by an extension, each claimed by the day of its announcement.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::access::PartyId;
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{ContractId, ContractTerms, LearningContract, NewContract};
    /// # let new = NewContract { contract: ContractId::from_u128(1), learner: PartyId::new("learner-1")?, born_on: "2004-05-06".parse()?, learner_name: None, company: InstitutionId::from_u128(200), terms: ContractTerms::example() };
    /// # let rules = cqnet_core::rules::RulePack::embedded().rules_at("2026-09-01".parse()?)?;
    /// let c = LearningContract::concluded(&new, "2026-02-27".parse()?, &new.decision(&rules)?);
    /// assert!(c.unclaimed_failures().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unclaimed_failures(&self) -> Vec<NaiveDate> {
        let mut failures: Vec<NaiveDate> = self
            .external_results
            .iter()
            .filter(|r| !r.passed)
            .map(|r| r.entry.announced_on)
            .collect();
        for extension in &self.extensions {
            if let Some(at) = failures
                .iter()
                .position(|d| *d == extension.fact.claim.failed_on)
            {
                failures.remove(at);
            }
        }
        failures
    }
}

impl LearningContract {
    /// The pass (합격) the contract's external evaluations give at `now`, read as the core's
    /// [`pass_status`] reads a round's result: the sitting the core passed, else the latest,
    /// counts from the start of its announcement day (Korean time); passed on that day, failed,
    /// or not finalised before it and without a sitting. A certificate (자격증) is issued only
    /// of a pass.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::access::PartyId;
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{ContractId, ContractTerms, LearningContract, NewContract};
    /// use cqnet_core::certificate::PassStatus;
    /// # let new = NewContract { contract: ContractId::from_u128(1), learner: PartyId::new("learner-1")?, born_on: "2004-05-06".parse()?, learner_name: None, company: InstitutionId::from_u128(200), terms: ContractTerms::example() };
    /// # let rules = cqnet_core::rules::RulePack::embedded().rules_at("2026-09-01".parse()?)?;
    /// let c = LearningContract::concluded(&new, "2026-02-27".parse()?, &new.decision(&rules)?);
    /// assert_eq!(c.pass_status("2027-06-11T09:00:00+09:00".parse()?), PassStatus::NotFinalised);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pass_status(&self, now: DateTime<FixedOffset>) -> PassStatus {
        let sitting = self
            .external_results
            .iter()
            .find(|r| r.passed)
            .or(self.external_results.last());
        let Some(sitting) = sitting else {
            return PassStatus::NotFinalised;
        };
        let Some(announcement) = sitting
            .entry
            .announced_on
            .and_time(NaiveTime::MIN)
            .and_local_timezone(kst())
            .single()
        else {
            return PassStatus::NotFinalised;
        };
        let facts = ResultFacts {
            finalised: true,
            passed: Some(sitting.passed),
        };
        pass_status(Some(facts), announcement, now)
    }
}
