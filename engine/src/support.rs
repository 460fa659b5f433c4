//! Supporten: "Vad ser vårdnadshavaren – och vad svarar jag?". Support staff start from
//! what a calling guardian describes, not from a case they know. For the region's rules on
//! the day of the call, each thing that could explain it (the child's age and the other
//! rules every child meets, ended or not yet registered custody, protected identity, a
//! sealing of the whole journal or of a part, a blocking, a login lock, a note kept from
//! guardians during an investigation) is simulated on a fictional case of the caller's
//! child; the causes whose simulation shows what the caller describes are listed, each with
//! whether the guardian may be told, the answer to give and the lines it rests on.
//!
//! Nothing here is written per region: the causes, their effects and the answers all come
//! from the rule set's parameters through the evaluation. The answers for the rules every
//! child meets are written once per rule, in plain Swedish, with the rule set's values.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::age::{age_on, birthday};
use crate::case::{
    CareUnit, Case, CaseFacts, Child, Guardian, Measure, MeasureKind, MeasureType, Period,
    SealingInitiative, SealingScope, FORMAT_VERSION,
};
use crate::documents::adapt_wording;
use crate::error::EngineError;
use crate::evaluation::{
    Actor, ActorAccess, Capability, CaseIndex, Cell, ContentFilter, Evaluation, Outcome,
};
use crate::explanation::Rule;
use crate::guardian_view::{guardian_views, GuardianView, SwitchJournalEntry};
use crate::rule_set::{Catalog, Citation, ParameterId, RuleChoice, RuleSet, SealingScopeKind};

/// What the caller describes: what they see in 1177, or what they say has happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Observation {
    /// "My child is not on my start page any more."
    NotOnStartPage,
    /// "My child's name is greyed out under Växla journal."
    NameGreyed,
    /// "I cannot see my child's journal at all."
    NoJournal,
    /// "I see the journal, but some notes or some units are missing."
    JournalPartlyMissing,
    /// "My child has just had a birthday (turned 13, turned 16), and now …"
    JustHadBirthday,
    /// "The custody has changed."
    CustodyChanged,
}

impl Observation {
    pub const ALL: [Observation; 6] = [
        Observation::NotOnStartPage,
        Observation::NameGreyed,
        Observation::NoJournal,
        Observation::JournalPartlyMissing,
        Observation::JustHadBirthday,
        Observation::CustodyChanged,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Observation::NotOnStartPage => "not_on_start_page",
            Observation::NameGreyed => "name_greyed",
            Observation::NoJournal => "no_journal",
            Observation::JournalPartlyMissing => "journal_partly_missing",
            Observation::JustHadBirthday => "just_had_birthday",
            Observation::CustodyChanged => "custody_changed",
        }
    }

    pub fn from_key(key: &str) -> Option<Observation> {
        Observation::ALL.into_iter().find(|o| o.key() == key)
    }

    /// As the caller might say it.
    pub fn label_sv(self) -> &'static str {
        match self {
            Observation::NotOnStartPage => "Barnet syns inte på startsidan i 1177",
            Observation::NameGreyed => "Barnets namn är gråmarkerat under ”Växla journal”",
            Observation::NoJournal => "Ser inte barnets journal alls",
            Observation::JournalPartlyMissing => {
                "Ser journalen, men vissa anteckningar eller vårdenheter saknas"
            }
            Observation::JustHadBirthday => "Barnet har just fyllt år (till exempel 13 eller 16)",
            Observation::CustodyChanged => "Vårdnaden har ändrats",
        }
    }
}

/// How old the caller's child is, as the caller says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "given", content = "value", rename_all = "snake_case")]
pub enum ChildAge {
    /// The registered date of birth.
    BirthDate(NaiveDate),
    /// Only the age in whole years.
    Age(u8),
}

/// What the support desk knows of the call.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    pub region: &'a str,
    pub child: ChildAge,
    /// The day of the call (the app passes today; the engine never reads the clock).
    pub date: NaiveDate,
    pub observation: Observation,
}

impl Call<'_> {
    /// The birth date the call is worked out from: the one given, or, for an age alone, the
    /// day that makes the child turn that age on the day of the call (a call about an age
    /// is most often about a birthday just passed).
    pub fn birth_date(&self) -> NaiveDate {
        match self.child {
            ChildAge::BirthDate(date) => date,
            ChildAge::Age(years) => self
                .date
                .checked_sub_months(Months::new(12 * u32::from(years)))
                .unwrap_or(NaiveDate::MIN),
        }
    }

    fn birth_known(&self) -> bool {
        matches!(self.child, ChildAge::BirthDate(_))
    }
}

