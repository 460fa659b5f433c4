//! Validation of a case before it is evaluated: every problem becomes an `EngineError`
//! naming the offending field's path, never a panic. The checks are the ones the guidance
//! implies: at most two guardians at a time, measures dated within the child's life and
//! ending after they start, references to guardians and units that exist, extended access
//! only at 13–15, unlock requests only from units that initiated the sealing.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::age::birthday;
use crate::case::{Case, MeasureKind, Period, SealingScope, FORMAT_VERSION};
use crate::error::{EngineError, Problem};
use crate::evaluation::CaseFacts;

/// Extended access (utökad direktåtkomst) is given between the 13th birthday and the day
/// before the 16th (VGR 2019: "Direktåtkomst för minderårig mellan 13 – 15 år"; the same
/// window in every rule set in the catalog).
pub const EXTENDED_ACCESS_FROM_AGE: u32 = 13;
pub const EXTENDED_ACCESS_UNTIL_AGE: u32 = 16;

/// At most two guardians at a time (Föräldrabalken via Skatteverket: "Ett barn ska inte ha
/// fler än två vårdnadshavare enligt svensk lagstiftning.").
pub const MAX_CONCURRENT_GUARDIANS: usize = 2;

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
pub fn parse_case_json(text: &str) -> Result<Case, EngineError> {
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
                    "guardians" => part::<crate::case::Guardian>(item, &path).map(drop)?,
                    "legal_representatives" => {
                        part::<crate::case::LegalRepresentative>(item, &path).map(drop)?
                    }
                    "care_units" => part::<crate::case::CareUnit>(item, &path).map(drop)?,
                    _ => part::<crate::case::Measure>(item, &path).map(drop)?,
                }
            }
        }
    }
    if let Some(child) = object.get("child") {
        part::<crate::case::Child>(child, "child")?;
    }
    part(&value, "")
}

fn check_period(period: &Period, path: &str, birth: NaiveDate) -> Result<(), EngineError> {
    if let Some(to) = period.to {
        if to < period.from {
            return Err(EngineError::invalid(
                format!("{path}.to"),
                Problem::EndsBeforeStart {
                    from: period.from,
                    to,
                },
            ));
        }
    }
    if period.from < birth {
        return Err(EngineError::invalid(
            format!("{path}.from"),
            Problem::BeforeBirth {
                date: period.from,
                birth,
            },
        ));
    }
    Ok(())
}

/// The ids of a list, each once. A plain list, not a hash set: a case has a few of each,
/// and std's hash set compiled SipHash and a hash table into the web app.
fn check_unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &str,
    problems: &mut Vec<EngineError>,
) -> Vec<&'a str> {
    let mut seen = Vec::new();
    for (index, id) in ids.enumerate() {
        if id.trim().is_empty() {
            problems.push(EngineError::invalid(
                format!("{list}[{index}].id"),
                Problem::Empty,
            ));
        } else if seen.contains(&id) {
            problems.push(EngineError::invalid(
                format!("{list}[{index}].id"),
                Problem::DuplicateId { id: id.to_string() },
            ));
        } else {
            seen.push(id);
        }
    }
    seen
}

fn collect(problems: &mut Vec<EngineError>, result: Result<(), EngineError>) {
    if let Err(error) = result {
        problems.push(error);
    }
}

/// Check a case; return the facts derived from it, or the first problem. `reference`
/// resolves the century of a 10-digit personnummer (the asked date, never the clock).
pub fn validate_case(case: &Case, reference: NaiveDate) -> Result<CaseFacts, EngineError> {
    validate_case_all(case, reference).map_err(|mut problems| problems.remove(0))
}

