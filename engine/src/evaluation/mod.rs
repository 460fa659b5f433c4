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
//! is in [`actions`]. The answer's types are in [`answer`].
//!
//! INVARIANT: a restriction never grants. Every cell starts from its base outcome;
//! restrictions can only turn that into `Denied`.

mod actions;
mod answer;
mod base;
mod filters;
pub(crate) mod measures;
mod restrictions;

use chrono::NaiveDate;

pub use actions::suggested_unit_kind;
pub use answer::{
    Actor, ActorAccess, Capability, Cell, ContentFilter, ContrastiveHint, Evaluation, Notice,
    NoticeKind, Outcome, OutcomeKind, RequiredAction,
};
pub use measures::EndReason;

use crate::age::leap_day_rule_applies;
use crate::case::{Case, CaseFacts};
use crate::error::EngineError;
use crate::explanation::{Reason, Rule};
use crate::rule_set::{Catalog, RuleChoice, RuleSet};
use crate::validation::{validate_case, validate_date};
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
    let index = MeasureIndex::new(case, facts, &RuleChoice::Pinned(rule_set));
    Evaluator::new(rule_set, case, facts, &index, date).evaluation()
}

/// A valid case with its measures judged once, ready to be evaluated on any date: what the
/// timeline and the diff use, so a case of n measures is indexed once, not once per date.
pub struct CaseIndex<'r, 'c> {
    rules: RuleChoice<'r>,
    case: &'c Case,
    facts: CaseFacts,
    index: MeasureIndex<'r, 'c>,
}

impl<'r, 'c> CaseIndex<'r, 'c> {
    /// `facts` must come from validating `case` (see `validate_case`).
    pub fn new(rules: RuleChoice<'r>, case: &'c Case, facts: CaseFacts) -> CaseIndex<'r, 'c> {
        let index = MeasureIndex::new(case, &facts, &rules);
        CaseIndex {
            rules,
            case,
            facts,
            index,
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

    /// The evaluation on `date`, with the rule set in force then.
    pub fn evaluate(&self, date: NaiveDate) -> Result<Evaluation<'r>, EngineError> {
        validate_date(&self.facts, date)?;
        let rule_set = self
            .rules
            .on(date)
            .ok_or_else(|| EngineError::NoRuleSetInForce {
                region: self.case.region.clone(),
                date,
            })?;
        Ok(Evaluator::new(rule_set, self.case, &self.facts, &self.index, date).evaluation())
    }
}

/// The unit a journal capability is about, with its kind.
pub(crate) struct JournalTarget<'c> {
    pub unit_id: Option<&'c str>,
    pub unit_kind: Option<&'c str>,
}

/// Who a cell is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    Child,
    Guardian(usize),
    LegalRepresentative,
}

/// What a cell is about.
pub(crate) enum On<'a, 'c> {
    Account,
    Proxy,
    Journal(&'a JournalTarget<'c>),
}

/// One date's evaluation: the rule set in force, and the state of every measure.
pub(crate) struct Evaluator<'r, 'c, 'i> {
    rule_set: &'r RuleSet,
    case: &'c Case,
    facts: &'c CaseFacts,
    index: &'i MeasureIndex<'r, 'c>,
    date: NaiveDate,
    s: Situation<'c>,
}

impl<'r, 'c, 'i> Evaluator<'r, 'c, 'i> {
    fn new(
        rule_set: &'r RuleSet,
        case: &'c Case,
        facts: &'c CaseFacts,
        index: &'i MeasureIndex<'r, 'c>,
        date: NaiveDate,
    ) -> Self {
        Evaluator {
            rule_set,
            case,
            facts,
            index,
            date,
            s: Situation::on(case, facts, index, date),
        }
    }

    fn evaluation(&self) -> Evaluation<'r> {
        let targets = self.journal_targets();
        let mut actors = Vec::with_capacity(
            1 + self.case.guardians.len() + self.case.legal_representatives.len(),
        );
        actors.push(self.child(&targets));
        actors.extend((0..self.case.guardians.len()).map(|i| self.guardian(i, &targets)));
        actors.extend(
            (0..self.case.legal_representatives.len())
                .map(|i| self.legal_representative(i, &targets)),
        );
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

