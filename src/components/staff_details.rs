//! "Dina uppgifter": the staff member's own details for the documents (name, role, VGR-ID or
//! HSA-id, e-mail, phone, unit, responsible manager), written to `state.staff`.
//!
//! Only on request ("Kom ihåg mina uppgifter i den här webbläsaren") are they kept in the
//! browser's `localStorage`, and only these seven fields: never the child, the guardians or
//! anything else of the case. "Glöm mina uppgifter" deletes them. Storage may be disabled or
//! full; every call is guarded and a failure is said in Swedish, never a panic.

use gloo_storage::{LocalStorage, Storage};
use insyn_engine::documents::StaffDetails;
use leptos::prelude::*;

use crate::state::use_app_state;

/// The staff details' key in `localStorage` ("Rensa allt" removes it with Insyn's others).
pub const STORAGE_KEY: &str = "insyn.staff-details";

/// One field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffField {
    Name,
    Role,
    StaffId,
    Email,
    Phone,
    Unit,
    Manager,
}

impl StaffField {
    pub const ALL: [StaffField; 7] = [
        StaffField::Name,
        StaffField::Role,
        StaffField::StaffId,
        StaffField::Email,
        StaffField::Phone,
        StaffField::Unit,
        StaffField::Manager,
    ];

    /// The field's name in what is stored (the engine's name for it).
    pub fn stored_key(self) -> &'static str {
        match self {
            StaffField::StaffId => "staff_id",
            _ => self.key(),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            StaffField::Name => "name",
            StaffField::Role => "role",
            StaffField::StaffId => "staff-id",
            StaffField::Email => "email",
            StaffField::Phone => "phone",
            StaffField::Unit => "unit",
            StaffField::Manager => "manager",
        }
    }

    pub fn label_sv(self) -> &'static str {
        match self {
            StaffField::Name => "Namn",
            StaffField::Role => "Roll",
            StaffField::StaffId => "VGR-ID eller HSA-id",
            StaffField::Email => "E-post",
            StaffField::Phone => "Telefon",
            StaffField::Unit => "Enhet",
            StaffField::Manager => "Ansvarig verksamhetschef",
        }
    }

    fn input_type(self) -> &'static str {
        match self {
            StaffField::Email => "email",
            StaffField::Phone => "tel",
            _ => "text",
        }
    }

    fn autocomplete(self) -> &'static str {
        match self {
            StaffField::Name => "name",
            StaffField::Role => "organization-title",
            StaffField::Email => "email",
            StaffField::Phone => "tel",
            StaffField::Unit => "organization",
            StaffField::StaffId | StaffField::Manager => "off",
        }
    }

    fn slot(self, details: &mut StaffDetails) -> &mut Option<String> {
        match self {
            StaffField::Name => &mut details.name,
            StaffField::Role => &mut details.role,
            StaffField::StaffId => &mut details.staff_id,
            StaffField::Email => &mut details.email,
            StaffField::Phone => &mut details.phone,
            StaffField::Unit => &mut details.unit,
            StaffField::Manager => &mut details.manager,
        }
    }

    pub fn get(self, details: &StaffDetails) -> &str {
        let value = match self {
            StaffField::Name => &details.name,
            StaffField::Role => &details.role,
            StaffField::StaffId => &details.staff_id,
            StaffField::Email => &details.email,
            StaffField::Phone => &details.phone,
            StaffField::Unit => &details.unit,
            StaffField::Manager => &details.manager,
        };
        value.as_deref().unwrap_or("")
    }

    /// Set the field as typed; a blank field is no value (the document says `[saknas: …]`).
    pub fn set(self, details: &mut StaffDetails, value: &str) {
        *self.slot(details) = (!value.trim().is_empty()).then(|| value.to_string());
    }
}

/// Storage is disabled (private mode, policy, blocked cookies) or refused the write (full).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageRefused;

/// `window.localStorage`, checked before gloo-storage is asked: its `raw()` throws where
/// storage is unavailable, and reading the property itself throws where it is blocked.
fn storage_available() -> bool {
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .is_some()
}

