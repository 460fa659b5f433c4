//! A step's answer, shown when the trainer asks for it: what was decided, the measure the
//! guidance recommends and what the rules demand of staff, the key facts (the note's
//! claims), the matrix of who sees what on the date with the changed cells marked, what
//! changed and why, the guidance quoted with its source, and what to discuss.
//!
//! Written as markup (`components::markup`): it is static once shown, and typed view nodes
//! for it cost several times the wasm.

use insyn_engine::decision::Recommendation;
use insyn_engine::rule_set::{Certainty, Citation, RuleSet};
use insyn_engine::timeline::Timeline;
use insyn_engine::{Case, Catalog, Evaluation};

use crate::components::access_matrix::{
    actor_key, capability_key, capability_label, columns, outcome_class, outcome_icon, outcome_key,
};
use crate::components::citation::{certainty_mark, source_details, source_name};
use crate::components::markup::Markup;
use crate::components::notices::notices_starting;
use crate::components::timeline::labels::{
    actor_label, capability_short, cause_text, outcome_text,
};
use crate::components::timeline::{
    capabilities_sv, filter_change_lines, filter_change_sv, outcome_change_lines,
};
use crate::trainer::{changes, child_age_sv, date_sv, guidance, recommendation, Step, StepChanges};

/// The answer of `step` of `case`, from the engine's timeline and its evaluation on the
/// step's date (`rule_set` answering then).
pub fn answer_markup(
    catalog: &Catalog,
    case: &Case,
    timeline: &Timeline,
    step: &Step,
    evaluation: &Evaluation,
    rule_set: &RuleSet,
) -> String {
    let changes = changes(timeline, step);
    let advice = recommendation(step, rule_set);
    let advised: Vec<&Citation> = advice
        .as_ref()
        .map(|a| a.scenarios.iter().map(|s| s.citation).collect())
        .unwrap_or_default();
    let lines = guidance(step, &changes, evaluation, rule_set, &advised);
    let mut m = Markup::default();
    m.element(
        "h3",
        &[("id", "trainer-answer-heading")],
        &format!("Svaret – {}", date_sv(step.date)),
    );
    m.open("div", &[("class", "answer-columns answer-top")]);
    let decision =
        !step.revealed.is_empty() || advice.is_some() || !changes.actions_started.is_empty();
    if decision {
        m.open("div", &[]);
    }
    if !step.revealed.is_empty() {
        m.open(
            "div",
            &[
                ("class", "answer-decided"),
                ("data-testid", "trainer-revealed"),
            ],
        );
        m.element("h4", &[], "I fallet");
        m.open("ul", &[]);
        for cause in &step.revealed {
            m.element("li", &[], &cause_text(case, catalog, cause));
        }
        m.close("ul");
        m.close("div");
    }
    measure_markup(&mut m, catalog, evaluation, &changes, advice.as_ref());
    if decision {
        m.close("div");
    }
    if let Some(note) = step.note.filter(|n| !n.claims.is_empty()) {
        m.open(
            "div",
            &[
                ("class", "answer-claims"),
                ("data-testid", "trainer-claims"),
            ],
        );
        m.element("h4", &[], "Det viktiga");
        m.open("ul", &[]);
        for claim in note.claims {
            m.open("li", &[("class", outcome_class(claim.is))]);
            m.text(&actor_label(case, &claim.who.actor()));
            m.text(" – ");
            m.text(&capability_short(case, &claim.what.capability()));
            m.text(": ");
            m.element("strong", &[], &outcome_text(claim.is));
            match claim.was {
                Some(was) if was == claim.is => m.text(" (som förut)"),
                Some(was) => {
                    m.text(" (förut: ");
                    m.text(was.label_sv());
                    m.text(")");
                }
                None => {}
            }
            m.close("li");
        }
        m.close("ul");
        m.close("div");
    }
    m.close("div");
    matrix_markup(&mut m, case, evaluation, &changes);
    m.open("div", &[("class", "answer-columns")]);
    changes_markup(&mut m, case, step, &changes);
    if !lines.is_empty() {
        m.open(
            "div",
            &[
                ("class", "answer-guidance"),
                ("data-testid", "trainer-guidance"),
            ],
        );
        m.element("h4", &[], "Vad säger riktlinjen?");
        m.open("ul", &[("class", "trainer-quotes")]);
        for line in &lines {
            quote_markup(&mut m, rule_set, line.citation, line.text());
        }
        m.close("ul");
        m.close("div");
    }
    m.close("div");
    if let Some(note) = step.note.filter(|n| !n.discuss_sv.is_empty()) {
        m.open(
            "div",
            &[
                ("class", "answer-discuss"),
                ("data-testid", "trainer-discuss"),
            ],
        );
        m.element("h4", &[], "Att diskutera");
        m.open("ul", &[]);
        for point in note.discuss_sv {
            m.element("li", &[], point);
        }
        m.close("ul");
        m.close("div");
    }
    m.finish()
}

