//! Every problem type the router can answer has its anchor in `docs/http.md`, so each `type`
//! URI resolves to its description.

use std::path::Path;

/// The kinds named right after a status in the sources: `StatusCode::X, "kind"` and
/// `StatusCode::X,\n "kind"` alike.
fn kinds_in(source: &str) -> Vec<String> {
    let mut kinds = Vec::new();
    for (at, _) in source.match_indices("StatusCode::") {
        let rest = &source[at..];
        let Some(comma) = rest.find(',') else {
            continue;
        };
        let name = &rest["StatusCode::".len()..comma];
        if !name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            continue;
        }
        let after = rest[comma + 1..].trim_start();
        if let Some(quoted) = after.strip_prefix('"')
            && let Some(end) = quoted.find('"')
        {
            kinds.push(quoted[..end].to_owned());
        }
    }
    kinds
}

#[test]
fn every_problem_type_has_its_anchor_in_the_docs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = std::fs::read_to_string(root.join("../docs/http.md")).expect("docs/http.md");
    let mut kinds = Vec::new();
    let mut folders = vec![root.join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                kinds.extend(kinds_in(
                    &std::fs::read_to_string(&path).expect("a source file"),
                ));
            }
        }
    }
    // The slugs of `evaluate`'s errors come from the case runner.
    for error in [
        cqnet_cases::EvaluateError::UnknownKind(String::new()),
        cqnet_cases::EvaluateError::Malformed {
            detail: String::new(),
            pointer: None,
        },
        cqnet_cases::EvaluateError::InvalidInput {
            detail: String::new(),
            pointer: None,
        },
        cqnet_cases::EvaluateError::NoRulesInForce(String::new()),
        cqnet_cases::EvaluateError::Unanswered(String::new()),
    ] {
        kinds.push(error.slug().to_owned());
    }
    assert!(
        kinds.len() > 20,
        "only {} kinds found: {kinds:?}",
        kinds.len()
    );
    let missing: Vec<&String> = kinds
        .iter()
        .filter(|k| !docs.contains(&format!("<a id=\"{k}\"></a>`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/http.md has no anchor for {missing:?}"
    );
}
