//! Rule sets (regelverk): one region's rules in one version, as data. Every parameter
//! carries its citation (the source and the quoted Swedish line) and says whether it is
//! stated by the source, inferred while modelling, or unknown. The engine is generic; all
//! that differs between regions and years lives in the JSON files under `engine/rules/`,
//! compiled into Rust data at build time by `engine/build.rs` (the app does not parse
//! them at start-up); the CLI and the tests read the files themselves with `from_files`.
//!
//! A rule set may `extend` another (normally the national baseline): parameters it does
//! not state are taken from the parent and marked as inherited, so the UI can say
//! "antaget från nationell baslinje".

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::case::MeasureType;
use crate::date::parse_iso_date;
use crate::error::EngineError;

mod inherit;
use inherit::inherit;

/// How sure we are of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// The quoted source says so.
    #[default]
    Stated,
    /// Our reading of the sources; the note says why.
    Inferred,
    /// No source found; the value is a cautious placeholder and the note says so.
    Unknown,
}

impl Certainty {
    pub fn label_sv(self) -> &'static str {
        match self {
            Certainty::Stated => "angivet i källan",
            Certainty::Inferred => "tolkat (inte uttryckligen angivet)",
            Certainty::Unknown => "okänt (ingen källa hittad)",
        }
    }
}

/// Where a parameter comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Citation {
    /// Source id, defined in the rule set's `sources` (or its parent's).
    pub source: String,
    /// The exact Swedish line(s), as the source has them.
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub certainty: Certainty,
    /// Why inferred or unknown, or any caveat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set at load time when the value is taken from the parent rule set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherited_from: Option<String>,
}

/// A parameter value with its citation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cited<T> {
    pub value: T,
    pub citation: Citation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The title as the source gives it.
    pub title: String,
    /// The source as staff know it, in a few words with its number and year where it has
    /// them ("VGR:s vägledning RS 2026-01475, 2026"): what every view shows. The title,
    /// date, file or address are one click away.
    pub name: String,
    /// A seed file under shared/seeds/, when the source is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The date the source gives, if any ("n.d." otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// How a sealing is lifted (upplåsning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnlockRule {
    /// Every unit that initiated the sealing must agree (VGR 2026).
    #[default]
    AllInitiatingUnits,
    /// One request from an initiating unit lifts it.
    AnyInitiatingUnit,
}

/// Which sealing scopes a region's routine offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SealingScopeKind {
    Whole,
    Unit,
    EntryPeriod,
}

/// How a measure that is not in place could be granted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantRoute {
    /// Who decides, e.g. "verksamhetschef för vårdenheten".
    pub decided_by: String,
    /// The request form (blankett), if the source names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// Whether the child must agree.
    pub child_must_agree: bool,
}

/// How a protective measure is requested.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestRoute {
    pub decided_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HiddenFrom {
    /// Never shown online, to anyone.
    Everyone,
    /// Not shown to guardians (e.g. "Orosanmälan gällande barn" during investigation).
    Guardians,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionCategory {
    /// The keyword (sökord) as the source writes it.
    pub name: String,
    pub hidden_from: HiddenFrom,
    /// Hidden only while an investigation is ongoing.
    #[serde(default)]
    pub only_during_investigation: bool,
}

/// What a parameter's value measures, for the rule-set page ("år", "datum", …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParameterUnit {
    /// An age in whole years (a birthday).
    Years,
    Date,
    /// Yes or no.
    YesNo,
    Text,
    /// A list (keywords, scopes, actions, measures).
    List,
    /// Who decides and which form.
    Route,
    /// One of a few named choices.
    Choice,
}

impl ParameterUnit {
    pub fn label_sv(self) -> &'static str {
        match self {
            ParameterUnit::Years => "år",
            ParameterUnit::Date => "datum",
            ParameterUnit::YesNo => "ja/nej",
            ParameterUnit::Text => "text",
            ParameterUnit::List => "lista",
            ParameterUnit::Route => "beslut och blankett",
            ParameterUnit::Choice => "val",
        }
    }
}

