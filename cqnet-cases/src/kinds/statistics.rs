//! The `statistics` kind.

use std::collections::BTreeMap;

use cqnet_core::rules::Rules;
use cqnet_core::statistics::{self, Dimension, GroupBy, KeyValue, StatRecord};
use serde::Deserialize;
use serde_json::Value;

use crate::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatisticsInput {
    records: Vec<RecordInput>,
    group_by: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordInput {
    year: Value,
    grade: String,
    qualification: String,
    institution_type: String,
    gender: Value,
    stage: Value,
}

pub(crate) fn run(input: &Value, _rules: &Rules) -> Result<Outcome, Refusal> {
    let input: StatisticsInput = shape(input, "input")?;
    let records = input
        .records
        .iter()
        .map(|r| {
            StatRecord::new(
                value(&r.year, "year")?,
                r.grade.clone(),
                r.qualification.clone(),
                r.institution_type.clone(),
                value(&r.gender, "gender")?,
                value(&r.stage, "stage")?,
            )
            .map_err(invalid)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let dimensions = input
        .group_by
        .iter()
        .map(|d| value::<Dimension>(d, "group_by"))
        .collect::<Result<Vec<_>, _>>()?;
    let group_by = GroupBy::new(dimensions).map_err(invalid)?;
    let rows = statistics::funnel(&records, &group_by)
        .into_iter()
        .map(|row| {
            let key: serde_json::Map<String, Value> = row
                .key
                .iter()
                .map(|(d, v)| {
                    let v = match v {
                        KeyValue::Year(y) => Value::from(*y),
                        KeyValue::Text(t) => Value::from(t.clone()),
                    };
                    (d.to_string(), v)
                })
                .collect();
            Actual::Object(BTreeMap::from([
                ("key".to_owned(), Actual::Json(Value::Object(key))),
                ("learners".to_owned(), Actual::Whole(row.learners)),
                ("targets".to_owned(), Actual::Whole(row.targets)),
                ("applications".to_owned(), Actual::Whole(row.applications)),
                ("examinees".to_owned(), Actual::Whole(row.examinees)),
                ("passers".to_owned(), Actual::Whole(row.passers)),
                ("pass_rate".to_owned(), Actual::Decimal(row.pass_rate)),
                ("acquirers".to_owned(), Actual::Whole(row.acquirers)),
            ]))
        })
        .collect();
    Ok(BTreeMap::from([("rows", Actual::List(rows))]))
}
