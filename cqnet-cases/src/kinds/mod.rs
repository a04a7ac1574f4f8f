//! One module per case kind: each maps a case's `input` onto the library and names the
//! `expect` fields it can answer.

mod access;
mod contract_extension;
mod contract_termination;
pub(crate) mod course_based;
mod course_input;
mod course_outlook;
mod designation_check;
mod designation_screening;
mod exam_application;
mod exam_plan;
mod field_teacher;
mod learning_company;
mod learning_contract;
mod programme_approval;
mod programme_completion;
mod refund;
mod retake;
mod sanction;
mod statistics;
mod training_day;
mod what_if;
pub(crate) mod work_study;
// -- kinds of the law pass (issue 11, first half)
mod retake_window;
// -- end of the law pass kinds

use serde_json::Value;

use crate::answer::Shape;
use crate::{Outcome, Refusal};
use cqnet_core::rules::Rules;

/// Decides one case's input under the rules in force.
pub(crate) type KindRunner = fn(&Value, &Rules) -> Result<Outcome, Refusal>;

/// What a kind answers: each `expect` field it can check, with the shape of its value.
pub(crate) type Fields = &'static [(&'static str, Shape)];

const ACCEPTED: Fields = &[("accepted", Shape::Bool), ("reasons", Shape::Reasons)];
const ALLOWED: Fields = &[("allowed", Shape::Bool), ("reasons", Shape::Reasons)];
const TALLY: Shape = Shape::Fields(&[("completed", Shape::Whole), ("passed", Shape::Whole)]);
const STATISTICS_ROW: Shape = Shape::Fields(&[
    ("key", Shape::Json),
    ("learners", Shape::Whole),
    ("targets", Shape::Whole),
    ("applications", Shape::Whole),
    ("examinees", Shape::Whole),
    ("passers", Shape::Whole),
    ("pass_rate", Shape::Decimal),
    ("acquirers", Shape::Whole),
]);

/// Every kind the runner implements, in the order of the case format and then the project's.
pub(crate) const KINDS: &[&str] = &[
    "course_based",
    "work_study",
    "exam_application",
    "refund",
    "designation_check",
    "contract_extension",
    "course_outlook",
    "statistics",
    "what_if",
    "designation_screening",
    "sanction",
    "field_teacher",
    "learning_company",
    "contract_termination",
    "exam_plan",
    "retake",
    "access",
    "retake_window",
    "learning_contract",
    "training_day",
    "programme_approval",
    "programme_completion",
];

/// The runner of a kind and the `expect` fields it answers.
pub(crate) fn kind(name: &str) -> Option<(KindRunner, Fields)> {
    Some(match name {
        "course_based" => (
            course_based::run as KindRunner,
            &[
                ("completed", Shape::Bool),
                ("eligible_for_external", Shape::Bool),
                ("internal_score", Shape::Decimal),
                ("external_score", Shape::Decimal),
                ("final_score", Shape::Decimal),
                ("passed", Shape::MaybeBool),
                ("reasons", Shape::Reasons),
            ][..],
        ),
        "work_study" => (
            work_study::run,
            &[
                ("internal_passed", Shape::Bool),
                ("completion_certificate", Shape::Bool),
                ("eligible_for_external", Shape::Bool),
                ("passed", Shape::MaybeBool),
                ("reasons", Shape::Reasons),
            ][..],
        ),
        "exam_application" => (exam_application::run, ACCEPTED),
        "refund" => (
            refund::run,
            &[("percent", Shape::Whole), ("refund", Shape::Whole)][..],
        ),
        "designation_check" => (
            designation_check::run,
            &[("meets_standard", Shape::Bool), ("reasons", Shape::Reasons)][..],
        ),
        "contract_extension" => (
            contract_extension::run,
            &[
                ("must_extend", Shape::Bool),
                ("new_end", Shape::Date),
                ("reasons", Shape::Reasons),
            ][..],
        ),
        "course_outlook" => (
            course_outlook::run,
            &[
                ("can_still_complete", Shape::Bool),
                ("needed_hours", Shape::List(&Shape::Decimal)),
                ("min_external", Shape::Decimal),
                ("reasons", Shape::Reasons),
            ][..],
        ),
        "statistics" => (
            statistics::run,
            &[("rows", Shape::List(&STATISTICS_ROW))][..],
        ),
        "what_if" => (
            what_if::run,
            &[
                ("baseline", TALLY),
                ("overlay", TALLY),
                ("newly_passing", Shape::Set),
                ("newly_failing", Shape::Set),
            ][..],
        ),
        "designation_screening" => (
            designation_screening::run,
            &[
                ("selected", Shape::Set),
                ("reasons_by_applicant", Shape::Map(&Shape::Reasons)),
            ][..],
        ),
        "sanction" => (
            sanction::run,
            &[
                ("mandatory_cancellation", Shape::Bool),
                ("lawful", Shape::Bool),
                ("reasons", Shape::Reasons),
            ][..],
        ),
        "field_teacher" => (
            field_teacher::run,
            &[
                ("qualified", Shape::Bool),
                ("paths", Shape::Set),
                ("reasons", Shape::Reasons),
            ][..],
        ),
        "learning_company" => (
            learning_company::run,
            &[
                ("meets_requirements", Shape::Bool),
                ("reasons", Shape::Reasons),
            ][..],
        ),
        "contract_termination" => (
            contract_termination::run,
            &[("valid", Shape::Bool), ("reasons", Shape::Reasons)][..],
        ),
        // Kinds of this project beyond the shared format (see docs/case-kinds.md).
        "exam_plan" => (exam_plan::run, ACCEPTED),
        "retake" => (retake::run, ALLOWED),
        "access" => (access::run, ALLOWED),
        // -- kinds of the law pass (issue 11, first half)
        "retake_window" => (
            retake_window::run,
            &[
                ("allowed", Shape::Bool),
                ("last_day", Shape::Date),
                ("reasons", Shape::Reasons),
            ][..],
        ),
        // -- end of the law pass kinds
        "learning_contract" => (
            learning_contract::run,
            &[("valid", Shape::Bool), ("reasons", Shape::Reasons)][..],
        ),
        "programme_approval" => (
            programme_approval::run,
            &[("approvable", Shape::Bool), ("reasons", Shape::Reasons)][..],
        ),
        "programme_completion" => (
            programme_completion::run,
            &[
                ("internal_passed", Shape::Bool),
                ("completion_certificate", Shape::Bool),
                ("reasons", Shape::Reasons),
            ][..],
        ),
        "training_day" => (
            training_day::run,
            &[
                ("allowed", Shape::Bool),
                ("counted_hours", Shape::Decimal),
                ("night", Shape::Bool),
                ("holiday", Shape::Bool),
                ("reasons", Shape::Reasons),
            ][..],
        ),
        _ => return None,
    })
}
