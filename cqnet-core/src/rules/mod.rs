//! Rule packs: every threshold, weight, window and refund rate as dated data with its legal
//! reference and provenance.
//!
//! A pack is TOML. Each parameter is a series of values, each in force from its `since` date
//! (inclusive) until the next value's `since` or its own `until` (exclusive). Loading refuses
//! unknown keys, gaps and overlaps between dates, values out of range, weights that do not sum
//! to 100 and pass marks that cannot be reached. The default pack is embedded
//! ([`RulePack::embedded`]); a host may load its own ([`RulePack::from_toml`]) or overlay a few
//! values ([`RulePack::with_overlay`]).
//!
//! Two dates can pick the values: the date of the evaluation, or the start date of a course
//! when a transitional provision (경과조치) keeps a cohort on the rules it started under. The
//! caller says which with [`RuleDate`], and every decision records the pack and date used.
//!
//! # Example
//! ```
//! use cqnet_core::rules::{RuleDate, RulePack};
//! let pack = RulePack::embedded();
//! let rules = pack.rules_for(RuleDate::EvaluatedOn("2026-03-02".parse().unwrap()))?;
//! assert_eq!(rules.course_based.pass_average.value.to_string(), "80");
//! assert_eq!(rules.course_based.attendance_min_percent.value.to_string(), "75");
//! # Ok::<(), cqnet_core::rules::RulePackError>(())
//! ```

mod consistency;
mod params;
mod review;

use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{LegalBasis, Provenance};

use params::PackFile;
pub use params::{
    AttendanceScope, BasisRules, CancelReason, CertificateRules, CourseBasedRules, FeeRules,
    FeeTable, InternalAggregation, Limit, MonthDay, RefundRules, RefundSchedule, RetakeLimit,
    Rules, WorkStudyRules,
};
pub use params::{DesignationRules, LearningCompanyRules, LearningContractRules, SanctionRules};
pub use review::{PackWarning, RuleChange, ValueInForce};

/// The TOML text of the embedded default pack.
pub const EMBEDDED_PACK_TOML: &str = include_str!("default.toml");

/// The longest pack or overlay text read, in bytes (4 MiB): a longer one is refused with
/// [`RulePackError::TooLarge`] before it is parsed. The embedded pack is a few dozen KiB.
///
/// # Example
/// ```
/// use cqnet_core::rules::{RulePack, RulePackError, EMBEDDED_PACK_TOML, MAX_PACK_BYTES};
/// assert!(EMBEDDED_PACK_TOML.len() < MAX_PACK_BYTES);
/// let padded = format!("{EMBEDDED_PACK_TOML}\n{}", "#".repeat(MAX_PACK_BYTES));
/// assert!(matches!(RulePack::from_toml(&padded), Err(RulePackError::TooLarge { .. })));
/// ```
pub const MAX_PACK_BYTES: usize = 4 * 1024 * 1024;

/// The most dated values a pack may hold, over all its parameters (10,000), overlays
/// included: a larger one is refused with [`RulePackError::TooLarge`] before it is validated.
/// The embedded pack holds under a hundred.
///
/// # Example
/// ```
/// use cqnet_core::rules::{RulePack, MAX_PACK_VALUES};
/// let listed: usize = RulePack::embedded().parameters().iter().map(|p| p.rows.len()).sum();
/// assert!(listed < MAX_PACK_VALUES);
/// ```
pub const MAX_PACK_VALUES: usize = 10_000;

