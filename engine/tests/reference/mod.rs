//! The straightforward timeline, for checking the engine's: the public answer (`evaluate`)
//! on every date on which anything could change, each evaluated on its own, compared in
//! full. Shared by `tests/timeline_reference.rs` (the example cases) and
//! `tests/properties.rs` (random cases).
//!
//! The engine finds its change points from typed causes and compares a compact snapshot of
//! the answer from one candidate date to the next, deciding each distinct unit state once.
//! None of that is used here: the dates are every date the case file names (and the days
//! either side), every birthday to 18 and every rule set's start, end and connection date,
//! which covers every date an outcome can change on; and each change point is rebuilt from
//! two full evaluations, as the engine did before it compared snapshots.

use chrono::{Days, NaiveDate};
use insyn_engine::age::birthday;
use insyn_engine::evaluation::{Evaluation, NoticeAbout, OutcomeKind};
use insyn_engine::rule_set::ParameterId;
use insyn_engine::timeline::{facts_for_range, CellChange, FilterChange};
use insyn_engine::{evaluate, parse_iso_date, timeline, Case, Catalog};
use serde_json::Value;

/// Check `timeline(case, rule_set)` against the straightforward one; `Err` says what
/// differed. A case the engine refuses is refused alike by both.
pub fn check(case: &Case, rule_set: Option<&str>) -> Result<(), String> {
    let catalog = Catalog::embedded();
    let timeline = match timeline(catalog, case, None, None, rule_set) {
        Ok(timeline) => timeline,
        Err(_) => return Ok(()),
    };
    let on = |date: NaiveDate| {
        evaluate(catalog, case, date, rule_set).map_err(|e| format!("evaluate {date}: {e}"))
    };

    // The segments cover the timeline's days in order, one change point each.
    let segments = &timeline.segments;
    if segments.first().map(|s| s.from) != Some(timeline.from)
        || segments.last().map(|s| s.to) != Some(timeline.to)
        || segments.len() != timeline.change_points.len()
    {
        return Err("the segments do not cover the timeline".into());
    }
    for (i, segment) in segments.iter().enumerate() {
        if segment.from > segment.to
            || timeline.change_points[i].date != segment.from
            || segments
                .get(i + 1)
                .is_some_and(|next| next.from.pred_opt() != Some(segment.to))
        {
            return Err(format!(
                "segment {i} ({}–{}) is out of place",
                segment.from, segment.to
            ));
        }
    }

    // Each change point is what two full evaluations say changed, and something did.
    let starts: Vec<Evaluation> = segments
        .iter()
        .map(|segment| on(segment.from))
        .collect::<Result<_, _>>()?;
    for (i, (point, now)) in timeline.change_points.iter().zip(&starts).enumerate() {
        let before = i.checked_sub(1).map(|i| &starts[i]);
        if before.is_some_and(|before| same_answer(before, now)) {
            return Err(format!(
                "{}: a change point where nothing changes",
                point.date
            ));
        }
        let (changes, filter_changes) = changes(before, now);
        let notices: Vec<NoticeAbout> = now
            .notices
            .iter()
            .filter(|n| {
                before.is_none_or(|b| {
                    !b.notices
                        .iter()
                        .any(|m| m.kind == n.kind && m.subject == n.subject)
                })
            })
            .map(|n| n.about())
            .collect();
        if point.rule_set_id != now.rule_set_id
            || point.changes != changes
            || point.filter_changes != filter_changes
            || point.notices != notices
        {
            return Err(format!(
                "{}: the change point differs from the evaluations' (engine {:?}, reference {:?})",
                point.date,
                (
                    &point.rule_set_id,
                    &point.changes,
                    &point.filter_changes,
                    &point.notices
                ),
                (now.rule_set_id, changes, filter_changes, notices)
            ));
        }
    }

    // Every date anything could change on answers as its segment says.
    for date in dates_named(case, catalog) {
        if date < timeline.from || date > timeline.to {
            continue;
        }
        let index = segments.partition_point(|s| s.to < date);
        let segment = &segments[index];
        let evaluation = on(date)?;
        let differs = if segment.rule_set_id != evaluation.rule_set_id {
            Some("rule set")
        } else if segment.outcomes != evaluation.kinds() {
            Some("outcomes")
        } else if segment.required_actions != required(&evaluation) {
            Some("required actions")
        } else {
            difference(&starts[index], &evaluation)
        };
        if let Some(what) = differs {
            return Err(format!(
                "{date}: the {what} differ from those of the segment {}–{}",
                segment.from, segment.to
            ));
        }
    }
    Ok(())
}

