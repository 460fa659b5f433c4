//! The case format's limits: sizes no real case reaches, so that a file, however it was
//! made, is read, checked, evaluated and drawn as a timeline in well under a second. The
//! reader refuses a file over any of them and validation refuses a case built in the
//! editor over any of them, each with a message naming the limit (README, "The case
//! format"). The app may show them.

use super::{Case, MeasureKind, Period, SealingScope};
use crate::error::{EngineError, Problem};

/// The most bytes of a case file's text (UTF-8, a byte order mark included): 1 MB.
pub const MAX_TEXT_BYTES: usize = 1_000_000;
/// The most guardians (vårdnadshavare) in one case over the child's whole life, e.g. both
/// parents, then a foster parent and a new partner after a change of custody.
pub const MAX_GUARDIANS: usize = 6;
/// The most guardians registered at the same time: a child has at most two (Föräldrabalken
/// via Skatteverket: "Ett barn ska inte ha fler än två vårdnadshavare enligt svensk
/// lagstiftning.").
pub const MAX_CONCURRENT_GUARDIANS: usize = 2;
/// The most legal representatives (god man, förvaltare) in one case.
pub const MAX_LEGAL_REPRESENTATIVES: usize = 10;
/// The most care units in one case.
pub const MAX_CARE_UNITS: usize = 50;
/// The most measures in one case.
pub const MAX_MEASURES: usize = 200;
/// The most periods of protected identity for the child, or for one guardian.
pub const MAX_PROTECTED_IDENTITY_PERIODS: usize = 20;
/// The most characters (Unicode scalar values) in an id, a code, an identity number, a
/// kind or a keyword.
pub const MAX_STRING_CHARS: usize = 500;
/// The most characters in free text: names, the case's title, who decided, motivations.
pub const MAX_FREE_TEXT_CHARS: usize = 2000;

fn count(problems: &mut Vec<EngineError>, path: &dyn Fn() -> String, count: usize, limit: usize) {
    if count > limit {
        problems.push(EngineError::invalid(
            path(),
            Problem::TooMany { count, limit },
        ));
    }
}

fn text(problems: &mut Vec<EngineError>, path: &dyn Fn() -> String, value: &str, limit: usize) {
    // Bytes first: a text of at most `limit` bytes has at most `limit` characters.
    if value.len() > limit {
        let chars = value.chars().count();
        if chars > limit {
            problems.push(EngineError::invalid(
                path(),
                Problem::TooLong { chars, limit },
            ));
        }
    }
}

fn string(problems: &mut Vec<EngineError>, path: &dyn Fn() -> String, value: &str) {
    text(problems, path, value, MAX_STRING_CHARS);
}

fn free_text(problems: &mut Vec<EngineError>, path: &dyn Fn() -> String, value: Option<&str>) {
    if let Some(value) = value {
        text(problems, path, value, MAX_FREE_TEXT_CHARS);
    }
}

fn periods(problems: &mut Vec<EngineError>, path: &dyn Fn() -> String, list: &[Period]) {
    count(problems, path, list.len(), MAX_PROTECTED_IDENTITY_PERIODS);
}

