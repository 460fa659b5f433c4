//! "Jämför": the same case under two rule sets side by side — two matrices for the chosen
//! date with every differing cell marked (icon and text, not colour alone), and the date
//! ranges over the whole childhood where any outcome differs, each with a jump to its start.

mod matrices;
mod ranges;

use insyn_engine::evaluation::evaluate_with;
use insyn_engine::validation::{validate_case, validate_date};
use insyn_engine::{EngineError, Evaluation};
use leptos::prelude::*;

use crate::components::access_matrix::IncompleteAnswer;
use crate::components::date_chooser::DateChooser;
use crate::components::timeline::labels::rule_set_short;
use crate::state::use_app_state;
use matrices::CompareMatrices;
use ranges::DiffRanges;

/// The case on the chosen date under rule set A and under rule set B.
pub type Pair = Result<(Evaluation<'static>, Evaluation<'static>), EngineError>;

#[component]
pub fn Compare() -> impl IntoView {
    let state = use_app_state();
    let pair: Memo<Pair> = Memo::new(move |_| {
        let (a, b) = state.compare.get();
        let date = state.date.get();
        let rule_set = |id: &str| {
            state
                .catalog
                .get(id)
                .ok_or_else(|| EngineError::UnknownRuleSet { id: id.to_string() })
        };
        let (a, b) = (rule_set(&a)?, rule_set(&b)?);
        state.case.with(|case| {
            let facts = validate_case(case, date)?;
            validate_date(&facts, date)?;
            Ok((
                evaluate_with(a, case, &facts, date),
                evaluate_with(b, case, &facts, date),
            ))
        })
    });
    view! {
        <section class="compare-view" aria-labelledby="compare-heading" data-testid="compare">
            <h2 id="compare-heading">"Jämför regelverk"</h2>
            <p class="compare-intro">
                "Samma fall bedömt enligt två regelverk. Båda tillämpas på fallet oavsett vilket "
                "som gällde datumet, så att skillnaderna syns."
            </p>
            <RuleSetChooser/>
            <DateChooser/>
            <IncompleteAnswer/>
            <CompareMatrices pair=pair/>
            <DiffRanges/>
        </section>
    }
}

/// Two labelled selects, a swap and the two common comparisons.
#[component]
fn RuleSetChooser() -> impl IntoView {
    let state = use_app_state();
    let catalog = state.catalog;
    // One labelled select per side, A (0) and B (1) of the compared pair.
    let select = move |side: usize| {
        let options = catalog
            .rule_sets
            .iter()
            .map(|rule_set| {
                let id = rule_set.id.clone();
                let value = id.clone();
                let selected = move || {
                    state.compare.with(|pair| {
                        if side == 0 {
                            pair.0 == id
                        } else {
                            pair.1 == id
                        }
                    })
                };
                view! {
                    <option value=value prop:selected=selected>
                        {option_label(catalog, rule_set)}
                    </option>
                }
            })
            .collect_view();
        let on_change = move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            state.compare.update(|pair| {
                if side == 0 {
                    pair.0 = value;
                } else {
                    pair.1 = value;
                }
            });
        };
        let (label, id, testid) = if side == 0 {
            ("Regelverk A", "compare-a", "compare-select-a")
        } else {
            ("Regelverk B", "compare-b", "compare-select-b")
        };
        view! {
            <div class="compare-select">
                <label for=id>{label}</label>
                <select id=id data-testid=testid on:change=on_change>
                    {options}
                </select>
            </div>
        }
    };
    // "Denna region": the rule set answering the case on the chosen date.
    let this_region = Memo::new(move |_| state.rule_set.get().ok().map(|r| r.id.clone()));
    view! {
        <fieldset class="compare-chooser">
            <legend>"Regelverken som jämförs"</legend>
            <div class="compare-selects">
                {select(0)}
                {select(1)}
            </div>
            <div class="compare-quick">
                <button
                    type="button"
                    data-testid="compare-quick-vgr"
                    on:click=move |_| state.compare.set(("vgr-2019".into(), "vgr-2026".into()))
                >
                    "VGR 2019 mot VGR 2026"
                </button>
                <button
                    type="button"
                    data-testid="compare-quick-national"
                    disabled=move || this_region.get().is_none_or(|id| id == "national")
                    on:click=move |_| {
                        if let Some(id) = this_region.get_untracked() {
                            state.compare.set((id, "national".into()));
                        }
                    }
                >
                    "Denna region mot nationell baslinje"
                </button>
                <button
                    type="button"
                    class="secondary"
                    data-testid="compare-swap"
                    on:click=move |_| state.compare.update(|pair| std::mem::swap(&mut pair.0, &mut pair.1))
                >
                    "Byt plats på A och B"
                </button>
            </div>
        </fieldset>
    }
}

/// "VGR 2026 – Skydd av barns digitala information (RS 2026-01475)": the rule set's short
/// name and its title, without the title's own "VGR: " when the short name says it.
fn option_label(catalog: &insyn_engine::Catalog, rule_set: &insyn_engine::RuleSet) -> String {
    let short = rule_set_short(catalog, rule_set);
    let title = match rule_set.title.split_once(": ") {
        Some((region, rest)) if short.starts_with(region) => rest,
        _ => rule_set.title.as_str(),
    };
    format!("{short} – {title}")
}
