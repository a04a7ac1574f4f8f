//! The standing hours a store keeps beside a ledger equal the effective hours of the whole
//! ledger: folding random valid ledgers (chains of corrections across targets) entry by entry
//! with [`StandingHours::apply`] gives what [`effective_attendance`] and [`StandingHours::of`]
//! give, and the schedule problems agree.

use cqnet_core::ledger::{
    Attendance, AttendanceTarget, StandingError, StandingHours, TargetStanding,
    effective_attendance, schedule_problems,
};
use cqnet_core::{Hours, UnitCode};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn targets() -> Vec<AttendanceTarget> {
    vec![
        AttendanceTarget::Unit(UnitCode::example()),
        AttendanceTarget::Ojt,
        AttendanceTarget::OffJt,
    ]
}

/// One step of a random ledger: a new entry, or the correction of a standing entry (chosen by
/// index among the standing ones), with a target and hours in tenths.
#[derive(Debug, Clone)]
struct Step {
    correct: Option<usize>,
    target: usize,
    tenths: u32,
}

fn step() -> impl Strategy<Value = Step> {
    (
        prop::option::weighted(0.4, any::<usize>()),
        0..3usize,
        0..200u32,
    )
        .prop_map(|(correct, target, tenths)| Step {
            correct,
            target,
            tenths,
        })
}

/// A valid ledger from steps: each correction names an entry no correction supersedes yet.
fn ledger(steps: &[Step]) -> Vec<Attendance> {
    let targets = targets();
    let mut entries: Vec<Attendance> = Vec::new();
    let mut standing: Vec<u64> = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        let position = i as u64 + 1;
        let corrects = match s.correct {
            Some(pick) if !standing.is_empty() => {
                let at = pick % standing.len();
                Some(standing.remove(at))
            }
            _ => None,
        };
        standing.push(position);
        entries.push(Attendance {
            position,
            target: targets[s.target].clone(),
            hours: Hours::new(Decimal::new(i64::from(s.tenths), 1)).expect("hours in range"),
            corrects,
        });
    }
    entries
}

proptest! {
    #[test]
    fn folding_entry_by_entry_equals_the_whole_ledger(steps in prop::collection::vec(step(), 0..60)) {
        let entries = ledger(&steps);
        let mut kept = StandingHours::default();
        for e in &entries {
            let superseded = e.corrects.map(|c| &entries[(c - 1) as usize]);
            kept.apply(e, superseded).expect("a valid ledger folds");
        }
        prop_assert_eq!(kept.totals(), effective_attendance(&entries));
        prop_assert_eq!(&kept, &StandingHours::of(&entries));

        let limit = Hours::whole(5).expect("hours");
        let scheduled = |t: &AttendanceTarget| (*t != AttendanceTarget::OffJt).then_some(limit);
        let everything = targets();
        prop_assert_eq!(
            kept.problems(everything.iter(), scheduled),
            schedule_problems(&entries, scheduled)
        );
    }

    #[test]
    fn kept_hours_survive_their_stored_form(steps in prop::collection::vec(step(), 0..30)) {
        let kept = StandingHours::of(&ledger(&steps));
        let text = serde_json::to_string(&kept).expect("serialize");
        let back: StandingHours = serde_json::from_str(&text).expect("deserialize");
        prop_assert_eq!(back, kept);
    }
}

#[test]
fn a_superseded_entry_that_was_never_kept_is_refused_and_changes_nothing() {
    let entry = |position, hours, corrects| Attendance {
        position,
        target: AttendanceTarget::Ojt,
        hours: Hours::whole(hours).expect("hours"),
        corrects,
    };
    let first = entry(1, 8, None);
    let mut kept = StandingHours::of(&[entry(1, 3, None)]);
    let before = kept.clone();
    // The kept hours hold 3, not the 8 the superseded entry claims.
    assert_eq!(
        kept.apply(&entry(2, 1, Some(1)), Some(&first)),
        Err(StandingError::NotStanding)
    );
    assert_eq!(kept, before);
}

#[test]
fn kept_hours_at_the_largest_count_or_sum_refuse_one_more_entry_and_change_nothing() {
    let entry = |hours| Attendance {
        position: 1,
        target: AttendanceTarget::Ojt,
        hours: Hours::whole(hours).expect("hours"),
        corrects: None,
    };
    // Kept hours read back from a store may hold any count and any sum.
    for (hours, entries) in [(Decimal::ZERO, u64::MAX), (Decimal::MAX, 1)] {
        let mut kept = StandingHours::from(vec![(
            AttendanceTarget::Ojt,
            TargetStanding { hours, entries },
        )]);
        let before = kept.clone();
        assert_eq!(kept.apply(&entry(1), None), Err(StandingError::Overflow));
        assert_eq!(kept, before);
    }
    // Below the limits one more entry is counted.
    let mut kept = StandingHours::from(vec![(
        AttendanceTarget::Ojt,
        TargetStanding {
            hours: Decimal::ZERO,
            entries: u64::MAX - 1,
        },
    )]);
    kept.apply(&entry(2), None)
        .expect("one below the largest count");
    let ojt = kept.target(&AttendanceTarget::Ojt).expect("the target");
    assert_eq!((ojt.hours, ojt.entries), (Decimal::from(2), u64::MAX));
}