/// Declares every parameter once: `ParameterId` (with its rule id, Swedish term and unit),
/// the `Parameters` struct, the lookup of a citation by id, the list of every parameter and
/// reading them from a rule-set file all come from this one list, so a parameter cannot be
/// added to one and forgotten in another, and a misspelt id is a compile error.
macro_rules! parameters {
    ($( $(#[doc = $doc:literal])* $id:ident $name:ident: $value:ty = $term:literal, )*) => {
        /// Every rule-set parameter, in the order of the guidance: ages, blocking, sealing,
        /// login lock, protected identity, extended access, content, then what staff say
        /// and write. Explanations, required actions and the app name parameters by this.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ParameterId {
            $( $(#[doc = $doc])* $id, )*
        }

        impl ParameterId {
            pub const ALL: &'static [ParameterId] = &[$(ParameterId::$id),*];

            /// The rule id: the parameter's key in a rule-set file.
            pub fn name(self) -> &'static str {
                match self { $( ParameterId::$id => stringify!($name), )* }
            }

            /// The Swedish term staff know the parameter by.
            pub fn term_sv(self) -> &'static str {
                match self { $( ParameterId::$id => $term, )* }
            }

            /// What the value measures.
            pub fn unit(self) -> ParameterUnit {
                match self { $( ParameterId::$id => <$value as ParameterValue>::UNIT, )* }
            }

            pub fn from_name(name: &str) -> Option<ParameterId> {
                match name { $( stringify!($name) => Some(ParameterId::$id), )* _ => None }
            }
        }

        /// Every parameter a rule set has, each with its citation.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Parameters {
            $( $(#[doc = $doc])* pub $name: Cited<$value>, )*
        }

        impl Parameters {
            /// The citation of a parameter.
            pub fn citation(&self, id: ParameterId) -> &Citation {
                match id { $( ParameterId::$id => &self.$name.citation, )* }
            }

            fn citations_mut(&mut self) -> [&mut Citation; ParameterId::ALL.len()] {
                [$( &mut self.$name.citation, )*]
            }

            fn each(&self) -> [(ParameterId, &dyn CitedParameter); ParameterId::ALL.len()] {
                [$( (ParameterId::$id, &self.$name), )*]
            }

            /// Read every parameter from a file's entries, collecting every problem
            /// rather than stopping at the first, so a rule-set author sees them all at
            /// once. Entries left over are unknown parameters.
            fn from_entries(
                entries: Vec<(String, ParameterEntry)>,
            ) -> Result<Parameters, String> {
                let mut reader = ParameterReader { entries, problems: Vec::new() };
                let parameters = Parameters {
                    $( $name: reader.take(stringify!($name)), )*
                };
                reader.finish(parameters)
            }
        }
    };
}

impl Serialize for ParameterId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl std::fmt::Display for ParameterId {
    fn fmt(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str(self.name())
    }
}

parameters! {
    /// Samordningsnummer and reservnummer give no 1177 login (nobody has online access).
    UnusableIdentityNumber unusable_identity_number: bool = "Samordningsnummer/reservnummer: ingen inloggning",
    /// Guardians' automatic access (journal and ombud) ends on this birthday.
    GuardianAccessUntilAge guardian_access_until_age: u8 = "Vårdnadshavares automatiska tillgång upphör (ålder)",
    /// The child's own 1177 account (e-tjänster) from this birthday.
    ChildAccountFromAge child_account_from_age: u8 = "Barnets eget konto på 1177.se från (ålder)",
    /// A child with an e-ID of their own can log in to 1177.se before that birthday.
    ChildAccountWithOwnEId child_account_with_own_e_id: bool = "Barnets konto med egen e-legitimation före åldersgränsen",
    /// The child reads their own journal from this birthday.
    ChildJournalFromAge child_journal_from_age: u8 = "Barnet läser sin 1177 Journal från (ålder)",
    /// Custody ends at this birthday; the child is then an adult.
    AdultAge adult_age: u8 = "Vårdnaden upphör, myndig (ålder)",
    /// Guardians' access follows custody as Skatteverket registers it (folkbokföringen).
    GuardianAccessFollowsCustody guardian_access_follows_custody: bool = "Vårdnadshavares tillgång följer vårdnaden (folkbokföringen)",
    /// A guardian acts for the child in e-tjänster (ombud) until guardian_access_until_age.
    GuardianProxyUntilAccessAge guardian_proxy_until_access_age: bool = "Vårdnadshavare som ombud i e-tjänster",

    BlockingCoversJournal blocking_covers_journal: bool = "Blockering omfattar 1177 Journal",
    BlockingCoversProxy blocking_covers_proxy: bool = "Blockering omfattar ombud/e-tjänster",
    BlockingLocksChildLogin blocking_locks_child_login: bool = "Blockering låser även barnets inloggning",
    /// A blocking ends automatically on this birthday (VGR 2026: 13).
    BlockingEndsAtAge blocking_ends_at_age: Option<u8> = "Blockering upphör automatiskt (ålder)",
    BlockingRequest blocking_request: RequestRoute = "Blockering: beslut och blankett",

    SealingCoversJournal sealing_covers_journal: bool = "Försegling omfattar 1177 Journal",
    SealingCoversChildAccount sealing_covers_child_account: bool = "Försegling omfattar barnets konto",
    SealingCoversProxy sealing_covers_proxy: bool = "Försegling omfattar ombud",
    SealingEndsAtAge sealing_ends_at_age: Option<u8> = "Försegling upphör automatiskt (ålder)",
    SealingScopes sealing_scopes: Vec<SealingScopeKind> = "Försegling: möjliga omfattningar",
    SealingUnlockRule sealing_unlock_rule: UnlockRule = "Upplåsning av försegling",
    SealingRequest sealing_request: RequestRoute = "Försegling: beslut och blankett",

    /// Whether a blocking, sealing or login lock decided under an earlier version of the
    /// region's guidance stands as decided once this version is in force (each measure is
    /// judged under the version in force on its decision date; this says what a later
    /// version does with it).
    EarlierMeasuresStand earlier_measures_stand: bool = "Åtgärder beslutade enligt en tidigare version står kvar",

    /// A login lock stops the child logging in to 1177.se (e-tjänster).
    LoginLockCoversAccount login_lock_covers_account: bool = "Låst inloggning stänger barnets konto på 1177.se",
    LoginLockCoversJournal login_lock_covers_journal: bool = "Låst inloggning stänger 1177 Journal",
    LoginLockStopsProxy login_lock_stops_proxy: bool = "Låst inloggning stoppar ombud",

    ProtectedChildDeniesGuardians protected_child_denies_guardians: bool = "Barnets skyddade identitet: vårdnadshavare",
    /// Staff must seal the child's account while the child has protected identity.
    ProtectedChildRequiresSealing protected_child_requires_sealing: bool = "Barnets skyddade identitet: försegling krävs",
    ProtectedGuardianDeniesThatGuardian protected_guardian_denies_that_guardian: bool = "Vårdnadshavarens skyddade identitet: ombud och journal",
    /// Staff must seal when a guardian (not the child) has protected identity.
    ProtectedGuardianRequiresSealing protected_guardian_requires_sealing: bool = "Vårdnadshavarens skyddade identitet: försegling krävs",

    /// Utökad direktåtkomst för barnet 13–15, if the region offers it.
    ExtendedAccessChild extended_access_child: Option<GrantRoute> = "Utökad direktåtkomst för barnet 13–15 år",
    /// Utökad direktåtkomst för vårdnadshavare 13–15, if the region offers it.
    ExtendedAccessGuardian extended_access_guardian: Option<GrantRoute> = "Utökad direktåtkomst för vårdnadshavare 13–15 år",

    /// Legal representatives (god man, förvaltare) can be given journal access from this age.
    LegalRepresentativeFromAge legal_representative_from_age: Option<u8> = "Legal ställföreträdare: tillgång från (ålder)",
    LegalRepresentativeRoute legal_representative_route: Option<GrantRoute> = "Legal ställföreträdare: beslut",

    /// Kinds of care unit never shown online (e.g. BUP).
    ExcludedUnitKinds excluded_unit_kinds: Vec<String> = "Undantagna enheter",
    ExceptionCategories exception_categories: Vec<ExceptionCategory> = "Undantag från direktåtkomst (sökord)",
    /// The date children's journals (0–12) were connected to 1177 Journal in the region:
    /// before it a guardian has no journal access, and the display start date and the
    /// excluded units apply to what this connection covers, not to the child's own journal
    /// from child_journal_from_age. `None`: no such date (the national baseline).
    ChildrenJournalConnectedOn children_journal_connected_on: Option<NaiveDate> = "Barns journaler (0–12 år) anslutna till 1177 Journal från",
    /// Journal entries before this date are not shown (no retroactive display).
    DisplayStartDate display_start_date: Option<NaiveDate> = "Visning från datum (ingen retroaktiv visning)",

    /// The 24/7 phone number for urgent blocking or sealing.
    UrgentPhone urgent_phone: Option<String> = "Brådskande: telefonnummer",
    /// What to say when phoning, item by item.
    UrgentPhoneChecklist urgent_phone_checklist: Vec<String> = "Brådskande: uppgifter vid samtalet",
    /// What a blocked guardian sees under "Växla journal".
    BlockedGuardianMessage blocked_guardian_message: Option<String> = "Vad blockerad vårdnadshavare ser",
    /// Standardsvar to a guardian when the measure may not be disclosed.
    StandardAnswer standard_answer: Option<String> = "Standardsvar till vårdnadshavare",
    /// Whether staff must always tell the guardian of a measure.
    GuardianAlwaysInformed guardian_always_informed: bool = "Informeras vårdnadshavare alltid?",
    /// Fields of the documentation note (särskild anteckning).
    DocumentationNoteFields documentation_note_fields: Vec<String> = "Särskild anteckning: innehåll",
    /// Extra actions when blocking, e.g. removing SMS reminders.
    BlockingExtraActions blocking_extra_actions: Vec<String> = "Fler åtgärder vid blockering",

    /// Förlängning av blockering: who decides, which form (none: the source names none).
    BlockingExtensionRequest blocking_extension_request: Option<RequestRoute> = "Förlängning av blockering: beslut och blankett",
    /// Bryta (häva) blockering.
    BlockingLiftRequest blocking_lift_request: Option<RequestRoute> = "Bryta blockering: beslut och blankett",
    /// Begäran om upplåsning av försegling.
    SealingUnlockRequest sealing_unlock_request: Option<RequestRoute> = "Upplåsning av försegling: beslut och blankett",
    /// Låsning av barnets inloggning.
    LoginLockRequest login_lock_request: Option<RequestRoute> = "Låsning av inloggning: beslut och blankett",
    /// Whether the written request may carry names and personnummer (Östergötland: no,
    /// they are given by phone).
    RequestMayCarryPersonalData request_may_carry_personal_data: bool = "Personuppgifter i den skriftliga begäran",
    /// What the documentation of a decision is called and where it goes (särskild anteckning).
    DocumentationNoteName documentation_note_name: Option<String> = "Dokumentation av beslutet (särskild anteckning)",
    /// Extra actions when a blocking, sealing or login lock is lifted.
    LiftingExtraActions lifting_extra_actions: Vec<String> = "Att tänka på när en åtgärd hävs",
    /// Reminder for every protective measure: consider the child's siblings.
    ReminderSiblings reminder_siblings: Option<String> = "Påminnelse: barnets syskon",
    /// Reminder for every protective measure: social services (socialtjänsten, orosanmälan).
    ReminderSocialServices reminder_social_services: Option<String> = "Påminnelse: socialtjänsten och orosanmälan",
    /// Reminder for every protective measure: messages to guardians from other systems.
    ReminderOtherSystems reminder_other_systems: Option<String> = "Påminnelse: utskick från andra system (sms-påminnelser)",

    /// Val av åtgärd: the child tells of threats, violence or abuse.
    ScenarioChildTellsOfViolence scenario_child_tells_of_violence: Vec<MeasureType> = "Val av åtgärd: barnet berättar om hot, våld eller övergrepp",
    /// Val av åtgärd: both guardians may be part of the child's risk.
    ScenarioBothGuardiansRisk scenario_both_guardians_risk: Vec<MeasureType> = "Val av åtgärd: båda vårdnadshavarna kan vara en risk",
    /// Val av åtgärd: only one guardian is a risk.
    ScenarioOneGuardianRisk scenario_one_guardian_risk: Vec<MeasureType> = "Val av åtgärd: endast en vårdnadshavare utgör risk",
    /// Val av åtgärd: a guardian may control the child's e-ID or punish care contacts.
    ScenarioEIdControl scenario_e_id_control: Vec<MeasureType> = "Val av åtgärd: kontroll av barnets e-legitimation",
    /// Val av åtgärd: someone demands that the child shows the journal.
    ScenarioJournalDemanded scenario_journal_demanded: Vec<MeasureType> = "Val av åtgärd: någon kräver att barnet visar journalen",
    /// Val av åtgärd: the child has protected identity.
    ScenarioProtectedIdentity scenario_protected_identity: Vec<MeasureType> = "Val av åtgärd: skyddad identitet",
    /// Val av åtgärd: a blocked guardian may get hold of the child's e-ID.
    ScenarioBlockedGuardianMayGetEId scenario_blocked_guardian_may_get_e_id: Vec<MeasureType> = "Val av åtgärd: blockerad vårdnadshavare kan få tag på barnets e-legitimation",
}

/// One parameter as a rule-set file writes it: the value (read into its type by
/// `take_parameter`) beside the citation's fields.
//
// Parameters are read through this one shape rather than a derived visitor per
// parameter type: the derived one, repeated for 38 fields, was the largest single
// function in the web app's wasm.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParameterEntry {
    #[serde(default)]
    value: Value,
    source: String,
    #[serde(default)]
    quote: String,
    #[serde(default)]
    certainty: Certainty,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    inherited_from: Option<String>,
}

/// A parameter as written back to JSON: the value beside the citation's fields.
#[derive(Serialize)]
struct ParameterEntryRef<'a> {
    value: Value,
    #[serde(flatten)]
    citation: &'a Citation,
}

