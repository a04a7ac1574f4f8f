//! Every reason and every legal basis is built in cqnet-core: the store, the adapters, the case
//! runner, the examples and the benches only pass on what the core's decisions return.
//!
//! The compiler already keeps the constructors out of reach (`Reason::new` and
//! `LegalBasis::new` are crate-private, `Reason` is `#[non_exhaustive]` and `LegalBasis` has
//! private fields); this scan also catches a way around them, such as a type alias or a copy
//! of the constructor written out by hand.

use std::path::{Path, PathBuf};

/// What builds a reason or a legal basis, or renames the types to hide it.
const CONSTRUCTORS: &[&str] = &[
    "Reason::new",
    "LegalBasis::new",
    "Reason {",
    "Reason{",
    "LegalBasis {",
    "LegalBasis{",
    "Reason as ",
    "LegalBasis as ",
];

/// The folders whose Rust sources must not build one.
const OUTSIDE_THE_CORE: &[&str] = &[
    "cqnet-store",
    "cqnet-adapters",
    "cqnet-cases",
    "cqnet-http",
    "src",
    "examples",
    "benches",
];

/// The places in `source` where a constructor is named, as `line: text`. A match counts only
/// where the name is not the tail of a longer identifier (`CancelReason {` is another type).
fn constructions(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        for pattern in CONSTRUCTORS {
            let mut from = 0;
            while let Some(at) = line[from..].find(pattern) {
                let start = from + at;
                let before = line[..start].chars().next_back();
                if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    found.push(format!("{}: {}", n + 1, line.trim()));
                }
                from = start + pattern.len();
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_scan_catches_each_constructor_and_skips_other_types() {
    let built = [
        "let r = Reason::new(ReasonCode::VenueFull, basis);",
        "let b = cqnet_core::LegalBasis::new(\"x\", Provenance::Assumption);",
        "Reason { code, subject: None, measured: None, required: None, legal_basis, message }",
        "LegalBasis{ citation, provenance }",
        "use cqnet_core::Reason as Why;",
    ];
    for line in built {
        assert_eq!(constructions(line).len(), 1, "not caught: {line}");
    }
    let other = [
        "reason: CancelReason::Personal,",
        "let r = RevocationReason::new();",
        "ReissueReason { x }",
        "reasons.extend(check_retake(track, 0, None, day, &rules));",
        "let basis = rules.bases.results_final.basis.clone();",
    ];
    for line in other {
        assert!(constructions(line).is_empty(), "wrongly caught: {line}");
    }
}

#[test]
fn no_reason_or_legal_basis_is_built_outside_cqnet_core() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in OUTSIDE_THE_CORE {
        rust_files(&root.join(dir), &mut files);
    }
    // The scan reads the real sources: the store's services and every adapter are among them.
    for must in [
        "cqnet-store/src/exam/service.rs",
        "cqnet-store/src/certificate/service.rs",
        "cqnet-adapters/src/memory/mod.rs",
        "cqnet-adapters/src/postgres/exam.rs",
    ] {
        assert!(
            files.iter().any(|f| f.ends_with(must)),
            "{must} was not scanned"
        );
    }
    let mut offences = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("a source file is readable");
        for place in constructions(&source) {
            offences.push(format!("{}:{place}", file.display()));
        }
    }
    assert!(
        offences.is_empty(),
        "reasons and legal bases are built only in cqnet-core; found:\n{}",
        offences.join("\n")
    );
}