/// One thing that could explain what the caller describes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum Cause {
    /// A rule every child meets (the age limits, the region's connection date, an excluded
    /// kind of unit, notes never shown): `rule` is the parameter that decides.
    Rule { rule: ParameterId },
    /// The caller is no longer registered as guardian.
    CustodyEnded,
    /// The caller has custody by a decision that Skatteverket has not registered yet.
    CustodyNotYetRegistered,
    /// The child has protected identity (skyddade personuppgifter).
    ChildProtectedIdentity,
    /// The caller has protected identity.
    GuardianProtectedIdentity,
    /// A protective measure staff decided, on the whole journal or account.
    Measure { measure_type: MeasureType },
    /// A sealing of one unit's journal or of the notes of a period.
    PartialSealing { scope: SealingScopeKind },
    /// A note under a keyword kept from guardians while an investigation runs.
    NoteDuringInvestigation,
}

/// Whether staff may tell the caller that this is the cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// Yes: a rule that applies to every child, or the caller's own situation.
    May,
    /// Not always: the unit that asked for the measure judges whether the guardian is told.
    NotAlways,
    /// No: telling would reveal what is to be protected.
    MayNot,
}

impl Disclosure {
    pub fn label_sv(self) -> &'static str {
        match self {
            Disclosure::May => "Får berättas",
            Disclosure::NotAlways => "Berättas inte alltid",
            Disclosure::MayNot => "Får inte berättas",
        }
    }
}

/// Where the answer's words come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerSource {
    /// The rule set's standard answer (standardsvar), with each change made to fit the
    /// measure ("förseglad" → "blockerad").
    StandardAnswer { changes: Vec<String> },
    /// The rule in plain Swedish, with the rule set's values.
    Rule,
}

/// The answer to give the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub text: String,
    pub source: AnswerSource,
}

/// A rule-set parameter a cause rests on, with its citation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CitedRule<'r> {
    pub rule_id: ParameterId,
    pub citation: &'r Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PossibleCause<'r> {
    #[serde(flatten)]
    pub cause: Cause,
    /// What the cause is, in a few words, for staff.
    pub name_sv: String,
    /// What it does, in one sentence, for staff.
    pub explanation_sv: String,
    /// What the caller sees on the screen, word for word where the rule set gives it
    /// (the greyed name's message).
    pub screen_text: Option<String>,
    pub disclosure: Disclosure,
    /// The line that says whether guardians are told, where the rule set has one.
    pub disclosure_citation: Option<&'r Citation>,
    /// The answer to give, when the rule set gives one or the cause is a rule.
    pub answer: Option<Answer>,
    /// What staff should know before they answer, in Swedish.
    pub guidance_sv: Vec<String>,
    /// The rules the cause and its answer rest on, the decisive one first.
    pub sources: Vec<CitedRule<'r>>,
}

impl<'r> PossibleCause<'r> {
    /// The rule that decides.
    pub fn rule_id(&self) -> ParameterId {
        self.sources[0].rule_id
    }

    /// The decisive rule's citation.
    pub fn citation(&self) -> &'r Citation {
        self.sources[0].citation
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportAnswer<'r> {
    pub rule_set_id: &'r str,
    pub child_age: u32,
    /// The birth date worked from, and whether it was assumed from an age alone.
    pub birth_date: NaiveDate,
    pub birth_date_assumed: bool,
    /// For a call about a birthday: the birthday compared across.
    pub birthday: Option<NaiveDate>,
    pub causes: Vec<PossibleCause<'r>>,
}

const CALLER: &str = "vh1";
const UNIT: &str = "vardcentralen";

/// The caller's child as a fictional case: two guardians from birth, one ordinary unit and
/// one unit of each kind the rule set excludes.
fn base_case(region: &str, birth: NaiveDate, rule_set: &RuleSet) -> Case {
    let guardian = |id: &str| Guardian {
        id: id.into(),
        name: None,
        identity_number: None,
        registered: Period::starting(birth),
        protected_identity: Vec::new(),
    };
    let mut care_units = vec![CareUnit {
        id: UNIT.into(),
        name: "Vårdcentralen".into(),
        kind: None,
    }];
    for (index, kind) in rule_set
        .parameters
        .excluded_unit_kinds
        .value
        .iter()
        .enumerate()
    {
        care_units.push(CareUnit {
            id: format!("undantagen-{index}"),
            name: kind.clone(),
            kind: Some(kind.clone()),
        });
    }
    Case {
        format_version: FORMAT_VERSION,
        title: None,
        region: region.into(),
        pinned_rule_set: None,
        child: Child {
            birth_date: Some(birth),
            ..Child::default()
        },
        guardians: vec![guardian(CALLER), guardian("vh2")],
        legal_representatives: Vec::new(),
        care_units,
        measures: Vec::new(),
    }
}

fn measure(from: NaiveDate, kind: MeasureKind) -> Measure {
    Measure {
        id: "simulerad".into(),
        decided_on: Some(from),
        decided_by: None,
        unit: Some(UNIT.into()),
        period: Period::starting(from),
        kind,
        motivation: None,
        renewal_on: None,
    }
}

/// A simulated case on a date: the evaluation and what the caller sees in it.
struct Seen<'r> {
    evaluation: Evaluation<'r>,
    view: GuardianView<'r>,
}

