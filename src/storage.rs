//! The work survives: what Insyn keeps in the browser's storage, and the rules for it, as
//! plain Rust with no browser API, so they are tested natively (`cargo test -p insyn --lib`).
//! The browser side (`web`) only moves strings in and out of `sessionStorage` and
//! `localStorage`; the clock is read in the UI and passed in as a [`Moment`].
//!
//! - **The open case** lives in `sessionStorage` (one tab; gone when the tab closes) under
//!   [`SESSION_KEY`], so a reload restores it. Names and personnummer go there only while
//!   the user has ticked "keep them" ([`SessionCase::keep_names`]).
//! - **Saved cases** ("Spara i den här webbläsaren") live in `localStorage`, one key each
//!   ([`SAVED_PREFIX`] + id), without names and personnummer unless the user ticks it; then
//!   they are kept only to the end of that day ([`SavedCase::names_until`]) and taken out
//!   the first time Insyn reads the case after it.
//! - Every value is a **versioned envelope** `{"schema_version", "saved_at", "data"}`. An
//!   earlier shape is migrated ([`read_envelope`]; version 0 is the bare case JSON a first
//!   prototype stored). A corrupted value or one from a newer Insyn is never overwritten: it
//!   is **kept aside** under its own key ([`KEPT_ASIDE_PREFIX`]) and reported.
//! - **Two tabs** saving the same case: each save says which revision it started from, and a
//!   save over a revision it did not start from is refused ([`Conflict`]).
//! - **Unsaved changes**: the case differs from the one last opened or saved
//!   ([`has_unsaved_changes`]).
//! - **Rensa allt** removes every key starting with [`PREFIX`] from both storages
//!   ([`clear_all`]), the staff member's own details (`insyn.staff-details`) included.

pub mod web;

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use insyn_engine::age::birthday;
use insyn_engine::identity::parse_identity_number;
use insyn_engine::parse_iso_date;
use insyn_engine::Case;

use crate::personal_data::{has_personal_data, without_personal_data, HIDDEN_NUMBER};
use serde_json::{Map, Value};

/// The envelope's version. Bump it when the shape of `data` changes, and add the step to
/// [`read_envelope`]'s callers with a test reading the earlier shape.
pub const SCHEMA_VERSION: u64 = 1;
/// Every key Insyn writes starts with this.
pub const PREFIX: &str = "insyn.";
/// The open case, in `sessionStorage`.
pub const SESSION_KEY: &str = "insyn.current-case";
/// One saved case each, in `localStorage`: this and the case's id.
pub const SAVED_PREFIX: &str = "insyn.saved-case.";
/// Values that could not be read, moved here unchanged, in the storage they were found in.
pub const KEPT_ASIDE_PREFIX: &str = "insyn.kept-aside.";

// ---- Storage as key → text, and how it fails -------------------------------------------

/// Why the browser refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageError {
    /// Storage is disabled or blocked (policy, private mode, blocked site data), or threw.
    Unavailable,
    /// The browser's quota is used up (`QuotaExceededError`).
    Full,
}

impl StorageError {
    pub fn message_sv(self) -> &'static str {
        match self {
            StorageError::Unavailable => {
                "Den här webbläsaren låter inte Insyn spara något (lagringen är avstängd eller blockerad). \
                 Fallet finns kvar på sidan, men försvinner om du laddar om eller stänger den. \
                 Exportera fallet om du vill behålla det."
            }
            StorageError::Full => {
                "Webbläsarens lagring är full, så fallet kunde inte sparas. Fallet på sidan är oförändrat. \
                 Ta bort sparade fall som inte behövs, eller exportera fallet."
            }
        }
    }
}

/// A key → text store: `sessionStorage` or `localStorage` in the browser (`web`), a map in
/// tests. Every call may fail; none may panic.
pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// A store in memory, which can be made to fail like a browser's: for tests.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub values: RefCell<BTreeMap<String, String>>,
    /// Every call fails with this (storage disabled).
    pub failing: Option<StorageError>,
    /// Writes that would make the store hold more than this many bytes fail as full.
    pub quota: Option<usize>,
}

impl MemoryStore {
    pub fn with(values: &[(&str, &str)]) -> MemoryStore {
        let store = MemoryStore::default();
        for (key, value) in values {
            store
                .values
                .borrow_mut()
                .insert(key.to_string(), value.to_string());
        }
        store
    }

