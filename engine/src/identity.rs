//! Swedish identity numbers: personnummer, samordningsnummer, reservnummer.
//!
//! The rules follow Skatteverket (folkbokföringslagen 18 §):
//!
//! - A number is written as 12 digits `YYYYMMDDNNNC` or 10 digits `YYMMDDNNNC`, with
//!   an optional separator `-` or `+` before the last four. Whitespace around the
//!   number is ignored; anything else is [`IdentityError::BadFormat`].
//! - The check digit `C` is the Luhn (modulus 10) digit over the nine digits
//!   `YYMMDDNNN` of the 10-digit form, weights 2, 1, 2, 1 … from the first digit. The
//!   century digits never take part.
//! - A 10-digit number gets its century from the reference date, never from the
//!   clock: the century that gives the most recent birth date not after the reference
//!   date (so the person is under 100). A `+` separator means the person is 100 or
//!   older; this tool is about children, so that is [`IdentityError::NotAMinorPlus`]
//!   (after the date and check digit have been validated). A `+` in the 12-digit form,
//!   where the century is explicit, is [`IdentityError::BadFormat`].
//!   Note: Skatteverket switches to `+` from the *calendar year* the person turns 100;
//!   this parser uses the exact date instead, so a 10-digit number dated later in the
//!   reference year than the reference date belongs to a 99-year-old, not to an unborn
//!   child. For children the two readings agree.
//! - A samordningsnummer has 60 added to the day (day field 61–91). It is a valid
//!   number, but gives no login to 1177.
//! - A reservnummer (or another interim number a region issues) is recognised by this
//!   rule: 6 or 8 digits, an optional `-` or `+`, then four ASCII letters or digits of
//!   which at least one is a letter (e.g. `000101-T220`, or an `R` in the serial). It is
//!   accepted as "no usable number"; it has no check digit, and its digits are not read
//!   as a birth date. All-digit reservnummer cannot be told apart from a personnummer
//!   with a wrong date or check digit and are reported as such errors.
//!
//! Errors are checked in this order: empty, format, date, check digit, `+`, birth date
//! after the reference date.

use std::fmt;

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IdentityNumber {
    /// A valid personnummer; `normalized` is "YYYYMMDD-NNNC".
    Personnummer {
        birth_date: NaiveDate,
        normalized: String,
    },
    /// Samordningsnummer (day + 60): valid, but gives no 1177 login.
    /// `normalized` is "YYYYMMDD-NNNC" with the day field as written (61–91).
    Samordningsnummer {
        birth_date: NaiveDate,
        normalized: String,
    },
    /// Reservnummer / interim number: accepted as "no usable number".
    /// `raw` is the input without surrounding whitespace.
    Reservnummer { raw: String },
}

impl IdentityNumber {
    /// The birth date the number gives; `None` for a reservnummer.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        match self {
            IdentityNumber::Personnummer { birth_date, .. }
            | IdentityNumber::Samordningsnummer { birth_date, .. } => Some(*birth_date),
            IdentityNumber::Reservnummer { .. } => None,
        }
    }

    /// Whether anyone can log in to 1177 with this number: only a personnummer.
    pub fn usable_in_1177(&self) -> bool {
        matches!(self, IdentityNumber::Personnummer { .. })
    }

    /// One Swedish sentence for the explanation shown to staff.
    pub fn explanation_sv(&self) -> &'static str {
        match self {
            IdentityNumber::Personnummer { .. } => {
                "Personnumret är giltigt; vem som kan se journalen på 1177 avgörs av barnets ålder och eventuella skydd."
            }
            IdentityNumber::Samordningsnummer { .. } => {
                "Samordningsnummer ger ingen inloggning på 1177; ingen har direktåtkomst via nätet."
            }
            IdentityNumber::Reservnummer { .. } => {
                "Reservnummer är inget personnummer och ger ingen inloggning på 1177; ingen har direktåtkomst via nätet."
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityError {
    /// Nothing but whitespace was given.
    Empty,
    /// Not 10 or 12 digits with an optional separator, nor a reservnummer.
    BadFormat,
    /// The month or day is not a calendar date (also day fields 32–60 and 92–99).
    InvalidDate,
    /// The check digit does not match the Luhn digit of the first nine digits.
    ChecksumMismatch { expected: u8, found: u8 },
    /// "+" means 100 years or older: not a child.
    NotAMinorPlus,
    /// The birth date is after the reference date.
    FutureBirthDate,
}

impl fmt::Display for IdentityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdentityError::Empty => f.write_str("no identity number was given"),
            IdentityError::BadFormat => f.write_str(
                "not an identity number: expected 12 digits (YYYYMMDDNNNC) or 10 digits \
                 (YYMMDDNNNC), optionally with '-' or '+' before the last four",
            ),
            IdentityError::InvalidDate => {
                f.write_str("the date part of the identity number is not a valid date")
            }
            IdentityError::ChecksumMismatch { expected, found } => write!(
                f,
                "the check digit does not match (expected {expected}, found {found})"
            ),
            IdentityError::NotAMinorPlus => {
                f.write_str("'+' means the person is 100 years or older; Insyn is about children")
            }
            IdentityError::FutureBirthDate => {
                f.write_str("the date of birth is after the reference date")
            }
        }
    }
}

