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

use leptos::prelude::{document, request_animation_frame, set_timeout};
use wasm_bindgen::JsCast;

/// Run `f` in a task of its own once the next frame is on screen. A task queued at once
/// (`setTimeout`) runs before that frame whenever it is not yet due, so work that need not
/// show in the frame (the address, the tab's stored copy, the rest of a long list, the case
/// editor at start-up) would hold the frame up.
pub fn after_next_frame(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// Move the keyboard to the element with `id`, if it is in the page.
pub fn focus_id(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}