    pub fn value(&self, key: &str) -> Option<String> {
        self.values.borrow().get(key).cloned()
    }

    fn check(&self) -> Result<(), StorageError> {
        self.failing.map_or(Ok(()), Err)
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.check()?;
        Ok(self.value(key))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.check()?;
        if let Some(quota) = self.quota {
            let used: usize = self
                .values
                .borrow()
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if used + key.len() + value.len() > quota {
                return Err(StorageError::Full);
            }
        }
        self.values
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.check()?;
        self.values.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.check()?;
        Ok(self.values.borrow().keys().cloned().collect())
    }
}

// ---- Time, passed in ---------------------------------------------------------------------

/// A moment on the browser's clock, read by the UI: today's date and the time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub date: NaiveDate,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl Moment {
    /// `2026-11-23T12:03:07`: the envelope's `saved_at`.
    pub fn stamp(&self) -> String {
        format!(
            "{}T{:02}:{:02}:{:02}",
            iso(self.date),
            self.hour,
            self.minute,
            self.second
        )
    }
}

fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// `2026-11-23T12:03:07` as staff read it: "2026-11-23 kl. 12:03".
pub fn saved_at_sv(stamp: &str) -> String {
    match (stamp.get(..10), stamp.get(11..16)) {
        (Some(date), Some(time)) if stamp.as_bytes().get(10) == Some(&b'T') => {
            format!("{date} kl. {time}")
        }
        _ => stamp.to_string(),
    }
}

// ---- Names and personnummer --------------------------------------------------------------

/// Lower-case for comparing names: ASCII and the Swedish letters.
fn fold(text: &str) -> String {
    crate::components::rule_sets::fold_case(text)
}

/// Whether a saved case's label gives away a name or personnummer of the case: a word of
/// the label is a word of someone's name, or six or more of its digits are a number's.
pub fn label_reveals_identity(label: &str, case: &Case) -> bool {
    let words = |text: &str| -> Vec<String> {
        fold(text)
            .split(|c: char| !(c.is_ascii_alphanumeric() || "åäöéü".contains(c)))
            .filter(|w| w.chars().count() >= 2)
            .map(str::to_string)
            .collect()
    };
    let label_words = words(label);
    let names = std::iter::once(&case.child.name)
        .chain(case.guardians.iter().map(|g| &g.name))
        .chain(case.legal_representatives.iter().map(|r| &r.name))
        .flatten();
    for name in names {
        if words(name).iter().any(|w| label_words.contains(w)) {
            return true;
        }
    }
    let digits = |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
    let label_digits = digits(label);
    if label_digits.len() < 6 {
        return false;
    }
    std::iter::once(&case.child.identity_number)
        .chain(case.guardians.iter().map(|g| &g.identity_number))
        .flatten()
        .filter(|n| n.as_str() != HIDDEN_NUMBER)
        .map(|n| digits(n))
        .any(|n| n.len() >= 6 && (n.contains(&label_digits) || label_digits.contains(&n)))
}

/// Names kept with a saved case are taken out after `names_until`: at the end of that day.
pub fn names_expired(names_until: NaiveDate, today: NaiveDate) -> bool {
    today > names_until
}

// ---- Unsaved changes ---------------------------------------------------------------------

/// The case has unsaved changes when it is not the case as last opened or saved
/// (`baseline`). Without a baseline (a reload restored a case that had unsaved changes) it
/// has them until it is saved or replaced. The asked date is not part of the case.
pub fn has_unsaved_changes(case: &Case, baseline: Option<&Case>) -> bool {
    baseline != Some(case)
}

/// What the open case is measured against for unsaved changes, and the saved case it
/// continues, if it was opened from one or saved as one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    /// The case as last opened or saved; `None` after a reload restored unsaved changes.
    pub case: Option<Case>,
    pub saved: Option<SavedRef>,
    /// The saved case's label.
    pub label: Option<String>,
}

impl Baseline {
    /// A case just opened (a training case, a file, a new case): nothing unsaved yet.
    pub fn opened(case: &Case) -> Baseline {
        Baseline {
            case: Some(case.clone()),
            saved: None,
            label: None,
        }
    }

