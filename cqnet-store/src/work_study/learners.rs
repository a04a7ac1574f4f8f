//! The records of learning workers (학습근로자) and their learning-work contracts (학습근로계약):
//! the contract as concluded, every change of its term, the extensions owed after failed
//! external evaluations, its end (a pass, a termination), the conversion the employer owes a
//! learner who passed, the transfers that carry a programme on at another company, and the
//! ledger of its OJT and Off-JT days.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use cqnet_core::access::PartyId;
use cqnet_core::certificate::PrintedName;
use cqnet_core::extension::{self, ExtensionDecision, ExtensionRequest};
use cqnet_core::learning_contract::{self, ContractDecision, ContractFacts, TermChange};
use cqnet_core::learning_time::{self, Circumstances, Session, SessionDecision, TrainingKind};
use cqnet_core::rules::Rules;
use cqnet_core::sanction::Measure;
use cqnet_core::termination::{self, Termination, TerminationDecision};
use cqnet_core::{Hours, InputError, LegalBasis, RulesUsed};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    CompletionCertificate, ExternalResult, InternalEvaluation, PartialCertificate, ProgrammeId,
    Recorded,
};
use crate::training::InstitutionId;

/// The identifier of a learning-work contract (a UUID the host chooses).
///
/// # Example
/// ```
/// use cqnet_store::work_study::ContractId;
/// let id: ContractId = "67e55044-10b1-426f-9247-bb680e5fe0c8".parse()?;
/// assert_eq!(id.to_string(), "67e55044-10b1-426f-9247-bb680e5fe0c8");
/// assert_eq!(ContractId::from_u128(7).uuid().as_u128(), 7);
/// assert!("not-an-id".parse::<ContractId>().is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContractId(Uuid);

impl ContractId {
    /// The identifier of a UUID chosen by the host.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::work_study::ContractId;
    /// assert_eq!(ContractId::new(uuid::Uuid::from_u128(3)), ContractId::from_u128(3));
    /// ```
    pub const fn new(id: Uuid) -> Self {
        ContractId(id)
    }

    /// The identifier of a number, for tests and examples.
    ///
    /// # Example
    /// See [`ContractId`].
    pub const fn from_u128(n: u128) -> Self {
        ContractId(Uuid::from_u128(n))
    }

    /// The UUID.
    ///
    /// # Example
    /// See [`ContractId`].
    pub const fn uuid(self) -> Uuid {
        self.0
    }
}

impl fmt::Display for ContractId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl FromStr for ContractId {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s)
            .map(ContractId)
            .map_err(|_| InputError::Malformed {
                what: "ContractId",
                value: s.chars().take(64).collect(),
                expected: "a UUID such as 67e55044-10b1-426f-9247-bb680e5fe0c8",
            })
    }
}

/// The terms of a learning-work contract as concluded (법 제21조): its term (the end exclusive),
/// whether its course leads to a degree, the daily learning-work hours it states (일일
/// 학습근로시간), whether it is in writing and the day its content was given to the learner.
///
/// # Example
/// ```
/// use cqnet_store::work_study::ContractTerms;
/// let terms = ContractTerms::example();
/// assert!(terms.in_writing && terms.given_to_learner_on.is_some());
/// assert_eq!(terms.facts().starts_on, terms.starts_on);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractTerms {
    /// The first day of the contract.
    pub starts_on: NaiveDate,
    /// The day after its last day.
    pub ends_on: NaiveDate,
    /// The course leads to a degree (학위과정).
    pub degree_course: bool,
    /// The daily learning-work hours the contract states.
    pub daily_hours: Hours,
    /// The contract is in writing (서면).
    pub in_writing: bool,
    /// The day its content was given to the learner (교부), if it was.
    #[serde(deserialize_with = "Option::deserialize")]
    pub given_to_learner_on: Option<NaiveDate>,
}

