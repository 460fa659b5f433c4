//! "Dokument": the request (begäran), the documentation note (särskild anteckning), the
//! urgent phone checklist and the standard answer for one measure of the case, built by the
//! engine from the case, the rule set in force on the chosen date and "Dina uppgifter".
//!
//! What the document lacks is listed above it and marked in it as `[saknas: …]` (text, not
//! colour alone). Staff print it (an A4 print stylesheet prints the document only, see
//! `style/documents.css`) or copy its plain text. Nothing leaves the browser.

use insyn_engine::case::{Measure, MeasureKind};
use insyn_engine::documents::{
    document, Document, DocumentInput, DocumentKind, Item, Section, SourceLine, Value,
};
use insyn_engine::labels::measure_name;
use insyn_engine::rule_set::RuleSet;
use insyn_engine::{Case, EngineError};
use leptos::prelude::*;

use crate::components::citation::{citation_markup, rule_id_markup};
use crate::components::clipboard::{copy_text, CopyResult};
use crate::components::date_chooser::DateChooser;
use crate::components::markup::Markup;
use crate::components::staff_details::StaffDetailsForm;
use crate::state::{use_app_state, View};

/// An exception note is written in the journal under its keyword; it has no documents.
fn has_documents(measure: &Measure) -> bool {
    !matches!(measure.kind, MeasureKind::ExceptionNote { .. })
}

/// The measures a document can be written for, as (id, what the select shows).
pub fn measure_choices(case: &Case) -> Vec<(String, String)> {
    case.measures
        .iter()
        .filter(|m| has_documents(m))
        .map(|m| (m.id.clone(), measure_name(case, m)))
        .collect()
}

/// The measure chosen first: the one decided last (its start date when no decision date is
/// given); of equal dates, the one added last.
pub fn default_measure(case: &Case) -> Option<String> {
    case.measures
        .iter()
        .filter(|m| has_documents(m))
        .max_by_key(|m| m.decided_on.unwrap_or(m.period.from))
        .map(|m| m.id.clone())
}

/// Why no document is shown.
enum Unavailable {
    /// The case has no measure with documents.
    NoMeasure,
    /// The case or the date has errors, or no rule set answers: one message of them.
    Invalid(String),
    /// The engine refused this measure.
    Refused(EngineError),
}

#[component]
pub fn DocumentsView() -> impl IntoView {
    let state = use_app_state();
    let choices = Memo::new(move |_| state.case.with(measure_choices));
    // The user's choice while it is still in the case, otherwise the latest decided.
    let chosen = Memo::new(move |_| {
        let choices = choices.get();
        match state.document_measure.get() {
            Some(id) if choices.iter().any(|(c, _)| *c == id) => Some(id),
            _ => state.case.with(default_measure),
        }
    });
    // Read by the body alone, so a plain closure: a memo would compare and clone documents.
    let built = move || -> Result<Document<'static>, Unavailable> {
        let Some(measure_id) = chosen.get() else {
            return Err(Unavailable::NoMeasure);
        };
        // Never a document from wrong input: any problem the editor or the engine sees
        // stops it, not only those the engine would refuse.
        if let Some(first) = state.errors.with(|errors| errors.first().cloned()) {
            return Err(Unavailable::Invalid(first.message_sv));
        }
        let rule_set = state
            .rule_set
            .get()
            .map_err(|error| Unavailable::Invalid(error.message_sv()))?;
        let kind = state.document_kind.get();
        let date = state.date.get();
        state.staff.with(|staff| {
            state.case.with(|case| {
                document(
                    rule_set,
                    &DocumentInput {
                        case,
                        measure_id: &measure_id,
                        kind,
                        date,
                        staff,
                    },
                )
                .map_err(Unavailable::Refused)
            })
        })
    };

    let body = move || {
        let (testid, message) = match built() {
            // A request carries the reminders for its measure ("Att tänka på") itself.
            Ok(doc) => return view! { <DocumentShown doc=doc/> }.into_any(),
            Err(Unavailable::NoMeasure) => (
                "documents-empty",
                "Lägg till en åtgärd först – eller använd Vilken åtgärd?".to_string(),
            ),
            Err(Unavailable::Invalid(message)) => (
                "documents-invalid",
                format!("Dokumentet kan inte tas fram förrän fallet är rätt ifyllt: {message}"),
            ),
            Err(Unavailable::Refused(error)) => ("documents-refused", error.message_sv()),
        };
        let to_decide = (testid == "documents-empty").then(|| {
            view! {
                <button type="button" class="secondary" on:click=move |_| state.view.set(View::Decide)>
                    "Till Vilken åtgärd?"
                </button>
            }
        });
        view! {
            <div class="doc-unavailable" role="status" data-testid=testid>
                <p>{message}</p>
                {to_decide}
            </div>
        }
        .into_any()
    };

    view! {
        <section class="documents-view" aria-labelledby="documents-heading">
            <h2 id="documents-heading" class="no-print">"Dokument"</h2>
            <div class="doc-controls no-print">
                <MeasureChooser choices=choices chosen=chosen/>
                <KindChooser/>
            </div>
            <div class="no-print"><DateChooser/></div>
            <StaffDetailsForm/>
            {body}
        </section>
    }
}

