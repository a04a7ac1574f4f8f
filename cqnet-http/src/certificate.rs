//! The certificate routes: issuing a certificate (자격증 발급) for a final pass, reading,
//! reissuing (재발급) and revoking (자격 취소) one, confirmation documents (자격확인서) and the
//! public 진위확인 (authenticity check) of both.

use axum::Json;
use axum::http::StatusCode;
use chrono::NaiveDate;
use cqnet_core::InputError;
use cqnet_core::certificate::{
    CertificateForm, ConfirmationCode, ConfirmationNumber, ConfirmationQuery, DocumentRef,
    InnerPageNumber, ManagementNumber, PrintedName, QualificationNumber, ReissueReason,
    RevocationReason, VerificationQuery,
};
use cqnet_store::certificate::AsyncCertificateStore;
use cqnet_store::certificate::{Cancellation, MISSING_CONFIRMATION_SECRET, Reissue};
use cqnet_store::exam::{ApplicationId, AsyncExamStore};
use cqnet_store::training::ServiceError;
use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId};
use cqnet_store::{Actor, AsyncStore, Clock, IdempotencyKey};
use serde::Deserialize;
use validator::Validate;

use crate::body::chars;
use serde_json::Value;
use utoipa::ToSchema;

use crate::openapi::schemas;
use crate::{Problem, Shared, to_json};

/// `POST /v1/applications/{id}/certificate`: the certificate of a final pass.
#[derive(Deserialize, ToSchema, Validate)]
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
#[derive(Deserialize, ToSchema, Validate)]
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

/// `POST /v1/certificates/{management_number}/reissue`: a new document for a certificate in
/// force (재발급).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReissueBody {
    /// Why: lost (분실), damaged (훼손), or details changed (기재사항 변경).
    #[schema(value_type = schemas::ReissueReason)]
    reason: ReissueReason,
    /// The form of the new document.
    #[schema(value_type = schemas::CertificateForm)]
    form: CertificateForm,
    /// The holder's new name, for a change of details.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    new_holder_name: Option<PrintedName>,
    /// The inner-page number (내지번호) of a notebook; only for a notebook.
    #[serde(default)]
    #[schema(value_type = Option<schemas::InnerPageNumber>)]
    inner_page_number: Option<InnerPageNumber>,
}

/// `POST /v1/qualification-records/{number}/revocation`: a qualification cancelled (자격
/// 취소), after its hearing (청문).
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct RevocationBody {
    /// Why: obtained by fraud (부정 취득) or the certificate lent (대여).
    #[schema(value_type = schemas::RevocationReason)]
    reason: RevocationReason,
    /// The day of the hearing (청문); the core refuses a cancellation without one.
    #[serde(default)]
    hearing_held_on: Option<NaiveDate>,
    /// A note for the record.
    #[serde(default)]
    #[validate(length(max = chars::NOTE))]
    #[schema(max_length = 500)]
    note: Option<String>,
}

/// `POST /v1/qualification-records/{number}/confirmations`: a confirmation document (자격확인서)
/// asked for; it takes no field.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConfirmationBody {}

/// `POST /v1/confirmations/verify`: what the 진위확인 of a confirmation document asks.
#[derive(Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConfirmationVerifyBody {
    /// The confirmation number (확인번호) printed on the document.
    #[schema(value_type = schemas::ConfirmationNumber)]
    number: ConfirmationNumber,
    /// Its check code (확인코드).
    #[schema(value_type = schemas::ConfirmationCode)]
    code: ConfirmationCode,
}

/// A management number of the path: one that is not is no document (`404`).
pub(crate) fn management_number(text: &str) -> Result<ManagementNumber, Problem> {
    text.parse().map_err(|e: cqnet_core::InputError| {
        Problem::new(StatusCode::NOT_FOUND, "not-found", e.to_string())
    })
}

/// A qualification number of the path: one that is not is no record (`404`).
pub(crate) fn qualification_number(text: &str) -> Result<QualificationNumber, Problem> {
    text.parse().map_err(|e: cqnet_core::InputError| {
        Problem::new(StatusCode::NOT_FOUND, "not-found", e.to_string())
    })
}

pub(crate) async fn view<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    number: ManagementNumber,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let view = shared.cqnet.certificates().view(actor, &number).await?;
    Ok(Json(to_json(&view)?))
}