impl ContractTerms {
    /// A contract of two years from 2026-03-02, in writing, given to the learner the Friday
    /// before, of 8 hours a day.
    ///
    /// # Example
    /// See [`ContractTerms`].
    pub fn example() -> Self {
        ContractTerms {
            starts_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or(NaiveDate::MIN),
            ends_on: NaiveDate::from_ymd_opt(2028, 3, 2).unwrap_or(NaiveDate::MIN),
            degree_course: false,
            daily_hours: Hours::whole(8).unwrap_or(Hours::ZERO),
            in_writing: true,
            given_to_learner_on: NaiveDate::from_ymd_opt(2026, 2, 27),
        }
    }

    /// The facts the core's [`learning_contract::decide`] reads.
    ///
    /// # Example
    /// See [`ContractTerms`].
    pub fn facts(&self) -> ContractFacts {
        ContractFacts {
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            degree_course: self.degree_course,
            in_writing: self.in_writing,
            given_to_learner_on: self.given_to_learner_on,
        }
    }
}

/// A learning-work contract to conclude: its identifier, the learner (the host's opaque
/// identifier, never a resident registration number), their birth date (for the rules on
/// learners under 18), their name as the contract (학습근로계약서) writes it, the designated
/// company and the terms.
///
/// The name is what a qualification certificate (자격증) of the learner's pass prints; a
/// contract concluded without it can get no certificate (the certificate service refuses
/// with `certificate_facts_missing`) and decides everything else as before.
///
/// # Example
/// ```
/// use cqnet_core::access::PartyId;
/// use cqnet_core::rules::RulePack;
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::work_study::{ContractId, ContractTerms, NewContract};
/// let new = NewContract {
///     contract: ContractId::from_u128(1),
///     learner: PartyId::new("learner-1")?,
///     born_on: "2004-05-06".parse()?,
///     learner_name: None,
///     company: InstitutionId::from_u128(200),
///     terms: ContractTerms::example(),
/// };
/// let rules = RulePack::embedded().rules_at(new.terms.starts_on)?;
/// assert!(new.decision(&rules)?.valid);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewContract {
    /// The contract.
    pub contract: ContractId,
    /// The learner.
    pub learner: PartyId,
    /// The learner's birth date.
    pub born_on: NaiveDate,
    /// The learner's name (성명), as printed on a certificate; `None` when the host keeps it
    /// elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner_name: Option<PrintedName>,
    /// The designated learning company.
    pub company: InstitutionId,
    /// The terms.
    pub terms: ContractTerms,
}

impl NewContract {
    /// The core's decision on the contract as concluded.
    ///
    /// # Errors
    /// [`InputError`] for terms that describe no real contract (an end not after the start,
    /// content given after the end).
    ///
    /// # Example
    /// See [`NewContract`].
    pub fn decision(&self, rules: &Rules) -> Result<ContractDecision, InputError> {
        learning_contract::decide(&self.terms.facts(), rules)
    }
}

/// A learner and the contracts they have held, in order. A learner is never deleted.
///
/// # Example
/// ```
/// use cqnet_core::access::PartyId;
/// use cqnet_store::work_study::{ContractId, Learner};
/// let l = Learner { learner: PartyId::new("learner-1")?, contracts: vec![ContractId::from_u128(1)] };
/// assert_eq!(l.contracts.len(), 1);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Learner {
    /// The person.
    pub learner: PartyId,
    /// Their contracts, the first concluded first.
    pub contracts: Vec<ContractId>,
}

/// A change of a contract's term asked for (계약기간 단축·연장, 법 제21조제4항): the new end
/// (exclusive), whether the learner consented, and the day the agency approved it, if it did.
///
/// # Example
/// ```
/// use cqnet_store::work_study::TermChangeRequest;
/// let r = TermChangeRequest { new_end: "2027-09-02".parse()?, learner_consented: true, approved_on: Some("2026-09-01".parse()?) };
/// assert!(r.learner_consented);
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermChangeRequest {
    /// The day after the new last day.
    pub new_end: NaiveDate,
    /// The learner consented.
    pub learner_consented: bool,
    /// The day the agency approved, if it did.
    #[serde(deserialize_with = "Option::deserialize")]
    pub approved_on: Option<NaiveDate>,
}

