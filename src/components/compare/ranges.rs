//! The date ranges over the whole childhood where the two rule sets give any different
//! outcome, and where they demand different actions of staff (RJL and VGR 2026 give a
//! child with protected identity the same outcomes, but only VGR 2026 requires a sealing
//! 0–18), each with a button that chooses its first day.

use chrono::NaiveDate;
use insyn_engine::rule_set::ParameterId;
use insyn_engine::timeline::{diff, ActionDifference, Diff};
use insyn_engine::EngineError;
use leptos::prelude::*;

use crate::components::access_matrix::outcome_icon;
use crate::components::batches::drawn_in_batches;
use crate::components::timeline::labels::{and_list, cell_label, rule_set_short_by_id};
use crate::state::use_app_state;

#[component]
pub fn DiffRanges() -> impl IntoView {
    let state = use_app_state();
    let result: Memo<Result<Diff, EngineError>> = Memo::new(move |_| {
        let (a, b) = state.compare.get();
        state
            .case
            .with(|case| diff(state.catalog, case, &a, &b, None, None))
    });
    let total = Memo::new(move |_| result.with(|r| r.as_ref().map_or(0, |d| d.ranges.len())));
    let drawn = drawn_in_batches(RANGES_PER_TASK, total, move || result.track());
    let content = move || {
        result.with(|shown| match shown {
            Err(error) => view! {
                <p class="compare-unavailable" role="status">
                    "Skillnaderna kan inte visas: " {error.message_sv()}
                </p>
            }
            .into_any(),
            Ok(diff) if diff.ranges.is_empty() => {
                let but = (!diff.action_ranges.is_empty()).then(|| {
                    view! { " " <strong>"Men de kräver olika åtgärder av personalen – se nedan."</strong> }
                });
                view! {
                    <p class="diff-none" data-testid="diff-none">
                        "Regelverken ger samma utfall under hela perioden "
                        {diff.from.to_string()} " – " {diff.to.to_string()} "."
                        {but}
                    </p>
                }
                .into_any()
            }
            Ok(diff) => diff_table(diff, result, drawn, total).into_any(),
        })
    };
    let actions = move || {
        result.with(|result| {
            result
                .as_ref()
                .ok()
                .map(|diff| view! { <ActionRanges diff=diff.clone()/> })
        })
    };
    view! {
        <section class="diff-ranges-section" aria-labelledby="diff-ranges-heading">
            <h3 id="diff-ranges-heading">"När skiljer sig utfallen under barndomen?"</h3>
            {content}
        </section>
        <section class="diff-ranges-section action-ranges-section" aria-labelledby="action-ranges-heading">
            <h3 id="action-ranges-heading">"När kräver regelverken olika åtgärder av personalen?"</h3>
            {actions}
        </section>
    }
}

/// "åtgärden "Barnets skyddade identitet: försegling krävs"": the actions by their
/// parameters' Swedish terms, quoted since the terms have colons of their own.
pub fn action_terms(actions: &[ParameterId]) -> String {
    let terms: Vec<String> = actions
        .iter()
        .map(|a| format!("\"{}\"", a.term_sv()))
        .collect();
    let noun = if terms.len() == 1 {
        "åtgärden"
    } else {
        "åtgärderna"
    };
    format!("{noun} {}", and_list(&terms))
}

/// One line per side of an action difference: "Bara VGR 2026 kräver åtgärden "…"".
pub fn action_difference_lines(
    name_a: &str,
    name_b: &str,
    range: &ActionDifference,
) -> Vec<String> {
    let mut lines = Vec::new();
    if !range.only_a.is_empty() {
        lines.push(format!(
            "Bara {name_a} kräver {}",
            action_terms(&range.only_a)
        ));
    }
    if !range.only_b.is_empty() {
        lines.push(format!(
            "Bara {name_b} kräver {}",
            action_terms(&range.only_b)
        ));
    }
    lines
}

