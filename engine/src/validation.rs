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

/// A path in the case (`measures[3].period`), written only when a problem names it: a
/// valid case of 200 measures has no problem, so it formats nothing.
type Path<'a> = &'a dyn Fn() -> String;

fn check_period(period: &Period, path: Path, birth: NaiveDate) -> Result<(), EngineError> {
    if let Some(to) = period.to {
        if to < period.from {
            return Err(EngineError::invalid(
                format!("{}.to", path()),
                Problem::EndsBeforeStart {
                    from: period.from,
                    to,
                },
            ));
        }
    }
    if period.from < birth {
        return Err(EngineError::invalid(
            format!("{}.from", path()),
            Problem::BeforeBirth {
                date: period.from,
                birth,
            },
        ));
    }
    Ok(())
}

/// The distinct non-empty ids of a list, each with the index of its first occurrence,
/// sorted by a hash of the id: every measure names units, guardians or a sealing, and a
/// plain list scanned per lookup cost 200 × 200 string comparisons at the format's limits,
/// sorting and searching by the strings themselves still half of validation. (std's hash
/// set would compile SipHash and a hash table into the web app.)
///
/// INVARIANT: sorted by (hash, index); ids with equal hashes are told apart by comparing
/// the strings, so a collision costs a comparison, never a wrong answer.
struct Ids<'a>(Vec<(u64, &'a str, usize)>);

/// FNV-1a: a few instructions a byte, enough to spread ids such as `u17` or
/// `m12-forsegling`.
fn hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl<'a> Ids<'a> {
    fn first(&self, id: &str) -> Option<usize> {
        let hash = hash(id);
        let start = self.0.partition_point(|(h, ..)| *h < hash);
        self.0[start..]
            .iter()
            .take_while(|(h, ..)| *h == hash)
            .find(|(_, known, _)| *known == id)
            .map(|&(.., index)| index)
    }

    fn contains(&self, id: &str) -> bool {
        self.first(id).is_some()
    }
}

