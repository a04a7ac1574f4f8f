//! The records of learning companies (학습기업) and their company field teachers (기업현장교사):
//! what a company files, what the agency records about it, and what the core decided.

use chrono::{DateTime, Months, NaiveDate, Utc};
use cqnet_core::access::PartyId;
use cqnet_core::field_teacher::{Candidate, Route};
use cqnet_core::learning_company::{LearningCompanyDecision, LearningCompanyFacts};
use cqnet_core::rules::Rules;
use cqnet_core::sanction::{self, Ground, Measure, Proposal, SanctionCase, SanctionDecision};
use cqnet_core::{Hours, InputError, Reason, RulesUsed};
use serde::{Deserialize, Serialize};

use crate::Actor;
use crate::training::InstitutionId;

/// The management and staffing facts a company files with its application (시행령 제8조): every
/// one must be given, none defaults (in JSON too: `null` says "none", a missing key refuses).
/// The on-site review is recorded by the agency apart ([`SiteReview`]).
///
/// # Example
/// ```
/// use cqnet_store::work_study::CompanyFacts;
/// let facts = CompanyFacts::example();
/// let core = facts.on("2026-04-01".parse().unwrap(), true);
/// assert_eq!(core.regular_employees, facts.regular_employees);
/// assert!(core.site_review_passed);
/// let mut json = serde_json::to_value(facts).unwrap();
/// assert_eq!(serde_json::from_value::<CompanyFacts>(json.clone()).unwrap(), facts);
/// json.as_object_mut().unwrap().remove("credit_rating_meets_notice");
/// assert!(serde_json::from_value::<CompanyFacts>(json).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyFacts {
    /// Named on the published wage-arrears list (임금체불 명단 공개).
    pub wage_arrears_listed: bool,
    /// The day the workplace was named in an industrial-accident disclosure, if ever.
    #[serde(deserialize_with = "Option::deserialize")]
    pub accident_disclosed_on: Option<NaiveDate>,
    /// Under a training-approval restriction (훈련과정 인정 제한).
    pub training_restricted: bool,
    /// Insured under employment insurance (고용보험).
    pub employment_insured: bool,
    /// Regular employees (상시 근로자).
    pub regular_employees: u32,
    /// The ministry's notice minimum of regular employees (고시 기준).
    pub min_regular_employees: u32,
    /// Whether the credit rating meets the notice's level; `None` where the company has no rating.
    #[serde(deserialize_with = "Option::deserialize")]
    pub credit_rating_meets_notice: Option<bool>,
    /// Company field teachers (기업현장교사) on staff.
    pub field_teachers: u32,
    /// HR or administrative staff (담당 인력).
    pub hr_staff: u32,
    /// A staffing plan (인력 확보 계획) was filed with the application.
    pub staffing_plan: bool,
    /// The work-study programme (일학습병행과정) is approved.
    pub programme_approved: bool,
}

impl CompanyFacts {
    /// The facts of a company that meets every requirement of the embedded pack: 25 regular
    /// employees against a notice minimum of 20, one field teacher and one HR staff member.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::work_study::CompanyFacts;
    /// assert_eq!(CompanyFacts::example().field_teachers, 1);
    /// ```
    pub fn example() -> Self {
        CompanyFacts {
            wage_arrears_listed: false,
            accident_disclosed_on: None,
            training_restricted: false,
            employment_insured: true,
            regular_employees: 25,
            min_regular_employees: 20,
            credit_rating_meets_notice: None,
            field_teachers: 1,
            hr_staff: 1,
            staffing_plan: false,
            programme_approved: true,
        }
    }

