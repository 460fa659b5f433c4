//! What a guardian sees in 1177 on a date ("Vad ser vårdnadshavaren?"), and, for support
//! staff, whether a protective measure may be disclosed and which standard answer
//! (standardsvar) to give. Derived from an evaluation plus the rule set's texts.

use serde::Serialize;

use crate::case::Case;
use crate::evaluation::{Actor, Capability, Evaluation, Outcome};
use crate::explanation::Rule;
use crate::rule_set::{Citation, RuleSet};

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
    /// Support staff: whether guardians are always told of a measure (false: not always,
    /// so the standard answer may be needed).
    pub guardian_always_informed: bool,
    pub disclosure_citation: &'r Citation,
    /// The standard answer to give when the measure may not be disclosed.
    pub standard_answer: Option<&'r str>,
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
            let restriction = actor
                .cells
                .iter()
                .filter(|c| c.outcome == Outcome::Denied)
                .find_map(|c| c.reasons.first().and_then(|r| Restriction::of(r.rule)));
            let restricted_by_measure = restriction.is_some();
            let blocked = actor
                .cells
                .iter()
                .any(|c| c.reasons.first().is_some_and(|r| r.rule == Rule::Blocking));
            let switch_journal = if !readable_units.is_empty() {
                SwitchJournalEntry::Listed
            } else if blocked {
                match p.blocked_guardian_message.value.as_deref() {
                    Some(message) => {
                        let child_name = case
                            .child
                            .name
                            .as_deref()
                            .filter(|n| !n.trim().is_empty())
                            .unwrap_or("barnets namn");
                        SwitchJournalEntry::Greyed {
                            message: message
                                .replace("Förnamn Efternamns", &format!("{child_name}s")),
                        }
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
                guardian_always_informed: p.guardian_always_informed.value,
                disclosure_citation: &p.guardian_always_informed.citation,
                standard_answer: p.standard_answer.value.as_deref(),
                standard_answer_citation: &p.standard_answer.citation,
                message_citation: &p.blocked_guardian_message.citation,
            }
        })
        .collect()
}
