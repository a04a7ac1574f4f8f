//! The set-up routes of the agency (and of an institution for its own courses): the catalog's
//! qualifications (종목), their curriculum standards (편성기준), institutions (교육·훈련기관) and
//! designated courses (지정 과정), each body read into the domain's checked values.

use axum::Json;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cqnet_core::standard::{CurriculumStandard, CurriculumStandardSpec};
use cqnet_core::{
    Hours, InstitutionType, NcsClassification, QualificationCode, Region, Track, UnitCode,
};
use cqnet_store::training::{
    Course, CourseId, CourseSpec, CourseUnit, Designation, DesignationStatus, Institution,
    InstitutionId, InstitutionKind, Qualification, QualificationLevel, StandardVersion,
};
use cqnet_store::{Actor, AsyncStore, Clock, Version};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::body::chars;
use serde_json::Value;
use utoipa::ToSchema;

use crate::openapi::schemas;
use crate::{Problem, Shared, to_json};

/// `POST /v1/qualifications`: a qualification of the catalog (종목).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct QualificationBody {
    /// Its code.
    #[schema(value_type = schemas::QualificationCode)]
    code: QualificationCode,
    /// Its name, not empty.
    #[validate(length(min = 1, max = chars::QUALIFICATION_TEXT))]
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    /// Its grade (과정평가형) or NCS level (일학습병행).
    #[schema(value_type = schemas::QualificationLevel)]
    level: QualificationLevel,
    /// Its track; a grade goes with `course_based`, an NCS level with `work_study`.
    #[schema(value_type = schemas::TrackName)]
    track: Track,
    /// Its job field (직무분야), not empty.
    #[validate(length(min = 1, max = chars::QUALIFICATION_TEXT))]
    #[schema(min_length = 1, max_length = 200)]
    field: String,
    /// Its NCS classification.
    #[serde(default)]
    #[schema(value_type = Option<schemas::NcsClassification>)]
    ncs_class: Option<NcsClassification>,
}

/// `POST /v1/qualifications/{code}/standards`: a version of a qualification's curriculum
/// standard (편성기준).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct StandardBody {
    /// The version (`v2.0`).
    #[schema(value_type = schemas::StandardVersion)]
    version: StandardVersion,
    /// The standard: its hours, units, facilities and equipment.
    #[schema(value_type = schemas::CurriculumStandard)]
    standard: CurriculumStandardSpec,
}

/// `POST /v1/institutions`: an institution (교육·훈련기관) or a company.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct InstitutionBody {
    /// Its identifier, chosen by the caller.
    #[schema(value_type = uuid::Uuid)]
    id: InstitutionId,
    /// Its name, not empty.
    #[validate(length(min = 1, max = chars::INSTITUTION_NAME))]
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    /// Whether it trains or employs.
    #[schema(value_type = schemas::InstitutionKind)]
    kind: InstitutionKind,
    /// Its type (기관 유형).
    #[serde(default)]
    #[schema(value_type = Option<schemas::InstitutionType>)]
    institution_type: Option<InstitutionType>,
    /// Its region (지역).
    #[serde(default)]
    #[schema(value_type = Option<schemas::Region>)]
    region: Option<Region>,
}

/// `POST /v1/courses`: a course (훈련과정) with its designation (지정).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct CourseBody {
    /// Its identifier, chosen by the caller.
    #[schema(value_type = uuid::Uuid)]
    id: CourseId,
    /// The institution that runs it.
    #[schema(value_type = uuid::Uuid)]
    institution: InstitutionId,
    /// Its qualification (종목).
    #[schema(value_type = schemas::QualificationCode)]
    qualification: QualificationCode,
    /// The version of the qualification's curriculum standard it follows.
    #[schema(value_type = schemas::StandardVersion)]
    standard_version: StandardVersion,
    /// Its track.
    #[schema(value_type = schemas::TrackName)]
    track: Track,
    /// Its first day of training.
    start: NaiveDate,
    /// Its last day of training.
    end: NaiveDate,
    /// Its seats (정원).
    #[validate(range(min = 1, max = Course::MAX_CAPACITY))]
    #[schema(minimum = 1, maximum = 10_000)]
    capacity: u32,
    /// Its competency units.
    #[validate(length(min = 1, max = crate::MAX_LIST_ITEMS), nested)]
    #[schema(min_items = 1, max_items = 10_000)]
    units: Vec<CourseUnitBody>,
    /// Its designation.
    designation: DesignationBody,
}

/// A competency unit (능력단위) of a course.
#[derive(Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct CourseUnitBody {
    /// The unit's code.
    #[schema(value_type = schemas::UnitCode)]
    code: UnitCode,
    /// Its scheduled hours.
    #[schema(value_type = schemas::Decimal)]
    scheduled: Hours,
    /// Its internal evaluation rounds, at least 1.
    #[validate(range(min = 1, max = CourseUnit::MAX_ROUNDS))]
    #[schema(minimum = 1, maximum = 20)]
    rounds: u8,
}

