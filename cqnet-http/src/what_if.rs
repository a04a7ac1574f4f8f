//! `POST /v1/what-if` and `GET /v1/what-if/{job_id}`: what a reform would do to a population
//! (제도 변경 모의), run as a job. The body names the population (CSV text of the course-based
//! schema of cqnet-analytics) and the overlays (`pass_average=75`, as the `what_if` example's
//! `--overlay`); the job decides every candidate under the baseline and each overlay
//! (`cqnet_analytics::what_if::what_if_course`) and keeps the counts, the transition matrices
//! overall and per qualification (종목별), and the candidates whose outcome changed with the
//! reason codes that changed.

use chrono::NaiveDate;
use cqnet_analytics::csv::{CsvError, TextEncoding, read_course_population};
use cqnet_analytics::what_if::{
    CourseOverlay, OutcomeClass, OutcomeCounts, Transitions, parse_scenario, what_if_course,
};
use cqnet_analytics::{CompiledCourseRules, ReasonSet};
use cqnet_cases::EvaluateError;
use cqnet_core::rules::RulePack;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use axum::http::StatusCode;

use crate::Problem;
use crate::jobs::Status;
use crate::problem::ProblemJson;

/// The most overlays one what-if takes.
pub(crate) const MAX_OVERLAYS: usize = 16;

/// A what-if to run.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WhatIfBody {
    /// The population: the text of a CSV file of the course-based schema of cqnet-analytics
    /// (`docs/analytics.md`: a header line, then one row per competency unit of a candidate:
    /// `candidate`, `scheduled_hours`, `attended_hours`, `rounds`, and optionally `unit_code`,
    /// `unit_course`, `written`, `practical`, `qualification`).
    #[schema(
        example = "candidate,scheduled_hours,attended_hours,rounds,written,practical,qualification\nc-001,40,40,78,78,78,2290\nc-002,40,36,90,85,88,2290\n"
    )]
    population: String,
    /// The overlays, 1 to 16: each the rule values it replaces as `name=value` pairs separated
    /// by commas (`pass_average`, `round_floor`, `internal_weight`, `external_weight`,
    /// `written_weight`, `practical_weight`, `attendance_minimum`), named by its text.
    #[schema(min_items = 1, max_items = 16, example = json!(["pass_average=75"]))]
    overlays: Vec<String>,
    /// The day whose rules are the baseline (default: the newest rules).
    #[serde(default)]
    #[schema(nullable = false)]
    as_of: Option<NaiveDate>,
}

/// A what-if checked and compiled, ready to run.
pub(crate) struct Prepared {
    population: String,
    baseline: CompiledCourseRules,
    overlays: Vec<CourseOverlay>,
}

/// Checks a what-if before it becomes a job: `422 invalid-field` at `/overlays` (none, more than
/// [`MAX_OVERLAYS`]) or at the overlay that does not read, `422 overlay-refused` at the overlay
/// the pack refuses (weights that no longer add up to 100), `422 rules-not-in-force` at
/// `/as_of`.
pub(crate) fn prepare(pack: &RulePack, body: WhatIfBody) -> Result<Prepared, Problem> {
    if body.overlays.is_empty() || body.overlays.len() > MAX_OVERLAYS {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-field",
            format!(
                "name 1 to {MAX_OVERLAYS} overlays, not {}",
                body.overlays.len()
            ),
        )
        .at("/overlays"));
    }
    let rules = match body.as_of {
        None => pack.newest(),
        Some(date) => pack.rules_at(date).map_err(|e| {
            Problem::from(EvaluateError::NoRulesInForce(format!("as_of {date}: {e}"))).at("/as_of")
        })?,
    };
    let refused = |e: &dyn std::fmt::Display| {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "rules-not-in-force",
            e.to_string(),
        )
        .at("/as_of")
    };
    let baseline = CompiledCourseRules::compile(&rules).map_err(|e| refused(&e))?;
    let overlays = body
        .overlays
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let at = format!("/overlays/{index}");
            let scenario = parse_scenario(text).map_err(|e| Problem::invalid_field(&at, &e))?;
            CourseOverlay::from_scenario(pack, rules.basis, &scenario, text).map_err(|e| {
                Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "overlay-refused",
                    e.to_string(),
                )
                .at(at)
            })
        })
        .collect::<Result<Vec<_>, Problem>>()?;
    Ok(Prepared {
        population: body.population,
        baseline,
        overlays,
    })
}

