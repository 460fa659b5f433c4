//! What a measure will change, before it is added: the access matrix on the chosen date
//! and the timeline with and without it, and the consequences in words, each with the line
//! of the rule set it rests on ("Blockeringen upphör automatiskt på 13-årsdagen …").
//!
//! Nothing here changes the case: the preview evaluates a copy with the measure added.

use chrono::NaiveDate;
use serde::Serialize;

use crate::age::birthday;
use crate::case::{Case, Measure, MeasureKind};
use crate::error::EngineError;
use crate::evaluation::{evaluate, Actor, Capability, Evaluation};
use crate::rule_set::{Catalog, Citation, ParameterId, RuleSet, UnlockRule};
use crate::timeline::{add_difference, timeline, DiffRange, Timeline};
use crate::validation::{validate_case_all, validate_date};

/// One consequence of the measure, in words, with the rule it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consequence<'r> {
    pub rule_id: ParameterId,
    pub text_sv: String,
    /// A caution rather than a plain effect (e.g. the measure cannot take effect).
    pub warning: bool,
    pub citation: &'r Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview<'r> {
    pub date: NaiveDate,
    pub before: Evaluation<'r>,
    pub after: Evaluation<'r>,
    /// The cells whose outcome differs on the date.
    pub changed: Vec<(Actor, Capability)>,
    /// Every date range, birth to 18, where the measure changes an outcome (`a` without it,
    /// `b` with it).
    pub timeline_changes: Vec<DiffRange>,
    pub consequences: Vec<Consequence<'r>>,
}

/// The case with `measure` added (replacing a measure with the same id).
pub fn with_measure(case: &Case, measure: &Measure) -> Case {
    let mut after = case.clone();
    after.measures.retain(|m| m.id != measure.id);
    after.measures.push(measure.clone());
    after
}

/// Preview adding `measure` to `case`, seen on `date`. The errors are the new case's, every
/// one (a blocking naming no guardian, an end before its start …), with their fields.
pub fn preview<'r>(
    catalog: &'r Catalog,
    case: &Case,
    measure: &Measure,
    date: NaiveDate,
) -> Result<Preview<'r>, Vec<EngineError>> {
    let after_case = with_measure(case, measure);
    let facts = validate_case_all(&after_case, date)?;
    validate_date(&facts, date).map_err(|e| vec![e])?;
    let rule_set = catalog
        .resolve(&case.region, case.pinned_rule_set.as_deref(), date)
        .map_err(|e| vec![e])?;
    let before = evaluate(catalog, case, date, None).map_err(|e| vec![e])?;
    let after = evaluate(catalog, &after_case, date, None).map_err(|e| vec![e])?;
    let changed = before
        .outcome_kinds()
        .into_iter()
        .zip(after.outcome_kinds())
        .filter(|(b, a)| b.2 != a.2)
        .map(|(b, _)| (b.0, b.1))
        .collect();
    let timeline_changes = match (
        timeline(catalog, case, None, None, None),
        timeline(catalog, &after_case, None, None, None),
    ) {
        (Ok(b), Ok(a)) => compare_timelines(&b, &a),
        _ => Vec::new(),
    };
    // The measure is judged by the rule set in force when it starts.
    let measure_rules = catalog
        .resolve(
            &case.region,
            case.pinned_rule_set.as_deref(),
            measure.period.from,
        )
        .unwrap_or(rule_set);
    let consequences = consequences(measure_rules, &after_case, measure, facts.birth);
    Ok(Preview {
        date,
        before,
        after,
        changed,
        timeline_changes,
        consequences,
    })
}

