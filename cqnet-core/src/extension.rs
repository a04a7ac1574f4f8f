//! The employer's duty to extend a learning contract (학습근로계약 연장) after a failed
//! external evaluation (산업현장 일학습병행 지원에 관한 법률 제22조제3항), and the length of a
//! learning contract (제21조제1항).
//!
//! # Example
//! ```
//! use cqnet_core::extension::{decide, ExtensionRequest};
//! use cqnet_core::rules::RulePack;
//! let request = ExtensionRequest::builder()
//!     .contract_end("2026-08-31".parse().unwrap())
//!     .requested_months(6)
//!     .passed_external(false)
//!     .learner_requested(true)
//!     .build()?;
//! let decision = decide(&request, &RulePack::embedded().newest());
//! assert!(decision.must_extend);
//! assert_eq!(decision.new_end.unwrap().to_string(), "2027-02-28");
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::rules::Rules;
use crate::{InputError, Quantity, Reason, ReasonCode, RulesUsed};

/// A learner's request to extend their contract.
///
/// # Errors
/// [`InputError::OutOfRange`] when `requested_months` or a prior extension is zero or above
/// 120 months, or the contract end is so late that the months cannot be added to it.
///
/// # Example
/// ```
/// use cqnet_core::extension::ExtensionRequest;
/// assert!(ExtensionRequest::new("2026-08-31".parse().unwrap(), vec![], 0, false, true).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ExtensionWire")]
pub struct ExtensionRequest {
    contract_end: NaiveDate,
    prior_extensions_months: Vec<u32>,
    requested_months: u32,
    passed_external: bool,
    learner_requested: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtensionWire {
    contract_end: NaiveDate,
    prior_extensions_months: Vec<u32>,
    requested_months: u32,
    passed_external: bool,
    learner_requested: bool,
}

impl TryFrom<ExtensionWire> for ExtensionRequest {
    type Error = InputError;
    fn try_from(w: ExtensionWire) -> Result<Self, Self::Error> {
        ExtensionRequest::new(
            w.contract_end,
            w.prior_extensions_months,
            w.requested_months,
            w.passed_external,
            w.learner_requested,
        )
    }
}

const MONTHS_LIMIT: u32 = 120;

impl ExtensionRequest {
    /// A builder that names every value, so that the two yes-or-no facts (passed the external
    /// evaluation, requested by the learner) cannot be swapped.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::extension::ExtensionRequest;
    /// let end = "2026-08-31".parse().unwrap();
    /// let request = ExtensionRequest::builder()
    ///     .contract_end(end)
    ///     .prior_extension(6)
    ///     .requested_months(3)
    ///     .passed_external(true)
    ///     .learner_requested(false)
    ///     .build()?;
    /// assert_eq!(request, ExtensionRequest::new(end, vec![6], 3, true, false)?);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn builder() -> ExtensionRequestBuilder {
        ExtensionRequestBuilder::default()
    }

    /// A checked request.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] when there are more than 100 prior extensions, when
    /// `requested_months` or a prior extension is zero or above 120 months, or when the contract
    /// end is so late that the months cannot be added to it.
    ///
    /// # Example
    /// See the [module documentation](self).
    pub fn new(
        contract_end: NaiveDate,
        prior_extensions_months: Vec<u32>,
        requested_months: u32,
        passed_external: bool,
        learner_requested: bool,
    ) -> Result<Self, InputError> {
        // Counted before the months are added up, so that their sum fits a u32.
        if prior_extensions_months.len() > 100 {
            return Err(InputError::out_of_range(
                "prior extensions",
                0,
                100,
                prior_extensions_months.len(),
            ));
        }
        for months in prior_extensions_months.iter().chain([&requested_months]) {
            if !(1..=MONTHS_LIMIT).contains(months) {
                return Err(InputError::out_of_range(
                    "months of an extension",
                    1,
                    MONTHS_LIMIT,
                    months,
                ));
            }
        }
        // The decision adds up to every month asked for; a contract end that cannot take them
        // is not a real date of a contract.
        let all_months: u32 = prior_extensions_months
            .iter()
            .sum::<u32>()
            .saturating_add(requested_months);
        if contract_end
            .checked_add_months(Months::new(all_months))
            .is_none()
        {
            return Err(InputError::out_of_range(
                "contract end",
                NaiveDate::MIN,
                NaiveDate::MAX,
                contract_end,
            ));
        }
        Ok(ExtensionRequest {
            contract_end,
            prior_extensions_months,
            requested_months,
            passed_external,
            learner_requested,
        })
    }
}

