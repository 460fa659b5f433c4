//! The answer's types: for one date, every actor × capability with its outcome, the
//! reasons, the content filters, and what staff must do or know.

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::{MeasureType, Period};
use crate::explanation::{Reason, Rule};
use crate::rule_set::{Citation, GrantRoute, ParameterId, RequestRoute};

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
    pub rule_id: ParameterId,
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
    /// Measures that cannot take effect as entered, and requests that go elsewhere.
    pub notices: Vec<Notice<'r>>,
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

    /// Every actor × capability, in the order of `kinds`.
    pub fn cells(&self) -> Vec<(Actor, Capability)> {
        self.actors
            .iter()
            .flat_map(|a| {
                a.cells
                    .iter()
                    .map(|c| (a.actor.clone(), c.capability.clone()))
            })
            .collect()
    }

    /// Every cell's outcome kind, in the order of `cells`.
    pub fn kinds(&self) -> Vec<OutcomeKind> {
        self.actors
            .iter()
            .flat_map(|a| a.cells.iter().map(|c| c.outcome.kind()))
            .collect()
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

/// Something staff must know about a measure on the date: it cannot take effect as
/// entered, or a request goes to someone else. Never silent: a measure without effect is
/// named here rather than just missing from the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice<'r> {
    #[serde(flatten)]
    pub kind: NoticeKind,
    /// The measure (or care unit) the notice is about.
    pub subject: String,
    pub rule_id: ParameterId,
    pub citation: &'r Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum NoticeKind {
    /// A blocking (or its extension) starts on or after the age at which blockings end
    /// under the rule set it is judged by (`judged_by`, the version in force when it was
    /// decided, which need not be the one answering on the date): it never takes effect.
    BlockingAfterAgeLimit {
        measure_type: MeasureType,
        age: u8,
        judged_by: String,
    },
    /// Extended access outside the window the rule set gives (13–15).
    ExtendedAccessOutsideWindow { from_age: u8, until_age: u8 },
    /// An unlock request from a unit that did not initiate the sealing: the sealing stands
    /// and the request is forwarded to the initiating units.
    UnlockRequestForwarded {
        sealing: String,
        requesting_unit: String,
        initiating_units: Vec<String>,
    },
    /// A care unit whose name suggests a kind the rule set excludes, entered without a
    /// kind: whether it is shown depends on the kind.
    UnitKindMissing {
        unit: String,
        suggested_kind: String,
    },
}

impl Notice<'_> {
    /// What the notice is and what it is about, as a change point keeps it.
    pub fn about(&self) -> NoticeAbout {
        NoticeAbout {
            kind: self.kind.clone(),
            subject: self.subject.clone(),
        }
    }

    /// The notice in Swedish, naming the measure or unit by its id (the app names them
    /// from the case instead: `components::notices`).
    pub fn sentence_sv(&self) -> String {
        let subject = &self.subject;
        match &self.kind {
            NoticeKind::BlockingAfterAgeLimit { measure_type, age, judged_by } => format!(
                "{} \"{subject}\" kan inte få effekt: enligt regelverket ({judged_by}) upphör blockering automatiskt när barnet fyller {age} år, och åtgärden börjar efter det.",
                measure_type.name_sv()
            ),
            NoticeKind::ExtendedAccessOutsideWindow { from_age, until_age } => format!(
                "Utökad direktåtkomst \"{subject}\" gäller bara när barnet är {from_age}–{} år; utanför det har den ingen effekt.",
                until_age.saturating_sub(1)
            ),
            NoticeKind::UnlockRequestForwarded { sealing, requesting_unit, initiating_units } => format!(
                "Begäran om upplåsning \"{subject}\" kommer från {requesting_unit}, som inte initierade förseglingen \"{sealing}\". Förseglingen står kvar; begäran vidarebefordras till de initierande enheterna ({}).",
                initiating_units.join(", ")
            ),
            NoticeKind::UnitKindMissing { unit, suggested_kind } => format!(
                "Vårdenheten \"{unit}\" saknar typ. Namnet tyder på {suggested_kind}, som regelverket undantar från visning: ange typen så att svaret blir rätt."
            ),
        }
    }
}

/// A notice as a timeline's change point names it: what it is and what it is about. The
/// evaluation of the date adds the rule and its quoted line (`Notice`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoticeAbout {
    #[serde(flatten)]
    pub kind: NoticeKind,
    /// The measure (or care unit) the notice is about.
    pub subject: String,
}
