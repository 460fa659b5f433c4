//! The timeline chart: inline SVG, one lane per actor × capability (grouped under the
//! actor), a lane for the rule set that answered, change points as dashed vertical lines
//! with a date-and-cause label above the lanes, years on the axis and a blue line for the
//! chosen date.
//!
//! The SVG's user units are CSS pixels of the panel it is drawn in (its width is measured
//! and followed on resize), so text keeps its size on any screen instead of shrinking with
//! a fixed viewBox; printing scales the whole drawing to the page.
//!
//! The drawing is written as markup (`markup`), not built from view nodes, to keep the
//! wasm small. So the chart handles its change-point buttons by delegation (one click and
//! one key handler on the panel), and choosing a date updates the chosen-date marks on
//! the drawn elements rather than redrawing: the keyboard focus stays on the button.

mod layout;

use chrono::NaiveDate;
use insyn_engine::timeline::Timeline;
use insyn_engine::{parse_iso_date, EngineError, OutcomeKind};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::labels::truncate;
use crate::components::markup::Markup;
use crate::state::use_app_state;
use layout::{
    layout, n, text_width, within, Fill, Layout, Marker, Row, RowKind, Run, AXIS_FONT, BAR_H,
    GROUP_FONT, GROUP_H, LABEL_FONT, LANE_H, MARK_BLOCK_H, MARK_CAUSE_FONT, MARK_DATE_FONT,
    MIN_WIDTH, RUN_FONT,
};

#[component]
pub fn TimelineChart(shown: Memo<Result<Timeline, EngineError>>) -> impl IntoView {
    let state = use_app_state();
    let container = NodeRef::<Div>::new();
    // The panel's width, told by a ResizeObserver once the browser has laid the page out
    // (and again whenever it changes). Asking for it (`clientWidth`) while the view is being
    // built would make the browser lay out the whole page then and there, the table and a
    // first drawing included; with a large case that alone took hundreds of milliseconds.
    // So the chart is drawn once, when its width is known. The width last measured is
    // kept in the app's state: drawn at once with it, the chart is in the view's first
    // layout instead of in a second one the observer's report starts in the same frame.
    // Before the first visit it is guessed from the view panel (`guess_width`).
    let measured = state.timeline_width;
    Effect::new(move |_| {
        if let Some(element) = container.get() {
            observe_width(&element, measured);
        }
    });

    let layout: Memo<Option<Layout>> = Memo::new(move |_| {
        let width = measured.get()?;
        shown.with(|timeline| {
            let timeline = timeline.as_ref().ok()?;
            Some(
                state
                    .case
                    .with(|case| layout(case, state.catalog, timeline, width)),
            )
        })
    });
    // A new date moves the chosen-date marks on the drawing already there. (A new
    // layout redraws, and the drawing starts from the date chosen then.)
    Effect::new(move |_| {
        let date = state.date.get();
        layout.with(|layout| {
            if let (Some(layout), Some(panel)) = (layout, container.get_untracked()) {
                show_chosen(&panel, layout, date);
            }
        })
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(date) = change_point_of(&ev) {
            state.date.set(date);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            if let Some(date) = change_point_of(&ev) {
                ev.prevent_default();
                state.date.set(date);
            }
        }
    };
    view! {
        <div class="timeline-chart" node_ref=container on:click=on_click on:keydown=on_keydown>
            {move || {
                layout
                    .with(|layout| {
                        layout
                            .as_ref()
                            .map(|layout| {
                                let drawing = drawing(layout, state.date.get_untracked());
                                view! {
                                    <svg
                                        class="timeline-svg"
                                        data-testid="timeline-svg"
                                        role="group"
                                        aria-label="Tidslinjen som diagram. Förändringarna är knappar; tabellen nedan visar samma uppgifter som text."
                                        viewBox=format!("0 0 {} {}", n(layout.width), n(layout.height))
                                        width="100%"
                                        preserveAspectRatio="xMinYMin meet"
                                        style:min-width=format!("{}px", n(layout.width.min(MIN_WIDTH)))
                                        inner_html=drawing
                                    ></svg>
                                }
                            })
                    })
            }}
        </div>
    }
}

/// Observe `element`'s width (its `clientWidth`, read when the browser reports a resize, so
/// the page is laid out already) into `width`, until the element leaves the page or the
/// signal is gone. A width already known is set again only when it changed.
fn observe_width(element: &web_sys::HtmlDivElement, width: RwSignal<Option<f64>>) {
    let observed = element.clone();
    on_resize(element, move |observer| {
        if !observed.is_connected() {
            return observer.disconnect();
        }
        let now = f64::from(observed.client_width());
        match width.try_get_untracked() {
            // The page is gone (the width is kept in the app's state).
            None => observer.disconnect(),
            Some(known) if now <= 0.0 || known == Some(now) => {}
            Some(_) => width.set(Some(now)),
        }
    });
}

/// Calls `f` whenever the browser reports a change of `element`'s size (after layout), for
/// as long as it observes: `f` disconnects the observer when it is done.
fn on_resize(element: &web_sys::Element, f: impl Fn(&web_sys::ResizeObserver) + 'static) {
    let callback = wasm_bindgen::closure::Closure::<dyn Fn(JsValue, web_sys::ResizeObserver)>::new(
        move |_entries: JsValue, observer: web_sys::ResizeObserver| f(&observer),
    );
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(element);
        // The browser calls it for as long as it observes.
        callback.forget();
    }
}

