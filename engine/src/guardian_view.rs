//! What a guardian sees in 1177 on a date ("Vad ser vårdnadshavaren?"), and, for support
//! staff, whether a protective measure may be disclosed and which standard answer
//! (standardsvar) to give. Derived from an evaluation plus the rule set's texts.

use serde::Serialize;

use crate::case::{Case, MeasureType};
use crate::evaluation::{Actor, ActorAccess, Capability, Evaluation, Outcome};
use crate::explanation::Rule;
use crate::rule_set::{Citation, RuleSet};
use crate::support::{guardian_answer, Answer, Answered, Disclosure, PossibleCause, Writer};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SwitchJournalEntry {
    /// The child's name is listed under "Växla journal" and can be chosen.
    Listed,
    /// The name is listed but greyed out, with this message.
    Greyed { message: String },
    /// The child is not listed at all.
    NotListed,
}

/// Which kind of protective measure keeps a guardian out, as support staff name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Restriction {
    Blocking,
    Sealing,
    ProtectedIdentity,
    LoginLock,
}

impl Restriction {
    pub fn name_sv(self) -> &'static str {
        match self {
            Restriction::Blocking => "blockering",
            Restriction::Sealing => "försegling",
            Restriction::ProtectedIdentity => "skyddad identitet",
            Restriction::LoginLock => "låst inloggning",
        }
    }

    fn of(rule: Rule) -> Option<Restriction> {
        match rule {
            Rule::Blocking | Rule::BlockingProxy => Some(Restriction::Blocking),
            Rule::SealingJournal | Rule::SealingProxy | Rule::SealingUnit => {
                Some(Restriction::Sealing)
            }
            Rule::ProtectedChild | Rule::ProtectedGuardian => Some(Restriction::ProtectedIdentity),
            Rule::BlockingLockedChildLogin | Rule::LoginLockStopsProxy => {
                Some(Restriction::LoginLock)
            }
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuardianView<'r> {
    pub guardian_id: String,
    pub label: String,
    /// The child is on the guardian's start page in e-tjänster (ombud).
    pub child_on_start_page: bool,
    pub switch_journal: SwitchJournalEntry,
    /// Units whose journal the guardian can read.
    pub readable_units: Vec<Option<String>>,
    /// A protective measure keeps the guardian out (blocking, sealing, protected identity).
    pub restricted_by_measure: bool,
    /// The measure that keeps the guardian out, if one does.
    pub restriction: Option<Restriction>,
    /// When no measure does: the rules every child meets that close the guardian's journal
    /// or proxy (the child's age, custody …), each with the answer to give the guardian.
    pub closed_by_rules: Vec<PossibleCause<'r>>,
    /// Support staff: whether guardians are always told of a measure (false: not always,
    /// so the standard answer may be needed).
    pub guardian_always_informed: bool,
    pub disclosure_citation: &'r Citation,
    /// The rule set's standard answer, as the source words it.
    pub standard_answer: Option<&'r str>,
    /// The standard answer fitted to the measure that keeps the guardian out: its words
    /// changed for a blocking ("förseglad" → "blockerad"), none where it does not fit.
    pub fitted_answer: Option<Answer>,
    /// Why the standard answer is given as it is, or is not given, for this measure.
    pub answer_guidance: Option<String>,
    /// Whether the guardian may be told of the measure that keeps them out, as "Supporten"
    /// says it for the same cause; `None` when no measure does.
    pub disclosure: Option<Disclosure>,
    pub standard_answer_citation: &'r Citation,
    pub message_citation: &'r Citation,
}

/// What each guardian in the case sees on the evaluation's date.
pub fn guardian_views<'r>(
    rule_set: &'r RuleSet,
    case: &Case,
    evaluation: &Evaluation<'r>,
) -> Vec<GuardianView<'r>> {
    let p = &rule_set.parameters;
    evaluation
        .actors
        .iter()
        .filter_map(|actor| match &actor.actor {
            Actor::Guardian { id } => Some((id, actor)),
            _ => None,
        })
        .map(|(id, actor)| {
            let child_on_start_page = actor
                .cells
                .iter()
                .any(|c| c.capability == Capability::Proxy && c.outcome == Outcome::Allowed);
            let readable_units: Vec<Option<String>> = actor
                .cells
                .iter()
                .filter(|c| c.outcome == Outcome::Allowed)
                .filter_map(|c| match &c.capability {
                    Capability::Journal { unit } => Some(unit.clone()),
                    _ => None,
                })
                .collect();
            let restricting_rule = actor
                .cells
                .iter()
                .filter(|c| c.outcome == Outcome::Denied)
                .find_map(|c| {
                    c.reasons
                        .first()
                        .filter(|r| Restriction::of(r.rule).is_some())
                        .map(|r| r.rule)
                });
            let restriction = restricting_rule.and_then(Restriction::of);
            let given = restricting_rule
                .and_then(answered)
                .map(|what| guardian_answer(rule_set, what));
            let disclosure = given.as_ref().map(|g| g.disclosure);
            let (fitted_answer, answer_guidance) = match given {
                Some(given) => (
                    given.answer,
                    (!given.guidance.is_empty()).then(|| given.guidance.join(" ")),
                ),
                None => (None, None),
            };
            let restricted_by_measure = restriction.is_some();
            let closed_by_rules = if restricted_by_measure {
                Vec::new()
            } else {
                rules_closing(rule_set, actor)
            };
            let blocked = actor
                .cells
                .iter()
                .any(|c| c.reasons.first().is_some_and(|r| r.rule == Rule::Blocking));
            let switch_journal = if !readable_units.is_empty() {
                SwitchJournalEntry::Listed
            } else if blocked {
                match p.blocked_guardian_message.value.as_deref() {
                    Some(message) => {
                        // Without the child's name, the source's own placeholder stays.
                        let message = match case
                            .child
                            .name
                            .as_deref()
                            .map(str::trim)
                            .filter(|n| !n.is_empty())
                        {
                            Some(name) => {
                                message.replace("Förnamn Efternamns", &format!("{name}s"))
                            }
                            None => message.to_string(),
                        };
                        SwitchJournalEntry::Greyed { message }
                    }
                    None => SwitchJournalEntry::NotListed,
                }
            } else {
                SwitchJournalEntry::NotListed
            };
            GuardianView {
                guardian_id: id.clone(),
                label: actor.label.clone(),
                child_on_start_page,
                switch_journal,
                readable_units,
                restricted_by_measure,
                restriction,
                closed_by_rules,
                guardian_always_informed: p.guardian_always_informed.value,
                disclosure_citation: &p.guardian_always_informed.citation,
                standard_answer: p.standard_answer.value.as_deref(),
                fitted_answer,
                answer_guidance,
                disclosure,
                standard_answer_citation: &p.standard_answer.citation,
                message_citation: &p.blocked_guardian_message.citation,
            }
        })
        .collect()
}

