//! Opening and saving a case: the built-in training cases, export to a JSON file, opening
//! one, and sharing a training case as a link. Everything happens in the browser: the
//! export is a Blob handed to a temporary `<a download>`, the import a FileReader; no
//! request leaves the page.
//!
//! A file and a shared link are read the same way, as the CLI reads a file: the raw bytes
//! go to the engine's one reader (`Case::from_bytes`: UTF-8 with or without a byte order
//! mark, no other encoding, no key twice, within the format's limits), then the case is
//! checked whole, and every problem is listed with its field. A file or link with any
//! problem leaves the open case as it is.

use chrono::NaiveDate;
use insyn_engine::age::birthday;
use insyn_engine::case::limits::MAX_TEXT_BYTES;
use insyn_engine::case::Child;
use insyn_engine::validation::validate_case_all;
use insyn_engine::{Case, EngineError};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::describe_path;
use super::parties::child_birth;
use crate::address::{base64url_decode, case_fragment, page_address, MAX_LINK_FRAGMENT_CHARS};
use crate::components::clipboard::{copy_text, CopyResult};
use crate::personal_data::{has_identity_number, personal_data_paths, without_personal_data};
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
    #[wasm_bindgen(method, js_name = readAsArrayBuffer, catch)]
    fn read_as_array_buffer(this: &FileReader, file: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, setter)]
    fn set_onload(this: &FileReader, handler: &js_sys::Function);
    #[wasm_bindgen(method, setter)]
    fn set_onerror(this: &FileReader, handler: &js_sys::Function);
    #[wasm_bindgen(method, getter)]
    fn result(this: &FileReader) -> JsValue;
}

/// What the last open, export or share did, for the status line: a message, and for a
/// refused file or link every problem with its field.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Done(String),
    Failed {
        message: String,
        problems: Vec<String>,
    },
}

impl Status {
    fn failed(message: impl Into<String>) -> Status {
        Status::Failed {
            message: message.into(),
            problems: Vec::new(),
        }
    }
}

/// The status line of the files section, shared with the page's address (a shared link is
/// opened before the section is drawn, and reports there).
#[derive(Clone, Copy)]
struct FileStatus(RwSignal<Option<Status>>);

/// The files section's status, provided here if no component above did.
pub fn file_status() -> RwSignal<Option<Status>> {
    match use_context::<FileStatus>() {
        Some(FileStatus(status)) => status,
        None => {
            let status = RwSignal::new(None);
            provide_context(FileStatus(status));
            status
        }
    }
}

const UNCHANGED: &str = "Det öppna fallet är oförändrat.";

/// The exported file's name, after the case's title and the date: `insyn-vanlig-familj-2026-11-23.json`.
/// Only ASCII letters, digits and dashes, so it survives any file system and mail program.
pub fn export_file_name(title: Option<&str>, date: NaiveDate) -> String {
    let mut slug = String::new();
    for ch in title.unwrap_or_default().chars() {
        let ascii = match ch {
            'a'..='z' | '0'..='9' => Some(ch),
            'A'..='Z' => Some(ch.to_ascii_lowercase()),
            'å' | 'ä' | 'à' | 'á' | 'Å' | 'Ä' | 'À' | 'Á' => Some('a'),
            'ö' | 'ø' | 'ó' | 'Ö' | 'Ø' | 'Ó' => Some('o'),
            'é' | 'è' | 'É' | 'È' => Some('e'),
            'ü' | 'Ü' => Some('u'),
            _ => None,
        };
        match ascii {
            Some(c) if slug.len() < 60 => slug.push(c),
            Some(_) => break,
            None if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            None => {}
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "fall" } else { slug };
    format!("insyn-{slug}-{date}.json")
}

/// The case as it is exported: with names and personnummer only if staff asked for them.
/// Without them, a title that quotes a number does not name the file either.
fn exported(case: &Case, with_personal_data: bool, date: NaiveDate) -> (Case, String) {
    if with_personal_data {
        return (case.clone(), export_file_name(case.title.as_deref(), date));
    }
    let case = without_personal_data(case, date);
    let title = case.title.as_deref().filter(|t| !has_identity_number(t));
    let name = export_file_name(title, date);
    (case, name)
}

fn export_case(case: &Case, file_name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(&case.to_json_pretty()));
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &"application/json".into())?;
    let blob = Blob::new(&parts, &options)?;
    let url = create_object_url(&blob)?;
    let document = document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
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

/// One problem as a line of the list: where in Swedish, the field's path as the file
/// writes it, and what is wrong.
fn problem_line(case: &Case, error: &EngineError) -> String {
    let path = error.path().filter(|p| !p.is_empty());
    let message = match error {
        // The reader's own words say what the field should hold ("expected a date
        // (YYYY-MM-DD), found 5"); the Swedish message alone only says that it is wrong.
        EngineError::Malformed { message, .. } => {
            format!("följer inte fallformatet ({message}).")
        }
        other => other.message_sv(),
    };
    match path {
        Some(path) => format!("{} ({path}): {message}", describe_path(case, path)),
        None => message,
    }
}

