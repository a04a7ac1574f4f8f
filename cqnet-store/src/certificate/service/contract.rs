//! The certificate (자격증) of a learning worker's pass (일학습병행자격): built from their
//! learning-work contract (학습근로계약) rather than from an exam application. The pass is the
//! external evaluation the contract records and the core passed, from its announcement day;
//! the qualification `{직종}_L{n}` is the one the contract's programme (일학습병행과정) leads to;
//! the units are the programme's, named by its training standard (교육훈련기준); the holder is
//! the learner the contract names. Issuing, numbering and cancelling (자격 취소, 법 제33조,
//! after a hearing, 법 제38조) then go as for every certificate.

use cqnet_core::access::{Action, Target};
use cqnet_core::certificate::{
    Certificate, CertificateContent, CertificateForm, CompetencyUnit, InnerPageNumber, PassRecord,
    PrintedName, WorkStudyContent,
};
use cqnet_core::{InputError, Track};

use super::CertificateService;
use crate::certificate::AsyncCertificateStore;
use crate::exam::AsyncExamStore;
use crate::training::ServiceError;
use crate::work_study::{
    AsyncWorkStudyStore, ContractId, LearningContract, check_work_study_qualification,
};
use crate::{Actor, AsyncStore, Clock, ConflictKind, IdempotencyKey, StoreError};

