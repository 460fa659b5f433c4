//! "Vilken åtgärd?": decision support. Staff tick what is true of the child's situation;
//! for each yes the rule set answers with the measure its guidance names, quoted with its
//! source and how sure it is, and the answers add up to the measures to take, each with a
//! button that opens it in the preview (`state.draft`). The answers are `state.answers`:
//! kept while staff preview and come back, never stored.
//!
//! The rule set is the one in force today (the measure is proposed from today), not the
//! one of the date chosen for the matrix.

use insyn_engine::case::{MeasureKind, MeasureType};
use insyn_engine::decision::{
    proposed_measure, recommend, Answers, BlockingTarget, Concern, Recommendation,
};
use insyn_engine::documents::lower_first;
use insyn_engine::labels::measure_name;
use insyn_engine::rule_set::{Certainty, Citation, RuleSet};
use insyn_engine::{Case, EngineError};
use leptos::prelude::*;

use crate::components::citation::citation_markup;
use crate::components::markup::Markup;
use crate::state::{rule_set_changed, use_app_state};

/// Record a yes or no. Answering no to "one guardian is a risk" forgets which one.
pub fn set_answer(answers: &mut Answers, concern: Concern, yes: bool) {
    answers.yes.retain(|c| *c != concern);
    if yes {
        // In the order the questions are asked, without a sort (which costs wasm size).
        let yes_now = std::mem::take(&mut answers.yes);
        answers.yes = Concern::ALL
            .into_iter()
            .filter(|c| *c == concern || yes_now.contains(c))
            .collect();
    } else if concern == Concern::OneGuardianRisk {
        answers.risk_guardian = None;
    }
}

/// The answers as the engine should see them: a risk guardian only while "one guardian is
/// a risk" is yes and the case still has that guardian.
pub fn effective_answers(answers: &Answers, case: &Case) -> Answers {
    let risk_guardian = answers.risk_guardian.clone().filter(|id| {
        answers.yes.contains(&Concern::OneGuardianRisk) && case.guardian(id).is_some()
    });
    Answers {
        yes: answers.yes.clone(),
        risk_guardian,
    }
}

/// How sure the rule set is of a scenario, in a few words: "Står i källan", "Tolkat",
/// "Okänt", with "ärvt från nationell baslinje" when the region is silent.
pub fn certainty_label(citation: &Citation) -> String {
    let base = match citation.certainty {
        Certainty::Stated => "Står i källan",
        Certainty::Inferred => "Tolkat",
        Certainty::Unknown => "Okänt",
    };
    match citation.inherited_from.as_deref() {
        Some("national") => format!("{base} · ärvt från nationell baslinje"),
        Some(parent) => format!("{base} · ärvt från {parent}"),
        None => base.to_string(),
    }
}

/// The sentence for a scenario the region's own guidance does not cover.
pub fn inherited_sentence(rule_set: &RuleSet, citation: &Citation) -> Option<String> {
    let parent = citation.inherited_from.as_deref()?;
    let parent = if parent == "national" {
        "nationell baslinje"
    } else {
        parent
    };
    let how = match citation.certainty {
        Certainty::Stated => "",
        Certainty::Inferred => " (tolkad)",
        Certainty::Unknown => " (okänd)",
    };
    Some(format!(
        "Regelverket för {} har ingen vägledning för den här situationen; visar {parent}{how}.",
        rule_set.region_name
    ))
}

/// A scenario whose rule names no measure for staff, said in words.
pub fn no_measure_sentence(citation: &Citation) -> String {
    match citation.note.as_deref().filter(|n| !n.trim().is_empty()) {
        Some(note) => format!("Ingen åtgärd behövs av personalen: {note}"),
        None => "Ingen åtgärd behövs av personalen.".to_string(),
    }
}

