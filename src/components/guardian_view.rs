//! "Vad ser vårdnadshavaren?": for each guardian of the case, a plain, clearly labelled mock
//! of what 1177 shows them on the chosen date (start page in e-tjänster, "Växla journal",
//! which units' journals can be read), and for support staff whether the measure may be
//! disclosed and the rule set's standard answer (standardsvar), with citations. When the
//! rule set gives no standard answer, the page says so; it never makes one up.

use insyn_engine::guardian_view::{GuardianView, Restriction, SwitchJournalEntry};
use insyn_engine::support::{date_sv, AnswerSource, Disclosure};
use insyn_engine::RuleSet;
use leptos::prelude::*;

use crate::components::citation::CitationView;
use crate::components::clipboard::{copy_text, CopyResult};
use crate::components::date_chooser::DateChooser;
use crate::components::support::{disclosure_words, CauseCard};
use crate::state::use_app_state;

#[component]
pub fn GuardianViewPanel() -> impl IntoView {
    let state = use_app_state();
    let date_line = move || match state.rule_set.get() {
        Ok(rule_set) => format!("Den {}, enligt {}", state.date.get(), rule_set.title),
        Err(error) => format!("Den {}: {}", state.date.get(), error.message_sv()),
    };
    let guardians = move || {
        if let Err(error) = state.evaluation.get() {
            return view! {
                <p class="gv-unavailable" role="status" data-testid="guardian-view-unavailable">
                    "Det går inte att visa vad vårdnadshavarna ser: " {error.message_sv()}
                </p>
            }
            .into_any();
        }
        let Ok(rule_set) = state.rule_set.get() else {
            return ().into_any();
        };
        let views = state.guardian_views.get();
        if views.is_empty() {
            return view! {
                <p class="gv-unavailable" role="status" data-testid="guardian-view-none">
                    "Barnet har ingen registrerad vårdnadshavare den här dagen."
                </p>
            }
            .into_any();
        }
        views
            .into_iter()
            .map(|view| view! { <GuardianCard view=view rule_set=rule_set/> })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="guardian-view" aria-labelledby="guardian-view-heading">
            <h2 id="guardian-view-heading">"Vad ser vårdnadshavaren?"</h2>
            <DateChooser/>
            <p class="gv-date-line" data-testid="guardian-view-date">{date_line}</p>
            <p class="gv-intro">
                "En förenklad bild av vad varje vårdnadshavare ser när hen loggar in i 1177 e-tjänster. "
                "Bilden är inte en kopia av 1177:s utseende, bara innehållet."
            </p>
            <div class="gv-guardians">{guardians}</div>
        </section>
    }
}

/// The child's name as the guardian sees it in 1177, or a neutral word when none is entered.
fn child_name(name: Option<&str>) -> String {
    name.map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| "Barnet".to_string())
}

