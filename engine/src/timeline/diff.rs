//! The diff: one case under two rule sets, as the date ranges where any outcome differs
//! and the date ranges where the two demand different actions of staff (RJL and VGR 2026
//! give a child with protected identity the same outcomes, but VGR 2026 requires a
//! sealing 0–18).

use chrono::NaiveDate;
use serde::Serialize;

use super::{causes::candidate_dates, dates_in, facts_for_range};
use crate::case::Case;
use crate::error::{EngineError, Problem};
use crate::evaluation::{Actor, Capability, CaseIndex, OutcomeKind, Snapshot};
use crate::rule_set::{Catalog, ParameterId, RuleChoice};
use crate::validation::validate_date;

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

/// A date range where the two rule sets demand different actions of staff: the required
/// actions only one of them gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionDifference {
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub only_a: Vec<ParameterId>,
    pub only_b: Vec<ParameterId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub rule_set_a: String,
    pub rule_set_b: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub ranges: Vec<DiffRange>,
    /// Where the two demand different measures of staff, whether or not outcomes differ.
    pub action_ranges: Vec<ActionDifference>,
}

/// Record the cells that differ between `a` and `b` (the same cells in the same order) over
/// `from`–`to`, extending the last range when it ends the day before with the same
/// differences. Shared by the diff of two rule sets and the preview of a measure.
pub(crate) fn add_difference(
    ranges: &mut Vec<DiffRange>,
    from: NaiveDate,
    to: NaiveDate,
    cells: &[(Actor, Capability)],
    a: &[OutcomeKind],
    b: &[OutcomeKind],
) {
    let differing = || {
        cells
            .iter()
            .zip(a.iter().zip(b))
            .filter(|(_, (x, y))| x != y)
    };
    let count = differing().count();
    if count == 0 {
        return;
    }
    // Most dates continue the range before: compared in place, the cells are copied only
    // for a new range.
    if let Some(last) = ranges.last_mut() {
        let same = last.differences.len() == count
            && last.differences.iter().zip(differing()).all(
                |(d, ((actor, capability), (x, y)))| {
                    d.a == *x && d.b == *y && d.actor == *actor && d.capability == *capability
                },
            );
        if same && last.to.succ_opt() == Some(from) {
            last.to = to;
            return;
        }
    }
    ranges.push(DiffRange {
        from,
        to,
        differences: differing()
            .map(|((actor, capability), (x, y))| CellDifference {
                actor: actor.clone(),
                capability: capability.clone(),
                a: *x,
                b: *y,
            })
            .collect(),
    });
}

/// Both rule sets' candidate dates in date order, each date once with the first rule
/// set's causes. Each list is already in date order and each date once
/// (`candidate_dates`), so a merge: std's stable sort would compile about 8 KB of wasm
/// for this one type.
fn merge_candidates<C>(
    first: Vec<(NaiveDate, C)>,
    second: Vec<(NaiveDate, C)>,
) -> Vec<(NaiveDate, C)> {
    let mut merged = Vec::with_capacity(first.len() + second.len());
    let mut second = second.into_iter().peekable();
    for entry in first {
        while let Some(earlier) = second.next_if(|(date, _)| *date < entry.0) {
            merged.push(earlier);
        }
        // The same date under the second rule set: the first's causes stand for it.
        second.next_if(|(date, _)| *date == entry.0);
        merged.push(entry);
    }
    merged.extend(second);
    merged
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
    if to < from {
        return Err(EngineError::invalid(
            "to",
            Problem::RangeReversed { from, to },
        ));
    }
    let index_a = CaseIndex::new(RuleChoice::Pinned(a), case, facts.clone());
    let index_b = CaseIndex::new(RuleChoice::Pinned(b), case, facts);
    let candidates = merge_candidates(
        candidate_dates(case, &index_a),
        candidate_dates(case, &index_b),
    );
    let dates = dates_in(&candidates, from, to);
    // The same case, so the same cells under both rule sets.
    let cells = index_a.layout().actor_capabilities();
    let mut ranges: Vec<DiffRange> = Vec::new();
    let mut action_ranges: Vec<ActionDifference> = Vec::new();
    // Reused from date to date (see `Snapshot`).
    let (mut answer_a, mut answer_b) = (Snapshot::default(), Snapshot::default());
    for (at, date) in dates.iter().enumerate() {
        let end = dates
            .get(at + 1)
            .and_then(|next| next.pred_opt())
            .unwrap_or(to);
        index_a.snapshot(*date, &mut answer_a)?;
        index_b.snapshot(*date, &mut answer_b)?;
        add_difference(
            &mut ranges,
            *date,
            end,
            &cells,
            &answer_a.kinds,
            &answer_b.kinds,
        );
        let (actions_a, actions_b) = (&answer_a.required_actions, &answer_b.required_actions);
        let only_a: Vec<ParameterId> = actions_a
            .iter()
            .copied()
            .filter(|x| !actions_b.contains(x))
            .collect();
        let only_b: Vec<ParameterId> = actions_b
            .iter()
            .copied()
            .filter(|x| !actions_a.contains(x))
            .collect();
        if only_a.is_empty() && only_b.is_empty() {
            continue;
        }
        match action_ranges.last_mut() {
            Some(last)
                if last.only_a == only_a
                    && last.only_b == only_b
                    && last.to.succ_opt() == Some(*date) =>
            {
                last.to = end
            }
            _ => action_ranges.push(ActionDifference {
                from: *date,
                to: end,
                only_a,
                only_b,
            }),
        }
    }
    Ok(Diff {
        rule_set_a: a.id.clone(),
        rule_set_b: b.id.clone(),
        from,
        to,
        ranges,
        action_ranges,
    })
}

#[cfg(test)]
mod merge_tests {
    use super::merge_candidates;
    use crate::parse_iso_date;

    #[test]
    fn both_rule_sets_candidate_dates_are_merged_in_date_order_each_date_once_with_the_first_causes(
    ) {
        let day = |text: &str| parse_iso_date(text).unwrap();
        let first = vec![
            (day("2020-01-01"), "a1"),
            (day("2021-01-01"), "a2"),
            (day("2023-01-01"), "a3"),
        ];
        let second = vec![
            (day("2019-06-01"), "b0"),
            (day("2021-01-01"), "b2"),
            (day("2022-01-01"), "b3"),
            (day("2024-01-01"), "b4"),
        ];
        let merged: Vec<&str> = merge_candidates(first, second)
            .into_iter()
            .map(|(_, cause)| cause)
            .collect();
        assert_eq!(merged, ["b0", "a1", "a2", "b3", "a3", "b4"]);
    }
}