/// Why a rule pack was refused, or a value could not be found.
///
/// # Example
/// ```
/// use cqnet_core::rules::{RulePack, RulePackError};
/// let err = RulePack::from_toml("[pack]\nname = 1").unwrap_err();
/// assert!(matches!(err, RulePackError::Syntax(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RulePackError {
    /// Not TOML, an unknown key, a missing key, or a value of the wrong type or out of range.
    #[error("rule pack is malformed: {0}")]
    Syntax(String),
    /// A parameter's dated values leave a gap, overlap, or are out of order.
    #[error("parameter {param}: {problem}")]
    Dates {
        /// The parameter path (`course_based.pass_average`).
        param: String,
        /// What is wrong.
        problem: String,
    },
    /// Values that are each valid but do not fit together (weights not summing to 100, …).
    #[error("rule pack is inconsistent on {date}: {problem}")]
    Inconsistent {
        /// The first date on which the problem holds.
        date: NaiveDate,
        /// What is wrong.
        problem: String,
    },
    /// A pack or overlay larger than this library reads: its text over [`MAX_PACK_BYTES`]
    /// bytes, or over [`MAX_PACK_VALUES`] dated values.
    #[error("rule pack is too large: {actual} {what}, at most {limit}")]
    TooLarge {
        /// What was counted (`bytes of TOML`, `dated values`).
        what: &'static str,
        /// The most accepted.
        limit: usize,
        /// How many the pack had.
        actual: usize,
    },
    /// No value of a parameter is in force on the date asked for.
    #[error("parameter {param} has no value in force on {date}")]
    NotInForce {
        /// The parameter path.
        param: String,
        /// The date asked for.
        date: NaiveDate,
    },
}

/// Which date picks the rule values for a decision.
///
/// # Example
/// ```
/// use cqnet_core::rules::RuleDate;
/// let d = RuleDate::CohortStartedOn("2025-03-04".parse().unwrap());
/// assert_eq!(d.date().to_string(), "2025-03-04");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "basis", content = "date", rename_all = "snake_case")]
pub enum RuleDate {
    /// The values in force on the date of the evaluation or decision.
    EvaluatedOn(NaiveDate),
    /// The values in force when the cohort's course started (경과조치: a transitional
    /// provision keeping a cohort on the rules it started under).
    CohortStartedOn(NaiveDate),
}

impl RuleDate {
    /// The calendar date that picks the values.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::rules::RuleDate;
    /// let day = "2026-01-01".parse().unwrap();
    /// assert_eq!(RuleDate::EvaluatedOn(day).date(), day);
    /// ```
    pub fn date(self) -> NaiveDate {
        match self {
            RuleDate::EvaluatedOn(d) | RuleDate::CohortStartedOn(d) => d,
        }
    }
}

/// The identity of a pack: its name, version, and the overlays applied to it.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let id = RulePack::embedded().id();
/// assert_eq!(id.name, "cqnet-default");
/// assert!(id.overlays.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PackId {
    /// The pack's name.
    pub name: String,
    /// The pack's version.
    pub version: String,
    /// The names of the overlays applied, in order.
    pub overlays: Vec<String>,
}

impl fmt::Display for PackId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.name, self.version)?;
        for overlay in &self.overlays {
            write!(f, "+{overlay}")?;
        }
        Ok(())
    }
}

/// One rule value as resolved for a date: the value, since when it holds, and its basis.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let rules = RulePack::embedded().newest();
/// let floor = &rules.course_based.internal_round_floor;
/// assert_eq!(floor.value.to_string(), "40");
/// assert!(!floor.basis.citation().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule<T> {
    /// The value in force.
    pub value: T,
    /// The first day it is in force.
    pub since: NaiveDate,
    /// Its legal reference and provenance.
    pub basis: LegalBasis,
}

/// A value in a pack file, in force from `since`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Dated<T> {
    since: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<NaiveDate>,
    value: T,
    reference: String,
    provenance: Provenance,
    /// The day the value was last checked against its source (OpenFisca's
    /// `last_value_still_valid_on`); required, so that every value says how fresh it is.
    last_checked: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// A parameter in a pack file: what it means and its dated values.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Param<T> {
    description: String,
    values: Vec<Dated<T>>,
}

