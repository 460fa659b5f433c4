//! "Fallet": the case editor. Staff describe the child's situation here; every input edits
//! `state.case` (the plain domain `Case` in one signal) directly, carries `data-path` = the
//! engine's path of its field, and shows the engine's message for that path next to it.
//! The error summary above the results lists every problem, each a button that takes the
//! keyboard to its field.
//!
//! - `fields`: the inputs (text, date, select, checkboxes, protected-identity periods).
//! - `parties`: region, child, guardians, legal representatives, care units.
//! - `measures`: every measure kind of the engine.
//! - `files`: training cases, export and opening a case file.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

mod fields;
mod files;
mod measures;
mod parties;

pub use fields::{is_within, FieldTarget};
pub use files::{file_status, open_shared_case, read_case, Status, TrainingCasePicker};
use measures::MeasureList;
pub use measures::{measure_fields, EditorOptions};
use parties::{ChildFields, GuardianList, RegionFields, RepresentativeList, UnitList};

use crate::state::use_app_state;

#[component]
pub fn CaseEditor() -> impl IntoView {
    let state = use_app_state();
    provide_context(EditorOptions::new(state));
    view! {
        <section class="case-editor" data-testid="case-editor" aria-labelledby="case-editor-heading">
            <h2 id="case-editor-heading">"Fallet"</h2>
            <RegionFields/>
            <ChildFields/>
            <GuardianList/>
            <RepresentativeList/>
            <UnitList/>
            <MeasureList/>
        </section>
    }
}

/// Every problem of the case, above the results, each a link that takes the keyboard to
/// its field. The live region is always in the page so screen readers hear the list when
/// it appears.
///
/// The summary takes the keyboard when a case is opened with problems (a training case, a
/// file, a shared link, a saved case, a new empty case): the user did not make them, and
/// the list says what to fix and where. It never takes the keyboard while the user edits:
/// a field's own message is beside it (and read with it), and a summary snatching the
/// keyboard at each keystroke, or on leaving a field with Tab, would lose the user's place.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| {
        state.openings.track();
        if state.errors.with_untracked(|errors| !errors.is_empty()) {
            // After the summary is drawn; a hidden summary (trainers' mode) takes nothing.
            request_animation_frame(|| super::focus_id("error-summary"));
        }
    });
    let summary = move || {
        let errors = state.errors.get();
        if errors.is_empty() {
            return None;
        }
        let items = state.case.with_untracked(|case| {
            errors
                .into_iter()
                .map(|error| {
                    let place = describe_path(case, &error.path);
                    let path = error.path.clone();
                    view! {
                        <li>
                            <a
                                href=format!("#{}", fields::dom_id(&error.path))
                                data-error-path=error.path
                                on:click=move |ev| {
                                    // The link's target may be a group, or gone: focus_path
                                    // finds the nearest input; the address stays as it is.
                                    ev.prevent_default();
                                    focus_path(&path);
                                }
                            >
                                <span class="error-place">{place}": "</span>
                                {error.message_sv}
                            </a>
                        </li>
                    }
                })
                .collect_view()
        });
        Some(view! {
            <section
                id="error-summary"
                class="error-summary"
                data-testid="error-summary"
                aria-labelledby="error-summary-heading"
                tabindex="-1"
            >
                <h2 id="error-summary-heading">
                    <span aria-hidden="true">"⚠ "</span>"Rätta följande i fallet"
                </h2>
                <ul>{items}</ul>
            </section>
        })
    };
    view! { <div class="error-summary-region" aria-live="polite">{summary}</div> }
}

/// Move the keyboard to the field at `path`; if there is no input for exactly that path
/// (e.g. `guardians[0].registered`), to the first input inside it, else inside its parent.
pub fn focus_path(path: &str) {
    let document = document();
    let mut candidate = path.to_string();
    loop {
        let selectors = [
            format!("[data-path=\"{candidate}\"]"),
            format!("[data-path^=\"{candidate}.\"]"),
            format!("[data-path^=\"{candidate}[\"]"),
        ];
        for selector in selectors {
            if let Ok(Some(element)) = document.query_selector(&selector) {
                if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
                return;
            }
        }
        match candidate.rfind(['.', '[']) {
            Some(cut) if cut > 0 => candidate.truncate(cut),
            _ => return,
        }
    }
}