#[component]
fn GuardianCard(view: GuardianView<'static>, rule_set: &'static RuleSet) -> impl IntoView {
    let state = use_app_state();
    // The names follow the case as it is edited: a unit or the child renamed changes no
    // answer, so the card is not drawn again, but its names are read here, tracked.
    let child = Signal::derive(move || {
        state
            .case
            .with(|case| child_name(case.child.name.as_deref()))
    });
    let readable_units = view.readable_units.clone();
    let units = Signal::derive(move || {
        state.case.with(|case| {
            readable_units
                .iter()
                .map(|unit| match unit {
                    Some(id) => insyn_engine::labels::unit_name(case, id),
                    None => "Övriga vårdenheter (som inte finns med i fallet)".to_string(),
                })
                .collect::<Vec<String>>()
        })
    });
    let id = view.guardian_id.clone();
    let heading_id = format!("gv-heading-{id}");
    let labelled_by = heading_id.clone();

    let start_page = if view.child_on_start_page {
        view! {
            <dd class="gv-yes" data-testid=format!("gv-start-page-{id}") data-shown="true">
                <span class="gv-icon" aria-hidden="true">"✔"</span>
                " Barnet visas: " <strong>{child}</strong>
                " finns på startsidan och vårdnadshavaren kan göra ärenden för barnet (ombud)."
            </dd>
        }
        .into_any()
    } else {
        view! {
            <dd class="gv-no" data-testid=format!("gv-start-page-{id}") data-shown="false">
                <span class="gv-icon" aria-hidden="true">"✖"</span>
                " Barnet visas inte. Vårdnadshavaren kan inte göra ärenden för barnet."
            </dd>
        }
        .into_any()
    };

    let greyed_citation = matches!(view.switch_journal, SwitchJournalEntry::Greyed { .. })
        .then_some(view.message_citation);
    let switch_journal = match &view.switch_journal {
        SwitchJournalEntry::Listed => view! {
            <dd class="gv-yes" data-testid=format!("gv-switch-{id}") data-state="listed">
                <span class="gv-icon" aria-hidden="true">"✔"</span>
                " " <strong>{child}</strong> " – kan väljas"
            </dd>
        }
        .into_any(),
        SwitchJournalEntry::Greyed { message } => view! {
            <dd class="gv-greyed" data-testid=format!("gv-switch-{id}") data-state="greyed">
                <span class="gv-icon" aria-hidden="true">"◌"</span>
                " " <strong>{child}</strong> " – visas gråmarkerad (går inte att välja) med texten "
                <q class="gv-message" lang="sv">{message.clone()}</q>
            </dd>
        }
        .into_any(),
        SwitchJournalEntry::NotListed => view! {
            <dd class="gv-no" data-testid=format!("gv-switch-{id}") data-state="not-listed">
                <span class="gv-icon" aria-hidden="true">"✖"</span>
                " " <strong>{child}</strong> " visas inte"
            </dd>
        }
        .into_any(),
    };

    let readable = if view.readable_units.is_empty() {
        view! {
            <dd class="gv-no" data-testid=format!("gv-units-{id}")>
                <span class="gv-icon" aria-hidden="true">"✖"</span>
                " Ingen journal går att läsa."
            </dd>
        }
        .into_any()
    } else {
        let items = move || {
            units
                .get()
                .into_iter()
                .map(|name| {
                    view! {
                        <li>
                            <span class="gv-icon" aria-hidden="true">"✔"</span>
                            " " {name}
                        </li>
                    }
                })
                .collect_view()
        };
        view! {
            <dd class="gv-yes" data-testid=format!("gv-units-{id}")>
                <ul class="gv-units">{items}</ul>
            </dd>
        }
        .into_any()
    };

    view! {
        <article
            class="gv-guardian"
            data-testid=format!("guardian-view-{id}")
            aria-labelledby=labelled_by
        >
            <h3 id=heading_id>{view.label.clone()}</h3>
            <div class="gv-mock" role="group" aria-label=format!("Förenklad bild av 1177 för {}", view.label)>
                <p class="gv-mock-caption" aria-hidden="true">"Förenklad bild – så ser det ut i 1177"</p>
                <dl class="gv-mock-list">
                    <dt>"Startsidan i 1177 e-tjänster"</dt>
                    {start_page}
                    <dt>"Växla journal"</dt>
                    {switch_journal}
                    <dt>"Journaler som går att läsa i 1177 Journal"</dt>
                    {readable}
                </dl>
            </div>
            {greyed_citation.map(|citation| view! {
                <div class="gv-citation">
                    <p class="gv-citation-lead">"Den gråmarkerade texten enligt regelverket:"</p>
                    <CitationView rule_set=rule_set citation=citation/>
                </div>
            })}
            <SupportAdvice view=view rule_set=rule_set/>
        </article>
    }
}