impl<'r> Seen<'r> {
    fn caller(&self) -> Option<&ActorAccess<'r>> {
        self.evaluation
            .actors
            .iter()
            .find(|a| a.actor == Actor::Guardian { id: CALLER.into() })
    }

    /// The caller's cells, the journal of the units not in the case first, then each
    /// unit's, then the proxy: the order in which their reasons explain best.
    fn caller_cells(&self) -> Vec<&Cell<'r>> {
        let mut cells: Vec<&Cell<'r>> = self
            .caller()
            .map(|a| a.cells.iter().collect())
            .unwrap_or_default();
        crate::sort_short_by_key(&mut cells, |c| match c.capability {
            Capability::Journal { unit: None } => 0,
            Capability::Journal { .. } => 1,
            _ => 2,
        });
        cells
    }

    fn journal_open_somewhere(&self) -> bool {
        !self.view.readable_units.is_empty()
    }
}

/// Evaluate a simulated case on `date`.
fn simulate<'r>(
    catalog: &'r Catalog,
    case: &Case,
    date: NaiveDate,
) -> Result<Seen<'r>, EngineError> {
    let facts = CaseFacts::new(case, date)?;
    let rules = RuleChoice::for_case(catalog, &case.region, None)?;
    let rule_set = rules
        .on(date)
        .ok_or_else(|| EngineError::NoRuleSetInForce {
            region: case.region.clone(),
            date,
        })?;
    let evaluation = CaseIndex::new(rules, case, facts).evaluate(date)?;
    let view = guardian_views(rule_set, case, &evaluation)
        .into_iter()
        .next()
        .ok_or_else(|| EngineError::invalid("guardians", crate::error::Problem::Empty))?;
    Ok(Seen { evaluation, view })
}

/// Whether the caller, in a simulated case, sees what they describe.
fn sees(seen: &Seen, observation: Observation) -> bool {
    match observation {
        Observation::NotOnStartPage => !seen.view.child_on_start_page,
        Observation::NameGreyed => {
            matches!(seen.view.switch_journal, SwitchJournalEntry::Greyed { .. })
        }
        Observation::NoJournal => !seen.journal_open_somewhere(),
        Observation::JournalPartlyMissing => {
            seen.journal_open_somewhere()
                && seen.caller_cells().iter().any(|c| {
                    matches!(c.capability, Capability::Journal { .. })
                        && (c.outcome != Outcome::Allowed || !c.filters.is_empty())
                })
        }
        // What changed is compared across the birthday; custody is lost access.
        Observation::JustHadBirthday | Observation::CustodyChanged => {
            !seen.view.child_on_start_page || !seen.journal_open_somewhere()
        }
    }
}

/// The capabilities whose change explains an observation.
fn relevant(observation: Observation, capability: &Capability) -> bool {
    match observation {
        Observation::NotOnStartPage => *capability == Capability::Proxy,
        // A journal closed everywhere is explained by the cell of the units not in the
        // case, which no unit-specific rule touches.
        Observation::NameGreyed | Observation::NoJournal => {
            *capability == Capability::Journal { unit: None }
        }
        Observation::JournalPartlyMissing => matches!(capability, Capability::Journal { .. }),
        Observation::JustHadBirthday | Observation::CustodyChanged => matches!(
            capability,
            Capability::Proxy | Capability::Journal { unit: None }
        ),
    }
}

/// What took something from the caller: a closed cell (its reasons say why), or a content
/// filter of an open journal.
enum Change<'a, 'r> {
    Closed(&'a Cell<'r>),
    Filtered(&'a ContentFilter<'r>),
}

/// What the caller lacks in `after` that they had in `before` (or, without `before`,
/// everything the caller lacks), in the cells relevant to the observation.
fn changes<'a, 'r>(
    before: Option<&'a Seen<'r>>,
    after: &'a Seen<'r>,
    observation: Observation,
) -> Vec<Change<'a, 'r>> {
    let mut found = Vec::new();
    for cell in after.caller_cells() {
        if !relevant(observation, &cell.capability) {
            continue;
        }
        let earlier = before.and_then(|b| {
            b.caller_cells()
                .into_iter()
                .find(|c| c.capability == cell.capability)
        });
        if cell.outcome != Outcome::Allowed {
            if !earlier.is_some_and(|e| e.outcome.kind() == cell.outcome.kind()) {
                found.push(Change::Closed(cell));
            }
        } else {
            for filter in &cell.filters {
                let had = earlier
                    .is_some_and(|e| e.outcome == Outcome::Allowed && e.filters.contains(filter));
                if !had {
                    found.push(Change::Filtered(filter));
                }
            }
        }
    }
    found
}

