//! Opening and saving a case: the built-in training cases, export to a JSON file and
//! opening one. Everything happens in the browser: the export is a Blob handed to a
//! temporary `<a download>`, the import a FileReader; no request leaves the page.

use chrono::NaiveDate;
use insyn_engine::age::birthday;
use insyn_engine::case::Child;
use insyn_engine::Case;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::parties::child_birth;
use crate::state::{use_app_state, AppState};
use crate::training_cases::{training_case, EXAMPLE_CASE_ID, TRAINING_CASES};

// The few browser APIs needed here, bound directly (web-sys would need extra features).
#[wasm_bindgen]
extern "C" {
    type Blob;
    #[wasm_bindgen(constructor, catch)]
    fn new(parts: &js_sys::Array, options: &js_sys::Object) -> Result<Blob, JsValue>;

    #[wasm_bindgen(js_namespace = URL, js_name = createObjectURL, catch)]
    fn create_object_url(blob: &Blob) -> Result<String, JsValue>;
    #[wasm_bindgen(js_namespace = URL, js_name = revokeObjectURL)]
    fn revoke_object_url(url: &str);

    #[derive(Clone)]
    type FileReader;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<FileReader, JsValue>;
    #[wasm_bindgen(method, js_name = readAsText, catch)]
    fn read_as_text(this: &FileReader, file: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, setter)]
    fn set_onload(this: &FileReader, handler: &js_sys::Function);
    #[wasm_bindgen(method, setter)]
    fn set_onerror(this: &FileReader, handler: &js_sys::Function);
    #[wasm_bindgen(method, getter)]
    fn result(this: &FileReader) -> JsValue;
}

/// The name of the exported file. Never the child's name: the file may be mailed around.
pub const EXPORT_FILE_NAME: &str = "insyn-fall.json";
/// A case file is a few kilobytes; anything much larger is not one.
const MAX_FILE_BYTES: f64 = 1_000_000.0;

/// What the last open/export did, for the status line.
#[derive(Clone, PartialEq)]
enum Status {
    Done(String),
    Failed(String),
}

