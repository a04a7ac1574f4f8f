//! The work-study service's wire bodies (일학습병행): a learning company's application (학습기업
//! 지정 신청), its on-site review (현장실사), a company field teacher (기업현장교사) with their
//! training, a learning-work contract (학습근로계약), a day of its OJT or Off-JT ledger, an
//! extension owed and a termination; each turned into the domain's values with the pointer of a refused field.

use chrono::{NaiveDate, NaiveTime};
use cqnet_core::access::PartyId;
use cqnet_core::certificate::PrintedName;
use cqnet_core::field_teacher::Candidate;
use cqnet_core::learning_time::{Session, TrainingKind};
use cqnet_core::termination::{Termination, TerminationGround};
use cqnet_core::{Hours, Years};
use cqnet_store::training::InstitutionId;
use cqnet_store::work_study::{
    CompanyApplication, CompanyFacts, ContractId, ContractTermination, ContractTerms,
    ExtensionClaim, NewContract, NewFieldTeacher, SiteReview, TeacherTraining, TrainingDayEntry,
};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::openapi::schemas;
use crate::{Problem, ServedStore, Shared};

/// The most characters of a party's identifier (a learner, a field teacher).
const PARTY_CHARS: u64 = PartyId::MAX_LEN as u64;

/// The most of a count a company states (regular employees, field teachers, HR staff).
const MOST_PEOPLE: u32 = 10_000_000;

/// The most months of one extension claimed.
const MOST_MONTHS: u32 = 120;

fn party(pointer: &str, text: &str) -> Result<PartyId, Problem> {
    PartyId::new(text).map_err(|e| Problem::invalid_field(pointer, &e))
}

/// `POST /v1/learning-companies`: a company's application for designation (학습기업 지정 신청).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct CompanyApplicationBody {
    /// The company (an institution of kind `company`).
    #[schema(value_type = uuid::Uuid)]
    company: InstitutionId,
    /// The facts the designation is decided on.
    #[schema(inline)]
    #[validate(nested)]
    facts: CompanyFactsBody,
}

/// The facts of a company's application.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct CompanyFactsBody {
    /// Listed for wage arrears (체불사업주 명단 공개).
    wage_arrears_listed: bool,
    /// The day a serious accident was disclosed, if any (중대재해 공표).
    accident_disclosed_on: Option<NaiveDate>,
    /// Restricted from state-funded training (훈련 참여 제한).
    training_restricted: bool,
    /// Insured for employment (고용보험 가입).
    employment_insured: bool,
    /// Its regular employees (상시 근로자 수).
    #[validate(range(max = MOST_PEOPLE))]
    #[schema(maximum = 10_000_000)]
    regular_employees: u32,
    /// The fewest regular employees its kind must have.
    #[validate(range(max = MOST_PEOPLE))]
    #[schema(maximum = 10_000_000)]
    min_regular_employees: u32,
    /// Whether its credit rating meets the notice; `null` when not assessed (a missing fact
    /// refuses).
    credit_rating_meets_notice: Option<bool>,
    /// Its company field teachers (기업현장교사).
    #[validate(range(max = MOST_PEOPLE))]
    #[schema(maximum = 10_000_000)]
    field_teachers: u32,
    /// Its HR development staff (HRD 담당자).
    #[validate(range(max = MOST_PEOPLE))]
    #[schema(maximum = 10_000_000)]
    hr_staff: u32,
    /// It has a staffing plan.
    staffing_plan: bool,
    /// It has a work-study programme approved.
    programme_approved: bool,
}

impl CompanyApplicationBody {
    pub(crate) fn into_domain(self) -> CompanyApplication {
        let f = self.facts;
        CompanyApplication {
            company: self.company,
            facts: CompanyFacts {
                wage_arrears_listed: f.wage_arrears_listed,
                accident_disclosed_on: f.accident_disclosed_on,
                training_restricted: f.training_restricted,
                employment_insured: f.employment_insured,
                regular_employees: f.regular_employees,
                min_regular_employees: f.min_regular_employees,
                credit_rating_meets_notice: f.credit_rating_meets_notice,
                field_teachers: f.field_teachers,
                hr_staff: f.hr_staff,
                staffing_plan: f.staffing_plan,
                programme_approved: f.programme_approved,
            },
        }
    }
}