/// Every cause consistent with what the caller describes, under the region's rules on the
/// day of the call. The rules every child meets come first: when they already explain what
/// the caller sees, a measure would not change it, and the answer is the rule.
pub fn possible_causes<'r>(
    catalog: &'r Catalog,
    call: &Call,
) -> Result<SupportAnswer<'r>, EngineError> {
    let birth = call.birth_date();
    let rules = RuleChoice::for_case(catalog, call.region, None)?;
    let rule_set = rules
        .on(call.date)
        .ok_or_else(|| EngineError::NoRuleSetInForce {
            region: call.region.to_string(),
            date: call.date,
        })?;
    let base = base_case(call.region, birth, rule_set);
    crate::validation::validate_date(&CaseFacts::new(&base, call.date)?, call.date)?;
    let seen = simulate(catalog, &base, call.date)?;
    let child_age = seen.evaluation.child_age;
    let writer = Writer {
        rule_set,
        birth_known: call.birth_known(),
    };
    let mut answer = SupportAnswer {
        rule_set_id: &rule_set.id,
        child_age,
        birth_date: birth,
        birth_date_assumed: !call.birth_known(),
        birthday: None,
        causes: Vec::new(),
    };

    if call.observation == Observation::JustHadBirthday {
        let Some(years) = age_on(birth, call.date).filter(|y| *y > 0) else {
            return Ok(answer);
        };
        let turned = birthday(birth, years);
        answer.birthday = Some(turned);
        let eve = turned.pred_opt().unwrap_or(turned);
        if rules.on(eve).is_none() {
            return Ok(answer);
        }
        let before = simulate(catalog, &base, eve)?;
        for change in changes(Some(&before), &seen, call.observation) {
            writer.add_rule_cause(&mut answer.causes, &change);
        }
        return Ok(answer);
    }

    let shown = sees(&seen, call.observation);
    if shown {
        for change in changes(None, &seen, call.observation) {
            writer.add_rule_cause(&mut answer.causes, &change);
        }
    }
    // A partly missing journal can have more than one cause at once: what every child
    // meets, and a measure that hides more.
    if shown && call.observation != Observation::JournalPartlyMissing {
        return Ok(answer);
    }

    // Started well before the call, so nothing depends on the exact day.
    let since = call
        .date
        .checked_sub_days(Days::new(30))
        .unwrap_or(call.date)
        .max(birth);
    for candidate in candidates(call, rule_set, since, birth) {
        let mut case = base.clone();
        (candidate.change)(&mut case);
        let variant = simulate(catalog, &case, call.date)?;
        if !consistent(call.observation, &seen, &variant) {
            continue;
        }
        let found = changes(Some(&seen), &variant, call.observation);
        answer.causes.push(writer.variant_cause(
            candidate.cause,
            &found,
            &variant,
            call.observation,
        ));
    }
    Ok(answer)
}

/// Whether a variant shows what the caller describes where the plain case does not (or,
/// for a partly missing journal, hides more than the plain case).
fn consistent(observation: Observation, base: &Seen, variant: &Seen) -> bool {
    match observation {
        Observation::JournalPartlyMissing => {
            sees(variant, observation) && !changes(Some(base), variant, observation).is_empty()
        }
        _ => !sees(base, observation) && sees(variant, observation),
    }
}

/// One thing to try on the caller's child.
struct Candidate {
    cause: Cause,
    change: Box<dyn Fn(&mut Case)>,
}

/// What could have happened to the caller's child, as changes to the fictional case: the
/// custody causes for a call about custody, everything else otherwise.
fn candidates(
    call: &Call,
    rule_set: &RuleSet,
    since: NaiveDate,
    birth: NaiveDate,
) -> Vec<Candidate> {
    let mut list: Vec<Candidate> = Vec::new();
    if since > birth {
        list.push(Candidate {
            cause: Cause::CustodyEnded,
            change: Box::new(move |case| case.guardians[0].registered.to = since.pred_opt()),
        });
    }
    if call.observation == Observation::CustodyChanged {
        let tomorrow = call.date.succ_opt().unwrap_or(call.date);
        list.push(Candidate {
            cause: Cause::CustodyNotYetRegistered,
            change: Box::new(move |case| case.guardians[0].registered = Period::starting(tomorrow)),
        });
        return list;
    }
    list.push(Candidate {
        cause: Cause::ChildProtectedIdentity,
        change: Box::new(move |case| case.child.protected_identity.push(Period::starting(since))),
    });
    list.push(Candidate {
        cause: Cause::GuardianProtectedIdentity,
        change: Box::new(move |case| {
            case.guardians[0]
                .protected_identity
                .push(Period::starting(since))
        }),
    });
    let sealing = move |scope: SealingScope| MeasureKind::Sealing {
        initiating_units: vec![UNIT.into()],
        scope,
        initiative: SealingInitiative::Staff,
    };
    let measures: [(Cause, MeasureKind); 6] = [
        (
            Cause::Measure {
                measure_type: MeasureType::Sealing,
            },
            sealing(SealingScope::Whole),
        ),
        (
            Cause::PartialSealing {
                scope: SealingScopeKind::Unit,
            },
            sealing(SealingScope::Unit {
                sealed_unit: UNIT.into(),
            }),
        ),
        (
            Cause::PartialSealing {
                scope: SealingScopeKind::EntryPeriod,
            },
            sealing(SealingScope::EntryPeriod {
                entries: Period::between(birth, since),
            }),
        ),
        (
            Cause::Measure {
                measure_type: MeasureType::Blocking,
            },
            MeasureKind::Blocking {
                guardians: vec![CALLER.into()],
            },
        ),
        (
            Cause::Measure {
                measure_type: MeasureType::LoginLock,
            },
            MeasureKind::LoginLock,
        ),
        (
            Cause::NoteDuringInvestigation,
            MeasureKind::ExceptionNote {
                category: rule_set
                    .parameters
                    .exception_categories
                    .value
                    .iter()
                    .find(|c| c.only_during_investigation)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                note_unit: UNIT.into(),
                investigation_until: None,
            },
        ),
    ];
    for (cause, kind) in measures {
        // A keyword kept from guardians during an investigation only where the rule set
        // names one.
        if let MeasureKind::ExceptionNote { category, .. } = &kind {
            if category.is_empty() {
                continue;
            }
        }
        let added = measure(since, kind);
        list.push(Candidate {
            cause,
            change: Box::new(move |case| case.measures.push(added.clone())),
        });
    }
    list
}

