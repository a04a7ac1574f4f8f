//! Signed, portable credentials: a certificate (자격증) exported as a W3C Verifiable Credential
//! 2.0 carrying an Open Badges 3.0 achievement, signed with Ed25519 under the `eddsa-jcs-2022`
//! Data Integrity cryptosuite, verifiable offline with the issuer's public key, and revocable
//! through a signed Bitstring Status List.
//!
//! Keys come from the host: the core takes an [`SigningKey`] (build one from raw bytes with
//! [`SigningKey::from_bytes`]) and never makes random values. Ed25519 signing is deterministic,
//! so the same certificate, options and key always give the same credential. Issue instants
//! (`validFrom`, the proof's `created`) come from the caller.
//!
//! A verifier gives the credential (and the status list) as the JSON text it received: the
//! text is read strictly ([`parse_json_strict`]: a key named twice in an object refuses) before
//! any signature is checked, an `@context` entry that the credential's type does not name
//! refuses, and a status list is read only when it is in force and fresh enough for the
//! verifier ([`StatusFreshness`]: the verifier's instant and the oldest list it accepts).
//!
//! # Example
//! ```
//! use cqnet_core::certificate::Certificate;
//! use cqnet_core::credential::*;
//! let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
//! let key = SigningKey::from_bytes(&[42; 32]); // the host's issuer key
//! let spec = CredentialSpec {
//!     id: None,
//!     issuer: Issuer::example(&key.verifying_key()),
//!     valid_from: t("2026-05-01T10:30:00+09:00"),
//!     status: None,
//! };
//! let vc = issue_credential(&Certificate::example(), &spec, &key)?;
//! assert_eq!(vc["credentialSubject"]["achievement"]["name"], "정보처리산업기사");
//! assert_eq!(verify_credential(&vc.to_string(), &key.verifying_key()), Verdict::Valid);
//!
//! let mut tampered = vc.clone();
//! tampered["credentialSubject"]["achievement"]["name"] = "정보처리기사".into();
//! assert_eq!(verify_credential(&tampered.to_string(), &key.verifying_key()), Verdict::BadSignature);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

mod json;
mod proof;
mod status;
mod verify;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
pub use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub use json::parse_json_strict;
pub use proof::{
    CRYPTOSUITE, ProofCheck, ProofOptions, Uri, did_key_verification_method,
    public_key_from_multibase, public_key_multibase, sign, verify_proof,
};
pub use status::{
    MAX_STATUS_LIST_ENTRIES, MIN_STATUS_LIST_ENTRIES, StatusCheck, StatusFreshness, StatusList,
    StatusListEntry, check_status,
};
pub use verify::{Verdict, verify_credential, verify_credential_at, verify_credential_with_status};

use crate::certificate::{Certificate, CertificateContent, PrintedName};
use crate::window::kst;
use crate::{InputError, Track};

/// The W3C Verifiable Credentials 2.0 context.
pub const VC_V2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0 context.
pub const OB_V3_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// Where alignments to NCS competency units point (`targetUrl`): the NCS portal.
pub const NCS_URL: &str = "https://www.ncs.go.kr";

/// The issuer of credentials: its id (a URL or DID), its name, and the verification method
/// that names its public key.
///
/// # Example
/// ```
/// use cqnet_core::credential::{Issuer, SigningKey};
/// let issuer = Issuer::example(&SigningKey::from_bytes(&[1; 32]).verifying_key());
/// assert_eq!(issuer.name.as_str(), "한국산업인력공단 (HRD Korea)");
/// assert!(issuer.verification_method.as_str().starts_with("did:key:z6Mk"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The issuer's id (`https://…`, `did:…`).
    pub id: Uri,
    /// The issuer's name.
    pub name: PrintedName,
    /// Where a verifier finds the public key.
    pub verification_method: Uri,
}

