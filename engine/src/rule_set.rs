//! Rule sets (regelverk): one region's rules in one version, as data. Every parameter
//! carries its citation (the source and the quoted Swedish line) and says whether it is
//! stated by the source, inferred while modelling, or unknown. The engine is generic; all
//! that differs between regions and years lives in the JSON files under `engine/rules/`,
//! embedded at build time.
//!
//! A rule set may `extend` another (normally the national baseline): parameters it does
//! not state are taken from the parent and marked as inherited, so the UI can say
//! "antaget från nationell baslinje".

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::date::parse_iso_date;
use crate::error::EngineError;

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
    pub title: String,
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

/// A measure the guidance recommends in a scenario ("Val av åtgärd och scenarier").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendedMeasure {
    /// Försegling of the child's account and journal.
    Sealing,
    /// Blockering of the guardian(s) who are a risk.
    Blocking,
    /// Låsning av barnets inloggning.
    LoginLock,
}

impl RecommendedMeasure {
    /// Every measure, strongest first (the order recommendations list them in).
    pub const ALL: [RecommendedMeasure; 3] = [
        RecommendedMeasure::Sealing,
        RecommendedMeasure::Blocking,
        RecommendedMeasure::LoginLock,
    ];

    /// The measure's `type` in the case format.
    pub fn type_tag(self) -> &'static str {
        match self {
            RecommendedMeasure::Sealing => "sealing",
            RecommendedMeasure::Blocking => "blocking",
            RecommendedMeasure::LoginLock => "login_lock",
        }
    }

    pub fn name_sv(self) -> &'static str {
        match self {
            RecommendedMeasure::Sealing => "Försegling",
            RecommendedMeasure::Blocking => "Blockering",
            RecommendedMeasure::LoginLock => "Låsning av inloggning",
        }
    }
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

