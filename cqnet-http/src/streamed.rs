//! Answers written on tokio's blocking pool and streamed as they are made: the producer hands
//! over chunks through a small bounded channel, so at most a few chunks wait in memory however
//! long the answer, and a client that goes away stops the producer at its next chunk.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use tokio::sync::mpsc;

/// How many chunks may wait for the client at once.
const WAITING_CHUNKS: usize = 4;

/// What the body receives: a chunk, or the producer's failure, which aborts the answer so that
/// the client sees it cut, not complete.
type Chunk = Result<Bytes, std::io::Error>;

/// Where a producer on the blocking pool sends its chunks.
pub(crate) struct Chunks(mpsc::Sender<Chunk>);

impl Chunks {
    /// Hands `chunk` to the answer, waiting while the client is slower; `false` once the client
    /// has gone, when the producer should stop.
    pub(crate) fn send(&self, chunk: Vec<u8>) -> bool {
        if chunk.is_empty() {
            return true;
        }
        self.0.blocking_send(Ok(Bytes::from(chunk))).is_ok()
    }
}

/// The body that `produce` writes, run on the blocking pool: it never holds up the runtime's
/// threads however long it decides.
pub(crate) fn from_blocking(produce: impl FnOnce(&Chunks) + Send + 'static) -> Body {
    let (sender, receiver) = mpsc::channel(WAITING_CHUNKS);
    let watcher = sender.clone();
    let producing = tokio::task::spawn_blocking(move || produce(&Chunks(sender)));
    tokio::spawn(async move {
        if let Err(fault) = producing.await {
            let _ = watcher
                .send(Err(std::io::Error::other(format!(
                    "the answer could not be finished: {fault}"
                ))))
                .await;
        }
    });
    Body::from_stream(Received(receiver))
}

/// The chunks received, as a stream of the body.
struct Received(mpsc::Receiver<Chunk>);

impl futures_core::Stream for Received {
    type Item = Chunk;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}
