//! Validation of a case before it is evaluated: every problem becomes an `EngineError`
//! naming the offending field's path, never a panic. The checks are the ones the guidance
//! implies: at most two guardians at a time, measures dated within the child's life and
//! ending after they start, references to guardians, units and sealings that exist.
//!
//! What depends on a rule set (extended access only at 13–15, a blocking that ends at 13,
//! an unlock request from a unit that did not initiate the sealing) is not a problem of the
//! case: the evaluation gives staff a notice for it on the dates it matters.

use chrono::NaiveDate;

use crate::case::limits::{self, MAX_CONCURRENT_GUARDIANS};
use crate::case::CaseFacts;
use crate::case::{Case, MeasureKind, Period, SealingScope, FORMAT_VERSION};
use crate::error::{EngineError, Problem};

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
/// date of birth, an unknown format version, a case over the format's limits) end the
/// check early.
pub fn validate_case_all(case: &Case, reference: NaiveDate) -> Result<CaseFacts, Vec<EngineError>> {
    if case.format_version != FORMAT_VERSION {
        return Err(vec![EngineError::UnsupportedFormatVersion {
            found: case.format_version,
            supported: FORMAT_VERSION,
        }]);
    }
    let mut problems = Vec::new();
    limits::check(case, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
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
                let MeasureKind::Sealing { .. } = &sealed.kind else {
                    return Err(EngineError::invalid(
                        format!("{path}.sealing"),
                        Problem::NotASealing {
                            id: sealing.clone(),
                        },
                    ));
                };
                // A unit that did not initiate the sealing may still ask: the request is
                // forwarded to the initiating units (see `evaluation::notices`).
                known_unit(requesting_unit, "requesting_unit")?;
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
                // Outside the window the rule set gives (13–15) the measure has no
                // effect; the evaluation warns about it rather than refusing the case.
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