    /// A case just saved as, or opened from, `saved`.
    pub fn saved(case: &Case, saved: &SavedCase) -> Baseline {
        Baseline {
            case: Some(case.clone()),
            saved: Some(saved.reference()),
            label: Some(saved.label.clone()),
        }
    }
}

// ---- The envelope and its versions -------------------------------------------------------

/// Why a stored value cannot be used. It is then kept aside, never overwritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON, not an envelope, or its data is not what this version writes.
    Corrupt,
    /// Written by a newer Insyn (this schema version), which this one cannot read.
    Future(u64),
}

impl Unreadable {
    pub fn reason_sv(self) -> String {
        match self {
            Unreadable::Corrupt => "de är skadade eller ofullständiga".to_string(),
            Unreadable::Future(version) => format!(
                "de är sparade av en nyare version av Insyn (lagringsformat {version}) än den här"
            ),
        }
    }
}

/// A stored value's envelope, read and brought to the current version's shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// The version it was written in (0: the bare case JSON, without an envelope).
    pub version: u64,
    pub saved_at: Option<String>,
    pub data: Value,
}

/// Read a stored value: an envelope of this or an earlier version (0 = a bare case, as a
/// first prototype stored it). A newer version, or anything else, is [`Unreadable`].
pub fn read_envelope(raw: &str) -> Result<Envelope, Unreadable> {
    let value: Value = serde_json::from_str(raw).map_err(|_| Unreadable::Corrupt)?;
    let Value::Object(object) = value else {
        return Err(Unreadable::Corrupt);
    };
    let Some(version) = object.get("schema_version") else {
        // Version 0: the case itself.
        return if object.contains_key("format_version") {
            Ok(Envelope {
                version: 0,
                saved_at: None,
                data: Value::Object(object),
            })
        } else {
            Err(Unreadable::Corrupt)
        };
    };
    let version = version.as_u64().ok_or(Unreadable::Corrupt)?;
    if version > SCHEMA_VERSION {
        return Err(Unreadable::Future(version));
    }
    if version != 1 {
        return Err(Unreadable::Corrupt);
    }
    // Exactly the three keys (read, not removed: a map's removal code costs wasm).
    let saved_at = match object.get("saved_at") {
        Some(Value::String(stamp)) => stamp.clone(),
        _ => return Err(Unreadable::Corrupt),
    };
    let data = object.get("data").ok_or(Unreadable::Corrupt)?.clone();
    if object.len() != 3 || !data.is_object() {
        return Err(Unreadable::Corrupt);
    }
    Ok(Envelope {
        version,
        saved_at: Some(saved_at),
        data,
    })
}

/// The current envelope around `data`.
pub fn write_envelope(saved_at: &str, data: Map<String, Value>) -> String {
    let mut object = Map::new();
    object.insert("schema_version".into(), SCHEMA_VERSION.into());
    object.insert("saved_at".into(), saved_at.into());
    object.insert("data".into(), Value::Object(data));
    Value::Object(object).to_string()
}

/// A case inside stored data, read by the engine's own reader (as a case file is).
fn read_case(value: &Value) -> Result<Case, Unreadable> {
    if !value.is_object() {
        return Err(Unreadable::Corrupt);
    }
    Case::from_json(&value.to_string()).map_err(|_| Unreadable::Corrupt)
}

fn case_value(case: &Case) -> Value {
    // A case always serialises (as `Case::to_json_pretty` relies on too).
    // Through the text `to_json_pretty` writes: `serde_json::to_value` would compile a
    // second serialiser of the whole case into the wasm.
    serde_json::from_str(&case.to_json_pretty()).unwrap_or(Value::Null)
}

fn optional_date(data: &Map<String, Value>, key: &str) -> Result<Option<NaiveDate>, Unreadable> {
    match data.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => parse_iso_date(text).map(Some).ok_or(Unreadable::Corrupt),
        Some(_) => Err(Unreadable::Corrupt),
    }
}

fn flag(data: &Map<String, Value>, key: &str, default: bool) -> Result<bool, Unreadable> {
    match data.get(key) {
        None => Ok(default),
        Some(value) => value.as_bool().ok_or(Unreadable::Corrupt),
    }
}

fn text(data: &Map<String, Value>, key: &str) -> Result<String, Unreadable> {
    data.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or(Unreadable::Corrupt)
}

