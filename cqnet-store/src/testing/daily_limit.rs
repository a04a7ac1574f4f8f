//! The daily limit of attendance (1일 훈련시간 상한): every store refuses a batch that raises a
//! learner's standing hours on a calendar day above the rule pack's limit of their track, with
//! the core's reason and no trace, lets a correction that lowers a day make room, and keeps the
//! limit when writers race for one learner's one day.
//!
//! The limits are read from the embedded pack (the one a command built without a pack is
//! checked under), never written here, so the cases follow the pack; one case checks a
//! command under a pack of its own, and the services passing theirs.

use std::sync::Arc;

use cqnet_core::ledger::{DayAttendance, effective_daily_hours};
use cqnet_core::rules::{Rule, RulePack};
use cqnet_core::{Hours, Quantity, ReasonCode, Subject};
use rust_decimal::Decimal;

use super::{World, key, training_day};
use crate::training::*;
use crate::{AsyncStore, Store, StoreError};

/// The limit of each track on the fixture's first training day.
fn limits() -> (Rule<Hours>, Rule<Hours>) {
    let rules = RulePack::embedded()
        .rules_at(training_day(0))
        .expect("rules in force on the fixture's days");
    (
        rules.course_based.daily_max_hours,
        rules.work_study.daily_max_hours,
    )
}

fn hours(h: Decimal) -> Hours {
    Hours::new(h).expect("hours in range")
}

/// A refusal for the day of training day `n`, measuring `measured` against `limit`.
fn refused_on<T: std::fmt::Debug>(
    result: Result<T, StoreError>,
    enrollment: EnrollmentId,
    n: u64,
    measured: Decimal,
    limit: &Rule<Hours>,
) {
    match result {
        Err(StoreError::AboveDailyLimit {
            enrollment: who,
            reasons,
        }) => {
            assert_eq!(who, enrollment.to_string(), "the error names the learner");
            assert_eq!(reasons.len(), 1, "one day above the limit: {reasons:?}");
            let r = &reasons[0];
            assert_eq!(r.code, ReasonCode::DailyHoursExceeded);
            assert_eq!(
                r.subject,
                Some(Subject::Day {
                    day: training_day(n)
                })
            );
            assert_eq!(r.measured, Some(Quantity::Hours(measured)));
            assert_eq!(r.required, Some(Quantity::Hours(limit.value.value())));
            assert_eq!(r.legal_basis, limit.basis, "the basis is the pack's");
            assert!(r.message.ko.contains(&training_day(n).to_string()));
        }
        other => panic!("expected AboveDailyLimit on day {n}, got {other:?}"),
    }
}

/// The hours on each day of a learner's whole ledger, as the core counts them.
fn days_of<S: Store>(
    store: &S,
    id: EnrollmentId,
) -> std::collections::BTreeMap<chrono::NaiveDate, Decimal> {
    let ledger = store.attendance(id).unwrap();
    let days: Vec<DayAttendance> = ledger.iter().map(AttendanceEntry::core_daily).collect();
    effective_daily_hours(&days)
}