impl<T: Clone + PartialEq + fmt::Display> Param<T> {
    fn check_dates(&self, path: &str) -> Result<(), RulePackError> {
        let problem = |problem: String| RulePackError::Dates {
            param: path.to_owned(),
            problem,
        };
        if self.values.is_empty() {
            return Err(problem("has no values".into()));
        }
        for (i, v) in self.values.iter().enumerate() {
            if v.reference.trim().is_empty() {
                return Err(problem(format!(
                    "the value since {} has no reference",
                    v.since
                )));
            }
            if let Some(until) = v.until
                && until <= v.since
            {
                return Err(problem(format!(
                    "the value since {} ends on {until}, not after it starts",
                    v.since
                )));
            }
            if let Some(next) = self.values.get(i + 1) {
                if next.since <= v.since {
                    return Err(problem(format!(
                        "values overlap or are out of order: {} is followed by {}",
                        v.since, next.since
                    )));
                }
                match v.until {
                    Some(until) if until < next.since => {
                        return Err(problem(format!(
                            "gap between {until} and {} with no value in force",
                            next.since
                        )));
                    }
                    Some(until) if until > next.since => {
                        return Err(problem(format!(
                            "the value since {} runs until {until}, overlapping the value since {}",
                            v.since, next.since
                        )));
                    }
                    _ => {}
                }
            } else if let Some(until) = v.until {
                return Err(problem(format!(
                    "the newest value ends on {until}: end a parameter by giving it a new value instead"
                )));
            }
        }
        Ok(())
    }

    /// The dated value in force on `date`, if any. The values are in order of `since` (a pack
    /// is only built after `check_dates`), so a binary search finds it.
    fn in_force(&self, date: NaiveDate) -> Option<&Dated<T>> {
        let started = self.values.partition_point(|v| v.since <= date);
        started
            .checked_sub(1)
            .and_then(|i| self.values.get(i))
            .filter(|v| v.until.is_none_or(|until| date < until))
    }

    /// The value in force on `date`, if any.
    fn value_on(&self, date: NaiveDate) -> Option<&T> {
        self.in_force(date).map(|v| &v.value)
    }

    /// Checks every dated value once on its own; a refusal is dated at the value's `since`,
    /// the first day on which it holds.
    fn check_each(&self, check: impl Fn(&T) -> Result<(), String>) -> Result<(), RulePackError> {
        self.values.iter().try_for_each(|v| {
            check(&v.value).map_err(|problem| RulePackError::Inconsistent {
                date: v.since,
                problem,
            })
        })
    }

    /// How many dated values the parameter has.
    fn len(&self) -> usize {
        self.values.len()
    }

    fn at(&self, path: &str, date: NaiveDate) -> Result<Rule<T>, RulePackError> {
        self.in_force(date)
            .map(|v| Rule {
                value: v.value.clone(),
                since: v.since,
                basis: LegalBasis::new(v.reference.clone(), v.provenance),
            })
            .ok_or_else(|| RulePackError::NotInForce {
                param: path.to_owned(),
                date,
            })
    }

    fn newest_rule(&self) -> Rule<T> {
        // `check_dates` guarantees at least one value, the newest open-ended.
        let newest = &self.values[self.values.len() - 1];
        Rule {
            value: newest.value.clone(),
            since: newest.since,
            basis: LegalBasis::new(newest.reference.clone(), newest.provenance),
        }
    }

    fn change_dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.values
            .iter()
            .flat_map(|v| std::iter::once(v.since).chain(v.until))
    }

    fn rows(&self) -> Vec<ParamRow> {
        self.values.iter().map(Dated::row).collect()
    }

    /// The parameter's entry in a diff between two dates: `None` when the same value, with the
    /// same reference and provenance, is in force on both (or neither has one).
    fn change(&self, path: &'static str, from: NaiveDate, to: NaiveDate) -> Option<RuleChange> {
        let (before, after) = (self.in_force(from), self.in_force(to));
        let same = match (before, after) {
            (Some(a), Some(b)) => {
                a.value == b.value && a.reference == b.reference && a.provenance == b.provenance
            }
            (None, None) => true,
            _ => false,
        };
        (!same).then(|| RuleChange {
            path,
            description: self.description.clone(),
            value_changed: before.map(|a| &a.value) != after.map(|b| &b.value),
            from: before.map(Dated::row),
            to: after.map(Dated::row),
        })
    }

    fn overdue(
        &self,
        path: &'static str,
        cutoff: NaiveDate,
        pack_date: NaiveDate,
        out: &mut Vec<PackWarning>,
    ) {
        for v in &self.values {
            if v.provenance == Provenance::Confirmed && v.last_checked < cutoff {
                out.push(PackWarning::ReviewOverdue {
                    param: path,
                    since: v.since,
                    last_checked: v.last_checked,
                    pack_date,
                });
            }
        }
    }

    fn value_in_force(&self, path: &'static str, date: NaiveDate) -> Option<ValueInForce> {
        self.in_force(date).map(|v| ValueInForce {
            path,
            description: self.description.clone(),
            row: v.row(),
        })
    }
}