// ---- The open case (sessionStorage) ------------------------------------------------------

/// Which saved case the open case was opened from or last saved as, and the revision it
/// started from: a save over any other revision is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedRef {
    pub id: String,
    pub revision: u64,
    pub saved_at: String,
}

/// What the tab keeps of the open case.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionCase {
    pub case: Case,
    /// The asked date ("Visa läget den"); `None` in a migrated value.
    pub date: Option<NaiveDate>,
    /// The user ticked to keep names and personnummer while the tab is open.
    pub keep_names: bool,
    /// The case had unsaved changes when it was written.
    pub unsaved: bool,
    pub saved: Option<SavedRef>,
}

/// The stored text for the open case: names and personnummer only if `keep_names`.
pub fn session_json(session: &SessionCase, now: Moment) -> String {
    let case = if session.keep_names {
        session.case.clone()
    } else {
        without_personal_data(&session.case, now.date)
    };
    let mut data = Map::new();
    data.insert("case".into(), case_value(&case));
    if let Some(date) = session.date {
        data.insert("date".into(), iso(date).into());
    }
    data.insert("keep_names".into(), session.keep_names.into());
    data.insert("unsaved".into(), session.unsaved.into());
    if let Some(saved) = &session.saved {
        let mut reference = Map::new();
        reference.insert("id".into(), saved.id.clone().into());
        reference.insert("revision".into(), saved.revision.into());
        reference.insert("saved_at".into(), saved.saved_at.clone().into());
        data.insert("saved".into(), Value::Object(reference));
    }
    write_envelope(&now.stamp(), data)
}

/// The open case from its stored text, migrated to this version. Names and personnummer
/// are taken out again unless the value says they were to be kept.
pub fn read_session(raw: &str, today: NaiveDate) -> Result<SessionCase, Unreadable> {
    let envelope = read_envelope(raw)?;
    let session = match envelope.version {
        0 => SessionCase {
            // A bare case: nothing said names could be kept, nor whether it was saved.
            case: read_case(&envelope.data)?,
            date: None,
            keep_names: false,
            unsaved: true,
            saved: None,
        },
        _ => {
            let Value::Object(data) = &envelope.data else {
                return Err(Unreadable::Corrupt);
            };
            let saved = match data.get("saved") {
                None | Some(Value::Null) => None,
                Some(Value::Object(reference)) => Some(SavedRef {
                    id: text(reference, "id")?,
                    revision: reference
                        .get("revision")
                        .and_then(Value::as_u64)
                        .ok_or(Unreadable::Corrupt)?,
                    saved_at: text(reference, "saved_at")?,
                }),
                Some(_) => return Err(Unreadable::Corrupt),
            };
            SessionCase {
                case: read_case(data.get("case").ok_or(Unreadable::Corrupt)?)?,
                date: optional_date(data, "date")?,
                keep_names: flag(data, "keep_names", false)?,
                unsaved: flag(data, "unsaved", true)?,
                saved,
            }
        }
    };
    Ok(if session.keep_names {
        session
    } else {
        SessionCase {
            case: without_personal_data(&session.case, today),
            ..session
        }
    })
}

/// Whether the open case is worth a value in storage: not when it is the page as it
/// starts anyway (the example case, unchanged, on its own date), so a fresh page and a
/// page after "Rensa allt" leave storage empty.
pub fn session_worth_keeping(
    session: &SessionCase,
    start_case: &Case,
    start_date: NaiveDate,
) -> bool {
    !(session.case == *start_case
        && !session.unsaved
        && session.saved.is_none()
        && !session.keep_names
        && session.date == Some(start_date))
}

/// The date to show a case on: today while the child is a minor, otherwise the nearest
/// end of the minority (as for training cases and opened files).
pub fn start_date(case: &Case, today: NaiveDate) -> NaiveDate {
    let birth = case.child.birth_date.or_else(|| {
        let number = case.child.identity_number.as_deref()?;
        parse_identity_number(number, today).ok()?.birth_date()
    });
    match birth {
        Some(birth) => today.clamp(birth, birthday(birth, 18)),
        None => today,
    }
}

// ---- Saved cases (localStorage) ----------------------------------------------------------

