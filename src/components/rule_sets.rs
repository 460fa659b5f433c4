//! "Regelverk": every rule set Insyn uses, with its validity, sources and every parameter
//! (Swedish term, rule id, value in plain Swedish, citation), and a table of the parameters
//! whose values differ between regions and versions, generated from the rule data, so a
//! trainer or a region's lawyer can review what Insyn assumes. Printable: the print
//! stylesheet and a `beforeprint` handler expand every section.

use std::sync::OnceLock;

use insyn_engine::rule_set::{Certainty, Citation, ParameterId};
use insyn_engine::{Catalog, RuleSet};
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::components::batches::drawn_in_batches;
use crate::components::citation::citation_markup;
use crate::components::markup::Markup;
use crate::state::use_app_state;

/// One parameter of one rule set, as `RuleSet::parameter_list` gives it.
pub struct Param {
    pub id: ParameterId,
    /// The rule id (`id.name()`).
    pub name: &'static str,
    pub citation: &'static Citation,
    pub value: Value,
}

/// Every rule set's parameters, computed once: the catalog is static, so are these, and
/// `CitationView` can borrow their citations for the page's lifetime.
fn parameters(rule_set_index: usize) -> &'static [Param] {
    static CACHE: OnceLock<Vec<Vec<Param>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        insyn_engine::Catalog::embedded()
            .rule_sets
            .iter()
            .map(|rule_set| {
                // Already in the guidance's order (`PARAMETER_NAMES`).
                rule_set
                    .parameter_list()
                    .into_iter()
                    .map(|(id, citation, value)| Param {
                        id,
                        name: id.name(),
                        citation,
                        value,
                    })
                    .collect()
            })
            .collect()
    });
    &cache[rule_set_index]
}

/// Does a parameter match the filter text (already trimmed and folded with `fold_case`)?
fn matches_filter(id: ParameterId, filter: &str) -> bool {
    filter.is_empty()
        || fold_case(id.name()).contains(filter)
        || fold_case(id.term_sv()).contains(filter)
}

/// The parameter's Swedish term with what its value measures beside it ("år", "ja/nej").
fn term_with_unit(m: &mut Markup, id: ParameterId, class: &str) {
    m.element("span", &[("class", class)], id.term_sv());
    m.text(" ");
    m.open(
        "span",
        &[
            ("class", "param-unit"),
            ("data-testid", &format!("unit-{}", id.name())),
        ],
    );
    m.element("span", &[("class", "visually-hidden")], "Enhet: ");
    m.text(id.unit().label_sv());
    m.close("span");
}

/// Lower-case for the filter: ASCII and the Swedish letters staff type (å, ä, ö, é, ü).
/// `str::to_lowercase` would do as well, but it pulls the whole Unicode case table into
/// the wasm, and the rule ids and Swedish terms use no other letters.
pub fn fold_case(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'Å' => 'å',
            'Ä' => 'ä',
            'Ö' => 'ö',
            'É' => 'é',
            'Ü' => 'ü',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A value in plain Swedish: one line, or a list of lines.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueSv {
    Text(String),
    List(Vec<String>),
}

impl ValueSv {
    /// The value as one line, for titles and tests.
    pub fn joined(&self) -> String {
        match self {
            ValueSv::Text(text) => text.clone(),
            ValueSv::List(items) => items.join("; "),
        }
    }
}

/// A parameter value rendered readably in Swedish: true → "Ja", false → "Nej",
/// null → "Inget/ingen", ages with "år", routes as who decides, form and consent.
pub fn value_sv(name: &str, value: &Value) -> ValueSv {
    match value {
        Value::Array(items) if items.is_empty() => ValueSv::Text("Inga".into()),
        Value::Array(items) => ValueSv::List(items.iter().map(|v| scalar_sv(name, v)).collect()),
        other => ValueSv::Text(scalar_sv(name, other)),
    }
}

fn scalar_sv(name: &str, value: &Value) -> String {
    match value {
        Value::Null => "Inget/ingen".into(),
        Value::Bool(true) => "Ja".into(),
        Value::Bool(false) => "Nej".into(),
        Value::Number(n) if name.ends_with("_age") => format!("{n} år"),
        Value::Number(n) => n.to_string(),
        Value::String(s) => enum_sv(s).map(str::to_string).unwrap_or_else(|| s.clone()),
        Value::Object(object) => {
            let text = |key: &str| object.get(key).and_then(Value::as_str);
            if let Some(decided_by) = text("decided_by") {
                let mut parts = vec![format!("Beslutas av: {decided_by}")];
                parts.push(match text("form") {
                    Some(form) => format!("blankett: {form}"),
                    None => "ingen blankett angiven".into(),
                });
                if let Some(agree) = object.get("child_must_agree").and_then(Value::as_bool) {
                    parts.push(format!(
                        "barnet måste samtycka: {}",
                        if agree { "Ja" } else { "Nej" }
                    ));
                }
                parts.join("; ")
            } else if let Some(category) = text("name") {
                let hidden = match text("hidden_from") {
                    Some("everyone") => "visas inte för någon",
                    Some("guardians") => "visas inte för vårdnadshavare",
                    _ => "döljs",
                };
                let during = object
                    .get("only_during_investigation")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                format!(
                    "{category} – {hidden}{}",
                    if during {
                        " under pågående utredning"
                    } else {
                        ""
                    }
                )
            } else {
                value.to_string()
            }
        }
        Value::Array(_) => match value_sv(name, value) {
            ValueSv::Text(text) => text,
            ValueSv::List(items) => items.join("; "),
        },
    }
}

/// The engine's enum values (snake_case) in Swedish.
fn enum_sv(value: &str) -> Option<&'static str> {
    Some(match value {
        "whole" => "Hela journalen",
        "unit" => "En vårdenhets journal",
        "entry_period" => "Anteckningar från en viss period",
        "all_initiating_units" => "Alla enheter som initierat förseglingen måste vara överens",
        "any_initiating_unit" => "En begäran från en enhet som initierat förseglingen räcker",
        _ => return None,
    })
}

