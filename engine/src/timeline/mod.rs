//! The timeline: every date between two dates (by default birth to the 18th birthday) on
//! which any outcome, content filter, required action or notice changes, with what changed
//! and why; and (in `diff`) one case under two rule sets as the date ranges where outcomes
//! or required actions differ.
//!
//! The timeline evaluates at candidate dates only (see `causes`), never day by day, with
//! the case's measures judged once (`CaseIndex`). At each date it compares a compact
//! `Snapshot` of the answer with the previous one, and builds the sentences of a change
//! point only for what changed.
//!
//! INVARIANT: between two consecutive change points the answer (every outcome, content
//! filter, required action and notice) equals the answer at the earlier one, and each
//! change point is what two full evaluations say changed (tested against `evaluate` on
//! every date a case names, for the example cases and random ones: `tests/reference`).

mod causes;
mod diff;

use chrono::NaiveDate;
use serde::Serialize;

pub use causes::Cause;
pub(crate) use diff::add_difference;
pub use diff::{diff, ActionDifference, CellDifference, Diff, DiffRange};

use crate::case::{Case, CaseFacts};
use crate::error::{EngineError, Problem};
use crate::evaluation::{
    Actor, Capability, CaseIndex, Layout, Notice, NoticeAbout, OutcomeKind, Snapshot,
};
use crate::explanation::Reason;
use crate::rule_set::{Catalog, ParameterId, RuleChoice};
use crate::validation::{validate_case, validate_date};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellChange {
    pub actor: Actor,
    pub actor_label: String,
    pub capability: Capability,
    /// `None` at the start of the timeline.
    pub from: Option<OutcomeKind>,
    pub to: OutcomeKind,
    /// The most decisive rule of the new outcome.
    pub rule_id: Option<ParameterId>,
    pub reason_sv: String,
}

/// A content filter that starts or stops applying to an allowed journal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilterChange {
    pub actor: Actor,
    pub actor_label: String,
    pub capability: Capability,
    /// The filter's sentence, as the matrix shows it.
    pub filter_sv: String,
    /// `true`: it starts applying; `false`: it stops.
    pub starts: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangePoint {
    pub date: NaiveDate,
    pub causes: Vec<Cause>,
    pub rule_set_id: String,
    pub changes: Vec<CellChange>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filter_changes: Vec<FilterChange>,
    /// Notices (measures that cannot act, forwarded requests) that start on this date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<NoticeAbout>,
}

/// A stretch of days with the same outcomes. `outcomes[i]` is the outcome of
/// `Timeline::cells[i]`: the cells are stored once, not once per segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub rule_set_id: String,
    pub outcomes: Vec<OutcomeKind>,
    pub required_actions: Vec<ParameterId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Every actor × capability, in the order of the evaluations and of `Segment::outcomes`.
    pub cells: Vec<(Actor, Capability)>,
    pub change_points: Vec<ChangePoint>,
    pub segments: Vec<Segment>,
}

impl Timeline {
    /// The segment covering `date`, if the timeline covers it.
    pub fn segment_at(&self, date: NaiveDate) -> Option<&Segment> {
        let index = self.segments.partition_point(|s| s.to < date);
        self.segments.get(index).filter(|s| s.from <= date)
    }

