//! A store that can hold one call until the test lets it go: so that a test can keep a request
//! running while it sends another.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use cqnet_store::StoreResult;
use tokio::sync::Semaphore;

/// Where a held call waits, and how the test knows it is held.
pub struct Gate {
    armed: AtomicBool,
    entered: Semaphore,
    release: Semaphore,
}

impl Gate {
    fn new() -> Self {
        Gate {
            armed: AtomicBool::new(false),
            entered: Semaphore::new(0),
            release: Semaphore::new(0),
        }
    }

    /// Holds the next store call, whichever it is.
    pub fn hold_next(&self) {
        self.armed.store(true, Ordering::SeqCst);
    }

    /// Waits until a held call has reached the store.
    pub async fn reached(&self) {
        self.entered.acquire().await.unwrap().forget();
    }

    /// Lets the held call go on.
    pub fn release(&self) {
        self.release.add_permits(1);
    }
}

/// A blocking store made async (every call on tokio's blocking pool, as a host's SQL store
/// runs), whose calls a [`Gate`] can hold.
pub struct Gated<S> {
    store: Arc<S>,
    gate: Arc<Gate>,
}

impl<S: Send + Sync + 'static> Gated<S> {
    /// The store, and the gate that holds its calls.
    pub fn new(store: S) -> (Self, Arc<Gate>) {
        let gate = Arc::new(Gate::new());
        (
            Gated {
                store: Arc::new(store),
                gate: gate.clone(),
            },
            gate,
        )
    }

    fn run<T, F>(&self, f: F) -> impl Future<Output = StoreResult<T>> + Send + 'static
    where
        F: FnOnce(&S) -> StoreResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let (store, gate) = (self.store.clone(), self.gate.clone());
        async move {
            if gate.armed.swap(false, Ordering::SeqCst) {
                gate.entered.add_permits(1);
                gate.release.acquire().await.unwrap().forget();
            }
            tokio::task::spawn_blocking(move || f(&store))
                .await
                .unwrap()
        }
    }
}

cqnet_store::forward_async_store!(Gated);
cqnet_store::forward_async_exam_store!(Gated);
cqnet_store::forward_async_certificate_store!(Gated);
cqnet_store::forward_async_course_search!(Gated);
cqnet_store::forward_async_course_designation_store!(Gated);
cqnet_store::forward_async_work_study_store!(Gated);
cqnet_store::forward_async_statistics_store!(Gated);
