//! How a citation is shown everywhere: the quoted Swedish line, its source (seed file or
//! link text, never a live link: nothing may load from outside), and whether the parameter
//! is stated, inferred, unknown or inherited from the national baseline.

use insyn_engine::rule_set::{Certainty, Citation, RuleSet};
use leptos::prelude::*;

use crate::components::markup::Markup;

/// The source's title and where to find it, as plain text. A citation from another rule
/// set than the one answering (a measure judged under the version in force when it was
/// decided) is looked up in the catalog.
pub fn source_text(rule_set: &RuleSet, source_id: &str) -> String {
    let source = rule_set.source(source_id).or_else(|| {
        insyn_engine::Catalog::embedded()
            .rule_sets
            .iter()
            .find_map(|r| r.source(source_id))
    });
    match source {
        Some(source) => {
            let place = source
                .file
                .as_deref()
                .map(|f| format!("shared/{f}"))
                .or_else(|| source.url.clone())
                .unwrap_or_default();
            let date = source
                .date
                .as_deref()
                .map(|d| format!(", {d}"))
                .unwrap_or_default();
            format!("{} ({source_id}{date}) – {place}", source.title)
        }
        None => source_id.to_string(),
    }
}

/// How sure a rule is, in words: the class that marks it (§, ≈ or ? before the text; see
/// `.certainty` in the styles) and the text, as the rule-set page's legend says it.
pub fn certainty_mark(certainty: Certainty) -> (&'static str, &'static str) {
    match certainty {
        Certainty::Stated => ("certainty certainty-stated", "Står i källan"),
        Certainty::Inferred => (
            "certainty certainty-inferred",
            "Tolkat – källan säger det inte uttryckligen",
        ),
        Certainty::Unknown => ("certainty certainty-unknown", "Okänt – ingen källa hittad"),
    }
}

/// A short badge for how sure the parameter is; `None` for a stated, own parameter.
pub fn certainty_badge(citation: &Citation) -> Option<String> {
    let mut parts = Vec::new();
    match citation.certainty {
        Certainty::Stated => {}
        Certainty::Inferred => parts.push("Tolkat".to_string()),
        Certainty::Unknown => parts.push("Okänt".to_string()),
    }
    if let Some(parent) = &citation.inherited_from {
        parts.push(format!(
            "Ärvt från {}",
            if parent == "national" {
                "nationell baslinje"
            } else {
                parent
            }
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A citation: the quote, the source and any caveat.
#[component]
pub fn CitationView(rule_set: &'static RuleSet, citation: &'static Citation) -> impl IntoView {
    let badge = certainty_badge(citation);
    let quote = (!citation.quote.trim().is_empty()).then(|| citation.quote.clone());
    view! {
        <div class="citation">
            {quote.map(|q| view! { <blockquote lang="sv">{q}</blockquote> })}
            <p class="citation-source">"Källa: " {source_text(rule_set, &citation.source)}</p>
            {badge.map(|b| view! { <p class="certainty-badge">{b}</p> })}
            {citation.note.clone().map(|n| view! { <p class="citation-note">{n}</p> })}
        </div>
    }
}

/// The same citation as `CitationView`, written as markup for static blocks of text.
pub(crate) fn citation_markup(m: &mut Markup, rule_set: &RuleSet, citation: &Citation) {
    m.open("div", &[("class", "citation")]);
    if !citation.quote.trim().is_empty() {
        m.element("blockquote", &[("lang", "sv")], &citation.quote);
    }
    m.element(
        "p",
        &[("class", "citation-source")],
        &format!("Källa: {}", source_text(rule_set, &citation.source)),
    );
    if let Some(badge) = certainty_badge(citation) {
        m.element("p", &[("class", "certainty-badge")], &badge);
    }
    if let Some(note) = &citation.note {
        m.element("p", &[("class", "citation-note")], note);
    }
    m.close("div");
}
