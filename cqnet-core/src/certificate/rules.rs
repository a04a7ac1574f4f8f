//! The rule-pack values of the `certificates` section: forms per track and licence rules.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{InputError, LegalBasis, Provenance, Track};

/// The form of a certificate (자격증 형태).
///
/// # Example
/// ```
/// use cqnet_core::certificate::CertificateForm;
/// let f: CertificateForm = serde_json::from_str("\"상장형\"").unwrap();
/// assert_eq!(f, CertificateForm::Certificate);
/// assert_eq!(f.to_string(), "certificate");
/// assert_eq!(f.korean_name(), "상장형");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateForm {
    /// 수첩형: a notebook, with an inner-page number (내지번호).
    #[serde(alias = "수첩형")]
    Notebook,
    /// 카드형: a card.
    #[serde(alias = "카드형")]
    Card,
    /// 상장형: a certificate sheet, with a management number (관리번호).
    #[serde(alias = "상장형")]
    Certificate,
    /// 모바일형: a mobile certificate (national technical qualifications, from 2025-09-01).
    #[serde(alias = "모바일형")]
    Mobile,
}

impl CertificateForm {
    /// The form's Korean name as the pack and CQ-Net write it (수첩형, 카드형, 상장형, 모바일형).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::CertificateForm;
    /// assert_eq!(CertificateForm::Notebook.korean_name(), "수첩형");
    /// assert_eq!(CertificateForm::Mobile.korean_name(), "모바일형");
    /// ```
    pub fn korean_name(self) -> &'static str {
        match self {
            CertificateForm::Notebook => "수첩형",
            CertificateForm::Card => "카드형",
            CertificateForm::Certificate => "상장형",
            CertificateForm::Mobile => "모바일형",
        }
    }
}

impl fmt::Display for CertificateForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CertificateForm::Notebook => "notebook",
            CertificateForm::Card => "card",
            CertificateForm::Certificate => "certificate",
            CertificateForm::Mobile => "mobile",
        })
    }
}

/// The forms a track offers on a date (`certificates.course_based_forms`,
/// `certificates.work_study_forms`): at least one, none twice.
///
/// # Errors
/// [`InputError::Empty`] for no form; [`InputError::Duplicate`] for a form listed twice.
///
/// # Example
/// ```
/// use cqnet_core::certificate::{CertificateForm, FormSet};
/// let forms = FormSet::new(vec![CertificateForm::Notebook, CertificateForm::Certificate])?;
/// assert!(forms.allows(CertificateForm::Notebook));
/// assert!(!forms.allows(CertificateForm::Mobile));
/// assert_eq!(forms.to_string(), "notebook (수첩형), certificate (상장형)");
/// assert!(FormSet::new(vec![]).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<CertificateForm>", into = "Vec<CertificateForm>")]
pub struct FormSet(Vec<CertificateForm>);

impl FormSet {
    /// Checks a list of forms offered by a track: at least one, none twice.
    ///
    /// # Errors
    /// [`InputError::Empty`] for no form; [`InputError::Duplicate`] for a form listed twice.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{CertificateForm, FormSet};
    /// assert!(FormSet::new(vec![CertificateForm::Card]).is_ok());
    /// assert!(FormSet::new(vec![CertificateForm::Card, CertificateForm::Card]).is_err());
    /// ```
    pub fn new(forms: Vec<CertificateForm>) -> Result<Self, InputError> {
        if forms.is_empty() {
            return Err(InputError::Empty {
                what: "certificate forms",
            });
        }
        let mut seen = BTreeSet::new();
        if let Some(dup) = forms.iter().find(|f| !seen.insert(**f)) {
            return Err(InputError::Duplicate {
                what: "certificate form",
                key: dup.to_string(),
            });
        }
        Ok(FormSet(forms))
    }

    /// Whether `form` is offered.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::{CertificateForm, FormSet};
    /// let forms = FormSet::new(vec![CertificateForm::Certificate, CertificateForm::Mobile])?;
    /// assert!(forms.allows(CertificateForm::Mobile));
    /// assert!(!forms.allows(CertificateForm::Card));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn allows(&self, form: CertificateForm) -> bool {
        self.0.contains(&form)
    }

    /// The forms, in pack order.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let forms = RulePack::embedded().newest().certificates.work_study_forms.value;
    /// assert_eq!(forms.forms().len(), 2);
    /// ```
    pub fn forms(&self) -> &[CertificateForm] {
        &self.0
    }
}