/// Check a case; return the facts derived from it, or every problem found, each naming its
/// field, so the UI can show them all at once. Problems that make the rest uncheckable (no
/// date of birth, an unknown format version) end the check early.
pub fn validate_case_all(case: &Case, reference: NaiveDate) -> Result<CaseFacts, Vec<EngineError>> {
    if case.format_version != FORMAT_VERSION {
        return Err(vec![EngineError::UnsupportedFormatVersion {
            found: case.format_version,
            supported: FORMAT_VERSION,
        }]);
    }
    let mut problems = Vec::new();
    if case.region.trim().is_empty() && case.pinned_rule_set.is_none() {
        problems.push(EngineError::invalid("region", Problem::Empty));
    }
    let facts = match CaseFacts::new(case, reference) {
        Ok(facts) => facts,
        Err(error) => {
            problems.push(error);
            return Err(problems);
        }
    };
    let birth = facts.birth;
    if let (Some(typed), Some(from_number)) = (
        case.child.birth_date,
        facts.identity.as_ref().and_then(|id| id.birth_date()),
    ) {
        if typed != from_number {
            problems.push(EngineError::invalid(
                "child.birth_date",
                Problem::BirthDateDiffersFromNumber { typed, from_number },
            ));
        }
    }
    for (index, period) in case.child.protected_identity.iter().enumerate() {
        let result = check_period(period, &format!("child.protected_identity[{index}]"), birth);
        collect(&mut problems, result);
    }

    let guardian_ids = check_unique(
        case.guardians.iter().map(|g| g.id.as_str()),
        "guardians",
        &mut problems,
    );
    let check_guardian =
        |index: usize, guardian: &crate::case::Guardian| -> Result<(), EngineError> {
            let path = format!("guardians[{index}]");
            check_period(&guardian.registered, &format!("{path}.registered"), birth)?;
            for (p, period) in guardian.protected_identity.iter().enumerate() {
                check_period(period, &format!("{path}.protected_identity[{p}]"), birth)?;
            }
            if let Some(number) = guardian.identity_number.as_deref() {
                if !number.trim().is_empty() {
                    crate::identity::parse_identity_number(number, reference).map_err(|error| {
                        EngineError::invalid(
                            format!("{path}.identity_number"),
                            Problem::Identity(error),
                        )
                    })?;
                }
            }
            Ok(())
        };
    for (index, guardian) in case.guardians.iter().enumerate() {
        collect(&mut problems, check_guardian(index, guardian));
    }
    // A third concurrent guardian shows at the start of some registration.
    for (index, guardian) in case.guardians.iter().enumerate() {
        let day = guardian.registered.from;
        let concurrent = case
            .guardians
            .iter()
            .filter(|g| g.registered.contains(day))
            .count();
        if concurrent > MAX_CONCURRENT_GUARDIANS {
            problems.push(EngineError::invalid(
                format!("guardians[{index}].registered"),
                Problem::ThirdConcurrentGuardian { date: day },
            ));
        }
    }

    check_unique(
        case.legal_representatives.iter().map(|r| r.id.as_str()),
        "legal_representatives",
        &mut problems,
    );
    let check_representative = |index: usize,
                                representative: &crate::case::LegalRepresentative|
     -> Result<(), EngineError> {
        let path = format!("legal_representatives[{index}]");
        if representative.appointed < birth {
            return Err(EngineError::invalid(
                format!("{path}.appointed"),
                Problem::BeforeBirth {
                    date: representative.appointed,
                    birth,
                },
            ));
        }
        if let Some(decided) = representative.access_decided {
            if decided < representative.appointed {
                return Err(EngineError::invalid(
                    format!("{path}.access_decided"),
                    Problem::AccessBeforeAppointment {
                        decided,
                        appointed: representative.appointed,
                    },
                ));
            }
        }
        Ok(())
    };
    for (index, representative) in case.legal_representatives.iter().enumerate() {
        collect(&mut problems, check_representative(index, representative));
    }

    let unit_ids = check_unique(
        case.care_units.iter().map(|u| u.id.as_str()),
        "care_units",
        &mut problems,
    );
    for (index, unit) in case.care_units.iter().enumerate() {
        if unit.name.trim().is_empty() {
            problems.push(EngineError::invalid(
                format!("care_units[{index}].name"),
                Problem::Empty,
            ));
        }
    }

    check_unique(
        case.measures.iter().map(|m| m.id.as_str()),
        "measures",
        &mut problems,
    );
    let extended_from = birthday(birth, EXTENDED_ACCESS_FROM_AGE);
    let extended_until = birthday(birth, EXTENDED_ACCESS_UNTIL_AGE);
    let check_measure = |index: usize, measure: &crate::case::Measure| -> Result<(), EngineError> {
        let path = format!("measures[{index}]");
        check_period(&measure.period, &format!("{path}.period"), birth)?;
        if let Some(decided) = measure.decided_on {
            if decided < birth {
                return Err(EngineError::invalid(
                    format!("{path}.decided_on"),
                    Problem::BeforeBirth {
                        date: decided,
                        birth,
                    },
                ));
            }
        }
        if let Some(unit) = measure.unit.as_deref() {
            if !unit_ids.contains(&unit) {
                return Err(EngineError::invalid(
                    format!("{path}.unit"),
                    Problem::UnknownUnit {
                        id: unit.to_string(),
                    },
                ));
            }
        }
        let known_guardian = |id: &str, field: &str| {
            if guardian_ids.contains(&id) {
                Ok(())
            } else {
                Err(EngineError::invalid(
                    format!("{path}.{field}"),
                    Problem::UnknownGuardian { id: id.to_string() },
                ))
            }
        };
        let known_unit = |id: &str, field: &str| {
            if unit_ids.contains(&id) {
                Ok(())
            } else {
                Err(EngineError::invalid(
                    format!("{path}.{field}"),
                    Problem::UnknownUnit { id: id.to_string() },
                ))
            }
        };
        match &measure.kind {
            MeasureKind::Blocking { guardians } => {
                if guardians.is_empty() {
                    return Err(EngineError::invalid(
                        format!("{path}.guardians"),
                        Problem::BlockingNeedsGuardian,
                    ));
                }
                for (g, id) in guardians.iter().enumerate() {
                    known_guardian(id, &format!("guardians[{g}]"))?;
                }
            }
            MeasureKind::BlockingExtension { guardian }
            | MeasureKind::BlockingLifted { guardian } => known_guardian(guardian, "guardian")?,
            MeasureKind::Sealing {
                initiating_units,
                scope,
                ..
            } => {
                if initiating_units.is_empty() {
                    return Err(EngineError::invalid(
                        format!("{path}.initiating_units"),
                        Problem::SealingNeedsUnit,
                    ));
                }
                for (u, id) in initiating_units.iter().enumerate() {
                    known_unit(id, &format!("initiating_units[{u}]"))?;
                }
                match scope {
                    SealingScope::Whole => {}
                    SealingScope::Unit { sealed_unit } => known_unit(sealed_unit, "sealed_unit")?,
                    SealingScope::EntryPeriod { entries } => {
                        if entries.to.is_some_and(|to| to < entries.from) {
                            return Err(EngineError::invalid(
                                format!("{path}.entries.to"),
                                Problem::EndsBeforeStart {
                                    from: entries.from,
                                    to: entries.to.unwrap_or(entries.from),
                                },
                            ));
                        }
                    }
                }
            }
            MeasureKind::UnlockRequest {
                sealing,
                requesting_unit,
            } => {
                let Some(sealed) = case.measure(sealing) else {
                    return Err(EngineError::invalid(
                        format!("{path}.sealing"),
                        Problem::UnknownMeasure {
                            id: sealing.clone(),
                        },
                    ));
                };
                let MeasureKind::Sealing {
                    initiating_units, ..
                } = &sealed.kind
                else {
                    return Err(EngineError::invalid(
                        format!("{path}.sealing"),
                        Problem::NotASealing {
                            id: sealing.clone(),
                        },
                    ));
                };
                if !initiating_units.iter().any(|u| u == requesting_unit) {
                    return Err(EngineError::invalid(
                        format!("{path}.requesting_unit"),
                        Problem::NotAnInitiatingUnit {
                            unit: requesting_unit.clone(),
                            sealing: sealing.clone(),
                            initiating: initiating_units.clone(),
                        },
                    ));
                }
                if measure.period.from < sealed.period.from {
                    return Err(EngineError::invalid(
                        format!("{path}.period.from"),
                        Problem::UnlockBeforeSealing {
                            sealing_start: sealed.period.from,
                        },
                    ));
                }
            }
            MeasureKind::LoginLock | MeasureKind::LoginUnlock => {}
            MeasureKind::ExtendedAccessChild { access_unit }
            | MeasureKind::ExtendedAccessGuardian { access_unit, .. } => {
                known_unit(access_unit, "access_unit")?;
                if let MeasureKind::ExtendedAccessGuardian { guardian, .. } = &measure.kind {
                    known_guardian(guardian, "guardian")?;
                }
                if measure.period.from < extended_from {
                    return Err(EngineError::invalid(
                        format!("{path}.period.from"),
                        Problem::ExtendedAccessBefore13 {
                            from: measure.period.from,
                            thirteenth_birthday: extended_from,
                        },
                    ));
                }
                if measure.period.to.is_some_and(|to| to >= extended_until) {
                    return Err(EngineError::invalid(
                        format!("{path}.period.to"),
                        Problem::ExtendedAccessAfter16 {
                            sixteenth_birthday: extended_until,
                        },
                    ));
                }
            }
            MeasureKind::ExceptionNote {
                note_unit,
                investigation_until,
                category,
            } => {
                known_unit(note_unit, "note_unit")?;
                if category.trim().is_empty() {
                    return Err(EngineError::invalid(
                        format!("{path}.category"),
                        Problem::Empty,
                    ));
                }
                if investigation_until.is_some_and(|until| until < measure.period.from) {
                    return Err(EngineError::invalid(
                        format!("{path}.investigation_until"),
                        Problem::EndsBeforeStart {
                            from: measure.period.from,
                            to: investigation_until.unwrap_or(measure.period.from),
                        },
                    ));
                }
            }
        }
        Ok(())
    };
    for (index, measure) in case.measures.iter().enumerate() {
        collect(&mut problems, check_measure(index, measure));
    }
    if problems.is_empty() {
        Ok(facts)
    } else {
        Err(problems)
    }
}

/// The asked date must lie within the child's minority: from birth to the 18th birthday
/// (the day custody ends, inclusive, so the adult state can be shown).
pub fn validate_date(facts: &CaseFacts, date: NaiveDate) -> Result<(), EngineError> {
    if date < facts.birth {
        return Err(EngineError::BeforeBirth {
            date,
            birth: facts.birth,
        });
    }
    let eighteenth_birthday = facts.eighteenth_birthday();
    if date > eighteenth_birthday {
        return Err(EngineError::NotAMinor {
            date,
            eighteenth_birthday,
        });
    }
    Ok(())
}
