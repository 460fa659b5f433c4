//! Names and personnummer in a case: where they are, and the case without them. A case
//! file is exported without them unless staff ask for them, and a case is only shared as a
//! link (`address`) when it has none, since an address ends up in browser history, chat
//! logs and e-mail.
//!
//! The fields that hold them are the names and identity numbers of the child, the guardians
//! and the legal representatives. Free text (the title, who decided, a motivation, a unit's
//! name) may hold anything; a personnummer written there is found by its shape, a name
//! cannot be, so the export asks staff to read their free text themselves.

use chrono::NaiveDate;
use insyn_engine::identity::{parse_identity_number, IdentityNumber};
use insyn_engine::Case;

/// Whether `text` holds something shaped like a personnummer, samordningsnummer or
/// reservnummer (the engine's `identity` reads them the same way): 6 or 8 digits, an
/// optional `-` or `+`, then four letters or digits, and no letter or digit right after.
pub fn has_identity_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let alphanumeric = |i: usize| chars.get(i).is_some_and(char::is_ascii_alphanumeric);
    (0..chars.len())
        // Only where a run of digits starts, so a long number is not read from its middle.
        .filter(|&start| digit(start) && !(start > 0 && alphanumeric(start - 1)))
        .any(|start| {
            let run = (start..chars.len()).take_while(|&i| digit(i)).count();
            [6, 8].into_iter().filter(|&date| run >= date).any(|date| {
                let mut tail = start + date;
                if matches!(chars.get(tail), Some('-' | '+')) {
                    tail += 1;
                }
                (tail..tail + 4).all(alphanumeric) && !alphanumeric(tail + 4)
            })
        })
}

fn filled(value: Option<&String>) -> bool {
    value.is_some_and(|v| !v.trim().is_empty())
}

/// A filled identity number that is not the stand-in [`HIDDEN_NUMBER`].
fn is_number(value: Option<&String>) -> bool {
    filled(value) && value.is_some_and(|v| v != HIDDEN_NUMBER)
}

/// The paths of every field of `case` holding a name or a personnummer (e.g. `child.name`,
/// `guardians[1].identity_number`, `measures[0].motivation` when it quotes a number).
pub fn personal_data_paths(case: &Case) -> Vec<String> {
    let mut paths = Vec::new();
    let mut name_and_number = |path: String, name: Option<&String>, number: Option<&String>| {
        if filled(name) {
            paths.push(format!("{path}.name"));
        }
        if is_number(number) {
            paths.push(format!("{path}.identity_number"));
        }
    };
    name_and_number(
        "child".into(),
        case.child.name.as_ref(),
        case.child.identity_number.as_ref(),
    );
    for (i, guardian) in case.guardians.iter().enumerate() {
        name_and_number(
            format!("guardians[{i}]"),
            guardian.name.as_ref(),
            guardian.identity_number.as_ref(),
        );
    }
    for (i, representative) in case.legal_representatives.iter().enumerate() {
        name_and_number(
            format!("legal_representatives[{i}]"),
            representative.name.as_ref(),
            None,
        );
    }
    // Free text, by the shape of a number.
    let mut text = |path: String, value: Option<&str>| {
        if value.is_some_and(has_identity_number) {
            paths.push(path);
        }
    };
    text("title".into(), case.title.as_deref());
    for (i, unit) in case.care_units.iter().enumerate() {
        text(format!("care_units[{i}].name"), Some(&unit.name));
    }
    for (i, measure) in case.measures.iter().enumerate() {
        text(
            format!("measures[{i}].decided_by"),
            measure.decided_by.as_deref(),
        );
        text(
            format!("measures[{i}].motivation"),
            measure.motivation.as_deref(),
        );
    }
    paths
}

/// What a child's samordningsnummer or reservnummer becomes when numbers are not kept: a
/// reservnummer that is nobody's, so the answer (no login to 1177) stays the same.
pub const HIDDEN_NUMBER: &str = "00000000-XXXX";

/// `case` without the names and identity numbers of the child, the guardians and the legal
/// representatives: what an export without personal data, a shared link and storage
/// without names hold. The answer stays the same: a birth date only the child's
/// personnummer gave is written out first (`reference` reads a 10-digit number's century),
/// and a samordningsnummer or reservnummer becomes [`HIDDEN_NUMBER`], which gives no login
/// either. Free text (the title, a motivation) is kept as written.
pub fn without_personal_data(case: &Case, reference: NaiveDate) -> Case {
    let mut case = case.clone();
    let child = &mut case.child;
    child.name = None;
    if let Some(number) = child.identity_number.take() {
        if let Ok(identity) = parse_identity_number(&number, reference) {
            if child.birth_date.is_none() {
                child.birth_date = identity.birth_date();
            }
            if !matches!(identity, IdentityNumber::Personnummer { .. }) {
                child.identity_number = Some(HIDDEN_NUMBER.to_string());
            }
        }
    }
    for guardian in &mut case.guardians {
        guardian.name = None;
        guardian.identity_number = None;
    }
    for representative in &mut case.legal_representatives {
        representative.name = None;
    }
    case
}

/// Whether the case holds a name or number [`without_personal_data`] takes out.
pub fn has_personal_data(case: &Case) -> bool {
    filled(case.child.name.as_ref())
        || is_number(case.child.identity_number.as_ref())
        || case
            .guardians
            .iter()
            .any(|g| filled(g.name.as_ref()) || filled(g.identity_number.as_ref()))
        || case
            .legal_representatives
            .iter()
            .any(|r| filled(r.name.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training_cases::TRAINING_CASES;

    #[test]
    fn numbers_are_found_by_their_shape_in_free_text() {
        for text in [
            "20170101-2393",
            "Barnet 201701012393 har",
            "170101-2393",
            "1701012393",
            "ref 121212+1212.",
            "20170101-T001",
        ] {
            assert!(has_identity_number(text), "{text}");
        }
        for text in [
            "",
            "Beslut 2026-06-15",
            "Dnr 2026-01475",
            "tel 010-000 00 00",
            "12345678901234",
            "RS 2026-01475",
        ] {
            assert!(!has_identity_number(text), "{text}");
        }
    }

    #[test]
    fn every_name_and_number_of_a_training_case_is_found_and_removed() {
        for training_case in TRAINING_CASES {
            let case = training_case.case();
            let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
            let stripped = without_personal_data(&case, today);
            assert_eq!(
                personal_data_paths(&stripped),
                Vec::<String>::new(),
                "{}",
                training_case.id
            );
            // Only names and numbers go: the rest of the case, and its answers, stay.
            assert_eq!(stripped.measures, case.measures);
            assert_eq!(stripped.care_units, case.care_units);
            let date = training_case.start_date(today);
            assert!(
                insyn_engine::validation::validate_case(&stripped, date).is_ok(),
                "{}",
                training_case.id
            );
        }
    }

    #[test]
    fn a_child_known_by_personnummer_only_keeps_the_birth_date_it_gives() {
        let mut case = crate::training_cases::example_case().case();
        case.child.birth_date = None;
        case.child.identity_number = Some("20170101-2393".into());
        case.guardians[0].identity_number = Some("191212121212".into());
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            personal_data_paths(&case),
            vec![
                "child.name",
                "child.identity_number",
                "guardians[0].name",
                "guardians[0].identity_number",
                "guardians[1].name"
            ]
        );
        let stripped = without_personal_data(&case, today);
        assert_eq!(
            stripped.child.birth_date,
            NaiveDate::from_ymd_opt(2017, 1, 1)
        );
        assert_eq!(stripped.child.identity_number, None);
        assert_eq!(stripped.guardians[0].identity_number, None);
    }
}
