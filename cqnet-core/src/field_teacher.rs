//! Company field teachers (기업현장교사): the six routes of 산업현장 일학습병행 지원에 관한 법률
//! 시행령 제9조제1항, any one of which qualifies a person to teach on the job in a learning
//! company.
//!
//! The years each route needs are a rule-pack value (`learning_company.field_teacher`).
//!
//! # Example
//! ```
//! use cqnet_core::field_teacher::{decide, Candidate, Route};
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::Years;
//!
//! let rules = RulePack::embedded().newest();
//! let candidate = Candidate { practical_years: Years::whole(3)?, ..Candidate::default() };
//! let decision = decide(&candidate, &rules);
//! assert!(decision.qualified);
//! assert_eq!(decision.routes, vec![Route::PracticalExperience]);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::Rules;
use crate::{Reason, ReasonCode, RulesUsed, Years};

/// The years each route to 기업현장교사 needs (`learning_company.field_teacher`).
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::Years;
/// let needs = RulePack::embedded().newest().learning_company.field_teacher.value;
/// assert_eq!(needs.practical_years, Years::whole(3)?);
/// assert_eq!(needs.degree_training_years, Years::whole(1)?);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldTeacherRequirements {
    /// Route 1: education and training experience with a related degree (제1호).
    pub degree_training_years: Years,
    /// Route 2: research experience at a listed research body (제2호).
    pub research_years: Years,
    /// Route 4: practical experience with a 일학습병행자격 (제4호).
    pub work_study_practical_years: Years,
    /// Route 5: practical experience with a national qualification (제5호).
    pub national_practical_years: Years,
    /// Route 6: practical experience alone (제6호).
    pub practical_years: Years,
}

impl fmt::Display for FieldTeacherRequirements {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "degree + {} years' training; {} years' research; training teacher; work-study qualification + {} years' practice; national qualification + {} years' practice; {} years' practice",
            self.degree_training_years,
            self.research_years,
            self.work_study_practical_years,
            self.national_practical_years,
            self.practical_years
        )
    }
}

/// A route to 기업현장교사 (시행령 제9조제1항 각 호).
///
/// # Example
/// ```
/// use cqnet_core::field_teacher::Route;
/// assert_eq!(Route::DegreeAndTraining.to_string(), "degree_and_training");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// 제1호: a related degree from a higher-education institution and training experience.
    DegreeAndTraining,
    /// 제2호: research experience in the field at a listed research body.
    Research,
    /// 제3호: a vocational training teacher (직업능력개발훈련교사) related to the programme.
    VocationalTrainingTeacher,
    /// 제4호: a 일학습병행자격 and practical experience in the same field.
    WorkStudyQualification,
    /// 제5호: a national technical or other state-run qualification and practical experience.
    NationalQualification,
    /// 제6호: practical experience in the field alone.
    PracticalExperience,
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Route::DegreeAndTraining => "degree_and_training",
            Route::Research => "research",
            Route::VocationalTrainingTeacher => "vocational_training_teacher",
            Route::WorkStudyQualification => "work_study_qualification",
            Route::NationalQualification => "national_qualification",
            Route::PracticalExperience => "practical_experience",
        })
    }
}

/// What a candidate for 기업현장교사 brings. Years are validated [`Years`] (non-negative).
///
/// # Example
/// ```
/// use cqnet_core::field_teacher::Candidate;
/// let c: Candidate = serde_json::from_value(serde_json::json!({
///     "related_degree": true, "training_years": "1.5", "research_years": 0,
///     "vocational_training_teacher": false, "work_study_qualification": false,
///     "national_qualification": false, "practical_years": 0
/// })).unwrap();
/// assert_eq!(c.training_years.to_string(), "1.5");
/// let negative = serde_json::json!({
///     "related_degree": true, "training_years": "-1", "research_years": 0,
///     "vocational_training_teacher": false, "work_study_qualification": false,
///     "national_qualification": false, "practical_years": 0
/// });
/// assert!(serde_json::from_value::<Candidate>(negative).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Graduated in a field related to the programme from a higher-education institution, or
    /// recognised as equivalent (관련 학과 졸업).
    pub related_degree: bool,
    /// Education and training experience in the field (교육훈련 경력).
    pub training_years: Years,
    /// Research experience in the field at a listed research body (연구 경력).
    pub research_years: Years,
    /// A vocational training teacher (직업능력개발훈련교사) related to the programme.
    pub vocational_training_teacher: bool,
    /// Holds a 일학습병행자격 in the field.
    pub work_study_qualification: bool,
    /// Holds a national technical qualification or another state-run qualification.
    pub national_qualification: bool,
    /// Practical experience in the same field (실무 경력).
    pub practical_years: Years,
}

/// Whether the candidate qualifies, and by which routes.
///
/// # Example
/// ```
/// use cqnet_core::field_teacher::{decide, Candidate, Route};
/// use cqnet_core::rules::RulePack;
/// let teacher = Candidate { vocational_training_teacher: true, ..Candidate::default() };
/// let d = decide(&teacher, &RulePack::embedded().newest());
/// assert!(d.qualified);
/// assert_eq!(d.routes, vec![Route::VocationalTrainingTeacher]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FieldTeacherDecision {
    /// At least one route holds.
    pub qualified: bool,
    /// Every route that holds, in the order of the Decree.
    pub routes: Vec<Route>,
    /// `field_teacher_requirements_not_met` when no route holds.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Decides which routes to 기업현장교사 a candidate meets.
///
/// # Example
/// ```
/// use cqnet_core::field_teacher::{decide, Candidate};
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::{ReasonCode, Years};
/// let almost = Candidate { related_degree: true, training_years: "0.5".parse()?, practical_years: Years::whole(2)?, ..Candidate::default() };
/// let d = decide(&almost, &RulePack::embedded().newest());
/// assert!(d.routes.is_empty());
/// assert_eq!(d.reasons[0].code, ReasonCode::FieldTeacherRequirementsNotMet);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(candidate: &Candidate, rules: &Rules) -> FieldTeacherDecision {
    let rule = &rules.learning_company.field_teacher;
    let needs = rule.value;
    let c = candidate;
    let routes: Vec<Route> = [
        (
            Route::DegreeAndTraining,
            c.related_degree && c.training_years >= needs.degree_training_years,
        ),
        (Route::Research, c.research_years >= needs.research_years),
        (
            Route::VocationalTrainingTeacher,
            c.vocational_training_teacher,
        ),
        (
            Route::WorkStudyQualification,
            c.work_study_qualification && c.practical_years >= needs.work_study_practical_years,
        ),
        (
            Route::NationalQualification,
            c.national_qualification && c.practical_years >= needs.national_practical_years,
        ),
        (
            Route::PracticalExperience,
            c.practical_years >= needs.practical_years,
        ),
    ]
    .into_iter()
    .filter_map(|(route, holds)| holds.then_some(route))
    .collect();
    let reasons = if routes.is_empty() {
        vec![Reason::new(
            ReasonCode::FieldTeacherRequirementsNotMet,
            rule.basis.clone(),
        )]
    } else {
        Vec::new()
    };
    FieldTeacherDecision {
        qualified: !routes.is_empty(),
        routes,
        reasons,
        rules: RulesUsed::from(rules),
    }
}
