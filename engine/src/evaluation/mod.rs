//! Evaluation: for one case and one date, the outcome for every actor × capability (konto,
//! ombud, journal per vårdenhet), with the reasons, the content filters, the actions the
//! rule set demands that the case lacks, and notices about measures that cannot act.
//!
//! A cell is decided in three steps, each in its own module:
//!
//! 1. [`base`]: what the age rules and extended access give (its *base outcome*): guardians
//!    until 13, the child's account from 13, the child's journal from 16, extended access
//!    13–15 per unit, legal representatives from 16, nothing before the region connected
//!    children's journals.
//! 2. [`restrictions`]: what takes it away, applied by one function in the guidance's
//!    precedence, most restrictive first: not a minor / unusable identity number >
//!    protected identity > sealing > blocking > login lock > excluded unit.
//! 3. [`filters`]: what an allowed journal does not show (content filters).
//!
//! The state of every measure on the date comes from [`measures`], where each measure is
//! judged once under the rule set in force when it was decided. What staff must do or know
//! is in [`actions`]. The answer's types are in [`answer`]; its cells, laid out once per
//! case, in [`cells`].
//!
//! Every cell is decided by one function (`Evaluator::decide`), into reused buffers: the
//! public answer copies each cell out of them, while the timeline and the diff keep only
//! what they compare from date to date (a [`snapshot`]), so a timeline of many dates
//! allocates almost nothing per date and builds sentences only where something changes. A
//! journal cell's decision reads only the state of its unit on the date (`JournalState`),
//! so a snapshot decides each state once per actor however many units share it.
//!
//! INVARIANT: a restriction never grants. Every cell starts from its base outcome;
//! restrictions can only turn that into `Denied`.

mod actions;
mod answer;
mod base;
mod cells;
mod filters;
pub(crate) mod measures;
mod restrictions;
mod snapshot;

use chrono::NaiveDate;

pub use actions::suggested_unit_kind;
pub use answer::{
    Actor, ActorAccess, Capability, Cell, ContentFilter, ContrastiveHint, Evaluation, Notice,
    NoticeAbout, NoticeKind, Outcome, OutcomeKind, RequiredAction,
};
pub use measures::EndReason;

pub(crate) use cells::Layout;
pub(crate) use filters::Filter;
pub(crate) use snapshot::Snapshot;

use crate::age::leap_day_rule_applies;
use crate::case::{CareUnit, Case, CaseFacts};
use crate::error::EngineError;
use crate::explanation::{Reason, Rule};
use crate::rule_set::{Catalog, RuleChoice, RuleSet};
use crate::validation::{validate_case, validate_date};
use cells::{JournalTarget, Target, Who};
use measures::{MeasureIndex, Situation};

/// Evaluate `case` on `date`: with `rule_set_id` if given, else the case's pinned rule set,
/// else the region's version in force on the date (each measure judged under the version in
/// force when it was decided).
pub fn evaluate<'r>(
    catalog: &'r Catalog,
    case: &Case,
    date: NaiveDate,
    rule_set_id: Option<&str>,
) -> Result<Evaluation<'r>, EngineError> {
    let facts = validate_case(case, date)?;
    validate_date(&facts, date)?;
    let rules = RuleChoice::for_case(
        catalog,
        &case.region,
        rule_set_id.or(case.pinned_rule_set.as_deref()),
    )?;
    CaseIndex::new(rules, case, facts).evaluate(date)
}

/// Evaluate with one rule set for every date and every measure (a pinned rule set, as
/// "Jämför" does). The case must be valid (see `validate_case`) and the date within the
/// child's minority (see `validate_date`).
pub fn evaluate_with<'r>(
    rule_set: &'r RuleSet,
    case: &Case,
    facts: &CaseFacts,
    date: NaiveDate,
) -> Evaluation<'r> {
    let index = CaseIndex::new(RuleChoice::Pinned(rule_set), case, facts.clone());
    Evaluator::new(rule_set, &index, date).evaluation()
}

