//! The checks that values of a pack fit together: each dated value on its own (a fee of 0, a
//! refund paying more after the window than within it), then the few rules that compare
//! parameters (weights adding up to 100, a pass mark that can be reached) on every date on
//! which one of the compared parameters changes.
//!
//! Each value is checked once and each comparison reads the values in force by binary search,
//! so validation grows near-linearly with the pack: resolving every parameter on every change
//! date, as a whole `Rules`, grew with the dates times the values.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::params::{CancelReason, PackFile};
use super::{Param, RulePackError};
use crate::{Hours, Percent, Score, Won};

/// The dates on which any of `params` starts or stops a value.
fn dates_of(params: &[&dyn ChangeDates]) -> BTreeSet<NaiveDate> {
    params.iter().flat_map(|p| p.dates()).collect()
}

/// A parameter's change dates, whatever its value type.
trait ChangeDates {
    fn dates(&self) -> Vec<NaiveDate>;
}

impl<T: Clone + PartialEq + std::fmt::Display> ChangeDates for Param<T> {
    fn dates(&self) -> Vec<NaiveDate> {
        self.change_dates().collect()
    }
}

/// The hours of a calendar day in Korea (no daylight saving): the physical bound of any daily
/// limit of training hours, not a rule of the pack.
const HOURS_IN_A_DAY: u32 = 24;

/// A daily limit of training hours lies in `(0, 24]`: 0 would refuse every attendance, and no
/// day holds more than 24 hours.
fn within_a_day(name: &'static str) -> impl Fn(&Hours) -> Result<(), String> {
    move |h| {
        if h.is_zero() {
            Err(format!("{name} is 0: no attendance could be recorded"))
        } else if h.value() > Decimal::from(HOURS_IN_A_DAY) {
            Err(format!(
                "{name} is {h}: a day has only {HOURS_IN_A_DAY} hours"
            ))
        } else {
            Ok(())
        }
    }
}

fn not_zero_percent(name: &'static str) -> impl Fn(&Percent) -> Result<(), String> {
    move |p| {
        if *p == Percent::ZERO {
            Err(format!("{name} is 0: the check would pass everyone"))
        } else {
            Ok(())
        }
    }
}

impl PackFile {
    /// Checks every dated value on its own; a refusal is dated at the value's `since`.
    pub(super) fn check_values(&self) -> Result<(), RulePackError> {
        let cb = &self.course_based;
        cb.pass_average.check_each(|mark| {
            if *mark == Score::ZERO {
                Err(format!(
                    "course_based.pass_average {mark} cannot be reached or passes everyone"
                ))
            } else {
                Ok(())
            }
        })?;
        cb.attendance_min_percent
            .check_each(not_zero_percent("course_based.attendance_min_percent"))?;
        cb.daily_max_hours
            .check_each(within_a_day("course_based.daily_max_hours"))?;
        let ws = &self.work_study;
        ws.daily_max_hours
            .check_each(within_a_day("work_study.daily_max_hours"))?;
        ws.ojt_daily_max_hours
            .check_each(within_a_day("work_study.ojt_daily_max_hours"))?;
        ws.attendance_min_percent
            .check_each(not_zero_percent("work_study.attendance_min_percent"))?;
        ws.internal_unit_pass_percent
            .check_each(not_zero_percent("work_study.internal_unit_pass_percent"))?;
        ws.external_unit_pass_percent
            .check_each(not_zero_percent("work_study.external_unit_pass_percent"))?;
        for (name, fees) in [
            ("fees.course_based", &self.fees.course_based),
            ("fees.work_study", &self.fees.work_study),
        ] {
            fees.check_each(|table| {
                if table.default == Won::ZERO
                    || table.by_qualification.values().any(|f| *f == Won::ZERO)
                {
                    Err(format!("{name}: a fee of 0 cannot be refunded or paid"))
                } else {
                    Ok(())
                }
            })?;
        }
        self.certificates
            .confirmation_verifiable_days
            .check_each(|days| {
                if *days == 0 {
                    Err("certificates.confirmation_verifiable_days is 0: no confirmation could be verified".into())
                } else {
                    Ok(())
                }
            })?;
        for (name, schedule) in [
            ("refund.course_based", &self.refund.course_based),
            ("refund.work_study", &self.refund.work_study),
        ] {
            schedule.check_each(|s| {
                if s.after_window_percent > s.within_window_percent {
                    return Err(format!(
                        "{name}: refunds more after the window than within it"
                    ));
                }
                if s.excused_reasons
                    .iter()
                    .any(|r| matches!(r, CancelReason::Personal | CancelReason::AgencyFault))
                {
                    return Err(format!(
                        "{name}: excused_reasons may not list personal or agency_fault"
                    ));
                }
                Ok(())
            })?;
        }
        self.check_company_values()
    }

