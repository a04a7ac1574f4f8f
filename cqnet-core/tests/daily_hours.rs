//! The standing hours per calendar day a store keeps beside a ledger equal those of the whole
//! ledger: folding random valid ledgers (chains of corrections that may move hours from one day
//! to another) entry by entry with [`DailyHours::apply`] gives what [`effective_daily_hours`]
//! and [`DailyHours::of`] give, also when each batch reads and writes back only the days it
//! touches, as a store does; and [`check_daily_hours`] refuses exactly the days above the pack's
//! limit.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use cqnet_core::ledger::{
    DailyHours, DayAttendance, StandingError, TargetStanding, check_daily_hours,
    effective_daily_hours,
};
use cqnet_core::rules::RulePack;
use cqnet_core::{Hours, Quantity, ReasonCode, Subject, Track};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn first_day() -> NaiveDate {
    "2026-03-02".parse().expect("a date")
}

/// One step of a random ledger: a new entry, or the correction of a standing entry (chosen by
/// index among the standing ones), on one of a few days, with hours in tenths.
#[derive(Debug, Clone)]
struct Step {
    correct: Option<usize>,
    day: u64,
    tenths: u32,
}

fn step() -> impl Strategy<Value = Step> {
    (
        prop::option::weighted(0.4, any::<usize>()),
        0..5u64,
        0..100u32,
    )
        .prop_map(|(correct, day, tenths)| Step {
            correct,
            day,
            tenths,
        })
}

/// A valid ledger from steps: each correction names an entry no correction supersedes yet.
fn ledger(steps: &[Step]) -> Vec<DayAttendance> {
    let mut entries: Vec<DayAttendance> = Vec::new();
    let mut standing: Vec<u64> = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        let position = i as u64 + 1;
        let corrects = match s.correct {
            Some(pick) if !standing.is_empty() => Some(standing.remove(pick % standing.len())),
            _ => None,
        };
        standing.push(position);
        entries.push(DayAttendance {
            position,
            day: first_day()
                .checked_add_days(Days::new(s.day))
                .expect("a day"),
            hours: Hours::new(Decimal::new(i64::from(s.tenths), 1)).expect("hours in range"),
            corrects,
        });
    }
    entries
}

/// The per-day sums worked out by hand: each entry's hours on its day, minus the hours of every
/// entry some other entry names in `corrects`.
fn sums_by_hand(entries: &[DayAttendance]) -> BTreeMap<NaiveDate, Decimal> {
    let superseded: BTreeSet<u64> = entries.iter().filter_map(|e| e.corrects).collect();
    let mut sums: BTreeMap<NaiveDate, Decimal> = BTreeMap::new();
    for e in entries.iter().filter(|e| !superseded.contains(&e.position)) {
        *sums.entry(e.day).or_default() += e.hours.value();
    }
    sums
}