/// The marks of the differences table: "T" tolkat, "?" okänt, "↑" ärvt.
fn marks(citation: &Citation) -> Vec<(&'static str, &'static str)> {
    let mut marks = Vec::new();
    match citation.certainty {
        Certainty::Stated => {}
        Certainty::Inferred => marks.push(("T", "tolkat")),
        Certainty::Unknown => marks.push(("?", "okänt")),
    }
    if citation.inherited_from.is_some() {
        marks.push(("↑", "ärvt"));
    }
    marks
}

fn validity_sv(rule_set: &RuleSet) -> String {
    match rule_set.valid_to {
        Some(to) => format!("{} – {}", rule_set.valid_from, to),
        None => format!("{} – tills vidare", rule_set.valid_from),
    }
}

/// A short column heading: "Region Skåne" → "Skåne".
fn short_name(rule_set: &RuleSet) -> String {
    let name = rule_set
        .region_name
        .strip_prefix("Region ")
        .unwrap_or(&rule_set.region_name);
    match name {
        "Västra Götalandsregionen" => "VGR".to_string(),
        "Nationell baslinje (Inera)" => "Nationell baslinje".to_string(),
        other => other.to_string(),
    }
}

/// "VGR 2026", "Skåne": the short name with the version when it is a year.
fn short_label(rule_set: &RuleSet) -> String {
    if rule_set.version.chars().all(|c| c.is_ascii_digit()) {
        format!("{} {}", short_name(rule_set), rule_set.version)
    } else {
        short_name(rule_set)
    }
}

fn value_markup(m: &mut Markup, value: &ValueSv) {
    match value {
        ValueSv::Text(text) => m.element("span", &[("class", "rs-value-text")], text),
        ValueSv::List(items) => {
            m.open("ul", &[("class", "rs-value-list")]);
            for item in items {
                m.element("li", &[], item);
            }
            m.close("ul");
        }
    }
}

/// A value for a narrow table cell: long texts and lists fold into a `<details>` whose
/// summary starts the text (printing unfolds them).
fn compact_value_markup(m: &mut Markup, value: &ValueSv) {
    const LIMIT: usize = 70;
    if value.joined().chars().count() <= LIMIT {
        return value_markup(m, value);
    }
    let start = |text: &str| {
        let start: String = text.chars().take(50).collect();
        format!("{}…", start.trim_end())
    };
    let summary = match value {
        ValueSv::Text(text) => start(text),
        ValueSv::List(items) if items.len() == 1 => start(&items[0]),
        ValueSv::List(items) => format!("{} punkter", items.len()),
    };
    m.open("details", &[("class", "rd-long")]);
    m.element("summary", &[], &summary);
    value_markup(m, value);
    m.close("details");
}

