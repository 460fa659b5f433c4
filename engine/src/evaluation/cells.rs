//! The cells of a case's answer: every actor (the child, each guardian, each legal
//! representative) × what they can reach (the child's account or a guardian's proxy role,
//! then the journal of every care unit and of all other units), laid out once per case in
//! the answer's order. The public answer (`Evaluation::actors`), the timeline's
//! `Timeline::cells` and the diff all follow this order.
//!
//! Nothing here depends on the date, so an evaluation, and every date of a timeline, reads
//! the labels, capabilities and units from here instead of building them again. (What a
//! cell's decision reads of its unit on a date is `On`, in the parent module.)

use super::{Actor, Capability};
use crate::case::Case;

/// Who a cell is for (an index into the case's list of that kind of actor).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    Child,
    Guardian(usize),
    LegalRepresentative(usize),
}

/// What a cell is about.
#[derive(Clone, Copy)]
pub(crate) enum Target<'a, 'c> {
    Account,
    Proxy,
    Journal(&'a JournalTarget<'c>),
}

impl Target<'_, '_> {
    pub fn capability(&self) -> Capability {
        match self {
            Target::Account => Capability::Account,
            Target::Proxy => Capability::Proxy,
            Target::Journal(journal) => journal.capability.clone(),
        }
    }
}

/// A journal a case asks about: one care unit's, or all other units' (`unit: None`).
pub(crate) struct JournalTarget<'c> {
    pub capability: Capability,
    /// The unit's index among the case's care units.
    pub unit: Option<usize>,
    pub unit_kind: Option<&'c str>,
}

/// One actor of the answer.
pub(crate) struct ActorSlot {
    pub who: Who,
    pub actor: Actor,
    /// How staff see the actor named: "Barnet", "Vårdnadshavare 1 (namn)".
    pub label: String,
}

/// Every actor and every journal of a case, in the answer's order.
pub(crate) struct Layout<'c> {
    pub actors: Vec<ActorSlot>,
    pub journals: Vec<JournalTarget<'c>>,
}

/// "Barnet (namn)", or the bare title without a name.
fn named(title: String, name: Option<&String>) -> String {
    match name {
        Some(name) if !name.trim().is_empty() => format!("{title} ({name})"),
        _ => title,
    }
}

impl<'c> Layout<'c> {
    pub fn new(case: &'c Case) -> Layout<'c> {
        let mut actors =
            Vec::with_capacity(1 + case.guardians.len() + case.legal_representatives.len());
        actors.push(ActorSlot {
            who: Who::Child,
            actor: Actor::Child,
            label: named("Barnet".into(), case.child.name.as_ref()),
        });
        actors.extend(
            case.guardians
                .iter()
                .enumerate()
                .map(|(i, guardian)| ActorSlot {
                    who: Who::Guardian(i),
                    actor: Actor::Guardian {
                        id: guardian.id.clone(),
                    },
                    label: named(format!("Vårdnadshavare {}", i + 1), guardian.name.as_ref()),
                }),
        );
        actors.extend(
            case.legal_representatives
                .iter()
                .enumerate()
                .map(|(i, representative)| ActorSlot {
                    who: Who::LegalRepresentative(i),
                    actor: Actor::LegalRepresentative {
                        id: representative.id.clone(),
                    },
                    label: named(
                        format!("Legal ställföreträdare {}", i + 1),
                        representative.name.as_ref(),
                    ),
                }),
        );
        let journals = case
            .care_units
            .iter()
            .enumerate()
            .map(|(i, unit)| JournalTarget {
                capability: Capability::Journal {
                    unit: Some(unit.id.clone()),
                },
                unit: Some(i),
                unit_kind: unit.kind.as_deref(),
            })
            .chain(std::iter::once(JournalTarget {
                capability: Capability::Journal { unit: None },
                unit: None,
                unit_kind: None,
            }))
            .collect();
        Layout { actors, journals }
    }

    /// What `who`'s cells are about, in order: the child's account or a guardian's proxy
    /// role first (legal representatives have neither), then every journal.
    pub fn capabilities(&self, who: Who) -> impl Iterator<Item = Target<'_, 'c>> {
        let first = match who {
            Who::Child => Some(Target::Account),
            Who::Guardian(_) => Some(Target::Proxy),
            Who::LegalRepresentative(_) => None,
        };
        first
            .into_iter()
            .chain(self.journals.iter().map(Target::Journal))
    }

    /// Every cell, in the answer's order, with its actor.
    pub fn cells(&self) -> impl Iterator<Item = (&ActorSlot, Target<'_, 'c>)> {
        self.actors.iter().flat_map(|actor| {
            self.capabilities(actor.who)
                .map(move |target| (actor, target))
        })
    }

    /// Every actor × capability, in the answer's order (`Timeline::cells`).
    pub fn actor_capabilities(&self) -> Vec<(Actor, Capability)> {
        self.cells()
            .map(|(actor, target)| (actor.actor.clone(), target.capability()))
            .collect()
    }
}