/// What is stored: a JSON object of the filled-in fields, nothing else.
pub fn to_stored(details: &StaffDetails) -> serde_json::Value {
    // Inserted one by one: collecting into the map would bring a sort into the wasm.
    let mut fields = serde_json::Map::new();
    for field in StaffField::ALL {
        let value = field.get(details);
        if !value.is_empty() {
            fields.insert(field.stored_key().to_string(), value.into());
        }
    }
    serde_json::Value::Object(fields)
}

/// The details from what was stored, or `None` when it is anything but an object of the
/// staff fields as text (another version, or edited by hand): ignored rather than trusted.
pub fn from_stored(stored: &serde_json::Value) -> Option<StaffDetails> {
    let mut details = StaffDetails::default();
    for (key, value) in stored.as_object()? {
        let field = StaffField::ALL
            .into_iter()
            .find(|f| f.stored_key() == key)?;
        field.set(&mut details, value.as_str()?);
    }
    Some(details)
}

/// The details remembered in this browser, if the user asked for that earlier.
pub fn remembered() -> Option<StaffDetails> {
    if !storage_available() {
        return None;
    }
    // Read as a JSON value: the app parses those already, a derived reader would add to
    // the wasm.
    from_stored(&LocalStorage::get::<serde_json::Value>(STORAGE_KEY).ok()?)
}

pub fn remember(details: &StaffDetails) -> Result<(), StorageRefused> {
    if !storage_available() {
        return Err(StorageRefused);
    }
    LocalStorage::set(STORAGE_KEY, to_stored(details)).map_err(|_| StorageRefused)
}

pub fn forget() -> Result<(), StorageRefused> {
    if !storage_available() {
        return Err(StorageRefused);
    }
    LocalStorage::delete(STORAGE_KEY);
    Ok(())
}

const NOT_SAVED: &str = "Uppgifterna kunde inte sparas i den här webbläsaren (lagring är avstängd eller full). De gäller tills du stänger sidan.";

