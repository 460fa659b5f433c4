//! UI components, one per thing staff see. Each reads and writes the shared `AppState`
//! (see `state.rs`) by context.

pub mod access_matrix;
pub mod batches;
pub mod case_editor;
pub mod citation;
pub mod clipboard;
pub mod compare;
pub mod date_chooser;
pub mod date_input;
pub mod decision;
pub mod documents;
pub mod edit_status;
pub mod guardian_view;
pub mod header;
pub mod markup;
pub mod notices;
pub mod preview;
pub mod rule_sets;
pub mod saved_cases;
pub mod staff_details;
pub mod support;
pub mod timeline;
pub mod trainer;

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Move the keyboard to the element with `id`, if it is in the page.
pub fn focus_id(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}
