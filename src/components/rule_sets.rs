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
use crate::components::citation::CitationView;
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
fn term_with_unit(id: ParameterId, class: &'static str) -> impl IntoView {
    view! {
        <span class=class>{id.term_sv()}</span>
        " "
        <span class="param-unit" data-testid=format!("unit-{}", id.name())>
            <span class="visually-hidden">"Enhet: "</span>
            {id.unit().label_sv()}
        </span>
    }
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

fn value_view(value: ValueSv) -> AnyView {
    match value {
        ValueSv::Text(text) => view! { <span class="rs-value-text">{text}</span> }.into_any(),
        ValueSv::List(items) => {
            let items = items
                .into_iter()
                .map(|item| view! { <li>{item}</li> })
                .collect_view();
            view! { <ul class="rs-value-list">{items}</ul> }.into_any()
        }
    }
}

/// A value for a narrow table cell: long texts and lists fold into a `<details>` whose
/// summary starts the text (printing unfolds them).
fn compact_value_view(value: ValueSv) -> AnyView {
    const LIMIT: usize = 70;
    let long = value.joined().chars().count() > LIMIT;
    if !long {
        return value_view(value);
    }
    let summary = match &value {
        ValueSv::Text(text) => {
            let start: String = text.chars().take(50).collect();
            format!("{}…", start.trim_end())
        }
        ValueSv::List(items) if items.len() == 1 => {
            let start: String = items[0].chars().take(50).collect();
            format!("{}…", start.trim_end())
        }
        ValueSv::List(items) => format!("{} punkter", items.len()),
    };
    view! {
        <details class="rd-long">
            <summary>{summary}</summary>
            {value_view(value)}
        </details>
    }
    .into_any()
}

/// A rule id that may wrap after its underscores in a narrow column (the text is unchanged,
/// so it can still be searched and copied).
fn breakable_id(name: &'static str) -> impl IntoView {
    let parts: Vec<&'static str> = name.split_inclusive('_').collect();
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| view! { {part} {(i < last).then(|| view! { <wbr/> })} })
        .collect_view()
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
    let id = rule_set.id.clone();
    let sources = rule_set
        .sources
        .iter()
        .map(|source| {
            let place = source
                .file
                .as_deref()
                .map(|f| format!("shared/{f}"))
                .or_else(|| source.url.clone())
                .unwrap_or_else(|| "ingen fil eller adress".into());
            view! {
                <li>
                    <strong>{source.name.clone()}</strong>
                    <br/>
                    {source.title.clone()}
                    " (" <code>{source.id.clone()}</code> ")"
                    <br/>
                    <span class="rs-source-place">{place}</span>
                    " · "
                    {source.date.clone().unwrap_or_else(|| "odaterad".into())}
                </li>
            }
        })
        .collect_view();
    let rows = params
        .iter()
        .map(|param| {
            let name = param.name;
            let id = param.id;
            let shown = move || matches_filter(id, &needle.get());
            let value = value_sv(name, &param.value);
            view! {
                <li
                    class="rs-param"
                    data-testid=format!("param-{}-{}", rule_set.id, name)
                    data-rule-id=name
                    hidden=move || !shown()
                >
                    <h4 class="rs-term">{term_with_unit(id, "rs-term-text")}</h4>
                    <p class="rs-rule-id">"Regel-id: " <code>{name}</code></p>
                    <div class="rs-value">
                        <span class="rs-label">"Värde: "</span>
                        {value_view(value)}
                    </div>
                    <CitationView rule_set=rule_set citation=param.citation/>
                </li>
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
            <dl class="rs-facts">
                <dt>"Regelverk-id"</dt>
                <dd><code>{id}</code></dd>
                <dt>"Region"</dt>
                <dd>{rule_set.region_name.clone()} " (" <code>{rule_set.region.clone()}</code> ")"</dd>
                <dt>"Version"</dt>
                <dd>{rule_set.version.clone()}</dd>
                <dt>"Gäller"</dt>
                <dd>{validity_sv(rule_set)}</dd>
                {rule_set.extends.clone().map(|parent| view! {
                    <dt>"Bygger på"</dt>
                    <dd>
                        <code>{parent}</code>
                        " – parametrar som regelverket inte anger själv är ärvda och markerade så."
                    </dd>
                })}
            </dl>
            <p class="rs-summary">{rule_set.summary.clone()}</p>
            <h4>"Varför det gäller de datumen"</h4>
            <CitationView rule_set=rule_set citation=&rule_set.validity/>
            <h4>"Källor"</h4>
            <ul class="rs-sources">{sources}</ul>
            <h4>"Parametrar"</h4>
            {empty}
            <ul class="rs-params">{rows}</ul>
        </div>
    }
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
/// table starts below the eight rule sets, off screen, so the view opens with a few rows
/// and the rest (about 40 rows of 8 values, 2 000 elements) follow a batch per task.
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
            <div class="rd-scroll" role="region" aria-label="Skillnadstabell, rullbar i sidled" tabindex="0">
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

/// A row of the differences table: the parameter `parameters(0)[row]` in every rule set.
fn difference_row(catalog: &'static Catalog, row: usize, needle: Memo<String>) -> impl IntoView {
    let name = parameters(0)[row].name;
    let id = parameters(0)[row].id;
    let shown = move || matches_filter(id, &needle.get());
    let cells = catalog
        .rule_sets
        .iter()
        .enumerate()
        .map(|(index, rule_set)| {
            // Look the parameter up by name: files keep the same order, but be safe.
            let param = parameters(index).iter().find(|p| p.name == name);
            match param {
                None => view! { <td data-rule-set=rule_set.id.clone()>"–"</td> }.into_any(),
                Some(param) => {
                    let value = value_sv(name, &param.value);
                    let marks = marks(param.citation)
                        .into_iter()
                        .map(|(mark, text)| {
                            view! {
                                <span class="rd-mark" aria-hidden="true">{mark}</span>
                                <span class="visually-hidden">{format!(" ({text})")}</span>
                            }
                        })
                        .collect_view();
                    let value_json = param.value.to_string();
                    let value = compact_value_view(value);
                    view! {
                        <td data-rule-set=rule_set.id.clone() data-value=value_json>
                            {value}
                            " "
                            {marks}
                        </td>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    view! {
        <tr data-rule-id=name data-testid=format!("diff-row-{name}") hidden=move || !shown()>
            <th scope="row">
                {term_with_unit(id, "rd-term")}
                <br/>
                <code>{breakable_id(name)}</code>
            </th>
            {cells}
        </tr>
    }
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