/// The chart's border, left and right (style/timeline.css): the chart fills the view panel
/// less this.
const CHART_BORDERS: f64 = 2.0;

/// A first guess at the chart's width, before it has ever been drawn: the view panel's
/// (`panel`, on the page from the start) less the chart's border, read when the browser
/// reports the panel's size, so no layout is forced. Without it the first visit to
/// "Tidslinje" drew the chart only after its own observer's report, in a second style and
/// layout pass of the whole page. The chart's observer corrects a wrong guess (as on a
/// narrow screen, or after a resize: the guess is taken once).
pub fn guess_width(panel: &web_sys::HtmlElement, width: RwSignal<Option<f64>>) {
    let observed = panel.clone();
    on_resize(panel, move |observer| {
        let guess = f64::from(observed.client_width()) - CHART_BORDERS;
        match width.try_get_untracked() {
            // Not laid out yet (a page opened in a background tab): wait for a size.
            Some(None) if guess <= 0.0 => {}
            Some(None) => {
                width.set(Some(guess));
                observer.disconnect();
            }
            // Measured by the chart already, or the page is gone.
            _ => observer.disconnect(),
        }
    });
}

/// The date of the change point an event happened in, if any.
fn change_point_of(ev: &leptos::ev::Event) -> Option<NaiveDate> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let marker = target.closest(".tl-marker").ok()??;
    parse_iso_date(&marker.get_attribute("data-date")?)
}

