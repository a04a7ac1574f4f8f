//! The in-memory [`ExamStore`]: rounds, seats, applications and results in the same state and
//! behind the same mutex as the training records, so that a command and its audit line are one
//! step.

use std::collections::{BTreeMap, HashMap, HashSet};

use cqnet_store::exam::{
    Application, ApplicationId, Cancellation, ExamResult, ExamRound, ExamStore, NewApplication,
    RoundId, VenueCode, VenueSeats,
};
use cqnet_store::training::EnrollmentId;
use cqnet_store::{CommandMeta, IdempotencyKey, Version, Versioned};
use cqnet_store::{StoreError, StoreResult};

use cqnet_store::exam::commands;
use cqnet_store::unit_of_work::{ExamTransaction, Lock, Seat};

use super::transaction::{first, staged_or};
use super::{MemoryStore, MemoryTransaction};
use crate::shared::training::not_found;
use cqnet_store::ConflictKind;

#[derive(Default)]
pub(super) struct ExamState {
    rounds: BTreeMap<RoundId, Versioned<ExamRound>>,
    booked: HashMap<(RoundId, VenueCode), u32>,
    counters: HashMap<RoundId, u32>,
    applications: HashMap<ApplicationId, Versioned<Application>>,
    by_round: HashMap<RoundId, Vec<ApplicationId>>,
    by_candidate: HashMap<EnrollmentId, Vec<ApplicationId>>,
    active: HashSet<(RoundId, EnrollmentId)>,
    results: HashMap<ApplicationId, Versioned<ExamResult>>,
}

impl ExamState {
    /// Every application with its result, if entered.
    pub(super) fn applications_with_results(
        &self,
    ) -> impl Iterator<Item = (&Application, Option<&ExamResult>)> {
        self.applications
            .iter()
            .map(|(id, a)| (&a.value, self.results.get(id).map(|r| &r.value)))
    }

    /// The results of one round.
    pub(super) fn results_of<'a>(
        &'a self,
        round: &RoundId,
    ) -> impl Iterator<Item = &'a ExamResult> {
        self.by_round
            .get(round)
            .into_iter()
            .flatten()
            .filter_map(|id| self.results.get(id).map(|r| &r.value))
    }
}

/// The exam writes of a command, applied together when it succeeds.
#[derive(Default)]
pub(super) struct ExamStaged {
    rounds: BTreeMap<RoundId, Versioned<ExamRound>>,
    booked: HashMap<(RoundId, VenueCode), u32>,
    counters: HashMap<RoundId, u32>,
    applications: BTreeMap<ApplicationId, Versioned<Application>>,
    results: BTreeMap<ApplicationId, Versioned<ExamResult>>,
}

impl ExamStaged {
    /// Applies the writes (nothing here can fail), keeping the indexes by round, by
    /// candidate and of active applications.
    pub(super) fn apply(self, e: &mut ExamState) {
        e.rounds.extend(self.rounds);
        e.booked.extend(self.booked);
        e.counters.extend(self.counters);
        for (id, a) in self.applications {
            let key = (a.value.round.clone(), a.value.candidate);
            if a.value.status.is_active() {
                e.active.insert(key);
            } else {
                e.active.remove(&key);
            }
            if !e.applications.contains_key(&id) {
                e.by_round
                    .entry(a.value.round.clone())
                    .or_default()
                    .push(id);
                e.by_candidate
                    .entry(a.value.candidate)
                    .or_default()
                    .push(id);
            }
            e.applications.insert(id, a);
        }
        e.results.extend(self.results);
    }
}