impl<T: fmt::Display> Dated<T> {
    fn row(&self) -> ParamRow {
        ParamRow {
            since: self.since,
            until: self.until,
            value: self.value.to_string(),
            reference: self.reference.clone(),
            provenance: self.provenance,
            last_checked: self.last_checked,
            note: self.note.clone(),
        }
    }
}

/// One dated value of a parameter, for listing a pack (as in `docs/rules.md`).
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let params = RulePack::embedded().parameters();
/// let attendance = params.iter().find(|p| p.path == "course_based.attendance_min_percent").unwrap();
/// assert_eq!(attendance.rows[0].value, "75");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParamRow {
    /// First day in force.
    pub since: NaiveDate,
    /// Day it stops being in force, if it does.
    pub until: Option<NaiveDate>,
    /// The value, as text.
    pub value: String,
    /// Its legal reference.
    pub reference: String,
    /// How sure it is.
    pub provenance: Provenance,
    /// The day it was last checked against its source.
    pub last_checked: NaiveDate,
    /// A note, if any.
    pub note: Option<String>,
}

/// A parameter of a pack with all its dated values, for listing.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// assert!(RulePack::embedded().parameters().iter().any(|p| p.path == "work_study.external_unit_pass_percent"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParamListing {
    /// The dotted path (`course_based.pass_average`).
    pub path: &'static str,
    /// What it means.
    pub description: String,
    /// Its values, oldest first.
    pub rows: Vec<ParamRow>,
}

/// A validated rule pack.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let what_if = RulePack::embedded().with_overlay(r#"
///     [overlay]
///     name = "pass-75"
///     [course_based.pass_average]
///     description = "what if the pass mark were 75"
///     [[course_based.pass_average.values]]
///     since = "2015-01-01"
///     value = 75
///     reference = "host overlay"
///     provenance = "assumption"
///     last_checked = "2026-12-01"
/// "#)?;
/// let rules = what_if.newest();
/// assert_eq!(rules.course_based.pass_average.value.to_string(), "75");
/// assert_eq!(rules.pack.to_string(), format!("{}+pass-75", RulePack::embedded().id()));
/// # Ok::<(), cqnet_core::rules::RulePackError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RulePack {
    id: PackId,
    file: PackFile,
    source: toml::Table,
}

