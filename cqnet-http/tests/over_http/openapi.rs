//! The OpenAPI document: the committed copy is the generated one, every example fits its
//! schema, every route of the router is in it (and every operation in it is a route), and it
//! is served at `GET /openapi.json`.

use crate::support;

use std::path::Path;

use cqnet_adapters::memory::MemoryStore;
use reqwest::{Client, Method, StatusCode};
use serde_json::Value;
use support::documented::{document, schema_errors};

/// The committed copy, beside the crate's manifest.
fn committed_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json")
}

#[test]
fn the_committed_document_is_the_generated_one() {
    let generated = cqnet_http::openapi().to_pretty_json().unwrap() + "\n";
    let path = committed_path();
    if std::env::var_os("CQNET_UPDATE_OPENAPI").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let same = serde_json::from_str::<Value>(&committed).ok()
        == Some(serde_json::from_str::<Value>(&generated).unwrap());
    assert!(
        same,
        "cqnet-http/openapi.json differs from the document the code generates: \
         regenerate it with `CQNET_UPDATE_OPENAPI=1 cargo test -p cqnet-http --test over_http openapi` \
         and commit it"
    );
}

/// Every example of the document with the schema it must fit: media types' and parameters'
/// `example` (and named `examples`) against their `schema`, and schemas' own `examples`.
fn examples_with_schemas(value: &Value, at: &str, found: &mut Vec<(String, Value, Value)>) {
    match value {
        Value::Object(map) => {
            if let Some(schema) = map.get("schema") {
                if let Some(example) = map.get("example") {
                    found.push((format!("{at}/example"), schema.clone(), example.clone()));
                }
                if let Some(Value::Object(named)) = map.get("examples") {
                    for (name, example) in named {
                        if let Some(value) = example.get("value") {
                            found.push((
                                format!("{at}/examples/{name}"),
                                schema.clone(),
                                value.clone(),
                            ));
                        }
                    }
                }
            }
            let is_schema = [
                "type",
                "$ref",
                "oneOf",
                "anyOf",
                "allOf",
                "properties",
                "enum",
            ]
            .iter()
            .any(|k| map.contains_key(*k));
            if is_schema && let Some(Value::Array(examples)) = map.get("examples") {
                let mut schema = map.clone();
                schema.remove("examples");
                for (i, example) in examples.iter().enumerate() {
                    found.push((
                        format!("{at}/examples/{i}"),
                        Value::Object(schema.clone()),
                        example.clone(),
                    ));
                }
            }
            for (key, child) in map {
                let key = key.replace('~', "~0").replace('/', "~1");
                examples_with_schemas(child, &format!("{at}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                examples_with_schemas(child, &format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}

/// The examples that do not fit their schema, with why.
fn misfits(document: &Value) -> (usize, Vec<String>) {
    let mut found = Vec::new();
    examples_with_schemas(document, "", &mut found);
    let bad = found
        .iter()
        .filter_map(|(at, schema, example)| {
            let errors = schema_errors(schema, example);
            (!errors.is_empty()).then(|| format!("{at}: {errors:?}"))
        })
        .collect();
    (found.len(), bad)
}

#[test]
fn every_example_fits_its_schema() {
    let (checked, bad) = misfits(document());
    assert!(bad.is_empty(), "examples that do not fit: {bad:#?}");
    // The request bodies (12), the problem responses (12) and the value schemas: not a
    // vacuous walk.
    assert!(checked >= 30, "only {checked} examples found");
}

#[test]
fn an_example_that_does_not_fit_is_found() {
    let mut broken = document().clone();
    let body = "/paths/~1v1~1enrollments/post/requestBody/content/application~1json/example";
    *broken.pointer_mut(&format!("{body}/enrolled_on")).unwrap() = "the second of March".into();
    *broken
        .pointer_mut("/components/responses/TooManyRequests/content/application~1problem+json/example/status")
        .unwrap() = "429".into();
    let (_, bad) = misfits(&broken);
    assert_eq!(bad.len(), 2, "{bad:#?}");
    assert!(
        bad[0].contains("enrolled_on") || bad[1].contains("enrolled_on"),
        "{bad:#?}"
    );
}

/// Every `$ref` of `value` with where it stands.
fn references(value: &Value, at: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "$ref" {
                    if let Some(target) = child.as_str() {
                        found.push((at.to_owned(), target.to_owned()));
                    }
                } else {
                    references(child, &format!("{at}/{key}"), found);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                references(child, &format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}

/// The references of `document` that name nothing in it.
fn dangling(document: &Value) -> Vec<String> {
    let mut found = Vec::new();
    references(document, "", &mut found);
    found
        .into_iter()
        .filter(|(_, target)| {
            target
                .strip_prefix('#')
                .is_none_or(|pointer| document.pointer(pointer).is_none())
        })
        .map(|(at, target)| format!("{at} -> {target}"))
        .collect()
}

#[test]
fn every_reference_names_a_schema_of_the_document() {
    assert!(
        dangling(document()).is_empty(),
        "{:#?}",
        dangling(document())
    );
    let mut broken = document().clone();
    broken
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .unwrap()
        .remove("PageSize");
    assert!(
        dangling(&broken).iter().any(|d| d.ends_with("/PageSize")),
        "a removed schema is found"
    );
}

/// The paths the router serves, read from its source (`.route("…"` in `lib.rs` and in the
/// `*_routes.rs` files whose routers it merges), in the document's spelling (`{*path}` is
/// `{path}`).
fn routed_paths() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut source = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with("_routes.rs") {
            source.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    let mut paths: Vec<String> = source
        .split(".route(")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start().strip_prefix('"')?;
            Some(rest[..rest.find('"')?].replace("{*", "{"))
        })
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_route_is_in_the_document_and_every_path_a_route() {
    let routed = routed_paths();
    assert!(
        routed.len() >= 15,
        "only {} routes read: {routed:?}",
        routed.len()
    );
    let mut documented: Vec<String> = document()["paths"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    documented.sort();
    assert_eq!(routed, documented);
}

#[tokio::test]
async fn the_document_is_served_and_each_operation_is_routed() {
    let (_, base) = support::api_on(MemoryStore::new().into_async()).await;
    let client = Client::new();
    let response = client
        .get(format!("{base}/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let served: Value = response.json().await.unwrap();
    assert!(
        served["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1.")),
        "{}",
        served["openapi"]
    );
    assert_eq!(&served, document());
    // Each operation answers as a route of its method: never `no-such-route`, never 405.
    let mut operations = 0;
    for (template, item) in served["paths"].as_object().unwrap() {
        let path = template
            .replace("{id}", "00000000-0000-0000-0000-000000000009")
            .replace("{kind}", "course_based")
            .replace("{path}", "course_based/pass_average");
        for method in item.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes()).unwrap();
            let response = client
                .request(method.clone(), format!("{base}{path}"))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let text = response.text().await.unwrap();
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert!(!text.contains("#no-such-route"), "{method} {path}: {text}");
            operations += 1;
        }
    }
    // Every routed path has an operation at least.
    assert!(
        operations >= routed_paths().len(),
        "{operations} operations"
    );
}

/// The name each `ToSchema` type of the crate's sources takes in the document: its own, or
/// the one its `#[schema(as = …)]` gives.
fn schema_names(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut pending = false;
    let mut renamed: Option<String> = None;
    for line in source.lines().map(str::trim) {
        if line.starts_with("#[derive(") && line.contains("ToSchema") {
            pending = true;
            renamed = None;
        } else if pending && let Some(rest) = line.strip_prefix("#[schema(as = ") {
            renamed = rest.split(')').next().map(str::to_owned);
        } else if pending && !line.starts_with("#[") && !line.starts_with("///") {
            let declared = line
                .split_whitespace()
                .skip_while(|w| !matches!(*w, "struct" | "enum"))
                .nth(1)
                .and_then(|w| w.split(['{', '(', ';', '<']).next())
                .map(str::to_owned);
            if let Some(name) = renamed.take().or(declared) {
                names.push(name);
            }
            pending = false;
        }
    }
    names
}

/// Two `ToSchema` types of one name would be one schema of the document, the later silently
/// replacing the earlier: every name is the type of one source only.
#[test]
fn every_schema_name_is_one_types() {
    fn sources(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    let mut clashes = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let shown = file.file_name().unwrap().to_string_lossy().into_owned();
        for name in schema_names(&text) {
            if let Some(first) = seen.insert(name.clone(), shown.clone()) {
                clashes.push(format!("{name} in {first} and {shown}"));
            }
        }
    }
    assert!(
        seen.len() > 100,
        "the scan found only {} schema types",
        seen.len()
    );
    assert!(clashes.is_empty(), "schema names taken twice: {clashes:?}");
}

#[test]
fn the_schema_name_scan_reads_renames_and_generics() {
    let source = "#[derive(ToSchema)]\n/// A.\n#[serde(x)]\npub(crate) struct Alpha {\n}\n\
                  #[derive(Serialize, ToSchema)]\n#[schema(as = Beta)]\nstruct BetaSchema(u8);\n\
                  #[derive(Debug)]\nstruct NotOne;\n#[derive(ToSchema)]\nenum Gamma<T> {}\n";
    assert_eq!(schema_names(source), ["Alpha", "Beta", "Gamma"]);
}
