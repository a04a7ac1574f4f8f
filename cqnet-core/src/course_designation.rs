//! The course designation cycle (과정평가형 교육·훈련과정 지정) beyond the screening
//! ([`screening`](crate::screening)) and the plan's fit with its standard
//! ([`standard::check_plan`](crate::standard::check_plan)): whether an application's teachers
//! are of a kind the Decree lists (교수진, 국가기술자격법 시행령 제12조의3제1항), whether it is
//! filed inside its call (모집공고) for a qualification the call covers, what a cancellation
//! (지정취소, 법 제24조의5) does to a course's trainees, and how long a designated course's
//! records are kept (법 제25조의4, 시행규칙 제46조).
//!
//! Every check is a reason with its legal basis from the pack (`bases.course_teachers`,
//! `bases.designation_call`, `bases.cancelled_course`, `designation.record_retention_years`).
//!
//! # Example
//! ```
//! use std::collections::BTreeSet;
//! use cqnet_core::access::PartyId;
//! use cqnet_core::course_designation::{check_teachers, Teacher, TeacherKind};
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::ReasonCode;
//!
//! let rules = RulePack::embedded().newest();
//! let trainer = Teacher {
//!     person: PartyId::new("kim.trainer")?,
//!     kinds: BTreeSet::from([TeacherKind::VocationalTrainingTeacher]),
//! };
//! assert!(check_teachers(&[trainer.clone()], &rules).is_empty());
//! let nobody = Teacher { person: PartyId::new("lee")?, kinds: BTreeSet::new() };
//! let reasons = check_teachers(&[trainer, nobody], &rules);
//! assert_eq!(reasons[0].code, ReasonCode::TeacherNotEligible);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, FixedOffset, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::access::PartyId;
use crate::rules::Rules;
use crate::window::TimeWindow;
use crate::{InputError, Quantity, Reason, ReasonCode, RulesUsed, Subject};

/// The seven kinds of teacher a designated course may have (국가기술자격법 시행령
/// 제12조의3제1항 제1호–제7호).
///
/// # Example
/// ```
/// use cqnet_core::course_designation::TeacherKind;
/// assert_eq!(TeacherKind::ALL.len(), 7);
/// assert_eq!(TeacherKind::LifelongEducator.to_string(), "lifelong_educator");
/// assert_eq!(TeacherKind::LifelongEducator.label_ko(), "평생교육사");
/// let read: TeacherKind = serde_json::from_str("\"school_teacher\"").unwrap();
/// assert_eq!(read, TeacherKind::SchoolTeacher);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeacherKind {
    /// 제1호: a teacher of a school (초·중등교육법 제19조제1항의 교원).
    SchoolTeacher,
    /// 제2호: an industry-adjunct or honorary teacher or a lecturer (초·중등교육법 제22조제1항의
    /// 산학겸임교사·명예교사·강사).
    IndustryAdjunctTeacher,
    /// 제3호: a teacher of a higher-education institution (고등교육법 제14조제2항의 교원).
    UniversityTeacher,
    /// 제4호: a vocational training teacher (직업능력개발훈련교사), or a person of 국민 평생
    /// 직업능력 개발법 시행령 제27조.
    VocationalTrainingTeacher,
    /// 제5호: a lecturer of a lifelong vocational education academy (평생직업교육학원 강사).
    AcademyLecturer,
    /// 제6호: a lifelong educator (평생교육사).
    LifelongEducator,
    /// 제7호: another person the minister recognises as having the expertise (전문성을 인정하는 사람).
    RecognisedExpert,
}

impl TeacherKind {
    /// Every kind, in the order of the Decree.
    pub const ALL: [TeacherKind; 7] = [
        TeacherKind::SchoolTeacher,
        TeacherKind::IndustryAdjunctTeacher,
        TeacherKind::UniversityTeacher,
        TeacherKind::VocationalTrainingTeacher,
        TeacherKind::AcademyLecturer,
        TeacherKind::LifelongEducator,
        TeacherKind::RecognisedExpert,
    ];

