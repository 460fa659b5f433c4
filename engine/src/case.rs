//! The facts of a case (fallet): the child, the guardians (vårdnadshavare), legal
//! representatives (legala ställföreträdare), care units (vårdenheter) and every
//! protective measure with its dates. This is also the documented, versioned case
//! format: a case file is this struct as JSON (see README, "The case format").
//!
//! All dates are calendar dates. Periods are inclusive at both ends ("fr.o.m." and
//! "t.o.m."), and an open end means "tills vidare" (until further notice).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The case format version this engine reads and writes. Bump it when a field changes
/// meaning; old files must then be migrated or refused with a clear message.
pub const FORMAT_VERSION: u32 = 1;

/// A span of calendar days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    /// Inclusive last day ("t.o.m."); `None` = until further notice ("tills vidare").
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    pub appointed: NaiveDate,
    /// The date a care provider decided to give journal access (16+ only), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

// No `deny_unknown_fields` here: serde does not support it with `flatten`. Unknown fields
// of a measure are caught in `validation::parse_case_json` instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_on: Option<NaiveDate>,
    /// Who decided, e.g. "verksamhetschef".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    /// The care unit that requested or decided the measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub period: Period,
    #[serde(flatten)]
    pub kind: MeasureKind,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum SealingScope {
    /// The child's whole journal (and, where the rule set says so, the account).
    Whole,
    /// One care unit's journal.
    Unit { sealed_unit: String },
    /// Journal entries written within a period.
    EntryPeriod { entries: Period },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
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
        #[serde(flatten)]
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
        investigation_until: Option<NaiveDate>,
    },
}

impl MeasureKind {
    /// The Swedish name staff know the measure by.
    pub fn name_sv(&self) -> &'static str {
        match self {
            MeasureKind::Blocking { .. } => "Blockering",
            MeasureKind::BlockingExtension { .. } => "Förlängning av blockering",
            MeasureKind::BlockingLifted { .. } => "Bryta blockering",
            MeasureKind::Sealing { .. } => "Försegling",
            MeasureKind::UnlockRequest { .. } => "Begäran om upplåsning",
            MeasureKind::LoginLock => "Låsning av inloggning",
            MeasureKind::LoginUnlock => "Upplåsning av inloggning",
            MeasureKind::ExtendedAccessChild { .. } => "Utökad direktåtkomst för barnet",
            MeasureKind::ExtendedAccessGuardian { .. } => "Utökad direktåtkomst för vårdnadshavare",
            MeasureKind::ExceptionNote { .. } => "Undantag från direktåtkomst",
        }
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

    pub fn from_json(text: &str) -> Result<Case, crate::error::EngineError> {
        crate::validation::parse_case_json(text)
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a case always serialises")
    }
}
