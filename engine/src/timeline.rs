//! The timeline: every date between two dates (by default birth to the 18th birthday) on
//! which any outcome changes, with what changed and why; and the diff of one case under two
//! rule sets as the date ranges where any outcome differs.
//!
//! Outcomes only change on dates the case or the rule sets name: birthdays at the rule
//! sets' ages, the first and the day after the last day of every registration, protected
//! identity and measure, unlock requests and rule-set validity. The timeline evaluates at
//! those candidate dates only, never day by day.
//!
//! INVARIANT: between two consecutive change points every outcome equals the outcome at
//! the earlier one (tested as `evaluate(d)` = the timeline's state at `d`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::{Case, MeasureKind};
use crate::error::{EngineError, Problem};
use crate::evaluation::{evaluate_with, Actor, Capability, CaseFacts, Evaluation, OutcomeKind};
use crate::rule_set::{Catalog, RuleSet};
use crate::validation::{validate_case, validate_date};

/// Why a date is a candidate change point.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Cause {
    pub label_sv: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellChange {
    pub actor: Actor,
    pub actor_label: String,
    pub capability: Capability,
    /// `None` at the start of the timeline.
    pub from: Option<OutcomeKind>,
    pub to: OutcomeKind,
    /// The most decisive rule of the new outcome.
    pub rule_id: &'static str,
    pub reason_sv: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangePoint {
    pub date: NaiveDate,
    pub causes: Vec<Cause>,
    pub rule_set_id: String,
    pub changes: Vec<CellChange>,
}

/// A stretch of days with the same outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub rule_set_id: String,
    pub outcomes: Vec<(Actor, Capability, OutcomeKind)>,
    pub required_actions: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub change_points: Vec<ChangePoint>,
    pub segments: Vec<Segment>,
}

impl Timeline {
    /// The segment covering `date`, if the timeline covers it.
    pub fn segment_at(&self, date: NaiveDate) -> Option<&Segment> {
        self.segments
            .iter()
            .find(|s| s.from <= date && date <= s.to)
    }
}