    /// Checks the sanction, learning-company and learning-contract values on their own.
    fn check_company_values(&self) -> Result<(), RulePackError> {
        for (name, rule) in [
            ("sanction.course", &self.sanction.course),
            ("sanction.learning_company", &self.sanction.learning_company),
        ] {
            rule.check_each(|r| r.check().map_err(|p| format!("{name} {p}")))?;
        }
        let lc = &self.learning_company;
        lc.accident_lookback_years.check_each(|years| {
            if *years == 0 {
                Err(
                    "learning_company.accident_lookback_years is 0: no disclosure would count"
                        .into(),
                )
            } else {
                Ok(())
            }
        })?;
        lc.staffing.check_each(|staffing| {
            if staffing.field_teachers == 0 || staffing.hr_staff == 0 {
                Err(
                    "learning_company.staffing needs at least 1 of each: 0 would pass everyone"
                        .into(),
                )
            } else {
                Ok(())
            }
        })?;
        lc.field_teacher.check_each(|ft| {
            let years = [
                ft.degree_training_years,
                ft.research_years,
                ft.work_study_practical_years,
                ft.national_practical_years,
                ft.practical_years,
            ];
            if years.contains(&crate::Years::ZERO) {
                Err(
                    "learning_company.field_teacher: a route of 0 years would qualify everyone"
                        .into(),
                )
            } else {
                Ok(())
            }
        })?;
        self.learning_contract.just_causes.check_each(|causes| {
            causes
                .check()
                .map_err(|p| format!("learning_contract.just_causes {p}"))
        })?;
        self.check_learning_time()?;
        self.statistics.score_band_bounds.check_each(|bounds| {
            bounds
                .check()
                .map_err(|p| format!("statistics.score_band_bounds: {p}"))
        })
    }

    /// Checks the rules that compare parameters on every date on which one of the compared
    /// parameters changes; a date on which one of them is not in force has nothing to compare.
    pub(super) fn check_across(&self) -> Result<(), RulePackError> {
        self.check_weights()?;
        self.check_extensions()
    }

    /// The final-score weights add up to 100, and the best final score reaches the pass mark.
    fn check_weights(&self) -> Result<(), RulePackError> {
        let cb = &self.course_based;
        let hundred = Decimal::ONE_HUNDRED;
        let dates = dates_of(&[
            &cb.internal_weight,
            &cb.external_weight,
            &cb.written_weight,
            &cb.practical_weight,
            &cb.pass_average,
        ]);
        for date in dates {
            let problem = |problem: String| RulePackError::Inconsistent { date, problem };
            let (Some(internal), Some(external), Some(written), Some(practical), Some(pass)) = (
                cb.internal_weight.value_on(date),
                cb.external_weight.value_on(date),
                cb.written_weight.value_on(date),
                cb.practical_weight.value_on(date),
                cb.pass_average.value_on(date),
            ) else {
                continue;
            };
            let internal_external = internal.value() + external.value();
            if internal_external != hundred {
                return Err(problem(format!(
                    "course_based.internal_weight + external_weight is {internal_external}, not 100"
                )));
            }
            let written_practical = written.value() + practical.value();
            if written_practical != hundred {
                return Err(problem(format!(
                    "course_based.written_weight + practical_weight is {written_practical}, not 100"
                )));
            }
            // The best final score (100 in every part) must reach the pass mark.
            let best_final = (internal_external * hundred) / hundred;
            if pass.value() > best_final {
                return Err(problem(format!(
                    "course_based.pass_average {pass} cannot be reached or passes everyone"
                )));
            }
        }
        Ok(())
    }

    /// Months of extension are set only where an extension is allowed.
    fn check_extensions(&self) -> Result<(), RulePackError> {
        let ws = &self.work_study;
        for date in dates_of(&[&ws.extension_max_count, &ws.extension_max_total_months]) {
            let (Some(count), Some(months)) = (
                ws.extension_max_count.value_on(date),
                ws.extension_max_total_months.value_on(date),
            ) else {
                continue;
            };
            if *count == 0 && *months > 0 {
                return Err(RulePackError::Inconsistent {
                    date,
                    problem:
                        "work_study.extension_max_total_months is set but no extension is allowed"
                            .into(),
                });
            }
        }
        Ok(())
    }

    /// The night, holidays and excused absences of learning-work days, each on its own.
    fn check_learning_time(&self) -> Result<(), RulePackError> {
        let ws = &self.work_study;
        ws.night_hours.check_each(|night| {
            night
                .check()
                .map_err(|p| format!("work_study.night_hours {p}"))
        })?;
        ws.holidays.check_each(|holidays| {
            holidays
                .check()
                .map_err(|p| format!("work_study.holidays {p}"))
        })?;
        ws.night_holiday_ojt.check_each(|needs| {
            if needs.authorisation_below_age == 0 {
                Err("work_study.night_holiday_ojt.authorisation_below_age is 0: no learner would need it".into())
            } else {
                Ok(())
            }
        })?;
        ws.excused_absences.check_each(|excused| {
            excused
                .check()
                .map_err(|p| format!("work_study.excused_absences {p}"))
        })
    }
}