/// Read a case from a file's or a link's bytes with the engine's one reader; every problem
/// it finds, each with its field, if it cannot be read.
fn parse_case(bytes: &[u8]) -> Result<Case, Vec<String>> {
    Case::from_bytes_all(bytes).map_err(|errors| {
        let empty = new_case("");
        errors.iter().map(|e| problem_line(&empty, e)).collect()
    })
}

/// Check a case read from a file or a link whole, as it would be shown: every problem
/// found, each with its field, or the case and the date to show it on.
fn check_case(state: AppState, case: Case) -> Result<(Case, NaiveDate), Vec<String>> {
    let date = start_date(&case, state.today);
    let mut problems: Vec<String> = match validate_case_all(&case, date) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(|e| problem_line(&case, e)).collect(),
    };
    // A region or pinned rule set the app does not know; no rule set in force on the date
    // is not a problem of the file (another date may have one).
    if let Err(error @ (EngineError::UnknownRegion { .. } | EngineError::UnknownRuleSet { .. })) =
        state
            .catalog
            .resolve(&case.region, case.pinned_rule_set.as_deref(), date)
    {
        problems.push(problem_line(&case, &error));
    }
    if problems.is_empty() {
        Ok((case, date))
    } else {
        Err(problems)
    }
}

/// Read and check a case from a file's or a link's bytes (`parse_case`, `check_case`).
pub fn read_case(state: AppState, bytes: &[u8]) -> Result<(Case, NaiveDate), Vec<String>> {
    check_case(state, parse_case(bytes)?)
}

/// Open a case file's bytes: replace the case (after asking, if the open case has unsaved
/// changes), or report every problem and change nothing.
fn open_file_bytes(state: AppState, status: RwSignal<Option<Status>>, name: &str, bytes: &[u8]) {
    match read_case(state, bytes) {
        Ok((case, date)) => {
            let done = format!("Fallet i {name} är öppnat.");
            state.replace_after_asking(format!("fallet i {name}"), move || {
                state.replace_case(case.clone(), date);
                let _ = status.try_set(Some(Status::Done(done.clone())));
            });
        }
        Err(problems) => {
            let _ = status.try_set(Some(Status::Failed {
                message: format!("Filen {name} kunde inte öppnas. {UNCHANGED}"),
                problems,
            }));
        }
    }
}

/// Open the case of a shared link (the fragment's text after `/fall/`): it is read and
/// checked as a file is, and refused if it holds names or personnummer.
pub fn open_shared_case(state: AppState, status: RwSignal<Option<Status>>, data: &str) {
    let refused = |message: String, problems: Vec<String>| {
        status.set(Some(Status::Failed {
            message: format!("Den delade länken kunde inte öppnas: {message} {UNCHANGED}"),
            problems,
        }));
    };
    if data.chars().count() > MAX_LINK_FRAGMENT_CHARS {
        return refused(
            "länken är längre än ett delat övningsfall kan vara.".into(),
            Vec::new(),
        );
    }
    let Some(bytes) = base64url_decode(data) else {
        return refused(
            "länken är inte hel (den kan ha brutits av när den kopierades).".into(),
            Vec::new(),
        );
    };
    let case = match parse_case(&bytes) {
        Ok(case) => case,
        Err(problems) => return refused("fallet i länken går inte att läsa.".into(), problems),
    };
    // Names and personnummer first: whatever else is wrong, they must not be in an address.
    let personal = personal_data_paths(&case);
    if !personal.is_empty() {
        let places = personal.iter().map(|p| describe_path(&case, p)).collect();
        return refused(
            "den innehåller namn eller personnummer, som aldrig får stå i en adress.".into(),
            places,
        );
    }
    let (case, date) = match check_case(state, case) {
        Ok(checked) => checked,
        Err(problems) => return refused("fallet i länken har fel.".into(), problems),
    };
    state.replace_after_asking("övningsfallet i den delade länken", move || {
        state.replace_case(case.clone(), date);
        status.set(Some(Status::Done(
            "Övningsfallet i den delade länken är öppnat.".into(),
        )));
    });
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
    // Refused before a byte is read: a file this large is not a case, and reading it would
    // hold up the page.
    if size > MAX_TEXT_BYTES as f64 {
        let message = EngineError::TooLarge {
            limit: MAX_TEXT_BYTES,
        }
        .message_sv();
        status.set(Some(Status::failed(format!(
            "Filen {name} kunde inte öppnas. {message} {UNCHANGED}"
        ))));
        return Ok(());
    }
    let reader = FileReader::new()?;
    let loaded = reader.clone();
    let onload = Closure::once_into_js(move || {
        let bytes = js_sys::Uint8Array::new(&loaded.result()).to_vec();
        open_file_bytes(state, status, &name, &bytes);
    });
    let onerror = Closure::once_into_js(move || {
        let _ = status.try_set(Some(Status::failed(format!(
            "Filen kunde inte läsas. {UNCHANGED}"
        ))));
    });
    reader.set_onload(onload.unchecked_ref());
    reader.set_onerror(onerror.unchecked_ref());
    reader.read_as_array_buffer(&file)
}

