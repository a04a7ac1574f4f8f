//! The records of certificates: what the store keeps and the service hands out.

use chrono::{DateTime, FixedOffset, NaiveDate};
use cqnet_core::InputError;
use cqnet_core::certificate::{
    CertificateForm, ConfirmationCode, ConfirmationDocument, InnerPageNumber, IssueDecision,
    IssueKey, IssueRequest, PrintedName, QualificationNumber, ReissueDecision, ReissueRequest,
    Revocation,
};
use cqnet_core::window::korean_date;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub use cqnet_core::certificate::Certificate;

/// The most an office code may be (`00` to `99` in a management number).
pub const MAX_OFFICE: u8 = 99;

pub(crate) fn check_office(office: u8) -> Result<(), InputError> {
    if office > MAX_OFFICE {
        return Err(InputError::OutOfRange {
            what: "office code",
            min: "0".into(),
            max: MAX_OFFICE.to_string(),
            value: office.to_string(),
        });
    }
    Ok(())
}

fn check_inner_page(
    form: CertificateForm,
    inner_page_number: Option<&InnerPageNumber>,
) -> Result<(), InputError> {
    if inner_page_number.is_some() && form != CertificateForm::Notebook {
        return Err(InputError::Inconsistent(format!(
            "only a notebook (수첩형) has an inner-page number, not a {form} certificate"
        )));
    }
    Ok(())
}

/// A first issue to store: the request, the core's issuable decision, the issuing office
/// (관리번호의 기관 코드), the issue instant and, for a notebook, its inner-page number (printed on
/// the notebook's stock, so it comes from the host). The store adds the numbers.
///
/// # Errors
/// [`NewCertificate::new`] refuses a decision that does not allow issuing or was made for
/// another pass, an issue instant whose Korean day is not the request's issue date, an office
/// above 99, and an inner-page number on anything but a notebook.
///
/// # Example
/// See the [module documentation](super).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "NewCertificateWire", into = "NewCertificateWire")]
pub struct NewCertificate {
    request: IssueRequest,
    decision: IssueDecision,
    key: IssueKey,
    office: u8,
    issued_at: DateTime<FixedOffset>,
    inner_page_number: Option<InnerPageNumber>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewCertificateWire {
    request: IssueRequest,
    decision: IssueDecision,
    office: u8,
    issued_at: DateTime<FixedOffset>,
    #[serde(default)]
    inner_page_number: Option<InnerPageNumber>,
}

impl TryFrom<NewCertificateWire> for NewCertificate {
    type Error = InputError;
    fn try_from(w: NewCertificateWire) -> Result<Self, Self::Error> {
        NewCertificate::new(
            w.request,
            w.decision,
            w.office,
            w.issued_at,
            w.inner_page_number,
        )
    }
}

impl From<NewCertificate> for NewCertificateWire {
    fn from(n: NewCertificate) -> Self {
        NewCertificateWire {
            request: n.request,
            decision: n.decision,
            office: n.office,
            issued_at: n.issued_at,
            inner_page_number: n.inner_page_number,
        }
    }
}

impl NewCertificate {
    /// Checks a first issue.
    ///
    /// # Errors
    /// [`NewCertificate::new`] refuses a decision that does not allow issuing or was made for
    /// another pass, an issue instant whose Korean day is not the request's issue date, an office
    /// above 99, and an inner-page number on anything but a notebook.
    ///
    /// # Example
    /// See the [module documentation](super).
    pub fn new(
        request: IssueRequest,
        decision: IssueDecision,
        office: u8,
        issued_at: DateTime<FixedOffset>,
        inner_page_number: Option<InnerPageNumber>,
    ) -> Result<Self, InputError> {
        let key = match (&decision.issue_key, IssueKey::for_pass(&request.pass)) {
            (Some(decided), Some(pass)) if decision.issuable && decided == &pass => pass,
            _ => {
                return Err(InputError::Inconsistent(
                    "a certificate is stored only on an issuable decision for the same pass".into(),
                ));
            }
        };
        if korean_date(issued_at) != request.issue_date {
            return Err(InputError::Inconsistent(format!(
                "issued at {issued_at} but the request is for {}",
                request.issue_date
            )));
        }
        check_office(office)?;
        check_inner_page(request.form, inner_page_number.as_ref())?;
        Ok(NewCertificate {
            request,
            decision,
            key,
            office,
            issued_at,
            inner_page_number,
        })
    }

