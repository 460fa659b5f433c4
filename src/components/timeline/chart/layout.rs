//! The chart's geometry, as a pure function of the timeline and the panel's width: where
//! each lane, bar, change-point label and year tick goes. Text widths are estimated (no
//! DOM measuring), so it is tested natively.

use chrono::{Datelike, NaiveDate};
use insyn_engine::timeline::{Cause, Timeline};
use insyn_engine::{Actor, Capability, Case, Catalog, OutcomeKind};

use crate::components::access_matrix::{
    actor_key, capability_key, column_rank, outcome_icon, sort_short_by_key,
};
use crate::components::timeline::labels::{
    actor_label, capability_short, cause_brief, cause_sv, rule_set_short_by_id, truncate,
};

/// Pitch of a lane and height of its bar (the bar stays at least 22 px for a projector).
pub(super) const LANE_H: f64 = 34.0;
pub(super) const BAR_H: f64 = 28.0;
/// Height of an actor's heading row.
pub(super) const GROUP_H: f64 = 30.0;
pub(super) const LABEL_FONT: f64 = 16.0;
pub(super) const GROUP_FONT: f64 = 17.0;
pub(super) const RUN_FONT: f64 = 15.0;
pub(super) const MARK_DATE_FONT: f64 = 16.0;
pub(super) const MARK_CAUSE_FONT: f64 = 15.0;
/// One row of change-point labels above the lanes.
pub(super) const MARK_ROW_H: f64 = 48.0;
pub(super) const MARK_BLOCK_H: f64 = 42.0;
pub(super) const AXIS_FONT: f64 = 15.0;
/// Narrower panels scroll sideways rather than squeeze the years together.
pub(super) const MIN_WIDTH: f64 = 560.0;
pub(super) const RIGHT_PAD: f64 = 12.0;

/// Rough width of a text in the system sans-serif font: enough to lay labels out so they
/// neither overlap nor overflow (no measuring in the DOM, so layout stays a pure function).
pub(super) fn text_width(text: &str, font: f64, bold: bool) -> f64 {
    text.chars().count() as f64 * font * if bold { 0.62 } else { 0.57 }
}

