//! Designating a learning company (학습기업 지정): the management criteria of 산업현장 일학습병행
//! 지원에 관한 법률 시행령 제8조제1항, the staff of 제8조제2항, and the on-site review of facilities
//! and equipment of 제7조제2항.
//!
//! Which management criteria apply, the look-back after an industrial-accident disclosure, the
//! staff needed and whether a staffing plan stands in for them are rule-pack values
//! (`learning_company.*`). The ministry's notice (고시) that sets the minimum number of regular
//! employees and the credit-rating level was not read: the host gives both as inputs
//! ([`LearningCompanyFacts::min_regular_employees`],
//! [`LearningCompanyFacts::credit_rating_meets_notice`]).
//!
//! # Example
//! ```
//! use cqnet_core::learning_company::{decide, LearningCompanyApplication, LearningCompanyFacts};
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::ReasonCode;
//!
//! let facts = LearningCompanyFacts {
//!     decided_on: "2026-04-01".parse().unwrap(),
//!     wage_arrears_listed: false,
//!     accident_disclosed_on: Some("2025-04-01".parse().unwrap()),
//!     training_restricted: false,
//!     employment_insured: true,
//!     regular_employees: 25,
//!     min_regular_employees: 20,
//!     credit_rating_meets_notice: None,
//!     field_teachers: 1,
//!     hr_staff: 1,
//!     staffing_plan: false,
//!     programme_approved: true,
//!     site_review_passed: true,
//! };
//! let decision = decide(&LearningCompanyApplication::new(facts)?, &RulePack::embedded().newest());
//! // A disclosure one year ago to the day is still within the year.
//! assert_eq!(decision.reasons[0].code, ReasonCode::IndustrialAccidentDisclosed);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::rules::Rules;
use crate::{InputError, Quantity, Reason, ReasonCode, RulesUsed};

/// A management criterion of 시행령 제8조제1항 (`learning_company.management_criteria`).
///
/// # Example
/// ```
/// use cqnet_core::learning_company::ManagementCriterion;
/// let c: ManagementCriterion = serde_json::from_str("\"credit_rating\"").unwrap();
/// assert_eq!(c.to_string(), "credit_rating");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ManagementCriterion {
    /// 제1호: not a publicly named wage-arrears employer (임금체불 명단 공개).
    WageArrears,
    /// 제2호: no industrial-accident disclosure (산업재해 발생 공표) within the look-back.
    IndustrialAccident,
    /// 제3호: not under a training-approval restriction (훈련과정 인정 제한).
    TrainingRestriction,
    /// 제4호: insured under employment insurance (고용보험 가입).
    EmploymentInsurance,
    /// 제5호: at least the regular employees the ministry's notice sets (상시 근로자 수).
    RegularEmployees,
    /// 제6호: a credit rating at or above the notice's level, where rated (신용평가등급).
    CreditRating,
}

impl fmt::Display for ManagementCriterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ManagementCriterion::WageArrears => "wage_arrears",
            ManagementCriterion::IndustrialAccident => "industrial_accident",
            ManagementCriterion::TrainingRestriction => "training_restriction",
            ManagementCriterion::EmploymentInsurance => "employment_insurance",
            ManagementCriterion::RegularEmployees => "regular_employees",
            ManagementCriterion::CreditRating => "credit_rating",
        })
    }
}

/// The management criteria in force (`learning_company.management_criteria`).
///
/// # Example
/// ```
/// use cqnet_core::learning_company::ManagementCriterion;
/// use cqnet_core::rules::RulePack;
/// let criteria = RulePack::embedded().newest().learning_company.management_criteria.value;
/// assert!(criteria.contains(ManagementCriterion::EmploymentInsurance));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ManagementCriteria(BTreeSet<ManagementCriterion>);

impl ManagementCriteria {
    /// Whether `criterion` applies.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::learning_company::ManagementCriterion;
    /// use cqnet_core::rules::RulePack;
    /// let criteria = RulePack::embedded().newest().learning_company.management_criteria.value;
    /// assert!(criteria.contains(ManagementCriterion::WageArrears));
    /// ```
    pub fn contains(&self, criterion: ManagementCriterion) -> bool {
        self.0.contains(&criterion)
    }
}

