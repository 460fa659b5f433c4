//! One date's answer in compact form: what the timeline and the diff compare from one
//! candidate date to the next. Every cell is decided exactly as for the public answer
//! (`Evaluator::decide`), but only its outcome, its most decisive reason and (for an
//! allowed journal) its filters are kept, without sentences, labels or copies of ids: most
//! candidate dates change nothing, so they must be cheap, and a change point builds its
//! sentences for the cells that changed only.
//!
//! A decision reads only who asks and what the cell is about (`On`), so an actor's journal
//! cells whose units are in the same state are decided once: with 50 care units, most
//! units have nothing of their own on most dates. Filters are read per unit (they name its
//! exception notes).
//!
//! A snapshot is written over the previous one's buffers (`CaseIndex::snapshot`), so a
//! timeline allocates almost nothing per date once its first dates are done.

use super::{Evaluator, Filter, Notice, On, OutcomeKind, Scratch, Target};
use crate::explanation::Reason;
use crate::rule_set::ParameterId;

/// The answer on one date; the cells are those of `Layout::cells`, in its order.
#[derive(Default)]
pub(crate) struct Snapshot<'r, 'c> {
    pub rule_set_id: &'r str,
    /// Every cell's outcome.
    pub kinds: Vec<OutcomeKind>,
    /// Every cell's most decisive reason (the first of `Cell::reasons`).
    pub decisive: Vec<Option<Reason<'r>>>,
    /// Every cell's content filters: those of an allowed journal, none for the others (as
    /// `Cell::filters`).
    pub filters: Vec<Vec<Filter<'r, 'c>>>,
    /// The rules that demand an action of staff (`RequiredAction::rule_id`), in order.
    pub required_actions: Vec<ParameterId>,
    pub notices: Vec<Notice<'r>>,
    scratch: Scratch<'r, 'c>,
    /// The current actor's decisions so far, by what they read.
    decided: Vec<(On, OutcomeKind, Option<Reason<'r>>)>,
}

impl<'r, 'c> Evaluator<'r, 'c, '_> {
    pub(super) fn snapshot(&self, snapshot: &mut Snapshot<'r, 'c>) {
        let Snapshot {
            rule_set_id,
            kinds,
            decisive,
            filters,
            required_actions,
            notices,
            scratch,
            decided,
        } = snapshot;
        *rule_set_id = &self.rule_set.id;
        kinds.clear();
        decisive.clear();
        let mut cell = 0;
        for actor in &self.layout.actors {
            decided.clear();
            for target in self.layout.capabilities(actor.who) {
                let on = self.on(actor.who, target);
                let (kind, reason) = match decided.iter().find(|(seen, ..)| *seen == on) {
                    Some(&(_, kind, reason)) => (kind, reason),
                    None => {
                        let kind = self.decide(actor.who, &on, scratch).outcome.kind();
                        let reason = scratch.reasons.first().copied();
                        decided.push((on, kind, reason));
                        (kind, reason)
                    }
                };
                kinds.push(kind);
                decisive.push(reason);
                if filters.len() == cell {
                    filters.push(Vec::new());
                }
                let cell_filters = &mut filters[cell];
                cell_filters.clear();
                if let (OutcomeKind::Allowed, Target::Journal(journal)) = (kind, target) {
                    self.journal_filters(journal, actor.who, cell_filters);
                }
                cell += 1;
            }
        }
        required_actions.clear();
        self.required(|required| required_actions.push(required.rule_id()));
        *notices = self.notices();
    }
}
