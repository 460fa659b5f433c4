//! The facts of a case (fallet): the child, the guardians (vårdnadshavare), legal
//! representatives (legala ställföreträdare), care units (vårdenheter) and every
//! protective measure with its dates. This is also the documented, versioned case
//! format: a case file is this struct as JSON (see README, "The case format").
//!
//! All dates are calendar dates. Periods are inclusive at both ends ("fr.o.m." and
//! "t.o.m."), and an open end means "tills vidare" (until further notice).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod facts;
pub mod limits;
pub(crate) mod reader;

pub use facts::CaseFacts;

/// The case format version this engine reads and writes. Bump it when a field changes
/// meaning; old files must then be migrated or refused with a clear message.
pub const FORMAT_VERSION: u32 = 1;

/// A span of calendar days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    #[serde(with = "crate::date::iso")]
    pub from: NaiveDate,
    /// Inclusive last day ("t.o.m."); `None` = until further notice ("tills vidare").
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::optional_iso"
    )]
    pub to: Option<NaiveDate>,
}

impl Period {
    pub fn starting(from: NaiveDate) -> Self {
        Period { from, to: None }
    }

    pub fn between(from: NaiveDate, to: NaiveDate) -> Self {
        Period { from, to: Some(to) }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        date >= self.from && self.to.is_none_or(|to| date <= to)
    }