impl ExamTransaction for MemoryTransaction<'_> {
    async fn round(&mut self, id: &RoundId) -> StoreResult<Option<Versioned<ExamRound>>> {
        let (staged, state) = (&self.staged().exam, &self.state().exam);
        Ok(staged_or(staged.rounds.get(id), state.rounds.get(id)))
    }

    async fn insert_round(&mut self, round: &ExamRound) -> StoreResult<()> {
        self.staged_mut()
            .exam
            .rounds
            .insert(round.id(), first(round));
        Ok(())
    }

    async fn take_seat(&mut self, round: &RoundId, venue: &VenueCode) -> StoreResult<Seat> {
        let Some(r) = ExamTransaction::round(self, round).await? else {
            return Ok(Seat::NoSuchVenue);
        };
        let Some(v) = r.value.venue(venue) else {
            return Ok(Seat::NoSuchVenue);
        };
        let capacity = v.capacity();
        let seat = (round.clone(), venue.clone());
        let booked = self.booked(&seat);
        if booked >= capacity {
            return Ok(Seat::Full { capacity });
        }
        self.staged_mut().exam.booked.insert(seat, booked + 1);
        Ok(Seat::Taken)
    }

    async fn free_seat(&mut self, round: &RoundId, venue: &VenueCode) -> StoreResult<bool> {
        let seat = (round.clone(), venue.clone());
        let booked = self.booked(&seat);
        if booked == 0 {
            return Ok(false);
        }
        self.staged_mut().exam.booked.insert(seat, booked - 1);
        Ok(true)
    }

    async fn next_sequence(&mut self, round: &RoundId) -> StoreResult<u64> {
        let (staged, state) = (&self.staged().exam, &self.state().exam);
        let last = staged_or(staged.counters.get(round), state.counters.get(round)).unwrap_or(0);
        let next = last.checked_add(1).ok_or_else(|| {
            StoreError::conflict(
                ConflictKind::NumbersExhausted,
                format!("round {round} has no exam number left"),
            )
        })?;
        self.staged_mut().exam.counters.insert(round.clone(), next);
        Ok(u64::from(next))
    }

    async fn application(
        &mut self,
        id: ApplicationId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<Application>>> {
        let (staged, state) = (&self.staged().exam, &self.state().exam);
        Ok(staged_or(
            staged.applications.get(&id),
            state.applications.get(&id),
        ))
    }

    async fn has_active_application(
        &mut self,
        round: &RoundId,
        candidate: EnrollmentId,
    ) -> StoreResult<bool> {
        let staged = self
            .staged()
            .exam
            .applications
            .values()
            .find(|a| a.value.round == *round && a.value.candidate == candidate);
        Ok(match staged {
            Some(a) => a.value.status.is_active(),
            None => self
                .state()
                .exam
                .active
                .contains(&(round.clone(), candidate)),
        })
    }

    async fn insert_application(&mut self, a: &Application) -> StoreResult<()> {
        self.staged_mut().exam.applications.insert(a.id, first(a));
        Ok(())
    }

    async fn replace_application(&mut self, a: &Application, version: Version) -> StoreResult<()> {
        let value = Versioned {
            value: a.clone(),
            version,
        };
        self.staged_mut().exam.applications.insert(a.id, value);
        Ok(())
    }

    async fn result(
        &mut self,
        application: ApplicationId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<ExamResult>>> {
        let (staged, state) = (&self.staged().exam, &self.state().exam);
        Ok(staged_or(
            staged.results.get(&application),
            state.results.get(&application),
        ))
    }

    async fn insert_result(&mut self, r: &ExamResult) -> StoreResult<()> {
        self.replace_result(r, Version::FIRST).await
    }

    async fn replace_result(&mut self, r: &ExamResult, version: Version) -> StoreResult<()> {
        let value = Versioned {
            value: r.clone(),
            version,
        };
        self.staged_mut().exam.results.insert(r.application, value);
        Ok(())
    }
}

impl MemoryTransaction<'_> {
    /// The seats booked at a venue, staged or committed.
    fn booked(&self, seat: &(RoundId, VenueCode)) -> u32 {
        let (staged, state) = (&self.staged().exam, &self.state().exam);
        staged_or(staged.booked.get(seat), state.booked.get(seat)).unwrap_or(0)
    }
}