/// "Vilken åtgärd?": the measure the rule set recommends for the note's situation, and the
/// actions the rules start demanding of staff at the step.
fn measure_markup(
    m: &mut Markup,
    catalog: &Catalog,
    evaluation: &Evaluation,
    changes: &StepChanges,
    advice: Option<&Recommendation>,
) {
    let actions: Vec<&str> = evaluation
        .required_actions
        .iter()
        .filter(|a| changes.actions_started.contains(&a.rule_id))
        .map(|a| a.action_sv.as_str())
        .collect();
    if advice.is_none() && actions.is_empty() {
        return;
    }
    m.open(
        "div",
        &[
            ("class", "answer-measure"),
            ("data-testid", "trainer-measure"),
        ],
    );
    m.element("h4", &[], "Vilken åtgärd?");
    if let Some(advice) = advice {
        let measures: Vec<&str> = advice.measures.iter().map(|t| t.name_sv()).collect();
        m.open(
            "p",
            &[
                ("class", "measure-advice"),
                ("data-testid", "trainer-advice"),
            ],
        );
        m.text("Riktlinjen rekommenderar: ");
        let named = match measures.is_empty() {
            true => "ingen åtgärd av personalen".to_string(),
            false => measures.join(" och "),
        };
        m.element("strong", &[], &named);
        m.close("p");
        if let Some(rule_set) = catalog.get(advice.rule_set_id) {
            m.open("ul", &[("class", "trainer-quotes")]);
            for scenario in &advice.scenarios {
                quote_markup(m, rule_set, scenario.citation, &scenario.citation.quote);
            }
            m.close("ul");
        }
    }
    if !actions.is_empty() {
        m.open(
            "ul",
            &[
                ("class", "measure-actions"),
                ("data-testid", "trainer-actions"),
            ],
        );
        for action in actions {
            m.open("li", &[]);
            m.element("strong", &[], "Åtgärd krävs: ");
            m.text(action);
            m.close("li");
        }
        m.close("ul");
    }
    m.close("div");
}

/// A quoted line and its source, named as staff know it (`source_name`),
/// with its certainty when the source does not state it outright.
fn quote_markup(m: &mut Markup, rule_set: &RuleSet, citation: &Citation, text: &str) {
    let source = source_name(rule_set, &citation.source);
    m.open("li", &[("class", "trainer-quote")]);
    m.open("blockquote", &[("lang", "sv")]);
    m.text("”");
    m.text(text);
    m.text("”");
    m.close("blockquote");
    m.open("p", &[("class", "quote-source")]);
    m.text("Källa: ");
    m.text(&source);
    m.text(" ");
    if citation.certainty != Certainty::Stated {
        let (class, words) = certainty_mark(citation.certainty);
        m.element("span", &[("class", class)], words);
    }
    m.close("p");
    source_details(m, rule_set, &citation.source);
    m.close("li");
}