/// Writes the causes and their answers from the rule set's values.
pub(crate) struct Writer<'r> {
    pub rule_set: &'r RuleSet,
    /// Whether the birthdays in reasons are the child's real ones (not assumed from an age).
    pub birth_known: bool,
}

impl<'r> Writer<'r> {
    fn cited(&self, rule_id: ParameterId) -> CitedRule<'r> {
        CitedRule {
            rule_id,
            citation: self.rule_set.parameters.citation(rule_id),
        }
    }

    /// "fyllde 13 år den 20 november 2026", or "har fyllt 13 år" when the day is not known.
    fn turned(&self, age: u8, day: Option<NaiveDate>) -> String {
        match day.filter(|_| self.birth_known) {
            Some(day) => format!("fyllde {age} år den {}", date_sv(day)),
            None => format!("har fyllt {age} år"),
        }
    }

    /// A rule cause from a change, unless one for the same rule is listed already.
    fn add_rule_cause(&self, causes: &mut Vec<PossibleCause<'r>>, change: &Change<'_, 'r>) {
        let cause = match change {
            Change::Closed(cell) => self.rule_cause(cell),
            Change::Filtered(filter) => self.filter_cause(filter),
        };
        if let Some(cause) = cause {
            if !causes.iter().any(|c| c.cause == cause.cause) {
                causes.push(cause);
            }
        }
    }

    /// The rule every child meets that closes a guardian's cell, with the answer. `None`
    /// when a measure or protected identity closes it (those are causes of their own).
    pub fn rule_cause(&self, cell: &Cell<'r>) -> Option<PossibleCause<'r>> {
        let p = &self.rule_set.parameters;
        let outcome = &cell.outcome;
        // The end of the window of extended access explains nothing where the rule set
        // offers guardians no such access: the reason after it does.
        let reason = cell.reasons.iter().find(|r| {
            r.rule != Rule::ExtendedAccessOnlyBetween || p.extended_access_guardian.value.is_some()
        })?;
        if is_measure(reason.rule) {
            return None;
        }
        let rule_id = reason.rule.parameter();
        let mut sources = vec![self.cited(rule_id)];
        let mut shown = *reason;
        if !self.birth_known {
            shown.birthday = None;
        }
        let (name, answer) = match reason.rule {
            Rule::GuardianAccessEndedByAge => {
                let age = reason.age.unwrap_or(p.guardian_access_until_age.value);
                let mut text = format!(
                    "Ditt barn {}. Från {age} år har vårdnadshavare inte längre automatisk tillgång till barnets journal i 1177",
                    self.turned(age, reason.birthday)
                );
                if p.guardian_proxy_until_access_age.value {
                    text.push_str(" och kan inte längre göra ärenden för barnet i 1177 e-tjänster");
                    sources.push(self.cited(ParameterId::GuardianProxyUntilAccessAge));
                }
                text.push('.');
                if p.child_account_from_age.value == age {
                    text.push_str(&format!(
                        " Från {age} år kan barnet själv logga in på 1177.se."
                    ));
                    sources.push(self.cited(ParameterId::ChildAccountFromAge));
                }
                if let Outcome::Grantable { route } = outcome {
                    text.push_str(&format!(
                        " Vill du fortsätta läsa journalen från en viss mottagning kan du fråga mottagningen. Det är vården som beslutar{}, och tillgången gäller längst tills barnet fyller {} år.",
                        if route.child_must_agree { ", barnet ska vara med på det" } else { "" },
                        p.child_journal_from_age.value
                    ));
                    sources.push(self.cited(ParameterId::ExtendedAccessGuardian));
                }
                (format!("Barnet har fyllt {age} år"), Some(text))
            }
            Rule::ExtendedAccessOnlyBetween => {
                let age = p.child_journal_from_age.value;
                sources.push(self.cited(ParameterId::ChildJournalFromAge));
                (
                    format!("Barnet har fyllt {age} år: utökad tillgång upphör"),
                    Some(format!(
                        "Ditt barn har fyllt {age} år. Vårdnadshavare kan få utökad tillgång till barnets journal i 1177 bara tills barnet fyller {age} år. Från {age} år läser barnet själv sin journal i 1177."
                    )),
                )
            }
            Rule::Adult => {
                let age = reason.age.unwrap_or(p.adult_age.value);
                (
                    format!("Barnet har fyllt {age} år"),
                    Some(format!(
                        "Ditt barn {}. Då upphör vårdnaden, och vårdnadshavare har inte längre tillgång till barnet i 1177.",
                        self.turned(age, reason.birthday)
                    )),
                )
            }
            Rule::NotRegisteredGuardian => (
                "Inte registrerad som vårdnadshavare".to_string(),
                Some(custody_answer()),
            ),
            Rule::ChildrenJournalNotConnected => (
                "Barns journaler var ännu inte anslutna".to_string(),
                reason.since.map(|connected| {
                    format!(
                        "Regionen visar barns journaler i 1177 Journal från den {}.",
                        date_sv(connected)
                    )
                }),
            ),
            Rule::ProtectedGuardian => (
                "Vårdnadshavaren har själv skyddade personuppgifter".to_string(),
                Some(GUARDIAN_PROTECTED_ANSWER.to_string()),
            ),
            Rule::ExcludedUnit => (
                "Vårdenheter som inte visas".to_string(),
                Some(excluded_answer(&p.excluded_unit_kinds.value)),
            ),
            other => (other.parameter().term_sv().to_string(), None),
        };
        shown.since = None;
        Some(PossibleCause {
            cause: Cause::Rule { rule: rule_id },
            name_sv: name,
            explanation_sv: shown.sentence_sv(),
            screen_text: None,
            disclosure: Disclosure::May,
            disclosure_citation: None,
            answer: answer.map(|text| Answer {
                text,
                source: AnswerSource::Rule,
            }),
            guidance_sv: Vec::new(),
            sources,
        })
    }

    /// A content filter every child meets, with the answer.
    fn filter_cause(&self, filter: &ContentFilter<'r>) -> Option<PossibleCause<'r>> {
        let (rule_id, name, text) = match filter {
            ContentFilter::DisplayStart { before } => (
                ParameterId::DisplayStartDate,
                "Äldre anteckningar visas inte",
                format!(
                    "Anteckningar från före den {} visas inte i 1177 Journal.",
                    date_sv(*before)
                ),
            ),
            ContentFilter::ExceptionCategories { .. } => (
                ParameterId::ExceptionCategories,
                "Anteckningar som aldrig visas (undantag från direktåtkomst)",
                "Vissa slags anteckningar visas aldrig i 1177 Journal (undantag från direktåtkomst). Det är vården som bedömer vilka.".to_string(),
            ),
            ContentFilter::ExcludedUnitKinds { kinds } => (
                ParameterId::ExcludedUnitKinds,
                "Vårdenheter som inte visas",
                excluded_answer(kinds),
            ),
            // Notes and sealed periods of a case: measures, causes of their own.
            ContentFilter::ExceptionNote { .. } | ContentFilter::SealedEntries { .. } => return None,
        };
        Some(PossibleCause {
            cause: Cause::Rule { rule: rule_id },
            name_sv: name.to_string(),
            explanation_sv: filter.sentence_sv(),
            screen_text: None,
            disclosure: Disclosure::May,
            disclosure_citation: None,
            answer: Some(Answer {
                text,
                source: AnswerSource::Rule,
            }),
            guidance_sv: Vec::new(),
            sources: vec![self.cited(rule_id)],
        })
    }

    /// A cause named `name` whose answer `guardian_answer` gives (as the guardian view
    /// does): its answer, guidance and cited sources go into `into`; returns the name and
    /// whether the guardian may be told.
    fn answered(
        &self,
        name: &str,
        what: Answered,
        into: (
            &mut Option<Answer>,
            &mut Vec<String>,
            &mut Vec<CitedRule<'r>>,
        ),
    ) -> (String, (Disclosure, Option<&'r Citation>)) {
        let (answer, guidance, sources) = into;
        let given = guardian_answer(self.rule_set, what);
        *answer = given.answer;
        *guidance = given.guidance;
        sources.extend(given.sources.into_iter().map(|id| self.cited(id)));
        (
            name.to_string(),
            (given.disclosure, given.disclosure_citation),
        )
    }

    /// A cause found by simulation, with what the caller sees and the answer to give.
    fn variant_cause(
        &self,
        cause: Cause,
        found: &[Change<'_, 'r>],
        variant: &Seen<'r>,
        observation: Observation,
    ) -> PossibleCause<'r> {
        let p = &self.rule_set.parameters;
        // The decisive rule, as the simulation showed it, without its fictional dates.
        let (rule_id, explanation) = match found.first() {
            Some(Change::Closed(cell)) => match cell.reasons.first() {
                Some(reason) => {
                    let mut shown = *reason;
                    shown.since = None;
                    (reason.rule.parameter(), shown.sentence_sv())
                }
                None => (ParameterId::GuardianAccessFollowsCustody, String::new()),
            },
            Some(Change::Filtered(filter)) => (
                match filter {
                    ContentFilter::ExceptionNote { .. } => ParameterId::ExceptionCategories,
                    _ => ParameterId::SealingScopes,
                },
                filter_sentence(filter),
            ),
            None => (ParameterId::GuardianAccessFollowsCustody, String::new()),
        };
        let mut sources = vec![self.cited(rule_id)];
        let screen_text = match (&variant.view.switch_journal, observation) {
            (SwitchJournalEntry::Greyed { message }, Observation::NameGreyed) => {
                sources.push(self.cited(ParameterId::BlockedGuardianMessage));
                Some(message.clone())
            }
            _ => None,
        };
        let mut guidance = Vec::new();
        let mut answer = None;
        let (name, (disclosure, disclosure_citation)) = match &cause {
            Cause::CustodyEnded => {
                answer = Some(rule_answer(custody_answer()));
                (
                    "Inte längre registrerad som vårdnadshavare".to_string(),
                    (Disclosure::May, None),
                )
            }
            Cause::CustodyNotYetRegistered => {
                answer = Some(rule_answer(custody_answer()));
                (
                    "Ny vårdnad ännu inte registrerad hos Skatteverket".to_string(),
                    (Disclosure::May, None),
                )
            }
            Cause::ChildProtectedIdentity => self.answered(
                "Barnet har skyddade personuppgifter",
                Answered::ChildProtectedIdentity,
                (&mut answer, &mut guidance, &mut sources),
            ),
            Cause::GuardianProtectedIdentity => self.answered(
                "Vårdnadshavaren har själv skyddade personuppgifter",
                Answered::GuardianProtectedIdentity,
                (&mut answer, &mut guidance, &mut sources),
            ),
            Cause::Measure { measure_type } => self.answered(
                measure_type.name_sv(),
                Answered::Measure(*measure_type),
                (&mut answer, &mut guidance, &mut sources),
            ),
            Cause::PartialSealing { scope } => self.answered(
                match scope {
                    SealingScopeKind::Unit => "Försegling av en vårdenhets journal",
                    _ => "Försegling av anteckningar från en period",
                },
                Answered::PartialSealing,
                (&mut answer, &mut guidance, &mut sources),
            ),
            Cause::NoteDuringInvestigation => {
                guidance.push("Berätta inte att det finns en sådan anteckning: vårdnadshavare får inte ta del av den medan utredningen pågår.".to_string());
                let keyword = p
                    .exception_categories
                    .value
                    .iter()
                    .find(|c| c.only_during_investigation)
                    .map(|c| c.name.as_str())
                    .unwrap_or_default();
                (
                    format!("Anteckning under sökordet ”{keyword}”"),
                    (Disclosure::MayNot, Some(&p.exception_categories.citation)),
                )
            }
            Cause::Rule { rule } => (rule.term_sv().to_string(), (Disclosure::May, None)),
        };
        PossibleCause {
            cause,
            name_sv: name,
            explanation_sv: explanation,
            screen_text,
            disclosure,
            disclosure_citation,
            answer,
            guidance_sv: guidance,
            sources,
        }
    }
}

/// What keeps a guardian out, as the answer to give must speak of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answered {
    /// A measure of this type; a sealing is one of the whole account.
    Measure(MeasureType),
    /// A sealing of one unit's journal or of a period's notes, not of the whole account.
    PartialSealing,
    ChildProtectedIdentity,
    GuardianProtectedIdentity,
}