/// A case saved with "Spara i den här webbläsaren".
#[derive(Debug, Clone, PartialEq)]
pub struct SavedCase {
    pub id: String,
    /// The name staff gave it (never checked to be free of names when they are kept).
    pub label: String,
    /// 1 at the first save, one more at each save after it.
    pub revision: u64,
    pub saved_at: String,
    /// Names and personnummer are kept to the end of this day; `None`: the case has none.
    pub names_until: Option<NaiveDate>,
    pub case: Case,
}

impl SavedCase {
    pub fn reference(&self) -> SavedRef {
        SavedRef {
            id: self.id.clone(),
            revision: self.revision,
            saved_at: self.saved_at.clone(),
        }
    }
}

pub fn saved_key(id: &str) -> String {
    format!("{SAVED_PREFIX}{id}")
}

/// The stored text of a saved case (as given: the caller has taken names out).
pub fn saved_json(saved: &SavedCase) -> String {
    let mut data = Map::new();
    data.insert("label".into(), saved.label.clone().into());
    data.insert("revision".into(), saved.revision.into());
    if let Some(until) = saved.names_until {
        data.insert("names_until".into(), iso(until).into());
    }
    data.insert("case".into(), case_value(&saved.case));
    write_envelope(&saved.saved_at, data)
}

/// A saved case from its stored text, migrated to this version, with names and
/// personnummer taken out if their day is over (or nothing said they could stay). The
/// flag says the value should be written back: it was migrated or names were taken out.
pub fn read_saved(
    id: &str,
    raw: &str,
    today: NaiveDate,
    now: Moment,
) -> Result<(SavedCase, bool), Unreadable> {
    let envelope = read_envelope(raw)?;
    let mut saved = match envelope.version {
        0 => {
            let case = read_case(&envelope.data)?;
            SavedCase {
                id: id.to_string(),
                label: case.title.clone().unwrap_or_else(|| "Sparat fall".into()),
                revision: 1,
                // When this version first wrote it.
                saved_at: now.stamp(),
                names_until: None,
                case,
            }
        }
        _ => {
            let Value::Object(data) = &envelope.data else {
                return Err(Unreadable::Corrupt);
            };
            SavedCase {
                id: id.to_string(),
                label: text(data, "label")?,
                revision: data
                    .get("revision")
                    .and_then(Value::as_u64)
                    .filter(|r| *r >= 1)
                    .ok_or(Unreadable::Corrupt)?,
                saved_at: envelope.saved_at.clone().ok_or(Unreadable::Corrupt)?,
                names_until: optional_date(data, "names_until")?,
                case: read_case(data.get("case").ok_or(Unreadable::Corrupt)?)?,
            }
        }
    };
    let mut changed = envelope.version != SCHEMA_VERSION;
    let expired = saved
        .names_until
        .is_none_or(|until| names_expired(until, today));
    if expired {
        if has_personal_data(&saved.case) {
            // Taking names out is no one's edit: the revision stays, so a tab holding the
            // case can still save it (and then decides again whether names are kept).
            saved.case = without_personal_data(&saved.case, today);
            changed = true;
        }
        if saved.names_until.take().is_some() {
            changed = true;
        }
    }
    Ok((saved, changed))
}

/// What stops a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    Storage(StorageError),
    Conflict(Conflict),
    /// The label names someone of the case, and names are not to be kept.
    LabelRevealsIdentity,
    /// No label.
    NoLabel,
}

/// Another tab got there first: the save is refused, nothing is overwritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Saved again since this tab opened or saved it.
    ChangedElsewhere { saved_at: String },
    /// Removed since (in another tab, or with "Rensa allt").
    Removed,
    /// What is stored cannot be read (it is kept aside when the list is next read).
    Unreadable,
}