impl Parameters {
    /// Each parameter with its citation and its value as JSON, in the order of
    /// `ParameterId::ALL`.
    pub fn list(&self) -> Vec<(ParameterId, &Citation, Value)> {
        self.each()
            .into_iter()
            .map(|(name, parameter)| (name, parameter.citation(), parameter.value_as_json()))
            .collect()
    }
}

/// Reads parameters out of a file's entries; see `Parameters::from_entries`.
struct ParameterReader {
    /// The entries not taken yet, in the map's order (see `EntriesVisitor`).
    entries: Vec<(String, ParameterEntry)>,
    problems: Vec<String>,
}

impl ParameterReader {
    /// The parameter, or (with the problem noted) a placeholder that is never used: a
    /// reader with problems yields an error, not parameters.
    //
    // Not inlined, and no early return: otherwise the code generated for 38 fields in
    // `from_entries` grows to the largest function of the web app's wasm.
    #[inline(never)]
    fn take<T: ParameterValue>(&mut self, name: &str) -> Cited<T> {
        let Some((value, citation)) = self.entry(name) else {
            return Cited::default();
        };
        let value = T::from_json(value).unwrap_or_else(|error| {
            self.problem(name, &error);
            T::default()
        });
        Cited { value, citation }
    }

    /// The part of `take` that is the same for every value type, compiled once: the
    /// entry's value and citation, or `None` with the parameter noted as missing.
    #[inline(never)]
    fn entry(&mut self, name: &str) -> Option<(Value, Citation)> {
        let Some(index) = self.entries.iter().position(|(n, _)| n == name) else {
            self.problems.push(format!("missing parameter \"{name}\""));
            return None;
        };
        let (_, entry) = self.entries.remove(index);
        let citation = Citation {
            source: entry.source,
            quote: entry.quote,
            certainty: entry.certainty,
            note: entry.note,
            inherited_from: entry.inherited_from,
        };
        Some((entry.value, citation))
    }

