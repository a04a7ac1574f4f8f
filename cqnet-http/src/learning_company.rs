//! The wire bodies of a designated learning company's hearing (청문) and the measures taken
//! against it (시정명령, 지정취소, 지정의 효력 정지), each turned into the domain's values with the
//! pointer of a refused field.

use chrono::NaiveDate;
use cqnet_core::sanction::{Ground, Measure, Proposal};
use cqnet_store::work_study::{Hearing, MeasureOrder};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::Problem;
use crate::openapi::designation as shapes;

/// `POST /v1/learning-companies/{id}/hearings`: a hearing (청문) held, which a cancellation
/// needs before it.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct CompanyHearingBody {
    /// The day it was held.
    held_on: NaiveDate,
}

impl CompanyHearingBody {
    pub(crate) fn into_domain(self) -> Hearing {
        Hearing {
            held_on: self.held_on,
        }
    }
}

/// `POST /v1/learning-companies/{id}/measures`: a measure on its grounds (법 제14조), decided by
/// the core's `sanction` decision.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct CompanyMeasureBody {
    /// The grounds, at least one, none twice.
    #[validate(length(min = 1, max = 5))]
    #[schema(min_items = 1, max_items = 5, value_type = Vec<shapes::Ground>)]
    grounds: Vec<Ground>,
    /// The measure.
    #[schema(value_type = shapes::Measure)]
    measure: Measure,
    /// The months of a suspension (지정의 효력 정지); left out or `null` for another measure.
    #[serde(default)]
    #[schema(minimum = 1)]
    months: Option<u32>,
}

impl CompanyMeasureBody {
    /// The core's checked order: a suspension without months, or months for another measure,
    /// at `/months`; grounds the core refuses (none, one twice) at `/grounds`.
    pub(crate) fn into_domain(self) -> Result<MeasureOrder, Problem> {
        Proposal::new(self.measure, self.months)
            .map_err(|e| Problem::invalid_field("/months", &e))?;
        MeasureOrder::new(self.grounds, self.measure, self.months)
            .map_err(|e| Problem::invalid_field("/grounds", &e))
    }
}