/// "Försegling och blockering": the measures in a sentence.
pub fn measure_names(measures: &[MeasureType]) -> String {
    let names: Vec<String> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if i == 0 {
                m.name_sv().to_string()
            } else {
                lower_first(m.name_sv())
            }
        })
        .collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} och {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The one-line answer, also announced when the answers change.
pub fn summary_sentence(recommendation: &Recommendation) -> String {
    if recommendation.scenarios.is_empty() {
        return "Kryssa i det som stämmer, så visas regelverkets rekommendation.".to_string();
    }
    if recommendation.measures.is_empty() {
        return "Regelverket rekommenderar ingen åtgärd som personalen behöver begära för de här svaren."
            .to_string();
    }
    format!(
        "Regelverket rekommenderar: {}.",
        measure_names(&recommendation.measures)
    )
}

/// Whether a blocking was recommended by a scenario but left out because the sealing
/// already covers it.
fn blocking_covered_by_sealing(recommendation: &Recommendation) -> bool {
    !recommendation.measures.contains(&MeasureType::Blocking)
        && recommendation
            .scenarios
            .iter()
            .any(|s| s.measures.contains(&MeasureType::Blocking))
}

/// The case's measures of the recommended kind in force on `date`, by title: staff should
/// not request what is already there.
pub fn existing_measures(
    case: &Case,
    measure: MeasureType,
    date: chrono::NaiveDate,
) -> Vec<String> {
    case.measures
        .iter()
        .filter(|m| m.kind.measure_type() == measure && m.period.contains(date))
        .map(|m| measure_name(case, m))
        .collect()
}

#[component]
pub fn DecisionSupport() -> impl IntoView {
    let state = use_app_state();
    let rule_set: Memo<Result<&'static RuleSet, EngineError>> = Memo::new_with_compare(
        move |_| {
            state.case.with(|case| {
                state
                    .catalog
                    .resolve(&case.region, case.pinned_rule_set.as_deref(), state.today)
            })
        },
        rule_set_changed,
    );
    let recommendation = Memo::new(move |_| {
        let rule_set = rule_set.get()?;
        let answers = state.case.with(|case| {
            state
                .answers
                .with(|answers| effective_answers(answers, case))
        });
        Ok::<_, EngineError>(recommend(rule_set, &answers))
    });
    // Announced when the answers change; before any is ticked, the page itself says what
    // to do ("answer-empty"), so the status stays empty rather than say it twice.
    let summary = move || match recommendation.get() {
        Ok(r) if !r.scenarios.is_empty() => summary_sentence(&r),
        _ => String::new(),
    };
    let rule_set_line = move || match rule_set.get() {
        Ok(r) => format!(
            "Svaren kommer från {} ({}), som gäller i dag {}.",
            r.region_name, r.version, state.today
        ),
        Err(error) => format!("Inget regelverk kan svara: {}", error.message_sv()),
    };
    view! {
        <section class="decision" aria-labelledby="decision-heading" data-testid="decision">
            <h2 id="decision-heading" tabindex="-1">"Vilken åtgärd?"</h2>
            <p class="decision-intro">
                "Kryssa i det som stämmer; regelverket svarar med sin egen formulering. Svaren sparas inte och ersätter inte din menprövning. "
                <span class="decision-rule-set" data-testid="decision-rule-set">{rule_set_line}</span>
            </p>
            <ConcernQuestions/>
            <p class="visually-hidden" role="status">{summary}</p>
            {move || match recommendation.get() {
                Err(_) => ().into_any(),
                Ok(recommendation) => match rule_set.get() {
                    Ok(rule_set) => answer_view(rule_set, recommendation).into_any(),
                    Err(_) => ().into_any(),
                },
            }}
        </section>
    }
}