    /// The facts as the core's decision reads them, on the day of the decision and with the
    /// outcome of the on-site review.
    ///
    /// # Example
    /// See [`CompanyFacts`].
    pub fn on(&self, decided_on: NaiveDate, site_review_passed: bool) -> LearningCompanyFacts {
        LearningCompanyFacts {
            decided_on,
            wage_arrears_listed: self.wage_arrears_listed,
            accident_disclosed_on: self.accident_disclosed_on,
            training_restricted: self.training_restricted,
            employment_insured: self.employment_insured,
            regular_employees: self.regular_employees,
            min_regular_employees: self.min_regular_employees,
            credit_rating_meets_notice: self.credit_rating_meets_notice,
            field_teachers: self.field_teachers,
            hr_staff: self.hr_staff,
            staffing_plan: self.staffing_plan,
            programme_approved: self.programme_approved,
            site_review_passed,
        }
    }
}

/// A company's application for designation as a learning company (학습기업 지정 신청, 시행규칙
/// 제3조): the company (an institution of kind `Company`) and its facts. The day it is filed is
/// the command's.
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::work_study::{CompanyApplication, CompanyFacts};
/// let a = CompanyApplication { company: InstitutionId::from_u128(200), facts: CompanyFacts::example() };
/// assert_eq!(a.company, InstitutionId::from_u128(200));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyApplication {
    /// The company.
    pub company: InstitutionId,
    /// Its management and staffing facts.
    pub facts: CompanyFacts,
}

/// The agency's on-site review of a company's facilities and equipment (현장실사, 시행령
/// 제7조제2항), which a designation needs.
///
/// # Example
/// ```
/// use cqnet_store::work_study::SiteReview;
/// let r = SiteReview { reviewed_on: "2026-03-20".parse().unwrap(), facilities_confirmed: true };
/// assert!(r.facilities_confirmed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteReview {
    /// The day of the review.
    pub reviewed_on: NaiveDate,
    /// The facilities and equipment for OJT and Off-JT were confirmed on site.
    pub facilities_confirmed: bool,
}

/// A hearing (청문, 일학습병행법 제38조) held in a proceeding against a designated company.
///
/// # Example
/// ```
/// use cqnet_store::work_study::Hearing;
/// let h = Hearing { held_on: "2026-09-01".parse().unwrap() };
/// assert_eq!(h.held_on.to_string(), "2026-09-01");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hearing {
    /// The day it was held.
    pub held_on: NaiveDate,
}

/// A fact as it was recorded: who recorded it and when.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{Hearing, Recorded};
/// use cqnet_store::{Actor, Role};
/// let r = Recorded { fact: Hearing { held_on: "2026-09-01".parse()? }, by: Actor::new("hrdk.admin", Role::Agency)?, at: "2026-09-01T01:00:00Z".parse()? };
/// assert_eq!(r.by.login(), "hrdk.admin");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded<T> {
    /// The fact.
    pub fact: T,
    /// Who recorded it.
    pub by: Actor,
    /// When, by the host's clock.
    pub at: DateTime<Utc>,
}

/// The core's decision on a company's designation, as it was recorded: the day, whether every
/// requirement held, every failing check, and the rules that decided.
///
/// # Example
/// ```
/// use cqnet_core::learning_company::{decide, LearningCompanyApplication};
/// use cqnet_core::rules::RulePack;
/// use cqnet_store::work_study::{CompanyFacts, DesignationDecision};
/// let day = "2026-04-01".parse()?;
/// let rules = RulePack::embedded().rules_at(day)?;
/// let core = decide(&LearningCompanyApplication::new(CompanyFacts::example().on(day, true))?, &rules);
/// let kept = DesignationDecision::of(day, &core);
/// assert!(kept.meets_requirements && kept.reasons.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesignationDecision {
    /// The day of the decision.
    pub decided_on: NaiveDate,
    /// Every requirement holds.
    pub meets_requirements: bool,
    /// Every failing check, as the core gave it.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

impl DesignationDecision {
    /// The record of the core's decision on `decided_on`.
    ///
    /// # Example
    /// See [`DesignationDecision`].
    pub fn of(decided_on: NaiveDate, decision: &LearningCompanyDecision) -> Self {
        DesignationDecision {
            decided_on,
            meets_requirements: decision.meets_requirements,
            reasons: decision.reasons.clone(),
            rules: decision.rules.clone(),
        }
    }
}

