//! The funnel's records (`StatRecord`) of a population file decided in bulk: what the file
//! says of each candidate (the statistics year, grade, qualification, institution type,
//! gender, job field, application and certificate) with the stage the decision and the file's
//! scores show.

use cqnet_core::InputError;
use cqnet_core::statistics::{Gender, StageFacts, StatRecord, UNKNOWN};

use crate::CourseDecisions;
use crate::csv::{Column, PopulationFile, RowError, RowIssue};

/// The records of the candidates of a population file, one each, in the population's order,
/// and the candidates the file's facts leave out.
///
/// # Example
/// See [`records_of`].
#[derive(Debug, Clone, PartialEq)]
pub struct FileRecords {
    /// The records, for [`cqnet_core::statistics::funnel`].
    pub records: Vec<StatRecord>,
    /// The population index of each record's candidate: `records[i]` is candidate
    /// `candidates[i]` of the file.
    pub candidates: Vec<usize>,
    /// The candidates left out, each as a bad row at its first line: a certificate
    /// (`acquired`) of a candidate the decision does not pass
    /// ([`RowError::AcquiredWithoutPass`]).
    pub issues: Vec<RowIssue>,
    /// The ids of the candidates left out, in the population's order.
    pub excluded: Vec<String>,
}

/// Decisions that are not those of the file's population, or a file whose columns disagree.
///
/// # Example
/// ```
/// use cqnet_analytics::csv::{read_course_population, TextEncoding};
/// use cqnet_analytics::statistics::{records_of, RecordsError};
/// use cqnet_analytics::{decide_course, CompiledCourseRules};
/// use cqnet_core::rules::RulePack;
///
/// let rules = CompiledCourseRules::compile(&RulePack::embedded().newest())?;
/// let one = read_course_population(b"candidate,scheduled_hours,attended_hours,rounds\nc-1,40,36,85\n", TextEncoding::Utf8)?;
/// let none = read_course_population(b"candidate,scheduled_hours,attended_hours,rounds\n", TextEncoding::Utf8)?;
/// let decisions = decide_course(&none.population, &rules);
/// assert!(matches!(records_of(&one, &decisions, 2026), Err(RecordsError::OtherPopulation { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordsError {
    /// The decisions (or one of the file's per-candidate columns) are of another number of
    /// candidates than the file's population.
    #[error("the file's population has {candidates} candidates, but {what} has {found}")]
    OtherPopulation {
        /// The candidates of the population.
        candidates: usize,
        /// What disagrees (`the decisions`, `candidate_ids`, …).
        what: &'static str,
        /// Its length.
        found: usize,
    },
    /// A value the core refuses for a record.
    #[error(transparent)]
    Value(#[from] InputError),
}