/// A change of term as recorded: what was asked, and the end it replaced.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{TermChangeRequest, TermChanged};
/// let c = TermChanged { request: TermChangeRequest { new_end: "2027-09-02".parse()?, learner_consented: true, approved_on: Some("2026-09-01".parse()?) }, previous_end: "2028-03-02".parse()? };
/// assert!(c.request.new_end < c.previous_end);
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermChanged {
    /// The change asked for.
    pub request: TermChangeRequest,
    /// The end it replaced.
    pub previous_end: NaiveDate,
}

/// A learner's request for the extension the employer owes after a failed external evaluation
/// (법 제22조제3항): the day the failure was announced, the months asked for, and whether the
/// learner asked.
///
/// # Example
/// ```
/// use cqnet_store::work_study::ExtensionClaim;
/// let c = ExtensionClaim { failed_on: "2027-12-10".parse()?, months: 6, learner_requested: true };
/// assert_eq!(c.months, 6);
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionClaim {
    /// The day the failed external evaluation was announced.
    pub failed_on: NaiveDate,
    /// The months of extension asked for.
    pub months: u32,
    /// The learner asked for it (학습근로자의 요청).
    pub learner_requested: bool,
}

/// An owed extension as granted: the claim, the end it replaced, the new end.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{ExtensionClaim, OwedExtension};
/// let e = OwedExtension { claim: ExtensionClaim { failed_on: "2027-12-10".parse()?, months: 6, learner_requested: true }, previous_end: "2028-03-02".parse()?, new_end: "2028-09-02".parse()? };
/// assert!(e.new_end > e.previous_end);
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwedExtension {
    /// The claim.
    pub claim: ExtensionClaim,
    /// The end it replaced.
    pub previous_end: NaiveDate,
    /// The new end.
    pub new_end: NaiveDate,
}

/// A termination by the employer (해지, 법 제23조): the core's facts and the day it takes
/// effect.
///
/// # Example
/// ```
/// use cqnet_core::termination::{Termination, TerminationGround};
/// use cqnet_store::work_study::ContractTermination;
/// let t = ContractTermination {
///     termination: Termination { ground: TerminationGround::LearnerGaveUp, written_notice: true, states_reason_and_date: true },
///     effective_on: "2026-09-01".parse()?,
/// };
/// assert_eq!(t.termination.ground, TerminationGround::LearnerGaveUp);
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractTermination {
    /// The ground and the notice.
    pub termination: Termination,
    /// The first day the contract no longer binds.
    pub effective_on: NaiveDate,
}

/// The statement of the training already done (훈련 실시 내역, 법 제29조제3항) that a
/// contract ending early leaves the learner: the period, and the hours of each training and
/// those counted as learning-work hours, from the contract's ledger.
///
/// # Example
/// ```
/// use cqnet_core::Hours;
/// use cqnet_store::work_study::TrainingStatement;
/// let s = TrainingStatement { from: "2026-03-02".parse()?, until: "2026-09-01".parse()?, days: 0, ojt_hours: Hours::ZERO, off_jt_hours: Hours::ZERO, counted_hours: Hours::ZERO };
/// assert!(s.from < s.until);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingStatement {
    /// The contract's first day.
    pub from: NaiveDate,
    /// The day it ended (exclusive).
    pub until: NaiveDate,
    /// The distinct days with an entry.
    pub days: u32,
    /// OJT hours recorded, excused absences included.
    pub ojt_hours: Hours,
    /// Off-JT hours recorded, excused absences included.
    pub off_jt_hours: Hours,
    /// The hours counted as learning-work hours.
    pub counted_hours: Hours,
}

/// A termination as recorded: what the employer gave, the core's rules, and the statement of
/// the training done.
///
/// # Example
/// ```
/// use cqnet_store::work_study::Terminated;
/// fn statement_days(t: &Terminated) -> u32 { t.statement.days }
/// let _ = statement_days;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terminated {
    /// The termination.
    pub termination: ContractTermination,
    /// The rules of the core's decision.
    pub rules: RulesUsed,
    /// The training done until it took effect.
    pub statement: TrainingStatement,
}

