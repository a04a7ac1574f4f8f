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
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult};
    /// use cqnet_store::certificate::{Certificate, CertificateStore, NewCertificate};
    /// fn issue(store: &dyn CertificateStore, meta: &CommandMeta, key: &IdempotencyKey, new: &NewCertificate) -> StoreResult<Certificate> {
    ///     store.issue(meta, key, new)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult};
    /// use cqnet_store::certificate::{Certificate, CertificateStore, NewReissue};
    /// fn reissue(store: &dyn CertificateStore, meta: &CommandMeta, key: &IdempotencyKey, new: &NewReissue) -> StoreResult<Certificate> {
    ///     store.reissue(meta, key, new)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_core::certificate::QualificationRecord;
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult};
    /// use cqnet_store::certificate::{CertificateStore, NewRevocation};
    /// fn revoke(store: &dyn CertificateStore, meta: &CommandMeta, key: &IdempotencyKey, new: &NewRevocation) -> StoreResult<QualificationRecord> {
    ///     store.revoke(meta, key, new)
    /// }
    /// ```
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
    /// ```
    /// use cqnet_core::certificate::ConfirmationDocument;
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult};
    /// use cqnet_store::certificate::{CertificateStore, NewConfirmation};
    /// fn issue_confirmation(store: &dyn CertificateStore, meta: &CommandMeta, key: &IdempotencyKey, new: &NewConfirmation) -> StoreResult<ConfirmationDocument> {
    ///     store.issue_confirmation(meta, key, new)
    /// }
    /// ```
    fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewConfirmation,
    ) -> StoreResult<ConfirmationDocument>;

    /// Everything kept for a qualification number (every document, the cancellation), or
    /// `None` when nothing is: what an authenticity check (진위확인) hands to the core.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{QualificationNumber, QualificationRecord};
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::certificate::CertificateStore;
    /// fn record(store: &dyn CertificateStore, number: &QualificationNumber) -> StoreResult<Option<QualificationRecord>> {
    ///     store.record(number)
    /// }
    /// ```
    fn record(&self, number: &QualificationNumber) -> StoreResult<Option<QualificationRecord>>;

    /// One document by its management number.
    ///
    /// # Errors
    /// `NotFound`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ManagementNumber;
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::certificate::{Certificate, CertificateStore};
    /// fn certificate(store: &dyn CertificateStore, management_number: &ManagementNumber) -> StoreResult<Certificate> {
    ///     store.certificate(management_number)
    /// }
    /// ```
    fn certificate(&self, management_number: &ManagementNumber) -> StoreResult<Certificate>;

    /// The document stored under an issue key (a pass's first issue, or a document's reissue),
    /// if any.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::IssueKey;
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::certificate::{Certificate, CertificateStore};
    /// fn certificate_for(store: &dyn CertificateStore, key: &IssueKey) -> StoreResult<Option<Certificate>> {
    ///     store.certificate_for(key)
    /// }
    /// ```
    fn certificate_for(&self, key: &IssueKey) -> StoreResult<Option<Certificate>>;

    /// The records of a candidate, by qualification number.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_core::certificate::QualificationRecord;
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::certificate::CertificateStore;
    /// fn records_of(store: &dyn CertificateStore, candidate: &PartyId) -> StoreResult<Vec<QualificationRecord>> {
    ///     store.records_of(candidate)
    /// }
    /// ```
    fn records_of(&self, candidate: &PartyId) -> StoreResult<Vec<QualificationRecord>>;

    /// A confirmation document by its exact number, if any.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{ConfirmationDocument, ConfirmationNumber};
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::certificate::CertificateStore;
    /// fn confirmation(store: &dyn CertificateStore, number: &ConfirmationNumber) -> StoreResult<Option<ConfirmationDocument>> {
    ///     store.confirmation(number)
    /// }
    /// ```
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
    /// Issues the certificate of a pass: allocates the qualification number's serial (per pass
    /// year, from 1, never reused) and the management number's sequence (per Korean issue day
    /// and office, from 1), builds the certificate and stores it under its [`IssueKey`],
    /// atomically. When a certificate is stored under that issue key already, returns it
    /// (nothing is allocated).
    ///
    /// The async twin of [`CertificateStore::issue`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `AlreadyExists` for an inner-page number already used; `Conflict` when a year's serials
    /// or a day's management numbers run out; `IdempotencyConflict`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult};
    /// use cqnet_store::certificate::{AsyncCertificateStore, Certificate, NewCertificate};
    /// async fn issue<S: AsyncCertificateStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, new: &NewCertificate) -> StoreResult<Certificate> {
    ///     store.issue(meta, key, new).await
    /// }
    /// ```
    fn issue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewCertificate,
    ) -> impl Future<Output = StoreResult<Certificate>> + Send;
    /// Reissues a document: allocates a management number and stores the new document, which
    /// supersedes the previous one, atomically. When the previous document is superseded
    /// already, returns the document that supersedes it.
    ///
    /// The async twin of [`CertificateStore::reissue`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound` for an unknown previous document; `AlreadyExists` for an inner-page number
    /// already used; `Conflict` when the day's management numbers run out or the core refuses
    /// to build the reissue; `IdempotencyConflict`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult};
    /// use cqnet_store::certificate::{AsyncCertificateStore, Certificate, NewReissue};
    /// async fn reissue<S: AsyncCertificateStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, new: &NewReissue) -> StoreResult<Certificate> {
    ///     store.reissue(meta, key, new).await
    /// }
    /// ```
    fn reissue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewReissue,
    ) -> impl Future<Output = StoreResult<Certificate>> + Send;
    /// Records the cancellation of a qualification and returns the record with it.
    ///
    /// The async twin of [`CertificateStore::revoke`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound` for an unknown number; `AlreadyExists` when it is cancelled already;
    /// `IdempotencyConflict`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::QualificationRecord;
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult};
    /// use cqnet_store::certificate::{AsyncCertificateStore, NewRevocation};
    /// async fn revoke<S: AsyncCertificateStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, new: &NewRevocation) -> StoreResult<QualificationRecord> {
    ///     store.revoke(meta, key, new).await
    /// }
    /// ```
    fn revoke(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewRevocation,
    ) -> impl Future<Output = StoreResult<QualificationRecord>> + Send;
    /// Issues a confirmation document: allocates its number's sequence (per Korean day, from
    /// 1) and stores it, atomically.
    ///
    /// The async twin of [`CertificateStore::issue_confirmation`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound` for an unknown qualification number; `Conflict` when the day's numbers run
    /// out; `IdempotencyConflict`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ConfirmationDocument;
    /// use cqnet_store::{CommandMeta, IdempotencyKey, StoreResult};
    /// use cqnet_store::certificate::{AsyncCertificateStore, NewConfirmation};
    /// async fn issue_confirmation<S: AsyncCertificateStore>(store: &S, meta: &CommandMeta, key: &IdempotencyKey, new: &NewConfirmation) -> StoreResult<ConfirmationDocument> {
    ///     store.issue_confirmation(meta, key, new).await
    /// }
    /// ```
    fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewConfirmation,
    ) -> impl Future<Output = StoreResult<ConfirmationDocument>> + Send;
    /// Everything kept for a qualification number (every document, the cancellation), or
    /// `None` when nothing is: what an authenticity check (진위확인) hands to the core.
    ///
    /// The async twin of [`CertificateStore::record`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{QualificationNumber, QualificationRecord};
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::certificate::AsyncCertificateStore;
    /// async fn record<S: AsyncCertificateStore>(store: &S, number: &QualificationNumber) -> StoreResult<Option<QualificationRecord>> {
    ///     store.record(number).await
    /// }
    /// ```
    fn record(
        &self,
        number: &QualificationNumber,
    ) -> impl Future<Output = StoreResult<Option<QualificationRecord>>> + Send;
    /// One document by its management number.
    ///
    /// The async twin of [`CertificateStore::certificate`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// `NotFound`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::ManagementNumber;
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::certificate::{AsyncCertificateStore, Certificate};
    /// async fn certificate<S: AsyncCertificateStore>(store: &S, management_number: &ManagementNumber) -> StoreResult<Certificate> {
    ///     store.certificate(management_number).await
    /// }
    /// ```
    fn certificate(
        &self,
        management_number: &ManagementNumber,
    ) -> impl Future<Output = StoreResult<Certificate>> + Send;
    /// The document stored under an issue key (a pass's first issue, or a document's reissue),
    /// if any.
    ///
    /// The async twin of [`CertificateStore::certificate_for`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::IssueKey;
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::certificate::{AsyncCertificateStore, Certificate};
    /// async fn certificate_for<S: AsyncCertificateStore>(store: &S, key: &IssueKey) -> StoreResult<Option<Certificate>> {
    ///     store.certificate_for(key).await
    /// }
    /// ```
    fn certificate_for(
        &self,
        key: &IssueKey,
    ) -> impl Future<Output = StoreResult<Option<Certificate>>> + Send;
    /// The records of a candidate, by qualification number.
    ///
    /// The async twin of [`CertificateStore::records_of`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// use cqnet_core::certificate::QualificationRecord;
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::certificate::AsyncCertificateStore;
    /// async fn records_of<S: AsyncCertificateStore>(store: &S, candidate: &PartyId) -> StoreResult<Vec<QualificationRecord>> {
    ///     store.records_of(candidate).await
    /// }
    /// ```
    fn records_of(
        &self,
        candidate: &PartyId,
    ) -> impl Future<Output = StoreResult<Vec<QualificationRecord>>> + Send;
    /// A confirmation document by its exact number, if any.
    ///
    /// The async twin of [`CertificateStore::confirmation`]: the same command or read, without blocking the caller.
    ///
    /// # Errors
    /// Backend faults only ([`StoreError::Unavailable`](crate::StoreError::Unavailable)).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{ConfirmationDocument, ConfirmationNumber};
    /// use cqnet_store::StoreResult;
    /// use cqnet_store::certificate::AsyncCertificateStore;
    /// async fn confirmation<S: AsyncCertificateStore>(store: &S, number: &ConfirmationNumber) -> StoreResult<Option<ConfirmationDocument>> {
    ///     store.confirmation(number).await
    /// }
    /// ```
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
