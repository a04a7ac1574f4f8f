//! Who may do what to which record: a rule like any other (design principle 7).
//!
//! Commands carry an [`Actor`]. Training records are written only by staff of the course's
//! own institution (과정평가형) or of the learner's company (일학습병행); a candidate applies
//! and cancels only for themselves; results are entered only by the agency's evaluators and
//! finalised by the agency; a candidate sees their own result only from the announcement
//! instant on, and nobody but the agency and its evaluators sees results before it.
//!
//! # Example
//! ```
//! use cqnet_core::access::{authorize, Action, Actor, PartyId, Target};
//! let school = PartyId::new("inst-0001")?;
//! let other = PartyId::new("inst-0002")?;
//! let target = Target { institution: Some(school.clone()), ..Target::default() };
//! let now = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00+09:00").unwrap();
//! assert!(authorize(&Actor::InstitutionStaff(school), Action::RecordTraining, &target, now).allowed);
//! assert!(!authorize(&Actor::InstitutionStaff(other), Action::RecordTraining, &target, now).allowed);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::{InputError, LegalBasis, Provenance, Quantity, Reason, ReasonCode, Track};

/// An opaque identifier of a person, institution or company, as the host knows it: 1 to 64
/// characters of ASCII letters, digits and `-_.:`.
///
/// # Errors
/// [`InputError::Malformed`] for anything else.
///
/// # Example
/// ```
/// use cqnet_core::access::PartyId;
/// assert!(PartyId::new("company:1234").is_ok());
/// assert!(PartyId::new("").is_err());
/// assert!(PartyId::new("김민준").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartyId(String);

impl PartyId {
    /// The most bytes of an identifier.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// assert!(PartyId::new(&"a".repeat(PartyId::MAX_LEN)).is_ok());
    /// ```
    pub const MAX_LEN: usize = 64;

    /// Checks an identifier of a person, institution or company: 1 to 64 ASCII letters, digits or
    /// `-_.:`. A resident registration number (주민등록번호) has no place here: use the host's own
    /// opaque identifier.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for anything else.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::PartyId;
    /// assert_eq!(PartyId::new("inst-0001")?.as_str(), "inst-0001");
    /// assert!(PartyId::new("inst 0001").is_err());
    /// assert!(PartyId::new(&"a".repeat(65)).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let ok = (1..=Self::MAX_LEN).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
        if !ok {
            return Err(InputError::Malformed {
                what: "party identifier",
                value: InputError::quoted(text),
                expected: "1 to 64 ASCII letters, digits or -_.:",
            });
        }
        Ok(PartyId(text.to_owned()))
    }

    /// The identifier's text.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::access::PartyId;
    /// assert_eq!(PartyId::new("p1")?.as_str(), "p1");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PartyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for PartyId {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PartyId::new(s)
    }
}

impl Serialize for PartyId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PartyId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PartyId::new(&text).map_err(serde::de::Error::custom)
    }
}

/// Who is acting.
///
/// # Example
/// ```
/// use cqnet_core::access::{Actor, PartyId};
/// let a = Actor::Candidate(PartyId::new("person-1")?);
/// assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"candidate":"person-1"}"#);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Actor {
    /// A trainee or learning worker acting for themselves (수험자).
    Candidate(PartyId),
    /// Staff of a training institution (교육·훈련기관), by institution.
    InstitutionStaff(PartyId),
    /// Staff of a learning company (학습기업), by company.
    CompanyStaff(PartyId),
    /// An evaluator of the agency (외부평가 평가위원).
    Evaluator(PartyId),
    /// The agency (한국산업인력공단) acting as administrator.
    Agency(PartyId),
    /// Anyone, unauthenticated.
    Public,
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Candidate(id) => write!(f, "candidate {id}"),
            Actor::InstitutionStaff(id) => write!(f, "staff of institution {id}"),
            Actor::CompanyStaff(id) => write!(f, "staff of company {id}"),
            Actor::Evaluator(id) => write!(f, "evaluator {id}"),
            Actor::Agency(id) => write!(f, "agency {id}"),
            Actor::Public => f.write_str("the public"),
        }
    }
}