impl TryFrom<Vec<CertificateForm>> for FormSet {
    type Error = InputError;
    fn try_from(forms: Vec<CertificateForm>) -> Result<Self, Self::Error> {
        FormSet::new(forms)
    }
}

impl From<FormSet> for Vec<CertificateForm> {
    fn from(set: FormSet) -> Self {
        set.0
    }
}

impl fmt::Display for FormSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, form) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{form} ({})", form.korean_name())?;
        }
        Ok(())
    }
}

/// A pattern of qualification names: an exact name (`이용사`), a prefix (`미용사*`), a suffix
/// (`*조리기능사`) or a part (`*조리*`). `*` may stand only at either end.
///
/// # Errors
/// [`InputError::Malformed`] for an empty pattern, `*` alone or inside the name, or control
/// characters.
///
/// # Example
/// ```
/// use cqnet_core::certificate::NamePattern;
/// let p = NamePattern::new("*조리기능사")?;
/// assert!(p.matches("한식조리기능사"));
/// assert!(!p.matches("한식조리산업기사"));
/// assert!(NamePattern::new("미*용사").is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NamePattern {
    text: String,
    core: String,
    any_before: bool,
    any_after: bool,
}

impl NamePattern {
    /// Checks a pattern: a name with an optional `*` at either end.
    ///
    /// # Errors
    /// [`InputError::HiddenCharacter`] for a control, bidirectional or zero-width character;
    /// [`InputError::Malformed`] for an empty pattern or `*` alone or inside the name.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::NamePattern;
    /// assert_eq!(NamePattern::new("미용사*")?.to_string(), "미용사*");
    /// assert!(NamePattern::new("*").is_err());
    /// assert!(NamePattern::new("").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let (any_before, rest) = match text.strip_prefix('*') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (any_after, core) = match rest.strip_suffix('*') {
            Some(core) => (true, core),
            None => (false, rest),
        };
        crate::text::check_visible("qualification name pattern", text)?;
        if core.is_empty() || core.contains('*') || core.trim() != core {
            return Err(InputError::Malformed {
                what: "qualification name pattern",
                value: InputError::quoted(text),
                expected: "a name, with * only at its start or end (이용사, 미용사*, *조리기능사)",
            });
        }
        Ok(NamePattern {
            text: text.to_owned(),
            core: core.to_owned(),
            any_before,
            any_after,
        })
    }

    /// Whether `name` matches: exactly, or by prefix, suffix or part where the pattern has `*`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::NamePattern;
    /// let prefix = NamePattern::new("미용사*")?;
    /// assert!(prefix.matches("미용사(일반)"));
    /// assert!(!prefix.matches("이용사"));
    /// assert!(NamePattern::new("이용사")?.matches("이용사"));
    /// assert!(!NamePattern::new("이용사")?.matches("이용사(일반)"));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn matches(&self, name: &str) -> bool {
        match (self.any_before, self.any_after) {
            (false, false) => name == self.core,
            (false, true) => name.starts_with(&self.core),
            (true, false) => name.ends_with(&self.core),
            (true, true) => name.contains(&self.core),
        }
    }
}

impl TryFrom<String> for NamePattern {
    type Error = InputError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        NamePattern::new(&text)
    }
}

impl From<NamePattern> for String {
    fn from(p: NamePattern) -> Self {
        p.text
    }
}

impl fmt::Display for NamePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// One licence rule (면허발급대상): holders of the matching qualifications of the listed tracks
/// may apply to another authority for a licence. The qualification is not the licence.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let rules = RulePack::embedded().newest();
/// let barber = &rules.certificates.licences.value.rules()[0];
/// assert!(barber.applies_to(cqnet_core::Track::CourseBased, "이용사"));
/// assert_eq!(barber.licence, "이용사 면허");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenceRule {
    /// The qualification names the rule covers.
    pub qualifications: Vec<NamePattern>,
    /// The tracks whose certificates lead to the licence.
    pub tracks: Vec<Track>,
    /// The licence, in Korean (`이용사 면허`).
    pub licence: String,
    /// The licence, in English.
    pub licence_en: String,
    /// Who issues it, in Korean (`시장·군수·구청장`).
    pub authority: String,
    /// Who issues it, in English.
    pub authority_en: String,
    /// The article of law behind the licence.
    pub reference: String,
    /// How sure that is.
    pub provenance: Provenance,
}