/// The link to the open case, or why there is none.
fn share_link(case: &Case) -> Result<String, Status> {
    let personal = personal_data_paths(case);
    if !personal.is_empty() {
        return Err(Status::Failed {
            message: "Länken skapas inte: fallet innehåller namn eller personnummer, och en \
                      adress sparas i webbläsarens historik och följer med när den klistras in. \
                      Töm fälten nedan först, eller dela fallet som fil (Exportera fallet)."
                .into(),
            problems: personal.iter().map(|p| describe_path(case, p)).collect(),
        });
    }
    let fragment = case_fragment(case);
    let length = fragment.chars().count();
    if length > MAX_LINK_FRAGMENT_CHARS {
        return Err(Status::failed(format!(
            "Länken skapas inte: fallet är för stort för en länk ({length} tecken, högst \
             {MAX_LINK_FRAGMENT_CHARS}). Dela det som fil i stället (Exportera fallet)."
        )));
    }
    Ok(format!("{}#{fragment}", page_address()))
}

#[component]
pub fn TrainingCasePicker() -> impl IntoView {
    let state = use_app_state();
    let chosen = RwSignal::new(EXAMPLE_CASE_ID.to_string());
    let status = file_status();
    let summary = move || training_case(&chosen.get()).map(|c| c.summary_sv);
    // The closed picker cuts a long title to the select's width (a few words at 320 px),
    // so the chosen case's title is written out in full below it.
    let chosen_title = move || training_case(&chosen.get()).map(|c| c.title());
    let open_training_case = move |_| {
        if let Some(training_case) = training_case(&chosen.get_untracked()) {
            let title = training_case.title();
            state.replace_after_asking(format!("övningsfallet ”{title}”"), move || {
                state.load(training_case);
                status.set(Some(Status::Done(format!(
                    "Övningsfallet ”{title}” är öppnat."
                ))));
            });
        }
    };
    let new_empty_case = move |_| {
        let region = state.case.with_untracked(|case| case.region.clone());
        state.replace_after_asking("ett nytt, tomt fall", move || {
            state.replace_case(new_case(&region), state.today);
            status.set(Some(Status::Done(
                "Ett nytt, tomt fall är öppnat. Fyll i barnet under Fallet.".into(),
            )));
        });
    };

    // Export asks first whether names and personnummer go with the file (default: no).
    let asking = RwSignal::new(false);
    let with_personal_data = RwSignal::new(false);
    let ask_export = move |_| {
        with_personal_data.set(false);
        asking.set(true);
        request_animation_frame(|| {
            if let Some(first) = document().get_element_by_id("export-without-personal-data") {
                let _ = first.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    };
    let export = move |_| {
        let (case, file_name) = state
            .case
            .with_untracked(|case| exported(case, with_personal_data.get_untracked(), state.today));
        asking.set(false);
        status.set(Some(match export_case(&case, &file_name) {
            Ok(()) => Status::Done(format!(
                "Fallet sparas som {file_name} i webbläsarens nedladdningar{}.",
                if with_personal_data.get_untracked() {
                    ", med namn och personnummer"
                } else {
                    ", utan namn och personnummer"
                }
            )),
            Err(_) => Status::failed("Fallet kunde inte exporteras i den här webbläsaren."),
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
                status.set(Some(Status::failed(format!(
                    "Filen kunde inte läsas. {UNCHANGED}"
                ))));
            }
        }
        // The same file can be chosen again after it is fixed.
        input.set_value("");
    };

    // A link to the case, shown (so it can be selected where copying is not allowed) and
    // copied. Any edit makes it stale, so it goes.
    let link = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        state.case.track();
        link.set(None);
    });
    let share = move |_| match state.case.with_untracked(share_link) {
        Err(refusal) => {
            link.set(None);
            status.set(Some(refusal));
        }
        Ok(url) => {
            link.set(Some(url.clone()));
            status.set(None);
            request_animation_frame(move || {
                let shown = document().get_element_by_id("share-link");
                copy_text(&url, shown, move |result| {
                    let message = match result {
                        CopyResult::Copied => "Länken till övningsfallet är kopierad. Den innehåller fallet men inga namn eller personnummer.",
                        CopyResult::Selected => "Länken är markerad – tryck Ctrl+C för att kopiera den.",
                        CopyResult::Failed => "Länken kunde inte kopieras. Markera den och tryck Ctrl+C.",
                    };
                    let _ = status.try_set(Some(Status::Done(message.into())));
                });
            });
        }
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
    let export_question = move || {
        asking.get().then(|| {
            view! {
                <fieldset class="export-question" data-testid="export-question">
                    <legend>"Ta med namn och personnummer i filen?"</legend>
                    <div class="field field-check">
                        <input
                            type="radio"
                            name="export-personal-data"
                            id="export-without-personal-data"
                            data-testid="export-without-personal-data"
                            prop:checked=move || !with_personal_data.get()
                            on:change=move |_| with_personal_data.set(false)
                        />
                        <label for="export-without-personal-data">"Nej, utan namn och personnummer"</label>
                    </div>
                    <div class="field field-check">
                        <input
                            type="radio"
                            name="export-personal-data"
                            id="export-with-personal-data"
                            data-testid="export-with-personal-data"
                            prop:checked=move || with_personal_data.get()
                            on:change=move |_| with_personal_data.set(true)
                        />
                        <label for="export-with-personal-data">"Ja, med namn och personnummer"</label>
                    </div>
                    <p class="field-note">
                        "Fritext (rubrik, beslutad av, motivering) följer med som den är skriven."
                    </p>
                    <div class="item-actions">
                        <button type="button" data-testid="export-save" on:click=export>
                            "Spara filen"
                        </button>
                        <button type="button" class="secondary" data-testid="export-cancel" on:click=move |_| asking.set(false)>
                            "Avbryt"
                        </button>
                    </div>
                </fieldset>
            }
        })
    };
    let shown_link = move || {
        link.get().map(|url| {
            view! {
                <div class="field share-link">
                    <label for="share-link">"Länk till övningsfallet"</label>
                    <input type="text" id="share-link" data-testid="share-link" readonly value=url/>
                </div>
            }
        })
    };
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
            // Hidden from screen readers: the picker's value says the same.
            <p class="chosen-case-title" data-testid="chosen-case-title" aria-hidden="true">
                {chosen_title}
            </p>
            <p class="field-note" id="training-case-summary">{summary}</p>
            <div class="file-actions">
                <button
                    type="button"
                    class="secondary"
                    data-testid="export-case"
                    aria-expanded=move || asking.get().to_string()
                    on:click=ask_export
                >
                    "Exportera fallet (JSON)…"
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
                <button type="button" class="secondary" data-testid="share-case" on:click=share>
                    "Dela som länk"
                </button>
            </div>
            {export_question}
            {shown_link}
            <div
                class="file-status"
                class:failed=move || matches!(status.get(), Some(Status::Failed { .. }))
                role="status"
                data-testid="case-file-status"
            >
                {move || match status.get() {
                    Some(Status::Done(message)) => Some(view! { <p><span aria-hidden="true">"✔ "</span> {message}</p> }.into_any()),
                    Some(Status::Failed { message, problems }) => {
                        let list = (!problems.is_empty()).then(|| {
                            let items = problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view();
                            view! { <ul class="file-problems" data-testid="case-file-problems">{items}</ul> }
                        });
                        Some(view! { <p><span aria-hidden="true">"⚠ "</span> {message}</p> {list} }.into_any())
                    }
                    None => None,
                }}
            </div>
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

    #[test]
    fn an_exported_file_is_named_after_the_title_and_the_date() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            export_file_name(Some("En vårdnadshavare utgör risk: blockering"), date),
            "insyn-en-vardnadshavare-utgor-risk-blockering-2026-11-23.json"
        );
        assert_eq!(
            export_file_name(Some("  Ärende (ÅÄÖ) 2!  "), date),
            "insyn-arende-aao-2-2026-11-23.json"
        );
        assert_eq!(export_file_name(None, date), "insyn-fall-2026-11-23.json");
        assert_eq!(
            export_file_name(Some("–?"), date),
            "insyn-fall-2026-11-23.json"
        );
        let long = "a".repeat(500);
        assert!(export_file_name(Some(&long), date).len() < 90);
    }

    #[test]
    fn an_export_without_personal_data_has_no_names_numbers_or_numbered_title() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut case = crate::training_cases::example_case().case();
        case.title = Some("Fall 20170101-2393".into());
        let (without, name) = exported(&case, false, date);
        // Free text goes as it is written; the dialog says so.
        assert_eq!(personal_data_paths(&without), ["title"]);
        assert_eq!(without.child.name, None);
        assert_eq!(name, "insyn-fall-2026-11-23.json");
        let (with, name) = exported(&case, true, date);
        assert_eq!(with, case);
        assert_eq!(name, "insyn-fall-20170101-2393-2026-11-23.json");
    }
}