/// A valid case with its measures judged once and its cells laid out, ready to be
/// evaluated on any date: what the timeline and the diff use, so a case of n measures is
/// indexed once, not once per date.
pub struct CaseIndex<'r, 'c> {
    rules: RuleChoice<'r>,
    case: &'c Case,
    facts: CaseFacts,
    index: MeasureIndex<'r, 'c>,
    layout: Layout<'c>,
    /// Per rule set that may answer: the units whose missing kind it would exclude (see
    /// `suggested_unit_kind`), found once rather than from every unit's name on every date.
    kinds_missing: Vec<(&'r RuleSet, Vec<(&'c CareUnit, &'r str)>)>,
    /// The birthday at every age a rule set names (`AgeRules::thresholds`), with whether
    /// the 29 February rule moved it: what the explanations cite, computed once.
    birthdays: Vec<(u8, NaiveDate, bool)>,
}

impl<'r, 'c> CaseIndex<'r, 'c> {
    /// `facts` must come from validating `case` (see `validate_case`).
    pub fn new(rules: RuleChoice<'r>, case: &'c Case, facts: CaseFacts) -> CaseIndex<'r, 'c> {
        let index = MeasureIndex::new(case, &facts, &rules);
        let kinds_missing = rules
            .rule_sets()
            .iter()
            .map(|&rule_set| {
                let units = case
                    .care_units
                    .iter()
                    .filter_map(|unit| Some((unit, suggested_unit_kind(rule_set, unit)?)))
                    .collect();
                (rule_set, units)
            })
            .collect();
        let mut ages: Vec<u8> = rules
            .rule_sets()
            .iter()
            .flat_map(|rule_set| rule_set.ages().thresholds())
            .collect();
        crate::sort_short_by_key(&mut ages, |age| *age);
        ages.dedup();
        let birthdays = ages
            .into_iter()
            .map(|age| {
                let years = u32::from(age);
                let leap_day_rule = leap_day_rule_applies(facts.birth, years);
                (age, facts.birthday(age), leap_day_rule)
            })
            .collect();
        CaseIndex {
            rules,
            case,
            facts,
            index,
            layout: Layout::new(case),
            kinds_missing,
            birthdays,
        }
    }

    pub fn facts(&self) -> &CaseFacts {
        &self.facts
    }

    pub fn rules(&self) -> &RuleChoice<'r> {
        &self.rules
    }

    pub(crate) fn measures(&self) -> &MeasureIndex<'r, 'c> {
        &self.index
    }

    pub(crate) fn layout(&self) -> &Layout<'c> {
        &self.layout
    }

    /// The evaluation on `date`, with the rule set in force then.
    pub fn evaluate(&self, date: NaiveDate) -> Result<Evaluation<'r>, EngineError> {
        Ok(self.evaluator(date)?.evaluation())
    }

    /// The answer on `date` in compact form (see `Snapshot`), written over `snapshot` so
    /// that a timeline reuses the same buffers from date to date.
    pub(crate) fn snapshot(
        &self,
        date: NaiveDate,
        snapshot: &mut Snapshot<'r, 'c>,
    ) -> Result<(), EngineError> {
        self.evaluator(date)?.snapshot(snapshot);
        Ok(())
    }

    fn evaluator(&self, date: NaiveDate) -> Result<Evaluator<'r, 'c, '_>, EngineError> {
        validate_date(&self.facts, date)?;
        let rule_set = self
            .rules
            .on(date)
            .ok_or_else(|| EngineError::NoRuleSetInForce {
                region: self.case.region.clone(),
                date,
            })?;
        Ok(Evaluator::new(rule_set, self, date))
    }
}

/// What a cell's decision reads of what the cell is about. For a journal that is the state
/// of its unit on the date, not the unit itself: cells of units in the same state are
/// decided alike.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum On {
    Account,
    Proxy,
    Journal(JournalState),
}

/// A unit's journal, as one reader's cell sees it on the date (for all other units: none of
/// these apply).
#[derive(Clone, Copy, PartialEq, Default)]
pub(crate) struct JournalState {
    /// Since when extended access to the unit applies for the reader (only inside the
    /// 13–15 window; never for a legal representative, whom it does not concern).
    pub extended_access_since: Option<NaiveDate>,
    /// Since when a sealing of the unit is in force.
    pub sealed_since: Option<NaiveDate>,
    /// Whether the unit is of a kind the rule set never shows.
    pub excluded: bool,
}

