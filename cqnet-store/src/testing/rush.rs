//! The registration rush (원서접수 첫 1시간) set up and counted, for every client that races
//! candidates for the seats of a round: the `registration_rush` example through the service,
//! the HTTP face's test through its routes.
//!
//! [`prepare`] enrolls the candidates and records a completed training for each, straight
//! through the store; [`check`] reads the round back and counts what must never happen.

use std::collections::{BTreeSet, HashSet};

use cqnet_core::Score;

use crate::exam::{Application, ApplicationId, ExamRound, ExamStore, RoundId, VenueSeats};
use crate::testing::exam::{DURING_WINDOW, agency};
use crate::testing::{World, instant, key};
use crate::training::{Course, CourseId, EnrollmentId, EvaluationResult, NewEvaluation};
use crate::{CommandMeta, Store, Versioned};

/// Trainees per course of the rush (a course holds at most 10,000).
const PER_COURSE: usize = 5_000;

/// Enrolls `candidates` trainees in courses of at most 5,000, records 40 of 40 hours in both
/// units and passing rounds for each (so every one is eligible), and creates `round`; gives
/// the enrollment ids in order.
pub fn prepare<S: Store + ExamStore>(
    store: &S,
    candidates: usize,
    round: &ExamRound,
) -> Vec<EnrollmentId> {
    let w = World::new(PER_COURSE as u32);
    w.install(store);
    let courses: Vec<World> = (0..candidates.div_ceil(PER_COURSE))
        .map(|k| {
            let mut spec = w.course.spec().clone();
            spec.id = CourseId::from_u128(300 + k as u128);
            let course = Course::new(spec).expect("a course");
            if k > 0 {
                store
                    .create_course(&w.staff, &course)
                    .expect("create course");
            }
            World {
                course,
                ..w.clone()
            }
        })
        .collect();
    let units = w.units();
    let mut ids = Vec::with_capacity(candidates);
    for i in 0..candidates {
        let e = courses[i / PER_COURSE].trainee(i as u128);
        store
            .enroll(&w.staff, &key(&format!("enroll-{i}")), &e)
            .expect("enroll");
        ids.push(e.id());
    }
    let score = Some(Score::new(90.into()).expect("a score"));
    for (b, chunk) in ids.chunks(500).enumerate() {
        let attendance: Vec<_> = chunk
            .iter()
            .flat_map(|e| [w.attend(*e, 0, 40), w.attend(*e, 1, 40)].concat())
            .collect();
        store
            .append_attendance(&w.staff, &key(&format!("att-{b}")), &attendance)
            .expect("attendance");
        let evaluations: Vec<_> = chunk
            .iter()
            .flat_map(|e| {
                [(0, 1), (1, 1), (1, 2)].map(|(u, r)| NewEvaluation {
                    enrollment: *e,
                    unit: units[u].clone(),
                    result: EvaluationResult::Round { round: r, score },
                    corrects: None,
                })
            })
            .collect();
        store
            .append_evaluations(&w.staff, &key(&format!("ev-{b}")), &evaluations)
            .expect("evaluations");
    }
    store
        .create_round(&CommandMeta::new(agency(), instant(DURING_WINDOW)), round)
        .expect("create round");
    ids
}

/// A fixed pseudo-random number of `i` (splitmix64), so that the venues the candidates choose
/// and the answers a client drops are the same every run.
pub fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// What the store holds after a rush, counted against what the clients were told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RushCheck {
    /// Seats booked beyond a venue's capacity, applications holding seats beyond it, and
    /// booked counts that disagree with the active applications. Must be 0.
    pub overbooked: u64,
    /// Acknowledged applications missing from the store. Must be 0.
    pub lost: u64,
    /// A candidate holding two active applications, an exam number given twice, or an
    /// application acknowledged twice. Must be 0.
    pub duplicates: u64,
    /// Seats booked in all.
    pub booked: u64,
    /// Seats in all.
    pub capacity: u64,
    /// Active applications in the store.
    pub active: u64,
}

/// Counts from the store what must never happen after a rush on `round`, given the
/// applications the clients were told were accepted.
pub fn check<S: ExamStore + ?Sized>(
    store: &S,
    round: &RoundId,
    acknowledged: &[ApplicationId],
) -> RushCheck {
    count(
        &store.venue_seats(round).expect("venue seats"),
        &store.applications(round).expect("applications"),
        acknowledged,
    )
}

/// [`check`] on a round's seats and applications as read (by an async store, say).
pub fn count(
    seats: &[VenueSeats],
    applications: &[Versioned<Application>],
    acknowledged: &[ApplicationId],
) -> RushCheck {
    let active: Vec<_> = applications
        .iter()
        .map(|a| &a.value)
        .filter(|a| a.status.is_active())
        .collect();
    let mut overbooked = 0u64;
    for s in seats {
        let holding = active.iter().filter(|a| a.venue == s.venue).count() as u64;
        overbooked += u64::from(s.booked.saturating_sub(s.capacity));
        overbooked += holding.saturating_sub(u64::from(s.capacity));
        // A booked count that disagrees with the applications holding seats.
        overbooked += holding.abs_diff(u64::from(s.booked));
    }
    let stored: HashSet<ApplicationId> = applications.iter().map(|a| a.value.id).collect();
    let lost = acknowledged
        .iter()
        .filter(|id| !stored.contains(id))
        .count() as u64;
    let candidates: BTreeSet<_> = active.iter().map(|a| a.candidate).collect();
    let numbers: BTreeSet<_> = applications.iter().map(|a| &a.value.number).collect();
    let acked: BTreeSet<_> = acknowledged.iter().collect();
    let duplicates = (active.len() - candidates.len()) as u64
        + (applications.len() - numbers.len()) as u64
        + (acknowledged.len() - acked.len()) as u64;
    RushCheck {
        overbooked,
        lost,
        duplicates,
        booked: seats.iter().map(|s| u64::from(s.booked)).sum(),
        capacity: seats.iter().map(|s| u64::from(s.capacity)).sum(),
        active: active.len() as u64,
    }
}