/// A rule id that may wrap after its underscores in a narrow column (the text is unchanged,
/// so it can still be searched and copied).
fn breakable_id(m: &mut Markup, name: &str) {
    let mut parts = name.split_inclusive('_').peekable();
    while let Some(part) = parts.next() {
        m.text(part);
        if parts.peek().is_some() {
            m.open("wbr", &[]);
        }
    }
}

/// Open a `<details>` (the jump links and printing use it).
fn open_details(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        let _ = element.set_attribute("open", "");
    }
}

#[component]
pub fn RuleSetPage() -> impl IntoView {
    let state = use_app_state();
    let catalog = state.catalog;
    let filter = RwSignal::new(String::new());
    let needle = Memo::new(move |_| fold_case(filter.get().trim()));
    let root = NodeRef::<leptos::html::Section>::new();
    // While the page prints, every section's parameters are drawn (see `RuleSetSection`).
    let printing = RwSignal::new(false);

    // Printing: open every closed section, and close them again afterwards. The sections'
    // parameters are drawn in the microtasks right after this handler, before the browser
    // lays the page out for printing.
    let before = window_event_listener_untyped("beforeprint", move |_| {
        printing.set(true);
        if let Some(root) = root.get_untracked() {
            if let Ok(list) = root.query_selector_all("details:not([open])") {
                for i in 0..list.length() {
                    if let Some(element) = list
                        .item(i)
                        .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                    {
                        let _ = element.set_attribute("open", "");
                        let _ = element.set_attribute("data-print-opened", "");
                    }
                }
            }
        }
    });
    let after = window_event_listener_untyped("afterprint", move |_| {
        printing.set(false);
        if let Some(root) = root.get_untracked() {
            if let Ok(list) = root.query_selector_all("details[data-print-opened]") {
                for i in 0..list.length() {
                    if let Some(element) = list
                        .item(i)
                        .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                    {
                        let _ = element.remove_attribute("open");
                        let _ = element.remove_attribute("data-print-opened");
                    }
                }
            }
        }
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });

    // While searching, open the rule sets that have matches so they are seen.
    Effect::new(move |_| {
        let needle = needle.get();
        if needle.is_empty() {
            return;
        }
        for (index, rule_set) in catalog.rule_sets.iter().enumerate() {
            if parameters(index)
                .iter()
                .any(|p| matches_filter(p.id, &needle))
            {
                open_details(&format!("rule-set-{}", rule_set.id));
            }
        }
    });

    let in_use = move || state.rule_set.get().ok().map(|r| r.id.clone());

    let toc = catalog
        .rule_sets
        .iter()
        .map(|rule_set| {
            let id = format!("rule-set-{}", rule_set.id);
            let href = format!("#{id}");
            view! {
                <li>
                    <a href=href title=rule_set.title.clone() on:click=move |_| open_details(&id)>
                        {short_label(rule_set)}
                    </a>
                </li>
            }
        })
        .collect_view();

    let sections = catalog
        .rule_sets
        .iter()
        .enumerate()
        .map(|(index, rule_set)| {
            let in_use_id = rule_set.id.clone();
            let used = move || in_use().as_deref() == Some(in_use_id.as_str());
            view! {
                <RuleSetSection
                    rule_set=rule_set
                    params=parameters(index)
                    needle=needle
                    used=Signal::derive(used)
                    printing=printing
                />
            }
        })
        .collect_view();

    let total = parameters(0).len();
    let match_count = move || {
        let needle = needle.get();
        if needle.is_empty() {
            format!("Alla {total} parametrar visas.")
        } else {
            let count = parameters(0)
                .iter()
                .filter(|p| matches_filter(p.id, &needle))
                .count();
            format!("{count} av {total} parametrar matchar i varje regelverk.")
        }
    };

    view! {
        <section class="rule-sets" aria-labelledby="rule-sets-heading" node_ref=root>
            <h2 id="rule-sets-heading">"Regelverk"</h2>
            <p class="rs-intro">
                "Här är allt Insyn antar om varje region och version: varje parameter med sitt regel-id "
                "och källans egen formulering. Regel-id:t står också i förklaringarna, så du kan söka efter det här."
            </p>
            <nav class="rs-toc" aria-labelledby="rs-toc-heading">
                <h3 id="rs-toc-heading">"Gå till"</h3>
                <ul>
                    {toc}
                    <li><a href="#rule-differences-section">"Skillnader mellan regelverken"</a></li>
                </ul>
            </nav>
            <div class="rs-filter" role="search">
                <label for="rule-filter">"Sök term eller regel-id"</label>
                <input
                    id="rule-filter"
                    type="search"
                    data-testid="rule-filter"
                    placeholder="t.ex. blockering eller blocking_covers_proxy"
                    aria-describedby="rule-filter-status"
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
                <p id="rule-filter-status" class="rs-filter-status" role="status">{match_count}</p>
            </div>
            <div class="rs-list">{sections}</div>
            <RuleDifferences needle=needle/>
        </section>
    }
}

