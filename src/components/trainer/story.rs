//! The case's story before the first step, and a step's question: written as markup, like
//! the answer (`answer.rs`), since both are static once shown.

use insyn_engine::timeline::Timeline;
use insyn_engine::{Actor, Case, Catalog};

use crate::components::markup::Markup;
use crate::components::timeline::labels::{actor_label, cause_text, rule_set_short_by_id};
use crate::trainer::{child_age_sv, date_sv, Step};
use crate::training_cases::TrainingCase;

/// The case's title, its story (or that it has none), who and which units are in it, the
/// rule sets that answer, and how many steps it has.
pub fn story_markup(
    catalog: &Catalog,
    case: &Case,
    timeline: &Timeline,
    lesson: Option<&TrainingCase>,
    steps: &[Step],
) -> String {
    let mut m = Markup::default();
    let title = case.title.as_deref().filter(|t| !t.trim().is_empty());
    m.element(
        "h2",
        &[("id", "trainer-stage-heading"), ("tabindex", "-1")],
        title.unwrap_or("Fallet"),
    );
    m.open("div", &[("class", "story-text")]);
    match lesson {
        Some(training) => {
            for paragraph in training.lesson.story_sv {
                m.element("p", &[], paragraph);
            }
        }
        None => m.element(
            "p",
            &[],
            "Fallet har ingen berättelse i Insyn: det är byggt i redigeraren eller öppnat från \
             en fil eller en länk. Stega igenom det som det är.",
        ),
    }
    m.close("div");
    m.open("div", &[("class", "story-facts")]);
    let mut people = vec![actor_label(case, &Actor::Child)];
    people.extend(
        case.guardians
            .iter()
            .map(|g| actor_label(case, &Actor::Guardian { id: g.id.clone() })),
    );
    people.extend(
        case.legal_representatives
            .iter()
            .map(|r| actor_label(case, &Actor::LegalRepresentative { id: r.id.clone() })),
    );
    let units: Vec<String> = case.care_units.iter().map(|u| u.name.clone()).collect();
    for (heading, items) in [("Personer", &people), ("Vårdenheter", &units)] {
        m.open("div", &[]);
        m.element("h3", &[], heading);
        m.open("ul", &[]);
        for item in items {
            m.element("li", &[], item);
        }
        m.close("ul");
        m.close("div");
    }
    let mut rule_sets: Vec<&str> = Vec::new();
    for segment in &timeline.segments {
        if !rule_sets.contains(&segment.rule_set_id.as_str()) {
            rule_sets.push(&segment.rule_set_id);
        }
    }
    let rule_sets: Vec<String> = rule_sets
        .iter()
        .map(|id| rule_set_short_by_id(catalog, id))
        .collect();
    m.open("div", &[]);
    m.element("h3", &[], "Regelverk");
    m.element("p", &[], &rule_sets.join(", "));
    m.close("div");
    m.close("div");
    let span = match (steps.first(), steps.last()) {
        (Some(first), Some(last)) => format!(
            "{} steg, från {} till {}. Tryck mellanslag eller ”Första steget” för att börja.",
            steps.len(),
            date_sv(first.date),
            date_sv(last.date)
        ),
        _ => "Fallet har inga steg.".into(),
    };
    m.element("p", &[("class", "story-steps")], &span);
    m.finish()
}

