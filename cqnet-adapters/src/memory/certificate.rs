//! The in-memory [`CertificateStore`]: records, documents, cancellations, confirmation
//! documents and the number counters in the same state and behind the same mutex as the other
//! aggregates, so that a command, its numbers and its audit line are one step.

use std::collections::{BTreeMap, HashMap, HashSet};

use cqnet_core::Track;
use cqnet_core::access::PartyId;
use cqnet_core::certificate::{
    ConfirmationDocument, ConfirmationNumber, InnerPageNumber, IssueKey, ManagementNumber,
    QualificationNumber, QualificationRecord, Revocation,
};
use cqnet_store::certificate::{
    Certificate, CertificateStore, NewCertificate, NewConfirmation, NewReissue, NewRevocation,
};
use cqnet_store::{CommandMeta, IdempotencyKey};
use cqnet_store::{StoreError, StoreResult};

use super::{Changes, MemoryStore, State};
use crate::shared::certificate::{
    build_issue, build_reissue, confirmation_document, confirmation_number, confirmation_scope,
    decoy, management_number, management_scope, pass_date, qualification_number, record_of,
    serial_scope, subject,
};
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
    counters: HashMap<String, i64>,
    confirmations: BTreeMap<ConfirmationNumber, ConfirmationDocument>,
}

impl CertificateState {
    /// The counter's next value, without taking it.
    fn peek(&self, scope: &str) -> i64 {
        self.counters.get(scope).copied().unwrap_or(0) + 1
    }

    fn document(&self, m: &ManagementNumber) -> Option<&Certificate> {
        let number = self.documents.get(m)?;
        self.records
            .get(number)?
            .issues
            .iter()
            .find(|c| c.management_number() == m)
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

    fn check_page(&self, page: Option<&InnerPageNumber>) -> StoreResult<()> {
        match page {
            Some(p) if self.inner_pages.contains(p) => Err(StoreError::AlreadyExists {
                what: "inner-page number",
                key: p.to_string(),
            }),
            _ => Ok(()),
        }
    }

    /// Stores a built document (every check done), taking the counters' values.
    fn store(&mut self, c: &Certificate, key: &IssueKey, scopes: &[String]) {
        for scope in scopes {
            let next = self.peek(scope);
            self.counters.insert(scope.clone(), next);
        }
        if let Some(page) = &c.spec().inner_page_number {
            self.inner_pages.insert(page.clone());
        }
        self.by_key
            .insert(key.clone(), c.management_number().clone());
        self.documents
            .insert(c.management_number().clone(), c.number().clone());
    }
}

fn issue_in<'a>(
    s: &State,
    meta: &'a CommandMeta,
    new: &'a NewCertificate,
) -> StoreResult<(Certificate, Changes<'a>)> {
    let key = new.issue_key();
    if let Some(existing) = s.certificates.by_key.get(key) {
        let existing =
            s.certificates
                .document(existing)
                .cloned()
                .ok_or_else(|| StoreError::Corrupt {
                    what: "certificate",
                    detail: format!("issue key {key} names no stored document"),
                })?;
        let subject = format!("{} (issued before)", subject(&existing));
        let changes: Changes<'a> = Box::new(move |s| s.audit(meta, "issue_certificate", subject));
        return Ok((existing, changes));
    }
    let c = &s.certificates;
    c.check_page(new.inner_page_number())?;
    let day = pass_date(new)?;
    let scopes = [
        serial_scope(day),
        management_scope(new.issued_at(), new.office()),
    ];
    let certificate = build_issue(
        new,
        qualification_number(day, c.peek(&scopes[0]))?,
        management_number(new.issued_at(), new.office(), c.peek(&scopes[1]))?,
    )?;
    if c.records.contains_key(certificate.number()) {
        return Err(StoreError::Corrupt {
            what: "qualification number counter",
            detail: format!("{} was allocated twice", certificate.number()),
        });
    }
    let kept = certificate.clone();
    let changes: Changes<'a> = Box::new(move |s| {
        let c = &mut s.certificates;
        c.store(&kept, key, &scopes);
        let subject = subject(&kept);
        c.records.insert(
            kept.number().clone(),
            Entry {
                track: kept.spec().track,
                candidate: kept.spec().candidate.clone(),
                issues: vec![kept],
                revocation: None,
            },
        );
        s.audit(meta, "issue_certificate", subject);
    });
    Ok((certificate, changes))
}