#[component]
fn RuleSetSection(
    rule_set: &'static RuleSet,
    params: &'static [Param],
    needle: Memo<String>,
    used: Signal<bool>,
    printing: RwSignal<bool>,
) -> impl IntoView {
    let id = rule_set.id.clone();
    // The section's body is drawn only once it can be seen: opened, holding a match of the
    // search (which opens it), or printed. The eight rule sets' parameters with their
    // citations are thousands of elements; drawn while folded away, they made opening
    // "Regelverk" take half a second. Once opened, a section keeps its body.
    let opened = RwSignal::new(false);
    let drawn = Memo::new(move |_| {
        opened.get()
            || printing.get()
            || needle.with(|needle| {
                !needle.is_empty() && params.iter().any(|p| matches_filter(p.id, needle))
            })
    });
    let shown_count = move || {
        let needle = needle.get();
        let count = params
            .iter()
            .filter(|p| matches_filter(p.id, &needle))
            .count();
        if needle.is_empty() {
            format!("{count} parametrar")
        } else {
            format!("{count} av {} parametrar matchar", params.len())
        }
    };
    view! {
        <details
            class="rule-set"
            id=format!("rule-set-{id}")
            data-testid=format!("rule-set-{id}")
            on:toggle=move |ev| {
                let details: web_sys::HtmlDetailsElement = event_target(&ev);
                if details.open() && !opened.get_untracked() {
                    opened.set(true);
                }
            }
        >
            <summary>
                <h3 class="rs-title">{rule_set.title.clone()}</h3>
                <span class="rs-meta">
                    {rule_set.region_name.clone()} " · version " {rule_set.version.clone()}
                    " · gäller " {validity_sv(rule_set)} " · " {shown_count}
                </span>
                {move || used.get().then(|| view! {
                    <span class="rs-in-use">"Används för fallet på det valda datumet"</span>
                })}
            </summary>
            {move || drawn.get().then(|| rule_set_body(rule_set, params, needle))}
        </details>
    }
}

/// What a rule set's section shows when open: its facts, why it applies when it does, its
/// sources and every parameter (those the search does not match hidden).
fn rule_set_body(
    rule_set: &'static RuleSet,
    params: &'static [Param],
    needle: Memo<String>,
) -> impl IntoView {
    // The rows are static text: written as markup, one element each, with only whether the
    // search hides them left to the reactive system (why: `components::markup`).
    let rows = params
        .iter()
        .map(|param| {
            let id = param.id;
            let shown = move || matches_filter(id, &needle.get());
            view! {
                <li
                    class="rs-param"
                    data-testid=format!("param-{}-{}", rule_set.id, param.name)
                    data-rule-id=param.name
                    hidden=move || !shown()
                    inner_html=param_markup(rule_set, param)
                ></li>
            }
        })
        .collect_view();
    let empty = move || {
        let needle = needle.get();
        (!params.iter().any(|p| matches_filter(p.id, &needle)))
            .then(|| view! { <p class="rs-no-match">"Ingen parameter matchar sökningen."</p> })
    };
    view! {
        <div class="rs-body">
            <div class="rs-about" inner_html=about_markup(rule_set)></div>
            <h4>"Parametrar"</h4>
            {empty}
            <ul class="rs-params">{rows}</ul>
        </div>
    }
}