/// `POST /v1/learning-companies/{id}/site-review`: the agency's on-site review (현장실사).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteReviewBody {
    /// The day of the review.
    reviewed_on: NaiveDate,
    /// Whether the facilities were confirmed on site.
    facilities_confirmed: bool,
}

impl SiteReviewBody {
    pub(crate) fn into_domain(self) -> SiteReview {
        SiteReview {
            reviewed_on: self.reviewed_on,
            facilities_confirmed: self.facilities_confirmed,
        }
    }
}

/// `POST /v1/field-teachers`: a company field teacher (기업현장교사) registered for a company.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldTeacherBody {
    /// The person's identifier at the host.
    #[validate(length(min = 1, max = PARTY_CHARS))]
    #[schema(min_length = 1, max_length = 64)]
    teacher: String,
    /// The learning company they belong to.
    #[schema(value_type = uuid::Uuid)]
    company: InstitutionId,
    /// What they bring (시행령 제9조제1항).
    #[schema(inline)]
    #[validate(nested)]
    candidate: CandidateBody,
}

/// What a field teacher brings.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct CandidateBody {
    /// A related degree (관련 학과 졸업).
    related_degree: bool,
    /// Years of education and training experience (교육훈련 경력).
    #[schema(value_type = schemas::Decimal)]
    training_years: Years,
    /// Years of research experience (연구 경력).
    #[schema(value_type = schemas::Decimal)]
    research_years: Years,
    /// A vocational training teacher (직업능력개발훈련교사).
    vocational_training_teacher: bool,
    /// Holds a 일학습병행자격 in the field.
    work_study_qualification: bool,
    /// Holds a national technical qualification.
    national_qualification: bool,
    /// Years of practical experience in the field (실무 경력).
    #[schema(value_type = schemas::Decimal)]
    practical_years: Years,
}

impl FieldTeacherBody {
    pub(crate) fn into_domain(self) -> Result<NewFieldTeacher, Problem> {
        let c = self.candidate;
        Ok(NewFieldTeacher {
            teacher: party("/teacher", &self.teacher)?,
            company: self.company,
            candidate: Candidate {
                related_degree: c.related_degree,
                training_years: c.training_years,
                research_years: c.research_years,
                vocational_training_teacher: c.vocational_training_teacher,
                work_study_qualification: c.work_study_qualification,
                national_qualification: c.national_qualification,
                practical_years: c.practical_years,
            },
        })
    }
}

/// `POST /v1/field-teachers/{id}/training`: a field teacher's mandatory training.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct TeacherTrainingBody {
    /// The company the teacher belongs to.
    #[schema(value_type = uuid::Uuid)]
    company: InstitutionId,
    /// The day the training was completed.
    completed_on: NaiveDate,
    /// The hours of training completed.
    #[schema(value_type = schemas::Decimal)]
    hours: Hours,
}

impl TeacherTrainingBody {
    pub(crate) fn into_domain(self) -> (InstitutionId, TeacherTraining) {
        (
            self.company,
            TeacherTraining {
                completed_on: self.completed_on,
                hours: self.hours,
            },
        )
    }
}

/// `POST /v1/learning-contracts`: a learning-work contract (학습근로계약) concluded.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContractBody {
    /// The contract's identifier, chosen by the caller.
    #[schema(value_type = uuid::Uuid)]
    id: ContractId,
    /// The learner's identifier at the host.
    #[validate(length(min = 1, max = PARTY_CHARS))]
    #[schema(min_length = 1, max_length = 64)]
    learner: String,
    /// The learner's birth date.
    born_on: NaiveDate,
    /// The learner's name (성명) as the contract writes it: what a certificate of their pass
    /// prints. Without it the contract decides everything else and gives no certificate.
    #[serde(default)]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 100)]
    learner_name: Option<PrintedName>,
    /// The learning company it binds.
    #[schema(value_type = uuid::Uuid)]
    company: InstitutionId,
    /// The terms.
    #[schema(inline)]
    #[validate(nested)]
    terms: TermsBody,
}

