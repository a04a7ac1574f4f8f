//! [`AsyncCertificateStore`](cqnet_store::certificate::AsyncCertificateStore) on the async
//! PostgreSQL store: every round trip awaited.

use cqnet_core::access::PartyId;
use cqnet_core::certificate::{
    ConfirmationDocument, ConfirmationNumber, IssueKey, ManagementNumber, QualificationNumber,
    QualificationRecord,
};
use cqnet_store::StoreResult;
use cqnet_store::certificate::{
    Certificate, NewCertificate, NewConfirmation, NewReissue, NewRevocation, commands,
};
use cqnet_store::{CommandMeta, IdempotencyKey};
use tokio_postgres::IsolationLevel;

use super::super::certificate as cert;
use super::super::exec::{AsyncSession, Next, PgError, backoff, settle};
use super::super::transaction::PgTransaction;
use super::AsyncPgStore;

impl cqnet_store::certificate::AsyncCertificateStore for AsyncPgStore {
    async fn issue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewCertificate,
    ) -> StoreResult<Certificate> {
        write_tx!(self, |s| commands::issue(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            new
        ))
    }

    async fn reissue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewReissue,
    ) -> StoreResult<Certificate> {
        write_tx!(self, |s| commands::reissue(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            new
        ))
    }

    async fn revoke(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewRevocation,
    ) -> StoreResult<QualificationRecord> {
        write_tx!(self, |s| commands::revoke(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            new
        ))
    }

    async fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewConfirmation,
    ) -> StoreResult<ConfirmationDocument> {
        write_tx!(self, |s| commands::issue_confirmation(
            &mut PgTransaction::new(&mut s),
            meta,
            key,
            new
        ))
    }

    async fn record(
        &self,
        number: &QualificationNumber,
    ) -> StoreResult<Option<QualificationRecord>> {
        read!(self, |s| cert::record(&mut s, number))
    }

    async fn certificate(&self, management_number: &ManagementNumber) -> StoreResult<Certificate> {
        read!(self, |s| cert::certificate(&mut s, management_number))
    }

    async fn certificate_for(&self, key: &IssueKey) -> StoreResult<Option<Certificate>> {
        read!(self, |s| cert::certificate_for(&mut s, key))
    }

    async fn records_of(&self, candidate: &PartyId) -> StoreResult<Vec<QualificationRecord>> {
        read!(self, |s| cert::records_of(&mut s, candidate))
    }

    async fn confirmation(
        &self,
        number: &ConfirmationNumber,
    ) -> StoreResult<Option<ConfirmationDocument>> {
        read!(self, |s| cert::confirmation(&mut s, number))
    }
}