pub(crate) async fn reissue<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    previous: ManagementNumber,
    body: ReissueBody,
) -> Result<(StatusCode, Json<Value>), Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let reissue = Reissue {
        previous,
        reason: body.reason,
        form: body.form,
        new_holder_name: body.new_holder_name,
        inner_page_number: body.inner_page_number,
    };
    let certificate = shared
        .cqnet
        .certificates()
        .reissue(actor, key, &reissue)
        .await?;
    Ok((StatusCode::CREATED, Json(to_json(&certificate)?)))
}

pub(crate) async fn revoke<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    number: QualificationNumber,
    body: RevocationBody,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let cancellation = Cancellation {
        reason: body.reason,
        hearing_held_on: body.hearing_held_on,
        note: body.note,
    };
    let record = shared
        .cqnet
        .certificates()
        .revoke(actor, key, &number, &cancellation)
        .await?;
    Ok(Json(to_json(&record)?))
}

/// A service given no key of the check codes issues and checks no confirmation document: `501
/// confirmations-not-offered`, the server's lack and not the request's fault.
fn without_secret(error: ServiceError) -> Problem {
    match &error {
        ServiceError::Input(InputError::Missing { what })
            if *what == MISSING_CONFIRMATION_SECRET =>
        {
            Problem::new(
                StatusCode::NOT_IMPLEMENTED,
                "confirmations-not-offered",
                "this server issues and checks no confirmation document: the host gave it no key of check codes",
            )
        }
        _ => error.into(),
    }
}

pub(crate) async fn issue_confirmation<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    number: QualificationNumber,
    ConfirmationBody {}: ConfirmationBody,
) -> Result<(StatusCode, Json<Value>), Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let issued = shared
        .cqnet
        .certificates()
        .issue_confirmation(actor, key, &number)
        .await
        .map_err(without_secret)?;
    Ok((StatusCode::CREATED, Json(to_json(&issued)?)))
}

/// Answers `200` whatever the check finds: without its check code, or past its period, a
/// confirmation document answers as a number never issued.
pub(crate) async fn verify_confirmation<S, C>(
    shared: &Shared<S, C>,
    body: ConfirmationVerifyBody,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    let query = ConfirmationQuery {
        number: body.number,
        code: body.code,
    };
    let answer = shared
        .cqnet
        .certificates()
        .verify_confirmation(&query)
        .await
        .map_err(without_secret)?;
    Ok(Json(to_json(&answer)?))
}

/// Who signs exported credentials: the issuer and its key, kept behind an `Arc` so that a
/// router's clones share one copy of the key.
#[cfg(feature = "credentials")]
#[derive(Clone)]
pub(crate) struct Signer(
    std::sync::Arc<(
        cqnet_core::credential::Issuer,
        cqnet_core::credential::SigningKey,
    )>,
);

#[cfg(feature = "credentials")]
impl Signer {
    pub(crate) fn new(
        issuer: cqnet_core::credential::Issuer,
        key: cqnet_core::credential::SigningKey,
    ) -> Self {
        Signer(std::sync::Arc::new((issuer, key)))
    }
}

/// The problem of a server that exports no credential: built without the feature, or given
/// no signer.
fn credentials_not_offered() -> Problem {
    Problem::new(
        StatusCode::NOT_IMPLEMENTED,
        "credentials-not-offered",
        "this server exports no credential: the host gave it no issuer and key",
    )
}

/// The document as a signed credential, for its holder or the agency: `200` with the
/// credential, `403` (with the core's reasons) for a document no longer in force.
pub(crate) async fn export_credential<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    number: ManagementNumber,
) -> Result<Json<Value>, Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore,
    C: Clock + Clone,
{
    #[cfg(feature = "credentials")]
    if let Some(Signer(signer)) = &shared.signer {
        let (issuer, key) = &**signer;
        // No status list yet: the credential carries no revocation entry.
        let credential = shared
            .cqnet
            .certificates()
            .export_credential(actor, &number, issuer, key, None)
            .await?;
        return Ok(Json(credential));
    }
    let _ = (shared, actor, number);
    Err(credentials_not_offered())
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

pub(crate) async fn issue_for_contract<S, C>(
    shared: &Shared<S, C>,
    actor: &Actor,
    key: &IdempotencyKey,
    contract: ContractId,
    body: IssueBody,
) -> Result<(StatusCode, Json<Value>), Problem>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore + AsyncWorkStudyStore,
    C: Clock + Clone,
{
    let certificate = shared
        .cqnet
        .certificates()
        .issue_for_contract(actor, key, contract, body.form, body.inner_page_number)
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
