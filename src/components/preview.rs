//! The preview of a measure before it is added (`state.draft`): a short form to finish it,
//! then what it would do, computed by the engine on a copy of the case — the consequences
//! in words, the matrix without and with it on the chosen date, every period of the
//! childhood it changes, and the rule set's reminders. Nothing changes in the case until
//! "Lägg till i fallet"; "Avbryt" leaves it as it was.
//!
//! The form is the case editor's own fields (`measure_fields`) pointed at the draft through
//! `FieldTarget::Draft`, so the draft's problems show next to its fields with the same
//! Swedish messages and paths as in the editor.

use insyn_engine::case::Measure;
use insyn_engine::decision::next_measure_id;
use insyn_engine::guidance::{reminders_for, Reminder};
use insyn_engine::labels::measure_name;
use insyn_engine::preview::{preview, with_measure, Preview};
use insyn_engine::rule_set::{Citation, RuleSet};
use insyn_engine::timeline::DiffRange;
use insyn_engine::{Case, EngineError, Evaluation, OutcomeKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::access_matrix::{
    actor_key, capability_key, outcome_class, outcome_icon, IncompleteAnswer,
};
use crate::components::case_editor::{
    describe_path, focus_path, is_within, measure_fields, EditorOptions, FieldTarget,
};
use crate::components::citation::citation_markup;
use crate::components::markup::Markup;
use crate::components::timeline::labels::{actor_label, capability_short, cell_label};
use crate::state::{use_app_state, FieldError, View};

/// Add `measure` to the case and return its index. A measure whose id the case has taken
/// meanwhile (edited while the preview was open) gets a fresh one, so nothing is replaced.
pub fn add_measure(case: &mut Case, mut measure: Measure) -> usize {
    if case.measure(&measure.id).is_some() {
        let prefix = format!("{}-", measure.id);
        measure.id = next_measure_id(case, &prefix);
    }
    case.measures.push(measure);
    case.measures.len() - 1
}

/// "Ändras: Har åtkomst → Ingen åtkomst".
pub fn change_text(before: OutcomeKind, after: OutcomeKind) -> String {
    format!("Ändras: {} → {}", before.label_sv(), after.label_sv())
}

/// "2026-11-25 – 2029-12-31".
pub fn range_text(range: &DiffRange) -> String {
    format!("{} – {}", range.from, range.to)
}

/// The engine's problems as field messages: those of the draft (under `measures[index]`)
/// next to its fields, the rest for the box above the form.
pub fn split_problems(
    problems: &[EngineError],
    index: usize,
) -> (Vec<FieldError>, Vec<FieldError>) {
    let prefix = format!("measures[{index}]");
    let mut own: Vec<FieldError> = Vec::new();
    let mut others: Vec<FieldError> = Vec::new();
    for problem in problems {
        let path = problem.path().unwrap_or("date").to_string();
        let list = if is_within(&path, &prefix) {
            &mut own
        } else {
            &mut others
        };
        if !list.iter().any(|e| e.path == path) {
            list.push(FieldError {
                path,
                message_sv: problem.message_sv(),
            });
        }
    }
    (own, others)
}

/// The place of a draft field in a few words: "vårdnadshavare", "t.o.m.".
fn field_place(case: &Case, path: &str) -> String {
    let place = describe_path(case, path);
    match place.split_once(", ") {
        Some((_, field)) => field.to_string(),
        None => "åtgärden".to_string(),
    }
}

fn focus_selector(selector: &str) -> bool {
    match document().query_selector(selector) {
        Ok(Some(element)) => match element.dyn_ref::<web_sys::HtmlElement>() {
            Some(element) => element.focus().is_ok(),
            None => false,
        },
        _ => false,
    }
}

type PreviewResult = Option<Result<Preview<'static>, Vec<EngineError>>>;

#[component]
pub fn MeasurePreview() -> impl IntoView {
    let state = use_app_state();
    // The case with the draft in it: what the form shows and the paths it uses.
    let draft_case: Memo<Case> = Memo::new(move |_| {
        state.case.with(|case| {
            state.draft.with(|draft| match draft {
                Some(measure) => with_measure(case, measure),
                None => case.clone(),
            })
        })
    });
    let result: Memo<PreviewResult> = Memo::new(move |_| {
        let date = state.date.get();
        state.draft.with(|draft| {
            draft.as_ref().map(|measure| {
                state
                    .case
                    .with(|case| preview(state.catalog, case, measure, date))
            })
        })
    });
    // Where the draft sits in `draft_case`, and its kind: the form is rebuilt only if these
    // change, so typing never loses focus.
    let shape = Memo::new(move |_| {
        let index = draft_case.with(|case| case.measures.len().saturating_sub(1));
        let tag = state
            .draft
            .with(|d| d.as_ref().map_or("blocking", |m| m.kind.type_tag()));
        (index, tag)
    });
    let input_errors = RwSignal::new(Vec::<FieldError>::new());
    let problems = Memo::new(move |_| {
        let index = shape.get().0;
        result.with(|result| match result {
            Some(Err(problems)) => split_problems(problems, index),
            _ => (Vec::new(), Vec::new()),
        })
    });
    // Every problem of the draft: the fields' own and the engine's.
    let draft_errors = Memo::new(move |_| {
        let mut errors = input_errors.get();
        for error in problems.with(|p| p.0.clone()) {
            if !errors.iter().any(|e| e.path == error.path) {
                errors.push(error);
            }
        }
        errors
    });
    provide_context(FieldTarget::Draft {
        state,
        case: draft_case,
        errors: draft_errors,
        input_errors,
    });
    let options = EditorOptions::new(state);
    provide_context(options);

    let title = Memo::new(move |_| {
        state.draft.with(|draft| {
            draft.as_ref().map_or_else(String::new, |measure| {
                state.case.with(|case| measure_name(case, measure))
            })
        })
    });
    // The rule set the measure is judged by: the one in force when it starts.
    let measure_rules: Memo<Option<&'static RuleSet>> = Memo::new_with_compare(
        move |_| {
            let from = state.draft.with(|d| d.as_ref().map(|m| m.period.from))?;
            state.case.with(|case| {
                state
                    .catalog
                    .resolve(&case.region, case.pinned_rule_set.as_deref(), from)
                    .ok()
            })
        },
        // The same rule set is the same reference (see `rule_set_changed`).
        |old, new| match (old, new) {
            (Some(Some(old)), Some(Some(new))) => !std::ptr::eq(*old, *new),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );

    // A new preview replaces the last action's message.
    state.notice.set(None);
    // Where the keyboard was, to go back there on "Avbryt".
    let opener = document().active_element();
    request_animation_frame(|| {
        focus_selector("#preview-heading");
    });
    // Choosing another view closes the preview, as "Avbryt" would.
    let first_view = state.view.get_untracked();
    Effect::new(move |previous: Option<()>| {
        let view = state.view.get();
        let moved = previous.is_some() || view != first_view;
        if moved && state.draft.with_untracked(Option::is_some) {
            state.draft.set(None);
            state.notice.set(Some(
                "Förhandsgranskningen stängdes. Ingen åtgärd lades till; fallet är oförändrat."
                    .into(),
            ));
        }
    });

    let refusal = RwSignal::new(None::<String>);
    let add = move |_| {
        let first_problem = draft_errors.with_untracked(|e| e.first().map(|e| e.path.clone()));
        if let Some(path) = first_problem {
            refusal.set(Some(
                "Åtgärden är inte tillagd än: rätta det som är markerat i formuläret först.".into(),
            ));
            focus_path(&path);
            return;
        }
        let Some(measure) = state.draft.get_untracked() else {
            return;
        };
        let title = title.get_untracked();
        state.case.update(|case| {
            add_measure(case, measure);
        });
        state.draft.set(None);
        state.view.set(View::Situation);
        state.notice.set(Some(format!(
            "{title} är tillagd i fallet. Läget nedan visar fallet med åtgärden."
        )));
        request_animation_frame(|| {
            focus_selector("#action-notice");
        });
    };
    let cancel = move |_| {
        state.draft.set(None);
        state.notice.set(Some(
            "Förhandsgranskningen är stängd. Ingen åtgärd lades till; fallet är oförändrat.".into(),
        ));
        let opener = opener.clone();
        request_animation_frame(move || {
            let back = opener.filter(|e| e.is_connected());
            let focused = match back
                .as_ref()
                .and_then(|e| e.dyn_ref::<web_sys::HtmlElement>())
            {
                Some(element) => element.focus().is_ok(),
                None => false,
            };
            if !focused && !focus_selector("#view-panel h2[tabindex]") {
                focus_selector("#main");
            }
        });
    };

    let form = move || {
        let (index, tag) = shape.get();
        measure_fields(index, tag, options)
    };
    let case_problems = move || {
        let others = problems.with(|p| p.1.clone());
        (!others.is_empty()).then(|| {
            let items = others
                .into_iter()
                .map(|e| {
                    let place = draft_case.with_untracked(|case| describe_path(case, &e.path));
                    view! { <li>{place}": "{e.message_sv}</li> }
                })
                .collect_view();
            view! {
                <div class="preview-case-problems" data-testid="preview-case-problems">
                    <p><span aria-hidden="true">"⚠ "</span>"Fallet behöver rättas innan förhandsgranskningen kan visas:"</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    let draft_problem_list = move || {
        let errors = draft_errors.get();
        (!errors.is_empty()).then(|| {
            let items = errors
                .into_iter()
                .map(|e| {
                    let place = draft_case.with_untracked(|case| field_place(case, &e.path));
                    let path = e.path.clone();
                    view! {
                        <li>
                            <button type="button" class="link-button" on:click=move |_| focus_path(&path)>
                                <span class="error-place">{place}": "</span>{e.message_sv}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="preview-problems" data-testid="preview-problems">
                    <p><span aria-hidden="true">"⚠ "</span>"Fyll i eller rätta detta, så visas vad åtgärden gör:"</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    let consequences = move || {
        let rules = measure_rules.get().or_else(|| state.rule_set.get().ok());
        result.with(|result| match result {
            Some(Ok(preview)) => {
                let html = consequences_markup(preview, rules);
                Some(view! { <div inner_html=html></div> })
            }
            _ => None,
        })
    };
    let effects = move || {
        result.with(|result| match result {
            Some(Ok(preview)) => Some(
                state
                    .case
                    .with_untracked(|case| effects_view(case, preview)),
            ),
            _ => None,
        })
    };
    let reminders = move || {
        let rules = measure_rules.get()?;
        let html = state.draft.with(|d| {
            d.as_ref()
                .map(|m| reminders_markup(rules, &reminders_for(rules, &m.kind)))
        })?;
        html.map(|html| view! { <div inner_html=html></div> })
    };

    view! {
        <section
            class="measure-preview"
            aria-labelledby="preview-heading"
            data-testid="measure-preview"
            on:focusin=clear_of_the_bar
        >
            <p class="preview-kicker">"Förhandsgranskning – inget är ändrat i fallet än"</p>
            <h2 id="preview-heading" tabindex="-1" data-testid="preview-heading">{move || title.get()}</h2>
            {case_problems}
            {draft_problem_list}
            <IncompleteAnswer draft_errors=input_errors/>
            {consequences}
            <fieldset class="preview-form" data-testid="preview-form">
                <legend>"Uppgifter om åtgärden"</legend>
                {form}
            </fieldset>
            {effects}
            {reminders}
            <div class="preview-actions" role="group" aria-label="Lägg till eller avbryt">
                <button type="button" class="primary" data-testid="preview-add" on:click=add>
                    "Lägg till i fallet"
                </button>
                <button type="button" class="secondary" data-testid="preview-cancel" on:click=cancel>
                    "Avbryt"
                </button>
                <p class="preview-refusal" role="status" data-testid="preview-refusal">{move || refusal.get()}</p>
            </div>
        </section>
    }
}

/// A citation folded under "Källa", so the page stays calm and the source is one click away.
fn source_markup(m: &mut Markup, rules: &RuleSet, citation: &Citation) {
    m.open("details", &[("class", "source")]);
    m.element("summary", &[], "Källa");
    citation_markup(m, rules, citation);
    m.close("details");
}

/// What the measure does, in words, each with the rule it rests on. Written as markup: it
/// is static text, and typed view nodes for it would cost wasm (see `markup`).
fn consequences_markup(preview: &Preview<'static>, rules: Option<&'static RuleSet>) -> String {
    let mut m = Markup::default();
    m.open(
        "section",
        &[
            ("class", "preview-block"),
            ("aria-labelledby", "preview-consequences-heading"),
            ("data-testid", "preview-consequences"),
        ],
    );
    m.element(
        "h3",
        &[("id", "preview-consequences-heading")],
        "Vad händer?",
    );
    m.open("ul", &[("class", "consequences")]);
    for c in &preview.consequences {
        m.open(
            "li",
            &[
                ("class", if c.warning { "warning" } else { "" }),
                ("data-rule", c.rule_id.name()),
            ],
        );
        m.open("p", &[("class", "consequence-text")]);
        if c.warning {
            m.open("span", &[("class", "warning-label")]);
            m.element("span", &[("aria-hidden", "true")], "⚠ ");
            m.text("Observera: ");
            m.close("span");
        }
        m.text(&c.text_sv);
        m.close("p");
        if let Some(rules) = rules {
            source_markup(&mut m, rules, c.citation);
        }
        m.close("li");
    }
    m.close("ul");
    m.close("section");
    m.finish()
}

/// The rule set's reminders for the measure's kind, if it has any.
fn reminders_markup(rules: &RuleSet, reminders: &[Reminder]) -> Option<String> {
    if reminders.is_empty() {
        return None;
    }
    let mut m = Markup::default();
    m.open(
        "section",
        &[
            ("class", "preview-block preview-reminders"),
            ("aria-labelledby", "preview-reminders-heading"),
            ("data-testid", "preview-reminders"),
        ],
    );
    m.element(
        "h3",
        &[("id", "preview-reminders-heading")],
        "Kom också ihåg",
    );
    m.open("ul", &[("class", "reminder-list")]);
    for r in reminders {
        m.open("li", &[]);
        m.element("p", &[("class", "reminder-text")], &r.text_sv);
        source_markup(&mut m, rules, r.citation);
        m.close("li");
    }
    m.close("ul");
    m.close("section");
    Some(m.finish())
}

/// What the measure changes on the chosen date and over the childhood.
fn effects_view(case: &Case, preview: &Preview<'static>) -> impl IntoView {
    let state = use_app_state();
    let date = preview.date;
    let changed = preview.changed.len();
    let headline = match changed {
        0 => format!("Den {date} ändrar åtgärden ingenting i matrisen."),
        1 => format!("Den {date} ändras 1 ruta."),
        n => format!("Den {date} ändras {n} rutor."),
    };
    // When the chosen date shows nothing, offer the first day the measure changes something.
    let jump = (changed == 0)
        .then(|| preview.timeline_changes.first().map(|r| r.from))
        .flatten()
        .map(|from| {
            view! {
                <button type="button" class="jump" data-testid="preview-jump" on:click=move |_| state.date.set(from)>
                    "Visa läget den " {from.to_string()} ", när åtgärden börjar ändra något"
                </button>
            }
        });
    let table = before_after_markup(case, &preview.before, &preview.after);
    let timeline = timeline_markup(case, &preview.timeline_changes);
    view! {
        <section class="preview-block" aria-labelledby="preview-matrix-heading" data-testid="preview-matrix">
            <h3 id="preview-matrix-heading">"Vem kan se vad den " {date.to_string()} "?"</h3>
            <p class="preview-headline" data-testid="preview-headline">{headline}</p>
            {jump}
            <div class="matrix-scroll" role="region" aria-label="Utan och med åtgärden" tabindex="0" inner_html=table></div>
        </section>
        <div inner_html=timeline></div>
    }
}

/// The matrix without and with the measure on the chosen date: a row per capability under
/// each actor, every changed cell marked "⇄ Ändras: X → Y" (icon and words, not colour).
fn before_after_markup(
    case: &Case,
    before: &Evaluation<'static>,
    after: &Evaluation<'static>,
) -> String {
    let mut m = Markup::default();
    m.open("table", &[("class", "before-after")]);
    m.element(
        "caption",
        &[],
        &format!(
            "Utan och med åtgärden den {}. Rutor som ändras är markerade ⇄ Ändras.",
            before.date
        ),
    );
    m.open("thead", &[]);
    m.open("tr", &[]);
    for heading in ["Vad", "Utan åtgärden", "Med åtgärden"] {
        m.element("th", &[("scope", "col")], heading);
    }
    m.close("tr");
    m.close("thead");
    let outcome = |m: &mut Markup, kind: OutcomeKind| {
        m.open("span", &[("class", "ba-outcome")]);
        m.element("span", &[("aria-hidden", "true")], outcome_icon(kind));
        m.text(" ");
        m.text(kind.label_sv());
        m.close("span");
    };
    for actor in &before.actors {
        let who = actor_label(case, &actor.actor);
        m.open("tbody", &[]);
        m.open("tr", &[("class", "ba-actor-row")]);
        m.element(
            "th",
            &[
                ("scope", "rowgroup"),
                ("colspan", "3"),
                ("class", "ba-actor"),
            ],
            &who,
        );
        m.close("tr");
        for cell in &actor.cells {
            let was = cell.outcome.kind();
            let will = after
                .cell(&actor.actor, &cell.capability)
                .map_or(was, |c| c.outcome.kind());
            let differs = was != will;
            let testid = format!(
                "preview-cell-{}-{}",
                actor_key(&actor.actor),
                capability_key(&cell.capability)
            );
            m.open(
                "tr",
                &[
                    ("class", if differs { "changed" } else { "" }),
                    ("data-testid", &testid),
                    ("data-changed", if differs { "true" } else { "false" }),
                ],
            );
            m.open("th", &[("scope", "row"), ("class", "ba-capability")]);
            m.text(&capability_short(case, &cell.capability));
            // Whose row it is, for screen readers that do not announce the group's header.
            m.element("span", &[("class", "visually-hidden")], &format!(", {who}"));
            m.close("th");
            m.open("td", &[("class", outcome_class(was))]);
            outcome(&mut m, was);
            m.close("td");
            m.open("td", &[("class", outcome_class(will))]);
            outcome(&mut m, will);
            if differs {
                m.open("span", &[("class", "change-marker")]);
                m.element("span", &[("aria-hidden", "true")], "⇄ ");
                m.text(&change_text(was, will));
                m.close("span");
            }
            m.close("td");
            m.close("tr");
        }
        m.close("tbody");
    }
    m.close("table");
    m.finish()
}

/// Every period from birth to 18 where the measure changes an outcome.
fn timeline_markup(case: &Case, ranges: &[DiffRange]) -> String {
    let mut m = Markup::default();
    m.open(
        "section",
        &[
            ("class", "preview-block"),
            ("aria-labelledby", "preview-timeline-heading"),
            ("data-testid", "preview-timeline"),
        ],
    );
    m.element(
        "h3",
        &[("id", "preview-timeline-heading")],
        "Under barndomen",
    );
    if ranges.is_empty() {
        m.element(
            "p",
            &[("data-testid", "preview-no-timeline-change")],
            "Åtgärden ändrar ingenting under barndomen (födseln till 18 år).",
        );
    } else {
        m.element(
            "p",
            &[],
            "Perioder (fr.o.m. – t.o.m.) då åtgärden ändrar vem som kan se vad, utan → med åtgärden:",
        );
        m.open("ol", &[("class", "preview-ranges")]);
        for range in ranges {
            let testid = format!("preview-range-{}", range.from);
            m.open("li", &[("class", "range"), ("data-testid", &testid)]);
            m.element("p", &[("class", "range-period")], &range_text(range));
            m.open("ul", &[]);
            for d in &range.differences {
                m.open("li", &[]);
                m.text(&cell_label(case, &d.actor, &d.capability));
                m.text(": ");
                m.element(
                    "span",
                    &[("class", "ba-change")],
                    &format!(
                        "{} {} → {} {}",
                        outcome_icon(d.a),
                        d.a.label_sv(),
                        outcome_icon(d.b),
                        d.b.label_sv()
                    ),
                );
                m.close("li");
            }
            m.close("ul");
            m.close("li");
        }
        m.close("ol");
    }
    m.close("section");
    m.finish()
}

/// What the last action did: above the view, where the keyboard is taken after adding.
#[component]
pub fn ActionNotice() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="action-notice-region" role="status" aria-live="polite">
            {move || state.notice.get().map(|notice| view! {
                <p id="action-notice" class="action-notice" tabindex="-1" data-testid="action-notice">
                    <span aria-hidden="true">"✔ "</span>{notice}
                    " "
                    <button type="button" class="link-button" on:click=move |_| state.notice.set(None)>
                        "Stäng"<span class="visually-hidden">" meddelandet"</span>
                    </button>
                </p>
            })}
        </div>
    }
}

/// Keeps what gets the keyboard clear of the sticky "Lägg till i fallet" bar (WCAG 2.4.11,
/// Focus Not Obscured). The page leaves room for the bar when it scrolls something into
/// view (`scroll-padding-bottom`, style/decision.css), but Chromium does not scroll to an
/// element that is already partly on screen when it gets the keyboard, so a field half
/// behind the bar stayed there: it is brought up to the nearest place clear of the bar.
/// (Not the bar's own buttons: it moves with the page, so it would be chased down to the
/// preview's end.)
fn clear_of_the_bar(ev: leptos::ev::FocusEvent) {
    let Some(element) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if element.closest(".preview-actions").ok().flatten().is_none() {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use insyn_engine::case::{MeasureKind, Period};
    use insyn_engine::Catalog;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn blocking(id: &str, guardians: &[&str], from: NaiveDate) -> Measure {
        Measure {
            id: id.into(),
            decided_on: Some(from),
            decided_by: Some("verksamhetschef".into()),
            unit: None,
            period: Period::starting(from),
            kind: MeasureKind::Blocking {
                guardians: guardians.iter().map(|g| g.to_string()).collect(),
            },
            motivation: None,
            renewal_on: None,
        }
    }

    #[test]
    fn adding_a_measure_appends_it_and_never_replaces_one_with_the_same_id() {
        let mut case = crate::training_cases::example_case().case();
        let before = case.measures.len();
        let index = add_measure(&mut case, blocking("m1", &["vh2"], day(2026, 6, 1)));
        assert_eq!(index, before);
        let again = add_measure(&mut case, blocking("m1", &["vh1"], day(2026, 6, 1)));
        assert_eq!(case.measures.len(), before + 2);
        assert_eq!(case.measures[index].id, "m1");
        assert_ne!(case.measures[again].id, "m1");
        assert!(case.measures[again].id.starts_with("m1-"));
    }

    #[test]
    fn a_change_reads_from_before_to_after() {
        assert_eq!(
            change_text(OutcomeKind::Allowed, OutcomeKind::Denied),
            "Ändras: Har åtkomst → Ingen åtkomst"
        );
    }

    #[test]
    fn a_blocking_without_a_guardian_is_a_problem_of_the_draft_not_of_the_case() {
        let case = crate::training_cases::example_case().case();
        let index = case.measures.len();
        let measure = blocking("m1", &[], day(2026, 6, 1));
        let problems = preview(Catalog::embedded(), &case, &measure, day(2026, 6, 1)).unwrap_err();
        let (own, others) = split_problems(&problems, index);
        assert!(others.is_empty(), "{others:?}");
        assert!(own
            .iter()
            .any(|e| e.path == format!("measures[{index}].guardians")));
    }

    #[test]
    fn previewing_a_blocking_of_one_guardian_changes_only_that_guardians_cells() {
        let case = crate::training_cases::example_case().case();
        let date = day(2026, 6, 1);
        let measure = blocking("m1", &["vh2"], date);
        let p = preview(Catalog::embedded(), &case, &measure, date).unwrap();
        assert!(!p.changed.is_empty());
        assert!(p
            .changed
            .iter()
            .all(|(actor, _)| *actor == insyn_engine::Actor::Guardian { id: "vh2".into() }));
        let first = &p.timeline_changes[0];
        assert_eq!(first.from, date);
        assert!(range_text(first).starts_with("2026-06-01 – "));
    }
}