/// An SVG coordinate to one decimal, written with integer formatting.
//
// This and `within` keep Rust's float formatting (`{:.1}`, and the `{:?}` in the panic
// message of `f64::clamp`) out of the wasm: the chart's coordinates were its only use,
// and it costs about 8 KB gzipped.
pub(super) fn n(value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.unsigned_abs();
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

/// `value` kept within `low..=high`; `high` wins if the two cross (a very narrow panel).
pub(super) fn within(value: f64, low: f64, high: f64) -> f64 {
    value.max(low).min(high)
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Fill {
    Outcome(OutcomeKind),
    /// The rule-set lane, shaded alternately per rule set.
    RuleSet(usize),
}

#[derive(Clone, PartialEq, Debug)]
pub(super) struct Run {
    pub(super) x: f64,
    pub(super) w: f64,
    pub(super) fill: Fill,
    /// Icon and text when the run is wide enough, else the icon, else nothing.
    pub(super) text: Option<String>,
    pub(super) title: String,
}

#[derive(Clone, PartialEq, Debug)]
pub(super) enum RowKind {
    /// An actor's heading ("Vårdnadshavare 1 (Sara)").
    Group,
    /// An actor × capability lane.
    Lane { key: String },
    /// Which rule set answered.
    RuleSet,
}

#[derive(Clone, PartialEq, Debug)]
pub(super) struct Row {
    pub(super) y: f64,
    pub(super) label: String,
    pub(super) kind: RowKind,
    pub(super) runs: Vec<Run>,
}

#[derive(Clone, PartialEq, Debug)]
pub(super) struct Marker {
    pub(super) date: NaiveDate,
    pub(super) x: f64,
    /// Top of the label block and its horizontal extent.
    pub(super) label_y: f64,
    pub(super) left: f64,
    pub(super) w: f64,
    pub(super) cause: String,
    pub(super) aria: String,
}

#[derive(Clone, PartialEq, Debug)]
pub(super) struct Tick {
    pub(super) x: f64,
    pub(super) label: Option<String>,
}

#[derive(Clone, PartialEq, Debug)]
pub(super) struct Layout {
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) label_w: f64,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
    pub(super) lanes_top: f64,
    pub(super) lanes_bottom: f64,
    pub(super) axis_y: f64,
    pub(super) rows: Vec<Row>,
    pub(super) markers: Vec<Marker>,
    pub(super) ticks: Vec<Tick>,
}

impl Layout {
    pub(super) fn x_of(&self, date: NaiveDate) -> f64 {
        let total = ((self.to - self.from).num_days() + 1).max(1) as f64;
        let days = (date - self.from).num_days() as f64;
        self.x0 + days / total * (self.x1 - self.x0)
    }

    pub(super) fn covers(&self, date: NaiveDate) -> bool {
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
    // On the hatching the text sits on a pill; leave some hatching visible either side.
    let room = if matches!(fill, Fill::Outcome(OutcomeKind::Grantable)) {
        44.0
    } else {
        14.0
    };
    if text_width(&full, RUN_FONT, true) + room <= w {
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
fn marker_cause(catalog: &Catalog, causes: &[Cause]) -> String {
    let handover = causes
        .iter()
        .any(|c| matches!(c, Cause::RuleSetStarts { .. }));
    let telling: Vec<&Cause> = causes
        .iter()
        .filter(|c| !(handover && matches!(c, Cause::RuleSetEnds { .. })))
        .collect();
    let starts = |c: &&&Cause| {
        matches!(
            c,
            Cause::RuleSetStarts { .. }
                | Cause::MeasureStarts { .. }
                | Cause::ProtectedIdentityStarts { .. }
                | Cause::CustodyStarts { .. }
        )
    };
    let main = telling
        .iter()
        .find(starts)
        .or(telling.first())
        .map(|c| cause_brief(catalog, c))
        .unwrap_or_default();
    let main = truncate(&main, 32);
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

/// The lanes, each with its position in `Timeline::cells` (and so in every segment's
/// outcomes).
fn lanes(timeline: &Timeline) -> Vec<(Actor, Capability, usize)> {
    let mut lanes: Vec<(Actor, Capability, usize)> = timeline
        .cells
        .iter()
        .enumerate()
        .map(|(index, (actor, capability))| (actor.clone(), capability.clone(), index))
        .collect();
    // Stable: keeps the actors' order and the units' order within an actor.
    let actor_order: Vec<Actor> = lanes.iter().fold(Vec::new(), |mut order, (a, _, _)| {
        if !order.contains(a) {
            order.push(a.clone());
        }
        order
    });
    sort_short_by_key(&mut lanes, |(a, c, _)| {
        (actor_order.iter().position(|x| x == a), column_rank(c))
    });
    lanes
}

pub(super) fn layout(case: &Case, catalog: &Catalog, timeline: &Timeline, measured: f64) -> Layout {
    let width = measured.max(MIN_WIDTH);
    let lanes = lanes(timeline);
    let lane_labels: Vec<String> = lanes
        .iter()
        .map(|(_, c, _)| capability_short(case, c))
        .collect();
    let widest = lane_labels
        .iter()
        .map(|l| text_width(l, LABEL_FONT, false))
        .fold(text_width("Regelverk", LABEL_FONT, true), f64::max);
    let label_w = within(widest + 28.0, 120.0, width * 0.38);
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
        let causes: Vec<String> = point
            .causes
            .iter()
            .map(|c| cause_sv(case, catalog, c))
            .collect();
        let cause = marker_cause(catalog, &point.causes);
        let date_text = point.date.to_string();
        let w = text_width(&date_text, MARK_DATE_FONT, true).max(text_width(
            &cause,
            MARK_CAUSE_FONT,
            false,
        )) + 14.0;
        let x = layout.x_of(point.date);
        spans.push((x, w));
        let changed = point.changes.len();
        // It starts with the label's visible text (WCAG 2.5.3, label in name).
        let all_causes = causes.join(", ");
        let full = if all_causes == cause {
            String::new()
        } else {
            format!(" Orsaker: {all_causes}.")
        };
        let aria = format!(
            "{} {cause}.{full} {}. Välj datumet.",
            point.date,
            match changed {
                0 => "Regelverket byts, inga utfall ändras".to_string(),
                1 => "1 utfall ändras".to_string(),
                n => format!("{n} utfall ändras"),
            }
        );
        pending.push((point.date, x, w, cause, aria));
    }
    let placed = place_labels(&spans, width);
    let label_rows = placed.iter().map(|p| p.0 + 1).max().unwrap_or(0);
    for ((date, x, w, cause, aria), (row, left)) in pending.into_iter().zip(placed) {
        layout.markers.push(Marker {
            date,
            x,
            label_y: 4.0 + row as f64 * MARK_ROW_H,
            left,
            w,
            cause,
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
    for ((actor, capability, cell), label) in lanes.iter().zip(lane_labels) {
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
            let Some(kind) = segment.outcomes.get(*cell).copied() else {
                continue;
            };
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
    let px_per_year =
        (x1 - x0) * 365.25 / ((timeline.to - timeline.from).num_days() + 1).max(1) as f64;
    let step = [1, 2, 5, 10]
        .into_iter()
        .find(|s| px_per_year * *s as f64 >= 48.0)
        .unwrap_or(20);
    for year in timeline.from.year() + 1..=timeline.to.year() {
        let Some(date) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let x = layout.x_of(date);
        // A year's label is centred on its tick; drop it if it would be cut at the edge.
        let fits = x + text_width("2000", AXIS_FONT, false) / 2.0 <= width - 1.0;
        layout.ticks.push(Tick {
            x,
            label: (year % step == 0 && fits).then(|| year.to_string()),
        });
    }
    layout.height = layout.axis_y + 54.0;
    layout
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
    fn a_marker_names_the_rule_set_taking_over_and_counts_the_other_causes() {
        let catalog = Catalog::embedded();
        let handover = [
            Cause::RuleSetEnds {
                rule_set: "vgr-2019".into(),
            },
            Cause::RuleSetStarts {
                rule_set: "vgr-2026".into(),
            },
        ];
        assert_eq!(marker_cause(catalog, &handover), "VGR 2026 börjar gälla");
        let causes = [
            Cause::Birthday { age: 13 },
            Cause::MeasureEnds {
                measure: "blockering-vh2".into(),
                measure_type: insyn_engine::case::MeasureType::Blocking,
                reason: insyn_engine::evaluation::EndReason::AgeLimit { age: 13 },
            },
        ];
        assert_eq!(marker_cause(catalog, &causes), "13-årsdagen (+1)");
    }

    #[test]
    fn coordinates_are_written_to_one_decimal() {
        assert_eq!(n(0.0), "0.0");
        assert_eq!(n(12.34), "12.3");
        assert_eq!(n(12.36), "12.4");
        assert_eq!(n(-100.0), "-100.0");
        assert_eq!(n(-0.04), "0.0");
        assert_eq!(n(-0.06), "-0.1");
        assert_eq!(n(1919.95), "1920.0");
    }

    #[test]
    fn within_keeps_a_value_inside_its_bounds() {
        assert_eq!(within(5.0, 1.0, 10.0), 5.0);
        assert_eq!(within(-5.0, 1.0, 10.0), 1.0);
        assert_eq!(within(50.0, 1.0, 10.0), 10.0);
        // Crossed bounds (a very narrow panel) do not panic.
        assert_eq!(within(5.0, 10.0, 1.0), 1.0);
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