impl std::error::Error for IdentityError {}

impl IdentityError {
    /// The same message in Swedish, for the UI.
    pub fn message_sv(&self) -> String {
        match self {
            IdentityError::Empty => {
                "Inget nummer angivet. Ange personnummer, samordningsnummer eller reservnummer."
                    .to_string()
            }
            IdentityError::BadFormat => {
                "Numret har fel form. Skriv 12 siffror (ÅÅÅÅMMDD-NNNN) eller 10 siffror (ÅÅMMDD-NNNN)."
                    .to_string()
            }
            IdentityError::InvalidDate => {
                "Datumdelen i numret är inget giltigt datum. Kontrollera numret.".to_string()
            }
            IdentityError::ChecksumMismatch { expected, .. } => {
                format!("Kontrollsiffran stämmer inte (ska vara {expected}). Kontrollera numret.")
            }
            IdentityError::NotAMinorPlus => {
                "Plustecknet (+) betyder att personen har fyllt 100 år. Insyn gäller barn; kontrollera numret."
                    .to_string()
            }
            IdentityError::FutureBirthDate => {
                "Födelsedatumet ligger efter det valda datumet. Kontrollera numret.".to_string()
            }
        }
    }
}

/// Parses a personnummer, samordningsnummer or reservnummer as typed.
///
/// `reference_date` is "today" for the century of a 10-digit number and for the
/// future-birth check; the clock is never read. See the module documentation for the
/// rules and the order of the checks.
pub fn parse_identity_number(
    input: &str,
    reference_date: NaiveDate,
) -> Result<IdentityNumber, IdentityError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(IdentityError::Empty);
    }
    let chars: Vec<char> = trimmed.chars().collect();
    let (head, separator, tail) = split_last_four(&chars).ok_or(IdentityError::BadFormat)?;
    if !(head.len() == 6 || head.len() == 8) || !head.iter().all(char::is_ascii_digit) {
        return Err(IdentityError::BadFormat);
    }
    if tail.iter().any(char::is_ascii_alphabetic) {
        return if tail.iter().all(char::is_ascii_alphanumeric) {
            Ok(IdentityNumber::Reservnummer {
                raw: trimmed.to_string(),
            })
        } else {
            Err(IdentityError::BadFormat)
        };
    }
    if !tail.iter().all(char::is_ascii_digit) {
        return Err(IdentityError::BadFormat);
    }
    let plus = separator == Some('+');
    let digits: Vec<u8> = head
        .iter()
        .chain(tail)
        .map(|c| c.to_digit(10).map_or(0, |d| d as u8))
        .collect();
    // The 10-digit form YYMMDDNNNC, and the century if it was written.
    let (century, ten) = match digits.len() {
        12 if plus => return Err(IdentityError::BadFormat),
        12 => (Some(two_digits(&digits[0..2])), &digits[2..]),
        _ => (None, &digits[..]),
    };
    let yy = two_digits(&ten[0..2]);
    let month = u32::from(two_digits(&ten[2..4]));
    let day_field = u32::from(two_digits(&ten[4..6]));
    let (coordination, day) = match day_field {
        1..=31 => (false, day_field),
        61..=91 => (true, day_field - 60),
        _ => return Err(IdentityError::InvalidDate),
    };
    if !(1..=12).contains(&month) {
        return Err(IdentityError::InvalidDate);
    }

    if plus {
        // The century is not needed to refuse the number; check that the date can exist
        // (2000 is a leap year, so 29 February passes) and that the check digit matches.
        if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
            return Err(IdentityError::InvalidDate);
        }
        check_digit_matches(ten)?;
        return Err(IdentityError::NotAMinorPlus);
    }

    let year = match century {
        Some(century) => i32::from(century) * 100 + i32::from(yy),
        None => ten_digit_year(yy, month, day, reference_date),
    };
    let birth_date = NaiveDate::from_ymd_opt(year, month, day).ok_or(IdentityError::InvalidDate)?;
    check_digit_matches(ten)?;
    if birth_date > reference_date {
        return Err(IdentityError::FutureBirthDate);
    }

    let serial: String = ten[6..].iter().map(|d| char::from(b'0' + d)).collect();
    let normalized = format!("{year:04}{month:02}{day_field:02}-{serial}");
    Ok(if coordination {
        IdentityNumber::Samordningsnummer {
            birth_date,
            normalized,
        }
    } else {
        IdentityNumber::Personnummer {
            birth_date,
            normalized,
        }
    })
}

