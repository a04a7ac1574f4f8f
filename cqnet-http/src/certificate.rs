//! The certificate routes: issuing a certificate (자격증 발급) for a final pass, and the public
//! 진위확인 (authenticity check) of one.

use axum::Json;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cqnet_core::certificate::{
    CertificateForm, DocumentRef, InnerPageNumber, QualificationNumber, VerificationQuery,
};
use cqnet_store::certificate::AsyncCertificateStore;
use cqnet_store::exam::{ApplicationId, AsyncExamStore};
use cqnet_store::{Actor, AsyncStore, Clock, IdempotencyKey};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::openapi::schemas;
use crate::{Problem, Shared, to_json};

/// `POST /v1/applications/{id}/certificate`: the certificate of a final pass.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct IssueBody {
    /// The form of the document.
    #[schema(value_type = schemas::CertificateForm)]
    form: CertificateForm,
    /// The inner-page number (내지번호) of a notebook; only for a notebook.
    #[serde(default)]
    #[schema(value_type = Option<schemas::InnerPageNumber>)]
    inner_page_number: Option<InnerPageNumber>,
}

/// `POST /v1/certificates/verify`: what a 진위확인 asks.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerifyBody {
    /// The qualification number (자격번호).
    #[schema(value_type = schemas::QualificationNumber)]
    number: QualificationNumber,
    /// The issue date printed on the document (발급연월일).
    issue_date: NaiveDate,
    /// The document's management or inner-page number.
    #[schema(value_type = schemas::DocumentRef)]
    document: DocumentRef,
}

pub(crate) async fn issue<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    application: ApplicationId,
    body: IssueBody,
) -> Result<(StatusCode, Json<Value>), Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let certificate = shared
        .cqnet
        .certificates()
        .issue(actor, key, application, body.form, body.inner_page_number)
        .await?;
    Ok((StatusCode::CREATED, Json(to_json(&certificate)?)))
}

/// Answers `200` whatever the check finds: a number never issued and a wrong date answer
/// alike ("no match"), as the core's check does.
pub(crate) async fn verify<S, C>(
    shared: &Shared<S, C>,
    body: VerifyBody,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let query = VerificationQuery {
        number: body.number,
        issue_date: body.issue_date,
        document: body.document,
    };
    let answer = shared.cqnet.certificates().verify(&query).await?;
    Ok(Json(to_json(&answer)?))
}