/// The date ranges where two timelines of the same case's actors differ.
fn compare_timelines(before: &Timeline, after: &Timeline) -> Vec<DiffRange> {
    // Both lists of segment starts are in date order: merge them rather than sort.
    let mut starts: Vec<NaiveDate> = Vec::new();
    let (mut b, mut a) = (
        before.segments.iter().peekable(),
        after.segments.iter().peekable(),
    );
    loop {
        let next = match (b.peek(), a.peek()) {
            (Some(x), Some(y)) if x.from <= y.from => b.next(),
            (Some(_), Some(_)) | (None, Some(_)) => a.next(),
            (Some(_), None) => b.next(),
            (None, None) => break,
        };
        if let Some(segment) = next {
            if starts.last() != Some(&segment.from) {
                starts.push(segment.from);
            }
        }
    }
    let end = before.to.min(after.to);
    let mut ranges: Vec<DiffRange> = Vec::new();
    for (index, &from) in starts.iter().enumerate() {
        let to = starts
            .get(index + 1)
            .and_then(|next| next.pred_opt())
            .unwrap_or(end);
        let (Some(b), Some(a)) = (before.segment_at(from), after.segment_at(from)) else {
            continue;
        };
        add_difference(
            &mut ranges,
            from,
            to,
            &before.cells,
            &b.outcomes,
            &a.outcomes,
        );
    }
    ranges
}