    /// The kind's name in Korean.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::course_designation::TeacherKind;
    /// assert_eq!(TeacherKind::VocationalTrainingTeacher.label_ko(), "직업능력개발훈련교사");
    /// ```
    pub fn label_ko(self) -> &'static str {
        match self {
            TeacherKind::SchoolTeacher => "초·중등학교 교원",
            TeacherKind::IndustryAdjunctTeacher => "산학겸임교사·명예교사·강사",
            TeacherKind::UniversityTeacher => "고등교육기관 교원",
            TeacherKind::VocationalTrainingTeacher => "직업능력개발훈련교사",
            TeacherKind::AcademyLecturer => "평생직업교육학원 강사",
            TeacherKind::LifelongEducator => "평생교육사",
            TeacherKind::RecognisedExpert => "전문성을 인정받은 사람",
        }
    }
}

impl fmt::Display for TeacherKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TeacherKind::SchoolTeacher => "school_teacher",
            TeacherKind::IndustryAdjunctTeacher => "industry_adjunct_teacher",
            TeacherKind::UniversityTeacher => "university_teacher",
            TeacherKind::VocationalTrainingTeacher => "vocational_training_teacher",
            TeacherKind::AcademyLecturer => "academy_lecturer",
            TeacherKind::LifelongEducator => "lifelong_educator",
            TeacherKind::RecognisedExpert => "recognised_expert",
        })
    }
}

/// A teacher an application names: the person (the host's opaque identifier) and the kinds
/// of 시행령 제12조의3제1항 they are; none means they are of no eligible kind.
///
/// # Example
/// ```
/// use std::collections::BTreeSet;
/// use cqnet_core::access::PartyId;
/// use cqnet_core::course_designation::{Teacher, TeacherKind};
/// let t = Teacher { person: PartyId::new("kim")?, kinds: BTreeSet::from([TeacherKind::UniversityTeacher]) };
/// let json = serde_json::to_string(&t).unwrap();
/// assert_eq!(serde_json::from_str::<Teacher>(&json).unwrap(), t);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Teacher {
    /// The person.
    pub person: PartyId,
    /// The kinds they are.
    pub kinds: BTreeSet<TeacherKind>,
}

/// The reasons an application's teachers fail the designation criteria (교수진, 국가기술자격법
/// 제10조제2항제1호, 시행령 제12조의3제1항): `no_teacher` without any, `teacher_not_eligible` for
/// each teacher of no eligible kind (with the teacher as subject). Empty when every teacher
/// qualifies.
///
/// # Example
/// ```
/// use cqnet_core::course_designation::check_teachers;
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::ReasonCode;
/// let reasons = check_teachers(&[], &RulePack::embedded().newest());
/// assert_eq!(reasons[0].code, ReasonCode::NoTeacher);
/// ```
pub fn check_teachers(teachers: &[Teacher], rules: &Rules) -> Vec<Reason> {
    let basis = || rules.bases.course_teachers.basis.clone();
    if teachers.is_empty() {
        return vec![Reason::new(ReasonCode::NoTeacher, basis()).required(Quantity::Count(1))];
    }
    teachers
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kinds.is_empty())
        .map(|(index, t)| {
            Reason::new(ReasonCode::TeacherNotEligible, basis()).subject(Subject::Teacher {
                index,
                person: t.person.to_string(),
            })
        })
        .collect()
}