/// Builds an [`ExtensionRequest`] with every value named (see [`ExtensionRequest::builder`]).
///
/// # Errors
/// [`ExtensionRequestBuilder::build`] refuses a request without its contract end, requested
/// months, external result or the learner's request ([`InputError::Missing`]), and whatever
/// [`ExtensionRequest::new`] refuses. Prior extensions are none unless given.
///
/// # Example
/// ```
/// use cqnet_core::extension::ExtensionRequest;
/// use cqnet_core::InputError;
/// let unsaid = ExtensionRequest::builder()
///     .contract_end("2026-08-31".parse().unwrap())
///     .requested_months(6)
///     .passed_external(false)
///     .build();
/// assert!(matches!(unsaid, Err(InputError::Missing { what: "whether the learner requested the extension" })));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct ExtensionRequestBuilder {
    contract_end: Option<NaiveDate>,
    prior_extensions_months: Vec<u32>,
    requested_months: Option<u32>,
    passed_external: Option<bool>,
    learner_requested: Option<bool>,
}

impl ExtensionRequestBuilder {
    /// The day the learning contract ends (계약 종료일).
    ///
    /// # Example
    /// See [`ExtensionRequest::builder`].
    pub fn contract_end(mut self, day: NaiveDate) -> Self {
        self.contract_end = Some(day);
        self
    }

    /// One earlier extension of the contract, in months (one call per extension).
    ///
    /// # Example
    /// See [`ExtensionRequest::builder`].
    pub fn prior_extension(mut self, months: u32) -> Self {
        self.prior_extensions_months.push(months);
        self
    }

    /// The months of extension asked for.
    ///
    /// # Example
    /// See [`ExtensionRequest::builder`].
    pub fn requested_months(mut self, months: u32) -> Self {
        self.requested_months = Some(months);
        self
    }

    /// Whether the learner passed the external evaluation (외부평가 합격).
    ///
    /// # Example
    /// See [`ExtensionRequest::builder`].
    pub fn passed_external(mut self, passed: bool) -> Self {
        self.passed_external = Some(passed);
        self
    }

    /// Whether the learner asked for the extension (학습근로자의 요청).
    ///
    /// # Example
    /// See [`ExtensionRequest::builder`].
    pub fn learner_requested(mut self, requested: bool) -> Self {
        self.learner_requested = Some(requested);
        self
    }

    /// The checked request.
    ///
    /// # Errors
    /// [`ExtensionRequestBuilder::build`] refuses a request without its contract end, requested
    /// months, external result or the learner's request ([`InputError::Missing`]), and whatever
    /// [`ExtensionRequest::new`] refuses. Prior extensions are none unless given.
    ///
    /// # Example
    /// See [`ExtensionRequest::builder`].
    pub fn build(self) -> Result<ExtensionRequest, InputError> {
        let missing = |what| InputError::Missing { what };
        ExtensionRequest::new(
            self.contract_end.ok_or(missing("contract end"))?,
            self.prior_extensions_months,
            self.requested_months
                .ok_or(missing("requested months of an extension"))?,
            self.passed_external.ok_or(missing(
                "whether the learner passed the external evaluation",
            ))?,
            self.learner_requested
                .ok_or(missing("whether the learner requested the extension"))?,
        )
    }
}

