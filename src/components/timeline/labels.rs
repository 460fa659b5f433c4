//! Short Swedish labels shared by the timeline and the comparison: who (actor), what
//! (capability), which rule set, which measure, and how a cause of a change point reads,
//! in full and in little space.

use insyn_engine::case::{MeasureKind, MeasureType};
use insyn_engine::evaluation::EndReason;
use insyn_engine::rule_set::Certainty;
use insyn_engine::timeline::Cause;
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

/// A care unit by name, and names as a Swedish list: the engine's, one home for both.
pub use insyn_engine::labels::{and_list, unit_name};

fn guardian(case: &Case, id: &str) -> String {
    actor_label(case, &Actor::Guardian { id: id.to_string() })
}

/// A measure of the case by id, named as on every view (`insyn_engine::labels`):
/// "Blockering av Peter Test, från 2026-06-15". A measure the case no longer has is named
/// by its type alone.
pub fn measure_name(case: &Case, id: &str, measure_type: MeasureType) -> String {
    match case.measure(id) {
        Some(measure) => insyn_engine::labels::measure_name(case, measure),
        None => measure_type.name_sv().to_string(),
    }
}

/// The measure as the subject of a sentence: its name, whose date ends in a comma before
/// the verb ("Blockering av Johan, från 2026-06-15, upphör").
pub fn measure_subject(case: &Case, id: &str, measure_type: MeasureType) -> String {
    match case.measure(id) {
        Some(_) => format!("{},", measure_name(case, id, measure_type)),
        None => measure_name(case, id, measure_type),
    }
}

/// How sure the rule sets are of a cause, when they leave it open (a measure standing
/// under a later version).
pub fn cause_certainty(cause: &Cause) -> Option<Certainty> {
    match cause {
        Cause::MeasureStands { certainty, .. } => Some(*certainty),
        _ => None,
    }
}

/// A cause of a change point in Swedish, naming guardians, units and measures from the
/// case: "Blockering av Vårdnadshavare 2 (Peter Test) upphör automatiskt vid 13 år". The
/// one place causes are worded; a cause the rule sets leave open ends with its certainty
/// in words ("– okänt (ingen källa hittad)"), see `cause_text` for the text without it.
pub fn cause_sv(case: &Case, catalog: &Catalog, cause: &Cause) -> String {
    let text = cause_text(case, catalog, cause);
    match cause_certainty(cause) {
        Some(certainty) => format!("{text} – {}", certainty.label_sv()),
        None => text,
    }
}