/// The agency's record that the learner passed the external evaluation, on `passed_on`.
///
/// # Example
/// ```
/// use cqnet_store::work_study::PassRecord;
/// let p = PassRecord { passed_on: "2027-12-10".parse()? };
/// assert_eq!(p.passed_on.to_string(), "2027-12-10");
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassRecord {
    /// The day the pass was announced.
    pub passed_on: NaiveDate,
}

/// The company's record that it converted a learner who passed into an open-ended employee
/// (기간의 정함이 없는 근로자로 전환, 법 제24조), on `converted_on`.
///
/// # Example
/// ```
/// use cqnet_store::work_study::Conversion;
/// let c = Conversion { converted_on: "2027-12-11".parse()? };
/// assert_eq!(c.converted_on.to_string(), "2027-12-11");
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conversion {
    /// The day of the conversion.
    pub converted_on: NaiveDate,
}

/// The employer's duty to convert a learner who passed (법 제24조): open from the pass until
/// the company records the conversion.
///
/// # Example
/// ```
/// use cqnet_store::work_study::ConversionDuty;
/// fn open(d: &ConversionDuty) -> bool { d.closed.is_none() }
/// let _ = open;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversionDuty {
    /// The day it opened (the pass).
    pub since: NaiveDate,
    /// Its legal basis, from the pack (`learning_contract.conversion_after_pass`).
    pub basis: LegalBasis,
    /// The conversion, once recorded.
    pub closed: Option<Recorded<Conversion>>,
}

/// Where a contract stands.
///
/// # Example
/// ```
/// use cqnet_store::work_study::ContractStatus;
/// let s = ContractStatus::Passed { on: "2027-12-10".parse().unwrap() };
/// assert_eq!(s.code(), "passed");
/// assert_eq!(serde_json::to_value(&s).unwrap()["status"], "passed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ContractStatus {
    /// Concluded, not ended by a pass or a termination (it may have run out).
    Active,
    /// Ended by the learner passing the external evaluation on `on` (법 제22조제2항).
    Passed {
        /// The day of the pass, the contract's last day.
        on: NaiveDate,
    },
    /// Terminated from `on` (법 제23조).
    Terminated {
        /// The first day it no longer binds.
        on: NaiveDate,
    },
}

impl ContractStatus {
    /// The status's stable code (`active`, `passed`, `terminated`), as the SQL back ends keep
    /// it beside the record.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::work_study::ContractStatus;
    /// assert_eq!(ContractStatus::Active.code(), "active");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ContractStatus::Active => "active",
            ContractStatus::Passed { .. } => "passed",
            ContractStatus::Terminated { .. } => "terminated",
        }
    }
}

/// The mark a cancellation or a suspension of the company leaves on its learners' contracts:
/// their programme is to be carried on at another company (법 제14조제2항), from `since`.
///
/// # Example
/// ```
/// use cqnet_core::sanction::Measure;
/// use cqnet_store::work_study::CarryOn;
/// let c = CarryOn { since: "2026-09-01".parse().unwrap(), measure: Measure::Cancellation };
/// assert_eq!(c.measure, Measure::Cancellation);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarryOn {
    /// The day of the measure.
    pub since: NaiveDate,
    /// The measure.
    pub measure: Measure,
}

/// A transfer of a contract to another designated company: from, to, on.
///
/// # Example
/// ```
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::work_study::Transfer;
/// let t = Transfer { from: InstitutionId::from_u128(200), to: InstitutionId::from_u128(201), on: "2026-09-02".parse().unwrap() };
/// assert_ne!(t.from, t.to);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    /// The company it left.
    pub from: InstitutionId,
    /// The company it moved to.
    pub to: InstitutionId,
    /// The day.
    pub on: NaiveDate,
}

/// What a permission for night or holiday OJT is (법 제27조제2항).
///
/// # Example
/// ```
/// use cqnet_store::work_study::PermissionKind;
/// assert_eq!(serde_json::to_value(PermissionKind::MinistryAuthorisation).unwrap(), "ministry_authorisation");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PermissionKind {
    /// The written agreement with the learner (서면 합의).
    WrittenAgreement,
    /// The ministry's authorisation (고용노동부장관의 인가), for a learner under 18 or pregnant.
    MinistryAuthorisation,
}