impl fmt::Display for ManagementCriteria {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.0.iter().map(|c| c.to_string()).collect();
        f.write_str(&names.join(", "))
    }
}

/// The staff a learning company needs (`learning_company.staffing`, 시행령 제8조제2항).
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let staffing = RulePack::embedded().newest().learning_company.staffing.value;
/// assert_eq!((staffing.field_teachers, staffing.hr_staff), (1, 1));
/// assert!(staffing.plan_until_programme_approved);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffingRequirements {
    /// Company field teachers (기업현장교사) needed, at least.
    pub field_teachers: u32,
    /// HR or administrative staff (담당 인력) needed, at least.
    pub hr_staff: u32,
    /// A staffing plan (인력 확보 계획) counts as the staff until the programme is approved.
    pub plan_until_programme_approved: bool,
}

impl fmt::Display for StaffingRequirements {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "at least {} field teacher(s) and {} HR staff",
            self.field_teachers, self.hr_staff
        )?;
        if self.plan_until_programme_approved {
            f.write_str("; a staffing plan counts until the programme is approved")?;
        }
        Ok(())
    }
}

/// The facts about a company applying to become a learning company, as the host gives them.
///
/// # Example
/// ```
/// use cqnet_core::learning_company::LearningCompanyFacts;
/// let facts: LearningCompanyFacts = serde_json::from_value(serde_json::json!({
///     "decided_on": "2026-04-01", "wage_arrears_listed": false, "accident_disclosed_on": null,
///     "training_restricted": false, "employment_insured": true, "regular_employees": 25,
///     "min_regular_employees": 20, "credit_rating_meets_notice": null, "field_teachers": 1,
///     "hr_staff": 1, "staffing_plan": false, "programme_approved": true, "site_review_passed": true
/// })).unwrap();
/// assert_eq!(facts.regular_employees, 25);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningCompanyFacts {
    /// The day of the decision on designation.
    pub decided_on: NaiveDate,
    /// Named on the published wage-arrears list (임금체불 명단 공개).
    pub wage_arrears_listed: bool,
    /// The day the workplace was named in an industrial-accident disclosure, if ever.
    pub accident_disclosed_on: Option<NaiveDate>,
    /// Under a training-approval restriction (훈련과정 인정 제한).
    pub training_restricted: bool,
    /// Insured under employment insurance (고용보험).
    pub employment_insured: bool,
    /// Regular employees (상시 근로자).
    pub regular_employees: u32,
    /// The ministry's notice minimum of regular employees (고시 기준, an input: unread).
    pub min_regular_employees: u32,
    /// Whether the credit rating meets the notice's level; `None` where the company has no rating.
    pub credit_rating_meets_notice: Option<bool>,
    /// Company field teachers (기업현장교사) on staff.
    pub field_teachers: u32,
    /// HR or administrative staff (담당 인력).
    pub hr_staff: u32,
    /// A staffing plan was submitted with the application.
    pub staffing_plan: bool,
    /// The work-study programme (일학습병행과정) is approved.
    pub programme_approved: bool,
    /// Facilities and equipment were confirmed on site (현장실사).
    pub site_review_passed: bool,
}

/// A checked application: facts that can describe a real company.
///
/// # Errors
/// [`InputError::Inconsistent`] when the accident disclosure is dated after the decision.
///
/// # Example
/// ```
/// use cqnet_core::learning_company::{LearningCompanyApplication, LearningCompanyFacts};
/// let facts = LearningCompanyFacts {
///     decided_on: "2026-04-01".parse().unwrap(),
///     wage_arrears_listed: false,
///     accident_disclosed_on: Some("2026-04-02".parse().unwrap()),
///     training_restricted: false,
///     employment_insured: true,
///     regular_employees: 25,
///     min_regular_employees: 20,
///     credit_rating_meets_notice: Some(true),
///     field_teachers: 1,
///     hr_staff: 1,
///     staffing_plan: false,
///     programme_approved: true,
///     site_review_passed: true,
/// };
/// assert!(LearningCompanyApplication::new(facts).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "LearningCompanyFacts", into = "LearningCompanyFacts")]
pub struct LearningCompanyApplication(LearningCompanyFacts);