/// A step's heading (number and date), the child's age and the rule set answering, what
/// happens on the date, and the questions to the room.
pub fn question_markup(
    catalog: &Catalog,
    case: &Case,
    step: &Step,
    number: usize,
    count: usize,
    child_age: Option<u32>,
    rule_set_id: Option<&str>,
) -> String {
    let mut m = Markup::default();
    m.element(
        "h2",
        &[
            ("id", "trainer-stage-heading"),
            ("tabindex", "-1"),
            ("data-testid", "trainer-step-heading"),
        ],
        &format!("Steg {number} av {count}: {}", date_sv(step.date)),
    );
    let about: Vec<String> = [
        child_age.map(|age| child_age_sv(case, age)),
        rule_set_id.map(|id| format!("Regelverk: {}", rule_set_short_by_id(catalog, id))),
    ]
    .into_iter()
    .flatten()
    .collect();
    m.element("p", &[("class", "step-about")], &about.join(" · "));
    m.open("div", &[("class", "step-event")]);
    if let Some(note) = step.note {
        m.element("p", &[("class", "step-story")], note.event_sv);
    }
    if !step.announced.is_empty() {
        m.open(
            "ul",
            &[("class", "step-causes"), ("data-testid", "trainer-causes")],
        );
        for cause in &step.announced {
            m.element("li", &[], &cause_text(case, catalog, cause));
        }
        m.close("ul");
    }
    if step.note.is_none() && step.announced.is_empty() {
        m.element(
            "p",
            &[("class", "step-story")],
            "Personalen fattar ett beslut den här dagen.",
        );
    }
    m.close("div");
    m.element("h3", &[("class", "visually-hidden")], "Frågor till gruppen");
    m.open(
        "ul",
        &[
            ("class", "trainer-questions"),
            ("data-testid", "trainer-questions"),
        ],
    );
    for question in &step.questions {
        m.element("li", &[], question.text_sv());
    }
    if let Some(ask) = step.note.and_then(|n| n.ask_sv) {
        m.element("li", &[], ask);
    }
    m.close("ul");
    m.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trainer::steps;
    use crate::training_cases::training_case;
    use chrono::NaiveDate;
    use insyn_engine::timeline::timeline;

    #[test]
    fn the_question_of_a_blocking_tells_the_story_and_asks_without_naming_the_measure() {
        let catalog = Catalog::embedded();
        let training = training_case("one-guardian-risk-blocking").unwrap();
        let case = training.case();
        let timeline = timeline(catalog, &case, None, None, None).unwrap();
        let steps = steps(&case, &timeline, training.lesson.notes);
        let date = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let (index, step) = steps
            .iter()
            .enumerate()
            .find(|(_, s)| s.date == date)
            .unwrap();
        let question = question_markup(
            catalog,
            &case,
            step,
            index + 1,
            steps.len(),
            Some(9),
            Some("vgr-2026"),
        );
        assert!(question.contains(&format!(
            "Steg {} av {}: 15 juni 2026",
            index + 1,
            steps.len()
        )));
        assert!(question.contains("Elsa Test är 9 år · Regelverk: VGR 2026"));
        assert!(question.contains("Maria berättar om hoten."));
        assert!(
            question.contains("<li>Vem ser vad nu?</li><li>Vilken åtgärd skulle du välja?</li>")
        );
        assert!(!question.contains("Blockering"), "{question}");
    }

    #[test]
    fn the_story_names_the_people_units_rule_sets_and_steps_of_the_case() {
        let catalog = Catalog::embedded();
        let training = training_case("normal-family").unwrap();
        let case = training.case();
        let timeline = timeline(catalog, &case, None, None, None).unwrap();
        let steps = steps(&case, &timeline, training.lesson.notes);
        let story = story_markup(catalog, &case, &timeline, Some(training), &steps);
        assert!(story.contains("Vanlig familj utan skyddsåtgärder"));
        assert!(story.contains(training.lesson.story_sv[0]));
        assert!(story.contains("<li>Vårdnadshavare 1 (Sara Exempel)</li>"));
        assert!(story.contains("<li>BUP Centrum</li>"));
        assert!(story.contains("VGR 2019, VGR 2026"));
        assert!(story.contains("5 steg, från 2 september 2019 till 10 maj 2031."));
        let plain = story_markup(catalog, &case, &timeline, None, &steps);
        assert!(plain.contains("Fallet har ingen berättelse i Insyn"));
    }
}