/// The date ranges where the two rule sets demand different actions of staff, whether or
/// not any outcome differs.
#[component]
fn ActionRanges(diff: Diff) -> impl IntoView {
    let state = use_app_state();
    let name_a = rule_set_short_by_id(state.catalog, &diff.rule_set_a);
    let name_b = rule_set_short_by_id(state.catalog, &diff.rule_set_b);
    let body = if diff.action_ranges.is_empty() {
        view! {
            <p class="diff-none" data-testid="action-diff-none">
                {format!("{name_a} och {name_b} kräver samma åtgärder av personalen under hela perioden.")}
            </p>
        }
        .into_any()
    } else {
        let rows = diff
            .action_ranges
            .iter()
            .map(|range| {
                let items = action_difference_lines(&name_a, &name_b, range)
                    .into_iter()
                    .map(|line| view! { <li>{line}</li> })
                    .collect_view();
                range_row(range.from, range.to, "action", items)
            })
            .collect_view();
        view! {
            <p class="action-diff-intro">
                "Åtgärder som regelverket kräver att personalen begär – sådant 1177 inte gör av sig självt. "
                "De syns inte i matrisen förrän åtgärden finns i fallet."
            </p>
            <table class="diff-ranges action-ranges" data-testid="action-ranges">
                <caption>
                    {format!(
                        "Perioder {} – {} då {name_a} och {name_b} kräver olika åtgärder av personalen",
                        diff.from, diff.to
                    )}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Period (t.o.m.)"</th>
                        <th scope="col">"Vad krävs"</th>
                        <th scope="col">"Välj datum"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    body
}

/// One date range of a diff table: the period (marked when the chosen date lies in it),
/// what differs, and a button that chooses its first day. `kind` prefixes the test ids
/// (`diff-range-…`/`diff-jump-…`, `action-range-…`/`action-jump-…`).
fn range_row(
    from: NaiveDate,
    to: NaiveDate,
    kind: &'static str,
    items: impl IntoView + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let current = move || {
        let date = state.date.get();
        from <= date && date <= to
    };
    view! {
        <tr class:current=current data-testid=format!("{kind}-range-{from}")>
            <td class="diff-period">
                {from.to_string()} " – " {to.to_string()}
                {move || current().then(|| view! { <span class="current-note">"Valt datum ligger här"</span> })}
            </td>
            <td><ul class="diff-list">{items}</ul></td>
            <td>
                <button
                    type="button"
                    data-testid=format!("{kind}-jump-{from}")
                    on:click=move |_| state.date.set(from)
                >
                    "Visa " {from.to_string()}
                </button>
            </td>
        </tr>
    }
}

/// How many date ranges are drawn per task (`drawn_in_batches`): at the format's limits a
/// range lists up to every cell of the case. None in the view's first frame: the ranges
/// come after the two matrices, below the fold (1 900 px down at 1366×768).
const RANGES_PER_TASK: usize = 12;

/// The `index`th date range of the diff shown: its period and every cell that differs.
fn diff_row(result: Memo<Result<Diff, EngineError>>, index: usize) -> Option<impl IntoView> {
    let state = use_app_state();
    result.with_untracked(|result| {
        let diff = result.as_ref().ok()?;
        let range = diff.ranges.get(index)?;
        let name_a = rule_set_short_by_id(state.catalog, &diff.rule_set_a);
        let name_b = rule_set_short_by_id(state.catalog, &diff.rule_set_b);
        let items = state.case.with_untracked(|case| {
            range
                .differences
                .iter()
                .map(|d| {
                    view! {
                        <li>
                            <span class="diff-who">{cell_label(case, &d.actor, &d.capability)}</span>
                            <span class="diff-outcomes">
                                {format!(
                                    "{name_a}: {} {} · {name_b}: {} {}",
                                    outcome_icon(d.a),
                                    d.a.label_sv(),
                                    outcome_icon(d.b),
                                    d.b.label_sv()
                                )}
                            </span>
                        </li>
                    }
                })
                .collect_view()
        });
        Some(range_row(range.from, range.to, "diff", items))
    })
}

fn diff_table(
    diff: &Diff,
    result: Memo<Result<Diff, EngineError>>,
    drawn: ReadSignal<usize>,
    total: Memo<usize>,
) -> impl IntoView {
    let state = use_app_state();
    let name_a = rule_set_short_by_id(state.catalog, &diff.rule_set_a);
    let name_b = rule_set_short_by_id(state.catalog, &diff.rule_set_b);
    let rows = view! {
        <For
            each=move || 0..drawn.get().min(total.get())
            key=|index| *index
            children=move |index| diff_row(result, index)
        />
    };
    view! {
        <table class="diff-ranges" data-testid="diff-ranges">
            <caption>
                {format!(
                    "Perioder {} – {} då {name_a} och {name_b} ger olika utfall",
                    diff.from, diff.to
                )}
            </caption>
            <thead>
                <tr>
                    <th scope="col">"Period (t.o.m.)"</th>
                    <th scope="col">"Vad skiljer sig"</th>
                    <th scope="col">"Välj datum"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
