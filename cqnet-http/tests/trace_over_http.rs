//! Each request runs in a `tracing` span named `request`, with its method, its path and, once
//! answered, its status: a subscriber of the test's own records them.

#![allow(clippy::unwrap_used)]

// Its own test binary: `tracing` caches per call site whether anyone listens, and the other
// HTTP tests, run in the same process without a subscriber, would have it cached as "no one".
#[path = "over_http/support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use cqnet_adapters::memory::MemoryStore;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// The fields of every span named `request`, by span.
#[derive(Clone, Default)]
struct Requests {
    next: Arc<AtomicU64>,
    spans: Arc<Mutex<BTreeMap<u64, BTreeMap<String, String>>>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_owned(), value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Requests {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        if span.metadata().name() == "request" {
            let mut fields = BTreeMap::new();
            span.record(&mut Fields(&mut fields));
            self.spans.lock().unwrap().insert(id, fields);
        }
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some(fields) = self.spans.lock().unwrap().get_mut(&span.into_u64()) {
            values.record(&mut Fields(fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, _: &Event<'_>) {}

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

// One thread: the server's tasks run where the test's subscriber is the default.
#[tokio::test(flavor = "current_thread")]
async fn each_request_runs_in_a_span_with_its_method_path_and_status() {
    let requests = Requests::default();
    let _default = tracing::subscriber::set_default(requests.clone());
    let (_, base) = support::api_on(MemoryStore::new().into_async()).await;
    let client = reqwest::Client::new();
    let packs = client
        .get(format!("{base}/v1/rule-packs"))
        .send()
        .await
        .unwrap();
    assert_eq!(packs.status(), reqwest::StatusCode::OK);
    let missing = client
        .get(format!("{base}/v2/nothing"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), reqwest::StatusCode::NOT_FOUND);

    let spans: Vec<BTreeMap<String, String>> =
        requests.spans.lock().unwrap().values().cloned().collect();
    let seen: Vec<(&str, &str, &str)> = spans
        .iter()
        .map(|f| {
            let get = |name: &str| f.get(name).map_or("", String::as_str);
            (get("method"), get("path"), get("status"))
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("GET", "/v1/rule-packs", "200"),
            ("GET", "/v2/nothing", "404")
        ],
        "{spans:?}"
    );
}