/// One cell decided: its outcome, and what the restrictions took away. Its reasons are in
/// the `Scratch` it was decided with.
pub(crate) struct Decision<'r> {
    pub outcome: Outcome<'r>,
    pub hint: Option<ContrastiveHint>,
}

/// Buffers for deciding cells, reused from cell to cell and from date to date: once they
/// have grown, deciding a cell allocates nothing.
#[derive(Default)]
pub(crate) struct Scratch<'r, 'c> {
    /// The last decided cell's reasons, most decisive first.
    pub reasons: Vec<Reason<'r>>,
    base: Vec<Reason<'r>>,
    notes: Vec<Reason<'r>>,
    filters: Vec<Filter<'r, 'c>>,
}

/// One date's evaluation: the rule set in force, and the state of every measure.
pub(crate) struct Evaluator<'r, 'c, 'i> {
    rule_set: &'r RuleSet,
    case: &'c Case,
    facts: &'i CaseFacts,
    index: &'i MeasureIndex<'r, 'c>,
    layout: &'i Layout<'c>,
    /// The units whose missing kind this rule set would exclude.
    kinds_missing: &'i [(&'c CareUnit, &'r str)],
    birthdays: &'i [(u8, NaiveDate, bool)],
    date: NaiveDate,
    s: Situation<'c>,
}

impl<'r, 'c, 'i> Evaluator<'r, 'c, 'i> {
    fn new(rule_set: &'r RuleSet, index: &'i CaseIndex<'r, 'c>, date: NaiveDate) -> Self {
        let kinds_missing = index
            .kinds_missing
            .iter()
            .find(|(r, _)| std::ptr::eq(*r, rule_set))
            .map_or(&[][..], |(_, units)| units.as_slice());
        Evaluator {
            rule_set,
            case: index.case,
            facts: &index.facts,
            index: &index.index,
            layout: &index.layout,
            kinds_missing,
            birthdays: &index.birthdays,
            date,
            s: Situation::on(index.case, &index.facts, &index.index, date),
        }
    }