fn export_case(case: &Case) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(&case.to_json_pretty()));
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &"application/json".into())?;
    let blob = Blob::new(&parts, &options)?;
    let url = create_object_url(&blob)?;
    let document = document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(EXPORT_FILE_NAME);
    link.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // Give the browser a moment to start the download before the URL goes away.
    set_timeout(
        move || revoke_object_url(&url),
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// The date to show an opened case on: today while the child is a minor, otherwise the
/// nearest end of the minority (as for training cases).
fn start_date(case: &Case, today: NaiveDate) -> NaiveDate {
    match child_birth(case, today) {
        Some(birth) => today.clamp(birth, birthday(birth, 18)),
        None => today,
    }
}

/// Replace the case with the one in a file's text; a bad file changes nothing.
fn open_case_text(state: AppState, text: &str) -> Result<(), String> {
    let case = Case::from_json(text).map_err(|error| {
        let place = error
            .path()
            .filter(|p| !p.is_empty())
            .map(|p| format!(" (fältet {p})"))
            .unwrap_or_default();
        format!(
            "Filen kunde inte öppnas: {}{place} Det öppna fallet är oförändrat.",
            error.message_sv()
        )
    })?;
    let date = start_date(&case, state.today);
    state.replace_case(case, date);
    Ok(())
}

/// An empty case in `region`: no child details, guardians, units or measures yet.
pub fn new_case(region: &str) -> Case {
    Case {
        format_version: insyn_engine::case::FORMAT_VERSION,
        title: Some("Nytt fall".to_string()),
        region: region.to_string(),
        pinned_rule_set: None,
        child: Child::default(),
        guardians: Vec::new(),
        legal_representatives: Vec::new(),
        care_units: Vec::new(),
        measures: Vec::new(),
    }
}

fn read_file(
    state: AppState,
    file: JsValue,
    status: RwSignal<Option<Status>>,
) -> Result<(), JsValue> {
    let name = js_sys::Reflect::get(&file, &"name".into())?
        .as_string()
        .unwrap_or_default();
    let size = js_sys::Reflect::get(&file, &"size".into())?
        .as_f64()
        .unwrap_or(0.0);
    if size > MAX_FILE_BYTES {
        status.set(Some(Status::Failed(format!(
            "Filen {name} är för stor för att vara ett fall. Det öppna fallet är oförändrat."
        ))));
        return Ok(());
    }
    let reader = FileReader::new()?;
    let loaded = reader.clone();
    let onload = Closure::once_into_js(move || {
        let outcome = match loaded.result().as_string() {
            Some(text) => open_case_text(state, &text)
                .map(|()| Status::Done(format!("Fallet i {name} är öppnat."))),
            None => Err("Filen kunde inte läsas som text. Det öppna fallet är oförändrat.".into()),
        };
        let _ = status.try_set(Some(outcome.unwrap_or_else(Status::Failed)));
    });
    let onerror = Closure::once_into_js(move || {
        let _ = status.try_set(Some(Status::Failed(
            "Filen kunde inte läsas. Det öppna fallet är oförändrat.".into(),
        )));
    });
    reader.set_onload(onload.unchecked_ref());
    reader.set_onerror(onerror.unchecked_ref());
    reader.read_as_text(&file)
}

#[component]
pub fn TrainingCasePicker() -> impl IntoView {
    let state = use_app_state();
    let chosen = RwSignal::new(EXAMPLE_CASE_ID.to_string());
    let status = RwSignal::new(None::<Status>);
    let summary = move || training_case(&chosen.get()).map(|c| c.summary_sv);
    let open_training_case = move |_| {
        if let Some(training_case) = training_case(&chosen.get_untracked()) {
            state.load(training_case);
            status.set(Some(Status::Done(format!(
                "Övningsfallet ”{}” är öppnat.",
                training_case.title()
            ))));
        }
    };
    let new_empty_case = move |_| {
        let region = state.case.with_untracked(|case| case.region.clone());
        state.replace_case(new_case(&region), state.today);
        status.set(Some(Status::Done(
            "Ett nytt, tomt fall är öppnat. Fyll i barnet under Fallet.".into(),
        )));
    };
    let export = move |_| {
        let result = state.case.with_untracked(export_case);
        status.set(Some(match result {
            Ok(()) => Status::Done(format!(
                "Fallet sparas som {EXPORT_FILE_NAME} i webbläsarens nedladdningar."
            )),
            Err(_) => Status::Failed("Fallet kunde inte exporteras i den här webbläsaren.".into()),
        }));
    };
    let open_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let file = js_sys::Reflect::get(&input, &"files".into())
            .and_then(|files| js_sys::Reflect::get(&files, &0.into()))
            .ok()
            .filter(|file| !file.is_undefined() && !file.is_null());
        if let Some(file) = file {
            if read_file(state, file, status).is_err() {
                status.set(Some(Status::Failed(
                    "Filen kunde inte läsas. Det öppna fallet är oförändrat.".into(),
                )));
            }
        }
        // The same file can be chosen again after it is fixed.
        input.set_value("");
    };
    let options = TRAINING_CASES
        .iter()
        .map(|c| {
            let id = c.id;
            view! {
                <option value=id title=c.summary_sv selected=move || chosen.get() == id>
                    {c.title()}
                </option>
            }
        })
        .collect_view();
    view! {
        <section class="case-files" aria-label="Övningsfall och filer" data-testid="case-files">
            <div class="field-row picker-row">
                <div class="field">
                    <label for="training-case">"Övningsfall"</label>
                    <select
                        id="training-case"
                        data-testid="training-case"
                        aria-describedby="training-case-summary"
                        on:change=move |ev| chosen.set(event_target_value(&ev))
                    >
                        {options}
                    </select>
                </div>
                <div class="item-actions">
                    <button type="button" data-testid="open-training-case" on:click=open_training_case>
                        "Öppna"
                    </button>
                    <button type="button" class="secondary" data-testid="new-case" on:click=new_empty_case>
                        "Nytt fall"
                    </button>
                </div>
            </div>
            <p class="field-note" id="training-case-summary">{summary}</p>
            <div class="file-actions">
                <button type="button" class="secondary" data-testid="export-case" on:click=export>
                    "Exportera fallet (JSON)"
                </button>
                <input
                    type="file"
                    id="case-file"
                    class="file-input"
                    accept=".json,application/json"
                    data-testid="open-case-file"
                    on:change=open_file
                />
                <label for="case-file" class="file-button">"Öppna fil…"</label>
            </div>
            <p
                class="file-status"
                class:failed=move || matches!(status.get(), Some(Status::Failed(_)))
                role="status"
                data-testid="case-file-status"
            >
                {move || match status.get() {
                    Some(Status::Done(message)) => Some(view! { <span aria-hidden="true">"✔ "</span> {message} }.into_any()),
                    Some(Status::Failed(message)) => Some(view! { <span aria-hidden="true">"⚠ "</span> {message} }.into_any()),
                    None => None,
                }}
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_case_keeps_the_region_and_has_nothing_else_yet() {
        let case = new_case("rjl");
        assert_eq!(case.region, "rjl");
        assert_eq!(case.title.as_deref(), Some("Nytt fall"));
        assert_eq!(case.child, Child::default());
        assert!(case.child.birth_date.is_none() && case.child.identity_number.is_none());
        assert!(case.guardians.is_empty() && case.care_units.is_empty());
        assert!(case.legal_representatives.is_empty() && case.measures.is_empty());
        // It is a case the app can hold and export: it reads back as itself.
        assert_eq!(Case::from_json(&case.to_json_pretty()).ok(), Some(case));
    }
}
