//! The work-study track (일학습병행): overlays of the three percentages its decision reads, the
//! counts and the one pass.

use std::fmt::Write as _;

use cqnet_core::Percent;
use cqnet_core::rules::{RuleDate, RulePack, RulePackError};

use super::text::{ScenarioTextError, parse_pairs, replace, short};
use super::{BulkOutcome, OutcomeClass, WhatIf, one_pass, sealed};
use crate::work_study::decide_one;
use crate::{CompileError, CompiledWorkStudyRules, WorkStudyOutcome, WorkStudyPopulation};

/// The work-study rule values a scenario replaces; `None` keeps the value in force. The
/// core's [`Scenario`](cqnet_core::what_if::Scenario) names course-based values only; this is
/// its counterpart for the pack's `work_study` section.
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::WorkStudyScenario;
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::Percent;
/// let scenario = WorkStudyScenario { internal_unit_pass_percent: Some(Percent::new(60.into())?), ..WorkStudyScenario::default() };
/// let pack = scenario.apply(RulePack::embedded(), "internal-60")?;
/// assert_eq!(pack.newest().work_study.internal_unit_pass_percent.value.to_string(), "60");
/// assert_eq!(pack.id().overlays, ["internal-60"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WorkStudyScenario {
    /// `work_study.attendance_min_percent`: attendance over OJT and Off-JT together (출석률)
    /// the completion certificate (이수증명서) needs.
    pub attendance_min_percent: Option<Percent>,
    /// `work_study.internal_unit_pass_percent`: the share of internal units (내부평가
    /// 능력단위) passed that passes the internal evaluation.
    pub internal_unit_pass_percent: Option<Percent>,
    /// `work_study.external_unit_pass_percent`: the share of external units (외부평가
    /// 능력단위) passed that passes the external evaluation (합격).
    pub external_unit_pass_percent: Option<Percent>,
}

impl WorkStudyScenario {
    /// The named values as (parameter path, value) pairs.
    fn replaced(&self) -> Vec<(&'static str, Percent)> {
        [
            (
                "work_study.attendance_min_percent",
                self.attendance_min_percent,
            ),
            (
                "work_study.internal_unit_pass_percent",
                self.internal_unit_pass_percent,
            ),
            (
                "work_study.external_unit_pass_percent",
                self.external_unit_pass_percent,
            ),
        ]
        .into_iter()
        .filter_map(|(path, value)| value.map(|v| (path, v)))
        .collect()
    }

    /// The scenario as overlay TOML for `pack`, as the core writes a course-based scenario:
    /// each named parameter gets one value, in force from the parameter's first date, marked
    /// as an assumption of this scenario.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::what_if::WorkStudyScenario;
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::Percent;
    /// let scenario = WorkStudyScenario { attendance_min_percent: Some(Percent::new(90.into())?), ..WorkStudyScenario::default() };
    /// let toml = scenario.overlay_toml(RulePack::embedded(), "attendance-90");
    /// assert!(toml.contains("[work_study.attendance_min_percent]"));
    /// assert!(toml.contains("value = \"90\""));
    /// assert!(!toml.contains("internal_unit_pass_percent"));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn overlay_toml(&self, pack: &RulePack, name: &str) -> String {
        let parameters = pack.parameters();
        let mut out = format!("[overlay]\nname = {}\n", quoted(name));
        for (path, value) in self.replaced() {
            // A parameter the pack lacks is written all the same, from the pack's date: the
            // pack then refuses the overlay, rather than the scenario being dropped.
            let since = parameters
                .iter()
                .find(|p| p.path == path)
                .and_then(|p| p.rows.first())
                .map_or(pack.date(), |row| row.since);
            let _ = write!(
                out,
                "\n[{path}]\ndescription = {}\n[[{path}.values]]\nsince = \"{since}\"\nvalue = {}\nreference = {}\nprovenance = \"assumption\"\nlast_checked = \"{checked}\"\n",
                quoted(&format!("what-if scenario {name}")),
                quoted(&value.to_string()),
                quoted(&format!("what-if scenario {name}: not a rule in force")),
                // A scenario is checked when it is written: as of the pack it overlays.
                checked = pack.date(),
            );
        }
        out
    }

    /// `pack` with the scenario's values, validated as any overlay is.
    ///
    /// # Errors
    /// As [`RulePack::with_overlay`]: a minimum of 0 (which would let everyone through), an
    /// empty name or a name an overlay of the pack has already is refused.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::what_if::WorkStudyScenario;
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::Percent;
    /// let nobody_checked = WorkStudyScenario { attendance_min_percent: Some(Percent::new(0.into())?), ..WorkStudyScenario::default() };
    /// assert!(nobody_checked.apply(RulePack::embedded(), "attendance-0").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn apply(&self, pack: &RulePack, name: &str) -> Result<RulePack, RulePackError> {
        pack.with_overlay(&self.overlay_toml(pack, name))
    }
}

