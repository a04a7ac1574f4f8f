//! The in-memory [`CertificateStore`]: records, documents, cancellations, confirmation
//! documents and the number counters in the same state and behind the same mutex as the other
//! aggregates. The commands (`cqnet_store::certificate::commands`) run over the memory
//! transaction: their certificate writes are staged here ([`CertificateStaged`]) and applied
//! only once the command has succeeded, so a refused command takes no number.

use std::collections::{BTreeMap, HashMap, HashSet};

use cqnet_core::Track;
use cqnet_core::access::PartyId;
use cqnet_core::certificate::{
    ConfirmationDocument, ConfirmationNumber, InnerPageNumber, IssueKey, ManagementNumber,
    QualificationNumber, QualificationRecord, Revocation,
};
use cqnet_store::certificate::{
    Certificate, CertificateStore, NewCertificate, NewConfirmation, NewReissue, NewRevocation,
    commands,
};
use cqnet_store::unit_of_work::{CertificateCounter, CertificateTransaction, Lock};
use cqnet_store::{CommandMeta, IdempotencyKey};
use cqnet_store::{StoreError, StoreResult};

use super::transaction::staged_or;
use super::{MemoryStore, MemoryTransaction};
use crate::shared::certificate::{decoy, record_of};
use crate::shared::training::not_found;

struct Entry {
    track: Track,
    candidate: PartyId,
    issues: Vec<Certificate>,
    revocation: Option<Revocation>,
}

#[derive(Default)]
pub(super) struct CertificateState {
    records: BTreeMap<QualificationNumber, Entry>,
    by_key: HashMap<IssueKey, ManagementNumber>,
    documents: HashMap<ManagementNumber, QualificationNumber>,
    inner_pages: HashSet<InnerPageNumber>,
    counters: HashMap<CertificateCounter, u64>,
    confirmations: BTreeMap<ConfirmationNumber, ConfirmationDocument>,
}

impl CertificateState {
    /// The candidates of every qualification record of `track` (one a record issued).
    pub(super) fn candidates_of(&self, track: Track) -> impl Iterator<Item = &PartyId> {
        self.records
            .values()
            .filter(move |e| e.track == track)
            .map(|e| &e.candidate)
    }

    fn document(&self, m: &ManagementNumber) -> Option<&Certificate> {
        let number = self.documents.get(m)?;
        self.records
            .get(number)?
            .issues
            .iter()
            .find(|c| c.management_number() == m)
    }

    /// The document an issue key names, if any.
    fn document_for(&self, key: &IssueKey) -> StoreResult<Option<&Certificate>> {
        let Some(m) = self.by_key.get(key) else {
            return Ok(None);
        };
        self.document(m)
            .map(Some)
            .ok_or_else(|| StoreError::Corrupt {
                what: "certificate",
                detail: format!("issue key {key} names no stored document"),
            })
    }

    fn record(&self, number: &QualificationNumber) -> StoreResult<Option<QualificationRecord>> {
        let Some(e) = self.records.get(number) else {
            // As long as a read that found a record (see `decoy`).
            decoy::copy_record();
            return Ok(None);
        };
        record_of(
            number.clone(),
            e.track,
            e.issues.clone(),
            e.revocation.clone(),
        )
        .map(Some)
    }

    /// Keeps a document of a stored record under its issue key.
    fn store(&mut self, key: IssueKey, c: Certificate) {
        if let Some(page) = &c.spec().inner_page_number {
            self.inner_pages.insert(page.clone());
        }
        self.by_key.insert(key, c.management_number().clone());
        self.documents
            .insert(c.management_number().clone(), c.number().clone());
        if let Some(entry) = self.records.get_mut(c.number()) {
            entry.issues.push(c);
        }
    }
}

/// The certificate writes of a command, applied together when it succeeds. A command reads
/// them back (they come after the state's).
#[derive(Default)]
pub(super) struct CertificateStaged {
    counters: HashMap<CertificateCounter, u64>,
    records: Vec<(QualificationNumber, Track, PartyId)>,
    documents: Vec<(IssueKey, Certificate)>,
    revocations: Vec<(QualificationNumber, Revocation)>,
    confirmations: Vec<ConfirmationDocument>,
}

impl CertificateStaged {
    /// Applies the writes (nothing here can fail): new records first, then their documents.
    pub(super) fn apply(self, c: &mut CertificateState) {
        c.counters.extend(self.counters);
        for (number, track, candidate) in self.records {
            let entry = Entry {
                track,
                candidate,
                issues: Vec::new(),
                revocation: None,
            };
            c.records.insert(number, entry);
        }
        for (key, document) in self.documents {
            c.store(key, document);
        }
        for (number, revocation) in self.revocations {
            if let Some(entry) = c.records.get_mut(&number) {
                entry.revocation = Some(revocation);
            }
        }
        for d in self.confirmations {
            c.confirmations.insert(d.number.clone(), d);
        }
    }

    fn document(&self, found: impl Fn(&IssueKey, &Certificate) -> bool) -> Option<&Certificate> {
        self.documents
            .iter()
            .find(|(k, c)| found(k, c))
            .map(|(_, c)| c)
    }
}

