//! Merging a rule set over the one it `extends`, on the files' JSON. Used when files are
//! read at run time (`Catalog::from_files`) and by `engine/build.rs`, which compiles the
//! embedded rule sets into Rust data: one merge for both.

use serde_json::Value;

/// Merge a child rule set over its parent: the child's top-level fields win; parameters the
/// child leaves out come from the parent, marked `inherited_from`; sources are the union.
pub fn inherit(parent: &Value, parent_id: &str, mut child: Value) -> Value {
    let child_object = child.as_object_mut().expect("a rule set is an object");
    let mut parameters = parent
        .get("parameters")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for citation in parameters.values_mut() {
        if let Some(object) = citation.as_object_mut() {
            object
                .entry("inherited_from")
                .or_insert_with(|| Value::String(parent_id.to_string()));
        }
    }
    if let Some(own) = child_object.get("parameters").and_then(Value::as_object) {
        for (name, value) in own {
            parameters.insert(name.clone(), value.clone());
        }
    }
    child_object.insert("parameters".into(), Value::Object(parameters));
    let mut sources = parent
        .get("sources")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if let Some(own) = child_object.get("sources").and_then(Value::as_array) {
        for source in own {
            let id = source.get("id");
            sources.retain(|s| s.get("id") != id);
            sources.push(source.clone());
        }
    }
    child_object.insert("sources".into(), Value::Array(sources));
    child
}