/// `text` as a TOML basic string: quotes, backslashes and control characters escaped.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How many learners passed the internal evaluation (내부평가), received the completion
/// certificate (이수증명서, which opens the external evaluation) and passed (합격), of how
/// many.
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::WorkStudyCounts;
/// use cqnet_analytics::WorkStudyOutcome;
/// let mut counts = WorkStudyCounts::default();
/// counts.add(WorkStudyOutcome::new(true, true, Some(true)));
/// counts.add(WorkStudyOutcome::new(true, false, Some(false)));
/// assert_eq!((counts.candidates, counts.internal_passed, counts.certified, counts.passed), (2, 2, 1, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WorkStudyCounts {
    /// Every learner decided.
    pub candidates: u64,
    /// Those who passed the internal evaluation.
    pub internal_passed: u64,
    /// Those with the completion certificate, so eligible for the external evaluation.
    pub certified: u64,
    /// Those who passed.
    pub passed: u64,
}

impl WorkStudyCounts {
    /// Counts one more learner.
    ///
    /// # Example
    /// See [`WorkStudyCounts`].
    pub fn add(&mut self, outcome: WorkStudyOutcome) {
        self.candidates += 1;
        self.internal_passed += u64::from(outcome.internal_passed());
        self.certified += u64::from(outcome.completion_certificate());
        self.passed += u64::from(outcome.passed() == Some(true));
    }
}

impl sealed::Sealed for WorkStudyOutcome {}

impl BulkOutcome for WorkStudyOutcome {
    type Counts = WorkStudyCounts;

    fn class(self) -> OutcomeClass {
        OutcomeClass::of_work_study(self)
    }

    fn count(self, counts: &mut WorkStudyCounts) {
        counts.add(self);
    }
}

/// Work-study rules to decide the population under besides the baseline, with the name the
/// results carry.
///
/// # Example
/// See [`what_if_work_study`].
#[derive(Debug, Clone)]
pub struct WorkStudyOverlay {
    name: String,
    rules: CompiledWorkStudyRules,
}

impl WorkStudyOverlay {
    /// Compiled rules under a name.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::what_if::WorkStudyOverlay;
    /// use cqnet_analytics::CompiledWorkStudyRules;
    /// use cqnet_core::rules::RulePack;
    /// let overlay = WorkStudyOverlay::new("as-in-force", CompiledWorkStudyRules::compile(&RulePack::embedded().newest())?);
    /// assert_eq!(overlay.name(), "as-in-force");
    /// assert_eq!(overlay.rules().rules().pack.name, "cqnet-default");
    /// # Ok::<(), cqnet_analytics::CompileError>(())
    /// ```
    pub fn new(name: impl Into<String>, rules: CompiledWorkStudyRules) -> Self {
        WorkStudyOverlay {
            name: name.into(),
            rules,
        }
    }

    /// The rules `pack` has in force for `basis` with the values `scenario` replaces, as an
    /// overlay named `name`.
    ///
    /// # Errors
    /// [`CompileError::Pack`] when the overlay is refused (a minimum of 0, a name an overlay
    /// of the pack has already, …) or the pack has no values for `basis`; as
    /// [`CompiledWorkStudyRules::compile`] otherwise.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::what_if::{parse_work_study_scenario, WorkStudyOverlay};
    /// use cqnet_analytics::CompileError;
    /// use cqnet_core::rules::RulePack;
    /// let pack = RulePack::embedded();
    /// let basis = pack.newest().basis;
    /// let zero = parse_work_study_scenario("external_unit_pass_percent=0")?;
    /// assert!(matches!(WorkStudyOverlay::from_scenario(pack, basis, &zero, "ext-0"), Err(CompileError::Pack(_))));
    /// let lower = parse_work_study_scenario("external_unit_pass_percent=60.5")?;
    /// let overlay = WorkStudyOverlay::from_scenario(pack, basis, &lower, "ext-60.5")?;
    /// assert_eq!(overlay.rules().rules().work_study.external_unit_pass_percent.value.to_string(), "60.5");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_scenario(
        pack: &RulePack,
        basis: RuleDate,
        scenario: &WorkStudyScenario,
        name: &str,
    ) -> Result<Self, CompileError> {
        let overlaid = scenario.apply(pack, name)?;
        Ok(WorkStudyOverlay::new(
            name,
            CompiledWorkStudyRules::from_pack(&overlaid, basis)?,
        ))
    }

    /// The overlay's name.
    ///
    /// # Example
    /// See [`WorkStudyOverlay::new`].
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The compiled rules.
    ///
    /// # Example
    /// See [`WorkStudyOverlay::new`].
    pub fn rules(&self) -> &CompiledWorkStudyRules {
        &self.rules
    }
}