/// A trainee's day above the 과정평가형 limit is refused (the core's reason, no entry, no key,
/// no audit line) and exactly the limit is accepted; one more hour that day is refused and
/// fits the next day; a correction that lowers the day makes room, one that moves hours onto
/// the full day is refused, a batch that lowers and adds as much on the day is accepted, and
/// an hour moved to a day of another month counts there.
/// A learning worker's OJT and Off-JT count together against the 일학습병행 limit.
pub fn daily_limit_refuses_and_corrections_make_room<S: Store>(factory: &dyn Fn() -> S) {
    let store = factory();
    let w = World::new(10);
    w.install(&store);
    let t = w.trainee(1);
    store.enroll(&w.staff, &key("e1"), &t).unwrap();
    let (course_based, work_study) = limits();
    let cap = course_based.value.value();
    // The limit split over the two units, each within its 40 scheduled hours.
    let (half, rest) = (
        (cap / Decimal::TWO).floor(),
        cap - (cap / Decimal::TWO).floor(),
    );
    let on = |unit, n, h: Decimal| NewAttendance {
        hours: hours(h),
        ..w.attend_on(t.id(), unit, n, 0)
    };

    let audit = store.audit_entries(None, 10_000).unwrap().len();
    let over = [on(0, 0, half), on(1, 0, rest + Decimal::ONE)];
    refused_on(
        store.append_attendance(&w.staff, &key("over"), &over),
        t.id(),
        0,
        cap + Decimal::ONE,
        &course_based,
    );
    assert!(store.attendance(t.id()).unwrap().is_empty(), "no entry");
    assert!(!store.command_recorded(&key("over")).unwrap(), "no key");
    assert_eq!(
        store.audit_entries(None, 10_000).unwrap().len(),
        audit,
        "no audit line"
    );

    let full = store
        .append_attendance(&w.staff, &key("full"), &[on(0, 0, half), on(1, 0, rest)])
        .expect("exactly the limit is accepted");
    refused_on(
        store.append_attendance(&w.staff, &key("more"), &[on(0, 0, Decimal::ONE)]),
        t.id(),
        0,
        cap + Decimal::ONE,
        &course_based,
    );
    let next = store
        .append_attendance(&w.staff, &key("next"), &[on(0, 1, Decimal::ONE)])
        .expect("the next day has room");

    // Unit A's hours of the full day lowered by 2: 2 hours fit again.
    let lower = NewAttendance {
        corrects: Some(full[0].seq),
        ..on(0, 0, half - Decimal::TWO)
    };
    let lowered = store
        .append_attendance(&w.staff, &key("lower"), &[lower])
        .expect("a correction that lowers a day");
    store
        .append_attendance(&w.staff, &key("room"), &[on(1, 0, Decimal::TWO)])
        .expect("the room a lowering correction made");
    // The next day's hour moved onto the full day: refused.
    let onto_full = NewAttendance {
        corrects: Some(next[0].seq),
        ..on(0, 0, Decimal::ONE)
    };
    refused_on(
        store.append_attendance(&w.staff, &key("move"), &[onto_full]),
        t.id(),
        0,
        cap + Decimal::ONE,
        &course_based,
    );
    // One batch lowering the full day by an hour and adding an hour to it.
    let trade = [
        NewAttendance {
            corrects: Some(lowered[0].seq),
            ..on(0, 0, half - Decimal::TWO - Decimal::ONE)
        },
        on(1, 0, Decimal::ONE),
    ];
    store
        .append_attendance(&w.staff, &key("trade"), &trade)
        .expect("a batch that leaves the day at the limit");
    let days = days_of(&store, t.id());
    assert_eq!(
        days[&training_day(0)],
        cap,
        "the full day, from the whole ledger"
    );
    assert_eq!(days[&training_day(1)], Decimal::ONE);
    // The next day's hour moved to a day of the next month, which then holds only the rest.
    let april = 40;
    assert_ne!(
        training_day(april).format("%m").to_string(),
        training_day(1).format("%m").to_string()
    );
    store
        .append_attendance(
            &w.staff,
            &key("april"),
            &[NewAttendance {
                corrects: Some(next[0].seq),
                ..on(0, april, Decimal::ONE)
            }],
        )
        .expect("a correction onto a day with room");
    refused_on(
        store.append_attendance(
            &w.staff,
            &key("april-over"),
            &[on(0, april, half), on(1, april, rest)],
        ),
        t.id(),
        april,
        cap + Decimal::ONE,
        &course_based,
    );
    let days = days_of(&store, t.id());
    assert_eq!(days.get(&training_day(1)), None, "the hour left its day");
    assert_eq!(days[&training_day(april)], Decimal::ONE);

    // A learning worker: OJT and Off-JT of one day together.
    let lw = w.learning_worker(1);
    store.enroll(&w.company_staff, &key("e2"), &lw).unwrap();
    let cap = work_study.value.value();
    let ojt = (cap / Decimal::TWO).floor();
    let worked = |target, h: Decimal| NewAttendance {
        target,
        hours: hours(h),
        ..w.attend_on(lw.id(), 0, 0, 0)
    };
    let over = [
        worked(AttendanceTarget::Ojt, ojt),
        worked(AttendanceTarget::OffJt, cap - ojt + Decimal::ONE),
    ];
    refused_on(
        store.append_attendance(&w.company_staff, &key("w-over"), &over),
        lw.id(),
        0,
        cap + Decimal::ONE,
        &work_study,
    );
    let within = [
        worked(AttendanceTarget::Ojt, ojt),
        worked(AttendanceTarget::OffJt, cap - ojt),
    ];
    store
        .append_attendance(&w.company_staff, &key("w-full"), &within)
        .expect("a learning worker's full day");
    assert_eq!(days_of(&store, lw.id())[&training_day(0)], cap);
}