/// Where a learning company stands.
///
/// # Example
/// ```
/// use cqnet_store::work_study::CompanyStatus;
/// let s = CompanyStatus::Suspended { from: "2026-09-01".parse().unwrap(), until: "2027-03-01".parse().unwrap() };
/// assert_eq!(s.code(), "suspended");
/// assert_eq!(serde_json::to_value(&s).unwrap()["status"], "suspended");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CompanyStatus {
    /// Applied, not yet decided.
    Applied,
    /// The latest decision found a requirement unmet (지정 거부); a new review may be recorded
    /// and the company decided again.
    Refused,
    /// Designated (학습기업 지정).
    Designated,
    /// The designation's effect is suspended (지정의 효력 정지) from `from` until the day
    /// before `until`; from `until` on it is in force again.
    Suspended {
        /// The first day of the suspension.
        from: NaiveDate,
        /// The first day the designation is in force again.
        until: NaiveDate,
    },
    /// The designation is cancelled (지정취소), from `on`.
    Cancelled {
        /// The day of the cancellation.
        on: NaiveDate,
    },
}

impl CompanyStatus {
    /// The status's stable code (`applied`, `refused`, `designated`, `suspended`,
    /// `cancelled`), as the SQL back ends keep it beside the record.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::work_study::CompanyStatus;
    /// assert_eq!(CompanyStatus::Designated.code(), "designated");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            CompanyStatus::Applied => "applied",
            CompanyStatus::Refused => "refused",
            CompanyStatus::Designated => "designated",
            CompanyStatus::Suspended { .. } => "suspended",
            CompanyStatus::Cancelled { .. } => "cancelled",
        }
    }
}

/// A measure ordered against a designated company (행정처분, 일학습병행법 제14조제1항): its
/// grounds, the measure and, for a suspension, its months. Whether it is lawful is the core's
/// decision when it is taken ([`LearningCompany::measure_decision`]).
///
/// # Errors
/// [`MeasureOrder::new`] refuses no ground or a ground named twice, a suspension without months
/// or of 0 months, and months for another measure ([`InputError`]).
///
/// # Example
/// ```
/// use cqnet_core::sanction::{Ground, Measure};
/// use cqnet_store::work_study::MeasureOrder;
/// let order = MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::Suspension, Some(6))?;
/// assert_eq!(order.months(), Some(6));
/// assert!(MeasureOrder::new(vec![], Measure::CorrectiveOrder, None).is_err());
/// assert!(MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::Suspension, None).is_err());
/// let read: Result<MeasureOrder, _> = serde_json::from_str(r#"{"grounds":[],"measure":"cancellation","months":null}"#);
/// assert!(read.is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "MeasureOrderWire")]
pub struct MeasureOrder {
    grounds: Vec<Ground>,
    measure: Measure,
    months: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureOrderWire {
    grounds: Vec<Ground>,
    measure: Measure,
    months: Option<u32>,
}

impl TryFrom<MeasureOrderWire> for MeasureOrder {
    type Error = InputError;
    fn try_from(w: MeasureOrderWire) -> Result<Self, Self::Error> {
        MeasureOrder::new(w.grounds, w.measure, w.months)
    }
}

impl MeasureOrder {
    /// A checked order.
    ///
    /// # Errors
    /// As the core's [`Proposal::new`] and [`SanctionCase::new`]: no ground, a ground named
    /// twice, a suspension without months or of 0 months, months for another measure.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::sanction::{Ground, Measure};
    /// use cqnet_store::work_study::MeasureOrder;
    /// let twice = vec![Ground::CriteriaNotMet, Ground::CriteriaNotMet];
    /// assert!(MeasureOrder::new(twice, Measure::CorrectiveOrder, None).is_err());
    /// ```
    pub fn new(
        grounds: Vec<Ground>,
        measure: Measure,
        months: Option<u32>,
    ) -> Result<Self, InputError> {
        let proposal = Proposal::new(measure, months)?;
        // The core's checks of the grounds; whether a hearing was held is the record's.
        SanctionCase::new(
            sanction::Target::LearningCompany,
            grounds.clone(),
            proposal,
            false,
        )?;
        Ok(MeasureOrder {
            grounds,
            measure,
            months,
        })
    }

