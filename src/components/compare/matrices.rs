//! The answers of "Jämför" for the chosen date: rule set A's and rule set B's side by side
//! for every actor × capability, every differing cell marked "≠ Skiljer sig" (class
//! `differs`, `data-differs="true"`), and a summary of the differences in words above.

use insyn_engine::evaluation::Cell;
use insyn_engine::{Actor, Capability, Case, Catalog, Evaluation, OutcomeKind};
use leptos::prelude::*;

use super::ranges::action_difference_lines;
use super::Pair;
use crate::components::access_matrix::{
    actor_key, capability_key, column_rank, outcome_class, outcome_icon, outcome_key,
    sort_short_by_key,
};
use crate::components::timeline::labels::{capability_short, cell_label, rule_set_short_by_id};
use crate::state::use_app_state;
use insyn_engine::rule_set::ParameterId;
use insyn_engine::timeline::ActionDifference;

fn kind_of(evaluation: &Evaluation, actor: &Actor, capability: &Capability) -> Option<OutcomeKind> {
    evaluation.cell(actor, capability).map(|c| c.outcome.kind())
}

/// Konto, ombud, journal per unit, other units: the columns of both matrices.
fn columns(a: &Evaluation, b: &Evaluation) -> Vec<Capability> {
    let mut columns: Vec<Capability> = Vec::new();
    for actor in a.actors.iter().chain(&b.actors) {
        for cell in &actor.cells {
            if !columns.contains(&cell.capability) {
                columns.push(cell.capability.clone());
            }
        }
    }
    sort_short_by_key(&mut columns, column_rank);
    columns
}

#[component]
pub fn CompareMatrices(pair: Memo<Pair>) -> impl IntoView {
    let state = use_app_state();
    // A wide comparison scrolls in its own box: a labelled stop in the Tab order, so the
    // keyboard can scroll it too.
    let content = move || match pair.get() {
        Err(error) => view! {
            <p class="compare-unavailable" role="status" data-testid="compare-unavailable">
                "Jämförelsen kan inte visas: " {error.message_sv()}
            </p>
        }
        .into_any(),
        Ok((a, b)) => state.case.with(|case| {
            let columns = columns(&a, &b);
            view! {
                <DifferenceSummary case=case.clone() a=a.clone() b=b.clone()/>
                <div
                    class="compare-matrices"
                    role="region"
                    aria-label="Jämförda matriser"
                    tabindex="0"
                >
                    {comparison_table(case, state.catalog, &a, &b, &columns)}
                </div>
            }
            .into_any()
        }),
    };
    view! {
        <section class="compare-date" aria-labelledby="compare-date-heading">
            <h3 id="compare-date-heading">
                "Läget den " {move || state.date.get().to_string()} " enligt båda regelverken"
            </h3>
            <p class="compare-legend" aria-hidden="true">
                <span>"✔ Har åtkomst"</span>
                <span>"✖ Ingen åtkomst"</span>
                <span>"◐ Kan beviljas"</span>
                <span class="differs-marker">"≠ Skiljer sig"</span>
            </p>
            {content}
        </section>
    }
}

/// "Den 2026-07-01 skiljer sig 1 ruta: …", for everyone, and announced when it changes.
#[component]
fn DifferenceSummary(case: Case, a: Evaluation<'static>, b: Evaluation<'static>) -> impl IntoView {
    let state = use_app_state();
    let name_a = rule_set_short_by_id(state.catalog, a.rule_set_id);
    let name_b = rule_set_short_by_id(state.catalog, b.rule_set_id);
    let differences: Vec<String> = a
        .actors
        .iter()
        .flat_map(|actor| actor.cells.iter().map(move |cell| (&actor.actor, cell)))
        .filter_map(|(actor, cell)| {
            let kind_a = cell.outcome.kind();
            let kind_b = kind_of(&b, actor, &cell.capability)?;
            (kind_a != kind_b).then(|| {
                format!(
                    "{}: {name_a} {} {}, {name_b} {} {}",
                    cell_label(&case, actor, &cell.capability),
                    outcome_icon(kind_a),
                    kind_a.label_sv(),
                    outcome_icon(kind_b),
                    kind_b.label_sv()
                )
            })
        })
        .collect();
    let date = a.date;
    let actions = |e: &Evaluation| -> Vec<ParameterId> {
        e.required_actions.iter().map(|r| r.rule_id).collect()
    };
    let (actions_a, actions_b) = (actions(&a), actions(&b));
    let only = |mine: &[ParameterId], theirs: &[ParameterId]| -> Vec<ParameterId> {
        mine.iter()
            .copied()
            .filter(|x| !theirs.contains(x))
            .collect()
    };
    let action_lines = action_difference_lines(
        &name_a,
        &name_b,
        &ActionDifference {
            from: date,
            to: date,
            only_a: only(&actions_a, &actions_b),
            only_b: only(&actions_b, &actions_a),
        },
    );
    let outcomes_agree = differences.is_empty();
    let action_note = (!action_lines.is_empty()).then(|| {
        let items = action_lines
            .into_iter()
            .map(|line| view! { <li>{line}</li> })
            .collect_view();
        view! {
            <p class="compare-actions-heading">
                <strong>
                    {if outcomes_agree {
                        "Men de kräver olika åtgärder av personalen:"
                    } else {
                        "De kräver också olika åtgärder av personalen:"
                    }}
                </strong>
            </p>
            <ul data-testid="compare-summary-actions">{items}</ul>
        }
    });
    let headline = match differences.len() {
        0 => format!("Den {date} ger {name_a} och {name_b} samma utfall i alla rutor."),
        1 => format!("Den {date} skiljer sig 1 ruta mellan {name_a} och {name_b}:"),
        n => format!("Den {date} skiljer sig {n} rutor mellan {name_a} och {name_b}:"),
    };
    let items = differences
        .into_iter()
        .map(|d| view! { <li>{d}</li> })
        .collect_view();
    view! {
        <div class="compare-summary" role="status" data-testid="compare-summary">
            <p>{headline}</p>
            <ul>{items}</ul>
            {action_note}
        </div>
    }
}