/// What the actor wants to do.
///
/// # Example
/// ```
/// use cqnet_core::access::Action;
/// assert_eq!(serde_json::to_string(&Action::EnterResults).unwrap(), "\"enter_results\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// Enroll a trainee or learner, record attendance (출석) or internal evaluations (내부평가).
    RecordTraining,
    /// Apply for an external evaluation (원서접수) or cancel an application.
    Apply,
    /// Enter external evaluation results (채점 결과 입력).
    EnterResults,
    /// Finalise a round's results (결과 확정).
    FinaliseResults,
    /// See one candidate's result (합격 여부 조회).
    ViewResult,
    /// See the list of passers' exam numbers (합격자 수험번호 공고).
    ViewPassList,
    /// Read a training record (출석·내부평가 기록 조회).
    ViewTraining,
    /// Manage the catalog, standards, designations and evaluation plans.
    Administer,
    /// Issue, reissue or revoke a certificate (자격증 발급·재발급·취소).
    ManageCertificates,
    /// See one's certificate, take a confirmation document (자격취득사실 확인서) or export it
    /// as a signed credential: the holder for their own, and the agency. Evaluators and
    /// institutions may not (verification by number, 진위확인, is open to anyone and needs no
    /// access decision).
    ViewCertificate,
    /// File for one's own company with the agency: its application for designation as a
    /// learning company (학습기업 지정 신청) and its company field teachers (기업현장교사) with
    /// their training; and what it issues as the employer, a learner's completion certificate
    /// (이수증명서, 시행규칙 제8조). The company's staff for their own company, and the agency.
    CompanyFiling,
    /// File for one's own institution with the agency: its application for the designation of
    /// a course (교육·훈련과정 지정신청, 시행규칙 제10조의3). The institution's staff for their own
    /// institution, and the agency.
    InstitutionFiling,
    /// Count the statistics tables (the funnel 학습근로자 → 자격취득, a round's score
    /// distribution) over the live records, before they are published: the agency only.
    ViewStatistics,
}

impl Action {
    /// Every action, in declaration order: for tests and tables that must cover them all.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::access::Action;
    /// assert!(Action::ALL.contains(&Action::ViewPassList));
    /// assert_eq!(Action::ALL.len(), 13);
    /// ```
    pub const ALL: [Action; 13] = [
        Action::RecordTraining,
        Action::Apply,
        Action::EnterResults,
        Action::FinaliseResults,
        Action::ViewResult,
        Action::ViewPassList,
        Action::ViewTraining,
        Action::Administer,
        Action::ManageCertificates,
        Action::ViewCertificate,
        Action::CompanyFiling,
        Action::InstitutionFiling,
        Action::ViewStatistics,
    ];
}

#[cfg(test)]
mod every_action_is_listed {
    use super::Action;

    /// Fails to compile when an action is added without a place in [`Action::ALL`].
    #[test]
    fn all_holds_every_variant() {
        for action in Action::ALL {
            match action {
                Action::RecordTraining
                | Action::Apply
                | Action::EnterResults
                | Action::FinaliseResults
                | Action::ViewResult
                | Action::ViewPassList
                | Action::ViewTraining
                | Action::Administer
                | Action::ManageCertificates
                | Action::ViewCertificate
                | Action::CompanyFiling
                | Action::InstitutionFiling
                | Action::ViewStatistics => {}
            }
        }
        let distinct: std::collections::BTreeSet<String> =
            Action::ALL.iter().map(|a| format!("{a:?}")).collect();
        assert_eq!(distinct.len(), Action::ALL.len());
    }
}

