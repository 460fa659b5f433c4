//! "Dokument" (to be built).

use leptos::prelude::*;

#[component]
pub fn DocumentsView() -> impl IntoView {
    view! { <p>"Dokument"</p> }
}
