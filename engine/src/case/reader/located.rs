//! The second pass: the case from a JSON value, every error naming its field. serde_json's
//! own errors name no field (`invalid type: integer `5`, expected a string`); this
//! deserializer walks the value knowing where it is, so the same mistake reads
//! `region: expected a string, found 5`.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Expected, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::Path;
use crate::error::EngineError;

/// Read a `T` from `value`; an error names the field at fault. The case reader and the
/// rule-set files both read through this one deserializer: two would each compile their
/// own copy of every field's reading into the web app.
pub(crate) fn read<'v, T: Deserialize<'v>>(value: &'v Value) -> Result<T, EngineError> {
    read_at(value, Path::Root)
}

/// Read a `T` from `value`, which sits at `path` in the file.
pub(super) fn read_at<'v, T: Deserialize<'v>>(
    value: &'v Value,
    path: Path<'_>,
) -> Result<T, EngineError> {
    T::deserialize(Located { value, path }).map_err(|error| {
        let placed = *error.at(&path).0;
        EngineError::Malformed {
            path: placed.path.unwrap_or_default(),
            message: placed.message,
        }
    })
}

/// A reading error, and, once known, the path of the field at fault. Boxed: every
/// `Result` the derived readers pass around carries one, and a pointer keeps that code
/// small in the web app.
#[derive(Debug)]
pub(super) struct ReadError(Box<Placed>);

#[derive(Debug)]
struct Placed {
    path: Option<String>,
    /// A field of the object at `path` that the error is about (unknown, missing).
    field: Option<String>,
    message: String,
}

impl ReadError {
    fn new(message: String) -> Self {
        ReadError(Box::new(Placed {
            path: None,
            field: None,
            message,
        }))
    }

    fn about_field(field: &str, message: String) -> Self {
        ReadError(Box::new(Placed {
            path: None,
            field: Some(field.to_string()),
            message,
        }))
    }

    /// Place the error at `path`, unless a value inside it already placed it.
    #[inline(never)]
    fn at(mut self, path: &Path<'_>) -> Self {
        let placed = &mut *self.0;
        if placed.path.is_none() {
            placed.path = Some(match placed.field.take() {
                Some(field) => Path::Key(path, &field).to_string(),
                None => path.to_string(),
            });
        }
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.path {
            Some(path) if !path.is_empty() => write!(f, "{path}: {}", self.0.message),
            _ => f.write_str(&self.0.message),
        }
    }
}

impl std::error::Error for ReadError {}

/// A value as the message quotes it: `5`, `"vgr"`, `a list`. A long string is cut.
fn found(unexpected: Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Bool(value) => value.to_string(),
        Unexpected::Unsigned(value) => value.to_string(),
        Unexpected::Signed(value) => value.to_string(),
        // Not written out: float formatting costs the web app several kilobytes.
        Unexpected::Float(_) => "a decimal number".into(),
        Unexpected::Str(text) => quoted(text),
        Unexpected::Unit => "null".into(),
        Unexpected::Seq => "a list".into(),
        Unexpected::Map => "an object".into(),
        other => other.to_string(),
    }
}

fn quoted(text: &str) -> String {
    const SHOWN: usize = 60;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("\"{}…\"", &text[..end]),
        None => format!("\"{text}\""),
    }
}

/// What serde expected, in the case format's words.
fn expected(expected: &dyn Expected) -> String {
    let text = expected.to_string();
    match text.as_str() {
        "a boolean" => "true or false".into(),
        "a sequence" => "a list".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number".into(),
        _ if text.starts_with("struct ") => "an object".into(),
        _ => text,
    }
}