/// Per writer, the hours of the daily race.
const RACE_HOURS: u32 = 2;

/// How many of the daily race's writers the limit lets in: as many whole batches as fit.
fn fit_in_a_day(limit: &Rule<Hours>, writers: usize) -> usize {
    let per = Decimal::from(RACE_HOURS);
    let fit = (limit.value.value() / per).floor();
    let fit = usize::try_from(u64::try_from(fit).expect("a whole number")).expect("a count");
    assert!(
        fit < writers,
        "the race must be for more hours than the day holds"
    );
    fit
}

fn accepted_and_above_daily_limit<T>(results: &[Result<T, StoreError>]) -> (usize, usize) {
    super::accepted_and_refused(results, |e| matches!(e, StoreError::AboveDailyLimit { .. }))
}

/// The daily race: [`WRITERS`](super::WRITERS) threads, released together, each append 2 hours
/// to one trainee's first training day, in a unit whose schedule holds them all: exactly as
/// many as the day holds are accepted, every other one is refused with
/// [`StoreError::AboveDailyLimit`], and the day ends within the limit (0 hours in excess).
pub fn daily_race_never_exceeds<S: Store + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let w = World::new(10);
    w.install(&*store);
    let e = w.trainee(0);
    store.enroll(&w.staff, &key("e0"), &e).unwrap();
    let eid = e.id();
    let (limit, _) = limits();
    let fit = fit_in_a_day(&limit, super::WRITERS);
    let start = Arc::new(std::sync::Barrier::new(super::WRITERS));
    let handles: Vec<_> = (0..super::WRITERS)
        .map(|t| {
            let (store, w, start) = (Arc::clone(&store), w.clone(), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                let fact = w.attend_on(eid, t % 2, 0, RACE_HOURS);
                store.append_attendance(&w.staff, &key(&format!("day-{t}")), &[fact])
            })
        })
        .collect();
    let results: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("writer thread"))
        .collect();
    assert_eq!(
        accepted_and_above_daily_limit(&results),
        (fit, super::WRITERS - fit),
        "{results:?}"
    );
    assert_eq!(
        days_of(&*store, eid)[&training_day(0)],
        Decimal::from(RACE_HOURS) * Decimal::from(fit as u64),
        "0 hours in excess"
    );
}

