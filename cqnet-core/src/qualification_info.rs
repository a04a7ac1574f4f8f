//! 종목정보 (qualification information): what CQ-Net shows for each qualification beside its
//! rules — the training hours, the external evaluation's parts and method, its fee, the items a
//! candidate brings (준비물), and for a licence-bearing qualification the documents the licence
//! office asks for — as dated, cited data a host loads.
//!
//! These facts change by notice and by year and no statute fixes them, so the library ships
//! none: a host loads its own from TOML or JSON ([`QualificationInfoSet::from_toml`],
//! [`QualificationInfoSet::from_json`]), each version with the day it applies from, the source
//! it was copied from and how sure that source is. Which qualifications lead to a licence, and
//! which office issues it, is law, and comes from the rule pack
//! (`certificates.licences`, [`QualificationInfo::licence`]).
//!
//! # Example
//! ```
//! use cqnet_core::qualification_info::QualificationInfoSet;
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::QualificationCode;
//!
//! let set = QualificationInfoSet::from_toml(r#"
//!     [[qualification]]
//!     code = "7937"
//!     name = "미용사(일반)"
//!     track = "course_based"
//!     since = "2026-01-01"
//!     reference = "CQ-Net 종목정보, copied 2026-11-30"
//!     provenance = "secondary"
//!     training_hours = "900"
//!     [qualification.external]
//!     fee_won = 35000
//!     items = ["수험표 (admission ticket)", "신분증 (identity card)"]
//!     parts = [{ name = "1차 (written)", method = "객관식 60문항" }, { name = "2차 (practical)", method = "작업형" }]
//!     [qualification.licence]
//!     documents = ["면허신청서 (application)"]
//! "#)?;
//! let code = QualificationCode::new("7937")?;
//! let info = set.in_force(&code, "2026-06-01".parse()?).expect("in force");
//! assert_eq!(info.external.as_ref().and_then(|e| e.fee_won), Some(35_000));
//! assert!(set.in_force(&code, "2025-12-31".parse()?).is_none());
//! // The licence and its office are the pack's; the documents are the host's.
//! let rules = RulePack::embedded().newest();
//! assert_eq!(info.licence(&rules).map(|l| l.licence.as_str()), Some("미용사 면허"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::certificate::LicenceRule;
use crate::rules::Rules;
use crate::{Hours, InputError, Provenance, QualificationCode, Track};

/// One version of one qualification's information, as in force from `since`.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct QualificationInfo {
    /// The qualification's code (종목코드).
    pub code: QualificationCode,
    /// Its name (종목명), as the rule pack's licence rules match it.
    pub name: String,
    /// Its track.
    pub track: Track,
    /// The first day this version applies.
    pub since: NaiveDate,
    /// Where the facts were copied from (a page and the day it was read, a notice).
    pub reference: String,
    /// How sure that source is.
    pub provenance: Provenance,
    /// The training hours (교육훈련시간) CQ-Net shows, if given.
    pub training_hours: Option<Hours>,
    /// The external evaluation (외부평가), if given.
    pub external: Option<ExternalEvaluationInfo>,
    /// What the licence office asks for, if the host gives it.
    pub licence_documents: Vec<String>,
}

/// The external evaluation (외부평가) of a qualification: its parts, fee and 준비물.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExternalEvaluationInfo {
    /// The parts (1차, 2차) in order, with how each is held.
    pub parts: Vec<EvaluationPart>,
    /// The fee (수수료) in won, if given.
    #[serde(default)]
    pub fee_won: Option<u32>,
    /// What a candidate brings (준비물).
    #[serde(default)]
    pub items: Vec<String>,
}

/// One part of an external evaluation.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvaluationPart {
    /// The part's name (`1차 (written)`).
    pub name: String,
    /// How it is held (`객관식 60문항`, `작업형`).
    pub method: String,
}

impl QualificationInfo {
    /// The licence (면허) the qualification leads to and who issues it, as the pack's
    /// `certificates.licences` in `rules` says; `None` for a qualification that leads to none.
    ///
    /// # Example
    /// See [the module](self).
    pub fn licence<'r>(&self, rules: &'r Rules) -> Option<&'r LicenceRule> {
        rules
            .certificates
            .licences
            .value
            .find(self.track, &self.name)
    }
}

/// Why a qualification information file was refused; nothing of it is kept.
///
/// # Example
/// ```
/// use cqnet_core::qualification_info::{InfoError, QualificationInfoSet};
/// assert!(matches!(QualificationInfoSet::from_toml("[[qualification]]\ncode = 1"), Err(InfoError::Parse { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum InfoError {
    /// The text is not the format's, or lacks a field, or names an unknown one.
    #[error("the qualification information cannot be read: {detail}")]
    Parse {
        /// What the parser says.
        detail: String,
    },
    /// A version holds a value the core refuses.
    #[error("qualification {code} from {since}: {error}")]
    Invalid {
        /// The qualification's code as written.
        code: String,
        /// The version's first day as written.
        since: String,
        /// What is wrong (boxed: an input error is large, and this one is rare).
        error: Box<InputError>,
    },
    /// Two versions of one qualification apply from the same day.
    #[error("qualification {code} has two versions from {since}")]
    Repeated {
        /// The qualification's code.
        code: String,
        /// The day.
        since: NaiveDate,
    },
}