    #[inline(never)]
    fn problem(&mut self, name: &str, error: &str) {
        self.problems.push(format!("parameter \"{name}\": {error}"));
    }

    fn finish(self, parameters: Parameters) -> Result<Parameters, String> {
        let mut problems = self.problems;
        for (unknown, _) in &self.entries {
            problems.push(format!("unknown parameter \"{unknown}\""));
        }
        if problems.is_empty() {
            Ok(parameters)
        } else {
            Err(problems.join("; "))
        }
    }
}

/// What the rule-set code needs of any parameter, whatever its value type.
trait CitedParameter {
    fn citation(&self) -> &Citation;
    fn value_as_json(&self) -> Value;
}

impl<T: Serialize> CitedParameter for Cited<T> {
    fn citation(&self) -> &Citation {
        &self.citation
    }

    fn value_as_json(&self) -> Value {
        // INVARIANT: parameter values are plain data (no maps with non-string keys),
        // which always convert to JSON.
        serde_json::to_value(&self.value).unwrap_or(Value::Null)
    }
}

/// How a parameter's value is read from its JSON.
trait ParameterValue: Sized + Default {
    const UNIT: ParameterUnit;
    fn from_json(value: Value) -> Result<Self, String>;
}

/// Value types read the way serde derives them, with their unit.
macro_rules! parameter_values_read_by_serde {
    ($($value:ty => $unit:ident),* $(,)?) => {
        $(impl ParameterValue for $value {
            const UNIT: ParameterUnit = ParameterUnit::$unit;
            fn from_json(value: Value) -> Result<Self, String> {
                <$value>::deserialize(value).map_err(|error| error.to_string())
            }
        })*
    };
}

