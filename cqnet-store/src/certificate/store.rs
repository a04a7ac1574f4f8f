//! The storage traits of certificates, blocking and async.

use super::records::*;
use crate::Inline;
use crate::StoreResult;
use crate::{CommandMeta, IdempotencyKey};
use cqnet_core::access::PartyId;
pub use cqnet_core::certificate::Certificate;
use cqnet_core::certificate::{
    ConfirmationDocument, ConfirmationNumber, IssueKey, ManagementNumber, QualificationNumber,
    QualificationRecord,
};
use std::future::Future;

/// The certificates (자격증), blocking. `&self` methods, usable as `dyn`.
///
/// Every command is one transaction with its audit line and its idempotency key: a retry with
/// the same key and command returns the first answer, with another command
/// [`StoreError::IdempotencyConflict`](crate::StoreError::IdempotencyConflict).
///
/// # Example
/// ```
/// use cqnet_core::certificate::QualificationNumber;
/// use cqnet_store::certificate::CertificateStore;
/// fn documents(store: &dyn CertificateStore, n: &QualificationNumber) -> cqnet_store::StoreResult<usize> {
///     Ok(store.record(n)?.map_or(0, |r| r.issues().len()))
/// }
/// ```
pub trait CertificateStore: Send + Sync {
    /// Issues the certificate of a pass: allocates the qualification number's serial (per pass
    /// year, from 1, never reused) and the management number's sequence (per Korean issue day
    /// and office, from 1), builds the certificate and stores it under its [`IssueKey`],
    /// atomically. When a certificate is stored under that issue key already, returns it
    /// (nothing is allocated).
    ///
    /// # Errors
    /// `AlreadyExists` for an inner-page number already used; `Conflict` when a year's serials
    /// or a day's management numbers run out; `IdempotencyConflict`.
    ///
    /// # Example
    /// See the trait.
    fn issue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewCertificate,
    ) -> StoreResult<Certificate>;

    /// Reissues a document: allocates a management number and stores the new document, which
    /// supersedes the previous one, atomically. When the previous document is superseded
    /// already, returns the document that supersedes it.
    ///
    /// # Errors
    /// `NotFound` for an unknown previous document; `AlreadyExists` for an inner-page number
    /// already used; `Conflict` when the day's management numbers run out or the core refuses
    /// to build the reissue; `IdempotencyConflict`.
    ///
    /// # Example
    /// See the trait.
    fn reissue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewReissue,
    ) -> StoreResult<Certificate>;

    /// Records the cancellation of a qualification and returns the record with it.
    ///
    /// # Errors
    /// `NotFound` for an unknown number; `AlreadyExists` when it is cancelled already;
    /// `IdempotencyConflict`.
    ///
    /// # Example
    /// See the trait.
    fn revoke(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewRevocation,
    ) -> StoreResult<QualificationRecord>;

    /// Issues a confirmation document: allocates its number's sequence (per Korean day, from
    /// 1) and stores it, atomically.
    ///
    /// # Errors
    /// `NotFound` for an unknown qualification number; `Conflict` when the day's numbers run
    /// out; `IdempotencyConflict`.
    ///
    /// # Example
    /// See the trait.
    fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewConfirmation,
    ) -> StoreResult<ConfirmationDocument>;

    /// Everything kept for a qualification number (every document, the cancellation), or
    /// `None` when nothing is: what an authenticity check (진위확인) hands to the core.
    ///
    /// # Example
    /// See the trait.
    fn record(&self, number: &QualificationNumber) -> StoreResult<Option<QualificationRecord>>;

    /// One document by its management number.
    ///
    /// # Errors
    /// `NotFound`.
    ///
    /// # Example
    /// See the trait.
    fn certificate(&self, management_number: &ManagementNumber) -> StoreResult<Certificate>;

    /// The document stored under an issue key (a pass's first issue, or a document's reissue),
    /// if any.
    ///
    /// # Example
    /// See the trait.
    fn certificate_for(&self, key: &IssueKey) -> StoreResult<Option<Certificate>>;

    /// The records of a candidate, by qualification number.
    ///
    /// # Example
    /// See the trait.
    fn records_of(&self, candidate: &PartyId) -> StoreResult<Vec<QualificationRecord>>;

    /// A confirmation document by its exact number, if any.
    ///
    /// # Example
    /// See the trait.
    fn confirmation(
        &self,
        number: &ConfirmationNumber,
    ) -> StoreResult<Option<ConfirmationDocument>>;
}

