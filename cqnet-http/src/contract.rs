//! The wire bodies of the changes of a learning-work contract (학습근로계약) beyond its ledger:
//! a change of term (기간 단축·연장), the learner's pass (합격), the conversion it leaves owed
//! (무기계약 전환), a transfer to carry the programme on (과정 계속 이수), a permission for night
//! and holiday OJT (서면 합의, 인가), an internal evaluation (내부평가) of a unit of the
//! programme, an external evaluation (외부평가) the learner sat and the partial completion
//! certificate of a learner who left early; each turned into the domain's values with the pointer of a refused field.

use chrono::NaiveDate;
use cqnet_core::work_study::UnitResult;
use cqnet_core::{Score, UnitCode};
use cqnet_store::exam::RoundId;
use cqnet_store::training::InstitutionId;
use cqnet_store::work_study::{
    Conversion, ExternalResultEntry, InternalEvaluationEntry, OjtPermission,
    PartialCertificateRequest, PassRecord, PermissionKind, ProgrammeId, TermChangeRequest,
};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::Problem;
use crate::openapi::schemas;

/// `POST /v1/learning-contracts/{id}/term-change`: a contract's term shortened or extended
/// (법 제21조제4항), with the learner's consent and the agency's approval.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermChangeBody {
    /// The new day after its last day.
    new_end: NaiveDate,
    /// The learner consented (학습근로자의 동의).
    learner_consented: bool,
    /// The day the agency approved the change, if it did (승인).
    approved_on: Option<NaiveDate>,
}

impl TermChangeBody {
    pub(crate) fn into_domain(self) -> TermChangeRequest {
        TermChangeRequest {
            new_end: self.new_end,
            learner_consented: self.learner_consented,
            approved_on: self.approved_on,
        }
    }
}

/// `POST /v1/learning-contracts/{id}/pass`: the learner passed the external evaluation
/// (외부평가 합격, 법 제22조제2항).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct PassBody {
    /// The day of the pass, the contract's last day.
    passed_on: NaiveDate,
}

impl PassBody {
    pub(crate) fn into_domain(self) -> PassRecord {
        PassRecord {
            passed_on: self.passed_on,
        }
    }
}

/// `POST /v1/learning-contracts/{id}/conversion`: the learner who passed converted into an
/// open-ended employee (무기계약 전환, 법 제24조).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConversionBody {
    /// The day of the conversion.
    converted_on: NaiveDate,
}

impl ConversionBody {
    pub(crate) fn into_domain(self) -> Conversion {
        Conversion {
            converted_on: self.converted_on,
        }
    }
}

/// `POST /v1/learning-contracts/{id}/transfer`: the learner's programme carried on at another
/// designated company (과정 계속 이수, 법 제14조제2항).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct TransferBody {
    /// The designated learning company the contract moves to.
    #[schema(value_type = uuid::Uuid)]
    to: InstitutionId,
}

impl TransferBody {
    pub(crate) fn into_domain(self) -> InstitutionId {
        self.to
    }
}

/// What a permission for night or holiday OJT is.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub(crate) enum OjtPermissionKind {
    /// The written agreement with the learner (서면 합의).
    WrittenAgreement,
    /// The ministry's authorisation (고용노동부장관의 인가), for a learner under 18 or pregnant.
    MinistryAuthorisation,
}

/// `POST /v1/learning-contracts/{id}/ojt-permissions`: a permission for night and holiday OJT
/// (법 제27조제2항).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct OjtPermissionBody {
    /// `written_agreement` (the company's staff or the agency) or `ministry_authorisation`
    /// (the agency only).
    #[schema(value_type = OjtPermissionKind)]
    kind: PermissionKind,
    /// The day it was given.
    granted_on: NaiveDate,
}

impl OjtPermissionBody {
    pub(crate) fn into_domain(self) -> OjtPermission {
        OjtPermission {
            kind: self.kind,
            granted_on: self.granted_on,
        }
    }
}

/// `POST /v1/learning-contracts/{id}/internal-evaluations`: an internal evaluation (내부평가)
/// of a unit of the company's approved programme.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContractEvaluationBody {
    /// The approved programme (일학습병행과정) the unit belongs to.
    #[schema(value_type = uuid::Uuid)]
    programme: ProgrammeId,
    /// The competency unit (능력단위).
    #[schema(value_type = schemas::UnitCode)]
    unit: UnitCode,
    /// The score, 0 to 100; whether it passes is the core's.
    #[schema(value_type = schemas::Decimal)]
    score: Score,
    /// The day of the evaluation.
    evaluated_on: NaiveDate,
}

impl ContractEvaluationBody {
    pub(crate) fn into_domain(self) -> InternalEvaluationEntry {
        InternalEvaluationEntry {
            programme: self.programme,
            unit: self.unit,
            score: self.score,
            evaluated_on: self.evaluated_on,
        }
    }
}

/// `POST /v1/learning-contracts/{id}/external-results`: an external evaluation (외부평가) the
/// learner sat, with the pass or fail of each competency unit (능력단위).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExternalResultBody {
    /// The round sat, of the work-study track (`2027-W1-01`).
    #[schema(value_type = schemas::RoundId)]
    round: RoundId,
    /// The day the learner sat it.
    sat_on: NaiveDate,
    /// The day its results were announced (합격자 발표).
    announced_on: NaiveDate,
    /// Pass or fail of each unit evaluated; whether that passes the evaluation is the core's.
    #[validate(length(min = 1, max = 200))]
    #[schema(value_type = Vec<schemas::UnitResult>, min_items = 1, max_items = 200)]
    units: Vec<UnitResult>,
}

impl ExternalResultBody {
    /// The domain's entry, its shape checked: a round of another track at `/round`, an
    /// announcement before the sitting at `/announced_on`.
    pub(crate) fn into_domain(self) -> Result<ExternalResultEntry, Problem> {
        let entry = ExternalResultEntry {
            round: self.round,
            sat_on: self.sat_on,
            announced_on: self.announced_on,
            units: self.units,
        };
        entry.check().map_err(|e| {
            let pointer = if entry.announced_on < entry.sat_on {
                "/announced_on"
            } else {
                "/round"
            };
            Problem::invalid_field(pointer, &e)
        })?;
        Ok(entry)
    }
}

/// `POST /v1/learning-contracts/{id}/partial-certificate`: the partial completion certificate
/// (시행규칙 제8조) a learner who left early asked for.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartialCertificateBody {
    /// The day the learner asked for it.
    requested_on: NaiveDate,
}

impl PartialCertificateBody {
    pub(crate) fn into_domain(self) -> PartialCertificateRequest {
        PartialCertificateRequest {
            requested_on: self.requested_on,
        }
    }
}
