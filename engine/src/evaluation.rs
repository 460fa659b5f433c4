//! Evaluation: for one case, one rule set and one date, the outcome for every actor ×
//! capability (konto, ombud, journal per vårdenhet), with the reasons, the content filters
//! and the actions the rule set demands that the case lacks.
//!
//! The order follows the guidance's precedence, most restrictive first: unusable identity
//! number > not a minor > protected identity > sealing > blocking > login lock > age rules >
//! extended access > content filters.
//!
//! INVARIANT: a restriction never grants. Every cell starts from what the age rules and
//! extended access give (its base outcome); restrictions can only turn that into `Denied`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::age::{age_on, birthday, leap_day_rule_applies};
use crate::case::{Case, MeasureKind, Period, SealingScope};
use crate::error::{EngineError, Problem};
use crate::explanation::{Reason, Rule};
use crate::identity::{parse_identity_number, IdentityNumber};
use crate::rule_set::{
    Catalog, GrantRoute, HiddenFrom, RequestRoute, RuleSet, SealingScopeKind, UnlockRule,
};
use crate::validation::{validate_case, validate_date};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    Child,
    Guardian { id: String },
    LegalRepresentative { id: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Capability {
    /// The child's own account on 1177.se (e-tjänster).
    Account,
    /// A guardian acting for the child in e-tjänster (ombud).
    Proxy,
    /// 1177 Journal from one care unit, or from all units not in the case (`unit: null`).
    Journal { unit: Option<String> },
}

impl Capability {
    pub fn label_sv(&self) -> String {
        match self {
            Capability::Account => "Konto på 1177.se".into(),
            Capability::Proxy => "Ombud i e-tjänster".into(),
            Capability::Journal { unit: Some(unit) } => format!("Journal: {unit}"),
            Capability::Journal { unit: None } => "Journal: övriga vårdenheter".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    Allowed,
    Denied,
    Grantable,
}

impl OutcomeKind {
    pub fn label_sv(self) -> &'static str {
        match self {
            OutcomeKind::Allowed => "Har åtkomst",
            OutcomeKind::Denied => "Ingen åtkomst",
            OutcomeKind::Grantable => "Kan beviljas",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome<'r> {
    Allowed,
    Denied,
    /// Not now, but a named decision would give it.
    Grantable {
        route: &'r GrantRoute,
    },
}

impl Outcome<'_> {
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Allowed => OutcomeKind::Allowed,
            Outcome::Denied => OutcomeKind::Denied,
            Outcome::Grantable { .. } => OutcomeKind::Grantable,
        }
    }
}

/// "Would be allowed if the blocking ended."
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContrastiveHint {
    /// What the cell would be without the restrictions.
    pub would_be: OutcomeKind,
    /// The single restriction in the way, when there is one.
    pub restriction: Option<Rule>,
}

impl Serialize for ContrastiveHint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("ContrastiveHint", 3)?;
        state.serialize_field("would_be", &self.would_be)?;
        state.serialize_field("restriction", &self.restriction.map(|r| r.parameter()))?;
        state.serialize_field("sentence", &self.sentence_sv())?;
        state.end()
    }
}

impl ContrastiveHint {
    pub fn sentence_sv(&self) -> String {
        let outcome = match self.would_be {
            OutcomeKind::Allowed => "tillåtet",
            OutcomeKind::Grantable => "möjligt att bevilja",
            OutcomeKind::Denied => "nekat",
        };
        match self.restriction {
            Some(rule) => format!(
                "Skulle vara {outcome} om {} upphörde.",
                rule.restriction_name_sv()
            ),
            None => format!("Skulle vara {outcome} om alla begränsningar upphörde."),
        }
    }
}

