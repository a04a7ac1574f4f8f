//! JSON Merge Patch (RFC 7386): the fuzzer's JSON merged into a valid record or case, so that
//! its mutations reach the checks past the reader as well as the reader itself.

use serde_json::Value;

/// `patch` merged into `target`: an object's members replace or (when null) remove the
/// target's, recursively; anything else replaces the target whole.
pub fn merge(target: &mut Value, patch: &Value) {
    let Value::Object(members) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(fields) = target {
        for (key, value) in members {
            if value.is_null() {
                fields.remove(key);
            } else {
                merge(fields.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
    }
}