/// Every limit the case goes over, each naming its field (`measures`, `care_units[3].name`).
pub(crate) fn check(case: &Case, problems: &mut Vec<EngineError>) {
    free_text(problems, &|| "title".into(), case.title.as_deref());
    string(problems, &|| "region".into(), &case.region);
    if let Some(id) = &case.pinned_rule_set {
        string(problems, &|| "pinned_rule_set".into(), id);
    }
    if let Some(number) = &case.child.identity_number {
        string(problems, &|| "child.identity_number".into(), number);
    }
    free_text(
        problems,
        &|| "child.name".into(),
        case.child.name.as_deref(),
    );
    periods(
        problems,
        &|| "child.protected_identity".into(),
        &case.child.protected_identity,
    );

    count(
        problems,
        &|| "guardians".into(),
        case.guardians.len(),
        MAX_GUARDIANS,
    );
    for (index, guardian) in case.guardians.iter().enumerate() {
        string(problems, &|| format!("guardians[{index}].id"), &guardian.id);
        free_text(
            problems,
            &|| format!("guardians[{index}].name"),
            guardian.name.as_deref(),
        );
        if let Some(number) = &guardian.identity_number {
            string(
                problems,
                &|| format!("guardians[{index}].identity_number"),
                number,
            );
        }
        periods(
            problems,
            &|| format!("guardians[{index}].protected_identity"),
            &guardian.protected_identity,
        );
    }

    count(
        problems,
        &|| "legal_representatives".into(),
        case.legal_representatives.len(),
        MAX_LEGAL_REPRESENTATIVES,
    );
    for (index, representative) in case.legal_representatives.iter().enumerate() {
        string(
            problems,
            &|| format!("legal_representatives[{index}].id"),
            &representative.id,
        );
        free_text(
            problems,
            &|| format!("legal_representatives[{index}].name"),
            representative.name.as_deref(),
        );
    }

    count(
        problems,
        &|| "care_units".into(),
        case.care_units.len(),
        MAX_CARE_UNITS,
    );
    for (index, unit) in case.care_units.iter().enumerate() {
        string(problems, &|| format!("care_units[{index}].id"), &unit.id);
        free_text(
            problems,
            &|| format!("care_units[{index}].name"),
            Some(&unit.name),
        );
        if let Some(kind) = &unit.kind {
            string(problems, &|| format!("care_units[{index}].kind"), kind);
        }
    }

    count(
        problems,
        &|| "measures".into(),
        case.measures.len(),
        MAX_MEASURES,
    );
    for (index, measure) in case.measures.iter().enumerate() {
        let field = |name: &str| format!("measures[{index}].{name}");
        string(problems, &|| field("id"), &measure.id);
        free_text(
            problems,
            &|| field("decided_by"),
            measure.decided_by.as_deref(),
        );
        if let Some(unit) = &measure.unit {
            string(problems, &|| field("unit"), unit);
        }
        free_text(
            problems,
            &|| field("motivation"),
            measure.motivation.as_deref(),
        );
        let ids = |problems: &mut Vec<EngineError>, name: &str, ids: &[String], limit| {
            count(problems, &|| field(name), ids.len(), limit);
            for (i, id) in ids.iter().enumerate() {
                string(problems, &|| format!("measures[{index}].{name}[{i}]"), id);
            }
        };
        match &measure.kind {
            MeasureKind::Blocking { guardians } => {
                ids(problems, "guardians", guardians, MAX_GUARDIANS);
            }
            MeasureKind::BlockingExtension { guardian }
            | MeasureKind::BlockingLifted { guardian } => {
                string(problems, &|| field("guardian"), guardian);
            }
            MeasureKind::Sealing {
                initiating_units,
                scope,
                ..
            } => {
                ids(
                    problems,
                    "initiating_units",
                    initiating_units,
                    MAX_CARE_UNITS,
                );
                if let SealingScope::Unit { sealed_unit } = scope {
                    string(problems, &|| field("sealed_unit"), sealed_unit);
                }
            }
            MeasureKind::UnlockRequest {
                sealing,
                requesting_unit,
            } => {
                string(problems, &|| field("sealing"), sealing);
                string(problems, &|| field("requesting_unit"), requesting_unit);
            }
            MeasureKind::LoginLock | MeasureKind::LoginUnlock => {}
            MeasureKind::ExtendedAccessChild { access_unit } => {
                string(problems, &|| field("access_unit"), access_unit);
            }
            MeasureKind::ExtendedAccessGuardian {
                guardian,
                access_unit,
            } => {
                string(problems, &|| field("guardian"), guardian);
                string(problems, &|| field("access_unit"), access_unit);
            }
            MeasureKind::ExceptionNote {
                category,
                note_unit,
                ..
            } => {
                string(problems, &|| field("category"), category);
                string(problems, &|| field("note_unit"), note_unit);
            }
        }
    }
}