/// The cause in Swedish without its certainty (shown beside it as a mark).
pub fn cause_text(case: &Case, catalog: &Catalog, cause: &Cause) -> String {
    let person = |id: &str| {
        case.guardian(id)
            .and_then(|g| g.name.as_deref())
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map_or_else(|| guardian(case, id), str::to_string)
    };
    match cause {
        Cause::TimelineStart => "Tidslinjens början".into(),
        Cause::Birth => "Födelse".into(),
        Cause::Birthday { age } => format!("{age}-årsdagen"),
        Cause::RuleSetStarts { rule_set } => {
            format!("{} börjar gälla", rule_set_short_by_id(catalog, rule_set))
        }
        Cause::RuleSetEnds { rule_set } => {
            format!(
                "{} upphör att gälla",
                rule_set_short_by_id(catalog, rule_set)
            )
        }
        Cause::ChildrenJournalConnected => {
            "Regionen ansluter barns journaler till 1177 Journal".into()
        }
        Cause::ProtectedIdentityStarts { guardian: None } => "Barnet får skyddad identitet".into(),
        Cause::ProtectedIdentityEnds { guardian: None } => {
            "Barnets skyddade identitet upphör".into()
        }
        Cause::ProtectedIdentityStarts { guardian: Some(g) } => {
            format!("{} får skyddad identitet", guardian(case, g))
        }
        Cause::ProtectedIdentityEnds { guardian: Some(g) } => {
            format!("Skyddad identitet för {} upphör", guardian(case, g))
        }
        Cause::CustodyStarts { guardian: g } => {
            format!("{} registreras som vårdnadshavare", person(g))
        }
        Cause::CustodyEnds { guardian: g } => {
            format!("{} är inte längre vårdnadshavare", person(g))
        }
        Cause::LegalRepresentativeAccessDecided { representative } => format!(
            "Beslut om journaltillgång för {}",
            actor_label(
                case,
                &Actor::LegalRepresentative {
                    id: representative.clone()
                }
            )
        ),
        Cause::MeasureStarts {
            measure,
            measure_type,
        } => {
            let name = measure_subject(case, measure, *measure_type);
            match measure_type {
                MeasureType::BlockingLifted | MeasureType::LoginUnlock => format!(
                    "{}: beslutet gäller",
                    measure_name(case, measure, *measure_type)
                ),
                MeasureType::UnlockRequest => format!("{name} lämnas in"),
                _ => format!("{name} börjar gälla"),
            }
        }
        Cause::MeasureEnds {
            measure,
            measure_type,
            reason,
        } => {
            let name = measure_subject(case, measure, *measure_type);
            match reason {
                EndReason::PeriodEnds => format!("{name} upphör"),
                EndReason::AgeLimit { age } => {
                    format!("{name} upphör automatiskt vid {age} år")
                }
                EndReason::LiftedBy { measure: by } => match case.measure(by) {
                    Some(by) => match &by.kind {
                        MeasureKind::BlockingLifted { .. } => format!("{name} bryts"),
                        MeasureKind::UnlockRequest {
                            requesting_unit, ..
                        } => format!(
                            "{name} hävs efter begäran om upplåsning från {}",
                            unit_name(case, requesting_unit)
                        ),
                        MeasureKind::LoginUnlock => format!("{name} hävs (inloggningen låses upp)"),
                        _ => format!("{name} hävs"),
                    },
                    None => format!("{name} hävs"),
                },
                EndReason::NotKeptBy { rule_set } => format!(
                    "{name} upphör: {} låter den inte stå kvar",
                    rule_set_short_by_id(catalog, rule_set)
                ),
            }
        }
        Cause::InvestigationEnds { measure } => match case.measure(measure).map(|m| &m.kind) {
            Some(MeasureKind::ExceptionNote {
                category,
                note_unit,
                ..
            }) => format!(
                "Utredningen avslutas för anteckningen ”{category}” hos {}",
                unit_name(case, note_unit)
            ),
            _ => "Utredningen avslutas".to_string(),
        },
        Cause::MeasureStands {
            measure,
            measure_type,
            rule_set,
            ..
        } => format!(
            "{} står kvar enligt {}",
            measure_subject(case, measure, *measure_type),
            rule_set_short_by_id(catalog, rule_set)
        ),
    }
}

/// A cause in a few words, for a label above the chart: the kind of measure without
/// whom it concerns ("Blockering upphör vid 13 år"); the table and the marker's name say
/// the rest.
pub fn cause_brief(catalog: &Catalog, cause: &Cause) -> String {
    match cause {
        Cause::MeasureStarts { measure_type, .. } => match measure_type {
            MeasureType::BlockingLifted => "Blockering bryts".into(),
            MeasureType::LoginUnlock => "Inloggningen låses upp".into(),
            MeasureType::UnlockRequest => "Begäran om upplåsning".into(),
            other => format!("{} börjar", other.name_sv()),
        },
        Cause::MeasureEnds {
            measure_type,
            reason,
            ..
        } => {
            let name = measure_type.name_sv();
            match reason {
                EndReason::PeriodEnds => format!("{name} upphör"),
                EndReason::AgeLimit { age } => format!("{name} upphör vid {age} år"),
                EndReason::LiftedBy { .. } => format!("{name} hävs"),
                EndReason::NotKeptBy { .. } => format!("{name} upphör"),
            }
        }
        Cause::MeasureStands { measure_type, .. } => {
            format!("{} står kvar", measure_type.name_sv())
        }
        Cause::InvestigationEnds { .. } => "Utredningen avslutas".into(),
        Cause::CustodyStarts { .. } => "Ny vårdnadshavare".into(),
        Cause::CustodyEnds { .. } => "Vårdnaden upphör".into(),
        Cause::ProtectedIdentityStarts { .. } => "Skyddad identitet".into(),
        Cause::ProtectedIdentityEnds { .. } => "Skyddad identitet upphör".into(),
        Cause::LegalRepresentativeAccessDecided { .. } => "Ställföreträdare får tillgång".into(),
        Cause::ChildrenJournalConnected => "Barns journaler ansluts".into(),
        Cause::TimelineStart => "Tidslinjens början".into(),
        Cause::Birth => "Födelse".into(),
        Cause::Birthday { age } => format!("{age}-årsdagen"),
        Cause::RuleSetStarts { rule_set } => {
            format!("{} börjar gälla", rule_set_short_by_id(catalog, rule_set))
        }
        Cause::RuleSetEnds { rule_set } => {
            format!(
                "{} upphör att gälla",
                rule_set_short_by_id(catalog, rule_set)
            )
        }
    }
}