    /// The request.
    ///
    /// # Example
    /// See the [module documentation](super).
    pub fn request(&self) -> &IssueRequest {
        &self.request
    }

    /// The core's decision.
    ///
    /// # Example
    /// See the [module documentation](super).
    pub fn decision(&self) -> &IssueDecision {
        &self.decision
    }

    /// The key the certificate is stored under: one certificate per pass.
    ///
    /// # Example
    /// See the [module documentation](super).
    pub fn issue_key(&self) -> &IssueKey {
        &self.key
    }

    /// The issuing office.
    ///
    /// # Example
    /// See the [module documentation](super).
    pub fn office(&self) -> u8 {
        self.office
    }

    /// The issue instant.
    ///
    /// # Example
    /// See the [module documentation](super).
    pub fn issued_at(&self) -> DateTime<FixedOffset> {
        self.issued_at
    }

    /// The notebook's inner-page number, if any.
    ///
    /// # Example
    /// See the [module documentation](super).
    pub fn inner_page_number(&self) -> Option<&InnerPageNumber> {
        self.inner_page_number.as_ref()
    }

    /// What identifies the command across retries (its idempotency fingerprint's payload): the
    /// pass, not the instant, which a retry changes.
    ///
    /// # Example
    /// See the [module documentation](super).
    pub fn retry_payload(&self) -> Value {
        json!({ "issue_key": self.key })
    }
}

/// A reissue to store: the request, the core's issuable decision, the office, the instant and,
/// for a notebook, the new inner-page number. The store finds the previous document and adds
/// the management number.
///
/// # Errors
/// [`NewReissue::new`] refuses a decision that does not allow the reissue or concerns another
/// document, an issue instant whose Korean day is not the request's issue date, an office
/// above 99, and an inner-page number on anything but a notebook.
///
/// # Example
/// ```
/// use cqnet_core::certificate::*;
/// use cqnet_core::rules::RulePack;
/// use cqnet_store::certificate::NewReissue;
/// let rules = RulePack::embedded().rules_at("2026-07-01".parse().unwrap())?;
/// let first = Certificate::example();
/// let record = QualificationRecord::new(first.number().clone(), first.spec().track, vec![first.clone()], None)?;
/// let request = ReissueRequest {
///     previous: first.management_number().clone(),
///     reason: ReissueReason::Lost,
///     form: CertificateForm::Certificate,
///     new_holder_name: None,
///     issue_date: "2026-07-01".parse().unwrap(),
/// };
/// let at = "2026-07-01T14:00:00+09:00".parse().unwrap();
/// let decision = decide_reissue(&record, &request, at, &rules)?;
/// let new = NewReissue::new(request, decision, 1, at, None)?;
/// assert_eq!(new.issue_key().as_str(), "reissue:202605011030-01-000042");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "NewReissueWire", into = "NewReissueWire")]
pub struct NewReissue {
    request: ReissueRequest,
    decision: ReissueDecision,
    office: u8,
    issued_at: DateTime<FixedOffset>,
    inner_page_number: Option<InnerPageNumber>,
    retry: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewReissueWire {
    request: ReissueRequest,
    decision: ReissueDecision,
    office: u8,
    issued_at: DateTime<FixedOffset>,
    #[serde(default)]
    inner_page_number: Option<InnerPageNumber>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    retry: bool,
}

impl TryFrom<NewReissueWire> for NewReissue {
    type Error = InputError;
    fn try_from(w: NewReissueWire) -> Result<Self, Self::Error> {
        let build = if w.retry {
            NewReissue::retry
        } else {
            NewReissue::new
        };
        build(
            w.request,
            w.decision,
            w.office,
            w.issued_at,
            w.inner_page_number,
        )
    }
}

impl From<NewReissue> for NewReissueWire {
    fn from(n: NewReissue) -> Self {
        NewReissueWire {
            request: n.request,
            decision: n.decision,
            office: n.office,
            issued_at: n.issued_at,
            inner_page_number: n.inner_page_number,
            retry: n.retry,
        }
    }
}

impl NewReissue {
    /// Checks a reissue.
    ///
    /// # Errors
    /// [`NewReissue::new`] refuses a decision that does not allow the reissue or concerns another
    /// document, an issue instant whose Korean day is not the request's issue date, an office
    /// above 99, and an inner-page number on anything but a notebook.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::certificate::NewReissue;
    /// use cqnet_core::certificate::{ReissueDecision, ReissueRequest};
    /// fn to_store(request: ReissueRequest, decision: ReissueDecision, at: chrono::DateTime<chrono::FixedOffset>)
    ///     -> Result<NewReissue, cqnet_core::InputError> {
    ///     // office 1 (서울), no new inner-page number; refused unless the core found it issuable.
    ///     NewReissue::new(request, decision, 1, at, None)
    /// }
    /// let _ = to_store;
    /// ```
    pub fn new(
        request: ReissueRequest,
        decision: ReissueDecision,
        office: u8,
        issued_at: DateTime<FixedOffset>,
        inner_page_number: Option<InnerPageNumber>,
    ) -> Result<Self, InputError> {
        if !decision.issuable {
            return Err(InputError::Inconsistent(
                "a reissue is stored only on an issuable decision for the same document".into(),
            ));
        }
        Self::checked(
            request,
            decision,
            office,
            issued_at,
            inner_page_number,
            false,
        )
    }

