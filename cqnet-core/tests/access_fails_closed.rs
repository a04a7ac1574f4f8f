//! Access fails closed: with every fact of the target missing, nobody whose right depends on a
//! fact (the candidate, the institution, the company, the public) may do anything, and the
//! agency and its evaluators may do exactly what their role allows whatever the target says.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset};
use cqnet_core::access::{Action, Actor, Announcement, PartyId, Target, authorize};

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