/// Whether the employer must extend, and to when.
///
/// # Example
/// See the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtensionDecision {
    /// The employer must extend the contract.
    pub must_extend: bool,
    /// The new end: the old end plus the requested calendar months (a day past the month's end
    /// falls back to its last day); `None` when not extended.
    pub new_end: Option<NaiveDate>,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Decides the employer's duty to extend.
///
/// # Example
/// ```
/// use cqnet_core::extension::{decide, ExtensionRequest};
/// use cqnet_core::{rules::RulePack, ReasonCode};
/// let request = ExtensionRequest::new("2026-08-31".parse().unwrap(), vec![6], 7, false, true)?;
/// let decision = decide(&request, &RulePack::embedded().newest());
/// assert_eq!(decision.reasons[0].code, ReasonCode::ExtensionTotalExceeded);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(request: &ExtensionRequest, rules: &Rules) -> ExtensionDecision {
    let ws = &rules.work_study;
    let mut reasons = Vec::new();
    if request.passed_external {
        reasons.push(Reason::new(
            ReasonCode::AlreadyPassed,
            ws.extension_max_count.basis.clone(),
        ));
    }
    if !request.learner_requested {
        reasons.push(Reason::new(
            ReasonCode::NotRequestedByLearner,
            ws.extension_max_count.basis.clone(),
        ));
    }
    let prior_count = request.prior_extensions_months.len() as u64;
    if prior_count >= u64::from(ws.extension_max_count.value) {
        reasons.push(
            Reason::new(
                ReasonCode::ExtensionCountExceeded,
                ws.extension_max_count.basis.clone(),
            )
            .measured(Quantity::Count(prior_count))
            .required(Quantity::Count(u64::from(ws.extension_max_count.value))),
        );
    }
    let total: u32 = request.prior_extensions_months.iter().sum::<u32>() + request.requested_months;
    if total > ws.extension_max_total_months.value {
        reasons.push(
            Reason::new(
                ReasonCode::ExtensionTotalExceeded,
                ws.extension_max_total_months.basis.clone(),
            )
            .measured(Quantity::Months(total))
            .required(Quantity::Months(ws.extension_max_total_months.value)),
        );
    }
    let must_extend = reasons.is_empty();
    let new_end = must_extend
        .then(|| {
            request
                .contract_end
                .checked_add_months(Months::new(request.requested_months))
        })
        .flatten();
    ExtensionDecision {
        must_extend: must_extend && new_end.is_some(),
        new_end,
        reasons,
        rules: RulesUsed::from(rules),
    }
}

/// Whether a learning contract from `start` to `end` (exclusive) fits the longest term for a
/// course that leads to no degree (24 months); a degree course has no such limit.
///
/// # Errors
/// [`InputError::Inconsistent`] when `end` is not after `start`.
///
/// # Example
/// ```
/// use cqnet_core::extension::check_contract_term;
/// use cqnet_core::rules::RulePack;
/// let rules = RulePack::embedded().newest();
/// let d = |s: &str| s.parse().unwrap();
/// assert!(check_contract_term(d("2026-03-01"), d("2028-03-01"), false, &rules)?.is_none());
/// assert!(check_contract_term(d("2026-03-01"), d("2028-03-02"), false, &rules)?.is_some());
/// assert!(check_contract_term(d("2026-03-01"), d("2030-03-02"), true, &rules)?.is_none());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn check_contract_term(
    start: NaiveDate,
    end: NaiveDate,
    degree_course: bool,
    rules: &Rules,
) -> Result<Option<Reason>, InputError> {
    if end <= start {
        return Err(InputError::Inconsistent(format!(
            "a contract must end after it starts: {start} to {end}"
        )));
    }
    let max = &rules.work_study.contract_max_months;
    let latest_end = start
        .checked_add_months(Months::new(max.value))
        .unwrap_or(NaiveDate::MAX);
    if degree_course || end <= latest_end {
        return Ok(None);
    }
    Ok(Some(
        Reason::new(ReasonCode::ContractTooLong, max.basis.clone())
            .measured(Quantity::Date(end))
            .required(Quantity::Date(latest_end)),
    ))
}
