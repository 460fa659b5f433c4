//! The timeline as a table: one row per change point with its date (a button that chooses
//! it), causes and the rule set that answered, and what changed and why: outcomes, what
//! an allowed journal shows (content filters starting or ending) and notices. The
//! accessible equivalent of the chart.

use insyn_engine::rule_set::ParameterId;
use insyn_engine::timeline::{CellChange, ChangePoint, FilterChange, Timeline};
use insyn_engine::{Capability, Case, EngineError};
use leptos::prelude::*;

use super::labels::{capability_short, cause_certainty, cause_text, rule_set_short_by_id};
use crate::components::access_matrix::outcome_icon;
use crate::components::batches::drawn_in_batches;
use crate::components::citation::certainty_mark;
use crate::components::notices::notices_starting;
use crate::state::use_app_state;

/// Filter changes grouped by what changes: one line per filter that starts or stops, with
/// every actor × journal it concerns ("Visas igen för …"), not one line per cell.
pub fn filter_change_lines(
    case: &Case,
    changes: &[FilterChange],
) -> Vec<(bool, String, Vec<String>)> {
    let mut lines: Vec<(bool, String, Vec<String>)> = Vec::new();
    for change in changes {
        let who = format!(
            "{} – {}",
            change.actor_label,
            capability_short(case, &change.capability)
        );
        match lines
            .iter_mut()
            .find(|(starts, filter, _)| *starts == change.starts && *filter == change.filter_sv)
        {
            Some((_, _, cells)) => cells.push(who),
            None => lines.push((change.starts, change.filter_sv.clone(), vec![who])),
        }
    }
    lines
}

/// A filter change in words: "Visas igen för …" (it stops), "Döljs från nu för …" (it starts).
pub fn filter_change_sv(starts: bool, filter_sv: &str, cells: &[String]) -> String {
    let who = cells.join("; ");
    if starts {
        format!("Döljs från nu för {who}: {filter_sv}")
    } else {
        format!("Visas igen för {who} (tidigare: {filter_sv})")
    }
}

/// Outcome changes grouped by whom they concern and how: one line per actor, old and new
/// outcome and reason, with every capability it concerns. A sealing of the whole record
/// changes every journal of every actor at once; with fifty units that is one line per
/// actor rather than fifty, each repeating the same reason.
pub fn outcome_change_lines(changes: &[CellChange]) -> Vec<OutcomeLine<'_>> {
    let mut lines: Vec<OutcomeLine> = Vec::new();
    for change in changes {
        let same = |line: &&mut OutcomeLine| {
            line.first.actor == change.actor
                && line.first.from == change.from
                && line.first.to == change.to
                && line.first.reason_sv == change.reason_sv
        };
        match lines.iter_mut().find(same) {
            Some(line) => line.capabilities.push(&change.capability),
            None => lines.push(OutcomeLine {
                first: change,
                capabilities: vec![&change.capability],
            }),
        }
    }
    lines
}

/// One line of `outcome_change_lines`.
pub struct OutcomeLine<'a> {
    /// The first change of the line; the others differ only in their capability.
    pub first: &'a CellChange,
    pub capabilities: Vec<&'a Capability>,
}

/// Capabilities in words, the journals under one "Journal:": "Ombud, Journal: Vårdcentralen
/// Lunden, övriga vårdenheter".
pub fn capabilities_sv(case: &Case, capabilities: &[&Capability]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut journals: Vec<String> = Vec::new();
    for capability in capabilities {
        match capability {
            Capability::Journal { .. } => journals.push(
                capability_short(case, capability)
                    .trim_start_matches("Journal: ")
                    .to_string(),
            ),
            other => parts.push(capability_short(case, other)),
        }
    }
    if !journals.is_empty() {
        parts.push(format!("Journal: {}", journals.join(", ")));
    }
    parts.join(", ")
}

/// How many rows of the table are drawn per task (`drawn_in_batches`). None in the view's
/// first frame: the table starts below the chart (2 800 px down for 40 measures), so its
/// rows follow once the chart is on screen.
const ROWS_PER_TASK: usize = 8;

