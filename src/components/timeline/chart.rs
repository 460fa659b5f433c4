//! The timeline chart: inline SVG, one lane per actor × capability (grouped under the
//! actor), a lane for the rule set that answered, change points as dashed vertical lines
//! with a date-and-cause label above the lanes, years on the axis and a blue line for the
//! chosen date.
//!
//! The SVG's user units are CSS pixels of the panel it is drawn in (its width is measured
//! and followed on resize), so text keeps its size on any screen instead of shrinking with
//! a fixed viewBox; printing scales the whole drawing to the page.

mod layout;

use insyn_engine::timeline::Timeline;
use insyn_engine::{EngineError, OutcomeKind};
use leptos::html::Div;
use leptos::prelude::*;

use super::labels::truncate;
use crate::state::use_app_state;
use layout::{
    layout, n, text_width, Fill, Layout, Marker, Row, RowKind, Run, AXIS_FONT, BAR_H, GROUP_FONT,
    GROUP_H, LABEL_FONT, LANE_H, MARK_BLOCK_H, MARK_CAUSE_FONT, MARK_DATE_FONT, MIN_WIDTH,
    RUN_FONT,
};

#[component]
pub fn TimelineChart(shown: Memo<Result<Timeline, EngineError>>) -> impl IntoView {
    let state = use_app_state();
    let container = NodeRef::<Div>::new();
    let measured = RwSignal::new(960.0_f64);
    let measure = move || {
        if let Some(element) = container.get_untracked() {
            let width = element.client_width();
            if width > 0 {
                measured.set(width as f64);
            }
        }
    };
    Effect::new(move |_| {
        if container.get().is_some() {
            measure();
        }
    });
    let listener = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || listener.remove());

    let layout: Memo<Option<Layout>> = Memo::new(move |_| {
        let width = measured.get();
        shown.with(|timeline| {
            let timeline = timeline.as_ref().ok()?;
            Some(
                state
                    .case
                    .with(|case| layout(case, state.catalog, timeline, width)),
            )
        })
    });
    view! {
        <div class="timeline-chart" node_ref=container>
            {move || layout.get().map(|layout| view! { <ChartSvg layout=layout/> })}
        </div>
    }
}