    fn evaluation(&self) -> Evaluation<'r> {
        let mut scratch = Scratch::default();
        // The current actor's decisions so far: what each read, and its first cell.
        let mut decided: Vec<(On, usize)> = Vec::new();
        let actors = self
            .layout
            .actors
            .iter()
            .map(|actor| {
                decided.clear();
                let mut cells = Vec::with_capacity(self.layout.journals.len() + 1);
                for target in self.layout.capabilities(actor.who) {
                    let cell = self.cell(actor.who, target, &cells, &mut scratch, &mut decided);
                    cells.push(cell);
                }
                ActorAccess {
                    actor: actor.actor.clone(),
                    label: actor.label.clone(),
                    cells,
                }
            })
            .collect();
        Evaluation {
            date: self.date,
            rule_set_id: &self.rule_set.id,
            child_age: self.s.age,
            actors,
            required_actions: self.required_actions(),
            notices: self.notices(),
            reminders: self.reminders(),
        }
    }

    /// One cell of the public answer. Its decision is copied from the actor's first cell
    /// that read the same (`On`, found in `decided`, an index into `cells`), so of 50 units
    /// in the same state only the first is decided (see the INVARIANT on `decide`); else it
    /// is decided and copied out of the scratch buffers.
    fn cell(
        &self,
        who: Who,
        target: Target<'_, 'c>,
        cells: &[Cell<'r>],
        scratch: &mut Scratch<'r, 'c>,
        decided: &mut Vec<(On, usize)>,
    ) -> Cell<'r> {
        let on = self.on(who, target);
        let (outcome, hint, reasons) = match decided.iter().find(|(seen, _)| *seen == on) {
            Some(&(_, first)) => {
                let first = &cells[first];
                (first.outcome.clone(), first.hint, first.reasons.clone())
            }
            None => {
                let Decision { outcome, hint } = self.decide(who, &on, scratch);
                decided.push((on, cells.len()));
                (outcome, hint, scratch.reasons.clone())
            }
        };
        let mut filters = Vec::new();
        if let (Outcome::Allowed, Target::Journal(journal)) = (&outcome, target) {
            scratch.filters.clear();
            self.journal_filters(journal, who, &mut scratch.filters);
            filters = scratch.filters.iter().map(Filter::public).collect();
        }
        Cell {
            capability: target.capability(),
            outcome,
            reasons,
            hint,
            filters,
        }
    }

    /// What `who`'s cell on `target` reads of it on the date.
    fn on(&self, who: Who, target: Target) -> On {
        let journal = match target {
            Target::Account => return On::Account,
            Target::Proxy => return On::Proxy,
            Target::Journal(journal) => journal,
        };
        let Some(unit) = journal.unit else {
            return On::Journal(JournalState::default());
        };
        // Extended access is given to the child or to one guardian, never to a legal
        // representative.
        let extended_access_since = match who {
            Who::Child => self.extended_access_since(None, unit),
            Who::Guardian(g) => self.extended_access_since(Some(g), unit),
            Who::LegalRepresentative(_) => None,
        };
        On::Journal(JournalState {
            extended_access_since,
            sealed_since: self.s.sealed_units[unit],
            excluded: self.unit_excluded(journal),
        })
    }

    /// Decide `who`'s access to `on`: the base outcome, then the restrictions on it. The
    /// reasons, most decisive first, are left in `scratch.reasons`: the denying restrictions
    /// (if any), then the base outcome's reasons, then notes that explain without denying.
    /// Content filters apply only to an allowed journal (see `journal_filters`).
    ///
    /// INVARIANT: restrictions only ever deny; the hint says what they take away.
    /// INVARIANT: the decision reads `who`, `on` and the date's situation, never the unit
    /// itself (`on` holds no unit), so equal `on`s of one actor decide alike: a snapshot
    /// decides each once.
    fn decide(&self, who: Who, on: &On, scratch: &mut Scratch<'r, 'c>) -> Decision<'r> {
        let Scratch {
            reasons: denying,
            base,
            notes,
            ..
        } = scratch;
        denying.clear();
        base.clear();
        notes.clear();
        let base_outcome = self.base(who, on, base);
        self.restrictions(who, on, denying, notes);
        let decision = if denying.is_empty() {
            Decision {
                outcome: base_outcome,
                hint: None,
            }
        } else {
            let lasting = denying.iter().all(|r| r.rule != Rule::ExcludedUnit);
            let hint = (base_outcome != Outcome::Denied && lasting).then(|| ContrastiveHint {
                would_be: base_outcome.kind(),
                restriction: (denying.len() == 1).then(|| denying[0].rule),
            });
            Decision {
                outcome: Outcome::Denied,
                hint,
            }
        };
        denying.extend_from_slice(base);
        denying.extend_from_slice(notes);
        decision
    }

    fn reason(&self, rule: Rule) -> Reason<'r> {
        Reason::new(rule, self.rule_set)
    }

    fn age_reason(&self, rule: Rule, age: u8) -> Reason<'r> {
        let (birthday, leap_day_rule) = match self.birthdays.iter().find(|(a, ..)| *a == age) {
            Some(&(_, birthday, leap_day_rule)) => (birthday, leap_day_rule),
            None => (
                self.facts.birthday(age),
                leap_day_rule_applies(self.facts.birth, u32::from(age)),
            ),
        };
        self.reason(rule).at_birthday(age, birthday, leap_day_rule)
    }

    fn is_minor(&self) -> bool {
        self.s.age < self.rule_set.parameters.adult_age.value as u32
    }

    fn identity_unusable(&self) -> bool {
        self.rule_set.parameters.unusable_identity_number.value
            && self
                .facts
                .identity
                .as_ref()
                .is_some_and(|id| !id.usable_in_1177())
    }

    fn extended_access_window(&self) -> bool {
        self.rule_set.ages().in_extended_access_window(self.s.age)
    }

    /// Whether journal access for `who` comes through the region's connection of children's
    /// journals (guardians, and the child before reading their own journal), where the
    /// display start date and the excluded units apply. Without a connection date they
    /// apply to every reader.
    fn through_children_connection(&self, who: Who) -> bool {
        let p = &self.rule_set.parameters;
        if p.children_journal_connected_on.value.is_none() {
            return true;
        }
        match who {
            Who::Guardian(_) => true,
            Who::Child => self.s.age < p.child_journal_from_age.value as u32,
            Who::LegalRepresentative(_) => false,
        }
    }
}