    /// The first day the period no longer covers, if it ends.
    pub fn end_exclusive(&self) -> Option<NaiveDate> {
        self.to.and_then(|to| to.succ_opt())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub format_version: u32,
    /// A short title for the case, e.g. a training case's name. Never a real name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Region code of the rule set family, e.g. "vgr" (see `rules` in the CLI).
    pub region: String,
    /// Pin one rule set by id; otherwise the region's version in force on the asked date answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned_rule_set: Option<String>,
    pub child: Child,
    #[serde(default)]
    pub guardians: Vec<Guardian>,
    #[serde(default)]
    pub legal_representatives: Vec<LegalRepresentative>,
    #[serde(default)]
    pub care_units: Vec<CareUnit>,
    #[serde(default)]
    pub measures: Vec<Measure>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// The registered date of birth. Required unless a personnummer gives it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::optional_iso"
    )]
    pub birth_date: Option<NaiveDate>,
    /// Personnummer, samordningsnummer or reservnummer, as typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Periods with protected identity (skyddade personuppgifter) registered at Skatteverket.
    #[serde(default)]
    pub protected_identity: Vec<Period>,
    /// Whether the child has an e-ID of their own (informational for the account).
    #[serde(default)]
    pub has_e_id: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guardian {
    /// Stable id used by measures, e.g. "vh1".
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_number: Option<String>,
    /// When Skatteverket has this person registered as guardian (vårdnadshavare).
    pub registered: Period,
    #[serde(default)]
    pub protected_identity: Vec<Period>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalRepresentativeKind {
    /// God man.
    GodMan,
    /// Förvaltare.
    Forvaltare,
    /// God man för ensamkommande barn.
    GodManEnsamkommande,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalRepresentative {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub kind: LegalRepresentativeKind,
    #[serde(with = "crate::date::iso")]
    pub appointed: NaiveDate,
    /// The date a care provider decided to give journal access (16+ only), if any.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::optional_iso"
    )]
    pub access_decided: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareUnit {
    pub id: String,
    pub name: String,
    /// Kind of unit, e.g. "BUP", "Barnahus"; matched against a rule set's excluded kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A measure (åtgärd) with its dates. In a case file it is one flat object: the common
/// fields, `"type"` and the fields of that type (see `MeasureFile`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MeasureFile", into = "MeasureFile")]
pub struct Measure {
    pub id: String,
    pub decided_on: Option<NaiveDate>,
    /// Who decided, e.g. "verksamhetschef".
    pub decided_by: Option<String>,
    /// The care unit that requested or decided the measure.
    pub unit: Option<String>,
    pub period: Period,
    pub kind: MeasureKind,
    /// Why the measure was decided (motivering), for the documentation note and the request.
    pub motivation: Option<String>,
    /// When the decision is to be renewed, if needed (datum för förnyat beslut).
    pub renewal_on: Option<NaiveDate>,
}

/// Every kind of measure (åtgärd), with the `type` the case format writes and the Swedish
/// name staff know it by. The one list of measure types: the case format, the editor, the
/// timeline's causes and the decision support all name measures by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureType {
    /// Blockering.
    Blocking,
    /// Förlängning av blockering.
    BlockingExtension,
    /// Bryta blockering.
    BlockingLifted,
    /// Försegling.
    Sealing,
    /// Begäran om upplåsning (of a sealing).
    UnlockRequest,
    /// Låsning av inloggning.
    LoginLock,
    /// Upplåsning av inloggning.
    LoginUnlock,
    /// Utökad direktåtkomst för barnet.
    ExtendedAccessChild,
    /// Utökad direktåtkomst för vårdnadshavare.
    ExtendedAccessGuardian,
    /// Undantag från direktåtkomst.
    ExceptionNote,
}

impl MeasureType {
    /// Every type, in the order staff meet them.
    pub const ALL: [MeasureType; 10] = [
        MeasureType::Blocking,
        MeasureType::BlockingExtension,
        MeasureType::BlockingLifted,
        MeasureType::Sealing,
        MeasureType::UnlockRequest,
        MeasureType::LoginLock,
        MeasureType::LoginUnlock,
        MeasureType::ExtendedAccessChild,
        MeasureType::ExtendedAccessGuardian,
        MeasureType::ExceptionNote,
    ];

    /// The measure's `type` in the case format.
    pub fn tag(self) -> &'static str {
        match self {
            MeasureType::Blocking => "blocking",
            MeasureType::BlockingExtension => "blocking_extension",
            MeasureType::BlockingLifted => "blocking_lifted",
            MeasureType::Sealing => "sealing",
            MeasureType::UnlockRequest => "unlock_request",
            MeasureType::LoginLock => "login_lock",
            MeasureType::LoginUnlock => "login_unlock",
            MeasureType::ExtendedAccessChild => "extended_access_child",
            MeasureType::ExtendedAccessGuardian => "extended_access_guardian",
            MeasureType::ExceptionNote => "exception_note",
        }
    }

    pub fn from_tag(tag: &str) -> Option<MeasureType> {
        MeasureType::ALL.into_iter().find(|t| t.tag() == tag)
    }

    /// The Swedish name staff know the measure by.
    pub fn name_sv(self) -> &'static str {
        match self {
            MeasureType::Blocking => "Blockering",
            MeasureType::BlockingExtension => "Förlängning av blockering",
            MeasureType::BlockingLifted => "Bryta blockering",
            MeasureType::Sealing => "Försegling",
            MeasureType::UnlockRequest => "Begäran om upplåsning",
            MeasureType::LoginLock => "Låsning av inloggning",
            MeasureType::LoginUnlock => "Upplåsning av inloggning",
            MeasureType::ExtendedAccessChild => "Utökad direktåtkomst för barnet",
            MeasureType::ExtendedAccessGuardian => "Utökad direktåtkomst för vårdnadshavare",
            MeasureType::ExceptionNote => "Undantag från direktåtkomst",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ScopeType {
    Whole,
    Unit,
    EntryPeriod,
}

/// A measure as the case file writes it: one flat object whose `type` says which of the
/// optional fields it must have. Read through this plain struct rather than serde's
/// flattened, internally tagged enums: a misspelt field is refused, and the wasm carries
/// far less deserialising code.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureFile {
    id: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::optional_iso"
    )]
    decided_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    decided_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    period: Option<Period>,
    #[serde(rename = "type")]
    measure_type: Option<MeasureType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    guardians: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    guardian: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    initiating_units: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<ScopeType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entries: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    initiative: Option<SealingInitiative>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealing: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    requesting_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    access_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note_unit: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::optional_iso"
    )]
    investigation_until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    motivation: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::optional_iso"
    )]
    renewal_on: Option<NaiveDate>,
}

