//! How a citation is shown everywhere: the quoted Swedish line, its source named as staff
//! know it ("VGR:s vägledning RS 2026-01475, 2026"), with its title, date, seed file or
//! address one click away ("Visa källa"; never a live link: nothing may load from
//! outside), and whether the parameter is stated, inferred, unknown or inherited from the
//! national baseline.

use insyn_engine::rule_set::{Certainty, Citation, RuleSet, Source};
use leptos::prelude::*;

use crate::components::markup::Markup;

/// The source by id: this rule set's, or, for a citation from another version (a measure
/// judged under the version in force when it was decided), the catalog's.
pub fn find_source<'a>(rule_set: &'a RuleSet, source_id: &str) -> Option<&'a Source> {
    rule_set.source(source_id).or_else(|| {
        insyn_engine::Catalog::embedded()
            .rule_sets
            .iter()
            .find_map(|r| r.source(source_id))
    })
}

/// The source as staff know it: "VGR:s vägledning RS 2026-01475, 2026". The one name every
/// view gives a source; its id and file stay behind "Visa källa" (`source_details`).
pub fn source_name(rule_set: &RuleSet, source_id: &str) -> String {
    find_source(rule_set, source_id).map_or_else(|| "okänd källa".to_string(), |s| s.name.clone())
}

/// "Visa källa": the source's full title, its date and the seed file or the address, folded
/// under the line that names it. Its id is for reviewers, on "Regelverk".
pub(crate) fn source_details(m: &mut Markup, rule_set: &RuleSet, source_id: &str) {
    let Some(source) = find_source(rule_set, source_id) else {
        return;
    };
    m.open("details", &[("class", "source-details")]);
    m.element("summary", &[], "Visa källa");
    m.open("dl", &[]);
    m.element("dt", &[], "Titel");
    m.element("dd", &[], &source.title);
    m.element("dt", &[], "Datum");
    let date = source
        .date
        .as_deref()
        .filter(|d| *d != "n.d.")
        .unwrap_or("odaterad");
    m.element("dd", &[], date);
    if let Some(file) = &source.file {
        m.element("dt", &[], "Fil");
        m.open("dd", &[]);
        m.element("code", &[], &format!("shared/{file}"));
        m.close("dd");
    }
    if let Some(url) = &source.url {
        m.element("dt", &[], "Adress");
        m.open("dd", &[("class", "source-url")]);
        m.text(url);
        m.close("dd");
    }
    m.close("dl");
    m.close("details");
}

/// "Visa regel-id": a rule's id (the rule-set parameter it rests on) folded, for reviewers
/// who look it up on "Regelverk"; staff read the sentence and the source instead.
pub(crate) fn rule_id_markup(m: &mut Markup, name: &str) {
    m.open("details", &[("class", "rule-id"), ("data-rule", name)]);
    m.element("summary", &[], "Visa regel-id");
    m.element("code", &[], name);
    m.close("details");
}

/// `rule_id_markup` as a view.
#[component]
pub fn RuleIdDetails(name: &'static str) -> impl IntoView {
    let mut m = Markup::default();
    rule_id_markup(&mut m, name);
    view! { <div class="rule-id-wrap" inner_html=m.finish()></div> }
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
        // Named as the timeline names rule sets ("Nationell baslinje", "VGR 2019"), not by id.
        parts.push(format!(
            "Ärvt från {}",
            crate::components::timeline::labels::rule_set_short_by_id(
                insyn_engine::Catalog::embedded(),
                parent
            )
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A citation: the quote, the source and any caveat (written as `citation_markup`).
#[component]
pub fn CitationView(rule_set: &'static RuleSet, citation: &'static Citation) -> impl IntoView {
    let mut m = Markup::default();
    citation_inner(&mut m, rule_set, citation);
    view! { <div class="citation" inner_html=m.finish()></div> }
}

/// The same citation as `CitationView`, written as markup for static blocks of text.
pub(crate) fn citation_markup(m: &mut Markup, rule_set: &RuleSet, citation: &Citation) {
    m.open("div", &[("class", "citation")]);
    citation_inner(m, rule_set, citation);
    m.close("div");
}

fn citation_inner(m: &mut Markup, rule_set: &RuleSet, citation: &Citation) {
    if !citation.quote.trim().is_empty() {
        m.element("blockquote", &[("lang", "sv")], &citation.quote);
    }
    m.element(
        "p",
        &[("class", "citation-source")],
        &format!("Källa: {}", source_name(rule_set, &citation.source)),
    );
    source_details(m, rule_set, &citation.source);
    if let Some(badge) = certainty_badge(citation) {
        m.element("p", &[("class", "certainty-badge")], &badge);
    }
    if let Some(note) = &citation.note {
        m.element("p", &[("class", "citation-note")], note);
    }
}
