//! Jobs held in memory by the router (the what-if runs): at most a given number at once,
//! running and finished together, so that memory stays bounded; a finished job is kept for a
//! given time after it finished, then forgotten. Each job runs on tokio's blocking pool, never
//! on the runtime's threads.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use uuid::Uuid;

use crate::Problem;

/// Where a job stands.
pub(crate) enum Status<T> {
    /// Still running.
    Running,
    /// Finished: its result, or the problem it failed with.
    Finished(Arc<Result<T, Problem>>),
}

enum Job<T> {
    Running,
    Finished {
        at: Instant,
        outcome: Arc<Result<T, Problem>>,
    },
}

/// The jobs of one router.
pub(crate) struct Jobs<T> {
    limit: NonZeroUsize,
    retention: Duration,
    table: Mutex<HashMap<Uuid, Job<T>>>,
}

impl<T: Send + Sync + 'static> Jobs<T> {
    /// At most `limit` jobs held at once, each finished one kept `retention` after it finished.
    pub(crate) fn new(limit: NonZeroUsize, retention: Duration) -> Self {
        Jobs {
            limit,
            retention,
            table: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a place for a new job and gives its id (random, so that one client cannot guess
    /// another's): `503 what-if-jobs-full` with `Retry-After` when every place is held, until
    /// the first finished job is forgotten (a second when every job is still running).
    pub(crate) fn start(&self, now: Instant) -> Result<Uuid, Problem> {
        // A poisoned lock still holds whole entries: each is inserted or replaced at once.
        let mut table = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        let retention = self.retention;
        table.retain(|_, job| match job {
            Job::Running => true,
            Job::Finished { at, .. } => now.saturating_duration_since(*at) < retention,
        });
        if table.len() >= self.limit.get() {
            let wait = table
                .values()
                .filter_map(|job| match job {
                    Job::Running => None,
                    Job::Finished { at, .. } => {
                        Some(retention.saturating_sub(now.saturating_duration_since(*at)))
                    }
                })
                .min()
                .unwrap_or(Duration::from_secs(1));
            return Err(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "what-if-jobs-full",
                format!(
                    "the server holds {} what-if jobs, running or finished, as many as it keeps: retry once one is forgotten",
                    self.limit
                ),
            )
            .with_retry_after(wait));
        }
        let id = Uuid::new_v4();
        table.insert(id, Job::Running);
        Ok(id)
    }

    /// Runs `work` as job `id` on the blocking pool and keeps what it gives; a job that panics
    /// is kept as failed, never as running forever.
    pub(crate) fn run(
        self: &Arc<Self>,
        id: Uuid,
        work: impl FnOnce() -> Result<T, Problem> + Send + 'static,
    ) {
        let jobs = self.clone();
        let running = tokio::task::spawn_blocking(work);
        tokio::spawn(async move {
            let outcome = running.await.unwrap_or_else(|fault| {
                Err(Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "unanswered",
                    format!("the job could not finish: {fault}"),
                ))
            });
            jobs.finish(id, outcome, Instant::now());
        });
    }

    fn finish(&self, id: Uuid, outcome: Result<T, Problem>, now: Instant) {
        let mut table = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        table.insert(
            id,
            Job::Finished {
                at: now,
                outcome: Arc::new(outcome),
            },
        );
    }

    /// Where job `id` stands at `now`; `None` for an id never given, or a job forgotten.
    pub(crate) fn status(&self, id: Uuid, now: Instant) -> Option<Status<T>> {
        let table = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        match table.get(&id)? {
            Job::Running => Some(Status::Running),
            Job::Finished { at, outcome } => (now.saturating_duration_since(*at) < self.retention)
                .then(|| Status::Finished(outcome.clone())),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn jobs(limit: usize, retention_secs: u64) -> Jobs<u32> {
        Jobs::new(
            NonZeroUsize::new(limit).unwrap(),
            Duration::from_secs(retention_secs),
        )
    }

    #[test]
    fn a_full_table_refuses_until_a_finished_job_is_forgotten() {
        let jobs = jobs(2, 60);
        let start = Instant::now();
        let first = jobs.start(start).unwrap();
        let second = jobs.start(start).unwrap();
        assert_ne!(first, second);
        let full = jobs.start(start).unwrap_err();
        assert_eq!(full.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(full.retry_after(), Some(1), "both still run");
        let finished = start + Duration::from_secs(5);
        jobs.finish(first, Ok(7), finished);
        let later = finished + Duration::from_secs(20);
        let full = jobs.start(later).unwrap_err();
        assert_eq!(
            full.retry_after(),
            Some(40),
            "the finished one is kept 40 s more"
        );
        assert!(matches!(jobs.status(first, later), Some(Status::Finished(r)) if *r == Ok(7)));
        let forgotten = finished + Duration::from_secs(60);
        assert!(jobs.status(first, forgotten).is_none());
        assert!(matches!(
            jobs.status(second, forgotten),
            Some(Status::Running)
        ));
        assert!(
            jobs.start(forgotten).is_ok(),
            "the forgotten job's place is free"
        );
    }

    #[test]
    fn an_unknown_id_has_no_status() {
        assert!(jobs(1, 1).status(Uuid::nil(), Instant::now()).is_none());
    }
}