fn required<T>(value: Option<T>, field: &str, measure_type: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("a measure of type \"{measure_type}\" needs the field `{field}`"))
}

impl TryFrom<MeasureFile> for Measure {
    type Error = String;

    fn try_from(file: MeasureFile) -> Result<Measure, String> {
        let measure_type = file.measure_type.ok_or("missing field `type`")?;
        let name = measure_type.tag();
        let kind = match measure_type {
            MeasureType::Blocking => MeasureKind::Blocking {
                guardians: required(file.guardians, "guardians", name)?,
            },
            MeasureType::BlockingExtension => MeasureKind::BlockingExtension {
                guardian: required(file.guardian, "guardian", name)?,
            },
            MeasureType::BlockingLifted => MeasureKind::BlockingLifted {
                guardian: required(file.guardian, "guardian", name)?,
            },
            MeasureType::Sealing => MeasureKind::Sealing {
                initiating_units: required(file.initiating_units, "initiating_units", name)?,
                scope: match required(file.scope, "scope", name)? {
                    ScopeType::Whole => SealingScope::Whole,
                    ScopeType::Unit => SealingScope::Unit {
                        sealed_unit: required(file.sealed_unit, "sealed_unit", name)?,
                    },
                    ScopeType::EntryPeriod => SealingScope::EntryPeriod {
                        entries: required(file.entries, "entries", name)?,
                    },
                },
                initiative: required(file.initiative, "initiative", name)?,
            },
            MeasureType::UnlockRequest => MeasureKind::UnlockRequest {
                sealing: required(file.sealing, "sealing", name)?,
                requesting_unit: required(file.requesting_unit, "requesting_unit", name)?,
            },
            MeasureType::LoginLock => MeasureKind::LoginLock,
            MeasureType::LoginUnlock => MeasureKind::LoginUnlock,
            MeasureType::ExtendedAccessChild => MeasureKind::ExtendedAccessChild {
                access_unit: required(file.access_unit, "access_unit", name)?,
            },
            MeasureType::ExtendedAccessGuardian => MeasureKind::ExtendedAccessGuardian {
                guardian: required(file.guardian, "guardian", name)?,
                access_unit: required(file.access_unit, "access_unit", name)?,
            },
            MeasureType::ExceptionNote => MeasureKind::ExceptionNote {
                category: required(file.category, "category", name)?,
                note_unit: required(file.note_unit, "note_unit", name)?,
                investigation_until: file.investigation_until,
            },
        };
        Ok(Measure {
            id: file.id,
            decided_on: file.decided_on,
            decided_by: file.decided_by,
            unit: file.unit,
            period: file.period.ok_or("missing field `period`")?,
            kind,
            motivation: file.motivation,
            renewal_on: file.renewal_on,
        })
    }
}

