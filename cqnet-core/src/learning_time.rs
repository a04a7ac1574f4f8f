//! A learning worker's (학습근로자) training days: what one day of apprenticeship-style on-site
//! training (도제식 현장 교육훈련, OJT) or off-site training (사업장 외 교육훈련, Off-JT) may hold,
//! and which absences count as attended (출석 인정).
//!
//! - OJT at night or on a holiday needs a written agreement (서면 합의), and for a learner under
//!   18 or pregnant the ministry's authorisation too (고용노동부장관의 인가; 산업현장 일학습병행
//!   지원에 관한 법률 제27조제2항, 시행령 제13조제2항): `work_study.night_holiday_ojt`. Night
//!   is `work_study.night_hours`, a holiday is `work_study.holidays`.
//! - OJT on one day holds at most `work_study.ojt_daily_max_hours`, and the learning-work hours
//!   of a day (OJT and Off-JT together) at most `work_study.daily_max_hours`.
//! - Off-JT a school runs in its own curriculum may be left out of the learning-work hours
//!   (시행령 제13조제1항): `work_study.school_off_jt_excluded`.
//! - An absence for one of the events of `work_study.excused_absences` counts as attended
//!   within the days the notice allows, counted from the day of the event.
//!
//! # Example
//! ```
//! use cqnet_core::learning_time::{decide_session, Circumstances, Session, TrainingKind};
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::{Hours, ReasonCode};
//! let rules = RulePack::embedded().rules_at("2026-06-03".parse()?)?;
//! let evening = Session::new(TrainingKind::Ojt, "2026-06-03".parse()?, "18:00".parse()?, "23:00".parse()?, Hours::whole(4)?, false)?;
//! let adult = Circumstances { born_on: "2000-01-01".parse()?, pregnant: false, written_agreement: false, ministry_authorised: false, public_holiday: false };
//! let d = decide_session(&evening, &adult, Hours::ZERO, &rules);
//! assert!(!d.allowed && d.night);
//! assert_eq!(d.reasons[0].code, ReasonCode::NightHolidayOjtWithoutAgreement);
//! let agreed = Circumstances { written_agreement: true, ..adult };
//! assert!(decide_session(&evening, &agreed, Hours::ZERO, &rules).allowed);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, Months, NaiveDate, NaiveTime, Timelike, Weekday};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::rules::Rules;
use crate::{Hours, InputError, Quantity, Reason, ReasonCode, RulesUsed};

/// Which of the two trainings a day's entry is.
///
/// # Example
/// ```
/// use cqnet_core::learning_time::TrainingKind;
/// assert_eq!(TrainingKind::OffJt.to_string(), "off_jt");
/// assert_eq!(serde_json::from_str::<TrainingKind>("\"ojt\"").unwrap(), TrainingKind::Ojt);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingKind {
    /// 도제식 현장 교육훈련 (OJT), at the workplace.
    Ojt,
    /// 사업장 외 교육훈련 (Off-JT), away from production.
    OffJt,
}

impl fmt::Display for TrainingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TrainingKind::Ojt => "ojt",
            TrainingKind::OffJt => "off_jt",
        })
    }
}

/// A time of day written `HH:MM`, for the pack's night bounds.
fn read_time<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
    let text = String::deserialize(d)?;
    NaiveTime::parse_from_str(&text, "%H:%M")
        .map_err(|_| serde::de::Error::custom(format!("a time of day is HH:MM, not {text:?}")))
}

fn write_time<S: serde::Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&t.format("%H:%M"))
}

/// The night (야간) of the pack: from `starts` one evening until `ends` the next morning
/// (`work_study.night_hours`).
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let night = RulePack::embedded().newest().work_study.night_hours.value;
/// assert_eq!(night.to_string(), "22:00–06:00");
/// assert!(night.overlaps("21:00".parse().unwrap(), "22:30".parse().unwrap()));
/// assert!(!night.overlaps("06:00".parse().unwrap(), "22:00".parse().unwrap()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NightHours {
    /// The evening hour the night begins, inclusive.
    #[serde(deserialize_with = "read_time", serialize_with = "write_time")]
    pub starts: NaiveTime,
    /// The morning hour the night ends, exclusive.
    #[serde(deserialize_with = "read_time", serialize_with = "write_time")]
    pub ends: NaiveTime,
}