impl Issuer {
    /// An issuer for documentation and tests: HRD Korea (한국산업인력공단) identified by the
    /// `did:key` of `key`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::credential::{did_key_verification_method, Issuer, SigningKey};
    /// let key = SigningKey::from_bytes(&[7; 32]).verifying_key();
    /// let issuer = Issuer::example(&key);
    /// assert_eq!(issuer.verification_method, did_key_verification_method(&key));
    /// assert!(issuer.verification_method.as_str().starts_with(issuer.id.as_str()));
    /// ```
    pub fn example(key: &VerifyingKey) -> Self {
        let verification_method = did_key_verification_method(key);
        let did = verification_method
            .as_str()
            .split_once('#')
            .map(|(did, _)| did.to_owned())
            .unwrap_or_default();
        #[allow(clippy::expect_used)] // built from valid parts
        Issuer {
            id: Uri::new(&did).expect("a did:key is a URI"),
            name: PrintedName::new("한국산업인력공단 (HRD Korea)").expect("a valid name"),
            verification_method,
        }
    }
}

/// How to export a certificate as a credential: its id, the issuer, `validFrom` and where its
/// revocation bit lives, if it can be revoked.
///
/// # Example
/// ```
/// use cqnet_core::certificate::Certificate;
/// use cqnet_core::credential::*;
/// let key = SigningKey::from_bytes(&[42; 32]);
/// let spec = CredentialSpec {
///     id: Some(Uri::new("urn:example:vc:1")?),
///     issuer: Issuer::example(&key.verifying_key()),
///     valid_from: chrono::DateTime::parse_from_rfc3339("2026-05-01T10:30:00+09:00").unwrap(),
///     status: Some(StatusListEntry { list: Uri::new("https://example.org/status/1")?, index: 5 }),
/// };
/// let vc = issue_credential(&Certificate::example(), &spec, &key)?;
/// assert_eq!(vc["id"], "urn:example:vc:1");
/// assert_eq!(vc["credentialStatus"]["statusListIndex"], "5");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialSpec {
    /// The credential's id; `urn:cqnet:certificate:{management number}` when absent.
    #[serde(default)]
    pub id: Option<Uri>,
    /// The issuer.
    pub issuer: Issuer,
    /// When the credential becomes valid (`validFrom`, also the proof's `created`).
    pub valid_from: DateTime<FixedOffset>,
    /// Where its revocation bit lives, if it can be revoked.
    #[serde(default)]
    pub status: Option<StatusListEntry>,
}

fn start_of_day(day: NaiveDate) -> String {
    kst()
        .from_local_datetime(&day.and_time(NaiveTime::MIN))
        .single()
        .map(proof::timestamp)
        .unwrap_or_default()
}