/// The async twin of [`CertificateStore`]: the same methods, returning futures that are `Send`.
///
/// # Example
/// ```
/// use cqnet_core::certificate::QualificationNumber;
/// use cqnet_store::certificate::AsyncCertificateStore;
/// async fn known<S: AsyncCertificateStore>(store: &S, n: &QualificationNumber) -> cqnet_store::StoreResult<bool> {
///     Ok(store.record(n).await?.is_some())
/// }
/// ```
pub trait AsyncCertificateStore: Send + Sync {
    /// See [`CertificateStore::issue`].
    fn issue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewCertificate,
    ) -> impl Future<Output = StoreResult<Certificate>> + Send;
    /// See [`CertificateStore::reissue`].
    fn reissue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewReissue,
    ) -> impl Future<Output = StoreResult<Certificate>> + Send;
    /// See [`CertificateStore::revoke`].
    fn revoke(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewRevocation,
    ) -> impl Future<Output = StoreResult<QualificationRecord>> + Send;
    /// See [`CertificateStore::issue_confirmation`].
    fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewConfirmation,
    ) -> impl Future<Output = StoreResult<ConfirmationDocument>> + Send;
    /// See [`CertificateStore::record`].
    fn record(
        &self,
        number: &QualificationNumber,
    ) -> impl Future<Output = StoreResult<Option<QualificationRecord>>> + Send;
    /// See [`CertificateStore::certificate`].
    fn certificate(
        &self,
        management_number: &ManagementNumber,
    ) -> impl Future<Output = StoreResult<Certificate>> + Send;
    /// See [`CertificateStore::certificate_for`].
    fn certificate_for(
        &self,
        key: &IssueKey,
    ) -> impl Future<Output = StoreResult<Option<Certificate>>> + Send;
    /// See [`CertificateStore::records_of`].
    fn records_of(
        &self,
        candidate: &PartyId,
    ) -> impl Future<Output = StoreResult<Vec<QualificationRecord>>> + Send;
    /// See [`CertificateStore::confirmation`].
    fn confirmation(
        &self,
        number: &ConfirmationNumber,
    ) -> impl Future<Output = StoreResult<Option<ConfirmationDocument>>> + Send;
}

/// Implements [`AsyncCertificateStore`] for a wrapper with a `run` method, as
/// [`forward_async_exam_store!`](crate::forward_async_exam_store) does for the exam rounds.
///
/// # Example
/// ```text
/// cqnet_store::forward_async_certificate_store!(SpawnBlocking);
/// ```
#[macro_export]
macro_rules! forward_async_certificate_store {
    ($wrapper:ident) => {
        const _: () = {
            use ::cqnet_core::access::PartyId;
            use ::cqnet_core::certificate::{
                ConfirmationDocument, ConfirmationNumber, IssueKey, ManagementNumber,
                QualificationNumber, QualificationRecord,
            };
            use ::std::future::Future;
            use $crate::StoreResult;
            use $crate::certificate::*;
            use $crate::{CommandMeta, IdempotencyKey};

            impl<S: $crate::certificate::CertificateStore + 'static>
                $crate::certificate::AsyncCertificateStore for $wrapper<S>
            {
                fn issue(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    new: &NewCertificate,
                ) -> impl Future<Output = StoreResult<Certificate>> + Send {
                    let (meta, key, new) = (meta.clone(), key.clone(), new.clone());
                    self.run(move |s| CertificateStore::issue(s, &meta, &key, &new))
                }
                fn reissue(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    new: &NewReissue,
                ) -> impl Future<Output = StoreResult<Certificate>> + Send {
                    let (meta, key, new) = (meta.clone(), key.clone(), new.clone());
                    self.run(move |s| CertificateStore::reissue(s, &meta, &key, &new))
                }
                fn revoke(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    new: &NewRevocation,
                ) -> impl Future<Output = StoreResult<QualificationRecord>> + Send {
                    let (meta, key, new) = (meta.clone(), key.clone(), new.clone());
                    self.run(move |s| CertificateStore::revoke(s, &meta, &key, &new))
                }
                fn issue_confirmation(
                    &self,
                    meta: &CommandMeta,
                    key: &IdempotencyKey,
                    new: &NewConfirmation,
                ) -> impl Future<Output = StoreResult<ConfirmationDocument>> + Send {
                    let (meta, key, new) = (meta.clone(), key.clone(), new.clone());
                    self.run(move |s| CertificateStore::issue_confirmation(s, &meta, &key, &new))
                }
                fn record(
                    &self,
                    number: &QualificationNumber,
                ) -> impl Future<Output = StoreResult<Option<QualificationRecord>>> + Send {
                    let number = number.clone();
                    self.run(move |s| CertificateStore::record(s, &number))
                }
                fn certificate(
                    &self,
                    management_number: &ManagementNumber,
                ) -> impl Future<Output = StoreResult<Certificate>> + Send {
                    let m = management_number.clone();
                    self.run(move |s| CertificateStore::certificate(s, &m))
                }
                fn certificate_for(
                    &self,
                    key: &IssueKey,
                ) -> impl Future<Output = StoreResult<Option<Certificate>>> + Send {
                    let key = key.clone();
                    self.run(move |s| CertificateStore::certificate_for(s, &key))
                }
                fn records_of(
                    &self,
                    candidate: &PartyId,
                ) -> impl Future<Output = StoreResult<Vec<QualificationRecord>>> + Send {
                    let candidate = candidate.clone();
                    self.run(move |s| CertificateStore::records_of(s, &candidate))
                }
                fn confirmation(
                    &self,
                    number: &ConfirmationNumber,
                ) -> impl Future<Output = StoreResult<Option<ConfirmationDocument>>> + Send
                {
                    let number = number.clone();
                    self.run(move |s| CertificateStore::confirmation(s, &number))
                }
            }
        };
    };
}

crate::forward_async_certificate_store!(Inline);
