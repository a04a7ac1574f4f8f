//! One module per case kind: each maps a case's `input` onto the library and names the
//! `expect` fields it can answer.

mod access;
mod contract_extension;
mod contract_termination;
mod course_based;
mod course_input;
mod course_outlook;
mod designation_check;
mod designation_screening;
mod exam_application;
mod exam_plan;
mod field_teacher;
mod learning_company;
mod refund;
mod retake;
mod sanction;
mod statistics;
mod what_if;
mod work_study;
// -- kinds of the law pass (issue 11, first half)
mod retake_window;
// -- end of the law pass kinds

use serde_json::Value;

use crate::{Outcome, Refusal};
use cqnet_core::rules::Rules;

/// Decides one case's input under the rules in force.
pub(crate) type KindRunner = fn(&Value, &Rules) -> Result<Outcome, Refusal>;

/// The runner of a kind and the `expect` fields it answers.
pub(crate) fn kind(name: &str) -> Option<(KindRunner, &'static [&'static str])> {
    Some(match name {
        "course_based" => (
            course_based::run as KindRunner,
            &[
                "completed",
                "eligible_for_external",
                "internal_score",
                "external_score",
                "final_score",
                "passed",
                "reasons",
            ][..],
        ),
        "work_study" => (
            work_study::run,
            &[
                "internal_passed",
                "completion_certificate",
                "eligible_for_external",
                "passed",
                "reasons",
            ][..],
        ),
        "exam_application" => (exam_application::run, &["accepted", "reasons"][..]),
        "refund" => (refund::run, &["percent", "refund"][..]),
        "designation_check" => (designation_check::run, &["meets_standard", "reasons"][..]),
        "contract_extension" => (
            contract_extension::run,
            &["must_extend", "new_end", "reasons"][..],
        ),
        "course_outlook" => (
            course_outlook::run,
            &[
                "can_still_complete",
                "needed_hours",
                "min_external",
                "reasons",
            ][..],
        ),
        "statistics" => (statistics::run, &["rows"][..]),
        "what_if" => (
            what_if::run,
            &["baseline", "overlay", "newly_passing", "newly_failing"][..],
        ),
        "designation_screening" => (
            designation_screening::run,
            &["selected", "reasons_by_applicant"][..],
        ),
        "sanction" => (
            sanction::run,
            &["mandatory_cancellation", "lawful", "reasons"][..],
        ),
        "field_teacher" => (field_teacher::run, &["qualified", "paths", "reasons"][..]),
        "learning_company" => (
            learning_company::run,
            &["meets_requirements", "reasons"][..],
        ),
        "contract_termination" => (contract_termination::run, &["valid", "reasons"][..]),
        // Kinds of this project beyond the shared format (see docs/case-kinds.md).
        "exam_plan" => (exam_plan::run, &["accepted", "reasons"][..]),
        "retake" => (retake::run, &["allowed", "reasons"][..]),
        "access" => (access::run, &["allowed", "reasons"][..]),
        // -- kinds of the law pass (issue 11, first half)
        "retake_window" => (retake_window::run, &["allowed", "last_day", "reasons"][..]),
        // -- end of the law pass kinds
        _ => return None,
    })
}