/// A permission for night or holiday OJT and the day it was given.
///
/// # Example
/// ```
/// use cqnet_store::work_study::{OjtPermission, PermissionKind};
/// let p = OjtPermission { kind: PermissionKind::WrittenAgreement, granted_on: "2026-03-02".parse().unwrap() };
/// assert_eq!(p.kind, PermissionKind::WrittenAgreement);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OjtPermission {
    /// Which one.
    pub kind: PermissionKind,
    /// The day it was given.
    pub granted_on: NaiveDate,
}

/// One day's entry of one training to record: the core's checked session, and the facts of
/// the day only the host knows (the learner is pregnant; the day is a public holiday).
///
/// # Example
/// ```
/// use cqnet_core::learning_time::{Session, TrainingKind};
/// use cqnet_core::Hours;
/// use cqnet_store::work_study::TrainingDayEntry;
/// let session = Session::new(TrainingKind::Ojt, "2026-03-03".parse()?, "09:00".parse()?, "16:00".parse()?, Hours::whole(6)?, false)?;
/// let entry = TrainingDayEntry { session, pregnant: false, public_holiday: false };
/// assert_eq!(entry.session.hours(), Hours::whole(6)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingDayEntry {
    /// The session, checked by the core.
    pub session: Session,
    /// The learner is pregnant on the day.
    pub pregnant: bool,
    /// The day is a public holiday (관공서 공휴일).
    pub public_holiday: bool,
}

/// A day's entry as recorded: the entry, what the core found (the hours counted, night,
/// holiday), its rules, who recorded it and when.
///
/// # Example
/// ```
/// use cqnet_store::work_study::TrainingDay;
/// fn counted(d: &TrainingDay) -> cqnet_core::Hours { d.counted_hours }
/// let _ = counted;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingDay {
    /// The entry.
    pub entry: TrainingDayEntry,
    /// The learning-work hours it counts.
    pub counted_hours: Hours,
    /// The session touched the night.
    pub night: bool,
    /// The day was a holiday.
    pub holiday: bool,
    /// The rules of the core's decision.
    pub rules: RulesUsed,
    /// Who recorded it.
    pub by: crate::Actor,
    /// When, by the host's clock.
    pub at: DateTime<Utc>,
}

