//! How a measure of a case is named, everywhere: by what it is, whom or where it concerns and
//! when it starts ("Blockering av Johan, från 2026-06-15", "Försegling hos Vårdcentralen
//! Lunden, från 2026-03-01"), never by its id. The one home of these names: the app's views,
//! the documents and the CLI all call `measure_name` or `measure_title`, so a guardian or a
//! unit renamed in the case is renamed in every sentence that names a measure.

use crate::case::{Case, Measure, MeasureKind, SealingScope};

/// The measure by what it is, whom or where it concerns, and when it starts: "Blockering
/// av Johan, från 2026-06-15". A one-off decision (breaking a blocking, asking for an
/// unlock, unlocking a login) is dated "den": "Bryta blockering av Johan, den 2026-09-01".
pub fn measure_name(case: &Case, measure: &Measure) -> String {
    let when = match &measure.kind {
        MeasureKind::BlockingLifted { .. }
        | MeasureKind::UnlockRequest { .. }
        | MeasureKind::LoginUnlock => "den",
        _ => "från",
    };
    format!(
        "{}, {when} {}",
        measure_title(case, measure, true),
        measure.period.from
    )
}

/// The measure by what it is and whom or where it concerns, without its date: for a
/// document whose period stands on a line of its own. Guardians by name (`names`), or only
/// as "vårdnadshavare 2" for a text that may not carry personal data.
pub fn measure_title(case: &Case, measure: &Measure, names: bool) -> String {
    let guardian = |id: &String| guardian_name(case, id, names);
    let units =
        |ids: &[String]| and_list(&ids.iter().map(|id| unit_name(case, id)).collect::<Vec<_>>());
    let base = measure.kind.name_sv();
    match &measure.kind {
        MeasureKind::Blocking { guardians } if guardians.is_empty() => base.to_string(),
        MeasureKind::Blocking { guardians } => format!(
            "{base} av {}",
            and_list(&guardians.iter().map(guardian).collect::<Vec<_>>())
        ),
        MeasureKind::BlockingExtension { guardian: g }
        | MeasureKind::BlockingLifted { guardian: g } => format!("{base} av {}", guardian(g)),
        MeasureKind::Sealing {
            initiating_units,
            scope,
            ..
        } => {
            let at = if initiating_units.is_empty() {
                String::new()
            } else {
                format!(" hos {}", units(initiating_units))
            };
            match scope {
                SealingScope::Whole => format!("{base}{at}"),
                SealingScope::Unit { sealed_unit } => {
                    format!("{base} av journalen hos {}", unit_name(case, sealed_unit))
                }
                SealingScope::EntryPeriod { entries } => match entries.to {
                    Some(to) => format!("{base} av anteckningar {}–{to}{at}", entries.from),
                    None => format!("{base} av anteckningar från {}{at}", entries.from),
                },
            }
        }
        MeasureKind::UnlockRequest {
            requesting_unit, ..
        } => format!("{base} från {}", unit_name(case, requesting_unit)),
        MeasureKind::LoginLock => "Låsning av barnets inloggning".to_string(),
        MeasureKind::LoginUnlock => "Upplåsning av barnets inloggning".to_string(),
        MeasureKind::ExtendedAccessChild { access_unit } => {
            format!("{base} hos {}", unit_name(case, access_unit))
        }
        MeasureKind::ExtendedAccessGuardian {
            guardian: g,
            access_unit,
        } => format!(
            "Utökad direktåtkomst för {} hos {}",
            guardian(g),
            unit_name(case, access_unit)
        ),
        MeasureKind::ExceptionNote {
            category,
            note_unit,
            ..
        } => format!("{base}: ”{category}” hos {}", unit_name(case, note_unit)),
    }
}

/// A guardian by name, or by position ("vårdnadshavare 2") when the case gives no name or
/// names may not be shown.
pub fn guardian_name(case: &Case, id: &str, names: bool) -> String {
    let position = case.guardians.iter().position(|g| g.id == id);
    let name = case
        .guardian(id)
        .and_then(|g| g.name.as_deref())
        .map(str::trim)
        .filter(|n| names && !n.is_empty());
    match (name, position) {
        (Some(name), _) => name.to_string(),
        (None, Some(i)) => format!("vårdnadshavare {}", i + 1),
        // A guardian the case no longer has: never its id.
        (None, None) => "en vårdnadshavare som inte finns i fallet".to_string(),
    }
}