impl SaveError {
    pub fn message_sv(&self, label: &str) -> String {
        match self {
            SaveError::Storage(error) => error.message_sv().to_string(),
            SaveError::Conflict(Conflict::ChangedElsewhere { saved_at }) => format!(
                "”{label}” har sparats i en annan flik ({}) efter att du öppnade det här. \
                 Ditt fall sparades inte, så ingenting skrevs över. Spara ditt som ett nytt fall, \
                 eller öppna det sparade för att se de andra ändringarna.",
                saved_at_sv(saved_at)
            ),
            SaveError::Conflict(Conflict::Removed) => format!(
                "”{label}” har tagits bort i en annan flik. Ditt fall sparades inte. \
                 Spara det som ett nytt fall om du vill behålla det."
            ),
            SaveError::Conflict(Conflict::Unreadable) => format!(
                "Det sparade ”{label}” kunde inte läsas. Ditt fall sparades inte, så ingenting \
                 skrevs över. Spara det som ett nytt fall."
            ),
            SaveError::LabelRevealsIdentity => {
                "Namnet på det sparade fallet innehåller ett namn eller personnummer ur fallet. \
                 Välj ett annat namn, eller kryssa i att namn och personnummer får sparas."
                    .to_string()
            }
            SaveError::NoLabel => "Ge fallet ett namn innan du sparar det.".to_string(),
        }
    }
}

/// A save: the case as it is on the page, what to call it, whether names and personnummer
/// are kept (to the end of today), and the saved case it continues, if any.
pub struct SaveRequest<'a> {
    pub case: &'a Case,
    pub label: &'a str,
    pub keep_names: bool,
    /// The saved case and revision this tab opened or last saved; `None` saves a new one.
    pub base: Option<&'a SavedRef>,
    /// The id for a new saved case (the UI makes it random).
    pub new_id: &'a str,
}

/// Save a case in `store`, refusing to overwrite a revision the request did not start from.
pub fn save_case(
    store: &dyn Store,
    request: SaveRequest,
    now: Moment,
) -> Result<SavedCase, SaveError> {
    let label = request.label.trim();
    if label.is_empty() {
        return Err(SaveError::NoLabel);
    }
    if !request.keep_names && label_reveals_identity(label, request.case) {
        return Err(SaveError::LabelRevealsIdentity);
    }
    let id = request.base.map_or(request.new_id, |base| base.id.as_str());
    let key = saved_key(id);
    let stored = store.get(&key).map_err(SaveError::Storage)?;
    let revision = match (request.base, stored) {
        (None, None) => 1,
        // A new id already taken: as if another tab saved it.
        (None, Some(_)) => {
            return Err(SaveError::Conflict(Conflict::ChangedElsewhere {
                saved_at: String::new(),
            }))
        }
        (Some(_), None) => return Err(SaveError::Conflict(Conflict::Removed)),
        (Some(base), Some(raw)) => {
            let (current, _) = read_saved(id, &raw, now.date, now)
                .map_err(|_| SaveError::Conflict(Conflict::Unreadable))?;
            if current.revision != base.revision || current.saved_at != base.saved_at {
                return Err(SaveError::Conflict(Conflict::ChangedElsewhere {
                    saved_at: current.saved_at,
                }));
            }
            current.revision + 1
        }
    };
    let case = if request.keep_names {
        request.case.clone()
    } else {
        without_personal_data(request.case, now.date)
    };
    let saved = SavedCase {
        id: id.to_string(),
        label: label.to_string(),
        revision,
        saved_at: now.stamp(),
        names_until: (request.keep_names && has_personal_data(&case)).then_some(now.date),
        case,
    };
    store
        .set(&key, &saved_json(&saved))
        .map_err(SaveError::Storage)?;
    Ok(saved)
}

/// Something found in storage that is reported to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// An unreadable value, moved under `kept_as`.
    KeptAside { kept_as: String, reason: Unreadable },
    /// An unreadable value that could not be moved (storage full): left where it is, and
    /// nothing is written there.
    LeftInPlace { key: String, reason: Unreadable },
}

/// Move an unreadable value at `key` to a free kept-aside key, unchanged.
pub fn keep_aside(
    store: &dyn Store,
    key: &str,
    raw: &str,
    reason: Unreadable,
) -> Result<Finding, StorageError> {
    let base = format!(
        "{KEPT_ASIDE_PREFIX}{}",
        key.strip_prefix(PREFIX).unwrap_or(key)
    );
    let taken = store.keys()?;
    let kept_as = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}.{n}")))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(base);
    match store.set(&kept_as, raw) {
        Ok(()) => {
            // Moved, not copied: the original key is free for the work again.
            store.remove(key)?;
            Ok(Finding::KeptAside { kept_as, reason })
        }
        Err(StorageError::Full) => Ok(Finding::LeftInPlace {
            key: key.to_string(),
            reason,
        }),
        Err(error) => Err(error),
    }
}

