//! The OpenAPI 3.1 document of the router, generated from the routes' wire types and served at
//! `GET /openapi.json`.

pub(crate) mod designation;
pub(crate) mod responses;
pub(crate) mod schemas;
pub(crate) mod work_study_schemas;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::problem::ProblemJson;
use crate::{
    contract_routes, course_decision_routes, designation_routes, learning_company_routes,
    programme_routes, routes, work_study_list_routes, work_study_routes,
};
use responses::{
    BadRequest, Conflict, Forbidden, InternalServerError, NotFound, NotImplemented,
    PayloadTooLarge, RequestTimeout, ServiceUnavailable, TooManyRequests, Unauthorized,
    UnprocessableEntity, UnsupportedMediaType,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "cqnet",
        description = "The HTTP face of cqnet: the rules of Korea's NCS-based qualification tracks (과정평가형 국가기술자격, 일학습병행자격) and the training, exam and certificate services. Every error is a problem document (application/problem+json, RFC 9457) whose `type` is described in docs/http.md.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        routes::rule_packs,
        routes::parameter,
        routes::evaluate,
        routes::evaluate_batch,
        routes::start_what_if,
        routes::what_if_job,
        routes::register_qualification,
        routes::publish_standard,
        routes::register_institution,
        routes::designate_course,
        routes::update_course,
        routes::enroll,
        routes::record_attendance,
        routes::record_evaluations,
        routes::decide,
        routes::publish_round,
        routes::pass_list,
        routes::apply,
        routes::record_payment,
        routes::cancel,
        routes::enter_result,
        routes::finalise_result,
        routes::view_result,
        routes::attempts,
        routes::issue,
        routes::issue_for_contract,
        routes::verify,
        routes::view_certificate,
        routes::export_credential,
        routes::reissue,
        routes::revoke,
        routes::issue_confirmation,
        routes::verify_confirmation,
        routes::search_qualifications,
        routes::search_institutions,
        routes::search_courses,
        routes::statistics_funnel,
        routes::score_distribution,
        designation_routes::open_call,
        designation_routes::call,
        designation_routes::apply,
        designation_routes::application,
        designation_routes::quarterly_checks,
        designation_routes::missing_operation_checks,
        designation_routes::screen_documents,
        designation_routes::screen_on_site,
        designation_routes::deliberate,
        designation_routes::designate,
        designation_routes::record_operation_check,
        designation_routes::record_hearing,
        designation_routes::take_measure,
        designation_routes::apply_retention,
        work_study_routes::apply_for_designation,
        work_study_routes::record_site_review,
        work_study_routes::designate,
        work_study_routes::company,
        work_study_routes::register_field_teacher,
        work_study_routes::record_teacher_training,
        work_study_routes::field_teacher,
        work_study_routes::conclude_contract,
        work_study_routes::contract,
        work_study_routes::record_training_day,
        work_study_routes::extend_contract,
        work_study_routes::terminate_contract,
        learning_company_routes::record_hearing,
        learning_company_routes::take_measure,
        contract_routes::change_term,
        contract_routes::record_pass,
        contract_routes::close_conversion,
        contract_routes::transfer,
        contract_routes::record_ojt_permission,
        contract_routes::record_internal_evaluation,
        contract_routes::issue_completion_certificate,
        contract_routes::record_external_result,
        contract_routes::issue_partial_certificate,
        programme_routes::approve_programme,
        programme_routes::programme,
        work_study_list_routes::learning_contracts,
        work_study_list_routes::programmes,
        work_study_list_routes::field_teachers,
        course_decision_routes::course_decisions,
        routes::openapi_json,
    ),
    components(
        schemas(
            ProblemJson,
            crate::evaluate::Trace,
            crate::work_study_list_routes::ContractStatusName,
            // Named only by query parameters, which utoipa does not collect.
            schemas::PageSize,
            schemas::SearchText,
            schemas::CourseSort
        ),
        responses(
            BadRequest,
            Unauthorized,
            Forbidden,
            NotFound,
            RequestTimeout,
            Conflict,
            PayloadTooLarge,
            UnsupportedMediaType,
            UnprocessableEntity,
            TooManyRequests,
            InternalServerError,
            NotImplemented,
            ServiceUnavailable,
        ),
    ),
    modifiers(&BearerActor),
    tags(
        (name = "rules", description = "The rule packs and stateless decisions (public)"),
        (name = "set-up", description = "The catalog (종목), curriculum standards (편성기준), institutions and designated courses (과정 지정)"),
        (name = "training", description = "Enrollment (입과), attendance (출결), internal evaluations (내부평가) and completion (이수)"),
        (name = "exams", description = "Rounds of external evaluation (외부평가), applications (원서접수), results and the pass list (합격자 명단)"),
        (name = "certificates", description = "Certificates (자격증) and the public 진위확인 (authenticity check)"),
        (name = "search", description = "The public search of qualifications (종목정보), institutions (교육·훈련기관) and designated courses (맞춤형 과정검색)"),
        (name = "designation", description = "The course designation cycle (과정 지정): the yearly call (모집공고), applications (지정신청), screenings (서류심사, 현장심사), deliberation (심의), designation, operation checks (운영 확인), hearings (청문), measures (시정명령, 지정취소) and retention"),
        (name = "statistics", description = "The funnel (학습근로자 → 자격취득) and a round's score distribution, for the agency"),
        (name = "work-study", description = "일학습병행: learning companies (학습기업) and their designation, company field teachers (기업현장교사), learning-work contracts (학습근로계약) with their ledger of OJT and Off-JT days and their changes, hearings (청문) and measures, work-study programmes (일학습병행과정), internal evaluations (내부평가), the completion certificate (이수증명서), and a company's contracts, programmes and field teachers a page at a time"),
        (name = "meta", description = "This document"),
    )
)]
struct Document;

/// Names how a request speaks for an actor: a bearer token, as `BearerTokens` reads it.
struct BearerActor;

impl Modify for BearerActor {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A token the host maps to an actor (BearerTokens); a host may read the actor from something else (a client certificate, a session) through its own ActorSource",
                    ))
                    .build(),
            ),
        );
    }
}

/// The OpenAPI 3.1 document of every route of [`Api::router`](crate::Api::router): paths,
/// parameters, request bodies with examples, answers, and the problem documents of the errors
/// (`application/problem+json`, RFC 9457, with their `type` and `code` members). The router
/// serves it at `GET /openapi.json`; a host that serves more routes can merge its own into it.
///
/// # Example
/// ```
/// let document = cqnet_http::openapi();
/// assert!(document.paths.paths.contains_key("/v1/certificates/verify"));
/// let json = document.to_pretty_json()?;
/// assert!(json.contains("\"openapi\": \"3.1.0\""));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn openapi() -> utoipa::openapi::OpenApi {
    Document::openapi()
}
