//! The `designation_check` kind.

use std::collections::BTreeMap;

use cqnet_core::Hours;
use cqnet_core::rules::Rules;
use cqnet_core::standard::{
    self, CoursePlan, CoursePlanSpec, CurriculumStandard, CurriculumStandardSpec, FacilityStandard,
    PlannedFacility, PlannedUnit, StandardUnit, UnitKind,
};
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DesignationInput {
    standard: StandardInput,
    plan: PlanInput,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StandardInput {
    total_hours: Value,
    #[serde(default)]
    elective_hours: Option<Value>,
    units: Vec<StandardUnitInput>,
    facilities: Vec<FacilityInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StandardUnitInput {
    code: Value,
    kind: Value,
    min_hours: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FacilityInput {
    name: String,
    headcount: Value,
    area: Value,
    extra_area_per_person: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanInput {
    capacity: Value,
    #[serde(default)]
    foundational_hours: Option<Value>,
    units: Vec<PlanUnitInput>,
    facilities: Vec<PlanFacilityInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanUnitInput {
    code: Value,
    hours: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFacilityInput {
    name: String,
    area: Value,
}

pub(crate) fn run(input: &Value, rules: &Rules) -> Result<Outcome, Refusal> {
    let input: DesignationInput = shape(input, "input")?;
    let s = &input.standard;
    let units = s
        .units
        .iter()
        .map(|u| {
            Ok(StandardUnit::new(
                value(&u.code, "standard unit code")?,
                value::<UnitKind>(&u.kind, "standard unit kind")?,
                value(&u.min_hours, "min_hours")?,
            ))
        })
        .collect::<Result<Vec<_>, Refusal>>()?;
    let facilities = s
        .facilities
        .iter()
        .map(|f| {
            Ok(FacilityStandard::new(
                f.name.clone(),
                value(&f.headcount, "headcount")?,
                value(&f.area, "area")?,
                value(&f.extra_area_per_person, "extra_area_per_person")?,
            ))
        })
        .collect::<Result<Vec<_>, Refusal>>()?;
    let standard = CurriculumStandard::new(CurriculumStandardSpec {
        total_hours: value(&s.total_hours, "total_hours")?,
        elective_hours: or_rule(&s.elective_hours, "elective_hours", Hours::ZERO)?,
        units,
        facilities,
        ..CurriculumStandardSpec::default()
    })
    .map_err(invalid)?;
    let p = &input.plan;
    let plan = CoursePlan::new(CoursePlanSpec {
        capacity: value(&p.capacity, "capacity")?,
        foundational_hours: or_rule(&p.foundational_hours, "foundational_hours", Hours::ZERO)?,
        units: p
            .units
            .iter()
            .map(|u| {
                Ok(PlannedUnit {
                    code: value(&u.code, "plan unit code")?,
                    hours: value(&u.hours, "plan unit hours")?,
                })
            })
            .collect::<Result<Vec<_>, Refusal>>()?,
        facilities: p
            .facilities
            .iter()
            .map(|f| {
                Ok(PlannedFacility {
                    name: f.name.clone(),
                    area: value(&f.area, "plan facility area")?,
                })
            })
            .collect::<Result<Vec<_>, Refusal>>()?,
        equipment: Vec::new(),
    })
    .map_err(invalid)?;
    let d = standard::check_plan(&standard, &plan, rules);
    Ok(BTreeMap::from([
        ("meets_standard", Actual::Bool(d.meets_standard)),
        ("reasons", reason_codes(&d.reasons)),
    ]))
}