/// A learning-work contract and its whole history. Nothing is ever removed from it: a change
/// appends, a transfer moves the whole record to the new company.
///
/// # Example
/// ```
/// use cqnet_core::access::PartyId;
/// use cqnet_store::training::InstitutionId;
/// use cqnet_store::work_study::{ContractId, ContractStatus, ContractTerms, LearningContract, NewContract};
/// let new = NewContract { contract: ContractId::from_u128(1), learner: PartyId::new("learner-1")?, born_on: "2004-05-06".parse()?, learner_name: None, company: InstitutionId::from_u128(200), terms: ContractTerms::example() };
/// let rules = cqnet_core::rules::RulePack::embedded().rules_at(new.terms.starts_on)?;
/// let c = LearningContract::concluded(&new, "2026-02-27".parse()?, &new.decision(&rules)?);
/// assert_eq!(c.status, ContractStatus::Active);
/// assert!(c.in_force("2026-03-02".parse()?) && !c.in_force("2028-03-02".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningContract {
    /// The contract.
    pub contract: ContractId,
    /// The learner.
    pub learner: PartyId,
    /// The learner's birth date.
    pub born_on: NaiveDate,
    /// The learner's name (성명) as the contract writes it, if it was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner_name: Option<PrintedName>,
    /// The company it binds now (after a transfer, the new one).
    pub company: InstitutionId,
    /// The day it was recorded.
    pub concluded_on: NaiveDate,
    /// The terms as concluded.
    pub terms: ContractTerms,
    /// The rules of the core's decision on them.
    pub rules: RulesUsed,
    /// The day after its last day now (changes and owed extensions move it).
    pub ends_on: NaiveDate,
    /// Every change of term, in order.
    pub term_changes: Vec<Recorded<TermChanged>>,
    /// Every owed extension, in order.
    pub extensions: Vec<Recorded<OwedExtension>>,
    /// Where it stands.
    pub status: ContractStatus,
    /// The termination, if it was terminated.
    pub termination: Option<Recorded<Terminated>>,
    /// The conversion owed after a pass.
    pub conversion: Option<ConversionDuty>,
    /// The programme is to be carried on elsewhere (the company's designation was cancelled or
    /// suspended); cleared by a transfer.
    pub carry_on: Option<CarryOn>,
    /// Every transfer, in order.
    pub transfers: Vec<Recorded<Transfer>>,
    /// The permissions for night and holiday OJT.
    pub permissions: Vec<Recorded<OjtPermission>>,
    /// The ledger of OJT and Off-JT days, in the order recorded.
    pub days: Vec<TrainingDay>,
    /// The programme (일학습병행과정) its internal evaluations belong to, from the first one.
    #[serde(default)]
    pub programme: Option<ProgrammeId>,
    /// The internal evaluations (내부평가) of the programme's units, in the order recorded.
    #[serde(default)]
    pub evaluations: Vec<InternalEvaluation>,
    /// The completion certificate (이수증명서), once issued.
    #[serde(default)]
    pub completion: Option<CompletionCertificate>,
    /// The external evaluations (외부평가) sat, in the order recorded.
    #[serde(default)]
    pub external_results: Vec<ExternalResult>,
    /// The partial completion certificate (시행규칙 제8조) of a learner who left early, once
    /// issued.
    #[serde(default)]
    pub partial_certificate: Option<PartialCertificate>,
}

impl LearningContract {
    /// A contract as concluded on `concluded_on` with the core's decision.
    ///
    /// # Example
    /// See [`LearningContract`].
    pub fn concluded(
        new: &NewContract,
        concluded_on: NaiveDate,
        decision: &ContractDecision,
    ) -> Self {
        LearningContract {
            contract: new.contract,
            learner: new.learner.clone(),
            born_on: new.born_on,
            learner_name: new.learner_name.clone(),
            company: new.company,
            concluded_on,
            terms: new.terms,
            rules: decision.rules.clone(),
            ends_on: new.terms.ends_on,
            term_changes: Vec::new(),
            extensions: Vec::new(),
            status: ContractStatus::Active,
            termination: None,
            conversion: None,
            carry_on: None,
            transfers: Vec::new(),
            permissions: Vec::new(),
            days: Vec::new(),
            programme: None,
            evaluations: Vec::new(),
            completion: None,
            external_results: Vec::new(),
            partial_certificate: None,
        }
    }

    /// The day after the last day it binds: its end, or the day after a pass, or the day a
    /// termination takes effect, whichever comes first.
    ///
    /// # Example
    /// See [`LearningContract`].
    pub fn binds_until(&self) -> NaiveDate {
        let ended = match self.status {
            ContractStatus::Active => self.ends_on,
            ContractStatus::Passed { on } => on.succ_opt().unwrap_or(on),
            ContractStatus::Terminated { on } => on,
        };
        ended.min(self.ends_on)
    }