/// The funnel's records (`StatRecord`) of `file`'s candidates, decided as `decisions` (of
/// `file.population`, by [`crate::decide_course`]), for
/// [`funnel`](cqnet_core::statistics::funnel).
///
/// A candidate is a learner (학습근로자); a target (외부평가 대상) when the decision finds the
/// course completed; an applicant (접수) when the file says `applied`; an examinee (응시) when
/// it gives the external scores; a passer (합격) when the decision passes them; and an
/// acquirer (자격취득) when the file says `acquired` and the decision passes them. Each
/// counts at every stage before the furthest it reached
/// ([`StageFacts::stage`](cqnet_core::statistics::StageFacts::stage)). A candidate whose file
/// says `acquired` but whom the decision does not pass is left out, as a bad row at their
/// first line (a certificate needs a pass).
///
/// A candidate counts in the file's `year`, or `default_year` where the file gives none; a
/// grade, qualification or institution type the file does not give counts under
/// [`UNKNOWN`], as does a gender ([`Gender::Unknown`]) or a job field.
///
/// # Errors
/// [`RecordsError::OtherPopulation`] when `decisions` or a per-candidate column of `file`
/// is not of `file.population`'s candidates; [`RecordsError::Value`] for a value the core
/// refuses, which a file read by [`crate::csv`] never holds.
///
/// # Example
/// ```
/// use cqnet_analytics::csv::{read_course_population, TextEncoding};
/// use cqnet_analytics::statistics::records_of;
/// use cqnet_analytics::{decide_course, CompiledCourseRules};
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::statistics::{funnel, Dimension, GroupBy, KeyValue};
///
/// let file = "candidate,scheduled_hours,attended_hours,rounds,written,practical,year,grade,acquired\n\
///             c-1,40,36,85,80,90,2025,기사,true\n\
///             c-2,40,36,85,,,,기사,\n\
///             c-3,40,10,85,,,2025,,true\n";
/// let read = read_course_population(file.as_bytes(), TextEncoding::Utf8)?;
/// let decisions = decide_course(&read.population, &CompiledCourseRules::compile(&RulePack::embedded().newest())?);
/// let counted = records_of(&read, &decisions, 2026)?;
/// // c-3 did not complete the course, so their certificate is a bad row.
/// assert_eq!((counted.records.len(), counted.excluded.as_slice()), (2, ["c-3".to_owned()].as_slice()));
/// let rows = funnel(&counted.records, &GroupBy::new(vec![Dimension::Year])?);
/// assert_eq!(rows[0].key[0].1, KeyValue::Year(2025));
/// assert_eq!((rows[0].targets, rows[0].acquirers), (1, 1));
/// assert_eq!((rows[1].key[0].1.clone(), rows[1].targets, rows[1].examinees), (KeyValue::Year(2026), 1, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn records_of(
    file: &PopulationFile,
    decisions: &CourseDecisions,
    default_year: u16,
) -> Result<FileRecords, RecordsError> {
    let candidates = file.population.candidates();
    for (what, found) in [
        ("the decisions", decisions.len()),
        ("candidate_ids", file.candidate_ids.len()),
        ("first_lines", file.first_lines.len()),
        ("qualifications", file.qualifications.len()),
        ("statistics", file.statistics.len()),
    ] {
        if found != candidates {
            return Err(RecordsError::OtherPopulation {
                candidates,
                what,
                found,
            });
        }
    }
    let mut counted = FileRecords {
        records: Vec::with_capacity(candidates),
        candidates: Vec::with_capacity(candidates),
        issues: Vec::new(),
        excluded: Vec::new(),
    };
    let each = file
        .candidate_ids
        .iter()
        .zip(&file.first_lines)
        .zip(file.qualifications.iter().zip(&file.statistics))
        .enumerate();
    for (index, ((id, &line), (qualification, facts))) in each {
        let outcome = decisions
            .outcome(index)
            .ok_or(RecordsError::OtherPopulation {
                candidates,
                what: "the decisions",
                found: decisions.len(),
            })?;
        let passed = outcome.passed() == Some(true);
        let acquired = facts.acquired == Some(true);
        if acquired && !passed {
            counted.issues.push(RowIssue {
                line,
                column: Some(Column::Acquired),
                candidate: Some(id.clone()),
                error: RowError::AcquiredWithoutPass,
            });
            counted.excluded.push(id.clone());
            continue;
        }
        let stage = StageFacts {
            target: outcome.eligible_for_external(),
            applied: facts.applied == Some(true),
            sat: file.population.written(index)?.is_some(),
            passed,
            acquired,
        }
        .stage();
        let known = |value: &Option<String>| value.clone().unwrap_or_else(|| UNKNOWN.to_owned());
        let record = StatRecord::new(
            facts.year.unwrap_or(default_year),
            known(&facts.grade),
            known(qualification),
            known(&facts.institution_type),
            Gender::or_unknown(facts.gender),
            stage,
        )?;
        counted.records.push(match &facts.job_field {
            Some(field) => record.with_job_field(field.clone())?,
            None => record,
        });
        counted.candidates.push(index);
    }
    Ok(counted)
}
