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