impl NightHours {
    /// Whether a session from `from` to `until` on one day (`from` before `until`) touches the
    /// night: it starts before the morning's end or ends after the evening's start.
    ///
    /// # Example
    /// See [`NightHours`].
    pub fn overlaps(&self, from: NaiveTime, until: NaiveTime) -> bool {
        from < self.ends || until > self.starts
    }

    pub(crate) fn check(&self) -> Result<(), String> {
        if self.ends >= self.starts {
            return Err(format!(
                "must end in the morning before it starts in the evening, not {self}"
            ));
        }
        Ok(())
    }
}

impl fmt::Display for NightHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}–{}",
            self.starts.format("%H:%M"),
            self.ends.format("%H:%M")
        )
    }
}

/// The holidays (휴일) of the pack (`work_study.holidays`): the weekly rest days (주휴일) and
/// whether the public holidays (관공서 공휴일) count, which the host marks on the day (the
/// library keeps no calendar).
///
/// # Example
/// ```
/// use chrono::Weekday;
/// use cqnet_core::rules::RulePack;
/// let holidays = RulePack::embedded().newest().work_study.holidays.value;
/// assert!(holidays.is_holiday("2026-06-07".parse().unwrap(), false)); // a Sunday
/// assert!(!holidays.is_holiday("2026-06-08".parse().unwrap(), false));
/// assert!(holidays.is_holiday("2026-06-08".parse().unwrap(), true));
/// assert!(holidays.weekly_rest_days.contains(&Weekday::Sun));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayRule {
    /// The weekly rest days, each once.
    pub weekly_rest_days: Vec<Weekday>,
    /// Whether a public holiday the host marks is a holiday.
    pub public_holidays: bool,
}

impl HolidayRule {
    /// Whether `day` is a holiday: one of the weekly rest days, or a public holiday when those
    /// count.
    ///
    /// # Example
    /// See [`HolidayRule`].
    pub fn is_holiday(&self, day: NaiveDate, public_holiday: bool) -> bool {
        self.weekly_rest_days.contains(&day.weekday()) || (self.public_holidays && public_holiday)
    }

    pub(crate) fn check(&self) -> Result<(), String> {
        if self.weekly_rest_days.is_empty() {
            return Err(
                "names no weekly rest day (근로기준법 제55조제1항 gives at least one)".into(),
            );
        }
        for (i, day) in self.weekly_rest_days.iter().enumerate() {
            if self.weekly_rest_days[..i].contains(day) {
                return Err(format!("names {day} twice"));
            }
        }
        Ok(())
    }
}

impl fmt::Display for HolidayRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days: Vec<String> = self
            .weekly_rest_days
            .iter()
            .map(|d| d.to_string().to_lowercase())
            .collect();
        write!(f, "weekly rest days: {}", days.join(", "))?;
        if self.public_holidays {
            f.write_str("; public holidays")?;
        }
        Ok(())
    }
}

/// What OJT at night or on a holiday needs (`work_study.night_holiday_ojt`).
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// let needs = RulePack::embedded().newest().work_study.night_holiday_ojt.value;
/// assert!(needs.written_agreement);
/// assert_eq!(needs.authorisation_below_age, 18);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NightHolidayOjt {
    /// A written agreement with the learner (서면 합의) is needed.
    pub written_agreement: bool,
    /// A learner younger than this many years needs the ministry's authorisation too.
    pub authorisation_below_age: u32,
    /// A pregnant learner needs the ministry's authorisation too.
    pub authorisation_when_pregnant: bool,
}

impl fmt::Display for NightHolidayOjt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "written agreement: {}; the ministry's authorisation below {} years{}",
            if self.written_agreement { "yes" } else { "no" },
            self.authorisation_below_age,
            if self.authorisation_when_pregnant {
                " and when pregnant"
            } else {
                ""
            }
        )
    }
}

