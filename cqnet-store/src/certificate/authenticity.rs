//! The authenticity checks (진위확인) over any [`AsyncCertificateStore`](super::AsyncCertificateStore), doing the same work
//! whatever the answer: the same store reads in the same order, and the core's checks, which
//! compare in constant time and against a decoy when the store found nothing. The
//! [`CertificateService`](super::CertificateService) answers through these.

use chrono::{DateTime, FixedOffset, NaiveDate};
use cqnet_core::certificate::{
    ConfirmationQuery, ConfirmationSecret, QualificationNumber, QualificationRecord,
    VerificationAnswer, VerificationQuery, verify, verify_confirmation,
};
use cqnet_core::rules::Rules;

use super::AsyncCertificateStore;
use crate::training::ServiceError;

/// Answers a certificate check: one read of the record of the queried number, then the core.
pub(crate) async fn verify_on<S: AsyncCertificateStore + ?Sized>(
    store: &S,
    query: &VerificationQuery,
    now: DateTime<FixedOffset>,
    rules: &Rules,
) -> Result<VerificationAnswer, ServiceError> {
    let found = store.record(&query.number).await?;
    Ok(verify(query, found.as_ref(), now, rules))
}

/// The qualification number whose record a confirmation check reads when no document was
/// found, so that it reads the store as often as when one was: the last serial of the last
/// year a number can carry.
fn decoy_number() -> QualificationNumber {
    NaiveDate::from_ymd_opt(2099, 12, 31)
        .and_then(|day| QualificationNumber::compose(day, 999_999_999).ok())
        .unwrap_or_else(QualificationNumber::example)
}

/// Answers a confirmation document check: a read of the document, a read of the record of
/// its qualification (of a decoy number when there is no document), then the core.
pub(crate) async fn verify_confirmation_on<S: AsyncCertificateStore + ?Sized>(
    store: &S,
    query: &ConfirmationQuery,
    secret: &ConfirmationSecret,
    now: DateTime<FixedOffset>,
    rules: &Rules,
) -> Result<VerificationAnswer, ServiceError> {
    let found = store.confirmation(&query.number).await?;
    let qualification = found
        .as_ref()
        .map_or_else(decoy_number, |doc| doc.qualification_number.clone());
    let record = store.record(&qualification).await?;
    let revocation = found
        .as_ref()
        .and(record.as_ref())
        .and_then(QualificationRecord::revocation);
    Ok(verify_confirmation(
        query,
        found.as_ref(),
        revocation,
        secret,
        now,
        rules,
    ))
}
