//! The built-in fictional cases for training and dialogue meetings. They are the engine's
//! example case files (engine/cases/), so the documentation, the CLI tests and the app show
//! the same situations. All names are invented; no real personnummer appears.
//!
//! Each case also has its lesson (`lessons.rs`) for the trainers' mode (utbildningsläge):
//! the story told to the room, and teaching notes for some of its dates: what happens, what
//! to ask, the key facts of the answer (who sees what, checked against the engine by the
//! tests below), the guidance lines to quote (checked against the rule data) and what to
//! discuss. The notes are plain data here, next to the cases, and nowhere else.

mod lessons;

use chrono::NaiveDate;
use insyn_engine::age::birthday;
use insyn_engine::decision::Concern;
use insyn_engine::rule_set::ParameterId;
use insyn_engine::{Actor, Capability, Case, OutcomeKind};

pub struct TrainingCase {
    pub id: &'static str,
    /// What the case is about, in Swedish, for the picker.
    pub summary_sv: &'static str,
    /// The story and the teaching notes for the trainers' mode.
    pub lesson: Lesson,
    json: &'static str,
}

/// What a trainer tells and asks the room about a built-in case.
pub struct Lesson {
    /// The case's story, told to the room before the first step (one paragraph each).
    pub story_sv: &'static [&'static str],
    /// Notes for some of the case's dates, in date order. A note's date is always a step of
    /// the case, even a date on which nothing changes ("does anything happen at 13?").
    pub notes: &'static [TeachingNote],
}

/// A teaching note for one date of a case.
#[derive(Debug, PartialEq)]
pub struct TeachingNote {
    pub on: NaiveDate,
    /// What happens in the story on the date, told to the room with the question.
    pub event_sv: &'static str,
    /// A question of the note's own, asked besides "Vem ser vad nu?".
    pub ask_sv: Option<&'static str>,
    /// The situation in the story, as the questions of "Vilken åtgärd?" name it: the
    /// answer shows the measure the rule set recommends for it (and the room is asked
    /// "Vilken åtgärd skulle du välja?").
    pub concerns: &'static [Concern],
    /// The key facts of the answer: who sees what on the date (and the day before). A test
    /// checks each against the engine.
    pub claims: &'static [Claim],
    /// The guidance lines to quote, each an excerpt of the cited line of a rule in the rule
    /// set answering on the date (a test checks it is there word for word).
    pub quotes: &'static [Quote],
    /// What to discuss with the room once the answer is shown.
    pub discuss_sv: &'static [&'static str],
}

/// A line of guidance to quote: an excerpt of the line a rule's citation quotes.
#[derive(Debug, PartialEq)]
pub struct Quote {
    pub rule: ParameterId,
    pub excerpt: &'static str,
}

/// Who sees what on a note's date: `is` on the date, `was` the day before (if the note
/// says).
#[derive(Debug, PartialEq)]
pub struct Claim {
    pub who: Who,
    pub what: What,
    pub is: OutcomeKind,
    pub was: Option<OutcomeKind>,
}