    /// The grounds, as given.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::sanction::{Ground, Measure};
    /// use cqnet_store::work_study::MeasureOrder;
    /// let o = MeasureOrder::new(vec![Ground::FraudulentDesignation], Measure::Cancellation, None)?;
    /// assert_eq!(o.grounds(), &[Ground::FraudulentDesignation]);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn grounds(&self) -> &[Ground] {
        &self.grounds
    }

    /// The measure.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::sanction::{Ground, Measure};
    /// use cqnet_store::work_study::MeasureOrder;
    /// let o = MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::CorrectiveOrder, None)?;
    /// assert_eq!(o.measure(), Measure::CorrectiveOrder);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn measure(&self) -> Measure {
        self.measure
    }

    /// The months of a suspension.
    ///
    /// # Example
    /// See [`MeasureOrder`].
    pub fn months(&self) -> Option<u32> {
        self.months
    }

    /// The core's case of this order, with whether a hearing was held.
    fn case(&self, hearing_held: bool) -> Result<SanctionCase, InputError> {
        SanctionCase::new(
            sanction::Target::LearningCompany,
            self.grounds.clone(),
            Proposal::new(self.measure, self.months)?,
            hearing_held,
        )
    }
}

/// A measure taken, as it was recorded: the order, its first day, the day a suspension ends,
/// the hearing it relied on, the core's finding on mandatory cancellation, and the rules.
///
/// # Example
/// ```
/// use cqnet_store::work_study::TakenMeasure;
/// fn ended(m: &TakenMeasure, day: chrono::NaiveDate) -> bool {
///     m.until.is_some_and(|until| day >= until)
/// }
/// let _ = ended;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakenMeasure {
    /// What was ordered.
    pub order: MeasureOrder,
    /// The day it takes effect.
    pub effective_on: NaiveDate,
    /// For a suspension, the first day the designation is in force again.
    pub until: Option<NaiveDate>,
    /// The hearing it relied on, if any.
    pub hearing_held_on: Option<NaiveDate>,
    /// A ground made cancellation mandatory (the core's finding).
    pub mandatory_cancellation: bool,
    /// The rules that allowed it.
    pub rules: RulesUsed,
    /// Who took it.
    pub by: Actor,
    /// When, by the host's clock.
    pub at: DateTime<Utc>,
}

/// A learning company (학습기업) and its whole history: the application and its facts, every
/// on-site review and every decision in order, the designation, the hearings and the measures
/// taken. Nothing is ever removed from it: a cancellation or a suspension changes the status
/// and appends the measure.
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::work_study::{CompanyApplication, CompanyFacts, CompanyStatus, LearningCompany};
/// let application = CompanyApplication { company: InstitutionId::from_u128(200), facts: CompanyFacts::example() };
/// let company = LearningCompany::applied(&application, "2026-03-02".parse().unwrap());
/// assert_eq!(company.status, CompanyStatus::Applied);
/// assert!(!company.designation_in_force("2026-03-03".parse().unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningCompany {
    /// The company (an institution of kind `Company`).
    pub company: InstitutionId,
    /// The day the application was filed.
    pub filed_on: NaiveDate,
    /// The facts filed.
    pub facts: CompanyFacts,
    /// Every on-site review, in order; the latest counts.
    pub site_reviews: Vec<Recorded<SiteReview>>,
    /// Every decision on the designation, in order; the latest counts.
    pub decisions: Vec<DesignationDecision>,
    /// The day of the designation, once designated.
    pub designated_on: Option<NaiveDate>,
    /// Where it stands.
    pub status: CompanyStatus,
    /// The hearings held, in order.
    pub hearings: Vec<Recorded<Hearing>>,
    /// The measures taken, in order.
    pub measures: Vec<TakenMeasure>,
}

