//! The preview of a measure being added (to be built).

use leptos::prelude::*;

#[component]
pub fn MeasurePreview() -> impl IntoView {
    view! { <p>"Förhandsgranskning"</p> }
}
