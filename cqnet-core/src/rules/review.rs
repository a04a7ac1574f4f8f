//! Reviewing a pack: the legislation view (what differs between two dates, what is in force on
//! one) and the pack check's warnings (values not checked against their source for over a
//! year, final-score weights that depart from the Decree's average).

use std::fmt;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::{ParamRow, RulePack};
use crate::Percent;

/// One parameter whose value in force differs between two dates: the value, its reference or
/// its provenance changed, or a value exists on one date only.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let changes = RulePack::embedded().diff("2016-01-01".parse().unwrap(), "2026-06-01".parse().unwrap());
/// let retake = changes.iter().find(|c| c.path == "course_based.retake_limit").unwrap();
/// assert!(retake.value_changed);
/// assert_eq!(retake.to.as_ref().unwrap().value, "attempts: unlimited; within months of the first sitting's announcement: 24");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RuleChange {
    /// The dotted path (`course_based.retake_limit`).
    pub path: &'static str,
    /// What the parameter means.
    pub description: String,
    /// The value in force on the first date, if any.
    pub from: Option<ParamRow>,
    /// The value in force on the second date, if any.
    pub to: Option<ParamRow>,
    /// Whether the value itself differs (and not only its reference or provenance).
    pub value_changed: bool,
}

/// One parameter's value in force on a date.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let values = RulePack::embedded().values_at("2026-06-01".parse().unwrap());
/// let pass = values.iter().find(|v| v.path == "course_based.pass_average").unwrap();
/// assert_eq!(pass.row.value, "80");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ValueInForce {
    /// The dotted path.
    pub path: &'static str,
    /// What the parameter means.
    pub description: String,
    /// The value with its dates, reference, provenance and review date.
    pub row: ParamRow,
}

/// Something the pack check found worth a look, though the pack is valid.
///
/// # Example
/// ```
/// use cqnet_core::rules::{PackWarning, RulePack};
/// // The embedded pack was reviewed as a whole on its date.
/// assert!(RulePack::embedded().warnings().is_empty());
/// let what_if = RulePack::embedded().with_overlay(r#"
///     [overlay]
///     name = "internal-60"
///     [course_based.internal_weight]
///     description = "what if the internal score weighed 60"
///     [[course_based.internal_weight.values]]
///     since = "2015-01-01"
///     value = 60
///     reference = "host overlay"
///     provenance = "assumption"
///     last_checked = "2026-12-01"
///     [course_based.external_weight]
///     description = "what if the external score weighed 40"
///     [[course_based.external_weight.values]]
///     since = "2015-01-01"
///     value = 40
///     reference = "host overlay"
///     provenance = "assumption"
///     last_checked = "2026-12-01"
/// "#)?;
/// assert!(matches!(what_if.warnings()[0], PackWarning::FinalWeightsDepartFromDecree { .. }));
/// # Ok::<(), cqnet_core::rules::RulePackError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PackWarning {
    /// A confirmed value last checked against its source more than a year before the pack's
    /// date: the law may have changed since.
    ReviewOverdue {
        /// The parameter.
        param: &'static str,
        /// The value's first day in force.
        since: NaiveDate,
        /// When it was last checked.
        last_checked: NaiveDate,
        /// The pack's date.
        pack_date: NaiveDate,
    },
    /// Internal and external weights that are not equal. 국가기술자격법 시행령 제20조의2제3항
    /// makes the final score the average (평균) of the internal and external scores, so the law's
    /// weights are 50 : 50; a pack with other weights describes a what-if, not the law.
    FinalWeightsDepartFromDecree {
        /// The first change date on which the weights differ.
        since: NaiveDate,
        /// The internal weight in force then.
        internal_weight: Percent,
        /// The external weight in force then.
        external_weight: Percent,
    },
}

impl fmt::Display for PackWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackWarning::ReviewOverdue {
                param,
                since,
                last_checked,
                pack_date,
            } => write!(
                f,
                "{param} (since {since}) is confirmed but was last checked on {last_checked}, more than a year before the pack's date {pack_date}: check it against its source again (재확인 필요)"
            ),
            PackWarning::FinalWeightsDepartFromDecree {
                since,
                internal_weight,
                external_weight,
            } => write!(
                f,
                "from {since} the final score weighs internal {internal_weight} : external {external_weight}; 국가기술자격법 시행령 제20조의2제3항 makes it the average (평균, 50 : 50), so this pack is a what-if"
            ),
        }
    }
}

impl RulePack {
    /// The legislation view: every parameter whose value in force on `from` differs from the
    /// one in force on `to` (in value, reference or provenance), with both values, in pack
    /// order. A parameter with a value on one date only is listed with `None` on the other.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let pack = RulePack::embedded();
    /// let day = "2026-06-01".parse().unwrap();
    /// assert!(pack.diff(day, day).is_empty());
    /// let changes = pack.diff("2024-01-01".parse().unwrap(), day);
    /// let forms = changes.iter().find(|c| c.path == "certificates.course_based_forms").unwrap();
    /// assert!(forms.to.as_ref().unwrap().value.contains("mobile"));
    /// ```
    pub fn diff(&self, from: NaiveDate, to: NaiveDate) -> Vec<RuleChange> {
        self.file.changes(from, to)
    }

    /// Every parameter's value in force on `date`, in pack order; a parameter with no value on
    /// that date is left out.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// let pack = RulePack::embedded();
    /// assert_eq!(pack.values_at("2026-06-01".parse().unwrap()).len(), pack.parameters().len());
    /// assert!(pack.values_at("1990-01-01".parse().unwrap()).is_empty());
    /// ```
    pub fn values_at(&self, date: NaiveDate) -> Vec<ValueInForce> {
        self.file.values_in_force(date)
    }

    /// The pack check's warnings: what is valid but deserves a look. A confirmed value last
    /// checked more than a year before the pack's date ([`PackWarning::ReviewOverdue`]), and
    /// final-score weights other than the Decree's 50 : 50
    /// ([`PackWarning::FinalWeightsDepartFromDecree`]). Errors refuse a pack when it loads;
    /// these never do.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::{PackWarning, RulePack, EMBEDDED_PACK_TOML};
    /// // The same pack dated two years later: every confirmed value is overdue for review.
    /// let later = EMBEDDED_PACK_TOML.replacen("date = \"2026-12-01\"", "date = \"2028-12-02\"", 1);
    /// let warnings = RulePack::from_toml(&later)?.warnings();
    /// assert!(!warnings.is_empty());
    /// assert!(warnings.iter().all(|w| matches!(w, PackWarning::ReviewOverdue { .. })));
    /// # Ok::<(), cqnet_core::rules::RulePackError>(())
    /// ```
    pub fn warnings(&self) -> Vec<PackWarning> {
        let pack_date = self.date();
        // "More than a year before": checked on 2025-12-01 is still fresh on 2026-12-01.
        let cutoff = pack_date
            .checked_sub_months(Months::new(12))
            .unwrap_or(NaiveDate::MIN);
        let mut out = self.file.overdue(cutoff, pack_date);
        let mut last_pair = None;
        for date in self.change_dates() {
            let Ok(rules) = self.rules_at(date) else {
                continue;
            };
            let cb = &rules.course_based;
            let pair = (cb.internal_weight.value, cb.external_weight.value);
            if pair.0 != pair.1 && last_pair != Some(pair) {
                out.push(PackWarning::FinalWeightsDepartFromDecree {
                    since: date,
                    internal_weight: pair.0,
                    external_weight: pair.1,
                });
            }
            last_pair = Some(pair);
        }
        out
    }
}