/// Who sees what on the step's date, the cells that changed at the step marked with what
/// they were before.
fn matrix_markup(m: &mut Markup, case: &Case, evaluation: &Evaluation, changes: &StepChanges) {
    let columns = columns(evaluation);
    let unit_name = |id: &str| case.care_unit(id).map(|u| u.name.clone());
    m.open(
        "div",
        &[
            ("class", "trainer-matrix-scroll"),
            ("role", "region"),
            ("aria-label", "Vem ser vad"),
            ("tabindex", "0"),
        ],
    );
    m.open(
        "table",
        &[
            ("class", "trainer-matrix"),
            ("data-testid", "trainer-matrix"),
        ],
    );
    let marked = !changes.starting && changes.point.is_some_and(|p| !p.changes.is_empty());
    m.element(
        "caption",
        &[],
        &format!(
            "Vem ser vad den {} ({}).{}",
            date_sv(evaluation.date),
            child_age_sv(case, evaluation.child_age),
            if marked {
                " Rutor med tjock ram har ändrats i det här steget."
            } else {
                ""
            }
        ),
    );
    m.open("thead", &[]);
    m.open("tr", &[]);
    m.element("th", &[("scope", "col")], "Vem");
    for capability in &columns {
        m.element(
            "th",
            &[("scope", "col")],
            &capability_label(capability, unit_name),
        );
    }
    m.close("tr");
    m.close("thead");
    m.open("tbody", &[]);
    for actor in &evaluation.actors {
        m.open("tr", &[]);
        m.element("th", &[("scope", "row")], &actor.label);
        for capability in &columns {
            let Some(cell) = actor.cells.iter().find(|c| &c.capability == capability) else {
                m.open("td", &[("class", "not-applicable")]);
                m.element("span", &[("aria-hidden", "true")], "–");
                m.element("span", &[("class", "visually-hidden")], "Gäller inte");
                m.close("td");
                continue;
            };
            let kind = cell.outcome.kind();
            let changed = changes.changed(&actor.actor, capability);
            let class = match changed {
                true => format!("{} changed", outcome_class(kind)),
                false => outcome_class(kind).to_string(),
            };
            let testid = format!(
                "trainer-cell-{}-{}",
                actor_key(&actor.actor),
                capability_key(capability)
            );
            m.open(
                "td",
                &[
                    ("class", &class),
                    ("data-outcome", outcome_key(kind)),
                    ("data-changed", if changed { "true" } else { "false" }),
                    ("data-testid", &testid),
                ],
            );
            m.open("span", &[("class", "cell-outcome")]);
            m.element("span", &[("aria-hidden", "true")], outcome_icon(kind));
            m.text(" ");
            m.text(kind.label_sv());
            m.close("span");
            let was = changes
                .point
                .filter(|_| changed)
                .and_then(|p| {
                    p.changes
                        .iter()
                        .find(|c| c.actor == actor.actor && &c.capability == capability)
                })
                .and_then(|c| c.from);
            if let Some(was) = was {
                m.open("span", &[("class", "cell-was")]);
                m.text("Ändrat, förut: ");
                m.text(was.label_sv());
                m.close("span");
            }
            m.close("td");
        }
        m.close("tr");
    }
    m.close("tbody");
    m.close("table");
    m.close("div");
}