/// A person of the case, by the id the case file gives them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Who {
    Child,
    Guardian(&'static str),
    Representative(&'static str),
}

impl Who {
    pub fn actor(self) -> Actor {
        match self {
            Who::Child => Actor::Child,
            Who::Guardian(id) => Actor::Guardian { id: id.into() },
            Who::Representative(id) => Actor::LegalRepresentative { id: id.into() },
        }
    }
}

/// What a person may see: the child's account, acting as proxy, a care unit's journal (by
/// the case's id of the unit) or the journals of all other units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum What {
    Account,
    Proxy,
    Journal(&'static str),
    OtherJournals,
}

impl What {
    pub fn capability(self) -> Capability {
        match self {
            What::Account => Capability::Account,
            What::Proxy => Capability::Proxy,
            What::Journal(unit) => Capability::Journal {
                unit: Some(unit.into()),
            },
            What::OtherJournals => Capability::Journal { unit: None },
        }
    }
}

impl TrainingCase {
    pub fn case(&self) -> Case {
        // The files are tested to parse (see the test below and the engine's CLI tests).
        Case::from_json(self.json)
            .unwrap_or_else(|error| panic!("built-in case {} is invalid: {error}", self.id))
    }

    pub fn title(&self) -> String {
        // Only the title, not the case: the picker lists all fourteen as the page starts, and
        // reading each case in full (strictly, keeping positions for error messages) cost
        // several milliseconds of the start.
        serde_json::from_str::<serde_json::Value>(self.json)
            .ok()
            .and_then(|json| json.get("title")?.as_str().map(str::to_string))
            .unwrap_or_else(|| self.id.to_string())
    }

    /// The date to open the case on: today while the child is a minor, otherwise the
    /// nearest end of the child's minority.
    pub fn start_date(&self, today: NaiveDate) -> NaiveDate {
        let case = self.case();
        match case.child.birth_date {
            Some(birth) => today.clamp(birth, birthday(birth, 18)),
            None => today,
        }
    }
}

macro_rules! training_case {
    ($id:literal, $summary:literal, $lesson:expr) => {
        TrainingCase {
            id: $id,
            summary_sv: $summary,
            lesson: $lesson,
            json: include_str!(concat!("../engine/cases/", $id, ".json")),
        }
    };
}

/// The case open when the app starts.
pub const EXAMPLE_CASE_ID: &str = "normal-family";

pub static TRAINING_CASES: &[TrainingCase] = &[
    training_case!(
        "normal-family",
        "Två vårdnadshavare, inga skyddsåtgärder: se hur åtkomsten ändras vid 13 och 16 år.",
        lessons::NORMAL_FAMILY
    ),
    training_case!(
        "harm-at-home-sealing",
        "Misstanke om att barnet far illa i hemmet; två enheter förseglar, en begär upplåsning.",
        lessons::HARM_AT_HOME
    ),
    training_case!(
        "one-guardian-risk-blocking",
        "Endast en vårdnadshavare utgör risk: blockering som upphör vid 13 år (VGR 2026).",
        lessons::ONE_GUARDIAN_RISK
    ),
    training_case!(
        "honour-control-sealing",
        "Kontroll- eller hedersrelaterad problematik hos en 14-åring med utökad åtkomst.",
        lessons::HONOUR_CONTROL
    ),
    training_case!(
        "pressure-to-show-journal",
        "Någon kräver att 16-åringen visar sin journal.",
        lessons::PRESSURE_TO_SHOW
    ),
    training_case!(
        "protected-identity",
        "Barnet får skyddad identitet; försegling har ännu inte begärts.",
        lessons::PROTECTED_IDENTITY
    ),
    training_case!(
        "extended-access-13-15",
        "Kronisk sjukdom: utökad direktåtkomst för barn och vårdnadshavare 13–15 år.",
        lessons::EXTENDED_ACCESS
    ),
    training_case!(
        "sixteen-with-legal-representative",
        "16-åring med god man som fått tillgång till journalen.",
        lessons::LEGAL_REPRESENTATIVE
    ),
    training_case!(
        "change-of-custody",
        "Vårdnaden flyttas från föräldrarna till en särskilt förordnad vårdnadshavare.",
        lessons::CHANGE_OF_CUSTODY
    ),
    training_case!(
        "rjl-blocking-locks-login",
        "Jönköping: blockeringen låser även barnets inloggning, som måste låsas upp.",
        lessons::RJL_BLOCKING
    ),
    training_case!(
        "leap-day-child",
        "Barn fött 29 februari: 13-årsdagen infaller 28 februari.",
        lessons::LEAP_DAY
    ),
    training_case!(
        "reservnummer-child",
        "Barn med reservnummer: ingen inloggning i 1177.",
        lessons::RESERVNUMMER
    ),
    training_case!(
        "rjl-login-lock-child-request",
        "Jönköping: en 15-åring begär själv att inloggningen låses; journalen öppnas ändå vid 16 år.",
        lessons::RJL_LOGIN_LOCK
    ),
    training_case!(
        "blocking-extended-for-one-guardian",
        "Blockering av båda vårdnadshavarna, som förlängs för den ena och bryts för den andra.",
        lessons::BLOCKING_EXTENSION
    ),
];

pub fn training_case(id: &str) -> Option<&'static TrainingCase> {
    TRAINING_CASES.iter().find(|c| c.id == id)
}

