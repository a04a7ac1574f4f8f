//! The tables built from counts equal the tables built record by record: a store that counts
//! in its database and hands the core one tally per group and stage (or one count a band and
//! a sum) gets the rows, the pass rates and the average the records would have given.

use std::collections::BTreeMap;

use cqnet_core::Score;
use cqnet_core::rules::RulePack;
use cqnet_core::statistics::{
    Dimension, Gender, GroupBy, KeyValue, Stage, StageFacts, StatRecord, distribution_of_tallies,
    funnel, funnel_of_tallies, score_distribution,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

const STAGES: [Stage; 6] = [
    Stage::Learner,
    Stage::Target,
    Stage::Applied,
    Stage::Sat,
    Stage::Passed,
    Stage::Acquired,
];
const GENDERS: [Gender; 3] = [Gender::M, Gender::F, Gender::Unknown];

fn records() -> impl Strategy<Value = Vec<(u16, usize, usize, Stage)>> {
    proptest::collection::vec(
        (2024u16..=2026, 0usize..3, 0usize..3, 0usize..6)
            .prop_map(|(year, q, g, s)| (year, q, g, STAGES[s])),
        0..120,
    )
}

fn groupings() -> impl Strategy<Value = Vec<Dimension>> {
    proptest::sample::subsequence(
        vec![
            Dimension::Year,
            Dimension::Grade,
            Dimension::Qualification,
            Dimension::InstitutionType,
            Dimension::Gender,
            Dimension::JobField,
        ],
        0..=6,
    )
    .prop_shuffle()
}

proptest! {
    #[test]
    fn the_funnel_of_tallies_equals_the_funnel_of_records(drawn in records(), dims in groupings()) {
        let group_by = GroupBy::new(dims.clone()).expect("no dimension twice");
        let built: Vec<StatRecord> = drawn
            .iter()
            .map(|(year, q, g, stage)| {
                let record = StatRecord::new(*year, "기사", format!("Q{q}"), "직업훈련기관", GENDERS[*g], *stage)
                    .expect("a record");
                // Every other qualification names its job field; the rest count as unknown.
                if q % 2 == 0 { record.with_job_field(format!("F{q}")).expect("a field") } else { record }
            })
            .collect();
        // Counted as a database would: one tally per key and stage.
        let mut tallies: BTreeMap<(Vec<KeyValue>, Stage), u64> = BTreeMap::new();
        for (year, q, g, stage) in &drawn {
            let key = dims
                .iter()
                .map(|d| match d {
                    Dimension::Year => KeyValue::Year(*year),
                    Dimension::Grade => KeyValue::Text("기사".into()),
                    Dimension::Qualification => KeyValue::Text(format!("Q{q}")),
                    Dimension::InstitutionType => KeyValue::Text("직업훈련기관".into()),
                    Dimension::Gender => KeyValue::Text(GENDERS[*g].to_string()),
                    Dimension::JobField if q % 2 == 0 => KeyValue::Text(format!("F{q}")),
                    Dimension::JobField => KeyValue::Text(cqnet_core::statistics::UNKNOWN.into()),
                })
                .collect();
            *tallies.entry((key, *stage)).or_default() += 1;
        }
        let from_tallies = funnel_of_tallies(
            tallies.into_iter().map(|((key, stage), n)| (key, stage, n)),
            &group_by,
        );
        prop_assert_eq!(from_tallies, funnel(&built, &group_by));
    }

    #[test]
    fn the_distribution_of_tallies_equals_the_distribution_of_scores(
        points in proptest::collection::vec(0i64..=1_000_000, 0..100),
    ) {
        let rules = RulePack::embedded().newest();
        let scores: Vec<Score> = points
            .iter()
            .map(|p| Score::new(Decimal::new(*p, 4)).expect("0 to 100"))
            .collect();
        let direct = score_distribution(&scores, &rules);
        let counts: Vec<u64> = direct.bands.iter().map(|b| b.count).collect();
        let sum: Decimal = scores.iter().map(|s| s.value()).sum();
        let bounds = &rules.statistics.score_band_bounds.value;
        prop_assert_eq!(distribution_of_tallies(bounds, &counts, sum).expect("one count a band"), direct);
    }
}

#[test]
fn a_stage_is_the_furthest_fact() {
    let facts = [
        (StageFacts::default(), Stage::Learner),
        (
            StageFacts {
                target: true,
                ..StageFacts::default()
            },
            Stage::Target,
        ),
        (
            StageFacts {
                target: true,
                applied: true,
                ..StageFacts::default()
            },
            Stage::Applied,
        ),
        // A cancelled application with marks (entered before it was cancelled) sat.
        (
            StageFacts {
                target: true,
                sat: true,
                ..StageFacts::default()
            },
            Stage::Sat,
        ),
        (
            StageFacts {
                target: true,
                applied: true,
                sat: true,
                passed: true,
                ..StageFacts::default()
            },
            Stage::Passed,
        ),
        // A certificate counts as acquired even when the pass is not in the store.
        (
            StageFacts {
                acquired: true,
                ..StageFacts::default()
            },
            Stage::Acquired,
        ),
    ];
    for (f, stage) in facts {
        assert_eq!(f.stage(), stage, "{f:?}");
    }
}

#[test]
fn tallies_that_do_not_fit_the_bands_are_refused() {
    let rules = RulePack::embedded().newest();
    let bounds = &rules.statistics.score_band_bounds.value;
    let bands = bounds.bounds().len() + 1;
    assert!(distribution_of_tallies(bounds, &vec![0; bands - 1], Decimal::ZERO).is_err());
    assert!(distribution_of_tallies(bounds, &vec![0; bands], Decimal::ONE).is_err());
    let none = distribution_of_tallies(bounds, &vec![0; bands], Decimal::ZERO).expect("no score");
    assert_eq!((none.examinees, none.average), (0, None));
}
