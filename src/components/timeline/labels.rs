//! Short Swedish labels shared by the timeline and the comparison: who (actor), what
//! (capability), which rule set, and how a cause of a change point reads in little space.

use insyn_engine::{Actor, Capability, Case, Catalog, OutcomeKind, RuleSet};

use crate::components::access_matrix::outcome_icon;

/// The actor as the engine labels it in an evaluation: "Barnet (Alva)", "Vårdnadshavare 1 (Sara)".
pub fn actor_label(case: &Case, actor: &Actor) -> String {
    let with_name = |base: String, name: Option<&String>| match name {
        Some(name) if !name.trim().is_empty() => format!("{base} ({name})"),
        _ => base,
    };
    match actor {
        Actor::Child => with_name("Barnet".into(), case.child.name.as_ref()),
        Actor::Guardian { id } => match case.guardians.iter().position(|g| &g.id == id) {
            Some(index) => with_name(
                format!("Vårdnadshavare {}", index + 1),
                case.guardians[index].name.as_ref(),
            ),
            None => format!("Vårdnadshavare {id}"),
        },
        Actor::LegalRepresentative { id } => {
            match case.legal_representatives.iter().position(|r| &r.id == id) {
                Some(index) => with_name(
                    format!("Legal ställföreträdare {}", index + 1),
                    case.legal_representatives[index].name.as_ref(),
                ),
                None => format!("Legal ställföreträdare {id}"),
            }
        }
    }
}

/// The capability in few words: "Konto", "Ombud", "Journal: Vårdcentralen Lunden".
pub fn capability_short(case: &Case, capability: &Capability) -> String {
    match capability {
        Capability::Account => "Konto".into(),
        Capability::Proxy => "Ombud".into(),
        Capability::Journal { unit: Some(unit) } => format!(
            "Journal: {}",
            case.care_unit(unit)
                .map_or(unit.as_str(), |u| u.name.as_str())
        ),
        Capability::Journal { unit: None } => "Journal: övriga vårdenheter".into(),
    }
}

/// "Barnet (Alva) – Konto".
pub fn cell_label(case: &Case, actor: &Actor, capability: &Capability) -> String {
    format!(
        "{} – {}",
        actor_label(case, actor),
        capability_short(case, capability)
    )
}

/// "✔ Har åtkomst".
pub fn outcome_text(kind: OutcomeKind) -> String {
    format!("{} {}", outcome_icon(kind), kind.label_sv())
}

/// A rule set's name in a few words: "VGR 2019", "Nationell baslinje", "Region Skåne".
pub fn rule_set_short(catalog: &Catalog, rule_set: &RuleSet) -> String {
    if rule_set.id == "national" {
        return "Nationell baslinje".into();
    }
    let versions = catalog
        .rule_sets
        .iter()
        .filter(|r| r.region == rule_set.region)
        .count();
    if versions > 1 {
        format!(
            "{} {}",
            rule_set.region.to_ascii_uppercase(),
            rule_set.version
        )
    } else {
        rule_set.region_name.clone()
    }
}

/// The short name of a rule set by id, or the id itself if the catalog lacks it.
pub fn rule_set_short_by_id(catalog: &Catalog, id: &str) -> String {
    catalog
        .get(id)
        .map_or_else(|| id.to_string(), |r| rule_set_short(catalog, r))
}

/// A cause of a change point, short enough for a label above the chart: rule-set titles
/// become their short names ("VGR 2026 börjar gälla").
pub fn cause_short(catalog: &Catalog, cause: &str) -> String {
    for rule_set in &catalog.rule_sets {
        if let Some(rest) = cause.strip_prefix(rule_set.title.as_str()) {
            return format!("{}{rest}", rule_set_short(catalog, rule_set));
        }
    }
    cause.to_string()
}

/// Shorten `text` to at most `max` characters, with an ellipsis.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}