/// The record an action concerns: whose it is (candidate, institution, company), its track
/// (which law a refusal cites) and, for results, when they are announced (합격자 발표).
///
/// # Example
/// ```
/// use cqnet_core::access::{authorize, Action, Actor, Announcement, PartyId, Target};
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let me = PartyId::new("person-1")?;
/// let target = Target {
///     candidate: Some(me.clone()),
///     announcement: Announcement::ScheduledAt(t("2026-04-10T09:00:00+09:00")),
///     ..Target::default()
/// };
/// let actor = Actor::Candidate(me);
/// assert!(!authorize(&actor, Action::ViewResult, &target, t("2026-04-10T08:59:59+09:00")).allowed);
/// assert!(authorize(&actor, Action::ViewResult, &target, t("2026-04-10T09:00:00+09:00")).allowed);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Target {
    /// The candidate (trainee or learner) the record belongs to.
    pub candidate: Option<PartyId>,
    /// The institution running the course.
    pub institution: Option<PartyId>,
    /// The learning company.
    pub company: Option<PartyId>,
    /// When the round's results are announced (합격자 발표). Not stated means not scheduled,
    /// and nothing is shown before an announcement: a missing fact refuses.
    #[serde(default)]
    pub announcement: Announcement,
    /// The track of the round, course or qualification: a refusal cites that track's law
    /// (국가기술자격법 for 과정평가형, 일학습병행법 for 일학습병행), and both when not stated. It
    /// never changes whether an action is allowed.
    #[serde(default)]
    pub track: Option<Track>,
}

/// Whether and when a round's results are announced (합격자 발표 일시).
///
/// In JSON an instant (`"2026-04-10T09:00:00+09:00"`) is [`Announcement::ScheduledAt`]; `null`
/// or a missing field is [`Announcement::NotScheduled`].
///
/// # Example
/// ```
/// use cqnet_core::access::Announcement;
/// let at = chrono::DateTime::parse_from_rfc3339("2026-04-10T09:00:00+09:00").unwrap();
/// assert!(Announcement::ScheduledAt(at).has_happened_by(at));
/// assert!(!Announcement::ScheduledAt(at).has_happened_by(at - chrono::Duration::seconds(1)));
/// assert!(!Announcement::NotScheduled.has_happened_by(at));
/// let read: Announcement = serde_json::from_str("null").unwrap();
/// assert_eq!(read, Announcement::NotScheduled);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Announcement {
    /// No announcement is scheduled, or none was stated: results stay hidden.
    #[default]
    NotScheduled,
    /// Results are announced at this instant.
    ScheduledAt(DateTime<FixedOffset>),
}

impl Announcement {
    /// Whether the results are announced at `now`: from the scheduled instant on, and never
    /// when no announcement is scheduled.
    ///
    /// # Example
    /// See [`Announcement`].
    pub fn has_happened_by(self, now: DateTime<FixedOffset>) -> bool {
        match self {
            Announcement::ScheduledAt(at) => now >= at,
            Announcement::NotScheduled => false,
        }
    }
}

/// Whether an action is allowed, and if not, why (the reasons name the rule that refuses).
///
/// # Example
/// ```
/// use cqnet_core::access::{authorize, Action, Actor, PartyId, Target};
/// use cqnet_core::ReasonCode;
/// let now = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00+09:00").unwrap();
/// let target = Target { candidate: Some(PartyId::new("person-1")?), ..Target::default() };
/// let decision = authorize(&Actor::Candidate(PartyId::new("person-2")?), Action::Apply, &target, now);
/// assert!(!decision.allowed);
/// assert_eq!(decision.reasons[0].code, ReasonCode::NotOwnRecord);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccessDecision {
    /// The action may go ahead.
    pub allowed: bool,
    /// Why not, when not.
    pub reasons: Vec<Reason>,
}