/// Validate the case for a range of dates. A 10-digit personnummer needs a date to
/// resolve its century: the range's end, else the typed date of birth.
pub fn facts_for_range(
    case: &Case,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<CaseFacts, EngineError> {
    if let Some(reference) = to.or(from) {
        return validate_case(case, reference);
    }
    if let Some(birth) = case.child.birth_date {
        return validate_case(case, crate::age::birthday(birth, 18));
    }
    let digits = case
        .child
        .identity_number
        .as_deref()
        .map_or(0, |n| n.chars().filter(char::is_ascii_digit).count());
    if digits == 12 {
        // A 12-digit number carries its century; any reference after birth reads it alike.
        let provisional = CaseFacts::new(case, NaiveDate::MAX)?;
        return validate_case(case, provisional.eighteenth_birthday());
    }
    if digits == 10 {
        return Err(EngineError::invalid(
            "child.identity_number",
            Problem::TenDigitNumberNeedsDate,
        ));
    }
    validate_case(case, NaiveDate::MAX)
}

/// Which rule set answers on a date.
#[derive(Clone, Copy)]
enum RuleChoice<'r> {
    Pinned(&'r RuleSet),
    Region(&'r str),
}

impl<'r> RuleChoice<'r> {
    fn resolve(&self, catalog: &'r Catalog, date: NaiveDate) -> Result<&'r RuleSet, EngineError> {
        match self {
            RuleChoice::Pinned(rule_set) => Ok(rule_set),
            RuleChoice::Region(region) => catalog.resolve(region, None, date),
        }
    }

    fn rule_sets(&self, catalog: &'r Catalog) -> Vec<&'r RuleSet> {
        match self {
            RuleChoice::Pinned(rule_set) => vec![rule_set],
            RuleChoice::Region(region) => catalog
                .rule_sets
                .iter()
                .filter(|r| r.region == *region)
                .collect(),
        }
    }
}

fn choice<'r>(
    catalog: &'r Catalog,
    case: &'r Case,
    rule_set_id: Option<&str>,
) -> Result<RuleChoice<'r>, EngineError> {
    match rule_set_id.or(case.pinned_rule_set.as_deref()) {
        Some(id) => catalog
            .get(id)
            .map(RuleChoice::Pinned)
            .ok_or_else(|| EngineError::UnknownRuleSet { id: id.to_string() }),
        None => {
            if catalog.rule_sets.iter().any(|r| r.region == case.region) {
                Ok(RuleChoice::Region(&case.region))
            } else {
                Err(EngineError::UnknownRegion {
                    region: case.region.clone(),
                })
            }
        }
    }
}

/// Every date on which an outcome may change, with why, in date order and each date once.
// A sorted list rather than a BTreeMap: a few dozen dates, and the map compiled its own
// insertion, range search and teardown into the web app.
pub fn candidate_dates(
    case: &Case,
    facts: &CaseFacts,
    rule_sets: &[&RuleSet],
) -> Vec<(NaiveDate, Vec<Cause>)> {
    let mut dates: Vec<(NaiveDate, Vec<Cause>)> = Vec::new();
    let mut add = |date: Option<NaiveDate>, label: String| {
        if let Some(date) = date {
            let index = match dates.binary_search_by_key(&date, |(d, _)| *d) {
                Ok(index) => index,
                Err(index) => {
                    dates.insert(index, (date, Vec::new()));
                    index
                }
            };
            let causes = &mut dates[index].1;
            let cause = Cause { label_sv: label };
            if !causes.contains(&cause) {
                causes.push(cause);
            }
        }
    };
    add(Some(facts.birth), "Födelse".into());
    let mut ages: Vec<u8> = vec![13, 16, 18];
    for rule_set in rule_sets {
        let p = &rule_set.parameters;
        ages.extend([
            p.guardian_access_until_age.value,
            p.child_account_from_age.value,
            p.child_journal_from_age.value,
            p.adult_age.value,
        ]);
        ages.extend(p.blocking_ends_at_age.value);
        ages.extend(p.sealing_ends_at_age.value);
        ages.extend(p.legal_representative_from_age.value);
        add(
            Some(rule_set.valid_from),
            format!("{} börjar gälla", rule_set.title),
        );
        add(
            rule_set.valid_to.and_then(|d| d.succ_opt()),
            format!("{} upphör att gälla", rule_set.title),
        );
    }
    // Neither sorted nor deduplicated: `dates` keeps the dates in order, each birthday is
    // its own date, and `add` skips a cause the date already has. (A sort here brought
    // several KB of generic code into the web app.)
    for age in ages {
        add(Some(facts.birthday(age)), format!("{age}-årsdagen"));
    }
    for period in &case.child.protected_identity {
        add(Some(period.from), "Barnet får skyddad identitet".into());
        add(
            period.end_exclusive(),
            "Barnets skyddade identitet upphör".into(),
        );
    }
    for (index, guardian) in case.guardians.iter().enumerate() {
        let who = format!("Vårdnadshavare {}", index + 1);
        add(
            Some(guardian.registered.from),
            format!("{who} registreras som vårdnadshavare"),
        );
        add(
            guardian.registered.end_exclusive(),
            format!("{who} är inte längre vårdnadshavare"),
        );
        for period in &guardian.protected_identity {
            add(Some(period.from), format!("{who} får skyddad identitet"));
            add(
                period.end_exclusive(),
                format!("{who}s skyddade identitet upphör"),
            );
        }
    }
    for representative in &case.legal_representatives {
        add(
            representative.access_decided,
            "Beslut om tillgång för legal ställföreträdare".into(),
        );
    }
    for measure in &case.measures {
        let name = measure.kind.name_sv();
        add(
            Some(measure.period.from),
            format!("{name} ({}) börjar", measure.id),
        );
        add(
            measure.period.end_exclusive(),
            format!("{name} ({}) upphör", measure.id),
        );
        if let MeasureKind::ExceptionNote {
            investigation_until: Some(until),
            ..
        } = &measure.kind
        {
            add(
                until.succ_opt(),
                format!("Utredningen ({}) avslutas", measure.id),
            );
        }
    }
    dates
}

/// The causes of a candidate date, if it is one.
fn causes_on(candidates: &[(NaiveDate, Vec<Cause>)], date: NaiveDate) -> Option<Vec<Cause>> {
    candidates
        .iter()
        .find(|(d, _)| *d == date)
        .map(|(_, causes)| causes.clone())
}

/// The timeline of `case` from `from` to `to` (defaults: birth and the 18th birthday).
/// Without a pinned rule set, the region's version in force on each date answers; the
/// timeline starts when the region's first rule set comes into force if that is later.
pub fn timeline(
    catalog: &Catalog,
    case: &Case,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    rule_set_id: Option<&str>,
) -> Result<Timeline, EngineError> {
    let facts = facts_for_range(case, from, to)?;
    let choice = choice(catalog, case, rule_set_id)?;
    let rule_sets = choice.rule_sets(catalog);
    let mut from = from.unwrap_or(facts.birth);
    let to = to.unwrap_or_else(|| facts.eighteenth_birthday());
    validate_date(&facts, from)?;
    validate_date(&facts, to)?;
    if to < from {
        return Err(EngineError::invalid(
            "to",
            Problem::RangeReversed { from, to },
        ));
    }
    if let RuleChoice::Region(_) = choice {
        let first = rule_sets.iter().map(|r| r.valid_from).min();
        if let Some(first) = first.filter(|first| *first > from) {
            if first > to {
                return Err(choice.resolve(catalog, to).err().unwrap_or(
                    EngineError::NoRuleSetInForce {
                        region: case.region.clone(),
                        date: to,
                    },
                ));
            }
            from = first;
        }
    }
    let candidates = candidate_dates(case, &facts, &rule_sets);
    let mut change_points: Vec<ChangePoint> = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    let mut previous: Option<(Evaluation, Vec<&'static str>)> = None;
    let dates = std::iter::once(from).chain(
        candidates
            .iter()
            .map(|(date, _)| *date)
            .filter(|date| *date > from && *date <= to),
    );
    for date in dates {
        let rule_set = choice.resolve(catalog, date)?;
        let evaluation = evaluate_with(rule_set, case, &facts, date);
        let actions: Vec<&'static str> = evaluation
            .required_actions
            .iter()
            .map(|a| a.rule_id)
            .collect();
        if let Some((previous_evaluation, previous_actions)) = &previous {
            // Compared in place: most candidate dates change nothing, so they must be cheap.
            if previous_evaluation.rule_set_id == evaluation.rule_set_id
                && previous_evaluation.same_outcomes(&evaluation)
                && *previous_actions == actions
            {
                continue;
            }
        }
        let mut changes = Vec::new();
        for actor in &evaluation.actors {
            for cell in &actor.cells {
                let before = previous.as_ref().and_then(|(p, _)| {
                    p.cell(&actor.actor, &cell.capability)
                        .map(|c| c.outcome.kind())
                });
                if before != Some(cell.outcome.kind()) {
                    let decisive = cell.reasons.first();
                    changes.push(CellChange {
                        actor: actor.actor.clone(),
                        actor_label: actor.label.clone(),
                        capability: cell.capability.clone(),
                        from: before,
                        to: cell.outcome.kind(),
                        rule_id: decisive.map_or("", |r| r.rule.parameter()),
                        reason_sv: decisive.map(|r| r.sentence_sv()).unwrap_or_default(),
                    });
                }
            }
        }
        if let Some(last) = segments.last_mut() {
            last.to = date.pred_opt().unwrap_or(date);
        }
        segments.push(Segment {
            from: date,
            to,
            rule_set_id: evaluation.rule_set_id.to_string(),
            outcomes: evaluation.outcome_kinds(),
            required_actions: actions.clone(),
        });
        change_points.push(ChangePoint {
            date,
            causes: causes_on(&candidates, date).unwrap_or_else(|| {
                vec![Cause {
                    label_sv: "Tidslinjens början".into(),
                }]
            }),
            rule_set_id: evaluation.rule_set_id.to_string(),
            changes,
        });
        previous = Some((evaluation, actions));
    }
    Ok(Timeline {
        from,
        to,
        change_points,
        segments,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellDifference {
    pub actor: Actor,
    pub capability: Capability,
    pub a: OutcomeKind,
    pub b: OutcomeKind,
}

/// A date range where the two rule sets give different outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffRange {
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub differences: Vec<CellDifference>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub rule_set_a: String,
    pub rule_set_b: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub ranges: Vec<DiffRange>,
}

/// Record the cells that differ between `a` and `b` (the same cells in the same order) over
/// `from`–`to`, extending the last range when it ends the day before with the same
/// differences. Shared by the diff of two rule sets and the preview of a measure.
pub(crate) fn add_difference(
    ranges: &mut Vec<DiffRange>,
    from: NaiveDate,
    to: NaiveDate,
    a: &[(Actor, Capability, OutcomeKind)],
    b: &[(Actor, Capability, OutcomeKind)],
) {
    let differences: Vec<CellDifference> = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x.2 != y.2)
        .map(|(x, y)| CellDifference {
            actor: x.0.clone(),
            capability: x.1.clone(),
            a: x.2,
            b: y.2,
        })
        .collect();
    if differences.is_empty() {
        return;
    }
    match ranges.last_mut() {
        Some(last) if last.differences == differences && last.to.succ_opt() == Some(from) => {
            last.to = to;
        }
        _ => ranges.push(DiffRange {
            from,
            to,
            differences,
        }),
    }
}

/// One case under two rule sets: the date ranges where any outcome differs.
pub fn diff(
    catalog: &Catalog,
    case: &Case,
    rule_set_a: &str,
    rule_set_b: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Diff, EngineError> {
    let a = catalog
        .get(rule_set_a)
        .ok_or_else(|| EngineError::UnknownRuleSet {
            id: rule_set_a.to_string(),
        })?;
    let b = catalog
        .get(rule_set_b)
        .ok_or_else(|| EngineError::UnknownRuleSet {
            id: rule_set_b.to_string(),
        })?;
    let facts = facts_for_range(case, from, to)?;
    let from = from.unwrap_or(facts.birth);
    let to = to.unwrap_or_else(|| facts.eighteenth_birthday());
    validate_date(&facts, from)?;
    validate_date(&facts, to)?;
    let candidates = candidate_dates(case, &facts, &[a, b]);
    let dates: Vec<NaiveDate> = std::iter::once(from)
        .chain(
            candidates
                .iter()
                .map(|(d, _)| *d)
                .filter(|d| *d > from && *d <= to),
        )
        .collect();
    let mut ranges: Vec<DiffRange> = Vec::new();
    for (index, date) in dates.iter().enumerate() {
        let end = dates
            .get(index + 1)
            .and_then(|next| next.pred_opt())
            .unwrap_or(to);
        let outcomes_a = evaluate_with(a, case, &facts, *date).outcome_kinds();
        let outcomes_b = evaluate_with(b, case, &facts, *date).outcome_kinds();
        add_difference(&mut ranges, *date, end, &outcomes_a, &outcomes_b);
    }
    Ok(Diff {
        rule_set_a: a.id.clone(),
        rule_set_b: b.id.clone(),
        from,
        to,
        ranges,
    })
}