impl LearningCompany {
    /// A company as its application leaves it: applied on `filed_on`, nothing else recorded.
    ///
    /// # Example
    /// See [`LearningCompany`].
    pub fn applied(application: &CompanyApplication, filed_on: NaiveDate) -> Self {
        LearningCompany {
            company: application.company,
            filed_on,
            facts: application.facts,
            site_reviews: Vec::new(),
            decisions: Vec::new(),
            designated_on: None,
            status: CompanyStatus::Applied,
            hearings: Vec::new(),
            measures: Vec::new(),
        }
    }

    /// The latest on-site review.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{CompanyApplication, CompanyFacts, LearningCompany};
    /// # let application = CompanyApplication { company: InstitutionId::from_u128(200), facts: CompanyFacts::example() };
    /// let company = LearningCompany::applied(&application, "2026-03-02".parse().unwrap());
    /// assert!(company.latest_review().is_none());
    /// ```
    pub fn latest_review(&self) -> Option<&Recorded<SiteReview>> {
        self.site_reviews.last()
    }

    /// The latest decision on the designation.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{CompanyApplication, CompanyFacts, LearningCompany};
    /// # let application = CompanyApplication { company: InstitutionId::from_u128(200), facts: CompanyFacts::example() };
    /// let company = LearningCompany::applied(&application, "2026-03-02".parse().unwrap());
    /// assert!(company.latest_decision().is_none());
    /// ```
    pub fn latest_decision(&self) -> Option<&DesignationDecision> {
        self.decisions.last()
    }

    /// Whether the company may be reviewed and decided (again): applied, or refused by its
    /// latest decision.
    pub(crate) fn awaits_decision(&self) -> bool {
        matches!(self.status, CompanyStatus::Applied | CompanyStatus::Refused)
    }

    /// Whether the company was designated and the designation is not cancelled (it may be
    /// suspended): a hearing or a measure concerns it.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{CompanyApplication, CompanyFacts, LearningCompany};
    /// # let application = CompanyApplication { company: InstitutionId::from_u128(200), facts: CompanyFacts::example() };
    /// let company = LearningCompany::applied(&application, "2026-03-02".parse().unwrap());
    /// assert!(!company.is_designated());
    /// ```
    pub fn is_designated(&self) -> bool {
        matches!(
            self.status,
            CompanyStatus::Designated | CompanyStatus::Suspended { .. }
        )
    }

    /// Whether the designation is in force on `day`: designated on or before it, and neither
    /// cancelled by then nor suspended on it.
    ///
    /// # Example
    /// See [`LearningCompany`].
    pub fn designation_in_force(&self, day: NaiveDate) -> bool {
        let designated = self.designated_on.is_some_and(|on| on <= day);
        designated
            && match self.status {
                CompanyStatus::Designated => true,
                CompanyStatus::Suspended { from, until } => day < from || day >= until,
                CompanyStatus::Cancelled { on } => day < on,
                CompanyStatus::Applied | CompanyStatus::Refused => false,
            }
    }

    /// The latest hearing held on or before `day`.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{CompanyApplication, CompanyFacts, LearningCompany};
    /// # let application = CompanyApplication { company: InstitutionId::from_u128(200), facts: CompanyFacts::example() };
    /// let company = LearningCompany::applied(&application, "2026-03-02".parse().unwrap());
    /// assert_eq!(company.hearing_by("2026-12-31".parse().unwrap()), None);
    /// ```
    pub fn hearing_by(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.hearings
            .iter()
            .map(|h| h.fact.held_on)
            .filter(|held| *held <= day)
            .max()
    }