fn reissue_in<'a>(
    s: &State,
    meta: &'a CommandMeta,
    new: &'a NewReissue,
) -> StoreResult<(Certificate, Changes<'a>)> {
    let key = new.issue_key();
    let c = &s.certificates;
    if let Some(existing) = c.by_key.get(key) {
        let existing = c
            .document(existing)
            .cloned()
            .ok_or_else(|| StoreError::Corrupt {
                what: "certificate",
                detail: format!("issue key {key} names no stored document"),
            })?;
        let subject = format!("{} (reissued before)", subject(&existing));
        let changes: Changes<'a> = Box::new(move |s| s.audit(meta, "reissue_certificate", subject));
        return Ok((existing, changes));
    }
    let previous = c
        .document(&new.request().previous)
        .cloned()
        .ok_or_else(|| not_found("certificate", &new.request().previous))?;
    c.check_page(new.inner_page_number())?;
    let scope = management_scope(new.issued_at(), new.office());
    let certificate = build_reissue(
        &previous,
        new,
        management_number(new.issued_at(), new.office(), c.peek(&scope))?,
    )?;
    let kept = certificate.clone();
    let changes: Changes<'a> = Box::new(move |s| {
        let c = &mut s.certificates;
        c.store(&kept, key, &[scope]);
        let subject = format!("{} supersedes {}", subject(&kept), new.request().previous);
        if let Some(entry) = c.records.get_mut(kept.number()) {
            entry.issues.push(kept);
        }
        s.audit(meta, "reissue_certificate", subject);
    });
    Ok((certificate, changes))
}

fn revoke_in<'a>(
    s: &State,
    meta: &'a CommandMeta,
    new: &'a NewRevocation,
) -> StoreResult<(QualificationRecord, Changes<'a>)> {
    let entry = s
        .certificates
        .records
        .get(&new.number)
        .ok_or_else(|| not_found("qualification", &new.number))?;
    if entry.revocation.is_some() {
        return Err(StoreError::AlreadyExists {
            what: "revocation",
            key: new.number.to_string(),
        });
    }
    // The record as it will read once revoked, built (and validated) before the change.
    let record = record_of(
        new.number.clone(),
        entry.track,
        entry.issues.clone(),
        Some(new.revocation.clone()),
    )?;
    let changes: Changes<'a> = Box::new(move |s| {
        if let Some(entry) = s.certificates.records.get_mut(&new.number) {
            entry.revocation = Some(new.revocation.clone());
        }
        s.audit(
            meta,
            "revoke_qualification",
            format!(
                "qualification {} revoked from {} ({:?})",
                new.number, new.revocation.at, new.revocation.reason
            ),
        );
    });
    Ok((record, changes))
}

fn confirm_in<'a>(
    s: &State,
    meta: &'a CommandMeta,
    new: &'a NewConfirmation,
) -> StoreResult<(ConfirmationDocument, Changes<'a>)> {
    let c = &s.certificates;
    if !c.records.contains_key(&new.qualification_number) {
        return Err(not_found("qualification", &new.qualification_number));
    }
    let scope = confirmation_scope(new.issued_at);
    let next = c.peek(&scope);
    let number = confirmation_number(new.issued_at, next)?;
    let document = confirmation_document(new, number);
    let kept = document.clone();
    let changes: Changes<'a> = Box::new(move |s| {
        let c = &mut s.certificates;
        c.counters.insert(scope, next);
        let subject = format!(
            "confirmation {} of {}",
            kept.number, kept.qualification_number
        );
        c.confirmations.insert(kept.number.clone(), kept);
        s.audit(meta, "issue_confirmation", subject);
    });
    Ok((document, changes))
}

impl CertificateStore for MemoryStore {
    fn issue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewCertificate,
    ) -> StoreResult<Certificate> {
        self.idempotent(meta, key, "issue_certificate", &new.retry_payload(), |s| {
            issue_in(s, meta, new)
        })
    }

    fn reissue(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewReissue,
    ) -> StoreResult<Certificate> {
        self.idempotent(
            meta,
            key,
            "reissue_certificate",
            &new.retry_payload(),
            |s| reissue_in(s, meta, new),
        )
    }

    fn revoke(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewRevocation,
    ) -> StoreResult<QualificationRecord> {
        self.idempotent(
            meta,
            key,
            "revoke_qualification",
            &new.retry_payload(),
            |s| revoke_in(s, meta, new),
        )
    }

    fn issue_confirmation(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewConfirmation,
    ) -> StoreResult<ConfirmationDocument> {
        self.idempotent(meta, key, "issue_confirmation", &new.retry_payload(), |s| {
            confirm_in(s, meta, new)
        })
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