pub fn example_case() -> &'static TrainingCase {
    training_case(EXAMPLE_CASE_ID).expect("the example case is built in")
}

#[cfg(test)]
mod tests {
    use super::*;
    use insyn_engine::case::MeasureType;
    use insyn_engine::decision::{recommend, Answers};
    use insyn_engine::timeline::timeline;
    use insyn_engine::{evaluate, Catalog, Evaluation};

    #[test]
    fn every_built_in_case_parses_and_has_a_title() {
        assert!(TRAINING_CASES.len() >= 8);
        for case in TRAINING_CASES {
            assert!(case.case().title.is_some(), "{}", case.id);
            // The picker reads the title alone; it is the case's.
            assert_eq!(Some(case.title()), case.case().title, "{}", case.id);
        }
    }

    /// The engine's answer for a built-in case on a date.
    fn answer(training: &TrainingCase, date: NaiveDate) -> Evaluation<'static> {
        evaluate(Catalog::embedded(), &training.case(), date, None)
            .unwrap_or_else(|e| panic!("{} on {date}: {}", training.id, e.message_sv()))
    }

    fn outcome(evaluation: &Evaluation, who: Who, what: What) -> Option<OutcomeKind> {
        evaluation
            .cell(&who.actor(), &what.capability())
            .map(|c| c.outcome.kind())
    }

    fn notes() -> impl Iterator<Item = (&'static TrainingCase, &'static TeachingNote)> {
        TRAINING_CASES
            .iter()
            .flat_map(|t| t.lesson.notes.iter().map(move |n| (t, n)))
    }

    #[test]
    fn there_are_fourteen_cases_each_with_a_story_and_notes_in_date_order_within_its_childhood() {
        assert!(TRAINING_CASES.len() >= 14);
        for training in TRAINING_CASES {
            let lesson = &training.lesson;
            assert!(!lesson.story_sv.is_empty(), "{}: no story", training.id);
            assert!(!lesson.notes.is_empty(), "{}: no notes", training.id);
            assert!(
                lesson.notes.windows(2).all(|w| w[0].on < w[1].on),
                "{}: notes out of date order",
                training.id
            );
            assert!(
                lesson.notes.iter().any(|n| !n.quotes.is_empty()),
                "{}: quotes no guidance",
                training.id
            );
            let timeline = timeline(Catalog::embedded(), &training.case(), None, None, None)
                .unwrap_or_else(|e| panic!("{}: {}", training.id, e.message_sv()));
            for note in lesson.notes {
                assert!(
                    note.on >= timeline.from && note.on <= timeline.to,
                    "{} {}: outside the timeline {}–{}",
                    training.id,
                    note.on,
                    timeline.from,
                    timeline.to
                );
                assert!(!note.event_sv.is_empty() && !note.claims.is_empty());
                assert!(!note.discuss_sv.is_empty(), "{} {}", training.id, note.on);
            }
        }
    }

    #[test]
    fn every_claim_of_every_note_holds_for_the_engines_answer_on_its_date_and_the_day_before() {
        for (training, note) in notes() {
            let on = answer(training, note.on);
            let before = note.on.pred_opt().unwrap();
            for claim in note.claims {
                let place = format!(
                    "{} {}: {:?} × {:?}",
                    training.id, note.on, claim.who, claim.what
                );
                assert_eq!(
                    outcome(&on, claim.who, claim.what),
                    Some(claim.is),
                    "{place}"
                );
                if let Some(was) = claim.was {
                    let day_before = answer(training, before);
                    assert_eq!(
                        outcome(&day_before, claim.who, claim.what),
                        Some(was),
                        "{place}, the day before"
                    );
                }
            }
        }
    }

    #[test]
    fn every_quoted_line_is_in_the_rule_data_of_the_rule_set_answering_on_its_date() {
        let catalog = Catalog::embedded();
        for (training, note) in notes() {
            let case = training.case();
            let rule_set = catalog
                .resolve(&case.region, case.pinned_rule_set.as_deref(), note.on)
                .unwrap();
            for quote in note.quotes {
                let citation = rule_set.parameters.citation(quote.rule);
                assert!(
                    !quote.excerpt.trim().is_empty() && citation.quote.contains(quote.excerpt),
                    "{} {}: {} does not quote “{}” in {} (it quotes “{}”)",
                    training.id,
                    note.on,
                    quote.rule.name(),
                    quote.excerpt,
                    rule_set.id,
                    citation.quote
                );
                let known = rule_set.source(&citation.source).is_some()
                    || catalog
                        .rule_sets
                        .iter()
                        .any(|r| r.source(&citation.source).is_some());
                assert!(known, "{}: no source {}", training.id, citation.source);
            }
        }
    }

    #[test]
    fn every_situation_a_note_names_is_answered_by_the_measure_the_case_takes_or_a_demand_of_the_rules(
    ) {
        let catalog = Catalog::embedded();
        let mut situations = 0;
        for (training, note) in notes().filter(|(_, n)| !n.concerns.is_empty()) {
            situations += 1;
            let case = training.case();
            let rule_set = catalog.resolve(&case.region, None, note.on).unwrap();
            let advice = recommend(
                rule_set,
                &Answers {
                    yes: note.concerns.to_vec(),
                    risk_guardian: None,
                },
            );
            assert!(!advice.measures.is_empty(), "{} {}", training.id, note.on);
            let taken: Vec<MeasureType> = case
                .measures
                .iter()
                .filter(|m| m.period.from == note.on)
                .map(|m| m.kind.measure_type())
                .filter(|t| crate::trainer::protective(*t))
                .collect();
            if taken.is_empty() {
                // The case lacks the measure: the rules must say so as an action for staff.
                assert!(
                    !answer(training, note.on).required_actions.is_empty(),
                    "{} {}: recommends {:?}, the case takes none and the rules demand nothing",
                    training.id,
                    note.on,
                    advice.measures
                );
            } else {
                for measure in taken {
                    assert!(
                        advice.measures.contains(&measure),
                        "{} {}: takes {measure:?}, the guidance recommends {:?}",
                        training.id,
                        note.on,
                        advice.measures
                    );
                }
            }
        }
        assert!(situations >= 5);
    }

    #[test]
    fn no_story_or_note_shows_the_room_an_id_of_the_case_or_a_rule() {
        for training in TRAINING_CASES {
            let case = training.case();
            let mut ids: Vec<String> = case
                .guardians
                .iter()
                .map(|g| g.id.clone())
                .chain(case.legal_representatives.iter().map(|r| r.id.clone()))
                .chain(case.measures.iter().map(|m| m.id.clone()))
                .chain(
                    case.care_units
                        .iter()
                        .map(|u| u.id.clone())
                        .filter(|id| id.contains(|c: char| c == '-' || c.is_ascii_digit())),
                )
                .collect();
            ids.extend(ParameterId::ALL.iter().map(|p| p.name().to_string()));
            let lesson = &training.lesson;
            let texts = lesson
                .story_sv
                .iter()
                .chain(lesson.notes.iter().flat_map(|n| {
                    std::iter::once(&n.event_sv)
                        .chain(n.ask_sv.iter())
                        .chain(n.discuss_sv.iter())
                }));
            for text in texts {
                for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')) {
                    assert!(
                        !ids.iter().any(|id| id == word),
                        "{}: “{word}” in “{text}”",
                        training.id
                    );
                }
            }
        }
    }
}
