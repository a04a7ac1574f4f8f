//! Any text as a signed credential and as a status list: a verdict, never a panic. The strict
//! reader refuses what serde_json refuses, and a text it accepts holds no repeated key.
#![no_main]

use cqnet_core::credential::{
    SigningKey, StatusFreshness, check_status, parse_json_strict, verify_credential,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let key = SigningKey::from_bytes(&[7; 32]).verifying_key();
    if parse_json_strict(text).is_ok() {
        assert!(serde_json::from_str::<serde_json::Value>(text).is_ok());
    }
    let _ = verify_credential(text, &key);
    let now = "2026-10-05T10:00:00+09:00".parse().expect("an instant");
    let freshness =
        StatusFreshness::new(now, chrono::TimeDelta::hours(24)).expect("a day is a valid age");
    // The same text as credential and as list: every path of the status check runs.
    let _ = check_status(text, text, &key, &freshness);
});