/// Where a path points, in Swedish: `measures[1].period.to` → "Åtgärd 2 (Blockering), t.o.m.".
pub fn describe_path(case: &insyn_engine::Case, path: &str) -> String {
    let mut parts = Vec::new();
    for (position, segment) in path.split('.').enumerate() {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        if position == 0 {
            let n = index.map_or(0, |i| i + 1);
            parts.push(match (name, index) {
                ("child", _) => "Barnet".to_string(),
                ("guardians", Some(i)) => case
                    .guardians
                    .get(i)
                    .and_then(|g| g.name.clone())
                    .filter(|name| !name.trim().is_empty())
                    .map_or_else(
                        || format!("Vårdnadshavare {n}"),
                        |name| format!("Vårdnadshavare {n} ({name})"),
                    ),
                // A whole list (over its limit).
                ("guardians", None) => "Vårdnadshavare".to_string(),
                ("legal_representatives", None) => "Ställföreträdare".to_string(),
                ("care_units", None) => "Vårdenheter".to_string(),
                ("measures", None) => "Åtgärder".to_string(),
                ("legal_representatives", _) => format!("Ställföreträdare {n}"),
                ("care_units", Some(i)) => case
                    .care_units
                    .get(i)
                    .map(|u| u.name.clone())
                    .filter(|name| !name.trim().is_empty())
                    .map_or_else(
                        || format!("Vårdenhet {n}"),
                        |name| format!("Vårdenhet {n} ({name})"),
                    ),
                ("measures", Some(i)) => match case.measures.get(i) {
                    Some(m) => format!("Åtgärd {n} ({})", m.kind.name_sv()),
                    None => format!("Åtgärd {n}"),
                },
                ("region", _) => "Region".to_string(),
                ("pinned_rule_set", _) => "Regelverk".to_string(),
                ("date", _) => "Visa läget den".to_string(),
                ("timeline", _) => "Tidslinjen".to_string(),
                ("title", _) => "Rubrik".to_string(),
                ("format_version", _) => "Formatversion".to_string(),
                (other, _) => other.to_string(),
            });
            continue;
        }
        let label = match name {
            "period" => continue,
            "name" => "namn",
            "birth_date" => "födelsedatum",
            "identity_number" => "personnummer",
            "protected_identity" => "skyddad identitet",
            "has_e_id" => "e-legitimation",
            "registered" => "vårdnadshavare",
            "from" => "fr.o.m.",
            "to" => "t.o.m.",
            "id" => "id",
            "kind" => "typ",
            "appointed" => "förordnad",
            "access_decided" => "beslut om tillgång",
            "decided_on" => "beslutsdatum",
            "decided_by" => "beslutad av",
            "unit" => "begärande enhet",
            "guardians" | "guardian" => "vårdnadshavare",
            "initiating_units" => "initierande enheter",
            "scope" => "omfattning",
            "sealed_unit" => "förseglad enhet",
            "entries" => "anteckningar",
            "initiative" => "initiativ",
            "sealing" => "försegling",
            "requesting_unit" => "enhet som begär",
            "access_unit" | "note_unit" => "enhet",
            "category" => "sökord",
            "investigation_until" => "utredning t.o.m.",
            other => other,
        };
        parts.push(label.to_string());
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_swedish_places() {
        let case = crate::training_cases::example_case().case();
        assert_eq!(
            describe_path(&case, "guardians[0].registered.from"),
            "Vårdnadshavare 1 (Sara Exempel), vårdnadshavare, fr.o.m."
        );
        assert_eq!(
            describe_path(&case, "child.identity_number"),
            "Barnet, personnummer"
        );
        assert_eq!(
            describe_path(&case, "measures[4].period.to"),
            "Åtgärd 5, t.o.m."
        );
        assert_eq!(describe_path(&case, "date"), "Visa läget den");
        assert_eq!(describe_path(&case, "measures"), "Åtgärder");
        assert_eq!(describe_path(&case, "timeline.to"), "Tidslinjen, t.o.m.");
    }
}
