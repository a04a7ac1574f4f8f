//! The `refund` kind.

use std::collections::BTreeMap;

use cqnet_core::refund::{self, RefundRequest};
use cqnet_core::rules::{CancelReason, Rules};
use cqnet_core::window::TimeWindow;
use cqnet_core::{Track, Won};
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RefundInput {
    track: Value,
    fee: Value,
    window: Value,
    exam_date: Value,
    cancelled_at: Value,
    #[serde(default)]
    reason: Option<Value>,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: RefundInput = shape(input, "input")?;
    let request = RefundRequest {
        track: value::<Track>(&input.track, "track")?,
        fee: value::<Won>(&input.fee, "fee")?,
        window: value::<TimeWindow>(&input.window, "window")?,
        exam_date: value(&input.exam_date, "exam_date")?,
        cancelled_at: value(&input.cancelled_at, "cancelled_at")?,
        reason: or_rule::<CancelReason>(&input.reason, "reason", CancelReason::Personal)?,
    };
    let d = refund::decide(&request, rules).map_err(invalid)?;
    let percent = u64::try_from(d.percent.value().trunc()).unwrap_or(u64::MAX);
    Ok(BTreeMap::from([
        ("percent", Actual::Whole(percent)),
        ("refund", Actual::Whole(d.refund.amount())),
    ]))
}