/// The form, in a `<details>` that starts open while nothing is filled in.
#[component]
pub fn StaffDetailsForm() -> impl IntoView {
    let state = use_app_state();
    let remember_on = RwSignal::new(remembered().is_some());
    let status = RwSignal::new(String::new());
    let start_open = state
        .staff
        .with_untracked(|s| *s == StaffDetails::default());

    let save_if_remembered = move || {
        if remember_on.get_untracked() {
            // Erased since ("Rensa allt", or "Glöm" in another tab): not written back.
            if storage_available() && remembered().is_none() {
                remember_on.set(false);
                return;
            }
            let saved = state.staff.with_untracked(remember);
            if saved.is_err() {
                status.set(NOT_SAVED.into());
            }
        }
    };
    let fields = StaffField::ALL
        .into_iter()
        .map(|field| {
            let id = format!("staff-{}", field.key());
            view! {
                <div class="staff-field">
                    <label for=id.clone()>{field.label_sv()}</label>
                    <input
                        id=id.clone()
                        data-testid=id
                        type=field.input_type()
                        autocomplete=field.autocomplete()
                        prop:value=move || state.staff.with(|s| field.get(s).to_string())
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            state.staff.update(|s| field.set(s, &value));
                            save_if_remembered();
                        }
                    />
                </div>
            }
        })
        .collect_view();
    let on_remember = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            match state.staff.with_untracked(remember) {
                Ok(()) => {
                    remember_on.set(true);
                    status.set("Dina uppgifter sparas i den här webbläsaren.".into());
                }
                Err(StorageRefused) => {
                    remember_on.set(false);
                    status.set(NOT_SAVED.into());
                }
            }
        } else {
            remember_on.set(false);
            status.set(match forget() {
                Ok(()) => "Dina uppgifter sparas inte längre i den här webbläsaren.".into(),
                Err(StorageRefused) => String::new(),
            });
        }
    };
    let on_forget = move |_| {
        remember_on.set(false);
        state.staff.set(StaffDetails::default());
        status.set(match forget() {
            Ok(()) => "Dina uppgifter är borttagna ur formuläret och ur den här webbläsaren.".into(),
            Err(StorageRefused) => "Dina uppgifter är borttagna ur formuläret. Den här webbläsaren tillåter ingen lagring, så inget var sparat.".into(),
        });
    };
    view! {
        <details class="staff-details no-print" open=start_open data-testid="staff-details">
            <summary>"Dina uppgifter"</summary>
            <p class="staff-intro">
                "Dina kontaktuppgifter fylls i i begäran och telefonlistan."
            </p>
            <div class="staff-fields">{fields}</div>
            <div class="staff-remember">
                <input
                    type="checkbox"
                    id="staff-remember"
                    data-testid="staff-remember"
                    aria-describedby="staff-remember-hint"
                    prop:checked=move || remember_on.get()
                    on:change=on_remember
                />
                <label for="staff-remember">"Kom ihåg mina uppgifter i den här webbläsaren"</label>
                <p id="staff-remember-hint" class="staff-hint">
                    "Bara dina egna uppgifter ovan sparas, på den här datorn – aldrig något om barnet, "
                    "vårdnadshavarna eller fallet. Välj inte detta på en dator som andra använder."
                </p>
            </div>
            <button type="button" class="secondary" data-testid="staff-forget" on:click=on_forget>
                "Glöm mina uppgifter"
            </button>
            <p class="staff-status" role="status" data-testid="staff-status">{move || status.get()}</p>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> StaffDetails {
        let mut details = StaffDetails::default();
        for (field, value) in StaffField::ALL.into_iter().zip([
            "Anna Andersson",
            "Sjuksköterska",
            "ANAN01",
            "anna@example.org",
            "010-000 00 00",
            "BVC Norr",
            "Karin Chef",
        ]) {
            field.set(&mut details, value);
        }
        details
    }

    #[test]
    fn what_is_remembered_is_only_the_seven_staff_fields() {
        let stored = to_stored(&filled());
        let mut keys: Vec<&str> = stored
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["email", "manager", "name", "phone", "role", "staff_id", "unit"]
        );
        let mut partial = StaffDetails::default();
        StaffField::Name.set(&mut partial, "Anna Andersson");
        assert_eq!(
            to_stored(&partial).to_string(),
            r#"{"name":"Anna Andersson"}"#
        );
    }

    #[test]
    fn remembered_details_read_back_as_they_were_typed() {
        let text = to_stored(&filled()).to_string();
        let back = from_stored(&serde_json::from_str(&text).unwrap()).unwrap();
        assert_eq!(back, filled());
        assert_eq!(StaffField::Unit.get(&back), "BVC Norr");
        // The same names as the engine's own form of the details.
        let engine_form = serde_json::to_value(filled()).unwrap();
        assert_eq!(from_stored(&engine_form), Some(filled()));
    }

    #[test]
    fn a_stored_value_naming_anything_else_is_not_loaded() {
        for text in [
            r#"{"name":"Anna Andersson","child_name":"Elsa Test"}"#,
            r#"{"name":42}"#,
            r#"["Anna Andersson"]"#,
        ] {
            let stored: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(from_stored(&stored), None, "{text}");
        }
    }

    #[test]
    fn a_blank_field_is_no_value_so_the_document_says_it_is_missing() {
        let mut details = filled();
        StaffField::Phone.set(&mut details, "   ");
        assert_eq!(details.phone, None);
        StaffField::Phone.set(&mut details, "010-1 ");
        assert_eq!(details.phone.as_deref(), Some("010-1 "));
    }

    #[test]
    fn every_field_has_its_own_key_and_a_swedish_label() {
        let mut keys: Vec<&str> = StaffField::ALL.iter().map(|f| f.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), StaffField::ALL.len());
        assert!(StaffField::ALL.iter().all(|f| !f.label_sv().is_empty()));
    }
}
