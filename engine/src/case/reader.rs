//! Reading a case file: JSON in the case format, with every error naming the part of the
//! file at fault. The CLI and the app read files through this one reader.
//!
//! It is strict where JSON readers are lenient: the bytes must be UTF-8 (a byte order mark
//! is allowed and skipped; a Latin-1 file is refused, never read with its letters
//! replaced), a key written twice in one object is refused (serde_json would silently keep
//! the last), and the file must keep within the case format's limits (`case::limits`).
//!
//! Two passes: `strict` reads the text into a JSON value, refusing duplicate keys, and
//! `located` reads the case from that value, naming the field of every type error
//! (`region: expected a string, found 5`).

use std::fmt;

use serde_json::Value;

use super::limits::{self, MAX_TEXT_BYTES};
use super::{Case, FORMAT_VERSION};
use crate::error::EngineError;

pub(crate) mod located;
mod strict;

/// Where in the file a value is: `measures[2].period.from`. Built on the stack while
/// reading, written out only for an error.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// The text of a file's bytes: UTF-8, without a leading byte order mark.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, EngineError> {
    let bytes = bytes
        .strip_prefix(BYTE_ORDER_MARK.as_bytes())
        .unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let at = error.valid_up_to();
        EngineError::NotUtf8 {
            line: 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count(),
            byte: bytes[at],
        }
    })
}

/// Read a case file's bytes: the size first, then UTF-8, then the case.
pub(crate) fn parse_case_bytes(bytes: &[u8]) -> Result<Case, Vec<EngineError>> {
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(vec![EngineError::TooLarge {
            limit: MAX_TEXT_BYTES,
        }]);
    }
    parse_case_json(decode(bytes).map_err(|error| vec![error])?)
}

fn format_version(object: &serde_json::Map<String, Value>) -> Result<(), EngineError> {
    let Some(version) = object.get("format_version") else {
        return Err(EngineError::Malformed {
            path: "format_version".into(),
            message: format!("missing; this engine reads format_version {FORMAT_VERSION}"),
        });
    };
    let found = version.as_u64().ok_or_else(|| EngineError::Malformed {
        path: "format_version".into(),
        message: "expected a whole number".into(),
    })?;
    if found != u64::from(FORMAT_VERSION) {
        return Err(EngineError::UnsupportedFormatVersion {
            found: u32::try_from(found).unwrap_or(u32::MAX),
            supported: FORMAT_VERSION,
        });
    }
    Ok(())
}

/// Read a case file. Errors name the part of the file at fault; every type error and every
/// limit the file goes over is listed, other errors (not JSON, a later format) end early.
pub(crate) fn parse_case_json(text: &str) -> Result<Case, Vec<EngineError>> {
    let text = text.strip_prefix(BYTE_ORDER_MARK).unwrap_or(text);
    if text.len() > MAX_TEXT_BYTES {
        return Err(vec![EngineError::TooLarge {
            limit: MAX_TEXT_BYTES,
        }]);
    }
    let value = strict::parse(text).map_err(|error| vec![error])?;
    let Value::Object(object) = &value else {
        return Err(vec![EngineError::Malformed {
            path: String::new(),
            message: "the case file is not a JSON object".into(),
        }]);
    };
    // The version first: a file of a later format gets that answer, not its first
    // unknown field.
    format_version(object).map_err(|error| vec![error])?;
    let case: Case = located::read(&value).map_err(|first| every_type_error(object, first))?;
    let mut problems = Vec::new();
    limits::check(&case, &mut problems);
    if problems.is_empty() {
        Ok(case)
    } else {
        Err(problems)
    }
}

/// Every type error of a file that could not be read, not only the first: the reader stops
/// at the first, so each guardian, representative, unit and measure is read again on its
/// own, and then the rest of the file with those lists left empty (`region`, the child, a
/// missing field).
fn every_type_error(
    object: &serde_json::Map<String, Value>,
    first: EngineError,
) -> Vec<EngineError> {
    const LISTS: [&str; 4] = [
        "guardians",
        "legal_representatives",
        "care_units",
        "measures",
    ];
    fn each<'v, T: serde::Deserialize<'v>>(
        object: &'v serde_json::Map<String, Value>,
        key: &'static str,
        problems: &mut Vec<EngineError>,
    ) {
        let Some(Value::Array(items)) = object.get(key) else {
            return;
        };
        let list = Path::Key(&Path::Root, key);
        for (index, item) in items.iter().enumerate() {
            if let Err(error) = located::read_at::<T>(item, Path::Index(&list, index)) {
                problems.push(error);
            }
        }
    }
    let mut problems = Vec::new();
    let mut rest = object.clone();
    for key in LISTS {
        if let Some(list @ Value::Array(_)) = rest.get_mut(key) {
            *list = Value::Array(Vec::new());
        }
    }
    if let Err(error) = located::read::<Case>(&Value::Object(rest)) {
        problems.push(error);
    }
    each::<super::Guardian>(object, "guardians", &mut problems);
    each::<super::LegalRepresentative>(object, "legal_representatives", &mut problems);
    each::<super::CareUnit>(object, "care_units", &mut problems);
    each::<super::Measure>(object, "measures", &mut problems);
    if problems.is_empty() {
        problems.push(first);
    }
    problems
}