/// Runs a prepared what-if: its result, or `400 malformed-csv` for a population that cannot be
/// read at all (no header, an unknown, repeated or missing column). Bad rows leave their
/// candidate out and are listed in the result.
pub(crate) fn run(prepared: Prepared) -> Result<WhatIfResult, Problem> {
    let file = read_course_population(prepared.population.as_bytes(), TextEncoding::Utf8).map_err(
        |e: CsvError| Problem::new(StatusCode::BAD_REQUEST, "malformed-csv", e.to_string()),
    )?;
    let result = what_if_course(&file.population, &prepared.baseline, &prepared.overlays);
    let named = file.qualifications.iter().any(Option::is_some);
    let overlays = result
        .overlays
        .iter()
        .enumerate()
        .map(|(index, overlay)| {
            let by_qualification = if named {
                result
                    .transitions_by(index, &file.qualifications)
                    .ok()
                    .flatten()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(qualification, transitions)| Group {
                        qualification,
                        transitions: transitions.into(),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            OverlayAnswer {
                name: overlay.name.clone(),
                pack: overlay.pack.to_string(),
                counts: overlay.counts.into(),
                transitions: overlay.transitions.into(),
                by_qualification,
                changes: overlay
                    .changes
                    .iter()
                    .map(|change| ChangeAnswer {
                        candidate: file
                            .candidate_ids
                            .get(change.candidate)
                            .cloned()
                            .unwrap_or_default(),
                        line: file.first_lines.get(change.candidate).copied().unwrap_or(0),
                        from: OutcomeClass::of(change.baseline).code(),
                        to: OutcomeClass::of(change.overlay).code(),
                        failing_now: codes(change.added),
                        failing_no_more: codes(change.removed),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(WhatIfResult {
        candidates: result.baseline.candidates,
        left_out: file
            .issues
            .iter()
            .map(|issue| LeftOut {
                line: issue.line,
                candidate: issue.candidate.clone(),
                column: issue.column.map(|c| c.name()),
                detail: issue.error.to_string(),
            })
            .collect(),
        baseline: Baseline {
            pack: result.baseline_pack.to_string(),
            counts: result.baseline.into(),
        },
        overlays,
    })
}

fn codes(set: ReasonSet) -> Vec<&'static str> {
    set.codes().map(|code| code.as_str()).collect()
}

/// What a what-if found.
#[derive(Serialize, ToSchema)]
pub(crate) struct WhatIfResult {
    /// The candidates decided (those of the population read whole).
    candidates: u64,
    /// The bad rows, whose candidates were left out: a missing fact never allows.
    left_out: Vec<LeftOut>,
    /// The rules in force, and their counts.
    baseline: Baseline,
    /// One result per overlay, in the order given.
    overlays: Vec<OverlayAnswer>,
}

/// A bad row of the population.
#[derive(Serialize, ToSchema)]
struct LeftOut {
    /// The row's line in the CSV text, from 1 (the header is line 1).
    line: u64,
    /// The candidate the row names, if it names a valid one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    candidate: Option<String>,
    /// The column to blame, if one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    column: Option<&'static str>,
    /// What is wrong.
    detail: String,
}

/// The baseline: the rules in force.
#[derive(Serialize, ToSchema)]
struct Baseline {
    /// The pack's full id.
    pack: String,
    /// The counts under it.
    counts: Counts,
}

/// How many candidates completed (이수), may sit the external evaluation (외부평가 응시자격)
/// and passed (합격), of how many.
#[derive(Serialize, ToSchema)]
struct Counts {
    /// Every candidate decided.
    candidates: u64,
    /// Those who completed the course.
    completed: u64,
    /// Those eligible for the external evaluation.
    eligible: u64,
    /// Those who passed.
    passed: u64,
}

impl From<OutcomeCounts> for Counts {
    fn from(c: OutcomeCounts) -> Self {
        Counts {
            candidates: c.candidates,
            completed: c.completed,
            eligible: c.eligible,
            passed: c.passed,
        }
    }
}

/// The transition matrix: per baseline class (a member), how many went to each class under the
/// overlay.
#[derive(Serialize, ToSchema)]
struct Matrix {
    /// From 미이수 (did not complete).
    not_completed: MatrixRow,
    /// From completed, the external evaluation not taken yet.
    pending: MatrixRow,
    /// From 합격 (passed).
    passed: MatrixRow,
    /// From 불합격 (failed).
    failed: MatrixRow,
}

/// How many of one baseline class went to each class under the overlay.
#[derive(Serialize, ToSchema)]
struct MatrixRow {
    /// To 미이수.
    not_completed: u64,
    /// To pending.
    pending: u64,
    /// To 합격.
    passed: u64,
    /// To 불합격.
    failed: u64,
}

impl From<Transitions> for Matrix {
    fn from(t: Transitions) -> Self {
        let row = |from| MatrixRow {
            not_completed: t.count(from, OutcomeClass::NotCompleted),
            pending: t.count(from, OutcomeClass::Pending),
            passed: t.count(from, OutcomeClass::Passed),
            failed: t.count(from, OutcomeClass::Failed),
        };
        Matrix {
            not_completed: row(OutcomeClass::NotCompleted),
            pending: row(OutcomeClass::Pending),
            passed: row(OutcomeClass::Passed),
            failed: row(OutcomeClass::Failed),
        }
    }
}

/// The result of one overlay.
#[derive(Serialize, ToSchema)]
struct OverlayAnswer {
    /// The overlay's text, as given.
    name: String,
    /// The pack its rules come from, with the overlay.
    pack: String,
    /// The counts under the overlay.
    counts: Counts,
    /// Baseline class × overlay class, over the whole population.
    transitions: Matrix,
    /// The same per qualification (종목), when the population names any
    /// (`qualification` column); candidates without one are under `null`.
    by_qualification: Vec<Group>,
    /// The candidates whose outcome changed, in the population's order.
    changes: Vec<ChangeAnswer>,
}

/// The transitions of one qualification's candidates.
#[derive(Serialize, ToSchema)]
struct Group {
    /// The qualification, as the population names it; `null` for candidates without one.
    qualification: Option<String>,
    /// Its transition matrix.
    transitions: Matrix,
}

/// A candidate whose outcome changed under an overlay.
#[derive(Serialize, ToSchema)]
struct ChangeAnswer {
    /// The candidate's id.
    candidate: String,
    /// The line of its first row.
    line: u64,
    /// Its class under the baseline: `not_completed`, `pending`, `passed`, `failed`.
    #[schema(value_type = crate::openapi::schemas::OutcomeClassName)]
    from: &'static str,
    /// Its class under the overlay.
    #[schema(value_type = crate::openapi::schemas::OutcomeClassName)]
    to: &'static str,
    /// The reason codes failing under the overlay that did not under the baseline.
    failing_now: Vec<&'static str>,
    /// The reason codes failing under the baseline that no longer do.
    failing_no_more: Vec<&'static str>,
}

/// Where a what-if job stands, as `POST /v1/what-if` and `GET /v1/what-if/{job_id}` answer it.
#[derive(Serialize, ToSchema)]
pub(crate) struct JobAnswer<'a> {
    /// The job's id.
    id: Uuid,
    /// `running`, `done` (with `result`) or `failed` (with `problem`).
    #[schema(value_type = crate::openapi::schemas::JobStatusName)]
    status: &'static str,
    /// What the what-if found, once done.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    result: Option<&'a WhatIfResult>,
    /// Why it failed, as a problem document, once failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, value_type = Option<crate::problem::ProblemJson<'static>>)]
    problem: Option<ProblemJson<'a>>,
}

impl<'a> JobAnswer<'a> {
    /// The answer of job `id` at `status`.
    pub(crate) fn of(id: Uuid, status: &'a Status<WhatIfResult>) -> Self {
        let (status, result, problem) = match status {
            Status::Running => ("running", None, None),
            Status::Finished(outcome) => match outcome.as_ref() {
                Ok(result) => ("done", Some(result), None),
                Err(problem) => ("failed", None, Some(problem.json())),
            },
        };
        JobAnswer {
            id,
            status,
            result,
            problem,
        }
    }
}