/// Splits "HEAD[-+]TAIL" where TAIL is the last four characters.
fn split_last_four(chars: &[char]) -> Option<(&[char], Option<char>, &[char])> {
    let tail_start = chars.len().checked_sub(4)?;
    let tail = &chars[tail_start..];
    match tail_start.checked_sub(1).map(|i| (i, chars[i])) {
        Some((i, separator @ ('-' | '+'))) => Some((&chars[..i], Some(separator), tail)),
        _ => Some((&chars[..tail_start], None, tail)),
    }
}

fn two_digits(digits: &[u8]) -> u8 {
    digits[0] * 10 + digits[1]
}

/// The year ending in `yy` that gives the most recent date not after `reference_date`.
fn ten_digit_year(yy: u8, month: u32, day: u32, reference_date: NaiveDate) -> i32 {
    let reference_year = reference_date.year();
    let mut year = reference_year - (reference_year - i32::from(yy)).rem_euclid(100);
    if year == reference_year && (month, day) > (reference_date.month(), reference_date.day()) {
        year -= 100;
    }
    year
}

/// The Luhn check digit over the first nine digits of the 10-digit form.
fn luhn_check_digit(first_nine: &[u8]) -> u8 {
    let sum: u32 = first_nine
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let product = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            product / 10 + product % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

fn check_digit_matches(ten: &[u8]) -> Result<(), IdentityError> {
    let expected = luhn_check_digit(&ten[..9]);
    let found = ten[9];
    if expected == found {
        Ok(())
    } else {
        Err(IdentityError::ChecksumMismatch { expected, found })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Skatteverket's published test numbers: the only literal numbers in this file.
    const TEST_TWELVE: &str = "191212121212";
    const TEST_TEN: &str = "1212121212";
    const TEST_TEN_HYPHEN: &str = "121212-1212";
    const TEST_2017_TWELVE: &str = "201701012393";
    const TEST_2017_HYPHEN: &str = "170101-2393";

    /// The 10-digit number with the Luhn check digit appended, computed independently
    /// of the parser: digits in even positions are doubled, products above 9 lose 9.
    fn with_check_digit(first_nine: &str) -> String {
        assert_eq!(first_nine.len(), 9, "nine digits: {first_nine}");
        let sum: u32 = first_nine
            .chars()
            .enumerate()
            .map(|(i, c)| {
                let d = c.to_digit(10).expect("a digit");
                let p = if i % 2 == 0 { d * 2 } else { d };
                if p > 9 {
                    p - 9
                } else {
                    p
                }
            })
            .sum();
        format!("{first_nine}{}", (10 - sum % 10) % 10)
    }

    /// "YYMMDDNNNC" → "YYMMDD-NNNC".
    fn hyphenated(ten: &str) -> String {
        format!("{}-{}", &ten[..6], &ten[6..])
    }

    /// The same number with its last digit replaced by `digit`.
    fn with_last_digit(number: &str, digit: u32) -> String {
        format!("{}{}", &number[..number.len() - 1], digit)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn today() -> NaiveDate {
        date(2025, 6, 1)
    }

    fn parse(input: &str) -> Result<IdentityNumber, IdentityError> {
        parse_identity_number(input, today())
    }

    #[test]
    fn the_test_helper_agrees_with_skatteverkets_test_numbers() {
        assert_eq!(with_check_digit(&TEST_TEN[..9]), TEST_TEN);
        assert_eq!(
            with_check_digit(&TEST_2017_TWELVE[2..11]),
            &TEST_2017_TWELVE[2..]
        );
    }

    #[test]
    fn skatteverkets_twelve_digit_test_number_is_a_personnummer_born_1912() {
        let parsed = parse(TEST_TWELVE).unwrap();
        assert_eq!(
            parsed,
            IdentityNumber::Personnummer {
                birth_date: date(1912, 12, 12),
                normalized: format!("{}-{}", &TEST_TWELVE[..8], &TEST_TWELVE[8..]),
            }
        );
        assert!(parsed.usable_in_1177());
        assert_eq!(parsed.birth_date(), Some(date(1912, 12, 12)));
    }

    #[test]
    fn a_twelve_digit_number_may_have_a_hyphen_before_the_last_four() {
        let with_hyphen = format!("{}-{}", &TEST_TWELVE[..8], &TEST_TWELVE[8..]);
        assert_eq!(parse(&with_hyphen), parse(TEST_TWELVE));
    }

    #[test]
    fn a_ten_digit_number_is_the_same_with_or_without_the_hyphen() {
        let expected = IdentityNumber::Personnummer {
            birth_date: date(2012, 12, 12),
            normalized: format!("20{}", hyphenated(TEST_TEN)),
        };
        assert_eq!(parse(TEST_TEN), Ok(expected.clone()));
        assert_eq!(parse(TEST_TEN_HYPHEN), Ok(expected));
    }

    #[test]
    fn skatteverkets_2017_test_number_parses_in_both_forms() {
        let expected = IdentityNumber::Personnummer {
            birth_date: date(2017, 1, 1),
            normalized: format!("{}-{}", &TEST_2017_TWELVE[..8], &TEST_2017_TWELVE[8..]),
        };
        assert_eq!(parse(TEST_2017_TWELVE), Ok(expected.clone()));
        assert_eq!(parse(TEST_2017_HYPHEN), Ok(expected));
    }

    #[test]
    fn the_century_of_a_ten_digit_number_comes_from_the_reference_date() {
        let born = |reference| {
            parse_identity_number(TEST_TEN_HYPHEN, reference)
                .unwrap()
                .birth_date()
        };
        assert_eq!(born(date(2012, 12, 11)), Some(date(1912, 12, 12)));
        assert_eq!(born(date(2012, 12, 12)), Some(date(2012, 12, 12)));
        assert_eq!(born(date(2112, 12, 11)), Some(date(2012, 12, 12)));
        assert_eq!(born(date(2112, 12, 12)), Some(date(2112, 12, 12)));
    }

    #[test]
    fn a_ten_digit_number_dated_later_in_the_reference_year_belongs_to_the_previous_century() {
        let number = with_check_digit("251224123");
        let parsed = parse(&number).unwrap();
        assert_eq!(parsed.birth_date(), Some(date(1925, 12, 24)));
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        assert_eq!(parse(&format!("  {TEST_TEN_HYPHEN}\n\t")), parse(TEST_TEN));
    }

    #[test]
    fn a_wrong_check_digit_is_reported_with_the_digit_it_should_be() {
        let wrong = with_last_digit(TEST_TWELVE, 3);
        let error = parse(&wrong).unwrap_err();
        assert_eq!(
            error,
            IdentityError::ChecksumMismatch {
                expected: 2,
                found: 3
            }
        );
        assert_eq!(
            error.message_sv(),
            "Kontrollsiffran stämmer inte (ska vara 2). Kontrollera numret."
        );
        assert_eq!(
            error.to_string(),
            "the check digit does not match (expected 2, found 3)"
        );
    }

    #[test]
    fn the_century_digits_never_take_part_in_the_check_digit() {
        let other_century = format!("20{}", &TEST_TWELVE[2..]);
        assert_eq!(
            parse_identity_number(&other_century, date(2030, 1, 1))
                .unwrap()
                .birth_date(),
            Some(date(2012, 12, 12))
        );
    }

    #[test]
    fn a_samordningsnummer_gives_the_birth_date_but_no_1177_login() {
        let number = with_check_digit("170161239");
        let parsed = parse(&hyphenated(&number)).unwrap();
        assert_eq!(
            parsed,
            IdentityNumber::Samordningsnummer {
                birth_date: date(2017, 1, 1),
                normalized: format!("20{}", hyphenated(&number)),
            }
        );
        assert!(!parsed.usable_in_1177());
        assert_eq!(
            parsed.explanation_sv(),
            "Samordningsnummer ger ingen inloggning på 1177; ingen har direktåtkomst via nätet."
        );
    }

    #[test]
    fn a_twelve_digit_samordningsnummer_on_the_last_day_of_a_month_is_accepted() {
        let number = format!("20{}", with_check_digit("121291555"));
        assert_eq!(
            parse(&number).unwrap().birth_date(),
            Some(date(2012, 12, 31))
        );
    }

    #[test]
    fn a_samordningsnummer_with_a_wrong_check_digit_is_refused() {
        let number = with_check_digit("170161239");
        let right = number.chars().last().unwrap().to_digit(10).unwrap();
        let wrong = with_last_digit(&number, (right + 1) % 10);
        assert_eq!(
            parse(&wrong),
            Err(IdentityError::ChecksumMismatch {
                expected: right as u8,
                found: ((right + 1) % 10) as u8
            })
        );
    }

    #[test]
    fn a_plus_sign_means_a_hundred_or_older_and_is_refused() {
        let plus = TEST_TEN_HYPHEN.replace('-', "+");
        let error = parse(&plus).unwrap_err();
        assert_eq!(error, IdentityError::NotAMinorPlus);
        assert!(error.message_sv().contains("100 år"));
        assert!(error.to_string().contains("100 years"));
    }

    #[test]
    fn a_plus_sign_with_a_wrong_check_digit_reports_the_check_digit() {
        let plus = with_last_digit(&TEST_TEN_HYPHEN.replace('-', "+"), 7);
        assert_eq!(
            parse(&plus),
            Err(IdentityError::ChecksumMismatch {
                expected: 2,
                found: 7
            })
        );
    }

    #[test]
    fn a_plus_sign_in_the_twelve_digit_form_is_a_format_error() {
        let plus = format!("{}+{}", &TEST_TWELVE[..8], &TEST_TWELVE[8..]);
        assert_eq!(parse(&plus), Err(IdentityError::BadFormat));
    }

    #[test]
    fn a_letter_in_the_last_four_makes_a_reservnummer_without_checksum() {
        for raw in [
            format!("{}-T{}", &TEST_TEN[..6], "220"),
            format!("{}R{}", &TEST_TWELVE[..8], "123"),
            format!("{}-{}x", &TEST_TEN[..6], "999"),
            format!("{}+AB{}", &TEST_TEN[..6], "12"),
        ] {
            let parsed = parse(&format!(" {raw} ")).unwrap();
            assert_eq!(parsed, IdentityNumber::Reservnummer { raw: raw.clone() });
            assert_eq!(parsed.birth_date(), None);
            assert!(!parsed.usable_in_1177());
            assert!(parsed.explanation_sv().contains("Reservnummer"));
        }
    }

    #[test]
    fn nothing_but_whitespace_is_an_empty_number() {
        assert_eq!(parse(""), Err(IdentityError::Empty));
        assert_eq!(parse("  \t\n"), Err(IdentityError::Empty));
    }

    #[test]
    fn other_shapes_are_format_errors() {
        let bad = [
            "abc".to_string(),
            "-".to_string(),
            TEST_TEN[..9].to_string(),
            format!("{TEST_TEN}1"),
            format!("{TEST_TWELVE}1"),
            TEST_TWELVE[..8].to_string(),
            TEST_TEN_HYPHEN.replace('-', " "),
            TEST_TEN_HYPHEN.replace('-', "--"),
            TEST_TEN_HYPHEN.replace('-', "/"),
            format!("{}-{}", &TEST_TEN[..5], &TEST_TEN[5..]),
            format!("{}-{}", &TEST_TEN[..4], &TEST_TEN[4..]),
            TEST_TEN_HYPHEN.replacen('2', "a", 1),
            format!("{}-{}!", &TEST_TEN[..6], "T22"),
            format!("{}-{}é", &TEST_TEN[..6], "T22"),
            TEST_TEN_HYPHEN.replace('1', "١"),
        ];
        for input in bad {
            assert_eq!(parse(&input), Err(IdentityError::BadFormat), "{input:?}");
        }
    }

    #[test]
    fn impossible_dates_are_invalid_dates() {
        for first_nine in [
            "121312123", // month 13
            "120012123", // month 00
            "121200123", // day 00
            "121232123", // day 32
            "121260123", // day 60: neither a day nor a samordningsnummer day
            "121192123", // day 92
            "120431123", // 31 April
            "120291123", // samordningsnummer for 31 February
            "230229123", // 29 February 2023
        ] {
            let number = with_check_digit(first_nine);
            assert_eq!(parse(&number), Err(IdentityError::InvalidDate), "{number}");
        }
    }

    #[test]
    fn the_date_is_checked_before_the_check_digit() {
        let number = with_check_digit("121312123");
        let right = number.chars().last().unwrap().to_digit(10).unwrap();
        let wrong_twice = with_last_digit(&number, (right + 1) % 10);
        assert_eq!(parse(&wrong_twice), Err(IdentityError::InvalidDate));
    }

    #[test]
    fn a_leap_day_birth_is_valid_in_a_leap_year() {
        let number = with_check_digit("200229123");
        assert_eq!(
            parse(&number).unwrap().birth_date(),
            Some(date(2020, 2, 29))
        );
    }

    #[test]
    fn a_twelve_digit_birth_date_after_the_reference_date_is_refused() {
        let number = format!("20{}", with_check_digit("300101123"));
        assert_eq!(parse(&number), Err(IdentityError::FutureBirthDate));
        let born_today = format!("20{}", with_check_digit("250601123"));
        assert_eq!(
            parse(&born_today).unwrap().birth_date(),
            Some(date(2025, 6, 1))
        );
        let born_tomorrow = format!("20{}", with_check_digit("250602123"));
        assert_eq!(parse(&born_tomorrow), Err(IdentityError::FutureBirthDate));
    }

    #[test]
    fn every_error_has_an_english_and_a_different_swedish_message() {
        let errors = [
            IdentityError::Empty,
            IdentityError::BadFormat,
            IdentityError::InvalidDate,
            IdentityError::ChecksumMismatch {
                expected: 3,
                found: 4,
            },
            IdentityError::NotAMinorPlus,
            IdentityError::FutureBirthDate,
        ];
        for error in errors {
            let english = error.to_string();
            let swedish = error.message_sv();
            assert!(!english.is_empty() && !swedish.is_empty());
            assert_ne!(english, swedish);
            let _: &dyn std::error::Error = &error;
        }
    }

    #[test]
    fn identity_numbers_serialize_with_a_kind_tag() {
        let parsed = parse(TEST_2017_HYPHEN).unwrap();
        assert_eq!(
            serde_json::to_value(&parsed).unwrap(),
            serde_json::json!({
                "kind": "personnummer",
                "birth_date": "2017-01-01",
                "normalized": format!("{}-{}", &TEST_2017_TWELVE[..8], &TEST_2017_TWELVE[8..]),
            })
        );
        let samordning = parse(&with_check_digit("170161239")).unwrap();
        assert_eq!(
            serde_json::to_value(&samordning).unwrap()["kind"],
            "samordningsnummer"
        );
        let reserv = IdentityNumber::Reservnummer { raw: "R1".into() };
        assert_eq!(
            serde_json::to_value(&reserv).unwrap(),
            serde_json::json!({ "kind": "reservnummer", "raw": "R1" })
        );
    }

    /// A birth date from 1990-01-01 to 2030-12-31.
    fn any_birth_date() -> impl Strategy<Value = NaiveDate> {
        let first = date(1990, 1, 1);
        let last = date(2030, 12, 31);
        (0..=(last - first).num_days()).prop_map(move |days| first + chrono::Duration::days(days))
    }

    /// A generated valid number: (birth date, samordningsnummer?, 12-digit form).
    fn any_valid_number() -> impl Strategy<Value = (NaiveDate, bool, String)> {
        (any_birth_date(), 1u32..=999, any::<bool>()).prop_map(|(birth, serial, coordination)| {
            let day_field = birth.day() + if coordination { 60 } else { 0 };
            let first_nine = format!(
                "{:02}{:02}{:02}{:03}",
                birth.year() % 100,
                birth.month(),
                day_field,
                serial
            );
            let twelve = format!("{:02}{}", birth.year() / 100, with_check_digit(&first_nine));
            (birth, coordination, twelve)
        })
    }

    proptest! {
        #[test]
        fn any_valid_generated_number_parses_back_to_its_birth_date(
            (birth, coordination, twelve) in any_valid_number(),
            hyphen in any::<bool>()
        ) {
            let input = if hyphen {
                format!("{}-{}", &twelve[..8], &twelve[8..])
            } else {
                twelve.clone()
            };
            let parsed = parse_identity_number(&input, date(2031, 1, 1)).unwrap();
            prop_assert_eq!(parsed.birth_date(), Some(birth));
            prop_assert_eq!(parsed.usable_in_1177(), !coordination);
            let normalized = format!("{}-{}", &twelve[..8], &twelve[8..]);
            let expected = if coordination {
                IdentityNumber::Samordningsnummer { birth_date: birth, normalized }
            } else {
                IdentityNumber::Personnummer { birth_date: birth, normalized }
            };
            prop_assert_eq!(parsed, expected);
        }

        #[test]
        fn changing_the_check_digit_always_fails(
            (_, _, twelve) in any_valid_number(),
            shift in 1u32..=9,
            ten_digit in any::<bool>()
        ) {
            let right = twelve.chars().last().unwrap().to_digit(10).unwrap();
            let wrong = (right + shift) % 10;
            let number = if ten_digit { &twelve[2..] } else { &twelve[..] };
            prop_assert_eq!(
                parse_identity_number(&with_last_digit(number, wrong), date(2031, 1, 1)),
                Err(IdentityError::ChecksumMismatch { expected: right as u8, found: wrong as u8 })
            );
        }

        #[test]
        fn ten_and_twelve_digit_forms_agree_within_a_hundred_years_of_birth(
            (birth, _, twelve) in any_valid_number(),
            // 36 500 days is less than 100 years from any date.
            days_after_birth in 0i64..36_500,
            hyphen in any::<bool>()
        ) {
            let reference = birth + chrono::Duration::days(days_after_birth);
            let ten = if hyphen { hyphenated(&twelve[2..]) } else { twelve[2..].to_string() };
            let from_ten = parse_identity_number(&ten, reference);
            prop_assert!(from_ten.is_ok(), "{:?}", from_ten);
            prop_assert_eq!(from_ten, parse_identity_number(&twelve, reference));
        }

        #[test]
        fn a_plus_form_is_refused_as_not_a_minor(
            (_, _, twelve) in any_valid_number(),
            reference in any_birth_date()
        ) {
            let plus = format!("{}+{}", &twelve[2..8], &twelve[8..]);
            prop_assert_eq!(
                parse_identity_number(&plus, reference),
                Err(IdentityError::NotAMinorPlus)
            );
        }

        #[test]
        fn parsing_never_panics_on_arbitrary_strings(
            input in "\\PC{0,20}",
            days in 0i64..110_000
        ) {
            let reference = date(1900, 1, 1) + chrono::Duration::days(days);
            if let Ok(parsed) = parse_identity_number(&input, reference) {
                prop_assert!(parsed.birth_date().is_none_or(|born| born <= reference));
            }
        }

        #[test]
        fn parsing_never_panics_on_strings_that_look_almost_like_numbers(
            input in "[ 0-9+\\-RTx]{0,16}",
            days in 0i64..110_000
        ) {
            let reference = date(1900, 1, 1) + chrono::Duration::days(days);
            if let Ok(parsed) = parse_identity_number(&input, reference) {
                prop_assert!(parsed.birth_date().is_none_or(|born| born <= reference));
            }
        }
    }
}
