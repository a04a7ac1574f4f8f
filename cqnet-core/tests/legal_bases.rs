//! The law a refusal cites fits the record's track, and how sure a citation is lives in its
//! provenance, never in the text a trainee reads.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset};
use cqnet_core::access::{Action, Actor, Announcement, PartyId, Target, authorize};
use cqnet_core::rules::RulePack;
use cqnet_core::{Provenance, Track};

/// The statute of each track, as citations name it.
const COURSE_BASED_LAW: &str = "국가기술자격법";
const WORK_STUDY_LAW: &str = "일학습병행법";

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn party(id: &str) -> PartyId {
    PartyId::new(id).unwrap()
}

/// A record of another candidate, in a round announced after `now`.
fn target(track: Option<Track>) -> Target {
    Target {
        candidate: Some(party("p9")),
        institution: Some(party("inst-9")),
        company: Some(party("co-9")),
        announcement: Announcement::ScheduledAt(at("2026-12-01T09:00:00+09:00")),
        track,
    }
}

fn actors() -> Vec<Actor> {
    vec![
        Actor::Public,
        Actor::Candidate(party("p1")),
        Actor::InstitutionStaff(party("inst-1")),
        Actor::CompanyStaff(party("co-1")),
        Actor::Evaluator(party("eval-1")),
        Actor::Agency(party("hrdk-1")),
    ]
}

/// The actions whose rule comes from one track's law (the others describe both tracks at
/// once, or neither).
const TRACK_LAW_ACTIONS: [Action; 5] = [
    Action::ViewResult,
    Action::ViewPassList,
    Action::EnterResults,
    Action::FinaliseResults,
    Action::ManageCertificates,
];

#[test]
fn a_refusal_about_an_exam_round_cites_the_law_of_its_track() {
    let now = at("2026-10-05T10:00:00+09:00");
    // A candidate looking at a result before the announcement: refused on every track.
    let me = party("p9");
    for (track, own, other) in [
        (Track::CourseBased, COURSE_BASED_LAW, WORK_STUDY_LAW),
        (Track::WorkStudy, WORK_STUDY_LAW, COURSE_BASED_LAW),
    ] {
        let d = authorize(
            &Actor::Candidate(me.clone()),
            Action::ViewResult,
            &target(Some(track)),
            now,
        );
        assert!(!d.allowed);
        let citation = d.reasons[0].legal_basis.citation();
        assert!(citation.contains(own), "{track}: {citation}");
        assert!(!citation.contains(other), "{track}: {citation}");
    }
    // The 과정평가형 pass announcement is 국가기술자격법 시행령 제23조.
    let course_based = authorize(
        &Actor::Public,
        Action::ViewPassList,
        &target(Some(Track::CourseBased)),
        now,
    );
    assert!(
        course_based.reasons[0]
            .legal_basis
            .citation()
            .contains("국가기술자격법 시행령 제23조")
    );
    // Not knowing the track, the refusal cites both laws.
    let unknown = authorize(&Actor::Public, Action::ViewPassList, &target(None), now);
    let citation = unknown.reasons[0].legal_basis.citation();
    assert!(citation.contains(COURSE_BASED_LAW) && citation.contains(WORK_STUDY_LAW));
}

#[test]
fn every_track_law_refusal_names_only_its_own_track() {
    let now = at("2026-10-05T10:00:00+09:00");
    for actor in actors() {
        for action in TRACK_LAW_ACTIONS {
            for (track, other) in [
                (Track::CourseBased, WORK_STUDY_LAW),
                (Track::WorkStudy, COURSE_BASED_LAW),
            ] {
                let d = authorize(&actor, action, &target(Some(track)), now);
                for reason in &d.reasons {
                    let citation = reason.legal_basis.citation();
                    assert!(
                        !citation.contains(other),
                        "{actor} {action:?} on {track}: {citation}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_track_never_changes_whether_an_action_is_allowed() {
    let now = at("2026-12-01T09:00:00+09:00");
    for actor in actors() {
        for action in Action::ALL {
            let answers: Vec<(bool, Vec<_>)> =
                [None, Some(Track::CourseBased), Some(Track::WorkStudy)]
                    .into_iter()
                    .map(|track| {
                        let d = authorize(&actor, action, &target(track), now);
                        (d.allowed, d.reasons.iter().map(|r| r.code).collect())
                    })
                    .collect();
            assert!(
                answers.windows(2).all(|w| w[0] == w[1]),
                "{actor} {action:?}: {answers:?}"
            );
        }
    }
}

/// Words that speak of how sure a citation is, which belong in its provenance.
const PROVENANCE_WORDS: [&str; 3] = ["미확인", "본 라이브러리의 가정", "근거 조문 없음"];

#[test]
fn no_citation_speaks_of_its_own_provenance() {
    let now = at("2026-10-05T10:00:00+09:00");
    for actor in actors() {
        for action in Action::ALL {
            for track in [None, Some(Track::CourseBased), Some(Track::WorkStudy)] {
                for reason in authorize(&actor, action, &target(track), now).reasons {
                    let citation = reason.legal_basis.citation();
                    for word in PROVENANCE_WORDS {
                        assert!(!citation.contains(word), "{action:?}: {citation}");
                    }
                }
            }
        }
    }
    for param in RulePack::embedded().parameters() {
        for row in &param.rows {
            for word in PROVENANCE_WORDS {
                assert!(
                    !row.reference.contains(word),
                    "{} since {}: {}",
                    param.path,
                    row.since,
                    row.reference
                );
            }
            // A value whose note says no article was found is not cited as confirmed.
            if row
                .note
                .as_deref()
                .is_some_and(|n| n.contains("근거 조문 미확인"))
            {
                assert_ne!(row.provenance, Provenance::Confirmed, "{}", param.path);
            }
        }
    }
}

#[test]
fn the_bases_without_an_article_keep_that_in_their_provenance() {
    let bases = RulePack::embedded().newest().bases;
    for (name, basis) in [
        ("results_final", &bases.results_final.basis),
        ("enrollment_active", &bases.enrollment_active.basis),
        (
            "course_based_eligibility",
            &bases.course_based_eligibility.basis,
        ),
        (
            "internal_evaluation_taken",
            &bases.internal_evaluation_taken.basis,
        ),
    ] {
        assert_ne!(basis.provenance(), Provenance::Confirmed, "{name}");
        assert!(
            !basis.citation().contains("미확인"),
            "{name}: {}",
            basis.citation()
        );
    }
}