/// The async twin of [`daily_race_never_exceeds`]: [`WRITERS`](super::WRITERS) tasks append
/// 2 hours each to one trainee's first training day; exactly as many as the day holds are
/// accepted.
pub async fn async_daily_race_never_exceeds<S: AsyncStore + 'static>(factory: &dyn Fn() -> S) {
    let store = Arc::new(factory());
    let w = World::new(10);
    w.install_async(&*store).await;
    let e = w.trainee(0);
    store.enroll(&w.staff, &key("e0"), &e).await.unwrap();
    let eid = e.id();
    let (limit, _) = limits();
    let fit = fit_in_a_day(&limit, super::WRITERS);
    let tasks: Vec<_> = (0..super::WRITERS)
        .map(|t| {
            let (store, w) = (Arc::clone(&store), w.clone());
            tokio::spawn(async move {
                let fact = w.attend_on(eid, t % 2, 0, RACE_HOURS);
                store
                    .append_attendance(&w.staff, &key(&format!("day-{t}")), &[fact])
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.expect("task"));
    }
    assert_eq!(
        accepted_and_above_daily_limit(&results),
        (fit, super::WRITERS - fit),
        "{results:?}"
    );
    let ledger = store.attendance(eid).await.unwrap();
    let days: Vec<DayAttendance> = ledger.iter().map(AttendanceEntry::core_daily).collect();
    assert_eq!(
        effective_daily_hours(&days)[&training_day(0)],
        Decimal::from(RACE_HOURS) * Decimal::from(fit as u64),
        "0 hours in excess"
    );
}

/// A pack like the embedded one with the 과정평가형 daily limit set to `hours`, as a host whose
/// timetable sets a shorter day would overlay it.
fn pack_with_course_based_day(hours: Decimal) -> RulePack {
    let overlay = format!(
        "[overlay]\nname = \"day-of-{hours}\"\n\
         [course_based.daily_max_hours]\n\
         description = \"a host's shorter training day (the conformance suite's overlay)\"\n\
         [[course_based.daily_max_hours.values]]\n\
         since = \"2015-01-01\"\nvalue = \"{hours}\"\nreference = \"the host's timetable\"\n\
         provenance = \"assumption\"\nlast_checked = \"2026-12-01\"\n"
    );
    RulePack::embedded()
        .with_overlay(&overlay)
        .expect("an overlay of the daily limit")
}

/// The limit a store checks is that of the command's pack ([`CommandMeta::rules`](crate::CommandMeta::rules)): under a
/// pack with a shorter day, a day the embedded pack allows is refused with the shorter limit
/// as required; the same batch under the embedded pack is accepted. Through the services of a
/// [`blocking::Cqnet`](crate::blocking::Cqnet) built with that pack, the refusal is the
/// service's, with the core's reasons.
pub fn the_commands_pack_sets_the_daily_limit<S: Store + 'static>(factory: &dyn Fn() -> S) {
    let (course_based, _) = limits();
    // Two hours shorter than the embedded day, and at least one hour long.
    let short = (course_based.value.value() - Decimal::TWO).max(Decimal::ONE);
    let pack = Arc::new(pack_with_course_based_day(short));
    let shorter = RulePack::clone(&pack)
        .rules_at(training_day(0))
        .expect("rules in force")
        .course_based
        .daily_max_hours;
    assert_eq!(shorter.value.value(), short, "the overlay is in force");
    let w = World::new(10);
    let day = |t: &Enrollment, unit, h: Decimal| NewAttendance {
        hours: hours(h),
        ..w.attend_on(t.id(), unit, 0, 0)
    };
    // Over the short day, within the embedded one and within the two units' schedules.
    let (a, b) = (short.min(Decimal::from(40)), Decimal::ONE);
    let batch = |t: &Enrollment| [day(t, 0, a), day(t, 1, b)];

    let store = factory();
    w.install(&store);
    let (t1, t2) = (w.trainee(1), w.trainee(2));
    store.enroll(&w.staff, &key("e1"), &t1).unwrap();
    store.enroll(&w.staff, &key("e2"), &t2).unwrap();
    let under_pack = w.staff.clone().under_rules(pack.clone());
    refused_on(
        store.append_attendance(&under_pack, &key("short-day"), &batch(&t1)),
        t1.id(),
        0,
        a + b,
        &shorter,
    );
    assert!(store.attendance(t1.id()).unwrap().is_empty(), "no entry");
    store
        .append_attendance(&w.staff, &key("embedded-day"), &batch(&t1))
        .expect("the embedded pack's day holds the same batch");

    let cqnet = crate::blocking::Cqnet::builder(store)
        .clock(crate::FixedClock::new(
            training_day(0)
                .and_hms_opt(20, 0, 0)
                .expect("an evening")
                .and_utc(),
        ))
        .rules(RulePack::clone(&pack))
        .build();
    let refused =
        cqnet
            .training()
            .record_attendance(&w.staff.actor, &key("service-short-day"), &batch(&t2));
    match refused {
        Err(crate::training::ServiceError::Refused { reasons }) => {
            assert!(
                reasons
                    .iter()
                    .any(|r| r.code == ReasonCode::DailyHoursExceeded
                        && r.required == Some(Quantity::Hours(short))),
                "the service's pack sets the limit: {reasons:?}"
            );
        }
        other => panic!("expected a refusal under the service's pack, got {other:?}"),
    }
    assert!(cqnet.store().attendance(t2.id()).unwrap().is_empty());
}