/// The chosen date's marks: the blue line and its label when the date is in the drawn
/// range, and which change point is pressed.
struct Chosen {
    date: String,
    line: [(&'static str, String); 4],
    label: [(&'static str, String); 2],
    label_text: String,
}

fn chosen(layout: &Layout, date: NaiveDate) -> Chosen {
    let x = layout.covers(date).then(|| layout.x_of(date));
    let visibility = if x.is_some() { "visible" } else { "hidden" };
    let line_x = n(x.unwrap_or(-100.0));
    let half = text_width("Valt datum 2000-00-00", AXIS_FONT, true) / 2.0 + 6.0;
    let label_x = n(within(x.unwrap_or(-100.0), half, layout.x1 - half));
    let date_text = date.to_string();
    Chosen {
        line: [
            (
                "data-date",
                if x.is_some() {
                    date_text.clone()
                } else {
                    String::new()
                },
            ),
            ("visibility", visibility.into()),
            ("x1", line_x.clone()),
            ("x2", line_x),
        ],
        label: [("visibility", visibility.into()), ("x", label_x)],
        label_text: if x.is_some() {
            format!("Valt datum {date_text}")
        } else {
            String::new()
        },
        date: date_text,
    }
}

fn marker_class(pressed: bool) -> (&'static str, &'static str) {
    if pressed {
        ("tl-marker chosen", "true")
    } else {
        ("tl-marker", "false")
    }
}

fn marker_line_class(pressed: bool) -> &'static str {
    if pressed {
        "tl-marker-line chosen"
    } else {
        "tl-marker-line"
    }
}

/// Move the chosen-date marks on a drawn chart to `date`.
fn show_chosen(panel: &web_sys::HtmlDivElement, layout: &Layout, date: NaiveDate) {
    let chosen = chosen(layout, date);
    let each = |selector: &str, apply: &dyn Fn(&web_sys::Element, bool)| {
        if let Ok(list) = panel.query_selector_all(selector) {
            for index in 0..list.length() {
                if let Some(element) = list
                    .item(index)
                    .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
                {
                    let pressed =
                        element.get_attribute("data-date").as_deref() == Some(chosen.date.as_str());
                    apply(&element, pressed);
                }
            }
        }
    };
    each(".tl-marker", &|marker, pressed| {
        let (class, aria_pressed) = marker_class(pressed);
        let _ = marker.set_attribute("class", class);
        let _ = marker.set_attribute("aria-pressed", aria_pressed);
    });
    each(".tl-marker-line", &|line, pressed| {
        let _ = line.set_attribute("class", marker_line_class(pressed));
    });
    if let Ok(Some(line)) = panel.query_selector(".tl-chosen-line") {
        for (name, value) in &chosen.line {
            let _ = line.set_attribute(name, value);
        }
    }
    if let Ok(Some(label)) = panel.query_selector(".tl-chosen-label") {
        for (name, value) in &chosen.label {
            let _ = label.set_attribute(name, value);
        }
        label.set_text_content(Some(&chosen.label_text));
    }
}

/// The drawing in layers, bottom to top: lanes and bars; the dashed change lines and the
/// chosen date's line; the text on the bars (so no line crosses it); the change-point
/// buttons; the axis and the chosen date's label.
fn drawing(layout: &Layout, date: NaiveDate) -> String {
    let chosen = chosen(layout, date);
    let (x0, x1) = (layout.x0, layout.x1);
    let (lanes_top, lanes_bottom, axis_y) = (layout.lanes_top, layout.lanes_bottom, layout.axis_y);
    let mut m = Markup::default();

    m.open("defs", &[]);
    m.open(
        "pattern",
        &[
            ("id", "tl-hatch"),
            ("patternUnits", "userSpaceOnUse"),
            ("width", "9"),
            ("height", "9"),
            ("patternTransform", "rotate(45)"),
        ],
    );
    m.empty(
        "rect",
        &[("width", "9"), ("height", "9"), ("class", "tl-hatch-bg")],
    );
    m.empty(
        "rect",
        &[
            ("width", "4"),
            ("height", "9"),
            ("class", "tl-hatch-stripe"),
        ],
    );
    m.close("pattern");
    m.close("defs");

    m.open("g", &[("aria-hidden", "true"), ("class", "tl-drawing")]);
    m.empty(
        "rect",
        &[
            ("class", "tl-label-column"),
            ("x", "0"),
            ("y", &n(lanes_top - 2.0)),
            ("width", &n(x0 - 6.0)),
            ("height", &n(lanes_bottom - lanes_top + 2.0)),
        ],
    );
    for row in &layout.rows {
        row_markup(&mut m, row, layout);
    }
    m.close("g");

    m.open("g", &[("aria-hidden", "true"), ("class", "tl-lines")]);
    for marker in &layout.markers {
        let date = marker.date.to_string();
        m.empty(
            "line",
            &[
                ("class", marker_line_class(date == chosen.date)),
                ("data-date", &date),
                ("x1", &n(marker.x)),
                ("x2", &n(marker.x)),
                ("y1", &n(marker.label_y + MARK_BLOCK_H)),
                ("y2", &n(lanes_bottom)),
            ],
        );
    }
    let (y1, y2) = (n(lanes_top - 4.0), n(axis_y + 28.0));
    let mut line = vec![
        ("class", "tl-chosen-line"),
        ("data-testid", "timeline-chosen-marker"),
        ("y1", y1.as_str()),
        ("y2", y2.as_str()),
    ];
    line.extend(
        chosen
            .line
            .iter()
            .map(|(name, value)| (*name, value.as_str())),
    );
    m.empty("line", &line);
    m.close("g");

    m.open("g", &[("aria-hidden", "true"), ("class", "tl-texts")]);
    for row in &layout.rows {
        let bar_y = row.y + (LANE_H - BAR_H) / 2.0;
        for run in &row.runs {
            run_text_markup(&mut m, run, bar_y);
        }
    }
    m.close("g");

    m.open("g", &[("class", "tl-markers")]);
    for marker in &layout.markers {
        marker_markup(&mut m, marker, lanes_bottom, &chosen.date);
    }
    m.close("g");

    m.open("g", &[("aria-hidden", "true"), ("class", "tl-axis-group")]);
    let axis_y_text = n(axis_y);
    m.empty(
        "line",
        &[
            ("class", "tl-axis"),
            ("x1", &n(x0)),
            ("x2", &n(x1)),
            ("y1", &axis_y_text),
            ("y2", &axis_y_text),
        ],
    );
    for tick in &layout.ticks {
        let x = n(tick.x);
        let tick_length = if tick.label.is_some() { 7.0 } else { 4.0 };
        m.empty(
            "line",
            &[
                ("class", "tl-tick"),
                ("x1", &x),
                ("x2", &x),
                ("y1", &axis_y_text),
                ("y2", &n(axis_y + tick_length)),
            ],
        );
        if let Some(label) = &tick.label {
            m.element(
                "text",
                &[
                    ("class", "tl-axis-label"),
                    ("x", &x),
                    ("y", &n(axis_y + 23.0)),
                    ("text-anchor", "middle"),
                    ("font-size", &n(AXIS_FONT)),
                ],
                label,
            );
        }
    }
    let (y, font_size) = (n(axis_y + 47.0), n(AXIS_FONT));
    let mut label = vec![
        ("class", "tl-chosen-label"),
        ("y", y.as_str()),
        ("text-anchor", "middle"),
        ("font-size", font_size.as_str()),
    ];
    label.extend(
        chosen
            .label
            .iter()
            .map(|(name, value)| (*name, value.as_str())),
    );
    m.element("text", &label, &chosen.label_text);
    m.close("g");
    m.finish()
}

fn row_markup(m: &mut Markup, row: &Row, layout: &Layout) {
    match &row.kind {
        RowKind::Group => {
            let y = n(row.y);
            m.open("g", &[("class", "tl-group")]);
            m.empty(
                "line",
                &[
                    ("class", "tl-group-rule"),
                    ("x1", "0"),
                    ("x2", &n(layout.width)),
                    ("y1", &y),
                    ("y2", &y),
                ],
            );
            m.element(
                "text",
                &[
                    ("class", "tl-group-label"),
                    ("x", "6"),
                    ("y", &n(row.y + GROUP_H - 8.0)),
                    ("font-size", &n(GROUP_FONT)),
                ],
                &row.label,
            );
            m.close("g");
        }
        RowKind::Lane { .. } | RowKind::RuleSet => {
            let bar_y = row.y + (LANE_H - BAR_H) / 2.0;
            let max_chars = ((layout.label_w - 24.0) / (LABEL_FONT * 0.57)).floor() as usize;
            let testid = match &row.kind {
                RowKind::Lane { key } => format!("timeline-lane-{key}"),
                _ => "timeline-lane-rule-set".into(),
            };
            let class = match row.kind {
                RowKind::RuleSet => "tl-lane tl-lane-rule-set",
                _ => "tl-lane",
            };
            m.open("g", &[("class", class), ("data-testid", &testid)]);
            m.element("title", &[], &row.label);
            m.element(
                "text",
                &[
                    ("class", "tl-lane-label"),
                    ("x", "18"),
                    ("y", &n(bar_y + BAR_H / 2.0)),
                    ("dominant-baseline", "central"),
                    ("font-size", &n(LABEL_FONT)),
                ],
                &truncate(&row.label, max_chars.max(6)),
            );
            for run in &row.runs {
                bar_markup(m, run, bar_y);
            }
            m.close("g");
        }
    }
}

fn run_class(fill: Fill) -> (&'static str, &'static str) {
    match fill {
        Fill::Outcome(OutcomeKind::Allowed) => ("tl-run tl-allowed", "allowed"),
        Fill::Outcome(OutcomeKind::Denied) => ("tl-run tl-denied", "denied"),
        Fill::Outcome(OutcomeKind::Grantable) => ("tl-run tl-grantable", "grantable"),
        Fill::RuleSet(0) => ("tl-run tl-rule-set", "rule-set"),
        Fill::RuleSet(_) => ("tl-run tl-rule-set tl-rule-set-alt", "rule-set"),
    }
}

fn bar_markup(m: &mut Markup, run: &Run, bar_y: f64) {
    let (class, outcome) = run_class(run.fill);
    m.open("g", &[("class", class), ("data-outcome", outcome)]);
    m.element("title", &[], &run.title);
    m.empty(
        "rect",
        &[
            ("class", "tl-bar"),
            ("x", &n(run.x)),
            ("y", &n(bar_y)),
            ("width", &n(run.w.max(1.0))),
            ("height", &n(BAR_H)),
        ],
    );
    m.close("g");
}

/// The icon and text of a run, drawn above the lines: on the hatching on a white pill,
/// elsewhere with a halo in the bar's own colour.
fn run_text_markup(m: &mut Markup, run: &Run, bar_y: f64) {
    let Some(text) = &run.text else { return };
    let (class, _) = run_class(run.fill);
    let cx = run.x + run.w / 2.0;
    let cy = bar_y + BAR_H / 2.0;
    m.open("g", &[("class", class)]);
    if matches!(run.fill, Fill::Outcome(OutcomeKind::Grantable)) {
        let w = text_width(text, RUN_FONT, true) + 10.0;
        m.empty(
            "rect",
            &[
                ("class", "tl-pill"),
                ("x", &n(cx - w / 2.0)),
                ("y", &n(cy - 10.0)),
                ("width", &n(w)),
                ("height", "20"),
                ("rx", "3"),
            ],
        );
    }
    m.element(
        "text",
        &[
            ("class", "tl-run-text"),
            ("x", &n(cx)),
            ("y", &n(cy)),
            ("text-anchor", "middle"),
            ("dominant-baseline", "central"),
            ("font-size", &n(RUN_FONT)),
        ],
        text,
    );
    m.close("g");
}

/// A change point: a focusable button (role, name, pressed state) over its label block.
fn marker_markup(m: &mut Markup, marker: &Marker, lanes_bottom: f64, chosen_date: &str) {
    let date = marker.date.to_string();
    let (class, pressed) = marker_class(date == chosen_date);
    let block_bottom = marker.label_y + MARK_BLOCK_H;
    let text_x = n(marker.left + 7.0);
    let x = n(marker.x);
    m.open(
        "g",
        &[
            ("class", class),
            ("role", "button"),
            ("tabindex", "0"),
            ("aria-label", &marker.aria),
            ("aria-pressed", pressed),
            ("data-date", &date),
            ("data-testid", &format!("timeline-marker-{date}")),
        ],
    );
    m.empty(
        "line",
        &[
            ("class", "tl-marker-hit"),
            ("x1", &x),
            ("x2", &x),
            ("y1", &n(block_bottom)),
            ("y2", &n(lanes_bottom)),
        ],
    );
    m.empty(
        "rect",
        &[
            ("class", "tl-marker-label"),
            ("data-testid", &format!("timeline-marker-label-{date}")),
            ("x", &n(marker.left)),
            ("y", &n(marker.label_y)),
            ("width", &n(marker.w)),
            ("height", &n(MARK_BLOCK_H)),
            ("rx", "4"),
        ],
    );
    // One text element, so the visible text reads "2028-05-10 13-årsdagen" as the name does.
    m.open(
        "text",
        &[
            ("class", "tl-marker-text"),
            ("x", &text_x),
            ("y", &n(marker.label_y + 18.0)),
        ],
    );
    m.element(
        "tspan",
        &[
            ("class", "tl-marker-date"),
            ("x", &text_x),
            ("font-size", &n(MARK_DATE_FONT)),
        ],
        &date,
    );
    m.text(" ");
    m.element(
        "tspan",
        &[
            ("class", "tl-marker-cause"),
            ("x", &text_x),
            ("y", &n(marker.label_y + 36.0)),
            ("font-size", &n(MARK_CAUSE_FONT)),
        ],
        &marker.cause,
    );
    m.close("text");
    m.close("g");
}
