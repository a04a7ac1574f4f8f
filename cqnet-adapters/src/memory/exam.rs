//! The in-memory [`ExamStore`]: rounds, seats, applications and results in the same state and
//! behind the same mutex as the training records, so that a command and its audit line are one
//! step.

use std::collections::{BTreeMap, HashMap, HashSet};

use cqnet_core::exam::ExamNumber;
use cqnet_store::exam::{
    Application, ApplicationId, ApplicationStatus, Cancellation, ExamResult, ExamRound, ExamStore,
    NewApplication, PaymentState, RoundId, VenueCode, VenueSeats,
};
use cqnet_store::training::EnrollmentId;
use cqnet_store::{CommandMeta, IdempotencyKey, Version, Versioned};
use cqnet_store::{StoreError, StoreResult};

use super::{Changes, MemoryStore, State, check_version};
use crate::shared::exam::{check_cancellation, check_payment, check_result_matches, finalised};
use crate::shared::training::not_found;

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

fn apply_in<'a>(
    s: &State,
    meta: &'a CommandMeta,
    new: &'a NewApplication,
) -> StoreResult<(Versioned<Application>, Changes<'a>)> {
    if !s.enrollments.contains_key(&new.candidate) {
        return Err(not_found("enrollment", new.candidate));
    }
    let round = s
        .exam
        .rounds
        .get(&new.round)
        .ok_or_else(|| not_found("round", &new.round))?;
    let venue = round
        .value
        .venue(&new.venue)
        .ok_or_else(|| not_found("venue", format!("{}/{}", new.round, new.venue)))?;
    let capacity = venue.capacity();
    if s.exam.applications.contains_key(&new.id) {
        return Err(StoreError::AlreadyExists {
            what: "application",
            key: new.id.to_string(),
        });
    }
    if s.exam.active.contains(&(new.round.clone(), new.candidate)) {
        return Err(StoreError::AlreadyExists {
            what: "application",
            key: format!("{} in round {}", new.candidate, new.round),
        });
    }
    let seat = (new.round.clone(), new.venue.clone());
    let booked = s.exam.booked.get(&seat).copied().unwrap_or(0);
    if booked >= capacity {
        return Err(StoreError::VenueFull {
            venue: new.venue.to_string(),
            capacity,
        });
    }
    let sequence = s.exam.counters.get(&new.round).copied().unwrap_or(0) + 1;
    let number = ExamNumber::compose(round.value.plan(), sequence)
        .map_err(|e| StoreError::Conflict(format!("round {}: {e}", new.round)))?;
    let application = Versioned {
        value: Application {
            id: new.id,
            round: new.round.clone(),
            candidate: new.candidate,
            qualification: new.qualification.clone(),
            venue: new.venue.clone(),
            fee: new.fee,
            number,
            status: ApplicationStatus::Active,
            payment: PaymentState::Unpaid,
            applied_at: meta.at,
        },
        version: Version::FIRST,
    };
    let subject = format!(
        "application {} ({}) of {} at {}",
        new.id, application.value.number, new.candidate, new.venue
    );
    let kept = application.clone();
    let changes: Changes<'a> = Box::new(move |s| {
        let e = &mut s.exam;
        e.booked.insert(seat, booked + 1);
        e.counters.insert(new.round.clone(), sequence);
        e.active.insert((new.round.clone(), new.candidate));
        e.by_round
            .entry(new.round.clone())
            .or_default()
            .push(new.id);
        e.by_candidate
            .entry(new.candidate)
            .or_default()
            .push(new.id);
        e.applications.insert(new.id, kept);
        s.audit(meta, "apply", subject);
    });
    Ok((application, changes))
}