    /// A reissue the core refused (its document is superseded already, say), sent again under
    /// an idempotency key the store has recorded, for the store to answer from the key: the
    /// first answer when the key was first used for the same reissue (the same document,
    /// reason, form and new name), [`StoreError::IdempotencyConflict`](crate::StoreError::IdempotencyConflict)
    /// when it was used for another. It stores nothing new: the core builds no document from
    /// a decision that does not allow one (the store answers `Conflict`), and a document
    /// superseded already answers with the reissue that supersedes it, as any reissue does.
    ///
    /// # Errors
    /// As [`NewReissue::new`], except that the decision need not allow the reissue.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::*;
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_store::certificate::NewReissue;
    /// let rules = RulePack::embedded().rules_at("2026-07-01".parse().unwrap())?;
    /// let first = Certificate::example();
    /// let record = QualificationRecord::new(first.number().clone(), first.spec().track, vec![first.clone()], None)?;
    /// let request = ReissueRequest {
    ///     previous: first.management_number().clone(),
    ///     reason: ReissueReason::DetailsChanged,
    ///     form: CertificateForm::Certificate,
    ///     new_holder_name: None, // refused: details_unchanged
    ///     issue_date: "2026-07-01".parse().unwrap(),
    /// };
    /// let at = "2026-07-01T14:00:00+09:00".parse().unwrap();
    /// let refused = decide_reissue(&record, &request, at, &rules)?;
    /// assert!(NewReissue::new(request.clone(), refused.clone(), 1, at, None).is_err());
    /// let retry = NewReissue::retry(request, refused, 1, at, None)?;
    /// assert!(retry.is_retry());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn retry(
        request: ReissueRequest,
        decision: ReissueDecision,
        office: u8,
        issued_at: DateTime<FixedOffset>,
        inner_page_number: Option<InnerPageNumber>,
    ) -> Result<Self, InputError> {
        Self::checked(
            request,
            decision,
            office,
            issued_at,
            inner_page_number,
            true,
        )
    }