    /// The core's sanction decision on `order` taken on `day` under `rules`, with the hearing
    /// this record holds by then.
    ///
    /// # Errors
    /// [`InputError`] when the order names a ground the law does not list for a learning
    /// company (the core's [`sanction::decide`]).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::sanction::{Ground, Measure};
    /// use cqnet_core::ReasonCode;
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{CompanyApplication, CompanyFacts, LearningCompany, MeasureOrder};
    /// # let application = CompanyApplication { company: InstitutionId::from_u128(200), facts: CompanyFacts::example() };
    /// let company = LearningCompany::applied(&application, "2026-03-02".parse()?);
    /// let day = "2026-09-01".parse()?;
    /// let cancel = MeasureOrder::new(vec![Ground::CriteriaNotMet], Measure::Cancellation, None)?;
    /// let d = company.measure_decision(&cancel, day, &RulePack::embedded().rules_at(day)?)?;
    /// assert_eq!(d.reasons[0].code, ReasonCode::HearingRequired);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn measure_decision(
        &self,
        order: &MeasureOrder,
        day: NaiveDate,
        rules: &Rules,
    ) -> Result<SanctionDecision, InputError> {
        let case = order.case(self.hearing_by(day).is_some())?;
        sanction::decide(&case, rules)
    }

    /// Applies a measure the core allowed: appends it and sets the status a cancellation or a
    /// suspension leaves (a corrective order leaves it as it is).
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] for a suspension that would end beyond the calendar.
    pub(crate) fn apply_measure(&mut self, measure: TakenMeasure) -> Result<(), InputError> {
        match measure.order.measure {
            Measure::CorrectiveOrder => {}
            Measure::Cancellation => {
                self.status = CompanyStatus::Cancelled {
                    on: measure.effective_on,
                };
            }
            Measure::Suspension => {
                let until = measure.until.ok_or(InputError::Missing {
                    what: "end of a suspension",
                })?;
                self.status = CompanyStatus::Suspended {
                    from: measure.effective_on,
                    until,
                };
            }
        }
        self.measures.push(measure);
        Ok(())
    }
}

/// The first day after a suspension of `months` from `from` (the same day `months` later, the
/// end of a shorter month falling back to its last day).
///
/// # Errors
/// [`InputError::OutOfRange`] beyond the calendar.
pub(crate) fn suspension_end(from: NaiveDate, months: u32) -> Result<NaiveDate, InputError> {
    from.checked_add_months(Months::new(months))
        .ok_or_else(|| InputError::OutOfRange {
            what: "end of a suspension",
            min: from.to_string(),
            max: NaiveDate::MAX.to_string(),
            value: format!("{from} + {months} months"),
        })
}

/// A company field teacher (기업현장교사) to register for a designated learning company: the
/// person (the host's opaque identifier, never a resident registration number) and what they
/// bring, which the core's [`field_teacher::decide`](cqnet_core::field_teacher::decide) reads.
///
/// # Example
/// ```
/// use cqnet_core::access::PartyId;
/// use cqnet_core::field_teacher::Candidate;
/// use cqnet_core::Years;
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::work_study::NewFieldTeacher;
/// let t = NewFieldTeacher {
///     teacher: PartyId::new("teacher-1")?,
///     company: InstitutionId::from_u128(200),
///     candidate: Candidate { practical_years: Years::whole(3)?, ..Candidate::default() },
/// };
/// assert_eq!(t.teacher.as_str(), "teacher-1");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewFieldTeacher {
    /// The person.
    pub teacher: PartyId,
    /// The learning company they teach for.
    pub company: InstitutionId,
    /// Their degree, experience and qualifications.
    pub candidate: Candidate,
}