    /// The outcome of one cell in a segment.
    pub fn outcome(
        &self,
        segment: &Segment,
        actor: &Actor,
        capability: &Capability,
    ) -> Option<OutcomeKind> {
        let index = self
            .cells
            .iter()
            .position(|(a, c)| a == actor && c == capability)?;
        segment.outcomes.get(index).copied()
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

/// Every date of `from`–`to` to evaluate: `from`, then each candidate date after it.
pub(crate) fn dates_in(
    candidates: &[(NaiveDate, Vec<Cause>)],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    std::iter::once(from)
        .chain(
            candidates
                .iter()
                .map(|(date, _)| *date)
                .filter(|date| *date > from && *date <= to),
        )
        .collect()
}

/// Whether two dates of the same case give the same answer: outcomes, filters, required
/// actions and notices.
fn same_answer(a: &Snapshot, b: &Snapshot) -> bool {
    a.rule_set_id == b.rule_set_id
        && a.kinds == b.kinds
        && a.filters == b.filters
        && a.required_actions == b.required_actions
        && a.notices.len() == b.notices.len()
        && a.notices
            .iter()
            .zip(&b.notices)
            .all(|(x, y)| same_notice(x, y))
}

/// The same notice on two dates, whichever version's line it cites: a notice that stands
/// across a change of rule set does not start again.
fn same_notice(a: &Notice, b: &Notice) -> bool {
    a.kind == b.kind && a.subject == b.subject
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
    let rules = RuleChoice::for_case(
        catalog,
        &case.region,
        rule_set_id.or(case.pinned_rule_set.as_deref()),
    )?;
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
    if let Some(first) = rules.first_day().filter(|first| *first > from) {
        if first > to {
            return Err(EngineError::NoRuleSetInForce {
                region: case.region.clone(),
                date: to,
            });
        }
        from = first;
    }
    let index = CaseIndex::new(rules, case, facts);
    let candidates = causes::candidate_dates(case, &index);
    let mut change_points: Vec<ChangePoint> = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    // The answer at the last change point, and the one being compared with it; a date that
    // changes nothing is written over by the next one, so the buffers are reused.
    let mut previous: Option<Snapshot> = None;
    let mut current = Snapshot::default();
    for date in dates_in(&candidates, from, to) {
        index.snapshot(date, &mut current)?;
        if previous.as_ref().is_some_and(|p| same_answer(p, &current)) {
            continue;
        }
        let (changes, filter_changes) = changes(index.layout(), previous.as_ref(), &current);
        let notices = current
            .notices
            .iter()
            .filter(|n| {
                previous
                    .as_ref()
                    .is_none_or(|p| !p.notices.iter().any(|q| same_notice(q, n)))
            })
            .map(Notice::about)
            .collect();
        if let Some(last) = segments.last_mut() {
            last.to = date.pred_opt().unwrap_or(date);
        }
        segments.push(Segment {
            from: date,
            to,
            rule_set_id: current.rule_set_id.to_string(),
            outcomes: current.kinds.clone(),
            required_actions: current.required_actions.clone(),
        });
        let causes = candidates
            .iter()
            .find(|(d, _)| *d == date)
            .map(|(_, causes)| causes.clone())
            .unwrap_or_else(|| vec![Cause::TimelineStart]);
        change_points.push(ChangePoint {
            date,
            causes,
            rule_set_id: current.rule_set_id.to_string(),
            changes,
            filter_changes,
            notices,
        });
        match &mut previous {
            Some(previous) => std::mem::swap(previous, &mut current),
            None => previous = Some(std::mem::take(&mut current)),
        }
    }
    Ok(Timeline {
        from,
        to,
        cells: index.layout().actor_capabilities(),
        change_points,
        segments,
    })
}

/// What changed from `previous` to `current`: outcomes, and filters of allowed journals.
fn changes<'r>(
    layout: &Layout,
    previous: Option<&Snapshot<'r, '_>>,
    current: &Snapshot<'r, '_>,
) -> (Vec<CellChange>, Vec<FilterChange>) {
    let mut changes = Vec::new();
    let mut filter_changes = Vec::new();
    // A change point often changes many cells for one reason (a sealing closes every
    // journal), so each distinct reason's sentence is written once.
    let mut sentences: Vec<(Reason<'r>, String)> = Vec::new();
    let mut sentence = |reason: Reason<'r>| -> String {
        if let Some((_, written)) = sentences.iter().find(|(r, _)| r.same_sentence(&reason)) {
            return written.clone();
        }
        let written = reason.sentence_sv();
        sentences.push((reason, written.clone()));
        written
    };
    for (cell, (actor, target)) in layout.cells().enumerate() {
        let kind = current.kinds[cell];
        let before = previous.map(|p| p.kinds[cell]);
        if before != Some(kind) {
            let decisive = current.decisive[cell];
            changes.push(CellChange {
                actor: actor.actor.clone(),
                actor_label: actor.label.clone(),
                capability: target.capability(),
                from: before,
                to: kind,
                rule_id: decisive.map(|r| r.rule.parameter()),
                reason_sv: decisive.map(&mut sentence).unwrap_or_default(),
            });
        }
        let Some(previous) = previous else { continue };
        // Only for a journal that stays allowed: a change of outcome says the rest.
        if kind == OutcomeKind::Allowed && before == Some(OutcomeKind::Allowed) {
            let (now, then) = (&current.filters[cell], &previous.filters[cell]);
            let started = now.iter().filter(|f| !then.contains(f)).map(|f| (f, true));
            let stopped = then.iter().filter(|f| !now.contains(f)).map(|f| (f, false));
            for (filter, starts) in started.chain(stopped) {
                filter_changes.push(FilterChange {
                    actor: actor.actor.clone(),
                    actor_label: actor.label.clone(),
                    capability: target.capability(),
                    filter_sv: filter.public().sentence_sv(),
                    starts,
                });
            }
        }
    }
    (changes, filter_changes)
}