/// The legal basis of an access rule for a record of `track` (both tracks' laws when not
/// known). How sure a citation is lives in its provenance, never in its text.
fn basis(action: Action, track: Option<Track>) -> LegalBasis {
    let (citation, provenance) = match (action, track) {
        (Action::RecordTraining | Action::ViewTraining, _) => (
            "교육·훈련기관의 장(과정평가형)·학습기업 사업주(일학습병행, 법 제30조제2항)가 출석·내부평가를 관리",
            Provenance::Secondary,
        ),
        (Action::Apply, _) => (
            "원서접수는 수험자 본인이 함 (CQ-Net 원서접수)",
            Provenance::Secondary,
        ),
        (Action::EnterResults | Action::FinaliseResults, Some(Track::CourseBased)) => (
            "과정평가형 외부평가의 시행·관리·채점은 한국산업인력공단에 위탁 (국가기술자격법 시행령 제20조의2제2항, 제29조제10항제4호)",
            Provenance::Confirmed,
        ),
        (Action::EnterResults | Action::FinaliseResults, Some(Track::WorkStudy)) => (
            "일학습병행 외부평가는 한국산업인력공단이 시행 (일학습병행법 시행령 제17조제2항제11호)",
            Provenance::Confirmed,
        ),
        (Action::EnterResults | Action::FinaliseResults, None) => (
            "외부평가는 한국산업인력공단이 시행 (과정평가형: 국가기술자격법 시행령 제29조제10항제4호; 일학습병행: 일학습병행법 시행령 제17조제2항제11호)",
            Provenance::Confirmed,
        ),
        (Action::ViewResult | Action::ViewPassList, Some(Track::CourseBased)) => (
            "과정평가형 외부평가를 마친 후 60일 이내 합격자 공고 (국가기술자격법 시행령 제23조)",
            Provenance::Confirmed,
        ),
        (Action::ViewResult | Action::ViewPassList, Some(Track::WorkStudy)) => (
            "합격자 발표 후 수험번호 공고 (일학습병행법 시행령 제15조제7항)",
            Provenance::Confirmed,
        ),
        (Action::ViewResult | Action::ViewPassList, None) => (
            "합격자 공고 후 공개 (과정평가형: 국가기술자격법 시행령 제23조; 일학습병행: 일학습병행법 시행령 제15조제7항)",
            Provenance::Confirmed,
        ),
        (Action::ManageCertificates, Some(Track::CourseBased)) => (
            "과정평가형 자격증의 발급·재발급 및 관리는 한국산업인력공단에 위탁 (국가기술자격법 시행령 제29조제10항제5호)",
            Provenance::Confirmed,
        ),
        (Action::ManageCertificates, Some(Track::WorkStudy)) => (
            "일학습병행자격 관리·자격증 발급은 한국산업인력공단 위탁 업무 (일학습병행법 제31조제2항)",
            Provenance::Confirmed,
        ),
        (Action::Administer | Action::ManageCertificates, _) => (
            "자격 관리·자격증 발급은 한국산업인력공단 위탁 업무 (일학습병행법 제31조제2항; 국가기술자격법 시행령 제29조제10항)",
            Provenance::Confirmed,
        ),
        (Action::CompanyFiling, _) => (
            "학습기업 지정 신청과 기업현장교사 지정은 사업주가 함 (일학습병행법 제13조제1항, 제19조제1항)",
            Provenance::Secondary,
        ),
        (Action::InstitutionFiling, _) => (
            "교육·훈련과정 지정신청은 교육·훈련기관이 함 (국가기술자격법 시행령 제14조의2제1항, 시행규칙 제10조의3)",
            Provenance::Confirmed,
        ),
        (Action::ViewStatistics, _) => (
            "자격 통계(통계 연보, 회차별 성적 분포)는 한국산업인력공단이 작성·공개하며, 공개 전 집계는 공단만 조회 (공공데이터 15037520, 15037518)",
            Provenance::Assumption,
        ),
        (Action::ViewCertificate, _) => (
            "자격증·자격취득사실 확인서는 본인(소유자)과 한국산업인력공단만 조회·발급 (개인정보 최소 공개)",
            Provenance::Assumption,
        ),
    };
    LegalBasis::new(citation, provenance)
}

