//! Checks a request's answer against the OpenAPI document: the status is one the route lists,
//! the content type one that status lists, and the body fits that content's schema.

use std::sync::OnceLock;

use serde_json::Value;

/// The generated document, as JSON.
pub fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| serde_json::to_value(cqnet_http::openapi()).unwrap())
}

/// The errors of `instance` against `schema`, resolving the document's `#/components/...`
/// references, formats asserted.
pub fn schema_errors(schema: &Value, instance: &Value) -> Vec<String> {
    let mut root = schema.clone();
    if let Value::Object(map) = &mut root {
        map.insert("components".into(), document()["components"].clone());
    } else {
        // `true` and `false` are schemas too; they need no components.
    }
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("not a schema ({e}): {schema}"));
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The template of the document's paths that `path` (no query) is an instance of.
fn template_of(path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap_or(path);
    let concrete: Vec<&str> = path.split('/').collect();
    document()["paths"]
        .as_object()
        .unwrap()
        .keys()
        .find(|template| {
            let parts: Vec<&str> = template.split('/').collect();
            // `{path}` is the router's `{*path}`: the rest of the path, one segment or more.
            if parts.last() == Some(&"{path}") {
                let fixed = parts.len() - 1;
                concrete.len() > fixed && matches(&parts[..fixed], &concrete[..fixed])
            } else {
                matches(&parts, &concrete)
            }
        })
        .cloned()
}

fn matches(template: &[&str], concrete: &[&str]) -> bool {
    template.len() == concrete.len()
        && template
            .iter()
            .zip(concrete)
            .all(|(t, c)| t == c || (t.starts_with('{') && !c.is_empty()))
}

/// Follows a `$ref` into the document.
fn resolved(value: &Value) -> &Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            document()
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{reference} is not in the document"))
        }
        None => value,
    }
}

/// Panics unless the answer of `method path` (`status`, `content_type`, `body`) is one the
/// document describes.
pub fn check_answer(method: &str, path: &str, status: u16, content_type: &str, body: &Value) {
    let template = template_of(path).unwrap_or_else(|| panic!("no path of the document is {path}"));
    let operation = &document()["paths"][&template][method.to_ascii_lowercase()];
    assert!(
        operation.is_object(),
        "the document has no {method} {template}"
    );
    let response = operation["responses"]
        .get(status.to_string())
        .map(resolved)
        .unwrap_or_else(|| {
            panic!(
                "{method} {template} answered {status}, a status the document does not list: {body}"
            )
        });
    let media = content_type.split(';').next().unwrap_or("").trim();
    let content = response["content"].get(media).unwrap_or_else(|| {
        panic!("{method} {template} answered {status} as {media}, which the document does not list")
    });
    let errors = schema_errors(&content["schema"], body);
    assert!(
        errors.is_empty(),
        "{method} {template} answered {status} with a body the document does not describe: {errors:#?}\n{body}"
    );
}