// INVARIANT: every `u8` parameter is an age; a count would need a type of its own.
parameter_values_read_by_serde!(
    bool => YesNo,
    u8 => Years,
    Option<u8> => Years,
    Option<String> => Text,
    Vec<String> => List,
    RequestRoute => Route,
    Option<RequestRoute> => Route,
    Option<GrantRoute> => Route,
    Vec<MeasureType> => List,
    UnlockRule => Choice,
    Vec<SealingScopeKind> => List,
    Vec<ExceptionCategory> => List,
);

/// A date, as every date of the files: `YYYY-MM-DD` (see `crate::date`), or null.
impl ParameterValue for Option<NaiveDate> {
    const UNIT: ParameterUnit = ParameterUnit::Date;
    fn from_json(value: Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            Value::String(text) => parse_iso_date(&text)
                .map(Some)
                .ok_or_else(|| format!("\"{text}\" is not a date (expected YYYY-MM-DD)")),
            other => Err(format!(
                "expected a date (YYYY-MM-DD) or null, found {other}"
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Parameters {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = deserializer.deserialize_map(EntriesVisitor)?;
        Parameters::from_entries(entries).map_err(serde::de::Error::custom)
    }
}

/// Reads the parameters' map into a list of (rule id, entry), in the map's order; a rule
/// id given twice keeps its last entry, as a map would. A list rather than a `BTreeMap`:
/// the reader takes each entry once, and a map of entries compiled its own insertion,
/// removal and rebalancing into the web app.
struct EntriesVisitor;

impl<'de> serde::de::Visitor<'de> for EntriesVisitor {
    type Value = Vec<(String, ParameterEntry)>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a map of parameters")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries: Self::Value = Vec::new();
        while let Some((name, entry)) = map.next_entry::<String, ParameterEntry>()? {
            match entries.iter_mut().find(|(n, _)| *n == name) {
                Some(earlier) => earlier.1 = entry,
                None => entries.push((name, entry)),
            }
        }
        Ok(entries)
    }
}

impl Serialize for Parameters {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.list()
                .into_iter()
                .map(|(id, citation, value)| (id.name(), ParameterEntryRef { value, citation })),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// E.g. "vgr-2026".
    pub id: String,
    /// Region code shared by all versions of one region, e.g. "vgr".
    pub region: String,
    /// The region's Swedish name.
    pub region_name: String,
    pub version: String,
    pub title: String,
    #[serde(with = "crate::date::iso")]
    pub valid_from: NaiveDate,
    /// Last day in force; `None` = still in force.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::optional_iso"
    )]
    pub valid_to: Option<NaiveDate>,
    /// Why the rule set is in force from (and to) those dates.
    pub validity: Citation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// A sentence on what the rule set is and how sure it is.
    pub summary: String,
    pub sources: Vec<Source>,
    pub parameters: Parameters,
}

