//! What-if simulation (제도 변경 모의): a population of 과정평가형 trainees decided under the rules
//! in force and again under a scenario that replaces some rule values.
//!
//! The scenario becomes a rule-pack overlay ([`RulePack::with_overlay`]), so it is validated
//! like any pack (weights that no longer add up to 100 are refused) and every decision under it
//! names the overlay in its [`RulesUsed`]. Values a record's own [`ExamStandard`] carries
//! (weights and pass mark) are replaced there too. Records are decided one by one.
//!
//! # Example
//! ```
//! use cqnet_core::course_based::{ExternalScores, TraineeRecord, UnitRecord};
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::what_if::{decide, Population, PopulationRecord, Scenario};
//! use cqnet_core::{Hours, Score};
//!
//! let s = |n: u32| Score::new(n.into()).unwrap();
//! let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![Some(s(80))])?;
//! let record = TraineeRecord::new(vec![unit])?.with_external(ExternalScores::new(s(80), s(80)));
//! let population = Population::new(vec![PopulationRecord::new("c-001", record, None)?])?;
//! let scenario = Scenario { pass_average: Some(s(85)), ..Scenario::default() };
//! let pack = RulePack::embedded();
//! let outcome = decide(&population, pack, pack.newest().basis, &scenario, "pass-85")?;
//! assert_eq!((outcome.baseline.passed, outcome.scenario.passed), (1, 0));
//! assert_eq!(outcome.newly_failing, vec!["c-001"]);
//! assert_eq!(outcome.scenario_rules.pack.overlays, vec!["pass-85"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Serialize;
use thiserror::Error;

use crate::course_based::{self, TraineeRecord};
use crate::rules::{RuleDate, RulePack, RulePackError};
use crate::{ExamStandard, InputError, Percent, RulesUsed, Score};

/// The rule values a scenario replaces; `None` keeps the value in force.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::what_if::Scenario;
/// use cqnet_core::Percent;
/// let scenario = Scenario { attendance_minimum: Some(Percent::new(80.into())?), ..Scenario::default() };
/// let pack = scenario.apply(RulePack::embedded(), "attendance-80")?;
/// assert_eq!(pack.newest().course_based.attendance_min_percent.value.to_string(), "80");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Scenario {
    /// `course_based.pass_average`.
    pub pass_average: Option<Score>,
    /// `course_based.internal_weight`.
    pub internal_weight: Option<Percent>,
    /// `course_based.external_weight`.
    pub external_weight: Option<Percent>,
    /// `course_based.written_weight`.
    pub written_weight: Option<Percent>,
    /// `course_based.practical_weight`.
    pub practical_weight: Option<Percent>,
    /// `course_based.attendance_min_percent`.
    pub attendance_minimum: Option<Percent>,
    /// `course_based.internal_round_floor`.
    pub round_floor: Option<Score>,
}