/// Shorten `text` to at most `max` characters, with an ellipsis.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> Case {
        Case::from_json(
            r#"{
              "format_version": 1, "region": "vgr",
              "child": { "birth_date": "2016-02-01" },
              "guardians": [
                { "id": "vh1", "name": "Maria Test", "registered": { "from": "2016-02-01" } },
                { "id": "vh2", "registered": { "from": "2016-02-01" } }
              ],
              "care_units": [
                { "id": "a", "name": "Vårdcentralen Dalen" },
                { "id": "b", "name": "Barnmottagningen Centrum" }
              ],
              "measures": [
                { "id": "s1", "period": { "from": "2021-03-01" }, "type": "sealing",
                  "initiating_units": ["a", "b"], "scope": "whole", "initiative": "staff" },
                { "id": "u1", "period": { "from": "2022-05-01" }, "type": "unlock_request",
                  "sealing": "s1", "requesting_unit": "a" },
                { "id": "bl1", "period": { "from": "2021-01-01" }, "type": "blocking",
                  "guardians": ["vh1", "vh2"] }
              ]
            }"#,
        )
        .unwrap()
    }

    #[test]
    fn measures_are_named_by_what_they_are_and_whom_they_concern() {
        let case = case();
        assert_eq!(
            measure_name(&case, "bl1", MeasureType::Blocking),
            "Blockering av Maria Test och vårdnadshavare 2, från 2021-01-01"
        );
        assert_eq!(
            measure_name(&case, "s1", MeasureType::Sealing),
            "Försegling hos Vårdcentralen Dalen och Barnmottagningen Centrum, från 2021-03-01"
        );
        // A measure the case no longer has is named by its type, never by its id.
        assert_eq!(
            measure_name(&case, "gone", MeasureType::LoginLock),
            "Låsning av inloggning"
        );
    }

    #[test]
    fn a_sealing_lifted_by_an_unlock_names_the_unit_that_asked() {
        let case = case();
        let cause = Cause::MeasureEnds {
            measure: "s1".into(),
            measure_type: MeasureType::Sealing,
            reason: EndReason::LiftedBy {
                measure: "u1".into(),
            },
        };
        assert_eq!(
            cause_sv(&case, Catalog::embedded(), &cause),
            "Försegling hos Vårdcentralen Dalen och Barnmottagningen Centrum, från 2021-03-01, hävs efter begäran om upplåsning från Vårdcentralen Dalen"
        );
        assert_eq!(cause_brief(Catalog::embedded(), &cause), "Försegling hävs");
    }

    #[test]
    fn a_cause_the_sources_leave_open_says_how_sure_it_is() {
        let case = case();
        let cause = Cause::MeasureStands {
            measure: "bl1".into(),
            measure_type: MeasureType::Blocking,
            rule_set: "vgr-2026".into(),
            certainty: Certainty::Unknown,
        };
        assert_eq!(cause_certainty(&cause), Some(Certainty::Unknown));
        assert_eq!(
            cause_sv(&case, Catalog::embedded(), &cause),
            "Blockering av Maria Test och vårdnadshavare 2, från 2021-01-01, står kvar enligt VGR 2026 – okänt (ingen källa hittad)"
        );
        let ends = Cause::MeasureEnds {
            measure: "bl1".into(),
            measure_type: MeasureType::Blocking,
            reason: EndReason::NotKeptBy {
                rule_set: "vgr-2026".into(),
            },
        };
        assert_eq!(cause_certainty(&ends), None);
        assert!(cause_sv(&case, Catalog::embedded(), &ends)
            .ends_with("upphör: VGR 2026 låter den inte stå kvar"));
    }
}