fn cancel_in<'a>(
    s: &State,
    meta: &'a CommandMeta,
    c: &'a Cancellation,
) -> StoreResult<(Versioned<Application>, Changes<'a>)> {
    let has_result = s.exam.results.contains_key(&c.application);
    let current = s
        .exam
        .applications
        .get(&c.application)
        .ok_or_else(|| not_found("application", c.application))?;
    check_cancellation(&current.value, has_result)?;
    let mut answer = current.clone();
    answer.value.status = ApplicationStatus::Cancelled {
        at: meta.at,
        reason: c.reason,
        refund: c.refund,
    };
    if answer.value.payment == PaymentState::Paid {
        answer.value.payment = PaymentState::Refunded { amount: c.refund };
    }
    answer.version = answer.version.next();
    let kept = answer.clone();
    let changes: Changes<'a> = Box::new(move |s| {
        let a = &kept.value;
        let seat = (a.round.clone(), a.venue.clone());
        if let Some(n) = s.exam.booked.get_mut(&seat) {
            *n = n.saturating_sub(1);
        }
        s.exam.active.remove(&(a.round.clone(), a.candidate));
        let subject = format!("application {} refund {}", a.id, c.refund);
        s.exam.applications.insert(a.id, kept);
        s.audit(meta, "cancel", subject);
    });
    Ok((answer, changes))
}

impl ExamStore for MemoryStore {
    fn create_round(&self, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version> {
        self.command(|s| {
            let id = round.id();
            if s.exam.rounds.contains_key(&id) {
                return Err(StoreError::AlreadyExists {
                    what: "round",
                    key: id.to_string(),
                });
            }
            let changes: Changes<'_> = Box::new(move |s| {
                s.exam.rounds.insert(
                    id.clone(),
                    Versioned {
                        value: round.clone(),
                        version: Version::FIRST,
                    },
                );
                s.audit(meta, "create_round", format!("round {id}"));
            });
            Ok((Version::FIRST, changes))
        })
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
        self.idempotent(meta, key, "apply", &new.idempotency_payload(), |s| {
            apply_in(s, meta, new)
        })
    }

    fn cancel(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        cancellation: &Cancellation,
    ) -> StoreResult<Versioned<Application>> {
        self.idempotent(meta, key, "cancel", cancellation, |s| {
            cancel_in(s, meta, cancellation)
        })
    }

    fn record_payment(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        expected: Version,
    ) -> StoreResult<Version> {
        self.command(|s| {
            let current = s
                .exam
                .applications
                .get(&application)
                .ok_or_else(|| not_found("application", application))?;
            check_version("application", application, expected, current.version)?;
            check_payment(&current.value)?;
            let mut paid = current.clone();
            paid.value.payment = PaymentState::Paid;
            paid.version = paid.version.next();
            let version = paid.version;
            let changes: Changes<'_> = Box::new(move |s| {
                s.exam.applications.insert(application, paid);
                s.audit(meta, "record_payment", format!("application {application}"));
            });
            Ok((version, changes))
        })
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
        self.command(|s| {
            let id = result.application;
            let app = s
                .exam
                .applications
                .get(&id)
                .ok_or_else(|| not_found("application", id))?;
            check_result_matches(&app.value, result)?;
            let version = match (s.exam.results.get(&id), expected) {
                (None, None) => Version::FIRST,
                (None, Some(_)) => return Err(not_found("result", id)),
                (Some(_), None) => {
                    return Err(StoreError::AlreadyExists {
                        what: "result",
                        key: id.to_string(),
                    });
                }
                (Some(current), Some(expected)) => {
                    check_version("result", id, expected, current.version)?;
                    if current.value.finalised {
                        return Err(finalised(id));
                    }
                    current.version.next()
                }
            };
            let mut stored = result.clone();
            stored.passed = None;
            stored.finalised = false;
            let changes: Changes<'_> = Box::new(move |s| {
                s.exam.results.insert(
                    id,
                    Versioned {
                        value: stored,
                        version,
                    },
                );
                s.audit(meta, "put_result", format!("result of application {id}"));
            });
            Ok((version, changes))
        })
    }

    fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> StoreResult<Version> {
        self.command(|s| {
            let current = s
                .exam
                .results
                .get(&application)
                .ok_or_else(|| not_found("result", application))?;
            check_version("result", application, expected, current.version)?;
            if current.value.finalised {
                return Err(finalised(application));
            }
            let mut last = current.clone();
            last.value.passed = Some(passed);
            last.value.finalised = true;
            last.version = last.version.next();
            let version = last.version;
            let changes: Changes<'_> = Box::new(move |s| {
                s.exam.results.insert(application, last);
                s.audit(
                    meta,
                    "finalise_result",
                    format!("result of application {application}: passed {passed}"),
                );
            });
            Ok((version, changes))
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