/// A care unit by name, or a neutral phrase when the case lacks it or its name is empty.
pub fn unit_name(case: &Case, id: &str) -> String {
    case.care_unit(id)
        .map(|u| u.name.trim())
        .filter(|n| !n.is_empty())
        .map_or_else(|| "en vårdenhet utan namn".to_string(), str::to_string)
}

/// Names in a Swedish list: "A", "A och B", "A, B och C".
pub fn and_list(names: &[String]) -> String {
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} och {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> Case {
        Case::from_json(
            r#"{
              "format_version": 1, "region": "vgr",
              "child": { "birth_date": "2016-02-01" },
              "guardians": [
                { "id": "vh1", "name": "Maria Test", "registered": { "from": "2016-02-01" } },
                { "id": "vh2", "registered": { "from": "2016-02-01" } }
              ],
              "care_units": [
                { "id": "a", "name": "Vårdcentralen Dalen" },
                { "id": "b", "name": "Barnmottagningen Centrum" }
              ],
              "measures": [
                { "id": "s1", "period": { "from": "2021-03-01" }, "type": "sealing",
                  "initiating_units": ["a", "b"], "scope": "whole", "initiative": "staff" },
                { "id": "s2", "period": { "from": "2021-04-01" }, "type": "sealing",
                  "initiating_units": ["a"], "scope": "unit", "sealed_unit": "b", "initiative": "staff" },
                { "id": "u1", "period": { "from": "2022-05-01" }, "type": "unlock_request",
                  "sealing": "s1", "requesting_unit": "a" },
                { "id": "bl1", "period": { "from": "2021-01-01" }, "type": "blocking",
                  "guardians": ["vh1", "vh2"] },
                { "id": "l1", "period": { "from": "2021-01-01" }, "type": "login_lock" }
              ]
            }"#,
        )
        .unwrap()
    }

    fn name(id: &str) -> String {
        let case = case();
        measure_name(&case, case.measure(id).unwrap())
    }

    #[test]
    fn a_measure_is_named_by_what_it_is_whom_or_where_it_concerns_and_when_it_starts() {
        assert_eq!(
            name("bl1"),
            "Blockering av Maria Test och vårdnadshavare 2, från 2021-01-01"
        );
        assert_eq!(
            name("s1"),
            "Försegling hos Vårdcentralen Dalen och Barnmottagningen Centrum, från 2021-03-01"
        );
        assert_eq!(
            name("s2"),
            "Försegling av journalen hos Barnmottagningen Centrum, från 2021-04-01"
        );
        assert_eq!(
            name("u1"),
            "Begäran om upplåsning från Vårdcentralen Dalen, den 2022-05-01"
        );
        assert_eq!(name("l1"), "Låsning av barnets inloggning, från 2021-01-01");
    }

    #[test]
    fn a_title_without_names_names_guardians_by_position_only() {
        let case = case();
        let blocking = case.measure("bl1").unwrap();
        assert_eq!(
            measure_title(&case, blocking, false),
            "Blockering av vårdnadshavare 1 och vårdnadshavare 2"
        );
    }

    #[test]
    fn a_name_follows_the_case_when_a_guardian_or_unit_is_renamed() {
        let mut case = case();
        case.guardians[0].name = Some("Johan".into());
        case.care_units[0].name = "VC Lunden".into();
        let blocking = case.measure("bl1").unwrap();
        assert!(measure_name(&case, blocking).starts_with("Blockering av Johan och"));
        let sealing = case.measure("s1").unwrap();
        assert!(measure_name(&case, sealing).starts_with("Försegling hos VC Lunden och"));
    }

    #[test]
    fn no_name_shows_an_id_of_the_case() {
        let case = case();
        for measure in &case.measures {
            let name = measure_name(&case, measure);
            for id in ["vh1", "vh2", "s1", "s2", "u1", "bl1", "l1"] {
                assert!(
                    !name.split(|c: char| !c.is_alphanumeric()).any(|w| w == id),
                    "{name} shows {id}"
                );
            }
        }
    }
}