/// "För dig i supporten": may the measure be disclosed, and the standard answer.
#[component]
fn SupportAdvice(view: GuardianView<'static>, rule_set: &'static RuleSet) -> impl IntoView {
    let id = view.guardian_id.clone();
    let body = if !view.restricted_by_measure {
        // Most calls are about a rule every child meets (the 13th birthday): its answer.
        let footer = format!(
            "{} · den {}",
            rule_set.title,
            date_sv(use_app_state().date.get_untracked())
        );
        let rules = (!view.closed_by_rules.is_empty()).then(|| {
            view.closed_by_rules
                .iter()
                .map(|cause| {
                    view! { <CauseCard cause=cause.clone() rule_set=rule_set level=5 footer=footer.clone()/> }
                })
                .collect_view()
        });
        let lead = if rules.is_some() {
            " Det är en regel som gäller alla barn som stänger ute hen:"
        } else {
            ""
        };
        view! {
            <p data-testid=format!("gv-no-measure-{id}")>
                "Ingen skyddsåtgärd (blockering, försegling eller skyddad identitet) stänger ute den här vårdnadshavaren den här dagen."
                {lead}
            </p>
            <div class="gv-rules" data-testid=format!("gv-rules-{id}")>{rules}</div>
        }
        .into_any()
    } else {
        // Whether the guardian may be told, said once (the quoted line below is the
        // source's own words, not repeated by Insyn), as "Supporten" says it.
        let (class, icon, told) =
            disclosure_words(view.disclosure.unwrap_or(Disclosure::NotAlways));
        let disclosure = view! {
            <p
                class=format!("gv-disclosure {class}")
                data-testid=format!("gv-disclosure-{id}")
                data-always-informed=view.guardian_always_informed.to_string()
            >
                <span class="gv-icon" aria-hidden="true">{icon}</span>
                " " {told}
            </p>
        };
        let measure = view
            .restriction
            .map(|r| r.name_sv())
            .unwrap_or("en skyddsåtgärd");
        let guidance = view.answer_guidance.clone().map(|text| {
            view! { <p class="gv-answer-guidance" data-testid=format!("gv-wording-{id}")>{text}</p> }
        });
        // Without an answer, the guidance above says why (no standard answer, or one that
        // does not fit the measure), in the words "Supporten" uses for the same cause.
        let answer = match view.fitted_answer.clone() {
            Some(answer) => {
                // The words changed to fit the measure are named, so staff know the text
                // differs from the source's.
                let changed = match &answer.source {
                    AnswerSource::StandardAnswer { changes } if !changes.is_empty() => Some(
                        format!("Orden är anpassade till {measure}: {}.", changes.join(", ")),
                    ),
                    _ => None,
                };
                let from_source = matches!(answer.source, AnswerSource::StandardAnswer { .. });
                view! {
                    {changed.map(|c| view! { <p class="gv-answer-changed" data-testid=format!("gv-wording-{id}")>{c}</p> })}
                    <StandardAnswer text=answer.text id=id.clone()/>
                    {from_source.then(|| view! { <CitationView rule_set=rule_set citation=view.standard_answer_citation/> })}
                }
                .into_any()
            }
            None => ().into_any(),
        };
        view! {
            <p data-testid=format!("gv-restriction-{id}")>
                "Det som stänger ute den här vårdnadshavaren den här dagen: " <strong>{measure}</strong> "."
            </p>
            {disclosure}
            // The rule set's line on telling guardians is about its measures; a protected
            // identity has its own answer (never told, or the guardian's own).
            {(view.restriction != Some(Restriction::ProtectedIdentity)).then(|| view! {
                <CitationView rule_set=rule_set citation=view.disclosure_citation/>
            })}
            <h5>"Svar att lämna"</h5>
            {guidance}
            {answer}
        }
        .into_any()
    };
    let heading_id = format!("gv-support-{id}");
    // The guardian's name too, so each support region has its own name.
    let labelled_by = format!("{heading_id} gv-heading-{id}");
    view! {
        <section class="gv-support" aria-labelledby=labelled_by>
            <h4 id=heading_id>"För dig i supporten"</h4>
            {body}
        </section>
    }
}

/// The standard answer in a block staff can copy, with a button using the Clipboard API and,
/// where that is unavailable, selecting the text so Ctrl+C copies it.
#[component]
fn StandardAnswer(text: String, id: String) -> impl IntoView {
    let block = NodeRef::<leptos::html::Div>::new();
    let status = RwSignal::new(String::new());
    let copied = text.clone();
    let copy = move |_| {
        let shown = block.get_untracked().map(web_sys::Element::from);
        copy_text(&copied, shown, move |result: CopyResult| {
            status.set(result.message_sv().to_string())
        });
    };
    let block_id = format!("standard-answer-{id}");
    view! {
        <div class="gv-answer-wrap">
            <div
                class="gv-answer"
                id=block_id.clone()
                data-testid="standard-answer"
                lang="sv"
                node_ref=block
            >
                {text}
            </div>
            <button type="button" class="gv-copy" aria-describedby=block_id data-testid="copy-standard-answer" on:click=copy>
                "Kopiera"
            </button>
            <span class="gv-copy-status" role="status" aria-live="polite">{move || status.get()}</span>
        </div>
    }
}