impl LicenceRule {
    /// Whether the rule covers a qualification of `track` named `name`: the track is listed and a
    /// pattern matches the name.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::Track;
    /// let rules = RulePack::embedded().newest();
    /// let barber = &rules.certificates.licences.value.rules()[0];
    /// assert!(barber.applies_to(Track::CourseBased, "이용사"));
    /// assert!(!barber.applies_to(Track::CourseBased, "정보처리산업기사"));
    /// ```
    pub fn applies_to(&self, track: Track, name: &str) -> bool {
        self.tracks.contains(&track) && self.qualifications.iter().any(|p| p.matches(name))
    }

    /// The legal basis of the licence.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let rules = RulePack::embedded().newest();
    /// let rule = &rules.certificates.licences.value.rules()[0];
    /// assert!(rule.basis().citation().contains("공중위생관리법"));
    /// ```
    pub fn basis(&self) -> LegalBasis {
        LegalBasis::new(self.reference.clone(), self.provenance)
    }

    fn check(&self) -> Result<(), InputError> {
        let texts = [
            ("licence", &self.licence),
            ("licence_en", &self.licence_en),
            ("authority", &self.authority),
            ("authority_en", &self.authority_en),
            ("reference", &self.reference),
        ];
        if let Some((what, _)) = texts.iter().find(|(_, t)| t.trim().is_empty()) {
            return Err(InputError::Inconsistent(format!(
                "a licence rule has an empty {what}"
            )));
        }
        if self.qualifications.is_empty() {
            return Err(InputError::Empty {
                what: "qualifications of a licence rule",
            });
        }
        if self.tracks.is_empty() {
            return Err(InputError::Empty {
                what: "tracks of a licence rule",
            });
        }
        Ok(())
    }
}

/// The licence rules in force (`certificates.licences`): the first rule that matches a
/// qualification applies.
///
/// # Errors
/// [`InputError::Empty`] or [`InputError::Inconsistent`] for a rule with no qualification, no
/// track or an empty text.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::{Provenance, Track};
/// let licences = RulePack::embedded().newest().certificates.licences.value;
/// let forklift = licences.find(Track::CourseBased, "지게차운전기능사").unwrap();
/// assert_eq!(forklift.licence, "건설기계조종사면허");
/// assert_eq!(forklift.provenance, Provenance::Assumption);
/// assert!(licences.find(Track::CourseBased, "정보처리산업기사").is_none());
/// assert!(licences.find(Track::WorkStudy, "이용사").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<LicenceRule>", into = "Vec<LicenceRule>")]
pub struct LicenceRules(Vec<LicenceRule>);

impl LicenceRules {
    /// Checks a list of licence rules (it may be empty).
    ///
    /// # Errors
    /// [`InputError::Inconsistent`] for a rule with an empty licence, authority or reference
    /// text; [`InputError::Empty`] for a rule without qualifications or tracks.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::certificate::LicenceRules;
    /// assert!(LicenceRules::new(vec![])?.rules().is_empty());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(rules: Vec<LicenceRule>) -> Result<Self, InputError> {
        for rule in &rules {
            rule.check()?;
        }
        Ok(LicenceRules(rules))
    }

    /// The rules, in pack order.
    ///
    /// # Example
    /// See [`LicenceRule`].
    pub fn rules(&self) -> &[LicenceRule] {
        &self.0
    }

    /// The first rule, in pack order, covering a qualification of `track` named `name`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::Track;
    /// let rules = RulePack::embedded().newest();
    /// let licences = &rules.certificates.licences.value;
    /// assert_eq!(licences.find(Track::CourseBased, "이용사").map(|r| r.licence.as_str()), Some("이용사 면허"));
    /// assert!(licences.find(Track::CourseBased, "정보처리산업기사").is_none());
    /// ```
    pub fn find(&self, track: Track, name: &str) -> Option<&LicenceRule> {
        self.0.iter().find(|r| r.applies_to(track, name))
    }
}

impl TryFrom<Vec<LicenceRule>> for LicenceRules {
    type Error = InputError;
    fn try_from(rules: Vec<LicenceRule>) -> Result<Self, Self::Error> {
        LicenceRules::new(rules)
    }
}

impl From<LicenceRules> for Vec<LicenceRule> {
    fn from(rules: LicenceRules) -> Self {
        rules.0
    }
}

impl fmt::Display for LicenceRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        for (i, rule) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            let names: Vec<&str> = rule
                .qualifications
                .iter()
                .map(|p| p.text.as_str())
                .collect();
            write!(
                f,
                "{} → {} ({}; {}; {})",
                names.join(", "),
                rule.licence,
                rule.authority,
                rule.reference,
                rule.provenance
            )?;
        }
        Ok(())
    }
}