/// Check that a list's ids are non-empty and distinct; the problems are pushed in the
/// list's order, as a scan from the first item would find them.
fn check_unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &str,
    problems: &mut Vec<EngineError>,
) -> Ids<'a> {
    let mut sorted: Vec<(u64, &str, usize)> =
        ids.enumerate().map(|(i, id)| (hash(id), id, i)).collect();
    // By hash, then index: the first occurrence of an id comes first among its equals.
    sorted.sort_unstable_by_key(|&(hash, _, index)| (hash, index));
    let mut found: Vec<(usize, Problem)> = Vec::new();
    let mut distinct: Vec<(u64, &str, usize)> = Vec::with_capacity(sorted.len());
    for (hash, id, index) in sorted {
        // The distinct ids of this hash so far are the end of `distinct`.
        let mut same_hash = distinct.iter().rev().take_while(|(h, ..)| *h == hash);
        if id.trim().is_empty() {
            found.push((index, Problem::Empty));
        } else if same_hash.any(|(_, seen, _)| *seen == id) {
            found.push((index, Problem::DuplicateId { id: id.to_string() }));
        } else {
            distinct.push((hash, id, index));
        }
    }
    // Problems are few (none in a valid case): the short sort, not a std sort per type.
    crate::sort_short_by_key(&mut found, |(index, _)| *index);
    problems.extend(
        found
            .into_iter()
            .map(|(index, problem)| EngineError::invalid(format!("{list}[{index}].id"), problem)),
    );
    Ids(distinct)
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
        let path = || format!("child.protected_identity[{index}]");
        let result = check_period(period, &path, birth);
        collect(&mut problems, result);
    }

    let guardian_ids = check_unique(
        case.guardians.iter().map(|g| g.id.as_str()),
        "guardians",
        &mut problems,
    );
    let check_guardian =
        |index: usize, guardian: &crate::case::Guardian| -> Result<(), EngineError> {
            let path = || format!("guardians[{index}]");
            let registered = || format!("{}.registered", path());
            check_period(&guardian.registered, &registered, birth)?;
            for (p, period) in guardian.protected_identity.iter().enumerate() {
                let protected = || format!("{}.protected_identity[{p}]", path());
                check_period(period, &protected, birth)?;
            }
            if let Some(number) = guardian.identity_number.as_deref() {
                if !number.trim().is_empty() {
                    crate::identity::parse_identity_number(number, reference).map_err(|error| {
                        EngineError::invalid(
                            format!("{}.identity_number", path()),
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
        let path = || format!("legal_representatives[{index}]");
        if representative.appointed < birth {
            return Err(EngineError::invalid(
                format!("{}.appointed", path()),
                Problem::BeforeBirth {
                    date: representative.appointed,
                    birth,
                },
            ));
        }
        if let Some(decided) = representative.access_decided {
            if decided < representative.appointed {
                return Err(EngineError::invalid(
                    format!("{}.access_decided", path()),
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

    let measure_ids = check_unique(
        case.measures.iter().map(|m| m.id.as_str()),
        "measures",
        &mut problems,
    );
    let check_measure = |index: usize, measure: &crate::case::Measure| -> Result<(), EngineError> {
        let path = || format!("measures[{index}]");
        let period = || format!("{}.period", path());
        check_period(&measure.period, &period, birth)?;
        if let Some(decided) = measure.decided_on {
            if decided < birth {
                return Err(EngineError::invalid(
                    format!("{}.decided_on", path()),
                    Problem::BeforeBirth {
                        date: decided,
                        birth,
                    },
                ));
            }
        }
        if let Some(unit) = measure.unit.as_deref() {
            if !unit_ids.contains(unit) {
                return Err(EngineError::invalid(
                    format!("{}.unit", path()),
                    Problem::UnknownUnit {
                        id: unit.to_string(),
                    },
                ));
            }
        }
        // The field is named lazily too, as the path is (`Path`).
        let known_guardian = |id: &str, field: Path| {
            if guardian_ids.contains(id) {
                Ok(())
            } else {
                Err(EngineError::invalid(
                    format!("{}.{}", path(), field()),
                    Problem::UnknownGuardian { id: id.to_string() },
                ))
            }
        };
        let known_unit = |id: &str, field: Path| {
            if unit_ids.contains(id) {
                Ok(())
            } else {
                Err(EngineError::invalid(
                    format!("{}.{}", path(), field()),
                    Problem::UnknownUnit { id: id.to_string() },
                ))
            }
        };
        match &measure.kind {
            MeasureKind::Blocking { guardians } => {
                if guardians.is_empty() {
                    return Err(EngineError::invalid(
                        format!("{}.guardians", path()),
                        Problem::BlockingNeedsGuardian,
                    ));
                }
                for (g, id) in guardians.iter().enumerate() {
                    known_guardian(id, &|| format!("guardians[{g}]"))?;
                }
            }
            MeasureKind::BlockingExtension { guardian }
            | MeasureKind::BlockingLifted { guardian } => {
                known_guardian(guardian, &|| "guardian".into())?
            }
            MeasureKind::Sealing {
                initiating_units,
                scope,
                ..
            } => {
                if initiating_units.is_empty() {
                    return Err(EngineError::invalid(
                        format!("{}.initiating_units", path()),
                        Problem::SealingNeedsUnit,
                    ));
                }
                for (u, id) in initiating_units.iter().enumerate() {
                    known_unit(id, &|| format!("initiating_units[{u}]"))?;
                }
                match scope {
                    SealingScope::Whole => {}
                    SealingScope::Unit { sealed_unit } => {
                        known_unit(sealed_unit, &|| "sealed_unit".into())?
                    }
                    SealingScope::EntryPeriod { entries } => {
                        if entries.to.is_some_and(|to| to < entries.from) {
                            return Err(EngineError::invalid(
                                format!("{}.entries.to", path()),
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
                // An empty id is not among the distinct ids: look it up as `Case::measure`
                // does (its own problem is reported with the list's ids).
                let sealed = if sealing.trim().is_empty() {
                    case.measure(sealing)
                } else {
                    measure_ids.first(sealing).map(|i| &case.measures[i])
                };
                let Some(sealed) = sealed else {
                    return Err(EngineError::invalid(
                        format!("{}.sealing", path()),
                        Problem::UnknownMeasure {
                            id: sealing.clone(),
                        },
                    ));
                };
                let MeasureKind::Sealing { .. } = &sealed.kind else {
                    return Err(EngineError::invalid(
                        format!("{}.sealing", path()),
                        Problem::NotASealing {
                            id: sealing.clone(),
                        },
                    ));
                };
                // A unit that did not initiate the sealing may still ask: the request is
                // forwarded to the initiating units (see `evaluation::notices`).
                known_unit(requesting_unit, &|| "requesting_unit".into())?;
                if measure.period.from < sealed.period.from {
                    return Err(EngineError::invalid(
                        format!("{}.period.from", path()),
                        Problem::UnlockBeforeSealing {
                            sealing_start: sealed.period.from,
                        },
                    ));
                }
            }
            MeasureKind::LoginLock | MeasureKind::LoginUnlock => {}
            MeasureKind::ExtendedAccessChild { access_unit }
            | MeasureKind::ExtendedAccessGuardian { access_unit, .. } => {
                known_unit(access_unit, &|| "access_unit".into())?;
                if let MeasureKind::ExtendedAccessGuardian { guardian, .. } = &measure.kind {
                    known_guardian(guardian, &|| "guardian".into())?;
                }
                // Outside the window the rule set gives (13–15) the measure has no
                // effect; the evaluation warns about it rather than refusing the case.
            }
            MeasureKind::ExceptionNote {
                note_unit,
                investigation_until,
                category,
            } => {
                known_unit(note_unit, &|| "note_unit".into())?;
                if category.trim().is_empty() {
                    return Err(EngineError::invalid(
                        format!("{}.category", path()),
                        Problem::Empty,
                    ));
                }
                if investigation_until.is_some_and(|until| until < measure.period.from) {
                    return Err(EngineError::invalid(
                        format!("{}.investigation_until", path()),
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