/// The drawing in layers, bottom to top: lanes and bars; the dashed change lines and the
/// chosen date's line; the text on the bars (so no line crosses it); the change-point
/// buttons; the axis and the chosen date's label.
#[component]
fn ChartSvg(layout: Layout) -> impl IntoView {
    let state = use_app_state();
    let width = layout.width;
    let height = layout.height;
    let (x0, x1) = (layout.x0, layout.x1);
    let (lanes_top, lanes_bottom, axis_y) = (layout.lanes_top, layout.lanes_bottom, layout.axis_y);
    let rows = layout
        .rows
        .iter()
        .map(|row| row_view(row, &layout))
        .collect_view();
    let texts = layout
        .rows
        .iter()
        .flat_map(|row| {
            let bar_y = row.y + (LANE_H - BAR_H) / 2.0;
            row.runs.iter().map(move |run| run_text_view(run, bar_y))
        })
        .collect_view();
    let lines = layout
        .markers
        .iter()
        .map(|marker| {
            let date = marker.date;
            let y1 = marker.label_y + MARK_BLOCK_H;
            view! {
                <line
                    class="tl-marker-line"
                    class:chosen=move || state.date.get() == date
                    x1=n(marker.x)
                    x2=n(marker.x)
                    y1=n(y1)
                    y2=n(lanes_bottom)
                />
            }
        })
        .collect_view();
    let ticks = layout
        .ticks
        .iter()
        .map(|tick| {
            let label = tick.label.clone().map(|label| {
                view! {
                    <text class="tl-axis-label" x=n(tick.x) y=n(axis_y + 23.0) text-anchor="middle" font-size=n(AXIS_FONT)>
                        {label}
                    </text>
                }
            });
            view! {
                <line class="tl-tick" x1=n(tick.x) x2=n(tick.x) y1=n(axis_y) y2=n(axis_y + if tick.label.is_some() { 7.0 } else { 4.0 })/>
                {label}
            }
        })
        .collect_view();
    let markers = layout
        .markers
        .iter()
        .map(|marker| marker_view(marker, lanes_bottom))
        .collect_view();
    // The chosen date: only its position is reactive, so choosing a date keeps the focus.
    let chosen_layout = layout.clone();
    let chosen = Memo::new(move |_| {
        let date = state.date.get();
        chosen_layout
            .covers(date)
            .then(|| (date, chosen_layout.x_of(date)))
    });
    let chosen_x = move || chosen.get().map_or(-100.0, |c| c.1);
    let chosen_label = move || {
        chosen
            .get()
            .map(|(date, _)| format!("Valt datum {date}"))
            .unwrap_or_default()
    };
    let chosen_label_x = move || {
        let half = text_width("Valt datum 2000-00-00", AXIS_FONT, true) / 2.0 + 6.0;
        chosen_x().clamp(half, x1 - half)
    };
    let visibility = move || {
        if chosen.get().is_some() {
            "visible"
        } else {
            "hidden"
        }
    };
    view! {
        <svg
            class="timeline-svg"
            data-testid="timeline-svg"
            role="group"
            aria-label="Tidslinjen som diagram. Förändringarna är knappar; tabellen nedan visar samma uppgifter som text."
            viewBox=format!("0 0 {} {}", n(width), n(height))
            width="100%"
            preserveAspectRatio="xMinYMin meet"
            style:min-width=format!("{}px", n(width.min(MIN_WIDTH)))
        >
            <defs>
                <pattern id="tl-hatch" patternUnits="userSpaceOnUse" width="9" height="9" patternTransform="rotate(45)">
                    <rect width="9" height="9" class="tl-hatch-bg"/>
                    <rect width="4" height="9" class="tl-hatch-stripe"/>
                </pattern>
            </defs>
            <g aria-hidden="true" class="tl-drawing">
                <rect class="tl-label-column" x="0" y=n(lanes_top - 2.0) width=n(x0 - 6.0) height=n(lanes_bottom - lanes_top + 2.0)/>
                {rows}
            </g>
            <g aria-hidden="true" class="tl-lines">
                {lines}
                <line
                    class="tl-chosen-line"
                    data-testid="timeline-chosen-marker"
                    data-date=move || chosen.get().map(|c| c.0.to_string()).unwrap_or_default()
                    visibility=visibility
                    x1=move || n(chosen_x())
                    x2=move || n(chosen_x())
                    y1=n(lanes_top - 4.0)
                    y2=n(axis_y + 28.0)
                />
            </g>
            <g aria-hidden="true" class="tl-texts">{texts}</g>
            <g class="tl-markers">{markers}</g>
            <g aria-hidden="true" class="tl-axis-group">
                <line class="tl-axis" x1=n(x0) x2=n(x1) y1=n(axis_y) y2=n(axis_y)/>
                {ticks}
                <text
                    class="tl-chosen-label"
                    visibility=visibility
                    x=move || n(chosen_label_x())
                    y=n(axis_y + 47.0)
                    text-anchor="middle"
                    font-size=n(AXIS_FONT)
                >
                    {chosen_label}
                </text>
            </g>
        </svg>
    }
}