impl Scenario {
    /// The named values as (parameter path, value) pairs.
    fn replaced(&self) -> Vec<(&'static str, String)> {
        let text = |v: Option<String>, path| v.map(|v| (path, v));
        [
            text(
                self.pass_average.map(|v| v.to_string()),
                "course_based.pass_average",
            ),
            text(
                self.internal_weight.map(|v| v.to_string()),
                "course_based.internal_weight",
            ),
            text(
                self.external_weight.map(|v| v.to_string()),
                "course_based.external_weight",
            ),
            text(
                self.written_weight.map(|v| v.to_string()),
                "course_based.written_weight",
            ),
            text(
                self.practical_weight.map(|v| v.to_string()),
                "course_based.practical_weight",
            ),
            text(
                self.attendance_minimum.map(|v| v.to_string()),
                "course_based.attendance_min_percent",
            ),
            text(
                self.round_floor.map(|v| v.to_string()),
                "course_based.internal_round_floor",
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The scenario as overlay TOML for `pack`: each named parameter gets one value, in force
    /// from the parameter's first date, marked as an assumption of this scenario.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::what_if::Scenario;
    /// use cqnet_core::Score;
    /// let scenario = Scenario { pass_average: Some(Score::new(75.into())?), ..Scenario::default() };
    /// let toml = scenario.overlay_toml(RulePack::embedded(), "pass-75");
    /// assert!(toml.contains("[course_based.pass_average]"));
    /// assert!(toml.contains("value = \"75\""));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn overlay_toml(&self, pack: &RulePack, name: &str) -> String {
        let quoted = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let parameters = pack.parameters();
        let mut out = format!("[overlay]\nname = {}\n", quoted(name));
        for (path, value) in self.replaced() {
            let Some(since) = parameters
                .iter()
                .find(|p| p.path == path)
                .and_then(|p| p.rows.first())
                .map(|row| row.since)
            else {
                continue;
            };
            let _ = write!(
                out,
                "\n[{path}]\ndescription = {}\n[[{path}.values]]\nsince = \"{since}\"\nvalue = {}\nreference = {}\nprovenance = \"assumption\"\nlast_checked = \"{checked}\"\n",
                quoted(&format!("what-if scenario {name}")),
                quoted(&value),
                quoted(&format!("what-if scenario {name}: not a rule in force")),
                // A scenario is checked when it is written: as of the pack it overlays.
                checked = pack.date(),
            );
        }
        out
    }

    /// `pack` with the scenario's values.
    ///
    /// # Errors
    /// As [`RulePack::with_overlay`]: a scenario whose values do not fit together (weights
    /// not adding up to 100, an unreachable pass mark) is refused.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::what_if::Scenario;
    /// use cqnet_core::Percent;
    /// let lopsided = Scenario { internal_weight: Some(Percent::new(60.into())?), ..Scenario::default() };
    /// assert!(lopsided.apply(RulePack::embedded(), "internal-60").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn apply(&self, pack: &RulePack, name: &str) -> Result<RulePack, RulePackError> {
        pack.with_overlay(&self.overlay_toml(pack, name))
    }

    /// `standard` with the scenario's weights and pass mark.
    ///
    /// # Errors
    /// [`InputError`] when the replaced weights no longer add up to 100.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// use cqnet_core::what_if::Scenario;
    /// use cqnet_core::{ExamStandard, Score};
    /// let base = ExamStandard::from_rules(&RulePack::embedded().newest());
    /// let scenario = Scenario { pass_average: Some(Score::new(85.into())?), ..Scenario::default() };
    /// assert_eq!(scenario.standard(&base)?.pass_average().to_string(), "85");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn standard(&self, standard: &ExamStandard) -> Result<ExamStandard, InputError> {
        let [internal, external, written, practical] = standard.weights();
        ExamStandard::new(
            self.internal_weight.unwrap_or(internal),
            self.external_weight.unwrap_or(external),
            self.pass_average.unwrap_or(standard.pass_average()),
            self.written_weight.unwrap_or(written),
            self.practical_weight.unwrap_or(practical),
            standard.aggregation(),
        )
    }
}

/// One trainee of the population: an id, the record, and the record's own exam standard
/// (`None`: the pack's).
///
/// # Errors
/// [`InputError::Empty`] for an empty id; [`InputError::HiddenCharacter`] for one holding a
/// control, bidirectional or zero-width character.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
/// use cqnet_core::what_if::PopulationRecord;
/// use cqnet_core::Hours;
/// let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![])?;
/// assert!(PopulationRecord::new("", TraineeRecord::new(vec![unit])?, None).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PopulationRecord {
    id: String,
    record: TraineeRecord,
    exam: Option<ExamStandard>,
}

impl PopulationRecord {
    /// A checked record.
    ///
    /// # Errors
    /// [`InputError::Empty`] for an empty id; [`InputError::HiddenCharacter`] for one holding a
    /// control, bidirectional or zero-width character.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
    /// use cqnet_core::what_if::PopulationRecord;
    /// use cqnet_core::Hours;
    /// let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![])?;
    /// assert!(PopulationRecord::new("c-001", TraineeRecord::new(vec![unit])?, None).is_ok());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        id: impl Into<String>,
        record: TraineeRecord,
        exam: Option<ExamStandard>,
    ) -> Result<Self, InputError> {
        let id = id.into();
        if id.trim().is_empty() {
            return Err(InputError::Empty { what: "record id" });
        }
        crate::text::check_visible("record id", &id)?;
        Ok(PopulationRecord { id, record, exam })
    }
}