/// An event for which an absence counts as attended (출석 인정 사유).
///
/// # Example
/// ```
/// use cqnet_core::learning_time::AbsenceReason;
/// let r: AbsenceReason = serde_json::from_str("\"sibling_death\"").unwrap();
/// assert_eq!(r.to_string(), "sibling_death");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbsenceReason {
    /// 본인 결혼.
    OwnMarriage,
    /// 배우자 또는 본인·배우자의 부모 사망.
    SpouseOrParentDeath,
    /// 본인·배우자의 조부모 또는 자녀 사망.
    GrandparentOrChildDeath,
    /// 형제자매 사망.
    SiblingDeath,
    /// 배우자 출산.
    SpouseChildbirth,
    /// 예비군·민방위 훈련.
    ReserveTraining,
    /// 징병검사.
    ConscriptionCheck,
    /// 투표.
    Voting,
}

impl fmt::Display for AbsenceReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AbsenceReason::OwnMarriage => "own_marriage",
            AbsenceReason::SpouseOrParentDeath => "spouse_or_parent_death",
            AbsenceReason::GrandparentOrChildDeath => "grandparent_or_child_death",
            AbsenceReason::SiblingDeath => "sibling_death",
            AbsenceReason::SpouseChildbirth => "spouse_childbirth",
            AbsenceReason::ReserveTraining => "reserve_training",
            AbsenceReason::ConscriptionCheck => "conscription_check",
            AbsenceReason::Voting => "voting",
        })
    }
}

/// How long an excused absence lasts: days counted from the day of the event, or only the day
/// of the event itself (the time it actually takes, 소요시간).
///
/// # Example
/// ```
/// use cqnet_core::learning_time::Allowance;
/// let a: Allowance = serde_json::from_str("\"event_day\"").unwrap();
/// assert_eq!(a, Allowance::EventDay);
/// assert_eq!(serde_json::from_str::<Allowance>("5").unwrap(), Allowance::Days(5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Allowance {
    /// This many days, the event's day the first.
    Days(u32),
    /// The day of the event only.
    EventDay,
}

impl Allowance {
    /// The last day covered, for an event on `event_on`.
    fn last_day(self, event_on: NaiveDate) -> Option<NaiveDate> {
        match self {
            Allowance::EventDay => Some(event_on),
            Allowance::Days(n) => {
                event_on.checked_add_days(chrono::Days::new(u64::from(n).saturating_sub(1)))
            }
        }
    }
}

impl fmt::Display for Allowance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Allowance::Days(n) => write!(f, "{n} days"),
            Allowance::EventDay => f.write_str("the event's day"),
        }
    }
}

impl Serialize for Allowance {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Allowance::Days(n) => s.serialize_u32(*n),
            Allowance::EventDay => s.serialize_str("event_day"),
        }
    }
}

impl<'de> Deserialize<'de> for Allowance {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Number(u32),
            Text(String),
        }
        match Wire::deserialize(d)? {
            Wire::Number(n) => Ok(Allowance::Days(n)),
            Wire::Text(t) if t == "event_day" => Ok(Allowance::EventDay),
            Wire::Text(t) => Err(serde::de::Error::custom(format!(
                "an allowance is a number of days or \"event_day\", not {t:?}"
            ))),
        }
    }
}

/// One excused event and its allowance.
///
/// # Example
/// See [`ExcusedAbsences`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcusedAbsence {
    /// The event.
    pub reason: AbsenceReason,
    /// How long it excuses.
    pub allowance: Allowance,
}

/// The absences that count as attended (`work_study.excused_absences`), each event once.
///
/// # Example
/// ```
/// use cqnet_core::learning_time::{AbsenceReason, Allowance};
/// use cqnet_core::rules::RulePack;
/// let excused = RulePack::embedded().newest().work_study.excused_absences.value;
/// assert_eq!(excused.allowance(AbsenceReason::OwnMarriage), Some(Allowance::Days(5)));
/// assert_eq!(excused.allowance(AbsenceReason::Voting), Some(Allowance::EventDay));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ExcusedAbsences(Vec<ExcusedAbsence>);

