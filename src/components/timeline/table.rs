//! The timeline as a table: one row per change point with its date (a button that chooses
//! it), causes and the rule set that answered, and what changed and why. The accessible
//! equivalent of the chart.

use insyn_engine::timeline::{ChangePoint, Timeline};
use insyn_engine::{Case, EngineError};
use leptos::prelude::*;

use super::labels::{capability_short, cause_short, rule_set_short_by_id};
use crate::components::access_matrix::outcome_icon;
use crate::state::use_app_state;

#[component]
pub fn TimelineTable(shown: Memo<Result<Timeline, EngineError>>) -> impl IntoView {
    let state = use_app_state();
    // Rebuilt only when the timeline (or the case's labels) change, not when the date does,
    // so the focused date button keeps its focus.
    let rows = move || {
        shown.with(|timeline| {
            let timeline = timeline.as_ref().ok()?;
            let rows = state.case.with(|case| {
                timeline
                    .change_points
                    .iter()
                    .map(|point| change_row(case, point))
                    .collect_view()
            });
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
                    <tbody>{rows}</tbody>
                </table>
            })
        })
    };
    view! {
        <section class="timeline-table-section" aria-labelledby="timeline-table-heading">
            <h3 id="timeline-table-heading">"Förändringar i tabellform"</h3>
            {rows}
        </section>
    }
}

fn change_row(case: &Case, point: &ChangePoint) -> impl IntoView {
    let state = use_app_state();
    let date = point.date;
    let chosen = move || state.date.get() == date;
    let causes = point
        .causes
        .iter()
        .map(|c| view! { <li>{cause_short(state.catalog, &c.label_sv)}</li> })
        .collect_view();
    let changes = if point.changes.is_empty() {
        view! { <p class="no-change">"Inga utfall ändras (bara regelverket byts)."</p> }.into_any()
    } else {
        let items = point
            .changes
            .iter()
            .map(|change| {
                let what = match change.from {
                    Some(from) => format!(
                        "{} – {}: {} → {}",
                        change.actor_label,
                        capability_short(case, &change.capability),
                        from.label_sv(),
                        change.to.label_sv()
                    ),
                    None => format!(
                        "{} – {}: {}",
                        change.actor_label,
                        capability_short(case, &change.capability),
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
        view! { <ul class="changes">{items}</ul> }.into_any()
    };
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