/// The terms of a contract.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct TermsBody {
    /// Its first day.
    starts_on: NaiveDate,
    /// The day after its last day.
    ends_on: NaiveDate,
    /// Tied to a degree course (학위 연계).
    degree_course: bool,
    /// The hours of a working day.
    #[schema(value_type = schemas::Decimal)]
    daily_hours: Hours,
    /// Concluded in writing (서면).
    in_writing: bool,
    /// The day a copy was given to the learner, if it was.
    given_to_learner_on: Option<NaiveDate>,
}

impl ContractBody {
    pub(crate) fn into_domain(self) -> Result<NewContract, Problem> {
        let t = self.terms;
        Ok(NewContract {
            contract: self.id,
            learner: party("/learner", &self.learner)?,
            born_on: self.born_on,
            learner_name: self.learner_name,
            company: self.company,
            terms: ContractTerms {
                starts_on: t.starts_on,
                ends_on: t.ends_on,
                degree_course: t.degree_course,
                daily_hours: t.daily_hours,
                in_writing: t.in_writing,
                given_to_learner_on: t.given_to_learner_on,
            },
        })
    }
}

/// `POST /v1/learning-contracts/{id}/training-days`: one attended day of OJT or Off-JT.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct TrainingDayBody {
    /// `ojt` (도제식 현장 교육훈련) or `off_jt` (사업장 외 교육훈련).
    #[schema(value_type = String, example = "ojt")]
    kind: TrainingKind,
    /// The day.
    day: NaiveDate,
    /// When the learner began.
    #[schema(value_type = String, example = "09:00:00")]
    from: NaiveTime,
    /// When the learner ended.
    #[schema(value_type = String, example = "16:00:00")]
    until: NaiveTime,
    /// The hours trained, breaks left out: no more than from `from` to `until`.
    #[schema(value_type = schemas::Decimal)]
    hours: Hours,
    /// Within a school's curriculum (학교 교육과정).
    #[serde(default)]
    school_curriculum: bool,
    /// The learner is pregnant (임신 중).
    #[serde(default)]
    pregnant: bool,
    /// The day is a public holiday (휴일).
    #[serde(default)]
    public_holiday: bool,
}

impl TrainingDayBody {
    pub(crate) fn into_domain(self) -> Result<TrainingDayEntry, Problem> {
        let session = Session::new(
            self.kind,
            self.day,
            self.from,
            self.until,
            self.hours,
            self.school_curriculum,
        )
        .map_err(|e| Problem::invalid_field("/hours", &e))?;
        Ok(TrainingDayEntry {
            session,
            pregnant: self.pregnant,
            public_holiday: self.public_holiday,
        })
    }
}

/// `POST /v1/learning-contracts/{id}/extension`: the extension the employer owes after a
/// failed external evaluation (연장).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExtensionBody {
    /// The day the learner failed.
    failed_on: NaiveDate,
    /// The months claimed.
    #[validate(range(min = 1, max = MOST_MONTHS))]
    #[schema(minimum = 1, maximum = 120)]
    months: u32,
    /// The learner asked for it.
    learner_requested: bool,
}

impl ExtensionBody {
    pub(crate) fn into_domain(self) -> ExtensionClaim {
        ExtensionClaim {
            failed_on: self.failed_on,
            months: self.months,
            learner_requested: self.learner_requested,
        }
    }
}

/// `POST /v1/learning-contracts/{id}/termination`: the employer ends a contract (법 제23조).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct TerminationBody {
    /// The ground: `neglect_of_training`, `disability`, `learner_gave_up`, `serious_fault`,
    /// `business_reasons` or `other`.
    #[schema(value_type = String, example = "learner_gave_up")]
    ground: TerminationGround,
    /// The learner was notified in writing (서면 통지).
    written_notice: bool,
    /// The notice states the reason and the day.
    states_reason_and_date: bool,
    /// The first day the contract no longer binds.
    effective_on: NaiveDate,
}

impl TerminationBody {
    pub(crate) fn into_domain(self) -> ContractTermination {
        ContractTermination {
            termination: Termination {
                ground: self.ground,
                written_notice: self.written_notice,
                states_reason_and_date: self.states_reason_and_date,
            },
            effective_on: self.effective_on,
        }
    }
}

/// The work-study service of the router's front door.
pub(crate) fn service<S: ServedStore, C: cqnet_store::Clock + Clone>(
    shared: &Shared<S, C>,
) -> cqnet_store::work_study::WorkStudyService<S, C> {
    shared.cqnet.work_study()
}