/// Something hidden from an allowed journal. Borrowed from the rule set and the case
/// evaluated, so filtering allocates little.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ContentFilter<'r> {
    /// Entries before this date are not shown (no retroactive display).
    DisplayStart { before: NaiveDate },
    /// Notes under these exception keywords are never shown to this actor.
    ExceptionCategories { categories: Vec<&'r str> },
    /// A note in the case under an exception keyword is hidden from this actor.
    ExceptionNote { measure: String, category: String },
    /// Units of these kinds are not shown at all.
    ExcludedUnitKinds { kinds: &'r [String] },
    /// Entries written in this period are sealed.
    SealedEntries { measure: String, entries: Period },
}

impl ContentFilter<'_> {
    pub fn sentence_sv(&self) -> String {
        match self {
            ContentFilter::DisplayStart { before } => {
                format!("Anteckningar före {before} visas inte (ingen retroaktiv visning).")
            }
            ContentFilter::ExceptionCategories { categories } => format!(
                "Anteckningar under sökorden {} visas inte.",
                categories.join(", ")
            ),
            ContentFilter::ExceptionNote { category, .. } => {
                format!("Anteckningen under sökordet \"{category}\" i fallet visas inte.")
            }
            ContentFilter::ExcludedUnitKinds { kinds } => {
                format!("Vårdenheter av typen {} visas inte.", kinds.join(", "))
            }
            ContentFilter::SealedEntries { entries, .. } => match entries.to {
                Some(to) => format!("Anteckningar {}–{to} är förseglade.", entries.from),
                None => format!("Anteckningar från {} är förseglade.", entries.from),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell<'r> {
    pub capability: Capability,
    #[serde(flatten)]
    pub outcome: Outcome<'r>,
    /// The rules that decided, most decisive first.
    pub reasons: Vec<Reason<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<ContrastiveHint>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<ContentFilter<'r>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorAccess<'r> {
    pub actor: Actor,
    /// How staff see the actor named: "Barnet", "Vårdnadshavare 1 (namn)".
    pub label: String,
    pub cells: Vec<Cell<'r>>,
}

/// A measure the rule set demands but the case lacks — for staff to do, as opposed to what
/// 1177 does by itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequiredAction<'r> {
    pub rule_id: &'static str,
    pub action_sv: String,
    pub citation: &'r crate::rule_set::Citation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<&'r RequestRoute>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urgent_phone: Option<&'r str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation<'r> {
    pub date: NaiveDate,
    pub rule_set_id: &'r str,
    pub child_age: u32,
    pub actors: Vec<ActorAccess<'r>>,
    pub required_actions: Vec<RequiredAction<'r>>,
    /// Reminders the rule set gives while a measure is active (e.g. remove SMS reminders).
    pub reminders: Vec<&'r str>,
}

impl<'r> Evaluation<'r> {
    pub fn cell(&self, actor: &Actor, capability: &Capability) -> Option<&Cell<'r>> {
        self.actors
            .iter()
            .find(|a| &a.actor == actor)?
            .cells
            .iter()
            .find(|c| &c.capability == capability)
    }

    /// Whether every cell has the same outcome kind as in `other` (an evaluation of the
    /// same case, so the same actors and capabilities in the same order).
    pub fn same_outcomes(&self, other: &Evaluation) -> bool {
        self.actors.len() == other.actors.len()
            && self.actors.iter().zip(&other.actors).all(|(a, b)| {
                a.cells.len() == b.cells.len()
                    && a.cells
                        .iter()
                        .zip(&b.cells)
                        .all(|(x, y)| x.outcome.kind() == y.outcome.kind())
            })
    }

    /// Every cell's outcome kind, in a fixed order: what the timeline compares.
    pub fn outcome_kinds(&self) -> Vec<(Actor, Capability, OutcomeKind)> {
        self.actors
            .iter()
            .flat_map(|a| {
                a.cells
                    .iter()
                    .map(|c| (a.actor.clone(), c.capability.clone(), c.outcome.kind()))
            })
            .collect()
    }
}

/// Evaluate `case` on `date`, with the rule set in force then (or the pinned one, or `rule_set_id`).
pub fn evaluate<'r>(
    catalog: &'r Catalog,
    case: &Case,
    date: NaiveDate,
    rule_set_id: Option<&str>,
) -> Result<Evaluation<'r>, EngineError> {
    let facts = validate_case(case, date)?;
    validate_date(&facts, date)?;
    let rule_set = catalog.resolve(
        &case.region,
        rule_set_id.or(case.pinned_rule_set.as_deref()),
        date,
    )?;
    Ok(evaluate_with(rule_set, case, &facts, date))
}

/// Facts derived once per case, valid for any date.
#[derive(Debug, Clone)]
pub struct CaseFacts {
    pub birth: NaiveDate,
    pub identity: Option<IdentityNumber>,
}

impl CaseFacts {
    pub fn new(case: &Case, reference: NaiveDate) -> Result<CaseFacts, EngineError> {
        let identity = match &case.child.identity_number {
            Some(number) if !number.trim().is_empty() => {
                Some(parse_identity_number(number, reference).map_err(|error| {
                    EngineError::invalid("child.identity_number", Problem::Identity(error))
                })?)
            }
            _ => None,
        };
        let birth = case
            .child
            .birth_date
            .or_else(|| identity.as_ref().and_then(IdentityNumber::birth_date))
            .ok_or_else(|| EngineError::invalid("child.birth_date", Problem::BirthDateRequired))?;
        Ok(CaseFacts { birth, identity })
    }

    pub fn birthday(&self, age: u8) -> NaiveDate {
        birthday(self.birth, age as u32)
    }

    pub fn eighteenth_birthday(&self) -> NaiveDate {
        self.birthday(18)
    }
}

/// The state of every measure on the date, derived once and shared by all cells.
struct Situation<'c> {
    age: u32,
    /// Whole-journal sealing in force, and since when.
    whole_sealing: Option<NaiveDate>,
    sealed_units: Vec<(&'c str, NaiveDate)>,
    sealed_entries: Vec<(&'c str, Period)>,
    /// Sealings in the case with a scope the region does not offer: not in force.
    unsupported_sealings: Vec<&'c str>,
    /// Per guardian (case order): blocked since.
    blocked: Vec<Option<NaiveDate>>,
    /// Explicit login lock since, and login lock caused by a blocking since.
    login_lock: Option<NaiveDate>,
    login_lock_from_blocking: Option<NaiveDate>,
    protected_child: Option<NaiveDate>,
    protected_guardians: Vec<Option<NaiveDate>>,
    registered: Vec<bool>,
}

/// The date a period in a list covering `date` started, if any.
fn covering(periods: &[Period], date: NaiveDate) -> Option<NaiveDate> {
    periods
        .iter()
        .filter(|p| p.contains(date))
        .map(|p| p.from)
        .min()
}

/// The first day a sealing is no longer in force under `rule_set`, if it ends.
pub fn sealing_end(
    case: &Case,
    facts: &CaseFacts,
    rule_set: &RuleSet,
    sealing_id: &str,
    period: &Period,
    initiating_units: &[String],
) -> Option<NaiveDate> {
    let mut end = period.end_exclusive();
    let mut earlier = |candidate: NaiveDate| {
        end = Some(end.map_or(candidate, |e| e.min(candidate)));
    };
    if let Some(age) = rule_set.parameters.sealing_ends_at_age.value {
        earlier(facts.birthday(age));
    }
    let request_dates = |unit: &str| {
        case.measures
            .iter()
            .filter_map(move |m| match &m.kind {
                MeasureKind::UnlockRequest {
                    sealing,
                    requesting_unit,
                } if sealing == sealing_id && requesting_unit == unit => Some(m.period.from),
                _ => None,
            })
            .filter(|d| *d >= period.from)
            .min()
    };
    let unlock = match rule_set.parameters.sealing_unlock_rule.value {
        // Every initiating unit must have agreed; the last agreement lifts it.
        UnlockRule::AllInitiatingUnits => initiating_units
            .iter()
            .map(|u| request_dates(u))
            .collect::<Option<Vec<_>>>()
            .and_then(|dates| dates.into_iter().max()),
        UnlockRule::AnyInitiatingUnit => initiating_units
            .iter()
            .filter_map(|u| request_dates(u))
            .min(),
    };
    if let Some(unlock) = unlock {
        earlier(unlock);
    }
    end
}

/// The first day a measure that ends by a later "lift" measure (bryta blockering,
/// upplåsning av inloggning) no longer applies.
fn lifted_on(lifts: impl Iterator<Item = NaiveDate>, start: NaiveDate) -> Option<NaiveDate> {
    lifts.filter(|lift| *lift >= start).min()
}

/// Whether guardian `guardian_id` is blocked on `date`, and since when.
pub fn blocked_since(
    case: &Case,
    facts: &CaseFacts,
    rule_set: &RuleSet,
    guardian_id: &str,
    date: NaiveDate,
) -> Option<NaiveDate> {
    if let Some(age) = rule_set.parameters.blocking_ends_at_age.value {
        if date >= facts.birthday(age) {
            return None;
        }
    }
    let lifts = || {
        case.measures.iter().filter_map(move |m| match &m.kind {
            MeasureKind::BlockingLifted { guardian } if guardian == guardian_id => {
                Some(m.period.from)
            }
            _ => None,
        })
    };
    case.measures
        .iter()
        .filter(|m| match &m.kind {
            MeasureKind::Blocking { guardians } => guardians.iter().any(|g| g == guardian_id),
            MeasureKind::BlockingExtension { guardian } => guardian == guardian_id,
            _ => false,
        })
        .filter(|m| m.period.contains(date))
        .filter(|m| lifted_on(lifts(), m.period.from).is_none_or(|lift| date < lift))
        .map(|m| m.period.from)
        .min()
}

/// The login lock a blocking causes where the rule set says so: from the blocking's start
/// until staff request an unlock (upplåsning), even after the blocking itself has ended.
fn login_lock_from_blocking(case: &Case, rule_set: &RuleSet, date: NaiveDate) -> Option<NaiveDate> {
    if !rule_set.parameters.blocking_locks_child_login.value {
        return None;
    }
    let unlocks = || {
        case.measures.iter().filter_map(|m| match m.kind {
            MeasureKind::LoginUnlock => Some(m.period.from),
            _ => None,
        })
    };
    case.measures
        .iter()
        .filter(|m| matches!(m.kind, MeasureKind::Blocking { .. }))
        .filter(|m| m.period.from <= date)
        .filter(|m| lifted_on(unlocks(), m.period.from).is_none_or(|unlock| date < unlock))
        .map(|m| m.period.from)
        .min()
}

fn explicit_login_lock(case: &Case, date: NaiveDate) -> Option<NaiveDate> {
    let unlocks = || {
        case.measures.iter().filter_map(|m| match m.kind {
            MeasureKind::LoginUnlock => Some(m.period.from),
            _ => None,
        })
    };
    case.measures
        .iter()
        .filter(|m| matches!(m.kind, MeasureKind::LoginLock))
        .filter(|m| m.period.contains(date))
        .filter(|m| lifted_on(unlocks(), m.period.from).is_none_or(|unlock| date < unlock))
        .map(|m| m.period.from)
        .min()
}

fn situation<'c>(
    case: &'c Case,
    facts: &CaseFacts,
    rule_set: &RuleSet,
    date: NaiveDate,
) -> Situation<'c> {
    let mut whole_sealing = None;
    let mut sealed_units = Vec::new();
    let mut sealed_entries = Vec::new();
    let mut unsupported_sealings = Vec::new();
    for measure in &case.measures {
        if let MeasureKind::Sealing {
            initiating_units,
            scope,
            ..
        } = &measure.kind
        {
            let end = sealing_end(
                case,
                facts,
                rule_set,
                &measure.id,
                &measure.period,
                initiating_units,
            );
            let in_force = measure.period.from <= date && end.is_none_or(|end| date < end);
            if !in_force {
                continue;
            }
            let kind = match scope {
                SealingScope::Whole => SealingScopeKind::Whole,
                SealingScope::Unit { .. } => SealingScopeKind::Unit,
                SealingScope::EntryPeriod { .. } => SealingScopeKind::EntryPeriod,
            };
            // A scope the region's routine does not offer cannot have been carried out.
            if !rule_set.parameters.sealing_scopes.value.contains(&kind) {
                unsupported_sealings.push(measure.id.as_str());
                continue;
            }
            match scope {
                SealingScope::Whole => {
                    whole_sealing =
                        Some(whole_sealing.map_or(measure.period.from, |d: NaiveDate| {
                            d.min(measure.period.from)
                        }))
                }
                SealingScope::Unit { sealed_unit } => {
                    sealed_units.push((sealed_unit.as_str(), measure.period.from))
                }
                SealingScope::EntryPeriod { entries } => {
                    sealed_entries.push((measure.id.as_str(), *entries))
                }
            }
        }
    }
    Situation {
        age: age_on(facts.birth, date).unwrap_or(0),
        whole_sealing,
        sealed_units,
        sealed_entries,
        unsupported_sealings,
        blocked: case
            .guardians
            .iter()
            .map(|g| blocked_since(case, facts, rule_set, &g.id, date))
            .collect(),
        login_lock: explicit_login_lock(case, date),
        login_lock_from_blocking: login_lock_from_blocking(case, rule_set, date),
        protected_child: covering(&case.child.protected_identity, date),
        protected_guardians: case
            .guardians
            .iter()
            .map(|g| covering(&g.protected_identity, date))
            .collect(),
        registered: case
            .guardians
            .iter()
            .map(|g| g.registered.contains(date))
            .collect(),
    }
}