/// Both rule sets' answers in one table: a row per actor × capability (grouped under the
/// actor), rule set A's outcome beside rule set B's. Two matrices of konto/ombud/journal
/// columns do not fit side by side in the result panel at 1366 px (they scrolled
/// sideways); this keeps A and B next to each other at any width.
fn comparison_table(
    case: &Case,
    catalog: &'static Catalog,
    a: &Evaluation<'static>,
    b: &Evaluation<'static>,
    columns: &[Capability],
) -> impl IntoView {
    let heading = |side: &'static str, evaluation: &Evaluation<'static>| {
        let rule_set = catalog.get(evaluation.rule_set_id);
        let name = rule_set_short_by_id(catalog, evaluation.rule_set_id);
        let title = rule_set.map(|r| r.title.clone()).unwrap_or_default();
        let validity = rule_set.map(|r| {
            let period = match r.valid_to {
                Some(to) => format!("Gäller {} – {to}", r.valid_from),
                None => format!("Gäller från {}", r.valid_from),
            };
            if r.in_force_on(evaluation.date) {
                period
            } else {
                format!("{period} (gällde inte detta datum)")
            }
        });
        view! {
            <th scope="col" class=format!("compare-col compare-col-{side}") data-testid=format!("compare-heading-{side}")>
                <span class="compare-side-letter">{side.to_ascii_uppercase()} ": "</span>
                <strong>{name}</strong>
                <span class="compare-rule-title">{title}</span>
                <span class="compare-validity">{validity}</span>
            </th>
        }
    };
    let groups = a
        .actors
        .iter()
        .map(|actor| {
            let capabilities: Vec<&Capability> = columns
                .iter()
                .filter(|c| {
                    kind_of(a, &actor.actor, c).is_some() || kind_of(b, &actor.actor, c).is_some()
                })
                .collect();
            let span = capabilities.len().max(1);
            let rows = capabilities
                .into_iter()
                .enumerate()
                .map(|(index, capability)| {
                    let cell_a = a.cell(&actor.actor, capability);
                    let cell_b = b.cell(&actor.actor, capability);
                    let differs = cell_a.map(|c| c.outcome.kind()) != cell_b.map(|c| c.outcome.kind());
                    let actor_header = (index == 0).then(|| {
                        view! { <th scope="rowgroup" rowspan=span class="compare-actor">{actor.label.clone()}</th> }
                    });
                    view! {
                        <tr class:differs-row=differs>
                            {actor_header}
                            <th scope="row" class="compare-capability">{capability_short(case, capability)}</th>
                            {cell_view("a", &actor.actor, capability, cell_a, cell_b.map(|c| c.outcome.kind()))}
                            {cell_view("b", &actor.actor, capability, cell_b, cell_a.map(|c| c.outcome.kind()))}
                        </tr>
                    }
                })
                .collect_view();
            view! { <tbody>{rows}</tbody> }
        })
        .collect_view();
    view! {
        <table class="compare-matrix" data-testid="compare-matrix">
            <caption>
                {format!(
                    "Vem kan se vad den {} enligt A och B. Rutor som skiljer sig är markerade ≠.",
                    a.date
                )}
            </caption>
            <thead>
                <tr>
                    <th scope="col">"Vem"</th>
                    <th scope="col">"Vad"</th>
                    {heading("a", a)}
                    {heading("b", b)}
                </tr>
            </thead>
            {groups}
        </table>
    }
}

fn cell_view(
    side: &'static str,
    actor: &Actor,
    capability: &Capability,
    cell: Option<&Cell<'static>>,
    other: Option<OutcomeKind>,
) -> AnyView {
    let testid = format!(
        "compare-{side}-{}-{}",
        actor_key(actor),
        capability_key(capability)
    );
    let Some(cell) = cell else {
        return view! {
            <td class="not-applicable" data-testid=testid>
                <span aria-hidden="true">"–"</span>
                <span class="visually-hidden">"Gäller inte"</span>
            </td>
        }
        .into_any();
    };
    let kind = cell.outcome.kind();
    let differs = other != Some(kind);
    let class = format!(
        "{}{}",
        outcome_class(kind),
        if differs { " differs" } else { "" }
    );
    view! {
        <td
            class=class
            data-testid=testid
            data-outcome=outcome_key(kind)
            data-differs=differs.to_string()
        >
            <span class="outcome-icon" aria-hidden="true">{outcome_icon(kind)}</span>
            " "
            <span class="outcome-text">{kind.label_sv()}</span>
            {differs.then(|| view! { <span class="differs-marker">"≠ Skiljer sig"</span> })}
        </td>
    }
    .into_any()
}