/// What changed at the step and why, as the timeline's table says it: outcomes (one line
/// per person and change), what allowed journals show, notices, actions demanded of staff.
fn changes_markup(m: &mut Markup, case: &Case, step: &Step, changes: &StepChanges) {
    m.open(
        "div",
        &[
            ("class", "answer-changes"),
            ("data-testid", "trainer-changes"),
        ],
    );
    if changes.starting {
        m.element("h4", &[], "Utgångsläget");
        m.element(
            "p",
            &[],
            "Så ser det ut den första dagen regelverket svarar för barnet. Det finns ingen dag \
             före att jämföra med.",
        );
        m.close("div");
        return;
    }
    m.element("h4", &[], "Vad ändrades – och varför?");
    m.open("ul", &[("class", "trainer-change-list")]);
    if let Some(point) = changes.point {
        for line in outcome_change_lines(&point.changes) {
            let change = line.first;
            m.open("li", &[]);
            m.open("span", &[("class", "change-what")]);
            m.element("span", &[("aria-hidden", "true")], outcome_icon(change.to));
            m.text(" ");
            m.text(&change.actor_label);
            m.text(" – ");
            m.text(&capabilities_sv(case, &line.capabilities));
            m.text(": ");
            if let Some(from) = change.from {
                m.text(from.label_sv());
                m.text(" → ");
            }
            m.text(change.to.label_sv());
            m.close("span");
            m.element("span", &[("class", "change-why")], &change.reason_sv);
            m.close("li");
        }
        for (starts, filter, cells) in filter_change_lines(case, &point.filter_changes) {
            m.element("li", &[], &filter_change_sv(starts, &filter, &cells));
        }
        for notice in notices_starting(case, &point.notices) {
            m.open("li", &[]);
            m.element("strong", &[], "Observera: ");
            m.text(&notice);
            m.close("li");
        }
    }
    let actions = [
        ("Från nu krävs av personalen: ", &changes.actions_started),
        ("Krävs inte längre av personalen: ", &changes.actions_ended),
    ];
    for (what, ids) in actions {
        for id in ids {
            m.open("li", &[]);
            m.text(what);
            m.text(id.term_sv());
            m.close("li");
        }
    }
    if !changes.any() {
        let text = if changes.rule_set_changed {
            "Ingen får se mer eller mindre: bara regelverket byts."
        } else if step.change_point.is_none() {
            "Ingenting ändras: ingen får se mer eller mindre än dagen före."
        } else {
            "Ingen får se mer eller mindre än dagen före."
        };
        m.element("li", &[("class", "no-change")], text);
    }
    m.close("ul");
    m.close("div");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trainer::steps;
    use crate::training_cases::training_case;
    use chrono::NaiveDate;
    use insyn_engine::timeline::timeline;

    fn answer_on(id: &str, date: NaiveDate) -> String {
        let catalog = Catalog::embedded();
        let training = training_case(id).unwrap();
        let case = training.case();
        let timeline = timeline(catalog, &case, None, None, None).unwrap();
        let steps = steps(&case, &timeline, training.lesson.notes);
        let step = steps.iter().find(|s| s.date == date).unwrap();
        let evaluation = insyn_engine::evaluate(catalog, &case, date, None).unwrap();
        let rule_set = catalog.resolve(&case.region, None, date).unwrap();
        answer_markup(catalog, &case, &timeline, step, &evaluation, rule_set)
    }

    #[test]
    fn the_answer_to_a_blocking_names_it_recommends_it_quotes_the_guidance_and_marks_what_changed()
    {
        let date = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let answer = answer_on("one-guardian-risk-blocking", date);
        assert!(answer.contains("Blockering av Peter Test, från 2026-06-15, börjar gälla"));
        assert!(answer.contains("Riktlinjen rekommenderar: <strong>Blockering</strong>"));
        assert!(answer.contains("”Om endast en vårdnadshavare utgör risk – blockering.”"));
        assert!(answer.contains("Källa: VGR:s vägledning RS 2026-01475, 2026"));
        // The document's own title and file one click away.
        assert!(answer.contains("<summary>Visa källa</summary>"));
        // Peter's proxy changed; Maria's did not.
        assert!(answer.contains(
            "class=\"outcome-denied changed\" data-outcome=\"denied\" data-changed=\"true\" \
             data-testid=\"trainer-cell-vh2-proxy\""
        ));
        assert!(answer.contains("data-changed=\"false\" data-testid=\"trainer-cell-vh1-proxy\""));
        assert!(answer.contains("Ändrat, förut: Har åtkomst"));
        assert!(answer.contains("Att diskutera"));
        // No rule ids or case ids for the room.
        for code in [
            "blocking_covers",
            "scenario_",
            "blockering-vh2",
            "SEED-",
            "(m1)",
        ] {
            assert!(!answer.contains(code), "{code}");
        }
    }

    #[test]
    fn the_answer_on_a_day_that_changes_nothing_says_so() {
        let date = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let answer = answer_on("harm-at-home-sealing", date);
        assert!(answer.contains("Ingenting ändras: ingen får se mer eller mindre än dagen före."));
        assert!(!answer.contains("class=\"outcome-denied changed\""));
        assert!(answer.contains("Om samtliga enheter är eniga"));
    }

    #[test]
    fn the_first_step_is_shown_as_the_starting_position() {
        let date = NaiveDate::from_ymd_opt(2017, 11, 1).unwrap();
        let answer = answer_on("reservnummer-child", date);
        assert!(answer.contains("Utgångsläget"));
        assert!(!answer.contains("Vad ändrades"));
        assert!(answer.contains("Invånare med reservnummer eller samordningsnummer"));
        assert!(answer.contains("Tolkat – källan säger det inte uttryckligen"));
    }

    #[test]
    fn protected_identity_without_a_sealing_shows_the_recommendation_and_the_demand() {
        let date = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
        let answer = answer_on("protected-identity", date);
        assert!(answer.contains("Riktlinjen rekommenderar: <strong>Försegling</strong>"));
        assert!(answer.contains("Åtgärd krävs: "));
        assert!(answer.contains("Från nu krävs av personalen: "));
    }
}