/// The unit a journal capability is about, with its kind.
struct JournalTarget<'c> {
    unit_id: Option<&'c str>,
    unit_kind: Option<&'c str>,
}

struct Evaluator<'r, 'c> {
    rule_set: &'r RuleSet,
    case: &'c Case,
    facts: &'c CaseFacts,
    date: NaiveDate,
    s: Situation<'c>,
}

impl<'r, 'c> Evaluator<'r, 'c> {
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
        let p = &self.rule_set.parameters;
        self.s.age >= p.guardian_access_until_age.value as u32
            && self.s.age < p.child_journal_from_age.value as u32
    }

    /// An active extended-access measure matching `pick`, and since when.
    fn extended_access_since(&self, pick: impl Fn(&MeasureKind) -> bool) -> Option<NaiveDate> {
        if !self.extended_access_window() {
            return None;
        }
        self.case
            .measures
            .iter()
            .filter(|m| pick(&m.kind) && m.period.contains(self.date))
            .map(|m| m.period.from)
            .min()
    }

    fn cell(
        &self,
        capability: Capability,
        base: (Outcome<'r>, Vec<Reason<'r>>),
        restrictions: Vec<Reason<'r>>,
        filters: Vec<ContentFilter<'r>>,
    ) -> Cell<'r> {
        let (base_outcome, base_reasons) = base;
        if restrictions.is_empty() {
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
        let lasting = restrictions.iter().all(|r| r.rule != Rule::ExcludedUnit);
        let hint = (base_outcome != Outcome::Denied && lasting).then(|| ContrastiveHint {
            would_be: base_outcome.kind(),
            restriction: (restrictions.len() == 1).then(|| restrictions[0].rule),
        });
        let mut reasons = restrictions;
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

    fn unit_excluded(&self, target: &JournalTarget) -> bool {
        target.unit_kind.is_some_and(|kind| {
            self.rule_set
                .parameters
                .excluded_unit_kinds
                .value
                .iter()
                .any(|excluded| excluded.eq_ignore_ascii_case(kind))
        })
    }

    /// Restrictions on any journal cell, for an actor already allowed in principle.
    fn journal_restrictions(&self, target: &JournalTarget, reasons: &mut Vec<Reason<'r>>) {
        if let Some(since) = self.s.whole_sealing {
            if self.rule_set.parameters.sealing_covers_journal.value {
                reasons.push(self.reason(Rule::SealingJournal).since(since));
            }
        }
        if let Some(unit) = target.unit_id {
            if let Some((_, since)) = self.s.sealed_units.iter().find(|(u, _)| *u == unit) {
                if self.rule_set.parameters.sealing_covers_journal.value {
                    reasons.push(self.reason(Rule::SealingUnit).since(*since));
                }
            }
        }
    }

    fn journal_filters(
        &self,
        target: &JournalTarget,
        for_guardian: bool,
    ) -> Vec<ContentFilter<'r>> {
        let p: &'r crate::rule_set::Parameters = &self.rule_set.parameters;
        let mut filters = Vec::new();
        if let Some(before) = p.display_start_date.value {
            filters.push(ContentFilter::DisplayStart { before });
        }
        let categories: Vec<&'r str> = p
            .exception_categories
            .value
            .iter()
            .filter(|c| for_guardian || c.hidden_from == HiddenFrom::Everyone)
            .filter(|c| !c.only_during_investigation)
            .map(|c| c.name.as_str())
            .collect();
        if !categories.is_empty() {
            filters.push(ContentFilter::ExceptionCategories { categories });
        }
        for measure in &self.case.measures {
            if let MeasureKind::ExceptionNote {
                category,
                note_unit,
                investigation_until,
            } = &measure.kind
            {
                if Some(note_unit.as_str()) != target.unit_id || measure.period.from > self.date {
                    continue;
                }
                let rule = p
                    .exception_categories
                    .value
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(category));
                // A keyword the rule set does not know is assumed hidden: hiding too much
                // is the safe error for a child at risk.
                let hidden = match rule {
                    None => true,
                    Some(rule) => {
                        (for_guardian || rule.hidden_from == HiddenFrom::Everyone)
                            && (!rule.only_during_investigation
                                || investigation_until.is_none_or(|until| self.date <= until))
                    }
                };
                if hidden {
                    filters.push(ContentFilter::ExceptionNote {
                        measure: measure.id.clone(),
                        category: category.clone(),
                    });
                }
            }
        }
        for (measure, entries) in &self.s.sealed_entries {
            filters.push(ContentFilter::SealedEntries {
                measure: measure.to_string(),
                entries: *entries,
            });
        }
        if target.unit_id.is_none() && !p.excluded_unit_kinds.value.is_empty() {
            filters.push(ContentFilter::ExcludedUnitKinds {
                kinds: &p.excluded_unit_kinds.value,
            });
        }
        filters
    }

    fn child(&self) -> ActorAccess<'r> {
        let p = &self.rule_set.parameters;
        let mut cells = Vec::new();
        let unusable = self.identity_unusable();

        // Konto på 1177.se
        let account_age = p.child_account_from_age.value;
        let base = if self.s.age >= account_age as u32 {
            let mut reasons = vec![self.age_reason(Rule::ChildAccountByAge, account_age)];
            if !self.case.child.has_e_id {
                reasons.push(self.reason(Rule::ChildHasNoEId));
            }
            (Outcome::Allowed, reasons)
        } else {
            (
                Outcome::Denied,
                vec![self.age_reason(Rule::ChildAccountTooYoung, account_age)],
            )
        };
        let mut restrictions = Vec::new();
        if unusable {
            restrictions.push(self.reason(Rule::UnusableIdentityNumber));
        }
        if let Some(since) = self.s.whole_sealing {
            if p.sealing_covers_child_account.value {
                restrictions.push(self.reason(Rule::SealingChildAccount).since(since));
            }
        }
        if let Some(since) = self.s.login_lock {
            restrictions.push(self.reason(Rule::LoginLocked).since(since));
        }
        if let Some(since) = self.s.login_lock_from_blocking {
            restrictions.push(self.reason(Rule::BlockingLockedChildLogin).since(since));
        }
        cells.push(self.cell(Capability::Account, base, restrictions, Vec::new()));

        // Journal per vårdenhet
        let journal_age = p.child_journal_from_age.value;
        for (capability, target) in self.journal_targets() {
            let base = if self.s.age >= journal_age as u32 {
                (
                    Outcome::Allowed,
                    vec![self.age_reason(Rule::ChildJournalByAge, journal_age)],
                )
            } else {
                self.child_extended_access_base(&target, journal_age)
            };
            let mut restrictions = Vec::new();
            if unusable {
                restrictions.push(self.reason(Rule::UnusableIdentityNumber));
            }
            self.journal_restrictions(&target, &mut restrictions);
            if self.unit_excluded(&target) {
                restrictions.push(self.reason(Rule::ExcludedUnit));
            }
            let mut base = base;
            let lock = self.s.login_lock.or(self.s.login_lock_from_blocking);
            if let Some(since) = lock {
                if p.login_lock_covers_journal.value {
                    restrictions.push(self.reason(Rule::LoginLocked).since(since));
                } else {
                    base.1.push(self.reason(Rule::LoginLockKeepsJournal));
                }
            }
            let filters = self.journal_filters(&target, false);
            cells.push(self.cell(capability, base, restrictions, filters));
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

    fn child_extended_access_base(
        &self,
        target: &JournalTarget,
        journal_age: u8,
    ) -> (Outcome<'r>, Vec<Reason<'r>>) {
        let p = &self.rule_set.parameters;
        let too_young = self.age_reason(Rule::ChildJournalTooYoung, journal_age);
        if !self.extended_access_window() {
            return (Outcome::Denied, vec![too_young]);
        }
        let Some(route) = p.extended_access_child.value.as_ref() else {
            return (
                Outcome::Denied,
                vec![too_young, self.reason(Rule::ExtendedAccessChildNotOffered)],
            );
        };
        let active = target.unit_id.and_then(|unit| {
            self.extended_access_since(|kind| {
                matches!(kind, MeasureKind::ExtendedAccessChild { access_unit } if access_unit == unit)
            })
        });
        match active {
            Some(since) => (
                Outcome::Allowed,
                vec![
                    self.reason(Rule::ExtendedAccessChildActive).since(since),
                    too_young,
                ],
            ),
            None => (
                Outcome::Grantable { route },
                vec![too_young, self.reason(Rule::ExtendedAccessChildGrantable)],
            ),
        }
    }

    fn guardian(&self, index: usize) -> ActorAccess<'r> {
        let p = &self.rule_set.parameters;
        let guardian = &self.case.guardians[index];
        let access_age = p.guardian_access_until_age.value;
        let automatic = self.s.age < access_age as u32;
        let registered = self.s.registered[index];
        let mut cells = Vec::new();

        // Restrictions shared by every capability of this guardian, most decisive first.
        // Once the child is an adult, custody has ended and decides alone: a blocking still
        // on file explains nothing.
        let minor = self.is_minor();
        let mut common = Vec::new();
        if self.identity_unusable() {
            common.push(self.reason(Rule::UnusableIdentityNumber));
        }
        if let Some(since) = self.s.protected_child {
            if p.protected_child_denies_guardians.value {
                common.push(self.reason(Rule::ProtectedChild).since(since));
            }
        }
        if let Some(since) = self.s.protected_guardians[index] {
            if p.protected_guardian_denies_that_guardian.value {
                common.push(self.reason(Rule::ProtectedGuardian).since(since));
            }
        }

        // Ombud i e-tjänster
        let base = if !self.is_minor() {
            (
                Outcome::Denied,
                vec![self.age_reason(Rule::Adult, p.adult_age.value)],
            )
        } else if !registered {
            (
                Outcome::Denied,
                vec![self.reason(Rule::NotRegisteredGuardian)],
            )
        } else if automatic && p.guardian_proxy_until_access_age.value {
            (
                Outcome::Allowed,
                vec![self.age_reason(Rule::GuardianProxy, access_age)],
            )
        } else {
            (
                Outcome::Denied,
                vec![self.age_reason(Rule::GuardianAccessEndedByAge, access_age)],
            )
        };
        let mut restrictions = common.clone();
        if let Some(since) = self.s.whole_sealing {
            if p.sealing_covers_proxy.value {
                restrictions.push(self.reason(Rule::SealingProxy).since(since));
            }
        }
        if let Some(since) = self.s.blocked[index] {
            if p.blocking_covers_proxy.value {
                restrictions.push(self.reason(Rule::BlockingProxy).since(since));
            }
        }
        if let Some(since) = self.s.login_lock {
            if p.login_lock_stops_proxy.value {
                restrictions.push(self.reason(Rule::LoginLockStopsProxy).since(since));
            }
        }
        if let Some(since) = self.s.login_lock_from_blocking {
            if p.login_lock_stops_proxy.value {
                restrictions.push(self.reason(Rule::BlockingLockedChildLogin).since(since));
            }
        }
        if !minor {
            restrictions.clear();
        }
        cells.push(self.cell(Capability::Proxy, base, restrictions, Vec::new()));

        // Journal per vårdenhet
        for (capability, target) in self.journal_targets() {
            let base = if !self.is_minor() {
                (
                    Outcome::Denied,
                    vec![self.age_reason(Rule::Adult, p.adult_age.value)],
                )
            } else if !registered {
                (
                    Outcome::Denied,
                    vec![self.reason(Rule::NotRegisteredGuardian)],
                )
            } else if automatic {
                (
                    Outcome::Allowed,
                    vec![self.age_reason(Rule::GuardianAutomaticAccess, access_age)],
                )
            } else {
                self.guardian_extended_access_base(&guardian.id, &target, access_age)
            };
            let mut restrictions = common.clone();
            self.journal_restrictions(&target, &mut restrictions);
            if let Some(since) = self.s.blocked[index] {
                if p.blocking_covers_journal.value {
                    restrictions.push(self.reason(Rule::Blocking).since(since));
                }
            }
            if self.unit_excluded(&target) {
                restrictions.push(self.reason(Rule::ExcludedUnit));
            }
            if !minor {
                restrictions.clear();
            }
            let filters = self.journal_filters(&target, true);
            cells.push(self.cell(capability, base, restrictions, filters));
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

    fn guardian_extended_access_base(
        &self,
        guardian_id: &str,
        target: &JournalTarget,
        access_age: u8,
    ) -> (Outcome<'r>, Vec<Reason<'r>>) {
        let p = &self.rule_set.parameters;
        let ended = self.age_reason(Rule::GuardianAccessEndedByAge, access_age);
        if !self.extended_access_window() {
            // Past the window (16+), its end is what changed last, so it comes first.
            let window_closed = self.reason(Rule::ExtendedAccessOnlyBetween);
            return (Outcome::Denied, vec![window_closed, ended]);
        }
        let Some(route) = p.extended_access_guardian.value.as_ref() else {
            return (
                Outcome::Denied,
                vec![ended, self.reason(Rule::ExtendedAccessGuardianNotOffered)],
            );
        };
        let active = target.unit_id.and_then(|unit| {
            self.extended_access_since(|kind| {
                matches!(kind, MeasureKind::ExtendedAccessGuardian { guardian, access_unit }
                    if guardian == guardian_id && access_unit == unit)
            })
        });
        match active {
            Some(since) => (
                Outcome::Allowed,
                vec![
                    self.reason(Rule::ExtendedAccessGuardianActive).since(since),
                    ended,
                ],
            ),
            None => (
                Outcome::Grantable { route },
                vec![ended, self.reason(Rule::ExtendedAccessGuardianGrantable)],
            ),
        }
    }

    fn legal_representative(&self, index: usize) -> ActorAccess<'r> {
        let p = &self.rule_set.parameters;
        let representative = &self.case.legal_representatives[index];
        let mut cells = Vec::new();
        for (capability, target) in self.journal_targets() {
            let base = match (
                p.legal_representative_from_age.value,
                p.legal_representative_route.value.as_ref(),
            ) {
                (Some(from_age), Some(route)) => {
                    if self.s.age < from_age as u32 {
                        (
                            Outcome::Denied,
                            vec![self.age_reason(Rule::LegalRepresentativeTooYoung, from_age)],
                        )
                    } else if let Some(decided) =
                        representative.access_decided.filter(|d| *d <= self.date)
                    {
                        (
                            Outcome::Allowed,
                            vec![self.reason(Rule::LegalRepresentativeAllowed).since(decided)],
                        )
                    } else {
                        let mut reason = self.reason(Rule::LegalRepresentativeGrantable);
                        reason.age = Some(from_age);
                        (Outcome::Grantable { route }, vec![reason])
                    }
                }
                _ => (
                    Outcome::Denied,
                    vec![self.reason(Rule::LegalRepresentativeNotOffered)],
                ),
            };
            let mut restrictions = Vec::new();
            if self.identity_unusable() {
                restrictions.push(self.reason(Rule::UnusableIdentityNumber));
            }
            self.journal_restrictions(&target, &mut restrictions);
            if self.unit_excluded(&target) {
                restrictions.push(self.reason(Rule::ExcludedUnit));
            }
            let filters = self.journal_filters(&target, false);
            cells.push(self.cell(capability, base, restrictions, filters));
        }
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

    fn required_actions(&self) -> Vec<RequiredAction<'r>> {
        let p = &self.rule_set.parameters;
        let mut actions = Vec::new();
        let sealing_route = Some(&p.sealing_request.value);
        let phone = p.urgent_phone.value.as_deref();
        if self.s.protected_child.is_some()
            && p.protected_child_requires_sealing.value
            && self.s.whole_sealing.is_none()
            && self.is_minor()
        {
            actions.push(RequiredAction {
                rule_id: "protected_child_requires_sealing",
                action_sv: "Barnet har skyddad identitet: regelverket kräver att barnets konto förseglas (0–18 år). Fallet saknar försegling – tills den finns kan barnet och ombud fortfarande nå det som ålder och övriga regler ger.".into(),
                citation: &p.protected_child_requires_sealing.citation,
                request: sealing_route,
                urgent_phone: phone,
            });
        }
        if p.protected_guardian_requires_sealing.value
            && self.s.whole_sealing.is_none()
            && self.is_minor()
            && self
                .s
                .protected_guardians
                .iter()
                .zip(&self.s.registered)
                .any(|(protected, registered)| protected.is_some() && *registered)
        {
            actions.push(RequiredAction {
                rule_id: "protected_guardian_requires_sealing",
                action_sv: "En vårdnadshavare har skyddad identitet: regelverket kräver försegling av barnets konto. Fallet saknar försegling.".into(),
                citation: &p.protected_guardian_requires_sealing.citation,
                request: sealing_route,
                urgent_phone: phone,
            });
        }
        for sealing in &self.s.unsupported_sealings {
            actions.push(RequiredAction {
                rule_id: "sealing_scopes",
                action_sv: format!("Förseglingen \"{sealing}\" har en omfattning som regionens rutin inte erbjuder och räknas inte som gällande. Välj en omfattning som rutinen erbjuder, till exempel hela kontot."),
                citation: &p.sealing_scopes.citation,
                request: sealing_route,
                urgent_phone: phone,
            });
        }
        let blocking_over = self.s.blocked.iter().all(Option::is_none);
        if let Some(since) = self.s.login_lock_from_blocking {
            if blocking_over {
                actions.push(RequiredAction {
                    rule_id: "blocking_locks_child_login",
                    action_sv: format!("Blockeringen har upphört men barnets inloggning är fortfarande låst (sedan {since}). Begär upplåsning när behovet av låsning inte längre kvarstår."),
                    citation: &p.blocking_locks_child_login.citation,
                    request: None,
                    urgent_phone: phone,
                });
            }
        }
        actions
    }

    fn reminders(&self) -> Vec<&'r str> {
        if self.is_minor() && self.s.blocked.iter().any(Option::is_some) {
            self.rule_set
                .parameters
                .blocking_extra_actions
                .value
                .iter()
                .map(String::as_str)
                .collect()
        } else {
            Vec::new()
        }
    }
}

/// Evaluate with a chosen rule set. The case must be valid (see `validate_case`) and the
/// date within the child's minority (see `validate_date`).
pub fn evaluate_with<'r>(
    rule_set: &'r RuleSet,
    case: &Case,
    facts: &CaseFacts,
    date: NaiveDate,
) -> Evaluation<'r> {
    let evaluator = Evaluator {
        rule_set,
        case,
        facts,
        date,
        s: situation(case, facts, rule_set, date),
    };
    let mut actors =
        Vec::with_capacity(1 + case.guardians.len() + case.legal_representatives.len());
    actors.push(evaluator.child());
    actors.extend((0..case.guardians.len()).map(|i| evaluator.guardian(i)));
    actors.extend((0..case.legal_representatives.len()).map(|i| evaluator.legal_representative(i)));
    Evaluation {
        date,
        rule_set_id: &rule_set.id,
        child_age: evaluator.s.age,
        actors,
        required_actions: evaluator.required_actions(),
        reminders: evaluator.reminders(),
    }
}
