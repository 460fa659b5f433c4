//! "Läget": the access matrix (actors × konto, ombud, journal per vårdenhet) on the chosen
//! date, with the outcome as icon and text, never colour alone. Choosing a cell opens its
//! explanation: the rules that decided with the quoted guidance, the content filters, and
//! for `Kan beviljas` who decides and which form. The actions the rule set demands but the
//! case lacks are listed apart from what 1177 does by itself, and the notices (measures
//! that cannot take effect, forwarded requests) as warnings beside them.

use insyn_engine::evaluation::{ActorAccess, Cell, Outcome, OutcomeKind};
use insyn_engine::{Actor, Capability, Evaluation};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::components::case_editor::describe_path;
use crate::components::citation::{CitationView, RuleIdDetails};
use crate::components::date_chooser::DateChooser;
use crate::components::notices::{Notices, NoticesPointer};
use crate::state::{use_app_state, FieldError};

/// The situation view: date chooser, matrix, explanation of the chosen cell, actions.
#[component]
pub fn SituationView() -> impl IntoView {
    view! {
        <DateChooser/>
        <NoticesPointer/>
        <AccessMatrix/>
        <CellExplanation/>
        <Notices/>
        <RequiredActions/>
    }
}

pub fn outcome_icon(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Allowed => "✔",
        OutcomeKind::Denied => "✖",
        OutcomeKind::Grantable => "◐",
    }
}

/// The outcome as the `data-outcome` attribute names it: "allowed", "denied", "grantable".
pub fn outcome_key(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Allowed => "allowed",
        OutcomeKind::Denied => "denied",
        OutcomeKind::Grantable => "grantable",
    }
}

pub fn outcome_class(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Allowed => "outcome-allowed",
        OutcomeKind::Denied => "outcome-denied",
        OutcomeKind::Grantable => "outcome-grantable",
    }
}

/// The columns: konto, ombud, then journal per unit, then other units.
pub fn columns(evaluation: &Evaluation) -> Vec<Capability> {
    let mut columns: Vec<Capability> = Vec::new();
    for actor in &evaluation.actors {
        for cell in &actor.cells {
            if !columns.contains(&cell.capability) {
                columns.push(cell.capability.clone());
            }
        }
    }
    sort_short_by_key(&mut columns, column_rank);
    columns
}

/// Where a capability's column or lane goes: konto, ombud, journal per unit, other units.
pub fn column_rank(capability: &Capability) -> u8 {
    match capability {
        Capability::Account => 0,
        Capability::Proxy => 1,
        Capability::Journal { unit: Some(_) } => 2,
        Capability::Journal { unit: None } => 3,
    }
}

/// Sorting the columns and the chart's lanes: the engine's short sort, shared so that one
/// insertion sort serves both (std's stable sort compiles about 4 KB of wasm per type).
pub use insyn_engine::sort_short_by_key;

/// "Journal: Vårdcentralen Lunden" rather than the unit's id.
pub fn capability_label(
    capability: &Capability,
    unit_name: impl Fn(&str) -> Option<String>,
) -> String {
    match capability {
        Capability::Journal { unit: Some(unit) } => {
            format!(
                "Journal: {}",
                unit_name(unit).unwrap_or_else(|| unit.clone())
            )
        }
        other => other.label_sv(),
    }
}

pub fn capability_key(capability: &Capability) -> String {
    match capability {
        Capability::Account => "account".into(),
        Capability::Proxy => "proxy".into(),
        Capability::Journal { unit: Some(unit) } => format!("journal:{unit}"),
        Capability::Journal { unit: None } => "journal:other".into(),
    }
}

pub fn actor_key(actor: &Actor) -> String {
    match actor {
        Actor::Child => "child".into(),
        Actor::Guardian { id } => id.clone(),
        Actor::LegalRepresentative { id } => format!("lr:{id}"),
    }
}