/// Refuses a pack or overlay text over [`MAX_PACK_BYTES`] before it is parsed.
fn check_text_size(text: &str) -> Result<(), RulePackError> {
    if text.len() > MAX_PACK_BYTES {
        return Err(RulePackError::TooLarge {
            what: "bytes of TOML",
            limit: MAX_PACK_BYTES,
            actual: text.len(),
        });
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverlayHeader {
    name: String,
}

impl RulePack {
    /// The default pack embedded in the library, holding what is known of the rules, each value
    /// with its reference and provenance. See `docs/rules.md`.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// assert_eq!(RulePack::embedded().id().name, "cqnet-default");
    /// ```
    pub fn embedded() -> &'static RulePack {
        static PACK: OnceLock<RulePack> = OnceLock::new();
        PACK.get_or_init(|| {
            // The embedded pack is checked by the test suite; failing here is a build defect.
            #[allow(clippy::expect_used)]
            RulePack::from_toml(EMBEDDED_PACK_TOML).expect("the embedded rule pack is valid")
        })
    }

    /// Loads and validates a pack from TOML text.
    ///
    /// # Errors
    /// [`RulePackError::TooLarge`] for a text over [`MAX_PACK_BYTES`] or a pack over
    /// [`MAX_PACK_VALUES`] dated values; [`RulePackError::Syntax`] for malformed TOML, unknown
    /// or missing keys and values out of range; [`RulePackError::Dates`] for gaps, overlaps or
    /// disorder; [`RulePackError::Inconsistent`] for values that do not fit together.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::{RulePack, EMBEDDED_PACK_TOML};
    /// let pack = RulePack::from_toml(EMBEDDED_PACK_TOML)?;
    /// assert_eq!(&pack, RulePack::embedded());
    /// let typo = EMBEDDED_PACK_TOML.replace("pass_average", "pass_averag");
    /// assert!(RulePack::from_toml(&typo).is_err());
    /// # Ok::<(), cqnet_core::rules::RulePackError>(())
    /// ```
    pub fn from_toml(text: &str) -> Result<RulePack, RulePackError> {
        check_text_size(text)?;
        let source: toml::Table =
            toml::from_str(text).map_err(|e| RulePackError::Syntax(e.message().to_owned()))?;
        Self::from_table(source, Vec::new())
    }

    fn from_table(source: toml::Table, overlays: Vec<String>) -> Result<RulePack, RulePackError> {
        let file: PackFile = PackFile::deserialize(source.clone())
            .map_err(|e| RulePackError::Syntax(e.message().to_owned()))?;
        let pack = RulePack {
            id: PackId {
                name: file.pack.name.clone(),
                version: file.pack.version.clone(),
                overlays,
            },
            file,
            source,
        };
        pack.validate()?;
        Ok(pack)
    }

    /// A new pack with some parameters replaced by those of an overlay.
    ///
    /// The overlay is TOML with an `[overlay]` table naming it and any parameters of the pack,
    /// each given whole (description and values). The result is validated like any pack, and
    /// its [`PackId`] lists the overlay, so every decision shows that it was used.
    ///
    /// # Errors
    /// As [`RulePack::from_toml`], for the overlay and for the merged pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let bad = RulePack::embedded().with_overlay("[overlay]\nname = \"x\"\n[course_based.no_such]\n");
    /// assert!(bad.is_err());
    /// ```
    pub fn with_overlay(&self, overlay_toml: &str) -> Result<RulePack, RulePackError> {
        check_text_size(overlay_toml)?;
        let mut overlay: toml::Table = toml::from_str(overlay_toml)
            .map_err(|e| RulePackError::Syntax(e.message().to_owned()))?;
        let header = overlay.remove("overlay").ok_or_else(|| {
            RulePackError::Syntax("an overlay needs an [overlay] table with a name".into())
        })?;
        let header = OverlayHeader::deserialize(header)
            .map_err(|e| RulePackError::Syntax(format!("[overlay]: {}", e.message())))?;
        if header.name.trim().is_empty() {
            return Err(RulePackError::Syntax("the overlay's name is empty".into()));
        }
        let mut merged = self.source.clone();
        for (section, params) in overlay {
            if section == "pack" {
                return Err(RulePackError::Syntax(
                    "an overlay may not change [pack]: its name is recorded as an overlay instead"
                        .into(),
                ));
            }
            let toml::Value::Table(params) = params else {
                return Err(RulePackError::Syntax(format!(
                    "overlay key {section} must be a table of parameters"
                )));
            };
            let Some(toml::Value::Table(target)) = merged.get_mut(&section) else {
                return Err(RulePackError::Syntax(format!(
                    "overlay section {section} is not a section of the pack"
                )));
            };
            for (name, param) in params {
                if !target.contains_key(&name) {
                    return Err(RulePackError::Syntax(format!(
                        "overlay parameter {section}.{name} is not a parameter of the pack"
                    )));
                }
                target.insert(name, param);
            }
        }
        let mut overlays = self.id.overlays.clone();
        overlays.push(header.name);
        Self::from_table(merged, overlays)
    }

    /// The pack's identity.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::rules::RulePack;
    /// assert!(!RulePack::embedded().id().version.is_empty());
    /// ```
    pub fn id(&self) -> &PackId {
        &self.id
    }

    /// The pack's date (`[pack] date`): the day it was last reviewed as a whole. The pack check
    /// ([`RulePack::warnings`]) measures how long ago each value was checked from it.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::rules::RulePack;
    /// assert_eq!(RulePack::embedded().date().to_string(), "2026-12-01");
    /// ```
    pub fn date(&self) -> NaiveDate {
        self.file.pack.date
    }

    /// The rule values in force on the date that `basis` names.
    ///
    /// # Errors
    /// [`RulePackError::NotInForce`] when a parameter has no value on that date (before its
    /// first value, or after a value that ended).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::{RuleDate, RulePack, RulePackError};
    /// let too_early = RuleDate::EvaluatedOn("1990-01-01".parse().unwrap());
    /// assert!(matches!(RulePack::embedded().rules_for(too_early), Err(RulePackError::NotInForce { .. })));
    /// ```
    pub fn rules_for(&self, basis: RuleDate) -> Result<Rules, RulePackError> {
        self.file.resolve(self.id.clone(), basis)
    }

    /// The rule values in force on `date` (the evaluation date).
    ///
    /// # Errors
    /// As [`RulePack::rules_for`].
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::rules::RulePack;
    /// let rules = RulePack::embedded().rules_at("2026-06-01".parse().unwrap())?;
    /// assert_eq!(rules.work_study.external_unit_pass_percent.value.to_string(), "70");
    /// # Ok::<(), cqnet_core::rules::RulePackError>(())
    /// ```
    pub fn rules_at(&self, date: NaiveDate) -> Result<Rules, RulePackError> {
        self.rules_for(RuleDate::EvaluatedOn(date))
    }

    /// The newest values of every parameter: the rules in force from the latest change date on.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::rules::RulePack;
    /// let rules = RulePack::embedded().newest();
    /// assert_eq!(rules.date, RulePack::embedded().latest_change());
    /// ```
    pub fn newest(&self) -> Rules {
        self.file
            .resolve_newest(self.id.clone(), self.latest_change())
    }

    /// The latest date on which any value starts or ends.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::rules::RulePack;
    /// assert!(RulePack::embedded().latest_change() >= "2015-01-01".parse().unwrap());
    /// ```
    pub fn latest_change(&self) -> NaiveDate {
        self.change_dates()
            .into_iter()
            .next_back()
            .unwrap_or(NaiveDate::MIN)
    }

    fn change_dates(&self) -> BTreeSet<NaiveDate> {
        self.file.change_dates()
    }

    /// Every parameter with its dated values, in pack order.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::rules::RulePack;
    /// assert!(RulePack::embedded().parameters().len() >= 15);
    /// ```
    pub fn parameters(&self) -> Vec<ParamListing> {
        self.file.listings()
    }

    /// The pack as a Markdown table: one row per dated value with its reference and provenance.
    /// `docs/rules.md` embeds this table for the embedded pack, and a test keeps them in step.
    ///
    /// # Example
    /// ```
    /// # use cqnet_core::rules::RulePack;
    /// let table = RulePack::embedded().reference_table();
    /// assert!(table.contains("| course_based.pass_average |"));
    /// ```
    pub fn reference_table(&self) -> String {
        let mut out = String::from(
            "| parameter | meaning | since | until | value | reference | provenance | last checked |\n|---|---|---|---|---|---|---|---|\n",
        );
        for param in self.parameters() {
            for row in &param.rows {
                let note = row
                    .note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {}{} | {} | {} |\n",
                    param.path,
                    param.description.replace('|', "\\|"),
                    row.since,
                    row.until
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "—".into()),
                    row.value.replace('|', "\\|"),
                    row.reference.replace('|', "\\|"),
                    note.replace('|', "\\|"),
                    row.provenance,
                    row.last_checked,
                ));
            }
        }
        out
    }

    /// Validates the pack in time near-linear in its size: each dated value is checked once on
    /// its own, and the few checks that compare parameters run on the dates on which one of
    /// those parameters changes, finding each value in force by binary search. (Resolving the
    /// whole pack on every change date cost time proportional to the dates times the values.)
    fn validate(&self) -> Result<(), RulePackError> {
        let values = self.file.count_values();
        if values > MAX_PACK_VALUES {
            return Err(RulePackError::TooLarge {
                what: "dated values",
                limit: MAX_PACK_VALUES,
                actual: values,
            });
        }
        self.file.check_dates()?;
        self.file.check_values()?;
        self.file.check_across()
    }
}
