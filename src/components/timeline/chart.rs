//! The timeline chart: inline SVG, one lane per actor × capability (grouped under the
//! actor), a lane for the rule set that answered, change points as dashed vertical lines
//! with a date-and-cause label above the lanes, years on the axis and a blue line for the
//! chosen date.
//!
//! The SVG's user units are CSS pixels of the panel it is drawn in (its width is measured
//! and followed on resize), so text keeps its size on any screen instead of shrinking with
//! a fixed viewBox; printing scales the whole drawing to the page.

use chrono::{Datelike, NaiveDate};
use insyn_engine::timeline::Timeline;
use insyn_engine::{Actor, Capability, Case, Catalog, EngineError, OutcomeKind};
use leptos::html::Div;
use leptos::prelude::*;

use super::labels::{
    actor_label, capability_short, cause_short, rule_set_short_by_id, truncate,
};
use crate::components::access_matrix::{actor_key, capability_key, outcome_icon};
use crate::state::use_app_state;

/// Pitch of a lane and height of its bar (the bar stays at least 22 px for a projector).
const LANE_H: f64 = 34.0;
const BAR_H: f64 = 28.0;
/// Height of an actor's heading row.
const GROUP_H: f64 = 30.0;
const LABEL_FONT: f64 = 16.0;
const GROUP_FONT: f64 = 17.0;
const RUN_FONT: f64 = 15.0;
const MARK_DATE_FONT: f64 = 16.0;
const MARK_CAUSE_FONT: f64 = 15.0;
/// One row of change-point labels above the lanes.
const MARK_ROW_H: f64 = 48.0;
const MARK_BLOCK_H: f64 = 42.0;
const AXIS_FONT: f64 = 15.0;
/// Narrower panels scroll sideways rather than squeeze the years together.
const MIN_WIDTH: f64 = 560.0;
const RIGHT_PAD: f64 = 12.0;

/// Rough width of a text in the system sans-serif font: enough to lay labels out so they
/// neither overlap nor overflow (no measuring in the DOM, so layout stays a pure function).
fn text_width(text: &str, font: f64, bold: bool) -> f64 {
    text.chars().count() as f64 * font * if bold { 0.62 } else { 0.57 }
}

