//! "Vilken åtgärd?": decision support (to be built).

use leptos::prelude::*;

#[component]
pub fn DecisionSupport() -> impl IntoView {
    view! { <p>"Vilken åtgärd?"</p> }
}