/// The questions, one checkbox each, and which guardian when only one is a risk.
#[component]
fn ConcernQuestions() -> impl IntoView {
    let state = use_app_state();
    let items = Concern::ALL
        .into_iter()
        .map(|concern| {
            let id = format!("concern-{}", concern.key());
            let checked = move || state.answers.with(|a| a.yes.contains(&concern));
            view! {
                <li class="concern">
                    <input
                        type="checkbox"
                        id=id.clone()
                        data-testid=id.clone()
                        prop:checked=checked
                        on:change=move |ev| {
                            let yes = event_target_checked(&ev);
                            state.answers.update(|a| set_answer(a, concern, yes));
                        }
                    />
                    <label for=id>{concern.question_sv()}</label>
                    {(concern == Concern::OneGuardianRisk).then(|| view! { <RiskGuardianChoice/> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="concerns">
            <legend>"Vad stämmer in på barnets situation?"</legend>
            <ul class="concern-list">{items}</ul>
        </fieldset>
    }
}

/// "Vilken vårdnadshavare utgör risken?", shown while "one guardian is a risk" is ticked.
#[component]
fn RiskGuardianChoice() -> impl IntoView {
    let state = use_app_state();
    let shown = Memo::new(move |_| {
        state
            .answers
            .with(|a| a.yes.contains(&Concern::OneGuardianRisk))
    });
    let guardians = Memo::new(move |_| {
        state.case.with(|case| {
            case.guardians
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    let name = g
                        .name
                        .clone()
                        .filter(|n| !n.trim().is_empty())
                        .unwrap_or_else(|| format!("Vårdnadshavare {}", i + 1));
                    (g.id.clone(), name)
                })
                .collect::<Vec<_>>()
        })
    });
    let radios = move || {
        let guardians = guardians.get();
        if guardians.is_empty() {
            return view! {
                <p class="field-hint">"Fallet har inga vårdnadshavare ännu. Lägg till dem under Fallet."</p>
            }
            .into_any();
        }
        guardians
            .into_iter()
            .map(|(id, name)| {
                let dom_id = format!("risk-guardian-{id}");
                let chosen = id.clone();
                let is_chosen = id.clone();
                view! {
                    <span class="check-option">
                        <input
                            type="radio"
                            name="risk-guardian"
                            id=dom_id.clone()
                            data-testid=dom_id.clone()
                            value=id
                            prop:checked=move || state.answers.with(|a| a.risk_guardian.as_ref() == Some(&is_chosen))
                            on:change=move |_| state.answers.update(|a| a.risk_guardian = Some(chosen.clone()))
                        />
                        <label for=dom_id>{name}</label>
                    </span>
                }
            })
            .collect_view()
            .into_any()
    };
    let unanswered = move || state.answers.with(|a| a.risk_guardian.is_none());
    move || {
        shown.get().then(|| {
            view! {
                <fieldset class="risk-guardian" data-testid="risk-guardian">
                    <legend>"Vilken vårdnadshavare utgör risken?"</legend>
                    <div class="check-options">{radios}</div>
                    {move || unanswered().then(|| view! {
                        <p class="field-hint">
                            "Välj en, så gäller blockeringen rätt person. Annars väljer du i förhandsgranskningen."
                        </p>
                    })}
                </fieldset>
            }
        })
    }
}

/// The rule set's answer: each scenario with its quote, then the measures to take.
fn answer_view(
    rule_set: &'static RuleSet,
    recommendation: Recommendation<'static>,
) -> impl IntoView {
    let state = use_app_state();
    if recommendation.scenarios.is_empty() {
        return view! {
            <p class="answer-empty" data-testid="answer-empty">
                "Kryssa i det som stämmer ovan, så visas regelverkets rekommendation här."
            </p>
        }
        .into_any();
    }
    let scenarios = scenarios_markup(rule_set, &recommendation);
    let covered_note = blocking_covered_by_sealing(&recommendation).then(|| {
        view! {
            <p class="combined-note">
                "En försegling stänger redan journalen och ombudet för båda vårdnadshavarna, så en blockering behövs inte också."
            </p>
        }
    });
    let target = recommendation.blocking_guardians.clone();
    let proposals = recommendation
        .measures
        .iter()
        .filter_map(|&measure| {
            // `None` only for a type the scenarios never recommend.
            let proposed = state.case.with_untracked(|case| {
                proposed_measure(case, rule_set, measure, &target, state.today, None)
            })?;
            let title = state
                .case
                .with_untracked(|case| measure_name(case, &proposed));
            let existing = state
                .case
                .with_untracked(|case| existing_measures(case, measure, state.today));
            let choose_note = matches!(
                (&proposed.kind, &target),
                (MeasureKind::Blocking { .. }, BlockingTarget::Choose)
            )
            .then(|| view! { <p class="proposal-note">"Du väljer vem som blockeras i förhandsgranskningen."</p> });
            let existing_note = (!existing.is_empty()).then(|| {
                view! {
                    <p class="proposal-note">
                        <span aria-hidden="true">"ⓘ "</span>
                        "Fallet har redan: " {existing.join(", ")} "."
                    </p>
                }
            });
            Some(view! {
                <li class="proposal">
                    <button
                        type="button"
                        class="primary"
                        data-testid=format!("propose-{}", measure.tag())
                        on:click=move |_| state.draft.set(Some(proposed.clone()))
                    >
                        "Förhandsgranska och lägg till " {lower_first(&title)}
                    </button>
                    {choose_note}
                    {existing_note}
                </li>
            })
        })
        .collect_view();
    // The answer first, where staff look after ticking; the guidance's own lines below it.
    view! {
        <div class="decision-answer" data-testid="decision-answer">
            <section class="combined" aria-labelledby="combined-heading" data-testid="combined">
                <h3 id="combined-heading">"Rekommendation"</h3>
                <p class="combined-summary">{summary_sentence(&recommendation)}</p>
                {covered_note}
                <ul class="proposals">{proposals}</ul>
            </section>
            <h3 id="scenarios-heading">"Varför: regelverkets formuleringar"</h3>
            <ol class="scenarios" aria-labelledby="scenarios-heading" inner_html=scenarios></ol>
        </div>
    }
    .into_any()
}

/// Each scenario answered yes: the question, the measure (or that none is needed), how
/// sure the rule set is, and its line quoted. Static text, so written as markup (see
/// `markup`): typed view nodes for it would cost wasm.
fn scenarios_markup(rule_set: &RuleSet, recommendation: &Recommendation) -> String {
    let mut m = Markup::default();
    for scenario in &recommendation.scenarios {
        let citation = scenario.citation;
        let testid = format!("scenario-{}", scenario.concern.key());
        m.open("li", &[("class", "scenario"), ("data-testid", &testid)]);
        m.element("h4", &[], scenario.concern.question_sv());
        let measures = if scenario.measures.is_empty() {
            no_measure_sentence(citation)
        } else {
            format!("Rekommenderad åtgärd: {}", measure_names(scenario.measures))
        };
        m.element("p", &[("class", "scenario-measures")], &measures);
        let certainty_class = match citation.certainty {
            Certainty::Stated => "certainty certainty-stated",
            Certainty::Inferred => "certainty certainty-inferred",
            Certainty::Unknown => "certainty certainty-unknown",
        };
        m.open("p", &[("class", certainty_class)]);
        m.element("span", &[("class", "visually-hidden")], "Säkerhet: ");
        m.text(&certainty_label(citation));
        m.close("p");
        if let Some(sentence) = inherited_sentence(rule_set, citation) {
            m.element("p", &[("class", "inherited")], &sentence);
        }
        citation_markup(&mut m, rule_set, citation);
        m.close("li");
    }
    m.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use insyn_engine::Catalog;

    fn vgr_2026() -> &'static RuleSet {
        Catalog::embedded().get("vgr-2026").unwrap()
    }

    #[test]
    fn answering_no_to_one_guardian_forgets_which_guardian() {
        let mut answers = Answers::default();
        set_answer(&mut answers, Concern::OneGuardianRisk, true);
        answers.risk_guardian = Some("vh2".into());
        set_answer(&mut answers, Concern::ChildTellsOfViolence, true);
        assert_eq!(
            answers.yes,
            vec![Concern::ChildTellsOfViolence, Concern::OneGuardianRisk]
        );
        set_answer(&mut answers, Concern::OneGuardianRisk, false);
        assert_eq!(answers.yes, vec![Concern::ChildTellsOfViolence]);
        assert_eq!(answers.risk_guardian, None);
    }

    #[test]
    fn a_risk_guardian_the_case_no_longer_has_is_not_passed_on() {
        let case = crate::training_cases::example_case().case();
        let mut answers = Answers::default();
        set_answer(&mut answers, Concern::OneGuardianRisk, true);
        answers.risk_guardian = Some("vh9".into());
        assert_eq!(effective_answers(&answers, &case).risk_guardian, None);
        answers.risk_guardian = Some("vh2".into());
        assert_eq!(
            effective_answers(&answers, &case).risk_guardian.as_deref(),
            Some("vh2")
        );
    }

    #[test]
    fn a_region_without_scenario_guidance_says_it_shows_the_national_baseline() {
        let rule_set = Catalog::embedded().get("skane").unwrap();
        let mut answers = Answers::default();
        set_answer(&mut answers, Concern::ChildTellsOfViolence, true);
        let recommendation = recommend(rule_set, &answers);
        let citation = recommendation.scenarios[0].citation;
        assert_eq!(
            inherited_sentence(rule_set, citation).unwrap(),
            format!(
                "Regelverket för {} har ingen vägledning för den här situationen; visar nationell baslinje (tolkad).",
                rule_set.region_name
            )
        );
        assert_eq!(
            certainty_label(citation),
            "Tolkat · ärvt från nationell baslinje"
        );
    }

    #[test]
    fn vgr_2026_states_its_scenarios_itself() {
        let rule_set = vgr_2026();
        let mut answers = Answers::default();
        set_answer(&mut answers, Concern::ChildTellsOfViolence, true);
        let recommendation = recommend(rule_set, &answers);
        let citation = recommendation.scenarios[0].citation;
        assert_eq!(inherited_sentence(rule_set, citation), None);
        assert_eq!(certainty_label(citation), "Står i källan");
        assert_eq!(
            summary_sentence(&recommendation),
            "Regelverket rekommenderar: Försegling."
        );
    }

    #[test]
    fn a_scenario_without_a_measure_is_said_in_words_with_the_note() {
        let rule_set = Catalog::embedded().get("national").unwrap();
        let mut answers = Answers::default();
        set_answer(&mut answers, Concern::ProtectedIdentity, true);
        let recommendation = recommend(rule_set, &answers);
        assert!(recommendation.scenarios[0].measures.is_empty());
        let sentence = no_measure_sentence(recommendation.scenarios[0].citation);
        assert!(
            sentence.starts_with("Ingen åtgärd behövs av personalen: "),
            "{sentence}"
        );
        assert!(summary_sentence(&recommendation).contains("ingen åtgärd"));
    }

    #[test]
    fn measure_names_read_as_a_swedish_list() {
        use MeasureType::*;
        assert_eq!(measure_names(&[Sealing]), "Försegling");
        assert_eq!(
            measure_names(&[Sealing, LoginLock]),
            "Försegling och låsning av inloggning"
        );
        assert_eq!(
            lower_first("Blockering av Peter Test"),
            "blockering av Peter Test"
        );
        assert_eq!(lower_first("Ökad"), "ökad");
    }

    #[test]
    fn a_measure_already_in_force_is_named() {
        let case = training_case_named("one-guardian-risk-blocking");
        let date = case.measures[0].period.from;
        let existing = existing_measures(&case, MeasureType::Blocking, date);
        assert_eq!(existing.len(), 1);
        assert!(existing[0].starts_with("Blockering av "), "{existing:?}");
        assert!(existing_measures(&case, MeasureType::Sealing, date).is_empty());
    }

    fn training_case_named(id: &str) -> Case {
        crate::training_cases::training_case(id).unwrap().case()
    }
}