/// A rule set's facts, why it applies when it does, and its sources.
fn about_markup(rule_set: &RuleSet) -> String {
    let mut m = Markup::default();
    m.open("dl", &[("class", "rs-facts")]);
    let fact = |m: &mut Markup, term: &str| m.element("dt", &[], term);
    fact(&mut m, "Regelverk-id");
    m.open("dd", &[]);
    m.element("code", &[], &rule_set.id);
    m.close("dd");
    fact(&mut m, "Region");
    m.open("dd", &[]);
    m.text(&rule_set.region_name);
    m.text(" (");
    m.element("code", &[], &rule_set.region);
    m.text(")");
    m.close("dd");
    fact(&mut m, "Version");
    m.element("dd", &[], &rule_set.version);
    fact(&mut m, "Gäller");
    m.element("dd", &[], &validity_sv(rule_set));
    if let Some(parent) = &rule_set.extends {
        fact(&mut m, "Bygger på");
        m.open("dd", &[]);
        m.element("code", &[], parent);
        m.text(" – parametrar som regelverket inte anger själv är ärvda och markerade så.");
        m.close("dd");
    }
    m.close("dl");
    m.element("p", &[("class", "rs-summary")], &rule_set.summary);
    m.element("h4", &[], "Varför det gäller de datumen");
    citation_markup(&mut m, rule_set, &rule_set.validity);
    m.element("h4", &[], "Källor");
    m.open("ul", &[("class", "rs-sources")]);
    for source in &rule_set.sources {
        let place = source
            .file
            .as_deref()
            .map(|f| format!("shared/{f}"))
            .or_else(|| source.url.clone())
            .unwrap_or_else(|| "ingen fil eller adress".into());
        m.open("li", &[]);
        m.element("strong", &[], &source.name);
        m.open("br", &[]);
        m.text(&source.title);
        m.text(" (");
        m.element("code", &[], &source.id);
        m.text(")");
        m.open("br", &[]);
        m.element("span", &[("class", "rs-source-place")], &place);
        m.text(" · ");
        m.text(source.date.as_deref().unwrap_or("odaterad"));
        m.close("li");
    }
    m.close("ul");
    m.finish()
}

/// One parameter of a rule set: its term, rule id, value in Swedish and citation.
fn param_markup(rule_set: &RuleSet, param: &Param) -> String {
    let mut m = Markup::default();
    m.open("h4", &[("class", "rs-term")]);
    term_with_unit(&mut m, param.id, "rs-term-text");
    m.close("h4");
    m.open("p", &[("class", "rs-rule-id")]);
    m.text("Regel-id: ");
    m.element("code", &[], param.name);
    m.close("p");
    m.open("div", &[("class", "rs-value")]);
    m.element("span", &[("class", "rs-label")], "Värde: ");
    value_markup(&mut m, &value_sv(param.name, &param.value));
    m.close("div");
    citation_markup(&mut m, rule_set, param.citation);
    m.finish()
}

/// The parameters whose values differ between rule sets: the index of each in
/// `parameters(0)` (file order), computed once like the parameters.
fn differing_rows() -> &'static [usize] {
    static ROWS: OnceLock<Vec<usize>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let count = insyn_engine::Catalog::embedded().rule_sets.len();
        (0..parameters(0).len())
            .filter(|&row| {
                let first = &parameters(0)[row].value;
                (0..count).any(|index| parameters(index).get(row).map(|p| &p.value) != Some(first))
            })
            .collect()
    })
}

/// How many rows of the differences table are drawn per task (`drawn_in_batches`). The
/// table starts below the eight rule sets, off screen, so the view opens without rows and
/// they (about 40 rows of 8 values, 2 000 elements) follow a batch per task after its
/// first frame.
const DIFFERENCE_ROWS_PER_TASK: usize = 4;