/// A non-empty population with unique ids.
///
/// # Errors
/// [`InputError::Empty`] without records; [`InputError::Duplicate`] for an id given twice.
///
/// # Example
/// ```
/// use cqnet_core::what_if::Population;
/// assert!(Population::new(vec![]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Population(Vec<PopulationRecord>);

impl Population {
    /// A checked population.
    ///
    /// # Errors
    /// [`InputError::Empty`] without records; [`InputError::Duplicate`] for an id given twice.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
    /// use cqnet_core::what_if::{Population, PopulationRecord};
    /// use cqnet_core::Hours;
    /// let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![])?;
    /// let record = PopulationRecord::new("c-001", TraineeRecord::new(vec![unit])?, None)?;
    /// assert!(Population::new(vec![record.clone(), record]).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(records: Vec<PopulationRecord>) -> Result<Self, InputError> {
        if records.is_empty() {
            return Err(InputError::Empty { what: "population" });
        }
        let mut seen = BTreeSet::new();
        if let Some(dup) = records.iter().find(|r| !seen.insert(r.id.as_str())) {
            return Err(InputError::Duplicate {
                what: "record id",
                key: InputError::quoted(&dup.id),
            });
        }
        Ok(Population(records))
    }
}

/// Why a scenario could not be simulated.
///
/// # Example
/// ```
/// use cqnet_core::what_if::WhatIfError;
/// use cqnet_core::InputError;
/// let e = WhatIfError::Record { id: "c-001".into(), error: InputError::Empty { what: "x" } };
/// assert!(e.to_string().contains("c-001"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum WhatIfError {
    /// The scenario's values do not make a valid pack.
    #[error("the scenario is not a valid overlay: {0}")]
    Scenario(#[from] RulePackError),
    /// A record's own exam standard does not fit the scenario.
    #[error("record {id}: {error}")]
    Record {
        /// The record's id.
        id: String,
        /// What is wrong.
        error: InputError,
    },
}

/// How many records completed and passed under one set of rules.
///
/// # Example
/// ```
/// use cqnet_core::what_if::Tally;
/// let t = Tally::default();
/// assert_eq!((t.completed, t.passed), (0, 0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    /// Records that completed (이수).
    pub completed: u64,
    /// Records whose `passed` is `Some(true)`.
    pub passed: u64,
}

/// One record under both sets of rules.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::what_if::{decide, Population, PopulationRecord, Scenario};
/// use cqnet_core::{Hours, Score};
/// let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![Some(Score::MAX)])?;
/// // No external evaluation yet: `passed` is `None` under both.
/// let population = Population::new(vec![PopulationRecord::new("c-001", TraineeRecord::new(vec![unit])?, None)?])?;
/// let pack = RulePack::embedded();
/// let d = decide(&population, pack, pack.newest().basis, &Scenario::default(), "same")?;
/// assert_eq!((d.records[0].baseline_passed, d.records[0].scenario_passed), (None, None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RecordOutcome {
    /// The record's id.
    pub id: String,
    /// `passed` under the rules in force.
    pub baseline_passed: Option<bool>,
    /// `passed` under the scenario.
    pub scenario_passed: Option<bool>,
}