/// A course's designation (지정) and its period.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
struct DesignationBody {
    /// `applied`, `designated`, `suspended` or `revoked`.
    #[schema(value_type = schemas::DesignationStatus)]
    status: DesignationStatus,
    /// Its first day.
    valid_from: NaiveDate,
    /// Its last day.
    valid_until: NaiveDate,
}

/// `PUT /v1/courses/{id}`: a course as it now is, at the version read.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct CourseUpdateBody {
    /// The version being replaced.
    #[schema(value_type = schemas::Version)]
    expected_version: Version,
    /// The course; its `id` is the path's.
    #[validate(nested)]
    course: CourseBody,
}

/// The answer of a set-up command: what was written and its version.
#[derive(Serialize, ToSchema)]
pub(crate) struct Registered {
    /// The record: a qualification's code, an institution's or a course's id.
    id: String,
    /// Its version.
    #[schema(value_type = schemas::Version)]
    version: Version,
}

/// The answer of `POST /v1/qualifications/{code}/standards`.
#[derive(Serialize, ToSchema)]
pub(crate) struct StandardPublished {
    /// The qualification.
    #[schema(value_type = schemas::QualificationCode)]
    qualification: QualificationCode,
    /// The version published.
    #[schema(value_type = schemas::StandardVersion)]
    version: StandardVersion,
}

fn refused_at(pointer: &str, e: &cqnet_core::InputError) -> Problem {
    Problem::invalid_field(pointer, e)
}

impl CourseBody {
    fn into_domain(self, at: &str) -> Result<Course, Problem> {
        let units = self
            .units
            .into_iter()
            .enumerate()
            .map(|(i, u)| {
                CourseUnit::new(u.code, u.scheduled, u.rounds)
                    .map_err(|e| refused_at(&format!("{at}/units/{i}"), &e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let d = self.designation;
        let designation = Designation::new(d.status, d.valid_from, d.valid_until)
            .map_err(|e| refused_at(&format!("{at}/designation"), &e))?;
        Course::new(CourseSpec {
            id: self.id,
            institution: self.institution,
            qualification: self.qualification,
            standard_version: self.standard_version,
            track: self.track,
            start: self.start,
            end: self.end,
            capacity: self.capacity,
            units,
            designation,
        })
        .map_err(|e| refused_at(at, &e))
    }
}

pub(crate) async fn register_qualification<S: AsyncStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    body: QualificationBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let qualification =
        Qualification::new(body.code, &body.name, body.level, body.track, &body.field)
            .map_err(|e| refused_at("", &e))?
            .with_ncs_class(body.ncs_class);
    let version = shared
        .cqnet
        .training()
        .register_qualification(actor, &qualification)
        .await?;
    created(qualification.code().as_str(), version)
}

pub(crate) async fn publish_standard<S: AsyncStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    code: QualificationCode,
    body: StandardBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let standard =
        CurriculumStandard::new(body.standard).map_err(|e| refused_at("/standard", &e))?;
    shared
        .cqnet
        .training()
        .publish_standard(actor, &code, &body.version, &standard)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(to_json(&StandardPublished {
            qualification: code,
            version: body.version,
        })?),
    ))
}

pub(crate) async fn register_institution<S: AsyncStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    body: InstitutionBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let institution = Institution::new(body.id, &body.name, body.kind)
        .map_err(|e| refused_at("", &e))?
        .with_type(body.institution_type)
        .with_region(body.region);
    let version = shared
        .cqnet
        .training()
        .register_institution(actor, &institution)
        .await?;
    created(&institution.id().to_string(), version)
}

pub(crate) async fn designate_course<S: AsyncStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    body: CourseBody,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let course = body.into_domain("")?;
    let version = shared
        .cqnet
        .training()
        .designate_course(actor, &course)
        .await?;
    created(&course.id().to_string(), version)
}

pub(crate) async fn update_course<S: AsyncStore, C: Clock + Clone>(
    shared: &Shared<S, C>,
    actor: &Actor,
    id: CourseId,
    body: CourseUpdateBody,
) -> Result<Json<Value>, Problem> {
    if body.course.id != id {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-field",
            format!("the course's id is not the path's ({id})"),
        )
        .at("/course/id"));
    }
    let course = body.course.into_domain("/course")?;
    let version = shared
        .cqnet
        .training()
        .update_course(actor, &course, body.expected_version)
        .await?;
    Ok(Json(to_json(&Registered {
        id: course.id().to_string(),
        version,
    })?))
}

fn created(id: &str, version: Version) -> Result<(StatusCode, Json<Value>), Problem> {
    Ok((
        StatusCode::CREATED,
        Json(to_json(&Registered {
            id: id.to_owned(),
            version,
        })?),
    ))
}