    fn checked(
        request: ReissueRequest,
        decision: ReissueDecision,
        office: u8,
        issued_at: DateTime<FixedOffset>,
        inner_page_number: Option<InnerPageNumber>,
        retry: bool,
    ) -> Result<Self, InputError> {
        if decision.issue_key != IssueKey::for_reissue(&request.previous) {
            return Err(InputError::Inconsistent(
                "a reissue is stored only on a decision for the same document".into(),
            ));
        }
        if korean_date(issued_at) != request.issue_date {
            return Err(InputError::Inconsistent(format!(
                "issued at {issued_at} but the request is for {}",
                request.issue_date
            )));
        }
        check_office(office)?;
        check_inner_page(request.form, inner_page_number.as_ref())?;
        Ok(NewReissue {
            request,
            decision,
            office,
            issued_at,
            inner_page_number,
            retry,
        })
    }

    /// Whether this is a retry made with [`NewReissue::retry`], to be answered from its key.
    ///
    /// # Example
    /// See [`NewReissue::retry`].
    pub fn is_retry(&self) -> bool {
        self.retry
    }

    /// The request.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::certificate::NewReissue;
    /// fn describe(r: &NewReissue) -> String {
    ///     format!("{:?}", r.request().reason)
    /// }
    /// let _ = describe;
    /// ```
    pub fn request(&self) -> &ReissueRequest {
        &self.request
    }

    /// The core's decision.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::certificate::NewReissue;
    /// fn describe(r: &NewReissue) -> String {
    ///     r.decision().issuable.to_string()
    /// }
    /// let _ = describe;
    /// ```
    pub fn decision(&self) -> &ReissueDecision {
        &self.decision
    }

    /// The key the reissue is stored under (`reissue:{previous}`).
    ///
    /// # Example
    /// ```
    /// use cqnet_store::certificate::NewReissue;
    /// fn describe(r: &NewReissue) -> String {
    ///     format!("{:?}", r.issue_key())
    /// }
    /// let _ = describe;
    /// ```
    pub fn issue_key(&self) -> &IssueKey {
        &self.decision.issue_key
    }

    /// The issuing office.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::certificate::NewReissue;
    /// fn describe(r: &NewReissue) -> String {
    ///     format!("office {}", r.office())
    /// }
    /// let _ = describe;
    /// ```
    pub fn office(&self) -> u8 {
        self.office
    }

    /// The issue instant.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::certificate::NewReissue;
    /// fn describe(r: &NewReissue) -> String {
    ///     r.issued_at().to_rfc3339()
    /// }
    /// let _ = describe;
    /// ```
    pub fn issued_at(&self) -> DateTime<FixedOffset> {
        self.issued_at
    }

    /// The notebook's new inner-page number, if any.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::certificate::NewReissue;
    /// fn describe(r: &NewReissue) -> String {
    ///     format!("{:?}", r.inner_page_number())
    /// }
    /// let _ = describe;
    /// ```
    pub fn inner_page_number(&self) -> Option<&InnerPageNumber> {
        self.inner_page_number.as_ref()
    }

    /// What identifies the command across retries: the document replaced, why, the form and
    /// the new name; not the instant.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::certificate::NewReissue;
    /// fn describe(r: &NewReissue) -> String {
    ///     r.retry_payload()["previous"].to_string()
    /// }
    /// let _ = describe;
    /// ```
    pub fn retry_payload(&self) -> Value {
        let r = &self.request;
        json!({
            "previous": r.previous,
            "reason": r.reason,
            "form": r.form,
            "new_holder_name": r.new_holder_name,
        })
    }
}

/// A cancellation to store: the qualification number and the [`Revocation`] the core decided
/// (`decide_revocation`), with when, why and who.
///
/// # Example
/// ```
/// use cqnet_core::access::{Actor, PartyId};
/// use cqnet_core::certificate::*;
/// use cqnet_store::certificate::NewRevocation;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let c = Certificate::example();
/// let record = QualificationRecord::new(c.number().clone(), c.spec().track, vec![c.clone()], None)?;
/// let request = RevocationRequest {
///     at: t("2026-09-01T09:00:00+09:00"),
///     reason: RevocationReason::Fraud,
///     hearing_held_on: Some("2026-08-20".parse().unwrap()),
///     note: None,
/// };
/// let rules = cqnet_core::rules::RulePack::embedded().newest();
/// let d = decide_revocation(&record, &Actor::Agency(PartyId::new("hrdk")?), &request, &rules);
/// let new = NewRevocation { number: c.number().clone(), revocation: d.revocation.unwrap() };
/// assert_eq!(new.retry_payload()["number"], "26000000123J");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRevocation {
    /// The qualification cancelled.
    pub number: QualificationNumber,
    /// What the core decided to record.
    pub revocation: Revocation,
}