/// The reasons an application filed at `at` falls outside its call (모집공고):
/// `outside_designation_window` when `at` is not inside the call's window, and
/// `qualification_not_in_call` when the call does not cover the qualification. Empty when
/// the application may be filed.
///
/// # Example
/// ```
/// use cqnet_core::course_designation::check_call;
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::window::TimeWindow;
/// use cqnet_core::ReasonCode;
/// let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let window = TimeWindow::new(t("2026-01-05T09:00:00+09:00"), t("2026-01-30T18:00:00+09:00"))?;
/// let rules = RulePack::embedded().newest();
/// assert!(check_call(&window, true, t("2026-01-10T10:00:00+09:00"), &rules).is_empty());
/// let late = check_call(&window, false, t("2026-01-30T18:00:00+09:00"), &rules);
/// let codes: Vec<_> = late.iter().map(|r| r.code).collect();
/// assert_eq!(codes, [ReasonCode::OutsideDesignationWindow, ReasonCode::QualificationNotInCall]);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn check_call(
    window: &TimeWindow,
    covers_qualification: bool,
    at: DateTime<FixedOffset>,
    rules: &Rules,
) -> Vec<Reason> {
    let basis = || rules.bases.designation_call.basis.clone();
    let mut reasons = Vec::new();
    if !window.contains(at) {
        let required = if at < window.start() {
            window.start()
        } else {
            window.end()
        };
        reasons.push(
            Reason::new(ReasonCode::OutsideDesignationWindow, basis())
                .measured(Quantity::Instant(at))
                .required(Quantity::Instant(required)),
        );
    }
    if !covers_qualification {
        reasons.push(Reason::new(ReasonCode::QualificationNotInCall, basis()));
    }
    reasons
}

/// What a cancellation (지정취소) of a designated course does, decided once: from the day of
/// the cancellation the course takes no new trainee, and every trainee it holds keeps their
/// records (출결·평가 기록), flagged as a trainee of a cancelled course.
///
/// # Example
/// ```
/// use cqnet_core::course_designation::cancellation;
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::ReasonCode;
/// let on = "2026-09-01".parse().unwrap();
/// let c = cancellation(on, &RulePack::embedded().newest());
/// assert_eq!(c.enrollment_closed_from, on);
/// assert!(c.trainee_records_kept);
/// assert_eq!(c.trainee_flag.code, ReasonCode::TraineeOfCancelledCourse);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cancellation {
    /// The first day no trainee may be enrolled.
    pub enrollment_closed_from: NaiveDate,
    /// The trainees' records stay as they are (never removed, never changed).
    pub trainee_records_kept: bool,
    /// The flag each trainee of the course carries from then on.
    pub trainee_flag: Reason,
    /// The rules that decided.
    pub rules: RulesUsed,
}

/// What a cancellation on `cancelled_on` does (see [`Cancellation`]).
///
/// # Example
/// See [`Cancellation`].
pub fn cancellation(cancelled_on: NaiveDate, rules: &Rules) -> Cancellation {
    let basis = rules.bases.cancelled_course.basis.clone();
    Cancellation {
        enrollment_closed_from: cancelled_on,
        trainee_records_kept: true,
        trainee_flag: Reason::new(ReasonCode::TraineeOfCancelledCourse, basis)
            .measured(Quantity::Date(cancelled_on)),
        rules: RulesUsed::from(rules),
    }
}

/// The reasons a course cancelled on `cancelled_on` (if it was) refuses an enrollment on
/// `day`: `course_designation_cancelled` from the cancellation day on. Empty otherwise.
///
/// # Example
/// ```
/// use cqnet_core::course_designation::enrollment_refusals;
/// use cqnet_core::rules::RulePack;
/// let rules = RulePack::embedded().newest();
/// let on = "2026-09-01".parse().unwrap();
/// assert!(enrollment_refusals(Some(on), "2026-08-31".parse().unwrap(), &rules).is_empty());
/// assert_eq!(enrollment_refusals(Some(on), on, &rules).len(), 1);
/// assert!(enrollment_refusals(None, on, &rules).is_empty());
/// ```
pub fn enrollment_refusals(
    cancelled_on: Option<NaiveDate>,
    day: NaiveDate,
    rules: &Rules,
) -> Vec<Reason> {
    match cancelled_on {
        Some(on) if day >= on => vec![
            Reason::new(
                ReasonCode::CourseDesignationCancelled,
                rules.bases.cancelled_course.basis.clone(),
            )
            .measured(Quantity::Date(day))
            .required(Quantity::Date(on)),
        ],
        _ => Vec::new(),
    }
}

