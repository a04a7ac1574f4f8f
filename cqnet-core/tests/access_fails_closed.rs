//! Access fails closed: with every fact of the target missing, nobody whose right depends on a
//! fact (the candidate, the institution, the company, the public) may do anything, and the
//! agency and its evaluators may do exactly what their role allows whatever the target says.
//! Any actor, action and target at any instant of chrono's range, at any offset, gets a
//! decision that holds to the same rules.

#![allow(clippy::unwrap_used)]

mod extremes;

use chrono::{DateTime, FixedOffset};
use cqnet_core::Track;
use cqnet_core::access::{Action, Actor, Announcement, PartyId, Target, authorize};
use proptest::prelude::*;

use extremes::{any_instant, no_panic};

fn every_action() -> Vec<Action> {
    Action::ALL.to_vec()
}

fn party(id: &str) -> PartyId {
    PartyId::new(id).unwrap()
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

#[test]
fn with_every_fact_missing_no_party_whose_right_depends_on_a_fact_may_act() {
    let now = at("2026-10-05T10:00:00+09:00");
    let actors = [
        Actor::Public,
        Actor::Candidate(party("p1")),
        Actor::InstitutionStaff(party("inst-1")),
        Actor::CompanyStaff(party("co-1")),
    ];
    for actor in &actors {
        for action in every_action() {
            let decision = authorize(actor, action, &Target::default(), now);
            assert!(
                !decision.allowed && !decision.reasons.is_empty(),
                "{actor} was allowed {action:?} on a target with every fact missing"
            );
        }
    }
}

#[test]
fn the_agency_and_evaluators_get_nothing_more_from_a_missing_fact() {
    let now = at("2026-10-05T10:00:00+09:00");
    // A target that names other parties and an announcement still to come: whatever the role
    // allows here does not come from the target.
    let someone_elses = Target {
        candidate: Some(party("p9")),
        institution: Some(party("inst-9")),
        company: Some(party("co-9")),
        announcement: Announcement::ScheduledAt(at("2027-01-01T09:00:00+09:00")),
        track: Some(cqnet_core::Track::WorkStudy),
    };
    for actor in [
        Actor::Agency(party("hrdk-admin")),
        Actor::Evaluator(party("eval-01")),
    ] {
        for action in every_action() {
            let missing = authorize(&actor, action, &Target::default(), now);
            let elsewhere = authorize(&actor, action, &someone_elses, now);
            assert_eq!(
                missing.allowed, elsewhere.allowed,
                "{actor} {action:?}: a missing fact changed the answer"
            );
        }
    }
}

#[test]
fn a_scheduled_announcement_opens_the_pass_list_only_from_its_instant() {
    let announced = at("2026-10-02T09:00:00+09:00");
    let target = Target {
        announcement: Announcement::ScheduledAt(announced),
        ..Target::default()
    };
    let before = announced - chrono::Duration::seconds(1);
    assert!(!authorize(&Actor::Public, Action::ViewPassList, &target, before).allowed);
    assert!(authorize(&Actor::Public, Action::ViewPassList, &target, announced).allowed);
    let unscheduled = Target::default();
    assert!(
        !authorize(
            &Actor::Public,
            Action::ViewPassList,
            &unscheduled,
            announced
        )
        .allowed
    );
}

// ------------------------------------------------------------------------------------------
// Any actor, target and instant

fn party_id() -> impl Strategy<Value = PartyId> {
    prop::sample::select(vec!["p1", "p2", "inst-1", "co-1", "a"]).prop_map(party)
}

fn actor() -> impl Strategy<Value = Actor> {
    prop_oneof![
        Just(Actor::Public),
        party_id().prop_map(Actor::Candidate),
        party_id().prop_map(Actor::InstitutionStaff),
        party_id().prop_map(Actor::CompanyStaff),
        party_id().prop_map(Actor::Evaluator),
        party_id().prop_map(Actor::Agency),
    ]
}

fn target() -> impl Strategy<Value = Target> {
    let announcement = prop_oneof![
        Just(Announcement::NotScheduled),
        any_instant().prop_map(Announcement::ScheduledAt),
    ];
    let track = proptest::option::of(prop::sample::select(vec![
        Track::CourseBased,
        Track::WorkStudy,
    ]));
    (
        proptest::option::of(party_id()),
        proptest::option::of(party_id()),
        proptest::option::of(party_id()),
        announcement,
        track,
    )
        .prop_map(
            |(candidate, institution, company, announcement, track)| Target {
                candidate,
                institution,
                company,
                announcement,
                track,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// At any instant, at any offset: a refusal always says why, the public sees only a pass
    /// list already announced, a candidate only their own result once announced, and a target
    /// with every fact missing never allows what a target with facts refuses.
    #[test]
    fn access_is_decided_at_any_instant_and_fails_closed(
        actor in actor(),
        action in prop::sample::select(Action::ALL.to_vec()),
        target in target(),
        now in any_instant(),
    ) {
        let d = no_panic(&format!("{actor} {action:?} at {now:?}"), || {
            authorize(&actor, action, &target, now)
        });
        prop_assert_eq!(d.allowed, d.reasons.is_empty());
        let announced = match target.announcement {
            Announcement::ScheduledAt(at) => now >= at,
            Announcement::NotScheduled => false,
        };
        prop_assert_eq!(target.announcement.has_happened_by(now), announced);
        match (&actor, action) {
            (Actor::Public, Action::ViewPassList) => prop_assert_eq!(d.allowed, announced),
            (Actor::Public, _) => prop_assert!(!d.allowed),
            (Actor::Candidate(id), Action::ViewResult) => {
                prop_assert_eq!(d.allowed, announced && target.candidate.as_ref() == Some(id));
            }
            _ => {}
        }
        let with_nothing = authorize(&actor, action, &Target::default(), now);
        prop_assert!(!with_nothing.allowed || d.allowed, "{} {:?}: {:?}", actor, action, target);
    }

    #[test]
    fn a_party_id_is_short_ascii_or_refused(text in prop_oneof!["[A-Za-z0-9._:-]{0,70}", any::<String>()]) {
        let id = no_panic(&format!("PartyId::new({text:?})"), || PartyId::new(&text));
        let shaped = (1..=64).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
        prop_assert_eq!(id.is_ok(), shaped);
    }
}

#[test]
fn only_the_agency_counts_the_statistics_whoever_the_target_names() {
    let now = at("2026-10-05T10:00:00+09:00");
    // A target naming every other party: owning a record never opens the tables.
    let theirs = Target {
        candidate: Some(party("p1")),
        institution: Some(party("inst-1")),
        company: Some(party("co-1")),
        announcement: Announcement::ScheduledAt(at("2026-01-01T09:00:00+09:00")),
        track: Some(Track::CourseBased),
    };
    let refused = [
        Actor::Public,
        Actor::Candidate(party("p1")),
        Actor::InstitutionStaff(party("inst-1")),
        Actor::CompanyStaff(party("co-1")),
        Actor::Evaluator(party("ev-1")),
    ];
    for actor in &refused {
        let decision = authorize(actor, Action::ViewStatistics, &theirs, now);
        assert!(!decision.allowed, "{actor} counted the statistics");
        assert_eq!(
            decision.reasons[0].code,
            cqnet_core::ReasonCode::NotPermitted
        );
    }
    let agency = authorize(
        &Actor::Agency(party("hrdk")),
        Action::ViewStatistics,
        &Target::default(),
        now,
    );
    assert!(agency.allowed, "{:?}", agency.reasons);
}