impl RuleSet {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        date >= self.valid_from && self.valid_to.is_none_or(|to| date <= to)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Each parameter with its citation and value as JSON, in the order of
    /// `ParameterId::ALL`.
    pub fn parameter_list(&self) -> Vec<(ParameterId, &Citation, Value)> {
        self.parameters.list()
    }
}

// `RULE_FILES` (the files' text, for reading at run time) and `compiled_rule_sets()` (the
// same rule sets as Rust data), both written by engine/build.rs.
include!(concat!(env!("OUT_DIR"), "/rule_sets.rs"));

/// A string of the compiled rule sets. One call per string, not one `String::from`
/// inlined at each, keeps `compiled_rule_sets` small.
#[inline(never)]
fn s(text: &'static str) -> String {
    text.to_owned()
}

/// A citation of the compiled rule sets.
#[inline(never)]
fn c(
    source: &'static str,
    quote: &'static str,
    certainty: Certainty,
    note: Option<&'static str>,
    inherited_from: Option<&'static str>,
) -> Citation {
    Citation {
        source: s(source),
        quote: s(quote),
        certainty,
        note: note.map(s),
        inherited_from: inherited_from.map(s),
    }
}

/// The parameters of a compiled rule set that extends `parent`, before its own are set:
/// the parent's, each marked as inherited from it (unless the parent inherited it in turn),
/// as `inherit` merges the files.
#[inline(never)]
fn inherited_parameters(parent: &RuleSet) -> Parameters {
    let mut parameters = parent.parameters.clone();
    for citation in parameters.citations_mut() {
        citation
            .inherited_from
            .get_or_insert_with(|| parent.id.clone());
    }
    parameters
}

/// A compiled rule set's sources: its parent's, then its own, each replacing the parent's
/// of the same id, as `inherit` merges the files. Copied here rather than written out in
/// every child: the national sources were 7 more copies of the same code.
#[inline(never)]
fn inherited_sources(parent: &RuleSet, own: Vec<Source>) -> Vec<Source> {
    let mut sources = parent.sources.clone();
    for source in own {
        sources.retain(|s| s.id != source.id);
        sources.push(source);
    }
    sources
}

/// Sets a parameter of a compiled rule set. One call per parameter, not an assignment
/// (which drops the inherited value in place) written out at each, keeps
/// `compiled_rule_sets` small.
#[inline(never)]
fn set<T>(parameter: &mut Cited<T>, value: T, citation: Citation) {
    *parameter = Cited { value, citation };
}

/// A date of the compiled rule sets; engine/build.rs has checked its form, and the test
/// that compares the compiled catalog with the files that it is a real day.
#[inline(never)]
fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// All rule sets, validated.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub rule_sets: Vec<RuleSet>,
}

