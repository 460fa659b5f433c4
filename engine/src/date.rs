//! Calendar dates as Insyn writes them: `YYYY-MM-DD`, in case files, rule-set files, the
//! CLI and the date fields of the app.
//!
//! Read here rather than with chrono's general format parser (`parse_from_str`, or the
//! `FromStr` behind chrono's serde support): that parser handles every strftime pattern
//! and time zone, and the web app would carry all of it for this one format.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// The first and last years Insyn reads a date in: a child's life and its guardians'
/// custody lie well within them, and a year outside them is a mistake or a year typed half
/// way (`0002-02-28`). Case files, the CLI's dates and the app's date fields all keep to
/// them.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;

/// Whether `date` lies in the years Insyn reads (`FIRST_YEAR`–`LAST_YEAR`).
pub fn within_years(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(&date))
}

/// A date written `YYYY-MM-DD` (four-digit year, two-digit month and day), if it is a
/// real calendar day. Nothing else is accepted: no spaces, no other separators.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |total, &byte| {
            byte.is_ascii_digit()
                .then(|| total * 10 + u32::from(byte - b'0'))
        })
    };
    let year = number(0..4)?;
    let month = number(5..7)?;
    let day = number(8..10)?;
    // INVARIANT: four digits fit in an i32.
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

fn not_a_date<E: de::Error>(text: &str) -> E {
    E::custom(format_args!(
        "\"{text}\" is not a date (expected YYYY-MM-DD)"
    ))
}

/// Reads a date from a string, so that any other JSON type is refused as "expected a
/// date (YYYY-MM-DD)" rather than as "expected a string".
struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date (YYYY-MM-DD)")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        let date = parse_iso_date(text).ok_or_else(|| not_a_date(text))?;
        if within_years(date) {
            Ok(date)
        } else {
            Err(E::custom(format_args!(
                "\"{text}\" is outside the years {FIRST_YEAR}–{LAST_YEAR}"
            )))
        }
    }
}

/// `DateVisitor`, or `null` for none.
struct OptionalDateVisitor;

impl<'de> Visitor<'de> for OptionalDateVisitor {
    type Value = Option<NaiveDate>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date (YYYY-MM-DD) or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<NaiveDate>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<NaiveDate>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        deserializer.deserialize_str(DateVisitor).map(Some)
    }
}

/// `#[serde(with = "crate::date::iso")]` for a `NaiveDate` field.
pub mod iso {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        deserializer.deserialize_str(DateVisitor)
    }
}

/// `#[serde(default, with = "crate::date::optional_iso")]` for an `Option<NaiveDate>`
/// field: absent or `null` is `None`.
pub mod optional_iso {
    use super::*;

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.collect_str(date),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        deserializer.deserialize_option(OptionalDateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_well_formed_date_is_read() {
        assert_eq!(
            parse_iso_date("2026-03-26"),
            NaiveDate::from_ymd_opt(2026, 3, 26)
        );
        assert_eq!(
            parse_iso_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
    }

    #[test]
    fn days_that_do_not_exist_and_other_shapes_are_refused() {
        for text in [
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-4-1",
            "2026/04/01",
            " 2026-04-01",
            "2026-04-01 ",
            "26-04-01",
            "+2026-04-01",
            "2026-0a-01",
            "",
            "2026-04-01T00:00",
        ] {
            assert_eq!(parse_iso_date(text), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn every_date_reads_back_as_written(days in 0i64..(200 * 366)) {
            let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64);
            prop_assert_eq!(parse_iso_date(&date.to_string()), Some(date));
            // The same answer as chrono's own parser.
            prop_assert_eq!(
                NaiveDate::parse_from_str(&date.to_string(), "%Y-%m-%d").ok(),
                Some(date)
            );
        }
    }
}