    /// Whether the contract binds on `day`.
    ///
    /// # Example
    /// See [`LearningContract`].
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.terms.starts_on <= day && day < self.binds_until()
    }

    /// Whether the duty to convert the learner is open.
    ///
    /// # Example
    /// See [`LearningContract`].
    pub fn conversion_open(&self) -> bool {
        self.conversion.as_ref().is_some_and(|d| d.closed.is_none())
    }

    /// The months of owed extensions granted so far.
    fn extension_months(&self) -> Vec<u32> {
        self.extensions
            .iter()
            .map(|e| e.fact.claim.months)
            .collect()
    }

    /// The core's decision on a change of term, the agency's approval counting from its day
    /// on or before `day`.
    ///
    /// # Errors
    /// [`InputError`] for a change that describes nothing real (the same end, an end not after
    /// the start).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::access::PartyId;
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{ContractId, ContractTerms, LearningContract, NewContract, TermChangeRequest};
    /// # let new = NewContract { contract: ContractId::from_u128(1), learner: PartyId::new("learner-1")?, born_on: "2004-05-06".parse()?, learner_name: None, company: InstitutionId::from_u128(200), terms: ContractTerms::example() };
    /// let day = "2026-09-01".parse()?;
    /// let rules = cqnet_core::rules::RulePack::embedded().rules_at(day)?;
    /// # let c = LearningContract::concluded(&new, "2026-02-27".parse()?, &new.decision(&rules)?);
    /// let shorter = TermChangeRequest { new_end: "2027-09-02".parse()?, learner_consented: true, approved_on: None };
    /// assert_eq!(c.term_change_decision(&shorter, day, &rules)?.reasons[0].code.as_str(), "term_change_not_approved");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn term_change_decision(
        &self,
        request: &TermChangeRequest,
        day: NaiveDate,
        rules: &Rules,
    ) -> Result<ContractDecision, InputError> {
        let change = TermChange {
            starts_on: self.terms.starts_on,
            current_end: self.ends_on,
            new_end: request.new_end,
            owed_extension_months: self.extension_months().iter().sum(),
            degree_course: self.terms.degree_course,
            learner_consented: request.learner_consented,
            agency_approved: request.approved_on.is_some_and(|on| on <= day),
        };
        learning_contract::decide_term_change(&change, rules)
    }

    /// The core's decision on an owed extension.
    ///
    /// # Errors
    /// [`InputError`] for months the core refuses as input (0, above 120, beyond the calendar).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::access::PartyId;
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{ContractId, ContractTerms, ExtensionClaim, LearningContract, NewContract};
    /// # let new = NewContract { contract: ContractId::from_u128(1), learner: PartyId::new("learner-1")?, born_on: "2004-05-06".parse()?, learner_name: None, company: InstitutionId::from_u128(200), terms: ContractTerms::example() };
    /// let rules = cqnet_core::rules::RulePack::embedded().rules_at("2028-01-10".parse()?)?;
    /// # let c = LearningContract::concluded(&new, "2026-02-27".parse()?, &new.decision(&rules)?);
    /// let claim = ExtensionClaim { failed_on: "2027-12-10".parse()?, months: 6, learner_requested: true };
    /// assert!(c.extension_decision(&claim, &rules)?.must_extend);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extension_decision(
        &self,
        claim: &ExtensionClaim,
        rules: &Rules,
    ) -> Result<ExtensionDecision, InputError> {
        let request = ExtensionRequest::new(
            self.ends_on,
            self.extension_months(),
            claim.months,
            matches!(self.status, ContractStatus::Passed { .. }),
            claim.learner_requested,
        )?;
        Ok(extension::decide(&request, rules))
    }

    /// The core's decision on a termination.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::termination::{Termination, TerminationGround};
    /// use cqnet_store::work_study::{ContractTermination, LearningContract};
    /// let rules = cqnet_core::rules::RulePack::embedded().rules_at("2026-09-01".parse().unwrap()).unwrap();
    /// let spoken = ContractTermination { termination: Termination { ground: TerminationGround::SeriousFault, written_notice: false, states_reason_and_date: false }, effective_on: "2026-09-01".parse().unwrap() };
    /// assert!(!LearningContract::termination_decision(&spoken, &rules).valid);
    /// ```
    pub fn termination_decision(
        termination: &ContractTermination,
        rules: &Rules,
    ) -> TerminationDecision {
        termination::decide(&termination.termination, rules)
    }

    /// The learning-work hours the ledger counts on `day` for the other training than `kind`.
    fn counted_on(&self, day: NaiveDate, kind: TrainingKind) -> Hours {
        let total = self
            .days
            .iter()
            .filter(|d| d.entry.session.day() == day && d.entry.session.kind() != kind)
            .map(|d| d.counted_hours.value())
            .sum();
        Hours::new(total).unwrap_or(Hours::ZERO)
    }

    /// Whether a permission of `kind` was given on or before `day`.
    fn permitted(&self, kind: PermissionKind, day: NaiveDate) -> bool {
        self.permissions
            .iter()
            .any(|p| p.fact.kind == kind && p.fact.granted_on <= day)
    }

    /// The core's decision on a day's entry, with the permissions recorded by its day and the
    /// hours the ledger already counts on it.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::access::PartyId;
    /// # use cqnet_core::learning_time::{Session, TrainingKind};
    /// # use cqnet_core::Hours;
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{ContractId, ContractTerms, LearningContract, NewContract, TrainingDayEntry};
    /// # let new = NewContract { contract: ContractId::from_u128(1), learner: PartyId::new("learner-1")?, born_on: "2004-05-06".parse()?, learner_name: None, company: InstitutionId::from_u128(200), terms: ContractTerms::example() };
    /// let rules = cqnet_core::rules::RulePack::embedded().rules_at("2026-03-08".parse()?)?;
    /// # let c = LearningContract::concluded(&new, "2026-02-27".parse()?, &new.decision(&rules)?);
    /// // A Sunday, without a written agreement.
    /// let session = Session::new(TrainingKind::Ojt, "2026-03-08".parse()?, "09:00".parse()?, "12:00".parse()?, Hours::whole(3)?, false)?;
    /// let d = c.session_decision(&TrainingDayEntry { session, pregnant: false, public_holiday: false }, &rules);
    /// assert!(d.holiday && !d.allowed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn session_decision(&self, entry: &TrainingDayEntry, rules: &Rules) -> SessionDecision {
        let day = entry.session.day();
        let circumstances = Circumstances {
            born_on: self.born_on,
            pregnant: entry.pregnant,
            written_agreement: self.permitted(PermissionKind::WrittenAgreement, day),
            ministry_authorised: self.permitted(PermissionKind::MinistryAuthorisation, day),
            public_holiday: entry.public_holiday,
        };
        let other = self.counted_on(day, entry.session.kind());
        learning_time::decide_session(&entry.session, &circumstances, other, rules)
    }

    /// The statement of the training done from the start until `until` (exclusive).
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::access::PartyId;
    /// # use cqnet_store::training::InstitutionId;
    /// # use cqnet_store::work_study::{ContractId, ContractTerms, LearningContract, NewContract};
    /// # let new = NewContract { contract: ContractId::from_u128(1), learner: PartyId::new("learner-1")?, born_on: "2004-05-06".parse()?, learner_name: None, company: InstitutionId::from_u128(200), terms: ContractTerms::example() };
    /// # let rules = cqnet_core::rules::RulePack::embedded().rules_at("2026-03-02".parse()?)?;
    /// # let c = LearningContract::concluded(&new, "2026-02-27".parse()?, &new.decision(&rules)?);
    /// let s = c.statement_until("2026-09-01".parse()?);
    /// assert_eq!(s.days, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn statement_until(&self, until: NaiveDate) -> TrainingStatement {
        let done: Vec<&TrainingDay> = self
            .days
            .iter()
            .filter(|d| d.entry.session.day() < until)
            .collect();
        // Each entry holds at most a day's hours, so a contract's sum stays far below the
        // largest `Hours`.
        let sum = |pick: &dyn Fn(&TrainingDay) -> Option<Hours>| {
            let total = done.iter().filter_map(|d| pick(d)).map(Hours::value).sum();
            Hours::new(total).unwrap_or(Hours::ZERO)
        };
        let mut distinct: Vec<NaiveDate> = done.iter().map(|d| d.entry.session.day()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let of_kind = |kind| {
            move |d: &TrainingDay| (d.entry.session.kind() == kind).then(|| d.entry.session.hours())
        };
        TrainingStatement {
            from: self.terms.starts_on,
            until,
            days: u32::try_from(distinct.len()).unwrap_or(u32::MAX),
            ojt_hours: sum(&of_kind(TrainingKind::Ojt)),
            off_jt_hours: sum(&of_kind(TrainingKind::OffJt)),
            counted_hours: sum(&|d: &TrainingDay| Some(d.counted_hours)),
        }
    }
}