impl From<Measure> for MeasureFile {
    fn from(measure: Measure) -> MeasureFile {
        let mut file = MeasureFile {
            id: measure.id,
            decided_on: measure.decided_on,
            decided_by: measure.decided_by,
            unit: measure.unit,
            period: Some(measure.period),
            motivation: measure.motivation,
            renewal_on: measure.renewal_on,
            ..MeasureFile::default()
        };
        file.measure_type = Some(match measure.kind {
            MeasureKind::Blocking { guardians } => {
                file.guardians = Some(guardians);
                MeasureType::Blocking
            }
            MeasureKind::BlockingExtension { guardian } => {
                file.guardian = Some(guardian);
                MeasureType::BlockingExtension
            }
            MeasureKind::BlockingLifted { guardian } => {
                file.guardian = Some(guardian);
                MeasureType::BlockingLifted
            }
            MeasureKind::Sealing {
                initiating_units,
                scope,
                initiative,
            } => {
                file.initiating_units = Some(initiating_units);
                file.initiative = Some(initiative);
                file.scope = Some(match scope {
                    SealingScope::Whole => ScopeType::Whole,
                    SealingScope::Unit { sealed_unit } => {
                        file.sealed_unit = Some(sealed_unit);
                        ScopeType::Unit
                    }
                    SealingScope::EntryPeriod { entries } => {
                        file.entries = Some(entries);
                        ScopeType::EntryPeriod
                    }
                });
                MeasureType::Sealing
            }
            MeasureKind::UnlockRequest {
                sealing,
                requesting_unit,
            } => {
                file.sealing = Some(sealing);
                file.requesting_unit = Some(requesting_unit);
                MeasureType::UnlockRequest
            }
            MeasureKind::LoginLock => MeasureType::LoginLock,
            MeasureKind::LoginUnlock => MeasureType::LoginUnlock,
            MeasureKind::ExtendedAccessChild { access_unit } => {
                file.access_unit = Some(access_unit);
                MeasureType::ExtendedAccessChild
            }
            MeasureKind::ExtendedAccessGuardian {
                guardian,
                access_unit,
            } => {
                file.guardian = Some(guardian);
                file.access_unit = Some(access_unit);
                MeasureType::ExtendedAccessGuardian
            }
            MeasureKind::ExceptionNote {
                category,
                note_unit,
                investigation_until,
            } => {
                file.category = Some(category);
                file.note_unit = Some(note_unit);
                file.investigation_until = investigation_until;
                MeasureType::ExceptionNote
            }
        });
        file
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SealingInitiative {
    /// På uppdrag av hälso- och sjukvårdspersonal.
    Staff,
    /// På uppdrag av patient.
    Patient,
}

/// What a sealing (försegling) covers. Regions differ in which scopes they support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealingScope {
    /// The child's whole journal (and, where the rule set says so, the account).
    Whole,
    /// One care unit's journal.
    Unit { sealed_unit: String },
    /// Journal entries written within a period.
    EntryPeriod { entries: Period },
}

/// What a measure does; in a case file, the `type` of a measure and its fields.
#[derive(Debug, Clone, PartialEq)]
pub enum MeasureKind {
    /// Blockering of one or both guardians.
    Blocking { guardians: Vec<String> },
    /// Förlängning av blockering for one guardian: the blocking continues over this period.
    BlockingExtension { guardian: String },
    /// Bryta blockering: the guardian's blockings end the day before `period.from`.
    BlockingLifted { guardian: String },
    /// Försegling.
    Sealing {
        initiating_units: Vec<String>,
        scope: SealingScope,
        initiative: SealingInitiative,
    },
    /// Begäran om upplåsning of a sealing from one initiating unit, effective `period.from`.
    UnlockRequest {
        sealing: String,
        requesting_unit: String,
    },
    /// Låsning av barnets inloggning till 1177 e-tjänster.
    LoginLock,
    /// Upplåsning av inloggning: login locks end the day before `period.from`.
    LoginUnlock,
    /// Utökad direktåtkomst för barnet 13–15 år, for one unit.
    ExtendedAccessChild { access_unit: String },
    /// Utökad/förlängd direktåtkomst för vårdnadshavare 13–15 år, for one unit.
    ExtendedAccessGuardian {
        guardian: String,
        access_unit: String,
    },
    /// Undantag från direktåtkomst: a note under an exception keyword (sökord).
    ExceptionNote {
        category: String,
        note_unit: String,
        /// For "Orosanmälan gällande barn": the last day of the investigation.
        investigation_until: Option<NaiveDate>,
    },
}

impl MeasureKind {
    pub fn measure_type(&self) -> MeasureType {
        match self {
            MeasureKind::Blocking { .. } => MeasureType::Blocking,
            MeasureKind::BlockingExtension { .. } => MeasureType::BlockingExtension,
            MeasureKind::BlockingLifted { .. } => MeasureType::BlockingLifted,
            MeasureKind::Sealing { .. } => MeasureType::Sealing,
            MeasureKind::UnlockRequest { .. } => MeasureType::UnlockRequest,
            MeasureKind::LoginLock => MeasureType::LoginLock,
            MeasureKind::LoginUnlock => MeasureType::LoginUnlock,
            MeasureKind::ExtendedAccessChild { .. } => MeasureType::ExtendedAccessChild,
            MeasureKind::ExtendedAccessGuardian { .. } => MeasureType::ExtendedAccessGuardian,
            MeasureKind::ExceptionNote { .. } => MeasureType::ExceptionNote,
        }
    }

