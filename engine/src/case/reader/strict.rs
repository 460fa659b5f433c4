//! The first pass: JSON text to a value, refusing a key written twice in one object.
//! serde_json's own `Value` keeps the last of two equal keys, so a file could say one
//! thing to a person reading it and another to the engine.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::Path;
use crate::error::{EngineError, Problem};

/// What went wrong where, kept outside serde_json's error (which has no room for a path).
#[derive(Default)]
struct Found {
    /// The path of the innermost value being read when reading failed.
    at: Option<String>,
    duplicate: bool,
}

/// Read `text` as one JSON value. A syntax error names the innermost value it is in.
pub(super) fn parse(text: &str) -> Result<Value, EngineError> {
    let found = RefCell::new(Found::default());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let result = StrictValue {
        path: Path::Root,
        found: &found,
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value));
    let found = found.into_inner();
    match result {
        Ok(value) => Ok(value),
        Err(_) if found.duplicate => Err(EngineError::invalid(
            found.at.unwrap_or_default(),
            Problem::DuplicateKey,
        )),
        Err(error) => Err(match found.at {
            Some(path) => EngineError::Malformed {
                path,
                message: format!("not valid JSON: {error}"),
            },
            None => EngineError::Malformed {
                path: String::new(),
                message: format!("the case file is not valid JSON: {error}"),
            },
        }),
    }
}

struct StrictValue<'a> {
    path: Path<'a>,
    found: &'a RefCell<Found>,
}

impl StrictValue<'_> {
    /// Note the path of a value that failed, unless a value inside it already has.
    fn failed_at(&self, path: &Path<'_>) {
        let mut found = self.found.borrow_mut();
        if found.at.is_none() {
            found.at = Some(path.to_string());
        }
    }
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let path = Path::Index(&self.path, items.len());
            let item = StrictValue {
                path,
                found: self.found,
            };
            match seq.next_element_seed(item) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => return Ok(Value::Array(items)),
                Err(error) => {
                    self.failed_at(&path);
                    return Err(error);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = Path::Key(&self.path, &key);
            if object.contains_key(&key) {
                self.failed_at(&path);
                self.found.borrow_mut().duplicate = true;
                return Err(de::Error::custom("a key appears twice"));
            }
            let value = StrictValue {
                path,
                found: self.found,
            };
            match map.next_value_seed(value) {
                Ok(value) => {
                    object.insert(key, value);
                }
                Err(error) => {
                    self.failed_at(&path);
                    return Err(error);
                }
            }
        }
        Ok(Value::Object(object))
    }
}