#[component]
pub fn AccessMatrix() -> impl IntoView {
    let state = use_app_state();
    // Tracked: a unit renamed in the editor changes no answer, so the evaluation (and the
    // table) stays; only its column header follows the new name.
    let unit_name = move |id: &str| {
        state
            .case
            .with(|case| case.care_unit(id).map(|u| u.name.clone()))
    };
    let scroll_box = NodeRef::<Div>::new();
    let overflowing = overflow_of(scroll_box);
    let table = move || match state.evaluation.get() {
        Err(error) => view! {
            <p class="matrix-unavailable" role="status" data-testid="matrix-unavailable">
                "Matrisen kan inte visas: " {error.message_sv()}
            </p>
        }
        .into_any(),
        Ok(evaluation) => {
            let columns = columns(&evaluation);
            let header = columns
                .iter()
                .map(|c| {
                    let c = c.clone();
                    view! { <th scope="col">{move || capability_label(&c, unit_name)}</th> }
                })
                .collect_view();
            let rows = evaluation
                .actors
                .iter()
                .map(|actor| matrix_row(actor, &columns))
                .collect_view();
            view! {
                <div class="matrix-scroll" role="region" aria-label="Åtkomstmatris" tabindex="0" node_ref=scroll_box>
                <table class="access-matrix" data-testid="access-matrix">
                    <caption>
                        "Vem kan se vad den " {evaluation.date.to_string()}
                        " (barnet är " {evaluation.child_age} " år)."
                        {move || overflowing.get().then(|| view! {
                            <span class="matrix-scroll-hint" data-testid="matrix-scroll-hint">
                                " Alla kolumner syns inte: rulla tabellen i sidled."
                            </span>
                        })}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Vem"</th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section class="matrix-section" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Vem kan se vad?"</h2>
            <IncompleteAnswer/>
            <p class="legend" aria-hidden="true">
                <span class="outcome-allowed">"✔ Har åtkomst"</span>
                <span class="outcome-denied">"✖ Ingen åtkomst"</span>
                <span class="outcome-grantable">"◐ Kan beviljas"</span>
                <span>"* = en skyddsåtgärd eller begränsning står i vägen"</span>
            </p>
            {table}
        </section>
    }
}

/// Whether the table in `scroll_box` is wider than the box: a column cut at the box's edge
/// is easy to take for the last one, so the caption then says there are more. Told by a
/// `ResizeObserver` on the box and its table (a unit added widens the table, a narrower
/// window narrows the box), after layout, so nothing is measured while the page is built.
/// The table is drawn again for every new answer, so the observer moves to the new one.
fn overflow_of(scroll_box: NodeRef<Div>) -> RwSignal<bool> {
    let overflowing = RwSignal::new(false);
    let callback = Closure::<dyn Fn()>::new(move || {
        let Some(element) = scroll_box.get_untracked() else {
            return;
        };
        let now = element.scroll_width() > element.client_width();
        if overflowing
            .try_get_untracked()
            .is_some_and(|known| known != now)
        {
            overflowing.set(now);
        }
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
    // Both live as long as the matrix: the closure is dropped with the observer.
    let observer = StoredValue::new_local((observer, callback));
    Effect::new(move |_| {
        let element = scroll_box.get();
        observer.try_with_value(|(observer, _)| {
            let Some(observer) = observer else { return };
            // The table drawn before is gone from the page; stop holding on to it.
            observer.disconnect();
            if let Some(element) = element {
                observer.observe(&element);
                if let Some(table) = element.first_element_child() {
                    observer.observe(&table);
                }
            }
        });
    });
    on_cleanup(move || {
        observer.try_with_value(|(observer, _)| {
            if let Some(observer) = observer {
                observer.disconnect();
            }
        });
    });
    overflowing
}

/// Whether an editor error at `path` makes the answers unsure: every field of the case and
/// the asked date do; the timeline's own range does not.
fn affects_answers(path: &str) -> bool {
    !path.starts_with("timeline.")
}

/// While a field cannot be read (an impossible date, a year half typed, an emptied required
/// date), the answers are worked out from its last valid value (or none): say so, and
/// where, rather than answer as if nothing were wrong.
/// In the preview of a measure, the draft's fields count too (`draft_errors`).
#[component]
pub fn IncompleteAnswer(
    #[prop(optional)] draft_errors: Option<RwSignal<Vec<FieldError>>>,
) -> impl IntoView {
    let state = use_app_state();
    let places = Memo::new(move |_| {
        let mut errors = state.input_errors.get();
        if let Some(draft_errors) = draft_errors {
            errors.extend(draft_errors.get());
        }
        state.case.with_untracked(|case| {
            errors
                .iter()
                .filter(|e| affects_answers(&e.path))
                .map(|e| describe_path(case, &e.path))
                .collect::<Vec<_>>()
        })
    });
    move || {
        let places = places.get();
        (!places.is_empty()).then(|| {
            let fields = if places.len() == 1 {
                "Fältet"
            } else {
                "Fälten"
            };
            view! {
                <p class="answer-incomplete" role="status" data-testid="answer-incomplete">
                    <span aria-hidden="true">"⚠ "</span>
                    <strong>"Svaret kan vara ofullständigt. "</strong>
                    {fields} " " {places.join("; ")} " går inte att läsa. "
                    "Svaret räknar med det senaste giltiga värdet, eller med ett tomt fält. "
                    "Rätta fältet innan du använder svaret."
                </p>
            }
        })
    }
}

fn matrix_row(actor: &ActorAccess<'static>, columns: &[Capability]) -> impl IntoView {
    let state = use_app_state();
    let cells = columns
        .iter()
        .map(|capability| match actor.cells.iter().find(|c| &c.capability == capability) {
            None => view! {
                <td class="not-applicable">
                    <span aria-hidden="true">"–"</span>
                    <span class="visually-hidden">"Gäller inte"</span>
                </td>
            }
            .into_any(),
            Some(cell) => {
                let kind = cell.outcome.kind();
                let key = (actor.actor.clone(), cell.capability.clone());
                let selected_key = key.clone();
                let selected = move || state.selected.get().as_ref() == Some(&selected_key);
                let testid = format!("cell-{}-{}", actor_key(&actor.actor), capability_key(&cell.capability));
                let hint = cell.hint.map(|_| {
            view! {
                <span class="has-hint" aria-hidden="true">" *"</span>
                <span class="visually-hidden">" (begränsad av en skyddsåtgärd)"</span>
            }
        });
                view! {
                    <td class=outcome_class(kind) data-outcome=outcome_key(kind)>
                        <button
                            type="button"
                            class="cell-button"
                            data-testid=testid
                            aria-pressed=move || selected().to_string()
                            on:click=move |_| state.selected.set(Some(key.clone()))
                        >
                            <span class="outcome-icon" aria-hidden="true">{outcome_icon(kind)}</span>
                            " "
                            <span class="outcome-text">{kind.label_sv()}</span>
                            {hint}
                        </button>
                    </td>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <tr>
            <th scope="row">{actor.label.clone()}</th>
            {cells}
        </tr>
    }
}

/// The explanation of the selected cell.
#[component]
pub fn CellExplanation() -> impl IntoView {
    let state = use_app_state();
    let content = move || {
        let selected = state.selected.get()?;
        let evaluation = state.evaluation.get().ok()?;
        let rule_set = state.rule_set.get().ok()?;
        let actor = evaluation.actors.iter().find(|a| a.actor == selected.0)?;
        let cell = actor
            .cells
            .iter()
            .find(|c| c.capability == selected.1)?
            .clone();
        let unit_name = |id: &str| {
            state
                .case
                .with(|case| case.care_unit(id).map(|u| u.name.clone()))
        };
        let title = format!(
            "{} – {}",
            actor.label,
            capability_label(&cell.capability, unit_name)
        );
        Some(view! { <ExplanationBody title=title cell=cell rule_set=rule_set/> }.into_any())
    };
    view! {
        <section class="explanation" aria-live="polite" data-testid="explanation">
            {move || content().unwrap_or_else(|| {
                // Without a matrix there is no cell to choose: the matrix's place says why.
                if state.evaluation.with(Result::is_err) {
                    ().into_any()
                } else {
                    view! { <p class="explanation-empty">"Välj en ruta i matrisen för att se varför."</p> }.into_any()
                }
            })}
        </section>
    }
}

#[component]
fn ExplanationBody(
    title: String,
    cell: Cell<'static>,
    rule_set: &'static insyn_engine::RuleSet,
) -> AnyView {
    let kind = cell.outcome.kind();
    let grant = match &cell.outcome {
        Outcome::Grantable { route } => Some(view! {
            <div class="grant-route" data-testid="grant-route">
                <h4>"Så kan det beviljas"</h4>
                <dl>
                    <dt>"Beslutar"</dt>
                    <dd>{route.decided_by.clone()}</dd>
                    <dt>"Blankett"</dt>
                    <dd>{route.form.clone().unwrap_or_else(|| "Källan anger ingen blankett".into())}</dd>
                    <dt>"Barnets samtycke"</dt>
                    <dd>{if route.child_must_agree { "Barnet måste samtycka" } else { "Källan kräver inte barnets samtycke" }}</dd>
                </dl>
            </div>
        }),
        _ => None,
    };
    let hint = cell
        .hint
        .map(|hint| view! { <p class="hint" data-testid="hint">{hint.sentence_sv()}</p> });
    let filters = (!cell.filters.is_empty()).then(|| {
        let items = cell
            .filters
            .iter()
            .map(|f| view! { <li>{f.sentence_sv()}</li> })
            .collect_view();
        view! {
            <div class="filters">
                <h4>"Visas inte"</h4>
                <ul>{items}</ul>
            </div>
        }
    });
    let reasons = cell
        .reasons
        .iter()
        .enumerate()
        .map(|(index, reason)| {
            let citation = reason
                .citation
                .map(|c| view! { <CitationView rule_set=rule_set citation=c/> });
            view! {
                <li class:decisive=index == 0>
                    <p class="reason-sentence">{reason.sentence_sv()}</p>
                    {citation}
                    <RuleIdDetails name=reason.rule.parameter().name()/>
                </li>
            }
        })
        .collect_view();
    view! {
        <h3 data-testid="explanation-title">{title}</h3>
        <p class=format!("explanation-outcome {}", outcome_class(kind))>
            <span aria-hidden="true">{outcome_icon(kind)}</span>
            " "
            {kind.label_sv()}
        </p>
        {hint}
        <h4>"Varför – mest avgörande först"</h4>
        <ol class="reasons" data-testid="reasons">{reasons}</ol>
        {grant}
        {filters}
    }
    .into_any()
}

/// What the rule set demands but the case lacks, and reminders while a measure is active.
#[component]
pub fn RequiredActions() -> impl IntoView {
    let state = use_app_state();
    move || {
        let evaluation = state.evaluation.get().ok()?;
        let rule_set = state.rule_set.get().ok()?;
        if evaluation.required_actions.is_empty() && evaluation.reminders.is_empty() {
            return None;
        }
        let actions = evaluation
            .required_actions
            .iter()
            .map(|action| {
                let request = action.request.map(|r| {
                    format!(
                        "Beslutar: {}{}",
                        r.decided_by,
                        r.form
                            .as_deref()
                            .map(|f| format!(". Blankett: {f}"))
                            .unwrap_or_default()
                    )
                });
                let phone = action
                    .urgent_phone
                    .map(|p| format!("Brådskande: ring {p}."));
                view! {
                    <li class="required-action" data-rule=action.rule_id.name()>
                        <p><strong>"Åtgärd krävs: "</strong>{action.action_sv.clone()}</p>
                        {request.map(|r| view! { <p>{r}</p> })}
                        {phone.map(|p| view! { <p>{p}</p> })}
                        <CitationView rule_set=rule_set citation=action.citation/>
                    </li>
                }
            })
            .collect_view();
        let reminders = evaluation
            .reminders
            .iter()
            .map(|r| view! { <li>{r.to_string()}</li> })
            .collect_view();
        let has_actions = !evaluation.required_actions.is_empty();
        Some(view! {
            {has_actions.then(|| view! {
                <section class="required-actions" aria-labelledby="actions-heading" data-testid="required-actions">
                    <h2 id="actions-heading">"Att göra för personalen"</h2>
                    <p class="actions-intro">"Det här gör inte 1177 av sig självt – regelverket kräver att personalen gör det."</p>
                    <ul>{actions}</ul>
                </section>
            })}
            {(!evaluation.reminders.is_empty()).then(|| view! {
                <section class="reminders-box" aria-labelledby="reminders-heading" data-testid="reminders">
                    <h2 id="reminders-heading">"Kom också ihåg"</h2>
                    <p>"Regelverket påminner om detta medan en blockering gäller."</p>
                    <ul class="reminders">{reminders}</ul>
                </section>
            })}
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_sort_keeps_equal_items_in_their_order() {
        let unit = |u: &str| Capability::Journal {
            unit: Some(u.to_string()),
        };
        let mut columns = vec![
            Capability::Journal { unit: None },
            unit("b"),
            Capability::Proxy,
            unit("a"),
            Capability::Account,
        ];
        sort_short_by_key(&mut columns, column_rank);
        assert_eq!(
            columns,
            [
                Capability::Account,
                Capability::Proxy,
                unit("b"),
                unit("a"),
                Capability::Journal { unit: None },
            ]
        );
    }
}