/// The consequences of a measure under a rule set, read from the rule set's parameters.
pub fn consequences<'r>(
    rule_set: &'r RuleSet,
    case: &Case,
    measure: &Measure,
    birth: NaiveDate,
) -> Vec<Consequence<'r>> {
    let p = &rule_set.parameters;
    let mut out = Vec::new();
    let mut say = |rule_id: ParameterId, text_sv: String, warning: bool, citation: &'r Citation| {
        out.push(Consequence {
            rule_id,
            text_sv,
            warning,
            citation,
        })
    };
    let from = measure.period.from;
    match &measure.kind {
        MeasureKind::Blocking { guardians } => {
            let names: Vec<String> = guardians
                .iter()
                .map(|id| {
                    case.guardian(id)
                        .and_then(|g| g.name.clone())
                        .filter(|n| !n.trim().is_empty())
                        .unwrap_or_else(|| id.clone())
                })
                .collect();
            let others = case
                .guardians
                .iter()
                .filter(|g| !guardians.contains(&g.id))
                .count();
            let covers = match (
                p.blocking_covers_journal.value,
                p.blocking_covers_proxy.value,
            ) {
                (true, true) => "1177 Journal och ombudet i e-tjänsterna",
                (true, false) => "1177 Journal (men inte e-tjänsterna)",
                (false, true) => "ombudet i e-tjänsterna (men inte 1177 Journal)",
                (false, false) => "varken journal eller e-tjänster",
            };
            say(
                ParameterId::BlockingCoversJournal,
                format!(
                    "{} förlorar {covers}.{}",
                    if names.is_empty() {
                        "Den blockerade vårdnadshavaren".to_string()
                    } else {
                        names.join(" och ")
                    },
                    if others > 0 {
                        " Den andra vårdnadshavaren påverkas inte."
                    } else {
                        ""
                    }
                ),
                false,
                &p.blocking_covers_journal.citation,
            );
            if !p.blocking_covers_proxy.value {
                say(
                    ParameterId::BlockingCoversProxy,
                    "Vårdnadshavaren kan fortfarande agera ombud för barnet i e-tjänsterna.".into(),
                    true,
                    &p.blocking_covers_proxy.citation,
                );
            }
            match p.blocking_ends_at_age.value {
                Some(age) => {
                    let end = birthday(birth, age as u32);
                    if from >= end {
                        say(
                            ParameterId::BlockingEndsAtAge,
                            format!(
                                "Blockeringen kan inte få verkan: den upphör på {age}-årsdagen ({end}), som redan har passerats när den börjar."
                            ),
                            true,
                            &p.blocking_ends_at_age.citation,
                        );
                    } else {
                        say(
                            ParameterId::BlockingEndsAtAge,
                            format!("Blockeringen upphör automatiskt på {age}-årsdagen {end}."),
                            false,
                            &p.blocking_ends_at_age.citation,
                        );
                    }
                }
                None => say(
                    ParameterId::BlockingEndsAtAge,
                    "Blockeringen upphör inte av sig själv: den gäller tills den bryts genom ett nytt beslut.".into(),
                    false,
                    &p.blocking_ends_at_age.citation,
                ),
            }
            if p.blocking_locks_child_login.value {
                say(
                    ParameterId::BlockingLocksChildLogin,
                    format!(
                        "Barnets inloggning låses också ({}); den måste låsas upp särskilt när den inte längre behövs.",
                        rule_set.region_name
                    ),
                    true,
                    &p.blocking_locks_child_login.citation,
                );
            }
        }
        MeasureKind::Sealing { .. } => {
            let who = match (p.sealing_covers_proxy.value, p.sealing_covers_child_account.value) {
                (true, true) => "Båda vårdnadshavarna och barnet förlorar åtkomsten till barnets konto och 1177 Journal.",
                (true, false) => "Båda vårdnadshavarna förlorar ombudet och journalen; barnets eget konto påverkas inte.",
                (false, true) => "Journalen och barnets konto stängs; ombudet i e-tjänsterna påverkas inte.",
                (false, false) => "Journalen stängs; e-tjänsterna och ombudet påverkas inte.",
            };
            say(
                ParameterId::SealingCoversJournal,
                who.into(),
                false,
                &p.sealing_covers_journal.citation,
            );
            let journal_age = p.child_journal_from_age.value;
            let unlock = match p.sealing_unlock_rule.value {
                UnlockRule::AllInitiatingUnits => "av samtliga initierande enheter",
                UnlockRule::AnyInitiatingUnit => "på begäran av en initierande enhet",
            };
            if p.sealing_covers_child_account.value {
                let when = if birthday(birth, journal_age as u32) > from {
                    format!(" vid {journal_age} år")
                } else {
                    String::new()
                };
                say(
                    ParameterId::SealingUnlockRule,
                    format!("Barnet kan inte läsa sin journal{when} förrän förseglingen låses upp {unlock}."),
                    false,
                    &p.sealing_unlock_rule.citation,
                );
            }
            match p.sealing_ends_at_age.value {
                Some(age) => say(
                    ParameterId::SealingEndsAtAge,
                    format!(
                        "Förseglingen upphör automatiskt på {age}-årsdagen {}.",
                        birthday(birth, age as u32)
                    ),
                    false,
                    &p.sealing_ends_at_age.citation,
                ),
                None => say(
                    ParameterId::SealingEndsAtAge,
                    "Förseglingen upphör inte av sig själv: den gäller tills den låses upp.".into(),
                    false,
                    &p.sealing_ends_at_age.citation,
                ),
            }
        }
        MeasureKind::LoginLock => {
            let journal = if p.login_lock_covers_journal.value {
                "Låsningen stänger både e-tjänsterna och 1177 Journal för barnet."
            } else {
                "Låsningen stänger bara e-tjänsterna: 1177 Journal nås fortfarande, om den inte förseglas."
            };
            say(
                ParameterId::LoginLockCoversJournal,
                journal.into(),
                !p.login_lock_covers_journal.value,
                &p.login_lock_covers_journal.citation,
            );
            if p.login_lock_stops_proxy.value {
                say(
                    ParameterId::LoginLockStopsProxy,
                    "Vårdnadshavarna kan inte heller agera ombud för barnet.".into(),
                    false,
                    &p.login_lock_stops_proxy.citation,
                );
            }
        }
        MeasureKind::ExtendedAccessChild { .. } | MeasureKind::ExtendedAccessGuardian { .. } => {
            // The 13–15 window, as the evaluation reads it.
            let ages = rule_set.ages();
            let end = birthday(birth, ages.child_journal_from as u32);
            let start = birthday(birth, ages.guardian_access_until as u32);
            let (rule_id, cited) = match measure.kind {
                MeasureKind::ExtendedAccessChild { .. } => {
                    (ParameterId::ExtendedAccessChild, &p.extended_access_child)
                }
                _ => (
                    ParameterId::ExtendedAccessGuardian,
                    &p.extended_access_guardian,
                ),
            };
            if cited.value.is_none() {
                say(
                    rule_id,
                    "Regelverket erbjuder inte utökad direktåtkomst: åtgärden får ingen verkan."
                        .into(),
                    true,
                    &cited.citation,
                );
            } else if from >= end || measure.period.to.is_some_and(|to| to < start) {
                say(
                    rule_id,
                    format!("Utökad direktåtkomst gäller bara mellan {start} och {end}: åtgärden ligger utanför och får ingen verkan."),
                    true,
                    &cited.citation,
                );
            } else {
                say(
                    rule_id,
                    format!("Gäller bara journalen från den valda vårdenheten, längst till 16-årsdagen {end}."),
                    false,
                    &cited.citation,
                );
            }
        }
        _ => {}
    }
    out
}