/// The parameters whose values differ between rule sets, as a table generated from the data.
#[component]
fn RuleDifferences(needle: Memo<String>) -> impl IntoView {
    let state = use_app_state();
    let catalog = state.catalog;
    let row_count = differing_rows().len();
    let total = Memo::new(move |_| row_count);
    let drawn = drawn_in_batches(DIFFERENCE_ROWS_PER_TASK, total, || ());

    let header = catalog
        .rule_sets
        .iter()
        .map(|rule_set| {
            view! {
                <th scope="col">
                    <span class="rd-col-name">{short_label(rule_set)}</span>
                    <br/>
                    <code class="rd-col-id">{rule_set.id.clone()}</code>
                </th>
            }
        })
        .collect_view();

    view! {
        <section class="rule-differences" id="rule-differences-section" aria-labelledby="rule-differences-heading">
            <h3 id="rule-differences-heading">"Skillnader mellan regioner och versioner"</h3>
            <p>
                "Tabellen tas fram ur regeldata: den visar bara parametrar där minst två regelverk har olika värden ("
                {row_count} " av " {parameters(0).len()} "). Sökfältet ovan filtrerar också tabellens rader."
            </p>
            <p class="rd-legend-heading">"Teckenförklaring:"</p>
            <dl class="rd-legend">
                <div><dt class="rd-mark">"T"</dt><dd>"tolkat – källan säger det inte uttryckligen"</dd></div>
                <div><dt class="rd-mark">"?"</dt><dd>"okänt – ingen källa hittad, försiktigt antagande"</dd></div>
                <div><dt class="rd-mark">"↑"</dt><dd>"ärvt – regelverket anger det inte själv; värdet kommer från det regelverk det bygger på (nationell baslinje)"</dd></div>
            </dl>
            <div
                class="rd-scroll"
                role="region"
                aria-label="Skillnadstabell, rullbar i sidled"
                tabindex="0"
                on:focusin=show_whole
            >
                // Busy while rows are still being drawn (tests wait for it to end).
                <table
                    class="rd-table"
                    data-testid="rule-differences"
                    aria-busy=move || (drawn.get() < row_count).to_string()
                >
                    <caption>"Parametrar som skiljer sig mellan regelverken"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Parameter"</th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || differing_rows().iter().copied().take(drawn.get())
                            key=|row| *row
                            children=move |row| difference_row(catalog, row, needle)
                        />
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Scroll the table's box so that the control that just got the keyboard shows whole, with
/// room for its focus ring. Chromium scrolls a control into view only when none of it shows,
/// so a summary half past the box's edge kept half its text and its ring out of sight.
fn show_whole(ev: leptos::ev::FocusEvent) {
    let element = |target: Option<web_sys::EventTarget>| {
        target.and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    };
    let (Some(control), Some(scroll_box)) = (element(ev.target()), element(ev.current_target()))
    else {
        return;
    };
    if control == scroll_box {
        return;
    }
    // The ring and its halo reach 6 px outside (`:focus-visible` in style/main.css).
    const RING: f64 = 6.0;
    let (shown, wanted) = (
        scroll_box.get_bounding_client_rect(),
        control.get_bounding_client_rect(),
    );
    let left = shown.left() + f64::from(scroll_box.client_left());
    let right = left + f64::from(scroll_box.client_width());
    let (from, to) = (wanted.left() - RING, wanted.right() + RING);
    // Past the right edge: bring its right edge in, but never its left edge out.
    let shift = if from < left {
        from - left
    } else if to > right {
        (to - right).min(from - left)
    } else {
        return;
    };
    scroll_box.set_scroll_left(scroll_box.scroll_left() + shift.round() as i32);
}

/// A row of the differences table: the parameter `parameters(0)[row]` in every rule set.
fn difference_row(catalog: &'static Catalog, row: usize, needle: Memo<String>) -> impl IntoView {
    let name = parameters(0)[row].name;
    let id = parameters(0)[row].id;
    let shown = move || matches_filter(id, &needle.get());
    view! {
        <tr
            data-rule-id=name
            data-testid=format!("diff-row-{name}")
            hidden=move || !shown()
            inner_html=difference_cells(catalog, row)
        ></tr>
    }
}

/// The cells of a row of the differences table, as markup (static text, like the rows on
/// the rule sets' sections).
fn difference_cells(catalog: &Catalog, row: usize) -> String {
    let name = parameters(0)[row].name;
    let mut m = Markup::default();
    m.open("th", &[("scope", "row")]);
    term_with_unit(&mut m, parameters(0)[row].id, "rd-term");
    m.open("br", &[]);
    m.open("code", &[]);
    breakable_id(&mut m, name);
    m.close("code");
    m.close("th");
    for (index, rule_set) in catalog.rule_sets.iter().enumerate() {
        // Look the parameter up by name: files keep the same order, but be safe.
        let Some(param) = parameters(index).iter().find(|p| p.name == name) else {
            m.element("td", &[("data-rule-set", &rule_set.id)], "–");
            continue;
        };
        m.open(
            "td",
            &[
                ("data-rule-set", &rule_set.id),
                ("data-value", &param.value.to_string()),
            ],
        );
        compact_value_markup(&mut m, &value_sv(name, &param.value));
        m.text(" ");
        for (mark, text) in marks(param.citation) {
            m.element(
                "span",
                &[("class", "rd-mark"), ("aria-hidden", "true")],
                mark,
            );
            m.element(
                "span",
                &[("class", "visually-hidden")],
                &format!(" ({text})"),
            );
        }
        m.close("td");
    }
    m.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_ignores_case_also_in_swedish_letters() {
        assert_eq!(
            fold_case("ÅTGÄRD Försegling Über"),
            "åtgärd försegling über"
        );
        let needle = fold_case("FÖRSEGLING OMFATTAR");
        assert!(matches_filter(ParameterId::SealingCoversJournal, &needle));
        assert!(!matches_filter(ParameterId::BlockingCoversJournal, &needle));
    }
}