/// The mandatory training of a company field teacher (기업현장교사 양성 교육, 시행령 제9조제2항):
/// the day it was completed and its hours.
///
/// # Example
/// ```
/// use cqnet_core::Hours;
/// use cqnet_store::work_study::TeacherTraining;
/// let t = TeacherTraining { completed_on: "2026-05-10".parse().unwrap(), hours: Hours::whole(18).unwrap() };
/// assert_eq!(t.hours, Hours::whole(18).unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeacherTraining {
    /// The day it was completed.
    pub completed_on: NaiveDate,
    /// Its hours.
    pub hours: Hours,
}

/// A company field teacher as registered: the person, their one company, the day, what they
/// brought, the routes of the core's decision and its rules, and their mandatory training once
/// recorded.
///
/// # Example
/// ```
/// use cqnet_store::work_study::FieldTeacher;
/// fn trained(t: &FieldTeacher) -> bool { t.training.is_some() }
/// let _ = trained;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldTeacher {
    /// The person.
    pub teacher: PartyId,
    /// The one learning company they belong to.
    pub company: InstitutionId,
    /// The day they were registered.
    pub registered_on: NaiveDate,
    /// What they brought.
    pub candidate: Candidate,
    /// The routes of 시행령 제9조제1항 that qualify them (the core's decision).
    pub routes: Vec<Route>,
    /// The rules of that decision.
    pub rules: RulesUsed,
    /// Their mandatory training, once recorded.
    pub training: Option<Recorded<TeacherTraining>>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_suspension_ends_on_the_same_day_months_later_or_the_month_s_last() {
        assert_eq!(
            suspension_end(day("2026-03-05"), 24).unwrap(),
            day("2028-03-05")
        );
        // No 31 February: the end falls back to the month's last day.
        assert_eq!(
            suspension_end(day("2026-08-31"), 6).unwrap(),
            day("2027-02-28")
        );
        assert!(suspension_end(NaiveDate::MAX, 1).is_err());
    }

    #[test]
    fn a_designation_is_in_force_outside_its_suspension_only() {
        let application = CompanyApplication {
            company: InstitutionId::from_u128(1),
            facts: CompanyFacts::example(),
        };
        let mut company = LearningCompany::applied(&application, day("2026-03-02"));
        company.designated_on = Some(day("2026-03-04"));
        company.status = CompanyStatus::Designated;
        assert!(!company.designation_in_force(day("2026-03-03")));
        assert!(company.designation_in_force(day("2026-03-04")));
        company.status = CompanyStatus::Suspended {
            from: day("2026-04-01"),
            until: day("2026-10-01"),
        };
        assert!(company.designation_in_force(day("2026-03-31")));
        assert!(!company.designation_in_force(day("2026-04-01")));
        assert!(!company.designation_in_force(day("2026-09-30")));
        assert!(company.designation_in_force(day("2026-10-01")));
        company.status = CompanyStatus::Cancelled {
            on: day("2026-11-01"),
        };
        assert!(company.designation_in_force(day("2026-10-31")));
        assert!(!company.designation_in_force(day("2026-11-01")));
        assert!(!company.is_designated());
    }

    #[test]
    fn the_latest_hearing_by_a_day_counts() {
        let application = CompanyApplication {
            company: InstitutionId::from_u128(1),
            facts: CompanyFacts::example(),
        };
        let mut company = LearningCompany::applied(&application, day("2026-03-02"));
        let by = Actor::new("hrdk.admin", crate::Role::Agency).unwrap();
        for held in ["2026-05-01", "2026-06-01"] {
            company.hearings.push(Recorded {
                fact: Hearing { held_on: day(held) },
                by: by.clone(),
                at: "2026-06-01T00:00:00Z".parse().unwrap(),
            });
        }
        assert_eq!(company.hearing_by(day("2026-04-30")), None);
        assert_eq!(
            company.hearing_by(day("2026-05-31")),
            Some(day("2026-05-01"))
        );
        assert_eq!(
            company.hearing_by(day("2026-07-01")),
            Some(day("2026-06-01"))
        );
    }
}