/// Whether a record whose last recorded day is `last_recorded_on` may be removed on `day`:
/// only once the pack's retention period (`designation.record_retention_years`, 법
/// 제25조의4, 시행규칙 제46조) has passed since it; before that the decision keeps it with
/// `retention_period_running`.
///
/// # Example
/// ```
/// use cqnet_core::course_designation::retention;
/// use cqnet_core::rules::RulePack;
/// let rules = RulePack::embedded().newest();
/// let last = "2026-08-31".parse().unwrap();
/// let young = retention(last, "2029-08-30".parse().unwrap(), &rules)?;
/// assert!(!young.may_remove);
/// assert_eq!(young.kept_until, "2029-08-31".parse().unwrap());
/// assert!(retention(last, "2029-08-31".parse().unwrap(), &rules)?.may_remove);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RetentionDecision {
    /// The first day the record may be removed.
    pub kept_until: NaiveDate,
    /// It may be removed on the day asked.
    pub may_remove: bool,
    /// Why not, when not.
    pub reasons: Vec<Reason>,
    /// The rules that decided.
    pub rules: RulesUsed,
}

/// Decides the retention of one record (see [`RetentionDecision`]).
///
/// # Errors
/// [`InputError::OutOfRange`] when the period would end beyond the calendar.
///
/// # Example
/// See [`RetentionDecision`].
pub fn retention(
    last_recorded_on: NaiveDate,
    day: NaiveDate,
    rules: &Rules,
) -> Result<RetentionDecision, InputError> {
    let period = &rules.designation.record_retention_years;
    let kept_until = period
        .value
        .checked_mul(12)
        .and_then(|months| last_recorded_on.checked_add_months(Months::new(months)))
        .ok_or_else(|| InputError::OutOfRange {
            what: "end of a retention period",
            min: last_recorded_on.to_string(),
            max: NaiveDate::MAX.to_string(),
            value: format!("{last_recorded_on} + {} years", period.value),
        })?;
    let may_remove = day >= kept_until;
    let reasons = if may_remove {
        Vec::new()
    } else {
        vec![
            Reason::new(ReasonCode::RetentionPeriodRunning, period.basis.clone())
                .measured(Quantity::Date(day))
                .required(Quantity::Date(kept_until)),
        ]
    };
    Ok(RetentionDecision {
        kept_until,
        may_remove,
        reasons,
        rules: RulesUsed::from(rules),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::RulePack;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_record_is_kept_every_day_of_its_period_and_not_one_more() {
        let rules = RulePack::embedded().newest();
        let years = rules.designation.record_retention_years.value;
        let last = day("2024-02-29");
        // The same day `years` later, the end of a shorter month falling back to its last day.
        let end = last.checked_add_months(Months::new(years * 12)).unwrap();
        let mut d = last;
        while d < end {
            let decision = retention(last, d, &rules).unwrap();
            assert!(!decision.may_remove, "{d}");
            assert_eq!(decision.reasons[0].code, ReasonCode::RetentionPeriodRunning);
            d = d.succ_opt().unwrap();
        }
        assert!(retention(last, end, &rules).unwrap().may_remove);
        assert!(retention(NaiveDate::MAX, NaiveDate::MAX, &rules).is_err());
    }

    #[test]
    fn every_teacher_of_no_kind_is_a_reason_of_its_own() {
        let rules = RulePack::embedded().newest();
        let teacher = |id: &str, kinds: &[TeacherKind]| Teacher {
            person: PartyId::new(id).unwrap(),
            kinds: kinds.iter().copied().collect(),
        };
        let reasons = check_teachers(
            &[
                teacher("a", &[]),
                teacher("b", &TeacherKind::ALL),
                teacher("c", &[]),
            ],
            &rules,
        );
        let subjects: Vec<_> = reasons.iter().map(|r| r.subject.clone()).collect();
        assert_eq!(
            subjects,
            [
                Some(Subject::Teacher {
                    index: 0,
                    person: "a".into()
                }),
                Some(Subject::Teacher {
                    index: 2,
                    person: "c".into()
                })
            ]
        );
    }
}