impl<S, C> CertificateService<S, C>
where
    S: AsyncStore + AsyncExamStore + AsyncCertificateStore + AsyncWorkStudyStore,
    C: Clock,
{
    /// The pass a learning-work contract stands for, built from what is stored: the external
    /// evaluation the core passed ([`LearningContract::pass_status`]: passed from its
    /// announcement day), the learner's name and birth date as the contract writes them, and
    /// what the certificate records: the `{직종}_L{n}` qualification of the catalog the
    /// programme leads to, and the programme's units named by its training standard (the code
    /// where the standard names none).
    ///
    /// It names a person, so only the learner themself and the agency may read it
    /// (`Action::ViewCertificate`); a refusal is audited.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for anyone else; [`ServiceError::Store`]: `NotFound` for an
    /// unknown contract or a record it names, `Conflict` of kind `CertificateFactsMissing`
    /// for a contract without an internal evaluation of a programme, a programme naming no
    /// qualification or a contract without the learner's name, `NotAWorkStudyQualification`
    /// for a qualification the catalog no longer keeps as a work-study one;
    /// [`ServiceError::Input`] for a unit name that cannot be printed.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId};
    /// async fn pass_of_contract<S: AsyncStore + AsyncExamStore + AsyncCertificateStore + AsyncWorkStudyStore>(s: &CertificateService<S, FixedClock>, id: ContractId) {
    ///     let agency = cqnet_store::Actor::new("hrdk.admin", cqnet_store::Role::Agency).expect("a login");
    ///     let (pass, content) = s.pass_of_contract(&agency, id).await.expect("stored");
    ///     println!("{} {:?} {}", pass.holder, pass.status, content.qualification_name());
    /// }
    /// ```
    pub async fn pass_of_contract(
        &self,
        actor: &Actor,
        contract: ContractId,
    ) -> Result<(PassRecord, CertificateContent), ServiceError> {
        let stored = self.store.learning_contract(contract).await?.value;
        let target = Target {
            candidate: Some(stored.learner.clone()),
            ..Target::default()
        };
        self.authorize(
            actor,
            Action::ViewCertificate,
            &target,
            "pass_of_contract",
            format!("learning contract {contract}"),
        )
        .await?;
        self.contract_pass(&stored).await
    }

    /// Issues the certificate (자격증 발급) of a learning worker's pass: the agency only, only
    /// for a pass announced (the external evaluation the core passed, from its announcement
    /// day), only in a form the work-study track offers today. One pass has one certificate:
    /// issuing it again, with any key, returns the certificate first issued.
    ///
    /// # Errors
    /// [`ServiceError::Refused`] (`not_permitted`, `pass_not_finalised` before the
    /// announcement or without a sitting, `not_passed`, `form_not_available`);
    /// [`ServiceError::Store`] as [`pass_of_contract`](Self::pass_of_contract), and
    /// `AlreadyExists` for an inner-page number used before, `IdempotencyConflict`;
    /// [`ServiceError::Input`] for an inner-page number on anything but a notebook.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{FixedClock, AsyncStore, exam::AsyncExamStore, certificate::AsyncCertificateStore, certificate::CertificateService, Actor, IdempotencyKey};
    /// use cqnet_store::work_study::{AsyncWorkStudyStore, ContractId};
    /// use cqnet_core::certificate::CertificateForm;
    /// async fn issue_example<S: AsyncStore + AsyncExamStore + AsyncCertificateStore + AsyncWorkStudyStore>(s: &CertificateService<S, FixedClock>, agency: &Actor, id: ContractId) {
    ///     let key = IdempotencyKey::new("issue-contract-1").unwrap();
    ///     let c = s.issue_for_contract(agency, &key, id, CertificateForm::Certificate, None).await.expect("issued");
    ///     println!("자격번호 {} 관리번호 {}", c.number(), c.management_number());
    /// }
    /// ```
    pub async fn issue_for_contract(
        &self,
        actor: &Actor,
        key: &IdempotencyKey,
        contract: ContractId,
        form: CertificateForm,
        inner_page_number: Option<InnerPageNumber>,
    ) -> Result<Certificate, ServiceError> {
        // A key is scoped to who acts and to the command (see `IdempotencyKey::scoped`).
        let key = &key.scoped(actor, "issue_for_contract");
        let subject = format!("learning contract {contract}");
        self.authorize(
            actor,
            Action::ManageCertificates,
            &Target::default(),
            "issue_certificate",
            subject.clone(),
        )
        .await?;
        let stored = self.store.learning_contract(contract).await?.value;
        let pass = self.contract_pass(&stored).await?;
        self.issue_pass(actor, key, subject, pass, form, inner_page_number)
            .await
    }

    /// The pass of [`pass_of_contract`](Self::pass_of_contract), for a caller that has checked
    /// who may see it.
    async fn contract_pass(
        &self,
        contract: &LearningContract,
    ) -> Result<(PassRecord, CertificateContent), ServiceError> {
        let missing = |what: &str| {
            StoreError::conflict(
                ConflictKind::CertificateFactsMissing,
                format!(
                    "learning contract {} gives no certificate: {what}",
                    contract.contract
                ),
            )
        };
        let programme = contract
            .programme
            .ok_or_else(|| missing("no internal evaluation of a programme is recorded"))?;
        let programme = self.store.programme(programme).await?.value;
        let code = programme.qualification.clone().ok_or_else(|| {
            missing(&format!(
                "programme {} names no qualification",
                programme.programme
            ))
        })?;
        let holder = contract
            .learner_name
            .clone()
            .ok_or_else(|| missing("the contract does not write the learner's name"))?;
        let qualification = self.store.qualification(&code).await?.value;
        let name = check_work_study_qualification(&qualification)?;
        let standard = programme.standard.spec();
        let units = programme
            .plan
            .spec()
            .units
            .iter()
            .map(|unit| {
                let named = standard
                    .units
                    .iter()
                    .find(|s| s.code == unit.code)
                    .and_then(|s| s.name.as_deref())
                    .unwrap_or(unit.code.as_str());
                Ok(CompetencyUnit {
                    code: unit.code.clone(),
                    name: PrintedName::new(named)?,
                })
            })
            .collect::<Result<Vec<_>, InputError>>()?;
        let pass = PassRecord {
            track: Track::WorkStudy,
            qualification: code,
            candidate: contract.learner.clone(),
            holder,
            birth_date: contract.born_on,
            status: contract.pass_status(self.now()),
        };
        let content = CertificateContent::WorkStudy(WorkStudyContent::new(name, units)?);
        Ok((pass, content))
    }
}