impl Catalog {
    /// The embedded catalog: the files under engine/rules/, compiled into Rust data by
    /// engine/build.rs, built once.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CATALOG.get_or_init(|| Catalog {
            rule_sets: compiled_rule_sets(),
        })
    }

    /// The files under engine/rules/ read and checked as the CLI reads any rule-set file:
    /// what the embedded catalog must equal (engine/tests/rule_sets.rs).
    pub fn from_embedded_files() -> Result<Catalog, EngineError> {
        Catalog::from_files(RULE_FILES)
    }

    /// Parse and merge rule-set files. Parents must come before children.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Catalog, EngineError> {
        let mut raw: BTreeMap<String, Value> = BTreeMap::new();
        let mut rule_sets = Vec::new();
        for (file, text) in files {
            let mut value: Value =
                serde_json::from_str(text).map_err(|error| EngineError::RuleSetFile {
                    file: file.to_string(),
                    message: error.to_string(),
                })?;
            let id = value
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| EngineError::RuleSetFile {
                    file: file.to_string(),
                    message: "missing \"id\"".into(),
                })?
                .to_string();
            if let Some(parent_id) = value
                .get("extends")
                .and_then(Value::as_str)
                .map(str::to_string)
            {
                let parent_id = parent_id.as_str();
                let parent = raw.get(parent_id).ok_or_else(|| EngineError::RuleSetFile {
                    file: file.to_string(),
                    message: format!(
                        "extends unknown rule set \"{parent_id}\" (list parents first)"
                    ),
                })?;
                value = inherit(parent, parent_id, value);
            }
            let rule_set: RuleSet =
                crate::case::reader::located::read(&value).map_err(|error| {
                    EngineError::RuleSetFile {
                        file: file.to_string(),
                        message: error.to_string(),
                    }
                })?;
            check_citations(&rule_set).map_err(|message| EngineError::RuleSetFile {
                file: file.to_string(),
                message,
            })?;
            raw.insert(id, value);
            rule_sets.push(rule_set);
        }
        Ok(Catalog { rule_sets })
    }

    pub fn get(&self, id: &str) -> Option<&RuleSet> {
        self.rule_sets.iter().find(|r| r.id == id)
    }

    /// The rule set of `region` in force on `date`.
    pub fn in_force(&self, region: &str, date: NaiveDate) -> Option<&RuleSet> {
        self.rule_sets
            .iter()
            .filter(|r| r.region == region)
            .find(|r| r.in_force_on(date))
    }

    pub fn regions(&self) -> Vec<(&str, &str)> {
        let mut regions: Vec<(&str, &str)> = Vec::new();
        for r in &self.rule_sets {
            if !regions.iter().any(|(code, _)| *code == r.region) {
                regions.push((&r.region, &r.region_name));
            }
        }
        regions
    }

    /// Choose the rule set for a case on a date: the pinned one, else the region's.
    pub fn resolve(
        &self,
        region: &str,
        pinned: Option<&str>,
        date: NaiveDate,
    ) -> Result<&RuleSet, EngineError> {
        if let Some(id) = pinned {
            return self
                .get(id)
                .ok_or_else(|| EngineError::UnknownRuleSet { id: id.to_string() });
        }
        if !self.rule_sets.iter().any(|r| r.region == region) {
            return Err(EngineError::UnknownRegion {
                region: region.to_string(),
            });
        }
        self.in_force(region, date)
            .ok_or_else(|| EngineError::NoRuleSetInForce {
                region: region.to_string(),
                date,
            })
    }
}