#[component]
fn MeasureChooser(
    choices: Memo<Vec<(String, String)>>,
    chosen: Memo<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let options = move || {
        let chosen = chosen.get();
        choices
            .get()
            .into_iter()
            .map(|(id, label)| {
                let selected = chosen.as_deref() == Some(id.as_str());
                view! { <option value=id selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="doc-measure">
            <label for="doc-measure">"Åtgärd"</label>
            <select
                id="doc-measure"
                data-testid="doc-measure"
                disabled=move || choices.with(Vec::is_empty)
                prop:value=move || chosen.get().unwrap_or_default()
                on:change=move |ev| state.document_measure.set(Some(event_target_value(&ev)))
            >
                {options}
            </select>
        </div>
    }
}

/// The four kinds of document, as a group of toggle buttons.
#[component]
fn KindChooser() -> impl IntoView {
    let state = use_app_state();
    let buttons = DocumentKind::ALL
        .into_iter()
        .map(|kind| {
            let pressed = move || state.document_kind.get() == kind;
            view! {
                <button
                    type="button"
                    class="doc-kind"
                    data-testid=format!("doc-kind-{}", kind.key())
                    aria-pressed=move || pressed().to_string()
                    on:click=move |_| state.document_kind.set(kind)
                >
                    {kind.name_sv()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="doc-kinds" role="group" aria-label="Typ av dokument">
            {buttons}
        </div>
    }
}

/// The document with what it lacks above it, its actions, and its sources below.
#[component]
fn DocumentShown(doc: Document<'static>) -> impl IntoView {
    let text = doc.to_text();
    let missing = (!doc.missing.is_empty()).then(|| {
        view! {
            <div
                class="doc-missing no-print"
                role="note"
                aria-labelledby="doc-missing-heading"
                data-testid="doc-missing"
                inner_html=missing_markup(&doc.missing)
            ></div>
        }
    });
    let rule_set = use_app_state().rule_set.get_untracked().ok();
    let sources = rule_set.map(|rule_set| {
        view! {
            <section class="doc-sources no-print" aria-labelledby="doc-sources-heading" data-testid="doc-sources">
                <h3 id="doc-sources-heading">"Källor"</h3>
                <ul inner_html=sources_markup(rule_set, &doc.sources)></ul>
            </section>
        }
    });
    view! {
        {missing}
        <DocumentActions text=text/>
        <article
            class="document-sheet"
            data-testid="document"
            data-kind=doc.kind.key()
            aria-labelledby="doc-title"
            inner_html=sheet_markup(&doc)
        ></article>
        {sources}
    }
}

/// The sources, each rule with its citation. Static text, so markup (see `markup`).
fn sources_markup(rule_set: &RuleSet, sources: &[SourceLine]) -> String {
    let mut m = Markup::default();
    for source in sources {
        m.open("li", &[]);
        citation_markup(&mut m, rule_set, source.citation);
        rule_id_markup(&mut m, source.rule_id.name());
        m.close("li");
    }
    m.finish()
}

/// "Saknas i fallet", each missing value an item.
fn missing_markup(missing: &[String]) -> String {
    let mut m = Markup::default();
    m.element("h3", &[("id", "doc-missing-heading")], "Saknas i fallet");
    m.open("p", &[]);
    m.text("Fyll i det i fallet eller under Dina uppgifter. Tills dess står det ");
    m.element("span", &[("class", "doc-missing-value")], "[saknas: …]");
    m.text(" i dokumentet.");
    m.close("p");
    m.open("ul", &[]);
    for what in missing {
        m.element("li", &[], what);
    }
    m.close("ul");
    m.finish()
}

/// "Kopiera text" and "Skriv ut / spara som PDF", with the plain text that is copied.
#[component]
fn DocumentActions(text: String) -> impl IntoView {
    let plain = NodeRef::<leptos::html::Textarea>::new();
    let status = RwSignal::new(String::new());
    let copied = text.clone();
    let copy = move |_| {
        let shown = plain.get_untracked().map(web_sys::Element::from);
        copy_text(&copied, shown, move |result: CopyResult| {
            status.set(result.message_sv().to_string())
        });
    };
    let print = move |_| {
        if window().print().is_err() {
            status.set(
                "Utskrift går inte att starta här. Använd webbläsarens meny: Skriv ut.".into(),
            );
        }
    };
    let rows = text.lines().count().clamp(4, 30);
    view! {
        <div class="doc-actions no-print">
            <button type="button" data-testid="doc-copy" on:click=copy>"Kopiera text"</button>
            <button type="button" data-testid="doc-print" on:click=print>"Skriv ut / spara som PDF"</button>
            <p class="doc-action-status" role="status" data-testid="doc-copy-status">{move || status.get()}</p>
            <details class="doc-plain">
                <summary>"Visa texten som kopieras"</summary>
                <label for="doc-plain-text" class="visually-hidden">"Dokumentet som text"</label>
                <textarea
                    id="doc-plain-text"
                    data-testid="doc-plain-text"
                    readonly=true
                    rows=rows
                    node_ref=plain
                    prop:value=text
                ></textarea>
            </details>
        </div>
    }
}

/// The document itself, the only thing printed, as markup (static text: view nodes for it
/// would cost the wasm several KB). On paper its footer is repeated at the bottom of every
/// page (style/documents.css): fixed in the page area, with the room it needs kept free by
/// the empty footer row of a layout table, which browsers repeat on every printed page.
fn sheet_markup(doc: &Document) -> String {
    let mut m = Markup::default();
    m.open("table", &[("class", "doc-page"), ("role", "presentation")]);
    m.open("tbody", &[]);
    m.open("tr", &[]);
    m.open("td", &[]);
    m.open("header", &[("class", "doc-head")]);
    m.element(
        "h3",
        &[
            ("id", "doc-title"),
            ("class", "doc-title"),
            ("data-testid", "doc-title"),
        ],
        &doc.title,
    );
    if let Some(subtitle) = &doc.subtitle {
        m.element("p", &[("class", "doc-subtitle")], subtitle);
    }
    m.close("header");
    for note in &doc.notes {
        m.open(
            "p",
            &[("class", "doc-caution"), ("data-testid", "doc-caution")],
        );
        m.element(
            "span",
            &[("class", "doc-icon"), ("aria-hidden", "true")],
            "⚠",
        );
        m.text(" ");
        m.element("strong", &[], "Obs!");
        m.text(" ");
        m.text(note);
        m.close("p");
    }
    let paragraphs = doc.kind == DocumentKind::Answer;
    for section in &doc.sections {
        section_markup(&mut m, section, paragraphs);
    }
    m.close("td");
    m.close("tr");
    m.close("tbody");
    m.open("tfoot", &[("aria-hidden", "true")]);
    m.open("tr", &[]);
    m.open("td", &[]);
    m.element("div", &[("class", "doc-footer-room")], "");
    m.close("td");
    m.close("tr");
    m.close("tfoot");
    m.close("table");
    let footer = format!(
        "{} · {} · {} (version {})",
        doc.case_title.as_deref().unwrap_or("Fall utan titel"),
        doc.date,
        doc.rule_set_title,
        doc.rule_set_version
    );
    m.element(
        "footer",
        &[("class", "doc-footer"), ("data-testid", "doc-footer")],
        &footer,
    );
    m.finish()
}

/// A section: labelled items as a definition list, the others as paragraphs (the standard
/// answer, or a single line) or a list, each run in order.
fn section_markup(m: &mut Markup, section: &Section, paragraphs: bool) {
    m.open("section", &[("class", "doc-section")]);
    m.element("h4", &[], &section.heading);
    let single = section.items.len() == 1;
    let mut open: Option<&str> = None;
    for item in &section.items {
        let (list, entry) = match (&item.label, paragraphs || single) {
            (Some(_), _) => ("dl", "dd"),
            (None, true) => ("", "p"),
            (None, false) => ("ul", "li"),
        };
        if open != Some(list) {
            if let Some(tag) = open.filter(|t| !t.is_empty()) {
                m.close(tag);
            }
            match list {
                "dl" => m.open("dl", &[("class", "doc-fields")]),
                "ul" => m.open("ul", &[("class", "doc-list")]),
                _ => {}
            }
            open = Some(list);
        }
        if let Some(label) = &item.label {
            m.element("dt", &[], label);
        }
        m.open(
            entry,
            if entry == "p" {
                &[("class", "doc-paragraph")]
            } else {
                &[]
            },
        );
        value_markup(m, item);
        m.close(entry);
    }
    if let Some(tag) = open.filter(|t| !t.is_empty()) {
        m.close(tag);
    }
    m.close("section");
}

/// A value, a missing one marked in words and by a frame, and any note on how sure it is.
fn value_markup(m: &mut Markup, item: &Item) {
    match &item.value {
        Value::Text(text) => m.text(text),
        Value::Missing(_) => m.element(
            "span",
            &[
                ("class", "doc-missing-value"),
                ("data-testid", "missing-value"),
            ],
            &item.value.text(),
        ),
    }
    if let Some(note) = &item.note {
        m.open("span", &[("class", "doc-value-note")]);
        m.element("span", &[("class", "visually-hidden")], " – ");
        m.text(note);
        m.close("span");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use insyn_engine::Case;

    fn case() -> Case {
        Case::from_json(include_str!("../../engine/cases/harm-at-home-sealing.json")).unwrap()
    }

    #[test]
    fn exception_notes_are_not_offered_since_they_have_no_documents() {
        let case = case();
        let offered: Vec<String> = measure_choices(&case)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        for measure in &case.measures {
            let is_note = matches!(measure.kind, MeasureKind::ExceptionNote { .. });
            assert_eq!(offered.contains(&measure.id), !is_note, "{}", measure.id);
        }
    }

    #[test]
    fn the_latest_decided_measure_is_chosen_first() {
        let case = case();
        let latest = case
            .measures
            .iter()
            .filter(|m| has_documents(m))
            .map(|m| m.decided_on.unwrap_or(m.period.from))
            .max()
            .unwrap();
        let chosen = default_measure(&case).unwrap();
        let measure = case.measure(&chosen).unwrap();
        assert_eq!(measure.decided_on.unwrap_or(measure.period.from), latest);
    }

    #[test]
    fn a_case_without_measures_has_nothing_to_choose() {
        let mut case = case();
        case.measures.clear();
        assert!(measure_choices(&case).is_empty());
        assert_eq!(default_measure(&case), None);
    }

    #[test]
    fn the_document_markup_escapes_what_the_case_says() {
        let doc = Document {
            kind: DocumentKind::Note,
            title: "<b>Titel</b>".into(),
            subtitle: None,
            missing: vec!["motivering".into()],
            notes: vec![],
            sections: vec![Section {
                heading: "Anteckning".into(),
                items: vec![
                    Item {
                        label: Some("För vem".into()),
                        value: Value::Text("Elsa <script>".into()),
                        note: None,
                    },
                    Item {
                        label: Some("Motivering".into()),
                        value: Value::Missing("motivering".into()),
                        note: Some("tolkat".into()),
                    },
                ],
            }],
            sources: vec![],
            case_title: Some("Fall & co".into()),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            rule_set_id: "vgr-2026",
            rule_set_title: "VGR",
            rule_set_version: "2026",
        };
        let markup = sheet_markup(&doc);
        assert!(markup.contains("&lt;b&gt;Titel&lt;/b&gt;"), "{markup}");
        assert!(markup.contains("<dd>Elsa &lt;script&gt;</dd>"), "{markup}");
        assert!(markup.contains(
            "<dd><span class=\"doc-missing-value\" data-testid=\"missing-value\">[saknas: motivering]</span>"
        ), "{markup}");
        assert!(
            markup.contains("Fall &amp; co · 2026-11-23 · VGR (version 2026)</footer>"),
            "{markup}"
        );
        assert!(!markup.contains("<script>"));
        assert!(
            !markup.contains("/>"),
            "HTML elements are closed, not self-closed"
        );
    }

    #[test]
    fn runs_of_lines_and_paragraphs_keep_their_order() {
        let line = |label: Option<&str>, text: &str| Item {
            label: label.map(str::to_string),
            value: Value::Text(text.into()),
            note: None,
        };
        let section = Section {
            heading: "Att tänka på".into(),
            items: vec![line(None, "a"), line(None, "b"), line(Some("L"), "c")],
        };
        let mut m = Markup::default();
        section_markup(&mut m, &section, false);
        assert_eq!(
            m.finish(),
            "<section class=\"doc-section\"><h4>Att tänka på</h4>\
             <ul class=\"doc-list\"><li>a</li><li>b</li></ul>\
             <dl class=\"doc-fields\"><dt>L</dt><dd>c</dd></dl></section>"
        );
    }

    #[test]
    fn the_select_names_a_measure_by_what_it_is() {
        let case = Case::from_json(include_str!(
            "../../engine/cases/one-guardian-risk-blocking.json"
        ))
        .unwrap();
        assert_eq!(
            measure_choices(&case),
            [(
                "blockering-vh2".to_string(),
                "Blockering av Peter Test, från 2026-06-15".to_string()
            )]
        );
    }
}