/// What reading the open case at start found.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRestore {
    pub session: Option<SessionCase>,
    pub finding: Option<Finding>,
}

/// The open case a reload left in `store`, or nothing; an unreadable value is kept aside.
pub fn restore_session(
    store: &dyn Store,
    today: NaiveDate,
) -> Result<SessionRestore, StorageError> {
    let Some(raw) = store.get(SESSION_KEY)? else {
        return Ok(SessionRestore {
            session: None,
            finding: None,
        });
    };
    match read_session(&raw, today) {
        Ok(session) => Ok(SessionRestore {
            session: Some(session),
            finding: None,
        }),
        Err(reason) => Ok(SessionRestore {
            session: None,
            finding: Some(keep_aside(store, SESSION_KEY, &raw, reason)?),
        }),
    }
}

/// Every saved case in `store`, newest first, after migrating old values and taking out
/// names whose day is over (both written back); unreadable values are kept aside.
pub fn list_saved(
    store: &dyn Store,
    now: Moment,
) -> Result<(Vec<SavedCase>, Vec<Finding>), StorageError> {
    let mut cases = Vec::new();
    let mut findings = Vec::new();
    for key in store.keys()? {
        let Some(id) = key.strip_prefix(SAVED_PREFIX) else {
            continue;
        };
        let Some(raw) = store.get(&key)? else {
            continue;
        };
        match read_saved(id, &raw, now.date, now) {
            Ok((saved, changed)) => {
                if changed {
                    // Written back so migrated values and names past their day do not stay;
                    // if the browser refuses now, it is tried again at the next reading.
                    let _ = store.set(&key, &saved_json(&saved));
                }
                cases.push(saved);
            }
            Err(reason) => findings.push(keep_aside(store, &key, &raw, reason)?),
        }
    }
    // Unstable: std's stable sort adds to the wasm, and no two saves share a moment and id.
    cases.sort_unstable_by(|a, b| b.saved_at.cmp(&a.saved_at).then_with(|| a.id.cmp(&b.id)));
    Ok((cases, findings))
}

/// A value kept aside, for the report with its download and delete buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptAside {
    pub key: String,
    pub reason: Unreadable,
    pub raw: String,
}

impl KeptAside {
    /// Where it was found, in Swedish.
    pub fn origin_sv(&self) -> &'static str {
        if self.key.contains("current-case") {
            "det öppna fallet i den här fliken"
        } else if self.key.contains("saved-case") {
            "ett fall sparat i den här webbläsaren"
        } else {
            "Insyns lagring"
        }
    }

    pub fn message_sv(&self) -> String {
        format!(
            "Sparade uppgifter från {} kunde inte läsas: {}. De är undanlagda och ändras inte. \
             Ladda ner dem om du vill behålla dem, eller ta bort dem.",
            self.origin_sv(),
            self.reason.reason_sv()
        )
    }
}

/// Why a value was kept aside, read again from the value itself.
pub fn classify(raw: &str) -> Unreadable {
    match read_envelope(raw) {
        Err(reason) => reason,
        Ok(_) => Unreadable::Corrupt,
    }
}

/// Every value kept aside in `store`.
pub fn kept_aside(store: &dyn Store) -> Result<Vec<KeptAside>, StorageError> {
    let mut found = Vec::new();
    for key in store.keys()? {
        if key.starts_with(KEPT_ASIDE_PREFIX) {
            if let Some(raw) = store.get(&key)? {
                found.push(KeptAside {
                    reason: classify(&raw),
                    key,
                    raw,
                });
            }
        }
    }
    Ok(found)
}

/// "Rensa allt": remove every Insyn key from each store; the number removed, or the first
/// error (the other stores are still cleared).
pub fn clear_all(stores: &[&dyn Store]) -> Result<usize, StorageError> {
    let mut removed = 0;
    let mut first_error = None;
    for store in stores {
        let keys = match store.keys() {
            Ok(keys) => keys,
            Err(error) => {
                first_error.get_or_insert(error);
                continue;
            }
        };
        for key in keys.iter().filter(|k| k.starts_with(PREFIX)) {
            match store.remove(key) {
                Ok(()) => removed += 1,
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
    }
    first_error.map_or(Ok(removed), Err)
}

#[cfg(test)]
mod tests;
