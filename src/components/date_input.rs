//! Reading what a date input (`<input type="date">`) holds, the same way for every date
//! field of the app: the case editor's, "Visa läget den" and the timeline's range.
//!
//! A browser's date input has three ways of holding something it cannot turn into a date,
//! and each needs its own care:
//!
//! - an impossible day (30 February) or a date not typed to the end: the value is `""`,
//!   as for an empty field, and only `validity.badInput` tells them apart;
//! - a year typed digit by digit: after each digit the value is a real date (`0002-02-28`,
//!   `0020-02-28`, `0202-02-28`), so a year outside 1900–2100 is taken as not typed yet;
//! - typing into an empty field: the value stays `""` until the date is whole, so the
//!   browser fires neither `input` nor `change`. The fields therefore read the input on
//!   `input`, `change`, `keyup` and `blur`; reading is cheap and writes nothing when nothing
//!   changed (`set_field_error`, and the callers compare before they store a date).

use chrono::{Datelike, NaiveDate};
use insyn_engine::parse_iso_date;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::state::FieldError;

/// The first and last years a date field accepts. Every date of a case lies within them (a
/// child's life and its guardians' custody); outside them is a year not yet typed whole.
/// The engine's (`insyn_engine::FIRST_YEAR`), so a field accepts exactly what a file may hold.
pub const MIN_YEAR: i32 = insyn_engine::FIRST_YEAR;
pub const MAX_YEAR: i32 = insyn_engine::LAST_YEAR;

/// What a date input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateEntry {
    /// Nothing typed.
    Empty,
    /// A whole date within `MIN_YEAR`–`MAX_YEAR`.
    Date(NaiveDate),
    /// An impossible day, or a date not typed to the end.
    Unreadable,
    /// A real date, but its year is outside `MIN_YEAR`–`MAX_YEAR`, e.g. a year half typed.
    YearOutOfRange(i32),
}

impl DateEntry {
    /// What an input with `value` holds; `bad_input` is its `validity.badInput`.
    pub fn classify(value: &str, bad_input: bool) -> DateEntry {
        let value = value.trim();
        if bad_input {
            return DateEntry::Unreadable;
        }
        if value.is_empty() {
            return DateEntry::Empty;
        }
        match parse_iso_date(value) {
            Some(date) if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) => DateEntry::Date(date),
            Some(date) => DateEntry::YearOutOfRange(date.year()),
            // A browser writes years past 9999 with more digits (`20270-02-28`).
            None => match value.split_once('-') {
                Some((year, _)) if year.len() > 4 => year
                    .parse::<i32>()
                    .map_or(DateEntry::Unreadable, DateEntry::YearOutOfRange),
                _ => DateEntry::Unreadable,
            },
        }
    }

    /// What the input `input` holds now.
    pub fn read(input: &web_sys::HtmlInputElement) -> DateEntry {
        DateEntry::classify(&input.value(), bad_input(input))
    }

    /// The message for a field holding this; `required` fields may not be empty. `None` when
    /// the entry is fine.
    pub fn problem_sv(self, required: bool) -> Option<String> {
        match self {
            DateEntry::Date(_) => None,
            DateEntry::Empty if required => Some("Ange ett datum.".into()),
            DateEntry::Empty => None,
            DateEntry::Unreadable if required => Some(
                "Datumet finns inte eller är inte helt ifyllt. Ange ett giltigt datum.".into(),
            ),
            DateEntry::Unreadable => Some(
                "Datumet finns inte eller är inte helt ifyllt. Ange ett giltigt datum eller töm fältet."
                    .into(),
            ),
            DateEntry::YearOutOfRange(year) => Some(format!(
                "Året {year} går inte att använda: ange ett år mellan {MIN_YEAR} och {MAX_YEAR}."
            )),
        }
    }
}

/// Whether the browser holds an entry it cannot turn into a value.
fn bad_input(input: &web_sys::HtmlInputElement) -> bool {
    js_sys::Reflect::get(input, &JsValue::from_str("validity"))
        .and_then(|validity| js_sys::Reflect::get(&validity, &JsValue::from_str("badInput")))
        .ok()
        .and_then(|bad| bad.as_bool())
        .unwrap_or(false)
}

/// Set or clear the message for `path` in `errors`, writing (and so notifying every reader)
/// only when it changes: the fields read themselves on every key press.
pub fn set_field_error(errors: RwSignal<Vec<FieldError>>, path: &str, message_sv: Option<String>) {
    let unchanged = errors.with_untracked(|errors| {
        let current = errors.iter().find(|e| e.path == path);
        current.map(|e| &e.message_sv) == message_sv.as_ref()
    });
    if unchanged {
        return;
    }
    errors.update(|errors| {
        errors.retain(|e| e.path != path);
        if let Some(message_sv) = message_sv {
            errors.push(FieldError {
                path: path.to_string(),
                message_sv,
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_whole_date_within_the_years_is_a_date() {
        assert_eq!(
            DateEntry::classify("2027-04-30", false),
            DateEntry::Date(day(2027, 4, 30))
        );
        assert_eq!(
            DateEntry::classify("1900-01-01", false),
            DateEntry::Date(day(1900, 1, 1))
        );
        assert_eq!(
            DateEntry::classify("2100-12-31", false),
            DateEntry::Date(day(2100, 12, 31))
        );
    }

    #[test]
    fn a_year_typed_digit_by_digit_is_not_a_date_until_it_is_whole() {
        for value in ["0002-02-28", "0020-02-28", "0202-02-28"] {
            assert!(
                matches!(
                    DateEntry::classify(value, false),
                    DateEntry::YearOutOfRange(_)
                ),
                "{value}"
            );
        }
        assert_eq!(
            DateEntry::classify("20270-02-28", false),
            DateEntry::YearOutOfRange(20270)
        );
        assert_eq!(
            DateEntry::classify("2101-01-01", false),
            DateEntry::YearOutOfRange(2101)
        );
    }

    #[test]
    fn an_impossible_or_unfinished_date_is_unreadable_never_empty() {
        // The browser's value is "" for 04/31/2027; only badInput says it is not empty.
        assert_eq!(DateEntry::classify("", true), DateEntry::Unreadable);
        assert_eq!(DateEntry::classify("", false), DateEntry::Empty);
        assert_eq!(
            DateEntry::classify("2027-02-30", false),
            DateEntry::Unreadable
        );
    }

    #[test]
    fn the_messages_are_swedish_and_say_what_to_do() {
        assert_eq!(DateEntry::Empty.problem_sv(false), None);
        assert_eq!(
            DateEntry::Empty.problem_sv(true).as_deref(),
            Some("Ange ett datum.")
        );
        assert!(DateEntry::Unreadable
            .problem_sv(false)
            .unwrap()
            .contains("töm fältet"));
        assert!(DateEntry::YearOutOfRange(2)
            .problem_sv(true)
            .unwrap()
            .contains("mellan 1900 och 2100"));
        assert_eq!(DateEntry::Date(day(2020, 1, 1)).problem_sv(true), None);
    }
}