/// The answer to give a guardian kept out by `what`, what staff should know before giving
/// it, and whether the guardian may be told.
pub(crate) struct GuardianAnswer<'r> {
    pub(crate) answer: Option<Answer>,
    pub(crate) guidance: Vec<String>,
    pub(crate) disclosure: Disclosure,
    pub(crate) disclosure_citation: Option<&'r Citation>,
    /// The parameters the answer rests on, besides the rule that decided.
    pub(crate) sources: Vec<ParameterId>,
}

/// The answer for a guardian kept out by `what`. Written once, for "Supporten" and "Vad ser
/// vårdnadshavaren?", so both give the same answer for the same cause: the source's standard
/// answer (standardsvar) for a sealing of the whole account, its words changed for a
/// blocking, kept for a child with protected identity where the rule set requires a
/// sealing; the rule in plain Swedish for a guardian's own protected identity; none, and
/// why, where the standard answer does not speak of the measure.
pub(crate) fn guardian_answer(rule_set: &RuleSet, what: Answered) -> GuardianAnswer<'_> {
    let p = &rule_set.parameters;
    let standard = p.standard_answer.value.as_deref();
    let no_standard = "Regelverket anger inget standardsvar. Berätta inte om åtgärden; den vårdenhet som begärde den bedömer vad vårdnadshavaren får veta.";
    let does_not_fit = |measure: &str| {
        format!(
            "Regelverkets standardsvar gäller försegling och blockering och passar inte för {measure}. Berätta inte om åtgärden; den som begärde den bedömer vad vårdnadshavaren får veta."
        )
    };
    let from_source = |text: String, changes: Vec<String>| Answer {
        text,
        source: AnswerSource::StandardAnswer { changes },
    };
    let measure_disclosure = if p.guardian_always_informed.value {
        Disclosure::May
    } else {
        Disclosure::NotAlways
    };
    let mut given = GuardianAnswer {
        answer: None,
        guidance: Vec::new(),
        disclosure: measure_disclosure,
        disclosure_citation: Some(&p.guardian_always_informed.citation),
        sources: Vec::new(),
    };
    match what {
        Answered::GuardianProtectedIdentity => {
            given.answer = Some(rule_answer(GUARDIAN_PROTECTED_ANSWER.to_string()));
            given.disclosure = Disclosure::May;
            given.disclosure_citation = None;
        }
        Answered::ChildProtectedIdentity => {
            given.disclosure = Disclosure::MayNot;
            given.disclosure_citation = None;
            given
                .guidance
                .push("Bekräfta inte att barnet har skyddade personuppgifter.".to_string());
            match standard {
                Some(text) if p.protected_child_requires_sealing.value => {
                    given.guidance.push("Regelverket kräver att barnets konto förseglas när barnet har skyddade personuppgifter, så standardsvaret om försegling gäller.".to_string());
                    given.sources = vec![
                        ParameterId::ProtectedChildRequiresSealing,
                        ParameterId::StandardAnswer,
                    ];
                    given.answer = Some(from_source(text.to_string(), Vec::new()));
                }
                Some(_) => given.guidance.push(does_not_fit("skyddad identitet")),
                None => given.guidance.push(no_standard.to_string()),
            }
        }
        Answered::Measure(measure_type) => match (standard, measure_type) {
            (Some(text), MeasureType::Sealing | MeasureType::Blocking) => {
                // The answer speaks of sealing; for a blocking its words change.
                let (adapted, changes) = match measure_type {
                    MeasureType::Blocking => adapt_wording(
                        text,
                        &MeasureKind::Blocking {
                            guardians: Vec::new(),
                        },
                    ),
                    _ => (text.to_string(), Vec::new()),
                };
                given.sources = vec![ParameterId::StandardAnswer];
                given.answer = Some(from_source(adapted, changes));
            }
            (Some(_), _) => given.guidance.push(does_not_fit(
                &crate::documents::lower_first(measure_type.name_sv()),
            )),
            (None, _) => given.guidance.push(no_standard.to_string()),
        },
        Answered::PartialSealing => given.guidance.push(match standard {
            Some(_) => "Regelverkets standardsvar gäller en försegling av hela kontot och passar inte när bara en del är förseglad. Berätta inte om åtgärden; den vårdenhet som begärde den bedömer vad vårdnadshavaren får veta.".to_string(),
            None => no_standard.to_string(),
        }),
    }
    given
}