/// Every qualification's information, each qualification's versions by day.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QualificationInfoSet {
    versions: BTreeMap<QualificationCode, Vec<QualificationInfo>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InfoFile {
    #[serde(default)]
    qualification: Vec<InfoWire>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InfoWire {
    code: String,
    name: String,
    track: Track,
    since: String,
    reference: String,
    provenance: Provenance,
    #[serde(default)]
    training_hours: Option<String>,
    #[serde(default)]
    external: Option<ExternalEvaluationInfo>,
    #[serde(default)]
    licence: Option<LicenceWire>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LicenceWire {
    documents: Vec<String>,
}

impl QualificationInfoSet {
    /// Reads and checks a TOML file of `[[qualification]]` tables (see [the module](self)).
    ///
    /// # Errors
    /// [`InfoError::Parse`] for text that is not such a file; [`InfoError::Invalid`] for a
    /// code, name, day, text or number the core refuses (empty, holding a hidden character,
    /// hours that are not positive with at most four places, an external evaluation without
    /// parts); [`InfoError::Repeated`] for two versions of one code from one day.
    ///
    /// # Example
    /// See [the module](self).
    pub fn from_toml(text: &str) -> Result<Self, InfoError> {
        let file: InfoFile = toml::from_str(text).map_err(|e| InfoError::Parse {
            detail: e.message().to_owned(),
        })?;
        Self::from_wire(file)
    }

    /// Reads and checks a JSON object `{"qualification": [...]}` of the same fields.
    ///
    /// # Errors
    /// As [`QualificationInfoSet::from_toml`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::qualification_info::QualificationInfoSet;
    /// let set = QualificationInfoSet::from_json(r#"{"qualification": [{"code": "2290", "name": "전기기사",
    ///     "track": "course_based", "since": "2026-01-01", "reference": "host notice", "provenance": "assumption"}]}"#)?;
    /// assert_eq!(set.len(), 1);
    /// # Ok::<(), cqnet_core::qualification_info::InfoError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, InfoError> {
        let file: InfoFile = serde_json::from_str(text).map_err(|e| InfoError::Parse {
            detail: e.to_string(),
        })?;
        Self::from_wire(file)
    }

    fn from_wire(file: InfoFile) -> Result<Self, InfoError> {
        let mut set = QualificationInfoSet::default();
        for wire in file.qualification {
            let info = checked(wire)?;
            let versions = set.versions.entry(info.code.clone()).or_default();
            if versions.iter().any(|v| v.since == info.since) {
                return Err(InfoError::Repeated {
                    code: info.code.to_string(),
                    since: info.since,
                });
            }
            versions.push(info);
            versions.sort_by_key(|v| v.since);
        }
        Ok(set)
    }

    /// The version of `code` in force on `day`: the latest from on or before it.
    ///
    /// # Example
    /// See [the module](self).
    pub fn in_force(&self, code: &QualificationCode, day: NaiveDate) -> Option<&QualificationInfo> {
        self.versions
            .get(code)?
            .iter()
            .rev()
            .find(|v| v.since <= day)
    }

    /// Every version of `code`, oldest first.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::qualification_info::QualificationInfoSet;
    /// use cqnet_core::QualificationCode;
    /// assert!(QualificationInfoSet::default().versions(&QualificationCode::new("2290")?).is_empty());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn versions(&self, code: &QualificationCode) -> &[QualificationInfo] {
        self.versions.get(code).map_or(&[], Vec::as_slice)
    }

    /// How many qualifications have information.
    ///
    /// # Example
    /// See [`QualificationInfoSet::from_json`].
    pub fn len(&self) -> usize {
        self.versions.len()
    }

    /// Whether no qualification has information.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::qualification_info::QualificationInfoSet;
    /// assert!(QualificationInfoSet::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }
}

/// One version checked: every text visible and not empty, the day a date, the hours exact
/// and positive, an external evaluation with its parts.
fn checked(wire: InfoWire) -> Result<QualificationInfo, InfoError> {
    let invalid = |error: InputError| InfoError::Invalid {
        code: InputError::quoted(&wire.code),
        since: InputError::quoted(&wire.since),
        error: Box::new(error),
    };
    let code = QualificationCode::new(&wire.code).map_err(invalid)?;
    let since = wire
        .since
        .parse::<NaiveDate>()
        .map_err(|_| InputError::Malformed {
            what: "since",
            value: InputError::quoted(&wire.since),
            expected: "a date, YYYY-MM-DD",
        })
        .map_err(invalid)?;
    text("name", &wire.name).map_err(invalid)?;
    text("reference", &wire.reference).map_err(invalid)?;
    let training_hours = match &wire.training_hours {
        None => None,
        Some(hours) => {
            let hours: Hours = hours.parse().map_err(invalid)?;
            if hours.is_zero() {
                return Err(invalid(InputError::NotPositive {
                    what: "training hours",
                }));
            }
            Some(hours)
        }
    };
    if let Some(external) = &wire.external {
        if external.parts.is_empty() {
            return Err(invalid(InputError::Empty {
                what: "external evaluation parts",
            }));
        }
        for part in &external.parts {
            text("part name", &part.name).map_err(invalid)?;
            text("part method", &part.method).map_err(invalid)?;
        }
        for item in &external.items {
            text("item (준비물)", item).map_err(invalid)?;
        }
    }
    let licence_documents = wire.licence.map(|l| l.documents).unwrap_or_default();
    for document in &licence_documents {
        text("licence document", document).map_err(invalid)?;
    }
    Ok(QualificationInfo {
        code,
        name: wire.name,
        track: wire.track,
        since,
        reference: wire.reference,
        provenance: wire.provenance,
        training_hours,
        external: wire.external,
        licence_documents,
    })
}