fn n(value: f64) -> String {
    format!("{value:.1}")
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Fill {
    Outcome(OutcomeKind),
    /// The rule-set lane, shaded alternately per rule set.
    RuleSet(usize),
}

#[derive(Clone, PartialEq, Debug)]
struct Run {
    x: f64,
    w: f64,
    fill: Fill,
    /// Icon and text when the run is wide enough, else the icon, else nothing.
    text: Option<String>,
    title: String,
}

#[derive(Clone, PartialEq, Debug)]
enum RowKind {
    /// An actor's heading ("Vårdnadshavare 1 (Sara)").
    Group,
    /// An actor × capability lane.
    Lane { key: String },
    /// Which rule set answered.
    RuleSet,
}

#[derive(Clone, PartialEq, Debug)]
struct Row {
    y: f64,
    label: String,
    kind: RowKind,
    runs: Vec<Run>,
}

#[derive(Clone, PartialEq, Debug)]
struct Marker {
    date: NaiveDate,
    x: f64,
    /// Top of the label block and its horizontal extent.
    label_y: f64,
    left: f64,
    w: f64,
    cause: String,
    /// Every cause in full, for the tooltip.
    title: String,
    aria: String,
}

#[derive(Clone, PartialEq, Debug)]
struct Tick {
    x: f64,
    label: Option<String>,
}

#[derive(Clone, PartialEq, Debug)]
struct Layout {
    width: f64,
    height: f64,
    label_w: f64,
    x0: f64,
    x1: f64,
    from: NaiveDate,
    to: NaiveDate,
    lanes_top: f64,
    lanes_bottom: f64,
    axis_y: f64,
    rows: Vec<Row>,
    markers: Vec<Marker>,
    ticks: Vec<Tick>,
}

impl Layout {
    fn x_of(&self, date: NaiveDate) -> f64 {
        let total = ((self.to - self.from).num_days() + 1).max(1) as f64;
        let days = (date - self.from).num_days() as f64;
        self.x0 + days / total * (self.x1 - self.x0)
    }

    fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

fn run_text(fill: Fill, label: &str, w: f64) -> Option<String> {
    let icon = match fill {
        Fill::Outcome(kind) => outcome_icon(kind),
        Fill::RuleSet(_) => "",
    };
    let full = if icon.is_empty() {
        label.to_string()
    } else {
        format!("{icon} {label}")
    };
    if text_width(&full, RUN_FONT, true) + 14.0 <= w {
        Some(full)
    } else if !icon.is_empty() && w >= 20.0 {
        Some(icon.to_string())
    } else if icon.is_empty() && w >= 40.0 {
        // A rule set's name, shortened to the room there is.
        let chars = ((w - 10.0) / (RUN_FONT * 0.62)).floor() as usize;
        (chars >= 3).then(|| truncate(label, chars))
    } else {
        None
    }
}

/// The short label of a change point: its most telling cause, "+N" for the others.
/// When one rule set hands over to the next, "VGR 2026 börjar gälla" says it all.
fn marker_cause(catalog: &Catalog, causes: &[String]) -> String {
    let handover = causes.iter().any(|c| c.ends_with(" börjar gälla"));
    let telling: Vec<&String> = causes
        .iter()
        .filter(|c| !(handover && c.ends_with(" upphör att gälla")))
        .collect();
    let main = telling
        .iter()
        .find(|c| c.contains("börjar"))
        .or(telling.first())
        .map(|c| cause_short(catalog, c))
        .unwrap_or_default();
    let main = truncate(&main, 30);
    if telling.len() > 1 {
        format!("{main} (+{})", telling.len() - 1)
    } else {
        main
    }
}

/// Place change-point labels (a marker at `x` with a label `w` wide) in rows above the
/// lanes so that no label overlaps another label, nor the dashed line of a marker whose
/// label sits higher up. A label goes right of its line if it can, else left of it.
/// Returns each label's row and left edge.
fn place_labels(labels: &[(f64, f64)], width: f64) -> Vec<(usize, f64)> {
    // (row, left, right, x) of the labels placed so far.
    let mut placed: Vec<(usize, f64, f64, f64)> = Vec::new();
    let mut result = Vec::with_capacity(labels.len());
    for &(x, w) in labels {
        let fits = |row: usize, left: f64| {
            let right = left + w;
            left >= 2.0
                && right <= width - 2.0
                && placed.iter().all(|&(r, l, rt, px)| {
                    let overlaps = left < rt + 6.0 && l < right + 6.0;
                    let my_line_crosses = r > row && l - 2.0 <= x && x <= rt + 2.0;
                    let its_line_crosses = r < row && left - 2.0 <= px && px <= right + 2.0;
                    !((r == row && overlaps) || my_line_crosses || its_line_crosses)
                })
        };
        let anchors = [x + 1.0, x - 1.0 - w];
        let found = (0..12).find_map(|row| {
            anchors
                .iter()
                .find(|&&left| fits(row, left))
                .map(|&left| (row, left))
        });
        let (row, left) = found.unwrap_or_else(|| {
            let row = placed.iter().map(|p| p.0 + 1).max().unwrap_or(0);
            (row, anchors[0].min(width - 2.0 - w).max(2.0))
        });
        placed.push((row, left, left + w, x));
        result.push((row, left));
    }
    result
}

fn lanes(timeline: &Timeline) -> Vec<(Actor, Capability)> {
    let mut lanes: Vec<(Actor, Capability)> = Vec::new();
    for segment in &timeline.segments {
        for (actor, capability, _) in &segment.outcomes {
            if !lanes.iter().any(|(a, c)| a == actor && c == capability) {
                lanes.push((actor.clone(), capability.clone()));
            }
        }
    }
    let rank = |c: &Capability| match c {
        Capability::Account => 0,
        Capability::Proxy => 1,
        Capability::Journal { unit: Some(_) } => 2,
        Capability::Journal { unit: None } => 3,
    };
    // Stable: keeps the actors' order and the units' order within an actor.
    let actor_order: Vec<Actor> = lanes.iter().fold(Vec::new(), |mut order, (a, _)| {
        if !order.contains(a) {
            order.push(a.clone());
        }
        order
    });
    lanes.sort_by_key(|(a, c)| (actor_order.iter().position(|x| x == a), rank(c)));
    lanes
}

fn layout(case: &Case, catalog: &Catalog, timeline: &Timeline, measured: f64) -> Layout {
    let width = measured.max(MIN_WIDTH);
    let lanes = lanes(timeline);
    let lane_labels: Vec<String> = lanes
        .iter()
        .map(|(_, c)| capability_short(case, c))
        .collect();
    let widest = lane_labels
        .iter()
        .map(|l| text_width(l, LABEL_FONT, false))
        .fold(text_width("Regelverk", LABEL_FONT, true), f64::max);
    let label_w = (widest + 28.0).clamp(120.0, width * 0.38);
    let x0 = label_w;
    let x1 = width - RIGHT_PAD;
    let mut layout = Layout {
        width,
        height: 0.0,
        label_w,
        x0,
        x1,
        from: timeline.from,
        to: timeline.to,
        lanes_top: 0.0,
        lanes_bottom: 0.0,
        axis_y: 0.0,
        rows: Vec::new(),
        markers: Vec::new(),
        ticks: Vec::new(),
    };

    // Change-point labels, in rows above the lanes.
    let mut spans = Vec::new();
    let mut pending = Vec::new();
    for point in &timeline.change_points {
        let causes: Vec<String> = point.causes.iter().map(|c| c.label_sv.clone()).collect();
        let cause = marker_cause(catalog, &causes);
        let date_text = point.date.to_string();
        let w = text_width(&date_text, MARK_DATE_FONT, true)
            .max(text_width(&cause, MARK_CAUSE_FONT, false))
            + 14.0;
        let x = layout.x_of(point.date);
        spans.push((x, w));
        let changed = point.changes.len();
        let aria = format!(
            "{}: {}. {}. Välj datumet.",
            point.date,
            causes.join(", "),
            match changed {
                0 => "Regelverket byts, inga utfall ändras".to_string(),
                1 => "1 utfall ändras".to_string(),
                n => format!("{n} utfall ändras"),
            }
        );
        pending.push((point.date, x, w, cause, causes.join("\n"), aria));
    }
    let placed = place_labels(&spans, width);
    let label_rows = placed.iter().map(|p| p.0 + 1).max().unwrap_or(0);
    for ((date, x, w, cause, title, aria), (row, left)) in pending.into_iter().zip(placed) {
        layout.markers.push(Marker {
            date,
            x,
            label_y: 4.0 + row as f64 * MARK_ROW_H,
            left,
            w,
            cause,
            title,
            aria,
        });
    }

    // The lanes: rule set first, then each actor's heading and capabilities.
    let mut y = 8.0 + label_rows as f64 * MARK_ROW_H;
    layout.lanes_top = y;
    let mut rule_runs: Vec<(NaiveDate, NaiveDate, String)> = Vec::new();
    for segment in &timeline.segments {
        match rule_runs.last_mut() {
            Some(last) if last.2 == segment.rule_set_id => last.1 = segment.to,
            _ => rule_runs.push((segment.from, segment.to, segment.rule_set_id.clone())),
        }
    }
    let runs = rule_runs
        .iter()
        .enumerate()
        .map(|(index, (from, to, id))| {
            let x = layout.x_of(*from);
            let w = layout.x_of(to.succ_opt().unwrap_or(*to)) - x;
            let name = rule_set_short_by_id(catalog, id);
            Run {
                x,
                w,
                fill: Fill::RuleSet(index % 2),
                text: run_text(Fill::RuleSet(index % 2), &name, w),
                title: format!("{name}: {from} – {to}"),
            }
        })
        .collect();
    layout.rows.push(Row {
        y,
        label: "Regelverk".into(),
        kind: RowKind::RuleSet,
        runs,
    });
    y += LANE_H;

    let mut current_actor: Option<&Actor> = None;
    for ((actor, capability), label) in lanes.iter().zip(lane_labels) {
        if current_actor != Some(actor) {
            current_actor = Some(actor);
            y += 4.0;
            layout.rows.push(Row {
                y,
                label: actor_label(case, actor),
                kind: RowKind::Group,
                runs: Vec::new(),
            });
            y += GROUP_H;
        }
        let mut spans: Vec<(NaiveDate, NaiveDate, OutcomeKind)> = Vec::new();
        for segment in &timeline.segments {
            let kind = segment
                .outcomes
                .iter()
                .find(|(a, c, _)| a == actor && c == capability)
                .map(|(_, _, k)| *k);
            let Some(kind) = kind else { continue };
            match spans.last_mut() {
                Some(last) if last.2 == kind && last.1.succ_opt() == Some(segment.from) => {
                    last.1 = segment.to
                }
                _ => spans.push((segment.from, segment.to, kind)),
            }
        }
        let who = format!("{} – {label}", actor_label(case, actor));
        let runs = spans
            .into_iter()
            .map(|(from, to, kind)| {
                let x = layout.x_of(from);
                let w = layout.x_of(to.succ_opt().unwrap_or(to)) - x;
                Run {
                    x,
                    w,
                    fill: Fill::Outcome(kind),
                    text: run_text(Fill::Outcome(kind), kind.label_sv(), w),
                    title: format!("{who}: {} {from} – {to}", kind.label_sv()),
                }
            })
            .collect();
        layout.rows.push(Row {
            y,
            label,
            kind: RowKind::Lane {
                key: format!("{}-{}", actor_key(actor), capability_key(capability)),
            },
            runs,
        });
        y += LANE_H;
    }
    layout.lanes_bottom = y;
    layout.axis_y = y + 6.0;

    // Years on the axis: a tick each 1 January, labelled as often as there is room.
    let px_per_year = (x1 - x0) * 365.25 / ((timeline.to - timeline.from).num_days() + 1).max(1) as f64;
    let step = [1, 2, 5, 10]
        .into_iter()
        .find(|s| px_per_year * *s as f64 >= 48.0)
        .unwrap_or(20);
    for year in timeline.from.year() + 1..=timeline.to.year() {
        let Some(date) = NaiveDate::from_ymd_opt(year, 1, 1) else { continue };
        layout.ticks.push(Tick {
            x: layout.x_of(date),
            label: (year % step == 0).then(|| year.to_string()),
        });
    }
    layout.height = layout.axis_y + 54.0;
    layout
}

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
            Some(state.case.with(|case| layout(case, state.catalog, timeline, width)))
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
    let rows = layout.rows.iter().map(|row| row_view(row, &layout)).collect_view();
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
        chosen_layout.covers(date).then(|| (date, chosen_layout.x_of(date)))
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
    let visibility = move || if chosen.get().is_some() { "visible" } else { "hidden" };
    view! {
        <svg
            class="timeline-svg"
            data-testid="timeline-svg"
            role="group"
            aria-label="Tidslinjen som diagram. Förändringarna är knappar; tabellen nedan visar samma uppgifter som text."
            viewBox=format!("0 0 {} {}", n(width), n(height))
            width="100%"
            preserveAspectRatio="xMinYMin meet"
            style=format!("min-width: {}px", n(width.min(MIN_WIDTH)))
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
            view! { <rect class="tl-pill" x=n(cx - w / 2.0) y=n(cy - 11.0) width=n(w) height="22" rx="3"/> }
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
            <title>{format!("{date}\n{}", marker.title)}</title>
            <line class="tl-marker-hit" x1=n(marker.x) x2=n(marker.x) y1=n(block_bottom) y2=n(lanes_bottom)/>
            <rect class="tl-marker-label" x=n(marker.left) y=n(marker.label_y) width=n(marker.w) height=n(MARK_BLOCK_H) rx="4"/>
            <text class="tl-marker-date" x=n(text_x) y=n(marker.label_y + 18.0) font-size=n(MARK_DATE_FONT)>
                {date.to_string()}
            </text>
            <text class="tl-marker-cause" x=n(text_x) y=n(marker.label_y + 36.0) font-size=n(MARK_CAUSE_FONT)>
                {marker.cause.clone()}
            </text>
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(labels: &[(f64, f64)], placed: &[(usize, f64)]) {
        for (i, (xa, wa)) in labels.iter().enumerate() {
            let (ra, la) = placed[i];
            for (j, (_, wb)) in labels.iter().enumerate() {
                let (rb, lb) = placed[j];
                if i != j && ra == rb {
                    assert!(la + wa + 6.0 <= lb || lb + wb + 6.0 <= la, "{placed:?}");
                }
                if rb > ra {
                    assert!(!(lb - 2.0 <= *xa && *xa <= lb + wb + 2.0), "{placed:?}");
                }
            }
        }
    }

    #[test]
    fn labels_never_overlap_and_avoid_the_lines_of_higher_labels() {
        let close = [(100.0, 120.0), (150.0, 120.0), (400.0, 100.0)];
        let placed = place_labels(&close, 1000.0);
        assert_eq!(placed[0].0, 0);
        assert_ne!(placed[1].0, 0);
        assert_eq!(placed[2].0, 0);
        check(&close, &placed);
        // The third cannot go right of its line (the first label is there) nor below
        // (it would cover the first line): it goes left of its own line.
        let crowded = [(300.0, 100.0), (305.0, 115.0), (250.0, 60.0)];
        let placed = place_labels(&crowded, 1000.0);
        check(&crowded, &placed);
        // Near the right edge a label goes left of its line.
        let placed = place_labels(&[(990.0, 100.0)], 1000.0);
        assert!(placed[0].1 + 100.0 <= 998.0);
    }
}