fn required(evaluation: &Evaluation) -> Vec<ParameterId> {
    evaluation
        .required_actions
        .iter()
        .map(|a| a.rule_id)
        .collect()
}

/// The same answer: rule set, outcomes, filters, required actions and notices.
fn same_answer(a: &Evaluation, b: &Evaluation) -> bool {
    difference(a, b).is_none()
}

/// What differs first between two answers, if anything: the rule set, the outcomes, the
/// filters, the required actions or the notices.
fn difference(a: &Evaluation, b: &Evaluation) -> Option<&'static str> {
    let cells = |e: &Evaluation| e.actors.iter().flat_map(|actor| actor.cells.iter()).count();
    let filters_equal = a
        .actors
        .iter()
        .flat_map(|actor| &actor.cells)
        .zip(b.actors.iter().flat_map(|actor| &actor.cells))
        .all(|(x, y)| x.filters == y.filters);
    let notices_equal = a.notices.len() == b.notices.len()
        && a.notices
            .iter()
            .zip(&b.notices)
            .all(|(x, y)| x.kind == y.kind && x.subject == y.subject);
    if a.rule_set_id != b.rule_set_id {
        Some("rule set")
    } else if a.kinds() != b.kinds() || cells(a) != cells(b) {
        Some("outcomes")
    } else if !filters_equal {
        Some("filters")
    } else if required(a) != required(b) {
        Some("required actions")
    } else if !notices_equal {
        Some("notices")
    } else {
        None
    }
}

/// What changed from `before` to `now`, cell by cell: outcomes, with the most decisive
/// reason, and the filters of a journal allowed on both dates.
fn changes(before: Option<&Evaluation>, now: &Evaluation) -> (Vec<CellChange>, Vec<FilterChange>) {
    let mut changes = Vec::new();
    let mut filter_changes = Vec::new();
    for (a, actor) in now.actors.iter().enumerate() {
        for (c, cell) in actor.cells.iter().enumerate() {
            let then = before.map(|b| &b.actors[a].cells[c]);
            let kind = cell.outcome.kind();
            if then.map(|t| t.outcome.kind()) != Some(kind) {
                let decisive = cell.reasons.first();
                changes.push(CellChange {
                    actor: actor.actor.clone(),
                    actor_label: actor.label.clone(),
                    capability: cell.capability.clone(),
                    from: then.map(|t| t.outcome.kind()),
                    to: kind,
                    rule_id: decisive.map(|r| r.rule.parameter()),
                    reason_sv: decisive.map(|r| r.sentence_sv()).unwrap_or_default(),
                });
            }
            let Some(then) = then else { continue };
            if kind != OutcomeKind::Allowed || then.outcome.kind() != OutcomeKind::Allowed {
                continue;
            }
            let started = cell.filters.iter().filter(|f| !then.filters.contains(f));
            let stopped = then.filters.iter().filter(|f| !cell.filters.contains(f));
            for (filter, starts) in started
                .map(|f| (f, true))
                .chain(stopped.map(|f| (f, false)))
            {
                filter_changes.push(FilterChange {
                    actor: actor.actor.clone(),
                    actor_label: actor.label.clone(),
                    capability: cell.capability.clone(),
                    filter_sv: filter.sentence_sv(),
                    starts,
                });
            }
        }
    }
    (changes, filter_changes)
}

/// Every date the case file names, every birthday to 18 and every rule set's dates, each
/// with the days either side, sorted and each once.
fn dates_named(case: &Case, catalog: &Catalog) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    let json = serde_json::to_value(case).expect("a case serializes");
    collect_dates(&json, &mut dates);
    if let Ok(facts) = facts_for_range(case, None, None) {
        dates.extend((0..=18).map(|age| birthday(facts.birth, age)));
    }
    for rule_set in &catalog.rule_sets {
        dates.push(rule_set.valid_from);
        dates.extend(rule_set.valid_to);
        dates.extend(rule_set.parameters.children_journal_connected_on.value);
    }
    let either_side: Vec<NaiveDate> = dates
        .iter()
        .flat_map(|d| {
            [
                d.checked_sub_days(Days::new(1)),
                d.checked_add_days(Days::new(1)),
            ]
        })
        .flatten()
        .collect();
    dates.extend(either_side);
    dates.sort();
    dates.dedup();
    dates
}

fn collect_dates(value: &Value, dates: &mut Vec<NaiveDate>) {
    match value {
        Value::String(text) => dates.extend(parse_iso_date(text)),
        Value::Array(items) => items.iter().for_each(|v| collect_dates(v, dates)),
        Value::Object(fields) => fields.values().for_each(|v| collect_dates(v, dates)),
        _ => {}
    }
}