impl LearningCompanyApplication {
    /// Checks the facts.
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] when the accident disclosure is dated after the decision.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::learning_company::{LearningCompanyApplication, LearningCompanyFacts};
    /// let facts = LearningCompanyFacts {
    ///     decided_on: "2026-04-01".parse().unwrap(),
    ///     wage_arrears_listed: false,
    ///     accident_disclosed_on: Some("2026-04-01".parse().unwrap()),
    ///     training_restricted: false,
    ///     employment_insured: true,
    ///     regular_employees: 25,
    ///     min_regular_employees: 20,
    ///     credit_rating_meets_notice: None,
    ///     field_teachers: 1,
    ///     hr_staff: 1,
    ///     staffing_plan: false,
    ///     programme_approved: true,
    ///     site_review_passed: true,
    /// };
    /// // A disclosure on the day of the decision is a real situation (and counts against it).
    /// assert!(LearningCompanyApplication::new(facts).is_ok());
    /// ```
    pub fn new(facts: LearningCompanyFacts) -> Result<Self, InputError> {
        if let Some(disclosed) = facts.accident_disclosed_on
            && disclosed > facts.decided_on
        {
            return Err(InputError::Inconsistent(format!(
                "an accident disclosure on {disclosed} is after the decision on {}",
                facts.decided_on
            )));
        }
        Ok(LearningCompanyApplication(facts))
    }

    /// The facts.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::learning_company::{LearningCompanyApplication, LearningCompanyFacts};
    /// # let facts = LearningCompanyFacts { decided_on: "2026-04-01".parse().unwrap(), wage_arrears_listed: false,
    /// #     accident_disclosed_on: None, training_restricted: false, employment_insured: true, regular_employees: 5,
    /// #     min_regular_employees: 5, credit_rating_meets_notice: None, field_teachers: 1, hr_staff: 1,
    /// #     staffing_plan: false, programme_approved: false, site_review_passed: true };
    /// let app = LearningCompanyApplication::new(facts)?;
    /// assert_eq!(app.facts().regular_employees, 5);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn facts(&self) -> &LearningCompanyFacts {
        &self.0
    }
}

impl TryFrom<LearningCompanyFacts> for LearningCompanyApplication {
    type Error = InputError;
    fn try_from(facts: LearningCompanyFacts) -> Result<Self, Self::Error> {
        LearningCompanyApplication::new(facts)
    }
}

impl From<LearningCompanyApplication> for LearningCompanyFacts {
    fn from(app: LearningCompanyApplication) -> Self {
        app.0
    }
}

/// Whether the company meets the requirements of a learning company.
///
/// # Example
/// ```
/// use cqnet_core::learning_company::{decide, LearningCompanyApplication, LearningCompanyFacts};
/// use cqnet_core::rules::RulePack;
/// let facts = LearningCompanyFacts {
///     decided_on: "2026-04-01".parse().unwrap(),
///     wage_arrears_listed: false,
///     accident_disclosed_on: None,
///     training_restricted: false,
///     employment_insured: true,
///     regular_employees: 20,
///     min_regular_employees: 20,
///     credit_rating_meets_notice: Some(true),
///     field_teachers: 1,
///     hr_staff: 1,
///     staffing_plan: false,
///     programme_approved: true,
///     site_review_passed: true,
/// };
/// let d = decide(&LearningCompanyApplication::new(facts)?, &RulePack::embedded().newest());
/// assert!(d.meets_requirements && d.reasons.is_empty());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LearningCompanyDecision {
    /// Every requirement holds.
    pub meets_requirements: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Decides whether a company meets the requirements of a learning company.