impl ExcusedAbsences {
    /// The allowance of `reason`, if it is excused.
    ///
    /// # Example
    /// See [`ExcusedAbsences`].
    pub fn allowance(&self, reason: AbsenceReason) -> Option<Allowance> {
        self.0
            .iter()
            .find(|e| e.reason == reason)
            .map(|e| e.allowance)
    }

    pub(crate) fn check(&self) -> Result<(), String> {
        let mut seen = BTreeSet::new();
        for e in &self.0 {
            if !seen.insert(e.reason) {
                return Err(format!("lists {} twice", e.reason));
            }
            if e.allowance == Allowance::Days(0) {
                return Err(format!("gives {} 0 days", e.reason));
            }
        }
        Ok(())
    }
}

impl fmt::Display for ExcusedAbsences {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.reason, e.allowance))
            .collect();
        f.write_str(&shown.join("; "))
    }
}

/// What a learner attended on one day of one training: the span of the day it ran in and the
/// hours it held, or an absence for an event the learner asks to be counted as attended.
///
/// # Example
/// ```
/// use cqnet_core::learning_time::{AbsenceReason, Presence};
/// use cqnet_core::Hours;
/// let absent = Presence::Excused { reason: AbsenceReason::OwnMarriage, event_on: "2026-06-01".parse().unwrap() };
/// assert!(matches!(absent, Presence::Excused { .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "presence", rename_all = "snake_case", deny_unknown_fields)]
pub enum Presence {
    /// Attended from `from` until `until` on the day.
    Attended {
        /// The time the training began.
        from: NaiveTime,
        /// The time it ended, after `from` on the same day.
        until: NaiveTime,
    },
    /// Absent for an event (출석 인정 사유).
    Excused {
        /// The event.
        reason: AbsenceReason,
        /// The day it happened.
        event_on: NaiveDate,
    },
}

/// One day's entry of one training, checked: the kind, the day, the presence, the hours it
/// holds, and whether it is Off-JT a school runs in its own curriculum (시행령 제13조제1항).
///
/// # Errors
/// [`Session::new`] refuses a span that does not end after it starts
/// ([`InputError::Inconsistent`]), hours longer than the span, a school's curriculum for OJT,
/// and an event after the day of the absence.
///
/// # Example
/// ```
/// use cqnet_core::learning_time::{Session, TrainingKind};
/// use cqnet_core::Hours;
/// let day = "2026-06-03".parse().unwrap();
/// assert!(Session::new(TrainingKind::Ojt, day, "09:00".parse().unwrap(), "12:00".parse().unwrap(), Hours::whole(4)?, false).is_err());
/// assert!(Session::new(TrainingKind::Ojt, day, "09:00".parse().unwrap(), "12:00".parse().unwrap(), Hours::whole(3)?, true).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SessionWire")]
pub struct Session {
    kind: TrainingKind,
    day: NaiveDate,
    presence: Presence,
    hours: Hours,
    school_curriculum: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionWire {
    kind: TrainingKind,
    day: NaiveDate,
    presence: Presence,
    hours: Hours,
    school_curriculum: bool,
}

impl TryFrom<SessionWire> for Session {
    type Error = InputError;
    fn try_from(w: SessionWire) -> Result<Self, Self::Error> {
        Session::checked(w.kind, w.day, w.presence, w.hours, w.school_curriculum)
    }
}

/// The hours from `from` to `until`, exact to the second.
fn span_hours(from: NaiveTime, until: NaiveTime) -> Decimal {
    let seconds =
        i64::from(until.num_seconds_from_midnight()) - i64::from(from.num_seconds_from_midnight());
    Decimal::from(seconds) / Decimal::from(3600)
}

impl Session {
    /// An attended session from `from` until `until` on `day`.
    ///
    /// # Errors
    /// As [`Session`].
    ///
    /// # Example
    /// See [`Session`].
    pub fn new(
        kind: TrainingKind,
        day: NaiveDate,
        from: NaiveTime,
        until: NaiveTime,
        hours: Hours,
        school_curriculum: bool,
    ) -> Result<Self, InputError> {
        Session::checked(
            kind,
            day,
            Presence::Attended { from, until },
            hours,
            school_curriculum,
        )
    }