    fn reason(&self, rule: Rule) -> Reason<'r> {
        Reason::new(rule, self.rule_set)
    }

    fn age_reason(&self, rule: Rule, age: u8) -> Reason<'r> {
        let birthday = self.facts.birthday(age);
        self.reason(rule).at_birthday(
            age,
            birthday,
            leap_day_rule_applies(self.facts.birth, age as u32),
        )
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
            Who::LegalRepresentative => false,
        }
    }

    /// The cell from its base outcome, the restrictions on it and its filters.
    fn cell(
        &self,
        capability: Capability,
        base: (Outcome<'r>, Vec<Reason<'r>>),
        restrictions: restrictions::Restrictions<'r>,
        filters: Vec<ContentFilter<'r>>,
    ) -> Cell<'r> {
        let (base_outcome, mut base_reasons) = base;
        base_reasons.extend(restrictions.notes);
        let denying = restrictions.deny;
        if denying.is_empty() {
            let filters = if base_outcome == Outcome::Allowed {
                filters
            } else {
                Vec::new()
            };
            return Cell {
                capability,
                outcome: base_outcome,
                reasons: base_reasons,
                hint: None,
                filters,
            };
        }
        // INVARIANT: restrictions only ever deny; the hint says what they take away.
        let lasting = denying.iter().all(|r| r.rule != Rule::ExcludedUnit);
        let hint = (base_outcome != Outcome::Denied && lasting).then(|| ContrastiveHint {
            would_be: base_outcome.kind(),
            restriction: (denying.len() == 1).then(|| denying[0].rule),
        });
        let mut reasons = denying;
        reasons.extend(base_reasons);
        Cell {
            capability,
            outcome: Outcome::Denied,
            reasons,
            hint,
            filters: Vec::new(),
        }
    }

    fn journal_targets(&self) -> Vec<(Capability, JournalTarget<'c>)> {
        let mut targets: Vec<(Capability, JournalTarget<'c>)> = self
            .case
            .care_units
            .iter()
            .map(|u| {
                (
                    Capability::Journal {
                        unit: Some(u.id.clone()),
                    },
                    JournalTarget {
                        unit_id: Some(u.id.as_str()),
                        unit_kind: u.kind.as_deref(),
                    },
                )
            })
            .collect();
        targets.push((
            Capability::Journal { unit: None },
            JournalTarget {
                unit_id: None,
                unit_kind: None,
            },
        ));
        targets
    }

    fn child(&self, targets: &[(Capability, JournalTarget<'c>)]) -> ActorAccess<'r> {
        let mut cells = Vec::with_capacity(1 + targets.len());
        cells.push(self.cell(
            Capability::Account,
            self.child_account_base(),
            self.restrictions(Who::Child, &On::Account),
            Vec::new(),
        ));
        for (capability, target) in targets {
            cells.push(self.cell(
                capability.clone(),
                self.child_journal_base(target),
                self.restrictions(Who::Child, &On::Journal(target)),
                self.journal_filters(target, Who::Child),
            ));
        }
        ActorAccess {
            actor: Actor::Child,
            label: match &self.case.child.name {
                Some(name) if !name.trim().is_empty() => format!("Barnet ({name})"),
                _ => "Barnet".into(),
            },
            cells,
        }
    }

    fn guardian(
        &self,
        index: usize,
        targets: &[(Capability, JournalTarget<'c>)],
    ) -> ActorAccess<'r> {
        let guardian = &self.case.guardians[index];
        let who = Who::Guardian(index);
        let mut cells = Vec::with_capacity(1 + targets.len());
        cells.push(self.cell(
            Capability::Proxy,
            self.guardian_proxy_base(index),
            self.restrictions(who, &On::Proxy),
            Vec::new(),
        ));
        for (capability, target) in targets {
            cells.push(self.cell(
                capability.clone(),
                self.guardian_journal_base(index, target),
                self.restrictions(who, &On::Journal(target)),
                self.journal_filters(target, who),
            ));
        }
        let number = index + 1;
        ActorAccess {
            actor: Actor::Guardian {
                id: guardian.id.clone(),
            },
            label: match &guardian.name {
                Some(name) if !name.trim().is_empty() => {
                    format!("Vårdnadshavare {number} ({name})")
                }
                _ => format!("Vårdnadshavare {number}"),
            },
            cells,
        }
    }

    fn legal_representative(
        &self,
        index: usize,
        targets: &[(Capability, JournalTarget<'c>)],
    ) -> ActorAccess<'r> {
        let representative = &self.case.legal_representatives[index];
        let who = Who::LegalRepresentative;
        let cells = targets
            .iter()
            .map(|(capability, target)| {
                self.cell(
                    capability.clone(),
                    self.legal_representative_base(index),
                    self.restrictions(who, &On::Journal(target)),
                    self.journal_filters(target, who),
                )
            })
            .collect();
        ActorAccess {
            actor: Actor::LegalRepresentative {
                id: representative.id.clone(),
            },
            label: match &representative.name {
                Some(name) if !name.trim().is_empty() => {
                    format!("Legal ställföreträdare {} ({name})", index + 1)
                }
                _ => format!("Legal ställföreträdare {}", index + 1),
            },
            cells,
        }
    }
}