/// The population under the rules in force and under the scenario.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::what_if::{decide, Population, PopulationRecord, Scenario};
/// use cqnet_core::{Hours, Percent, Score};
/// // 30 of 40 hours: complete at 75%, not at 80%.
/// let unit = UnitRecord::new(None, Hours::whole(40)?, Hours::whole(30)?, vec![Some(Score::MAX)])?;
/// let population = Population::new(vec![PopulationRecord::new("c-001", TraineeRecord::new(vec![unit])?, None)?])?;
/// let stricter = Scenario { attendance_minimum: Some(Percent::new(80.into())?), ..Scenario::default() };
/// let pack = RulePack::embedded();
/// let d = decide(&population, pack, pack.newest().basis, &stricter, "attendance-80")?;
/// assert_eq!((d.baseline.completed, d.scenario.completed), (1, 0));
/// assert!(d.newly_failing.is_empty()); // it had not passed: no external evaluation yet
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct WhatIfDecision {
    /// Under the rules in force.
    pub baseline: Tally,
    /// Under the scenario.
    pub scenario: Tally,
    /// Ids whose `passed` turned `Some(true)`, in population order.
    pub newly_passing: Vec<String>,
    /// Ids whose `passed` turned from `Some(true)` to anything else, in population order.
    pub newly_failing: Vec<String>,
    /// Every record, in population order.
    pub records: Vec<RecordOutcome>,
    /// The rules in force.
    pub baseline_rules: RulesUsed,
    /// The scenario's rules (the pack with the overlay named `name`).
    pub scenario_rules: RulesUsed,
}

/// Decides every record of `population` under `pack`'s rules for `basis` and under
/// `scenario`, applied as an overlay named `name`.
///
/// # Errors
/// [`WhatIfError::Scenario`] when the scenario does not make a valid pack or the pack has no
/// values for `basis`; [`WhatIfError::Record`] when a record's own exam standard no longer adds
/// up under the scenario.
///
/// # Example
/// ```
/// use cqnet_core::course_based::{TraineeRecord, UnitRecord};
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::what_if::{decide, Population, PopulationRecord, Scenario, WhatIfError};
/// use cqnet_core::{Hours, Percent};
/// let unit = UnitRecord::new(None, Hours::whole(10)?, Hours::whole(10)?, vec![])?;
/// let population = Population::new(vec![PopulationRecord::new("c-001", TraineeRecord::new(vec![unit])?, None)?])?;
/// let lopsided = Scenario { written_weight: Some(Percent::new(50.into())?), ..Scenario::default() };
/// let pack = RulePack::embedded();
/// let refused = decide(&population, pack, pack.newest().basis, &lopsided, "written-50");
/// assert!(matches!(refused, Err(WhatIfError::Scenario(_))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide(
    population: &Population,
    pack: &RulePack,
    basis: RuleDate,
    scenario: &Scenario,
    name: &str,
) -> Result<WhatIfDecision, WhatIfError> {
    let baseline_rules = pack.rules_for(basis)?;
    let scenario_rules = scenario.apply(pack, name)?.rules_for(basis)?;
    let mut decision = WhatIfDecision {
        baseline: Tally::default(),
        scenario: Tally::default(),
        newly_passing: Vec::new(),
        newly_failing: Vec::new(),
        records: Vec::new(),
        baseline_rules: RulesUsed::from(&baseline_rules),
        scenario_rules: RulesUsed::from(&scenario_rules),
    };
    for r in &population.0 {
        let (baseline_exam, scenario_exam) = match &r.exam {
            None => (
                ExamStandard::from_rules(&baseline_rules),
                ExamStandard::from_rules(&scenario_rules),
            ),
            Some(own) => (
                own.clone(),
                scenario
                    .standard(own)
                    .map_err(|error| WhatIfError::Record {
                        id: r.id.clone(),
                        error,
                    })?,
            ),
        };
        let before = course_based::decide(&r.record, &baseline_exam, &baseline_rules);
        let after = course_based::decide(&r.record, &scenario_exam, &scenario_rules);
        for (tally, d) in [
            (&mut decision.baseline, &before),
            (&mut decision.scenario, &after),
        ] {
            tally.completed += u64::from(d.completed);
            tally.passed += u64::from(d.passed == Some(true));
        }
        if before.passed != Some(true) && after.passed == Some(true) {
            decision.newly_passing.push(r.id.clone());
        }
        if before.passed == Some(true) && after.passed != Some(true) {
            decision.newly_failing.push(r.id.clone());
        }
        decision.records.push(RecordOutcome {
            id: r.id.clone(),
            baseline_passed: before.passed,
            scenario_passed: after.passed,
        });
    }
    Ok(decision)
}
