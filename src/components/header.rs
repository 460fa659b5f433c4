//! The page header: what Insyn is, which rule set and version answered, and the reminder
//! that Insyn supports but never replaces the staff's own harm assessment (menprövning).

use leptos::prelude::*;

use crate::components::saved_cases::ClearAllButton;
use crate::components::trainer::enter;
use crate::state::use_app_state;

#[component]
pub fn AppHeader() -> impl IntoView {
    let state = use_app_state();
    let answering = move || match state.rule_set.get() {
        Ok(rule_set) => format!(
            "Regelverk: {} (version {})",
            rule_set.title, rule_set.version
        ),
        Err(error) => format!("Inget regelverk: {}", error.message_sv()),
    };
    view! {
        <header class="site-header">
            <div class="brand">
                <h1>"Insyn"</h1>
                <p class="tagline">"Vem kan se vad i barnets journal i 1177 – och varför?"</p>
            </div>
            <p class="answering" data-testid="answering-rule-set">{answering}</p>
            <div class="header-actions">
                <button
                    type="button"
                    id="open-trainer"
                    class="secondary no-print"
                    data-testid="open-trainer"
                    on:click=move |_| enter(state)
                >
                    "Utbildningsläge"
                </button>
                <ClearAllButton/>
            </div>
        </header>
    }
}

/// Shown on every page.
#[component]
pub fn HarmAssessmentNotice() -> impl IntoView {
    view! {
        <p class="harm-notice" role="note">
            "Insyn är ett stöd. Det ersätter aldrig din egen menprövning och bedömning av barnets bästa. "
            "Allt du skriver stannar i den här webbläsaren och skickas ingenstans."
        </p>
    }
}
