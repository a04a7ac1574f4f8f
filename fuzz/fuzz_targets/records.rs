//! Any JSON as the records the decisions read: refused or decided, never a panic.
#![no_main]

use cqnet_core::course_based::{self, TraineeRecord};
use cqnet_core::exam::ExamPlan;
use cqnet_core::rules::RulePack;
use cqnet_core::standard::CurriculumStandard;
use cqnet_core::work_study::{self, LearnerRecord};
use cqnet_core::ExamStandard;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let rules = RulePack::embedded().newest();
    if let Ok(record) = serde_json::from_slice::<TraineeRecord>(data) {
        let decision = course_based::decide(&record, &ExamStandard::from_rules(&rules), &rules);
        assert_eq!(decision.completed, decision.reasons.iter().all(|r| r.code.as_str() == "final_score_below_pass_mark"));
    }
    if let Ok(record) = serde_json::from_slice::<LearnerRecord>(data) {
        let _ = work_study::decide(&record, &rules);
    }
    let _ = serde_json::from_slice::<CurriculumStandard>(data);
    let _ = serde_json::from_slice::<ExamPlan>(data);
});