impl ExamStore for MemoryStore {
    fn create_round(&self, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version> {
        self.transact(async |tx| commands::create_round(tx, meta, round).await)
    }

    fn round(&self, id: &RoundId) -> StoreResult<Versioned<ExamRound>> {
        self.lock()?
            .exam
            .rounds
            .get(id)
            .cloned()
            .ok_or_else(|| not_found("round", id))
    }

    fn rounds(&self) -> StoreResult<Vec<Versioned<ExamRound>>> {
        Ok(self.lock()?.exam.rounds.values().cloned().collect())
    }

    fn venue_seats(&self, round: &RoundId) -> StoreResult<Vec<VenueSeats>> {
        let s = self.lock()?;
        let r = s
            .exam
            .rounds
            .get(round)
            .ok_or_else(|| not_found("round", round))?;
        Ok(r.value
            .venues()
            .iter()
            .map(|v| VenueSeats {
                venue: v.code().clone(),
                capacity: v.capacity(),
                booked: s
                    .exam
                    .booked
                    .get(&(round.clone(), v.code().clone()))
                    .copied()
                    .unwrap_or(0),
            })
            .collect())
    }

    fn apply(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewApplication,
    ) -> StoreResult<Versioned<Application>> {
        self.transact(async |tx| commands::apply(tx, meta, key, new).await)
    }

    fn cancel(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        cancellation: &Cancellation,
    ) -> StoreResult<Versioned<Application>> {
        self.transact(async |tx| commands::cancel(tx, meta, key, cancellation).await)
    }

    fn record_payment(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        expected: Version,
    ) -> StoreResult<Version> {
        self.transact(async |tx| commands::record_payment(tx, meta, application, expected).await)
    }

    fn application(&self, id: ApplicationId) -> StoreResult<Versioned<Application>> {
        self.lock()?
            .exam
            .applications
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found("application", id))
    }

    fn applications(&self, round: &RoundId) -> StoreResult<Vec<Versioned<Application>>> {
        let s = self.lock()?;
        let ids = s.exam.by_round.get(round).map(Vec::as_slice).unwrap_or(&[]);
        let mut out: Vec<_> = ids
            .iter()
            .filter_map(|id| s.exam.applications.get(id).cloned())
            .collect();
        out.sort_by(|a, b| a.value.number.cmp(&b.value.number));
        Ok(out)
    }

    fn applications_of(&self, candidate: EnrollmentId) -> StoreResult<Vec<Versioned<Application>>> {
        let s = self.lock()?;
        let ids = s
            .exam
            .by_candidate
            .get(&candidate)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut out: Vec<_> = ids
            .iter()
            .filter_map(|id| s.exam.applications.get(id).cloned())
            .collect();
        out.sort_by(|a, b| {
            (&a.value.round, &a.value.number).cmp(&(&b.value.round, &b.value.number))
        });
        Ok(out)
    }

    fn put_result(
        &self,
        meta: &CommandMeta,
        result: &ExamResult,
        expected: Option<Version>,
    ) -> StoreResult<Version> {
        self.transact(async |tx| commands::put_result(tx, meta, result, expected).await)
    }

    fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> StoreResult<Version> {
        self.transact(async |tx| {
            commands::finalise_result(tx, meta, application, passed, expected).await
        })
    }

    fn result(&self, application: ApplicationId) -> StoreResult<Option<Versioned<ExamResult>>> {
        Ok(self.lock()?.exam.results.get(&application).cloned())
    }

    fn results(&self, round: &RoundId) -> StoreResult<Vec<Versioned<ExamResult>>> {
        let s = self.lock()?;
        let ids = s.exam.by_round.get(round).map(Vec::as_slice).unwrap_or(&[]);
        let mut out: Vec<_> = ids
            .iter()
            .filter_map(|id| s.exam.results.get(id).cloned())
            .collect();
        out.sort_by(|a, b| a.value.number.cmp(&b.value.number));
        Ok(out)
    }
}