    /// A session with any presence.
    ///
    /// # Errors
    /// As [`Session`].
    ///
    /// # Example
    /// ```
    /// use cqnet_core::learning_time::{AbsenceReason, Presence, Session, TrainingKind};
    /// use cqnet_core::Hours;
    /// let late = Presence::Excused { reason: AbsenceReason::Voting, event_on: "2026-06-04".parse().unwrap() };
    /// assert!(Session::checked(TrainingKind::Ojt, "2026-06-03".parse().unwrap(), late, Hours::whole(6)?, false).is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn checked(
        kind: TrainingKind,
        day: NaiveDate,
        presence: Presence,
        hours: Hours,
        school_curriculum: bool,
    ) -> Result<Self, InputError> {
        if school_curriculum && kind == TrainingKind::Ojt {
            return Err(InputError::Inconsistent(
                "only Off-JT is run in a school's curriculum".into(),
            ));
        }
        match presence {
            Presence::Attended { from, until } => {
                if until <= from {
                    return Err(InputError::Inconsistent(format!(
                        "a session must end after it starts on the same day: {from} to {until}"
                    )));
                }
                if hours.value() > span_hours(from, until) {
                    return Err(InputError::Inconsistent(format!(
                        "{hours} hours do not fit from {from} to {until}"
                    )));
                }
            }
            Presence::Excused { event_on, .. } => {
                if event_on > day {
                    return Err(InputError::Inconsistent(format!(
                        "an absence on {day} for an event on {event_on}, later"
                    )));
                }
            }
        }
        Ok(Session {
            kind,
            day,
            presence,
            hours,
            school_curriculum,
        })
    }

    /// The training.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::learning_time::{Session, TrainingKind};
    /// use cqnet_core::Hours;
    /// let s = Session::new(TrainingKind::OffJt, "2026-06-03".parse().unwrap(), "09:00".parse().unwrap(), "12:00".parse().unwrap(), Hours::whole(3)?, true)?;
    /// assert_eq!(s.kind(), TrainingKind::OffJt);
    /// assert_eq!(s.hours(), Hours::whole(3)?);
    /// assert!(s.school_curriculum());
    /// assert_eq!(s.day().to_string(), "2026-06-03");
    /// assert!(matches!(s.presence(), cqnet_core::learning_time::Presence::Attended { .. }));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn kind(&self) -> TrainingKind {
        self.kind
    }

    /// The day.
    ///
    /// # Example
    /// See [`Session::kind`].
    pub fn day(&self) -> NaiveDate {
        self.day
    }

    /// Attended or excused.
    ///
    /// # Example
    /// See [`Session::kind`].
    pub fn presence(&self) -> Presence {
        self.presence
    }

    /// The hours it holds.
    ///
    /// # Example
    /// See [`Session::kind`].
    pub fn hours(&self) -> Hours {
        self.hours
    }

    /// Off-JT a school runs in its own curriculum.
    ///
    /// # Example
    /// See [`Session::kind`].
    pub fn school_curriculum(&self) -> bool {
        self.school_curriculum
    }
}

/// The learner's side of a day: their birth date (for their age on the day), whether they are
/// pregnant, whether a written agreement and the ministry's authorisation for night and holiday
/// OJT are recorded by the day, and whether the host marks the day a public holiday.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Circumstances {
    /// The learner's birth date.
    pub born_on: NaiveDate,
    /// Pregnant on the day (임신 중).
    pub pregnant: bool,
    /// A written agreement for night and holiday OJT (서면 합의) is recorded by the day.
    pub written_agreement: bool,
    /// The ministry's authorisation (고용노동부장관의 인가) is recorded by the day.
    pub ministry_authorised: bool,
    /// The day is a public holiday (관공서 공휴일), as the host's calendar says.
    pub public_holiday: bool,
}

/// Whether a day's entry may be recorded, and what it counts.
///
/// # Example
/// See [the module](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SessionDecision {
    /// Every check holds.
    pub allowed: bool,
    /// The hours the entry adds to the learning-work hours (학습근로시간): none for a school's
    /// own Off-JT when the pack leaves it out.
    pub counted_hours: Hours,
    /// The session touches the night.
    pub night: bool,
    /// The day is a holiday.
    pub holiday: bool,
    /// Every failing check.
    pub reasons: Vec<Reason>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