impl NewRevocation {
    /// What identifies the command across retries: the number, why, who, the hearing and the
    /// note; not the instant.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::certificate::NewRevocation;
    /// fn reason_of(r: &NewRevocation) -> String { r.retry_payload()["reason"].to_string() }
    /// let _ = reason_of;
    /// ```
    pub fn retry_payload(&self) -> Value {
        let r = &self.revocation;
        json!({
            "number": self.number,
            "reason": r.reason,
            "by": r.by,
            "hearing_held_on": r.hearing_held_on,
            "note": r.note,
        })
    }
}

/// A confirmation document (자격취득사실 확인서) to store: what it confirms and when it is
/// issued. The store allocates the sequence of the number `HRD-YYYYMMDDhhmmss-NNNNN` (per
/// Korean day) and stores the [`ConfirmationDocument`](cqnet_core::certificate::ConfirmationDocument).
///
/// # Example
/// ```
/// use cqnet_core::certificate::{PrintedName, QualificationNumber};
/// use cqnet_store::certificate::NewConfirmation;
/// let new = NewConfirmation {
///     qualification_number: QualificationNumber::example(),
///     holder: PrintedName::example(),
///     qualification_name: PrintedName::new("정보처리산업기사")?,
///     pass_date: "2026-04-10".parse().unwrap(),
///     issued_at: "2026-06-01T09:30:00+09:00".parse().unwrap(),
/// };
/// assert_eq!(new.retry_payload()["qualification_number"], "26000000123J");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewConfirmation {
    /// The qualification it confirms.
    pub qualification_number: QualificationNumber,
    /// The holder's name.
    pub holder: PrintedName,
    /// The qualification's name.
    pub qualification_name: PrintedName,
    /// The pass date.
    pub pass_date: NaiveDate,
    /// The issue instant, carried by the number to the second.
    pub issued_at: DateTime<FixedOffset>,
}

impl NewConfirmation {
    /// What identifies the command across retries: the qualification, not the instant.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::certificate::NewConfirmation;
    /// fn number_of(c: &NewConfirmation) -> String {
    ///     c.retry_payload()["qualification_number"].to_string()
    /// }
    /// let _ = number_of;
    /// ```
    pub fn retry_payload(&self) -> Value {
        json!({ "qualification_number": self.qualification_number })
    }
}

