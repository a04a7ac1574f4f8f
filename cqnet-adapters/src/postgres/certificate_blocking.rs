//! [`CertificateStore`](cqnet_store::certificate::CertificateStore) on the blocking PostgreSQL
//! store.

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

use super::super::certificate as cert;
use super::super::exec::finish;
use super::super::transaction::PgTransaction;
use super::PgStore;

impl cqnet_store::certificate::CertificateStore for PgStore {
    fn issue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewCertificate,
    ) -> StoreResult<Certificate> {
        self.write(|s| finish(commands::issue(&mut PgTransaction::new(s), meta, key, new)))
    }

    fn reissue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewReissue,
    ) -> StoreResult<Certificate> {
        self.write(|s| {
            finish(commands::reissue(
                &mut PgTransaction::new(s),
                meta,
                key,
                new,
            ))
        })
    }

    fn revoke(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewRevocation,
    ) -> StoreResult<QualificationRecord> {
        self.write(|s| finish(commands::revoke(&mut PgTransaction::new(s), meta, key, new)))
    }

    fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewConfirmation,
    ) -> StoreResult<ConfirmationDocument> {
        self.write(|s| {
            finish(commands::issue_confirmation(
                &mut PgTransaction::new(s),
                meta,
                key,
                new,
            ))
        })
    }

    fn record(&self, number: &QualificationNumber) -> StoreResult<Option<QualificationRecord>> {
        self.read(|s| finish(cert::record(s, number)))
    }

    fn certificate(&self, management_number: &ManagementNumber) -> StoreResult<Certificate> {
        self.read(|s| finish(cert::certificate(s, management_number)))
    }

    fn certificate_for(&self, key: &IssueKey) -> StoreResult<Option<Certificate>> {
        self.read(|s| finish(cert::certificate_for(s, key)))
    }

    fn records_of(&self, candidate: &PartyId) -> StoreResult<Vec<QualificationRecord>> {
        self.read(|s| finish(cert::records_of(s, candidate)))
    }

    fn confirmation(
        &self,
        number: &ConfirmationNumber,
    ) -> StoreResult<Option<ConfirmationDocument>> {
        self.read(|s| finish(cert::confirmation(s, number)))
    }
}