    /// The measure's `type` in the case format.
    pub fn type_tag(&self) -> &'static str {
        self.measure_type().tag()
    }

    /// The Swedish name staff know the measure by.
    pub fn name_sv(&self) -> &'static str {
        self.measure_type().name_sv()
    }
}

impl Case {
    pub fn guardian(&self, id: &str) -> Option<&Guardian> {
        self.guardians.iter().find(|g| g.id == id)
    }

    pub fn care_unit(&self, id: &str) -> Option<&CareUnit> {
        self.care_units.iter().find(|u| u.id == id)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// Read a case file's text. A leading byte order mark is skipped; a key written twice,
    /// a value of the wrong type or a file over the limits (`limits`) is refused with an
    /// error naming the field (the first, where there are several: see `from_bytes_all`).
    pub fn from_json(text: &str) -> Result<Case, crate::error::EngineError> {
        reader::parse_case_json(text).map_err(first)
    }

    /// Read a case file's bytes, as `from_json` reads its text. Bytes that are not UTF-8
    /// (e.g. a Latin-1 file) are refused, never read with their letters replaced.
    pub fn from_bytes(bytes: &[u8]) -> Result<Case, crate::error::EngineError> {
        reader::parse_case_bytes(bytes).map_err(first)
    }

    /// Read a case file's bytes as `from_bytes` does, with every problem the reader finds
    /// (each guardian's, unit's and measure's type errors, every limit gone over), for the
    /// app to list them all at once.
    pub fn from_bytes_all(bytes: &[u8]) -> Result<Case, Vec<crate::error::EngineError>> {
        reader::parse_case_bytes(bytes)
    }

    pub fn to_json_pretty(&self) -> String {
        // Display rather than `expect`'s Debug: Debug would pull string escaping and its
        // Unicode tables into the web app for a panic that cannot happen.
        serde_json::to_string_pretty(self)
            .unwrap_or_else(|error| panic!("a case always serialises: {error}"))
    }
}

/// The first of a reader's problems; it always has one.
fn first(mut problems: Vec<crate::error::EngineError>) -> crate::error::EngineError {
    problems.swap_remove(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_of_each_kind() -> Vec<MeasureKind> {
        let text = String::new;
        vec![
            MeasureKind::Blocking {
                guardians: vec![text()],
            },
            MeasureKind::BlockingExtension { guardian: text() },
            MeasureKind::BlockingLifted { guardian: text() },
            MeasureKind::Sealing {
                initiating_units: vec![text()],
                scope: SealingScope::Whole,
                initiative: SealingInitiative::Staff,
            },
            MeasureKind::UnlockRequest {
                sealing: text(),
                requesting_unit: text(),
            },
            MeasureKind::LoginLock,
            MeasureKind::LoginUnlock,
            MeasureKind::ExtendedAccessChild {
                access_unit: text(),
            },
            MeasureKind::ExtendedAccessGuardian {
                guardian: text(),
                access_unit: text(),
            },
            MeasureKind::ExceptionNote {
                category: text(),
                note_unit: text(),
                investigation_until: None,
            },
        ]
    }

    #[test]
    fn every_kind_has_the_type_tag_the_case_format_writes_for_it() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let kinds = one_of_each_kind();
        let types: Vec<MeasureType> = kinds.iter().map(MeasureKind::measure_type).collect();
        assert_eq!(types, MeasureType::ALL);
        for kind in kinds {
            let tag = kind.type_tag();
            let measure = Measure {
                id: "m1".into(),
                decided_on: None,
                decided_by: None,
                unit: None,
                period: Period::starting(start),
                kind,
                motivation: None,
                renewal_on: None,
            };
            let written = serde_json::to_value(&measure).unwrap();
            assert_eq!(written["type"], tag);
        }
    }
}