/// Every parameter must name a known source and quote it, unless it says it is unknown and
/// explains why in a note.
pub fn check_citations(rule_set: &RuleSet) -> Result<(), String> {
    let mut problems = Vec::new();
    let parameters = rule_set
        .parameters
        .each()
        .into_iter()
        .map(|(id, parameter)| (id.name(), parameter.citation()));
    for (name, citation) in parameters.chain([("validity", &rule_set.validity)]) {
        if rule_set.source(&citation.source).is_none() {
            problems.push(format!(
                "parameter \"{name}\" cites unknown source \"{}\"",
                citation.source
            ));
        }
        match citation.certainty {
            Certainty::Stated | Certainty::Inferred if citation.quote.trim().is_empty() => {
                problems.push(format!("parameter \"{name}\" has no quote"))
            }
            Certainty::Inferred | Certainty::Unknown
                if citation.note.as_deref().is_none_or(|n| n.trim().is_empty()) =>
            {
                // Named by a match, not `{:?}`: a Debug impl would be compiled into the
                // wasm for this one message.
                let certainty = match citation.certainty {
                    Certainty::Stated => "Stated",
                    Certainty::Inferred => "Inferred",
                    Certainty::Unknown => "Unknown",
                };
                problems.push(format!(
                    "parameter \"{name}\" is {certainty} but has no note saying why"
                ))
            }
            _ => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// The ages a rule set names, read in one place: the evaluation, the warnings and the
/// timeline's candidate dates all take their thresholds from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeRules {
    /// Guardians' automatic access ends (13).
    pub guardian_access_until: u8,
    /// The child's own account on 1177.se (13).
    pub child_account_from: u8,
    /// The child reads their own journal (16).
    pub child_journal_from: u8,
    /// Custody ends (18).
    pub adult: u8,
    pub blocking_ends: Option<u8>,
    pub sealing_ends: Option<u8>,
    pub legal_representative_from: Option<u8>,
}

impl AgeRules {
    /// Whether extended access (utökad direktåtkomst) can apply at `age`: from the day the
    /// guardians' automatic access ends to the day before the child reads their own journal
    /// (13–15 in every rule set of the catalog).
    pub fn in_extended_access_window(&self, age: u32) -> bool {
        age >= self.guardian_access_until as u32 && age < self.child_journal_from as u32
    }

    /// Every age on which an outcome may change.
    pub fn thresholds(&self) -> impl Iterator<Item = u8> {
        [
            Some(self.guardian_access_until),
            Some(self.child_account_from),
            Some(self.child_journal_from),
            Some(self.adult),
            self.blocking_ends,
            self.sealing_ends,
            self.legal_representative_from,
        ]
        .into_iter()
        .flatten()
    }
}

impl RuleSet {
    pub fn ages(&self) -> AgeRules {
        let p = &self.parameters;
        AgeRules {
            guardian_access_until: p.guardian_access_until_age.value,
            child_account_from: p.child_account_from_age.value,
            child_journal_from: p.child_journal_from_age.value,
            adult: p.adult_age.value,
            blocking_ends: p.blocking_ends_at_age.value,
            sealing_ends: p.sealing_ends_at_age.value,
            legal_representative_from: p.legal_representative_from_age.value,
        }
    }
}

/// Which rule sets answer for a case: one pinned rule set for every date (to compare), or
/// the region's versions, each on the dates it is in force.
#[derive(Debug, Clone)]
pub enum RuleChoice<'r> {
    Pinned(&'r RuleSet),
    /// The region's versions, oldest first.
    Region(Vec<&'r RuleSet>),
}

impl<'r> RuleChoice<'r> {
    /// The choice for a case: `rule_set_id`, else the case's pinned rule set, else its region.
    pub fn for_case(
        catalog: &'r Catalog,
        region: &str,
        pinned: Option<&str>,
    ) -> Result<RuleChoice<'r>, EngineError> {
        if let Some(id) = pinned {
            return catalog
                .get(id)
                .map(RuleChoice::Pinned)
                .ok_or_else(|| EngineError::UnknownRuleSet { id: id.to_string() });
        }
        let mut versions: Vec<&RuleSet> = catalog
            .rule_sets
            .iter()
            .filter(|r| r.region == region)
            .collect();
        if versions.is_empty() {
            return Err(EngineError::UnknownRegion {
                region: region.to_string(),
            });
        }
        crate::sort_short_by_key(&mut versions, |r| r.valid_from);
        Ok(RuleChoice::Region(versions))
    }

    /// Every rule set that may answer.
    pub fn rule_sets(&self) -> &[&'r RuleSet] {
        match self {
            RuleChoice::Pinned(rule_set) => std::slice::from_ref(rule_set),
            RuleChoice::Region(versions) => versions,
        }
    }

    /// The rule set that answers on `date`, if one is in force.
    pub fn on(&self, date: NaiveDate) -> Option<&'r RuleSet> {
        match self {
            RuleChoice::Pinned(rule_set) => Some(rule_set),
            RuleChoice::Region(versions) => versions.iter().copied().find(|r| r.in_force_on(date)),
        }
    }

    /// The rule set that judges a measure decided (or a request made) on `date`: the one in
    /// force then. Before the region's first version, the first one judges; this cannot
    /// happen on a date the app or the timeline asks about, only for a measure decided
    /// before the region had a routine.
    pub fn judging(&self, date: NaiveDate) -> &'r RuleSet {
        match self {
            RuleChoice::Pinned(rule_set) => rule_set,
            RuleChoice::Region(versions) => self.on(date).unwrap_or_else(|| {
                versions
                    .iter()
                    .copied()
                    .rfind(|r| r.valid_from <= date)
                    .unwrap_or(versions[0])
            }),
        }
    }

    /// The first day a rule set answers, for a region.
    pub fn first_day(&self) -> Option<NaiveDate> {
        match self {
            RuleChoice::Pinned(_) => None,
            RuleChoice::Region(versions) => versions.first().map(|r| r.valid_from),
        }
    }
}