/// Declares `Parameters` once: the struct, `PARAMETER_NAMES`, the lookup of a citation by
/// rule id, the list of every parameter, and reading them from a rule-set file all come
/// from this one list, so a parameter cannot be added to one and forgotten in another.
macro_rules! parameters {
    ($( $(#[doc = $doc:literal])* $name:ident: $value:ty, )*) => {
        /// Every parameter's rule id, in the order of `Parameters` (which follows the
        /// guidance: ages, blocking, sealing, login lock, protected identity, extended
        /// access, content, then what staff say and write).
        pub const PARAMETER_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Every parameter a rule set has. The field name is the rule id used in
        /// explanations. The Swedish terms are in `parameter_term_sv`.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Parameters {
            $( $(#[doc = $doc])* pub $name: Cited<$value>, )*
        }

        impl Parameters {
            /// The citation of the parameter with this rule id.
            // A match, not a search of `each()`: every explanation looks its citation up,
            // and evaluation is on the hot path of the timeline.
            pub fn citation(&self, name: &str) -> Option<&Citation> {
                match name {
                    $( stringify!($name) => Some(&self.$name.citation), )*
                    _ => None,
                }
            }

            /// Every parameter by rule id, in the order of `PARAMETER_NAMES`.
            fn each(&self) -> [(&'static str, &dyn CitedParameter); PARAMETER_NAMES.len()] {
                [$( (stringify!($name), &self.$name), )*]
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

parameters! {
    /// Samordningsnummer and reservnummer give no 1177 login (nobody has online access).
    unusable_identity_number: bool,
    /// Guardians' access follows custody as registered in folkbokföringen: only a registered
    /// vårdnadshavare has it, from the registration date until custody ends.
    guardian_access_follows_custody: bool,
    /// Guardians' automatic access (journal and ombud) ends on this birthday.
    guardian_access_until_age: u8,
    /// The child's own 1177 account (e-tjänster) from this birthday.
    child_account_from_age: u8,
    /// A child with an e-ID of their own can log in to 1177.se before child_account_from_age.
    child_account_with_own_e_id: bool,
    /// The child reads their own journal from this birthday.
    child_journal_from_age: u8,
    /// Custody ends at this birthday; the child is then an adult.
    adult_age: u8,
    /// A guardian acts for the child in e-tjänster (ombud) until guardian_access_until_age.
    guardian_proxy_until_access_age: bool,

    blocking_covers_journal: bool,
    blocking_covers_proxy: bool,
    blocking_locks_child_login: bool,
    /// A blocking ends automatically on this birthday (VGR 2026: 13).
    blocking_ends_at_age: Option<u8>,
    blocking_request: RequestRoute,

    sealing_covers_journal: bool,
    sealing_covers_child_account: bool,
    sealing_covers_proxy: bool,
    sealing_ends_at_age: Option<u8>,
    sealing_scopes: Vec<SealingScopeKind>,
    sealing_unlock_rule: UnlockRule,
    sealing_request: RequestRoute,

    /// A login lock stops the child logging in to the account (1177 e-tjänster).
    login_lock_covers_account: bool,
    login_lock_covers_journal: bool,
    login_lock_stops_proxy: bool,
    /// A blocking, sealing or login lock decided under an earlier version of the region's
    /// guidance stands as decided when this version takes over.
    earlier_measures_stand: bool,

    protected_child_denies_guardians: bool,
    /// Staff must seal the child's account while the child has protected identity.
    protected_child_requires_sealing: bool,
    protected_guardian_denies_that_guardian: bool,
    /// Staff must seal when a guardian (not the child) has protected identity.
    protected_guardian_requires_sealing: bool,

    /// Utökad direktåtkomst för barnet 13–15, if the region offers it.
    extended_access_child: Option<GrantRoute>,
    /// Utökad direktåtkomst för vårdnadshavare 13–15, if the region offers it.
    extended_access_guardian: Option<GrantRoute>,

    /// Legal representatives (god man, förvaltare) can be given journal access from this age.
    legal_representative_from_age: Option<u8>,
    legal_representative_route: Option<GrantRoute>,

    /// Kinds of care unit never shown online (e.g. BUP).
    excluded_unit_kinds: Vec<String>,
    exception_categories: Vec<ExceptionCategory>,
    /// Children's journals (0–12) were connected to 1177 Journal in the region on this date:
    /// before it a guardian has no journal access, and display_start_date and
    /// excluded_unit_kinds filter what the connection covers.
    children_journal_connected_on: Option<NaiveDate>,
    /// Journal entries before this date are not shown (no retroactive display).
    display_start_date: Option<NaiveDate>,

    /// The 24/7 phone number for urgent blocking or sealing.
    urgent_phone: Option<String>,
    /// What to say when phoning, item by item.
    urgent_phone_checklist: Vec<String>,
    /// What a blocked guardian sees under "Växla journal".
    blocked_guardian_message: Option<String>,
    /// Standardsvar to a guardian when the measure may not be disclosed.
    standard_answer: Option<String>,
    /// Whether staff must always tell the guardian of a measure.
    guardian_always_informed: bool,
    /// Fields of the documentation note (särskild anteckning).
    documentation_note_fields: Vec<String>,
    /// Extra actions when blocking, e.g. removing SMS reminders.
    blocking_extra_actions: Vec<String>,

    /// Förlängning av blockering: who decides, which form (none: the source names none).
    blocking_extension_request: Option<RequestRoute>,
    /// Bryta (häva) blockering.
    blocking_lift_request: Option<RequestRoute>,
    /// Begäran om upplåsning av försegling.
    sealing_unlock_request: Option<RequestRoute>,
    /// Låsning av barnets inloggning.
    login_lock_request: Option<RequestRoute>,
    /// Whether the written request may carry names and personnummer (Östergötland: no,
    /// they are given by phone).
    request_may_carry_personal_data: bool,
    /// What the documentation of a decision is called and where it goes (särskild anteckning).
    documentation_note_name: Option<String>,
    /// Extra actions when a blocking, sealing or login lock is lifted.
    lifting_extra_actions: Vec<String>,
    /// Reminder for every protective measure: consider the child's siblings.
    reminder_siblings: Option<String>,
    /// Reminder for every protective measure: social services (socialtjänsten, orosanmälan).
    reminder_social_services: Option<String>,
    /// Reminder for every protective measure: messages to guardians from other systems.
    reminder_other_systems: Option<String>,

    /// Val av åtgärd: the child tells of threats, violence or abuse.
    scenario_child_tells_of_violence: Vec<RecommendedMeasure>,
    /// Val av åtgärd: both guardians may be part of the child's risk.
    scenario_both_guardians_risk: Vec<RecommendedMeasure>,
    /// Val av åtgärd: only one guardian is a risk.
    scenario_one_guardian_risk: Vec<RecommendedMeasure>,
    /// Val av åtgärd: a guardian may control the child's e-ID or punish care contacts.
    scenario_e_id_control: Vec<RecommendedMeasure>,
    /// Val av åtgärd: someone demands that the child shows the journal.
    scenario_journal_demanded: Vec<RecommendedMeasure>,
    /// Val av åtgärd: the child has protected identity.
    scenario_protected_identity: Vec<RecommendedMeasure>,
    /// Val av åtgärd: a blocked guardian may get hold of the child's e-ID.
    scenario_blocked_guardian_may_get_e_id: Vec<RecommendedMeasure>,
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
    /// Each parameter by rule id, with its citation and its value as JSON, in the order
    /// of `PARAMETER_NAMES`.
    pub fn list(&self) -> Vec<(&'static str, &Citation, Value)> {
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
    fn from_json(value: Value) -> Result<Self, String>;
}

/// Value types read the way serde derives them.
macro_rules! parameter_values_read_by_serde {
    ($($value:ty),* $(,)?) => {
        $(impl ParameterValue for $value {
            fn from_json(value: Value) -> Result<Self, String> {
                <$value>::deserialize(value).map_err(|error| error.to_string())
            }
        })*
    };
}

parameter_values_read_by_serde!(
    bool,
    u8,
    Option<u8>,
    Option<String>,
    Vec<String>,
    RequestRoute,
    Option<RequestRoute>,
    Option<GrantRoute>,
    Vec<RecommendedMeasure>,
    UnlockRule,
    Vec<SealingScopeKind>,
    Vec<ExceptionCategory>,
);

/// A date, as every date of the files: `YYYY-MM-DD` (see `crate::date`), or null.
impl ParameterValue for Option<NaiveDate> {
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
                .map(|(name, citation, value)| (name, ParameterEntryRef { value, citation })),
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

    /// Each parameter by rule id, with its citation and value as JSON, in the order of
    /// `PARAMETER_NAMES`.
    pub fn parameter_list(&self) -> Vec<(&'static str, &Citation, Value)> {
        self.parameters.list()
    }
}

/// The files under engine/rules/, embedded at build time. The national baseline comes
/// first: others extend it.
const RULE_FILES: &[(&str, &str)] = &[
    ("national.json", include_str!("../rules/national.json")),
    ("vgr-2019.json", include_str!("../rules/vgr-2019.json")),
    ("vgr-2026.json", include_str!("../rules/vgr-2026.json")),
    ("jonkoping.json", include_str!("../rules/jonkoping.json")),
    (
        "ostergotland.json",
        include_str!("../rules/ostergotland.json"),
    ),
    ("skane.json", include_str!("../rules/skane.json")),
    ("stockholm.json", include_str!("../rules/stockholm.json")),
    ("orebro.json", include_str!("../rules/orebro.json")),
];

/// All rule sets, validated.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub rule_sets: Vec<RuleSet>,
}

impl Catalog {
    /// The embedded catalog, parsed once.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CATALOG.get_or_init(|| {
            Catalog::from_files(RULE_FILES).unwrap_or_else(|error| {
                // The files are embedded and tested; a failure here is a build defect.
                panic!("embedded rule sets are invalid: {error}")
            })
        })
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
            let rule_set: RuleSet = serde_json::from_value(value.clone()).map_err(|error| {
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

/// Merge a child rule set over its parent: the child's top-level fields win; parameters the
/// child leaves out come from the parent, marked `inherited_from`; sources are the union.
fn inherit(parent: &Value, parent_id: &str, mut child: Value) -> Value {
    let child_object = child.as_object_mut().expect("a rule set is an object");
    let mut parameters = parent
        .get("parameters")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for citation in parameters.values_mut() {
        if let Some(object) = citation.as_object_mut() {
            object
                .entry("inherited_from")
                .or_insert_with(|| Value::String(parent_id.to_string()));
        }
    }
    if let Some(own) = child_object.get("parameters").and_then(Value::as_object) {
        for (name, value) in own {
            parameters.insert(name.clone(), value.clone());
        }
    }
    child_object.insert("parameters".into(), Value::Object(parameters));
    let mut sources = parent
        .get("sources")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if let Some(own) = child_object.get("sources").and_then(Value::as_array) {
        for source in own {
            let id = source.get("id");
            sources.retain(|s| s.get("id") != id);
            sources.push(source.clone());
        }
    }
    child_object.insert("sources".into(), Value::Array(sources));
    child
}

/// Every parameter must name a known source and quote it, unless it says it is unknown and
/// explains why in a note.
pub fn check_citations(rule_set: &RuleSet) -> Result<(), String> {
    let mut problems = Vec::new();
    let parameters = rule_set
        .parameters
        .each()
        .into_iter()
        .map(|(name, parameter)| (name, parameter.citation()));
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

/// The Swedish term staff know a parameter by, for the rule-set page and the README index.
pub fn parameter_term_sv(name: &str) -> &'static str {
    match name {
        "unusable_identity_number" => "Samordningsnummer/reservnummer: ingen inloggning",
        "guardian_access_follows_custody" => {
            "Vårdnadshavares tillgång följer vårdnaden (folkbokföringen)"
        }
        "guardian_access_until_age" => "Vårdnadshavares automatiska tillgång upphör (ålder)",
        "child_account_from_age" => "Barnets eget konto på 1177.se från (ålder)",
        "child_account_with_own_e_id" => "Barnets konto med egen e-legitimation före åldersgränsen",
        "child_journal_from_age" => "Barnet läser sin 1177 Journal från (ålder)",
        "adult_age" => "Vårdnaden upphör, myndig (ålder)",
        "guardian_proxy_until_access_age" => "Vårdnadshavare som ombud i e-tjänster",
        "blocking_covers_journal" => "Blockering omfattar 1177 Journal",
        "blocking_covers_proxy" => "Blockering omfattar ombud/e-tjänster",
        "blocking_locks_child_login" => "Blockering låser även barnets inloggning",
        "blocking_ends_at_age" => "Blockering upphör automatiskt (ålder)",
        "blocking_request" => "Blockering: beslut och blankett",
        "sealing_covers_journal" => "Försegling omfattar 1177 Journal",
        "sealing_covers_child_account" => "Försegling omfattar barnets konto",
        "sealing_covers_proxy" => "Försegling omfattar ombud",
        "sealing_ends_at_age" => "Försegling upphör automatiskt (ålder)",
        "sealing_scopes" => "Försegling: möjliga omfattningar",
        "sealing_unlock_rule" => "Upplåsning av försegling",
        "sealing_request" => "Försegling: beslut och blankett",
        "login_lock_covers_account" => "Låst inloggning stänger barnets konto på 1177.se",
        "login_lock_covers_journal" => "Låst inloggning stänger 1177 Journal",
        "login_lock_stops_proxy" => "Låst inloggning stoppar ombud",
        "earlier_measures_stand" => "Åtgärder beslutade enligt en tidigare version står kvar",
        "protected_child_denies_guardians" => "Barnets skyddade identitet: vårdnadshavare",
        "protected_child_requires_sealing" => "Barnets skyddade identitet: försegling krävs",
        "protected_guardian_denies_that_guardian" => {
            "Vårdnadshavarens skyddade identitet: ombud och journal"
        }
        "protected_guardian_requires_sealing" => {
            "Vårdnadshavarens skyddade identitet: försegling krävs"
        }
        "extended_access_child" => "Utökad direktåtkomst för barnet 13–15 år",
        "extended_access_guardian" => "Utökad direktåtkomst för vårdnadshavare 13–15 år",
        "legal_representative_from_age" => "Legal ställföreträdare: tillgång från (ålder)",
        "legal_representative_route" => "Legal ställföreträdare: beslut",
        "excluded_unit_kinds" => "Undantagna enheter",
        "exception_categories" => "Undantag från direktåtkomst (sökord)",
        "children_journal_connected_on" => {
            "Barns journaler (0–12 år) anslutna till 1177 Journal från"
        }
        "display_start_date" => "Visning från datum (ingen retroaktiv visning)",
        "urgent_phone" => "Brådskande: telefonnummer",
        "urgent_phone_checklist" => "Brådskande: uppgifter vid samtalet",
        "blocked_guardian_message" => "Vad blockerad vårdnadshavare ser",
        "standard_answer" => "Standardsvar till vårdnadshavare",
        "guardian_always_informed" => "Informeras vårdnadshavare alltid?",
        "documentation_note_fields" => "Särskild anteckning: innehåll",
        "blocking_extra_actions" => "Fler åtgärder vid blockering",
        "blocking_extension_request" => "Förlängning av blockering: beslut och blankett",
        "blocking_lift_request" => "Bryta blockering: beslut och blankett",
        "sealing_unlock_request" => "Upplåsning av försegling: beslut och blankett",
        "login_lock_request" => "Låsning av inloggning: beslut och blankett",
        "request_may_carry_personal_data" => "Personuppgifter i den skriftliga begäran",
        "documentation_note_name" => "Dokumentation av beslutet (särskild anteckning)",
        "lifting_extra_actions" => "Att tänka på när en åtgärd hävs",
        "reminder_siblings" => "Påminnelse: barnets syskon",
        "reminder_social_services" => "Påminnelse: socialtjänsten och orosanmälan",
        "reminder_other_systems" => "Påminnelse: utskick från andra system (sms-påminnelser)",
        "scenario_child_tells_of_violence" => {
            "Val av åtgärd: barnet berättar om hot, våld eller övergrepp"
        }
        "scenario_both_guardians_risk" => "Val av åtgärd: båda vårdnadshavarna kan vara en risk",
        "scenario_one_guardian_risk" => "Val av åtgärd: endast en vårdnadshavare utgör risk",
        "scenario_e_id_control" => "Val av åtgärd: kontroll av barnets e-legitimation",
        "scenario_journal_demanded" => "Val av åtgärd: någon kräver att barnet visar journalen",
        "scenario_protected_identity" => "Val av åtgärd: skyddad identitet",
        "scenario_blocked_guardian_may_get_e_id" => {
            "Val av åtgärd: blockerad vårdnadshavare kan få tag på barnets e-legitimation"
        }
        _ => "okänd parameter",
    }
}