/// Whether someone born on `born_on` is younger than `years` on `day`.
fn younger_than(born_on: NaiveDate, years: u32, day: NaiveDate) -> bool {
    born_on
        .checked_add_months(Months::new(years.saturating_mul(12)))
        .is_none_or(|birthday| day < birthday)
}

/// Decides one day's entry of one training, with the learning-work hours already counted on
/// that day by the other training (`other_counted`).
///
/// # Example
/// ```
/// use cqnet_core::learning_time::{decide_session, Circumstances, Session, TrainingKind};
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::{Hours, ReasonCode};
/// let rules = RulePack::embedded().rules_at("2026-06-03".parse()?)?;
/// let long = Session::new(TrainingKind::Ojt, "2026-06-03".parse()?, "09:00".parse()?, "17:00".parse()?, Hours::whole(7)?, false)?;
/// let who = Circumstances { born_on: "2000-01-01".parse()?, pregnant: false, written_agreement: false, ministry_authorised: false, public_holiday: false };
/// let d = decide_session(&long, &who, Hours::whole(2)?, &rules);
/// let codes: Vec<_> = d.reasons.iter().map(|r| r.code).collect();
/// assert_eq!(codes, [ReasonCode::OjtDailyHoursExceeded, ReasonCode::DailyHoursExceeded]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide_session(
    session: &Session,
    circumstances: &Circumstances,
    other_counted: Hours,
    rules: &Rules,
) -> SessionDecision {
    let ws = &rules.work_study;
    let mut reasons = Vec::new();
    let excluded = session.school_curriculum && ws.school_off_jt_excluded.value;
    let counted = if excluded { Hours::ZERO } else { session.hours };
    if session.kind == TrainingKind::Ojt && session.hours > ws.ojt_daily_max_hours.value {
        reasons.push(
            Reason::new(
                ReasonCode::OjtDailyHoursExceeded,
                ws.ojt_daily_max_hours.basis.clone(),
            )
            .measured(Quantity::Hours(session.hours.value()))
            .required(Quantity::Hours(ws.ojt_daily_max_hours.value.value())),
        );
    }
    let day_total = counted.value() + other_counted.value();
    if day_total > ws.daily_max_hours.value.value() {
        reasons.push(
            Reason::new(
                ReasonCode::DailyHoursExceeded,
                ws.daily_max_hours.basis.clone(),
            )
            .measured(Quantity::Hours(day_total))
            .required(Quantity::Hours(ws.daily_max_hours.value.value())),
        );
    }
    let night = match session.presence {
        Presence::Attended { from, until } => ws.night_hours.value.overlaps(from, until),
        Presence::Excused { .. } => false,
    };
    let holiday = ws
        .holidays
        .value
        .is_holiday(session.day, circumstances.public_holiday);
    let attended_ojt =
        session.kind == TrainingKind::Ojt && matches!(session.presence, Presence::Attended { .. });
    if attended_ojt && (night || holiday) {
        check_night_holiday(session.day, circumstances, rules, &mut reasons);
    }
    if let Presence::Excused { reason, event_on } = session.presence
        && let Some(refusal) = check_excused(reason, event_on, session.day, rules)
    {
        reasons.push(refusal);
    }
    SessionDecision {
        allowed: reasons.is_empty(),
        counted_hours: counted,
        night,
        holiday,
        reasons,
        rules: RulesUsed::from(rules),
    }
}