///
/// # Example
/// ```
/// use cqnet_core::learning_company::{decide, LearningCompanyApplication, LearningCompanyFacts};
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::ReasonCode;
/// let facts = LearningCompanyFacts {
///     decided_on: "2026-04-01".parse().unwrap(),
///     wage_arrears_listed: false,
///     accident_disclosed_on: None,
///     training_restricted: false,
///     employment_insured: true,
///     regular_employees: 19,
///     min_regular_employees: 20,
///     credit_rating_meets_notice: Some(true),
///     field_teachers: 0,
///     hr_staff: 0,
///     staffing_plan: true,
///     programme_approved: false,
///     site_review_passed: true,
/// };
/// let d = decide(&LearningCompanyApplication::new(facts)?, &RulePack::embedded().newest());
/// // The staffing plan stands in for the staff until the programme is approved.
/// let codes: Vec<ReasonCode> = d.reasons.iter().map(|r| r.code).collect();
/// assert_eq!(codes, vec![ReasonCode::TooFewRegularEmployees]);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(application: &LearningCompanyApplication, rules: &Rules) -> LearningCompanyDecision {
    let lc = &rules.learning_company;
    let f = &application.0;
    let criteria = &lc.management_criteria;
    let applies = |c| criteria.value.contains(c);
    let mut reasons = Vec::new();
    let mut fail = |code, measured: Option<Quantity>, required: Option<Quantity>| {
        let mut reason = Reason::new(code, criteria.basis.clone());
        if let Some(m) = measured {
            reason = reason.measured(m);
        }
        if let Some(r) = required {
            reason = reason.required(r);
        }
        reasons.push(reason);
    };

    if applies(ManagementCriterion::WageArrears) && f.wage_arrears_listed {
        fail(ReasonCode::WageArrearsEmployer, None, None);
    }
    if applies(ManagementCriterion::TrainingRestriction) && f.training_restricted {
        fail(ReasonCode::TrainingApprovalRestricted, None, None);
    }
    if applies(ManagementCriterion::EmploymentInsurance) && !f.employment_insured {
        fail(ReasonCode::NotEmploymentInsured, None, None);
    }
    if applies(ManagementCriterion::RegularEmployees)
        && f.regular_employees < f.min_regular_employees
    {
        fail(
            ReasonCode::TooFewRegularEmployees,
            Some(Quantity::Count(u64::from(f.regular_employees))),
            Some(Quantity::Count(u64::from(f.min_regular_employees))),
        );
    }
    if applies(ManagementCriterion::CreditRating) && f.credit_rating_meets_notice == Some(false) {
        fail(ReasonCode::CreditRatingBelowNotice, None, None);
    }
    if applies(ManagementCriterion::IndustrialAccident)
        && let Some(disclosed) = f.accident_disclosed_on
    {
        let lookback = &lc.accident_lookback_years;
        // "D plus N years": the same day N years on, 29 February falling back to the 28th.
        let last_day = disclosed
            .checked_add_months(Months::new(lookback.value.saturating_mul(12)))
            .unwrap_or(NaiveDate::MAX);
        if f.decided_on <= last_day {
            reasons.push(
                Reason::new(
                    ReasonCode::IndustrialAccidentDisclosed,
                    lookback.basis.clone(),
                )
                .measured(Quantity::Date(disclosed))
                .required(Quantity::Date(last_day)),
            );
        }
    }

    let staffing = &lc.staffing;
    let plan_stands_in =
        staffing.value.plan_until_programme_approved && f.staffing_plan && !f.programme_approved;
    if !plan_stands_in {
        for (code, have, need) in [
            (
                ReasonCode::NoFieldTeacher,
                f.field_teachers,
                staffing.value.field_teachers,
            ),
            (ReasonCode::NoHrStaff, f.hr_staff, staffing.value.hr_staff),
        ] {
            if have < need {
                reasons.push(
                    Reason::new(code, staffing.basis.clone())
                        .measured(Quantity::Count(u64::from(have)))
                        .required(Quantity::Count(u64::from(need))),
                );
            }
        }
    }
    let site = &lc.site_review_required;
    if site.value && !f.site_review_passed {
        reasons.push(Reason::new(
            ReasonCode::SiteReviewNotPassed,
            site.basis.clone(),
        ));
    }
    LearningCompanyDecision {
        meets_requirements: reasons.is_empty(),
        reasons,
        rules: RulesUsed::from(rules),
    }
}