#[component]
pub fn TimelineTable(shown: Memo<Result<Timeline, EngineError>>) -> impl IntoView {
    let state = use_app_state();
    let total = Memo::new(move |_| shown.with(|t| t.as_ref().map_or(0, |t| t.change_points.len())));
    let drawn = drawn_in_batches(ROWS_PER_TASK, total, move || shown.track());
    // One row per change point, built from the timeline shown when it is drawn. Rebuilt
    // only when the timeline (or the case's labels) change, not when the date does, so the
    // focused date button keeps its focus.
    let row = move |index: usize| {
        shown.with_untracked(|timeline| {
            let timeline = timeline.as_ref().ok()?;
            let point = timeline.change_points.get(index)?;
            // One segment per change point, starting on it.
            let actions = |i: usize| {
                timeline
                    .segments
                    .get(i)
                    .map_or(&[][..], |s| s.required_actions.as_slice())
            };
            let before = index.checked_sub(1);
            let now = actions(index);
            let then = before.map_or(&[][..], actions);
            let action_changes = ActionChanges {
                started: now.iter().copied().filter(|a| !then.contains(a)).collect(),
                ended: then.iter().copied().filter(|a| !now.contains(a)).collect(),
                rule_set_changed: before
                    .is_some_and(|i| timeline.change_points[i].rule_set_id != point.rule_set_id),
            };
            Some(
                state
                    .case
                    .with_untracked(|case| change_row(case, point, action_changes)),
            )
        })
    };
    let table = move || {
        shown.with(|timeline| {
            let timeline = timeline.as_ref().ok()?;
            Some(view! {
                <table class="timeline-table" data-testid="timeline-table">
                    <caption>
                        "Alla förändringar " {timeline.from.to_string()} " – " {timeline.to.to_string()}
                        ". Välj ett datum för att visa det."
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col" class="col-date">"Datum"</th>
                            <th scope="col" class="col-causes">"Orsak och regelverk"</th>
                            <th scope="col" class="col-changes">"Vad ändras – och varför"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || 0..drawn.get().min(total.get())
                            key=|index| *index
                            children=row
                        />
                    </tbody>
                </table>
            })
        })
    };
    view! {
        <section class="timeline-table-section" aria-labelledby="timeline-table-heading">
            <h3 id="timeline-table-heading">"Förändringar i tabellform"</h3>
            {table}
        </section>
    }
}

/// What the rule set starts or stops demanding of staff on a change point.
struct ActionChanges {
    started: Vec<ParameterId>,
    ended: Vec<ParameterId>,
    rule_set_changed: bool,
}