proptest! {
    #[test]
    fn folding_entry_by_entry_equals_the_whole_ledger(steps in prop::collection::vec(step(), 0..60)) {
        let entries = ledger(&steps);
        let mut kept = DailyHours::default();
        for e in &entries {
            let superseded = e.corrects.map(|c| &entries[(c - 1) as usize]);
            kept.apply(e, superseded).expect("a valid ledger folds");
        }
        prop_assert_eq!(kept.totals(), sums_by_hand(&entries));
        prop_assert_eq!(kept.totals(), effective_daily_hours(&entries));
        prop_assert_eq!(&kept, &DailyHours::of(&entries));
    }

    /// As a store keeps them: the tallies of every day in a table, and each batch reading only
    /// the days its entries and the entries they supersede fall on, folding, and writing those
    /// days back (a day left with no entry written as an empty tally).
    #[test]
    fn batches_that_read_only_their_days_keep_the_whole_ledgers_days(
        steps in prop::collection::vec(step(), 0..60),
        cuts in prop::collection::vec(1..8usize, 0..20),
    ) {
        let entries = ledger(&steps);
        let mut table: BTreeMap<NaiveDate, TargetStanding> = BTreeMap::new();
        let mut from = 0;
        let mut cuts = cuts.into_iter();
        while from < entries.len() {
            let to = (from + cuts.next().unwrap_or(entries.len())).min(entries.len());
            let batch = &entries[from..to];
            let superseded = |e: &DayAttendance| e.corrects.map(|c| &entries[(c - 1) as usize]);
            let touched: BTreeSet<NaiveDate> = batch
                .iter()
                .flat_map(|e| std::iter::once(e.day).chain(superseded(e).map(|s| s.day)))
                .collect();
            let mut kept: DailyHours = touched
                .iter()
                .filter_map(|d| table.get(d).map(|t| (*d, *t)))
                .collect();
            for e in batch {
                kept.apply(e, superseded(e)).expect("a valid batch folds");
            }
            for d in touched {
                table.insert(d, kept.day(d).unwrap_or_default());
            }
            from = to;
        }
        let stored: DailyHours = table.into_iter().collect();
        prop_assert_eq!(&stored, &DailyHours::of(&entries));
    }

    #[test]
    fn the_check_refuses_exactly_the_days_above_the_limit(steps in prop::collection::vec(step(), 0..60)) {
        let entries = ledger(&steps);
        let kept = DailyHours::of(&entries);
        let by_hand = sums_by_hand(&entries);
        for track in [Track::CourseBased, Track::WorkStudy] {
            for offset in 0..5 {
                let day = first_day().checked_add_days(Days::new(offset)).expect("a day");
                let rules = RulePack::embedded().rules_at(day).expect("rules in force");
                let limit = match track {
                    Track::CourseBased => rules.course_based.daily_max_hours.clone(),
                    Track::WorkStudy => rules.work_study.daily_max_hours.clone(),
                };
                let hours = by_hand.get(&day).copied().unwrap_or_default();
                let reasons = check_daily_hours(&kept, day, track, &rules);
                if hours > limit.value.value() {
                    prop_assert_eq!(reasons.len(), 1);
                    let r = &reasons[0];
                    prop_assert_eq!(r.code, ReasonCode::DailyHoursExceeded);
                    prop_assert_eq!(&r.subject, &Some(Subject::Day { day }));
                    prop_assert_eq!(&r.measured, &Some(Quantity::Hours(hours)));
                    prop_assert_eq!(&r.required, &Some(Quantity::Hours(limit.value.value())));
                    prop_assert_eq!(&r.legal_basis, &limit.basis);
                    prop_assert!(r.message.ko.contains(&day.to_string()));
                    prop_assert!(r.message.en.contains(&day.to_string()));
                } else {
                    prop_assert!(reasons.is_empty(), "{:?}", reasons);
                }
            }
        }
    }
}

#[test]
fn a_correction_moves_its_hours_to_its_own_day() {
    let day = |offset| first_day().checked_add_days(Days::new(offset)).unwrap();
    let entry = |position, on, hours, corrects| DayAttendance {
        position,
        day: day(on),
        hours: Hours::whole(hours).unwrap(),
        corrects,
    };
    let entries = [entry(1, 0, 8, None), entry(2, 1, 8, Some(1))];
    let kept = DailyHours::of(&entries);
    assert_eq!(kept.day(day(0)), None, "the superseded entry left its day");
    assert_eq!(
        kept.day(day(1)),
        Some(TargetStanding {
            hours: 8.into(),
            entries: 1
        })
    );
}

#[test]
fn a_superseded_entry_whose_day_was_not_read_is_refused_and_changes_nothing() {
    let entry = |position, hours, corrects| DayAttendance {
        position,
        day: first_day(),
        hours: Hours::whole(hours).unwrap(),
        corrects,
    };
    let first = entry(1, 8, None);
    // The kept day holds 3 hours, not the 8 the superseded entry claims.
    let mut kept = DailyHours::of(&[entry(1, 3, None)]);
    let before = kept.clone();
    assert_eq!(
        kept.apply(&entry(2, 1, Some(1)), Some(&first)),
        Err(StandingError::NotStanding)
    );
    assert_eq!(kept, before);
}

#[test]
fn days_without_a_standing_entry_are_not_kept() {
    let day = first_day();
    let kept: DailyHours = [(day, TargetStanding::default())].into_iter().collect();
    assert_eq!(kept, DailyHours::default());
    assert_eq!(kept.days().count(), 0);
}

#[test]
fn every_track_has_a_daily_limit_within_the_day_on_every_day_of_the_pack() {
    let pack = RulePack::embedded();
    let mut day: NaiveDate = "2015-01-01".parse().unwrap();
    let last = pack.latest_change();
    while day <= last {
        let rules = pack.rules_at(day).unwrap();
        for limit in [
            &rules.course_based.daily_max_hours,
            &rules.work_study.daily_max_hours,
        ] {
            assert!(!limit.value.is_zero(), "{day}");
            assert!(limit.value <= Hours::whole(24).unwrap(), "{day}");
            assert!(!limit.basis.citation().is_empty(), "{day}");
        }
        day = day.checked_add_days(Days::new(30)).unwrap();
    }
}