/// Decides whether `actor` may take `action` on `target` at `now`.
///
/// # Example
/// ```
/// use cqnet_core::access::{authorize, Action, Actor, Announcement, PartyId, Target};
/// use cqnet_core::ReasonCode;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let me = PartyId::new("person-1")?;
/// let target = Target {
///     candidate: Some(me.clone()),
///     announcement: Announcement::ScheduledAt(t("2026-04-10T09:00:00+09:00")),
///     ..Target::default()
/// };
/// let early = authorize(&Actor::Candidate(me.clone()), Action::ViewResult, &target, t("2026-04-10T08:59:59+09:00"));
/// assert_eq!(early.reasons[0].code, ReasonCode::ResultsNotAnnounced);
/// assert!(authorize(&Actor::Candidate(me), Action::ViewResult, &target, t("2026-04-10T09:00:00+09:00")).allowed);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn authorize(
    actor: &Actor,
    action: Action,
    target: &Target,
    now: DateTime<FixedOffset>,
) -> AccessDecision {
    let not_permitted = || Reason::new(ReasonCode::NotPermitted, basis(action, target.track));
    let not_own = || Reason::new(ReasonCode::NotOwnRecord, basis(action, target.track));
    let owns = |id: &PartyId, of: &Option<PartyId>| of.as_ref() == Some(id);
    let announced = target.announcement.has_happened_by(now);
    let not_announced = || {
        let mut r = Reason::new(ReasonCode::ResultsNotAnnounced, basis(action, target.track))
            .measured(Quantity::Instant(now));
        if let Announcement::ScheduledAt(at) = target.announcement {
            r = r.required(Quantity::Instant(at));
        }
        r
    };

    let reasons: Vec<Reason> = match (action, actor) {
        (Action::RecordTraining | Action::ViewTraining, Actor::InstitutionStaff(id)) => {
            if owns(id, &target.institution) {
                vec![]
            } else {
                vec![not_own()]
            }
        }
        (Action::RecordTraining | Action::ViewTraining, Actor::CompanyStaff(id)) => {
            if owns(id, &target.company) {
                vec![]
            } else {
                vec![not_own()]
            }
        }
        (Action::ViewTraining, Actor::Candidate(id)) => {
            if owns(id, &target.candidate) {
                vec![]
            } else {
                vec![not_own()]
            }
        }
        (Action::ViewTraining, Actor::Agency(_)) => vec![],
        (Action::Apply, Actor::Candidate(id)) => {
            if owns(id, &target.candidate) {
                vec![]
            } else {
                vec![not_own()]
            }
        }
        (Action::EnterResults, Actor::Evaluator(_)) => vec![],
        (Action::FinaliseResults, Actor::Agency(_)) => vec![],
        (Action::ViewResult, Actor::Agency(_) | Actor::Evaluator(_)) => vec![],
        (Action::ViewResult, Actor::Candidate(id)) => {
            let mut reasons = Vec::new();
            if !owns(id, &target.candidate) {
                reasons.push(not_own());
            }
            if !announced {
                reasons.push(not_announced());
            }
            reasons
        }
        (Action::ViewPassList, Actor::Agency(_) | Actor::Evaluator(_)) => vec![],
        (Action::ViewPassList, _) => {
            if announced {
                vec![]
            } else {
                vec![not_announced()]
            }
        }
        (Action::Administer | Action::ManageCertificates, Actor::Agency(_)) => vec![],
        (Action::ViewCertificate, Actor::Agency(_)) => vec![],
        (Action::CompanyFiling, Actor::CompanyStaff(id)) => {
            if owns(id, &target.company) {
                vec![]
            } else {
                vec![not_own()]
            }
        }
        (Action::CompanyFiling, Actor::Agency(_)) => vec![],
        (Action::InstitutionFiling, Actor::InstitutionStaff(id)) => {
            if owns(id, &target.institution) {
                vec![]
            } else {
                vec![not_own()]
            }
        }
        (Action::InstitutionFiling, Actor::Agency(_)) => vec![],
        (Action::ViewStatistics, Actor::Agency(_)) => vec![],
        (Action::ViewCertificate, Actor::Candidate(id)) => {
            if owns(id, &target.candidate) {
                vec![]
            } else {
                vec![not_own()]
            }
        }
        _ => vec![not_permitted()],
    };
    AccessDecision {
        allowed: reasons.is_empty(),
        reasons,
    }
}