fn change_row(case: &Case, point: &ChangePoint, actions: ActionChanges) -> impl IntoView {
    let state = use_app_state();
    let date = point.date;
    let chosen = move || state.date.get() == date;
    let causes = point
        .causes
        .iter()
        .map(|cause| {
            let mark = cause_certainty(cause).map(|certainty| {
                let (class, text) = certainty_mark(certainty);
                view! {
                    " "
                    <span class=class data-testid="cause-certainty">
                        <span class="visually-hidden">"Säkerhet: "</span>
                        {text}
                    </span>
                }
            });
            view! { <li>{cause_text(case, state.catalog, cause)}{mark}</li> }
        })
        .collect_view();
    let outcome_changes = (!point.changes.is_empty()).then(|| {
        let items = outcome_change_lines(&point.changes)
            .into_iter()
            .map(|line| {
                let change = line.first;
                let capabilities = capabilities_sv(case, &line.capabilities);
                let what = match change.from {
                    Some(from) => format!(
                        "{} – {}: {} → {}",
                        change.actor_label,
                        capabilities,
                        from.label_sv(),
                        change.to.label_sv()
                    ),
                    None => format!(
                        "{} – {}: {}",
                        change.actor_label,
                        capabilities,
                        change.to.label_sv()
                    ),
                };
                view! {
                    <li>
                        <span class="change-what">
                            <span class="change-icon" aria-hidden="true">{outcome_icon(change.to)}</span>
                            " " {what}
                        </span>
                        <span class="change-why">{change.reason_sv.clone()}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="changes">{items}</ul> }
    });
    let filter_changes = (!point.filter_changes.is_empty()).then(|| {
        let items = filter_change_lines(case, &point.filter_changes)
            .into_iter()
            .map(|(starts, filter, cells)| {
                let icon = if starts { "▼" } else { "▲" };
                view! {
                    <li class="filter-change" data-starts=starts.to_string()>
                        <span class="change-icon" aria-hidden="true">{icon}</span>
                        " "
                        {filter_change_sv(starts, &filter, &cells)}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="changes filter-changes" data-testid="filter-changes">{items}</ul> }
    });
    let notices = notices_starting(case, &point.notices);
    let notices = (!notices.is_empty()).then(|| {
        let items = notices
            .into_iter()
            .map(|notice| {
                view! {
                    <li class="timeline-notice">
                        <span class="warning-label">
                            <span aria-hidden="true">"⚠ "</span>"Observera: "
                        </span>
                        {notice}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="changes timeline-notices" data-testid="timeline-notices">{items}</ul> }
    });
    let action_changes = (!actions.started.is_empty() || !actions.ended.is_empty()).then(|| {
        let started = actions.started.iter().map(|id| {
            view! {
                <li class="action-change" data-rule=id.name()>
                    <span class="change-icon" aria-hidden="true">"!"</span>
                    " Åtgärd krävs av personalen från nu: " {id.term_sv()}
                </li>
            }
        });
        let ended = actions.ended.iter().map(|id| {
            view! {
                <li class="action-change" data-rule=id.name()>
                    <span class="change-icon" aria-hidden="true">"✓"</span>
                    " Krävs inte längre av personalen: " {id.term_sv()}
                </li>
            }
        });
        view! {
            <ul class="changes action-changes" data-testid="action-changes">
                {started.collect_view()}
                {ended.collect_view()}
            </ul>
        }
    });
    let nothing = (point.changes.is_empty() && point.filter_changes.is_empty()).then(|| {
        let text = if actions.rule_set_changed {
            "Inga utfall ändras (bara regelverket byts)."
        } else {
            "Inga utfall ändras."
        };
        view! { <p class="no-change">{text}</p> }
    });
    let changes = view! { {nothing} {outcome_changes} {filter_changes} {action_changes} {notices} };
    let rule_set = rule_set_short_by_id(state.catalog, &point.rule_set_id);
    view! {
        <tr class:chosen=chosen data-testid=format!("timeline-row-{date}")>
            <th scope="row">
                <button
                    type="button"
                    class="timeline-date"
                    data-testid=format!("timeline-date-{date}")
                    aria-pressed=move || chosen().to_string()
                    on:click=move |_| state.date.set(date)
                >
                    {date.to_string()}
                </button>
                {move || chosen().then(|| view! { <span class="chosen-note">"Valt datum"</span> })}
            </th>
            <td>
                <ul class="causes">{causes}</ul>
                <p class="answering-rule-set">"Regelverk: " <strong>{rule_set}</strong></p>
            </td>
            <td>{changes}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use insyn_engine::{Actor, OutcomeKind};

    fn change(actor: &str, capability: Capability, to: OutcomeKind, reason: &str) -> CellChange {
        CellChange {
            actor: Actor::Guardian { id: actor.into() },
            actor_label: format!("Vårdnadshavare ({actor})"),
            capability,
            from: Some(OutcomeKind::Allowed),
            to,
            rule_id: None,
            reason_sv: reason.into(),
        }
    }

    fn journal(unit: Option<&str>) -> Capability {
        Capability::Journal {
            unit: unit.map(String::from),
        }
    }

    #[test]
    fn changes_alike_for_one_actor_are_one_line_naming_every_journal() {
        let case = crate::training_cases::example_case().case();
        let sealed = "Förseglad.";
        let changes = [
            change(
                "vh1",
                journal(Some("vc-lunden")),
                OutcomeKind::Denied,
                sealed,
            ),
            change("vh1", Capability::Proxy, OutcomeKind::Denied, sealed),
            change(
                "vh2",
                journal(Some("vc-lunden")),
                OutcomeKind::Denied,
                sealed,
            ),
            change("vh1", journal(None), OutcomeKind::Denied, sealed),
            // Another reason, or another outcome, is a line of its own.
            change(
                "vh1",
                journal(Some("bup-centrum")),
                OutcomeKind::Denied,
                "Undantagen.",
            ),
            change("vh1", Capability::Account, OutcomeKind::Grantable, sealed),
        ];
        let lines: Vec<(String, String)> = outcome_change_lines(&changes)
            .iter()
            .map(|line| {
                (
                    line.first.actor_label.clone(),
                    capabilities_sv(&case, &line.capabilities),
                )
            })
            .collect();
        let line =
            |actor: &str, what: &str| (format!("Vårdnadshavare ({actor})"), what.to_string());
        assert_eq!(
            lines,
            [
                line(
                    "vh1",
                    "Ombud, Journal: Vårdcentralen Lunden, övriga vårdenheter"
                ),
                line("vh2", "Journal: Vårdcentralen Lunden"),
                line("vh1", "Journal: BUP Centrum"),
                line("vh1", "Konto"),
            ]
        );
    }
}