fn row_view(row: &Row, layout: &Layout) -> AnyView {
    match &row.kind {
        RowKind::Group => view! {
            <g class="tl-group">
                <line class="tl-group-rule" x1="0" x2=n(layout.width) y1=n(row.y) y2=n(row.y)/>
                <text class="tl-group-label" x="6" y=n(row.y + GROUP_H - 8.0) font-size=n(GROUP_FONT)>
                    {row.label.clone()}
                </text>
            </g>
        }
        .into_any(),
        RowKind::Lane { .. } | RowKind::RuleSet => {
            let bar_y = row.y + (LANE_H - BAR_H) / 2.0;
            let max_chars = ((layout.label_w - 24.0) / (LABEL_FONT * 0.57)).floor() as usize;
            let label = truncate(&row.label, max_chars.max(6));
            let testid = match &row.kind {
                RowKind::Lane { key } => format!("timeline-lane-{key}"),
                _ => "timeline-lane-rule-set".into(),
            };
            let class = match row.kind {
                RowKind::RuleSet => "tl-lane tl-lane-rule-set",
                _ => "tl-lane",
            };
            let bars = row
                .runs
                .iter()
                .map(|run| bar_view(run, bar_y))
                .collect_view();
            view! {
                <g class=class data-testid=testid>
                    <title>{row.label.clone()}</title>
                    <text class="tl-lane-label" x="18" y=n(bar_y + BAR_H / 2.0) dominant-baseline="central" font-size=n(LABEL_FONT)>
                        {label}
                    </text>
                    {bars}
                </g>
            }
            .into_any()
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

fn bar_view(run: &Run, bar_y: f64) -> impl IntoView {
    let (class, outcome) = run_class(run.fill);
    view! {
        <g class=class data-outcome=outcome>
            <title>{run.title.clone()}</title>
            <rect class="tl-bar" x=n(run.x) y=n(bar_y) width=n(run.w.max(1.0)) height=n(BAR_H)/>
        </g>
    }
}

/// The icon and text of a run, drawn above the lines: on the hatching on a white pill,
/// elsewhere with a halo in the bar's own colour.
fn run_text_view(run: &Run, bar_y: f64) -> impl IntoView {
    let (class, _) = run_class(run.fill);
    let cx = run.x + run.w / 2.0;
    let cy = bar_y + BAR_H / 2.0;
    run.text.clone().map(|text| {
        let pill = matches!(run.fill, Fill::Outcome(OutcomeKind::Grantable)).then(|| {
            let w = text_width(&text, RUN_FONT, true) + 10.0;
            view! { <rect class="tl-pill" x=n(cx - w / 2.0) y=n(cy - 10.0) width=n(w) height="20" rx="3"/> }
        });
        view! {
            <g class=class>
                {pill}
                <text class="tl-run-text" x=n(cx) y=n(cy) text-anchor="middle" dominant-baseline="central" font-size=n(RUN_FONT)>
                    {text}
                </text>
            </g>
        }
    })
}

fn marker_view(marker: &Marker, lanes_bottom: f64) -> impl IntoView {
    let state = use_app_state();
    let date = marker.date;
    let chosen = move || state.date.get() == date;
    let choose = move || state.date.set(date);
    let block_bottom = marker.label_y + MARK_BLOCK_H;
    let text_x = marker.left + 7.0;
    view! {
        <g
            class="tl-marker"
            class:chosen=chosen
            role="button"
            tabindex="0"
            aria-label=marker.aria.clone()
            aria-pressed=move || chosen().to_string()
            data-testid=format!("timeline-marker-{date}")
            on:click=move |_| choose()
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    choose();
                }
            }
        >
            <line class="tl-marker-hit" x1=n(marker.x) x2=n(marker.x) y1=n(block_bottom) y2=n(lanes_bottom)/>
            <rect class="tl-marker-label" data-testid=format!("timeline-marker-label-{date}") x=n(marker.left) y=n(marker.label_y) width=n(marker.w) height=n(MARK_BLOCK_H) rx="4"/>
            // One text element, so the visible text reads "2028-05-10 13-årsdagen" as the name does.
            <text class="tl-marker-text" x=n(text_x) y=n(marker.label_y + 18.0)>
                <tspan class="tl-marker-date" x=n(text_x) font-size=n(MARK_DATE_FONT)>{date.to_string()}</tspan>
                " "
                <tspan class="tl-marker-cause" x=n(text_x) y=n(marker.label_y + 36.0) font-size=n(MARK_CAUSE_FONT)>
                    {marker.cause.clone()}
                </tspan>
            </text>
        </g>
    }
}