/// What the answer must speak of when `rule` keeps a guardian out: the same as "Supporten"
/// asks for the same cause (`support::guardian_answer`). A sealing of one unit is not one of
/// the whole account, which the standard answer speaks of.
fn answered(rule: Rule) -> Option<Answered> {
    Some(match rule {
        Rule::Blocking | Rule::BlockingProxy => Answered::Measure(MeasureType::Blocking),
        Rule::SealingJournal | Rule::SealingProxy => Answered::Measure(MeasureType::Sealing),
        Rule::SealingUnit => Answered::PartialSealing,
        Rule::ProtectedChild => Answered::ChildProtectedIdentity,
        Rule::ProtectedGuardian => Answered::GuardianProtectedIdentity,
        Rule::BlockingLockedChildLogin | Rule::LoginLockStopsProxy => {
            Answered::Measure(MeasureType::LoginLock)
        }
        _ => return None,
    })
}

/// The rules that close a guardian's journal (of the units not in the case) or proxy, each
/// once, the journal's first: what support staff need when no measure is the reason.
fn rules_closing<'r>(rule_set: &'r RuleSet, actor: &ActorAccess<'r>) -> Vec<PossibleCause<'r>> {
    let writer = Writer {
        rule_set,
        birth_known: true,
    };
    let mut causes: Vec<PossibleCause<'r>> = Vec::new();
    for capability in [Capability::Journal { unit: None }, Capability::Proxy] {
        let cell = actor
            .cells
            .iter()
            .find(|c| c.capability == capability && c.outcome != Outcome::Allowed);
        if let Some(cause) = cell.and_then(|cell| writer.rule_cause(cell)) {
            if !causes.iter().any(|c| c.cause == cause.cause) {
                causes.push(cause);
            }
        }
    }
    causes
}