/// A text field: not blank, nothing hidden in it.
fn text(what: &'static str, value: &str) -> Result<(), InputError> {
    if value.trim().is_empty() {
        return Err(InputError::Empty { what });
    }
    crate::text::check_visible(what, value)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::rules::RulePack;

    fn version(code: &str, name: &str, since: &str, extra: &str) -> String {
        format!(
            "[[qualification]]\ncode = \"{code}\"\nname = \"{name}\"\ntrack = \"course_based\"\n\
             since = \"{since}\"\nreference = \"test notice\"\nprovenance = \"assumption\"\n{extra}\n"
        )
    }

    #[test]
    fn the_version_in_force_is_the_latest_from_on_or_before_the_day() {
        let text = [
            version("2290", "전기기사", "2026-01-01", "training_hours = \"800\""),
            version("2290", "전기기사", "2024-01-01", "training_hours = \"750\""),
            version("7796", "한식조리기능사", "2025-03-01", ""),
        ]
        .concat();
        let set = QualificationInfoSet::from_toml(&text).unwrap();
        let code = QualificationCode::new("2290").unwrap();
        let on = |day: &str| {
            set.in_force(&code, day.parse().unwrap())
                .map(|v| v.since.to_string())
        };
        assert_eq!(on("2023-12-31"), None);
        assert_eq!(on("2024-01-01").as_deref(), Some("2024-01-01"));
        assert_eq!(on("2025-12-31").as_deref(), Some("2024-01-01"));
        assert_eq!(on("2026-01-01").as_deref(), Some("2026-01-01"));
        assert_eq!(set.versions(&code).len(), 2);
        assert!(set.versions(&code)[0].since < set.versions(&code)[1].since);
        // The pack says which qualifications lead to a licence: a cook does, an electrician not.
        let rules = RulePack::embedded().newest();
        let cook = set
            .in_force(
                &QualificationCode::new("7796").unwrap(),
                "2026-01-01".parse().unwrap(),
            )
            .unwrap();
        assert_eq!(
            cook.licence(&rules).map(|l| l.licence.as_str()),
            Some("조리사 면허")
        );
        assert!(
            set.in_force(&code, "2026-06-01".parse().unwrap())
                .unwrap()
                .licence(&rules)
                .is_none()
        );
    }

    #[test]
    fn bad_versions_are_refused_with_what_is_wrong_and_nothing_is_kept() {
        let refused = |extra: &str| {
            QualificationInfoSet::from_toml(&version("2290", "전기기사", "2026-01-01", extra))
        };
        assert!(matches!(
            refused("training_hours = \"0\""),
            Err(InfoError::Invalid { error, .. }) if matches!(*error, InputError::NotPositive { .. })
        ));
        assert!(matches!(
            refused("training_hours = \"1.00001\""),
            Err(InfoError::Invalid { .. })
        ));
        assert!(matches!(
            refused("[qualification.external]\nparts = []"),
            Err(InfoError::Invalid { error, .. }) if matches!(*error, InputError::Empty { .. })
        ));
        assert!(matches!(
            refused(
                "[qualification.external]\nparts = [{ name = \"1차\", method = \"작업\u{202e}형\" }]"
            ),
            Err(InfoError::Invalid { error, .. }) if matches!(*error, InputError::HiddenCharacter { .. })
        ));
        assert!(matches!(
            refused("colour = \"red\""),
            Err(InfoError::Parse { .. })
        ));
        assert!(matches!(
            QualificationInfoSet::from_toml(&version("22900", "전기기사", "2026-01-01", "")),
            Err(InfoError::Invalid { .. })
        ));
        assert!(matches!(
            QualificationInfoSet::from_toml(&version("2290", "전기기사", "2026-02-30", "")),
            Err(InfoError::Invalid { error, .. }) if matches!(*error, InputError::Malformed { .. })
        ));
        assert!(matches!(
            QualificationInfoSet::from_toml(&version("2290", " ", "2026-01-01", "")),
            Err(InfoError::Invalid { error, .. }) if matches!(*error, InputError::Empty { .. })
        ));
        let twice = [
            version("2290", "전기기사", "2026-01-01", ""),
            version("2290", "전기기사", "2026-01-01", ""),
        ]
        .concat();
        assert!(matches!(
            QualificationInfoSet::from_toml(&twice),
            Err(InfoError::Repeated { .. })
        ));
    }
}