/// The agreement and the authorisation night or holiday OJT needs.
fn check_night_holiday(
    day: NaiveDate,
    circumstances: &Circumstances,
    rules: &Rules,
    reasons: &mut Vec<Reason>,
) {
    let needs = &rules.work_study.night_holiday_ojt;
    if needs.value.written_agreement && !circumstances.written_agreement {
        reasons.push(
            Reason::new(
                ReasonCode::NightHolidayOjtWithoutAgreement,
                needs.basis.clone(),
            )
            .measured(Quantity::Flag(false))
            .required(Quantity::Flag(true)),
        );
    }
    let minor = younger_than(
        circumstances.born_on,
        needs.value.authorisation_below_age,
        day,
    );
    let pregnant = needs.value.authorisation_when_pregnant && circumstances.pregnant;
    if (minor || pregnant) && !circumstances.ministry_authorised {
        reasons.push(
            Reason::new(
                ReasonCode::NightHolidayOjtWithoutAuthorisation,
                needs.basis.clone(),
            )
            .measured(Quantity::Flag(false))
            .required(Quantity::Flag(true)),
        );
    }
}

/// Whether an absence on `day` for `reason` on `event_on` counts as attended; the refusal when
/// it does not.
fn check_excused(
    reason: AbsenceReason,
    event_on: NaiveDate,
    day: NaiveDate,
    rules: &Rules,
) -> Option<Reason> {
    let excused = &rules.work_study.excused_absences;
    let last = excused
        .value
        .allowance(reason)
        .and_then(|a| a.last_day(event_on));
    match last {
        Some(last) if day >= event_on && day <= last => None,
        Some(last) => Some(
            Reason::new(ReasonCode::AbsenceNotExcused, excused.basis.clone())
                .measured(Quantity::Date(day))
                .required(Quantity::Date(last)),
        ),
        None => Some(Reason::new(
            ReasonCode::AbsenceNotExcused,
            excused.basis.clone(),
        )),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::RulePack;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> NaiveTime {
        s.parse().unwrap()
    }

    fn adult() -> Circumstances {
        Circumstances {
            born_on: d("2000-01-01"),
            pregnant: false,
            written_agreement: false,
            ministry_authorised: false,
            public_holiday: false,
        }
    }

    #[test]
    fn the_night_bounds_are_the_pack_s_own() {
        let rules = RulePack::embedded().rules_at(d("2026-06-03")).unwrap();
        let night = rules.work_study.night_hours.value;
        // A session ending exactly at the night's start, or starting at its end, is day work.
        let edge = |from, until| {
            let s = Session::new(
                TrainingKind::Ojt,
                d("2026-06-03"),
                t(from),
                t(until),
                Hours::whole(1).unwrap(),
                false,
            )
            .unwrap();
            decide_session(&s, &adult(), Hours::ZERO, &rules).night
        };
        let starts = night.starts.format("%H:%M").to_string();
        let ends = night.ends.format("%H:%M").to_string();
        assert!(!edge("20:00", &*starts));
        assert!(!edge(&*ends, "08:00"));
        assert!(edge("05:00", "07:00"));
    }

    #[test]
    fn a_minor_needs_the_authorisation_until_the_birthday() {
        let rules = RulePack::embedded().rules_at(d("2026-06-07")).unwrap();
        let age = rules
            .work_study
            .night_holiday_ojt
            .value
            .authorisation_below_age;
        let sunday = d("2026-06-07");
        assert!(rules.work_study.holidays.value.is_holiday(sunday, false));
        let born = sunday.checked_sub_months(Months::new(age * 12)).unwrap();
        let s = Session::new(
            TrainingKind::Ojt,
            sunday,
            t("09:00"),
            t("12:00"),
            Hours::whole(3).unwrap(),
            false,
        )
        .unwrap();
        let agreed = |born_on| Circumstances {
            born_on,
            written_agreement: true,
            ..adult()
        };
        // Born exactly `age` years before: of age on the day.
        assert!(decide_session(&s, &agreed(born), Hours::ZERO, &rules).allowed);
        let a_day_younger = born.succ_opt().unwrap();
        let refused = decide_session(&s, &agreed(a_day_younger), Hours::ZERO, &rules);
        assert_eq!(refused.reasons.len(), 1);
        assert_eq!(
            refused.reasons[0].code,
            ReasonCode::NightHolidayOjtWithoutAuthorisation
        );
        let authorised = Circumstances {
            ministry_authorised: true,
            ..agreed(a_day_younger)
        };
        assert!(decide_session(&s, &authorised, Hours::ZERO, &rules).allowed);
    }

    #[test]
    fn a_pregnant_learner_needs_the_authorisation_at_night_and_nobody_by_day() {
        let rules = RulePack::embedded().rules_at(d("2026-06-03")).unwrap();
        let pregnant = Circumstances {
            pregnant: true,
            written_agreement: true,
            ..adult()
        };
        let late = Session::new(
            TrainingKind::Ojt,
            d("2026-06-03"),
            t("20:00"),
            t("23:00"),
            Hours::whole(3).unwrap(),
            false,
        )
        .unwrap();
        let codes: Vec<ReasonCode> = decide_session(&late, &pregnant, Hours::ZERO, &rules)
            .reasons
            .iter()
            .map(|r| r.code)
            .collect();
        assert_eq!(codes, [ReasonCode::NightHolidayOjtWithoutAuthorisation]);
        let authorised = Circumstances {
            ministry_authorised: true,
            ..pregnant
        };
        assert!(decide_session(&late, &authorised, Hours::ZERO, &rules).allowed);
        // By day on a working day neither the agreement nor the authorisation is asked.
        let day_time = Session::new(
            TrainingKind::Ojt,
            d("2026-06-03"),
            t("09:00"),
            t("12:00"),
            Hours::whole(3).unwrap(),
            false,
        )
        .unwrap();
        let unpermitted = Circumstances {
            pregnant: true,
            ..adult()
        };
        let decision = decide_session(&day_time, &unpermitted, Hours::ZERO, &rules);
        assert!(decision.allowed && !decision.night && !decision.holiday);
    }

    #[test]
    fn a_school_s_own_off_jt_counts_no_hours_and_off_jt_needs_no_agreement() {
        let rules = RulePack::embedded().rules_at(d("2026-06-07")).unwrap();
        let s = Session::new(
            TrainingKind::OffJt,
            d("2026-06-07"),
            t("19:00"),
            t("23:00"),
            Hours::whole(4).unwrap(),
            true,
        )
        .unwrap();
        let full_day = rules.work_study.daily_max_hours.value;
        let decision = decide_session(&s, &adult(), full_day, &rules);
        assert!(decision.allowed, "{:?}", decision.reasons);
        assert!(decision.night && decision.holiday);
        assert!(decision.counted_hours.is_zero());
    }

    #[test]
    fn an_absence_counts_within_its_allowance_only() {
        let rules = RulePack::embedded().rules_at(d("2026-06-03")).unwrap();
        let excused = &rules.work_study.excused_absences.value;
        let Some(Allowance::Days(days)) = excused.allowance(AbsenceReason::OwnMarriage) else {
            panic!("the pack gives own_marriage a number of days");
        };
        let event = d("2026-06-01");
        let absent_on = |day: NaiveDate| {
            let presence = Presence::Excused {
                reason: AbsenceReason::OwnMarriage,
                event_on: event,
            };
            let s = Session::checked(
                TrainingKind::Ojt,
                day,
                presence,
                Hours::whole(1).unwrap(),
                false,
            )
            .unwrap();
            decide_session(&s, &adult(), Hours::ZERO, &rules)
        };
        let last = event
            .checked_add_days(chrono::Days::new(u64::from(days) - 1))
            .unwrap();
        assert!(absent_on(last).allowed);
        let after = absent_on(last.succ_opt().unwrap());
        assert_eq!(after.reasons[0].code, ReasonCode::AbsenceNotExcused);
        assert_eq!(after.reasons[0].required, Some(Quantity::Date(last)));
    }

    #[test]
    fn pack_values_that_cannot_work_are_refused() {
        let night = NightHours {
            starts: t("06:00"),
            ends: t("22:00"),
        };
        assert!(night.check().is_err());
        let none = HolidayRule {
            weekly_rest_days: Vec::new(),
            public_holidays: true,
        };
        assert!(none.check().is_err());
        let twice = ExcusedAbsences(vec![
            ExcusedAbsence {
                reason: AbsenceReason::Voting,
                allowance: Allowance::EventDay,
            },
            ExcusedAbsence {
                reason: AbsenceReason::Voting,
                allowance: Allowance::Days(1),
            },
        ]);
        assert!(twice.check().is_err());
    }
}