/// The rule for a guardian with protected identity, in plain Swedish: theirs to know.
const GUARDIAN_PROTECTED_ANSWER: &str = "När en vårdnadshavare har skyddade personuppgifter kan hen inte göra ärenden för barnet i 1177 e-tjänster eller läsa barnets journal i 1177.";

fn rule_answer(text: String) -> Answer {
    Answer {
        text,
        source: AnswerSource::Rule,
    }
}

fn custody_answer() -> String {
    "Tillgången till barnet i 1177 följer vårdnaden så som den är registrerad hos Skatteverket. En ändring av vårdnaden märks i 1177 först när Skatteverket har registrerat den. Om uppgiften om vårdnaden är fel kan du kontakta Skatteverket.".to_string()
}

fn excluded_answer(kinds: &[String]) -> String {
    format!(
        "Journalanteckningar från {} visas inte i 1177 Journal.",
        kinds.join(", ")
    )
}

/// The sentence of a filter a measure adds, without the simulation's dates.
fn filter_sentence(filter: &ContentFilter) -> String {
    match filter {
        ContentFilter::SealedEntries { .. } => {
            "Anteckningar från en tidsperiod är förseglade.".to_string()
        }
        ContentFilter::ExceptionNote { category, .. } => {
            format!("En anteckning under sökordet ”{category}” visas inte för vårdnadshavare.")
        }
        other => other.sentence_sv(),
    }
}

/// Whether a rule is a measure's or protected identity's (a cause of its own, never a rule
/// every child meets).
fn is_measure(rule: Rule) -> bool {
    use Rule::*;
    matches!(
        rule,
        ProtectedChild
            | SealingJournal
            | SealingChildAccount
            | SealingProxy
            | SealingUnit
            | Blocking
            | BlockingProxy
            | BlockingLockedChildLogin
            | LoginLocked
            | LoginLockedJournal
            | LoginLockStopsProxy
    )
}

/// "20 november 2026".
pub fn date_sv(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}