impl CertificateTransaction for MemoryTransaction<'_> {
    async fn next_number(&mut self, counter: &CertificateCounter) -> StoreResult<u64> {
        let (staged, state) = (&self.staged().certificates, &self.state().certificates);
        let last = staged_or(staged.counters.get(counter), state.counters.get(counter));
        let next = last.unwrap_or(0).saturating_add(1);
        self.staged_mut()
            .certificates
            .counters
            .insert(*counter, next);
        Ok(next)
    }

    async fn qualification_record(
        &mut self,
        number: &QualificationNumber,
        _lock: Lock,
    ) -> StoreResult<Option<QualificationRecord>> {
        let (staged, state) = (&self.staged().certificates, &self.state().certificates);
        let (track, mut issues, revocation) = match state.records.get(number) {
            Some(e) => (e.track, e.issues.clone(), e.revocation.clone()),
            None => match staged.records.iter().find(|(n, ..)| n == number) {
                Some((_, track, _)) => (*track, Vec::new(), None),
                None => return Ok(None),
            },
        };
        let mine = staged.documents.iter().map(|(_, c)| c);
        issues.extend(mine.filter(|c| c.number() == number).cloned());
        let staged_revocation = staged.revocations.iter().find(|(n, _)| n == number);
        let revocation = staged_revocation.map(|(_, r)| r.clone()).or(revocation);
        record_of(number.clone(), track, issues, revocation).map(Some)
    }

    async fn certificate(
        &mut self,
        management_number: &ManagementNumber,
        _lock: Lock,
    ) -> StoreResult<Option<Certificate>> {
        let (staged, state) = (&self.staged().certificates, &self.state().certificates);
        let mine = staged.document(|_, c| c.management_number() == management_number);
        Ok(mine.or_else(|| state.document(management_number)).cloned())
    }

    async fn certificate_for(&mut self, key: &IssueKey) -> StoreResult<Option<Certificate>> {
        let (staged, state) = (&self.staged().certificates, &self.state().certificates);
        match staged.document(|k, _| k == key) {
            Some(c) => Ok(Some(c.clone())),
            None => Ok(state.document_for(key)?.cloned()),
        }
    }

    async fn inner_page_used(&mut self, page: &InnerPageNumber) -> StoreResult<bool> {
        let (staged, state) = (&self.staged().certificates, &self.state().certificates);
        let mine = staged.document(|_, c| c.spec().inner_page_number.as_ref() == Some(page));
        Ok(state.inner_pages.contains(page) || mine.is_some())
    }

    async fn insert_record(&mut self, c: &Certificate, key: &IssueKey) -> StoreResult<()> {
        let number = c.number();
        let (staged, state) = (&self.staged().certificates, &self.state().certificates);
        // The counters allocate each number once; a second record under one is a broken
        // counter, never overwritten.
        if state.records.contains_key(number) || staged.records.iter().any(|(n, ..)| n == number) {
            return Err(StoreError::Corrupt {
                what: "qualification number counter",
                detail: format!("{number} was allocated twice"),
            });
        }
        let spec = c.spec();
        let staged = &mut self.staged_mut().certificates;
        let record = (number.clone(), spec.track, spec.candidate.clone());
        staged.records.push(record);
        staged.documents.push((key.clone(), c.clone()));
        Ok(())
    }

    async fn insert_document(&mut self, c: &Certificate, key: &IssueKey) -> StoreResult<()> {
        let staged = &mut self.staged_mut().certificates;
        staged.documents.push((key.clone(), c.clone()));
        Ok(())
    }

    async fn insert_revocation(
        &mut self,
        number: &QualificationNumber,
        revocation: &Revocation,
    ) -> StoreResult<()> {
        let staged = &mut self.staged_mut().certificates;
        staged
            .revocations
            .push((number.clone(), revocation.clone()));
        Ok(())
    }

    async fn insert_confirmation(&mut self, document: &ConfirmationDocument) -> StoreResult<()> {
        let staged = &mut self.staged_mut().certificates;
        staged.confirmations.push(document.clone());
        Ok(())
    }
}

impl CertificateStore for MemoryStore {
    fn issue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewCertificate,
    ) -> StoreResult<Certificate> {
        self.transact(async |tx| commands::issue(tx, meta, key, new).await)
    }

    fn reissue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewReissue,
    ) -> StoreResult<Certificate> {
        self.transact(async |tx| commands::reissue(tx, meta, key, new).await)
    }

    fn revoke(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewRevocation,
    ) -> StoreResult<QualificationRecord> {
        self.transact(async |tx| commands::revoke(tx, meta, key, new).await)
    }

    fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewConfirmation,
    ) -> StoreResult<ConfirmationDocument> {
        self.transact(async |tx| commands::issue_confirmation(tx, meta, key, new).await)
    }

    fn record(&self, number: &QualificationNumber) -> StoreResult<Option<QualificationRecord>> {
        self.lock()?.certificates.record(number)
    }

    fn certificate(&self, management_number: &ManagementNumber) -> StoreResult<Certificate> {
        self.lock()?
            .certificates
            .document(management_number)
            .cloned()
            .ok_or_else(|| not_found("certificate", management_number))
    }

    fn certificate_for(&self, key: &IssueKey) -> StoreResult<Option<Certificate>> {
        let s = self.lock()?;
        Ok(s.certificates
            .by_key
            .get(key)
            .and_then(|m| s.certificates.document(m))
            .cloned())
    }

    fn records_of(&self, candidate: &PartyId) -> StoreResult<Vec<QualificationRecord>> {
        let s = self.lock()?;
        s.certificates
            .records
            .iter()
            .filter(|(_, e)| &e.candidate == candidate)
            .map(|(n, e)| record_of(n.clone(), e.track, e.issues.clone(), e.revocation.clone()))
            .collect()
    }

    fn confirmation(
        &self,
        number: &ConfirmationNumber,
    ) -> StoreResult<Option<ConfirmationDocument>> {
        let found = self.lock()?.certificates.confirmations.get(number).cloned();
        if found.is_none() {
            // As long as a read that found a document (see `decoy`).
            decoy::copy_confirmation();
        }
        Ok(found)
    }
}
