//! The wire body of a work-study programme (일학습병행과정) a learning company asks the agency to
//! approve (인정): the occupation's training standard (교육훈련기준) it is built on and the
//! programme itself with its internal evaluation (내부평가), turned into the core's checked
//! values with the pointer of a refused field.

use cqnet_core::programme::{
    EvaluationPlan, ProgrammePlan, ProgrammePlanSpec, ProgrammeUnit, StandardUnit,
    TrainingStandard, TrainingStandardSpec,
};
use cqnet_core::standard::UnitKind;
use cqnet_core::{Hours, QualificationCode, UnitCode};
use cqnet_store::training::InstitutionId;
use cqnet_store::work_study::{NewProgramme, ProgrammeId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::Problem;
use crate::openapi::schemas;

/// The most characters of a name of a standard (its occupation, version, a unit's name).
const NAME_CHARS: u64 = 200;

/// The most characters of each text of an internal evaluation plan.
const PLAN_CHARS: u64 = 2_000;

/// The most months of a programme as a body states it (the core decides the pack's bounds).
const MOST_MONTHS: u32 = 1_200;

/// `POST /v1/work-study-programmes`: a programme of a designated company to approve
/// (일학습병행과정 인정).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProgrammeBody {
    /// The programme's identifier, chosen by the caller.
    #[schema(value_type = uuid::Uuid)]
    id: ProgrammeId,
    /// The learning company that runs it.
    #[schema(value_type = uuid::Uuid)]
    company: InstitutionId,
    /// The work-study qualification (일학습병행자격 종목, `{직종}_L{n}`) it leads to, a code of
    /// the catalog: what the certificate of a learner who passes prints. Without it the
    /// programme is approved and its learners get no certificate.
    #[serde(default)]
    #[schema(value_type = Option<schemas::QualificationCode>)]
    qualification: Option<QualificationCode>,
    /// The occupation's training standard (교육훈련기준).
    #[schema(inline)]
    #[validate(nested)]
    standard: TrainingStandardBody,
    /// The programme.
    #[schema(inline)]
    #[validate(nested)]
    plan: ProgrammePlanBody,
}

/// An occupation's training standard (교육훈련기준).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct TrainingStandardBody {
    /// The occupation (직종).
    #[validate(length(min = 1, max = NAME_CHARS))]
    #[schema(min_length = 1, max_length = 200)]
    occupation: String,
    /// The standard's version, if known.
    #[serde(default)]
    #[validate(length(min = 1, max = NAME_CHARS))]
    #[schema(min_length = 1, max_length = 200)]
    version: Option<String>,
    /// Its competency units (능력단위), each once.
    #[validate(length(min = 1, max = crate::MAX_LIST_ITEMS), nested)]
    #[schema(min_items = 1, max_items = 10_000)]
    units: Vec<StandardUnitBody>,
}

/// A competency unit of a training standard, with its least hours.
#[derive(Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct StandardUnitBody {
    /// The unit's code.
    #[schema(value_type = schemas::UnitCode)]
    code: UnitCode,
    /// The unit's name (능력단위명), if known.
    #[serde(default)]
    #[validate(length(min = 1, max = NAME_CHARS))]
    #[schema(min_length = 1, max_length = 200)]
    name: Option<String>,
    /// `mandatory` (필수) or `elective` (선택).
    #[schema(value_type = schemas::UnitKind)]
    kind: UnitKind,
    /// The least OJT hours (현장 교육훈련 시간).
    #[schema(value_type = schemas::Decimal)]
    ojt_hours: Hours,
    /// The least Off-JT hours (사업장 외 교육훈련 시간).
    #[schema(value_type = schemas::Decimal)]
    off_jt_hours: Hours,
}

/// A programme (일학습병행과정 편성): its length, its units and its internal evaluation.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct ProgrammePlanBody {
    /// Its length (훈련기간), in months, at least one.
    #[validate(range(min = 1, max = MOST_MONTHS))]
    #[schema(minimum = 1, maximum = 1_200)]
    months: u32,
    /// Its units with their planned hours, each once.
    #[validate(length(min = 1, max = crate::MAX_LIST_ITEMS), nested)]
    #[schema(min_items = 1, max_items = 10_000)]
    units: Vec<ProgrammeUnitBody>,
    /// Its internal evaluation (시행령 제14조제1항); a blank text is the core's reason.
    #[schema(inline)]
    #[validate(nested)]
    evaluation: EvaluationPlanBody,
}

/// A unit of a programme with its planned hours.
#[derive(Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct ProgrammeUnitBody {
    /// The unit's code.
    #[schema(value_type = schemas::UnitCode)]
    code: UnitCode,
    /// Planned OJT hours.
    #[schema(value_type = schemas::Decimal)]
    ojt_hours: Hours,
    /// Planned Off-JT hours.
    #[schema(value_type = schemas::Decimal)]
    off_jt_hours: Hours,
}

/// The internal evaluation a programme fixes.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct EvaluationPlanBody {
    /// The method (평가 방법).
    #[validate(length(max = PLAN_CHARS))]
    #[schema(max_length = 2_000)]
    method: String,
    /// The procedure (평가 절차).
    #[validate(length(max = PLAN_CHARS))]
    #[schema(max_length = 2_000)]
    procedure: String,
    /// The timing (평가 시기).
    #[validate(length(max = PLAN_CHARS))]
    #[schema(max_length = 2_000)]
    timing: String,
}

impl ProgrammeBody {
    /// The core's checked standard (refused at `/standard`: a unit twice, a hidden character)
    /// and programme (refused at `/plan`: a unit twice, no hours at all).
    pub(crate) fn into_domain(self) -> Result<NewProgramme, Problem> {
        let s = self.standard;
        let standard = TrainingStandard::new(TrainingStandardSpec {
            occupation: s.occupation,
            version: s.version,
            units: s
                .units
                .into_iter()
                .map(|u| StandardUnit {
                    code: u.code,
                    name: u.name,
                    kind: u.kind,
                    ojt_hours: u.ojt_hours,
                    off_jt_hours: u.off_jt_hours,
                })
                .collect(),
        })
        .map_err(|e| Problem::invalid_field("/standard", &e))?;
        let p = self.plan;
        let plan = ProgrammePlan::new(ProgrammePlanSpec {
            months: p.months,
            units: p
                .units
                .into_iter()
                .map(|u| ProgrammeUnit {
                    code: u.code,
                    ojt_hours: u.ojt_hours,
                    off_jt_hours: u.off_jt_hours,
                })
                .collect(),
            evaluation: EvaluationPlan {
                method: p.evaluation.method,
                procedure: p.evaluation.procedure,
                timing: p.evaluation.timing,
            },
        })
        .map_err(|e| Problem::invalid_field("/plan", &e))?;
        Ok(NewProgramme {
            programme: self.id,
            company: self.company,
            qualification: self.qualification,
            standard,
            plan,
        })
    }
}