/// A confirmation document as the service hands it to its holder: the document the store
/// keeps and its check code (확인번호), derived from the host's secret and never stored. Both
/// are printed; a check (진위확인) needs the number and the code.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{ConfirmationDocument, ConfirmationSecret};
/// use cqnet_store::certificate::IssuedConfirmation;
/// let document = ConfirmationDocument::example();
/// let issued = IssuedConfirmation {
///     check_code: document.check_code(&ConfirmationSecret::example()),
///     document,
/// };
/// println!("문서번호 {} 확인번호 {}", issued.document.number, issued.check_code);
/// assert_eq!(issued.check_code.as_str().len(), 19);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuedConfirmation {
    /// The document, as stored.
    pub document: ConfirmationDocument,
    /// Its check code, to print beside its number.
    pub check_code: ConfirmationCode,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use cqnet_core::certificate::{PassStatus, decide_issue};
    use cqnet_core::rules::RulePack;

    fn issuable() -> (IssueRequest, IssueDecision) {
        let rules = RulePack::embedded()
            .rules_at("2026-05-01".parse().unwrap())
            .unwrap();
        let request = IssueRequest::example();
        let decision = decide_issue(&request, &rules).unwrap();
        (request, decision)
    }

    #[test]
    fn a_new_certificate_needs_an_issuable_decision_of_the_same_pass() {
        let at: DateTime<FixedOffset> = "2026-05-01T10:30:00+09:00".parse().unwrap();
        let (request, decision) = issuable();
        assert!(NewCertificate::new(request.clone(), decision.clone(), 1, at, None).is_ok());
        let mut other = request.clone();
        other.pass.status = PassStatus::Passed {
            pass_date: "2026-04-11".parse().unwrap(),
        };
        assert!(NewCertificate::new(other, decision.clone(), 1, at, None).is_err());
        // another day than the request's
        let late = "2026-05-02T00:00:00+09:00".parse().unwrap();
        assert!(NewCertificate::new(request.clone(), decision.clone(), 1, late, None).is_err());
        assert!(NewCertificate::new(request.clone(), decision.clone(), 100, at, None).is_err());
        // a 상장형 certificate has no inner page
        let page = Some(InnerPageNumber::example());
        assert!(NewCertificate::new(request.clone(), decision.clone(), 1, at, page).is_err());
        let mut refused = request;
        refused.pass.status = PassStatus::NotFinalised;
        let rules = RulePack::embedded()
            .rules_at("2026-05-01".parse().unwrap())
            .unwrap();
        let d = decide_issue(&refused, &rules).unwrap();
        assert!(NewCertificate::new(refused, d, 1, at, None).is_err());
    }

    #[test]
    fn a_retried_reissue_round_trips_and_a_plain_one_needs_an_issuable_decision() {
        use cqnet_core::certificate::{
            Certificate, CertificateForm, QualificationRecord, ReissueReason, decide_reissue,
        };
        let first = Certificate::example();
        let record = QualificationRecord::new(
            first.number().clone(),
            first.spec().track,
            vec![first.clone()],
            None,
        )
        .unwrap();
        let request = ReissueRequest {
            previous: first.management_number().clone(),
            reason: ReissueReason::DetailsChanged,
            form: CertificateForm::Certificate,
            new_holder_name: None,
            issue_date: "2026-07-01".parse().unwrap(),
        };
        let at: DateTime<FixedOffset> = "2026-07-01T14:00:00+09:00".parse().unwrap();
        let rules = RulePack::embedded()
            .rules_at("2026-07-01".parse().unwrap())
            .unwrap();
        let refused = decide_reissue(&record, &request, at, &rules).unwrap();
        assert!(!refused.issuable);
        let retry = NewReissue::retry(request.clone(), refused.clone(), 1, at, None).unwrap();
        let json = serde_json::to_string(&retry).unwrap();
        let back: NewReissue = serde_json::from_str(&json).unwrap();
        assert!(back.is_retry());
        assert_eq!(back, retry);
        let plain = json.replace(",\"retry\":true", "");
        assert_ne!(plain, json);
        assert!(serde_json::from_str::<NewReissue>(&plain).is_err());
        // a retry still concerns the same document
        let mut other = request;
        other.previous =
            cqnet_core::certificate::ManagementNumber::new("202605011030-01-000043").unwrap();
        assert!(NewReissue::retry(other, refused, 1, at, None).is_err());
    }

    #[test]
    fn commands_round_trip_through_json_and_check_again() {
        let at: DateTime<FixedOffset> = "2026-05-01T10:30:00+09:00".parse().unwrap();
        let (request, decision) = issuable();
        let new = NewCertificate::new(request, decision, 7, at, None).unwrap();
        let json = serde_json::to_string(&new).unwrap();
        assert_eq!(serde_json::from_str::<NewCertificate>(&json).unwrap(), new);
        let bad = json.replace("\"office\":7", "\"office\":250");
        assert!(serde_json::from_str::<NewCertificate>(&bad).is_err());
    }
}
