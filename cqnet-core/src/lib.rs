//! # cqnet-core
//!
//! The pure rules of Korea's two NCS-based qualification tracks that HRD Korea
//! (한국산업인력공단) runs on CQ-Net: **과정평가형 국가기술자격** (course-based national technical
//! qualification) and **일학습병행자격** (work-study dual-system qualification).
//!
//! Every decision is a pure function of its inputs and the rule values in force: no I/O, no
//! clock, no randomness. A business "no" is a decision with every failing check as a
//! [`Reason`] (a stable code, measured and required values, the legal basis, and a message in
//! Korean and English); `Err` is only for input that could not describe a real situation.
//! Rule values come from a dated [`rules::RulePack`], and every decision records which pack and
//! date it used.
//!
//! | module | decides |
//! |---|---|
//! | [`course_based`] | 과정평가형 completion (이수), eligibility, internal/external/final score, pass |
//! | [`work_study`] | 일학습병행 internal pass, completion certificate (이수증명서), eligibility, external pass |
//! | [`application`] | external evaluation application (원서접수) |
//! | [`refund`] | fee refund on cancellation (응시수수료 환불) |
//! | [`standard`] | a course plan against its curriculum standard (편성기준) |
//! | [`extension`] | the employer's duty to extend a learning contract (학습근로계약 연장) |
//! | [`exam`] | evaluation plans (시행계획), exam numbers (수험번호), retakes, announcement |
//! | [`access`] | who may do what to which record |
//! | [`ledger`] | what the attendance (출결) and internal evaluation (내부평가) ledgers add up to, and whether they may take entries |
//! | [`certificate`] | certificates (자격증): issue, reissue, revocation, 진위확인, confirmations, licences |
//! | `credential` | signed, portable credentials (W3C VC 2.0, Open Badges 3.0, Bitstring Status List); feature `credentials` |
//! | [`course_outlook`] | what a 과정평가형 trainee still needs: hours, reachability, lowest passing external score |
//! | [`screening`] | course designation screening (서류심사, 현장심사) by score or rank |
//! | [`sanction`] | corrective orders, cancellations and suspensions (행정처분) of courses and learning companies |
//! | [`learning_company`] | 학습기업 requirements (management criteria, staff, on-site review) |
//! | [`field_teacher`] | the routes to 기업현장교사 (company field teacher) |
//! | [`termination`] | terminating a learning contract (학습근로계약 해지) |
//! | [`learning_contract`] | concluding a learning-work contract (학습근로계약) and changing its term |
//! | [`programme`] | a 일학습병행과정 (work-study programme) against its occupation's training standard (교육훈련기준), and its completion (이수) |
//! | [`learning_time`] | a learning worker's OJT and Off-JT days: daily hours, night and holiday OJT, excused absences |
//! | [`statistics`] | the external-evaluation funnel HRD Korea publishes (외부평가 현황) |
//! | [`what_if`] | a population under the rules in force and under a scenario (제도 변경 모의) |
//! | `credential` | signed, portable credentials (W3C VC 2.0, Open Badges 3.0, Bitstring Status List); feature `credentials` |
//!
//! # Features
//!
//! | feature | default | what |
//! |---|---|---|
//! | `credentials` | yes | `credential`: Ed25519 signing (`ed25519-dalek`), JCS (`serde_json_canonicalizer`), `bs58`, `flate2`, `base64` (`sha2`, which the check codes of confirmation documents use too, is always in) |
//!
//! Without `credentials` the crate builds only the decisions and their rule pack.
//!
//! # Example
//! ```
//! use cqnet_core::course_based::{decide, TraineeRecord, UnitRecord};
//! use cqnet_core::{rules::RulePack, ExamStandard, Hours, Score};
//!
//! let rules = RulePack::embedded().rules_at("2026-06-30".parse().unwrap())?;
//! let unit = UnitRecord::builder()
//!     .scheduled(Hours::whole(40)?)
//!     .attended(Hours::whole(30)?)
//!     .score(Score::new(60.into())?)
//!     .build()?;
//! let decision = decide(&TraineeRecord::new(vec![unit])?, &ExamStandard::from_rules(&rules), &rules);
//! assert!(decision.completed); // 30 of 40 hours is exactly 75%
//! assert_eq!(decision.passed, None); // the external evaluation is still to come
//! assert_eq!(decision.rules.pack.name, "cqnet-default");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod access;
pub mod application;
pub mod candidacy;
pub mod capacity;
pub mod certificate;
mod classification;
pub mod course_based;
pub mod course_designation;
pub mod course_outlook;
#[cfg(feature = "credentials")]
#[cfg_attr(docsrs, doc(cfg(feature = "credentials")))]
pub mod credential;
mod error;
pub mod exact;
pub mod exam;
pub mod extension;
pub mod field_teacher;
pub mod laws;
pub mod learning_company;
pub mod learning_contract;
pub mod learning_time;
pub mod ledger;
pub mod operation_check;
pub mod programme;
pub mod qualification_info;
mod reason;
pub mod refund;
pub mod rules;
pub mod sanction;
pub mod screening;
pub mod standard;
pub mod statistics;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategies;
mod tally;
pub mod termination;
pub mod text;
mod types;
pub mod what_if;
pub mod window;
pub mod work_study;

pub use classification::{
    InstitutionType, JOB_FIELD_MAX_CHARS, JobField, LegalInstitutionType, NcsClassification,
    Region, Sido,
};
pub use error::InputError;
pub use reason::{Check, LegalBasis, Message, Provenance, Quantity, Reason, ReasonCode, Subject};
pub use standard::ExamStandard;
pub use types::{
    Area, Grade, Hours, NcsLevel, NcsUnitCode, Percent, QualificationCode, Score, Track, UnitCode,
    Won, WorkStudyQualificationName, Years,
};

use serde::{Deserialize, Serialize};

/// Which rules made a decision: the pack (with its overlays) and the date that picked the values.
///
/// # Example
/// ```
/// use cqnet_core::{rules::{RuleDate, RulePack}, RulesUsed};
/// let rules = RulePack::embedded().rules_at("2026-01-05".parse().unwrap())?;
/// let used = RulesUsed::from(&rules);
/// assert_eq!(used.basis, RuleDate::EvaluatedOn("2026-01-05".parse().unwrap()));
/// # Ok::<(), cqnet_core::rules::RulePackError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesUsed {
    /// The pack.
    pub pack: rules::PackId,
    /// The date that picked the values, and why that date.
    pub basis: rules::RuleDate,
}

impl From<&rules::Rules> for RulesUsed {
    fn from(rules: &rules::Rules) -> Self {
        RulesUsed {
            pack: rules.pack.clone(),
            basis: rules.basis,
        }
    }
}