fn one_of(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
    names.join(", ")
}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        ReadError::new(message.to_string())
    }

    fn invalid_type(unexpected: Unexpected<'_>, expecting: &dyn Expected) -> Self {
        ReadError::new(format!(
            "expected {}, found {}",
            expected(expecting),
            found(unexpected)
        ))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expecting: &dyn Expected) -> Self {
        ReadError::invalid_type(unexpected, expecting)
    }

    fn invalid_length(length: usize, expecting: &dyn Expected) -> Self {
        ReadError::new(format!(
            "expected {}, found a list of {length}",
            expected(expecting)
        ))
    }

    fn unknown_variant(variant: &str, variants: &'static [&'static str]) -> Self {
        ReadError::new(format!(
            "unknown value {}; expected one of {}",
            quoted(variant),
            one_of(variants)
        ))
    }

    fn unknown_field(field: &str, fields: &'static [&'static str]) -> Self {
        ReadError::about_field(
            field,
            format!("unknown field; the fields here are {}", one_of(fields)),
        )
    }

    fn missing_field(field: &'static str) -> Self {
        ReadError::about_field(field, "a required field is missing".into())
    }

    fn duplicate_field(field: &'static str) -> Self {
        ReadError::about_field(field, "the key appears twice".into())
    }
}

/// A JSON value and where it is in the file.
struct Located<'v, 'p> {
    value: &'v Value,
    path: Path<'p>,
}

impl Located<'_, '_> {
    /// The value is not of the type `visitor` reads.
    fn invalid_type(&self, visitor: &dyn Expected) -> ReadError {
        de::Error::invalid_type(self.unexpected(), visitor)
    }

    fn unexpected(&self) -> Unexpected<'_> {
        match self.value {
            Value::Null => Unexpected::Unit,
            Value::Bool(value) => Unexpected::Bool(*value),
            Value::Number(number) => match (number.as_u64(), number.as_i64()) {
                (Some(value), _) => Unexpected::Unsigned(value),
                (None, Some(value)) => Unexpected::Signed(value),
                (None, None) => Unexpected::Float(number.as_f64().unwrap_or_default()),
            },
            Value::String(text) => Unexpected::Str(text),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        }
    }
}

impl<'de> de::Deserializer<'de> for Located<'de, '_> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(value) => visitor.visit_bool(*value),
            Value::Number(number) => match (number.as_u64(), number.as_i64()) {
                (Some(value), _) => visitor.visit_u64(value),
                (None, Some(value)) => visitor.visit_i64(value),
                (None, None) => visitor.visit_f64(number.as_f64().unwrap_or_default()),
            },
            Value::String(text) => visitor.visit_borrowed_str(text),
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                index: 0,
                path: &self.path,
            }),
            Value::Object(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
                path: &self.path,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.value {
            Value::Bool(value) => visitor.visit_bool(*value),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.value {
            Value::Number(number) => match (number.as_u64(), number.as_i64()) {
                (Some(value), _) => visitor.visit_u64(value),
                (None, Some(value)) => visitor.visit_i64(value),
                (None, None) => Err(self.invalid_type(&visitor)),
            },
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.value {
            Value::String(text) => visitor.visit_borrowed_str(text),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.value {
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                index: 0,
                path: &self.path,
            }),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.value {
            Value::Object(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
                path: &self.path,
            }),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        match self.value {
            // Only unit variants in the case format: `"kind": "god_man"`.
            Value::String(text) => visitor.visit_enum(BorrowedStrDeserializer::new(text)),
            _ => Err(ReadError::new(format!(
                "expected one of {}, found {}",
                one_of(variants),
                found(self.unexpected())
            ))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_unit()
    }

    // Only the methods the case format's types call are written out above: forwarding a
    // string or a list to `deserialize_any` would compile every visitor's every method
    // into the web app.
    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u64 u128 f32 f64 char bytes byte_buf unit unit_struct
        tuple tuple_struct
    }
}

/// The items of a list, each read at its index.
struct Items<'v, 'p> {
    items: std::slice::Iter<'v, Value>,
    index: usize,
    path: &'p Path<'p>,
}

impl<'v> SeqAccess<'v> for Items<'v, '_> {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'v>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ReadError> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, self.index);
        self.index += 1;
        seed.deserialize(Located { value, path })
            .map(Some)
            .map_err(|error| error.at(&path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of an object, each value read at its key.
struct Entries<'v, 'p> {
    entries: serde_json::map::Iter<'v>,
    value: Option<(&'v str, &'v Value)>,
    path: &'p Path<'p>,
}

impl<'v> MapAccess<'v> for Entries<'v, '_> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'v>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ReadError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'v>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a value was read before its key"));
        };
        let path = Path::Key(self.path, key);
        seed.deserialize(Located { value, path })
            .map_err(|error| error.at(&path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