/// The unsigned Open Badges 3.0 credential of a certificate: an `OpenBadgeCredential` whose
/// subject holds the qualification as an `Achievement` (`achievementType` `Certificate` for
/// 과정평가형, `ApprenticeshipCertificate` for 일학습병행), the NCS competency units as
/// `alignment`s (`targetFramework` `NCS`), the qualification number as `licenseNumber`, the
/// holder's name as an `IdentityObject`, and for 과정평가형 the training period and institution.
///
/// # Example
/// ```
/// use cqnet_core::certificate::Certificate;
/// use cqnet_core::credential::*;
/// let key = SigningKey::from_bytes(&[42; 32]);
/// let spec = CredentialSpec {
///     id: None,
///     issuer: Issuer::example(&key.verifying_key()),
///     valid_from: chrono::DateTime::parse_from_rfc3339("2026-05-01T10:30:00+09:00").unwrap(),
///     status: None,
/// };
/// let vc = certificate_credential(&Certificate::example(), &spec);
/// let alignment = &vc["credentialSubject"]["achievement"]["alignment"][0];
/// assert_eq!(alignment["targetCode"], "2001020201_16v4");
/// assert_eq!(alignment["targetFramework"], "NCS");
/// assert_eq!(vc["credentialSubject"]["licenseNumber"], "26000000123J");
/// ```
pub fn certificate_credential(certificate: &Certificate, spec: &CredentialSpec) -> Value {
    let c = certificate.spec();
    let name = c.content.qualification_name();
    let alignments: Vec<Value> = c
        .content
        .units()
        .iter()
        .map(|u| {
            json!({
                "type": ["Alignment"],
                "targetName": u.name.as_str(),
                "targetCode": u.code.as_str(),
                "targetFramework": "NCS",
                "targetUrl": NCS_URL,
            })
        })
        .collect();
    let (achievement_type, criteria) = match &c.content {
        CertificateContent::CourseBased(_) => (
            "Certificate",
            "과정평가형 국가기술자격: 지정 교육·훈련과정 이수(능력단위별 출석률 기준 충족) 후 내부평가와 외부평가의 가중평균 합격 (completed a designated course and passed its internal and external evaluation)",
        ),
        CertificateContent::WorkStudy(_) => (
            "ApprenticeshipCertificate",
            "일학습병행자격: 학습근로자로 현장훈련(OJT)과 현장외훈련(Off-JT)을 이수하고 내부평가와 외부평가에 합격 (completed on- and off-the-job training as a learning worker and passed the internal and external evaluation)",
        ),
    };
    let mut achievement = json!({
        "id": format!("urn:cqnet:qualification:{}:{}", c.track, c.qualification),
        "type": ["Achievement"],
        "achievementType": achievement_type,
        "name": name,
        "description": format!("{} ({})", c.track.korean_name(), match c.track {
            Track::CourseBased => "course-based national technical qualification",
            Track::WorkStudy => "work-study dual-system qualification",
        }),
        "criteria": { "narrative": criteria },
        "humanCode": c.qualification.as_str(),
    });
    if !alignments.is_empty() {
        achievement["alignment"] = Value::Array(alignments);
    }
    let mut subject = json!({
        "type": ["AchievementSubject"],
        "identifier": [{
            "type": "IdentityObject",
            "identityHash": c.holder.as_str(),
            "identityType": "name",
            "hashed": false,
        }],
        "licenseNumber": c.number.as_str(),
        "achievement": achievement,
    });
    if let CertificateContent::CourseBased(course) = &c.content {
        subject["activityStartDate"] = start_of_day(course.training_period().first()).into();
        subject["activityEndDate"] = start_of_day(course.training_period().last()).into();
        subject["narrative"] = format!(
            "{} 교육·훈련 {}시간 이수 ({}), 합격일 {}",
            course.institution(),
            course.completed_hours(),
            course.training_period(),
            c.pass_date
        )
        .into();
    }
    let id = spec
        .id
        .as_ref()
        .map(|u| u.as_str().to_owned())
        .unwrap_or_else(|| format!("urn:cqnet:certificate:{}", c.management_number));
    let mut vc = json!({
        "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
        "id": id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": spec.issuer.id.as_str(),
            "type": ["Profile"],
            "name": spec.issuer.name.as_str(),
        },
        "validFrom": proof::timestamp(spec.valid_from),
        "name": format!("{name} 자격증"),
        "credentialSubject": subject,
    });
    if let Some(status) = &spec.status {
        vc["credentialStatus"] = status.to_json();
    }
    vc
}

/// The signed credential of a certificate: [`certificate_credential`] with an
/// `eddsa-jcs-2022` proof by `key`, naming the issuer's verification method, `created` at
/// `valid_from`.
///
/// # Errors
/// [`InputError::OutOfRange`] when `valid_from` lies outside
/// [`SUPPORTED_YEARS`](crate::window::SUPPORTED_YEARS), as [`sign`] refuses its `created`.
///
/// # Example
/// ```
/// use cqnet_core::certificate::Certificate;
/// use cqnet_core::credential::*;
/// let key = SigningKey::from_bytes(&[42; 32]);
/// let spec = CredentialSpec {
///     id: None,
///     issuer: Issuer::example(&key.verifying_key()),
///     valid_from: chrono::DateTime::parse_from_rfc3339("2026-05-01T10:30:00+09:00").unwrap(),
///     status: None,
/// };
/// let vc = issue_credential(&Certificate::example(), &spec, &key)?;
/// assert_eq!(vc, issue_credential(&Certificate::example(), &spec, &key)?); // deterministic
/// assert_eq!(verify_credential(&vc.to_string(), &key.verifying_key()), Verdict::Valid);
/// let other = SigningKey::from_bytes(&[43; 32]).verifying_key();
/// assert_ne!(verify_credential(&vc.to_string(), &other), Verdict::Valid);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn issue_credential(
    certificate: &Certificate,
    spec: &CredentialSpec,
    key: &SigningKey,
) -> Result<Value, InputError> {
    sign(
        &certificate_credential(certificate, spec),
        key,
        &ProofOptions {
            verification_method: spec.issuer.verification_method.clone(),
            created: Some(spec.valid_from),
        },
    )
}

#[cfg(test)]
mod tests;
