//! Any text as a rule pack, or as an overlay of the embedded pack: refused or loaded, never a panic.
#![no_main]

use cqnet_core::rules::{RulePack, EMBEDDED_PACK_TOML};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(pack) = RulePack::from_toml(text) {
        // A pack that loads resolves its newest values and lists every parameter.
        let _ = pack.newest();
        let _ = pack.reference_table();
        let _ = pack.warnings();
        // The legislation view between the first value's day and the latest change.
        if let Some(first) = pack
            .parameters()
            .first()
            .and_then(|p| p.rows.first())
            .map(|r| r.since)
        {
            let _ = pack.diff(first, pack.latest_change());
            let _ = pack.values_at(first);
        }
    }
    let _ = RulePack::embedded().with_overlay(text);
    // Mutations of the real pack reach deeper than random text.
    let spliced = format!("{EMBEDDED_PACK_TOML}\n{text}");
    let _ = RulePack::from_toml(&spliced);
});
