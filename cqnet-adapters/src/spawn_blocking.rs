//! The async twin of a blocking store that does I/O: every call runs on tokio's blocking pool.

use std::future::Future;
use std::sync::Arc;

use cqnet_store::UnavailableKind;
use cqnet_store::{StoreError, StoreResult};

/// Wraps a blocking store so that async hosts never block their executor: each call is moved
/// to [`tokio::task::spawn_blocking`]. Needs a tokio runtime.
///
/// # Example
/// ```
/// use cqnet_adapters::{sqlite::SqliteStore, SpawnBlocking};
/// use cqnet_store::AsyncCatalogStore;
/// let rt = tokio::runtime::Builder::new_multi_thread().build()?;
/// let store = SpawnBlocking::new(std::sync::Arc::new(SqliteStore::open_in_memory()?));
/// assert!(rt.block_on(store.qualifications())?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct SpawnBlocking<S>(Arc<S>);

impl<S> Clone for SpawnBlocking<S> {
    fn clone(&self) -> Self {
        SpawnBlocking(Arc::clone(&self.0))
    }
}

impl<S: Send + Sync + 'static> SpawnBlocking<S> {
    /// Wraps a shared store.
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// use cqnet_adapters::{memory::MemoryStore, SpawnBlocking};
    /// fn is_async(_: &impl cqnet_store::AsyncStore) {}
    /// is_async(&SpawnBlocking::new(Arc::new(MemoryStore::new())));
    /// ```
    pub fn new(store: Arc<S>) -> Self {
        SpawnBlocking(store)
    }

    /// The blocking store inside.
    ///
    /// # Example
    /// ```
    /// let s = cqnet_adapters::SpawnBlocking::new(std::sync::Arc::new(1_u8));
    /// assert_eq!(**s.inner(), 1);
    /// ```
    pub fn inner(&self) -> &Arc<S> {
        &self.0
    }

    /// Runs a blocking call on the blocking pool.
    ///
    /// # Errors
    /// Whatever the call returns; [`StoreError::Unavailable`] if the call panicked or the
    /// runtime is shutting down.
    ///
    /// # Example
    /// ```
    /// let rt = tokio::runtime::Builder::new_multi_thread().build()?;
    /// let s = cqnet_adapters::SpawnBlocking::new(std::sync::Arc::new(1_u8));
    /// assert_eq!(rt.block_on(s.run(|n| Ok(*n + 1)))?, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run<T, F>(&self, f: F) -> impl Future<Output = StoreResult<T>> + Send + 'static
    where
        F: FnOnce(&S) -> StoreResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let store = Arc::clone(&self.0);
        async move {
            tokio::task::spawn_blocking(move || f(&store))
                .await
                .map_err(|e| {
                    StoreError::unavailable(
                        UnavailableKind::Interrupted,
                        "the blocking task failed",
                    )
                    .with_source(e)
                })?
        }
    }
}

cqnet_store::forward_async_store!(SpawnBlocking);
