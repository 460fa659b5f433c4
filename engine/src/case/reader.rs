//! Reading a case file: JSON in the case format, with every error naming the part of the
//! file at fault. The CLI and the app read files through this one reader.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{CareUnit, Case, Child, Guardian, LegalRepresentative, Measure, FORMAT_VERSION};
use crate::error::EngineError;

fn part<T: DeserializeOwned>(value: &Value, path: &str) -> Result<T, EngineError> {
    serde_json::from_value(value.clone()).map_err(|error| {
        let message = error.to_string();
        // "unknown field `until`, expected …": point at the field itself.
        let field = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next());
        EngineError::Malformed {
            path: match field {
                Some(field) => format!("{path}.{field}"),
                None => path.to_string(),
            },
            message,
        }
    })
}

/// Read a case file. Errors name the part of the file at fault.
pub(crate) fn parse_case_json(text: &str) -> Result<Case, EngineError> {
    let value: Value = serde_json::from_str(text).map_err(|error| EngineError::Malformed {
        path: String::new(),
        message: error.to_string(),
    })?;
    let Value::Object(object) = &value else {
        return Err(EngineError::Malformed {
            path: String::new(),
            message: "expected a JSON object".into(),
        });
    };
    match object.get("format_version") {
        None => {
            return Err(EngineError::Malformed {
                path: "format_version".into(),
                message: "missing; this engine reads format_version 1".into(),
            })
        }
        Some(version) => {
            let found = version.as_u64().ok_or_else(|| EngineError::Malformed {
                path: "format_version".into(),
                message: "expected a whole number".into(),
            })?;
            if found != FORMAT_VERSION as u64 {
                return Err(EngineError::UnsupportedFormatVersion {
                    found: found.min(u32::MAX as u64) as u32,
                    supported: FORMAT_VERSION,
                });
            }
        }
    }
    // Read list items one by one so an error can name the item.
    for list in [
        "guardians",
        "legal_representatives",
        "care_units",
        "measures",
    ] {
        if let Some(items) = object.get(list) {
            let Value::Array(items) = items else {
                return Err(EngineError::Malformed {
                    path: list.into(),
                    message: "expected a list".into(),
                });
            };
            for (index, item) in items.iter().enumerate() {
                let path = format!("{list}[{index}]");
                match list {
                    "guardians" => part::<Guardian>(item, &path).map(drop)?,
                    "legal_representatives" => {
                        part::<LegalRepresentative>(item, &path).map(drop)?
                    }
                    "care_units" => part::<CareUnit>(item, &path).map(drop)?,
                    _ => part::<Measure>(item, &path).map(drop)?,
                }
            }
        }
    }
    if let Some(child) = object.get("child") {
        part::<Child>(child, "child")?;
    }
    part(&value, "")
}