/// Decides every learner of `population` under `baseline` and under each of `overlays`, in
/// one pass over the learners, on the calling thread: the counts, the transition matrices
/// (the class of a learner without the completion certificate is not completed), and the
/// learners whose outcome changed with the reason codes the overlay adds and takes away.
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::{parse_work_study_scenario, what_if_work_study, OutcomeClass, WorkStudyOverlay};
/// use cqnet_analytics::{CompiledWorkStudyRules, WorkStudyPopulation};
/// use cqnet_core::work_study::{LearnerRecord, TrainingHours, UnitResult};
/// use cqnet_core::{rules::RulePack, Hours, ReasonCode};
///
/// let units = |passed: usize, total: usize| (0..total).map(|i| UnitResult::new(None, i < passed)).collect::<Vec<_>>();
/// let hours = TrainingHours::new(Hours::whole(100)?, Hours::whole(90)?)?;
/// let records = [
///     LearnerRecord::new(hours, TrainingHours::NONE, units(6, 10))?.with_external(units(8, 10))?,
///     LearnerRecord::new(hours, TrainingHours::NONE, units(9, 10))?.with_external(units(9, 10))?,
/// ];
/// let population = WorkStudyPopulation::from_records(&records)?;
/// let pack = RulePack::embedded();
/// let basis = pack.newest().basis;
/// let baseline = CompiledWorkStudyRules::from_pack(pack, basis)?;
/// let lower = parse_work_study_scenario("internal_unit_pass_percent=60")?;
/// let overlay = WorkStudyOverlay::from_scenario(pack, basis, &lower, "internal-60")?;
///
/// let result = what_if_work_study(&population, &baseline, &[overlay]);
/// assert_eq!((result.baseline.passed, result.overlays[0].counts.passed), (1, 2));
/// assert_eq!(result.overlays[0].transitions.count(OutcomeClass::NotCompleted, OutcomeClass::Passed), 1);
/// let change = result.overlays[0].changes[0];
/// assert_eq!(change.candidate, 0);
/// assert!(change.removed.contains(ReasonCode::InternalUnitPassRatioBelowMinimum));
/// assert_eq!(result.overlays[0].pack.overlays, ["internal-60"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn what_if_work_study(
    population: &WorkStudyPopulation,
    baseline: &CompiledWorkStudyRules,
    overlays: &[WorkStudyOverlay],
) -> WhatIf<WorkStudyOutcome> {
    let named: Vec<_> = overlays
        .iter()
        .map(|o| (o.name.as_str(), &o.rules.rules().pack, &o.rules))
        .collect();
    one_pass(
        population.learners(),
        (&baseline.rules().pack, baseline),
        &named,
        |rules, learner| decide_one(population, rules, learner),
    )
}

/// A [`WorkStudyScenario`] from `name=value` pairs separated by commas, as a command line or a
/// query string gives them: `attendance_min_percent`, `internal_unit_pass_percent`,
/// `external_unit_pass_percent` (the pack's names in its `work_study` section), each a percent
/// from 0 to 100 written exactly.
///
/// # Errors
/// [`ScenarioTextError`] for a part that is not `name=value`, an unknown name, a value out of
/// range or not exact, a name given twice, or nothing at all.
///
/// # Example
/// ```
/// use cqnet_analytics::what_if::parse_work_study_scenario;
/// use cqnet_core::Percent;
/// let scenario = parse_work_study_scenario("internal_unit_pass_percent=60, attendance_min_percent=85.5")?;
/// assert_eq!(scenario.internal_unit_pass_percent, Some(Percent::new(60.into())?));
/// assert_eq!(scenario.attendance_min_percent, Some(Percent::new("85.5".parse()?)?));
/// assert_eq!(scenario.external_unit_pass_percent, None);
/// assert!(parse_work_study_scenario("external_unit_pass_percent=101").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_work_study_scenario(text: &str) -> Result<WorkStudyScenario, ScenarioTextError> {
    parse_pairs(text, |scenario: &mut WorkStudyScenario, name, value| {
        Ok(match name {
            "attendance_min_percent" => {
                replace(&mut scenario.attendance_min_percent, value.percent()?)
            }
            "internal_unit_pass_percent" => {
                replace(&mut scenario.internal_unit_pass_percent, value.percent()?)
            }
            "external_unit_pass_percent" => {
                replace(&mut scenario.external_unit_pass_percent, value.percent()?)
            }
            other => return Err(ScenarioTextError::UnknownWorkStudyParameter(short(other))),
        })
    })
}
